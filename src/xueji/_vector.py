"""The vectorised path of :func:`xueji.check_many` (needs numpy; imported only then).

It classifies canonical 18-character resident IDs (ASCII digits and a final digit or
``X``, the overwhelming majority of real columns) with whole-array arithmetic and hands
every other row back to the scalar path. Each step mirrors the scalar check in
:func:`xueji.resident_id.problem`, in the same order; a differential property test
holds the two paths to equal results.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from xueji import _regions, dataset
from xueji._checksum import CHECK_CHARACTERS, WEIGHTS
from xueji.checks import REGION_WARNINGS
from xueji.errors import Reason
from xueji.resident_id import _MONTH_DAYS, PERMITS, RegionCheck

__all__ = ["as_array", "classify"]


def as_array(codes: bytearray) -> Any:
    """A bytearray of row codes as a numpy array (no copy)."""
    return np.frombuffer(codes, dtype=np.uint8)


# Row codes, as in xueji.dataset.
_OK = dataset.OK
_DETAIL = dataset.DETAIL
_RETIRED = dataset.RETIRED
_AGGREGATE = dataset.AGGREGATE
_CHECKSUM, _BIRTH_DATE, _FUTURE, _REGION, _NATIONALITY, _LENGTH = (
    dataset.CODED_ERRORS.index(reason) + 1
    for reason in (
        Reason.CHECKSUM,
        Reason.BIRTH_DATE,
        Reason.FUTURE_BIRTH_DATE,
        Reason.REGION,
        Reason.NATIONALITY,
        Reason.LENGTH,
    )
)
_WIDTH = 20  # rows up to this long are classified here; longer ones by the scalar path


@functools.cache
def _tables() -> dict[str, Any]:
    """Lookup tables, built on first use and shared by every later call."""
    known = np.zeros(1_000_000, dtype=bool)
    known[[int(c) for c in _regions.KNOWN_CODES | PERMITS.keys()]] = True
    provinces = np.zeros(100, dtype=bool)
    provinces[[int(p) for p in _regions.KNOWN_PROVINCES]] = True
    # Year up to which a code raises no warning: 9999 for most; its last year if retired;
    # -1 (always warn) for aggregate codes.
    warn_until = np.full(1_000_000, 9999, dtype=np.int16)
    for code, last in REGION_WARNINGS.items():
        warn_until[int(code)] = -1 if last == "0000" else int(last)
    month_day = np.zeros((14, 33), dtype=bool)
    for md in _MONTH_DAYS:
        month_day[int(md[:2]), int(md[2:])] = True
    check_chars = np.frombuffer(CHECK_CHARACTERS.encode(), dtype=np.uint8)
    countries = np.zeros(1000, dtype=bool)
    countries[[int(c) for c in _regions.known_countries()]] = True
    return {
        "countries": countries,
        "known": known,
        "provinces": provinces,
        "warn_until": warn_until,
        "month_day": month_day,
        "check_chars": check_chars,
        "weights": np.array(WEIGHTS, dtype=np.int32),
    }


def _characters(values: Any) -> tuple[Any, Any]:
    """ASCII bytes of every row up to 20 characters long (zero-padded), and each row's
    length; -1 for rows the scalar path must take (not text, non-ASCII, longer)."""
    n = len(values)
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        # A fixed-width string array: lengths and code points without touching Python objects.
        width = values.dtype.itemsize // 4
        points = np.zeros((n, _WIDTH), dtype=np.uint32)
        if width:
            points[:, : min(width, _WIDTH)] = values.view(np.uint32).reshape(n, width)[:, :_WIDTH]
        lengths = np.char.str_len(values).astype(np.int64)
        lengths[(lengths > _WIDTH) | (points >= 128).any(axis=1)] = -1
        return points.astype(np.uint8), lengths
    # Plain short text only; anything else becomes "" without being touched (no str()
    # call that could raise) and goes to the scalar path.
    texts = [v if type(v) is str and len(v) <= _WIDTH else "" for v in values]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    try:
        raw = np.array(texts, dtype=f"S{_WIDTH}")
    except UnicodeEncodeError:
        texts = [v if v.isascii() else "" for v in texts]
        raw = np.array(texts, dtype=f"S{_WIDTH}")
    # Fixed-width bytes drop trailing NULs: a row whose stored length differs is not
    # what it seems, and so is every row blanked above.
    lengths[(np.char.str_len(raw) != lengths) | (lengths == 0)] = -1
    return raw.view(np.uint8).reshape(n, _WIDTH), lengths


def classify(values: Any, as_of: str | None, regions: RegionCheck) -> tuple[Any, Any]:
    """Per-row codes for ``values`` (a list, or a numpy string array), and the indices
    left for the scalar path."""
    n = len(values)
    codes = np.full(n, _DETAIL, dtype=np.uint8)
    chars, lengths = _characters(values)
    t = _tables()

    # Wrong length, nothing but digits and X, not a school code's 10 and not led by an X
    # (which reads as a registry prefix): the scalar path would say `length` too.
    others = np.flatnonzero((lengths > 0) & (lengths != 18) & (lengths != 10))
    if others.size:
        o = chars[others]
        id_char = ((o >= 48) & (o <= 57)) | (o == 88)
        inside = np.arange(_WIDTH) < lengths[others, None]
        length_only = (o[:, 0] != 88) & (id_char | ~inside).all(axis=1)
        codes[others[length_only]] = _LENGTH

    candidates = np.flatnonzero(lengths == 18)
    c = chars[candidates, :18]
    body, last = c[:, :17], c[:, 17]
    shape = ((body >= 48) & (body <= 57)).all(axis=1) & (
        ((last >= 48) & (last <= 57)) | (last == 88)
    )
    rows = candidates[shape]
    c = c[shape]
    digits = c[:, :17].astype(np.int32) - 48
    # digits @ weights is the standard's weighted sum S; the character is table[S % 11].
    expected = t["check_chars"][(digits @ t["weights"]) % 11]
    checksum_ok = c[:, 17] == expected

    year = digits[:, 6] * 1000 + digits[:, 7] * 100 + digits[:, 8] * 10 + digits[:, 9]
    month = digits[:, 10] * 10 + digits[:, 11]
    day = digits[:, 12] * 10 + digits[:, 13]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    date_ok = (
        t["month_day"][np.minimum(month, 13), np.minimum(day, 32)]
        & (year >= 1850)
        & ~((month == 2) & (day == 29) & ~leap)
    )
    ymd = year * 10000 + month * 100 + day
    future = np.zeros(len(rows), dtype=bool) if as_of is None else ymd > int(as_of)

    region = (
        digits[:, 0] * 100000
        + digits[:, 1] * 10000
        + digits[:, 2] * 1000
        + digits[:, 3] * 100
        + digits[:, 4] * 10
        + digits[:, 5]
    )
    foreign = digits[:, 0] == 9
    province = digits[:, 1] * 10 + digits[:, 2]
    country = digits[:, 3] * 100 + digits[:, 4] * 10 + digits[:, 5]
    if regions is RegionCheck.KNOWN:
        region_ok = t["known"][region]
    elif regions is RegionCheck.PROVINCE:
        region_ok = t["provinces"][region // 10000] | np.isin(region, [810000, 820000, 830000])
    else:
        region_ok = np.ones(len(rows), dtype=bool)

    sub = np.full(len(rows), _DETAIL, dtype=np.uint8)
    # Assign from the last check to the first, so the earliest failing check wins.
    warn_until = t["warn_until"][region]
    valid = region_ok & ~foreign
    sub[valid] = np.where(
        warn_until[valid] >= year[valid],
        _OK,
        np.where(warn_until[valid] == -1, _AGGREGATE, _RETIRED),
    )
    sub[~region_ok & ~foreign] = _REGION
    # The foreigner's card: its province, then (under KNOWN) its nationality; no warnings.
    if regions is RegionCheck.FORMAT:
        sub[foreign] = _OK
    else:
        province_ok = t["provinces"][province]
        country_ok = t["countries"][country] | (regions is RegionCheck.PROVINCE)
        sub[foreign] = np.where(
            ~province_ok[foreign], _REGION, np.where(~country_ok[foreign], _NATIONALITY, _OK)
        )
    sub[future] = _FUTURE
    sub[~date_ok] = _BIRTH_DATE
    bad_sum = ~checksum_ok
    sub[bad_sum] = _CHECKSUM
    # An ID ending in 000 that fails its checksum is float damage: the scalar path says so.
    sub[bad_sum & (c[:, 15] == 48) & (c[:, 16] == 48) & (c[:, 17] == 48)] = _DETAIL
    codes[rows] = sub
    rest = np.flatnonzero(codes == _DETAIL)
    return codes, rest
