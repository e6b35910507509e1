"""What the player acts through: the screen, the pointer, the keyboard and the windows.

``Drivers`` is the seam: the player is tested on pure logic with a fake, and runs for real with
``DesktopDrivers`` (pyautogui for pointer and named keys, the platform module for text and
windows, the vision package's ``ScreenGrabber`` for pictures of the screen).
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol, cast, runtime_checkable

from app.core.model.bot import Selector
from app.core.model.selector_match import selector_for
from app.core.platform.accessibility import AccessibilityTree, ElementInfo
from app.core.platform.desktop import Desktop, PlatformError, WindowInfo
from app.core.running.selectors import (
    FocusedField,
    FoundElement,
    find_by_selector,
    focused_field,
)
from app.core.vision.locate import AnchorLocator, GrayImage, Match
from app.core.vision.screen import ColourImage, ScreenGrabber

log = logging.getLogger(__name__)

# The recorder names keys as pynput does; pyautogui has its own names for a few of them.
PYAUTOGUI_KEYS = {
    "page_down": "pagedown", "page_up": "pageup", "caps_lock": "capslock",
    "num_lock": "numlock", "scroll_lock": "scrolllock", "print_screen": "printscreen",
    "super": "win", "cmd": "win", "menu": "apps", "alt_gr": "altright",
    "ctrl_l": "ctrlleft", "ctrl_r": "ctrlright", "shift_l": "shiftleft",
    "shift_r": "shiftright", "alt_l": "altleft", "alt_r": "altright",
}


def pyautogui_key(name: str) -> str:
    return PYAUTOGUI_KEYS.get(name, name)


class Drivers(Protocol):
    def screen_size(self) -> tuple[int, int]: ...
    def locate(self, anchor: GrayImage, expected_corner: tuple[int, int] | None,
               threshold: float) -> Match | None: ...
    def grab_region(self, left: int, top: int, width: int, height: int) -> ColourImage: ...
    def screenshot_png(self) -> bytes: ...
    def pointer(self) -> tuple[int, int]: ...
    def move_pointer(self, x: int, y: int) -> None: ...
    def click(self, x: int, y: int, button: str, clicks: int) -> None: ...
    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> None: ...
    def scroll(self, x: int, y: int, dx: int, dy: int) -> None: ...
    def type_text(self, text: str) -> None: ...
    def paste_text(self, text: str) -> None: ...
    def press_key(self, key: str) -> None: ...
    def hotkey(self, keys: list[str]) -> None: ...
    def find_window(self, title: str) -> WindowInfo | None: ...
    def focused_window(self) -> WindowInfo | None: ...
    def release_all(self) -> None: ...
    def close(self) -> None: ...


@runtime_checkable
class ElementDrivers(Protocol):
    """Drivers that can also find a recorded element through the accessibility tree.

    Apart from ``Drivers`` so that a fake desktop without a tree needs nothing new: the player
    uses selectors only where its drivers are also these.
    """

    def find_element(self, selector: Selector, window: WindowInfo) -> FoundElement | None: ...


@runtime_checkable
class ChoiceDrivers(Protocol):
    """Drivers that can read what the drop-downs of a window show as chosen."""

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None: ...


@runtime_checkable
class ShownElementDrivers(Protocol):
    """Drivers that can name the element at a point a person showed the robot."""

    def selector_at(self, x: int, y: int) -> Selector | None: ...


@runtime_checkable
class FieldDrivers(Protocol):
    """Drivers that can tell which element has the keyboard focus and read a field's text, so
    that typing goes only into the recorded field and is read back after."""

    def focused_field(self, selector: Selector, window: WindowInfo) -> FocusedField | None: ...

    def element_text(self, element: ElementInfo) -> str | None: ...


class DesktopDrivers:
    """The real desktop of this session (X11 on Linux)."""

    def __init__(self, desktop: Desktop | None = None) -> None:
        import pyautogui

        from app.core.platform import desktop_for_this_system

        pyautogui.PAUSE = 0  # synchronisation is the player's job, not a fixed sleep per call
        # The fail-safe corner is watched by app.core.running.safety for every kind of input, typing
        # included; pyautogui's own check would also fail a run whose pointer starts parked there.
        pyautogui.FAILSAFE = False
        self._gui: Any = pyautogui
        # A screen grabber and the locator built on it work only in the thread that made them.
        self._per_thread = threading.local()
        self.desktop = desktop or desktop_for_this_system()
        self._clipboard: Any = None
        self._tree: AccessibilityTree | None = None

    def _grabber(self) -> ScreenGrabber:
        grabber = getattr(self._per_thread, "grabber", None)
        if grabber is None:
            grabber = self._per_thread.grabber = ScreenGrabber()
        return cast(ScreenGrabber, grabber)

    def _locator(self) -> AnchorLocator:
        locator = getattr(self._per_thread, "locator", None)
        if locator is None:
            locator = self._per_thread.locator = AnchorLocator(self._grabber())
        return cast(AnchorLocator, locator)

    def screen_size(self) -> tuple[int, int]:
        return self._grabber().size()

    def locate(self, anchor: GrayImage, expected_corner: tuple[int, int] | None,
               threshold: float) -> Match | None:
        return self._locator().locate(anchor, expected_corner, threshold)

    def grab_region(self, left: int, top: int, width: int, height: int) -> ColourImage:
        return self._grabber().grab_colour(left, top, width, height)

    def screenshot_png(self) -> bytes:
        import cv2

        ok, png = cv2.imencode(".png", self._grabber().grab_colour_full())
        if not ok:
            raise PlatformError("the screenshot could not be encoded")
        return bytes(png.tobytes())

    def pointer(self) -> tuple[int, int]:
        x, y = self._gui.position()
        return int(x), int(y)

    def move_pointer(self, x: int, y: int) -> None:
        self._gui.moveTo(x, y)

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        self._gui.click(x, y, clicks=clicks, interval=0.05, button=button)

    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> None:
        self._gui.moveTo(*start)
        self._gui.mouseDown(button=button)
        try:
            self._gui.moveTo(*end, duration=0.2)
        finally:
            self._gui.mouseUp(button=button)

    def scroll(self, x: int, y: int, dx: int, dy: int) -> None:
        self._gui.moveTo(x, y)
        if dy:
            self._gui.scroll(dy)
        if dx:
            self._gui.hscroll(dx)

    def type_text(self, text: str) -> None:
        # pyautogui.write drops å ä ö and assumes US key positions; the platform module does not.
        self.desktop.type_text(text)

    def paste_text(self, text: str) -> None:
        """Offer the text on the clipboard, paste it with Ctrl+V, then take it off again."""
        if self._clipboard is None:
            from app.core.platform.x11.clipboard import X11Clipboard

            self._clipboard = X11Clipboard()
        self._clipboard.offer(text)
        try:
            self._gui.hotkey("ctrl", "v")
            if not self._clipboard.wait_taken(5.0):
                raise PlatformError("the window did not take the pasted text")
        finally:
            self._clipboard.clear()

    def wait_for_click(self, timeout: float) -> tuple[int, int] | None:
        """Where the person clicks next (for "show me"), or None if nobody clicks in time."""
        import threading

        from pynput import mouse

        clicked: list[tuple[int, int]] = []
        done = threading.Event()

        def on_click(x: int, y: int, button: Any, pressed: bool, injected: bool = False) -> bool:
            if pressed:
                clicked.append((int(x), int(y)))
                done.set()
                return False
            return True

        listener = mouse.Listener(on_click=on_click)
        listener.start()
        done.wait(timeout)
        listener.stop()
        return clicked[0] if clicked else None

    def press_key(self, key: str) -> None:
        self._gui.press(pyautogui_key(key))

    def hotkey(self, keys: list[str]) -> None:
        self._gui.hotkey(*[pyautogui_key(key) for key in keys])

    def find_element(self, selector: Selector, window: WindowInfo) -> FoundElement | None:
        """The recorded element in ``window`` and where to act on it, or None when the tree is
        absent or cannot say for certain (see ``find_by_selector``)."""
        return find_by_selector(self._accessibility(), selector, window, self.desktop)

    def focused_field(self, selector: Selector, window: WindowInfo) -> FocusedField | None:
        """The element with the keyboard focus in ``window``, checked against a type step's
        recorded element; None when the tree cannot say."""
        return focused_field(self._accessibility(), selector, window)

    def element_text(self, element: ElementInfo) -> str | None:
        """The text a field holds now, or None when it does not expose any."""
        try:
            return self._accessibility().text_of(element)
        except Exception as error:  # a field without text, or gone: nothing to read back
            log.info("no text to read back from %s: %s", element.role, error)
            return None

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        """What the drop-downs of ``window`` show as chosen; None when the tree cannot say."""
        return self._accessibility().chosen_names(window)

    def selector_at(self, x: int, y: int) -> Selector | None:
        """The selector of the element at (x, y) in the window on top there; None when the
        tree names none."""
        window = self.desktop.window_at(x, y)
        if window is None:
            return None
        element = self._accessibility().element_at(x, y, window)
        return None if element is None else selector_for(element, window, (x, y))

    def _accessibility(self) -> AccessibilityTree:
        if self._tree is None:
            from app.core.platform import accessibility_for_this_system

            self._tree = accessibility_for_this_system()
        return self._tree

    def find_window(self, title: str) -> WindowInfo | None:
        windows = self.desktop.find_windows(title)
        return windows[0] if windows else None

    def focused_window(self) -> WindowInfo | None:
        return self.desktop.focused_window()

    def release_all(self) -> None:
        self.desktop.release_all()

    def close(self) -> None:
        if self._clipboard is not None:
            self._clipboard.close()
        grabber = getattr(self._per_thread, "grabber", None)
        if grabber is not None:
            grabber.close()
        if self._tree is not None:
            self._tree.close()
        self.desktop.close()
