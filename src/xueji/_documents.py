"""How each stored type is written as JSON-ready data, read back, and described by JSON Schema.

One description per type serves the three (`xueji.serialization` assembles them): a
field is read by the same description that writes it and that the published schema is
generated from, so the three cannot drift apart. Reading checks the shape (every key
present, none unknown, each of its JSON type) and then builds the value through its
constructor, so that every validator runs; a refusal is an `InvalidValue` whose ``path``
names the field (``history[3].by.scope``), keeping the reason of the check that failed.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import enum
import math
import operator
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from xueji.errors import InvalidValue, Reason, XuejiError
from xueji.frozenmap import FrozenMap
from xueji.record import Event, EventKind, Record
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import SchoolCode
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

Defs = dict[str, Any]


def _join(parts: tuple[str | int, ...], inner: str | None) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    if inner:
        path += inner if inner.startswith("[") or not path else f".{inner}"
    return path


def nested(err: Exception, *parts: str | int) -> InvalidValue:
    """``err`` as an `InvalidValue` one level further out: ``parts`` go before its path.
    The reason of the check that failed is kept."""
    inner = err.path if isinstance(err, InvalidValue) else None
    detail = err.detail if isinstance(err, InvalidValue) else str(err)
    reason = err.reason if isinstance(err, XuejiError) else Reason.INVALID_VALUE
    return InvalidValue(detail, reason=reason, path=_join(parts, inner) or None)


def origin(err: Exception) -> BaseException:
    """The error that started a chain of `nested` errors: the one to show as the cause."""
    if isinstance(err, InvalidValue) and err.path and err.__cause__ is not None:
        return err.__cause__
    return err


def _refuse(detail: str, *parts: str | int) -> InvalidValue:
    return InvalidValue(detail, path=_join(parts, None) or None)


class Field:
    """How one kind of value is read, written and described."""

    def load(self, value: Any) -> Any:
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        raise NotImplementedError

    def writer(self) -> Callable[[Any], Any]:
        """The fastest function that writes a value as `dump` does, for a value that was
        valid when built: it may fail without saying where (`dump` then says it)."""
        return self.dump

    def schema(self, defs: Defs) -> dict[str, Any]:
        raise NotImplementedError


class _Plain(Field):
    """Text, an integer or a switch, stored as itself; the value's own checks follow."""

    def __init__(self, kind: type, json: str) -> None:
        self.kind, self.json = kind, json

    def load(self, value: Any) -> Any:
        if type(value) is not self.kind:
            raise _refuse(f"expected a JSON {self.json}")
        return value

    def dump(self, value: Any) -> Any:
        return value

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": self.json}


_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Date(Field):
    def load(self, value: Any) -> Any:
        if type(value) is not str or not _ISO_DATE.fullmatch(value):
            raise _refuse("expected a date as YYYY-MM-DD")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise _refuse("not a day of the calendar") from None

    def dump(self, value: Any) -> Any:
        return value.isoformat()

    def writer(self) -> Callable[[Any], Any]:
        return datetime.date.isoformat

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": f"^{_ISO_DATE.pattern}$"}


class _Enum(Field):
    def __init__(self, cls: type[enum.Enum]) -> None:
        self.members = {member.value: member for member in cls}

    def load(self, value: Any) -> Any:
        member = self.members.get(value) if type(value) is str else None
        if member is None:
            raise _refuse("not one of the codes of this field")
        return member

    def dump(self, value: Any) -> Any:
        return value.value

    def writer(self) -> Callable[[Any], Any]:
        return operator.attrgetter("_value_")  # what `.value` gives, without its property

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.members)}


#: The canonical shape of each number: the constructor checks the rest.
_NUMBER_PATTERNS: Final[dict[type, str]] = {
    ResidentID: "^[0-9]{17}[0-9X]$",
    RegistryNumber: "^[GLJ][0-9]{17}[0-9X]$",
    SchoolCode: "^[0-9]{10}$",
}


