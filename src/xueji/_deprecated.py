"""Old names kept for one release: each use warns with a `DeprecationWarning`."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping

__all__ = ["renamed"]


def renamed(
    module: str, names: Mapping[str, str], namespace: Mapping[str, object]
) -> Callable[[str], object]:
    """A module ``__getattr__`` giving ``namespace[new]`` for each old name in ``names``.

    The warning names the caller's line, not this module's.
    """

    def lookup(name: str) -> object:
        new = names.get(name)
        if new is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warnings.warn(f"{module}.{name} is deprecated: use {new}", DeprecationWarning, stacklevel=2)
        return namespace[new]

    return lookup
