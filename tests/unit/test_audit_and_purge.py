"""Every run says who ran which bot exactly; a recording's typed keys leave the database as soon
as the recording is read back; a purge removes what holds personal data and says how much,
leaving no deleted byte behind in the database file or its write-ahead log."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import paths, retention
from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep
from app.core.model.botfile import load_bot, save_bot
from app.core.recording.events import ClickContext, InputEvent
from app.core.results.history import recent_runs
from app.core.running.session import RunSession
from app.core.store import PurgeCounts, Store
from tests.unit.fake_desktop import FakeDesktop

DAY = 86_400.0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "robotfabrik.sqlite") as opened:
        yield opened


def files_of(store: Store) -> bytes:
    """The database file and its -wal and -shm, as they are on disk now."""
    return b"".join(path.read_bytes() for path in store.path.parent.glob(f"{store.path.name}*"))


# --- audit --------------------------------------------------------------------------------------


def test_a_run_records_the_user_the_bot_exactly_and_its_parameters_without_secrets(
        tmp_path: Path) -> None:
    folder = tmp_path / "inloggning"
    save_bot(Bot("Inloggning", parameters=[Parameter("anvandare"), Parameter("losen", "secret")],
                 steps=[TypeTextStep(id="namn", text="{{anvandare}}"), KeyStep(id="enter")]),
             folder)
    with RunSession(load_bot(folder), folder, drivers_factory=FakeDesktop,
                    guard=lambda target, drivers: contextlib.nullcontext()) as session:
        session.run({"anvandare": "asa", "losen": "Hemligt-123"})
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
    assert run.os_user == getpass.getuser()
    assert run.bot_sha256 == hashlib.sha256((folder / "bot.json").read_bytes()).hexdigest()
    assert run.bot_version == "1"
    assert run.parameters == {"anvandare": "asa", "losen": "•••"}
    assert run.status == "succeeded"


# --- typed keys gone once the recording is read -----------------------------------------------


def record(store: Store, typed: str, *, ended_ago: float = 0.0) -> str:
    """A finished session in which ``typed`` was typed, with a click and its context."""
    session = store.start_session("ansokan", 1920, 1080, "se")
    store.add_raw_event(session, InputEvent(0, 1.0, "press", x=5, y=5, button="left").as_row())
    store.add_click_context(session, ClickContext(seq=0, anchor="click-00000.png",
                                                  anchor_left=0, anchor_top=0).as_row())
    store.add_recorded_element(session, 0, '{"role": "text"}')
    for seq, char in enumerate(typed, start=1):
        store.add_raw_event(session, InputEvent(seq, 2.0, "key_down", key="char", char=char,
                                                keycode=30).as_row())
        store.add_raw_event(session, InputEvent(seq, 2.1, "key_up", key="char", char=char,
                                                keycode=30).as_row())
    store.end_session(session, "finished")
    store.flush()
    if ended_ago:
        store.update("recording_sessions", session, {"ended_at": time.time() - ended_ago})
        store.flush()
    return session


def test_forgetting_keystrokes_leaves_no_byte_of_them_in_the_files(store: Store) -> None:
    typed = "ÅsaÖbergPersonnummer19830309"
    session = record(store, typed)
    assert "".join(str(row["char"]) for row in store.session_events(session)
                   if row["kind"] == "key_down") == typed
    assert store.forget_keystrokes(session) == 2 * len(typed)
    kinds = {str(row["kind"]) for row in store.session_events(session)}
    assert kinds == {"press"}
    data = files_of(store)
    # A key is kept one per row, beside its kind's name: no such row is left anywhere in the
    # files (free pages included), nor the one letter typed that nothing else holds.
    assert b"key_down" not in data and b"key_up" not in data
    assert "Ö".encode() not in data and "Ö".encode("utf-16-le") not in data
    assert (store.path.parent / f"{store.path.name}-wal").stat().st_size == 0


# --- purge ---------------------------------------------------------------------------------------


def test_purge_counts_what_it_removed_and_keeps_what_is_recent(store: Store) -> None:
    old = record(store, "gammal", ended_ago=40 * DAY)
    new = record(store, "ny", ended_ago=1 * DAY)
    run_id = store.start_run("ansokan", "/bots/ansokan", {})
    store.add_step_result(run_id=run_id, step_id="s", step_index=0, step_type="click",
                          status="failed", started_at=1.0, ended_at=2.0,
                          screenshot="/data/runs/x/step-001.png")
    store.end_run(run_id, "failed", "not found")
    store.flush()
    store.update("runs", run_id, {"ended_at": time.time() - 40 * DAY})
    store.flush()

    counts = store.purge(time.time() - 30 * DAY)

    assert counts == PurgeCounts(keystrokes=12, other_raw_events=1, click_contexts=1,
                                 recorded_elements=1, screenshots=1, wal_truncated=True)
    assert store.session_events(old) == [] and store.session_contexts(old) == []
    assert len(store.session_events(new)) == 1 + 4
    assert store.step_results(run_id)[0]["screenshot"] is None
    assert store.run(run_id) is not None  # the history stays
    assert {row["id"] for row in store.sessions()} == {old, new}


def test_purge_older_than_zero_leaves_no_keystroke_of_any_session_but_spares_one_recording(
        store: Store) -> None:
    sessions = [record(store, f"text{number}") for number in range(3)]
    live = store.start_session("pågår", 1920, 1080, "se")
    store.add_raw_event(live, InputEvent(0, 1.0, "key_down", key="char", char="x").as_row())
    store.flush()
    counts = store.purge(time.time() + 1, keep_sessions=[live])
    assert counts.keystrokes == 3 * 2 * 5
    for session in sessions:
        assert store.session_events(session) == []
    assert len(store.session_events(live)) == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(typed=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö0123456789", min_size=8,
                              max_size=20), min_size=1, max_size=4))
def test_after_purge_no_typed_text_is_in_the_database_or_its_log(tmp_path: Path,
                                                                typed: list[str]) -> None:
    folder = tmp_path / f"db-{time.monotonic_ns()}"
    with Store(folder / "robotfabrik.sqlite") as store:
        for text in typed:
            record(store, text)
        store.purge(time.time() + 1)
        data = files_of(store)
    # Keys are stored one per row, so the text never stood whole in the file; each typed
    # character's row (its char beside 'key_down') must be gone.
    assert b"key_down" not in data and b"key_up" not in data


def test_retention_purges_pictures_and_rows_and_reports_them(tmp_path: Path) -> None:
    with Store(paths.database_path()) as store:
        record(store, "gammalt", ended_ago=40 * DAY)
        old_pictures = paths.data_dir() / "sessions" / "gammal"
        old_pictures.mkdir(parents=True)
        (old_pictures / "click-00000.png").write_bytes(b"png")
        report = retention.purge(store, 30, now=time.time() + 40 * DAY)
    assert report.rows.keystrokes == 14
    assert report.folders == [old_pictures] and not old_pictures.exists()
    assert "raw keystrokes: 14" in report.lines()
    assert "folders of recording pictures: 1" in report.lines()


def test_the_purge_command_says_what_it_removed_per_kind(robotfabrik_home: Path) -> None:
    import subprocess
    import sys

    with Store(paths.database_path()) as store:
        record(store, "abcdef")
    result = subprocess.run([sys.executable, "-m", "app.cli", "purge", "--older-than", "0"],
                            capture_output=True, text=True, timeout=60, check=False,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0].startswith("Removed what was older than 0 days (")
    assert lines[1:6] == [
        "raw keystrokes: 12",
        "other raw events (clicks, moves, scrolls, marks): 1",
        "pictures captured at clicks: 1",
        "recorded elements: 1",
        "failure screenshots in the run log: 0",
    ]
    refused = subprocess.run([sys.executable, "-m", "app.cli", "purge", "--older-than", "-1"],
                             capture_output=True, text=True, timeout=60, check=False,
                             cwd=Path(__file__).resolve().parents[2])
    assert refused.returncode == 2
    assert refused.stderr == "robotfabrik: --older-than -1: give a number of days, 0 or more\n"
