"""The stored attrs types: each read and written field by field, from one description that
also gives its JSON Schema; the registry of the stored types, described once."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from xueji._document_compiled import compile_reader, compile_writer
from xueji._document_fields import (
    SCALARS,
    Defs,
    Dependent,
    EnumField,
    Field,
    ListField,
    OptionalField,
    is_text,
    nested,
    origin,
    refuse,
)
from xueji.errors import InvalidValue, Reason, XuejiError


class Described(Field):
    """An attrs class, read and written field by field (as a part of another value)."""

    json_types = (dict,)

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name
        self.keys: frozenset[str] = frozenset()
        self.fields: list[tuple[str, Field]] = []
        self.after: Callable[[Any], None] | None = None
        self.textual = False
        self.tag: str | None = None
        self._read: Callable[[Any], Any] = self.load_checked
        self.write: Callable[[Any], dict[str, Any]] = self._dump_slowly

    def describe_fields(self, overrides: Mapping[str, Field]) -> None:
        hints = typing.get_type_hints(self.cls)
        self.fields = [
            (f.name, overrides.get(f.name) or field_for(hints[f.name]))
            for f in attrs.fields(self.cls)
        ]
        self.keys = frozenset(name for name, _ in self.fields)
        # A part whose fields are all text in JSON is read once per document (an actor
        # who took ten steps, a school in every move): `compile_reader` says how.
        self.textual = all(is_text(f) for _, f in self.fields)
        self.compile()

    def compile(self) -> None:
        self._read, self.write = compile_reader(self), compile_writer(self)

    def load(self, data: Any) -> Any:
        return self._read(data)

    def reader(self) -> Callable[[Any], Any]:
        return self._read

    def load_checked(self, data: Any) -> Any:
        """Read ``data`` field by field, to name the field that is wrong: what the fast
        reader (`compile_reader`) does for good data only."""
        if type(data) is not dict:
            raise refuse(f"expected a JSON object: a {self.name}")
        built = self._build_slowly(data)
        if self.after is not None:
            self.after(built)
        return built

    def _build_slowly(self, data: dict[str, Any]) -> Any:
        if data.keys() != self.keys:
            self._refuse_keys(data)
        values: dict[str, Any] = {}
        for name, field in self.fields:
            try:
                if isinstance(field, Dependent):
                    values[name] = field.load_in(data[name], values[field.key])
                else:
                    values[name] = field.load(data[name])
            except XuejiError as err:
                raise nested(err, name) from origin(err)
        try:
            return self.cls(**values)
        except Exception as err:
            raise nested(err, *self._blame(values, err)) from origin(err)

    def _refuse_keys(self, data: dict[str, Any]) -> None:
        for name, _ in self.fields:
            if name not in data:
                raise refuse(f"a {self.name} has this field", name)
        for key in data:
            if key not in self.keys:
                raise refuse(f"not a field of a {self.name}", str(key))

    def _blame(self, values: dict[str, Any], err: Exception) -> tuple[str, ...]:
        """The field whose converter or validator refused ``values``: the checks are run
        again one by one, in the order the constructor runs them."""
        if isinstance(err, InvalidValue) and err.path:
            return ()  # the check named the part itself
        bare: Any = object.__new__(self.cls)
        fields = attrs.fields(self.cls)
        for field in fields:
            value = values[field.name]
            if callable(field.converter):
                try:
                    value = field.converter(value)
                except Exception:
                    return (field.name,)
            object.__setattr__(bare, field.name, value)
        for field in fields:
            if field.validator is not None:
                try:
                    field.validator(bare, field, getattr(bare, field.name))
                except Exception:
                    return (field.name,)
        return ()

    def dump(self, value: Any) -> Any:
        try:
            return self.write(value)
        except Exception:
            return self._dump_slowly(value)  # to say which field JSON cannot hold

    def writer(self) -> Callable[[Any], Any]:
        return self.write

    def _dump_slowly(self, value: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"schema": self.tag} if self.tag else {}
        for name, field in self.fields:
            item = getattr(value, name)
            try:
                if isinstance(field, Dependent):
                    data[name] = field.dump_in(item, getattr(value, field.key))
                else:
                    data[name] = field.dump(item)
            except XuejiError as err:
                raise nested(err, name) from origin(err)
        return data

    def object_schema(self, defs: Defs) -> dict[str, Any]:
        properties = {name: field.schema(defs) for name, field in self.fields}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "required": sorted(properties),
            "additionalProperties": False,
        }
        cases = [
            {
                "if": {"properties": {field.key: {"enum": keys}}},
                "then": {"properties": {name: case}},
            }
            for name, field in self.fields
            if isinstance(field, Dependent)
            for keys, case in field.cases(defs)
        ]
        if cases:
            schema["allOf"] = cases
        return schema

    def schema(self, defs: Defs) -> dict[str, Any]:
        if self.name not in defs:
            defs[self.name] = {}  # taken before the fields, which may refer back
            defs[self.name] = self.object_schema(defs)
        return {"$ref": f"#/$defs/{self.name}"}


class Document(Described):
    """A type stored on its own, wherever it appears: it carries its ``schema`` tag."""

    def __init__(self, cls: type, name: str, version: int) -> None:
        super().__init__(cls, name)
        self.version = version
        self.tag: str = f"xueji/{name}/{version}"
        self.upgrades: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

    def describe_fields(self, overrides: Mapping[str, Field]) -> None:
        super().describe_fields(overrides)
        self.keys |= {"schema"}

    def load_checked(self, data: Any) -> Any:
        if type(data) is dict and data.get("schema") != self.tag:
            data = {**self.upgrade(data), "schema": self.tag}
        return super().load_checked(data)

    def upgrade(self, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` of an older version of this document, in the current version; an
        unknown version is refused."""
        tag = data.get("schema")
        prefix = f"xueji/{self.name}/"
        number = tag[len(prefix) :] if type(tag) is str and tag.startswith(prefix) else ""
        if not (number.isascii() and number.isdigit() and 1 <= int(number) <= self.version):
            raise InvalidValue(
                f"not a {self.tag} document, nor one of its older versions",
                reason=Reason.UNKNOWN_SCHEMA,
                path="schema",
            )
        for version in range(int(number), self.version):
            step = self.upgrades.get(version)
            if step is None:
                raise InvalidValue(
                    f"no upgrade from version {version} of {self.name} documents",
                    reason=Reason.UNKNOWN_SCHEMA,
                    path="schema",
                )
            data = step(data)
        return data

    def object_schema(self, defs: Defs) -> dict[str, Any]:
        schema = super().object_schema(defs)
        schema["properties"] = {"schema": {"const": self.tag}, **schema["properties"]}
        schema["required"] = sorted(schema["properties"])
        return schema


