"""Tests of ``xueji.strategies``: what each strategy promises, checked against the parsers.

Valid strategies must give values that parse (and records that passed through the real
operations); invalid-text strategies must fail with exactly the promised reason; every
documented minimal example must be what shrinking reaches; bad arguments must fail when
the strategy is built, not when it is drawn from.
"""

from __future__ import annotations

import datetime
import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from stdnum.cn import uscc

import xueji
from xueji import (
    NATIONAL_EVENTS,
    TERMINAL,
    Actor,
    ChangeRequest,
    Document,
    InvalidNumber,
    KeyField,
    Policy,
    Reason,
    Record,
    RegistryKind,
    RegistryNumber,
    RequestStatus,
    ResidentID,
    Role,
    School,
    SchoolCategory,
    SchoolCode,
    Sex,
    Status,
    Student,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
    Verdict,
    check_history,
    stages_taught,
)
from xueji import strategies as xs
from xueji._text import clean
from xueji.workflow import suspension_route, transfer_route

# find() with no database: the minimal example must come from shrinking, not a replay.
# Derandomized: a minimal example is then the same on every run of one Hypothesis version,
# not one of the local minima a shrink may stop at.
QUIET = settings(database=None, derandomize=True)
DAY = datetime.date


def minimal(strategy: st.SearchStrategy[Any]) -> Any:
    return find(strategy, lambda _: True, settings=QUIET)


# -- valid values -----------------------------------------------------------------------


@given(xs.resident_ids())
def test_resident_ids_parse_back_to_themselves(rid: ResidentID) -> None:
    assert ResidentID.parse(str(rid)) == rid
    assert 1 <= rid.sequence <= 999


@pytest.mark.parametrize("document", list(Document))
@given(data=st.data())
def test_resident_ids_keep_to_the_documents_asked_for(
    document: Document, data: st.DataObject
) -> None:
    rid = data.draw(xs.resident_ids(documents=[document]))
    assert rid.document is document
    assert ResidentID.parse(rid.value) == rid


@pytest.mark.parametrize("sex", list(Sex))
@given(data=st.data())
def test_resident_ids_keep_to_the_sex_and_birth_range(sex: Sex, data: st.DataObject) -> None:
    born = (DAY(2008, 9, 1), DAY(2009, 8, 31))
    rid = data.draw(xs.resident_ids(sex=sex, born=born))
    assert rid.sex is sex
    assert born[0] <= rid.birth_date <= born[1]
    # A range that ends on the day of reference parses with as_of.
    assert ResidentID.parse(rid.value, as_of=born[1]) == rid


@given(xs.resident_ids(region_codes=["110105", "810000", "320000"]))
def test_resident_ids_keep_to_the_region_codes(rid: ResidentID) -> None:
    # 320000 admits the Jiangsu code itself and foreigner's cards first issued in Jiangsu.
    assert rid.region_code in {"110105", "810000", "320000"}


@given(xs.resident_ids(born=(DAY(2024, 2, 29), DAY(2024, 2, 29))))
def test_a_one_day_range_gives_that_day(rid: ResidentID) -> None:
    assert rid.birth_date == DAY(2024, 2, 29)


@given(xs.registry_numbers())
def test_registry_numbers_parse_back_to_themselves(number: RegistryNumber) -> None:
    assert RegistryNumber.parse(str(number)) == number


@pytest.mark.parametrize("kind", list(RegistryKind))
@given(data=st.data())
def test_registry_numbers_keep_to_kind_sex_and_region(
    kind: RegistryKind, data: st.DataObject
) -> None:
    number = data.draw(
        xs.registry_numbers(kinds=[kind], sex=Sex.FEMALE, region_codes=["110105", "440300"])
    )
    assert number.kind is kind
    assert number.region_code in {"110105", "440300"}
    assert int(number.value[17]) % 2 == 0  # the sequence's last digit: even for women
    if kind is RegistryKind.G:
        assert number.resident_id is not None
        assert number.resident_id.sex is Sex.FEMALE


def test_registry_numbers_drop_kinds_the_region_rules_out() -> None:
    # L and J need a GB/T 2260 code; 830000 is only the Taiwan residents' permit code.
    strategy = xs.registry_numbers(region_codes=["830000"])
    assert minimal(strategy).value == "G830000200001010018"


