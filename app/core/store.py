"""The store: the one module that owns Robotfabrik's SQLite database.

It keeps recording sessions with their raw input events, runs with their step results, and the
log lines of both. Everything else in the program talks to the database only through `Store`.

Writes never touch the disk on the caller's thread. `Store.insert` and friends put the row on a
queue and return; one writer thread drains the queue in batches and commits each batch in a
single transaction. That keeps the recorder's input hooks and the player's thread free of disk
waits (a hook that waits for SQLite falls behind and loses keys). Reads go through a separate
connection, which WAL lets run while the writer writes.

Errors come in two kinds, told apart by SQLite's own error codes: trouble with the environment
(disk full, file locked or unreadable, a database from a newer Robotfabrik) is raised as
`StoreError` with a message a user can act on; a bug in the program (an unknown table or column,
a broken constraint) propagates as the original exception, so it points at the code to fix.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Final, Literal

import sqlite_utils
from sqlite_utils.db import Table

from app.core import paths
from app.core.redaction import redact_row

logger = logging.getLogger(__name__)

Row = dict[str, object]
Listener = Callable[[str], None]

SESSION_STATUSES: Final = ("recording", "finished", "interrupted")
RUN_STATUSES: Final = ("running", "succeeded", "failed", "aborted")
STEP_STATUSES: Final = ("succeeded", "failed", "skipped")

# About the batch size at which insert_all stops getting faster; larger batches only make a
# writer failure cost more rows and keep readers waiting longer in flush().
BATCH_LIMIT: Final = 1000
DEFAULT_BUSY_TIMEOUT: Final = 5.0


class StoreError(Exception):
    """The database cannot be used because of its environment; the message is for the user."""


# --- ids -------------------------------------------------------------------------------------

_id_lock = threading.Lock()
_last_id: tuple[int, int] = (0, 0)


def new_id() -> str:
    """A unique id whose text order is its creation order: 13 hex digits of milliseconds since
    the epoch, then 16 hex digits that are random except within one millisecond, where they
    count up so that ids made in quick succession still sort in the order they were made."""
    global _last_id  # noqa: PLW0603 - one process-wide sequence is the point
    with _id_lock:
        millis = time.time_ns() // 1_000_000
        last_millis, last_tail = _last_id
        if millis <= last_millis:
            # The clock stood still or went back (NTP): keep counting from the last id.
            millis, tail = last_millis, last_tail + 1
        else:
            # Random high half bit cleared leaves room to count up without overflowing.
            tail = secrets.randbits(63)
        _last_id = (millis, tail)
    return f"{millis:013x}{tail:016x}"


# --- schema and migrations -------------------------------------------------------------------


def _create_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE recording_sessions (
            id TEXT PRIMARY KEY,
            bot_name TEXT NOT NULL,
            started_at REAL NOT NULL,
            ended_at REAL,
            status TEXT NOT NULL CHECK (status IN ('recording', 'finished', 'interrupted')),
            screen_width INTEGER NOT NULL,
            screen_height INTEGER NOT NULL,
            keyboard_layout TEXT,
            note TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE raw_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            t REAL NOT NULL,
            kind TEXT NOT NULL,
            x INTEGER,
            y INTEGER,
            button TEXT,
            key TEXT,
            char TEXT,
            keycode INTEGER,
            dx INTEGER,
            dy INTEGER
        )
        """
    )
    # What the recorder saw at an event (anchor picture and window at a press, the focused window
    # at the first key of a field). Kept apart from raw_events because it is captured later, off
    # the input path, and may be missing.
    db.execute(
        """
        CREATE TABLE click_contexts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            anchor TEXT,
            anchor_left INTEGER NOT NULL,
            anchor_top INTEGER NOT NULL,
            window_title TEXT,
            window_class TEXT,
            window_x INTEGER,
            window_y INTEGER,
            window_width INTEGER,
            window_height INTEGER,
            ignored INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            bot_name TEXT NOT NULL,
            bot_path TEXT NOT NULL,
            started_at REAL NOT NULL,
            ended_at REAL,
            status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'aborted')),
            reason TEXT,
            parameters_json TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE step_results (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            step_index INTEGER NOT NULL,
            step_type TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'skipped')),
            started_at REAL NOT NULL,
            ended_at REAL NOT NULL,
            found_by TEXT,
            score REAL,
            error TEXT,
            screenshot TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE log_lines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT,
            session_id TEXT,
            t REAL NOT NULL,
            level TEXT NOT NULL,
            message TEXT NOT NULL
        )
        """
    )


