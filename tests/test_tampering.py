"""Tampering with a stored record or request, one field at a time: each change is refused
with `InvalidValue` and the path of a field, or is one of the harmless changes listed here.

A change is *harmless* when the changed document is one the rule functions could have
written themselves from other facts: every rule still holds for it, and no check of the
library could have told it from the original. The list, and why each is one:

- a person's name (``by.name``, ``submitted_by.name``): a display name; people are told
  apart by their staff number;
- a staff number (``by.id``, ``submitted_by.id``): another member of staff with the same
  role and scope could have taken the step; one that makes a person take two steps of a
  request is refused (``own-request``);
- free text: a note, a document cited as evidence, the evidence list itself (any
  non-empty list of references);
- a date (``on``, ``submitted_on``, a decision's ``on``): the step taken on another day,
  still in the order the rules demand (what a province's calendar adds, such as the
  transfer freeze, is not in the document);
- ``route.days`` and a suspension's ``months``: provincial settings (`Policy.step_days`,
  `Policy.suspension_months`) that the document does not name;
- the conflicts a failed national duplicate check reported: another answer of an
  outside system (a failed check without any is refused);
- in a record, the name or credit code of the school a request it carried out was filed
  at: the school is matched by its code, and the request may carry another spelling;
- in a request stored on its own: the record's number, the old or new value, a school's
  name or credit code. Such a request is one a school could have filed; carrying it out
  checks it against the record (``another-record``, ``stale-request``), and a record's
  history keeps every request it carried out, whole.

What loading cannot prove is where a document came from: a consistent change by someone
with write access to the store (the new value of a verified request, say) needs the
store's own protection: access control, an audit log or a signature.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from registry_cast import (
    CENTRAL,
    OTHER,
    OTHER_REGISTRAR,
    REGISTRAR,
    REVIEWER,
    approve_all,
    enrolled,
    name_change,
    suspended,
    transferred,
)

from xueji import (
    Action,
    ChangeRequest,
    DedupResult,
    InvalidValue,
    PopulationMatch,
    Record,
    SuspensionRequest,
    TransferRequest,
    Verdict,
    advance_grades,
    apply_change,
    change_status,
    extend_suspension,
    from_dict,
    make_resident_id,
    promote,
    request_extension,
    resume,
    return_from_abroad,
    review,
    set_grade,
    to_dict,
    update_info,
    verify_change,
)
from xueji import strategies as xs

D = datetime.date
Path = tuple[str | int, ...]

#: Harmless everywhere: see the module's docstring.
HARMLESS = re.compile(
    r"(.*\.)?(by|submitted_by)\.(name|id)"
    r"|(.*\.)?(note|evidence(\.\*)?|on|submitted_on|route\.days|months|conflicts(\.\*)?)"
    r"|(history\.\*\.)?after\.note"
)
#: Harmless in a record: the school a request was filed at is matched by its code, and the
#: name or credit code it carried then may be another spelling of the same school's.
HARMLESS_IN_A_RECORD = re.compile(r"history\.\*\.request\.(school|from_school)\.(name|credit_code)")
#: Harmless in a request stored on its own.
HARMLESS_IN_A_REQUEST = re.compile(
    r"number|old_value|new_value|(school|from_school|to_school)\.(name|credit_code)"
)


def rich_record() -> Record:
    """A record with every kind of part: requests of each kind, a G number, a grade, time
    abroad, information."""
    record = set_grade(enrolled(), 1, by=REGISTRAR, on=D(2021, 9, 2))
    record = update_info(record, by=REGISTRAR, on=D(2021, 9, 3), phone="010-1", tags=("a",))
    rid = make_resident_id(region_code="110105", birth_date=D(2015, 3, 1), sequence=11)
    match = PopulationMatch(rid, "王小明")
    record = promote(record, match=match, dedup=DedupResult(), by=CENTRAL, on=D(2021, 10, 8))
    request = review(
        name_change(record, D(2021, 11, 1)), Verdict.APPROVE, by=REVIEWER, on=D(2021, 11, 2)
    )
    request = verify_change(request, dedup=DedupResult(), by=CENTRAL, on=D(2021, 11, 3))
    record = apply_change(record, request, by=REGISTRAR, on=D(2021, 11, 4))
    record = suspended(record, D(2022, 1, 4))
    extension = request_extension(
        record, months=2, evidence=("病历",), by=REGISTRAR, on=D(2022, 6, 1)
    )
    record = extend_suspension(
        record, approve_all(extension, D(2022, 6, 2)), by=REGISTRAR, on=D(2022, 6, 3)
    )
    record = resume(record, by=REGISTRAR, on=D(2022, 8, 1), note="康复")
    (record,) = advance_grades([record], by=CENTRAL, on=D(2022, 8, 10)).advanced
    record = transferred(record, OTHER, D(2022, 9, 5))
    record = change_status(record, Action.GO_ABROAD, by=OTHER_REGISTRAR, on=D(2022, 10, 1))
    return return_from_abroad(
        record, to_school=OTHER, grade=2, by=OTHER_REGISTRAR, on=D(2023, 9, 1)
    )


# -- mutations ----------------------------------------------------------------------------------


def paths(node: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every node of a document: the document itself, each object, array and value."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


def at(doc: Any, path: Path) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _nudged(value: str) -> list[str]:
    """Plausible neighbours of a text: a day either side of a date, a digit one up."""
    found = []
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        day = datetime.date.fromisoformat(value)
        for d in (-1, 1):
            with contextlib.suppress(OverflowError):  # no day beyond 9999-12-31
                found.append((day + datetime.timedelta(days=d)).isoformat())
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if digits:
        i = digits[len(digits) // 2]
        found.append(value[:i] + str((int(value[i]) + 1) % 10) + value[i + 1 :])
    return found


def mutations(doc: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Each change of the node at ``path``: the path of what changed (a removed or added
    key's own), and the whole changed document."""
    node = at(doc, path)
    text = json.dumps(doc)

    def replaced(value: object) -> Any:
        if not path:
            return value
        changed = json.loads(text)  # a fresh copy, as a store would give it
        at(changed, path[:-1])[path[-1]] = value
        return changed

    if isinstance(node, dict):
        for key in node:
            yield (*path, key), replaced({k: v for k, v in node.items() if k != key})
        yield (*path, "extra"), replaced({**node, "extra": 1})
    elif isinstance(node, list):
        if not node:
            yield path, replaced(["x"])
        else:
            yield path, replaced([])
            yield path, replaced(node[1:])
            yield path, replaced([node[0], *node])
        if len(node) > 1 and node != node[::-1]:
            yield path, replaced(node[::-1])
    else:
        other: object
        for other in ("x", 0, None, True, []):
            if other != node or type(other) is not type(node):
                yield path, replaced(other)
        if isinstance(node, str):
            for other in _nudged(node):
                yield path, replaced(other)
        if type(node) is int:
            yield path, replaced(node + 1)


