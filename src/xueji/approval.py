"""The approval-chain engine: a request moves along a route of steps, each decided by one actor.

Key-field change requests, transfer requests and suspension requests work the same way
(ADR 0024). A school's registrar files the request; its `Route` lists the `Step` values
that follow, each to be decided by an actor of the step's role and scope; every
[`decide`][xueji.decide] appends a [`Decision`][xueji.Decision], and the route and the
decisions alone determine the request's status. A rejection at any step ends the request;
approval at the last step completes it. Each step has ``route.days`` working days
(10 nationally), counted on a calendar the caller passes in.

A request value checks its whole chain when it is built: a decision by the wrong role or
scope, out of order, after a rejection, by someone who filed or already decided the
request, or a status the decisions do not give, is refused with `InvalidValue` and a
reason (``broken-chain``, ``wrong-role``, ``out-of-scope``, ``own-request``).

Examples:
    >>> route = Route((Step(Role.COUNTY_REVIEWER, "110105"), Step(Role.CENTRAL, None)))
    >>> route.status_after(())
    <RequestStatus.SUBMITTED: 'submitted'>
    >>> route.pending(()).role, route.pending(()).scope
    (<Role.COUNTY_REVIEWER: 'county-reviewer'>, '110105')
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from xueji._authority import require, require_actor, require_other_hand
from xueji._deprecated import warn
from xueji._validators import check_date, day, enum_member, instance_of, tuple_of
from xueji.actor import Actor, Role, check_scope, to_role
from xueji.errors import IllegalTransition, InvalidValue, NotAuthorized, Reason
from xueji.registry_number import RegistryNumber

__all__ = [
    "Decision",
    "RequestStatus",
    "Route",
    "Step",
    "Verdict",
    "decide",
    "monday_to_friday",
]


class Verdict(enum.StrEnum):
    """A reviewer's decision on a step of a request: approve it or reject it."""

    APPROVE = "approve"
    REJECT = "reject"


class RequestStatus(enum.StrEnum):
    """Where a request stands on its route (审核状态)."""

    SUBMITTED = "submitted"  # filed, no step decided yet
    IN_REVIEW = "in-review"  # some steps approved, more to come
    APPROVED = "approved"  # a key-field request: by the county; any other: by every step
    REJECTED = "rejected"  # by the step that decided it; final
    VERIFIED = "verified"  # a key-field request: the central duplicate check passed
    CHECK_FAILED = "check-failed"  # the central duplicate check found conflicts; final


#: The statuses a decision may put a request in, and the verdict each stands for.
_VERDICTS: Final = {
    RequestStatus.IN_REVIEW: Verdict.APPROVE,
    RequestStatus.APPROVED: Verdict.APPROVE,
    RequestStatus.REJECTED: Verdict.REJECT,
    RequestStatus.VERIFIED: Verdict.APPROVE,
    RequestStatus.CHECK_FAILED: Verdict.REJECT,
}
_FINAL_APPROVALS: Final = frozenset({RequestStatus.APPROVED, RequestStatus.VERIFIED})
_MIDWAY_APPROVALS: Final = frozenset({RequestStatus.IN_REVIEW, RequestStatus.APPROVED})
_REJECTIONS: Final = frozenset({RequestStatus.REJECTED, RequestStatus.CHECK_FAILED})


def deprecated_state(owner: str) -> None:
    warn(f"{owner}.state", f"{owner}.status", stacklevel=4)


def _check_decided(_decision: Decision, _attribute: object, status: Any) -> None:
    if not isinstance(status, RequestStatus) or status not in _VERDICTS:
        raise InvalidValue("a decision approves, rejects, verifies or fails a request")


@attrs.frozen
class Decision:
    """One step of a request's route: who decided what, when, and why.

    ``status`` is the status the decision put the request in; ``conflicts`` are the
    clashing numbers a failed central check reported.
    """

    status: RequestStatus = attrs.field(validator=_check_decided)
    by: Actor = attrs.field(validator=instance_of(Actor))
    on: datetime.date = attrs.field(validator=check_date)
    note: str = attrs.field(default="", validator=instance_of(str))
    conflicts: tuple[RegistryNumber, ...] = attrs.field(
        default=(), validator=tuple_of(RegistryNumber)
    )

    @property
    def verdict(self) -> Verdict:
        """`Verdict.APPROVE` for an approval or a passed check, else `Verdict.REJECT`."""
        return _VERDICTS[self.status]

    @property
    def state(self) -> RequestStatus:
        """Deprecated: use ``status``."""
        deprecated_state("Decision")
        return self.status


def _check_step_scope(step: Step, _attribute: object, scope: Any) -> None:
    check_scope(step.role, scope)


