"""Finding an anchor picture on the screen: OpenCV template matching on grayscale.

The place the target was recorded at is searched first, by grabbing and matching only a small
region around it, because that is where it nearly always still is and a small region costs
about a millisecond. Only when it is not there is the whole screen searched, coarse to fine:
the screen and the anchor are shrunk by a whole factor (3 for a 64x48 anchor), the best few
places found at that scale, and each of them confirmed at full resolution in a window a few
pixels wide. A whole-screen search of a 1920x1080 screen so takes a few milliseconds, where
matching at full resolution takes several tens.

Among equally good matches the one nearest the expected place wins, so a row of identical
fields does not send the click to the first of them. A picture with (almost) no contrast
matches everywhere, so it never matches anything.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from app.core.vision.screen import ArrayScreen, GrayImage, GraySource, clamp_region

__all__ = ["AnchorLocator", "GrayImage", "Match", "PreparedAnchor", "find_anchor",
           "is_distinctive", "to_gray"]

Scores = npt.NDArray[np.float32]

NEAR_MARGIN = 150
TIE_TOLERANCE = 0.01
MIN_CONTRAST = 4.0
# The shrunk anchor keeps at least this many pixels on its shorter side and in all: with fewer,
# its true place stops reliably being among the best few at the coarse scale.
MIN_COARSE_SIDE = 14
MIN_COARSE_AREA = 280
MAX_FACTOR = 8
# Coarse places confirmed at full resolution: always the best few (the true place is the best
# one in all but contrived cases), and any others that could be another copy of the anchor,
# up to a limit. How far below the best such a copy can score depends on the anchor (see
# CoarseAnchor.band); this much is added for copies that are not quite exact.
MIN_CANDIDATES = 4
BAND_ALLOWANCE = 0.05
MAX_CANDIDATES = 32
# A candidate is confirmed this many coarse pixels either way, because where the coarse peak
# lands depends on how the anchor sits on the coarse grid.
CONFIRM_REACH = 2
# A place that matches at full resolution correlates well above this at the coarse scale (an
# exact copy of even white noise about 0.5 at worst, busy screen content about 0.8), so places
# below it are not worth confirming.
COARSE_FLOOR = 0.2
ANCHOR_CACHE_SIZE = 64


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
    return bool(anchor.size) and float(anchor.std()) >= MIN_CONTRAST


def coarse_factor(width: int, height: int) -> int:
    """How much an anchor of this size can be shrunk for the whole-screen search (1: not)."""
    for factor in range(MAX_FACTOR, 1, -1):
        # Whole blocks that fit however the anchor sits on the coarse grid (see CoarseAnchor).
        coarse_width = (width - factor + 1) // factor
        coarse_height = (height - factor + 1) // factor
        if (min(coarse_width, coarse_height) >= MIN_COARSE_SIDE
                and coarse_width * coarse_height >= MIN_COARSE_AREA):
            return factor
    return 1


def shrink(picture: GrayImage, factor: int) -> GrayImage:
    """``picture`` made ``factor`` times smaller by averaging blocks, leftover edge pixels dropped.

    Cutting to a whole number of blocks keeps the anchor and the screen on the same grid and
    lets OpenCV take its fast path for whole factors.
    """
    height, width = picture.shape[0] // factor, picture.shape[1] // factor
    whole = picture[:height * factor, :width * factor]
    return np.asarray(cv2.resize(whole, (width, height), interpolation=cv2.INTER_AREA),
                      dtype=np.uint8)


@dataclass(frozen=True)
class CoarseAnchor:
    """An anchor shrunk for the whole-screen search, ready to correlate."""

    factor: int
    template: Scores  # the shrunk anchor minus its mean
    scale: float  # 1 / (sqrt(pixels) * length of template)
    band: float  # how far below the best coarse place another copy of the anchor may score

    @classmethod
    def of(cls, picture: GrayImage) -> CoarseAnchor | None:
        factor = coarse_factor(picture.shape[1], picture.shape[0])
        if factor == 1:
            return None
        # On the screen the anchor can sit anywhere on the coarse grid, and a picture with fine
        # detail (text, dithering) looks different at each offset once shrunk. The template is
        # the average over every offset, so no offset is much worse than the others: each
        # starts at the first whole block and they are cut to the size all of them have.
        height = (picture.shape[0] - factor + 1) // factor
        width = (picture.shape[1] - factor + 1) // factor
        values = picture.astype(np.float32)
        offsets: list[Scores] = []
        for skip_y in range(factor):
            for skip_x in range(factor):
                shifted = values[skip_y:, skip_x:]
                rows, columns = shifted.shape[0] // factor, shifted.shape[1] // factor
                shrunk = cv2.resize(shifted[:rows * factor, :columns * factor],
                                    (columns, rows), interpolation=cv2.INTER_AREA)
                offsets.append(np.asarray(shrunk[:height, :width], dtype=np.float32))
        template = np.mean(offsets, axis=0, dtype=np.float32)
        template -= template.mean()
        length = float(np.sqrt(np.square(template, dtype=np.float64).sum()))
        if length / np.sqrt(template.size) < MIN_CONTRAST:
            # Fine detail that averages away leaves nothing to search for at the coarse scale.
            return None
        # What exact copies at each offset score is known now, so their spread bounds how much
        # worse than the best place another copy can look.
        copies = [_correlation(template, shifted) for shifted in offsets]
        band = max(copies) - min(copies) + BAND_ALLOWANCE
        return cls(factor, template, 1.0 / (np.sqrt(template.size) * length), band)

    def scores(self, small_screen: GrayImage) -> Scores | None:
        """TM_CCOEFF_NORMED of the template over a shrunk screen, near 0 where it is flat.

        Worked out here rather than by OpenCV, whose normalisation costs more than the
        correlation at this size: the template's mean is already 0 and its length known, and
        the windows' variances come from two box filters. Within a few hundredths of OpenCV's
        figures, which is plenty for choosing places to confirm.
        """
        height, width = self.template.shape
        if small_screen.shape[0] < height or small_screen.shape[1] < width:
            return None
        image = small_screen.astype(np.float32)
        products = cv2.matchTemplate(image, self.template, cv2.TM_CCORR)
        rows, columns = products.shape
        box = (width, height)
        mean = cv2.boxFilter(image, -1, box, anchor=(0, 0),
                             borderType=cv2.BORDER_CONSTANT)[:rows, :columns]
        mean_square = cv2.sqrBoxFilter(image, -1, box, anchor=(0, 0),
                                       borderType=cv2.BORDER_CONSTANT)[:rows, :columns]
        variance = np.asarray(cv2.subtract(
            mean_square, cv2.multiply(mean, mean, dtype=cv2.CV_32F), dtype=cv2.CV_32F))
        # A flat window correlates with nothing; a floor under its variance keeps its score
        # near 0 instead of dividing rounding noise by 0.
        spread = cv2.sqrt(np.maximum(variance, 1.0, out=variance))
        scores = np.asarray(cv2.divide(products, spread, scale=self.scale, dtype=cv2.CV_32F),
                            dtype=np.float32)
        cv2.patchNaNs(scores, -1.0)
        return scores


@dataclass(frozen=True)
class PreparedAnchor:
    """What the search needs of an anchor, worked out once per picture."""

    picture: GrayImage
    distinctive: bool
    coarse: CoarseAnchor | None

    @classmethod
    def of(cls, anchor: npt.NDArray[np.uint8]) -> PreparedAnchor:
        picture = np.ascontiguousarray(to_gray(anchor), dtype=np.uint8)
        return cls(picture, is_distinctive(picture), CoarseAnchor.of(picture))


def _correlation(centred: Scores, picture: Scores) -> float:
    """Normalised correlation of two same-sized pictures, the first with its mean already 0."""
    deviation = picture - picture.mean()
    spread = float(np.linalg.norm(centred) * np.linalg.norm(deviation))
    return float((centred * deviation).sum()) / spread if spread else 0.0


def _scores(screen: GrayImage, anchor: GrayImage) -> Scores | None:
    if screen.shape[0] < anchor.shape[0] or screen.shape[1] < anchor.shape[1]:
        return None
    scores = np.asarray(cv2.matchTemplate(screen, anchor, cv2.TM_CCOEFF_NORMED),
                        dtype=np.float32)
    # A NaN anywhere would poison max() and hide a good match elsewhere.
    cv2.patchNaNs(scores, -1.0)
    return scores


def _pick(xs: npt.NDArray[np.intp], ys: npt.NDArray[np.intp], values: Scores,
          expected: tuple[int, int] | None, threshold: float) -> int | None:
    """Index of the place to take among scored places (screen coordinates), or None.

    Places within the tie tolerance of the best that reach the threshold count as equally good;
    of those the nearest to the expected place wins.
    """
    if values.size == 0:
        return None
    best = float(values.max())
    if best < threshold:
        return None
    tied = np.flatnonzero(values >= max(best - TIE_TOLERANCE, threshold))
    if expected is None or tied.size == 1:
        return int(tied[int(values[tied].argmax())])
    distances = ((xs[tied] - expected[0]).astype(np.int64) ** 2
                 + (ys[tied] - expected[1]).astype(np.int64) ** 2)
    return int(tied[int(distances.argmin())])


def _best_in(screen: GrayImage, anchor: GrayImage, origin: tuple[int, int],
             expected: tuple[int, int] | None, threshold: float) -> tuple[int, int, float] | None:
    """The place to take in ``screen``, a picture whose top-left is at ``origin``."""
    scores = _scores(screen, anchor)
    if scores is None:
        return None
    left, top = origin
    floor = max(float(scores.max()) - TIE_TOLERANCE, threshold)
    ys, xs = np.nonzero(scores >= floor)
    chosen = _pick(xs + left, ys + top, scores[ys, xs], expected, threshold)
    if chosen is None:
        return None
    x, y = int(xs[chosen]), int(ys[chosen])
    height, width = anchor.shape
    if not is_distinctive(screen[y:y + height, x:x + width]):
        # Guards against OpenCV's rounding on flat areas, where a score can come out as +-1.
        return None
    return left + x, top + y, float(scores[y, x])


def _candidates(scores: Scores, band: float) -> list[tuple[int, int]]:
    """Coarse places worth confirming, best first: the best MIN_CANDIDATES, and others within
    ``band`` of the best, none below COARSE_FLOOR.

    Around each place taken, what its confirmation will cover is set aside, so the next one
    is somewhere else.
    """
    remaining = scores.copy()
    places: list[tuple[int, int]] = []
    best = 0.0
    while len(places) < MAX_CANDIDATES:
        _, value, _, (x, y) = cv2.minMaxLoc(remaining)
        if not places:
            best = value
        if value < COARSE_FLOOR or (len(places) >= MIN_CANDIDATES and value < best - band):
            break
        places.append((int(x), int(y)))
        remaining[max(y - CONFIRM_REACH, 0):y + CONFIRM_REACH + 1,
                  max(x - CONFIRM_REACH, 0):x + CONFIRM_REACH + 1] = -2.0
    return places


class AnchorLocator:
    """Finds anchors on one screen, near where they are expected first, then anywhere.

    Keeps what it works out about each anchor (its grayscale and shrunk pictures) for the
    most recent ``ANCHOR_CACHE_SIZE`` anchors, recognised by content, so polling for the same
    anchor repeats none of that. Like its source, a locator belongs to one thread.
    """

    def __init__(self, source: GraySource, near_margin: int = NEAR_MARGIN) -> None:
        self.source = source
        self.near_margin = near_margin
        self._prepared: OrderedDict[tuple[object, ...], PreparedAnchor] = OrderedDict()

    def prepare(self, anchor: npt.NDArray[np.uint8]) -> PreparedAnchor:
        contiguous = np.ascontiguousarray(anchor)
        key = (contiguous.shape, contiguous.dtype.str,
               hashlib.blake2b(contiguous.tobytes(), digest_size=16).digest())
        prepared = self._prepared.get(key)
        if prepared is None:
            prepared = PreparedAnchor.of(contiguous)
            self._prepared[key] = prepared
            if len(self._prepared) > ANCHOR_CACHE_SIZE:
                self._prepared.popitem(last=False)
        else:
            self._prepared.move_to_end(key)
        return prepared

    def locate(self, anchor: npt.NDArray[np.uint8], expected_corner: tuple[int, int] | None,
               threshold: float) -> Match | None:
        """Where ``anchor``'s top-left is now, with a score of at least ``threshold``.

        ``expected_corner`` is where its top-left should be if nothing moved. ``anchor`` may
        be grayscale, BGR or BGRA.
        """
        prepared = self.prepare(anchor)
        if not prepared.distinctive:
            return None
        if expected_corner is not None:
            found = self._near(prepared, expected_corner, threshold)
            if found is not None:
                return Match(found[0], found[1], found[2], near=True)
        found = self._anywhere(prepared, expected_corner, threshold)
        if found is not None:
            return Match(found[0], found[1], found[2], near=False)
        return None

    def _near(self, prepared: PreparedAnchor, expected: tuple[int, int],
              threshold: float) -> tuple[int, int, float] | None:
        height, width = prepared.picture.shape
        margin = self.near_margin
        left, top, region_width, region_height = clamp_region(
            expected[0] - margin, expected[1] - margin, width + 2 * margin,
            height + 2 * margin, self.source.size())
        if region_width < width or region_height < height:
            return None
        region = self.source.grab_gray(left, top, region_width, region_height)
        return _best_in(region, prepared.picture, (left, top), expected, threshold)

    def _anywhere(self, prepared: PreparedAnchor, expected: tuple[int, int] | None,
                  threshold: float) -> tuple[int, int, float] | None:
        screen = self.source.grab_gray_full()
        coarse = prepared.coarse
        scores = None if coarse is None else coarse.scores(shrink(screen, coarse.factor))
        if coarse is None or scores is None:
            return _best_in(screen, prepared.picture, (0, 0), expected, threshold)
        height, width = prepared.picture.shape
        size = (int(screen.shape[1]), int(screen.shape[0]))
        reach = CONFIRM_REACH * coarse.factor
        xs: list[int] = []
        ys: list[int] = []
        values: list[float] = []
        # The template starts at the first whole block inside the anchor, up to a block to the
        # right of and below the anchor's corner.
        for coarse_x, coarse_y in _candidates(scores, coarse.band):
            left, top, window_width, window_height = clamp_region(
                coarse_x * coarse.factor - reach, coarse_y * coarse.factor - reach,
                width + 2 * reach, height + 2 * reach, size)
            window = screen[top:top + window_height, left:left + window_width]
            found = _best_in(window, prepared.picture, (left, top), expected, threshold)
            if found is not None:
                xs.append(found[0])
                ys.append(found[1])
                values.append(found[2])
        chosen = _pick(np.array(xs, dtype=np.intp), np.array(ys, dtype=np.intp),
                       np.array(values, dtype=np.float32), expected, threshold)
        if chosen is None:
            return None
        return xs[chosen], ys[chosen], values[chosen]


def find_anchor(screen: GrayImage, anchor: GrayImage, expected: tuple[int, int] | None,
                threshold: float, near_margin: int = NEAR_MARGIN) -> Match | None:
    """Where ``anchor``'s top-left is on an already grabbed ``screen``; see ``AnchorLocator``.

    ``expected`` is where its top-left should be if nothing moved.
    """
    return AnchorLocator(ArrayScreen(screen), near_margin).locate(anchor, expected, threshold)
