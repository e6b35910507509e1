"""Pure parts of the X11 desktop: characters and keysyms, choosing keys and modifiers from a
keyboard mapping, planning the lent key codes and putting them back. No display is needed.

The two mapping tables are the core keyboard mapping an Xvfb server (xkeyboard-config,
evdev rules, pc105) reports after ``setxkbmap us`` and ``setxkbmap se``, cut to the typing block
and the keys the tests need.
"""

from __future__ import annotations

import struct
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from app.core.platform import PlatformError, WindowInfo, desktop_for_this_system
from app.core.platform.x11 import decoding, keyboard
from app.core.platform.x11.decoding import (
    DeadKeyComposer,
    KeyEventDecoder,
    compose_file_for,
    fallback_compose,
    keysym_for_event,
    load_compose,
    parse_compose,
    text_for_keysym,
    text_without_context,
)
from app.core.platform.x11.desktop import X11Desktop
from app.core.platform.x11.key_watch import KeyWatch, later_time, parse_change_keyboard_mapping
from app.core.platform.x11.keyboard import (
    KeyboardTable,
    KeyStroke,
    MappingLedger,
    char_for_keysym,
    contiguous_runs,
    keysym_for_char,
    keysym_from_name,
    keysym_name,
    layout_for_group,
    normalize_text,
    parse_rules_names,
    plan_typing,
    remap_pair_for,
)

US_ROWS: dict[int, tuple[int, ...]] = {
    9: (0xff1b, 0x0, 0xff1b), 10: (0x31, 0x21, 0x31, 0x21), 11: (0x32, 0x40, 0x32, 0x40),
    12: (0x33, 0x23, 0x33, 0x23), 13: (0x34, 0x24, 0x34, 0x24), 14: (0x35, 0x25, 0x35, 0x25),
    15: (0x36, 0x5e, 0x36, 0x5e), 16: (0x37, 0x26, 0x37, 0x26), 17: (0x38, 0x2a, 0x38, 0x2a),
    18: (0x39, 0x28, 0x39, 0x28), 19: (0x30, 0x29, 0x30, 0x29), 20: (0x2d, 0x5f, 0x2d, 0x5f),
    21: (0x3d, 0x2b, 0x3d, 0x2b), 22: (0xff08, 0xff08, 0xff08, 0xff08),
    23: (0xff09, 0xfe20, 0xff09, 0xfe20), 24: (0x71, 0x51, 0x71, 0x51),
    25: (0x77, 0x57, 0x77, 0x57), 26: (0x65, 0x45, 0x65, 0x45), 27: (0x72, 0x52, 0x72, 0x52),
    28: (0x74, 0x54, 0x74, 0x54), 29: (0x79, 0x59, 0x79, 0x59), 30: (0x75, 0x55, 0x75, 0x55),
    31: (0x69, 0x49, 0x69, 0x49), 32: (0x6f, 0x4f, 0x6f, 0x4f), 33: (0x70, 0x50, 0x70, 0x50),
    34: (0x5b, 0x7b, 0x5b, 0x7b), 35: (0x5d, 0x7d, 0x5d, 0x7d), 36: (0xff0d, 0x0, 0xff0d),
    37: (0xffe3, 0x0, 0xffe3), 38: (0x61, 0x41, 0x61, 0x41), 39: (0x73, 0x53, 0x73, 0x53),
    40: (0x64, 0x44, 0x64, 0x44), 41: (0x66, 0x46, 0x66, 0x46), 42: (0x67, 0x47, 0x67, 0x47),
    43: (0x68, 0x48, 0x68, 0x48), 44: (0x6a, 0x4a, 0x6a, 0x4a), 45: (0x6b, 0x4b, 0x6b, 0x4b),
    46: (0x6c, 0x4c, 0x6c, 0x4c), 47: (0x3b, 0x3a, 0x3b, 0x3a), 48: (0x27, 0x22, 0x27, 0x22),
    49: (0x60, 0x7e, 0x60, 0x7e), 50: (0xffe1, 0x0, 0xffe1), 51: (0x5c, 0x7c, 0x5c, 0x7c),
    52: (0x7a, 0x5a, 0x7a, 0x5a), 53: (0x78, 0x58, 0x78, 0x58), 54: (0x63, 0x43, 0x63, 0x43),
    55: (0x76, 0x56, 0x76, 0x56), 56: (0x62, 0x42, 0x62, 0x42), 57: (0x6e, 0x4e, 0x6e, 0x4e),
    58: (0x6d, 0x4d, 0x6d, 0x4d), 59: (0x2c, 0x3c, 0x2c, 0x3c), 60: (0x2e, 0x3e, 0x2e, 0x3e),
    61: (0x2f, 0x3f, 0x2f, 0x3f), 62: (0xffe2, 0x0, 0xffe2),
    63: (0xffaa, 0xffaa, 0xffaa, 0xffaa, 0xffaa, 0xffaa, 0x1008fe21),
    64: (0xffe9, 0xffe7, 0xffe9, 0xffe7), 65: (0x20, 0x0, 0x20), 66: (0xffe5, 0x0, 0xffe5),
    92: (0xfe03, 0x0, 0xfe03), 94: (0x3c, 0x3e, 0x3c, 0x3e, 0x7c, 0xa6, 0x7c),
    108: (0xffea, 0xffe8, 0xffea, 0xffe8), 187: (0x28, 0x0, 0x28), 188: (0x29, 0x0, 0x29),
    203: (0xff7e, 0x0, 0xff7e),
}


