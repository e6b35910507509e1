"""The bot file format: ``<bot>/bot.json`` plus ``<bot>/images/*.png``.

A bot is a file people hand to each other between municipalities, so loading trusts nothing:
every field is checked, and any problem raises one ``BotFileError`` naming the file, the step and
the field. Nothing half-loaded is ever returned. Saving writes a temporary file and renames it, so
a crash leaves either the old or the new bot.json, never a torn one.

Trusting nothing includes the shape of the file: it is read only as a regular file of bounded
size from inside the bot folder, and every count, length, nesting depth and number has a limit
(the ``MAX_`` constants), named in the message when it is passed, so that no file can hang the
loader, crash it, or make it read files elsewhere on the computer. Every picture is decoded once
at load (see ``pictures``), so a damaged one is reported now rather than an hour into a run.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar, cast

from app.core import paths
from app.core.model import limits
from app.core.model import pictures as picture_files
from app.core.model.bot import (
    BRANCHES,
    MOUSE_BUTTONS,
    PARAMETER_NAME,
    PARAMETER_TYPES,
    SELECTOR_APIS,
    STEP_KINDS,
    TEXT_METHODS,
    WAIT_UNTIL,
    Bot,
    ClickStep,
    DecisionStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Parameter,
    Point,
    ReadTextStep,
    ScrollStep,
    Selector,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.limits import (
    QUOTED_VALUE_CHARS,
    FileRefusedError,
    abbreviate,
    inside,
    lone_surrogate,
    read_regular_file,
)
from app.core.model.pictures import MAX_PICTURE_BYTES, PictureError, check_picture

# Other modules take these from here; they live with the limits and the picture checks.
one_line = limits.one_line
PNG_SIGNATURE = picture_files.PNG_SIGNATURE

FORMAT_NAME = "robotfabrik-bot"
FORMAT_VERSION = 1
BOT_FILE = "bot.json"
IMAGES_DIR = "images"
UTF8_BOM = b"\xef\xbb\xbf"
# Possessive (``*+``): an unclosed ``{{`` followed by a long run of spaces would otherwise be
# tried every way the two runs of spaces can share it, which takes hours for a long text.
PLACEHOLDER = re.compile(r"\{\{\s*+([^{}\s]*+)\s*+\}\}")
# \A and \Z rather than ^ and $: "$" also matches before a final line break, and "a.png\n" is
# no file the folder holds.
PICTURE_NAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.-]*\.png\Z")

# Limits far above anything the recorder writes (a day of recording is a few thousand steps),
# low enough that the worst file allowed still loads in well under a second.
MAX_BOT_FILE_BYTES = 5_000_000  # a 200-step bot is 60 kB
# A bot file nests 7 deep (steps, a step, its target, a selector, its path), 9 inside a
# decision's branch.
MAX_NESTING = 20
MAX_STEPS = 10_000

MAX_PARAMETERS = 200
MAX_SHOWN = MAX_PARAMETERS  # the values a decision shows are parameters
MAX_CHOICES = 1_000
MAX_KEYS = 16  # a chord of keys held together
MAX_NUMBER_DIGITS = 30
MAX_LONG_TEXT = 100_000  # text to type or paste, a description, a comment, a default value
MAX_SHORT_TEXT = 1_000  # names, ids, window titles, keys, labels, choices
MAX_PICTURE_NAME = 100
MAX_COORDINATE = 1_000_000
MAX_SCROLL = 10_000
# The player waits with the operating system's clock, which cannot count to 1e300 seconds.
MAX_WAIT_S = 86_400.0
# A case that takes a person more than a working week is not one routine.
MAX_HUMAN_MINUTES = 2_400.0

# Said alike of a link to a file elsewhere, to nothing, or round in a circle: what is outside the
# folder is none of the bot's business, and the message must not tell whether it exists.
LINK_OUT = ("is a link that leads out of the bot folder or nowhere; a bot may only use files "
            "inside its own folder")

T = TypeVar("T")


class BotFileError(Exception):
    """A bot folder that cannot be used, saying where the problem is in a superuser's words.

    The place is kept as data, so a window can say it in its own language: ``path`` is the
    bot.json file; ``step_index`` (0-based, as in ``Bot.steps``) and ``step_id`` name a step,
    or ``parameter_index`` (0-based, as in ``Bot.parameters``) a parameter; ``field`` is the
    dotted field inside it ("target.anchor"); ``reason`` says what is wrong. People count from
    1, so ``step_number`` and ``parameter_number`` give the numbers a message shows.
    """

    def __init__(self, path: Path, reason: str, *, step_index: int | None = None,
                 step_id: str | None = None, parameter_index: int | None = None,
                 field: str | None = None) -> None:
        if step_index is not None and parameter_index is not None:
            raise ValueError("a bot file problem is in a step or in a parameter, not both")
        if step_id is not None and step_index is None:
            raise ValueError("a step id needs the step's index")
        # Both in args, so the error survives pickling (the rest is in __dict__).
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.step_index = step_index
        self.step_id = step_id
        self.parameter_index = parameter_index
        self.field = field

    @property
    def step_number(self) -> int | None:
        """The step's number as people count (the first step is 1)."""
        return None if self.step_index is None else self.step_index + 1

    @property
    def parameter_number(self) -> int | None:
        """The parameter's number as people count (the first parameter is 1)."""
        return None if self.parameter_index is None else self.parameter_index + 1

    def where(self) -> str | None:
        """'step 3 (id abc)', 'parameter 2', or None when the problem is the file as a whole."""
        if self.step_number is not None:
            return f"step {self.step_number}" + (
                f" (id {self.step_id})" if self.step_id is not None else "")
        if self.parameter_number is not None:
            return f"parameter {self.parameter_number}"
        return None

    def __str__(self) -> str:
        field = f"field '{self.field}'" if self.field else None
        where = ", ".join(part for part in (self.where(), field) if part)
        return one_line(f"{self.path}: {where + ': ' if where else ''}{self.reason}")


