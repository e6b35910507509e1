"""The one bridge from the core's threads to the GUI thread.

The recorder, the player and the safety stop run on plain Python threads, and the Qt face must
only be touched from the GUI thread. Signals emitted from plain Python threads, and QObjects
whose last reference was dropped on one, crashed PySide6 6.12 in the test suite, so no Qt object
crosses threads here: a worker puts its news into a ``Mailbox`` (plain Python, safe from any
thread, and harmless if it outlives the window), and a ``ThreadBridge`` on the GUI thread empties
it every few milliseconds and emits each item, in order, as its ``arrived`` signal there.

The bridge holds no reference to whoever listens: a Python reference from the bridge back to its
owner would make a cycle that the garbage collector may break on any thread, destroying a
QObject on a worker thread (a crash seen in the test suite). Qt's own connection does not.
"""

from __future__ import annotations

import queue
from typing import Generic, TypeVar

from app.gui.qt import QtCore, Signal

Item = TypeVar("Item")

# Quicker than a person notices, slow enough to cost nothing while idle.
DEFAULT_INTERVAL_MS = 25


class Mailbox(Generic[Item]):
    """Where worker threads leave news for the GUI thread; ``post`` never blocks."""

    def __init__(self) -> None:
        self._items: queue.SimpleQueue[Item] = queue.SimpleQueue()

    def post(self, item: Item) -> None:
        self._items.put(item)

    def take_all(self) -> list[Item]:
        items: list[Item] = []
        while True:
            try:
                items.append(self._items.get_nowait())
            except queue.Empty:
                return items


class ThreadBridge(QtCore.QObject):
    """Emits what workers post to ``mailbox`` as ``arrived(item)`` on the GUI thread, in order.

    Create it on the GUI thread and connect ``arrived``; give workers ``mailbox`` (never the
    bridge itself).
    """

    arrived = Signal(object)

    def __init__(self, *, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.mailbox: Mailbox[object] = Mailbox()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.deliver_now)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def deliver_now(self) -> None:
        """Hand over everything posted so far; a listener may stop the bridge midway."""
        for item in self.mailbox.take_all():
            self.arrived.emit(item)