class _Number(Field):
    """A number as its canonical text, rebuilt by the validating constructor."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def load(self, value: Any) -> Any:
        if type(value) is not str:
            raise _refuse("expected a number as text")
        return self.cls(value)

    def dump(self, value: Any) -> Any:
        return value.value

    def writer(self) -> Callable[[Any], Any]:
        return operator.attrgetter("value")

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "pattern": _NUMBER_PATTERNS[self.cls]}


class _Optional(Field):
    def __init__(self, inner: Field) -> None:
        self.inner = inner

    def load(self, value: Any) -> Any:
        return None if value is None else self.inner.load(value)

    def dump(self, value: Any) -> Any:
        return None if value is None else self.inner.dump(value)

    def writer(self) -> Callable[[Any], Any]:
        if isinstance(self.inner, _Plain):
            return self.inner.dump  # None or the text itself
        write = self.inner.writer()
        return lambda value: None if value is None else write(value)

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"anyOf": [{"type": "null"}, self.inner.schema(defs)]}


class _List(Field):
    """A tuple as a JSON array; ``size`` fixes its length (a pair), ``unique`` makes it a
    set, written sorted."""

    def __init__(self, inner: Field, *, size: int | None = None, unique: bool = False) -> None:
        self.inner, self.size, self.unique = inner, size, unique

    def load(self, value: Any) -> Any:
        if type(value) is not list or (self.size is not None and len(value) != self.size):
            raise _refuse("expected a JSON array" + (f" of {self.size}" if self.size else ""))
        items = []
        for i, item in enumerate(value):
            try:
                items.append(self.inner.load(item))
            except XuejiError as err:
                raise nested(err, i) from origin(err)
        if self.unique:
            if len(set(items)) != len(items):
                raise _refuse("a set lists each member once")
            return frozenset(items)
        return tuple(items)

    def dump(self, value: Any) -> Any:
        items = [self.inner.dump(item) for item in value]
        return sorted(items) if self.unique else items

    def writer(self) -> Callable[[Any], Any]:
        if isinstance(self.inner, _Plain) and not self.unique:
            return list
        write = self.inner.writer()
        if self.unique:
            return lambda value: sorted([write(item) for item in value])
        return lambda value: [write(item) for item in value]

    def schema(self, defs: Defs) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.inner.schema(defs)}
        if self.size is not None:
            schema |= {"minItems": self.size, "maxItems": self.size}
        if self.unique:
            schema["uniqueItems"] = True
        return schema


def _json_value(value: Any, *parts: str | int) -> Any:
    """A JSON value as information holds it: arrays as tuples, objects as `FrozenMap`."""
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) is float:
        if not math.isfinite(value):
            raise _refuse("JSON holds finite numbers only", *parts)
        return value
    if type(value) in (list, tuple):
        return tuple(_json_value(item, *parts, i) for i, item in enumerate(value))
    if isinstance(value, Mapping):
        for key in value:
            if type(key) is not str:
                raise _refuse("JSON objects have text keys", *parts)
        return FrozenMap._trusted(
            {key: _json_value(item, *parts, key) for key, item in value.items()}
        )
    raise _refuse(f"JSON cannot hold a {type(value).__name__}: store text or numbers", *parts)


_JSON_SCALARS: Final = frozenset({str, int, bool, type(None)})


def _json_data(value: Any) -> Any:
    """Information as JSON data: arrays for tuples, objects for maps. A value JSON cannot
    hold raises `TypeError`: `_json_refused` then says where."""
    kind = type(value)
    if kind in _JSON_SCALARS or (kind is float and math.isfinite(value)):
        return value
    if kind is FrozenMap:
        return {
            key: item if type(item) in _JSON_SCALARS else _json_data(item)
            for key, item in value.items()
        }
    if kind is tuple:
        return [item if type(item) in _JSON_SCALARS else _json_data(item) for item in value]
    raise TypeError


def _json_refused(value: Any, *parts: str | int) -> InvalidValue:
    """The refusal of the first part of ``value`` that JSON cannot hold, with its path."""
    if isinstance(value, FrozenMap | tuple):
        items = value.items() if isinstance(value, FrozenMap) else enumerate(value)
        for key, item in items:
            try:
                _json_data(item)
            except TypeError:
                return _json_refused(item, *parts, key)
    return _refuse(f"JSON cannot hold a {type(value).__name__}: store text or numbers", *parts)


_JSON_VALUE: Final = {"$ref": "#/$defs/json-value"}
_JSON_VALUE_SCHEMA: Final = {
    "anyOf": [
        {"type": ["string", "integer", "number", "boolean", "null"]},
        {"type": "array", "items": _JSON_VALUE},
        {"type": "object", "additionalProperties": _JSON_VALUE},
    ]
}


class _Information(Field):
    """A record's non-key information: any JSON object, its arrays frozen as tuples."""

    def load(self, value: Any) -> Any:
        if type(value) is not dict:
            raise _refuse("expected a JSON object")
        return _json_value(value)

    def dump(self, value: Any) -> Any:
        try:
            return _json_data(value)
        except TypeError:
            raise _json_refused(value) from None

    def writer(self) -> Callable[[Any], Any]:
        return _json_data

    def schema(self, defs: Defs) -> dict[str, Any]:
        defs["json-value"] = _JSON_VALUE_SCHEMA
        defs["information"] = {"type": "object", "additionalProperties": _JSON_VALUE}
        return {"$ref": "#/$defs/information"}


#: The parts read so far in the document being read, keyed by their data, or written so
#: far, keyed by the value (`Described.build`, `Described.dump`).
_MEMO: Final[contextvars.ContextVar[dict[Any, Any] | None]] = contextvars.ContextVar(
    "xueji_documents_memo", default=None
)


