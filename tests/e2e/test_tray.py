"""The robot in the tray on a real display: a caseworker clicks the icon in a real system tray
(trayer), chooses the shipped example, types the form, and the robot saves the case in the
practice system; on a desktop without a tray the launcher window comes instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.vision.screen import ScreenGrabber
from app.gui.tray import STATE_COLOURS
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, Sandbox, read_cases, robotfabrik
from tests.e2e.support.targets import set_layout
from tools.make_example import PASSWORD, as_case, data_rows

pytestmark = pytest.mark.x11

RUN_TIMEOUT_S = 180.0
# Pär Nyström: lower-case å ä ö only, typed as any caseworker types them; category "El".
ROW = 10
Box = tuple[int, int, int, int]
# One window of `xwininfo -root -tree`: id, name, class, size and place on the screen.
_TREE_LINE = re.compile(r'^\s*(0x[0-9a-f]+) (?:"(.*?)"|\(has no name\)): \((.*?)\)\s+'
                        r'(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)')


def windows(person: Person) -> list[tuple[str, str, Box]]:
    """Every window on the display: name, class and box (x, y, width, height) on the screen."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=person.environment, text=True,
                          capture_output=True, check=True, timeout=30).stdout
    found = []
    for line in tree.splitlines():
        match = _TREE_LINE.match(line)
        if match:
            _id, name, klass, width, height, x, y = match.groups()
            found.append((name or "", klass, (int(x), int(y), int(width), int(height))))
    return found


def inside(box: Box, outer: Box) -> bool:
    x, y, width, height = box
    left, top, outer_width, outer_height = outer
    return (left <= x and top <= y and x + width <= left + outer_width
            and y + height <= top + outer_height)


def tray_panels(found: list[tuple[str, str, Box]]) -> list[Box]:
    return [box for name, klass, box in found if name == "panel" and '"trayer"' in klass]


def tray_icon(person: Person) -> Box | None:
    """The robot's icon, embedded in trayer's panel, once it is there."""
    found = windows(person)
    panels = tray_panels(found)
    for _name, klass, box in found:
        if '"Robotfabrik"' in klass and any(inside(box, panel) for panel in panels):
            return box
    return None


def menu_is_open(person: Person) -> bool:
    # The menu is the only one of the tray's windows this large while nothing else is open.
    return any('"Robotfabrik"' in klass and box[2] >= 150 and box[3] >= 100
               and box[0] >= 0 for _name, klass, box in windows(person))


@contextmanager
def started(command: list[str], environment: dict[str, str], log: Path
            ) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=environment, stdout=output,
                                   stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def swedish(environment: dict[str, str]) -> dict[str, str]:
    return {**environment, "ROBOTFABRIK_LANGUAGE": "sv"}


def test_the_example_runs_from_the_tray_icon_and_saves_the_case(
        x_display: VirtualDisplay, environment: dict[str, str], sandbox: Sandbox,
        person: Person, tmp_path: Path) -> None:
    assert shutil.which("trayer"), "the tray host trayer is missing: sh tools/install.sh --test"
    set_layout(x_display, "se")
    row = data_rows()[ROW - 1]
    trayer = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
              "--height", "32", "--SetDockType", "false", "--expand", "false"]
    with started(trayer, environment, tmp_path / "trayer.log"):
        # The tray asks for a tray once, at its start: the host must be there first.
        wait_until(lambda: tray_panels(windows(person)), 30, "trayer's panel")
        with started(robotfabrik("tray"), swedish(environment), tmp_path / "tray.log"):
            run_from_the_tray(person, row, sandbox)
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(row)


def run_from_the_tray(person: Person, row: dict[str, str], sandbox: Sandbox) -> None:
    start_from_the_tray(person, row)
    wait_until(lambda: read_cases(sandbox.cases_file), RUN_TIMEOUT_S, "the saved case")


