"""``robotfabrik record`` at work on a test's display, seen through the session it writes.

The recorder streams every event it keeps into the user's SQLite database as it goes. Reading
that file is how a test knows the recorder has seen what a person did, instead of hoping a pause
was long enough: ``RecordingProcess.wait_for`` waits until the session holds what is asked, and
``keep_up`` follows a ``Person`` so that each action is in the session, and each press
pictured, before the next begins.

That matters because pynput delivers keys and mouse buttons on two threads of their own, and the
recorder takes its pictures on a third. A person takes a good part of a second to go from the keys
to the mouse, far longer than any of them lags; a script goes at once, and on a busy machine a
click could overtake the last keys or come before the picture of the previous one was done.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from app.core.hotkeys import (
    DEFAULT_PAUSE_HOTKEY,
    DEFAULT_SECRET_HOTKEY,
    DEFAULT_STOP_HOTKEY,
    MODIFIER_NAMES,
    parse_hotkey,
)
from app.testing.person import POLL_S, Action, Person, wait_until
from app.testing.practice import robotfabrik

# Keys that change the character of the next key rather than type one: a person's key press
# counts once however many of these it took.
_NOT_A_KEY_OF_ITS_OWN = frozenset(MODIFIER_NAMES) | {"alt_gr", "iso_level3_shift", "mode_switch"}
DEFAULT_HOTKEYS = (DEFAULT_STOP_HOTKEY, DEFAULT_PAUSE_HOTKEY, DEFAULT_SECRET_HOTKEY)
WAIT_S = 20.0


@dataclass(frozen=True)
class StoredEvent:
    """One row of the session's raw events, as far as tests look at them; ``seen`` once the
    recorder has also noted what it saw there (the picture and window of a mouse press)."""

    kind: str
    key: str | None
    char: str | None
    seen: bool = False


@dataclass(frozen=True)
class Progress:
    """How much of a person's doing a session holds: mouse presses, keys that are not modifiers,
    wheel notches, whether every key and button that went down has come up again, and whether
    the recorder has its picture of every press."""

    presses: int = 0
    keys: int = 0
    notches: int = 0
    all_released: bool = True
    all_pictured: bool = True

    def covers(self, wanted: Progress) -> bool:
        return (self.presses >= wanted.presses and self.keys >= wanted.keys
                and self.notches >= wanted.notches and self.all_released
                and self.all_pictured)


def progress_of(events: list[StoredEvent]) -> Progress:
    count: dict[str, int] = {}
    for event in events:
        count[event.kind] = count.get(event.kind, 0) + 1
    keys = sum(1 for event in events
               if event.kind == "key_down" and event.key not in _NOT_A_KEY_OF_ITS_OWN)
    # The recorder keeps no press of its own hotkeys but does keep their release, so releases
    # may outnumber presses.
    released = (count.get("key_up", 0) >= count.get("key_down", 0)
                and count.get("release", 0) >= count.get("press", 0))
    # The recorder takes a press's picture on a thread of its own, after keeping the press. A
    # person's next click, coming while it is still at that (it can take a few hundred
    # milliseconds), would find no picture of the resting pointer ready and be pictured late,
    # after the screen had changed.
    pictured = all(event.seen for event in events if event.kind == "press")
    return Progress(count.get("press", 0), keys, count.get("scroll", 0), released, pictured)


def stored_events(database_path: Path, session_id: str) -> list[StoredEvent]:
    """A recording session's events on disk so far, in the order the recorder kept them, read
    beside the recorder's own writer (read-only, so a test never holds its lock)."""
    if not database_path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{database_path}?mode=ro", uri=True) as database:
            rows = database.execute(
                "SELECT kind, key, char, EXISTS (SELECT 1 FROM click_contexts AS seen"
                " WHERE seen.session_id = event.session_id AND seen.seq = event.seq)"
                " FROM raw_events AS event WHERE session_id = ? ORDER BY seq",
                [session_id]).fetchall()
    except sqlite3.OperationalError:  # not created yet, or busy for a moment
        return []
    return [StoredEvent(kind, key, char, bool(seen)) for kind, key, char, seen in rows]


@dataclass(frozen=True)
class Finished:
    """How a recorder process ended and what it printed."""

    returncode: int
    out: str
    errors: str


