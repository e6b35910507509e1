"""Recording with the accessibility tree: each click keeps the element it hit, each typed field
the element it went into, and a password typed without the secret hotkey is still kept nowhere.
Replayed in a window at another place with bigger fonts, the clicks are found by their elements.

The practice system, ``robotfabrik record`` and ``robotfabrik run`` run on the test's display
with a private session bus and accessibility bus, as on a caseworker's desktop where the tree is
switched on.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.testing.accessibility_bus import AccessibilityBus, accessibility_bus
from app.testing.display import VirtualDisplay
from app.testing.keyring_service import keep_secret, keyring_service
from app.testing.person import Person
from app.testing.practice import POSITION, robotfabrik
from app.testing.practice_system import PracticeSystem
from app.testing.recording import RecordingProcess, StoredEvent
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

LOGIN_BOX = "QApplication.sandbox_window.central.screens.login_page.login_box"
# ASCII and lower case, so xdotool types it the same under any layout.
PASSWORD = "sippa83vind"


@pytest.fixture
def bus(x_display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    with accessibility_bus(x_display) as started:
        yield started


def login_point(name: str) -> tuple[int, int]:
    return absolute_point(widget_centres(), "login", name, POSITION)


def files_holding(root: Path, secret: str) -> list[str]:
    encodings = {secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be")}
    return [str(file.relative_to(root)) for file in sorted(root.rglob("*")) if file.is_file()
            and any(encoded in file.read_bytes() for encoded in encodings)]


def shift_after_a_secret(events: list[StoredEvent]) -> bool:
    marks = [i for i, event in enumerate(events) if event.kind == "mark" and event.key == "secret"]
    return bool(marks) and any(event.kind == "key_down" and event.key == "shift"
                               for event in events[marks[-1] + 1:])


def test_a_login_recorded_without_the_secret_hotkey_keeps_selectors_and_no_password(
        bus: AccessibilityBus, x_display: VirtualDisplay, robotfabrik_home: Path,
        tmp_path: Path) -> None:
    environment = bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    practice = PracticeSystem(environment, tmp_path / "cases.jsonl", position=POSITION)
    person = Person(x_display)
    try:
        practice.wait_until_shown("Inloggning")
        with RecordingProcess(environment, "inloggning", "--no-toolbar") as recording:
            person.click(*login_point("username"))
            person.type("handlaggare")
            person.click(*login_point("password"))
            person.type(PASSWORD)
            # Once the Shift after the password is kept, every key of it has been dealt with.
            person.key("shift")
            recording.wait_for("the Shift after the password", shift_after_a_secret)
            recording.click_held_until_known(person, *login_point("login"))
            person.wait_for_window("Sök sökande")
            recording.wait_for("the click on Logga in",
                               lambda events: sum(e.kind == "press" for e in events) == 3)
            typed_while_recording = recording.typed()
            person.key("ctrl+F12")
            finished = recording.finished()
        assert finished.returncode == 0, finished.out + finished.errors
        assert typed_while_recording == "handlaggare"
        assert recording.typed() == ""  # the bot is saved: the typed keys are gone
    finally:
        practice.stop()

    bot = load_bot(robotfabrik_home / "recordings" / "inloggning")
    assert [(p.name, p.type) for p in bot.parameters] == [("losenord", "secret")]
    click_user, typed_user, click_password, typed_password, click_login = bot.steps
    assert isinstance(click_user, ClickStep) and click_user.target.selector is not None
    assert click_user.target.selector.element_id == f"{LOGIN_BOX}.username"
    assert isinstance(typed_user, TypeTextStep) and typed_user.text == "handlaggare"
    assert typed_user.element is not None
    assert typed_user.element.element_id == f"{LOGIN_BOX}.username"
    assert isinstance(click_password, ClickStep) and click_password.target.selector is not None
    assert click_password.target.selector.is_password
    assert isinstance(typed_password, TypeTextStep) and typed_password.text == "{{losenord}}"
    assert typed_password.element is not None and typed_password.element.is_password
    assert isinstance(click_login, ClickStep) and click_login.target.selector is not None
    login = click_login.target.selector
    assert (login.role, login.name, login.element_id) == (
        "push button", "Logga in", f"{LOGIN_BOX}.login")
    assert login.offset is not None and login.box_in_window is not None
    # Not in bot.json, the database (and its -wal), the session's pictures, or a log.
    assert files_holding(robotfabrik_home, PASSWORD) == []
    assert PASSWORD not in finished.out + finished.errors

    # Replayed in a window elsewhere with fonts a quarter bigger: the recorded points are wrong
    # and the pictures do not match; the elements are still there by their names.
    moved = PracticeSystem(bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home),
                                           QT_FONT_DPI="120"),
                           tmp_path / "moved.jsonl", position=(560, 110))
    try:
        moved.wait_until_shown("Inloggning")
        # The password comes from a keyring on the same session bus as the accessibility tree.
        with keyring_service(on_bus=bus.session_address) as keyring:
            keep_secret(keyring.environment(environment), "inloggning", "losenord", PASSWORD)
            run = subprocess.run(
                robotfabrik("run", "inloggning", "--unattended"),
                env=keyring.environment(environment), capture_output=True, text=True,
                timeout=120, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        person.wait_for_window("Sök sökande")
    finally:
        moved.stop()
    assert PASSWORD not in run.stdout + run.stderr
    assert files_holding(robotfabrik_home, PASSWORD) == []
    with sqlite3.connect(robotfabrik_home / "robotfabrik.sqlite") as database:
        ways = database.execute(
            "SELECT found_by FROM step_results ORDER BY step_index").fetchall()
    # The clicks by their elements; the typing went into the recorded fields (the focus was
    # checked before and the text read back after, the password only for having arrived).
    assert [way for (way,) in ways] == ["selector"] * 5
