"""The Windows desktop: top-level windows, typing any Unicode text, and key state, via ctypes.

Coordinates are physical screen pixels. The process is made per-monitor DPI aware (V2 where
Windows has it) before any coordinate is read, so that ``WindowFromPoint``, ``ClientToScreen``,
mss's screenshots and pyautogui's clicks all use the same pixels on every monitor, whatever
its scaling. Windows fixes a process's DPI awareness the first time anything sets it, and
``import pyautogui`` sets it to the weaker "system aware" mode; so the awareness should be set
before that import (``make_process_dpi_aware`` at start-up), and ``Win32Desktop`` logs a
warning when it finds that it was too late.

Text is typed with ``SendInput`` and ``KEYEVENTF_UNICODE``: every UTF-16 code unit of the text
goes to the focused window as a key-down and a key-up of the ``VK_PACKET`` pseudo key, which
Windows turns into the character itself. That types å ä ö, € and any other character whatever
the keyboard layout is, and Shift, AltGr and Caps Lock play no part. Only a newline (Return)
and a tab (Tab) are typed as real keys, because applications react to those keys, not to the
characters.

``app_class`` is the file name of the process that owns the window (``notepad.exe``,
``javaw.exe``), not the window class: the name is what a superuser recognises, and window
classes of Windows Forms programs contain a number that changes from build to build. The
window class is used only when the process cannot be asked (protected system processes).

``process_state`` tells recovery whether the process that recorded a session still runs, and
since when.

The first half of this module is pure (structures, event plans, names, filters) and is
unit-tested on any system; ``Win32Desktop`` applies it through a small ``Win32Api`` whose only
real implementation loads user32, kernel32, advapi32, dwmapi and shcore on first use, so that
importing this module never needs Windows.
"""

from __future__ import annotations

import ctypes
import logging
import ntpath
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from app.core.platform.desktop import (
    Desktop,
    PlatformError,
    ProcessState,
    TypingStoppedError,
    WindowInfo,
)

log = logging.getLogger(__name__)

# --- Windows constants (winuser.h, dwmapi.h, winnt.h) ----------------------------------------

INPUT_MOUSE = 0
INPUT_KEYBOARD = 1

KEYEVENTF_EXTENDEDKEY = 0x0001
KEYEVENTF_KEYUP = 0x0002
KEYEVENTF_UNICODE = 0x0004

MOUSEEVENTF_LEFTUP = 0x0004
MOUSEEVENTF_RIGHTUP = 0x0010
MOUSEEVENTF_MIDDLEUP = 0x0040
MOUSEEVENTF_XUP = 0x0100
XBUTTON1 = 0x0001
XBUTTON2 = 0x0002

VK_LBUTTON = 0x01
VK_RBUTTON = 0x02
VK_MBUTTON = 0x04
VK_XBUTTON1 = 0x05
VK_XBUTTON2 = 0x06
VK_TAB = 0x09
VK_RETURN = 0x0D
VK_SHIFT = 0x10
VK_CONTROL = 0x11
VK_MENU = 0x12
VK_LWIN = 0x5B
VK_RWIN = 0x5C
VK_LSHIFT = 0xA0
VK_RSHIFT = 0xA1
VK_LCONTROL = 0xA2
VK_RCONTROL = 0xA3
VK_LMENU = 0xA4
VK_RMENU = 0xA5
VK_PACKET = 0xE7
# Documented as unassigned: pressing it between an Alt or Windows key's down and up makes
# Windows see a combination instead of a lone tap, so releasing a stuck Alt does not open the
# window's menu bar and releasing a stuck Windows key does not open the Start menu.
VK_MASK_KEY = 0xE8

# Set-1 scan codes; they name key positions, so they are the same in every layout.
SCAN_RETURN = 0x1C
SCAN_TAB = 0x0F

GA_ROOT = 2
GWL_EXSTYLE = -20
WS_EX_TOOLWINDOW = 0x00000080
DWMWA_CLOAKED = 14
MAPVK_VK_TO_VSC = 0
MAPVK_VK_TO_CHAR = 2
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
TOKEN_QUERY = 0x0008
TOKEN_ELEVATION_CLASS = 20  # TOKEN_INFORMATION_CLASS.TokenElevation
LOCALE_NAME_MAX_LENGTH = 85
ERROR_ACCESS_DENIED = 5

# DPI_AWARENESS_CONTEXT handles are small negative pseudo handles.
DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE = -3
DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2 = -4
PROCESS_PER_MONITOR_DPI_AWARE = 2

# Characters per SendInput call when there is no delay: large enough to be fast, small enough
# that a stop request or a change of the focused window is noticed within a few characters.
BATCH_CHARS = 16

# How long typing waits for the user to let go of Shift, Ctrl, Alt or the Windows key.
MODIFIER_WAIT_S = 1.0


# --- SendInput structures ---------------------------------------------------------------------
# Declared with fixed-width types (LONG is 32 bits on Windows, unlike C long on 64-bit Linux),
# so that the same declarations have the Windows layout on any 64-bit or 32-bit system and can
# be checked by the unit tests on Linux.

_LONG = ctypes.c_int32
_DWORD = ctypes.c_uint32
_WORD = ctypes.c_uint16
_ULONG_PTR = ctypes.c_size_t


class MOUSEINPUT(ctypes.Structure):
    _fields_ = [
        ("dx", _LONG), ("dy", _LONG), ("mouseData", _DWORD), ("dwFlags", _DWORD),
        ("time", _DWORD), ("dwExtraInfo", _ULONG_PTR),
    ]


