"""Tests for the region and country look-ups and their generated data."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from xueji import _countries, _region_codes, _region_names, _regions
from xueji._regions import Region

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "make_regions.py"

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
]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_regions", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # NamedTuple classes look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_current_code_is_known_with_names() -> None:
    assert "110105" in _regions.KNOWN_CODES
    assert _regions.last_year("110105") is None
    assert _regions.region("110105") == Region("110105", "北京市", None, "朝阳区")


def test_retired_code_stays_known() -> None:
    assert "110103" in _regions.KNOWN_CODES
    assert _regions.last_year("110103") == 2010
    region = _regions.region("110103")
    assert region is not None
    assert region.county == "崇文区"


@pytest.mark.parametrize(
    ("year", "county"),
    [(1985, "东郊区"), (1991, "东郊区"), (1992, "东丽区"), (2000, "东丽区"), (None, "东丽区")],
)
def test_name_follows_the_year(year: int | None, county: str) -> None:
    region = _regions.region("120110", year)
    assert region is not None
    assert region.county == county


def test_year_outside_every_span_gives_latest_name() -> None:
    # 110119 is 延庆区 only since 2015; earlier years still get that name rather than nothing.
    region = _regions.region("110119", 1990)
    assert region is not None
    assert region.county == "延庆区"


def test_prefecture_name_and_levels() -> None:
    assert _regions.region("130102") == Region("130102", "河北省", "石家庄市", "长安区")
    assert _regions.region("130100") == Region("130100", "河北省", "石家庄市", None)
    assert _regions.region("130000") == Region("130000", "河北省", None, None)


def test_placeholder_prefectures_are_dropped() -> None:
    # 419000 is 省直辖县级行政单位 and 110100 is 市辖区: aggregates, not prefectures.
    jiyuan = _regions.region("419001")
    assert jiyuan is not None
    assert jiyuan.prefecture is None
    assert jiyuan.province == "河南省"
    beijing = _regions.region("110100")
    assert beijing == Region("110100", "北京市", None, None)


def test_prefecture_name_follows_the_year() -> None:
    # 632800 dropped 哈萨克族 from its name in 1985; 632801 (格尔木市) kept its own name.
    early = _regions.region("632801", 1984)
    late = _regions.region("632801", 1985)
    assert early == Region("632801", "青海省", "海西蒙古族藏族哈萨克族自治州", "格尔木市")
    assert late == Region("632801", "青海省", "海西蒙古族藏族自治州", "格尔木市")


@pytest.mark.parametrize("code", SUPPLEMENT_CODES)
def test_supplement_codes_are_known_and_current(code: str) -> None:
    assert code in _regions.KNOWN_CODES
    assert _regions.last_year(code) is None
    region = _regions.region(code)
    assert region is not None
    assert region.province is not None


def test_supplement_name() -> None:
    assert _regions.region("430419") == Region("430419", "湖南省", "衡阳市", "耒阳")
    assert _regions.region("632824") == Region("632824", "青海省", "海西蒙古族藏族自治州", None)


@pytest.mark.parametrize("code", ["990000", "119999", "", "11010", "1101055", "11010a", "830000"])
def test_unknown_codes(code: str) -> None:
    assert code not in _regions.KNOWN_CODES
    assert _regions.region(code) is None
    assert _regions.last_year(code) is None


def test_provinces() -> None:
    assert {"11", "65"} <= _regions.KNOWN_PROVINCES
    assert "99" not in _regions.KNOWN_PROVINCES
    assert {code[:2] for code in _regions.KNOWN_CODES} == _regions.KNOWN_PROVINCES
    assert set(_region_names.PROVINCE_NAMES) == _regions.KNOWN_PROVINCES


def test_repaired_inverted_spans() -> None:
    # loc.dat writes the old name as "[1983-1982]郊区"; it must still be found for 1982.
    region = _regions.region("210311", 1982)
    assert region is not None
    assert region.county == "郊区"
    assert all(first <= last for spans in _region_names.NAMES.values() for first, last, _ in spans)


def test_generated_tables_agree() -> None:
    codes = _region_codes.CODES
    assert len(codes) % 6 == 0
    assert len(_regions.KNOWN_CODES) * 6 == len(codes)  # no duplicates
    assert set(_region_names.NAMES) == _regions.KNOWN_CODES
    retired = _region_codes.RETIRED
    assert len(retired) % 10 == 0
    for i in range(0, len(retired), 10):
        code, year = retired[i : i + 6], int(retired[i + 6 : i + 10])
        assert code in _regions.KNOWN_CODES
        assert year == max(last for _, last, _ in _region_names.NAMES[code])
        assert year < 9999


def test_countries() -> None:
    assert _regions.country_name("398") == "Kazakhstan"
    assert _regions.country_name("156") == "China"
    assert _regions.country_name("999") is None
    assert _regions.is_country("840")
    assert not _regions.is_country("000")
    assert not _regions.is_country("84")
    assert _regions.known_countries() == frozenset(_countries.NAMES)
    assert len(_countries.CODES) == 3 * len(_countries.NAMES)


def _recorded_sources() -> dict[str, str]:
    """The source versions named in the generated files' headers."""
    package = ROOT / "src" / "xueji"
    headers = (package / "_region_codes.py").read_text(encoding="utf-8")[:600]
    headers += (package / "_countries.py").read_text(encoding="utf-8")[:600]
    return dict(re.findall(r"(python-stdnum|pycountry) ([0-9][0-9.]*[0-9])", headers))


def test_generated_files_are_up_to_date() -> None:
    """Regenerating from the recorded source versions gives the committed files byte for byte.

    With other versions installed the files may rightly differ: the test is then skipped
    (regenerate with ``python tools/make_regions.py`` to move to the new data).
    """
    pytest.importorskip("pycountry", reason="the generator needs pycountry (test extra)")
    recorded = _recorded_sources()
    installed = {name: importlib.metadata.version(name) for name in recorded}
    if installed != recorded:
        pytest.skip(f"data generated from {recorded}, installed {installed}")
    texts = _load_tool().render()
    package = ROOT / "src" / "xueji"
    assert set(texts) == {"_region_codes.py", "_region_names.py", "_countries.py"}
    for name, text in texts.items():
        committed = (package / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python tools/make_regions.py"


def test_import_does_not_load_names() -> None:
    code = (
        "import sys, xueji._regions\n"
        "print('xueji._region_names' in sys.modules, 'xueji._countries' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
