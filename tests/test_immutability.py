"""Immutability and pickling of every public value, and pickling of every error.

Values are shared between threads, cached and sent between processes, so each one must
copy, deep-copy and pickle (every protocol) to an equal value, refuse attribute
assignment, and refuse to be evolved (``attrs.evolve``) into an instance its constructor
would have rejected. Errors cross process boundaries too (multiprocessing, job queues):
they must pickle with their reason and attributes intact.

The case tables below are checked against ``xueji.__all__``, ``xueji.errors.__all__`` and
``attrs.fields``: a new public value class, error class or validated field without a case
fails the suite.
"""

from __future__ import annotations

import copy
import datetime
import enum
import importlib
import inspect
import pickle
from collections.abc import Callable
from typing import Any, cast

import attrs
import pytest
import registry_cast
from registry_cast import (
    BIRTH,
    CENTRAL,
    OTHER,
    OTHER_REGISTRAR,
    OTHER_REVIEWER,
    PASSED,
    REGISTRAR,
    REVIEWER,
    STUDENT,
    D,
    approve_all,
    enrolled,
    explained,
    rid,
    student,
)

import xueji
from xueji import (
    Action,
    Actor,
    ChangeRequest,
    Check,
    DedupResult,
    Discrepancy,
    DuplicateGroup,
    Event,
    Fields,
    FrozenMap,
    Issuance,
    KeyField,
    PopulationMatch,
    Problem,
    Reason,
    Record,
    Region,
    RegistryKind,
    RegistryNumber,
    Report,
    RequestStatus,
    ResidentID,
    RowCheck,
    School,
    SchoolCode,
    Student,
    Summary,
    Verdict,
    XuejiError,
    apply_change,
    change_status,
    check,
    check_many,
    check_row,
    errors,
    extract_fields,
    find_discrepancies,
    find_duplicates,
    issue_formal_numbers,
    make_registry_number,
    make_resident_id,
    promote,
    request_change,
    review,
    update_info,
    verify_change,
)
from xueji.regions import (
    NameChoice,
    NameSpan,
    RegionHistory,
    RegionSourceInfo,
    YearSpan,
    region,
    region_history,
    region_sources,
)

CREDIT_CODE = "91110108551385082Q"
#: The cast's school with a unified social credit code, so that every field is exercised.
SCHOOL = attrs.evolve(registry_cast.SCHOOL, credit_code=CREDIT_CODE)
NEW_RID = make_resident_id(region_code="110105", birth_date=BIRTH, sequence=13)
RID = rid()
G = RegistryNumber.for_resident(RID)
L = make_registry_number(RegistryKind.L, region_code="110105", birth_date=BIRTH, sequence=11)
J = make_registry_number(RegistryKind.J, region_code="110105", birth_date=BIRTH, sequence=11)
STUDENT_WITH_ID = student(resident_id=RID)


def _registered() -> Record:
    return enrolled(school=SCHOOL, grade=1)


def _long_record() -> tuple[Record, ChangeRequest]:
    """A G record that went through most operations, and the change request applied to it."""
    record = promote(
        _registered(),
        match=PopulationMatch(RID, "王小明"),
        dedup=PASSED,
        by=CENTRAL,
        on=D(2022, 2, 1),
    )
    record = update_info(
        record, by=REGISTRAR, on=D(2022, 3, 1), phone="010-1234", guardians=["王父"]
    )
    pause = xueji.request_suspension(
        record, months=6, evidence=("病历",), by=REGISTRAR, on=D(2022, 3, 20), note="病休"
    )
    record = xueji.suspend(
        record, approve_all(pause, D(2022, 3, 25)), by=REGISTRAR, on=D(2022, 4, 1)
    )
    record = change_status(record, Action.RESUME, by=REGISTRAR, on=D(2022, 9, 1))
    record = xueji.advance_grade(record, by=CENTRAL, on=D(2022, 9, 2))
    record = change_status(record, Action.GO_ABROAD, by=REGISTRAR, on=D(2022, 10, 1))
    record = xueji.return_from_abroad(
        record, to_school=SCHOOL, grade=2, by=REGISTRAR, on=D(2022, 12, 1)
    )
    move = xueji.request_transfer(
        record, to_school=OTHER, by=OTHER_REGISTRAR, on=D(2023, 1, 10), note="搬家"
    )
    record = xueji.complete_transfer(
        record, approve_all(move, D(2023, 1, 20)), by=OTHER_REGISTRAR, on=D(2023, 2, 1)
    )
    request = request_change(
        record,
        field=KeyField.RESIDENT_ID,
        new_value=NEW_RID,
        evidence=("户口簿变更页",),
        by=OTHER_REGISTRAR,
        on=D(2023, 5, 1),
    )
    approved = review(request, Verdict.APPROVE, by=OTHER_REVIEWER, on=D(2023, 5, 5), note="ok")
    verified = verify_change(approved, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8))
    return apply_change(record, verified, by=OTHER_REGISTRAR, on=D(2023, 5, 9)), verified


