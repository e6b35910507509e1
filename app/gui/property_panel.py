"""The property panel: one step's settings, each in an editor that fits it, and its last result.

``PropertyPanel.show_step`` fills the editors for one ``Step`` (click, type text, key, hotkey,
scroll, drag, wait) plus what every step has (switched on, comment, timeout) and, for a step
that acts on a place on the screen, the picture the robot looks for: large on the picture of
its window with the click point marked, and alone at a readable size. "Pick again on screen"
lets the person choose a new picture on the live screen (``region_picker``).

The panel never changes the step. A finished edit (Enter, leaving the field, a choice in a
list) becomes one ``step_edited(step id, {field path: value})``; a new picture becomes
``picture_picked``; "Make parameter…" becomes ``make_parameter_requested``. The studio applies
them as undoable edits and shows the step again. Filling the editors sends nothing, so showing
a step can never come back as an edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.core.model.bot import (
    MOUSE_BUTTONS,
    TEXT_METHODS,
    WAIT_UNTIL,
    ClickStep,
    DecisionStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Parameter,
    ReadTextStep,
    ScrollStep,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
    step_targets,
    step_window_title,
)
from app.core.model.botfile import MAX_SCROLL, MAX_WAIT_S, PLACEHOLDER
from app.core.results.outcome import StepResult
from app.gui.decision_panel import DecisionPanel
from app.gui.i18n import format_number, format_seconds, language, tr, translatable
from app.gui.parameters_panel import MakeParameterDialog, type_name
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.gui.region_picker import HIDE_DELAY_MS, PickedPicture, ScreenPick, grab_screen
from app.gui.step_model import FOUND_BY_TEXTS, key_text, looks_secret, step_kind_text
from app.gui.step_pictures import (
    NUMBER_FIELD_WIDTH,
    PictureSource,
    TargetBox,
    folder_pictures,
    image_from,
    muted_label,
    no_pictures,
    place_on_window_picture,
)

__all__ = ["PictureSource", "PropertyPanel", "as_editor_text", "editor_index",
           "folder_pictures"]

if TYPE_CHECKING:
    from app.core.vision.thumbnail_place import ThumbnailPlace

ERROR_COLOUR = "#b3261e"
COMMON_KEYS = ("enter", "tab", "esc", "backspace", "delete", "space", "up", "down", "left",
               "right", "home", "end", "page_up", "page_down", "insert",
               *(f"f{number}" for number in range(1, 13)))
BUTTON_NAMES: dict[str, str] = {
    "left": translatable("Left"), "right": translatable("Right"), "middle": translatable("Middle"),
}
METHOD_NAMES: dict[str, str] = {
    "type": translatable("Type it key by key"), "paste": translatable("Paste it"),
}
UNTIL_NAMES: dict[str, str] = {
    "time": translatable("A number of seconds"),
    "picture_appears": translatable("Until a picture appears"),
    "picture_vanishes": translatable("Until a picture goes away"),
    "window": translatable("Until a window opens"),
}
STATUS_TEXTS: dict[str, str] = {
    "succeeded": translatable("Done"), "failed": translatable("Failed"),
    "skipped": translatable("Skipped"),
}
STATUS_COLOURS: dict[str, str] = {
    "succeeded": "#e6f4ea", "failed": "#fde2e1", "skipped": "#eeeeee",
}
_UNSET = object()


def editor_index(original: str, position: int) -> int:
    """Where a cursor ``position`` of a text editor falls in ``original``.

    Qt counts UTF-16 units (a character outside the basic plane is two) and shows any line
    break (``\\r\\n`` too) as one; the step's text is a Python string.
    """
    units = index = 0
    while index < len(original) and units < position:
        units += 2 if ord(original[index]) > 0xFFFF else 1
        index += 2 if original.startswith("\r\n", index) else 1
    return index


def as_editor_text(text: str) -> str:
    """The text as a plain text editor gives it back: every line break a ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n")


def _where_text(step: Step) -> str:
    """Where on the screen the step happens, in a few words."""
    window = step_window_title(step)
    if window:
        return tr("In the window “{window}”").format(window=window)
    if isinstance(step, WaitStep):
        return tr("Looks at the whole screen") if step.until in (
            "picture_appears", "picture_vanishes") else ""
    if isinstance(step, TypeTextStep | KeyStep | HotkeyStep):
        return tr("In whichever window has the keyboard")
    return ""


