"""The macOS desktop, as far as pyobjc's Quartz bindings reach: windows, Unicode typing, keys.

Everything goes through ``pyobjc-framework-Quartz`` (and AppKit from ``pyobjc-framework-Cocoa``,
which it depends on), imported when a ``MacDesktop`` is made, so that this module imports on
any system.

- Windows come from ``CGWindowListCopyWindowInfo``, front to back. Their geometry is the whole
  window frame (title bar included) in points, the unit pyautogui and Quartz events use;
  Quartz does not tell where the content area starts, and on a Retina display mss's
  screenshots have two pixels per point.
- The focused window is the frontmost window of the frontmost application (``NSWorkspace``).
- Text is typed as keyboard events that carry their characters
  (``CGEventKeyboardSetUnicodeString``), so any character arrives whatever the keyboard layout,
  with the modifier flags cleared so that a held Cmd or Option cannot turn a letter into a
  shortcut. Return and Tab are real key presses. Quartz drops everything past 20 UTF-16 units
  in one event, and some applications read only the first character of an event, so each event
  carries one character unless asked otherwise.

macOS lets a program post keyboard events only with the Accessibility permission, and shows
other applications' window titles only with the Screen Recording permission; the errors say
how to grant them.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from app.core.platform.desktop import Desktop, PlatformError, TypingStoppedError, WindowInfo

log = logging.getLogger(__name__)

# Virtual key codes (HIToolbox Events.h); they name key positions, not characters.
KVK_RETURN = 0x24
KVK_TAB = 0x30

# The most UTF-16 units one keyboard event carries; Quartz silently drops the rest.
MAX_UNITS_PER_EVENT = 20

# Window levels (CGWindowLevel.h) of what a user calls a window: normal windows (0), floating
# windows and torn-off menus (3), modal panels (8) and utility windows (19); not the Dock (20),
# the menu bar (24), status items (25) or pop-up menus (101).
APP_WINDOW_LAYERS = range(20)

# The keys of a CGWindowListCopyWindowInfo entry, under the names of their Quartz constants.
WINDOW_KEYS = (
    "kCGWindowNumber", "kCGWindowName", "kCGWindowOwnerName", "kCGWindowOwnerPID",
    "kCGWindowBounds", "kCGWindowLayer", "kCGWindowAlpha",
)

ACCESSIBILITY_HELP = (
    "Open System Settings › Privacy & Security › Accessibility, switch on the program "
    "Robotfabrik runs in (Robotfabrik itself, or Terminal when started from there), and start "
    "Robotfabrik again."
)
SCREEN_RECORDING_HELP = (
    "Open System Settings › Privacy & Security › Screen & System Audio Recording, switch on the "
    "program Robotfabrik runs in, and start Robotfabrik again."
)
PYOBJC_HELP = (
    "Robotfabrik needs pyobjc-framework-Quartz to work with macOS desktops. Install it into "
    "Robotfabrik's Python with: pip install 'pyobjc-framework-Quartz>=12,<14'"
)


# --- typing plan ---------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """The characters to type: NFC (as a keyboard types them) and any line break as one
    newline."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` has (two for a character outside the BMP)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class TextChunk:
    """Characters typed by one keyboard event."""

    text: str

    @property
    def units(self) -> int:
        return utf16_length(self.text)


@dataclass(frozen=True)
class KeyPress:
    """A real key pressed and released (Return, Tab)."""

    keycode: int


TypingStep = TextChunk | KeyPress


def plan_typing(text: str, chars_per_event: int = 1) -> list[TypingStep]:
    """The keyboard events that type ``text``.

    Each text event carries at most ``chars_per_event`` characters and at most
    ``MAX_UNITS_PER_EVENT`` UTF-16 units, and never half a surrogate pair. Raises
    ``PlatformError`` before anything is typed when a character cannot be typed.
    """
    if not 1 <= chars_per_event <= MAX_UNITS_PER_EVENT:
        raise ValueError(f"chars_per_event must be 1 to {MAX_UNITS_PER_EVENT}")
    steps: list[TypingStep] = []
    pending: list[str] = []
    pending_units = 0

    def flush() -> None:
        nonlocal pending_units
        if pending:
            steps.append(TextChunk("".join(pending)))
            pending.clear()
            pending_units = 0

    for char in normalize_text(text):
        if char in "\n\t":
            flush()
            steps.append(KeyPress(KVK_RETURN if char == "\n" else KVK_TAB))
            continue
        code_point = ord(char)
        if code_point < 0x20 or 0x7F <= code_point < 0xA0 or 0xD800 <= code_point <= 0xDFFF:
            raise PlatformError(f"Cannot type the character U+{code_point:04X}.")
        units = utf16_length(char)
        if len(pending) == chars_per_event or pending_units + units > MAX_UNITS_PER_EVENT:
            flush()
        pending.append(char)
        pending_units += units
    flush()
    return steps


