"""Edits a superuser makes to a bot: the open bot as a document that announces every change.

``BotDocument`` holds one open bot (its folder, whether it may be changed, pictures not yet
written) and is the one place the studio changes it. Each operation checks its input first (a
bad value raises ``EditError`` naming the field and why, and changes nothing), changes the plain
``Bot``, tells its listeners exactly what changed (``StepsInserted``, ``StepMoved`` …, after the
manner of napari's evented list, so a Qt model can stay a thin view), and returns what its
inverse needs: the undo commands in the studio are built on these and nothing else. Pure edit
functions written elsewhere (``(bot, ...) -> None`` that mutate or raise ``EditError``) become
announced, undoable edits through ``change_bot``. No Qt here, no files written here.

The plain functions at the end (``promote_to_parameter``, ``keep_learned_pictures``) are such
pure edits, also used by the command line.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TypeAlias

from app.core.model.bot import (
    BRANCHES,
    MOUSE_BUTTONS,
    PARAMETER_NAME,
    TEXT_METHODS,
    WAIT_UNTIL,
    Bot,
    Branch,
    ClickStep,
    DecisionStep,
    LearnedAnchor,
    Parameter,
    ParameterType,
    Point,
    ReadTextStep,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
    all_steps,
    new_step_id,
    step_targets,
)
from app.core.model.botfile import (
    FORMAT_NAME,
    FORMAT_VERSION,
    IMAGES_DIR,
    MAX_PICTURE_NAME,
    PICTURE_NAME,
    PNG_SIGNATURE,
    BotFileError,
    bot_json,
    parse_bot,
    placeholders,
    step_json,
)


class EditError(ValueError):
    """An edit that cannot be made, saying why."""


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class StepsInserting:
    """``count`` steps are about to be put at ``index`` (sent before, as Qt's models need)."""

    index: int
    count: int


@dataclass(frozen=True)
class StepsRemoving:
    """The ``count`` steps at ``index`` … are about to go."""

    index: int
    count: int


@dataclass(frozen=True)
class StepMoving:
    """The step at ``source`` is about to move to ``destination`` (see ``StepMoved``)."""

    source: int
    destination: int


@dataclass(frozen=True)
class StepsInserted:
    """``count`` steps now stand at ``index`` … ``index + count - 1``."""

    index: int
    count: int


@dataclass(frozen=True)
class StepsRemoved:
    """The ``count`` steps that stood at ``index`` … are gone."""

    index: int
    count: int


@dataclass(frozen=True)
class StepMoved:
    """The step at ``source`` now stands at ``destination`` (an index in the list after the
    move, as ``steps.insert(destination, steps.pop(source))`` leaves it)."""

    source: int
    destination: int


@dataclass(frozen=True)
class StepChanged:
    """Fields (paths such as "comment" or "target.anchor") of the step at ``index`` changed."""

    index: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class StepsReset:
    """Any step may have changed, come or gone: read the whole list again."""


@dataclass(frozen=True)
class ParametersChanged:
    """The bot's parameters changed."""


@dataclass(frozen=True)
class PicturesChanged:
    """A picture not yet written came or went, so a view may show another image."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class DirtyChanged:
    """The bot now differs (``dirty``) or no longer differs from what was last saved."""

    dirty: bool


DocumentEvent: TypeAlias = (StepsInserting | StepsInserted | StepsRemoving | StepsRemoved
                            | StepMoving | StepMoved | StepChanged | StepsReset
                            | ParametersChanged | PicturesChanged | DirtyChanged)
Listener: TypeAlias = Callable[[DocumentEvent], None]
Move: TypeAlias = tuple[int, int]


@dataclass(frozen=True)
class Snapshot:
    """The parameters and steps of a bot at one moment, for undoing a ``change_bot``."""

    parameters: list[Parameter]
    steps: list[Step]


# ---------------------------------------------------------------- what may be changed, and how

# Leaf field name → what a value must be. Targets' fields are reached as "target.x"/"end.x".
_CHOICES: dict[str, tuple[str, ...]] = {
    "method": TEXT_METHODS, "button": MOUSE_BUTTONS, "until": WAIT_UNTIL,
}
_TEXTS = {"comment", "text", "key", "title", "into", "label"}
_OPTIONAL_TEXTS = {"window_title", "thumbnail"}
_OPTIONAL_SECONDS = {"timeout_s", "think_time_s"}
_WHOLE_NUMBERS = {"clicks", "dx", "dy"}
_POINTS = {"absolute", "window_point", "anchor_offset"}
_TARGET_FIELDS = {item.name for item in fields(Target)}
_STEP_OBJECTS = ("target", "end")


def _check_value(path: str, leaf: str, value: object) -> object:
    """``value`` as the field stores it, or EditError saying why it cannot be."""
    def refuse(why: str) -> EditError:
        return EditError(f"{path}: {why}")

    if leaf in ("enabled", "points_are_fine"):
        if not isinstance(value, bool):
            raise refuse("must be true or false")
        return value
    if leaf in _CHOICES:
        if value not in _CHOICES[leaf]:
            raise refuse(f"must be one of {', '.join(_CHOICES[leaf])}, not {value!r}")
        return value
    if leaf in _TEXTS or leaf in _OPTIONAL_TEXTS or leaf == "anchor":
        if value is None and (leaf in _OPTIONAL_TEXTS or leaf == "anchor"):
            return None
        if not isinstance(value, str):
            raise refuse("must be a text")
        if leaf == "key" and not value.strip():
            raise refuse("must name a key")
        return value.strip() if leaf == "comment" else value
    if leaf in _OPTIONAL_SECONDS or leaf in ("seconds", "confidence"):
        if value is None and leaf != "seconds":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise refuse("must be a number")
        number = float(value)
        if not math.isfinite(number) or number < 0:
            raise refuse("must be zero or more")
        if leaf == "timeout_s" and number == 0:
            raise refuse("must be more than zero")
        if leaf == "confidence" and not 0 < number <= 1:
            raise refuse("must be more than 0 and at most 1")
        return number
    if leaf in _WHOLE_NUMBERS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse("must be a whole number")
        if leaf == "clicks" and not 1 <= value <= 3:
            raise refuse("must be 1, 2 or 3")
        return value
    if leaf == "keys":
        if (not isinstance(value, list | tuple) or not value
                or not all(isinstance(key, str) and key.strip() for key in value)):
            raise refuse("must be a list of one or more key names")
        return list(value)
    if leaf == "show":
        # Which parameters a decision shows (none: all); the loader checks that they exist.
        if not isinstance(value, list | tuple) or not all(isinstance(name, str)
                                                           for name in value):
            raise refuse("must be a list of parameter names")
        return list(value)
    if leaf in _POINTS:
        if value is None or isinstance(value, Point):
            return value
        if (isinstance(value, list | tuple) and len(value) == 2
                and all(isinstance(part, int) and not isinstance(part, bool) for part in value)):
            return Point(value[0], value[1])
        raise refuse("must be a point (x, y) in whole pixels")
    raise refuse("cannot be changed here")


# ---------------------------------------------------------------- the document


class BotDocument:
    """One open bot, changed only through these operations, each announced to the listeners.

    ``state`` names the bot's current content: every edit gives a fresh one, and an undo gives
    back the one from before (``restore_state``), so the bot is clean again exactly when it is
    back in the state it was saved in.
    """

    _states = itertools.count(1)

    def __init__(self, bot: Bot, folder: Path | None = None, *, read_only: bool = False,
                 pictures: Mapping[str, bytes] | None = None) -> None:
        self.bot = bot
        self.folder = folder
        self.read_only = read_only
        # Set while a robot runs this bot: it reads the steps, so nothing may change them.
        self.locked = False
        # Pictures the steps may name that are not in the folder yet; written on save.
        self.pending_pictures: dict[str, bytes] = dict(pictures or {})
        self._listeners: list[Listener] = []
        self._state = next(self._states)
        self._saved_state = self._state
        if self.pending_pictures:
            self._state = next(self._states)

    # ------------------------------------------------------------ listeners and state

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: DocumentEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def steps(self) -> list[Step]:
        return self.bot.steps

    @property
    def state(self) -> int:
        return self._state

    @property
    def dirty(self) -> bool:
        return self._state != self._saved_state

    def restore_state(self, state: int) -> None:
        """Say the content is again what it was when ``state`` was current (after an undo)."""
        was = self.dirty
        self._state = state
        if self.dirty != was:
            self._emit(DirtyChanged(self.dirty))

    def mark_saved(self) -> None:
        """The bot as it is now is what the folder holds; its pending pictures were written."""
        was = self.dirty
        self.pending_pictures.clear()
        self._saved_state = self._state
        if was:
            self._emit(DirtyChanged(False))

    def _changed(self) -> None:
        if self.read_only:
            # Checked before any change: an example must never be edited by accident.
            raise AssertionError("a read-only bot was changed")
        was = self.dirty
        self._state = next(self._states)
        if not was:
            self._emit(DirtyChanged(True))

    def _check_writable(self) -> None:
        if self.read_only:
            raise EditError("this bot is an example and cannot be changed; save it as your "
                            "own bot first")
        if self.locked:
            raise EditError("the bot is running; change it when the robot has stopped")

    @property
    def editable(self) -> bool:
        return not self.read_only and not self.locked

    def index_of(self, step_id: str) -> int:
        """The row showing the step: its own, or its decision's for a step in a branch."""
        return self._place_of(step_id)[0]

    def step(self, step_id: str) -> Step:
        _, holder, position = self._place_of(step_id)
        return holder[position]

    def _place_of(self, step_id: str) -> tuple[int, list[Step], int]:
        """The row showing the step, the list holding it (the bot's steps or a decision's
        branch) and its place in that list."""
        for index, step in enumerate(self.bot.steps):
            if step.id == step_id:
                return index, self.bot.steps, index
        inside = self.place_in_branch(step_id)
        if inside is None:
            raise EditError(f"there is no step with id {step_id!r}")
        row, branch, position = inside
        decision = self.bot.steps[row]
        assert isinstance(decision, DecisionStep)
        return row, decision.branch(branch), position

    def place_in_branch(self, step_id: str) -> tuple[int, Branch, int] | None:
        """Where a step inside a decision's branch is: its decision's row, the branch and its
        place there; None when no branch holds it."""
        for row, step in enumerate(self.bot.steps):
            if isinstance(step, DecisionStep):
                for branch in BRANCHES:
                    for position, inner in enumerate(step.branch(branch)):
                        if inner.id == step_id:
                            return row, branch, position
        return None

    def _check_rows(self, rows: Iterable[int]) -> list[int]:
        unique = sorted(set(rows))
        count = len(self.bot.steps)
        bad = [row for row in unique if not 0 <= row < count]
        if bad:
            raise EditError(f"there is no step number {bad[0] + 1} (the bot has {count})")
        return unique

    # ------------------------------------------------------------ pictures

    def has_picture(self, name: str) -> bool:
        if name in self.pending_pictures:
            return True
        return self.folder is not None and (self.folder / IMAGES_DIR / name).is_file()

    def picture(self, name: str) -> bytes | Path | None:
        """A picture's bytes when not written yet, else its file; None when there is none."""
        if name in self.pending_pictures:
            return self.pending_pictures[name]
        if self.folder is not None and (self.folder / IMAGES_DIR / name).is_file():
            return self.folder / IMAGES_DIR / name
        return None

    def add_picture(self, name: str, png: bytes) -> bytes | None:
        """Keep a new picture until the next save; returns the pending picture it replaced."""
        self._check_writable()
        if len(name) > MAX_PICTURE_NAME or not PICTURE_NAME.match(name):
            raise EditError(f"picture {name!r}: not a plain picture file name (letters, digits, "
                            "'-', '_', '.', ending in .png)")
        if not png.startswith(PNG_SIGNATURE):
            raise EditError(f"picture {name!r}: not a PNG picture")
        previous = self.pending_pictures.get(name)
        self.pending_pictures[name] = png
        self._changed()
        self._emit(PicturesChanged((name,)))
        return previous

    def remove_picture(self, name: str, previous: bytes | None = None) -> None:
        """Undo ``add_picture``: forget the pending picture (or put back the one it replaced)."""
        self._check_writable()
        if previous is None:
            self.pending_pictures.pop(name, None)
        else:
            self.pending_pictures[name] = previous
        self._changed()
        self._emit(PicturesChanged((name,)))

    def free_picture_name(self, stem: str) -> str:
        """A picture name no picture of this bot has yet: ``stem.png``, ``stem-2.png`` …"""
        candidate, number = f"{stem}.png", 2
        while self.has_picture(candidate):
            candidate, number = f"{stem}-{number}.png", number + 1
        return candidate

    # ------------------------------------------------------------ steps

    def insert_steps(self, index: int, steps: Sequence[Step]) -> None:
        """Put ``steps`` at ``index`` (the end when it is the step count); undone by
        ``remove_steps``."""
        self._check_writable()
        if not 0 <= index <= len(self.bot.steps):
            raise EditError(f"cannot insert at step number {index + 1}")
        if not steps:
            return
        known = {step.id for step in all_steps(self.bot.steps)}
        new_ids = [step.id for step in all_steps(list(steps))]
        if len(set(new_ids)) != len(new_ids) or known & set(new_ids):
            raise EditError("a step with the same id is already in the bot")
        self._check_steps(steps)
        self._emit(StepsInserting(index, len(steps)))
        self.bot.steps[index:index] = list(steps)
        self._emit(StepsInserted(index, len(steps)))
        self._changed()

    def remove_steps(self, rows: Iterable[int]) -> list[tuple[int, Step]]:
        """Take out the steps at ``rows``; returns each with its index, for ``restore_steps``."""
        self._check_writable()
        unique = self._check_rows(rows)
        if not unique:
            return []
        removed = [(row, self.bot.steps[row]) for row in unique]
        # Bottom block first, so the indices of the blocks above stay true.
        for start, count in reversed(_blocks(unique)):
            self._emit(StepsRemoving(start, count))
            del self.bot.steps[start:start + count]
            self._emit(StepsRemoved(start, count))
        self._changed()
        return removed

    def restore_steps(self, removed: Sequence[tuple[int, Step]]) -> None:
        """Put steps back where ``remove_steps`` took them from."""
        self._check_writable()
        ordered = sorted(removed, key=lambda item: item[0])
        rows = [row for row, _ in ordered]
        by_row = dict(ordered)
        for start, count in _blocks(rows):
            self._emit(StepsInserting(start, count))
            self.bot.steps[start:start] = [by_row[row] for row in range(start, start + count)]
            self._emit(StepsInserted(start, count))
        self._changed()

    def move_steps(self, rows: Iterable[int], before: int) -> list[Move]:
        """Move the steps at ``rows`` (in their order) to stand together before the step now at
        ``before`` (the end when it is the step count); returns the single moves made, for
        ``revert_moves``."""
        self._check_writable()
        unique = self._check_rows(rows)
        if not 0 <= before <= len(self.bot.steps):
            raise EditError(f"cannot move to step number {before + 1}")
        steps = self.bot.steps
        moving = [steps[row] for row in unique]
        moving_ids = {id(step) for step in moving}
        # The first step staying put at or after the drop place; the moved ones go before it.
        anchor = next((step for step in steps[before:] if id(step) not in moving_ids), None)
        moves: list[Move] = []
        previous: Step | None = None
        for step in moving:
            source = _position(steps, step)
            if previous is None:
                destination = len(steps) - 1 if anchor is None else _position(steps, anchor)
                if destination > source and anchor is not None:
                    destination -= 1
            else:
                destination = _position(steps, previous)
                if destination < source:
                    destination += 1
            if destination != source:
                self._move_one(source, destination)
                moves.append((source, destination))
            previous = step
        if moves:
            self._changed()
        return moves

    def revert_moves(self, moves: Sequence[Move]) -> None:
        """Undo ``move_steps``: the same single moves backwards, last first."""
        self._check_writable()
        for source, destination in reversed(moves):
            self._move_one(destination, source)
        if moves:
            self._changed()

    def apply_moves(self, moves: Sequence[Move]) -> None:
        """Redo the single moves ``move_steps`` made."""
        self._check_writable()
        for source, destination in moves:
            self._move_one(source, destination)
        if moves:
            self._changed()

    def _move_one(self, source: int, destination: int) -> None:
        steps = self.bot.steps
        self._emit(StepMoving(source, destination))
        steps.insert(destination, steps.pop(source))
        self._emit(StepMoved(source, destination))

    def duplicate_steps(self, rows: Iterable[int]) -> tuple[int, int]:
        """Copies (with new ids) of the steps at ``rows`` right after the last of them; returns
        where the copies stand (index, count), for ``remove_steps``."""
        self._check_writable()
        unique = self._check_rows(rows)
        if not unique:
            return (0, 0)
        copies = [copy_step(self.bot.steps[row]) for row in unique]
        index = unique[-1] + 1
        self.insert_steps(index, copies)
        return (index, len(copies))

    def set_enabled(self, rows: Iterable[int], enabled: bool) -> dict[str, bool]:
        """Switch the steps at ``rows`` on or off; returns each changed step's previous setting
        by id, for ``restore_enabled``."""
        self._check_writable()
        previous: dict[str, bool] = {}
        for row in self._check_rows(rows):
            step = self.bot.steps[row]
            if step.enabled != enabled:
                previous[step.id] = step.enabled
                step.enabled = enabled
                self._emit(StepChanged(row, ("enabled",)))
        if previous:
            self._changed()
        return previous

    def restore_enabled(self, previous: Mapping[str, bool]) -> None:
        self._check_writable()
        for step_id, enabled in previous.items():
            self.step(step_id).enabled = enabled
            self._emit(StepChanged(self.index_of(step_id), ("enabled",)))
        if previous:
            self._changed()

    def change_step(self, step_id: str, changes: Mapping[str, object]) -> dict[str, object]:
        """Set fields of one step by path ("comment", "timeout_s", "target.anchor" …); a step
        in a decision's branch is changed where it is, and announced as its decision's row.

        Every value is checked first, then the changed step as the bot file's loader would
        check it; on any problem ``EditError`` names the field and nothing changes. Returns the
        previous values by the same paths, which ``change_step`` takes back as the undo.
        """
        self._check_writable()
        index, holder, position = self._place_of(step_id)
        current = holder[position]
        candidate = copy.deepcopy(current)
        previous: dict[str, object] = {}
        for path, value in changes.items():
            head, _, leaf = path.partition(".")
            if not leaf:
                if head in _STEP_OBJECTS and _has_field(candidate, head):
                    # A whole target, used by undo to put back a target that was not there.
                    if value is not None and not isinstance(value, Target):
                        raise EditError(f"{path}: must be a target")
                    if head == "target" and not isinstance(candidate, WaitStep) and value is None:
                        raise EditError(f"{path}: this kind of step needs a target")
                    previous.setdefault(head, copy.deepcopy(getattr(current, head)))
                    setattr(candidate, head, copy.deepcopy(value))
                    continue
                if head == "id" or not _has_field(candidate, head):
                    raise EditError(f"{path}: a {current.kind} step has no such field")
                checked = _check_value(path, head, value)
                previous.setdefault(path, copy.deepcopy(getattr(current, head)))
                setattr(candidate, head, checked)
                continue
            if head not in _STEP_OBJECTS or not _has_field(candidate, head) \
                    or leaf not in _TARGET_FIELDS:
                raise EditError(f"{path}: a {current.kind} step has no such field")
            checked = _check_value(path, leaf, value)
            if leaf == "anchor" and checked is not None and not self.has_picture(str(checked)):
                raise EditError(f"{path}: the bot has no picture {checked!r}")
            target = getattr(candidate, head)
            if target is None:
                # A wait step gets a target when it is first given a picture; undo takes the
                # whole target away again.
                previous.setdefault(head, None)
                target = Target()
                setattr(candidate, head, target)
            elif head not in previous:
                previous.setdefault(path, copy.deepcopy(getattr(target, leaf)))
            setattr(target, leaf, checked)
        self._check_steps([candidate], index if holder is self.bot.steps else None)
        if not previous:
            return {}
        holder[position] = candidate
        self._changed()
        self._emit(StepChanged(index, tuple(changes)))
        return previous

    def _check_steps(self, steps: Sequence[Step], first_index: int | None = None) -> None:
        """The steps as the loader would read them back with this bot's parameters, so a bot
        that could not be loaded again is never made."""
        document = {
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "name": "check",
            "parameters": bot_json(Bot("check", parameters=self.bot.parameters))["parameters"],
            "steps": [step_json(step) for step in steps],
        }
        try:
            parse_bot(document, Path("bot.json"), images=None)
        except BotFileError as error:
            where = f"{error.field}: " if error.field else ""
            number = ""
            if first_index is not None and error.step_index is not None:
                number = f"step {first_index + error.step_index + 1}: "
            raise EditError(f"{number}{where}{error.reason}") from None

    # ------------------------------------------------------------ the whole bot

    def set_parameters(self, parameters: Sequence[Parameter]) -> list[Parameter]:
        """Give the bot these parameters (pasted steps bring the ones they use); returns the
        ones it had, for the undo. Every step must still find the parameters it names."""
        self._check_writable()
        names = [parameter.name for parameter in parameters]
        if len(set(names)) != len(names):
            raise EditError("two parameters have the same name")
        used = {name for step in self.bot.steps for name in _placeholders_in(step)}
        missing = sorted(used - set(names))
        if missing:
            raise EditError(f"parameter {{{{{missing[0]}}}}} is still used by a step")
        previous = self.bot.parameters
        self.bot.parameters = list(parameters)
        self._changed()
        self._emit(ParametersChanged())
        return previous

    def snapshot(self) -> Snapshot:
        return Snapshot(copy.deepcopy(self.bot.parameters), copy.deepcopy(self.bot.steps))

    def change_bot(self, mutator: Callable[[Bot], object]) -> tuple[Snapshot, Snapshot]:
        """Run a pure edit on the bot (e.g. make, rename or delete a parameter) and announce it.

        ``mutator`` changes the bot or raises ``EditError``; when it raises, the bot is put back
        as it was. Returns the bot before and after, for ``restore``.
        """
        self._check_writable()
        before = self.snapshot()
        try:
            mutator(self.bot)
        except Exception:
            self.bot.parameters, self.bot.steps = before.parameters, before.steps
            # The snapshot now lives in the bot; keep an unshared one for the caller's undo.
            before = self.snapshot()
            raise
        after = self.snapshot()
        self._announce(before, after)
        return before, after

    def restore(self, snapshot: Snapshot) -> None:
        """Put back parameters and steps as ``snapshot`` holds them (undo or redo of
        ``change_bot``)."""
        self._check_writable()
        before = self.snapshot()
        self.bot.parameters = copy.deepcopy(snapshot.parameters)
        self.bot.steps = copy.deepcopy(snapshot.steps)
        self._announce(before, snapshot)

    def _announce(self, before: Snapshot, after: Snapshot) -> None:
        parameters_changed = ([bot_json(Bot("x", parameters=before.parameters))["parameters"]]
                              != [bot_json(Bot("x", parameters=after.parameters))["parameters"]])
        same_ids = [step.id for step in before.steps] == [step.id for step in after.steps]
        changed_rows = [index for index, (old, new) in enumerate(zip(before.steps, after.steps,
                                                                     strict=False))
                        if step_json(old) != step_json(new)]
        if not parameters_changed and same_ids and not changed_rows:
            return
        self._changed()
        if parameters_changed:
            self._emit(ParametersChanged())
        if not same_ids:
            self._emit(StepsReset())
        else:
            for row in changed_rows:
                self._emit(StepChanged(row, ()))

    def replace_bot(self, bot: Bot, pictures: Mapping[str, bytes] | None = None, *,
                    saved: bool) -> None:
        """Show another version of the bot (read again from disk, or a recovery copy); not an
        edit that can be undone."""
        was = self.dirty
        self.bot = bot
        self.pending_pictures = dict(pictures or {})
        self._state = next(self._states)
        if saved:
            self._saved_state = self._state
        self._emit(ParametersChanged())
        self._emit(StepsReset())
        if self.dirty != was:
            self._emit(DirtyChanged(self.dirty))

    def changed_outside(self, pictures: Mapping[str, bytes]) -> None:
        """The bot's steps were changed by a plain function (pictures a run learned): keep the
        pictures, announce the change and mark the bot changed. Not undoable."""
        self.pending_pictures.update(pictures)
        self._changed()
        self._emit(PicturesChanged(tuple(pictures)))
        self._emit(StepsReset())


def copy_step(step: Step) -> Step:
    """A copy of ``step`` with a new id, for duplicating and pasting."""
    duplicate = copy.deepcopy(step)
    duplicate.id = new_step_id()
    if isinstance(duplicate, DecisionStep):
        # Ids are unique across the whole bot, branches included.
        for inner in duplicate.approve_steps + duplicate.reject_steps:
            inner.id = new_step_id()
    return duplicate


def _placeholders_in(step: Step) -> list[str]:
    texts = [inner.text for inner in all_steps([step]) if isinstance(inner, TypeTextStep)]
    shown = step.show if isinstance(step, DecisionStep) else []
    return [name for text in texts for name in placeholders(text)] + shown


def _has_field(step: Step, name: str) -> bool:
    return any(item.name == name for item in fields(step))


def _position(steps: list[Step], step: Step) -> int:
    return next(index for index, candidate in enumerate(steps) if candidate is step)


def _blocks(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as runs of neighbours: (first row, count)."""
    blocks: list[tuple[int, int]] = []
    for row in rows:
        if blocks and blocks[-1][0] + blocks[-1][1] == row:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
        else:
            blocks.append((row, 1))
    return blocks


# ---------------------------------------------------------------- pure edits


def value_name(words: str, taken: Iterable[str]) -> str:
    """A name for a value, made from the words a person knows it by ("Namn i folkbokföringen"
    → "namn_i_folkbokforingen"), usable in a bot file and not among ``taken``."""
    folded = unicodedata.normalize("NFKD", words)
    plain = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40].strip("_") or "varde"
    if base[0].isdigit():
        base = f"v_{base}"
    used = set(taken)
    name, number = base, 2
    while name in used:
        name, number = f"{base}_{number}", number + 1
    return name


def read_text_instead(bot: Bot, row: int) -> ReadTextStep:
    """The click at ``row`` becomes a step that reads what the clicked element shows, for the
    person deciding later in the run to see: the caseworker clicked the field the case system
    filled in (the name from the population register) while recording."""
    if not 0 <= row < len(bot.steps):
        raise EditError(f"the bot has no step {row + 1}")
    click = bot.steps[row]
    if not isinstance(click, ClickStep) or click.target.selector is None \
            or not click.target.window_title:
        raise EditError("only a click on an element the recording named (a field, a text) "
                        "can become a step that reads its text")
    selector = click.target.selector
    words = selector.name or next(iter(selector.labels), "") or selector.role
    taken = [parameter.name for parameter in bot.parameters]
    taken += [step.into for step in all_steps(bot.steps) if isinstance(step, ReadTextStep)]
    read = ReadTextStep(target=copy.deepcopy(click.target), into=value_name(words, taken),
                        label=words.strip(), comment=click.comment, enabled=click.enabled,
                        timeout_s=click.timeout_s, thumbnail=click.thumbnail)
    bot.steps[row] = read
    return read


def promote_to_parameter(bot: Bot, step_id: str, name: str, kind: ParameterType = "text",
                         label: str = "", *, keep_default: bool = False) -> Parameter:
    """Turn the text a type-text step types into ``{{name}}`` and give the bot that parameter.

    The typed value becomes the default only when asked (``keep_default``) and never for a
    secret, so recorded personal data and passwords do not stay in the bot file by accident.
    """
    step = next((s for s in bot.steps if s.id == step_id), None)
    if not isinstance(step, TypeTextStep):
        raise EditError(f"step {step_id!r} is not a type-text step")
    if not PARAMETER_NAME.match(name):
        raise EditError(f"{name!r} is not a usable parameter name")
    if bot.parameter(name) is not None:
        raise EditError(f"the bot already has a parameter {name!r}")
    default = step.text if keep_default and kind != "secret" else None
    parameter = Parameter(name=name, type=kind, label=label, default=default)
    bot.parameters.append(parameter)
    step.text = f"{{{{{name}}}}}"
    return parameter


def keep_learned_pictures(bot: Bot, learned: list[LearnedAnchor]) -> dict[str, bytes]:
    """Point each step the person showed the robot at its new picture; returns the pictures
    by file name, for ``save_bot``."""
    pictures: dict[str, bytes] = {}
    for item in learned:
        step = next((s for s in bot.steps if s.id == item.step_id), None)
        if step is None or not step_targets(step):
            continue
        name = f"shown-{item.step_id}.png"
        target = step_targets(step)[0]
        target.anchor, target.anchor_offset = name, item.offset
        if item.selector is not None:
            target.selector = item.selector
        pictures[name] = item.picture_png
    return pictures
