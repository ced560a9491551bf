"""Hostile sizes and shapes: huge strings, a million junk rows, deep and looping containers.

Every entry point that takes outside data must answer in bounded time and memory, without
recursing into containers, and raise nothing but xueji's own errors (``is_valid``, ``check``,
``check_many``, ``check_row`` and ``find_duplicates`` raise nothing at all). Over-long text
must be refused before it is cleaned, so a 10 MB string costs no more than a few copies.
"""

from __future__ import annotations

import collections
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from xueji import (
    Check,
    Reason,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    XuejiError,
    check,
    check_many,
    check_row,
    find_duplicates,
)

# CPU time of this process: other work on a shared machine does not count against a bound.
SINGLE_SECONDS = 2.0
MILLION_SECONDS = 30.0
PEAK_BYTES = 50 * 2**20
TEN_MB = 10 * 2**20


def deep_list(depth: int) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(depth):
        child: list[Any] = []
        node.append(child)
        node = child
    return root


def deep_dict(depth: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    node = root
    for _ in range(depth):
        child: dict[str, Any] = {}
        node["next"] = child
        node = child
    return root


def looped_list() -> list[Any]:
    loop: list[Any] = ["11010519491231002X"]
    loop.append(loop)
    return loop


def looped_dict() -> dict[str, Any]:
    loop: dict[str, Any] = {"id": "11010519491231002X"}
    loop["self"] = loop
    return loop


HOSTILE: dict[str, Callable[[], object]] = {
    "10 MB of digits": lambda: "1" * TEN_MB,
    "10 MB with spaces around": lambda: " " + "1" * TEN_MB + " ",
    "10 MB of full-width digits": lambda: "１" * (TEN_MB // 2),
    "10 MB of lowercase x": lambda: "x" * TEN_MB,
    "10 MB of hyphens": lambda: "-" * TEN_MB,
    "10 MB of bytes": lambda: b"1" * TEN_MB,
    "list 100,000 deep": lambda: deep_list(100_000),
    "dict 100,000 deep": lambda: deep_dict(100_000),
    "list containing itself": looped_list,
    "dict containing itself": looped_dict,
}

#: (hostile value, function) pairs known to exceed the memory bound, with the reason.
OVER_MEMORY: dict[tuple[str, str], str] = {}

FIELDS = ("resident_id", "registry_number", "school_code", "birth_date", "sex", "name")


def raising(parse: Callable[..., object]) -> Callable[[object], object]:
    """``parse``, which must refuse the value with a XuejiError (any other error escapes)."""

    def call(value: object) -> object:
        with pytest.raises(XuejiError) as excinfo:
            parse(value)
        assert isinstance(excinfo.value.reason, Reason)
        assert len(str(excinfo.value)) < 500  # the message does not echo the input
        return excinfo.value

    return call


def as_row(value: object) -> object:
    result = check_row({"cell": value}, columns=dict.fromkeys(FIELDS, "cell"))
    assert not result.ok
    return result


def as_cells(value: object) -> object:
    rows = [dict.fromkeys(FIELDS, value), dict.fromkeys(FIELDS, value)]
    groups = find_duplicates(
        rows, columns={field: field for field in FIELDS if field != "school_code"}
    )
    assert isinstance(groups, list)
    return groups


def checked(value: object) -> object:
    result = check(value)
    assert isinstance(result, Check)
    assert not result.ok
    return result


def checked_many(value: object) -> object:
    for vectorise in (False, True):
        report = check_many([value, "11010519491231002X", value], vectorise=vectorise)
        assert report.ok_mask() == [False, True, False]
        assert report.summary().rows == 3
    return report


def never_valid(is_valid: Callable[[object], bool]) -> Callable[[object], object]:
    def call(value: object) -> object:
        assert is_valid(value) is False
        return False

    return call


FUNCTIONS: dict[str, Callable[[object], object]] = {
    "check": checked,
    "check_many": checked_many,
    "ResidentID.parse": raising(ResidentID.parse),
    "ResidentID.from_legacy": raising(ResidentID.from_legacy),
    "ResidentID.is_valid": never_valid(ResidentID.is_valid),
    "RegistryNumber.parse": raising(RegistryNumber.parse),
    "RegistryNumber.is_valid": never_valid(RegistryNumber.is_valid),
    "SchoolCode.parse": raising(SchoolCode.parse),
    "SchoolCode.is_valid": never_valid(SchoolCode.is_valid),
    "ResidentID()": raising(ResidentID),
    "RegistryNumber()": raising(RegistryNumber),
    "SchoolCode()": raising(SchoolCode),
    "check_row": as_row,
    "find_duplicates": as_cells,
}


def cases() -> Iterator[Any]:
    for value_name in HOSTILE:
        for function_name in FUNCTIONS:
            reason = OVER_MEMORY.get((value_name, function_name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(
                value_name, function_name, id=f"{function_name}-{value_name}", marks=marks
            )


@pytest.fixture(scope="module")
def hostile_values() -> dict[str, object]:
    return {name: build() for name, build in HOSTILE.items()}


@pytest.mark.parametrize(("value_name", "function_name"), list(cases()))
def test_a_hostile_value_is_answered_in_bounded_time_and_memory(
    hostile_values: dict[str, object], value_name: str, function_name: str
) -> None:
    value = hostile_values[value_name]
    function = FUNCTIONS[function_name]
    function(value)  # warm up: lazy tables and imports are not the input's cost
    tracemalloc.start()
    start = time.process_time()
    try:
        function(value)
        elapsed = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < SINGLE_SECONDS
    assert peak < PEAK_BYTES


@pytest.mark.parametrize("parse", [ResidentID.parse, RegistryNumber.parse, SchoolCode.parse])
def test_an_over_long_string_is_refused_for_its_length(parse: Callable[[str], object]) -> None:
    with pytest.raises(XuejiError) as excinfo:
        parse(" " + "1" * TEN_MB + " ")
    assert excinfo.value.reason is Reason.LENGTH


def test_a_self_referential_container_is_not_text() -> None:
    for value in (looped_list(), looped_dict(), deep_list(100_000), deep_dict(100_000)):
        result = check(value)
        assert [p.reason for p in result.problems] == [Reason.NOT_TEXT]
        with pytest.raises(XuejiError) as excinfo:
            ResidentID.parse(value)  # type: ignore[arg-type]
        assert excinfo.value.reason is Reason.NOT_TEXT


JUNK: list[object] = [
    None,
    1.5,
    float("nan"),
    float("inf"),
    -0.0,
    1.10105194912310e17,
    110105194912310021,
    2**80,
    -1,
    True,
    b"11010519491231002X",
    bytearray(b"x"),
    "",
    " ",
    "x",
    "G1",
    "11010519491231002X",
    "１１０１０５１９４９１２３１００２Ｘ",
    "\x00" * 18,
    "\ud800" * 18,
    {"id": "11010519491231002X"},
    {},
    [],
    (),
    {1, 2},
    looped_list(),
    looped_dict(),
    deep_list(1000),
]


def test_a_million_junk_values_are_checked_in_bounded_time_with_the_scalar_results() -> None:
    column = [JUNK[i % len(JUNK)] for i in range(1_000_000)]
    start = time.process_time()
    report = check_many(column)  # over 20,000 values: the vectorised path
    summary = report.summary()
    mask = report.ok_mask()
    elapsed = time.process_time() - start
    assert elapsed < MILLION_SECONDS
    # Each junk value repeats: the counts follow from checking each one once.
    one_by_one = [check(value) for value in JUNK]
    repeats = collections.Counter(i % len(JUNK) for i in range(1_000_000))
    reasons: collections.Counter[str] = collections.Counter()
    for i, result in enumerate(one_by_one):
        for problem in result.problems:
            reasons[problem.reason.value] += repeats[i]
    assert summary.rows == len(column)
    assert summary.ok_rows == sum(repeats[i] for i, result in enumerate(one_by_one) if result.ok)
    assert summary.reasons == dict(sorted(reasons.items()))
    assert mask[: len(JUNK)] == [result.ok for result in one_by_one]
    assert [report[i] for i in (0, 999_999)] == [one_by_one[0], one_by_one[999_999 % len(JUNK)]]
