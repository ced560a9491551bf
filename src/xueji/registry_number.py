"""Student registry number (学籍号): ``G``, ``L`` or ``J`` followed by 18 characters.

- ``G`` (formal): ``G`` + the student's resident ID number, issued after the national
  duplicate check and the population-database match.
- ``L`` (temporary): issued at first registration; the school's 6-digit region code,
  the birth date, then 4 characters. Sources disagree on whether those are random
  digits or a sequence and a check character, so both shapes are accepted and the
  last character is never checked (``docs/adr/0007-l-number-shape.md``).
- ``J`` (formal, for students with no usable ID number): the school's region code,
  the birth date, a 3-digit sequence and an ISO 7064 MOD 11-2 check character.

Examples:
    >>> number = RegistryNumber.parse("g11010519491231002x")
    >>> number, number.kind.name, number.is_formal
    (RegistryNumber('G110105********002X'), 'G', True)
    >>> number.resident_id == ResidentID.parse("11010519491231002X")
    True
"""

from __future__ import annotations

import datetime
import enum
import random
from collections.abc import Container
from typing import Final

import attrs

from xueji._checksum import CHECK_CHARACTERS
from xueji._core import (
    FOREIGN_CARD,
    REGISTRY_LENGTH,
    as_of_key,
    birth_date_part,
    number_error,
    prepare,
    region_part,
    registry_reason,
    sequence_part,
)
from xueji._number import MaskedNumber
from xueji._text import PREFIX_LETTERS
from xueji.errors import InvalidNumber, Reason, SequenceExhausted
from xueji.parsing import RegionPolicy
from xueji.resident_id import ResidentID, Sex

__all__ = [
    "FIRST_SEQUENCE",
    "LAST_SEQUENCE",
    "RegistryKind",
    "RegistryNumber",
    "allocate",
    "make_registry_number",
]

#: Sequences that `allocate` hands out: 001 to 999 (000 is never allocated).
FIRST_SEQUENCE: Final = 1
LAST_SEQUENCE: Final = 999

_LABEL: Final = "registry number"


class RegistryKind(enum.StrEnum):
    """The prefix letter of a registry number."""

    G = "G"
    L = "L"
    J = "J"

    @property
    def is_formal(self) -> bool:
        """G and J numbers are formal; L numbers are temporary."""
        return self is not RegistryKind.L


_G, _L, _J = RegistryKind.G, RegistryKind.L, RegistryKind.J
_KINDS: Final = {"G": _G, "L": _L, "J": _J}


def _check_value(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise number_error(Reason.NOT_TEXT, value, None, label=_LABEL)
    reason = registry_reason(value, None, RegionPolicy.FORMAT, j_checksum=False)
    if reason is not None:
        raise number_error(reason, value, value, label=_LABEL, length=REGISTRY_LENGTH)


@attrs.frozen(repr=False, order=True)
class RegistryNumber(MaskedNumber):
    """A valid student registry number (学籍号).

    ``RegistryNumber(value)`` takes the canonical 19 characters and checks their
    structure; the region policy, the reference date and the J check character
    belong to `parse`, which also cleans messy input.
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
        j_checksum: bool = True,
    ) -> RegistryNumber:
        """Clean ``text`` and validate it.

        The cleaning is that of `ResidentID.parse`, plus a lower-case or
        full-width prefix letter.
        A G number's body must be a valid resident ID under the same options, and the
        reason of its failure passes through.
        ``j_checksum=False`` accepts J numbers whatever their check character: the
        J checksum rule is reported by weak sources only (``docs/adr/0008``).

        Raises:
            InvalidNumber: with the first failing check as ``reason``.

        Examples:
            >>> RegistryNumber.parse("L110105201509010123").kind
            <RegistryKind.L: 'L'>
            >>> try:
            ...     RegistryNumber.parse("K11010519491231002X")
            ... except InvalidNumber as err:
            ...     print(err.reason.value, err)
            prefix invalid registry number 'K110105********002X': unknown prefix
        """
        s, reason, _ = prepare(text, PREFIX_LETTERS)
        if s is not None:
            reason = registry_reason(s, as_of_key(as_of), regions, j_checksum=j_checksum)
            if reason is None:
                return cls._trusted(s)
        assert reason is not None  # prepare gives a string or a reason
        raise number_error(reason, text, s, label=_LABEL, length=REGISTRY_LENGTH)

    @staticmethod
    def is_valid(
        text: object,
        *,
        as_of: datetime.date | None = None,
        regions: RegionPolicy = RegionPolicy.KNOWN,
        j_checksum: bool = True,
    ) -> bool:
        """Whether `parse` would accept ``text``; never raises, whatever ``text`` is.

        Examples:
            >>> RegistryNumber.is_valid("G11010519491231002X"), RegistryNumber.is_valid(19)
            (True, False)
        """
        s, _, _ = prepare(text, PREFIX_LETTERS)
        return (
            s is not None
            and registry_reason(s, as_of_key(as_of), regions, j_checksum=j_checksum) is None
        )

    @classmethod
    def for_resident(cls, resident_id: ResidentID) -> RegistryNumber:
        """The G number of a resident ID.

        Examples:
            >>> RegistryNumber.for_resident(ResidentID.parse("11010519491231002X"))
            RegistryNumber('G110105********002X')
        """
        return cls._trusted("G" + resident_id.value)

    @property
    def kind(self) -> RegistryKind:
        """G, L or J."""
        return _KINDS[self.value[0]]

    @property
    def is_formal(self) -> bool:
        """True for G and J numbers, False for temporary L numbers."""
        return self.value[0] != "L"

    @property
    def body(self) -> str:
        """The 18 characters after the prefix letter."""
        return self.value[1:]

    @property
    def region_code(self) -> str:
        """The 6-digit region code: the school's location for L and J; for G, its resident
        ID's `region_code` (for a foreigner's card, the province of issue, ``PP0000``).

        Examples:
            >>> RegistryNumber.parse("G911398199012310021").region_code
            '110000'
        """
        v = self.value
        if v[0] == "G" and v[1] == FOREIGN_CARD:
            return f"{v[2:4]}0000"
        return v[1:7]

    @property
    def birth_date(self) -> datetime.date:
        """The birth date in the number."""
        v = self.value
        return datetime.date(int(v[7:11]), int(v[11:13]), int(v[13:15]))

    @property
    def resident_id(self) -> ResidentID | None:
        """The resident ID inside a G number; None for L and J."""
        return ResidentID._trusted(self.value[1:]) if self.value[0] == "G" else None


# int(s, 13) of every 3-digit sequence, so that a sequence's check character is one
# addition away from its region-and-date prefix (see xueji._checksum).
_SEQUENCE_VALUES: Final = tuple(int(f"{n:03d}", 13) for n in range(1000))


def _prefix(
    kind: RegistryKind | str, region_code: str, birth_date: datetime.date
) -> tuple[str, str, int]:
    """Validate the parts shared by every L or J number; return the prefix letter, the
    15-digit stem and the stem's value. ``kind`` may be the letter as plain text."""
    if kind not in (_L, _J):
        if kind == _G:
            raise InvalidNumber(
                Reason.PREFIX,
                masked="G",
                label="registry kind",
                detail="G numbers are made from a resident ID: use RegistryNumber.for_resident",
            )
        raise InvalidNumber(Reason.PREFIX, masked=str(kind)[:3], label="registry kind")
    region_code = region_part(region_code, school=True)
    birth_date = birth_date_part(birth_date)
    stem = f"{region_code}{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    letter = "L" if kind == _L else "J"
    return letter, stem, int(stem, 13) * 2197  # 13**3: room for the 3 sequence digits


