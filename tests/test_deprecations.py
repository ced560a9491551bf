"""Names renamed in this release still work for one release, each with a DeprecationWarning
pointing at the caller's line, and give exactly what the new name gives."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from registry_cast import (
    CENTRAL,
    OTHER,
    OTHER_REGISTRAR,
    REVIEWER,
    D,
    enrolled,
    submitted,
)

import xueji
from xueji import (
    DedupResult,
    IllegalTransition,
    InvalidValue,
    Reason,
    Role,
    TransferMode,
    Verdict,
    review,
    transfer,
    verify_change,
)

ON = D(2023, 5, 10)
RECORD = enrolled()
REQUEST = submitted(RECORD, on=ON)
VERIFIED = verify_change(
    review(REQUEST, Verdict.APPROVE, by=REVIEWER, on=ON), dedup=DedupResult(), by=CENTRAL, on=ON
)


def deprecated(call: Callable[[], Any]) -> Any:
    """``call()``, which must warn once with a DeprecationWarning blamed on this file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    assert [w.category for w in caught] == [DeprecationWarning]
    assert caught[0].filename == __file__
    return result


#: Old spelling → what it must equal, both read when the test runs.
RENAMED: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    "Role.SCHOOL_ADMIN": (lambda: Role.SCHOOL_ADMIN, lambda: Role.SCHOOL_REGISTRAR),  # type: ignore[attr-defined]
    "Role('school-admin')": (lambda: Role("school-admin"), lambda: Role.SCHOOL_REGISTRAR),
    "xueji.central_check": (lambda: xueji.central_check, lambda: xueji.verify_change),
    "xueji.RequestState": (lambda: xueji.RequestState, lambda: xueji.RequestStatus),
    "xueji.Mismatch": (lambda: xueji.Mismatch, lambda: xueji.Discrepancy),
    "xueji.find_mismatches": (lambda: xueji.find_mismatches, lambda: xueji.find_discrepancies),
    "change_request.central_check": (
        lambda: importlib.import_module("xueji.change_request").central_check,
        lambda: verify_change,
    ),
    "change_request.RequestState": (
        lambda: importlib.import_module("xueji.change_request").RequestState,
        lambda: xueji.RequestStatus,
    ),
    "workflow.RequestState": (
        lambda: importlib.import_module("xueji.workflow").RequestState,
        lambda: xueji.RequestStatus,
    ),
    "attendance.find_mismatches": (
        lambda: importlib.import_module("xueji.attendance").find_mismatches,
        lambda: xueji.find_discrepancies,
    ),
    "record.check_name": (
        lambda: importlib.import_module("xueji.record").check_name("  王小明 "),
        lambda: "王小明",
    ),
    "ChangeRequest.state": (lambda: VERIFIED.state, lambda: VERIFIED.status),
    "Decision.state": (lambda: VERIFIED.decisions[0].state, lambda: VERIFIED.decisions[0].status),
    "Event.what": (lambda: RECORD.history[0].what, lambda: RECORD.history[0].kind),
    "review(approve=True)": (
        lambda: review(REQUEST, by=REVIEWER, on=ON, approve=True),
        lambda: review(REQUEST, Verdict.APPROVE, by=REVIEWER, on=ON),
    ),
    "review(approve=False)": (
        lambda: review(REQUEST, by=REVIEWER, on=ON, approve=False),
        lambda: review(REQUEST, Verdict.REJECT, by=REVIEWER, on=ON),
    ),
    "transfer(offline=True)": (
        lambda: transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, offline=True),
        lambda: transfer(
            RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, mode=TransferMode.OFFLINE
        ),
    ),
}


def test_the_old_spelling_of_an_online_transfer_is_refused_like_the_new_one() -> None:
    """``offline=False`` meant an online transfer, which is now a request."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(IllegalTransition) as old:
            transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, offline=False)
    assert [w.category for w in caught] == [DeprecationWarning]
    with pytest.raises(IllegalTransition) as new:
        transfer(RECORD, to_school=OTHER, by=OTHER_REGISTRAR, on=ON, mode=TransferMode.ONLINE)
    assert old.value.reason is new.value.reason is Reason.REQUEST_REQUIRED


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_an_old_name_warns_and_gives_what_the_new_name_gives(old: str) -> None:
    old_spelling, new_spelling = RENAMED[old]
    assert deprecated(old_spelling) == new_spelling()


def test_an_old_name_warns_on_every_use_not_only_the_first() -> None:
    deprecated(lambda: xueji.central_check)
    deprecated(lambda: xueji.central_check)


def test_the_old_and_the_new_spelling_of_a_switch_together_are_refused() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(InvalidValue):
            review(REQUEST, Verdict.REJECT, by=REVIEWER, on=ON, approve=True)
        with pytest.raises(InvalidValue):
            transfer(
                RECORD,
                to_school=OTHER,
                by=OTHER_REGISTRAR,
                on=ON,
                mode="offline",  # type: ignore[arg-type]
                offline=False,
            )


def test_the_old_names_stay_out_of_the_public_list() -> None:
    old = {"RequestState", "central_check", "Mismatch", "find_mismatches"}
    assert old.isdisjoint(xueji.__all__)
    assert old.isdisjoint(dir(xueji))


def test_the_strategies_take_the_old_name_of_statuses_with_a_warning() -> None:
    strategies = importlib.import_module("xueji.strategies")
    statuses = [xueji.RequestStatus.SUBMITTED]
    assert repr(deprecated(lambda: strategies.change_requests(states=statuses))) == repr(
        strategies.change_requests(statuses=statuses)
    )
