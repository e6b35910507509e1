"""Recording from the studio, with a stand-in recorder: where the recorded steps go, under which
picture names, and what the studio shows meanwhile and afterwards. No real display is used; the
real recorder is filmed end to end in tests/e2e/test_studio_record.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.core import paths
from app.core.model.bot import (
    Bot,
    ClickStep,
    KeyStep,
    Parameter,
    Point,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import load_bot, save_bot
from app.core.recording.build import Recording
from app.core.recording.events import ClickContext, InputEvent
from app.core.recording.recorder import (
    DEFAULT_PAUSE_HOTKEY,
    DEFAULT_SECRET_HOTKEY,
    DEFAULT_STOP_HOTKEY,
    RecorderState,
    RecorderStatus,
)
from app.core.store import Store
from app.gui import studio_record
from app.gui.studio import StudioWindow
from app.gui.studio_record import unique_pictures

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]


def png(seed: int) -> bytes:
    picture = np.random.default_rng(seed).integers(0, 255, (20, 40, 3), dtype=np.uint8)
    ok, data = cv2.imencode(".png", picture)
    assert ok
    return bytes(data.tobytes())


class StandInRecorder:
    """Films nothing; ``stop`` ends it as the Stop button or the stop hotkey would."""

    made: list[StandInRecorder] = []  # noqa: RUF012 - the tests' own list of what was made

    def __init__(self, store: Store, name: str) -> None:
        self.name = name
        self.session_id = "abc123def"
        self.stop_hotkey = DEFAULT_STOP_HOTKEY
        self.pause_hotkey = DEFAULT_PAUSE_HOTKEY
        self.secret_hotkey = DEFAULT_SECRET_HOTKEY
        self.state: RecorderState = "idle"
        self.secret = False
        self.events: list[InputEvent] = []
        self.contexts: dict[int, ClickContext] = {}
        self.stopped = threading.Event()
        self.own_windows: Callable[[], set[int]] = set
        self.finished = False
        self.listeners: list[Callable[[RecorderStatus], None]] = []
        StandInRecorder.made.append(self)

    def start(self) -> str:
        self.state = "recording"
        for listener in self.listeners:
            listener(RecorderStatus(self.state, False, 0, 0))
        return self.session_id

    def wait(self, timeout: float | None = None) -> bool:
        return self.stopped.wait(timeout)

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def set_secret(self, on: bool) -> None:
        pass

    def request_stop(self) -> None:
        self.stopped.set()

    def add_status_listener(self, listener: Callable[[RecorderStatus], None]) -> None:
        self.listeners.append(listener)

    def ignore_windows(self, window_ids: Callable[[], set[int]]) -> None:
        self.own_windows = window_ids

    def finish(self, status: str = "finished") -> Recording:
        self.finished = True
        self.state = "stopped"
        return Recording(self.session_id, Path())


def recorded_steps() -> tuple[Bot, dict[str, bytes]]:
    steps: list[Step] = [
        ClickStep(id="ny-klick", thumbnail="window-00001.png", target=Target(
            absolute=Point(10, 20), anchor="click-00001.png", anchor_offset=Point(3, 3))),
        TypeTextStep(id="ny-text", text="{{losenord}}"),
    ]
    return (Bot("inspelning", parameters=[Parameter("losenord", "secret", "Lösenord")],
                steps=steps),
            {"click-00001.png": png(1), "window-00001.png": png(2)})


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> Callable[[StudioWindow], None]:
    """Makes the window's Record use the stand-in; what it films is ``recorded_steps``."""
    StandInRecorder.made.clear()
    monkeypatch.setattr(studio_record, "build_bot",
                        lambda name, recording, hotkeys: recorded_steps())

    def use(window: StudioWindow) -> None:
        window.record.recorder_factory = StandInRecorder
    return use


def open_window(qtbot: QtBot) -> StudioWindow:
    window = StudioWindow()
    qtbot.addWidget(window)
    window.ask_about_unsaved_changes = lambda name: "discard"  # type: ignore[method-assign]
    window.show()
    return window


def own_bot() -> Path:
    folder = paths.library_dir() / "handlaggning"
    save_bot(Bot("Handläggning", steps=[
        ClickStep(id="gammal", thumbnail="window-00001.png", target=Target(
            absolute=Point(1, 2), anchor="click-00001.png", anchor_offset=Point(1, 1))),
        KeyStep(id="tab", key="tab"),
        WaitStep(id="vanta", until="time", seconds=1.0)]),
        folder, {"click-00001.png": png(7), "window-00001.png": png(8)})
    return folder


def record(qtbot: QtBot, window: StudioWindow) -> StandInRecorder:
    """Press Ctrl+R's action, wait for the recorder, stop it, wait for the studio."""
    window.record_action.trigger()
    qtbot.waitUntil(lambda: bool(StandInRecorder.made)
                    and StandInRecorder.made[-1].state == "recording")
    recorder = StandInRecorder.made[-1]
    assert not window.isVisible(), "the studio is out of the way while recording"
    toolbar = window.record.toolbar
    assert toolbar is not None and toolbar.isVisible()
    qtbot.waitUntil(toolbar.stop_button.isEnabled)
    with qtbot.waitSignal(window.record.finished, timeout=5000):
        toolbar.stop_button.click()
    return recorder


