"""The store against real SQLite files: what recorder, player and history views rely on."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlite_utils

from app.core import paths
from app.core.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, new_id


def step_row(run_id: str, index: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "run_id": run_id,
        "step_id": f"step-{index}",
        "step_index": index,
        "step_type": "click",
        "status": "succeeded",
        "started_at": 1000.0 + index,
        "ended_at": 1000.5 + index,
        "found_by": "picture",
        "score": 0.97,
    }
    row.update(changes)
    return row


def count_on_disk(path: Path, table: str) -> int:
    """Count with a connection of the test's own, so the store's reader cannot flatter it."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_a_run_is_recorded_from_start_to_end(store: Store) -> None:
    run_id = store.start_run("Ansökan", "/bots/ansokan/bot.json", {"personnummer": "19121212"})
    for index in (2, 0, 1):
        store.insert("step_results", step_row(run_id, index))
    store.end_run(run_id, "failed", "picture of 'Spara' not found")

    run = store.run(run_id)
    assert run is not None
    assert run["status"] == "failed"
    assert run["reason"] == "picture of 'Spara' not found"
    assert run["bot_name"] == "Ansökan"
    assert run["parameters_json"] == '{"personnummer": "19121212"}'
    assert isinstance(run["ended_at"], float)
    assert isinstance(run["started_at"], float)
    assert run["ended_at"] >= run["started_at"]
    assert [step["step_index"] for step in store.step_results(run_id)] == [0, 1, 2]
    assert store.run("no such run") is None


def test_runs_are_listed_newest_first(store: Store) -> None:
    older = store.start_run("a", "a/bot.json", {})
    newer = store.start_run("b", "b/bot.json", {})
    assert [run["id"] for run in store.runs()] == [newer, older]
    assert [run["id"] for run in store.runs(limit=1)] == [newer]


def test_a_recording_session_keeps_its_events_in_order(store: Store) -> None:
    session_id = store.start_session("Ansökan", 1920, 1080, "se")
    for seq, kind in [(1, "key_down"), (0, "click"), (2, "key_up")]:
        store.insert(
            "raw_events",
            {"session_id": session_id, "seq": seq, "t": 5.0 + seq, "kind": kind, "char": "å"},
        )
    store.log("INFO", "recording started", session_id=session_id)

    assert [event["kind"] for event in store.session_events(session_id)] == [
        "click", "key_down", "key_up",
    ]
    assert [session["id"] for session in store.sessions(status="recording")] == [session_id]

    store.end_session(session_id, "finished")
    assert store.sessions(status="recording") == []
    (session,) = store.sessions()
    assert session["status"] == "finished"
    assert session["keyboard_layout"] == "se"
    assert [line["message"] for line in store.log_lines(session_id=session_id)] == [
        "recording started"
    ]


def test_reader_sees_its_own_writes_after_flush(store: Store) -> None:
    run_id = store.start_run("bot", "bot.json", {})
    # Readers flush first, so no explicit flush is needed to see one's own rows.
    assert store.run(run_id) is not None
    store.insert("step_results", step_row(run_id, 0))
    store.flush()
    assert count_on_disk(store.path, "step_results") == 1


