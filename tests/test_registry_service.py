"""The example registry service (examples/registry_service/) over HTTP, with FastAPI's
`TestClient` on a SQLite file in a temporary directory.

A pupil's whole school career through the endpoints, every refusal the service gives,
masked numbers in its logs, and optimistic concurrency: eight threads racing to update
the same records, after which every accepted change is in the history and none is lost.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from registry_service.app import MaskNumbers, create_app, mask_numbers

from xueji import Record, RegistryKind, RegistryNumber, Status, check_history, from_dict

D = datetime.date
PRIMARY, HAIDIAN, JUNIOR, SIZHONG = "2111010001", "2111010002", "3111010004", "3411010003"
WANG_XIAOMING = {"name": "王小明", "sex": "1", "birth_date": "2015-03-01"}
#: A full number anywhere in a log line: the birth date would show.
FULL_NUMBER = re.compile(r"\d{6}(19|20)\d{2}[01]\d[0-3]\d\d{3}[\dX]")


class Clock:
    """The service's clock, set by the test."""

    def __init__(self) -> None:
        self.day = D(2021, 9, 1)

    def __call__(self) -> datetime.date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "registry.db"


@pytest.fixture
def client(database: Path, clock: Clock) -> Iterator[TestClient]:
    with TestClient(create_app(database, clock=clock, demo=True)) as client:
        yield client


class Service:
    """The test's side of the HTTP API: each call as one login, answers checked."""

    def __init__(self, client: TestClient, clock: Clock) -> None:
        self.client, self.clock = client, clock

    def call(
        self,
        method: str,
        path: str,
        who: str | None,
        body: object = None,
        *,
        version: int | None = None,
        expect: int = 200,
    ) -> Any:
        headers = {} if who is None else {"X-Actor": who}
        if version is not None:
            headers["If-Match"] = f'"{version}"'
        answer = self.client.request(method, path, headers=headers, json=body)
        assert answer.status_code == expect, answer.text
        return answer.json()

    def record(self, number: str) -> Any:
        return self.call("GET", f"/records/{number}", "li")

    def write(self, path: str, who: str, number: str, body: object = None) -> Any:
        """A write to the record ``number``, based on the version just read."""
        version = self.record(number)["version"]
        return self.call("POST", path, who, body, version=version)

    def decide_all(self, request_id: int, deciders: dict[str, str]) -> Any:
        """Every pending step decided by the login ``deciders`` names for its scope."""
        answer = self.call("GET", f"/requests/{request_id}", "li")
        while answer["pending_step"] is not None:
            who = deciders[answer["pending_step"]["scope"] or "central"]
            answer = self.call(
                "POST",
                f"/requests/{request_id}/decisions",
                who,
                {"verdict": "approve"},
                version=answer["version"],
            )
        return answer


@pytest.fixture
def service(client: TestClient, clock: Clock) -> Service:
    return Service(client, clock)


DECIDERS = {
    "110105": "zhao",
    "110108": "qian",
    "110102": "zheng",
    "central": "moe",
    PRIMARY: "li",
    HAIDIAN: "wang",
}


def registered(service: Service, grade: int | None = 1) -> str:
    body = {"school": PRIMARY, "student": WANG_XIAOMING, "grade": grade}
    answer = service.call("POST", "/records", "li", body, expect=201)
    assert answer["version"] == 1
    return str(answer["number"])


# -- a pupil's whole school career ----------------------------------------------------------------


