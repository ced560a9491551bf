"""Reading the files people have: CSV in UTF-8 or GB18030, and ``.xlsx`` workbooks.

The format is decided by the first bytes, not the file's name: a ZIP archive is a
workbook (read by openpyxl in read-only, streaming mode), an OLE2 compound file is an
old ``.xls`` workbook or an encrypted one (refused with advice), anything else is CSV.
A CSV file's encoding is decided once, from all its bytes, before any row is checked
(``docs/adr/0022-reading-rosters-and-the-html-report.md``).

Rows come out numbered as a spreadsheet numbers them (1 is the first row of the file);
title rows above the header and blank rows are left out. Workbook cells keep their
types: a number stays a number, so that the check reports it as ``float-damage``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import itertools
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from xueji._text import mask
from xueji.cli.labels import Labels
from xueji.cli.refusal import Refusal

__all__ = ["Source", "Table", "cell_text", "column_letter", "open_table"]

#: How far down the header row is looked for when it is not given.
HEADER_SCAN: Final = 50
_CHUNK: Final = 1 << 20
_ZIP: Final = b"PK\x03\x04"
_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORKBOOK_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xls", ".et"})
_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Encodings ``--encoding auto`` tries, in order, on a file without a byte-order mark.
AUTO: Final = ("utf-8", "gb18030")
#: The encoding of the ``--out`` file of a workbook: Excel opens UTF-8 with a BOM right.
WORKBOOK_OUT_ENCODING: Final = "utf-8-sig"


@attrs.frozen
class Source:
    """Where the checked column came from, for the summary and the report.

    Attributes:
        file: the path as given.
        encoding: the codec a CSV file was read with; None for a workbook.
        sheet: the workbook's sheet; None for CSV.
        header_row: the row holding the headers (1 is the first row); 0 when none.
        column: the checked column's index, from 0.
        header: the header row's cells as text (column letters when there is none).
        out_encoding: the encoding the ``--out`` file gets unless told otherwise.
    """

    file: str
    encoding: str | None
    sheet: str | None
    header_row: int
    column: int
    header: tuple[str, ...]
    out_encoding: str

    @property
    def column_name(self) -> str:
        """The checked column's header, or its letter when the file has none."""
        return self.header[self.column] if self.column < len(self.header) else ""


@attrs.define
class Table:
    """An open file: its `Source`, and its data rows, the first of them numbered ``first``."""

    source: Source
    rows: Iterator[Sequence[object]]
    first: int
    blank: int = 0  # blank rows skipped so far

    def chunks(self, size: int) -> Iterator[tuple[Sequence[int], list[Sequence[object]]]]:
        """The row numbers and rows, ``size`` rows at a time, without the blank ones.

        Blank rows are counted in `blank`. The numbers come as a `range` when no row of
        the chunk was blank: a million rows should not cost a million tuples.
        """
        number = self.first
        while True:
            read = list(itertools.islice(self.rows, size))
            if not read:
                return
            kept = [i for i, cells in enumerate(read) if _filled(cells)]
            if len(kept) == len(read):
                yield range(number, number + len(read)), read
            elif kept:
                yield [number + i for i in kept], [read[i] for i in kept]
            self.blank += len(read) - len(kept)
            number += len(read)


def _filled(cells: Sequence[object]) -> bool:
    """Whether a row has a cell that is not empty or spaces."""
    try:
        return bool("".join(cells).strip())  # type: ignore[arg-type]
    except TypeError:  # a workbook's numbers, dates, None
        return any(v is not None and (not isinstance(v, str) or v.strip()) for v in cells)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column index counted from 0.

    Examples:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
        ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold.

    Examples:
        >>> cell_text(None), cell_text(3.0), cell_text(4.40305201005063e17), cell_text(True)
        ('', '3', '4.40305201005063e+17', 'TRUE')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _name(value: object) -> str:
    return cell_text(value).strip().strip("\ufeff")


# -- the file's format and encoding -----------------------------------------------------


def _head(path: str, labels: Labels) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(512)
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise Refusal(labels.cannot_read.format(file=path, why=why)) from None


def _is_workbook(path: str, head: bytes, labels: Labels) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if head.startswith(_ZIP):
        return True
    if head.startswith(_OLE2):
        # Excel also wraps an encrypted .xlsx in OLE2; any other OLE2 file is an old workbook.
        encrypted = suffix in (".xlsx", ".xlsm")
        refusal = labels.encrypted_workbook if encrypted else labels.old_workbook
        raise Refusal(refusal.format(file=path))
    if suffix in _WORKBOOK_SUFFIXES:
        text = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
        web_page = text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml"))
        refusal = labels.html_as_workbook if web_page else labels.not_a_workbook
        raise Refusal(refusal.format(file=path))
    return False


