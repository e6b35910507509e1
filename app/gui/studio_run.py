"""Running a bot from the studio: parameters, the robot at work, its questions, its results.

"Run" asks for the bot's parameters, then starts a ``RunController``; "Run from here" runs from
the selected step to the end, "Run this step" only the selected steps, and "Run with a data
file" once per row of a CSV or XLSX file, checked as ``robotfabrik run --data`` checks it.

The studio steps aside while the robot works: its windows are hidden (withdrawn, not merely
minimised: without a window manager a minimise request does nothing, and with one it takes its
own time), and the robot starts only once the window system itself no longer shows them (see
``RunController.start``), so it never clicks on the studio or looks for a field under it. A
small panel shows the progress and a Stop button, the step table marks the running step and
fills in each step's result, and the robot's questions come up as dialogs over its work; once
answered, the robot waits for the dialog to leave the screen too. When the run ends the studio
comes back with the outcome in its status line; a failed step is handed to the window
(``RunHost.show_step_result``) with its error and screenshot. Any picture the person showed the
robot is kept: in the bot (when it is the person's own) or in a copy in My bots (when it is a
read-only example).

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
from app.core.model.bot import Bot, LearnedAnchor, Parameter
from app.core.model.botfile import BotFileError, load_bot, save_bot
from app.core.model.data import CaseData, DataFileError, parameters_to_ask, read_cases
from app.core.model.editing import keep_learned_pictures
from app.core.model.library import BotEntry, free_folder
from app.core.model.params import ParameterError
from app.core.results.outcome import RunResult, StepResult
from app.gui.decision_dialog import DecisionDialog
from app.gui.i18n import format_number, tr
from app.gui.qt import QtCore, QtWidgets
from app.gui.run_controller import (
    STOP_HOTKEY_TEXT,
    Case,
    OwnWindow,
    RunController,
    StepResultsModel,
    cases_of,
    no_row_text,
)
from app.gui.run_dialogs import (
    DataFileSummary,
    FailedStepDialog,
    ParameterForm,
    ProblemDialog,
    RunPanel,
    step_summary,
)
from app.gui.run_questions import RunQuestions, off_screen_checks, own_window
from app.gui.step_aside import StudioAside

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


def cases_outcome(outcomes: list[tuple[str, RunResult]], total: int) -> str:
    """How a run over a data file ended: "20 cases: done: 18, not done: 1 (row 7), not
    reached: 1"."""
    done = sum(1 for _, result in outcomes if result.status == "succeeded")
    failed = [label for label, result in outcomes if result.status in ("failed", "aborted")]
    text = tr("%n case(s)", "", total) + ": " + tr("done: {count}").format(count=done)
    if failed:
        rows = ", ".join(label.replace("row", tr("row")) for label in failed)
        text += ", " + tr("not done: {count} ({rows})").format(count=len(failed), rows=rows)
    not_reached = total - len(outcomes)
    if not_reached:
        text += ", " + tr("not reached: {count}").format(count=not_reached)
    return text


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

    def show_step_result(self, result: StepResult) -> None:
        """Show what happened at one step (a failed one: its error and screenshot).

        The studio's property panel is the place for it; until then the window selects the
        step in the table and the run opens ``FailedStepDialog``.
        """
        ...

    def refresh(self) -> None: ...

    def select_bot(self, folder: Path | str) -> bool: ...


