"""Writes recovery copies of open bots with unsaved edits, a moment after the last edit.

The GUI thread only turns the bot into its JSON form (a plain dict, a few milliseconds for a
thousand steps) when the edits have paused for ``delay_ms``; a worker thread writes the files,
so a slow disk never stops the window. Writing and removing go through one queue, in order, so
a save's removal is never overtaken by an older copy.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.model import unsaved
from app.core.model.botfile import bot_json
from app.core.model.editing import BotDocument
from app.gui.qt import QtCore

log = logging.getLogger(__name__)

DELAY_MS = 2000


@dataclass(frozen=True)
class _Write:
    folder: Path
    document: dict[str, object]
    pictures: dict[str, bytes]


@dataclass(frozen=True)
class _Discard:
    folder: Path


class RecoveryWriter(QtCore.QObject):
    """Keeps a recovery copy of every open bot with unsaved edits; ``discard`` after a save."""

    def __init__(self, documents: Callable[[], list[BotDocument]], *,
                 delay_ms: int = DELAY_MS, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._documents = documents
        self._written: dict[Path, int] = {}
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.write_now)
        self._jobs: queue.Queue[_Write | _Discard | None] = queue.Queue()
        self._stopped = False
        self._thread = threading.Thread(target=self._work, name="recovery-writer", daemon=True)
        self._thread.start()

    def edited(self) -> None:
        """An edit was made: write once the edits pause."""
        self._timer.start()

    def write_now(self) -> None:
        """Queue a copy of every dirty document whose content changed since its last copy."""
        self._timer.stop()
        for document in self._documents():
            folder = document.folder
            if folder is None or document.read_only:
                continue
            if not document.dirty:
                continue
            if self._written.get(folder) == document.state:
                continue
            self._written[folder] = document.state
            self._put(_Write(folder, bot_json(document.bot), dict(document.pending_pictures)))

    def discard(self, folder: Path) -> None:
        """The bot was saved or its edits thrown away: its copy goes."""
        self._written.pop(folder, None)
        self._put(_Discard(folder))

    def _put(self, job: _Write | _Discard) -> None:
        if not self._stopped:
            self._jobs.put(job)

    def flush(self) -> None:
        """Wait until everything queued is on disk (for closing, and for tests)."""
        if not self._stopped:
            self._jobs.join()

    def stop(self) -> None:
        """Finish what is queued and end the thread; later copies are not written."""
        self._timer.stop()
        if not self._stopped:
            self._stopped = True
            self._jobs.put(None)
            self._thread.join(timeout=5.0)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if isinstance(job, _Write):
                    unsaved.write_copy(job.folder, job.document, job.pictures)
                else:
                    unsaved.discard_copy(job.folder)
            except OSError as error:
                # A copy that cannot be written must not stop the editing; the bot itself is
                # still saved by Save.
                log.warning("recovery copy for %s failed: %s", getattr(job, "folder", "?"),
                            error)
            finally:
                self._jobs.task_done()
