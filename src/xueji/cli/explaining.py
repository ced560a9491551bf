"""The ``explain`` command: what a number is, or why it is invalid.

`xueji.check` diagnoses the text first, so ``explain`` names every problem as ``check``
does (``float-damage`` for a number that went through a spreadsheet as a number); the
parser of the kind found then gives the fields of a valid number, or the detail of an
invalid one.
"""

from __future__ import annotations

import datetime
import unicodedata

from xueji import (
    Check,
    InvalidNumber,
    Kind,
    Reason,
    RegionPolicy,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    Sex,
    check,
)
from xueji._regions import country_name
from xueji._text import mask
from xueji.cli.labels import Labels
from xueji.regions import region

__all__ = ["explain"]

Lines = list[tuple[str, str]]

_LABEL_COLUMNS = 12


def _columns(text: str) -> int:
    """Terminal columns ``text`` takes: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _rows(rows: Lines) -> list[str]:
    return [
        f"  {label}{' ' * max(_LABEL_COLUMNS - _columns(label), 1)}{value}" for label, value in rows
    ]


def _reason(
    reason: Reason, *, detail: str | None, expected: str | None, labels: Labels
) -> tuple[str, str]:
    """The reason row: the code, then the parser's detail or the table's label."""
    label = labels.reasons.get(reason, reason.value)
    line = labels.reason_line.format(
        code=reason.value,
        label=label,
        detail=label if detail is None else detail,
        expected=labels.expected_character.format(expected=expected) if expected else "",
    )
    return labels.field_reason, line


def _names(code: str, names: tuple[str | None, ...]) -> str:
    known = " ".join(name for name in names if name)
    return f"{known} ({code})" if known else code


def _birth(born: datetime.date, *, show: bool, labels: Labels) -> Lines:
    if not show:
        return [(labels.field_birth_date, labels.birth_date_hidden)]
    return [(labels.field_birth_date, born.isoformat())]


def _describe_id(rid: ResidentID, *, show: bool, as_of: datetime.date, labels: Labels) -> Lines:
    area = rid.region
    names = (area.province, area.prefecture, area.county) if area else ()
    where = _names(rid.region_code, names) if area else f"{labels.unknown} ({rid.region_code})"
    rows = [(labels.field_document, labels.documents[rid.document]), (labels.field_region, where)]
    if rid.nationality is not None:
        nation = country_name(rid.nationality) or labels.unknown
        rows.append((labels.field_nationality, f"{nation} ({rid.nationality})"))
    rows.extend(_birth(rid.birth_date, show=show, labels=labels))
    if show and rid.birth_date <= as_of:
        age = labels.age_on.format(age=rid.age_on(as_of), date=as_of.isoformat())
        rows.append((labels.field_age, age))
    rows.append((labels.field_sex, labels.male if rid.sex is Sex.MALE else labels.female))
    return rows


def _resident(
    rid: ResidentID, *, legacy: bool, show: bool, as_of: datetime.date, labels: Labels
) -> list[str]:
    head = str(rid) if show else rid.masked()
    title = labels.valid_legacy if legacy else labels.valid_resident_id
    return [f"{head}  {title}", *_rows(_describe_id(rid, show=show, as_of=as_of, labels=labels))]


def _registry(
    number: RegistryNumber, *, show: bool, as_of: datetime.date, labels: Labels
) -> list[str]:
    rows = [(labels.field_kind, f"{number.kind.value}: {labels.registry_kinds[number.kind]}")]
    rid = number.resident_id
    if rid is not None:
        rows.extend(_describe_id(rid, show=show, as_of=as_of, labels=labels))
    else:
        code = number.region_code
        area = region(code, year=number.birth_date.year)
        names = (area.province, area.prefecture, area.county) if area else ()
        where = _names(code, names) if area else f"{labels.unknown} ({code})"
        rows.append((labels.field_school_area, where))
        rows.extend(_birth(number.birth_date, show=show, labels=labels))
    head = str(number) if show else number.masked()
    return [f"{head}  {labels.valid_registry_number}", *_rows(rows)]


def _school(code: SchoolCode, labels: Labels) -> list[str]:
    rows = [
        (labels.field_category, f"{code.category.label} ({code.category.value})"),
        (labels.field_province, code.province_code),
        (labels.field_serial, code.serial),
    ]
    return [f"{code}  {labels.valid_school_code}", *_rows(rows)]


def _parse_error(
    text: str, kind: Kind | None, as_of: datetime.date, regions: RegionPolicy
) -> InvalidNumber | None:
    """The parser's own error for ``text``: it carries the masked input and the detail."""
    try:
        if kind is Kind.REGISTRY_NUMBER:
            RegistryNumber.parse(text, as_of=as_of, regions=regions)
        elif kind is Kind.SCHOOL_CODE:
            SchoolCode.parse(text)
        else:
            ResidentID.parse(text, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        return err
    return None


def _invalid(
    text: str, result: Check, *, as_of: datetime.date, regions: RegionPolicy, labels: Labels
) -> list[str]:
    reason = result.problems[0].reason
    kinds = {
        Kind.RESIDENT_ID: labels.what_resident_id,
        Kind.REGISTRY_NUMBER: labels.what_registry_number,
        Kind.SCHOOL_CODE: labels.what_school_code,
    }
    what = labels.what_value if result.kind is None else kinds[result.kind]
    err = _parse_error(text, result.kind, as_of, regions)
    if err is not None and err.reason is reason:
        rows = [_reason(reason, detail=err.detail, expected=err.expected, labels=labels)]
        shown = err.masked
    else:
        # A reason of the diagnosis alone (float-damage, missing): no parser has its words.
        rows = [_reason(reason, detail=None, expected=None, labels=labels)]
        shown = mask(text.strip())
    advice = labels.advice.get(reason)
    if advice is not None:
        rows.append((labels.field_advice, advice))
    return [f"{shown}  {labels.invalid.format(what=what)}", *_rows(rows)]


def explain(
    text: str, *, show: bool, as_of: datetime.date, regions: RegionPolicy, labels: Labels
) -> tuple[bool, list[str]]:
    """Lines describing ``text`` (resident ID, registry number or school code), and its validity."""
    result = check(text, as_of=as_of, regions=regions)
    if result.ok and result.value is not None:
        if result.kind is Kind.REGISTRY_NUMBER:
            number = RegistryNumber.parse(result.value, as_of=as_of, regions=regions)
            return True, _registry(number, show=show, as_of=as_of, labels=labels)
        if result.kind is Kind.SCHOOL_CODE:
            return True, _school(SchoolCode.parse(result.value), labels)
        rid = ResidentID.parse(result.value, as_of=as_of, regions=regions)
        return True, _resident(rid, legacy=False, show=show, as_of=as_of, labels=labels)
    if result.kind is Kind.RESIDENT_ID and result.problems[0].reason is Reason.LENGTH:
        # Fifteen digits are a legacy number, which check() has no kind for.
        try:
            rid = ResidentID.from_legacy(text, regions=regions)
        except InvalidNumber as err:
            if err.reason is not Reason.LENGTH:
                reason = _reason(
                    err.reason, detail=err.detail, expected=err.expected, labels=labels
                )
                head = f"{err.masked}  {labels.invalid.format(what=labels.what_legacy)}"
                return False, [head, *_rows([reason])]
        else:
            return True, _resident(rid, legacy=True, show=show, as_of=as_of, labels=labels)
    return False, _invalid(text, result, as_of=as_of, regions=regions, labels=labels)
