"""How each stored type is written as JSON-ready data, read back, and described by JSON Schema.

One description per type serves the three (`xueji.serialization` assembles them): a
field is read by the same description that writes it and that the published schema is
generated from, so the three cannot drift apart. Reading checks the shape (every key
present, none unknown, each of its JSON type) and then builds the value through its
constructor, so that every validator runs; a refusal is an `InvalidValue` whose ``path``
names the field (``history[3].by.scope``), keeping the reason of the check that failed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, Final

from xueji._document_fields import (
    SCALARS,
    Defs,
    Dependent,
    EnumField,
    Field,
    OptionalField,
    PlainField,
    nested,
    origin,
    reading,
    refuse,
)
from xueji._document_json import NOTHING, Information
from xueji._document_types import Described, Document, describe, field_for
from xueji._document_types import register as register_types
from xueji.errors import XuejiError
from xueji.frozenmap import FrozenMap
from xueji.record import Event, EventKind, Record
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.workflow import ChangeRequest, KeyField

__all__ = [
    "OVERRIDES",
    "Described",
    "Document",
    "Field",
    "describe",
    "field_for",
    "nested",
    "origin",
    "reading",
    "register",
]


#: Keeps an event's changes as read, in order (`FrozenMap`'s own fast path).
adopt: Final = FrozenMap._adopt


class _Changes(Dependent):
    """An event's ``before`` or ``after``: record fields and the facts events keep (a
    note, an age approval, the first day of absence); information for ``update-info``."""

    key = "kind"

    def __init__(self) -> None:
        self.information = Information()
        self._fields: dict[str, Field] | None = None
        self._writers: dict[str, Callable[[Any], Any]] | None = None
        self._readers: dict[str, Callable[[Any], Any]] | None = None
        # The JSON types of the fields stored as themselves, read without a call.
        self._plain: dict[str, tuple[type, ...]] = {}

    @property
    def fields(self) -> dict[str, Field]:
        if self._fields is None:
            record = dict(describe(Record).fields)
            del record["history"]
            extras = {"note": SCALARS[str], "age_approval": SCALARS[str]}
            self._fields = {**record, **extras, "absent_since": SCALARS[datetime.date]}
        return self._fields

    def load_in(self, value: Any, key: Any) -> Any:
        if key is EventKind.UPDATE_INFO:
            return self.information.load(value)
        if type(value) is not dict:
            raise refuse("expected a JSON object")
        if not value:
            return NOTHING
        readers, plain = self._readers, self._plain
        if readers is None:
            for name, field in self.fields.items():
                inner = field.inner if isinstance(field, OptionalField) else field
                if isinstance(inner, PlainField) and field.json_types is not None:
                    plain[name] = field.json_types
            readers = self._readers = {name: f.reader() for name, f in self.fields.items()}
        changes = {}
        try:
            for name, item in value.items():  # a loop, not a comprehension: no frame to make
                kinds = plain.get(name)
                if kinds is None:
                    changes[name] = readers[name](item)
                elif type(item) in kinds:  # a grade, a school system: stored as itself
                    changes[name] = item
                else:
                    raise TypeError  # the slow reader refuses it
        except Exception:
            return self._load_slowly(value)  # to say which key is wrong
        return adopt(changes)

    def _load_slowly(self, value: dict[str, Any]) -> Any:
        fields = self.fields
        changes = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                raise refuse("not a field an event records", key)
            try:
                changes[key] = field.load(item)
            except XuejiError as err:
                raise nested(err, key) from origin(err)
        return adopt(changes)

    def dump_in(self, value: Any, key: Any) -> Any:
        if key is EventKind.UPDATE_INFO:
            return self.information.dump(value)
        writers = self._writers
        if writers is None:
            writers = self._writers = {name: f.writer() for name, f in self.fields.items()}
        data = {}
        try:
            for name, item in value.items():  # a loop, not a comprehension: no frame to make
                data[name] = writers[name](item)
        except KeyError:
            name = next(name for name in value if name not in self.fields)
            raise refuse("not a field an event records", name) from None
        return data

    def _changes(self, defs: Defs) -> dict[str, Any]:
        if "changes" not in defs:
            properties = {key: field.schema(defs) for key, field in self.fields.items()}
            defs["changes"] = {
                "type": "object",
                "properties": properties,
                "additionalProperties": False,
            }
        return {"$ref": "#/$defs/changes"}

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"anyOf": [self._changes(defs), self.information.schema(defs)]}

    def cases(self, defs: Defs) -> list[tuple[list[str], dict[str, Any]]]:
        others = [kind.value for kind in EventKind if kind is not EventKind.UPDATE_INFO]
        return [
            ([EventKind.UPDATE_INFO.value], self.information.schema(defs)),
            (others, self._changes(defs)),
        ]


_VALUES: Final[dict[KeyField, Field]] = {
    KeyField.NAME: SCALARS[str],
    KeyField.RESIDENT_ID: SCALARS[ResidentID],
    KeyField.NUMBER: SCALARS[RegistryNumber],
    KeyField.SEX: EnumField(Sex),
    KeyField.BIRTH_DATE: SCALARS[datetime.date],
}


class _KeyValue(Dependent):
    """A key-field request's old or new value, of the type of its field."""

    key = "field"

    def __init__(self, *, optional: bool) -> None:
        self.optional = optional

    def load_in(self, value: Any, key: Any) -> Any:
        if value is None and self.optional:
            return None
        return _VALUES[key].load(value)

    def dump_in(self, value: Any, key: Any) -> Any:
        return None if value is None else _VALUES[key].dump(value)

    def _or_null(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [schema, {"type": "null"}]} if self.optional else schema

    def schema(self, defs: Defs) -> dict[str, Any]:
        return self._or_null({"anyOf": [field.schema(defs) for field in _VALUES.values()]})

    def cases(self, defs: Defs) -> list[tuple[list[str], dict[str, Any]]]:
        return [([key.value], self._or_null(field.schema(defs))) for key, field in _VALUES.items()]


OVERRIDES: Final[dict[type, dict[str, Field]]] = {
    Record: {"info": Information()},
    Event: {"before": _Changes(), "after": _Changes()},
    ChangeRequest: {
        "old_value": _KeyValue(optional=True),
        "new_value": _KeyValue(optional=False),
    },
}


def register(documents: Mapping[type, tuple[str, int]], parts: Mapping[type, str]) -> None:
    """Name the stored types, documents with their version and parts, and describe them
    all now, while the import lock keeps other threads out."""
    register_types(documents, parts, OVERRIDES)
