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
import inspect
import os
import random
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from registry_cast import REGISTRAR, enrolled

import xueji
from xueji import (
    Action,
    Actor,
    Check,
    DedupResult,
    FrozenMap,
    KeyField,
    Kind,
    Policy,
    PopulationMatch,
    RegionPolicy,
    RegistryKind,
    RegistryNumber,
    Report,
    ResidentID,
    Role,
    School,
    SchoolCategory,
    SchoolCode,
    Sex,
    Student,
    SyncOutcome,
    TransferMode,
    Verdict,
    XuejiError,
    advance_grade,
    advance_grades,
    allocate,
    apply_change,
    change_status,
    check,
    check_many,
    check_row,
    complete_transfer,
    decide,
    errors,
    find_discrepancies,
    find_duplicates,
    issue_formal_numbers,
    make_registry_number,
    make_resident_id,
    overdue,
    progress,
    promote,
    register,
    request_change,
    request_suspension,
    request_transfer,
    return_from_abroad,
    review,
    set_grade,
    suspend,
    sync_transfer,
    transfer,
    update_info,
    verify_change,
)
from xueji._regions import KNOWN_CODES, known_countries
from xueji.regions import Region

D = datetime.date
ENROLLED_ON = D(2021, 9, 1)
LATER = D(2022, 3, 1)
PASSED = DedupResult()
NAMES = ("王小明", "李华", "张伟", "欧阳娜娜", "阿依古丽·买买提")
COUNTIES = sorted(c for c in KNOWN_CODES if not c.endswith("00"))
ALL_CODES = sorted(KNOWN_CODES)


def digits(day: datetime.date) -> str:
    return f"{day:%Y%m%d}"


def leaks(texts: Iterable[str], days: Iterable[datetime.date]) -> list[str]:
    """The texts that spell one of ``days`` as YYYYMMDD."""
    secrets = {digits(day) for day in days}
    return [text for text in texts if any(secret in text for secret in secrets)]


def error_texts(err: BaseException) -> list[str]:
    texts = [str(err), repr(err), *map(str, err.args), *map(repr, err.args)]
    texts += [repr(value) for value in vars(err).values()]
    return texts


def check_texts(result: Check) -> list[str]:
    return [
        repr(result),
        *(repr(p) for p in result.problems),
        *(p.message for p in result.problems),
    ]


#: Every public value class and error class; the life below must meet each of them.
EVERY_VALUE_CLASS = {
    cls
    for name in xueji.__all__
    if inspect.isclass(cls := getattr(xueji, name))
    and (attrs.has(cls) or cls in (FrozenMap, Report))
    and cls.__module__ != Region.__module__  # places and their sources, no personal data
}
EVERY_ERROR_CLASS = {
    getattr(errors, name)
    for name in errors.__all__
    if getattr(errors, name) is not XuejiError and issubclass(getattr(errors, name), XuejiError)
}


def test_the_leak_finder_finds_the_birth_digits_of_a_number() -> None:
    rid = ResidentID.parse("11010519491231002X")
    assert leaks([f"x{rid}y", repr(rid)], [rid.birth_date]) == [f"x{rid}y"]


# -- a student's life ---------------------------------------------------------------------