def generic(path: Path) -> str:
    return ".".join("*" if isinstance(part, int) else str(part) for part in path)


def resolves(doc: Any, where: str) -> bool:
    """Whether the path an error names leads into ``doc``, up to its last part (which a
    missing key does not have)."""
    parts = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", where)]
    try:
        at(doc, tuple(parts[:-1]))
    except (KeyError, IndexError, TypeError):
        return False
    return True


def load(cls: type, changed: Any) -> object:
    """What loading the changed document gives: the value, or the refusal."""
    try:
        return from_dict(cls, changed)
    except InvalidValue as err:
        return err


def assert_caught_or_harmless(cls: type, path: Path, changed: Any) -> None:
    loaded = load(cls, changed)
    if isinstance(loaded, InvalidValue):
        if isinstance(changed, dict):
            assert loaded.path is not None, (path, loaded)
            assert resolves(changed, loaded.path), (path, loaded.path)
        return
    name = generic(path)
    where = HARMLESS_IN_A_RECORD if cls is Record else HARMLESS_IN_A_REQUEST
    harmless = HARMLESS.fullmatch(name) or where.fullmatch(name)
    assert harmless, f"{cls.__name__}: a change of {name} was taken: {to_dict(loaded)!r:.300}"
    assert to_dict(loaded) == changed  # taken as it is, not reinterpreted


# -- every field of one rich record, and of its requests ---------------------------------------


def kinds_of_field(doc: Any) -> Iterator[Path]:
    """The nodes of a document, one of each kind: a field of a history's event counts once
    per kind of event (the second update's phone is the first's), so that every kind of
    field of every kind of event is changed, without changing each event of a kind."""
    seen: set[tuple[str, str]] = set()
    for node in paths(doc):
        event = doc["history"][node[1]]["kind"] if node[:1] == ("history",) and node[1:] else ""
        key = (event, generic(node))
        if key not in seen:
            seen.add(key)
            yield node


def test_every_single_change_to_a_rich_record_is_caught_or_harmless() -> None:
    doc = to_dict(rich_record())
    tried = 0
    for node in kinds_of_field(doc):
        for path, changed in mutations(doc, node):
            assert_caught_or_harmless(Record, path, changed)
            tried += 1
    assert tried > 1000


@pytest.mark.parametrize("kind", [ChangeRequest, TransferRequest, SuspensionRequest])
def test_every_single_change_to_a_request_is_caught_or_harmless(kind: type) -> None:
    requests = [e.request for e in rich_record().history if isinstance(e.request, kind)]
    doc = to_dict(requests[0])
    for node in paths(doc):
        for path, changed in mutations(doc, node):
            assert_caught_or_harmless(kind, path, changed)


# -- and one random change to any record or request the strategies make -----------------------

documents = st.one_of(
    xs.records(max_steps=6),
    xs.change_requests(),
    xs.transfer_requests(),
    xs.suspension_requests(),
)


@given(documents, st.data())
def test_a_random_change_to_a_stored_value_is_caught_or_harmless(value: Any, data: Any) -> None:
    doc = to_dict(value)
    node = data.draw(st.sampled_from(list(paths(doc))))
    path, changed = data.draw(st.sampled_from(list(mutations(doc, node))))
    assert_caught_or_harmless(type(value), path, changed)