def test_recorded_steps_go_into_the_open_bot_at_the_selected_row(
        qtbot: QtBot, recording: Callable[[StudioWindow], None]) -> None:
    folder = own_bot()
    window = open_window(qtbot)
    recording(window)
    assert window.select_bot(folder)
    window.step_table.selectRow(1)
    recorder = record(qtbot, window)

    assert recorder.finished and window.isVisible()
    assert window.record.toolbar is None
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    # The recorded steps (with ids of their own in this bot) come before the selected one.
    assert [step.kind for step in entry.bot.steps] == ["click", "click", "type_text", "key",
                                                       "wait"]
    assert entry.bot.steps[0].id == "gammal" and entry.bot.steps[3].id == "tab"
    assert window.is_modified() and window.unsaved_badge.isVisible()
    assert sorted(index.row() for index in window.step_table.selectionModel().selectedRows()
                  ) == [1, 2]
    # The recording's pictures are named apart from the bot's own, which keep theirs.
    new_click = entry.bot.steps[1]
    assert isinstance(new_click, ClickStep)
    assert new_click.target.anchor == "recabc123-click-00001.png"
    assert new_click.thumbnail == "recabc123-window-00001.png"
    assert [p.name for p in entry.bot.parameters] == ["losenord"]

    assert window.save()
    saved = load_bot(folder)
    assert [step.kind for step in saved.steps][:3] == ["click", "click", "type_text"]
    images = folder / "images"
    assert (images / "click-00001.png").read_bytes() == png(7)
    assert (images / "recabc123-click-00001.png").read_bytes() == png(1)


def test_with_nothing_selected_the_steps_are_added_at_the_end(
        qtbot: QtBot, recording: Callable[[StudioWindow], None]) -> None:
    folder = own_bot()
    window = open_window(qtbot)
    recording(window)
    assert window.select_bot(folder)
    window.step_table.clearSelection()
    record(qtbot, window)
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    assert [step.kind for step in entry.bot.steps] == ["click", "key", "wait", "click",
                                                       "type_text"]


def test_an_example_is_never_changed_by_recording_a_new_bot_is_made(
        qtbot: QtBot, recording: Callable[[StudioWindow], None], examples_dir: Path) -> None:
    example = examples_dir / "ovning"
    save_bot(Bot("Övning", steps=[KeyStep(id="tab", key="tab")]), example)
    window = open_window(qtbot)
    recording(window)
    assert window.select_bot(example)
    record(qtbot, window)

    assert [step.id for step in load_bot(example).steps] == ["tab"]
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    assert entry.folder.parent == paths.library_dir()
    assert entry.bot.name.startswith("Ny inspelning")
    assert [step.id for step in entry.bot.steps] == ["ny-klick", "ny-text"]
    assert (entry.folder / "images" / "click-00001.png").read_bytes() == png(1)


def test_with_no_bot_open_the_recording_becomes_a_new_bot_in_my_bots(
        qtbot: QtBot, recording: Callable[[StudioWindow], None]) -> None:
    window = open_window(qtbot)
    recording(window)
    assert window.current_entry() is None
    record(qtbot, window)
    entry = window.current_entry()
    assert entry is not None and entry.folder.parent == paths.library_dir()
    assert not window.is_modified()


def test_a_recording_with_no_steps_changes_nothing_and_says_so(
        qtbot: QtBot, recording: Callable[[StudioWindow], None],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = own_bot()
    monkeypatch.setattr(studio_record, "build_bot",
                        lambda name, recording, hotkeys: (Bot("tom"), {}))
    window = open_window(qtbot)
    recording(window)
    assert window.select_bot(folder)
    record(qtbot, window)
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None and len(entry.bot.steps) == 3
    assert not window.is_modified()
    box = window.message_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("Inget spelades in")
    box.close()


def test_the_recorder_is_told_to_ignore_the_studios_own_windows(
        qtbot: QtBot, recording: Callable[[StudioWindow], None]) -> None:
    window = open_window(qtbot)
    recording(window)
    window.record_action.trigger()
    qtbot.waitUntil(lambda: bool(StandInRecorder.made)
                    and StandInRecorder.made[-1].state == "recording")
    recorder = StandInRecorder.made[-1]
    toolbar = window.record.toolbar
    assert toolbar is not None
    assert int(toolbar.winId()) in recorder.own_windows()
    with qtbot.waitSignal(window.record.finished, timeout=5000):
        window.record.stop()


def test_recorded_picture_names_never_overwrite_the_bots_own() -> None:
    bot, pictures = recorded_steps()
    kept = unique_pictures(bot.steps, pictures, {"click-00001.png"}, "rec1")
    assert set(kept) == {"rec1-click-00001.png", "window-00001.png"}
    click = bot.steps[0]
    assert isinstance(click, ClickStep)
    assert click.target.anchor == "rec1-click-00001.png"
    assert click.thumbnail == "window-00001.png"
