"""What a running robot asks the person beside it, shown as dialogs: a problem to answer (the
target did not show, the wrong field has the focus) and a decision to make (approve, reject,
edit the values). The studio and the tray both put these questions the same way.

A dialog has no parent: whatever started the robot is hidden or is a tray icon, and the question
must show over the robot's work. An answer goes back to the robot only together with the
dialog's windows, so that the robot looks at the screen again once they have left it.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.running.player import Decision, DecisionAnswer, DecisionQuestion, Problem
from app.gui.decision_dialog import DecisionDialog
from app.gui.i18n import tr
from app.gui.qt import QtGui, QtWidgets
from app.gui.run_controller import OwnWindow, RunController
from app.gui.run_dialogs import ProblemDialog


def own_window(widget: QtWidgets.QWidget) -> OwnWindow:
    """A window of ours as the desktop knows it: its native id and its title."""
    handle = widget.windowHandle()
    return OwnWindow(int(widget.winId()),
                     handle.title() if handle is not None else widget.windowTitle())


def off_screen_checks() -> bool:
    """Whether the desktop can be asked which windows it shows (not on Qt's offscreen
    platform, where the tests run without a window system)."""
    return QtGui.QGuiApplication.platformName() not in ("offscreen", "minimal")


class RunQuestions:
    """The open question of one front end's runs, and the way its answer goes back.

    ``controller`` gives the run under way (None when there is none); ``progress`` says in the
    front end's progress line what the robot is waiting for; ``asking(True/False)`` is told when
    a question opens and when it is answered (the tray's icon shows it).
    """

    def __init__(self, controller: Callable[[], RunController | None], *,
                 progress: Callable[[str], None],
                 asking: Callable[[bool], None] = lambda asking: None) -> None:
        self._controller = controller
        self._progress = progress
        self._asking = asking
        self.problem_dialog: ProblemDialog | None = None
        self.decision_dialog: DecisionDialog | None = None

    def listen_to(self, controller: RunController) -> None:
        controller.problem_asked.connect(self.ask_problem)
        controller.decision_asked.connect(self.ask_decision)
        controller.question_withdrawn.connect(self.close)

    def ask_problem(self, problem: Problem) -> None:
        controller = self._controller()
        if controller is None:
            return
        self.close_problem()
        dialog = ProblemDialog(problem, controller.wait_for_click)
        dialog.answered.connect(self.answer_problem)
        dialog.finished.connect(dialog.deleteLater)
        self.problem_dialog = dialog
        self._asking(True)
        self._progress(tr("Waiting for your answer"))
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def answer_problem(self, decision: Decision) -> None:
        dialog, self.problem_dialog = self.problem_dialog, None
        cleared: list[OwnWindow] = []
        if dialog is not None and off_screen_checks():
            cleared = [own_window(widget) for widget in dialog.shown_windows]
        self._going_on()
        controller = self._controller()
        if controller is not None:
            # The robot looks again only once the dialog has left the screen.
            controller.answer(decision, cleared)

    def ask_decision(self, question: DecisionQuestion) -> None:
        if self._controller() is None:
            return
        self.close_decision()
        dialog = DecisionDialog(question)
        dialog.answered.connect(self.answer_decision)
        dialog.finished.connect(dialog.deleteLater)
        self.decision_dialog = dialog
        self._asking(True)
        self._progress(tr("Waiting for your decision"))
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def answer_decision(self, answer: DecisionAnswer) -> None:
        dialog, self.decision_dialog = self.decision_dialog, None
        cleared: list[OwnWindow] = []
        if dialog is not None and off_screen_checks():
            cleared = [own_window(dialog)]
        self._going_on()
        controller = self._controller()
        if controller is not None:
            controller.answer_decision(answer, cleared)

    def close_problem(self) -> None:
        dialog, self.problem_dialog = self.problem_dialog, None
        if dialog is not None:
            dialog.answered.disconnect(self.answer_problem)
            dialog.reject()

    def close_decision(self) -> None:
        dialog, self.decision_dialog = self.decision_dialog, None
        if dialog is not None:
            dialog.answered.disconnect(self.answer_decision)
            dialog.withdraw()

    def close(self) -> None:
        """The run no longer waits for an answer (stopped, or ended): no question stays open."""
        self.close_problem()
        self.close_decision()

    def _going_on(self) -> None:
        self._asking(False)
        self._progress(tr("Going on…"))
