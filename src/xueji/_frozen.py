"""An immutable, hashable mapping for the non-key information of records."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["FrozenMap", "freeze"]


class FrozenMap(Mapping[str, object]):
    """A read-only mapping that compares and hashes by content.

    >>> info = FrozenMap({"phone": "010-1234", "address": "北京"})
    >>> info["phone"], len(info), info == FrozenMap(address="北京", phone="010-1234")
    ('010-1234', 2, True)
    """

    __slots__ = ("_data", "_hash")

    _data: dict[str, object]
    _hash: int | None

    def __init__(self, data: Mapping[str, object] | None = None, /, **kwargs: object) -> None:
        items = {**(data or {}), **kwargs}
        object.__setattr__(self, "_data", {str(k): freeze(v) for k, v in sorted(items.items())})
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: str) -> object:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        return self._hash  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return NotImplemented

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("FrozenMap is immutable")

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


def freeze(value: object) -> object:
    """``value`` with lists made tuples, sets frozensets and dicts :class:`FrozenMap`s."""
    if isinstance(value, Mapping) and not isinstance(value, FrozenMap):
        return FrozenMap(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(freeze(v) for v in value)
    hash(value)  # anything else must be hashable already: fail here, not later
    return value
