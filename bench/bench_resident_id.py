"""ResidentID speed against python-stdnum, in one process, on the benchmark data set.

    python bench/bench_resident_id.py [--n 200000] [--no-cold]

Prints throughput and the ratio to ``stdnum.cn.ric.is_valid`` / ``validate``, then the
cold start (fresh interpreter: import plus one call, best of 5) and its peak RSS above a
bare interpreter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from _common import best_of, dataset, loop, row
from stdnum.cn import ric

import xueji

COLD = """
import resource, time
t = time.perf_counter()
{stmt}
dt = time.perf_counter() - t
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def cold(stmt: str) -> tuple[float, float]:
    """Best of 5 fresh interpreters: (seconds, peak RSS in MiB)."""
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(stmt=stmt)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        runs.append((float(out[0]), int(out[1]) / 1024))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--no-cold", action="store_true")
    args = parser.parse_args()
    data, labels = dataset(args.n)
    n = len(data)

    ours = [xueji.ResidentID.is_valid(s) for s in data]
    print(f"accepted by xueji: {sum(ours):,} of {n:,}; labelled valid: {labels.count('valid'):,}")

    base = best_of(loop(ric.is_valid, data))
    print(row("stdnum.cn.ric.is_valid", n, base, base))
    t = best_of(loop(xueji.ResidentID.is_valid, data))
    print(row("xueji.ResidentID.is_valid", n, t, base))
    t = best_of(lambda: sum(map(xueji.ResidentID.is_valid, data)))
    print(row("xueji.ResidentID.is_valid (map)", n, t, base))

    vbase = best_of(loop(ric.validate, data))
    print(row("stdnum.cn.ric.validate", n, vbase, vbase))
    t = best_of(loop(xueji.ResidentID.parse, data))
    print(row("xueji.ResidentID.parse (object built)", n, t, vbase))

    if not args.no_cold:
        _, bare_rss = cold("pass")
        for label, stmt in [
            ("xueji", "import xueji; xueji.ResidentID.is_valid('11010519491231002X')"),
            ("stdnum", "from stdnum.cn import ric; ric.is_valid('11010519491231002X')"),
        ]:
            t, rss = cold(stmt)
            print(f"cold start {label:<8}{t * 1000:7.1f} ms  peak RSS +{rss - bare_rss:5.1f} MiB")


if __name__ == "__main__":
    main()
