"""The errors of `xueji.errors`: values with a stable reason, equal by type, message and
attributes, and pickled whole; `InvalidNumber` keeps what a caller needs (`reason`,
`masked`, `label`, `detail`, `expected`) without showing the birth date.

House rule: assert on ``reason`` and on attributes, never on the wording of a message.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from xueji import (
    DateBeforeBirth,
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidNumber,
    InvalidValue,
    KeyFieldChangeRequired,
    NotAuthorized,
    Reason,
    ResidentID,
    SequenceExhausted,
    XuejiError,
)

# Built inside the tests, not at import: mutmut switches a mutant on per test run, after
# the test modules were imported.
EVERY_ERROR: list[Callable[[], XuejiError]] = [
    lambda: InvalidNumber(Reason.CHECKSUM, masked="110105********0021", expected="X"),
    lambda: InvalidValue("m"),
    lambda: DateBeforeBirth("m"),
    lambda: InconsistentIdentity("m"),
    lambda: DuplicateRegistration(("G110105********002X",)),
    lambda: KeyFieldChangeRequired("name"),
    lambda: NotAuthorized("m"),
    lambda: IllegalTransition(state="enrolled", action="promote"),
    lambda: SequenceExhausted(kind="L", birth_date="2015-09-01"),
]


def test_errors_with_the_same_message_but_other_attributes_differ() -> None:
    one = InvalidNumber(Reason.CHECKSUM, masked="x", detail="d", expected="1")
    two = InvalidNumber(Reason.CHECKSUM, masked="x", detail="d", expected="2")
    assert one.args == two.args
    assert one != two


def test_errors_with_the_same_attributes_but_other_messages_differ() -> None:
    assert InvalidValue("a") != InvalidValue("b")


def test_equal_errors_hash_equal() -> None:
    assert hash(InvalidValue("a")) == hash(InvalidValue("a"))
    assert InvalidValue("a") == InvalidValue("a")


@pytest.mark.parametrize("make", EVERY_ERROR)
def test_the_repr_names_the_type_the_message_and_the_reason(
    make: Callable[[], XuejiError],
) -> None:
    error = make()
    assert repr(error) == f"{type(error).__name__}({str(error)!r}, reason={error.reason.value!r})"


def test_invalid_number_label_defaults_to_number() -> None:
    error = InvalidNumber(Reason.CHECKSUM, masked="110105********0021")
    assert error.label == "number"
    assert (error.reason, error.masked, error.expected) == (
        Reason.CHECKSUM,
        "110105********0021",
        None,
    )


# The detail a caller passes is part of the error's value (its message), so errors that
# differ only in it are different values; nothing here reads the wording.
@pytest.mark.parametrize(
    "make",
    [
        lambda detail: InvalidNumber(Reason.CHECKSUM, masked="x", detail=detail),
        lambda detail: InvalidNumber(Reason.MATCH_MISMATCH, masked="x", detail=detail),
        lambda detail: IllegalTransition(state="enrolled", action="promote", detail=detail),
    ],
    ids=["invalid-number", "invalid-number-untabled-reason", "illegal-transition"],
)
def test_errors_differing_only_in_their_detail_differ(make: Callable[[str], XuejiError]) -> None:
    assert make("one") != make("two")
    assert make("one") != make("")
    assert make("one") == make("one")


def test_invalid_number_keeps_its_detail_and_the_detail_shows_no_birth_date() -> None:
    """Callers (the CLI, the dataset checks) read the detail, not a split of the message."""
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse("110105194912310021")
    err = excinfo.value
    assert err.detail == "the check character should be 'X', not '1'"
    assert str(err).endswith(": " + err.detail)
    assert "19491231" not in err.detail
    assert InvalidNumber(Reason.LENGTH, masked="***").detail == "wrong length"


@pytest.mark.parametrize("reason", list(Reason), ids=[r.value for r in Reason])
def test_the_detail_of_an_invalid_number_is_always_text(reason: Reason) -> None:
    # Reasons without a default wording of their own fall back to their code.
    detail = InvalidNumber(reason, masked="***").detail
    assert isinstance(detail, str)
    assert detail


def test_the_old_name_kind_of_the_label_still_works_and_warns() -> None:
    error = InvalidNumber(Reason.LENGTH, masked="***", label="resident ID")
    with pytest.warns(DeprecationWarning, match="label"):
        assert error.kind == "resident ID"
    with pytest.warns(DeprecationWarning, match="label"):
        old = InvalidNumber(Reason.LENGTH, masked="***", kind="resident ID")
    assert old == error


def test_an_invalid_values_message_is_its_path_then_its_detail() -> None:
    with_path = InvalidValue("must be a Route", path="route")
    assert (with_path.path, with_path.detail) == ("route", "must be a Route")
    assert str(with_path) == f"{with_path.path}: {with_path.detail}"
    without = InvalidValue("must be a Route", path="")
    assert without.path is None
    assert str(without) == without.detail


def test_a_duplicate_registration_names_the_operations_to_use_instead() -> None:
    error = DuplicateRegistration(("G110105...",), instead=("transfer", "readmit"))
    assert (error.conflicts, error.instead) == (("G110105...",), ("transfer", "readmit"))
    assert error.reason is Reason.DUPLICATE_REGISTRATION


@pytest.mark.parametrize(
    "make",
    [
        lambda: XuejiError(None, reason=Reason.INVALID_VALUE),  # type: ignore[arg-type]
        lambda: XuejiError("m", reason="invalid-value"),  # type: ignore[arg-type]
        lambda: InvalidValue(None),  # type: ignore[arg-type]
        lambda: InvalidValue("m", reason=None),  # type: ignore[arg-type]
        lambda: DateBeforeBirth(None),  # type: ignore[arg-type]
        lambda: InconsistentIdentity(None),  # type: ignore[arg-type]
        lambda: NotAuthorized(None),  # type: ignore[arg-type]
        lambda: NotAuthorized(b"m", reason=Reason.WRONG_ROLE),  # type: ignore[arg-type]
        lambda: IllegalTransition(state="enrolled", action="promote", reason="x"),  # type: ignore[arg-type]
        lambda: IllegalTransition(state="enrolled", action="promote", detail=None),  # type: ignore[arg-type]
        lambda: IllegalTransition(state=None, action="promote"),  # type: ignore[arg-type]
        lambda: IllegalTransition(state="enrolled", action=None),  # type: ignore[arg-type]
        lambda: InvalidValue(None, path="route"),  # type: ignore[arg-type]
    ],
    ids=[
        "root-none",
        "root-text-reason",
        "value-none",
        "value-no-reason",
        "date-none",
        "identity-none",
        "authorized-none",
        "authorized-bytes",
        "transition-text-reason",
        "transition-no-detail",
        "transition-no-state",
        "transition-no-action",
        "value-none-with-path",
    ],
)
def test_an_error_cannot_be_made_without_a_text_message_and_a_reason(
    make: Callable[[], XuejiError],
) -> None:
    """An error is a value: one that cannot say why is refused when it is made."""
    with pytest.raises(TypeError):
        make()


def test_an_inconsistent_identity_names_a_field_only_when_given_one() -> None:
    assert InconsistentIdentity("m").field is None
    named = InconsistentIdentity("m", reason=Reason.MATCH_MISMATCH, field="sex")
    assert (named.field, named.reason) == ("sex", Reason.MATCH_MISMATCH)
    assert named != InconsistentIdentity("m", reason=Reason.MATCH_MISMATCH, field="name")
