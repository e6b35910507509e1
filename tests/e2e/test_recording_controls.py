"""The recording toolbar and the recorder's controls on a real display, with real input.

A ``robotfabrik record`` process films a person logging in to the practice system while the
person uses the toolbar's own buttons (Pausa, Fortsätt, Hemligt, Stoppa) and the hotkeys. The
bot it saves must hold exactly what the person did in the practice system: nothing done on the
toolbar, nothing done while paused, and no password typed in secret mode, anywhere on disk.

The toolbar's buttons are found the way ``sandbox_map`` finds the practice system's widgets: the
same toolbar is laid out offscreen in this process, and its size is checked against the real
window before a button is clicked.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, ClickStep, KeyStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.core.recording.recorder import Recorder
from app.core.store import Store
from app.gui import i18n
from app.gui.recording_toolbar import RecordingToolbar
from app.testing.keyring_service import keep_secret
from app.testing.person import Person
from app.testing.practice import POSITION, StartPractice, robotfabrik
from app.testing.recording import RecordingProcess, StoredEvent
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = [
    pytest.mark.x11,
    # The offscreen layout of the toolbar: that platform cannot stack or size-hint windows.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
]

RECORDING_TITLE = "Robotfabrik – Spelar in"
PAUSED_TITLE = "Robotfabrik – Pausad"
LOGIN_TITLE = "Socialsystemet – Inloggning"
# ASCII and lower case, so xdotool types it the same under any layout.
PASSWORD = "tulpan47regn"
TYPED_WHILE_PAUSED = "pausad91"


@dataclass(frozen=True)
class ToolbarLayout:
    size: tuple[int, int]
    centres: dict[str, tuple[int, int]]


@pytest.fixture
def toolbar_layout(qtbot: QtBot, tmp_path: Path) -> Iterator[ToolbarLayout]:
    """Where the buttons sit in a Swedish toolbar with the default hotkeys, laid out offscreen."""
    i18n.set_language("sv")
    try:
        with Store(tmp_path / "layout.sqlite") as store:
            toolbar = RecordingToolbar(Recorder(store, "layout"))
            qtbot.addWidget(toolbar)
            toolbar.show_at_top_centre()
            centres = {}
            for button in (toolbar.pause_button, toolbar.secret_button, toolbar.stop_button):
                centre = button.mapTo(toolbar, button.rect().center())
                centres[button.objectName()] = (centre.x(), centre.y())
            layout = ToolbarLayout((toolbar.width(), toolbar.height()), centres)
            toolbar.close()
        yield layout
    finally:
        i18n.set_language(None)


class Toolbar:
    """The real toolbar window of a recording process, clicked by the person."""

    def __init__(self, person: Person, layout: ToolbarLayout) -> None:
        self.person = person
        person.wait_for_window(RECORDING_TITLE)
        [window] = person.xdotool("search", "--onlyvisible", "--name", "^Robotfabrik – ").split()
        shell = dict(line.split("=", 1) for line in
                     person.xdotool("getwindowgeometry", "--shell", window).split())
        self.origin = (int(shell["X"]), int(shell["Y"]))
        size = (int(shell["WIDTH"]), int(shell["HEIGHT"]))
        assert size == layout.size, "the offscreen layout does not match the real toolbar"
        self.centres = layout.centres
        # Placed at the top centre of the 1920-pixel-wide screen.
        assert abs(self.origin[0] + size[0] // 2 - 960) <= 1

    def click(self, button: str) -> None:
        x, y = self.centres[button]
        self.person.click(self.origin[0] + x, self.origin[1] + y)


@pytest.fixture
def environment(environment: dict[str, str]) -> dict[str, str]:
    """The recorder and its toolbar in Swedish, as the window titles waited for are."""
    return {**environment, "ROBOTFABRIK_LANGUAGE": "sv"}


def login_point(name: str) -> tuple[int, int]:
    return absolute_point(widget_centres(), "login", name, POSITION)


def clicked_after_typing(text: str) -> Callable[[list[StoredEvent]], bool]:
    """True once the session holds ``text`` typed and, after its last key, a click."""
    def kept(events: list[StoredEvent]) -> bool:
        typed = "".join(event.char or "" for event in events if event.kind == "key_down")
        last_key = max((i for i, e in enumerate(events) if e.kind == "key_down"), default=-1)
        return typed == text and any(e.kind == "press" for e in events[last_key + 1:])
    return kept


def shift_after_the_secret(events: list[StoredEvent]) -> bool:
    marks = [i for i, event in enumerate(events) if event.kind == "mark" and event.key == "secret"]
    return bool(marks) and any(event.kind == "key_down" and event.key == "shift"
                               for event in events[marks[-1] + 1:])


def step_summary(bot: Bot) -> list[tuple[str, str | None]]:
    summary: list[tuple[str, str | None]] = []
    for step in bot.steps:
        if isinstance(step, ClickStep):
            summary.append(("click", step.target.window_title))
        elif isinstance(step, TypeTextStep):
            summary.append(("type", step.text))
        elif isinstance(step, KeyStep):
            summary.append(("key", step.key))
        else:
            summary.append((step.kind, None))
    return summary


def files_holding(root: Path, secret: str) -> list[str]:
    """Every file under ``root`` whose raw bytes contain ``secret`` in any likely encoding."""
    encodings = {secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be")}
    return [str(file.relative_to(root)) for file in sorted(root.rglob("*")) if file.is_file()
            and any(encoded in file.read_bytes() for encoded in encodings)]


def test_the_toolbars_own_buttons_and_paused_input_never_become_steps(
        environment: dict[str, str], practice: StartPractice, person: Person,
        toolbar_layout: ToolbarLayout, robotfabrik_home: Path) -> None:
    practice("recorded")
    with RecordingProcess(environment, "kontroller") as recording:
        toolbar = Toolbar(person, toolbar_layout)

        person.click(*login_point("username"))
        person.type("handlaggare")
        # pynput hands the recorder keys on one thread and the toolbar hears its button on
        # another: as for a person, every key is in before Pausa is pressed.
        recording.wait_for_typed("handlaggare")
        toolbar.click("pause")
        person.wait_for_window(PAUSED_TITLE)
        # The practice system gets this; the recording must not.
        person.click(*login_point("password"))
        person.type(TYPED_WHILE_PAUSED)
        toolbar.click("pause")  # now reading Fortsätt
        person.wait_for_window(RECORDING_TITLE)
        person.click(*login_point("password"))
        person.type("ovning")
        person.click(*login_point("login"))
        person.wait_for_window("Sök sökande")
        recording.wait_for("the click on Logga in", clicked_after_typing("handlaggareovning"))
        typed_while_recording = recording.typed()
        toolbar.click("stop")
        finished = recording.finished()
    assert finished.returncode == 0, finished.out + finished.errors

    assert "Saved 5 steps" in finished.out
    bot = load_bot(robotfabrik_home / "recordings" / "kontroller")
    assert step_summary(bot) == [
        ("click", LOGIN_TITLE), ("type", "handlaggare"),
        ("click", LOGIN_TITLE), ("type", "ovning"),
        ("click", LOGIN_TITLE),
    ]
    assert typed_while_recording == "handlaggare" + "ovning"
    assert recording.typed() == ""  # the bot is saved: the typed keys are gone
    assert files_holding(robotfabrik_home, TYPED_WHILE_PAUSED) == []


def test_a_password_typed_in_secret_mode_is_kept_nowhere_and_asked_for_on_replay(
        secret_environment: dict[str, str], practice: StartPractice, person: Person,
        toolbar_layout: ToolbarLayout, robotfabrik_home: Path) -> None:
    environment = secret_environment  # the recorder's too: it never reads the keyring
    recorded_in = practice("recorded")
    with RecordingProcess(environment, "hemlig") as recording:
        toolbar = Toolbar(person, toolbar_layout)

        person.click(*login_point("username"))
        person.type("handlaggare")
        person.key("Tab")
        person.key("ctrl+F10")  # secret mode on, with its hotkey
        person.type(PASSWORD)
        # A lone Shift makes no step, but the recorder keeps it even in secret mode: once it is
        # in, every key of the password before it has been dealt with, and the toolbar's button
        # (heard on another thread than the keys) cannot overtake them.
        person.key("shift")
        recording.wait_for("the Shift after the password", shift_after_the_secret)
        toolbar.click("secret")  # and off again, with the button
        person.click(*login_point("login"))
        person.wait_for_window("Sök sökande")
        recording.wait_for("the click on Logga in", clicked_after_typing("handlaggare"))
        typed_while_recording = recording.typed()
        person.key("ctrl+F12")
        finished = recording.finished()
    assert finished.returncode == 0, finished.out + finished.errors

    assert "Saved 5 steps" in finished.out
    assert PASSWORD not in finished.out + finished.errors
    bot = load_bot(robotfabrik_home / "recordings" / "hemlig")
    assert step_summary(bot) == [
        ("click", LOGIN_TITLE), ("type", "handlaggare"), ("key", "tab"),
        ("type", "{{losenord}}"),
        ("click", LOGIN_TITLE),
    ]
    assert [(p.name, p.type) for p in bot.parameters] == [("losenord", "secret")]
    # Not in bot.json, the database (and its -wal), the session's pictures, or a log.
    assert (robotfabrik_home / "robotfabrik.sqlite").is_file()
    assert list((robotfabrik_home / "sessions").iterdir())
    assert files_holding(robotfabrik_home, PASSWORD) == []
    # Not even one key at a time; and once the bot is saved no typed key is kept at all.
    assert typed_while_recording == "handlaggare"
    assert recording.typed() == ""

    recorded_in.stop()
    practice("replayed")
    unasked = subprocess.run(robotfabrik("run", "hemlig"), env=secret_environment,
                             capture_output=True, text=True, timeout=60, check=False)
    assert unasked.returncode == 2
    assert "robotfabrik secret set hemlig losenord" in unasked.stderr
    keep_secret(secret_environment, "hemlig", "losenord", PASSWORD)
    run = subprocess.run(robotfabrik("run", "hemlig"), env=secret_environment,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    person.wait_for_window("Sök sökande")
    assert PASSWORD not in run.stdout + run.stderr
    assert files_holding(robotfabrik_home, PASSWORD) == []


def test_the_console_says_which_hotkey_does_what(environment: dict[str, str],
                                                 person: Person) -> None:
    recorder = subprocess.Popen(robotfabrik("record", "--bot", "tom", "--no-toolbar",
                                            "--pause-hotkey", "ctrl+shift+p"),
                                env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    assert recorder.stdout is not None
    assert recorder.stdout.readline().startswith("Recording tom")
    lines = [recorder.stdout.readline() for _ in range(4)]
    assert re.search(r"Ctrl\+F12\s+stop", lines[1]), lines
    assert re.search(r"Ctrl\+Shift\+P\s+pause", lines[2]), lines
    assert re.search(r"Ctrl\+F10\s+secret mode", lines[3]), lines
    assert person.window_titles() == []  # no toolbar when asked for none
    person.key("ctrl+F12")
    _, errors = recorder.communicate(timeout=60)
    # Nothing was done: the recording is not saved, and the person is told why.
    assert recorder.returncode == 2
    assert "no steps" in errors


def test_in_privacy_mode_a_recording_keeps_no_picture_of_a_whole_window(
        environment: dict[str, str], practice: StartPractice, person: Person,
        robotfabrik_home: Path) -> None:
    (robotfabrik_home / "settings.json").write_text('{"privacy_mode": true}', encoding="utf-8")
    practice("recorded")
    with RecordingProcess(environment, "privat") as recording:
        person.click(*login_point("username"))
        person.type("handlaggare")
        person.click(*login_point("password"))
        recording.wait_for("the second click", clicked_after_typing("handlaggare"))
        person.key("ctrl+F12")
        finished = recording.finished()
    assert finished.returncode == 0, finished.out + finished.errors
    bot = load_bot(robotfabrik_home / "recordings" / "privat")
    clicks = [step for step in bot.steps if isinstance(step, ClickStep)]
    assert len(clicks) == 2
    # The robot still finds its targets by their small pictures; no window was photographed.
    assert all(step.target.anchor for step in clicks)
    assert all(step.thumbnail is None for step in bot.steps)
    written = [file.name for file in robotfabrik_home.rglob("*.png")]
    assert written and not [name for name in written if name.startswith("window-")], written
