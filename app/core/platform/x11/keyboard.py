"""The X11 keyboard mapping: which key types which character, and a plan for typing any text.

A ``KeyboardTable`` is a snapshot of the server's core keyboard mapping and modifier mapping.
From it ``plan_typing`` chooses, for every character, the key a person would press in the
current layout, with Shift and/or AltGr. A character the layout does not have is put on a spare
key code for the duration of the typing: the key code gets the lower-case keysym at level 1 and
the upper-case one at level 2, so a capital is typed as Shift plus that key. (Mapping only the
capital, as ``xdotool type`` does, makes Xlib clients apply the core protocol's rule that a
lone alphabetic keysym means "lower case without Shift", which is why xterm received ``å`` for
``Å``.) The ``MappingLedger`` remembers what the lent codes carried, so they are put back
exactly.

The keysym tables give every keysym its character and its X name. Everything here is pure and
unit-tested without a display, except that ``read_keyboard_table`` asks a connection it is given
and the keysym names come from python-xlib on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.core.platform.desktop import PlatformError

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


# --- keysym names -----------------------------------------------------------------------------

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


# --- the mapping of a server -----------------------------------------------------------------

def read_keyboard_table(display: Any) -> KeyboardTable:
    """The core keyboard mapping and modifier mapping a python-xlib connection reports now.

    The group is left at 0: which group is active is a question of the pointer's state, which
    the caller asks when it needs it.
    """
    first = int(display.display.info.min_keycode)
    last = int(display.display.info.max_keycode)
    rows = display.get_keyboard_mapping(first, last - first + 1)
    keysyms = {first + i: tuple(int(s) for s in row) for i, row in enumerate(rows)}
    modifiers = tuple(
        tuple(int(code) for code in codes) for codes in display.get_modifier_mapping()
    )
    return KeyboardTable(keysyms=keysyms, modifiers=modifiers)
