"""What every personal number value shares: canonical ``str()``, masked ``repr()``, pickling."""

from __future__ import annotations

from typing import Any, Self

from xueji._display import number_html
from xueji._text import mask

__all__ = ["MaskedNumber", "pretty_by_repr"]


def pretty_by_repr(self: object, printer: Any, cycle: bool) -> None:  # noqa: FBT001 - protocol
    """``_repr_pretty_`` that prints the masked ``repr()``.

    Hypothesis (and IPython) print attrs classes field by field unless a class says how:
    without this, a failing test's report would show full numbers and birth dates.
    """
    printer.text(repr(self))


class MaskedNumber:
    """Mixin for the frozen number classes; their one field is ``value``."""

    __slots__ = ()
    value: str

    @classmethod
    def _trusted(cls, value: str) -> Self:
        # The caller has validated ``value``; skip running the validator a second time.
        obj = object.__new__(cls)
        object.__setattr__(obj, "value", value)
        return obj

    def masked(self) -> str:
        """The number with its 8 birth-date digits replaced by ``*``."""
        return mask(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked()!r})"

    _repr_pretty_ = pretty_by_repr
    _repr_html_ = number_html

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickling goes through the validating constructor: a tampered pickle is refused.
        return (type(self), (self.value,))
