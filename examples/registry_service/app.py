"""A registry service on xueji: FastAPI over a SQLite file.

Every change goes through one of xueji's rule functions; the service only finds the
values they take (the record and its requests from the store, the acting person from
the request's header, today's date from its clock, the national systems' answers from
its stand-in tables) and stores what comes back. Start it with::

    uvicorn --app-dir examples registry_service.main:app

See README.md in this directory for the endpoints and how a real deployment differs.
"""

from __future__ import annotations

import datetime
import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

import xueji
from registry_service.demo import seed
from registry_service.store import (
    CorruptDocument,
    NotFound,
    NumbersInUse,
    NumberTaken,
    StaleVersion,
    Store,
    today,
)

log = logging.getLogger("registry_service")

#: A resident ID or registry number in free text: its eight birth-date digits are masked.
NUMBER = re.compile(r"(?<![0-9A-Z])([GLJ]?[0-9]{6})[0-9]{8}([0-9]{3}[0-9X])(?![0-9A-Z])")


def mask_numbers(text: str) -> str:
    """``text`` with every number in it masked as xueji masks them (``110105********002X``)."""
    return NUMBER.sub(r"\1********\2", text)


class MaskNumbers(logging.Filter):
    """Masks the numbers in a log record's message and arguments: for the web server's
    access log, whose lines show request paths (``GET /records/G1101...``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_numbers(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_numbers(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


# Our own lines mask numbers where they are known to be numbers; the filter also catches
# one that came in where no number belongs (an action code, say) and is echoed back.
log.addFilter(MaskNumbers())


#: How each kind of refusal answers over HTTP; the body always carries the reason code.
STATUS: list[tuple[type[xueji.XuejiError], int]] = [
    (xueji.NotAuthorized, 403),
    (xueji.IllegalTransition, 409),
    (xueji.DuplicateRegistration, 409),
    (xueji.SequenceExhausted, 409),
    (xueji.XuejiError, 422),  # InvalidValue, InvalidNumber, InconsistentIdentity, ...
]
SEXES = {sex.value: sex for sex in xueji.Sex}
#: Each province's rules; the national defaults elsewhere.
POLICIES = {"21": xueji.Policy.LIAONING}


def policy_of(school: xueji.School) -> xueji.Policy:
    return POLICIES.get(school.code.province_code, xueji.Policy.NATIONAL)


# -- bodies ---------------------------------------------------------------------------------


class StudentIn(BaseModel):
    name: str
    sex: str = Field(description="1 male, 2 female (GB/T 2261.1)")
    birth_date: datetime.date
    resident_id: str | None = None


class Registration(BaseModel):
    school: str
    student: StudentIn
    grade: int | None = None
    age_approval: str | None = None


class InfoUpdate(BaseModel):
    changes: dict[str, Any]


class StatusChange(BaseModel):
    action: str
    note: str = ""


class Progression(BaseModel):
    to_school: str


class TransferIn(BaseModel):
    to_school: str
    note: str = ""


class ChangeIn(BaseModel):
    field: str
    new_value: str
    evidence: list[str]


class SuspensionIn(BaseModel):
    months: int
    evidence: list[str]
    note: str = ""


class DecisionIn(BaseModel):
    verdict: str = ""
    note: str = ""


# -- answers --------------------------------------------------------------------------------


def refusal(status: int, reason: str, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse({"reason": reason, "detail": detail, **extra}, status_code=status)


def record_answer(version: int, record: xueji.Record, status: int = 200) -> JSONResponse:
    """The whole record, as a read gets it."""
    return JSONResponse(
        {"number": record.number.value, "version": version, "record": xueji.to_dict(record)},
        status_code=status,
        headers={"ETag": f'"{version}"', "Location": f"/records/{record.number.value}"},
    )


def change_answer(version: int, record: xueji.Record, status: int = 200) -> JSONResponse:
    """What a write changed: the record's number and new version, and the event it added
    to the history (the whole record, history and all, is a GET away)."""
    body = {
        "number": record.number.value,
        "version": version,
        "status": record.status.value,
        "event": xueji.to_dict(record.history[-1]),
    }
    headers = {"ETag": f'"{version}"', "Location": f"/records/{record.number.value}"}
    return JSONResponse(body, status_code=status, headers=headers)


def request_answer(
    request_id: int, version: int, number: str, request: Any, status: int = 200
) -> JSONResponse:
    step = request.pending_step
    body = {
        "id": request_id,
        "version": version,
        "record": number,
        "status": request.status.value,
        "pending_step": None if step is None else {"role": step.role.value, "scope": step.scope},
        "request": xueji.to_dict(request),
    }
    return JSONResponse(body, status_code=status, headers={"ETag": f'"{version}"'})


def as_given(text: str) -> Any:
    """A code from the request's body, passed on as text: the library takes a member's
    value and refuses anything else with its own reason (``invalid-value``)."""
    return text


def expected_version(if_match: str | None) -> int:
    """The version a write was computed from, from its ``If-Match`` header."""
    if if_match is None:
        raise MissingVersion
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise MissingVersion
    return int(text)


class MissingVersion(Exception):
    """A write to an existing record or request without the version it was based on."""


class UnknownActor(Exception):
    """No account for the login the request came with."""


def acting(request: Request, x_actor: Annotated[str | None, Header()] = None) -> xueji.Actor:
    """The person acting: the account the ``X-Actor`` header names. This stands in for
    authentication (README.md, "Who is acting")."""
    store: Store = request.app.state.store
    found = None if x_actor is None else store.actor(x_actor)
    if found is None:
        raise UnknownActor
    return found


#: The acting person, and the version a write was computed from (``If-Match``).
By = Annotated[xueji.Actor, Depends(acting)]
Version = Annotated[str | None, Header()]


# -- the application ------------------------------------------------------------------------


def create_app(
    database: str | Path,
    *,
    clock: Callable[[], datetime.date] = today,
    demo: bool = False,
) -> FastAPI:
    """The service over the SQLite file ``database``; ``clock`` gives today's date, and
    ``demo`` fills an empty database with the accounts, schools and people of the README."""
    store = Store(database)
    if demo:
        seed(store)
    app = FastAPI(title="xueji registry service", version="1")
    app.state.store = store

    @app.exception_handler(xueji.XuejiError)
    def refused(_request: Request, err: xueji.XuejiError) -> JSONResponse:
        status = next(code for cls, code in STATUS if isinstance(err, cls))
        detail = mask_numbers(str(err))  # xueji masks numbers; text it echoes, we do
        log.info("refused %s: %s", err.reason.value, detail)
        return refusal(status, err.reason.value, detail, error=type(err).__name__)

    @app.exception_handler(StaleVersion)
    def stale(_request: Request, err: StaleVersion) -> JSONResponse:
        return refusal(409, "version-conflict", "changed since that version", version=err.current)

    @app.exception_handler(MissingVersion)
    def unversioned(_request: Request, _err: MissingVersion) -> JSONResponse:
        return refusal(428, "version-required", 'send If-Match: "<version>" of what you read')

    @app.exception_handler(NotFound)
    def not_found(_request: Request, err: NotFound) -> JSONResponse:
        return refusal(404, "not-found", str(err))

    @app.exception_handler(UnknownActor)
    def unknown(_request: Request, _err: UnknownActor) -> JSONResponse:
        return refusal(401, "unknown-actor", "send X-Actor: <login> of a known account")

    @app.exception_handler(NumberTaken)
    def taken(_request: Request, err: NumberTaken) -> JSONResponse:
        return refusal(409, "number-taken", f"{err} was taken meanwhile: try again")

    @app.exception_handler(CorruptDocument)
    def corrupt(_request: Request, err: CorruptDocument) -> JSONResponse:
        log.error("stored document refused: %s", err)
        reason = err.error.reason.value
        return refusal(500, "stored-document-refused", str(err), path=err.error.path, check=reason)

    @app.exception_handler(RequestValidationError)
    def malformed(_request: Request, err: RequestValidationError) -> JSONResponse:
        where = ".".join(str(part) for part in err.errors()[0]["loc"])
        return refusal(422, "invalid-body", f"{where}: not what this endpoint takes")

    # -- records ----------------------------------------------------------------------

    @app.post("/records", status_code=201)
    def register(body: Registration, by: By) -> JSONResponse:
        school = store.school(body.school)
        given = body.student
        # An unknown code goes on as it is, for the library to refuse (invalid-value).
        sex: Any = SEXES.get(given.sex, given.sex)
        rid = None if given.resident_id is None else xueji.ResidentID.parse(given.resident_id)
        student = xueji.Student(given.name, sex, given.birth_date, rid)

        def make(db: sqlite3.Connection) -> xueji.Record:
            return xueji.register(
                student,
                school=school,
                by=by,
                on=clock(),
                dedup=store.duplicates(db, student),
                taken=NumbersInUse(db),
                grade=body.grade,
                policy=policy_of(school),
                age_approval=body.age_approval,
            )

        _, record = store.create_record(make)
        log.info("registered %s at %s by %s", record.number.masked(), school.code, by.id)
        return change_answer(1, record, status=201)

    @app.get("/records/{number}")
    def read(number: str, _by: By) -> JSONResponse:
        _, version, record = store.record(number)
        return record_answer(version, record)

    def update(
        number: str,
        if_match: str | None,
        by: xueji.Actor,
        what: str,
        change: Callable[[xueji.Record], xueji.Record],
    ) -> JSONResponse:
        version, record = store.update_record(number, expected_version(if_match), change)
        log.info("%s %s (version %d) by %s", what, record.number.masked(), version, by.id)
        return change_answer(version, record)

    @app.post("/records/{number}/promote")
    def promote(number: str, by: By, if_match: Version = None) -> JSONResponse:
        def change(record: xueji.Record) -> xueji.Record:
            match = store.population_match(record.student)
            with store.connection() as db:
                holders = [] if match is None else store.holders_of(db, match.resident_id)
                others = [n for n in holders if n != record.number.value]
                return xueji.promote(
                    record,
                    match=match,
                    dedup=xueji.DedupResult(others),
                    by=by,
                    on=clock(),
                    taken=NumbersInUse(db),
                )

        return update(number, if_match, by, "promoted", change)

    @app.post("/records/{number}/info")
    def update_info(
        number: str, body: InfoUpdate, by: By, if_match: Version = None
    ) -> JSONResponse:
        return update(
            number,
            if_match,
            by,
            "updated",
            lambda record: xueji.update_info(record, by=by, on=clock(), **body.changes),
        )

    @app.post("/records/{number}/status")
    def change_status(
        number: str, body: StatusChange, by: By, if_match: Version = None
    ) -> JSONResponse:
        def change(record: xueji.Record) -> xueji.Record:
            policy = policy_of(record.school)
            action = as_given(body.action)
            return xueji.change_status(
                record, action, by=by, on=clock(), note=body.note, policy=policy
            )

        return update(number, if_match, by, body.action, change)

    @app.post("/records/{number}/advance")
    def advance(number: str, by: By, if_match: Version = None) -> JSONResponse:
        return update(
            number, if_match, by, "advanced", lambda r: xueji.advance_grade(r, by=by, on=clock())
        )

    @app.post("/records/{number}/progress")
    def progress(number: str, body: Progression, by: By, if_match: Version = None) -> JSONResponse:
        school = store.school(body.to_school)
        return update(
            number,
            if_match,
            by,
            "progressed",
            lambda r: xueji.progress(
                r, to_school=school, by=by, on=clock(), policy=policy_of(school)
            ),
        )

    # -- requests ---------------------------------------------------------------------

    def filed(
        number: str, by: xueji.Actor, make: Callable[[xueji.Record, list[Any]], Any]
    ) -> JSONResponse:
        request_id, request = store.file_request(number, make)
        log.info("filed request %d on %s by %s", request_id, request.number.masked(), by.id)
        return request_answer(request_id, 1, request.number.value, request, status=201)

    @app.post("/records/{number}/transfers", status_code=201)
    def request_transfer(number: str, body: TransferIn, by: By) -> JSONResponse:
        school = store.school(body.to_school)
        return filed(
            number,
            by,
            lambda record, pending: xueji.request_transfer(
                record,
                to_school=school,
                by=by,
                on=clock(),
                policy=policy_of(school),
                pending=pending,
                note=body.note,
            ),
        )

    @app.post("/records/{number}/changes", status_code=201)
    def request_change(number: str, body: ChangeIn, by: By) -> JSONResponse:
        return filed(
            number,
            by,
            lambda record, _pending: xueji.request_change(
                record,
                field=as_given(body.field),
                new_value=body.new_value,
                evidence=tuple(body.evidence),
                by=by,
                on=clock(),
            ),
        )

    @app.post("/records/{number}/suspensions", status_code=201)
    def request_suspension(number: str, body: SuspensionIn, by: By) -> JSONResponse:
        return filed(
            number,
            by,
            lambda record, pending: xueji.request_suspension(
                record,
                months=body.months,
                evidence=tuple(body.evidence),
                by=by,
                on=clock(),
                policy=policy_of(record.school),
                pending=pending,
                note=body.note,
            ),
        )

    @app.get("/requests/{request_id}")
    def read_request(request_id: int, _by: By) -> JSONResponse:
        record_id, version, request = store.request(request_id)
        return request_answer(request_id, version, store.number_of(record_id), request)

    @app.post("/requests/{request_id}/decisions")
    def decide(request_id: int, body: DecisionIn, by: By, if_match: Version = None) -> JSONResponse:
        def change(request: Any) -> Any:
            step = request.pending_step
            if (
                isinstance(request, xueji.ChangeRequest)
                and step is not None
                and step.role is xueji.Role.CENTRAL
            ):
                # The central step of a key-field request is the national duplicate
                # check: the service runs its stand-in and records the answer.
                value = request.new_value
                conflicts: list[str] = []
                with store.connection() as db:
                    if isinstance(value, xueji.ResidentID):
                        conflicts = store.holders_of(db, value)
                    elif isinstance(value, xueji.RegistryNumber) and value in NumbersInUse(db):
                        conflicts = [value.value]
                return xueji.verify_change(
                    request, dedup=xueji.DedupResult(conflicts), by=by, on=clock()
                )
            verdict = as_given(body.verdict)
            return xueji.decide(request, verdict, by=by, on=clock(), note=body.note)

        version, request = store.update_request(request_id, expected_version(if_match), change)
        record_id, _, _ = store.request(request_id)
        log.info("request %d: %s by %s", request_id, request.status.value, by.id)
        return request_answer(request_id, version, store.number_of(record_id), request)

    @app.post("/records/{number}/requests/{request_id}/carry-out")
    def carry_out(number: str, request_id: int, by: By, if_match: Version = None) -> JSONResponse:
        _, _, request = store.request(request_id)

        def change(record: xueji.Record) -> xueji.Record:
            on = clock()
            if isinstance(request, xueji.TransferRequest):
                return xueji.complete_transfer(record, request, by=by, on=on)
            if isinstance(request, xueji.ChangeRequest):
                return xueji.apply_change(record, request, by=by, on=on)
            policy = policy_of(record.school)
            if request.kind is xueji.SuspensionKind.EXTEND:
                return xueji.extend_suspension(record, request, by=by, on=on, policy=policy)
            return xueji.suspend(record, request, by=by, on=on, policy=policy)

        return update(number, if_match, by, f"carried out request {request_id} on", change)

    return app
