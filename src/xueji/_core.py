"""The validation core: every rule of the numbers, written once.

Private to the package. `resident_id`, `registry_number`, `school`, `checks`, `columns`,
`rows` and `_vector` take their rules from here and nothing private from one another:
the characters, lengths, dates, regions (with the foreigner's card), check characters,
the spreadsheet-damage test, the region warnings and the per-row codes of the column
report. `_vector` is the numpy mirror of `id_reason` and `region_warning`; property
tests hold the two equal.

The functions that judge text take it *cleaned* (see `prepare`) and return the first
rule it breaks as a `Reason`, or None: callers turn that into an error, a `Problem` or
a row code.

Two leaves hold what needs nothing of the rest: `_dates` (the birth-date part, as-of keys,
completed years) and `_row_codes` (spreadsheet damage, column values, the per-row codes).
This module re-exports their names: the modules above import the core from here only.
"""

from __future__ import annotations

import datetime
import functools
from typing import Final

from xueji import _regions
from xueji._checksum import CHECK_CHARACTERS, WEIGHTS, mod_11_2
from xueji._dates import (
    EARLIEST,
    FIRST_YEAR,
    MONTH_DAYS,
    as_of_key,
    completed_years,
    date_of,
    is_leap,
    meets_age,
)
from xueji._row_codes import (
    AGGREGATE,
    ALL_CODES,
    DETAIL,
    FLOAT_TAIL,
    ID_ERRORS,
    OK,
    RETIRED,
    ROW_CODE,
    ROW_REASONS,
    VALID_CODES,
    as_list,
    looks_like_a_float,
    lost_digits,
)
from xueji._text import clean, mask, plain
from xueji.errors import InvalidNumber, Reason
from xueji.parsing import EARLIEST_BIRTH_DATE, MAX_INPUT, Cleaning, RegionPolicy

# The package-level names: what the modules above may import (a test holds them to it).
__all__ = [
    "AGGREGATE",
    "AGGREGATE_MARK",
    "ALL_CODES",
    "CHECK_CHARACTERS",
    "CHINA",
    "DETAIL",
    "EARLIEST",
    "FIRST_YEAR",
    "FLOAT_TAIL",
    "FOREIGN_CARD",
    "ID_CHARACTERS",
    "ID_ERRORS",
    "ID_LENGTH",
    "ISSUING_PROVINCES",
    "KNOWN_CODES",
    "KNOWN_PROVINCES",
    "LEGACY_LENGTH",
    "MONTH_DAYS",
    "NON_ISSUING_PROVINCES",
    "OK",
    "PERMIT_CODES",
    "REGISTRY_LENGTH",
    "RETIRED",
    "ROW_CODE",
    "ROW_REASONS",
    "SCHOOL_CATEGORIES",
    "SCHOOL_CODE_LENGTH",
    "VALID_CODES",
    "WEIGHTS",
    "Reason",
    "RegionPolicy",
    "as_list",
    "as_of_key",
    "birth_date_part",
    "completed_years",
    "date_of",
    "foreign_card_reason",
    "id_reason",
    "is_leap",
    "known_countries",
    "looks_like_a_float",
    "lost_digits",
    "meets_age",
    "mod_11_2",
    "number_error",
    "prepare",
    "region_part",
    "region_reason",
    "region_warning",
    "region_warnings",
    "registry_reason",
    "school_code_reason",
    "school_region_reason",
    "sequence_part",
]

# -- characters and lengths ---------------------------------------------------------------

ID_LENGTH: Final = 18
REGISTRY_LENGTH: Final = 19
SCHOOL_CODE_LENGTH: Final = 10
LEGACY_LENGTH: Final = 15
#: The characters of a resident ID: 17 digits, then a digit or ``X``.
ID_CHARACTERS: Final = frozenset("0123456789X")

# The check character X as a byte (id_reason).
_X: Final = ord("X")

# -- regions ------------------------------------------------------------------------------

