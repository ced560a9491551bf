"""Explainable checks for data: one value, a column, a row, duplicates, person and record.

`check` never raises: it tells what a value is (a resident ID, a registry number,
a school code), whether it is valid, every problem found (errors and warnings, each with
a stable reason code) and the cleaning it needed. It also spots spreadsheet damage
(a number read as a float) instead of reporting a misleading checksum error.

Examples:
    >>> result = check("11010519491231002x")
    >>> result.ok, result.kind, [p.reason.value for p in result.problems]
    (True, <Kind.RESIDENT_ID: 'resident-id'>, ['normalised'])
    >>> check(1.10105194912310e17).problems[0].reason
    <Reason.FLOAT_DAMAGE: 'float-damage'>
"""

from __future__ import annotations

import datetime
import enum
import numbers
from typing import TYPE_CHECKING, Any, Final

import attrs

from xueji._core import (
    FOREIGN_CARD,
    ID_LENGTH,
    REGISTRY_LENGTH,
    SCHOOL_CODE_LENGTH,
    as_of_key,
    id_reason,
    looks_like_a_float,
    lost_digits,
    number_error,
    prepare,
    region_warnings,
    registry_reason,
    school_code_reason,
)
from xueji._core import region_warning as _region_warning
from xueji._deprecated import module_getattr
from xueji._display import check_html
from xueji._number import pretty_by_repr
from xueji._text import PREFIX_LETTERS, mask, plain
from xueji.errors import InvalidValue, Reason
from xueji.parsing import MAX_INPUT, Cleaning, RegionPolicy

__all__ = ["Check", "Kind", "Problem", "Severity", "check"]

# region_warning was public here; the rule lives in the private core now.
if TYPE_CHECKING:
    region_warning = _region_warning
else:
    __getattr__ = module_getattr(
        __name__,
        {"region_warning": ("xueji._core:region_warning", "the warnings in check(...).problems")},
    )


class Severity(enum.StrEnum):
    """An error makes a value invalid; a warning does not."""

    ERROR = "error"
    WARNING = "warning"


class Kind(enum.StrEnum):
    """What a checked value is."""

    RESIDENT_ID = "resident-id"
    REGISTRY_NUMBER = "registry-number"
    SCHOOL_CODE = "school-code"


_PROBLEM_FIELDS: Final[dict[str, type]] = {"reason": Reason, "severity": Severity, "message": str}


