"""Hypothesis strategies for xueji's values. Requires the ``hypothesis`` package.

Install it with the extra: ``pip install 'xueji[hypothesis]'``. ``import xueji`` never
imports this module; Hypothesis does, through the ``hypothesis`` entry point, so that
``st.from_type(ResidentID)`` (and `RegistryNumber`, `SchoolCode`, `School`, `Student`,
`Actor`, `Record`, `ChangeRequest`, `TransferRequest`, `SuspensionRequest`, `Policy`)
works in any test without importing it.

Every value is built from its parts (region, birth date, sequence...) by xueji's own
constructors, and records by real sequences of operations; nothing is filtered.
Arguments are keyword-only and checked when the strategy is built: impossible
constraints raise :class:`hypothesis.errors.InvalidArgument` at once.
Shrinking heads for the simplest value: the lowest region code, the birth date nearest
2000-01-01, sequence 001, the first document, kind or category listed in the enum; each
docstring names the minimal example.

>>> from hypothesis import find, settings
>>> find(resident_ids(), lambda rid: True, settings=settings(database=None))
ResidentID('110000********0019')
"""

from __future__ import annotations

import calendar
import datetime
import functools
import math
import warnings
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Final, NamedTuple, TypeVar

import attrs

from xueji._checksum import CHECK_CHARACTERS, mod_11_2
from xueji._core import CHINA, ID_ERRORS, ISSUING_PROVINCES, NON_ISSUING_PROVINCES
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES, county_level_codes, known_countries
from xueji._rules import student_stages
from xueji.actor import Actor, Role
from xueji.approval import RequestStatus, Step, Verdict, decide
from xueji.change_request import apply_change, request_change, review, verify_change
from xueji.errors import Reason
from xueji.lifecycle import promote, register, update_info
from xueji.parsing import EARLIEST_BIRTH_DATE
from xueji.policy import GradeChange, MonthDay, Policy
from xueji.progression import advance_grade, graduated_stage, progress, set_grade
from xueji.record import (
    TERMINAL,
    TRANSITIONS,
    Action,
    DedupResult,
    EventKind,
    PopulationMatch,
    Record,
    Status,
    Student,
)
from xueji.regions import region
from xueji.registry_number import RegistryKind, RegistryNumber, make_registry_number
from xueji.resident_id import (
    PERMITS,
    Document,
    ResidentID,
    Sex,
    make_resident_id,
)
from xueji.school import School, SchoolCategory, SchoolCode
from xueji.school_transfer import (
    SyncOutcome,
    TransferMode,
    complete_transfer,
    request_transfer,
    sync_transfer,
    transfer,
)
from xueji.stage import (
    COMPULSORY,
    GRADES,
    STAGES_TAUGHT,
    Stage,
    last_grade,
    next_stage,
    stage_of,
    stages_taught,
)
from xueji.status import change_status, return_from_abroad
from xueji.suspension import (
    extend_suspension,
    request_extension,
    request_suspension,
    suspend,
    suspension_ends,
)
from xueji.workflow import (
    ChangeRequest,
    KeyField,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
)


def _hypothesis_setup_hook() -> None:
    """Register the strategies for ``st.from_type``: the ``hypothesis`` entry point.

    Defined before Hypothesis is imported, on purpose. Importing this module first
    imports Hypothesis, which runs its entry points and so asks for this function while
    the module is still half-built; the hook then does nothing, and the module registers
    its strategies itself when it finishes (last line).
    """
    register = globals().get("_register")
    if register is not None:
        register()


# After the hook: see its docstring.
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import InvalidArgument  # noqa: E402

__all__ = [
    "ID_REASONS",
    "LATEST_BIRTH_DATE",
    "REGISTRY_REASONS",
    "InvalidText",
    "actors",
    "change_requests",
    "invalid_registry_number_texts",
    "invalid_resident_id_texts",
    "policies",
    "records",
    "registry_number_texts",
    "registry_numbers",
    "resident_id_texts",
    "resident_ids",
    "school_codes",
    "schools",
    "students",
    "suspension_requests",
    "transfer_requests",
]

T = TypeVar("T")
R = TypeVar("R", ChangeRequest, TransferRequest, SuspensionRequest)

#: The last birth date the parsers accept (the first is ``EARLIEST_BIRTH_DATE``, 1850-01-01).
LATEST_BIRTH_DATE: Final = datetime.date(9999, 12, 31)
_ANCHOR: Final = datetime.date(2000, 1, 1)  # dates shrink toward this day
_BORN: Final = (EARLIEST_BIRTH_DATE, LATEST_BIRTH_DATE)

#: Defects :func:`invalid_resident_id_texts` produces, in the order shrinking prefers:
#: the errors of a resident ID in the order the parser looks for them, then the rest.
ID_REASONS: Final = (*ID_ERRORS, Reason.FORMAT, Reason.MASKED, Reason.FLOAT_DAMAGE)
#: Defects :func:`invalid_registry_number_texts` produces, in the order shrinking prefers.
REGISTRY_REASONS: Final = (
    Reason.PREFIX,
    Reason.LENGTH,
    Reason.CHECKSUM,
    Reason.BIRTH_DATE,
    Reason.FUTURE_BIRTH_DATE,
    Reason.REGION,
    Reason.FORMAT,
    Reason.MASKED,
)

_PERMIT_CODES: Final = {doc: code for code, doc in PERMITS.items()}
_KINDS: Final = tuple(RegistryKind)

# Characters the parsers clean away or convert (see xueji._text); all are accepted there.
_SURROUNDING: Final = " \t\n\r\u00a0\u3000"
_INNER: Final = (" ", "-", "\u00a0", "\u3000", "\u2010", "\u2011", "\uff0d")
_X_FORMS: Final = ("X", "x", "\uff38", "\uff58")  # X, x, Ｘ, ｘ
# Characters no cleaning touches and no format allows: a letter O for a zero, other
# scripts' digits, punctuation.
_ALIENS: Final = ("O", "A", "I", "?", ".", "/", "\u0663", "\u0967")  # ٣ Arabic-Indic, ३ Devanagari
_WRONG_PREFIXES: Final = tuple(c for c in "ABCDEFHIKMNOPQRSTUVWYZ")

_SURNAMES: Final = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "司马")
_GIVEN: Final = ("一", "明", "华", "芳", "伟", "娜", "子涵", "梓轩", "欣怡", "浩然", "雨桐", "磊")
# Names in the Uyghur style, with the middle dot; names must accept them too.
_DOTTED: Final = ("阿卜杜拉·买买提", "古丽·艾力", "迪丽拜尔·吐尔逊")
_INFO: Final = (
    ("address", ("北京市朝阳区建国路1号", "上海市浦东新区世纪大道2号")),
    ("phone", ("010-12345678", "13800000000")),
    ("guardian", ("王大明", "李秀英")),
)
_EVIDENCE: Final = (("户口簿",), ("户口簿", "公安机关证明"), ("出生医学证明",))
_SICK_NOTES: Final = (("病历",), ("二级以上医院诊断证明", "家长申请书"))


class InvalidText(NamedTuple):
    """An invalid number, the reason the parser gives, and the ``as_of`` to parse it with.

    A tuple, so ``for text, reason, as_of in ...`` works; ``as_of`` is None except for
    ``future-birth-date``, which is only a defect relative to a reference date.
    """

    text: str
    reason: Reason
    as_of: datetime.date | None


# -- argument checks (eager: strategies are lazy, and errors belong at the call) ----------


