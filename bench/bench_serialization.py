"""Storing a record: ``from_dict(Record, to_dict(record))`` against a JSON round trip.

    python bench/bench_serialization.py [--rounds 30] [--n 500]

The record has ten events after its registration: an update, a promotion to a G number,
three grade rollovers, a transfer across counties (a request of four decided steps,
stored whole in the history), more updates and a departure abroad; it is built by the
rule functions, as a service builds its records. The floor is ``json.loads(json.dumps(d))``
of the very dict `to_dict` gives, in the same process. xueji's round trip writes that
dict, reads it back through every constructor and replays the history
(`check_history`). Rounds alternate the two, and each figure is the best round, so that
other work on the machine weighs on both alike; the times are CPU time of this process.
The spread of the per-round ratios is printed beside the best one. Goal: within 4x of
the JSON round trip.

Two more figures give the floor of a load, the checks it cannot skip: the record's values
built again by their constructors (each once, with every validator) and the replay of
its history.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import attrs
from _common import machine

from xueji import (
    Action,
    Actor,
    DedupResult,
    FrozenMap,
    PopulationMatch,
    Record,
    Role,
    School,
    Sex,
    Student,
    Verdict,
    advance_grade,
    change_status,
    check_history,
    complete_transfer,
    decide,
    from_dict,
    make_resident_id,
    promote,
    register,
    request_transfer,
    to_dict,
    update_info,
)

D = datetime.date


def ten_events() -> Record:
    """A pupil's record with ten events after the registration."""
    school = School("2111010001", "朝阳实验小学", "110105")
    other = School("2111010002", "海淀实验小学", "110108")
    registrar = Actor(Role.SCHOOL_REGISTRAR, school.code.value, "李老师", id="CY-0001")
    receiving = Actor(Role.SCHOOL_REGISTRAR, other.code.value, "王老师", id="HD-0007")
    central = Actor(Role.CENTRAL, None, "全国学籍中心", id="MOE-12")
    chaoyang = Actor(Role.COUNTY_REVIEWER, "110105", "赵科长", id="CY-R-03")
    haidian = Actor(Role.COUNTY_REVIEWER, "110108", "钱科长", id="HD-R-01")
    born = D(2015, 3, 1)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=11)
    record = register(
        Student("王小明", Sex.MALE, born),
        school=school,
        by=registrar,
        on=D(2021, 9, 1),
        dedup=DedupResult(),
        taken=(),
        grade=1,
    )
    record = update_info(record, by=registrar, on=D(2021, 9, 2), phone="010-12345678")
    record = promote(
        record,
        match=PopulationMatch(rid, "王小明"),
        dedup=DedupResult(),
        by=central,
        on=D(2021, 10, 8),
    )
    record = advance_grade(record, by=central, on=D(2022, 8, 10))
    record = update_info(record, by=registrar, on=D(2022, 9, 1), address="北京市朝阳区")
    request = request_transfer(record, to_school=other, by=receiving, on=D(2022, 10, 10))
    for actor, day in ((haidian, 11), (registrar, 12), (chaoyang, 13)):
        request = decide(request, Verdict.APPROVE, by=actor, on=D(2022, 10, day))
    record = complete_transfer(record, request, by=receiving, on=D(2022, 10, 17))
    record = advance_grade(record, by=central, on=D(2023, 8, 10))
    record = update_info(record, by=receiving, on=D(2023, 9, 1), phone="010-87654321")
    record = advance_grade(record, by=central, on=D(2024, 8, 10))
    record = update_info(record, by=receiving, on=D(2024, 9, 2), address=None)
    return change_status(record, Action.GO_ABROAD, by=receiving, on=D(2024, 10, 8))


def constructors(record: Record) -> Callable[[], None]:
    """The floor of a load: every value of ``record`` (each once, as a load builds a part
    met twice once) built again by its constructor, all validators run, from values
    that are built already; no JSON is read and no history replayed."""
    calls: list[tuple[type, dict[str, object]]] = []
    seen: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, tuple | frozenset | FrozenMap):
            for item in value.values() if isinstance(value, FrozenMap) else value:
                walk(item)
        elif attrs.has(type(value)) and id(value) not in seen:
            seen.add(id(value))
            cls: Any = type(value)
            fields = {f.name: getattr(value, f.name) for f in attrs.fields(cls)}
            for item in fields.values():
                walk(item)
            calls.append((cls, fields))

    walk(record)

    def build() -> None:
        for cls, fields in calls:
            cls(**fields)

    return build


def per_call(fn: Callable[[], object], n: int) -> Callable[[], float]:
    """A timer of ``fn``: the CPU time of this process per call, over ``n`` calls with the
    garbage collector off. CPU time, not wall time: other work on a shared machine then
    weighs on the figures far less."""

    def timer() -> float:
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            for _ in range(n):
                fn()
            return (time.process_time() - start) / n
        finally:
            gc.enable()

    return timer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    print(machine())
    record = ten_events()
    data = to_dict(record)
    assert len(record.history) == 11
    assert from_dict(Record, json.loads(json.dumps(data))) == record
    trip = "from_dict(Record, to_dict(record))"
    timers = {
        "json.loads(json.dumps(d))": per_call(lambda: json.loads(json.dumps(data)), args.n),
        "to_dict(record)": per_call(lambda: to_dict(record), args.n),
        "from_dict(Record, d)": per_call(lambda: from_dict(Record, data), args.n),
        trip: per_call(lambda: from_dict(Record, to_dict(record)), args.n),
        # What a load cannot do without: its values built and the history replayed.
        "  its values' constructors": per_call(constructors(record), args.n),
        "  check_history(record)": per_call(lambda: check_history(record), args.n),
    }
    times: dict[str, list[float]] = {name: [] for name in timers}
    start = time.perf_counter()
    for _ in range(args.rounds):
        for name, timer in timers.items():
            times[name].append(timer())
    print(f"a record of {len(record.history)} events, {len(json.dumps(data)):,} bytes of JSON;")
    print(f"best of {args.rounds} rounds of {args.n} calls ({time.perf_counter() - start:.0f} s)")
    for name, seconds in times.items():
        print(f"{name:<40}{min(seconds) * 1e6:>9.1f} µs")
    floor = times["json.loads(json.dumps(d))"]
    checks = min(times["  its values' constructors"]) + min(times["  check_history(record)"])
    least = (checks + min(times["to_dict(record)"])) / min(floor)
    print(f"the checks a load must run take {checks * 1e6:.0f} µs: with to_dict, {least:.1f}x")
    ratio = min(times[trip]) / min(floor)
    per_round = sorted(t / f for t, f in zip(times[trip], floor, strict=True))
    print(
        f"the round trip takes {ratio:.1f}x the JSON round trip (best over best; rounds "
        f"{per_round[0]:.1f}x, median {statistics.median(per_round):.1f}x, "
        f"{per_round[-1]:.1f}x); goal: within 4x"
    )
    print(machine())


if __name__ == "__main__":
    main()
