"""Storing values: `to_dict` gives JSON-ready documents, `from_dict` rebuilds them through
every check, and the cattrs `CONVERTER` does the same inside a service's own classes.

Round trips go through `json.dumps` and `json.loads`, driven by `xueji.strategies` for
every stored type; refusals name the path of the bad field and keep the failed check's
reason; `import xueji` still does not import cattrs.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from registry_cast import CENTRAL, OTHER, REGISTRAR, enrolled, suspended, transferred

from xueji import (
    CONVERTER,
    SCHEMAS,
    ChangeRequest,
    DedupResult,
    FrozenMap,
    InvalidValue,
    MonthDay,
    Period,
    Policy,
    PopulationMatch,
    Reason,
    Record,
    RegistryNumber,
    ResidentID,
    Role,
    School,
    SchoolCode,
    Sex,
    Status,
    SuspensionRequest,
    TransferRequest,
    _document_types,
    from_dict,
    json_schema,
    promote,
    to_dict,
    update_info,
)
from xueji import serialization as serialization_module
from xueji import strategies as xs
from xueji.serialization import _TOP

D = datetime.date


def stored(value: object) -> Any:
    """``value`` written, through JSON text, as a store would keep it."""
    return json.loads(json.dumps(to_dict(value), ensure_ascii=False))


def round_trip(value: object) -> object:
    return from_dict(type(value), stored(value))


def refusal(cls: type, data: object) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        from_dict(cls, data)
    return caught.value


def is_json(data: object) -> bool:
    if isinstance(data, dict):
        return all(isinstance(k, str) and is_json(v) for k, v in data.items())
    if isinstance(data, list):
        return all(is_json(item) for item in data)
    return data is None or type(data) in (str, int, bool, float)


# -- round trips -----------------------------------------------------------------------------


@given(xs.records(max_steps=8))
def test_a_record_comes_back_equal_with_every_event_and_request(record: Record) -> None:
    assert round_trip(record) == record
    for event in record.history:
        assert round_trip(event) == event


@given(st.one_of(xs.change_requests(), xs.transfer_requests(), xs.suspension_requests()))
def test_a_request_comes_back_equal_with_its_route_and_decisions(
    request: ChangeRequest | TransferRequest | SuspensionRequest,
) -> None:
    assert round_trip(request) == request
    assert round_trip(request.route) == request.route
    for step in request.route.steps:
        assert round_trip(step) == step
    for decision in request.decisions:
        assert round_trip(decision) == decision


@given(xs.policies())
def test_a_policy_comes_back_equal(policy: Policy) -> None:
    assert round_trip(policy) == policy
    assert round_trip(policy.entry_cutoff) == policy.entry_cutoff


@given(
    st.one_of(
        xs.actors(),
        xs.schools(),
        xs.students(),
        xs.resident_ids(),
        xs.registry_numbers(),
        xs.school_codes(),
        st.builds(PopulationMatch, xs.resident_ids(), st.just("王小明")),
        st.builds(DedupResult, st.lists(xs.registry_numbers(), max_size=3).map(tuple)),
        st.dates().map(lambda day: Period(day, day)),
        st.sampled_from([MonthDay(2, 28), MonthDay(8, 31)]),
        st.dates(),
        st.sampled_from(Status),
        st.sampled_from(Sex),
    )
)
def test_every_other_stored_type_comes_back_equal(value: object) -> None:
    assert round_trip(value) == value


@given(xs.records(max_steps=8))
def test_what_to_dict_gives_is_json_data_with_full_numbers_and_iso_dates(record: Record) -> None:
    data = to_dict(record)
    assert is_json(data)
    assert data["number"] == record.number.value  # full, for storage
    assert data["enrolled_on"] == record.enrolled_on.isoformat()
    assert "*" in repr(from_dict(Record, data).number)  # repr() stays masked


def test_numbers_dates_and_codes_are_written_as_their_text() -> None:
    rid = ResidentID("11010519491231002X")
    assert to_dict(rid) == "11010519491231002X"
    assert to_dict(RegistryNumber.for_resident(rid)) == "G11010519491231002X"
    assert to_dict(SchoolCode("2111010001")) == "2111010001"
    assert to_dict(D(2021, 9, 1)) == "2021-09-01"
    assert to_dict(Status.ENROLLED) == "enrolled"
    assert to_dict(FrozenMap({"phones": ("1", "2")})) == {"phones": ["1", "2"]}
    assert from_dict(ResidentID, "11010519491231002X") == rid
    assert from_dict(FrozenMap, {"phones": ["1", "2"]}) == FrozenMap({"phones": ("1", "2")})


# -- documents and their tags ----------------------------------------------------------------


def test_records_requests_and_policies_carry_their_tag_wherever_they_are() -> None:
    record = suspended(enrolled(), D(2022, 3, 1))
    data = to_dict(record)
    assert data["schema"] == "xueji/record/1"
    assert data["history"][1]["request"]["schema"] == "xueji/suspension-request/1"
    assert "schema" not in data["school"]  # a part has its tag only on its own
    assert "schema" not in data["history"][1]
    assert to_dict(record.school)["schema"] == "xueji/school/1"
    assert to_dict(Policy.LIAONING)["schema"] == "xueji/policy/1"


def test_every_stored_type_has_one_tag_and_a_schema_of_that_tag() -> None:
    assert len(set(SCHEMAS.values())) == len(SCHEMAS)
    for cls, tag in SCHEMAS.items():
        assert json_schema(cls)["properties"]["schema"] == {"const": tag}


@pytest.mark.parametrize(
    "tag",
    ["xueji/record/2", "xueji/record/0", "xueji/record/x", "xueji/school/1", "record", None, 1],
)
def test_a_tag_of_an_unknown_version_or_of_another_type_is_refused(tag: object) -> None:
    data = {**to_dict(enrolled()), "schema": tag}
    err = refusal(Record, data)
    assert (err.path, err.reason) == ("schema", Reason.UNKNOWN_SCHEMA)


def test_a_document_without_its_tag_is_refused() -> None:
    data = to_dict(enrolled())
    del data["schema"]
    assert refusal(Record, data).reason is Reason.UNKNOWN_SCHEMA


def test_an_older_version_loads_through_its_upgrade_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """How version 2 of the school document would load version 1 (ADR 0030)."""
    document = serialization_module._TOP[School]
    monkeypatch.setattr(document, "version", 2)
    monkeypatch.setattr(document, "tag", "xueji/school/2")
    calls = []

    def upgrade(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["schema"])
        return {**data, "name": data["name"] + "（更名）"}

    monkeypatch.setitem(document.upgrades, 1, upgrade)
    old = to_dict(OTHER) | {"schema": "xueji/school/1"}
    assert from_dict(School, old).name == OTHER.name + "（更名）"
    assert calls == ["xueji/school/1"]
    assert from_dict(School, {**old, "schema": "xueji/school/2"}) == OTHER
    monkeypatch.delitem(document.upgrades, 1)
    assert refusal(School, old).reason is Reason.UNKNOWN_SCHEMA


# -- refusals name the field -------------------------------------------------------------------


def _set(data: Any, path: tuple[str | int, ...], value: object) -> Any:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "where", "reason"),
    [
        (("history", 1, "by", "scope"), "999999", "history[1].by.scope", Reason.INVALID_VALUE),
        (("history", 1, "by", "role"), "dean", "history[1].by.role", Reason.INVALID_VALUE),
        (("history", 1, "on"), "2021-02-30", "history[1].on", Reason.INVALID_VALUE),
        (("history", 1, "on"), "20210902", "history[1].on", Reason.INVALID_VALUE),
        (("number",), "L110105201503010019", "number", Reason.BROKEN_HISTORY),
        (("number",), "G110105201503010019", "number", Reason.CHECKSUM),
        (("school", "region_code"), "999999", "school.region_code", Reason.REGION),
        (("grade",), "1", "grade", Reason.INVALID_VALUE),
        (("grade",), True, "grade", Reason.INVALID_VALUE),
        (("pending_sync",), 0, "pending_sync", Reason.INVALID_VALUE),
        (("history", 1, "after", "phone"), "2", "info", Reason.BROKEN_HISTORY),
        (("history", 1, "kind"), "enrol", "history[1].kind", Reason.INVALID_VALUE),
        (("history", 1, "kind"), "graduate", "history[1].after.phone", Reason.INVALID_VALUE),
        (("history", 0, "after", "hobby"), "chess", "history[0].after.hobby", Reason.INVALID_VALUE),
        (("former_numbers",), ["L110105201503010037"], "former_numbers", Reason.BROKEN_HISTORY),
        (("history",), [], "history", Reason.BROKEN_HISTORY),
    ],
)
def test_a_bad_field_is_refused_with_its_path_and_the_reason_of_its_check(
    path: tuple[str | int, ...], value: object, where: str, reason: Reason
) -> None:
    record = update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), phone="1")
    err = refusal(Record, _set(to_dict(record), path, value))
    assert (err.path, err.reason) == (where, reason)
    assert str(err).startswith(f"{where}: ")


def test_a_decision_chain_out_of_order_is_refused_at_the_decision() -> None:
    record = transferred(enrolled(), OTHER, D(2022, 3, 1))
    data = to_dict(record)
    decisions = data["history"][1]["request"]["decisions"]
    decisions[0], decisions[1] = decisions[1], decisions[0]
    err = refusal(Record, data)
    assert (err.path, err.reason) == ("history[1].request.decisions[0].by.role", Reason.WRONG_ROLE)
    decisions[0], decisions[1] = decisions[1], decisions[0]
    decisions[1]["on"] = "2022-02-28"  # before the filing
    err = refusal(Record, data)
    assert (err.path, err.reason) == ("history[1].request.decisions[1].on", Reason.BROKEN_CHAIN)


def test_a_missing_and_an_unknown_key_are_refused_by_name() -> None:
    data = to_dict(enrolled())
    del data["student"]["sex"]
    assert refusal(Record, data).path == "student.sex"
    data = to_dict(enrolled()) | {"nickname": "小明"}
    assert refusal(Record, data).path == "nickname"


def test_a_value_of_the_wrong_json_type_is_refused_not_crashed() -> None:
    bad: object
    for bad in ([], "record", 1, None):
        assert isinstance(refusal(Record, bad), InvalidValue)
    data = to_dict(enrolled())
    data["history"] = {"0": data["history"][0]}
    assert refusal(Record, data).path == "history"


def test_a_refusal_never_shows_a_birth_date() -> None:
    data = _set(to_dict(enrolled()), ("number",), "L110105201503010019")
    data["former_numbers"] = ["G110105201503010019"]
    err = refusal(Record, data)
    assert "20150301" not in str(err)
    assert "2015-03-01" not in str(err)


def test_information_json_cannot_hold_is_refused_when_written_with_its_path() -> None:
    record = update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), since=D(2021, 9, 1))
    with pytest.raises(InvalidValue) as caught:
        to_dict(record)
    assert caught.value.path == "info.since"


@pytest.mark.parametrize("value", [object(), 1.5, [1], {"a": 1}, Exception()])
def test_a_type_xueji_does_not_store_is_refused_both_ways(value: object) -> None:
    with pytest.raises(InvalidValue):
        to_dict(value)
    with pytest.raises(InvalidValue):
        from_dict(type(value), {})


# -- the fast reader ---------------------------------------------------------------------------


def _field_by_field_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the types read field by field from now on: a spy on the checked
    reader of every stored type, parts included."""
    reads: list[str] = []
    described = {id(d): d for d in (*_document_types._REGISTRY.values(), *_TOP.values())}
    for part in described.values():

        def spy(data: object, part: Any = part) -> object:
            reads.append(part.name)
            return type(part).load_checked(part, data)

        monkeypatch.setattr(part, "load_checked", spy)
    return reads


