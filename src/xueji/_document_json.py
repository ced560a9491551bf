"""A record's non-key information as stored: any JSON object, its arrays frozen as tuples."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Final

from xueji._document_fields import Defs, Field, refuse
from xueji.errors import InvalidValue
from xueji.frozenmap import FrozenMap


def json_value(value: Any, *parts: str | int) -> Any:
    """A JSON value as information holds it: arrays as tuples, objects as `FrozenMap`."""
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) is float:
        if not math.isfinite(value):
            raise refuse("JSON holds finite numbers only", *parts)
        return value
    if type(value) in (list, tuple):
        return tuple(json_value(item, *parts, i) for i, item in enumerate(value))
    if isinstance(value, Mapping):
        for key in value:
            if type(key) is not str:
                raise refuse("JSON objects have text keys", *parts)
        return FrozenMap._trusted(
            {key: json_value(item, *parts, key) for key, item in value.items()}
        )
    raise refuse(f"JSON cannot hold a {type(value).__name__}: store text or numbers", *parts)


#: Keeps information as read, in order (`FrozenMap`'s own fast path).
adopt: Final = FrozenMap._adopt

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
    return refuse(f"JSON cannot hold a {type(value).__name__}: store text or numbers", *parts)


_JSON_VALUE: Final = {"$ref": "#/$defs/json-value"}
_JSON_VALUE_SCHEMA: Final = {
    "anyOf": [
        {"type": ["string", "integer", "number", "boolean", "null"]},
        {"type": "array", "items": _JSON_VALUE},
        {"type": "object", "additionalProperties": _JSON_VALUE},
    ]
}


#: The empty map, shared: most events change nothing before them, or no information.
NOTHING: Final[FrozenMap[Any]] = FrozenMap()


class Information(Field):
    """A record's non-key information: any JSON object, its arrays frozen as tuples."""

    json_types = (dict,)

    def load(self, value: Any) -> Any:
        if type(value) is not dict:
            raise refuse("expected a JSON object")
        if not value:
            return NOTHING
        # Most information is text by text keys: it is kept as it is, without a call per
        # item; anything else (a float, an array, an object) is read item by item.
        for key, item in value.items():  # a loop, not a comprehension: no frame to make
            if type(key) is not str or type(item) not in _JSON_SCALARS:
                return json_value(value)
        return adopt(dict(value))

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
