"""Thread safety: parsing, checking and allocating from many threads give one thread's results.

Eight threads start together at a barrier, with a tiny switch interval so that they
interleave often, and each works through the same inputs in its own order. Lazy
first-use state (the numpy tables of the vectorised checker, the region-name table, the
country list) is process-global and already warm here, so the first-use race runs in a
fresh interpreter.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import json
import random
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from xueji import (
    Check,
    Kind,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    Sex,
    allocate,
    check,
    check_many,
    make_registry_number,
    make_resident_id,
)
from xueji._regions import KNOWN_CODES

T = TypeVar("T")
THREADS = 8
CODES = sorted(KNOWN_CODES)


def inputs(seed: int, n: int) -> list[object]:
    """Valid numbers of every kind, damaged ones and junk, in a fixed random order."""
    rng = random.Random(seed)
    out: list[object] = [None, 1.10105194912310e17, b"x", "", "   ", "2111010001", "9911010001"]
    for _ in range(n):
        born = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(45_000))
        code = rng.choice(CODES)
        rid = str(make_resident_id(region_code=code, birth_date=born, sequence=rng.randrange(1000)))
        kind = rng.choice([RegistryKind.L, RegistryKind.J])
        number = str(
            make_registry_number(
                kind, region_code=code, birth_date=born, sequence=rng.randrange(1000)
            )
        )
        out += [rid, "G" + rid, number, f" {rid.lower()} ", rid[:-1] + "0", number[:-1], rid + "1"]
        out += [
            f"9{code[:2]}398{rid[6:]}",
            f"{rng.choice('12345')}{code[:2]}{rng.randrange(10**6):06d}",
        ]
    rng.shuffle(out)
    return out


VALUES = inputs(20261128, 400)


def parsed(text: object) -> tuple[object, ...]:
    """Everything the parsers say about ``text``: validity, value or reason, derived fields."""

    def outcome(parse: Callable[[object], object]) -> object:
        try:
            value = parse(text)
        except Exception as err:
            return type(err).__name__, getattr(err, "reason", None)
        return repr(value), str(value)

    rid_fields: object = None
    if ResidentID.is_valid(text):
        rid = ResidentID.parse(text)  # type: ignore[arg-type]
        rid_fields = (rid.birth_date, rid.sex, rid.document, rid.region)
    return (
        ResidentID.is_valid(text),
        RegistryNumber.is_valid(text),
        SchoolCode.is_valid(text),
        outcome(ResidentID.parse),  # type: ignore[arg-type]
        outcome(RegistryNumber.parse),  # type: ignore[arg-type]
        outcome(SchoolCode.parse),  # type: ignore[arg-type]
        rid_fields,
    )


def checked(text: object) -> tuple[Check, ...]:
    return tuple(check(text, expect=kind) for kind in (None, *Kind))


def report_state(values: list[object], *, vectorise: bool) -> tuple[object, ...]:
    report = check_many(values, vectorise=vectorise)
    return tuple(report), report.ok_mask(), report.summary(), report.values()


def allocations(seed: int) -> list[str]:
    """A run of allocations with one seeded generator: the same seed, the same numbers."""
    rng = random.Random(seed)
    taken: set[str] = set()
    born = datetime.date(2015, 1, 1) + datetime.timedelta(days=seed % 365)
    for i in range(300):
        kind = RegistryKind.L if i % 2 else RegistryKind.J
        sex = (Sex.MALE, Sex.FEMALE, None)[i % 3]
        number = allocate(
            kind, region_code="110105", birth_date=born, taken=taken, sex=sex, rng=rng
        )
        taken.add(str(number))
    return sorted(taken)


@pytest.fixture(autouse=True)
def _frequent_switches() -> Iterator[None]:
    # Switch threads every microsecond instead of every 5 ms: many more interleavings.
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def together(work: Callable[[int], T], threads: int = THREADS) -> list[T]:
    """``work(i)`` for i in range(threads), all started at once by a barrier."""
    barrier = threading.Barrier(threads)

    def run(i: int) -> T:
        barrier.wait(timeout=30)
        return work(i)

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, range(threads)))


def in_own_order(i: int, items: list[T]) -> Iterator[tuple[int, T]]:
    """``items`` with their indices, in an order of their own for thread ``i``."""
    order = list(range(len(items)))
    random.Random(i).shuffle(order)
    for k in order:
        yield k, items[k]


def test_parsing_from_eight_threads_gives_the_single_threaded_results() -> None:
    expected = [parsed(text) for text in VALUES]

    def work(i: int) -> list[tuple[object, ...]]:
        got: list[tuple[object, ...]] = [()] * len(VALUES)
        for k, text in in_own_order(i, VALUES):
            got[k] = parsed(text)
        return got

    results = together(work)
    assert all(result == expected for result in results)
    assert any(row[0] for row in expected)
    assert not all(row[0] for row in expected)


def test_checking_one_value_at_a_time_from_eight_threads_gives_the_single_threaded_results() -> (
    None
):
    expected = [checked(text) for text in VALUES]

    def work(i: int) -> list[tuple[Check, ...]]:
        got: list[tuple[Check, ...]] = [()] * len(VALUES)
        for k, text in in_own_order(i, VALUES):
            got[k] = checked(text)
        return got

    assert all(result == expected for result in together(work))


@pytest.mark.parametrize("vectorise", [False, True], ids=["scalar", "vectorised"])
def test_check_many_from_eight_threads_gives_the_single_threaded_report(vectorise: bool) -> None:
    expected = report_state(VALUES, vectorise=vectorise)
    assert expected == report_state(VALUES, vectorise=not vectorise)  # both paths agree

    def work(i: int) -> list[tuple[object, ...]]:
        return [report_state(VALUES, vectorise=vectorise) for _ in range(3)]

    for result in together(work):
        assert result == [expected] * 3


def test_allocating_with_a_seeded_generator_per_thread_gives_the_single_threaded_numbers() -> None:
    seeds = [3, 1, 4, 1, 5, 9, 2, 6]
    expected = {seed: allocations(seed) for seed in seeds}
    results = together(lambda i: allocations(seeds[i]))
    assert results == [expected[seed] for seed in seeds]
    assert all(len(numbers) == 300 for numbers in results)


# -- first use, in a fresh interpreter ---------------------------------------------------------

FIRST_USE = textwrap.dedent(
    """
    import hashlib, json, sys, threading
    sys.setswitchinterval(1e-6)
    import xueji
    from xueji import _regions

    cold = not any(
        name in sys.modules
        for name in ("xueji._region_names", "xueji._countries", "xueji._vector", "numpy")
    ) and _regions.known_countries.cache_info().currsize == 0

    values = json.loads(sys.stdin.read())

    def digest():
        report = xueji.check_many(values, vectorise=True)
        parts = [
            [(c.ok, c.kind, c.value, [(p.reason, p.message) for p in c.problems]) for c in report],
            report.summary(),
            [
                xueji.ResidentID.parse(v).region
                for v in values
                if xueji.ResidentID.is_valid(v)
            ],
            [xueji.ResidentID.is_valid(v) for v in values],  # foreign cards load the countries
            [_regions.country_name(code) for code in ("398", "156", "999", "840")],
            [_regions.is_country(code) for code in ("398", "156", "999", "840")],
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    threads = int(sys.argv[1])
    barrier = threading.Barrier(threads)
    digests = [None] * threads
    errors = []

    def run(i):
        try:
            barrier.wait(timeout=30)
            digests[i] = digest()
        except BaseException as err:
            errors.append(repr(err))

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps({"cold": cold, "digests": digests, "after": digest(), "errors": errors}))
    """
)


def first_use(threads: int) -> dict[str, object]:
    text_values = [v for v in VALUES if isinstance(v, str)]
    result = subprocess.run(
        [sys.executable, "-c", FIRST_USE, str(threads)],
        input=json.dumps(text_values),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    out: dict[str, object] = json.loads(result.stdout)
    return out


def test_first_use_of_the_lazy_tables_from_eight_threads_agrees_with_one_thread() -> None:
    reference = first_use(1)
    assert reference["cold"] is True
    assert reference["errors"] == []
    digests = reference["digests"]
    assert isinstance(digests, list)
    assert len(digests) == 1
    single = digests[0]
    assert isinstance(single, str)
    assert single == reference["after"]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(first_use, [THREADS] * 4))
    for run in runs:
        assert run["cold"] is True  # the tables were not loaded before the threads started
        assert run["errors"] == []
        assert run["digests"] == [single] * THREADS
        assert run["after"] == single
