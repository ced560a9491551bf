"""Key-field change requests (关键信息变更) and their review chain (R11–R13).

The registrar of the record's school files a request with evidence
([`request_change`][xueji.request_change]); the reviewer of the school's county approves or
rejects it ([`review`][xueji.review]); the central database runs the national duplicate
check ([`verify_change`][xueji.verify_change]); only then may the registrar of the school
the record is at apply it ([`apply_change`][xueji.apply_change]), which checks the whole
chain again. Every decision is kept on the request, and the applied change, with its
request, on the record's history. The chain is the approval engine's (`xueji.approval`):
`review` and `verify_change` decide its two steps, and [`decide`][xueji.decide] works on
it too. The values (`ChangeRequest`, `Decision`, `KeyField`, `RequestStatus`,
`Verdict`) are defined in `xueji.workflow` and `xueji.approval`.
"""

from __future__ import annotations

import datetime
from typing import Final, Literal

import attrs

from xueji._authority import require_other_hand
from xueji._deprecated import module_getattr
from xueji._names import parse_name
from xueji._rules import (
    UNSET,
    Unset,
    day,
    event,
    evolve,
    require,
    require_open,
    require_record,
    require_registrar,
    require_request,
    switch,
)
from xueji._validators import enum_member
from xueji.actor import Actor, Role
from xueji.approval import RequestStatus, Verdict, hands, record_decision, require_chain
from xueji.errors import (
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    Reason,
)
from xueji.record import CHANGE_EVENTS, DedupResult, Record
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.workflow import ChangeRequest, KeyField, Value

__all__ = [
    "apply_change",
    "request_change",
    "review",
    "verify_change",
]


def _current(record: Record, field: KeyField) -> Value | None:
    if field is KeyField.NUMBER:
        return record.number
    value: Value | None = getattr(record.student, field.value)
    return value


def _new_value(record: Record, field: KeyField, new_value: object) -> Value:
    if field is KeyField.NAME:
        return parse_name(new_value)
    if field is KeyField.RESIDENT_ID:
        if isinstance(new_value, ResidentID):
            return new_value
        if not isinstance(new_value, str):
            raise InvalidValue("a new resident ID must be a ResidentID or text")
        return ResidentID.parse(new_value)
    if field in (KeyField.SEX, KeyField.BIRTH_DATE):
        if record.student.resident_id is not None:
            raise InconsistentIdentity(
                f"the resident ID decides the {field.value}: request a new resident ID instead"
            )
        if field is KeyField.SEX:
            return enum_member(Sex, new_value, what="a new sex")
        return day(new_value)
    if record.number.kind is RegistryKind.L:
        raise IllegalTransition(
            state="L", action="renumber", detail="an L number becomes formal through promote()"
        )
    if isinstance(new_value, RegistryNumber):
        number = new_value
    elif isinstance(new_value, str):
        number = RegistryNumber.parse(new_value)
    else:
        raise InvalidValue("a new number must be a RegistryNumber or text")
    rid = record.student.resident_id
    if rid is None or number != RegistryNumber.for_resident(rid):
        raise InconsistentIdentity("a new number must be G + the student's current resident ID")
    return number


_FILE: Final = "request a key-field change"


def request_change(
    record: Record,
    *,
    field: KeyField,
    new_value: object,
    evidence: tuple[str, ...],
    by: Actor,
    on: datetime.date,
) -> ChangeRequest:
    """File a key-field change, with references to the household-registration proof.

    ``by`` is the registrar of the record's school.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is closed, or an L record asks for a new number.
        InvalidValue: no evidence, not a key field, or the new value equals the old one.
    """
    record = require_record(record)
    by = require_registrar(by, record.school, doing=_FILE)
    require_open(record, _FILE)
    key = enum_member(KeyField, field, what="field")
    if (
        not isinstance(evidence, tuple)
        or not evidence
        or not all(isinstance(e, str) and e.strip() for e in evidence)
    ):
        raise InvalidValue("evidence must be a non-empty tuple of document references")
    value = _new_value(record, key, new_value)
    old = _current(record, key)
    if value == old:
        raise InvalidValue("the new value equals the current one")
    return ChangeRequest(record.number, record.school, key, old, value, evidence, by, day(on))


_REVIEW: Final = "review"
_VERIFY: Final = "verify a change"


def review(
    request: ChangeRequest,
    verdict: Verdict | None = None,
    *,
    by: Actor,
    on: datetime.date,
    note: str = "",
    approve: bool | Literal[Unset.UNSET] = UNSET,
) -> ChangeRequest:
    """The county's decision on a filed request: `Verdict.APPROVE` or `Verdict.REJECT`.

    ``by`` is a reviewer of the county of the school the request was filed at, and not the
    person who filed it (told apart by `Actor.id`). A rejection is final.
    ``approve=True``/``False`` is a deprecated spelling of the verdict.

    Raises:
        NotAuthorized: ``by`` is not a reviewer of that county, or filed the request.
        IllegalTransition: the request is not awaiting review.
        InvalidValue: ``verdict`` is not a `Verdict`.
    """
    request = require_request(request)
    by = require(by, Role.COUNTY_REVIEWER, request.school.region_code, doing=_REVIEW)
    decided = switch(
        verdict,
        approve,
        cls=Verdict,
        what="verdict",
        old_name="approve",
        when=(Verdict.APPROVE, Verdict.REJECT),
    )
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    if request.status is not RequestStatus.SUBMITTED:
        raise IllegalTransition(state=request.status.value, action=_REVIEW)
    require_other_hand(hands(request), by, doing=_REVIEW)
    return record_decision(request, decided, by, on, note=note)


