"""How the recorder keeps up with fast typing: keys lost, and how long its input callbacks take.

A real recorder runs in this process on a real display (the current one, or a private Xvfb)
with its picture worker busy: xdotool clicks into a plain window of the benchmark's own a few
times a second while the keys arrive. Each run types random ASCII letters and digits into that
window, once with ``xdotool type --delay 1`` and once with pyautogui, and counts the key
presses and releases that reached the store against the keys sent. The listener callbacks time
themselves (``Recorder(measure_callbacks=True)``).

With ``--accessible`` the window is the practice system's user name field instead, on a private
Xvfb with its own session bus and accessibility bus, so that the recorder also asks the
accessibility tree about every click and every start of typing; ``selectors_recorded`` counts
the elements it named (0 without the option: the plain window publishes no tree).

Targets: no key lost, and the callbacks' 99th percentile at most 0.5 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import string
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.bench import BenchError
from app.core import paths
from app.core.hotkeys import MODIFIER_NAMES
from app.core.store import Store
from app.testing.display import display_for_process, virtual_display

TOOLS = ("xdotool", "pyautogui")
TEXT_CHARACTERS = string.ascii_letters + string.digits
CLICK_EVERY_S = 0.25
# After the typing ends, the recorder has had every event once none arrived for this long.
QUIET_S = 1.0
DRAIN_TIMEOUT_S = 30.0
TARGET_SIZE = (480, 320)
START_SETTLE_S = 0.2


@dataclass(frozen=True)
class Target:
    """The benchmark's own window: where keys and clicks go, so nothing else receives them."""

    left: int
    top: int
    width: int
    height: int
    # Where to click when only some places of the window will do (a field of a form).
    places: tuple[tuple[int, int], ...] = ()

    def points(self) -> list[tuple[int, int]]:
        """Places to click, away from the edges; different ones so each click needs a picture."""
        if self.places:
            return list(self.places)
        return [(self.left + 40 + (37 * i) % (self.width - 80),
                 self.top + 40 + (53 * i) % (self.height - 80)) for i in range(16)]

    def centre(self) -> tuple[int, int]:
        return self.left + self.width // 2, self.top + self.height // 2


@dataclass
class RunResult:
    tool: str
    keys_sent: int
    presses: int
    releases: int
    text_matches: bool
    clicks_sent: int
    clicks_recorded: int
    pictures: int
    seconds: float
    selectors: int = 0
    callback_durations_ns: list[int] = field(default_factory=list)


def typed_text(keys: int, seed: int) -> str:
    """Random letters and digits: characters every keyboard layout has where pyautogui looks."""
    rng = random.Random(seed)
    return "".join(rng.choice(TEXT_CHARACTERS) for _ in range(keys))


