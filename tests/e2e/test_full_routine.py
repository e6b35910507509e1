"""A whole routine filmed on a Swedish keyboard: clicks, typing with å ä ö, Tab, a scroll, a drag
and a hotkey become exactly the steps a superuser expects, and replay to the same saved case."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.core.model.bot import (
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    ScrollStep,
    Step,
    TypeTextStep,
)
from app.core.model.botfile import load_bot
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import POSITION, StartPractice, read_cases, robotfabrik
from app.testing.recording import RecordingProcess
from app.testing.sandbox_map import absolute_point, form_controls, widget_centres
from tests.e2e.support.targets import set_layout

pytestmark = pytest.mark.x11

CASE = {"personnummer": "19811124-9812", "name": "Åsa Öberg", "amount": "4500",
        "category": "Hyra", "home_municipality": "Växjö",
        "free_text": "Ärendet gäller hyra för maj"}
DOCUMENT = "Skuldutdrag från Kronofogden"
SHIFTED = {"Å": "shift+aring", "Ä": "shift+adiaeresis", "Ö": "shift+odiaeresis"}


def write(person: Person, text: str) -> None:
    """Type as a person on a Swedish keyboard does: capitals of å ä ö with Shift."""
    chunk = ""
    for char in text:
        if char in SHIFTED:
            if chunk:
                person.type(chunk)
                chunk = ""
            person.key(SHIFTED[char])
        else:
            chunk += char
    if chunk:
        person.type(chunk)


def at(point: tuple[int, int]) -> tuple[int, int]:
    return POSITION[0] + point[0], POSITION[1] + point[1]


def handle_the_application(person: Person) -> None:
    screens = widget_centres()
    controls = form_controls()

    def widget(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(screens, screen, name, POSITION)

    person.wait_for_window("Inloggning")
    person.click(*widget("login", "username"))
    write(person, "handlaggare")
    person.key("Tab")
    write(person, "ovning")
    person.click(*widget("login", "login"))
    person.wait_for_window("Sök sökande")
    person.click(*widget("search", "personnummer_search"))
    write(person, CASE["personnummer"])
    person.click(*widget("search", "search"))
    person.wait_for_window("Ansökan")
    person.click(*widget("form", "name"))
    write(person, CASE["name"])
    for field in ("amount", "category", "home_municipality", "free_text"):
        person.key("Tab")
        write(person, CASE[field])
    # Wheel the document list down, then tick a document that only shows at its end. The
    # practice system takes its events in order, so the click finds the list scrolled.
    person.wheel_down(*at(controls.attachments), notches=6)
    person.click(*at(controls.row(DOCUMENT, scrolled_to_bottom=True)))
    # Drag the priority handle from Normal (3) to Akut (5).
    person.drag(at(controls.priority_handles[3]), at(controls.priority_handles[5]))
    person.key("ctrl+s")
    person.wait_for_window("Ärendet är sparat")
    person.click(*widget("confirmation", "confirm_ok"))
    person.wait_for_window("Sök sökande")


def described(step: Step) -> tuple[object, ...]:
    if isinstance(step, TypeTextStep):
        return ("type", step.text)
    if isinstance(step, KeyStep):
        return ("key", step.key)
    if isinstance(step, HotkeyStep):
        return ("hotkey", *step.keys)
    if isinstance(step, ScrollStep):
        return ("scroll", step.dy)
    if isinstance(step, ClickStep):
        return ("click", step.target.window_title)
    if isinstance(step, DragStep):
        return ("drag", step.target.window_title)
    return (step.kind,)


LOGIN, SEARCH, FORM = ("Socialsystemet – Inloggning", "Socialsystemet – Sök sökande",
                       "Socialsystemet – Ansökan")
EXPECTED_STEPS = [
    ("click", LOGIN), ("type", "handlaggare"), ("key", "tab"), ("type", "ovning"),
    ("click", LOGIN),
    ("click", SEARCH), ("type", CASE["personnummer"]), ("click", SEARCH),
    ("click", FORM), ("type", CASE["name"]), ("key", "tab"), ("type", CASE["amount"]),
    ("key", "tab"), ("type", CASE["category"]), ("key", "tab"),
    ("type", CASE["home_municipality"]), ("key", "tab"), ("type", CASE["free_text"]),
    ("scroll", -6), ("click", FORM), ("drag", FORM), ("hotkey", "ctrl", "s"),
    ("click", "Ärendet är sparat"),
]


def test_a_full_routine_becomes_the_expected_steps_and_replays(
        x_display: VirtualDisplay, environment: dict[str, str], practice: StartPractice,
        robotfabrik_home: Path) -> None:
    set_layout(x_display, "se")
    recorded_in = practice("recorded")
    with RecordingProcess(environment, "hela") as recording:
        assert recording.first_line.startswith("Recording hela")
        handle_the_application(Person(x_display, after=recording.keep_up))
        finished = recording.interrupt()
    assert finished.returncode == 0, finished.out + finished.errors
    recorded_in.stop()
    [first] = read_cases(recorded_in.cases_file)
    assert first["attachments"] == [DOCUMENT] and first["priority"] == 5
    assert {field: first[field] for field in CASE} == CASE

    bot = load_bot(robotfabrik_home / "recordings" / "hela")
    assert [described(step) for step in bot.steps] == EXPECTED_STEPS
    assert sum(isinstance(step, ClickStep | DragStep) for step in bot.steps) == 8

    replayed_in = practice("replayed")
    run = subprocess.run(robotfabrik("run", "hela", "--unattended"), env=environment,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: read_cases(replayed_in.cases_file), 10, "the case")
    replayed_in.stop()
    [second] = read_cases(replayed_in.cases_file)
    for field in (*CASE, "attachments", "priority"):
        assert second[field] == first[field], field
