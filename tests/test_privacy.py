"""No birth date leaks from any value, error, warning or command-line output (ADR 0001).

Resident IDs and J and L numbers spell a minor's birth date as 8 contiguous digits
(``YYYYMMDD``). ``repr()`` of every public value, ``str()``, ``repr()`` and ``.args`` of
every error, every ``Problem.message``, every warning, the reprs Hypothesis prints for a
falsifying example, and the output of ``python -m xueji explain`` and ``check`` without
``--show`` must hide those digits. ``str()`` of a number is canonical by design and is
not tested. Values are built from generated students, carried through their whole life
(register, promote, transfer, update, status changes, change requests) and checked.
"""

from __future__ import annotations

import concurrent.futures
import csv
import datetime
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from leaks import damaged, error_texts, leaks
from registry_cast import REGISTRAR, enrolled

import xueji
from xueji import (
    Actor,
    DedupResult,
    PopulationMatch,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    Role,
    School,
    SchoolCode,
    Sex,
    Student,
    XuejiError,
    allocate,
    check,
    make_registry_number,
    make_resident_id,
)
from xueji._regions import KNOWN_CODES, known_countries

D = datetime.date
ENROLLED_ON = D(2021, 9, 1)
LATER = D(2022, 3, 1)
PASSED = DedupResult()
COUNTIES = sorted(c for c in KNOWN_CODES if not c.endswith("00"))
ALL_CODES = sorted(KNOWN_CODES)


def test_the_leak_finder_finds_the_birth_digits_of_a_number() -> None:
    rid = ResidentID.parse("11010519491231002X")
    assert leaks([f"x{rid}y", repr(rid)], [rid.birth_date]) == [f"x{rid}y"]


# -- Hypothesis output -----------------------------------------------------------------------


def test_a_falsifying_example_shows_numbers_and_students_masked() -> None:
    rid = ResidentID.parse("11010519491231002X")
    shown = [
        rid,
        RegistryNumber.for_resident(rid),
        Student("王小明", Sex.FEMALE, rid.birth_date, rid),
        check(str(rid)),
        PopulationMatch(rid, "王小明"),
    ]
    for value in shown:

        @settings(database=None, phases=[Phase.generate], max_examples=1)
        @given(st.just(value))
        def fails(example: object) -> None:
            raise AssertionError("falsified")

        with pytest.raises(AssertionError) as excinfo:
            fails()
        notes = "\n".join(getattr(excinfo.value, "__notes__", []))
        # The report names the argument ("Falsifying example: ..." or, in newer
        # Hypothesis, "Failing test case: ..."): its value must be there, masked.
        assert "example=" in notes
        assert leaks([notes], [rid.birth_date]) == [], type(value).__name__


# -- a personal number given to the wrong argument -------------------------------------------


EXAMPLE = "11010519491231002X"
WRONG_ARGUMENT_CASES = {
    "SchoolCode.parse": lambda: SchoolCode.parse(EXAMPLE),
    "SchoolCode.parse G": lambda: SchoolCode.parse("G" + EXAMPLE),
    "SchoolCode()": lambda: SchoolCode(EXAMPLE),
    "School code": lambda: School(EXAMPLE, "学校", "110105"),
    "School credit_code": lambda: School("2111010001", "学校", "110105", EXAMPLE),
    "School region_code": lambda: School("2111010001", "学校", EXAMPLE),
    "Actor role": lambda: Actor(EXAMPLE, None, "某某"),
    "Actor scope": lambda: Actor(Role.SCHOOL_REGISTRAR, EXAMPLE, "某某"),
    "Student name": lambda: Student(EXAMPLE, Sex.MALE, D(2015, 1, 1)),
    "DedupResult": lambda: DedupResult((EXAMPLE,)),
    "make_resident_id region": lambda: make_resident_id(
        region_code=EXAMPLE, birth_date=D(2015, 1, 1), sequence=1
    ),
    "allocate region": lambda: allocate(
        RegistryKind.L, region_code=EXAMPLE, birth_date=D(2015, 1, 1), taken=()
    ),
    "change_status action": lambda: xueji.change_status(
        enrolled(),
        EXAMPLE,  # type: ignore[arg-type]
        by=REGISTRAR,
        on=D(2022, 1, 1),
    ),
}


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            call,
            id=name,
        )
        for name, call in WRONG_ARGUMENT_CASES.items()
    ],
)
def test_a_resident_id_given_to_the_wrong_argument_is_masked_in_the_error(
    call: Callable[[], object],
) -> None:
    with pytest.raises(XuejiError) as excinfo:
        call()
    assert leaks(error_texts(excinfo.value), [D(1949, 12, 31)]) == []


