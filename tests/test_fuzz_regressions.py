"""The fuzzing contract on fixed inputs: seeds that must pass, and every crasher found.

The harnesses in ``fuzz/`` assert, for any input: only InvalidNumber leaves ``parse``;
nothing leaves ``is_valid``, ``check``, ``check_row`` or the CLI; ``is_valid`` says what
``parse`` does and ``check(x).ok`` agrees (kind alike, first problem not float damage);
``check_many`` gives equal results with and without numpy.
Each crasher a harness found (saved under ``fuzz/crashers/<harness>/``) is here as a
test. While its bug is open the test is marked ``xfail(strict=True)`` (and the bug has an
entry in ``fuzz/_common.py``'s KNOWN); once fixed, the marker and the entry go and the
test stays, with a comment saying what broke.
"""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path
from typing import NoReturn

import pytest

from xueji import (
    Check,
    InvalidNumber,
    Kind,
    Reason,
    RegionPolicy,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    Severity,
    check,
    check_many,
    check_row,
)
from xueji.__main__ import main

AS_OF = datetime.date(2026, 11, 28)
SEEDS = [
    "11010519491231002X",
    "110105 19491231 002x",
    "\uff11\uff11\uff10\uff11\uff10\uff15\uff11\uff19\uff14\uff19\uff11\uff12\uff13\uff11"
    "\uff10\uff10\uff12\uff38",
    "110105194912310021",
    "110105********002X",
    "1.10105194912310E+17",
    "110105194912310000",
    "G11010519491231002X",
    "g110105-19491231-002x",
    "L110105201509010011",
    "J110105201509010070",
    "J110105201509010071",
    "2111010001",
    "9911010001",
    "110105491231002",
    "911398199012310021",
    "810000199408230021",
    "110105209901010012",
    "",
    "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661"
    "\u0660\u0660\u0662X",
]
OPTIONS = [(None, RegionPolicy.KNOWN), (AS_OF, RegionPolicy.PROVINCE), (None, RegionPolicy.FORMAT)]


class HostileText(str):
    """A str subclass whose methods raise: what the harnesses' ``HostileStr`` is."""

    __slots__ = ()

    def _boom(self, *args: object) -> NoReturn:
        raise RuntimeError("hostile")

    __len__ = __iter__ = __getitem__ = strip = isascii = _boom


def comparable(result: Check, kind: Kind) -> bool:
    if result.kind is not kind:
        return False
    return not (result.problems and result.problems[0].reason is Reason.FLOAT_DAMAGE)


def assert_check_shape(result: Check) -> None:
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert result.ok == (not errors)
    assert (result.value is not None) == result.ok
    for problem in result.problems:
        # check() turns its own exceptions into this message: never reached by design.
        assert not problem.message.startswith("could not be checked"), problem


def parse_or_reason(parse: object, value: object) -> Reason | None:
    try:
        parse(value)  # type: ignore[operator]
    except InvalidNumber as err:
        return err.reason
    return None


def assert_parser_contract(
    parser: type[ResidentID] | type[RegistryNumber],
    kind: Kind,
    value: object,
    as_of: datetime.date | None,
    regions: RegionPolicy,
) -> None:
    """parse raises only InvalidNumber, is_valid agrees with it, and so does check()."""
    reason = parse_or_reason(lambda v: parser.parse(v, as_of=as_of, regions=regions), value)
    valid = parser.is_valid(value, as_of=as_of, regions=regions)
    assert valid is (reason is None)
    for expect in (kind, None):
        result = check(value, as_of=as_of, regions=regions, expect=expect)
        assert_check_shape(result)
        if comparable(result, kind):
            assert result.ok == valid


def assert_school_code_contract(value: object) -> None:
    valid = SchoolCode.is_valid(value)
    assert valid is (parse_or_reason(SchoolCode.parse, value) is None)
    for expect in (Kind.SCHOOL_CODE, None):
        result = check(value, expect=expect)
        assert_check_shape(result)
        if comparable(result, Kind.SCHOOL_CODE):
            assert result.ok == valid


