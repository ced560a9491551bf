"""Command-line adapter: ``python -m xueji explain NUMBER``.

This is the only module of xueji that does I/O (arguments, the clock, stdout).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence

from xueji.errors import InvalidNumber
from xueji.resident_id import Document, RegionCheck, ResidentID

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


def explain_resident_id(
    text: str, *, show: bool, as_of: datetime.date, regions: RegionCheck
) -> tuple[bool, list[str]]:
    """Lines describing ``text`` as a resident ID, and whether it is valid."""
    try:
        rid = ResidentID.parse(text, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        return False, [
            f"{err.masked}  invalid resident ID number",
            *_rows([("reason", f"{err.reason.value}: {str(err).partition(': ')[2]}")]),
        ]
    region = rid.region
    levels = (region.province, region.prefecture, region.county) if region else ()
    names = " ".join(name for name in levels if name)
    rows = [
        ("document", _DOCUMENT_NAMES[rid.document]),
        ("region", f"{names or 'unknown'} ({rid.region_code})"),
    ]
    if rid.nationality is not None:
        rows.append(("nationality", rid.nationality))
    if show:
        rows.append(("birth date", rid.birth_date.isoformat()))
        rows.append(("age", f"{rid.age_on(as_of)} on {as_of.isoformat()}"))
    else:
        rows.append(("birth date", "hidden (use --show)"))
    rows.append(("sex", "male (男)" if rid.sex == "1" else "female (女)"))
    head = str(rid) if show else rid.masked()
    return True, [f"{head}  valid resident ID number", *_rows(rows)]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


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
    explain.add_argument(
        "--show", action="store_true", help="show the full number and the birth date"
    )
    explain.add_argument(
        "--as-of",
        type=_date,
        help="reference date for the future-birth-date check (default: today)",
    )
    explain.add_argument(
        "--regions",
        choices=[r.value for r in RegionCheck],
        default=RegionCheck.KNOWN.value,
        help="how strictly to check the region code (default: known)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    as_of = args.as_of or datetime.date.today()
    ok, lines = explain_resident_id(
        args.number, show=args.show, as_of=as_of, regions=RegionCheck(args.regions)
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