SE_ROWS: dict[int, tuple[int, ...]] = {
    9: (0xff1b, 0x0, 0xff1b), 10: (0x31, 0x21, 0x31, 0x21, 0xa1, 0xb9, 0xa1),
    11: (0x32, 0x22, 0x32, 0x22, 0x40, 0xb2, 0x40), 12: (0x33, 0x23, 0x33, 0x23, 0xa3, 0xb3, 0xa3),
    13: (0x34, 0xa4, 0x34, 0xa4, 0x24, 0xbc, 0x24),
    14: (0x35, 0x25, 0x35, 0x25, 0x20ac, 0xa2, 0x20ac),
    15: (0x36, 0x26, 0x36, 0x26, 0xa5, 0xac5, 0xa5),
    16: (0x37, 0x2f, 0x37, 0x2f, 0x7b, 0xf7, 0x7b), 17: (0x38, 0x28, 0x38, 0x28, 0x5b, 0xab, 0x5b),
    18: (0x39, 0x29, 0x39, 0x29, 0x5d, 0xbb, 0x5d), 19: (0x30, 0x3d, 0x30, 0x3d, 0x7d, 0xb0, 0x7d),
    20: (0x2b, 0x3f, 0x2b, 0x3f, 0x5c, 0xbf, 0x5c),
    21: (0xfe51, 0xfe50, 0xfe51, 0xfe50, 0xb1, 0xac, 0xb1), 22: (0xff08, 0xff08, 0xff08, 0xff08),
    23: (0xff09, 0xfe20, 0xff09, 0xfe20), 24: (0x71, 0x51, 0x71, 0x51, 0x40, 0x7d9, 0x40),
    25: (0x77, 0x57, 0x77, 0x57, 0x100017f, 0xa7, 0x100017f),
    26: (0x65, 0x45, 0x65, 0x45, 0x20ac, 0xa2, 0x20ac),
    27: (0x72, 0x52, 0x72, 0x52, 0xae, 0xae, 0xae), 28: (0x74, 0x54, 0x74, 0x54, 0xfe, 0xde, 0xfe),
    29: (0x79, 0x59, 0x79, 0x59, 0x8fb, 0xa5, 0x8fb),
    30: (0x75, 0x55, 0x75, 0x55, 0x8fe, 0x8fc, 0x8fe),
    31: (0x69, 0x49, 0x69, 0x49, 0x8fd, 0x2b9, 0x8fd),
    32: (0x6f, 0x4f, 0x6f, 0x4f, 0x13bd, 0x13bc, 0x13bd),
    33: (0x70, 0x50, 0x70, 0x50, 0xfe, 0xde, 0xfe),
    34: (0xe5, 0xc5, 0xe5, 0xc5, 0xfe57, 0xfe58, 0xfe57),
    35: (0xfe57, 0xfe52, 0xfe57, 0xfe52, 0xfe53, 0xfe5a, 0xfe53), 36: (0xff0d, 0x0, 0xff0d),
    37: (0xffe3, 0x0, 0xffe3), 38: (0x61, 0x41, 0x61, 0x41, 0xaa, 0xba, 0xaa),
    39: (0x73, 0x53, 0x73, 0x53, 0xdf, 0x1001e9e, 0xdf),
    40: (0x64, 0x44, 0x64, 0x44, 0xf0, 0xd0, 0xf0),
    41: (0x66, 0x46, 0x66, 0x46, 0x1f0, 0xaa, 0x1f0),
    42: (0x67, 0x47, 0x67, 0x47, 0x3bf, 0x3bd, 0x3bf),
    43: (0x68, 0x48, 0x68, 0x48, 0x2b1, 0x2a1, 0x2b1),
    44: (0x6a, 0x4a, 0x6a, 0x4a, 0xfe61, 0xfe62, 0xfe61),
    45: (0x6b, 0x4b, 0x6b, 0x4b, 0x3a2, 0x26, 0x3a2),
    46: (0x6c, 0x4c, 0x6c, 0x4c, 0x1b3, 0x1a3, 0x1b3),
    47: (0xf6, 0xd6, 0xf6, 0xd6, 0xf8, 0xd8, 0xf8), 48: (0xe4, 0xc4, 0xe4, 0xc4, 0xe6, 0xc6, 0xe6),
    49: (0xa7, 0xbd, 0xa7, 0xbd, 0xb6, 0xbe, 0xb6), 50: (0xffe1, 0x0, 0xffe1),
    51: (0x27, 0x2a, 0x27, 0x2a, 0xb4, 0xd7, 0xb4), 52: (0x7a, 0x5a, 0x7a, 0x5a, 0xab, 0x3c, 0xab),
    53: (0x78, 0x58, 0x78, 0x58, 0xbb, 0x3e, 0xbb), 54: (0x63, 0x43, 0x63, 0x43, 0xa9, 0xa9, 0xa9),
    55: (0x76, 0x56, 0x76, 0x56, 0xafe, 0xafd, 0xafe),
    56: (0x62, 0x42, 0x62, 0x42, 0xad2, 0xad0, 0xad2),
    57: (0x6e, 0x4e, 0x6e, 0x4e, 0xad3, 0xad1, 0xad3),
    58: (0x6d, 0x4d, 0x6d, 0x4d, 0xb5, 0xba, 0xb5),
    59: (0x2c, 0x3b, 0x2c, 0x3b, 0xfe5b, 0xfe5c, 0xfe5b),
    60: (0x2e, 0x3a, 0x2e, 0x3a, 0xb7, 0xfe56, 0xb7),
    61: (0x2d, 0x5f, 0x2d, 0x5f, 0xfe60, 0xfe56, 0xfe60), 62: (0xffe2, 0x0, 0xffe2),
    63: (0xffaa, 0xffaa, 0xffaa, 0xffaa, 0xffaa, 0xffaa, 0x1008fe21),
    64: (0xffe9, 0xffe7, 0xffe9, 0xffe7), 65: (0x20, 0x20, 0x20, 0x20, 0x20, 0xa0, 0x20),
    66: (0xffe5, 0x0, 0xffe5), 92: (0xfe03, 0x0, 0xfe03),
    94: (0x3c, 0x3e, 0x3c, 0x3e, 0x7c, 0xa6, 0x7c), 108: (0xfe03, 0x0, 0xfe03),
    187: (0x28, 0x0, 0x28), 188: (0x29, 0x0, 0x29), 203: (0xff7e, 0x0, 0xff7e),
}


