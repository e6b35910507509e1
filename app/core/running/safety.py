"""The safety stop: the ways a caseworker halts a running robot at once, from anywhere.

An attended robot types and clicks on the caseworker's own desktop, so the person beside it
needs a stop that works whichever window has the focus and whatever the robot is doing. While a
run is under way an ``AbortWatcher`` watches for two signals:

* the global abort hotkey (Ctrl+F12 unless configured), seen by a pynput keyboard listener on
  its own thread, and
* the fail-safe corner: the pointer pushed into any corner of the screen, seen by a thread
  that asks the platform where the pointer is every few hundredths of a second.

``guard_run`` wires the watcher to a player: it tells the player to stop and lets go of every
key at once, which also interrupts a text being typed between two characters.

The first half of this module is pure (hotkey text, held-key bookkeeping, corner geometry) and
is unit-tested without a display; ``AbortWatcher`` applies it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Protocol

from app.core.hotkeys import canonical_key, format_hotkey
from app.core.platform import (
    PlatformError,
    PointerReader,
    listener_class,
    pointer_reader,
)

log = logging.getLogger(__name__)

DEFAULT_ABORT_HOTKEY = frozenset({"ctrl", "f12"})
DEFAULT_CORNER_MARGIN = 2
DEFAULT_POLL_S = 0.02

# Longer than pynput ever needs to open its two X connections, short enough that a robot whose
# stop cannot be set up says so instead of hanging.
LISTENER_READY_TIMEOUT_S = 5.0

def key_token(key: Any) -> str:
    """The name a hotkey uses for a key object from pynput.

    Special keys go by their name with left/right modifiers merged ('ctrl_r' → 'ctrl'), keys
    that type a character by the character in lower case (Shift turns 'q' into 'Q', and a
    hotkey means the key, not the case), and anything else by its virtual key number.
    """
    if key is None:
        return "unknown"
    name = getattr(key, "name", None)
    if name:
        return canonical_key(str(name).lower())
    char = getattr(key, "char", None)
    if char:
        return str(char).lower()
    vk = getattr(key, "vk", None)
    return f"vk{vk}" if vk is not None else "unknown"


class HeldKeys:
    """Which keys are down now, by the slot the system reports them in (the X key code).

    A release is matched to its press by key code, never by name: typing 'H' is reported as
    press 'H' and release 'h' (Shift goes up first), and '!' as release '1'. Keyed by name, the
    'H' would stay "held" for ever and every later hotkey check would be wrong.
    """

    def __init__(self) -> None:
        self._held: dict[int | str, str] = {}

    def press(self, slot: int | str, token: str) -> frozenset[str]:
        """Note a key going down; returns the names of every key held now, this one included."""
        self._held[slot] = token
        return self.names()

    def release(self, slot: int | str) -> None:
        # A release without a press (the key was down before the watcher started) is fine.
        self._held.pop(slot, None)

    def names(self) -> frozenset[str]:
        return frozenset(self._held.values())

    def clear(self) -> None:
        self._held.clear()


def completes_hotkey(hotkey: frozenset[str], held: frozenset[str], pressed: str) -> bool:
    """True when pressing ``pressed`` (with ``held`` down, itself included) completes ``hotkey``.

    Only a press of one of the hotkey's own keys can complete it, so the robot typing letters
    while the person holds Ctrl never counts. Other keys held at the same moment do not prevent
    it: on X the robot's injected keys look exactly like the person's, and the robot may be
    holding Shift for a capital at the instant the person presses the hotkey. A missed stop is
    worse than an unexpected one.
    """
    return pressed in hotkey and hotkey <= held


# --- the fail-safe corner -----------------------------------------------------------------

def corner_at(x: int, y: int, width: int, height: int, margin: int) -> str | None:
    """The screen corner the point is in ('top-left' …), or None.

    A corner is where a vertical and a horizontal edge meet: the point must be at most
    ``margin`` pixels from both. Being near one edge only (a scroll bar at the right, a taskbar
    at the bottom) is ordinary work, not a request to stop.
    """
    if width <= 0 or height <= 0:
        return None
    if x <= margin:
        side = "left"
    elif x >= width - 1 - margin:
        side = "right"
    else:
        return None
    if y <= margin:
        level = "top"
    elif y >= height - 1 - margin:
        level = "bottom"
    else:
        return None
    return f"{level}-{side}"


class CornerTrigger:
    """Decides, sample by sample, when the pointer has been moved into a corner.

    It fires on arriving in a corner, never for a pointer that is already in one when the run
    starts: people park the pointer in a corner to get it out of the way, and a trigger that
    looked only at the position would make every run of theirs fail at its first instant. Once
    the pointer has been somewhere else (or in another corner), arriving counts.
    """

    def __init__(self, margin: int = DEFAULT_CORNER_MARGIN) -> None:
        self.margin = margin
        self._started = False
        self._previous: str | None = None

    def update(self, x: int, y: int, width: int, height: int) -> str | None:
        """Feed one pointer position; returns the corner when the pointer just arrived in it."""
        corner = corner_at(x, y, width, height, self.margin)
        first, previous = not self._started, self._previous
        self._started, self._previous = True, corner
        if first or corner is None or corner == previous:
            return None
        return corner


# --- watching the desktop ------------------------------------------------------------------

class GlobalKeys:
    """pynput's global keyboard listener, started and known to be ready, telling
    ``key_down(slot, token)`` and ``key_up(slot)`` of every key anyone presses.

    A slot pairs a press with its release by the key's code where pynput gives one (a key
    pressed under one layout and released under another still pairs). ``what`` names the
    watch in the error a failed start raises (``PlatformError``).
    """

    def __init__(self, key_down: Callable[[int | str, str], None],
                 key_up: Callable[[int | str], None], what: str) -> None:
        self._key_down = key_down
        self._key_up = key_up
        self._what = what
        self._listener: Any = None

    def start(self) -> None:
        try:
            # pynput connects to the display when imported, so only now.
            from pynput import keyboard
        except Exception as error:
            raise PlatformError(f"{self._what} cannot be watched: {error}") from error
        listener = listener_class(keyboard.Listener)(on_press=self._on_press,
                                                              on_release=self._on_release)
        listener.daemon = True
        # Set before it starts, so the first events already pair by key code.
        self._listener = listener
        listener.start()
        # A press before the listener is ready would be lost: a caseworker presses the hotkey
        # as soon as the robot starts. pynput's wait() has no timeout and never returns if the
        # listener died starting.
        ready = threading.Event()

        def wait_for_listener() -> None:
            listener.wait()
            ready.set()

        threading.Thread(target=wait_for_listener, daemon=True, name="hotkey-ready").start()
        deadline = time.monotonic() + LISTENER_READY_TIMEOUT_S
        while not ready.wait(0.01):
            if not listener.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise PlatformError(
                    f"{self._what} cannot be watched: the keyboard listener did not start "
                    "(does the X server have the RECORD extension?).")

    def stop(self) -> None:
        """Stop listening; returns at once and may be called more than once."""
        listener, self._listener = self._listener, None
        if listener is not None:
            # Not joined: pynput's listener thread can stay blocked until the next input
            # event arrives; it is a daemon thread and ends on its own.
            listener.stop()

    # These run on pynput's thread for every key anyone presses: keep them short.

    def _on_press(self, key: Any, injected: bool = False) -> None:
        token = key_token(key)
        self._key_down(self._slot(token), token)

    def _on_release(self, key: Any, injected: bool = False) -> None:
        self._key_up(self._slot(key_token(key)))

    def _slot(self, token: str) -> int | str:
        code = getattr(self._listener, "current_keycode", None)
        return code if code is not None else token


class AbortWatcher:
    """Watches for the abort hotkey and the fail-safe corner while a robot runs.

    ``on_abort(reason)`` is called once, on the watcher's own thread, by whichever signal comes
    first; later signals are ignored. ``start`` raises ``PlatformError`` if either watch cannot
    be set up, because a robot without a working stop must not start.
    """

    def __init__(self, on_abort: Callable[[str], None],
                 hotkey: frozenset[str] = DEFAULT_ABORT_HOTKEY,
                 corner_margin: int = DEFAULT_CORNER_MARGIN,
                 poll_s: float = DEFAULT_POLL_S) -> None:
        if not hotkey:
            raise ValueError("the abort hotkey needs at least one key")
        if poll_s <= 0:
            raise ValueError("poll_s must be positive")
        self.on_abort = on_abort
        self.hotkey = hotkey
        self.corner_margin = corner_margin
        self.poll_s = poll_s
        self.reason: str | None = None
        # time.time() when the first signal arrived, for the run log and for measuring.
        self.fired_at: float | None = None
        self._fire_lock = threading.Lock()
        self._held = HeldKeys()
        self._corner = CornerTrigger(corner_margin)
        self._stopping = threading.Event()
        self._keys = GlobalKeys(self.key_down, self.key_up, "The stop hotkey")
        self._poller: threading.Thread | None = None

    @property
    def fired(self) -> bool:
        return self.reason is not None

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        self._stopping.clear()
        self.reason = self.fired_at = None
        self._held.clear()
        self._corner = CornerTrigger(self.corner_margin)
        try:
            self._start_corner_watch()
            self._keys.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop watching; returns at once and may be called more than once."""
        self._stopping.set()
        self._keys.stop()
        poller, self._poller = self._poller, None
        if poller is not None and poller is not threading.current_thread():
            poller.join(timeout=max(1.0, 5 * self.poll_s))

    def __enter__(self) -> AbortWatcher:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    # -- the signals -------------------------------------------------------------------------

    def key_down(self, slot: int | str, token: str) -> None:
        """A key went down somewhere on the desktop (called by the listener)."""
        held = self._held.press(slot, token)
        if completes_hotkey(self.hotkey, held, token):
            self._fire(f"the stop hotkey {format_hotkey(self.hotkey)} was pressed")

    def key_up(self, slot: int | str) -> None:
        self._held.release(slot)

    def pointer_at(self, x: int, y: int, width: int, height: int) -> None:
        """The pointer is at (x, y) on a screen of this size (called by the poller)."""
        corner = self._corner.update(x, y, width, height)
        if corner is not None:
            self._fire(f"the pointer was moved into the {corner} corner of the screen")

    def _fire(self, reason: str) -> None:
        with self._fire_lock:
            # After stop() the run is over; a key event still on its way changes nothing.
            if self.reason is not None or self._stopping.is_set():
                return
            self.fired_at = time.time()
            self.reason = reason
        log.info("stopping the robot: %s", reason)
        try:
            self.on_abort(reason)
        except Exception:
            # The watcher's thread must survive, or the other signal would be lost too.
            log.exception("stopping the robot failed")

    # -- the corner --------------------------------------------------------------------------

    def _start_corner_watch(self) -> None:
        reader = pointer_reader()
        try:
            # The position at the moment the run starts is the reference: a pointer parked in
            # a corner then must not count as arriving there.
            self._sample_pointer(reader)
        except Exception as error:
            _close_reader(reader)
            raise PlatformError(f"The fail-safe corner cannot be watched: {error}") from error
        self._poller = threading.Thread(target=self._poll_pointer, args=(reader,),
                                        name="abort-corner", daemon=True)
        self._poller.start()

    def _sample_pointer(self, reader: PointerReader) -> None:
        self.pointer_at(*reader.position_and_screen_size())

    def _poll_pointer(self, reader: PointerReader) -> None:
        try:
            while not self._stopping.wait(self.poll_s):
                self._sample_pointer(reader)
        except Exception as error:
            if not self._stopping.is_set():
                log.warning("the fail-safe corner is no longer watched: %s", error)
        finally:
            _close_reader(reader)


