"""The robot reads what the case system fetched and the person deciding sees it.

A caseworker searches a personnummer in the practice system, which fills in the applicant's name
from its (fictitious) population register. A recording of one click on that name field, turned
into a read step the way the studio's "Read the text here instead" does, and followed by a
decision, is run against the form: the decision is shown the name the system fetched, and the
audit trail keeps it as shown. Everything runs on the test's display with a private accessibility
bus, as on a caseworker's desktop where the tree is switched on.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import DecisionStep, ReadTextStep
from app.core.model.botfile import load_bot, save_bot
from app.core.model.editing import read_text_instead
from app.core.store import Store
from app.testing.accessibility_bus import AccessibilityBus, accessibility_bus
from app.testing.display import VirtualDisplay
from app.testing.person import Person
from app.testing.practice import POSITION, robotfabrik
from app.testing.practice_system import PracticeSystem
from app.testing.recording import RecordingProcess
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

# In the practice system's register: searching it fills in the name.
PERSONNUMMER, REGISTERED_NAME = "19850709-9805", "Åsa Lindqvist"


@pytest.fixture
def bus(x_display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    with accessibility_bus(x_display) as started:
        yield started


def search_the_applicant(person: Person) -> None:
    where = widget_centres()

    def at(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(where, screen, name, POSITION)

    person.wait_for_window("Inloggning")
    person.click(*at("login", "username"))
    person.type("handlaggare")
    person.key("Tab")
    person.type("ovning")
    person.click(*at("login", "login"))
    person.wait_for_window("Sök sökande")
    person.click(*at("search", "personnummer_search"))
    person.type(PERSONNUMMER)
    person.click(*at("search", "search"))
    person.wait_for_window("Ansökan")


def test_the_name_the_system_fetched_is_read_and_shown_at_the_decision(
        bus: AccessibilityBus, x_display: VirtualDisplay, robotfabrik_home: Path,
        tmp_path: Path) -> None:
    environment = bus.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    person = Person(x_display)
    practice = PracticeSystem(environment, tmp_path / "cases.jsonl", position=POSITION)
    try:
        search_the_applicant(person)
        name_field = absolute_point(widget_centres(), "form", "name", POSITION)
        with RecordingProcess(environment, "las", "--no-toolbar") as recording:
            recording.click_held_until_known(Person(x_display, after=recording.keep_up),
                                             *name_field)
            person.key("ctrl+F12")
            finished = recording.finished()
        assert finished.returncode == 0, finished.out + finished.errors

        folder = robotfabrik_home / "recordings" / "las"
        bot = load_bot(folder)
        row = next(index for index, step in enumerate(bot.steps) if step.kind == "click")
        read = read_text_instead(bot, row)
        assert read.label == "Namn"
        bot.steps = [read, DecisionStep(id="beslut", title="Rätt sökande?")]
        save_bot(bot, folder)

        run = subprocess.run(robotfabrik("run", "las", "--unattended", "--decision", "reject"),
                             env=environment, capture_output=True, text=True, timeout=120,
                             check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        # Personal data read off the screen is for the person deciding, not for the console.
        assert REGISTERED_NAME not in run.stdout + run.stderr
    finally:
        practice.stop()

    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        [decision] = store.decisions()
        [result] = [r for r in store.step_results(decision["run_id"])
                    if r["step_type"] == ReadTextStep.kind]
    assert json.loads(decision["shown_json"]) == {read.into: REGISTERED_NAME}
    assert decision["decision"] == "reject" and decision["by_default"]
    assert result["found_by"] == "selector"
