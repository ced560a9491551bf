"""ResidentID speed against python-stdnum, in one process, on the benchmark data set.

    python bench/bench_resident_id.py [--n 200000] [--rounds 3]

The contenders run in turn within each round, in the same ``try``/``except`` loop over
the same 200,000 seeded IDs: ``stdnum.cn.ric.is_valid`` against ``ResidentID.is_valid``
(goal: at least 50 times as fast), ``stdnum.cn.ric.validate`` against ``ResidentID.parse``
(goal: 30 times; both raise on invalid input and return the number otherwise). Prints
each contender's best round and the ratios, with their spread over the rounds.
The cold start is `bench_cold_start.py`.
"""

from __future__ import annotations

import argparse

from _common import dataset, loop, machine, ratio, rounds, row
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

    times = rounds(
        {
            "stdnum.cn.ric.is_valid": loop(ric.is_valid, data),
            "xueji.ResidentID.is_valid": loop(xueji.ResidentID.is_valid, data),
            "stdnum.cn.ric.validate": loop(ric.validate, data),
            "xueji.ResidentID.parse": loop(xueji.ResidentID.parse, data),
        },
        args.rounds,
    )
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