def _fail(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def _born(born: object) -> tuple[datetime.date, datetime.date]:
    if not (isinstance(born, tuple) and len(born) == 2):
        raise _fail(f"born must be a (first, last) tuple of dates, not {born!r}")
    lo, hi = born
    for day in (lo, hi):
        # datetime is a date subclass, and comparing one with a date raises TypeError.
        if type(day) is not datetime.date:
            raise _fail(f"born must hold datetime.date values, not {day!r}")
    if not EARLIEST_BIRTH_DATE <= lo <= hi <= LATEST_BIRTH_DATE:
        raise _fail(
            f"born={born!r} holds no day: it needs first <= last, both within "
            f"{EARLIEST_BIRTH_DATE}...{LATEST_BIRTH_DATE}"
        )
    return lo, hi


def _sex(sex: object) -> Sex | None:
    if sex is not None and not isinstance(sex, Sex):
        raise _fail(f"sex must be a xueji.Sex or None, not {sex!r}")
    return sex


def _members(name: str, values: object, allowed: Sequence[T]) -> tuple[T, ...]:
    """``values`` as a tuple in the order of ``allowed``, so minimal examples do not
    depend on the order the caller listed them in."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise _fail(f"{name} must be a collection, not {values!r}")
    given = list(values)
    for value in given:
        if value not in allowed:
            raise _fail(f"{name}: {value!r} is not one of {[str(a) for a in allowed]}")
    chosen = tuple(a for a in allowed if a in given)
    if not chosen:
        raise _fail(f"{name} must not be empty")
    return chosen


def _codes(region_codes: object, accepted: Collection[str]) -> frozenset[str] | None:
    if region_codes is None:
        return None
    if isinstance(region_codes, str) or not isinstance(region_codes, Iterable):
        # A bare "110105" would be taken character by character.
        raise _fail(f"region_codes must be a collection of codes, not {region_codes!r}")
    codes = frozenset(region_codes)
    unknown = sorted(repr(c) for c in codes if c not in accepted)
    if unknown:
        raise _fail(f"region_codes: unknown region code(s) {', '.join(unknown)}")
    if not codes:
        raise _fail("region_codes must not be empty")
    return codes


def _strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise _fail(f"{name} must be a Hypothesis strategy or None, not {value!r}")


# -- parts ------------------------------------------------------------------------------


@functools.cache
def _mainland_codes() -> tuple[str, ...]:
    # Sorted, so that shrinking (toward index 0) reaches the lowest code, 110000.
    return tuple(sorted(KNOWN_CODES - PERMITS.keys()))


@functools.cache
def _school_codes() -> tuple[str, ...]:
    # L and J numbers and schools take any GB/T 2260 code, 810000 and 820000 included.
    return tuple(sorted(KNOWN_CODES))


@functools.cache
def _county_codes() -> tuple[str, ...]:
    # A school's location is a county-level code, which is also the scope of the county
    # reviewer who reviews its change requests.
    return tuple(sorted(county_level_codes()))


@functools.cache
def _countries() -> tuple[str, ...]:
    # A foreigner's nationality: any known country but China.
    return tuple(sorted(known_countries() - {CHINA}))


@functools.cache
def _country() -> st.SearchStrategy[str]:
    return st.sampled_from(_countries())


@functools.cache
def _bad_nationalities() -> tuple[str, ...]:
    # China first: the shortest way to a nationality the card cannot have.
    known = known_countries()
    return (CHINA, *(c for c in (f"{n:03d}" for n in range(1000)) if c not in known))


@functools.cache
def _unknown_provinces() -> tuple[str, ...]:
    # First digit 0-8 only: a leading 9 is a foreigner's card. 83 is left out because
    # 830000 is the Taiwan residents' permit code.
    return tuple(
        p for p in (f"{n:02d}" for n in range(90)) if p not in KNOWN_PROVINCES and p != "83"
    )


# Strategies over the big lists, built once: Hypothesis checks every element of a new
# sampled_from, which inside a composite would cost that check on every draw.
@functools.cache
def _county_region() -> st.SearchStrategy[str]:
    return st.sampled_from(_county_codes())


@functools.cache
def _mainland_region() -> st.SearchStrategy[str]:
    return st.sampled_from(_mainland_codes())


@functools.cache
def _any_id_region() -> st.SearchStrategy[str]:
    regions = _id_regions(tuple(Document), None)
    assert regions is not None  # every document has codes when none are excluded
    return regions


@functools.cache
def _bad_regions() -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    """Unknown provinces (first digit 0-8), and nationalities no foreigner's card has
    (China's, and codes that are no ISO 3166 numeric country)."""
    return st.sampled_from(_unknown_provinces()), st.sampled_from(_bad_nationalities())


def _clamp(day: datetime.date, lo: datetime.date, hi: datetime.date) -> datetime.date:
    return min(max(day, lo), hi)


def _days(
    lo: datetime.date, hi: datetime.date, anchor: datetime.date = _ANCHOR
) -> st.SearchStrategy[datetime.date]:
    """Days in ``lo...hi`` that shrink toward ``anchor`` (clamped into the range).

    An integer offset from the anchor: Hypothesis shrinks integers toward 0, and one
    draw per date is cheaper than st.dates' year, month and day.
    """
    start = _clamp(anchor, lo, hi).toordinal()
    return st.integers(lo.toordinal() - start, hi.toordinal() - start).map(
        lambda n: datetime.date.fromordinal(start + n)
    )


def _sequences(sex: Sex | None) -> st.SearchStrategy[int]:
    """Sequences 001-999 (000 is never issued), odd for men and even for women."""
    if sex is None:
        return st.integers(1, 999)
    if sex is Sex.MALE:
        return st.integers(0, 499).map(lambda k: 2 * k + 1)
    return st.integers(1, 499).map(lambda k: 2 * k)


def _foreign(province: str, country: str) -> str:
    return f"9{province}{country}"


@functools.cache
def _foreign_codes(provinces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_foreign(p, c) for p in provinces for c in _countries())


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
            found = tuple(c for c in _mainland_codes() if codes is None or c in codes)
        elif doc is Document.FOREIGN_PERMANENT_RESIDENT:
            provinces = tuple(
                p for p in sorted(ISSUING_PROVINCES) if codes is None or f"{p}0000" in codes
            )
            found = _foreign_codes(provinces) if provinces else ()
        else:
            permit = _PERMIT_CODES[doc]
            found = (permit,) if codes is None or permit in codes else ()
        if found:
            shares.extend([found] * _WEIGHTS.get(doc, 1))
    return tuple(shares)


# Cached: building a strategy over thousands of codes costs milliseconds (Hypothesis
# checks each element), and tests often build one per example inside st.data().
@functools.lru_cache(maxsize=256)
def _id_regions(
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
        self.anchor = _clamp(_ANCHOR, lo, hi).toordinal()
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
    docs = _members("documents", documents, tuple(Document))
    codes = _codes(region_codes, KNOWN_CODES | PERMITS.keys())
    days = _born(born)
    table = _id_shares(docs, codes)
    if not table:
        raise _fail(
            f"no resident ID has a document in {[d.value for d in docs]} "
            f"and a region code in {sorted(codes or ())}"
        )
    decoder = _Decoder(table, days)
    sequences, first, step = _SEQUENCES[_sex(sex)]

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
    born: tuple[datetime.date, datetime.date] = _BORN,
    sex: Sex | None = None,
) -> st.SearchStrategy[ResidentID]:
    """Valid resident IDs: ``ResidentID.parse(str(rid)) == rid`` with the default options.

    ``documents`` limits :attr:`ResidentID.document`; ``region_codes`` limits
    :attr:`ResidentID.region_code` (``PP0000`` for a foreigner's card of province PP);
    ``born`` bounds the birth date (inclusive; the default is every date the parser
    accepts, so pass ``born=(..., today)`` to parse with ``as_of=today``); ``sex`` fixes
    the sequence's parity. Sequences run 001-999. A foreigner's card has a province
    that issues it (not Taiwan 71, Hong Kong 81 or Macao 82) and a known nationality
    other than China's 156, as the parser requires.

    Minimal example: ``110000200001010019`` (region 110000, 2000-01-01, sequence 001, male).

    Raises:
        InvalidArgument: an unknown region code or document, an empty or impossible
            combination, a date range with no day.
    """
    return _ids(documents, region_codes, born, sex)


@functools.lru_cache(maxsize=256)
def _located(codes: frozenset[str] | None, *, county: bool) -> st.SearchStrategy[str] | None:
    """The GB/T 2260 codes (county-level only, with ``county``) within ``codes``."""
    found = [
        c for c in (_county_codes() if county else _school_codes()) if codes is None or c in codes
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
    kinds: Collection[RegistryKind] = _KINDS,
    documents: Collection[Document] = tuple(Document),
    region_codes: Collection[str] | None = None,
    born: tuple[datetime.date, datetime.date] = _BORN,
    sex: Sex | None = None,
) -> st.SearchStrategy[RegistryNumber]:
    """Valid registry numbers of ``kinds``.

    G numbers wrap :func:`resident_ids` (``documents``, ``region_codes``, ``born``, ``sex``
    apply to the ID); L and J numbers are built by :func:`xueji.make_registry_number`
    from a GB/T 2260 code (within ``region_codes``), the birth date and a sequence
    whose parity follows ``sex``. A kind the other constraints rule out is dropped;
    InvalidArgument when none is left.

    Minimal example: ``G110000200001010019``.
    """
    chosen = _members("kinds", kinds, _KINDS)
    docs = _members("documents", documents, tuple(Document))
    codes = _codes(region_codes, KNOWN_CODES | PERMITS.keys())
    lo, hi = _born(born)
    the_sex = _sex(sex)
    branches: list[st.SearchStrategy[RegistryNumber]] = []
    for kind in chosen:
        if kind is RegistryKind.G:
            if _id_regions(docs, codes) is not None:
                ids = _ids(docs, codes, (lo, hi), the_sex)
                branches.append(st.builds(RegistryNumber.for_resident, ids))
            continue
        school = _located(codes, county=False)
        if school is not None:
            branches.append(st.builds(_l_or_j(kind), school, _days(lo, hi), _sequences(the_sex)))
    if not branches:
        raise _fail(f"no registry number of kinds {[k.value for k in chosen]} fits the constraints")
    return branches[0] if len(branches) == 1 else st.one_of(branches)


def _school_code(category: SchoolCategory, province: str, serial: int) -> SchoolCode:
    return SchoolCode(f"{category.value}{province}{serial:06d}")


def school_codes(
    *,
    categories: Collection[SchoolCategory] = tuple(SchoolCategory),
    provinces: Collection[str] | None = None,
) -> st.SearchStrategy[SchoolCode]:
    """Valid 10-digit school codes: category, province (2 digits), serial 000001-999999.

    Minimal example: ``1111000001`` (kindergarten, Beijing, serial 1).
    """
    cats = _members("categories", categories, tuple(SchoolCategory))
    if provinces is None:
        provs = sorted(KNOWN_PROVINCES)
    else:
        provs = sorted(_codes(provinces, KNOWN_PROVINCES) or ())
    return st.builds(
        _school_code, st.sampled_from(cats), st.sampled_from(provs), st.integers(1, 999_999)
    )


@functools.cache
def _place(code: str) -> str:
    names = region(code)
    place = names and (names.county or names.prefecture or names.province)
    return place or "某地"


def _organisation_code(serial: int) -> str:
    """An 8-digit organisation code with its GB 11714 check character (a USCC part)."""
    body = f"{serial:08d}"
    total = sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = (11 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def _credit_code(region_code: str, serial: int) -> str:
    # Imported here, as xueji.school does: python-stdnum is slow to import.
    from stdnum.cn import uscc

    # 12: a public institution (事业单位) registered with the establishment office.
    stem = f"12{region_code}{_organisation_code(serial)}"
    return stem + uscc.calc_check_digit(stem)


_CATEGORIES: Final = st.sampled_from(tuple(SchoolCategory))


def _draw_school(
    draw: st.DrawFn,
    categories: st.SearchStrategy[SchoolCategory],
    regions: st.SearchStrategy[str],
) -> School:
    region_code = draw(regions)
    category = draw(categories)
    serial = draw(st.integers(1, 999_999))
    ordinal = draw(st.integers(1, 99))
    credit = draw(st.none() | st.integers(1, 99_999_999))
    return School(
        _school_code(category, region_code[:2], serial),
        f"{_place(region_code)}第{ordinal}{category.label}",
        region_code,
        None if credit is None else _credit_code(region_code, credit),
    )


def schools(
    *,
    categories: Collection[SchoolCategory] = tuple(SchoolCategory),
    region_codes: Collection[str] | None = None,
) -> st.SearchStrategy[School]:
    """Valid schools: located at a county-level code (``region_codes``, when given, must
    be such codes) in the province of the school code, with a printable name and, when
    there is one, a unified social credit code that passes its check.

    Minimal example: ``School(SchoolCode('1111000001'), '东城区第1幼儿园', '110101', None)``.
    """
    cats = _members("categories", categories, tuple(SchoolCategory))
    located = _located(_codes(region_codes, _county_codes()), county=True)
    assert located is not None  # _codes refused every code that is not county-level
    categories_ = st.sampled_from(cats)

    @st.composite
    def build(draw: st.DrawFn) -> School:
        return _draw_school(draw, categories_, located)

    return build()


# One list, one draw: alternatives with fewer draws would win the shrink over 王一.
_NAMES: Final = (*(s + g for s in _SURNAMES for g in _GIVEN), *_DOTTED)


def _names() -> st.SearchStrategy[str]:
    return st.sampled_from(_NAMES)


def _id_for(
    draw: st.DrawFn, regions: st.SearchStrategy[str], birth_date: datetime.date, sex: Sex
) -> ResidentID:
    """A resident ID that agrees with ``birth_date`` and ``sex``."""
    return make_resident_id(
        region_code=draw(regions), birth_date=birth_date, sequence=draw(_sequences(sex))
    )


def _draw_student(
    draw: st.DrawFn,
    born: tuple[datetime.date, datetime.date],
    sex: Sex | None,
    *,
    with_id: bool | None,
    regions: st.SearchStrategy[str],
) -> Student:
    the_sex = sex if sex is not None else draw(st.sampled_from(tuple(Sex)))
    birth_date = draw(_days(*born))
    name = draw(_names())
    has_id = draw(st.booleans()) if with_id is None else with_id
    rid = _id_for(draw, regions, birth_date, the_sex) if has_id else None
    return Student(name, the_sex, birth_date, rid)


def students(
    *,
    born: tuple[datetime.date, datetime.date] = _BORN,
    sex: Sex | None = None,
    with_resident_id: bool | None = None,
    documents: Collection[Document] = tuple(Document),
) -> st.SearchStrategy[Student]:
    """Valid students; a resident ID, when present, agrees with the birth date and sex.

    ``with_resident_id``: True always gives one, False never, None either.
    ``documents`` limits the resident ID's document.

    Minimal example: ``Student('王一', Sex.MALE, 2000-01-01, resident_id=None)``.
    """
    lo, hi = _born(born)
    the_sex = _sex(sex)
    if with_resident_id is not None and type(with_resident_id) is not bool:
        raise _fail(f"with_resident_id must be True, False or None, not {with_resident_id!r}")
    regions = _id_regions(_members("documents", documents, tuple(Document)), None)
    assert regions is not None  # every document has a region part when codes are free

    @st.composite
    def build(draw: st.DrawFn) -> Student:
        return _draw_student(draw, (lo, hi), the_sex, with_id=with_resident_id, regions=regions)

    return build()


# -- actors --------------------------------------------------------------------------------

_CENTRAL: Final = Actor(Role.CENTRAL, None, "全国学籍中心")


def _registrar(school: School) -> Actor:
    return Actor(Role.SCHOOL_REGISTRAR, school.code.value, "管理员")


def actors(*, roles: Collection[Role] = tuple(Role)) -> st.SearchStrategy[Actor]:
    """Valid actors of ``roles``: a registrar of a school, a reviewer of a county-level
    code, or the central role; with a name and, half the time, a staff number (``id``).

    Minimal example: ``Actor(Role.CENTRAL, None, '王一', id=None)``: the central role has
    no scope to draw, and Hypothesis shrinks toward fewer draws first.
    """
    chosen = _members("roles", roles, tuple(Role))

    @st.composite
    def build(draw: st.DrawFn) -> Actor:
        role = draw(st.sampled_from(chosen))
        scope: str | None = None
        if role is Role.SCHOOL_REGISTRAR:
            scope = _draw_school(draw, _CATEGORIES, _county_region()).code.value
        elif role is Role.COUNTY_REVIEWER:
            scope = draw(_county_region())
        staff = draw(st.none() | st.integers(1, 99_999).map(lambda n: f"T-{n:05d}"))
        return Actor(role, scope, draw(_names()), id=staff)

    return build()


# -- records: real sequences of operations --------------------------------------------

#: School categories of basic education, the only ones that register students.
_BASIC: Final = tuple(c for c in SchoolCategory if STAGES_TAUGHT[c])
_BASIC_CATEGORIES: Final = st.sampled_from(_BASIC)
_NATIONAL: Final = Policy.NATIONAL
_NOTES: Final = ("", "随父母工作调动", "就近入学")


def _later(draw: st.DrawFn, day: datetime.date) -> datetime.date:
    """The same day or up to about a year later (never past 9999-12-31)."""
    ordinal = day.toordinal() + draw(st.integers(0, 400))
    return datetime.date.fromordinal(min(ordinal, LATEST_BIRTH_DATE.toordinal()))


def _outside_freeze(day: datetime.date) -> datetime.date:
    """``day``, or the first day after the transfer freeze when it falls in it."""
    if _NATIONAL.in_transfer_freeze(day):
        return datetime.date(day.year, 8, 15)
    return day


def _years_later(day: datetime.date, years: int) -> datetime.date:
    year = min(day.year + years, LATEST_BIRTH_DATE.year)
    # 29 February has its anniversaries on 1 March.
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 3, 1)
    return day.replace(year=year)


@functools.cache
def _counties_of(province: str) -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(c for c in _county_codes() if c[:2] == province))


@functools.cache
def _other_counties(county: str) -> st.SearchStrategy[str]:
    """Another county of ``county``'s province (itself, if the province has no other)."""
    others = tuple(c for c in _county_codes() if c[:2] == county[:2] and c != county)
    return st.sampled_from(others or (county,))


@functools.cache
def _counties_outside(province: str) -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(c for c in _county_codes() if c[:2] != province))