def _index_for_history_views(db: sqlite_utils.Database) -> None:
    # Each index serves one query of the history views or of the readers below.
    indexes: list[tuple[str, list[str]]] = [
        ("raw_events", ["session_id", "seq"]),
        ("click_contexts", ["session_id", "seq"]),
        ("step_results", ["run_id", "step_index"]),
        ("runs", ["started_at"]),
        ("runs", ["bot_name", "started_at"]),
        ("recording_sessions", ["started_at"]),
        ("log_lines", ["run_id", "t"]),
        ("log_lines", ["session_id", "t"]),
    ]
    for table, columns in indexes:
        db.table(table).create_index(columns, find_unique_name=True)


Migration = Callable[[sqlite_utils.Database], None]


def _remember_the_recording_process(db: sqlite_utils.Database) -> None:
    # A recorder that is killed leaves its session 'recording'; only its process id tells such a
    # session from one whose recorder is still at work, so that it can be recovered.
    db.execute("ALTER TABLE recording_sessions ADD COLUMN recorder_pid INTEGER")


def _index_for_paged_history(db: sqlite_utils.Database) -> None:
    # The history view pages through runs newest first, by (started_at, id), filtered by bot,
    # status or both; each filter gets an index that ends in that order, so a page is an index
    # walk of one page's length however many runs the store holds. The benefit view looks up
    # the recordings of each bot.
    indexes: list[tuple[str, list[str]]] = [
        ("runs", ["started_at", "id"]),
        ("runs", ["status", "started_at", "id"]),
        ("runs", ["bot_name", "started_at", "id"]),
        ("runs", ["bot_name", "status", "started_at", "id"]),
        ("recording_sessions", ["bot_name", "started_at"]),
    ]
    for table, columns in indexes:
        db.table(table).create_index(columns, find_unique_name=True)


def _keep_recorded_elements(db: sqlite_utils.Database) -> None:
    # The element the accessibility tree named at a press or at the start of typing (a selector
    # as bot.json writes it), so that a recovered recording keeps its selectors too. Its own
    # table: it comes from another thread than the click's pictures, and often not at all.
    db.execute(
        """
        CREATE TABLE recorded_elements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            selector_json TEXT NOT NULL
        )
        """
    )
    db.table("recorded_elements").create_index(["session_id", "seq"], find_unique_name=True)


def _audit_each_run(db: sqlite_utils.Database) -> None:
    # Who ran which bot: the operating-system user, and the bot exactly as it was run (the
    # sha256 of its bot.json bytes, and the version the file carries), beside the parameters
    # (secrets masked) and the outcome the run row keeps already.
    db.execute("ALTER TABLE runs ADD COLUMN os_user TEXT")
    db.execute("ALTER TABLE runs ADD COLUMN bot_sha256 TEXT")
    db.execute("ALTER TABLE runs ADD COLUMN bot_version TEXT")


# MIGRATIONS[n] takes a database from schema version n to n + 1 (PRAGMA user_version). Never
# edit or reorder a migration that has shipped; append a new one instead.
MIGRATIONS: Final[list[Migration]] = [
    _create_tables,
    _index_for_history_views,
    _remember_the_recording_process,
    _index_for_paged_history,
    _keep_recorded_elements,
    _audit_each_run,
]
SCHEMA_VERSION: Final = len(MIGRATIONS)


# --- telling the environment's errors from bugs ----------------------------------------------

# Primary SQLite result codes (https://sqlite.org/rescode.html) that mean the file, the disk or
# another program is at fault rather than our SQL. Everything else (SQLITE_ERROR for "no such
# table", SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE, misuse) is a bug in the program.
_ENVIRONMENT_CODES: Final[dict[int, str]] = {
    3: "permission to use the file was denied",  # SQLITE_PERM
    5: "the database is in use by another program (locked)",  # SQLITE_BUSY
    6: "the database is locked",  # SQLITE_LOCKED
    7: "the computer ran out of memory",  # SQLITE_NOMEM
    8: "the database file is read-only",  # SQLITE_READONLY
    10: "the disk could not be read or written",  # SQLITE_IOERR
    11: "the database file is damaged",  # SQLITE_CORRUPT
    13: "the disk is full",  # SQLITE_FULL
    14: "the database file cannot be opened",  # SQLITE_CANTOPEN
    15: "the database's lock files are in an inconsistent state",  # SQLITE_PROTOCOL
    22: "the file system does not support what SQLite needs",  # SQLITE_NOLFS
    23: "access to the database was denied",  # SQLITE_AUTH
    26: "the file is not a database",  # SQLITE_NOTADB
}