KNOWN_CODES: Final = _regions.KNOWN_CODES
KNOWN_PROVINCES: Final = _regions.KNOWN_PROVINCES
known_countries: Final = _regions.known_countries
#: Region codes of the residence permits for Hong Kong, Macao and Taiwan residents.
PERMIT_CODES: Final = ("810000", "820000", "830000")
#: The first digit of a foreigner's permanent residence card (2023); citizens' are 1-8.
FOREIGN_CARD: Final = "9"
#: Provinces in GB/T 2260 that issue no foreigner's card: the card is issued by the
#: mainland's immigration offices, so never by Taiwan (71), Hong Kong (81) or Macao (82).
NON_ISSUING_PROVINCES: Final = frozenset({"71", "81", "82"})
ISSUING_PROVINCES: Final = KNOWN_PROVINCES - NON_ISSUING_PROVINCES
#: China's ISO 3166-1 numeric code: never the nationality of a foreigner.
CHINA: Final = "156"

_KNOWN: Final = RegionPolicy.KNOWN
_FORMAT_ONLY: Final = RegionPolicy.FORMAT
# Codes the KNOWN policy accepts without further thought: one set lookup on the hot path.
_ACCEPTED: Final = KNOWN_CODES | frozenset(PERMIT_CODES)


def foreign_card_reason(code: str, regions: RegionPolicy) -> Reason | None:
    """Why the region part ``9PPNNN`` of a foreigner's card fails ``regions``, or None.

    ``PP`` must be a province that issues the card (reason ``region``); ``NNN`` must not
    be China's code, and under ``KNOWN`` must be a known country (reason ``nationality``).
    """
    if regions is _FORMAT_ONLY:
        return None
    if code[1:3] not in ISSUING_PROVINCES:
        return Reason.REGION
    nationality = code[3:]
    if nationality == CHINA or (regions is _KNOWN and not _regions.is_country(nationality)):
        return Reason.NATIONALITY
    return None


def school_region_reason(code: str, regions: RegionPolicy) -> Reason | None:
    """Why a GB/T 2260 code fails ``regions``, or None: the school location of L and J
    numbers, and the region of a mainland resident ID."""
    if regions is _FORMAT_ONLY:
        return None
    if regions is _KNOWN:
        return None if code in KNOWN_CODES else Reason.REGION
    return None if code[:2] in KNOWN_PROVINCES else Reason.REGION


def region_reason(code: str, regions: RegionPolicy) -> Reason | None:
    """Why the 6-character region part of a resident ID fails ``regions``, or None."""
    if regions is _FORMAT_ONLY or code in PERMIT_CODES:
        return None
    if code[0] == FOREIGN_CARD:
        return foreign_card_reason(code, regions)
    return school_region_reason(code, regions)


AGGREGATE_MARK: Final = "0000"


@functools.cache
def region_warnings() -> dict[str, str]:
    """Codes that raise a warning on a valid number: retired ones (value: the last year
    in use, ``YYYY``) and aggregate province- or prefecture-level ones (value ``"0000"``:
    always). Permit codes are not aggregates but documents of their own.

    Built on first use: ``import xueji`` does not pay for it.
    """
    return {
        **{code: f"{_regions.last_year(code) or 0:04d}" for code in _regions.retired_codes()},
        **{c: AGGREGATE_MARK for c in KNOWN_CODES if c.endswith("00") and c not in PERMIT_CODES},
    }


def region_warning(code: str, birth_year: str) -> Reason | None:
    """The warning a valid number's region code deserves, if any.

    ``retired-region`` when the code was retired before the birth year (``YYYY``),
    ``aggregate-region`` for a province or prefecture code. Foreigner's cards (whose
    first six characters are no region code) are never given one.
    """
    last = region_warnings().get(code)
    if last is None or last >= birth_year:
        return None
    return Reason.AGGREGATE_REGION if last == AGGREGATE_MARK else Reason.RETIRED_REGION


# -- the numbers --------------------------------------------------------------------------

_LENGTH: Final = Reason.LENGTH
_FORMAT: Final = Reason.FORMAT
_CHECKSUM: Final = Reason.CHECKSUM
_BIRTH_DATE: Final = Reason.BIRTH_DATE
_FUTURE: Final = Reason.FUTURE_BIRTH_DATE
# The parts of the layout, as slice objects: see id_reason.
_REGION: Final = slice(0, 6)
_YEAR: Final = slice(6, 10)
_MONTH_DAY: Final = slice(10, 14)
_DATE: Final = slice(6, 14)
# 29 February is the one month-day that needs a look at the year.
_COMMON_MONTH_DAYS: Final = MONTH_DAYS - {"0229"}


