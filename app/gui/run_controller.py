"""Runs a bot from the studio: the run session on a worker thread, its news as Qt signals.

``RunController`` is one run; ``StepResultsModel`` lays the run's results over the step table.

The player blocks while it waits for targets, so the run session (``app.core.running.session``,
the same set-up the command line and the tray use) runs on a thread of its own, with drivers made
on that thread (mss works only in the thread that opened it). Its listener calls and its
questions to the person come back to the GUI thread through the one thread bridge
(``app.gui.bridge``); a question holds the worker until ``answer`` is called there, or until the
run is stopped.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.core.hotkeys import hotkey_text
from app.core.model.bot import Bot, LearnedAnchor, Step
from app.core.model.data import CaseData
from app.core.platform.desktop import WindowInfo
from app.core.results.listeners import RunListener
from app.core.results.outcome import RunResult, StepResult
from app.core.running.pause import PauseGate
from app.core.running.player import (
    DEFAULT_TIMEOUT_S,
    AbortedError,
    Decision,
    DecisionAnswer,
    DecisionQuestion,
    Problem,
)
from app.core.running.safety import DEFAULT_ABORT_HOTKEY
from app.core.running.session import (
    DriversFactory,
    Guard,
    RunSession,
    StoreFactory,
    desktop_drivers,
)
from app.core.store import Store
from app.gui.bridge import Mailbox, ThreadBridge
from app.gui.i18n import format_number, tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.gui.step_model import FOUND_BY_TEXTS

log = logging.getLogger(__name__)

__all__ = ["STOP_HOTKEY_TEXT", "Case", "DriversFactory", "Guard", "OwnWindow", "RunController",
           "StepResultsModel", "StoreFactory", "desktop_drivers", "desktop_window_finder",
           "result_text"]

# As printed on the keys: 'Ctrl+F12'.
STOP_HOTKEY_TEXT = hotkey_text(DEFAULT_ABORT_HOTKEY)

# What the worker posts: ("case_started", (number, total, label)), ("step_started" |
# "step_finished", StepResult), ("asked", _Question), ("deciding", _Deciding), ("withdrawn",
# None) and last ("finished", RunResult).


@dataclasses.dataclass
class _Question:
    """One question from the worker, and the answer it waits for."""

    problem: Problem
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    decision: Decision = dataclasses.field(default_factory=lambda: Decision("abort"))
    # The question's own windows, which must be off the screen before the robot looks again.
    clear: tuple[OwnWindow, ...] = ()


@dataclasses.dataclass
class _Deciding:
    """A decision step's question from the worker, and the person's answer it waits for."""

    question: DecisionQuestion
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    answer: DecisionAnswer | None = None
    clear: tuple[OwnWindow, ...] = ()


@dataclasses.dataclass(frozen=True)
class OwnWindow:
    """One of the studio's windows, as the robot's view of the desktop knows it."""

    id: int
    title: str


@dataclasses.dataclass(frozen=True)
class Case:
    """One case of a run: "row 3" (or "" for a single run) and its checked values."""

    label: str
    values: dict[str, str]


def cases_of(data: CaseData) -> list[Case]:
    """One case per good row of a data file, labelled by its row."""
    return [Case(f"row {row.number}", row.values) for row in data.cases
            if row.values is not None]


def no_row_text(file: Path, data: CaseData) -> str:
    """Why none of a data file's rows can run: the file, then the first rows' problems."""
    return "\n".join([tr("{file}: no row can be run.").format(file=file.name),
                      *[row.problem or "" for row in data.problems[:10]]])


# Finds the visible top-level windows by title (``Desktop.find_windows``), made on the worker.
WindowFinder = Callable[[str], list[WindowInfo]]
WindowFinderFactory = Callable[[], tuple[WindowFinder, Callable[[], None]]]


def desktop_window_finder() -> tuple[WindowFinder, Callable[[], None]]:
    """The desktop's own list of visible windows, and how to let go of it."""
    from app.core.platform import desktop_for_this_system

    desktop = desktop_for_this_system()
    return desktop.find_windows, desktop.close


def still_on_screen(windows: Sequence[OwnWindow], find: WindowFinder) -> list[OwnWindow]:
    """Those of ``windows`` the desktop still shows (mapped, viewable), by window id."""
    return [window for window in windows
            if any(info.id == window.id for info in find(window.title))]


