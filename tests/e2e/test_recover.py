"""A recorder killed in the middle of a routine loses at most its last second.

A ``robotfabrik record`` process films a person handling an application in the practice system
for about half a minute, with the pauses a person makes, and is killed with SIGKILL while the
person is typing. ``robotfabrik recover`` then lists the recording and turns it into a bot whose
steps are everything the person had done up to a second before the kill. Recorders killed before
anything or anything useful was recorded get a clear one-line answer instead of a bot.

Everything is real: Xvfb, xdotool input through XTEST, pynput's global listeners in the recorder
process, and the SQLite file that process was writing when it died.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, KeyStep, Step, TypeTextStep
from app.core.model.botfile import load_bot
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import POSITION, Sandbox, robotfabrik
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

# What the person was typing when the recorder died, one key every TYPING_DELAY_MS.
LAST_WORDS = "Ansokan inkom via e-tjansten"
TYPING_DELAY_MS = 120
# The recorder is killed this long after the person began typing LAST_WORDS.
KILL_AFTER_S = 2.5
LOSS_ALLOWED_S = 1.0


@pytest.fixture
def environment(x_display: VirtualDisplay, robotfabrik_home: Path) -> dict[str, str]:
    return x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))


@pytest.fixture
def sandbox(x_display: VirtualDisplay, environment: dict[str, str],
            tmp_path: Path) -> Iterator[Sandbox]:
    started = Sandbox(x_display, tmp_path / "cases.jsonl", environment)
    yield started
    started.stop()


def start_recorder(environment: dict[str, str], bot: str) -> tuple[subprocess.Popen[str], str]:
    recorder = subprocess.Popen(robotfabrik("record", "--bot", bot, "--no-toolbar"),
                                env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    assert recorder.stdout is not None and recorder.stderr is not None
    first_line = recorder.stdout.readline()
    found = re.search(r"\(session ([0-9a-f]+)\)", first_line)
    if found is None:
        recorder.kill()
        pytest.fail(f"the recorder did not start: {first_line}{recorder.stderr.read()}")
    return recorder, found.group(1)


def kill(recorder: subprocess.Popen[str]) -> float:
    """SIGKILL, as a crash or the task manager would; returns when it was sent."""
    killed = time.time()
    recorder.send_signal(signal.SIGKILL)
    _, errors = recorder.communicate(timeout=10)
    assert recorder.returncode == -signal.SIGKILL
    assert "Traceback" not in errors
    return killed


def recover(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(robotfabrik("recover", *arguments), env=environment,
                            capture_output=True, text=True, timeout=60, check=False)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def stored_events(home: Path, session_id: str) -> int:
    with sqlite3.connect(home / "robotfabrik.sqlite") as database:
        [(count,)] = database.execute("SELECT count(*) FROM raw_events WHERE session_id = ?",
                                      [session_id]).fetchall()
    return int(count)


def as_done(step: Step) -> tuple[object, ...]:
    if isinstance(step, ClickStep):
        return ("click", step.target.absolute.x, step.target.absolute.y)
    if isinstance(step, TypeTextStep):
        return ("type", step.text)
    if isinstance(step, KeyStep):
        return ("key", step.key)
    return (type(step).__name__,)


class Caseworker:
    """A person at the practice system who notes when each thing they did was over."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.where = widget_centres()
        self.done: list[tuple[float, tuple[object, ...]]] = []

    def click(self, screen: str, name: str) -> None:
        x, y = absolute_point(self.where, screen, name, POSITION)
        self.person.click(x, y, pause=0)
        self.done.append((time.time(), ("click", x, y)))

    def type(self, text: str) -> None:
        self.person.type(text, pause=0)
        self.done.append((time.time(), ("type", text)))

    def tab(self) -> None:
        self.person.key("Tab", pause=0)
        self.done.append((time.time(), ("key", "tab")))

    def think(self, seconds: float) -> None:
        time.sleep(seconds)


