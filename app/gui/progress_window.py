"""The tray's small always-on-top progress window while its robot works.

It is the studio's run strip (``RunPanel``: the bot, the case, step n of m with the step's
description, Stop) with a Pause/Resume button beside Stop, since a caseworker who started the
robot from the tray has no studio to pause it from. Like the strip it never takes the keyboard
focus, so the robot's typing still reaches its window.
"""

from __future__ import annotations

from app.gui.i18n import tr
from app.gui.qt import Qt, QtWidgets, Signal
from app.gui.run_dialogs import RunPanel


class ProgressWindow(RunPanel):
    """Progress, Pause/Resume and Stop for the tray's run; ``pause_requested`` on Pause."""

    pause_requested = Signal()

    def __init__(self, bot_name: str, stop_hotkey: str, pause_hotkey: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(bot_name, stop_hotkey, parent)
        self._bot_name = bot_name
        self._pause_hotkey = pause_hotkey
        self.pause_button = QtWidgets.QPushButton()
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.clicked.connect(self.pause_requested)
        self.setStyleSheet(self.styleSheet()
                           + " #runPanel QPushButton#pauseButton { background: #4b5563; }"
                           " #runPanel QPushButton#pauseButton:hover { background: #374151; }")
        layout = self.layout()
        assert isinstance(layout, QtWidgets.QHBoxLayout)
        layout.insertWidget(layout.indexOf(self.stop_button), self.pause_button, 0,
                            Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(720)
        self.set_paused(False)

    def set_paused(self, paused: bool) -> None:
        """Show whether the robot is held: the button says what pressing it does."""
        text = (tr("Resume ({hotkey})") if paused else tr("Pause ({hotkey})")).format(
            hotkey=self._pause_hotkey)
        self.pause_button.setText(text)
        self._title = (tr("The robot is paused: {name}") if paused
                       else tr("The robot is running: {name}")).format(name=self._bot_name)
        self.title_label.setToolTip(self._title)
        self._show_progress()

    def paused_text(self) -> str:
        return self.pause_button.text()
