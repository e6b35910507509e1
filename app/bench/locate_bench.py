"""How fast an anchor is found on a busy screen, measured beside pyautogui.locateOnScreen.

A seeded picture of a busy desktop (boxes, buttons and lines of text-like words) is shown from
the top-left of ``$DISPLAY``, or of a private Xvfb when there is none, and a 64x48 anchor cut
from it is looked for through the real screen, grab included, the way the player does it:

- ``near_ms``: the anchor is where it is expected (region search only);
- ``full_ms``: it is expected far from where it is (failed region search, then whole screen);
- ``pyautogui_ms``: ``pyautogui.locateOnScreen(anchor, confidence=0.9)`` with PyScreeze's
  default colour mode (``pyautogui_grayscale`` says which that is: 1 for grayscale, PyScreeze
  1.0's default), and ``pyautogui_colour_ms`` the same with ``grayscale=False``.

Each figure is the median of ``--repeat`` runs, the searches taking turns a few runs at a time
so that other work on the machine weighs on all of them alike; ``found_*`` say whether each
search found the anchor at its true place. The targets are near_ms <= 5, full_ms <= 30 and
``ratio_vs_pyautogui`` (pyautogui_ms / full_ms) >= 10.
"""

from __future__ import annotations

import argparse
import importlib
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from app.core.vision.locate import AnchorLocator, Match
from app.core.vision.screen import GrayImage, ScreenGrabber, clamp_region
from app.testing.display import display_for_process

ColourImage = npt.NDArray[np.uint8]

ANCHOR_SIZE = (64, 48)
THRESHOLD = 0.9
BURST = 5
_WORD_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:-/()"
_FONT = cv2.FONT_HERSHEY_SIMPLEX


