"""The ``--html`` report: one self-contained page, bar charts drawn as inline SVG.

Nothing is fetched and nothing runs: no script, no font, no image, no link out of the
page, so it opens the same from a USB stick, an e-mail or an office without internet.
Every number sits in an element whose ``data-key`` (or table ``id``) says what it counts,
so that a test can read each one back. Numbers are always masked, ``--show`` or not.
"""

from __future__ import annotations

import datetime
import html
import importlib.metadata
import os
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from xueji import Kind, Reason, Severity
from xueji.cli.labels import Labels
from xueji.cli.reading import Source, column_letter
from xueji.regions import region

if TYPE_CHECKING:
    from xueji.cli.tally import Tally

__all__ = ["REGION_BARS", "Bar", "chart", "reason_bars", "region_bars", "region_label", "render"]

#: Regions drawn one bar each; the rest share an "other regions" bar.
REGION_BARS: Final = 20
_ROW_HEIGHT: Final = 26
_BAR_WIDTH: Final = 360
_FONT: Final = 13

_STYLE: Final = """
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", system-ui, sans-serif; color: #1f2933; line-height: 1.5;
  max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #d9e2ec; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dt { color: #52606d; }
dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d9e2ec; padding: .3rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: #f0f4f8; white-space: nowrap; }
td code { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
.note { color: #52606d; font-size: .9rem; }
.error { color: #b42318; }
.warning { color: #8a5a00; }
svg { max-width: 100%; height: auto; }
svg text { font-size: 13px; fill: #1f2933; }
rect.error { fill: #c0392b; }
rect.warning { fill: #e5a50a; }
rect.region { fill: #2b6cb0; }
rect.none { fill: #9aa5b1; }
"""


