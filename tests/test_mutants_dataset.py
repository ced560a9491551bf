"""Tests that kill mutmut survivors in xueji.dataset (docs/mutation.md).

Row checks (declared dates and sexes), duplicate groups and check_many reports (every
view of a report against check() run on each value alone, under every option), through
the public functions only. Assertions are on reasons, kinds, rows and return values, never
on message wording.
"""

from __future__ import annotations

import datetime
import decimal
import gc
import types
from collections import Counter

import numpy as np
import polars as pl
import pytest

from xueji import (
    Check,
    Kind,
    Reason,
    RegionCheck,
    check,
    check_many,
    check_row,
    find_duplicates,
    make_resident_id,
)
from xueji._text import MAX_INPUT
from xueji.dataset import Report

D = datetime.date
RID = "11010519491231002X"  # female, born 1949-12-31
OTHER_RID = str(make_resident_id(region_code="110105", birth_date=D(1949, 12, 31), sequence=4))
G = "G" + RID
PERSON = {"name": "name", "sex": "sex", "birth_date": "born"}


def _reasons(result: object) -> list[Reason]:
    return [p.reason for p in result.problems]  # type: ignore[attr-defined]


# -- check_row: the declared birth date ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1949.12.31", True),  # dots read as hyphens
        ("1949/12/31", True),
        ("19491231", True),
        ("1949W011", True),  # an ISO week date, which fromisoformat reads
        ("1949123", False),  # 7 digits are not YYYYMMDD
        ("194912011", False),  # nor are 9
        (" " * (MAX_INPUT - 10) + "1949-12-31", True),  # exactly MAX_INPUT characters
        (" " * (MAX_INPUT - 9) + "1949-12-31", False),  # one more: refused unread
    ],
)
def test_the_declared_birth_date_is_read_or_refused(text: str, parsed: bool) -> None:
    result = check_row({"born": text}, columns={"birth_date": "born"})
    assert (Reason.INVALID_VALUE not in _reasons(result)) is parsed
    assert result.ok is parsed


@pytest.mark.parametrize(
    ("value", "recognised"),
    [
        ("女", True),
        (2, True),
        (decimal.Decimal(2), False),  # only str, int and Sex are read
        (True, False),
        (" " * (MAX_INPUT - 1) + "女", True),
        (" " * MAX_INPUT + "女", False),
    ],
)
def test_the_declared_sex_is_read_or_refused(value: object, recognised: bool) -> None:
    result = check_row({"sex": value}, columns={"sex": "sex"})
    assert (Reason.INVALID_VALUE not in _reasons(result)) is recognised


def test_check_row_passes_as_of_and_regions_to_every_field_check() -> None:
    unknown_region = "999999" + RID[6:]  # not a province either
    result = check_row(
        {"id": RID, "xjh": "L" + unknown_region[:-1] + "0"},
        columns={"resident_id": "id", "registry_number": "xjh"},
        as_of=D(1949, 12, 30),
        regions=RegionCheck.FORMAT,
    )
    assert _reasons(result.fields["resident_id"]) == [Reason.FUTURE_BIRTH_DATE]
    assert _reasons(result.fields["registry_number"]) == [Reason.FUTURE_BIRTH_DATE]
    later = check_row(
        {"xjh": "L" + unknown_region[:-1] + "0"},
        columns={"registry_number": "xjh"},
        regions=RegionCheck.FORMAT,
    )
    assert later.ok


def test_a_registry_number_alone_is_checked_without_a_reference_date() -> None:
    result = check_row({"xjh": G}, columns={"registry_number": "xjh"})
    assert result.ok
    assert result.problems == ()


def test_every_row_problem_has_a_message() -> None:
    row = {"id": RID, "xjh": "G" + OTHER_RID, "born": "2000-01-01", "sex": "?", "x": 1}
    columns = {
        "resident_id": "id",
        "registry_number": "xjh",
        "birth_date": "born",
        "sex": "sex",
        "shoe_size": "x",
    }
    result = check_row(row, columns=columns)
    assert {p.reason for p in result.problems} >= {
        Reason.INVALID_VALUE,
        Reason.BIRTH_DATE_MISMATCH,
        Reason.REGISTRY_ID_MISMATCH,
    }
    unreadable = check_row({"born": "never"}, columns={"birth_date": "born"})
    for problem in (*result.problems, *unreadable.problems):
        assert isinstance(problem.message, str)
        assert problem.message


