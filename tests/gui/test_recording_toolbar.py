"""The recording toolbar, driven the way a caseworker uses it while a routine is filmed.

The recorder here is a stand-in that notes what it was asked and answers with statuses, from
another thread when the real one would; the real recorder's listeners need a display.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.hotkeys import hotkey_text, parse_hotkey
from app.core.recording.events import ClickContext, InputEvent
from app.core.recording.recorder import (
    DEFAULT_PAUSE_HOTKEY,
    DEFAULT_SECRET_HOTKEY,
    DEFAULT_STOP_HOTKEY,
    Recorder,
    RecorderState,
    RecorderStatus,
)
from app.core.store import Store
from app.gui import i18n
from app.gui.qt import Qt
from app.gui.recording_toolbar import (
    PAUSED_COLOUR,
    RECORDING_COLOUR,
    RecordingToolbar,
    elapsed_text,
    record_with_toolbar,
)

# The offscreen platform cannot stack windows (an always-on-top window asks it to) and says so;
# on a real display nothing is wrong.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       r"This plugin does not support raise\(\)")


class StandInRecorder:
    """Answers like the recorder: controls come back as statuses from the recorder's thread."""

    def __init__(self, state: RecorderState = "recording", *,
                 stop_hotkey: frozenset[str] = DEFAULT_STOP_HOTKEY,
                 pause_hotkey: frozenset[str] = DEFAULT_PAUSE_HOTKEY,
                 secret_hotkey: frozenset[str] = DEFAULT_SECRET_HOTKEY) -> None:
        self.stop_hotkey = stop_hotkey
        self.pause_hotkey = pause_hotkey
        self.secret_hotkey = secret_hotkey
        self.state: RecorderState = state
        self.secret = False
        self.events: list[InputEvent] = []
        self.contexts: dict[int, ClickContext] = {}
        self.asked: list[str] = []
        self.listeners: list[Callable[[RecorderStatus], None]] = []
        self.own_windows: Callable[[], set[int]] = set
        self.stopped = threading.Event()

    def _answer(self) -> None:
        status = RecorderStatus(self.state, self.secret, len(self.events), 0)
        thread = threading.Thread(target=lambda: [listener(status)
                                                  for listener in self.listeners])
        thread.start()
        thread.join()

    def start(self) -> str:
        self.asked.append("start")
        self.state = "recording"
        self._answer()
        return "session-1"

    def wait(self, timeout: float | None = None) -> bool:
        return self.stopped.wait(timeout)

    def pause(self) -> None:
        self.asked.append("pause")
        self.state = "paused"
        self._answer()

    def resume(self) -> None:
        self.asked.append("resume")
        self.state = "recording"
        self._answer()

    def set_secret(self, on: bool) -> None:
        self.asked.append(f"secret {'on' if on else 'off'}")
        self.secret = on
        self._answer()

    def request_stop(self) -> None:
        self.asked.append("stop")
        self.stopped.set()

    def add_status_listener(self, listener: Callable[[RecorderStatus], None]) -> None:
        self.listeners.append(listener)

    def ignore_windows(self, window_ids: Callable[[], set[int]]) -> None:
        self.own_windows = window_ids


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sv"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(None)


@pytest.fixture
def recorder() -> StandInRecorder:
    return StandInRecorder()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def toolbar(qtbot: QtBot, language: str, recorder: StandInRecorder,
            clock: Clock) -> RecordingToolbar:
    widget = RecordingToolbar(recorder, clock=clock)
    qtbot.addWidget(widget)
    widget.show_at_top_centre()
    return widget


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_recording_shows_a_red_dot_and_says_so(toolbar: RecordingToolbar) -> None:
    assert toolbar.dot.colour.name() == RECORDING_COLOUR
    assert toolbar.state_label.text() == "Spelar in"
    assert toolbar.pause_button.text() == "Pausa (Ctrl+F11)"
    assert toolbar.windowTitle() == "Robotfabrik – Spelar in"
    assert not toolbar.secret_notice.isVisible()


def test_a_paused_recording_shows_a_grey_dot_and_offers_to_go_on(
        toolbar: RecordingToolbar) -> None:
    toolbar.show_status(RecorderStatus("paused", False, 3, 1))
    assert toolbar.dot.colour.name() == PAUSED_COLOUR
    assert toolbar.state_label.text() == "Pausad"
    assert toolbar.pause_button.text() == "Fortsätt (Ctrl+F11)"
    assert toolbar.windowTitle() == "Robotfabrik – Pausad"


