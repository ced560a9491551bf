"""The published JSON Schema of every document type (``docs/schema/``): current, valid, and
met by every document `to_dict` writes.

`tools/make_schemas.py` writes the files from `xueji.serialization.json_schema`; these
tests fail when a file is missing or out of date (a layout that changed without a new
version, ADR 0030), and validate `to_dict` over the strategies with the `jsonschema`
package, so that the published layout and the code cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xueji import SCHEMAS, Policy, Record, to_dict
from xueji import strategies as xs

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_schemas", ROOT / "tools" / "make_schemas.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_VALIDATORS: dict[type, jsonschema.Draft202012Validator] = {}


def validator(cls: type) -> jsonschema.Draft202012Validator:
    """The validator of the committed file of ``cls``'s current layout."""
    if cls not in _VALIDATORS:
        _, name, version = SCHEMAS[cls].split("/")
        path = ROOT / "docs" / "schema" / name / f"{version}.json"
        schema = json.loads(path.read_text("utf-8"))
        checker = jsonschema.FormatChecker()
        _VALIDATORS[cls] = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return _VALIDATORS[cls]


def test_the_committed_schemas_are_the_ones_the_tool_writes() -> None:
    assert _tool().stale() == {}, "run python tools/make_schemas.py"


@pytest.mark.parametrize("cls", list(SCHEMAS), ids=lambda cls: cls.__name__)
def test_each_schema_is_a_valid_draft_2020_12_schema_named_by_its_tag(cls: type) -> None:
    schema = validator(cls).schema
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == SCHEMAS[cls]


def test_the_tool_refuses_a_changed_layout_under_the_same_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _tool()
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.main([]) == 0  # writes every file
    school = tmp_path / "school" / "1.json"
    school.write_text(school.read_text("utf-8").replace('"name"', '"title"'), encoding="utf-8")
    assert tool.main(["--check"]) == 1
    assert tool.main([]) == 1  # refused: bump the version instead
    assert tool.main(["--rewrite"]) == 0
    assert tool.main(["--check"]) == 0


@given(xs.records(max_steps=8))
def test_every_record_document_meets_its_schema(record: Record) -> None:
    validator(Record).validate(to_dict(record))


@given(st.one_of(xs.change_requests(), xs.transfer_requests(), xs.suspension_requests()))
def test_every_request_document_meets_its_schema(request: Any) -> None:
    validator(type(request)).validate(to_dict(request))


@given(st.one_of(xs.policies(), xs.actors(), xs.schools(), xs.students()))
def test_every_other_document_meets_its_schema(value: Any) -> None:
    validator(type(value)).validate(to_dict(value))


def test_the_schema_refuses_what_from_dict_refuses_by_shape() -> None:
    data = to_dict(Policy.LIAONING)
    for bad in (
        {**data, "schema": "xueji/policy/2"},
        {**data, "extra": 1},
        {key: value for key, value in data.items() if key != "name"},
        {**data, "entry_cutoff": "08-31"},
    ):
        assert not validator(Policy).is_valid(bad)
