"""Generate xueji's region-code and country-code data modules.

Run from the repository root::

    python tools/make_regions.py

It overwrites three modules under ``src/xueji``:

``_region_codes.py``
    GB/T 2260 province codes, all known 6-digit codes and the retired ones, as plain concatenated
    strings (cheap to import; the runtime slices them).
``_region_names.py``
    The names of every code, with the years each name was in force.
``_countries.py``
    ISO 3166-1 numeric country codes and English names, for the 2023 foreigner permanent-residence
    card.

Sources: python-stdnum's ``cn/loc.dat`` (itself compiled from Chinese Wikipedia), the SUPPLEMENT
table below, and pycountry. pycountry is needed only to run this tool, never by the package.

The output depends only on the installed data, never on the clock, so running the tool twice gives
identical files, and ``render()`` lets the test suite check that the committed files are current.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "src" / "xueji"

CODES_FILE = "_region_codes.py"
NAMES_FILE = "_region_names.py"
COUNTRIES_FILE = "_countries.py"

OPEN_START = 0  # name in use since before the table begins (1980)
OPEN_END = 9999  # name still in use

# The 2023 permanent-residence card carries ISO 3166-1 numeric codes. A country code withdrawn
# before that format existed can never have been printed on such a card, so historic codes are
# kept only when they were withdrawn in or after this year (none are, today; the rule keeps a
# code known after a future pycountry release retires it, since issued cards keep their code).
COUNTRY_CARD_FIRST_YEAR = 2023


class Supplement(NamedTuple):
    """A 6-digit code seen on real, working ID numbers but missing from loc.dat."""

    code: str
    name: str | None  # None when no source gives the name
    source: str


# Every entry was checked to be absent from python-stdnum 2.2's loc.dat. render() refuses to run
# if one appears there later, so the entry is reviewed against the new data, not shadowing it.
# Also reported but already present in loc.dat (so not listed): 370123 (jxlwqq/id-validator#66),
# 332827 遂昌县 and 332828 松阳县 ([1982-2000], the id-validator misses recorded in peers.md).
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
)

Span = tuple[int, int, str]

_PROVINCE_LINE = re.compile(r'(\d{2}) province="([^"]*)"')
_COUNTY_LINE = re.compile(r'  (\d{4}) county="([^"]*)"')
_NAME_PART = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?([^\[\],]+)")


class LocData(NamedTuple):
    """What the tool takes from loc.dat."""

    version: str
    urls: tuple[str, ...]
    provinces: dict[str, str]  # 2-digit code -> name on the province line
    names: dict[str, tuple[Span, ...]]  # 6-digit code -> spans, oldest first
    repaired: tuple[str, ...]  # codes whose inverted spans were repaired


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


def read_loc_dat() -> LocData:
    """Read python-stdnum's cn/loc.dat."""
    text = importlib.resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    urls: list[str] = []
    provinces: dict[str, str] = {}
    names: dict[str, tuple[Span, ...]] = {}
    repaired: list[str] = []
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
        names[code], was_repaired = _parse_name(code, match[2])
        if was_repaired:
            repaired.append(code)
    return LocData(
        version=importlib.metadata.version("python-stdnum"),
        urls=tuple(urls),
        provinces=provinces,
        names=names,
        repaired=tuple(repaired),
    )


