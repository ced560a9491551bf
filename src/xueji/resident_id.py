"""Resident identity number (公民身份号码, GB 11643-1999), and the documents sharing its format.

Eighteen characters: a 6-digit region (address) code, the birth date as ``YYYYMMDD``,
a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
character, ``0``-``9`` or ``X``.
The same layout is used by the residence permits of Hong Kong, Macao and Taiwan
residents (region 810000, 820000, 830000) and by the 2023 foreigner's permanent
residence card (a leading ``9``, the province of first issue, the ISO 3166-1 numeric
nationality); :attr:`ResidentID.document` tells them apart.

>>> rid = ResidentID.parse("11010519491231002x")
>>> rid
ResidentID('110105********002X')
>>> str(rid), rid.birth_date, rid.sex.name, rid.document.name
('11010519491231002X', datetime.date(1949, 12, 31), 'FEMALE', 'MAINLAND')
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from typing import TYPE_CHECKING, Final

import attrs

from xueji import _regions
from xueji._checksum import CHECK_CHARACTERS, mod_11_2
from xueji._number import MaskedNumber
from xueji._text import MAX_INPUT, Cleaning, clean, mask, plain
from xueji.errors import DateBeforeBirth, InvalidNumber, Reason

if TYPE_CHECKING:
    from xueji.regions import Region

__all__ = [
    "EARLIEST_BIRTH_DATE",
    "Document",
    "RegionCheck",
    "ResidentID",
    "Sex",
    "make_resident_id",
]

#: Birth dates before this day are rejected (reason ``birth-date``).
EARLIEST_BIRTH_DATE: Final = datetime.date(1850, 1, 1)


class Sex(enum.StrEnum):
    """Sex, with the codes of GB/T 2261.1 as values."""

    MALE = "1"
    FEMALE = "2"


class Document(enum.StrEnum):
    """Which document an 18-character number belongs to; the leading digits decide."""

    MAINLAND = "mainland"
    HONG_KONG_PERMIT = "hong-kong-permit"
    MACAO_PERMIT = "macao-permit"
    TAIWAN_PERMIT = "taiwan-permit"
    FOREIGN_PERMANENT_RESIDENT = "foreign-permanent-resident"


class RegionCheck(enum.StrEnum):
    """How strictly the region (address) code is checked.

    ``KNOWN``: the code existed at some time in GB/T 2260 (retired codes stay valid,
    whatever the birth year), or is a residence-permit code.
    ``PROVINCE``: only the 2-digit province must exist.
    ``FORMAT``: no region check.
    """

    KNOWN = "known"
    PROVINCE = "province"
    FORMAT = "format"


PERMITS: Final[dict[str, Document]] = {
    "810000": Document.HONG_KONG_PERMIT,
    "820000": Document.MACAO_PERMIT,
    "830000": Document.TAIWAN_PERMIT,
}
_PERMIT_NAMES: Final = {
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
    "830000": "台湾地区",
}

# [0-9], not \d, and fullmatch, not ^...$: \d takes other scripts' digits and $ matches
# before a trailing newline.
_SHAPE: Final = re.compile(r"[0-9]{17}[0-9X]")
_LEGACY_SHAPE: Final = re.compile(r"[0-9]{15}")
_EARLIEST: Final = f"{EARLIEST_BIRTH_DATE:%Y%m%d}"
_KNOWN_CODES: Final = _regions.KNOWN_CODES
_KNOWN_PROVINCES: Final = _regions.KNOWN_PROVINCES
_KIND: Final = "resident ID"


@functools.lru_cache(maxsize=1 << 16)
def _date(digits: str) -> datetime.date | None:
    """The date spelled by 8 ASCII digits ``YYYYMMDD``, or None if there is no such day."""
    try:
        day = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return day if digits >= _EARLIEST else None


def as_of_key(as_of: datetime.date | None) -> str | None:
    # YYYYMMDD strings order like the dates they spell, so the future check is a
    # string comparison on the hot path.
    return None if as_of is None else f"{as_of.year:04d}{as_of.month:02d}{as_of.day:02d}"


_R_FORMAT: Final = RegionCheck.FORMAT
_R_KNOWN: Final = RegionCheck.KNOWN
# Codes accepted by the KNOWN check without further thought: one set lookup on the hot path.
_ACCEPTED: Final = _KNOWN_CODES | PERMITS.keys()
_LENGTH: Final = Reason.LENGTH
_FORMAT: Final = Reason.FORMAT
_CHECKSUM: Final = Reason.CHECKSUM
_BIRTH_DATE: Final = Reason.BIRTH_DATE
_FUTURE: Final = Reason.FUTURE_BIRTH_DATE


def region_problem(code: str, regions: RegionCheck) -> Reason | None:
    """Why the 6-character region part of a number fails ``regions``, or None."""
    if regions is _R_FORMAT or code in PERMITS:
        return None
    if code[0] == "9":
        if code[1:3] not in _KNOWN_PROVINCES:
            return Reason.REGION
        if regions is _R_KNOWN and not _regions.is_country(code[3:]):
            return Reason.NATIONALITY
        return None
    if regions is _R_KNOWN:
        return None if code in _KNOWN_CODES else Reason.REGION
    return None if code[:2] in _KNOWN_PROVINCES else Reason.REGION


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# Every month-day that some year has; 0229 then needs a leap year.
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_DAYS: Final = frozenset(
    f"{m:02d}{d:02d}" for m, days in enumerate(_DAYS_IN_MONTH, 1) for d in range(1, days + 1)
)
_LAST: Final = frozenset("0123456789X")
_ID_CHARACTERS: Final = _LAST
_FIRST_YEAR: Final = _EARLIEST[:4]


def school_region_problem(code: str, regions: RegionCheck) -> Reason | None:
    """Region check for the school-location code of L and J numbers: a GB/T 2260 code."""
    if regions is _R_FORMAT:
        return None
    if regions is _R_KNOWN:
        return None if code in _KNOWN_CODES else Reason.REGION
    return None if code[:2] in _KNOWN_PROVINCES else Reason.REGION


def problem(
    s: str,
    as_of: str | None,
    regions: RegionCheck,
    *,
    checksum: bool = True,
    school: bool = False,
) -> Reason | None:
    """The first check that the cleaned text ``s`` fails, or None when it is valid.

    ``s`` has the ID layout: resident IDs, and the bodies of registry numbers.
    ``checksum=False`` skips the check character (L numbers); ``school=True`` checks
    the region as a school's location (L and J numbers) rather than an ID's.
    """
    # The hot path of every parser, hence string tests instead of a regex or a date
    # object, module constants instead of enum attribute lookups, and the check
    # character computed inline. isdigit() alone would take other scripts' digits;
    # after isascii() it means 0-9 only.
    if len(s) != 18:
        # A stray character is the more useful diagnosis than the length it causes
        # (looked for only in text short enough to be a mistyped number).
        if len(s) > MAX_INPUT or _ID_CHARACTERS.issuperset(s):
            return _LENGTH
        return _FORMAT
    body = s[:17]
    if not (s.isascii() and body.isdigit() and s[17] in _LAST):
        return _FORMAT
    if checksum and CHECK_CHARACTERS[2 * int(body, 13) % 11] != s[17]:
        return _CHECKSUM
    month_day = s[10:14]
    if (
        month_day not in _MONTH_DAYS
        or s[6:10] < _FIRST_YEAR
        or (month_day == "0229" and not _leap(int(s[6:10])))
    ):
        return _BIRTH_DATE
    if as_of is not None and s[6:14] > as_of:
        return _FUTURE
    if school:
        return school_region_problem(s[:6], regions)
    if regions is _R_KNOWN and s[:6] in _ACCEPTED:
        return None
    return region_problem(s[:6], regions)


def prepare(
    text: object, first: dict[str, tuple[str, frozenset[Cleaning]]] | None = None
) -> tuple[str | None, Reason | None, frozenset[Cleaning]]:
    """Type, size and mask checks, then cleaning: ``(cleaned, reason, cleanings)``."""
    text = plain(text)
    if not isinstance(text, str):
        return None, Reason.NOT_TEXT, frozenset()
    if len(text) > MAX_INPUT:
        return None, Reason.LENGTH, frozenset()
    s, cleanings = clean(text, first=first)
    if "*" in s or "\uff0a" in s:
        return None, Reason.MASKED, cleanings
    return s, None, cleanings


def fail(
    reason: Reason, text: object, s: str | None, *, kind: str, length: int = 18
) -> InvalidNumber:
    """The error for ``reason``, with the input masked."""
    text = plain(text)
    if isinstance(text, str):
        shown = mask(s if s is not None else text.strip())
    else:
        shown = f"<{type(text).__name__}>"
    expected = None
    detail = ""
    if reason is Reason.CHECKSUM and s is not None:
        expected = mod_11_2(s[-18:-1])
        detail = f"the check character should be {expected!r}, not {s[-1]!r}"
    elif reason is Reason.LENGTH and s is not None:
        detail = f"expected {length} characters, got {len(s)}"
    return InvalidNumber(reason, masked=shown, kind=kind, detail=detail, expected=expected)


def _check_value(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):  # callers may lie
        raise fail(Reason.NOT_TEXT, value, None, kind=_KIND)
    reason = problem(value, None, RegionCheck.FORMAT)
    if reason is not None:
        raise fail(reason, value, value, kind=_KIND)


@attrs.frozen(repr=False, order=True)
class ResidentID(MaskedNumber):
    """A valid resident identity number, or a number of a document sharing its format.

    ``ResidentID(value)`` takes the canonical 18 characters and checks their structure
    (length, characters, check character, birth date); the region policy and the
    reference date belong to :meth:`parse`, which also cleans messy input.
    ``str()`` gives the canonical number; ``repr()`` masks the birth date.
    """

    value: str = attrs.field(validator=_check_value)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        as_of: datetime.date | None = None,
        regions: RegionCheck = RegionCheck.KNOWN,
    ) -> ResidentID:
        """Clean ``text`` and validate it.

        Cleaning strips surrounding whitespace, drops inner spaces and hyphens,
        upper-cases ``x`` and turns full-width digits and ``Ｘ`` into ASCII; nothing else.

        Raises:
            InvalidNumber: with the first failing check as ``reason``.

        >>> ResidentID.parse("110105 19491231 002X").value
        '11010519491231002X'
        >>> ResidentID.parse("110105209901010012", as_of=datetime.date(2026, 11, 28))
        Traceback (most recent call last):
        xueji.errors.InvalidNumber: invalid resident ID '110105********0012': the birth date ...
        """
        if type(text) is str and len(text) == 18:
            reason = problem(text, None if as_of is None else as_of_key(as_of), regions)
            if reason is None:
                return cls._trusted(text)
        s, reason, _ = prepare(text)
        if s is not None:
            reason = problem(s, as_of_key(as_of), regions)
            if reason is None:
                return cls._trusted(s)
        assert reason is not None  # prepare gives a string or a reason
        raise fail(reason, text, s, kind=_KIND)

    @staticmethod
    def is_valid(
        text: object,
        *,
        as_of: datetime.date | None = None,
        regions: RegionCheck = RegionCheck.KNOWN,
    ) -> bool:
        """Whether :meth:`parse` would accept ``text``; never raises, whatever ``text`` is.

        >>> ResidentID.is_valid("11010519491231002X"), ResidentID.is_valid(None)
        (True, False)
        """
        # Fast path: canonical text skips the cleaning step.
        if type(text) is str and len(text) == 18:
            reason = problem(text, None if as_of is None else as_of_key(as_of), regions)
            if reason is not _FORMAT:
                return reason is None
        s, reason, _ = prepare(text)
        return s is not None and problem(s, as_of_key(as_of), regions) is None

    @classmethod
    def from_legacy(cls, text: str, *, regions: RegionCheck = RegionCheck.KNOWN) -> ResidentID:
        """Validate a 15-digit GB 11643-1989 number and upgrade it to 18 characters.

        The 1989 numbers have a 2-digit year and no check character: the upgrade
        inserts ``19`` before the year and computes the check character.

        >>> ResidentID.from_legacy("110105491231002")
        ResidentID('110105********002X')
        """
        s, reason, _ = prepare(text)
        if s is not None:
            if len(s) != 15:
                reason = Reason.LENGTH
            elif not _LEGACY_SHAPE.fullmatch(s):
                reason = Reason.FORMAT
            elif s[:6] in PERMITS or s[0] == "9":
                # Permits (2018) and the foreigner's card (2023) never had 15 digits.
                reason = Reason.REGION
            else:
                body = f"{s[:6]}19{s[6:]}"
                full = body + mod_11_2(body)
                reason = problem(full, None, regions)
                if reason is None:
                    return cls._trusted(full)
        assert reason is not None
        raise fail(reason, text, s, kind="legacy resident ID", length=15)

    # -- accessors (computed once, on first use) --------------------------------------

    @functools.cached_property
    def document(self) -> Document:
        """Which document the number belongs to."""
        if self.value[0] == "9":
            return Document.FOREIGN_PERMANENT_RESIDENT
        return PERMITS.get(self.value[:6], Document.MAINLAND)

    @property
    def region_code(self) -> str:
        """The 6-digit region code; for a foreigner's card, its province (``PP0000``)."""
        if self.value[0] == "9":
            return f"{self.value[1:3]}0000"
        return self.value[:6]

    @property
    def nationality(self) -> str | None:
        """The ISO 3166-1 numeric nationality of a foreigner's card, else None."""
        return self.value[3:6] if self.value[0] == "9" else None

    @functools.cached_property
    def birth_date(self) -> datetime.date:
        """The birth date."""
        day = _date(self.value[6:14])
        assert day is not None  # guaranteed by validation
        return day

    @property
    def sequence(self) -> int:
        """The 3-digit sequence (顺序码) as an int."""
        return int(self.value[14:17])

    @property
    def sex(self) -> Sex:
        """Odd sequence: male; even: female."""
        return Sex.MALE if int(self.value[16]) % 2 else Sex.FEMALE

    @property
    def check_character(self) -> str:
        """The final check character."""
        return self.value[17]

    @property
    def region(self) -> Region | None:
        """Province, prefecture and county names of the region code, where known.

        Names are those in force in the birth year when the code had one then,
        else the latest.

        >>> ResidentID.parse("11010519491231002X").region
        Region(code='110105', province='北京市', prefecture=None, county='朝阳区')
        """
        code = self.region_code
        # Deferred: the name tables load only when a name is asked for.
        from xueji.regions import Region, region

        if code in _PERMIT_NAMES:
            return Region(code, _PERMIT_NAMES[code], None, None)
        return region(code, year=self.birth_date.year)

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years on ``day``; a 29 February birthday counts from 1 March.

        Raises:
            DateBeforeBirth: when ``day`` is before the birth date.

        >>> ResidentID.parse("11010519491231002X").age_on(datetime.date(2026, 11, 28))
        76
        """
        born = self.birth_date
        if isinstance(day, datetime.datetime):
            day = day.date()
        if day < born:
            raise DateBeforeBirth("the date asked about is before the birth date")
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def make_resident_id(*, region_code: str, birth_date: datetime.date, sequence: int) -> ResidentID:
    """Build the number for these parts, computing its check character.

    ``region_code`` must pass the ``KNOWN`` region check (a ``9PPNNN`` code builds a
    foreigner's permanent residence card number).

    Raises:
        InvalidNumber: ``region``, ``nationality``, ``birth-date`` or ``sequence``.

    >>> make_resident_id(region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=2)
    ResidentID('110105********002X')
    """
    if not (type(region_code) is str and re.fullmatch(r"[0-9]{6}", region_code)):
        raise InvalidNumber(Reason.REGION, masked="******", kind="region code")
    reason = region_problem(region_code, RegionCheck.KNOWN)
    if reason is not None:
        raise InvalidNumber(reason, masked=region_code, kind="region code")
    if not (type(sequence) is int and 0 <= sequence <= 999):
        raise InvalidNumber(Reason.SEQUENCE, masked="***", kind="sequence", detail="not in 0-999")
    if isinstance(birth_date, datetime.datetime):
        birth_date = birth_date.date()
    if not isinstance(birth_date, datetime.date):
        raise InvalidNumber(
            Reason.BIRTH_DATE, masked="********", kind="birth date", detail="not a datetime.date"
        )
    if birth_date < EARLIEST_BIRTH_DATE:
        raise InvalidNumber(Reason.BIRTH_DATE, masked="********", kind="birth date")
    body = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return ResidentID._trusted(body + mod_11_2(body))
