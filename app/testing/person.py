"""A person at the keyboard of an Xvfb display: xdotool clicks and keystrokes, and patience.

Everything goes through the X server as real injected input (XTEST), exactly what a recorder's
global listeners and the applications see from a person.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

from app.testing.display import VirtualDisplay


class Person:
    def __init__(self, display: VirtualDisplay) -> None:
        self.display = display
        self.environment = display.environment()

    def xdotool(self, *arguments: str) -> str:
        result = subprocess.run(["xdotool", *arguments], env=self.environment, check=True,
                                capture_output=True, text=True, timeout=30)
        return result.stdout

    def click(self, x: int, y: int, pause: float = 0.3, hold: float = 0.08) -> None:
        """Point, press, hold the button as long as a person's finger does, release."""
        self.xdotool("mousemove", "--sync", str(x), str(y))
        time.sleep(0.05)
        self.xdotool("mousedown", "1")
        time.sleep(hold)
        self.xdotool("mouseup", "1")
        time.sleep(pause)

    def type(self, text: str, pause: float = 0.2) -> None:
        self.xdotool("type", "--delay", "15", text)
        time.sleep(pause)

    def key(self, *keys: str, pause: float = 0.2) -> None:
        self.xdotool("key", "--delay", "30", *keys)
        time.sleep(pause)

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


def wait_until(probe: Callable[[], str | None], timeout: float, what: str) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")
