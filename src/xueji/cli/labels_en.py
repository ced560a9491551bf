"""The English table of the command line's words, with the Chinese term beside the English
where a Chinese-speaking analyst reads the HTML report."""

from __future__ import annotations

from typing import Final

from xueji import Document, Kind, Reason, RegistryKind, Sex
from xueji.cli.labels_base import Labels
from xueji.labels import label_zh

__all__ = ["EN"]

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
