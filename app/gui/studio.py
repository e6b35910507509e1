"""The studio's main window: what ``robotfabrik`` opens when no subcommand is given.

On the left, the bots in the user's library and the shipped examples; on the right, the selected
bot's name, description, parameters and steps. A bot that cannot be loaded shows why (file, step,
field) in place of its steps and never takes the rest of the window with it. "Run" (F5, and Run
from here, Run this step, Run with a data file) runs the selected bot attended; how is in
``studio_run``, which the window owns. "Record" (Ctrl+R) films a routine into the selected bot
or a new one; how is in ``studio_record``. Editing (the open bots, their undo histories, every
editing action, recovery copies) is in ``studio_editor``, also owned by the window. Which bots
there are, and in what order, comes from the core's ``library``.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import app
from app.core import paths
from app.core.model import parameter_edits
from app.core.model.bot import Branch, DecisionStep, Parameter, Point, Step
from app.core.model.botfile import (
    BOT_FILE,
    BotFileError,
    one_line,
    resolve_bot_folder,
)
from app.core.model.decision_edits import move_out, move_within, take_next_into
from app.core.model.editing import (
    BotDocument,
    DirtyChanged,
    DocumentEvent,
    ParametersChanged,
    PicturesChanged,
    StepChanged,
    StepsInserted,
    StepsRemoved,
    StepsReset,
)
from app.core.model.library import BotEntry, read_entry
from app.core.results.outcome import StepResult
from app.core.retention import PURGE_INTERVAL_S, apply_retention
from app.core.settings import Settings
from app.gui import i18n, step_clipboard
from app.gui.branch_step_dialog import BranchStepDialog
from app.gui.edit_commands import DocumentCommand, PasteStepsCommand
from app.gui.i18n import LANGUAGE_NAMES, LANGUAGES, Language, tr, translatable

# GROUP_TITLES and GROUP_EMPTY stay reachable here for whoever collects the window's texts.
from app.gui.library_panel import GROUP_EMPTY, GROUP_TITLES, Change, LibraryPanel
from app.gui.parameters_panel import ParametersPanel
from app.gui.property_panel import PropertyPanel, folder_pictures
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.gui.run_controller import STOP_HOTKEY_TEXT, RunController, StepResultsModel
from app.gui.run_dialogs import ParameterForm, ProblemDialog, RunPanel
from app.gui.settings_dialog import (
    SettingsDialog,
    preferences_shortcuts,
    remember_language,
    settings_problem_text,
)
from app.gui.step_model import THUMBNAIL_SIZE, Column, StepTableModel
from app.gui.studio_editor import OpenBot, StudioEditor
from app.gui.studio_record import StudioRecord
from app.gui.studio_run import StudioRun

log = logging.getLogger(__name__)

WINDOW_TITLE = "Robotfabrik"
DEFAULT_SIZE = QtCore.QSize(1400, 860)
PROGRAM = "robotfabrik"

__all__ = ["GROUP_EMPTY", "GROUP_TITLES", "StudioWindow", "main"]

PARAMETER_TYPE_NAMES: dict[str, str] = {
    "text": translatable("Text"), "number": translatable("Number"), "date": translatable("Date"),
    "personnummer": translatable("Personal identity number"), "choice": translatable("Choice"),
    "secret": translatable("Secret"),
}
# F5 runs, as in other robot studios; reading the library again moves to Ctrl+F5.
REFRESH_KEY = "Ctrl+F5"

# ---------------------------------------------------------------- plain helpers


def where_text(error: BotFileError) -> str:
    """Where in the bot the problem is ("step 3 (id abc)", "parameter 2") in the user's language."""
    if error.step_number is not None:
        if error.step_id is not None:
            return tr("step {number} (id {id})").format(number=error.step_number,
                                                       id=one_line(error.step_id))
        return tr("step {number}").format(number=error.step_number)
    if error.parameter_number is not None:
        return tr("parameter {number}").format(number=error.parameter_number)
    return ""


def icon(name: str) -> QtGui.QIcon:
    return QtGui.QIcon(str(paths.resources_dir() / "icons" / f"{name}.svg"))


def _muted(label: QtWidgets.QLabel) -> QtWidgets.QLabel:
    # A palette role rather than a colour, so a dark system theme stays readable.
    label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
    return label


def _scaled_font(widget: QtWidgets.QWidget, factor: float, bold: bool) -> QtGui.QFont:
    font = QtGui.QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


# ---------------------------------------------------------------- parts of the window