# --- windows -------------------------------------------------------------------------------


def window_info(entry: Mapping[str, Any]) -> WindowInfo | None:
    """A window-list entry (keys as in ``WINDOW_KEYS``) as a ``WindowInfo``, or None when it is
    not a window a user works in (menu bar, Dock, invisible, empty)."""
    try:
        layer = int(entry.get("kCGWindowLayer", 0))
        alpha = float(entry.get("kCGWindowAlpha", 1.0))
        bounds = entry["kCGWindowBounds"]
        x, y = round(float(bounds["X"])), round(float(bounds["Y"]))
        width, height = round(float(bounds["Width"])), round(float(bounds["Height"]))
        number = int(entry["kCGWindowNumber"])
    except (KeyError, TypeError, ValueError):
        return None
    if layer not in APP_WINDOW_LAYERS or alpha <= 0 or width <= 0 or height <= 0:
        return None
    return WindowInfo(
        id=number, title=str(entry.get("kCGWindowName") or ""),
        app_class=str(entry.get("kCGWindowOwnerName") or ""),
        x=x, y=y, width=width, height=height,
    )


def window_at_point(entries: Iterable[Mapping[str, Any]], x: int, y: int) -> WindowInfo | None:
    """The frontmost window whose frame contains the point (entries front to back)."""
    for entry in entries:
        info = window_info(entry)
        if info is not None and info.contains(x, y):
            return info
    return None


def front_window_of(entries: Iterable[Mapping[str, Any]], pid: int) -> WindowInfo | None:
    """The frontmost window of the process ``pid`` (entries front to back)."""
    for entry in entries:
        if entry.get("kCGWindowOwnerPID") == pid:
            info = window_info(entry)
            if info is not None:
                return info
    return None


def titles_hidden(entries: Iterable[Mapping[str, Any]], own_pid: int) -> bool:
    """Whether macOS withholds other applications' window titles (no Screen Recording
    permission): there are such windows and none of them has a title key at all."""
    others = [
        entry for entry in entries
        if entry.get("kCGWindowOwnerPID") != own_pid and window_info(entry) is not None
    ]
    return bool(others) and not any("kCGWindowName" in entry for entry in others)


def order_by_title(windows: Iterable[WindowInfo], title: str) -> list[WindowInfo]:
    """Windows titled exactly ``title``, then those whose title contains it, in given order."""
    windows = list(windows)
    exact = [info for info in windows if info.title == title]
    return exact + [info for info in windows if info.title != title and title in info.title]


# --- keyboard ------------------------------------------------------------------------------

KEY_NAMES: dict[int, str] = {
    0x24: "Return", 0x30: "Tab", 0x31: "space", 0x33: "BackSpace", 0x35: "Escape",
    0x36: "Super_R", 0x37: "Super_L", 0x38: "Shift_L", 0x39: "Caps_Lock", 0x3A: "Alt_L",
    0x3B: "Control_L", 0x3C: "Shift_R", 0x3D: "Alt_R", 0x3E: "Control_R", 0x3F: "Function",
    0x73: "Home", 0x74: "Prior", 0x75: "Delete", 0x77: "End", 0x79: "Next", 0x7B: "Left",
    0x7C: "Right", 0x7D: "Down", 0x7E: "Up", 0x7A: "F1", 0x78: "F2", 0x63: "F3", 0x76: "F4",
    0x60: "F5", 0x61: "F6", 0x62: "F7", 0x64: "F8", 0x65: "F9", 0x6D: "F10", 0x67: "F11",
    0x6F: "F12",
}
MODIFIER_KEYCODES = frozenset({0x36, 0x37, 0x38, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F})


def key_name(keycode: int) -> str:
    """The name of a key code; letter keys are named by number, since their letter depends on
    the layout."""
    return KEY_NAMES.get(keycode, f"keycode {keycode}")