class _TextEdit(QtWidgets.QPlainTextEdit):
    """A text box that says when the person is done with it, as a line edit does."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editing_finished.emit()


class PropertyPanel(QtWidgets.QWidget):
    """One step's properties; edits leave as signals, never as changes to the step."""

    step_edited = Signal(str, dict)
    picture_picked = Signal(str, str, bytes, object)
    make_parameter_requested = Signal(str, int, int, object, bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None, *,
                 grab: Callable[[], QtGui.QImage] = grab_screen,
                 hide_delay_ms: int = HIDE_DELAY_MS) -> None:
        super().__init__(parent)
        self.setObjectName("propertyPanel")
        self._grab = grab
        self._hide_delay_ms = hide_delay_ms
        self._step: Step | None = None
        self._number: int | None = None
        self._parameters: list[Parameter] = []
        self._read_only = False
        self._filling = False
        # What the editors showed or last sent, by field path: an edit is sent only if it
        # differs, so leaving a field untouched sends nothing.
        self._values: dict[str, object] = {}
        self._places: dict[tuple[object, ...], ThumbnailPlace | None] = {}
        self._pictures: PictureSource = no_pictures
        self._text_revealed = True
        self.dialog: MakeParameterDialog | None = None
        self.screen_pick: ScreenPick | None = None
        self._build()
        self.retranslate()
        self.show_step(None)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.title = QtWidgets.QLabel()
        font = QtGui.QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = muted_label()
        self.read_only_note = QtWidgets.QLabel()
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; padding: 4px;")
        self.empty_note = muted_label()

        # What the step does, one row per field; rows not for this kind are hidden.
        self.action_box = QtWidgets.QGroupBox()
        self.action_form = QtWidgets.QFormLayout(self.action_box)
        self.action_form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.button_box = self._combo("button", MOUSE_BUTTONS)
        self.clicks_spin = QtWidgets.QSpinBox()
        self.clicks_spin.setRange(1, 3)
        self._on_finished(self.clicks_spin, "clicks", self.clicks_spin.value)
        self.text_edit = _TextEdit()
        self.text_edit.setObjectName("text")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.text_edit.editing_finished.connect(self._text_finished)
        self.secret_note = QtWidgets.QLabel()
        self.secret_note.setWordWrap(True)
        self.secret_note.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.show_text_button = QtWidgets.QPushButton()
        self.show_text_button.clicked.connect(self._reveal_text)
        self.placeholders_note = muted_label()
        self.make_parameter_button = QtWidgets.QPushButton()
        self.make_parameter_button.setObjectName("makeParameter")
        self.make_parameter_button.clicked.connect(self.make_parameter)
        self.method_box = self._combo("method", TEXT_METHODS)
        self.key_edit = QtWidgets.QLineEdit()
        self.key_edit.setObjectName("key")
        completer = QtWidgets.QCompleter(list(COMMON_KEYS), self.key_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.key_edit.setCompleter(completer)
        self.key_edit.editingFinished.connect(self._key_finished)
        self.keys_edit = QtWidgets.QLineEdit()
        self.keys_edit.setObjectName("keys")
        self.keys_edit.editingFinished.connect(self._keys_finished)
        self.field_problem = QtWidgets.QLabel()
        self.field_problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.dx_spin = QtWidgets.QSpinBox()
        self.dy_spin = QtWidgets.QSpinBox()
        for spin, path in ((self.dx_spin, "dx"), (self.dy_spin, "dy")):
            spin.setRange(-MAX_SCROLL, MAX_SCROLL)
            self._on_finished(spin, path, spin.value)
        self.until_box = self._combo("until", WAIT_UNTIL)
        self.seconds_spin = QtWidgets.QDoubleSpinBox()
        self.seconds_spin.setRange(0, MAX_WAIT_S)
        self.seconds_spin.setDecimals(1)
        self.seconds_spin.setSuffix(" s")
        self._on_finished(self.seconds_spin, "seconds", self.seconds_spin.value)
        self.window_edit = QtWidgets.QLineEdit()
        self.window_edit.setObjectName("window_title")
        self.window_edit.editingFinished.connect(
            lambda: self._emit("window_title", self.window_edit.text().strip() or None))
        self.window_hint = muted_label()
        # A read step: the name its value goes by, and what the person deciding sees it as.
        self.into_edit = QtWidgets.QLineEdit()
        self.into_edit.setObjectName("into")
        self.into_edit.editingFinished.connect(
            lambda: self._emit("into", self.into_edit.text().strip()))
        self.label_edit = QtWidgets.QLineEdit()
        self.label_edit.setObjectName("label")
        self.label_edit.editingFinished.connect(
            lambda: self._emit("label", self.label_edit.text().strip()))

        self.action_labels: dict[QtWidgets.QWidget, QtWidgets.QLabel] = {}
        text_buttons = QtWidgets.QHBoxLayout()
        text_buttons.addWidget(self.make_parameter_button)
        text_buttons.addWidget(self.show_text_button)
        text_buttons.addStretch(1)
        self.text_buttons = QtWidgets.QWidget()
        self.text_buttons.setLayout(text_buttons)
        text_buttons.setContentsMargins(0, 0, 0, 0)
        action_rows: tuple[QtWidgets.QWidget, ...] = (
            self.button_box, self.clicks_spin, self.text_edit)
        for row in action_rows:
            self._row(row)
        self.action_form.addRow(self.secret_note)
        self.action_form.addRow(self.text_buttons)
        self.action_form.addRow(self.placeholders_note)
        for row in (self.method_box, self.key_edit, self.keys_edit):
            self._row(row)
        self.action_form.addRow(self.field_problem)
        self.keys_note = muted_label()
        self.action_form.addRow(self.keys_note)
        for row in (self.dx_spin, self.dy_spin, self.until_box, self.seconds_spin,
                    self.window_edit, self.into_edit, self.label_edit):
            self._row(row)
        self.action_form.addRow(self.window_hint)

        self.targets = {"target": TargetBox("target"), "end": TargetBox("end")}
        for box in self.targets.values():
            box.pick_requested.connect(self.pick_again)
            box.confidence_edited.connect(
                lambda which, value: self._emit(f"{which}.confidence", value))

        # What every step has.
        self.common_box = QtWidgets.QGroupBox()
        common = QtWidgets.QFormLayout(self.common_box)
        common.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.enabled_box = QtWidgets.QCheckBox()
        self.enabled_box.setObjectName("enabled")
        self.enabled_box.clicked.connect(lambda checked: self._emit("enabled", bool(checked)))
        self.points_box = QtWidgets.QCheckBox()
        self.points_box.setObjectName("points_are_fine")
        self.points_box.clicked.connect(
            lambda checked: self._emit("points_are_fine", bool(checked)))
        self.timeout_spin = QtWidgets.QDoubleSpinBox()
        self.timeout_spin.setObjectName("timeout_s")
        self.timeout_spin.setRange(0, MAX_WAIT_S)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setSuffix(" s")
        self.timeout_spin.setMaximumWidth(NUMBER_FIELD_WIDTH)
        self._on_finished(self.timeout_spin, "timeout_s", self._timeout_value)
        self.timeout_hint = muted_label()
        self.comment_edit = QtWidgets.QLineEdit()
        self.comment_edit.setObjectName("comment")
        self.comment_edit.editingFinished.connect(
            lambda: self._emit("comment", self.comment_edit.text().strip()))
        self.timeout_label = QtWidgets.QLabel()
        self.comment_label = QtWidgets.QLabel()
        common.addRow(self.enabled_box)
        common.addRow(self.points_box)
        common.addRow(self.timeout_label, self.timeout_spin)
        common.addRow(self.timeout_hint)
        common.addRow(self.comment_label, self.comment_edit)

        # The last run.
        self.result_box = QtWidgets.QGroupBox()
        result = QtWidgets.QVBoxLayout(self.result_box)
        self.result_status = QtWidgets.QLabel()
        self.result_status.setObjectName("resultStatus")
        self.result_details = muted_label()
        self.result_error = QtWidgets.QLabel()
        self.result_error.setWordWrap(True)
        self.result_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.result_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_picture = QtWidgets.QLabel()
        self.result_picture.setObjectName("resultScreenshot")
        self.full_size_button = QtWidgets.QPushButton()
        self.full_size_button.clicked.connect(self._show_screenshot)
        self._screenshot = QtGui.QImage()
        result_rows: tuple[QtWidgets.QWidget, ...] = (
            self.result_status, self.result_details, self.result_error, self.result_picture,
            self.full_size_button)
        for row in result_rows:
            result.addWidget(row)

        content = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(content)
        # A decision step's question and branches take the place of what a step does.
        self.decision_panel = DecisionPanel()
        sections: tuple[QtWidgets.QWidget, ...] = (
            self.title, self.subtitle, self.read_only_note, self.empty_note, self.result_box,
            self.action_box, self.decision_panel, self.targets["target"], self.targets["end"],
            self.common_box)
        for section in sections:
            layout.addWidget(section)
        layout.addStretch(1)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _row(self, widget: QtWidgets.QWidget) -> None:
        if isinstance(widget, QtWidgets.QAbstractSpinBox):
            # A number is a few digits wide; a field across the panel reads as a text field.
            widget.setMaximumWidth(NUMBER_FIELD_WIDTH)
        label = QtWidgets.QLabel()
        self.action_labels[widget] = label
        self.action_form.addRow(label, widget)

    def _combo(self, path: str, values: Sequence[str]) -> QtWidgets.QComboBox:
        box = QtWidgets.QComboBox()
        box.setObjectName(path)
        for value in values:
            box.addItem(value, value)
        # "activated" comes only from the person, never from filling the box.
        box.activated.connect(lambda _: self._choice_made(path, str(box.currentData())))
        return box

    def _on_finished(self, spin: QtWidgets.QAbstractSpinBox, path: str,
                     value: Callable[[], object]) -> None:
        spin.setObjectName(path)
        spin.setKeyboardTracking(False)
        spin.editingFinished.connect(lambda: self._emit(path, value()))

    def retranslate(self) -> None:
        """Every text in the language ``tr`` now uses."""
        self.decision_panel.retranslate()
        labels = {
            self.button_box: translatable("Mouse button:"),
            self.clicks_spin: translatable("Clicks:"),
            self.text_edit: translatable("Text to type:"), self.method_box: translatable("How:"),
            self.key_edit: translatable("Key:"), self.keys_edit: translatable("Keys together:"),
            self.dx_spin: translatable("Sideways:"), self.dy_spin: translatable("Up or down:"),
            self.until_box: translatable("Wait:"), self.seconds_spin: translatable("Seconds:"),
            self.window_edit: translatable("Window:"),
            self.into_edit: translatable("Value's name:"),
            self.label_edit: translatable("Shown as:"),
        }
        for widget, text in labels.items():
            self.action_labels[widget].setText(tr(text))
        for box, names in ((self.button_box, BUTTON_NAMES), (self.method_box, METHOD_NAMES),
                           (self.until_box, UNTIL_NAMES)):
            for index in range(box.count()):
                box.setItemText(index, tr(names[str(box.itemData(index))]))
        self.action_box.setTitle(tr("What the step does"))
        self.common_box.setTitle(tr("For this step"))
        self.result_box.setTitle(tr("Last run"))
        self.make_parameter_button.setText(tr("Make parameter…"))
        self.make_parameter_button.setToolTip(tr("Turn the text, or the part of it you "
                                                 "selected, into a value the robot asks for "
                                                 "when it starts."))
        self.show_text_button.setText(tr("Show the text"))
        self.key_edit.setPlaceholderText(tr("for example enter, tab, esc, f5"))
        self.keys_edit.setPlaceholderText(tr("for example ctrl+s"))
        self.dx_spin.setToolTip(tr("Positive scrolls right, negative left."))
        self.dy_spin.setToolTip(tr("Positive scrolls up, negative down."))
        self.window_edit.setPlaceholderText(tr("Any window"))
        self.label_edit.setPlaceholderText(tr("what the person deciding sees, e.g. Name"))
        self.enabled_box.setText(tr("Run this step (untick to skip it)"))
        self.points_box.setText(tr("The recorded place is fine: act there without asking when "
                                   "neither the element nor the picture is found"))
        self.timeout_label.setText(tr("Wait at most:"))
        self.timeout_spin.setSpecialValueText(tr("Standard"))
        self.timeout_hint.setText(tr("How long the robot waits for the picture or the window "
                                     "before it asks you. Standard follows the run's setting."))
        self.comment_label.setText(tr("Comment:"))
        self.comment_edit.setPlaceholderText(tr("A note for whoever reads the bot"))
        self.full_size_button.setText(tr("Show full size"))
        # Decimal comma in Swedish: a superuser types 2,5 seconds.
        number_locale = QtCore.QLocale(QtCore.QLocale.Language.Swedish,
                                       QtCore.QLocale.Country.Sweden) \
            if language() == "sv" else QtCore.QLocale(QtCore.QLocale.Language.English,
                                                      QtCore.QLocale.Country.UnitedKingdom)
        for spin in (self.seconds_spin, self.timeout_spin):
            spin.setLocale(number_locale)
        self.empty_note.setText(tr("Choose a step in the list to see and change it here."))
        self.read_only_note.setText(tr("This is an example and cannot be changed here. Save a "
                                       "copy as your own bot to change it."))
        if self._step is not None:
            step, number = self._step, self._number
            self._step = None  # shown afresh, the editors keep nothing half-typed
            self.show_step(step, self._pictures, self._read_only, number=number,
                           parameters=self._parameters)

    # ------------------------------------------------------------ showing

    def step(self) -> Step | None:
        return self._step

    def show_step(self, step: Step | None, pictures: PictureSource | None = None,
                  read_only: bool = False, *, number: int | None = None,
                  parameters: Sequence[Parameter] = ()) -> None:
        """Fill the editors with ``step`` (None: nothing chosen); sends no edit.

        ``number`` is the step's number in the table, ``parameters`` the bot's, for the
        "Make parameter…" dialog and the note on which ones the text uses.
        """
        same_step = step is not None and self._step is not None and step.id == self._step.id
        self._filling = True
        try:
            self._step, self._number = step, number
            self._pictures = pictures or no_pictures
            self._parameters = list(parameters)
            self._read_only = read_only
            if not same_step:
                self.show_result(None)
            self._values = {}
            self._fill(step, same_step)
        finally:
            self._filling = False

    def _fill(self, step: Step | None, same_step: bool) -> None:
        has_step = step is not None
        for widget in (self.action_box, self.common_box, self.subtitle):
            widget.setVisible(has_step)
        self.empty_note.setVisible(not has_step)
        self.read_only_note.setVisible(has_step and self._read_only)
        if step is None:
            self.decision_panel.show_step(None)
            self.title.setText(tr("No step chosen"))
            for box in self.targets.values():
                box.hide()
            return
        kind = step_kind_text(step)
        self.title.setText(tr("Step {number}: {kind}").format(number=self._number, kind=kind)
                           if self._number is not None else kind)
        self.subtitle.setText(_where_text(step))
        self.subtitle.setVisible(bool(self.subtitle.text()))
        self._fill_action(step, same_step)
        # A decision does nothing on the screen itself; its panel is filled by the studio,
        # which knows the steps around it.
        self.action_box.setVisible(not isinstance(step, DecisionStep))
        if not isinstance(step, DecisionStep):
            self.decision_panel.show_step(None)
        self._fill_targets(step)
        self._fill_common(step)
        self._apply_read_only()

    def _set(self, path: str, value: object) -> None:
        self._values[path] = value

    def _fill_action(self, step: Step, same_step: bool) -> None:
        visible: set[QtWidgets.QWidget] = set()
        if isinstance(step, ClickStep | DragStep):
            visible.add(self.button_box)
            self._select(self.button_box, "button", step.button)
        if isinstance(step, ClickStep):
            visible.add(self.clicks_spin)
            self.clicks_spin.setValue(step.clicks)
            self._set("clicks", step.clicks)
        if isinstance(step, TypeTextStep):
            visible |= {self.text_edit, self.method_box, self.text_buttons,
                        self.placeholders_note}
            if self._fill_text(step, same_step):
                visible = (visible - {self.text_edit}) | {self.secret_note}
            self._select(self.method_box, "method", step.method)
        if isinstance(step, KeyStep):
            visible |= {self.key_edit, self.keys_note}
            self.keys_note.setText(tr("Pressed as: {keys}").format(keys=key_text(step.key)))
            self.key_edit.setText(step.key)
            self._set("key", step.key)
        if isinstance(step, HotkeyStep):
            visible |= {self.keys_edit, self.keys_note}
            self.keys_note.setText(tr("Pressed as: {keys}").format(
                keys="+".join(key_text(key) for key in step.keys)))
            self.keys_edit.setText("+".join(step.keys))
            self._set("keys", list(step.keys))
        if isinstance(step, ScrollStep):
            visible |= {self.dx_spin, self.dy_spin}
            self.dx_spin.setValue(step.dx)
            self.dy_spin.setValue(step.dy)
            self._set("dx", step.dx)
            self._set("dy", step.dy)
        if isinstance(step, WaitStep):
            visible.add(self.until_box)
            self._select(self.until_box, "until", step.until)
            self.seconds_spin.setValue(step.seconds)
            self._set("seconds", step.seconds)
            if step.until == "time":
                visible.add(self.seconds_spin)
            if step.until == "window":
                visible.add(self.window_edit)
        if isinstance(step, ReadTextStep):
            visible |= {self.into_edit, self.label_edit}
            self.into_edit.setText(step.into)
            self.label_edit.setText(step.label)
            self._set("into", step.into)
            self._set("label", step.label)
        if isinstance(step, TypeTextStep | KeyStep | HotkeyStep):
            visible.add(self.window_edit)
        if isinstance(step, TypeTextStep | KeyStep | HotkeyStep | WaitStep):
            self.window_edit.setText(step.window_title or "")
            self._set("window_title", step.window_title)
        self.window_hint.setText(
            tr("The robot waits until this window has the keyboard before it types.")
            if isinstance(step, TypeTextStep | KeyStep | HotkeyStep) else "")
        if self.window_hint.text():
            visible.add(self.window_hint)
        rows = (self.button_box, self.clicks_spin, self.text_edit, self.secret_note,
                self.text_buttons, self.placeholders_note, self.method_box, self.key_edit,
                self.keys_edit, self.field_problem, self.keys_note, self.dx_spin, self.dy_spin,
                self.until_box, self.seconds_spin, self.window_edit, self.window_hint,
                self.into_edit, self.label_edit)
        for widget in rows:
            self.action_form.setRowVisible(widget, widget in visible)
        self.field_problem.clear()
        self.action_form.setRowVisible(self.field_problem, False)

    def _select(self, box: QtWidgets.QComboBox, path: str, value: str) -> None:
        box.setCurrentIndex(box.findData(value))
        self._set(path, value)

    def _fill_text(self, step: TypeTextStep, same_step: bool) -> bool:
        """Fill the text's editor; True when the text is kept out of sight (a password)."""
        shown = as_editor_text(step.text)
        # Showing the same text again keeps the cursor and the selection where they were.
        if not (same_step and self.text_edit.toPlainText() == shown):
            self.text_edit.setPlainText(shown)
        self._set("text", shown)
        hidden = looks_secret(step.text) and not (same_step and self._text_revealed)
        self._text_revealed = not hidden
        self.secret_note.setText(tr("Hidden: this looks like a password. Make it a secret "
                                    "parameter instead.") if hidden else "")
        self.show_text_button.setVisible(hidden)
        used = list(dict.fromkeys(PLACEHOLDER.findall(step.text)))
        known = {parameter.name: parameter for parameter in self._parameters}
        described = []
        for name in used:
            parameter = known.get(name)
            described.append("{{" + name + "}}" + (
                f" – {parameter.label or name} ({type_name(parameter.type)})"
                if parameter else ""))
        self.placeholders_note.setText(
            tr("Filled in when the robot starts: {parameters}").format(
                parameters="; ".join(described)) if used else
            tr("Select part of the text and press Make parameter… to have the robot ask for "
               "it when it starts."))
        return hidden

    def _reveal_text(self) -> None:
        self._text_revealed = True
        self.secret_note.clear()
        self.action_form.setRowVisible(self.secret_note, False)
        self.show_text_button.hide()
        self.action_form.setRowVisible(self.text_edit, True)

    def _fill_targets(self, step: Step) -> None:
        named: dict[str, Target | None] = {}
        if isinstance(step, DragStep):
            named = {"target": step.target, "end": step.end}
        elif isinstance(step, ClickStep | ScrollStep | ReadTextStep) or (
                isinstance(step, WaitStep) and step.until not in {"time", "window"}):
            named = {"target": step.target}
        titles = {
            "target": tr("Where the drag starts") if isinstance(step, DragStep) else
            tr("The picture to wait for") if isinstance(step, WaitStep) else
            tr("What the robot reads") if isinstance(step, ReadTextStep) else
            tr("Where the robot acts"),
            "end": tr("Where the drag ends"),
        }
        for which, box in self.targets.items():
            if which not in named:
                box.hide()
                continue
            target = named[which]
            box.retranslate(titles[which])
            thumbnail_png = self._pictures(step.thumbnail) \
                if which == "target" and step.thumbnail else None
            anchor_png = self._pictures(target.anchor) \
                if target is not None and target.anchor else None
            thumbnail, anchor = image_from(thumbnail_png), image_from(anchor_png)
            place = None
            if target is not None and not thumbnail.isNull() and not anchor.isNull():
                # By content: a picture picked again may keep its file name.
                key = (hash(thumbnail_png), hash(anchor_png), target.anchor_offset,
                       target.window_point)
                if key not in self._places:
                    self._places[key] = place_on_window_picture(thumbnail, anchor, target)
                place = self._places[key]
            box.show_target(target, thumbnail, anchor, place,
                            waits=isinstance(step, WaitStep),
                            points_are_fine=step.points_are_fine,
                            reads=isinstance(step, ReadTextStep))
            self._set(f"{which}.confidence", target.confidence if target else None)
            box.show()

    def _fill_common(self, step: Step) -> None:
        self.enabled_box.setChecked(step.enabled)
        self._set("enabled", step.enabled)
        self.points_box.setChecked(step.points_are_fine)
        self._set("points_are_fine", step.points_are_fine)
        # A read step reads an element or nothing: a point has no text to read.
        self.points_box.setVisible(bool(step_targets(step))
                                   and not isinstance(step, WaitStep | ReadTextStep))
        self.timeout_spin.setValue(step.timeout_s if step.timeout_s is not None else 0)
        self._set("timeout_s", step.timeout_s)
        self.comment_edit.setText(step.comment)
        self._set("comment", step.comment)
        waits = bool(step_targets(step)) or isinstance(step, TypeTextStep | KeyStep | HotkeyStep) \
            or (isinstance(step, WaitStep) and step.until != "time")
        self.timeout_spin.setEnabled(waits)
        self.timeout_hint.setText(
            tr("How long the robot waits for the picture or the window before it asks you. "
               "Standard follows the run's setting.") if waits else
            tr("A wait for a number of seconds needs no limit."))

    def _apply_read_only(self) -> None:
        read_only = self._read_only
        for line in (self.key_edit, self.keys_edit, self.window_edit, self.comment_edit,
                     self.into_edit, self.label_edit):
            line.setReadOnly(read_only)
        self.text_edit.setReadOnly(read_only)
        for widget in (self.button_box, self.clicks_spin, self.method_box, self.dx_spin,
                       self.dy_spin, self.until_box, self.seconds_spin, self.enabled_box,
                       self.points_box,
                       self.make_parameter_button):
            widget.setEnabled(not read_only)
        if read_only:
            self.timeout_spin.setEnabled(False)
        for box in self.targets.values():
            box.set_read_only(read_only)

    # ------------------------------------------------------------ the last run

    def show_result(self, result: StepResult | None) -> None:
        """Show what happened to this step in the last run; None hides it."""
        self._screenshot = QtGui.QImage()
        if result is None or self._step is None or result.step_id != self._step.id:
            self.result_box.hide()
            return
        status = tr(STATUS_TEXTS.get(result.status, result.status))
        self.result_status.setText(status)
        self.result_status.setStyleSheet(
            f"background: {STATUS_COLOURS.get(result.status, '#eeeeee')}; padding: 4px;"
            "border-radius: 4px; font-weight: bold;")
        details = []
        if result.found_by in FOUND_BY_TEXTS:
            how = tr(FOUND_BY_TEXTS[result.found_by])
            if result.score is not None and result.found_by != "selector":
                details.append(tr("Found {how} ({percent} % alike).").format(
                    how=how, percent=format_number(round(result.score * 100, 1))))
            else:
                details.append(tr("Found {how}.").format(how=how))
        elif result.found_by == "none":
            details.append(tr("The place was not found."))
        if result.ended_at > result.started_at > 0:
            details.append(tr("Took {time}.").format(
                time=format_seconds(result.ended_at - result.started_at)))
        self.result_details.setText(" ".join(details))
        self.result_details.setVisible(bool(details))
        self.result_error.setText(result.error or "")
        self.result_error.setVisible(bool(result.error))
        if result.screenshot_png:
            self._screenshot = image_from(result.screenshot_png)
        elif result.screenshot:
            self._screenshot = QtGui.QImage(result.screenshot)
        has_picture = not self._screenshot.isNull()
        if has_picture:
            width = max(200, self.scroll_area.viewport().width() - 40)
            self.result_picture.setPixmap(QtGui.QPixmap.fromImage(self._screenshot.scaledToWidth(
                min(width, self._screenshot.width()),
                Qt.TransformationMode.SmoothTransformation)))
            self.result_picture.setToolTip(tr("The screen when the step failed"))
        self.result_picture.setVisible(has_picture)
        self.full_size_button.setVisible(has_picture)
        self.result_box.show()

    def _show_screenshot(self) -> None:
        if self._screenshot.isNull():
            return
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle(tr("The screen when the step failed"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picture = QtWidgets.QLabel()
        picture.setPixmap(QtGui.QPixmap.fromImage(self._screenshot))
        area = QtWidgets.QScrollArea()
        area.setWidget(picture)
        layout = QtWidgets.QVBoxLayout(dialog)
        layout.addWidget(area)
        dialog.resize(1000, 700)
        dialog.show()

    # ------------------------------------------------------------ edits going out

    def _emit(self, path: str, value: object) -> None:
        if self._filling or self._step is None or self._read_only:
            return
        if self._values.get(path, _UNSET) == value:
            return
        self._values[path] = value
        self.step_edited.emit(self._step.id, {path: value})

    def _choice_made(self, path: str, value: str) -> None:
        self._emit(path, value)
        if path == "until" and isinstance(self._step, WaitStep):
            # Show the fields of the new kind of wait at once; the studio confirms it.
            self.action_form.setRowVisible(self.seconds_spin, value == "time")
            self.action_form.setRowVisible(self.window_edit, value == "window")

    def _timeout_value(self) -> float | None:
        value = self.timeout_spin.value()
        return None if value == self.timeout_spin.minimum() else round(value, 1)

    def _text_finished(self) -> None:
        if self._step is None or not isinstance(self._step, TypeTextStep):
            return
        self._emit("text", self.text_edit.toPlainText())

    def _key_finished(self) -> None:
        key = self.key_edit.text().strip().lower()
        if not key:
            self._show_problem(tr("A key step needs a key."))
            self.key_edit.setText(str(self._values.get("key", "")))
            return
        self._show_problem("")
        self._emit("key", key)

    def _keys_finished(self) -> None:
        keys = [key.strip().lower() for key in self.keys_edit.text().split("+") if key.strip()]
        if not keys:
            self._show_problem(tr("Write the keys joined by +, for example ctrl+s."))
            self.keys_edit.setText("+".join(self._values.get("keys", [])))  # type: ignore[arg-type]
            return
        self._show_problem("")
        self._emit("keys", keys)

    def _show_problem(self, text: str) -> None:
        self.field_problem.setText(text)
        self.action_form.setRowVisible(self.field_problem, bool(text))

    # ------------------------------------------------------------ make parameter

    def make_parameter(self) -> None:
        """Ask how the selected text (or all of it) becomes a parameter, then request it."""
        step = self._step
        if not isinstance(step, TypeTextStep) or self._read_only:
            return
        # A change typed just now counts first, so the selection matches the step's text.
        self._text_finished()
        text = str(self._values.get("text", step.text))
        cursor = self.text_edit.textCursor()
        if cursor.hasSelection() and self._text_revealed:
            start = editor_index(text, cursor.selectionStart())
            end = editor_index(text, cursor.selectionEnd())
        else:
            start, end = 0, len(text)
        if start == end:
            return
        for match in PLACEHOLDER.finditer(text):
            if match.start() < end and start < match.end():
                self._show_problem(
                    tr("The selection includes {parameter}, which is a parameter already. "
                       "Select text outside it.").format(parameter=match.group(0)))
                return
        self._show_problem("")
        dialog = MakeParameterDialog(text[start:end], [p.name for p in self._parameters], self,
                                     before=text[:start], after=text[end:])
        step_id = step.id

        def answered() -> None:
            self.make_parameter_requested.emit(step_id, start, end, dialog.parameter(),
                                               dialog.keep_default())

        dialog.accepted.connect(answered)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    # ------------------------------------------------------------ pick again on screen

    @property
    def screen_grab(self) -> Callable[[], QtGui.QImage]:
        """How the panel pictures the screen for "pick again on screen"."""
        return self._grab

    @property
    def hide_delay_ms(self) -> int:
        """How long the panel lets its window vanish before picturing the screen."""
        return self._hide_delay_ms

    def pick_again(self, which: str) -> None:
        """Hide the studio, let the person choose a new picture on the screen, come back."""
        if self._step is None or self._read_only or self.screen_pick is not None:
            return
        step_id = self._step.id
        pick = ScreenPick(self.window(), grab=self._grab, hide_delay_ms=self._hide_delay_ms,
                          parent=self)

        def finished(picture: PickedPicture | None) -> None:
            self.screen_pick = None
            pick.deleteLater()
            if picture is not None:
                self.picture_picked.emit(step_id, which, picture.png, picture.offset)

        pick.finished.connect(finished)
        pick.failed.connect(self._pick_failed)
        self.screen_pick = pick
        pick.start()

    def _pick_failed(self, reason: str) -> None:
        for box in self.targets.values():
            if box.isVisible():
                box.anchor_caption.setText(reason)
