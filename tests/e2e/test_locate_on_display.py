"""Anchors found on a real X display: a busy picture shown in a window, grabbed through mss.

The picture is the locate bench's busy desktop, shown by the bench's own window on a private
Xvfb; the window is moved to see the anchor followed across the screen. The bench itself is
run once on a small picture to see that it reports every figure; its timings are not judged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.bench.locate_bench import busy_picture, pick_anchor, shown_picture
from app.core.vision.locate import AnchorLocator
from app.core.vision.screen import ScreenGrabber
from app.testing.display import VirtualDisplay

pytestmark = pytest.mark.x11

ROOT = Path(__file__).resolve().parents[2]


def test_the_screen_is_grabbed_in_grayscale_and_regions_are_cut_to_it(
        grabber: ScreenGrabber) -> None:
    picture = busy_picture(1920, 1080, seed=21)
    with shown_picture(picture) as shown:
        shown.wait_until_visible(grabber)
        assert grabber.size() == (1920, 1080)
        full = grabber.grab_gray_full()
        assert full.shape == (1080, 1920)
        assert full.dtype == np.uint8
        assert np.array_equal(full, shown.gray)
        assert np.array_equal(grabber.grab_gray(300, 200, 64, 48), full[200:248, 300:364])
        # Past the edges mss would fail with BadMatch; the grabber hands out what is there.
        assert np.array_equal(grabber.grab_gray(-10, -20, 100, 100), full[:80, :90])
        assert np.array_equal(grabber.grab_gray(1900, 1070, 100, 100), full[1070:, 1900:])
        assert grabber.grab_gray(5000, 5000, 10, 10).size == 0


def test_an_anchor_is_found_where_it_was_and_followed_when_its_window_moves(
        grabber: ScreenGrabber) -> None:
    picture = busy_picture(800, 500, seed=22)
    gray = np.asarray(cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    inside = pick_anchor(gray, seed=22)
    anchor = gray[inside[1]:inside[1] + 48, inside[0]:inside[0] + 64].copy()
    locator = AnchorLocator(grabber)
    with shown_picture(picture, 100, 80) as shown:
        shown.wait_until_visible(grabber)
        recorded = (100 + inside[0], 80 + inside[1])
        match = locator.locate(anchor, recorded, 0.9)
        assert match is not None
        assert (match.left, match.top, match.near) == (*recorded, True)

        shown.move(1050, 560)
        shown.wait_until_visible(grabber)
        match = locator.locate(anchor, recorded, 0.9)
        assert match is not None
        assert (match.left, match.top, match.near) == (1050 + inside[0], 560 + inside[1], False)
        assert match.score > 0.99

        # The window partly off the screen, the anchor in its very corner.
        shown.move(1920 - inside[0] - 64, 1080 - inside[1] - 48)
        shown.wait_until_visible(grabber)
        match = locator.locate(anchor, recorded, 0.9)
        assert match is not None
        assert (match.left, match.top) == (1920 - 64, 1080 - 48)


def test_an_anchor_that_is_not_on_the_screen_is_not_found(grabber: ScreenGrabber) -> None:
    shown_one = busy_picture(1920, 1080, seed=23)
    other = np.asarray(cv2.cvtColor(busy_picture(1920, 1080, seed=24), cv2.COLOR_BGR2GRAY),
                       dtype=np.uint8)
    left, top = pick_anchor(other, seed=24)
    anchor = other[top:top + 48, left:left + 64].copy()
    with shown_picture(shown_one) as shown:
        shown.wait_until_visible(grabber)
        locator = AnchorLocator(grabber)
        assert locator.locate(anchor, (left, top), 0.9) is None
        assert locator.locate(anchor, None, 0.9) is None


def test_the_locate_bench_reports_every_figure(x_display: VirtualDisplay) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "bench", "locate", "--json", "--width", "640",
         "--height", "360", "--repeat", "3"],
        cwd=ROOT, env=x_display.environment(), capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) == {
        "screen_width", "screen_height", "repeat", "near_ms", "full_ms", "found_near",
        "found_full", "pyautogui_grayscale", "pyautogui_ms", "pyautogui_colour_ms",
        "found_pyautogui", "found_pyautogui_colour", "ratio_vs_pyautogui",
        "ratio_vs_pyautogui_colour",
    }
    assert (figures["screen_width"], figures["screen_height"]) == (1920, 1080)
    assert figures["found_near"] is True
    assert figures["found_full"] is True
    assert figures["found_pyautogui"] is True
    assert all(figures[name] > 0 for name in ("near_ms", "full_ms", "pyautogui_ms"))
