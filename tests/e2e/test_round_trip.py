"""The first round trip: a person handles one application while the recorder films it, and the
resulting bot, replayed against a fresh practice system, saves the very same case.

Everything is real: an Xvfb display, xdotool input through XTEST, pynput's global listeners in a
``robotfabrik record`` process, pyautogui and XTEST text in a ``robotfabrik run`` process, and
SQLite files on disk.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bench.display import VirtualDisplay
from app.core.bot import ClickStep, KeyStep, TypeTextStep
from app.core.botfile import load_bot
from tests.e2e.person import Person, wait_until
from tests.e2e.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

POSITION = (200, 150)
CASE_FIELDS = ("name", "personnummer", "amount", "category", "home_municipality", "free_text")


def robotfabrik(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *arguments]


def read_cases(file: Path) -> list[dict[str, str]]:
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]


class Sandbox:
    """A practice system process on the display."""

    def __init__(self, display: VirtualDisplay, cases_file: Path, environment: dict[str, str]):
        self.cases_file = cases_file
        self.process = subprocess.Popen(
            robotfabrik("sandbox", "--cases-file", str(cases_file),
                        "--position", f"{POSITION[0]},{POSITION[1]}", "--seed", "7"),
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return errors


@pytest.fixture
def environment(x_display: VirtualDisplay, robotfabrik_home: Path) -> dict[str, str]:
    return x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))


@pytest.fixture
def sandboxes(x_display: VirtualDisplay, environment: dict[str, str]) -> Iterator[list[Sandbox]]:
    started: list[Sandbox] = []
    yield started
    for sandbox in started:
        sandbox.stop()


def handle_one_application(person: Person, case: dict[str, str], layout: str) -> None:
    """What a caseworker does for one application, screen by screen, waiting for each."""
    where = widget_centres()

    def at(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(where, screen, name, POSITION)

    def write(text: str) -> None:
        # Under the Swedish layout a person reaches Å Ä Ö with Shift, which is what xdotool's
        # own typing of capitals gets wrong; type those the way a person does.
        for part in _split_capitals(text) if layout == "se" else [text]:
            if part in _SHIFTED:
                person.key(_SHIFTED[part], pause=0.05)
            else:
                person.type(part, pause=0.05)
        time.sleep(0.2)

    person.wait_for_window("Inloggning")
    person.click(*at("login", "username"))
    write("handlaggare")
    person.key("Tab")
    write("ovning")
    person.click(*at("login", "login"))
    person.wait_for_window("Sök sökande")
    person.click(*at("search", "personnummer_search"))
    write(case["personnummer"])
    person.click(*at("search", "search"))
    person.wait_for_window("Ansökan")
    person.click(*at("form", "name"))
    write(case["name"])
    person.key("Tab")
    write(case["amount"])
    person.key("Tab")
    write(case["category"])
    person.key("Tab")
    write(case["home_municipality"])
    person.key("Tab")
    write(case["free_text"])
    person.click(*at("form", "save"))
    person.wait_for_window("Ärendet är sparat")
    person.click(*at("confirmation", "confirm_ok"))
    person.wait_for_window("Sök sökande")


_SHIFTED = {"Å": "shift+aring", "Ä": "shift+adiaeresis", "Ö": "shift+odiaeresis"}


def _split_capitals(text: str) -> list[str]:
    parts: list[str] = []
    for char in text:
        if char in _SHIFTED or not parts or parts[-1] in _SHIFTED:
            parts.append(char)
        else:
            parts[-1] += char
    return parts


CASES = {
    "us": {"name": "Anna Berg", "personnummer": "19811124-9812", "amount": "4500",
           "category": "Hyra", "home_municipality": "Nacka",
           "free_text": "Ansokan inkom via e-tjansten"},
    "se": {"name": "Åsa Öberg", "personnummer": "19811124-9812", "amount": "3200",
           "category": "Läkarvård", "home_municipality": "Växjö",
           "free_text": "Ärendet gäller tandvård för Örjan"},
}


@pytest.mark.parametrize("layout", ["us", "se"])
def test_a_recorded_application_replays_to_the_same_saved_case(  # noqa: PLR0917
        layout: str, x_display: VirtualDisplay, environment: dict[str, str],
        sandboxes: list[Sandbox], tmp_path: Path, robotfabrik_home: Path) -> None:
    subprocess.run(["setxkbmap", "-display", x_display.name, layout], check=True, timeout=10)
    person = Person(x_display)
    case = CASES[layout]

    # --- recording: the recorder films a person handling one application
    recorded_cases = tmp_path / "recorded.jsonl"
    sandboxes.append(Sandbox(x_display, recorded_cases, environment))
    person.wait_for_window("Inloggning")
    recorder = subprocess.Popen(robotfabrik("record", "--bot", "runda"), env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert recorder.stdout is not None
    first_line = recorder.stdout.readline()
    assert first_line.startswith("Recording runda"), first_line + recorder.stderr.read()
    handle_one_application(person, case, layout)
    recorder.send_signal(signal.SIGINT)
    out, errors = recorder.communicate(timeout=60)
    assert recorder.returncode == 0, errors
    assert "Saved" in out

    [recorded] = read_cases(recorded_cases)
    assert {field: recorded[field] for field in CASE_FIELDS} == case
    sandboxes.pop().stop()

    bot = load_bot(robotfabrik_home / "recordings" / "runda")
    kinds = [type(step) for step in bot.steps]
    assert kinds.count(ClickStep) == 7
    typed = [step.text for step in bot.steps if isinstance(step, TypeTextStep)]
    assert typed == ["handlaggare", "ovning", case["personnummer"], case["name"], case["amount"],
                     case["category"], case["home_municipality"], case["free_text"]]
    assert [step.key for step in bot.steps if isinstance(step, KeyStep)] == ["tab"] * 5
    assert all(step.target.anchor for step in bot.steps if isinstance(step, ClickStep))

    # --- replay against a fresh practice system
    replayed_cases = tmp_path / "replayed.jsonl"
    sandboxes.append(Sandbox(x_display, replayed_cases, environment))
    person.wait_for_window("Inloggning")
    run = subprocess.run(robotfabrik("run", "runda"), env=environment, capture_output=True,
                         text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: "yes" if read_cases(replayed_cases) else None, 10, "the saved case")
    [replayed] = read_cases(replayed_cases)
    assert {field: replayed[field] for field in CASE_FIELDS} == case

    # --- and the run is in the log, step by step
    with sqlite3.connect(robotfabrik_home / "robotfabrik.sqlite") as database:
        [(run_id, status)] = database.execute("SELECT id, status FROM runs").fetchall()
        results = database.execute(
            "SELECT status, found_by FROM step_results WHERE run_id = ? ORDER BY step_index",
            [run_id]).fetchall()
    assert status == "succeeded"
    assert [row[0] for row in results] == ["succeeded"] * len(bot.steps)
    click_ways = [found for (_, found), step in zip(results, bot.steps, strict=True)
                  if isinstance(step, ClickStep)]
    assert set(click_ways) <= {"anchor", "anchor_screen"}, click_ways