# -- find_duplicates ------------------------------------------------------------------------


def test_find_duplicates_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    find_duplicates([{"id": RID}, {"id": RID}], columns={"resident_id": "id"})
    assert gc.isenabled()


def test_person_columns_alone_find_the_same_person_twice() -> None:
    rows = [{"name": "王小明", "sex": "男", "born": "2015-09-01"}] * 2
    (group,) = find_duplicates(rows, columns=PERSON)
    assert (group.kind, group.rows) == ("same-person-details", (0, 1))


def test_a_name_of_the_longest_allowed_length_still_counts() -> None:
    name = "王" * 100
    rows = [{"name": name, "sex": "男", "born": "2015-09-01"}] * 2
    assert [g.rows for g in find_duplicates(rows, columns=PERSON)] == [(0, 1)]
    too_long = [{"name": name + "王", "sex": "男", "born": "2015-09-01"}] * 2
    assert find_duplicates(too_long, columns=PERSON) == []


@pytest.mark.parametrize(
    "row",
    [
        {"name": None, "sex": "男", "born": "2015-09-01"},
        {"name": 7, "sex": "男", "born": "2015-09-01"},
        {"name": "王小明", "sex": "?", "born": "2015-09-01"},
        {"name": "王小明", "sex": "男", "born": "never"},
        {"name": None, "sex": None, "born": "2015-09-01"},
    ],
)
def test_rows_with_an_unreadable_person_field_never_form_a_group(row: dict[str, object]) -> None:
    assert find_duplicates([row, dict(row)], columns=PERSON) == []


def test_an_unhashable_value_in_a_column_does_not_hide_the_other_rows() -> None:
    person = {"name": "王小明", "sex": "男", "born": "2015-09-01"}
    rows = [person, dict(person), {"name": "李", "sex": "女", "born": ["2015-09-01"]}]
    assert [g.rows for g in find_duplicates(rows, columns=PERSON)] == [(0, 1)]


def test_rows_may_be_any_mapping_and_non_mappings_are_skipped() -> None:
    row = types.MappingProxyType({"id": RID, "xjh": G})
    other = types.MappingProxyType({"id": RID, "xjh": "L110105194912310011"})
    groups = find_duplicates(
        [row, None, ("not", "a", "row"), other],
        columns={"resident_id": "id", "registry_number": "xjh"},
    )
    assert [(g.kind, g.rows) for g in groups] == [("id-several-numbers", (0, 3))]


def test_resident_ids_alone_need_no_registry_number_column() -> None:
    assert find_duplicates([{"id": RID}, {"id": RID}], columns={"resident_id": "id"}) == []


