"""Examples per second from ``xueji.strategies.resident_ids()`` under ``@given``.

    python bench/bench_strategies.py [--n 5000] [--rounds 5]

Times ``@given`` tests with ``max_examples=n``, the database off and only the generate
phase, so each figure is what a test suite pays per example, Hypothesis's own work
included. The reference is ``st.integers(0, 2**40)`` in the same run (goal: resident_ids()
at 85 % of its rate or better). The floor beside it is the one draw resident_ids() makes,
``st.binary(min_size=10, max_size=10)``, without turning it into a number: Hypothesis's
cost per example, which no strategy with a draw can beat. The strategies run in turn in
each round; each keeps its best round (CPU time), and the spread of the per-round ratios
to the reference is printed too.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from _common import machine, rounds
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from xueji.strategies import registry_numbers, resident_id_texts, resident_ids

REFERENCE = "st.integers(0, 2**40) (the reference)"


def runner(strategy: st.SearchStrategy[object], n: int) -> Callable[[], None]:
    """A @given test over ``strategy``, ``n`` examples a run (checked)."""
    count = [0]

    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None)
    @given(strategy)
    def test(_value: object) -> None:
        count[0] += 1

    def run() -> None:
        count[0] = 0
        test()
        if count[0] != n:
            raise SystemExit(f"{count[0]} examples, not {n}: the strategy ran out of values")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    strategies: dict[str, st.SearchStrategy[object]] = {
        REFERENCE: st.integers(0, 2**40),
        "floor: the one draw of resident_ids(), undecoded": st.binary(min_size=10, max_size=10),
        "xueji.strategies.resident_ids()": resident_ids(),
        "xueji.strategies.registry_numbers()": registry_numbers(),
        "xueji.strategies.resident_id_texts(messy=True)": resident_id_texts(messy=True),
    }
    runs = {name: runner(strategy, args.n) for name, strategy in strategies.items()}
    for run in runs.values():  # warm up: strategy validation, first-use tables
        run()
    times = rounds(list(runs.items()), args.rounds)
    reference = times[REFERENCE]
    for name, t in times.items():
        per_round = [r / o for r, o in zip(reference.cpu, t.cpu, strict=True)]
        print(
            f"{name:<48}{args.n / t.best:>9,.0f} examples/s  "
            f"{reference.best / t.best:>5.0%} of the reference "
            f"(rounds {min(per_round):.0%}-{max(per_round):.0%}; "
            f"by wall time {min(reference.wall) / min(t.wall):.0%})"
        )
    print("goal: resident_ids() at 85 % of the reference or better")
    print(machine())


if __name__ == "__main__":
    main()
