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

import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, KeyStep, Step, TypeTextStep
from app.core.model.botfile import load_bot
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import POSITION, Sandbox, robotfabrik
from app.testing.recording import RecordingProcess
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

# What the person was typing when the recorder died, a key every TYPING_PAUSE_S or so.
LAST_WORDS = "Ansokan inkom via e-tjansten"
TYPING_PAUSE_S = 0.12
# Keys typed longer ago than this when the recorder dies must all be recovered.
LOSS_ALLOWED_S = 1.0
# The recorder dies once this many keys were typed more than LOSS_ALLOWED_S before.
KEYS_BEFORE_THE_LAST_SECOND = 6


def kill(recording: RecordingProcess) -> float:
    """SIGKILL, as a crash or the task manager would; returns when it was sent."""
    killed = time.time()
    recording.process.send_signal(signal.SIGKILL)
    finished = recording.finished(timeout=10)
    assert finished.returncode == -signal.SIGKILL
    assert "Traceback" not in finished.errors
    return killed


def recover(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(robotfabrik("recover", *arguments), env=environment,
                            capture_output=True, text=True, timeout=60, check=False)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def as_done(step: Step) -> tuple[object, ...]:
    if isinstance(step, ClickStep):
        return ("click", step.target.absolute.x, step.target.absolute.y)
    if isinstance(step, TypeTextStep):
        return ("type", step.text)
    if isinstance(step, KeyStep):
        return ("key", step.key)
    return (type(step).__name__,)


class Caseworker:
    """A person at the practice system who notes when each thing they did was over.

    Each action waits until the recorder has kept it (``keep_up``), so that what is asserted
    to survive the kill is what the recorder had, however busy the machine.
    """

    def __init__(self, person: Person) -> None:
        self.person = person
        self.where = widget_centres()
        self.done: list[tuple[float, tuple[object, ...]]] = []

    def click(self, screen: str, name: str) -> None:
        x, y = absolute_point(self.where, screen, name, POSITION)
        self.person.click(x, y)
        self.done.append((time.time(), ("click", x, y)))

    def type(self, text: str) -> None:
        self.person.type(text)
        self.done.append((time.time(), ("type", text)))

    def tab(self) -> None:
        self.person.key("Tab")
        self.done.append((time.time(), ("key", "tab")))

    def think(self, seconds: float) -> None:
        # A person's pauses while reading the screens: what makes this a half-minute recording
        # of the kind a crash interrupts (and each step's think time), not a wait for anything.
        time.sleep(seconds)


class Typist(threading.Thread):
    """Types ``text`` a key at a time, as a person does, noting when each key had reached the
    X server (xdotool returns once it has handed the key over)."""

    def __init__(self, person: Person, text: str) -> None:
        super().__init__(name="typist", daemon=True)
        self.person = person
        self.text = text
        self.typed_at: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        for char in self.text:
            if self.stop.is_set():
                return
            self.person.xdotool("type", char)
            self.typed_at.append(time.time())
            # Typing speed: keys keep coming while the recorder dies.
            self.stop.wait(TYPING_PAUSE_S)

    def typed_before(self, moment: float) -> int:
        return sum(1 for at in list(self.typed_at) if at <= moment)


def test_a_killed_recording_is_recovered_up_to_its_last_second(
        x_display: VirtualDisplay, environment: dict[str, str], sandbox: Sandbox,
        robotfabrik_home: Path) -> None:
    with RecordingProcess(environment, "Ekonomiskt bistånd", "--no-toolbar") as recording:
        session_id = recording.session_id
        person = Person(x_display, after=recording.keep_up)
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
        caseworker.think(max(0.5, 27.5 - (time.monotonic() - began)))
        caseworker.click("form", "free_text")
        caseworker.think(1.0)

        typist = Typist(Person(x_display), LAST_WORDS)
        typist.start()
        try:
            # The recorder dies in the middle of the last words, once enough of them are older
            # than the second it may lose.
            wait_until(lambda: typist.typed_before(time.time() - LOSS_ALLOWED_S)
                       >= KEYS_BEFORE_THE_LAST_SECOND or not typist.is_alive(),
                       30, "the person well into the last words")
            assert typist.is_alive(), "the person finished typing before the recorder died"
            busy = time.monotonic() - began
            killed = kill(recording)
        finally:
            typist.stop.set()
            typist.join(timeout=10)
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
    typed_by_deadline = typist.typed_before(deadline)
    assert len(last.text) >= typed_by_deadline >= KEYS_BEFORE_THE_LAST_SECOND, (
        last.text, typed_by_deadline)

    # --- the session is now marked interrupted, and says so in the listing
    listing = recover(environment)
    assert any(line.startswith(session_id) and line.endswith("interrupted")
               for line in listing.stdout.splitlines())


def test_a_recorder_killed_before_any_input_leaves_nothing_to_recover(
        environment: dict[str, str]) -> None:
    with RecordingProcess(environment, "tom", "--no-toolbar") as recording:
        wait_until(recording.session_on_disk, 20, "the recording session in the database")
        kill(recording)
    result = recover(environment, recording.session_id)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"robotfabrik: the recording {recording.session_id} (tom) has no "
                             "events: nothing was recorded before it stopped\n")


def test_a_recorder_killed_after_only_a_modifier_key_has_no_steps_yet(
        x_display: VirtualDisplay, environment: dict[str, str], robotfabrik_home: Path) -> None:
    person = Person(x_display)
    with RecordingProcess(environment, "nästan", "--no-toolbar") as recording:
        session_id = recording.session_id

        # While its recorder runs, a recording is neither listed nor recovered.
        assert session_id not in recover(environment).stdout
        running = recover(environment, session_id)
        assert running.returncode == 2
        assert f"the recording {session_id} (nästan) is still going on" in running.stderr

        person.xdotool("keydown", "shift")
        recording.wait_for("Shift held", lambda events: len(events) == 1)
        person.xdotool("keyup", "shift")
        recording.wait_for("Shift let go", lambda events: len(events) == 2)
        kill(recording)

    assert session_id in recover(environment).stdout
    result = recover(environment, session_id)
    assert result.returncode == 2
    assert result.stderr == (f"robotfabrik: the recording {session_id} (nästan) has events but "
                             "no steps yet (only 2 events: shift down, shift up)\n")
    assert not (robotfabrik_home / "recordings").exists()