def _environment_reason(exc: BaseException) -> str | None:
    """What went wrong, in words for a user, if `exc` is the environment's fault; else None."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return None
        return _ENVIRONMENT_CODES.get(code & 0xFF)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return None


def _as_store_error(exc: BaseException, doing: str, path: Path) -> StoreError | None:
    reason = _environment_reason(exc)
    if reason is None:
        return None
    error = StoreError(f"Could not {doing} the database {path}: {reason} ({exc}).")
    error.__cause__ = exc
    return error


# --- what travels on the queue ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Write:
    table: str
    kind: Literal["insert", "upsert", "update"]
    row: Row
    key: str | int | None = None


@dataclass(frozen=True, slots=True)
class _Erase:
    """Deletes (and clears) that must leave no trace in the file: run in one transaction with
    secure_delete on, then the WAL is checkpointed and truncated. ``counts`` gets how many rows
    each named statement touched; ``done`` is set when it is finished (or failed)."""

    statements: list[tuple[str, str, list[object]]]
    tables: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)
    errors: list[BaseException] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Barrier:
    """Set once every write enqueued before it is committed (or has failed)."""

    done: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True, slots=True)
class _Stop:
    """The writer's last item: commit what came before, then close the connection."""


_Item = _Write | _Erase | _Barrier | _Stop


@dataclass(frozen=True)
class PurgeCounts:
    """What a purge removed, per kind; ``wal_truncated`` tells whether the write-ahead log was
    emptied too (another program reading the database at that moment can keep it)."""

    keystrokes: int = 0
    other_raw_events: int = 0
    click_contexts: int = 0
    recorded_elements: int = 0
    screenshots: int = 0
    wal_truncated: bool = True


# Raw events that carry what a person typed (keys and their characters).
KEYSTROKE_KINDS: Final = ("key_down", "key_up")


# --- the store -------------------------------------------------------------------------------


