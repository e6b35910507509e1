"""An e-service form in Chromium, recorded and replayed under a real window manager.

A caseworker fills in a plain HTML form served on 127.0.0.1 (two text fields, a category chosen
from a drop-down list, a justification of two lines, a send button), with ``robotfabrik record``
filming. The bot is replayed in a browser window 550 px wider, where the centred form has moved
275 px inside the window, so the recorded window points are wrong and the pictures are elsewhere:
the record the server receives must still be exactly the recorded one, category and
justification included, with the clicks found by their elements. Replayed at the recorded
width it is exact too. Where the robot cannot ask the tree, the same wider window makes the run
fail at the chosen option (its picture was taken lit up by the pointer), sending nothing:
before, it clicked the recorded window point and sent the wrong category and no justification.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep
from app.core.model.botfile import load_bot
from app.core.platform.desktop import WindowInfo
from app.core.platform.x11.accessibility import AtspiTree
from app.core.platform.x11.desktop import X11Desktop
from app.testing.accessibility_bus import AccessibilityBus, accessibility_bus
from app.testing.browser import FORM_TITLE, RECEIVED_TITLE, BrowserForm, form_in_chromium
from app.testing.display import VirtualDisplay
from app.testing.person import Action, Person, wait_until
from app.testing.practice import robotfabrik
from app.testing.recording import RecordingProcess
from tests.e2e.support.studio import window_manager
from tests.e2e.support.targets import set_layout

pytestmark = pytest.mark.x11

POSITION = (100, 80)
RECORDED_SIZE = (900, 860)
WIDER_SIZE = (RECORDED_SIZE[0] + 550, RECORDED_SIZE[1])
NAME = "Sara Lind"
PERSONNUMMER = "19811218-9876"
CATEGORY = "Mat"
# Typed on a Swedish keyboard, as caseworkers do.
JUSTIFICATION = ("Barnen behöver mat", "till slutet av månaden")
EXPECTED = {"namn": NAME, "personnummer": PERSONNUMMER, "kategori": CATEGORY,
            "motivering": "\r\n".join(JUSTIFICATION), "losenord": ""}


@pytest.fixture
def bus(x_display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    with window_manager(x_display, "openbox"), accessibility_bus(x_display) as started:
        yield started


@pytest.fixture
def tree(bus: AccessibilityBus) -> Iterator[AtspiTree]:
    opened = AtspiTree(session_address=bus.session_address)
    yield opened
    opened.close()


@pytest.fixture
def desktop(x_display: VirtualDisplay) -> Iterator[X11Desktop]:
    with X11Desktop(x_display.name) as opened:
        yield opened


def form_window(desktop: X11Desktop) -> WindowInfo:
    return wait_until(lambda: next(iter(desktop.find_windows(FORM_TITLE)), None), 60,
                      "Chromium's window with the form")


def centre_of(tree: AtspiTree, window: WindowInfo, role: str, element_id: str = "",
              name: str = "") -> tuple[int, int]:
    """Where a person clicks on an element: its middle, once Chromium shows it in the tree."""

    def look() -> tuple[int, int] | None:
        for element in tree.find(window, role):
            if (element_id and element.element_id == element_id) or (name and
                                                                      element.name == name):
                x, y, width, height = element.box
                return x + width // 2, y + height // 2
        return None

    return wait_until(look, 60, f"the {role} {element_id or name} in the tree")


def elements_recorded(recording: RecordingProcess) -> int:
    if not recording.database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{recording.database}?mode=ro", uri=True) as database:
            (count,) = database.execute(
                "SELECT count(*) FROM recorded_elements WHERE session_id = ?",
                [recording.session_id]).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(count)


def logged(recording: RecordingProcess) -> list[str]:
    with sqlite3.connect(f"file:{recording.database}?mode=ro", uri=True) as database:
        return [message for (message,) in database.execute(
            "SELECT message FROM log_lines WHERE session_id = ? ORDER BY t",
            [recording.session_id])]


def press(person: Person, recording: RecordingProcess, point: tuple[int, int]) -> None:
    """A click whose button stays down until the recorder knows the element it hit.

    The recorder asks the tree at the press; Chromium acts at the release (a list closes, the
    page is sent), and an answer that came after the page changed is rightly not kept. A loaded
    machine can take longer than a finger stays down, so the release waits for the answer.
    """
    known = elements_recorded(recording)
    person.point(*point)
    person.xdotool("mousedown", "1")
    try:
        wait_until(lambda: elements_recorded(recording) > known or None, 30,
                   f"the recorder to learn which element the press at {point} hit")
    except AssertionError as error:
        raise AssertionError(f"{error}; the recorder logged {logged(recording)}") from None
    person.xdotool("mouseup", "1")
    recording.keep_up(Action(presses=1))


def fill_in_the_form(person: Person, recording: RecordingProcess, tree: AtspiTree,
                     window: WindowInfo) -> None:
    press(person, recording, centre_of(tree, window, "entry", "namn"))
    person.type(NAME)
    press(person, recording, centre_of(tree, window, "entry", "personnummer"))
    person.type(PERSONNUMMER)
    press(person, recording, centre_of(tree, window, "combo box", "kategori"))
    # Chromium shows the list in a window of its own; the person picks from it.
    press(person, recording, centre_of(tree, window, "menu item", name=CATEGORY))
    press(person, recording, centre_of(tree, window, "entry", "motivering"))
    person.type(JUSTIFICATION[0])
    person.key("Return")
    person.type(JUSTIFICATION[1])
    press(person, recording, centre_of(tree, window, "push button", "skicka"))


def replay(environment: dict[str, str], size: tuple[int, int], desktop: X11Desktop,
           person: Person) -> tuple[subprocess.CompletedProcess[str], BrowserForm]:
    with form_in_chromium(environment, POSITION, size) as form:
        window = form_window(desktop)
        assert window.width == size[0]
        run = subprocess.run(robotfabrik("run", "ansokan", "--unattended"), env=environment,
                             capture_output=True, text=True, timeout=240, check=False)
        if run.returncode == 0:
            person.wait_for_window(RECEIVED_TITLE, timeout=30)
            wait_until(lambda: form.received or None, 30, "the form's record to arrive")
    return run, form


def ways_of_last_run(home: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(home / "robotfabrik.sqlite") as database:
        (run_id,) = database.execute(
            "SELECT id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        rows = database.execute(
            "SELECT step_type, found_by FROM step_results WHERE run_id = ? ORDER BY step_index",
            [run_id]).fetchall()
    return [(kind, way) for kind, way in rows]


def record_the_form(environment: dict[str, str], tree: AtspiTree, desktop: X11Desktop,
                    x_display: VirtualDisplay) -> None:
    """A caseworker fills in and sends the form with ``robotfabrik record`` filming: bot
    ``ansokan``. The record the server got is the one expected."""
    set_layout(x_display, "se")
    with form_in_chromium(environment, POSITION, RECORDED_SIZE) as form:
        window = form_window(desktop)
        centre_of(tree, window, "push button", "skicka")
        with RecordingProcess(environment, "ansokan", "--no-toolbar") as recording:
            person = Person(x_display, after=recording.keep_up)
            fill_in_the_form(person, recording, tree, window)
            person.wait_for_window(RECEIVED_TITLE, timeout=30)
            Person(x_display).key("ctrl+F12")
            finished = recording.finished()
        assert finished.returncode == 0, finished.out + finished.errors
        wait_until(lambda: form.received or None, 30, "the recorded record to arrive")
        assert form.received == [EXPECTED]


def test_a_form_recorded_in_chromium_is_sent_exactly_from_a_wider_window(
        bus: AccessibilityBus, tree: AtspiTree, desktop: X11Desktop, x_display: VirtualDisplay,
        robotfabrik_home: Path) -> None:
    environment = bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    record_the_form(environment, tree, desktop, x_display)

    bot = load_bot(robotfabrik_home / "recordings" / "ansokan")
    clicks = [step for step in bot.steps if isinstance(step, ClickStep)]
    assert len(clicks) == 6
    chosen = clicks[3].target.selector
    assert chosen is not None and (chosen.role, chosen.name) == ("menu item", CATEGORY)
    # An option of a drop-down: after the click the robot reads back that it is chosen.
    assert "combo box" in [role for role, _ in chosen.path], chosen.path

    person = Person(x_display)
    run, wider = replay(environment, WIDER_SIZE, desktop, person)
    assert run.returncode == 0, run.stdout + run.stderr
    assert wider.received == [EXPECTED]
    ways = ways_of_last_run(robotfabrik_home)
    # Every click's picture moved with the form; each was found by its element.
    assert [way for kind, way in ways if kind == "click"] == ["selector"] * 6, ways

    run, same = replay(environment, RECORDED_SIZE, desktop, person)
    assert run.returncode == 0, run.stdout + run.stderr
    assert same.received == [EXPECTED]


def test_without_the_tree_a_wider_window_fails_the_run_instead_of_sending_a_wrong_record(
        bus: AccessibilityBus, tree: AtspiTree, desktop: X11Desktop, x_display: VirtualDisplay,
        robotfabrik_home: Path) -> None:
    environment = bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    record_the_form(environment, tree, desktop, x_display)
    # The robot cannot reach the tree (Chromium still publishes it, nobody can ask): only the
    # pictures and points are left. The chosen option's picture was taken lit up by the
    # pointer and the text area's is blank, so neither can be found for certain.
    blind = dict(environment, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus",
                 XDG_RUNTIME_DIR=str(robotfabrik_home))
    with form_in_chromium(environment, POSITION, WIDER_SIZE) as form:
        form_window(desktop)
        run = subprocess.run(robotfabrik("run", "ansokan", "--unattended"), env=blind,
                             capture_output=True, text=True, timeout=240, check=False)
    assert form.received in ([], [EXPECTED])
    assert run.returncode == 1, run.stdout + run.stderr
    assert form.received == []
    # The fields and the list's button were found by their pictures; the chosen option's
    # picture is not on the screen, and the robot stops there, saying which step.
    assert "step 6 (" in run.stdout + run.stderr
    assert [way for _kind, way in ways_of_last_run(robotfabrik_home)][-1] is None
