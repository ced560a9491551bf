"""`FrozenMap`: an immutable, hashable mapping, such as the non-key information of a record.

Examples:
    >>> from xueji import FrozenMap
    >>> FrozenMap({"phone": "010-1234"}) == {"phone": "010-1234"}
    True
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

V = TypeVar("V")

__all__ = ["FrozenMap"]


class FrozenMap(Mapping[str, V]):
    """A read-only mapping that compares and hashes by content.

    Examples:
        >>> info = FrozenMap({"phone": "010-1234", "address": "北京"})
        >>> info["phone"], len(info), info == FrozenMap(address="北京", phone="010-1234")
        ('010-1234', 2, True)
    """

    __slots__ = ("_data", "_hash")

    _data: dict[str, V]
    _hash: int | None

    def __init__(self, data: Mapping[str, V] | None = None, /, **kwargs: V) -> None:
        items = {**(data or {}), **kwargs}
        object.__setattr__(self, "_data", {str(k): freeze(v) for k, v in sorted(items.items())})
        object.__setattr__(self, "_hash", None)

    @classmethod
    def _trusted(cls, data: Mapping[str, V]) -> FrozenMap[V]:
        # The caller built ``data`` from text keys and values that are frozen already
        # (xueji.serialization reads them so): skip freezing them a second time.
        return cls._adopt(dict(data))

    @staticmethod
    def _adopt(data: dict[str, Any]) -> FrozenMap[Any]:
        # A map holding ``data`` itself, which the caller built (text keys, frozen values)
        # and gives up: it is kept, in key order, and never changed again.
        if len(data) > 1:
            keys = [*data]
            # Stored maps come back in order, as `to_dict` wrote them: checked, not sorted.
            if keys != sorted(keys):
                data = {key: data[key] for key in sorted(keys)}
        obj = _new(FrozenMap)
        _set_data(obj, data)
        _set_hash(obj, None)
        return obj

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # The Mapping mixins would go through __getitem__ one key at a time: the dict's own
    # read-only views and lookups are several times faster, and mutate nothing.
    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def keys(self) -> KeysView[str]:
        return self._data.keys()

    def items(self) -> ItemsView[str, V]:
        return self._data.items()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        return self._hash  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        # Equal to any mapping with the same items, as dict and MappingProxyType are.
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("FrozenMap is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("FrozenMap is immutable")

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


# The slots' own setters: what ``object.__setattr__`` ends up calling, without its lookup.
_set_data = FrozenMap.__dict__["_data"].__set__
_set_hash = FrozenMap.__dict__["_hash"].__set__
_new = object.__new__


def frozen_map(value: object) -> FrozenMap[Any]:
    """Converter to `FrozenMap`, refusing what cannot be one with InvalidValue."""
    if isinstance(value, FrozenMap):
        return value  # before the import below, which costs more than the rest here
    from xueji.errors import InvalidValue

    if not isinstance(value, Mapping):
        raise InvalidValue("expected a mapping")
    try:
        return FrozenMap(value)
    except TypeError:
        raise InvalidValue("mapping values must be hashable (text, numbers, tuples)") from None


def freeze(value: object) -> object:
    """``value`` with lists made tuples, sets frozensets and dicts `FrozenMap`s."""
    if isinstance(value, Mapping) and not isinstance(value, FrozenMap):
        return FrozenMap(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(freeze(v) for v in value)
    hash(value)  # anything else must be hashable already: fail here, not later
    return value
