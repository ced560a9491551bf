"""No birth date leaks: masking in ``repr()``, in errors and in the command line.

A resident ID number spells its holder's birth date in characters 7-14; xueji promises
(`xueji.errors`, `xueji.resident_id`, ADR 0001) that ``repr()``, error messages and the
``explain`` command without ``--show`` never contain it. For generated numbers and damaged
variants of them (wrong check character, 17 or 19 characters, masked, future birth date,
unknown region), none of those outputs may contain the 8 birth-date digits.
"""

from __future__ import annotations

import contextlib
import datetime
import io
from collections.abc import Callable, Iterator

from hypothesis import given
from hypothesis import strategies as st

from xueji import EARLIEST_BIRTH_DATE, InvalidNumber, Reason, ResidentID
from xueji import strategies as xs
from xueji.__main__ import main
from xueji._checksum import mod_11_2

resident_ids = xs.resident_ids(born=(EARLIEST_BIRTH_DATE, datetime.date(2026, 11, 28)))


def with_check(body: str) -> str:
    return body + mod_11_2(body)


def damaged(rid: ResidentID) -> Iterator[tuple[str, Callable[[], object]]]:
    """Calls that must fail on variants of ``rid``, named by the damage done."""
    v = rid.value
    wrong = next(c for c in "0123456789X" if c != v[17])
    born = rid.birth_date
    yield "checksum", lambda: ResidentID.parse(v[:17] + wrong)
    yield "checksum, spaced", lambda: ResidentID.parse(f" {v[:6]} {v[6:14]} {v[14:17]}{wrong} ")
    yield "checksum, constructor", lambda: ResidentID(v[:17] + wrong)
    yield "length 17", lambda: ResidentID.parse(v[:17])
    yield "length 17, head cut", lambda: ResidentID.parse(v[1:])
    yield "length 19", lambda: ResidentID.parse(v + "0")
    yield "length 19, head added", lambda: ResidentID.parse("0" + v)
    yield "length 20", lambda: ResidentID.parse(v + "00")
    yield "stray character", lambda: ResidentID.parse(v[:10] + "?" + v[10:])
    yield "masked check character", lambda: ResidentID.parse(v[:17] + "*")
    yield "masked region", lambda: ResidentID.parse("*" + v[1:])
    yield "legacy given 18 characters", lambda: ResidentID.from_legacy(v)
    if born > datetime.date(1850, 1, 1):
        the_day_before = born - datetime.timedelta(days=1)
        yield "future", lambda: ResidentID.parse(v, as_of=the_day_before)
    yield "region", lambda: ResidentID.parse(with_check("119999" + v[6:17]))
    yield "nationality", lambda: ResidentID.parse(with_check("911000" + v[6:17]))


@given(resident_ids)
def test_repr_and_masked_form_never_show_the_birth_date(rid: ResidentID) -> None:
    birth = rid.value[6:14]
    assert birth not in repr(rid)
    assert birth not in rid.masked()
    assert rid.masked()[6:14] == "*" * 8
    assert rid.masked()[:6] + rid.masked()[14:] == rid.value[:6] + rid.value[14:]


@given(resident_ids)
def test_errors_for_damaged_numbers_never_show_the_birth_date(rid: ResidentID) -> None:
    birth = rid.value[6:14]
    for damage, call in damaged(rid):
        try:
            call()
        except InvalidNumber as err:
            for shown in (str(err), repr(err), err.masked, *map(str, err.args)):
                assert birth not in shown, damage
        else:
            raise AssertionError(f"{damage}: accepted")


def test_damaged_variants_fail_for_the_intended_reasons() -> None:
    """The damage list above really exercises the reasons it names."""
    rid = ResidentID.parse("11010519491231002X")
    reasons = {}
    for damage, call in damaged(rid):
        try:
            call()
        except InvalidNumber as err:
            reasons[damage] = err.reason
    assert reasons["checksum"] is Reason.CHECKSUM
    assert reasons["checksum, spaced"] is Reason.CHECKSUM
    assert reasons["length 17"] is Reason.LENGTH
    assert reasons["length 19"] is Reason.LENGTH
    assert reasons["masked check character"] is Reason.MASKED
    assert reasons["future"] is Reason.FUTURE_BIRTH_DATE
    assert reasons["region"] is Reason.REGION
    assert reasons["nationality"] is Reason.NATIONALITY
    assert len(reasons) == len(list(damaged(rid)))


def explain(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["explain", *argv])
    return status, out.getvalue()


@given(rid=resident_ids, form=st.sampled_from(["plain", "lower", "spaced"]))
def test_explain_without_show_never_prints_the_birth_date(rid: ResidentID, form: str) -> None:
    text = {
        "plain": rid.value,
        "lower": rid.value.lower(),
        "spaced": f"{rid.value[:6]} {rid.value[6:14]} {rid.value[14:]}",
    }[form]
    birth = rid.value[6:14]
    status, output = explain(text, "--as-of", "2026-11-28")
    assert status == 0
    assert birth not in output
    assert rid.birth_date.isoformat() not in output
    assert rid.masked() in output


@given(resident_ids)
def test_explain_of_an_invalid_number_never_prints_the_birth_date(rid: ResidentID) -> None:
    wrong = next(c for c in "0123456789X" if c != rid.value[17])
    birth = rid.value[6:14]
    for text in (rid.value[:17] + wrong, rid.value + "0", rid.value[:17]):
        status, output = explain(text, "--as-of", "2026-11-28")
        assert status == 1
        assert birth not in output


def test_explain_with_show_does_print_the_birth_date() -> None:
    """The absence checks above can fail: --show does put the date in the output."""
    status, output = explain("11010519491231002X", "--show", "--as-of", "2026-11-28")
    assert status == 0
    assert "11010519491231002X" in output
    assert "1949-12-31" in output
