"""Transfers (转学): a request along both schools and their counties, or an offline move (R6).

The receiving school's registrar files a [`TransferRequest`][xueji.TransferRequest]
([`request_transfer`][xueji.request_transfer]); the sending school and the county-level
departments decide it step by step ([`decide`][xueji.decide]) along the route of ADR 0025;
once every step approved, the receiving school takes the record
([`complete_transfer`][xueji.complete_transfer]). When the national system fails, the
transfer is done on paper first ([`transfer`][xueji.transfer] with
`TransferMode.OFFLINE`) and the national system's answer follows
([`sync_transfer`][xueji.sync_transfer]).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Literal

from xueji._rules import (
    UNSET,
    Unset,
    day,
    event,
    evolve,
    require,
    require_applicable,
    require_open,
    require_pending_free,
    require_record,
    require_registrar,
    require_school,
    school_left_offline,
    student_stages,
    switch,
    taking,
)
from xueji._validators import enum_member
from xueji.actor import Actor, Role
from xueji.errors import IllegalTransition, InvalidValue, Reason
from xueji.policy import Policy
from xueji.record import EventKind, Record, Status
from xueji.school import School
from xueji.stage import stage_of, stages_taught
from xueji.workflow import Request, TransferRequest, transfer_route

__all__ = [
    "SyncOutcome",
    "TransferMode",
    "complete_transfer",
    "request_transfer",
    "sync_transfer",
    "transfer",
]


class TransferMode(enum.StrEnum):
    """How a transfer is made: through the national system, or on paper first (R6).

    An online transfer is a [`TransferRequest`][xueji.TransferRequest]; `transfer` takes
    only `OFFLINE`.
    """

    ONLINE = "online"
    OFFLINE = "offline"  # 线下转学: the national system's answer follows (sync_transfer)


class SyncOutcome(enum.StrEnum):
    """The national system's answer to an offline transfer."""

    DONE = "done"  # the electronic transfer went through
    REFUSED = "refused"  # it did not: the record is where the national system has it


def _require_movable(record: Record, to_school: School, *, action: str) -> None:
    """An enrolled record, no offline move awaiting its answer, another school that teaches
    the student's stage."""
    if record.status is not Status.ENROLLED:
        raise IllegalTransition(state=record.status.value, action=action)
    if record.pending_sync:
        raise IllegalTransition(
            state="pending-sync", action=action, detail="sync the last offline transfer first"
        )
    if to_school.code == record.school.code:
        raise IllegalTransition(
            state=record.status.value, action=action, detail="already at that school"
        )
    if not student_stages(record) & stages_taught(to_school):
        raise IllegalTransition(
            state=record.status.value,
            action=action,
            detail="the receiving school does not teach the student's stage",
            reason=Reason.WRONG_STAGE,
        )


def request_transfer(
    record: Record,
    *,
    to_school: School,
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
    pending: Iterable[Request] = (),
    note: str = "",
) -> TransferRequest:
    """File a transfer of ``record`` to ``to_school``: the receiving school starts it.

    ``by`` is the receiving school's registrar; ``policy`` is the receiving side's. The
    student keeps the grade (平级转学): the receiving school must teach the student's stage,
    and under its school system (``policy.primary_years``) the grade must be in the same
    stage. No transfer starts in the transfer freeze (``policy.transfer_freeze``, 15 July
    to 14 August nationally); one started before it goes on. ``pending`` are the record's
    requests from the caller's store: an open transfer request among them refuses a new
    one. ``note`` is the family's reason. Each step then has ``policy.step_days`` working
    days.

    Raises:
        NotAuthorized: ``by`` is not the receiving school's registrar.
        IllegalTransition: the record is not enrolled, awaits a sync or is already there
            (``illegal-transition``); the receiving school does not teach the stage
            (``wrong-stage``); ``on`` is in the freeze (``transfer-freeze``); a transfer
            request for it is open (``pending-request``).
    """
    action = "request a transfer"
    record, to_school, by, policy, on = taking(record, to_school, by, policy, on, doing=action)
    _require_movable(record, to_school, action=action)
    grade = record.grade
    if grade is not None and stage_of(grade, primary_years=policy.primary_years) != record.stage:
        raise IllegalTransition(
            state=record.status.value,
            action=action,
            detail="under the receiving school's system the grade is in another stage",
            reason=Reason.WRONG_STAGE,
        )
    if policy.in_transfer_freeze(on):
        raise IllegalTransition(
            state=record.status.value,
            action=action,
            detail="no transfer starts in the transfer freeze",
            reason=Reason.TRANSFER_FREEZE,
        )
    require_pending_free(record, pending, TransferRequest, action=action)
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    return TransferRequest(
        record.number,
        record.school,
        to_school,
        by,
        on,
        note,
        policy.primary_years,
        transfer_route(record.school, to_school, days=policy.step_days),
    )


