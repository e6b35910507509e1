"""The studio steps out of the way while a robot runs or a person records, and comes back.

Hiding (not minimising) is what takes a window off the screen with any window manager or none;
the application must then not quit when a question dialog, its last visible window, closes.
Recording and running both use this, so the two leave and return the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from app.gui.qt import QtWidgets


def studio_windows(window: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    """The studio window and its visible dialogs: what must leave the screen for the robot."""
    found = [window] if window.isVisible() else []
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible() or isinstance(widget, QtWidgets.QMenu):
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            parent = parent.parentWidget()
        if parent is window:
            found.append(widget)
    return found


class StudioAside:
    """Hides the studio's windows and shows them again, keeping the quit-on-last-window rule."""

    def __init__(self, window: Callable[[], QtWidgets.QWidget]) -> None:
        self._window = window
        self.hidden: list[QtWidgets.QWidget] = []
        self._quit_on_last_window = True

    def hide(self, keep: QtWidgets.QWidget | None = None) -> list[QtWidgets.QWidget]:
        """Hide the studio and its dialogs but ``keep``; returns what was hidden."""
        application = QtWidgets.QApplication.instance()
        if isinstance(application, QtWidgets.QApplication):
            self._quit_on_last_window = application.quitOnLastWindowClosed()
            application.setQuitOnLastWindowClosed(False)
        self.hidden = [widget for widget in studio_windows(self._window())
                       if widget is not keep]
        for widget in self.hidden:
            widget.hide()
        return self.hidden

    def come_back(self) -> None:
        """Show the studio (and the dialogs hidden with it) again, in front."""
        window = self._window()
        hidden, self.hidden = self.hidden, []
        if window not in hidden:
            hidden.insert(0, window)
        for widget in hidden:
            widget.show()
        window.raise_()
        window.activateWindow()
        application = QtWidgets.QApplication.instance()
        if isinstance(application, QtWidgets.QApplication):
            application.setQuitOnLastWindowClosed(self._quit_on_last_window)
