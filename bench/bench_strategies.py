"""Examples per second from ``xueji.strategies.resident_ids()`` under ``@given``.

    python bench/bench_strategies.py [--n 20000]

Times a ``@given`` test with ``max_examples=n``, the database off and only the generate
phase, so the figure is what a test suite pays per example. Hypothesis's own cost per
example is most of it: the script also times ``st.integers()`` and a tuple of three
bounded integers (the draws ``resident_ids()`` makes) on the same machine, as the floor.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from _common import best_of
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from xueji.strategies import registry_numbers, resident_id_texts, resident_ids


def runner(strategy: st.SearchStrategy[object], n: int) -> tuple[Callable[[], None], list[int]]:
    """A @given test over ``strategy`` and the list its example count goes into."""
    count = [0]

    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None)
    @given(strategy)
    def run(_value: object) -> None:
        count[0] += 1

    return run, count


def rate(name: str, strategy: st.SearchStrategy[object], n: int) -> float:
    run, count = runner(strategy, n)
    run()  # warm up: strategy validation, first-use tables
    count[0] = 0
    seconds = best_of(run, repeat=1)  # one timed run: 20,000 examples take seconds each
    per_second = count[0] / seconds
    print(f"{name:<50}{count[0]:>9,}{seconds:>9.3f}s{per_second:>12,.0f}/s")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    floor = rate("st.integers() (Hypothesis floor)", st.integers(), args.n)
    rate(
        "st.tuples(3 bounded integers)",
        st.tuples(st.integers(0, 2**32), st.integers(-(10**6), 10**6), st.integers(1, 999)),
        args.n,
    )
    ours = rate("xueji.strategies.resident_ids()", resident_ids(), args.n)
    rate("xueji.strategies.registry_numbers()", registry_numbers(), args.n)
    rate("xueji.strategies.resident_id_texts(messy=True)", resident_id_texts(messy=True), args.n)
    print(f"resident_ids() runs at {ours / floor:.0%} of the st.integers() rate; goal 5,000/s")


if __name__ == "__main__":
    main()
