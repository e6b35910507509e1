"""Choosing an anchor picture around a click that the player can find again, and when to
believe where the player found it.

The recorder keeps a picture of what was under the pointer at each press; the player looks for
it at replay. A picture is only worth keeping if it has texture and nothing else on the screen
looks like it, so the box grows from a small one until it has both.

Texture is measured as edges across and along: the share of pixels where the brightness steps
sharply from left to right, and the share where it steps from top to bottom, the smaller of the
two. A blank field with a text cursor in it, or a single straight border, has contrast enough
to look like something (its standard deviation is high) but matches any blank patch or any
point along the border; it has edges one way only. The inside of a wide text area has none at
all, however large the picture grows within reason: such a picture is kept for a person to
look at, but the player trusts a match of it only where the step's element or its place in the
window says the target is (``match_is_trusted``).
"""

from __future__ import annotations

from typing import Any

from app.core.model.bot import Point, Target
from app.core.platform.desktop import WindowInfo

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
# A brightness step of this much between neighbours (3x3 Sobel: 4 x the step) is an edge; a
# picture needs this share of edge pixels both ways. A field's corner or a word of its label
# gives a few per cent, a text cursor or one border line in a blank picture none the other way.
EDGE_STEP = 64.0
MIN_EDGE_SHARE = 0.01
# How far (pixels) a low-texture picture's match may lie from where the step's window says the
# target is for it to be believed.
PLACE_TOLERANCE = 6
LOOK_ALIKE_SCORE = 0.97
THUMBNAIL_WIDTH = 320


def texture(picture: Any) -> float:
    """How much a grayscale picture holds to be found by: the smaller of the shares of its
    pixels on an edge across and on an edge along (0 for a flat or striped picture)."""
    import cv2
    import numpy as np

    if picture.size == 0 or min(picture.shape[:2]) < 3:
        return 0.0
    across = cv2.Sobel(picture, cv2.CV_32F, 1, 0, ksize=3)
    along = cv2.Sobel(picture, cv2.CV_32F, 0, 1, ksize=3)
    return float(min(np.mean(np.abs(across) > EDGE_STEP), np.mean(np.abs(along) > EDGE_STEP)))


def has_texture(picture: Any) -> bool:
    """Whether a grayscale picture holds enough to be found by where it is, not merely matched."""
    return texture(picture) >= MIN_EDGE_SHARE


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

    The smallest of ``ANCHOR_SIZES`` that has texture (``has_texture``) and, when ``screen`` is
    given, appears nowhere else on it; the largest when none does, which the player then trusts
    only at the target's own place (``match_is_trusted``).
    """
    height, width = context.shape[:2]
    box = (0, 0, width, height)
    for box_width, box_height in ANCHOR_SIZES:
        box = anchor_box(point[0], point[1], width, height, width=box_width, height=box_height)
        left, top, used_width, used_height = box
        patch = context[top:top + used_height, left:left + used_width]
        if float(patch.std()) < MIN_TEXTURE or not has_texture(patch):
            continue
        where = (context_origin[0] + left, context_origin[1] + top)
        if screen is None or appears_once(screen, patch, where):
            return box
    return box


def match_is_trusted(anchor: Any, corner: tuple[int, int], offset: Point, target: Target,
                     window: WindowInfo | None) -> bool:
    """Whether the player may act where ``anchor`` (grayscale) matched: its top left ``corner``
    on the screen, the target ``offset`` inside it.

    A picture with texture is found by what it shows: always trusted. One without (the inside
    of a blank text area) matches any blank patch as well as its own place, so its match is
    trusted only when it agrees with what else the step knows: the point lies inside the box the
    step's element had in its window, or within ``PLACE_TOLERANCE`` of the point recorded
    relative to the window (``window`` is the step's window as found now; without it, of the
    absolute point). Otherwise the player goes on to its other ways, which say so in the log.
    """
    if has_texture(anchor):
        return True
    x, y = corner[0] + offset.x, corner[1] + offset.y
    selector = target.selector
    if window is not None and selector is not None and selector.box_in_window is not None:
        left, top, width, height = selector.box_in_window
        if (window.x + left <= x < window.x + left + width
                and window.y + top <= y < window.y + top + height):
            return True
    if window is not None and target.window_point is not None:
        expected = (window.x + target.window_point.x, window.y + target.window_point.y)
    elif target.absolute is not None:
        expected = (target.absolute.x, target.absolute.y)
    else:
        return False
    return abs(x - expected[0]) <= PLACE_TOLERANCE and abs(y - expected[1]) <= PLACE_TOLERANCE
