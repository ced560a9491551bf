"""Tests that kill mutmut survivors in xueji.record (docs/mutation.md).

Validators of the record values: each refusal is an InvalidValue (or InconsistentIdentity)
with a message; the wording is never asserted on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs
import pytest

from xueji import (
    Actor,
    DedupResult,
    InvalidValue,
    PopulationMatch,
    Record,
    RegistryNumber,
    Role,
    School,
    Sex,
    Status,
    Student,
    XuejiError,
    make_resident_id,
    register,
)
from xueji.record import _instance_of

D = datetime.date
SCHOOL = School("2111010001", "朝阳实验小学", "110105")
REGISTRAR = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师")
G = RegistryNumber.parse("G11010519491231002X")


def _record() -> Record:
    student = Student("王小明", Sex.MALE, D(2015, 9, 1))
    return register(
        student, school=SCHOOL, by=REGISTRAR, on=D(2021, 9, 1), dedup=DedupResult(), taken=()
    )


def _refused(call: Callable[[], object], kind: type[XuejiError] = InvalidValue) -> None:
    with pytest.raises(kind) as info:
        call()
    assert isinstance(info.value.args[0], str)
    assert info.value.args[0]


def test_instance_of_accepts_instances_and_refuses_others() -> None:
    @attrs.frozen
    class Holder:
        number: object = attrs.field(validator=_instance_of(RegistryNumber))

    assert Holder(G).number == G
    _refused(lambda: Holder("G11010519491231002X"))


def test_a_population_match_needs_a_resident_id() -> None:
    _refused(lambda: PopulationMatch("11010519491231002X", "王小明"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SCHOOL_REGISTRAR, "21110100"),
        (Role.COUNTY_REVIEWER, "110100"),
        (Role.CENTRAL, "110105"),
        ("principal", None),
    ],
)
def test_actor_refusals_carry_a_message(role: object, scope: object) -> None:
    _refused(lambda: Actor(role, scope, "李老师"))  # type: ignore[arg-type]


def test_dedup_conflicts_may_be_one_number_as_text() -> None:
    assert DedupResult("G11010519491231002X").conflicts == (G,)
    _refused(lambda: DedupResult(5))  # type: ignore[arg-type]


def test_a_record_refuses_history_and_former_numbers_holding_other_values() -> None:
    record = _record()
    _refused(lambda: attrs.evolve(record, history=("register",)))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, history=list(record.history)))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, former_numbers=("L110105201509010011",)))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, former_numbers=[G]))  # type: ignore[arg-type]


def test_every_record_refusal_carries_a_message() -> None:
    record = _record()
    _refused(lambda: attrs.evolve(record, pending_sync=1))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, continuous_since=D(2021, 8, 31)))
    _refused(lambda: attrs.evolve(record, school="2111010001"))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, student="王小明"))  # type: ignore[arg-type]
    _refused(lambda: attrs.evolve(record, number=G), XuejiError)


def test_a_record_built_directly_may_start_with_an_empty_history() -> None:
    record = _record()
    bare = Record(
        record.number, record.student, SCHOOL, Status.ENROLLED, D(2021, 9, 1), D(2021, 9, 1)
    )
    assert bare.history == ()


def test_a_name_of_exactly_the_longest_length_is_accepted() -> None:
    assert Student("王" * 100, Sex.MALE, D(2015, 9, 1)).name == "王" * 100
    _refused(lambda: Student("王" * 101, Sex.MALE, D(2015, 9, 1)))


def test_every_student_refusal_carries_a_message() -> None:
    born = D(2015, 9, 1)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=11)
    _refused(lambda: Student(5, Sex.MALE, born))
    _refused(lambda: Student("  ", Sex.MALE, born))
    _refused(lambda: Student("王1", Sex.MALE, born))
    _refused(lambda: Student("王小明", "1", born))  # type: ignore[arg-type]
    _refused(lambda: Student("王小明", Sex.MALE, "2015-09-01"))  # type: ignore[arg-type]
    _refused(lambda: Student("王小明", Sex.MALE, born, str(rid)))  # type: ignore[arg-type]
    _refused(lambda: Student("王小明", Sex.FEMALE, born, rid), XuejiError)