# Modifier mapping (Shift, Lock, Control, Mod1..Mod5) of the same server.
US_MODIFIERS = ((50, 62), (66,), (37, 105), (64, 108, 205), (77,), (), (133, 134, 206, 207),
                (92, 203))
SE_MODIFIERS = ((50, 62), (66,), (37, 105), (64, 205), (77,), (), (133, 134, 206, 207),
                (92, 203))
EMPTY_CODES = (8, 93, 97, 103, 120, 132, 149, 154, 168, 178, 183, 184, 197, 202, 217, 219, 222,
               230, 248)


def make_table(rows: dict[int, tuple[int, ...]], modifiers: tuple[tuple[int, ...], ...],
               *, spare: tuple[int, ...] = EMPTY_CODES, group: int = 0) -> KeyboardTable:
    keysyms = {77: (0xFF7F, 0, 0xFF7F), **rows}  # Num_Lock, held by Mod2
    keysyms.update({code: (0,) * 7 for code in spare})
    return KeyboardTable(keysyms=keysyms, modifiers=modifiers, group=group)


US = make_table(US_ROWS, US_MODIFIERS)
SE = make_table(SE_ROWS, SE_MODIFIERS)


# --- characters and keysyms ----------------------------------------------------------------

@pytest.mark.parametrize(("char", "keysym"), [
    ("a", 0x61), ("Å", 0xC5), ("å", 0xE5), ("ö", 0xF6), ("@", 0x40), ("\xa0", 0xA0),
    ("€", 0x010020AC), ("Ł", 0x01000141), ("ж", 0x01000436), ("😀", 0x0101F600),
    ("\n", 0xFF0D), ("\t", 0xFF09),
])
def test_keysym_for_char(char: str, keysym: int) -> None:
    assert keysym_for_char(char) == keysym


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b", "\x7f", "\x85", "\ud800"])
def test_control_characters_cannot_be_typed(char: str) -> None:
    with pytest.raises(PlatformError, match="control character"):
        keysym_for_char(char)


@pytest.mark.parametrize(("keysym", "char"), [
    (0x61, "a"), (0xC5, "Å"), (0xFF0D, "\n"), (0xFF09, "\t"), (0x20AC, "€"),
    (0x010020AC, "€"), (0x1A3, "Ł"), (0x1B3, "ł"), (0x13BD, "œ"), (0x6C1, "а"), (0x6E1, "А"),
    (0x7C1, "Α"), (0x7D2, "Σ"), (0x7F2, "σ"), (0x7F3, "ς"), (0xAD2, "“"), (0x8FD, "→"),
    (0xFE03, None), (0xFE51, None), (0xFFE1, None), (0xFFB1, None), (0, None), (0x7F, None),
])
def test_char_for_keysym(keysym: int, char: str | None) -> None:
    assert char_for_keysym(keysym) == char


def test_legacy_keysyms_agree_with_their_x_names() -> None:
    """Every entry built from a code page names a letter of the same case in X's own list."""
    checked = 0
    for keysym, char in keyboard.LEGACY_KEYSYMS.items():
        name = keysym_name(keysym)
        if name.startswith("0x") or unicodedata.category(char) not in ("Lu", "Ll"):
            continue
        bare = name.split("_")[-1]
        assert bare[0].isupper() == char.isupper(), (hex(keysym), name, char)
        checked += 1
    assert checked > 200


def test_every_legacy_keysym_round_trips_through_typing_the_unicode_one() -> None:
    for char in keyboard.LEGACY_KEYSYMS.values():
        assert char_for_keysym(keysym_for_char(char)) == char


@pytest.mark.parametrize(("char", "pair", "shifted"), [
    ("å", (0xE5, 0xC5), False), ("Å", (0xE5, 0xC5), True), ("Ö", (0xF6, 0xD6), True),
    ("€", (0x010020AC, 0x010020AC), False), ("ß", (0xDF, 0xDF), False),
    ("Ł", (0x01000142, 0x01000141), True), ("ł", (0x01000142, 0x01000141), False),
    ("ǅ", (0x010001C5, 0x010001C5), False),  # title case: neither the lower nor the upper one
    ("1", (0x31, 0x31), False),
])
def test_spare_key_carries_both_cases(char: str, pair: tuple[int, int], shifted: bool) -> None:
    assert remap_pair_for(char) == (*pair, shifted)


def test_text_is_normalized_like_keyboard_input() -> None:
    assert normalize_text("A\u030asa\r\nb\rc") == "Åsa\nb\nc"


def test_keysym_names() -> None:
    assert keysym_name(0xFFE1) == "Shift_L"
    assert keysym_name(0xE5) == "aring"
    assert keysym_name(0xFE03) == "ISO_Level3_Shift"
    assert keysym_name(0x010020AC) == "U20AC"
    assert keysym_name(0x12345678) == "0x12345678"


# --- choosing keys and modifiers -----------------------------------------------------------

def test_modifier_keys_are_found_in_the_modifier_mapping() -> None:
    for table in (US, SE):
        assert table.shift_keycode() == 50
        assert table.level3_keycode() == 92
        assert table.caps_lock_keycode() == 66
        assert table.modifier_index_of(keyboard.KEYSYM_NUM_LOCK) == 4


@pytest.mark.parametrize(("char", "stroke"), [
    ("a", KeyStroke(38)), ("A", KeyStroke(38, shift=True)), (" ", KeyStroke(65)),
    ("\n", KeyStroke(36)), ("\t", KeyStroke(23)), ("@", KeyStroke(11, shift=True)),
    ("{", KeyStroke(34, shift=True)), ("\\", KeyStroke(51)),
    ("|", KeyStroke(51, shift=True)),  # Shift beats AltGr on the 102nd key
    ("<", KeyStroke(94)),  # level 1 of the 102nd key beats Shift+comma
    ("(", KeyStroke(18, shift=True)),  # the main block beats the extra "(" key 187
])
def test_us_layout_strokes(char: str, stroke: KeyStroke) -> None:
    assert US.char_strokes()[char] == stroke


