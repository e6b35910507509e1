"""What an X11 key press types: the keysym its event selects, dead keys and Compose sequences.

The recorder needs the text a key event typed as X clients received it: layout, Shift, Caps
Lock, AltGr, NumLock, the group, and dead keys composed through the system's Compose table.
pynput decodes with the mapping it read at its start and misreads AltGr, Caps Lock and groups,
so ``keysym_for_event`` decodes an event under a given ``KeyboardTable``, ``DeadKeyComposer``
follows dead keys and the Compose key, and ``KeyEventDecoder`` puts both together for events
taken in the server's order, with mapping changes applied between them where they happened.

Pure and unit-tested without a display; ``load_compose`` reads the system's Compose file.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.platform.x11.keyboard import (
    KEYSYM_CAPS_LOCK,
    KEYSYM_ISO_LEVEL3_SHIFT,
    KEYSYM_NUM_LOCK,
    KEYSYM_RETURN,
    KEYSYM_TAB,
    LOCK_INDEX,
    NO_SYMBOL,
    SHIFT_INDEX,
    KeyboardTable,
    char_for_keysym,
    keysym_for_char,
    keysym_from_name,
)

log = logging.getLogger(__name__)

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


# --- key events in the server's order --------------------------------------------------------

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
