"""check(): never raises, for any value and options, and agrees with the parsers.

Header flags: bits 0-1 pick ``expect`` (None, resident ID, registry number, school
code); bit 3 makes the value one of another type (see ``_common.other_value``).
A valid result checked again in its canonical form gives the same kind and value,
with no cleaning.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import Kind, RegistryNumber, ResidentID, SchoolCode, check

_EXPECT = (None, Kind.RESIDENT_ID, Kind.REGISTRY_NUMBER, Kind.SCHOOL_CODE)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode, regions, as_of, flags = _common.header(fdp)
    expect = _EXPECT[flags & 3]
    value: object
    value = _common.other_value(fdp, mode) if flags & 8 else _common.text_of(fdp, mode)
    result = check(value, as_of=as_of, regions=regions, expect=expect)
    _common.assert_check_shape(result)
    if expect is not None and result.kind is not None:
        assert result.kind is expect, (value, expect, result)
    if _common.comparable(result, Kind.RESIDENT_ID):
        assert result.ok == ResidentID.is_valid(value, as_of=as_of, regions=regions), result
    elif _common.comparable(result, Kind.REGISTRY_NUMBER):
        assert result.ok == RegistryNumber.is_valid(value, as_of=as_of, regions=regions), result
    elif _common.comparable(result, Kind.SCHOOL_CODE):
        assert result.ok == SchoolCode.is_valid(value), result
    if result.ok:
        again = check(result.value, as_of=as_of, regions=regions, expect=expect)
        assert again.ok, again
        assert again.kind is result.kind, again
        assert again.value == result.value, again
        assert not again.normalised, again


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