def verify_change(
    request: ChangeRequest, *, dedup: DedupResult, by: Actor, on: datetime.date
) -> ChangeRequest:
    """Record the central database's national duplicate check of an approved request.

    A passed check verifies the request; conflicts fail it for good, and are kept on the
    decision. ``by`` is `Role.CENTRAL`. This step was called ``central_check``, a name
    still available, deprecated, for one release.

    Raises:
        NotAuthorized: ``by`` is not the central role, or filed or reviewed the request.
        IllegalTransition: the request is not approved.
    """
    request = require_request(request)
    by = require(by, Role.CENTRAL, None, doing=_VERIFY)
    if request.status is not RequestStatus.APPROVED:
        raise IllegalTransition(state=request.status.value, action=_VERIFY)
    require_other_hand(hands(request), by, doing=_VERIFY)
    if not isinstance(dedup, DedupResult):
        raise InvalidValue("dedup must be a DedupResult")
    if dedup.passed:
        return record_decision(request, Verdict.APPROVE, by, on)
    return record_decision(request, Verdict.REJECT, by, on, conflicts=dedup.conflicts)


_APPLY: Final = "apply a change"
#: Why `apply_change` refuses a verified request, in words, by reason.
_REFUSALS: Final = {
    Reason.ANOTHER_RECORD: "another record's request",
    Reason.ALREADY_APPLIED: "applied before",
    Reason.RECORD_MOVED: (
        "the record moved since the request was filed: file it again at its new school"
    ),
    Reason.STALE_REQUEST: "the field changed since it was filed",
}


def _refuse(request: ChangeRequest, reason: Reason) -> IllegalTransition:
    return IllegalTransition(
        state=request.status.value, action=_APPLY, detail=_REFUSALS[reason], reason=reason
    )


def apply_change(record: Record, request: ChangeRequest, *, by: Actor, on: datetime.date) -> Record:
    """Apply a verified request; the old value stays in the history (and in
    ``former_numbers`` for a number).

    ``by`` is the registrar of the school the record is at now. The request must be for
    this record (its number is the record's number or one of its former numbers, so a
    request follows its record through promotion), filed at the school the record is at
    now (a record that moved needs a new request and a fresh review), and carry the whole
    chain in order: filed by that school's registrar, approved by the reviewer of its
    county, verified by the central role. A new resident ID keeps a G number as it is
    (R12) and brings its birth date and sex to the student; a number change (J → G, or G
    renumbering) moves the old number to ``former_numbers``.

    Raises:
        NotAuthorized: ``by``, or an actor of the chain, has the wrong role or scope, or
            one person took two steps (reasons ``wrong-role``, ``out-of-scope``,
            ``own-request``).
        IllegalTransition: the record is closed or the request not verified
            (``illegal-transition``); it is another record's (``another-record``), was
            filed before the record moved (``record-moved``), lacks a step or has them out
            of order (``broken-chain``), is stale because the field changed since it was
            filed (``stale-request``), or was applied before (``already-applied``).
    """
    record = require_record(record)
    request = require_request(request)
    by = require_registrar(by, record.school, doing=_APPLY)
    require_open(record, _APPLY)
    if request.number not in (record.number, *record.former_numbers):
        raise _refuse(request, Reason.ANOTHER_RECORD)
    if request.status is not RequestStatus.VERIFIED:
        raise IllegalTransition(state=request.status.value, action=_APPLY)
    if any(past.request == request for past in record.history):
        raise _refuse(request, Reason.ALREADY_APPLIED)
    require_chain(request, action=_APPLY)
    if request.school.code != record.school.code:
        raise _refuse(request, Reason.RECORD_MOVED)
    stale = _current(record, request.field) != request.old_value
    if stale or (request.field is KeyField.NUMBER and request.number != record.number):
        raise _refuse(request, Reason.STALE_REQUEST)
    on = day(on, after=request.decisions[-1].on)
    new = request.new_value
    kind = CHANGE_EVENTS[request.field]
    if request.field is KeyField.NUMBER:
        assert isinstance(new, RegistryNumber)
        change = event(record, kind, on, by, request=request, number=new)
        return evolve(
            record, change, number=new, former_numbers=(*record.former_numbers, record.number)
        )
    student = record.student
    if request.field is KeyField.NAME:
        assert isinstance(new, str)
        student = attrs.evolve(student, name=new)
    elif request.field is KeyField.SEX:
        assert isinstance(new, Sex)
        student = attrs.evolve(student, sex=new)
    elif request.field is KeyField.BIRTH_DATE:
        assert isinstance(new, datetime.date)
        student = attrs.evolve(student, birth_date=new)
    else:
        assert isinstance(new, ResidentID)
        student = attrs.evolve(student, resident_id=new, birth_date=new.birth_date, sex=new.sex)
    change = event(record, kind, on, by, request=request, student=student)
    return evolve(record, change, student=student)


__getattr__ = module_getattr(
    __name__,
    {
        "central_check": "xueji.change_request:verify_change",
        "RequestState": "xueji.approval:RequestStatus",
    },
)
