"""Undo and redo for every edit in the studio: one ``QUndoCommand`` per kind of edit.

Each command makes its edit through the core's ``BotDocument`` when it is built, so a bad value
raises ``EditError`` before anything reaches the undo stack, and the first ``redo`` that
``QUndoStack.push`` calls does nothing. Undo runs the document's inverse operation with what the
edit returned, then gives the document back its state from before, so undoing to the saved
version makes the bot clean again. Commands hold step ids and indices, never widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from app.core.model.bot import Bot, Parameter, Point, Step
from app.core.model.editing import BotDocument, Move, Snapshot
from app.gui.i18n import tr
from app.gui.qt import QtGui

# Ids for QUndoCommand.id(): only commands with the same id are offered to mergeWith.
_CHANGE_STEP_ID = 1


class DocumentCommand(QtGui.QUndoCommand):
    """An edit already made on ``document``; undo and redo move between its two states."""

    def __init__(self, document: BotDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._before = document.state
        self._after = document.state
        self._pushed = False

    def _made(self) -> None:
        """Call at the end of a subclass's constructor, once the edit is made."""
        self._after = self.document.state

    def redo(self) -> None:
        if not self._pushed:
            # QUndoStack.push calls redo at once; the constructor already made the edit.
            self._pushed = True
            return
        self._redo()
        self.document.restore_state(self._after)

    def undo(self) -> None:
        self._undo()
        self.document.restore_state(self._before)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def rows_after_redo(self) -> list[int]:
        """The rows to select after the edit is made or made again."""
        return []

    def rows_after_undo(self) -> list[int]:
        """The rows to select after the edit is undone."""
        return []


class InsertStepsCommand(DocumentCommand):
    def __init__(self, document: BotDocument, index: int, steps: Sequence[Step],
                 text: str | None = None) -> None:
        super().__init__(document, text or tr("Insert %n step(s)", "", len(steps)))
        self._index = index
        self._steps = list(steps)
        document.insert_steps(index, self._steps)
        self._made()

    def _redo(self) -> None:
        self.document.insert_steps(self._index, self._steps)

    def _undo(self) -> None:
        self.document.remove_steps(range(self._index, self._index + len(self._steps)))

    def rows_after_redo(self) -> list[int]:
        return list(range(self._index, self._index + len(self._steps)))

    def rows_after_undo(self) -> list[int]:
        return [min(self._index, len(self.document.steps) - 1)] if self.document.steps else []


class RemoveStepsCommand(DocumentCommand):
    def __init__(self, document: BotDocument, rows: Sequence[int],
                 text: str | None = None) -> None:
        super().__init__(document, text or tr("Delete %n step(s)", "", len(set(rows))))
        self._removed = document.remove_steps(rows)
        self._made()

    def _redo(self) -> None:
        self._removed = self.document.remove_steps([row for row, _ in self._removed])

    def _undo(self) -> None:
        self.document.restore_steps(self._removed)

    def rows_after_redo(self) -> list[int]:
        if not self._removed or not self.document.steps:
            return []
        return [min(self._removed[0][0], len(self.document.steps) - 1)]

    def rows_after_undo(self) -> list[int]:
        return [row for row, _ in self._removed]


class MoveStepsCommand(DocumentCommand):
    def __init__(self, document: BotDocument, rows: Sequence[int], before: int) -> None:
        count = len(set(rows))
        super().__init__(document, tr("Move %n step(s)", "", count))
        self._rows = sorted(set(rows))
        moved = {id(document.steps[row]) for row in self._rows}
        self._moves: list[Move] = document.move_steps(rows, before)
        self._new_rows = [row for row, step in enumerate(document.steps) if id(step) in moved]
        self._made()

    def made_a_change(self) -> bool:
        return bool(self._moves)

    def _redo(self) -> None:
        self.document.apply_moves(self._moves)

    def _undo(self) -> None:
        self.document.revert_moves(self._moves)

    def rows_after_redo(self) -> list[int]:
        return self._new_rows

    def rows_after_undo(self) -> list[int]:
        return self._rows


class DuplicateStepsCommand(DocumentCommand):
    def __init__(self, document: BotDocument, rows: Sequence[int]) -> None:
        super().__init__(document, tr("Duplicate %n step(s)", "", len(set(rows))))
        self._rows = sorted(set(rows))
        self._index, count = document.duplicate_steps(rows)
        self._copies = document.steps[self._index:self._index + count]
        self._made()

    def _redo(self) -> None:
        self.document.insert_steps(self._index, self._copies)

    def _undo(self) -> None:
        self.document.remove_steps(range(self._index, self._index + len(self._copies)))

    def rows_after_redo(self) -> list[int]:
        return list(range(self._index, self._index + len(self._copies)))

    def rows_after_undo(self) -> list[int]:
        return self._rows


class SetEnabledCommand(DocumentCommand):
    def __init__(self, document: BotDocument, rows: Sequence[int], enabled: bool) -> None:
        count = len(set(rows))
        super().__init__(document, tr("Switch on %n step(s)", "", count) if enabled else
                         tr("Switch off %n step(s)", "", count))
        self._rows = sorted(set(rows))
        self._enabled = enabled
        self._previous = document.set_enabled(rows, enabled)
        self._made()

    def made_a_change(self) -> bool:
        return bool(self._previous)

    def _redo(self) -> None:
        self.document.set_enabled(self._rows, self._enabled)

    def _undo(self) -> None:
        self.document.restore_enabled(self._previous)

    def rows_after_redo(self) -> list[int]:
        return self._rows

    rows_after_undo = rows_after_redo


