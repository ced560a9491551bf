"""Every member of every public enum has a simplified-Chinese label (`xueji.labels`).

The enums are found when the test runs, not listed here: every enum named in
``xueji.__all__`` or in the ``__all__`` of a public module, and every enum that a field of
a public attrs class is typed with. An enum or a member added later without a label
makes `test_every_member_of_every_public_enum_has_a_chinese_label` fail.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs
import pytest

import xueji
from xueji import Action, EventKind, InvalidValue, Reason, RegionPolicy, Role, Severity
from xueji.labels import LABELS_ZH, label_zh

GLOSSARY = Path(__file__).resolve().parent.parent / "CONTEXT.md"
#: Modules whose names are no part of the library's vocabulary.
NOT_VOCABULARY = frozenset({"cli", "__main__"})
_CHINESE = re.compile(r"[\u3400-\u9fff]")


def _types_in(hint: object) -> Iterator[object]:
    yield hint
    for argument in typing.get_args(hint):
        yield from _types_in(argument)


def enums_reachable(names: Iterable[object]) -> set[type[enum.Enum]]:
    """The enums among ``names``, and those the fields of the attrs classes among them use."""
    found: set[type[enum.Enum]] = set()
    for value in names:
        if isinstance(value, type) and issubclass(value, enum.Enum):
            found.add(value)
        elif isinstance(value, type) and attrs.has(value):
            for hint in typing.get_type_hints(value).values():
                found |= {
                    t for t in _types_in(hint) if isinstance(t, type) and issubclass(t, enum.Enum)
                }
    return found


def public_names() -> list[object]:
    """What ``xueji.__all__`` names, and what the ``__all__`` of each public module names."""
    values = [getattr(xueji, name) for name in xueji.__all__]
    for module in pkgutil.iter_modules(xueji.__path__):
        if module.name.startswith("_") or module.name in NOT_VOCABULARY:
            continue
        loaded = importlib.import_module(f"xueji.{module.name}")
        values += [getattr(loaded, name) for name in getattr(loaded, "__all__", ())]
    return values


def unlabelled(enums: Iterable[type[enum.Enum]]) -> list[str]:
    """``Enum.MEMBER`` for each member without a Chinese label (empty, or no Chinese in it)."""
    missing = []
    for cls in sorted(enums, key=lambda e: e.__name__):
        for member in cls:
            try:
                label = label_zh(member)
            except InvalidValue:
                label = ""
            if not _CHINESE.search(label):
                missing.append(f"{cls.__name__}.{member.name}")
    return missing


PUBLIC_ENUMS = sorted(enums_reachable(public_names()), key=lambda e: e.__name__)


# -- the walk, on made-up values, so that the main test can fail -----------------------------


class _Colour(enum.StrEnum):
    RED = "red"


class _Shape(enum.Enum):
    ROUND = 1


@attrs.frozen
class _Drawing:
    shape: _Shape | None
    colours: tuple[_Colour, ...]


def test_the_walk_finds_enums_named_and_enums_used_by_fields() -> None:
    assert enums_reachable([_Colour, len, "text"]) == {_Colour}
    assert enums_reachable([_Drawing]) == {_Shape, _Colour}


def test_an_enum_without_labels_is_reported_member_by_member() -> None:
    assert unlabelled([_Shape, _Colour]) == [
        "_Colour.RED",
        "_Shape.ROUND",
    ]


def test_the_walk_finds_the_enums_of_the_glossary() -> None:
    names = {cls.__name__ for cls in PUBLIC_ENUMS}
    assert names >= {
        "Reason",
        "Status",
        "Action",
        "EventKind",
        "Role",
        "RequestStatus",
        "KeyField",
        "Verdict",
        "TransferMode",
        "SyncOutcome",
        "Kind",
        "Severity",
        "Document",
        "Sex",
        "RegistryKind",
        "SchoolCategory",
        "DiscrepancyKind",
        "Cleaning",
        "RegionPolicy",
        "RegionSource",
    }


# -- xueji's own enums ------------------------------------------------------------------------


def test_every_member_of_every_public_enum_has_a_chinese_label() -> None:
    assert unlabelled(PUBLIC_ENUMS) == []


@pytest.mark.parametrize("cls", PUBLIC_ENUMS, ids=lambda cls: cls.__name__)
def test_no_two_members_of_an_enum_share_a_label(cls: type[enum.Enum]) -> None:
    labels = [label_zh(member) for member in cls]
    assert len(set(labels)) == len(labels)


def test_the_table_holds_no_enum_that_is_not_public() -> None:
    assert set(LABELS_ZH) <= set(PUBLIC_ENUMS)


def test_equal_codes_of_different_enums_keep_their_own_labels() -> None:
    # StrEnum members equal their values: "province" is a Reason and a RegionPolicy.
    assert str(Reason.PROVINCE) == str(RegionPolicy.PROVINCE)
    assert label_zh(Reason.PROVINCE) != label_zh(RegionPolicy.PROVINCE)
    assert label_zh(Action.SUSPEND) == label_zh(EventKind.SUSPEND) == "休学"


@pytest.mark.parametrize("value", ["checksum", None, 3, Reason, _Colour.RED, _Shape.ROUND])
def test_label_zh_refuses_anything_but_a_member_of_a_public_enum(value: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        label_zh(value)  # type: ignore[arg-type]
    assert caught.value.reason is Reason.INVALID_VALUE


def test_a_reason_code_read_back_as_text_gets_its_label() -> None:
    assert label_zh(Reason("float-damage")) == label_zh(Reason.FLOAT_DAMAGE)


def test_the_labels_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        LABELS_ZH[Severity][Severity.ERROR] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        LABELS_ZH[Role] = types.MappingProxyType({})  # type: ignore[index]


# -- the words are the glossary's -------------------------------------------------------------

_MEMBER = re.compile(r"`([A-Z][A-Za-z]+)\.([A-Z][A-Z0-9_]*)`")


def glossary_terms() -> list[tuple[str, str, str]]:
    """``(enum, member, Chinese cell)`` for each glossary row whose code name is a member."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        rows += [(cls, name, cells[1]) for cls, name in _MEMBER.findall(cells[0])]
    return rows


def test_the_glossary_names_members() -> None:
    found = {(cls, name) for cls, name, _ in glossary_terms()}
    assert ("Role", "SCHOOL_REGISTRAR") in found
    assert ("Severity", "WARNING") in found


@pytest.mark.parametrize(("cls", "name", "chinese"), glossary_terms())
def test_a_label_uses_the_glossary_word_for_its_member(cls: str, name: str, chinese: str) -> None:
    enum_type = getattr(xueji, cls)
    label = label_zh(enum_type[name])
    words = [word.strip() for word in re.split(r"[/（(]", chinese) if word.strip(" )）")]
    assert any(word.strip(" )）") in label for word in words), (label, chinese)