def id_reason(
    s: str,
    as_of: str | None,
    regions: RegionPolicy,
    checksum: bool = True,  # noqa: FBT001, FBT002 - passed by keyword; see below
    school: bool = False,  # noqa: FBT001, FBT002
) -> Reason | None:
    """The first rule that the cleaned text ``s`` breaks, or None when it is valid.

    ``s`` has the resident-ID layout: resident IDs, and the bodies of registry numbers.
    ``as_of`` is the reference day as ``as_of_key`` spells it. ``checksum=False`` skips
    the check character (L numbers); ``school=True`` checks the region as a school's
    location (L and J numbers) rather than an ID's. (Pass those two by keyword: they are
    not keyword-only because CPython 3.11 specialises no call to a function that has
    keyword-only parameters, and every parser calls this one.)
    """
    # The hot path of every parser, hence string tests instead of a regex or a date
    # object, module constants instead of enum attribute lookups, named slices (`s[10:14]`
    # builds its slice object on every call), the tests ordered so that a valid number
    # takes the fewest steps, and the check character tested inline.
    if len(s) != 18:
        # A stray character is the more useful diagnosis than the length it causes
        # (looked for only in text short enough to be a mistyped number).
        if len(s) > MAX_INPUT or ID_CHARACTERS.issuperset(s):
            return _LENGTH
        return _FORMAT
    # The characters are tested as UTF-8 bytes: bytes.isdigit reads a table (str.isdigit
    # asks the Unicode database character by character, and takes other scripts' digits).
    # Every character outside ASCII becomes bytes of 0x80 and above, which are no digits,
    # so text with one fails below as it should: if the first 17 bytes are ASCII digits,
    # so are the first 17 characters, and an 18th byte X is then the 18th character.
    try:
        digits = s.encode()
    except UnicodeEncodeError:  # a lone surrogate, which has no UTF-8 form
        return _FORMAT
    # MOD 11-2 as a whole-number test: with the check character's value c (X is 10),
    # the number is valid when 2 * int(body, 13) + c = 1 (mod 11), the same test as
    # `mod_11_2(body) == c`. As 13 = 2 (mod 11), int(text, 13) is 2 * int(body, 13) + c
    # (mod 11), so ten numbers in eleven, which end in a digit, need no slice at all;
    # for an X, int(body, 13) = 1.
    if digits.isdigit():
        if int(digits, 13) % 11 != 1 and checksum:
            return _CHECKSUM
    elif digits[17] == _X and (body := digits[:17]).isdigit():
        if int(body, 13) % 11 != 1 and checksum:
            return _CHECKSUM
    else:
        return _FORMAT
    if s[_MONTH_DAY] not in _COMMON_MONTH_DAYS and (
        s[_MONTH_DAY] != "0229" or not is_leap(int(s[_YEAR]))
    ):
        return _BIRTH_DATE
    if s[_YEAR] < FIRST_YEAR:
        return _BIRTH_DATE
    if as_of is not None and s[_DATE] > as_of:
        return _FUTURE
    if school:
        return school_region_reason(s[_REGION], regions)
    if regions is _KNOWN and s[_REGION] in _ACCEPTED:
        return None
    return region_reason(s[_REGION], regions)


def registry_reason(
    s: str, as_of: str | None, regions: RegionPolicy, *, j_checksum: bool = True
) -> Reason | None:
    """The first rule that the cleaned text ``s`` breaks as a registry number, or None.

    A G number's body is a resident ID; L and J bodies are located at a school, and an
    L number's last character is never checked.
    """
    if len(s) != 19:
        if not ID_CHARACTERS.issuperset(s[1:]):
            return Reason.FORMAT
        # An 18-character number without a letter is a resident ID missing its prefix.
        return Reason.PREFIX if len(s) == 18 and s[:1].isdigit() else Reason.LENGTH
    kind = s[0]
    if kind == "G":
        return id_reason(s[1:], as_of, regions)
    if kind == "J":
        return id_reason(s[1:], as_of, regions, checksum=j_checksum, school=True)
    if kind == "L":
        return id_reason(s[1:], as_of, regions, checksum=False, school=True)
    return Reason.PREFIX


