"""SchoolCode.parse: only InvalidNumber leaves it; is_valid and check agree with it."""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    import xueji  # noqa: F401


def test_one_input(data: bytes) -> None:
    case = _common.case(data)
    value: object = _common.PlainStr(case.text) if case.flags & 1 else case.text
    _common.school_code_contract(value)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
