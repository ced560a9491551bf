"""The Chinese table of the command line's words (``--lang zh``), with advice for each
reason a person can act on."""

from __future__ import annotations

from typing import Final

from xueji import Document, Kind, Reason, RegistryKind, Sex
from xueji.cli.labels_base import Labels
from xueji.labels import label_zh

__all__ = ["ZH"]

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
