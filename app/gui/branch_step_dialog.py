"""A step inside a decision's branch, shown and changed where it is, in a window of its own.

The branch's steps are listed in the decision panel; the step table shows only the decision.
Opening one shows the same property panel as any step has (its text, picture, timeout,
comment), so a superuser changes a step the robot does after an approval without taking it out
of the decision first. The dialog changes nothing itself: the panel's requests go to the studio,
which makes them undoable edits, and the studio shows the step again after each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.core.model.bot import Branch, Parameter, Step
from app.gui.i18n import tr
from app.gui.property_panel import PictureSource, PropertyPanel
from app.gui.qt import Qt, QtGui, QtWidgets
from app.gui.region_picker import HIDE_DELAY_MS, grab_screen

PANEL_WIDTH = 600


class BranchStepDialog(QtWidgets.QDialog):
    """One branch step's settings; ``panel`` sends what the person changes."""

    def __init__(self, parent: QtWidgets.QWidget | None = None, *,
                 grab: Callable[[], QtGui.QImage] = grab_screen,
                 hide_delay_ms: int = HIDE_DELAY_MS) -> None:
        super().__init__(parent)
        self.setObjectName("branchStepDialog")
        self.step_id: str | None = None
        self.panel = PropertyPanel(self, grab=grab, hide_delay_ms=hide_delay_ms)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        # As in the studio's properties: the panel takes the window's width, never wider.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(PANEL_WIDTH)
        scroll.setWidget(self.panel)
        self.where = QtWidgets.QLabel()
        self.where.setObjectName("branchStepWhere")
        self.where.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(PANEL_WIDTH + 40, 720)

    def show_step(self, step: Step, pictures: PictureSource, read_only: bool, *,
                  decision_number: int, branch: Branch, position: int,
                  parameters: Sequence[Parameter]) -> None:
        """Show ``step``, step ``position`` (from 0) of the ``branch`` of decision
        ``decision_number`` (from 1); showing it again after an edit keeps what is typed."""
        self.step_id = step.id
        branch_text = tr("If approved") if branch == "approve" else tr("If rejected")
        self.setWindowTitle(tr("Step {number} of “{branch}”").format(
            number=position + 1, branch=branch_text))
        self.where.setText(tr(
            "This step is inside the decision in step {decision}: the robot does it only "
            "when the person's answer leads to “{branch}”.").format(
                decision=decision_number, branch=branch_text))
        self.panel.show_step(step, pictures, read_only, number=None, parameters=parameters)
