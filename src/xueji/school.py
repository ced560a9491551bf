"""Schools: the 10-digit school identification code (学校标识码) and the school value.

The code is ``AABBCCCCCC``: a 2-digit school category, the 2-digit province (GB/T 2260)
and a 6-digit serial set by the province. No source describes a check digit, so none
is checked (``docs/adr/0009-school-codes.md``).

>>> code = SchoolCode.parse("2111010001")
>>> code.category, code.category.label, code.province_code, code.serial
(<SchoolCategory.PRIMARY: '21'>, '小学', '11', '010001')
"""

from __future__ import annotations

import enum
import re
from typing import Any, Final

import attrs

from xueji._regions import KNOWN_PROVINCES, county_level_codes
from xueji._text import MAX_INPUT, clean, mask, plain
from xueji.errors import InvalidNumber, InvalidValue, Reason

__all__ = ["School", "SchoolCategory", "SchoolCode", "credit_code_problem"]


class SchoolCategory(enum.StrEnum):
    """School category, the first two digits of a school code (domain.md §2.1)."""

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
        return _LABELS[self]


_LABELS: Final = {
    SchoolCategory.KINDERGARTEN: "幼儿园",
    SchoolCategory.PRIMARY: "小学",
    SchoolCategory.ADULT_PRIMARY: "成人小学",
    SchoolCategory.JUNIOR_SECONDARY: "普通初中",
    SchoolCategory.VOCATIONAL_JUNIOR_SECONDARY: "职业初中",
    SchoolCategory.ADULT_JUNIOR_SECONDARY: "成人初中",
    SchoolCategory.SENIOR_SECONDARY: "普通高中",
    SchoolCategory.ADULT_SENIOR_SECONDARY: "成人高中",
    SchoolCategory.SECONDARY_VOCATIONAL: "中等职业学校",
    SchoolCategory.SPECIALIZED: "专门学校(工读学校)",
    SchoolCategory.REGULAR_HIGHER: "普通高等学校",
    SchoolCategory.ADULT_HIGHER: "成人高等学校",
    SchoolCategory.SPECIAL_EDUCATION: "特殊教育学校",
    SchoolCategory.RESEARCH_INSTITUTE: "培养研究生的科研机构",
    SchoolCategory.PRIVATE_HIGHER_OTHER: "民办的其他高等教育机构",
    SchoolCategory.VOCATIONAL_TRAINING: "中等职业培训机构",
}
_CATEGORIES: Final = frozenset(c.value for c in SchoolCategory)
_SHAPE: Final = re.compile(r"[0-9]{10}")
_KIND: Final = "school code"


def school_code_problem(s: str) -> Reason | None:
    """The first check that the cleaned text ``s`` fails as a school code, or None."""
    if len(s) != 10:
        return Reason.LENGTH
    if not _SHAPE.fullmatch(s):
        return Reason.FORMAT
    if s[:2] not in _CATEGORIES:
        return Reason.CATEGORY
    if s[2:4] not in KNOWN_PROVINCES:
        return Reason.PROVINCE
    return None


def _prepare(text: object) -> tuple[str | None, Reason | None]:
    text = plain(text)
    if not isinstance(text, str):
        return None, Reason.NOT_TEXT
    if len(text) > MAX_INPUT:
        return None, Reason.LENGTH
    s = clean(text)[0]
    return s, school_code_problem(s)


def _shown(text: object) -> str:
    text = plain(text)
    # School and credit codes name institutions and are shown as given; anything long
    # enough to be a personal number given by mistake is masked like one.
    if not isinstance(text, str):
        return f"<{type(text).__name__}>"
    return text if len(text) <= 12 else mask(text)


def _error(reason: Reason, text: object) -> InvalidNumber:
    return InvalidNumber(reason, masked=_shown(text), kind=_KIND)


def _check_value(_instance: object, _attribute: object, value: str) -> None:
    reason = school_code_problem(value) if isinstance(value, str) else Reason.NOT_TEXT
    if reason is not None:
        raise _error(reason, value)


@attrs.frozen(order=True)
class SchoolCode:
    """A valid 10-digit school identification code (学校标识码)."""

    value: str = attrs.field(validator=_check_value)

    @classmethod
    def parse(cls, text: str) -> SchoolCode:
        """Clean ``text`` (as :meth:`ResidentID.parse` does) and validate it.

        Raises:
            InvalidNumber: ``not-text``, ``length``, ``format``, ``category`` or ``province``.

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
        """Whether :meth:`parse` would accept ``text``; never raises."""
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


def credit_code_problem(text: str) -> Reason | None:
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
        raise InvalidNumber(Reason.NOT_TEXT, masked="<credit code>", kind="credit code")
    compact = "".join(value.split()).replace("-", "").upper()
    reason = credit_code_problem(compact)
    if reason is not None:
        raise InvalidNumber(reason, masked=_shown(compact), kind="credit code")
    return compact


def _check_name(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value or not value.isprintable():
        raise InvalidValue("a school name must be non-empty printable text")


def _check_region(instance: School, _attribute: object, value: str) -> None:
    # A school stands in a county-level area (a county, district, county-level city, or a
    # prefecture-level city without counties), whose bureau reviews its requests.
    if not (isinstance(value, str) and value in county_level_codes()):
        raise InvalidNumber(Reason.REGION, masked=_shown(value), kind="region code")
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

    >>> school = School("2111010001", " 北京市朝阳区实验小学 ", "110105")
    >>> school.code, school.name
    (SchoolCode(value='2111010001'), '北京市朝阳区实验小学')
    """

    code: SchoolCode = attrs.field(converter=_to_code)
    name: str = attrs.field(converter=_strip, validator=_check_name)
    region_code: str = attrs.field(validator=_check_region)
    credit_code: str | None = attrs.field(default=None, converter=_to_credit_code)
