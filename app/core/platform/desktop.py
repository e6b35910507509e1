"""What the rest of Robotfabrik may ask of a desktop, whatever system it runs on.

The recorder asks which window a click or a key went to, the player asks which window has the
keyboard before it types and types text into it, and the safety stop asks which keys are held,
lets go of them, and watches where the pointer is (``PointerReader``). Recovery asks whether a
recording process still runs (``ProcessState``). Each operating system gets its own module that
implements these; this file holds only the platform-neutral types, so that it can be imported
on any system and never pulls in a windowing library; the package's ``__init__`` chooses the
implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable


@dataclass(frozen=True)
class WindowInfo:
    """A top-level window as the user sees it.

    ``x``/``y``/``width``/``height`` describe the client area (what the application draws,
    without window-manager decorations) in screen coordinates. ``pid`` is the owning process
    where the system tells (X11's ``_NET_WM_PID``), so that only that process is asked about
    the window's elements.
    """

    id: int
    title: str
    app_class: str
    x: int
    y: int
    width: int
    height: int
    pid: int | None = None

    def contains(self, x: int, y: int) -> bool:
        """True when the screen point lies inside the client area."""
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


class PlatformError(Exception):
    """The desktop cannot do what was asked; the message is meant to be shown to the user."""


class TypingStoppedError(PlatformError):
    """``type_text`` was interrupted by ``release_all`` or ``close`` from another thread."""


@runtime_checkable
class Desktop(Protocol):
    """Windows, text input and key state of the desktop this process runs on."""

    def window_at(self, x: int, y: int) -> WindowInfo | None:
        """The top-level window under the screen point, or None over the bare desktop."""
        ...

    def focused_window(self) -> WindowInfo | None:
        """The top-level window that receives the keyboard now, or None if no window does."""
        ...

    def find_windows(self, title: str) -> list[WindowInfo]:
        """Visible top-level windows titled exactly ``title``, then those whose title contains it.

        Within each group the topmost window comes first.
        """
        ...

    def type_text(self, text: str, delay_s: float = 0.0) -> None:
        """Type any Unicode text into the focused window as if typed on the keyboard.

        A newline presses Return and a tab presses Tab. ``delay_s`` is the pause after each
        character.
        """
        ...

    def pressed_keys(self) -> list[str]:
        """Names of the keys the system believes are held down now."""
        ...

    def release_all(self) -> None:
        """Let go of every key and mouse button that is held down by injected input.

        A ``type_text`` under way in another thread stops before its next character and raises
        ``TypingStoppedError``; this call does not wait for the rest of the text.
        """
        ...

    def keyboard_layout(self) -> str:
        """The active keyboard layout, for example ``"se"`` or ``"us"``."""
        ...

    def watch_keys(self) -> None:
        """Start following key events, for ``text_for_key``: call it before the first key of a
        recording, so that every key after it is decoded exactly."""
        ...

    def text_for_key(self, keycode: int, state: int, event_time: int | None = None,
                     pressed: bool | None = None) -> str | None:
        """The text a key event typed, under the layout, modifiers and dead keys of the moment.

        ``keycode``, ``state`` and ``event_time`` are the system's own for the event (on X11 the
        key event's detail, state and server time). Returns the characters, "" for a key that
        typed nothing yet (a dead key such as ´ waiting for its letter), or None for a key that
        types no text (Tab, Return, arrows, function keys, modifiers). Ask about every event in
        the order they happened, presses and releases alike (a release answers its press's
        text); the platform module documents what it decodes when it cannot be exact.
        """
        ...

    def close(self) -> None:
        """Give back the connection to the window system; safe to call more than once."""
        ...


class PointerReader(Protocol):
    """Where the pointer is, read afresh on every call (the fail-safe corner polls it).

    Made on one thread and then used from one thread at a time.
    """

    def position_and_screen_size(self) -> tuple[int, int, int, int]:
        """(x, y, width, height): the pointer on the whole screen and the screen's size now,
        which may have changed since the last call."""
        ...

    def close(self) -> None:
        """Give back the connection to the window system; safe to call more than once."""
        ...


class InputClock(Protocol):
    """The clock the window system stamps input events with, in milliseconds.

    Read after something else has been asked of the window system (a screen grab), it says
    that thing happened no later than an input event stamped later: the only way to tell a
    picture taken before a press from one taken after it, when the press is reported late.
    Made on one thread and then used from one thread at a time.
    """

    def now(self) -> int:
        """The window system's time now; wraps around like the events' time does."""
        ...

    def close(self) -> None:
        """Give back the connection to the window system; safe to call more than once."""
        ...


class ProcessState(NamedTuple):
    """Whether a process runs, and when it began as a wall-clock time if the system tells."""

    running: bool
    started_at: float | None = None