@pytest.mark.parametrize(("char", "stroke"), [
    ("å", KeyStroke(34)), ("Å", KeyStroke(34, shift=True)), ("ä", KeyStroke(48)),
    ("Ö", KeyStroke(47, shift=True)), ("@", KeyStroke(11, level3=True)),
    ("£", KeyStroke(12, level3=True)), ("$", KeyStroke(13, level3=True)),
    ("€", KeyStroke(14, level3=True)),  # AltGr+5 and AltGr+E both have it: lowest code wins
    ("{", KeyStroke(16, level3=True)), ("[", KeyStroke(17, level3=True)),
    ("]", KeyStroke(18, level3=True)), ("}", KeyStroke(19, level3=True)),
    ("\\", KeyStroke(20, level3=True)), ("|", KeyStroke(94, level3=True)),
    ("¡", KeyStroke(10, level3=True)), ("¹", KeyStroke(10, shift=True, level3=True)),
    ("Ø", KeyStroke(47, shift=True, level3=True)), ("œ", KeyStroke(32, level3=True)),
])
def test_se_layout_strokes(char: str, stroke: KeyStroke) -> None:
    assert SE.char_strokes()[char] == stroke


def test_dead_keys_and_missing_characters_are_not_offered() -> None:
    se = SE.char_strokes()
    assert "~" not in se  # only dead_tilde on the Swedish layout
    assert "^" not in se
    assert not {"å", "ä", "ö", "€", "£"} & set(US.char_strokes())


def test_modifier_keys_never_type_characters() -> None:
    rows = dict(US_ROWS)
    rows[62] = (0x78,)  # a Shift key that also claims to type "x"
    table = make_table(rows, US_MODIFIERS)
    assert table.char_strokes()["x"] == KeyStroke(53)
    assert all(stroke.keycode != 62 for stroke in table.char_strokes().values())


def test_without_an_altgr_key_level_three_is_not_used() -> None:
    modifiers = (*SE_MODIFIERS[:7], (203,))
    table = make_table(SE_ROWS, modifiers)
    assert table.level3_keycode() is None
    assert "@" not in table.char_strokes()
    batches = plan_typing("@", table)
    assert batches[0].remap == {183: (0x40, 0x40)}


def test_second_group_uses_its_own_columns() -> None:
    rows = {38: (0x61, 0x41, 0x01000430, 0x01000410), 50: (0xFFE1,)}
    table = KeyboardTable(keysyms=rows, modifiers=((50,),), group=1)
    assert table.char_strokes() == {"а": KeyStroke(38), "А": KeyStroke(38, shift=True)}


# --- spare key codes and planning ----------------------------------------------------------

def test_spare_codes_prefer_long_runs_and_skip_modifier_keys() -> None:
    table = make_table(US_ROWS, (*US_MODIFIERS[:5], (200,), *US_MODIFIERS[6:]),
                       spare=(8, 93, 199, 200, 201, 202, 250))
    assert table.spare_keycodes() == [201, 202, 250, 199, 93, 8]
    assert table.spare_keycodes(limit=3) == [201, 202, 250]
    assert contiguous_runs([202, 201, 93, 8, 199]) == [[8], [93], [199], [201, 202]]


def test_plan_on_the_swedish_layout_needs_no_spare_key() -> None:
    text = "Åsa Öberg, Storgatan 5, 123 45 Växjö\n@ £ $ € { } [ ] \\ |"
    batches = plan_typing(text, SE)
    assert len(batches) == 1
    assert batches[0].remap == {}
    assert len(batches[0].strokes) == len(text)


def test_plan_on_the_us_layout_lends_one_code_per_letter_pair() -> None:
    batches = plan_typing("Åsa åÅ Öö €", US)
    assert len(batches) == 1
    batch = batches[0]
    # 183 and 184 are the only neighbouring free codes, so they go first (one request).
    assert US.spare_keycodes()[:4] == [183, 184, 248, 230]
    assert batch.remap == {183: (0xE5, 0xC5), 184: (0xF6, 0xD6), 248: (0x010020AC, 0x010020AC)}
    assert batch.strokes[0] == KeyStroke(183, shift=True)
    assert batch.strokes[1] == KeyStroke(39)
    assert [s for s in batch.strokes if s.keycode == 183] == [
        KeyStroke(183, shift=True), KeyStroke(183), KeyStroke(183, shift=True)
    ]


def test_plan_splits_into_batches_when_spare_codes_run_out() -> None:
    table = make_table(US_ROWS, US_MODIFIERS, spare=(120, 121))
    batches = plan_typing("åäöxüé", table)
    assert [len(b.strokes) for b in batches] == [2, 3, 1]
    assert [sorted(b.remap) for b in batches] == [[120, 121], [120, 121], [120]]
    assert batches[1].remap == {120: (0xF6, 0xD6), 121: (0xFC, 0xDC)}
    assert batches[1].strokes == [KeyStroke(120), KeyStroke(53), KeyStroke(121)]
    for batch in batches:
        assert len(batch.remap) <= 2


def test_plan_refuses_before_typing_when_nothing_can_be_lent() -> None:
    table = make_table(US_ROWS, US_MODIFIERS, spare=())
    with pytest.raises(PlatformError, match="no free key code"):
        plan_typing("abc å", table)
    with pytest.raises(PlatformError, match="control character"):
        plan_typing("abc\x1b", US)


def test_empty_text_plans_nothing() -> None:
    assert plan_typing("", US) == []


# --- putting the mapping back --------------------------------------------------------------