LONG_RECORD, VERIFIED = _long_record()
FAILED_CHECK = verify_change(
    review(
        request_change(
            _registered(),
            field=KeyField.NAME,
            new_value="王晓明",
            evidence=("户口簿",),
            by=REGISTRAR,
            on=D(2023, 5, 1),
        ),
        Verdict.APPROVE,
        by=REVIEWER,
        on=D(2023, 5, 2),
    ),
    dedup=DedupResult((J,)),
    by=CENTRAL,
    on=D(2023, 5, 3),
)
ROWS = [
    {"id": str(RID), "xjh": str(G), "name": "王小明", "sex": "男", "born": "2015-03-01"},
    {"id": str(RID), "xjh": str(J), "name": "王小明", "sex": "男", "born": "2015-03-01"},
]
ROW_COLUMNS = {
    "resident_id": "id",
    "registry_number": "xjh",
    "name": "name",
    "sex": "sex",
    "birth_date": "born",
}
_L_RECORD = _registered()
MOVE = next(e.request for e in LONG_RECORD.history if isinstance(e.request, xueji.TransferRequest))
PAUSE = next(
    e.request for e in LONG_RECORD.history if isinstance(e.request, xueji.SuspensionRequest)
)
REFUSED_MOVE = xueji.decide(
    xueji.request_transfer(_L_RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1)),
    Verdict.REJECT,
    by=OTHER_REVIEWER,
    on=D(2022, 3, 2),
    note="学位已满",
)
EXTENSION = xueji.request_extension(
    xueji.suspend(
        _L_RECORD,
        approve_all(
            xueji.request_suspension(
                _L_RECORD, months=3, evidence=("病历",), by=REGISTRAR, on=D(2022, 3, 1)
            ),
            D(2022, 3, 2),
        ),
        by=REGISTRAR,
        on=D(2022, 3, 3),
    ),
    months=3,
    evidence=("复查报告",),
    by=REGISTRAR,
    on=D(2022, 5, 1),
)
(LATE,) = xueji.overdue([REFUSED_MOVE, EXTENSION], today=D(2023, 1, 1))
ROLLOVER = xueji.advance_grades([_L_RECORD, LONG_RECORD], by=CENTRAL, on=D(2023, 8, 10))
ISSUED = issue_formal_numbers(
    [_L_RECORD],
    matches={_L_RECORD.number.value: None},
    dedups={_L_RECORD.number.value: PASSED},
    by=CENTRAL,
    on=D(2022, 1, 1),
)
ISSUED_WITH_REFUSAL = issue_formal_numbers(
    [_L_RECORD], matches={}, dedups={_L_RECORD.number.value: PASSED}, by=CENTRAL, on=D(2022, 1, 1)
)


def _region_values() -> dict[type[Any], list[Any]]:
    """Instances of the region history classes, from codes with disputed names and years."""
    histories = [h for h in (region_history("362324"), region_history("620201")) if h]
    return {
        RegionHistory: histories,
        YearSpan: [span for h in histories for span in h.years],
        NameSpan: [span for h in histories for span in h.names],
        NameChoice: list(histories[0].name_choices),
        RegionSourceInfo: list(region_sources()),
    }