class Store:
    """Robotfabrik's database: asynchronous writes on one writer thread, synchronous reads.

    Safe to use from any thread. Use it as a context manager, or call `close()`, so that the rows
    still queued reach the disk.
    """

    path: Path

    def __init__(self, path: Path | str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self._busy_timeout = busy_timeout
        self._queue: queue.Queue[_Item] = queue.Queue()
        # Guards `_closed` against a row slipping onto the queue behind the writer's stop item.
        self._queue_lock = threading.Lock()
        # _closed: the queue takes nothing more; _close_called: close() ran (or began).
        self._closed = False
        self._close_called = False
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._errors: list[BaseException] = []
        self._errors_lock = threading.Lock()

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Could not create the folder for the database {self.path}: "
                f"{exc.strerror or exc}."
            ) from exc
        self._migrate()
        self._columns, self._primary_keys = self._read_schema()

        # check_same_thread=False plus a lock lets any thread read, the Qt main thread included;
        # the lock is needed because one sqlite3 connection must not run two statements at once.
        self._read_lock = threading.Lock()
        self._reader = self._connect(check_same_thread=False, doing="open")
        self._reader.execute("PRAGMA query_only = ON")

        self._writer_ready = threading.Event()
        self._writer_open_error: BaseException | None = None
        self._writer = threading.Thread(
            target=self._write_loop, name=f"store writer {self.path.name}", daemon=True
        )
        self._writer.start()
        self._writer_ready.wait()
        if self._writer_open_error is not None:
            self._writer.join()
            self._reader.close()
            self._closed = True
            raise self._writer_open_error
        # The writer is a daemon so a forgotten close() cannot hang the program at exit; this
        # hook still gives queued rows their chance to reach the disk.
        atexit.register(self.close)

    @classmethod
    def open_default(cls) -> Store:
        """The user's own database, in Robotfabrik's data directory."""
        return cls(paths.database_path())

    # --- opening ------------------------------------------------------------------------------

    def _connect(self, *, check_same_thread: bool = True, doing: str) -> sqlite_utils.Database:
        try:
            connection = sqlite3.connect(
                self.path, timeout=self._busy_timeout, check_same_thread=check_same_thread
            )
            # Plugins could change how our connection behaves; the store wants none of that.
            return sqlite_utils.Database(connection, execute_plugins=False)
        except sqlite3.Error as exc:
            raise _as_store_error(exc, doing, self.path) or exc from exc

    def _migrate(self) -> None:
        db = self._connect(doing="open")
        try:
            db.enable_wal()
            # IMMEDIATE takes the write lock before reading the version, so two programs opening
            # an old database at once cannot both migrate it.
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"The database {self.path} was made by a newer Robotfabrik "
                        f"(schema {version}, this one knows {SCHEMA_VERSION}). "
                        "Update Robotfabrik, or move the file aside to start a new one."
                    )
                for number in range(version, SCHEMA_VERSION):
                    MIGRATIONS[number](db)
                if version != SCHEMA_VERSION:
                    # user_version lives in the file header, so it commits or rolls back with
                    # the migrations themselves.
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    logger.info(
                        "migrated %s from schema %d to %d", self.path, version, SCHEMA_VERSION
                    )
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
        except sqlite3.Error as exc:
            raise _as_store_error(exc, "open", self.path) or exc from exc
        finally:
            db.close()

    def _read_schema(self) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
        """The columns and primary key of every table, as the migrated file has them."""
        db = self._connect(doing="read")
        try:
            columns: dict[str, frozenset[str]] = {}
            primary_keys: dict[str, str] = {}
            for name in db.table_names():
                if name.startswith("sqlite_"):
                    continue
                table = db.table(name)
                columns[name] = frozenset(table.columns_dict)
                primary_keys[name] = table.pks[0]
            return columns, primary_keys
        except sqlite3.Error as exc:
            raise _as_store_error(exc, "read", self.path) or exc from exc
        finally:
            db.close()

    # --- writing (any thread, never waits for the disk) ---------------------------------------

    def insert(self, table: str, row: dict[str, object]) -> None:
        """Queue a new row; returns at once. Unknown tables or columns raise here, not later."""
        self._check_columns(table, row)
        # Secrets of a run under way never reach the file (see app.core.redaction).
        self._put(_Write(table, "insert", redact_row(dict(row))))

    def upsert(self, table: str, row: dict[str, object]) -> None:
        """Queue a whole row (primary key and every required column): inserted if its primary
        key is new, else the columns it names replace those of the existing row."""
        self._check_columns(table, row)
        primary_key = self._primary_keys[table]
        if primary_key not in row:
            raise ValueError(f"upsert into {table} needs its primary key {primary_key!r}")
        self._put(_Write(table, "upsert", redact_row(dict(row))))

    def update(self, table: str, key: str | int, values: dict[str, object]) -> None:
        """Queue new values for the columns of the row whose primary key is `key`."""
        self._check_columns(table, values)
        self._put(_Write(table, "update", redact_row(dict(values)), key))

    def _check_columns(self, table: str, row: dict[str, object]) -> None:
        known = self._columns.get(table)
        if known is None:
            raise ValueError(f"the store has no table {table!r} (it has {sorted(self._columns)})")
        if not known.issuperset(row):
            unknown = sorted(set(row) - known)
            raise ValueError(f"table {table!r} has no column(s) {unknown}")

    def _put(self, item: _Item) -> None:
        with self._queue_lock:
            if self._closed:
                raise RuntimeError(f"the store {self.path} is closed; nothing can be written")
            self._queue.put(item)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until everything queued so far is committed.

        Raises the first write failure since the last flush: a `StoreError` if the environment is
        at fault, else the original exception. On the writer thread itself (inside a listener)
        this cannot wait, since the writer would wait for itself; there the listener's table is
        committed already.
        """
        if threading.current_thread() is not self._writer:
            barrier = _Barrier()
            with self._queue_lock:
                closed = self._closed
                if not closed:
                    self._queue.put(barrier)
            if not closed and not barrier.done.wait(timeout):
                raise StoreError(
                    f"The database {self.path} did not finish writing within {timeout} s; "
                    "the disk may be very slow or the file locked by another program."
                )
        self._raise_pending_error()

    def close(self) -> None:
        """Write what is queued, stop the writer and close both connections. Safe to repeat."""
        with self._queue_lock:
            if self._close_called:
                return
            self._close_called = True
            if not self._closed:
                self._closed = True
                self._queue.put(_Stop())
        atexit.unregister(self.close)
        if threading.current_thread() is not self._writer:
            self._writer.join()
        with self._read_lock:
            self._reader.close()
        self._raise_pending_error()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def add_listener(self, callback: Listener) -> None:
        """Call `callback(table)` on the writer thread after rows of `table` were committed.

        Listeners must be quick and must not raise; a Qt face forwards the call as a signal.
        """
        with self._listeners_lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        with self._listeners_lock:
            self._listeners.remove(callback)

    # --- convenience writers for the recorder and the player ----------------------------------

    def start_session(
        self,
        bot_name: str,
        screen_width: int,
        screen_height: int,
        keyboard_layout: str | None,
        *,
        pid: int | None = None,
    ) -> str:
        """Record that a recording session began; returns its id.

        `pid` is the recording process, this one unless told otherwise: recovery asks whether it
        still runs before treating a session left 'recording' as interrupted.
        """
        session_id = new_id()
        self.insert(
            "recording_sessions",
            {
                "id": session_id,
                "bot_name": bot_name,
                "started_at": time.time(),
                "status": "recording",
                "screen_width": screen_width,
                "screen_height": screen_height,
                "keyboard_layout": keyboard_layout,
                "recorder_pid": os.getpid() if pid is None else pid,
            },
        )
        return session_id

    def end_session(self, session_id: str, status: str) -> None:
        _check_status(status, SESSION_STATUSES[1:], "a session's end")
        self.update(
            "recording_sessions", session_id, {"ended_at": time.time(), "status": status}
        )

    def add_raw_event(self, session_id: str, event: Row) -> None:
        """Queue one raw input event of a recording session (the columns of an ``InputEvent``)."""
        self.insert("raw_events", {**event, "session_id": session_id})

    def add_click_context(self, session_id: str, context: Row) -> None:
        """Queue what the recorder saw at one of a session's events (the columns of a
        ``ClickContext``)."""
        self.insert("click_contexts", {**context, "session_id": session_id})

    def add_recorded_element(self, session_id: str, seq: int, selector_json: str) -> None:
        """Queue the element the accessibility tree named at one of a session's events."""
        self.insert("recorded_elements",
                    {"session_id": session_id, "seq": seq, "selector_json": selector_json})

    def mark_session_interrupted(self, session_id: str, ended_at: float) -> None:
        """Mark a session whose recorder died as interrupted for good; ``ended_at`` is the best
        witness of when it stopped (its last event)."""
        self.update(
            "recording_sessions", session_id, {"status": "interrupted", "ended_at": ended_at}
        )

    def start_run(self, bot_name: str, bot_path: str, parameters: dict[str, str], *,
                  os_user: str | None = None, bot_sha256: str | None = None,
                  bot_version: str | None = None) -> str:
        """Record that a run began, with its audit facts (who ran which bot exactly); returns
        its id. ``parameters`` are the values that may be shown: secrets masked already."""
        run_id = new_id()
        self.insert(
            "runs",
            {
                "id": run_id,
                "bot_name": bot_name,
                "bot_path": bot_path,
                "started_at": time.time(),
                "status": "running",
                "parameters_json": json.dumps(parameters, ensure_ascii=False, sort_keys=True),
                "os_user": os_user,
                "bot_sha256": bot_sha256,
                "bot_version": bot_version,
            },
        )
        return run_id

    def end_run(self, run_id: str, status: str, reason: str | None) -> None:
        _check_status(status, RUN_STATUSES[1:], "a run's end")
        self.update(
            "runs", run_id, {"ended_at": time.time(), "status": status, "reason": reason}
        )

    def add_step_result(
        self,
        *,
        run_id: str,
        step_id: str,
        step_index: int,
        step_type: str,
        status: str,
        started_at: float,
        ended_at: float,
        found_by: str | None = None,
        score: float | None = None,
        error: str | None = None,
        screenshot: str | None = None,
    ) -> None:
        """Keep what one step of a run did (``step_index`` counts from 0)."""
        self.insert(
            "step_results",
            {
                "run_id": run_id, "step_id": step_id, "step_index": step_index,
                "step_type": step_type, "status": status, "started_at": started_at,
                "ended_at": ended_at, "found_by": found_by, "score": score, "error": error,
                "screenshot": screenshot,
            },
        )

    def log(
        self,
        level: str,
        message: str,
        *,
        run_id: str | None = None,
        session_id: str | None = None,
    ) -> None:
        self.insert(
            "log_lines",
            {
                "run_id": run_id,
                "session_id": session_id,
                "t": time.time(),
                "level": level,
                "message": message,
            },
        )

    # --- erasing (waits: the caller is told what went) -----------------------------------------

    def _run_erase(self, erase: _Erase, timeout: float | None) -> dict[str, int]:
        self._put(erase)
        if not erase.done.wait(timeout):
            raise StoreError(f"The database {self.path} did not finish deleting within "
                             f"{timeout} s; the file may be locked by another program.")
        if erase.errors:
            raise erase.errors[0]
        return erase.counts

    def forget_keystrokes(self, session_id: str, timeout: float | None = 60.0) -> int:
        """Delete what was typed in a recording session (its key events) so that no byte of
        it stays in the file; returns how many events went. For a session whose bot is made."""
        marks = ", ".join("?" for _ in KEYSTROKE_KINDS)
        counts = self._run_erase(_Erase(
            [("keystrokes", f"DELETE FROM raw_events WHERE session_id = ? AND kind IN ({marks})",
              [session_id, *KEYSTROKE_KINDS])],
            ("raw_events",)), timeout)
        return counts.get("keystrokes", 0)

    def purge(self, before: float, *, keep_sessions: Iterable[str] = (),
              timeout: float | None = 600.0) -> PurgeCounts:
        """Delete what a recording or a run left that holds personal data, for sessions and
        runs last active before ``before`` (seconds since the epoch): a session's raw events,
        click contexts and recorded elements, and the screenshot paths of runs' step results.
        Session and run rows themselves stay (history and benefit figures need them).
        ``keep_sessions`` are sessions still being recorded."""
        keep = sorted(set(keep_sessions))
        spared = f" AND id NOT IN ({', '.join('?' for _ in keep)})" if keep else ""
        old_sessions = ("SELECT id FROM recording_sessions "
                        f"WHERE coalesce(ended_at, started_at) < ?{spared}")
        session_params: list[object] = [before, *keep]
        marks = ", ".join("?" for _ in KEYSTROKE_KINDS)
        statements: list[tuple[str, str, list[object]]] = [
            ("keystrokes", f"DELETE FROM raw_events WHERE kind IN ({marks}) "
                           f"AND session_id IN ({old_sessions})",
             [*KEYSTROKE_KINDS, *session_params]),
            ("other_raw_events", f"DELETE FROM raw_events WHERE session_id IN ({old_sessions})",
             session_params),
            ("click_contexts", f"DELETE FROM click_contexts WHERE session_id IN ({old_sessions})",
             session_params),
            ("recorded_elements",
             f"DELETE FROM recorded_elements WHERE session_id IN ({old_sessions})",
             session_params),
            ("screenshots", "UPDATE step_results SET screenshot = NULL "
                            "WHERE screenshot IS NOT NULL AND run_id IN (SELECT id FROM runs "
                            "WHERE coalesce(ended_at, started_at) < ?)",
             [before]),
        ]
        counts = self._run_erase(
            _Erase(statements, ("raw_events", "click_contexts", "recorded_elements",
                                "step_results")), timeout)
        return PurgeCounts(
            keystrokes=counts.get("keystrokes", 0),
            other_raw_events=counts.get("other_raw_events", 0),
            click_contexts=counts.get("click_contexts", 0),
            recorded_elements=counts.get("recorded_elements", 0),
            screenshots=counts.get("screenshots", 0),
            wal_truncated=bool(counts.get("wal_truncated", 0)))

    # --- reading (any thread; sees every write made before the call) --------------------------

    def sessions(self, status: str | None = None, limit: int = 50) -> list[Row]:
        """Recording sessions, newest first, optionally only those with `status`."""
        if status is None:
            return self._query(
                "SELECT * FROM recording_sessions ORDER BY started_at DESC, id DESC LIMIT ?",
                [limit],
            )
        return self._query(
            "SELECT * FROM recording_sessions WHERE status = ? "
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            [status, limit],
        )

    def sessions_with_id_prefix(self, prefix: str) -> list[Row]:
        """Recording sessions whose id starts with `prefix` (a whole id included), newest first."""
        return self._query(
            "SELECT * FROM recording_sessions WHERE substr(id, 1, ?) = ? "
            "ORDER BY started_at DESC, id DESC",
            [len(prefix), prefix],
        )

    def session_event_counts(self, session_id: str) -> dict[str, int]:
        """How many raw events of each kind ('press', 'key_down', …) a session has."""
        rows = self._query(
            "SELECT kind, count(*) AS n FROM raw_events WHERE session_id = ? GROUP BY kind",
            [session_id],
        )
        return {str(row["kind"]): int(str(row["n"])) for row in rows}

    def session_events(self, session_id: str) -> list[Row]:
        """A session's raw input events in the order they happened."""
        return self._query(
            "SELECT * FROM raw_events WHERE session_id = ? ORDER BY seq, id", [session_id]
        )

    def session_contexts(self, session_id: str) -> list[Row]:
        """What the recorder captured around a session's events (pictures, windows)."""
        return self._query(
            "SELECT * FROM click_contexts WHERE session_id = ? ORDER BY seq, id", [session_id]
        )

    def session_elements(self, session_id: str) -> list[Row]:
        """The elements the accessibility tree named during a session, by event seq."""
        return self._query(
            "SELECT seq, selector_json FROM recorded_elements WHERE session_id = ? "
            "ORDER BY seq, id", [session_id]
        )

    def runs(self, limit: int = 50) -> list[Row]:
        """Runs, newest first."""
        return self._query(
            "SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?", [limit]
        )

    def run(self, run_id: str) -> Row | None:
        found = self._query("SELECT * FROM runs WHERE id = ?", [run_id])
        return found[0] if found else None

    def step_results(self, run_id: str) -> list[Row]:
        """A run's step results in the order the steps ran."""
        return self._query(
            "SELECT * FROM step_results WHERE run_id = ? ORDER BY step_index, id", [run_id]
        )

    def runs_page(
        self,
        *,
        bot_name: str | None = None,
        status: str | None = None,
        started_from: float | None = None,
        started_before: float | None = None,
        after: tuple[float, str] | None = None,
        limit: int = 100,
    ) -> list[Row]:
        """One page of runs, newest first (by start, then id), that match every filter given.

        ``after`` is the (started_at, id) of the last run of the page before, so a page costs
        the same deep in the history as at its top (no OFFSET that walks every earlier run).
        """
        where, params = _run_filter(bot_name, status, started_from, started_before)
        if after is not None:
            where.append("(started_at < ? OR (started_at = ? AND id < ?))")
            params += [after[0], after[0], after[1]]
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        return self._query(
            f"SELECT * FROM runs {clause}ORDER BY started_at DESC, id DESC LIMIT ?",
            [*params, limit],
        )

    def count_runs(
        self,
        *,
        bot_name: str | None = None,
        status: str | None = None,
        started_from: float | None = None,
        started_before: float | None = None,
    ) -> int:
        """How many runs match every filter given (for a pager's "1–100 of 5,210")."""
        where, params = _run_filter(bot_name, status, started_from, started_before)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._query(f"SELECT count(*) AS n FROM runs{clause}", params)
        return int(str(rows[0]["n"]))

    def run_bot_names(self) -> list[str]:
        """Every bot name that has a run, in alphabetical order."""
        rows = self._query("SELECT DISTINCT bot_name FROM runs ORDER BY bot_name")
        return [str(row["bot_name"]) for row in rows]

    def run_spans(self, *, started_from: float | None = None) -> list[Row]:
        """Each run's bot, start, end and status (no parameters), oldest first: what figures
        of time and cases done are made from."""
        where, params = _run_filter(None, None, started_from, None)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._query(
            f"SELECT bot_name, started_at, ended_at, status FROM runs{clause} "
            "ORDER BY started_at, id",
            params,
        )

    def latest_bot_paths(self) -> dict[str, str]:
        """Per bot name, the folder its latest run was started from."""
        # SQLite gives a bare column the value of the row that holds the max() of the group.
        rows = self._query(
            "SELECT bot_name, bot_path, max(started_at) FROM runs GROUP BY bot_name")
        return {str(row["bot_name"]): str(row["bot_path"]) for row in rows}

    def finished_sessions(self) -> list[Row]:
        """Finished recording sessions' bot, start and end, oldest first."""
        return self._query(
            "SELECT bot_name, started_at, ended_at FROM recording_sessions "
            "WHERE status = 'finished' AND ended_at IS NOT NULL ORDER BY started_at, id"
        )

    def log_lines(
        self, *, run_id: str | None = None, session_id: str | None = None
    ) -> list[Row]:
        """The log of one run or one recording session, oldest first."""
        if (run_id is None) == (session_id is None):
            raise ValueError("give exactly one of run_id and session_id")
        column, value = ("run_id", run_id) if run_id is not None else ("session_id", session_id)
        return self._query(
            f"SELECT * FROM log_lines WHERE {column} = ? ORDER BY t, id", [value]
        )

    def schema_version(self) -> int:
        rows = self._query("PRAGMA user_version")
        return int(str(rows[0]["user_version"]))

    def _query(self, sql: str, params: list[object] | None = None) -> list[Row]:
        self.flush()
        with self._read_lock:
            if self._close_called:
                # A closed sqlite3 connection's error would not say which store it was.
                raise RuntimeError(f"the store {self.path} is closed; nothing can be read")
            try:
                return list(self._reader.query(sql, params))
            except sqlite3.Error as exc:
                raise _as_store_error(exc, "read", self.path) or exc from exc

    # --- the writer thread --------------------------------------------------------------------

    def _write_loop(self) -> None:
        try:
            db = self._connect(doing="open")
            # Every commit reaches the disk: a recording must survive a power cut, not only a
            # killed process. The writer's batching keeps the cost small (see bench store).
            db.execute("PRAGMA synchronous = FULL")
            # What is deleted is overwritten with zeros, not left in free pages: typed text and
            # screenshots' paths must be gone from the file once purged.
            db.execute("PRAGMA secure_delete = ON")
            tables = {name: db.table(name) for name in self._columns}
        except BaseException as exc:
            self._writer_open_error = exc
            self._writer_ready.set()
            return
        self._writer_ready.set()
        stopping = False
        try:
            while not stopping:
                batch = [self._queue.get()]
                while len(batch) < BATCH_LIMIT:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                writes: list[_Write] = []
                for item in batch:
                    if isinstance(item, _Write):
                        writes.append(item)
                        continue
                    # What came before an erase, a barrier or the stop is committed first.
                    if writes:
                        self._notify(self._commit(db, tables, writes))
                        writes = []
                    if isinstance(item, _Erase):
                        self._erase(db, item)
                    elif isinstance(item, _Barrier):
                        item.done.set()
                    elif isinstance(item, _Stop):
                        stopping = True
                if writes:
                    self._notify(self._commit(db, tables, writes))
        except BaseException as exc:
            # Only a bug in the store itself gets here. Waiters must not hang on a dead writer.
            logger.critical("the store's writer thread stopped: %r", exc, exc_info=exc)
            self._keep_error(exc)
        finally:
            db.close()
            if not stopping:
                self._abandon_queue()

    def _abandon_queue(self) -> None:
        with self._queue_lock:
            self._closed = True
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Barrier | _Erase):
                item.done.set()

    def _erase(self, db: sqlite_utils.Database, erase: _Erase) -> None:
        try:
            with db.atomic():
                for name, sql, params in erase.statements:
                    cursor = db.execute(sql, params)
                    erase.counts[name] = erase.counts.get(name, 0) + max(cursor.rowcount, 0)
            # Nothing deleted, nothing to hide: a start-up purge then costs no checkpoint.
            touched = any(erase.counts.values())
            erase.counts["wal_truncated"] = int(_truncate_wal(db) if touched else True)
        except Exception as exc:
            error = _as_store_error(exc, "delete from", self.path)
            erase.errors.append(error or exc)
        finally:
            erase.done.set()
        if not erase.errors:
            self._notify(erase.tables)

    def _commit(
        self, db: sqlite_utils.Database, tables: dict[str, Table], writes: list[_Write]
    ) -> list[str]:
        """Write a batch in one transaction; returns the tables that got rows."""
        try:
            with db.atomic():
                for table, group in _group_by_table(writes).items():
                    for run in group:
                        _apply(tables[table], run)
            return list(dict.fromkeys(write.table for write in writes))
        except Exception as exc:
            if self._remember_environment_error(exc):
                return []
        # A bug in one row must not cost the rows queued around it: replay the batch one write
        # at a time, each in a savepoint, and report the writes that fail.
        committed: dict[str, None] = {}
        try:
            with db.atomic():
                for write in writes:
                    try:
                        with db.atomic():
                            _apply(tables[write.table], [write])
                        committed[write.table] = None
                    except Exception as exc:
                        if _environment_reason(exc) is not None:
                            raise
                        self._remember_bug(exc, write)
        except Exception as exc:
            if not self._remember_environment_error(exc):
                self._remember_bug(exc, None)
            return []
        return list(committed)

    def _remember_environment_error(self, exc: BaseException) -> bool:
        error = _as_store_error(exc, "write to", self.path)
        if error is None:
            return False
        logger.error("%s The rows of this batch are lost.", error)
        self._keep_error(error)
        return True

    def _remember_bug(self, exc: BaseException, write: _Write | None) -> None:
        if write is not None:
            exc.add_note(f"while the store wrote {write.kind} {write.table} {write.row!r}")
        logger.error("the store could not write a row: %r", exc, exc_info=exc)
        self._keep_error(exc)

    def _keep_error(self, error: BaseException) -> None:
        with self._errors_lock:
            self._errors.append(error)

    def _raise_pending_error(self) -> None:
        with self._errors_lock:
            errors, self._errors = self._errors, []
        if errors:
            # Later errors were logged when they happened; the first usually explains them.
            raise errors[0]

    def _notify(self, tables: Iterable[str]) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for table in tables:
            for listener in listeners:
                try:
                    listener(table)
                except BaseException:
                    # A broken listener must not stop the writer, or every later row is lost.
                    logger.exception("a store listener failed for table %s", table)


