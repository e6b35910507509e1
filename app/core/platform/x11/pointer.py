"""Where the pointer is on an X11 display and how big the screen is, for the fail-safe corner.

The corner is polled every few hundredths of a second on a thread of its own, so the reader has
a connection of its own: python-xlib's connections are not thread-safe, and the desktop's is
busy typing while the corner is watched.
"""

from __future__ import annotations

from typing import Any


class X11PointerReader:
    """``PointerReader`` on an X11 display (``$DISPLAY`` unless a name is given).

    The connection is opened by the first reading, so that a display that cannot be reached
    fails there, where the caller explains what could not be watched.
    """

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._display: Any = None
        self._root: Any = None

    def position_and_screen_size(self) -> tuple[int, int, int, int]:
        if self._display is None:
            from Xlib import display as xdisplay

            self._display = xdisplay.Display(self._display_name)
            self._root = self._display.screen().root
        pointer = self._root.query_pointer()
        geometry = self._root.get_geometry()  # read each time: the screen may be resized mid-run
        return (int(pointer.root_x), int(pointer.root_y),
                int(geometry.width), int(geometry.height))

    def close(self) -> None:
        display, self._display, self._root = self._display, None, None
        if display is not None:
            display.close()
