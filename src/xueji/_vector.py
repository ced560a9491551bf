"""The vectorised path of `check_many` (needs numpy; imported only then).

It classifies canonical 18-character resident IDs (ASCII digits and a final digit or
``X``, the overwhelming majority of real columns) with whole-array arithmetic and hands
every other row back to the scalar path. It is the numpy mirror of the validation core:
each step follows `xueji._core.id_reason` and `region_warning`, in the same order, and
imports nothing but the core; differential property tests hold the two paths equal.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

from xueji import _arrow
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
    VALID_CODES,
    Reason,
    RegionPolicy,
    known_countries,
    region_warnings,
)

__all__ = ["ArrowColumn", "arrow_column", "as_array", "classify", "ok_array"]


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
_ALWAYS, _UNKNOWN = -1, -2  # region states: an aggregate code; a code not known
_SCAN = 1 << 18  # bytes searched for line breaks at a time


@functools.cache
def _tables() -> dict[str, Any]:
    """Lookup tables, built on first use and shared by every later call."""
    provinces = np.zeros(100, dtype=bool)
    provinces[[int(p) for p in KNOWN_PROVINCES]] = True
    issuing = np.zeros(100, dtype=bool)
    issuing[[int(p) for p in ISSUING_PROVINCES]] = True
    # Per region code: the last year in which it raises no warning (9999 for most codes,
    # the last year in use for a retired one), -1 for an aggregate code (always warned
    # about), -2 for a code that is not known.
    state = np.full(1_000_000, _UNKNOWN, dtype=np.int16)
    state[[int(c) for c in KNOWN_CODES | frozenset(PERMIT_CODES)]] = 9999
    for code, last in region_warnings().items():
        state[int(code)] = _ALWAYS if last == AGGREGATE_MARK else int(last)
    # The code of a row whose region's state is below its birth year, by state + 2.
    after = {}
    for policy in RegionPolicy:
        codes = np.full(10_002, _RETIRED, dtype=np.uint8)
        codes[_ALWAYS + 2] = _AGGREGATE
        codes[_UNKNOWN + 2] = _REGION if policy is RegionPolicy.KNOWN else _OK
        after[policy] = codes
    month_day = np.zeros(10000, dtype=bool)  # by mmdd; 0229 is then checked for a leap year
    month_day[[int(md) for md in MONTH_DAYS]] = True
    # The check character by the residue of half the weighted sum.
    check_by_half = np.array([ord(CHECK_CHARACTERS[2 * r % 11]) for r in range(11)], np.uint8)
    # Under RegionPolicy.PROVINCE: a known province, or exactly a permit's region code.
    in_province = np.repeat(provinces, 10000)
    in_province[[int(c) for c in PERMIT_CODES]] = True
    # A foreigner's nationality under KNOWN: a known country, never China.
    countries = np.zeros(1000, dtype=bool)
    countries[[int(c) for c in known_countries()]] = True
    countries[_CHINA] = False
    return {
        "countries": countries,
        "region_state": state,
        "after": after,
        "issuing": issuing,
        "month_day": month_day,
        "check_by_half": check_by_half,
        "in_province": in_province,
    }


def ok_array(codes: bytes | bytearray, details: Mapping[int, bool]) -> Any:
    """The rows' ok flags as a numpy bool array: from each row's code, and for the
    detailed rows (code DETAIL) from their Check."""
    valid = np.zeros(256, dtype=bool)
    valid[list(VALID_CODES)] = True
    ok = valid[np.frombuffer(codes, dtype=np.uint8)]
    if details:
        ok[np.fromiter(details.keys(), dtype=np.int64, count=len(details))] = np.fromiter(
            details.values(), dtype=bool, count=len(details)
        )
    return ok


def _characters(values: Any) -> tuple[Any, Any, Any]:
    """Where every row's ASCII bytes are, and each row's length.

    Row i is ``rows[at[i]]``, 24 bytes of which the first ``lengths[i]`` are its
    characters; the length is -1 for rows the scalar path must take (not text, empty,
    non-ASCII, longer than 20). Rows are gathered only when they are used.
    """
    if isinstance(values, ArrowColumn):
        return values.characters()
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
    ascii_only = joined.isascii()  # a flag CPython keeps on every string: no scan
    # surrogatepass: a lone surrogate is still text (the scalar path refuses it)
    encoded = joined.encode("ascii") if ascii_only else joined.encode("utf-8", "surrogatepass")
    del joined  # each large buffer goes as soon as it is used: the next can take its memory
    # Zeros after the last row: every row can be read _COLUMNS bytes wide.
    padded = np.empty(len(encoded) + _COLUMNS, dtype=np.uint8)
    padded[len(encoded) :] = 0
    padded[: len(encoded)] = np.frombuffer(encoded, dtype=np.uint8)
    del encoded
    raw = padded[:-_COLUMNS]
    # Block by block: a flag per byte of the whole column would be one more large buffer.
    breaks = np.concatenate(
        [np.flatnonzero(raw[i : i + _SCAN] == 10) + i for i in range(0, raw.size, _SCAN)]
        or [np.zeros(0, dtype=np.int64)]
    )
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
    # Row i is the bytes from starts[i] on: a sliding window over the buffer (no copy).
    window = np.lib.stride_tricks.as_strided(
        padded, shape=(raw.size + 1, _COLUMNS), strides=(1, 1), writeable=False
    )
    return window, starts, lengths


class ArrowColumn(Sequence[str | None]):
    """A string column read from its Arrow buffers: its rows' bytes in one buffer, where
    each row starts, its length in bytes, and its nulls.

    As a sequence it gives each row as Python text (None for a null), decoded only when
    asked for: the scalar path reads the few rows the arrays leave to it, and a report
    its rows, through it.
    """

    def __init__(self, buffer: Any, starts: Any, lengths: Any, nulls: Any) -> None:
        self._buffer = buffer  # padded with _COLUMNS zero bytes: every window is in range
        self._starts = starts
        self._lengths = lengths
        self._nulls = nulls

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str | None: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str | None]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str | None] | None:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._nulls[index]:
            return None
        start = int(self._starts[index])
        raw: bytes = self._buffer[start : start + int(self._lengths[index])].tobytes()
        # Arrow strings are UTF-8; anything else still decodes, and the checks refuse it.
        return raw.decode("utf-8", "surrogateescape")

    def __iter__(self) -> Iterator[str | None]:
        return iter(self.tolist())

    def tolist(self) -> list[str | None]:
        """Every row as Python text (None for a null)."""
        # One decode of the whole buffer, byte for character, then a slice per row; rows
        # with bytes above 127 (few) are decoded again as the UTF-8 they are.
        text = self._buffer.tobytes().decode("latin-1")
        rows: list[str | None] = [
            row if row.isascii() else row.encode("latin-1").decode("utf-8", "surrogateescape")
            for row in (
                text[start : start + length]
                for start, length in zip(self._starts.tolist(), self._lengths.tolist(), strict=True)
            )
        ]
        for i in np.flatnonzero(self._nulls).tolist():
            rows[i] = None
        return rows

    def characters(self) -> tuple[Any, Any, Any]:
        """What `_characters` gives: a window per byte, the rows' starts, their lengths
        (-1 for a null, an empty row and a row longer than the widest number)."""
        lengths = self._lengths.copy()
        lengths[self._nulls | (lengths == 0) | (lengths > _WIDTH)] = -1
        window = np.lib.stride_tricks.as_strided(
            self._buffer,
            shape=(len(self._buffer) - _COLUMNS + 1, _COLUMNS),
            strides=(1, 1),
            writeable=False,
        )
        return window, self._starts, lengths


def arrow_column(values: object) -> ArrowColumn | None:
    """``values`` read from its Arrow buffers, if it is an Arrow string column (a polars
    ``Series`` of strings, a pandas column stored in Arrow, a pyarrow array); else None.

    The rows' bytes are copied once, into one buffer of our own, while the producer
    lends its buffers.
    """
    with _arrow.chunks(values) as found:
        return None if found is None else _from_chunks(found)


def _from_chunks(found: list[_arrow.Chunk]) -> ArrowColumn:
    pieces: list[Any] = []  # the buffers to copy, in order
    at = 0  # where the next piece goes in the joined buffer

    def place(piece: Any) -> int:
        nonlocal at
        pieces.append(piece)
        at += len(piece)
        return at - len(piece)

    starts: list[Any] = []
    lengths: list[Any] = []
    nulls: list[Any] = []
    for chunk in found:
        n = chunk.length
        if chunk.format == _arrow.VIEW:
            fields = np.frombuffer(chunk.offsets, dtype=np.int32).reshape(n, 4)
            size = fields[:, 0].astype(np.int64)  # then a prefix, a buffer index, an offset
            start = fields[:, 3].astype(np.int64)
            base = np.array([place(b) for b in chunk.buffers] or [0], dtype=np.int64)
            if base.size == 1:
                start += base[0]
            else:  # the index of an inline row is its bytes: clipped, then overwritten
                start += np.take(base, fields[:, 2], mode="clip")
            inline = np.flatnonzero(size <= _arrow.VIEW_INLINE)  # inside their views
            start[inline] = place(chunk.offsets) + 16 * inline + 4
        else:
            width = _arrow.OFFSET_WIDTH[chunk.format]
            offsets = np.frombuffer(chunk.offsets, dtype=np.int32 if width == 4 else np.int64)
            first = int(offsets[0]) if n else 0
            start = offsets[:-1].astype(np.int64)
            start += place(chunk.data[first:]) - first
            size = np.diff(offsets).astype(np.int64)
        if chunk.validity is None:
            null = np.zeros(n, dtype=bool)
        else:
            bits = np.unpackbits(np.frombuffer(chunk.validity, dtype=np.uint8), bitorder="little")
            null = bits[chunk.bit_offset : chunk.bit_offset + n] == 0
            # A null's bytes are undefined: it reads nothing, from the buffer's start.
            start[null] = 0
            size[null] = 0
        starts.append(start)
        lengths.append(size)
        nulls.append(null)
    buffer = np.empty(at + _COLUMNS, dtype=np.uint8)
    buffer[at:] = 0
    position = 0
    for piece in pieces:
        buffer[position : position + len(piece)] = np.frombuffer(piece, dtype=np.uint8)
        position += len(piece)

    def joined(parts: list[Any], dtype: Any) -> Any:
        if len(parts) == 1:
            return parts[0]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

    return ArrowColumn(
        buffer, joined(starts, np.int64), joined(lengths, np.int64), joined(nulls, bool)
    )


# The numbers the checks need are read from a row's digit values 8 at a time: a row's
# first 8 digits as one 64-bit word (little-endian, so the first digit is the lowest byte)
# turn into their value in base 10, or in base 2, with three shift-multiply-add steps
# that combine neighbouring bytes, then pairs, then fours ("SIMD within a register").
# No BLAS: a threaded matrix product stalls when other processes hold the cores.
_LANES = (
    (np.uint64(8), np.uint64(0x00FF00FF00FF00FF)),
    (np.uint64(16), np.uint64(0x0000FFFF0000FFFF)),
    (np.uint64(32), np.uint64(0x00000000FFFFFFFF)),
)
_BASE_10 = (np.uint64(10), np.uint64(100), np.uint64(10_000))
_BASE_2 = (np.uint64(2), np.uint64(4), np.uint64(16))


def _eight_digits(words: Any, base: tuple[Any, ...]) -> Any:
    """The 8 digit values in each word read as a number in base 10 or 2 (int64), worked
    out in place in ``words`` (a contiguous array of its own).

    Each step keeps every lane below its width (99, 9999 in base 10), so no lane spills
    into the next; a word holding other byte values gives some number below 2**32.
    """
    x = words
    spare = np.empty_like(x)
    for (shift, mask), factor in zip(_LANES, base, strict=True):
        np.right_shift(x, shift, out=spare)
        x *= factor
        x += spare
        x &= mask
    return x.view(np.int64)


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
    last_x = c[:, 17] == 88
    bad = d > 9
    bad[:, 17] &= ~last_x
    # A row's flags read as three 64-bit words: one test per word, not per character
    # (of the third word, only the flags of characters 16 and 17 count).
    words = bad.view(np.uint64)
    shape = (words[:, 0] | words[:, 1] | (words[:, 2] & np.uint64(0xFFFF))) == 0
    digits = d.view(np.uint64)  # characters 0-7, 8-15 and 16-23 as three words
    # Characters 6-13, YYYYMMDD: the last two bytes of the first word, six of the second.
    born = _eight_digits(
        (digits[:, 0] >> np.uint64(48)) | (digits[:, 1] << np.uint64(16)), _BASE_10
    )
    year = born // 10_000
    mmdd = born - year * 10_000
    region = _eight_digits(digits[:, 0].copy(), _BASE_10) // 100
    # The weights of the standard are 2**(17 - i) mod 11: the 17 digits read in base 2
    # (as `mod_11_2` reads them in base 13, 13 being 2 mod 11) have half the weighted
    # sum's residue; the check character is looked up by that residue.
    binary = _eight_digits(digits[:, 0].copy(), _BASE_2)
    binary <<= 9
    binary += _eight_digits(digits[:, 1].copy(), _BASE_2) << 1
    binary += d[:, 16]
    binary -= binary // 11 * 11  # % 11, but division by a constant is the quick one
    if not shape.all():  # a non-digit made these numbers meaningless: keep them in range
        region = np.minimum(region, 999_999)
    checksum_ok = c[:, 17] == t["check_by_half"][binary]
    date_ok = t["month_day"][mmdd] & (year >= _FIRST_YEAR)
    feb29 = np.flatnonzero(mmdd == 229)
    if feb29.size:
        y = year[feb29]
        date_ok[feb29] &= (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))

    # Region and its warnings, for mainland numbers and permits.
    state = t["region_state"][region]
    sub = np.where(state >= year, np.uint8(_OK), t["after"][regions][state + 2])
    if regions is RegionPolicy.PROVINCE:
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
        sub[born > as_of] = _FUTURE
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
