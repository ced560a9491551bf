"""``--lang zh``: the command line in Chinese, and English whatever the locale otherwise.

Reason codes, option names and the ``xueji_*`` column names are the same in both
languages; every other word comes from the language's `Labels` table. Assertions are on
exit codes, reason codes, counts and the presence of the table's labels, never on wording
written out here.
"""

from __future__ import annotations

import csv
import enum
import os
import re
import string
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest

from xueji import Document, Kind, Reason, RegistryKind
from xueji.cli import main
from xueji.cli.arguments import requested_language
from xueji.cli.labels import EN, LANGUAGES, ZH, Labels
from xueji.cli.writing import OUT_COLUMNS
from xueji.labels import label_zh

EXAMPLE = "11010519491231002X"
CHECKSUM_BAD = "110105194912310021"
LABELS_SOURCE = Path(__file__).resolve().parent.parent / "src" / "xueji" / "cli" / "labels_base.py"
_CHINESE = re.compile(r"[\u3400-\u9fff]")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


# -- the tables ---------------------------------------------------------------------------------


def documented_fields() -> dict[str, set[str]]:
    """Each template label → the `str.format` fields its comment in `Labels` names."""
    found = {}
    for line in LABELS_SOURCE.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"    (\w+): str(?:\s+#\s*(.*))?", line)
        if match:
            found[match[1]] = set(re.findall(r"\{(\w+)\}", match[2] or ""))
    return found


def used_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_field_finder_reads_the_comments() -> None:
    fields = documented_fields()
    assert fields["cannot_read"] == {"file", "why"}
    assert fields["no_header"] == set()
    assert used_fields("{a!r} and {b:,} {{c}}") == {"a", "b"}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_template_uses_only_the_fields_the_code_passes(language: str) -> None:
    labels = LANGUAGES[language]
    fields = documented_fields()
    assert set(fields) == {f.name for f in attrs.fields(Labels) if f.type in (str, "str")}
    wrong = {
        name: used_fields(getattr(labels, name)) - allowed
        for name, allowed in fields.items()
        if used_fields(getattr(labels, name)) - allowed
    }
    assert wrong == {}


def test_a_template_leaves_out_no_count_or_file() -> None:
    """A field that says how many or which file is in both languages' templates."""
    for name in documented_fields():
        english, chinese = used_fields(getattr(EN, name)), used_fields(getattr(ZH, name))
        for field in {"file", "n", "rows", "row", "total", "shown", "column", "code", "name"}:
            assert (field in english) == (field in chinese), (name, field)


def test_every_chinese_label_with_words_is_chinese() -> None:
    for field in attrs.fields(Labels):
        value = getattr(ZH, field.name)
        if not isinstance(value, str) or field.name == "html_lang":
            continue
        words = re.sub(r"\{[^}]*\}", "", value)
        assert _CHINESE.search(words) or not re.search("[A-Za-z]", words), field.name


@pytest.mark.parametrize(
    ("table", "members"),
    [
        ("reasons", Reason),
        ("documents", Document),
        ("registry_kinds", RegistryKind),
        ("kinds", Kind),
    ],
)
def test_the_chinese_table_names_every_member(table: str, members: type[enum.Enum]) -> None:
    names: Mapping[enum.Enum, str] = getattr(ZH, table)
    assert set(names) == set(members)


def test_both_languages_advise_on_the_same_reasons() -> None:
    assert set(ZH.advice) == set(EN.advice)


def test_chinese_names_are_the_librarys() -> None:
    assert all(ZH.reasons[reason] == label_zh(reason) for reason in Reason)
    assert all(label_zh(reason) in EN.reasons[reason] for reason in EN.reasons)


# -- choosing the language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        (["explain", EXAMPLE], "en"),
        (["explain", "--lang", "zh", EXAMPLE], "zh"),
        (["explain", EXAMPLE, "--lang=zh"], "zh"),
        (["explain", "--lang", "fr", EXAMPLE], "en"),
        (["explain", "--", "--lang", "zh"], "en"),
        (["explain", "--lang"], "en"),
    ],
)
def test_the_language_is_read_from_the_option_before_parsing(
    argv: list[str], language: str
) -> None:
    assert requested_language(argv) == language


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["explain", "--lang", "fr", EXAMPLE])
    assert caught.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_an_abbreviated_option_still_chooses_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "--la", "zh", CHECKSUM_BAD)
    assert status == 1
    assert ZH.field_reason in out


def test_the_locale_never_changes_the_language() -> None:
    """Scripts get English unless they ask, whatever the machine's locale says."""

    def explain(env: dict[str, str]) -> str:
        return subprocess.run(
            [sys.executable, "-m", "xueji", "explain", CHECKSUM_BAD],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONUTF8": "1", **env},
            timeout=60,
            check=False,
        ).stdout

    chinese = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
    assert explain(chinese) == explain({"LANG": "C", "LC_ALL": "C", "LANGUAGE": ""})
    assert EN.field_reason in explain(chinese)


def test_help_is_in_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--lang", "zh", "--help"])
    out = capsys.readouterr().out
    assert ZH.help_column in out
    assert "--column" in out


