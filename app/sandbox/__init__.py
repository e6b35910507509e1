"""The practice system (``robotfabrik sandbox``): a fictitious municipal case system.

It imitates the kind of case-handling system for economic assistance (ekonomiskt bistånd) that
municipal robots work in: log in, search an applicant by personnummer, fill in an application
(tick the documents sent in, in a list that scrolls, and drag a priority slider), save it with
the button or Ctrl+S and read the case number off a confirmation box. Robots practise on it
without touching real personal data, and the end-to-end tests drive it with real injected input
on Xvfb, so its layout is fixed and its behaviour repeats for a given ``--seed``. Every saved
case is appended to ``--cases-file`` as one JSON line that a test or robot can check from
another process.
"""

from __future__ import annotations

import signal
import sys

from app.gui.qt import QtWidgets

from .cases import prepare_cases_file
from .config import SandboxConfig, UsageError, parse_arguments
from .window import (
    CONFIRMATION_TITLE,
    SYSTEM_NAME,
    ConfirmationDialog,
    SandboxWindow,
    Screen,
    window_title,
)

__all__ = [
    "CONFIRMATION_TITLE",
    "SYSTEM_NAME",
    "ConfirmationDialog",
    "SandboxConfig",
    "SandboxWindow",
    "Screen",
    "main",
    "run",
    "window_title",
]


def main(argv: list[str] | None = None) -> int:
    """Run the practice system until its window is closed; 2 on a bad option value."""
    arguments = sys.argv[1:] if argv is None else argv
    try:
        parsed = parse_arguments(arguments)
    except UsageError as error:
        print(f"robotfabrik sandbox: {error}", file=sys.stderr)
        return 2
    if isinstance(parsed, int):
        return parsed
    return run(parsed)


def run(parsed: SandboxConfig) -> int:
    """Show the practice system with ``parsed`` until its window is closed."""
    try:
        prepare_cases_file(parsed.cases_file)
    except OSError as error:
        print(
            f"robotfabrik sandbox: cannot write --cases-file {str(parsed.cases_file)!r}: "
            f"{error.strerror or error}",
            file=sys.stderr,
        )
        return 2

    application = QtWidgets.QApplication.instance()
    if not isinstance(application, QtWidgets.QApplication):
        # Qt reads options such as -platform from argv; ours are already parsed.
        application = QtWidgets.QApplication(["robotfabrik-sandbox"])
    application.setStyle("Fusion")
    application.setPalette(application.style().standardPalette())
    application.setApplicationName("robotfabrik-sandbox")
    # Qt swallows Ctrl+C in its event loop; a practice system started from a terminal should
    # stop on it like any other command.
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    window = SandboxWindow(parsed)
    window.show()
    window.raise_()
    window.activateWindow()
    return application.exec()
