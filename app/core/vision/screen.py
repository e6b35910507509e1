"""Pictures of the screen, whole or a region of it: grayscale for finding anchors, colour for
the pictures the recorder keeps and the player saves.

``GraySource`` is what the anchor locator looks through: ``ScreenGrabber`` is the real screen
(mss), ``ArrayScreen`` a picture held in memory (tests, and the older whole-picture
``find_anchor``). ``ScreenGrabber`` is the only place that opens mss: the recorder and the
player's drivers take their colour pictures through it too. Coordinates are screen pixels from
the top-left of the whole desktop, the same for every source. A region is always cut down to
the part that is on the screen, because asking mss for pixels past the edge fails (BadMatch on
X11); callers that need to know where the returned picture starts clamp the region with
``clamp_region`` first.
"""

from __future__ import annotations

from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

GrayImage = npt.NDArray[np.uint8]
# Blue, green, red: the channel order OpenCV reads and writes.
ColourImage = npt.NDArray[np.uint8]


class GraySource(Protocol):
    """A screen that can be looked at in grayscale, whole or a region at a time."""

    def size(self) -> tuple[int, int]:
        """Width and height of the whole screen in pixels."""
        ...

    def grab_gray(self, left: int, top: int, width: int, height: int) -> GrayImage:
        """The part of the region that is on the screen (empty if none of it is)."""
        ...

    def grab_gray_full(self) -> GrayImage:
        """The whole screen."""
        ...


def clamp_region(left: int, top: int, width: int, height: int,
                 screen: tuple[int, int]) -> tuple[int, int, int, int]:
    """The part of a region that lies on a screen of size ``screen``, as (left, top, w, h).

    Width and height are 0 when the region misses the screen altogether.
    """
    right = min(left + width, screen[0])
    bottom = min(top + height, screen[1])
    left = min(max(left, 0), screen[0])
    top = min(max(top, 0), screen[1])
    return left, top, max(right - left, 0), max(bottom - top, 0)


def _empty(width: int, height: int) -> GrayImage:
    return np.zeros((height, width), dtype=np.uint8)


class ArrayScreen:
    """A screen that is a grayscale picture in memory."""

    def __init__(self, picture: GrayImage) -> None:
        self.picture = picture

    def size(self) -> tuple[int, int]:
        return int(self.picture.shape[1]), int(self.picture.shape[0])

    def grab_gray(self, left: int, top: int, width: int, height: int) -> GrayImage:
        left, top, width, height = clamp_region(left, top, width, height, self.size())
        return self.picture[top:top + height, left:left + width]

    def grab_gray_full(self) -> GrayImage:
        return self.picture


class ScreenGrabber:
    """The real screen, through mss.

    One grabber per thread: an mss instance keeps a connection to the display that must only
    be used from the thread that opened it (on X11 its Xlib and XCB connections are not shared
    safely). The player's thread makes its own grabber, the recorder's picture thread its own,
    and the recorder asks one of its own for the screen's size when it starts. Close it (or use
    it as a context manager) to release the connection.
    """

    def __init__(self) -> None:
        import mss

        self._mss: Any = mss.MSS()

    def __enter__(self) -> ScreenGrabber:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _desktop(self) -> dict[str, int]:
        # Monitor 0 is every monitor together; on X11 it is the root window.
        desktop: dict[str, int] = self._mss.monitors[0]
        return desktop

    def size(self) -> tuple[int, int]:
        desktop = self._desktop()
        return int(desktop["width"]), int(desktop["height"])

    def origin(self) -> tuple[int, int]:
        """Where the desktop's top-left pixel is in the coordinates pointer events use: (0, 0)
        on X11; negative on Windows with a monitor left of or above the main one."""
        desktop = self._desktop()
        return int(desktop["left"]), int(desktop["top"])

    def grab_gray(self, left: int, top: int, width: int, height: int) -> GrayImage:
        left, top, width, height = self._on_screen(left, top, width, height)
        if width == 0 or height == 0:
            return _empty(width, height)
        return self._gray({"left": left, "top": top, "width": width, "height": height})

    def grab_gray_full(self) -> GrayImage:
        return self._gray(self._desktop())

    def grab_colour(self, left: int, top: int, width: int, height: int) -> ColourImage:
        """The part of the region that is on the screen, in colour (empty if none of it is)."""
        left, top, width, height = self._on_screen(left, top, width, height)
        if width == 0 or height == 0:
            return np.zeros((height, width, 3), dtype=np.uint8)
        return self._colour({"left": left, "top": top, "width": width, "height": height})

    def grab_colour_full(self) -> ColourImage:
        """The whole screen in colour."""
        return self._colour(self._desktop())

    def _on_screen(self, left: int, top: int, width: int,
                   height: int) -> tuple[int, int, int, int]:
        """The region cut to the screen, in mss's coordinates."""
        desktop = self._desktop()
        left, top, width, height = clamp_region(
            left, top, width, height, (int(desktop["width"]), int(desktop["height"])))
        return desktop["left"] + left, desktop["top"] + top, width, height

    def _bgra(self, region: dict[str, int]) -> npt.NDArray[np.uint8]:
        shot = self._mss.grab(region)
        return np.frombuffer(shot.raw, dtype=np.uint8).reshape(shot.height, shot.width, 4)

    def _gray(self, region: dict[str, int]) -> GrayImage:
        return np.asarray(cv2.cvtColor(self._bgra(region), cv2.COLOR_BGRA2GRAY), dtype=np.uint8)

    def _colour(self, region: dict[str, int]) -> ColourImage:
        # A copy without the alpha channel: OpenCV wants the pixels of a row side by side.
        return np.ascontiguousarray(self._bgra(region)[:, :, :3])

    def close(self) -> None:
        self._mss.close()