class KEYBDINPUT(ctypes.Structure):
    _fields_ = [
        ("wVk", _WORD), ("wScan", _WORD), ("dwFlags", _DWORD), ("time", _DWORD),
        ("dwExtraInfo", _ULONG_PTR),
    ]


class HARDWAREINPUT(ctypes.Structure):
    _fields_ = [("uMsg", _DWORD), ("wParamL", _WORD), ("wParamH", _WORD)]


class _INPUTUNION(ctypes.Union):
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT), ("hi", HARDWAREINPUT)]


class INPUT(ctypes.Structure):
    _anonymous_ = ("u",)
    _fields_ = [("type", _DWORD), ("u", _INPUTUNION)]


class POINT(ctypes.Structure):
    _fields_ = [("x", _LONG), ("y", _LONG)]


class RECT(ctypes.Structure):
    _fields_ = [("left", _LONG), ("top", _LONG), ("right", _LONG), ("bottom", _LONG)]


def expected_input_size(pointer_size: int) -> int:
    """``sizeof(INPUT)`` in the Windows headers for a process with this pointer size.

    The union's largest member is MOUSEINPUT, whose ULONG_PTR is 8-byte aligned on x64 (24 +
    4 padding + 8 = 32), and the union itself is then aligned to 8 after the 4-byte ``type``.
    ``SendInput`` rejects every event when ``cbSize`` is not exactly this.
    """
    return 40 if pointer_size == 8 else 28


# --- what to send ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyInput:
    """One keyboard event for SendInput: a virtual key, or a UTF-16 unit in ``scan``."""

    vk: int = 0
    scan: int = 0
    flags: int = 0

    @property
    def key_up(self) -> bool:
        return bool(self.flags & KEYEVENTF_KEYUP)


@dataclass(frozen=True)
class MouseButtonInput:
    """One mouse-button event for SendInput, without moving the pointer."""

    flags: int
    data: int = 0


InputEvent = KeyInput | MouseButtonInput


def to_input_array(events: Sequence[InputEvent]) -> ctypes.Array[INPUT]:
    """The ``INPUT`` array that SendInput takes for ``events``."""
    array = (INPUT * len(events))()
    for item, event in zip(array, events, strict=True):
        if isinstance(event, KeyInput):
            item.type = INPUT_KEYBOARD
            item.ki.wVk = event.vk
            item.ki.wScan = event.scan
            item.ki.dwFlags = event.flags
        else:
            item.type = INPUT_MOUSE
            item.mi.mouseData = event.data
            item.mi.dwFlags = event.flags
    return array


def normalize_text(text: str) -> str:
    """The characters to type for ``text``: NFC, and any line break as one newline.

    A keyboard types precomposed letters, so an ``Å`` that arrives decomposed (A + ring) is
    typed as the one character a person would have typed; ``\\r\\n`` is one Return, not two.
    """
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def utf16_units(char: str) -> list[int]:
    """The UTF-16 code units of a character: one, or a surrogate pair outside the BMP."""
    data = char.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def unicode_key_events(char: str) -> list[tuple[int, bool]]:
    """(UTF-16 unit, is key-up) in the order they are sent: down and up for each unit.

    Each unit of a surrogate pair gets its own down and up; the window receives the two halves
    as consecutive WM_CHAR messages, as it does from the touch keyboard.
    """
    return [(unit, up) for unit in utf16_units(char) for up in (False, True)]


def char_events(char: str) -> list[KeyInput]:
    """The key events that type one character of a normalized text."""
    if char == "\n":
        return _tap(VK_RETURN, SCAN_RETURN)
    if char == "\t":
        return _tap(VK_TAB, SCAN_TAB)
    code_point = ord(char)
    if code_point < 0x20 or 0x7F <= code_point < 0xA0:
        raise PlatformError(f"Cannot type the control character U+{code_point:04X}.")
    if 0xD800 <= code_point <= 0xDFFF:
        raise PlatformError(f"Cannot type the lone surrogate U+{code_point:04X}.")
    return [
        KeyInput(scan=unit, flags=KEYEVENTF_UNICODE | (KEYEVENTF_KEYUP if up else 0))
        for unit, up in unicode_key_events(char)
    ]


def _tap(vk: int, scan: int) -> list[KeyInput]:
    return [KeyInput(vk=vk, scan=scan), KeyInput(vk=vk, scan=scan, flags=KEYEVENTF_KEYUP)]


def plan_text(text: str) -> list[list[KeyInput]]:
    """The key events for ``text``, one list per character.

    Raises ``PlatformError`` before anything is typed when a character cannot be typed, so that
    a robot never leaves half a value in a field.
    """
    return [char_events(char) for char in normalize_text(text)]


def batches(
    plan: Sequence[Sequence[KeyInput]], chars_per_batch: int
) -> list[tuple[int, list[KeyInput]]]:
    """The events of a plan, ``chars_per_batch`` characters to a SendInput call, each batch
    with the number of characters before it."""
    if chars_per_batch < 1:
        raise ValueError("chars_per_batch must be at least 1")
    return [
        (start, [event for char in plan[start:start + chars_per_batch] for event in char])
        for start in range(0, len(plan), chars_per_batch)
    ]


def unreleased_after(events: Sequence[InputEvent], inserted: int) -> list[KeyInput]:
    """Key-ups for the keys that the first ``inserted`` events pressed and did not release.

    SendInput may stop part-way through an array; a key left down there would stay down.
    """
    down: list[KeyInput] = []
    for event in events[:inserted]:
        if not isinstance(event, KeyInput):
            continue
        if event.key_up:
            down = [d for d in down if (d.vk, d.scan) != (event.vk, event.scan)]
        else:
            down.append(event)
    return [KeyInput(d.vk, d.scan, d.flags | KEYEVENTF_KEYUP) for d in reversed(down)]


