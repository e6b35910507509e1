"""The recorder picks an anchor picture a robot can find again: with texture, and unique; a
picture without texture is believed at replay only where the step's element or window puts it."""

from __future__ import annotations

import cv2
import numpy as np

from app.core.model.bot import Point, Selector, Target
from app.core.platform.desktop import WindowInfo
from app.core.vision.anchors import (
    ANCHOR_SIZES,
    MIN_TEXTURE,
    choose_anchor_box,
    has_texture,
    match_is_trusted,
    texture,
)


def screen_with_fields() -> np.ndarray:
    """A plain form: two identical empty fields, each with a different label before it."""
    screen = np.full((600, 900), 236, np.uint8)
    for top, label in ((200, "Namn:"), (300, "Hemkommun:")):
        cv2.putText(screen, label, (80, top + 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 30, 1)
        cv2.rectangle(screen, (200, top), (440, top + 26), 255, -1)
        cv2.rectangle(screen, (200, top), (440, top + 26), 120, 1)
    cv2.rectangle(screen, (600, 450), (680, 476), 200, -1)
    cv2.putText(screen, "Spara", (612, 468), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 20, 1)
    return screen


def context_at(screen: np.ndarray, x: int, y: int) -> tuple[np.ndarray, tuple[int, int]]:
    width, height = ANCHOR_SIZES[-1]
    left, top = max(0, x - width // 2), max(0, y - height // 2)
    return screen[top:top + height, left:left + width], (left, top)


def test_a_distinctive_button_keeps_the_small_picture() -> None:
    screen = screen_with_fields()
    context, origin = context_at(screen, 640, 463)
    box = choose_anchor_box(context, (640 - origin[0], 463 - origin[1]), screen, origin)
    assert box[2:] == ANCHOR_SIZES[0]


def test_a_click_in_one_of_two_alike_fields_grows_until_its_label_makes_it_unique() -> None:
    screen = screen_with_fields()
    x, y = 300, 213  # inside the "Namn" field, away from its label
    context, origin = context_at(screen, x, y)
    left, _, width, height = choose_anchor_box(context, (x - origin[0], y - origin[1]),
                                                 screen, origin)
    assert (width, height) != ANCHOR_SIZES[0]
    assert origin[0] + left < 200  # the picture now reaches into the label's side


def test_a_flat_area_gets_the_largest_picture() -> None:
    screen = np.full((600, 900), 200, np.uint8)
    context, origin = context_at(screen, 450, 300)
    box = choose_anchor_box(context, (450 - origin[0], 300 - origin[1]), screen, origin)
    assert box[2:] == ANCHOR_SIZES[-1]


def test_the_click_point_is_always_inside_the_chosen_picture() -> None:
    screen = screen_with_fields()
    for x, y in ((5, 5), (895, 595), (300, 213), (640, 463)):
        context, origin = context_at(screen, x, y)
        point = (x - origin[0], y - origin[1])
        left, top, width, height = choose_anchor_box(context, point, screen, origin)
        assert left <= point[0] < left + width and top <= point[1] < top + height


def blank_field_with_a_cursor(width: int = 240, height: int = 120) -> np.ndarray:
    """The inside of a wide text area: white, with only the blinking text cursor in it."""
    picture = np.full((height, width), 255, np.uint8)
    picture[height // 8:height * 7 // 8, width // 2:width // 2 + 2] = 0
    return picture


def test_a_text_cursor_or_one_border_line_is_not_texture() -> None:
    assert blank_field_with_a_cursor().std() > MIN_TEXTURE  # contrast alone would accept it
    assert not has_texture(blank_field_with_a_cursor())
    border = np.full((120, 240), 255, np.uint8)
    border[60:, :] = 90  # a window's edge: one straight step, the same all along
    assert not has_texture(border)
    assert not has_texture(np.full((50, 80), 236, np.uint8))


def test_a_fields_corner_and_a_label_are_texture() -> None:
    screen = screen_with_fields()
    assert has_texture(screen[190:240, 60:140])  # "Namn:"
    assert has_texture(screen[180:240, 400:480])  # the field's right end
    assert texture(screen[180:240, 400:480]) > texture(screen[200:226, 260:360])


def test_a_click_inside_a_wide_text_area_grows_until_the_picture_holds_its_label() -> None:
    screen = np.full((600, 900), 236, np.uint8)
    cv2.putText(screen, "Motivering", (200, 150), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 30, 1)
    cv2.rectangle(screen, (200, 160), (700, 300), 255, -1)
    cv2.rectangle(screen, (200, 160), (700, 300), 120, 1)
    screen[190:215, 330:332] = 0  # the text cursor
    x, y = 330, 200
    context, origin = context_at(screen, x, y)
    left, top, width, height = choose_anchor_box(context, (x - origin[0], y - origin[1]),
                                                 screen, origin)
    assert (width, height) != ANCHOR_SIZES[0]
    assert has_texture(context[top:top + height, left:left + width])
    assert origin[1] + top < 150  # it reaches up to the label


WINDOW = WindowInfo(1, "Ansökan – Chromium", "Chromium", 100, 80, 1450, 860)


def blank_target(selector_box: tuple[int, int, int, int] | None = None) -> Target:
    """A click in a text area recorded at (500, 300) in its window, the picture's corner 120, 60
    up and left of it."""
    selector = None if selector_box is None else Selector(
        api="atspi", role="entry", name="Motivering", box_in_window=selector_box)
    return Target(absolute=Point(600, 380), window_title=WINDOW.title,
                  window_point=Point(500, 300), anchor="click.png",
                  anchor_offset=Point(120, 60), selector=selector)


def test_a_textured_picture_is_trusted_wherever_it_matched() -> None:
    picture = screen_with_fields()[190:250, 60:180]
    assert match_is_trusted(picture, (1500, 900), Point(120, 60), blank_target(), WINDOW)


def test_a_blank_picture_is_trusted_only_at_the_place_its_window_gives() -> None:
    picture = blank_field_with_a_cursor()
    corner = (WINDOW.x + 500 - 120, WINDOW.y + 300 - 60)
    assert match_is_trusted(picture, corner, Point(120, 60), blank_target(), WINDOW)
    assert match_is_trusted(picture, (corner[0] + 4, corner[1] - 3), Point(120, 60),
                            blank_target(), WINDOW)
    # The form moved 275 px inside a wider window: a blank patch there proves nothing.
    assert not match_is_trusted(picture, (corner[0] + 275, corner[1]), Point(120, 60),
                                blank_target(), WINDOW)
    # Without the window, the absolute point is the place.
    assert match_is_trusted(picture, (600 - 120, 380 - 60), Point(120, 60), blank_target(), None)
    assert not match_is_trusted(picture, (900, 380 - 60), Point(120, 60), blank_target(), None)


def test_a_blank_picture_is_trusted_inside_the_box_its_element_had() -> None:
    picture = blank_field_with_a_cursor()
    target = blank_target(selector_box=(240, 250, 406, 86))
    corner = (WINDOW.x + 600 - 120, WINDOW.y + 320 - 60)  # 100 px right, inside the text area
    assert match_is_trusted(picture, corner, Point(120, 60), target, WINDOW)
    assert not match_is_trusted(picture, (corner[0] + 275, corner[1]), Point(120, 60), target,
                                WINDOW)
