"""The benefit view: what each robot gives back, for the person who has to show it.

A headline (hours saved this month), a table per bot (runs, cases done, robot time, the human
time per case and where it comes from, hours saved this week, this month and in all) and a bar
chart of robot minutes against the human minutes of the same cases, week by week, painted with
QPainter (PySide6-Essentials has no QtCharts). The figures are ``app.core.results.benefit``'s;
choosing a bot in the table shows its chart, choosing none shows every bot together.
"""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import Any

from app.core.results.benefit import (
    CHART_WEEKS,
    BotBenefit,
    Figures,
    HumanTime,
    RunSpan,
    WeekFigures,
    benefit_per_bot,
    human_times,
    minutes_set_in_bots,
    recorded_minutes,
    run_spans,
    weekly,
)
from app.core.store import Store, StoreError
from app.gui.history_view import whole_number
from app.gui.i18n import format_number, tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets

_ROOT = QtCore.QModelIndex()
AnyIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex
ROBOT_COLOUR = QtGui.QColor("#1565c0")
HUMAN_COLOUR = QtGui.QColor("#ffa000")
Clock = Callable[[], float]


def hours_text(hours: float | None) -> str:
    """Hours with one decimal (12,5 h); a dash when they cannot be known."""
    if hours is None:
        return "–"
    return f"{format_number(round(hours, 1))} h"


def minutes_text(minutes: float) -> str:
    return f"{format_number(round(minutes, 1))} min"


class BenefitColumn(IntEnum):
    BOT = 0
    RUNS = 1
    CASES = 2
    ROBOT = 3
    HUMAN_PER_CASE = 4
    SAVED_WEEK = 5
    SAVED_MONTH = 6
    SAVED_TOTAL = 7


BENEFIT_HEADERS: dict[BenefitColumn, str] = {
    BenefitColumn.BOT: translatable("Bot"),
    BenefitColumn.RUNS: translatable("Runs"),
    BenefitColumn.CASES: translatable("Cases done"),
    BenefitColumn.ROBOT: translatable("Robot time"),
    BenefitColumn.HUMAN_PER_CASE: translatable("By hand, per case"),
    BenefitColumn.SAVED_WEEK: translatable("Saved this week"),
    BenefitColumn.SAVED_MONTH: translatable("Saved this month"),
    BenefitColumn.SAVED_TOTAL: translatable("Saved in all"),
}