def release_order(keycodes: Iterable[int]) -> list[int]:
    """Key codes to release: other keys first, modifiers last, so nothing becomes a shortcut."""
    codes = sorted(set(keycodes))
    return [c for c in codes if c not in MODIFIER_KEYCODES] + [
        c for c in codes if c in MODIFIER_KEYCODES
    ]


# Input sources by the end of their id, named as setxkbmap names the same keyboard, so that
# recordings from macOS, Windows and Linux store one name for it.
LAYOUT_NAMES: dict[str, str] = {
    "Swedish": "se", "Swedish-Pro": "se", "SwedishSami-PC": "se", "US": "us", "ABC": "us",
    "USExtended": "us", "USInternational-PC": "us", "British": "gb", "British-PC": "gb",
    "Danish": "dk", "Norwegian": "no", "Finnish": "fi", "German": "de",
}


def layout_name(input_source_id: str | None) -> str:
    """``"se"`` for ``com.apple.keylayout.Swedish-Pro`` and so on; else the layout's own name."""
    if not input_source_id:
        return ""
    name = input_source_id.rsplit(".", 1)[-1]
    return LAYOUT_NAMES.get(name, name)


# --- the desktop -------------------------------------------------------------------------------


def _import(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise PlatformError(PYOBJC_HELP) from exc


class MacDesktop(Desktop):
    """``Desktop`` on the macOS desktop this process runs in.

    ``quartz`` and ``appkit`` are the pyobjc modules (imported when not given; tests give
    stand-ins). ``release_all`` and ``close`` stop a ``type_text`` under way in another thread
    before its next event.
    """

    def __init__(self, quartz: Any = None, appkit: Any = None, chars_per_event: int = 1) -> None:
        self._q: Any = quartz if quartz is not None else _import("Quartz")
        self._appkit: Any = appkit if appkit is not None else _import("AppKit")
        plan_typing("", chars_per_event)  # rejects a bad value now rather than when typing
        self.chars_per_event = chars_per_event
        self._lock = threading.RLock()
        self._stop_typing = threading.Event()
        self._own_pid = os.getpid()

    def __enter__(self) -> MacDesktop:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        # Quartz needs no connection; this only stops a text being typed.
        self._stop_typing.set()
        with self._lock:
            self._stop_typing.clear()

    # -- windows ------------------------------------------------------------------------------

    def _window_entries(self) -> list[dict[str, Any]]:
        q = self._q
        options = q.kCGWindowListOptionOnScreenOnly | q.kCGWindowListExcludeDesktopElements
        raw = q.CGWindowListCopyWindowInfo(options, q.kCGNullWindowID) or ()
        constants = {name: getattr(q, name, name) for name in WINDOW_KEYS}
        entries = []
        for item in raw:
            entry = {name: item[key] for name, key in constants.items() if key in item}
            bounds = entry.get("kCGWindowBounds")
            if bounds is not None:
                entry["kCGWindowBounds"] = dict(bounds)
            entries.append(entry)
        return entries

    def window_at(self, x: int, y: int) -> WindowInfo | None:
        """The frontmost window whose frame contains the point (over the title bar too)."""
        return window_at_point(self._window_entries(), x, y)

    def focused_window(self) -> WindowInfo | None:
        pid = self._frontmost_pid()
        return None if pid is None else front_window_of(self._window_entries(), pid)

    def _frontmost_pid(self) -> int | None:
        # NSWorkspace updates the frontmost application from the main thread's run loop; the
        # Qt application runs one, a command-line run may see the application that was in
        # front when it started.
        app = self._appkit.NSWorkspace.sharedWorkspace().frontmostApplication()
        return None if app is None else int(app.processIdentifier())

    def find_windows(self, title: str) -> list[WindowInfo]:
        entries = self._window_entries()
        if titles_hidden(entries, self._own_pid) and not self._may_capture_screen():
            raise PlatformError(
                "macOS hides the titles of other programs' windows from Robotfabrik, so it "
                f"cannot find the window '{title}'. {SCREEN_RECORDING_HELP}"
            )
        infos = [info for entry in entries if (info := window_info(entry)) is not None]
        return order_by_title(infos, title)

    def _may_capture_screen(self) -> bool:
        preflight = getattr(self._q, "CGPreflightScreenCaptureAccess", None)
        return True if preflight is None else bool(preflight())

    # -- keyboard -----------------------------------------------------------------------------

    def keyboard_layout(self) -> str:
        q = self._q
        domain = "com.apple.HIToolbox"
        # The system writes the current layout to its preferences when the user switches; the
        # synchronise drops this process's cached copy.
        q.CFPreferencesAppSynchronize(domain)
        value = q.CFPreferencesCopyAppValue("AppleCurrentKeyboardLayoutInputSourceID", domain)
        return layout_name(str(value) if value else None)

    def pressed_keys(self) -> list[str]:
        return [key_name(code) for code in self._keycodes_down()]

    def _keycodes_down(self) -> list[int]:
        q = self._q
        state = q.kCGEventSourceStateHIDSystemState
        return [code for code in range(128) if q.CGEventSourceKeyState(state, code)]

    def release_all(self) -> None:
        self._stop_typing.set()
        with self._lock:
            self._stop_typing.clear()
            self._require_post_access()
            q = self._q
            for code in release_order(self._keycodes_down()):
                self._post_key(code, down=False)
            state = q.kCGEventSourceStateHIDSystemState
            location = q.CGEventGetLocation(q.CGEventCreate(None))
            for button, up_type in ((q.kCGMouseButtonLeft, q.kCGEventLeftMouseUp),
                                    (q.kCGMouseButtonRight, q.kCGEventRightMouseUp),
                                    (q.kCGMouseButtonCenter, q.kCGEventOtherMouseUp)):
                if q.CGEventSourceButtonState(state, button):
                    event = q.CGEventCreateMouseEvent(None, up_type, location, button)
                    q.CGEventPost(q.kCGHIDEventTap, event)

    def type_text(self, text: str, delay_s: float = 0.0) -> None:
        if delay_s < 0:
            raise ValueError("delay_s must not be negative")
        steps = plan_typing(text, self.chars_per_event)
        if not steps:
            return
        with self._lock:
            self._require_post_access()
            target = self._frontmost_pid()
            for typed, step in enumerate(steps):
                self._check_not_stopped()
                if self._frontmost_pid() != target:
                    raise PlatformError(
                        "Another program came to the front while the robot typed; it stopped "
                        f"after {typed} of {len(steps)} keyboard events so as not to type into "
                        "the wrong window."
                    )
                if isinstance(step, KeyPress):
                    self._post_key(step.keycode, down=True)
                    self._post_key(step.keycode, down=False)
                else:
                    self._post_text(step)
                if delay_s:
                    time.sleep(delay_s)

    def _post_key(self, keycode: int, *, down: bool, chunk: TextChunk | None = None) -> None:
        q = self._q
        event = q.CGEventCreateKeyboardEvent(None, keycode, down)
        if event is None:
            raise PlatformError("macOS could not create a keyboard event.")
        q.CGEventSetFlags(event, 0)
        if chunk is not None:
            # pyobjc converts the str to UTF-16; the length is in those units.
            q.CGEventKeyboardSetUnicodeString(event, chunk.units, chunk.text)
        q.CGEventPost(q.kCGHIDEventTap, event)

    def _post_text(self, chunk: TextChunk) -> None:
        # Key code 0 is only a carrier: the characters in the event are what arrives.
        self._post_key(0, down=True, chunk=chunk)
        self._post_key(0, down=False, chunk=chunk)

    def _require_post_access(self) -> None:
        """Refuse to type without the Accessibility permission: macOS would drop the events
        silently. Asks macOS to show its permission prompt the first time."""
        preflight = getattr(self._q, "CGPreflightPostEventAccess", None)
        if preflight is None or preflight():
            return
        request = getattr(self._q, "CGRequestPostEventAccess", None)
        if request is not None:
            request()
        raise PlatformError(
            f"macOS does not let Robotfabrik type or click yet. {ACCESSIBILITY_HELP}"
        )

    def _check_not_stopped(self) -> None:
        if self._stop_typing.is_set():
            raise TypingStoppedError("Typing was stopped before the whole text was typed.")


__all__: Sequence[str] = (
    "KeyPress", "MacDesktop", "TextChunk", "front_window_of", "key_name", "layout_name",
    "normalize_text", "order_by_title", "plan_typing", "release_order", "titles_hidden",
    "utf16_length", "window_at_point", "window_info",
)