def percentile(values: list[int], fraction: float) -> int:
    """Nearest-rank percentile of `values` (not empty)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


@contextmanager
def _temporary_home(folder: Path) -> Iterator[None]:
    # The recorder keeps its click pictures in the data directory; never the user's real one.
    previous = os.environ.get(paths.HOME_VARIABLE)
    os.environ[paths.HOME_VARIABLE] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(paths.HOME_VARIABLE, None)
        else:
            os.environ[paths.HOME_VARIABLE] = previous


@contextmanager
def _target_window() -> Iterator[Target]:
    """A plain, focused X window that takes the keys and clicks and does nothing with them."""
    from Xlib import X
    from Xlib import display as xdisplay

    connection = xdisplay.Display()
    screen = connection.screen()
    width, height = TARGET_SIZE
    window = screen.root.create_window(
        (screen.width_in_pixels - width) // 2, (screen.height_in_pixels - height) // 2,
        width, height, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
        background_pixel=screen.white_pixel)
    try:
        window.set_wm_name("Robotfabrik recorder benchmark")
        window.map()
        connection.sync()
        # A window manager maps (and places) the window in its own time.
        deadline = time.monotonic() + 5
        while window.get_attributes().map_state != X.IsViewable:
            if time.monotonic() > deadline:
                raise BenchError("the benchmark's window did not appear on the display")
            time.sleep(0.02)
        window.set_input_focus(X.RevertToPointerRoot, X.CurrentTime)
        origin = window.translate_coords(screen.root, 0, 0)
        connection.sync()
        yield Target(-origin.x, -origin.y, width, height)
    finally:
        window.destroy()
        connection.sync()
        connection.close()


def _xdotool(*arguments: str) -> None:
    subprocess.run(["xdotool", *arguments], check=True, capture_output=True, timeout=120)


def _click_until(stop: threading.Event, target: Target, clicks: list[int],
                 failures: list[BaseException]) -> None:
    points = target.points()
    try:
        while True:
            x, y = points[len(clicks) % len(points)]
            # One xdotool connection: the server moves the pointer before it clicks.
            _xdotool("mousemove", str(x), str(y), "click", "--delay", "0", "1")
            clicks.append(1)
            if stop.wait(CLICK_EVERY_S):
                return
    except (OSError, subprocess.SubprocessError) as error:
        failures.append(error)


def _type(tool: str, text: str, pyautogui: Any) -> None:
    if tool == "xdotool":
        _xdotool("type", "--delay", "1", text)
    else:
        pyautogui.write(text)


def _wait_until_quiet(recorder: Any, keys: int, clicks: int) -> None:
    """Until the recorder has processed every key and click sent, or heard nothing for a while."""
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    seen, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        events = list(recorder.events)
        keys_seen = sum(1 for e in events if e.kind == "key_up" and e.key not in MODIFIER_NAMES)
        clicks_seen = sum(1 for e in events if e.kind == "release")
        if keys_seen >= keys and clicks_seen >= clicks:
            return
        if len(events) != seen:
            seen, last_change = len(events), time.monotonic()
        elif time.monotonic() - last_change >= QUIET_S:
            return
        time.sleep(0.05)


def _end_listeners(threads: set[threading.Thread]) -> None:
    """Wait for the stopped recorder's input listeners to end, so none outlives the display.

    A stopped pynput listener on X only notices once one more event of its kind arrives: give
    the keyboard and the mouse one each (a Shift tap and a small movement, both harmless).
    """
    from pynput import keyboard, mouse

    listeners = [thread for thread in threads
                 if isinstance(thread, keyboard.Listener | mouse.Listener)]
    for _ in range(10):
        listeners = [thread for thread in listeners if thread.is_alive()]
        if not listeners:
            return
        _xdotool("key", "shift", "mousemove_relative", "--", "1", "1")
        for thread in listeners:
            thread.join(timeout=0.2)


def _one_run(store: Store, tool: str, text: str, target: Target, pyautogui: Any) -> RunResult:
    from app.core.recording.recorder import Recorder

    recorder = Recorder(store, f"bench-{tool}", measure_callbacks=True)
    _xdotool("mousemove", *map(str, target.centre()))
    threads_before = set(threading.enumerate())
    session_id = recorder.start()
    # start() returns a moment before the X server records for the listeners (pynput reports
    # ready before it enables its RECORD context); a person never types that soon.
    time.sleep(START_SETTLE_S)
    clicks: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()
    clicker = threading.Thread(target=_click_until, args=(stop, target, clicks, failures),
                               name="bench-clicks", daemon=True)
    started = time.perf_counter()
    clicker.start()
    try:
        _type(tool, text, pyautogui)
    finally:
        seconds = time.perf_counter() - started
        stop.set()
        clicker.join()
    _wait_until_quiet(recorder, len(text), len(clicks))
    # What reached the database is counted before the recording ends: a finished recording's
    # keystrokes are deleted from it at once.
    store.flush()
    events = store.session_events(session_id)
    recorder.finish()
    durations = list(recorder.callback_durations_ns or [])
    _end_listeners(set(threading.enumerate()) - threads_before)
    if failures:
        raise BenchError(f"xdotool could not click on the display: {failures[0]}")

    keys = [row for row in events if row["key"] not in MODIFIER_NAMES]
    downs = [row for row in keys if row["kind"] == "key_down"]
    pictures = [row for row in store.session_contexts(session_id) if row["anchor"]]
    return RunResult(
        tool=tool, keys_sent=len(text), presses=len(downs),
        releases=sum(1 for row in keys if row["kind"] == "key_up"),
        text_matches="".join(str(row["char"]) for row in downs) == text,
        clicks_sent=len(clicks),
        clicks_recorded=sum(1 for row in events if row["kind"] == "press"),
        pictures=len(pictures), seconds=seconds, callback_durations_ns=durations,
        selectors=recorder.selectors_recorded)


@contextmanager
def _accessible_field(folder: Path) -> Iterator[tuple[str, Target]]:
    """The practice system's user name field on a private display with accessibility buses;
    this process's environment points at both while it lasts (the recorder reads it)."""
    from app.testing.accessibility_bus import AccessibilityBusError, accessibility_bus
    from app.testing.practice_system import PracticeSystem
    from app.testing.sandbox_map import absolute_point, widget_centres

    position = (200, 150)
    saved = {name: os.environ.get(name)
             for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")}
    try:
        with virtual_display() as display, accessibility_bus(display) as bus:
            environment = bus.environment(ROBOTFABRIK_HOME=str(folder))
            practice = PracticeSystem(environment, folder / "cases.jsonl", position=position)
            try:
                practice.wait_until_shown("Inloggning")
                for name in saved:
                    os.environ[name] = environment[name]
                x, y = absolute_point(widget_centres(), "login", "username", position)
                # Along the field, so each click needs a picture of its own.
                places = tuple((x - 90 + 12 * i, y) for i in range(16))
                yield display.name, Target(x - 115, y - 11, 230, 22, places)
            finally:
                practice.stop()
    except AccessibilityBusError as error:
        raise BenchError(f"no accessibility bus for the benchmark: {error}") from None
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _plain_window() -> Iterator[tuple[str, Target]]:
    with display_for_process() as display_name, _target_window() as target:
        yield display_name, target


def bench_recorder(runs: int = 10, keys: int = 2000,
                   accessible: bool = False) -> dict[str, float | int | str]:
    """Type ``keys`` keys ``runs`` times with each tool into a recorder; the figures."""
    if shutil.which("xdotool") is None:
        raise BenchError("the recorder benchmark needs xdotool (Debian package 'xdotool')")
    results: list[RunResult] = []
    with (tempfile.TemporaryDirectory(prefix="robotfabrik-bench-") as folder,
          _temporary_home(Path(folder)),
          Store(Path(folder) / "bench.sqlite") as store,
          (_accessible_field(Path(folder)) if accessible else _plain_window())
          as (display_name, target)):
        # pyautogui connects to the display when imported, so only now that there is one.
        import pyautogui

        pyautogui.PAUSE = 0
        for tool in TOOLS:
            for run in range(runs):
                results.append(_one_run(store, tool, typed_text(keys, run), target, pyautogui))
        resting = _resting_picture_costs(target.centre())
    return {**_figures(results, runs, keys, display_name), **resting}


def _resting_picture_costs(point: tuple[int, int], times: int = 200) -> dict[str, float]:
    """What the picture worker spends on each refresh under the resting pointer: the grab of
    the context region (the baseline) and the read of the X server's clock that follows it, so
    a click reported late keeps a picture from before its press."""
    from app.core.platform import input_clock
    from app.core.vision.anchors import CONTEXT_HEIGHT, CONTEXT_WIDTH, anchor_box
    from app.core.vision.screen import ScreenGrabber

    clock = input_clock()
    if clock is None:
        return {}
    grabs: list[int] = []
    reads: list[int] = []
    try:
        with ScreenGrabber() as screen:
            width, height = screen.size()
            box = anchor_box(point[0], point[1], width, height, width=CONTEXT_WIDTH,
                             height=CONTEXT_HEIGHT)
            for _ in range(times):
                started = time.perf_counter_ns()
                screen.grab_colour(*box)
                grabbed = time.perf_counter_ns()
                clock.now()
                grabs.append(grabbed - started)
                reads.append(time.perf_counter_ns() - grabbed)
    finally:
        clock.close()
    return {"resting_grab_p50_ms": percentile(grabs, 0.50) / 1e6,
            "input_clock_read_p50_ms": percentile(reads, 0.50) / 1e6,
            "input_clock_read_p99_ms": percentile(reads, 0.99) / 1e6}


def _figures(results: list[RunResult], runs: int, keys: int,
             display_name: str) -> dict[str, float | int | str]:
    durations = [d for result in results for d in result.callback_durations_ns]
    figures: dict[str, float | int | str] = {
        "display": display_name,
        "runs": runs,
        "keys_per_run": keys,
        "events_sent": sum(r.keys_sent for r in results),
        "lost_events": sum(max(0, r.keys_sent - r.presses) for r in results),
        "lost_releases": sum(max(0, r.keys_sent - r.releases) for r in results),
        "runs_with_wrong_text": sum(1 for r in results if not r.text_matches),
        "callbacks": len(durations),
        "callback_p50_ms": percentile(durations, 0.50) / 1e6 if durations else 0.0,
        "callback_p99_ms": percentile(durations, 0.99) / 1e6 if durations else 0.0,
        "callback_max_ms": max(durations) / 1e6 if durations else 0.0,
        "clicks_sent": sum(r.clicks_sent for r in results),
        "clicks_recorded": sum(r.clicks_recorded for r in results),
        "click_pictures": sum(r.pictures for r in results),
        "selectors_recorded": sum(r.selectors for r in results),
    }
    for tool in TOOLS:
        mine = [r for r in results if r.tool == tool]
        sent = sum(r.keys_sent for r in mine)
        figures[f"{tool}_sent"] = sent
        figures[f"{tool}_lost"] = sum(max(0, r.keys_sent - r.presses) for r in mine)
        seconds = sum(r.seconds for r in mine)
        figures[f"{tool}_keys_per_s"] = sent / seconds if seconds else 0.0
    return figures


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=10, help="runs per typing tool")
    parser.add_argument("--keys", type=int, default=2000, help="keys typed per run")
    parser.add_argument("--accessible", action="store_true",
                        help="type and click into the practice system with its accessibility "
                             "tree on (a private display), counting selectors_recorded")


def measure(arguments: argparse.Namespace) -> dict[str, float | int | str]:
    if arguments.runs < 1 or arguments.keys < 1:
        raise BenchError("--runs and --keys must be at least 1")
    return bench_recorder(runs=arguments.runs, keys=arguments.keys,
                          accessible=arguments.accessible)
