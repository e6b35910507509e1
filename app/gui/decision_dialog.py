"""The decision dialog: the robot has prepared a case and a person decides on it.

It shows the question of the bot's decision step and the values the robot has (secrets as •••),
and answers with Approve, Reject, or Edit values: the values become editable, each checked by its
type as it is typed, and "Use these values" hands them to the robot, which asks again with the
new values in the summary. ``answered`` carries the ``DecisionAnswer``. Closing the window or
pressing Escape decides nothing: a decision is only ever made with a button.
"""

from __future__ import annotations

from app.core.model.bot import Parameter
from app.core.running.player import DecisionAnswer, DecisionQuestion, ShownValue
from app.gui.i18n import tr
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.gui.run_dialogs import ERROR_COLOUR, ParameterForm


def _look_read_only(field: QtWidgets.QLineEdit, read_only: bool) -> None:
    """A value that cannot be typed in reads as text, not as a field waiting for input."""
    field.setFrame(not read_only)
    field.setStyleSheet("QLineEdit { background: transparent; }" if read_only else "")
    field.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)


def _as_parameter(value: ShownValue) -> Parameter:
    return Parameter(value.name, value.type, value.label, None, list(value.choices))


class DecisionDialog(QtWidgets.QDialog):
    """Asks the person beside the robot to approve or reject what it has prepared."""

    answered = Signal(object)

    def __init__(self, question: DecisionQuestion,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.answer: DecisionAnswer | None = None
        self.editing = False
        self._withdrawn = False
        self.setWindowTitle(tr("Your decision"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # On top of the program the robot works in, where the person is looking.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setMinimumWidth(520)

        self.heading_label = QtWidgets.QLabel(question.title or tr("Approve this case?"))
        self.heading_label.setWordWrap(True)
        self.heading_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QtGui.QFont(self.heading_label.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading_label.setFont(font)
        self.intro_label = QtWidgets.QLabel(tr(
            "The robot has prepared this case (step {number}) and waits for your decision. "
            "Check the values below.").format(number=question.index + 1))
        self.intro_label.setWordWrap(True)
        self.problem_label = QtWidgets.QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
        if question.problem:
            self.problem_label.setText(tr("Your edited values were not taken: {reason}").format(
                reason=question.problem))
        else:
            self.problem_label.hide()

        self.fields: dict[str, QtWidgets.QLineEdit | QtWidgets.QComboBox] = {}
        # A choice reads as plain text until the person edits; then it is a list to choose in.
        self._choice_views: dict[str, tuple[QtWidgets.QStackedWidget, QtWidgets.QLineEdit]] = {}
        self.messages: dict[str, QtWidgets.QLabel] = {}
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(14)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for value in question.values:
            field = self._field_for(value)
            field.setObjectName(f"value_{value.name}")
            self.fields[value.name] = field
            label = QtWidgets.QLabel(value.label + ":")
            label.setBuddy(field)
            shown: QtWidgets.QWidget = field
            if isinstance(field, QtWidgets.QComboBox):
                view = QtWidgets.QLineEdit(value.value)
                view.setReadOnly(True)
                stack = QtWidgets.QStackedWidget()
                stack.addWidget(view)
                stack.addWidget(field)
                stack.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                                    QtWidgets.QSizePolicy.Policy.Fixed)
                self._choice_views[value.name] = (stack, view)
                shown = stack
            form.addRow(label, shown)
            message = QtWidgets.QLabel()
            message.setWordWrap(True)
            message.setTextFormat(Qt.TextFormat.PlainText)
            message.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
            message.hide()
            self.messages[value.name] = message
            form.addRow("", message)
        if not question.values:
            form.addRow(QtWidgets.QLabel(tr("The bot has no values to show.")))

        self.approve_button = QtWidgets.QPushButton(tr("Approve"))
        self.approve_button.setObjectName("approve")
        self.reject_button = QtWidgets.QPushButton(tr("Reject"))
        self.reject_button.setObjectName("reject")
        self.edit_button = QtWidgets.QPushButton(tr("Edit values"))
        self.edit_button.setObjectName("edit")
        self.edit_button.setEnabled(any(value.editable for value in question.values))
        self.use_button = QtWidgets.QPushButton(tr("Use these values"))
        self.use_button.setObjectName("use_values")
        self.cancel_edit_button = QtWidgets.QPushButton(tr("Cancel editing"))
        self.cancel_edit_button.setObjectName("cancel_edit")
        for button in (self.approve_button, self.reject_button, self.edit_button,
                       self.use_button, self.cancel_edit_button):
            button.setAutoDefault(False)
        self.approve_button.clicked.connect(lambda: self._finish(DecisionAnswer("approve")))
        self.reject_button.clicked.connect(lambda: self._finish(DecisionAnswer("reject")))
        self.edit_button.clicked.connect(self.start_editing)
        self.use_button.clicked.connect(self.use_values)
        self.cancel_edit_button.clicked.connect(self.cancel_editing)
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.edit_button)
        row.addWidget(self.cancel_edit_button)
        row.addStretch(1)
        row.addWidget(self.reject_button)
        row.addWidget(self.approve_button)
        row.addWidget(self.use_button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.problem_label)
        layout.addLayout(form)
        layout.addLayout(row)
        self._show_mode()

    def _field_for(self, value: ShownValue) -> QtWidgets.QLineEdit | QtWidgets.QComboBox:
        if value.type == "choice" and value.editable:
            combo = QtWidgets.QComboBox()
            combo.addItems(list(value.choices))
            if value.value not in value.choices:
                combo.addItem(value.value)  # as the case had it, even if no longer a choice
            combo.setCurrentText(value.value)
            combo.currentTextChanged.connect(lambda _text, name=value.name: self._check(name))
            return combo
        line = QtWidgets.QLineEdit(value.value)
        line.setCursorPosition(0)
        line.textChanged.connect(lambda _text, name=value.name: self._check(name))
        if not value.editable:
            line.setToolTip(tr("A secret is never shown and cannot be edited here."))
        return line

    # ------------------------------------------------------------ modes

    def _show_mode(self) -> None:
        editing = self.editing
        for value in self.question.values:
            field = self.fields[value.name]
            can_edit = editing and value.editable
            if value.name in self._choice_views:
                stack, view = self._choice_views[value.name]
                view.setText(field.currentText() if isinstance(field, QtWidgets.QComboBox)
                             else value.value)
                _look_read_only(view, True)
                stack.setCurrentIndex(1 if can_edit else 0)
            elif isinstance(field, QtWidgets.QLineEdit):
                field.setReadOnly(not can_edit)
                _look_read_only(field, not can_edit)
        self.approve_button.setVisible(not editing)
        self.reject_button.setVisible(not editing)
        self.edit_button.setVisible(not editing)
        self.use_button.setVisible(editing)
        self.cancel_edit_button.setVisible(editing)
        # Enter never approves or rejects: a decision is made with a deliberate click.
        self.approve_button.setDefault(False)
        self.use_button.setDefault(editing)

    def start_editing(self) -> None:
        """Make the values editable; each is checked by its type as it is typed."""
        self.editing = True
        self._show_mode()
        first = next((self.fields[value.name] for value in self.question.values
                      if value.editable), None)
        if first is not None:
            first.setFocus()

    def cancel_editing(self) -> None:
        """Put every value back as the robot had it and leave editing."""
        self.editing = False
        for value in self.question.values:
            self.set_value(value.name, value.value)
        self._show_mode()

    def use_values(self) -> None:
        """Hand the edited values to the robot, when every one of them can be used."""
        if not all(self._check(value.name) for value in self.question.values):
            return
        edited = {value.name: self.raw_value(value.name) for value in self.question.values
                  if value.editable and self.raw_value(value.name) != value.value}
        if not edited:
            self.cancel_editing()
            return
        self._finish(DecisionAnswer("edit", edited=edited))

    # ------------------------------------------------------------ values

    def raw_value(self, name: str) -> str:
        field = self.fields[name]
        if isinstance(field, QtWidgets.QComboBox):
            return field.currentText()
        value = next(value for value in self.question.values if value.name == name)
        return field.text() if value.type == "text" else field.text().strip()

    def set_value(self, name: str, text: str) -> None:
        """Put ``text`` into a value's field as if typed or chosen (for tests and tools)."""
        field = self.fields[name]
        if isinstance(field, QtWidgets.QComboBox):
            field.setCurrentText(text)
        else:
            field.setText(text)

    def _check(self, name: str) -> bool:
        value = next(value for value in self.question.values if value.name == name)
        problem = None
        if self.editing and value.editable:
            # The same rules, and words, as the form that starts a run.
            problem = ParameterForm.check_problem(_as_parameter(value), self.raw_value(name))
        message = self.messages[name]
        message.setText(problem or "")
        message.setVisible(problem is not None)
        self.use_button.setEnabled(not any(label.isVisibleTo(self)
                                           for label in self.messages.values()))
        return problem is None

    # ------------------------------------------------------------ answering

    def _finish(self, answer: DecisionAnswer) -> None:
        self.answer = answer
        self.answered.emit(answer)
        self.accept()

    def reject(self) -> None:
        # Escape and the window's close button decide nothing: the robot keeps waiting.
        if self._withdrawn:
            super().reject()

    def withdraw(self) -> None:
        """Close without an answer: the run was stopped or ended meanwhile."""
        self._withdrawn = True
        self.reject()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._withdrawn or self.answer is not None:
            super().closeEvent(event)
        else:
            event.ignore()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # Without a parent window to sit over, the middle of the screen is where eyes go.
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is not None and self.parentWidget() is None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2,
                      area.center().y() - self.height() // 2)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        return QtCore.QSize(max(hint.width(), 560), hint.height())
