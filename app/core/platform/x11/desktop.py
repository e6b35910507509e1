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

For the recorder, ``text_for_key`` tells what a key event typed, as X clients received it:
layout, Shift, Caps Lock, AltGr, NumLock, the group, and dead keys composed through the system's
Compose table. pynput decodes with the mapping it read at its start and misreads AltGr, Caps
Lock and groups; and a key code that xdotool (or this module's typing) lends for one character
has been given back before a recorder gets round to asking. So a RECORD context of this
module's own follows the key events together with the requests that change the mapping, in the
server's order, and decodes each event under the mapping in force at that moment.

The first half of this module is pure (keysym tables, choosing keys and modifiers, planning the
temporary remapping, decoding key events and dead keys) and is unit-tested without a display;
``X11Desktop`` applies it.
"""

from __future__ import annotations

import collections
import itertools
import logging
import os
import re
import select
import struct
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.platform.desktop import Desktop, PlatformError, TypingStoppedError, WindowInfo

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

# Core requests that change the keyboard mapping, and the XKEYBOARD requests that load a new
# keymap (XkbSetMap, XkbGetKbdByName: what setxkbmap and xkbcomp send).
X_CHANGE_KEYBOARD_MAPPING = 100
X_SET_MODIFIER_MAPPING = 118
XKB_KEYMAP_REQUESTS = (9, 23)
X_TIME_MODULUS = 1 << 32

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

    def modifier_mask_of(self, keysym: int) -> int:
        """The state bit of the modifier that a key carrying ``keysym`` sets, or 0."""
        index = self.modifier_index_of(keysym)
        return 0 if index is None else 1 << index

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


# --- what a key press types ------------------------------------------------------------------
#
# Decoding follows what X clients see on an XKB server, checked against a Qt 6 window on Xvfb
# under `setxkbmap se` and `se,us`. The core keyboard mapping an XKB server reports lays a key out
# as G1L1 G1L2 G2L1 G2L2, then the extra levels of group 1 (AltGr and AltGr+Shift), then those of
# group 2. Caps Lock swaps the two levels of a letter key (Shift+Caps+a types "a") and turns any
# other letter it reaches into a capital (Caps+AltGr+ö types "Ø"); digits and signs ignore it.

SHIFT_MASK = 1 << SHIFT_INDEX
LOCK_MASK = 1 << LOCK_INDEX
KEYSYM_MODE_SWITCH = 0xFF7E
KEYSYM_SHIFT_LOCK = 0xFFE6
KEYSYM_MULTI_KEY = 0xFF20
KEYSYM_KP_SPACE = 0xFF80
GROUP_SHIFT = 13


def is_dead_keysym(keysym: int) -> bool:
    """A dead key (´ ` ¨ ~ ^ on the Swedish layout): it types nothing itself and changes what
    the next key types."""
    return 0xFE50 <= keysym <= 0xFE93


def is_modifier_keysym(keysym: int) -> bool:
    """Shift, Control, Alt, Super, AltGr and the lock keys."""
    return (
        0xFFE1 <= keysym <= 0xFFEE or 0xFE01 <= keysym <= 0xFE13
        or keysym in (KEYSYM_MODE_SWITCH, KEYSYM_NUM_LOCK)
    )


def is_keypad_keysym(keysym: int) -> bool:
    return 0xFF80 <= keysym <= 0xFFBD


def text_for_keysym(keysym: int) -> str | None:
    """The text a key with this keysym puts into a field, or None for a key that types no text
    (Tab, Return, Escape, arrows, function keys, modifiers) and for a dead key on its own."""
    if keysym == KEYSYM_KP_SPACE:
        return " "
    if 0xFFAA <= keysym <= 0xFFB9 or keysym == 0xFFBD:
        # The keypad's text keysyms (KP_Multiply ... KP_9, KP_Equal) carry their ASCII
        # character in the low seven bits; KP_Separator is the Swedish keypad's comma.
        return chr(keysym & 0x7F)
    if keysym in (KEYSYM_RETURN, KEYSYM_TAB):
        return None
    return char_for_keysym(keysym)


def _single_char(keysym: int) -> str | None:
    char = char_for_keysym(keysym)
    return char if char is not None and len(char) == 1 and char not in "\n\t" else None


def _letter_cases(keysym: int) -> tuple[int, int] | None:
    """(lower case, upper case) keysyms of a letter that has exactly one of each, else None."""
    char = _single_char(keysym)
    if char is None:
        return None
    lower, upper = char.lower(), char.upper()
    if len(lower) != 1 or len(upper) != 1 or lower == upper:
        return None
    if lower.upper() != upper or upper.lower() != lower:
        return None
    return keysym_for_char(lower), keysym_for_char(upper)


def _is_letter_pair(first: int, second: int) -> bool:
    low, high = _single_char(first), _single_char(second)
    return (
        low is not None and high is not None and low != high
        and low.upper() == high and high.lower() == low
    )


def _capital(keysym: int) -> int:
    cases = _letter_cases(keysym)
    return cases[1] if cases is not None else keysym


def canonical_keysym(keysym: int) -> int:
    """One keysym per character: a legacy keysym (``Lstroke``) and the Unicode one
    (``U0141``) for the same letter compare equal after this."""
    char = _single_char(keysym)
    return keysym_for_char(char) if char is not None else keysym


def _column(keysyms: Sequence[int], index: int) -> int:
    return keysyms[index] if index < len(keysyms) else NO_SYMBOL


def _core_levels(keysyms: Sequence[int], group: int) -> tuple[int, int]:
    """Levels 1 and 2 of a group, with the core protocol's completions: a key without this group
    uses group 1, and a lone letter gets its other case (which is how the server treats a code
    that ``xdotool`` mapped to ``Aring`` alone: it types "å" without Shift)."""
    first, second = _column(keysyms, 2 * group), _column(keysyms, 2 * group + 1)
    if group and not first and not second:
        first, second = _column(keysyms, 0), _column(keysyms, 1)
    if not second:
        cases = _letter_cases(first)
        return cases if cases is not None else (first, first)
    return first, second


def _extra_levels(keysyms: Sequence[int], group: int) -> tuple[int, int] | None:
    """Levels 3 and 4 (AltGr, AltGr+Shift) of a group, or None when the key has none there.

    Group 2's extra levels follow group 1's, whose number the core mapping does not tell. When
    only one pair follows the first four columns it is taken to be the active group's: someone
    who presses AltGr in group 2 (Swedish second, after US) means its third level.
    """
    if group == 0:
        columns = (4, 5)
    else:
        columns = (6, 7) if _column(keysyms, 6) or _column(keysyms, 7) else (4, 5)
    third, fourth = _column(keysyms, columns[0]), _column(keysyms, columns[1])
    if not third and not fourth:
        return None
    return third or fourth, fourth or third


def keysym_for_event(table: KeyboardTable, keycode: int, state: int) -> int:
    """The keysym a key press selects under the modifier state of its event (``NO_SYMBOL`` when
    none): Shift, Caps Lock or Shift Lock, the level-3 modifier (whichever of Mod1..Mod5 carries
    ISO_Level3_Shift, else Mode_switch), NumLock on the keypad, and the group in bits 13-14.

    Groups 3 and 4 are not decoded (``NO_SYMBOL``); Control and Alt do not change the keysym.
    """
    keysyms = table.keysyms.get(keycode, ())
    group = state >> GROUP_SHIFT & 0x3
    if group > 1 or not keysyms:
        return NO_SYMBOL
    shift = bool(state & SHIFT_MASK)
    caps = False
    if state & LOCK_MASK:
        lock_keysyms = {
            keysym for code in table.modifiers[LOCK_INDEX] if code
            for keysym in table.keysyms.get(code, ())
        } if len(table.modifiers) > LOCK_INDEX else set()
        if KEYSYM_CAPS_LOCK in lock_keysyms:
            caps = True
        elif KEYSYM_SHIFT_LOCK in lock_keysyms:
            shift = True
    level3 = table.modifier_mask_of(KEYSYM_ISO_LEVEL3_SHIFT) or table.modifier_mask_of(
        KEYSYM_MODE_SWITCH)
    if level3 and state & level3:
        extra = _extra_levels(keysyms, group)
        if extra is not None:
            keysym = extra[1] if shift else extra[0]
            return _capital(keysym) if caps else keysym
    first, second = _core_levels(keysyms, group)
    num_lock = table.modifier_mask_of(KEYSYM_NUM_LOCK)
    if num_lock and state & num_lock and is_keypad_keysym(second):
        return first if shift else second  # Shift reverses NumLock, as on every PC
    if caps and _is_letter_pair(first, second):
        return first if shift else second
    keysym = second if shift else first
    return _capital(keysym) if caps else keysym


def text_without_context(table: KeyboardTable, keycode: int, state: int) -> str | None:
    """What a key press types when nothing is known about the keys before it: "" for a dead key
    (it types nothing by itself), None for keys that type no text."""
    keysym = keysym_for_event(table, keycode, state)
    if keysym == NO_SYMBOL or is_modifier_keysym(keysym):
        return None
    if is_dead_keysym(keysym):
        return ""
    return text_for_keysym(keysym)


# --- dead keys and compose sequences ---------------------------------------------------------

_COMPOSE_LINE = re.compile(r'^\s*((?:<\w+>\s*)+):\s*"((?:\\.|[^"\\])*)"')
_COMPOSE_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)")
X_LOCALE_DIR = Path("/usr/share/X11/locale")
DEFAULT_COMPOSE_LOCALE = "en_US.UTF-8"

# Used only where the system has no Compose file: the dead keys of the Nordic layouts, each with
# the combining mark it puts on the next letter and the sign it types before a space or itself.
_DEAD_KEY_MARKS: dict[int, tuple[str, str]] = {
    0xFE50: ("\u0300", "`"), 0xFE51: ("\u0301", "´"), 0xFE52: ("\u0302", "^"),
    0xFE53: ("\u0303", "~"), 0xFE57: ("\u0308", "¨"), 0xFE58: ("\u030a", "°"),
    0xFE5A: ("\u030c", "ˇ"), 0xFE5B: ("\u0327", "¸"),
}


def _unescape_compose(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code.isdigit():
            return chr(int(code, 8))
        return code

    return _COMPOSE_ESCAPE.sub(replace, value)


def parse_compose(
    text: str, keysym_of: Callable[[str], int | None]
) -> dict[tuple[int, ...], str]:
    """The dead-key and Compose-key sequences of an X Compose file, as canonical keysyms.

    ``include`` lines and sequences that start with an ordinary key are left out: only
    sequences that begin with a dead key or ``Multi_key`` change what a keyboard types.
    """
    sequences: dict[tuple[int, ...], str] = {}
    for line in text.splitlines():
        match = _COMPOSE_LINE.match(line)
        if match is None:
            continue
        names = re.findall(r"<(\w+)>", match.group(1))
        keysyms = [keysym_of(name) for name in names]
        if len(keysyms) < 2 or any(keysym is None for keysym in keysyms):
            continue
        first = keysyms[0] or NO_SYMBOL
        if not (is_dead_keysym(first) or first == KEYSYM_MULTI_KEY):
            continue
        sequence = tuple(canonical_keysym(keysym or NO_SYMBOL) for keysym in keysyms)
        sequences[sequence] = _unescape_compose(match.group(2))  # a later line overrides
    return sequences


def fallback_compose() -> dict[tuple[int, ...], str]:
    """Dead keys of the Nordic layouts on the letters A-Z, before a space and doubled."""
    sequences: dict[tuple[int, ...], str] = {}
    for dead, (mark, sign) in _DEAD_KEY_MARKS.items():
        sequences[(dead, 0x20)] = sign
        sequences[(dead, dead)] = sign
        for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
            composed = unicodedata.normalize("NFC", letter + mark)
            if len(composed) == 1:
                sequences[(dead, ord(letter))] = composed
    return sequences


def compose_file_for(locale: str, locale_dir: Path = X_LOCALE_DIR) -> Path | None:
    """The system Compose file X clients use in ``locale`` (as named by LC_ALL/LC_CTYPE/LANG),
    from the locale directory's ``compose.dir``; the UTF-8 default for C and unknown locales."""
    try:
        index = (locale_dir / "compose.dir").read_text(encoding="latin-1")
    except OSError:
        return None
    files: dict[str, str] = {}
    for line in index.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            files.setdefault(parts[1], parts[0].rstrip(":"))
    name = files.get(locale) or files.get(DEFAULT_COMPOSE_LOCALE)
    if name is None:
        return None
    path = locale_dir / name
    return path if path.is_file() else None


class DeadKeyComposer:
    """Turns key presses into text the way X's compose handling does in Qt and GTK.

    A dead key types nothing and waits; the next key completes the sequence (´ then e types
    "é", ´ then space types "'" as the Compose file says) or, when no sequence matches, types
    its own character and the accent is dropped. Keys without text (Tab, arrows) end a waiting
    sequence; modifiers do not, so ´ then Shift+E types "É".
    """

    def __init__(self, sequences: dict[tuple[int, ...], str]) -> None:
        self._sequences = sequences
        self._prefixes = {
            sequence[:length] for sequence in sequences for length in range(1, len(sequence))
        }
        self._pending: tuple[int, ...] = ()

    @property
    def waiting(self) -> bool:
        return bool(self._pending)

    def press(self, keysym: int) -> str | None:
        """The text a key press types: "" when it starts or continues a sequence, None for a key
        without text."""
        if is_modifier_keysym(keysym) or keysym == NO_SYMBOL:
            return None
        canonical = canonical_keysym(keysym)
        candidate = (*self._pending, canonical)
        if candidate in self._sequences:
            self._pending = ()
            return self._sequences[candidate]
        if candidate in self._prefixes:
            self._pending = candidate
            return ""
        self._pending = ()
        if (canonical,) in self._prefixes:
            self._pending = (canonical,)
            return ""
        if is_dead_keysym(keysym):
            return ""
        return text_for_keysym(keysym)


@dataclass(frozen=True)
class KeyEventText:
    """A key event as the X server ordered it, with the text its press typed."""

    time: int
    keycode: int
    state: int
    pressed: bool
    text: str | None


class KeyEventDecoder:
    """Decodes key events in server order, each under the keyboard mapping in force when it
    happened: mapping changes are applied between the events exactly where they occurred.

    A release carries the text of its press, so that a caller can ask about either.
    """

    def __init__(self, table: KeyboardTable, composer: DeadKeyComposer) -> None:
        self.table = table
        self._composer = composer
        self._typed: dict[int, str | None] = {}

    def replace_table(self, table: KeyboardTable) -> None:
        self.table = table

    def change_mapping(self, first_keycode: int, rows: Sequence[Sequence[int]]) -> None:
        keysyms = dict(self.table.keysyms)
        for offset, row in enumerate(rows):
            keysyms[first_keycode + offset] = tuple(row)
        self.table = KeyboardTable(
            keysyms=keysyms, modifiers=self.table.modifiers, group=self.table.group
        )

    def key(self, time_ms: int, keycode: int, state: int, pressed: bool) -> KeyEventText:
        if pressed:
            keysym = keysym_for_event(self.table, keycode, state)
            text = None if is_modifier_keysym(keysym) else self._composer.press(keysym)
            self._typed[keycode] = text
        elif keycode in self._typed:
            text = self._typed.pop(keycode)
        else:
            text = text_without_context(self.table, keycode, state)
        return KeyEventText(time_ms, keycode, state, pressed, text)


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


def _keysym_values() -> dict[str, int]:
    """Every keysym name python-xlib knows (aliases included) and its value."""
    from Xlib import XK

    for group in ("latin2", "latin3", "latin4", "cyrillic", "greek", "publishing",
                  "technical", "special", "xkb", "xf86"):
        try:
            XK.load_keysym_group(group)
        except ImportError:
            continue
    return {
        attribute[3:]: value for attribute, value in sorted(vars(XK).items())
        if attribute.startswith("XK_") and isinstance(value, int)
    }


def _keysym_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for name, value in _keysym_values().items():
        names.setdefault(value, name)
    return names


_KEYSYM_NAMES: dict[int, str] | None = None
_KEYSYMS_BY_NAME: dict[str, int] | None = None


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


def keysym_from_name(name: str) -> int | None:
    """The keysym an X name stands for (``aring``, ``dead_acute``, ``U01D8``, ``0x1008ff12``),
    or None for a name python-xlib does not know."""
    global _KEYSYMS_BY_NAME  # noqa: PLW0603 - the same tables as keysym_name, loaded once
    if _KEYSYMS_BY_NAME is None:
        _KEYSYMS_BY_NAME = _keysym_values()
    keysym = _KEYSYMS_BY_NAME.get(name)
    if keysym is not None:
        return keysym
    if re.fullmatch(r"U[0-9A-Fa-f]{4,6}", name):
        code_point = int(name[1:], 16)
        if 0x20 <= code_point <= 0x7E or 0xA0 <= code_point <= 0xFF:
            return code_point
        return UNICODE_KEYSYM_OFFSET | code_point
    if re.fullmatch(r"0x[0-9A-Fa-f]+", name):
        return int(name, 16)
    return None


def load_compose(environ: Mapping[str, str]) -> dict[tuple[int, ...], str]:
    """The dead-key sequences X clients of this session use (the system Compose file of the
    locale in ``environ``), or the built-in Nordic ones when the system has none.

    A user's own ``~/.XCompose`` is not read.
    """
    locale = environ.get("LC_ALL") or environ.get("LC_CTYPE") or environ.get("LANG") or ""
    path = compose_file_for(locale)
    if path is not None:
        try:
            sequences = parse_compose(path.read_text(encoding="utf-8", errors="replace"),
                                      keysym_from_name)
        except OSError as error:
            log.warning("cannot read the Compose file %s: %s", path, error)
        else:
            if sequences:
                return sequences
    return fallback_compose()


# --- the X server side ---------------------------------------------------------------------

# How long ``text_for_key`` waits for the key watch to see an event the caller already has. Both
# read the same RECORD stream, so it is normally there already, and an event that will never
# come is recognised at once by its time; the wait only covers a watch thread starved of CPU.
KEY_WAIT_S = 2.0
KEY_HISTORY = 4096


def _read_table(display: Any) -> KeyboardTable:
    first = int(display.display.info.min_keycode)
    last = int(display.display.info.max_keycode)
    rows = display.get_keyboard_mapping(first, last - first + 1)
    keysyms = {first + i: tuple(int(s) for s in row) for i, row in enumerate(rows)}
    modifiers = tuple(
        tuple(int(code) for code in codes) for codes in display.get_modifier_mapping()
    )
    return KeyboardTable(keysyms=keysyms, modifiers=modifiers)


def _record_range(**wanted: Any) -> dict[str, Any]:
    ranges: dict[str, Any] = {
        "core_requests": (0, 0), "core_replies": (0, 0), "ext_requests": (0, 0, 0, 0),
        "ext_replies": (0, 0, 0, 0), "delivered_events": (0, 0), "device_events": (0, 0),
        "errors": (0, 0), "client_started": False, "client_died": False,
    }
    ranges.update(wanted)
    return ranges


class _KeyWatch:
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
        self._decoder = KeyEventDecoder(_read_table(self._control), DeadKeyComposer(self._compose))
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
                table = _read_table(self._control)
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
        self._watch: _KeyWatch | None = None
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
            table = _read_table(self._connect())
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

    def _key_watch(self, *, before_any_key: bool) -> tuple[_KeyWatch | None, bool]:
        """The running key watch, started on first use, and whether this call started it."""
        with self._watch_lock:
            if self._watch is not None or self._watch_failed:
                return self._watch, False
            watch = _KeyWatch(self._display_name, load_compose(os.environ))
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


__all__: Sequence[str] = (
    "DeadKeyComposer", "KeyEventDecoder", "KeyEventText", "KeyStroke", "KeyboardTable",
    "MappingLedger", "TypingBatch", "X11Desktop", "char_for_keysym", "keysym_for_char",
    "keysym_for_event", "keysym_from_name", "keysym_name", "load_compose", "parse_compose",
    "plan_typing", "remap_pair_for", "text_for_keysym", "text_without_context",
)


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
