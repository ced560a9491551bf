"""Errors raised by xueji, and the stable reason codes they carry.

Every error derives from `XuejiError`.
Errors about a number are also `ValueError`, so ``except ValueError`` keeps working
for callers who do not know xueji.
Callers (and tests) switch on `XuejiError.reason`, never on the message text.

Messages are written for developers and never contain a birth date:
numbers are shown masked (``110105********002X``).

Examples:
    >>> from xueji import ResidentID
    >>> try:
    ...     ResidentID.parse("110105194912310021")
    ... except InvalidNumber as caught:
    ...     err = caught
    >>> err.reason.value, err.expected
    ('checksum', 'X')
    >>> str(err)
    "invalid resident ID '110105********0021': the check character should be 'X', not '1'"
"""

from __future__ import annotations

import enum
from typing import Any

from xueji._deprecated import warn as deprecated

__all__ = [
    "DateBeforeBirth",
    "DuplicateRegistration",
    "IllegalTransition",
    "InconsistentIdentity",
    "InvalidNumber",
    "InvalidValue",
    "KeyFieldChangeRequired",
    "NotAuthorized",
    "Reason",
    "SequenceExhausted",
    "XuejiError",
]


class Reason(enum.StrEnum):
    """Stable, machine-readable codes; their values never change between releases."""

    # Why a number is not valid.
    NOT_TEXT = "not-text"
    MISSING = "missing"
    MASKED = "masked"
    LENGTH = "length"
    FORMAT = "format"
    CHECKSUM = "checksum"
    BIRTH_DATE = "birth-date"
    FUTURE_BIRTH_DATE = "future-birth-date"
    REGION = "region"
    NATIONALITY = "nationality"
    PREFIX = "prefix"
    SEQUENCE = "sequence"
    CATEGORY = "category"
    PROVINCE = "province"
    FLOAT_DAMAGE = "float-damage"
    # Warnings of the dataset checker: the value is valid but deserves a look.
    NORMALISED = "normalised"
    RETIRED_REGION = "retired-region"
    AGGREGATE_REGION = "aggregate-region"
    REGISTRY_ID_MISMATCH = "registry-id-mismatch"
    # Row checks: fields of one record that disagree.
    BIRTH_DATE_MISMATCH = "birth-date-mismatch"
    SEX_MISMATCH = "sex-mismatch"
    # Why a value or an operation was refused.
    DATE_BEFORE_BIRTH = "date-before-birth"
    SEQUENCE_EXHAUSTED = "sequence-exhausted"
    INVALID_VALUE = "invalid-value"
    INCONSISTENT_IDENTITY = "inconsistent-identity"
    DUPLICATE_REGISTRATION = "duplicate-registration"
    MATCH_MISMATCH = "match-mismatch"
    KEY_FIELD_CHANGE_REQUIRED = "key-field-change-required"
    # Why an actor may not take a step (NotAuthorized).
    NOT_AUTHORIZED = "not-authorized"
    WRONG_ROLE = "wrong-role"
    OUT_OF_SCOPE = "out-of-scope"
    OWN_REQUEST = "own-request"
    # Why a step is not possible now (IllegalTransition).
    ILLEGAL_TRANSITION = "illegal-transition"
    ANOTHER_RECORD = "another-record"
    RECORD_MOVED = "record-moved"
    BROKEN_CHAIN = "broken-chain"
    STALE_REQUEST = "stale-request"
    ALREADY_APPLIED = "already-applied"
    # Why a workflow step is refused (grades, stages, transfers, suspensions, policy).
    REQUEST_REQUIRED = "request-required"
    PENDING_REQUEST = "pending-request"
    TRANSFER_FREEZE = "transfer-freeze"
    OUT_OF_WINDOW = "out-of-window"
    WRONG_STAGE = "wrong-stage"
    GRADE_UNKNOWN = "grade-unknown"
    LAST_GRADE = "last-grade"
    NOT_LAST_GRADE = "not-last-grade"
    STAGE_BOUNDARY = "stage-boundary"
    NOT_IN_POLICY = "not-in-policy"
    UNDER_AGE = "under-age"
    SUSPENSION_CAP = "suspension-cap"
    GRADUATING_TERM = "graduating-term"
    ABSENCE_TOO_SHORT = "absence-too-short"
    # Why a stored document is refused (xueji.serialization).
    UNKNOWN_SCHEMA = "unknown-schema"
    BROKEN_HISTORY = "broken-history"