@functools.cache
def _categories_teaching(stages: frozenset[Stage]) -> st.SearchStrategy[SchoolCategory]:
    return st.sampled_from(tuple(c for c in _BASIC if STAGES_TAUGHT[c] & stages))


def _school_teaching(
    draw: st.DrawFn,
    stages: frozenset[Stage],
    regions: st.SearchStrategy[str],
    current: School,
) -> School:
    """Another school than ``current``, in ``regions``, that teaches one of ``stages``."""
    school = _draw_school(draw, _categories_teaching(stages), regions)
    if school.code == current.code:
        # A move needs another school: take the next serial, rather than filter.
        code = current.code.value
        serial = int(code[4:]) % 999_999 + 1
        school = attrs.evolve(school, code=f"{code[:4]}{serial:06d}")
    return school


def _actor_for(step: Step) -> Actor:
    if step.role is Role.CENTRAL:
        return _CENTRAL
    return Actor(step.role, step.scope, "审核员")


def _decided(request: R, approvals: int, on: datetime.date, *, reject: bool = False) -> R:
    """``request`` with ``approvals`` steps approved on ``on``, then a rejection if asked."""
    for _ in range(approvals):
        step = request.pending_step
        assert step is not None  # the caller counted the steps
        request = decide(request, Verdict.APPROVE, by=_actor_for(step), on=on)
    step = request.pending_step
    if reject and step is not None:
        request = decide(request, Verdict.REJECT, by=_actor_for(step), on=on, note="材料不全")
    return request


