"""A person at the keyboard of an Xvfb display: xdotool clicks and keystrokes, and patience.

Everything goes through the X server as real injected input (XTEST), exactly what a recorder's
global listeners and the applications see from a person. An action returns once xdotool has
handed its input to the X server; nothing here hopes that anything has reacted by then. Whoever
needs a reaction waits for what shows it: a window's title (``wait_for_window``), a saved case,
or, while a recorder films, the recorder's own account of what it has kept (``after``, see
``app.testing.recording``).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.testing.display import VirtualDisplay

# How a hand uses a mouse, which a recorder sees: it comes to rest on a button for a moment
# before the finger presses, and the finger stays down a little. The recorder keeps the picture
# under the resting pointer as what the person looked at when pressing, so that a screen the press
# itself changes (a dialog opening) is not taken for the button; a person's hand rests a fifth of
# a second or more, and a script's 50 ms once left the recorder no time for that picture (the
# replay then found "Spara" by its window, not its picture). These model a person; they wait for
# nothing in particular.
POINTING_S = 0.2
PRESS_S = 0.08
POLL_S = 0.05

T = TypeVar("T")


@dataclass(frozen=True)
class Action:
    """What a person just did, as it reaches the X server: mouse button presses (a click or a
    drag is one), keys pressed (characters typed, or xdotool key names such as ``Tab`` and
    ``shift+aring``, one key each besides its modifiers) and notches of the wheel."""

    presses: int = 0
    keys: tuple[str, ...] = ()
    notches: int = 0


class Person:
    """A person at ``display``; ``after`` is told of every action once it has been made."""

    def __init__(self, display: VirtualDisplay,
                 after: Callable[[Action], None] | None = None) -> None:
        self.display = display
        self.environment = display.environment()
        self.after = after

    def xdotool(self, *arguments: str) -> str:
        result = subprocess.run(["xdotool", *arguments], env=self.environment, check=True,
                                capture_output=True, text=True, timeout=30)
        return result.stdout

    def _done(self, action: Action) -> None:
        if self.after is not None:
            self.after(action)

    def point(self, x: int, y: int) -> None:
        """Move the pointer to (x, y) and let the hand come to rest there."""
        self.xdotool("mousemove", "--sync", str(x), str(y))
        time.sleep(POINTING_S)

    def click(self, x: int, y: int) -> None:
        """Point, press, hold the button as long as a person's finger does, release."""
        self.point(x, y)
        self.xdotool("mousedown", "1")
        time.sleep(PRESS_S)
        self.xdotool("mouseup", "1")
        self._done(Action(presses=1))

    def drag(self, start: tuple[int, int], end: tuple[int, int], moves: int = 10) -> None:
        """Press at ``start``, move to ``end`` in ``moves`` steps with the button held, release."""
        self.point(*start)
        self.xdotool("mousedown", "1")
        for step in range(1, moves + 1):
            x = start[0] + (end[0] - start[0]) * step // moves
            y = start[1] + (end[1] - start[1]) * step // moves
            # --sync: each move has reached the server (and so the application) before the next.
            self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("mouseup", "1")
        self._done(Action(presses=1))

    def wheel_down(self, x: int, y: int, notches: int) -> None:
        """Turn the wheel towards oneself ``notches`` times with the pointer at (x, y)."""
        self.point(x, y)
        # Button 5 is the wheel turned towards the user. click's own --delay would add 100 ms
        # per notch; the notches of one turn come in a quick run.
        self.xdotool("click", "--repeat", str(notches), "--delay", "30", "5")
        self._done(Action(notches=notches))

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", text)
        self._done(Action(keys=tuple(text)))

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "30", *keys)
        self._done(Action(keys=keys))

    def window_titles(self) -> list[str]:
        try:
            ids = self.xdotool("search", "--onlyvisible", "--name", ".").split()
        except subprocess.CalledProcessError:
            return []
        titles = []
        for window in ids:
            try:
                titles.append(self.xdotool("getwindowname", window).strip())
            except subprocess.CalledProcessError:
                continue
        return titles

    def wait_for_window(self, title_part: str, timeout: float = 20.0) -> str:
        """Like a person waiting for the screen to appear before going on."""
        return wait_until(lambda: next((t for t in self.window_titles() if title_part in t), None),
                          timeout, f"a window titled …{title_part}…")


def wait_until(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """``probe()``'s first truthy answer, asked every few milliseconds; AssertionError naming
    ``what`` when none came within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(POLL_S)