def test_a_resident_id_in_the_registry_number_column_is_not_a_registry_number() -> None:
    rows = [{"xjh": RID, "id": RID}, {"xjh": RID, "id": OTHER_RID}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []


def test_one_number_for_two_resident_ids_is_one_number_for_several_people() -> None:
    rows = [{"xjh": G, "id": RID}, {"xjh": G, "id": OTHER_RID}]
    (group,) = find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"})
    assert (group.kind, group.rows) == ("number-several-people", (0, 1))


def test_one_number_for_two_people_without_ids_is_one_number_for_several_people() -> None:
    rows = [
        {"xjh": G, "name": "王小明", "sex": "男", "born": "2015-09-01"},
        {"xjh": G, "name": "李小红", "sex": "女", "born": "2015-09-01"},
    ]
    (group,) = find_duplicates(rows, columns={"registry_number": "xjh", **PERSON})
    assert (group.kind, group.rows) == ("number-several-people", (0, 1))


def test_one_number_for_one_person_twice_is_no_clash() -> None:
    rows = [{"xjh": G, "id": RID}, {"xjh": G, "id": RID}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []


def test_a_huge_integer_sex_is_not_recognised_and_does_not_raise() -> None:
    result = check_row({"sex": 10**5000}, columns={"sex": "sex"})
    assert _reasons(result) == [Reason.INVALID_VALUE]


def test_the_fast_path_of_check_many_honours_as_of() -> None:
    report = check_many([RID, G], as_of=D(1949, 12, 30))
    assert report.ok_mask() == [False, False]
    assert report[0].problems[0].reason is Reason.FUTURE_BIRTH_DATE
    numbers = check_many([G], as_of=D(1949, 12, 30), expect=Kind.REGISTRY_NUMBER)
    assert numbers.ok_mask() == [False]


# -- check_many: every report view agrees with check() run on each value alone ------------


def _with_check(body: str) -> str:
    """``body`` (17 digits) and its ISO 7064 check character, whatever the region."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    return body + "10X98765432"[total % 11]


RETIRED_LAST_YEAR = _with_check("11010320100301012")  # 110103's last year is 2010: no warning
RETIRED_AFTER = _with_check("11010320110301012")  # born the year after: retired-region
AGGREGATE = _with_check("11000020150301012")
UNKNOWN_COUNTY = _with_check("12345619491231002")  # province 12 exists, county 3456 never did
UNKNOWN_PROVINCE = _with_check("01010119491231002")
UNKNOWN_COUNTRY = _with_check("91199919491231002")  # a permanent residence card, no such country
BAD_DATE = _with_check("11010519491331002")
CHECKSUM_BAD = RID[:17] + "1"
FLOAT_000 = "110105194912310000"  # fails its checksum and ends in 000: float damage
VALUES: list[object] = [
    RID,
    RID.lower(),
    CHECKSUM_BAD,
    FLOAT_000,
    BAD_DATE,
    RETIRED_LAST_YEAR,
    RETIRED_AFTER,
    " " + RETIRED_AFTER,  # two problems: normalised and retired-region
    AGGREGATE,
    UNKNOWN_COUNTY,
    UNKNOWN_PROVINCE,
    UNKNOWN_COUNTRY,
    G,
    "g" + RID,
    " " + G,  # 20 characters
    " 1" + RID,  # 20 characters: 19 once the space is cleaned
    "*" + "1" * 19,
    "G" + RETIRED_LAST_YEAR,
    "G" + RETIRED_AFTER,
    "G" + AGGREGATE,
    "G" + UNKNOWN_COUNTY,
    "G" + UNKNOWN_PROVINCE,
    "G" + CHECKSUM_BAD,
    "G" + FLOAT_000,
    "G" + BAD_DATE,
    "L110105194912310011",
    "1" + RID,  # 19 characters, no prefix letter
    "X" + RID,
    "G" + RID[:17],
    "G" + RID[1:],  # 18 characters starting with a prefix letter
    "L" + RID[1:],
    "J" + RID[1:],
    "5",
    "X",
    "12345",
    "X1234",
    "1234X",
    "2111010001",  # 10 digits: a school code
    "1" * 17,
    "1" * 19,
    "1" * 20,
    "1" * 21,
    "X" * 20,
    "",
    " ",
    None,
    1.1e17,
    b"11010519491231002X",
]
EXPECTS = {
    "auto": None,
    "rid": Kind.RESIDENT_ID,
    "reg": Kind.REGISTRY_NUMBER,
    "school": Kind.SCHOOL_CODE,
}
# Today; the day before RID's birth date; a day in RETIRED_LAST_YEAR's birth year.
AS_OFS = {"today": None, "1949-12-30": D(1949, 12, 30), "2010-06-01": D(2010, 6, 1)}
OPTIONS = [
    pytest.param(expect, regions, as_of, vectorise, id=f"{e}-{regions.value}-{a}-{v}")
    for e, expect in EXPECTS.items()
    for regions in RegionCheck
    for a, as_of in AS_OFS.items()
    for v, vectorise in {"scalar": False, "vector": True}.items()
]


def assert_report_is_the_checks(report: Report, checks: list[Check]) -> None:
    """Every view of ``report`` equals what the per-value ``checks`` say."""
    assert len(report) == len(checks)
    assert list(report) == checks
    assert report.ok_mask() == [c.ok for c in checks]
    assert report.values() == [c.value for c in checks]
    summary = report.summary()
    assert (summary.rows, summary.ok) == (len(checks), sum(c.ok for c in checks))
    assert dict(summary.kinds) == Counter(c.kind.value for c in checks if c.kind is not None)
    assert dict(summary.reasons) == Counter(p.reason.value for c in checks for p in c.problems)
    assert list(report.problems()) == [(i, c) for i, c in enumerate(checks) if c.problems]
    assert report.to_records() == [
        {
            "row": i,
            "ok": c.ok,
            "kind": None if c.kind is None else c.kind.value,
            "value": c.value,
            "reason": c.problems[0].reason.value if c.problems else None,
            "reasons": ";".join(p.reason.value for p in c.problems),
        }
        for i, c in enumerate(checks)
    ]


@pytest.mark.parametrize(("expect", "regions", "as_of", "vectorise"), OPTIONS)
def test_every_view_of_a_report_is_what_check_says_of_each_value(
    expect: Kind | None, regions: RegionCheck, as_of: datetime.date | None, vectorise: bool
) -> None:
    report = check_many(VALUES, expect=expect, regions=regions, as_of=as_of, vectorise=vectorise)
    checks = [check(v, expect=expect, regions=regions, as_of=as_of) for v in VALUES]
    assert_report_is_the_checks(report, checks)


@pytest.mark.parametrize(("expect", "regions", "as_of", "vectorise"), OPTIONS)
def test_a_numpy_string_array_report_is_what_check_says_of_each_value(
    expect: Kind | None, regions: RegionCheck, as_of: datetime.date | None, vectorise: bool
) -> None:
    texts = [v for v in VALUES if isinstance(v, str) and v]
    report = check_many(
        np.array(texts), expect=expect, regions=regions, as_of=as_of, vectorise=vectorise
    )
    checks = [check(v, expect=expect, regions=regions, as_of=as_of) for v in texts]
    assert_report_is_the_checks(report, checks)


def test_a_report_has_a_text_form() -> None:
    text = repr(check_many([RID, None]))
    assert isinstance(text, str)
    assert text


def test_the_reasons_of_a_record_are_joined_by_semicolons() -> None:
    (record,) = check_many([" " + RETIRED_AFTER]).to_records()
    assert record["reasons"] == "normalised;retired-region"
    assert record["reason"] == "normalised"


# -- check_many: inputs ---------------------------------------------------------------------


def test_the_masked_entries_of_a_numpy_masked_array_are_missing() -> None:
    column = np.ma.array([RID, "x", CHECKSUM_BAD], mask=[False, True, False])
    report = check_many(column)
    assert [_reasons(r) for r in report] == [[], [Reason.MISSING], [Reason.CHECKSUM]]
    assert report.summary().reasons == {"missing": 1, "checksum": 1}
    numbers = np.ma.array([1.1e17, 2.0], mask=[False, True])
    assert [_reasons(r) for r in check_many(numbers)] == [[Reason.FLOAT_DAMAGE], [Reason.MISSING]]


def test_the_rows_of_a_polars_list_column_are_not_text() -> None:
    column = pl.Series([[RID], None, [RID, RID]])
    report = check_many(column)
    assert [_reasons(r) for r in report] == [[Reason.NOT_TEXT], [Reason.MISSING], [Reason.NOT_TEXT]]
    assert report.summary().reasons == {"not-text": 2, "missing": 1}


class ndarray(list[object]):  # noqa: N801 - named like numpy's class on purpose
    """A plain list whose class happens to share numpy's array class name."""


def test_an_iterable_named_like_a_numpy_array_but_without_a_dtype_is_read_as_a_list() -> None:
    column = ndarray([RID, CHECKSUM_BAD, None])
    for vectorise in (False, True):
        report = check_many(column, vectorise=vectorise)
        assert [_reasons(r) for r in report] == [[], [Reason.CHECKSUM], [Reason.MISSING]]
        assert report.ok_mask() == [True, False, False]
