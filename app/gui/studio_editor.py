"""Editing in the studio: the open bots, their undo histories, and every editing action.

Each bot opened in the studio becomes a ``BotDocument`` with its own ``QUndoStack`` in one
``QUndoGroup``; switching to another bot switches the active stack, so each bot keeps its undo
history and its unsaved edits (marked in the list and the title) for as long as the studio is
open. Every edit is an ``edit_commands`` command: insert from the palette of step kinds,
delete, duplicate, cut/copy/paste (the clipboard carries steps between bots and between studio
processes, see ``step_clipboard``), move up and down, switch on and off, and the edits other
panels ask for (``apply_step_edit``, ``apply_new_picture``, ``apply_bot_edit``). Examples
are read only: "Save as my bot" copies one into My bots and opens the copy. A recovery copy of
every bot with unsaved edits is written in the background and offered back after a crash.

``StudioEditor`` is owned by the window, like ``StudioRun``, and talks to it only through
``EditorHost``.
"""

from __future__ import annotations

import functools
import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from app.core import paths
from app.core.model import unsaved
from app.core.model.bot import (
    Bot,
    ClickStep,
    DecisionStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Point,
    ScrollStep,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
    step_targets,
)
from app.core.model.botfile import BotFileError, load_bot, save_bot
from app.core.model.decision_edits import wrap_in_decision
from app.core.model.editing import BotDocument, DocumentEvent, EditError, read_text_instead
from app.core.model.library import BotEntry, free_folder, read_entry
from app.gui import step_clipboard
from app.gui.edit_commands import (
    ChangeBotCommand,
    ChangeStepCommand,
    DocumentCommand,
    DuplicateStepsCommand,
    InsertStepsCommand,
    MoveStepsCommand,
    NewPictureCommand,
    PasteStepsCommand,
    RemoveStepsCommand,
    SetEnabledCommand,
)
from app.gui.i18n import tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.gui.recovery_writer import RecoveryWriter
from app.gui.step_model import StepTableModel

log = logging.getLogger(__name__)


@dataclass
class OpenBot:
    """A bot open in the studio: what the library gave, the document, its undo history."""

    entry: BotEntry
    document: BotDocument
    stack: QtGui.QUndoStack


class EditorHost(Protocol):
    """What editing needs of the studio window."""

    @property
    def step_model(self) -> StepTableModel: ...

    @property
    def step_table(self) -> QtWidgets.QTableView: ...

    def window(self) -> QtWidgets.QWidget:
        ...  # pragma: no cover - QWidget provides it

    def current_entry(self) -> BotEntry | None: ...

    def show_message(self, kind: QtWidgets.QMessageBox.Icon, title: str, text: str) -> None: ...

    def show_status(self, text: str) -> None: ...

    def document_changed(self, folder: Path, event: DocumentEvent) -> None: ...

    def refresh(self) -> None: ...

    def select_bot(self, folder: Path | str) -> bool: ...


# The palette: each kind of step a person can insert, with its starting values. A step that
# acts on a place (or waits for a window) cannot know it yet: it comes switched off, with a
# stand-in place and a comment saying what to do, so the robot never clicks a made-up spot.
_NOWHERE = Point(0, 0)


def _waiting_for_a_place(step: Step) -> Step:
    step.enabled = False
    step.comment = tr("Choose the place on the screen, then switch the step on.")
    return step


def _wait_for_picture_of(selected: Step | None) -> Step | None:
    """A wait until the selected step's picture shows: what a slow system needs before a
    click. None when the selected step has no picture."""
    target = next((target for target in step_targets(selected) if target.anchor), None) \
        if selected is not None else None
    if target is None:
        return None
    return WaitStep(until="picture_appears", timeout_s=10.0, target=Target(
        window_title=target.window_title, anchor=target.anchor,
        anchor_offset=target.anchor_offset, confidence=target.confidence))