_REGISTRY: Final[dict[type, Described]] = {}
_DOCUMENTS: Final[dict[type, tuple[str, int]]] = {}
_PARTS: Final[dict[type, str]] = {}
_OVERRIDES: Final[dict[type, Mapping[str, Field]]] = {}


def describe(cls: type) -> Described:
    """The description of the stored type ``cls``, made once."""
    described = _REGISTRY.get(cls)
    if described is None:
        if cls in _DOCUMENTS:
            described = Document(cls, *_DOCUMENTS[cls])
        elif cls in _PARTS:
            described = Described(cls, _PARTS[cls])
        else:
            raise InvalidValue(f"xueji stores no {cls.__name__} values")
        _REGISTRY[cls] = described
        described.describe_fields(_OVERRIDES.get(cls, {}))
    return described


class _OneOf(Field):
    """One of several documents, told apart by their ``schema`` tag."""

    json_types = (dict,)

    def __init__(self, classes: tuple[type, ...]) -> None:
        self.classes = classes
        self.names = {_DOCUMENTS[cls][0]: cls for cls in classes}

    def load(self, value: Any) -> Any:
        tag = value.get("schema") if type(value) is dict else None
        name = tag.split("/")[1] if type(tag) is str and tag.count("/") == 2 else None
        cls = self.names.get(name) if name else None
        if cls is None:
            raise InvalidValue(
                "expected one of the request documents",
                reason=Reason.UNKNOWN_SCHEMA,
                path="schema",
            )
        return describe(cls).load(value)

    def dump(self, value: Any) -> Any:
        return describe(type(value)).dump(value)

    def writer(self) -> Callable[[Any], Any]:
        return lambda value: _REGISTRY[type(value)].write(value)

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"oneOf": [describe(cls).schema(defs) for cls in self.classes]}


def field_for(hint: Any) -> Field:
    """The description of a field annotated ``hint``."""
    if hint in SCALARS:
        return SCALARS[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return EnumField(hint)
    if isinstance(hint, type) and (hint in _DOCUMENTS or hint in _PARTS):
        return describe(hint)
    origin_, args = typing.get_origin(hint), typing.get_args(hint)
    if origin_ in (typing.Union, types.UnionType):
        members = tuple(arg for arg in args if arg is not type(None))
        inner = field_for(members[0]) if len(members) == 1 else _OneOf(members)
        return OptionalField(inner) if len(members) < len(args) else inner
    if origin_ is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ListField(field_for(args[0]))
    if origin_ is tuple:
        return ListField(field_for(args[0]), size=len(args))
    if origin_ is frozenset:
        return ListField(field_for(args[0]), unique=True)
    raise TypeError(f"no stored form for {hint!r}")


def register(
    documents: Mapping[type, tuple[str, int]],
    parts: Mapping[type, str],
    overrides: Mapping[type, Mapping[str, Field]],
) -> None:
    """Name the stored types, documents with their version and parts, with the fields
    described otherwise than by their annotation, and describe them all now."""
    _DOCUMENTS.update(documents)
    _PARTS.update(parts)
    _OVERRIDES.update(overrides)
    for cls in (*documents, *parts):
        describe(cls)
