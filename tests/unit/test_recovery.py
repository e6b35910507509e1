"""Recovery of recordings whose recorder died, against a real store in a temporary folder.

Sessions are written the way the recorder writes them (``start_session`` and raw event rows);
a recorder that "died" is a process that really ran and ended.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
import sqlite_utils

from app.cli import main
from app.core.model.bot import ClickStep, KeyStep, Point, TypeTextStep
from app.core.model.botfile import load_bot
from app.core.recording.events import ClickContext, InputEvent
from app.core.recording.recovery import (
    RecoveryError,
    describe_events,
    find_session,
    interrupted_sessions,
    load_recording,
    recorder_alive,
    recover,
)
from app.core.store import MIGRATIONS, Store


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that ran and ended (and was collected by its parent)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def png(width: int = 80, height: int = 50) -> bytes:
    ok, data = cv2.imencode(".png", np.full((height, width, 3), 200, np.uint8))
    assert ok
    return bytes(data.tobytes())


class Session:
    """Writes a recording session's rows as the recorder does, event by event."""

    def __init__(self, store: Store, bot_name: str, pid: int | None) -> None:
        self.store = store
        self.id = store.start_session(bot_name, 1920, 1080, "us", pid=pid)
        self.seq = 0
        self.t = time.time()

    def add(self, kind: str, **values: object) -> int:
        self.seq += 1
        self.t += 0.1
        event = InputEvent(self.seq, self.t, kind, **values)  # type: ignore[arg-type]
        self.store.add_raw_event(self.id, event.as_row())
        return self.seq

    def click(self, x: int, y: int, *, picture: bytes | None = None,
              title: str = "Socialsystemet – Inloggning") -> int:
        seq = self.add("press", x=x, y=y, button="left")
        self.add("release", x=x, y=y, button="left")
        name = f"click-{seq:05d}.png"
        if picture is not None:
            folder = Path(os.environ["ROBOTFABRIK_HOME"]) / "sessions" / self.id
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(picture)
        context = ClickContext(seq, anchor=name if picture is not None else None,
                               anchor_left=x - 40, anchor_top=y - 25, window_title=title)
        self.store.add_click_context(self.id, context.as_row())
        return seq

    def type(self, text: str) -> None:
        for char in text:
            self.add("key_down", key="char", char=char, keycode=38)
            self.add("key_up", key="char", char=char, keycode=38)

    def key(self, name: str, keycode: int) -> None:
        self.add("key_down", key=name, keycode=keycode)
        self.add("key_up", key=name, keycode=keycode)


# --- is the recorder still there? -------------------------------------------------------------


def test_a_running_process_that_began_before_the_session_is_its_recorder() -> None:
    assert recorder_alive(os.getpid(), time.time())


def test_an_ended_process_is_no_recorder(dead_pid: int) -> None:
    assert not recorder_alive(dead_pid, time.time() - 5)


def test_a_process_that_began_after_the_session_reuses_the_recorders_id() -> None:
    a_month_ago = time.time() - 30 * 24 * 3600
    assert not recorder_alive(os.getpid(), a_month_ago)


def test_a_session_without_a_process_id_or_with_a_nonsense_one_has_no_recorder() -> None:
    assert not recorder_alive(None, time.time())
    assert not recorder_alive(0, time.time())
    assert not recorder_alive(-1, time.time())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies as /proc shows them")
def test_a_killed_recorder_its_parent_has_not_collected_yet_is_gone() -> None:
    started = time.time()
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert recorder_alive(process.pid, started + 0.5)
        process.kill()
        state = ""
        deadline = time.monotonic() + 10
        while state != "Z" and time.monotonic() < deadline:
            time.sleep(0.01)
            stat = Path(f"/proc/{process.pid}/stat").read_text()
            state = stat[stat.rindex(")") + 2]
        assert state == "Z", "the killed process never became a zombie"
        assert not recorder_alive(process.pid, started + 0.5)
    finally:
        process.kill()
        process.wait()


# --- listing ----------------------------------------------------------------------------------


