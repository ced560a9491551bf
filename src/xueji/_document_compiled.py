"""The fast reader and writer of a stored type: functions generated once per type, the
reader checking the shape of a document and building the value with every field's check
inlined, the writer giving the document as one dict display.

The function takes the good path only: on anything unexpected (a key missing or too many,
a value of the wrong JSON type, a validator refusing) it hands the document to the type's
checked reader (`Described.load_checked`), which reads it again field by field to name
the bad one. A refusal therefore costs two reads; a good document costs one, without the
call per field that a generic reader makes. Both run the same checks: the constructor of
every value, with all its validators, and the type's ``after`` check (a record's history).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import attrs

from xueji._document_fields import (
    MEMO,
    DateField,
    Dependent,
    EnumField,
    Field,
    ListField,
    NumberField,
    OptionalField,
    PlainField,
    date_cache,
)

__all__ = ["compile_reader", "compile_writer"]


class Described(Protocol):
    """What the generated functions need of a described type (`xueji._document_types`,
    which imports this module, defines it)."""

    @property
    def cls(self) -> type: ...
    @property
    def fields(self) -> list[tuple[str, Field]]: ...
    @property
    def tag(self) -> str | None: ...
    @property
    def textual(self) -> bool: ...
    def load_checked(self, data: Any) -> Any: ...


class _Lines:
    """The source of the generated function and the names it refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"Bad": KeyError}  # any exception: the slow path follows

    def name(self, prefix: str, value: Any) -> str:
        name = f"{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)


def _check(out: _Lines, field: Field, var: str, indent: int) -> None:
    """Lines that replace ``var``, the JSON value of ``field``, with the value it reads,
    or raise when it is not what ``field.load`` would accept."""
    if isinstance(field, PlainField):
        out.add(indent, f"if type({var}) is not {out.name('K', field.kind)}: raise Bad")
    elif isinstance(field, OptionalField):
        if isinstance(field.inner, PlainField):
            kind = out.name("K", field.inner.kind)
            out.add(indent, f"if {var} is not None and type({var}) is not {kind}: raise Bad")
        else:
            out.add(indent, f"if {var} is not None:")
            _check(out, field.inner, var, indent + 1)
    elif isinstance(field, EnumField):
        out.add(indent, f"if type({var}) is not str: raise Bad")
        out.add(indent, f"{var} = {out.name('M', field.members)}[{var}]")
    elif isinstance(field, DateField):
        out.add(indent, f"if type({var}) is not str: raise Bad")
        get, load = out.name("G", date_cache.get), out.name("D", field.load)
        out.add(indent, f"{var} = {get}({var}) or {load}({var})")
    elif isinstance(field, ListField) and field.size is None:
        read = out.name("R", field.inner.reader())
        out.add(indent, f"if type({var}) is not list: raise Bad")
        if field.unique:
            out.add(indent, f"{var}, _n = frozenset([{read}(x) for x in {var}]), len({var})")
            out.add(indent, f"if len({var}) != _n: raise Bad")
        else:
            out.add(indent, f"{var} = tuple([{read}(x) for x in {var}])")
    else:
        out.add(indent, f"{var} = {out.name('R', field.reader())}({var})")


def compile_reader(described: Described) -> Callable[[Any], Any]:
    """The fast reader of ``described``: what `Described.load_checked` gives for a good
    document, which it hands over for any other."""
    out = _Lines()
    names = out.names
    names.update(owner=described, cls=described.cls, MEMO=MEMO)
    out.add(0, "def read(data):")
    out.add(1, "if type(data) is not dict: return owner.load_checked(data)")
    tag = described.tag
    if tag:  # another version, or another type: the checked reader upgrades or refuses
        out.add(1, "if data.get('schema') != owner.tag: return owner.load_checked(data)")
    variables = {name: f"v{i}" for i, (name, _) in enumerate(described.fields)}
    plain = [(name, f) for name, f in described.fields if not isinstance(f, Dependent)]
    dependent = [(name, f) for name, f in described.fields if isinstance(f, Dependent)]
    out.add(1, "try:")
    out.add(2, f"if len(data) != {len(described.fields) + bool(tag)}: raise Bad")
    for name, _ in plain:
        out.add(2, f"{variables[name]} = data[{name!r}]")  # a missing key raises
    out.add(1, "except Exception: return owner.load_checked(data)")
    if described.textual:
        # A part met again in this document, by the same text in the same keys (its
        # keys are all there, and no other), is the value built the first time. Text
        # equals only text, and a subclass of str is not JSON text: the type is checked.
        raw = [variables[name] for name, _ in plain]
        is_text = (
            " and ".join(
                f"({var} is None or type({var}) is str)"
                if isinstance(field, OptionalField)
                else f"type({var}) is str"
                for var, (_, field) in zip(raw, plain, strict=True)
            )
            or "True"
        )
        out.add(1, "memo = MEMO.get()")
        out.add(1, "if memo is not None:")
        out.add(2, f"key = (owner, {', '.join(raw)},)")
        out.add(2, "try: built = memo.get(key)")
        out.add(2, "except TypeError: return owner.load_checked(data)")
        out.add(2, f"if built is not None and {is_text}: return built")
    out.add(1, "try:")
    for name, field in plain:
        _check(out, field, variables[name], 2)
    for name, field in dependent:
        load = out.name("L", field.load_in)
        out.add(2, f"{variables[name]} = {load}(data[{name!r}], {variables[field.key]})")
    init = attrs.fields(described.cls)
    if all(f.init and not f.kw_only for f in init) and [f.name for f in init] == list(variables):
        arguments = ", ".join(variables.values())
    else:
        arguments = ", ".join(f"{name}={var}" for name, var in variables.items())
    out.add(2, f"built = cls({arguments})")
    out.add(1, "except Exception: return owner.load_checked(data)")
    out.add(1, "if owner.after is not None: owner.after(built)")
    if described.textual:
        out.add(1, "if memo is not None: memo[key] = built")
    out.add(1, "return built")
    namespace = dict(names)
    exec("\n".join(out.lines), namespace)
    read: Callable[[Any], Any] = namespace["read"]
    return read


def _written(out: _Lines, field: Field, value: str) -> str:
    """The expression of ``field``'s written form of ``value``, an attribute."""
    if isinstance(field, PlainField) or (
        isinstance(field, OptionalField) and isinstance(field.inner, PlainField)
    ):
        return value
    if isinstance(field, NumberField):
        return f"{value}.value"
    if isinstance(field, EnumField):
        return f"{value}._value_"  # what `.value` gives, without its property
    if isinstance(field, DateField):
        return f"{value}.isoformat()"
    return f"{out.name('W', field.writer())}({value})"


def compile_writer(described: Described) -> Callable[[Any], dict[str, Any]]:
    """The fast writer of ``described``, for a value that was valid when built: it may
    fail without saying where (`Described.dump` then writes it field by field)."""
    out = _Lines()
    items = [f"'schema': {described.tag!r}"] if described.tag else []
    dependent = []
    for name, field in described.fields:
        if isinstance(field, Dependent):
            dependent.append((name, field))
        else:
            items.append(f"{name!r}: {_written(out, field, f'value.{name}')}")
    for name, field in dependent:
        dump = out.name("W", field.dump_in)
        items.append(f"{name!r}: {dump}(value.{name}, value.{field.key})")
    out.add(0, "def write(value):")
    out.add(1, "return {" + ", ".join(items) + "}")
    namespace = dict(out.names)
    exec("\n".join(out.lines), namespace)
    write: Callable[[Any], dict[str, Any]] = namespace["write"]
    return write
