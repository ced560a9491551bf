"""``check`` reads the files people have: UTF-8 or GB18030 CSV, ``.xlsx`` workbooks.

Every file is built here, in the test: one roster (a title row, full-width digits, an ``X``
check character stored as text, an ID stored as a number, a blank row) saved as UTF-8
CSV, UTF-8-with-BOM CSV, GB18030 CSV and an ``.xlsx`` workbook gives the same rows, the
same reasons and the same counts. The command runs in this process (``xueji.cli.main``);
assertions are on exit codes, reason codes, row numbers, CSV fields and bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from xueji.cli import main

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2026-11-28"
GOOD_X = "11010519491231002X"  # check character X, stored as text
CHECKSUM_BAD = "110105194912310021"
FULL_WIDTH = "１１０１０５１９４９１２３１００２Ｘ"
# What Excel keeps of 440305201005060313 typed into a cell formatted as a number: 15
# significant digits; a CSV saved from that sheet holds what the cell shows.
AS_NUMBER = 4.40305201005063e17
AS_NUMBER_SHOWN = "4.40305E+17"
TITLE = "某某市第一小学 2025 年秋季学生花名册"
HEADER = ["序号", "姓名", "身份证号", "班级"]
# (序号, 姓名, 身份证号, 班级); None in the ID column: the number stored as a number.
STUDENTS: list[tuple[int, str, str | None, str]] = [
    (1, "王芳", GOOD_X, "一(1)班"),
    (2, "李雷", CHECKSUM_BAD, "一(2)班"),
    (3, "韩梅", None, "一(3)班"),
    (4, "赵强", "", "一(4)班"),
    (5, "钱多", FULL_WIDTH, "一(5)班"),
    (6, "孙丽", " 110105 19491231 002x ", "二(1)班"),
    (7, "周杰", "G" + CHECKSUM_BAD, "二(2)班"),
]
BLANK_AFTER = 4  # a blank row after the fourth student, as rosters often have


def csv_rows() -> list[list[str]]:
    rows = [[TITLE], [], HEADER]
    for i, (n, name, rid, grade) in enumerate(STUDENTS, 1):
        rows.append([str(n), name, AS_NUMBER_SHOWN if rid is None else rid, grade])
        if i == BLANK_AFTER:
            rows.append(["", "", "", ""])
    return rows


def write_csv(path: Path, encoding: str, rows: Sequence[Sequence[str]] | None = None) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows() if rows is None else rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, *, sheets: Sequence[str] = ("花名册",)) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title in sheets[:-1]:
        book.create_sheet(title).append(["说明", "本表无身份证号"])
    sheet = book.create_sheet(sheets[-1])
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(HEADER)
    for i, (n, name, rid, grade) in enumerate(STUDENTS, 1):
        sheet.append([n, name, AS_NUMBER if rid is None else rid, grade])
        if i == BLANK_AFTER:
            sheet.append([])
    book.save(path)
    return path


FORMATS: dict[str, Callable[[Path], Path]] = {
    "utf-8": lambda tmp: write_csv(tmp / "roster.csv", "utf-8"),
    "utf-8-bom": lambda tmp: write_csv(tmp / "roster.csv", "utf-8-sig"),
    "gb18030": lambda tmp: write_csv(tmp / "roster.csv", "gb18030"),
    "xlsx": lambda tmp: write_xlsx(tmp / "roster.xlsx"),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``python -m xueji check ARGS``, run in this process."""
    try:
        status = main(["check", *args])
    except SystemExit as stop:  # argparse's usage errors
        status = stop.code if isinstance(stop.code, int) else 2
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def counts(summary: str) -> dict[str, int]:
    found = re.findall(r"(?:kind )?([a-z][a-z-]*): ([0-9,]+)", summary)
    return {name: int(n.replace(",", "")) for name, n in found}


