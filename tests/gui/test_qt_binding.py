"""The Qt binding keeps Python's bookkeeping intact over a long studio session.

PySide6 6.12.0 dropped a reference to ``None`` on every call of a Qt method that returns
nothing (and to ``True``/``False`` on signal emits); on Python 3.11, where these are counted
like any object, the process aborted
("deallocating None") after some thousands of calls — a few hundred clicks in the studio. The
check runs in a child process because the failure aborts the interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 50_000

CHILD = textwrap.dedent(f"""
    import sys
    from app.gui.qt import QtCore, QtGui, QtWidgets, Signal
    class Announcer(QtCore.QObject):
        said = Signal(bool)
    application = QtWidgets.QApplication([])
    label = QtWidgets.QLabel()
    announcer = Announcer()
    announcer.said.connect(label.setVisible)
    model = QtGui.QStandardItemModel()
    constants = (None, True, False)
    before = [sys.getrefcount(constant) for constant in constants]
    for number in range({CALLS}):
        label.setText("steg")
        label.setEnabled(number % 2 == 0)
        announcer.said.emit(number % 2 == 0)
        model.appendRow(QtGui.QStandardItem("steg"))
        model.removeRow(0)
    print(max(was - sys.getrefcount(constant) for was, constant in zip(before, constants)))
""")


def test_a_long_session_of_qt_calls_does_not_wear_out_none() -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                           env=environment, timeout=120, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    # A few references may come and go with Qt's own objects; one per call is the fault.
    assert int(child.stdout.strip()) < CALLS // 100