def _check_label(allowed: frozenset[RequestStatus]) -> Any:
    def check(_step: Step, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not (isinstance(value, RequestStatus) and value in allowed):
            raise InvalidValue(f"a step's {attribute.name} status is one of {sorted(allowed)}")

    return check


@attrs.frozen
class Step:
    """One step of a route: decided by an actor of ``role`` acting for ``scope``.

    ``scope`` is a school code for a registrar, a county-level code for a county
    reviewer, None for the central role. ``approved`` and ``rejected`` are the statuses
    the step's approval and rejection put the request in.
    """

    role: Role = attrs.field(converter=to_role)
    scope: str | None = attrs.field(validator=_check_step_scope)
    approved: RequestStatus = attrs.field(
        default=RequestStatus.APPROVED, validator=_check_label(_FINAL_APPROVALS | _MIDWAY_APPROVALS)
    )
    rejected: RequestStatus = attrs.field(
        default=RequestStatus.REJECTED, validator=_check_label(_REJECTIONS)
    )


def _check_steps(route: Route, _attribute: object, steps: Any) -> None:
    if not (isinstance(steps, tuple) and steps and all(isinstance(s, Step) for s in steps)):
        raise InvalidValue("a route is a non-empty tuple of xueji.Step values")
    if steps[-1].approved not in _FINAL_APPROVALS:
        raise InvalidValue("a route's last step approves or verifies the request")
    if any(step.approved not in _MIDWAY_APPROVALS for step in steps[:-1]):
        raise InvalidValue("a route's earlier steps leave the request in review")


def _check_days(_route: Route, _attribute: object, days: Any) -> None:
    if type(days) is not int or not 1 <= days <= 60:
        raise InvalidValue("a route's days per step is an int from 1 to 60")


@attrs.frozen
class Route:
    """The steps a request goes through after it is filed, and the working days each has."""

    steps: tuple[Step, ...] = attrs.field(validator=_check_steps)
    days: int = attrs.field(default=10, validator=_check_days)

    def status_after(self, decisions: tuple[Decision, ...]) -> RequestStatus:
        """The status these decisions, taken in order, put a request on this route in."""
        return decisions[-1].status if decisions else RequestStatus.SUBMITTED

    def pending(self, decisions: tuple[Decision, ...]) -> Step | None:
        """The step waiting for a decision; None once the request is rejected or complete."""
        if len(decisions) >= len(self.steps):
            return None
        if decisions and decisions[-1].verdict is Verdict.REJECT:
            return None
        return self.steps[len(decisions)]


def _actor_problem(step: Step, actor: Actor) -> Reason | None:
    if actor.role is not step.role:
        return Reason.WRONG_ROLE
    return None if actor.scope == step.scope else Reason.OUT_OF_SCOPE


def chain_problem(
    route: Route,
    submitted_by: Actor,
    submitted_on: datetime.date,
    decisions: tuple[Decision, ...],
    status: RequestStatus,
) -> tuple[Reason, str, str] | None:
    """What is wrong with a chain of decisions on ``route``, as a reason, a detail and the
    path of the faulty part of the request (``decisions[1].by.scope``); None when it could
    have been made by deciding each step in turn."""
    if len(decisions) > len(route.steps):
        return Reason.BROKEN_CHAIN, "more decisions than steps", "decisions"
    last = submitted_on
    hands = {submitted_by.id} - {None}
    for i, (step, decision) in enumerate(zip(route.steps, decisions, strict=False)):
        at = f"decisions[{i}]"
        if decision.status not in (step.approved, step.rejected):
            return Reason.BROKEN_CHAIN, "the decision does not fit its step", f"{at}.status"
        if bool(decision.conflicts) is not (decision.status is RequestStatus.CHECK_FAILED):
            detail = "a failed check, and only one, reports its conflicts"
            return Reason.BROKEN_CHAIN, detail, f"{at}.conflicts"
        if i and decisions[i - 1].verdict is Verdict.REJECT:
            return Reason.BROKEN_CHAIN, "a decision follows a rejection", at
        if decision.on < last:
            return Reason.BROKEN_CHAIN, "the decisions are out of order", f"{at}.on"
        last = decision.on
        problem = _actor_problem(step, decision.by)
        if problem is not None:
            part = "role" if problem is Reason.WRONG_ROLE else "scope"
            return problem, "an actor the step does not admit", f"{at}.by.{part}"
        if decision.by.id in hands:
            return Reason.OWN_REQUEST, "one person took two steps of the request", f"{at}.by.id"
        if decision.by.id is not None:
            hands.add(decision.by.id)
    if status is not route.status_after(decisions):
        return Reason.BROKEN_CHAIN, "the status disagrees with the decisions", "status"
    return None


def monday_to_friday(day: datetime.date) -> bool:
    """The default working-day calendar: Monday to Friday, with no holidays."""
    return day.weekday() < 5


#: A working-day calendar: True for a day that counts.
WorkingDay = Callable[[datetime.date], bool]
# A calendar with a whole year of days off is broken, not a long holiday.
_LONGEST_BREAK: Final = 366


def _working_days_after(start: datetime.date, days: int, working_day: WorkingDay) -> datetime.date:
    if not callable(working_day):
        raise InvalidValue("working_day must be a function from a date to True or False")
    current, counted, idle = start, 0, 0
    while True:
        if current == datetime.date.max:
            return current  # a deadline past the end of the calendar: its last day
        current += datetime.timedelta(days=1)
        answer = working_day(current)
        if type(answer) is not bool:
            raise InvalidValue("working_day must answer True or False")
        if answer:
            counted, idle = counted + 1, 0
            if counted == days:
                return current
        else:
            idle += 1
            if idle >= _LONGEST_BREAK:
                raise InvalidValue("the working-day calendar has no working day in a year")


class Routed:
    """What every request on a route shares: its pending step, deadline and outcome."""

    __slots__ = ()

    route: Route
    decisions: tuple[Decision, ...]
    status: RequestStatus
    submitted_by: Actor
    submitted_on: datetime.date

    @property
    def pending_step(self) -> Step | None:
        """The step waiting for a decision; None once the request is rejected or complete."""
        return self.route.pending(self.decisions)

    @property
    def rejection(self) -> Decision | None:
        """The decision that rejected the request (its ``note`` says why), if any."""
        last = self.decisions[-1] if self.decisions else None
        return last if last is not None and last.verdict is Verdict.REJECT else None

    @property
    def pending_since(self) -> datetime.date | None:
        """The day the pending step became pending: the last decision, or the filing."""
        if self.pending_step is None:
            return None
        return self.decisions[-1].on if self.decisions else self.submitted_on

    def due_on(self, *, working_day: WorkingDay = monday_to_friday) -> datetime.date | None:
        """The last day of the pending step: ``route.days`` working days after it became
        pending, on the caller's calendar (Monday to Friday by default; pass the official
        holiday calendar, 调休 make-up days included). None when nothing is pending.

        Raises:
            InvalidValue: ``working_day`` is not a function answering True or False.
        """
        since = self.pending_since
        if since is None:
            return None
        return _working_days_after(since, self.route.days, working_day)


R = TypeVar("R", bound=Routed)


def hands(request: Routed) -> tuple[Actor, ...]:
    """Everyone who had a hand in ``request``: its filer and each decider, in order."""
    return (request.submitted_by, *(d.by for d in request.decisions))


def record_decision(
    request: R,
    verdict: Verdict,
    by: Actor,
    on: datetime.date,
    *,
    note: str = "",
    conflicts: tuple[RegistryNumber, ...] = (),
) -> R:
    """``request`` with the pending step decided by ``by``; the caller checked ``by``."""
    step = request.pending_step
    assert step is not None  # the caller checked that a step is pending
    status = step.approved if verdict is Verdict.APPROVE else step.rejected
    last = request.decisions[-1].on if request.decisions else request.submitted_on
    decision = Decision(status, by, day(on, after=last), note, conflicts)
    return attrs.evolve(  # type: ignore[misc]  # R is an attrs class
        request, status=status, decisions=(*request.decisions, decision)
    )


def decide(request: R, verdict: Verdict, *, by: Actor, on: datetime.date, note: str = "") -> R:
    """Decide the pending step of a request: `Verdict.APPROVE` moves it on, or completes
    it at the last step; `Verdict.REJECT` ends it, with ``note`` as its reason.

    ``by`` must have the pending step's role and scope, and must not have filed or
    decided the request before (told apart by `Actor.id`).

    Raises:
        NotAuthorized: ``by`` does not fit the pending step (``wrong-role``,
            ``out-of-scope``) or already had a hand in the request (``own-request``).
        IllegalTransition: nothing is pending: the request was rejected or is complete.
        InvalidValue: ``verdict`` is not a `Verdict`, ``note`` is not text, or ``on`` is
            before the last decision.
    """
    if not isinstance(request, Routed):
        raise InvalidValue(
            "expected a request: a ChangeRequest, TransferRequest or SuspensionRequest"
        )
    decided = enum_member(Verdict, verdict, what="verdict")
    by = require_actor(by, doing="decide")
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    step = request.pending_step
    if step is None:
        raise IllegalTransition(state=request.status.value, action="decide")
    require(by, step.role, step.scope, doing="decide this step")
    require_other_hand(hands(request), by, doing="decide")
    return record_decision(request, decided, by, on, note=note)


def require_chain(request: Routed, *, action: str) -> None:
    """Refuse a request whose chain could not have been made by deciding each step.

    A request built by its constructor never is; one that bypassed it (a pickle patched
    by hand, say) is checked again here, every validator of its class included, and
    refused with `NotAuthorized` (``wrong-role``, ``out-of-scope``, ``own-request``) or
    `IllegalTransition` (``broken-chain``, or the reason the validator gave).
    """
    try:
        attrs.validate(request)  # type: ignore[arg-type]  # every request is an attrs class
    except InvalidValue as err:
        if err.reason in (Reason.WRONG_ROLE, Reason.OUT_OF_SCOPE, Reason.OWN_REQUEST):
            raise NotAuthorized(f"{action}: {err}", reason=err.reason) from None
        reason = Reason.BROKEN_CHAIN if err.reason is Reason.INVALID_VALUE else err.reason
        raise IllegalTransition(
            state=str(request.status), action=action, detail=str(err), reason=reason
        ) from None
