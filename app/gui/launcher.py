"""The small always-on-top launcher the tray shows where the desktop has no tray to sit in.

Some desktops (GNOME without an extension, a bare X server, some remote sessions) have no
system tray, and an icon there would never be seen. The launcher says so, and offers the same
things the tray's menu does: the bots (recently used first), Open studio, Pause/Resume, Stop,
Start at login and Quit. It uses the tray's own actions, so both always agree.
"""

from __future__ import annotations

from pathlib import Path

from app.gui.i18n import tr
from app.gui.qt import Qt, QtGui, QtWidgets, Signal

FOLDER_ROLE = Qt.ItemDataRole.UserRole


class Launcher(QtWidgets.QWidget):
    """A bot list and the tray's actions in a small window; ``bot_chosen(folder)`` on Run."""

    bot_chosen = Signal(object)

    def __init__(self, actions: list[QtGui.QAction], parent: QtWidgets.QWidget | None = None
                 ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("trayLauncher")
        self.setWindowTitle(tr("Robotfabrik – robots"))
        self.notice = QtWidgets.QLabel(tr(
            "No system tray was found on this desktop, so the robots are here instead."))
        self.notice.setWordWrap(True)
        self.notice.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.bot_list = QtWidgets.QListWidget()
        self.bot_list.setObjectName("launcherBots")
        self.bot_list.setAccessibleName(tr("Robots"))
        self.bot_list.itemActivated.connect(self._activated)
        self.bot_list.currentItemChanged.connect(self._update_run_button)
        self.run_button = QtWidgets.QPushButton(tr("Run"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_current)
        self.status_label = QtWidgets.QLabel(tr("Ready."))
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.history_button = QtWidgets.QPushButton(tr("Show in history"))
        self.history_button.hide()

        buttons = QtWidgets.QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.run_button)
        self.action_buttons: dict[str, QtWidgets.QAbstractButton] = {}
        self._checks: dict[QtGui.QAction, QtWidgets.QCheckBox] = {}
        options = QtWidgets.QHBoxLayout()
        for action in actions:
            if action.isCheckable():
                # An on/off setting looks like one: a check box that follows its action.
                box = QtWidgets.QCheckBox(action.text())
                box.setChecked(action.isChecked())
                box.clicked.connect(lambda _checked=False, of=action: of.trigger())
                action.toggled.connect(box.setChecked)
                self._checks[action] = box
                self.action_buttons[action.objectName()] = box
                options.addWidget(box)
                continue
            button = QtWidgets.QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.action_buttons[action.objectName()] = button
            buttons.addWidget(button)
        options.addStretch(1)
        status = QtWidgets.QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.history_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.notice)
        layout.addWidget(self.bot_list, 1)
        layout.addLayout(buttons)
        layout.addLayout(options)
        layout.addLayout(status)
        self.resize(420, 380)
        self._update_run_button()

    def sync_checks(self) -> None:
        """Show each setting as its action has it (after a change was refused)."""
        for action, box in self._checks.items():
            box.setChecked(action.isChecked())

    def set_bots(self, bots: list[tuple[str, Path]], icon: QtGui.QIcon | None = None) -> None:
        """The bots by title and folder, in the order shown; the choice is kept if still there."""
        chosen = self.current_folder()
        self.bot_list.clear()
        if not bots:
            empty = QtWidgets.QListWidgetItem(tr("No robots in the library yet"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.bot_list.addItem(empty)
        for title, folder in bots:
            item = QtWidgets.QListWidgetItem(title)
            if icon is not None:
                item.setIcon(icon)
            item.setData(FOLDER_ROLE, str(folder))
            self.bot_list.addItem(item)
            if chosen is not None and folder == chosen:
                self.bot_list.setCurrentItem(item)
        if self.bot_list.currentItem() is None and bots:
            self.bot_list.setCurrentRow(0)
        self._update_run_button()

    def current_folder(self) -> Path | None:
        item = self.bot_list.currentItem()
        folder = item.data(FOLDER_ROLE) if item is not None else None
        return Path(folder) if folder else None

    def set_running(self, running: bool) -> None:
        self.bot_list.setEnabled(not running)
        self._update_run_button(running=running)

    def run_current(self) -> None:
        folder = self.current_folder()
        if folder is not None and self.run_button.isEnabled():
            self.bot_chosen.emit(folder)

    def _activated(self, item: QtWidgets.QListWidgetItem) -> None:
        self.run_current()

    def _update_run_button(self, *_args: object, running: bool | None = None) -> None:
        busy = not self.bot_list.isEnabled() if running is None else running
        self.run_button.setEnabled(not busy and self.current_folder() is not None)

    def show_status(self, text: str, can_show_run: bool = False) -> None:
        """What the robot is doing or how it ended; ``can_show_run`` offers the history."""
        self.status_label.setText(text)
        self.history_button.setVisible(can_show_run)

    def place(self) -> None:
        """Top right of the screen, where a tray usually is, clear of the fail-safe corner."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - 24, area.top() + 24)