def _shown_as_written(value: str) -> str:
    """A name from the file (a step id, a field) as a message shows it: as written when it is
    short and can be printed, else quoted, escaped and shortened."""
    if len(value) <= QUOTED_VALUE_CHARS and lone_surrogate(value) is None:
        return value
    return abbreviate(value)


class _FieldError(Exception):
    """Raised inside parsing with the dotted field path; turned into BotFileError with context."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class _LongNumber:
    """A whole number of more digits than any field can use, kept aside on the second reading
    of a file (the one after Python refused a number of more than 4,300 digits), so that the
    error can name its field."""

    digits: int


def _whole_number(literal: str) -> int | _LongNumber:
    digits = len(literal) - literal.startswith("-")
    return _LongNumber(digits) if digits > MAX_NUMBER_DIGITS else int(literal)


def _too_many_digits(value: object) -> str | None:
    """Why ``value`` is a whole number no field can use, or None.

    A float cannot hold an integer of more than 308 digits, and none of a bot's numbers needs
    more than a few, so the limit is far below either.
    """
    if isinstance(value, _LongNumber):
        digits = value.digits
    elif _is_int(value) and abs(cast(int, value)) >= 10**MAX_NUMBER_DIGITS:
        digits = len(str(abs(cast(int, value))))
    else:
        return None
    return f"is a whole number of {digits:,} digits; at most {MAX_NUMBER_DIGITS} are allowed"


def _text_problem(value: str, limit: int) -> str | None:
    """Why ``value`` cannot be a text of the bot, or None."""
    if len(value) > limit:
        return f"is {len(value):,} characters long; at most {limit:,} are allowed"
    position = lone_surrogate(value)
    if position is not None:
        return (f"holds a lone surrogate {abbreviate(value[position])} at character "
                f"{position + 1:,}, which is not Unicode text and could not be saved")
    return None


class _Fields:
    """Reads one JSON object's fields by type, remembering which were used to reject strays."""

    def __init__(self, data: object, prefix: str) -> None:
        if not isinstance(data, dict):
            raise _FieldError(prefix or "(top level)", f"must be an object, not {_kind(data)}")
        self.data: dict[str, object] = data
        self.prefix = prefix
        self.used: set[str] = set()

    def name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def _get(self, key: str, check: Callable[[object], bool], wanted: str,
             default: object, required: bool, *, max_chars: int = MAX_SHORT_TEXT) -> object:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise _FieldError(self.name(key), "is missing")
            return default
        value = self.data[key]
        if value is None and default is None and not required:
            return None
        too_long = _too_many_digits(value)
        if too_long:
            raise _FieldError(self.name(key), too_long)
        if not check(value):
            raise _FieldError(self.name(key), f"must be {wanted}, not {_kind(value)}")
        if isinstance(value, str):
            problem = _text_problem(value, max_chars)
            if problem:
                raise _FieldError(self.name(key), problem)
        return value

    def text(self, key: str, default: str | None = "", required: bool = False,
             max_chars: int = MAX_SHORT_TEXT) -> Any:
        return self._get(key, lambda v: isinstance(v, str), "text", default, required,
                         max_chars=max_chars)

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, lambda v: isinstance(v, bool), "true or false", default, False)
        return default if value is None else cast(bool, value)

    def integer(self, key: str, default: int | None = 0, required: bool = False) -> Any:
        return self._get(key, _is_int, "a whole number", default, required)

    def number(self, key: str, default: float | None = None) -> float | None:
        value = self._get(key, _is_number, "a number", default, False)
        if value is None:
            return None
        number = float(cast(float, value))
        if not math.isfinite(number):
            raise _FieldError(self.name(key), "must be a finite number")
        return number

    def seconds(self, key: str, default: float | None = None) -> float | None:
        """A time the player waits: zero or more, and no longer than a day."""
        value = self.number(key, default)
        if value is not None and not 0 <= value <= MAX_WAIT_S:
            raise _FieldError(self.name(key), f"must be from 0 to {MAX_WAIT_S:,.0f} seconds")
        return value

    def raw(self, key: str) -> object:
        self.used.add(key)
        return self.data.get(key)

    def finish(self) -> None:
        strays = sorted(set(self.data) - self.used)
        if strays:
            raise _FieldError(self.name(_shown_as_written(strays[0])), "is not a known field")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, _LongNumber):
        return f"a whole number of {value.digits:,} digits"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _one_of(reader: _Fields, key: str, allowed: Iterable[T], default: T) -> T:
    value = reader.text(key, default=cast(str, default))
    options = list(allowed)
    if value not in options:
        raise _FieldError(reader.name(key), f"must be one of {', '.join(map(str, options))}, "
                                          f"not {abbreviate(value)}")
    return cast(T, value)


