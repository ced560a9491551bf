"""Resident identity number (公民身份号码, GB 11643-1999), and the documents sharing its format.

Eighteen characters: a 6-digit region (address) code, the birth date as ``YYYYMMDD``,
a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
character, ``0``-``9`` or ``X``.
The same layout is used by the residence permits of Hong Kong, Macao and Taiwan
residents (region 810000, 820000, 830000) and by the 2023 foreigner's permanent
residence card (a leading ``9``, the province of first issue, the ISO 3166-1 numeric
nationality); `ResidentID.document` tells them apart.

Examples:
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
from typing import TYPE_CHECKING, Final

import attrs

from xueji._checksum import mod_11_2
from xueji._core import (
    FOREIGN_CARD,
    ID_CHARACTERS,
    LEGACY_LENGTH,
    PERMIT_CODES,
    as_of_key,
    birth_date_part,
    completed_years,
    date_of,
    id_reason,
    number_error,
    prepare,
    region_part,
    sequence_part,
)
from xueji._deprecated import module_getattr
from xueji._number import MaskedNumber
from xueji.errors import DateBeforeBirth, Reason
from xueji.parsing import EARLIEST_BIRTH_DATE as EARLIEST_BIRTH_DATE  # where it used to be
from xueji.parsing import MAX_INPUT, RegionPolicy

if TYPE_CHECKING:
    from xueji.regions import Region

__all__ = [
    "Document",
    "ResidentID",
    "Sex",
    "make_resident_id",
]

# Renamed: RegionCheck is RegionPolicy, in xueji.parsing. Type checkers see the alias;
# at run time it warns.
if TYPE_CHECKING:
    RegionCheck = RegionPolicy
else:
    __getattr__ = module_getattr(__name__, {"RegionCheck": "xueji.parsing:RegionPolicy"})


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


#: The residence permits' region codes and the document each one is.
PERMITS: Final[dict[str, Document]] = dict(
    zip(
        PERMIT_CODES,
        (Document.HONG_KONG_PERMIT, Document.MACAO_PERMIT, Document.TAIWAN_PERMIT),
        strict=True,
    )
)
_PERMIT_NAMES: Final = dict(
    zip(PERMIT_CODES, ("香港特别行政区", "澳门特别行政区", "台湾地区"), strict=True)
)

_FORMAT: Final = Reason.FORMAT
_LABEL: Final = "resident ID"


def _plain_digits(text: str) -> bool:
    """Whether ``text`` is digits and X only, of any length up to the input limit: text
    that cleaning leaves as it is (the checks then say what is wrong with it)."""
    return len(text) <= MAX_INPUT and ID_CHARACTERS.issuperset(text)


def _check_value(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):  # callers may lie
        raise number_error(Reason.NOT_TEXT, value, None, label=_LABEL)
    reason = id_reason(value, None, RegionPolicy.FORMAT)
    if reason is not None:
        raise number_error(reason, value, value, label=_LABEL)


@attrs.frozen(repr=False, order=True)
class ResidentID(MaskedNumber):
    """A valid resident identity number, or a number of a document sharing its format.

    ``ResidentID(value)`` takes the canonical 18 characters and checks their structure
    (length, characters, check character, birth date); the region policy and the
    reference date belong to `parse`, which also cleans messy input.
    ``str()`` gives the canonical number; ``repr()`` masks the birth date.
    """

    value: str = attrs.field(validator=_check_value)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        as_of: datetime.date | None = None,
        regions: RegionPolicy = RegionPolicy.KNOWN,
    ) -> ResidentID:
        """Clean ``text`` and validate it.

        Cleaning strips surrounding whitespace, drops inner spaces and hyphens,
        upper-cases ``x`` and turns full-width digits and ``Ｘ`` into ASCII; nothing else.

        Raises:
            InvalidNumber: with the first failing check as ``reason``.

        Examples:
            >>> ResidentID.parse("110105 19491231 002X").value
            '11010519491231002X'
            >>> ResidentID.parse("110105209901010012", as_of=datetime.date(2026, 11, 28))
            Traceback (most recent call last):
            xueji.errors.InvalidNumber: invalid resident ID '110105********0012': the birth date ...
        """
        if type(text) is str and (len(text) == 18 or _plain_digits(text)):
            reason = id_reason(text, None if as_of is None else as_of_key(as_of), regions)
            if reason is None:
                # What _trusted does, inline: the hot path of every parse.
                rid = _new(cls)
                _set_value(rid, text)
                return rid
            if reason is not _FORMAT:  # digits and X only: cleaning would change nothing
                raise number_error(reason, text, text, label=_LABEL)
        s, reason, _ = prepare(text)
        if s is not None:
            reason = id_reason(s, as_of_key(as_of), regions)
            if reason is None:
                return cls._trusted(s)
        assert reason is not None  # prepare gives a string or a reason
        raise number_error(reason, text, s, label=_LABEL)

    @staticmethod
    def is_valid(
        text: object,
        *,
        as_of: datetime.date | None = None,
        regions: RegionPolicy = RegionPolicy.KNOWN,
    ) -> bool:
        """Whether `parse` would accept ``text``; never raises, whatever ``text`` is.

        Examples:
            >>> ResidentID.is_valid("11010519491231002X"), ResidentID.is_valid(None)
            (True, False)
        """
        # Fast path: text is judged as it comes, and cleaned only when the core finds a
        # character out of place (a space, a lower-case x, a full-width digit...); text of
        # another length is refused for it without cleaning when it holds digits and X only.
        if type(text) is str:
            reason = id_reason(text, None if as_of is None else as_of_key(as_of), regions)
            if reason is None:
                return True
            if reason is not _FORMAT:
                return False
        s, _, _ = prepare(text)
        return s is not None and id_reason(s, as_of_key(as_of), regions) is None

    @classmethod
    def from_legacy(cls, text: str, *, regions: RegionPolicy = RegionPolicy.KNOWN) -> ResidentID:
        """Validate a 15-digit GB 11643-1989 number and upgrade it to 18 characters.

        The 1989 numbers have a 2-digit year and no check character: the upgrade
        inserts ``19`` before the year and computes the check character.

        Examples:
            >>> ResidentID.from_legacy("110105491231002")
            ResidentID('110105********002X')
        """
        s, reason, _ = prepare(text)
        if s is not None:
            if len(s) != LEGACY_LENGTH:
                reason = Reason.LENGTH
            elif not (s.isascii() and s.isdigit()):  # with isascii, isdigit means 0-9
                reason = Reason.FORMAT
            elif s[:6] in PERMITS or s[0] == FOREIGN_CARD:
                # Permits (2018) and the foreigner's card (2023) never had 15 digits.
                reason = Reason.REGION
            else:
                body = f"{s[:6]}19{s[6:]}"
                full = body + mod_11_2(body)
                reason = id_reason(full, None, regions)
                if reason is None:
                    return cls._trusted(full)
        assert reason is not None
        raise number_error(reason, text, s, label="legacy resident ID", length=LEGACY_LENGTH)

    # -- accessors (computed once, on first use) --------------------------------------

    @functools.cached_property
    def document(self) -> Document:
        """Which document the number belongs to."""
        if self.value[0] == FOREIGN_CARD:
            return Document.FOREIGN_PERMANENT_RESIDENT
        return PERMITS.get(self.value[:6], Document.MAINLAND)

    @property
    def region_code(self) -> str:
        """The 6-digit region code; for a foreigner's card, its province (``PP0000``)."""
        if self.value[0] == FOREIGN_CARD:
            return f"{self.value[1:3]}0000"
        return self.value[:6]

    @property
    def nationality(self) -> str | None:
        """The ISO 3166-1 numeric nationality of a foreigner's card, else None."""
        return self.value[3:6] if self.value[0] == FOREIGN_CARD else None

    @functools.cached_property
    def birth_date(self) -> datetime.date:
        """The birth date."""
        day = date_of(self.value[6:14])
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

        Examples:
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
        """Age in completed years on ``day``: the birthday completes a year.

        A 29 February birthday is completed on 1 March in years without one.
        For the entry-age rule ("6 years old on or before 31 August"), see
        [`meets_age`][xueji.meets_age].

        Raises:
            DateBeforeBirth: when ``day`` is before the birth date.

        Examples:
            >>> ResidentID.parse("11010519491231002X").age_on(datetime.date(2026, 11, 28))
            76
        """
        born = self.birth_date
        if isinstance(day, datetime.datetime):
            day = day.date()
        if day < born:
            raise DateBeforeBirth("the date asked about is before the birth date")
        return completed_years(born, day)


_new: Final = object.__new__
# The slot's own setter: the class is frozen, so setting goes around its __setattr__.
_set_value: Final = ResidentID.__dict__["value"].__set__


def make_resident_id(*, region_code: str, birth_date: datetime.date, sequence: int) -> ResidentID:
    """Build the number for these parts, computing its check character.

    ``region_code`` must pass the ``KNOWN`` region check (a ``9PPNNN`` code builds a
    foreigner's permanent residence card number).

    Raises:
        InvalidNumber: ``region``, ``nationality``, ``birth-date`` or ``sequence``.

    Examples:
        >>> born = datetime.date(1949, 12, 31)
        >>> make_resident_id(region_code="110105", birth_date=born, sequence=2)
        ResidentID('110105********002X')
    """
    region_code = region_part(region_code, school=False)
    sequence = sequence_part(sequence)
    birth_date = birth_date_part(birth_date)
    body = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return ResidentID._trusted(body + mod_11_2(body))