def _first_undecodable(path: str, encoding: str) -> tuple[int, int, int, bytes] | None:
    """``(line, column, offset, bytes)`` of the first bytes ``encoding`` cannot decode."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = lines = line_start = 0
    with open(path, "rb") as f:
        while True:
            data = f.read(_CHUNK)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                at = offset - pending + err.start
                before = data[: max(0, at - offset)]
                line = lines + before.count(b"\n") + 1
                newline = before.rfind(b"\n")
                start = offset + newline + 1 if newline >= 0 else line_start
                return line, at - start + 1, at, bytes(err.object[err.start : err.end])
            if not data:
                return None
            lines += data.count(b"\n")
            newline = data.rfind(b"\n")
            if newline >= 0:
                line_start = offset + newline + 1
            offset += len(data)


def _encoding(path: str, head: bytes, requested: str, labels: Labels) -> str:
    """The codec to read the CSV file with; a `Refusal` naming where each one failed."""
    if requested.lower() == "auto":
        bom = next((name for mark, name in _BOMS if head.startswith(mark)), None)
        tried: Iterable[str] = (bom,) if bom else AUTO
    else:
        try:
            name = codecs.lookup(requested).name
        except LookupError:
            raise Refusal(labels.unknown_encoding.format(name=requested)) from None
        if name == "utf-8" and head.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        tried = (name,)
    failures = []
    for encoding in tried:
        where = _first_undecodable(path, encoding)
        if where is None:
            return encoding
        line, column, offset, data = where
        shown = " ".join(f"0x{b:02X}" for b in data[:4])
        failures.append(
            labels.undecodable_at.format(
                encoding=labels.encoding_names.get(encoding, encoding),
                line=line,
                column=column,
                offset=offset + 1,
                bytes=shown,
            )
        )
    raise Refusal(labels.undecodable.format(file=path, tried="; ".join(failures)))


# -- the header row and the column ------------------------------------------------------


def _by_number(column: str) -> int | None:
    text = column.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _resolve(cells: Sequence[object], column: str, row: int, file: str, labels: Labels) -> int:
    number = _by_number(column)
    if number is not None:
        if not 1 <= number <= len(cells):
            raise Refusal(labels.column_beyond.format(number=number, row=row, width=len(cells)))
        return number - 1
    wanted = column.strip()
    found = [i for i, value in enumerate(cells) if _name(value) == wanted]
    if not found:
        seen = _shown_names(cells)
        raise Refusal(labels.no_column_in_row.format(column=column, file=file, row=row, seen=seen))
    if len(found) > 1:
        raise Refusal(
            labels.column_twice.format(
                column=column,
                row=row,
                letters=", ".join(column_letter(i) for i in found),
                numbers=", ".join(str(i + 1) for i in found),
            )
        )
    return found[0]


def _shown_names(cells: Sequence[object]) -> str:
    """The cells of a row, for a refusal to list; a cell with 8 digits or more is masked,
    since the row may be a student's rather than a header."""
    names = [_name(value) for value in cells if _name(value)]
    names = [mask(name) if sum(ch.isdigit() for ch in name) >= 8 else name for name in names]
    return ", ".join(names[:12]) + (" …" if len(names) > 12 else "")


def _holds(cells: Sequence[object], column: str) -> bool:
    """Whether a row can be the header: it holds the name ``column``, or, for a column
    number, something in that column (title rows above the header rarely reach it)."""
    number = _by_number(column)
    if number is not None:
        return 1 <= number <= len(cells) and bool(_name(cells[number - 1]))
    wanted = column.strip()
    return any(_name(value) == wanted for value in cells)


