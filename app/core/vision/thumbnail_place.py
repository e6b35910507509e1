"""Where a step's anchor picture lies on the small picture of its window, for people to see.

The recorder keeps each clicked window shrunk to ``THUMBNAIL_WIDTH`` pixels wide, but not the
window's size, so how much it was shrunk is not written anywhere. It is found again here by
looking for the anchor picture on the thumbnail at each plausible shrink: the studio then marks
the anchor and the click point on the window picture. Only for showing; the player never uses
thumbnails.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _scale_range(thumbnail: GrayImage, anchor: GrayImage,
                 window_point: Point | None) -> tuple[float, float]:
    """The smallest and largest shrink the thumbnail can have been made with."""
    if thumbnail.shape[1] < THUMBNAIL_WIDTH:
        # The window was narrower than a thumbnail, so it was kept as it was.
        return 1.0, 1.0
    smallest = max(MIN_SCALE, MIN_SHRUNK_SIDE / max(1, min(anchor.shape[:2])))
    largest = 1.0
    if window_point is not None:
        # The click lay inside the window, so the window was wider and taller than its point.
        largest = min(largest, thumbnail.shape[1] / (window_point.x + 1),
                      thumbnail.shape[0] / (window_point.y + 1))
    return min(smallest, largest), largest


def _steps(smallest: float, largest: float, factor: float) -> list[float]:
    import numpy as np

    if largest / smallest < factor:
        return [largest]
    count = int(np.ceil(np.log(largest / smallest) / np.log(factor))) + 1
    return [float(s) for s in np.geomspace(smallest, largest, count)]


class _Matcher:
    """The anchor shrunk by a scale, matched against the thumbnail (whole, or near a place)."""

    def __init__(self, thumbnail: GrayImage, anchor: GrayImage, offset: Point) -> None:
        self.thumbnail, self.anchor, self.offset = thumbnail, anchor, offset

    def _shrunk(self, scale: float) -> GrayImage | None:
        import cv2
        import numpy as np

        width = max(1, round(self.anchor.shape[1] * scale))
        height = max(1, round(self.anchor.shape[0] * scale))
        if width > self.thumbnail.shape[1] or height > self.thumbnail.shape[0]:
            return None
        if scale == 1.0:
            return self.anchor
        return np.asarray(cv2.resize(self.anchor, (width, height),
                                     interpolation=cv2.INTER_AREA), dtype=np.uint8)

    def _best(self, area: GrayImage, shrunk: GrayImage) -> tuple[float, int, int] | None:
        import cv2
        import numpy as np

        if area.shape[0] < shrunk.shape[0] or area.shape[1] < shrunk.shape[1]:
            return None
        scores = np.nan_to_num(cv2.matchTemplate(area, shrunk, cv2.TM_CCOEFF_NORMED), nan=0.0)
        _, score, _, (left, top) = cv2.minMaxLoc(scores)
        return float(score), int(left), int(top)

    def _place(self, scale: float, found: tuple[float, int, int] | None, left: int = 0,
               top: int = 0) -> ThumbnailPlace | None:
        if found is None:
            return None
        score, dx, dy = found
        x, y = left + dx, top + dy
        return ThumbnailPlace(x, y, self.anchor.shape[1] * scale, self.anchor.shape[0] * scale,
                              x + self.offset.x * scale, y + self.offset.y * scale, scale, score)

    def anywhere(self, scale: float) -> ThumbnailPlace | None:
        shrunk = self._shrunk(scale)
        return None if shrunk is None else self._place(scale, self._best(self.thumbnail, shrunk))

    def near(self, scale: float, window_point: Point) -> ThumbnailPlace | None:
        """The best match within two pixels of where the recorded click puts the anchor."""
        shrunk = self._shrunk(scale)
        if shrunk is None:
            return None
        left = max(0, round((window_point.x - self.offset.x) * scale) - 2)
        top = max(0, round((window_point.y - self.offset.y) * scale) - 2)
        area = self.thumbnail[top:top + shrunk.shape[0] + 4, left:left + shrunk.shape[1] + 4]
        return self._place(scale, self._best(area, shrunk), left, top)


def _best_over(scales: list[float], match: Callable[[float], ThumbnailPlace | None]
               ) -> ThumbnailPlace | None:
    places = [place for place in map(match, scales) if place is not None]
    return max(places, key=lambda place: place.score, default=None)


def _search(match: Callable[[float], ThumbnailPlace | None], smallest: float,
            largest: float) -> ThumbnailPlace | None:
    """Coarse steps of 8 %, then steps of 1 % around the best: a pixel off at most."""
    coarse = _best_over(_steps(smallest, largest, 1.08), match)
    if coarse is None:
        return None
    low, high = max(smallest, coarse.scale / 1.08), min(largest, coarse.scale * 1.08)
    fine = _best_over(_steps(low, high, 1.01), match)
    return fine if fine is not None and fine.score >= coarse.score else coarse


def place_on_thumbnail(thumbnail: GrayImage, anchor: GrayImage, anchor_offset: Point | None,
                       window_point: Point | None = None) -> ThumbnailPlace | None:
    """Where ``anchor`` shows on ``thumbnail``, or None when it cannot be found there.

    With the click's point in the window (``window_point``) the anchor is first looked for
    where the click puts it, which is quick and cannot mark one of several look-alike buttons
    by mistake; only when it is not there (the window was partly off the screen) is the whole
    thumbnail searched.
    """
    if anchor.size == 0 or thumbnail.size == 0:
        return None
    offset = anchor_offset or Point(anchor.shape[1] // 2, anchor.shape[0] // 2)
    matcher = _Matcher(thumbnail, anchor, offset)
    if window_point is not None:
        smallest, largest = _scale_range(thumbnail, anchor, window_point)
        # Each try looks at a few pixels only, so every 1 % step is tried: coarse steps could
        # skip the right shrink when the window changed a little since the anchor was taken.
        where_recorded = _best_over(_steps(smallest, largest, 1.01),
                                    lambda scale: matcher.near(scale, window_point))
        if where_recorded is not None and where_recorded.score >= MIN_SCORE_WHERE_RECORDED:
            return where_recorded
    smallest, largest = _scale_range(thumbnail, anchor, None)
    anywhere = _search(matcher.anywhere, smallest, largest)
    return anywhere if anywhere is not None and anywhere.score >= MIN_SCORE else None