@attrs.frozen
class Bar:
    """One bar of a chart: what it counts (``key``), its label, its count, its colour."""

    key: str
    label: str
    count: int
    style: str


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text_width(text: str) -> float:
    """Rough width in pixels: wide (CJK) characters take a full em, others about half."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return (wide + 0.6 * (len(text) - wide)) * _FONT


def chart(chart_id: str, title: str, bars: Sequence[Bar]) -> str:
    """A horizontal bar chart as inline SVG; bar lengths are proportional to the counts."""
    label_width = min(max((_text_width(b.label) for b in bars), default=0) + 16, 520)
    width = round(label_width + _BAR_WIDTH + 90)
    height = _ROW_HEIGHT * len(bars) + 10
    top = max((b.count for b in bars), default=0) or 1
    parts = [
        f'<svg id="{chart_id}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
    ]
    for i, bar in enumerate(bars):
        y = 5 + i * _ROW_HEIGHT
        length = round(bar.count / top * _BAR_WIDTH, 1)
        x = round(label_width)
        parts.append(
            f'<g data-key="{_e(bar.key)}">'
            f'<text x="{x - 8}" y="{y + 17}" text-anchor="end">{_e(bar.label)}</text>'
            f'<rect x="{x}" y="{y + 4}" width="{length}" height="{_ROW_HEIGHT - 8}" '
            f'class="{bar.style}" data-count="{bar.count}"></rect>'
            f'<text x="{x + length + 6}" y="{y + 17}" class="n">{bar.count:,}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def region_label(code: str) -> str:
    """Names and code of a region, e.g. ``广东省 深圳市 南山区 (440305)``."""
    found = region(code)
    names = [] if found is None else [found.province, found.prefecture, found.county]
    return " ".join([*(name for name in names if name), f"({code})"])


def reason_bars(tally: Tally, labels: Labels) -> list[Bar]:
    """Problems by reason, most frequent first."""
    ranked = sorted(tally.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Bar(code, labels.reasons.get(Reason(code), code), n, _severity(tally, code))
        for code, n in ranked
    ]


def _severity(tally: Tally, code: str) -> str:
    return tally.severities.get(code, Severity.ERROR).value


def region_bars(tally: Tally, labels: Labels) -> list[Bar]:
    """Rows with errors by region: the largest `REGION_BARS`, the others, the unreadable."""
    known = sorted(
        ((code, n) for code, n in tally.regions.items() if code is not None),
        key=lambda kv: (-kv[1], kv[0]),
    )
    bars = [Bar(code, region_label(code), n, "region") for code, n in known[:REGION_BARS]]
    rest = known[REGION_BARS:]
    if rest:
        label = labels.html_other_regions.format(n=len(rest))
        bars.append(Bar("other", label, sum(n for _, n in rest), "region"))
    unreadable = tally.regions.get(None, 0)
    if unreadable:
        bars.append(Bar("none", labels.html_no_region, unreadable, "none"))
    return bars


def _table(table_id: str, head: Iterable[str], body: Iterable[str], *, numbers: int = -1) -> str:
    """A table with a header row; the column at index ``numbers`` holds counts."""
    cells = "".join(
        f'<th class="n">{_e(h)}</th>' if i == numbers else f"<th>{_e(h)}</th>"
        for i, h in enumerate(head)
    )
    rows = "".join(body)
    return f'<table id="{table_id}"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


def _meta(source: Source, as_of: datetime.date, labels: Labels) -> str:
    try:
        version = importlib.metadata.version("xueji")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    header = str(source.header_row) if source.header_row else labels.no_header
    items = [("file", labels.html_file, os.path.basename(source.file))]
    if source.sheet is not None:
        items.append(("sheet", labels.html_sheet, source.sheet))
    column = f"{source.column_name} ({column_letter(source.column)})"
    items.append(("column", labels.html_column, column))
    items.append(("header-row", labels.html_header_row, header))
    if source.encoding is not None:
        encoding = labels.encoding_names.get(source.encoding, source.encoding)
        items.append(("encoding", labels.html_encoding, encoding))
    items.append(("as-of", labels.html_as_of, as_of.isoformat()))
    items.append(("version", labels.html_checked_by, f"xueji {version}"))
    body = "".join(f'<dt>{_e(t)}</dt><dd data-key="{k}">{_e(v)}</dd>' for k, t, v in items)
    return f'<dl id="meta">{body}</dl>'


def _summary(tally: Tally, blank: int, labels: Labels) -> str:
    items = [
        ("rows", labels.html_rows, tally.rows),
        ("ok", labels.html_ok, tally.ok_rows),
        ("errors", labels.html_errors, tally.errors),
    ]
    if blank:
        items.append(("blank", labels.html_blank_rows, blank))
    body = "".join(
        f'<tr data-key="{k}"><th>{_e(t)}</th><td class="n">{n:,}</td></tr>' for k, t, n in items
    )
    return f'<table id="summary"><tbody>{body}</tbody></table>'


def _kinds(tally: Tally, labels: Labels) -> str:
    body = []
    for code, n in sorted(tally.kinds.items()):
        name = labels.kinds.get(Kind(code), code)
        body.append(
            f'<tr data-key="{_e(code)}"><td>{_e(name)} <code>{_e(code)}</code></td>'
            f'<td class="n">{n:,}</td></tr>'
        )
    unknown = tally.rows - sum(tally.kinds.values())
    if unknown:
        body.append(
            f'<tr data-key="none"><td>{_e(labels.html_no_kind)}</td>'
            f'<td class="n">{unknown:,}</td></tr>'
        )
    return _table("kinds", (labels.html_kind, labels.html_count), body, numbers=1)


def _reasons(tally: Tally, labels: Labels) -> str:
    body = []
    for bar in reason_bars(tally, labels):
        reason = Reason(bar.key)
        severity = labels.html_warning if bar.style == "warning" else labels.html_error
        advice = labels.advice.get(reason, "")
        body.append(
            f'<tr data-key="{_e(bar.key)}"><td><code>{_e(bar.key)}</code></td>'
            f'<td class="{bar.style}">{_e(severity)}</td>'
            f"<td>{_e(bar.label)}"
            + (f'<br><span class="note">{_e(advice)}</span>' if advice else "")
            + f'</td><td class="n">{bar.count:,}</td></tr>'
        )
    head = (labels.html_reason, labels.html_severity, labels.html_meaning, labels.html_count)
    return _table("reasons", head, body, numbers=3)


def _problems(tally: Tally, labels: Labels) -> str:
    if not tally.errors:
        return f'<p class="note">{_e(labels.html_no_problems)}</p>'
    parts = []
    if len(tally.shown) < tally.errors:
        showing = labels.html_showing.format(shown=len(tally.shown), total=tally.errors)
        parts.append(f'<p class="note" data-key="showing">{_e(showing)}</p>')
    body = []
    for row in tally.shown:
        kind = "" if row.kind is None else labels.kinds.get(row.kind, row.kind.value)
        reasons = ", ".join(
            f'<span title="{_e(labels.reasons.get(Reason(r), r))}">{_e(r)}</span>'
            for r in row.reasons
        )
        body.append(
            f'<tr><td class="n">{row.row}</td><td><code>{_e(row.value)}</code></td>'
            f"<td>{_e(kind)}</td><td>{reasons}</td><td>{_e(row.message)}</td></tr>"
        )
    head = (
        labels.html_row,
        labels.html_value,
        labels.html_kind,
        labels.html_reasons,
        labels.html_message,
    )
    parts.append(_table("problems", head, body, numbers=0))
    return "".join(parts)


def render(
    source: Source, tally: Tally, blank: int, *, as_of: datetime.date, labels: Labels
) -> str:
    """The whole page."""
    reasons = reason_bars(tally, labels)
    regions = region_bars(tally, labels)
    no_problems = f'<p class="note">{_e(labels.html_no_problems)}</p>'
    sections = [
        f"<h1>{_e(labels.html_heading)}</h1>",
        _meta(source, as_of, labels),
        f"<h2>{_e(labels.html_summary)}</h2>",
        _summary(tally, blank, labels),
        f"<h2>{_e(labels.html_by_kind)}</h2>",
        _kinds(tally, labels),
        f"<h2>{_e(labels.html_by_reason)}</h2>",
        chart("chart-reasons", labels.html_chart_reason, reasons) if reasons else no_problems,
        _reasons(tally, labels) if reasons else "",
        f"<h2>{_e(labels.html_by_region)}</h2>",
        f'<p class="note">{_e(labels.html_region_note)}</p>',
        chart("chart-regions", labels.html_chart_region, regions) if regions else no_problems,
        f"<h2>{_e(labels.html_problem_rows)}</h2>",
        f'<p class="note">{_e(labels.html_masked_note)}</p>',
        _problems(tally, labels),
    ]
    title = labels.html_title.format(file=os.path.basename(source.file))
    return (
        f'<!DOCTYPE html>\n<html lang="{labels.html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(s for s in sections if s)
        + "\n</body>\n</html>\n"
    )
