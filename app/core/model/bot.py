"""The bot model: what a robot does, as plain data the studio edits and the player follows.

A bot is a name, a description, typed parameters and an ordered list of steps. A step says what
to do (click, type, wait …) and keeps several ways to find where to do it (its ``Target``); what
actually happened when it ran is a ``StepResult`` in ``app.core.results``, never stored here.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import ClassVar, Literal

ParameterType = Literal["text", "number", "date", "personnummer", "choice", "secret"]
PARAMETER_TYPES: tuple[ParameterType, ...] = (
    "text", "number", "date", "personnummer", "choice", "secret",
)
MouseButton = Literal["left", "right", "middle"]
MOUSE_BUTTONS: tuple[MouseButton, ...] = ("left", "right", "middle")

# \A and \Z, not ^ and $: "$" also matches before a final line break, so "namn\n" would pass.
PARAMETER_NAME = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")


def new_step_id() -> str:
    """A short id that stays with a step through edits, moves and copies between bots."""
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Point:
    x: int
    y: int


SelectorApi = Literal["atspi", "uia", "ax"]
SELECTOR_APIS: tuple[SelectorApi, ...] = ("atspi", "uia", "ax")


@dataclass(frozen=True)
class Selector:
    """An element as the accessibility tree described it when the step was recorded.

    ``api`` names the tree (AT-SPI on Linux, UI Automation on Windows, AX on macOS). ``role`` is
    the tree's non-localised role ("push button", "combo box"); ``name`` the accessible name
    then; ``element_id`` the most stable key the application gave (Qt's objectName chain, a web
    page's HTML id, an AutomationId); ``labels`` what labelled it; ``path`` role and index in
    parent from the window down; ``nth`` its place among the window's showing elements of the
    same role and name. ``box_in_window`` is where the element was inside its window
    (x, y, width, height) and ``offset`` where in the element the action landed.
    """

    api: SelectorApi
    role: str
    name: str = ""
    element_id: str = ""
    app: str = ""
    window: str = ""
    labels: tuple[str, ...] = ()
    path: tuple[tuple[str, int], ...] = ()
    nth: int = 0
    box_in_window: tuple[int, int, int, int] | None = None
    offset: Point | None = None

    @property
    def is_password(self) -> bool:
        """The element was a password field: what is typed there is never stored."""
        return self.role == "password text"


@dataclass
class Target:
    """Every recorded way to find the place a step acts on, tried best-first by the player.

    ``anchor`` is a picture file in the bot's ``images/`` folder and ``anchor_offset`` the point
    inside that picture where the action lands, so a moved window is still hit in the right spot.
    """

    absolute: Point | None = None
    window_title: str | None = None
    window_point: Point | None = None
    anchor: str | None = None
    anchor_offset: Point | None = None
    # How alike the screen must be to the anchor (0..1); None uses the player's default.
    confidence: float | None = None
    # The element in the accessibility tree, where the application described one.
    selector: Selector | None = None

    def is_empty(self) -> bool:
        return self.absolute is None and self.window_point is None and self.anchor is None


@dataclass(kw_only=True)
class Step:
    """What one step does; subclasses add the fields of each kind."""

    kind: ClassVar[str] = ""
    id: str = field(default_factory=new_step_id)
    enabled: bool = True
    comment: str = ""
    # The recording person's pause before this step, shown for information; never replayed.
    think_time_s: float | None = None
    # How long this step waits for its target or window; None uses the run's default.
    timeout_s: float | None = None
    # A small picture of the window the step happened in (images/), for people reading the bot.
    thumbnail: str | None = None
    # The superuser's word that acting at the recorded point is right for this step (a canvas,
    # a fixed-size dialog). Without it, a target found neither by its element nor by its
    # picture is not acted on unasked: an attended robot asks, an unattended one fails.
    points_are_fine: bool = False

    def describe(self) -> str:
        """A one-line summary a superuser recognises, e.g. 'Klick vänster'."""
        return self.kind


@dataclass(kw_only=True)
class ClickStep(Step):
    kind: ClassVar[str] = "click"
    target: Target = field(default_factory=Target)
    button: MouseButton = "left"
    clicks: int = 1

    def describe(self) -> str:
        what = "double-click" if self.clicks == 2 else f"{self.button} click"
        where = f" in {self.target.window_title}" if self.target.window_title else ""
        return f"{what}{where}"


@dataclass(kw_only=True)
class DragStep(Step):
    kind: ClassVar[str] = "drag"
    target: Target = field(default_factory=Target)
    end: Target = field(default_factory=Target)
    button: MouseButton = "left"

    def describe(self) -> str:
        return "drag"


@dataclass(kw_only=True)
class ScrollStep(Step):
    kind: ClassVar[str] = "scroll"
    target: Target = field(default_factory=Target)
    dx: int = 0
    dy: int = 0

    def describe(self) -> str:
        return f"scroll {self.dy:+d}" if self.dx == 0 else f"scroll {self.dx:+d},{self.dy:+d}"


TextMethod = Literal["type", "paste"]
TEXT_METHODS: tuple[TextMethod, ...] = ("type", "paste")


@dataclass(kw_only=True)
class TypeTextStep(Step):
    """Types ``text`` (``{{name}}`` placeholders are filled from parameters) into a window.

    ``method`` "paste" puts the text on the clipboard and pastes it, for fields that refuse
    typed input or very long texts.
    """

    kind: ClassVar[str] = "type_text"
    text: str = ""
    window_title: str | None = None
    method: TextMethod = "type"
    # The element that had the keyboard when the text was typed, where the tree told.
    element: Selector | None = None

    def describe(self) -> str:
        return f"{'paste' if self.method == 'paste' else 'type'} {self.text!r}"


@dataclass(kw_only=True)
class KeyStep(Step):
    kind: ClassVar[str] = "key"
    key: str = "enter"
    window_title: str | None = None

    def describe(self) -> str:
        return f"press {self.key}"


@dataclass(kw_only=True)
class HotkeyStep(Step):
    kind: ClassVar[str] = "hotkey"
    keys: list[str] = field(default_factory=list)
    window_title: str | None = None

    def describe(self) -> str:
        return "+".join(self.keys)


@dataclass(kw_only=True)
class ReadTextStep(Step):
    """Reads the text an element shows (the name the case system fetched from the population
    register, a case number) as the value ``into``, which a later decision shows the person
    as ``label``.

    Read through the accessibility tree, so the target needs its element (a selector): a
    picture tells where a text is, never what it says.
    """

    kind: ClassVar[str] = "read_text"
    target: Target = field(default_factory=Target)
    into: str = ""
    label: str = ""

    def describe(self) -> str:
        where = f" in {self.target.window_title}" if self.target.window_title else ""
        return f"read {self.label or self.into}{where}"


WaitUntil = Literal["time", "picture_appears", "picture_vanishes", "window"]
WAIT_UNTIL: tuple[WaitUntil, ...] = ("time", "picture_appears", "picture_vanishes", "window")


@dataclass(kw_only=True)
class WaitStep(Step):
    """Waits a number of seconds, or until a picture appears or vanishes or a window shows.

    ``target`` holds the picture (its anchor) for the picture waits; ``window_title`` the window
    to wait for. The step's timeout bounds every wait but "time".
    """

    kind: ClassVar[str] = "wait"
    until: WaitUntil = "time"
    seconds: float = 1.0
    target: Target | None = None
    window_title: str | None = None

    def describe(self) -> str:
        if self.until == "picture_appears":
            return "wait for picture"
        if self.until == "picture_vanishes":
            return "wait for picture to vanish"
        if self.until == "window":
            return f"wait for window {self.window_title!r}"
        return f"wait {self.seconds:g} s"


Branch = Literal["approve", "reject"]
BRANCHES: tuple[Branch, ...] = ("approve", "reject")


@dataclass(kw_only=True)
class DecisionStep(Step):
    """The robot stops and a person decides: it shows what it gathered and asks ``title``.

    ``show`` names the parameters whose values the person sees (all of them when empty);
    beside them the person sees every text a read step took off the screen earlier in the case
    (``ReadTextStep``). The person approves, rejects, or edits the values first; the robot
    then does ``approve_steps`` or ``reject_steps``. A branch holds steps of every other
    kind, but no decision of its own: one question per step keeps the bot a list a superuser
    can read.
    """

    kind: ClassVar[str] = "decision"
    title: str = ""
    show: list[str] = field(default_factory=list)
    approve_steps: list[Step] = field(default_factory=list)
    reject_steps: list[Step] = field(default_factory=list)

    def branch(self, which: Branch) -> list[Step]:
        return self.approve_steps if which == "approve" else self.reject_steps

    def describe(self) -> str:
        return f"decide: {self.title}" if self.title else "decide"


STEP_KINDS: dict[str, type[Step]] = {
    cls.kind: cls
    for cls in (ClickStep, DragStep, ScrollStep, TypeTextStep, KeyStep, HotkeyStep, WaitStep,
                ReadTextStep, DecisionStep)
}


def all_steps(steps: list[Step]) -> list[Step]:
    """Every step, those inside decision branches included, in the order they are written."""
    found: list[Step] = []
    for step in steps:
        found.append(step)
        if isinstance(step, DecisionStep):
            found.extend(step.approve_steps)
            found.extend(step.reject_steps)
    return found


@dataclass
class Parameter:
    """A value the robot asks for at run time; ``secret`` values are never written anywhere."""

    name: str
    type: ParameterType = "text"
    label: str = ""
    default: str | None = None
    choices: list[str] = field(default_factory=list)


@dataclass
class Bot:
    name: str
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    # How many minutes one case takes a person by hand, as a superuser measured it; the benefit
    # view weighs the robot's time against it. None: not set (the recording's length is used).
    human_minutes_per_case: float | None = None

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def pictures(self) -> set[str]:
        """Every picture file the steps refer to: anchors and window thumbnails."""
        names: set[str] = set()
        for step in all_steps(self.steps):
            if step.thumbnail:
                names.add(step.thumbnail)
            for target in step_targets(step):
                if target.anchor:
                    names.add(target.anchor)
        return names


def step_targets(step: Step) -> list[Target]:
    """The targets a step acts on, in the order it uses them."""
    if isinstance(step, DragStep):
        return [step.target, step.end]
    if isinstance(step, ClickStep | ScrollStep | ReadTextStep):
        return [step.target]
    if isinstance(step, WaitStep) and step.target is not None:
        return [step.target]
    return []


def step_window_title(step: Step) -> str | None:
    """The window the step acts in, when it is known."""
    if isinstance(step, TypeTextStep | KeyStep | HotkeyStep | WaitStep):
        return step.window_title
    targets = step_targets(step)
    return targets[0].window_title if targets else None


@dataclass(frozen=True)
class LearnedAnchor:
    """A picture the person showed the robot during a run, offered for saving into the bot."""

    step_id: str
    picture_png: bytes
    offset: Point
    point: Point
    # The element the tree names at the point shown, when it names one.
    selector: Selector | None = None