def _wrapped_string(name: str, annotation: str, value: str, unit: int) -> str:
    """Render ``NAME: Final = (...)`` as implicitly concatenated chunks of whole records."""
    per_line = max(1, 96 // unit) * unit
    if len(value) <= per_line:
        return f'{name}: {annotation} = "{value}"\n'
    chunks = [value[i : i + per_line] for i in range(0, len(value), per_line)]
    body = "".join(f'    "{chunk}"\n' for chunk in chunks)
    return f"{name}: {annotation} = (\n{body})\n"


def _header(docstring: str, sources: Iterable[str]) -> str:
    lines = ["# Generated by tools/make_regions.py — do not edit.", "#"]
    lines += [f"# {source}" if source else "#" for source in sources]
    return "\n".join(lines) + f'\n"""{docstring}"""\n\nfrom typing import Final\n\n'


def _loc_sources(loc: LocData) -> list[str]:
    return [
        f"Source: python-stdnum {loc.version}, stdnum/cn/loc.dat, which was downloaded from",
        *(f"  {url}" for url in loc.urls),
        f"plus {len(SUPPLEMENT)} codes from the SUPPLEMENT table in tools/make_regions.py",
        "(codes on real ID numbers that loc.dat lacks; cited there).",
    ]


def _render_codes(loc: LocData, names: dict[str, tuple[Span, ...]]) -> str:
    codes = sorted(names)
    retired = [
        code + f"{max(last for _, last, _ in spans):04d}"
        for code in codes
        if (spans := names[code]) and all(last != OPEN_END for _, last, _ in spans)
    ]
    doc = (
        "GB/T 2260 administrative division codes as concatenated strings.\n\n"
        "PROVINCES holds 2-digit codes, CODES 6-digit codes (every code ever listed, including\n"
        "province-level xx0000 and prefecture-level xxyy00 entries), and RETIRED 10-character\n"
        "records CCCCCCYYYY (code, last year in use) for codes no longer in use. All are sorted.\n"
    )
    out = _header(doc, _loc_sources(loc))
    out += _wrapped_string("PROVINCES", "Final", "".join(sorted(loc.provinces)), 2)
    out += "\n" + _wrapped_string("CODES", "Final", "".join(codes), 6)
    out += "\n" + _wrapped_string("RETIRED", "Final", "".join(retired), 10)
    return out


def _render_names(
    loc: LocData, names: dict[str, tuple[Span, ...]], province_names: dict[str, str]
) -> str:
    doc = (
        "Names of GB/T 2260 codes with the years each name was in force.\n\n"
        "NAMES maps a 6-digit code to (first_year, last_year, name) spans, oldest first;\n"
        f"first_year {OPEN_START} means since before the table begins, last_year {OPEN_END} means\n"
        "still in use. A code whose name no source gives has no spans. PROVINCE_NAMES maps a\n"
        "2-digit code to the latest name of its xx0000 entry.\n"
    )
    out = _header(doc, _loc_sources(loc))
    out += "PROVINCE_NAMES: Final[dict[str, str]] = {\n"
    out += "".join(f"    {code!r}: {province_names[code]!r},\n" for code in sorted(province_names))
    out += "}\n\nNAMES: Final[dict[str, tuple[tuple[int, int, str], ...]]] = {\n"
    for code in sorted(names):
        spans = names[code]
        inner = "".join(f"({first}, {last}, {name!r}), " for first, last, name in spans)
        out += f"    {code!r}: ({inner.rstrip()}),\n"
    return out + "}\n"


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
        "CODES holds sorted 3-digit codes, concatenated; NAMES maps each code to an English\n"
        "(common, else official short) name.\n"
    )
    sources = [
        f"Source: pycountry {version} (ISO 3166-1 numeric codes, current countries), plus",
        f"historic codes withdrawn in or after {COUNTRY_CARD_FIRST_YEAR}, because a card keeps the",
        "code it was issued with (earlier withdrawals never appeared on the 2023 card format).",
    ]
    out = _header(doc, sources)
    out += _wrapped_string("CODES", "Final", "".join(sorted(names)), 3)
    out += "\nNAMES: Final[dict[str, str]] = {\n"
    out += "".join(f"    {code!r}: {names[code]!r},\n" for code in sorted(names))
    return out + "}\n"


def render() -> dict[str, str]:
    """Return the three generated files' texts, keyed by file name under src/xueji."""
    loc = read_loc_dat()
    names = dict(loc.names)
    for entry in SUPPLEMENT:
        if entry.code in names:
            raise ValueError(f"supplement code {entry.code} is now in loc.dat: review SUPPLEMENT")
        if entry.code[:2] not in loc.provinces:
            raise ValueError(f"supplement code {entry.code} has an unknown province")
        names[entry.code] = ((OPEN_START, OPEN_END, entry.name),) if entry.name else ()
    province_names = {
        code: max(names[code + "0000"], key=lambda span: (span[1], span[0]))[2]
        if names.get(code + "0000")
        else name
        for code, name in loc.provinces.items()
    }
    country_version, countries = _countries()
    return {
        CODES_FILE: _render_codes(loc, names),
        NAMES_FILE: _render_names(loc, names, province_names),
        COUNTRIES_FILE: _render_countries(country_version, countries),
    }


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
