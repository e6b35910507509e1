"""ScreenGrabber's pictures, on a fake mss: regions are cut to the screen, colour pictures lose
the alpha channel, and the desktop's origin is passed through (a monitor left of the main one
on Windows puts it at negative coordinates)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from app.core.vision.screen import ScreenGrabber


@dataclass
class Shot:
    raw: bytes
    width: int
    height: int


class FakeMss:
    """A desktop of 8 × 6 pixels at (-4, -2) whose pixel (x, y) is BGRA (x, y, 7, 255)."""

    def __init__(self) -> None:
        self.monitors = [{"left": -4, "top": -2, "width": 8, "height": 6}]
        self.asked: list[dict[str, int]] = []
        self.closed = False

    def grab(self, region: dict[str, int]) -> Shot:
        self.asked.append(dict(region))
        desktop = self.monitors[0]
        pixels = np.zeros((region["height"], region["width"], 4), dtype=np.uint8)
        for row in range(region["height"]):
            for column in range(region["width"]):
                x = region["left"] - desktop["left"] + column
                y = region["top"] - desktop["top"] + row
                assert 0 <= x < desktop["width"] and 0 <= y < desktop["height"], "off screen"
                pixels[row, column] = (x, y, 7, 255)
        return Shot(pixels.tobytes(), region["width"], region["height"])

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def grabber(monkeypatch: pytest.MonkeyPatch) -> ScreenGrabber:
    import mss

    monkeypatch.setattr(mss, "MSS", FakeMss)
    return ScreenGrabber()


def test_size_and_origin_are_the_whole_desktops(grabber: ScreenGrabber) -> None:
    assert grabber.size() == (8, 6)
    assert grabber.origin() == (-4, -2)


def test_a_colour_region_has_blue_green_red_and_no_alpha(grabber: ScreenGrabber) -> None:
    picture = grabber.grab_colour(2, 1, 3, 2)
    assert picture.shape == (2, 3, 3)
    assert picture.flags["C_CONTIGUOUS"]
    assert picture[0, 0].tolist() == [2, 1, 7]
    assert picture[1, 2].tolist() == [4, 2, 7]


def test_a_colour_region_past_the_edge_is_cut_to_the_screen(grabber: ScreenGrabber) -> None:
    picture = grabber.grab_colour(6, 4, 5, 5)
    assert picture.shape == (2, 2, 3)
    assert picture[0, 0].tolist() == [6, 4, 7]
    assert grabber.grab_colour(20, 20, 5, 5).shape == (0, 0, 3)


def test_the_whole_screen_in_colour_and_in_gray(grabber: ScreenGrabber) -> None:
    picture = grabber.grab_colour_full()
    assert picture.shape == (6, 8, 3)
    assert picture[5, 7].tolist() == [7, 5, 7]
    assert grabber.grab_gray_full().shape == (6, 8)
    assert grabber.grab_gray(-3, -3, 4, 4).shape == (1, 1)


def test_closing_gives_back_the_connection(grabber: ScreenGrabber) -> None:
    with grabber:
        grabber.grab_colour(0, 0, 1, 1)
    assert isinstance(grabber._mss, FakeMss)
    assert grabber._mss.closed
