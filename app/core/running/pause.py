"""Pausing a run between two steps, and the global hotkey that pauses and resumes it.

An attended robot is paused by the person beside it (a phone call, a citizen at the desk) and
resumed where it was. ``PauseGate`` is a run listener: the player tells every listener before
each step, and the gate holds the player's thread there while the run is paused. So the robot
never stops halfway through typing a text, and the player needs no pause of its own. A stop
while paused lets the gate go (``release``), and the player then stops at its own check.

``HotkeyWatcher`` calls back on every press of one global hotkey (the settings' pause key,
Ctrl+F11 unless changed), whichever window has the focus, with the same key bookkeeping as the
safety stop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from app.core.model.bot import Step
from app.core.results.listeners import RunListener
from app.core.results.outcome import StepResult
from app.core.running.safety import (
    GlobalKeys,
    HeldKeys,
    completes_hotkey,
)

log = logging.getLogger(__name__)


class PauseGate(RunListener):
    """Holds the run before its next step while paused; every method is safe from any thread.

    ``on_change(paused)`` is called (on the caller's thread) whenever the state changes.
    """

    def __init__(self, on_change: Callable[[bool], None] | None = None) -> None:
        self._open = threading.Event()
        self._open.set()
        self._released = False
        self._lock = threading.Lock()
        self.on_change = on_change

    @property
    def paused(self) -> bool:
        return not self._open.is_set()

    def pause(self) -> None:
        """Hold the run before its next step (a step under way is finished first)."""
        self._set(paused=True)

    def resume(self) -> None:
        self._set(paused=False)

    def toggle(self) -> bool:
        """Pause a running robot or resume a paused one; returns whether it is paused now."""
        with self._lock:
            paused = not self.paused
        self._set(paused=paused)
        return paused

    def release(self) -> None:
        """Let the run through for good (it is being stopped); later pauses do nothing."""
        with self._lock:
            self._released = True
        self._set(paused=False)

    def _set(self, *, paused: bool) -> None:
        with self._lock:
            if paused and self._released:
                return
            changed = paused != self.paused
            if paused:
                self._open.clear()
            else:
                self._open.set()
        if changed and self.on_change is not None:
            self.on_change(paused)

    def start_step(self, step: Step, result: StepResult) -> None:
        self._open.wait()


class HotkeyWatcher:
    """Calls ``on_press()`` on each press of ``hotkey`` anywhere on the desktop.

    The call comes on the keyboard listener's thread; keep it short and thread-safe.
    ``start`` raises ``PlatformError`` when the keyboard cannot be watched.
    """

    def __init__(self, hotkey: frozenset[str], on_press: Callable[[], None]) -> None:
        if not hotkey:
            raise ValueError("a hotkey needs at least one key")
        self.hotkey = hotkey
        self.on_press = on_press
        self._held = HeldKeys()
        self._keys = GlobalKeys(self.key_down, self.key_up, "The hotkey")

    def start(self) -> None:
        self._keys.start()

    def stop(self) -> None:
        self._keys.stop()
        self._held.clear()

    def key_down(self, slot: int | str, token: str) -> None:
        held = self._held.press(slot, token)
        if completes_hotkey(self.hotkey, held, token):
            try:
                self.on_press()
            except Exception:
                # The listener's thread must survive for the next press.
                log.exception("the hotkey's action failed")

    def key_up(self, slot: int | str) -> None:
        self._held.release(slot)