VALUES: dict[type[Any], list[object]] = {
    ResidentID: [RID, make_resident_id(region_code="911398", birth_date=D(1980, 1, 1), sequence=1)],
    RegistryNumber: [G, L, J],
    SchoolCode: [SCHOOL.code],
    School: [SCHOOL, OTHER],
    Student: [STUDENT, STUDENT_WITH_ID],
    Actor: [REGISTRAR, REVIEWER, CENTRAL],
    PopulationMatch: [PopulationMatch(RID, "王小明")],
    DedupResult: [PASSED, DedupResult((L, str(J)))],
    Event: list(LONG_RECORD.history),
    Record: [_registered(), LONG_RECORD],
    ChangeRequest: [VERIFIED, FAILED_CHECK],
    xueji.TransferRequest: [MOVE, REFUSED_MOVE],
    xueji.SuspensionRequest: [PAUSE, EXTENSION],
    xueji.Step: list(MOVE.route.steps),
    xueji.Route: [MOVE.route, PAUSE.route, VERIFIED.route],
    xueji.Late: [LATE],
    xueji.Policy: [xueji.Policy.NATIONAL, xueji.Policy.LIAONING],
    xueji.MonthDay: [xueji.MonthDay(8, 31), xueji.MonthDay(2, 28)],
    xueji.Period: list(LONG_RECORD.time_abroad),
    xueji.Rollover: [ROLLOVER],
    xueji.Decision: [*VERIFIED.decisions, *FAILED_CHECK.decisions],
    FrozenMap: [FrozenMap(), FrozenMap({"guardians": ["王父", {"phone": "010"}], "n": {1, 2}})],
    Check: [check(" 11010519491231002x "), check("110105194912310021"), check("2111010001")],
    Problem: [p for c in (check(" 110105-19491231-0021"), check("G119999")) for p in c.problems],
    Region: [r for r in (region("110105", year=1985), region("130100")) if r is not None],
    **_region_values(),
    Issuance: [ISSUED, ISSUED_WITH_REFUSAL],
    Summary: [check_many(["11010519491231002X", None, "x"]).summary()],
    RowCheck: [
        check_row(ROWS[0], columns={"resident_id": "id", "registry_number": "xjh", "sex": "sex"})
    ],
    DuplicateGroup: list[object](find_duplicates(ROWS, columns=ROW_COLUMNS)),
    Discrepancy: list[object](find_discrepancies([LONG_RECORD], {str(J): "2111010001"})),
}

#: Public classes that are not values, and why they are exempt from the value tests.
NOT_VALUES: dict[type[Any], str] = {
    Report: "a lazy view over the caller's column; tested for pickling on its own below",
    Fields: "columns of arrays, compared by value and not hashable; tested on its own below",
}

#: Values whose copies are known not to compare equal; a case here must fail as predicted.
UNEQUAL_COPIES: dict[int, str] = {}

#: Frozen values that are not hashable, with the reason.
UNHASHABLE: dict[type[Any], str] = {}


def value_cases(*, copier: str = "") -> list[Any]:
    """Every instance of VALUES; with ``copier``, known failures of that copier are marked."""
    cases = []
    for cls, instances in VALUES.items():
        for i, value in enumerate(instances):
            marks = []
            if copier not in ("", "copy") and id(value) in UNEQUAL_COPIES:
                marks.append(pytest.mark.xfail(strict=True, reason=UNEQUAL_COPIES[id(value)]))
            cases.append(pytest.param(value, id=f"{cls.__name__}-{i}", marks=marks))
    return cases


def public_classes() -> list[type[Any]]:
    return [obj for name in xueji.__all__ if inspect.isclass(obj := getattr(xueji, name))]


# -- coverage of the case tables ------------------------------------------------------------


def test_every_public_class_is_an_enum_an_error_or_has_value_cases() -> None:
    missing = [
        cls.__name__
        for cls in public_classes()
        if not issubclass(cls, enum.Enum | XuejiError)
        and cls not in VALUES
        and cls not in NOT_VALUES
    ]
    assert missing == [], "add instances of these classes to VALUES"


def test_every_attrs_class_in_the_public_modules_has_value_cases() -> None:
    modules = {cls.__module__ for cls in public_classes()}
    found = {
        obj
        for module_name in modules
        for obj in vars(importlib.import_module(module_name)).values()
        if inspect.isclass(obj)
        and attrs.has(obj)
        and not obj.__name__.startswith("_")
        and obj.__module__ == module_name
    }
    assert sorted(c.__name__ for c in found - set(VALUES)) == []


def test_every_value_case_is_an_instance_of_its_class() -> None:
    for cls, instances in VALUES.items():
        assert instances, cls.__name__
        assert all(type(value) is cls for value in instances), cls.__name__


# -- copy and pickle ------------------------------------------------------------------------


def pickled(protocol: int) -> Callable[[object], object]:
    def round_trip(value: object) -> object:
        return pickle.loads(pickle.dumps(value, protocol=protocol))

    return round_trip


