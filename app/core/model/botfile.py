"""The bot file format: ``<bot>/bot.json`` plus ``<bot>/images/*.png``.

A bot is a file people hand to each other between municipalities, so loading trusts nothing:
every field is checked, and any problem raises one ``BotFileError`` naming the file, the step and
the field. Nothing half-loaded is ever returned. Saving writes a temporary file and renames it, so
a crash leaves either the old or the new bot.json, never a torn one.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar, cast

from app.core import paths
from app.core.model.bot import (
    MOUSE_BUTTONS,
    PARAMETER_NAME,
    PARAMETER_TYPES,
    STEP_KINDS,
    TEXT_METHODS,
    WAIT_UNTIL,
    Bot,
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Parameter,
    Point,
    ScrollStep,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)

FORMAT_NAME = "robotfabrik-bot"
FORMAT_VERSION = 1
BOT_FILE = "bot.json"
IMAGES_DIR = "images"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
PICTURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.png$")

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


def one_line(text: str) -> str:
    """``text`` with every line break made a space: a message is one line wherever it is shown.

    A value quoted from a file (a step id, a JSON error) may hold a line break, and a log line
    or a terminal line must not be split by it.
    """
    return " ".join(text.splitlines())


class _FieldError(Exception):
    """Raised inside parsing with the dotted field path; turned into BotFileError with context."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


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
             default: object, required: bool) -> object:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise _FieldError(self.name(key), "is missing")
            return default
        value = self.data[key]
        if value is None and default is None and not required:
            return None
        if not check(value):
            raise _FieldError(self.name(key), f"must be {wanted}, not {_kind(value)}")
        if isinstance(value, str) and not _is_clean_text(value):
            raise _FieldError(self.name(key), "holds text that is not valid Unicode")
        return value

    def text(self, key: str, default: str | None = "", required: bool = False) -> Any:
        return self._get(key, lambda v: isinstance(v, str), "text", default, required)

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

    def raw(self, key: str) -> object:
        self.used.add(key)
        return self.data.get(key)

    def finish(self) -> None:
        strays = sorted(set(self.data) - self.used)
        if strays:
            raise _FieldError(self.name(strays[0]), "is not a known field")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_clean_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _one_of(reader: _Fields, key: str, allowed: Iterable[T], default: T) -> T:
    value = reader.text(key, default=cast(str, default))
    options = list(allowed)
    if value not in options:
        raise _FieldError(reader.name(key), f"must be one of {', '.join(map(str, options))}, "
                                          f"not {value!r}")
    return cast(T, value)


# ---------------------------------------------------------------- reading

def _point(data: object, name: str) -> Point | None:
    if data is None:
        return None
    if (not isinstance(data, list) or len(data) != 2
            or not all(_is_int(item) for item in data)):
        raise _FieldError(name, f"must be a pair of whole numbers [x, y], not {_kind(data)}")
    return Point(int(data[0]), int(data[1]))


def _target(data: object, name: str) -> Target:
    reader = _Fields(data, name)
    target = Target(
        absolute=_point(reader.raw("absolute"), reader.name("absolute")),
        window_title=reader.text("window_title", default=None),
        window_point=_point(reader.raw("window_point"), reader.name("window_point")),
        anchor=reader.text("anchor", default=None),
        anchor_offset=_point(reader.raw("anchor_offset"), reader.name("anchor_offset")),
        confidence=reader.number("confidence"),
    )
    reader.finish()
    if target.confidence is not None and not 0 < target.confidence <= 1:
        raise _FieldError(reader.name("confidence"), "must be above 0 and at most 1")
    if target.anchor is not None and not PICTURE_NAME.match(target.anchor):
        raise _FieldError(reader.name("anchor"), f"{target.anchor!r} is not a picture file name "
                                              "in images/ (letters, digits, '-', '_', '.png')")
    if target.anchor is not None and target.anchor_offset is None:
        raise _FieldError(reader.name("anchor_offset"), "is missing (needed with an anchor)")
    if target.is_empty():
        raise _FieldError(name, "has no way to find the place: "
                                "give absolute, window_point or anchor")
    return target


def _keys(data: object, name: str) -> list[str]:
    if not isinstance(data, list) or not data or not all(
            isinstance(item, str) and item for item in data):
        raise _FieldError(name, "must be a non-empty list of key names")
    return [str(item) for item in data]


