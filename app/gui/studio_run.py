"""Running a bot from the studio: parameters, the robot at work, its questions, its results.

"Run" asks for the bot's parameters, then starts a ``RunController``: the studio steps aside
(minimised, so the robot sees the screen the person would), a small panel shows the progress
and a Stop button, the step table fills in each step's result, and the robot's questions come
up as dialogs over its work. When the run ends the studio comes back with the outcome in its
status line, and any picture the person showed the robot is kept: in the bot (when it is the
person's own) or in a copy in My bots (when it is a read-only example).

``StudioRun`` is a helper the window owns rather than a part of the window class, so the window
module reads as the window and a run's moving parts live together. It talks to the window only
through ``RunHost``, the handful of things it needs: the widgets a run writes into, the current
bot, and the window's own ways to show a message, show that a run is going, keep new pictures
in the open bot (which is part of saving, so the window's), and go to another bot.
"""

from __future__ import annotations

import functools
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core import paths
from app.core.model.bot import LearnedAnchor
from app.core.model.botfile import BotFileError, load_bot, save_bot
from app.core.model.editing import keep_learned_pictures
from app.core.model.library import BotEntry, free_folder
from app.core.results.outcome import RunResult, StepResult
from app.core.running.player import Decision, Problem
from app.gui.i18n import format_number, tr
from app.gui.qt import Qt, QtCore, QtWidgets
from app.gui.run_controller import STOP_HOTKEY_TEXT, RunController, StepResultsModel
from app.gui.run_dialogs import ParameterForm, ProblemDialog, RunPanel, step_summary

log = logging.getLogger(__name__)


def run_outcome(result: RunResult) -> str:
    """How a run ended, in one line for the status bar."""
    if result.status == "succeeded":
        seconds = max(0.0, result.ended_at - result.started_at)
        return tr("Done: %n step(s) in {seconds} s", "", len(result.steps)).format(
            seconds=format_number(round(seconds, 1)))
    if result.status == "aborted":
        if not result.steps:
            return tr("Stopped before the first step.")
        return tr("Stopped at step {number}.").format(number=result.steps[-1].index + 1)
    failed = next((step for step in reversed(result.steps) if step.status == "failed"), None)
    if failed is not None and failed.error:
        return tr("Failed at step {number}: {reason}").format(number=failed.index + 1,
                                                               reason=failed.error)
    return tr("The run failed: {reason}").format(reason=result.reason or "")


class RunHost(Protocol):
    """What a run needs of the studio window it belongs to."""

    @property
    def results_model(self) -> StepResultsModel: ...

    @property
    def step_table(self) -> QtWidgets.QTableView: ...

    @property
    def run_status_label(self) -> QtWidgets.QLabel: ...

    def window(self) -> QtWidgets.QWidget:
        """The top-level window: stepped aside during a run, the parent of its dialogs."""
        ...

    def current_entry(self) -> BotEntry | None: ...

    def show_running(self, running: bool) -> None:
        """Enable what may be used while a bot runs (Stop), disable the rest."""
        ...

    def show_message(self, kind: QtWidgets.QMessageBox.Icon, title: str, text: str) -> None: ...

    def keep_new_pictures(self, pictures: dict[str, bytes]) -> None:
        """Keep pictures the current bot's steps now name, saving as the person would."""
        ...

    def refresh(self) -> None: ...

    def select_bot(self, folder: Path | str) -> bool: ...