COPIERS: dict[str, Callable[[object], object]] = {
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    **{f"pickle-{protocol}": pickled(protocol) for protocol in range(pickle.HIGHEST_PROTOCOL + 1)},
}


def copy_cases() -> list[Any]:
    return [
        pytest.param(case.values[0], COPIERS[name], id=f"{case.id}-{name}", marks=case.marks)
        for name in COPIERS
        for case in value_cases(copier=name)
    ]


@pytest.mark.parametrize(("value", "copier"), copy_cases())
def test_a_copied_or_unpickled_value_equals_the_original(
    value: object, copier: Callable[[object], object]
) -> None:
    back = copier(value)
    assert type(back) is type(value)
    assert back == value
    assert repr(back) == repr(value)
    if type(value) not in UNHASHABLE:
        assert hash(back) == hash(value)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_an_unpickled_number_keeps_its_computed_properties(protocol: int) -> None:
    # birth_date and document are cached on first use: the cache must not be pickled stale.
    assert RID.birth_date == BIRTH
    back = pickle.loads(pickle.dumps(RID, protocol=protocol))
    assert (back.birth_date, back.document, back.sex) == (RID.birth_date, RID.document, RID.sex)


def test_a_tampered_pickle_of_a_school_code_is_refused() -> None:
    payload = pickle.dumps(SCHOOL.code, protocol=4).replace(b"2111010001", b"9911010001")
    with pytest.raises(xueji.InvalidNumber) as excinfo:
        pickle.loads(payload)
    assert excinfo.value.reason is Reason.CATEGORY


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_fields_are_read_only_and_round_trip_through_pickle_and_copy(protocol: int) -> None:
    column = ["11010519491231002X", " 110105194912310021", None, "G11010519491231002X", 1.5]
    for vectorise in (False, True):
        fields = extract_fields(column, on=datetime.date(2026, 11, 28), vectorise=vectorise)
        for back in (
            pickle.loads(pickle.dumps(fields, protocol=protocol)),
            copy.copy(fields),
            copy.deepcopy(fields),
        ):
            assert back == fields
            assert back.to_dict() == fields.to_dict()
        with pytest.raises(AttributeError):
            fields._rows = 0
        with pytest.raises(AttributeError):
            del fields._columns


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_report_round_trips_through_pickle_and_copy_with_equal_rows(protocol: int) -> None:
    column = ["11010519491231002X", " 110105194912310021", None, "G11010519491231002X", 1.5]
    for vectorise in (False, True):
        report = check_many(column, vectorise=vectorise)
        for back in (
            pickle.loads(pickle.dumps(report, protocol=protocol)),
            copy.copy(report),
            copy.deepcopy(report),
        ):
            assert list(back) == list(report)
            assert back.ok_mask() == report.ok_mask() == [True, False, False, True, False]
            assert back.summary() == report.summary()


# -- attribute assignment --------------------------------------------------------------------


def attribute_names(value: object) -> list[str]:
    if attrs.has(type(value)):
        return [f.name for f in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))]
    assert isinstance(value, FrozenMap)
    return ["_data", "_hash"]


@pytest.mark.parametrize("value", value_cases())
def test_assigning_an_attribute_raises_and_changes_nothing(value: object) -> None:
    before = copy.copy(value)
    for name in [*attribute_names(value), "extra"]:
        with pytest.raises(AttributeError):  # FrozenInstanceError is an AttributeError
            setattr(value, name, None)
    assert value == before
    assert repr(value) == repr(before)


def deletion_cases() -> list[Any]:
    return [pytest.param(case.values[0], id=case.id) for case in value_cases()]


@pytest.mark.parametrize("value", deletion_cases())
def test_deleting_an_attribute_raises_and_changes_nothing(value: object) -> None:
    victim = copy.deepcopy(value)  # a failure must not damage the shared case
    for name in attribute_names(victim):
        with pytest.raises(AttributeError):
            delattr(victim, name)
    assert repr(victim) == repr(value)


