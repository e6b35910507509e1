"""Where a step's anchor picture lies on the small picture of its window, for people to see.

The recorder keeps each clicked window shrunk to ``THUMBNAIL_WIDTH`` pixels wide, but not the
window's size, so how much it was shrunk is not written anywhere. It is found again here by
looking for the anchor picture on the thumbnail at each plausible shrink: the studio then marks
the anchor and the click point on the window picture. Only for showing; the player never uses
thumbnails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.model.bot import Point
from app.core.vision.anchors import THUMBNAIL_WIDTH

if TYPE_CHECKING:
    from app.core.vision.screen import GrayImage

# Below this the anchor's picture is too small to tell apart from any other patch.
MIN_SHRUNK_SIDE = 8
# How alike the shrunk anchor and the thumbnail must be to say "it is here": anywhere on the
# thumbnail, and where the recorded click puts it. The second may be lower because the place
# already rules out look-alikes; the window often changed a little between the anchor picture
# (taken while the pointer rested) and the window picture (taken at the press).
MIN_SCORE = 0.8
MIN_SCORE_WHERE_RECORDED = 0.5
# Thumbnails are never shrunk below this (a window 3,200 pixels wide).
MIN_SCALE = 0.1


@dataclass(frozen=True)
class ThumbnailPlace:
    """The anchor on the thumbnail: its box (left, top, width, height) and the click point,
    in thumbnail pixels, with how much the window was shrunk and how sure the match is."""

    left: float
    top: float
    width: float
    height: float
    click_x: float
    click_y: float
    scale: float
    score: float


def _scales(thumbnail: GrayImage, anchor: GrayImage) -> list[float]:
    import numpy as np

    if thumbnail.shape[1] < THUMBNAIL_WIDTH:
        # The window was narrower than a thumbnail, so it was kept as it was.
        return [1.0]
    smallest = max(MIN_SCALE, MIN_SHRUNK_SIDE / max(1, min(anchor.shape[:2])))
    if smallest >= 1.0:
        return [1.0]
    # Steps of 2 %: an anchor of 120 pixels is then off by at most a pixel at the best step.
    count = int(np.ceil(np.log(1.0 / smallest) / np.log(1.02))) + 1
    return [float(s) for s in np.geomspace(smallest, 1.0, count)]


def place_on_thumbnail(thumbnail: GrayImage, anchor: GrayImage, anchor_offset: Point | None,
                       window_point: Point | None = None) -> ThumbnailPlace | None:
    """Where ``anchor`` shows on ``thumbnail``, or None when it cannot be found there.

    With the click's point in the window (``window_point``) a match where the click belongs is
    preferred, so one of several look-alike buttons is not marked by mistake.
    """
    # Imported here: the studio loads this module at start, and OpenCV takes a while to load.
    import cv2
    import numpy as np

    if anchor.size == 0 or thumbnail.size == 0:
        return None
    offset = anchor_offset or Point(anchor.shape[1] // 2, anchor.shape[0] // 2)
    best: ThumbnailPlace | None = None
    best_expected: ThumbnailPlace | None = None
    for scale in _scales(thumbnail, anchor):
        width = max(1, round(anchor.shape[1] * scale))
        height = max(1, round(anchor.shape[0] * scale))
        if width > thumbnail.shape[1] or height > thumbnail.shape[0]:
            continue
        shrunk = anchor if scale == 1.0 else cv2.resize(anchor, (width, height),
                                                        interpolation=cv2.INTER_AREA)
        scores = cv2.matchTemplate(thumbnail, shrunk, cv2.TM_CCOEFF_NORMED)
        scores = np.nan_to_num(scores, nan=0.0)
        _, top_score, _, (left, top) = cv2.minMaxLoc(scores)

        def place(left: int, top: int, score: float, scale: float = scale) -> ThumbnailPlace:
            return ThumbnailPlace(left, top, anchor.shape[1] * scale, anchor.shape[0] * scale,
                                  left + offset.x * scale, top + offset.y * scale, scale, score)

        if best is None or top_score > best.score:
            best = place(left, top, float(top_score))
        if window_point is not None:
            expected_left = round((window_point.x - offset.x) * scale)
            expected_top = round((window_point.y - offset.y) * scale)
            # A pixel either way: the shrink rounds.
            area = scores[max(0, expected_top - 1):expected_top + 2,
                          max(0, expected_left - 1):expected_left + 2]
            if area.size:
                _, score, _, (dx, dy) = cv2.minMaxLoc(area)
                if best_expected is None or score > best_expected.score:
                    best_expected = place(max(0, expected_left - 1) + dx,
                                          max(0, expected_top - 1) + dy, float(score))
    if best_expected is not None and best_expected.score >= MIN_SCORE_WHERE_RECORDED:
        return best_expected
    if best is not None and best.score >= MIN_SCORE:
        return best
    return None
