"""Storing values: [`to_dict`][xueji.to_dict], [`from_dict`][xueji.from_dict], and the
configured cattrs [`CONVERTER`][xueji.CONVERTER].

`to_dict` gives JSON-ready data: text, integers, switches, None, lists and dicts; dates as
``YYYY-MM-DD``; numbers (resident IDs, registry numbers, school codes) as their canonical
text, in full, since this is storage and not display (``repr()`` stays masked). Every
value that has fields (a record, a request, a policy, a school…) becomes a *document*
that names its type and layout version, ``"schema": "xueji/record/1"``; records,
requests and policies carry that tag wherever they appear, so a record's history holds
its requests as whole request documents. The layout of each version is published as
JSON Schema (`json_schema`, committed under ``docs/schema/``); ADR 0030 says what bumps a
version and how older versions load.

`from_dict` rebuilds the value through its constructors, so every validator runs, and a
record's history is replayed ([`check_history`][xueji.check_history]): data that no
sequence of the rule functions could have made is refused with `InvalidValue`, whose
``path`` names the field (``history[3].by.scope``) and whose ``reason`` is the failed
check's.

Examples:
    >>> import datetime, json
    >>> from xueji import School
    >>> school = School("2111010001", "朝阳实验小学", "110105")
    >>> data = to_dict(school)
    >>> data["schema"], data["code"], data["region_code"], data["credit_code"]
    ('xueji/school/1', '2111010001', '110105', None)
    >>> from_dict(School, json.loads(json.dumps(data))) == school
    True
    >>> from_dict(School, {**data, "region_code": "999999"})
    Traceback (most recent call last):
    xueji.errors.InvalidValue: region_code: invalid region code '999999': unknown region code

This module imports cattrs, which ``import xueji`` never does: it loads on first use.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import cattrs

from xueji._documents import (
    OVERRIDES,
    Described,
    Document,
    Field,
    describe,
    field_for,
    nested,
    origin,
    reading,
    register,
)
from xueji.actor import Actor
from xueji.approval import Decision, Route, Step
from xueji.errors import InvalidValue, XuejiError
from xueji.frozenmap import FrozenMap
from xueji.history import check_history
from xueji.policy import MonthDay, Policy
from xueji.record import DedupResult, Event, Period, PopulationMatch, Record, Student
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID
from xueji.school import School, SchoolCode
from xueji.workflow import ChangeRequest, SuspensionRequest, TransferRequest

__all__ = ["CONVERTER", "SCHEMAS", "from_dict", "json_schema", "to_dict"]

T = TypeVar("T")

#: The types stored on their own, which carry their schema tag wherever they appear.
_DOCUMENTS: Final[dict[type, tuple[str, int]]] = {
    Record: ("record", 1),
    ChangeRequest: ("change-request", 1),
    TransferRequest: ("transfer-request", 1),
    SuspensionRequest: ("suspension-request", 1),
    Policy: ("policy", 1),
}
#: The types that are parts of others: tagged only when stored on their own.
_PARTS: Final[dict[type, tuple[str, int]]] = {
    Event: ("event", 1),
    Student: ("student", 1),
    School: ("school", 1),
    Actor: ("actor", 1),
    Decision: ("decision", 1),
    Route: ("route", 1),
    Step: ("step", 1),
    Period: ("period", 1),
    MonthDay: ("month-day", 1),
    PopulationMatch: ("population-match", 1),
    DedupResult: ("dedup-result", 1),
}
#: How the data of an older version becomes the next version's, by type and old version.
#: A version bump adds its step here and keeps the old schema file (ADR 0030).
_UPGRADES: Final[dict[str, dict[int, Callable[[dict[str, Any]], dict[str, Any]]]]] = {}

register(_DOCUMENTS, {cls: name for cls, (name, _) in _PARTS.items()})
describe(Record).after = check_history


def _top(cls: type, name: str, version: int) -> Document:
    """``cls`` as a document of its own; a part keeps its fields and gains the tag."""
    described = describe(cls)
    if isinstance(described, Document):
        document = described
    else:
        document = Document(cls, name, version)
        document.fields, document.keys = described.fields, described.keys | {"schema"}
        document.compile()
    document.upgrades.update(_UPGRADES.get(name, {}))
    return document


#: Each stored type as a document: what `to_dict` and `from_dict` use.
_TOP: Final[dict[type, Document]] = {
    cls: _top(cls, name, version) for cls, (name, version) in {**_DOCUMENTS, **_PARTS}.items()
}

SCHEMAS: Final[Mapping[type, str]] = {cls: document.tag for cls, document in _TOP.items()}
"""The schema tag each stored type is written with now, as ``"xueji/<type>/<version>"``."""

_SCALARS: Final[dict[type, Field]] = {
    cls: field_for(cls) for cls in (ResidentID, RegistryNumber, SchoolCode, datetime.date, str)
}
_INFORMATION: Final = OVERRIDES[Record]["info"]


def to_dict(value: object) -> Any:
    """``value`` as JSON-ready data: a document (a dict with its ``"schema"`` tag) for a
    value with fields, its text for a number, a date or a code.

    Raises:
        InvalidValue: xueji stores no values of this type, or the record's information
            holds something JSON cannot (a date, a set), with the path to it.
    """
    cls = type(value)
    try:
        document = _TOP.get(cls)
        if document is not None:
            return document.dump(value)
        if isinstance(value, enum.Enum) and cls.__module__.startswith("xueji."):
            return value.value
        if cls in _SCALARS:
            return _SCALARS[cls].dump(value)
        if cls is FrozenMap:
            return _INFORMATION.dump(value)
    except XuejiError as err:
        raise nested(err) from origin(err)
    raise InvalidValue(f"xueji stores no {cls.__name__} values")


def from_dict(cls: type[T], data: object) -> T:
    """Rebuild a value of type ``cls`` from what `to_dict` gave, running every check.

    A document must carry the schema tag of ``cls``, or of an older version that loads
    (ADR 0030), with every field and no other; each value goes through its constructor,
    and a record's history must replay to the record (`check_history`).

    Raises:
        InvalidValue: the data could not have come from `to_dict` of a valid value;
            ``path`` names the field, ``reason`` says why (``unknown-schema`` for a tag
            of another type or an unknown version, ``broken-history``, ``broken-chain``,
            ``checksum``…).
    """
    try:
        document = _TOP.get(cls)
        if document is not None:
            with reading():
                return document.load(data)  # type: ignore[no-any-return]
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__[:6] == "xueji.":
            return field_for(cls).load(data)  # type: ignore[no-any-return]
        if cls in _SCALARS:
            return _SCALARS[cls].load(data)  # type: ignore[no-any-return]
        if cls is FrozenMap:
            return _INFORMATION.load(data)  # type: ignore[no-any-return]
    except XuejiError as err:
        raise nested(err) from origin(err)
    raise InvalidValue(f"xueji stores no {getattr(cls, '__name__', cls)!s} values")


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents `to_dict` writes for ``cls`` now.

    It describes the layout: the keys, their JSON types, the shape of numbers, dates and
    codes. `from_dict` checks everything else (check characters, regions, chains,
    histories).

    Examples:
        >>> json_schema(School)["properties"]["schema"]
        {'const': 'xueji/school/1'}
    """
    document = _TOP.get(cls)
    if document is None:
        raise InvalidValue(f"xueji stores no {getattr(cls, '__name__', cls)!s} documents")
    defs: dict[str, Any] = {}
    body = document.object_schema(defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": document.tag,
        "description": f"A {cls.__name__} as xueji.to_dict writes it (layout {document.tag}).",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=False, forbid_extra_keys=True)
    for cls in _TOP:
        # Inside another value a part is written without its tag, as in a record.
        described: Described = describe(cls)
        converter.register_unstructure_hook(cls, described.dump)
        converter.register_structure_hook(cls, _structure(described))
    for cls in (*_SCALARS, FrozenMap):
        field = _INFORMATION if cls is FrozenMap else _SCALARS[cls]
        converter.register_unstructure_hook(cls, field.dump)
        converter.register_structure_hook(cls, _structure(field))
    converter.register_unstructure_hook_func(_is_code, lambda member: member.value)
    converter.register_structure_hook_func(_is_code, lambda data, cls: field_for(cls).load(data))
    return converter


def _is_code(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__[:6] == "xueji."


def _structure(field: Any) -> Callable[[Any, Any], Any]:
    def structure(data: Any, _cls: Any) -> Any:
        try:
            with reading():
                return field.load(data)
        except XuejiError as err:
            raise nested(err) from origin(err)

    return structure


CONVERTER: Final = _converter()
"""A cattrs converter that reads and writes every stored xueji type as `to_dict` and
`from_dict` do, for services with their own attrs classes: copy it and register those
(``converter = CONVERTER.copy()``). Inside another value, records, requests and policies
keep their schema tag and the other types have none."""
