"""The RECORD key watch: every key event and keyboard mapping change on an X display, in order.

A key code that xdotool (or this package's typing) lends for one character has been given back
before a recorder gets round to asking what the key typed. So a RECORD context of its own
follows the key events together with the requests that change the mapping, in the server's
order, on a thread of its own, and decodes each event under the mapping in force at that
moment. ``X11Desktop.text_for_key`` looks the events up here.

The parsing of recorded requests and the comparison of server times are pure and unit-tested
without a display, and so is the pairing of a caller's events with the watch's.
"""

from __future__ import annotations

import collections
import itertools
import logging
import select
import struct
import sys
import threading
import time
from collections.abc import Iterable
from typing import Any

from app.core.platform.desktop import PlatformError
from app.core.platform.x11.decoding import DeadKeyComposer, KeyEventDecoder, KeyEventText
from app.core.platform.x11.keyboard import KeyboardTable, read_keyboard_table

log = logging.getLogger(__name__)

# Core requests that change the keyboard mapping, and the XKEYBOARD requests that load a new
# keymap (XkbSetMap, XkbGetKbdByName: what setxkbmap and xkbcomp send).
X_CHANGE_KEYBOARD_MAPPING = 100
X_SET_MODIFIER_MAPPING = 118
XKB_KEYMAP_REQUESTS = (9, 23)
X_TIME_MODULUS = 1 << 32


def parse_change_keyboard_mapping(
    data: bytes, swapped: bool
) -> tuple[int, list[tuple[int, ...]]] | None:
    """(first key code, keysym rows) of a recorded ChangeKeyboardMapping request, or None when
    the bytes are not one. ``swapped``: the client's byte order differs from this machine's."""
    if len(data) < 8 or data[0] != X_CHANGE_KEYBOARD_MAPPING:
        return None
    count, first, per_code = data[1], data[4], data[5]
    if len(data) < 8 + 4 * count * per_code:
        return None
    little = (sys.byteorder == "little") != swapped
    values = struct.unpack_from(f"{'<' if little else '>'}{count * per_code}I", data, 8)
    rows = [tuple(values[i * per_code:(i + 1) * per_code]) for i in range(count)]
    return first, rows


def later_time(first: int, second: int) -> bool:
    """Whether X server time ``first`` (milliseconds, wrapping after 49.7 days) is after
    ``second``."""
    return 0 < (first - second) % X_TIME_MODULUS < X_TIME_MODULUS // 2


# --- the watch ---------------------------------------------------------------------------------

# Decoded events kept for ``find``; twice this many are held before the oldest half is dropped.
KEY_HISTORY = 4096


def _record_range(**wanted: Any) -> dict[str, Any]:
    ranges: dict[str, Any] = {
        "core_requests": (0, 0), "core_replies": (0, 0), "ext_requests": (0, 0, 0, 0),
        "ext_replies": (0, 0, 0, 0), "delivered_events": (0, 0), "device_events": (0, 0),
        "errors": (0, 0), "client_started": False, "client_died": False,
    }
    ranges.update(wanted)
    return ranges


