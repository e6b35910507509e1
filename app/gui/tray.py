"""The attended robot in the tray: a caseworker starts a bot from an icon and watches it work.

``TrayApp`` puts an icon in the system tray whose menu lists the library's bots, the ones used
most recently first, with Open studio, Pause/Resume, Stop, Start at login and Quit. Choosing a
bot asks for its parameters with the studio's own form (checked as the person types), then
runs it with the studio's own ``RunController``: the same run session, run log, safety stop and
questions and decisions as a run from the studio. While it runs, the icon shows the state
(idle, running, paused, asking for help or a decision, failed), its tooltip and a small
always-on-top progress window say step n of m, case k of K and the current step; the
settings' pause hotkey pauses and resumes, the stop hotkey stops. A notice at the end says
how it went and opens that run in the studio's history when clicked (so does the menu's "Show
the last run").

Where the desktop has no tray (``QSystemTrayIcon.isSystemTrayAvailable()`` is false) the same
actions and bots are offered in a small always-on-top ``Launcher`` window instead.
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol

from app.core import paths, settings
from app.core.hotkeys import hotkey_text
from app.core.model.bot import Bot, Parameter
from app.core.model.botfile import BOT_FILE
from app.core.model.data import CaseData, DataFileError, parameters_to_ask, read_cases
from app.core.model.library import (
    BotEntry,
    Group,
    bot_folders,
    read_entry,
    sorted_entries,
)
from app.core.model.params import ParameterError
from app.core.platform import PlatformError, autostart
from app.core.results.history import RunRecord, recent_runs
from app.core.results.outcome import RunResult, StepResult
from app.core.retention import PURGE_INTERVAL_S, apply_retention
from app.core.running.pause import HotkeyWatcher, PauseGate
from app.core.store import Store, StoreError
from app.gui import i18n
from app.gui.bridge import ThreadBridge
from app.gui.decision_dialog import DecisionDialog
from app.gui.i18n import tr
from app.gui.launcher import Launcher
from app.gui.progress_window import ProgressWindow
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.gui.run_controller import (
    STOP_HOTKEY_TEXT,
    Case,
    OwnWindow,
    RunController,
    cases_of,
    no_row_text,
)
from app.gui.run_dialogs import DataFileSummary, ParameterForm, ProblemDialog, step_summary
from app.gui.run_questions import RunQuestions, off_screen_checks, own_window
from app.gui.single_instance import SingleInstance
from app.gui.studio_run import cases_outcome, run_outcome

log = logging.getLogger(__name__)

State = Literal["idle", "running", "paused", "asking", "failed"]
STATES: tuple[State, ...] = ("idle", "running", "paused", "asking", "failed")
# Shown long enough to be read after a glance back at the screen.
NOTICE_MS = 15_000
# How long Quit waits for a stopped robot to let go of the keyboard before the program ends.
QUIT_WAIT_S = 5.0
# How often a launcher looks whether a tray has come (a panel started after the tray).
TRAY_LOOK_MS = 3000

STATE_COLOURS: dict[State, str] = {
    "idle": "#4b5563", "running": "#1e8e3e", "paused": "#e37400", "asking": "#1a73e8",
    "failed": "#b3261e",
}


class Watcher(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


WatcherFactory = Callable[[frozenset[str], Callable[[], None]], Watcher]
ProgramStarter = Callable[[list[str]], None]


def start_program(command: list[str]) -> None:
    """Start another robotfabrik process (the studio) on its own; the tray goes on."""
    try:
        subprocess.Popen(command, start_new_session=sys.platform != "win32",
                         stdin=subprocess.DEVNULL)
    except OSError as error:
        log.warning("could not start %s: %s", command[0], error)


def recently_used_first(entries: Sequence[BotEntry], runs: Sequence[RunRecord]
                        ) -> list[BotEntry]:
    """``entries`` with the bots run most recently first, then the rest in their own order."""
    last_run: dict[Path, float] = {}
    for run in runs:
        try:
            folder = Path(run.bot_path).resolve()
        except (OSError, ValueError):
            continue
        started = run.started_at or 0.0
        last_run[folder] = max(last_run.get(folder, 0.0), started)
    order = {id(entry): position for position, entry in enumerate(entries)}

    def key(entry: BotEntry) -> tuple[int, float, int]:
        when = last_run.get(entry.folder.resolve())
        return (0, -when, order[id(entry)]) if when is not None else (1, 0.0,
                                                                      order[id(entry)])

    return sorted(entries, key=key)


class LibraryBots:
    """The bots a caseworker can run (their own, then the examples; broken ones left out),
    recently used first.

    Asked each time the menu opens, so a bot is loaded again only when its bot.json changed:
    loading decodes every picture, some 20 ms for the example, and a library of twenty bots
    would hold the menu up for half a second each time.
    """

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[int, int] | None, BotEntry]] = {}

    def __call__(self) -> list[BotEntry]:
        loaded: dict[Path, tuple[tuple[int, int] | None, BotEntry]] = {}
        groups: list[list[BotEntry]] = []
        places: tuple[tuple[Path, Group], ...] = ((paths.library_dir(), "mine"),
                                                  (paths.shipped_examples_dir(), "examples"))
        for root, group in places:
            entries = []
            for folder in bot_folders(root):
                stamp = _stamp(folder / BOT_FILE)
                known = self._loaded.get(folder)
                entry = (known[1] if known is not None and known[0] == stamp
                         and known[1].group == group else read_entry(folder, group))
                loaded[folder] = (stamp, entry)
                entries.append(entry)
            groups.append(sorted_entries(entries))
        self._loaded = loaded
        runnable = [entry for entries in groups for entry in entries if entry.bot is not None]
        try:
            store = Store.open_default()
        except StoreError as error:
            log.warning("the run history cannot be read for the tray's order: %s", error)
            return runnable
        try:
            return recently_used_first(runnable, recent_runs(store, limit=200))
        finally:
            store.close()


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def state_icon(state: State, size: int = 64) -> QtGui.QIcon:
    """The tray icon for ``state``: a coloured disc with a sign a person reads at 16 pixels."""
    pixmap = QtGui.QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(STATE_COLOURS[state]))
    margin = size * 0.04
    painter.drawEllipse(QtCore.QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(QtGui.QColor("white"))
    unit = size / 64
    if state == "running":
        painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(24 * unit, 16 * unit),
                                             QtCore.QPointF(50 * unit, 32 * unit),
                                             QtCore.QPointF(24 * unit, 48 * unit)]))
    elif state == "paused":
        painter.drawRect(QtCore.QRectF(20 * unit, 17 * unit, 9 * unit, 30 * unit))
        painter.drawRect(QtCore.QRectF(35 * unit, 17 * unit, 9 * unit, 30 * unit))
    elif state in ("asking", "failed"):
        font = QtGui.QFont()
        font.setBold(True)
        font.setPixelSize(int(44 * unit))
        painter.setFont(font)
        painter.setPen(QtGui.QColor("white"))
        painter.drawText(QtCore.QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter,
                         "?" if state == "asking" else "!")
    else:
        # Idle: a robot's face, two eyes and a mouth.
        painter.drawEllipse(QtCore.QPointF(23 * unit, 27 * unit), 6 * unit, 6 * unit)
        painter.drawEllipse(QtCore.QPointF(41 * unit, 27 * unit), 6 * unit, 6 * unit)
        painter.drawRoundedRect(QtCore.QRectF(20 * unit, 40 * unit, 24 * unit, 6 * unit),
                                2 * unit, 2 * unit)
    painter.end()
    return QtGui.QIcon(pixmap)


def state_text(state: State) -> str:
    texts: dict[State, str] = {
        "idle": tr("Ready"), "running": tr("Running"), "paused": tr("Paused"),
        "asking": tr("Waiting for your answer"), "failed": tr("The last run failed"),
    }
    return texts[state]


def default_watcher(hotkey: frozenset[str], on_press: Callable[[], None]) -> Watcher:
    return HotkeyWatcher(hotkey, on_press)


class TrayApp(QtCore.QObject):
    """The tray icon (or the launcher), its menu, and at most one run at a time."""

    def __init__(self, *, tray_available: bool | None = None,
                 bots: Callable[[], list[BotEntry]] | None = None,
                 controller_factory: Callable[..., RunController] = RunController,
                 start: ProgramStarter = start_program,
                 watcher_factory: WatcherFactory | None = default_watcher,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._bots = bots or LibraryBots()
        self.controller_factory = controller_factory
        self._start_program = start
        self._watcher_factory = watcher_factory
        loaded = settings.current().settings
        self.pause_hotkey = loaded.pause_hotkey
        self.state: State = "idle"
        self.entries: list[BotEntry] = []
        self.controller: RunController | None = None
        self.gate: PauseGate | None = None
        self.parameter_form: ParameterForm | None = None
        self.data_summary: DataFileSummary | None = None
        self.questions = RunQuestions(lambda: self.controller, progress=self._progress_line,
                                      asking=self._asking)
        self.progress: ProgressWindow | None = None
        self.last_run_id: str | None = None
        self.last_outcome = ""
        self._entry: BotEntry | None = None
        self._cases_total = 0
        self._step_text = ""
        self._case_text = ""
        self._watcher: Watcher | None = None
        self._hotkeys = ThreadBridge(parent=self)
        self._hotkeys.arrived.connect(self._hotkey_pressed)

        self._bot_icon = QtGui.QIcon(str(paths.resources_dir() / "icons" / "bot.svg"))
        self.menu = QtWidgets.QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.refresh_bots)
        self.bots_heading = self.menu.addSection(tr("Robots"))
        self.bot_actions: list[QtGui.QAction] = []
        self._first_fixed = self.menu.addSeparator()
        self.data_file_action = self._action("dataFile", tr("Run with a data file…"),
                                             self.run_with_data_file)
        self.open_studio_action = self._action("openStudio", tr("Open studio"),
                                               self.open_studio)
        self.pause_action = self._action("pause", "", self.toggle_pause)
        self.stop_action = self._action("stop", tr("Stop ({hotkey})").format(
            hotkey=STOP_HOTKEY_TEXT), self.stop)
        self.last_run_action = self._action("lastRun", tr("Show the last run in history"),
                                            self.show_last_run)
        self.menu.addSeparator()
        self.autostart_action = self._action("autostart", tr("Start at login"), None)
        self.autostart_action.setCheckable(True)
        self.autostart_action.setChecked(autostart.is_enabled())
        self.autostart_action.toggled.connect(self.set_autostart)
        self.quit_action = self._action("quit", tr("Quit"), self.quit)
        self.menu.addActions([self.data_file_action, self.open_studio_action,
                              self.pause_action, self.stop_action, self.last_run_action])
        self.menu.addSeparator()
        self.menu.addActions([self.autostart_action, self.quit_action])

        available = (QtWidgets.QSystemTrayIcon.isSystemTrayAvailable()
                     if tray_available is None else tray_available)
        self.icon: QtWidgets.QSystemTrayIcon | None = None
        self.launcher: Launcher | None = None
        # Started at login, the tray may come before the desktop's panel: look again now and
        # then, and move into the tray once there is one.
        self._tray_watch = QtCore.QTimer(self)
        self._tray_watch.setInterval(TRAY_LOOK_MS)
        self._tray_watch.timeout.connect(self._look_for_tray)
        if available:
            self._make_icon()
        else:
            if tray_available is None:
                self._tray_watch.start()
            self.launcher = Launcher([self.open_studio_action, self.pause_action,
                                      self.stop_action, self.autostart_action,
                                      self.quit_action])
            self.launcher.bot_chosen.connect(self.choose_bot)
            self.launcher.history_button.clicked.connect(self.show_last_run)
            self.launcher.setWindowIcon(state_icon("idle"))
        self.refresh_bots()
        self._show_state("idle")

    def _make_icon(self) -> QtWidgets.QSystemTrayIcon:
        icon = QtWidgets.QSystemTrayIcon(state_icon(self.state), self)
        icon.setContextMenu(self.menu)
        icon.activated.connect(self._icon_activated)
        icon.messageClicked.connect(self.show_last_run)
        self.icon = icon
        return icon

    def _look_for_tray(self) -> None:
        if not QtWidgets.QSystemTrayIcon.isSystemTrayAvailable():
            return
        self._tray_watch.stop()
        self._make_icon().show()
        launcher, self.launcher = self.launcher, None
        if launcher is not None:
            launcher.hide()
            launcher.deleteLater()
        self._show_state(self.state)

    def _action(self, name: str, text: str, slot: Callable[[], object] | None
                ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setObjectName(name)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    def show(self) -> None:
        """Put the icon in the tray, or show the launcher where there is no tray."""
        if self.icon is not None:
            self.icon.show()
        elif self.launcher is not None:
            self.launcher.show()
            self.launcher.place()

    # ------------------------------------------------------------ the bots

    def refresh_bots(self) -> None:
        """Read the library again: bots come and go while the tray runs for days."""
        try:
            self.entries = self._bots()
        except Exception as error:  # a library that cannot be read must not end the tray
            log.warning("the library cannot be read: %s", error)
            self.entries = []
        for action in self.bot_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self.bot_actions = []
        running = self.is_running()
        for entry in self.entries:
            action = QtGui.QAction(self._bot_icon, entry.title, self)
            action.setObjectName(f"bot:{entry.folder.name}")
            action.setData(str(entry.folder))
            action.setEnabled(not running)
            action.triggered.connect(functools.partial(self._bot_triggered, entry.folder))
            self.menu.insertAction(self._first_fixed, action)
            self.bot_actions.append(action)
        if not self.entries:
            empty = QtGui.QAction(tr("No robots in the library yet"), self)
            empty.setEnabled(False)
            self.menu.insertAction(self._first_fixed, empty)
            self.bot_actions.append(empty)
        if self.launcher is not None:
            self.launcher.set_bots([(entry.title, entry.folder) for entry in self.entries],
                                   self._bot_icon)

    def _bot_triggered(self, folder: Path, _checked: bool = False) -> None:
        self.choose_bot(folder)

    def _entry_for(self, folder: Path) -> BotEntry | None:
        known = next((entry for entry in self.entries if entry.folder == folder), None)
        entry = read_entry(folder, known.group if known is not None else "other")
        if entry.bot is None:
            self._warn(tr("The robot cannot be run"), str(entry.error or folder))
            return None
        return entry

    def _busy(self) -> bool:
        return (self.is_running() or self.parameter_form is not None
                or self.data_summary is not None)

    def choose_bot(self, folder: Path) -> None:
        """Ask for the bot's parameters (if it has any), then run it."""
        if self._busy():
            return
        entry = self._entry_for(folder)
        if entry is None or entry.bot is None:
            return
        if not entry.bot.parameters:
            self._begin(entry, [Case("", {})], [])
            return
        self._open_form(entry, entry.bot.parameters, lambda values, cleared: self._begin(
            entry, [Case("", values)], cleared))

    def _open_form(self, entry: BotEntry, parameters: list[Parameter],
                   then: Callable[[dict[str, str], list[OwnWindow]], None]) -> None:
        assert entry.bot is not None
        form = ParameterForm(entry.bot.name, parameters, keyring_bot=entry.bot.name)
        # Over whatever the caseworker has open: it was asked for from the tray.
        form.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        form.setModal(False)
        self.parameter_form = form
        form.finished.connect(functools.partial(self._form_finished, form, then))
        form.show()
        form.raise_()
        form.activateWindow()

    def _form_finished(self, form: ParameterForm,
                       then: Callable[[dict[str, str], list[OwnWindow]], None],
                       result: int) -> None:
        values = form.values()
        form.forget_values()
        cleared = [own_window(form)] if off_screen_checks() else []
        self.parameter_form = None
        form.deleteLater()
        if result == QtWidgets.QDialog.DialogCode.Accepted:
            then(values, cleared)

    # ------------------------------------------------------------ a data file

    def run_with_data_file(self) -> None:
        """Choose a bot (when there are several) and a CSV or XLSX file, then run each row."""
        if self._busy() or not self.entries:
            return
        titles = [entry.title for entry in self.entries]
        folder = self.entries[0].folder
        if len(titles) > 1:
            title, chosen = QtWidgets.QInputDialog.getItem(
                None, tr("Run with a data file"), tr("Robot:"), titles, 0, False)
            if not chosen:
                return
            folder = self.entries[titles.index(title)].folder
        file, _ = QtWidgets.QFileDialog.getOpenFileName(
            None, tr("Run with a data file"), str(Path.home()),
            tr("Data files (*.csv *.txt *.xlsx *.xlsm)"))
        if file:
            self.start_with_data_file(folder, Path(file))

    def start_with_data_file(self, folder: Path, file: Path) -> None:
        """Check ``file`` for the bot in ``folder`` as ``robotfabrik check`` does, ask for what
        it does not give (a password), show how it was read, and run its good rows."""
        if self._busy():
            return
        entry = self._entry_for(folder)
        if entry is None or entry.bot is None:
            return
        bot = entry.bot
        try:
            first = read_cases(file, bot, need_secrets=False)
        except (DataFileError, ParameterError) as error:
            self._data_problem(str(error))
            return
        wanted = parameters_to_ask(bot, first.columns)
        if not wanted:
            # Nothing is asked for, so the first reading is the whole one.
            self._data_read(entry, file, {}, first)
            return
        self._open_form(entry, wanted, lambda values, _cleared: self._data_read(
            entry, file, values))

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
        summary = DataFileSummary(data)
        summary.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        summary.setModal(False)
        self.data_summary = summary
        cases = cases_of(data)

        def finished(result: int) -> None:
            cleared = [own_window(summary)] if off_screen_checks() else []
            self.data_summary = None
            summary.deleteLater()
            if result == QtWidgets.QDialog.DialogCode.Accepted:
                self._begin(entry, cases, cleared)

        summary.finished.connect(finished)
        summary.show()
        summary.raise_()
        summary.activateWindow()

    def _data_problem(self, text: str) -> None:
        self._warn(tr("The data file cannot be used"), text + "\n\n" + tr("Nothing was run."))

    @property
    def problem_dialog(self) -> ProblemDialog | None:
        return self.questions.problem_dialog

    @property
    def decision_dialog(self) -> DecisionDialog | None:
        return self.questions.decision_dialog

    def _progress_line(self, text: str) -> None:
        if self.progress is not None:
            self.progress.set_progress(text)

    def _asking(self, asking: bool) -> None:
        self._show_state("asking" if asking else "running")

    # ------------------------------------------------------------ a run

    def is_running(self) -> bool:
        return self.controller is not None and self.controller.is_running()

    def _begin(self, entry: BotEntry, cases: list[Case], cleared: list[OwnWindow]) -> None:
        assert entry.bot is not None
        gate = PauseGate(self._pause_changed)
        if len(cases) == 1 and not cases[0].label:
            controller = self.controller_factory(entry.bot, entry.folder, cases[0].values,
                                                 pause=gate, parent=self)
        else:
            # A data file's cases keep their row numbers; the robot stops at a failed one.
            controller = self.controller_factory(entry.bot, entry.folder, cases=cases,
                                                 pause=gate, parent=self)
        if self.controller is not None:
            self.controller.deleteLater()
        self.controller, self.gate, self._entry = controller, gate, entry
        self._cases_total = len(cases)
        self._step_text = tr("Starting…")
        self._case_text = ""
        controller.case_started.connect(self._on_case_started)
        controller.step_started.connect(self._on_step_started)
        self.questions.listen_to(controller)
        controller.run_finished.connect(self._on_finished)

        progress = ProgressWindow(entry.bot.name, STOP_HOTKEY_TEXT,
                                  hotkey_text(self.pause_hotkey))
        progress.stop_requested.connect(self.stop)
        progress.pause_requested.connect(self.toggle_pause)
        progress.set_progress(self._step_text)
        self.progress = progress
        progress.place()
        progress.show()
        self._start_hotkey()
        controller.start(cleared)
        self._show_state("running")
        if gate.paused:  # paused already (by the hotkey while the form was open)
            self._pause_changed(True)

    def _start_hotkey(self) -> None:
        if self._watcher_factory is None:
            return
        mailbox = self._hotkeys.mailbox
        try:
            watcher = self._watcher_factory(self.pause_hotkey, lambda: mailbox.post("pause"))
            watcher.start()
        except (PlatformError, OSError) as error:
            log.info("the pause hotkey cannot be watched: %s", error)
            return
        self._watcher = watcher
        self._hotkeys.start()

    def _stop_hotkey(self) -> None:
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.stop()
        self._hotkeys.stop()

    def _hotkey_pressed(self, _what: object) -> None:
        self.toggle_pause()

    def toggle_pause(self) -> None:
        """Pause the robot before its next step, or let a paused one go on."""
        if self.gate is not None and self.is_running():
            self.gate.toggle()

    def _pause_changed(self, paused: bool) -> None:
        # Called on the GUI thread: the menu, the button and the hotkey all toggle from here.
        if self.progress is not None:
            self.progress.set_paused(paused)
            if paused:
                self.progress.set_progress(tr(
                    "Paused: the robot waits before its next step. {hotkey} goes on.").format(
                    hotkey=hotkey_text(self.pause_hotkey)))
            else:
                self.progress.set_progress(self._step_text)
        if self.is_running():
            self._show_state("paused" if paused else "running")

    def stop(self) -> None:
        """Stop the robot before its next action (a paused one too)."""
        if self.controller is not None and self.is_running():
            self.controller.abort()
            if self.progress is not None:
                self.progress.set_progress(tr("Stopping…"))

    def _steps_total(self) -> int:
        entry = self._entry
        return len(entry.bot.steps) if entry is not None and entry.bot is not None else 0

    def _on_case_started(self, number: int, total: int, label: str) -> None:
        self._case_text = (tr("Case {number} of {total} ({row})").format(
            number=number, total=total, row=label.replace("row", tr("row"))) if label else "")
        if self.progress is not None:
            self.progress.set_case(self._case_text)
        self._show_state(self.state)

    def _on_step_started(self, result: StepResult) -> None:
        text = tr("Step {number} of {total}").format(number=result.index + 1,
                                                      total=self._steps_total())
        entry = self._entry
        bot: Bot | None = entry.bot if entry is not None else None
        if bot is not None and 0 <= result.index < len(bot.steps):
            text += ": " + step_summary(bot.steps[result.index])
        self._step_text = text
        if self.progress is not None:
            self.progress.set_progress(text)
        if self.state == "asking":
            self._show_state("running")
        else:
            self._show_state(self.state)

    def _on_finished(self, result: RunResult) -> None:
        self.questions.close()
        self._stop_hotkey()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        entry, self._entry = self._entry, None
        name = entry.title if entry is not None else result.bot_name
        self.last_run_id = result.run_id or None
        outcomes = self.controller.outcomes if self.controller is not None else []
        outcome = run_outcome(result)
        if self._cases_total > 1 or any(label for label, _case in outcomes):
            outcome = cases_outcome(outcomes, self._cases_total)
        self.last_outcome = outcome
        failed = result.status == "failed" or any(
            case.status == "failed" for _label, case in outcomes)
        self._show_state("failed" if failed else "idle")
        self.refresh_bots()
        if result.status == "succeeded":
            title = tr("{name} is done").format(name=name)
        elif result.status == "aborted":
            title = tr("{name} was stopped").format(name=name)
        else:
            title = tr("{name} failed").format(name=name)
        self.notify(title, outcome, failed)

    def notify(self, title: str, text: str, failed: bool) -> None:
        """Say how a run ended: a notice from the tray, or the launcher's status line."""
        can_show = self.last_run_id is not None
        hint = (" " + tr("Click here to see the run in the history.")) if can_show else ""
        if self.icon is not None:
            kind = (QtWidgets.QSystemTrayIcon.MessageIcon.Warning if failed
                    else QtWidgets.QSystemTrayIcon.MessageIcon.Information)
            self.icon.showMessage(title, text + hint, kind, NOTICE_MS)
        if self.launcher is not None:
            self.launcher.show_status(f"{title}: {text}", can_show)

    # ------------------------------------------------------------ state, studio, quitting

    def _show_state(self, state: State) -> None:
        self.state = state
        running = self.is_running()
        paused = self.gate is not None and self.gate.paused and running
        self.pause_action.setText((tr("Resume ({hotkey})") if paused else
                                   tr("Pause ({hotkey})")).format(
            hotkey=hotkey_text(self.pause_hotkey)))
        self.pause_action.setEnabled(running)
        self.stop_action.setEnabled(running)
        self.last_run_action.setEnabled(self.last_run_id is not None)
        for action in self.bot_actions:
            action.setEnabled(not running and action.data() is not None)
        self.data_file_action.setEnabled(not running and bool(self.entries))
        lines = ["Robotfabrik – " + state_text(state)]
        if running and self._entry is not None:
            lines.append(self._entry.title)
            if self._case_text:
                lines.append(self._case_text)
            if self._step_text:
                lines.append(self._step_text)
        elif self.last_outcome:
            lines.append(self.last_outcome)
        tooltip = "\n".join(lines)
        if self.icon is not None:
            self.icon.setIcon(state_icon(state))
            self.icon.setToolTip(tooltip)
        if self.launcher is not None:
            self.launcher.setWindowIcon(state_icon(state))
            self.launcher.set_running(running)
            if running:
                self.launcher.show_status("\n".join(lines[1:]) or state_text(state))

    def present(self) -> None:
        """Show where the robots are, for a person who started Robotfabrik's tray again: the
        running robot's progress, the form or question open, the launcher, or the menu."""
        shown: list[QtWidgets.QWidget | None] = [
            self.progress, self.parameter_form, self.launcher,
            self.questions.problem_dialog, self.questions.decision_dialog]
        windows = [window for window in shown if window is not None and window.isVisible()]
        if self.launcher is not None and not self.launcher.isVisible():
            self.show()
            windows.append(self.launcher)
        for window in windows:
            window.raise_()
            window.activateWindow()
        if not windows and self.icon is not None:
            self.menu.popup(QtGui.QCursor.pos())

    def tooltip(self) -> str:
        return self.icon.toolTip() if self.icon is not None else ""

    def _icon_activated(self, reason: QtWidgets.QSystemTrayIcon.ActivationReason) -> None:
        # A left click shows the menu too: caseworkers click, they do not right-click.
        if reason in (QtWidgets.QSystemTrayIcon.ActivationReason.Trigger,
                      QtWidgets.QSystemTrayIcon.ActivationReason.DoubleClick):
            self.menu.popup(QtGui.QCursor.pos())

    def open_studio(self) -> None:
        self._start_program(autostart.program_command("studio"))

    def show_last_run(self) -> None:
        """Open the studio's history on the run that ended last."""
        if self.last_run_id is not None:
            self._start_program(autostart.program_command("studio", "--run",
                                                          self.last_run_id))

    def set_autostart(self, wanted: bool) -> None:
        try:
            if wanted:
                autostart.enable()
            else:
                autostart.disable()
        except PlatformError as error:
            self._warn(tr("Start at login"), tr(
                "The setting could not be changed: {reason}").format(reason=str(error)))
            self.autostart_action.blockSignals(True)
            self.autostart_action.setChecked(autostart.is_enabled())
            self.autostart_action.blockSignals(False)
            if self.launcher is not None:
                self.launcher.sync_checks()

    def _warn(self, title: str, text: str) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, title, text)
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def quit(self) -> None:
        """Stop a running robot, wait for it to let go of the keyboard, and end the tray."""
        controller = self.controller
        if controller is not None and self.is_running():
            controller.abort()
            controller.join(QUIT_WAIT_S)
        self._stop_hotkey()
        if self.icon is not None:
            self.icon.hide()
        if self.launcher is not None:
            self.launcher.close()
        application = QtCore.QCoreApplication.instance()
        if application is not None:
            application.quit()


