"""The ``check`` command: one column of a file, in chunks, through `xueji.check_many`."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import datetime
import os
import sys
from collections.abc import Iterator
from typing import Final, TextIO

from xueji import Check, Kind, Reason, RegionPolicy, check_many
from xueji._text import mask
from xueji.cli import html_report
from xueji.cli.labels import Labels
from xueji.cli.reading import Source, Table, cell_text, column_letter, open_table
from xueji.cli.refusal import Refusal
from xueji.cli.tally import ProblemRow, Tally, region_code
from xueji.cli.writing import ProblemWriter, atomic_file

__all__ = ["run_check"]

_CHUNK: Final = 100_000
#: Problem rows the HTML report lists; the CSV output has all of them.
HTML_ROWS: Final = 1_000


def _message(result: Check, value: object, labels: Labels, *, masked: bool) -> str:
    """The words of a problem row (``xueji_message``), from its first problem."""
    first = result.problems[0]
    message = first.message
    # Messages mask numbers already; this also covers the raw cell, however it was cleaned.
    if masked and isinstance(value, str) and len(value.strip()) >= 8:
        message = message.replace(value.strip(), mask(value.strip()))
    label = labels.reasons.get(first.reason, first.reason.value)
    return labels.message.format(message=message, label=label)


def _check_rows(
    table: Table,
    writer: ProblemWriter,
    args: argparse.Namespace,
    as_of: datetime.date,
    labels: Labels,
) -> Tally:
    tally = Tally()
    column = table.source.column
    expect = Kind(args.kind) if args.kind else None
    regions = RegionPolicy(args.regions)
    progress = args.progress or sys.stderr.isatty()
    width = len(table.source.header)
    for numbers, rows in table.chunks(_CHUNK):
        # An empty cell is empty text, whether the file is CSV or a workbook.
        values = [
            cells[column] if column < len(cells) and cells[column] is not None else ""
            for cells in rows
        ]
        report = check_many(values, as_of=as_of, regions=regions, expect=expect)
        tally.add(report.summary())
        for i, result in report.problems():
            for problem in result.problems:
                tally.severities.setdefault(problem.reason.value, problem.severity)
            if result.ok:
                continue
            number, cells = numbers[i], rows[i]
            value = values[i]
            texts = [cell_text(cell) for cell in cells]
            # Empty cells past the header (a spreadsheet's formatted but empty columns) go.
            while len(texts) > width and not texts[-1]:
                texts.pop()
            if not args.show and column < len(texts):
                texts[column] = mask(texts[column])
            reasons = tuple(p.reason.value for p in result.problems)
            message = _message(result, value, labels, masked=not args.show)
            writer.write(texts, number, ";".join(reasons), message)
            if not args.html:
                continue
            tally.regions[region_code(value, result.kind)] += 1
            if len(tally.shown) < HTML_ROWS:
                shown = mask(cell_text(value).strip())
                masked = _message(result, value, labels, masked=True)
                tally.shown.append(ProblemRow(number, shown, result.kind, reasons, masked))
        if progress:
            sys.stderr.write(labels.progress.format(rows=tally.rows))
            sys.stderr.flush()
    if progress:
        sys.stderr.write(labels.progress.format(rows=tally.rows) + "\n")
        sys.stderr.flush()
    return tally


def summary_lines(source: Source, tally: Tally, blank: int, labels: Labels) -> list[str]:
    """What the command prints when it is done."""
    if source.sheet is None:
        encoding = labels.encoding_names.get(source.encoding or "", source.encoding)
        lines = [labels.source_csv.format(file=source.file, encoding=encoding)]
    else:
        lines = [labels.source_workbook.format(file=source.file, sheet=source.sheet)]
    column = {"column": source.column_name, "letter": column_letter(source.column)}
    if source.header_row:
        lines[0] += labels.source_column.format(**column, header=source.header_row)
    else:
        lines[0] += labels.source_column_headerless.format(**column)
    lines.append(labels.counts.format(rows=tally.rows, ok=tally.ok_rows, errors=tally.errors))
    lines += [
        labels.count_kind.format(name=k, label=labels.kinds.get(Kind(k), k), n=n)
        for k, n in sorted(tally.kinds.items())
    ]
    by_count = sorted(tally.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    lines += [
        labels.count_reason.format(name=k, label=labels.reasons.get(Reason(k), k), n=n)
        for k, n in by_count
    ]
    if blank:
        lines.append(labels.blank_rows.format(n=blank))
    return lines


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


@contextlib.contextmanager
def _output(path: str | None, encoding: str) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
    else:
        with atomic_file(path, encoding=encoding) as stream:
            yield stream


def _refuse_early(args: argparse.Namespace, labels: Labels) -> None:
    """Refusals that need no reading: bad options, outputs that would overwrite the input."""
    if len(args.delimiter) != 1:
        raise Refusal(labels.delimiter_one_character)
    if args.out_encoding is not None:
        try:
            codecs.lookup(args.out_encoding)
        except LookupError:
            raise Refusal(labels.unknown_encoding.format(name=args.out_encoding)) from None
    for path in (args.out, args.html):
        if path is not None and _same_file(path, args.file):
            raise Refusal(labels.out_is_input.format(file=path))


def run_check(args: argparse.Namespace, as_of: datetime.date, labels: Labels) -> int:
    """The ``check`` command: returns the exit status."""
    try:
        _refuse_early(args, labels)
        with open_table(
            args.file,
            column=args.column,
            header_row=args.header_row,
            sheet=args.sheet,
            encoding=args.encoding,
            delimiter=args.delimiter,
            labels=labels,
        ) as table:
            source = table.source
            encoding = args.out_encoding or source.out_encoding
            with _output(args.out, encoding) as stream:
                writer = ProblemWriter(stream, source.header, header_row=source.header_row)
                try:
                    writer.write_header()
                    tally = _check_rows(table, writer, args, as_of, labels)
                except UnicodeEncodeError:
                    refusal = labels.cannot_encode.format(row=writer.row, encoding=encoding)
                    raise Refusal(refusal) from None
            blank = table.blank
        if args.html:
            page = html_report.render(source, tally, blank, as_of=as_of, labels=labels)
            with atomic_file(args.html, encoding="utf-8") as stream:
                stream.write(page)
    except Refusal as refusal:
        sys.stderr.write(f"xueji: {refusal}\n")
        return 2
    except UnicodeDecodeError as err:
        why = labels.decode_failed.format(why=err.reason, offset=err.start)
        sys.stderr.write("xueji: " + labels.cannot_read.format(file=args.file, why=why) + "\n")
        return 2
    except OSError as err:
        # Reading errors are refused when the file is opened: this is an output.
        why = err.strerror or type(err).__name__
        file = err.filename or args.out or args.html
        sys.stderr.write("xueji: " + labels.cannot_write.format(file=file, why=why) + "\n")
        return 2
    except csv.Error as err:
        sys.stderr.write("xueji: " + labels.not_csv.format(file=args.file, why=err) + "\n")
        return 2
    summary = sys.stdout if args.out else sys.stderr
    summary.write("\n".join(summary_lines(source, tally, blank, labels)) + "\n")
    return 0 if tally.errors == 0 else 1
