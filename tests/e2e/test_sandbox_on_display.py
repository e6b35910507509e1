"""The practice system on a real X display, driven only by xdotool, the way a robot drives it.

Each test starts ``python -m app.sandbox`` on a private Xvfb (no window manager, so the
window's client origin is exactly ``--position``), clicks at points from ``sandbox_map``,
types with injected key events, turns the mouse wheel, drags with the button held down and
presses hotkeys, then reads the case the practice system appended to its cases file. The
display gets the Swedish keyboard layout first, as a Swedish caseworker's desktop has, so that
å ä ö have keys of their own. Typed text stays ASCII or lower-case å ä ö all the same:
``xdotool type`` turned capital Å Ä Ö into lower case in some widgets even under that layout,
and dropped characters at a 2 ms delay. The practice system's own handling of capitals is
covered offscreen in ``tests/gui/test_sandbox.py``.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.sandbox.rules import ATTACHMENT_TYPES
from app.testing.display import VirtualDisplay
from app.testing.sandbox_map import (
    SCREENS,
    FormControls,
    Point,
    ScreenMap,
    absolute_point,
    attachment_item_centre,
    form_controls,
    priority_handle_centre,
    widget_centres,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POSITION = (200, 150)
SIZE = (1000, 700)
PASSWORD = "ovning-123"
TIMEOUT = 20.0
APART_FROM_A_DOUBLE_CLICK_S = 0.6

pytestmark = [
    pytest.mark.x11,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def title(screen: str) -> str:
    """An anchored xdotool --name pattern for one of the practice system's window titles."""
    return f"^{re.escape(screen)}$"


LOGIN = title("Socialsystemet – Inloggning")
SEARCH = title("Socialsystemet – Sök sökande")
FORM = title("Socialsystemet – Ansökan")
CONFIRMATION = title("Ärendet är sparat")


@pytest.fixture(scope="module")
def centres() -> ScreenMap:
    return widget_centres(SIZE)


@pytest.fixture(scope="module")
def controls() -> FormControls:
    return form_controls(SIZE)


def on_display(point: Point) -> Point:
    return POSITION[0] + point[0], POSITION[1] + point[1]


