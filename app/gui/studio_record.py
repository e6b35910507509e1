"""Recording from the studio: Record (Ctrl+R) films a routine into the open bot or a new one.

The studio steps aside (its windows hidden, and the recorder starts only once they have left
the screen), the recording toolbar appears at the top of the screen, and the recorder films in
the studio's own process. When the person presses Stop (or the stop hotkey), the recording is
turned into steps and pictures as ``robotfabrik record`` does, the studio comes back, and the
steps go into the open bot at the selected row through ``RecordHost.insert_recorded``, or, when
no bot of the person's own is open (none, a read-only example, one that cannot be opened), into
a new bot in My bots. The recorder ignores every window of this process (the toolbar and, were
it visible, the studio), so no click on them becomes a step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from app.core import paths
from app.core.hotkeys import DEFAULT_PAUSE_HOTKEY, DEFAULT_SECRET_HOTKEY, DEFAULT_STOP_HOTKEY
from app.core.model.bot import Bot, Parameter, Step, step_targets
from app.core.model.botfile import BotFileError, save_bot
from app.core.model.library import BotEntry, free_folder
from app.core.recording.build import Recording, build_bot
from app.core.retention import apply_retention
from app.core.store import Store
from app.gui.i18n import tr
from app.gui.qt import QtCore, QtWidgets
from app.gui.recording_toolbar import RecorderControls, RecordingToolbar
from app.gui.step_aside import StudioAside

log = logging.getLogger(__name__)

STOP_POLL_MS = 100
OFF_SCREEN_POLL_MS = 20
OFF_SCREEN_TIMEOUT_S = 10.0
HOTKEYS = [DEFAULT_STOP_HOTKEY, DEFAULT_PAUSE_HOTKEY, DEFAULT_SECRET_HOTKEY]


class RecordHost(Protocol):
    """What recording needs of the studio window."""

    @property
    def step_table(self) -> QtWidgets.QTableView: ...

    def window(self) -> QtWidgets.QWidget: ...

    def current_entry(self) -> BotEntry | None: ...

    def insert_recorded(self, index: int, steps: list[Step], pictures: dict[str, bytes],
                        parameters: Sequence[Parameter] = ()) -> None:
        """Put the recorded steps into the open bot before row ``index`` (one undoable edit
        in the editor), with their pictures and any secret parameter they type."""
        ...

    def show_message(self, kind: QtWidgets.QMessageBox.Icon, title: str, text: str) -> None: ...

    def refresh(self) -> None: ...

    def select_bot(self, folder: Path | str) -> bool: ...


class RecorderLike(RecorderControls, Protocol):
    """The recorder as recording from the studio uses it (``Recorder`` is one)."""

    session_id: str

    def finish(self, status: str = "finished") -> Recording: ...


RecorderFactory = Callable[[Store, str], RecorderLike]


def default_recorder(store: Store, name: str) -> RecorderLike:
    from app.core.recording.recorder import Recorder

    return Recorder(store, name)


def unique_pictures(steps: list[Step], pictures: dict[str, bytes], taken: set[str],
                    prefix: str) -> dict[str, bytes]:
    """The recording's pictures under names the bot does not use yet, the steps renamed along.

    Every recording names its pictures ``click-00005.png`` and ``window-00005.png`` from 1, so
    a second recording into the same bot would otherwise overwrite the first one's pictures.
    """
    renamed: dict[str, str] = {}
    for name in pictures:
        new = name if name not in taken else f"{prefix}-{name}"
        number = 2
        while new in taken:
            new = f"{prefix}{number}-{name}"
            number += 1
        renamed[name] = new
        taken.add(new)
    for step in steps:
        if step.thumbnail in renamed:
            step.thumbnail = renamed[step.thumbnail]
        for target in step_targets(step):
            if target.anchor in renamed:
                target.anchor = renamed[target.anchor]
    return {renamed[name]: data for name, data in pictures.items()}


def pictures_in(folder: Path) -> set[str]:
    images = folder / "images"
    try:
        return {file.name for file in images.iterdir()} if images.is_dir() else set()
    except OSError:
        return set()


class StudioRecord(QtCore.QObject):
    """The studio's recording: at most one at a time, with its toolbar."""

    finished = QtCore.Signal()

    def __init__(self, host: RecordHost, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.recorder_factory: RecorderFactory = default_recorder
        self.store_factory: Callable[[], Store] = Store.open_default
        self.recorder: RecorderLike | None = None
        self.toolbar: RecordingToolbar | None = None
        self._store: Store | None = None
        self._entry: BotEntry | None = None
        self._index = 0
        self.aside = StudioAside(host.window)
        self._poll = QtCore.QTimer(self)
        self._poll.setInterval(STOP_POLL_MS)
        self._poll.timeout.connect(self._check_stopped)
        self._waiting = QtCore.QTimer(self)
        self._waiting.setInterval(OFF_SCREEN_POLL_MS)
        self._waiting.timeout.connect(self._start_when_gone)
        self._waiting_since = 0.0

    def is_recording(self) -> bool:
        return self.recorder is not None or self._waiting.isActive()

    def start(self) -> None:
        """Step aside, show the toolbar and record, into the open bot or a new one."""
        if self.is_recording():
            return
        entry = self._host.current_entry()
        if entry is not None and (entry.bot is None or entry.read_only):
            entry = None
        self._entry = entry
        self._index = self._insert_row(entry)
        self.aside.hide()
        self._waiting_since = time.monotonic()
        self._waiting.start()

    def _insert_row(self, entry: BotEntry | None) -> int:
        """Where the steps go: at the selected row, or after the last step."""
        if entry is None or entry.bot is None:
            return 0
        table = self._host.step_table
        selection = table.selectionModel()
        rows = sorted({index.row() for index in selection.selectedRows()}) if selection else []
        return rows[0] if rows else len(entry.bot.steps)

    def _start_when_gone(self) -> None:
        # Qt learns from the window system (an unmap notice) that a window left the screen.
        showing = [widget for widget in self.aside.hidden
                   if widget.windowHandle() is not None and widget.windowHandle().isExposed()]
        if showing and time.monotonic() - self._waiting_since < OFF_SCREEN_TIMEOUT_S:
            return
        self._waiting.stop()
        try:
            self._begin()
        except Exception as error:  # no display, no input listeners: say so, change nothing
            log.warning("recording could not start: %s", error, exc_info=True)
            self._end_recorder()
            self.aside.come_back()
            self._host.show_message(QtWidgets.QMessageBox.Icon.Critical,
                                    tr("Recording could not start"), str(error))

    def _begin(self) -> None:
        self._store = self.store_factory()
        apply_retention(self._store)  # personal data is not kept past its time
        name = (self._entry.bot.name if self._entry is not None and self._entry.bot
                else tr("New recording"))
        recorder = self.recorder_factory(self._store, name)
        self.recorder = recorder
        toolbar = RecordingToolbar(recorder)
        self.toolbar = toolbar
        toolbar.show_at_top_centre()
        recorder.start()
        self._poll.start()

    def stop(self) -> None:
        """Stop recording, as the toolbar's Stop does."""
        if self.recorder is not None:
            self.recorder.request_stop()
            self._check_stopped()

    def _check_stopped(self) -> None:
        recorder = self.recorder
        if recorder is None or not recorder.wait(0):
            return
        self._poll.stop()
        steps: list[Step] = []
        pictures: dict[str, bytes] = {}
        parameters: list[Parameter] = []
        problem: str | None = None
        try:
            recording = recorder.finish()
            bot, pictures = build_bot(recorder.session_id, recording, HOTKEYS)
            steps, parameters = bot.steps, bot.parameters
        except Exception as error:
            log.warning("the recording could not be read back: %s", error, exc_info=True)
            problem = str(error) or type(error).__name__
        self._end_recorder()
        self.aside.come_back()
        if problem is not None:
            self._host.show_message(QtWidgets.QMessageBox.Icon.Critical,
                                    tr("The recording could not be kept"), problem)
        elif not steps:
            self._host.show_message(QtWidgets.QMessageBox.Icon.Information, tr("Record"),
                                    tr("Nothing was recorded: nothing was clicked or typed."))
        else:
            self._keep(steps, pictures, parameters, recorder.session_id)
        self.finished.emit()

    def _end_recorder(self) -> None:
        self.recorder = None
        if self.toolbar is not None:
            self.toolbar.close()
            self.toolbar.deleteLater()
            self.toolbar = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def _keep(self, steps: list[Step], pictures: dict[str, bytes],
              parameters: list[Parameter], session_id: str) -> None:
        entry = self._entry
        prefix = f"rec{session_id[:6]}"
        if entry is not None and entry is self._host.current_entry() and entry.bot is not None:
            taken = pictures_in(entry.folder)
            for step in entry.bot.steps:
                taken.update(target.anchor for target in step_targets(step) if target.anchor)
                if step.thumbnail:
                    taken.add(step.thumbnail)
            pictures = unique_pictures(steps, pictures, taken, prefix)
            self._host.insert_recorded(self._index, steps, pictures, parameters)
            return
        name = time.strftime(tr("New recording %Y-%m-%d %H.%M"))
        folder = free_folder(paths.library_dir(), name)
        try:
            save_bot(Bot(name=name, parameters=parameters, steps=steps), folder, pictures)
        except (BotFileError, OSError) as error:
            log.warning("saving the recording as %s failed: %s", folder, error)
            self._host.show_message(QtWidgets.QMessageBox.Icon.Critical,
                                    tr("The recording could not be saved"), str(error))
            return
        self._host.refresh()
        self._host.select_bot(folder)
