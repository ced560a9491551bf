"""ResidentID.is_valid: a bool for any value at all, and the same answer as parse and check.

Values are text (unicode, number-heavy, damaged valid numbers) or, when a header flag
says so, what data columns also hold: None, NaN, floats, big ints, bytes, numpy scalars,
str subclasses (benign and hostile), containers, objects whose comparisons raise.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import ResidentID


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = _common.header(fdp)
    value: object
    value = _common.other_value(fdp, mode) if flags & 8 else _common.text_of(fdp, mode)
    result = ResidentID.is_valid(value, as_of=as_of, regions=regions)
    assert type(result) is bool, result
    _common.resident_id_contract(value, as_of, regions)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