class ErrorPanel(QtWidgets.QFrame):
    """Why a bot cannot be opened, in place of its steps: file, step, field and problem."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        # Fixed colours on purpose: the panel must read as a warning in light and dark themes.
        self.setStyleSheet(
            "#errorPanel { background: #fdecea; border: 1px solid #e6a29c; border-radius: 8px; }"
            " #errorPanel QLabel { color: #410e0b; background: transparent; }")
        self._error: BotFileError | None = None
        self._folder: Path | None = None

        self.title_label = QtWidgets.QLabel()
        self.title_label.setFont(_scaled_font(self, 1.25, bold=True))
        picture = QtWidgets.QLabel()
        picture.setPixmap(icon("warning").pixmap(32, 32))
        title_row = QtWidgets.QHBoxLayout()
        title_row.addWidget(picture)
        title_row.addWidget(self.title_label, 1)

        self.file_label = self._value_label()
        self.step_label = self._value_label()
        self.field_label = self._value_label()
        self.problem_label = self._value_label()
        self._names = [QtWidgets.QLabel() for _ in range(4)]
        for name in self._names:
            name.setFont(_scaled_font(self, 1.0, bold=True))
        self.form = QtWidgets.QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for name, value in zip(self._names, (self.file_label, self.step_label, self.field_label,
                                             self.problem_label), strict=True):
            self.form.addRow(name, value)

        self.hint_label = QtWidgets.QLabel()
        self.hint_label.setWordWrap(True)
        self.show_folder_button = QtWidgets.QPushButton()
        self.show_folder_button.clicked.connect(self._show_folder)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.hint_label, 1)
        bottom.addWidget(self.show_folder_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(14)
        layout.addLayout(title_row)
        layout.addLayout(self.form)
        layout.addLayout(bottom)
        self.retranslate()

    @staticmethod
    def _value_label() -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def show_error(self, error: BotFileError, folder: Path) -> None:
        self._error = error
        self._folder = folder
        self.retranslate()

    def text(self) -> str:
        """Everything the panel says, as plain text (for copying into a support request)."""
        lines = [self.title_label.text()]
        for row, name in enumerate(self._names):
            if self.form.isRowVisible(row):
                value = self.form.itemAt(row, QtWidgets.QFormLayout.ItemRole.FieldRole)
                widget = value.widget() if value is not None else None
                if isinstance(widget, QtWidgets.QLabel):
                    lines.append(f"{name.text()} {widget.text()}")
        return "\n".join(lines)

    def retranslate(self) -> None:
        self.title_label.setText(tr("This bot cannot be opened"))
        for name, text in zip(self._names, (tr("File"), tr("Where"), tr("Field"), tr("Problem")),
                              strict=True):
            name.setText(text + ":")
        self.hint_label.setText(tr("Correct the file, then press Refresh ({key}). "
                                   "Other bots can still be opened.").format(key=REFRESH_KEY))
        self.show_folder_button.setText(tr("Show the folder"))
        error = self._error
        where = where_text(error) if error else ""
        self.file_label.setText(str(error.path) if error else "")
        self.step_label.setText(where)
        self.field_label.setText(error.field if error and error.field else "")
        self.problem_label.setText(error.reason if error else "")
        self.form.setRowVisible(1, bool(where))
        self.form.setRowVisible(2, bool(error and error.field))

    def _show_folder(self) -> None:
        if self._folder is not None:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(self._folder)))


# ---------------------------------------------------------------- the window


class StepNumbers(QtWidgets.QHeaderView):
    """The step numbers beside the table, as wide as five digits.

    Qt's header measures up to 200 of its sections' texts for its size after every insert or
    removal; with a fixed width that is wasted, and on a 1,000-step bot it was most of an edit's
    time.
    """

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        width = self.fontMetrics().horizontalAdvance("00000") + 12
        return QtCore.QSize(width, self.defaultSectionSize())


class StudioWindow(QtWidgets.QMainWindow):
    """The studio: bot list on the left, the selected bot on the right."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(icon("robotfabrik"))
        self.resize(DEFAULT_SIZE)

        self._current: BotEntry | None = None
        self.message_box: QtWidgets.QMessageBox | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.run = StudioRun(self, parent=self)
        self.record = StudioRecord(self, parent=self)

        self.step_model = StepTableModel(parent=self)
        self.step_model.modelReset.connect(self._update_status)
        self.results_model = StepResultsModel(self)
        self.results_model.setSourceModel(self.step_model)

        self._build_actions()
        self._build_central()
        self.editor = StudioEditor(self, parent=self)
        self._build_menus()
        self._build_run_menu()
        self._build_toolbar()
        self.step_count_label = QtWidgets.QLabel()
        self.statusBar().addWidget(self.step_count_label, 1)
        self.run_status_label = QtWidgets.QLabel()
        self.run_status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.run_status_label)
        self.results_model.modelReset.connect(self._hide_results)
        self._hide_results()
        self._shown_step: tuple[object, ...] | None = None
        self._step_panel_timer = QtCore.QTimer(self)
        self._step_panel_timer.setSingleShot(True)
        self._step_panel_timer.setInterval(0)
        self._step_panel_timer.timeout.connect(self._show_selected_step)
        selection = self.step_table.selectionModel()
        if selection is not None:
            selection.selectionChanged.connect(self._schedule_step_panel)
        # A step result that arrives while its step is chosen shows at once in the panel.
        self.results_model.dataChanged.connect(self._result_arrived)

        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build_actions(self) -> None:
        def action(icon_name: str | None, slot: Callable[[], object],
                   shortcut: QtGui.QKeySequence | str | None = None) -> QtGui.QAction:
            made = QtGui.QAction(self)
            if icon_name:
                made.setIcon(icon(icon_name))
            if shortcut is not None:
                made.setShortcut(QtGui.QKeySequence(shortcut))
            made.triggered.connect(slot)
            return made

        standard = QtGui.QKeySequence.StandardKey
        self.open_action = action("open", self.choose_bot_folder, QtGui.QKeySequence(
            standard.Open))
        self.save_action = action("save", self.save, QtGui.QKeySequence(standard.Save))
        self.refresh_action = action("refresh", self.refresh, REFRESH_KEY)
        # Spelled out: the platform's Quit key is empty on Windows.
        self.quit_action = action(None, self.close, "Ctrl+Q")
        self.record_action = action("record", self.record.start, "Ctrl+R")
        self.run_action = action("run", self.run.start, "F5")
        self._build_run_actions(action)
        self.stop_action = action(None, self.run.stop)
        self.stop_action.setIcon(self.style().standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_MediaStop))
        self.stop_action.setEnabled(False)
        self.about_action = action(None, self.show_about)
        self.history_action = action(None, self.show_history, "Ctrl+H")
        self.settings_action = action(None, self.show_settings)
        self.settings_action.setShortcuts(preferences_shortcuts())
        self.settings_action.setMenuRole(QtGui.QAction.MenuRole.PreferencesRole)

        self.language_group = QtGui.QActionGroup(self)
        self.language_actions: dict[Language, QtGui.QAction] = {}
        for code in LANGUAGES:
            choice = QtGui.QAction(LANGUAGE_NAMES[code], self.language_group)
            choice.setCheckable(True)
            choice.triggered.connect(functools.partial(self.choose_language, code))
            self.language_actions[code] = choice

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.editor.save_as_mine_action)
        self.file_menu.addAction(self.editor.revert_action)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.editor.fill_edit_menu(self.edit_menu)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.history_action)
        self.language_menu = self.view_menu.addMenu("")
        for choice in self.language_actions.values():
            self.language_menu.addAction(choice)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("studioToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QtCore.QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.record_action)
        self.toolbar.addAction(self.run_action)
        self.toolbar.addAction(self.stop_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.save_action)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.editor.insert_action)
        insert_button = self.toolbar.widgetForAction(self.editor.insert_action)
        if isinstance(insert_button, QtWidgets.QToolButton):
            insert_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        style = self.style()
        self.editor.undo_action.setIcon(style.standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_ArrowBack))
        self.editor.redo_action.setIcon(style.standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_ArrowForward))
        self.toolbar.addAction(self.editor.undo_action)
        self.toolbar.addAction(self.editor.redo_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.editor.save_as_mine_action)

    def _build_run_actions(self, action: Callable[..., QtGui.QAction]) -> None:
        """Run from here, Run this step, Run with a data file: the run's other ways to start."""
        self.run_from_here_action = action(None, self.run.run_from_here, "Shift+F5")
        self.run_step_action = action(None, self.run.run_selected, "Ctrl+Shift+F5")
        self.run_data_action = action(None, self.run.run_with_data_file)
        self.run_menu_actions = [self.run_action, self.run_from_here_action,
                                 self.run_step_action, self.run_data_action]

    def _build_run_menu(self) -> None:
        self.run_menu = QtWidgets.QMenu(self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.run_menu)
        for made in (*self.run_menu_actions, self.stop_action):
            self.run_menu.addAction(made)
        self.run_menu.insertSeparator(self.stop_action)
        self.run_menu.addSeparator()
        self.run_menu.addAction(self.record_action)
        # The same, on the step table's context menu, where a superuser tries out one step.
        self.step_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for made in self.run_menu_actions[1:3]:
            self.step_table.addAction(made)

    def _retranslate_run_actions(self) -> None:
        self.run_menu.setTitle(tr("R&un"))
        texts = [(self.run_from_here_action, tr("Run from here"),
                  tr("Run from the selected step to the end")),
                 (self.run_step_action, tr("Run this step"), tr("Run only the selected steps")),
                 (self.run_data_action, tr("Run with a data file…"),
                  tr("Run once for every row of a CSV or Excel file"))]
        for made, text, tip in texts:
            made.setText(text)
            made.setToolTip(tip)

    def show_step_result(self, result: StepResult) -> None:
        """Show what happened at one step of the last run (``StudioRun`` calls this for a
        failed step): the step selected in the table, its result in the property panel."""
        if 0 <= result.index < self.results_model.rowCount():
            self.step_table.selectRow(result.index)
            self.step_table.scrollTo(self.results_model.index(result.index, 0))
            self.property_panel.show_result(result)

    def insert_recorded(self, index: int, steps: list[Step], pictures: dict[str, bytes],
                        parameters: Sequence[Parameter] = ()) -> None:
        """Put recorded steps into the open bot before row ``index``, as one undoable edit.

        The pictures come along (renamed where the bot already uses a name for another
        picture) and are written with the bot's next save, as are secret parameters the
        recording typed that the bot lacks.
        """
        opened = self.editor.current()
        if opened is None or not steps:
            return
        at = max(0, min(index, len(opened.document.steps)))

        def make(document: BotDocument) -> DocumentCommand:
            fitted = step_clipboard.fit_into(
                document, step_clipboard.CopiedSteps(list(steps), dict(pictures),
                                                     list(parameters)))
            command = PasteStepsCommand(document, at, fitted.steps, fitted.pictures,
                                        fitted.parameters)
            command.setText(tr("Record %n step(s)", "", len(fitted.steps)))
            return command

        if self.editor.push(make):
            self.editor.select_rows(list(range(at, at + len(steps))))
        self._render()

    def _build_central(self) -> None:
        self.library = LibraryPanel()
        self.library.set_guard(self._may_change)
        self.library.bot_chosen.connect(self._on_bot_chosen)
        self.library.bot_renamed.connect(self._on_bot_renamed)
        self.library.bot_deleted.connect(self._on_bot_deleted)
        self.bot_list = self.library.tree

        self.pages = QtWidgets.QStackedWidget()
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(self._build_details_page())

        splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.library)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, DEFAULT_SIZE.width() - 250])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

    def _build_empty_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.empty_label = _muted(QtWidgets.QLabel())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFont(_scaled_font(page, 1.15, bold=False))
        layout = QtWidgets.QVBoxLayout(page)
        layout.addWidget(self.empty_label)
        return page

    def _build_details_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.name_label = QtWidgets.QLabel()
        self.name_label.setFont(_scaled_font(page, 1.6, bold=True))
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.example_badge = self._badge("#e6f4ea", "#0d652d")
        self.unsaved_badge = self._badge("#fef7e0", "#8a4b00")
        # Its place is kept while hidden: every edit and undo shows or hides it, and a
        # relayout of the page each time would repaint the whole window.
        kept = self.unsaved_badge.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.unsaved_badge.setSizePolicy(kept)
        self.folder_label = _muted(QtWidgets.QLabel())
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        meta_row = QtWidgets.QHBoxLayout()
        meta_row.setSpacing(8)
        meta_row.addWidget(self.example_badge)
        meta_row.addWidget(self.unsaved_badge)
        meta_row.addWidget(self.folder_label, 1)
        self.description_label = QtWidgets.QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setTextFormat(Qt.TextFormat.PlainText)
        self.description_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error_panel = ErrorPanel()
        self.bot_body = self._build_bot_body()
        self.body = QtWidgets.QStackedWidget()
        self.body.addWidget(self.bot_body)
        error_page = QtWidgets.QWidget()
        error_layout = QtWidgets.QVBoxLayout(error_page)
        error_layout.setContentsMargins(0, 8, 0, 0)
        error_layout.addWidget(self.error_panel)
        error_layout.addStretch(1)
        self.body.addWidget(error_page)

        layout = QtWidgets.QVBoxLayout(page)
        layout.setContentsMargins(20, 16, 20, 8)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addLayout(meta_row)
        layout.addWidget(self.description_label)
        layout.addSpacing(8)
        layout.addWidget(self.body, 1)
        return page

    def _build_bot_body(self) -> QtWidgets.QWidget:
        body = QtWidgets.QWidget()
        self.parameters_title = QtWidgets.QLabel()
        self.parameters_title.setFont(_scaled_font(body, 1.1, bold=True))
        self.parameters_panel = ParametersPanel()
        self.parameters_panel.setMaximumHeight(240)
        self.parameters_panel.parameter_added.connect(self._add_parameter)
        self.parameters_panel.parameter_changed.connect(self._change_parameter)
        self.parameters_panel.parameter_removal_requested.connect(self._remove_parameter)

        self.steps_title = QtWidgets.QLabel()
        self.steps_title.setFont(_scaled_font(body, 1.1, bold=True))
        self.step_table = QtWidgets.QTableView()
        self.step_table.setModel(self.results_model)
        self.step_table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.step_table.setSelectionMode(
            QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        # Rows are dragged to another place; the model turns a drop into one undoable move.
        self.step_table.setDragEnabled(True)
        self.step_table.setAcceptDrops(True)
        self.step_table.setDropIndicatorShown(True)
        self.step_table.setDragDropOverwriteMode(False)
        self.step_table.setDragDropMode(QtWidgets.QAbstractItemView.DragDropMode.InternalMove)
        self.step_table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.step_table.setAlternatingRowColors(True)
        self.step_table.setWordWrap(False)
        self.step_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.step_table.setShowGrid(False)
        self.step_table.setIconSize(THUMBNAIL_SIZE)
        # The vertical header numbers the steps (1, 2, 3 …) and follows every edit.
        numbers = StepNumbers(self.step_table)
        self.step_table.setVerticalHeader(numbers)
        numbers.setDefaultSectionSize(THUMBNAIL_SIZE.height() + 8)
        numbers.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        header = self.step_table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = {Column.ENABLED: 52, Column.KIND: 130,
                  Column.DESCRIPTION: 320, Column.VALUE: 170,
                  Column.PICTURE: THUMBNAIL_SIZE.width() + 12, Column.THINK_TIME: 76}
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.resizeSection(len(Column), 200)
        header.setStretchLastSection(True)

        self.property_panel = PropertyPanel()
        self.property_panel.step_edited.connect(self._edit_step)
        self.property_panel.picture_picked.connect(self._new_picture)
        self.property_panel.make_parameter_requested.connect(self._make_parameter)
        # A decision step's question and branches, in its properties.
        self.decision_panel = self.property_panel.decision_panel
        self.decision_panel.title_edited.connect(
            lambda step_id, title: self._edit_step(step_id, {"title": title}))
        self.decision_panel.branch_edit_requested.connect(self._edit_branch)
        self.decision_panel.shown_edited.connect(
            lambda step_id, names: self._edit_step(step_id, {"show": list(names)}))
        self.decision_panel.branch_step_opened.connect(self.open_branch_step)
        self.branch_step_dialog: BranchStepDialog | None = None
        properties = QtWidgets.QScrollArea()
        properties.setWidget(self.property_panel)
        properties.setWidgetResizable(True)
        properties.setMinimumWidth(420)
        properties.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        properties.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)

        steps = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(steps)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        # The parameters panel carries its own heading.
        layout.addWidget(self.parameters_panel)
        layout.addSpacing(10)
        layout.addWidget(self.steps_title)
        layout.addWidget(self.step_table, 1)

        splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(steps)
        splitter.addWidget(properties)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 440])
        self.details_splitter = splitter
        outer = QtWidgets.QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        return body

    @staticmethod
    def _badge(background: str, foreground: str) -> QtWidgets.QLabel:
        badge = QtWidgets.QLabel()
        badge.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground};"
                            " border-radius: 4px; padding: 1px 8px; }")
        return badge

    # ------------------------------------------------------------ the list of bots

    def refresh(self) -> None:
        """Read the library, the examples and the selected bot again from disk.

        A bot with unsaved edits or an undo history stays as it is in memory; Revert reads it
        again.
        """
        keep = self._current.folder if self._current is not None else None
        self.editor.forget_unchanged()
        self.library.refresh()
        for folder in self.library.entries():
            self.library.set_dirty(folder, self.editor.is_dirty(folder))
        self._current = None
        if keep is not None and self.library.entry(keep) is not None:
            self.select_bot(keep)
        else:
            self._show_entry(None)

    def select_bot(self, folder: Path | str) -> bool:
        """Show the bot in ``folder`` if it is in the list; False if it is not."""
        known = self.library.known_folder(Path(folder))
        if known is None:
            return False
        if self._current is not None and self._current.folder == known:
            return True
        if self.library.current_folder() == known:
            self._show_entry(self.library.entry(known))
            return True
        return self.library.select(known) and self._current is not None \
            and self._current.folder == known

    def open_bot_folder(self, folder: Path | str) -> bool:
        """Show a bot folder from anywhere, adding it under 'Other folders' if it is new."""
        folder = Path(folder).expanduser().resolve()
        if folder.name == BOT_FILE:
            folder = folder.parent
        if not (folder / BOT_FILE).is_file():
            self.show_message(QtWidgets.QMessageBox.Icon.Warning, tr("Not a bot folder"),
                              tr("There is no bot in {path}: a bot folder holds a file "
                                 "named bot.json.").format(path=folder))
            return False
        if self.library.known_folder(folder) is None:
            self.library.add_other_folder(folder)
        return self.select_bot(folder)

    def choose_bot_folder(self) -> None:
        start = str(self._current.folder.parent if self._current else paths.library_dir())
        chosen = QtWidgets.QFileDialog.getExistingDirectory(self, tr("Open bot folder"), start)
        if chosen:
            self.open_bot_folder(chosen)

    def current_entry(self) -> BotEntry | None:
        return self._current

    def _on_bot_chosen(self, folder: Path | None) -> None:
        entry = self.library.entry(folder) if folder is not None else None
        if folder is not None and self._current is not None and self._current.folder == folder:
            return
        # Another bot's edits stay with it, unsaved and undoable, while this one is shown.
        self._show_entry(entry)

    def _may_change(self, folder: Path, change: Change) -> bool:
        """The library asks before it renames or deletes a bot with unsaved edits; leaving one
        is always fine, its edits stay with it."""
        if change == "leave":
            return True
        opened = self.editor.opened(folder)
        if opened is None or not opened.document.dirty:
            return True
        answer = self.ask_about_unsaved_changes(opened.document.bot.name)
        if answer == "save":
            return self._save(opened)
        if answer == "discard":
            self.editor.discard_edits(opened)
            return True
        return False

    def _on_bot_renamed(self, folder: Path, name: str) -> None:
        # The name is written in bot.json already; the open copy must carry it too, or the
        # next save writes the old name back.
        opened = self.editor.opened(folder)
        if opened is not None:
            opened.document.bot.name = name
            opened.document.mark_saved()
        if self._current is not None and self._current.folder == folder:
            self._show_entry(self.library.entry(folder))

    def _on_bot_deleted(self, folder: Path) -> None:
        self.editor.forget(folder)

    # ------------------------------------------------------------ the selected bot

    def _show_entry(self, entry: BotEntry | None) -> None:
        if entry is not None:
            opened = self.editor.opened(entry.folder)
            if opened is not None and self.editor.keeps_history(entry.folder):
                entry = opened.entry
            else:
                # Read again: the file may have been fixed or changed since the list was made.
                self.editor.forget(entry.folder)
                entry = read_entry(entry.folder, entry.group)
            self.library.update_entry(entry)
            self.library.set_dirty(entry.folder, self.editor.is_dirty(entry.folder))
        self._current = entry
        self._render()
        self.editor.show(self.editor.open(entry) if entry is not None else None)
        # The panels show the open document, which exists only now.
        self._fill_parameters()
        self._show_selected_step()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def document_changed(self, folder: Path, event: DocumentEvent) -> None:
        """An open bot changed: mark it in the list, and show it when it is the current one."""
        if isinstance(event, DirtyChanged):
            self.library.set_dirty(folder, self.editor.is_dirty(folder))
        current = self._current
        if current is None or current.folder != folder or current.bot is None:
            return
        if isinstance(event, DirtyChanged):
            self._show_dirty()
        elif isinstance(event, ParametersChanged):
            self._fill_parameters()
            self._schedule_step_panel()
        elif isinstance(event, StepsInserted | StepsRemoved | StepChanged | StepsReset):
            # Not on moves: a long move is many announcements and changes no count.
            self._update_status()
            self._schedule_step_panel()
        elif isinstance(event, PicturesChanged):
            self._schedule_step_panel()

    def _show_dirty(self) -> None:
        entry = self._current
        dirty = self.is_modified()
        self.unsaved_badge.setVisible(dirty)
        self.save_action.setEnabled(entry is not None and not entry.read_only and dirty
                                    and not self.run.is_running())
        self.setWindowTitle(f"{entry.title}[*] – {WINDOW_TITLE}" if entry is not None
                            else WINDOW_TITLE)
        self.setWindowModified(dirty)
        self.editor.update_actions()

    def _render(self) -> None:
        """Fill the right-hand side from the current entry, in the current language."""
        entry = self._current
        self.run_action.setEnabled(entry is not None and entry.bot is not None
                                   and not self.run.is_running())
        for made in self.run_menu_actions[1:]:
            made.setEnabled(self.run_action.isEnabled() and bool(entry and entry.bot
                                                                 and entry.bot.steps))
        self._show_dirty()
        if entry is None:
            self.pages.setCurrentIndex(0)
            self.empty_label.setText(tr("Choose a bot in the list on the left.")
                                     if self.library.entries() else
                                     tr("You have no bots yet. To make one, press Record."))
            self._update_status()
            return
        self.pages.setCurrentIndex(1)
        self.name_label.setText(entry.title)
        self.folder_label.setText(tr("Folder: {path}").format(path=entry.folder))
        self.example_badge.setText(tr("Example – read only"))
        self.example_badge.setVisible(entry.read_only)
        self.unsaved_badge.setText(tr("Unsaved changes"))
        if entry.bot is None:
            self.description_label.hide()
            if entry.error is not None:
                self.error_panel.show_error(entry.error, entry.folder)
            self.body.setCurrentIndex(1)
        else:
            self.description_label.setText(entry.bot.description or tr("No description."))
            self.description_label.show()
            self._fill_parameters()
            self.body.setCurrentIndex(0)
        self._update_status()

    def _fill_parameters(self) -> None:
        opened = self.editor.current()
        if opened is None:
            self.parameters_panel.set_bot(None)
            return
        self.parameters_panel.set_bot(opened.document.bot, opened.document.read_only)

    # ------------------------------------------------------------ the selected step

    def selected_step_row(self) -> int | None:
        """The one step chosen in the table (the first, when several are)."""
        rows = self.editor.selected_rows()
        return rows[0] if rows else None

    def _schedule_step_panel(self) -> None:
        # An edit announces itself and moves the selection: show the step once, after both.
        self._step_panel_timer.start()

    def open_branch_step(self, step_id: str) -> None:
        """Show a step inside a decision's branch in a window of its own, to change it there."""
        dialog = self.branch_step_dialog
        if dialog is None:
            # Picks a new picture on the screen the way the studio's own panel does.
            dialog = BranchStepDialog(self, grab=self.property_panel.screen_grab,
                                      hide_delay_ms=self.property_panel.hide_delay_ms)
            dialog.panel.step_edited.connect(self._edit_step)
            dialog.panel.picture_picked.connect(self._new_picture)
            dialog.panel.make_parameter_requested.connect(self._make_parameter)
            self.branch_step_dialog = dialog
        dialog.step_id = step_id
        if self._show_branch_step():
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()

    def _show_branch_step(self) -> bool:
        """Fill the branch step's window again after an edit; close it once the step is no
        longer in a branch of the open bot (taken out, undone, another bot opened)."""
        dialog = self.branch_step_dialog
        opened = self.editor.current()
        if dialog is None or dialog.step_id is None:
            return False
        document = opened.document if opened is not None else None
        inside = document.place_in_branch(dialog.step_id) if document is not None else None
        if document is None or inside is None:
            dialog.close()
            return False
        row, branch, position = inside
        dialog.show_step(document.step(dialog.step_id),
                         folder_pictures(document.folder, document.pending_pictures),
                         document.read_only or document.locked, decision_number=row + 1,
                         branch=branch, position=position, parameters=document.bot.parameters)
        return True

    def _show_selected_step(self) -> None:
        self._step_panel_timer.stop()
        if self.branch_step_dialog is not None and self.branch_step_dialog.isVisible():
            self._show_branch_step()
        opened = self.editor.current()
        row = self.selected_step_row()
        if opened is None or row is None or row >= len(opened.document.bot.steps):
            self._shown_step = None
            self.property_panel.show_step(None)
            self.decision_panel.show_step(None)
            return
        document = opened.document
        step = document.bot.steps[row]
        read_only = document.read_only or document.locked
        # Filling the panel costs milliseconds; an event that left the step as it was (a move
        # elsewhere, the selection set again) changes nothing on it.
        shown = (id(document), row, read_only, copy.deepcopy(step),
                 copy.deepcopy(document.bot.parameters), frozenset(document.pending_pictures))
        if shown == self._shown_step and self.property_panel.step() is not None:
            return
        self._shown_step = shown
        self.property_panel.show_step(
            step, folder_pictures(document.folder, document.pending_pictures), read_only,
            number=row + 1, parameters=document.bot.parameters)
        self.decision_panel.show_step(
            step if isinstance(step, DecisionStep) else None, read_only=read_only,
            has_next_step=row + 1 < len(document.bot.steps), parameters=document.bot.parameters)
        result = self.results_model.results.get(row)
        if result is not None:
            self.property_panel.show_result(result)

    def _result_arrived(self, top_left: QtCore.QModelIndex,
                        _bottom_right: QtCore.QModelIndex) -> None:
        row = self.selected_step_row()
        result = self.results_model.results.get(row) if row is not None else None
        if result is not None and top_left.row() == row:
            self.property_panel.show_result(result)

    def _edit_branch(self, operation: str, decision_id: str, branch: str, position: int) -> None:
        which: Branch = "approve" if branch == "approve" else "reject"
        row = self.selected_step_row()
        # The decision keeps its row, and stays chosen with its panel, after the edit and undo.
        keep = [row] if row is not None else []
        if operation == "take_next":
            self.editor.apply_bot_edit(
                lambda bot: take_next_into(bot, decision_id, which),
                tr("Take a step into a decision"), select=keep)
        elif operation == "out":
            self.editor.apply_bot_edit(
                lambda bot: move_out(bot, decision_id, which, position),
                tr("Take a step out of a decision"), select=keep)
        else:
            self.editor.apply_bot_edit(
                lambda bot: move_within(bot, decision_id, which, position,
                                        -1 if operation == "up" else 1),
                tr("Move a step within a decision"), select=keep)

    def _edit_step(self, step_id: str, changes: dict[str, object]) -> None:
        if not self.editor.apply_step_edit(step_id, changes):
            self._shown_step = None  # the panel shows the refused value: fill it again
            self._show_selected_step()

    def _new_picture(self, step_id: str, target_field: str, png: bytes, offset: Point) -> None:
        if not self.editor.apply_new_picture(step_id, target_field, png, offset):
            self._shown_step = None
            self._show_selected_step()

    def _make_parameter(self, step_id: str, start: int, end: int, parameter: Parameter,
                        keep_default: bool) -> None:
        self.editor.apply_bot_edit(
            lambda bot: parameter_edits.make_parameter(bot, step_id, start, end, parameter,
                                                       keep_default),
            tr("Make parameter {name}").format(name=parameter.name))

    def _add_parameter(self, parameter: Parameter) -> None:
        self.editor.apply_bot_edit(lambda bot: parameter_edits.add_parameter(bot, parameter),
                                   tr("Add parameter {name}").format(name=parameter.name))

    def _change_parameter(self, old_name: str, parameter: Parameter) -> None:
        self.editor.apply_bot_edit(
            lambda bot: parameter_edits.change_parameter(bot, old_name, parameter),
            tr("Change parameter {name}").format(name=old_name))

    def _remove_parameter(self, name: str) -> None:
        self.editor.apply_bot_edit(lambda bot: parameter_edits.remove_parameter(bot, name),
                                   tr("Remove parameter {name}").format(name=name))

    def _update_status(self) -> None:
        entry = self._current
        if entry is None:
            self.step_count_label.setText(tr("No bot selected"))
        elif entry.bot is None:
            self.step_count_label.setText(tr("Cannot be opened"))
        else:
            steps = entry.bot.steps
            text = tr("%n step(s)", "", len(steps))
            off = sum(1 for step in steps if not step.enabled)
            if off:
                text += " · " + tr("%n switched off", "", off)
            self.step_count_label.setText(text)

    def is_modified(self) -> bool:
        """Whether the shown bot has unsaved edits."""
        opened = self.editor.current()
        return opened is not None and opened.document.dirty

    def save(self) -> bool:
        """Write the selected bot's changes to its folder; False (and a message) if that fails."""
        opened = self.editor.current()
        if opened is None or opened.document.read_only:
            return False
        return self._save(opened)

    def _save(self, opened: OpenBot) -> bool:
        problem = self.editor.save(opened)
        if problem is not None:
            self.show_message(QtWidgets.QMessageBox.Icon.Critical,
                              tr("The bot could not be saved"),
                              f"{problem}\n\n" + tr("Nothing was changed on disk."))
            return False
        self.statusBar().showMessage(tr("Saved"), 4000)
        return True

    def _may_close(self) -> bool:
        """Whether the studio may close; asks first when bots have unsaved changes."""
        dirty = self.editor.dirty_bots()
        if not dirty:
            return True
        answer = self.ask_about_unsaved_changes(", ".join(
            opened.document.bot.name for opened in dirty))
        if answer == "save":
            return all(self._save(opened) for opened in dirty)
        if answer == "discard":
            for opened in dirty:
                self.editor.discard_edits(opened)
            return True
        return False

    def ask_about_unsaved_changes(self, name: str) -> Literal["save", "discard", "cancel"]:
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question, WINDOW_TITLE,
            tr("Save changes to “{name}”?").format(name=name),
            buttons.Save | buttons.Discard | buttons.Cancel, self)
        box.setInformativeText(tr("Your changes are lost if you do not save them."))
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        if answer == buttons.Save:
            return "save"
        if answer == buttons.Discard:
            return "discard"
        return "cancel"

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802
        if not self._may_close():
            event.ignore()
            return
        # Closing the studio stops its robot; it must not go on clicking unwatched.
        self.run.stop_and_wait(timeout_s=5.0)
        self.editor.shut_down()
        event.accept()

    # ------------------------------------------------------------ running

    # A run's parts belong to ``self.run``; they are reachable here too, as the window's, for
    # whoever drives the window (the tests give it a fake way to make runs).

    @property
    def controller_factory(self) -> Callable[..., RunController]:
        return self.run.controller_factory

    @controller_factory.setter
    def controller_factory(self, factory: Callable[..., RunController]) -> None:
        self.run.controller_factory = factory

    @property
    def controller(self) -> RunController | None:
        return self.run.controller

    @property
    def parameter_form(self) -> ParameterForm | None:
        return self.run.parameter_form

    @property
    def problem_dialog(self) -> ProblemDialog | None:
        return self.run.problem_dialog

    @property
    def run_panel(self) -> RunPanel | None:
        return self.run.panel

    @property
    def learned_question(self) -> QtWidgets.QMessageBox | None:
        return self.run.learned_question

    def show_running(self, running: bool) -> None:
        """While a bot runs only Stop may be used: no other bot, no reading it again from disk."""
        self.stop_action.setEnabled(running)
        self.editor.set_locked(running)
        self.library.set_busy(running)
        for action in (self.open_action, self.refresh_action, self.record_action):
            action.setEnabled(not running)
        self._render()
        self._show_selected_step()

    def _hide_results(self) -> None:
        self.step_table.setColumnHidden(self.results_model.result_column(), True)

    def keep_new_pictures(self, pictures: dict[str, bytes]) -> None:
        """Keep pictures the robot learned, which the current bot's steps now name.

        Saved at once, unless the bot has other unsaved changes: saving now would save those
        too, which the person has not decided on.
        """
        opened = self.editor.current()
        if opened is None:
            return
        had_edits = opened.document.dirty
        opened.document.changed_outside(pictures)
        if had_edits:
            self.statusBar().showMessage(
                tr("The new pictures are saved when you save the robot."), 8000)
            return
        if self.save():
            self.statusBar().showMessage(
                tr("Saved %n new picture(s) in the robot.", "", len(pictures)), 8000)

    # ------------------------------------------------------------ dialogs

    def show_history(self) -> None:
        from app.gui.history_view import open_history_window

        self.history_window = open_history_window(self)

    def show_about(self) -> None:
        version = tr("Version {version}").format(version=app.__version__)
        summary = tr("A studio for attended software robots: record a routine once, check it "
                     "as a list of steps with pictures, and let the robot do it while you "
                     "watch.")
        text = f"<h3>Robotfabrik</h3><p>{version}</p><p>{summary}</p>"
        self.show_message(QtWidgets.QMessageBox.Icon.NoIcon, tr("About Robotfabrik"), text,
                          picture=icon("robotfabrik").pixmap(64, 64))

    def show_message(self, kind: QtWidgets.QMessageBox.Icon, title: str, text: str,
                     picture: QtGui.QPixmap | None = None) -> None:
        # Opened, not exec'd: the window keeps working and tests can look at the message.
        if self.message_box is not None:
            self.message_box.deleteLater()
        box = QtWidgets.QMessageBox(kind, title, text, QtWidgets.QMessageBox.StandardButton.Ok,
                                    self)
        if picture is not None:
            box.setIconPixmap(picture)
        self.message_box = box
        box.open()

    # ------------------------------------------------------------ language

    def choose_language(self, code: Language) -> None:
        """The person's choice in the Language menu: kept in the settings, shown at once."""
        remember_language(code)
        self.set_language(code)

    def set_language(self, code: Language) -> None:
        """Switch every text in the window to ``code`` at once, without reopening anything."""
        i18n.set_language(code)
        self.retranslate()

    def show_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        self.settings_dialog = SettingsDialog(self)
        self.settings_dialog.saved.connect(self._settings_saved)
        self.settings_dialog.open()

    def _settings_saved(self, old: Settings, new: Settings) -> None:
        self.set_language(i18n.default_language())
        if new.library_folder != old.library_folder:
            self.refresh()

    def retranslate(self) -> None:
        self.file_menu.setTitle(tr("&File"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.view_menu.setTitle(tr("&View"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self._retranslate_run_actions()
        texts: list[tuple[QtGui.QAction, str, str]] = [
            (self.open_action, tr("&Open bot folder…"),
             tr("Open a bot folder that is not in the library")),
            (self.save_action, tr("&Save"), tr("Save the changes to the selected bot")),
            (self.refresh_action, tr("&Refresh"),
             tr("Read the bot list and the selected bot again from disk")),
            (self.settings_action, tr("S&ettings…"),
             tr("Library folder, hotkeys, how long pictures are kept, language")),
            (self.quit_action, tr("&Quit"), ""),
            (self.record_action, tr("Record"),
             tr("Record steps into the selected bot, or a new one")),
            (self.run_action, tr("Run"), tr("Run the selected bot")),
            (self.stop_action, tr("Stop"),
             tr("Stop the running bot ({hotkey})").format(hotkey=STOP_HOTKEY_TEXT)),
            (self.about_action, tr("&About Robotfabrik"), ""),
            (self.history_action, tr("Run &history and benefit…"),
             tr("What the robots did, step by step, and what they gave back")),
        ]
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip or text.replace("&", ""))
        for code, choice in self.language_actions.items():
            choice.setChecked(code == i18n.language())
        self.toolbar.setWindowTitle(tr("Tools"))
        self.library.retranslate()
        self.property_panel.retranslate()
        self.parameters_panel.retranslate()
        self.parameters_title.setText(tr("Parameters"))
        self.steps_title.setText(tr("Steps"))
        self.error_panel.retranslate()
        self.editor.retranslate()
        self.step_model.retranslate()
        self.results_model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, self.results_model.result_column(),
            self.results_model.result_column())
        self._render()


# Set by ``robotfabrik bench studio``: the studio then prints SHOWN_MARKER on its standard
# output once its window has been painted for the first time.
SHOWN_VARIABLE = "ROBOTFABRIK_REPORT_SHOWN"
SHOWN_MARKER = "robotfabrik-studio-shown"


class _FirstPaint(QtCore.QObject):
    def __init__(self, window: QtWidgets.QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QtCore.QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            # After this paint the pixels are on the screen: report on the next turn.
            QtCore.QTimer.singleShot(0, functools.partial(print, SHOWN_MARKER, flush=True))
        return False


def report_when_shown(window: QtWidgets.QWidget) -> None:
    """Print SHOWN_MARKER once ``window`` has been painted, for the start-up benchmark."""
    _FirstPaint(window)


def main(argv: list[str] | None = None) -> int:
    """Open the studio and run until it is closed.

    ``argv`` holds the arguments after the program name (default: ``sys.argv[1:]``); one
    argument, a bot's library name or folder, opens that bot at start; ``--run RUN_ID`` opens
    the run history on that run instead.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        application = existing
    else:
        application = QtWidgets.QApplication([sys.argv[0] if sys.argv else PROGRAM, *arguments])
        # Qt takes out its own options (-style, -platform …); what is left is ours.
        arguments = application.arguments()[1:]
    application.setApplicationName(WINDOW_TITLE)
    application.setStyle("Fusion")
    application.setWindowIcon(icon("robotfabrik"))
    i18n.install_qt_translations(application)

    apply_retention()  # personal data past its time goes at start-up, and daily after that
    window = StudioWindow()
    daily_purge = QtCore.QTimer(window)
    daily_purge.setInterval(PURGE_INTERVAL_S * 1000)
    daily_purge.timeout.connect(apply_retention)
    daily_purge.start()
    if os.environ.get(SHOWN_VARIABLE):
        report_when_shown(window)
    window.show()
    problem = settings_problem_text()
    if problem is not None:
        window.show_message(QtWidgets.QMessageBox.Icon.Warning, WINDOW_TITLE, problem)
    if arguments[:1] == ["--run"] and len(arguments) > 1:
        # From the tray's notification: that run, step by step, in the history.
        show_run_in_history(window, arguments[1])
    elif arguments:
        window.open_bot_folder(resolve_bot_folder(arguments[0]))
    return application.exec()


def show_run_in_history(window: StudioWindow, run_id: str) -> None:
    """Open the history window on the run ``run_id``; say so when there is no such run."""
    window.show_history()
    history = window.history_window
    if history is None:
        return
    history.raise_()
    if not history.history.show_run(run_id):
        window.show_message(QtWidgets.QMessageBox.Icon.Warning, tr("Run history"),
                            tr("There is no run {run} in the history.").format(run=run_id))