def test_a_killed_recording_is_recovered_up_to_its_last_second(
        x_display: VirtualDisplay, environment: dict[str, str], sandbox: Sandbox,
        robotfabrik_home: Path) -> None:
    person = Person(x_display)
    person.wait_for_window("Inloggning")
    recorder, session_id = start_recorder(environment, "Ekonomiskt bistånd")
    caseworker = Caseworker(person)
    began = time.monotonic()

    caseworker.think(1.0)
    caseworker.click("login", "username")
    caseworker.think(0.8)
    caseworker.type("handlaggare")
    caseworker.think(0.6)
    caseworker.tab()
    caseworker.think(0.9)
    caseworker.type("ovning")
    caseworker.think(1.2)
    caseworker.click("login", "login")
    person.wait_for_window("Sök sökande")
    caseworker.think(1.5)
    caseworker.click("search", "personnummer_search")
    caseworker.think(0.7)
    caseworker.type("19811124-9812")
    caseworker.think(1.4)
    caseworker.click("search", "search")
    person.wait_for_window("Ansökan")
    caseworker.think(2.0)
    caseworker.click("form", "name")
    caseworker.think(0.8)
    caseworker.type("Anna Berg")
    caseworker.think(0.9)
    caseworker.tab()
    caseworker.think(1.1)
    caseworker.type("4500")
    caseworker.think(1.0)
    caseworker.tab()
    caseworker.think(1.6)
    caseworker.type("Hyra")
    caseworker.think(0.8)
    caseworker.tab()
    caseworker.think(1.0)
    caseworker.type("Nacka")
    # Some more reading of the application before the last field.
    caseworker.think(max(0.5, 26.0 - (time.monotonic() - began)))
    caseworker.click("form", "free_text")
    caseworker.think(1.0)

    typing = subprocess.Popen(
        ["xdotool", "type", "--delay", str(TYPING_DELAY_MS), LAST_WORDS], env=person.environment)
    typing_began = time.time()
    time.sleep(KILL_AFTER_S)
    busy = time.monotonic() - began
    killed = kill(recorder)
    typing.wait(timeout=10)
    assert busy >= 29, "the person was at work for about half a minute"

    # --- the recording is listed as interrupted
    listing = recover(environment)
    assert listing.returncode == 0, listing.stderr
    [row] = [line for line in listing.stdout.splitlines() if line.startswith(session_id)]
    assert "Ekonomiskt bistånd" in row and row.endswith("recorder gone")

    # --- and recovered by a prefix of its id
    result = recover(environment, session_id[:10], "--bot", "Räddad")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    bot = load_bot(robotfabrik_home / "recordings" / "Räddad")
    steps = [as_done(step) for step in bot.steps]

    deadline = killed - LOSS_ALLOWED_S
    expected = [what for when, what in caseworker.done if when <= deadline]
    # The person finished everything but the last words more than a second before the kill.
    assert len(expected) == len(caseworker.done)
    assert steps[:len(expected)] == expected
    clicks = [step for step in bot.steps if isinstance(step, ClickStep)]
    assert all(step.target.anchor for step in clicks)

    # The words being typed when the recorder died, at least up to the last second.
    [last] = bot.steps[len(caseworker.done):]
    assert isinstance(last, TypeTextStep)
    assert LAST_WORDS.startswith(last.text)
    typed_by_deadline = int((deadline - typing_began) * 1000 / TYPING_DELAY_MS) - 1
    assert len(last.text) >= typed_by_deadline >= 5, (last.text, typed_by_deadline)

    # --- the session is now marked interrupted, and says so in the listing
    listing = recover(environment)
    assert any(line.startswith(session_id) and line.endswith("interrupted")
               for line in listing.stdout.splitlines())


def test_a_recorder_killed_before_any_input_leaves_nothing_to_recover(
        environment: dict[str, str]) -> None:
    recorder, session_id = start_recorder(environment, "tom")
    time.sleep(0.5)
    kill(recorder)
    result = recover(environment, session_id)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"robotfabrik: the recording {session_id} (tom) has no events: "
                             "nothing was recorded before it stopped\n")


def test_a_recorder_killed_after_only_a_modifier_key_has_no_steps_yet(
        x_display: VirtualDisplay, environment: dict[str, str], robotfabrik_home: Path) -> None:
    person = Person(x_display)
    recorder, session_id = start_recorder(environment, "nästan")

    # While its recorder runs, a recording is neither listed nor recovered.
    assert session_id not in recover(environment).stdout
    running = recover(environment, session_id)
    assert running.returncode == 2
    assert f"the recording {session_id} (nästan) is still going on" in running.stderr

    person.xdotool("keydown", "shift")
    time.sleep(0.1)
    person.xdotool("keyup", "shift")
    wait_until(lambda: "yes" if stored_events(robotfabrik_home, session_id) == 2 else None,
               5, "the two shift events in the store")
    kill(recorder)

    assert session_id in recover(environment).stdout
    result = recover(environment, session_id)
    assert result.returncode == 2
    assert result.stderr == (f"robotfabrik: the recording {session_id} (nästan) has events but "
                             "no steps yet (only 2 events: shift down, shift up)\n")
    assert not (robotfabrik_home / "recordings").exists()