def test_ledger_restores_exactly_what_was_lent() -> None:
    table = make_table({**US_ROWS, 121: (0x1008FF23, 0, 0x1008FF23)}, US_MODIFIERS,
                       spare=(120, 122, 200))
    ledger = MappingLedger()
    requests = ledger.lend(table, {120: (0xE5, 0xC5), 121: (0xF6, 0xD6), 200: (0x40, 0x40)})
    assert requests == [(120, [[0xE5, 0xC5], [0xF6, 0xD6]]), (200, [[0x40, 0x40]])]
    assert ledger.restore_requests() == [
        (120, [[0] * 7, [0x1008FF23, 0, 0x1008FF23, 0, 0, 0, 0]]), (200, [[0] * 7]),
    ]


def test_ledger_keeps_the_first_original_when_a_code_is_lent_twice() -> None:
    table = make_table(US_ROWS, US_MODIFIERS, spare=(120,))
    lent = KeyboardTable(keysyms={**table.keysyms, 120: (0xE5, 0xC5)}, modifiers=table.modifiers)
    ledger = MappingLedger()
    ledger.lend(table, {120: (0xE5, 0xC5)})
    ledger.lend(lent, {120: (0xF6, 0xD6)})
    assert ledger.restore_requests() == [(120, [[0] * 7])]
    ledger.clear()
    assert ledger.restore_requests() == []


# --- what a key press types -----------------------------------------------------------------

SHIFT, LOCK, CONTROL, NUM_LOCK, ALTGR = 0x1, 0x2, 0x4, 0x10, 0x80
GROUP_2 = 1 << 13
# The keypad as the same server reports it (se and us alike): KP_End/KP_1, KP_Delete with the
# Swedish comma (KP_Separator) or the US point, KP_Add.
KEYPAD_SE = {87: (0xFF9C, 0xFFB1, 0xFF9C, 0xFFB1), 91: (0xFF9F, 0xFFAC, 0xFF9F, 0xFFAC),
             86: (0xFFAB, 0xFFAB, 0xFFAB, 0xFFAB, 0xFFAB, 0xFFAB, 0x1008FE22)}
SE_KEYS = make_table({**SE_ROWS, **KEYPAD_SE}, SE_MODIFIERS)
# Two layouts, as `setxkbmap -layout se,us` and `us,se` lay out the keys the tests use.
SE_US = make_table({
    11: (0x32, 0x22, 0x32, 0x40, 0x40, 0xB2, 0, 0), 34: (0xE5, 0xC5, 0x5B, 0x7B, 0xFE57, 0xFE58),
    51: (0x27, 0x2A, 0x5C, 0x7C, 0xB4, 0xD7), 92: (0xFE03,), 94: (0x3C, 0x3E, 0x3C, 0x3E, 0x7C,
    0xA6, 0x7C, 0xA6), 50: (0xFFE1, 0xFE0A, 0xFFE1, 0xFE0A), 62: (0xFFE2,), 66: (0xFFE5,)},
    SE_MODIFIERS)
US_SE = make_table({
    11: (0x32, 0x40, 0x32, 0x22, 0x40, 0xB2, 0, 0), 34: (0x5B, 0x7B, 0xE5, 0xC5, 0xFE57, 0xFE58),
    92: (0xFE03,), 50: (0xFFE1, 0xFE0A, 0xFFE1, 0xFE0A), 62: (0xFFE2,), 66: (0xFFE5,)},
    SE_MODIFIERS)


def typed(table: KeyboardTable, keycode: int, state: int = 0) -> str | None:
    return text_without_context(table, keycode, state)


@pytest.mark.parametrize(("keycode", "state", "text"), [
    (34, 0, "å"), (34, SHIFT, "Å"), (47, SHIFT, "Ö"), (48, 0, "ä"), (10, SHIFT, "!"),
    (11, SHIFT, '"'), (11, ALTGR, "@"), (12, ALTGR, "£"), (13, ALTGR, "$"), (14, ALTGR, "€"),
    (26, ALTGR, "€"), (16, ALTGR, "{"), (17, ALTGR, "["), (18, ALTGR, "]"), (19, ALTGR, "}"),
    (20, ALTGR, "\\"), (94, ALTGR, "|"), (10, SHIFT | ALTGR, "¹"), (47, ALTGR | SHIFT, "Ø"),
    (65, 0, " "), (65, SHIFT | ALTGR, "\xa0"), (54, CONTROL, "c"), (38, CONTROL | SHIFT, "A"),
    (9, ALTGR, None),  # a key without a third level ignores AltGr: Escape stays Escape
    (38, ALTGR, "ª"),
])
def test_swedish_keys_with_shift_and_altgr(keycode: int, state: int, text: str | None) -> None:
    assert typed(SE_KEYS, keycode, state) == text


@pytest.mark.parametrize(("keycode", "state", "text"), [
    (38, LOCK, "A"), (38, LOCK | SHIFT, "a"), (34, LOCK, "Å"), (34, LOCK | SHIFT, "å"),
    (10, LOCK, "1"), (10, LOCK | SHIFT, "!"), (49, LOCK, "§"),
    (47, LOCK | ALTGR, "Ø"), (14, LOCK | ALTGR, "€"), (11, LOCK | ALTGR, "@"),
])
def test_caps_lock_reaches_letters_only(keycode: int, state: int, text: str) -> None:
    """As a Qt window on Xvfb receives it: Caps Lock swaps the cases of a letter key (Shift
    makes it small again) and gives capitals on AltGr letters; digits and signs ignore it."""
    assert typed(SE_KEYS, keycode, state) == text


def test_shift_lock_acts_as_shift_held() -> None:
    shift_lock = make_table({**SE_ROWS, 66: (0xFFE6,)}, SE_MODIFIERS)
    assert typed(shift_lock, 10, LOCK) == "!"
    assert typed(shift_lock, 38, LOCK) == "A"


@pytest.mark.parametrize(("keycode", "state", "text"), [
    (87, 0, None), (87, NUM_LOCK, "1"), (87, NUM_LOCK | SHIFT, None), (87, SHIFT, "1"),
    (91, NUM_LOCK, ","), (86, 0, "+"), (86, NUM_LOCK, "+"), (63, ALTGR, "*"),
])
def test_keypad_follows_num_lock(keycode: int, state: int, text: str | None) -> None:
    """Without NumLock the digit keys move the cursor; Shift reverses NumLock as on a PC."""
    assert typed(SE_KEYS, keycode, state) == text