@given(xs.school_codes())
def test_school_codes_parse(code: SchoolCode) -> None:
    assert SchoolCode.parse(code.value) == code
    assert code.serial != "000000"


@given(xs.schools())
def test_schools_are_consistent(school: School) -> None:
    assert school.region_code[:2] == school.code.province_code
    assert school == School(school.code, school.name, school.region_code, school.credit_code)
    if school.credit_code is not None:
        assert uscc.is_valid(school.credit_code)


@given(xs.schools(categories=[SchoolCategory.SENIOR_SECONDARY], region_codes=["110105"]))
def test_schools_keep_to_categories_and_regions(school: School) -> None:
    assert school.code.category is SchoolCategory.SENIOR_SECONDARY
    assert school.region_code == "110105"


@given(xs.students(with_resident_id=True, sex=Sex.FEMALE))
def test_students_ids_agree_with_them(student: Student) -> None:
    assert student.resident_id is not None
    assert student.resident_id.birth_date == student.birth_date
    assert student.sex is Sex.FEMALE is student.resident_id.sex


@given(xs.students(with_resident_id=False))
def test_students_without_ids(student: Student) -> None:
    assert student.resident_id is None


def _check_record(record: Record) -> None:
    """What every record reached by the real operations must satisfy."""
    history = record.history
    assert history[0].kind == "register"
    assert all(a.on <= b.on for a, b in itertools.pairwise(history))
    assert RegistryNumber.parse(record.number.value) == record.number
    promotions = sum(event.kind == "promote" for event in history)
    renumbered = sum(event.kind == "change-number" for event in history)
    assert len(record.former_numbers) == promotions + renumbered
    assert (record.number.kind is RegistryKind.L) == (promotions == 0)
    if record.number.kind is RegistryKind.G:
        # G + a resident ID the student has or had: a new ID keeps the number (R12).
        students = [e.after["student"] for e in history if "student" in e.after]
        held = {s.resident_id for s in students if isinstance(s, Student)}
        assert record.student.resident_id is not None
        assert record.number.resident_id in held
    check_history(record)
    assert record.enrolled_on <= record.continuous_since
    transfers = [e.kind for e in history if e.kind.startswith(("transfer", "sync"))]
    assert record.pending_sync == (transfers[-1:] == ["transfer-offline"])
    # Terminal means terminal: nothing follows a closing event but the progression of a
    # primary or junior graduate, which takes the record on at the next stage.
    for i, event in enumerate(history):
        if event.after.get("status") in TERMINAL and i + 1 < len(history):
            assert event.kind == "graduate"
            assert history[i + 1].kind == "progress"
    assert all(e.by is not None or e.kind in NATIONAL_EVENTS for e in history)
    # Grades move only by the grade steps, registration, progression and a return.
    graded = {"register", "set-grade", "advance-grade", "repeat-grade", "skip-grade",
              "move-down", "progress", "return"}  # fmt: skip
    assert all("grade" not in e.after or e.kind in graded for e in history)
    stage = record.stage
    if stage is not None:
        assert stage in stages_taught(record.school)


@settings(max_examples=40)
@given(xs.records(max_steps=8))
def test_records_pass_their_invariants(record: Record) -> None:
    _check_record(record)


@settings(max_examples=40)
@given(xs.change_requests())
def test_change_requests_follow_the_review_chain(request: ChangeRequest) -> None:
    statuses = [d.status for d in request.decisions]
    expected = {
        RequestStatus.SUBMITTED: [],
        RequestStatus.APPROVED: [RequestStatus.APPROVED],
        RequestStatus.REJECTED: [RequestStatus.REJECTED],
        RequestStatus.VERIFIED: [RequestStatus.APPROVED, RequestStatus.VERIFIED],
        RequestStatus.CHECK_FAILED: [RequestStatus.APPROVED, RequestStatus.CHECK_FAILED],
    }
    assert statuses == expected[request.status]
    assert request.new_value != request.old_value
    dates = [request.submitted_on, *(d.on for d in request.decisions)]
    assert dates == sorted(dates)
    if request.field is KeyField.NUMBER:
        assert request.number.kind is RegistryKind.J
        assert isinstance(request.new_value, RegistryNumber)
        assert request.new_value.kind is RegistryKind.G


CHANGE_STATUSES = [s for s in RequestStatus if s is not RequestStatus.IN_REVIEW]