class RecordingProcess:
    """A ``robotfabrik record`` process, started and filming once the constructor returns."""

    def __init__(self, environment: dict[str, str], bot: str, *options: str,
                 hotkeys: tuple[frozenset[str], ...] = DEFAULT_HOTKEYS) -> None:
        self.database = Path(environment["ROBOTFABRIK_HOME"]) / "robotfabrik.sqlite"
        self.hotkeys = hotkeys
        self.expected = Progress()
        self.process = subprocess.Popen(robotfabrik("record", "--bot", bot, *options),
                                        env=environment, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        # The recorder prints this line once its listeners take events.
        self.first_line = self.process.stdout.readline()
        found = re.search(r"\(session ([0-9a-f]+)\)", self.first_line)
        if found is None:
            self.process.kill()
            _, errors = self.process.communicate(timeout=30)
            raise AssertionError(f"the recorder did not start: {self.first_line}{errors}")
        self.session_id = found.group(1)

    def __enter__(self) -> RecordingProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)

    # -- what the session holds

    def events(self) -> list[StoredEvent]:
        """The session's events on disk so far, in the order the recorder kept them."""
        return stored_events(self.database, self.session_id)

    def typed(self) -> str:
        """Every character the session kept, in order."""
        return "".join(event.char or "" for event in self.events()
                       if event.kind == "key_down")

    def elements_recorded(self) -> int:
        """Elements the recorder has found for the session's presses and typing so far."""
        if not self.database.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True) as database:
                (count,) = database.execute(
                    "SELECT count(*) FROM recorded_elements WHERE session_id = ?",
                    [self.session_id]).fetchone()
        except sqlite3.OperationalError:  # not created yet, or busy for a moment
            return 0
        return int(count)

    def click_held_until_known(self, person: Person, x: int, y: int) -> None:
        """Click at (x, y), holding the button until the recorder has learnt which element the
        press hit. A button acts on release and the recorder asks the tree at the press; a
        person's finger is down 80 ms or more, which a loaded machine can outlast, and an answer
        that came after the page changed is (rightly) not kept."""
        known = self.elements_recorded()
        person.point(x, y)
        person.xdotool("mousedown", "1")
        wait_until(lambda: self.elements_recorded() > known or None, WAIT_S,
                   "the recorder to learn which element the press hit")
        person.xdotool("mouseup", "1")

    def session_on_disk(self) -> bool:
        if not self.database.exists():
            return False
        try:
            with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True) as database:
                rows = database.execute("SELECT 1 FROM recording_sessions WHERE id = ?",
                                        [self.session_id]).fetchall()
        except sqlite3.OperationalError:
            return False
        return bool(rows)

    def wait_for(self, what: str, condition: Callable[[list[StoredEvent]], bool],
                 timeout: float = WAIT_S) -> list[StoredEvent]:
        """The session's events once ``condition`` holds for them; AssertionError naming
        ``what`` if it does not within ``timeout`` seconds or the recorder ends first."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.events()
            if condition(events):
                return events
            if self.process.poll() is not None:
                _, errors = self.process.communicate()
                raise AssertionError(f"the recorder ended before {what}: {errors}")
            if time.monotonic() >= deadline:
                raise AssertionError(f"waited {timeout:.0f} s for the recorder to keep {what}; "
                                     f"it kept {progress_of(events)}, typed {self.typed()!r}")
            time.sleep(POLL_S)

    def wait_for_typed(self, text: str, timeout: float = WAIT_S) -> None:
        self.wait_for(f"the text {text!r}",
                      lambda events: "".join(e.char or "" for e in events
                                             if e.kind == "key_down") == text, timeout)

    def keep_up(self, action: Action) -> None:
        """Wait until the session holds ``action`` and everything before it: give this as a
        ``Person``'s ``after``. The recorder's own hotkeys are never kept, so they are not
        waited for; a person who pauses the recorder or keeps a secret needs waits of their own.
        """
        keys = sum(self._kept_keys(key) for key in action.keys)
        wanted = self.expected
        self.expected = Progress(wanted.presses + action.presses, wanted.keys + keys,
                                 wanted.notches + action.notches)
        self.wait_for(f"{self.expected}", lambda events: progress_of(events).covers(self.expected))

    def _kept_keys(self, key: str) -> int:
        """How many keys of its own the recorder keeps for one xdotool key or character."""
        if len(key) == 1:
            return 1
        parts = {part.strip().lower() for part in key.split("+")}
        if parts <= _NOT_A_KEY_OF_ITS_OWN:
            return 0
        try:
            return 0 if parse_hotkey(key) in self.hotkeys else 1
        except ValueError:
            return 1

    # -- ending it

    def interrupt(self, timeout: float = 60.0) -> Finished:
        """Ctrl+C in the recorder's console: it saves what it has and ends."""
        self.process.send_signal(signal.SIGINT)
        return self.finished(timeout)

    def finished(self, timeout: float = 60.0) -> Finished:
        """Wait for the recorder to end (after its stop hotkey, say)."""
        out, errors = self.process.communicate(timeout=timeout)
        return Finished(self.process.returncode, out, errors)