@pytest.mark.parametrize(("table", "keycode", "state", "text"), [
    (SE_US, 34, 0, "å"), (SE_US, 34, GROUP_2, "["), (SE_US, 34, GROUP_2 | SHIFT, "{"),
    (SE_US, 11, GROUP_2 | SHIFT, "@"), (SE_US, 51, GROUP_2, "\\"), (SE_US, 11, ALTGR, "@"),
    (SE_US, 94, GROUP_2 | ALTGR, "|"),  # both groups have a third level: group 2's own
    (US_SE, 34, 0, "["), (US_SE, 34, GROUP_2 | SHIFT, "Å"), (US_SE, 11, GROUP_2 | ALTGR, "@"),
    (US_SE, 11, GROUP_2 | ALTGR | SHIFT, "²"),
    (SE_US, 34, 2 << 13, None),  # a third group is not decoded
])
def test_second_group_is_decoded_from_the_state(
    table: KeyboardTable, keycode: int, state: int, text: str | None
) -> None:
    assert typed(table, keycode, state) == text


def test_a_lone_keysym_on_a_lent_code_types_like_the_server_makes_it() -> None:
    """``xdotool type Å`` lends a code with Aring alone: the server turns it into the pair
    (aring, Aring), so without Shift every client receives "å"."""
    table = make_table({**SE_ROWS, 8: (0xC5,)}, SE_MODIFIERS, spare=())
    assert typed(table, 8) == "å"
    assert typed(table, 8, SHIFT) == "Å"
    euro = make_table({**US_ROWS, 8: (0x20AC,)}, US_MODIFIERS, spare=())
    assert typed(euro, 8) == "€"
    assert typed(euro, 8, SHIFT) == "€"
    assert typed(euro, 8, GROUP_2) == "€"  # a code without a second group uses its first


def test_mode_switch_is_the_level_three_modifier_when_nothing_else_is() -> None:
    table = make_table(SE_ROWS, (*SE_MODIFIERS[:7], (203,)))
    assert typed(table, 11, ALTGR) == "@"


@pytest.mark.parametrize(("keycode", "text"), [
    (23, None), (36, None), (9, None), (22, None), (50, None), (66, None), (92, None),
    (108, None), (77, None), (21, ""), (35, ""), (200, None),
])
def test_keys_without_text(keycode: int, text: str | None) -> None:
    """Tab, Return, Escape, BackSpace, modifiers and unknown codes type nothing (None); a dead
    key types nothing yet (the empty text)."""
    assert typed(SE_KEYS, keycode) == text


def test_keysym_for_event_of_a_dead_key() -> None:
    assert keysym_for_event(SE_KEYS, 21, 0) == 0xFE51  # dead_acute
    assert keysym_for_event(SE_KEYS, 21, SHIFT) == 0xFE50  # dead_grave
    assert keysym_for_event(SE_KEYS, 35, ALTGR) == 0xFE53  # dead_tilde


@pytest.mark.parametrize(("keysym", "text"), [
    (0xFFB5, "5"), (0xFFAC, ","), (0xFFAE, "."), (0xFFAA, "*"), (0xFF80, " "), (0xFFBD, "="),
    (0xFF8D, None), (0xFF0D, None), (0xFF09, None), (0xFFBE, None), (0xFE51, None),
    (0xE5, "å"), (0x20AC, "€"), (0x0100263A, "☺"),
])
def test_text_for_keysym(keysym: int, text: str | None) -> None:
    assert text_for_keysym(keysym) == text


# --- dead keys ---------------------------------------------------------------------------------

SAMPLE_COMPOSE = r"""
# a comment
include "%L"
<dead_acute> <e>			: "é"	eacute # LATIN SMALL LETTER E WITH ACUTE
<dead_acute> <E>			: "É"	Eacute
<dead_acute> <space>			: "'"	apostrophe
<dead_acute> <dead_acute>		: "´"	acute
<dead_diaeresis> <u>			: "ü"	udiaeresis
<dead_tilde> <n>			: "ñ"	ntilde
<dead_acute> <dead_diaeresis> <u>	: "ǘ"	U01D8
<Multi_key> <o> <c>			: "©"	copyright
<Multi_key> <quotedbl> <backslash>	: "\"\\"	# escaped quote and backslash
<Multi_key> <x> <y>			: "\101\x42"	# octal, hex
<dead_grave> <no_such_key>		: "?"
<a> <b>					: "not a dead key"
<dead_acute> <space>			: "´"	# a later line overrides
"""


def feed(composer: DeadKeyComposer, *keysyms: int) -> list[str | None]:
    return [composer.press(keysym) for keysym in keysyms]


def test_compose_file_lines_become_sequences() -> None:
    sequences = parse_compose(SAMPLE_COMPOSE, keysym_from_name)
    assert sequences[(0xFE51, 0x65)] == "é"
    assert sequences[(0xFE51, 0x20)] == "´"
    assert sequences[(0xFE51, 0xFE57, 0x75)] == "ǘ"
    assert sequences[(0xFF20, 0x22, 0x5C)] == '"\\'
    assert sequences[(0xFF20, 0x78, 0x79)] == "AB"
    assert (0x61, 0x62) not in sequences
    assert len(sequences) == 10


