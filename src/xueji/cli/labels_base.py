"""The fields of a table of the command line's words: `Labels`, which every language's
table fills (attrs and mypy refuse a table with a field missing). The tables are in
`xueji.cli.labels_en` and `xueji.cli.labels_zh`; `xueji.cli.labels` gathers them."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from xueji import Document, Kind, Reason, RegistryKind

__all__ = ["Labels"]


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