def complete_transfer(
    record: Record, request: TransferRequest, *, by: Actor, on: datetime.date
) -> Record:
    """Move the record to the receiving school once every step approved (调档).

    ``by`` is the receiving school's registrar. The record must still be enrolled at the
    sending school; it keeps its number, grade and continuous registration, takes the
    receiving school's school system, and the transfer event carries the request with
    every decision.

    Raises:
        NotAuthorized: ``by`` is not the receiving school's registrar.
        IllegalTransition: the request is not approved at every step (its status says
            which: ``rejected``, ``in-review``…), is another record's (``another-record``),
            was carried out before (``already-applied``), has a broken chain
            (``broken-chain``); the record moved since (``record-moved``), is not enrolled,
            or the receiving school does not teach its stage (``wrong-stage``).
    """
    record = require_record(record)
    if not isinstance(request, TransferRequest):
        raise InvalidValue("expected a xueji.TransferRequest")
    action = "complete a transfer"
    by = require_registrar(by, request.to_school, doing=action)
    require_open(record, action)
    require_applicable(record, request, school=request.from_school, action=action)
    _require_movable(record, request.to_school, action=action)
    on = day(on, after=request.decisions[-1].on)
    change = event(
        record,
        EventKind.TRANSFER,
        on,
        by,
        request=request,
        school=request.to_school,
        primary_years=request.primary_years,
    )
    return evolve(record, change, school=request.to_school, primary_years=request.primary_years)


def transfer(
    record: Record,
    *,
    to_school: School,
    by: Actor,
    on: datetime.date,
    mode: TransferMode | Literal[Unset.UNSET] = UNSET,
    offline: bool | Literal[Unset.UNSET] = UNSET,
) -> Record:
    """Move an enrolled record on paper first, when the national system fails (R6).

    Give ``mode=TransferMode.OFFLINE``: an online transfer goes through
    [`request_transfer`][xueji.request_transfer] and
    [`complete_transfer`][xueji.complete_transfer], and `TransferMode.ONLINE` is refused
    here. ``by`` is the receiving school's registrar. The record is at the new school
    from ``on``, continuous registration is kept, and ``pending_sync`` stays true until
    [`sync_transfer`][xueji.sync_transfer] records the national system's answer; no
    other transfer starts before that. ``offline=True`` is a deprecated spelling of
    ``mode=TransferMode.OFFLINE``.

    Raises:
        NotAuthorized: ``by`` is not the receiving school's registrar.
        IllegalTransition: the record is not enrolled, awaits a sync or is already there
            (``illegal-transition``); the receiving school does not teach the student's
            stage (``wrong-stage``); ``mode`` is `TransferMode.ONLINE`
            (``request-required``).
        InvalidValue: ``mode`` is not a `TransferMode`.
    """
    record = require_record(record)
    to_school = require_school(to_school, what="to_school")
    by = require_registrar(by, to_school, doing="transfer")
    how = switch(
        mode,
        offline,
        cls=TransferMode,
        what="mode",
        old_name="offline",
        when=(TransferMode.OFFLINE, TransferMode.ONLINE),
        default=UNSET,
    )
    if how is TransferMode.ONLINE:
        raise IllegalTransition(
            state=record.status.value,
            action="transfer",
            detail="an online transfer is a request: request_transfer, then complete_transfer",
            reason=Reason.REQUEST_REQUIRED,
        )
    _require_movable(record, to_school, action="transfer")
    change = event(record, EventKind.TRANSFER_OFFLINE, on, by, school=to_school, pending_sync=True)
    return evolve(record, change, school=to_school, pending_sync=True)


def sync_transfer(
    record: Record, *, outcome: SyncOutcome, by: Actor | None, on: datetime.date
) -> Record:
    """Record the national system's answer to an offline transfer (R6).

    `SyncOutcome.DONE`: the electronic transfer went through; the record stays at the
    receiving school, which it joined on the offline date. `SyncOutcome.REFUSED`: the
    system's record is final, so the record goes back to the school the national system
    has it at (the one it left offline); the history keeps both moves. Either way
    continuous registration is kept.

    ``by`` is `Role.CENTRAL`, or None when the answer comes from the national system's
    data exchange with nobody acting: the only events without an actor
    (`NATIONAL_EVENTS`).

    Raises:
        NotAuthorized: ``by`` is neither None nor the central role.
        IllegalTransition: no offline transfer is pending, or the record is closed.
        InvalidValue: ``outcome`` is not a `SyncOutcome`.
    """
    record = require_record(record)
    if by is not None:
        by = require(by, Role.CENTRAL, None, doing="sync a transfer")
    answer = enum_member(SyncOutcome, outcome, what="outcome")
    require_open(record, "sync a transfer")
    if not record.pending_sync:
        raise IllegalTransition(state="synced", action="sync a transfer")
    if answer is SyncOutcome.DONE:
        change = event(record, EventKind.SYNC_TRANSFER, on, by, pending_sync=False)
        return evolve(record, change, pending_sync=False)
    back = school_left_offline(record)
    change = event(record, EventKind.TRANSFER_REFUSED, on, by, school=back, pending_sync=False)
    return evolve(record, change, school=back, pending_sync=False)