def test_dead_keys_compose_with_the_next_key() -> None:
    composer = DeadKeyComposer(parse_compose(SAMPLE_COMPOSE, keysym_from_name))
    assert feed(composer, 0xFE51, 0x65) == ["", "é"]
    assert feed(composer, 0xFE51, 0xFFE1, 0x45) == ["", None, "É"]  # Shift keeps it waiting
    assert feed(composer, 0xFE57, 0x75, 0xFE53, 0x6E) == ["", "ü", "", "ñ"]
    assert feed(composer, 0xFE51, 0xFE51) == ["", "´"]
    assert feed(composer, 0xFE51, 0xFE57, 0x75) == ["", "", "ǘ"]
    assert feed(composer, 0xFF20, 0x6F, 0x63) == ["", "", "©"]
    assert feed(composer, 0x61) == ["a"]
    assert not composer.waiting


def test_an_unmatched_key_types_itself_and_drops_the_accent() -> None:
    composer = DeadKeyComposer(parse_compose(SAMPLE_COMPOSE, keysym_from_name))
    assert feed(composer, 0xFE51, 0x78) == ["", "x"]
    assert feed(composer, 0xFE51, 0xFF09, 0x65) == ["", None, "e"]  # Tab ends the wait
    assert feed(composer, 0xFE52, 0x61) == ["", "a"]  # a dead key without sequences
    assert feed(composer, 0xFE51, 0xFE57, 0x78) == ["", "", "x"]


def test_the_fallback_composes_the_nordic_dead_keys() -> None:
    composer = DeadKeyComposer(fallback_compose())
    assert feed(composer, 0xFE51, 0x65, 0xFE57, 0x55, 0xFE53, 0x6E, 0xFE50, 0x61) == [
        "", "é", "", "Ü", "", "ñ", "", "à"]
    assert feed(composer, 0xFE52, 0x20, 0xFE51, 0xFE51) == ["", "^", "", "´"]


def test_compose_file_is_found_through_compose_dir(tmp_path: Path) -> None:
    (tmp_path / "compose.dir").write_text(
        "# comment\nen_US.UTF-8/Compose:\t\ten_US.UTF-8\nen_US.UTF-8/Compose\tsv_SE.UTF-8\n"
        "iso8859-1/Compose:\tsv_SE.ISO8859-1\n", encoding="latin-1")
    (tmp_path / "en_US.UTF-8").mkdir()
    (tmp_path / "en_US.UTF-8" / "Compose").write_text(SAMPLE_COMPOSE, encoding="utf-8")
    expected = tmp_path / "en_US.UTF-8" / "Compose"
    assert compose_file_for("sv_SE.UTF-8", tmp_path) == expected
    assert compose_file_for("C", tmp_path) == expected  # unknown: the UTF-8 default
    assert compose_file_for("sv_SE.ISO8859-1", tmp_path) is None  # listed, but not there
    assert compose_file_for("sv_SE.UTF-8", tmp_path / "missing") is None