def _truncate_wal(db: sqlite_utils.Database, attempts: int = 20) -> bool:
    """Copy the WAL into the database and cut it to 0 bytes, so deleted rows' old pages are
    gone from it too; True if that happened. A reader in another program holds it back: retried
    for a moment, then left to SQLite's next checkpoint."""
    for _ in range(attempts):
        busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(0.05)
    return False


def _check_status(status: str, allowed: tuple[str, ...], what: str) -> None:
    if status not in allowed:
        raise ValueError(f"{status!r} is not a status for {what}; use one of {allowed}")


def _run_filter(
    bot_name: str | None,
    status: str | None,
    started_from: float | None,
    started_before: float | None,
) -> tuple[list[str], list[object]]:
    """The WHERE conditions (joined with AND) and their parameters for the run readers."""
    where: list[str] = []
    params: list[object] = []
    if bot_name is not None:
        where.append("bot_name = ?")
        params.append(bot_name)
    if status is not None:
        _check_status(status, RUN_STATUSES, "a run")
        where.append("status = ?")
        params.append(status)
    if started_from is not None:
        where.append("started_at >= ?")
        params.append(started_from)
    if started_before is not None:
        where.append("started_at < ?")
        params.append(started_before)
    return where, params


def _group_by_table(writes: list[_Write]) -> dict[str, list[list[_Write]]]:
    """Per table, runs of consecutive writes of the same kind, in queue order.

    Order only matters within a table (an update must follow the insert of its row), since no
    table refers to another by a constraint. Grouping lets one insert_all take a table's rows.
    """
    groups: dict[str, list[list[_Write]]] = {}
    for write in writes:
        runs = groups.setdefault(write.table, [])
        if runs and runs[-1][0].kind == write.kind and write.kind != "update":
            runs[-1].append(write)
        else:
            runs.append([write])
    return groups


def _apply(table: Table, writes: list[_Write]) -> None:
    kind = writes[0].kind
    if kind == "insert":
        table.insert_all(write.row for write in writes)
    elif kind == "upsert":
        table.upsert_all((write.row for write in writes), pk=table.pks[0])
    else:
        for write in writes:
            assert write.key is not None
            table.update(write.key, write.row)