def _online(draw: st.DrawFn, record: Record, school: School, on: datetime.date) -> Record:
    on = _outside_freeze(on)
    by = _registrar(school)
    request = request_transfer(record, to_school=school, by=by, on=on)
    return complete_transfer(record, _decided(request, len(request.route.steps), on), by=by, on=on)


def _suspended(draw: st.DrawFn, record: Record, on: datetime.date) -> Record:
    by = _registrar(record.school)
    months = draw(st.integers(1, _NATIONAL.suspension_months))
    request = request_suspension(record, months=months, evidence=("病历",), by=by, on=on)
    return suspend(record, _decided(request, 1, on), by=by, on=on)


def _may_extend(record: Record, on: datetime.date) -> bool:
    """Whether ``record``'s suspension still runs on ``on`` with its extension unused."""
    ends = suspension_ends(record)
    if ends is None or on > ends:
        return False
    used = 0
    for event in reversed(record.history):
        if event.kind is EventKind.SUSPEND:
            break
        used += event.kind is EventKind.EXTEND_SUSPENSION
    return used < _NATIONAL.extensions


def _extended(record: Record, on: datetime.date) -> Record:
    """``record``'s running suspension, extended by a month through an approved request."""
    by = _registrar(record.school)
    request = request_extension(record, months=1, evidence=("病历",), by=by, on=on)
    return extend_suspension(record, _decided(request, 1, on), by=by, on=on)


def _key_fields(record: Record) -> list[KeyField]:
    """The key fields a request may change on ``record`` now."""
    rid = record.student.resident_id
    fields = [KeyField.NAME, KeyField.RESIDENT_ID]
    if rid is None:
        fields += [KeyField.SEX, KeyField.BIRTH_DATE]
    elif record.number.kind is not RegistryKind.L and (
        record.number != RegistryNumber.for_resident(rid)
    ):
        fields.append(KeyField.NUMBER)  # J -> G, or G -> G after a new resident ID
    return fields


def _new_value(
    draw: st.DrawFn, field: KeyField, student: Student, born: tuple[datetime.date, datetime.date]
) -> object:
    """Another value of ``field`` for ``student``: a number only for a student with a
    resident ID, whose G number it is."""
    if field is KeyField.NAME:
        return _new_name(draw, student.name)
    if field is KeyField.RESIDENT_ID:
        return _new_id(draw, student)
    if field is KeyField.SEX:
        return Sex.FEMALE if student.sex is Sex.MALE else Sex.MALE
    if field is KeyField.BIRTH_DATE:
        return _new_birth_date(draw, student.birth_date, born)
    assert student.resident_id is not None  # the callers offer numbers only then
    return RegistryNumber.for_resident(student.resident_id)


def _changed(draw: st.DrawFn, record: Record, on: datetime.date) -> Record:
    """``record`` with a key field changed through the whole chain: filed, reviewed by
    the county, verified by the central role and applied by the school."""
    field = draw(st.sampled_from(_key_fields(record)))
    new_value = _new_value(draw, field, record.student, _BORN)
    by = _registrar(record.school)
    request = request_change(
        record, field=field, new_value=new_value, evidence=("户口簿",), by=by, on=on
    )
    reviewer = Actor(Role.COUNTY_REVIEWER, record.school.region_code, "审核员")
    request = review(request, Verdict.APPROVE, by=reviewer, on=on)
    request = verify_change(request, dedup=DedupResult(), by=_CENTRAL, on=on)
    return apply_change(record, request, by=by, on=on)


