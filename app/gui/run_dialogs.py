"""The dialogs a caseworker meets when a bot runs from the studio.

``ParameterForm`` asks for the bot's parameters before the run and refuses a value the robot
could not use, naming the field. ``ProblemDialog`` is the robot asking for help during the run
(its picture did not show, or the wrong window has the focus) and turns the person's choice into
the player's ``Decision``; "show me" lets the person click the right place on the screen.
``RunPanel`` is the small always-on-top strip that says how far the robot is and stops it.
``DataFileSummary`` says how a data file was read and which rows cannot be run, before the
robot starts on it; ``FailedStepDialog`` shows a failed step's error and the screen at that
moment.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable

from app.core import secrets
from app.core.model.bot import Parameter, Step, step_window_title
from app.core.model.data import CaseData
from app.core.model.params import ParameterError, check_value
from app.core.results.outcome import StepResult
from app.core.running.player import Answer, Decision, Problem
from app.gui.i18n import tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.gui.step_model import step_kind_text, step_what_text

log = logging.getLogger(__name__)

ERROR_COLOUR = "#b3261e"
# Long enough to find the spot on a busy screen, short enough that a forgotten robot gives up.
SHOW_ME_TIMEOUT_S = 120.0
ClickWaiter = Callable[[float], tuple[int, int] | None]

# Why a value is refused, per parameter type, in words a caseworker can act on.
INVALID_TEXTS: dict[str, str] = {
    "number": translatable("“{label}” must be a number, for example 1250 or 1250,50."),
    "date": translatable("“{label}” must be a date written YYYY-MM-DD."),
    "personnummer": translatable("“{label}” is not a valid personal identity number: write "
                                 "YYYYMMDD-NNNN and check the digits."),
    "choice": translatable("Choose one of the alternatives for “{label}”."),
}


# What a date or a personnummer looks like while it is still being typed: digits in the right
# places, not yet all of them.
_PARTIAL_FORMS = {
    "date": re.compile(r"[0-9]{0,4}(-[0-9]{0,2}(-[0-9]?)?)?"),
    "personnummer": re.compile(r"[0-9]{0,11}|[0-9]{6}([0-9]{2})?[-+][0-9]{0,3}"),
}


def _still_being_typed(parameter: Parameter, value: str) -> bool:
    """Whether ``value`` is the start of a date or personnummer that is not whole yet."""
    form = _PARTIAL_FORMS.get(parameter.type)
    return form is not None and form.fullmatch(value) is not None


def _specific_reason(parameter: Parameter, reason: str) -> str | None:
    """A closer reason than "must be a date" when the value has the right form but is wrong:
    the day does not exist, or a personnummer's check digit or date of birth is wrong."""
    if parameter.type == "date" and "does not exist" in reason:
        return tr("“{label}”: {value} does not exist in the calendar.")
    if parameter.type == "personnummer":
        if "checksum" in reason:
            return tr("“{label}” is not a valid personal identity number: the last digit "
                      "(the check digit) does not match the others.")
        if "date of birth" in reason:
            return tr("“{label}” is not a valid personal identity number: its date of birth "
                      "does not exist or lies in the future.")
    return None


def parameter_label(parameter: Parameter) -> str:
    return parameter.label or parameter.name


def step_summary(step: Step) -> str:
    """A step as the person saw it in the step table: kind and value."""
    what = f"{step_kind_text(step)} {step_what_text(step)}".strip()
    window = step_window_title(step)
    return tr("{what} in {window}").format(what=what, window=window) if window else what


# ---------------------------------------------------------------- parameters