def live(data: st.DataObject) -> tuple[datetime.date, datetime.date, list[object]]:
    """A student carried through every operation: (birth date, corrected birth date,
    every value and every error met on the way)."""
    draw = data.draw
    born = draw(st.dates(D(2005, 1, 1), D(2020, 12, 31)))
    corrected = draw(st.dates(D(2005, 1, 1), D(2020, 12, 31)).filter(lambda d: d != born))
    sex = draw(st.sampled_from(Sex))
    parity = 1 if sex is Sex.MALE else 0
    sequence = draw(st.integers(0, 497)) * 2 + parity
    rid = make_resident_id(
        region_code=draw(st.sampled_from(ALL_CODES)), birth_date=born, sequence=sequence
    )
    new_rid = make_resident_id(
        region_code=draw(st.sampled_from(ALL_CODES)), birth_date=born, sequence=sequence + 2
    )
    county = draw(st.sampled_from(COUNTIES))
    category = draw(st.sampled_from([SchoolCategory.PRIMARY, SchoolCategory.SENIOR_SECONDARY]))
    serial = draw(st.integers(0, 999_998))
    code = f"{category.value}{county[:2]}{serial:06d}"
    other_code = f"{category.value}{county[:2]}{serial + 1:06d}"
    name = draw(st.sampled_from(NAMES))
    school = School(code, "第一实验学校", county)
    other = School(other_code, "第二实验学校", county)
    registrar = Actor(Role.SCHOOL_REGISTRAR, code, "李老师")
    other_registrar = Actor(Role.SCHOOL_REGISTRAR, other_code, "王老师")
    reviewer = Actor(Role.COUNTY_REVIEWER, county, "赵科长")
    central = Actor(Role.CENTRAL, None, "教育部")
    values: list[object] = [
        rid,
        new_rid,
        school,
        other,
        registrar,
        other_registrar,
        reviewer,
        central,
    ]

    def refused(call: Callable[[], object]) -> None:
        with pytest.raises(XuejiError) as excinfo:
            call()
        values.append(excinfo.value)

    student = Student(name, sex, born)
    l_record = register(
        student, school=school, by=registrar, on=ENROLLED_ON, dedup=PASSED, taken=()
    )
    match = PopulationMatch(rid, name)
    g_record = promote(l_record, match=match, dedup=PASSED, by=central, on=LATER)
    j_record = promote(l_record, match=None, dedup=PASSED, by=central, on=LATER)
    values += [student, Student(name, sex, born, rid), match, l_record, g_record, j_record]
    conflicts = DedupResult((g_record.number, str(j_record.number), l_record.number))
    values.append(conflicts)
    values.append(
        issue_formal_numbers(
            [l_record, l_record],
            matches={l_record.number.value: None},
            dedups={l_record.number.value: PASSED},
            by=central,
            on=LATER,
        )
    )
    refused(lambda: update_info(g_record, by=registrar, on=LATER))
    values.append(
        issue_formal_numbers(
            [l_record], matches={}, dedups={l_record.number.value: conflicts}, by=central, on=LATER
        )
    )

    # The G record's life: information, an offline transfer, a new resident ID.
    record = update_info(g_record, by=registrar, on=LATER, phone="010-1234", guardians=["王父"])
    record = transfer(
        record, to_school=other, by=other_registrar, on=LATER, mode=TransferMode.OFFLINE
    )
    record = sync_transfer(record, outcome=SyncOutcome.DONE, by=central, on=LATER)
    request = request_change(
        record,
        field=KeyField.RESIDENT_ID,
        new_value=str(new_rid),
        evidence=("户口簿变更页",),
        by=other_registrar,
        on=LATER,
    )
    approved = review(request, Verdict.APPROVE, by=reviewer, on=LATER, note="材料齐全")
    verified = verify_change(approved, dedup=PASSED, by=central, on=LATER)
    failed = verify_change(approved, dedup=conflicts, by=central, on=LATER)
    record = apply_change(record, verified, by=other_registrar, on=LATER)
    renumber = request_change(
        record,
        field=KeyField.NUMBER,
        new_value=RegistryNumber.for_resident(new_rid),
        evidence=("户口簿",),
        by=other_registrar,
        on=LATER,
    )
    values += [request, approved, verified, failed, record, renumber, *record.history]
    values += [l_record.number, g_record.number, j_record.number, record.info, school.code]
    values += [*verified.decisions, *failed.decisions]

    # The J record's life: a suspension, status changes and a corrected birth date.
    pause = request_suspension(
        j_record, months=6, evidence=("病历",), by=registrar, on=LATER, note="病休"
    )
    pause = decide(pause, Verdict.APPROVE, by=reviewer, on=LATER)
    j_life = suspend(j_record, pause, by=registrar, on=LATER)
    j_life = change_status(j_life, Action.RESUME, by=registrar, on=LATER)
    move = request_transfer(j_life, to_school=other, by=other_registrar, on=LATER)
    refused_move = decide(move, Verdict.REJECT, by=registrar, on=LATER, note="学位已满")
    values += [pause, move, refused_move, *move.route.steps, move.route]
    values += overdue([move], today=LATER + datetime.timedelta(days=60))
    away = change_status(j_life, Action.GO_ABROAD, by=registrar, on=LATER)
    grade = 3 if category is SchoolCategory.PRIMARY else 10
    back = return_from_abroad(away, to_school=school, grade=grade, by=registrar, on=LATER)
    rollover = advance_grades([back, away], by=central, on=LATER)
    values += [back, *back.time_abroad, rollover, *rollover.refused[0]]
    values += [Policy.LIAONING, Policy.LIAONING.entry_cutoff]
    refused(lambda: complete_transfer(j_life, refused_move, by=other_registrar, on=LATER))
    refused(lambda: request_transfer(j_life, to_school=other, by=registrar, on=LATER))
    refused(lambda: set_grade(j_life, 13, by=registrar, on=LATER))
    refused(lambda: advance_grade(j_life, by=central, on=LATER))
    refused(
        lambda: register(
            student, school=school, by=registrar, on=ENROLLED_ON, dedup=conflicts, taken=()
        )
    )
    refused(
        lambda: register(
            student, school=school, by=registrar, on=born, dedup=PASSED, taken=(), grade=1
        )
    )
    born_request = request_change(
        j_life,
        field=KeyField.BIRTH_DATE,
        new_value=corrected,
        evidence=("出生证明",),
        by=registrar,
        on=LATER,
    )
    born_verified = verify_change(
        review(born_request, Verdict.APPROVE, by=reviewer, on=LATER),
        dedup=PASSED,
        by=central,
        on=LATER,
    )
    j_life = apply_change(j_life, born_verified, by=registrar, on=LATER)
    closed = change_status(j_life, Action.GRADUATE, by=registrar, on=LATER)
    values += [born_request, born_verified, j_life, closed, *closed.history]

    # Every error class, raised by the rules.
    refused(lambda: rid.age_on(born - datetime.timedelta(days=1)))
    refused(lambda: Student(name, Sex.FEMALE if sex is Sex.MALE else Sex.MALE, born, rid))
    refused(lambda: Student(name, sex, corrected, rid))
    refused(
        lambda: promote(
            l_record, match=PopulationMatch(new_rid, "某某"), dedup=PASSED, by=central, on=LATER
        )
    )
    refused(lambda: promote(l_record, match=match, dedup=conflicts, by=central, on=LATER))
    refused(
        lambda: promote(
            l_record, match=match, dedup=PASSED, by=central, on=LATER, taken={str(g_record.number)}
        )
    )
    refused(lambda: update_info(g_record, by=registrar, on=LATER, birth_date=corrected))
    refused(lambda: update_info(g_record, by=other_registrar, on=LATER, phone="1"))
    refused(
        lambda: transfer(
            closed, to_school=other, by=other_registrar, on=LATER, mode=TransferMode.OFFLINE
        )
    )
    refused(lambda: progress(closed, to_school=other, by=other_registrar, on=LATER))
    refused(lambda: change_status(closed, Action.RESUME, by=registrar, on=LATER))
    refused(lambda: apply_change(record, failed, by=other_registrar, on=LATER))
    taken = {
        str(make_registry_number(RegistryKind.J, region_code=county, birth_date=born, sequence=s))
        for s in range(1000)
    }
    refused(lambda: promote(l_record, match=None, dedup=PASSED, by=central, on=LATER, taken=taken))
    refused(
        lambda: request_change(
            g_record,
            field=KeyField.BIRTH_DATE,
            new_value=corrected,
            evidence=("x",),
            by=registrar,
            on=LATER,
        )
    )
    refused(
        lambda: request_change(
            g_record,
            field=KeyField.RESIDENT_ID,
            new_value=str(rid)[:-1],
            evidence=("x",),
            by=registrar,
            on=LATER,
        )
    )

    # The dataset checks.
    numbers = [str(rid), str(new_rid), *(str(r.number) for r in (l_record, g_record, j_record))]
    column = numbers + [f" {n.lower()} " for n in numbers] + [n[:-1] + "*" for n in numbers]
    column += [n[:-1] + ("0" if n[-1] != "0" else "1") for n in numbers] + [
        n + "1" for n in numbers
    ]
    for vectorise in (False, True):
        report = check_many(column, vectorise=vectorise)
        values += [report, report.summary(), *report, *(p for c in report for p in c.problems)]
    values += [check(n, expect=kind) for n in column for kind in (None, *Kind)]
    row = {"id": str(rid), "xjh": str(j_record.number), "born": corrected.isoformat(), "sex": "女"}
    values.append(
        check_row(
            row,
            columns={
                "resident_id": "id",
                "registry_number": "xjh",
                "birth_date": "born",
                "sex": "sex",
            },
        )
    )
    rows = [
        {"id": str(rid), "xjh": str(g_record.number), "name": name, "sex": sex.value, "born": born},
        {"id": str(rid), "xjh": str(j_record.number), "name": name, "sex": sex.value, "born": born},
        {
            "id": str(new_rid),
            "xjh": str(j_record.number),
            "name": name,
            "sex": sex.value,
            "born": born,
        },
    ]
    columns = {
        "resident_id": "id",
        "registry_number": "xjh",
        "name": "name",
        "sex": "sex",
        "birth_date": "born",
    }
    values += find_duplicates(rows, columns=columns)
    attendance = {str(j_record.number): other_code, str(rid): code, str(new_rid)[:-1] + "0": code}
    values += find_discrepancies([l_record, g_record, j_record, record], attendance)
    return born, corrected, values