@pytest.mark.parametrize(("field", "status"), list(zip(KeyField, CHANGE_STATUSES, strict=True)))
@settings(max_examples=10)
@given(data=st.data())
def test_change_requests_keep_to_fields_and_statuses(
    field: KeyField, status: RequestStatus, data: st.DataObject
) -> None:
    request = data.draw(xs.change_requests(fields=[field], statuses=[status]))
    assert (request.field, request.status) == (field, status)
    assert request.old_value is not None or field is KeyField.RESIDENT_ID
    if field in (KeyField.SEX, KeyField.BIRTH_DATE):
        assert type(request.new_value) is type(request.old_value)


@settings(max_examples=40)
@given(xs.transfer_requests())
def test_transfer_requests_follow_their_route(request: TransferRequest) -> None:
    steps = request.route.steps
    assert len(request.decisions) <= len(steps)
    assert request.route == transfer_route(request.from_school, request.to_school)
    verdicts = [d.verdict for d in request.decisions]
    expected = {
        RequestStatus.SUBMITTED: lambda: verdicts == [],
        RequestStatus.IN_REVIEW: lambda: (
            0 < len(verdicts) < len(steps) and set(verdicts) == {Verdict.APPROVE}
        ),
        RequestStatus.APPROVED: lambda: verdicts == [Verdict.APPROVE] * len(steps),
        RequestStatus.REJECTED: lambda: (
            verdicts[-1] is Verdict.REJECT
            and request.rejection is not None
            and request.rejection.note != ""
        ),
    }
    assert expected[request.status]()
    assert not Policy.NATIONAL.in_transfer_freeze(request.submitted_on)
    assert request.to_school.code != request.from_school.code


ROUTE_STEPS = {"same-county": 2, "same-province": 3, "across-provinces": 4}


@pytest.mark.parametrize(
    ("route", "status"),
    [
        *zip(ROUTE_STEPS, list(RequestStatus)[:3], strict=True),
        ("across-provinces", RequestStatus.REJECTED),
    ],
)
@settings(max_examples=5)
@given(data=st.data())
def test_transfer_requests_keep_to_routes_and_statuses(
    route: str, status: RequestStatus, data: st.DataObject
) -> None:
    request = data.draw(xs.transfer_requests(routes=[route], statuses=[status]))
    assert request.status is status
    steps = len(request.route.steps)
    # A province with one county-level area has no other county to move to.
    assert steps == ROUTE_STEPS[route] or (route == "same-province" and steps == 2)


@settings(max_examples=30)
@given(xs.suspension_requests())
def test_suspension_requests_keep_to_the_national_caps(request: SuspensionRequest) -> None:
    cap = {
        SuspensionKind.SUSPEND: Policy.NATIONAL.suspension_months,
        SuspensionKind.EXTEND: Policy.NATIONAL.extension_months,
    }[request.kind]
    assert 1 <= request.months <= cap
    assert request.route == suspension_route(request.school)
    assert request.status in (
        RequestStatus.SUBMITTED,
        RequestStatus.APPROVED,
        RequestStatus.REJECTED,
    )


@given(xs.policies())
def test_policies_are_valid_and_include_the_published_ones(policy: Policy) -> None:
    assert attrs.evolve(policy) == policy
    assert policy.primary_years in (5, 6)


@given(xs.actors())
def test_actors_have_a_scope_that_fits_their_role(actor: Actor) -> None:
    if actor.role is Role.SCHOOL_REGISTRAR:
        assert actor.scope is not None
        assert SchoolCode(actor.scope).value == actor.scope
    elif actor.role is Role.COUNTY_REVIEWER:
        assert actor.scope is not None
        assert len(actor.scope) == 6
    else:
        assert actor.scope is None
    assert actor.id is None or actor.id.startswith("T-")


@pytest.mark.parametrize("role", list(Role))
@settings(max_examples=10)
@given(data=st.data())
def test_actors_keep_to_their_roles(role: Role, data: st.DataObject) -> None:
    assert data.draw(xs.actors(roles=[role])).role is role


@given(xs.schools())
def test_every_valid_school_can_have_its_requests_reviewed(school: School) -> None:
    reviewer = Actor(Role.COUNTY_REVIEWER, school.region_code, "审核员")
    assert reviewer.scope == school.region_code


# -- text forms -------------------------------------------------------------------------


@given(xs.resident_id_texts())
def test_resident_id_texts_are_canonical(text: str) -> None:
    assert ResidentID.parse(text).value == text


