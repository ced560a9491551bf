"""The command line, run as users run it: ``python -m xueji explain NUMBER`` in a subprocess.

Exit status 0 for a valid number, 1 for an invalid one, 2 for a usage error (argparse);
the birth date shows only with ``--show``; ``--as-of`` sets the reference date of the
future-birth-date check. Assertions are on exit codes, reason codes and the presence or
absence of digits, not on wording.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest

from xueji import check
from xueji.cli import main

EXAMPLE = "11010519491231002X"  # GB 11643-1999's example, born 1949-12-31
BORN_LATE_2026 = "110105202612310017"  # born 2026-12-31: after a run date of 2026


def xueji(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xueji", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
        timeout=60,
        check=False,
    )


def shows_reason(reason: str, output: str) -> bool:
    """Whether the reason code appears as a word of its own (not inside a longer code)."""
    return re.search(rf"(?<![\w-]){re.escape(reason)}(?![\w-])", output) is not None


def test_reason_finder_does_not_match_inside_a_longer_code() -> None:
    assert shows_reason("birth-date", "reason  birth-date: ...")
    assert not shows_reason("birth-date", "reason  future-birth-date: ...")


def test_valid_number_exits_0_with_the_birth_date_hidden() -> None:
    result = xueji("explain", EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert "110105********002X" in result.stdout
    assert "19491231" not in result.stdout
    assert "1949-12-31" not in result.stdout
    assert "1949" not in result.stdout
    assert result.stderr == ""


def test_messy_input_is_cleaned_and_still_masked() -> None:
    result = xueji("explain", " 110105-19491231-002x ")
    assert result.returncode == 0, result.stderr
    assert "110105********002X" in result.stdout
    assert "1949" not in result.stdout


def test_show_prints_the_full_number_and_the_iso_birth_date() -> None:
    result = xueji("explain", EXAMPLE, "--show", "--as-of", "2026-11-28")
    assert result.returncode == 0, result.stderr
    assert EXAMPLE in result.stdout
    assert "1949-12-31" in result.stdout


def test_invalid_number_exits_1_with_its_reason_code_and_no_birth_date() -> None:
    result = xueji("explain", "110105194912310021")
    assert result.returncode == 1
    assert shows_reason("checksum", result.stdout)
    assert "19491231" not in result.stdout


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("119999198001010018", "region"),
        ("110105190102290014", "birth-date"),
        ("110105********002X", "masked"),
        ("1101051949123100", "length"),
    ],
)
def test_each_invalid_number_reports_its_reason_code(number: str, reason: str) -> None:
    result = xueji("explain", number, "--as-of", "2026-11-28")
    assert result.returncode == 1
    assert shows_reason(reason, result.stdout)


def test_as_of_makes_a_later_birth_date_a_future_one() -> None:
    result = xueji("explain", BORN_LATE_2026, "--as-of", "2026-11-28")
    assert result.returncode == 1
    assert shows_reason("future-birth-date", result.stdout)
    assert "20261231" not in result.stdout


def test_as_of_after_the_birth_date_accepts_it() -> None:
    result = xueji("explain", BORN_LATE_2026, "--as-of", "2027-01-01", "--show")
    assert result.returncode == 0, result.stderr
    assert "2026-12-31" in result.stdout


def test_regions_option_relaxes_the_region_check() -> None:
    assert xueji("explain", "119999198001010018", "--regions", "province").returncode == 0
    assert xueji("explain", "119999198001010018", "--regions", "format").returncode == 0
    assert xueji("explain", "990000198001010012", "--regions", "province").returncode == 1


def test_foreign_card_is_explained_with_its_nationality_code() -> None:
    result = xueji("explain", "911398199012310021", "--as-of", "2026-11-28")
    assert result.returncode == 0, result.stderr
    assert "398" in result.stdout
    assert "19901231" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("explain",),
        ("no-such-command", EXAMPLE),
        ("explain", EXAMPLE, "--as-of", "yesterday"),
        ("explain", EXAMPLE, "--as-of", "2026-02-30"),
        ("explain", EXAMPLE, "--regions", "everywhere"),
        ("explain", EXAMPLE, "--no-such-option"),
    ],
)
def test_usage_error_exits_2(args: tuple[str, ...]) -> None:
    result = xueji(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``explain`` run in this process (quicker than a subprocess): exit status, stdout."""
    status = main(["explain", *args])
    return status, capsys.readouterr().out


@pytest.mark.parametrize(
    "number",
    ["1.10105E+17", "110105194912310000", "110105194912310021.0", " 1.1010519491231E+17 "],
)
def test_explain_calls_spreadsheet_damage_float_damage_as_check_does(
    number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = explain(capsys, number)
    assert status == 1
    assert reason_line(out) == "float-damage"
    assert "19491231" not in out


def reason_line(out: str) -> str:
    """The reason code on the ``reason`` line of ``explain``'s output."""
    found = re.search(r"^ +reason +([a-z-]+):", out, re.MULTILINE)
    assert found is not None, out
    return found.group(1)


@pytest.mark.parametrize(
    "number", ["110105194912310021", "", "G110105194912310021", "9911010001", "ABC", "1" * 65]
)
def test_explain_names_the_same_first_reason_as_check(
    number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = check(number, as_of=datetime.date(2026, 11, 28)).problems[0].reason.value
    status, out = explain(capsys, number, "--as-of", "2026-11-28")
    assert status == 1
    assert reason_line(out) == expected


def test_explain_gives_the_age_from_the_resident_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert re.search(
        r"\b76 on 2026-12-30\b", explain(capsys, EXAMPLE, "--show", "--as-of", "2026-12-30")[1]
    )
    assert re.search(
        r"\b77 on 2026-12-31\b", explain(capsys, EXAMPLE, "--show", "--as-of", "2026-12-31")[1]
    )
