"""Choosing an anchor picture around a click that the player can find again.

The recorder keeps a picture of what was under the pointer at each press; the player looks for
it at replay. A picture is only worth keeping if it has texture and nothing else on the screen
looks like it, so the box grows from a small one until it has both.
"""

from __future__ import annotations

from typing import Any

ANCHOR_WIDTH = 80
ANCHOR_HEIGHT = 50


def anchor_box(x: int, y: int, screen_width: int, screen_height: int, *,
               width: int = ANCHOR_WIDTH, height: int = ANCHOR_HEIGHT) -> tuple[int, int, int, int]:
    """The picture rectangle around a click, moved inward at screen edges (left, top, w, h)."""
    width, height = min(width, screen_width), min(height, screen_height)
    left = min(max(0, x - width // 2), screen_width - width)
    top = min(max(0, y - height // 2), screen_height - height)
    return left, top, width, height


# Anchor sizes tried in turn: the smallest with texture that shows once on the screen wins, so
# an empty field gets its label into the picture and two alike buttons their surroundings.
ANCHOR_SIZES = ((ANCHOR_WIDTH, ANCHOR_HEIGHT), (120, 60), (160, 80), (240, 120))
CONTEXT_WIDTH, CONTEXT_HEIGHT = ANCHOR_SIZES[-1]
MIN_TEXTURE = 12.0
LOOK_ALIKE_SCORE = 0.97
THUMBNAIL_WIDTH = 320


def appears_once(screen: Any, patch: Any, where: tuple[int, int]) -> bool:
    """Whether nothing else on ``screen`` (grayscale) looks like ``patch``, which is at ``where``.

    Compared at half size, which is plenty to tell look-alikes and four times cheaper.
    """
    import cv2
    import numpy as np

    small_screen = cv2.resize(screen, (screen.shape[1] // 2, screen.shape[0] // 2),
                              interpolation=cv2.INTER_AREA)
    small_patch = cv2.resize(patch, (max(1, patch.shape[1] // 2), max(1, patch.shape[0] // 2)),
                             interpolation=cv2.INTER_AREA)
    if small_patch.shape[0] > small_screen.shape[0] or small_patch.shape[1] > small_screen.shape[1]:
        return True
    scores = cv2.matchTemplate(small_screen, small_patch, cv2.TM_CCOEFF_NORMED)
    scores = np.nan_to_num(scores, nan=0.0)
    own_x, own_y = where[0] // 2, where[1] // 2
    reach_x, reach_y = small_patch.shape[1] // 2 + 2, small_patch.shape[0] // 2 + 2
    scores[max(0, own_y - reach_y):own_y + reach_y + 1,
           max(0, own_x - reach_x):own_x + reach_x + 1] = 0.0
    return bool(scores.max() < LOOK_ALIKE_SCORE)


def choose_anchor_box(context: Any, point: tuple[int, int], screen: Any | None,
                      context_origin: tuple[int, int]) -> tuple[int, int, int, int]:
    """The anchor's box (left, top, width, height) inside ``context`` (grayscale) around ``point``.

    The smallest of ``ANCHOR_SIZES`` that has texture and, when ``screen`` is given, appears
    nowhere else on it; the largest when none does.
    """
    height, width = context.shape[:2]
    box = (0, 0, width, height)
    for box_width, box_height in ANCHOR_SIZES:
        box = anchor_box(point[0], point[1], width, height, width=box_width, height=box_height)
        left, top, used_width, used_height = box
        patch = context[top:top + used_height, left:left + used_width]
        if float(patch.std()) < MIN_TEXTURE:
            continue
        where = (context_origin[0] + left, context_origin[1] + top)
        if screen is None or appears_once(screen, patch, where):
            return box
    return box
