"""The step table: a thin Qt model over the open bot's list of steps.

The core's ``BotDocument`` is the source of truth: the model keeps no copy of the steps, reads
them for display, and follows the document's announcements (steps inserted, removed, moved,
changed) with Qt's begin/end calls, as napari's item models follow its evented lists. What the
table itself changes (a step switched on or off, its comment, rows dragged to another place)
goes through the undo stack as ``edit_commands``. How a step is put in words ("Klicka på
”Logga in” i Socialsystemet – Inloggning") lives here as plain functions other views reuse.
"""

from __future__ import annotations

import base64
import html
import json
import re
from enum import IntEnum
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.model.bot import (
    Bot,
    ClickStep,
    DecisionStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    ReadTextStep,
    ScrollStep,
    Step,
    TypeTextStep,
    WaitStep,
    step_targets,
    step_window_title,
)
from app.core.model.botfile import PLACEHOLDER
from app.core.model.editing import (
    BotDocument,
    DocumentEvent,
    EditError,
    PicturesChanged,
    StepChanged,
    StepMoved,
    StepMoving,
    StepsInserted,
    StepsInserting,
    StepsRemoved,
    StepsRemoving,
    StepsReset,
)
from app.gui.edit_commands import ChangeStepCommand, MoveStepsCommand, SetEnabledCommand
from app.gui.i18n import format_seconds, tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, Signal

# Big enough to read the word on a recorded button; the row grows to fit it.
THUMBNAIL_SIZE = QtCore.QSize(160, 44)
KIND_ICON_SIZE = QtCore.QSize(20, 20)
# Rows dragged inside one table, and from which open bot (a drop into another bot is a paste).
ROWS_MIME_TYPE = "application/x-robotfabrik-step-rows"
SECRET_MASK = "••••••"
# Which way the robot found a step's target in a run, as the step's result shows it.
FOUND_BY_TEXTS: dict[str, str] = {
    "selector": translatable("by its name in the application"),
    "anchor": translatable("by its picture"),
    "anchor_screen": translatable("by its picture, elsewhere on the screen"),
    "window": translatable("by its place in the window"),
    "absolute": translatable("by its place on the screen"),
    "shown": translatable("shown by you"),
    "confirmed": translatable("at the recorded place, as you confirmed"),
}
# The invisible root, shared as the default parent argument of the model's methods.
_ROOT = QtCore.QModelIndex()


class Column(IntEnum):
    # The step's number is the vertical header: a column holding it would change its value
    # in every row below an inserted step, which Qt's models must not do.
    ENABLED = 0
    KIND = 1
    DESCRIPTION = 2
    VALUE = 3
    PICTURE = 4
    THINK_TIME = 5
    COMMENT = 6


HEADERS: dict[Column, str] = {
    Column.ENABLED: translatable("On"),
    Column.KIND: translatable("Step"),
    Column.DESCRIPTION: translatable("Description"),
    Column.VALUE: translatable("Value"),
    Column.PICTURE: translatable("Picture"),
    Column.THINK_TIME: translatable("Think time"),
    Column.COMMENT: translatable("Comment"),
}

# Key names as they are printed on keyboards; the rest are shown capitalised.
KEY_NAMES: dict[str, str] = {
    "ctrl": "Ctrl", "ctrl_l": "Ctrl", "ctrl_r": "Ctrl", "control": "Ctrl",
    "alt": "Alt", "alt_l": "Alt", "alt_r": "Alt", "alt_gr": "AltGr", "altgr": "AltGr",
    "shift": "Shift", "shift_l": "Shift", "shift_r": "Shift",
    "cmd": "Win", "cmd_l": "Win", "cmd_r": "Win", "win": "Win", "super": "Win",
    "enter": "Enter", "return": "Enter", "esc": "Esc", "escape": "Esc", "tab": "Tab",
    "delete": "Delete", "del": "Delete", "insert": "Insert", "home": "Home", "end": "End",
    "page_up": "Page Up", "pageup": "Page Up", "page_down": "Page Down", "pagedown": "Page Down",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
    "caps_lock": "Caps Lock", "num_lock": "Num Lock", "print_screen": "Print Screen",
}
# Words, not symbols, so these go through the catalogue.
TRANSLATED_KEYS: dict[str, str] = {"space": translatable("Space"),
                                   "backspace": translatable("Backspace")}

_SYMBOL = re.compile(r"[^A-Za-z0-9\sÅÄÖåäöÆØæøÜüÉé]")