@pytest.mark.parametrize(
    "record",
    [
        update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), phone="1", pets=("猫", 2)),
        transferred(enrolled(), OTHER, D(2022, 3, 1)),
        suspended(enrolled(), D(2022, 3, 1)),
    ],
)
def test_a_good_document_is_read_once_without_the_field_by_field_reader(
    record: Record, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = stored(record)
    reads = _field_by_field_reads(monkeypatch)
    assert from_dict(Record, data) == record
    assert reads == []


def test_a_bad_document_is_read_again_field_by_field_to_name_the_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = stored(transferred(enrolled(), OTHER, D(2022, 3, 1)))
    data["history"][1]["request"]["decisions"][2]["by"]["scope"] = "999999"
    reads = _field_by_field_reads(monkeypatch)
    err = refusal(Record, data)
    assert err.path == "history[1].request.decisions[2].by.scope"
    # Each level around the bad field is read again, to put its name on the path.
    assert {"record", "event", "transfer-request", "decision", "actor"} <= set(reads)


def test_text_that_is_no_json_text_is_refused_where_the_same_part_was_read_before() -> None:
    record = update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), phone="1")
    data = stored(record)
    assert data["history"][1]["by"] == data["history"][0]["by"]
    data["history"][1]["by"]["role"] = Role.SCHOOL_REGISTRAR  # equal to its text, a StrEnum
    err = refusal(Record, data)
    assert (err.path, err.reason) == ("history[1].by.role", Reason.INVALID_VALUE)