def test_the_buttons_stay_put_when_pause_turns_into_resume(toolbar: RecordingToolbar) -> None:
    before = {b.objectName(): b.geometry() for b in (toolbar.pause_button,
                                                      toolbar.secret_button,
                                                      toolbar.stop_button)}
    width = toolbar.width()
    toolbar.show_status(RecorderStatus("paused", False, 3, 1))
    toolbar.adjustSize()
    after = {b.objectName(): b.geometry() for b in (toolbar.pause_button,
                                                     toolbar.secret_button,
                                                     toolbar.stop_button)}
    assert after == before
    assert toolbar.width() == width


def test_the_clock_counts_recorded_time_only(toolbar: RecordingToolbar, clock: Clock) -> None:
    clock.now += 30
    toolbar.refresh()
    assert toolbar.elapsed_label.text() == "00:30"
    toolbar.show_status(RecorderStatus("paused", False, 0, 0))
    clock.now += 100
    toolbar.refresh()
    assert toolbar.elapsed_label.text() == "00:30"
    toolbar.show_status(RecorderStatus("recording", False, 0, 0))
    clock.now += 15
    toolbar.refresh()
    assert toolbar.elapsed_label.text() == "00:45"
    assert toolbar.elapsed_s() == pytest.approx(45)


def test_the_clock_starts_when_the_recorder_starts(qtbot: QtBot, language: str,
                                                   clock: Clock) -> None:
    recorder = StandInRecorder("idle")
    toolbar = RecordingToolbar(recorder, clock=clock)
    qtbot.addWidget(toolbar)
    clock.now += 50
    recorder.start()
    qtbot.waitUntil(lambda: toolbar.state == "recording")
    clock.now += 7
    toolbar.refresh()
    assert toolbar.elapsed_label.text() == "00:07"


def test_the_buttons_name_their_hotkeys(toolbar: RecordingToolbar) -> None:
    assert toolbar.secret_button.text() == "Hemligt (Ctrl+F10)"
    assert toolbar.stop_button.text() == "Stoppa (Ctrl+F12)"
    assert "Ctrl+F11" in toolbar.pause_button.toolTip()
    assert "Ctrl+F10" in toolbar.secret_button.toolTip()
    assert "Ctrl+F12" in toolbar.stop_button.toolTip()


def test_the_hotkeys_shown_are_the_ones_the_recorder_listens_for(
        qtbot: QtBot, language: str, tmp_path: Path) -> None:
    with Store(tmp_path / "store.sqlite") as store:
        recorder = Recorder(store, "egen", stop_hotkey=parse_hotkey("ctrl+shift+s"),
                            pause_hotkey=parse_hotkey("alt+F9"),
                            secret_hotkey=parse_hotkey("ctrl+alt+h"))
        toolbar = RecordingToolbar(recorder)
        qtbot.addWidget(toolbar)
        assert toolbar.stop_button.text() == "Stoppa (Ctrl+Shift+S)"
        assert toolbar.pause_button.text() == "Pausa (Alt+F9)"
        assert toolbar.secret_button.text() == "Hemligt (Ctrl+Alt+H)"


def test_pause_and_resume_ask_the_recorder(qtbot: QtBot, toolbar: RecordingToolbar,
                                           recorder: StandInRecorder) -> None:
    click(qtbot, toolbar.pause_button)
    qtbot.waitUntil(lambda: toolbar.state == "paused")
    assert toolbar.pause_button.text() == "Fortsätt (Ctrl+F11)"
    click(qtbot, toolbar.pause_button)
    qtbot.waitUntil(lambda: toolbar.state == "recording")
    assert recorder.asked == ["pause", "resume"]


def test_hemligt_switches_the_secret_mode_and_says_what_it_means(
        qtbot: QtBot, toolbar: RecordingToolbar, recorder: StandInRecorder) -> None:
    click(qtbot, toolbar.secret_button)
    qtbot.waitUntil(toolbar.secret_notice.isVisible)
    assert toolbar.secret_notice.text() == "Hemligt läge – det du skriver sparas inte"
    assert toolbar.secret_button.isChecked()
    click(qtbot, toolbar.secret_button)
    qtbot.waitUntil(lambda: not toolbar.secret_notice.isVisible())
    assert not toolbar.secret_button.isChecked()
    assert recorder.asked == ["secret on", "secret off"]


def test_the_secret_hotkey_shows_on_the_button_without_asking_again(
        toolbar: RecordingToolbar, recorder: StandInRecorder) -> None:
    toolbar.show_status(RecorderStatus("recording", True, 0, 0))
    assert toolbar.secret_button.isChecked()
    assert toolbar.secret_notice.isVisible()
    assert recorder.asked == []