def _locate(
    rows: Iterator[Sequence[object]],
    *,
    file: str,
    column: str,
    header_row: int | None,
    labels: Labels,
) -> tuple[int, tuple[str, ...], int, Iterator[Sequence[object]]]:
    """The header row's number and cells, the column's index, and the rows after it."""
    if header_row == 0:
        if _by_number(column) is None:
            raise Refusal(labels.name_needs_header.format(column=column))
        first = next(rows, None)
        if first is None:
            raise Refusal(labels.empty_file.format(file=file))
        index = _resolve(first, column, 1, file, labels)
        letters = tuple(column_letter(i) for i in range(max(len(first), index + 1)))
        return 0, letters, index, itertools.chain([first], rows)
    best: Sequence[object] = ()
    row = 0
    for row, cells in enumerate(rows, 1):
        is_header = row == header_row if header_row is not None else _holds(cells, column)
        if is_header:
            index = _resolve(cells, column, row, file, labels)
            return row, tuple(cell_text(v) for v in cells), index, rows
        if header_row is None:
            if len(_shown_names(cells)) > len(_shown_names(best)):
                best = cells
            if row >= HEADER_SCAN:
                break
    if row == 0:
        raise Refusal(labels.empty_file.format(file=file))
    if header_row is not None:
        raise Refusal(labels.header_row_beyond.format(row=header_row, file=file))
    raise Refusal(
        labels.no_column.format(column=column, file=file, rows=row, seen=_shown_names(best))
    )


# -- opening a file ---------------------------------------------------------------------


@contextlib.contextmanager
def open_table(
    file: str,
    *,
    column: str,
    header_row: int | None,
    sheet: str | None,
    encoding: str,
    delimiter: str,
    labels: Labels,
) -> Iterator[Table]:
    """Open ``file`` and find its header row and ``column``; raise `Refusal` if it cannot."""
    head = _head(file, labels)
    if _is_workbook(file, head, labels):
        with _open_workbook(
            file, column=column, header_row=header_row, sheet=sheet, labels=labels
        ) as table:
            yield table
        return
    if sheet is not None:
        raise Refusal(labels.sheet_needs_workbook.format(file=file))
    codec = _encoding(file, head, encoding, labels)
    with open(file, newline="", encoding=codec) as text:
        rows = csv.reader(text, delimiter=delimiter)
        found, header, index, rest = _locate(
            rows, file=file, column=column, header_row=header_row, labels=labels
        )
        source = Source(file, codec, None, found, index, header, codec)
        yield Table(source, rest, found + 1)


@contextlib.contextmanager
def _open_workbook(
    file: str, *, column: str, header_row: int | None, sheet: str | None, labels: Labels
) -> Iterator[Table]:
    try:
        import openpyxl
    except ImportError:
        raise Refusal(labels.needs_openpyxl) from None
    with warnings.catch_warnings():
        # openpyxl warns about styles, validations and extensions it skips: none of them
        # changes a cell's value.
        warnings.simplefilter("ignore")
        # A file object, not the name: openpyxl refuses names not ending in .xlsx, and
        # the format was decided from the bytes.
        stream = open(file, "rb")  # noqa: SIM115 (closed in the finally below)
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except Exception as err:
            stream.close()
            why = str(err) or type(err).__name__
            raise Refusal(labels.unreadable_workbook.format(file=file, why=why)) from None
        try:
            worksheet = _sheet(book, file, sheet, column, header_row, labels)
            rows = _cells(worksheet, file, labels)
            found, header, index, rest = _locate(
                rows, file=file, column=column, header_row=header_row, labels=labels
            )
            title = str(worksheet.title)
            source = Source(file, None, title, found, index, header, WORKBOOK_OUT_ENCODING)
            yield Table(source, rest, found + 1)
        finally:
            book.close()
            stream.close()


def _cells(worksheet: Any, file: str, labels: Labels) -> Iterator[Sequence[object]]:
    """The sheet's rows, however wrong the size the file declares; damage is a `Refusal`."""
    # Read-only mode trusts the size written in the file, which some programs get wrong.
    worksheet.reset_dimensions()
    try:
        yield from worksheet.iter_rows(values_only=True)
    except Exception as err:
        why = str(err) or type(err).__name__
        raise Refusal(labels.unreadable_workbook.format(file=file, why=why)) from None


def _sheet(
    book: Any, file: str, sheet: str | None, column: str, header_row: int | None, labels: Labels
) -> Any:
    """The sheet asked for, else the first one with the column near its top."""
    sheets = list(book.worksheets)
    if sheet is not None:
        for worksheet in sheets:
            if worksheet.title == sheet:
                return worksheet
        number = _by_number(sheet)
        if number is not None and 1 <= number <= len(sheets):
            return sheets[number - 1]
        names = ", ".join(repr(str(w.title)) for w in sheets)
        raise Refusal(labels.no_sheet.format(sheet=sheet, file=file, sheets=names))
    if not sheets:
        raise Refusal(labels.empty_file.format(file=file))
    depth = max(header_row or 0, HEADER_SCAN)
    for worksheet in sheets:
        top = itertools.islice(_cells(worksheet, file, labels), depth)
        if any(_holds(cells, column) for cells in top):
            return worksheet
    return sheets[0]
