"""The fields of stored documents that hold one value each (text, numbers, dates, codes,
lists and optional values), the path of a refusal, and the memo of one document's parts.

`xueji._documents` assembles them with the described types (`xueji._document_types`)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import enum
import operator
import re
from collections.abc import Callable
from typing import Any, Final

from xueji.errors import InvalidValue, Reason, XuejiError
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID
from xueji.school import SchoolCode

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


def refuse(detail: str, *parts: str | int) -> InvalidValue:
    return InvalidValue(detail, path=_join(parts, None) or None)


class Field:
    """How one kind of value is read, written and described."""

    #: The JSON types of the values it reads (None: any); `load` checks them too.
    json_types: tuple[type, ...] | None = None

    def load(self, value: Any) -> Any:
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        raise NotImplementedError

    def reader(self) -> Callable[[Any], Any]:
        """The fastest function that reads a value as `load` does, refusals included."""
        return self.load

    def writer(self) -> Callable[[Any], Any]:
        """The fastest function that writes a value as `dump` does, for a value that was
        valid when built: it may fail without saying where (`dump` then says it)."""
        return self.dump

    def schema(self, defs: Defs) -> dict[str, Any]:
        raise NotImplementedError


class PlainField(Field):
    """Text, an integer or a switch, stored as itself; the value's own checks follow."""

    def __init__(self, kind: type, json: str) -> None:
        self.kind, self.json = kind, json
        self.json_types = (kind,)

    def load(self, value: Any) -> Any:
        if type(value) is not self.kind:
            raise refuse(f"expected a JSON {self.json}")
        return value

    def dump(self, value: Any) -> Any:
        return value

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": self.json}


_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_DATE_CACHE_SIZE: Final = 4096


class _Days(dict[str, datetime.date]):
    """The days read so far, by their text: a history names the same few days again and
    again. Looking one up (``days[text]``) reads a day not met before, or refuses it; only
    text that was read as a day is kept, and the memo is emptied when full."""

    def __missing__(self, value: Any) -> datetime.date:
        if type(value) is not str or not _ISO_DATE.fullmatch(value):
            raise refuse("expected a date as YYYY-MM-DD")
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise refuse("not a day of the calendar") from None
        if len(self) >= _DATE_CACHE_SIZE:
            self.clear()
        self[value] = day
        return day


date_cache: Final = _Days()


class DateField(Field):
    json_types = (str,)

    def load(self, value: Any) -> Any:
        if type(value) is not str:
            raise refuse("expected a date as YYYY-MM-DD")
        return date_cache[value]

    def dump(self, value: Any) -> Any:
        return value.isoformat()

    def writer(self) -> Callable[[Any], Any]:
        return datetime.date.isoformat

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": f"^{_ISO_DATE.pattern}$"}


class EnumField(Field):
    json_types = (str,)

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.members = {member.value: member for member in cls}

    def load(self, value: Any) -> Any:
        member = self.members.get(value) if type(value) is str else None
        if member is None:
            raise refuse("not one of the codes of this field")
        return member

    def dump(self, value: Any) -> Any:
        return value.value

    def writer(self) -> Callable[[Any], Any]:
        return operator.attrgetter("_value_")  # what `.value` gives, without its property

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.members)}


#: The canonical shape of each number: the constructor checks the rest.
NUMBER_PATTERNS: Final[dict[type, str]] = {
    ResidentID: "^[0-9]{17}[0-9X]$",
    RegistryNumber: "^[GLJ][0-9]{17}[0-9X]$",
    SchoolCode: "^[0-9]{10}$",
}


class NumberField(Field):
    """A number as its canonical text, rebuilt by the validating constructor."""

    json_types = (str,)

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def load(self, value: Any) -> Any:
        if type(value) is not str:
            raise refuse("expected a number as text")
        return self.cls(value)

    def reader(self) -> Callable[[Any], Any]:
        # A number met twice in a document is built once: its text is all its
        # constructor reads.
        cls, load = self.cls, self.load

        def read(value: Any) -> Any:
            memo = MEMO.get()
            if memo is None or type(value) is not str:
                return load(value)
            built = memo.get((cls, value))
            if built is None:
                built = memo[cls, value] = load(value)
            return built

        return read

    def dump(self, value: Any) -> Any:
        return value.value

    def writer(self) -> Callable[[Any], Any]:
        return operator.attrgetter("value")

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"type": "string", "pattern": NUMBER_PATTERNS[self.cls]}


class OptionalField(Field):
    def __init__(self, inner: Field) -> None:
        self.inner = inner
        kinds = inner.json_types
        self.json_types = None if kinds is None else (type(None), *kinds)

    def load(self, value: Any) -> Any:
        return None if value is None else self.inner.load(value)

    def dump(self, value: Any) -> Any:
        return None if value is None else self.inner.dump(value)

    def writer(self) -> Callable[[Any], Any]:
        if isinstance(self.inner, PlainField):
            return self.inner.dump  # None or the text itself
        write = self.inner.writer()
        return lambda value: None if value is None else write(value)

    def schema(self, defs: Defs) -> dict[str, Any]:
        return {"anyOf": [{"type": "null"}, self.inner.schema(defs)]}


class ListField(Field):
    """A tuple as a JSON array; ``size`` fixes its length (a pair), ``unique`` makes it a
    set, written sorted."""

    json_types = (list,)

    def __init__(self, inner: Field, *, size: int | None = None, unique: bool = False) -> None:
        self.inner, self.size, self.unique = inner, size, unique

    def load(self, value: Any) -> Any:
        if type(value) is not list or (self.size is not None and len(value) != self.size):
            raise refuse("expected a JSON array" + (f" of {self.size}" if self.size else ""))
        items = []
        for i, item in enumerate(value):
            try:
                items.append(self.inner.load(item))
            except XuejiError as err:
                raise nested(err, i) from origin(err)
        if self.unique:
            if len(set(items)) != len(items):
                raise refuse("a set lists each member once")
            return frozenset(items)
        return tuple(items)

    def dump(self, value: Any) -> Any:
        items = [self.inner.dump(item) for item in value]
        return sorted(items) if self.unique else items

    def writer(self) -> Callable[[Any], Any]:
        if isinstance(self.inner, PlainField) and not self.unique:
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


#: The parts and numbers read so far in the document being read, keyed by their text
#: (`compile_reader`, `NumberField.reader`).
MEMO: Final[contextvars.ContextVar[dict[Any, Any] | None]] = contextvars.ContextVar(
    "xueji_documents_memo", default=None
)


class _Reading:
    """The memo of one document, set on entering unless an outer document's is set."""

    __slots__ = ("token",)

    def __enter__(self) -> None:
        self.token = None if MEMO.get() is not None else MEMO.set({})

    def __exit__(self, *exc: object) -> None:
        if self.token is not None:
            MEMO.reset(self.token)


def reading() -> contextlib.AbstractContextManager[None]:
    """Read one document: parts and numbers met twice in it are built once."""
    return _Reading()


def is_text(field: Field) -> bool:
    if isinstance(field, OptionalField):
        field = field.inner
    return isinstance(field, DateField | EnumField | NumberField) or (
        isinstance(field, PlainField) and field.kind is str
    )


class Dependent(Field):
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


SCALARS: Final[dict[Any, Field]] = {
    str: PlainField(str, "string"),
    int: PlainField(int, "integer"),
    bool: PlainField(bool, "boolean"),
    datetime.date: DateField(),
    **{cls: NumberField(cls) for cls in NUMBER_PATTERNS},
}