# How long the studio's windows may take to leave the screen; a busy machine with a window
# manager took a few hundred milliseconds, an idle one a few.
OFF_SCREEN_TIMEOUT_S = 10.0
OFF_SCREEN_POLL_S = 0.02


class _Relay(RunListener):
    """The player's listener on the worker thread: hands each event to the run's news."""

    def __init__(self, news: Mailbox[object]) -> None:
        self.news = news

    def start_step(self, step: Step, result: StepResult) -> None:
        # A copy: the worker goes on filling in the original while the GUI reads this one.
        self.news.post(("step_started", copy.copy(result)))

    def end_step(self, step: Step, result: StepResult) -> None:
        self.news.post(("step_finished", copy.copy(result)))


class _Run:
    """Everything of a run the worker thread touches; plain Python, no Qt.

    The worker thread never holds the QObject: a QObject whose last reference goes away on a
    worker thread is destroyed there, and that crashed Qt later in the test suite.
    """

    def __init__(self, session: RunSession, cases: list[Case], news: Mailbox[object], *,
                 only: Sequence[int] | None, finder: WindowFinderFactory,
                 keep_going: bool, pause: PauseGate | None = None) -> None:
        self.session = session
        self.pause = pause
        self.cases = cases
        self.only = only
        self.news = news
        self.finder = finder
        self.keep_going = keep_going
        self.lock = threading.Lock()
        self.question: _Question | None = None
        self.deciding: _Deciding | None = None
        self.stop_requested = False
        self.clear: tuple[OwnWindow, ...] = ()
        self.outcomes: list[tuple[str, RunResult]] = []
        self._find: WindowFinder | None = None
        self._close_finder: Callable[[], None] | None = None

    def answer(self, decision: Decision, clear: Sequence[OwnWindow] = ()) -> None:
        with self.lock:
            question, self.question = self.question, None
        if question is not None:
            question.decision = decision
            question.clear = tuple(clear)
            question.done.set()

    def answer_decision(self, answer: DecisionAnswer, clear: Sequence[OwnWindow] = ()) -> None:
        with self.lock:
            deciding, self.deciding = self.deciding, None
        if deciding is not None:
            deciding.answer = answer
            deciding.clear = tuple(clear)
            deciding.done.set()

    def abort(self) -> None:
        """Stop the robot before its next action; safe from any thread (the hotkey's too)."""
        with self.lock:
            self.stop_requested = True
            question, self.question = self.question, None
            deciding, self.deciding = self.deciding, None
        self.session.abort()
        if self.pause is not None:
            # A paused robot is held before its next step; it must reach its stop check.
            self.pause.release()
        if question is not None:
            question.decision = Decision("abort")
            question.done.set()
        if deciding is not None:
            deciding.done.set()  # with no answer: the player stops
        if question is not None or deciding is not None:
            self.news.post(("withdrawn", None))

    def is_open(self, question: _Question | _Deciding) -> bool:
        with self.lock:
            return self.question is question or self.deciding is question

    def work(self) -> None:
        bot = self.session.bot
        result: RunResult | None = None
        try:
            with self.session:
                if not self.wait_off_screen(self.clear):
                    result = RunResult(bot.name, status="failed", reason=(
                        "the studio's window did not leave the screen, so the robot did not "
                        "start: it would have clicked on the studio"))
                    return
                for number, case in enumerate(self.cases, start=1):
                    self.news.post(("case_started", (number, len(self.cases), case.label)))
                    result = self.session.run(case.values, listeners=[_Relay(self.news)],
                                              only=self.only, case_number=number,
                                              case_label=case.label)
                    self.outcomes.append((case.label, result))
                    if result.status == "aborted" or self.stop_requested:
                        break
                    if result.status == "failed" and not self.keep_going:
                        # The system may be anywhere after a failed case: the next would start
                        # blind (as on the command line).
                        break
        except Exception as error:
            log.warning("the run of %s could not go on: %s", bot.name, error, exc_info=True)
            if result is None:
                result = RunResult(bot.name, status="failed",
                                   reason=str(error) or type(error).__name__)
        finally:
            if self._close_finder is not None:
                try:
                    self._close_finder()
                except Exception as error:
                    log.warning("the window list did not close cleanly: %s", error)
            if result is None:
                result = RunResult(bot.name, status="failed",
                                   reason="the run ended unexpectedly")
            self.news.post(("finished", result))

    def wait_off_screen(self, windows: Sequence[OwnWindow]) -> bool:
        """Wait until the desktop no longer shows ``windows``; False if they stay too long.

        Asked of the window system itself, not of Qt: a window is gone for the robot only once
        the X server (or Windows) has taken it off the screen, and a window manager does that
        in its own time, or (without one) never does for a mere "minimise".
        """
        if not windows:
            return True
        if self._find is None:
            self._find, self._close_finder = self.finder()
        deadline = time.monotonic() + OFF_SCREEN_TIMEOUT_S
        while still_on_screen(windows, self._find):
            if self.stop_requested:
                return True  # the run stops at once anyway; nothing will be clicked
            if time.monotonic() >= deadline:
                log.warning("still on the screen after %g s: %s", OFF_SCREEN_TIMEOUT_S,
                            ", ".join(window.title for window in windows))
                return False
            time.sleep(OFF_SCREEN_POLL_S)
        return True

    def ask(self, problem: Problem) -> Decision:
        question = _Question(problem)
        with self.lock:
            if self.stop_requested:
                return Decision("abort")
            self.question = question
        self.news.post(("asked", question))
        question.done.wait()
        # The question's dialog must be gone before the robot looks at the screen again.
        if question.decision.answer != "abort" and not self.wait_off_screen(question.clear):
            return Decision("abort")
        return question.decision

    def decide(self, question: DecisionQuestion) -> DecisionAnswer:
        deciding = _Deciding(question)
        with self.lock:
            if self.stop_requested:
                raise AbortedError
            self.deciding = deciding
        self.news.post(("deciding", deciding))
        deciding.done.wait()
        if deciding.answer is None:
            raise AbortedError
        # The dialog must be gone before the robot looks at the screen again.
        if not self.wait_off_screen(deciding.clear):
            raise AbortedError
        return deciding.answer