# (key, name in the palette, how the step is made from the selected step)
PALETTE: list[tuple[str, str, Callable[[Step | None], Step | None]]] = [
    ("click", translatable("Click"), lambda _: _waiting_for_a_place(ClickStep(target=Target(
        absolute=_NOWHERE)))),
    ("type_text", translatable("Type text"), lambda _: TypeTextStep(text="")),
    ("key", translatable("Key"), lambda _: KeyStep(key="enter")),
    ("hotkey", translatable("Shortcut"), lambda _: HotkeyStep(keys=["ctrl", "s"])),
    ("scroll", translatable("Scroll"), lambda _: _waiting_for_a_place(ScrollStep(
        target=Target(absolute=_NOWHERE), dy=-3))),
    ("drag", translatable("Drag"), lambda _: _waiting_for_a_place(DragStep(
        target=Target(absolute=_NOWHERE), end=Target(absolute=_NOWHERE)))),
    ("wait_picture", translatable("Wait for the selected step's picture"), _wait_for_picture_of),
    ("wait_window", translatable("Wait for a window"), lambda _: _waiting_for_a_place(WaitStep(
        until="window", window_title="?", timeout_s=10.0))),
    ("wait_time", translatable("Wait a while"), lambda _: WaitStep(until="time", seconds=1.0)),
    ("decision", translatable("A person decides (approve or reject)"),
     lambda _: DecisionStep()),
]


