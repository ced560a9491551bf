"""Deprecated names, kept for one release with a `DeprecationWarning` that names the new one."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping

__all__ = ["module_getattr", "warn"]


def warn(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``.

    The default ``stacklevel`` points at the caller of the function that calls this one.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed in the next release: use {new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def module_getattr(
    module: str, renamed: Mapping[str, str | tuple[str, str]]
) -> Callable[[str], object]:
    """A module ``__getattr__`` (PEP 562) for renamed or moved names.

    ``renamed`` maps each old name to its new home, ``"package.module:name"``, or to that
    and the advice the warning gives (for a name whose new home is private). The object
    is imported on first use, so an old name costs nothing until it is asked for.
    """

    def __getattr__(name: str) -> object:  # noqa: N807 - the name PEP 562 asks for
        found = renamed.get(name)
        if found is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        new, advice = found if isinstance(found, tuple) else (found, found.replace(":", "."))
        home, _, attribute = new.partition(":")
        warn(f"{module}.{name}", advice)
        return getattr(importlib.import_module(home), attribute)

    return __getattr__
