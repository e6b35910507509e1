"""The player: replays a bot's steps on the desktop, finding each target before it acts.

For every step it resolves where to act (anchor picture near its recorded place, then anywhere on
the screen, then the point relative to its window, then the absolute point), waiting for the
target instead of sleeping for the recorded pause; keyboard steps wait until their window has the
focus, so the robot never types into the wrong window. Each outcome goes to the listeners.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np

from app.core.bot import (
    Bot,
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    ScrollStep,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.botfile import IMAGES_DIR
from app.core.drivers import Drivers
from app.core.locate import GrayImage, find_anchor, is_distinctive
from app.core.params import fill
from app.core.results import RunListener, RunResult, StepResult

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_THRESHOLD = 0.9
POLL_S = 0.05


class StepFailedError(Exception):
    """A step that could not be done, with the reason a caseworker reads in the log."""


class AbortedError(Exception):
    """The run was stopped on request."""


class Player:
    def __init__(self, bot: Bot, folder: Path, drivers: Drivers, *,
                 values: dict[str, str] | None = None,
                 listeners: Sequence[RunListener] = (),
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 threshold: float = DEFAULT_THRESHOLD,
                 use_anchors: bool = True, use_windows: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self.folder = folder
        self.drivers = drivers
        self.values = values or {}
        self.listeners = list(listeners)
        self.timeout_s = timeout_s
        self.threshold = threshold
        self.use_anchors = use_anchors
        self.use_windows = use_windows
        self.clock = clock
        self._abort = threading.Event()
        self._anchors: dict[str, GrayImage] = {}

    def abort(self) -> None:
        """Stop before the next action; safe to call from any thread."""
        self._abort.set()

    # ------------------------------------------------------------ running

    def run(self) -> RunResult:
        result = RunResult(self.bot.name, status="running", started_at=time.time())
        for listener in self.listeners:
            listener.start_run(self.bot, result)
        try:
            for index, step in enumerate(self.bot.steps):
                step_result = StepResult(result.run_id, step.id, index, step.kind,
                                         started_at=time.time())
                if not step.enabled:
                    step_result.status = "skipped"
                    self._report(step, step_result, result)
                    continue
                for listener in self.listeners:
                    listener.start_step(step, step_result)
                try:
                    self._check_abort()
                    self._do(step, step_result)
                except AbortedError:
                    step_result.status = "failed"
                    step_result.error = "stopped on request"
                    self._report(step, step_result, result)
                    result.status, result.reason = "aborted", f"stopped at step {index + 1}"
                    break
                except Exception as failure:
                    if not isinstance(failure, StepFailedError):
                        # A driver's own error: the run still ends cleanly and says where.
                        log.exception("step %d (%s) failed unexpectedly", index + 1, step.id)
                    step_result.status = "failed"
                    step_result.error = str(failure) or type(failure).__name__
                    self._report(step, step_result, result)
                    result.status = "failed"
                    result.reason = f"step {index + 1} ({step.describe()}): {step_result.error}"
                    break
                self._report(step, step_result, result)
            else:
                result.status = "succeeded"
        finally:
            if result.status == "running":
                result.status, result.reason = "failed", "the run ended unexpectedly"
            # Whatever happened, the robot never leaves a key or button held down.
            try:
                self.drivers.release_all()
            except Exception as error:
                log.warning("could not release keys after the run: %s", error)
            result.ended_at = time.time()
            for listener in self.listeners:
                listener.end_run(self.bot, result)
        return result

    def _report(self, step: Step, step_result: StepResult, result: RunResult) -> None:
        step_result.ended_at = time.time()
        result.steps.append(step_result)
        for listener in self.listeners:
            listener.end_step(step, step_result)

    def _check_abort(self) -> None:
        if self._abort.is_set():
            raise AbortedError

    def _pause(self, seconds: float) -> None:
        if self._abort.wait(seconds):
            raise AbortedError

    def _do(self, step: Step, result: StepResult) -> None:
        if isinstance(step, ClickStep):
            x, y = self._resolve(step.target, result)
            self._check_abort()
            self.drivers.click(x, y, step.button, step.clicks)
        elif isinstance(step, DragStep):
            start = self._resolve(step.target, result)
            end = self._resolve(step.end, StepResult("", step.id, result.index, step.kind))
            self._check_abort()
            self.drivers.drag(start, end, step.button)
        elif isinstance(step, ScrollStep):
            x, y = self._resolve(step.target, result)
            self._check_abort()
            self.drivers.scroll(x, y, step.dx, step.dy)
        elif isinstance(step, TypeTextStep):
            self._wait_for_focus(step.window_title)
            self.drivers.type_text(fill(step.text, self.values))
        elif isinstance(step, KeyStep):
            self._wait_for_focus(step.window_title)
            self.drivers.press_key(step.key)
        elif isinstance(step, HotkeyStep):
            self._wait_for_focus(step.window_title)
            self.drivers.hotkey(step.keys)
        elif isinstance(step, WaitStep):
            self._pause(step.seconds)
        else:  # pragma: no cover - the file format admits no other kinds
            raise StepFailedError(f"unknown step kind {step.kind}")

    # ------------------------------------------------------------ finding targets

    def _anchor(self, name: str) -> GrayImage | None:
        if name not in self._anchors:
            picture = cv2.imread(str(self.folder / IMAGES_DIR / name), cv2.IMREAD_GRAYSCALE)
            if picture is None:
                raise StepFailedError(f"the picture {IMAGES_DIR}/{name} cannot be read")
            self._anchors[name] = np.asarray(picture, dtype=np.uint8)
        return self._anchors[name]

    def _expected_point(self, target: Target) -> tuple[int, int] | None:
        """Where the target point should be now: in its window if that is found, else absolute."""
        if self.use_windows and target.window_title and target.window_point:
            window = self.drivers.find_window(target.window_title)
            if window is not None:
                return window.x + target.window_point.x, window.y + target.window_point.y
        if target.absolute is not None:
            return target.absolute.x, target.absolute.y
        return None

    def _resolve(self, target: Target, result: StepResult) -> tuple[int, int]:
        """The screen point to act on, waiting up to the timeout for the anchor to show."""
        deadline = self.clock() + self.timeout_s
        anchor = None
        if self.use_anchors and target.anchor and target.anchor_offset:
            anchor = self._anchor(target.anchor)
            if anchor is not None and not is_distinctive(anchor):
                anchor = None
        while anchor is not None and target.anchor_offset is not None:
            expected = self._expected_point(target)
            expected_corner = None if expected is None else (
                expected[0] - target.anchor_offset.x, expected[1] - target.anchor_offset.y)
            match = find_anchor(self.drivers.grab_screen(), anchor, expected_corner,
                                self.threshold)
            if match is not None:
                result.found_by = "anchor" if match.near else "anchor_screen"
                result.score = round(match.score, 4)
                return match.left + target.anchor_offset.x, match.top + target.anchor_offset.y
            if self.clock() >= deadline:
                break
            self._pause(POLL_S)
        if self.use_windows and target.window_title and target.window_point:
            while True:
                window = self.drivers.find_window(target.window_title)
                if window is not None:
                    result.found_by = "window"
                    return window.x + target.window_point.x, window.y + target.window_point.y
                if self.clock() >= deadline:
                    break
                self._pause(POLL_S)
        if target.absolute is not None:
            result.found_by = "absolute"
            return target.absolute.x, target.absolute.y
        raise StepFailedError("the target was not found on the screen")

    def _wait_for_focus(self, title: str | None) -> None:
        """Keyboard input only goes to the step's own window; wait for it to have the focus."""
        if not title or not self.use_windows:
            return
        deadline = self.clock() + self.timeout_s
        while True:
            focused = self.drivers.focused_window()
            if focused is not None and focused.title == title:
                return
            if self.clock() >= deadline:
                seen = focused.title if focused is not None else "no window"
                raise StepFailedError(f"the window {title!r} never got the keyboard focus "
                                      f"({seen!r} has it); nothing was typed")
            self._pause(POLL_S)
