"""check_many(): the scalar and vectorised paths agree, and every row equals check().

A column of up to 24 values (text of every mode, damaged valid numbers, values of other
types, repeats) goes in as a list, a tuple, a generator or a numpy string array, with
``vectorise=False``, ``True`` and the default; the reports must be equal row by row,
and in their masks, summaries, cleaned values and records.
Header flags: bits 0-1 pick ``expect``; bit 2 passes a numpy array when every value is
text; bit 3 allows values of other types.
"""

import sys
from typing import Any

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common
    import numpy as np

    from xueji import Kind, check, check_many

_EXPECT = (None, Kind.RESIDENT_ID, Kind.REGISTRY_NUMBER, Kind.SCHOOL_CODE)


def column(fdp: atheris.FuzzedDataProvider, mode: int, *, others: bool) -> list[object]:
    values: list[object] = []
    while fdp.remaining_bytes() and len(values) < 24:
        how = fdp.ConsumeIntInRange(0, 9)
        if how <= 4:
            values.append(_common.text_of(fdp, mode, fdp.ConsumeIntInRange(0, 40)))
        elif how <= 6:
            values.append(_common.template(fdp.ConsumeBytes(fdp.ConsumeIntInRange(12, 24))))
        elif how == 7 and values:
            values.append(values[fdp.ConsumeIntInRange(0, len(values) - 1)])
        elif how == 8 and others:
            values.append(_common.other_value(fdp, mode, fdp.ConsumeIntInRange(0, 24)))
        else:
            values.append(_common.text_of(fdp, _common.ALPHABET, fdp.ConsumeIntInRange(0, 24)))
    return values


def snapshot(report: Any) -> tuple[object, ...]:
    return (
        len(report),
        list(report),
        report.ok_mask(),
        report.summary(),
        report.values(),
        report.to_records(),
        list(report.problems()),
    )


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = _common.header(fdp)
    expect = _EXPECT[flags & 3]
    values = column(fdp, mode, others=bool(flags & 8))
    options = {"as_of": as_of, "regions": regions, "expect": expect}
    scalar = snapshot(check_many(values, vectorise=False, **options))
    vector = snapshot(check_many(values, vectorise=True, **options))
    assert scalar == vector, (values, options, scalar, vector)
    assert snapshot(check_many(iter(values), **options)) == scalar
    assert snapshot(check_many(tuple(values), vectorise=True, **options)) == scalar
    expected = [check(v, **options) for v in values]
    assert scalar[1] == expected, (values, options, scalar[1], expected)
    assert scalar[2] == [c.ok for c in expected]
    assert scalar[4] == [c.value for c in expected]
    if flags & 4 and all(type(v) is str for v in values) and values:
        try:
            array = np.array(values, dtype=str)
        except (UnicodeEncodeError, ValueError):
            return
        # numpy drops trailing NULs of its strings: compare with the list numpy gives back.
        listed = array.tolist()
        base = snapshot(check_many(listed, vectorise=False, **options))
        assert snapshot(check_many(array, vectorise=True, **options)) == base, (listed, options)
        assert snapshot(check_many(array, vectorise=False, **options)) == base, (listed, options)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
