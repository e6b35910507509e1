"""Which resting picture a recorded click keeps: one taken before the press, never after.

The window system's clock orders a press and a picture even when the press is reported late;
where there is no such clock, the time the report arrived stands in.
"""

from __future__ import annotations

import numpy as np

from app.core.recording.events import InputEvent
from app.core.recording.recorder import RESTING_MAX_AGE_S, Resting, picture_before

CLOCK_WRAP = 1 << 32


def resting(x: int, y: int, taken: float, server_time: int | None, shade: int) -> Resting:
    pixels = np.full((4, 4, 3), shade, dtype=np.uint8)
    return Resting(x, y, taken, server_time, (x - 2, y - 2, pixels), None)


def press(x: int, y: int, reported_at: float) -> InputEvent:
    return InputEvent(1, reported_at, "press", x=x, y=y, button="left")


def shade_of(chosen: Resting | None) -> int | None:
    return None if chosen is None else int(chosen.picture[2][0, 0, 0])


def test_a_press_reported_late_keeps_the_last_picture_taken_before_it() -> None:
    # Pictures every 30 ms; the press happened at server time 1100, and was reported 200 ms
    # later, when two more pictures (the button painted pressed) had been taken.
    history = [resting(50, 60, 10.00 + n * 0.03, 1000 + n * 30, shade=n) for n in range(8)]
    assert shade_of(picture_before(history, press(50, 60, 10.3), 1100)) == 3


def test_without_the_window_systems_clock_the_time_of_the_report_decides() -> None:
    history = [resting(50, 60, 10.00 + n * 0.03, None, shade=n) for n in range(8)]
    assert shade_of(picture_before(history, press(50, 60, 10.1), None)) == 3


def test_pictures_at_another_point_are_not_the_clicked_ones() -> None:
    history = [resting(50, 60, 10.0, 1000, shade=1), resting(51, 60, 10.03, 1030, shade=2)]
    assert shade_of(picture_before(history, press(50, 60, 10.3), 1050)) == 1


def test_a_picture_older_than_the_limit_is_not_kept() -> None:
    limit_ms = int(RESTING_MAX_AGE_S * 1000)
    history = [resting(50, 60, 10.0, 1000, shade=1)]
    assert shade_of(picture_before(history, press(50, 60, 10.3), 1000 + limit_ms)) == 1
    assert picture_before(history, press(50, 60, 10.3), 1001 + limit_ms) is None


def test_no_picture_is_kept_when_every_one_was_taken_after_the_press() -> None:
    history = [resting(50, 60, 10.0 + n * 0.03, 1200 + n * 30, shade=n) for n in range(3)]
    assert picture_before(history, press(50, 60, 10.3), 1100) is None


def test_the_clock_wrapping_round_does_not_turn_an_earlier_picture_into_a_later_one() -> None:
    history = [resting(50, 60, 10.0, CLOCK_WRAP - 20, shade=1),
               resting(50, 60, 10.03, 15, shade=2)]  # after the wrap, and after the press
    assert shade_of(picture_before(history, press(50, 60, 10.3), 5)) == 1
