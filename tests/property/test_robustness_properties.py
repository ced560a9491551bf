"""Robustness over generated input: arbitrary text and values, and valid numbers with one
random edit, into every public resident ID parser. Only `InvalidNumber` may leave
`ResidentID.parse` and `ResidentID.from_legacy`; `ResidentID.is_valid` says yes exactly
when `parse` succeeds. The fixed junk list is in tests/test_robustness.py.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_robustness import LEGACY_OPTIONS, OPTIONS, outcome

from xueji import EARLIEST_BIRTH_DATE, ResidentID
from xueji import strategies as xs

resident_ids = xs.resident_ids(born=(EARLIEST_BIRTH_DATE, datetime.date(2026, 11, 28)))


def check_agreement(text: object, options: dict[str, Any]) -> None:
    reason = outcome(lambda: ResidentID.parse(text, **options))  # type: ignore[arg-type]
    assert ResidentID.is_valid(text, **options) is (reason is None)


options_strategy = st.sampled_from(OPTIONS)


@given(text=st.text(), options=options_strategy)
def test_arbitrary_text_gives_invalid_number_or_a_number_and_is_valid_agrees(
    text: str, options: dict[str, Any]
) -> None:
    check_agreement(text, options)


@given(text=st.text(), options=st.sampled_from(LEGACY_OPTIONS))
def test_from_legacy_gives_only_invalid_number_for_arbitrary_text(
    text: str, options: dict[str, Any]
) -> None:
    outcome(lambda: ResidentID.from_legacy(text, **options))


@given(value=st.from_type(object), options=options_strategy)
def test_arbitrary_values_give_invalid_number_or_a_number_and_is_valid_agrees(
    value: object, options: dict[str, Any]
) -> None:
    check_agreement(value, options)


EDIT_CHARACTERS = (
    st.sampled_from(
        [
            *"0123456789Xx -*\n\t\x00+_.",
            *("１", "Ｘ", "ｘ", "－", "＊", "\u2010", "\u3000", "\u00a0", "٣", "𝟏", "\ud800"),
        ]
    )
    | st.characters()
)


@st.composite
def near_valid_text(draw: st.DrawFn) -> str:
    """A valid number with one random edit: replace, insert or delete a character."""
    text = draw(resident_ids).value
    edit = draw(st.sampled_from(["replace", "insert", "delete"]))
    if edit == "delete":
        i = draw(st.integers(0, len(text) - 1))
        return text[:i] + text[i + 1 :]
    char = draw(EDIT_CHARACTERS)
    if edit == "insert":
        i = draw(st.integers(0, len(text)))
        return text[:i] + char + text[i:]
    i = draw(st.integers(0, len(text) - 1))
    return text[:i] + char + text[i + 1 :]


@given(text=near_valid_text(), options=options_strategy)
def test_near_valid_text_gives_invalid_number_or_a_number_and_is_valid_agrees(
    text: str, options: dict[str, Any]
) -> None:
    check_agreement(text, options)