# -- explain --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (CHECKSUM_BAD, Reason.CHECKSUM),
        ("1.10105E+17", Reason.FLOAT_DAMAGE),
        ("11010519491231", Reason.LENGTH),
        ("110105194902300012", Reason.BIRTH_DATE),
        ("G11010519491231002", Reason.LENGTH),
        ("", Reason.MISSING),
    ],
)
def test_explain_in_chinese_gives_the_code_its_label_and_advice(
    capsys: pytest.CaptureFixture[str], number: str, reason: Reason
) -> None:
    status, out, err = run(capsys, "explain", "--lang", "zh", number)
    assert status == 1
    assert err == ""
    (line,) = [line for line in out.splitlines() if ZH.field_reason in line]
    assert re.search(rf"(?<![\w-]){re.escape(reason.value)}(?![\w-])", line)
    assert ZH.reasons[reason] in line
    if reason in ZH.advice:
        assert ZH.advice[reason] in out
    assert EN.field_reason not in out
    assert "19491231" not in out


def test_explain_in_chinese_names_the_expected_check_character(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "explain", "--lang", "zh", CHECKSUM_BAD)
    assert ZH.expected_character.format(expected="X") in out


def test_explain_of_a_valid_number_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "--lang", "zh", EXAMPLE)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"110105********002X  {ZH.valid_resident_id}"
    fields = dict(line.split(maxsplit=1) for line in lines[1:])
    assert fields[ZH.field_document] == ZH.documents[Document.MAINLAND]
    assert fields[ZH.field_sex] == ZH.female
    assert fields[ZH.field_birth_date] == ZH.birth_date_hidden


def test_explain_lines_up_chinese_labels_by_their_width_on_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "explain", "--lang", "zh", "G" + EXAMPLE)
    starts = set()
    for line in out.splitlines()[1:]:
        label = line.split()[0]
        wide = len(_CHINESE.findall(label))
        starts.add(line.index(line.split()[1]) + wide)  # columns before the value
    assert len(starts) == 1


# -- check ----------------------------------------------------------------------------------------


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "花名册.csv"
    rows = [
        ["xm", "sfzh"],
        ["王芳", EXAMPLE],
        ["李雷", CHECKSUM_BAD],
        ["韩梅", ""],
        ["赵强", "1.10105E+17"],
        ["钱多", f" {EXAMPLE.lower()} "],
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def checked(
    capsys: pytest.CaptureFixture[str], roster: Path, language: str
) -> tuple[str, list[dict[str, str]]]:
    out = roster.with_name(f"problems-{language}.csv")
    options = ["--as-of", "2026-11-28", "--out", str(out), "--lang", language]
    status, summary, _ = run(capsys, "check", str(roster), "--column", "sfzh", *options)
    assert status == 1
    with out.open(newline="", encoding="utf-8") as f:
        return summary, list(csv.DictReader(f))


def counted(summary: str) -> dict[str, int]:
    found = re.findall(r"^ +(?:\S+ )?([a-z][a-z-]*): ([0-9,]+)", summary, flags=re.MULTILINE)
    return {name: int(n.replace(",", "")) for name, n in found}


def test_the_summary_counts_the_same_codes_in_both_languages(
    capsys: pytest.CaptureFixture[str], roster: Path
) -> None:
    english, _ = checked(capsys, roster, "en")
    chinese, _ = checked(capsys, roster, "zh")
    assert counted(chinese) == counted(english)
    assert counted(chinese) == {
        "resident-id": 3,
        "checksum": 1,
        "float-damage": 1,
        "missing": 1,
        "normalised": 1,
    }
    assert len(chinese.splitlines()) == len(english.splitlines())


def test_the_chinese_summary_labels_each_code(
    capsys: pytest.CaptureFixture[str], roster: Path
) -> None:
    summary, _ = checked(capsys, roster, "zh")
    lines = summary.splitlines()
    assert ZH.counts.format(rows=5, ok=2, errors=3) in lines
    for code in counted(summary):
        (line,) = [line for line in lines if re.search(rf" {re.escape(code)}: ", line)]
        name = ZH.kinds[Kind(code)] if code in set(Kind) else ZH.reasons[Reason(code)]
        assert line.endswith(name)


def test_the_output_columns_keep_their_names_and_codes_in_chinese(
    capsys: pytest.CaptureFixture[str], roster: Path
) -> None:
    _, english = checked(capsys, roster, "en")
    _, chinese = checked(capsys, roster, "zh")
    assert list(chinese[0]) == list(english[0]) == ["xm", "sfzh", *OUT_COLUMNS]
    for en_row, zh_row in zip(english, chinese, strict=True):
        assert {k: v for k, v in zh_row.items() if k != "xueji_message"} == {
            k: v for k, v in en_row.items() if k != "xueji_message"
        }
        first = Reason(zh_row["xueji_reasons"].split(";")[0])
        assert zh_row["xueji_message"] == ZH.message.format(message="", label=ZH.reasons[first])


def test_a_refusal_in_chinese_keeps_the_option_names(
    capsys: pytest.CaptureFixture[str], roster: Path
) -> None:
    status, _, err = run(
        capsys, "check", str(roster), "--column", "sfzh", "--sheet", "x", "--lang", "zh"
    )
    assert status == 2
    assert err == "xueji: " + ZH.sheet_needs_workbook.format(file=str(roster)) + "\n"
    assert "--sheet" in err


def test_a_refusal_never_shows_a_students_number(
    capsys: pytest.CaptureFixture[str], roster: Path
) -> None:
    """Without a header, the row a refusal lists may be a student's: numbers are masked."""
    status, _, err = run(capsys, "check", str(roster), "--column", "身份证号")
    assert status == 2
    assert "19491231" not in err
    assert "110105" in err
