"""ResidentID.from_legacy: only InvalidNumber leaves it; an upgrade is a valid 18-char ID.

The upgrade keeps the region, puts ``19`` before the 2-digit year, keeps date and
sequence, and the result passes parse under the same region policy.
"""

import sys

import atheris

with atheris.instrument_imports(include=["xueji"]):
    import _common

    from xueji import ResidentID, check
    from xueji._text import clean


def test_one_input(data: bytes) -> None:
    case = _common.case(data)
    value: object = _common.PlainStr(case.text) if case.flags & 1 else case.text
    try:
        upgraded = ResidentID.from_legacy(value, regions=case.regions)  # type: ignore[arg-type]
    except Exception as err:
        _common.expect_invalid_number(err)
        return
    v = upgraded.value
    s = clean(str.__str__(case.text))[0]
    assert len(s) == 15, (case, v)
    assert s.isascii(), (case, v)
    assert s.isdigit(), (case, v)
    assert v == f"{s[:6]}19{s[6:]}{v[17]}", (case, v)
    assert ResidentID.parse(v, regions=case.regions) == upgraded, (case, v)
    assert ResidentID(v) == upgraded
    assert check(v, regions=case.regions).ok, (case, v)
    upgraded.birth_date, upgraded.sex, upgraded.region  # noqa: B018


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
