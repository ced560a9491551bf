"""ResidentID.parse: only InvalidNumber leaves it; is_valid and check agree with it.

Run: ``python fuzz/run.py --harness resident_id_parse`` (or this file with libFuzzer flags).
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    import xueji  # noqa: F401


def test_one_input(data: bytes) -> None:
    case = _common.case(data)
    value: object = _common.PlainStr(case.text) if case.flags & 1 else case.text
    _common.resident_id_contract(value, case.as_of, case.regions)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
