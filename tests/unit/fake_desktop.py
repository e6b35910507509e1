"""A desktop in memory for unit tests of the player and the run session: a screen with pictures
on it, windows, the focused window, and a list of what the robot did."""

from __future__ import annotations

import numpy as np

from app.core.platform.desktop import WindowInfo
from app.core.vision.locate import GrayImage, Match, find_anchor


class FakeDesktop:
    """A screen with pictures on it, a focused window, and a list of what was done."""

    def __init__(self) -> None:
        self.screen: GrayImage = np.full((1080, 1920), 200, dtype=np.uint8)
        self.windows: list[WindowInfo] = []
        self.focused: WindowInfo | None = None
        self.actions: list[tuple[object, ...]] = []
        self.released = 0
        self.pointer_at = (5, 5)
        self.moves: list[tuple[int, int]] = []
        self.closed = 0

    def paint(self, picture: GrayImage, left: int, top: int) -> None:
        height, width = picture.shape
        self.screen[top:top + height, left:left + width] = picture

    def screen_size(self) -> tuple[int, int]:
        return self.screen.shape[1], self.screen.shape[0]

    def locate(self, anchor: GrayImage, expected_corner: tuple[int, int] | None,
               threshold: float) -> Match | None:
        return find_anchor(self.screen, anchor, expected_corner, threshold)

    def grab_region(self, left: int, top: int, width: int, height: int) -> GrayImage:
        return np.dstack([self.screen[top:top + height, left:left + width]] * 3)

    def screenshot_png(self) -> bytes:
        return b"\x89PNG fake"

    def pointer(self) -> tuple[int, int]:
        return self.pointer_at

    def move_pointer(self, x: int, y: int) -> None:
        self.pointer_at = (x, y)
        self.moves.append((x, y))

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        self.actions.append(("click", x, y, button, clicks))

    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> None:
        self.actions.append(("drag", start, end))

    def scroll(self, x: int, y: int, dx: int, dy: int) -> None:
        self.actions.append(("scroll", x, y, dx, dy))

    def type_text(self, text: str) -> None:
        self.actions.append(("type", text))

    def paste_text(self, text: str) -> None:
        self.actions.append(("paste", text))

    def press_key(self, key: str) -> None:
        self.actions.append(("key", key))

    def hotkey(self, keys: list[str]) -> None:
        self.actions.append(("hotkey", *keys))

    def find_window(self, title: str) -> WindowInfo | None:
        return next((w for w in self.windows if w.title == title), None)

    def focused_window(self) -> WindowInfo | None:
        return self.focused

    def release_all(self) -> None:
        self.released += 1

    def close(self) -> None:
        self.closed += 1