def _problem_field(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The attrs validator of every Problem field: a non-empty value of the field's type."""
    expected = _PROBLEM_FIELDS[attribute.name]
    if not isinstance(value, expected) or value == "":
        raise InvalidValue(f"a problem's {attribute.name} must be a non-empty {expected.__name__}")


@attrs.frozen
class Problem:
    """One finding: a stable reason, its severity, and a masked message for people."""

    reason: Reason = attrs.field(validator=_problem_field)
    severity: Severity = attrs.field(validator=_problem_field)
    message: str = attrs.field(validator=_problem_field)


@attrs.frozen
class Check:
    """The outcome of `check`.

    Attributes:
        ok: no error was found (warnings allowed).
        kind: what the value is, or None when unrecognised.
        value: the canonical string when valid, else None.
        problems: errors first, then warnings.
        normalised: the cleanings the value needed.
    """

    ok: bool
    kind: Kind | None
    value: str | None
    problems: tuple[Problem, ...] = ()
    normalised: frozenset[Cleaning] = frozenset()

    def __repr__(self) -> str:
        # School codes name institutions, not people: only personal numbers are masked.
        personal = self.value is not None and self.kind is not Kind.SCHOOL_CODE
        shown = mask(self.value) if personal and self.value is not None else self.value
        reasons = [p.reason.value for p in self.problems]
        return f"Check(ok={self.ok}, kind={self.kind}, value={shown!r}, problems={reasons})"

    _repr_pretty_ = pretty_by_repr
    _repr_html_ = check_html


_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_READ_AS_TEXT: Final = "the column was read as a number: read it as text (dtype=str)"
_WARNED: Final = region_warnings()  # the region codes that raise a warning


def _warning(code: str, birth_year: str) -> Problem | None:
    """The region warning of a valid number, as a Problem."""
    reason = _region_warning(code, birth_year)
    if reason is None:
        return None
    if reason is Reason.AGGREGATE_REGION:
        message = f"region {code} is a province or prefecture, not a county"
    else:
        message = f"region {code} was retired in {_WARNED[code]}, before the birth year"
    return Problem(reason, _WARNING, message)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if type(value).__name__ == "MaskedConstant":  # numpy.ma.masked: a gap, whatever it equals
        return True
    # NaN and NaT compare unequal to themselves; pandas.NA's comparison cannot be made a
    # bool (TypeError). Arrays (ValueError) and objects whose == raises are not missing.
    try:
        return bool(value != value)
    except TypeError:
        return True
    except Exception:
        return False


def _error(kind: Kind | None, reason: Reason, message: str) -> Check:
    return Check(ok=False, kind=kind, value=None, problems=(Problem(reason, _ERROR, message),))


def _kind_of(s: str) -> Kind:
    if s[:1].isascii() and s[:1].isalpha():
        return Kind.REGISTRY_NUMBER
    if len(s) == SCHOOL_CODE_LENGTH:
        return Kind.SCHOOL_CODE
    return Kind.RESIDENT_ID


def check(
    value: object,
    *,
    as_of: datetime.date | None = None,
    regions: RegionPolicy = RegionPolicy.KNOWN,
    expect: Kind | None = None,
) -> Check:
    """Check one value of any type; never raises.

    The kind is recognised from the value (a leading G/L/J: a registry number; 10 digits:
    a school code; else a resident ID) unless ``expect`` names it.
    Spreadsheet damage (floats, ``1.10105E+17``, a trailing ``.0``, an 18-digit number
    ending in ``000`` that fails the checksum) gives ``float-damage``; ``*`` gives
    ``masked``; None, NaN and empty text give ``missing``.

    Examples:
        >>> check("G11010519491231002X").kind
        <Kind.REGISTRY_NUMBER: 'registry-number'>
        >>> check("  ").problems[0].reason, check("110105********002X").problems[0].reason
        (<Reason.MISSING: 'missing'>, <Reason.MASKED: 'masked'>)
    """
    try:
        return _check(plain(value), as_of_key(as_of), regions, expect)
    except Exception as err:
        # Unreachable by design; kept so that a bug here degrades to a reported problem.
        return _error(None, Reason.FORMAT, f"could not be checked ({type(err).__name__})")


def _check(value: object, as_of: str | None, regions: RegionPolicy, expect: Kind | None) -> Check:
    if _is_missing(value):
        return _error(expect, Reason.MISSING, "no value")
    if not isinstance(value, str):
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return _error(expect, Reason.FLOAT_DAMAGE, _READ_AS_TEXT)
        return _error(expect, Reason.NOT_TEXT, f"expected text, got {type(value).__name__}")
    if not value.strip():
        return _error(expect, Reason.MISSING, "empty text")
    if len(value) <= MAX_INPUT and looks_like_a_float(value):
        return _error(expect, Reason.FLOAT_DAMAGE, _READ_AS_TEXT)
    head = value.strip()[:1]
    kind = expect
    if kind is None:
        kind = Kind.REGISTRY_NUMBER if head in PREFIX_LETTERS or head in "GLJ" else None
    s, reason, cleanings = prepare(value, PREFIX_LETTERS if kind is not Kind.RESIDENT_ID else None)
    if kind is None:
        kind = _kind_of(s) if s is not None else Kind.RESIDENT_ID
    if s is not None:
        if kind is Kind.RESIDENT_ID:
            reason = id_reason(s, as_of, regions)
            if reason is not None and lost_digits(s, reason):
                return _error(kind, Reason.FLOAT_DAMAGE, _READ_AS_TEXT)
        elif kind is Kind.REGISTRY_NUMBER:
            reason = registry_reason(s, as_of, regions)
        else:
            reason = school_code_reason(s)
    warnings: list[Problem] = []
    if cleanings:
        names = ", ".join(sorted(c.value for c in cleanings))
        warnings.append(Problem(Reason.NORMALISED, _WARNING, f"the input needed cleaning: {names}"))
    if reason is not None:
        err = number_error(reason, value, s, label=_LABELS[kind], length=_LENGTHS[kind])
        error = Problem(reason, _ERROR, f"{err.masked}: {err.detail}")
        return Check(
            ok=False, kind=kind, value=None, problems=(error, *warnings), normalised=cleanings
        )
    assert s is not None
    if kind is not Kind.SCHOOL_CODE:
        offset = 1 if kind is Kind.REGISTRY_NUMBER else 0
        code = s[offset : offset + 6]
        # Few codes raise a warning: the others skip the call. A foreigner's card has none.
        if code in _WARNED and s[offset] != FOREIGN_CARD:
            warning = _warning(code, s[offset + 6 : offset + 10])
            if warning is not None:
                warnings.append(warning)
    return Check(ok=True, kind=kind, value=s, problems=tuple(warnings), normalised=cleanings)


_LENGTHS: Final = {
    Kind.RESIDENT_ID: ID_LENGTH,
    Kind.REGISTRY_NUMBER: REGISTRY_LENGTH,
    Kind.SCHOOL_CODE: SCHOOL_CODE_LENGTH,
}
_LABELS: Final = {kind: kind.value.replace("-", " ") for kind in Kind}
