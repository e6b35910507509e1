"""The Qt binding keeps Python's bookkeeping intact over a long studio session.

PySide6 6.12.0 dropped a reference to ``None`` on every call of a Qt method that returns
nothing; on Python 3.11, where ``None`` is counted like any object, the process aborted
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
    from app.gui.qt import QtWidgets
    application = QtWidgets.QApplication([])
    label = QtWidgets.QLabel()
    before = sys.getrefcount(None)
    for number in range({CALLS}):
        label.setText("steg")
        label.setEnabled(number % 2 == 0)
    print(before - sys.getrefcount(None))
""")


def test_a_long_session_of_qt_calls_does_not_wear_out_none() -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                           env=environment, timeout=120, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    # A few references may come and go with Qt's own objects; one per call is the fault.
    assert int(child.stdout.strip()) < CALLS // 100