def test_frozen_attrs_classes_raise_frozen_instance_error() -> None:
    for cls, instances in VALUES.items():
        if attrs.has(cls):
            field = attrs.fields(cls)[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(instances[0], field, None)


def test_a_frozen_map_cannot_be_changed_through_the_mapping_interface() -> None:
    info = FrozenMap({"guardians": ["王父"], "phone": "010"})
    with pytest.raises(TypeError):
        info["phone"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        del info["phone"]  # type: ignore[attr-defined]
    assert info["guardians"] == ("王父",)  # lists are frozen into tuples


def hashable_cases() -> list[Any]:
    cases = []
    for cls, instances in VALUES.items():
        marks = []
        if cls in UNHASHABLE:
            marks.append(pytest.mark.xfail(strict=True, raises=TypeError, reason=UNHASHABLE[cls]))
        cases.append(pytest.param(instances[0], id=cls.__name__, marks=marks))
    return cases


@pytest.mark.parametrize("value", hashable_cases())
def test_every_public_value_is_hashable_and_equal_to_its_deep_copy_under_hash(
    value: object,
) -> None:
    assert {value, copy.copy(value)} == {value}
    assert hash(value) == hash(copy.copy(value))


# -- attrs.evolve -----------------------------------------------------------------------------


#: (instance, field, bad value) for every validated field; evolving must raise XuejiError.
_SPAN = YearSpan(1983, 2000)
_SUSPEND_EVENT = next(e for e in LONG_RECORD.history if e.kind is xueji.EventKind.SUSPEND)
_NAME_SPAN = NameSpan(None, 2000, "铅山县")
_CHOICE = NameChoice(1980, 1981, "铅山县", ())
_HISTORY = region_history("620201")

EVOLVE_CASES: list[Any] = [
    pytest.param(Region("110105", None, None, None), "code", "11010", id="Region.code"),
    pytest.param(_SPAN, "first", "1983", id="YearSpan.first"),
    pytest.param(_SPAN, "last", 1982, id="YearSpan.last-before-first"),
    pytest.param(_SPAN, "last", True, id="YearSpan.last-bool"),
    pytest.param(_NAME_SPAN, "first", 1980.0, id="NameSpan.first"),
    pytest.param(_NAME_SPAN, "last", "2000", id="NameSpan.last"),
    pytest.param(_NAME_SPAN, "name", "", id="NameSpan.name"),
    pytest.param(_CHOICE, "first", None, id="NameChoice.first"),
    pytest.param(_CHOICE, "last", 1979, id="NameChoice.last"),
    pytest.param(_CHOICE, "chosen", None, id="NameChoice.chosen"),
    pytest.param(_HISTORY, "code", 620201, id="RegionHistory.code"),
    pytest.param(RID, "value", "11010519491231002x", id="ResidentID.value-not-canonical"),
    pytest.param(RID, "value", "110105194912310021", id="ResidentID.value-checksum"),
    pytest.param(RID, "value", 11010519491231002, id="ResidentID.value-not-text"),
    pytest.param(G, "value", "K11010519491231002X", id="RegistryNumber.value-prefix"),
    pytest.param(J, "value", str(J)[:-1], id="RegistryNumber.value-length"),
    pytest.param(SCHOOL.code, "value", "9911010001", id="SchoolCode.value-category"),
    pytest.param(SCHOOL.code, "value", None, id="SchoolCode.value-not-text"),
    pytest.param(SCHOOL, "code", "21110100", id="School.code"),
    pytest.param(SCHOOL, "name", " ", id="School.name"),
    pytest.param(SCHOOL, "region_code", "310101", id="School.region_code-province"),
    pytest.param(SCHOOL, "region_code", "119999", id="School.region_code-unknown"),
    pytest.param(SCHOOL, "credit_code", "91110108551385082X", id="School.credit_code"),
    pytest.param(STUDENT, "name", "王2", id="Student.name"),
    pytest.param(STUDENT, "sex", "1", id="Student.sex"),
    pytest.param(STUDENT, "birth_date", "2015-03-01", id="Student.birth_date"),
    pytest.param(STUDENT_WITH_ID, "birth_date", D(2015, 3, 2), id="Student.birth_date-vs-id"),
    pytest.param(STUDENT, "resident_id", str(RID), id="Student.resident_id-text"),
    pytest.param(
        STUDENT,
        "resident_id",
        make_resident_id(region_code="110105", birth_date=D(2015, 3, 2), sequence=1),
        id="Student.resident_id-other-birth-date",
    ),
    pytest.param(REGISTRAR, "role", "principal", id="Actor.role"),
    pytest.param(REGISTRAR, "scope", "110105", id="Actor.scope"),
    pytest.param(REGISTRAR, "name", "", id="Actor.name"),
    pytest.param(REGISTRAR, "id", "T 1", id="Actor.id"),
    pytest.param(
        PopulationMatch(RID, "王小明"),
        "resident_id",
        str(RID),
        id="PopulationMatch.resident_id",
    ),
    pytest.param(PopulationMatch(RID, "王小明"), "name", "王2", id="PopulationMatch.name"),
    pytest.param(PASSED, "conflicts", ["K1"], id="DedupResult.conflicts-number"),
    pytest.param(
        PASSED,
        "conflicts",
        5,
        id="DedupResult.conflicts-not-iterable",
    ),
    pytest.param(LONG_RECORD.history[0], "kind", "teleport", id="Event.kind"),
    pytest.param(LONG_RECORD.history[0], "on", "2021-09-01", id="Event.on"),
    pytest.param(LONG_RECORD.history[0], "by", None, id="Event.by"),
    pytest.param(LONG_RECORD.history[0], "request", VERIFIED, id="Event.request"),
    pytest.param(VERIFIED, "number", str(G), id="ChangeRequest.number"),
    pytest.param(VERIFIED, "school", "2111010001", id="ChangeRequest.school"),
    pytest.param(VERIFIED, "field", "name", id="ChangeRequest.field"),
    pytest.param(VERIFIED, "old_value", 5, id="ChangeRequest.old_value"),
    pytest.param(VERIFIED, "new_value", None, id="ChangeRequest.new_value"),
    pytest.param(VERIFIED, "evidence", ["户口簿"], id="ChangeRequest.evidence"),
    pytest.param(VERIFIED, "submitted_by", "李老师", id="ChangeRequest.submitted_by"),
    pytest.param(VERIFIED, "submitted_on", "2023-05-01", id="ChangeRequest.submitted_on"),
    pytest.param(VERIFIED, "status", "verified", id="ChangeRequest.status"),
    pytest.param(VERIFIED, "decisions", list(VERIFIED.decisions), id="ChangeRequest.decisions"),
    pytest.param(VERIFIED.decisions[0], "status", "approved", id="Decision.status"),
    pytest.param(VERIFIED.decisions[0], "by", None, id="Decision.by"),
    pytest.param(VERIFIED.decisions[0], "on", None, id="Decision.on"),
    pytest.param(VERIFIED.decisions[0], "note", None, id="Decision.note"),
    pytest.param(VERIFIED.decisions[0], "conflicts", [G], id="Decision.conflicts"),
    pytest.param(VALUES[Discrepancy][0], "kind", "absent", id="Discrepancy.kind"),
    pytest.param(VERIFIED, "route", PAUSE.route, id="ChangeRequest.route"),
    pytest.param(MOVE, "number", str(L), id="TransferRequest.number"),
    pytest.param(MOVE, "from_school", OTHER, id="TransferRequest.from_school"),
    pytest.param(MOVE, "to_school", SCHOOL, id="TransferRequest.to_school"),
    pytest.param(MOVE, "submitted_by", REGISTRAR, id="TransferRequest.submitted_by"),
    pytest.param(MOVE, "submitted_on", D(2023, 1, 30), id="TransferRequest.submitted_on"),
    pytest.param(MOVE, "note", "\n", id="TransferRequest.note"),
    pytest.param(MOVE, "primary_years", 4, id="TransferRequest.primary_years"),
    pytest.param(MOVE, "decisions", MOVE.decisions[:1], id="TransferRequest.decisions"),
    pytest.param(MOVE, "status", RequestStatus.REJECTED, id="TransferRequest.status"),
    pytest.param(PAUSE, "number", None, id="SuspensionRequest.number"),
    pytest.param(PAUSE, "school", OTHER, id="SuspensionRequest.school"),
    pytest.param(PAUSE, "kind", "pause", id="SuspensionRequest.kind"),
    pytest.param(PAUSE, "months", 0, id="SuspensionRequest.months"),
    pytest.param(PAUSE, "evidence", (), id="SuspensionRequest.evidence"),
    pytest.param(PAUSE, "submitted_by", CENTRAL, id="SuspensionRequest.submitted_by"),
    pytest.param(PAUSE, "submitted_on", "2022-03-20", id="SuspensionRequest.submitted_on"),
    pytest.param(PAUSE, "note", 5, id="SuspensionRequest.note"),
    pytest.param(PAUSE, "decisions", (), id="SuspensionRequest.decisions"),
    pytest.param(PAUSE, "status", "approved", id="SuspensionRequest.status"),
    pytest.param(MOVE.route.steps[0], "role", "principal", id="Step.role"),
    pytest.param(MOVE.route.steps[0], "scope", "2111010001", id="Step.scope"),
    pytest.param(MOVE.route.steps[0], "approved", RequestStatus.REJECTED, id="Step.approved"),
    pytest.param(MOVE.route.steps[0], "rejected", RequestStatus.APPROVED, id="Step.rejected"),
    pytest.param(MOVE.route, "steps", (), id="Route.steps"),
    pytest.param(MOVE.route, "days", 0, id="Route.days"),
    pytest.param(LATE, "request", LONG_RECORD, id="Late.request"),
    pytest.param(LATE, "step", None, id="Late.step"),
    pytest.param(LATE, "due_on", None, id="Late.due_on"),
    pytest.param(xueji.MonthDay(8, 31), "day", 32, id="MonthDay.day"),
    pytest.param(xueji.MonthDay(2, 28), "day", 29, id="MonthDay.day-29-february"),
    pytest.param(LONG_RECORD.time_abroad[0], "start", None, id="Period.start"),
    pytest.param(LONG_RECORD.time_abroad[0], "end", D(2022, 9, 30), id="Period.end"),
    pytest.param(LONG_RECORD.time_abroad[0], "end", "2022-12-01", id="Period.end-not-a-date"),
    pytest.param(
        LONG_RECORD, "time_abroad", LONG_RECORD.time_abroad * 2, id="Record.time_abroad-overlap"
    ),
    pytest.param(LONG_RECORD, "pending_sync", "yes", id="Record.pending_sync"),
    pytest.param(LONG_RECORD.history[-1], "request", MOVE, id="Event.request-of-another-type"),
    pytest.param(
        LONG_RECORD.history[-1], "request", FAILED_CHECK, id="Event.request-for-another-field"
    ),
    pytest.param(
        _SUSPEND_EVENT, "kind", "extend-suspension", id="Event.request-of-another-suspension"
    ),
    pytest.param(LONG_RECORD, "grade", 13, id="Record.grade"),
    pytest.param(LONG_RECORD, "primary_years", 7, id="Record.primary_years"),
    pytest.param(LONG_RECORD, "time_abroad", "2022", id="Record.time_abroad"),
    *(
        pytest.param(xueji.Policy.NATIONAL, name, bad, id=f"Policy.{name}")
        for name, bad in dict[str, object](
            {
                "name": "",
                "province": "99",
                "entry_age": "6",
                "entry_cutoff": (8, 31),
                "school_year_starts": None,
                "second_term_starts": "02-01",
                "primary_years": 4,
                "transfer_freeze": (xueji.MonthDay(7, 15),),
                "progression_windows": [],
                "step_days": 0,
                "suspension_months": 37,
                "extension_months": True,
                "extensions": -1,
                "graduating_term_suspension": "false",
                "dropout_absence_weeks": 0,
                "grade_changes": "repeat",
            }
        ).items()
    ),
    pytest.param(VALUES[Discrepancy][0], "key", None, id="Discrepancy.key"),
    pytest.param(
        LONG_RECORD.history[0],
        "before",
        {"x": bytearray()},
        id="Event.before",
    ),
    pytest.param(
        LONG_RECORD.history[0],
        "after",
        5,
        id="Event.after",
    ),
    pytest.param(
        LONG_RECORD,
        "number",
        str(G),
        id="Record.number",
    ),
    pytest.param(
        LONG_RECORD,
        "status",
        "enrolled",
        id="Record.status",
    ),
    pytest.param(LONG_RECORD, "enrolled_on", "2021-09-01", id="Record.enrolled_on"),
    pytest.param(LONG_RECORD, "continuous_since", D(2021, 8, 31), id="Record.continuous_since"),
    pytest.param(
        LONG_RECORD,
        "info",
        {"phone": bytearray(b"010")},
        id="Record.info",
    ),
    pytest.param(LONG_RECORD, "history", "not a history", id="Record.history"),
    pytest.param(LONG_RECORD, "student", "王小明", id="Record.student"),
    pytest.param(LONG_RECORD, "school", "2111010001", id="Record.school"),
    pytest.param(_registered(), "number", G, id="Record.number-g-without-id"),
    pytest.param(VALUES[Summary][0], "kinds", 5, id="Summary.kinds"),
    pytest.param(VALUES[Summary][0], "reasons", ["checksum"], id="Summary.reasons"),
    pytest.param(VALUES[RowCheck][0], "fields", {"id": bytearray()}, id="RowCheck.fields"),
    pytest.param(VALUES[Problem][0], "reason", "checksum", id="Problem.reason"),
    pytest.param(VALUES[Problem][0], "severity", "error", id="Problem.severity"),
    pytest.param(VALUES[Problem][0], "message", "", id="Problem.message-empty"),
    pytest.param(VALUES[Problem][0], "message", None, id="Problem.message-none"),
]


@pytest.mark.parametrize(("value", "field", "bad"), EVOLVE_CASES)
def test_evolving_a_validated_field_to_a_bad_value_raises_a_xueji_error(
    value: object, field: str, bad: object
) -> None:
    with pytest.raises(XuejiError) as excinfo:
        attrs.evolve(value, **{field: bad})  # type: ignore[misc]  # any attrs class
    assert isinstance(excinfo.value.reason, Reason)
    assert explained(excinfo.value)


def test_every_validated_field_has_an_evolve_case() -> None:
    covered = {(type(p.values[0]), p.values[1]) for p in EVOLVE_CASES}
    validated = {
        (cls, f.name)
        for cls in VALUES
        if attrs.has(cls)
        for f in attrs.fields(cls)
        if f.validator is not None or f.converter is not None
    }
    assert sorted(f"{c.__name__}.{n}" for c, n in validated - covered) == []


def test_evolving_to_a_good_value_gives_a_valid_instance() -> None:
    # The constructor's checks run, so a good value passes them.
    assert attrs.evolve(STUDENT, resident_id=RID) == STUDENT_WITH_ID
    assert attrs.evolve(SCHOOL, name=" 新名字 ").name == "新名字"
    assert attrs.evolve(RID, value=str(NEW_RID)) == NEW_RID
    # An event's kind may be given as its text; periods abroad may meet on a day.
    assert attrs.evolve(_SUSPEND_EVENT, kind="suspend") == _SUSPEND_EVENT
    (abroad,) = LONG_RECORD.time_abroad
    again = xueji.Period(abroad.end, abroad.end + datetime.timedelta(30))
    assert attrs.evolve(LONG_RECORD, time_abroad=(abroad, again)).time_abroad[1] == again


# -- errors ---------------------------------------------------------------------------------

#: One instance of every error class, with every attribute set to a non-default value.
ERRORS: list[XuejiError] = [
    XuejiError("root", reason=Reason.FORMAT),
    xueji.InvalidNumber(
        Reason.CHECKSUM, masked="110105********0021", label="resident ID", expected="X"
    ),
    xueji.InvalidValue("bad", reason=Reason.PROVINCE),
    xueji.DateBeforeBirth("before"),
    xueji.InconsistentIdentity("mismatch", reason=Reason.MATCH_MISMATCH),
    xueji.DuplicateRegistration((G, L)),
    xueji.KeyFieldChangeRequired("name"),
    xueji.NotAuthorized("no"),
    xueji.IllegalTransition(state="graduated", action="transfer", detail="closed"),
    xueji.SequenceExhausted(kind="L", birth_date="2015-03-01"),
]


def test_every_error_class_has_a_pickling_case() -> None:
    classes = [
        getattr(errors, name)
        for name in errors.__all__
        if issubclass(getattr(errors, name), BaseException)
    ]
    assert sorted(c.__name__ for c in classes) == sorted(type(e).__name__ for e in ERRORS)


@pytest.mark.parametrize("copier", COPIERS.values(), ids=COPIERS.keys())
@pytest.mark.parametrize("err", ERRORS, ids=lambda e: type(e).__name__)
def test_an_error_pickles_with_its_reason_and_attributes(
    err: XuejiError, copier: Callable[[object], object]
) -> None:
    back = copier(err)
    assert type(back) is type(err)
    assert isinstance(back, XuejiError)
    assert back.reason is err.reason
    assert vars(back) == vars(err)
    assert back.args == err.args
    assert (str(back), repr(back)) == (str(err), repr(err))


def test_errors_raised_by_parsing_pickle_with_their_attributes() -> None:
    with pytest.raises(xueji.InvalidNumber) as excinfo:
        ResidentID.parse(" 110105194912310021 ")
    back = pickle.loads(pickle.dumps(excinfo.value))
    assert (back.reason, back.expected, back.masked, back.label) == (
        Reason.CHECKSUM,
        "X",
        excinfo.value.masked,
        "resident ID",
    )