def run_cli(argv: list[str]) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        return main(argv)


# -- seeds: the contract holds ----------------------------------------------------------


@pytest.mark.parametrize(("as_of", "regions"), OPTIONS)
@pytest.mark.parametrize("text", SEEDS)
def test_seed_keeps_the_parser_contracts(
    text: str, as_of: datetime.date | None, regions: RegionPolicy
) -> None:
    assert_parser_contract(ResidentID, Kind.RESIDENT_ID, text, as_of, regions)
    assert_parser_contract(RegistryNumber, Kind.REGISTRY_NUMBER, text, as_of, regions)
    assert_school_code_contract(text)
    parse_or_reason(lambda v: ResidentID.from_legacy(v, regions=regions), text)


@pytest.mark.parametrize("expect", [None, Kind.RESIDENT_ID, Kind.REGISTRY_NUMBER, Kind.SCHOOL_CODE])
def test_seed_column_is_checked_alike_with_and_without_numpy(expect: Kind | None) -> None:
    values: list[object] = [*SEEDS, None, float("nan"), 1.1010519491231002e17]
    scalar = check_many(values, as_of=AS_OF, expect=expect, vectorise=False)
    vector = check_many(values, as_of=AS_OF, expect=expect, vectorise=True)
    assert list(scalar) == list(vector) == [check(v, as_of=AS_OF, expect=expect) for v in values]
    assert scalar.summary() == vector.summary()
    assert scalar.values() == vector.values()


def test_seed_row_is_cross_checked() -> None:
    row = {"id": "11010519491231002X", "xjh": "G11010519491231002X", "sex": "女"}
    columns = {"resident_id": "id", "registry_number": "xjh", "sex": "sex"}
    result = check_row(row, columns=columns)
    assert result.ok
    assert result.fields["resident_id"] == check(row["id"], expect=Kind.RESIDENT_ID)