@dataclass
class Sandbox:
    display: VirtualDisplay
    process: subprocess.Popen[bytes]
    cases_file: Path
    log: Path
    centres: ScreenMap

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.display.environment(), capture_output=True,
            text=True, timeout=10, check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def wait_for_window(self, pattern: str) -> str:
        """The id of the window whose title matches, once it is on the screen and has the
        keyboard: keys the test sends next go to it. (A window that merely exists may not be
        mapped yet, and a key sent then goes to the screen before it.)"""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the practice system exited with {self.process.returncode}: "
                    + self.log.read_text(encoding="utf-8", errors="replace")
                )
            done = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", pattern],
                env=self.display.environment(), capture_output=True, text=True, timeout=10,
                check=False,
            )
            focused = self.focused_top_level()
            for window in done.stdout.split() if done.returncode == 0 else []:
                if int(window) == focused:
                    return window
            time.sleep(0.05)
        raise AssertionError(f"no window titled {pattern!r} had the keyboard within {TIMEOUT:g} s")

    def focused_top_level(self) -> int | None:
        """The top-level window that holds the keyboard focus, or None."""
        from Xlib import X
        from Xlib import display as xdisplay

        connection = xdisplay.Display(self.display.name)
        try:
            root = connection.screen().root
            window = connection.get_input_focus().focus
            if isinstance(window, int) or window.id in (X.NONE, X.PointerRoot, root.id):
                return None
            while True:
                parent = window.query_tree().parent
                if parent.id == root.id:
                    return int(window.id)
                window = parent
        finally:
            connection.close()

    def click(self, screen: str, name: str) -> None:
        x, y = absolute_point(self.centres, screen, name, POSITION)
        # click's own --delay defaults to 100 ms; the robot-like pace is no pause at all.
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "--delay", "0", "1")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "20", text)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "20", *keys)

    def click_at(self, point: Point) -> None:
        """Click at a window-relative point (from ``form_controls``)."""
        x, y = on_display(point)
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "--delay", "0", "1")

    def wheel_down(self, point: Point, notches: int) -> None:
        x, y = on_display(point)
        # Button 5 is the wheel turned towards the user; each press is one notch.
        self.xdotool("mousemove", "--sync", str(x), str(y),
                     "click", "--repeat", str(notches), "--delay", "40", "5")

    def drag(self, start: Point, end: Point) -> None:
        """Press on ``start``, move to ``end`` in steps, release there."""
        (x0, y0), (x1, y1) = on_display(start), on_display(end)
        steps = [(x0 + (x1 - x0) * i // 4, y0 + (y1 - y0) * i // 4) for i in range(1, 5)]
        moves = [arg for x, y in steps for arg in ("mousemove", "--sync", str(x), str(y))]
        self.xdotool("mousemove", "--sync", str(x0), str(y0), "mousedown", "1", *moves,
                     "mouseup", "1")

    def cases(self) -> list[dict[str, Any]]:
        text = self.cases_file.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]

    def wait_for_cases(self, count: int) -> list[dict[str, Any]]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            cases = self.cases()
            if len(cases) >= count:
                return cases
            time.sleep(0.05)
        raise AssertionError(f"the cases file never reached {count} case(s)")


StartSandbox = Callable[..., Sandbox]


@pytest.fixture
def start_sandbox(
    x_display: VirtualDisplay, tmp_path: Path, centres: ScreenMap
) -> Iterator[StartSandbox]:
    started: list[Sandbox] = []

    # Swedish caseworkers type on a Swedish layout; with it å ä ö have keys of their own, so
    # xdotool need not remap a spare key code for each of them (a race when typing fast).
    subprocess.run(["setxkbmap", "se"], env=x_display.environment(), check=True, timeout=10)

    def start(*extra: str) -> Sandbox:
        cases_file = tmp_path / "cases.jsonl"
        log = tmp_path / "sandbox.log"
        with log.open("wb") as log_stream:
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "app.sandbox", "--cases-file", str(cases_file),
                    "--position", f"{POSITION[0]},{POSITION[1]}",
                    "--size", f"{SIZE[0]}x{SIZE[1]}", *extra,
                ],
                cwd=PROJECT_ROOT, env=x_display.environment(), stdout=log_stream,
                stderr=subprocess.STDOUT,
            )
        sandbox = Sandbox(x_display, process, cases_file, log, centres)
        started.append(sandbox)
        return sandbox

    try:
        yield start
    finally:
        for sandbox in started:
            sandbox.process.terminate()
            try:
                sandbox.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                sandbox.process.kill()
                sandbox.process.wait()


def test_the_map_names_every_widget_a_robot_uses(centres: ScreenMap) -> None:
    expected = {
        "login": {"username", "password", "login"},
        "search": {"personnummer_search", "search", "logout"},
        "form": {"name", "personnummer", "amount", "category", "home_municipality",
                 "free_text", "attachments", "priority", "priority_word", "save", "cancel",
                 "logout"},
        "confirmation": {"confirm_ok", "case_number"},
    }
    assert set(centres) == set(SCREENS) == set(expected)
    for screen, names in expected.items():
        assert names <= set(centres[screen]), screen
        for name in names:
            x, y = centres[screen][name]
            assert 0 < x < SIZE[0] and 0 < y < SIZE[1], (screen, name)
    assert "logout" not in centres["login"]


def test_the_map_finds_every_document_row_and_each_slider_position(
    centres: ScreenMap, controls: FormControls
) -> None:
    # The wheel point is on the rows, just left of where the scroll bar widens the widget.
    list_x, list_y = centres["form"]["attachments"]
    assert controls.attachments[1] == list_y
    assert 0 < list_x - controls.attachments[0] < 20
    assert list(controls.rows_at_top) == list(ATTACHMENT_TYPES[:5])
    assert list(controls.rows_at_bottom) == list(ATTACHMENT_TYPES[-5:])
    top_row = controls.rows_at_top[ATTACHMENT_TYPES[0]]
    assert attachment_item_centre("Övriga handlingar", scrolled_to_bottom=True, size=SIZE) == (
        top_row[0], top_row[1] + 4 * (controls.rows_at_top[ATTACHMENT_TYPES[1]][1] - top_row[1])
    )
    with pytest.raises(KeyError, match="not fully visible"):
        attachment_item_centre("Övriga handlingar", scrolled_to_bottom=False, size=SIZE)

    handles = [priority_handle_centre(value, SIZE) for value in range(1, 6)]
    assert len({y for _, y in handles}) == 1
    xs = [x for x, _ in handles]
    assert xs == sorted(xs)
    # Well apart: a drag that ends a little off still lands on the intended value.
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 50
    # The ticks sit under the groove, so the handle is a little above the slider's centre.
    assert 0 <= centres["form"]["priority"][1] - handles[0][1] <= 6