def _status_actions(record: Record, on: datetime.date, *, closing: bool) -> list[Action]:
    """The status changes `change_status` takes for ``record`` on ``on``."""
    stages = student_stages(record)
    grade, stage = record.grade, record.stage
    last = grade is None or stage is None or grade == last_grade(stage, primary_years=6)
    ends = suspension_ends(record)
    allowed = {
        Action.SUSPEND: False,  # a request, not a status change
        Action.WITHDRAW: bool(stages) and stages <= {Stage.SENIOR},
        Action.LEAVE: bool(stages) and stages <= {Stage.SENIOR},
        Action.DROP_OUT: bool(stages) and stages <= COMPULSORY,
        Action.GRADUATE: last,
        Action.COMPLETE: last,
        Action.RESUME: ends is None or on <= ends,
    }
    return [
        action
        for (state, action), target in TRANSITIONS.items()
        if state is record.status
        and (closing or target not in TERMINAL)
        and allowed.get(action, True)
    ]


def _step(draw: st.DrawFn, record: Record, *, closing: bool, mode: str) -> Record | None:
    """One operation that applies to ``record``, dated on or after its last event; None
    when nothing applies. ``mode="enrolled"`` keeps the record enrolled and synced."""
    status = record.status
    on = _later(draw, record.history[-1].on)
    keep = mode == "enrolled"
    actions = [] if keep else _status_actions(record, on, closing=closing)
    grade, stage = record.grade, record.stage
    moves: list[str] = []
    if status not in TERMINAL:
        moves.append("update")
        if mode in ("any", "enrolled"):  # the other modes keep the key fields for a request
            moves.append("change")
        if grade is None and stages_taught(record.school):
            moves.append("set-grade")
    if status is Status.SUSPENDED and _may_extend(record, on):
        moves.append("extend")
    if status is Status.ABROAD and not record.pending_sync:
        moves.append("return-elsewhere")
    if actions:
        moves.append("status")
    if status is Status.ENROLLED and not record.pending_sync:
        moves.append("transfer")
        if not keep:
            moves.append("suspend")
        if grade is not None and stage is not None and grade < last_grade(stage, primary_years=6):
            moves.append("advance")
    if record.pending_sync and status not in TERMINAL:
        moves.append("sync")
    if status not in TERMINAL and record.number.kind is RegistryKind.L:
        moves.append("promote")
    graduated = graduated_stage(record)
    if not (keep or record.pending_sync) and graduated is not None and next_stage(graduated):
        moves.append("progress")
    if not moves:
        return None
    move = draw(st.sampled_from(moves))
    if move == "update":
        field, values = draw(st.sampled_from(_INFO))
        value = draw(st.sampled_from((*values, None)))
        return update_info(record, by=_registrar(record.school), on=on, **{field: value})
    if move == "status":
        action = draw(st.sampled_from(actions))
        return change_status(record, action, by=_registrar(record.school), on=on)
    if move == "transfer":
        school = _school_teaching(draw, student_stages(record), _county_region(), record.school)
        if keep or draw(st.booleans()):
            return _online(draw, record, school, on)
        return transfer(
            record, to_school=school, by=_registrar(school), on=on, mode=TransferMode.OFFLINE
        )
    if move == "suspend":
        return _suspended(draw, record, on)
    if move == "change":
        return _changed(draw, record, on)
    if move == "extend":
        return _extended(record, on)
    if move == "set-grade":
        grade = draw(st.sampled_from(_grades_of(record.school)))
        return set_grade(record, grade, by=_registrar(record.school), on=on)
    if move == "return-elsewhere":
        school = _draw_school(draw, _BASIC_CATEGORIES, _county_region())
        grade = draw(st.sampled_from(_grades_of(school)))
        return return_from_abroad(
            record, to_school=school, grade=grade, by=_registrar(school), on=on
        )
    if move == "advance":
        return advance_grade(record, by=_CENTRAL, on=on)
    if move == "progress":
        following = next_stage(graduated)  # type: ignore[arg-type]  # checked above
        assert following is not None
        province = record.school.code.province_code
        school = _school_teaching(
            draw, frozenset({following}), _counties_of(province), record.school
        )
        return progress(record, to_school=school, by=_registrar(school), on=on)
    if move == "sync":
        outcome = draw(st.sampled_from(SyncOutcome))
        by = draw(st.sampled_from((_CENTRAL, None)))
        return sync_transfer(record, outcome=outcome, by=by, on=on)
    student = record.student
    match = None
    # Found in the population database: a G number, and the student gains the ID.
    if mode != "no-id" and draw(st.booleans()):
        rid = student.resident_id or _id_for(
            draw, _mainland_region(), student.birth_date, student.sex
        )
        match = PopulationMatch(rid, student.name)
    return promote(record, match=match, dedup=DedupResult(), by=_CENTRAL, on=on)


def _grades_of(school: School) -> tuple[int, ...]:
    """The grades the school teaches (under 六三制)."""
    taught = STAGES_TAUGHT[school.code.category]
    return tuple(g for g in GRADES if stage_of(g, primary_years=6) in taught)


def _draw_grade(draw: st.DrawFn, school: School) -> int | None:
    """No grade, or a grade the school teaches (under 六三制)."""
    return draw(st.none() | st.sampled_from(_grades_of(school)))


def _draw_record(
    draw: st.DrawFn,
    born: tuple[datetime.date, datetime.date],
    max_steps: int,
    *,
    closing: bool,
    mode: str = "any",
) -> Record:
    """Register a student, then take up to ``max_steps`` operations.

    ``closing=False`` keeps the record open. ``mode`` shapes it for a request:
    ``"renumber"`` gives a J record whose student has a resident ID (for J -> G),
    ``"no-id"`` a student who never gains one (for sex and birth-date changes),
    ``"enrolled"`` an enrolled record with no offline move pending (for a transfer or a
    suspension).
    """
    school = _draw_school(draw, _BASIC_CATEGORIES, _county_region())
    with_id = {"renumber": True, "no-id": False}.get(mode)
    student = _draw_student(draw, born, None, with_id=with_id, regions=_any_id_region())
    enrolled = draw(
        _days(
            student.birth_date,
            _years_later(student.birth_date, 20),
            _years_later(student.birth_date, 6),
        )
    )
    grade = _draw_grade(draw, school)
    young = grade == 1 and not _NATIONAL.meets_entry_age(student.birth_date, on=enrolled)
    record = register(
        student,
        school=school,
        by=_registrar(school),
        on=enrolled,
        dedup=DedupResult(),
        taken=(),
        grade=grade,
        age_approval="区教育局批复" if young else None,
    )
    if mode == "renumber":
        # A J number on a student with a resident ID: the case a J -> G change is for.
        record = promote(record, match=None, dedup=DedupResult(), by=_CENTRAL, on=enrolled)
    for _ in range(draw(st.integers(0, max_steps))):
        after = _step(draw, record, closing=closing, mode=mode)
        if after is None:
            break
        record = after
    return record


def _max_steps(max_steps: object) -> int:
    if type(max_steps) is not int or not 0 <= max_steps <= 100:
        raise _fail(f"max_steps must be an int in 0...100, not {max_steps!r}")
    return max_steps


def records(
    *,
    born: tuple[datetime.date, datetime.date] = _BORN,
    max_steps: int = 5,
) -> st.SearchStrategy[Record]:
    """Records reached by real operations: [`register`][xueji.register] at a school of
    basic education, with no grade or a grade it teaches, then up to ``max_steps`` of
    transfer (a completed request, or offline), sync_transfer (done or refused),
    update_info, promote, a key-field change (filed, reviewed, verified and applied), a
    suspension (requested, approved, started) and its extension, setting a missing grade,
    the yearly grade rollover, change_status (graduation from the last grade, withdrawal in
    senior secondary, dropping out in the compulsory stages, resumption…), a return from
    abroad to another school and progression of a graduate to the next stage, each
    allowed where the record stands, done by an actor in scope and dated on or after the
    last event. Every record passes [`check_history`][xueji.check_history].

    Minimal example: a student born 2000-01-01, registered on 2006-01-01 with no grade at
    the minimal primary school (``2111000001`` at 110101) with number
    ``L110101200001010010``, and nothing more.
    """
    lo, hi = _born(born)
    steps = _max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> Record:
        return _draw_record(draw, (lo, hi), steps, closing=True)

    return build()


