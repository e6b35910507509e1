"""The recorder picks an anchor picture a robot can find again: with texture, and unique."""

from __future__ import annotations

import cv2
import numpy as np

from app.core.vision.anchors import ANCHOR_SIZES, choose_anchor_box


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