def reading() -> contextlib.AbstractContextManager[None]:
    """Read or write one document: parts met twice in it are read or written once."""
    return _reading()


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _is_text(field: Field) -> bool:
    if isinstance(field, _Optional):
        field = field.inner
    return isinstance(field, _Date | _Enum | _Number) or (
        isinstance(field, _Plain) and field.kind is str
    )


def _getter(name: str, field: Field) -> Callable[[Any], Any]:
    """A function from a value to ``field``'s written form of its attribute ``name``."""
    if isinstance(field, _Plain) or (
        isinstance(field, _Optional) and isinstance(field.inner, _Plain)
    ):
        return operator.attrgetter(name)
    if isinstance(field, _Number):
        return operator.attrgetter(f"{name}.value")
    if isinstance(field, _Enum):
        return operator.attrgetter(f"{name}._value_")
    get, write = operator.attrgetter(name), field.writer()
    return lambda value: write(get(value))


def _compiled(
    described: Described,
) -> tuple[Callable[[dict[str, Any]], Any], Callable[[Any], dict[str, Any]]]:
    """The reader and the writer of a type, with its fields' functions looked up once."""
    cls, tag = described.cls, described.tag
    plain = [
        (n, f.load, _getter(n, f)) for n, f in described.fields if not isinstance(f, _Dependent)
    ]
    dependent = [
        (name, field.load_in, field.dump_in, field.key)
        for name, field in described.fields
        if isinstance(field, _Dependent)
    ]
    head = {"schema": tag} if tag else {}
    loads = [(name, load) for name, load, _ in plain]

    def read(data: dict[str, Any]) -> Any:
        values = {name: load(data[name]) for name, load in loads}
        for name, load, _, key in dependent:
            values[name] = load(data[name], values[key])
        return cls(**values)

    def read_in_order(data: dict[str, Any]) -> Any:
        # No field depends on another: the constructor takes the fields in order.
        return cls(*[load(data[name]) for name, load in loads])

    gets = [(name, get) for name, _, get in plain]

    def write(value: Any) -> dict[str, Any]:
        data = {name: get(value) for name, get in gets}
        for name, _, dump, key in dependent:
            data[name] = dump(getattr(value, name), getattr(value, key))
        return {**head, **data} if head else data

    return (read if dependent else read_in_order), write


class Described(Field):
    """An attrs class, read and written field by field (as a part of another value)."""

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name
        self.keys: frozenset[str] = frozenset()
        self.fields: list[tuple[str, Field]] = []
        self.after: Callable[[Any], None] | None = None
        self.textual = False
        self.tag: str | None = None
        self.read: Callable[[dict[str, Any]], Any] = self._build_slowly
        self.write: Callable[[Any], dict[str, Any]] = self._dump_slowly

    def describe_fields(self, overrides: Mapping[str, Field]) -> None:
        hints = typing.get_type_hints(self.cls)
        self.fields = [
            (f.name, overrides.get(f.name) or field_for(hints[f.name]))
            for f in attrs.fields(self.cls)
        ]
        self.keys = frozenset(name for name, _ in self.fields)
        # A part whose fields are all text in JSON is read once per document (an actor
        # who took ten steps, a school in every move): text is never equal to a number,
        # so a cached value is never handed out for data that would be refused.
        self.textual = all(_is_text(f) for _, f in self.fields)
        self.compile()

    def compile(self) -> None:
        self.read, self.write = _compiled(self)

    def load(self, data: Any) -> Any:
        if type(data) is not dict:
            raise _refuse(f"expected a JSON object: a {self.name}")
        memo = _MEMO.get() if self.textual else None
        if memo is not None:
            try:
                key = (self, *data.items())
                built = memo.get(key)
            except TypeError:  # a value that is no JSON text: the slow path says where
                memo = None
            else:
                if built is not None:
                    return built
        try:
            if len(data) != len(self.keys):
                raise KeyError  # a key too many or too few: the slow path says which
            built = self.read(data)  # a missing key is a KeyError too
        except Exception:
            # Read it again field by field, to say which one is wrong.
            built = self._build_slowly(data)
        if self.after is not None:
            self.after(built)
        if memo is not None:
            memo[key] = built
        return built

    def _build_slowly(self, data: dict[str, Any]) -> Any:
        if data.keys() != self.keys:
            self._refuse_keys(data)
        values: dict[str, Any] = {}
        for name, field in self.fields:
            try:
                if isinstance(field, _Dependent):
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
                raise _refuse(f"a {self.name} has this field", name)
        for key in data:
            if key not in self.keys:
                raise _refuse(f"not a field of a {self.name}", str(key))

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
                if isinstance(field, _Dependent):
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
            if isinstance(field, _Dependent)
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

    def load(self, data: Any) -> Any:
        if type(data) is dict and data.get("schema") != self.tag:
            data = {**self.upgrade(data), "schema": self.tag}
        return super().load(data)

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


