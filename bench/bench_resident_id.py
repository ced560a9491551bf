"""ResidentID speed against python-stdnum, in one process, on the benchmark data set.

    python bench/bench_resident_id.py [--n 200000] [--rounds 3]

The contenders run the same ``try``/``except`` loop over the same 200,000 seeded IDs, in
parts of 10,000 IDs taken in turn (`_common.interleave`): ``stdnum.cn.ric.is_valid``
against ``ResidentID.is_valid`` (goal: at least 50 times as fast), and
``stdnum.cn.ric.validate`` against ``ResidentID.parse`` (goal: 30 times; both raise on
invalid input and return the number otherwise). Prints
each contender's best round and the ratios, with their spread over the rounds.
The cold start is `bench_cold_start.py`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from _common import dataset, interleave, loop, machine, ratio, rounds, row, slices
from stdnum.cn import ric

import xueji


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data, labels = dataset(args.n)
    n = len(data)

    ours = [xueji.ResidentID.is_valid(s) for s in data]
    print(f"accepted by xueji: {sum(ours):,} of {n:,}; labelled valid: {labels.count('valid'):,}")
    print(machine())

    functions: dict[str, Callable[[str], object]] = {
        "stdnum.cn.ric.is_valid": ric.is_valid,
        "xueji.ResidentID.is_valid": xueji.ResidentID.is_valid,
        "stdnum.cn.ric.validate": ric.validate,
        "xueji.ResidentID.parse": xueji.ResidentID.parse,
    }
    parts = slices(data, 10_000)
    schedule = interleave(
        {name: [loop(f, part) for part in parts] for name, f in functions.items()}
    )
    times = rounds(schedule, args.rounds)
    for name, base in [
        ("stdnum.cn.ric.is_valid", "stdnum.cn.ric.is_valid"),
        ("xueji.ResidentID.is_valid", "stdnum.cn.ric.is_valid"),
        ("stdnum.cn.ric.validate", "stdnum.cn.ric.validate"),
        ("xueji.ResidentID.parse", "stdnum.cn.ric.validate"),
    ]:
        print(row(name, n, times[name], times[base].best))
    valid = ratio(times["stdnum.cn.ric.is_valid"], times["xueji.ResidentID.is_valid"])
    parse = ratio(times["stdnum.cn.ric.validate"], times["xueji.ResidentID.parse"])
    print(f"ResidentID.is_valid: {valid} stdnum's is_valid; goal 50x")
    print(f"ResidentID.parse:    {parse} stdnum's validate; goal 30x")
    print(machine())


if __name__ == "__main__":
    main()