class StudioRun(QtCore.QObject):
    """The studio's run: at most one at a time, with its form, panel and open question."""

    def __init__(self, host: RunHost, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        # How a run is made (tests give fake drivers).
        self.controller_factory: Callable[..., RunController] = RunController
        self.parameter_form: ParameterForm | None = None
        self.data_summary: DataFileSummary | None = None
        self.failed_step_dialog: FailedStepDialog | None = None
        # The windows hidden for the run, to show again when it ends.
        self.aside = StudioAside(host.window)
        self.controller: RunController | None = None
        self.questions = RunQuestions(lambda: self.controller, progress=self._panel_progress)
        self.panel: RunPanel | None = None
        self.learned_question: QtWidgets.QMessageBox | None = None
        self._entry: BotEntry | None = None
        self._only: list[int] | None = None
        self._cases = 1
        self._from_data = False
        self._failed: StepResult | None = None

    def is_running(self) -> bool:
        """Whether a run was begun and has not finished (it may still be about to start)."""
        return self.controller is not None and self.controller.result is None

    def start(self) -> None:
        """Ask for the current bot's parameters (if it has any), then run it."""
        self._ask_then_run(None)

    def run_from_here(self) -> None:
        """Run from the selected step (the first, if several are selected) to the end."""
        entry = self._host.current_entry()
        rows = self.selected_rows()
        if entry is None or entry.bot is None or not rows:
            return
        self._ask_then_run(list(range(rows[0], len(entry.bot.steps))))

    def run_selected(self) -> None:
        """Run only the selected steps, in the bot's order."""
        rows = self.selected_rows()
        if rows:
            self._ask_then_run(rows)

    def selected_rows(self) -> list[int]:
        """The selected steps' rows in the step table, in order (the current one if none)."""
        table = self._host.step_table
        selection = table.selectionModel()
        rows = sorted({index.row() for index in selection.selectedRows()}) if selection else []
        if not rows and table.currentIndex().isValid():
            rows = [table.currentIndex().row()]
        return rows

    def _ask_then_run(self, only: list[int] | None) -> None:
        entry = self._host.current_entry()
        if entry is None or entry.bot is None or self.is_running():
            return
        parameters = entry.bot.parameters
        if not parameters:
            self._begin(entry, [Case("", {})], only)
            return
        self._open_form(entry, parameters, lambda values: self._begin(
            entry, [Case("", values)], only))

    def _open_form(self, entry: BotEntry, parameters: list[Parameter],
                   then: Callable[[dict[str, str]], None]) -> None:
        assert entry.bot is not None
        if self.parameter_form is not None:
            self.parameter_form.deleteLater()
        form = ParameterForm(entry.bot.name, parameters, self._host.window(),
                             keyring_bot=entry.bot.name)
        self.parameter_form = form
        form.accepted.connect(functools.partial(self._parameters_given, form, entry, then))
        form.open()

    # ------------------------------------------------------------ a data file

    def run_with_data_file(self) -> None:
        """Choose a CSV or XLSX file, then run the bot once per good row."""
        entry = self._host.current_entry()
        if entry is None or entry.bot is None or self.is_running():
            return
        chosen, _ = QtWidgets.QFileDialog.getOpenFileName(
            self._host.window(), tr("Run with a data file"), str(entry.folder),
            tr("Data files (*.csv *.txt *.xlsx *.xlsm)"))
        if chosen:
            self.start_with_data_file(Path(chosen))

    def start_with_data_file(self, file: Path) -> None:
        """Check ``file`` for the current bot, ask for what it does not give (a password),
        show how it was read, and run the good rows once the person agrees."""
        entry = self._host.current_entry()
        if entry is None or entry.bot is None or self.is_running():
            return
        bot = entry.bot
        try:
            # A first look, for which columns the file gives; passwords are asked for next.
            first = read_cases(file, bot, need_secrets=False)
        except (DataFileError, ParameterError) as error:
            self._data_problem(str(error))
            return
        wanted = parameters_to_ask(bot, first.columns)
        if not wanted:
            # Nothing is asked for, so the first reading is the whole one.
            self._data_read(entry, file, {}, first)
            return
        self._open_form(entry, wanted, lambda values: self._data_read(entry, file, values))

    def _data_read(self, entry: BotEntry, file: Path, fixed: dict[str, str],
                   data: CaseData | None = None) -> None:
        """Show how ``file`` reads with the ``fixed`` values (``data`` when it has been read
        with them already) and run its good rows once the person agrees."""
        assert entry.bot is not None
        if data is None:
            try:
                data = read_cases(file, entry.bot, fixed)
            except (DataFileError, ParameterError) as error:
                self._data_problem(str(error))
                return
        if not data.cases:
            self._data_problem(no_row_text(file, data))
            return
        if self.data_summary is not None:
            self.data_summary.deleteLater()
        summary = DataFileSummary(data, self._host.window())
        self.data_summary = summary
        cases = cases_of(data)

        def agreed() -> None:
            if entry is self._host.current_entry():
                self._begin(entry, cases, None)

        summary.accepted.connect(agreed)
        summary.open()

    def _data_problem(self, text: str) -> None:
        self._host.show_message(QtWidgets.QMessageBox.Icon.Warning,
                                tr("The data file cannot be used"),
                                text + "\n\n" + tr("Nothing was run."))

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

    def _parameters_given(self, form: ParameterForm, entry: BotEntry,
                          then: Callable[[dict[str, str]], None]) -> None:
        values = form.values()
        form.forget_values()
        if self.parameter_form is form:
            self.parameter_form = None
        form.deleteLater()
        if entry is self._host.current_entry():
            then(values)

    def _begin(self, entry: BotEntry, cases: list[Case], only: list[int] | None) -> None:
        assert entry.bot is not None
        window = self._host.window()
        # A data file's cases keep their row numbers, even when only one row is good.
        from_data = any(case.label for case in cases)
        if len(cases) == 1 and only is None and not from_data:
            controller = self.controller_factory(entry.bot, entry.folder, cases[0].values,
                                                 parent=window)
        else:
            controller = self.controller_factory(entry.bot, entry.folder, cases=cases,
                                                 only=only, parent=window)
        if self.controller is not None:
            self.controller.deleteLater()
        self.controller = controller
        self._entry = entry
        self._only = only
        self._cases = len(cases)
        self._from_data = from_data
        controller.case_started.connect(self._on_case_started)
        controller.step_started.connect(self._on_step_started)
        controller.step_finished.connect(self._on_step_finished)
        self.questions.listen_to(controller)
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
        cleared = self._step_aside()
        panel.place()
        panel.show()
        # The robot waits, on its own thread, until the window system no longer shows them.
        controller.start(cleared)

    def _step_aside(self) -> list[OwnWindow]:
        """Hide the studio's windows (all but the run panel); what the robot must wait for."""
        windows = self.aside.hide(keep=self.panel)
        cleared = [own_window(widget) for widget in windows]
        return cleared if off_screen_checks() else []

    @property
    def problem_dialog(self) -> ProblemDialog | None:
        return self.questions.problem_dialog

    @property
    def decision_dialog(self) -> DecisionDialog | None:
        return self.questions.decision_dialog

    def _panel_progress(self, text: str) -> None:
        if self.panel is not None:
            self.panel.set_progress(text)

    def _progress_text(self, index: int) -> str:
        entry = self._entry
        total = len(entry.bot.steps) if entry is not None and entry.bot is not None else 0
        return tr("Step {number} of {total}").format(number=index + 1, total=total)

    def _on_case_started(self, number: int, total: int, label: str) -> None:
        if self.panel is not None and total > 1:
            self.panel.set_case(tr("Case {number} of {total} ({row})").format(
                number=number, total=total, row=label.replace("row", tr("row"))))

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
        if result.status == "failed":
            self._failed = result

    def _on_finished(self, result: RunResult) -> None:
        self.questions.close()
        if self.panel is not None:
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None
        self.aside.come_back()
        self._host.show_running(False)
        outcome = run_outcome(result)
        outcomes = self.controller.outcomes if self.controller is not None else []
        if self._from_data:
            outcome = cases_outcome(outcomes, self._cases)
        self._host.run_status_label.setText(outcome)
        entry, self._entry = self._entry, None
        failed, self._failed = self._failed, None
        learned = self.controller.learned if self.controller is not None else []
        if learned and entry is not None and entry is self._host.current_entry():
            self._keep_learned(entry, learned)
        elif (failed is not None and result.status == "failed" and entry is not None
              and entry.bot is not None):
            self._host.show_step_result(failed)
            self._show_failed_step(entry.bot, failed, outcome)
        elif result.status == "failed":
            self._host.show_message(QtWidgets.QMessageBox.Icon.Warning, tr("The run failed"),
                                    outcome)

    def _show_failed_step(self, bot: Bot, failed: StepResult, outcome: str) -> None:
        if self.failed_step_dialog is not None:
            self.failed_step_dialog.deleteLater()
        step = bot.steps[failed.index] if 0 <= failed.index < len(bot.steps) else None
        dialog = FailedStepDialog(failed, step, outcome, self._host.window())
        self.failed_step_dialog = dialog
        dialog.open()

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
