"""The small always-on-top toolbar a caseworker sees while a routine is being recorded.

It shows that the recorder is filming (a red dot, grey when paused), for how long (pauses not
counted) and how many steps the bot would have if the recording stopped now, and offers Pause /
Resume, the secret mode for passwords, and Stop, each with its hotkey. The recorder never turns
clicks or keys in the toolbar's own windows into steps, and the toolbar never takes the keyboard
focus, so typing goes on into the case system after a button was pressed.

``record_with_toolbar`` runs a Qt event loop with the toolbar until the recording is stopped by
the Stop button, the stop hotkey, or a signal (SIGINT/SIGTERM handlers of the caller run, because
a timer brings control back to Python several times a second).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from app.core.hotkeys import hotkey_text
from app.core.recording.coalesce import coalesce
from app.core.recording.events import ClickContext, InputEvent
from app.core.recording.recorder import RecorderState, RecorderStatus
from app.gui.bridge import ThreadBridge
from app.gui.i18n import tr
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets

WINDOW_TITLE_PREFIX = "Robotfabrik"
# The step count is a whole coalescing run; a few times a second is live enough for a person.
STATUS_POLL_MS = 40
REFRESH_MS = 250
STOP_POLL_MS = 100
# Let the button's own mouse release reach the recorder before the pause starts; a release that
# arrives paused leaves the coalescer waiting for it and costs the next real click.
PAUSE_DELAY_MS = 150
TOP_MARGIN = 4
DOT_SIZE = 12
RECORDING_COLOUR = "#d93025"
PAUSED_COLOUR = "#9e9e9e"

_STYLE_SHEET = """
QWidget#recording_toolbar { background: #fafafa; }
QFrame#toolbar_frame { border: 1px solid #8a8a8a; background: #fafafa; }
QLabel#recording_state { font-weight: bold; }
QLabel#elapsed, QLabel#step_count { color: #333333; }
QLabel#secret_notice {
    background: #fff4ce; color: #5c4400; border: 1px solid #e0b400; padding: 3px 6px;
    font-weight: bold;
}
QPushButton#secret:checked { background: #ffe08a; border: 1px solid #b38600; }
"""


class RecorderControls(Protocol):
    """What the toolbar needs of a recorder; ``app.core.recording.recorder.Recorder`` is one."""

    stop_hotkey: frozenset[str]
    pause_hotkey: frozenset[str]
    secret_hotkey: frozenset[str]

    @property
    def state(self) -> RecorderState: ...
    @property
    def secret(self) -> bool: ...
    @property
    def events(self) -> Sequence[InputEvent]: ...
    @property
    def contexts(self) -> Mapping[int, ClickContext]: ...

    def start(self) -> str: ...
    def wait(self, timeout: float | None = None) -> bool: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_secret(self, on: bool) -> None: ...
    def request_stop(self) -> None: ...
    def add_status_listener(self, listener: Callable[[RecorderStatus], None]) -> None: ...
    def ignore_windows(self, window_ids: Callable[[], set[int]]) -> None: ...


def elapsed_text(seconds: float) -> str:
    """'04:07'; from an hour on '1:04:07'."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class _WindowIds:
    """This process's window ids as the Qt thread last noted them, readable from any thread."""

    def __init__(self) -> None:
        self.ids: frozenset[int] = frozenset()

    def get(self) -> set[int]:
        return set(self.ids)