class _Dependent(Field):
    """A field whose type depends on a field read before it (an event's kind, a key-field
    request's field): read and written knowing its owner's other values."""

    key: str

    def load_in(self, value: Any, key: Any) -> Any:
        """Read ``value`` when the field it depends on has the value ``key``."""
        raise NotImplementedError

    def dump_in(self, value: Any, key: Any) -> Any:
        raise NotImplementedError

    def cases(self, defs: Defs) -> list[tuple[list[str], dict[str, Any]]]:
        """The schema for the values of the field it depends on, where it is narrower."""
        raise NotImplementedError


_REGISTRY: Final[dict[type, Described]] = {}
_DOCUMENTS: Final[dict[type, tuple[str, int]]] = {}
_PARTS: Final[dict[type, str]] = {}


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
        described.describe_fields(OVERRIDES.get(cls, {}))
    return described


class _OneOf(Field):
    """One of several documents, told apart by their ``schema`` tag."""

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


_SCALARS: Final[dict[Any, Field]] = {
    str: _Plain(str, "string"),
    int: _Plain(int, "integer"),
    bool: _Plain(bool, "boolean"),
    datetime.date: _Date(),
    **{cls: _Number(cls) for cls in _NUMBER_PATTERNS},
}


def field_for(hint: Any) -> Field:
    """The description of a field annotated ``hint``."""
    if hint in _SCALARS:
        return _SCALARS[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _Enum(hint)
    if isinstance(hint, type) and (hint in _DOCUMENTS or hint in _PARTS):
        return describe(hint)
    origin_, args = typing.get_origin(hint), typing.get_args(hint)
    if origin_ in (typing.Union, types.UnionType):
        members = tuple(arg for arg in args if arg is not type(None))
        inner = field_for(members[0]) if len(members) == 1 else _OneOf(members)
        return _Optional(inner) if len(members) < len(args) else inner
    if origin_ is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _List(field_for(args[0]))
    if origin_ is tuple:
        return _List(field_for(args[0]), size=len(args))
    if origin_ is frozenset:
        return _List(field_for(args[0]), unique=True)
    raise TypeError(f"no stored form for {hint!r}")


class _Changes(_Dependent):
    """An event's ``before`` or ``after``: record fields and the facts events keep (a
    note, an age approval, the first day of absence); information for ``update-info``."""

    key = "kind"

    def __init__(self) -> None:
        self.information = _Information()
        self._fields: dict[str, Field] | None = None
        self._writers: dict[str, Callable[[Any], Any]] | None = None

    @property
    def fields(self) -> dict[str, Field]:
        if self._fields is None:
            record = dict(describe(Record).fields)
            del record["history"]
            extras = {"note": _SCALARS[str], "age_approval": _SCALARS[str]}
            self._fields = {**record, **extras, "absent_since": _SCALARS[datetime.date]}
        return self._fields

    def load_in(self, value: Any, key: Any) -> Any:
        if key is EventKind.UPDATE_INFO:
            return self.information.load(value)
        if type(value) is not dict:
            raise _refuse("expected a JSON object")
        fields = self.fields
        changes = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                raise _refuse("not a field an event records", key)
            try:
                changes[key] = field.load(item)
            except XuejiError as err:
                raise nested(err, key) from origin(err)
        return FrozenMap._trusted(changes)

    def dump_in(self, value: Any, key: Any) -> Any:
        if key is EventKind.UPDATE_INFO:
            return self.information.dump(value)
        if self._writers is None:
            self._writers = {name: field.writer() for name, field in self.fields.items()}
        writers = self._writers
        fields = self.fields
        try:
            return {name: writers[name](item) for name, item in value.items()}
        except KeyError:
            name = next(name for name in value if name not in fields)
            raise _refuse("not a field an event records", name) from None

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
    KeyField.NAME: _SCALARS[str],
    KeyField.RESIDENT_ID: _SCALARS[ResidentID],
    KeyField.NUMBER: _SCALARS[RegistryNumber],
    KeyField.SEX: _Enum(Sex),
    KeyField.BIRTH_DATE: _SCALARS[datetime.date],
}


class _KeyValue(_Dependent):
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
    Record: {"info": _Information()},
    Event: {"before": _Changes(), "after": _Changes()},
    ChangeRequest: {
        "old_value": _KeyValue(optional=True),
        "new_value": _KeyValue(optional=False),
    },
}


def register(documents: Mapping[type, tuple[str, int]], parts: Mapping[type, str]) -> None:
    """Name the stored types, documents with their version and parts, and describe them
    all now, while the import lock keeps other threads out."""
    _DOCUMENTS.update(documents)
    _PARTS.update(parts)
    for cls in (*documents, *parts):
        describe(cls)