def _says_why(reason: object, *texts: object) -> None:
    # An error is a value: one that cannot say why (a message that is not text, a reason
    # outside Reason) cannot be made, by xueji or by a caller.
    if not isinstance(reason, Reason) or not all(isinstance(text, str) for text in texts):
        raise TypeError(f"a xueji error takes text and a xueji.Reason, not {texts!r}, {reason!r}")


def _restore(cls: type[XuejiError], args: tuple[Any, ...], state: dict[str, Any]) -> XuejiError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class XuejiError(Exception):
    """Root of every error xueji raises.

    Attributes:
        reason: why, as a stable code.
    """

    reason: Reason

    def __init__(self, message: str, *, reason: Reason) -> None:
        _says_why(reason, message)
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat Exception's default pickling, which replays
        # ``cls(*args)``; rebuild from the message and the attributes instead.
        return (_restore, (type(self), self.args, dict(self.__dict__)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, reason={self.reason.value!r})"

    # Errors are values too (they sit in results such as Issuance.refused): equal when
    # their type, message and attributes are, so copies and unpickled copies compare equal.
    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.args == other.args and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), self.args))


class InvalidNumber(XuejiError, ValueError):
    """The input is not a valid number of the kind asked for.

    Attributes:
        reason: the first check that failed.
        masked: the offending input, masked so that no birth date shows.
        expected: for ``checksum``, the check character the number should end in.
        label: what was being parsed, in words, e.g. ``"resident ID"`` or ``"sequence"``.
        detail: what is wrong, in words (the message after the masked input); it never
            shows the unmasked input.
    """

    masked: str
    expected: str | None
    label: str
    detail: str

    def __init__(
        self,
        reason: Reason,
        *,
        masked: str,
        label: str = "number",
        detail: str = "",
        expected: str | None = None,
        kind: str | None = None,
    ) -> None:
        if kind is not None:
            deprecated("InvalidNumber(kind=...)", "label=")
            label = kind
        detail = detail or _DEFAULT_DETAIL.get(reason, reason.value)
        super().__init__(f"invalid {label} {masked!r}: {detail}", reason=reason)
        self.masked = masked
        self.expected = expected
        self.label = label
        self.detail = detail

    @property
    def kind(self) -> str:
        """Deprecated name of `label`."""
        deprecated("InvalidNumber.kind", "InvalidNumber.label")
        return self.label


_DEFAULT_DETAIL: dict[Reason, str] = {
    Reason.NOT_TEXT: "expected text (str)",
    Reason.MISSING: "no value",
    Reason.MASKED: "the number is masked with '*'",
    Reason.LENGTH: "wrong length",
    Reason.FORMAT: "unexpected characters",
    Reason.CHECKSUM: "wrong check character",
    Reason.BIRTH_DATE: "the birth date is not a real date on or after 1850-01-01",
    Reason.FUTURE_BIRTH_DATE: "the birth date is after the reference date",
    Reason.REGION: "unknown region code",
    Reason.NATIONALITY: "unknown nationality code",
    Reason.PREFIX: "unknown prefix",
    Reason.SEQUENCE: "sequence out of range",
    Reason.CATEGORY: "unknown school category",
    Reason.PROVINCE: "unknown province",
}


class InvalidValue(XuejiError, ValueError):
    """A value given to build a record, a school or a student is not acceptable.

    Attributes:
        path: where in the value the fault is, as ``history[3].by.scope``, when it is
            known (a stored document refused by `xueji.from_dict`, or a check that
            names a part of the value it checks); None otherwise. The message starts
            with it.
        detail: the message without the path.
    """

    path: str | None
    detail: str

    def __init__(
        self, message: str, *, reason: Reason = Reason.INVALID_VALUE, path: str | None = None
    ) -> None:
        _says_why(reason, message)
        super().__init__(f"{path}: {message}" if path else message, reason=reason)
        self.path = path or None
        self.detail = message


