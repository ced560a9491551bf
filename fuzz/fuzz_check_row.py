"""check_row(): never raises, and its verdict is made of the checks of its fields.

A row of drawn values (text, damaged numbers, dates and sexes as exports spell them,
values of other types, huge integers) and a drawn ``columns`` mapping (known fields,
unknown ones, columns missing from the row). Each number field's Check equals
``check(value, expect=kind)``; ``ok`` is "every field ok and no error problem".
"""

import datetime
import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import Kind, Reason, RowCheck, Severity, check, check_row

_FIELDS = {
    "resident_id": Kind.RESIDENT_ID,
    "registry_number": Kind.REGISTRY_NUMBER,
    "school_code": Kind.SCHOOL_CODE,
    "birth_date": None,
    "sex": None,
    "name": None,
}
_NAMES = [*_FIELDS, "unknown", "sfzh"]
_SPELLINGS = (
    "男", "女", "1", "2", "M", " f ", "male", "Female", "3", "",
    "2015-09-01", "20150901", "2015/9/1", "2015.09.01", "1949-12-31", "2015-W01-1",
    "0000-01-01", "99991231", "2015-02-29", "19491231",
)  # fmt: skip


def value(fdp: atheris.FuzzedDataProvider, mode: int) -> object:
    how = fdp.ConsumeIntInRange(0, 7)
    if how <= 1:
        return _common.text_of(fdp, mode, fdp.ConsumeIntInRange(0, 30))
    if how <= 3:
        return _common.template(fdp.ConsumeBytes(fdp.ConsumeIntInRange(12, 20)))
    if how == 4:
        return _SPELLINGS[fdp.ConsumeIntInRange(0, len(_SPELLINGS) - 1)]
    if how == 5:
        return datetime.date.fromordinal(fdp.ConsumeIntInRange(1, 3_652_059))
    if how == 6:
        return fdp.ConsumeIntInRange(-3, 3)
    return _common.other_value(fdp, mode, fdp.ConsumeIntInRange(0, 30))


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, _flags = _common.header(fdp)
    columns: dict[str, str] = {}
    row: dict[str, object] = {}
    for i in range(fdp.ConsumeIntInRange(0, 8)):
        field = _NAMES[fdp.ConsumeIntInRange(0, len(_NAMES) - 1)]
        name = f"c{i}"
        columns[field] = name
        if fdp.ConsumeIntInRange(0, 9):  # sometimes the row lacks the column
            row[name] = value(fdp, mode)
    result = check_row(row, columns=columns, as_of=as_of, regions=regions)
    assert isinstance(result, RowCheck), result
    for field, kind in _FIELDS.items():
        if kind is not None and field in columns:
            expected = check(row.get(columns[field]), as_of=as_of, regions=regions, expect=kind)
            assert result.fields[field] == expected, (row, columns, field, result)
    assert set(result.fields) == {f for f in columns if _FIELDS.get(f) is not None}
    unknown = [p for p in result.problems if p.reason is Reason.INVALID_VALUE]
    assert len(unknown) >= len(set(columns) - set(_FIELDS)), result
    errors = any(p.severity is Severity.ERROR for p in result.problems)
    assert result.ok == (all(c.ok for c in result.fields.values()) and not errors), result
    for c in result.fields.values():
        _common.assert_check_shape(c)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