class BenefitTableModel(QtCore.QAbstractTableModel):
    """One row per bot with its figures."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.bots: list[BotBenefit] = []

    def set_bots(self, bots: list[BotBenefit]) -> None:
        self.beginResetModel()
        self.bots = list(bots)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.bots)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(BenefitColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(BenefitColumn)):
            return tr(BENEFIT_HEADERS[BenefitColumn(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.bots):
            return None
        bot = self.bots[index.row()]
        column = BenefitColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(bot, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != BenefitColumn.BOT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == BenefitColumn.HUMAN_PER_CASE:
            return self._human_source(bot.human)
        return None

    @staticmethod
    def _human_source(human: HumanTime | None) -> str:
        if human is None:
            return tr("Not known: the bot has no finished recording and no time set by hand.")
        if human.source == "set":
            return tr("Set by the superuser for this bot (human_minutes_per_case in bot.json).")
        return tr("How long the bot's latest recording took: a person doing one case.")

    @staticmethod
    def _text(bot: BotBenefit, column: BenefitColumn) -> str:
        if column == BenefitColumn.BOT:
            return bot.bot_name
        if column == BenefitColumn.RUNS:
            return whole_number(bot.total.runs)
        if column == BenefitColumn.CASES:
            return whole_number(bot.total.cases_done)
        if column == BenefitColumn.ROBOT:
            return hours_text(bot.total.robot_minutes / 60)
        if column == BenefitColumn.HUMAN_PER_CASE:
            if bot.human is None:
                return tr("not known")
            return minutes_text(bot.human.minutes)
        period = {BenefitColumn.SAVED_WEEK: bot.this_week,
                  BenefitColumn.SAVED_MONTH: bot.this_month,
                  BenefitColumn.SAVED_TOTAL: bot.total}[column]
        return hours_text(period.saved_hours)


class WeekChart(QtWidgets.QWidget):
    """Bars of robot minutes beside the human minutes of the same cases, one pair per week."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: list[WeekFigures] = []
        self.setMinimumSize(480, 240)

    def set_weeks(self, weeks: list[WeekFigures]) -> None:
        self.weeks = list(weeks)
        self.update()

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        return QtCore.QSize(720, 280)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        try:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QtGui.QPainter) -> None:
        palette = self.palette()
        text_colour = palette.color(QtGui.QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = self.rect().adjusted(8, 8, -8, -8)
        # Legend on top, week labels at the bottom, the scale's labels on the left.
        legend_bottom = area.top() + line
        x = area.left()
        for colour, label in ((ROBOT_COLOUR, tr("Robot minutes")),
                              (HUMAN_COLOUR, tr("Minutes the same cases take by hand"))):
            painter.fillRect(QtCore.QRect(x, area.top() + 2, line - 4, line - 4), colour)
            x += line
            painter.setPen(text_colour)
            painter.drawText(x, area.top() + metrics.ascent(), label)
            x += metrics.horizontalAdvance(label) + 2 * line
        highest = nice_ceiling(max([1.0, *(max(week.figures.robot_minutes,
                                                week.figures.human_minutes or 0)
                                            for week in self.weeks)]))
        scale_width = metrics.horizontalAdvance(minutes_text(highest)) + 8
        # Room above the bars for each week's saving, below them for the week's number.
        plot = QtCore.QRect(area.left() + scale_width, legend_bottom + 2 * line,
                            area.width() - scale_width, area.height() - 4 * line)
        if plot.height() < line or plot.width() < line or not self.weeks:
            return
        grid = QtGui.QColor(text_colour)
        grid.setAlpha(60)
        for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = plot.bottom() - round(fraction * plot.height())
            painter.setPen(grid)
            painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(text_colour)
            painter.drawText(QtCore.QRect(area.left(), y - line // 2, scale_width - 6, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             minutes_text(highest * fraction))
        slot = plot.width() / len(self.weeks)
        bar = max(2.0, slot * 0.3)
        for number, week in enumerate(self.weeks):
            left = plot.left() + number * slot + (slot - 2 * bar) / 2
            tallest = 0.0
            for offset, value, colour in ((0.0, week.figures.robot_minutes, ROBOT_COLOUR),
                                          (bar, week.figures.human_minutes, HUMAN_COLOUR)):
                if not value:
                    continue
                height = value / highest * plot.height()
                tallest = max(tallest, height)
                painter.fillRect(QtCore.QRectF(left + offset, plot.bottom() - height, bar,
                                               height), colour)
            painter.setPen(text_colour)
            column = QtCore.QRectF(plot.left() + number * slot, 0, slot, line)
            painter.drawText(column.translated(0, plot.bottom() + 2),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             tr("week {number}").format(number=week.week))
            saved = week.figures.saved_hours
            if saved is not None and week.figures.runs:
                painter.drawText(column.translated(0, plot.bottom() - tallest - line - 2),
                                 int(Qt.AlignmentFlag.AlignHCenter
                                     | Qt.AlignmentFlag.AlignBottom),
                                 tr("{hours} saved").format(hours=hours_text(saved)))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``, so that
    the chart's scale reads 0, 125, 250, 375, 500 rather than 498.5."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 2.5, 5.0, 10.0) if step * power >= value)


class BenefitView(QtWidgets.QWidget):
    """The figures per bot and the weekly chart. The human minutes per case come from each
    bot's file, the recording, or ``set_by_superuser`` (bot name to minutes, which wins);
    ``clock`` gives "now" (tests fix it)."""

    def __init__(self, store: Store, *, set_by_superuser: Mapping[str, float] | None = None,
                 clock: Clock = time.time, tz: datetime.tzinfo | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.set_by_superuser = dict(set_by_superuser or {})
        self.clock = clock
        self.tz = tz
        self._spans: list[RunSpan] = []
        self._human: dict[str, HumanTime] = {}
        self.setWindowTitle(tr("What the robots give back"))

        self.headline = QtWidgets.QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.subline = QtWidgets.QLabel()
        self.subline.setWordWrap(True)
        self.refresh_button = QtWidgets.QPushButton(tr("Refresh"))
        top = QtWidgets.QHBoxLayout()
        titles = QtWidgets.QVBoxLayout()
        titles.addWidget(self.headline)
        titles.addWidget(self.subline)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.model = BenefitTableModel(self)
        self.table = QtWidgets.QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            BenefitColumn.BOT, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.chart_title = QtWidgets.QLabel()
        self.chart = WeekChart()
        self.explanation = QtWidgets.QLabel(tr(
            "A case is done when its run succeeded. Hours saved are the time the cases done "
            "take by hand, less the robot's own time (failed runs included). The time by hand "
            "is how long the bot's recording took, unless a superuser set it for the bot."))
        self.explanation.setWordWrap(True)
        self.empty_label = QtWidgets.QLabel(tr(
            "No runs yet. When a robot has run, this shows what it gave back: cases done, "
            "robot time and the hours saved."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.figures_page = QtWidgets.QWidget()
        figures_layout = QtWidgets.QVBoxLayout(self.figures_page)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(self.table)
        figures_layout.addWidget(self.chart_title)
        figures_layout.addWidget(self.chart, 3)
        figures_layout.addWidget(self.explanation)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.figures_page)
        self.stack.addWidget(self.empty_label)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._bot_chosen)
        self.reload()

    def reload(self) -> None:
        try:
            self._spans = run_spans(self.store)
            from_bots = {**minutes_set_in_bots(self.store), **self.set_by_superuser}
            self._human = human_times(recorded_minutes(self.store), from_bots)
        except StoreError as error:
            self._spans, self._human = [], {}
            self.empty_label.setText(tr("The run history cannot be read: {reason}").format(
                reason=str(error)))
            self.stack.setCurrentWidget(self.empty_label)
            return
        now = self.clock()
        bots = benefit_per_bot(self._spans, self._human, now, self.tz)
        self.model.set_bots(bots)
        self._fit_table_height(len(bots))
        if not bots:
            self.headline.setText(tr("No runs yet"))
            self.subline.setText("")
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentWidget(self.figures_page)
        self._show_headline(bots)
        self._show_chart(None)

    def _fit_table_height(self, rows: int) -> None:
        # As tall as its rows (up to a screenful of bots), so the chart gets the rest.
        shown = min(max(rows, 1), 10)
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header + shown * row + 2 * self.table.frameWidth())

    def _show_headline(self, bots: list[BotBenefit]) -> None:
        month = _sum([bot.this_month for bot in bots if bot.human is not None])
        week = _sum([bot.this_week for bot in bots if bot.human is not None])
        self.headline.setText(tr("{hours} saved this month").format(
            hours=hours_text(month.saved_hours or 0.0)))
        cases = sum(bot.this_month.cases_done for bot in bots)
        unknown = [bot.bot_name for bot in bots if bot.human is None]
        lines = [tr("{cases} cases done this month; {hours} saved this week.").format(
            cases=whole_number(cases), hours=hours_text(week.saved_hours or 0.0))]
        if unknown:
            lines.append(tr("Not counted, since their time by hand is not known: {bots}.")
                         .format(bots=", ".join(unknown)))
        self.subline.setText(" ".join(lines))

    def _bot_chosen(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        bots = self.model.bots
        self._show_chart(bots[current.row()].bot_name
                         if current.isValid() and current.row() < len(bots) else None)

    def _show_chart(self, bot_name: str | None) -> None:
        self.chart_title.setText(
            tr("Week by week, all bots") if bot_name is None
            else tr("Week by week: {bot}").format(bot=bot_name))
        self.chart.set_weeks(weekly(self._spans, self._human, self.clock(), weeks=CHART_WEEKS,
                                    tz=self.tz, bot_name=bot_name))


def _sum(periods: list[Figures]) -> Figures:
    return Figures(
        runs=sum(period.runs for period in periods),
        cases_done=sum(period.cases_done for period in periods),
        robot_minutes=sum(period.robot_minutes for period in periods),
        human_minutes=sum(period.human_minutes or 0.0 for period in periods))