#: School categories (the first two digits of a school code) and their Chinese names.
SCHOOL_CATEGORIES: Final = {
    "11": "幼儿园",
    "21": "小学",
    "22": "成人小学",
    "31": "普通初中",
    "32": "职业初中",
    "33": "成人初中",
    "34": "普通高中",
    "35": "成人高中",
    "36": "中等职业学校",
    "37": "专门学校(工读学校)",
    "41": "普通高等学校",
    "42": "成人高等学校",
    "51": "特殊教育学校",
    "91": "培养研究生的科研机构",
    "92": "民办的其他高等教育机构",
    "93": "中等职业培训机构",
}


def school_code_reason(s: str) -> Reason | None:
    """The first rule that the cleaned text ``s`` breaks as a school code, or None."""
    if len(s) != 10:
        return Reason.LENGTH
    if not (s.isascii() and s.isdigit()):  # after isascii(), isdigit() means 0-9 only
        return Reason.FORMAT
    if s[:2] not in SCHOOL_CATEGORIES:
        return Reason.CATEGORY
    if s[2:4] not in KNOWN_PROVINCES:
        return Reason.PROVINCE
    return None


# -- input and errors ---------------------------------------------------------------------

_Letters = dict[str, tuple[str, frozenset[Cleaning]]]


def prepare(
    text: object, first: _Letters | None = None
) -> tuple[str | None, Reason | None, frozenset[Cleaning]]:
    """Type, size and mask checks, then cleaning: ``(cleaned, reason, cleanings)``.

    ``first`` maps extra characters allowed in the first position (prefix letters).
    """
    text = plain(text)
    if not isinstance(text, str):
        return None, Reason.NOT_TEXT, frozenset()
    if len(text) > MAX_INPUT:
        return None, Reason.LENGTH, frozenset()
    s, cleanings = clean(text, first=first)
    if "*" in s or "\uff0a" in s:
        return None, Reason.MASKED, cleanings
    return s, None, cleanings


def _shown(text: object, s: str | None) -> str:
    """How an error shows the input: masked by its cleaned shape, or by its type."""
    text = plain(text)
    if isinstance(text, str):
        return mask(s if s is not None else text.strip())
    return f"<{type(text).__name__}>"


def number_error(
    reason: Reason, text: object, s: str | None, *, label: str, length: int = 18
) -> InvalidNumber:
    """The error for ``reason``, with the input masked; ``s`` is the cleaned text."""
    expected = None
    detail = ""
    if reason is Reason.CHECKSUM and s is not None:
        expected = mod_11_2(s[-18:-1])
        detail = f"the check character should be {expected!r}, not {s[-1]!r}"
    elif reason is Reason.LENGTH and s is not None:
        detail = f"expected {length} characters, got {len(s)}"
    return InvalidNumber(
        reason, masked=_shown(text, s), label=label, detail=detail, expected=expected
    )


# -- the parts the builders take ------------------------------------------------------------


def region_part(code: object, *, school: bool) -> str:
    """A builder's region code: six ASCII digits known to GB/T 2260 (``school``), or that
    pass an ID's ``KNOWN`` check (a ``9PPNNN`` code builds a foreigner's card).

    Raises:
        InvalidNumber: ``region`` or ``nationality``; masked unless it is six digits.
    """
    code = plain(code)
    if not (type(code) is str and len(code) == 6 and code.isascii() and code.isdigit()):
        raise InvalidNumber(Reason.REGION, masked="******", label="region code")
    reason = school_region_reason(code, _KNOWN) if school else region_reason(code, _KNOWN)
    if reason is not None:
        raise InvalidNumber(reason, masked=code, label="region code")
    return code


def birth_date_part(day: object) -> datetime.date:
    """A builder's birth date: a date (a datetime counts as its day) from 1850 on."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not isinstance(day, datetime.date):
        raise InvalidNumber(
            Reason.BIRTH_DATE, masked="********", label="birth date", detail="not a datetime.date"
        )
    if day < EARLIEST_BIRTH_DATE:
        raise InvalidNumber(Reason.BIRTH_DATE, masked="********", label="birth date")
    return day


def sequence_part(sequence: object) -> int:
    """A builder's 3-digit sequence: an int (not a bool) from 0 to 999."""
    if not (type(sequence) is int and 0 <= sequence <= 999):
        raise InvalidNumber(Reason.SEQUENCE, masked="***", label="sequence", detail="not in 0-999")
    return sequence