def test_seed_csv_runs_through_the_cli(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id\n" + "\n".join(SEEDS[:8]) + "\n", encoding="utf-8")
    argv = ["check", str(source), "--column=id", f"--out={tmp_path / 'out.csv'}"]
    assert run_cli([*argv, "--as-of=2026-11-28"]) == 1


# -- crashers, all fixed in 1061652 -------------------------------------------------------
# -- hostile str subclasses ---------------------------------------------------------------


# Was: check() on a str subclass whose strip() raises ends in its own catch-all ('could not be
# checked (RuntimeError)', kind None) instead of checking the text
# (fuzz/crashers/check/crash-949e0755b92dd185bbcf012ac4f00ed9cf291637)
def test_check_of_a_hostile_str_subclass_does_not_fall_into_the_catch_all() -> None:
    assert_check_shape(check(HostileText("11010519491231002X")))


# Was: ResidentID.parse builds its error with text.strip() on the caller's str subclass when
# cleaning gave no text (masked or over 64 characters): the subclass's exception leaves parse
# (fuzz/crashers/resident_id_is_valid/crash-9c4dc9b502eceacde265a32f3b0788f9b754afc9)
def test_resident_id_parse_of_a_hostile_masked_str_raises_invalid_number() -> None:
    with pytest.raises(InvalidNumber):
        ResidentID.parse(HostileText("110105********002X"))


# Was: RegistryNumber.parse shares resident_id.fail(): text.strip() on the subclass
def test_registry_number_parse_of_a_hostile_masked_str_raises_invalid_number() -> None:
    with pytest.raises(InvalidNumber):
        RegistryNumber.parse(HostileText("G110105********002X"))


# Was: RegistryNumber.is_valid is fine, but check() of the same hostile value falls into its
# catch-all (fuzz/crashers/registry_number_is_valid/crash-0327b08a40f22faf514f3708774a7f019fd76c1b)
def test_registry_number_contract_for_a_hostile_str_subclass() -> None:
    hostile = HostileText("G11010519491231002X")
    assert_parser_contract(RegistryNumber, Kind.REGISTRY_NUMBER, hostile, None, RegionPolicy.KNOWN)


# Was: SchoolCode.is_valid/parse call len() and strip() on the caller's str subclass (no plain
# copy, unlike ResidentID): is_valid raises
# (fuzz/crashers/school_code_is_valid/crash-4cbc7340f07473c857f537b259c494c103f4770d)
def test_school_code_is_valid_never_raises_for_a_hostile_str_subclass() -> None:
    assert SchoolCode.is_valid(HostileText("2111010001")) in (True, False)


# Was: check_row reads the declared sex with len() on the caller's str subclass: the exception
# leaves check_row (fuzz/crashers/check_row/crash-ff99fdb5056b826b7d6617317329ec6df7e56c58)
def test_check_row_never_raises_for_a_hostile_sex_value() -> None:
    check_row({"sex": HostileText("男")}, columns={"sex": "sex"})


# -- huge integers ------------------------------------------------------------------------


# Was: check_row's _declared_sex calls str() on an int: past 4300 digits that raises ValueError
# (int max str digits), which leaves check_row
# (fuzz/crashers/check_row/crash-af43fdd9cd2299675ca252d89b4b9bb3b40a3ce1)
def test_check_row_never_raises_for_a_huge_integer_sex() -> None:
    result = check_row({"sex": 7 * 10**4400}, columns={"sex": "sex"})
    assert not result.ok


# -- the CLI ------------------------------------------------------------------------------


# Was: --delimiter that is not one character reaches csv.reader: TypeError traceback instead of a
# usage error, exit 2 (fuzz/crashers/cli/crash-b3d7a4c5a7fa9dd5199e54b02885064da824353b)
def test_cli_refuses_a_long_delimiter_with_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id\n11010519491231002X\n", encoding="utf-8")
    status = run_cli(["check", str(source), "--column=id", "--delimiter=;;"])
    assert status == 2


# Was: a CSV file that is not UTF-8 (GBK exports are common) ends in a UnicodeDecodeError traceback
# instead of an exit status (fuzz/crashers/cli/crash-96fc996e6da953e7a30b0a110937cc9fed7fed0a)
def test_cli_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes("id,name\n11010519491231002X,王芳\n".encode("gbk"))
    status = run_cli(["check", str(source), "--column=id", f"--out={tmp_path / 'out.csv'}"])
    assert status in (0, 1, 2)


# Was: a field over csv's limit (131072 characters, e.g. an unclosed quote) ends in a csv.Error
# traceback instead of an exit status
# (fuzz/crashers/cli/crash-54c2e2dbd1223c6eb36fa987c6ba9b163dba8b9d)
def test_cli_reports_a_field_over_the_csv_limit(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id\n"' + "1" * 140_000 + "\n", encoding="utf-8")
    status = run_cli(["check", str(source), "--column=id", f"--out={tmp_path / 'out.csv'}"])
    assert status in (0, 1, 2)


# -- numpy strings ------------------------------------------------------------------------


# Was: check_many turns str subclasses into str with str(), and numpy.str_.__str__ drops trailing
# NULs: the column counts the value valid (ok_mask, summary, values) while report[i], check() and
# is_valid reject it (fuzz/crashers/check_many/crash-50102c35d13cb12b5ab34c21767d586a44eef19d)
@pytest.mark.parametrize("vectorise", [False, True])
def test_check_many_row_of_a_numpy_str_with_a_trailing_nul_equals_check(
    vectorise: bool,
) -> None:
    np = pytest.importorskip("numpy")
    value = np.str_("11010519491231002X\x00")
    report = check_many([value], vectorise=vectorise)
    assert report.ok_mask() == [check(value).ok] == [ResidentID.is_valid(value)]
    assert list(report) == [check(value)]