@given(st.data())
def test_messy_resident_id_texts_parse_to_their_id(data: st.DataObject) -> None:
    rid = data.draw(xs.resident_ids())
    text = data.draw(xs.resident_id_texts(messy=True, ids=st.just(rid)))
    assert ResidentID.parse(text) == rid
    assert len(text) <= 64


@given(st.data())
def test_messy_registry_number_texts_parse_to_their_number(data: st.DataObject) -> None:
    number = data.draw(xs.registry_numbers())
    text = data.draw(xs.registry_number_texts(messy=True, numbers=st.just(number)))
    assert RegistryNumber.parse(text) == number


@pytest.mark.parametrize(
    ("what", "predicate"),
    [
        ("lower-case x", lambda t: t.rstrip().endswith("x")),
        ("full-width X", lambda t: t.rstrip().endswith("Ｘ")),
        ("full-width digit", lambda t: any("０" <= c <= "９" for c in t)),
        ("inner hyphen", lambda t: "-" in t.strip()),
        ("inner ideographic space", lambda t: "\u3000" in t.strip()),
        ("surrounding whitespace", lambda t: t != t.strip()),
    ],
)
def test_messy_texts_use_each_cleaning(what: str, predicate: Callable[[str], bool]) -> None:
    ids = st.just(ResidentID("11010519491231002X"))
    strategy = xs.resident_id_texts(messy=True, ids=ids)
    text = find(strategy, predicate, settings=settings(QUIET, max_examples=1000))
    assert ResidentID.parse(text).value == "11010519491231002X", what
    assert clean(text)[1], what


def _expect(parse: Callable[..., object], item: xs.InvalidText) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        parse(item.text, as_of=item.as_of)
    assert excinfo.value.reason is item.reason, item


@pytest.mark.parametrize("reason", [r for r in xs.ID_REASONS if r is not Reason.FLOAT_DAMAGE])
@given(data=st.data())
def test_invalid_resident_id_texts_fail_for_their_reason(
    reason: Reason, data: st.DataObject
) -> None:
    item = data.draw(xs.invalid_resident_id_texts(reasons=[reason]))
    assert item.reason is reason
    assert (item.as_of is not None) == (reason is Reason.FUTURE_BIRTH_DATE)
    _expect(ResidentID.parse, item)


@given(xs.invalid_resident_id_texts(reasons=[Reason.FLOAT_DAMAGE]))
def test_float_damaged_texts_are_named_by_the_dataset_checker(item: xs.InvalidText) -> None:
    assert not ResidentID.is_valid(item.text)
    check = getattr(xueji, "check", None)
    if check is not None:  # the dataset checker, written in parallel
        assert check(item.text).problems[0].reason is Reason.FLOAT_DAMAGE
    else:
        with pytest.raises(InvalidNumber) as excinfo:
            ResidentID.parse(item.text)
        assert excinfo.value.reason in {Reason.FORMAT, Reason.CHECKSUM}


@pytest.mark.parametrize("reason", xs.REGISTRY_REASONS)
@given(data=st.data())
def test_invalid_registry_number_texts_fail_for_their_reason(
    reason: Reason, data: st.DataObject
) -> None:
    item = data.draw(xs.invalid_registry_number_texts(reasons=[reason]))
    assert item.reason is reason
    _expect(RegistryNumber.parse, item)


# -- shrinking --------------------------------------------------------------------------


MINIMAL: list[tuple[str, Callable[[], st.SearchStrategy[Any]], Callable[[Any], object]]] = [
    ("resident_ids", xs.resident_ids, lambda v: v.value),
    ("registry_numbers", xs.registry_numbers, lambda v: v.value),
    ("school_codes", xs.school_codes, lambda v: v.value),
    ("schools", xs.schools, lambda v: (v.code.value, v.name, v.region_code, v.credit_code)),
    ("students", xs.students, lambda v: (v.name, v.sex, v.birth_date, v.resident_id)),
    ("resident_id_texts", xs.resident_id_texts, lambda v: v),
    ("messy resident_id_texts", lambda: xs.resident_id_texts(messy=True), lambda v: v),
    ("registry_number_texts", xs.registry_number_texts, lambda v: v),
    ("messy registry_number_texts", lambda: xs.registry_number_texts(messy=True), lambda v: v),
    ("invalid_resident_id_texts", xs.invalid_resident_id_texts, tuple),
    ("invalid_registry_number_texts", xs.invalid_registry_number_texts, tuple),
]
EXPECTED: dict[str, object] = {
    "resident_ids": "110000200001010019",
    "registry_numbers": "G110000200001010019",
    "school_codes": "1111000001",
    "schools": ("1111000001", "东城区第1幼儿园", "110101", None),
    "students": ("王一", Sex.MALE, DAY(2000, 1, 1), None),
    "resident_id_texts": "110000200001010019",
    "messy resident_id_texts": "110000200001010019",
    "registry_number_texts": "G110000200001010019",
    "messy registry_number_texts": "G110000200001010019",
    "invalid_resident_id_texts": ("110000200001010018", Reason.CHECKSUM, None),
    "invalid_registry_number_texts": ("110000200001010019", Reason.PREFIX, None),
}


