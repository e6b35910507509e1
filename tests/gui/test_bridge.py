"""The one bridge from the core's threads to the GUI thread: news arrives in order, on the GUI
thread, and a worker never needs a Qt object to send it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from app.gui.bridge import ThreadBridge
from app.gui.qt import QtWidgets


def test_news_from_a_worker_thread_arrives_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    received: list[tuple[object, bool]] = []
    gui_thread = threading.current_thread()
    bridge = ThreadBridge()
    bridge.arrived.connect(
        lambda item: received.append((item, threading.current_thread() is gui_thread)))
    bridge.start()
    mailbox = bridge.mailbox

    def work() -> None:
        for number in range(100):
            mailbox.post(number)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 100, timeout=5000)
    assert received == [(number, True) for number in range(100)]
    bridge.stop()
    assert not bridge.is_active()


def test_nothing_is_delivered_after_the_bridge_stops(qtbot: QtBot) -> None:
    received: list[object] = []
    bridge = ThreadBridge(interval_ms=5)
    bridge.arrived.connect(received.append)
    bridge.start()
    bridge.stop()
    bridge.mailbox.post("late")
    QtWidgets.QApplication.processEvents()
    assert not bridge.is_active() and received == []
    bridge.deliver_now()
    assert received == ["late"]
