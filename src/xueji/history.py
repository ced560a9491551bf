"""A record's history as the proof of its fields: [`check_history`][xueji.check_history].

Every rule function that changes a record appends one event to its history: the fields it
changed, before and after, the actor, and the request it carried out (ADR 0031). Replayed
from the registration, the history therefore gives every field of the record. A record
whose history does not lead to its fields, holds an event that no rule function writes,
or names an actor who could not have taken the step, was not made by the rules:
`check_history` refuses it with `InvalidValue` and the path of the first fault.

What rests on a provincial `Policy` that the history does not name (the transfer freeze,
the entry age, the suspension caps, which grade changes a province allows) cannot be
checked again, and is not; the rest of what the rule functions check is.

Examples:
    >>> import datetime
    >>> from xueji import Actor, DedupResult, Role, School, Sex, Student, register
    >>> school = School("2111010001", "朝阳实验小学", "110105")
    >>> registrar = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师")
    >>> record = register(
    ...     Student("王小明", Sex.MALE, datetime.date(2015, 3, 1)), school=school,
    ...     by=registrar, on=datetime.date(2021, 9, 1), dedup=DedupResult(), taken=(),
    ... )
    >>> check_history(record)
    >>> import attrs
    >>> check_history(attrs.evolve(record, grade=3))
    Traceback (most recent call last):
    xueji.errors.InvalidValue: grade: the history does not lead to this value
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Final, NamedTuple

from xueji._history_steps import (
    FIELDS,
    State,
    changed,
    check_request,
    check_step,
    fault,
    information,
    kept,
    registration,
)
from xueji.actor import Actor, Role
from xueji.errors import InvalidValue, Reason, XuejiError
from xueji.record import (
    TERMINAL,
    TRANSITIONS,
    Action,
    Event,
    EventKind,
    Period,
    Record,
    Status,
    Student,
)
from xueji.registry_number import RegistryNumber
from xueji.school import School

__all__ = ["check_history"]


# Who takes a step: the registrar of the school the record is at, of the school it goes
# to (the event's ``after``), the central role, or the national system (central or nobody).
_HERE, _THERE, _CENTRAL, _NATIONAL = "here", "there", "central", "national"

_OPEN: Final = frozenset(Status) - TERMINAL


class _Spec(NamedTuple):
    changes: frozenset[str]  # the record fields the event changes
    extras: frozenset[str]  # facts its ``after`` may also keep
    who: str
    when: frozenset[Status]  # the statuses it starts from


def _spec(changes: str, who: str, when: frozenset[Status], extras: str = "") -> _Spec:
    return _Spec(frozenset(changes.split()), frozenset(extras.split()), who, when)


def _from(action: Action) -> frozenset[Status]:
    return frozenset(state for state, a in TRANSITIONS if a is action)


_K = EventKind
_SPECS: Final[dict[EventKind, _Spec]] = {
    _K.REGISTER: _spec("number school student grade primary_years", _THERE, _OPEN, "age_approval"),
    _K.PROMOTE: _spec("number student", _CENTRAL, _OPEN),
    _K.TRANSFER: _spec("school primary_years", _THERE, frozenset({Status.ENROLLED})),
    _K.TRANSFER_OFFLINE: _spec("school pending_sync", _THERE, frozenset({Status.ENROLLED})),
    _K.SYNC_TRANSFER: _spec("pending_sync", _NATIONAL, _OPEN),
    _K.TRANSFER_REFUSED: _spec("school pending_sync", _NATIONAL, _OPEN),
    _K.UPDATE_INFO: _spec("", _HERE, _OPEN),
    _K.SUSPEND: _spec("status", _HERE, _from(Action.SUSPEND)),
    _K.EXTEND_SUSPENSION: _spec("", _HERE, frozenset({Status.SUSPENDED})),
    _K.RETURN: _spec(
        "status school grade primary_years continuous_since time_abroad",
        _THERE,
        _from(Action.RETURN),
        "note",
    ),
    _K.DROP_OUT: _spec("status", _HERE, _from(Action.DROP_OUT), "note absent_since"),
    _K.SET_GRADE: _spec("grade primary_years", _HERE, _OPEN),
    _K.ADVANCE_GRADE: _spec("grade", _CENTRAL, frozenset({Status.ENROLLED})),
    _K.REPEAT_GRADE: _spec("grade", _HERE, frozenset({Status.ENROLLED})),
    _K.SKIP_GRADE: _spec("grade", _HERE, frozenset({Status.ENROLLED})),
    _K.MOVE_DOWN: _spec("grade", _HERE, frozenset({Status.ENROLLED})),
    _K.PROGRESS: _spec("status school grade primary_years", _THERE, frozenset({Status.GRADUATED})),
    _K.CHANGE_NUMBER: _spec("number", _HERE, _OPEN),
    **{
        kind: _spec("student", _HERE, _OPEN)
        for kind in (_K.CHANGE_NAME, _K.CHANGE_RESIDENT_ID, _K.CHANGE_SEX, _K.CHANGE_BIRTH_DATE)
    },
    **{
        _K(action): _spec("status", _HERE, _from(Action(action)), "note")
        for action in (
            "resume",
            "graduate",
            "complete",
            "leave",
            "withdraw",
            "decease",
            "go-abroad",
        )
    },
}
del _K


def _is_grade(value: object) -> bool:
    return value is None or (type(value) is int and 1 <= value <= 12)


#: What each field an event changes holds: an event built by hand may hold anything.
#: The fields that hold a value of one class are checked by it, without a call.
_CLASSES: Final[dict[str, type]] = {
    "number": RegistryNumber,
    "student": Student,
    "school": School,
    "status": Status,
}
_TYPES: Final[dict[str, Callable[[object], bool]]] = {
    "continuous_since": lambda value: type(value) is datetime.date,
    "pending_sync": lambda value: type(value) is bool,
    "grade": _is_grade,
    "primary_years": lambda value: type(value) is int and value in (5, 6),
    "time_abroad": lambda value: (
        isinstance(value, tuple) and all(isinstance(period, Period) for period in value)
    ),
}


def check_history(record: Record) -> None:
    """Refuse a record that the rule functions could not have made.

    The history is replayed from its first event, which must be the registration: each
    event must be one a rule function writes (the fields it changes, with their values
    before the event as the replay has them), dated on or after the one before, from a
    status it may start from, by an actor of the role and scope the step needs where the
    record was then, carrying out a request that was approved at every step, for this
    record, at its school, once. The replay must then give every field of the record:
    its number (the last number the history gives), former numbers, student, school,
    status, grade, dates, information and time abroad.

    Raises:
        InvalidValue: with ``path`` naming the first fault (``history[3].by.scope``,
            ``number``) and a reason: ``broken-history``, or the reason of the rule that
            the event breaks (``wrong-role``, ``out-of-scope``, ``another-record``,
            ``record-moved``, ``stale-request``, ``already-applied``, ``wrong-stage``).
    """
    if not isinstance(record, Record):
        raise InvalidValue("expected a xueji.Record")
    history = record.history
    if not history or history[0].kind is not EventKind.REGISTER:
        raise fault("history", "a record's history starts with its registration")
    state = State(history[0])
    for i, event in enumerate(history):
        try:
            _replay(state, event, i, history[i - 1].on if i else None)
        except XuejiError as err:
            if isinstance(err, InvalidValue) and err.path:
                raise
            # A check of the values an event holds (a grade, a school) refused them.
            raise fault(f"history[{i}]", str(err), err.reason) from err
    for name in FIELDS:
        # The same value (a school or student read once for the record and its history)
        # is equal to itself: no field holds a bare float that could be NaN.
        mine, replayed = getattr(record, name), getattr(state, name)
        if mine is not replayed and mine != replayed:
            raise fault(name, "the history does not lead to this value")


def _replay(state: State, event: Event, i: int, last: datetime.date | None) -> None:
    where = f"history[{i}]"
    kind = event.kind
    spec = _SPECS[kind]
    if last is not None and event.on < last:
        raise fault(f"{where}.on", "the events run in order of their dates")
    if kind is EventKind.REGISTER:
        if i:
            raise fault(f"{where}.kind", "a record is registered once")
    elif state.status not in spec.when:
        raise fault(f"{where}.kind", f"no {kind.value} event follows a {state.status} record")
    if kind is EventKind.UPDATE_INFO:
        _check_actor(state, event, spec, where)
        information(state, event, where)
        return
    _check_keys(state, event, spec, where)
    _check_actor(state, event, spec, where)
    if kind is EventKind.REGISTER:
        registration(event, where)
    else:
        check_step(state, event, where)
    if event.request is not None:
        check_request(state, event, where)
    after = changed(event)
    number = after.get("number")
    if (
        number is not None
        and number is not state.number
        and number != state.number
        and kind is not EventKind.REGISTER
    ):
        state.former_numbers = (*state.former_numbers, state.number)
    for name in spec.changes:
        setattr(state, name, after[name])


def _check_keys(state: State, event: Event, spec: _Spec, where: str) -> None:
    before, after, changes = kept(event), changed(event), spec.changes
    if event.kind is EventKind.REGISTER:
        if before:
            raise fault(f"{where}.before", "a registration has nothing before it")
    elif before.keys() != changes:
        for name in changes - before.keys():
            raise fault(f"{where}.before", f"the event keeps the {name} it changed")
        for name in before.keys() - changes:
            raise fault(f"{where}.before.{name}", "this event does not change it")
    else:
        for name in changes:
            value, had = before[name], getattr(state, name)
            if value is not had and value != had:
                raise fault(f"{where}.before.{name}", "not the value the record had")
    keys = after.keys()
    for name in changes:
        if name not in keys:
            raise fault(f"{where}.after", f"the event gives the new {name}")
        value = after[name]
        cls = _CLASSES.get(name)
        if not (isinstance(value, cls) if cls is not None else _TYPES[name](value)):
            raise fault(f"{where}.after.{name}", "not a value of this field")
    if len(keys) > len(changes):
        for name in sorted(keys - changes):
            if name not in spec.extras:
                raise fault(f"{where}.after.{name}", "this event does not record it")
            _check_extra(event, name, where)


def _check_extra(event: Event, name: str, where: str) -> None:
    value = changed(event)[name]
    if name == "absent_since":
        ok = type(value) is datetime.date and value <= event.on
    elif name == "note":  # any text but the empty note, which is not kept
        ok = isinstance(value, str) and value != ""
    else:  # the reference of an age approval
        ok = isinstance(value, str) and bool(value.strip()) and value.isprintable()
    if not ok:
        raise fault(f"{where}.after.{name}", "not a value this event keeps")


def _check_actor(state: State, event: Event, spec: _Spec, where: str) -> None:
    by = event.by
    if spec.who == _NATIONAL and by is None:
        return
    assert isinstance(by, Actor)  # the event refused anything else
    if spec.who in (_CENTRAL, _NATIONAL):
        role, scope = Role.CENTRAL, None
    else:
        school = changed(event)["school"] if spec.who == _THERE else state.school
        role, scope = Role.SCHOOL_REGISTRAR, school.code.value
    if by.role is not role:
        raise fault(f"{where}.by.role", f"this step is the {role.value}'s", Reason.WRONG_ROLE)
    if by.scope != scope:
        raise fault(f"{where}.by.scope", "the actor acts for another school", Reason.OUT_OF_SCOPE)
