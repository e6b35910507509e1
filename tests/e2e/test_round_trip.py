"""The first round trip: a person handles one application while the recorder films it, and the
resulting bot, replayed against a fresh practice system, saves the very same case.

Everything is real: an Xvfb display, xdotool input through XTEST, pynput's global listeners in a
``robotfabrik record`` process, pyautogui and XTEST text in a ``robotfabrik run`` process, and
SQLite files on disk.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, KeyStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import (
    CASE_FIELDS,
    StartPractice,
    handle_one_application,
    read_cases,
    robotfabrik,
)
from app.testing.recording import RecordingProcess
from tests.e2e.support.targets import set_layout

pytestmark = pytest.mark.x11

CASES = {
    "us": {"name": "Anna Berg", "personnummer": "19811124-9812", "amount": "4500",
           "category": "Hyra", "home_municipality": "Nacka",
           "free_text": "Ansokan inkom via e-tjansten"},
    "se": {"name": "Åsa Öberg", "personnummer": "19811124-9812", "amount": "3200",
           "category": "Läkarvård", "home_municipality": "Växjö",
           "free_text": "Ärendet gäller tandvård för Örjan"},
}


@pytest.mark.parametrize("layout", ["us", "se"])
def test_a_recorded_application_replays_to_the_same_saved_case(
        layout: str, x_display: VirtualDisplay, environment: dict[str, str],
        practice: StartPractice, robotfabrik_home: Path) -> None:
    set_layout(x_display, layout)
    case = CASES[layout]

    # --- recording: the recorder films a person handling one application
    recorded_in = practice("recorded")
    with RecordingProcess(environment, "runda") as recording:
        assert recording.first_line.startswith("Recording runda")
        handle_one_application(Person(x_display, after=recording.keep_up), case, layout)
        if layout == "se":
            Person(x_display).key("ctrl+F12")  # the stop hotkey, never a step itself
            finished = recording.finished()
        else:
            finished = recording.interrupt()
    assert finished.returncode == 0, finished.errors
    assert "Saved" in finished.out

    [recorded] = read_cases(recorded_in.cases_file)
    assert {field: recorded[field] for field in CASE_FIELDS} == case
    recorded_in.stop()

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
    replayed_in = practice("replayed")
    run = subprocess.run(robotfabrik("run", "runda"), env=environment, capture_output=True,
                         text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: read_cases(replayed_in.cases_file), 10, "the saved case")
    [replayed] = read_cases(replayed_in.cases_file)
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
    # Every click is found by its picture: a step whose picture no longer matches fails the
    # unattended run rather than click at the recorded place, so the run above would have
    # failed; this says which way each was found, never by a point.
    assert set(click_ways) <= {"anchor", "anchor_screen", "selector"}, click_ways