def looks_secret(text: str) -> bool:
    """Whether literal text in a typing step looks like a password that should not be shown.

    A password policy's shape is the tell: a word of eight or more characters without spaces
    mixing at least three of lower case, upper case, digits and symbols. Names, personal
    identity numbers, case numbers and ``{{placeholders}}`` do not match.
    """
    for word in PLACEHOLDER.sub(" ", text).split():
        if len(word) < 8:
            continue
        classes = (
            any(c.islower() for c in word),
            any(c.isupper() for c in word),
            any(c.isdigit() for c in word),
            bool(_SYMBOL.search(word)),
        )
        if sum(classes) >= 3 and any(c.isalpha() for c in word) and any(
                c.isdigit() for c in word):
            return True
    return False


def key_text(key: str) -> str:
    """A key name the way a caseworker reads it on the keyboard, e.g. ``Ctrl`` or ``Page Down``."""
    lowered = key.lower()
    if lowered in TRANSLATED_KEYS:
        return tr(TRANSLATED_KEYS[lowered])
    if lowered in KEY_NAMES:
        return KEY_NAMES[lowered]
    if len(key) == 1:
        return key.upper()
    if re.fullmatch(r"f\d{1,2}", lowered):
        return lowered.upper()
    return key.replace("_", " ").capitalize()


def step_kind_text(step: Step) -> str:
    """What kind of step it is, in words: 'Klick', 'Skriv text' …"""
    if isinstance(step, ClickStep):
        if step.button == "right":
            return tr("Right double-click") if step.clicks == 2 else tr("Right-click")
        if step.button == "middle":
            return tr("Middle click")
        return {2: tr("Double-click"), 3: tr("Triple-click")}.get(step.clicks, tr("Click"))
    kinds: dict[type[Step], str] = {
        DragStep: translatable("Drag"), ScrollStep: translatable("Scroll"),
        TypeTextStep: translatable("Type text"), KeyStep: translatable("Key"),
        HotkeyStep: translatable("Shortcut"), WaitStep: translatable("Wait"),
        DecisionStep: translatable("Decision"), ReadTextStep: translatable("Read text"),
    }
    return tr(kinds.get(type(step), step.kind))


def step_what_text(step: Step) -> str:
    """The value the step types, presses or waits, on one line; passwords are masked."""
    if isinstance(step, TypeTextStep):
        if looks_secret(step.text):
            return SECRET_MASK
        return step.text.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " ⇥ ")
    if isinstance(step, KeyStep):
        return key_text(step.key)
    if isinstance(step, HotkeyStep):
        return "+".join(key_text(key) for key in step.keys)
    if isinstance(step, WaitStep):
        return format_seconds(step.seconds)
    if isinstance(step, ReadTextStep):
        return step.label or step.into
    if isinstance(step, DecisionStep):
        return tr("{approve} steps if approved, {reject} if rejected").format(
            approve=len(step.approve_steps), reject=len(step.reject_steps))
    if isinstance(step, ScrollStep):
        parts = []
        if step.dy:
            # Positive is away from the user, as the wheel reports it: the page moves up.
            parts.append((tr("up {amount}") if step.dy > 0 else tr("down {amount}"))
                         .format(amount=abs(step.dy)))
        if step.dx:
            parts.append((tr("right {amount}") if step.dx > 0 else tr("left {amount}"))
                         .format(amount=abs(step.dx)))
        return ", ".join(parts)
    return ""


def step_anchor(step: Step) -> str | None:
    """The picture file the step's first target is found by, if any."""
    return next((target.anchor for target in step_targets(step) if target.anchor), None)


def element_name(step: Step) -> str | None:
    """The name of the button or field the step acts on, when the recording knew it."""
    for target in step_targets(step):
        selector = target.selector
        if selector is None:
            continue
        # The accessible name; an unnamed field is known by the label beside it.
        name = selector.name or next(iter(selector.labels), "")
        if name.strip():
            return name.strip()
    return None


def _place(step: Step) -> str:
    """Where a step acts, in words: 'på ”Logga in” i Inloggning', 'i Inloggning', 'vid 10, 20'."""
    element = element_name(step)
    targets = step_targets(step)
    window = step_window_title(step) or next(
        (target.window_title for target in targets if target.window_title), None)
    if element and window:
        return tr("on “{element}” in {window}").format(element=element, window=window)
    if element:
        return tr("on “{element}”").format(element=element)
    if window:
        return tr("in {window}").format(window=window)
    point = targets[0].absolute if targets else None
    if point is not None:
        return tr("at {x}, {y}").format(x=point.x, y=point.y)
    return ""