def read_out(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(newline="", encoding=encoding) as f:
        return list(csv.DictReader(f))


# -- the same roster in every format -----------------------------------------------------


@pytest.fixture(params=sorted(FORMATS))
def roster(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return FORMATS[request.param](tmp_path)


def test_the_gb18030_roster_is_not_utf8(tmp_path: Path) -> None:
    # Otherwise the detection test below would prove nothing.
    with pytest.raises(UnicodeDecodeError):
        FORMATS["gb18030"](tmp_path).read_bytes().decode("utf-8")


Fields = tuple[str, str, str, str, str, str]


def per_row(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[Fields]]:
    out = path.parent / "problems.csv"
    status, stdout, err = run(
        capsys,
        str(path),
        "--column",
        "身份证号",
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        "--out-encoding",
        "utf-8",
    )
    assert err == ""
    rows = read_out(out, "utf-8")
    # The masked ID cell itself differs: the CSV holds what Excel showed, the workbook a number.
    fields = [
        (r["序号"], r["姓名"], r["班级"], r["xueji_row"], r["xueji_reasons"], r["xueji_message"])
        for r in rows
    ]
    summary = "\n".join(line for line in stdout.splitlines() if not line.startswith("read "))
    return status, summary, fields


def test_one_roster_gives_the_same_rows_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results: dict[str, tuple[int, str, list[Fields]]] = {}
    for name, build in FORMATS.items():
        folder = tmp_path / name
        folder.mkdir()
        results[name] = per_row(build(folder), capsys)
    first = results["utf-8"]
    assert all(result == first for result in results.values()), results


def test_each_problem_is_found_on_its_row(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, fields = per_row(roster, capsys)
    assert status == 1
    # Title row 1, an empty row 2, the header on row 3: students from row 4, and the
    # blank row after the fourth student (row 8) is skipped.
    assert [(f[3], f[4]) for f in fields] == [
        ("5", "checksum"),
        ("6", "float-damage"),
        ("7", "missing"),
        ("11", "checksum"),
    ]
    assert [f[1] for f in fields] == ["李雷", "韩梅", "赵强", "周杰"]
    # Numbers in other columns are written as the text a CSV holds.
    assert [f[0] for f in fields] == ["2", "3", "4", "7"]


def summary_of(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Exit status and summary (on stderr, the problem rows going to stdout)."""
    status, _, err = run(capsys, str(path), "--column", "身份证号", "--as-of", AS_OF, *extra)
    return status, err


def test_the_summary_counts_the_roster(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, summary = summary_of(roster, capsys)
    found = counts(summary)
    assert status == 1
    assert (found["rows"], found["ok"], found["errors"]) == (7, 3, 4)
    assert found["float-damage"] == 1
    assert found["normalised"] == 2


@pytest.mark.parametrize(
    ("name", "shown"),
    [("utf-8", "UTF-8"), ("utf-8-bom", "UTF-8 with BOM"), ("gb18030", "GB18030")],
)
def test_the_summary_reports_the_encoding_found(
    name: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, summary = summary_of(FORMATS[name](tmp_path), capsys)
    assert status == 1
    first = summary.splitlines()[0]
    assert first.endswith(f"CSV, {shown}") or f"CSV, {shown};" in first
    assert "(C)" in first  # the checked column's letter


def test_the_summary_of_a_workbook_names_its_sheet_and_counts_like_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, summary = summary_of(FORMATS["xlsx"](tmp_path), capsys)
    assert status == 1
    assert "'花名册'" in summary.splitlines()[0]
    assert counts(summary)["rows"] == 7
    assert re.search(r"skipped 1 blank rows?", summary)


# -- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "bom"),
    [("utf-8", "utf-8", False), ("utf-8-bom", "utf-8", True), ("gb18030", "gb18030", False)],
)
def test_the_out_file_keeps_the_inputs_encoding(
    name: str, encoding: str, bom: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    run(capsys, str(FORMATS[name](tmp_path)), "--column", "身份证号", "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) is bom
    assert "李雷" in data.decode(encoding)
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


def test_a_workbooks_out_file_is_utf8_with_a_bom_for_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    run(capsys, str(FORMATS["xlsx"](tmp_path)), "--column", "身份证号", "--out", str(out))
    assert out.read_bytes().startswith(codecs.BOM_UTF8)


def test_out_encoding_overrides_the_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    path = FORMATS["gb18030"](tmp_path)
    run(capsys, str(path), "--column", "身份证号", "--out", str(out), "--out-encoding", "utf-8")
    assert "李雷" in out.read_bytes().decode("utf-8")


def test_an_explicit_encoding_reads_a_file_auto_would_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "big5.csv", "big5", [["姓名", "身份證號"], ["陳大文", GOOD_X]])
    assert run(capsys, str(path), "--column", "身份證號", "--encoding", "big5")[0] == 0
    # Big5 bytes are not UTF-8; GB18030 decodes them, to other characters, so the
    # header is not found: a usage error, not a wrong answer.
    assert run(capsys, str(path), "--column", "身份證號")[0] == 2


def test_a_file_in_neither_encoding_is_refused_at_its_first_bad_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.csv"
    # Line 3 starts at the file's 33rd byte; its 5th byte (the file's 37th) is 0xFF,
    # which neither UTF-8 nor GB18030 allows anywhere.
    path.write_bytes(b"name,sfzh\nab," + GOOD_X.encode() + b"\nabcd\xff,1\n")
    status, out, err = run(capsys, str(path), "--column", "sfzh")
    assert status == 2
    assert out == ""
    assert re.search(r"\bline 3\b", err)
    assert re.search(r"\bbyte 5\b", err)
    assert re.search(r"\bbyte 37\b", err)
    assert "0xFF" in err
    assert "GB18030" in err  # both encodings tried are named


def test_an_unknown_encoding_name_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FORMATS["utf-8"](tmp_path)
    assert run(capsys, str(path), "--column", "身份证号", "--encoding", "no-such")[0] == 2
    assert run(capsys, str(path), "--column", "身份证号", "--out-encoding", "no-such")[0] == 2


def test_a_tab_delimited_file_is_read_with_delimiter_tab(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.txt"
    path.write_text(f"姓名\t身份证号\n王芳\t{GOOD_X}\n李雷\t{CHECKSUM_BAD}\n", encoding="utf-16")
    status, _, err = run(capsys, str(path), "--column", "身份证号", "--delimiter", "tab")
    assert status == 1
    assert counts(err)["checksum"] == 1
    assert "UTF-16" in err.splitlines()[0]


# -- columns and header rows -------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        ["--column", "3"],
        ["--column", "身份证号", "--header-row", "3"],
        ["--column", "3", "--header-row", "3"],
    ],
)
def test_the_column_can_be_named_or_numbered(
    options: list[str], roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = roster.parent / "out.csv"
    args = [str(roster), *options, "--as-of", AS_OF, "--out", str(out), "--out-encoding", "utf-8"]
    status, stdout, _ = run(capsys, *args)
    assert status == 1
    assert counts(stdout)["rows"] == 7
    assert [r["xueji_row"] for r in read_out(out, "utf-8")] == ["5", "6", "7", "11"]


def test_a_column_number_finds_the_first_row_with_a_value_in_that_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel pads a title row with empty cells when it saves a CSV: "title,,,".
    rows = [[TITLE, "", ""], ["xm", "bj", "sfzh"], ["王芳", "一(1)班", CHECKSUM_BAD]]
    path = write_csv(tmp_path / "padded.csv", "utf-8", rows)
    out = tmp_path / "out.csv"
    assert run(capsys, str(path), "--column", "3", "--out", str(out))[0] == 1
    assert [(r["xm"], r["xueji_row"]) for r in read_out(out, "utf-8")] == [("王芳", "3")]


def test_header_row_0_reads_a_file_without_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "bare.csv", "utf-8", [["王芳", GOOD_X], ["李雷", CHECKSUM_BAD]])
    out = tmp_path / "out.csv"
    status, stdout, _ = run(
        capsys, str(path), "--column", "2", "--header-row", "0", "--out", str(out)
    )
    assert status == 1
    assert counts(stdout)["rows"] == 2
    rows = read_out(out, "utf-8")
    assert list(rows[0])[:2] == ["A", "B"]
    assert [(r["A"], r["xueji_row"]) for r in rows] == [("李雷", "2")]


@pytest.mark.parametrize(
    "options",
    [
        ["--column", "学号"],  # in no row
        ["--column", "身份证号", "--header-row", "2"],  # not in that row
        ["--column", "身份证号", "--header-row", "99"],  # no such row
        ["--column", "9"],  # beyond the header
        ["--column", "0"],
        ["--column", "身份证号", "--header-row", "0"],  # a name needs a header
        ["--column", "身份证号", "--header-row", "-1"],
    ],
)
def test_a_column_that_cannot_be_found_is_a_usage_error(
    options: list[str], roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, str(roster), *options)
    assert status == 2
    assert out == ""
    assert err


def test_a_header_name_used_twice_is_refused_rather_than_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["姓名", "身份证号", "监护人", "身份证号"], ["王芳", GOOD_X, "王强", CHECKSUM_BAD]]
    path = write_csv(tmp_path / "twice.csv", "utf-8", rows)
    status, _, err = run(capsys, str(path), "--column", "身份证号")
    assert status == 2
    assert re.search(r"\b2\b.*\b4\b", err)  # both column numbers are offered
    assert run(capsys, str(path), "--column", "4")[0] == 1


def test_headers_are_matched_without_surrounding_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "spaces.csv", "utf-8", [["姓名", " 身份证号\u3000"], ["王芳", GOOD_X]]
    )
    assert run(capsys, str(path), "--column", "身份证号")[0] == 0


# -- workbooks -----------------------------------------------------------------------------


def test_the_first_sheet_with_the_column_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", sheets=("说明", "花名册"))
    status, _, err = run(capsys, str(path), "--column", "身份证号", "--as-of", AS_OF)
    assert status == 1
    assert "'花名册'" in err.splitlines()[0]
    assert counts(err)["rows"] == 7


def test_sheet_picks_a_sheet_by_name_or_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", sheets=("说明", "花名册"))
    for sheet in ("花名册", "2"):
        assert run(capsys, str(path), "--column", "身份证号", "--sheet", sheet)[0] == 1
    # The first sheet has no such column.
    assert run(capsys, str(path), "--column", "身份证号", "--sheet", "说明")[0] == 2
    assert run(capsys, str(path), "--column", "身份证号", "--sheet", "no-such")[0] == 2


def test_sheet_with_a_csv_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FORMATS["utf-8"](tmp_path)
    assert run(capsys, str(path), "--column", "身份证号", "--sheet", "1")[0] == 2


def test_a_number_cell_is_float_damage_on_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["xh", "sfzh"])
    book.active.append([1, GOOD_X])
    book.active.append([2, 110105194912310000])  # an integer cell: still a number
    book.active.append([3, AS_NUMBER])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    out = tmp_path / "out.csv"
    status, _, _ = run(capsys, str(path), "--column", "sfzh", "--out", str(out))
    assert status == 1
    rows = read_out(out)
    assert [(r["xh"], r["xueji_row"], r["xueji_reasons"]) for r in rows] == [
        ("2", "3", "float-damage"),
        ("3", "4", "float-damage"),
    ]
    for r in rows:
        assert "19491231" not in r["sfzh"]


def test_a_workbook_named_csv_is_still_read_as_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx").rename(tmp_path / "roster.csv")
    assert run(capsys, str(path), "--column", "身份证号", "--as-of", AS_OF)[0] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),  # Excel 97-2003
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),  # encrypted
        ("page.xls", b"<html><table><tr><td>sfzh</td></tr></table></html>"),
        ("text.xlsx", b"sfzh\n11010519491231002X\n"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_files_that_are_not_readable_workbooks_are_refused(
    name: str, content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    status, out, err = run(capsys, str(path), "--column", "sfzh")
    assert status == 2
    assert out == ""
    assert err.startswith("xueji: ")


def test_without_openpyxl_a_workbook_is_refused_with_the_install_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = FORMATS["xlsx"](tmp_path)
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)  # import fails
    status, _, err = run(capsys, str(path), "--column", "身份证号")
    assert status == 2
    assert "pip install 'xueji[excel]'" in err


# -- output files ------------------------------------------------------------------------


def test_a_refused_run_leaves_the_old_out_file_and_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "in.csv", "utf-8", [["name", "sfzh"], ["Wang", CHECKSUM_BAD], ["王芳", "1"]]
    )
    out = tmp_path / "out.csv"
    out.write_text("the previous run's results\n", encoding="utf-8")
    # ASCII cannot hold the second problem row's name: the run stops there.
    status, _, err = run(
        capsys, str(path), "--column", "sfzh", "--out", str(out), "--out-encoding", "ascii"
    )
    assert status == 2
    assert re.search(r"\brow 3\b", err)
    assert out.read_text(encoding="utf-8") == "the previous run's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_a_completed_run_replaces_the_out_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FORMATS["utf-8"](tmp_path)
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    assert run(capsys, str(path), "--column", "身份证号", "--out", str(out))[0] == 1
    assert read_out(out)[0]["xueji_reasons"] == "checksum"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "roster.csv"]


def test_the_input_is_never_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = FORMATS["utf-8"](tmp_path)
    before = path.read_bytes()
    for option in ("--out", "--html"):
        assert run(capsys, str(path), "--column", "身份证号", option, str(path))[0] == 2
    assert path.read_bytes() == before


def test_an_out_file_in_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FORMATS["utf-8"](tmp_path)
    out = tmp_path / "no-such-folder" / "out.csv"
    status, _, err = run(capsys, str(path), "--column", "身份证号", "--out", str(out))
    assert status == 2
    assert str(out) in err


def test_blank_rows_are_skipped_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["sfzh", "xm"], [GOOD_X, "王芳"], ["", ""], [" ", "\u3000"], [], [GOOD_X, "李雷"]]
    path = write_csv(tmp_path / "gaps.csv", "utf-8", rows)
    status, _, err = run(capsys, str(path), "--column", "sfzh")
    assert status == 0
    assert counts(err)["rows"] == 2
    assert re.search(r"\b3 blank rows\b", err)
