"""The values of the review chain: verdicts, request statuses, decisions and requests.

A key-field change request (关键信息变更) is filed by the registrar of the record's school,
decided by the reviewer of its county, verified by the central database, and only then
applied. The functions that move a request along are in `xueji.change_request`; this
module holds the values only, so that a record's history can refer to its requests
without depending on the functions that change records.

>>> Verdict("approve")
<Verdict.APPROVE: 'approve'>
"""

from __future__ import annotations

import datetime
import enum
from typing import Any, Final

import attrs

from xueji._deprecated import module_getattr, warn
from xueji._validators import check_date, instance_of, tuple_of
from xueji.actor import Actor
from xueji.errors import InvalidValue
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School

__all__ = [
    "ChangeRequest",
    "Decision",
    "KeyField",
    "RequestStatus",
    "Verdict",
]


class Verdict(enum.StrEnum):
    """A reviewer's decision on a step of a request: approve it or reject it."""

    APPROVE = "approve"
    REJECT = "reject"


class KeyField(enum.StrEnum):
    """The key fields that change only through a request."""

    NAME = "name"  # 姓名
    RESIDENT_ID = "resident_id"  # 身份证件号
    NUMBER = "number"  # 学籍号 (J → G, or a G renumbering)
    SEX = "sex"  # 性别, for a student without a resident ID (else the ID decides)
    BIRTH_DATE = "birth_date"  # 出生日期, likewise


class RequestStatus(enum.StrEnum):
    """Where a request stands in the review chain (审核状态)."""

    SUBMITTED = "submitted"
    APPROVED = "approved"  # by the reviewer of the school's county
    REJECTED = "rejected"  # by that reviewer; final
    VERIFIED = "verified"  # the central duplicate check passed
    CHECK_FAILED = "check-failed"  # the central duplicate check found conflicts; final


#: The statuses a decision may put a request in, and the verdict each stands for.
_VERDICTS: Final = {
    RequestStatus.APPROVED: Verdict.APPROVE,
    RequestStatus.REJECTED: Verdict.REJECT,
    RequestStatus.VERIFIED: Verdict.APPROVE,
    RequestStatus.CHECK_FAILED: Verdict.REJECT,
}


def _deprecated_state(owner: str) -> None:
    warn(f"{owner}.state", f"{owner}.status", stacklevel=4)


def _check_decided(_decision: Decision, _attribute: object, status: Any) -> None:
    if not isinstance(status, RequestStatus) or status not in _VERDICTS:
        raise InvalidValue("a decision approves, rejects, verifies or fails a request")


@attrs.frozen
class Decision:
    """One step of the review chain: who decided what, when, and why.

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
        _deprecated_state("Decision")
        return self.status


Value = str | ResidentID | RegistryNumber | Sex | datetime.date
#: The type of a key field's values; a request whose values have another is refused.
_VALUE_TYPES: Final[dict[KeyField, type]] = {
    KeyField.NAME: str,
    KeyField.RESIDENT_ID: ResidentID,
    KeyField.NUMBER: RegistryNumber,
    KeyField.SEX: Sex,
    KeyField.BIRTH_DATE: datetime.date,
}


def _hide_dates(value: object) -> str:
    # A birth-date request holds birth dates: keep them out of repr() like Student does.
    return "<hidden>" if isinstance(value, datetime.date) else repr(value)


def _check_value(request: ChangeRequest, attribute: attrs.Attribute[Any], value: Any) -> None:
    field = request.field
    if value is None and attribute.name == "old_value" and field is KeyField.RESIDENT_ID:
        return  # a student without a resident ID asks for one
    if type(value) is not _VALUE_TYPES.get(field):
        raise InvalidValue(f"{attribute.name} is not a value of the field {field!r}")


def _check_evidence(_request: ChangeRequest, _attribute: object, evidence: Any) -> None:
    if not (
        isinstance(evidence, tuple)
        and evidence
        and all(isinstance(e, str) and e.strip() for e in evidence)
    ):
        raise InvalidValue("evidence must be a non-empty tuple of document references")


@attrs.frozen
class ChangeRequest:
    """A request to change one key field of one record, with its evidence and decisions.

    ``number`` and ``school`` are the record's number and school when the request was
    filed. ``state`` is a deprecated name of ``status``.
    """

    number: RegistryNumber = attrs.field(validator=instance_of(RegistryNumber))
    school: School = attrs.field(validator=instance_of(School))
    field: KeyField = attrs.field(validator=instance_of(KeyField))
    old_value: Value | None = attrs.field(repr=_hide_dates, validator=_check_value)
    new_value: Value = attrs.field(repr=_hide_dates, validator=_check_value)
    evidence: tuple[str, ...] = attrs.field(validator=_check_evidence)
    submitted_by: Actor = attrs.field(validator=instance_of(Actor))
    submitted_on: datetime.date = attrs.field(validator=check_date)
    status: RequestStatus = attrs.field(
        default=RequestStatus.SUBMITTED, validator=instance_of(RequestStatus)
    )
    decisions: tuple[Decision, ...] = attrs.field(default=(), validator=tuple_of(Decision))

    @property
    def state(self) -> RequestStatus:
        """Deprecated: use ``status``."""
        _deprecated_state("ChangeRequest")
        return self.status


__getattr__ = module_getattr(__name__, {"RequestState": "xueji.workflow:RequestStatus"})
