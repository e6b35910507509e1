"""The player: replays a bot's steps on the desktop, finding each target before it acts.

For every step it resolves where to act: the element named by the accessibility tree, where the
step recorded one and the drivers can ask the tree; then the anchor picture near its recorded
place, then anywhere on the screen. It waits for the target instead of sleeping for the
recorded pause; keyboard steps wait until their window has the focus, so the robot never types
into the wrong window. A recorded point (in its window, or on the screen) is used only where the
bot marks the step "points are fine", or when the person beside an attended robot says so: a
point lands on the wrong field once a window is wider or a page has moved, and an unattended run
fails the step instead. When a target does not show or the wrong window has the focus, an
attended robot asks the person beside it (``ask``) what to do: retry, skip, abort, use the
recorded place, or "show me" - the person clicks the right spot and the robot takes a new anchor
picture there. Each outcome goes to the listeners.

At a decision step the robot stops and asks the person (``decide``) with a summary of the values
it has; the answer (approve, reject, or edit the values first) chooses the branch it goes on
with, and is kept for the audit trail (``RunListener.decided``). A run nobody attends has no one
to ask: the player refuses such a bot before its first step unless the caller gave a handler
that answers with a default decision.

The player never changes the bot it runs: a picture the person showed is used for the rest of
the run from the player's own notes, and comes back in the run's result (``RunResult.learned``)
for the caller to offer for saving.
"""

from __future__ import annotations

import getpass
import logging
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import cv2
import numpy as np

