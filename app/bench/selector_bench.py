"""How fast a recorded element is found again through the accessibility tree, beside a picture.

The practice system runs on a private Xvfb with its own session bus and accessibility bus (a
display of its own even when ``$DISPLAY`` is set: two accessibility buses on one display talk
across each other). On its login screen the user name field, the password field and the
"Logga in" button are recorded the way the recorder does it (the element at the click point),
then found again the way the player will:

- ``qt_resolve_ms``: ``find_by_selector`` for one of the recorded selectors (the candidates of
  its role, scored, the path read for contenders, the X11 check that the window is on top at
  the point), median over the three taken in turn;
- ``picture_near_ms``: the same elements' pictures (64x48 around each click point) found near
  their recorded place by the anchor locator, grab included, in the same run;
- ``hit_test_ms``: what recording one selector costs (``element_at``, fully described).

- ``browser_resolve_ms``: the same for a plain web form in Chromium beside it (the name field,
  the category list and the send button, found by their HTML ids among the browser's own
  buttons and fields), when ``chromium`` is installed; ``browser`` says why not otherwise.

``found_qt``, ``found_browser`` and ``found_picture`` say whether every search found the right
element or place. The targets are qt_resolve_ms <= 10 and browser_resolve_ms <= 50.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.bench import BenchError
from app.bench.locate_bench import medians_ms
from app.core.model.bot import Selector
from app.core.model.selector_match import selector_for
from app.core.platform.desktop import WindowInfo
from app.core.platform.x11.accessibility import AtspiTree, AtspiUnavailableError
from app.core.platform.x11.desktop import X11Desktop
from app.core.running.selectors import FoundElement, find_by_selector
from app.core.vision.locate import AnchorLocator, Match
from app.core.vision.screen import ScreenGrabber
from app.testing.accessibility_bus import (
    AccessibilityBus,
    AccessibilityBusError,
    accessibility_bus,
)
from app.testing.browser import FORM_TITLE, BrowserError, form_in_chromium
from app.testing.display import virtual_display
from app.testing.practice_system import PracticeSystem
from app.testing.sandbox_map import absolute_point, widget_centres

POSITION = (200, 150)
ELEMENTS = ("username", "password", "login")
# Right of the practice system (200..1200), so neither covers the other.
BROWSER_POSITION, BROWSER_SIZE = (1260, 60), (640, 700)
WEB_ELEMENTS = (("entry", "namn"), ("combo box", "kategori"), ("push button", "skicka"))
PICTURE = (64, 48)
THRESHOLD = 0.9


@contextmanager
def _display_variable(name: str) -> Iterator[None]:
    """mss reads ``$DISPLAY``: point it at the bench's own display for the picture searches."""
    before = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = name
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = before


def _wait_for_element(tree: AtspiTree, point: tuple[int, int], window: WindowInfo) -> Selector:
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        element = tree.element_at(*point, window)
        if element is not None:
            return selector_for(element, window, point)
        time.sleep(0.05)
    raise BenchError("the practice system published no accessibility tree within 20 s")


def bench_selector(repeat: int = 30) -> dict[str, float | int | bool | str]:
    """Figures for resolving recorded selectors and pictures on the practice system."""
    try:
        with virtual_display() as display, accessibility_bus(display) as bus, \
                tempfile.TemporaryDirectory(prefix="robotfabrik-bench-") as folder:
            environment = bus.environment(ROBOTFABRIK_HOME=folder)
            practice = PracticeSystem(environment, Path(folder) / "cases.jsonl",
                                      position=POSITION)
            try:
                practice.wait_until_shown("Inloggning")
                with X11Desktop(display.name) as desktop, _display_variable(display.name):
                    tree = AtspiTree(session_address=bus.session_address)
                    try:
                        figures = _measure(tree, desktop, repeat)
                        figures.update(_measure_browser(bus, tree, desktop, repeat))
                        return figures
                    finally:
                        tree.close()
            finally:
                practice.stop()
    except (AccessibilityBusError, AtspiUnavailableError) as error:
        raise BenchError(f"no accessibility bus for the bench: {error}") from None