def busy_picture(width: int, height: int, seed: int = 7) -> ColourImage:
    """A desktop-like BGR picture: panels, framed fields, buttons, and many lines of words."""
    rng = random.Random(seed)
    picture = np.full((height, width, 3), 238, dtype=np.uint8)
    for _ in range(max(4, width * height // 35_000)):
        left, top = rng.randrange(width), rng.randrange(height)
        right, bottom = left + rng.randint(80, 500), top + rng.randint(30, 300)
        colour = tuple(rng.randint(150, 255) for _ in range(3))
        cv2.rectangle(picture, (left, top), (right, bottom), colour, -1)
        cv2.rectangle(picture, (left, top), (right, bottom), tuple(c // 2 for c in colour), 1)
    for _ in range(max(4, width * height // 20_000)):
        left, top = rng.randrange(width), rng.randrange(height)
        right, bottom = left + rng.randint(40, 160), top + rng.randint(18, 26)
        cv2.rectangle(picture, (left, top), (right, bottom), (250, 250, 250), -1)
        cv2.rectangle(picture, (left, top), (right, bottom), (120, 120, 120), 1)
    for baseline in range(14, height, 18):
        x = rng.randint(0, 40)
        while x < width:
            word = "".join(rng.choice(_WORD_LETTERS) for _ in range(rng.randint(2, 10)))
            colour = tuple(rng.randint(0, 90) for _ in range(3))
            cv2.putText(picture, word, (x, baseline), _FONT, rng.uniform(0.35, 0.5), colour, 1,
                        cv2.LINE_AA)
            x += 9 * len(word) + rng.randint(8, 40)
            if rng.random() < 0.05:
                x += rng.randint(50, 300)
    return picture


def pick_anchor(gray: GrayImage, seed: int = 7) -> tuple[int, int]:
    """Top-left of an anchor-sized patch that is busy and found nowhere else on the picture.

    It is taken from the lower right, so that the same place mirrored to the upper left (the
    bench's "expected somewhere else") lies far outside the region searched around it.
    """
    width, height = ANCHOR_SIZE
    screen_height, screen_width = gray.shape
    rng = random.Random(seed)
    for _ in range(200):
        left = rng.randint(int(screen_width * 0.7), screen_width - width - 4)
        top = rng.randint(screen_height // 2, screen_height - height - 4)
        patch = gray[top:top + height, left:left + width]
        if float(patch.std()) < 40:
            continue
        scores = cv2.matchTemplate(gray, np.ascontiguousarray(patch), cv2.TM_CCOEFF_NORMED)
        scores[max(top - 4, 0):top + 5, max(left - 4, 0):left + 5] = -1
        if float(np.nanmax(scores)) < 0.8:
            return left, top
    raise RuntimeError("no distinct anchor on the busy picture; try another --seed")


class ShownPicture:
    """A picture in a window of its own, above everything else on ``$DISPLAY``."""

    def __init__(self, connection: Any, window: Any, picture: ColourImage,
                 left: int, top: int) -> None:
        self._connection = connection
        self._window = window
        self.gray = np.asarray(cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
        self.left = left
        self.top = top

    def move(self, left: int, top: int) -> None:
        self._window.configure(x=left, y=top)
        self._connection.sync()
        self.left, self.top = left, top

    def wait_until_visible(self, grabber: ScreenGrabber, timeout: float = 10.0) -> None:
        """Return once the screen shows the picture where it should be (what is on it of it)."""
        height, width = self.gray.shape
        left, top, visible_width, visible_height = clamp_region(
            self.left, self.top, width, height, grabber.size())
        visible = self.gray[top - self.top:top - self.top + visible_height,
                            left - self.left:left - self.left + visible_width]
        deadline = time.monotonic() + timeout
        while True:
            shown = grabber.grab_gray(left, top, visible_width, visible_height)
            if shown.size and float(np.abs(shown.astype(np.int16) - visible).mean()) < 1.0:
                return
            if time.monotonic() > deadline:
                raise RuntimeError("the picture did not appear on the screen")
            time.sleep(0.02)


@contextmanager
def shown_picture(picture: ColourImage, left: int = 0, top: int = 0) -> Iterator[ShownPicture]:
    """``picture`` (BGR) shown with its top-left at ``left, top`` on ``$DISPLAY``.

    An override-redirect window (no window manager involved) whose background is the picture,
    so the X server itself keeps it painted and nothing has to answer Expose events.
    """
    from Xlib import X, display

    connection: Any = display.Display()
    try:
        screen = connection.screen()
        if screen.root_depth != 24:
            raise RuntimeError(f"showing a picture needs a 24-bit display, not "
                               f"{screen.root_depth}-bit")
        height, width = picture.shape[:2]
        pixmap = screen.root.create_pixmap(width, height, 24)
        pen = pixmap.create_gc()
        pixels = np.ascontiguousarray(cv2.cvtColor(picture, cv2.COLOR_BGR2BGRA))
        # Without BIG-REQUESTS one request carries at most max_request_length 4-byte units.
        rows = max(1, (connection.display.info.max_request_length * 4 - 1024) // (width * 4))
        for strip_top in range(0, height, rows):
            strip = pixels[strip_top:strip_top + rows]
            pixmap.put_image(pen, 0, strip_top, width, strip.shape[0], X.ZPixmap, 24, 0,
                             strip.tobytes())
        window = screen.root.create_window(
            left, top, width, height, 0, 24, X.InputOutput, X.CopyFromParent,
            override_redirect=True, background_pixmap=pixmap)
        window.map()
        connection.sync()
        try:
            yield ShownPicture(connection, window, picture, left, top)
        finally:
            window.destroy()
            pixmap.free()
            connection.sync()
    finally:
        connection.close()


def medians_ms(actions: dict[str, Callable[[], object]], repeat: int,
               burst: int = BURST) -> dict[str, tuple[float, object]]:
    """Median wall time in milliseconds of each action over ``repeat`` runs, and what it last
    returned.

    The actions take turns, ``burst`` runs at a time after an unmeasured warm-up run, so a
    machine that gets busier or quieter during the bench weighs on all of them alike, while
    each runs as it would when polling the screen again and again, in memory it has used
    before rather than in memory another action has just churned up.
    """
    results = {name: action() for name, action in actions.items()}
    times: dict[str, list[float]] = {name: [] for name in actions}
    while any(len(runs) < repeat for runs in times.values()):
        for name, action in actions.items():
            for _ in range(min(burst, repeat - len(times[name]))):
                started = time.perf_counter()
                results[name] = action()
                times[name].append(time.perf_counter() - started)
    return {name: (statistics.median(times[name]) * 1000, results[name]) for name in actions}


def _at(match: object, place: tuple[int, int], near: bool) -> bool:
    return (isinstance(match, Match) and (match.left, match.top) == place
            and match.near == near)


def _near_enough(box: Any, place: tuple[int, int]) -> bool:
    # pyautogui returns the first place above the confidence in reading order, which can be a
    # pixel before the best one.
    return box is not None and bool(
        abs(box.left - place[0]) <= 2 and abs(box.top - place[1]) <= 2)


def bench_locate(width: int = 1920, height: int = 1080, repeat: int = 20, seed: int = 7,
                 with_pyautogui: bool = True) -> dict[str, float | int]:
    """Figures for the locator (and pyautogui) on a busy ``width`` x ``height`` picture."""
    picture = busy_picture(width, height, seed)
    gray = np.asarray(cv2.cvtColor(picture, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    left, top = pick_anchor(gray, seed)
    anchor_width, anchor_height = ANCHOR_SIZE
    anchor = gray[top:top + anchor_height, left:left + anchor_width].copy()
    far = (width - anchor_width - left, height - anchor_height - top)

    with display_for_process(width, height), shown_picture(picture) as shown, \
            ScreenGrabber() as grabber:
        shown.wait_until_visible(grabber)
        screen_width, screen_height = grabber.size()
        locator = AnchorLocator(grabber)
        actions: dict[str, Callable[[], object]] = {
            "near": lambda: locator.locate(anchor, (left, top), THRESHOLD),
            "full": lambda: locator.locate(anchor, far, THRESHOLD),
        }
        if with_pyautogui:
            actions.update(_pyautogui_actions(
                picture[top:top + anchor_height, left:left + anchor_width]))
        timed = medians_ms(actions, repeat)

    figures: dict[str, float | int] = {
        "screen_width": screen_width,
        "screen_height": screen_height,
        "repeat": repeat,
        "near_ms": timed["near"][0],
        "full_ms": timed["full"][0],
        "found_near": _at(timed["near"][1], (left, top), near=True),
        "found_full": _at(timed["full"][1], (left, top), near=False),
    }
    if with_pyautogui:
        full_ms = timed["full"][0]
        pyscreeze: Any = importlib.import_module("pyscreeze")
        figures.update({
            "pyautogui_grayscale": int(bool(pyscreeze.GRAYSCALE_DEFAULT)),
            "pyautogui_ms": timed["pyautogui"][0],
            "pyautogui_colour_ms": timed["pyautogui_colour"][0],
            "found_pyautogui": _near_enough(timed["pyautogui"][1], (left, top)),
            "found_pyautogui_colour": _near_enough(timed["pyautogui_colour"][1], (left, top)),
            "ratio_vs_pyautogui": timed["pyautogui"][0] / full_ms,
            "ratio_vs_pyautogui_colour": timed["pyautogui_colour"][0] / full_ms,
        })
    return figures


def _pyautogui_actions(anchor: ColourImage) -> dict[str, Callable[[], object]]:
    """``pyautogui.locateOnScreen`` of the (BGR) anchor, as it comes and in colour."""
    # Imported only now: pyautogui connects to $DISPLAY as it is imported.
    import pyautogui
    from PIL import Image

    pyscreeze: Any = importlib.import_module("pyscreeze")  # pyautogui's screen reader; untyped
    # On Linux PyScreeze grabs through Pillow (XCB, in memory) only if it has seen
    # gnome-screenshot, and otherwise shells out to scrot and a PNG file, or gives up. Pillow's
    # grab is the fastest way pyautogui can see the screen, so the baseline is not slowed down
    # by a helper program and needs none installed.
    pyscreeze.GNOMESCREENSHOT_EXISTS = True
    pyscreeze.USE_IMAGE_NOT_FOUND_EXCEPTION = False
    needle = Image.fromarray(np.ascontiguousarray(anchor[:, :, ::-1]))
    return {
        "pyautogui": lambda: pyautogui.locateOnScreen(needle, confidence=THRESHOLD),
        "pyautogui_colour": lambda: pyautogui.locateOnScreen(
            needle, confidence=THRESHOLD, grayscale=False),
    }


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--width", type=int, default=1920,
                        help="width of the busy picture (and of a private Xvfb)")
    parser.add_argument("--height", type=int, default=1080,
                        help="height of the busy picture (and of a private Xvfb)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the busy picture")
    parser.add_argument("--no-pyautogui", action="store_true",
                        help="leave out the pyautogui baseline")


def measure(arguments: argparse.Namespace) -> dict[str, float | int]:
    return bench_locate(arguments.width, arguments.height, arguments.repeat, arguments.seed,
                        with_pyautogui=not arguments.no_pyautogui)