def _texts_list(data: object, name: str, item_name: str, limit: int) -> list[str]:
    """A list of short texts (choices, key names): each checked like a text field."""
    if not isinstance(data, list):
        raise _FieldError(name, f"must be a list of texts, not {_kind(data)}")
    if len(data) > limit:
        raise _FieldError(name, f"has {len(data):,} {item_name}s; at most {limit:,} are allowed")
    for position, item in enumerate(data):
        if not isinstance(item, str):
            raise _FieldError(name, f"{item_name} {position + 1:,} must be text, not "
                                    f"{_kind(item)}")
        problem = _text_problem(item, MAX_SHORT_TEXT)
        if problem:
            raise _FieldError(name, f"{item_name} {position + 1:,} {problem}")
    return [str(item) for item in data]


# ---------------------------------------------------------------- reading

def _point(data: object, name: str) -> Point | None:
    if data is None:
        return None
    if isinstance(data, list):
        for item in data:
            too_long = _too_many_digits(item)
            if too_long:
                raise _FieldError(name, too_long)
    if (not isinstance(data, list) or len(data) != 2
            or not all(_is_int(item) for item in data)):
        raise _FieldError(name, f"must be a pair of whole numbers [x, y], not {_kind(data)}")
    x, y = int(data[0]), int(data[1])
    if max(abs(x), abs(y)) > MAX_COORDINATE:
        raise _FieldError(name, f"must be within {MAX_COORDINATE:,} pixels of the screen's "
                                "corner (either way)")
    return Point(x, y)


