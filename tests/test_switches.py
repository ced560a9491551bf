"""No switch of a rule function is read from a value's truthiness.

Each switch takes its enum member (or exactly the member's value as text); anything else
is refused with `InvalidValue`, and the record or request is left as it was. The
deprecated boolean switches (``approve=``, ``offline=``) and the policy's one boolean
(``graduating_term_suspension``) take only True and False.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Callable

import pytest
from registry_cast import (
    CENTRAL,
    OTHER,
    OTHER_REGISTRAR,
    REGISTRAR,
    REVIEWER,
    SCHOOL,
    D,
    enrolled,
    submitted,
)

from xueji import (
    Actor,
    IllegalTransition,
    InvalidValue,
    Policy,
    Reason,
    Record,
    RequestStatus,
    Role,
    SyncOutcome,
    TransferMode,
    Verdict,
    decide,
    request_suspension,
    request_transfer,
    review,
    sync_transfer,
    transfer,
)

ON = D(2023, 5, 10)
RECORD = enrolled()
PENDING = transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, mode=TransferMode.OFFLINE)
REQUEST = submitted(RECORD, on=ON)
MOVE = request_transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON)
PAUSE = request_suspension(RECORD, months=6, evidence=("病历",), by=REGISTRAR, on=ON)

#: Every switch of a public rule function, with the value left open.
SWITCHES: dict[str, Callable[[object], object]] = {
    "review-verdict": lambda v: review(REQUEST, v, by=REVIEWER, on=ON),  # type: ignore[arg-type]
    "review-approve": lambda v: review(REQUEST, by=REVIEWER, on=ON, approve=v),  # type: ignore[arg-type]
    "transfer-mode": lambda v: transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, mode=v),  # type: ignore[arg-type]
    "transfer-offline": lambda v: transfer(
        RECORD,
        to_school=OTHER,
        by=OTHER_REGISTRAR,
        on=ON,
        offline=v,  # type: ignore[arg-type]
    ),
    "sync_transfer-outcome": lambda v: sync_transfer(PENDING, outcome=v, by=CENTRAL, on=ON),  # type: ignore[arg-type]
    "decide-verdict-transfer": lambda v: decide(
        MOVE,
        v,  # type: ignore[arg-type]
        by=Actor(Role.COUNTY_REVIEWER, "110108", "钱科长"),
        on=ON,
    ),
    "decide-verdict-suspension": lambda v: decide(PAUSE, v, by=REVIEWER, on=ON),  # type: ignore[arg-type]
    "decide-verdict-key-field": lambda v: decide(REQUEST, v, by=REVIEWER, on=ON),  # type: ignore[arg-type]
    "policy-graduating_term_suspension": lambda v: Policy(graduating_term_suspension=v),  # type: ignore[arg-type]
    "policy-grade_changes": lambda v: Policy(grade_changes=(v,)),
}

TRUTHY_TRAPS = ["false", 0, "no", None, 1, "true", "", "APPROVE", "Offline"]


@pytest.mark.parametrize("value", TRUTHY_TRAPS, ids=repr)
@pytest.mark.parametrize("switch", sorted(SWITCHES))
def test_a_switch_given_something_that_is_only_truthy_or_falsy_is_refused(
    switch: str, value: object
) -> None:
    before = copy.deepcopy((RECORD, PENDING, REQUEST, MOVE, PAUSE))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # approve=, offline=
        with pytest.raises(InvalidValue) as excinfo:
            SWITCHES[switch](value)
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording
    assert before == (RECORD, PENDING, REQUEST, MOVE, PAUSE)


@pytest.mark.parametrize(
    ("switch", "value", "check"),
    [
        ("review-verdict", Verdict.REJECT, lambda r: r.status is RequestStatus.REJECTED),
        ("review-verdict", "approve", lambda r: r.status is RequestStatus.APPROVED),
        ("transfer-mode", TransferMode.OFFLINE, lambda r: r.pending_sync is True),
        ("transfer-mode", "offline", lambda r: r.pending_sync is True),
        ("decide-verdict-transfer", "approve", lambda r: r.status is RequestStatus.IN_REVIEW),
        ("decide-verdict-suspension", Verdict.REJECT, lambda r: r.status is RequestStatus.REJECTED),
        ("policy-graduating_term_suspension", False, lambda p: not p.graduating_term_suspension),
        ("policy-grade_changes", "repeat", lambda p: len(p.grade_changes) == 1),
        ("sync_transfer-outcome", SyncOutcome.REFUSED, lambda r: r.school == SCHOOL),
        ("sync_transfer-outcome", "done", lambda r: r.school == OTHER),
    ],
)
def test_a_switch_takes_its_member_or_exactly_the_members_value(
    switch: str, value: object, check: Callable[[Record], bool]
) -> None:
    assert check(SWITCHES[switch](value))  # type: ignore[arg-type]


def _warned_line(call: Callable[[], object]) -> tuple[object, str, int]:
    """``call()``'s result and the file and line its one DeprecationWarning blames."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    assert [w.category for w in caught] == [DeprecationWarning]
    return result, caught[0].filename, caught[0].lineno


def test_a_deprecated_boolean_switch_blames_the_callers_line() -> None:
    def approve() -> object:
        return review(REQUEST, by=REVIEWER, on=ON, approve=True)

    approved, filename, lineno = _warned_line(approve)
    assert (filename, lineno) == (__file__, approve.__code__.co_firstlineno + 1)
    assert approved.status is RequestStatus.APPROVED  # type: ignore[attr-defined]


def test_a_switch_and_its_deprecated_boolean_are_not_given_together() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        _warned_line(lambda: review(REQUEST, Verdict.APPROVE, by=REVIEWER, on=ON, approve=True))
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


def test_a_deprecated_boolean_switch_stands_for_its_member_with_a_deprecation_warning() -> None:
    """``approve=True``/``False`` is `Verdict.APPROVE`/``REJECT``; ``offline=True``/``False``
    is `TransferMode.OFFLINE`/``ONLINE`` (an online transfer is a request, so refused here).
    Where the warning points is tested above, apart: mutation testing cannot run that."""
    approved, _, _ = _warned_line(lambda: review(REQUEST, by=REVIEWER, on=ON, approve=True))
    rejected, _, _ = _warned_line(lambda: review(REQUEST, by=REVIEWER, on=ON, approve=False))
    assert approved.status is RequestStatus.APPROVED  # type: ignore[attr-defined]
    assert rejected.status is RequestStatus.REJECTED  # type: ignore[attr-defined]
    moved, _, _ = _warned_line(
        lambda: transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, offline=True)
    )
    assert moved.pending_sync is True  # type: ignore[attr-defined]
    with pytest.raises(IllegalTransition) as excinfo:
        _warned_line(
            lambda: transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, offline=False)
        )
    assert excinfo.value.reason is Reason.REQUEST_REQUIRED


def test_a_deprecated_boolean_switch_shows_its_default_as_unset() -> None:
    """The default of ``approve=`` and ``offline=`` is neither True nor False: help() shows
    it as ``UNSET``, which tells that leaving it out is what the new switch expects."""
    approve = inspect.signature(review).parameters["approve"].default
    offline = inspect.signature(transfer).parameters["offline"].default
    assert repr(approve) == repr(offline) == "UNSET"
    assert approve not in (True, False, None)
