"""Pasting on X11: the robot owns the CLIPBOARD selection just long enough for one paste.

On X the clipboard is not a store but a conversation: the owner answers each application that
asks for the text. This module keeps its own connection and thread for that, answers UTF-8 and
Latin-1 requests, and gives the selection up once the text has been fetched, so a pasted value
(a personnummer, a password) does not stay on the caseworker's clipboard.
"""

from __future__ import annotations

import select
import threading
from typing import Any

from app.core.platform.desktop import PlatformError


class X11Clipboard:
    """Offers one text at a time on the CLIPBOARD selection of an X display."""

    def __init__(self, display_name: str | None = None) -> None:
        from Xlib import X, Xatom
        from Xlib import display as xdisplay

        try:
            self._display: Any = xdisplay.Display(display_name)
        except Exception as error:
            raise PlatformError(f"cannot open the X display for the clipboard: {error}") from None
        self._x = X
        self._string_atom = Xatom.STRING
        self._atom_atom = Xatom.ATOM
        intern = self._display.intern_atom
        self._clipboard = intern("CLIPBOARD")
        self._targets = intern("TARGETS")
        self._utf8 = intern("UTF8_STRING")
        self._text_atom = intern("TEXT")
        root = self._display.screen().root
        self._window = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self._lock = threading.Lock()
        self._text: str | None = None
        self._taken = threading.Event()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="x11-clipboard", daemon=True)
        self._thread.start()

    def offer(self, text: str) -> None:
        """Make ``text`` what the next paste inserts."""
        with self._lock:
            self._text = text
            self._taken.clear()
            self._window.set_selection_owner(self._clipboard, self._x.CurrentTime)
            self._display.flush()
            owner = self._display.get_selection_owner(self._clipboard)
        if owner != self._window:
            raise PlatformError("another program kept the clipboard; nothing was pasted")

    def wait_taken(self, timeout: float) -> bool:
        """True once an application has fetched the offered text."""
        return self._taken.wait(timeout)

    def clear(self) -> None:
        """Stop offering the text, so it is not on the clipboard any longer."""
        with self._lock:
            self._text = None
            owner = self._display.get_selection_owner(self._clipboard)
            if owner == self._window:
                from Xlib.protocol import request

                # python-xlib sets an owner only through a window; "no owner" is the request.
                request.SetSelectionOwner(display=self._display.display, window=self._x.NONE,
                                          selection=self._clipboard, time=self._x.CurrentTime)
            self._display.flush()

    def close(self) -> None:
        self.clear()
        self._closing.set()
        self._thread.join(timeout=2)
        self._display.close()

    # ------------------------------------------------------------ serving requests

    def _serve(self) -> None:
        while not self._closing.is_set():
            with self._lock:
                pending = self._display.pending_events()
            if not pending:
                readable, _, _ = select.select([self._display.fileno()], [], [], 0.1)
                if not readable:
                    continue
            with self._lock:
                while self._display.pending_events():
                    self._handle(self._display.next_event())

    def _handle(self, event: Any) -> None:
        if event.type == self._x.SelectionClear:
            self._text = None
            return
        if event.type != self._x.SelectionRequest:
            return
        prop = event.property if event.property != self._x.NONE else event.target
        answered = self._answer(event, prop)
        from Xlib.protocol import event as xevent

        reply = xevent.SelectionNotify(time=event.time, requestor=event.requestor,
                                       selection=event.selection, target=event.target,
                                       property=prop if answered else self._x.NONE)
        event.requestor.send_event(reply)
        self._display.flush()

    def _answer(self, event: Any, prop: int) -> bool:
        text = self._text
        if text is None:
            return False
        if event.target == self._targets:
            atoms = [self._targets, self._utf8, self._string_atom, self._text_atom]
            event.requestor.change_property(prop, self._atom_atom, 32, atoms)
            return True
        if event.target in (self._utf8, self._text_atom):
            event.requestor.change_property(prop, self._utf8, 8, text.encode("utf-8"))
        elif event.target == self._string_atom:
            event.requestor.change_property(prop, self._string_atom, 8,
                                            text.encode("latin-1", errors="replace"))
        else:
            return False
        self._taken.set()
        return True
