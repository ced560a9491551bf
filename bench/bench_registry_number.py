"""RegistryNumber speed against python-stdnum, and the speed of making and allocating numbers.

    python bench/bench_registry_number.py [--n 200000]

Over the benchmark data set (``bench/dataset.py``) with a ``G`` in front, in one process:
``RegistryNumber.parse`` against ``stdnum.cn.ric.validate`` (the same try/except loop;
the goal is at least 10x); ``make_registry_number`` and ``allocate`` from an empty bucket
in numbers per second (goal 150,000/s each); and the time to allocate the last free
number of a bucket with 998 of its 999 sequences taken (goal under 1 ms, best of 50).
"""

from __future__ import annotations

import argparse
import datetime
import random
import time

from _common import best_of, dataset, loop, row
from stdnum.cn import ric

import xueji
from xueji import RegistryKind, allocate, make_registry_number

REGIONS = ("110105", "310115", "440305", "650102")


def parts(n: int, seed: int = 7) -> list[tuple[RegistryKind, str, datetime.date, int]]:
    """``n`` random (kind, region, birth date, sequence) tuples, fixed by ``seed``."""
    rng = random.Random(seed)
    first = datetime.date(2005, 1, 1).toordinal()
    return [
        (
            rng.choice((RegistryKind.L, RegistryKind.J)),
            rng.choice(REGIONS),
            datetime.date.fromordinal(first + rng.randrange(7000)),
            rng.randrange(1000),
        )
        for _ in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    args = parser.parse_args()
    ids, _ = dataset(args.n)
    data = ["G" + s for s in ids]
    n = len(data)

    ours = sum(map(xueji.RegistryNumber.is_valid, data))
    print(f"G numbers accepted by xueji: {ours:,} of {n:,}")

    base = best_of(loop(ric.validate, ids))
    print(row("stdnum.cn.ric.validate (the bare IDs)", n, base, base))
    t = best_of(loop(xueji.RegistryNumber.parse, data))
    print(row("xueji.RegistryNumber.parse (G + ID)", n, t, base))
    t = best_of(loop(xueji.RegistryNumber.is_valid, data))
    print(row("xueji.RegistryNumber.is_valid (G + ID)", n, t, base))

    todo = parts(n)

    def make_all() -> None:
        for kind, region, born, sequence in todo:
            make_registry_number(kind, region_code=region, birth_date=born, sequence=sequence)

    def allocate_all() -> None:
        for kind, region, born, _ in todo:
            allocate(kind, region_code=region, birth_date=born, taken=())

    rng = random.Random(11)

    def allocate_random() -> None:
        for kind, region, born, _ in todo:
            allocate(kind, region_code=region, birth_date=born, taken=(), rng=rng)

    print(row("make_registry_number", n, best_of(make_all), None))
    print(row("allocate (empty taken, lowest free)", n, best_of(allocate_all), None))
    print(row("allocate (empty taken, random.Random)", n, best_of(allocate_random), None))

    day = datetime.date(2015, 9, 1)
    full = {
        str(make_registry_number(RegistryKind.L, region_code="110105", birth_date=day, sequence=s))
        for s in range(1, 1000)
    }
    for last, label in [(999, "the last"), (500, "a middle")]:
        taken = full - {
            str(
                make_registry_number(
                    RegistryKind.L, region_code="110105", birth_date=day, sequence=last
                )
            )
        }
        for seeded in (False, True):
            times = []
            for i in range(50):
                start = time.perf_counter()
                got = allocate(
                    RegistryKind.L,
                    region_code="110105",
                    birth_date=day,
                    taken=taken,
                    rng=random.Random(i) if seeded else None,
                )
                times.append(time.perf_counter() - start)
                assert got.value[15:18] == f"{last:03d}"
            how = "random.Random" if seeded else "lowest free"
            print(
                f"allocate {label} free of 999 (998 taken, {how}):".ljust(60)
                + f"best {min(times) * 1000:.3f} ms, median {sorted(times)[25] * 1000:.3f} ms"
            )


if __name__ == "__main__":
    main()
