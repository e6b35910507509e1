"""The run history window: what the robots did, filtered, a page at a time, down to each step.

Runs are read from the store a page at a time (``app.core.results.history.run_page``), so the
window opens as fast on a store of a million step results as on an empty one. Choosing a run
shows its steps (time, which way each target was found, match score, error) and the screen of a
failed step; the run can be saved as CSV for a spreadsheet or as a self-contained HTML report.
"""

from __future__ import annotations

import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from app.core.model.bot import Step, all_steps, step_window_title
from app.core.model.botfile import BotFileError, load_bot
from app.core.results.export import (
    decision_text,
    found_by_text,
    kind_text,
    read_screenshot,
    run_csv,
    run_html,
    status_text,
)
from app.core.results.history import (
    PAGE_SIZE,
    DecisionEntry,
    RunCursor,
    RunFilter,
    RunNotFoundError,
    RunRecord,
    StepRecord,
    bots_with_runs,
    count_runs,
    find_run,
    local_day_span,
    run_decisions,
    run_page,
    run_steps,
)
from app.core.store import Store, StoreError
from app.gui.i18n import format_number, language, tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.gui.step_model import step_kind_text, step_what_text

_ROOT = QtCore.QModelIndex()
AnyIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex
# QDateEdit cannot be empty; its lowest date, shown as "any", stands for no limit.
_NO_DATE = QtCore.QDate(2000, 1, 1)
SCREENSHOT_WIDTH = 520
FAILED_COLOUR = QtGui.QColor("#b71c1c")
SUCCEEDED_COLOUR = QtGui.QColor("#1b5e20")


def whole_number(value: int) -> str:
    """A count with the thousands grouped as the language writes them (5 210, 5,210)."""
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if language() == "sv" else text