def test_a_pupils_school_career_from_grade_one_to_senior_graduation_over_http(
    service: Service, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="registry_service")
    number = registered(service)
    assert number.startswith("L")

    clock.day = D(2021, 10, 8)  # the population database finds him: a G number
    number = service.write(f"/records/{number}/promote", "moe", number)["number"]
    assert number.startswith("G")

    for year in range(2022, 2027):  # the yearly rollover, grades 2 to 6
        clock.day = D(year, 8, 10)
        service.write(f"/records/{number}/advance", "moe", number)

    clock.day = D(2026, 9, 1)  # a name corrected through the key-field chain
    filed = service.call(
        "POST",
        f"/records/{number}/changes",
        "li",
        {"field": "name", "new_value": "王晓明", "evidence": ["户口簿变更页"]},
        expect=201,
    )
    assert filed["pending_step"] == {"role": "county-reviewer", "scope": "110105"}
    assert service.decide_all(filed["id"], DECIDERS)["status"] == "verified"
    service.write(f"/records/{number}/requests/{filed['id']}/carry-out", "li", number)

    clock.day = D(2026, 10, 8)  # a transfer to Haidian: receiving county, school, county
    filed = service.call(
        "POST", f"/records/{number}/transfers", "wang", {"to_school": HAIDIAN}, expect=201
    )
    assert service.decide_all(filed["id"], DECIDERS)["status"] == "approved"
    service.write(f"/records/{number}/requests/{filed['id']}/carry-out", "wang", number)

    clock.day = D(2027, 7, 1)
    service.write(f"/records/{number}/status", "wang", number, {"action": "graduate"})
    clock.day = D(2027, 9, 1)  # junior secondary takes him up: the same number
    service.write(f"/records/{number}/progress", "zhou", number, {"to_school": JUNIOR})

    clock.day = D(2028, 3, 1)  # a suspension, decided by the county, then resumed
    body = {"months": 6, "evidence": ["二级医院诊断证明"]}
    filed = service.call("POST", f"/records/{number}/suspensions", "zhou", body, expect=201)
    service.decide_all(filed["id"], DECIDERS)
    service.write(f"/records/{number}/requests/{filed['id']}/carry-out", "zhou", number)
    clock.day = D(2028, 6, 1)
    service.write(f"/records/{number}/status", "zhou", number, {"action": "resume"})

    for year in (2028, 2029):
        clock.day = D(year, 8, 10)
        service.write(f"/records/{number}/advance", "moe", number)
    clock.day = D(2030, 7, 1)
    service.write(f"/records/{number}/status", "zhou", number, {"action": "graduate"})
    clock.day = D(2030, 9, 1)
    service.write(f"/records/{number}/progress", "sun", number, {"to_school": SIZHONG})
    for year in (2031, 2032):
        clock.day = D(year, 8, 10)
        service.write(f"/records/{number}/advance", "moe", number)
    clock.day = D(2033, 7, 1)
    service.write(f"/records/{number}/status", "sun", number, {"action": "graduate"})

    answer = service.record(number)
    record = from_dict(Record, answer["record"])
    check_history(record)
    assert (record.status, record.grade, record.school.code.value) == (
        Status.GRADUATED,
        12,
        SIZHONG,
    )
    assert record.student.name == "王晓明"
    assert [n.kind for n in record.former_numbers] == [RegistryKind.L]  # one number, for life
    assert answer["version"] == len(record.history)  # every write is one event
    kinds = [event.kind.value for event in record.history]
    assert kinds.count("progress") == 2
    assert kinds.count("advance-grade") == 9
    assert {"change-name", "transfer", "suspend", "resume"} <= set(kinds)
    # The former L number still finds the record.
    assert service.record(record.former_numbers[0].value)["number"] == number
    logged = [entry.getMessage() for entry in caplog.records]
    assert any(RegistryNumber(number).masked() in line for line in logged)
    assert not [line for line in logged if FULL_NUMBER.search(line)]


# -- every refusal ------------------------------------------------------------------------------


def test_nobody_is_served_without_a_known_account(service: Service) -> None:
    number = registered(service)
    assert service.call("GET", f"/records/{number}", None, expect=401)["reason"] == "unknown-actor"
    answer = service.call("GET", f"/records/{number}", "mallory", expect=401)
    assert answer["reason"] == "unknown-actor"


def test_what_does_not_exist_is_not_found(service: Service) -> None:
    assert service.call("GET", "/records/L110105201503010037", "li", expect=404)["reason"] == (
        "not-found"
    )
    assert service.call("GET", "/requests/99", "li", expect=404)["reason"] == "not-found"
    body = {"school": "2111019999", "student": WANG_XIAOMING}
    assert service.call("POST", "/records", "li", body, expect=404)["reason"] == "not-found"


