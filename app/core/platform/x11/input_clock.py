"""The X server's clock, the one its input events are stamped with, read on demand.

X has no request that returns the time. A property changed on a window of one's own comes back
as a PropertyNotify event stamped with the server time of the change, which is the usual way
(ICCCM's) to learn it: one round trip, well under a millisecond on a local display. The window
is never mapped, so nobody sees it and no window list shows it.
"""

from __future__ import annotations

import select
import time
from typing import Any

from app.core.platform.desktop import PlatformError

# A local server answers within a millisecond; a second means it is gone or stuck.
ANSWER_TIMEOUT_S = 1.0
PROPERTY_NAME = "_ROBOTFABRIK_INPUT_CLOCK"


class X11InputClock:
    """``InputClock`` on an X11 display (``$DISPLAY`` unless a name is given), with a
    connection of its own: python-xlib's connections are not thread-safe."""

    def __init__(self, display_name: str | None = None) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        self._display: Any = xdisplay.Display(display_name)
        root = self._display.screen().root
        self._window: Any = root.create_window(
            0, 0, 1, 1, 0, 0, window_class=X.InputOnly, visual=X.CopyFromParent,
            event_mask=X.PropertyChangeMask)
        self._atom = self._display.intern_atom(PROPERTY_NAME)

    def now(self) -> int:
        from Xlib import X, Xatom

        if self._display is None:
            raise PlatformError("the X server's clock was closed")
        self._window.change_property(self._atom, Xatom.CARDINAL, 32, [0])
        self._display.flush()
        deadline = time.monotonic() + ANSWER_TIMEOUT_S
        while True:
            while not self._display.pending_events():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PlatformError("the X server did not tell its time within a second")
                # pending_events() reads what has arrived without waiting; wait here instead.
                select.select([self._display.fileno()], [], [], left)
            event = self._display.next_event()
            if event.type == X.PropertyNotify and event.atom == self._atom:
                return int(event.time)

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            try:
                self._window.destroy()
            finally:
                display.close()