def _step(data: object, index: int) -> Step:
    reader = _Fields(data, "")
    kind = reader.text("type", required=True)
    if kind not in STEP_KINDS:
        raise _FieldError("type", f"unknown step type {kind!r} (known: {', '.join(STEP_KINDS)})")
    common: dict[str, Any] = {
        "id": reader.text("id", required=True),
        "enabled": reader.boolean("enabled", True),
        "comment": reader.text("comment"),
        "think_time_s": reader.number("think_time_s"),
        "timeout_s": reader.number("timeout_s"),
        "thumbnail": reader.text("thumbnail", default=None),
    }
    if common["thumbnail"] is not None and not PICTURE_NAME.match(common["thumbnail"]):
        raise _FieldError("thumbnail", f"{common['thumbnail']!r} is not a picture file name "
                                       "in images/")
    if common["timeout_s"] is not None and common["timeout_s"] < 0:
        raise _FieldError("timeout_s", "must be zero or more")
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
                          dx=reader.integer("dx"), dy=reader.integer("dy"))
    elif kind == "type_text":
        step = TypeTextStep(**common, text=reader.text("text", required=True),
                            window_title=reader.text("window_title", default=None),
                            method=_one_of(reader, "method", TEXT_METHODS, "type"))
    elif kind == "key":
        key = reader.text("key", required=True)
        if not key:
            raise _FieldError("key", "must name a key")
        step = KeyStep(**common, key=key, window_title=reader.text("window_title", default=None))
    elif kind == "hotkey":
        step = HotkeyStep(**common, keys=_keys(reader.raw("keys"), "keys"),
                          window_title=reader.text("window_title", default=None))
    else:
        step = _wait_step(reader, common)
    reader.finish()
    return step