def test_a_day_that_is_no_day_is_refused_each_time_and_a_day_read_is_the_same_day() -> None:
    data = stored(enrolled())
    on = data["history"][0]["on"]
    data["history"][0]["on"] = "2021-02-29"
    for _ in range(2):
        assert refusal(Record, data).path == "history[0].on"
    data["history"][0]["on"] = on
    assert from_dict(Record, data).history[0].on == D.fromisoformat(on)
    assert from_dict(Record, data).history[0].on == D.fromisoformat(on)


# -- the converter, for a service's own classes ------------------------------------------------


@attrs.frozen
class StoredRecord:
    """A service's row: its own version counter beside the record."""

    version: int
    record: Record
    opened_on: datetime.date


def test_the_converter_reads_and_writes_xueji_values_inside_a_services_classes() -> None:
    converter = CONVERTER.copy()
    record = promote(enrolled(), match=None, dedup=DedupResult(), by=CENTRAL, on=D(2022, 1, 1))
    row = StoredRecord(3, record, D(2022, 1, 2))
    data = json.loads(json.dumps(converter.unstructure(row)))
    assert data["record"]["schema"] == "xueji/record/1"
    assert data["opened_on"] == "2022-01-02"
    assert converter.structure(data, StoredRecord) == row
    data["record"]["status"] = "graduated"
    with pytest.raises(InvalidValue) as caught:
        converter.structure(data["record"], Record)
    assert caught.value.path == "status"


