"""The studio as end-to-end tests drive it: ``studio_driver.py`` in a process on the display,
its events collected as they come, and the window manager some tests put on the display."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

from app.testing.display import VirtualDisplay
from app.testing.person import Action, wait_until
from app.testing.recording import Progress, StoredEvent, progress_of, stored_events

DRIVER_SCRIPT = Path(__file__).with_name("studio_driver.py")


class Studio:
    """``studio_driver.py`` on the display; ``wait_for`` an event, ``send`` a command."""

    def __init__(self, environment: dict[str, str], folder: Path) -> None:
        self._log = folder / "studio.log"
        self._errors = self._log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER_SCRIPT)], env=environment, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self._errors, text=True, encoding="utf-8")
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._events.put(json.loads(line))

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()

    def saw(self, event: str) -> bool:
        return any(item["event"] == event for item in self.seen)

    def wait_for(self, event: str, timeout: float = 30.0) -> dict[str, Any]:
        """The next ``event`` not waited for yet; AssertionError with the studio's log if it
        does not come within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            taken = getattr(self, "_taken", set())
            for number, item in enumerate(self.seen):
                if item["event"] == event and number not in taken:
                    taken.add(number)
                    self._taken = taken
                    return item
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self.process.poll() is not None and self._events.empty()):
                raise AssertionError(f"the studio never said {event!r}; it said "
                                     f"{[item['event'] for item in self.seen]}: {self.errors()}")
            try:
                self.seen.append(self._events.get(timeout=min(remaining, 0.1)))
            except queue.Empty:
                continue

    def errors(self) -> str:
        self._errors.flush()
        return self._log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.send(do="quit")
                self.process.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()
        self._errors.close()


@contextmanager
def studio_on(environment: dict[str, str], folder: Path) -> Iterator[Studio]:
    studio = Studio(environment, folder)
    try:
        studio.wait_for("ready")
        yield studio
    finally:
        studio.stop()


def window_manager_running(display: VirtualDisplay) -> bool:
    found = subprocess.run(["xprop", "-display", display.name, "-root",
                            "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True,
                           timeout=20, check=False)
    return "window id" in found.stdout


@contextmanager
def window_manager(display: VirtualDisplay, name: str) -> Iterator[None]:
    """``openbox`` on the display for the test (skipped when not installed), or "none"."""
    if name == "none":
        yield
        return
    if shutil.which(name) is None or shutil.which("xprop") is None:
        pytest.skip(f"{name} (and xprop) are not installed")
    process = subprocess.Popen([name], env=display.environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: window_manager_running(display), 20, f"{name} to manage windows")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RecordingInStudio:
    """The studio's recording session, watched through the database it writes, so that a
    person's next action waits until the last one is kept (see ``app.testing.recording``)."""

    def __init__(self, database: Path, session_id: str, studio: Studio) -> None:
        self.database = database
        self.session_id = session_id
        self.studio = studio
        self.expected = Progress()

    def events(self) -> list[StoredEvent]:
        return stored_events(self.database, self.session_id)

    def keep_up(self, action: Action) -> None:
        """A ``Person``'s ``after``: wait until the session holds ``action``."""
        keys = sum(1 for key in action.keys if len(key) == 1 or "+" not in key
                   or not {part.lower() for part in key.split("+")} <= _MODIFIERS)
        wanted = self.expected
        self.expected = Progress(wanted.presses + action.presses, wanted.keys + keys,
                                 wanted.notches + action.notches)
        wait_until(lambda: progress_of(self.events()).covers(self.expected), 20,
                   f"the studio's recorder to keep {self.expected} "
                   f"(it kept {progress_of(self.events())}): {self.studio.errors()}")


_MODIFIERS = {"ctrl", "shift", "alt", "super"}