def _click_action(step: ClickStep) -> str:
    if step.button == "right":
        return tr("Right double-click {place}") if step.clicks == 2 else tr("Right-click {place}")
    if step.button == "middle":
        return tr("Middle-click {place}")
    return {2: tr("Double-click {place}"), 3: tr("Triple-click {place}")}.get(
        step.clicks, tr("Click {place}"))


def step_description(step: Step) -> str:
    """A step as a person says it: 'Klicka på ”Logga in” i Socialsystemet – Inloggning'."""
    place = _place(step)
    if isinstance(step, ClickStep):
        text = _click_action(step).format(place=place)
    elif isinstance(step, DragStep):
        text = tr("Drag {place}").format(place=place)
    elif isinstance(step, ScrollStep):
        text = tr("Scroll {amount} {place}").format(amount=step_what_text(step), place=place)
    elif isinstance(step, TypeTextStep):
        text = (tr("Paste {place}") if step.method == "paste" else tr("Type {place}")).format(
            place=place)
    elif isinstance(step, KeyStep | HotkeyStep):
        text = tr("Press {key} {place}").format(key=step_what_text(step), place=place)
    elif isinstance(step, WaitStep):
        if step.until == "window":
            text = tr("Wait for the window {window}").format(window=step.window_title or "")
        elif step.until == "picture_appears":
            text = tr("Wait until the picture shows {place}").format(place=place)
        elif step.until == "picture_vanishes":
            text = tr("Wait until the picture is gone {place}").format(place=place)
        else:
            text = tr("Wait {seconds}").format(seconds=format_seconds(step.seconds))
    elif isinstance(step, ReadTextStep):
        text = tr("Read the text {place} as “{value}”").format(
            place=place, value=step.label or step.into)
    elif isinstance(step, DecisionStep):
        text = (tr("A person decides: {question}").format(question=step.title) if step.title
                else tr("A person decides"))
    else:
        text = step_kind_text(step)
    return " ".join(text.split())


_COLUMNS: tuple[Column, ...] = tuple(Column)

# Icon file (resources/icons/step-*.svg) for each kind of step.
_KIND_ICONS: dict[str, str] = {
    "click": "step-click", "drag": "step-drag", "scroll": "step-scroll",
    "type_text": "step-type", "key": "step-key", "hotkey": "step-key", "wait": "step-wait",
    "decision": "step-decision", "read_text": "step-read",
}