def test_load_compose_uses_the_system_file_or_the_fallback(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    sample = tmp_path / "Compose"
    sample.write_text(SAMPLE_COMPOSE, encoding="utf-8")
    monkeypatch.setattr(decoding, "compose_file_for", lambda locale: sample)
    assert load_compose({"LANG": "sv_SE.UTF-8"})[(0xFE51, 0x20)] == "´"
    monkeypatch.setattr(decoding, "compose_file_for", lambda locale: None)
    assert load_compose({}) == fallback_compose()


def test_keysym_names_to_values() -> None:
    assert keysym_from_name("aring") == 0xE5
    assert keysym_from_name("dead_acute") == 0xFE51
    assert keysym_from_name("Multi_key") == 0xFF20
    assert keysym_from_name("U01D8") == 0x010001D8
    assert keysym_from_name("U00E9") == 0xE9
    assert keysym_from_name("0x1008ff12") == 0x1008FF12
    assert keysym_from_name("no_such_key") is None


# --- decoding events in the order they happened ----------------------------------------------

def test_each_event_is_decoded_under_the_mapping_it_happened_in() -> None:
    """A code lent for "å", pressed, given back and lent for "€" before anyone asks."""
    decoder = KeyEventDecoder(SE_KEYS, DeadKeyComposer(fallback_compose()))
    decoder.change_mapping(8, [(0xE5, 0xC5)])
    press = decoder.key(100, 8, 0, True)
    decoder.change_mapping(8, [(0, 0)])
    release = decoder.key(101, 8, 0, False)
    decoder.change_mapping(8, [(0x20AC,)])
    euro = decoder.key(102, 8, 0, True)
    decoder.change_mapping(8, [(0,)])
    assert (press.text, release.text, euro.text) == ("å", "å", "€")
    assert (press.time, press.keycode, press.pressed, release.pressed) == (100, 8, True, False)
    assert decoder.table.keysyms[8] == (0,)


def test_a_release_answers_with_its_press() -> None:
    decoder = KeyEventDecoder(SE_KEYS, DeadKeyComposer(fallback_compose()))
    texts = [decoder.key(t, code, state, pressed).text for t, code, state, pressed in (
        (1, 50, 0, True), (2, 38, SHIFT, True), (3, 50, SHIFT, False), (4, 38, 0, False),
        (5, 21, 0, True), (6, 21, 0, False), (7, 26, 0, True), (8, 26, 0, False),
        (9, 30, 0, False),  # a release whose press came before: decoded on its own
    )]
    assert texts == [None, "A", None, "A", "", "", "é", "é", "u"]


def test_a_new_table_replaces_the_old_one() -> None:
    decoder = KeyEventDecoder(US, DeadKeyComposer({}))
    assert decoder.key(1, 34, 0, True).text == "["
    decoder.replace_table(SE_KEYS)
    assert decoder.key(2, 34, 0, True).text == "å"


def change_request(first: int, rows: list[list[int]], order: str) -> bytes:
    per_code = len(rows[0])
    body = [keysym for row in rows for keysym in row]
    return struct.pack(f"{order}BBHBBxx{len(body)}I", 100, len(rows), 2 + len(body), first,
                       per_code, *body)


def test_recorded_change_keyboard_mapping_requests_are_read() -> None:
    native = "<" if sys.byteorder == "little" else ">"
    other = ">" if native == "<" else "<"
    rows = [[0xE5, 0xC5], [0x20AC, 0]]
    assert parse_change_keyboard_mapping(change_request(8, rows, native), False) == (
        8, [(0xE5, 0xC5), (0x20AC, 0)])
    assert parse_change_keyboard_mapping(change_request(8, rows, other), True) == (
        8, [(0xE5, 0xC5), (0x20AC, 0)])
    assert parse_change_keyboard_mapping(change_request(8, rows, native)[:12], False) is None
    assert parse_change_keyboard_mapping(b"\x76" + bytes(7), False) is None  # another request


def test_server_time_wraps_after_49_days() -> None:
    assert later_time(2, 1)
    assert not later_time(1, 2)
    assert not later_time(5, 5)
    assert later_time(3, 0xFFFFFFF0)


# --- pairing a caller's events with the key watch's --------------------------------------------

def running_watch() -> KeyWatch:
    """The key watch without its X connections: events are handed to it as RECORD would."""
    watch = KeyWatch(None, fallback_compose())
    watch._decoder = KeyEventDecoder(SE_KEYS, DeadKeyComposer(fallback_compose()))
    watch._thread = threading.current_thread()  # "running", so find may wait for events
    watch.start_time = 1000
    return watch


def lend(watch: KeyWatch, keysyms: tuple[int, ...]) -> None:
    assert watch._decoder is not None
    watch._decoder.change_mapping(8, [keysyms])


def test_events_in_the_same_millisecond_are_told_apart_by_their_order() -> None:
    watch = running_watch()
    lend(watch, (0xE5,))
    watch.record_key(1500, 8, 0, True)
    watch.record_key(1500, 8, 0, False)
    lend(watch, (0x20AC,))
    watch.record_key(1500, 8, 0, True)
    watch.record_key(1500, 8, 0, False)
    lend(watch, (0,))
    assert [watch.find(8, 0, 1500, 1.0) for _ in range(4)] == [
        (True, "å"), (True, "å"), (True, "€"), (True, "€")]


def test_without_times_events_pair_in_order_skipping_those_not_asked_about() -> None:
    watch = running_watch()
    for time_ms, keycode, state, pressed in ((1001, 50, 0, True), (1002, 38, SHIFT, True),
                                             (1003, 50, SHIFT, False), (1004, 38, 0, False),
                                             (1005, 38, 0, True), (1006, 38, 0, False)):
        watch.record_key(time_ms, keycode, state, pressed)
    assert watch.find(38, SHIFT, None, 1.0) == (True, "A")
    assert watch.find(38, 0, None, 1.0) == (True, "A")  # the release of the capital
    assert watch.find(38, 0, None, 1.0) == (True, "a")
    assert watch.find(38, 0, 1002 + 2, 1.0) == (True, "A")  # named by time: found behind


def test_an_event_from_before_the_watch_is_not_waited_for() -> None:
    watch = running_watch()
    started = time.monotonic()
    assert watch.find(38, 0, 999, 5.0) == (False, None)
    watch.record_key(1010, 38, 0, True)
    assert watch.find(39, 0, 1005, 5.0) == (False, None)  # later events came, this one not
    assert time.monotonic() - started < 1.0


def test_an_event_the_watch_sees_a_little_later_is_waited_for() -> None:
    watch = running_watch()
    timer = threading.Timer(0.1, watch.record_key, (1100, 26, 0, True))
    timer.start()
    try:
        assert watch.find(26, 0, 1100, 5.0) == (True, "e")
    finally:
        timer.join()


def test_an_event_given_up_on_is_passed_over_when_it_comes() -> None:
    """A starved watch: the caller stopped waiting for the first "å" and decoded it itself;
    when the watch gets it after all, the caller's next event is not paired with it."""
    watch = running_watch()
    assert watch.find(8, 0, 1200, 0.05) == (False, None)
    lend(watch, (0xE5,))
    watch.record_key(1200, 8, 0, True)
    lend(watch, (0xE4,))
    watch.record_key(1200, 8, 0, True)
    assert watch.find(8, 0, 1200, 1.0) == (True, "ä")


# --- layout names, window boxes, choosing the desktop -------------------------------------

def test_layout_from_rules_names() -> None:
    rules = parse_rules_names(b"evdev\0pc105\0se,us\0nodeadkeys,\0grp:alt_shift_toggle\0")
    assert rules == {"rules": "evdev", "model": "pc105", "layout": "se,us",
                     "variant": "nodeadkeys,", "options": "grp:alt_shift_toggle"}
    assert layout_for_group(rules, 0) == "se"
    assert layout_for_group(rules, 1) == "us"
    assert layout_for_group(rules, 3) == "se"
    assert layout_for_group(parse_rules_names(b"evdev\0pc105\0us\0\0\0"), 0) == "us"
    assert layout_for_group(parse_rules_names(b""), 0) == ""


def test_window_contains_its_client_area_only() -> None:
    window = WindowInfo(id=1, title="t", app_class="c", x=10, y=20, width=100, height=50)
    assert window.contains(10, 20)
    assert window.contains(109, 69)
    assert not window.contains(110, 20)
    assert not window.contains(10, 70)
    assert not window.contains(9, 20)


def test_desktop_for_this_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":4242")
    desktop = desktop_for_this_system()  # opened lazily: no server is needed to get one
    assert isinstance(desktop, X11Desktop)
    desktop.close()
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    with pytest.raises(PlatformError, match="X11 session"):
        desktop_for_this_system()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    with pytest.raises(PlatformError, match="DISPLAY"):
        desktop_for_this_system()
    for system in ("win32", "darwin", "sunos5"):
        monkeypatch.setattr(sys, "platform", system)
        with pytest.raises(PlatformError, match="Robotfabrik"):
            desktop_for_this_system()


def test_unreachable_display_gives_a_clear_error() -> None:
    desktop = X11Desktop(":4242")
    with pytest.raises(PlatformError, match=r"Cannot connect to the X display :4242"):
        desktop.find_windows("x")
    desktop.close()
