"""``python -m xueji check FILE.csv --column NAME``, run as users run it: in a subprocess.

Exit status 0 when every row is ok, 1 otherwise, 2 on a usage error; counts per reason
(and per kind) in the summary; ``--out`` gets the problem rows with ``xueji_row``,
``xueji_reasons`` and ``xueji_message``; the checked column's birth dates never show
without ``--show``. Assertions are on exit codes, reason codes, CSV fields and the absence
of digits, not on wording.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xueji import make_resident_id

EXAMPLE = "11010519491231002X"  # born 1949-12-31
CHECKSUM_BAD = "110105194912310021"  # born 1949-12-31, check character should be X
FUTURE = make_resident_id(
    region_code="110105", birth_date=datetime.date(2030, 6, 15), sequence=7
).value
GOOD = make_resident_id(
    region_code="440305", birth_date=datetime.date(2010, 5, 6), sequence=31
).value
BIRTH_DIGITS = ("19491231", "20300615", "20100506")


def xueji(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xueji", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
        timeout=120,
        check=False,
    )


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def counts(summary: str) -> dict[str, int]:
    """``name: n`` pairs of the summary, by reason or kind code."""
    found = re.findall(r"(?:kind )?([a-z][a-z-]*): ([0-9,]+)", summary)
    return {name: int(n.replace(",", "")) for name, n in found}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "students.csv",
        [
            ["xm", "sfzh", "bj"],
            ["王芳", EXAMPLE, "一(1)"],
            ["李雷", CHECKSUM_BAD, "一(2)"],
            ["韩梅", "", "一(3)"],
            ["赵强", "1.10105E+17", "一(4)"],
            ["钱多", EXAMPLE.lower(), "一(5)"],
            ["孙丽", FUTURE, "一(6)"],
        ],
    )


def test_a_file_where_every_row_is_ok_exits_0(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ok.csv", [["sfzh"], [EXAMPLE], [GOOD], [f" {GOOD.lower()} "]])
    result = xueji(str(path), "--column", "sfzh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["sfzh,xueji_row,xueji_reasons,xueji_message"]


def test_a_file_with_problems_exits_1_and_counts_them(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "problems.csv"
    result = xueji(str(mixed), "--column", "sfzh", "--as-of", "2026-11-28", "--out", str(out))
    assert result.returncode == 1, result.stderr
    found = counts(result.stdout)
    assert found["rows"] == 6
    assert found["ok"] == 2
    assert found["errors"] == 4
    assert found["checksum"] == 1
    assert found["missing"] == 1
    assert found["float-damage"] == 1
    assert found["future-birth-date"] == 1
    assert found["normalised"] == 1
    assert found["resident-id"] == 4


def test_the_out_file_has_the_problem_rows_with_row_reasons_and_message(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "problems.csv"
    xueji(str(mixed), "--column", "sfzh", "--as-of", "2026-11-28", "--out", str(out))
    rows = read_csv(out)
    assert list(rows[0]) == ["xm", "sfzh", "bj", "xueji_row", "xueji_reasons", "xueji_message"]
    # Rows with errors only (the cleaned lower-case x is ok), numbered as lines of the file.
    assert [(r["xm"], r["xueji_row"], r["xueji_reasons"]) for r in rows] == [
        ("李雷", "3", "checksum"),
        ("韩梅", "4", "missing"),
        ("赵强", "5", "float-damage"),
        ("孙丽", "7", "future-birth-date"),
    ]
    assert all(r["xueji_message"] for r in rows)
    assert [r["bj"] for r in rows] == ["一(2)", "一(3)", "一(4)", "一(6)"]


def test_without_out_the_problem_rows_go_to_stdout_and_the_summary_to_stderr(
    mixed: Path,
) -> None:
    result = xueji(str(mixed), "--column", "sfzh", "--as-of", "2026-11-28")
    assert result.returncode == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["xueji_reasons"] for r in rows] == [
        "checksum",
        "missing",
        "float-damage",
        "future-birth-date",
    ]
    assert counts(result.stderr)["rows"] == 6


def test_as_of_decides_whether_a_future_birth_date_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "future.csv", [["sfzh"], [FUTURE]])
    assert xueji(str(path), "--column", "sfzh", "--as-of", "2031-01-01").returncode == 0
    assert xueji(str(path), "--column", "sfzh", "--as-of", "2030-06-14").returncode == 1


def test_kind_checks_the_column_as_that_kind(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "numbers.csv", [["xjh"], ["G" + EXAMPLE], [EXAMPLE]])
    out = tmp_path / "out.csv"
    result = xueji(str(path), "--column", "xjh", "--kind", "registry-number", "--out", str(out))
    assert result.returncode == 1
    assert [r["xueji_reasons"] for r in read_csv(out)] == ["prefix"]
    assert counts(result.stdout)["registry-number"] == 2


def test_a_school_code_column_is_checked(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "schools.csv", [["xxbsm"], ["2111010001"], ["9911010001"]])
    out = tmp_path / "out.csv"
    result = xueji(str(path), "--column", "xxbsm", "--kind", "school-code", "--out", str(out))
    assert result.returncode == 1
    assert [r["xueji_reasons"] for r in read_csv(out)] == ["category"]


@pytest.mark.parametrize(
    "args",
    [
        ["--column", "no-such-column"],
        ["--column", "sfzh", "--kind", "passport"],
        ["--column", "sfzh", "--as-of", "yesterday"],
        [],
    ],
    ids=["missing-column", "bad-kind", "bad-date", "no-column-option"],
)
def test_a_usage_error_exits_2(mixed: Path, args: list[str]) -> None:
    result = xueji(str(mixed), *args)
    assert result.returncode == 2
    assert result.stdout == ""


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = xueji(str(tmp_path / "nowhere.csv"), "--column", "sfzh")
    assert result.returncode == 2
    assert result.stdout == ""


def test_an_empty_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert xueji(str(path), "--column", "sfzh").returncode == 2


def test_a_header_with_a_utf8_bom_still_names_the_first_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", [["sfzh", "xm"], [EXAMPLE, "王芳"]], bom=True)
    result = xueji(str(path), "--column", "sfzh")
    assert result.returncode == 0, result.stderr
    assert counts(result.stderr)["ok"] == 1


def short_file(tmp_path: Path) -> Path:
    path = tmp_path / "short.csv"
    path.write_text(f"xm,sfzh\n王芳,{EXAMPLE}\n李雷\n", encoding="utf-8")
    return path


def test_a_short_row_counts_as_a_missing_value(tmp_path: Path) -> None:
    result = xueji(str(short_file(tmp_path)), "--column", "sfzh", "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert counts(result.stdout)["missing"] == 1


def test_a_short_row_keeps_the_xueji_columns_under_their_headers(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    xueji(str(short_file(tmp_path)), "--column", "sfzh", "--out", str(out))
    assert [(r["xm"], r["xueji_row"], r["xueji_reasons"]) for r in read_csv(out)] == [
        ("李雷", "3", "missing")
    ]


def test_no_birth_date_digits_show_without_show(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "problems.csv"
    with_out = xueji(str(mixed), "--column", "sfzh", "--as-of", "2026-11-28", "--out", str(out))
    to_stdout = xueji(str(mixed), "--column", "sfzh", "--as-of", "2026-11-28")
    outputs = [
        with_out.stdout,
        with_out.stderr,
        out.read_text(encoding="utf-8"),
        to_stdout.stdout,
        to_stdout.stderr,
    ]
    for text in outputs:
        for digits in BIRTH_DIGITS:
            assert digits not in text


def test_messy_values_are_masked_too(tmp_path: Path) -> None:
    messy = [
        f" {CHECKSUM_BAD} ",
        f"{CHECKSUM_BAD[:6]}-{CHECKSUM_BAD[6:14]}-{CHECKSUM_BAD[14:]}",
        CHECKSUM_BAD + "0",
        CHECKSUM_BAD + ".0",
        "sfzh:" + CHECKSUM_BAD,
        CHECKSUM_BAD[:17],
    ]
    path = write_csv(tmp_path / "messy.csv", [["sfzh"], *([m] for m in messy)])
    out = tmp_path / "out.csv"
    result = xueji(str(path), "--column", "sfzh", "--out", str(out))
    assert result.returncode == 1
    assert len(read_csv(out)) == len(messy)
    for text in (result.stdout, result.stderr, out.read_text(encoding="utf-8")):
        assert "19491231" not in text


def test_show_reveals_the_numbers(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "problems.csv"
    xueji(str(mixed), "--column", "sfzh", "--show", "--as-of", "2026-11-28", "--out", str(out))
    assert CHECKSUM_BAD in [r["sfzh"] for r in read_csv(out)]