@pytest.mark.parametrize(
    ("student", "reason", "error"),
    [
        ({**WANG_XIAOMING, "resident_id": "110105201503010118"}, "checksum", "InvalidNumber"),
        (
            {**WANG_XIAOMING, "resident_id": "110105201503020112"},
            "inconsistent-identity",
            "InconsistentIdentity",
        ),
        ({**WANG_XIAOMING, "sex": "3"}, "invalid-value", "InvalidValue"),
        ({**WANG_XIAOMING, "name": "王1"}, "invalid-value", "InvalidValue"),
    ],
)
def test_a_student_the_library_refuses_is_a_422_with_its_reason(
    service: Service, student: dict[str, str], reason: str, error: str
) -> None:
    answer = service.call(
        "POST", "/records", "li", {"school": PRIMARY, "student": student}, expect=422
    )
    assert (answer["reason"], answer["error"]) == (reason, error)
    assert "20150301" not in answer["detail"]


def test_a_body_that_is_not_what_the_endpoint_takes_is_a_422(service: Service) -> None:
    answer = service.call("POST", "/records", "li", {"school": PRIMARY}, expect=422)
    assert answer["reason"] == "invalid-body"


def test_an_actor_without_the_role_or_scope_is_a_403(service: Service) -> None:
    number = registered(service)
    update = {"changes": {"phone": "1"}}
    answer = service.call("POST", f"/records/{number}/info", "wang", update, version=1, expect=403)
    assert (answer["reason"], answer["error"]) == ("out-of-scope", "NotAuthorized")
    body = {"school": PRIMARY, "student": {**WANG_XIAOMING, "name": "张伟"}}
    assert service.call("POST", "/records", "zhao", body, expect=403)["reason"] == "wrong-role"
    answer = service.call("POST", f"/records/{number}/advance", "li", version=1, expect=403)
    assert answer["reason"] == "wrong-role"


def test_a_step_the_rules_refuse_now_is_a_409_with_its_reason(service: Service) -> None:
    number = registered(service)
    answer = service.call(
        "POST", f"/records/{number}/status", "li", {"action": "graduate"}, version=1, expect=409
    )
    assert (answer["reason"], answer["error"]) == ("not-last-grade", "IllegalTransition")
    body = {"school": PRIMARY, "student": WANG_XIAOMING}
    answer = service.call("POST", "/records", "li", body, expect=409)
    assert answer["reason"] == "duplicate-registration"
    service.call("POST", f"/records/{number}/transfers", "wang", {"to_school": HAIDIAN}, expect=201)
    answer = service.call(
        "POST", f"/records/{number}/transfers", "wang", {"to_school": HAIDIAN}, expect=409
    )
    assert answer["reason"] == "pending-request"


def test_a_key_field_and_a_truthy_verdict_are_422s(service: Service) -> None:
    number = registered(service)
    body = {"changes": {"name": "王晓明"}}
    answer = service.call("POST", f"/records/{number}/info", "li", body, version=1, expect=422)
    assert answer["reason"] == "key-field-change-required"
    filed = service.call(
        "POST", f"/records/{number}/transfers", "wang", {"to_school": HAIDIAN}, expect=201
    )
    answer = service.call(
        "POST",
        f"/requests/{filed['id']}/decisions",
        "qian",
        {"verdict": "false"},
        version=1,
        expect=422,
    )
    assert answer["reason"] == "invalid-value"


def test_a_write_must_say_which_version_it_was_based_on(service: Service) -> None:
    number = registered(service)
    path = f"/records/{number}/info"
    body = {"changes": {"phone": "1"}}
    assert service.call("POST", path, "li", body, expect=428)["reason"] == "version-required"
    answer = service.client.post(path, headers={"X-Actor": "li", "If-Match": "latest"}, json=body)
    assert (answer.status_code, answer.json()["reason"]) == (428, "version-required")
    service.call("POST", path, "li", body, version=1)
    answer = service.call("POST", path, "li", {"changes": {"phone": "2"}}, version=1, expect=409)
    assert (answer["reason"], answer["version"]) == ("version-conflict", 2)
    assert service.record(number)["record"]["info"] == {"phone": "1"}  # nothing lost