# --- keys ------------------------------------------------------------------------------------

MOUSE_BUTTON_VKS = frozenset({VK_LBUTTON, VK_RBUTTON, VK_MBUTTON, VK_XBUTTON1, VK_XBUTTON2})

# The keys that turn typed characters and Return/Tab into shortcuts (AltGr is Ctrl + Alt).
MODIFIER_VKS = (
    VK_LSHIFT, VK_RSHIFT, VK_LCONTROL, VK_RCONTROL, VK_LMENU, VK_RMENU, VK_LWIN, VK_RWIN,
)

# GetAsyncKeyState reports Shift, Ctrl and Alt both as one key and per side.
_SIDES = {VK_SHIFT: (VK_LSHIFT, VK_RSHIFT), VK_CONTROL: (VK_LCONTROL, VK_RCONTROL),
          VK_MENU: (VK_LMENU, VK_RMENU)}

# Keys whose scan code carries the E0 prefix; SendInput needs KEYEVENTF_EXTENDEDKEY for them,
# or Windows takes Right Ctrl for Left Ctrl and the arrows for the number pad.
EXTENDED_VKS = frozenset({
    0x03, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x2C, 0x2D, 0x2E,
    VK_LWIN, VK_RWIN, 0x5D, 0x6F, 0x90, VK_RCONTROL, VK_RMENU,
})


def _key_names() -> dict[int, str]:
    """X keysym names for the keys whose name does not depend on the layout, so that a
    ``pressed_keys`` answer reads the same as on Linux."""
    names = {
        0x03: "Cancel", 0x08: "BackSpace", VK_TAB: "Tab", 0x0C: "Clear", VK_RETURN: "Return",
        VK_SHIFT: "Shift", VK_CONTROL: "Control", VK_MENU: "Alt", 0x13: "Pause",
        0x14: "Caps_Lock", 0x1B: "Escape", 0x20: "space", 0x21: "Prior", 0x22: "Next",
        0x23: "End", 0x24: "Home", 0x25: "Left", 0x26: "Up", 0x27: "Right", 0x28: "Down",
        0x2C: "Print", 0x2D: "Insert", 0x2E: "Delete", VK_LWIN: "Super_L", VK_RWIN: "Super_R",
        0x5D: "Menu", 0x6A: "KP_Multiply", 0x6B: "KP_Add", 0x6C: "KP_Separator",
        0x6D: "KP_Subtract", 0x6E: "KP_Decimal", 0x6F: "KP_Divide", 0x90: "Num_Lock",
        0x91: "Scroll_Lock", VK_LSHIFT: "Shift_L", VK_RSHIFT: "Shift_R",
        VK_LCONTROL: "Control_L", VK_RCONTROL: "Control_R", VK_LMENU: "Alt_L",
        VK_RMENU: "Alt_R",
    }
    names.update({0x30 + digit: str(digit) for digit in range(10)})
    names.update({0x41 + index: chr(ord("a") + index) for index in range(26)})
    names.update({0x60 + digit: f"KP_{digit}" for digit in range(10)})
    names.update({0x70 + index: f"F{index + 1}" for index in range(24)})
    return names


KEY_NAMES: dict[int, str] = _key_names()


def key_name(vk: int, char_code: int = 0) -> str:
    """A readable name for a virtual key.

    ``char_code`` is what ``MapVirtualKey(vk, MAPVK_VK_TO_CHAR)`` says the key types in the
    current layout (the high bit marks a dead key); it names the punctuation keys, whose
    meaning depends on the layout (the key right of P is ``å`` in Swedish).
    """
    name = KEY_NAMES.get(vk)
    if name is not None:
        return name
    char = char_code & 0xFFFF
    if char >= 0x20 and not 0x7F <= char < 0xA0 and not 0xD800 <= char <= 0xDFFF:
        return chr(char).lower()
    return f"vk 0x{vk:02X}"


def held_keys(down: Iterable[int]) -> list[int]:
    """The keyboard keys among the virtual keys reported down, each physical key once.

    Shift, Ctrl and Alt are dropped in favour of their left/right key when one of those is
    reported too; mouse buttons and the VK_PACKET pseudo key are not keys to report or release.
    """
    codes = set(down) - MOUSE_BUTTON_VKS - {VK_PACKET}
    for generic, sides in _SIDES.items():
        if generic in codes and any(side in codes for side in sides):
            codes.discard(generic)
    return sorted(codes)


def release_events(down: Iterable[int], scan_of: Callable[[int], int]) -> list[InputEvent]:
    """The events that let go of every key and mouse button reported down.

    Modifiers are released last, so that the other keys are not released as shortcuts. An Alt
    or Windows key is preceded by a tap of the unassigned mask key (see ``VK_MASK_KEY``).
    """
    down = frozenset(down)
    keys = held_keys(down)
    modifiers = {VK_SHIFT, VK_CONTROL, VK_MENU, *MODIFIER_VKS}
    ordered = [vk for vk in keys if vk not in modifiers] + [vk for vk in keys if vk in modifiers]
    events: list[InputEvent] = []
    if any(vk in {VK_MENU, VK_LMENU, VK_RMENU, VK_LWIN, VK_RWIN} for vk in keys):
        events += _tap(VK_MASK_KEY, 0)
    for vk in ordered:
        flags = KEYEVENTF_KEYUP | (KEYEVENTF_EXTENDEDKEY if vk in EXTENDED_VKS else 0)
        events.append(KeyInput(vk=vk, scan=scan_of(vk), flags=flags))
    buttons = (
        (VK_LBUTTON, MOUSEEVENTF_LEFTUP, 0), (VK_RBUTTON, MOUSEEVENTF_RIGHTUP, 0),
        (VK_MBUTTON, MOUSEEVENTF_MIDDLEUP, 0), (VK_XBUTTON1, MOUSEEVENTF_XUP, XBUTTON1),
        (VK_XBUTTON2, MOUSEEVENTF_XUP, XBUTTON2),
    )
    # GetAsyncKeyState reports the physical buttons and SendInput takes physical buttons (both
    # before the left-handed swap), so the two agree without looking at SM_SWAPBUTTON.
    events += [MouseButtonInput(flags, data) for vk, flags, data in buttons if vk in down]
    return events