class _Dot(QtWidgets.QWidget):
    """The recording light: red while recording, grey otherwise."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QtGui.QColor(PAUSED_COLOUR)
        self.setFixedSize(DOT_SIZE + 2, DOT_SIZE + 2)

    def set_colour(self, colour: str) -> None:
        self.colour = QtGui.QColor(colour)
        self.update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(1, 1, DOT_SIZE, DOT_SIZE)
        painter.end()


class RecordingToolbar(QtWidgets.QWidget):
    """The toolbar for one recorder; ``show_at_top_centre`` shows it where it belongs."""

    def __init__(self, recorder: RecorderControls, *,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.recorder = recorder
        self.clock = clock
        self.setObjectName("recording_toolbar")
        # Showing it must not pull the keyboard away from the application being recorded.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet(_STYLE_SHEET)
        self._state: RecorderState = recorder.state
        self._secret = recorder.secret
        self._recorded_s = 0.0
        self._recording_since: float | None = clock() if self._state == "recording" else None
        self._counted_at: tuple[int, int] | None = None
        self._steps = 0
        self._own_ids = _WindowIds()
        self._drag_from: QtCore.QPoint | None = None
        self._ignored_hotkeys = [recorder.stop_hotkey, recorder.pause_hotkey,
                                 recorder.secret_hotkey]

        self._build()
        # The recorder's thread only posts its status to the one thread bridge (app.gui.bridge):
        # it never touches a Qt object, and the mailbox it holds outlives the toolbar harmlessly.
        self._statuses = ThreadBridge(interval_ms=STATUS_POLL_MS, parent=self)
        self._statuses.arrived.connect(self._status_arrived)
        recorder.add_status_listener(self._statuses.mailbox.post)
        # A plain holder, not a method of this widget: the recorder keeps it and may drop it on
        # its own thread, where a widget must never be destroyed.
        recorder.ignore_windows(self._own_ids.get)
        self._statuses.start()

        self._refresh = QtCore.QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        self._refresh.start()
        self.retranslate()
        self.refresh()

    def _status_arrived(self, status: object) -> None:
        assert isinstance(status, RecorderStatus)
        self.show_status(status)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        frame = QtWidgets.QFrame()
        frame.setObjectName("toolbar_frame")
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetFixedSize)
        outer.addWidget(frame)

        self.dot = _Dot()
        self.state_label = QtWidgets.QLabel()
        self.state_label.setObjectName("recording_state")
        self.elapsed_label = QtWidgets.QLabel()
        self.elapsed_label.setObjectName("elapsed")
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter)
        self.steps_label = QtWidgets.QLabel()
        self.steps_label.setObjectName("step_count")
        self.pause_button = self._button("pause")
        self.pause_button.clicked.connect(self._pause_clicked)
        self.secret_button = self._button("secret")
        self.secret_button.setCheckable(True)
        # clicked, not toggled: only the person's click sets the mode; the recorder's own
        # status (after the hotkey) moves the button without asking again.
        self.secret_button.clicked.connect(self.recorder.set_secret)
        self.stop_button = self._button("stop")
        self.stop_button.clicked.connect(self.recorder.request_stop)
        self.secret_notice = QtWidgets.QLabel()
        self.secret_notice.setObjectName("secret_notice")
        self.secret_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Never wider than the row above it, so the toolbar does not grow sideways.
        self.secret_notice.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                         QtWidgets.QSizePolicy.Policy.Fixed)
        self.secret_notice.hide()

        row = QtWidgets.QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.dot)
        row.addWidget(self.state_label)
        row.addSpacing(4)
        row.addWidget(self.elapsed_label)
        row.addSpacing(4)
        row.addWidget(self.steps_label)
        row.addSpacing(8)
        row.addWidget(self.pause_button)
        row.addWidget(self.secret_button)
        row.addWidget(self.stop_button)
        column = QtWidgets.QVBoxLayout(frame)
        column.setContentsMargins(8, 5, 8, 5)
        column.setSpacing(4)
        column.addLayout(row)
        column.addWidget(self.secret_notice)

    @staticmethod
    def _button(name: str) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton()
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        return button

    def retranslate(self) -> None:
        """Put every text into the current language, keeping each widget's width steady."""
        pause_key = hotkey_text(self.recorder.pause_hotkey)
        secret_key = hotkey_text(self.recorder.secret_hotkey)
        stop_key = hotkey_text(self.recorder.stop_hotkey)
        self._pause_texts = (tr("Pause ({hotkey})").format(hotkey=pause_key),
                             tr("Resume ({hotkey})").format(hotkey=pause_key))
        self._pause_tips = (
            tr("Pause the recording: what you do meanwhile does not become steps. "
               "Hotkey: {hotkey}").format(hotkey=pause_key),
            tr("Go on recording. Hotkey: {hotkey}").format(hotkey=pause_key))
        self.secret_button.setText(tr("Secret mode ({hotkey})").format(hotkey=secret_key))
        self.secret_button.setToolTip(
            tr("Secret mode, for passwords: what you type is stored nowhere, and the robot asks "
               "for it each time it runs. Hotkey: {hotkey}").format(hotkey=secret_key))
        self.stop_button.setText(tr("Stop ({hotkey})").format(hotkey=stop_key))
        self.stop_button.setToolTip(
            tr("Stop recording and save the bot. Hotkey: {hotkey}").format(hotkey=stop_key))
        self.secret_notice.setText(tr("Secret mode – what you type is not saved"))
        self.elapsed_label.setToolTip(tr("Time recorded, pauses not counted"))
        self.steps_label.setToolTip(tr("Steps the bot will have"))
        self.setToolTip(tr("Drag to move the toolbar"))
        # Widths of the longest text each widget can show: the buttons stay where the
        # person's pointer is when Pause turns into Resume or the count gains a digit.
        self._fit(self.state_label, [tr("Recording"), tr("Paused")])
        self._fit(self.elapsed_label, ["00:00", "0:00:00"])
        self._fit(self.steps_label, [tr("%n step(s)", "", 999)])
        self._fit_button(self.pause_button, self._pause_texts)
        self._show_state()

    @staticmethod
    def _fit(label: QtWidgets.QLabel, texts: Sequence[str]) -> None:
        # The style sheet's font (bold) applies only once polished.
        label.ensurePolished()
        metrics = label.fontMetrics()
        label.setMinimumWidth(max(metrics.horizontalAdvance(text) for text in texts) + 2)

    @staticmethod
    def _fit_button(button: QtWidgets.QPushButton, texts: Sequence[str]) -> None:
        button.ensurePolished()
        current = button.text()
        widths = []
        for text in texts:
            button.setText(text)
            widths.append(button.sizeHint().width())
        button.setText(current)
        button.setMinimumWidth(max(widths))

    # ------------------------------------------------------------ what is shown

    @property
    def state(self) -> RecorderState:
        return self._state

    def elapsed_s(self) -> float:
        """Seconds spent recording so far, pauses not counted."""
        running = 0.0 if self._recording_since is None else self.clock() - self._recording_since
        return self._recorded_s + running

    @property
    def step_count(self) -> int:
        return self._steps

    def show_status(self, status: RecorderStatus) -> None:
        """Take in a status the recorder sent (or a test made up)."""
        if status.state != self._state:
            now = self.clock()
            if self._recording_since is not None:
                self._recorded_s += now - self._recording_since
                self._recording_since = None
            if status.state == "recording":
                self._recording_since = now
            self._state = status.state
        self._secret = status.secret
        self._show_state()

    def _show_state(self) -> None:
        paused = self._state == "paused"
        recording = self._state == "recording"
        self.dot.set_colour(RECORDING_COLOUR if recording else PAUSED_COLOUR)
        self.state_label.setText(tr("Paused") if paused else tr("Stopped")
                                 if self._state == "stopped" else tr("Recording"))
        self.setWindowTitle(f"{WINDOW_TITLE_PREFIX} – {self.state_label.text()}")
        self.pause_button.setText(self._pause_texts[1 if paused else 0])
        self.pause_button.setToolTip(self._pause_tips[1 if paused else 0])
        live = self._state in ("recording", "paused")
        for button in (self.pause_button, self.secret_button, self.stop_button):
            button.setEnabled(live)
        self.secret_button.setChecked(self._secret)
        if self.secret_notice.isVisibleTo(self) != self._secret:
            self.secret_notice.setVisible(self._secret)
        self.elapsed_label.setText(elapsed_text(self.elapsed_s()))

    def refresh(self) -> None:
        """Update the clock and, when the recording grew, the step count; a timer calls this."""
        self.elapsed_label.setText(elapsed_text(self.elapsed_s()))
        events = list(self.recorder.events)
        contexts = dict(self.recorder.contexts)
        if self._counted_at != (len(events), len(contexts)):
            self._counted_at = (len(events), len(contexts))
            self._steps = len(coalesce(events, contexts, self._ignored_hotkeys))
        self.steps_label.setText(tr("%n step(s)", "", self._steps))
        self._remember_own_windows()

    # ------------------------------------------------------------ actions

    def _pause_clicked(self) -> None:
        if self._state == "paused":
            self.recorder.resume()
        else:
            QtCore.QTimer.singleShot(PAUSE_DELAY_MS, self.recorder.pause)

    # ------------------------------------------------------------ the recorder's view of it

    def own_window_ids(self) -> set[int]:
        """X window ids (native handles elsewhere) of this process's windows.

        The recorder asks from its own thread, where Qt must not be touched, so this returns
        what the Qt thread last noted.
        """
        return self._own_ids.get()

    def _remember_own_windows(self) -> None:
        # Tooltips are windows of their own and appear under the pointer's neighbourhood.
        # Asked of the window system's side (QWindow), not of every top-level widget: a widget
        # another part of the program is tearing down is no concern of the recorder's, and
        # touching its Python wrapper then has crashed the process.
        ids = {int(window.winId()) for window in QtGui.QGuiApplication.topLevelWindows()
               if window.isVisible()}
        ids.discard(0)
        self._own_ids.ids = frozenset(ids)

    def show_at_top_centre(self) -> None:
        """Show the toolbar at the top centre of the screen it is on, without taking focus."""
        # Sized and placed before it is shown, so it never flashes up in a corner first.
        self.ensurePolished()
        self.adjustSize()
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.move(area.x() + (area.width() - self.width()) // 2, area.y() + TOP_MARGIN)
        self.show()
        self._remember_own_windows()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._remember_own_windows()

    # ------------------------------------------------------------ moving it out of the way

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._drag_from = None
        super().mouseReleaseEvent(event)


def record_with_toolbar(recorder: RecorderControls,
                        started: Callable[[str], None] | None = None) -> None:
    """Show the toolbar, start the recorder if it is idle, and run Qt until the recording stops.

    The toolbar is up before the recorder listens, so it never appears in the middle of what
    the person is doing. ``started`` is called with the session id once the recorder listens.
    Returns when the Stop button, the stop hotkey or ``request_stop`` (from a signal handler)
    ended the recording; the recorder itself is not finished here.
    """
    application = QtWidgets.QApplication.instance()
    if not isinstance(application, QtWidgets.QApplication):
        application = QtWidgets.QApplication(["robotfabrik"])
    application.setApplicationName("robotfabrik")
    toolbar = RecordingToolbar(recorder)
    toolbar.show_at_top_centre()
    application.processEvents()
    if recorder.state == "idle":
        session_id = recorder.start()
        if started is not None:
            started(session_id)

    # The poll also hands control back to Python regularly, so signal handlers run while Qt
    # waits in C++.
    poll = QtCore.QTimer()
    poll.setInterval(STOP_POLL_MS)

    def check() -> None:
        if recorder.wait(0):
            application.quit()

    poll.timeout.connect(check)
    poll.start()
    if not recorder.wait(0):
        application.exec()
    poll.stop()
    toolbar.close()
    application.processEvents()
