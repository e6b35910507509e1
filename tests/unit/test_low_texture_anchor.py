"""A picture of a blank text area never sends the robot to a blank patch somewhere else.

The issue's case: the inside of a text area, recorded as a picture with little more than the
text cursor in it, matched a blank patch elsewhere on the screen and the robot typed two lines
into nothing. On a fake desktop: such a picture is believed at its own place only.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from app.core.model.bot import Bot, ClickStep, Point, Target
from app.core.platform.desktop import WindowInfo
from app.core.running.player import Player
from app.core.vision.locate import GrayImage
from tests.unit.fake_desktop import FakeDesktop

WINDOW = WindowInfo(1, "Ansökan om ekonomiskt bistånd - Chromium", "Chromium", 100, 80,
                    1450, 860)
OFFSET = Point(120, 60)


def blank_with_a_cursor() -> GrayImage:
    picture = np.full((120, 240), 255, np.uint8)
    picture[15:105, 120:122] = 0
    return picture


def click_in_the_text_area(folder: Path) -> ClickStep:
    (folder / "images").mkdir(exist_ok=True)
    cv2.imwrite(str(folder / "images" / "click.png"), blank_with_a_cursor())
    return ClickStep(id="motivering", target=Target(
        absolute=Point(600, 380), window_title=WINDOW.title, window_point=Point(500, 300),
        anchor="click.png", anchor_offset=OFFSET))


def play(step: ClickStep, folder: Path, desktop: FakeDesktop) -> tuple[str | None, list[object]]:
    now = [0.0]

    def clock() -> float:
        now[0] += 0.05
        return now[0]

    player = Player(Bot("b", steps=[step]), folder, desktop, timeout_s=0.5, clock=clock)
    player._pause = lambda seconds: None  # type: ignore[method-assign]
    result = player.run()
    return result.steps[0].found_by, list(desktop.actions)


def test_a_blank_picture_that_matches_away_from_its_place_is_not_clicked(tmp_path: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    # The form moved 275 px to the right inside a wider window; the picture is there.
    elsewhere = (WINDOW.x + 500 - OFFSET.x + 275, WINDOW.y + 300 - OFFSET.y)
    desktop.paint(blank_with_a_cursor(), *elsewhere)
    found_by, actions = play(click_in_the_text_area(tmp_path), tmp_path, desktop)
    # Whatever comes after the picture (the window's point, asking, failing), the log does not
    # say the picture found it, and nothing is clicked where the blank patch matched.
    assert found_by not in ("anchor", "anchor_screen")
    assert not any(action[1:3] == (elsewhere[0] + OFFSET.x, elsewhere[1] + OFFSET.y)
                   for action in actions)


def test_a_blank_picture_at_its_own_place_is_used(tmp_path: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    desktop.paint(blank_with_a_cursor(), WINDOW.x + 500 - OFFSET.x, WINDOW.y + 300 - OFFSET.y)
    found_by, actions = play(click_in_the_text_area(tmp_path), tmp_path, desktop)
    assert found_by == "anchor"
    assert actions == [("click", WINDOW.x + 500, WINDOW.y + 300, "left", 1)]