class StudioRun(QtCore.QObject):
    """The studio's run: at most one at a time, with its form, panel and open question."""

    def __init__(self, host: RunHost, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        # How a run is made (tests give fake drivers), and how long the studio takes to step
        # aside before the robot's first look at the screen.
        self.controller_factory: Callable[..., RunController] = RunController
        self.start_delay_ms = 400
        self.parameter_form: ParameterForm | None = None
        self.controller: RunController | None = None
        self.problem_dialog: ProblemDialog | None = None
        self.panel: RunPanel | None = None
        self.learned_question: QtWidgets.QMessageBox | None = None
        self._entry: BotEntry | None = None
        self._state_before = Qt.WindowState.WindowNoState

    def is_running(self) -> bool:
        """Whether a run was begun and has not finished (it may still be about to start)."""
        return self.controller is not None and self.controller.result is None

    def start(self) -> None:
        """Ask for the current bot's parameters (if it has any), then run it."""
        entry = self._host.current_entry()
        if entry is None or entry.bot is None or self.is_running():
            return
        if not entry.bot.parameters:
            self._begin(entry, {})
            return
        if self.parameter_form is not None:
            self.parameter_form.deleteLater()
        form = ParameterForm(entry.bot.name, entry.bot.parameters, self._host.window())
        self.parameter_form = form
        form.accepted.connect(functools.partial(self._parameters_given, form, entry))
        form.open()

    def stop(self) -> None:
        """Stop the running bot before its next action."""
        if self.is_running() and self.controller is not None:
            self.controller.abort()
            if self.panel is not None:
                self.panel.set_progress(tr("Stopping…"))

    def stop_and_wait(self, timeout_s: float) -> None:
        """Stop the running bot and wait for it, as when the studio closes."""
        controller = self.controller
        if controller is not None and self.is_running():
            controller.abort()
            controller.join(timeout=timeout_s)

    def _parameters_given(self, form: ParameterForm, entry: BotEntry) -> None:
        values = form.values()
        form.forget_values()
        if self.parameter_form is form:
            self.parameter_form = None
        form.deleteLater()
        if entry is self._host.current_entry():
            self._begin(entry, values)

    def _begin(self, entry: BotEntry, values: dict[str, str]) -> None:
        assert entry.bot is not None
        window = self._host.window()
        controller = self.controller_factory(entry.bot, entry.folder, values, parent=window)
        if self.controller is not None:
            self.controller.deleteLater()
        self.controller = controller
        self._entry = entry
        controller.step_started.connect(self._on_step_started)
        controller.step_finished.connect(self._on_step_finished)
        controller.problem_asked.connect(self._on_problem)
        controller.question_withdrawn.connect(self._close_problem_dialog)
        controller.run_finished.connect(self._on_finished)

        results = self._host.results_model
        results.clear()
        self._host.step_table.setColumnHidden(results.result_column(), False)
        self._host.show_running(True)
        self._host.run_status_label.setText(tr("Starting…"))
        panel = RunPanel(entry.bot.name, STOP_HOTKEY_TEXT)
        panel.stop_requested.connect(self.stop)
        panel.set_progress(tr("Starting…"))
        self.panel = panel
        # Out of the robot's way: it clicks and looks at the screen where the studio would be.
        self._state_before = window.windowState()
        window.showMinimized()
        panel.place()
        panel.show()
        # Time for the window to be gone before the robot takes its first look at the screen.
        QtCore.QTimer.singleShot(self.start_delay_ms, controller, controller.start)

    def _progress_text(self, index: int) -> str:
        entry = self._entry
        total = len(entry.bot.steps) if entry is not None and entry.bot is not None else 0
        return tr("Step {number} of {total}").format(number=index + 1, total=total)

    def _on_step_started(self, result: StepResult) -> None:
        results = self._host.results_model
        results.start_step(result)
        self._host.step_table.scrollTo(results.index(result.index, 0))
        text = self._progress_text(result.index)
        self._host.run_status_label.setText(text)
        entry = self._entry
        if self.panel is not None and entry is not None and entry.bot is not None:
            step = entry.bot.steps[result.index]
            self.panel.set_progress(f"{text}: {step_summary(step)}")

    def _on_step_finished(self, result: StepResult) -> None:
        self._host.results_model.finish_step(result)

    def _on_problem(self, problem: Problem) -> None:
        controller = self.controller
        if controller is None:
            return
        self._close_problem_dialog()
        # No parent: the studio is minimised, and the question must show over the robot's work.
        dialog = ProblemDialog(problem, controller.wait_for_click)
        dialog.answered.connect(self._answer_problem)
        dialog.finished.connect(dialog.deleteLater)
        self.problem_dialog = dialog
        if self.panel is not None:
            self.panel.set_progress(tr("Waiting for your answer"))
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    def _answer_problem(self, decision: Decision) -> None:
        self.problem_dialog = None
        if self.controller is not None:
            self.controller.answer(decision)

    def _close_problem_dialog(self) -> None:
        dialog, self.problem_dialog = self.problem_dialog, None
        if dialog is not None:
            dialog.answered.disconnect(self._answer_problem)
            dialog.reject()

    def _on_finished(self, result: RunResult) -> None:
        self._close_problem_dialog()
        if self.panel is not None:
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None
        window = self._host.window()
        window.setWindowState(self._state_before & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        self._host.show_running(False)
        outcome = run_outcome(result)
        self._host.run_status_label.setText(outcome)
        entry, self._entry = self._entry, None
        learned = self.controller.learned if self.controller is not None else []
        if learned and entry is not None and entry is self._host.current_entry():
            self._keep_learned(entry, learned)
        elif result.status == "failed":
            self._host.show_message(QtWidgets.QMessageBox.Icon.Warning, tr("The run failed"),
                                    outcome)

    # ------------------------------------------------------------ pictures the robot learned

    def _keep_learned(self, entry: BotEntry, learned: list[LearnedAnchor]) -> None:
        """Write the pictures the person showed the robot into the bot, as they agreed."""
        if entry.read_only:
            self._offer_copy_with_pictures(entry, learned)
            return
        assert entry.bot is not None
        pictures = keep_learned_pictures(entry.bot, learned)
        if pictures:
            self._host.keep_new_pictures(pictures)

    def _offer_copy_with_pictures(self, entry: BotEntry, learned: list[LearnedAnchor]) -> None:
        if self.learned_question is not None:
            self.learned_question.deleteLater()
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question, tr("The robot learned new pictures"),
            tr("This is an example and cannot be changed. Save a copy with the new pictures "
               "in My bots?"), QtWidgets.QMessageBox.StandardButton.NoButton,
            self._host.window())
        copy_button = box.addButton(tr("Save a copy"),
                                    QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Don't save"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(copy_button)
        self.learned_question = box

        def answered() -> None:
            if box.clickedButton() is copy_button:
                self.save_copy_with_pictures(entry, learned)

        box.finished.connect(answered)
        box.open()

    def save_copy_with_pictures(self, entry: BotEntry, learned: list[LearnedAnchor]) -> bool:
        """Copy a read-only bot into the library, with the learned pictures, and show it."""
        target = free_folder(paths.library_dir(), entry.folder.name)
        try:
            shutil.copytree(entry.folder, target)
            bot = load_bot(target)
            save_bot(bot, target, keep_learned_pictures(bot, learned))
        except (BotFileError, OSError) as error:
            log.warning("copying %s with its new pictures failed: %s", entry.folder, error)
            self._host.show_message(QtWidgets.QMessageBox.Icon.Critical,
                                    tr("The new pictures could not be saved"), str(error))
            return False
        self._host.refresh()
        return self._host.select_bot(target)
