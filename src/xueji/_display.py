"""Notebook display: the ``_repr_html_`` of reports, checks and values, and `Summary`'s repr.

Private. Each class attaches its display with one line (``_repr_html_ = ...``), so that
the modules of the values stay as they are. Everything shown is escaped, and people's
numbers are masked as their ``repr()`` masks them (the birth date hidden): `report_html`
shows the raw text of problem rows only when asked to (``show=True``). Every count sits
in an element whose ``data-key`` says what it counts, so that a test can read it back.

This module imports no module that checks or holds values (they import it): it works on
their public attributes.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Mapping
from typing import Any, Final

from xueji._text import mask, plain
from xueji.errors import InvalidValue

__all__ = [
    "check_html",
    "fields_html",
    "number_html",
    "report_html",
    "summary_html",
    "summary_repr",
]

#: Problem rows a report shows unless told otherwise.
ROWS: Final = 10


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _shown(value: object) -> str:
    """A cell of a value's table: a number masked, an enum by its value, else ``str()``
    (which is the ``repr()`` of a value that hides something, such as a student)."""
    masked = getattr(value, "masked", None)
    if callable(masked):
        return str(masked())
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _counts(caption: str, key: str, counts: Mapping[str, int]) -> str:
    rows = "".join(
        f'<tr><td><code>{_e(name)}</code></td><td data-{key}="{_e(name)}">{n:,}</td></tr>'
        for name, n in counts.items()
    )
    head = f"<thead><tr><th>{_e(key)}</th><th>rows</th></tr></thead>"
    return f"<table><caption>{_e(caption)}</caption>{head}<tbody>{rows}</tbody></table>"


def summary_html(summary: Any) -> str:
    """Rows, valid and invalid rows, rows per kind and problems per reason, as tables."""
    totals = (
        ("rows", "rows", summary.rows),
        ("ok_rows", "ok (no error)", summary.ok_rows),
        ("invalid_rows", "with an error", summary.rows - summary.ok_rows),
    )
    body = "".join(
        f'<tr><th>{_e(label)}</th><td data-key="{key}">{n:,}</td></tr>' for key, label, n in totals
    )
    parts = [f'<div class="xueji-summary"><table><tbody>{body}</tbody></table>']
    if summary.kinds:
        parts.append(_counts("rows by kind", "kind", summary.kinds))
    if summary.reasons:
        parts.append(_counts("problems by reason", "reason", summary.reasons))
    parts.append("</div>")
    return "".join(parts)


def summary_repr(summary: Any) -> str:
    """``Summary(rows=..., ok_rows=..., kinds={...}, reasons={...})``: plain dicts, which
    the constructor takes back."""
    return (
        f"Summary(rows={summary.rows!r}, ok_rows={summary.ok_rows!r}, "
        f"kinds={dict(summary.kinds)!r}, reasons={dict(summary.reasons)!r})"
    )


def _input(value: object) -> str:
    """A row's input as error messages show it: masked by its shape, or its type."""
    value = plain(value)
    return mask(value.strip()) if isinstance(value, str) else f"<{type(value).__name__}>"


def report_html(report: Any, *, rows: int = ROWS, show: bool = False) -> str:
    """The report as HTML: its summary, then its first ``rows`` problem rows.

    Inputs are masked as error messages mask them; ``show=True`` shows them as they are,
    for a trusted screen only.

    Raises:
        InvalidValue: ``rows`` is not an int of 0 or more, or ``show`` not a bool.
    """
    if type(rows) is not int or rows < 0:
        raise InvalidValue(f"rows must be an int of 0 or more, not {rows!r}")
    if type(show) is not bool:
        raise InvalidValue("show must be True or False")
    problems: list[tuple[int, Any]] = []
    more = False
    for found in report.problems():  # built row by row: stop at the first one not shown
        if len(problems) == rows:
            more = True
            break
        problems.append(found)
    values = report._values  # attached to Report as its method: its own input
    lines = []
    for i, result in problems:
        shown = repr(plain(values[i])) if show else _input(values[i])
        kind = "" if result.kind is None else result.kind.value
        reasons = ", ".join(
            f'<span class="{_e(p.severity.value)}">{_e(p.reason.value)}</span>'
            for p in result.problems
        )
        lines.append(
            f'<tr data-row="{i}"><td>{i}</td><td>{_e(kind)}</td>'
            f"<td><code>{_e(shown)}</code></td><td>{reasons}</td></tr>"
        )
    summary = report.summary()
    which = "the first" if more else "all"
    note = f"{which} {len(problems)} rows with a problem (an error or a warning)"
    head = "<tr><th>row</th><th>kind</th><th>input</th><th>problems</th></tr>"
    table = (
        f'<table class="xueji-problems"><caption>{_e(note)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(lines)}</tbody></table>"
        if problems
        else ""
    )
    return f'<div class="xueji-report">{summary_html(summary)}{table}</div>'


def check_html(result: Any) -> str:
    """A check: its verdict, kind and value (masked as ``repr()`` masks it), and problems."""
    personal = result.value is not None and result.kind is not None
    personal = personal and result.kind.value != "school-code"
    value = mask(result.value) if personal else result.value
    verdict = "ok" if result.ok else "not ok"
    kind = "" if result.kind is None else result.kind.value
    rows = "".join(
        f"<tr><td><code>{_e(p.reason.value)}</code></td><td>{_e(p.severity.value)}</td>"
        f"<td>{_e(p.message)}</td></tr>"
        for p in result.problems
    )
    table = f"<table><tbody>{rows}</tbody></table>" if rows else ""
    shown = "" if value is None else f" <code>{_e(value)}</code>"
    return (
        f'<div class="xueji-check"><strong data-key="ok">{verdict}</strong> '
        f"{_e(kind)}{shown}{table}</div>"
    )


def number_html(number: Any) -> str:
    """A person's number, masked: ``ResidentID <code>110105********002X</code>``."""
    return f"<span>{_e(type(number).__name__)} <code>{_e(number.masked())}</code></span>"


def fields_html(*names: str) -> Callable[[Any], str]:
    """A ``_repr_html_`` showing the attributes ``names`` of a value, one row each.

    A class leaves out what its ``repr()`` hides (a student's birth date); numbers in the
    others show masked, as their own ``repr()`` does.
    """

    def render(value: Any) -> str:
        rows = "".join(
            f"<tr><th>{_e(name)}</th><td>{_e(_shown(getattr(value, name)))}</td></tr>"
            for name in names
        )
        caption = _e(type(value).__name__)
        return f"<table><caption>{caption}</caption><tbody>{rows}</tbody></table>"

    return render
