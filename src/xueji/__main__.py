"""Command-line adapter: ``python -m xueji explain NUMBER``.

This is the only module of xueji that does I/O (arguments, the clock, stdout).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence

from xueji._regions import Region, country_name, region
from xueji._text import clean
from xueji.errors import InvalidNumber
from xueji.registry_number import RegistryNumber
from xueji.resident_id import Document, RegionCheck, ResidentID
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
    detail = str(err).partition(": ")[2]
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
    ok, lines = explain(args.number, show=args.show, as_of=as_of, regions=RegionCheck(args.regions))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
