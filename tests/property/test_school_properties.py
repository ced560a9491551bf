"""Properties of `SchoolCode` and a `School`'s credit code: junk is refused with
`InvalidNumber` only, as `is_valid` says; a credit code is accepted exactly when
python-stdnum's `stdnum.cn.uscc` accepts it, and refused for its format or check character.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc
from test_school import USCC_ALPHABET, reason_of_code, school, uscc_check

from xueji import InvalidNumber, Reason, SchoolCode


@given(
    st.text(max_size=30)
    | st.text("0123456789 -", max_size=14)
    | st.none()
    | st.binary()
    | st.integers()
    | st.floats()
)
def test_school_code_parse_raises_only_invalid_number_and_is_valid_agrees(junk: object) -> None:
    reason = reason_of_code(junk)
    assert SchoolCode.is_valid(junk) is (reason is None)


def credit_code_accepted(code: str) -> bool:
    """Whether School takes ``code``; a refusal must be for its format or check character."""
    try:
        school(credit_code=code)
    except InvalidNumber as err:
        reason = err.reason
    else:
        return True
    assert reason in {Reason.FORMAT, Reason.CHECKSUM}
    return False


@given(st.text(USCC_ALPHABET, min_size=18, max_size=18))
def test_a_random_credit_code_is_accepted_exactly_when_stdnum_accepts_it(code: str) -> None:
    assert credit_code_accepted(code) is uscc.is_valid(code)


@given(
    head=st.text("0123456789", min_size=8, max_size=8),
    tail=st.text(USCC_ALPHABET, min_size=9, max_size=9),
)
def test_a_credit_code_with_its_computed_check_character_is_valid_for_stdnum_and_school(
    head: str, tail: str
) -> None:
    body = head + tail
    code = body + uscc_check(body)
    assert uscc.is_valid(code)
    assert credit_code_accepted(code)


@given(
    head=st.text("0123456789", min_size=8, max_size=8),
    tail=st.text(USCC_ALPHABET, min_size=9, max_size=9),
    wrong=st.sampled_from(USCC_ALPHABET),
)
def test_a_credit_code_with_another_check_character_is_a_checksum_error(
    head: str, tail: str, wrong: str
) -> None:
    body = head + tail
    if wrong == uscc_check(body):
        wrong = USCC_ALPHABET[(USCC_ALPHABET.index(wrong) + 1) % 31]
    assert not uscc.is_valid(body + wrong)
    with pytest.raises(InvalidNumber) as excinfo:
        school(credit_code=body + wrong)
    assert excinfo.value.reason is Reason.CHECKSUM


@given(body=st.text(USCC_ALPHABET, min_size=17, max_size=17))
def test_a_credit_code_over_the_whole_alphabet_is_judged_as_stdnum_judges_it(body: str) -> None:
    code = body + uscc_check(body)
    assert credit_code_accepted(code) is uscc.is_valid(code)
    assert uscc.is_valid(code) is body[:8].isdigit()
