"""RegistryNumber.parse: only InvalidNumber leaves it; is_valid and check agree with it.

Header flag bit 0 parses with ``j_checksum=False``; bit 1 wraps the text in a str
subclass that changes nothing.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    import xueji  # noqa: F401


def test_one_input(data: bytes) -> None:
    case = _common.case(data)
    value: object = _common.PlainStr(case.text) if case.flags & 2 else case.text
    _common.registry_number_contract(value, case.as_of, case.regions, j_checksum=not case.flags & 1)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