def _number(kind: str, stem: str, value: int, sequence: int) -> str:
    check = CHECK_CHARACTERS[2 * (value + _SEQUENCE_VALUES[sequence]) % 11]
    return f"{kind}{stem}{sequence:03d}{check}"


def make_registry_number(
    kind: RegistryKind,
    *,
    region_code: str,
    birth_date: datetime.date,
    sequence: int,
) -> RegistryNumber:
    """Build an L or J number: region + birth date + 3-digit sequence + MOD 11-2 check.

    Generated L numbers therefore satisfy the strictest reading of the L layout too.
    ``region_code`` is the 6-digit code of the school's location and must be known.

    Raises:
        InvalidNumber: ``prefix`` for G (a G number comes from a `ResidentID`),
            ``region``, ``birth-date`` or ``sequence``.

    Examples:
        >>> make_registry_number(
        ...     RegistryKind.J,
        ...     region_code="110105",
        ...     birth_date=datetime.date(2015, 9, 1),
        ...     sequence=7,
        ... )
        RegistryNumber('J110105********0070')
    """
    letter, stem, value = _prefix(kind, region_code, birth_date)
    return RegistryNumber._trusted(_number(letter, stem, value, sequence_part(sequence)))


def allocate(
    kind: RegistryKind,
    *,
    region_code: str,
    birth_date: datetime.date,
    taken: Container[str],
    sex: Sex | None = None,
    rng: random.Random | None = None,
) -> RegistryNumber:
    """A new L or J number whose canonical string is not ``in taken``.

    Sequences run from 001 to 999 (`FIRST_SEQUENCE`, `LAST_SEQUENCE`);
    with ``sex`` their parity follows the ID rule (odd male, even female), which leaves
    500 numbers for boys and 499 for girls per region, birth date and kind.
    Without ``rng`` the lowest free sequence is taken; with one, a uniformly random free
    sequence (the same seed gives the same number).
    ``taken`` is only asked ``in``, never iterated, so its size does not matter.

    Raises:
        SequenceExhausted: when every sequence is taken.
        InvalidNumber: as `make_registry_number`.

    Examples:
        >>> day = datetime.date(2015, 9, 1)
        >>> first = allocate(RegistryKind.L, region_code="110105", birth_date=day, taken=())
        >>> taken = {str(first)}
        >>> second = allocate(RegistryKind.L, region_code="110105", birth_date=day, taken=taken)
        >>> first.value[-4:], second.value[-4:]
        ('0011', '002X')
    """
    letter, stem, value = _prefix(kind, region_code, birth_date)
    if sex is None:
        candidates = range(FIRST_SEQUENCE, LAST_SEQUENCE + 1)
    else:
        first = 1 if sex is Sex.MALE else 2
        candidates = range(first, LAST_SEQUENCE + 1, 2)
    if rng is not None:
        # Rejection sampling is uniform over the free sequences and usually ends at the
        # first draw; a crowded bucket falls back to one shuffled sweep.
        for _ in range(8):
            number = _number(letter, stem, value, rng.choice(candidates))
            if number not in taken:
                return RegistryNumber._trusted(number)
        order = list(candidates)
        rng.shuffle(order)
        candidates = order  # type: ignore[assignment]
    for sequence in candidates:
        number = _number(letter, stem, value, sequence)
        if number not in taken:
            return RegistryNumber._trusted(number)
    raise SequenceExhausted(kind=_KINDS[letter], birth_date=birth_date.isoformat())
