"""A tiny Qt window for end-to-end tests: one text field whose text is mirrored to a file.

Run as a separate program on the test's X display::

    python text_target_qt.py --kind line|plain --title T --geometry X,Y,W,H --out FILE

Every change of the field's text replaces FILE atomically with the text (UTF-8), so a test can
poll FILE until it holds what was typed. Once the window is on the screen and has the keyboard
focus, ``FILE.ready`` receives the window's X id. The Pause key types nothing here: each press
is counted in ``FILE.synced`` instead. Keys are handled in the order they came, so once the
count has gone up, every key sent before that press is in FILE.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class PauseCounter(QObject):
    """Counts presses of Pause into a file, and keeps Pause from the text field."""

    def __init__(self, file: Path) -> None:
        super().__init__()
        self.file = file
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Pause:
            return False
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.count += 1
            _write_atomically(self.file, str(self.count))
        return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("line", "plain"), default="line")
    parser.add_argument("--title", default="Robotfabrik test target")
    parser.add_argument("--geometry", default="200,150,480,240")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    x, y, width, height = (int(part) for part in args.geometry.split(","))

    app = QApplication([sys.argv[0]])
    pauses = PauseCounter(args.out.with_name(args.out.name + ".synced"))
    app.installEventFilter(pauses)
    window = QWidget()
    window.setWindowTitle(args.title)
    layout = QVBoxLayout(window)
    editor: QLineEdit | QPlainTextEdit
    if args.kind == "line":
        line = QLineEdit()
        line.textChanged.connect(lambda text: _write_atomically(args.out, text))
        editor = line
    else:
        plain = QPlainTextEdit()
        plain.textChanged.connect(lambda: _write_atomically(args.out, plain.toPlainText()))
        editor = plain
    layout.addWidget(editor)
    window.setGeometry(x, y, width, height)
    window.show()

    asked_for_focus = False

    def announce_when_ready() -> None:
        # Ready means on the screen and holding the keyboard: the X server has told Qt the
        # window is exposed and then that it has the input focus, so keys a test sends after
        # reading the ready file come here.
        nonlocal asked_for_focus
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            return
        if not asked_for_focus:
            window.activateWindow()
            editor.setFocus()
            asked_for_focus = True
        if not (window.isActiveWindow() and editor.hasFocus()):
            return
        poll.stop()
        _write_atomically(args.out, "")
        _write_atomically(args.out.with_name(args.out.name + ".ready"), str(int(window.winId())))

    poll = QTimer(interval=20)
    poll.timeout.connect(announce_when_ready)
    poll.start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