@pytest.mark.parametrize(("name", "factory", "view"), MINIMAL, ids=[m[0] for m in MINIMAL])
def test_shrinking_reaches_the_documented_minimal_example(
    name: str, factory: Callable[[], st.SearchStrategy[Any]], view: Callable[[Any], object]
) -> None:
    assert view(minimal(factory())) == EXPECTED[name]


def test_minimal_name_change_request() -> None:
    request = minimal(xs.change_requests(fields=[KeyField.NAME]))
    assert (request.old_value, request.new_value) == ("王一", "王一一")
    assert request.status is RequestStatus.SUBMITTED
    assert request.number.value == "L110101200001010010"
    assert request.submitted_on == DAY(2006, 1, 1)


def test_minimal_actor_is_the_central_role_without_a_staff_number() -> None:
    assert minimal(xs.actors()) == Actor(Role.CENTRAL, None, "王一")


def test_minimal_record_is_a_plain_registration() -> None:
    record = minimal(xs.records())
    assert record.number.value == "L110101200001010010"
    assert record.student.name == "王一"
    assert record.student.birth_date == DAY(2000, 1, 1)
    assert (record.school.code.value, record.school.region_code) == ("2111000001", "110101")
    assert (record.status, record.enrolled_on, len(record.history)) == (
        Status.ENROLLED,
        DAY(2006, 1, 1),
        1,
    )
    assert record.grade is None


def test_minimal_policy_is_the_national_one() -> None:
    assert minimal(xs.policies()) is Policy.NATIONAL


def test_minimal_transfer_request_is_a_submitted_move_within_the_county() -> None:
    request = minimal(xs.transfer_requests())
    assert request.status is RequestStatus.SUBMITTED
    assert request.from_school.region_code == request.to_school.region_code == "110101"


def test_minimal_suspension_request_is_a_submitted_month() -> None:
    request = minimal(xs.suspension_requests())
    assert (request.kind, request.months, request.status) == (
        SuspensionKind.SUSPEND,
        1,
        RequestStatus.SUBMITTED,
    )


def test_minimal_change_request_is_a_sex_correction() -> None:
    # Only the field: with every field allowed, shrinking meets Hypothesis's limit of 500
    # shrinks before it settles the rest (the state is not always back to submitted).
    assert minimal(xs.change_requests()).field is KeyField.SEX


def test_minimal_foreign_card_and_permit() -> None:
    foreign = minimal(xs.resident_ids(documents=[Document.FOREIGN_PERMANENT_RESIDENT]))
    assert foreign.value[:6] == "911004"  # Beijing; Afghanistan, the lowest ISO code
    permit = minimal(xs.resident_ids(documents=[Document.MACAO_PERMIT]))
    assert permit.value[:6] == "820000"


# -- argument checks ------------------------------------------------------------------


