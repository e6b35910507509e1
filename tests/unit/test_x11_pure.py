"""Pure parts of the X11 desktop: characters and keysyms, choosing keys and modifiers from a
keyboard mapping, planning the lent key codes and putting them back. No display is needed.

The two mapping tables are the core keyboard mapping an Xvfb server (xkeyboard-config,
evdev rules, pc105) reports after ``setxkbmap us`` and ``setxkbmap se``, cut to the typing block
and the keys the tests need.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from app.core.platform import x11
from app.core.platform.windows_types import PlatformError, WindowInfo, desktop_for_this_system
from app.core.platform.x11 import (
    KeyboardTable,
    KeyStroke,
    MappingLedger,
    X11Desktop,
    char_for_keysym,
    contiguous_runs,
    keysym_for_char,
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
    for keysym, char in x11.LEGACY_KEYSYMS.items():
        name = keysym_name(keysym)
        if name.startswith("0x") or unicodedata.category(char) not in ("Lu", "Ll"):
            continue
        bare = name.split("_")[-1]
        assert bare[0].isupper() == char.isupper(), (hex(keysym), name, char)
        checked += 1
    assert checked > 200


def test_every_legacy_keysym_round_trips_through_typing_the_unicode_one() -> None:
    for char in x11.LEGACY_KEYSYMS.values():
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
        assert table.modifier_index_of(x11.KEYSYM_NUM_LOCK) == 4


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
