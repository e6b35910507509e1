"""The first round trip: a person handles one application while the recorder films it, and the
resulting bot, replayed against a fresh practice system, saves the very same case.

Everything is real: an Xvfb display, xdotool input through XTEST, pynput's global listeners in a
``robotfabrik record`` process, pyautogui and XTEST text in a ``robotfabrik run`` process, and
SQLite files on disk.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, KeyStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import (
    CASE_FIELDS,
    Sandbox,
    handle_one_application,
    read_cases,
    robotfabrik,
)

pytestmark = pytest.mark.x11

@pytest.fixture
def environment(x_display: VirtualDisplay, robotfabrik_home: Path) -> dict[str, str]:
    return x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))


@pytest.fixture
def sandboxes(x_display: VirtualDisplay, environment: dict[str, str]) -> Iterator[list[Sandbox]]:
    started: list[Sandbox] = []
    yield started
    for sandbox in started:
        sandbox.stop()


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
    if layout == "se":
        person.key("ctrl+F12")  # the stop hotkey, which never becomes a step itself
    else:
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
    clicks = [step for step in bot.steps if isinstance(step, ClickStep)]
    assert all(step.target.anchor for step in clicks)
    assert [step.target.window_title for step in clicks] == [
        "Socialsystemet – Inloggning", "Socialsystemet – Inloggning",
        "Socialsystemet – Sök sökande", "Socialsystemet – Sök sökande",
        "Socialsystemet – Ansökan", "Socialsystemet – Ansökan", "Ärendet är sparat"]

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