# --- keyboard layout -------------------------------------------------------------------------

# Layouts by the language id of the layout, named as setxkbmap names them, so that a recording
# made on Linux and one made on Windows store the same name for the same keyboard.
LAYOUT_NAMES: dict[int, str] = {
    0x041D: "se", 0x083B: "se", 0x0409: "us", 0x0809: "gb", 0x0406: "dk", 0x0414: "no",
    0x040B: "fi", 0x0407: "de",
}


def layout_language(hkl: int) -> int:
    """The language id of the keyboard layout an HKL stands for.

    The low word of an HKL is the input language, the high word the layout: the same id for
    a language's own layout (``0x041D041D``, Swedish), another language's id for a
    substitute (``0x0409041D``, US keys for Swedish text). A high word starting with F names a
    layout variant and one starting with E an IME; neither is a language id, so the input
    language is the best that can be said. 64-bit Windows sign-extends handles, hence the mask.
    """
    hkl &= 0xFFFFFFFF
    device = hkl >> 16
    if device == 0 or device & 0xF000 in (0xE000, 0xF000):
        return hkl & 0xFFFF
    return device


def layout_name(language: int, locale_tag: str | None) -> str:
    """``"se"``, ``"us"`` … for known layouts, else the locale tag (``"de-CH"``), else the id."""
    known = LAYOUT_NAMES.get(language)
    if known is not None:
        return known
    if locale_tag:
        return locale_tag
    return f"{language:04x}"


def dpi_awareness_name(awareness: int) -> str:
    """The DPI_AWARENESS value as a word for logs and ``Win32Desktop.dpi_awareness``."""
    return {0: "unaware", 1: "system", 2: "per-monitor"}.get(awareness, "unknown")


# --- windows -------------------------------------------------------------------------------

# The desktop behind all windows (icons and wallpaper) belongs to these classes.
DESKTOP_CLASSES = frozenset({"Progman", "WorkerW"})


@dataclass(frozen=True)
class WindowFacts:
    """What this module needs to know about a top-level window, read in one go."""

    hwnd: int
    title: str
    class_name: str
    process_name: str
    visible: bool
    iconic: bool
    cloaked: bool
    ex_style: int
    x: int
    y: int
    width: int
    height: int

    def info(self) -> WindowInfo:
        return WindowInfo(
            id=self.hwnd, title=self.title, app_class=self.process_name or self.class_name,
            x=self.x, y=self.y, width=self.width, height=self.height,
        )


def is_desktop(facts: WindowFacts) -> bool:
    return facts.class_name in DESKTOP_CLASSES


def is_listed(facts: WindowFacts) -> bool:
    """Whether a top-level window is one the user sees as a window and a robot may look for.

    Left out: hidden and minimized windows (as on X11, where they are unmapped); cloaked
    windows, which Windows keeps "visible" while they are on another virtual desktop or are
    suspended store apps; title-less tool windows (tooltips, floating toolbars' helpers);
    windows without a client area; and the desktop itself.
    """
    if not facts.visible or facts.iconic or facts.cloaked or is_desktop(facts):
        return False
    if facts.ex_style & WS_EX_TOOLWINDOW and not facts.title:
        return False
    return facts.width > 0 and facts.height > 0


def order_by_title(windows: Iterable[WindowInfo], title: str) -> list[WindowInfo]:
    """Windows titled exactly ``title``, then those whose title contains it; within each group
    in the given (z-)order."""
    windows = list(windows)
    exact = [info for info in windows if info.title == title]
    partial = [info for info in windows if info.title != title and title in info.title]
    return exact + partial


# --- the operating system side -----------------------------------------------------------------


class Win32Api(Protocol):
    """The Windows calls ``Win32Desktop`` makes, in Python terms (handles are ints, 0 = none)."""

    def ensure_dpi_awareness(self) -> str: ...
    def window_from_point(self, x: int, y: int) -> int: ...
    def root_window(self, hwnd: int) -> int: ...
    def foreground_window(self) -> int: ...
    def visible_top_level_windows(self) -> list[int]: ...
    def window_facts(self, hwnd: int) -> WindowFacts | None: ...
    def window_process_id(self, hwnd: int) -> int: ...
    def process_is_elevated(self, pid: int | None) -> bool | None: ...
    def send_input(self, events: Sequence[InputEvent]) -> tuple[int, int]: ...
    def key_is_down(self, vk: int) -> bool: ...
    def scan_code(self, vk: int) -> int: ...
    def key_char(self, vk: int) -> int: ...
    def keyboard_layout(self, hwnd: int) -> int: ...
    def locale_name(self, language: int) -> str | None: ...