def test_rows_written_from_many_threads_all_arrive(store: Store) -> None:
    session_id = store.start_session("bot", 800, 600, None)
    threads_count, per_thread = 8, 500
    start = threading.Barrier(threads_count)

    def record(thread_number: int) -> None:
        start.wait()
        for n in range(per_thread):
            seq = thread_number * per_thread + n
            store.insert(
                "raw_events", {"session_id": session_id, "seq": seq, "t": float(n), "kind": "move"}
            )
            store.log("DEBUG", f"{thread_number}:{n}", session_id=session_id)

    threads = [threading.Thread(target=record, args=(number,)) for number in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    events = store.session_events(session_id)
    assert [event["seq"] for event in events] == list(range(threads_count * per_thread))
    assert len(store.log_lines(session_id=session_id)) == threads_count * per_thread


def test_a_caller_never_waits_for_the_disk(store: Store) -> None:
    # A listener that will not return holds the writer thread as a stalled disk would.
    writer_held = threading.Event()
    release = threading.Event()

    def stall(table: str) -> None:
        writer_held.set()
        release.wait(timeout=30)

    store.add_listener(stall)
    run_id = store.start_run("bot", "bot.json", {})
    assert writer_held.wait(timeout=10)

    for index in range(5000):
        store.insert("step_results", step_row(run_id, index))
    store.log("INFO", "still typing", run_id=run_id)

    # Every call above came back although the writer has not written a single one of the rows.
    assert not release.is_set()
    assert count_on_disk(store.path, "step_results") == 0
    release.set()
    store.remove_listener(stall)
    store.flush()
    assert count_on_disk(store.path, "step_results") == 5000


def test_listeners_hear_which_tables_were_committed(store: Store) -> None:
    heard: list[str] = []
    store.add_listener(heard.append)
    run_id = store.start_run("bot", "bot.json", {})
    store.flush()
    store.insert("step_results", step_row(run_id, 0))
    store.log("INFO", "done", run_id=run_id)
    store.flush()
    assert heard[0] == "runs"
    assert set(heard[1:]) == {"step_results", "log_lines"}


def test_a_broken_listener_does_not_stop_the_writer(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.errors_expected = True  # type: ignore[attr-defined]

    def broken(table: str) -> None:
        raise RuntimeError("listener bug")

    store.add_listener(broken)
    first = store.start_run("bot", "bot.json", {})
    second = store.start_run("bot", "bot.json", {})
    assert store.run(first) is not None
    assert store.run(second) is not None
    assert "listener bug" in caplog.text


def test_reading_works_from_another_thread(store: Store) -> None:
    run_id = store.start_run("bot", "bot.json", {})
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(store.run(run_id)))
    reader.start()
    reader.join()
    assert found and found[0] is not None


def test_unknown_tables_and_columns_are_refused_at_the_call(store: Store) -> None:
    with pytest.raises(ValueError, match="no table 'steps'"):
        store.insert("steps", {"id": 1})
    with pytest.raises(ValueError, match=r"no column\(s\) \['colour'\]"):
        store.insert("step_results", step_row("r", 0, colour="red"))
    with pytest.raises(ValueError, match="no column"):
        store.update("runs", "r", {"finished": True})
    with pytest.raises(ValueError, match="not a status"):
        store.end_run("r", "exploded", None)
    store.flush()


def test_upsert_inserts_a_new_row_and_replaces_an_existing_one(store: Store) -> None:
    row: dict[str, object] = {
        "id": "imported-run", "bot_name": "bot", "bot_path": "bot.json", "started_at": 1.0,
        "status": "running", "parameters_json": "{}",
    }
    store.upsert("runs", row)
    store.upsert("runs", row | {"status": "aborted", "reason": "user pressed Esc"})
    run = store.run("imported-run")
    assert run is not None
    assert (run["status"], run["reason"], run["parameters_json"]) == (
        "aborted", "user pressed Esc", "{}",
    )
    with pytest.raises(ValueError, match="primary key 'id'"):
        store.upsert("runs", {"status": "aborted"})


def test_writer_failure_is_reported_not_swallowed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.errors_expected = True  # type: ignore[attr-defined]
    path = tmp_path / "locked.sqlite"
    with Store(path, busy_timeout=0.1) as store:
        # Another program holding the write lock is an environment failure, not a bug.
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        store.log("INFO", "lost while the file is locked")
        with pytest.raises(StoreError, match="locked"):
            store.flush()
        assert "locked" in caplog.text

        other.execute("ROLLBACK")
        other.close()
        # Reported once; the store goes on working once the lock is gone.
        store.log("INFO", "written after the lock was released")
        store.flush()
        lines = store._query("SELECT message FROM log_lines")
        assert [line["message"] for line in lines] == ["written after the lock was released"]


def test_a_bad_row_is_reported_and_the_rows_around_it_are_kept(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.errors_expected = True  # type: ignore[attr-defined]
    run_id = store.start_run("bot", "bot.json", {})
    store.insert("step_results", step_row(run_id, 0))
    # The schema refuses this status; the mistake is the program's, so its own error comes out.
    store.insert("step_results", step_row(run_id, 1, status="done"))
    store.insert("step_results", step_row(run_id, 2))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
        store.flush()
    assert [step["step_index"] for step in store.step_results(run_id)] == [0, 2]
    assert store.run(run_id) is not None


def test_a_failure_is_raised_by_close_when_nobody_flushed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.errors_expected = True  # type: ignore[attr-defined]
    store = Store(tmp_path / "db.sqlite")
    store.update("runs", "never-started", {"status": "failed"})
    with pytest.raises(sqlite_utils.db.NotFoundError):
        store.close()
    store.close()


def test_close_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = Store(path)
    for n in range(2000):
        store.log("DEBUG", f"line {n}")
    store.close()
    store.close()
    # Everything queued before close reached the disk, and nothing can be queued after it.
    assert count_on_disk(path, "log_lines") == 2000
    with pytest.raises(RuntimeError, match="closed"):
        store.log("INFO", "too late")
    with pytest.raises(RuntimeError, match="closed"):
        store.runs()
    store.flush()


def test_a_new_database_is_in_wal_mode_with_the_history_indexes(store: Store) -> None:
    store.close()
    db = sqlite_utils.Database(store.path)
    try:
        assert db.journal_mode == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexed = {
            (table, tuple(index.columns))
            for table in db.table_names()
            for index in db.table(table).indexes
        }
    finally:
        db.close()
    assert {
        ("raw_events", ("session_id", "seq")),
        ("step_results", ("run_id", "step_index")),
        ("runs", ("started_at",)),
        ("runs", ("bot_name", "started_at")),
        ("recording_sessions", ("started_at",)),
        ("log_lines", ("run_id", "t")),
        ("log_lines", ("session_id", "t")),
    } <= indexed


def test_reopening_migrates_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite_utils.Database(path)
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.table("runs").insert(
        {"id": "old-run", "bot_name": "bot", "bot_path": "bot.json", "started_at": 1.0,
         "status": "succeeded"}
    )
    old.close()
    assert SCHEMA_VERSION > 1

    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [run["id"] for run in store.runs()] == ["old-run"]
        run_id = store.start_run("bot", "bot.json", {})
        assert store.run(run_id) is not None

    with Store(path) as again:
        assert again.schema_version() == SCHEMA_VERSION
        assert len(again.runs()) == 2


def test_a_database_from_a_newer_version_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    with Store(path):
        pass
    future = sqlite3.connect(path)
    future.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    future.close()

    with pytest.raises(StoreError) as refused:
        Store(path)
    message = str(refused.value)
    assert str(path) in message
    assert (
        f"was made by a newer Robotfabrik (schema {SCHEMA_VERSION + 5}, "
        f"this one knows {SCHEMA_VERSION})"
    ) in message


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store(path)


def test_open_default_uses_the_data_directory(robotfabrik_home: Path) -> None:
    with Store.open_default() as store:
        assert store.path == paths.database_path()
        assert store.path.parent == robotfabrik_home


def test_ids_sort_in_the_order_they_were_made() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == ids
    assert all(len(one) == len(ids[0]) for one in ids)


def test_a_listener_may_read_the_store_it_listens_to(store: Store) -> None:
    seen: list[int] = []

    def count_runs(table: str) -> None:
        # Runs on the writer thread, where flush() must not wait for the writer itself.
        if table == "runs":
            seen.append(len(store.runs()))

    store.add_listener(count_runs)
    store.start_run("bot", "bot.json", {})
    store.flush()
    assert seen == [1]
