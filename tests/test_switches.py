"""No switch of a rule function is read from a value's truthiness.

Each switch takes its enum member (or exactly the member's value as text); anything else
is refused with `InvalidValue`, and the record or request is left as it was. The
deprecated boolean switches (``approve=``, ``offline=``) take only True and False.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable

import pytest
from registry_cast import (
    CENTRAL,
    OTHER,
    OTHER_REGISTRAR,
    REVIEWER,
    SCHOOL,
    D,
    enrolled,
    name_change,
)

from xueji import (
    InvalidValue,
    Reason,
    Record,
    RequestStatus,
    SyncOutcome,
    TransferMode,
    Verdict,
    review,
    sync_transfer,
    transfer,
)

ON = D(2023, 5, 10)
RECORD = enrolled()
PENDING = transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, mode=TransferMode.OFFLINE)
REQUEST = name_change(RECORD, ON)

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
}

TRUTHY_TRAPS = ["false", 0, "no", None, 1, "true", "", "APPROVE", "Offline"]


@pytest.mark.parametrize("value", TRUTHY_TRAPS, ids=repr)
@pytest.mark.parametrize("switch", sorted(SWITCHES))
def test_a_switch_given_something_that_is_only_truthy_or_falsy_is_refused(
    switch: str, value: object
) -> None:
    before = copy.deepcopy((RECORD, PENDING, REQUEST))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # approve=, offline=
        with pytest.raises(InvalidValue) as excinfo:
            SWITCHES[switch](value)
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert before == (RECORD, PENDING, REQUEST)


@pytest.mark.parametrize(
    ("switch", "value", "check"),
    [
        ("review-verdict", Verdict.REJECT, lambda r: r.status is RequestStatus.REJECTED),
        ("review-verdict", "approve", lambda r: r.status is RequestStatus.APPROVED),
        ("transfer-mode", TransferMode.OFFLINE, lambda r: r.pending_sync is True),
        ("transfer-mode", "online", lambda r: r.pending_sync is False),
        ("sync_transfer-outcome", SyncOutcome.REFUSED, lambda r: r.school == SCHOOL),
        ("sync_transfer-outcome", "done", lambda r: r.school == OTHER),
    ],
)
def test_a_switch_takes_its_member_or_exactly_the_members_value(
    switch: str, value: object, check: Callable[[Record], bool]
) -> None:
    assert check(SWITCHES[switch](value))  # type: ignore[arg-type]
