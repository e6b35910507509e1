"""The X11 desktop: top-level windows, typing any Unicode text, and key state, via python-xlib.

Windows are found from the root window's children, so the same code works on a bare X server
without a window manager (clients are direct children of root, focus may be PointerRoot) and
under a reparenting window manager (clients sit inside frames and carry WM_STATE).

Text is typed through the XTEST extension, because many clients (xterm among them) ignore
synthetic ``SendEvent`` key events. A character is pressed on the key that carries it in the
current layout, with Shift and/or AltGr as a person would. A character the layout does not
have is put on a spare key code for the duration of the call: the key code gets the lower-case
keysym at level 1 and the upper-case one at level 2, so a capital is typed as Shift plus that
key. (Mapping only the capital, as ``xdotool type`` does, makes Xlib clients apply the core
protocol's rule that a lone alphabetic keysym means "lower case without Shift", which is why
xterm received ``å`` for ``Å``.)

The first half of this module is pure (keysym tables, choosing keys and modifiers, planning the
temporary remapping) and is unit-tested without a display; ``X11Desktop`` applies it.
"""

from __future__ import annotations

import logging
import select
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.core.platform.windows_types import Desktop, PlatformError, TypingStoppedError, WindowInfo

log = logging.getLogger(__name__)

NO_SYMBOL = 0
KEYSYM_RETURN = 0xFF0D
KEYSYM_TAB = 0xFF09
KEYSYM_SHIFT_L = 0xFFE1
KEYSYM_SHIFT_R = 0xFFE2
KEYSYM_CAPS_LOCK = 0xFFE5
KEYSYM_NUM_LOCK = 0xFF7F
KEYSYM_ISO_LEVEL3_SHIFT = 0xFE03
UNICODE_KEYSYM_OFFSET = 0x01000000

# Core modifier indices as in GetModifierMapping and the state mask.
SHIFT_INDEX = 0
LOCK_INDEX = 1

# Columns of the core keyboard mapping an XKB server reports, per active group:
# (column, needs Shift, needs the level-3 modifier). The server lays a key out as
# G1L1 G1L2 G2L1 G2L2 G1L3 G1L4 ..., so levels 3/4 of the second group are not reliably
# placed; characters there are typed through a spare key code instead.
_GROUP_COLUMNS: dict[int, tuple[tuple[int, bool, bool], ...]] = {
    0: ((0, False, False), (1, True, False), (4, False, True), (5, True, True)),
    1: ((2, False, False), (3, True, False)),
}

# With evdev key codes (every current X server) the typing block of a PC keyboard ends here;
# higher codes are media, keypad-extra and language keys that not every keyboard has.
MAIN_BLOCK_LAST_KEYCODE = 97

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

# At most this many spare key codes are remapped at once; a text needing more distinct unmapped
# characters is typed in several batches.
MAX_REMAPPED_CODES = 10