def test_a_session_whose_recorder_died_is_listed_with_its_counts(
        store: Store, dead_pid: int) -> None:
    session = Session(store, "Ansökan", dead_pid)
    session.click(300, 200)
    session.type("anna")
    [summary] = interrupted_sessions(store)
    assert (summary.session_id, summary.bot_name, summary.status, summary.state) == (
        session.id, "Ansökan", "recording", "recorder gone")
    assert (summary.events, summary.clicks, summary.recorder_pid) == (10, 1, dead_pid)


def test_sessions_still_recording_or_finished_are_not_listed(
        store: Store, dead_pid: int) -> None:
    Session(store, "pågår", os.getpid()).type("x")
    finished = Session(store, "klar", dead_pid)
    finished.type("y")
    store.end_session(finished.id, "finished")
    assert interrupted_sessions(store) == []


def test_sessions_marked_interrupted_are_listed_newest_first(store: Store, dead_pid: int) -> None:
    older = Session(store, "först", None)
    store.end_session(older.id, "interrupted")
    newer = Session(store, "sedan", dead_pid)
    assert [(s.session_id, s.state) for s in interrupted_sessions(store)] == [
        (newer.id, "recorder gone"), (older.id, "interrupted")]


def test_a_recording_session_from_before_process_ids_were_kept_counts_as_interrupted(
        robotfabrik_home: Path) -> None:
    file = robotfabrik_home / "robotfabrik.sqlite"
    old = sqlite_utils.Database(file)
    MIGRATIONS[0](old)
    MIGRATIONS[1](old)
    old.execute("PRAGMA user_version = 2")
    old["recording_sessions"].insert({
        "id": "0190000000000aaaaaaaaaaaaaaaa", "bot_name": "gammal", "started_at": 1.7e9,
        "status": "recording", "screen_width": 800, "screen_height": 600})
    old.conn.commit()
    old.close()
    with Store(file) as store:
        [summary] = interrupted_sessions(store)
    assert (summary.bot_name, summary.recorder_pid, summary.events) == ("gammal", None, 0)


# --- finding a session by id ------------------------------------------------------------------


def test_a_session_is_found_by_its_id_or_a_prefix_of_six_or_more_characters(
        store: Store, dead_pid: int) -> None:
    session = Session(store, "bot", dead_pid)
    assert find_session(store, session.id).session_id == session.id
    assert find_session(store, session.id[:12].upper()).session_id == session.id
    with pytest.raises(RecoveryError, match="at least its first 6 characters"):
        find_session(store, session.id[:5])
    with pytest.raises(RecoveryError, match="is not a session id"):
        find_session(store, "session-1")


def test_an_unknown_or_ambiguous_id_says_so(store: Store, dead_pid: int) -> None:
    first = Session(store, "a", dead_pid)
    second = Session(store, "b", dead_pid)
    # Ids begin with their creation time in milliseconds: made together, they begin alike.
    common = first.id[:8]
    assert second.id.startswith(common)
    with pytest.raises(RecoveryError, match=f"is the start of 2 session ids .*{second.id}"):
        find_session(store, common)
    with pytest.raises(RecoveryError, match="there is no recording session ffffffffffff"):
        find_session(store, "ffffffffffff")


# --- loading and recovering -------------------------------------------------------------------


def test_a_recording_loads_with_its_events_in_order_and_what_was_seen(
        store: Store, dead_pid: int, robotfabrik_home: Path) -> None:
    session = Session(store, "bot", dead_pid)
    seq = session.click(300, 200, picture=png())
    session.type("ab")
    recording = load_recording(store, session.id)
    assert [event.seq for event in recording.events] == list(range(1, 7))
    assert recording.events[0] == InputEvent(1, recording.events[0].t, "press", x=300, y=200,
                                             button="left")
    assert recording.contexts[seq].anchor == "click-00001.png"
    assert recording.contexts[seq].ignored is False
    assert recording.pictures_dir == robotfabrik_home / "sessions" / session.id


