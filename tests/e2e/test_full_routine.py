"""A whole routine filmed on a Swedish keyboard: clicks, typing with å ä ö, Tab, a scroll, a drag
and a hotkey become exactly the steps a superuser expects, and replay to the same saved case."""

from __future__ import annotations

import signal
import subprocess
import time
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
from app.testing.practice import POSITION, Sandbox, read_cases, robotfabrik
from app.testing.sandbox_map import absolute_point, form_controls, widget_centres

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
                person.type(chunk, pause=0.05)
                chunk = ""
            person.key(SHIFTED[char], pause=0.05)
        else:
            chunk += char
    if chunk:
        person.type(chunk, pause=0.05)
    time.sleep(0.2)


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
    # Wheel the document list down, then tick a document that only shows at its end.
    person.xdotool("mousemove", "--sync", *map(str, at(controls.attachments)))
    time.sleep(0.3)
    person.xdotool("click", "--repeat", "6", "--delay", "60", "5")
    time.sleep(0.5)
    person.click(*at(controls.row(DOCUMENT, scrolled_to_bottom=True)))
    # Drag the priority handle from Normal (3) to Akut (5).
    start, end = at(controls.priority_handles[3]), at(controls.priority_handles[5])
    person.xdotool("mousemove", "--sync", str(start[0]), str(start[1]))
    time.sleep(0.3)
    person.xdotool("mousedown", "1")
    for step in range(1, 11):
        x = start[0] + (end[0] - start[0]) * step // 10
        person.xdotool("mousemove", "--sync", str(x), str(start[1]))
        time.sleep(0.03)
    person.xdotool("mouseup", "1")
    time.sleep(0.4)
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
        x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path) -> None:
    subprocess.run(["setxkbmap", "-display", x_display.name, "se"], check=True, timeout=10)
    environment = x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))
    person = Person(x_display)
    recorded = Sandbox(x_display, tmp_path / "recorded.jsonl", environment)
    try:
        person.wait_for_window("Inloggning")
        recorder = subprocess.Popen(robotfabrik("record", "--bot", "hela"), env=environment,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert recorder.stdout is not None
        assert recorder.stdout.readline().startswith("Recording hela")
        handle_the_application(person)
        recorder.send_signal(signal.SIGINT)
        out, errors = recorder.communicate(timeout=60)
        assert recorder.returncode == 0, out + errors
    finally:
        recorded.stop()
    [first] = read_cases(recorded.cases_file)
    assert first["attachments"] == [DOCUMENT] and first["priority"] == 5
    assert {field: first[field] for field in CASE} == CASE

    bot = load_bot(robotfabrik_home / "recordings" / "hela")
    assert [described(step) for step in bot.steps] == EXPECTED_STEPS
    assert sum(isinstance(step, ClickStep | DragStep) for step in bot.steps) == 8

    replayed = Sandbox(x_display, tmp_path / "replayed.jsonl", environment)
    try:
        person.wait_for_window("Inloggning")
        run = subprocess.run(robotfabrik("run", "hela", "--unattended"), env=environment,
                             capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        wait_until(lambda: "saved" if read_cases(replayed.cases_file) else None, 10, "the case")
    finally:
        replayed.stop()
    [second] = read_cases(replayed.cases_file)
    for field in (*CASE, "attachments", "priority"):
        assert second[field] == first[field], field
