"""The step table: a thin Qt model over a ``Bot``'s plain list of steps.

The bot's ``steps`` list stays the source of truth; the model only reads it for display and
writes the two things a superuser may change in the table today (a step switched on or off, its
comment). Wording for each step lives here as plain functions so other views can reuse it.
"""

from __future__ import annotations

import html
import re
from enum import IntEnum
from pathlib import Path
from typing import Any

from app.core.model.bot import (
    Bot,
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    ScrollStep,
    Step,
    TypeTextStep,
    WaitStep,
    step_targets,
    step_window_title,
)
from app.core.model.botfile import IMAGES_DIR, PLACEHOLDER
from app.gui.i18n import format_seconds, tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, Signal

THUMBNAIL_SIZE = QtCore.QSize(120, 30)
SECRET_MASK = "••••••"
# The invisible root, shared as the default parent argument of the model's methods.
_ROOT = QtCore.QModelIndex()


class Column(IntEnum):
    NUMBER = 0
    ENABLED = 1
    KIND = 2
    WHAT = 3
    WINDOW = 4
    PICTURE = 5
    THINK_TIME = 6
    COMMENT = 7


HEADERS: dict[Column, str] = {
    Column.NUMBER: translatable("#"),
    Column.ENABLED: translatable("On"),
    Column.KIND: translatable("Step"),
    Column.WHAT: translatable("What"),
    Column.WINDOW: translatable("Window"),
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


class StepTableModel(QtCore.QAbstractTableModel):
    """Rows are the bot's steps, columns the ``Column`` values.

    ``edited`` is emitted after the table changed the bot, so the window can mark it unsaved.
    """

    edited = Signal()

    def __init__(self, bot: Bot | None = None, folder: Path | None = None, *,
                 read_only: bool = False, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._bot = bot
        self._folder = folder
        self._read_only = read_only
        self._thumbnails: dict[str, QtGui.QPixmap | None] = {}

    # ------------------------------------------------------------ the bot behind it

    def bot(self) -> Bot | None:
        return self._bot

    def folder(self) -> Path | None:
        return self._folder

    def is_read_only(self) -> bool:
        return self._read_only

    def set_bot(self, bot: Bot | None, folder: Path | None = None, *,
                read_only: bool = False) -> None:
        self.beginResetModel()
        self._bot = bot
        self._folder = folder
        self._read_only = read_only
        self._thumbnails.clear()
        self.endResetModel()

    def step(self, row: int) -> Step:
        return self._steps()[row]

    def retranslate(self) -> None:
        """Show the headers and cells in the language ``tr`` now uses."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, len(Column) - 1))

    def _steps(self) -> list[Step]:
        return self._bot.steps if self._bot is not None else []

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
        if (orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.rowCount()):
            return str(section + 1)
        return None

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex
              ) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._read_only:
            return flags
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
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(step, index.row(), column)
        if role == Qt.ItemDataRole.EditRole and column == Column.COMMENT:
            return step.comment
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.ENABLED:
            return Qt.CheckState.Checked if step.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == Column.PICTURE:
            anchor = step_anchor(step)
            return self._thumbnail(anchor) if anchor else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(step, column)
        if role == Qt.ItemDataRole.ForegroundRole and not step.enabled:
            # A switched-off step stays readable but visibly out of the run.
            return QtGui.QBrush(QtGui.QColor(140, 140, 140))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                Column.NUMBER, Column.THINK_TIME):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.SizeHintRole and column == Column.PICTURE:
            return QtCore.QSize(THUMBNAIL_SIZE.width() + 12, THUMBNAIL_SIZE.height() + 8)
        return None

    def setData(self,  # noqa: N802
                index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self._read_only or not 0 <= index.row() < self.rowCount():
            return False
        step = self._steps()[index.row()]
        if index.column() == Column.ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            enabled = _check_state(value) == Qt.CheckState.Checked
            if enabled == step.enabled:
                return True
            step.enabled = enabled
            # The whole row changes colour, not only the box.
            self.dataChanged.emit(self.index(index.row(), 0),
                                  self.index(index.row(), len(Column) - 1))
            self.edited.emit()
            return True
        if index.column() == Column.COMMENT and role == Qt.ItemDataRole.EditRole:
            comment = str(value).strip() if value is not None else ""
            if comment == step.comment:
                return True
            step.comment = comment
            self.dataChanged.emit(index, index)
            self.edited.emit()
            return True
        return False

    # ------------------------------------------------------------ cells

    def _display(self, step: Step, row: int, column: Column) -> str | None:
        if column == Column.NUMBER:
            return str(row + 1)
        if column == Column.KIND:
            return step_kind_text(step)
        if column == Column.WHAT:
            return step_what_text(step)
        if column == Column.WINDOW:
            return step_window_title(step) or ""
        if column == Column.THINK_TIME:
            return format_seconds(step.think_time_s) if step.think_time_s is not None else ""
        if column == Column.COMMENT:
            return step.comment
        return None

    def _tooltip(self, step: Step, column: Column) -> str | None:
        if column == Column.ENABLED and not step.enabled:
            return tr("Switched off: the robot skips this step.")
        if column == Column.WHAT:
            if isinstance(step, TypeTextStep) and looks_secret(step.text):
                return tr("Hidden: this looks like a password. Make it a secret parameter "
                          "instead.")
            return step_what_text(step) or None
        if column == Column.WINDOW:
            return step_window_title(step) or None
        if column == Column.THINK_TIME and step.think_time_s is not None:
            return tr("The recording person paused this long before the step; "
                      "it is not replayed.")
        if column == Column.COMMENT:
            return step.comment or None
        if column == Column.PICTURE:
            anchor = step_anchor(step)
            if anchor is None or self._folder is None:
                return None
            if self._thumbnail(anchor) is None:
                return tr("Picture {name} could not be read.").format(name=anchor)
            # The full-size picture, so the superuser sees exactly what the robot looks for.
            path = self._folder / IMAGES_DIR / anchor
            return (f"<img src=\"{html.escape(path.as_uri())}\"><br>"
                    f"<small>{html.escape(anchor)}</small>")
        return None

    def _thumbnail(self, anchor: str) -> QtGui.QPixmap | None:
        if anchor in self._thumbnails:
            return self._thumbnails[anchor]
        thumbnail: QtGui.QPixmap | None = None
        if self._folder is not None:
            path = self._folder / IMAGES_DIR / anchor
            reader = QtGui.QImageReader(str(path))
            reader.setAutoTransform(True)
            image = reader.read() if path.is_file() else QtGui.QImage()
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