def main(argv: list[str] | None = None, *, launcher: bool = False) -> int:
    """Run the tray until Quit; ``launcher`` shows the launcher window even with a tray."""
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        application = existing
    else:
        application = QtWidgets.QApplication([sys.argv[0] if sys.argv else "robotfabrik",
                                              *(argv or [])])
    application.setApplicationName("Robotfabrik")
    application.setStyle("Fusion")
    # Forms and notices come and go; the tray lives on with no window open.
    application.setQuitOnLastWindowClosed(False)
    i18n.install_qt_translations(application)
    apply_retention()  # personal data past its time goes at start-up, and daily after that
    only_one = SingleInstance("tray", paths.data_dir(), application)
    if not only_one.claim():
        print(tr("Robotfabrik's tray is already running; it shows its robots now."),
              file=sys.stderr, flush=True)
        return 0
    tray = TrayApp(tray_available=False if launcher else None)
    only_one.asked_to_show.connect(tray.present)
    daily_purge = QtCore.QTimer(application)
    daily_purge.setInterval(PURGE_INTERVAL_S * 1000)
    daily_purge.timeout.connect(apply_retention)
    daily_purge.start()
    if tray.icon is None and not launcher:
        # Said where a person who started it from a terminal looks, and in the launcher.
        print("robotfabrik tray: no system tray was found; showing the launcher window instead",
              file=sys.stderr, flush=True)
    tray.show()
    try:
        return application.exec()
    finally:
        only_one.release()