# -- the cold import ----------------------------------------------------------------------------


def _cattrs_loaded_after(code: str) -> bool:
    script = f"import sys, xueji; {code}; print('cattrs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_import_xueji_does_not_import_cattrs_until_storage_is_used() -> None:
    assert not _cattrs_loaded_after("xueji.Record, xueji.register, xueji.check_history")
    assert _cattrs_loaded_after("xueji.to_dict")


def test_a_route_whose_days_were_tampered_into_a_switch_is_refused_after_a_good_one() -> None:
    # The chain check keeps the routes it built; a day count of True equals 1 but is no
    # int, so the kept route of one day per step must not stand in for it.
    request = transferred(enrolled(), OTHER, D(2022, 3, 1)).history[-1].request
    assert isinstance(request, TransferRequest)
    one_day = attrs.evolve(request.route, days=1)
    good = attrs.evolve(request, route=one_day)
    assert good.route == one_day
    tampered = attrs.evolve(request.route, days=1)
    object.__setattr__(tampered, "days", True)
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(request, route=tampered)
    assert caught.value.reason is Reason.INVALID_VALUE


def test_a_request_read_back_keeps_the_route_the_rules_give_each_time() -> None:
    record = transferred(enrolled(), OTHER, D(2022, 3, 1))
    data = stored(record)
    first, second = from_dict(Record, data), from_dict(Record, data)
    assert first == second == record
    route = record.history[-1].request.route  # type: ignore[union-attr]
    assert first.history[-1].request.route == route  # type: ignore[union-attr]
