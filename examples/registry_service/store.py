"""The registry service's store: records and requests as xueji documents in SQLite.

Each record is a row with a version; every write says which version it was computed from,
and the row is updated only if that is still the stored version (optimistic
concurrency): a write based on a stale version is refused, never lost. Documents go in
through `xueji.to_dict` and come out through `xueji.from_dict`, which runs every check
again; a row that does not load is reported, never used.

Beside the records: every number a record has or had (numbers are never reused), the
schools, the staff accounts, and a table standing in for the national population
database.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import xueji

SCHEMA = """
CREATE TABLE IF NOT EXISTS schools (
    code TEXT PRIMARY KEY,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (   -- staff, as the identity provider knows them
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    scope TEXT,
    name TEXT NOT NULL,
    staff_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS population (  -- a stand-in for the population database
    resident_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS numbers (    -- every number a record has or had, never reused
    number TEXT PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records (id)
);
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records (id),
    version INTEGER NOT NULL,
    document TEXT NOT NULL
);
"""

Request = xueji.ChangeRequest | xueji.TransferRequest | xueji.SuspensionRequest
#: The kind of each stored request, by its document's schema tag.
REQUEST_TYPES: dict[str, type[Request]] = {
    xueji.SCHEMAS[cls]: cls
    for cls in (xueji.ChangeRequest, xueji.TransferRequest, xueji.SuspensionRequest)
}


class NotFound(Exception):
    """No record has that number, or no request that id."""


class StaleVersion(Exception):
    """The write was computed from another version than the stored one."""

    def __init__(self, current: int) -> None:
        super().__init__(f"the stored version is {current}")
        self.current = current


class NumberTaken(Exception):
    """Another record took the number while this write was computed."""


class CorruptDocument(Exception):
    """A stored document does not load: someone changed the row outside the service."""

    def __init__(self, table: str, row: int, error: xueji.InvalidValue) -> None:
        super().__init__(f"{table} row {row}: {error}")
        self.error = error


def _dumps(value: object) -> str:
    return json.dumps(xueji.to_dict(value), ensure_ascii=False, separators=(",", ":"))


class Store:
    """The database of one service: a SQLite file, one connection per call."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # Versions never change once written, so a loaded (id, version) stays valid: the
        # records this process wrote or read are kept, keyed so, and not read again.
        self._cache: dict[tuple[int, int], xueji.Record] = {}
        self._lock = threading.Lock()
        self._local = threading.local()
        with self.connection() as db:
            # Write-ahead logging lets readers go on while one writer writes; in that
            # mode NORMAL synchronisation keeps the file consistent without a sync per
            # commit (a power cut may lose the last commits, never corrupt the file).
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, for reading or for one statement at a time. Each
        thread of the server keeps one: SQLite connections are not shared by threads."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        if db.in_transaction:  # a call inside another's transaction: a fresh connection
            fresh = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                yield fresh
            finally:
                fresh.close()
            return
        yield db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds the write lock from its start (BEGIN IMMEDIATE),
        so that what it reads (numbers in use, open requests) stays true until it commits."""
        with self.connection() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- reference tables ---------------------------------------------------------------

    def add_school(self, school: xueji.School) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO schools VALUES (?, ?)", (school.code.value, _dumps(school))
            )

    def school(self, code: str) -> xueji.School:
        with self.connection() as db:
            row = db.execute("SELECT document FROM schools WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise NotFound(f"no school {code}")
        return xueji.from_dict(xueji.School, json.loads(row[0]))

    def add_account(self, login: str, actor: xueji.Actor) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?)",
                (login, actor.role.value, actor.scope, actor.name, actor.id),
            )

    def actor(self, login: str) -> xueji.Actor | None:
        with self.connection() as db:
            row = db.execute(
                "SELECT role, scope, name, staff_id FROM accounts WHERE login = ?", (login,)
            ).fetchone()
        if row is None:
            return None
        role, scope, name, staff_id = row
        return xueji.Actor(role, scope, name, id=staff_id)

    def add_person(self, match: xueji.PopulationMatch) -> None:
        rid = match.resident_id
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO population VALUES (?, ?, ?, ?)",
                (rid.value, match.name, rid.birth_date.isoformat(), rid.sex.value),
            )

    def population_match(self, student: xueji.Student) -> xueji.PopulationMatch | None:
        """The population database's answer for ``student``: the one person with this name,
        birth date and sex, or None (no usable ID: the record gets a J number)."""
        with self.connection() as db:
            rows = db.execute(
                "SELECT resident_id FROM population WHERE name = ? AND birth_date = ? AND sex = ?",
                (student.name, student.birth_date.isoformat(), student.sex.value),
            ).fetchall()
        if len(rows) != 1:
            return None
        return xueji.PopulationMatch(xueji.ResidentID(rows[0][0]), student.name)

    # -- records ------------------------------------------------------------------------

    def _record_row(self, db: sqlite3.Connection, number: str) -> tuple[int, int]:
        row = db.execute(
            "SELECT records.id, version FROM numbers"
            " JOIN records ON records.id = numbers.record_id WHERE number = ?",
            (number,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no record numbered {xueji.RegistryNumber.parse(number).masked()}")
        return row  # type: ignore[no-any-return]

    def _load_record(self, db: sqlite3.Connection, record_id: int, version: int) -> xueji.Record:
        with self._lock:
            cached = self._cache.get((record_id, version))
        if cached is not None:
            return cached
        row = db.execute(
            "SELECT document FROM records WHERE id = ? AND version = ?", (record_id, version)
        ).fetchone()
        if row is None:  # written meanwhile: whoever asked for this version is stale
            raise StaleVersion(version + 1)
        try:
            record = xueji.from_dict(xueji.Record, json.loads(row[0]))
        except xueji.InvalidValue as err:
            raise CorruptDocument("records", record_id, err) from err
        self._remember(record_id, version, record)
        return record

    def _remember(self, record_id: int, version: int, record: xueji.Record) -> None:
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[(record_id, version)] = record

    def record(self, number: str) -> tuple[int, int, xueji.Record]:
        """The record that has or had ``number``: its id, version and value."""
        with self.connection() as db:
            db.execute("BEGIN")  # one snapshot for the version and the document
            try:
                record_id, version = self._record_row(db, number)
                record = self._load_record(db, record_id, version)
            finally:
                db.execute("COMMIT")
        return record_id, version, record

    def duplicates(self, db: sqlite3.Connection, student: xueji.Student) -> xueji.DedupResult:
        """A stand-in for the national duplicate check: records of a student with the same
        resident ID, or the same name, birth date and sex."""
        conflicts = []
        for (document,) in db.execute("SELECT document FROM records"):
            data = json.loads(document)
            other = data["student"]
            same_id = student.resident_id is not None and (
                other["resident_id"] == student.resident_id.value
            )
            same_person = (other["name"], other["birth_date"], other["sex"]) == (
                student.name,
                student.birth_date.isoformat(),
                student.sex.value,
            )
            if same_id or same_person:
                conflicts.append(data["number"])
        return xueji.DedupResult(conflicts)

    def holders_of(self, db: sqlite3.Connection, resident_id: xueji.ResidentID) -> list[str]:
        """The numbers of the records whose student has this resident ID."""
        return [
            json.loads(document)["number"]
            for (document,) in db.execute("SELECT document FROM records")
            if json.loads(document)["student"]["resident_id"] == resident_id.value
        ]

    def create_record(
        self, make: Callable[[sqlite3.Connection], xueji.Record]
    ) -> tuple[int, xueji.Record]:
        """Store the record ``make`` builds inside the write transaction (so the numbers in
        use it reads stay true); version 1."""
        with self.transaction() as db:
            record = make(db)
            cursor = db.execute(
                "INSERT INTO records (version, document) VALUES (1, ?)", (_dumps(record),)
            )
            record_id = cursor.lastrowid
            assert record_id is not None
            self._claim(db, record_id, record)
        self._remember(record_id, 1, record)
        return record_id, record

    def _claim(self, db: sqlite3.Connection, record_id: int, record: xueji.Record) -> None:
        for number in (record.number, *record.former_numbers):
            owner = db.execute(
                "SELECT record_id FROM numbers WHERE number = ?", (number.value,)
            ).fetchone()
            if owner is None:
                db.execute("INSERT INTO numbers VALUES (?, ?)", (number.value, record_id))
            elif owner[0] != record_id:
                raise NumberTaken(number.masked())

    def update_record(
        self, number: str, version: int, change: Callable[[xueji.Record], xueji.Record]
    ) -> tuple[int, xueji.Record]:
        """Store ``change(record)`` if ``version`` is the stored version of the record,
        else raise `StaleVersion`: the new version, and the new record."""
        record_id, current, record = self.record(number)
        if current != version:
            raise StaleVersion(current)
        new = change(record)
        document = _dumps(new)
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE records SET version = version + 1, document = ?"
                " WHERE id = ? AND version = ?",
                (document, record_id, version),
            )
            if cursor.rowcount != 1:
                (now,) = db.execute(
                    "SELECT version FROM records WHERE id = ?", (record_id,)
                ).fetchone()
                raise StaleVersion(now)
            self._claim(db, record_id, new)
        self._remember(record_id, version + 1, new)
        return version + 1, new

    # -- requests -----------------------------------------------------------------------

    def _load_request(self, request_id: int, document: str) -> Request:
        data = json.loads(document)
        try:
            return xueji.from_dict(REQUEST_TYPES[data["schema"]], data)
        except (xueji.InvalidValue, KeyError, TypeError) as err:
            error = (
                err
                if isinstance(err, xueji.InvalidValue)
                else xueji.InvalidValue(
                    "no request document", reason=xueji.Reason.UNKNOWN_SCHEMA, path="schema"
                )
            )
            raise CorruptDocument("requests", request_id, error) from err

    def requests_of(self, db: sqlite3.Connection, record_id: int) -> list[Request]:
        return [
            self._load_request(request_id, document)
            for request_id, document in db.execute(
                "SELECT id, document FROM requests WHERE record_id = ? ORDER BY id", (record_id,)
            )
        ]

    def request(self, request_id: int) -> tuple[int, int, Request]:
        """A request: the id of its record, its version and its value."""
        with self.connection() as db:
            row = db.execute(
                "SELECT record_id, version, document FROM requests WHERE id = ?", (request_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"no request {request_id}")
        record_id, version, document = row
        return record_id, version, self._load_request(request_id, document)

    def number_of(self, record_id: int) -> str:
        with self.connection() as db:
            (document,) = db.execute(
                "SELECT document FROM records WHERE id = ?", (record_id,)
            ).fetchone()
        return str(json.loads(document)["number"])

    def file_request(
        self, number: str, make: Callable[[xueji.Record, list[Request]], Request]
    ) -> tuple[int, Request]:
        """Store the request ``make`` files on the record, given its stored requests (read
        inside the write transaction, so that two requests of one kind cannot both pass)."""
        with self.transaction() as db:
            record_id, version = self._record_row(db, number)
            record = self._load_record(db, record_id, version)
            request = make(record, self.requests_of(db, record_id))
            cursor = db.execute(
                "INSERT INTO requests (record_id, version, document) VALUES (?, 1, ?)",
                (record_id, _dumps(request)),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid, request

    def update_request(
        self, request_id: int, version: int, change: Callable[[Request], Request]
    ) -> tuple[int, Request]:
        _, current, request = self.request(request_id)
        if current != version:
            raise StaleVersion(current)
        new = change(request)
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE requests SET version = version + 1, document = ?"
                " WHERE id = ? AND version = ?",
                (_dumps(new), request_id, version),
            )
            if cursor.rowcount != 1:
                (now,) = db.execute(
                    "SELECT version FROM requests WHERE id = ?", (request_id,)
                ).fetchone()
                raise StaleVersion(now)
        return version + 1, new


class NumbersInUse:
    """Every number a record has or had, asked one at a time (`taken` is only asked ``in``)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __contains__(self, number: object) -> bool:
        row = self.db.execute("SELECT 1 FROM numbers WHERE number = ?", (str(number),)).fetchone()
        return row is not None


def today() -> datetime.date:
    """The service's clock: the one place it reads the date."""
    return datetime.date.today()