def local_minutes(timestamp: float | None) -> str:
    if timestamp is None:
        return "–"
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def duration_text(seconds: float | None) -> str:
    """A run's or step's length as people say it: 0,8 s, 2 min 05 s, 1 h 10 min."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{format_number(round(seconds, 1))} s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def _status_colour(status: str) -> QtGui.QColor | None:
    if status in ("failed", "aborted"):
        return FAILED_COLOUR
    if status == "succeeded":
        return SUCCEEDED_COLOUR
    return None


# --- models ----------------------------------------------------------------------------------


class RunColumn(IntEnum):
    STARTED = 0
    BOT = 1
    STATUS = 2
    DURATION = 3
    REASON = 4


RUN_HEADERS: dict[RunColumn, str] = {
    RunColumn.STARTED: translatable("Started"),
    RunColumn.BOT: translatable("Bot"),
    RunColumn.STATUS: translatable("Result"),
    RunColumn.DURATION: translatable("Time taken"), RunColumn.REASON: translatable("What happened"),
}


class RunPageModel(QtCore.QAbstractTableModel):
    """One page of runs; the view swaps the page, never loads them all."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.runs: list[RunRecord] = []

    def set_runs(self, runs: list[RunRecord]) -> None:
        self.beginResetModel()
        self.runs = list(runs)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(RunColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(RunColumn)):
            return tr(RUN_HEADERS[RunColumn(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.runs):
            return None
        run = self.runs[index.row()]
        column = RunColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RunColumn.STARTED:
                return local_minutes(run.started_at)
            if column == RunColumn.BOT:
                return run.bot_name
            if column == RunColumn.STATUS:
                return status_text(run.status, tr)
            if column == RunColumn.DURATION:
                return duration_text(run.duration_s)
            if run.status == "succeeded" and not run.reason:
                return tr("Every step done")
            return " ".join((run.reason or "").split())
        if role == Qt.ItemDataRole.ForegroundRole and column == RunColumn.STATUS:
            return _status_colour(run.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RunColumn.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == RunColumn.REASON and run.reason:
            return run.reason
        return None


class StepColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    WHAT = 2
    STATUS = 3
    DURATION = 4
    FOUND_BY = 5
    SCORE = 6
    ERROR = 7


STEP_HEADERS: dict[StepColumn, str] = {
    StepColumn.NUMBER: translatable("#"),
    StepColumn.KIND: translatable("Step"),
    StepColumn.WHAT: translatable("What"),
    StepColumn.STATUS: translatable("Result"),
    StepColumn.DURATION: translatable("Time taken"), StepColumn.FOUND_BY: translatable("Found by"),
    StepColumn.SCORE: translatable("Match"), StepColumn.ERROR: translatable("Error"),
}


class StepResultModel(QtCore.QAbstractTableModel):
    """The steps of one run as the run log kept them; ``definitions`` are the bot's steps by
    id, when its file could be read, so each result says what its step does."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.steps: list[StepRecord] = []
        self.definitions: dict[str, Step] = {}

    def set_steps(self, steps: list[StepRecord],
                  definitions: dict[str, Step] | None = None) -> None:
        self.beginResetModel()
        self.steps = list(steps)
        self.definitions = dict(definitions or {})
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(StepColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(StepColumn)):
            return tr(STEP_HEADERS[StepColumn(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.steps):
            return None
        step = self.steps[index.row()]
        column = StepColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(step, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == StepColumn.STATUS:
            return _status_colour(step.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                StepColumn.NUMBER, StepColumn.DURATION, StepColumn.SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == StepColumn.ERROR and step.error:
            return step.error
        return None

    def descriptions(self) -> dict[str, str]:
        """What each step of the run does, by step id, as the What column says it."""
        return {step.step_id: self._text(step, StepColumn.WHAT) for step in self.steps}

    def _text(self, step: StepRecord, column: StepColumn) -> str:
        if column == StepColumn.NUMBER:
            return step.number
        definition = self.definitions.get(step.step_id)
        if column == StepColumn.KIND:
            if definition is not None and definition.kind == step.kind:
                return step_kind_text(definition)
            return kind_text(step.kind, tr)
        if column == StepColumn.WHAT:
            if definition is None or definition.kind != step.kind:
                return ""
            what = " ".join(step_what_text(definition).split())
            window = step_window_title(definition)
            return " · ".join(part for part in (what, window) if part)
        if column == StepColumn.STATUS:
            return status_text(step.status, tr)
        if column == StepColumn.DURATION:
            return duration_text(step.duration_s)
        if column == StepColumn.FOUND_BY:
            return found_by_text(step.found_by, tr)
        if column == StepColumn.SCORE:
            return "" if step.score is None else f"{format_number(round(step.score * 100))} %"
        return " ".join((step.error or "").split())


# --- the window ------------------------------------------------------------------------------


class ScreenshotLabel(QtWidgets.QLabel):
    """A failure screen, small; a click opens it at full size."""

    clicked = Signal()

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.full_size is not None:
            self.clicked.emit()
        super().mousePressEvent(event)

    full_size: QtGui.QPixmap | None = None


def full_size_dialog(parent: QtWidgets.QWidget, title: str,
                     pixmap: QtGui.QPixmap) -> QtWidgets.QDialog:
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(title)
    picture = QtWidgets.QLabel()
    picture.setPixmap(pixmap)
    scroll = QtWidgets.QScrollArea()
    scroll.setWidget(picture)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(scroll)
    screen = parent.screen().availableGeometry() if parent.screen() else QtCore.QRect(
        0, 0, 1280, 800)
    dialog.resize(min(pixmap.width() + 40, screen.width() - 80),
                  min(pixmap.height() + 40, screen.height() - 80))
    return dialog


class HistoryView(QtWidgets.QWidget):
    """Past runs: filters, a paged table, the chosen run's steps and failure screen, export."""

    def __init__(self, store: Store, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("Run history"))
        # Cursors of the pages before the one shown, to go back; the current page's own start.
        self._earlier: list[RunCursor | None] = []
        self._page_start: RunCursor | None = None
        self._next: RunCursor | None = None
        self._total = 0
        self._current_run: RunRecord | None = None
        self._bots: dict[str, tuple[int, dict[str, Step]]] = {}
        self._build()
        self.reload()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.bot_filter = QtWidgets.QComboBox()
        self.bot_filter.setMinimumContentsLength(16)
        self.status_filter = QtWidgets.QComboBox()
        for label, status in ((tr("All results"), None), (tr("succeeded"), "succeeded"),
                              (tr("failed"), "failed"), (tr("stopped"), "aborted"),
                              (tr("running"), "running")):
            self.status_filter.addItem(label, status)
        self.from_date = self._date_edit()
        self.to_date = self._date_edit()
        self.refresh_button = QtWidgets.QPushButton(tr("Refresh"))

        filters = QtWidgets.QHBoxLayout()
        for label, widget in ((tr("Bot:"), self.bot_filter), (tr("Result:"), self.status_filter),
                              (tr("From:"), self.from_date), (tr("To:"), self.to_date)):
            caption = QtWidgets.QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)

        self.run_model = RunPageModel(self)
        self.run_table = self._table(self.run_model)
        self.run_table.horizontalHeader().setSectionResizeMode(
            RunColumn.REASON, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.empty_label = QtWidgets.QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.runs_stack = QtWidgets.QStackedWidget()
        self.runs_stack.addWidget(self.run_table)
        self.runs_stack.addWidget(self.empty_label)

        self.newer_button = QtWidgets.QPushButton(tr("◀ Newer"))
        self.older_button = QtWidgets.QPushButton(tr("Older ▶"))
        self.page_label = QtWidgets.QLabel()
        pager = QtWidgets.QHBoxLayout()
        pager.addWidget(self.newer_button)
        pager.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.older_button)

        runs_box = QtWidgets.QWidget()
        runs_layout = QtWidgets.QVBoxLayout(runs_box)
        runs_layout.setContentsMargins(0, 0, 0, 0)
        runs_layout.addWidget(self.runs_stack, 1)
        runs_layout.addLayout(pager)

        self.run_title = QtWidgets.QLabel()
        title_font = self.run_title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.run_title.setFont(title_font)
        self.run_summary = QtWidgets.QLabel()
        self.run_summary.setWordWrap(True)
        self.run_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.csv_button = QtWidgets.QPushButton(tr("Save as CSV…"))
        self.html_button = QtWidgets.QPushButton(tr("Save as report (HTML)…"))
        self.export_status = QtWidgets.QLabel()
        self.export_status.setWordWrap(True)
        export_row = QtWidgets.QHBoxLayout()
        export_row.addWidget(self.csv_button)
        export_row.addWidget(self.html_button)
        export_row.addWidget(self.export_status, 1)

        self.step_model = StepResultModel(self)
        self.step_table = self._table(self.step_model)
        self.step_table.horizontalHeader().setSectionResizeMode(
            StepColumn.ERROR, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.screenshot_caption = QtWidgets.QLabel()
        self.screenshot_caption.setWordWrap(True)
        self.screenshot = ScreenshotLabel()
        self.screenshot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.screenshot.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        shot_box = QtWidgets.QWidget()
        shot_layout = QtWidgets.QVBoxLayout(shot_box)
        shot_layout.setContentsMargins(0, 0, 0, 0)
        shot_layout.addWidget(self.screenshot_caption)
        shot_layout.addWidget(self.screenshot, 1)
        steps_split = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        steps_split.addWidget(self.step_table)
        steps_split.addWidget(shot_box)
        steps_split.setStretchFactor(0, 3)
        steps_split.setStretchFactor(1, 2)
        # The steps are read first, the screen looked at: most of the width to the table.
        steps_split.setSizes([600, 400])

        self.details = QtWidgets.QWidget()
        details_layout = QtWidgets.QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.run_title)
        details_layout.addWidget(self.run_summary)
        details_layout.addLayout(export_row)
        details_layout.addWidget(steps_split, 1)

        splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(runs_box)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.bot_filter.currentIndexChanged.connect(self._filters_changed)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.from_date.dateChanged.connect(self._filters_changed)
        self.to_date.dateChanged.connect(self._filters_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.newer_button.clicked.connect(self.show_newer_page)
        self.older_button.clicked.connect(self.show_older_page)
        self.run_table.selectionModel().currentRowChanged.connect(self._run_chosen)
        self.step_table.selectionModel().currentRowChanged.connect(self._step_chosen)
        self.screenshot.clicked.connect(self.show_full_screenshot)
        self.csv_button.clicked.connect(self._csv_clicked)
        self.html_button.clicked.connect(self._html_clicked)

    def _date_edit(self) -> QtWidgets.QDateEdit:
        edit = QtWidgets.QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(tr("any day"))
        edit.setDate(_NO_DATE)
        # "Any day" is a date in the year 2000 to Qt; its calendar must open on this month.
        edit.calendarWidget().installEventFilter(self)
        return edit

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if (event.type() == QtCore.QEvent.Type.Show
                and isinstance(watched, QtWidgets.QCalendarWidget)
                and watched.selectedDate() == _NO_DATE):
            today = QtCore.QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    @staticmethod
    def _table(model: QtCore.QAbstractItemModel) -> QtWidgets.QTableView:
        table = QtWidgets.QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        return table

    # --- filters and pages ---------------------------------------------------------------

    def current_filter(self) -> RunFilter:
        first = self._date(self.from_date)
        last = self._date(self.to_date)
        start, end = local_day_span(first, last)
        bot = self.bot_filter.currentData()
        status = self.status_filter.currentData()
        return RunFilter(bot_name=bot if isinstance(bot, str) else None,
                         status=status if isinstance(status, str) else None,
                         started_from=start, started_before=end)

    @staticmethod
    def _date(edit: QtWidgets.QDateEdit) -> datetime.date | None:
        date = edit.date()
        if date == _NO_DATE:
            return None
        return datetime.date(date.year(), date.month(), date.day())

    def reload(self) -> None:
        """Read the bot names and the first page again (new runs may have been made)."""
        try:
            bots = bots_with_runs(self.store)
        except StoreError as error:
            self._show_store_error(error)
            return
        chosen = self.bot_filter.currentData()
        self.bot_filter.blockSignals(True)
        self.bot_filter.clear()
        self.bot_filter.addItem(tr("All bots"), None)
        for name in bots:
            self.bot_filter.addItem(name, name)
        found = self.bot_filter.findData(chosen) if isinstance(chosen, str) else 0
        self.bot_filter.setCurrentIndex(max(found, 0))
        self.bot_filter.blockSignals(False)
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._earlier = []
        try:
            self._total = count_runs(self.store, self.current_filter())
        except StoreError as error:
            self._show_store_error(error)
            return
        self._show_page(None)

    def show_older_page(self) -> None:
        if self._next is None:
            return
        self._earlier.append(self._page_start)
        self._show_page(self._next)

    def show_newer_page(self) -> None:
        if not self._earlier:
            return
        self._show_page(self._earlier.pop())

    def _show_page(self, start: RunCursor | None) -> None:
        try:
            page = run_page(self.store, self.current_filter(), after=start)
        except StoreError as error:
            self._show_store_error(error)
            return
        self._page_start, self._next = start, page.next_cursor
        self.run_model.set_runs(page.runs)
        first = len(self._earlier) * PAGE_SIZE + 1
        if page.runs:
            self.page_label.setText(tr("Runs {first}–{last} of {total}").format(
                first=whole_number(first), last=whole_number(first + len(page.runs) - 1),
                total=whole_number(self._total)))
            self.runs_stack.setCurrentWidget(self.run_table)
            self.run_table.selectRow(0)
        else:
            self.page_label.setText("")
            filtered = self.current_filter() != RunFilter()
            self.empty_label.setText(
                tr("No runs match these filters. Choose another bot, result or dates.")
                if filtered else
                tr("No runs yet. When a robot has run, each run is listed here with its steps."))
            self.runs_stack.setCurrentWidget(self.empty_label)
            self._show_run(None)
        self.newer_button.setEnabled(bool(self._earlier))
        self.older_button.setEnabled(self._next is not None)

    def _show_store_error(self, error: StoreError) -> None:
        self.run_model.set_runs([])
        self.empty_label.setText(tr("The run history cannot be read: {reason}").format(
            reason=str(error)))
        self.runs_stack.setCurrentWidget(self.empty_label)
        self._show_run(None)

    # --- one run -------------------------------------------------------------------------

    def show_run(self, run_id: str) -> bool:
        """Choose the run ``run_id`` (as the tray's "show in history" asks); False if the
        store has no such run."""
        for row, run in enumerate(self.run_model.runs):
            if run.run_id == run_id:
                self.run_table.selectRow(row)
                return True
        try:
            run = find_run(self.store, run_id)
        except (RunNotFoundError, StoreError):
            return False
        # Not on the page shown (filtered out or older): its steps are shown all the same.
        self.run_table.clearSelection()
        self._show_run(run)
        return True

    @property
    def current_run(self) -> RunRecord | None:
        return self._current_run

    def _run_chosen(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        runs = self.run_model.runs
        self._show_run(runs[current.row()] if current.isValid() and current.row() < len(runs)
                       else None)

    def _show_run(self, run: RunRecord | None) -> None:
        self._current_run = run
        self.export_status.setText("")
        self.details.setEnabled(run is not None)
        if run is None:
            self.run_title.setText(tr("Choose a run to see its steps."))
            self.run_summary.setText("")
            self.step_model.set_steps([])
            self._show_screenshot(None)
            return
        try:
            steps = run_steps(self.store, run.run_id)
            decisions = run_decisions(self.store, run.run_id)
        except StoreError as error:
            steps, decisions = [], []
            self.export_status.setText(str(error))
        self.run_title.setText(tr("{bot}, {started}: {result}").format(
            bot=run.bot_name, started=local_minutes(run.started_at),
            result=status_text(run.status, tr)))
        lines = [tr("Time taken: {duration}").format(duration=duration_text(run.duration_s))]
        if run.reason:
            lines.append(" ".join(run.reason.split()))
        if run.parameters:
            values = ", ".join(f"{name} = {value}" for name, value in run.parameters.items())
            lines.append(tr("Values: {values}").format(values=values))
        lines.extend(decision_text(decision, tr) for decision in decisions)
        if not steps:
            lines.append(tr("No steps were recorded for this run."))
        self.run_summary.setText("\n".join(lines))
        self.step_model.set_steps(steps, self._definitions(run))
        failed = next((row for row, step in enumerate(steps) if step.status == "failed"), None)
        if failed is not None:
            self.step_table.selectRow(failed)
        else:
            self._show_screenshot(None)

    def _decisions(self, run: RunRecord) -> list[DecisionEntry]:
        try:
            return run_decisions(self.store, run.run_id)
        except StoreError:
            return []

    def _definitions(self, run: RunRecord) -> dict[str, Step]:
        """The run's bot's steps by id, read from its folder (cached while it is unchanged);
        none when the folder is gone or the file cannot be read, since the results stand on
        their own. A step edited since the run is described as it is now."""
        folder = Path(run.bot_path)
        try:
            changed = (folder / "bot.json").stat().st_mtime_ns
        except (OSError, ValueError):
            return {}
        cached = self._bots.get(run.bot_path)
        if cached is not None and cached[0] == changed:
            return cached[1]
        try:
            bot = load_bot(folder)
        except (BotFileError, OSError):
            return {}
        steps = {step.id: step for step in all_steps(bot.steps)}
        self._bots[run.bot_path] = (changed, steps)
        return steps

    def _step_chosen(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        steps = self.step_model.steps
        self._show_screenshot(steps[current.row()] if current.isValid()
                              and current.row() < len(steps) else None)

    def show_full_screenshot(self) -> QtWidgets.QDialog | None:
        """The shown failure screen at its own size, in a window of its own."""
        if self.screenshot.full_size is None:
            return None
        dialog = full_size_dialog(self, self.screenshot_caption.text(),
                                  self.screenshot.full_size)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _show_screenshot(self, step: StepRecord | None) -> None:
        self.screenshot.clear()
        self.screenshot.full_size = None
        self.screenshot.setToolTip("")
        if step is None or not step.screenshot:
            self.screenshot_caption.setText(
                "" if step is None or step.status != "failed"
                else tr("No screenshot was taken of this step."))
            return
        picture = read_screenshot(step.screenshot)
        pixmap = QtGui.QPixmap()
        if picture is None or not pixmap.loadFromData(picture, "PNG"):
            self.screenshot_caption.setText(tr(
                "The screenshot of step {number} has been removed: screens with personal data "
                "are kept for a limited time.").format(number=step.index + 1))
            return
        self.screenshot_caption.setText(tr("Screen when step {number} failed").format(
            number=step.index + 1))
        self.screenshot.full_size = pixmap
        self.screenshot.setToolTip(tr("Click to see the screen at full size"))
        self.screenshot.setPixmap(pixmap.scaledToWidth(
            min(SCREENSHOT_WIDTH, pixmap.width()),
            Qt.TransformationMode.SmoothTransformation))

    # --- export --------------------------------------------------------------------------

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        """Where to save, from a file dialog; None when the person cancels."""
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, caption, str(Path.home() / suggested), file_filter)
        return Path(chosen) if chosen else None

    def _suggested_name(self, run: RunRecord, suffix: str) -> str:
        started = datetime.datetime.fromtimestamp(run.started_at or 0).strftime("%Y-%m-%d_%H%M")
        safe_bot = "".join(c if c.isalnum() or c in "-_" else "-" for c in run.bot_name)
        return f"{safe_bot}_{started}.{suffix}"

    def _csv_clicked(self) -> None:
        self.export_csv()

    def _html_clicked(self) -> None:
        self.export_html()

    def export_csv(self, path: Path | None = None) -> bool:
        """Save the chosen run as CSV (asking where when ``path`` is None)."""
        run = self._current_run
        if run is None:
            return False
        target = path or self.ask_save_path(tr("Save the run as CSV"),
                                            self._suggested_name(run, "csv"),
                                            tr("CSV for Excel (*.csv)"))
        if target is None:
            return False
        return self._write(target, run_csv(run, self.step_model.steps, tr,
                                           self.step_model.descriptions()))

    def export_html(self, path: Path | None = None) -> bool:
        """Save the chosen run as a self-contained HTML report (asking where when None)."""
        run = self._current_run
        if run is None:
            return False
        target = path or self.ask_save_path(tr("Save the run as a report"),
                                            self._suggested_name(run, "html"),
                                            tr("Web page (*.html)"))
        if target is None:
            return False
        page = run_html(run, self.step_model.steps, tr=tr, decisions=self._decisions(run),
                        number=lambda value: format_number(round(value, 2)),
                        language=language(), descriptions=self.step_model.descriptions())
        return self._write(target, page.encode("utf-8"))

    def _write(self, target: Path, data: bytes) -> bool:
        try:
            target.write_bytes(data)
        except OSError as error:
            self.export_status.setText(tr("Could not save {path}: {reason}").format(
                path=str(target), reason=error.strerror or str(error)))
            return False
        self.export_status.setText(tr("Saved {path}").format(path=str(target)))
        return True


class HistoryWindow(QtWidgets.QWidget):
    """The history and the benefit view as two tabs of one window, which owns its store: the
    studio's one way in (View ▸ Run history and benefit)."""

    def __init__(self, store: Store, parent: QtWidgets.QWidget | None = None) -> None:
        from app.gui.benefit_view import BenefitView  # the benefit view imports this module

        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.setWindowTitle(tr("Run history and benefit"))
        self.history = HistoryView(store)
        self.benefit = BenefitView(store)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(self.history, tr("Run history"))
        self.tabs.addTab(self.benefit, tr("What the robots give back"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1200, 800)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802
        self.store.close()
        super().closeEvent(event)


def open_history_window(parent: QtWidgets.QWidget | None = None) -> HistoryWindow | None:
    """The history window on the user's own store, shown; None (after saying why in a message
    box) when the store cannot be opened."""
    try:
        store = Store.open_default()
    except StoreError as error:
        QtWidgets.QMessageBox.warning(parent, tr("Run history"), tr(
            "The run history cannot be read: {reason}").format(reason=str(error)))
        return None
    window = HistoryWindow(store, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
