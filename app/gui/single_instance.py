"""One tray per person and data folder: a second start shows the first instead of running twice.

Two trays would each offer the same bots, each purge, and each listen for the same stop and
pause hotkeys, so one key press would reach both. A caseworker who cannot find the icon starts
Robotfabrik again; that second start asks the running one to show itself and ends.

A lock file in the data folder says whether one runs (Qt's ``QLockFile`` sees through one left
by a program that crashed); a local socket beside it carries the "show yourself".
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from app.gui.qt import QtCore, QtNetwork

log = logging.getLogger(__name__)

CONNECT_MS = 2000
SHOW = b"show\n"


class SingleInstance(QtCore.QObject):
    """The one running program named ``name`` for the data folder ``folder``."""

    asked_to_show = QtCore.Signal()

    def __init__(self, name: str, folder: Path, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = QtCore.QLockFile(str(folder / f"{name}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its program is gone, never by age
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
        self.server_name = f"robotfabrik-{name}-{digest}"
        self._server: QtNetwork.QLocalServer | None = None
        self._callers: list[QtNetwork.QLocalSocket] = []

    def claim(self) -> bool:
        """True when this is the one (it now answers later starts); False when another one
        runs, which has been asked to show itself."""
        if not self._lock.tryLock(0):
            if self._ask_to_show():
                return False
            # Locked, yet nobody answers: the lock's program is not this kind of program any
            # more, or hangs. Running beside it beats refusing to run at all.
            log.warning("another %s holds %s but does not answer; starting anyway",
                        self.server_name, self._lock.fileName())
            return True
        QtNetwork.QLocalServer.removeServer(self.server_name)  # left by one that crashed
        server = QtNetwork.QLocalServer(self)
        server.setSocketOptions(QtNetwork.QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            log.warning("later starts cannot reach this one: %s", server.errorString())
            return True
        server.newConnection.connect(self._answer)
        self._server = server
        return True

    def release(self) -> None:
        for socket in self._callers:
            socket.abort()
        self._callers.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _ask_to_show(self) -> bool:
        socket = QtNetwork.QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(SHOW)
        sent = socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return sent

    def _answer(self) -> None:
        server = self._server
        if server is None:
            return
        while (socket := server.nextPendingConnection()) is not None:
            self._callers.append(socket)
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._read)
        self._read()

    def _read(self) -> None:
        """Whatever the later starts have said; each says one line and hangs up."""
        for socket in list(self._callers):
            if socket.bytesAvailable() and bytes(socket.readAll().data()).startswith(
                    SHOW.strip()):
                self.asked_to_show.emit()
            if socket.state() == QtNetwork.QLocalSocket.LocalSocketState.UnconnectedState:
                self._callers.remove(socket)
                socket.deleteLater()
