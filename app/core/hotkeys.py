"""Hotkeys as people write and read them: 'ctrl+F12' in, {'ctrl', 'f12'} inside, 'Ctrl+F12' out.

One place for the recorder's stop, pause and secret keys, the robot's abort key and hotkey steps,
so that every part agrees on names and on the order keyboards print modifiers in.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# The recorder's own keys unless the person chooses others: stop, pause/resume, secret mode.
DEFAULT_STOP_HOTKEY = frozenset({"ctrl", "f12"})
DEFAULT_PAUSE_HOTKEY = frozenset({"ctrl", "f11"})
DEFAULT_SECRET_HOTKEY = frozenset({"ctrl", "f10"})

# Modifier keys by the names pynput gives them, left and right merged.
MODIFIER_NAMES: dict[str, str] = {
    "shift": "shift", "shift_l": "shift", "shift_r": "shift",
    "ctrl": "ctrl", "ctrl_l": "ctrl", "ctrl_r": "ctrl",
    "alt": "alt", "alt_l": "alt", "alt_r": "alt",
    "cmd": "super", "cmd_l": "super", "cmd_r": "super", "super": "super",
}

# The order keyboards and menus print modifiers in; hotkey steps keep it too.
MODIFIER_ORDER = ("ctrl", "alt", "shift", "super")
MODIFIER_TEXT = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "super": "Super"}

# Names people write for keys that pynput calls something else.
_KEY_ALIASES = {
    "control": "ctrl", "strg": "ctrl", "win": "super", "windows": "super", "meta": "super",
    "esc": "esc", "escape": "esc", "return": "enter", "del": "delete", "plus": "+",
}


def parse_hotkey(text: str) -> frozenset[str]:
    """The keys of a hotkey written as people write it: 'ctrl+F12' → {'ctrl', 'f12'}.

    Left and right modifiers count as one ('ctrl_l' is 'ctrl'). A hotkey needs at least one key
    that is not a modifier: one of modifiers only would fire on ordinary typing.
    """
    parts = [part.strip().lower() for part in text.split("+")]
    if not text.strip() or any(not part for part in parts):
        raise ValueError(f"{text!r} is not a hotkey; write it like 'ctrl+F12'")
    keys = frozenset(canonical_key(part) for part in parts)
    if keys <= set(MODIFIER_NAMES.values()):
        raise ValueError(f"{text!r} has only modifier keys; add a key such as F12")
    return keys


def format_hotkey(keys: Collection[str]) -> str:
    """'ctrl+f12' for {'f12', 'ctrl'}: the form the command line takes, modifiers first."""
    modifiers = [key for key in MODIFIER_ORDER if key in keys]
    others = sorted(set(keys).difference(MODIFIER_ORDER))
    return "+".join(modifiers + others)


def hotkey_text(keys: Collection[str]) -> str:
    """{'ctrl', 'f11'} → 'Ctrl+F11': as printed on the keys, for buttons and messages."""
    modifiers = [MODIFIER_TEXT[name] for name in MODIFIER_ORDER if name in keys]
    others = [key.upper() if len(key) == 1 or re.fullmatch(r"f\d+", key)
              else key.replace("_", " ").title()
              for key in sorted(keys) if key not in MODIFIER_TEXT]
    return "+".join([*modifiers, *others])


def canonical_key(name: str) -> str:
    """One name per key: aliases and left/right modifiers folded ('Control_L' → 'ctrl')."""
    name = _KEY_ALIASES.get(name, name)
    return MODIFIER_NAMES.get(name, name)
