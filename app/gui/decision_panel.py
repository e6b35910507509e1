"""The decision panel: a decision step's question and its two branches, under the step's
properties in the studio.

A branch is edited with the same steps as the rest of the bot: the step right after the decision
can be taken into either branch, a branch step moved up or down, opened to change its settings
where it is (``branch_step_opened``), or taken out again to right after the decision (where it
can be moved or deleted like any step). The panel never
changes the step itself: it says what the person asked for (``title_edited``,
``branch_edit_requested``) and the studio makes it an undoable edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.model.bot import BRANCHES, Branch, DecisionStep, Parameter
from app.gui.i18n import tr
from app.gui.qt import Qt, QtWidgets, Signal
from app.gui.step_model import step_description, step_kind_text

# What the panel asks the studio to do with a branch: (operation, decision id, branch, position)
TAKE_NEXT, MOVE_UP, MOVE_DOWN, MOVE_OUT = "take_next", "up", "down", "out"


class _BranchBox(QtWidgets.QGroupBox):
    """One branch: its steps, and the buttons that move them."""

    def __init__(self, branch: Branch, panel: DecisionPanel) -> None:
        super().__init__()
        self.branch = branch
        self.setObjectName(f"branch_{branch}")
        self.steps = QtWidgets.QListWidget()
        self.steps.setObjectName(f"{branch}_steps")
        self.steps.setMinimumHeight(90)
        self.steps.setMaximumHeight(160)  # the step's other settings stay in sight below
        self.steps.currentRowChanged.connect(lambda _row: self.update_buttons())
        self.steps.itemActivated.connect(lambda _item: self.open_chosen())
        self.open_button = QtWidgets.QPushButton()
        self.open_button.setObjectName(f"{branch}_open")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda _checked=False: self.open_chosen())
        self.take_next_button = QtWidgets.QPushButton()
        self.up_button = QtWidgets.QPushButton()
        self.down_button = QtWidgets.QPushButton()
        self.out_button = QtWidgets.QPushButton()
        for operation, button in ((TAKE_NEXT, self.take_next_button), (MOVE_UP, self.up_button),
                                  (MOVE_DOWN, self.down_button), (MOVE_OUT, self.out_button)):
            button.setObjectName(f"{branch}_{operation}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, chosen=operation:
                                   panel.request(chosen, self.branch, self.steps.currentRow()))
        self.panel = panel
        buttons = QtWidgets.QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.open_button, self.take_next_button, self.up_button,
                       self.down_button, self.out_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.steps)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.setTitle(tr("If approved") if self.branch == "approve" else tr("If rejected"))
        self.open_button.setText(tr("Change…"))
        self.open_button.setToolTip(tr(
            "Shows the chosen step's settings, its picture and text, to change them where the "
            "step is (double-clicking the step does the same)"))
        self.take_next_button.setText(tr("Take in the next step"))
        self.take_next_button.setToolTip(tr(
            "Moves the step after the decision into this list, at its end"))
        self.up_button.setText(tr("Up"))
        self.down_button.setText(tr("Down"))
        self.out_button.setText(tr("Take out"))
        self.out_button.setToolTip(tr(
            "Moves the chosen step out of the decision, to right after it, where it can be "
            "changed or deleted like any step"))

    def fill(self, decision: DecisionStep, selected: int) -> None:
        self.steps.clear()
        for number, step in enumerate(decision.branch(self.branch), start=1):
            text = f"{number}. {step_kind_text(step)} – {step_description(step)}"
            if not step.enabled:
                text += " " + tr("(switched off)")
            item = QtWidgets.QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            self.steps.addItem(item)
        if self.steps.count():
            self.steps.setCurrentRow(min(max(selected, 0), self.steps.count() - 1))
        self.update_buttons()

    def update_buttons(self) -> None:
        editable = not self.panel.read_only
        row, count = self.steps.currentRow(), self.steps.count()
        self.take_next_button.setEnabled(editable and self.panel.has_next_step)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)
        self.out_button.setEnabled(editable and 0 <= row < count)
        # Read-only bots show a branch step's settings too, unchangeable.
        self.open_button.setEnabled(0 <= row < count)

    def open_chosen(self) -> None:
        item = self.steps.currentItem()
        if item is not None:
            self.panel.branch_step_opened.emit(str(item.data(Qt.ItemDataRole.UserRole)))


class DecisionPanel(QtWidgets.QWidget):
    """Shows one decision step's question and branches; hidden for every other step."""

    title_edited = Signal(str, str)
    # (decision step id, the parameter names it shows; empty shows them all)
    shown_edited = Signal(str, list)
    # (operation, decision step id, branch, position in the branch)
    branch_edit_requested = Signal(str, str, str, int)
    # (the id of a branch step whose settings the person wants to see and change)
    branch_step_opened = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.decision: DecisionStep | None = None
        self.read_only = False
        self.has_next_step = False
        self.explanation = QtWidgets.QLabel()
        self.explanation.setWordWrap(True)
        self.title_label = QtWidgets.QLabel()
        self.title_edit = QtWidgets.QLineEdit()
        self.title_edit.setObjectName("decision_title")
        self.title_edit.editingFinished.connect(self._title_finished)
        self.title_label.setBuddy(self.title_edit)
        self.shown_label = QtWidgets.QLabel()
        self.shown_label.setWordWrap(True)
        self.shown_list = QtWidgets.QListWidget()
        self.shown_list.setObjectName("decision_shows")
        self.shown_list.setMaximumHeight(110)
        self.shown_list.itemChanged.connect(self._shown_changed)
        self._filling = False
        self.boxes = {branch: _BranchBox(branch, self) for branch in BRANCHES}
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.explanation)
        layout.addWidget(self.title_label)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.shown_label)
        layout.addWidget(self.shown_list)
        for box in self.boxes.values():
            layout.addWidget(box)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.explanation.setText(tr(
            "The robot stops here and shows the person running it the bot's values. Approving "
            "does the first list of steps, rejecting the second; then the robot goes on with "
            "the step after the decision."))
        self.title_label.setText(tr("&Question to the person:"))
        self.title_edit.setPlaceholderText(tr("Approve this case?"))
        self.shown_label.setText(tr("Values the person sees (none ticked: all of them):"))
        for box in self.boxes.values():
            box.retranslate()

    def show_step(self, decision: DecisionStep | None, *, read_only: bool = False,
                  has_next_step: bool = False, parameters: Sequence[Parameter] = ()) -> None:
        """Show ``decision`` (None hides the panel); filling it sends nothing."""
        same = (decision is not None and self.decision is not None
                and decision.id == self.decision.id)
        selected = {branch: box.steps.currentRow() if same else 0
                    for branch, box in self.boxes.items()}
        self.decision = decision
        self.read_only = read_only
        self.has_next_step = has_next_step
        if decision is None:
            self.hide()
            return
        if not self.title_edit.hasFocus() or not same:
            self.title_edit.setText(decision.title)
        self.title_edit.setReadOnly(read_only)
        self._fill_shown(decision, parameters)
        for branch, box in self.boxes.items():
            box.fill(decision, selected[branch])
        self.show()

    def request(self, operation: str, branch: Branch, position: int) -> None:
        if self.decision is None or self.read_only:
            return
        box = self.boxes[branch]
        if operation in (MOVE_UP, MOVE_DOWN):
            # The moved step stays chosen, so it can be moved on with the same button.
            box.steps.setCurrentRow(position + (-1 if operation == MOVE_UP else 1))
        self.branch_edit_requested.emit(operation, self.decision.id, branch, position)

    def _fill_shown(self, decision: DecisionStep, parameters: Sequence[Parameter]) -> None:
        self._filling = True
        try:
            self.shown_list.clear()
            for parameter in parameters:
                item = QtWidgets.QListWidgetItem(parameter.label or parameter.name)
                item.setData(Qt.ItemDataRole.UserRole, parameter.name)
                flags = Qt.ItemFlag.ItemIsEnabled
                if not self.read_only:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if parameter.name in decision.show
                                   else Qt.CheckState.Unchecked)
                self.shown_list.addItem(item)
        finally:
            self._filling = False

    def shown_names(self) -> list[str]:
        """The ticked parameters, in the bot's order."""
        names: list[str] = []
        for row in range(self.shown_list.count()):
            item = self.shown_list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                names.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return names

    def _shown_changed(self, _item: QtWidgets.QListWidgetItem) -> None:
        if self._filling or self.decision is None or self.read_only:
            return
        names = self.shown_names()
        if names != self.decision.show:
            self.shown_edited.emit(self.decision.id, names)

    def _title_finished(self) -> None:
        if self.decision is None or self.read_only:
            return
        text = self.title_edit.text().strip()
        if text != self.decision.title:
            self.title_edited.emit(self.decision.id, text)