class RunController(QtCore.QObject):
    """One run of one bot. Create it on the GUI thread, connect the signals, call ``start``.

    Every public signal is emitted on the GUI thread: ``step_started(StepResult)``,
    ``step_finished(StepResult)``, ``problem_asked(Problem)`` (answer it with ``answer``),
    ``decision_asked(DecisionQuestion)`` (answer it with ``answer_decision``),
    ``question_withdrawn()`` (the run was stopped while a question was open) and
    ``run_finished(RunResult)``, always last and always once.
    """

    step_started = Signal(object)
    step_finished = Signal(object)
    problem_asked = Signal(object)
    decision_asked = Signal(object)
    question_withdrawn = Signal()
    case_started = Signal(int, int, str)
    run_finished = Signal(object)

    def __init__(self, bot: Bot, folder: Path, values: dict[str, str] | None = None, *,
                 cases: list[Case] | None = None,
                 only: Sequence[int] | None = None,
                 keep_going: bool = False,
                 drivers_factory: DriversFactory = desktop_drivers,
                 store_factory: StoreFactory = Store.open_default,
                 guard: Guard | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 extra_listeners: list[RunListener] | None = None,
                 window_finder: WindowFinderFactory = desktop_window_finder,
                 pause: PauseGate | None = None,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        # The player never changes the bot it runs, so the studio's own bot is run as it is.
        self.bot = bot
        self.folder = folder
        self.result: RunResult | None = None
        # The question waiting for the person, if any.
        self.pending_problem: Problem | None = None
        self.pending_decision: DecisionQuestion | None = None
        self._bridge = ThreadBridge(parent=self)
        self._bridge.arrived.connect(self._deliver)
        # ``pause`` holds the robot between steps while paused (the tray's Pause); a stop
        # lets it go.
        listeners = list(extra_listeners or []) + ([pause] if pause is not None else [])
        session = RunSession(bot, folder, drivers_factory=drivers_factory,
                             store_factory=store_factory, guard=guard, timeout_s=timeout_s,
                             listeners=listeners)
        # One case with ``values``, or one per row of a data file (``cases``); ``only`` picks
        # the steps ("run from here", "run this step").
        self.cases = list(cases) if cases is not None else [Case("", dict(values or {}))]
        self.only = None if only is None else sorted(only)
        self._run = _Run(session, self.cases, self._bridge.mailbox, only=self.only,
                         finder=window_finder, keep_going=keep_going, pause=pause)
        # The hotkey and the corner stop through the run, so an open question is let go too.
        session.ask = self._run.ask
        session.decide = self._run.decide
        session.stop_target = self._run
        self._running = False
        self._thread: threading.Thread | None = None

    @property
    def learned(self) -> list[LearnedAnchor]:
        """Pictures the person showed during the run and agreed to keep (once it has ended)."""
        return list(self.result.learned) if self.result is not None else []

    # ------------------------------------------------------------ from the GUI thread

    @property
    def outcomes(self) -> list[tuple[str, RunResult]]:
        """Each case run so far, by label, with its result (complete once the run ended)."""
        return list(self._run.outcomes)

    def start(self, clear: Sequence[OwnWindow] = ()) -> None:
        """Run on a worker thread, once ``clear`` (the studio's windows) are off the screen."""
        if self._thread is not None:
            raise RuntimeError("a RunController runs its bot once")
        self._run.clear = tuple(clear)
        self._running = True
        self._bridge.start()
        self._thread = threading.Thread(target=self._run.work, name="robot run", daemon=True)
        self._thread.start()

    def is_running(self) -> bool:
        """True from ``start`` until ``run_finished`` has been delivered."""
        return self._running

    def answer(self, decision: Decision, clear: Sequence[OwnWindow] = ()) -> None:
        """Let the worker go on with ``decision`` once ``clear`` (the question's windows) are
        off the screen; nothing happens if no question is open."""
        self.pending_problem = None
        self._run.answer(decision, clear)

    def answer_decision(self, answer: DecisionAnswer, clear: Sequence[OwnWindow] = ()) -> None:
        """Let the worker go on with the person's decision once ``clear`` (the dialog's
        windows) are off the screen; nothing happens if no decision is asked."""
        self.pending_decision = None
        self._run.answer_decision(answer, clear)

    def abort(self) -> None:
        """Stop the robot before its next action; safe from any thread (the hotkey's too)."""
        self._run.abort()

    def wait_for_click(self, timeout: float) -> tuple[int, int] | None:
        """Where the person clicks next on the screen, for "show me"; None if nobody does."""
        return self._run.session.wait_for_click(timeout)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread to end; True if it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _deliver(self, news: object) -> None:
        assert isinstance(news, tuple)
        kind, payload = news
        if kind == "step_started":
            self.step_started.emit(payload)
        elif kind == "case_started":
            number, total, label = payload
            self.case_started.emit(number, total, label)
        elif kind == "step_finished":
            self.step_finished.emit(payload)
        elif kind == "asked":
            assert isinstance(payload, _Question)
            if self._run.is_open(payload):
                self.pending_problem = payload.problem
                self.problem_asked.emit(payload.problem)
        elif kind == "deciding":
            assert isinstance(payload, _Deciding)
            if self._run.is_open(payload):
                self.pending_decision = payload.question
                self.decision_asked.emit(payload.question)
        elif kind == "withdrawn":
            self.pending_problem = None
            self.pending_decision = None
            self.question_withdrawn.emit()
        elif kind == "finished":
            assert isinstance(payload, RunResult)
            self._bridge.stop()
            self.result = payload
            self._running = False
            self.run_finished.emit(payload)


# ---------------------------------------------------------------- results over the step table

STATUS_COLOURS: dict[str, str] = {
    "running": "#dbeafe", "succeeded": "#e6f4ea", "failed": "#fde2e1", "skipped": "#eeeeee",
    "stopped": "#fef7e0",
}
STATUS_TEXTS: dict[str, str] = {
    "running": translatable("Running…"), "succeeded": translatable("Done"),
    "failed": translatable("Failed"), "skipped": translatable("Skipped"),
    "stopped": translatable("Stopped here"),
}
# What the player writes into the step it was at when the person stopped it.
STOPPED_ON_REQUEST = "stopped on request"
STATUS_ICONS: dict[str, QtWidgets.QStyle.StandardPixmap] = {
    "running": QtWidgets.QStyle.StandardPixmap.SP_ArrowRight,
    "succeeded": QtWidgets.QStyle.StandardPixmap.SP_DialogApplyButton,
    "failed": QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical,
    "skipped": QtWidgets.QStyle.StandardPixmap.SP_MediaSkipForward,
    "stopped": QtWidgets.QStyle.StandardPixmap.SP_MediaStop,
}
_ROOT = QtCore.QModelIndex()
_Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex


def result_status(result: StepResult) -> str:
    """The step's status as the table shows it: a step the person stopped is no failure."""
    if result.status == "failed" and result.error == STOPPED_ON_REQUEST:
        return "stopped"
    return result.status


def result_text(result: StepResult, running: bool = False) -> str:
    """One step's outcome in a few words: 'Klar – med sin bild (0,98)'."""
    status = "running" if running else result_status(result)
    text = tr(STATUS_TEXTS[status])
    if running:
        return text
    if result.status == "succeeded" and result.found_by in FOUND_BY_TEXTS:
        text += " – " + tr(FOUND_BY_TEXTS[result.found_by])
        if result.score is not None:
            text += f" ({format_number(result.score)})"
    if result.decision == "approve":
        text += " – " + tr("approved")
    elif result.decision == "reject":
        text += " – " + tr("rejected")
    # A step inside a decision's branch is shown on the decision's row, saying which it is.
    if result.branch is not None and result.branch_index is not None:
        where = (tr("If approved, step {number}") if result.branch == "approve"
                 else tr("If rejected, step {number}"))
        text = where.format(number=result.branch_index + 1) + ": " + text
    return text


class StepResultsModel(QtCore.QIdentityProxyModel):
    """The step table as it is, plus what the latest run did: a result column and row colours.

    The bot's own model is not touched; results belong to a run, not to the bot.
    """

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.results: dict[int, StepResult] = {}
        self.current: int | None = None
        # The step table's columns never change; asked for on every cell the view paints.
        self._result_column = 0
        self.modelReset.connect(self._forget)

    def setSourceModel(self, model: QtCore.QAbstractItemModel) -> None:  # noqa: N802
        self._result_column = model.columnCount()
        super().setSourceModel(model)

    def result_column(self) -> int:
        return self._result_column

    def clear(self) -> None:
        rows = set(self.results) | ({self.current} if self.current is not None else set())
        self.results.clear()
        self.current = None
        for row in rows:
            self._row_changed(row)

    def start_step(self, result: StepResult) -> None:
        previous, self.current = self.current, result.index
        if previous is not None:
            self._row_changed(previous)
        self.results.pop(result.index, None)
        self._row_changed(result.index)

    def finish_step(self, result: StepResult) -> None:
        self.results[result.index] = result
        if self.current == result.index:
            self.current = None
        self._row_changed(result.index)

    def _forget(self) -> None:
        self.results.clear()
        self.current = None

    def _row_changed(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.result_column()))

    def _status(self, row: int) -> str | None:
        if row == self.current:
            return "running"
        result = self.results.get(row)
        return result_status(result) if result is not None else None

    # ------------------------------------------------------------ the extra column

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.sourceModel() is None else self.result_column() + 1

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QtCore.QModelIndex:
        if (not parent.isValid() and column == self.result_column()
                and 0 <= row < self.rowCount()):
            return self.createIndex(row, column)
        return super().index(row, column, parent)

    def sibling(self, row: int, column: int, idx: _Index) -> QtCore.QModelIndex:
        return self.index(row, column)

    def mapToSource(self, proxy_index: _Index) -> QtCore.QModelIndex:  # noqa: N802
        if proxy_index.isValid() and proxy_index.column() >= self.result_column():
            return QtCore.QModelIndex()
        return super().mapToSource(proxy_index)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() == self.result_column():
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and section == self.result_column()
                and self.sourceModel() is not None):
            return tr("Result") if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        status = self._status(index.row())
        if index.column() == self.result_column():
            return self._result_data(index.row(), status, role)
        if status is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QtGui.QBrush(QtGui.QColor(STATUS_COLOURS[status]))
        if status is not None and role == Qt.ItemDataRole.ForegroundRole:
            # Dark on the light status colours, whatever the system theme's text colour is.
            value = super().data(index, role)
            return value if value is not None else QtGui.QBrush(QtGui.QColor("#1f1f1f"))
        return super().data(index, role)

    def _result_data(self, row: int, status: str | None, role: int) -> Any:
        if status is None:
            return None
        result = self.results.get(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if status == "running" or result is None:
                return tr(STATUS_TEXTS["running"])
            return result_text(result)
        if role == Qt.ItemDataRole.DecorationRole:
            return QtWidgets.QApplication.style().standardIcon(STATUS_ICONS[status])
        if role == Qt.ItemDataRole.BackgroundRole:
            return QtGui.QBrush(QtGui.QColor(STATUS_COLOURS[status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QtGui.QBrush(QtGui.QColor("#1f1f1f"))
        if role == Qt.ItemDataRole.ToolTipRole and result is not None:
            return result.error or result_text(result)
        return None