class ParameterForm(QtWidgets.QDialog):
    """Asks for every parameter of a bot; ``values()`` holds them once the form is accepted.

    Values are checked by the same rules the player uses, as the person types: a refused
    value shows its reason under its field at once and Run stays disabled until every value
    can be used. Secret values live only in this dialog, the run and, with ``keyring_bot``
    (the bot's name there), the keyring: a password kept there fills its field unseen ("saved
    in the keyring"; typing a new one replaces it), and one typed is kept there when the form
    is accepted.
    """

    def __init__(self, bot_name: str, parameters: list[Parameter],
                 parent: QtWidgets.QWidget | None = None, *,
                 keyring_bot: str | None = None) -> None:
        super().__init__(parent)
        self.keyring_bot = keyring_bot
        # Passwords read from the keyring, by parameter; never shown in their fields.
        self.saved_secrets: dict[str, str] = {}
        self.setWindowTitle(tr("Run “{name}”").format(name=bot_name))
        self.setModal(True)
        self.setMinimumWidth(540)
        self.parameters = list(parameters)
        self.fields: dict[str, QtWidgets.QWidget] = {}
        self.messages: dict[str, QtWidgets.QLabel] = {}
        self.calendar: QtWidgets.QCalendarWidget | None = None
        self._values: dict[str, str] = {}

        intro = QtWidgets.QLabel(tr("The robot needs these values before it starts."))
        intro.setWordWrap(True)
        # A grid rather than a form layout: QFormLayout leaves blank lines around a wrapped
        # message in its field column.
        form = QtWidgets.QGridLayout()
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(14)
        form.setColumnStretch(1, 1)
        for row, parameter in enumerate(self.parameters):
            field = self._field_for(parameter)
            field.setObjectName(f"parameter_{parameter.name}")
            self.fields[parameter.name] = field
            label = QtWidgets.QLabel(parameter_label(parameter) + ":")
            label.setBuddy(field)
            form.addWidget(label, 2 * row, 0, Qt.AlignmentFlag.AlignLeft
                           | Qt.AlignmentFlag.AlignVCenter)
            form.addWidget(field, 2 * row, 1)
            message = QtWidgets.QLabel()
            message.setWordWrap(True)
            message.setTextFormat(Qt.TextFormat.PlainText)
            message.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
            message.hide()
            self.messages[parameter.name] = message
            form.addWidget(message, 2 * row + 1, 1)

        buttons = QtWidgets.QDialogButtonBox()
        self.run_button = buttons.addButton(tr("Run"),
                                            QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setDefault(True)
        cancel = buttons.addButton(tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        # Why Run cannot be pressed yet, when no field says so itself (nothing typed yet).
        self.hint_label = QtWidgets.QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.hint_label, 1)
        bottom.addWidget(buttons)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(bottom)
        # Checked as the person types: the reason shows beside the field at once, and Run
        # stays disabled while any value would be refused.
        self._touched: set[str] = set()
        for parameter in self.parameters:
            field = self.fields[parameter.name]
            changed = functools.partial(self._field_changed, parameter)
            if isinstance(field, QtWidgets.QComboBox):
                field.currentTextChanged.connect(changed)
            elif isinstance(field, QtWidgets.QLineEdit):
                field.textChanged.connect(changed)
                field.editingFinished.connect(functools.partial(self._field_left, parameter))
        self._update_run_button()
        # Straight to the first value the person has to give; the defaults are usually right.
        first_empty = next((self.fields[p.name] for p in self.parameters
                            if isinstance(self.fields[p.name], QtWidgets.QLineEdit)
                            and not self.raw_value(p)), None)
        if first_empty is not None:
            first_empty.setFocus()

    def _field_for(self, parameter: Parameter) -> QtWidgets.QWidget:
        if parameter.type == "choice":
            combo = QtWidgets.QComboBox()
            combo.addItems(parameter.choices)
            if parameter.default in parameter.choices:
                combo.setCurrentText(parameter.default or "")
            return combo
        line = QtWidgets.QLineEdit()
        if parameter.type == "secret":
            line.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
            # A default password would have to be stored somewhere; secrets only in the keyring.
            saved = self._saved_secret(parameter.name)
            if saved is not None:
                self.saved_secrets[parameter.name] = saved
                line.setPlaceholderText(tr("Saved in the keyring – type a new one to replace it"))
            return line
        line.setText(parameter.default or "")
        if parameter.type == "personnummer":
            line.setPlaceholderText(tr("YYYYMMDD-NNNN"))
        elif parameter.type == "date":
            # Typed, not picked from a spin box: a date edit cannot even hold 2026-02-30, so
            # a date copied from a letter would be changed silently instead of refused.
            line.setPlaceholderText(tr("YYYY-MM-DD"))
            if not parameter.default:
                line.setText(QtCore.QDate.currentDate().toString("yyyy-MM-dd"))
            # The calendar is still there for whoever prefers to pick the day.
            pick = line.addAction(self.style().standardIcon(
                QtWidgets.QStyle.StandardPixmap.SP_FileDialogDetailedView),
                QtWidgets.QLineEdit.ActionPosition.TrailingPosition)
            pick.setToolTip(tr("Choose the day in a calendar"))
            pick.setObjectName(f"calendar_{parameter.name}")
            pick.triggered.connect(functools.partial(self.show_calendar, parameter.name))
        return line

    def show_calendar(self, name: str, _checked: bool = False) -> QtWidgets.QCalendarWidget:
        """A calendar under the date field ``name``; the day clicked is written into it."""
        field = self.fields[name]
        assert isinstance(field, QtWidgets.QLineEdit)
        calendar = QtWidgets.QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setGridVisible(True)
        given = QtCore.QDate.fromString(field.text().strip(), "yyyy-MM-dd")
        if given.isValid():
            calendar.setSelectedDate(given)

        def chosen(day: QtCore.QDate) -> None:
            field.setText(day.toString("yyyy-MM-dd"))
            calendar.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        calendar.move(field.mapToGlobal(QtCore.QPoint(0, field.height())))
        calendar.show()
        self.calendar = calendar
        return calendar

    def raw_value(self, parameter: Parameter) -> str:
        field = self.fields[parameter.name]
        if isinstance(field, QtWidgets.QComboBox):
            return field.currentText()
        assert isinstance(field, QtWidgets.QLineEdit)
        if parameter.type == "secret" and not field.text():
            return self.saved_secrets.get(parameter.name, "")
        # Spaces around a number or personnummer are a slip of the hand; in a text they count.
        return field.text() if parameter.type in ("text", "secret") else field.text().strip()

    def set_value(self, name: str, value: str) -> None:
        """Put ``value`` into a field as if typed or chosen (for tests and tools)."""
        field = self.fields[name]
        if isinstance(field, QtWidgets.QComboBox):
            field.setCurrentText(value)
        elif isinstance(field, QtWidgets.QLineEdit):
            field.setText(value)

    def _field_changed(self, parameter: Parameter, _text: str = "") -> None:
        self._touched.add(parameter.name)
        value = self.raw_value(parameter)
        problem = self._problem(parameter, value)
        if (problem is not None and self.fields[parameter.name].hasFocus()
                and _still_being_typed(parameter, value)):
            # "19610" is on its way to a personnummer: no red text at every digit; the
            # reason comes when the field is left, or as soon as the value is whole.
            problem = None
        self._show_problem(parameter, problem)
        self._update_run_button()

    def _field_left(self, parameter: Parameter) -> None:
        if parameter.name in self._touched:
            self._show_problem(parameter, self._problem(parameter, self.raw_value(parameter)))

    def _show_problem(self, parameter: Parameter, problem: str | None) -> None:
        message = self.messages[parameter.name]
        was_visible = message.isVisibleTo(self)
        message.setText(problem or "")
        message.setVisible(problem is not None)
        if was_visible != (problem is not None):
            self._fit()

    def _fit(self) -> None:
        """Room for the messages that came or went, so none is squeezed into half a line.

        Measured at the width the form really has: ``adjustSize`` measures wrapped texts at
        the narrower size hint, and the form then showed blank lines around them.
        """
        layout = self.layout()
        width = max(self.width(), self.minimumWidth())
        height = (layout.heightForWidth(width) if layout is not None
                  and layout.hasHeightForWidth() else self.sizeHint().height())
        self.resize(width, max(height, self.minimumSizeHint().height()))

    def problems(self) -> dict[str, str]:
        """Why each refused value is refused, by parameter name (empty when all can run)."""
        found: dict[str, str] = {}
        for parameter in self.parameters:
            problem = self._problem(parameter, self.raw_value(parameter))
            if problem is not None:
                found[parameter.name] = problem
        return found

    def _update_run_button(self) -> None:
        problems = self.problems()
        self.run_button.setEnabled(not problems)
        first = next((problems[p.name] for p in self.parameters if p.name in problems), "")
        self.run_button.setToolTip(first)
        shown = any(message.isVisibleTo(self) for message in self.messages.values())
        self.hint_label.setText("" if shown else first)

    def check(self) -> bool:
        """Check every field, showing what is wrong under each refused one."""
        values: dict[str, str] = {}
        first_wrong: QtWidgets.QWidget | None = None
        for parameter in self.parameters:
            value = self.raw_value(parameter)
            problem = self._problem(parameter, value)
            message = self.messages[parameter.name]
            message.setText(problem or "")
            message.setVisible(problem is not None)
            if problem is None:
                values[parameter.name] = value
            elif first_wrong is None:
                first_wrong = self.fields[parameter.name]
        self._fit()
        self._update_run_button()
        if first_wrong is not None:
            first_wrong.setFocus()
            return False
        self._values = values
        return True

    @staticmethod
    def check_problem(parameter: Parameter, value: str) -> str | None:
        """What is wrong with ``value`` for ``parameter``, in the person's words, or None."""
        return ParameterForm._problem(parameter, value)

    @staticmethod
    def _problem(parameter: Parameter, value: str) -> str | None:
        label = parameter_label(parameter)
        if value == "" and parameter.type not in ("text", "secret"):
            return tr("“{label}” needs a value.").format(label=label)
        try:
            check_value(parameter, value)
        except ParameterError as error:
            specific = _specific_reason(parameter, error.reason)
            if specific is not None:
                return specific.format(label=label, value=value)
            if parameter.type not in INVALID_TEXTS:
                return tr("“{label}” cannot be used.").format(label=label)
            return tr(INVALID_TEXTS[parameter.type]).format(label=label)
        return None

    def accept(self) -> None:
        if self.check():
            self._keep_typed_secrets()
            super().accept()

    def _saved_secret(self, name: str) -> str | None:
        if self.keyring_bot is None:
            return None
        try:
            return secrets.stored(self.keyring_bot, name)
        except secrets.KeyringUnavailableError as error:
            # The person types it, as without a keyring; nothing is lost but the convenience.
            log.info("no password from the keyring: %s", error)
            return None

    def _keep_typed_secrets(self) -> None:
        if self.keyring_bot is None:
            return
        for parameter in self.parameters:
            field = self.fields[parameter.name]
            if parameter.type != "secret" or not isinstance(field, QtWidgets.QLineEdit):
                continue
            typed = field.text()
            if typed and typed != self.saved_secrets.get(parameter.name):
                try:
                    secrets.store(self.keyring_bot, parameter.name, typed)
                    self.saved_secrets[parameter.name] = typed
                except secrets.KeyringUnavailableError as error:
                    log.info("the password was not kept in the keyring: %s", error)

    def values(self) -> dict[str, str]:
        """The checked values by parameter name; empty until the form was accepted."""
        return dict(self._values)

    def forget_values(self) -> None:
        """Drop the values once the run has them, so no password outlives the form."""
        self._values = {}

    def done(self, result: int) -> None:
        if result != QtWidgets.QDialog.DialogCode.Accepted:
            self._values = {}
        # A typed password must not linger in a hidden widget once the form is closed.
        self.saved_secrets = {}
        for parameter in self.parameters:
            field = self.fields[parameter.name]
            if parameter.type == "secret" and isinstance(field, QtWidgets.QLineEdit):
                field.clear()
        super().done(result)


# ---------------------------------------------------------------- asking for help


class ProblemDialog(QtWidgets.QDialog):
    """The robot's question to the person beside it; ``decision`` is set when it is answered.

    ``answered`` carries the ``Decision``. For "show me" the dialog steps aside, waits (with
    ``wait_for_click``, off the GUI thread) for the person to click the right place, then asks
    whether to keep the new picture in the bot.
    """

    answered = Signal(object)
    _clicked = Signal(object)

    def __init__(self, problem: Problem, wait_for_click: ClickWaiter | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.decision: Decision | None = None
        self.keep_question: QtWidgets.QMessageBox | None = None
        self.click_hint: ClickHint | None = None
        # Every window this question showed (itself, the hint, the "keep?" box): all must be
        # off the screen before the robot looks again.
        self.shown_windows: list[QtWidgets.QWidget] = [self]
        self._wait_for_click = wait_for_click
        self.setWindowTitle(tr("The robot needs your help"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # On top of the program the robot works in, where the person is looking.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setMinimumWidth(500)
        self._clicked.connect(self._on_clicked)

        picture = QtWidgets.QLabel()
        picture.setPixmap(self.style().standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading_label = QtWidgets.QLabel(self._heading())
        self.heading_label.setWordWrap(True)
        font = QtGui.QFont(self.heading_label.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading_label.setFont(font)
        self.step_label = QtWidgets.QLabel(
            tr("Step {number}: {what}").format(number=problem.index + 1,
                                               what=step_summary(problem.step)))
        self.step_label.setWordWrap(True)
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label = QtWidgets.QLabel(self._message())
        # The player's own words (English, with the step's timeout) for whoever helps later.
        self.message_label.setToolTip(problem.message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.hint_label = QtWidgets.QLabel(self._hint())
        self.hint_label.setWordWrap(True)
        self.note_label = QtWidgets.QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
        self.note_label.hide()

        text_column = QtWidgets.QVBoxLayout()
        text_column.setSpacing(8)
        for label in (self.heading_label, self.step_label, self.message_label, self.hint_label,
                      self.note_label):
            text_column.addWidget(label)
        top = QtWidgets.QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text_column, 1)

        self.buttons: dict[Answer, QtWidgets.QPushButton] = {}
        choices: list[tuple[Answer, str]] = [("retry", tr("Try again"))]
        if problem.kind == "target_not_found":
            choices += [("show_me", tr("Show me")),
                        ("recorded_place", tr("Click the recorded place"))]
        choices += [("skip", tr("Skip the step")), ("abort", tr("Stop the run"))]
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(8)
        for answer, text in choices:
            button = QtWidgets.QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, chosen=answer: self.choose(chosen))
            self.buttons[answer] = button
            if answer == "skip":
                row.addStretch(1)
            row.addWidget(button)
        self.buttons["retry"].setDefault(True)
        self.buttons["abort"].setToolTip(tr("Ends the run here; nothing more is done."))
        if "show_me" in self.buttons:
            self.buttons["show_me"].setToolTip(tr(
                "Click the right place on the screen; the robot clicks there and takes a new "
                "picture of it."))
            self.buttons["recorded_place"].setToolTip(tr(
                "Click where the step was recorded, without the picture."))

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addLayout(row)

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # Without a parent window to sit over, the middle of the screen is where eyes go.
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is not None and self.parentWidget() is None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2,
                      area.center().y() - self.height() // 2)

    def _heading(self) -> str:
        if self.problem.kind == "wrong_window":
            return tr("The robot has stopped typing: another window has the keyboard focus.")
        if self.problem.kind == "wrong_field":
            return tr("The robot has stopped typing: another field has the keyboard focus.")
        if self.problem.kind == "not_typed":
            return tr("What the robot typed does not show in the field.")
        if self.problem.kind == "not_chosen":
            return tr("What the robot chose does not show in the drop-down list.")
        return tr("The robot cannot find where to act.")

    def _message(self) -> str:
        if self.problem.kind == "target_not_found":
            return tr("The robot looked for this place by its name in the application and by "
                      "its picture, and did not find it in time. It does not click where the "
                      "step was recorded unless you say so.")
        return self.problem.message

    def _hint(self) -> str:
        if self.problem.kind == "wrong_window":
            return tr("Click in the window the robot works in, then press Try again.")
        if self.problem.kind == "wrong_field":
            return tr("Click in the field the text belongs in, then press Try again.")
        if self.problem.kind == "not_typed":
            return tr("Correct the field by hand and press Try again, or skip the step if it "
                      "is right.")
        if self.problem.kind == "not_chosen":
            return tr("Choose the right value by hand and press Try again, or skip the step if "
                      "it is right.")
        return tr("Make sure the right window is open and visible, then press Try again, or "
                  "show the robot where to click.")

    def choose(self, answer: Answer) -> None:
        """Answer the question as if the button for ``answer`` was pressed."""
        if answer == "show_me":
            self._show_me()
            return
        self._finish(Decision(answer))

    def _finish(self, decision: Decision) -> None:
        self.decision = decision
        self.answered.emit(decision)
        self.accept()

    def _show_me(self) -> None:
        waiter = self._wait_for_click
        if waiter is None:
            return
        # Out of the way of the click, and not in the picture the robot takes.
        self.hide()
        if self.click_hint is None:
            self.click_hint = ClickHint(tr("Click the right place on the screen now."))
            self.destroyed.connect(self.click_hint.deleteLater)
            self.shown_windows.append(self.click_hint)
        self.click_hint.appear()

        def wait() -> None:
            self._clicked.emit(waiter(SHOW_ME_TIMEOUT_S))

        threading.Thread(target=wait, name="show-me", daemon=True).start()

    def _on_clicked(self, point: tuple[int, int] | None) -> None:
        if self.click_hint is not None:
            self.click_hint.hide()
        if point is None:
            self.note_label.setText(tr("No click came. Try again, or choose something else."))
            self.note_label.show()
            self.show()
            self.raise_()
            self.activateWindow()
            return
        self._finish(Decision("show_me", point=point, keep_picture=self.ask_keep_picture()))

    def ask_keep_picture(self) -> bool:
        """Whether the person wants the new picture saved in the bot for next time."""
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question,
                                    tr("The robot needs your help"),
                                    tr("Save the picture in the robot?"), buttons.NoButton)
        box.setInformativeText(tr("Then the robot finds the place by itself next time."))
        yes = box.addButton(tr("Yes"), QtWidgets.QMessageBox.ButtonRole.YesRole)
        box.addButton(tr("No"), QtWidgets.QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.keep_question = box
        self.shown_windows.append(box)
        box.exec()
        self.keep_question = None
        return box.clickedButton() is yes

    def reject(self) -> None:
        # Escape or the window's close button: the safe answer is to stop, never to go on.
        if self.decision is None:
            self._finish(Decision("abort"))
            return
        super().reject()


class ClickHint(QtWidgets.QLabel):
    """A line at the top of the screen while the person shows the robot where to click.

    Clicks go through it to whatever is underneath, and it never takes the focus.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint
                            | Qt.WindowType.WindowDoesNotAcceptFocus
                            | Qt.WindowType.WindowTransparentForInput)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setStyleSheet("QLabel { background: #1f2937; color: #f9fafb; border-radius: 6px;"
                           " padding: 8px 18px; font-weight: bold; }")

    def appear(self) -> None:
        screen = QtGui.QGuiApplication.primaryScreen()
        self.adjustSize()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2, area.top() + 12)
        self.show()


# ---------------------------------------------------------------- while running


class RunPanel(QtWidgets.QFrame):
    """A small strip at the screen's lower edge: which step the robot is on, and a stop button.

    It never takes the keyboard focus, so the robot's typing still reaches its window.
    """

    stop_requested = Signal()

    def __init__(self, bot_name: str, stop_hotkey: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint
                            | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setObjectName("runPanel")
        self.setStyleSheet(
            "#runPanel { background: #1f2937; border-radius: 8px; }"
            " #runPanel QLabel { color: #f9fafb; background: transparent; }"
            " #runPanel QPushButton { background: #b3261e; color: white; border: none;"
            " border-radius: 5px; padding: 5px 14px; font-weight: bold; }"
            " #runPanel QPushButton:hover { background: #8c1d18; }")
        self.title_label = QtWidgets.QLabel()
        self._title = tr("The robot is running: {name}").format(name=bot_name)
        self.title_label.setToolTip(self._title)
        self.title_label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                       QtWidgets.QSizePolicy.Policy.Preferred)
        font = QtGui.QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.progress_label = QtWidgets.QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        # Long step descriptions are cut with "…" rather than widening the panel off-screen.
        self.progress_label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                          QtWidgets.QSizePolicy.Policy.Preferred)
        self.case_label = QtWidgets.QLabel()
        self.case_label.setTextFormat(Qt.TextFormat.PlainText)
        self.case_label.hide()
        self.stop_button = QtWidgets.QPushButton(tr("Stop ({hotkey})").format(hotkey=stop_hotkey))
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_button.clicked.connect(self.stop_requested)
        texts = QtWidgets.QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title_label)
        texts.addWidget(self.case_label)
        texts.addWidget(self.progress_label)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(16)
        layout.addLayout(texts, 1)
        layout.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(560)
        self._show_progress()

    def set_progress(self, text: str) -> None:
        self._progress = text
        self._show_progress()

    def _show_progress(self) -> None:
        text = getattr(self, "_progress", "")
        for label, whole in ((self.progress_label, text), (self.title_label, self._title)):
            width = max(80, label.width())
            label.setText(label.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight,
                                                         width))
        self.progress_label.setToolTip(text)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_progress()

    def progress(self) -> str:
        """The whole progress text, however much of it fits."""
        return str(getattr(self, "_progress", ""))

    def set_case(self, text: str) -> None:
        """Which case of a data file the robot is on: "Case 3 of 20 (row 4)"."""
        self.case_label.setText(text)
        self.case_label.setVisible(bool(text))

    def place(self) -> None:
        """Bottom centre of the screen, above the taskbar, away from the fail-safe corners."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.adjustSize()
        self.move(area.center().x() - self.width() // 2,
                  area.bottom() - self.height() - 12)



# ---------------------------------------------------------------- a data file, a failed step


class DataFileSummary(QtWidgets.QDialog):
    """How a data file was read and what the robot will do with it; Run or Cancel.

    Rows that cannot be run are listed by number with the reason, as ``robotfabrik check``
    says them, and are left out; the good rows run in the file's order.
    """

    def __init__(self, data: CaseData, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setWindowTitle(tr("Run with a data file"))
        self.setModal(True)
        self.setMinimumWidth(560)
        good, bad = len(data.cases), len(data.problems)
        heading = QtWidgets.QLabel(tr("The robot will handle %n case(s).", "", good))
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QtGui.QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.heading_label = heading
        how = QtWidgets.QLabel(tr("File: {file}, read as {how}").format(file=data.file.name,
                                                                       how=data.read_as))
        how.setWordWrap(True)
        how.setTextFormat(Qt.TextFormat.PlainText)
        how.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(how)
        self.problem_list = QtWidgets.QPlainTextEdit()
        self.problem_list.setReadOnly(True)
        if bad:
            left_out = QtWidgets.QLabel(tr("%n row(s) cannot be run and are left out:", "",
                                           bad))
            left_out.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
            self.problem_list.setPlainText("\n".join(row.problem or "" for row in data.problems))
            self.problem_list.setMaximumHeight(140)
            layout.addWidget(left_out)
            layout.addWidget(self.problem_list)
        else:
            self.problem_list.hide()
        hint = QtWidgets.QLabel(tr("The robot stops at the first case that fails, so you can "
                                   "see where the system is."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QtWidgets.QDialogButtonBox()
        self.run_button = buttons.addButton(tr("Run %n case(s)", "", good),
                                            QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setDefault(True)
        buttons.addButton(tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class FailedStepDialog(QtWidgets.QDialog):
    """A failed step after the run: which step, why, and the screen as the robot saw it."""

    SHOT_WIDTH = 720

    def __init__(self, result: StepResult, step: Step | None, outcome: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_result = result
        self.setWindowTitle(tr("The run failed"))
        self.setMinimumWidth(560)
        what = step_summary(step) if step is not None else result.kind
        heading = QtWidgets.QLabel(tr("Step {number}: {what}").format(number=result.index + 1,
                                                                      what=what))
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QtGui.QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.error_label = QtWidgets.QLabel(result.error or outcome)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR}; }}")
        self.screenshot_label = QtWidgets.QLabel()
        self.screenshot_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture = self._screenshot()
        if picture is not None and not picture.isNull():
            self.screenshot_label.setPixmap(picture.scaledToWidth(
                min(self.SHOT_WIDTH, picture.width()),
                Qt.TransformationMode.SmoothTransformation))
            self.screenshot_label.setToolTip(tr("The screen when the step failed"))
        else:
            self.screenshot_label.setText(tr("No picture of the screen was taken."))
        buttons = QtWidgets.QDialogButtonBox()
        close = buttons.addButton(tr("Close"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.error_label)
        layout.addWidget(self.screenshot_label, 1)
        layout.addWidget(buttons)

    def _screenshot(self) -> QtGui.QPixmap | None:
        picture = QtGui.QPixmap()
        result = self.step_result
        if result.screenshot_png and picture.loadFromData(result.screenshot_png):
            return picture
        if result.screenshot and picture.load(result.screenshot):
            return picture
        return None

    def has_screenshot(self) -> bool:
        return self.screenshot_label.pixmap() is not None and not self.screenshot_label.pixmap(
            ).isNull()