class StepTableModel(QtCore.QAbstractTableModel):
    """Rows are the open bot's steps, columns the ``Column`` values.

    ``edited`` is emitted after any change to the steps, from the table or elsewhere.
    """

    edited = Signal()

    def __init__(self, bot: Bot | None = None, folder: Path | None = None, *,
                 read_only: bool = False, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._document: BotDocument | None = None
        self._own_stack = QtGui.QUndoStack(self)
        self._stack: QtGui.QUndoStack = self._own_stack
        self._thumbnails: dict[str, QtGui.QPixmap | None] = {}
        self._icons: dict[str, QtGui.QPixmap] = {}
        if bot is not None:
            self.set_document(BotDocument(bot, folder, read_only=read_only))

    # ------------------------------------------------------------ the document behind it

    def document(self) -> BotDocument | None:
        return self._document

    def undo_stack(self) -> QtGui.QUndoStack:
        return self._stack

    def bot(self) -> Bot | None:
        return self._document.bot if self._document is not None else None

    def folder(self) -> Path | None:
        return self._document.folder if self._document is not None else None

    def is_read_only(self) -> bool:
        """No edits from the table: no bot, an example, or a bot that is running."""
        return self._document is None or not self._document.editable

    def set_document(self, document: BotDocument | None,
                     stack: QtGui.QUndoStack | None = None) -> None:
        """Show ``document``; the table's own edits go onto ``stack`` (one per open bot)."""
        self.beginResetModel()
        if self._document is not None:
            self._document.unsubscribe(self._on_event)
        self._document = document
        self._stack = stack if stack is not None else self._own_stack
        self._thumbnails.clear()
        if document is not None:
            document.subscribe(self._on_event)
        self.endResetModel()

    def set_bot(self, bot: Bot | None, folder: Path | None = None, *,
                read_only: bool = False) -> None:
        """Show a bot in a document of its own (for views that do not edit)."""
        self.set_document(BotDocument(bot, folder, read_only=read_only)
                          if bot is not None else None)

    def step(self, row: int) -> Step:
        return self._steps()[row]

    def retranslate(self) -> None:
        """Show the headers and cells in the language ``tr`` now uses."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(Column) - 1))

    def _steps(self) -> list[Step]:
        return self._document.steps if self._document is not None else []

    def _on_event(self, event: DocumentEvent) -> None:
        if isinstance(event, StepsInserting):
            self.beginInsertRows(_ROOT, event.index, event.index + event.count - 1)
        elif isinstance(event, StepsInserted):
            self.endInsertRows()
        elif isinstance(event, StepsRemoving):
            self.beginRemoveRows(_ROOT, event.index, event.index + event.count - 1)
        elif isinstance(event, StepsRemoved):
            self.endRemoveRows()
        elif isinstance(event, StepMoving):
            # Qt counts the place before which the row goes, in the list before the move.
            before = event.destination + 1 if event.destination > event.source \
                else event.destination
            self.beginMoveRows(_ROOT, event.source, event.source, _ROOT, before)
        elif isinstance(event, StepMoved):
            self.endMoveRows()
        elif isinstance(event, StepChanged):
            self.dataChanged.emit(self.index(event.index, 0),
                                  self.index(event.index, len(Column) - 1))
        elif isinstance(event, StepsReset):
            self.beginResetModel()
            self.endResetModel()
        elif isinstance(event, PicturesChanged):
            for name in event.names:
                self._thumbnails.pop(name, None)
            if self.rowCount():
                self.dataChanged.emit(self.index(0, Column.PICTURE),
                                      self.index(self.rowCount() - 1, Column.PICTURE),
                                      [Qt.ItemDataRole.DecorationRole])
            return
        else:
            return
        if isinstance(event, StepsInserted | StepsRemoved | StepMoved | StepChanged
                      | StepsReset):
            self.edited.emit()

    # ------------------------------------------------------------ QAbstractTableModel

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex  # noqa: N802
                 = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._steps())

    def columnCount(self,  # noqa: N802
                    parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(HEADERS[Column(section)])
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.THINK_TIME:
                return tr("The recording person paused this long before the step; "
                          "it is not replayed.")
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex
              ) -> Qt.ItemFlag:
        if not index.isValid():
            # Between rows is where dragged rows land.
            return Qt.ItemFlag.NoItemFlags if self.is_read_only() \
                else Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_read_only():
            return flags
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == Column.ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == Column.COMMENT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        step = self._steps()[index.row()]
        # A lookup, not Column(...): the enum call is the slowest part of painting a row.
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(step, index.row(), column)
        if role == Qt.ItemDataRole.EditRole and column == Column.COMMENT:
            return step.comment
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.ENABLED:
            return Qt.CheckState.Checked if step.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.PICTURE:
                anchor = step_anchor(step)
                return self._thumbnail(anchor) if anchor else None
            if column == Column.KIND:
                return self._kind_icon(step)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(step, column)
        if role == Qt.ItemDataRole.ForegroundRole and not step.enabled:
            # A switched-off step stays readable but visibly out of the run.
            return QtGui.QBrush(QtGui.QColor(140, 140, 140))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.THINK_TIME:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.SizeHintRole and column == Column.PICTURE:
            return QtCore.QSize(THUMBNAIL_SIZE.width() + 12, THUMBNAIL_SIZE.height() + 8)
        return None

    def setData(self,  # noqa: N802
                index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        document = self._document
        if (document is None or not index.isValid() or not document.editable
                or not 0 <= index.row() < self.rowCount()):
            return False
        step = self._steps()[index.row()]
        if index.column() == Column.ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            enabled = _check_state(value) == Qt.CheckState.Checked
            if enabled != step.enabled:
                self._stack.push(SetEnabledCommand(document, [index.row()], enabled))
            return True
        if index.column() == Column.COMMENT and role == Qt.ItemDataRole.EditRole:
            comment = str(value).strip() if value is not None else ""
            if comment != step.comment:
                try:
                    command = ChangeStepCommand(document, step.id, {"comment": comment},
                                                tr("Change the comment of step {number}")
                                                .format(number=index.row() + 1))
                except EditError:
                    return False
                self._stack.push(command)
            return True
        return False

    # ------------------------------------------------------------ dragging rows

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROWS_MIME_TYPE]

    def mimeData(self, indexes: Any) -> QtCore.QMimeData:  # noqa: N802
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QtCore.QMimeData()
        payload = {"document": id(self._document), "rows": rows}
        data.setData(ROWS_MIME_TYPE, QtCore.QByteArray(json.dumps(payload).encode()))
        return data

    def canDropMimeData(self, data: QtCore.QMimeData, action: Qt.DropAction,  # noqa: N802
                        row: int, column: int,
                        parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> bool:
        return (not self.is_read_only() and action == Qt.DropAction.MoveAction
                and self._dropped_rows(data) is not None)

    def dropMimeData(self, data: QtCore.QMimeData, action: Qt.DropAction,  # noqa: N802
                     row: int, column: int,
                     parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> bool:
        """Rows dropped on a row go before it; dropped below the last row, to the end."""
        document = self._document
        rows = self._dropped_rows(data)
        if document is None or not document.editable or rows is None or not rows:
            return False
        if action != Qt.DropAction.MoveAction:
            return False
        if parent.isValid():
            before = parent.row()
        elif 0 <= row <= self.rowCount():
            before = row
        else:
            before = self.rowCount()
        command = MoveStepsCommand(document, rows, before)
        if command.made_a_change():
            self._stack.push(command)
        # True tells the view the drop was taken; the rows are already moved, and the view's
        # attempt to remove the dragged rows afterwards is refused (no removeRows here).
        return True

    def _dropped_rows(self, data: QtCore.QMimeData) -> list[int] | None:
        if not data.hasFormat(ROWS_MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(ROWS_MIME_TYPE).data()))
            rows = [int(row) for row in payload["rows"]]
            same = payload["document"] == id(self._document)
        except (ValueError, KeyError, TypeError):
            return None
        if not same or not all(0 <= row < self.rowCount() for row in rows):
            return None
        return rows

    # ------------------------------------------------------------ cells

    def _display(self, step: Step, row: int, column: Column) -> str | None:
        if column == Column.KIND:
            return step_kind_text(step)
        if column == Column.DESCRIPTION:
            return step_description(step)
        if column == Column.VALUE:
            return step_what_text(step)
        if column == Column.THINK_TIME:
            return format_seconds(step.think_time_s) if step.think_time_s is not None else ""
        if column == Column.COMMENT:
            return step.comment
        return None

    def _tooltip(self, step: Step, column: Column) -> str | None:
        if column == Column.ENABLED and not step.enabled:
            return tr("Switched off: the robot skips this step.")
        if column == Column.VALUE:
            if isinstance(step, TypeTextStep) and looks_secret(step.text):
                return tr("Hidden: this looks like a password. Make it a secret parameter "
                          "instead.")
            return step_what_text(step) or None
        if column == Column.DESCRIPTION:
            return step_description(step) or None
        if column == Column.THINK_TIME and step.think_time_s is not None:
            return tr("The recording person paused this long before the step; "
                      "it is not replayed.")
        if column == Column.COMMENT:
            return step.comment or None
        if column == Column.PICTURE:
            anchor = step_anchor(step)
            if anchor is None or self._document is None:
                return None
            if self._thumbnail(anchor) is None:
                return tr("Picture {name} could not be read.").format(name=anchor)
            # The full-size picture, so the superuser sees exactly what the robot looks for.
            source = self._document.picture(anchor)
            if isinstance(source, Path):
                url = source.as_uri()
            elif isinstance(source, bytes):
                url = "data:image/png;base64," + base64.b64encode(source).decode()
            else:
                return None
            return f"<img src=\"{html.escape(url)}\"><br><small>{html.escape(anchor)}</small>"
        return None

    def _kind_icon(self, step: Step) -> QtGui.QPixmap | None:
        # A pixmap of its own size: an icon would be drawn as large as the thumbnails.
        name = _KIND_ICONS.get(step.kind)
        if name is None:
            return None
        if name not in self._icons:
            self._icons[name] = QtGui.QIcon(str(paths.resources_dir() / "icons" / f"{name}.svg")
                                            ).pixmap(KIND_ICON_SIZE)
        return self._icons[name]

    def _thumbnail(self, anchor: str) -> QtGui.QPixmap | None:
        if anchor in self._thumbnails:
            return self._thumbnails[anchor]
        thumbnail: QtGui.QPixmap | None = None
        source = self._document.picture(anchor) if self._document is not None else None
        image = QtGui.QImage()
        if isinstance(source, Path):
            reader = QtGui.QImageReader(str(source))
            reader.setAutoTransform(True)
            image = reader.read()
        elif isinstance(source, bytes):
            image.loadFromData(source, "PNG")
        if not image.isNull():
            if (image.width() > THUMBNAIL_SIZE.width()
                    or image.height() > THUMBNAIL_SIZE.height()):
                image = image.scaled(THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            thumbnail = QtGui.QPixmap.fromImage(image)
        self._thumbnails[anchor] = thumbnail
        return thumbnail


def _check_state(value: object) -> Qt.CheckState:
    if isinstance(value, Qt.CheckState):
        return value
    if isinstance(value, int):
        return Qt.CheckState(value)
    return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