def test_a_sequence_exhausted_error_does_not_spell_the_birth_date() -> None:
    born = D(2015, 3, 1)
    every = {
        str(make_registry_number(RegistryKind.L, region_code="110105", birth_date=born, sequence=s))
        for s in range(1000)
    }
    with pytest.raises(XuejiError) as excinfo:
        allocate(RegistryKind.L, region_code="110105", birth_date=born, taken=every)
    assert leaks([str(excinfo.value), *map(str, excinfo.value.args)], [born]) == []
    assert born.isoformat() not in str(excinfo.value)


# -- the command line ----------------------------------------------------------------------------


def sample_numbers(seed: int, n: int) -> list[tuple[str, datetime.date]]:
    """``n`` IDs and their G, L and J numbers, each with its birth date."""
    rng = random.Random(seed)
    out: list[tuple[str, datetime.date]] = []
    for _ in range(n):
        born = D(1850, 1, 2) + datetime.timedelta(days=rng.randrange(64_000))
        rid = make_resident_id(
            region_code=rng.choice(ALL_CODES), birth_date=born, sequence=rng.randrange(1000)
        )
        county = rng.choice(COUNTIES)
        out += [(str(rid), born), (str(RegistryNumber.for_resident(rid)), born)]
        out += [
            (str(allocate(kind, region_code=county, birth_date=born, taken=(), rng=rng)), born)
            for kind in (RegistryKind.L, RegistryKind.J)
        ]
    return out


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xueji", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
        timeout=60,
        check=False,
    )


def test_the_explain_command_without_show_never_prints_a_birth_date() -> None:
    (rid, born), (g, _), (l_number, _), (j, _) = sample_numbers(1, 1)
    country = sorted(known_countries())[0]
    foreign = str(make_resident_id(region_code=f"911{country}", birth_date=born, sequence=1))
    legacy_born = D(1949, 12, 31)
    legacy = "110105491231002"
    day_before = (born - datetime.timedelta(days=1)).isoformat()
    cases: list[tuple[list[str], datetime.date]] = [
        ([number], born) for number in (rid, g, l_number, j, foreign, rid.lower(), f" {g} ")
    ]
    # Subprocesses are slow: every kind of damage once, spread over the four numbers.
    numbers = (rid, g, l_number, j)
    variants = [list(damaged(number)) for number in numbers]
    cases += [([variants[k % 4][k]], born) for k in range(len(variants[0]))]
    cases += [([number, "--as-of", day_before], born) for number in (rid, j)]
    cases += [([j, "--regions", "format"], born)]
    cases += [([legacy], legacy_born), ([legacy[:-1] + "?"], legacy_born)]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda case: run_cli("explain", *case[0]), cases))
    outcomes = set()
    for (args, day), result in zip(cases, results, strict=True):
        outcomes.add(result.returncode)
        assert result.returncode in (0, 1), (args[1:], result.stderr)
        assert leaks([result.stdout, result.stderr], [day]) == [], args[1:]
        assert day.isoformat() not in result.stdout
    assert outcomes == {0, 1}


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "out-file"])
def test_the_check_command_without_show_never_prints_a_birth_date(
    tmp_path: Path, to_file: bool
) -> None:
    rows: list[tuple[str, datetime.date]] = []
    for number, born in sample_numbers(2, 12):
        rows += [(number, born), *((text, born) for text in damaged(number))]
    source = tmp_path / "students.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "number"])
        writer.writerows(("某某", number) for number, _ in rows)
    args = ["check", str(source), "--column", "number", "--as-of", "2026-11-28"]
    out = tmp_path / "problems.csv"
    if to_file:
        args += ["--out", str(out)]
    result = run_cli(*args)
    assert result.returncode == 1, result.stderr
    outputs = [result.stdout, result.stderr]
    if to_file:
        outputs.append(out.read_text(encoding="utf-8"))
    problems = list(csv.DictReader(outputs[-1 if to_file else 0].splitlines()))
    assert len(problems) >= len(rows) // 2  # the damaged rows are reported...
    assert leaks(outputs, [born for _, born in rows]) == []  # ...masked