class DateBeforeBirth(XuejiError, ValueError):
    """A date asked about (an age, say) lies before the person's birth."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reason=Reason.DATE_BEFORE_BIRTH)


class InconsistentIdentity(XuejiError, ValueError):
    """A student's details disagree with a resident ID or a population-database match.

    Attributes:
        field: the student's field that disagrees (``name``, ``birth_date``, ``sex`` or
            ``resident_id``), when one is named (a population match); None otherwise.
    """

    field: str | None

    def __init__(
        self,
        message: str,
        *,
        reason: Reason = Reason.INCONSISTENT_IDENTITY,
        field: str | None = None,
    ) -> None:
        super().__init__(message, reason=reason)
        self.field = field


class DuplicateRegistration(XuejiError):
    """The national duplicate check found records that clash with this one (R5).

    Attributes:
        conflicts: the clashing registry numbers, as the check reported them.
        instead: the operations that take up an existing record, when a registration was
            refused because the student already has one (``progress``,
            ``request_transfer``); empty otherwise.
    """

    conflicts: tuple[object, ...]
    instead: tuple[str, ...]

    def __init__(self, conflicts: tuple[object, ...], *, instead: tuple[str, ...] = ()) -> None:
        message = f"the national duplicate check reported {len(conflicts)} conflicting record(s)"
        if instead:
            message = f"{message}: the student already has a record; use {' or '.join(instead)}"
        super().__init__(message, reason=Reason.DUPLICATE_REGISTRATION)
        self.conflicts = conflicts
        self.instead = instead


class KeyFieldChangeRequired(XuejiError):
    """A key field (name, resident ID, number) changes only through a change request."""

    field: str

    def __init__(self, field: str) -> None:
        super().__init__(
            f"{field!r} is a key field: submit a change request (request_change)",
            reason=Reason.KEY_FIELD_CHANGE_REQUIRED,
        )
        self.field = field


class NotAuthorized(XuejiError):
    """The actor may not take this step.

    The reason says why: ``wrong-role``, ``out-of-scope`` (another school or county than
    the record's current one) or ``own-request`` (deciding on a request one filed or
    already decided).
    """

    def __init__(self, message: str, *, reason: Reason = Reason.NOT_AUTHORIZED) -> None:
        super().__init__(message, reason=reason)


class IllegalTransition(XuejiError):
    """The current status of the record, or of the request, does not allow this.

    The reason is ``illegal-transition``, or for a change request that cannot be applied:
    ``another-record``, ``record-moved``, ``broken-chain``, ``stale-request`` or
    ``already-applied``.

    Attributes:
        state: the current status of the record or the request.
        action: what was attempted.
    """

    state: str
    action: str

    def __init__(
        self,
        *,
        state: str,
        action: str,
        detail: str = "",
        reason: Reason = Reason.ILLEGAL_TRANSITION,
    ) -> None:
        _says_why(reason, state, action, detail)
        message = f"cannot {action} in state {state!r}"
        if detail:
            message = f"{message}: {detail}"
        super().__init__(message, reason=reason)
        self.state = state
        self.action = action


class SequenceExhausted(XuejiError):
    """No free sequence is left for a new registry number of this kind and birth date.

    Attributes:
        kind: the `RegistryKind`, ``L`` or ``J`` (a `StrEnum`: it equals ``"L"`` or ``"J"``).
        birth_date: the ISO birth date of the full bucket; kept out of the message,
            which, like every message, never shows a birth date.
    """

    kind: str
    birth_date: str

    def __init__(self, *, kind: str, birth_date: str) -> None:
        super().__init__(
            f"no free sequence left for {kind} numbers of this region and birth date",
            reason=Reason.SEQUENCE_EXHAUSTED,
        )
        self.kind = kind
        self.birth_date = birth_date
