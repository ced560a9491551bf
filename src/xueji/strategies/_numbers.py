"""Resident IDs, registry numbers and school codes, each built from its parts in one draw
where speed matters."""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Callable, Collection
from typing import Final

from hypothesis import strategies as st

from xueji._checksum import mod_11_2
from xueji._core import ISSUING_PROVINCES
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES
from xueji.registry_number import RegistryKind, RegistryNumber, make_registry_number
from xueji.resident_id import (
    PERMITS,
    Document,
    ResidentID,
    Sex,
)
from xueji.school import SchoolCategory, SchoolCode
from xueji.strategies._base import (
    ANCHOR,
    BORN,
    KINDS,
    PERMIT_CODES,
    clamp,
    county_codes,
    days_between,
    foreign_codes,
    invalid_argument,
    mainland_codes,
    school_region_codes,
    sequence_numbers,
    valid_born,
    valid_codes,
    valid_members,
    valid_sex,
)


@functools.cache
def any_id_region() -> st.SearchStrategy[str]:
    regions = id_regions(tuple(Document), None)
    assert regions is not None  # every document has codes when none are excluded
    return regions


# How many shares of the draws each document gets: mainland IDs are the common case.
_WEIGHTS: Final = {Document.MAINLAND: 5}
_SHARE: Final = 1 << 24  # indexes per share; uniform within a list to 1 part in 10**3


def _id_shares(
    documents: tuple[Document, ...], codes: frozenset[str] | None
) -> tuple[tuple[str, ...], ...]:
    """The region parts of ``documents`` whose ``region_code`` is in ``codes``: one sorted
    tuple per share of the draws, in enum order (a document with none is left out)."""
    shares: list[tuple[str, ...]] = []
    for doc in documents:
        if doc is Document.MAINLAND:
            found = tuple(c for c in mainland_codes() if codes is None or c in codes)
        elif doc is Document.FOREIGN_PERMANENT_RESIDENT:
            provinces = tuple(
                p for p in sorted(ISSUING_PROVINCES) if codes is None or f"{p}0000" in codes
            )
            found = foreign_codes(provinces) if provinces else ()
        else:
            permit = PERMIT_CODES[doc]
            found = (permit,) if codes is None or permit in codes else ()
        if found:
            shares.extend([found] * _WEIGHTS.get(doc, 1))
    return tuple(shares)