def test_recovering_saves_the_steps_recorded_so_far_and_marks_the_session(
        store: Store, dead_pid: int, robotfabrik_home: Path) -> None:
    session = Session(store, "Ekonomiskt bistånd", dead_pid)
    session.click(300, 200, picture=png())
    session.type("handlaggare")
    session.key("tab", 23)
    session.type("ovni")  # the recorder died here, halfway through a word

    bot, file = recover(store, session.id[:10])

    folder = robotfabrik_home / "recordings" / "Ekonomiskt bistånd"
    assert file == folder / "bot.json"
    saved = load_bot(folder)
    assert saved.name == bot.name == "Ekonomiskt bistånd"
    click, typed, tab, rest = saved.steps
    assert isinstance(click, ClickStep) and click.target.absolute == Point(300, 200)
    assert click.target.anchor == "click-00001.png"
    assert (folder / "images" / "click-00001.png").read_bytes() == png()
    assert isinstance(typed, TypeTextStep) and typed.text == "handlaggare"
    assert isinstance(tab, KeyStep) and tab.key == "tab"
    assert isinstance(rest, TypeTextStep) and rest.text == "ovni"

    [row] = store.sessions()
    assert row["status"] == "interrupted"
    assert row["ended_at"] == pytest.approx(session.t)
    assert [s.state for s in interrupted_sessions(store)] == ["interrupted"]


def test_a_recovered_bot_takes_the_name_and_folder_it_is_given(
        store: Store, dead_pid: int, tmp_path: Path) -> None:
    session = Session(store, "inspelning", dead_pid)
    session.type("x")
    bot, file = recover(store, session.id, "Nytt namn", tmp_path / "ut")
    assert bot.name == "Nytt namn"
    assert file == tmp_path / "ut" / "bot.json"
    assert json.loads(file.read_text(encoding="utf-8"))["name"] == "Nytt namn"