class ChangeStepCommand(DocumentCommand):
    """Fields of one step changed (by path: "comment", "target.confidence" …).

    With ``merge``, a following change of the same fields of the same step joins this command,
    so typing a comment letter by letter is one undo, not one per letter.
    """

    def __init__(self, document: BotDocument, step_id: str, changes: Mapping[str, object],
                 text: str | None = None, *, merge: bool = False) -> None:
        super().__init__(document, text or tr("Change step {number}").format(
            number=document.index_of(step_id) + 1))
        self.step_id = step_id
        self._merge = merge
        self._changes = dict(changes)
        self._previous = document.change_step(step_id, changes)
        self._made()

    def made_a_change(self) -> bool:
        return bool(self._previous)

    def id(self) -> int:
        return _CHANGE_STEP_ID if self._merge else -1

    def mergeWith(self, other: QtGui.QUndoCommand) -> bool:  # noqa: N802
        if (not isinstance(other, ChangeStepCommand) or not other._merge
                or other.step_id != self.step_id or other.document is not self.document
                or set(other._changes) != set(self._changes)):
            return False
        self._changes = other._changes
        self._after = other._after
        return True

    def _redo(self) -> None:
        self.document.change_step(self.step_id, self._changes)

    def _undo(self) -> None:
        self.document.change_step(self.step_id, self._previous)

    def rows_after_redo(self) -> list[int]:
        return [self.document.index_of(self.step_id)]

    rows_after_undo = rows_after_redo


class NewPictureCommand(DocumentCommand):
    """A target gets a new picture (picked again on the screen) and the point inside it."""

    def __init__(self, document: BotDocument, step_id: str, target_field: str, png: bytes,
                 offset: Point) -> None:
        super().__init__(document, tr("New picture for step {number}").format(
            number=document.index_of(step_id) + 1))
        self.step_id = step_id
        self._name = document.free_picture_name(f"picked-{step_id}")
        self._png = png
        self._replaced = document.add_picture(self._name, png)
        self._changes: dict[str, object] = {f"{target_field}.anchor": self._name,
                                            f"{target_field}.anchor_offset": offset}
        try:
            self._previous = document.change_step(step_id, self._changes)
        except Exception:
            document.remove_picture(self._name, self._replaced)
            document.restore_state(self._before)
            raise
        self._made()

    @property
    def picture_name(self) -> str:
        return self._name

    def _redo(self) -> None:
        self.document.add_picture(self._name, self._png)
        self.document.change_step(self.step_id, self._changes)

    def _undo(self) -> None:
        self.document.change_step(self.step_id, self._previous)
        self.document.remove_picture(self._name, self._replaced)

    def rows_after_redo(self) -> list[int]:
        return [self.document.index_of(self.step_id)]

    rows_after_undo = rows_after_redo


class ChangeBotCommand(DocumentCommand):
    """A pure edit made elsewhere (``(bot, ...) -> None``, e.g. rename a parameter), undoable."""

    def __init__(self, document: BotDocument, mutator: Callable[[Bot], object],
                 text: str, *, select: Sequence[int] = (),
                 select_after_undo: Sequence[int] | None = None) -> None:
        super().__init__(document, text)
        self._snapshots: tuple[Snapshot, Snapshot] = document.change_bot(mutator)
        # The rows to select afterwards (a decision step edited from its panel stays chosen).
        self._select = list(select)
        self._select_after_undo = list(select if select_after_undo is None
                                       else select_after_undo)
        self._made()

    def _redo(self) -> None:
        self.document.restore(self._snapshots[1])

    def _undo(self) -> None:
        self.document.restore(self._snapshots[0])

    def rows_after_redo(self) -> list[int]:
        return list(self._select)

    def rows_after_undo(self) -> list[int]:
        return list(self._select_after_undo)


class PasteStepsCommand(DocumentCommand):
    """Steps from the clipboard, with the pictures and parameters they need that the bot lacks."""

    def __init__(self, document: BotDocument, index: int, steps: Sequence[Step],
                 pictures: Mapping[str, bytes], parameters: Sequence[Parameter]) -> None:
        super().__init__(document, tr("Paste %n step(s)", "", len(steps)))
        self._index = index
        self._steps = list(steps)
        self._pictures = dict(pictures)
        self._parameters = list(parameters)
        self._before_parameters: list[Parameter] | None = None
        try:
            self._redo()
        except Exception:
            self._undo()
            document.restore_state(self._before)
            raise
        self._made()

    def _redo(self) -> None:
        if self._parameters:
            self._before_parameters = self.document.set_parameters(
                [*self.document.bot.parameters, *self._parameters])
        for name, png in self._pictures.items():
            self.document.add_picture(name, png)
        self.document.insert_steps(self._index, self._steps)

    def _undo(self) -> None:
        present = {id(step) for step in self.document.steps}
        if all(id(step) in present for step in self._steps):
            self.document.remove_steps(range(self._index, self._index + len(self._steps)))
        for name in self._pictures:
            if name in self.document.pending_pictures:
                self.document.remove_picture(name)
        if self._before_parameters is not None:
            self.document.set_parameters(self._before_parameters)
            self._before_parameters = None

    def rows_after_redo(self) -> list[int]:
        return list(range(self._index, self._index + len(self._steps)))

    def rows_after_undo(self) -> list[int]:
        return [min(self._index, len(self.document.steps) - 1)] if self.document.steps else []
