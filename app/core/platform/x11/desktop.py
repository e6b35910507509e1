"""The X11 desktop: top-level windows, typing any Unicode text, and key state, via python-xlib.

Windows are found from the root window's children, so the same code works on a bare X server
without a window manager (clients are direct children of root, focus may be PointerRoot) and
under a reparenting window manager (clients sit inside frames and carry WM_STATE).

Text is typed through the XTEST extension, because many clients (xterm among them) ignore
synthetic ``SendEvent`` key events, along the plan ``keyboard.plan_typing`` makes: each
character on the key that carries it in the current layout, with Shift and/or AltGr as a person
would, and characters the layout lacks on spare key codes lent for the duration of the call.

What a key event typed (``text_for_key``, for the recorder) is decoded by ``decoding`` as the
``key_watch`` follows the display. ``X11Desktop`` applies those pure parts to a connection.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.core.platform.desktop import Desktop, PlatformError, TypingStoppedError, WindowInfo
from app.core.platform.x11.decoding import load_compose, text_without_context
from app.core.platform.x11.key_watch import KeyWatch
from app.core.platform.x11.keyboard import (
    KEYSYM_NUM_LOCK,
    LOCK_INDEX,
    NO_SYMBOL,
    KeyboardTable,
    KeyStroke,
    MappingLedger,
    keysym_name,
    layout_for_group,
    parse_rules_names,
    plan_typing,
    read_keyboard_table,
)

log = logging.getLogger(__name__)

# Lending a key code is safe only while every client that reads the typed keys still has to
# look them up: a client reloads its keymap when it reads the MappingNotify, so one that is busy
# (a slow case system) and reads it after the mapping was put back loses those characters.
# Clients that answer _NET_WM_PING (Qt, GTK, browsers, Java) are pinged after the keys: the
# answer proves they have read everything before it. Others get a fixed pause: on Xvfb an idle
# xterm needed 2 ms and an idle Qt 6 window 5 ms (10 of 10 runs each; 0 ms lost every lent
# character), while one that stalls longer than the pause loses them. No pause is needed between
# lending and typing, because a client reads the MappingNotify before the keys behind it.
RESTORE_SETTLE_S = 0.1
PING_TIMEOUT_S = 5.0

# How long ``text_for_key`` waits for the key watch to see an event the caller already has. Both
# read the same RECORD stream, so it is normally there already, and an event that will never
# come is recognised at once by its time; the wait only covers a watch thread starved of CPU.
KEY_WAIT_S = 2.0


def _as_int(value: Any) -> int:
    return int(value)


class X11Desktop(Desktop):
    """``Desktop`` on an X11 display, opened on first use (``$DISPLAY`` unless a name is given).

    One instance may be shared between threads: every call holds a lock, because python-xlib's
    connection is not thread-safe. ``release_all`` and ``close`` do not wait for a ``type_text``
    under way in another thread to finish: they stop it between two characters.
    """

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._display: Any = None
        self._lock = threading.RLock()
        self._held: list[int] = []
        self._ledger = MappingLedger()
        self._atoms: dict[str, int] = {}
        self._ping_token = 0
        self._stop_typing = threading.Event()
        self._watch_lock = threading.Lock()
        self._watch: KeyWatch | None = None
        self._watch_failed = False
        self._watch_before_keys = False

    # -- connection -------------------------------------------------------------------------

    def _connect(self) -> Any:
        if self._display is not None:
            return self._display
        try:
            from Xlib import display as xdisplay
        except ImportError as exc:
            raise PlatformError(
                "The python-xlib package is missing; reinstall Robotfabrik."
            ) from exc
        try:
            display = xdisplay.Display(self._display_name)
        except Exception as exc:  # python-xlib raises many kinds, up to OverflowError for ":99999"
            shown = self._display_name or "$DISPLAY"
            raise PlatformError(f"Cannot connect to the X display {shown}: {exc}") from exc
        # Errors from requests without replies (XTEST, mapping changes) would otherwise be
        # printed to stderr by python-xlib; keep them in the log where support can find them.
        display.set_error_handler(self._log_x_error)
        self._display = display
        return display

    @staticmethod
    def _log_x_error(error: Any, request: Any) -> None:
        log.warning("X server reported an error: %s", error)

    def _atom(self, name: str) -> int:
        atom = self._atoms.get(name)
        if atom is None:
            atom = _as_int(self._connect().intern_atom(name))
            self._atoms[name] = atom
        return atom

    def _root(self) -> Any:
        return self._connect().screen().root

    def close(self) -> None:
        self._stop_typing.set()
        with self._watch_lock:
            watch, self._watch = self._watch, None
        if watch is not None:
            watch.close()
        with self._lock:
            self._stop_typing.clear()
            display, self._display = self._display, None
            if display is None:
                return
            try:
                self._let_go(display)
                self._restore_mapping(display)
                display.sync()
            except Exception:  # the server may already be gone; closing must still succeed
                log.debug("X display was gone while closing", exc_info=True)
            try:
                display.close()
            except Exception:
                log.debug("closing the X connection failed", exc_info=True)

    def __enter__(self) -> X11Desktop:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- windows ----------------------------------------------------------------------------

    def window_at(self, x: int, y: int) -> WindowInfo | None:
        """The client under the point; over a frame's decorations, the client in that frame
        (whose client area then does not contain the point)."""
        with self._lock, self._x_errors_as_platform_errors():
            for frame, frame_box in self._viewable_toplevels():
                fx, fy, fw, fh = frame_box
                if not (fx <= x < fx + fw and fy <= y < fy + fh):
                    continue
                info = self._client_info(frame)
                if info is not None:
                    return info
            return None

    def find_windows(self, title: str) -> list[WindowInfo]:
        with self._lock, self._x_errors_as_platform_errors():
            infos = [
                info for frame, _box in self._viewable_toplevels()
                if (info := self._client_info(frame)) is not None
            ]
        exact = [info for info in infos if info.title == title]
        partial = [info for info in infos if info.title != title and title in info.title]
        return exact + partial

    def focused_window(self) -> WindowInfo | None:
        with self._lock, self._x_errors_as_platform_errors():
            from Xlib import X

            display = self._connect()
            root = self._root()
            focus = display.get_input_focus().focus
            if focus == X.NONE:
                return None
            # Focus on root behaves like PointerRoot: keys go to the window under the pointer.
            if focus != X.PointerRoot and focus.id != root.id:
                info = self._client_info(self._toplevel_of(focus))
                if info is not None:
                    return info
                # Focus is on a window manager's own window; its idea of the active client
                # is the best answer left.
                active = self._active_window_property()
                if active is not None:
                    return self._client_info(self._toplevel_of(active))
                return None
            pointer = root.query_pointer()
            if pointer.child != X.NONE:
                info = self._client_info(pointer.child)
                if info is not None:
                    return info
            return self.window_at(int(pointer.root_x), int(pointer.root_y))

    def _active_window_property(self) -> Any | None:
        from Xlib import X

        prop = self._root().get_full_property(self._atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
        if prop is None or not prop.value or not prop.value[0]:
            return None
        return self._connect().create_resource_object("window", int(prop.value[0]))

    def _viewable_toplevels(self) -> Iterator[tuple[Any, tuple[int, int, int, int]]]:
        """Mapped children of root, topmost first, with their outer box in root coordinates."""
        from Xlib import X
        from Xlib import error as xerror

        for child in reversed(self._root().query_tree().children):
            try:
                attributes = child.get_attributes()
                if attributes.map_state != X.IsViewable or attributes.win_class != X.InputOutput:
                    continue
                geometry = child.get_geometry()
            except xerror.XError:
                continue  # it went away while we looked
            border = 2 * int(geometry.border_width)
            yield child, (
                int(geometry.x), int(geometry.y),
                int(geometry.width) + border, int(geometry.height) + border,
            )

    def _toplevel_of(self, window: Any) -> Any:
        """The child of root that contains ``window`` (a frame, or the client without a WM)."""
        from Xlib import error as xerror

        root_id = self._root().id
        current = window
        for _ in range(64):
            try:
                tree = current.query_tree()
            except xerror.XError:
                return current  # destroyed while we climbed; the caller finds no client there
            if tree.parent == 0 or root_id in (tree.parent.id, current.id):
                return current
            current = tree.parent
        return current

    def _client_of(self, toplevel: Any) -> Any | None:
        """The application window for a root child: itself, or the client inside a frame.

        Window managers mark the clients they manage with WM_STATE and put them one level
        (most) or two levels (KWin, Enlightenment) below their frame. Without a window manager
        nothing has WM_STATE and the root child is the client if it has a class or a title.
        The deep search runs last, because applications without a window manager can have
        hundreds of child windows and every look costs a round trip.
        """
        from Xlib import error as xerror

        wm_state = self._atom("WM_STATE")

        def marked(window: Any) -> bool:
            try:
                return window.get_full_property(wm_state, 0) is not None
            except xerror.XError:
                return False

        def children(window: Any) -> list[Any]:
            try:
                return list(window.query_tree().children)
            except xerror.XError:
                return []

        if marked(toplevel):
            return toplevel
        level = children(toplevel)
        for child in level:
            if marked(child):
                return child
        if self._app_class(toplevel) or self._title(toplevel):
            return toplevel
        for child in level:
            for grandchild in children(child):
                if marked(grandchild):
                    return grandchild
        return None

    def _client_info(self, toplevel: Any) -> WindowInfo | None:
        from Xlib import error as xerror

        try:
            client = self._client_of(toplevel)
            if client is None:
                return None
            title = self._title(client)
            app_class = self._app_class(client)
            if not title and not app_class:
                return None
            geometry = client.get_geometry()
            origin = self._root().translate_coords(client, 0, 0)
            pid = self._pid(client)
        except xerror.XError:
            return None
        return WindowInfo(
            id=int(client.id), title=title, app_class=app_class,
            x=int(origin.x), y=int(origin.y),
            width=int(geometry.width), height=int(geometry.height), pid=pid,
        )

    def _pid(self, window: Any) -> int | None:
        from Xlib import X

        prop = window.get_full_property(self._atom("_NET_WM_PID"), X.AnyPropertyType)
        if prop is None or not len(prop.value):
            return None
        return int(prop.value[0]) or None

    def _title(self, window: Any) -> str:
        from Xlib import X, Xatom

        prop = window.get_full_property(self._atom("_NET_WM_NAME"), X.AnyPropertyType)
        if prop is not None and prop.value:
            return _decode_text(prop.value, utf8=True)
        prop = window.get_full_property(Xatom.WM_NAME, X.AnyPropertyType)
        if prop is not None and prop.value:
            utf8 = int(prop.property_type) == self._atom("UTF8_STRING")
            return _decode_text(prop.value, utf8=utf8)
        return ""

    def _app_class(self, window: Any) -> str:
        from Xlib import X, Xatom

        prop = window.get_full_property(Xatom.WM_CLASS, X.AnyPropertyType)
        if prop is None or not prop.value:
            return ""
        raw = prop.value if isinstance(prop.value, bytes) else str(prop.value).encode("latin-1")
        parts = [part for part in raw.split(b"\0") if part]
        return parts[-1].decode("utf-8", "replace") if parts else ""

    # -- keyboard ---------------------------------------------------------------------------

    def keyboard_table(self) -> KeyboardTable:
        """The current keyboard mapping, read fresh (the user may switch layouts any time)."""
        with self._lock, self._x_errors_as_platform_errors():
            table = read_keyboard_table(self._connect())
            group = (int(self._root().query_pointer().mask) >> 13) & 0x3
            return KeyboardTable(keysyms=table.keysyms, modifiers=table.modifiers, group=group)

    def keyboard_layout(self) -> str:
        with self._lock, self._x_errors_as_platform_errors():
            from Xlib import X

            prop = self._root().get_full_property(
                self._atom("_XKB_RULES_NAMES"), X.AnyPropertyType
            )
            if prop is None or not prop.value:
                return ""
            value = prop.value if isinstance(prop.value, bytes) else bytes(prop.value)
            group = (int(self._root().query_pointer().mask) >> 13) & 0x3
            return layout_for_group(parse_rules_names(value), group)

    def pressed_keys(self) -> list[str]:
        with self._lock, self._x_errors_as_platform_errors():
            table = self.keyboard_table()
            names = []
            for code in self._keycodes_down():
                syms = table.keysyms.get(code, ())
                keysym = next((s for s in syms if s), NO_SYMBOL)
                names.append(keysym_name(keysym) if keysym else f"keycode {code}")
            return names

    def _keycodes_down(self) -> list[int]:
        bits = self._connect().query_keymap()
        return [
            index * 8 + bit
            for index, byte in enumerate(bits)
            for bit in range(8)
            if int(byte) >> bit & 1 and index * 8 + bit >= 8
        ]

    def release_all(self) -> None:
        self._stop_typing.set()
        with self._lock, self._x_errors_as_platform_errors():
            self._stop_typing.clear()
            from Xlib import X

            display = self._connect()
            self._require_xtest(display)
            self._let_go(display)
            for code in self._keycodes_down():
                display.xtest_fake_input(X.KeyRelease, code)
            mask = int(self._root().query_pointer().mask)
            for button, button_mask in ((1, X.Button1Mask), (2, X.Button2Mask),
                                        (3, X.Button3Mask)):
                if mask & button_mask:
                    display.xtest_fake_input(X.ButtonRelease, button)
            display.sync()

    def type_text(self, text: str, delay_s: float = 0.0) -> None:
        if delay_s < 0:
            raise ValueError("delay_s must not be negative")
        with self._lock, self._x_errors_as_platform_errors():
            display = self._connect()
            self._require_xtest(display)
            table = self.keyboard_table()
            batches = plan_typing(text, table)
            if not batches:
                return
            receiver = self._receiver() if any(b.remap for b in batches) else None
            shift = table.shift_keycode()
            level3 = table.level3_keycode()
            caps_toggled = False
            try:
                caps_toggled = self._clear_modifiers(display, table)
                ignored = self._ignored_modifier_bits(table)
                for batch in batches:
                    if batch.remap:
                        self._lend_codes(display, table, batch.remap)
                    read_in_time = True
                    try:
                        for stroke in batch.strokes:
                            self._check_not_stopped()
                            # A person who starts pressing Ctrl (say for the stop hotkey) would
                            # turn the next letters into shortcuts: Ctrl+A and a letter wipe a
                            # field. Wait for the hand to leave, or for the stop it leads to.
                            self._wait_for_free_modifiers(ignored)
                            self._press_stroke(display, stroke, shift, level3)
                            if delay_s:
                                display.flush()
                                time.sleep(delay_s)
                        display.sync()
                    finally:
                        if batch.remap:
                            read_in_time = self._wait_until_read(display, receiver)
                            self._restore_mapping(display)
                    if not read_in_time:
                        raise PlatformError(
                            f"The window did not respond for {PING_TIMEOUT_S:.0f} seconds while "
                            "the robot typed; characters the keyboard layout lacks may be "
                            "missing. Check what was typed."
                        )
            finally:
                self._let_go(display)
                if caps_toggled:
                    self._tap(display, table.caps_lock_keycode())
                display.sync()
                self._drain_events(display)

    # -- what keys type ----------------------------------------------------------------------

    def watch_keys(self) -> None:
        """Start following key events now, so that ``text_for_key`` decodes every later event
        under the keyboard mapping in force when it happened. Safe to call more than once."""
        self._key_watch(before_any_key=True)

    def text_for_key(self, keycode: int, state: int, event_time: int | None = None,
                     pressed: bool | None = None) -> str | None:
        """The text a key event typed: ``keycode`` and ``state`` as in the X key event, and
        ``event_time`` its server time in milliseconds.

        Returns the characters ("é" for the e after a dead ´), "" for a press that typed nothing
        yet (a dead key), None for keys without text (Tab, Return, arrows, F-keys, modifiers).

        Exact (the mapping in force at the event, dead keys composed) for events after the key
        watch started, which the first call or ``watch_keys`` does: with ``event_time``, or
        without it when ``watch_keys`` was called before the first key and every event is asked
        about in order, each once, presses and releases alike (a release answers its press's
        text; events not asked about are skipped). Otherwise the key is decoded under the
        current mapping, with a dead key typing "" and composing nothing.
        """
        watch, just_started = self._key_watch(before_any_key=False)
        # Without the event's time, the order of events is all that pairs the caller's event
        # with the watch's, and that only holds if the watch saw every event the caller has.
        in_order = event_time is not None or self._watch_before_keys
        if watch is not None and not just_started and in_order:
            found, text = watch.find(keycode, state, event_time, KEY_WAIT_S, pressed)
            if found:
                return text
        table = watch.table() if watch is not None else self.keyboard_table()
        return text_without_context(table, keycode, state)

    def _key_watch(self, *, before_any_key: bool) -> tuple[KeyWatch | None, bool]:
        """The running key watch, started on first use, and whether this call started it."""
        with self._watch_lock:
            if self._watch is not None or self._watch_failed:
                return self._watch, False
            watch = KeyWatch(self._display_name, load_compose(os.environ))
            try:
                watch.start()
            except Exception as error:  # PlatformError, or python-xlib's own connection errors
                self._watch_failed = True
                log.warning("typed keys are decoded under the current keyboard mapping only: %s",
                            error)
                return None, False
            self._watch = watch
            self._watch_before_keys = before_any_key
            return watch, True

    # -- typing internals --------------------------------------------------------------------

    def _check_not_stopped(self) -> None:
        if self._stop_typing.is_set():
            raise TypingStoppedError("Typing was stopped before the whole text was typed.")

    @staticmethod
    def _require_xtest(display: Any) -> None:
        if not display.has_extension("XTEST"):
            raise PlatformError(
                "The X server has no XTEST extension, so Robotfabrik cannot type or click. "
                "Ask your administrator to enable XTEST."
            )

    def _press(self, display: Any, code: int) -> None:
        from Xlib import X

        display.xtest_fake_input(X.KeyPress, code)
        self._held.append(code)

    def _release(self, display: Any, code: int) -> None:
        from Xlib import X

        display.xtest_fake_input(X.KeyRelease, code)
        if code in self._held:
            self._held.remove(code)

    def _tap(self, display: Any, code: int | None) -> None:
        if code is not None:
            self._press(display, code)
            self._release(display, code)

    def _let_go(self, display: Any) -> None:
        """Release every key this instance pressed and has not yet released."""
        from Xlib import X

        for code in reversed(self._held):
            display.xtest_fake_input(X.KeyRelease, code)
        self._held.clear()

    def _press_stroke(
        self, display: Any, stroke: KeyStroke, shift: int | None, level3: int | None
    ) -> None:
        modifiers: list[int] = []
        if stroke.shift:
            if shift is None:
                raise PlatformError("The keyboard mapping has no Shift key; cannot type capitals.")
            modifiers.append(shift)
        if stroke.level3:
            if level3 is None:
                raise PlatformError("The keyboard mapping has no AltGr key.")
            modifiers.append(level3)
        for code in modifiers:
            self._press(display, code)
        self._tap(display, stroke.keycode)
        for code in reversed(modifiers):
            self._release(display, code)

    def _ignored_modifier_bits(self, table: KeyboardTable) -> int:
        """Caps Lock (switched off while typing) and Num Lock change no typed letter here."""
        num_lock = table.modifier_index_of(KEYSYM_NUM_LOCK)
        ignored = 1 << LOCK_INDEX
        if num_lock is not None:
            ignored |= 1 << num_lock
        return ignored

    def _wait_for_free_modifiers(self, ignored: int) -> None:
        """Between characters the robot holds no modifier; one held now is the person's."""
        held = int(self._root().query_pointer().mask) & 0xFF & ~ignored
        if not held:
            return
        deadline = time.monotonic() + 2.0
        while held and time.monotonic() < deadline:
            self._check_not_stopped()
            time.sleep(0.01)
            held = int(self._root().query_pointer().mask) & 0xFF & ~ignored
        if held:
            raise PlatformError("A modifier key was held down while the robot typed; it stopped "
                                "so as not to type shortcuts. Check what was typed.")

    def _clear_modifiers(self, display: Any, table: KeyboardTable) -> bool:
        """Make sure no modifier changes what the keys type. Returns True if Caps Lock was
        switched off (to be switched on again afterwards).

        Keys held by earlier injected input are released; Caps Lock is toggled off; a modifier
        the user physically holds cannot be released by XTEST, so typing waits briefly for the
        user to let go and otherwise refuses rather than type Ctrl- or Alt-shortcuts.
        """
        num_lock = table.modifier_index_of(KEYSYM_NUM_LOCK)
        ignored = 1 << LOCK_INDEX
        if num_lock is not None:
            ignored |= 1 << num_lock
        modifier_codes = table.modifier_keycodes()
        held = [code for code in self._keycodes_down() if code in modifier_codes]
        for code in held:
            self._release(display, code)
        display.sync()
        deadline = time.monotonic() + 1.0
        state = int(self._root().query_pointer().mask)
        while state & 0xFF & ~ignored and time.monotonic() < deadline:
            self._check_not_stopped()
            time.sleep(0.02)
            state = int(self._root().query_pointer().mask)
        stuck = state & 0xFF & ~ignored
        if stuck:
            names = ["Shift", "Lock", "Control", "Mod1", "Mod2", "Mod3", "Mod4", "Mod5"]
            held_names = ", ".join(n for i, n in enumerate(names) if stuck >> i & 1)
            raise PlatformError(
                f"A modifier key is held down ({held_names}); release it so the robot can type."
            )
        if state & (1 << LOCK_INDEX):
            caps = table.caps_lock_keycode()
            if caps is None:
                raise PlatformError("Caps Lock is on and cannot be switched off; switch it off.")
            self._tap(display, caps)
            display.sync()
            if int(self._root().query_pointer().mask) & (1 << LOCK_INDEX):
                raise PlatformError("Caps Lock is on and could not be switched off; switch it off.")
            return True
        return False

    def _lend_codes(
        self, display: Any, table: KeyboardTable, remap: dict[int, tuple[int, int]]
    ) -> None:
        # No pause is needed before typing: a client reads the MappingNotify before the keys
        # that follow it, and loads the new mapping then.
        for first, rows in self._ledger.lend(table, remap):
            display.change_keyboard_mapping(first, rows)
        display.sync()
        log.debug("lent key codes %s", sorted(remap))

    def _restore_mapping(self, display: Any) -> None:
        requests = self._ledger.restore_requests()
        if not requests:
            return
        for first, rows in requests:
            display.change_keyboard_mapping(first, rows)
        self._ledger.clear()
        display.sync()

    def _receiver(self) -> tuple[Any, bool] | None:
        """The client window the keys will go to and whether it answers _NET_WM_PING."""
        from Xlib import X
        from Xlib import error as xerror

        info = self.focused_window()
        if info is None:
            return None
        window = self._connect().create_resource_object("window", info.id)
        try:
            protocols = window.get_full_property(self._atom("WM_PROTOCOLS"), X.AnyPropertyType)
        except xerror.XError:
            return None
        pingable = protocols is not None and self._atom("_NET_WM_PING") in protocols.value
        return window, pingable

    def _wait_until_read(self, display: Any, receiver: tuple[Any, bool] | None) -> bool:
        """Wait until the receiving client has read the typed keys; False if it did not answer
        within PING_TIMEOUT_S."""
        display.sync()
        if receiver is None or not receiver[1]:
            time.sleep(RESTORE_SETTLE_S)
            return True
        return self._ping(display, receiver[0])

    def _ping(self, display: Any, window: Any) -> bool:
        from Xlib import X
        from Xlib import error as xerror
        from Xlib.protocol import event

        wm_protocols = self._atom("WM_PROTOCOLS")
        net_wm_ping = self._atom("_NET_WM_PING")
        self._ping_token = (self._ping_token + 1) & 0x7FFFFFFF
        token = self._ping_token
        root = self._root()
        # Qt answers to root with StructureNotify, GTK with SubstructureNotify.
        root.change_attributes(event_mask=X.StructureNotifyMask | X.SubstructureNotifyMask)
        try:
            try:
                window.get_attributes()
            except xerror.XError:
                return True  # the window is gone, and nobody is left to lose keys
            message = event.ClientMessage(
                window=window, client_type=wm_protocols,
                data=(32, [net_wm_ping, token, window.id, 0, 0]),
            )
            window.send_event(message, event_mask=X.NoEventMask)
            display.flush()
            deadline = time.monotonic() + PING_TIMEOUT_S
            while not self._stop_typing.is_set():
                while display.pending_events():
                    reply = display.next_event()
                    if (
                        reply.type == X.ClientMessage
                        and int(reply.client_type) == wm_protocols
                        and list(reply.data[1][:2]) == [net_wm_ping, token]
                    ):
                        return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    log.warning("window 0x%x did not answer a ping within %.1f s",
                                window.id, PING_TIMEOUT_S)
                    return False
                select.select([display], [], [], min(remaining, 0.05))
            return True  # stopped: the keys are released and the mapping goes back anyway
        finally:
            root.change_attributes(event_mask=X.NoEventMask)
            display.flush()

    @staticmethod
    def _drain_events(display: Any) -> None:
        # MappingNotify goes to every client whether it asked or not; python-xlib would keep
        # them queued for the life of the connection.
        while display.pending_events():
            display.next_event()

    # -- errors -----------------------------------------------------------------------------

    @contextmanager
    def _x_errors_as_platform_errors(self) -> Iterator[None]:
        """Turn a lost connection into a ``PlatformError`` the user can understand."""
        from Xlib import error as xerror

        try:
            yield
        except (xerror.ConnectionClosedError, ConnectionError) as exc:
            shown = self._display_name or "$DISPLAY"
            raise PlatformError(f"The connection to the X display {shown} was lost: {exc}") from exc


def _decode_text(value: Any, *, utf8: bool) -> str:
    raw = value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    if utf8:
        return raw.decode("utf-8", "replace")
    # STRING is Latin-1; COMPOUND_TEXT is Latin-1 until an escape sequence switches sets,
    # and UTF-8 is the most likely content of one that does.
    if b"\x1b" in raw:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def can_connect(display_name: str) -> str | None:
    """None when the X server ``display_name`` accepts a connection, else the reason in words."""
    from Xlib import display as xdisplay
    from Xlib import error as xerror

    try:
        connection = xdisplay.Display(display_name)
    except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as error:
        return " ".join(str(error).split()) or type(error).__name__
    connection.close()
    return None
