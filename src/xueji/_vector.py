"""The vectorised path of `check_many` (needs numpy; imported only then).

It classifies canonical 18-character resident IDs (ASCII digits and a final digit or
``X``, the overwhelming majority of real columns) with whole-array arithmetic and hands
every other row back to the scalar path. It is the numpy mirror of the validation core:
each step follows `xueji._core.id_reason` and `region_warning`, in the same order, and
imports nothing but the core; differential property tests hold the two paths equal.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from xueji._core import (
    AGGREGATE,
    AGGREGATE_MARK,
    CHECK_CHARACTERS,
    CHINA,
    DETAIL,
    FIRST_YEAR,
    FLOAT_TAIL,
    FOREIGN_CARD,
    ISSUING_PROVINCES,
    KNOWN_CODES,
    KNOWN_PROVINCES,
    MONTH_DAYS,
    OK,
    PERMIT_CODES,
    RETIRED,
    ROW_CODE,
    WEIGHTS,
    Reason,
    RegionPolicy,
    known_countries,
    region_warnings,
)

__all__ = ["as_array", "classify"]


def as_array(codes: bytearray) -> Any:
    """A bytearray of row codes as a numpy array (no copy)."""
    return np.frombuffer(codes, dtype=np.uint8)


_OK, _DETAIL, _RETIRED, _AGGREGATE = OK, DETAIL, RETIRED, AGGREGATE
_CHECKSUM = ROW_CODE[Reason.CHECKSUM]
_BIRTH_DATE = ROW_CODE[Reason.BIRTH_DATE]
_FUTURE = ROW_CODE[Reason.FUTURE_BIRTH_DATE]
_REGION = ROW_CODE[Reason.REGION]
_NATIONALITY = ROW_CODE[Reason.NATIONALITY]
_LENGTH = ROW_CODE[Reason.LENGTH]
_FIRST_YEAR = int(FIRST_YEAR)
_FOREIGN = ord(FOREIGN_CARD) - ord("0")
_CHINA = int(CHINA)
_ZERO = ord("0")
_WIDTH = 20  # rows up to this long are classified here; longer ones by the scalar path
_COLUMNS = 24  # bytes kept per row: _WIDTH, padded to a multiple of 8 (see _classify_ids)


@functools.cache
def _tables() -> dict[str, Any]:
    """Lookup tables, built on first use and shared by every later call."""
    known = np.zeros(1_000_000, dtype=bool)
    known[[int(c) for c in KNOWN_CODES | frozenset(PERMIT_CODES)]] = True
    provinces = np.zeros(100, dtype=bool)
    provinces[[int(p) for p in KNOWN_PROVINCES]] = True
    issuing = np.zeros(100, dtype=bool)
    issuing[[int(p) for p in ISSUING_PROVINCES]] = True
    # Year up to which a code raises no warning: 9999 for most; its last year if retired;
    # -1 (always warn) for aggregate codes.
    warn_until = np.full(1_000_000, 9999, dtype=np.int16)
    for code, last in region_warnings().items():
        warn_until[int(code)] = -1 if last == AGGREGATE_MARK else int(last)
    month_day = np.zeros(10000, dtype=bool)  # by mmdd; 0229 is then checked for a leap year
    month_day[[int(md) for md in MONTH_DAYS]] = True
    check_chars = np.frombuffer(CHECK_CHARACTERS.encode(), dtype=np.uint8)
    # Under RegionPolicy.PROVINCE: a known province, or exactly a permit's region code.
    in_province = np.repeat(provinces, 10000)
    in_province[[int(c) for c in PERMIT_CODES]] = True
    # A foreigner's nationality under KNOWN: a known country, never China.
    countries = np.zeros(1000, dtype=bool)
    countries[[int(c) for c in known_countries()]] = True
    countries[_CHINA] = False
    return {
        "countries": countries,
        "known": known,
        "issuing": issuing,
        "warn_until": warn_until,
        "month_day": month_day,
        "check_chars": check_chars,
        "fields": _field_weights(),
        "in_province": in_province,
    }


def _characters(values: Any) -> tuple[Any, Any, Any]:
    """Where every row's ASCII bytes are, and each row's length.

    Row i is ``rows[at[i]]``, 24 bytes of which the first ``lengths[i]`` are its
    characters; the length is -1 for rows the scalar path must take (not text, empty,
    non-ASCII, longer than 20). Rows are gathered only when they are used.
    """
    n = len(values)
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        # A fixed-width string array: lengths and code points without touching Python objects.
        values = np.ascontiguousarray(values)  # a strided view cannot be reinterpreted
        stored = values.dtype.itemsize // 4
        width = min(stored, _WIDTH)
        points = values.view(np.uint32).reshape(n, stored)[:, :width]
        chars = np.zeros((n, _COLUMNS), dtype=np.uint8)
        chars[:, :width] = points  # code points above 255 wrap: their rows are dropped below
        lengths = np.char.str_len(values).astype(np.int64)
        if width and points.max(initial=0) >= 128:  # one scan; row by row only when needed
            lengths[(points >= 128).any(axis=1)] = -1
        lengths[(lengths > _WIDTH) | (lengths == 0)] = -1
        return chars, np.arange(n), lengths
    return _joined_characters(values, n)


def _joined_characters(values: Any, n: int) -> tuple[Any, Any, Any]:
    # One C-level join and encode of the whole column, instead of a Python step per row:
    # rows are told apart by the line breaks between them, which only works when no row
    # holds a line break of its own (then there are exactly n - 1).
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros((0, _COLUMNS), dtype=np.uint8), empty, empty
    try:
        joined = "\n".join(values)
    except TypeError:  # not all text
        joined = ""
    if not joined or len(joined) > _COLUMNS * n:
        # Not all text, or some rows far too long to be numbers: those become "" without
        # being touched (no str() call that could raise), and the scalar path takes them.
        del joined
        values = [v if type(v) is str and len(v) <= _WIDTH else "" for v in values]
        joined = "\n".join(values)
    if joined.isascii():  # a flag CPython keeps on every string: no scan
        raw = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        ascii_only = True
    else:  # surrogatepass: a lone surrogate is still text (the scalar path refuses it)
        raw = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        ascii_only = False
    breaks = np.flatnonzero(raw == 10)
    if breaks.size != n - 1:  # rows with line breaks: blanked, so the scalar path takes them
        texts = [v if type(v) is str and "\n" not in v else "" for v in values]
        return _joined_characters(texts, n)
    starts = np.zeros(n, dtype=np.int64)
    starts[1:] = breaks + 1
    lengths = np.empty(n, dtype=np.int64)
    lengths[:-1] = breaks
    lengths[-1:] = raw.size
    lengths -= starts
    if not ascii_only:
        # Bytes of 128 and up are parts of non-ASCII characters: their rows go to the
        # scalar path. A row's index is the number of breaks before its bytes.
        lengths[np.searchsorted(breaks, np.flatnonzero(raw >= 128))] = -1
    lengths[(lengths == 0) | (lengths > _WIDTH)] = -1
    padded = np.zeros(raw.size + _COLUMNS, dtype=np.uint8)
    padded[: raw.size] = raw
    # Row i is the bytes from starts[i] on: a sliding window over the buffer (no copy).
    window = np.lib.stride_tricks.as_strided(
        padded, shape=(raw.size + 1, _COLUMNS), strides=(1, 1), writeable=False
    )
    return window, starts, lengths


# Column weights that turn an (n, 24) array of digit values into the numbers the checks
# need, with one matrix product: the MOD 11-2 weighted sum, the region code, the year and
# the month-day (mmdd). Every product and partial sum is an integer below 2**24, so
# float32 arithmetic is exact whatever order the BLAS library adds in.
def _field_weights() -> Any:
    w = np.zeros((_COLUMNS, 4), dtype=np.float32)
    w[:17, 0] = WEIGHTS
    w[0:6, 1] = [100000, 10000, 1000, 100, 10, 1]
    w[6:10, 2] = [1000, 100, 10, 1]
    w[10:14, 3] = [1000, 100, 10, 1]
    return w


# Rows per block: the temporaries of one block stay in the CPU cache.
_BLOCK = 1 << 15


def classify(values: Any, as_of: str | None, regions: RegionPolicy) -> tuple[Any, Any]:
    """Per-row codes for ``values`` (a list, or a numpy string array), and the indices
    left for the scalar path."""
    n = len(values)
    codes = np.full(n, _DETAIL, dtype=np.uint8)
    chars, at, lengths = _characters(values)

    # Wrong length, nothing but digits and X, not a school code's 10 and not led by an X
    # (which reads as a registry prefix): the scalar path would say `length` too.
    others = np.flatnonzero((lengths > 0) & (lengths != 18) & (lengths != 10))
    if others.size:
        o = chars[at[others]]
        id_char = ((o >= 48) & (o <= 57)) | (o == 88)
        inside = np.arange(_COLUMNS) < lengths[others, None]
        length_only = (o[:, 0] != 88) & (id_char | ~inside).all(axis=1)
        codes[others[length_only]] = _LENGTH

    candidates = np.flatnonzero(lengths == 18)
    as_of_day = None if as_of is None else int(as_of)
    for first in range(0, candidates.size, _BLOCK):
        rows = candidates[first : first + _BLOCK]
        codes[rows] = _classify_ids(chars[at[rows]], as_of_day, regions)
    rest = np.flatnonzero(codes == _DETAIL)
    return codes, rest


def _classify_ids(c: Any, as_of: int | None, regions: RegionPolicy) -> Any:
    """Codes for an (n, 24) block of 18-character rows; _DETAIL where the scalar path
    must look (not 17 digits and a final digit or X; float damage)."""
    t = _tables()
    d = c - np.uint8(_ZERO)  # digit values; anything else wraps round to 10 and more
    d[:, 18:] = 0
    last_x = c[:, 17] == 88
    bad = d > 9
    bad[:, 17] &= ~last_x
    # A row's 24 flags read as three 64-bit words: one test per word, not per character.
    words = bad.view(np.uint64)
    shape = (words[:, 0] | words[:, 1] | words[:, 2]) == 0
    total, region, year, mmdd = (d.astype(np.float32) @ t["fields"]).astype(np.int32).T
    if not shape.all():  # a non-digit made these numbers meaningless: keep them in range
        region = np.minimum(region, 999_999)
        mmdd = np.minimum(mmdd, 9999)
    # The standard's weighted sum S; the check character is table[S % 11].
    checksum_ok = c[:, 17] == t["check_chars"][total % 11]
    date_ok = t["month_day"][mmdd] & (year >= _FIRST_YEAR)
    feb29 = np.flatnonzero(mmdd == 229)
    if feb29.size:
        y = year[feb29]
        date_ok[feb29] &= (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))

    # Region and its warnings, for mainland numbers and permits.
    warn_until = t["warn_until"][region]
    sub = np.where(
        warn_until >= year, np.uint8(_OK), np.where(warn_until < 0, _AGGREGATE, _RETIRED)
    ).astype(np.uint8)
    if regions is RegionPolicy.KNOWN:
        sub[~t["known"][region]] = _REGION
    elif regions is RegionPolicy.PROVINCE:
        sub[~t["in_province"][region]] = _REGION
    # The foreigner's card (foreign_card_reason): a province that issues it, then its
    # nationality (never China's; under KNOWN, a known country); no warnings.
    foreign = np.flatnonzero(d[:, 0] == _FOREIGN)
    if foreign.size:
        if regions is RegionPolicy.FORMAT:
            sub[foreign] = _OK
        else:
            province_ok = t["issuing"][(region[foreign] // 1000) % 100]
            nationality = region[foreign] % 1000
            if regions is RegionPolicy.KNOWN:
                country_ok = t["countries"][nationality]
            else:
                country_ok = nationality != _CHINA
            sub[foreign] = np.where(
                province_ok, np.where(country_ok, _OK, _NATIONALITY), _REGION
            ).astype(np.uint8)
    if as_of is not None:
        sub[year * 10000 + mmdd > as_of] = _FUTURE
    sub[~date_ok] = _BIRTH_DATE
    bad_sum = ~checksum_ok
    sub[bad_sum] = _CHECKSUM
    # An ID that lost its last digits in a float (lost_digits) is float damage: the scalar
    # path says so.
    # Column by column: .all(axis=1) over three columns is ten times slower.
    lost = bad_sum.copy()
    for i, ch in enumerate(FLOAT_TAIL, 18 - len(FLOAT_TAIL)):
        lost &= c[:, i] == ord(ch)
    sub[lost | ~shape] = _DETAIL
    return sub
