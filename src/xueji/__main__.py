"""Command-line adapter: ``python -m xueji explain NUMBER`` and ``python -m xueji check FILE``.

This is the only module of xueji that does I/O (arguments, the clock, stdout).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from xueji._regions import Region, country_name, region
from xueji._text import clean, mask
from xueji.checks import Kind
from xueji.columns import check_many
from xueji.errors import InvalidNumber
from xueji.parsing import RegionPolicy as RegionCheck
from xueji.registry_number import RegistryNumber
from xueji.resident_id import Document, ResidentID
from xueji.school import SchoolCode

_DOCUMENT_NAMES = {
    Document.MAINLAND: "mainland resident identity number (居民身份号码)",
    Document.HONG_KONG_PERMIT: "Hong Kong residents' residence permit (港澳台居民居住证, 香港)",
    Document.MACAO_PERMIT: "Macao residents' residence permit (港澳台居民居住证, 澳门)",
    Document.TAIWAN_PERMIT: "Taiwan residents' residence permit (港澳台居民居住证, 台湾)",
    Document.FOREIGN_PERMANENT_RESIDENT: (
        "foreigner's permanent residence card, 2023 (外国人永久居留身份证)"
    ),
}


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    return [f"  {label:<12}{value}" for label, value in rows]


def _invalid(err: InvalidNumber, what: str) -> tuple[bool, list[str]]:
    detail = err.detail
    return False, [f"{err.masked}  invalid {what}", *_rows([("reason", f"{err.reason}: {detail}")])]


def _describe_id(rid: ResidentID, *, show: bool, as_of: datetime.date) -> list[tuple[str, str]]:
    rows = [
        ("document", _DOCUMENT_NAMES[rid.document]),
        ("region", f"{_names(rid.region) or 'unknown'} ({rid.region_code})"),
    ]
    if rid.nationality is not None:
        nation = country_name(rid.nationality) or "unknown"
        rows.append(("nationality", f"{nation} ({rid.nationality})"))
    rows.extend(_birth_rows(rid.birth_date, show=show, as_of=as_of))
    rows.append(("sex", "male (男)" if rid.sex == "1" else "female (女)"))
    return rows


def _names(area: Region | None) -> str:
    levels = (area.province, area.prefecture, area.county) if area else ()
    return " ".join(name for name in levels if name)


def _birth_rows(born: datetime.date, *, show: bool, as_of: datetime.date) -> list[tuple[str, str]]:
    if not show:
        return [("birth date", "hidden (use --show)")]
    rows = [("birth date", born.isoformat())]
    if born <= as_of:
        age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
        rows.append(("age", f"{age} on {as_of.isoformat()}"))
    return rows


def explain(
    text: str, *, show: bool, as_of: datetime.date, regions: RegionCheck
) -> tuple[bool, list[str]]:
    """Lines describing ``text`` (registry number, school code or resident ID), and its validity."""
    cleaned = clean(text)[0] if len(text) <= 64 else text
    if cleaned[:1].isalpha():
        return _explain_registry(text, show=show, as_of=as_of, regions=regions)
    if len(cleaned) == 10:
        return _explain_school(text)
    legacy = len(cleaned) == 15
    try:
        if legacy:
            rid = ResidentID.from_legacy(text, regions=regions)
        else:
            rid = ResidentID.parse(text, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        return _invalid(err, "legacy (15-digit) resident ID" if legacy else "resident ID number")
    head = str(rid) if show else rid.masked()
    title = "valid legacy number, upgraded to" if legacy else "valid resident ID number"
    return True, [f"{head}  {title}", *_rows(_describe_id(rid, show=show, as_of=as_of))]


def _explain_registry(
    text: str, *, show: bool, as_of: datetime.date, regions: RegionCheck
) -> tuple[bool, list[str]]:
    try:
        number = RegistryNumber.parse(text, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        return _invalid(err, "registry number (学籍号)")
    kinds = {
        "G": "formal registry number (正式学籍号) built on a resident ID",
        "L": "temporary registry number (临时学籍号)",
        "J": "formal registry number (正式学籍号) for a student without a usable ID",
    }
    rows = [("kind", f"{number.kind.value}: {kinds[number.kind.value]}")]
    rid = number.resident_id
    if rid is not None:
        rows.extend(_describe_id(rid, show=show, as_of=as_of))
    else:
        area = _names(region(number.region_code, number.birth_date.year))
        rows.append(("school area", f"{area or 'unknown'} ({number.region_code})"))
        rows.extend(_birth_rows(number.birth_date, show=show, as_of=as_of))
    head = str(number) if show else number.masked()
    return True, [f"{head}  valid registry number (学籍号)", *_rows(rows)]


def _explain_school(text: str) -> tuple[bool, list[str]]:
    try:
        code = SchoolCode.parse(text)
    except InvalidNumber as err:
        return _invalid(err, "school code (学校标识码)")
    rows = [
        ("category", f"{code.category.label} ({code.category.value})"),
        ("province", code.province_code),
        ("serial", code.serial),
    ]
    return True, [f"{code}  valid school code (学校标识码)", *_rows(rows)]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--show", action="store_true", help="show full numbers and birth dates (default: masked)"
    )
    command.add_argument(
        "--as-of",
        type=_date,
        help="reference date for the future-birth-date check (default: today)",
    )
    command.add_argument(
        "--regions",
        choices=[r.value for r in RegionCheck],
        default=RegionCheck.KNOWN.value,
        help="how strictly to check region codes (default: known)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m xueji",
        description="Validate and explain Chinese student-registry and resident ID numbers.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    explain = commands.add_parser(
        "explain", help="say what a number is, or why it is invalid (exit 1 if invalid)"
    )
    explain.add_argument("number")
    _options(explain)
    check = commands.add_parser(
        "check",
        help="check one column of a CSV file (exit 0: all rows ok, 1: problems, 2: usage)",
        description=(
            "Check a CSV column. Prints counts per reason; writes the rows with problems as "
            "CSV to --out, or to standard output (the summary then goes to standard error). "
            "The checked column is masked in that output unless --show."
        ),
    )
    check.add_argument("file", help="CSV file (UTF-8, a BOM is fine), with a header row")
    check.add_argument("--column", required=True, help="name of the column to check")
    check.add_argument(
        "--kind", choices=[k.value for k in Kind], help="what the column holds (default: detect)"
    )
    check.add_argument("--out", help="write the rows with problems to this CSV file")
    check.add_argument("--delimiter", default=",", help="field delimiter (default: ',')")
    check.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: on a terminal)"
    )
    _options(check)
    return parser


_CHUNK = 100_000


def _progress(done: int, *, final: bool = False) -> None:
    sys.stderr.write(f"\rchecked {done:,} rows" + ("\n" if final else ""))
    sys.stderr.flush()


def run_check(args: argparse.Namespace, as_of: datetime.date) -> int:
    """The ``check`` command: returns the exit status."""
    if len(args.delimiter) != 1:
        sys.stderr.write("xueji: --delimiter must be one character\n")
        return 2
    try:
        return _run_check(args, as_of)
    except UnicodeDecodeError:
        sys.stderr.write(f"xueji: {args.file} is not UTF-8 text (save it as UTF-8)\n")
    except csv.Error as err:
        sys.stderr.write(f"xueji: {args.file} is not readable CSV: {err}\n")
    return 2


def _run_check(args: argparse.Namespace, as_of: datetime.date) -> int:
    try:
        source = open(args.file, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as err:
        sys.stderr.write(f"xueji: cannot read {args.file}: {err.strerror}\n")
        return 2
    with source:
        reader = csv.reader(source, delimiter=args.delimiter)
        header = next(reader, None)
        if header is None or args.column not in header:
            sys.stderr.write(f"xueji: no column {args.column!r} in {args.file}\n")
            return 2
        column = header.index(args.column)
        target: TextIO
        if args.out:
            target = open(args.out, "w", newline="", encoding="utf-8")  # noqa: SIM115
            summary_stream = sys.stdout
        else:
            target = sys.stdout
            summary_stream = sys.stderr
        progress = args.progress or sys.stderr.isatty()
        writer = csv.writer(target)
        writer.writerow([*header, "xueji_row", "xueji_reasons", "xueji_message"])
        kinds: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        rows = ok = 0
        expect = Kind(args.kind) if args.kind else None
        regions = RegionCheck(args.regions)
        try:
            while True:
                chunk = list(itertools.islice(reader, _CHUNK))
                if not chunk:
                    break
                values = [row[column] if column < len(row) else "" for row in chunk]
                report = check_many(values, as_of=as_of, regions=regions, expect=expect)
                summary = report.summary()
                kinds.update(summary.kinds)
                reasons.update(summary.reasons)
                ok += summary.ok_rows
                for i, result in report.problems():
                    if result.ok:
                        continue
                    # Pad short rows so the added columns stay under their headers.
                    row = list(chunk[i]) + [""] * (len(header) - len(chunk[i]))
                    if not args.show and column < len(row):
                        row[column] = mask(row[column])
                    names = ";".join(p.reason.value for p in result.problems)
                    message = result.problems[0].message
                    if not args.show:
                        message = message.replace(values[i].strip(), mask(values[i].strip()))
                    writer.writerow([*row, rows + i + 2, names, message])
                rows += len(chunk)
                if progress:
                    _progress(rows)
        finally:
            if target is not sys.stdout:
                target.close()
        if progress:
            _progress(rows, final=True)
    lines = [f"rows: {rows:,}  ok: {ok:,}  with errors: {rows - ok:,}"]
    lines += [f"  kind {name}: {n:,}" for name, n in sorted(kinds.items())]
    lines += [f"  {name}: {n:,}" for name, n in sorted(reasons.items(), key=lambda kv: -kv[1])]
    summary_stream.write("\n".join(lines) + "\n")
    return 0 if ok == rows else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    as_of = args.as_of or datetime.date.today()
    if args.command == "check":
        return run_check(args, as_of)
    ok, lines = explain(args.number, show=args.show, as_of=as_of, regions=RegionCheck(args.regions))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