def _wait_step(reader: _Fields, common: dict[str, Any]) -> WaitStep:
    until = _one_of(reader, "until", WAIT_UNTIL, "time")
    seconds = reader.number("seconds", 1.0)
    if seconds is None or seconds < 0:
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
        default=reader.text("default", default=None),
        choices=[],
    )
    raw_choices = reader.raw("choices")
    if raw_choices is not None:
        if not isinstance(raw_choices, list) or not all(isinstance(c, str) for c in raw_choices):
            raise _FieldError("choices", "must be a list of texts")
        parameter.choices = [str(choice) for choice in raw_choices]
    reader.finish()
    if not PARAMETER_NAME.match(parameter.name):
        raise _FieldError("name", f"{parameter.name!r} is not a usable parameter name "
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
    """Build a Bot from a decoded bot.json; ``images`` (when given) is checked for every picture."""
    try:
        top = _Fields(document, "")
        format_name = top.text("format", required=True)
        if format_name != FORMAT_NAME:
            raise _FieldError("format", f"is {format_name!r}; this is not a Robotfabrik bot file")
        version = top.integer("format_version", required=True)
        if version > FORMAT_VERSION:
            raise _FieldError("format_version", f"is {version}, made by a newer Robotfabrik; this "
                                             f"one reads up to version {FORMAT_VERSION}")
        if version < 1:
            raise _FieldError("format_version", f"is {version}; versions start at 1")
        name = top.text("name", required=True)
        if not name.strip():
            raise _FieldError("name", "must not be empty")
        description = top.text("description")
        raw_parameters = top.raw("parameters")
        raw_steps = top.raw("steps")
        top.finish()
        if raw_parameters is None:
            raw_parameters = []
        if not isinstance(raw_parameters, list):
            raise _FieldError("parameters", f"must be a list, not {_kind(raw_parameters)}")
        if not isinstance(raw_steps, list):
            raise _FieldError("steps", f"must be a list, not {_kind(raw_steps)}")
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
            raise BotFileError(file, f"the name {parameter.name!r} is used twice",
                               parameter_index=index, field="name")
        parameters.append(parameter)
    known = {parameter.name for parameter in parameters}

    steps: list[Step] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(raw_steps):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        # The id as the file has it, even when the step is refused, so the person can find it.
        step_id = raw_id if isinstance(raw_id, str) else None
        try:
            step = _step(raw, index)
        except _FieldError as invalid:
            raise BotFileError(file, invalid.problem, step_index=index, step_id=step_id,
                               field=invalid.field) from None
        if step.id in seen_ids:
            raise BotFileError(file, f"the id {step.id!r} is used by an earlier step",
                               step_index=index, step_id=step_id, field="id")
        seen_ids.add(step.id)
        _check_references(step, index, known, file, images)
        steps.append(step)
    return Bot(name=name, description=description, parameters=parameters, steps=steps)


def _check_references(step: Step, index: int, known: set[str], file: Path,
                      images: Path | None) -> None:
    for field_name, text in _texts(step):
        for reference in placeholders(text):
            if reference not in known:
                raise BotFileError(file, f"refers to parameter {{{{{reference}}}}}, which the bot "
                                         "does not define", step_index=index, step_id=step.id,
                                   field=field_name)
    if images is None:
        return
    pictures = [(f"{field_name}.anchor", target.anchor)
                for field_name, target in _named_targets(step) if target.anchor is not None]
    if step.thumbnail is not None:
        pictures.append(("thumbnail", step.thumbnail))
    for field_name, name in pictures:
        picture = images / name
        if not picture.is_file():
            raise BotFileError(file, f"picture {IMAGES_DIR}/{name} is missing",
                               step_index=index, step_id=step.id, field=field_name)
        with picture.open("rb") as handle:
            if handle.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
                raise BotFileError(file, f"picture {IMAGES_DIR}/{name} is not a PNG file",
                                   step_index=index, step_id=step.id, field=field_name)


def _texts(step: Step) -> list[tuple[str, str]]:
    if isinstance(step, TypeTextStep):
        return [("text", step.text)]
    return []


def _named_targets(step: Step) -> list[tuple[str, Target]]:
    if isinstance(step, DragStep):
        return [("target", step.target), ("end", step.end)]
    if isinstance(step, ClickStep | ScrollStep):
        return [("target", step.target)]
    if isinstance(step, WaitStep) and step.target is not None:
        return [("target", step.target)]
    return []


def load_bot(folder: Path | str) -> Bot:
    """Load and fully check ``folder/bot.json`` and the pictures it names."""
    folder = Path(folder)
    file = folder / BOT_FILE
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise BotFileError(file, "no bot.json here; is this a bot folder?") from None
    except OSError as error:
        raise BotFileError(file, f"cannot be read: {error.strerror or error}") from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BotFileError(file, f"is not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise BotFileError(file, f"is not valid JSON: {error.msg} at line {error.lineno}, "
                                 f"column {error.colno}") from None
    return parse_bot(document, file, folder / IMAGES_DIR)


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
    for item in fields(step):
        if item.name in ("id", "enabled", "comment", "think_time_s", "timeout_s", "thumbnail"):
            continue
        value = getattr(step, item.name)
        if (item.name, value) in (("method", "type"), ("until", "time")):
            continue  # the defaults, left out to keep files short
        if isinstance(value, Target):
            document[item.name] = _target_json(value)
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
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "name": bot.name,
        "description": bot.description,
        "parameters": parameters,
        "steps": [step_json(step) for step in bot.steps],
    }


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
    again is never written.
    """
    folder = Path(folder)
    file = folder / BOT_FILE
    pictures = pictures or {}
    images = folder / IMAGES_DIR
    document = bot_json(bot)
    for name, data in pictures.items():
        if not PICTURE_NAME.match(name) or not data.startswith(PNG_SIGNATURE):
            raise BotFileError(file, f"picture {name!r} is not a PNG with a plain file name")
    missing = sorted(name for name in bot.pictures()
                     if name not in pictures and not (images / name).is_file())
    if missing:
        index = next(i for i, step in enumerate(bot.steps)
                     if step.thumbnail == missing[0]
                     or any(t.anchor == missing[0] for _, t in _named_targets(step)))
        field = "thumbnail" if bot.steps[index].thumbnail == missing[0] else "target.anchor"
        raise BotFileError(file, f"picture {IMAGES_DIR}/{missing[0]} is missing",
                           step_index=index, step_id=bot.steps[index].id, field=field)
    parse_bot(document, file, images=None)
    images.mkdir(parents=True, exist_ok=True)
    for name, data in pictures.items():
        _write_atomically(images / name, data)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(file, text.encode("utf-8"))
    return file


def resolve_bot_folder(name_or_path: str) -> Path:
    """A bot named in the library (the user's, then the shipped examples) or a bot folder's path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.name == BOT_FILE:
        candidate = candidate.parent
    if (candidate / BOT_FILE).is_file() or os.sep in name_or_path or name_or_path.startswith("."):
        return candidate
    for library in (paths.library_dir(), paths.shipped_examples_dir()):
        if (library / name_or_path / BOT_FILE).is_file():
            return library / name_or_path
    return candidate
