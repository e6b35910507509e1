"""A whole application recorded with the accessibility tree on, replayed where its pictures no
longer match: in a window elsewhere, larger, with fonts a fifth bigger. The clicks are found by
their elements and the typing goes only into the recorded fields, so the very same case is saved.
Replayed against a newer form that lacks one field, the robot stops at the step that would have
typed into the next field along, exits 1 and says which step; nothing is saved.

The practice system, ``robotfabrik record`` and ``robotfabrik run`` run on the test's display
with a private session bus and accessibility bus, as on a caseworker's desktop where the tree is
switched on.
"""

from __future__ import annotations

import contextlib
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
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, POSITION, read_cases, robotfabrik
from app.testing.practice_system import PracticeSystem
from app.testing.recording import RecordingProcess
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

# ASCII, so xdotool types it the same under any layout.
CASE = {"name": "Anna Berg", "personnummer": "19811124-9812", "amount": "4500",
        "category": "Hyra", "home_municipality": "Nacka",
        "free_text": "Ansokan inkom via e-tjansten"}
PASSWORD = "ovning"


@pytest.fixture
def bus(x_display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    with accessibility_bus(x_display) as started:
        yield started


def record_one_application(x_display: VirtualDisplay, recording: RecordingProcess) -> None:
    """A caseworker handles one application; every click is held until the recorder knows its
    element (see ``click_held_until_known``), and every other key waits until the recorder has
    kept the ones before, except the password's, which it keeps nowhere."""
    person = Person(x_display, after=recording.keep_up)
    where = widget_centres()

    def click(screen: str, name: str) -> None:
        recording.click_held_until_known(person, *absolute_point(where, screen, name, POSITION))

    person.wait_for_window("Inloggning")
    click("login", "username")
    person.type("handlaggare")
    person.key("Tab")
    Person(x_display).type(PASSWORD)
    click("login", "login")
    person.wait_for_window("Sök sökande")
    click("search", "personnummer_search")
    person.type(CASE["personnummer"])
    click("search", "search")
    person.wait_for_window("Ansökan")
    click("form", "name")
    person.type(CASE["name"])
    for field in ("amount", "category", "home_municipality", "free_text"):
        person.key("Tab")
        person.type(CASE[field])
    click("form", "save")
    person.wait_for_window("Ärendet är sparat")
    click("confirmation", "confirm_ok")
    person.wait_for_window("Sök sökande")


def run_bot(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(robotfabrik("run", "ansokan", "--unattended"), env=environment,
                          capture_output=True, text=True, timeout=240, check=False)


def test_a_recorded_application_is_saved_through_its_elements_and_stops_at_a_missing_field(
        bus: AccessibilityBus, x_display: VirtualDisplay, robotfabrik_home: Path,
        tmp_path: Path) -> None:
    stack = contextlib.ExitStack()
    with stack:
        replay_recorded_application(stack, bus, x_display, robotfabrik_home, tmp_path)


def replay_recorded_application(stack: contextlib.ExitStack, bus: AccessibilityBus,
                                x_display: VirtualDisplay, robotfabrik_home: Path,
                                tmp_path: Path) -> None:
    environment = bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    person = Person(x_display)

    # --- recording, at the usual place and size
    recorded_in = PracticeSystem(environment, tmp_path / "recorded.jsonl", position=POSITION)
    try:
        recorded_in.wait_until_shown("Inloggning")
        with RecordingProcess(environment, "ansokan", "--no-toolbar") as recording:
            record_one_application(x_display, recording)
            person.key("ctrl+F12")
            finished = recording.finished()
        assert finished.returncode == 0, finished.out + finished.errors
    finally:
        recorded_in.stop()
    [recorded] = read_cases(tmp_path / "recorded.jsonl")
    assert {field: recorded[field] for field in CASE_FIELDS} == CASE

    bot = load_bot(robotfabrik_home / "recordings" / "ansokan")
    clicks = [step for step in bot.steps if isinstance(step, ClickStep)]
    assert all(step.target.selector is not None for step in clicks), [
        step.describe() for step in clicks if step.target.selector is None]
    typing = [step for step in bot.steps if isinstance(step, TypeTextStep)]
    assert all(step.element is not None for step in typing)

    # The password comes from a keyring on the same session bus as the accessibility tree.
    keyring = stack.enter_context(keyring_service(on_bus=bus.session_address))
    keep_secret(keyring.environment(environment), "ansokan", "losenord", PASSWORD)
    environment = keyring.environment(environment)

    # --- (a) elsewhere, larger, bigger fonts: no recorded point or picture fits any more
    moved = PracticeSystem(
        bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home), QT_FONT_DPI="120"),
        tmp_path / "moved.jsonl", "--size", "1150x800", position=(560, 110))
    try:
        moved.wait_until_shown("Inloggning")
        run = run_bot(environment)
        assert run.returncode == 0, run.stdout + run.stderr
        wait_until(lambda: read_cases(moved.cases_file), 10, "the saved case")
    finally:
        moved.stop()
    [replayed] = read_cases(moved.cases_file)
    assert {field: replayed[field] for field in CASE_FIELDS} == CASE
    with sqlite3.connect(robotfabrik_home / "robotfabrik.sqlite") as database:
        [(run_id,)] = database.execute("SELECT id FROM runs").fetchall()
        ways = [way for (way,) in database.execute(
            "SELECT found_by FROM step_results WHERE run_id = ? ORDER BY step_index",
            [run_id])]
    for step, way in zip(bot.steps, ways, strict=True):
        if isinstance(step, ClickStep | TypeTextStep):
            assert way == "selector", (step.describe(), way)

    # --- (d) a newer form without "Hemkommun": Tab now lands in "Fritext"
    shorter = PracticeSystem(environment, tmp_path / "shorter.jsonl", "--leave-out",
                             "home_municipality", position=POSITION)
    try:
        shorter.wait_until_shown("Inloggning")
        run = run_bot(environment)
        output = run.stdout + run.stderr
        assert run.returncode == 1, output
    finally:
        shorter.stop()
    municipality_step = next(index for index, step in enumerate(bot.steps)
                             if isinstance(step, TypeTextStep)
                             and step.text == CASE["home_municipality"])
    assert f"failed: step {municipality_step + 1} (" in output, output
    assert "not in the field the text was recorded into" in output
    assert "nothing was typed" in output
    assert read_cases(tmp_path / "shorter.jsonl") == []