def test_an_existing_bot_is_replaced_only_when_asked(
        store: Store, dead_pid: int, tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    first = Session(store, "bot", dead_pid)
    first.type("first")
    recover(store, first.id, folder=folder)
    second = Session(store, "bot", dead_pid)
    second.type("second")
    with pytest.raises(RecoveryError, match="already holds a bot"):
        recover(store, second.id, folder=folder)
    assert [s.text for s in load_bot(folder).steps if isinstance(s, TypeTextStep)] == ["first"]
    recover(store, second.id, folder=folder, overwrite=True)
    assert [s.text for s in load_bot(folder).steps if isinstance(s, TypeTextStep)] == ["second"]


def test_a_click_whose_picture_was_cut_short_keeps_its_point_only(
        store: Store, dead_pid: int, tmp_path: Path) -> None:
    session = Session(store, "bot", dead_pid)
    session.click(300, 200, picture=png()[:40])
    session.click(500, 400, picture=png())
    bot, file = recover(store, session.id, folder=tmp_path / "bot")
    first, second = bot.steps
    assert isinstance(first, ClickStep) and first.target.anchor is None
    assert first.target.absolute == Point(300, 200)
    assert isinstance(second, ClickStep) and second.target.anchor == "click-00003.png"
    assert sorted(p.name for p in (file.parent / "images").iterdir()) == ["click-00003.png"]


def test_a_session_without_events_has_nothing_to_recover(
        store: Store, dead_pid: int, robotfabrik_home: Path) -> None:
    session = Session(store, "tom", dead_pid)
    with pytest.raises(RecoveryError) as raised:
        recover(store, session.id)
    assert str(raised.value) == (f"the recording {session.id} (tom) has no events: nothing was "
                                 "recorded before it stopped")
    assert not (robotfabrik_home / "recordings").exists()
    assert store.sessions()[0]["status"] == "interrupted"


def test_a_session_stopped_before_its_first_step_says_what_it_holds(
        store: Store, dead_pid: int) -> None:
    session = Session(store, "nästan", dead_pid)
    session.key("shift", 50)
    with pytest.raises(RecoveryError) as raised:
        recover(store, session.id)
    assert str(raised.value) == (f"the recording {session.id} (nästan) has events but no steps "
                                 "yet (only 2 events: shift down, shift up)")


def test_a_session_still_recording_or_finished_is_not_recovered(
        store: Store, dead_pid: int) -> None:
    running = Session(store, "pågår", os.getpid())
    running.type("x")
    with pytest.raises(RecoveryError, match=f"is still going on .recorder process {os.getpid()}"):
        recover(store, running.id)
    assert store.sessions()[0]["status"] == "recording"
    finished = Session(store, "klar", dead_pid)
    finished.type("y")
    store.end_session(finished.id, "finished")
    with pytest.raises(RecoveryError, match="ended normally"):
        recover(store, finished.id)


def test_events_are_described_briefly() -> None:
    events = [InputEvent(1, 0.0, "press", x=3, y=4, button="left"),
              InputEvent(2, 0.1, "key_down", key="char", char="a"),
              InputEvent(3, 0.2, "mark", key="pause"),
              InputEvent(4, 0.3, "scroll", x=1, y=1, dy=-1)]
    assert describe_events(events) == ("4 events: left button down at 3,4, 'a' down, "
                                       "pause mark, scroll")
    assert describe_events(events, limit=1) == "4 events: left button down at 3,4, …"
    assert describe_events(events[2:3]) == "1 event: pause mark"


# --- the command ------------------------------------------------------------------------------


def test_the_command_lists_interrupted_recordings_and_recovers_one(
        store: Store, dead_pid: int, robotfabrik_home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recover"]) == 0
    assert capsys.readouterr().out == "There are no interrupted recordings.\n"

    session = Session(store, "Ansökan", dead_pid)
    session.click(300, 200)
    session.type("anna")
    store.flush()
    assert main(["recover"]) == 0
    header, row, hint = capsys.readouterr().out.splitlines()
    assert header.split() == ["session", "bot", "started", "events", "clicks", "status"]
    assert row.startswith(f"{session.id}  Ansökan  ")
    assert row.split()[-4:] == ["10", "1", "recorder", "gone"]
    assert "robotfabrik recover SESSION_ID" in hint

    assert main(["recover", session.id[:8], "--bot", "Räddad"]) == 0
    out = capsys.readouterr().out
    file = robotfabrik_home / "recordings" / "Räddad" / "bot.json"
    assert out == f"Recovered 2 steps from session {session.id} to {file}\n"
    assert main(["recover", session.id[:8], "--bot", "Räddad"]) == 2
    assert "already holds a bot; choose another --bot name or --overwrite" in (
        capsys.readouterr().err)


def test_the_commands_mistakes_are_one_line_each(
        store: Store, dead_pid: int, capsys: pytest.CaptureFixture[str]) -> None:
    session = Session(store, "tom", dead_pid)
    store.flush()
    for arguments, message in [
        (["recover", "abc"], "'abc' is not a session id"),
        (["recover", "abcdef"], "there is no recording session abcdef"),
        (["recover", session.id], "has no events: nothing was recorded before it stopped"),
        (["recover", "--bot", "x"], "need a SESSION_ID"),
    ]:
        assert main(arguments) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        [line] = captured.err.splitlines()
        assert line.startswith("robotfabrik: ") and message in line


def test_a_recovered_recording_keeps_the_elements_the_tree_named(tmp_path: Path) -> None:
    from app.core.model.bot import ClickStep, Selector
    from app.core.model.botfile import selector_to_text
    from app.core.recording.build import build_bot
    from app.core.recording.recovery import load_recording
    from app.core.store import Store

    button = Selector(api="atspi", role="push button", name="Sök", element_id="search")
    with Store(tmp_path / "r.sqlite") as store:
        session = store.start_session("sok", 1920, 1080, "se")
        store.add_raw_event(session, {"seq": 1, "t": 1.0, "kind": "press", "x": 5, "y": 6,
                                      "button": "left"})
        store.add_raw_event(session, {"seq": 2, "t": 1.1, "kind": "release", "x": 5, "y": 6,
                                      "button": "left"})
        store.add_recorded_element(session, 1, selector_to_text(button))
        store.add_recorded_element(session, 2, "{not a selector")
        store.flush()
        recording = load_recording(store, session)
    assert recording.selectors == {1: button}
    bot, _pictures = build_bot("sok", recording)
    [click] = bot.steps
    assert isinstance(click, ClickStep) and click.target.selector == button