def _close_reader(reader: PointerReader) -> None:
    try:
        reader.close()
    except Exception:  # the display may be gone already; the watch is over either way
        log.debug("closing the pointer watch's connection failed", exc_info=True)


# --- a run under watch ---------------------------------------------------------------------

class Abortable(Protocol):
    def abort(self) -> None: ...


class Releasing(Protocol):
    def release_all(self) -> None: ...


@contextmanager
def guard_run(player: Abortable, drivers: Releasing,
              hotkey: frozenset[str] = DEFAULT_ABORT_HOTKEY, *,
              corner_margin: int = DEFAULT_CORNER_MARGIN,
              poll_s: float = DEFAULT_POLL_S) -> Iterator[AbortWatcher]:
    """Watch for the stop signals around ``player.run()``; on one, stop the player and let go
    of every key at once.

    The player is told first, so that when ``release_all`` interrupts a text being typed the
    player already knows the run was stopped on request. After that, keys are released again
    every ``poll_s`` until the block ends: the player may have passed its last check for a stop
    just before it, and a text it starts typing in that instant is cut off by the next release
    instead of being typed to the end.
    """
    finished = threading.Event()
    brake: list[threading.Thread] = []
    brake_lock = threading.Lock()

    def keep_releasing() -> None:
        while not finished.wait(poll_s):
            try:
                drivers.release_all()
            except Exception as error:
                log.warning("could not release keys after the stop: %s", error)
                return

    def stop_the_robot(reason: str) -> None:
        player.abort()
        try:
            drivers.release_all()
        finally:
            # The run may have returned while release_all waited for the typing to stop;
            # then there is nothing left to brake.
            with brake_lock:
                if not finished.is_set():
                    thread = threading.Thread(target=keep_releasing, name="abort-brake",
                                              daemon=True)
                    thread.start()
                    brake.append(thread)

    try:
        with AbortWatcher(stop_the_robot, hotkey, corner_margin, poll_s) as watcher:
            yield watcher
    finally:
        with brake_lock:
            finished.set()
        # Joined, so that no release reaches the drivers after the caller has closed them.
        for thread in brake:
            thread.join(timeout=1.0)