# -- policies and the requests of the approval engine --------------------------------------


def _month_days(draw: st.DrawFn) -> MonthDay:
    month = draw(st.integers(1, 12))
    return MonthDay(month, draw(st.integers(1, calendar.monthrange(2023, month)[1])))


def policies() -> st.SearchStrategy[Policy]:
    """Valid policies: `Policy.NATIONAL`, `Policy.LIAONING`, or any other within the
    bounds `Policy` accepts.

    Minimal example: `Policy.NATIONAL`.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Policy:
        freeze = (_month_days(draw), _month_days(draw)) if draw(st.booleans()) else None
        return Policy(
            name=draw(st.sampled_from(("某省", "五四制试点", "辽宁"))),
            province=draw(st.none() | st.sampled_from(sorted(KNOWN_PROVINCES))),
            entry_age=draw(st.integers(5, 7)),
            entry_cutoff=_month_days(draw),
            school_year_starts=_month_days(draw),
            second_term_starts=_month_days(draw),
            primary_years=draw(st.sampled_from((6, 5))),
            transfer_freeze=freeze,
            step_days=draw(st.integers(1, 20)),
            suspension_months=draw(st.integers(1, 24)),
            extension_months=draw(st.integers(1, 24)),
            extensions=draw(st.integers(0, 3)),
            graduating_term_suspension=draw(st.booleans()),
            dropout_absence_weeks=draw(st.none() | st.integers(1, 8)),
            grade_changes=draw(st.frozensets(st.sampled_from(tuple(GradeChange)))),
        )

    return st.one_of(st.just(Policy.NATIONAL), st.just(Policy.LIAONING), build())


def _new_name(draw: st.DrawFn, old: str) -> str:
    name = draw(_names())
    return name if name != old else old + "一"


def _new_id(draw: st.DrawFn, student: Student) -> ResidentID:
    rid = _id_for(draw, _mainland_region(), student.birth_date, student.sex)
    if rid == student.resident_id:
        # Another ID with the same parts but the sequence two along (same sex).
        seq = rid.sequence + 2 if rid.sequence <= 997 else rid.sequence - 2
        rid = make_resident_id(region_code=rid.region_code, birth_date=rid.birth_date, sequence=seq)
    return rid


_MODES: Final = {KeyField.NUMBER: "renumber", KeyField.SEX: "no-id", KeyField.BIRTH_DATE: "no-id"}
#: The statuses a key-field request reaches; in-review is for longer routes.
_CHANGE_STATUSES: Final = tuple(s for s in RequestStatus if s is not RequestStatus.IN_REVIEW)


@functools.cache
def _g_numbers() -> st.SearchStrategy[RegistryNumber]:
    return registry_numbers(kinds=(RegistryKind.G,))


def _new_birth_date(
    draw: st.DrawFn, old: datetime.date, born: tuple[datetime.date, datetime.date]
) -> datetime.date:
    """A corrected birth date within ``born``: shrinks to the day after ``old``."""
    lo, hi = born
    if lo == hi:  # the range has no other day: step outside it, rather than fail
        return old + datetime.timedelta(days=1 if old < LATEST_BIRTH_DATE else -1)
    new = draw(_days(lo, hi, old + datetime.timedelta(days=1) if old < hi else old))
    if new == old:
        new = old + datetime.timedelta(days=1 if old < hi else -1)
    return new


def change_requests(
    *,
    fields: Collection[KeyField] = tuple(KeyField),
    statuses: Collection[RequestStatus] = _CHANGE_STATUSES,
    born: tuple[datetime.date, datetime.date] = _BORN,
    max_steps: int = 3,
    states: Collection[RequestStatus] | None = None,
) -> st.SearchStrategy[ChangeRequest]:
    """Key-field change requests made by [`request_change`][xueji.request_change] on an
    open record from `records()`, then taken to one of ``statuses`` by
    [`review`][xueji.review] and [`verify_change`][xueji.verify_change]. ``states`` is a
    deprecated name of ``statuses``.

    A ``number`` request is a J record's change to G + the student's resident ID; ``sex``
    and ``birth_date`` requests are for students without one (the ID decides otherwise).

    Minimal example: with ``fields=[KeyField.NAME]``, a request submitted on 2006-01-01
    to rename the minimal record's student ``'王一'`` to ``'王一一'``. With every field,
    a ``sex`` correction: it draws nothing beyond the record, and Hypothesis shrinks
    toward fewer draws first (the rest may stay unsettled: a request has more parts than
    Hypothesis's limit of 500 shrinks always settles).
    """
    if states is not None:
        warnings.warn(
            "change_requests(states=...) is deprecated: use statuses=",
            DeprecationWarning,
            stacklevel=2,
        )
        statuses = states
    chosen_fields = _members("fields", fields, tuple(KeyField))
    chosen_states = _members("statuses", statuses, _CHANGE_STATUSES)
    lo, hi = _born(born)
    steps = _max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> ChangeRequest:
        field = draw(st.sampled_from(chosen_fields))
        state = draw(st.sampled_from(chosen_states))
        mode = _MODES.get(field, "any")
        record = _draw_record(draw, (lo, hi), steps, closing=False, mode=mode)
        new_value = _new_value(draw, field, record.student, (lo, hi))
        on = _later(draw, record.history[-1].on)
        request = request_change(
            record,
            field=field,
            new_value=new_value,
            evidence=draw(st.sampled_from(_EVIDENCE)),
            by=_registrar(record.school),
            on=on,
        )
        if state is RequestStatus.SUBMITTED:
            return request
        reviewer = Actor(Role.COUNTY_REVIEWER, record.school.region_code, "审核员")
        on = _later(draw, on)
        verdict = Verdict.REJECT if state is RequestStatus.REJECTED else Verdict.APPROVE
        request = review(request, verdict, by=reviewer, on=on)
        if state in (RequestStatus.APPROVED, RequestStatus.REJECTED):
            return request
        conflicts: tuple[RegistryNumber, ...] = ()
        if state is RequestStatus.CHECK_FAILED:
            conflicts = (draw(_g_numbers()),)
        return verify_change(
            request, dedup=DedupResult(conflicts), by=_CENTRAL, on=_later(draw, on)
        )

    return build()


_ROUTES: Final = ("same-county", "same-province", "across-provinces")
_TRANSFER_STATUSES: Final = (
    RequestStatus.SUBMITTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.APPROVED,
    RequestStatus.REJECTED,
)


def transfer_requests(
    *,
    statuses: Collection[RequestStatus] = _TRANSFER_STATUSES,
    routes: Collection[str] = _ROUTES,
    born: tuple[datetime.date, datetime.date] = _BORN,
    max_steps: int = 3,
) -> st.SearchStrategy[TransferRequest]:
    """Transfer requests made by [`request_transfer`][xueji.request_transfer] on an
    enrolled record from `records()`, to a school that teaches the student's stage, then
    decided step by step ([`decide`][xueji.decide]) to one of ``statuses``: submitted, in
    review (some steps approved), approved (every step) or rejected (at any step, with a
    reason). ``routes`` picks where the receiving school is: ``"same-county"``,
    ``"same-province"`` or ``"across-provinces"``. A request dated in the transfer freeze
    is filed on 15 August instead.

    Minimal example: a submitted request to move the minimal record to another school of
    its county (110101).
    """
    chosen = _members("statuses", statuses, _TRANSFER_STATUSES)
    where = _members("routes", routes, _ROUTES)
    lo, hi = _born(born)
    steps = _max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> TransferRequest:
        route = draw(st.sampled_from(where))
        status = draw(st.sampled_from(chosen))
        record = _draw_record(draw, (lo, hi), steps, closing=False, mode="enrolled")
        here = record.school.region_code
        regions = {
            "same-county": st.just(here),
            "same-province": _other_counties(here),
            "across-provinces": _counties_outside(here[:2]),
        }[route]
        school = _school_teaching(draw, student_stages(record), regions, record.school)
        on = _outside_freeze(_later(draw, record.history[-1].on))
        request = request_transfer(
            record,
            to_school=school,
            by=_registrar(school),
            on=on,
            note=draw(st.sampled_from(_NOTES)),
        )
        count = len(request.route.steps)
        on = _later(draw, on)
        if status is RequestStatus.SUBMITTED:
            return request
        if status is RequestStatus.APPROVED:
            return _decided(request, count, on)
        if status is RequestStatus.IN_REVIEW:
            return _decided(request, draw(st.integers(1, count - 1)), on)
        return _decided(request, draw(st.integers(0, count - 1)), on, reject=True)

    return build()


_SUSPENSION_STATUSES: Final = (
    RequestStatus.SUBMITTED,
    RequestStatus.APPROVED,
    RequestStatus.REJECTED,
)


def suspension_requests(
    *,
    kinds: Collection[SuspensionKind] = tuple(SuspensionKind),
    statuses: Collection[RequestStatus] = _SUSPENSION_STATUSES,
    born: tuple[datetime.date, datetime.date] = _BORN,
    max_steps: int = 3,
) -> st.SearchStrategy[SuspensionRequest]:
    """Suspension requests made by [`request_suspension`][xueji.request_suspension] on an
    enrolled record from `records()`, or extensions made by
    [`request_extension`][xueji.request_extension] on a record suspended by an approved
    request, each within the national caps, then decided by the county's reviewer.

    Minimal example: a submitted one-month suspension of the minimal record.
    """
    chosen_kinds = _members("kinds", kinds, tuple(SuspensionKind))
    chosen = _members("statuses", statuses, _SUSPENSION_STATUSES)
    lo, hi = _born(born)
    steps = _max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> SuspensionRequest:
        kind = draw(st.sampled_from(chosen_kinds))
        status = draw(st.sampled_from(chosen))
        record = _draw_record(draw, (lo, hi), steps, closing=False, mode="enrolled")
        on = _later(draw, record.history[-1].on)
        by = _registrar(record.school)
        if kind is SuspensionKind.SUSPEND:
            months = draw(st.integers(1, _NATIONAL.suspension_months))
            request = request_suspension(
                record, months=months, evidence=draw(st.sampled_from(_SICK_NOTES)), by=by, on=on
            )
        else:
            record = _suspended(draw, record, on)
            ends = suspension_ends(record)
            assert ends is not None  # suspended by a request just now
            on = datetime.date.fromordinal(draw(st.integers(on.toordinal(), ends.toordinal())))
            months = draw(st.integers(1, _NATIONAL.extension_months))
            request = request_extension(
                record, months=months, evidence=draw(st.sampled_from(_SICK_NOTES)), by=by, on=on
            )
        if status is RequestStatus.SUBMITTED:
            return request
        rejected = status is RequestStatus.REJECTED
        return _decided(request, 0 if rejected else 1, on, reject=rejected)

    return build()


# -- text forms -----------------------------------------------------------------------


def _messy(draw: st.DrawFn, value: str) -> str:
    """``value`` dressed in what the parsers clean away; shrinks to ``value`` itself."""
    chars = list(value)
    widen = draw(st.integers(0, (1 << len(chars)) - 1))  # one draw: a bit per character
    for i, ch in enumerate(chars):
        if ch.isdigit() and widen >> i & 1:
            chars[i] = chr(0xFF10 + int(ch))  # full-width digit
    if chars[-1] == "X":
        chars[-1] = draw(st.sampled_from(_X_FORMS))
    if not value[0].isdigit():
        letter = value[0]
        chars[0] = draw(
            st.sampled_from(
                (letter, letter.lower(), chr(ord(letter) + 0xFEE0), chr(ord(letter) + 0xFF00))
            )
        )
    # Separators go between characters only: a leading or trailing hyphen is a sign, and
    # the parsers reject it.
    inserts = draw(
        st.lists(st.tuples(st.integers(1, len(chars) - 1), st.sampled_from(_INNER)), max_size=4)
    )
    for position, separator in sorted(inserts, reverse=True):
        chars.insert(position, separator)
    lead = draw(st.text(_SURROUNDING, max_size=3))
    trail = draw(st.text(_SURROUNDING, max_size=3))
    return lead + "".join(chars) + trail


def _texts(values: st.SearchStrategy[T], messy: object) -> st.SearchStrategy[str]:
    if type(messy) is not bool:  # 1 == True: the type decides, not equality
        raise _fail(f"messy must be True or False, not {messy!r}")
    if not messy:
        return values.map(str)

    @st.composite
    def build(draw: st.DrawFn) -> str:
        return _messy(draw, str(draw(values)))

    return build()


def resident_id_texts(
    *, messy: bool = False, ids: st.SearchStrategy[ResidentID] | None = None
) -> st.SearchStrategy[str]:
    """Text that :meth:`ResidentID.parse` accepts, from ``ids`` (default :func:`resident_ids`).

    With ``messy=True``, the input cleaning the parser documents: surrounding
    whitespace, inner spaces and hyphens (never leading or trailing), a lower-case or
    full-width ``x``, full-width digits. Shrinks to the canonical text.

    Minimal example: ``'110000200001010019'`` (messy or not).
    """
    _strategy("ids", ids)
    return _texts(resident_ids() if ids is None else ids, messy)


def registry_number_texts(
    *, messy: bool = False, numbers: st.SearchStrategy[RegistryNumber] | None = None
) -> st.SearchStrategy[str]:
    """Text that :meth:`RegistryNumber.parse` accepts, from ``numbers``
    (default :func:`registry_numbers`).

    ``messy=True`` adds the cleaning of :func:`resident_id_texts` and a lower-case or
    full-width prefix letter.

    Minimal example: ``'G110000200001010019'`` (messy or not).
    """
    _strategy("numbers", numbers)
    return _texts(registry_numbers() if numbers is None else numbers, messy)


# -- invalid text ---------------------------------------------------------------------


def _bump(body: str) -> str:
    """``body`` with its 15th digit changed: the check character then changes too
    (that digit weighs 8, and 8 and 72 are not multiples of 11)."""
    return f"{body[:14]}{(int(body[14]) + 1) % 10}{body[15:]}"


def _bad_date(draw: st.DrawFn) -> str:
    """Eight digits ``YYYYMMDD`` that spell no date the parser accepts."""
    defect = draw(st.sampled_from(("day", "month", "leap", "early")))
    if defect == "early":  # a real day, before 1850
        day = draw(
            _days(datetime.date(1, 1, 1), datetime.date(1849, 12, 31), datetime.date(1849, 12, 31))
        )
        return f"{day.year:04d}{day.month:02d}{day.day:02d}"
    if defect == "leap":  # 29 February of a year that has none
        year = 2001 + draw(st.integers(1850 - 2001, 9999 - 2001))
        year += calendar.isleap(year)  # a year after a leap year never is one
        return f"{year:04d}0229"
    year = 2000 + draw(st.integers(1850 - 2000, 9999 - 2000))
    if defect == "month":  # month 00 or 13-99
        month = draw(st.sampled_from((13, 0, *range(14, 100))))
        return f"{year:04d}{month:02d}{draw(st.integers(1, 28)):02d}"
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.sampled_from((last + 1, 0, *range(last + 2, 100))))
    return f"{year:04d}{month:02d}{day:02d}"


def _checksum(value: str, offset: int) -> str:
    return value[:-1] + CHECK_CHARACTERS[(CHECK_CHARACTERS.index(value[-1]) + offset) % 11]


def _length(draw: st.DrawFn, value: str) -> str:
    if draw(st.booleans()):
        return value + draw(st.text("0123456789", min_size=1, max_size=12))
    return value[: -draw(st.integers(1, len(value) - 1))]


def _format(draw: st.DrawFn, value: str, first: int) -> str:
    if draw(st.booleans()):
        return "-" + value  # a minus sign, which the cleaning does not take
    position = draw(st.integers(first, len(value) - 1))
    return value[:position] + draw(st.sampled_from(_ALIENS)) + value[position + 1 :]


def _masked(draw: st.DrawFn, value: str, first: int) -> str:
    body = value[first:]
    # Offsets that shrink to the usual masking: the 8 birth-date digits.
    start = (6 + draw(st.integers(0, 17))) % 18
    length = 1 + (7 + draw(st.integers(0, 17))) % (18 - start)
    star = draw(st.sampled_from(("*", "\uff0a")))
    return value[:first] + body[:start] + star * length + body[start + length :]


def _future(draw: st.DrawFn, birth_date: datetime.date) -> datetime.date:
    return birth_date - datetime.timedelta(days=draw(st.integers(1, 3650)))


def _float_damage(draw: st.DrawFn, value: str) -> str:
    """What a spreadsheet makes of an ID stored as a number."""
    form = draw(st.sampled_from(("scientific", "point-zero", "zeros")))
    if form == "scientific":  # 1.10105E+17: the shown digits, trailing zeros dropped
        mantissa = f"{value[0]}.{value[1 : draw(st.integers(2, 15))]}".rstrip("0").rstrip(".")
        return f"{mantissa}E+17"
    body = value[:17]
    if form == "point-zero":  # the number read back as a float: 110105194912310021.0
        if mod_11_2(body) == "X":  # a number ending in X never was a number
            body = _bump(body)
        return body + mod_11_2(body) + ".0"
    # Only 15 significant digits survive: 110105194912310000, which then fails the checksum.
    stem = value[:15]
    if mod_11_2(stem + "00") == "0":
        stem = _bump(stem + "00")[:15]
    return stem + "000"


_ISSUING: Final = st.sampled_from(sorted(ISSUING_PROVINCES))
_NOT_ISSUING: Final = st.sampled_from(sorted(NON_ISSUING_PROVINCES))


def _unknown_region(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        # A foreigner's card of a province that issues none (Taiwan, Hong Kong, Macao).
        return _foreign(draw(_NOT_ISSUING), draw(_country()))
    return draw(_bad_regions()[0]) + f"{draw(st.integers(0, 9999)):04d}"


def _unknown_nationality(draw: st.DrawFn) -> str:
    province = draw(_ISSUING)
    return _foreign(province, draw(_bad_regions()[1]))


def _recheck(value: str, start: int, part: str) -> str:
    """``value`` (an ID, or a registry number from ``start``) with ``part`` put in at
    ``start`` and the check character recomputed, so only that part is wrong."""
    body = (value[:start] + part + value[start + len(part) :])[:-1]
    return body + mod_11_2(body[-17:])


def invalid_resident_id_texts(
    *, reasons: Collection[Reason] = ID_REASONS
) -> st.SearchStrategy[InvalidText]:
    """Text that :meth:`ResidentID.parse` rejects with exactly ``reason``, one defect each.

    ``ResidentID.parse(text, as_of=as_of)`` raises InvalidNumber with ``reason``; except
    ``float-damage`` (``1.10105E+17``, a trailing ``.0``, or 18 digits ending in ``000``
    that fail the checksum), which the parser sees as ``format`` or ``checksum`` and only
    the dataset checker names. Each defect is made in a valid ID from
    :func:`resident_ids`, with the check character recomputed where a part changes, so
    only the promised check fails.

    Minimal example: ``InvalidText('110000200001010018', Reason.CHECKSUM, None)``.
    """
    chosen = _members("reasons", reasons, ID_REASONS)
    ids = resident_ids()

    # Every defect draws the reason, then the ID, then its own parts: the checksum
    # defect draws the fewest, so shrinking ends there whatever it starts from.
    @st.composite
    def build(draw: st.DrawFn) -> InvalidText:
        reason = draw(st.sampled_from(chosen))
        rid = draw(ids)
        value = rid.value
        if reason is Reason.CHECKSUM:
            text = _checksum(value, draw(st.integers(1, 10)))
        elif reason is Reason.FUTURE_BIRTH_DATE:
            return InvalidText(value, reason, _future(draw, rid.birth_date))
        elif reason is Reason.BIRTH_DATE:
            text = _recheck(value, 6, _bad_date(draw))
        elif reason is Reason.REGION:
            text = _recheck(value, 0, _unknown_region(draw))
        elif reason is Reason.NATIONALITY:
            text = _recheck(value, 0, _unknown_nationality(draw))
        elif reason is Reason.LENGTH:
            text = _length(draw, value)
        elif reason is Reason.FORMAT:
            text = _format(draw, value, 0)
        elif reason is Reason.MASKED:
            text = _masked(draw, value, 0)
        else:
            text = _float_damage(draw, value)
        return InvalidText(text, reason, None)

    return build()


def invalid_registry_number_texts(
    *, reasons: Collection[Reason] = REGISTRY_REASONS
) -> st.SearchStrategy[InvalidText]:
    """Text that :meth:`RegistryNumber.parse` rejects with exactly ``reason``.

    ``prefix`` (no letter, or another letter), ``length``, ``checksum`` (G and J; L
    numbers have no check character), ``birth-date``, ``future-birth-date`` (with its
    ``as_of``), ``region``, ``format`` and ``masked``; each made in a valid number from
    :func:`registry_numbers`.

    Minimal example: ``InvalidText('110000200001010019', Reason.PREFIX, None)`` (the
    minimal G number without its letter).
    """
    chosen = _members("reasons", reasons, REGISTRY_REASONS)
    numbers = registry_numbers()
    checked = registry_numbers(kinds=(RegistryKind.G, RegistryKind.J))

    @st.composite
    def build(draw: st.DrawFn) -> InvalidText:
        reason = draw(st.sampled_from(chosen))
        number = draw(checked if reason is Reason.CHECKSUM else numbers)
        value = number.value
        if reason is Reason.PREFIX:
            if draw(st.booleans()):
                text = draw(st.sampled_from(_WRONG_PREFIXES)) + value[1:]
            else:
                text = value[1:]
        elif reason is Reason.CHECKSUM:
            text = _checksum(value, draw(st.integers(1, 10)))
        elif reason is Reason.FUTURE_BIRTH_DATE:
            return InvalidText(value, reason, _future(draw, number.birth_date))
        elif reason is Reason.BIRTH_DATE:
            text = _recheck(value, 7, _bad_date(draw))
        elif reason is Reason.REGION:
            text = _recheck(value, 1, _unknown_region(draw))
        elif reason is Reason.LENGTH:
            text = _length(draw, value)
        elif reason is Reason.FORMAT:
            text = _format(draw, value, 1)
        else:
            text = _masked(draw, value, 1)
        return InvalidText(text, reason, None)

    return build()


# -- registration -----------------------------------------------------------------------


def _register() -> None:
    """Register a function per type, not a strategy: Hypothesis calls the hook while it
    is still importing, and nothing should be built until a test asks for the type."""
    st.register_type_strategy(ResidentID, lambda _: resident_ids())
    st.register_type_strategy(RegistryNumber, lambda _: registry_numbers())
    st.register_type_strategy(SchoolCode, lambda _: school_codes())
    st.register_type_strategy(School, lambda _: schools())
    st.register_type_strategy(Student, lambda _: students())
    st.register_type_strategy(Actor, lambda _: actors())
    st.register_type_strategy(Record, lambda _: records())
    st.register_type_strategy(ChangeRequest, lambda _: change_requests())
    st.register_type_strategy(TransferRequest, lambda _: transfer_requests())
    st.register_type_strategy(SuspensionRequest, lambda _: suspension_requests())
    st.register_type_strategy(Policy, lambda _: policies())


_register()