class StudioEditor(QtCore.QObject):
    """The open bots and the editing actions of one studio window."""

    def __init__(self, host: EditorHost, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.undo_group = QtGui.QUndoGroup(self)
        self._open: dict[Path, OpenBot] = {}
        self._last_index: dict[int, int] = {}
        self.recovery = RecoveryWriter(self.documents, parent=self)
        self.restore_question: QtWidgets.QMessageBox | None = None
        self.revert_question: QtWidgets.QMessageBox | None = None
        self._locked = False
        self.undo_group.indexChanged.connect(self._select_after_history_move)
        self._build_actions()

    # ------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        owner = self._host.window()
        standard = QtGui.QKeySequence.StandardKey

        def action(slot: Callable[[], object], *keys: QtGui.QKeySequence | str,
                   on_table: bool = True) -> QtGui.QAction:
            made = QtGui.QAction(owner)
            if keys:
                made.setShortcuts([QtGui.QKeySequence(key) for key in keys])
            if on_table:
                # Only while the step table has the focus: Del or Ctrl+C in a text field
                # belongs to that field.
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            return made

        # Own actions rather than the group's, whose "Undo %1" is Qt's wording, not ours.
        self.undo_action = action(self.undo_group.undo, on_table=False)
        self.undo_action.setShortcuts(QtGui.QKeySequence.keyBindings(standard.Undo))
        self.redo_action = action(self.undo_group.redo, on_table=False)
        self.redo_action.setShortcuts(QtGui.QKeySequence.keyBindings(standard.Redo))
        for signal in (self.undo_group.canUndoChanged, self.undo_group.canRedoChanged,
                       self.undo_group.undoTextChanged, self.undo_group.redoTextChanged,
                       self.undo_group.activeStackChanged):
            signal.connect(self._retranslate_history)
        self.cut_action = action(self.cut, QtGui.QKeySequence(standard.Cut))
        self.copy_action = action(self.copy, QtGui.QKeySequence(standard.Copy))
        self.paste_action = action(self.paste, QtGui.QKeySequence(standard.Paste))
        self.delete_action = action(self.delete, QtGui.QKeySequence(standard.Delete))
        self.duplicate_action = action(self.duplicate, "Ctrl+D")
        self.move_up_action = action(self.move_up, "Alt+Up")
        self.move_down_action = action(self.move_down, "Alt+Down")
        self.switch_action = action(self.switch_on_or_off, "Ctrl+E")
        self.into_decision_action = action(self.put_into_decision)
        self.read_instead_action = action(self.read_instead)
        self.revert_action = action(self.ask_to_revert, on_table=False)
        self.save_as_mine_action = action(self.save_as_mine, on_table=False)
        self.insert_menu = QtWidgets.QMenu(owner)
        self.insert_actions: dict[str, QtGui.QAction] = {}
        for key, _text, make in PALETTE:
            choice = QtGui.QAction(owner)
            choice.triggered.connect(functools.partial(self.insert_new, make))
            self.insert_menu.addAction(choice)
            self.insert_actions[key] = choice
        self.insert_action = self.insert_menu.menuAction()
        self.insert_action.setIcon(QtGui.QIcon(str(paths.resources_dir() / "icons"
                                                   / "step-click.svg")))
        table = self._host.step_table
        for made in self.table_actions():
            table.addAction(made)
        selection = table.selectionModel()
        if selection is not None:
            selection.selectionChanged.connect(self._selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        QtGui.QGuiApplication.clipboard().dataChanged.connect(self.update_actions)

    def table_actions(self) -> list[QtGui.QAction]:
        return [self.cut_action, self.copy_action, self.paste_action, self.delete_action,
                self.duplicate_action, self.move_up_action, self.move_down_action,
                self.switch_action]

    def fill_edit_menu(self, menu: QtWidgets.QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        menu.addAction(self.cut_action)
        menu.addAction(self.copy_action)
        menu.addAction(self.paste_action)
        menu.addAction(self.duplicate_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.insert_action)
        menu.addAction(self.move_up_action)
        menu.addAction(self.move_down_action)
        menu.addAction(self.switch_action)
        menu.addAction(self.into_decision_action)
        menu.addAction(self.read_instead_action)

    def _show_context_menu(self, position: QtCore.QPoint) -> None:
        menu = self.context_menu()
        menu.popup(self._host.step_table.viewport().mapToGlobal(position))

    def context_menu(self) -> QtWidgets.QMenu:
        """The step table's menu: the same actions as the Edit menu, for the selected rows."""
        menu = QtWidgets.QMenu(self._host.step_table)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.insert_action)
        menu.addSeparator()
        for made in (self.cut_action, self.copy_action, self.paste_action,
                     self.duplicate_action, self.delete_action):
            menu.addAction(made)
        menu.addSeparator()
        for made in (self.move_up_action, self.move_down_action, self.switch_action,
                     self.into_decision_action, self.read_instead_action):
            menu.addAction(made)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        return menu

    def retranslate(self) -> None:
        self.undo_group.setObjectName("undo")
        texts: list[tuple[QtGui.QAction, str, str]] = [
            (self.cut_action, translatable("Cu&t"), translatable("Cut the selected steps")),
            (self.copy_action, translatable("&Copy"),
             translatable("Copy the selected steps, also into another bot")),
            (self.paste_action, translatable("&Paste"),
             translatable("Paste steps before the selected step")),
            (self.delete_action, translatable("&Delete"),
             translatable("Delete the selected steps")),
            (self.duplicate_action, translatable("D&uplicate"),
             translatable("Put a copy of the selected steps after them")),
            (self.move_up_action, translatable("Move &up"),
             translatable("Move the selected steps up one place")),
            (self.move_down_action, translatable("Move do&wn"),
             translatable("Move the selected steps down one place")),
            (self.switch_action, translatable("Switch on or o&ff"),
             translatable("Switch the selected steps off (the robot skips them) or on again")),
            (self.into_decision_action, translatable("Do only if a person &approves"),
             translatable("Put the selected steps into a new decision step: the robot stops, "
                          "shows the values, and does them only when the person approves")),
            (self.read_instead_action, translatable("&Read the text here instead"),
             translatable("The robot reads what the clicked field or text shows, for the "
                          "person deciding later to see, instead of clicking it")),
            (self.revert_action, translatable("Re&vert"),
             translatable("Throw away the unsaved changes to this bot")),
            (self.save_as_mine_action, translatable("Save as my bot"),
             translatable("Copy this example into My bots, where it can be changed")),
            (self.insert_action, translatable("&Insert step"),
             translatable("Insert a new step before the selected step")),
        ]
        for made, text, tip in texts:
            made.setText(tr(text))
            made.setToolTip(tr(tip))
        for key, text, _make in PALETTE:
            self.insert_actions[key].setText(tr(text))
        self.insert_actions["wait_picture"].setToolTip(tr(
            "Wait until the picture the selected step looks for shows on the screen"))
        self.insert_menu.setTitle(tr("&Insert step"))
        self._retranslate_history()

    def _retranslate_history(self, *_changed: object) -> None:
        self.undo_action.setEnabled(self.undo_group.canUndo())
        self.redo_action.setEnabled(self.undo_group.canRedo())
        stack = self.undo_group.activeStack()
        undo_text = stack.undoText() if stack is not None else ""
        redo_text = stack.redoText() if stack is not None else ""
        self.undo_action.setText(tr("&Undo {what}").format(what=undo_text).strip()
                                 if undo_text else tr("&Undo"))
        self.redo_action.setText(tr("&Redo {what}").format(what=redo_text).strip()
                                 if redo_text else tr("&Redo"))
        # The toolbar keeps one short word, so it does not jump with every edit; the menu and
        # the tooltip say what would be undone.
        self.undo_action.setIconText(tr("Undo"))
        self.redo_action.setIconText(tr("Redo"))
        self.undo_action.setToolTip(self.undo_action.text().replace("&", ""))
        self.redo_action.setToolTip(self.redo_action.text().replace("&", ""))

    # ------------------------------------------------------------ open bots

    def documents(self) -> list[BotDocument]:
        return [opened.document for opened in self._open.values()]

    def open_bots(self) -> list[OpenBot]:
        return list(self._open.values())

    def dirty_bots(self) -> list[OpenBot]:
        return [opened for opened in self._open.values() if opened.document.dirty]

    def opened(self, folder: Path) -> OpenBot | None:
        return self._open.get(folder)

    def current(self) -> OpenBot | None:
        entry = self._host.current_entry()
        return self._open.get(entry.folder) if entry is not None else None

    def is_dirty(self, folder: Path) -> bool:
        opened = self._open.get(folder)
        return opened is not None and opened.document.dirty

    def keeps_history(self, folder: Path) -> bool:
        """Whether the bot has edits or an undo history the studio must not drop."""
        opened = self._open.get(folder)
        return opened is not None and (opened.document.dirty or opened.stack.count() > 0)

    def open(self, entry: BotEntry) -> OpenBot | None:
        """The open bot for ``entry``: the one already open, with its edits and history, or a
        new one; None for a bot that cannot be loaded."""
        existing = self._open.get(entry.folder)
        if existing is not None:
            return existing
        if entry.bot is None:
            return None
        document = BotDocument(entry.bot, entry.folder, read_only=entry.read_only)
        stack = QtGui.QUndoStack(self.undo_group)
        opened = OpenBot(entry, document, stack)
        self._open[entry.folder] = opened
        document.subscribe(functools.partial(self._on_document_event, entry.folder))
        stack.cleanChanged.connect(self.update_actions)
        return opened

    def forget(self, folder: Path) -> None:
        """Close a bot without edits (its file is read again when it is shown next)."""
        opened = self._open.pop(folder, None)
        if opened is not None:
            self.undo_group.removeStack(opened.stack)
            self._last_index.pop(id(opened.stack), None)
            opened.stack.deleteLater()

    def forget_unchanged(self) -> None:
        for folder in [folder for folder in self._open if not self.keeps_history(folder)]:
            self.forget(folder)

    def show(self, opened: OpenBot | None) -> None:
        """Make ``opened`` the bot the table shows and the edit actions work on."""
        model = self._host.step_model
        if opened is None:
            model.set_document(None)
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]
        else:
            model.set_document(opened.document, opened.stack)
            self.undo_group.setActiveStack(opened.stack)
            self._last_index[id(opened.stack)] = opened.stack.index()
            self._offer_recovery_copy(opened)
        self.update_actions()

    def set_locked(self, locked: bool) -> None:
        """While a robot runs it reads the steps: nothing may change them, not even undo."""
        self._locked = locked
        for opened in self._open.values():
            opened.document.locked = locked
        current = self.current()
        self.undo_group.setActiveStack(
            current.stack if current is not None and not locked else None)  # type: ignore[arg-type]
        self.update_actions()

    def _on_document_event(self, folder: Path, event: DocumentEvent) -> None:
        self.recovery.edited()
        self._host.document_changed(folder, event)

    # ------------------------------------------------------------ selection

    def selected_rows(self) -> list[int]:
        selection = self._host.step_table.selectionModel()
        if selection is None:
            return []
        return sorted({index.row() for index in selection.selectedRows()})

    def select_rows(self, rows: list[int]) -> None:
        table = self._host.step_table
        model = table.model()
        selection = table.selectionModel()
        if model is None or selection is None:
            return
        rows = [row for row in rows if 0 <= row < model.rowCount()]
        flags = (QtCore.QItemSelectionModel.SelectionFlag.Select
                 | QtCore.QItemSelectionModel.SelectionFlag.Rows)
        chosen = QtCore.QItemSelection()
        for row in rows:
            chosen.select(model.index(row, 0), model.index(row, 0))
        selection.clearSelection()
        if rows:
            selection.setCurrentIndex(model.index(rows[0], 0),
                                      QtCore.QItemSelectionModel.SelectionFlag.NoUpdate)
            selection.select(chosen, flags)
            table.scrollTo(model.index(rows[0], 0))

    def _select_after_history_move(self, index: int) -> None:
        stack = self.undo_group.activeStack()
        if stack is None:
            return
        previous = self._last_index.get(id(stack), index)
        self._last_index[id(stack)] = index
        self._retranslate_history()
        if index > previous:
            command = stack.command(index - 1)
            if isinstance(command, DocumentCommand):
                self.select_rows(command.rows_after_redo())
        elif index < previous:
            command = stack.command(index)
            if isinstance(command, DocumentCommand):
                self.select_rows(command.rows_after_undo())
        self.update_actions()

    def _selection_changed(self, selected: QtCore.QItemSelection,
                           deselected: QtCore.QItemSelection) -> None:
        self.update_actions()

    def update_actions(self) -> None:
        opened = self.current()
        editable = (opened is not None and not opened.document.read_only and not self._locked)
        rows = self.selected_rows() if opened is not None else []
        for made in (self.cut_action, self.delete_action, self.duplicate_action,
                     self.switch_action, self.into_decision_action):
            made.setEnabled(editable and bool(rows))
        self.copy_action.setEnabled(opened is not None and bool(rows))
        self.paste_action.setEnabled(editable and step_clipboard.has_steps(
            QtGui.QGuiApplication.clipboard().mimeData()))
        count = len(opened.document.steps) if opened is not None else 0
        self.move_up_action.setEnabled(editable and bool(rows) and rows[0] > 0)
        self.move_down_action.setEnabled(editable and bool(rows) and rows[-1] < count - 1)
        self.insert_action.setEnabled(editable)
        self.insert_menu.setEnabled(editable)
        selected = opened.document.steps[rows[0]] if opened is not None and rows else None
        self.insert_actions["wait_picture"].setEnabled(
            editable and _wait_for_picture_of(selected) is not None)
        self.read_instead_action.setEnabled(
            editable and len(rows) == 1 and isinstance(selected, ClickStep)
            and selected.target.selector is not None and bool(selected.target.window_title))
        self.revert_action.setEnabled(editable and opened is not None and opened.document.dirty)
        entry = self._host.current_entry()
        self.save_as_mine_action.setVisible(entry is not None and entry.read_only)
        self.save_as_mine_action.setEnabled(entry is not None and entry.read_only
                                            and entry.bot is not None and not self._locked)

    # ------------------------------------------------------------ edits

    def push(self, make: Callable[[BotDocument], DocumentCommand]) -> bool:
        """Make a command on the current bot and put it on its undo stack; a refused edit is
        said in a message and changes nothing."""
        opened = self.current()
        if opened is None or opened.document.read_only or self._locked:
            return False
        try:
            command = make(opened.document)
        except EditError as error:
            self._host.show_message(QtWidgets.QMessageBox.Icon.Warning,
                                    tr("This change cannot be made"), str(error))
            return False
        if getattr(command, "made_a_change", lambda: True)():
            opened.stack.push(command)
        return True

    def insert_new(self, make: Callable[[Step | None], Step | None]) -> bool:
        """A step from the palette, before the selected step (at the end when none is)."""
        rows = self.selected_rows()
        opened = self.current()
        if opened is None:
            return False
        index = rows[0] if rows else len(opened.document.steps)
        step = make(opened.document.steps[index] if rows else None)
        if step is None:
            return False
        return self.push(lambda document: InsertStepsCommand(document, index, [step]))

    def insert_steps(self, index: int, steps: list[Step]) -> bool:
        """Put steps made elsewhere (a recording) into the current bot, as one undoable edit."""
        return self.push(lambda document: InsertStepsCommand(document, index, steps))

    def delete(self) -> bool:
        rows = self.selected_rows()
        return bool(rows) and self.push(lambda document: RemoveStepsCommand(document, rows))

    def put_into_decision(self) -> bool:
        """The selected steps become the approve branch of a new decision step."""
        rows = self.selected_rows()
        return bool(rows) and self.apply_bot_edit(
            lambda bot: wrap_in_decision(bot, rows), tr("Do only if a person approves"),
            select=rows[:1], select_after_undo=rows)

    def read_instead(self) -> bool:
        """The selected click becomes a step that reads the clicked element's text."""
        rows = self.selected_rows()
        return len(rows) == 1 and self.apply_bot_edit(
            lambda bot: read_text_instead(bot, rows[0]), tr("Read the text here instead"),
            select=rows, select_after_undo=rows)

    def duplicate(self) -> bool:
        rows = self.selected_rows()
        return bool(rows) and self.push(lambda document: DuplicateStepsCommand(document, rows))

    def move_up(self) -> bool:
        rows = self.selected_rows()
        if not rows or rows[0] == 0:
            return False
        return self.push(lambda document: MoveStepsCommand(document, rows, rows[0] - 1))

    def move_down(self) -> bool:
        rows = self.selected_rows()
        opened = self.current()
        if not rows or opened is None or rows[-1] >= len(opened.document.steps) - 1:
            return False
        # Before the step two below the last one: the block goes down one place.
        return self.push(lambda document: MoveStepsCommand(document, rows, rows[-1] + 2))

    def switch_on_or_off(self) -> bool:
        """Any selected step on: all off. All off: all on."""
        rows = self.selected_rows()
        opened = self.current()
        if not rows or opened is None:
            return False
        enabled = not any(opened.document.steps[row].enabled for row in rows)
        return self.push(lambda document: SetEnabledCommand(document, rows, enabled))

    def copy(self) -> bool:
        rows = self.selected_rows()
        opened = self.current()
        if not rows or opened is None:
            return False
        QtGui.QGuiApplication.clipboard().setMimeData(
            step_clipboard.steps_mime_data(opened.document, rows))
        self._host.show_status(tr("Copied %n step(s)", "", len(rows)))
        return True

    def cut(self) -> bool:
        rows = self.selected_rows()
        if not rows or not self.copy():
            return False
        return self.push(lambda document: RemoveStepsCommand(
            document, rows, tr("Cut %n step(s)", "", len(rows))))

    def paste(self) -> bool:
        opened = self.current()
        data = QtGui.QGuiApplication.clipboard().mimeData()
        if opened is None or not step_clipboard.has_steps(data):
            return False
        assert data is not None
        rows = self.selected_rows()
        index = rows[0] if rows else len(opened.document.steps)

        def make(document: BotDocument) -> DocumentCommand:
            copied = step_clipboard.fit_into(document, step_clipboard.read_steps(data))
            return PasteStepsCommand(document, index, copied.steps, copied.pictures,
                                     copied.parameters)
        return self.push(make)

    # ------------------------------------------------------------ edits other panels ask for

    def apply_step_edit(self, step_id: str, changes: Mapping[str, object]) -> bool:
        """The property panel changed fields of a step (paths such as "target.confidence")."""
        return self.push(lambda document: ChangeStepCommand(document, step_id, dict(changes)))

    def apply_new_picture(self, step_id: str, target_field: str, png: bytes,
                          offset: Point) -> bool:
        """The property panel picked a new picture for a step's target ("target" or "end")."""
        return self.push(lambda document: NewPictureCommand(document, step_id, target_field,
                                                            png, offset))

    def apply_bot_edit(self, mutator: Callable[[Bot], object], text: str, *,
                       select: Sequence[int] = (),
                       select_after_undo: Sequence[int] | None = None) -> bool:
        """A pure edit of the whole bot (the parameters panel's make, rename, delete; a
        decision's branches), with the rows to select once it is made and once undone."""
        return self.push(lambda document: ChangeBotCommand(
            document, mutator, text, select=select, select_after_undo=select_after_undo))

    # ------------------------------------------------------------ save, revert, copies

    def save(self, opened: OpenBot) -> str | None:
        """Write the bot; None when saved, else why not (nothing was changed on disk then)."""
        document = opened.document
        if document.read_only or document.folder is None:
            return tr("An example cannot be changed.")
        try:
            save_bot(document.bot, document.folder, document.pending_pictures)
        except (BotFileError, OSError) as error:
            log.warning("saving %s failed: %s", document.folder, error)
            return str(error)
        document.mark_saved()
        opened.stack.setClean()
        self.recovery.discard(document.folder)
        self.update_actions()
        return None

    def discard_edits(self, opened: OpenBot) -> None:
        """The person chose not to keep the unsaved edits (closing without saving)."""
        if opened.document.folder is not None:
            self.recovery.discard(opened.document.folder)

    def ask_to_revert(self) -> None:
        opened = self.current()
        if opened is None or not opened.document.dirty:
            return
        if self.revert_question is not None:
            self.revert_question.deleteLater()
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question, tr("Revert"),
            tr("Throw away the unsaved changes to “{name}” and read it again from its "
               "folder?").format(name=opened.document.bot.name),
            buttons.NoButton, self._host.window())
        revert_button = box.addButton(tr("Revert"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(buttons.Cancel)
        box.setDefaultButton(buttons.Cancel)
        self.revert_question = box

        def answered() -> None:
            if box.clickedButton() is revert_button:
                self.revert(opened)
        box.finished.connect(answered)
        box.open()

    def revert(self, opened: OpenBot) -> bool:
        """Read the bot again from its folder; its undo history goes with the edits."""
        entry = read_entry(opened.entry.folder, opened.entry.group)
        if entry.bot is None:
            self._host.show_message(QtWidgets.QMessageBox.Icon.Warning,
                                    tr("The bot cannot be read again"),
                                    str(entry.error) if entry.error else "")
            return False
        opened.entry.bot = entry.bot
        opened.document.replace_bot(entry.bot, saved=True)
        opened.stack.clear()
        self._last_index[id(opened.stack)] = 0
        self.recovery.discard(opened.entry.folder)
        self.update_actions()
        return True

    def _offer_recovery_copy(self, opened: OpenBot) -> None:
        if opened.document.read_only or opened.document.dirty or opened.stack.count():
            return
        copy = unsaved.read_copy(opened.entry.folder)
        if copy is None:
            return
        if self.restore_question is not None:
            self.restore_question.deleteLater()
        when = datetime.fromtimestamp(copy.saved_at).strftime("%Y-%m-%d %H:%M")
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question, tr("Unsaved changes were kept"),
            tr("“{name}” has changes from {when} that were never saved, perhaps because the "
               "studio stopped. Restore them?").format(name=copy.bot.name, when=when),
            QtWidgets.QMessageBox.StandardButton.NoButton, self._host.window())
        restore_button = box.addButton(tr("Restore the changes"),
                                       QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Throw them away"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore_button)
        self.restore_question = box

        def answered() -> None:
            if box.clickedButton() is restore_button:
                self.restore_copy(opened, copy)
            else:
                self.recovery.discard(opened.entry.folder)
        box.finished.connect(answered)
        box.open()

    def restore_copy(self, opened: OpenBot, copy: unsaved.RecoveryCopy) -> None:
        """Show the kept edits as unsaved changes (saving writes them, Revert drops them)."""
        opened.entry.bot = copy.bot
        opened.document.replace_bot(copy.bot, copy.pictures, saved=False)
        self.update_actions()
        self._host.show_status(tr("The unsaved changes were restored; save to keep them."))

    def save_as_mine(self) -> bool:
        """Copy the shown example into My bots and open the copy for editing."""
        entry = self._host.current_entry()
        if entry is None or entry.bot is None or not entry.read_only:
            return False
        target = free_folder(paths.library_dir(), entry.folder.name)
        try:
            shutil.copytree(entry.folder, target)
            load_bot(target)
        except (BotFileError, OSError) as error:
            shutil.rmtree(target, ignore_errors=True)
            log.warning("copying %s into the library failed: %s", entry.folder, error)
            self._host.show_message(QtWidgets.QMessageBox.Icon.Critical,
                                    tr("The example could not be copied"), str(error))
            return False
        self._host.refresh()
        if self._host.select_bot(target):
            self._host.show_status(tr("Saved as your own bot in {path}").format(path=target))
            return True
        return False

    def shut_down(self) -> None:
        """The window closes, its unsaved edits settled: finish writing, stop the writer."""
        self.recovery.flush()
        self.recovery.stop()
