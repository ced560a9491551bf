"""Region (GB/T 2260) and country (ISO 3166-1 numeric) look-ups for the validators.

``import xueji`` loads this module and the small ``_region_codes`` strings only: two
``str.split()`` calls and two frozensets. The names, the history and the public classes
(``xueji.regions``) load on first use.
"""

from __future__ import annotations

import functools
from typing import Final

from xueji import _region_codes

__all__ = [
    "KNOWN_CODES",
    "KNOWN_PROVINCES",
    "country_name",
    "county_level_codes",
    "is_country",
    "known_countries",
    "last_year",
    "retired_codes",
]

KNOWN_CODES: Final[frozenset[str]] = frozenset(_region_codes.CODES.split())
"""Every 6-digit code that any source lists (current and retired, with the supplement)."""

KNOWN_PROVINCES: Final[frozenset[str]] = frozenset(_region_codes.PROVINCES.split())
"""The 2-digit province codes."""


@functools.cache
def _retired() -> dict[str, int]:
    return {record[:6]: int(record[6:]) for record in _region_codes.RETIRED.split()}


@functools.cache
def county_level_codes() -> frozenset[str]:
    """Codes of county-level areas: every code with no code below it in the table.

    That is every ``xxxxyy`` code with ``yy`` not ``00``, plus the prefecture-level cities
    that have no counties (东莞 441900, 中山 442000, 嘉峪关 620200 …). A summary code such
    as 620201 (嘉峪关市 市辖区) does not count as a county below its city.

    Examples:
        >>> {"110105", "441900", "620200"} <= county_level_codes(), "110000" in county_level_codes()
        (True, False)
    """
    summary = frozenset(_region_codes.SUMMARY.split())
    parents = {
        code[:4] + "00" for code in KNOWN_CODES if not code.endswith("00") and code not in summary
    }
    parents |= {code[:2] + "0000" for code in KNOWN_CODES if not code.endswith("0000")}
    return KNOWN_CODES - parents


def retired_codes() -> frozenset[str]:
    """Every code no longer in force."""
    return frozenset(_retired())


def last_year(code: str) -> int | None:
    """Return the last year a retired code was in force; None if it is current or unknown.

    Examples:
        >>> last_year("110103"), last_year("110105")
        (2010, None)
    """
    return _retired().get(code)


@functools.cache
def known_countries() -> frozenset[str]:
    """Return the ISO 3166-1 numeric codes known to the library (loaded on first use)."""
    from xueji import _countries  # deferred: only permanent-residence cards need it

    return frozenset(_countries.CODES.split())


def is_country(code3: str) -> bool:
    """Say whether ``code3`` is a known ISO 3166-1 numeric country code.

    Examples:
        >>> is_country("398"), is_country("999")
        (True, False)
    """
    return code3 in known_countries()


def country_name(code3: str) -> str | None:
    """Return the English name of an ISO 3166-1 numeric country code, or None.

    Examples:
        >>> country_name("156")
        'China'
    """
    from xueji import _countries

    return _countries.NAMES.get(code3)