def _measure(tree: AtspiTree, desktop: X11Desktop,
             repeat: int) -> dict[str, float | int | bool | str]:
    centres = widget_centres()
    points = {name: absolute_point(centres, "login", name, POSITION) for name in ELEMENTS}
    window = desktop.window_at(*points["login"])
    if window is None or window.pid is None:
        raise BenchError("the practice system's window (with its process id) was not found")
    selectors = {name: _wait_for_element(tree, point, window) for name, point in points.items()}

    with ScreenGrabber() as grabber:
        width, height = PICTURE
        corners = {name: (x - width // 2, y - height // 2) for name, (x, y) in points.items()}
        pictures = {name: grabber.grab_gray(left, top, width, height)
                    for name, (left, top) in corners.items()}
        locator = AnchorLocator(grabber)
        turn = {"selector": 0, "picture": 0, "hit": 0}

        def next_name(kind: str) -> str:
            turn[kind] += 1
            return ELEMENTS[turn[kind] % len(ELEMENTS)]

        def resolve() -> tuple[str, FoundElement | None]:
            name = next_name("selector")
            return name, find_by_selector(tree, selectors[name], window, desktop)

        def picture() -> tuple[str, Match | None]:
            name = next_name("picture")
            return name, locator.locate(pictures[name], corners[name], THRESHOLD)

        def hit() -> object:
            name = next_name("hit")
            return tree.element_at(*points[name], window)

        found_qt = all(_resolved(name, found) for name, found in
                       (resolve() for _ in ELEMENTS))
        found_picture = all(
            match is not None and (match.left, match.top) == corners[name] and match.near
            for name, match in (picture() for _ in ELEMENTS))
        actions: dict[str, Callable[[], object]] = {
            "selector": resolve, "picture": picture, "hit": hit}
        timed = medians_ms(actions, repeat, burst=len(ELEMENTS))
    return {
        "repeat": repeat,
        "elements": len(ELEMENTS),
        "qt_resolve_ms": timed["selector"][0],
        "picture_near_ms": timed["picture"][0],
        "hit_test_ms": timed["hit"][0],
        "found_qt": found_qt,
        "found_picture": found_picture,
    }


def _measure_browser(bus: AccessibilityBus, tree: AtspiTree, desktop: X11Desktop,
                     repeat: int) -> dict[str, float | int | bool | str]:
    import time

    try:
        with form_in_chromium(bus.environment(), BROWSER_POSITION, BROWSER_SIZE):
            deadline = time.monotonic() + 60
            selectors: dict[str, Selector] = {}
            window: WindowInfo | None = None
            while len(selectors) < len(WEB_ELEMENTS):
                if time.monotonic() > deadline:
                    raise BenchError("Chromium did not show the form's elements to the "
                                     f"accessibility tree within 60 s (found {sorted(selectors)})")
                time.sleep(0.1)
                window = next(iter(desktop.find_windows(FORM_TITLE)), None)
                if window is None:
                    continue
                for role, html_id in WEB_ELEMENTS:
                    found = [e for e in tree.find(window, role) if e.element_id == html_id]
                    if found:
                        x, y, width, height = found[0].box
                        point = (x + width // 2, y + height // 2)
                        hit = tree.element_at(*point, window)
                        if hit is not None and hit.element_id == html_id:
                            selectors[html_id] = selector_for(hit, window, point)
            assert window is not None
            names = [html_id for _role, html_id in WEB_ELEMENTS]
            turn = [0]

            def resolve() -> tuple[str, FoundElement | None]:
                turn[0] += 1
                name = names[turn[0] % len(names)]
                return name, find_by_selector(tree, selectors[name], window, desktop)

            found_browser = all(found is not None and found.element.element_id == name
                                for name, found in (resolve() for _ in names))
            timed = medians_ms({"browser": resolve}, repeat, burst=len(names))
    except BrowserError as error:
        return {"browser": str(error)}
    return {"browser_resolve_ms": timed["browser"][0], "found_browser": found_browser}


def _resolved(name: str, found: FoundElement | None) -> bool:
    return found is not None and found.element.element_id.endswith(f".{name}")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=30, help="runs per figure (median)")


def measure(arguments: argparse.Namespace) -> dict[str, float | int | bool | str]:
    return bench_selector(arguments.repeat)