@given(st.data())
def test_no_value_or_error_met_along_a_students_life_shows_a_birth_date(
    data: st.DataObject,
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        born, corrected, values = live(data)
    texts = [str(w.message) for w in caught]
    for value in values:
        if isinstance(value, BaseException):
            texts += error_texts(value)
        elif isinstance(value, Check):
            texts += check_texts(value)
        else:
            texts.append(repr(value))
    met = {type(value) for value in values}
    assert met >= EVERY_VALUE_CLASS | EVERY_ERROR_CLASS, "the life no longer meets every class"
    assert leaks(texts, [born, corrected]) == []


@given(st.dates(D(1850, 1, 1), D(2026, 12, 31)), st.sampled_from(Sex), st.booleans())
def test_a_students_repr_hides_the_birth_date(born: datetime.date, sex: Sex, with_id: bool) -> None:
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=int(sex.value))
    student = Student("王小明", sex, born, rid if with_id else None)
    shown = repr(student)
    assert "birth_date=<hidden>" in shown
    assert leaks([shown], [born]) == []
    assert born.isoformat() not in shown
    assert repr(born) not in shown


# -- damaged numbers --------------------------------------------------------------------------

born_dates = st.dates(D(1850, 1, 2), D(2026, 11, 28))
resident_ids = st.builds(
    make_resident_id,
    region_code=st.sampled_from(ALL_CODES),
    birth_date=born_dates,
    sequence=st.integers(0, 999),
)