def start_from_the_tray(person: Person, row: dict[str, str], *, slip: bool = True) -> None:
    """Click the icon, choose the example, type the form as a caseworker does, press Return."""
    x, y, width, height = wait_until(lambda: tray_icon(person), 30, "the icon in the tray")
    person.click(x + width // 2, y + height // 2)
    wait_until(lambda: menu_is_open(person), 10, "the tray's menu")
    # The first entry is the only bot in a fresh library: the shipped example.
    person.key("Down", "Return")
    title = person.wait_for_window("Kör ”Ekonomiskt bistånd")
    form = next(box for name, _klass, box in windows(person) if name == title)
    # The hand rests on the form, where the caseworker reads it (no window manager moves
    # the keyboard's focus here otherwise).
    person.point(form[0] + form[2] // 2, form[1] + 20)

    # The cursor starts in the first empty field, the password.
    person.type(PASSWORD)
    person.key("Tab")
    right = row["personnummer"]
    if slip:
        # A slip of the finger on the check digit: Return does nothing, the form stays and
        # says why; the caseworker corrects the digit and goes on.
        person.type(right[:-1] + str((int(right[-1]) + 1) % 10))
        person.key("Return", "BackSpace")
        person.type(right[-1])
    else:
        person.type(right)
    for value in (row["namn"], row["belopp"], row["kategori"], row["hemkommun"],
                  row["fritext"]):
        person.key("Tab")
        person.type(value)
    person.key("Return")


def icon_state(x_display: VirtualDisplay, icon: Box) -> str:
    """The state the tray icon shows, by the colour of its disc below the sign."""
    x, y, width, height = icon
    side = min(width, height)
    top = y + (height - side) // 2
    with ScreenGrabber() as grabber:
        blue, green, red = (int(c) for c in grabber.grab_colour(
            x + width // 2, top + side * 56 // 64, 1, 1)[0, 0][:3])

    def distance(colour: str) -> int:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return abs(r - red) + abs(g - green) + abs(b - blue)

    return min(STATE_COLOURS, key=lambda state: distance(STATE_COLOURS[state]))


def test_the_pause_hotkey_holds_the_robot_and_the_icon_says_so(
        x_display: VirtualDisplay, environment: dict[str, str], person: Person,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_layout(x_display, "se")
    monkeypatch.setenv("DISPLAY", x_display.name)  # for this test's own look at the icon
    row = data_rows()[ROW - 1]
    # A slow system, so that the robot is still at work when the caseworker pauses it.
    sandbox = Sandbox(x_display, tmp_path / "cases.jsonl", environment, "--latency", "2")
    trayer = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
              "--height", "32", "--SetDockType", "false", "--expand", "false"]
    try:
        sandbox.wait_until_shown("Inloggning")
        with started(trayer, environment, tmp_path / "trayer.log"):
            wait_until(lambda: tray_panels(windows(person)), 30, "trayer's panel")
            with started(robotfabrik("tray"), swedish(environment), tmp_path / "tray.log"):
                start_from_the_tray(person, row, slip=False)
                icon = wait_until(lambda: tray_icon(person), 10, "the icon")
                wait_until(lambda: icon_state(x_display, icon) == "running", 30, "green")
                person.key("ctrl+F11")
                wait_until(lambda: icon_state(x_display, icon) == "paused", 10, "orange")
                assert read_cases(sandbox.cases_file) == []
                person.key("ctrl+F11")
                wait_until(lambda: icon_state(x_display, icon) in ("running", "idle"), 10,
                           "green again")
                wait_until(lambda: read_cases(sandbox.cases_file), RUN_TIMEOUT_S,
                           "the saved case")
                wait_until(lambda: icon_state(x_display, icon) == "idle", 30, "grey")
    finally:
        sandbox.stop()
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(row)


def test_without_a_tray_the_launcher_window_appears_and_only_once(
        environment: dict[str, str], person: Person, tmp_path: Path) -> None:
    log = tmp_path / "tray.log"
    with started(robotfabrik("tray"), swedish(environment), log):
        person.wait_for_window("Robotfabrik – robotar", timeout=30)
        wait_until(lambda: "no system tray was found" in log.read_text(encoding="utf-8"), 10,
                   "the tray saying why")

        # Started again (the caseworker did not see it): the second one says so and ends,
        # and there is still one launcher, never two robots listening for the same keys.
        again = subprocess.run(robotfabrik("tray"), env=swedish(environment),
                               capture_output=True, text=True, timeout=60, check=False)
        assert again.returncode == 0, again.stderr
        assert "finns redan" in again.stderr
        launchers = person.xdotool("search", "--onlyvisible", "--name", "^Robotfabrik – robotar")
        assert len(launchers.split()) == 1