class KeyWatch:
    """Follows every key event and keyboard mapping change on the display, in server order.

    A RECORD context of its own receives the key events together with the requests that change
    the mapping (core ChangeKeyboardMapping with its keysyms, so a key code that ``xdotool`` lends
    for one character and takes back a millisecond later is decoded with the character it had;
    SetModifierMapping and XKB keymap loads make it read the mapping afresh). Each event is
    decoded at once and kept, with its server time, for ``find``.
    """

    def __init__(self, display_name: str | None, compose: dict[tuple[int, ...], str]) -> None:
        self._display_name = display_name
        self._compose = compose
        self._control: Any = None
        self._data: Any = None
        self._control_lock = threading.Lock()
        self._changed = threading.Condition()
        self._history: list[KeyEventText] = []
        self._dropped = 0
        self._cursor = 0
        # Events a caller stopped waiting for: when one arrives after all it is passed over, so
        # that the caller's next event with the same key is not answered with this one's text.
        self._abandoned: collections.Counter[tuple[int | None, int, int]] = collections.Counter()
        self._context = 0
        self._decoder: KeyEventDecoder | None = None
        self._recording = threading.Event()
        self._thread: threading.Thread | None = None
        self._xkb_major = -1
        self.start_time = 0

    def start(self) -> None:
        from Xlib import X
        from Xlib import display as xdisplay
        from Xlib.ext import record

        self._control = xdisplay.Display(self._display_name)
        self._data = xdisplay.Display(self._display_name)
        if not self._control.has_extension("RECORD"):
            self.close()
            raise PlatformError("The X server has no RECORD extension, so typed keys cannot be "
                                "followed.")
        ranges = [
            _record_range(device_events=(X.KeyPress, X.KeyRelease),
                          core_requests=(X_CHANGE_KEYBOARD_MAPPING, X_CHANGE_KEYBOARD_MAPPING)),
            _record_range(core_requests=(X_SET_MODIFIER_MAPPING, X_SET_MODIFIER_MAPPING)),
        ]
        xkb = self._control.query_extension("XKEYBOARD")
        if xkb is not None and xkb.present:
            self._xkb_major = int(xkb.major_opcode)
            ranges += [_record_range(ext_requests=(self._xkb_major, self._xkb_major, minor, minor))
                       for minor in XKB_KEYMAP_REQUESTS]
        self._context = self._control.record_create_context(0, [record.AllClients], ranges)
        self._control.sync()
        self._decoder = KeyEventDecoder(read_keyboard_table(self._control),
                                        DeadKeyComposer(self._compose))
        self._thread = threading.Thread(target=self._run, name="x11-key-watch", daemon=True)
        self._thread.start()
        if not self._recording.wait(5.0):
            self.close()
            raise PlatformError("The X server did not start recording key events.")
        self.start_time = self._server_time()

    def _run(self) -> None:
        try:
            self._data.record_enable_context(self._context, self._on_data)
        except Exception:  # the connection closed under it; nobody is left to tell
            log.debug("key watch ended", exc_info=True)
        finally:
            with self._changed:
                self._changed.notify_all()

    def _on_data(self, reply: Any) -> None:
        from Xlib.ext import record

        if reply.category == record.StartOfData:
            self._recording.set()
        elif reply.category == record.FromClient:
            self._on_request(bytes(reply.data), bool(reply.client_swapped))
            self._forget_queued_events()
        elif reply.category == record.FromServer:
            self._on_events(bytes(reply.data))

    def _on_request(self, data: bytes, swapped: bool) -> None:
        if self._decoder is None or not data:
            return
        change = parse_change_keyboard_mapping(data, swapped)
        if change is not None:
            with self._changed:
                self._decoder.change_mapping(*change)
        elif data[0] in (X_SET_MODIFIER_MAPPING, self._xkb_major):
            # The request is recorded as it starts; the server finishes it before it answers a
            # request sent after this moment, so this read sees the new mapping.
            with self._control_lock:
                table = read_keyboard_table(self._control)
            with self._changed:
                self._decoder.replace_table(table)
        with self._control_lock:
            # Every client, this one too, gets a MappingNotify per change: do not hoard them.
            while self._control.pending_events():
                self._control.next_event()

    def _forget_queued_events(self) -> None:
        # Every mapping change sends a MappingNotify to every client, this connection too; it
        # only ever reads RECORD data, so python-xlib would keep them queued for good.
        connection = self._data.display
        connection.event_queue_write_lock.acquire()
        try:
            del connection.event_queue[:]
        finally:
            connection.event_queue_write_lock.release()

    def _on_events(self, data: bytes) -> None:
        from Xlib import X
        from Xlib.protocol import rq

        parser = rq.EventField(None)
        while len(data) >= 32:
            event, data = parser.parse_binary_value(data, self._data.display, None, None)
            kind = int(event.type) & 0x7F
            if kind not in (X.KeyPress, X.KeyRelease):
                continue
            self.record_key(int(event.time), int(event.detail), int(event.state),
                            kind == X.KeyPress)

    def record_key(self, event_time: int, keycode: int, state: int, pressed: bool) -> None:
        """Decode a key event the server reported and keep it for ``find``."""
        if self._decoder is None:
            return
        with self._changed:
            entry = self._decoder.key(event_time, keycode, state, pressed)
            self._history.append(entry)
            for late in ((entry.time, entry.keycode, entry.state),
                         (None, entry.keycode, entry.state)):
                if self._abandoned[late]:
                    self._abandoned[late] -= 1
                    self._cursor = max(self._cursor, self._dropped + len(self._history))
                    break
            if len(self._history) > 2 * KEY_HISTORY:
                del self._history[:KEY_HISTORY]
                self._dropped += KEY_HISTORY
            self._changed.notify_all()

    def _server_time(self) -> int:
        """The server's clock now: the time of a property change on a window of our own."""
        from Xlib import X, Xatom

        with self._control_lock:
            display = self._control
            window = display.screen().root.create_window(
                -1, -1, 1, 1, 0, X.CopyFromParent, X.InputOnly, X.CopyFromParent,
                event_mask=X.PropertyChangeMask)
            try:
                window.change_property(display.intern_atom("_ROBOTFABRIK_CLOCK"), Xatom.STRING,
                                       8, b"")
                display.sync()
                deadline = time.monotonic() + 5.0
                while time.monotonic() < deadline:
                    if not display.pending_events():
                        select.select([display], [], [], 0.05)
                        continue
                    event = display.next_event()
                    if event.type == X.PropertyNotify and event.window.id == window.id:
                        return int(event.time)
                raise PlatformError("The X server did not tell its time.")
            finally:
                window.destroy()
                display.sync()

    def table(self) -> KeyboardTable:
        """The keyboard mapping as of the last event seen."""
        with self._changed:
            if self._decoder is None:
                raise PlatformError("The key watch is not running.")
            return self._decoder.table

    def find(self, keycode: int, state: int, event_time: int | None,
             timeout: float, pressed: bool | None = None) -> tuple[bool, str | None]:
        """(True, text) for the key event with this key code, state and (if given) server time,
        taking events in order: the first match after the last one found. (False, None) when
        the watch did not see such an event (it happened before the watch started)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                index = self._match(keycode, state, event_time, pressed)
                if index is not None:
                    self._cursor = index + 1
                    return True, self._history[index - self._dropped].text
                if event_time is not None and self._gone_by(event_time):
                    return False, None
                remaining = deadline - time.monotonic()
                if self._thread is None or not self._thread.is_alive():
                    return False, None
                if remaining <= 0:
                    log.warning("key event %s of key code %d not seen by the key watch within "
                                "%.1f s", event_time, keycode, timeout)
                    self._abandoned[(event_time, keycode, state)] += 1
                    return False, None
                self._changed.wait(remaining)

    def _match(self, keycode: int, state: int, event_time: int | None,
               pressed: bool | None = None) -> int | None:
        history = self._history
        start = min(max(self._cursor - self._dropped, 0), len(history))
        offsets: Iterable[int] = range(start, len(history))
        if event_time is not None:
            # A caller that skipped ahead and comes back still gets the event it names.
            offsets = itertools.chain(offsets, range(start))
        for offset in offsets:
            entry = history[offset]
            # A release and the next press of the same key can share a millisecond (fast
            # typing of "Ee"); the direction keeps them apart.
            if entry.keycode == keycode and entry.state == state and (
                    event_time is None or entry.time == event_time) and (
                    pressed is None or entry.pressed == pressed):
                return offset + self._dropped
        return None

    def _gone_by(self, event_time: int) -> bool:
        if later_time(self.start_time, event_time):
            return True
        return bool(self._history) and later_time(self._history[-1].time, event_time)

    def close(self) -> None:
        if self._control is not None and self._context:
            with self._control_lock:
                try:
                    self._control.record_disable_context(self._context)
                    self._control.sync()
                except Exception:  # the server may be gone already
                    log.debug("disabling the key watch failed", exc_info=True)
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            if self._thread.is_alive():
                log.warning("the key watch did not stop within 2 s")
        for display in (self._control, self._data):
            if display is None:
                continue
            try:
                if display is self._control and self._context:
                    display.record_free_context(self._context)
                display.close()
            except Exception:
                log.debug("closing a key watch connection failed", exc_info=True)
        self._control = self._data = None
        self._context = 0
