"""What a `check` run counts: rows, reasons, regions, and the first rows with errors."""

from __future__ import annotations

from collections import Counter
from typing import Final

import attrs

from xueji import Kind, Severity, Summary
from xueji._text import MAX_INPUT, clean
from xueji.regions import region

__all__ = ["ProblemRow", "Tally", "region_code"]

_PREFIXES: Final = frozenset("GLJ")


@attrs.frozen
class ProblemRow:
    """A row with an error, as the HTML report shows it: masked."""

    row: int
    value: str
    kind: Kind | None
    reasons: tuple[str, ...]
    message: str


@attrs.define
class Tally:
    """Counts over every chunk of a run, and the first rows with errors."""

    rows: int = 0
    ok_rows: int = 0
    kinds: Counter[str] = attrs.Factory(Counter)
    reasons: Counter[str] = attrs.Factory(Counter)
    #: The severity each reason was seen with (a reason is an error or a warning, not both).
    severities: dict[str, Severity] = attrs.Factory(dict)
    #: Rows with errors by the region code of their number (None: no readable region).
    regions: Counter[str | None] = attrs.Factory(Counter)
    shown: list[ProblemRow] = attrs.Factory(list)

    @property
    def errors(self) -> int:
        """Rows with at least one error."""
        return self.rows - self.ok_rows

    def add(self, summary: Summary) -> None:
        """Count one chunk's summary."""
        self.rows += summary.rows
        self.ok_rows += summary.ok_rows
        self.kinds.update(summary.kinds)
        self.reasons.update(summary.reasons)


def region_code(value: object, kind: Kind | None) -> str | None:
    """The known region code a value's number carries, valid or not; None when it has none.

    The code is the first six digits, after the letter of a registry number; a
    foreigner's card and a school code give their province (``PP0000``).

    Examples:
        >>> region_code(" 110105-19491231-0021", Kind.RESIDENT_ID)
        '110105'
        >>> region_code("l4403052010050600", Kind.REGISTRY_NUMBER), region_code("1.1E+17", None)
        ('440305', None)
    """
    if not isinstance(value, str) or len(value) > MAX_INPUT:
        return None
    text = clean(value)[0]
    if kind is Kind.SCHOOL_CODE:
        code = text[2:4] + "0000"
    elif text[:1].upper() in _PREFIXES:
        code = text[1:7]
    elif text[:1] == "9" and len(text) == 18:
        code = text[1:3] + "0000"
    else:
        code = text[:6]
    known = len(code) == 6 and code.isascii() and code.isdigit() and region(code) is not None
    return code if known else None
