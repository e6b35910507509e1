"""The studio marks where a step clicks on the small picture of its window."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.core.model.bot import ClickStep, Point
from app.core.model.botfile import IMAGES_DIR, load_bot
from app.core.vision.screen import GrayImage
from app.core.vision.thumbnail_place import place_on_thumbnail

EXAMPLE = Path(__file__).parents[2] / "recordings" / "ekonomiskt-bistand"


def gray(picture: object) -> GrayImage:
    return np.asarray(picture, dtype=np.uint8)


def window_picture(width: int, height: int, seed: int = 7) -> GrayImage:
    """A window with texture everywhere, as a case system's form has."""
    random = np.random.default_rng(seed)
    small = random.integers(0, 255, (height // 8, width // 8), dtype=np.uint8)
    return gray(cv2.resize(small, (width, height), interpolation=cv2.INTER_NEAREST))


@pytest.mark.parametrize("window_width", [1000, 1280, 640])
def test_the_click_is_found_on_a_shrunk_window(window_width: int) -> None:
    window = window_picture(window_width, window_width * 7 // 10)
    anchor = window[300:350, 400:480]
    scale = 320 / window_width
    thumbnail = gray(cv2.resize(window, (320, round(window.shape[0] * scale)),
                                interpolation=cv2.INTER_AREA))
    place = place_on_thumbnail(thumbnail, anchor, Point(40, 25), Point(440, 325))
    assert place is not None
    assert place.scale == pytest.approx(scale, rel=0.03)
    assert place.click_x == pytest.approx(440 * scale, abs=2)
    assert place.click_y == pytest.approx(325 * scale, abs=2)


def test_a_window_narrower_than_a_thumbnail_is_kept_as_it_was() -> None:
    window = window_picture(240, 160)
    place = place_on_thumbnail(window, window[40:90, 100:180], Point(10, 5))
    assert place is not None
    assert (place.scale, place.click_x, place.click_y) == (1.0, 110, 45)


def test_an_anchor_that_is_not_on_the_window_is_not_marked() -> None:
    thumbnail = gray(cv2.resize(window_picture(1000, 700, seed=1), (320, 224)))
    assert place_on_thumbnail(thumbnail, window_picture(80, 48, seed=2), Point(40, 25)) is None


def test_every_click_of_the_example_is_marked_where_it_was_recorded() -> None:
    bot = load_bot(EXAMPLE)
    images = EXAMPLE / IMAGES_DIR
    marked = 0
    for step in bot.steps:
        if not isinstance(step, ClickStep) or not step.thumbnail or not step.target.anchor:
            continue
        thumbnail = gray(cv2.imread(str(images / step.thumbnail), cv2.IMREAD_GRAYSCALE))
        anchor = gray(cv2.imread(str(images / step.target.anchor), cv2.IMREAD_GRAYSCALE))
        place = place_on_thumbnail(thumbnail, anchor, step.target.anchor_offset,
                                   step.target.window_point)
        assert place is not None, step.id
        assert step.target.window_point is not None
        assert place.click_x == pytest.approx(step.target.window_point.x * place.scale, abs=2)
        assert place.click_y == pytest.approx(step.target.window_point.y * place.scale, abs=2)
        marked += 1
    assert marked >= 5


def test_a_window_partly_off_the_screen_is_still_marked() -> None:
    """The recorder pictures only the part on the screen, so the click is not where its point
    in the window says; the anchor is then looked for everywhere."""
    window = window_picture(1000, 700)
    shown = window[:, 200:]  # 200 pixels hung off the left edge of the screen
    scale = 320 / shown.shape[1]
    thumbnail = gray(cv2.resize(shown, (320, round(shown.shape[0] * scale)),
                                interpolation=cv2.INTER_AREA))
    place = place_on_thumbnail(thumbnail, window[300:350, 400:480], Point(40, 25),
                               Point(440, 325))
    assert place is not None
    assert place.click_x == pytest.approx((440 - 200) * scale, abs=2)
    assert place.click_y == pytest.approx(325 * scale, abs=2)