def test_the_offscreen_map_matches_the_window_on_the_display(
    x_display: VirtualDisplay, centres: ScreenMap, controls: FormControls
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.testing.sandbox_map", f"{SIZE[0]}x{SIZE[1]}"],
        cwd=PROJECT_ROOT, env=x_display.environment(), capture_output=True, text=True,
        timeout=60, check=True,
    )
    printed = json.loads(done.stdout)
    widgets_on_display = {
        screen: {name: tuple(point) for name, point in names.items()}
        for screen, names in printed["widgets"].items()
    }
    assert widgets_on_display == centres
    assert printed["form_controls"] == json.loads(json.dumps(controls.as_json()))


def test_a_case_entered_with_clicks_and_typing_is_saved(start_sandbox: StartSandbox) -> None:
    sandbox = start_sandbox()
    window = sandbox.wait_for_window(LOGIN)
    geometry = sandbox.xdotool("getwindowgeometry", "--shell", window)
    assert f"X={POSITION[0]}\nY={POSITION[1]}\n" in geometry
    assert f"WIDTH={SIZE[0]}\nHEIGHT={SIZE[1]}\n" in geometry

    sandbox.click("login", "username")
    sandbox.type("anna.larsson")
    sandbox.click("login", "password")
    sandbox.type(PASSWORD)
    sandbox.click("login", "login")

    sandbox.wait_for_window(SEARCH)
    sandbox.click("search", "personnummer_search")
    sandbox.type("19850709-9805")
    sandbox.click("search", "search")

    sandbox.wait_for_window(FORM)
    sandbox.click("form", "amount")
    sandbox.type("4500,50")
    sandbox.key("Tab")
    sandbox.type("h")
    sandbox.click("form", "home_municipality")
    sandbox.type("höör")
    sandbox.click("form", "free_text")
    sandbox.type("hyresskuld för maj, ring sökanden före fredag")
    assert sandbox.cases() == []
    sandbox.click("form", "save")

    sandbox.wait_for_window(CONFIRMATION)
    # The line is on disk before the confirmation shows, so no waiting is needed here.
    [case] = sandbox.cases()
    sandbox.click("confirmation", "confirm_ok")
    sandbox.wait_for_window(SEARCH)

    assert case["name"] == "Åsa Lindqvist"
    assert case["personnummer"] == "19850709-9805"
    assert case["amount"] == "4500,50"
    assert case["category"] == "Hyra"
    assert case["home_municipality"] == "höör"
    assert case["free_text"] == "hyresskuld för maj, ring sökanden före fredag"
    assert case["saved_by"] == "anna.larsson"
    assert re.fullmatch(r"\d{4}-\d{6}", case["case_number"])
    assert PASSWORD not in sandbox.cases_file.read_text(encoding="utf-8")