def damaged(number: str) -> Iterator[str]:
    """Variants of a canonical number (ID, G, L or J) that no parser accepts as they are."""
    last = number[-1]
    wrong = next(c for c in "0123456789X" if c != last)
    yield number[:-1] + wrong
    yield f" {number[:-12]} {number[-12:-4]}-{number[-4:-1]}{wrong.lower()} "
    yield number[:-1]
    yield number[1:]
    yield number + "0"
    yield "0" + number
    yield number[:-4] + "?" + number[-4:]
    yield number[:-1] + "*"
    yield "*" + number[1:]
    yield "K" + number[-18:]
    yield number + " " * 60
    yield "１" + number[1:]


def parse_calls(text: str, as_of: datetime.date) -> Iterator[Callable[[], object]]:
    yield lambda: ResidentID.parse(text)
    yield lambda: ResidentID.parse(text, as_of=as_of, regions=RegionPolicy.PROVINCE)
    yield lambda: ResidentID(text)
    yield lambda: ResidentID.from_legacy(text)
    yield lambda: RegistryNumber.parse(text)
    yield lambda: RegistryNumber.parse(text, as_of=as_of, j_checksum=False)
    yield lambda: RegistryNumber(text)


@given(resident_ids, st.integers(1, 999))
def test_errors_and_checks_of_damaged_numbers_never_show_the_birth_date(
    rid: ResidentID, sequence: int
) -> None:
    born = rid.birth_date
    before_birth = born - datetime.timedelta(days=1)
    county = (
        next(c for c in COUNTIES if c[:2] == rid.value[:2]) if rid.value[0] != "9" else "110105"
    )
    numbers = [str(rid), str(RegistryNumber.for_resident(rid))]
    numbers += [
        str(make_registry_number(kind, region_code=county, birth_date=born, sequence=sequence))
        for kind in (RegistryKind.L, RegistryKind.J)
    ]
    texts: list[str] = []
    for number in numbers:
        # A valid number is refused for a future birth date and by the other parser.
        variants = [number, *damaged(number)]
        for text in variants:
            for call in parse_calls(text, before_birth):
                try:
                    call()
                except XuejiError as err:
                    texts += error_texts(err)
            for kind in (None, *Kind):
                texts += check_texts(check(text, as_of=before_birth, expect=kind))
        report = check_many(variants, as_of=before_birth)
        texts += [repr(report), *(text for result in report for text in check_texts(result))]
    assert leaks(texts, [born]) == []


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