def _picture_name(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_PICTURE_NAME:
        raise _FieldError(name, f"the picture name {abbreviate(value)} is longer than "
                                f"{MAX_PICTURE_NAME} characters")
    if not PICTURE_NAME.match(value):
        raise _FieldError(name, f"{abbreviate(value)} is not a picture file name in images/ "
                                "(letters, digits, '-', '_', '.png')")
    return value


MAX_SELECTOR_DEPTH = 64  # elements from a window down to the one acted on
MAX_LABELS = 20
MAX_NTH = 100_000


def _box(data: object, name: str) -> tuple[int, int, int, int] | None:
    if data is None:
        return None
    if (not isinstance(data, list) or len(data) != 4
            or not all(_is_int(item) and abs(item) <= MAX_COORDINATE for item in data)):
        raise _FieldError(name, "must be four whole numbers [x, y, width, height] within "
                                f"{MAX_COORDINATE:,} pixels")
    x, y, width, height = (int(item) for item in data)
    if width < 0 or height < 0:
        raise _FieldError(name, "must not have a negative width or height")
    return x, y, width, height


def _selector_path(data: object, name: str) -> tuple[tuple[str, int], ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise _FieldError(name, f"must be a list of [role, index] pairs, not {_kind(data)}")
    if len(data) > MAX_SELECTOR_DEPTH:
        raise _FieldError(name, f"is {len(data):,} elements deep; at most "
                                f"{MAX_SELECTOR_DEPTH} are allowed")
    path: list[tuple[str, int]] = []
    for position, item in enumerate(data):
        if (not isinstance(item, list) or len(item) != 2 or not isinstance(item[0], str)
                or not _is_int(item[1]) or not 0 <= item[1] <= MAX_NTH):
            raise _FieldError(name, f"element {position + 1:,} must be a pair [role, index] "
                                    "with an index from 0")
        problem = _text_problem(item[0], MAX_SHORT_TEXT)
        if problem:
            raise _FieldError(name, f"element {position + 1:,}: the role {problem}")
        path.append((item[0], int(item[1])))
    return tuple(path)


def _selector(data: object, name: str) -> Selector | None:
    if data is None:
        return None
    reader = _Fields(data, name)
    api = _one_of(reader, "api", SELECTOR_APIS, "atspi")
    role = reader.text("role", required=True)
    if not role:
        raise _FieldError(reader.name("role"), "must name the element's role")
    raw_labels = reader.raw("labels")
    nth = reader.integer("nth", 0)
    if not 0 <= nth <= MAX_NTH:
        raise _FieldError(reader.name("nth"), f"must be from 0 to {MAX_NTH:,}")
    selector = Selector(
        api=api, role=role, name=reader.text("name"), element_id=reader.text("id"),
        app=reader.text("app"), window=reader.text("window"),
        labels=tuple(_texts_list(raw_labels, reader.name("labels"), "label", MAX_LABELS)
                     if raw_labels is not None else ()),
        path=_selector_path(reader.raw("path"), reader.name("path")), nth=int(nth),
        box_in_window=_box(reader.raw("box_in_window"), reader.name("box_in_window")),
        offset=_point(reader.raw("offset"), reader.name("offset")),
    )
    reader.finish()
    return selector


def _target(data: object, name: str, *, element_enough: bool = False) -> Target:
    """A target from the file; ``element_enough``: its element (a selector) alone is a way to
    find it, as for reading a text, which no point or picture could do."""
    reader = _Fields(data, name)
    target = Target(
        absolute=_point(reader.raw("absolute"), reader.name("absolute")),
        window_title=reader.text("window_title", default=None),
        window_point=_point(reader.raw("window_point"), reader.name("window_point")),
        anchor=_picture_name(reader.text("anchor", default=None), reader.name("anchor")),
        anchor_offset=_point(reader.raw("anchor_offset"), reader.name("anchor_offset")),
        confidence=reader.number("confidence"),
        selector=_selector(reader.raw("selector"), reader.name("selector")),
    )
    reader.finish()
    if target.confidence is not None and not 0 < target.confidence <= 1:
        raise _FieldError(reader.name("confidence"), "must be above 0 and at most 1")
    if target.anchor is not None and target.anchor_offset is None:
        raise _FieldError(reader.name("anchor_offset"), "is missing (needed with an anchor)")
    if target.anchor is None and target.anchor_offset is not None:
        # Saving would drop it (it is a point inside the picture), so it would not load back.
        raise _FieldError(reader.name("anchor_offset"), "is given without an anchor picture "
                                                     "to be a point in")
    if target.is_empty() and not (element_enough and target.selector is not None):
        raise _FieldError(name, "has no way to find the place: "
                                "give absolute, window_point or anchor")
    return target


def _keys(data: object, name: str) -> list[str]:
    keys = _texts_list(data, name, "key", MAX_KEYS)
    if not keys or not all(keys):
        raise _FieldError(name, "must be a non-empty list of key names")
    return keys


def _scroll(reader: _Fields, key: str) -> int:
    amount = int(reader.integer(key))
    if abs(amount) > MAX_SCROLL:
        raise _FieldError(key, f"must be from -{MAX_SCROLL:,} to {MAX_SCROLL:,}")
    return amount


def branch_field(branch: str, index: int, field: str) -> str:
    """Where a field of a step inside a decision branch is: 'reject_steps, step 2, x'."""
    return f"{branch}_steps, step {index + 1}, {field}"


def _step(data: object, index: int, *, in_branch: bool = False) -> Step:
    reader = _Fields(data, "")
    kind = reader.text("type", required=True)
    if kind not in STEP_KINDS:
        raise _FieldError("type", f"unknown step type {abbreviate(kind)} "
                                  f"(known: {', '.join(STEP_KINDS)})")
    common: dict[str, Any] = {
        "id": reader.text("id", required=True),
        "enabled": reader.boolean("enabled", True),
        "comment": reader.text("comment", max_chars=MAX_LONG_TEXT),
        "think_time_s": reader.number("think_time_s"),
        "timeout_s": reader.seconds("timeout_s"),
        "thumbnail": _picture_name(reader.text("thumbnail", default=None), "thumbnail"),
        "points_are_fine": reader.boolean("points_are_fine", False),
    }
    if not common["id"]:
        raise _FieldError("id", "must not be empty")
    step: Step
    if kind == "click":
        clicks = reader.integer("clicks", 1)
        if clicks not in (1, 2, 3):
            raise _FieldError("clicks", f"must be 1, 2 or 3, not {clicks}")
        step = ClickStep(**common, target=_target(reader.raw("target"), "target"),
                         button=_one_of(reader, "button", MOUSE_BUTTONS, "left"), clicks=clicks)
    elif kind == "drag":
        step = DragStep(**common, target=_target(reader.raw("target"), "target"),
                        end=_target(reader.raw("end"), "end"),
                        button=_one_of(reader, "button", MOUSE_BUTTONS, "left"))
    elif kind == "scroll":
        step = ScrollStep(**common, target=_target(reader.raw("target"), "target"),
                          dx=_scroll(reader, "dx"), dy=_scroll(reader, "dy"))
    elif kind == "type_text":
        step = TypeTextStep(**common, text=reader.text("text", required=True,
                                                       max_chars=MAX_LONG_TEXT),
                            window_title=reader.text("window_title", default=None),
                            method=_one_of(reader, "method", TEXT_METHODS, "type"),
                            element=_selector(reader.raw("element"), "element"))
    elif kind == "key":
        key = reader.text("key", required=True)
        if not key:
            raise _FieldError("key", "must name a key")
        step = KeyStep(**common, key=key, window_title=reader.text("window_title", default=None))
    elif kind == "hotkey":
        step = HotkeyStep(**common, keys=_keys(reader.raw("keys"), "keys"),
                          window_title=reader.text("window_title", default=None))
    elif kind == "read_text":
        step = _read_step(reader, common)
    elif kind == "decision":
        if in_branch:
            raise _FieldError("type", "a decision step cannot hold another decision step; "
                                      "put the second decision after the first one")
        step = _decision_step(reader, common)
    else:
        step = _wait_step(reader, common)
    reader.finish()
    return step


def _decision_step(reader: _Fields, common: dict[str, Any]) -> DecisionStep:
    title = reader.text("title", max_chars=MAX_LONG_TEXT)
    raw_show = reader.raw("show")
    show = [] if raw_show is None else _texts_list(raw_show, "show", "value", MAX_SHOWN)
    branches: dict[str, list[Step]] = {}
    for branch in BRANCHES:
        key = f"{branch}_steps"
        raw = reader.raw(key)
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            raise _FieldError(key, f"must be a list of steps, not {_kind(raw)}")
        if len(raw) > MAX_STEPS:
            raise _FieldError(key, f"has {len(raw):,} steps; at most {MAX_STEPS:,} are allowed")
        steps: list[Step] = []
        for position, item in enumerate(raw):
            try:
                steps.append(_step(item, position, in_branch=True))
            except _FieldError as invalid:
                raise _FieldError(branch_field(branch, position, invalid.field),
                                  invalid.problem) from None
        branches[branch] = steps
    return DecisionStep(**common, title=title, show=show,
                        approve_steps=branches["approve"], reject_steps=branches["reject"])


def _read_step(reader: _Fields, common: dict[str, Any]) -> ReadTextStep:
    target = _target(reader.raw("target"), "target", element_enough=True)
    if target.selector is None:
        raise _FieldError("target.selector", "a read step needs the element to read (a "
                                             "picture tells where a text is, not what it says)")
    if not target.window_title:
        raise _FieldError("target.window_title", "a read step needs the window its element "
                                                 "is in")
    into = reader.text("into", required=True)
    if not PARAMETER_NAME.match(into):
        raise _FieldError("into", f"{abbreviate(into)} is not a usable name for the value "
                                  "(letters, digits and _, not starting with a digit)")
    return ReadTextStep(**common, target=target, into=into, label=reader.text("label"))


def _wait_step(reader: _Fields, common: dict[str, Any]) -> WaitStep:
    until = _one_of(reader, "until", WAIT_UNTIL, "time")
    seconds = reader.seconds("seconds", 1.0)
    if seconds is None:
        raise _FieldError("seconds", "must be zero or more")
    raw_target = reader.raw("target")
    target = None if raw_target is None else _target(raw_target, "target")
    window_title = reader.text("window_title", default=None)
    if until in ("picture_appears", "picture_vanishes") and (target is None or not target.anchor):
        raise _FieldError("target.anchor", f"a wait until {until} needs a picture")
    if until == "window" and not window_title:
        raise _FieldError("window_title", "a wait for a window needs its title")
    return WaitStep(**common, until=until, seconds=seconds, target=target,
                    window_title=window_title)


def _parameter(data: object, index: int) -> Parameter:
    reader = _Fields(data, "")
    parameter = Parameter(
        name=reader.text("name", required=True),
        type=_one_of(reader, "type", PARAMETER_TYPES, "text"),
        label=reader.text("label"),
        default=reader.text("default", default=None, max_chars=MAX_LONG_TEXT),
        choices=[],
    )
    raw_choices = reader.raw("choices")
    if raw_choices is not None:
        parameter.choices = _texts_list(raw_choices, "choices", "choice", MAX_CHOICES)
    reader.finish()
    if not PARAMETER_NAME.match(parameter.name):
        raise _FieldError("name", f"{abbreviate(parameter.name)} is not a usable parameter name "
                               "(letters, digits and _, not starting with a digit)")
    if parameter.type == "choice" and not parameter.choices:
        raise _FieldError("choices", "a choice parameter needs at least one choice")
    if parameter.type == "secret" and parameter.default:
        raise _FieldError("default", "a secret parameter cannot have a stored default")
    return parameter


def placeholders(text: str) -> list[str]:
    """The parameter names a text refers to with ``{{name}}``."""
    return PLACEHOLDER.findall(text)


def parse_bot(document: object, file: Path, images: Path | None) -> Bot:
    """Build a Bot from a decoded bot.json; ``images`` (when given) is checked for every picture.

    The pictures must be inside ``images.parent``, the bot folder: a link out of it is refused.
    """
    try:
        top = _Fields(document, "")
        format_name = top.text("format", required=True)
        if format_name != FORMAT_NAME:
            raise _FieldError("format", f"is {abbreviate(format_name)}; this is not a "
                                        "Robotfabrik bot file")
        version = top.integer("format_version", required=True)
        if version > FORMAT_VERSION:
            raise _FieldError("format_version", f"is {version}, made by a newer Robotfabrik; this "
                                             f"one reads up to version {FORMAT_VERSION}")
        if version < 1:
            raise _FieldError("format_version", f"is {version}; versions start at 1")
        name = top.text("name", required=True)
        if not name.strip():
            raise _FieldError("name", "must not be empty")
        description = top.text("description", max_chars=MAX_LONG_TEXT)
        human_minutes = top.number("human_minutes_per_case")
        if human_minutes is not None and not 0 < human_minutes <= MAX_HUMAN_MINUTES:
            raise _FieldError("human_minutes_per_case",
                              f"must be more than 0 and at most {MAX_HUMAN_MINUTES:,.0f} minutes")
        raw_parameters = top.raw("parameters")
        raw_steps = top.raw("steps")
        top.finish()
        if raw_parameters is None:
            raw_parameters = []
        if not isinstance(raw_parameters, list):
            raise _FieldError("parameters", f"must be a list, not {_kind(raw_parameters)}")
        if len(raw_parameters) > MAX_PARAMETERS:
            raise _FieldError("parameters", f"has {len(raw_parameters):,} parameters; a bot may "
                                            f"have at most {MAX_PARAMETERS:,}")
        if not isinstance(raw_steps, list):
            raise _FieldError("steps", f"must be a list, not {_kind(raw_steps)}")
        if len(raw_steps) > MAX_STEPS:
            raise _FieldError("steps", f"has {len(raw_steps):,} steps; a bot may have at most "
                                       f"{MAX_STEPS:,}")
    except _FieldError as invalid:
        raise BotFileError(file, invalid.problem, field=invalid.field) from None

    parameters: list[Parameter] = []
    for index, raw in enumerate(raw_parameters):
        try:
            parameter = _parameter(raw, index)
        except _FieldError as invalid:
            raise BotFileError(file, invalid.problem, parameter_index=index,
                               field=invalid.field) from None
        if any(existing.name == parameter.name for existing in parameters):
            raise BotFileError(file, f"the name {abbreviate(parameter.name)} is used twice",
                               parameter_index=index, field="name")
        parameters.append(parameter)
    known = {parameter.name for parameter in parameters}

    steps: list[Step] = []
    seen_ids: set[str] = set()
    pictures = _Pictures(images) if images is not None else None
    for index, raw in enumerate(raw_steps):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        # The id as the file has it, even when the step is refused, so the person can find it.
        step_id = _shown_as_written(raw_id) if isinstance(raw_id, str) else None
        try:
            step = _step(raw, index)
        except _FieldError as invalid:
            raise BotFileError(file, invalid.problem, step_index=index, step_id=step_id,
                               field=invalid.field) from None
        if step.id in seen_ids:
            raise BotFileError(file, f"the id {abbreviate(step.id)} is used by an earlier step",
                               step_index=index, step_id=step_id, field="id")
        seen_ids.add(step.id)
        for where, inner in _branch_steps(step):
            if inner.id in seen_ids:
                raise BotFileError(file, f"the id {abbreviate(inner.id)} is used by an earlier "
                                         "step", step_index=index, step_id=step_id,
                                   field=field_in(where, "id"))
            seen_ids.add(inner.id)
        _check_references(step, index, known, file)
        if pictures is not None:
            for field_name, picture in _named_pictures(step):
                problem = pictures.problem(picture, decode=field_name != "thumbnail")
                if problem:
                    raise BotFileError(file, problem, step_index=index, step_id=step_id,
                                       field=field_name)
        steps.append(step)
    return Bot(name=name, description=description, parameters=parameters, steps=steps,
               human_minutes_per_case=human_minutes)


def _check_references(step: Step, index: int, known: set[str], file: Path) -> None:
    for field_name, read in [("into", step), *((field_in(where, "into"), inner)
                                              for where, inner in _branch_steps(step))]:
        if isinstance(read, ReadTextStep) and read.into in known:
            raise BotFileError(file, f"reads into {abbreviate(read.into)}, which is already a "
                                     "parameter's name", step_index=index,
                               step_id=_shown_as_written(step.id), field=field_name)
    if isinstance(step, DecisionStep):
        for name in step.show:
            if name not in known:
                raise BotFileError(file, f"shows parameter {abbreviate(name)}, which the bot "
                                         "does not define", step_index=index,
                                   step_id=_shown_as_written(step.id), field="show")
    for field_name, text in _texts(step):
        for reference in placeholders(text):
            if reference not in known:
                shown = abbreviate("{{" + reference + "}}")
                raise BotFileError(file, f"refers to parameter {shown}, which the bot does not "
                                         "define", step_index=index,
                                   step_id=_shown_as_written(step.id), field=field_name)


class _Pictures:
    """The verdict on each picture of one bot folder, each picture read once however many steps
    use it.

    A picture the player looks for on the screen (an anchor) is decoded as the player will
    decode it; a thumbnail, which only people see, is checked for damage without decoding, which
    costs a twentieth: the thumbnails are most of a bot's pixels, and the studio loads every bot
    in the library when it opens.
    """

    def __init__(self, images: Path) -> None:
        self.images = images
        self.folder = images.parent
        self.verdicts: dict[tuple[str, bool], str | None] = {}

    def problem(self, name: str, *, decode: bool) -> str | None:
        if (name, decode) not in self.verdicts:
            self.verdicts[name, decode] = self._check(name, decode=decode)
        return self.verdicts[name, decode]

    def _check(self, name: str, *, decode: bool) -> str | None:
        shown = f"picture {IMAGES_DIR}/{name}"
        picture = self.images / name
        # Before looking at the file itself: the answer must not tell whether a file outside
        # the folder exists.
        if not self._inside(picture):
            return f"{shown} {LINK_OUT}"
        try:
            data = read_regular_file(picture, MAX_PICTURE_BYTES)
        except FileNotFoundError:
            return f"{shown} is missing"
        except FileRefusedError as refused:
            return f"{shown} {refused}"
        try:
            check_picture(data, decode=decode)
        except PictureError as damaged:
            return f"{shown} {damaged}"
        return None

    def _inside(self, picture: Path) -> bool:
        # images/ itself was found inside the folder, and a picture's name holds no separator,
        # so only a link can lead out: one lstat instead of resolving every part of the path.
        try:
            is_link = stat.S_ISLNK(os.lstat(picture).st_mode)
        except OSError:
            return True  # nothing there, or nothing readable: reading it will say which
        return not is_link or inside(self.folder, picture)


def _texts(step: Step) -> list[tuple[str, str]]:
    if isinstance(step, TypeTextStep):
        return [("text", step.text)]
    texts: list[tuple[str, str]] = []
    for where, inner in _branch_steps(step):
        texts.extend((field_in(where, name), text) for name, text in _texts(inner))
    return texts


def _branch_steps(step: Step) -> list[tuple[str, Step]]:
    """The steps inside a decision's branches, each with where it is ('approve_steps, step 1')."""
    if not isinstance(step, DecisionStep):
        return []
    return [(f"{branch}_steps, step {position + 1}", inner)
            for branch in BRANCHES for position, inner in enumerate(step.branch(branch))]


def field_in(where: str, field: str) -> str:
    return f"{where}, {field}"


def _named_targets(step: Step) -> list[tuple[str, Target]]:
    if isinstance(step, DragStep):
        return [("target", step.target), ("end", step.end)]
    if isinstance(step, ClickStep | ScrollStep):
        return [("target", step.target)]
    if isinstance(step, WaitStep) and step.target is not None:
        return [("target", step.target)]
    return []


def _named_pictures(step: Step) -> list[tuple[str, str]]:
    """The pictures a step uses, each with the field that names it."""
    pictures = [(f"{field_name}.anchor", target.anchor)
                for field_name, target in _named_targets(step) if target.anchor is not None]
    if step.thumbnail is not None:
        pictures.append(("thumbnail", step.thumbnail))
    for where, inner in _branch_steps(step):
        pictures.extend((field_in(where, field_name), name)
                        for field_name, name in _named_pictures(inner))
    return pictures


def _nesting(data: bytes) -> int:
    """How deep lists and objects nest in the JSON text ``data``, counted without recursion.

    Every pass is one call into C (bytes methods, numpy), so a file of millions of brackets or
    strings is measured in milliseconds and without an object per string.
    """
    import numpy as np

    # Escapes go first, pair by pair from the left as JSON reads them, so that no quote left
    # over is an escaped one: after "\\" is gone, "\"" is the only escape that hides a quote.
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    signs = np.frombuffer(plain.translate(None, _NOT_STRUCTURE), dtype=np.uint8)
    if not signs.size:
        return 0
    # After an odd number of quotes the text is inside a string, where brackets do not count.
    in_string = np.bitwise_xor.accumulate((signs == ord('"')).view(np.uint8))
    # An opening bracket steps one level in, a closing one out; a quote neither.
    step_of = np.zeros(256, dtype=np.int8)
    step_of[list(b"[{")] = 1
    step_of[list(b"]}")] = -1
    steps = step_of[signs]
    steps[in_string.view(bool)] = 0
    return max(int(np.cumsum(steps, dtype=np.int32).max()), 0)


_NOT_STRUCTURE = bytes(set(range(256)) - set(b'"[]{}'))


def _read_document(file: Path, folder: Path) -> object:
    """bot.json decoded, or BotFileError saying why it cannot be."""
    # Before looking at the file itself: the answer must not tell whether a file outside the
    # folder exists.
    if not inside(folder, file):
        raise BotFileError(file, LINK_OUT)
    try:
        raw = read_regular_file(file, MAX_BOT_FILE_BYTES)
    except FileNotFoundError:
        raise BotFileError(file, "no bot.json here; is this a bot folder?") from None
    except FileRefusedError as refused:
        raise BotFileError(file, str(refused)) from None
    # Windows editors (Notepad among them) start a UTF-8 file with a byte-order mark.
    skipped = len(UTF8_BOM) if raw.startswith(UTF8_BOM) else 0
    try:
        text = raw[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise BotFileError(file, f"is not UTF-8 text (byte {error.start + skipped})") from None
    # Checked before parsing: the JSON parser recurses once per level and would crash first.
    if _nesting(raw) > MAX_NESTING:
        raise BotFileError(file, f"nests lists and objects more than {MAX_NESTING} levels "
                                 "deep") from None
    # Collection is held off meanwhile: it would run again and again while the parser makes its
    # objects, which made a file of many small lists take ten times as long to read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_json(text)
    except json.JSONDecodeError as error:
        raise BotFileError(file, f"is not valid JSON: {error.msg} at line {error.lineno}, "
                                 f"column {error.colno}") from None
    finally:
        if collecting:
            gc.enable()


def _parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:
        # Python reads no whole number of more than 4,300 digits. Read again, keeping such
        # numbers aside, so that the error can name their field (a Python call per number,
        # too slow to pay for every file). The second reading may go on to a syntax error.
        return json.loads(text, parse_int=_whole_number)


def load_bot(folder: Path | str) -> Bot:
    """Load and fully check ``folder/bot.json`` and the pictures it names."""
    folder = Path(folder)
    file = folder / BOT_FILE
    document = _read_document(file, folder)
    images = folder / IMAGES_DIR
    if not inside(folder, images):
        raise BotFileError(file, f"the {IMAGES_DIR} folder {LINK_OUT}")
    return parse_bot(document, file, images)


# ---------------------------------------------------------------- writing

def _point_json(point: Point | None) -> list[int] | None:
    return None if point is None else [point.x, point.y]


def _target_json(target: Target) -> dict[str, object]:
    document: dict[str, object] = {}
    if target.absolute is not None:
        document["absolute"] = _point_json(target.absolute)
    if target.window_title is not None:
        document["window_title"] = target.window_title
    if target.window_point is not None:
        document["window_point"] = _point_json(target.window_point)
    if target.anchor is not None:
        document["anchor"] = target.anchor
        document["anchor_offset"] = _point_json(target.anchor_offset)
    if target.confidence is not None:
        document["confidence"] = target.confidence
    if target.selector is not None:
        document["selector"] = _selector_json(target.selector)
    return document


def selector_to_text(selector: Selector) -> str:
    """A selector as one line of JSON, as bot.json writes it (the recorder's store keeps it so)."""
    return json.dumps(_selector_json(selector), ensure_ascii=False)


def selector_from_text(text: str) -> Selector | None:
    """The selector ``selector_to_text`` wrote, or None when the text is not one."""
    try:
        return _selector(json.loads(text), "selector")
    except (_FieldError, ValueError):
        return None


def _selector_json(selector: Selector) -> dict[str, object]:
    document: dict[str, object] = {"api": selector.api, "role": selector.role}
    for key, value in (("name", selector.name), ("id", selector.element_id),
                       ("app", selector.app), ("window", selector.window)):
        if value:
            document[key] = value
    if selector.labels:
        document["labels"] = list(selector.labels)
    if selector.path:
        document["path"] = [[role, index] for role, index in selector.path]
    if selector.nth:
        document["nth"] = selector.nth
    if selector.box_in_window is not None:
        document["box_in_window"] = list(selector.box_in_window)
    if selector.offset is not None:
        document["offset"] = _point_json(selector.offset)
    return document


def step_json(step: Step) -> dict[str, object]:
    document: dict[str, object] = {"id": step.id, "type": step.kind}
    if not step.enabled:
        document["enabled"] = False
    if step.comment:
        document["comment"] = step.comment
    if step.think_time_s is not None:
        document["think_time_s"] = step.think_time_s
    if step.timeout_s is not None:
        document["timeout_s"] = step.timeout_s
    if step.thumbnail is not None:
        document["thumbnail"] = step.thumbnail
    if step.points_are_fine:
        document["points_are_fine"] = True
    for item in fields(step):
        if item.name in ("id", "enabled", "comment", "think_time_s", "timeout_s", "thumbnail",
                         "points_are_fine"):
            continue
        value = getattr(step, item.name)
        if (item.name, value) in (("method", "type"), ("until", "time")):
            continue  # the defaults, left out to keep files short
        if item.name in ("approve_steps", "reject_steps", "show", "title") and not value:
            continue  # an empty branch, all values shown, no question: left out
        if item.name in ("approve_steps", "reject_steps"):
            document[item.name] = [step_json(inner) for inner in value]
        elif isinstance(value, Target):
            document[item.name] = _target_json(value)
        elif isinstance(value, Selector):
            document[item.name] = _selector_json(value)
        elif value is not None:
            document[item.name] = list(value) if isinstance(value, list) else value
    return document


def bot_json(bot: Bot) -> dict[str, object]:
    parameters: list[dict[str, object]] = []
    for parameter in bot.parameters:
        item: dict[str, object] = {"name": parameter.name, "type": parameter.type}
        if parameter.label:
            item["label"] = parameter.label
        if parameter.default is not None:
            item["default"] = parameter.default
        if parameter.choices:
            item["choices"] = list(parameter.choices)
        parameters.append(item)
    document: dict[str, object] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "name": bot.name,
        "description": bot.description,
    }
    # Written only when set, so a bot without it is the same file as before the field existed.
    if bot.human_minutes_per_case is not None:
        document["human_minutes_per_case"] = bot.human_minutes_per_case
    document["parameters"] = parameters
    document["steps"] = [step_json(step) for step in bot.steps]
    return document


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def save_bot(bot: Bot, folder: Path | str, pictures: dict[str, bytes] | None = None) -> Path:
    """Write ``bot`` (and any new ``pictures`` by file name) into ``folder``; returns bot.json.

    The bot is checked first exactly as loading would check it, so a bot that could not be loaded
    again is never written. New pictures come from the recorder and the player, which encoded
    them; they are checked for their PNG signature here and decoded at the next load.
    """
    folder = Path(folder)
    file = folder / BOT_FILE
    pictures = pictures or {}
    images = folder / IMAGES_DIR
    document = bot_json(bot)
    for name, data in pictures.items():
        if (len(name) > MAX_PICTURE_NAME or not PICTURE_NAME.match(name)
                or not data.startswith(PNG_SIGNATURE)):
            raise BotFileError(file, f"picture {abbreviate(name)} is not a PNG with a plain "
                                     "file name")
    parse_bot(document, file, images=None)
    # Writing through a link would put the pictures somewhere else on the computer.
    if not inside(folder, images):
        raise BotFileError(file, f"the {IMAGES_DIR} folder {LINK_OUT}")
    for index, step in enumerate(bot.steps):
        for field_name, name in _named_pictures(step):
            if name in pictures:
                continue
            problem = _kept_picture_problem(folder, images / name)
            if problem:
                raise BotFileError(file, f"picture {IMAGES_DIR}/{name} {problem}",
                                   step_index=index, step_id=_shown_as_written(step.id),
                                   field=field_name)
    images.mkdir(parents=True, exist_ok=True)
    for name, data in pictures.items():
        _write_atomically(images / name, data)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(file, text.encode("utf-8"))
    return file


def _kept_picture_problem(folder: Path, picture: Path) -> str | None:
    """Why a picture the bot keeps from before cannot stay, or None; it is not read again."""
    if not inside(folder, picture):
        return LINK_OUT
    try:
        return None if picture.is_file() else "is missing"
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"


def _names_a_bot(folder: Path) -> bool:
    """Whether ``folder`` holds something called bot.json: loading it then says what is wrong
    with it (a pipe, a link out, a folder) instead of "no bot here"."""
    return os.path.lexists(folder / BOT_FILE)


def resolve_bot_folder(name_or_path: str) -> Path:
    """A bot named in the library (the user's, then the shipped examples) or a bot folder's path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.name == BOT_FILE:
        candidate = candidate.parent
    if _names_a_bot(candidate) or os.sep in name_or_path or name_or_path.startswith("."):
        return candidate
    for library in (paths.library_dir(), paths.shipped_examples_dir()):
        if _names_a_bot(library / name_or_path):
            return library / name_or_path
    return candidate
