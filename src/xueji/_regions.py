"""Region (GB/T 2260) and country (ISO 3166-1 numeric) look-ups.

Only the small code strings are imported eagerly; the name tables load on first use so that
``import xueji`` stays cheap.
"""

from __future__ import annotations

import functools
from typing import Final

import attrs

from xueji import _region_codes

__all__ = [
    "KNOWN_CODES",
    "KNOWN_PROVINCES",
    "Region",
    "country_name",
    "is_country",
    "known_countries",
    "last_year",
    "region",
]


def _split(packed: str, width: int) -> list[str]:
    return [packed[i : i + width] for i in range(0, len(packed), width)]


KNOWN_CODES: Final[frozenset[str]] = frozenset(_split(_region_codes.CODES, 6))
"""Every 6-digit code ever listed (current and retired, with the supplement)."""

KNOWN_PROVINCES: Final[frozenset[str]] = frozenset(_split(_region_codes.PROVINCES, 2))
"""The 2-digit province codes."""

# Names at these xxyy00 codes group county-level units; they are not prefectures.
_PLACEHOLDERS: Final = frozenset(
    {
        "市辖区",
        "县",
        "省直辖县级行政单位",
        "省直辖行政单位",
        "自治区直辖县级行政单位",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
    }
)


@functools.cache
def _retired() -> dict[str, int]:
    return {record[:6]: int(record[6:]) for record in _split(_region_codes.RETIRED, 10)}


@functools.cache
def county_level_codes() -> frozenset[str]:
    """Codes of county-level areas: every code with no code below it in the table.

    That is every ``xxxxyy`` code with ``yy`` not ``00``, plus the prefecture-level cities
    that have no counties (东莞 441900, 中山 442000, 嘉峪关 620200 …).

    >>> {"110105", "441900"} <= county_level_codes(), "110000" in county_level_codes()
    (True, False)
    """
    parents = {code[:4] + "00" for code in KNOWN_CODES if not code.endswith("00")}
    parents |= {code[:2] + "0000" for code in KNOWN_CODES if not code.endswith("0000")}
    return KNOWN_CODES - parents


def retired_codes() -> frozenset[str]:
    """Every code no longer in use."""
    return frozenset(_retired())


def last_year(code: str) -> int | None:
    """Return the last year a retired code was in use; None if it is current or unknown.

    >>> last_year("110103"), last_year("110105")
    (2010, None)
    """
    return _retired().get(code)


@attrs.frozen
class Region:
    """Names for a 6-digit code, each None when that level does not apply or is unnamed.

    >>> region("120110", 1985)
    Region(code='120110', province='天津市', prefecture=None, county='东郊区')
    >>> region("130100")
    Region(code='130100', province='河北省', prefecture='石家庄市', county=None)
    """

    code: str
    province: str | None
    prefecture: str | None
    county: str | None


def _name(spans: tuple[tuple[int, int, str], ...], year: int | None) -> str | None:
    """Pick the name in force in ``year``, else the latest one."""
    if not spans:
        return None
    if year is not None:
        for first, last, name in spans:
            if first <= year <= last:
                return name
    return max(spans, key=lambda span: (span[1], span[0]))[2]


def region(code: str, year: int | None = None) -> Region | None:
    """Return the province, prefecture and county names of ``code``; None if it is unknown.

    >>> region("110105")
    Region(code='110105', province='北京市', prefecture=None, county='朝阳区')
    >>> region("119999") is None
    True
    """
    if code not in KNOWN_CODES:
        return None
    from xueji import _region_names  # deferred: the name table is large

    names = _region_names.NAMES
    province_code = code[:2] + "0000"
    province = _name(names.get(province_code, ()), year)
    if province is None:
        province = _region_names.PROVINCE_NAMES.get(code[:2])
    if code == province_code:
        return Region(code, province, None, None)
    prefecture = _name(names.get(code[:4] + "00", ()), year)
    if prefecture in _PLACEHOLDERS:
        prefecture = None
    if code.endswith("00"):
        return Region(code, province, prefecture, None)
    return Region(code, province, prefecture, _name(names[code], year))


@functools.cache
def known_countries() -> frozenset[str]:
    """Return the ISO 3166-1 numeric codes known to the library (loaded on first use)."""
    from xueji import _countries  # deferred: only permanent-residence cards need it

    return frozenset(_split(_countries.CODES, 3))


def is_country(code3: str) -> bool:
    """Say whether ``code3`` is a known ISO 3166-1 numeric country code.

    >>> is_country("398"), is_country("999")
    (True, False)
    """
    return code3 in known_countries()


def country_name(code3: str) -> str | None:
    """Return the English name of an ISO 3166-1 numeric country code, or None.

    >>> country_name("156")
    'China'
    """
    from xueji import _countries

    return _countries.NAMES.get(code3)