def test_a_stored_document_changed_outside_the_service_is_refused_with_its_path(
    database: Path, service: Service
) -> None:
    number = registered(service)
    with sqlite3.connect(database) as db:
        (document,) = db.execute("SELECT document FROM records").fetchone()
        data = json.loads(document)
        data["grade"] = 6
        db.execute("UPDATE records SET document = ?", (json.dumps(data),))
    # A fresh service: the one above keeps what it wrote in memory.
    with TestClient(create_app(database, clock=service.clock)) as fresh:
        answer = fresh.get(f"/records/{number}", headers={"X-Actor": "li"})
    assert answer.status_code == 500
    assert answer.json() | {"detail": ""} == {
        "reason": "stored-document-refused",
        "path": "grade",
        "check": "broken-history",
        "detail": "",
    }


# -- optimistic concurrency ------------------------------------------------------------------------


def test_eight_threads_racing_on_the_same_records_lose_no_update(service: Service) -> None:
    """Each thread sends 200 updates, each based on the last version it saw; a stale one
    gets 409 and the current version. Every accepted update is in the history, once."""
    first = registered(service)
    student = {**WANG_XIAOMING, "name": "李华", "sex": "2"}
    answer = service.call(
        "POST", "/records", "li", {"school": PRIMARY, "student": student}, expect=201
    )
    numbers = [first, answer["number"]]
    accepted: dict[str, list[str]] = {n: [] for n in numbers}
    refused: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def race(thread: int) -> None:
        number = numbers[thread % 2]
        version = 1
        for i in range(200):
            phone = f"{thread}-{i}"
            answer = service.client.post(
                f"/records/{number}/info",
                headers={"X-Actor": "li", "If-Match": f'"{version}"'},
                json={"changes": {"phone": phone}},
            )
            body = answer.json()
            with lock:
                if answer.status_code == 200:
                    accepted[number].append(phone)
                elif answer.status_code == 409 and body["reason"] == "version-conflict":
                    refused.append(thread)
                else:
                    errors.append(answer.text)
            version = body["version"]

    threads = [threading.Thread(target=race, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert refused  # the threads did race
    for number in numbers:
        answer = service.record(number)
        record = from_dict(Record, answer["record"])
        written = [str(e.after["phone"]) for e in record.history if e.kind == "update-info"]
        assert sorted(written) == sorted(accepted[number])  # each accepted update, once
        assert answer["version"] == 1 + len(accepted[number])
    assert sum(map(len, accepted.values())) + len(refused) == 8 * 200


# -- logs and the documented start ------------------------------------------------------------


def test_numbers_in_log_lines_are_masked_as_xueji_masks_them() -> None:
    assert mask_numbers("GET /records/G11010519491231002X") == "GET /records/G110105********002X"
    assert mask_numbers("L110105201503010010 and 110105201503010117") == (
        "L110105********0010 and 110105********0117"
    )
    assert mask_numbers("school 2111010001, 2021-09-01") == "school 2111010001, 2021-09-01"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s "%s"',
        ("1.2.3.4", "GET /records/L110105201503010010"),
        None,
    )
    assert MaskNumbers().filter(record)
    assert record.getMessage() == '1.2.3.4 "GET /records/L110105********0010"'


def test_a_number_sent_where_none_belongs_is_masked_in_the_answer_and_the_log(
    service: Service, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="registry_service")
    number = registered(service)
    body = {"action": "11010519491231002X"}
    answer = service.call("POST", f"/records/{number}/status", "li", body, version=1, expect=409)
    assert "110105********002X" in answer["detail"]
    assert not [r for r in caplog.records if FULL_NUMBER.search(r.getMessage())]


def test_the_service_starts_with_the_command_its_readme_gives(tmp_path: Path) -> None:
    """uvicorn --app-dir examples registry_service.main:app, on a free port."""
    pytest.importorskip("uvicorn")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "uvicorn", "--app-dir", "examples"]
    command += ["registry_service.main:app", "--port", str(port)]
    env = {**os.environ, "REGISTRY_DB": str(tmp_path / "registry.db")}
    server = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        url = f"http://127.0.0.1:{port}/records/L110105201503010010"
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(url, headers={"X-Actor": "li"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.2)
        assert (answer.status_code, answer.json()["reason"]) == (404, "not-found")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "L110105********0010" in output  # the access log, masked
    assert "L110105201503010010" not in output
