"""No birth date leaks from any value, error or warning met along a student's life, nor
from the errors and checks of damaged numbers (ADR 0001): properties over students, schools
and numbers drawn from `xueji.strategies`.

``repr()`` of every public value, ``str()``, ``repr()`` and ``.args`` of every error, every
``Problem.message`` and every warning must hide the 8 birth-date digits. ``str()`` of a
number is canonical by design and is not tested. The command line and the examples are in
tests/test_privacy.py.
"""

from __future__ import annotations

import datetime
import inspect
import warnings
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from leaks import check_texts, damaged, error_texts, leaks, parse_calls
from registry_cast import CENTRAL, ENROLLED_ON, PASSED
from registry_cast import registrar as registrar_of
from registry_cast import reviewer as reviewer_of

import xueji
from xueji import (
    Action,
    Check,
    DedupResult,
    FrozenMap,
    KeyField,
    Kind,
    Policy,
    PopulationMatch,
    RegistryKind,
    RegistryNumber,
    Report,
    ResidentID,
    School,
    SchoolCategory,
    Sex,
    Student,
    SyncOutcome,
    TransferMode,
    Verdict,
    XuejiError,
    advance_grade,
    advance_grades,
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
from xueji import strategies as xs
from xueji._regions import KNOWN_CODES
from xueji.regions import Region

D = datetime.date
LATER = D(2022, 3, 1)
COUNTIES = sorted(c for c in KNOWN_CODES if not c.endswith("00"))


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


# -- a student's life ---------------------------------------------------------------------


def live(data: st.DataObject) -> tuple[datetime.date, datetime.date, list[object]]:
    """A student carried through every operation: (birth date, corrected birth date,
    every value and every error met on the way)."""
    draw = data.draw
    born = draw(st.dates(D(2005, 1, 1), D(2020, 12, 31)))
    corrected = draw(st.dates(D(2005, 1, 1), D(2020, 12, 31)).filter(lambda d: d != born))
    student = draw(xs.students(born=(born, born), with_resident_id=False))
    name, sex = student.name, student.sex
    ids = xs.resident_ids(born=(born, born), sex=sex)
    rid = draw(ids)
    new_rid = draw(ids.filter(lambda other: other != rid))
    school = draw(xs.schools(categories=[SchoolCategory.PRIMARY, SchoolCategory.SENIOR_SECONDARY]))
    code, county, category = school.code.value, school.region_code, school.code.category
    # Another school of the same county: the next serial.
    other_code = f"{code[:4]}{int(code[4:]) % 999_999 + 1:06d}"
    other = School(other_code, "第二实验学校", county)
    central = CENTRAL
    registrar, other_registrar = registrar_of(school), registrar_of(other)
    reviewer = reviewer_of(school)
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


@given(xs.students(born=(D(1850, 1, 1), D(2026, 12, 31))))
def test_a_students_repr_hides_the_birth_date(student: Student) -> None:
    born = student.birth_date
    shown = repr(student)
    assert "birth_date=<hidden>" in shown
    assert leaks([shown], [born]) == []
    assert born.isoformat() not in shown
    assert repr(born) not in shown
    assert repr(born) not in shown


# -- damaged numbers --------------------------------------------------------------------------


@given(xs.resident_ids(born=(D(1850, 1, 2), D(2026, 11, 28))), st.integers(1, 999))
def test_errors_and_checks_of_damaged_numbers_never_show_the_birth_date(
    rid: ResidentID, sequence: int
) -> None:
    born = rid.birth_date
    before_birth = born - datetime.timedelta(days=1)
    # A county of the ID's province; Beijing's for a permit or a foreigner's card.
    county = next((c for c in COUNTIES if c[:2] == rid.value[:2]), "110105")
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
