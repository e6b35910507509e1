"""Finding anchor pictures on a fake screen: where the locator looks, and what it finds there.

The screen is a numpy picture that records every region asked of it and, like mss on X11,
refuses regions reaching past its edge. Pictures on it are a seeded busy desktop, so the
coarse whole-screen search meets look-alikes as it would on a real one.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from app.bench.locate_bench import busy_picture
from app.core.vision.locate import AnchorLocator, GrayImage, find_anchor, is_distinctive
from app.core.vision.screen import ArrayScreen, clamp_region

THRESHOLD = 0.9


class FakeScreen:
    """A grayscale picture standing in for the screen, noting what was grabbed."""

    def __init__(self, picture: GrayImage) -> None:
        self.picture = picture.copy()
        self.grabs: list[tuple[int, int, int, int] | str] = []

    def paint(self, picture: GrayImage, left: int, top: int) -> None:
        height, width = picture.shape
        self.picture[top:top + height, left:left + width] = picture

    def size(self) -> tuple[int, int]:
        return self.picture.shape[1], self.picture.shape[0]

    def grab_gray(self, left: int, top: int, width: int, height: int) -> GrayImage:
        screen_width, screen_height = self.size()
        if left < 0 or top < 0 or left + width > screen_width or top + height > screen_height:
            raise ValueError(f"BadMatch: region {left},{top} {width}x{height} is off the screen")
        self.grabs.append((left, top, width, height))
        return self.picture[top:top + height, left:left + width].copy()

    def grab_gray_full(self) -> GrayImage:
        self.grabs.append("full")
        return self.picture.copy()


def busy_gray(width: int = 1920, height: int = 1080, seed: int = 3) -> GrayImage:
    picture = busy_picture(width, height, seed)
    return np.asarray(cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


BUSY = busy_gray()


def textured(width: int, height: int, seed: int) -> GrayImage:
    return np.random.default_rng(seed).integers(0, 255, (height, width), dtype=np.uint8)


def is_unique(screen: GrayImage, left: int, top: int, width: int, height: int) -> bool:
    """Nothing else on ``screen`` looks like the patch at ``left, top`` (full-resolution check)."""
    patch = np.ascontiguousarray(screen[top:top + height, left:left + width])
    if float(patch.std()) < 30:
        return False
    scores = cv2.matchTemplate(screen, patch, cv2.TM_CCOEFF_NORMED)
    scores[max(top - 3, 0):top + 4, max(left - 3, 0):left + 4] = -1
    return float(np.nanmax(scores)) < 0.8


def patch_of(screen: GrayImage, left: int, top: int, width: int, height: int) -> GrayImage:
    assert is_unique(screen, left, top, width, height), "pick another place for the test"
    return screen[top:top + height, left:left + width].copy()


def far_from(left: int, top: int, screen: FakeScreen) -> tuple[int, int]:
    width, height = screen.size()
    return (width - 1 - left, height - 1 - top)


def test_an_anchor_where_it_was_recorded_is_found_by_looking_only_around_there() -> None:
    screen = FakeScreen(BUSY)
    anchor = patch_of(BUSY, 720, 520, 64, 48)
    match = AnchorLocator(screen).locate(anchor, (720, 520), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (720, 520, True)
    assert match.score > 0.99
    assert screen.grabs == [(570, 370, 64 + 300, 48 + 300)]


@pytest.mark.parametrize(("left", "top"), [(1300, 800), (40, 30), (900, 20), (1500, 400)])
def test_a_moved_anchor_is_found_exactly_anywhere_on_a_busy_screen(left: int, top: int) -> None:
    screen = FakeScreen(BUSY)
    anchor = patch_of(BUSY, left, top, 64, 48)
    match = AnchorLocator(screen).locate(anchor, far_from(left, top, screen), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (left, top, False)
    assert match.score > 0.99
    # One look around the expected place, then one at the whole screen.
    assert len(screen.grabs) == 2
    assert screen.grabs[1] == "full"


def test_an_anchor_pasted_somewhere_else_is_found_where_it_now_is() -> None:
    screen = FakeScreen(BUSY)
    anchor = textured(64, 48, seed=1)
    screen.paint(anchor, 1211, 703)
    match = AnchorLocator(screen).locate(anchor, (200, 150), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (1211, 703, False)


def test_without_an_expected_place_the_whole_screen_is_searched_at_once() -> None:
    screen = FakeScreen(BUSY)
    anchor = patch_of(BUSY, 1300, 800, 64, 48)
    match = AnchorLocator(screen).locate(anchor, None, THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (1300, 800, False)
    assert screen.grabs == ["full"]


def test_among_identical_fields_near_the_expected_place_the_nearest_wins() -> None:
    screen = FakeScreen(np.full((1080, 1920), 200, dtype=np.uint8))
    anchor = textured(64, 48, seed=2)
    for left in (240, 310, 400):
        screen.paint(anchor, left, 210)
    match = AnchorLocator(screen).locate(anchor, (320, 210), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (310, 210, True)


def test_among_identical_fields_anywhere_on_the_screen_the_nearest_wins() -> None:
    screen = FakeScreen(BUSY)
    anchor = textured(64, 48, seed=2)
    places = [(100, 900), (500, 900), (900, 900), (1300, 900), (1700, 900)]
    for left, top in places:
        screen.paint(anchor, left, top)
    for expected, winner in [((1250, 100), (1300, 900)), ((20, 100), (100, 900)),
                             ((1750, 300), (1700, 900))]:
        match = AnchorLocator(screen).locate(anchor, expected, THRESHOLD)
        assert match is not None
        assert (match.left, match.top, match.near) == (*winner, False)


def test_a_low_contrast_anchor_never_matches_and_the_screen_is_not_even_looked_at() -> None:
    flat = np.full((48, 64), 120, dtype=np.uint8)
    flat[::7, ::5] = 123
    assert not is_distinctive(flat)
    screen = FakeScreen(np.full((1080, 1920), 120, dtype=np.uint8))
    screen.paint(flat, 300, 300)
    assert AnchorLocator(screen).locate(flat, (300, 300), 0.5) is None
    assert screen.grabs == []


@pytest.mark.parametrize(("left", "top"), [(0, 0), (1920 - 64, 1080 - 48), (0, 1080 - 48),
                                          (1920 - 64, 0)])
def test_the_region_around_a_place_at_the_screen_edge_is_cut_to_the_screen(
        left: int, top: int) -> None:
    screen = FakeScreen(BUSY)
    anchor = textured(64, 48, seed=3)
    screen.paint(anchor, left, top)
    match = AnchorLocator(screen).locate(anchor, (left, top), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (left, top, True)


def test_an_expected_place_off_the_screen_falls_back_to_the_whole_screen() -> None:
    screen = FakeScreen(BUSY)
    anchor = textured(64, 48, seed=4)
    screen.paint(anchor, 1000, 600)
    match = AnchorLocator(screen).locate(anchor, (5000, -3000), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (1000, 600, False)
    assert screen.grabs == ["full"]


@pytest.mark.parametrize(("width", "height", "left", "top"), [
    (24, 16, 1210, 905),   # too small to shrink: searched at full resolution
    (40, 40, 333, 217),
    (64, 48, 1517, 133),
    (128, 96, 611, 702),
    (300, 200, 1390, 640),
])
def test_anchors_small_and_large_are_found_anywhere_on_the_screen(
        width: int, height: int, left: int, top: int) -> None:
    screen = FakeScreen(BUSY)
    anchor = textured(width, height, seed=width)
    screen.paint(anchor, left, top)
    match = AnchorLocator(screen).locate(anchor, far_from(left, top, screen), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (left, top, False)


@pytest.mark.parametrize(("width", "height"), [(40, 40), (64, 48), (128, 96)])
def test_pictures_cut_from_a_busy_screen_are_found_wherever_they_sit_on_the_coarse_grid(
        width: int, height: int) -> None:
    rng = np.random.default_rng(width)
    found = 0
    while found < 12:
        left = int(rng.integers(0, 1920 - width))
        top = int(rng.integers(0, 1080 - height))
        if not is_unique(BUSY, left, top, width, height):
            continue
        screen = FakeScreen(BUSY)
        anchor = BUSY[top:top + height, left:left + width].copy()
        match = AnchorLocator(screen).locate(anchor, far_from(left, top, screen), THRESHOLD)
        assert match is not None, (left, top)
        assert (match.left, match.top) == (left, top)
        found += 1


@pytest.mark.parametrize(("left", "top"), [(0, 0), (1001 - 64, 667 - 48), (0, 667 - 48),
                                          (1001 - 64, 0), (1001 - 65, 667 - 49)])
def test_anchors_at_the_edge_of_an_oddly_sized_screen_are_found(left: int, top: int) -> None:
    screen = FakeScreen(busy_gray(1001, 667, seed=5))
    anchor = textured(64, 48, seed=6)
    screen.paint(anchor, left, top)
    match = AnchorLocator(screen).locate(anchor, far_from(left, top, screen), THRESHOLD)
    assert match is not None
    assert (match.left, match.top, match.near) == (left, top, False)


def test_the_threshold_decides_whether_a_worn_copy_counts() -> None:
    anchor = textured(64, 48, seed=7)
    worn = np.clip(anchor.astype(np.int16)
                   + np.random.default_rng(8).normal(0, 45, anchor.shape), 0, 255)
    worn_anchor = worn.astype(np.uint8)
    score = float(cv2.matchTemplate(worn_anchor, anchor, cv2.TM_CCOEFF_NORMED)[0, 0])
    assert 0.75 < score < 0.9
    screen = FakeScreen(BUSY)
    screen.paint(worn_anchor, 1400, 300)
    locator = AnchorLocator(screen)
    for expected in [(1400, 300), (100, 900)]:
        assert locator.locate(anchor, expected, score + 0.02) is None
        match = locator.locate(anchor, expected, score - 0.02)
        assert match is not None
        assert (match.left, match.top) == (1400, 300)
        assert match.score == pytest.approx(score, abs=1e-3)


def test_nothing_is_found_on_a_busy_screen_that_does_not_show_the_anchor() -> None:
    other = busy_gray(seed=11)
    anchor = patch_of(other, 900, 600, 64, 48)
    screen = FakeScreen(BUSY)
    locator = AnchorLocator(screen)
    assert locator.locate(anchor, (900, 600), THRESHOLD) is None
    assert locator.locate(anchor, None, THRESHOLD) is None
    assert locator.locate(textured(64, 48, seed=12), (900, 600), THRESHOLD) is None


def test_nothing_is_found_on_an_empty_screen() -> None:
    screen = FakeScreen(np.full((1080, 1920), 238, dtype=np.uint8))
    locator = AnchorLocator(screen)
    for anchor in [textured(64, 48, seed=13), textured(24, 16, seed=14), BUSY[:96, :128]]:
        assert locator.locate(anchor, (400, 400), 0.5) is None


@pytest.mark.parametrize("size", [(24, 16), (64, 48)])
def test_a_score_that_comes_out_as_nan_elsewhere_does_not_hide_the_anchor(
        size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    match_template = cv2.matchTemplate

    def with_a_nan(image: GrayImage, template: GrayImage, method: int) -> object:
        scores = match_template(image, template, method)
        scores[0, 0] = np.nan
        return scores

    monkeypatch.setattr(cv2, "matchTemplate", with_a_nan)
    screen = FakeScreen(BUSY)
    anchor = textured(*size, seed=19)
    screen.paint(anchor, 1000, 500)
    locator = AnchorLocator(screen)
    for expected, near in [((1000, 500), True), ((100, 100), False)]:
        match = locator.locate(anchor, expected, THRESHOLD)
        assert match is not None
        assert (match.left, match.top, match.near) == (1000, 500, near)


def test_an_anchor_larger_than_the_screen_is_simply_not_found() -> None:
    screen = FakeScreen(busy_gray(200, 100))
    assert AnchorLocator(screen).locate(textured(300, 120, seed=15), (0, 0), 0.5) is None


def test_a_colour_anchor_is_looked_for_in_grayscale() -> None:
    picture = busy_picture(1920, 1080, seed=3)
    screen = FakeScreen(BUSY)
    colour = picture[800:848, 1300:1364].copy()
    match = AnchorLocator(screen).locate(colour, (100, 100), THRESHOLD)
    assert match is not None
    assert (match.left, match.top) == (1300, 800)


def test_an_anchor_looked_for_again_is_prepared_only_once() -> None:
    locator = AnchorLocator(FakeScreen(BUSY))
    anchor = textured(64, 48, seed=16)
    assert locator.prepare(anchor) is locator.prepare(anchor.copy())
    assert locator.prepare(anchor) is not locator.prepare(textured(64, 48, seed=17))


def test_find_anchor_still_searches_an_already_grabbed_picture() -> None:
    picture = BUSY.copy()
    anchor = textured(64, 48, seed=18)
    picture[700:748, 1200:1264] = anchor
    near = find_anchor(picture, anchor, (1190, 690), THRESHOLD)
    anywhere = find_anchor(picture, anchor, (10, 10), THRESHOLD)
    assert near is not None and (near.left, near.top, near.near) == (1200, 700, True)
    assert anywhere is not None and (anywhere.left, anywhere.top, anywhere.near) == (
        1200, 700, False)


def test_a_picture_in_memory_hands_out_only_what_is_on_it() -> None:
    screen = ArrayScreen(np.arange(100 * 80, dtype=np.uint32).reshape(80, 100).astype(np.uint8))
    assert screen.size() == (100, 80)
    assert screen.grab_gray(-10, -5, 30, 20).shape == (15, 20)
    assert screen.grab_gray(90, 70, 30, 20).shape == (10, 10)
    assert screen.grab_gray(200, 200, 30, 20).size == 0


@pytest.mark.parametrize(("region", "clamped"), [
    ((10, 20, 30, 40), (10, 20, 30, 40)),
    ((-10, -20, 30, 40), (0, 0, 20, 20)),
    ((90, 70, 30, 40), (90, 70, 10, 10)),
    ((-50, 10, 300, 20), (0, 10, 100, 20)),
    ((150, 10, 30, 40), (100, 10, 0, 40)),
    ((-60, -60, 30, 30), (0, 0, 0, 0)),
])
def test_regions_are_cut_to_the_screen(region: tuple[int, int, int, int],
                                       clamped: tuple[int, int, int, int]) -> None:
    assert clamp_region(*region, (100, 80)) == clamped
