"""Platform drivers: one place per system knows its windows, text input, key state, pointer
and processes.

``desktop.py`` holds the platform-neutral types; ``x11/``, ``win32.py``, ``macos.py`` and
``linux.py`` each implement them for one system. The functions below import the right one only
when they are called, so importing this package never loads a windowing library and no module
here imports another system's module.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from app.core.platform.accessibility import AccessibilityTree, ElementInfo, NoAccessibility
from app.core.platform.desktop import (
    Desktop,
    InputClock,
    PlatformError,
    PointerReader,
    ProcessState,
    TypingStoppedError,
    WindowInfo,
)

__all__ = [
    "AccessibilityTree",
    "Desktop",
    "ElementInfo",
    "InputClock",
    "NoAccessibility",
    "PlatformError",
    "PointerReader",
    "ProcessState",
    "TypingStoppedError",
    "WindowInfo",
    "accessibility_for_this_system",
    "check_display",
    "desktop_for_this_system",
    "input_clock",
    "listener_class",
    "pointer_reader",
    "process_state",
]


def desktop_for_this_system() -> Desktop:
    """The ``Desktop`` for the system and session this process runs in.

    Raises ``PlatformError`` with an explanation when there is none (yet).
    """
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if os.environ.get("DISPLAY"):
            # Imported here so that this module stays importable where python-xlib is absent.
            from app.core.platform.x11.desktop import X11Desktop

            return X11Desktop()
        if os.environ.get("WAYLAND_DISPLAY"):
            raise PlatformError(
                "Robotfabrik needs an X11 session (or XWayland with DISPLAY set) to see windows "
                "and type text; this Wayland session has no DISPLAY. Log in with an X11 "
                "session ('GNOME on Xorg' or similar) and start Robotfabrik again."
            )
        raise PlatformError(
            "No graphical session found: the DISPLAY environment variable is not set. Start "
            "Robotfabrik from the desktop session the robot should work in."
        )
    if sys.platform == "win32":
        from app.core.platform.win32 import Win32Desktop

        return Win32Desktop()
    if sys.platform == "darwin":
        from app.core.platform.macos import MacDesktop

        return MacDesktop()
    raise PlatformError(f"This system ({sys.platform}) is not supported by Robotfabrik.")


def check_display() -> None:
    """Make sure there is a screen the person can see for the robot to work on.

    Raises ``PlatformError`` with one line naming the display when there is none or it cannot
    be reached; a robot must never go on working where nobody sees it.
    """
    if not (sys.platform.startswith("linux") or sys.platform.startswith("freebsd")):
        return  # Windows and macOS always have the logged-in user's screen
    name = os.environ.get("DISPLAY")
    if not name:
        where = (" (this is a Wayland session without XWayland's DISPLAY)"
                 if os.environ.get("WAYLAND_DISPLAY") else "")
        raise PlatformError(
            f"no display to work on: DISPLAY is not set{where}; start robotfabrik from the "
            "desktop session the robot should work in")
    from app.core.platform.x11.desktop import can_connect

    problem = can_connect(name)
    if problem is not None:
        raise PlatformError(f"the display {name} cannot be reached: {problem}")


def pointer_reader() -> PointerReader:
    """Where the pointer is on this session's screen, for the fail-safe corner.

    Raises ``PlatformError`` where the corner cannot be watched yet. On X11 the display is
    reached by the first reading, which raises whatever keeps it from being reached.
    """
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        from app.core.platform.x11.pointer import X11PointerReader

        return X11PointerReader()
    raise PlatformError("The fail-safe corner is only watched on X11 so far.")


def listener_class(base: type[Any]) -> type[Any]:
    """pynput's keyboard or mouse listener class ``base``, on X11 made to tell its callbacks the
    X key code or button, modifier state and server time of the event they report
    (``current_keycode``, ``current_state``, ``current_time``); elsewhere ``base`` itself, which
    has none of them.

    ``base`` is passed in because pynput connects to the display when it is imported.
    """
    if not sys.platform.startswith("linux"):
        return base
    from app.core.platform.x11.listener import with_event_details

    return with_event_details(base)


def input_clock() -> InputClock | None:
    """The clock this session's input events are stamped with (``listener_class``'s
    ``current_time``), or None where the listener tells no time (so far all but X11)."""
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY"):
        from app.core.platform.x11.input_clock import X11InputClock

        return X11InputClock()
    return None


def process_state(pid: int) -> ProcessState:
    """Whether the process ``pid`` runs and, where the system tells, when it began."""
    if sys.platform.startswith("linux"):
        from app.core.platform.linux import process_state as from_proc

        known = from_proc(pid)
        if known is not None:
            return known
    if sys.platform == "win32":
        from app.core.platform.win32 import process_state as from_kernel

        return from_kernel(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return ProcessState(running=False)
    except PermissionError:
        return ProcessState(running=True)  # another user's process: it exists
    return ProcessState(running=True)


def accessibility_for_this_system(timeout_s: float = 0.5) -> AccessibilityTree:
    """The accessibility tree of this session, or ``NoAccessibility`` saying why there is none.

    Never raises: a robot without the tree finds its targets by pictures and points as before.
    ``timeout_s`` bounds each question to an application, so a hung one cannot block.
    """
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if not os.environ.get("DISPLAY"):
            return NoAccessibility("no X11 display: the accessibility tree is read on X11 only")
        from app.core.platform.x11.accessibility import AtspiTree, AtspiUnavailableError

        try:
            return AtspiTree(timeout_s)
        except AtspiUnavailableError as exc:
            return NoAccessibility(str(exc))
    return NoAccessibility(f"the accessibility tree is not read on {sys.platform} yet")
