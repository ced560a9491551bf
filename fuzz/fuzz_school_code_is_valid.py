"""SchoolCode.is_valid: a bool for any value at all, and the same answer as parse and check.

Values as in ``fuzz_resident_id_is_valid.py``.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import SchoolCode


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, _regions, _as_of, flags = _common.header(fdp)
    value: object
    value = _common.other_value(fdp, mode) if flags & 8 else _common.text_of(fdp, mode)
    result = SchoolCode.is_valid(value)
    assert type(result) is bool, result
    _common.school_code_contract(value)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