from app.core.model.bot import (
    Bot,
    Branch,
    ClickStep,
    DecisionStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    LearnedAnchor,
    ParameterType,
    Point,
    ReadTextStep,
    ScrollStep,
    Selector,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import IMAGES_DIR
from app.core.model.params import ParameterError, check_value, fill
from app.core.model.selector_match import element_words
from app.core.platform.accessibility import ElementInfo
from app.core.platform.desktop import WindowInfo
from app.core.results.listeners import RunListener
from app.core.results.outcome import DecisionRecord, RunResult, StepResult
from app.core.running.drivers import (
    ChoiceDrivers,
    Drivers,
    ElementDrivers,
    FieldDrivers,
    ShownElementDrivers,
)
from app.core.running.selectors import typed_text_shows
from app.core.vision.anchors import anchor_box, match_is_trusted
from app.core.vision.locate import GrayImage, is_distinctive, to_gray

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_THRESHOLD = 0.9
POLL_S = 0.05
# How long typed text may take to show in its field before the read-back says it did not.
READ_BACK_S = 3.0

ProblemKind = Literal["target_not_found", "wrong_window", "wrong_field", "not_typed",
                      "not_chosen"]
# Roles of a drop-down's options, and of what holds them.
OPTION_ROLES = frozenset({"menu item", "list item"})
Answer = Literal["retry", "skip", "abort", "recorded_place", "show_me"]


@dataclass(frozen=True)
class Problem:
    """What the robot asks the person about: which step, and what is wrong, in words."""

    kind: ProblemKind
    step: Step
    index: int
    message: str


@dataclass(frozen=True)
class Decision:
    answer: Answer
    # For "show me": where the person clicked, and whether to keep the new picture in the bot.
    point: tuple[int, int] | None = None
    keep_picture: bool = False


AskHandler = Callable[[Problem], Decision]

SECRET_SHOWN = "•••"


@dataclass(frozen=True)
class ShownValue:
    """One value a decision shows: a parameter with its label and type, secrets as •••; or a
    text a read step took off the screen earlier in the case (``read``), which is shown as it
    was read and not edited: changing it would change nothing on the screen."""

    name: str
    label: str
    type: ParameterType
    value: str
    choices: tuple[str, ...] = ()
    read: bool = False

    @property
    def editable(self) -> bool:
        return self.type != "secret" and not self.read


@dataclass(frozen=True)
class DecisionQuestion:
    """What the robot asks at a decision step: the question, the values, and, when the last
    edit was refused, why (``problem``)."""

    step: DecisionStep
    index: int
    title: str
    values: tuple[ShownValue, ...]
    problem: str | None = None


@dataclass(frozen=True)
class DecisionAnswer:
    """Approve or reject; or "edit" with ``edited`` values (name to new text), after which the
    question comes again with the new values. ``by_default``: nobody was asked."""

    choice: Literal["approve", "reject", "edit"]
    edited: dict[str, str] = field(default_factory=dict)
    by_default: bool = False


DecideHandler = Callable[[DecisionQuestion], DecisionAnswer]


def default_decision(choice: Branch) -> DecideHandler:
    """A handler for unattended runs that takes ``choice`` at every decision, saying so."""

    def decide(question: DecisionQuestion) -> DecisionAnswer:
        return DecisionAnswer(choice, by_default=True)

    return decide


class DecisionNeededError(ValueError):
    """A bot with a decision step given to a run with nobody to decide and no default."""


class StepFailedError(Exception):
    """A step that could not be done, with the reason a caseworker reads in the log."""


class StepSkippedError(Exception):
    """The person chose to skip the step."""


class AbortedError(Exception):
    """The run was stopped on request."""


def _place(result: StepResult) -> str:
    """Where a step is, as the run's reason says it: 'step 4', 'step 4, approve step 2'."""
    if result.branch is None or result.branch_index is None:
        return f"step {result.index + 1}"
    return f"step {result.index + 1}, {result.branch} step {result.branch_index + 1}"


def _user() -> str:
    """The operating system's user, who is the person deciding at this desktop."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment and none in passwd
        return "unknown"


class _Hover:
    """Lets a button show both its looks while its picture is looked for.

    Whether the recorded picture shows a button lit up by the pointer resting on it depends on
    how quickly the application repainted while the person clicked. So when the picture is not
    found where expected, the pointer goes back and forth between that place and where it was,
    and whichever look was recorded is on the screen at the next look.
    """

    def __init__(self, drivers: Drivers) -> None:
        self.drivers = drivers
        self.away: tuple[int, int] | None = None

    def toggle(self, expected: tuple[int, int] | None) -> None:
        if expected is None:
            return
        if self.away is None:
            self.away = self.drivers.pointer()
            if self.away == expected:
                return
            self.drivers.move_pointer(*expected)
        else:
            self.drivers.move_pointer(*self.away)
            self.away = None


class Player:
    def __init__(self, bot: Bot, folder: Path, drivers: Drivers, *,
                 values: dict[str, str] | None = None,
                 listeners: Sequence[RunListener] = (),
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 threshold: float = DEFAULT_THRESHOLD,
                 use_anchors: bool = True, use_windows: bool = True,
                 ask: AskHandler | None = None,
                 decide: DecideHandler | None = None,
                 case_number: int | None = None, case_label: str = "",
                 only: Collection[int] | None = None,
                 points_trusted: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        # The steps to run (indexes into the bot), for "run from here" and "run this step";
        # the others are neither done nor reported. None runs every step.
        self.only = None if only is None else frozenset(only)
        outside = sorted(i for i in self.only or () if not 0 <= i < len(bot.steps))
        if outside:
            raise ValueError(f"the bot has no step {outside[0] + 1} (it has {len(bot.steps)})")
        self.folder = folder
        self.drivers = drivers
        self.values = values or {}
        self.listeners = list(listeners)
        self.timeout_s = timeout_s
        self.threshold = threshold
        self.use_anchors = use_anchors
        self.use_windows = use_windows
        self.ask = ask
        # Act at recorded points unasked, as if every step were marked "points are fine": only
        # for the replay bench's baseline of points alone, never for a caseworker's run.
        self.points_trusted = points_trusted
        self.decide = decide
        self.case_number = case_number
        self.case_label = case_label
        # What read steps took off the screen in this case, by name: (label, text).
        self.read_values: dict[str, tuple[str, str]] = {}
        if decide is None:
            deciding = next((index for index, step in enumerate(bot.steps)
                             if isinstance(step, DecisionStep) and step.enabled
                             and (self.only is None or index in self.only)), None)
            if deciding is not None:
                raise DecisionNeededError(
                    f"step {deciding + 1} of {bot.name!r} is a decision a person must make, and "
                    "nobody is there to make it; run the bot attended, or give a default "
                    "decision (approve or reject) when starting it")
        self.clock = clock
        # Pictures the person showed, by target (the target objects are the bot's, unchanged).
        self._shown: dict[int, tuple[str, Point]] = {}
        self._shown_selectors: dict[int, Selector] = {}
        self._learned: list[LearnedAnchor] = []
        self._abort = threading.Event()
        self._anchors: dict[str, GrayImage] = {}

    def abort(self) -> None:
        """Stop before the next action, and out of any wait; safe to call from any thread."""
        self._abort.set()

    # ------------------------------------------------------------ running

    def run(self) -> RunResult:
        result = RunResult(self.bot.name, status="running", started_at=time.time())
        for listener in self.listeners:
            listener.start_run(self.bot, result)
        try:
            for index, step in enumerate(self.bot.steps):
                if self.only is not None and index not in self.only:
                    continue
                if not self._start_and_run(index, step, StepResult(
                        result.run_id, step.id, index, step.kind), result):
                    break
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
            result.learned = list(self._learned)
            for listener in self.listeners:
                listener.end_run(self.bot, result)
        return result

    def _start_and_run(self, index: int, step: Step, step_result: StepResult,
                       result: RunResult) -> bool:
        """Skip a switched-off step, or tell the listeners and do it; False when the run must
        end here."""
        step_result.started_at = time.time()
        if not step.enabled:
            step_result.status = "skipped"
            self._report(step, step_result, result)
            return True
        for listener in self.listeners:
            listener.start_step(step, step_result)
        # A listener may have held the robot here (a pause): the step's own time starts now, so
        # the run log and the benefit count no coffee break as robot time.
        step_result.started_at = time.time()
        return self._run_step(index, step, step_result, result)

    def _run_step(self, index: int, step: Step, step_result: StepResult,
                  result: RunResult) -> bool:
        """Do one step and report it; False when the run must end here."""
        if isinstance(step, DecisionStep):
            return self._run_decision(index, step, step_result, result)
        try:
            self._check_abort()
            self._do(step, step_result)
        except StepSkippedError:
            step_result.status = "skipped"
            step_result.error = "skipped by the person running the robot"
        except AbortedError:
            return self._stopped(index, step, step_result, result)
        except Exception as failure:
            if self._abort.is_set():
                # Stopping cuts off what the drivers are doing (typing ends in an error of its
                # own): that is the stop that was asked for, not a failure of the step.
                return self._stopped(index, step, step_result, result)
            if not isinstance(failure, StepFailedError):
                # A driver's own error: the run still ends cleanly and says where.
                log.exception("step %d (%s) failed unexpectedly", index + 1, step.id)
            step_result.status = "failed"
            step_result.error = str(failure) or type(failure).__name__
            step_result.screenshot_png = self._screenshot()
            self._report(step, step_result, result)
            result.status = "failed"
            result.reason = f"{_place(step_result)} ({step.describe()}): {step_result.error}"
            return False
        self._report(step, step_result, result)
        return True

    def _stopped(self, index: int, step: Step, step_result: StepResult,
                 result: RunResult) -> bool:
        step_result.status = "failed"
        step_result.error = "stopped on request"
        self._report(step, step_result, result)
        result.status, result.reason = "aborted", f"stopped at {_place(step_result)}"
        return False

    # ------------------------------------------------------------ deciding

    def _run_decision(self, index: int, step: DecisionStep, step_result: StepResult,
                      result: RunResult) -> bool:
        """Ask the person, record the answer, then do the chosen branch's steps."""
        shown_first = self._shown_values(step)
        edited: dict[str, str] = {}
        problem: str | None = None
        try:
            while True:
                self._check_abort()
                assert self.decide is not None  # refused in __init__ otherwise
                answer = self.decide(DecisionQuestion(step, index, step.title,
                                                      self._shown_values(step), problem))
                self._check_abort()
                if answer.choice != "edit":
                    break
                problem = self._edit_values(answer.edited, edited)
        except AbortedError:
            return self._stopped(index, step, step_result, result)
        choice: Branch = answer.choice
        step_result.decision = choice
        self._report(step, step_result, result)
        record = DecisionRecord(
            run_id=result.run_id, step_id=step.id, step_index=index, decision=choice,
            shown={value.name: value.value for value in shown_first},
            edited={name: self._shown_value(name) for name in edited},
            decided_by=_user(), decided_at=time.time(), by_default=answer.by_default,
            case_number=self.case_number, case_label=self.case_label)
        result.decisions.append(record)
        for listener in self.listeners:
            listener.decided(step, record)
        for position, inner in enumerate(step.branch(choice)):
            inner_result = StepResult(result.run_id, inner.id, index, inner.kind,
                                      branch=choice, branch_index=position)
            if not self._start_and_run(index, inner, inner_result, result):
                return False
        return True

    def _edit_values(self, changes: dict[str, str], edited: dict[str, str]) -> str | None:
        """Take the person's edited values for the rest of this case, each checked by its
        parameter's type; the reason when one is refused (then none is taken)."""
        checked: dict[str, str] = {}
        for name, text in changes.items():
            parameter = self.bot.parameter(name)
            if parameter is None:
                return f"the bot has no parameter {name!r}"
            if parameter.type == "secret":
                return f"{parameter.label or name} is a secret and cannot be edited here"
            try:
                checked[name] = check_value(parameter, text)
            except ParameterError as error:
                return str(error)
        for name, value in checked.items():
            if self.values.get(name) != value:
                edited[name] = value
            self.values[name] = value
        return None

    def _shown_value(self, name: str) -> str:
        parameter = self.bot.parameter(name)
        if parameter is not None and parameter.type == "secret":
            return SECRET_SHOWN
        return self.values.get(name, "")

    def _shown_values(self, step: DecisionStep) -> tuple[ShownValue, ...]:
        names = step.show or [parameter.name for parameter in self.bot.parameters]
        shown: list[ShownValue] = []
        for name in names:
            parameter = self.bot.parameter(name)
            if parameter is None:  # pragma: no cover - refused when the bot was loaded
                continue
            shown.append(ShownValue(name, parameter.label or name, parameter.type,
                                    self._shown_value(name), tuple(parameter.choices)))
        shown.extend(ShownValue(name, label, "text", text, read=True)
                     for name, (label, text) in self.read_values.items())
        return tuple(shown)

    def _screenshot(self) -> bytes | None:
        try:
            return self.drivers.screenshot_png()
        except Exception as error:
            log.warning("no screenshot of the failure: %s", error)
            return None

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

    def _timeout(self, step: Step) -> float:
        return self.timeout_s if step.timeout_s is None else step.timeout_s

    def _do(self, step: Step, result: StepResult) -> None:
        if isinstance(step, ClickStep):
            x, y = self._resolve(step, step.target, result)
            self._check_abort()
            self.drivers.click(x, y, step.button, step.clicks)
            self._check_choice(step, step.target, result)
        elif isinstance(step, DragStep):
            start = self._resolve(step, step.target, result)
            end = self._drag_end(step, start, result)
            self._check_abort()
            self.drivers.drag(start, end, step.button)
        elif isinstance(step, ScrollStep):
            x, y = self._resolve(step, step.target, result)
            self._check_abort()
            self.drivers.scroll(x, y, step.dx, step.dy)
        elif isinstance(step, TypeTextStep):
            self._wait_for_focus(step, step.window_title, result)
            field = self._wait_for_field(step, result)
            text = fill(step.text, self.values)
            before = None if field is None else self._field_text(field)
            self._check_abort()
            if step.method == "paste":
                self.drivers.paste_text(text)
            else:
                self.drivers.type_text(text)
            if field is not None and before is not None:
                self._read_back(step, field, before, text, result)
        elif isinstance(step, KeyStep):
            self._wait_for_focus(step, step.window_title, result)
            self._check_abort()
            self.drivers.press_key(step.key)
        elif isinstance(step, HotkeyStep):
            self._wait_for_focus(step, step.window_title, result)
            self._check_abort()
            self.drivers.hotkey(step.keys)
        elif isinstance(step, WaitStep):
            self._wait(step, result)
        elif isinstance(step, ReadTextStep):
            self._read_text(step, result)
        else:  # pragma: no cover - the file format admits no other kinds
            raise StepFailedError(f"unknown step kind {step.kind}")

    # ------------------------------------------------------------ waiting

    def _wait(self, step: WaitStep, result: StepResult) -> None:
        if step.until == "time":
            self._pause(step.seconds)
            return
        deadline = self.clock() + self._timeout(step)
        while True:
            if step.until == "window":
                if step.window_title and self.drivers.find_window(step.window_title):
                    return
            elif step.target is not None:
                found = self._find_anchor(step.target, result,
                                          self._target_window(step.target))
                if (found is not None) == (step.until == "picture_appears"):
                    return
            if self.clock() >= deadline:
                what = {"window": f"the window {step.window_title!r} to show",
                        "picture_appears": "the picture to appear",
                        "picture_vanishes": "the picture to vanish"}[step.until]
                raise StepFailedError(f"waited {self._timeout(step):g} s for {what}")
            self._pause(POLL_S)

    # ------------------------------------------------------------ finding targets

    def _anchor(self, name: str) -> GrayImage:
        if name not in self._anchors:
            picture = cv2.imread(str(self.folder / IMAGES_DIR / name), cv2.IMREAD_GRAYSCALE)
            if picture is None:
                raise StepFailedError(f"the picture {IMAGES_DIR}/{name} cannot be read")
            self._anchors[name] = np.asarray(picture, dtype=np.uint8)
        return self._anchors[name]

    def _target_window(self, target: Target) -> WindowInfo | None:
        """The window the target was recorded in, if windows are used and it is there now."""
        if not (self.use_windows and target.window_title):
            return None
        return self.drivers.find_window(target.window_title)

    def _expected_point(self, target: Target,
                        window: WindowInfo | None) -> tuple[int, int] | None:
        """Where the target point should be now: in its window if that is found, else absolute."""
        if window is not None and target.window_point is not None:
            return window.x + target.window_point.x, window.y + target.window_point.y
        if target.absolute is not None:
            return target.absolute.x, target.absolute.y
        return None

    def _anchor_of(self, target: Target) -> tuple[str | None, Point | None]:
        """The target's anchor picture and offset: the one shown during this run, if any."""
        return self._shown.get(id(target), (target.anchor, target.anchor_offset))

    def _usable_anchor(self, target: Target) -> GrayImage | None:
        """The target's anchor picture, if anchors are in use and it can find anything."""
        name, offset = self._anchor_of(target)
        if not (self.use_anchors and name and offset):
            return None
        anchor = self._anchor(name)
        return anchor if is_distinctive(anchor) else None

    def _find_anchor(self, target: Target, result: StepResult,
                     window: WindowInfo | None) -> tuple[int, int] | None:
        """The target point by its anchor picture, looked for once; None when not on screen.

        ``window`` is the target's window as just found (None when it is not there)."""
        anchor = self._usable_anchor(target)
        _, offset = self._anchor_of(target)
        if anchor is None or offset is None:
            return None
        expected = self._expected_point(target, window)
        corner = None if expected is None else (expected[0] - offset.x, expected[1] - offset.y)
        threshold = self.threshold if target.confidence is None else target.confidence
        match = self.drivers.locate(anchor, corner, threshold)
        if match is None or not match_is_trusted(anchor, (match.left, match.top), offset,
                                                 target, window):
            return None
        result.found_by = "anchor" if match.near else "anchor_screen"
        result.score = round(match.score, 4)
        return match.left + offset.x, match.top + offset.y

    def _selector_of(self, target: Target) -> Selector | None:
        """The target's selector: the element shown during this run, if any."""
        return self._shown_selectors.get(id(target), target.selector)

    def _usable_selector(self, target: Target) -> bool:
        return (self._selector_of(target) is not None and self.use_windows
                and bool(target.window_title) and isinstance(self.drivers, ElementDrivers))

    def _find_by_selector(self, target: Target, result: StepResult,
                          window: WindowInfo | None) -> tuple[int, int] | None:
        """The target point by the element the tree names for the selector; None when the tree
        cannot say for certain, so the picture is tried next."""
        selector = self._selector_of(target)
        if window is None or selector is None or not isinstance(self.drivers, ElementDrivers):
            return None
        found = self.drivers.find_element(selector, window)
        if found is None:
            return None
        result.found_by = "selector"
        result.score = float(found.score)
        return found.point.x, found.point.y

    def _resolve(self, step: Step, target: Target, result: StepResult) -> tuple[int, int]:
        """The screen point to act on, waiting up to the step's timeout for the element or the
        anchor.

        The recorded point is used only when the step is marked "points are fine" or the
        person beside the robot says so: a point that is right when recorded lands on the wrong
        field once a window is wider or a page has moved, and the run would report success.
        """
        while True:
            started = self.clock()
            deadline = started + self._timeout(step)
            selector = self._usable_selector(target)
            anchor = self._usable_anchor(target) is not None
            if selector or anchor:
                hover = _Hover(self.drivers)
                while True:
                    # A screen still loading can look like the one the step belongs to (same
                    # header, same buttons, greyed); trust the picture once the step's window
                    # is there, or after half the wait in case its title has changed.
                    window = self._target_window(target)
                    point = self._find_by_selector(target, result, window) if selector else None
                    if point is not None:
                        return point
                    window_ready = (window is not None
                                    or not self.use_windows or not target.window_title
                                    or self.clock() - started >= self._timeout(step) / 2)
                    point = self._find_anchor(target, result, window) if window_ready else None
                    if point is not None:
                        return point
                    if window_ready and anchor:
                        hover.toggle(self._expected_point(target, window))
                    if self.clock() >= deadline:
                        break
                    self._pause(POLL_S)
            if step.points_are_fine or self.points_trusted:
                return self._fallback(target, result, deadline)
            why = self._not_found_reason(step, selector, anchor)
            if self.ask is None:
                raise StepFailedError(
                    f"{why}; the robot does not act at the recorded point unless the step is "
                    "marked \"points are fine\"")
            decision = self._ask(Problem(
                "target_not_found", step, result.index,
                f"Step {result.index + 1} ({step.describe()}): {why}."))
            if decision.answer == "retry":
                continue
            if decision.answer == "show_me" and decision.point is not None:
                return self._learn(step, target, decision, result)
            if decision.answer == "recorded_place":
                point = self._fallback(target, result, deadline)
                result.found_by, result.score = "confirmed", None
                return point
            raise StepFailedError(why)

    def _drag_end(self, step: DragStep, start: tuple[int, int],
                  result: StepResult) -> tuple[int, int]:
        """Where a drag lets go: by its own element or picture when it has one, else at the
        recorded distance from the start just found - a slider or a dragged row moves by what
        the person moved it, wherever its window is now."""
        end = step.end
        if self._usable_selector(end) or self._usable_anchor(end) is not None:
            return self._resolve(step, end, StepResult("", step.id, result.index, step.kind))
        pairs = ((step.target.window_point, end.window_point), (step.target.absolute,
                                                                  end.absolute))
        for recorded_start, recorded_end in pairs:
            if recorded_start is not None and recorded_end is not None:
                return (start[0] + recorded_end.x - recorded_start.x,
                        start[1] + recorded_end.y - recorded_start.y)
        return self._resolve(step, end, StepResult("", step.id, result.index, step.kind))

    def _not_found_reason(self, step: Step, selector: bool, anchor: bool) -> str:
        waited = f"within {self._timeout(step):g} s"
        if selector and anchor:
            return f"neither the element nor its picture showed {waited}"
        if selector:
            return f"the element did not show {waited}"
        if anchor:
            return f"the picture did not show {waited}"
        return "the step has neither an element nor a picture to find its target by"

    def _fallback(self, target: Target, result: StepResult, deadline: float) -> tuple[int, int]:
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

    def _ask(self, problem: Problem) -> Decision:
        assert self.ask is not None
        decision = self.ask(problem)
        if decision.answer == "abort":
            raise AbortedError
        if decision.answer == "skip":
            raise StepSkippedError
        return decision

    def _learn(self, step: Step, target: Target, decision: Decision,
               result: StepResult) -> tuple[int, int]:
        """Take a new anchor picture where the person pointed, and use it from now on."""
        assert decision.point is not None
        x, y = decision.point
        width, height = self.drivers.screen_size()
        left, top, box_width, box_height = anchor_box(x, y, width, height)
        picture = self.drivers.grab_region(left, top, box_width, box_height)
        ok, png = cv2.imencode(".png", picture)
        selector = self._selector_shown(x, y)
        if selector is not None:
            self._shown_selectors[id(target)] = selector
        if ok:
            name = f"shown-{step.id}.png"
            self._anchors[name] = to_gray(picture)
            self._shown[id(target)] = (name, Point(x - left, y - top))
            if decision.keep_picture:
                self._learned.append(LearnedAnchor(step.id, png.tobytes(),
                                                  Point(x - left, y - top), Point(x, y),
                                                  selector=selector))
        result.found_by = "shown"
        result.score = None
        return x, y

    def _selector_shown(self, x: int, y: int) -> Selector | None:
        """The element the person showed, so the step finds it by name from now on."""
        if not self.use_windows or not isinstance(self.drivers, ShownElementDrivers):
            return None
        try:
            return self.drivers.selector_at(x, y)
        except Exception as error:  # the picture is learned all the same
            log.info("no element at the place shown: %s", error)
            return None

    def _wait_then_ask(self, step: Step, result: StepResult, kind: ProblemKind, seconds: float,
                       wrong: Callable[[], str | None]) -> None:
        """Wait up to ``seconds`` for ``wrong()`` to find nothing wrong (None). Then an attended
        robot asks the person (after "retry" it waits again) and an unattended one fails the
        step with what ``wrong()`` said last."""
        while True:
            deadline = self.clock() + seconds
            while (problem := wrong()) is not None:
                if self.clock() >= deadline:
                    break
                self._pause(POLL_S)
            else:
                return
            if self.ask is None:
                raise StepFailedError(problem)
            decision = self._ask(Problem(kind, step, result.index,
                                         f"Step {result.index + 1}: {problem}."))
            if decision.answer != "retry":
                raise StepFailedError(problem)

    def _read_text(self, step: ReadTextStep, result: StepResult) -> None:
        """Keep the text the step's element shows as ``step.into`` for the rest of the case.

        The element is found by its selector only, and its text read through the tree: a
        picture or a point would say where a text is, never what it says. When either cannot
        be done, an attended robot asks and an unattended one fails the step; the log says how
        much was read, never what (it is a case's personal data).
        """
        drivers = self.drivers
        selector = self._selector_of(step.target)
        if not (selector is not None and self.use_windows and step.target.window_title
                and isinstance(drivers, ElementDrivers) and isinstance(drivers, FieldDrivers)):
            raise StepFailedError("reading a text needs the element's window and the "
                                  "accessibility tree, and this run has neither")
        text: str | None = None

        def wrong() -> str | None:
            nonlocal text
            window = self._target_window(step.target)
            if window is None:
                return f"the window {step.target.window_title!r} is not there"
            found = drivers.find_element(selector, window)
            if found is None:
                return f"{element_words(selector)} did not show"
            text = drivers.element_text(found.element)
            if text is None:
                return f"{element_words(found.element)} has no text to read"
            result.found_by, result.score = "selector", float(found.score)
            return None

        self._wait_then_ask(step, result, "target_not_found", self._timeout(step), wrong)
        assert text is not None  # _wait_then_ask returns only once wrong() found nothing wrong
        self.read_values[step.into] = (step.label or step.into, text)
        log.info("step %d: read %d characters as %s", result.index + 1, len(text), step.into)

    def _wait_for_field(self, step: TypeTextStep, result: StepResult) -> ElementInfo | None:
        """Where the step recorded the field it typed into and the tree can say which element
        has the focus: wait for that to be the field, so the text never goes into the next field
        along (a form that lost a field) or nowhere. None when the tree cannot say; then the
        window's focus is all there is to go by."""
        recorded = step.element
        drivers = self.drivers
        if recorded is None or not self.use_windows or not isinstance(drivers, FieldDrivers):
            return None
        field: ElementInfo | None = None

        def wrong() -> str | None:
            nonlocal field
            window = drivers.focused_window()
            focused = None if window is None else drivers.focused_field(recorded, window)
            if focused is None:
                log.info("step %d: the tree does not say which field has the focus",
                         result.index + 1)
                return None
            if not focused.is_recorded:
                return (f"the keyboard focus is in {element_words(focused.element)}, not in the "
                        f"field the text was recorded into ({element_words(recorded)}); "
                        "nothing was typed")
            field = focused.element
            return None

        self._wait_then_ask(step, result, "wrong_field", self._timeout(step), wrong)
        if field is not None:
            result.found_by, result.score = "selector", None
        return field

    def _field_text(self, field: ElementInfo) -> str | None:
        assert isinstance(self.drivers, FieldDrivers)
        return self.drivers.element_text(field)

    def _read_back(self, step: TypeTextStep, field: ElementInfo, before: str, text: str,
                   result: StepResult) -> None:
        """The field must show what was typed (a secret: that something arrived); waits a
        moment for the application to take the keys in."""
        secret = field.is_password or self._types_a_secret(step)

        def wrong() -> str | None:
            after = self._field_text(field)
            if after is None or typed_text_shows(before, after, text, secret=secret):
                return None
            # Counts, never the text: it may be a personnummer or a password.
            return (f"the field {element_words(field)} does not show what was typed "
                    f"({len(text)} characters typed; it holds {len(after)})")

        self._wait_then_ask(step, result, "not_typed", min(self._timeout(step), READ_BACK_S),
                            wrong)

    def _check_choice(self, step: ClickStep, target: Target, result: StepResult) -> None:
        """After a click on a drop-down's option, the drop-down must show it as chosen: a click
        that closed the list on the wrong option, or on none, would otherwise pass."""
        selector = self._selector_of(target)
        drivers = self.drivers
        if (selector is None or selector.role not in OPTION_ROLES or not selector.name
                or not any(role == "combo box" for role, _ in selector.path)
                or not self.use_windows or not isinstance(drivers, ChoiceDrivers)):
            return
        option = selector.name

        def wrong() -> str | None:
            window = self._target_window(target)
            chosen = None if window is None else drivers.chosen_names(window)
            if chosen is None or option in chosen:
                return None
            return f"the drop-down does not show {option!r} as chosen after the click"

        self._wait_then_ask(step, result, "not_chosen", min(self._timeout(step), READ_BACK_S),
                            wrong)

    def _types_a_secret(self, step: TypeTextStep) -> bool:
        return any(parameter.type == "secret" and f"{{{{{parameter.name}}}}}" in step.text
                   for parameter in self.bot.parameters)

    def _wait_for_focus(self, step: Step, title: str | None, result: StepResult) -> None:
        """Keyboard input only goes to the step's own window; wait for it to have the focus."""
        if not title or not self.use_windows:
            return

        def wrong() -> str | None:
            focused = self.drivers.focused_window()
            if focused is not None and focused.title == title:
                return None
            seen = focused.title if focused is not None else "no window"
            return (f"the window {title!r} does not have the keyboard focus ({seen!r} has it); "
                    "nothing was typed")

        self._wait_then_ask(step, result, "wrong_window", self._timeout(step), wrong)
