"""RegistryNumber.is_valid: a bool for any value at all, and the same answer as parse and check.

Values as in ``fuzz_resident_id_is_valid.py``; header flag bit 0 sets ``j_checksum=False``.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import RegistryNumber


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = _common.header(fdp)
    value: object
    value = _common.other_value(fdp, mode) if flags & 8 else _common.text_of(fdp, mode)
    j_checksum = not flags & 1
    result = RegistryNumber.is_valid(value, as_of=as_of, regions=regions, j_checksum=j_checksum)
    assert type(result) is bool, result
    _common.registry_number_contract(value, as_of, regions, j_checksum=j_checksum)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