# Cached: building a strategy over thousands of codes costs milliseconds (Hypothesis
# checks each element), and tests often build one per example inside st.data().
@functools.lru_cache(maxsize=256)
def id_regions(
    documents: tuple[Document, ...], codes: frozenset[str] | None
) -> st.SearchStrategy[str] | None:
    """Region parts for ``documents`` whose ``region_code`` is in ``codes``; None if none.

    One integer draw picks both the document and the code: share ``i // _SHARE``, code
    ``i % len``. Hypothesis shrinks toward fewer draws before smaller ones, so a branch
    per document would let a one-code document (a permit) beat the first one listed;
    one draw also keeps generation fast.
    """
    table = _id_shares(documents, codes)
    if not table:
        return None

    # Shares in enum order, each list sorted: index 0 is the first document's lowest code.
    def pick(i: int) -> str:
        found = table[i // _SHARE]
        return found[i % _SHARE % len(found)]

    return st.integers(0, len(table) * _SHARE - 1).map(pick)


#: Bytes of the one draw behind a resident ID: 4 for the region part, 4 for the birth
#: date, 2 for the sequence.
_ID_BYTES: Final = 10


class _Decoder:
    """Turns the one draw behind a resident ID into the number.

    The draw is ``_ID_BYTES`` random bytes, read as three fractions of 1 (region, birth
    date, sequence) in which earlier bits weigh more. Each part grows with its fraction,
    so Hypothesis, which shrinks bytes toward zero from the first one on, shrinks toward
    the first document's lowest code, then toward the anchor day, then toward the lowest
    sequence; all zeros is the documented minimal example.

    Region parts are uniform within the documents' shares (mainland numbers get 5 in 9).
    Birth dates are log-uniform in their rank of distance from the anchor (day +1, -1,
    +2, -2 ..., then the longer side alone once the shorter is used up): most fall
    within some years of it, yet every allowed day can come. Sequences are uniform over
    those of the sex asked for.
    """

    __slots__ = ("after", "anchor", "before", "days", "log_days", "sex", "table")

    def __init__(
        self, table: tuple[tuple[str, ...], ...], born: tuple[datetime.date, datetime.date]
    ) -> None:
        lo, hi = born
        self.table = table
        self.anchor = clamp(ANCHOR, lo, hi).toordinal()
        self.before = self.anchor - lo.toordinal()
        self.after = hi.toordinal() - self.anchor
        self.days = self.before + self.after + 1
        self.log_days = math.log(self.days + 1)

    def day(self, bits: int) -> datetime.date:
        """The birth date for a 32-bit fraction."""
        rank = min(int(math.exp(bits * self.log_days / 2**32)) - 1, self.days - 1)
        shorter = min(self.before, self.after)
        if rank <= 2 * shorter:
            offset = (rank + 1) // 2 if rank % 2 else -(rank // 2)
        else:
            offset = rank - shorter if self.after > self.before else shorter - rank
        return datetime.date.fromordinal(self.anchor + offset)

    def region(self, bits: int) -> str:
        """The region part for a 32-bit fraction: the share, then the code in it."""
        share = bits * len(self.table)
        found = self.table[share >> 32]
        return found[((share & 0xFFFFFFFF) * len(found)) >> 32]

    def number(self, drawn: bytes, sequences: int, first: int, step: int) -> ResidentID:
        """The number for a draw, with sequence ``first + step * k``, k below ``sequences``."""
        born = self.day(int.from_bytes(drawn[4:8], "big"))
        sequence = first + step * ((int.from_bytes(drawn[8:], "big") * sequences) >> 16)
        body = (
            f"{self.region(int.from_bytes(drawn[:4], 'big'))}"
            f"{born.year:04d}{born.month:02d}{born.day:02d}{sequence:03d}"
        )
        return ResidentID._trusted(body + mod_11_2(body))


#: Sequences by sex: how many, the first, the step (odd for men, even for women; 000 is
#: never issued).
_SEQUENCES: Final = {None: (999, 1, 1), Sex.MALE: (500, 1, 2), Sex.FEMALE: (499, 2, 2)}


def _ids(
    documents: object, region_codes: object, born: object, sex: object
) -> st.SearchStrategy[ResidentID]:
    docs = valid_members("documents", documents, tuple(Document))
    codes = valid_codes(region_codes, KNOWN_CODES | PERMITS.keys())
    days = valid_born(born)
    table = _id_shares(docs, codes)
    if not table:
        raise invalid_argument(
            f"no resident ID has a document in {[d.value for d in docs]} "
            f"and a region code in {sorted(codes or ())}"
        )
    decoder = _Decoder(table, days)
    sequences, first, step = _SEQUENCES[valid_sex(sex)]

    # One draw per number, decoded: Hypothesis's cost per draw would come three times
    # with a draw per part. (builds, not map: map sets up a warnings filter every time.)
    def build(drawn: bytes) -> ResidentID:
        return decoder.number(drawn, sequences, first, step)

    return st.builds(build, st.binary(min_size=_ID_BYTES, max_size=_ID_BYTES))


# -- valid values ---------------------------------------------------------------------


def resident_ids(
    *,
    documents: Collection[Document] = tuple(Document),
    region_codes: Collection[str] | None = None,
    born: tuple[datetime.date, datetime.date] = BORN,
    sex: Sex | None = None,
) -> st.SearchStrategy[ResidentID]:
    """Valid resident IDs: ``ResidentID.parse(str(rid)) == rid`` with the default options.

    ``documents`` limits [`ResidentID.document`][xueji.ResidentID.document];
    ``region_codes`` limits [`ResidentID.region_code`][xueji.ResidentID.region_code]
    (``PP0000`` for a foreigner's card of province PP); ``born`` bounds the birth date
    (inclusive; the default is every date the parser accepts, so pass
    ``born=(..., today)`` to parse with ``as_of=today``); ``sex`` fixes the sequence's
    parity. Sequences run 001-999. A foreigner's card has a province
    that issues it (not Taiwan 71, Hong Kong 81 or Macao 82) and a known nationality
    other than China's 156, as the parser requires.

    Raises:
        InvalidArgument: an unknown region code or document, an empty or impossible
            combination, a date range with no day.

    Examples:
        The minimal example: region 110000, born 2000-01-01, sequence 001 (male).

        >>> from hypothesis import find, settings
        >>> find(resident_ids(), lambda _: True, settings=settings(database=None))
        ResidentID('110000********0019')
    """
    return _ids(documents, region_codes, born, sex)


@functools.lru_cache(maxsize=256)
def located_codes(codes: frozenset[str] | None, *, county: bool) -> st.SearchStrategy[str] | None:
    """The GB/T 2260 codes (county-level only, with ``county``) within ``codes``."""
    found = [
        c
        for c in (county_codes() if county else school_region_codes())
        if codes is None or c in codes
    ]
    return st.sampled_from(found) if found else None


def _l_or_j(kind: RegistryKind) -> Callable[[str, datetime.date, int], RegistryNumber]:
    def build(region_code: str, birth_date: datetime.date, sequence: int) -> RegistryNumber:
        return make_registry_number(
            kind, region_code=region_code, birth_date=birth_date, sequence=sequence
        )

    return build


def registry_numbers(
    *,
    kinds: Collection[RegistryKind] = KINDS,
    documents: Collection[Document] = tuple(Document),
    region_codes: Collection[str] | None = None,
    born: tuple[datetime.date, datetime.date] = BORN,
    sex: Sex | None = None,
) -> st.SearchStrategy[RegistryNumber]:
    """Valid registry numbers of ``kinds``.

    G numbers wrap `resident_ids` (``documents``, ``region_codes``, ``born``, ``sex``
    apply to the ID); L and J numbers are built by
    [`make_registry_number`][xueji.make_registry_number] from a GB/T 2260 code (within
    ``region_codes``), the birth date and a sequence whose parity follows ``sex``. A kind
    the other constraints rule out is dropped; InvalidArgument when none is left.

    Examples:
        >>> from hypothesis import find, settings
        >>> find(registry_numbers(), lambda _: True, settings=settings(database=None))
        RegistryNumber('G110000********0019')
    """
    chosen = valid_members("kinds", kinds, KINDS)
    docs = valid_members("documents", documents, tuple(Document))
    codes = valid_codes(region_codes, KNOWN_CODES | PERMITS.keys())
    lo, hi = valid_born(born)
    the_sex = valid_sex(sex)
    branches: list[st.SearchStrategy[RegistryNumber]] = []
    for kind in chosen:
        if kind is RegistryKind.G:
            if id_regions(docs, codes) is not None:
                ids = _ids(docs, codes, (lo, hi), the_sex)
                branches.append(st.builds(RegistryNumber.for_resident, ids))
            continue
        school = located_codes(codes, county=False)
        if school is not None:
            branches.append(
                st.builds(_l_or_j(kind), school, days_between(lo, hi), sequence_numbers(the_sex))
            )
    if not branches:
        raise invalid_argument(
            f"no registry number of kinds {[k.value for k in chosen]} fits the constraints"
        )
    return branches[0] if len(branches) == 1 else st.one_of(branches)


def school_code(category: SchoolCategory, province: str, serial: int) -> SchoolCode:
    return SchoolCode(f"{category.value}{province}{serial:06d}")


def school_codes(
    *,
    categories: Collection[SchoolCategory] = tuple(SchoolCategory),
    provinces: Collection[str] | None = None,
) -> st.SearchStrategy[SchoolCode]:
    """Valid 10-digit school codes: category, province (2 digits), serial 000001-999999.

    Examples:
        The minimal example: a kindergarten (1) of Beijing (11), serial 1.

        >>> from hypothesis import find, settings
        >>> find(school_codes(), lambda _: True, settings=settings(database=None))
        SchoolCode(value='1111000001')
    """
    cats = valid_members("categories", categories, tuple(SchoolCategory))
    if provinces is None:
        provs = sorted(KNOWN_PROVINCES)
    else:
        provs = sorted(valid_codes(provinces, KNOWN_PROVINCES) or ())
    return st.builds(
        school_code, st.sampled_from(cats), st.sampled_from(provs), st.integers(1, 999_999)
    )
