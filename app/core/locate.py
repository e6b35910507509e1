"""Finding an anchor picture on the screen: OpenCV template matching on grayscale.

The place the target was recorded at is searched first, in a small region, because that is
where it nearly always still is and a small region is fast; only then the whole screen. Among
equally good matches the one nearest the expected place wins, so a row of identical fields
does not send the click to the first of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

GrayImage = npt.NDArray[np.uint8]

NEAR_MARGIN = 150
TIE_TOLERANCE = 0.01
# A picture with (almost) no contrast matches everywhere, so it cannot find anything.
MIN_CONTRAST = 4.0


@dataclass(frozen=True)
class Match:
    left: int
    top: int
    score: float
    near: bool


def to_gray(bgr_or_bgra: npt.NDArray[np.uint8]) -> GrayImage:
    if bgr_or_bgra.ndim == 2:
        return bgr_or_bgra
    code = cv2.COLOR_BGRA2GRAY if bgr_or_bgra.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return np.asarray(cv2.cvtColor(bgr_or_bgra, code), dtype=np.uint8)


def is_distinctive(anchor: GrayImage) -> bool:
    return float(anchor.std()) >= MIN_CONTRAST


def _best(screen: GrayImage, anchor: GrayImage, left: int, top: int,
          expected: tuple[int, int] | None) -> tuple[int, int, float] | None:
    height, width = anchor.shape
    if screen.shape[0] < height or screen.shape[1] < width:
        return None
    scores = cv2.matchTemplate(screen, anchor, cv2.TM_CCOEFF_NORMED)
    best = float(scores.max())
    if not np.isfinite(best):
        return None
    if expected is None:
        best_y, best_x = np.unravel_index(int(scores.argmax()), scores.shape)
        return left + int(best_x), top + int(best_y), best
    ys, xs = np.nonzero(scores >= best - TIE_TOLERANCE)
    distances = (xs + left - expected[0]) ** 2 + (ys + top - expected[1]) ** 2
    nearest = int(distances.argmin())
    near_x, near_y = int(xs[nearest]), int(ys[nearest])
    return left + near_x, top + near_y, float(scores[near_y, near_x])


def find_anchor(screen: GrayImage, anchor: GrayImage, expected: tuple[int, int] | None,
                threshold: float, near_margin: int = NEAR_MARGIN) -> Match | None:
    """Where ``anchor``'s top-left is on ``screen`` with a score of at least ``threshold``.

    ``expected`` is where its top-left should be if nothing moved.
    """
    if not is_distinctive(anchor):
        return None
    height, width = anchor.shape
    if expected is not None:
        left = max(0, expected[0] - near_margin)
        top = max(0, expected[1] - near_margin)
        right = min(screen.shape[1], expected[0] + width + near_margin)
        bottom = min(screen.shape[0], expected[1] + height + near_margin)
        found = _best(screen[top:bottom, left:right], anchor, left, top, expected)
        if found is not None and found[2] >= threshold:
            return Match(found[0], found[1], found[2], near=True)
    found = _best(screen, anchor, 0, 0, expected)
    if found is not None and found[2] >= threshold:
        return Match(found[0], found[1], found[2], near=False)
    return None