class CtypesWin32Api:
    """``Win32Api`` on the real Windows DLLs. Construction fails with ``PlatformError``
    anywhere else."""

    _dpi_lock: ClassVar[threading.Lock] = threading.Lock()
    _dpi_state: ClassVar[str | None] = None

    _user32: Any
    _kernel32: Any
    _advapi32: Any
    _dwmapi: Any
    _shcore: Any
    _enum_proc: Any
    _get_last_error: Callable[[], int]

    def __init__(self) -> None:
        # The second test catches a platform name faked by tests, which ctypes does not follow.
        if sys.platform != "win32" or not hasattr(ctypes, "WinDLL"):
            raise PlatformError("Robotfabrik's Windows desktop driver works only on Windows.")
        pointer_size = ctypes.sizeof(ctypes.c_void_p)
        if ctypes.sizeof(INPUT) != expected_input_size(pointer_size):
            raise PlatformError(
                f"Internal error: INPUT is {ctypes.sizeof(INPUT)} bytes, Windows expects "
                f"{expected_input_size(pointer_size)}; typing would be refused."
            )
        self._get_last_error = ctypes.get_last_error
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        self._advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
        self._dwmapi = _optional_dll("dwmapi")
        self._shcore = _optional_dll("shcore")
        self._enum_proc = ctypes.WINFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self._declare()

    def _declare(self) -> None:
        """Argument and result types, so that 64-bit handles are neither truncated to a C int
        nor passed as one."""
        handle, dword, wstr = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_wchar_p
        u32, k32, adv = self._user32, self._kernel32, self._advapi32
        _bind(u32, "WindowFromPoint", handle, POINT)
        _bind(u32, "GetAncestor", handle, handle, ctypes.c_uint)
        _bind(u32, "GetForegroundWindow", handle)
        _bind(u32, "EnumWindows", ctypes.c_int, self._enum_proc, handle)
        _bind(u32, "IsWindowVisible", ctypes.c_int, handle)
        _bind(u32, "IsIconic", ctypes.c_int, handle)
        _bind(u32, "GetWindowTextLengthW", ctypes.c_int, handle)
        _bind(u32, "GetWindowTextW", ctypes.c_int, handle, wstr, ctypes.c_int)
        _bind(u32, "GetClassNameW", ctypes.c_int, handle, wstr, ctypes.c_int)
        _bind(u32, "GetWindowLongW", ctypes.c_long, handle, ctypes.c_int)
        _bind(u32, "GetClientRect", ctypes.c_int, handle, ctypes.POINTER(RECT))
        _bind(u32, "ClientToScreen", ctypes.c_int, handle, ctypes.POINTER(POINT))
        _bind(u32, "GetWindowThreadProcessId", dword, handle, ctypes.POINTER(dword))
        _bind(u32, "GetKeyboardLayout", handle, dword)
        _bind(u32, "SendInput", ctypes.c_uint, ctypes.c_uint, ctypes.POINTER(INPUT),
              ctypes.c_int)
        _bind(u32, "GetAsyncKeyState", ctypes.c_short, ctypes.c_int)
        _bind(u32, "MapVirtualKeyW", ctypes.c_uint, ctypes.c_uint, ctypes.c_uint)
        _bind(k32, "OpenProcess", handle, dword, ctypes.c_int, dword)
        _bind(k32, "CloseHandle", ctypes.c_int, handle)
        _bind(k32, "GetCurrentProcess", handle)
        _bind(k32, "QueryFullProcessImageNameW", ctypes.c_int, handle, dword, wstr,
              ctypes.POINTER(dword))
        _bind(k32, "LCIDToLocaleName", ctypes.c_int, dword, wstr, ctypes.c_int, dword)
        _bind(adv, "OpenProcessToken", ctypes.c_int, handle, dword, ctypes.POINTER(handle))
        _bind(adv, "GetTokenInformation", ctypes.c_int, handle, ctypes.c_int,
              ctypes.POINTER(dword), dword, ctypes.POINTER(dword))
        if self._dwmapi is not None:
            _bind(self._dwmapi, "DwmGetWindowAttribute", ctypes.c_long, handle, dword,
                  ctypes.POINTER(dword), dword)

    # -- DPI ----------------------------------------------------------------------------------

    def ensure_dpi_awareness(self) -> str:
        """Make the process per-monitor DPI aware, once per process; say what it now is."""
        with CtypesWin32Api._dpi_lock:
            if CtypesWin32Api._dpi_state is None:
                CtypesWin32Api._dpi_state = self._set_dpi_awareness()
            return CtypesWin32Api._dpi_state

    def _set_dpi_awareness(self) -> str:
        set_context = _optional_function(
            self._user32, "SetProcessDpiAwarenessContext", ctypes.c_int, ctypes.c_void_p
        )
        if set_context is not None:  # Windows 10 1703 and later
            if set_context(DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2):
                return "per-monitor-v2"
            # ERROR_ACCESS_DENIED: something in this process set the awareness first.
            if set_context(DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE):
                return "per-monitor"
            return self._current_dpi_awareness()
        set_awareness = _optional_function(
            self._shcore, "SetProcessDpiAwareness", ctypes.c_long, ctypes.c_int
        )
        if set_awareness is not None:  # Windows 8.1
            if set_awareness(PROCESS_PER_MONITOR_DPI_AWARE) == 0:
                return "per-monitor"
            return self._current_dpi_awareness()
        set_aware = _optional_function(self._user32, "SetProcessDPIAware", ctypes.c_int)
        if set_aware is not None and set_aware():  # Vista to 8: no per-monitor DPI at all
            return "system"
        return "unknown"

    def _current_dpi_awareness(self) -> str:
        get_context = _optional_function(
            self._user32, "GetThreadDpiAwarenessContext", ctypes.c_void_p
        )
        awareness_of = _optional_function(
            self._user32, "GetAwarenessFromDpiAwarenessContext", ctypes.c_int, ctypes.c_void_p
        )
        if get_context is not None and awareness_of is not None:
            return dpi_awareness_name(int(awareness_of(get_context())))
        get_awareness = _optional_function(
            self._shcore, "GetProcessDpiAwareness", ctypes.c_long, ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
        )
        if get_awareness is not None:
            value = ctypes.c_int()
            if get_awareness(None, ctypes.byref(value)) == 0:
                return dpi_awareness_name(value.value)
        return "unknown"

    # -- windows ------------------------------------------------------------------------------

    def window_from_point(self, x: int, y: int) -> int:
        return int(self._user32.WindowFromPoint(POINT(x, y)) or 0)

    def root_window(self, hwnd: int) -> int:
        return int(self._user32.GetAncestor(hwnd, GA_ROOT) or 0)

    def foreground_window(self) -> int:
        return int(self._user32.GetForegroundWindow() or 0)

    def visible_top_level_windows(self) -> list[int]:
        found: list[int] = []

        def collect(hwnd: int | None, _param: int | None) -> int:
            # Most top-level windows are hidden helpers; skipping them here saves reading
            # their details one by one.
            if hwnd and self._user32.IsWindowVisible(hwnd):
                found.append(hwnd)
            return 1

        # The callback object must outlive the call; EnumWindows gives the z-order, top first.
        callback = self._enum_proc(collect)
        self._user32.EnumWindows(callback, None)
        return found

    def window_facts(self, hwnd: int) -> WindowFacts | None:
        u32 = self._user32
        rect = RECT()
        origin = POINT(0, 0)
        if not u32.GetClientRect(hwnd, ctypes.byref(rect)):
            return None  # the window is gone
        if not u32.ClientToScreen(hwnd, ctypes.byref(origin)):
            return None
        return WindowFacts(
            hwnd=hwnd, title=self._title(hwnd), class_name=self._class_name(hwnd),
            process_name=self._process_name(self.window_process_id(hwnd)),
            visible=bool(u32.IsWindowVisible(hwnd)), iconic=bool(u32.IsIconic(hwnd)),
            cloaked=self._cloaked(hwnd), ex_style=int(u32.GetWindowLongW(hwnd, GWL_EXSTYLE)),
            x=int(origin.x), y=int(origin.y),
            width=int(rect.right - rect.left), height=int(rect.bottom - rect.top),
        )

    def _title(self, hwnd: int) -> str:
        # For another process's window this reads the caption Windows keeps, without sending
        # it a message, so a hung application cannot hang the robot.
        length = int(self._user32.GetWindowTextLengthW(hwnd))
        if length <= 0:
            return ""
        buffer = ctypes.create_unicode_buffer(length + 1)
        copied = int(self._user32.GetWindowTextW(hwnd, buffer, length + 1))
        return buffer.value[:copied]

    def _class_name(self, hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(257)  # class names are at most 256 characters
        copied = int(self._user32.GetClassNameW(hwnd, buffer, len(buffer)))
        return buffer.value[:copied]

    def _cloaked(self, hwnd: int) -> bool:
        if self._dwmapi is None:
            return False
        value = ctypes.c_uint32(0)
        result = self._dwmapi.DwmGetWindowAttribute(
            hwnd, DWMWA_CLOAKED, ctypes.byref(value), ctypes.sizeof(value)
        )
        return result == 0 and value.value != 0

    def window_process_id(self, hwnd: int) -> int:
        pid = ctypes.c_uint32(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return int(pid.value)

    def _process_name(self, pid: int) -> str:
        if not pid:
            return ""
        process = self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return ""
        try:
            size = ctypes.c_uint32(1024)
            buffer = ctypes.create_unicode_buffer(size.value)
            if not self._kernel32.QueryFullProcessImageNameW(
                process, 0, buffer, ctypes.byref(size)
            ):
                return ""
            return ntpath.basename(buffer.value[:size.value])
        finally:
            self._kernel32.CloseHandle(process)

    def process_is_elevated(self, pid: int | None) -> bool | None:
        """Whether the process (this one for None) runs elevated; None when it cannot be told."""
        k32 = self._kernel32
        process = k32.GetCurrentProcess() if pid is None else k32.OpenProcess(
            PROCESS_QUERY_LIMITED_INFORMATION, False, pid
        )
        if not process:
            return None
        token = ctypes.c_void_p()
        try:
            if not self._advapi32.OpenProcessToken(process, TOKEN_QUERY, ctypes.byref(token)):
                return None
            try:
                elevated = ctypes.c_uint32(0)
                returned = ctypes.c_uint32(0)
                if not self._advapi32.GetTokenInformation(
                    token, TOKEN_ELEVATION_CLASS, ctypes.byref(elevated),
                    ctypes.sizeof(elevated), ctypes.byref(returned),
                ):
                    return None
                return elevated.value != 0
            finally:
                k32.CloseHandle(token)
        finally:
            if pid is not None:
                k32.CloseHandle(process)

    # -- keyboard -----------------------------------------------------------------------------

    def send_input(self, events: Sequence[InputEvent]) -> tuple[int, int]:
        if not events:
            return 0, 0
        array = to_input_array(events)
        inserted = int(self._user32.SendInput(len(events), array, ctypes.sizeof(INPUT)))
        return inserted, (self._get_last_error() if inserted < len(events) else 0)

    def key_is_down(self, vk: int) -> bool:
        return bool(int(self._user32.GetAsyncKeyState(vk)) & 0x8000)

    def scan_code(self, vk: int) -> int:
        return int(self._user32.MapVirtualKeyW(vk, MAPVK_VK_TO_VSC)) & 0xFFFF

    def key_char(self, vk: int) -> int:
        return int(self._user32.MapVirtualKeyW(vk, MAPVK_VK_TO_CHAR))

    def keyboard_layout(self, hwnd: int) -> int:
        thread = int(self._user32.GetWindowThreadProcessId(hwnd, None)) if hwnd else 0
        hkl = self._user32.GetKeyboardLayout(thread) if thread else None
        # Console windows belong to a thread that has no layout of its own; this thread's
        # layout is then the user's current default.
        if not hkl:
            hkl = self._user32.GetKeyboardLayout(0)
        return int(hkl or 0)

    def locale_name(self, language: int) -> str | None:
        buffer = ctypes.create_unicode_buffer(LOCALE_NAME_MAX_LENGTH)
        if not self._kernel32.LCIDToLocaleName(language, buffer, len(buffer), 0):
            return None
        return buffer.value or None


def _optional_dll(name: str) -> Any:
    if sys.platform != "win32":
        return None
    try:
        return ctypes.WinDLL(name, use_last_error=True)
    except OSError:
        return None


def _bind(dll: Any, name: str, restype: Any, *argtypes: Any) -> None:
    function = getattr(dll, name)
    function.restype = restype
    function.argtypes = list(argtypes)


def _optional_function(dll: Any, name: str, restype: Any, *argtypes: Any) -> Any:
    """The DLL function if this Windows version has it, with its types declared; else None."""
    if dll is None:
        return None
    try:
        _bind(dll, name, restype, *argtypes)
    except AttributeError:
        return None
    return getattr(dll, name)


def make_process_dpi_aware() -> str:
    """Make this process per-monitor DPI aware; call at start-up, before importing pyautogui.

    Returns the awareness the process has afterwards (``"per-monitor-v2"``, ``"per-monitor"``,
    ``"system"``, ``"unaware"`` or ``"unknown"``). Raises ``PlatformError`` off Windows.
    """
    return CtypesWin32Api().ensure_dpi_awareness()


# --- processes -------------------------------------------------------------------------------

# FILETIME counts 100 ns steps since 1601-01-01; Unix time counts seconds since 1970-01-01.
_FILETIME_STEPS_PER_S = 10_000_000
_FILETIME_UNIX_EPOCH_S = 11_644_473_600


def filetime_to_unix(high: int, low: int) -> float:
    """The Unix time of a FILETIME given as its two 32-bit halves."""
    return ((high << 32) | low) / _FILETIME_STEPS_PER_S - _FILETIME_UNIX_EPOCH_S


def process_state(pid: int) -> ProcessState:
    """Whether process ``pid`` runs and when it was created; raises ``PlatformError`` off
    Windows.

    A process of another user that cannot be opened still exists; its start stays unknown.
    """
    if sys.platform != "win32":
        raise PlatformError("Windows processes can only be asked about on Windows.")
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE,
                                         *[ctypes.POINTER(wintypes.FILETIME)] * 4]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    process_query_limited_information = 0x1000
    still_active = 259
    error_access_denied = 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ProcessState(running=ctypes.get_last_error() == error_access_denied)
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return ProcessState(running=True)
        if code.value != still_active:
            return ProcessState(running=False)
        created, ended, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(handle, ctypes.byref(created), ctypes.byref(ended),
                                        ctypes.byref(kernel), ctypes.byref(user)):
            return ProcessState(running=True)
        return ProcessState(True, filetime_to_unix(created.dwHighDateTime,
                                                   created.dwLowDateTime))
    finally:
        kernel32.CloseHandle(handle)


# --- the desktop -----------------------------------------------------------------------------


class Win32Desktop(Desktop):
    """``Desktop`` on the interactive Windows desktop of this session.

    One instance may be shared between threads. ``release_all`` and ``close`` do not wait for a
    ``type_text`` under way in another thread to finish: they stop it between two batches of
    characters (``BATCH_CHARS``, or every character when there is a delay).
    """

    def __init__(self, api: Win32Api | None = None) -> None:
        self._api: Win32Api = api if api is not None else CtypesWin32Api()
        self._lock = threading.RLock()
        self._stop_typing = threading.Event()
        self.modifier_wait_s = MODIFIER_WAIT_S
        # Before anything reads a coordinate: see the module docstring.
        self.dpi_awareness = self._api.ensure_dpi_awareness()
        if not self.dpi_awareness.startswith("per-monitor"):
            log.warning(
                "this process is DPI %s, not per-monitor aware: on a monitor whose scaling "
                "differs from the main one, window positions and clicks may be off. Set the "
                "awareness before pyautogui is imported.", self.dpi_awareness,
            )

    def __enter__(self) -> Win32Desktop:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        # Nothing is held between calls; this only stops a text being typed.
        self._stop_typing.set()
        with self._lock:
            self._stop_typing.clear()

    # -- windows ------------------------------------------------------------------------------

    def window_at(self, x: int, y: int) -> WindowInfo | None:
        """The top-level window whose part is under the point (a click there goes to it), over
        its frame too; None over the desktop."""
        hwnd = self._api.window_from_point(x, y)
        root = self._api.root_window(hwnd) if hwnd else 0
        facts = self._api.window_facts(root) if root else None
        if facts is None or is_desktop(facts):
            return None
        return facts.info()

    def focused_window(self) -> WindowInfo | None:
        hwnd = self._api.foreground_window()
        facts = self._api.window_facts(hwnd) if hwnd else None
        if facts is None or is_desktop(facts):
            return None
        return facts.info()

    def find_windows(self, title: str) -> list[WindowInfo]:
        infos = []
        for hwnd in self._api.visible_top_level_windows():
            facts = self._api.window_facts(hwnd)
            if facts is not None and is_listed(facts):
                infos.append(facts.info())
        return order_by_title(infos, title)

    # -- keyboard -----------------------------------------------------------------------------

    def keyboard_layout(self) -> str:
        hkl = self._api.keyboard_layout(self._api.foreground_window())
        if not hkl:
            return ""
        language = layout_language(hkl)
        return layout_name(language, self._api.locale_name(language))

    def pressed_keys(self) -> list[str]:
        down = [vk for vk in range(1, 0xFF) if self._api.key_is_down(vk)]
        return [key_name(vk, self._api.key_char(vk)) for vk in held_keys(down)]

    def release_all(self) -> None:
        self._stop_typing.set()
        with self._lock:
            self._stop_typing.clear()
            down = [vk for vk in range(1, 0xFF) if self._api.key_is_down(vk)]
            events = release_events(down, self._api.scan_code)
            if not events:
                return
            inserted, error = self._api.send_input(events)
            if inserted < len(events):
                raise PlatformError(
                    "Windows did not let Robotfabrik release the keys and mouse buttons that "
                    f"are held down (error {error}). Press and release Shift, Ctrl and Alt "
                    "once yourself."
                )

    def type_text(self, text: str, delay_s: float = 0.0) -> None:
        """Type ``text`` into the window that has the keyboard when typing starts.

        Raises ``PlatformError`` and stops when the keyboard moves to another window part-way
        (the message says how many characters went to the first one), and before typing when
        the window runs elevated while Robotfabrik does not: Windows then drops injected input
        without telling (UIPI).
        """
        if delay_s < 0:
            raise ValueError("delay_s must not be negative")
        plan = plan_text(text)
        if not plan:
            return
        with self._lock:
            target = self._api.foreground_window()
            if not target:
                raise PlatformError(
                    "No window has the keyboard, so there is nowhere to type. Click into the "
                    "field the robot should fill and try again."
                )
            self._refuse_elevated(target)
            self._wait_for_modifiers()
            for typed, batch in batches(plan, 1 if delay_s else BATCH_CHARS):
                self._check_not_stopped()
                if self._api.foreground_window() != target:
                    raise PlatformError(
                        "The keyboard moved to another window while the robot typed; it stopped "
                        f"after {typed} of {len(plan)} characters so as not to type into the "
                        "wrong window."
                    )
                self._send_typing(batch, typed, len(plan))
                if delay_s:
                    time.sleep(delay_s)

    def _send_typing(self, batch: list[KeyInput], typed: int, total: int) -> None:
        inserted, error = self._api.send_input(batch)
        if inserted == len(batch):
            return
        leftover = unreleased_after(batch, inserted)
        if leftover:
            self._api.send_input(leftover)
        raise PlatformError(
            f"Windows accepted only part of the typed keys (error {error}); about {typed} of "
            f"{total} characters were typed. Windows blocks typing into a program that runs "
            "as administrator (User Interface Privilege Isolation) unless Robotfabrik does "
            "too, and into the lock screen or a UAC prompt. Check the field and type the rest "
            "by hand."
        )

    def _refuse_elevated(self, target: int) -> None:
        if self._api.process_is_elevated(None) is not False:
            return  # elevated ourselves (may type anywhere), or cannot tell
        if self._api.process_is_elevated(self._api.window_process_id(target)):
            raise PlatformError(
                "The window that has the keyboard belongs to a program that runs as "
                "administrator, and Windows does not let a normal program type into it "
                "(User Interface Privilege Isolation). Start that program without "
                "administrator rights, or Robotfabrik with them."
            )

    def _wait_for_modifiers(self) -> None:
        """Wait for the user to let go of Shift, Ctrl, Alt and the Windows key.

        Held while typing, they turn characters, Return and Tab into shortcuts (Alt opens
        menus, Ctrl+Return sends mail). They are not released by force: an Alt released
        while the user holds it would open the window's menu bar.
        """
        deadline = time.monotonic() + self.modifier_wait_s
        while True:
            held = [vk for vk in MODIFIER_VKS if self._api.key_is_down(vk)]
            if not held or time.monotonic() >= deadline:
                break
            self._check_not_stopped()
            time.sleep(0.02)
        if held:
            names = ", ".join(key_name(vk) for vk in held)
            raise PlatformError(
                f"A modifier key is held down ({names}); release it so the robot can type. If "
                "nobody holds it, press and release it once."
            )

    def _check_not_stopped(self) -> None:
        if self._stop_typing.is_set():
            raise TypingStoppedError("Typing was stopped before the whole text was typed.")


__all__: Sequence[str] = (
    "INPUT", "KEYBDINPUT", "MOUSEINPUT", "CtypesWin32Api", "KeyInput", "MouseButtonInput",
    "Win32Api", "Win32Desktop", "WindowFacts", "batches", "char_events", "expected_input_size",
    "filetime_to_unix", "held_keys", "is_listed", "key_name", "layout_language", "layout_name",
    "make_process_dpi_aware", "normalize_text", "order_by_title", "plan_text", "process_state",
    "release_events", "to_input_array", "unicode_key_events", "unreleased_after", "utf16_units",
)
