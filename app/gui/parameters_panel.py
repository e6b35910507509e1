"""The bot's parameters: a table to read them, and dialogs to add, change and make them.

``ParametersPanel`` shows what the bot asks for when it starts (name, type, label, default, the
steps that use it) and sends requests (``parameter_added``, ``parameter_changed``,
``parameter_removal_requested``); it never changes the bot itself, so every change goes through
the studio's undoable edits. A secret's value is never shown, and a parameter still in use is
not offered for removal: the person is told which steps use it.

``ParameterDialog`` asks for one parameter. ``MakeParameterDialog`` is the same for text a step
types ("Make parameter…"): the typed text becomes the default only when the person ticks that,
never for a secret, and never by itself for a personal identity number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from app.core.model.bot import PARAMETER_NAME, PARAMETER_TYPES, Bot, Parameter
from app.core.model.parameter_edits import parameter_users
from app.core.model.params import ParameterError, check_value
from app.core.model.values import personnummer_is_valid, typed_date, typed_number
from app.gui.i18n import tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

ERROR_COLOUR = "#b3261e"
DIALOG_WIDTH = 560
SECRET_MASK = "••••••"
# The parameter types in words; the same words as the studio's parameter list.
TYPE_NAMES: dict[str, str] = {
    "text": translatable("Text"), "number": translatable("Number"), "date": translatable("Date"),
    "personnummer": translatable("Personal identity number"),
    "choice": translatable("Choice"),
    "secret": translatable("Secret"),
}
TYPE_HINTS: dict[str, str] = {
    "text": translatable("Any text."),
    "number": translatable("An amount or a count, for example 1250 or 1 250,50."),
    "date": translatable("A date written YYYY-MM-DD."),
    "personnummer": translatable(
        "Checked before the robot starts: a real date and the right last digit."),
    "choice": translatable("One of a fixed list, chosen from a menu when the robot starts."),
    "secret": translatable("A password: asked for each time, never stored, masked in the log."),
}
INVALID_DEFAULTS: dict[str, str] = {
    "number": translatable("The default must be a number, for example 1250 or 1250,50."),
    "date": translatable("The default must be a date written YYYY-MM-DD."),
    "personnummer": translatable("The default is not a valid personal identity number."),
    "choice": translatable("The default must be one of the choices."),
}
# Letters a caseworker types in labels that have no plain a-z form in Unicode's decomposition.
_FOLDED = {"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l"}
_ROOT = QtCore.QModelIndex()
_Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex


def type_name(kind: str) -> str:
    return tr(TYPE_NAMES.get(kind, kind))


def name_from_label(label: str) -> str:
    """A parameter name made from a label: 'Belopp (kr)' → 'belopp_kr', 'Född år' → 'fodd_ar'."""
    folded = "".join(_FOLDED.get(char, char) for char in label.strip().lower())
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    name = "_".join("".join(c if c.isalnum() else " " for c in plain).split())
    if name and name[0].isdigit():
        name = "_" + name
    return name


def guess_type(text: str) -> str:
    """The type typed text looks like, so the person mostly only confirms it."""
    from app.gui.step_model import looks_secret

    value = text.strip()
    if personnummer_is_valid(value):
        return "personnummer"
    for parse, kind in ((typed_date, "date"), (typed_number, "number")):
        try:
            parse(value)
        except ValueError:
            continue
        return kind
    if looks_secret(value):
        return "secret"
    return "text"


def shown_default(parameter: Parameter) -> str:
    if parameter.type == "secret":
        return ""
    return parameter.default if parameter.default is not None else ""


# ---------------------------------------------------------------- the dialogs


class ParameterDialog(QtWidgets.QDialog):
    """Asks for one parameter: what it is called, its type, its label, choices and default.

    ``taken`` are the names other parameters already have. ``parameter()`` is the result once
    accepted.
    """

    def __init__(self, taken: Sequence[str], parameter: Parameter | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parameterDialog")
        self._taken = set(taken)
        self._name_edited = parameter is not None
        self.setWindowTitle(tr("Change parameter") if parameter else tr("New parameter"))
        self.label_edit = QtWidgets.QLineEdit()
        self.label_edit.setPlaceholderText(tr("for example Personal identity number"))
        self.name_edit = QtWidgets.QLineEdit()
        self.name_edit.setPlaceholderText(tr("for example personnummer"))
        self.type_box = QtWidgets.QComboBox()
        for kind in PARAMETER_TYPES:
            self.type_box.addItem(type_name(kind), kind)
        self.type_hint = _muted_label()
        self.choices_edit = QtWidgets.QPlainTextEdit()
        self.choices_edit.setPlaceholderText(tr("One choice per line"))
        self.choices_edit.setTabChangesFocus(True)
        self.choices_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.default_edit = QtWidgets.QLineEdit()
        self.default_edit.setPlaceholderText(tr("Empty: the robot asks each time"))
        self.problem_label = QtWidgets.QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        self.form = QtWidgets.QFormLayout()
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(tr("Label (shown when the robot asks):"), self.label_edit)
        self.form.addRow(tr("Name in the text:"), self.name_edit)
        self.form.addRow(tr("Type:"), self.type_box)
        self.form.addRow("", self.type_hint)
        self.form.addRow(tr("Choices:"), self.choices_edit)
        self.form.addRow(tr("Default value:"), self.default_edit)
        self.main_layout = QtWidgets.QVBoxLayout(self)
        self.main_layout.addLayout(self.form)
        self.main_layout.addWidget(self.problem_label)
        self.main_layout.addWidget(self.buttons)

        if parameter is not None:
            self.label_edit.setText(parameter.label)
            self.name_edit.setText(parameter.name)
            self.type_box.setCurrentIndex(PARAMETER_TYPES.index(parameter.type))
            self.choices_edit.setPlainText("\n".join(parameter.choices))
            self.default_edit.setText(shown_default(parameter))
        self.label_edit.textEdited.connect(self._label_edited)
        self.name_edit.textEdited.connect(self._name_typed)
        self.type_box.currentIndexChanged.connect(self._type_changed)
        for signal in (self.label_edit.textChanged, self.name_edit.textChanged,
                       self.choices_edit.textChanged, self.default_edit.textChanged):
            signal.connect(self._refresh)
        # Wrapped hints change height with the type; the dialog grows to show them whole.
        self.main_layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(DIALOG_WIDTH)
        self._type_changed()

    # ------------------------------------------------------------ reading the fields

    def kind(self) -> str:
        return str(self.type_box.currentData())

    def choices(self) -> list[str]:
        return [line.strip() for line in self.choices_edit.toPlainText().splitlines()
                if line.strip()]

    def default(self) -> str | None:
        if self.kind() == "secret":
            return None
        return self.default_edit.text().strip() or None

    def parameter(self) -> Parameter:
        kind = self.kind()
        return Parameter(name=self.name_edit.text().strip(), type=kind,  # type: ignore[arg-type]
                         label=self.label_edit.text().strip(), default=self.default(),
                         choices=self.choices() if kind == "choice" else [])

    def problem(self) -> str | None:
        """What keeps the parameter from being made, in words, or None."""
        name = self.name_edit.text().strip()
        if not name:
            return tr("Give the parameter a name.")
        if not PARAMETER_NAME.match(name):
            return tr("A name may hold the letters a–z, digits and _, and must not start "
                      "with a digit.")
        if name in self._taken:
            return tr("The bot already has a parameter named {name}.").format(name=name)
        if self.kind() == "choice":
            choices = self.choices()
            if not choices:
                return tr("Write at least one choice, one per line.")
            if len(set(choices)) != len(choices):
                return tr("The same choice is written twice.")
        return self._default_problem(self.parameter())

    def _default_problem(self, parameter: Parameter) -> str | None:
        if parameter.default is None:
            return None
        try:
            check_value(parameter, parameter.default)
        except ParameterError:
            return tr(INVALID_DEFAULTS.get(parameter.type, "The default cannot be used."))
        return None

    # ------------------------------------------------------------ reacting

    def _label_edited(self, label: str) -> None:
        # The name follows the label until the person writes a name of their own.
        if not self._name_edited:
            self.name_edit.setText(name_from_label(label))

    def _name_typed(self, _: str) -> None:
        self._name_edited = True

    def _type_changed(self) -> None:
        kind = self.kind()
        self.type_hint.setText(tr(TYPE_HINTS[kind]))
        self.form.setRowVisible(self.choices_edit, kind == "choice")
        self.form.setRowVisible(self.default_edit, kind != "secret")
        self._refresh()

    def _refresh(self) -> None:
        problem = self.problem()
        # Only say what is wrong once something was written: an empty form is not an error.
        started = bool(self.name_edit.text().strip() or self.label_edit.text().strip())
        self.problem_label.setText(problem if problem and started else "")
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setEnabled(
            problem is None)

    def _accept_if_valid(self) -> None:
        if self.problem() is None:
            self.accept()


class MakeParameterDialog(ParameterDialog):
    """"Make parameter…" for text a step types: ``typed`` is the text that becomes ``{{name}}``.

    The default field is replaced by a box to keep the typed text as the default, off unless
    ticked, not possible for a secret, and ticked again by hand after choosing personal identity
    number: personal data stays out of the bot file unless the person asks.
    """

    def __init__(self, typed: str, taken: Sequence[str],
                 parent: QtWidgets.QWidget | None = None, *, before: str = "",
                 after: str = "") -> None:
        self._typed = typed
        self._before, self._after = before, after
        self._built = False
        super().__init__(taken, None, parent)
        self.keep_default_box = QtWidgets.QCheckBox()
        self.keep_warning = QtWidgets.QLabel()
        self.setObjectName("makeParameterDialog")
        self.setWindowTitle(tr("Make parameter"))
        shown = typed if len(typed) <= 40 else typed[:37] + "…"
        intro = QtWidgets.QLabel(tr("The typed text “{text}” is replaced by a value the robot "
                                    "asks for when it starts.").format(text=shown))
        intro.setWordWrap(True)
        self.main_layout.insertWidget(0, intro)
        self.form.setRowVisible(self.default_edit, False)
        self.keep_default_box.setText(tr("Keep “{text}” as the default value").format(
            text=shown))
        self.keep_warning.setWordWrap(True)
        self.keep_warning.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.form.addRow("", self.keep_default_box)
        self.form.addRow("", self.keep_warning)
        # What the step will type afterwards, so the person sees the change before making it.
        self.preview = QtWidgets.QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(tr("The step will type:"), self.preview)
        self.keep_default_box.toggled.connect(self._refresh)
        self.name_edit.textChanged.connect(self._show_preview)
        self.type_box.setCurrentIndex(self.type_box.findData(guess_type(typed)))
        self._built = True
        self._type_changed()
        self._show_preview()

    def _show_preview(self) -> None:
        name = self.name_edit.text().strip() or "…"
        self.preview.setText(_shortened(self._before, 30, keep_end=True) + "{{" + name + "}}"
                             + _shortened(self._after, 30))

    def keep_default(self) -> bool:
        return self._built and self.keep_default_box.isChecked() and self.kind() != "secret"

    def default(self) -> str | None:
        # The typed text is added by the edit itself (``make_parameter``), not by the dialog.
        return None

    def problem(self) -> str | None:
        problem = super().problem()
        if problem is None and self.keep_default():
            return self._default_problem(
                Parameter(name="x", type=self.parameter().type, default=self._typed,
                          choices=self.choices()))
        return problem

    def _type_changed(self) -> None:
        super()._type_changed()
        if not self._built:
            return
        self.form.setRowVisible(self.default_edit, False)
        kind = self.kind()
        if kind in ("secret", "personnummer"):
            self.keep_default_box.setChecked(False)
        self.keep_default_box.setEnabled(kind != "secret")
        if kind == "secret":
            self.keep_warning.setText(tr("A secret is never stored."))
        elif kind == "personnummer":
            self.keep_warning.setText(tr("A personal identity number is personal data: as a "
                                         "default it is stored in the bot file and goes with "
                                         "every copy of the bot."))
        else:
            self.keep_warning.setText("")
        self.form.setRowVisible(self.keep_warning, bool(self.keep_warning.text()))
        self._refresh()


def _shortened(text: str, limit: int, *, keep_end: bool = False) -> str:
    """At most ``limit`` characters of ``text``, the cut marked with an ellipsis."""
    text = text.replace("\n", " ⏎ ")
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1):] if keep_end else text[:limit - 1] + "…"


def _muted_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


# ---------------------------------------------------------------- the table


class Column(IntEnum):
    NAME = 0
    TYPE = 1
    LABEL = 2
    DEFAULT = 3
    USED_IN = 4


HEADERS: dict[Column, str] = {
    Column.NAME: translatable("Name"),
    Column.TYPE: translatable("Type"),
    Column.LABEL: translatable("Label"),
    Column.DEFAULT: translatable("Default"), Column.USED_IN: translatable("Used in steps"),
}


class ParameterTableModel(QtCore.QAbstractTableModel):
    """Rows are the bot's parameters; a secret's default is never shown."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._parameters: list[Parameter] = []
        self._users: dict[str, list[int]] = {}

    def set_bot(self, bot: Bot | None) -> None:
        self.beginResetModel()
        self._parameters = list(bot.parameters) if bot is not None else []
        self._users = {p.name: parameter_users(bot, p.name) for p in self._parameters} \
            if bot is not None else {}
        self.endResetModel()

    def parameter(self, row: int) -> Parameter:
        return self._parameters[row]

    def users(self, name: str) -> list[int]:
        return self._users.get(name, [])

    def names(self) -> list[str]:
        return [p.name for p in self._parameters]

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._parameters)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return tr(HEADERS[Column(section)])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._parameters):
            return None
        parameter = self._parameters[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(parameter, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.TYPE:
                hint = tr(TYPE_HINTS.get(parameter.type, ""))
                if parameter.choices:
                    hint += "\n" + ", ".join(parameter.choices)
                return hint
            if column == Column.DEFAULT and parameter.type == "secret":
                return tr("A secret is never stored.")
            if column == Column.USED_IN and not self.users(parameter.name):
                return tr("No step uses this parameter.")
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.DEFAULT \
                and parameter.type == "secret":
            return QtGui.QBrush(QtGui.QColor(140, 140, 140))
        return None

    def _display(self, parameter: Parameter, column: Column) -> str:
        if column == Column.NAME:
            return "{{" + parameter.name + "}}"
        if column == Column.TYPE:
            return type_name(parameter.type)
        if column == Column.LABEL:
            return parameter.label
        if column == Column.DEFAULT:
            if parameter.type == "secret":
                return tr("asked each time")
            return shown_default(parameter)
        users = self.users(parameter.name)
        return ", ".join(str(number) for number in users) if users else "–"


class ParametersPanel(QtWidgets.QWidget):
    """The bot's parameters, with Add, Change and Remove that send requests to the studio."""

    parameter_added = Signal(object)
    parameter_changed = Signal(str, object)
    parameter_removal_requested = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self._read_only = False
        self.model = ParameterTableModel(self)
        self.title = QtWidgets.QLabel()
        title_font = QtGui.QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        self.title.setFont(title_font)
        self.explanation = _muted_label()
        self.table = QtWidgets.QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.change_selected())
        self.add_button = QtWidgets.QPushButton()
        self.change_button = QtWidgets.QPushButton()
        self.remove_button = QtWidgets.QPushButton()
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_shortcut = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Delete, self.table)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_shortcut.activated.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.dialog: ParameterDialog | None = None

        buttons = QtWidgets.QHBoxLayout()
        for button in (self.add_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Parameters"))
        self.explanation.setText(tr("What the robot asks for when it starts. A step's text uses "
                                    "a parameter by its name in double braces, e.g. {{namn}}."))
        self.add_button.setText(tr("Add…"))
        self.change_button.setText(tr("Change…"))
        self.remove_button.setText(tr("Remove"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._update_buttons()

    def set_bot(self, bot: Bot | None, read_only: bool = False) -> None:
        """Show ``bot``'s parameters; a read-only bot (an example) offers no changes."""
        selected = self.selected_name()
        self._read_only = read_only
        self.message.clear()
        self.model.set_bot(bot)
        if selected in self.model.names():
            self.table.selectRow(self.model.names().index(selected))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.parameter(rows[0].row()).name if rows else None

    def _selected(self) -> Parameter | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.parameter(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has_selection = self._selected() is not None
        self.add_button.setEnabled(not self._read_only)
        self.change_button.setEnabled(not self._read_only and has_selection)
        self.remove_button.setEnabled(not self._read_only and has_selection)

    # ------------------------------------------------------------ requests

    def add(self) -> None:
        if self._read_only:
            return
        self._open(ParameterDialog(self.model.names(), None, self), None)

    def change_selected(self) -> None:
        parameter = self._selected()
        if parameter is None or self._read_only:
            return
        others = [name for name in self.model.names() if name != parameter.name]
        self._open(ParameterDialog(others, parameter, self), parameter)

    def _open(self, dialog: ParameterDialog, old: Parameter | None) -> None:
        """Open ``dialog`` without blocking; its answer becomes a request."""
        self.message.clear()

        def answered() -> None:
            result = dialog.parameter()
            if old is None:
                self.parameter_added.emit(result)
            elif result != old:
                self.parameter_changed.emit(old.name, result)

        dialog.accepted.connect(answered)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def remove_selected(self) -> None:
        parameter = self._selected()
        if parameter is None or self._read_only:
            return
        users = self.model.users(parameter.name)
        if users:
            self.message.setText(
                tr("“{name}” is used by steps {steps}. Change those steps first, then remove "
                   "the parameter.").format(name="{{" + parameter.name + "}}",
                                            steps=", ".join(str(n) for n in users)))
            return
        self.message.clear()
        self.parameter_removal_requested.emit(parameter.name)