BAD_CALLS: list[tuple[str, Callable[[], object]]] = [
    ("unknown region", lambda: xs.resident_ids(region_codes=["119999"])),
    ("a bare string of codes", lambda: xs.resident_ids(region_codes="110105")),
    ("empty region codes", lambda: xs.resident_ids(region_codes=[])),
    ("first after last", lambda: xs.resident_ids(born=(DAY(2020, 1, 2), DAY(2020, 1, 1)))),
    ("before 1850", lambda: xs.resident_ids(born=(DAY(1849, 12, 31), DAY(1900, 1, 1)))),
    ("a datetime", lambda: xs.resident_ids(born=(datetime.datetime(2000, 1, 1), DAY(2001, 1, 1)))),
    ("born not a pair", lambda: xs.resident_ids(born=DAY(2000, 1, 1))),  # type: ignore[arg-type]
    ("sex as text", lambda: xs.resident_ids(sex="M")),  # type: ignore[arg-type]
    ("no documents", lambda: xs.resident_ids(documents=[])),
    ("unknown document", lambda: xs.resident_ids(documents=["passport"])),  # type: ignore[list-item]
    (
        "permit document with a mainland region",
        lambda: xs.resident_ids(documents=[Document.HONG_KONG_PERMIT], region_codes=["110105"]),
    ),
    ("empty kinds", lambda: xs.registry_numbers(kinds=[])),
    ("unknown kind", lambda: xs.registry_numbers(kinds=["K"])),  # type: ignore[list-item]
    (
        "L numbers for a permit code",
        lambda: xs.registry_numbers(kinds=[RegistryKind.L], region_codes=["830000"]),
    ),
    ("unknown province", lambda: xs.school_codes(provinces=["99"])),
    ("a school at a province code", lambda: xs.schools(region_codes=["110000"])),
    ("no categories", lambda: xs.schools(categories=[])),
    ("with_resident_id not a bool", lambda: xs.students(with_resident_id=1)),  # type: ignore[arg-type]
    ("negative max_steps", lambda: xs.records(max_steps=-1)),
    ("unknown field", lambda: xs.change_requests(fields=["grade"])),  # type: ignore[list-item]
    (
        "a key-field request in review",
        lambda: xs.change_requests(statuses=[RequestStatus.IN_REVIEW]),
    ),
    ("a verified transfer", lambda: xs.transfer_requests(statuses=[RequestStatus.VERIFIED])),
    ("an unknown route", lambda: xs.transfer_requests(routes=["abroad"])),
    ("no kinds", lambda: xs.suspension_requests(kinds=[])),
    ("unknown reason", lambda: xs.invalid_resident_id_texts(reasons=[Reason.PREFIX])),
    ("no reasons", lambda: xs.invalid_registry_number_texts(reasons=[])),
    (
        "float damage for registry",
        lambda: xs.invalid_registry_number_texts(reasons=[Reason.FLOAT_DAMAGE]),
    ),
    ("messy not a bool", lambda: xs.resident_id_texts(messy="yes")),  # type: ignore[arg-type]
    ("ids not a strategy", lambda: xs.resident_id_texts(ids=["110105"])),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("what", "call"), BAD_CALLS, ids=[b[0] for b in BAD_CALLS])
def test_impossible_arguments_fail_when_the_strategy_is_built(
    what: str, call: Callable[[], object]
) -> None:
    with pytest.raises(InvalidArgument):
        call()  # no draw: the check is eager


# -- registration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        ResidentID,
        RegistryNumber,
        SchoolCode,
        School,
        Student,
        Actor,
        Record,
        ChangeRequest,
        TransferRequest,
        SuspensionRequest,
        Policy,
    ],
)
@settings(max_examples=3)
@given(data=st.data())
def test_from_type_works_once_imported(cls: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(cls)), cls)


def _fresh(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def test_entry_point_registers_without_importing_the_module() -> None:
    out = _fresh(
        "import sys\n"
        "from hypothesis import find, settings, strategies as st\n"
        "from xueji import ResidentID, RegistryNumber\n"
        "s = settings(database=None)\n"
        "print(find(st.from_type(ResidentID), lambda _: True, settings=s).value)\n"
        "print(find(st.from_type(RegistryNumber), lambda _: True, settings=s).value)\n"
    )
    assert out.split() == ["110000200001010019", "G110000200001010019"]


def test_import_xueji_does_not_import_hypothesis() -> None:
    out = _fresh("import sys, xueji; print('hypothesis' in sys.modules)")
    assert out == "False"


def test_importing_the_module_before_hypothesis_works() -> None:
    # Importing xueji.strategies imports Hypothesis, which runs the entry point while
    # this module is still half-built: that must neither fail nor skip the registration.
    out = _fresh(
        "import xueji.strategies\n"
        "from hypothesis import find, settings, strategies as st\n"
        "from xueji import SchoolCode\n"
        "print(find(st.from_type(SchoolCode), lambda _: True, settings=settings(database=None)))\n"
    )
    assert out == "1111000001"
