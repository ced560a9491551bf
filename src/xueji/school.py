"""Schools: the 10-digit school identification code (学校标识码) and the school value.

The code is ``AABBCCCCCC``: a 2-digit school category, the 2-digit province (GB/T 2260)
and a 6-digit serial set by the province. No source describes a check digit, so none
is checked (``docs/adr/0009-school-codes.md``).

Examples:
    >>> code = SchoolCode.parse("2111010001")
    >>> code.category, code.category.label, code.province_code, code.serial
    (<SchoolCategory.PRIMARY: '21'>, '小学', '11', '010001')
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from xueji._core import (
    SCHOOL_CATEGORIES,
    prepare,
    school_code_reason,
)
from xueji._deprecated import module_getattr
from xueji._display import fields_html
from xueji._regions import county_level_codes
from xueji._text import mask, plain
from xueji.errors import InvalidNumber, InvalidValue, Reason
from xueji.parsing import MAX_INPUT

__all__ = ["School", "SchoolCategory", "SchoolCode"]

# record.py still imports this name: kept, without a warning, until it takes it from the
# core (a warning at import would fail every import of xueji.record).
school_code_problem = school_code_reason


class SchoolCategory(enum.StrEnum):
    """School category, the first two digits of a school code (ADR 0009)."""

    KINDERGARTEN = "11"
    PRIMARY = "21"
    ADULT_PRIMARY = "22"
    JUNIOR_SECONDARY = "31"
    VOCATIONAL_JUNIOR_SECONDARY = "32"
    ADULT_JUNIOR_SECONDARY = "33"
    SENIOR_SECONDARY = "34"
    ADULT_SENIOR_SECONDARY = "35"
    SECONDARY_VOCATIONAL = "36"
    SPECIALIZED = "37"
    REGULAR_HIGHER = "41"
    ADULT_HIGHER = "42"
    SPECIAL_EDUCATION = "51"
    RESEARCH_INSTITUTE = "91"
    PRIVATE_HIGHER_OTHER = "92"
    VOCATIONAL_TRAINING = "93"

    @property
    def label(self) -> str:
        """The Chinese name of the category."""
        return SCHOOL_CATEGORIES[self.value]


_LABEL: Final = "school code"


def _prepare(text: object) -> tuple[str | None, Reason | None]:
    s, reason, _ = prepare(text)
    return s, (reason if s is None else school_code_reason(s))


def _shown(text: object) -> str:
    text = plain(text)
    # School and credit codes name institutions and are shown as given; anything long
    # enough to be a personal number given by mistake is masked like one.
    if not isinstance(text, str):
        return f"<{type(text).__name__}>"
    return text if len(text) <= 12 else mask(text)


def _error(reason: Reason, text: object) -> InvalidNumber:
    return InvalidNumber(reason, masked=_shown(text), label=_LABEL)


def _check_value(_instance: object, _attribute: object, value: str) -> None:
    reason = school_code_reason(value) if isinstance(value, str) else Reason.NOT_TEXT
    if reason is not None:
        raise _error(reason, value)


@attrs.frozen(order=True)
class SchoolCode:
    """A valid 10-digit school identification code (学校标识码)."""

    value: str = attrs.field(validator=_check_value)
    _repr_html_ = fields_html("value", "category")

    @classmethod
    def parse(cls, text: str) -> SchoolCode:
        """Clean ``text`` (as `ResidentID.parse` does) and validate it.

        Raises:
            InvalidNumber: ``not-text``, ``length``, ``format``, ``category`` or ``province``.

        Examples:
            >>> SchoolCode.parse("9911010001")
            Traceback (most recent call last):
            xueji.errors.InvalidNumber: invalid school code '9911010001': unknown school category
        """
        s, reason = _prepare(text)
        if reason is None and s is not None:
            return cls(s)
        raise _error(reason or Reason.NOT_TEXT, text)

    @staticmethod
    def is_valid(text: object) -> bool:
        """Whether `parse` would accept ``text``; never raises."""
        return _prepare(text)[1] is None

    @property
    def category(self) -> SchoolCategory:
        """The school category."""
        return SchoolCategory(self.value[:2])

    @property
    def province_code(self) -> str:
        """The 2-digit province code."""
        return self.value[2:4]

    @property
    def serial(self) -> str:
        """The 6-digit serial set by the province."""
        return self.value[4:]

    def __str__(self) -> str:
        return self.value

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickling goes through the validating constructor: a tampered pickle is refused.
        return (SchoolCode, (self.value,))


def _credit_code_reason(text: str) -> Reason | None:
    """Why ``text`` is not a valid unified social credit code (GB 32100-2015), or None.

    The check itself is python-stdnum's ``stdnum.cn.uscc``; this maps its errors to
    xueji's reasons.
    """
    # Imported here: python-stdnum's import pulls in pydoc and ssl, which would double
    # the cost of ``import xueji`` for the many users who never check a credit code.
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    try:
        uscc.validate(text)
    except InvalidLength:
        return Reason.LENGTH
    except InvalidChecksum:
        return Reason.CHECKSUM
    except ValidationError:
        return Reason.FORMAT
    return None


def _to_code(value: SchoolCode | str) -> SchoolCode:
    return value if isinstance(value, SchoolCode) else SchoolCode.parse(value)


def _to_credit_code(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_INPUT:
        raise InvalidNumber(Reason.NOT_TEXT, masked="<credit code>", label="credit code")
    compact = "".join(value.split()).replace("-", "").upper()
    reason = _credit_code_reason(compact)
    if reason is not None:
        raise InvalidNumber(reason, masked=_shown(compact), label="credit code")
    return compact


def _check_name(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value or not value.isprintable():
        raise InvalidValue("a school name must be non-empty printable text")


def _check_region(instance: School, _attribute: object, value: str) -> None:
    # A school stands in a county-level area (a county, district, county-level city, or a
    # prefecture-level city without counties), whose bureau reviews its requests.
    if not (isinstance(value, str) and value in county_level_codes()):
        raise InvalidNumber(Reason.REGION, masked=_shown(value), label="region code")
    if value[:2] != instance.code.province_code:
        raise InvalidValue(
            f"the school's region {value} is not in province {instance.code.province_code}"
            " of its school code",
            reason=Reason.PROVINCE,
        )


def _strip(value: str) -> str:
    value = plain(value)  # type: ignore[assignment]
    return value.strip() if isinstance(value, str) else value


@attrs.frozen
class School:
    """A school: its code, name, location and optional credit code.

    ``region_code`` is the 6-digit county-level code of the school's location, the region
    part of the L and J numbers it issues; its province must be the code's province.

    Examples:
        >>> school = School("2111010001", " 北京市朝阳区实验小学 ", "110105")
        >>> school.code, school.name
        (SchoolCode(value='2111010001'), '北京市朝阳区实验小学')
    """

    code: SchoolCode = attrs.field(converter=_to_code)
    name: str = attrs.field(converter=_strip, validator=_check_name)
    region_code: str = attrs.field(validator=_check_region)
    credit_code: str | None = attrs.field(default=None, converter=_to_credit_code)
    _repr_html_ = fields_html("code", "name", "region_code", "credit_code")


# credit_code_problem was public; the check is private to the School value now.
if TYPE_CHECKING:
    credit_code_problem = _credit_code_reason
else:
    __getattr__ = module_getattr(
        __name__,
        {
            "credit_code_problem": (
                "xueji.school:_credit_code_reason",
                "School(..., credit_code=...) or stdnum.cn.uscc.validate",
            )
        },
    )