def test_a_case_entered_with_the_keyboard_alone_through_slow_screens(
    start_sandbox: StartSandbox,
) -> None:
    sandbox = start_sandbox("--latency", "0.2-0.5", "--seed", "4")
    # No click anywhere: the window must have taken the keyboard on start, and every screen
    # must put the cursor in its first field.
    sandbox.wait_for_window(LOGIN)
    sandbox.type("bo.ek")
    sandbox.key("Tab")
    sandbox.type(PASSWORD)
    sandbox.key("Return")

    sandbox.wait_for_window(SEARCH)
    sandbox.type("811218-9876")
    sandbox.key("Return")

    sandbox.wait_for_window(FORM)
    sandbox.type("kim öberg-åström")
    sandbox.key("Tab")
    sandbox.type("1 250")
    sandbox.key("Tab")
    sandbox.type("g")
    sandbox.key("Tab")
    sandbox.type("lund")
    sandbox.key("Tab")
    sandbox.type("glasögonen gick sönder, åäö")
    # Into the documents, tick the third, on to the priority, one step down, on to Spara.
    sandbox.key("Tab", "Down", "Down", "space", "Tab", "Left", "Tab", "Return")

    sandbox.wait_for_window(CONFIRMATION)
    [case] = sandbox.cases()
    sandbox.key("Return")
    sandbox.wait_for_window(SEARCH)

    assert case["name"] == "kim öberg-åström"
    assert case["personnummer"] == "19811218-9876"
    assert case["amount"] == "1250"
    assert case["category"] == "Glasögon"
    assert case["home_municipality"] == "lund"
    assert case["free_text"] == "glasögonen gick sönder, åäö"
    assert case["attachments"] == ["Lönebesked"]
    assert case["priority"] == 2
    assert case["saved_by"] == "bo.ek"

    # The search field is empty and focused again: a second case can follow at once.
    sandbox.type("19920224-9828")
    sandbox.key("Return")
    sandbox.wait_for_window(FORM)


def test_documents_found_by_scrolling_and_a_dragged_priority_are_saved_with_ctrl_s(
    start_sandbox: StartSandbox, controls: FormControls
) -> None:
    sandbox = start_sandbox()
    sandbox.wait_for_window(LOGIN)
    sandbox.type("cia.holm")
    sandbox.key("Tab")
    sandbox.type(PASSWORD)
    sandbox.key("Return")
    sandbox.wait_for_window(SEARCH)
    sandbox.type("19920224-9828")
    sandbox.key("Return")

    sandbox.wait_for_window(FORM)
    sandbox.click("form", "amount")
    sandbox.type("3200")
    sandbox.key("Tab")
    sandbox.type("l")
    sandbox.click("form", "home_municipality")
    sandbox.type("lund")

    sandbox.click_at(controls.row("Hyresavi", scrolled_to_bottom=False))
    # More notches than needed: a list already at its bottom stays there.
    sandbox.wheel_down(controls.attachments, 6)
    # Ticked bottom-up, as far apart as a person's clicks: two clicks within Qt's double-click
    # interval (400 ms) would be one double click. A rhythm of input, not a wait for anything.
    for name in ("Övriga handlingar", "Pensionsbesked"):
        time.sleep(APART_FROM_A_DOUBLE_CLICK_S)
        sandbox.click_at(controls.row(name, scrolled_to_bottom=True))
    sandbox.drag(controls.priority_handles[3], controls.priority_handles[5])
    assert sandbox.cases() == []
    sandbox.key("ctrl+s")

    sandbox.wait_for_window(CONFIRMATION)
    [case] = sandbox.cases()
    assert case["name"] == "Märta Ekholm"
    assert case["amount"] == "3200"
    assert case["category"] == "Läkarvård"
    assert case["attachments"] == ["Hyresavi", "Pensionsbesked", "Övriga handlingar"]
    assert case["priority"] == 5

    # The next application starts afresh: nothing ticked, list at the top, priority Normal.
    sandbox.key("Return")
    sandbox.wait_for_window(SEARCH)
    sandbox.type("19630815-9778")
    sandbox.key("Return")
    sandbox.wait_for_window(FORM)
    sandbox.click("form", "amount")
    sandbox.type("900")
    sandbox.key("Tab")
    sandbox.type("e")
    sandbox.click("form", "home_municipality")
    sandbox.type("eslöv")
    sandbox.click_at(controls.row("Elräkning", scrolled_to_bottom=False))
    sandbox.drag(controls.priority_handles[3], controls.priority_handles[1])
    sandbox.key("ctrl+s")
    sandbox.wait_for_window(CONFIRMATION)
    second = sandbox.wait_for_cases(2)[1]
    assert second["category"] == "El"
    assert second["attachments"] == ["Elräkning"]
    assert second["priority"] == 1