def _legacy_keysym_table() -> dict[int, str]:
    """Pre-Unicode keysyms (the ones layouts still use) and the character each one types.

    Built from the ISO 8859 code pages the keysym ranges were defined from, plus the few
    single keysyms that layouts in this region use, so the table is not typed in by hand.
    """
    table: dict[int, str] = {}
    # Latin-2/3/4: keysym 0x0NXX is byte XX of ISO 8859-(N+1), where that is not Latin-1.
    for group, codec in ((0x1, "iso8859_2"), (0x2, "iso8859_3"), (0x3, "iso8859_4")):
        for byte in range(0xA1, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            if ord(char) >= 0x100:
                table[group << 8 | byte] = char
    # Cyrillic letters follow KOI8-R.
    for byte in range(0xC0, 0x100):
        table[0x600 | byte] = bytes([byte]).decode("koi8_r")
    # Greek letters follow ISO 8859-7, except that X swapped the two small sigmas and moved
    # capital sigma into the unused slot before it.
    for byte in (*range(0xC1, 0xDA), *range(0xE1, 0xFA)):
        try:
            table[0x700 | byte] = bytes([byte]).decode("iso8859_7")
        except UnicodeDecodeError:
            continue
    table.pop(0x7D3, None)
    table.update({0x7D2: "Σ", 0x7F2: "σ", 0x7F3: "ς"})
    table.update({
        0x13BC: "Œ", 0x13BD: "œ", 0x13BE: "Ÿ", 0x20AC: "€",
        0xAA9: "—", 0xAAA: "–", 0xAAE: "…", 0xAC9: "™", 0xAF1: "†", 0xAF2: "‡",
        0xAD0: "‘", 0xAD1: "’", 0xAD2: "“", 0xAD3: "”", 0xAFD: "‚", 0xAFE: "„",
        0x8FB: "←", 0x8FC: "↑", 0x8FD: "→", 0x8FE: "↓",
    })
    return table


LEGACY_KEYSYMS: dict[int, str] = _legacy_keysym_table()


def char_for_keysym(keysym: int) -> str | None:
    """The character a keysym types, or None for function keys, dead keys and modifiers."""
    if keysym == KEYSYM_RETURN:
        return "\n"
    if keysym == KEYSYM_TAB:
        return "\t"
    if 0x20 <= keysym <= 0x7E or 0xA0 <= keysym <= 0xFF:
        return chr(keysym)
    if UNICODE_KEYSYM_OFFSET + 0x20 <= keysym <= UNICODE_KEYSYM_OFFSET + 0x10FFFF:
        code_point = keysym - UNICODE_KEYSYM_OFFSET
        if 0xD800 <= code_point <= 0xDFFF or 0x7F <= code_point < 0xA0:
            return None
        return chr(code_point)
    return LEGACY_KEYSYMS.get(keysym)


def keysym_for_char(char: str) -> int:
    """The keysym to put on a spare key code so that it types ``char``.

    Latin-1 characters have their own keysyms; everything else uses the Unicode keysym, which
    every current client understands and which exists for every character.
    """
    if char == "\n":
        return KEYSYM_RETURN
    if char == "\t":
        return KEYSYM_TAB
    code_point = ord(char)
    if 0x20 <= code_point <= 0x7E or 0xA0 <= code_point <= 0xFF:
        return code_point
    if code_point < 0x20 or 0x7F <= code_point < 0xA0 or 0xD800 <= code_point <= 0xDFFF:
        raise PlatformError(f"Cannot type the control character U+{code_point:04X}.")
    return UNICODE_KEYSYM_OFFSET | code_point


def remap_pair_for(char: str) -> tuple[int, int, bool]:
    """The (level 1, level 2) keysyms for a spare key code that types ``char``, and whether
    ``char`` is the level-2 one (typed with Shift).

    Letters get their lower and upper case so that the key behaves like a real letter key for
    every client, including Xlib's core rules and Caps Lock handling.
    """
    lower, upper = char.lower(), char.upper()
    if (
        len(lower) == 1 and len(upper) == 1 and lower != upper and char in (lower, upper)
        and lower.upper() == upper and upper.lower() == lower
    ):
        return keysym_for_char(lower), keysym_for_char(upper), char == upper
    keysym = keysym_for_char(char)
    return keysym, keysym, False


def normalize_text(text: str) -> str:
    """The characters to type for ``text``: NFC (a keyboard types precomposed letters, so ``Å``
    arrives as one character even when the caller had it decomposed) and any line break
    (``\\r\\n``, ``\\r``) as one newline."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class KeyStroke:
    """One key press: the key code and the modifiers to hold while pressing it."""

    keycode: int
    shift: bool = False
    level3: bool = False


@dataclass(frozen=True)
class KeyboardTable:
    """A snapshot of the core keyboard mapping and modifier mapping of an X server."""

    keysyms: dict[int, tuple[int, ...]]
    modifiers: tuple[tuple[int, ...], ...]
    group: int = 0

    def modifier_keycodes(self) -> set[int]:
        return {code for codes in self.modifiers for code in codes if code}

    def modifier_index_of(self, keysym: int) -> int | None:
        """The modifier (0 = Shift ... 7 = Mod5) that a key carrying ``keysym`` sets."""
        for index, codes in enumerate(self.modifiers):
            for code in codes:
                if code and keysym in self.keysyms.get(code, ()):
                    return index
        return None

    def shift_keycode(self) -> int | None:
        return self._modifier_key(SHIFT_INDEX, (KEYSYM_SHIFT_L, KEYSYM_SHIFT_R))

    def level3_keycode(self) -> int | None:
        """A key that selects level 3 (AltGr), if the layout has one bound to a modifier."""
        index = self.modifier_index_of(KEYSYM_ISO_LEVEL3_SHIFT)
        if index is None:
            return None
        return self._modifier_key(index, (KEYSYM_ISO_LEVEL3_SHIFT,))

    def caps_lock_keycode(self) -> int | None:
        return self._modifier_key(LOCK_INDEX, (KEYSYM_CAPS_LOCK,))

    def _modifier_key(self, index: int, wanted: tuple[int, ...]) -> int | None:
        if index >= len(self.modifiers):
            return None
        for code in sorted(c for c in self.modifiers[index] if c):
            syms = self.keysyms.get(code, ())
            if syms and syms[0] in wanted:
                return code
        return None

    def char_strokes(self) -> dict[str, KeyStroke]:
        """For every character the layout can type in the active group, the easiest way to.

        Keys of the main block win over extra keys (some keyboards have a key that types
        ``(`` alone; a person uses Shift+9), then the lowest level (no modifier before Shift
        before AltGr), then the lowest key code.
        """
        has_level3 = self.level3_keycode() is not None
        columns = _GROUP_COLUMNS.get(self.group, ())
        skip = self.modifier_keycodes()
        best: dict[str, tuple[tuple[bool, int, int], KeyStroke]] = {}
        for code, syms in self.keysyms.items():
            if code in skip:
                continue
            for rank, (column, shift, level3) in enumerate(columns):
                if column >= len(syms) or (level3 and not has_level3):
                    continue
                char = char_for_keysym(syms[column])
                if char is None:
                    continue
                candidate = (code > MAIN_BLOCK_LAST_KEYCODE, rank, code)
                if char not in best or candidate < best[char][0]:
                    best[char] = (candidate, KeyStroke(code, shift, level3))
        return {char: entry[1] for char, entry in best.items()}

    def spare_keycodes(self, limit: int = MAX_REMAPPED_CODES) -> list[int]:
        """Key codes with no keysym and no modifier role, to lend to missing characters, in the
        order to lend them.

        Taken from the longest runs of neighbouring codes first, because every run costs a
        separate mapping request, and every request makes every X client reload its keymap.
        """
        used = self.modifier_keycodes()
        free = sorted(
            code for code, syms in self.keysyms.items()
            if code not in used and not any(syms)
        )
        runs: list[list[int]] = []
        for code in free:
            if runs and runs[-1][-1] == code - 1:
                runs[-1].append(code)
            else:
                runs.append([code])
        runs.sort(key=lambda run: (-len(run), -run[0]))
        return [code for run in runs for code in run][:limit]


def contiguous_runs(codes: Iterable[int]) -> list[list[int]]:
    """Key codes grouped into runs of consecutive codes, each run sorted."""
    runs: list[list[int]] = []
    for code in sorted(set(codes)):
        if runs and runs[-1][-1] == code - 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return runs


@dataclass
class TypingBatch:
    """Characters typed while one set of spare key codes is lent out."""

    remap: dict[int, tuple[int, int]] = field(default_factory=dict)
    strokes: list[KeyStroke] = field(default_factory=list)


def plan_typing(text: str, table: KeyboardTable) -> list[TypingBatch]:
    """The key strokes that type ``text`` and the temporary remappings they need.

    Raises ``PlatformError`` before anything is typed when a character cannot be typed at all,
    so that a robot never leaves half a value in a field.
    """
    chars = normalize_text(text)
    strokes = table.char_strokes()
    spare = table.spare_keycodes()
    batches: list[TypingBatch] = []
    batch = TypingBatch()
    code_of_pair: dict[tuple[int, int], int] = {}
    for char in chars:
        stroke = strokes.get(char)
        if stroke is None:
            lower, upper, shifted = remap_pair_for(char)
            code = code_of_pair.get((lower, upper))
            if code is None:
                if not spare:
                    raise PlatformError(
                        f"Cannot type {char!r}: the keyboard layout does not have it and the X "
                        "server has no free key code to lend to it."
                    )
                if len(batch.remap) == len(spare):
                    batches.append(batch)
                    batch = TypingBatch()
                    code_of_pair = {}
                code = spare[len(batch.remap)]
                batch.remap[code] = (lower, upper)
                code_of_pair[(lower, upper)] = code
            stroke = KeyStroke(code, shift=shifted)
        batch.strokes.append(stroke)
    if batch.strokes:
        batches.append(batch)
    return batches


@dataclass
class MappingLedger:
    """What a temporary remapping replaced, so it can be put back exactly."""

    original: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def lend(
        self, table: KeyboardTable, remap: dict[int, tuple[int, int]]
    ) -> list[tuple[int, list[list[int]]]]:
        """Record the current keysyms of the codes about to change; return the change requests
        as (first key code, keysym lists) per run of consecutive codes."""
        for code in remap:
            self.original.setdefault(code, table.keysyms.get(code, ()))
        return [
            (run[0], [list(remap[code]) for code in run]) for run in contiguous_runs(remap)
        ]

    def restore_requests(self) -> list[tuple[int, list[list[int]]]]:
        """The requests that put every lent code back, as (first key code, keysym lists)."""
        requests: list[tuple[int, list[list[int]]]] = []
        for run in contiguous_runs(self.original):
            width = max(1, *(len(self.original[code]) for code in run))
            rows = [
                list(self.original[code]) + [NO_SYMBOL] * (width - len(self.original[code]))
                for code in run
            ]
            requests.append((run[0], rows))
        return requests

    def clear(self) -> None:
        self.original.clear()


def parse_rules_names(value: bytes) -> dict[str, str]:
    """The fields of the _XKB_RULES_NAMES root property (NUL-separated)."""
    names = ("rules", "model", "layout", "variant", "options")
    parts = value.split(b"\0")
    return {
        name: (parts[i].decode("latin-1") if i < len(parts) else "")
        for i, name in enumerate(names)
    }


def layout_for_group(rules: dict[str, str], group: int) -> str:
    layouts = [part.strip() for part in rules.get("layout", "").split(",")]
    if not layouts or not layouts[0]:
        return ""
    return layouts[group] if 0 <= group < len(layouts) and layouts[group] else layouts[0]


def _keysym_names() -> dict[int, str]:
    from Xlib import XK

    for group in ("latin2", "latin3", "latin4", "cyrillic", "greek", "publishing",
                  "technical", "special", "xkb", "xf86"):
        try:
            XK.load_keysym_group(group)
        except ImportError:
            continue
    names: dict[int, str] = {}
    for attribute, value in sorted(vars(XK).items()):
        if attribute.startswith("XK_") and isinstance(value, int):
            names.setdefault(value, attribute[3:])
    return names


_KEYSYM_NAMES: dict[int, str] | None = None


def keysym_name(keysym: int) -> str:
    """The X name of a keysym (``Shift_L``, ``aring``, ``U20AC`` for Unicode keysyms)."""
    global _KEYSYM_NAMES  # noqa: PLW0603 - loading the names costs 20 ms, so only on first use
    if _KEYSYM_NAMES is None:
        _KEYSYM_NAMES = _keysym_names()
    name = _KEYSYM_NAMES.get(keysym)
    if name is not None:
        return name
    if keysym & 0xFF000000 == UNICODE_KEYSYM_OFFSET:
        return f"U{keysym - UNICODE_KEYSYM_OFFSET:04X}"
    return f"0x{keysym:x}"


# --- the X server side ---------------------------------------------------------------------


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
        except xerror.XError:
            return None
        return WindowInfo(
            id=int(client.id), title=title, app_class=app_class,
            x=int(origin.x), y=int(origin.y),
            width=int(geometry.width), height=int(geometry.height),
        )

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
            display = self._connect()
            first = int(display.display.info.min_keycode)
            last = int(display.display.info.max_keycode)
            rows = display.get_keyboard_mapping(first, last - first + 1)
            keysyms = {first + i: tuple(int(s) for s in row) for i, row in enumerate(rows)}
            modifiers = tuple(
                tuple(int(code) for code in codes) for codes in display.get_modifier_mapping()
            )
            group = (int(self._root().query_pointer().mask) >> 13) & 0x3
            return KeyboardTable(keysyms=keysyms, modifiers=modifiers, group=group)

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
                for batch in batches:
                    if batch.remap:
                        self._lend_codes(display, table, batch.remap)
                    read_in_time = True
                    try:
                        for stroke in batch.strokes:
                            self._check_not_stopped()
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


__all__: Sequence[str] = (
    "KeyStroke", "KeyboardTable", "MappingLedger", "TypingBatch", "X11Desktop",
    "char_for_keysym", "keysym_for_char", "keysym_name", "plan_typing", "remap_pair_for",
)
