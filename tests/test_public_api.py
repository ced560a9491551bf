"""The public list: every public name declared once, in the `__all__` of its module; from
there (through the `_PUBLIC` table that tools/make_init.py writes) `__all__`, the lazy
table, `dir(xueji)` and the `TYPE_CHECKING` block that static type checkers read.

Promised: `import xueji` loads only what validating a number needs, and the rest on first
use; a type checker sees the real type of every name, lazy or not; every name in a public
module's `__all__` is reachable from `xueji` (the strategies module, an extra that needs
Hypothesis, is the one documented exception); public types live in public modules; and the
names renamed for one vocabulary keep working for one release, with a `DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from types import ModuleType

import pytest

import xueji

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = xueji._PUBLIC


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_init", ROOT / "tools" / "make_init.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- one declaration ----------------------------------------------------------------------


def test_the_generated_part_of_the_package_is_the_one_the_tool_writes() -> None:
    block, wanted = _tool().current((ROOT / "src" / "xueji" / "__init__.py").read_text())
    assert block == wanted, "run python tools/make_init.py"


def test_the_tool_reads_each_modules_all() -> None:
    source = (ROOT / "src" / "xueji" / "__init__.py").read_text()
    table = _tool().public_names(source)
    assert table["xueji.columns"] == tuple(importlib.import_module("xueji.columns").__all__)
    assert table["xueji.regions"] == tuple(importlib.import_module("xueji.regions").__all__)


def test_all_is_every_declared_name_once_and_sorted() -> None:
    declared = [name for names in PUBLIC.values() for name in names]
    assert len(declared) == len(set(declared))
    assert xueji.__all__ == sorted(declared)
    assert dir(xueji) == xueji.__all__


@pytest.mark.parametrize("name", xueji.__all__)
def test_every_public_name_is_the_object_of_the_module_that_declares_it(name: str) -> None:
    (module,) = [m for m, names in PUBLIC.items() if name in names]
    assert getattr(xueji, name) is getattr(importlib.import_module(module), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        xueji.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


# -- public modules, public types ---------------------------------------------------------

#: Modules that need an extra (Hypothesis, pandas, polars), which `import xueji` never
#: imports: their names are module-level only.
EXTRAS = ("strategies", "pandas", "polars")
PUBLIC_MODULES = sorted(
    f"xueji.{path.stem}"
    for path in (ROOT / "src" / "xueji").glob("*.py")
    if not path.stem.startswith("_") and path.stem not in EXTRAS
)


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_name_of_a_public_modules_all_is_reachable_from_xueji(module: str) -> None:
    names = importlib.import_module(module).__all__
    assert set(names) <= set(xueji.__all__)


@pytest.mark.parametrize("extra", EXTRAS)
def test_the_modules_of_extras_are_module_level_only_and_documented_so(extra: str) -> None:
    # They need Hypothesis, pandas or polars, which `import xueji` never imports.
    assert f"xueji.{extra}" not in PUBLIC
    module = ROOT / "src" / "xueji" / extra
    path = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
    assert "import xueji" in path.read_text(encoding="utf-8")[:600]


# Region is being moved to a public module of its own by the region-table work.
PRIVATE_HOME_PENDING = {"Region"}


@pytest.mark.parametrize("name", xueji.__all__)
def test_a_public_type_lives_in_a_public_module(name: str) -> None:
    value = getattr(xueji, name)
    if isinstance(value, type) and name not in PRIVATE_HOME_PENDING:
        assert not any(part.startswith("_") for part in value.__module__.split("."))


def test_the_old_private_homes_still_give_the_same_objects() -> None:
    from xueji import _frozen, _text

    assert _frozen.FrozenMap is xueji.FrozenMap
    assert _text.Cleaning is xueji.Cleaning
    assert _text.MAX_INPUT == xueji.MAX_INPUT


def test_a_frozen_map_pickled_under_its_old_private_home_still_loads() -> None:
    # What pickle wrote for FrozenMap({"a": 1}) when the class lived in xueji._frozen.
    new = pickle.dumps(xueji.FrozenMap({"a": 1}), protocol=0)
    old = new.replace(b"xueji.frozenmap", b"xueji._frozen")
    assert b"xueji._frozen" in old
    assert pickle.loads(old) == xueji.FrozenMap({"a": 1})


# -- lazy loading -------------------------------------------------------------------------


def test_import_xueji_loads_only_what_validating_a_number_needs() -> None:
    code = (
        "import sys, xueji\n"
        "assert xueji.ResidentID.is_valid('11010519491231002X')\n"
        "print(sorted(m for m in sys.modules if m.startswith('xueji')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(eval(out.stdout))
    assert loaded.isdisjoint(
        {
            "xueji.record",
            "xueji.lifecycle",
            "xueji.change_request",
            "xueji.checks",
            "xueji.columns",
            "xueji.rows",
            "xueji.dataset",
            "xueji.strategies",
            "xueji._vector",
            "xueji._region_names",
            "xueji.fields",
            "xueji._fields",
            "xueji.pandas",
            "xueji.polars",
            "xueji.history",
            "xueji.serialization",
        }
    )
    assert {"xueji.resident_id", "xueji.errors", "xueji._core"} <= loaded


# -- static types -------------------------------------------------------------------------


def test_a_type_checker_sees_the_real_type_of_lazily_loaded_names(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    user = tmp_path / "user_code.py"
    user.write_text(
        textwrap.dedent(
            """
            import datetime
            import xueji

            def status(record: xueji.Record) -> xueji.Status:
                return record.status

            rows: int = xueji.check_many([]).summary().ok_rows
            born, cut_off = datetime.date(2020, 8, 31), datetime.date(2026, 8, 31)
            entry: bool = xueji.meets_age(born, years=6, by=cut_off)
            reveal_type(xueji.Record)
            reveal_type(xueji.check)
            wrong: str = xueji.check_many([]).summary().ok_rows
            """
        )
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(user),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=tmp_path,
    )
    out = result.stdout
    assert 'Revealed type is "def (number: xueji.registry_number.RegistryNumber' in out, out
    assert "-> xueji.checks.Check" in out, out
    # The one deliberate mistake is found, and nothing else: the types are real, not Any.
    assert out.count("error:") == 1, out
    assert 'Incompatible types in assignment (expression has type "int"' in out, out


# -- one vocabulary: the old names, for one release ---------------------------------------

RENAMED = [
    ("xueji", "RegionCheck", "xueji.parsing", "RegionPolicy"),
    ("xueji.resident_id", "RegionCheck", "xueji.parsing", "RegionPolicy"),
    ("xueji.dataset", "check_many", "xueji.columns", "check_many"),
    ("xueji.dataset", "Report", "xueji.columns", "Report"),
    ("xueji.dataset", "Summary", "xueji.columns", "Summary"),
    ("xueji.dataset", "check_row", "xueji.rows", "check_row"),
    ("xueji.dataset", "RowCheck", "xueji.rows", "RowCheck"),
    ("xueji.dataset", "find_duplicates", "xueji.rows", "find_duplicates"),
    ("xueji.dataset", "DuplicateGroup", "xueji.rows", "DuplicateGroup"),
    ("xueji.checks", "region_warning", "xueji._core", "region_warning"),
    ("xueji.school", "credit_code_problem", "xueji.school", "_credit_code_reason"),
]


@pytest.mark.parametrize(("module", "old", "home", "new"), RENAMED, ids=lambda v: str(v))
def test_an_old_name_still_works_and_warns(module: str, old: str, home: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=old):
        value = getattr(importlib.import_module(module), old)
    assert value is getattr(importlib.import_module(home), new)


def test_the_summary_count_of_ok_rows_keeps_its_old_name_for_one_release() -> None:
    summary = xueji.check_many(["11010519491231002X", None]).summary()
    with pytest.warns(DeprecationWarning, match="ok_rows"):
        assert summary.ok == summary.ok_rows == 1


def test_the_new_names_warn_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in xueji.__all__:
            getattr(xueji, name)
