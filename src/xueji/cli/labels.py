"""Every word the command line shows a person, in one table per language.

The reason codes (``checksum``, ``float-damage`` …), the option names and the names of
the ``xueji_*`` columns of the output CSV are interfaces, not labels: they stay the same
in every language. Everything else a person reads comes from a `Labels` table: `EN`
(the default) or `ZH` (``--lang zh``), chosen by the option alone, never by the
environment, so that a script's output does not change with the machine's locale. The
English table gives the HTML report's labels in English and Chinese, for a
Chinese-speaking analyst; the Chinese one gives them in Chinese only. attrs and mypy
refuse to build a table with a label missing, and a test holds both tables to the same
template fields.

The Chinese names of reasons, kinds, documents and sexes are those of `xueji.labels`, the
library's table for services, so that the command line and a service built on xueji use
the same words.

Templates use `str.format` fields, named in each label's comment where not obvious.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Final

import attrs

from xueji import Document, Kind, Reason, RegistryKind, Sex
from xueji.labels import label_zh

__all__ = ["EN", "LANGUAGES", "ZH", "Labels"]


@attrs.frozen(kw_only=True)
class Labels:
    """The user-facing text of the command line in one language."""

    # -- arguments ------------------------------------------------------------------------
    description: str
    help_explain: str
    help_number: str
    help_show: str
    help_as_of: str
    help_regions: str
    help_check: str
    description_check: str
    help_file: str
    help_column: str
    help_header_row: str
    help_sheet: str
    help_kind: str
    help_out: str
    help_html: str
    help_encoding: str
    help_out_encoding: str
    help_delimiter: str
    help_progress: str
    help_lang: str
    bad_date: str  # {text}
    bad_row_number: str  # {text}

    # -- refusals (exit 2); the command line puts "xueji: " before each ---------------------
    delimiter_one_character: str
    sheet_needs_workbook: str  # {file}
    cannot_read: str  # {file} {why}
    decode_failed: str  # {why} {offset}: the {why} of cannot_read for bytes no codec takes
    cannot_write: str  # {file} {why}
    out_is_input: str  # {file}
    unknown_encoding: str  # {name}
    undecodable: str  # {file} {tried}: one `undecodable_at` per encoding tried, joined by "; "
    undecodable_at: str  # {encoding} {line} {column} {offset} {bytes}
    not_csv: str  # {file} {why}
    cannot_encode: str  # {row} {encoding}
    no_column: str  # {column} {file} {rows} {seen}
    no_column_in_row: str  # {column} {file} {row} {seen}
    column_twice: str  # {column} {row} {letters} {numbers}
    column_beyond: str  # {number} {row} {width}
    header_row_beyond: str  # {row} {file}
    name_needs_header: str  # {column}
    empty_file: str  # {file}
    needs_openpyxl: str
    old_workbook: str  # {file}
    encrypted_workbook: str  # {file}
    html_as_workbook: str  # {file}
    not_a_workbook: str  # {file}
    unreadable_workbook: str  # {file} {why}
    no_sheet: str  # {sheet} {file} {sheets}

    # -- the check command's summary and progress -----------------------------------------
    progress: str  # {rows}
    source_csv: str  # {file} {encoding}
    source_workbook: str  # {file} {sheet}
    source_column: str  # {column} {letter} {header}: follows source_csv or source_workbook
    source_column_headerless: str  # {column} {letter}
    no_header: str
    encoding_names: Mapping[str, str]  # codec name -> how people call it
    counts: str  # {rows} {ok} {errors}
    count_kind: str  # {name} {label} {n}
    count_reason: str  # {name} {label} {n}
    message: str  # {message} {label}: a problem row's xueji_message, from the first problem
    blank_rows: str  # {n}

    # -- explain --------------------------------------------------------------------------
    field_document: str
    field_region: str
    field_nationality: str
    field_birth_date: str
    field_age: str
    field_sex: str
    field_kind: str
    field_school_area: str
    field_category: str
    field_province: str
    field_serial: str
    field_reason: str
    field_advice: str
    reason_line: str  # {code} {label} {detail} {expected}: explain's reason
    expected_character: str  # {expected}: the check character a number should end in
    unknown: str
    birth_date_hidden: str
    age_on: str  # {age} {date}
    male: str
    female: str
    documents: Mapping[Document, str]
    registry_kinds: Mapping[RegistryKind, str]
    what_resident_id: str
    what_legacy: str
    what_registry_number: str
    what_school_code: str
    what_value: str
    invalid: str  # {what}
    valid_resident_id: str
    valid_legacy: str
    valid_registry_number: str
    valid_school_code: str

    # -- what each reason means, and what to do about it ------------------------------------
    reasons: Mapping[Reason, str]
    advice: Mapping[Reason, str]
    kinds: Mapping[Kind, str]

    # -- the HTML report --------------------------------------------------------------------
    html_lang: str
    html_title: str  # {file}
    html_heading: str
    html_file: str
    html_sheet: str
    html_column: str
    html_header_row: str
    html_encoding: str
    html_as_of: str
    html_checked_by: str
    html_summary: str
    html_rows: str
    html_ok: str
    html_errors: str
    html_blank_rows: str
    html_by_kind: str
    html_no_kind: str
    html_by_reason: str
    html_by_region: str
    html_region_note: str
    html_no_region: str
    html_other_regions: str  # {n}: how many regions the bar gathers
    html_reason: str
    html_kind: str
    html_count: str
    html_severity: str
    html_error: str
    html_warning: str
    html_meaning: str
    html_problem_rows: str
    html_showing: str  # {shown} {total}
    html_no_problems: str
    html_row: str
    html_value: str
    html_reasons: str
    html_message: str
    html_masked_note: str
    html_chart_reason: str  # the SVG's accessible title
    html_chart_region: str


_ENCODINGS: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "gb18030": "GB18030",
    "utf-16": "UTF-16",
}

_REASONS_EN: Final = {
    Reason.NOT_TEXT: "not text",
    Reason.MISSING: "no value",
    Reason.MASKED: "masked with *",
    Reason.LENGTH: "wrong length",
    Reason.FORMAT: "unexpected characters",
    Reason.CHECKSUM: "wrong check character",
    Reason.BIRTH_DATE: "impossible birth date",
    Reason.FUTURE_BIRTH_DATE: "birth date after the reference date",
    Reason.REGION: "unknown region code",
    Reason.NATIONALITY: "unknown nationality code",
    Reason.PREFIX: "unknown prefix letter",
    Reason.SEQUENCE: "sequence out of range",
    Reason.CATEGORY: "unknown school category",
    Reason.PROVINCE: "unknown province",
    Reason.FLOAT_DAMAGE: "stored as a number: digits lost",
    Reason.NORMALISED: "needed cleaning (spaces, x, full-width)",
    Reason.RETIRED_REGION: "region code retired before the birth year",
    Reason.AGGREGATE_REGION: "province or prefecture code, not a county",
    Reason.REGISTRY_ID_MISMATCH: "registry number not built on this ID",
    Reason.BIRTH_DATE_MISMATCH: "birth date disagrees with the ID",
    Reason.SEX_MISMATCH: "sex disagrees with the ID",
}

_ADVICE_ZH: Final = {
    Reason.MISSING: "请根据学生的证件补填号码。",
    Reason.MASKED: "号码取自脱敏导出的数据：请从原始档案中取完整号码。",
    Reason.LENGTH: "号码多了或少了字符：请对照证件核实。",
    Reason.FORMAT: "号码中有不应出现的字符（标点、其他字母）：请删除。",
    Reason.CHECKSUM: "可能有一位录入错误，或号码并不存在：请对照证件核实。",
    Reason.BIRTH_DATE: "出生日期码不是真实的日期：请对照证件核实。",
    Reason.FUTURE_BIRTH_DATE: "出生日期晚于核对日期（--as-of）：请核实号码和核对日期。",
    Reason.REGION: "前六位不是任何时期存在过的地址码：请对照证件核实。",
    Reason.FLOAT_DAMAGE: (
        "Excel 把号码存成了数值，只保留了 15 位。请把该列设为文本格式"
        "（设置单元格格式 → 文本），再根据证件重新录入；只重新输入单元格无法找回丢失的数字。"
    ),
    Reason.NORMALISED: (
        "号码有效，但单元格中有空格、小写 x 或全角字符：规范化后可避免在其他系统中出错。"
    ),
}

EN: Final = Labels(
    description="Validate and explain Chinese student-registry and resident ID numbers.",
    help_explain="say what a number is, or why it is invalid (exit 1 if invalid)",
    help_number="the number: resident ID, registry number (学籍号) or school code",
    help_show="show full numbers and birth dates (default: masked)",
    help_as_of="reference date for the future-birth-date check (default: today)",
    help_regions="how strictly to check region codes (default: known)",
    help_check=(
        "check one column of a CSV file or .xlsx workbook "
        "(exit 0: all rows ok, 1: problems, 2: usage)"
    ),
    description_check=(
        "Check one column of a CSV file (UTF-8 or GB18030, found from the bytes) or of an "
        ".xlsx workbook. Prints counts per reason; writes the rows with errors as CSV to "
        "--out, or to standard output (the summary then goes to standard error). The "
        "checked column is masked in that output unless --show."
    ),
    help_file="a CSV file, or an .xlsx workbook (pip install 'xueji[excel]')",
    help_column="the column to check: its header (身份证号) or its number, counting from 1",
    help_header_row=(
        "the row holding the headers, counting from 1; 0 for none "
        "(default: the first row with the named column; row 1 for a column number)"
    ),
    help_sheet="the workbook's sheet (default: the first sheet with the named column)",
    help_kind="what the column holds (default: detect each value)",
    help_out="write the rows with errors to this CSV file (replaced only when complete)",
    help_html="also write a report with charts to this HTML file (masked)",
    help_encoding=(
        "the CSV file's encoding: auto (UTF-8 with or without BOM, else GB18030), "
        "or any Python codec name such as gbk or big5 (default: auto)"
    ),
    help_out_encoding=(
        "encoding of the --out file (default: the input's; UTF-8 with BOM for a workbook)"
    ),
    help_delimiter="field delimiter of the CSV file; 'tab' for a tab (default: ',')",
    help_progress="show progress on stderr (default: on a terminal)",
    help_lang="language of the output: en or zh (default: en, whatever the locale)",
    bad_date="not a date (YYYY-MM-DD): {text!r}",
    bad_row_number="not a row number (0, 1, 2 …): {text!r}",
    delimiter_one_character="--delimiter must be one character, or 'tab'",
    sheet_needs_workbook="--sheet applies to workbooks only, and {file} is read as CSV",
    cannot_read="cannot read {file}: {why}",
    decode_failed="{why} at byte {offset:,} of a block",
    cannot_write="cannot write {file}: {why}",
    out_is_input="--out {file} is the file being checked: name another file",
    unknown_encoding="unknown encoding {name!r} (try utf-8, gb18030, gbk, big5 or utf-16)",
    undecodable=(
        "{file} is not text in {tried}. Save it from Excel or WPS as 'CSV UTF-8', "
        "or name its encoding with --encoding"
    ),
    undecodable_at="{encoding} (line {line}, byte {column} of that line, "
    "byte {offset:,} of the file: {bytes})",
    not_csv="{file} is not readable CSV: {why}",
    cannot_encode=(
        "row {row} has characters that {encoding} cannot hold: "
        "choose another --out-encoding (utf-8-sig or gb18030)"
    ),
    no_column="no column {column!r} in the first {rows} rows of {file} (the headers seen: {seen})",
    no_column_in_row="no column {column!r} in row {row} of {file} (it holds: {seen})",
    column_twice=(
        "column {column!r} appears more than once in row {row} (columns {letters}): "
        "pass its number instead, one of {numbers}"
    ),
    column_beyond="column {number} is beyond the {width} columns of row {row}",
    header_row_beyond="{file} has no row {row}",
    name_needs_header=(
        "--header-row 0 means the file has no headers: give the column as a number, not {column!r}"
    ),
    empty_file="{file} has no rows",
    needs_openpyxl=(
        "reading .xlsx workbooks needs openpyxl: pip install 'xueji[excel]' "
        "(or save the sheet as 'CSV UTF-8')"
    ),
    old_workbook=(
        "{file} is an Excel 97-2003 workbook (.xls), which xueji does not read: open it in "
        "Excel or WPS, save it as 'Excel workbook (*.xlsx)' or 'CSV UTF-8', and check that file"
    ),
    encrypted_workbook=(
        "{file} is a password-protected (encrypted) workbook: open it in Excel or WPS, "
        "save a copy without the password, and check that copy"
    ),
    html_as_workbook=(
        "{file} is a web page saved with a workbook's name: open it in Excel or WPS, "
        "save it as 'Excel workbook (*.xlsx)' or 'CSV UTF-8', and check that file"
    ),
    not_a_workbook=(
        "{file} is named as a workbook but is not one; if it is a CSV file, rename it to .csv"
    ),
    unreadable_workbook=(
        "cannot read the workbook {file} ({why}): save it again from Excel or WPS "
        "as 'Excel workbook (*.xlsx)'"
    ),
    no_sheet="no sheet {sheet!r} in {file} (its sheets: {sheets})",
    progress="\rchecked {rows:,} rows",
    source_csv="read {file} as CSV, {encoding}",
    source_workbook="read {file}, sheet {sheet!r}",
    source_column="; column {column!r} ({letter}), headers in row {header}",
    source_column_headerless="; column {column!r} ({letter}), no header row",
    no_header="no header row",
    encoding_names=_ENCODINGS,
    counts="rows: {rows:,}  ok: {ok:,}  with errors: {errors:,}",
    count_kind="  kind {name}: {n:,}",
    count_reason="  {name}: {n:,}",
    message="{message}",
    blank_rows="skipped {n:,} blank rows",
    field_document="document",
    field_region="region",
    field_nationality="nationality",
    field_birth_date="birth date",
    field_age="age",
    field_sex="sex",
    field_kind="kind",
    field_school_area="school area",
    field_category="category",
    field_province="province",
    field_serial="serial",
    field_reason="reason",
    field_advice="what to do",
    reason_line="{code}: {detail}",
    expected_character=" (it should be {expected})",
    unknown="unknown",
    birth_date_hidden="hidden (use --show)",
    age_on="{age} on {date}",
    male=f"male ({label_zh(Sex.MALE)})",
    female=f"female ({label_zh(Sex.FEMALE)})",
    documents={
        Document.MAINLAND: "mainland resident identity number (居民身份号码)",
        Document.HONG_KONG_PERMIT: "Hong Kong residents' residence permit (港澳台居民居住证, 香港)",
        Document.MACAO_PERMIT: "Macao residents' residence permit (港澳台居民居住证, 澳门)",
        Document.TAIWAN_PERMIT: "Taiwan residents' residence permit (港澳台居民居住证, 台湾)",
        Document.FOREIGN_PERMANENT_RESIDENT: (
            "foreigner's permanent residence card, 2023 (外国人永久居留身份证)"
        ),
    },
    registry_kinds={
        RegistryKind.G: "formal registry number (正式学籍号) built on a resident ID",
        RegistryKind.L: "temporary registry number (临时学籍号)",
        RegistryKind.J: "formal registry number (正式学籍号) for a student without a usable ID",
    },
    what_resident_id="resident ID number",
    what_legacy="legacy (15-digit) resident ID",
    what_registry_number="registry number (学籍号)",
    what_school_code="school code (学校标识码)",
    what_value="value",
    invalid="invalid {what}",
    valid_resident_id="valid resident ID number",
    valid_legacy="valid legacy number, upgraded to",
    valid_registry_number="valid registry number (学籍号)",
    valid_school_code="valid school code (学校标识码)",
    reasons={reason: f"{text} · {label_zh(reason)}" for reason, text in _REASONS_EN.items()},
    advice={
        Reason.MISSING: "Fill in the number from the student's documents. 请根据证件补填。",
        Reason.MASKED: (
            "The number was copied from a masked export: take it from the original record. "
            "请从原始档案取完整号码。"
        ),
        Reason.LENGTH: (
            "A digit is missing or extra: compare with the document. 位数不对, 请对照证件核实。"
        ),
        Reason.FORMAT: (
            "The number holds characters that do not belong in it (punctuation, other "
            "letters): remove them. 号码中有多余字符, 请删除。"
        ),
        Reason.CHECKSUM: (
            "A digit was mistyped, or the number is not real: compare with the document. "
            "可能录入错误, 请对照证件核实。"
        ),
        Reason.BIRTH_DATE: (
            "The birth-date digits are not a real date: compare with the document. "
            "出生日期不存在, 请核实。"
        ),
        Reason.FUTURE_BIRTH_DATE: (
            "The birth date is after the reference date (--as-of): check both. "
            "出生日期晚于核对日期, 请核实。"
        ),
        Reason.REGION: (
            "The first six digits are not a region code that ever existed: compare with the "
            "document. 地址码不存在, 请核实。"
        ),
        Reason.FLOAT_DAMAGE: (
            "Excel stored the number as a number and kept only 15 digits. Set the column's "
            "format to Text (设置单元格格式 → 文本) and enter the numbers again from the "
            "documents; retyping the cell alone cannot bring the lost digits back. "
            "请将该列设为文本格式后重新录入。"
        ),
        Reason.NORMALISED: (
            "Valid, but the cell holds spaces, a lower-case x or full-width characters: "
            "cleaning it avoids trouble elsewhere. 号码有效, 但建议清理格式。"
        ),
    },
    kinds={
        Kind.RESIDENT_ID: f"resident ID · {label_zh(Kind.RESIDENT_ID)}",
        Kind.REGISTRY_NUMBER: f"registry number · {label_zh(Kind.REGISTRY_NUMBER)}",
        Kind.SCHOOL_CODE: f"school code · {label_zh(Kind.SCHOOL_CODE)}",
    },
    html_lang="zh-Hans",
    html_title="xueji check: {file} · 学籍数据核查",
    html_heading="Check report · 核查报告",
    html_file="File · 文件",
    html_sheet="Sheet · 工作表",
    html_column="Column · 核查列",
    html_header_row="Header row · 表头行",
    html_encoding="Encoding · 编码",
    html_as_of="Reference date · 核对日期",
    html_checked_by="Checked by · 核查工具",
    html_summary="Summary · 汇总",
    html_rows="Rows checked · 核查行数",
    html_ok="Rows without errors · 无错误行数",
    html_errors="Rows with errors · 有错误行数",
    html_blank_rows="Blank rows skipped · 跳过的空行",
    html_by_kind="Rows by kind · 按号码类型",
    html_no_kind="not recognised (empty, damaged, not text) · 无法识别(空值、损坏、非文本)",
    html_by_reason="Problems by reason · 按原因统计的问题",
    html_by_region="Rows with errors by county · 按县区统计的错误行",
    html_region_note=(
        "A row's county is the region code (the first six digits, after a G, L or J) of its "
        "number when those digits are a known code, even when the number is invalid; rows "
        "whose number has no such code (empty, damaged, too short) are counted under "
        "“no readable region”. 县区按号码中的地址码统计; 无法识别地址码的行单独计数。"
    ),
    html_no_region="no readable region · 无法识别地区",
    html_other_regions="{n} other regions · 其他{n}个地区",
    html_reason="Reason · 原因",
    html_kind="Kind · 类型",
    html_count="Count · 数量",
    html_severity="Severity · 级别",
    html_error="error · 错误",
    html_warning="warning · 提示",
    html_meaning="Meaning · 含义",
    html_problem_rows="Rows with errors · 有错误的行",
    html_showing="The first {shown:,} of {total:,} rows with errors; all of them are in the CSV "
    "output. 仅显示前{shown:,}行, 共{total:,}行。",
    html_no_problems="No row has an error. 没有发现错误。",
    html_row="Row · 行号",
    html_value="Value (masked) · 号码(已脱敏)",
    html_reasons="Reasons · 原因",
    html_message="Message · 说明",
    html_masked_note=(
        "Numbers are masked so that no birth date shows; this report never shows full numbers. "
        "号码已脱敏, 不显示出生日期。"
    ),
    html_chart_reason="Bar chart: problems by reason",
    html_chart_region="Bar chart: rows with errors by county",
)

ZH: Final = Labels(
    description="校验并解释学籍号、身份证件号码和学校标识码。",
    help_explain="说明一个号码是什么，或为什么无效（号码无效时退出码为 1）",
    help_number="号码：身份证件号码、学籍号或学校标识码",
    help_show="显示完整号码和出生日期（默认脱敏）",
    help_as_of="核对日期，出生日期不得晚于此日（默认：今天）",
    help_regions="地址码的核对方式（默认：known）",
    help_check="核查 CSV 文件或 .xlsx 工作簿中的一列（退出码 0：全部无误，1：有问题，2：用法错误）",
    description_check=(
        "核查 CSV 文件（UTF-8 或 GB18030，按文件内容识别）或 .xlsx 工作簿中的一列。"
        "按原因输出问题数量；有错误的行以 CSV 格式写入 --out 指定的文件，未指定时写到标准输出"
        "（汇总则写到标准错误）。除非加 --show，输出中被核查的列一律脱敏。"
    ),
    help_file="CSV 文件或 .xlsx 工作簿（后者需 pip install 'xueji[excel]'）",
    help_column="要核查的列：表头名称（如 身份证号）或列序号（从 1 数起）",
    help_header_row=(
        "表头所在的行，从 1 数起；0 表示没有表头"
        "（默认：第一个含有该列名的行；按列序号指定时为第 1 行）"
    ),
    help_sheet="工作簿中的工作表（默认：第一个含有该列名的工作表）",
    help_kind="该列存放的号码类型（默认：逐个识别）",
    help_out="把有错误的行写入此 CSV 文件（全部完成后才替换）",
    help_html="另外把带图表的核查报告写入此 HTML 文件（已脱敏）",
    help_encoding=(
        "CSV 文件的编码：auto（UTF-8，带或不带 BOM，否则 GB18030），"
        "或任一 Python 编码名，如 gbk、big5（默认：auto）"
    ),
    help_out_encoding="--out 文件的编码（默认：与输入文件相同；输入为工作簿时为带 BOM 的 UTF-8）",
    help_delimiter="CSV 文件的分隔符；制表符写 tab（默认：','）",
    help_progress="在标准错误上显示进度（默认：在终端中运行时显示）",
    help_lang="输出语言：en 或 zh（默认：en，不随系统的语言设置改变）",
    bad_date="不是日期（应为 YYYY-MM-DD）：{text!r}",
    bad_row_number="不是行号（0、1、2 …）：{text!r}",
    delimiter_one_character="--delimiter 必须是一个字符，或写 tab",
    sheet_needs_workbook="--sheet 只适用于工作簿，而 {file} 是按 CSV 文件读取的",
    cannot_read="无法读取 {file}：{why}",
    decode_failed="某一数据块第 {offset:,} 字节处无法解码：{why}",
    cannot_write="无法写入 {file}：{why}",
    out_is_input="--out {file} 就是正在核查的文件：请另取一个文件名",
    unknown_encoding="未知的编码 {name!r}（可试 utf-8、gb18030、gbk、big5 或 utf-16）",
    undecodable=(
        "{file} 无法按以下编码读取为文本：{tried}。请在 Excel 或 WPS 中另存为“CSV UTF-8”，"
        "或用 --encoding 指定其编码"
    ),
    undecodable_at=(
        "{encoding}（第 {line} 行第 {column} 个字节，即全文件第 {offset:,} 个字节：{bytes}）"
    ),
    not_csv="{file} 不是可以读取的 CSV 文件：{why}",
    cannot_encode=(
        "第 {row} 行含有 {encoding} 无法表示的字符：请另选 --out-encoding（utf-8-sig 或 gb18030）"
    ),
    no_column="{file} 的前 {rows} 行中没有列 {column!r}（见到的表头：{seen}）",
    no_column_in_row="{file} 第 {row} 行中没有列 {column!r}（该行有：{seen}）",
    column_twice=(
        "列 {column!r} 在第 {row} 行出现了不止一次（{letters} 列）：请改用列序号，{numbers} 之一"
    ),
    column_beyond="第 {row} 行只有 {width} 列，没有第 {number} 列",
    header_row_beyond="{file} 没有第 {row} 行",
    name_needs_header="--header-row 0 表示文件没有表头：请用列序号指定列，而不是 {column!r}",
    empty_file="{file} 中没有任何行",
    needs_openpyxl=(
        "读取 .xlsx 工作簿需要 openpyxl：pip install 'xueji[excel]'（或把工作表另存为“CSV UTF-8”）"
    ),
    old_workbook=(
        "{file} 是 Excel 97-2003 工作簿（.xls），xueji 不读取这种文件：请在 Excel 或 WPS 中"
        "打开，另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8”，再核查新文件"
    ),
    encrypted_workbook=(
        "{file} 是设了密码（已加密）的工作簿：请在 Excel 或 WPS 中打开，"
        "另存一份不设密码的副本，再核查该副本"
    ),
    html_as_workbook=(
        "{file} 是用工作簿文件名保存的网页：请在 Excel 或 WPS 中打开，"
        "另存为“Excel 工作簿 (*.xlsx)”或“CSV UTF-8”，再核查新文件"
    ),
    not_a_workbook="{file} 的文件名是工作簿，内容却不是；如果它是 CSV 文件，请把扩展名改为 .csv",
    unreadable_workbook=(
        "无法读取工作簿 {file}（{why}）：请在 Excel 或 WPS 中重新另存为“Excel 工作簿 (*.xlsx)”"
    ),
    no_sheet="{file} 中没有工作表 {sheet!r}（现有工作表：{sheets}）",
    progress="\r已核查 {rows:,} 行",
    source_csv="已按 CSV 文件读取 {file}，编码 {encoding}",
    source_workbook="已读取 {file} 的工作表 {sheet!r}",
    source_column="；核查列 {column!r}（{letter} 列），表头在第 {header} 行",
    source_column_headerless="；核查列 {column!r}（{letter} 列），没有表头",
    no_header="无表头",
    encoding_names={
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8（带 BOM）",
        "gb18030": "GB18030",
        "utf-16": "UTF-16",
    },
    counts="行数：{rows:,}  无错误：{ok:,}  有错误：{errors:,}",
    # The code and its count as in English (name: n), for the eye and for scripts alike.
    count_kind="  类型 {name}: {n:,}  {label}",
    count_reason="  {name}: {n:,}  {label}",
    message="{label}",
    blank_rows="跳过空行 {n:,} 行",
    field_document="证件类型",
    field_region="地址码",
    field_nationality="国籍",
    field_birth_date="出生日期",
    field_age="年龄",
    field_sex="性别",
    field_kind="学籍号类型",
    field_school_area="学校所在地",
    field_category="学校类别",
    field_province="省份",
    field_serial="顺序号",
    field_reason="原因",
    field_advice="处理建议",
    reason_line="{code}：{label}{expected}",
    expected_character="（校验码应为 {expected}）",
    unknown="未知",
    birth_date_hidden="已隐藏（加 --show 显示）",
    age_on="{date} 时 {age} 周岁",
    male=label_zh(Sex.MALE),
    female=label_zh(Sex.FEMALE),
    documents={document: label_zh(document) for document in Document},
    registry_kinds={
        RegistryKind.G: "正式学籍号，由公民身份号码生成",
        RegistryKind.L: "临时学籍号",
        RegistryKind.J: "正式学籍号（J字头），学生没有可用的身份证件号码",
    },
    what_resident_id="身份证件号码",
    what_legacy="15 位身份证号码",
    what_registry_number="学籍号",
    what_school_code="学校标识码",
    what_value="值",
    invalid="无效的{what}",
    valid_resident_id="有效的身份证件号码",
    valid_legacy="有效的 15 位号码，已升为 18 位",
    valid_registry_number="有效的学籍号",
    valid_school_code="有效的学校标识码",
    reasons={reason: label_zh(reason) for reason in Reason},
    advice=_ADVICE_ZH,
    kinds={kind: label_zh(kind) for kind in Kind},
    html_lang="zh-Hans",
    html_title="学籍数据核查：{file}",
    html_heading="核查报告",
    html_file="文件",
    html_sheet="工作表",
    html_column="核查列",
    html_header_row="表头行",
    html_encoding="编码",
    html_as_of="核对日期",
    html_checked_by="核查工具",
    html_summary="汇总",
    html_rows="核查行数",
    html_ok="无错误行数",
    html_errors="有错误行数",
    html_blank_rows="跳过的空行",
    html_by_kind="按号码类型统计的行",
    html_no_kind="无法识别（空值、损坏、非文本）",
    html_by_reason="按原因统计的问题",
    html_by_region="按县区统计的有错误行",
    html_region_note=(
        "县区按号码中的地址码统计：前六位（学籍号为 G、L、J 之后的六位）是已知的地址码时，"
        "号码即使无效也计入该县区；号码中没有这样的代码的行（空值、损坏、位数过短）"
        "计入“无法识别地区”。"
    ),
    html_no_region="无法识别地区",
    html_other_regions="其他 {n} 个地区",
    html_reason="原因",
    html_kind="类型",
    html_count="数量",
    html_severity="级别",
    html_error="错误",
    html_warning="提示",
    html_meaning="含义",
    html_problem_rows="有错误的行",
    html_showing="仅显示有错误的前 {shown:,} 行，共 {total:,} 行；CSV 输出中有全部的行。",
    html_no_problems="没有发现错误。",
    html_row="行号",
    html_value="号码（已脱敏）",
    html_reasons="原因",
    html_message="说明",
    html_masked_note="号码均已脱敏，不显示出生日期；本报告在任何情况下都不显示完整号码。",
    html_chart_reason="条形图：按原因统计的问题",
    html_chart_region="条形图：按县区统计的有错误行",
)

#: The tables, by the value of ``--lang``.
LANGUAGES: Final[Mapping[str, Labels]] = types.MappingProxyType({"en": EN, "zh": ZH})