def test_stop_asks_the_recorder_to_stop(qtbot: QtBot, toolbar: RecordingToolbar,
                                        recorder: StandInRecorder) -> None:
    click(qtbot, toolbar.stop_button)
    assert recorder.asked == ["stop"]
    assert recorder.wait(0)


def test_a_stopped_recording_offers_no_buttons(toolbar: RecordingToolbar) -> None:
    toolbar.show_status(RecorderStatus("stopped", False, 0, 0))
    assert not toolbar.pause_button.isEnabled()
    assert not toolbar.secret_button.isEnabled()
    assert not toolbar.stop_button.isEnabled()


def test_the_step_count_is_what_the_bot_would_have(toolbar: RecordingToolbar,
                                                   recorder: StandInRecorder) -> None:
    recorder.events.extend([
        InputEvent(1, 1.0, "press", x=10, y=10, button="left"),
        InputEvent(2, 1.1, "release", x=10, y=10, button="left"),
        InputEvent(3, 2.0, "key_down", key="char", char="a", keycode=38),
        InputEvent(4, 2.1, "key_up", key="char", char="a", keycode=38),
        InputEvent(5, 2.2, "key_down", key="char", char="b", keycode=56),
        InputEvent(6, 2.3, "key_up", key="char", char="b", keycode=56),
        # A click on the toolbar itself
        InputEvent(7, 3.0, "press", x=900, y=10, button="left"),
        InputEvent(8, 3.1, "release", x=900, y=10, button="left"),
    ])
    recorder.contexts[7] = ClickContext(seq=7, ignored=True)
    toolbar.refresh()
    assert toolbar.step_count == 2
    assert toolbar.steps_label.text() == "2 steg"


def test_the_toolbar_never_takes_the_keyboard(toolbar: RecordingToolbar) -> None:
    assert toolbar.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert toolbar.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    for button in (toolbar.pause_button, toolbar.secret_button, toolbar.stop_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_recorder_is_told_the_toolbars_own_window(toolbar: RecordingToolbar,
                                                      recorder: StandInRecorder) -> None:
    assert int(toolbar.winId()) in recorder.own_windows()


def test_the_toolbar_sits_at_the_top_centre_of_the_screen(toolbar: RecordingToolbar) -> None:
    area = toolbar.screen().availableGeometry()
    assert abs(toolbar.geometry().center().x() - area.center().x()) <= 1
    assert 0 <= toolbar.y() - area.y() <= 10


@pytest.mark.parametrize(("language", "texts"), [
    ("sv", ["Spelar in", "Pausa (Ctrl+F11)", "Hemligt (Ctrl+F10)", "Stoppa (Ctrl+F12)",
            "0 steg", "Hemligt läge – det du skriver sparas inte"]),
    ("en", ["Recording", "Pause (Ctrl+F11)", "Secret mode (Ctrl+F10)", "Stop (Ctrl+F12)",
            "0 steps", "Secret mode – what you type is not saved"]),
], indirect=["language"])
def test_texts_are_in_the_users_language(toolbar: RecordingToolbar, texts: list[str]) -> None:
    assert [toolbar.state_label.text(), toolbar.pause_button.text(),
            toolbar.secret_button.text(), toolbar.stop_button.text(),
            toolbar.steps_label.text(), toolbar.secret_notice.text()] == texts


def test_recording_with_the_toolbar_ends_when_the_recording_is_stopped(
        qtbot: QtBot, language: str) -> None:
    recorder = StandInRecorder("idle")
    sessions: list[str] = []
    # What a stop hotkey or a signal handler does, from outside the Qt thread.
    stopper = threading.Timer(0.5, recorder.request_stop)
    stopper.start()
    try:
        record_with_toolbar(recorder, sessions.append)
    finally:
        stopper.cancel()
    assert recorder.asked == ["start", "stop"]
    assert sessions == ["session-1"]


@pytest.mark.parametrize(("keys", "text"), [
    ("ctrl+f11", "Ctrl+F11"), ("shift+ctrl+x", "Ctrl+Shift+X"), ("alt+page_up", "Alt+Page Up"),
    ("super+pause", "Super+Pause"),
])
def test_hotkeys_are_written_as_keyboards_print_them(keys: str, text: str) -> None:
    assert hotkey_text(parse_hotkey(keys)) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "00:00"), (59.9, "00:59"), (61, "01:01"), (3599, "59:59"), (3661, "1:01:01"),
])
def test_elapsed_time_reads_as_minutes_and_seconds(seconds: float, text: str) -> None:
    assert elapsed_text(seconds) == text
