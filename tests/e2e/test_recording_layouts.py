"""A caseworker types into a window while ``robotfabrik record`` films it, under the Swedish and
the US layout, and the bot's type-text step must hold exactly what the window received.

Everything is real: a private Xvfb, a Qt window in its own process mirroring its field to a
file, the recorder as a subprocess with pynput's global listeners, and input injected through
XTEST the way a keyboard sends it. Capitals are typed as a person types them, holding Shift;
AltGr characters by holding the AltGr key and pressing the key that carries the character at
its third level, found in the server's keyboard mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.model.bot import Bot, TypeTextStep
from app.core.model.botfile import load_bot
from app.core.platform.x11.desktop import X11Desktop
from app.core.platform.x11.keyboard import KEYSYM_ISO_LEVEL3_SHIFT, keysym_for_char, keysym_name
from app.testing.display import VirtualDisplay
from app.testing.person import Person
from app.testing.recording import RecordingProcess
from tests.e2e.support.targets import (
    UTF8,
    QtTarget,
    qt_target,
    read_when,
    set_layout,
    window_has_read_everything,
)

pytestmark = pytest.mark.x11


SWEDISH_ADDRESS = "Åsa Öberg, Storgatan 5, 123 45 Växjö"
ALTGR_SIGNS = "@ £ $ € { } [ ] \\ |"
US_TEXT = 'Hello, World! #1 (a+b)*c = 100% ~ ^_^ "quote"'
# Capitals of letters a person reaches with Shift; xdotool's own typing loses these capitals
# for some clients, so they are pressed as Shift plus the key.
SHIFTED = {"Å": "shift+aring", "Ä": "shift+adiaeresis", "Ö": "shift+odiaeresis"}


@dataclass
class Keyboard:
    """A person's hands on the display's keyboard: xdotool for ordinary typing, key codes
    through XTEST for AltGr combinations (so the very key that carries the character is used,
    not whichever key xdotool finds first)."""

    display: VirtualDisplay
    person: Person

    def type(self, text: str) -> None:
        self.person.xdotool("type", "--delay", "25", text)

    def key(self, *keys: str) -> None:
        self.person.xdotool("key", "--delay", "40", *keys)

    def altgr(self, char: str) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        with X11Desktop(self.display.name) as desktop:
            table = desktop.keyboard_table()
        stroke = table.char_strokes()[char]
        assert stroke.level3 and not stroke.shift, f"{char!r} is not an AltGr character here"
        # The AltGr key of a PC keyboard is the right Alt key; the layout gives it
        # ISO_Level3_Shift.
        altgr = next(code for code, syms in sorted(table.keysyms.items(), reverse=True)
                     if syms and syms[0] == KEYSYM_ISO_LEVEL3_SHIFT)
        connection = xdisplay.Display(self.display.name)
        try:
            # The server applies them in this order, so the key goes down with AltGr held.
            for kind, code in ((X.KeyPress, altgr), (X.KeyPress, stroke.keycode),
                               (X.KeyRelease, stroke.keycode), (X.KeyRelease, altgr)):
                connection.xtest_fake_input(kind, code)
                connection.sync()
        finally:
            connection.close()

    def lend_and_press(self, char: str, window: QtTarget) -> None:
        """Type a character the layout lacks the way xdotool does: put it alone on the lowest
        key code that has no symbols, press that key, give the code back at once, release.

        One thing is done differently: xdotool presses the key straight after lending it, and a
        window that has not yet read the new mapping by then reads the key under the mapping
        already given back (the character is lost; seen on a busy machine). Here the key is
        pressed once the window has read the lent mapping. Giving it back stays immediate, so
        a recorder still decodes the key long after the code has no symbol any more.
        """
        from Xlib import X
        from Xlib import display as xdisplay

        connection = xdisplay.Display(self.display.name)
        try:
            first = int(connection.display.info.min_keycode)
            count = int(connection.display.info.max_keycode) - first + 1
            rows = [tuple(row) for row in connection.get_keyboard_mapping(first, count)]
            spare = next(first + i for i, row in enumerate(rows) if not any(row))
            # The character alone, as xdotool lends it: a capital then types its small letter.
            connection.change_keyboard_mapping(spare, [(keysym_for_char(char),)])
            connection.sync()
            window_has_read_everything(self.display, window.window_id)
            connection.xtest_fake_input(X.KeyPress, spare)
            connection.change_keyboard_mapping(spare, [rows[spare - first]])
            connection.xtest_fake_input(X.KeyRelease, spare)
            connection.sync()
        finally:
            connection.close()


def type_like_a_swedish_person(keyboard: Keyboard, text: str) -> None:
    """Shift for the capitals of å ä ö, AltGr for the signs of the number row, xdotool's
    typing for the rest."""
    with X11Desktop(keyboard.display.name) as desktop:
        strokes = desktop.keyboard_table().char_strokes()
    plain = ""
    for char in text:
        special = char in SHIFTED or (char in strokes and strokes[char].level3)
        if special and plain:
            keyboard.type(plain)
            plain = ""
        if char in SHIFTED:
            keyboard.key(SHIFTED[char])
        elif special:
            keyboard.altgr(char)
        else:
            plain += char
    if plain:
        keyboard.type(plain)


def type_with_lent_key_codes(keyboard: Keyboard, text: str, window: QtTarget) -> None:
    """xdotool's typing for what the layout has, a lent key code for each character it lacks."""
    with X11Desktop(keyboard.display.name) as desktop:
        strokes = desktop.keyboard_table().char_strokes()
    plain = ""
    for char in text:
        if char in strokes:
            plain += char
            continue
        if plain:
            keyboard.type(plain)
            plain = ""
        keyboard.lend_and_press(char, window)
    if plain:
        keyboard.type(plain)


@contextmanager
def qt_window(display: VirtualDisplay, folder: Path) -> Iterator[QtTarget]:
    """A Qt line edit with the keyboard focus, its text mirrored to a file."""
    with qt_target(display, folder, kind="line", title="Fritext",
                   geometry=(300, 200, 600, 120)) as target:
        yield target


@contextmanager
def recorder(display: VirtualDisplay, home: Path, bot_folder: Path) -> Iterator[RecordingProcess]:
    """``robotfabrik record`` filming until the block ends, then stopped with Ctrl+C."""
    with RecordingProcess(display.environment(ROBOTFABRIK_HOME=str(home), **UTF8), "adress",
                          "--out", str(bot_folder), "--no-toolbar") as recording:
        yield recording
        finished = recording.interrupt()
    assert finished.returncode == 0, recording.first_line + finished.out + finished.errors
    assert "Saved" in finished.out, finished.out + finished.errors


def assert_one_text_step(bot: Bot, text: str) -> None:
    """The bot is one type-text step holding exactly ``text``: no key splits it."""
    steps = [step.text if isinstance(step, TypeTextStep) else
             f"<{step.kind} {getattr(step, 'key', None) or getattr(step, 'keys', '')}>"
             for step in bot.steps]
    assert steps == [text], f"recorded steps: {steps}"


def recorded_as_received(recording: RecordingProcess, window: QtTarget, text: str) -> str:
    """What the window received once it holds ``text`` (or whatever it holds after a while),
    and then the recorder has kept as much: Ctrl+C ends its listeners, and a key they had not
    yet handed over would be lost with them (how the € at the end once went missing)."""
    received = read_when(window.out, text, timeout=15.0)
    if received == text:  # otherwise the test fails on the window's text anyway
        recording.wait_for_typed(text)
    return received


def record_typing(display: VirtualDisplay, home: Path, folder: Path, layout: str,
                  text: str, *, keys: list[str] | None = None) -> tuple[str, Bot]:
    """What the window received and the bot recorded while a person typed ``text`` (or
    pressed ``keys``, which should type it)."""
    set_layout(display, layout)
    keyboard = Keyboard(display, Person(display))
    bot_folder = folder / "bot"
    with qt_window(display, folder) as window, recorder(display, home, bot_folder) as recording:
        if keys is not None:
            keyboard.key(*keys)
        elif layout == "se":
            type_like_a_swedish_person(keyboard, text)
        else:
            keyboard.type(text)
        received = recorded_as_received(recording, window, text)
    return received, load_bot(bot_folder)


@pytest.mark.parametrize("text", [SWEDISH_ADDRESS, ALTGR_SIGNS, f"{SWEDISH_ADDRESS} {ALTGR_SIGNS}"],
                         ids=["address", "altgr-signs", "both"])
def test_swedish_typing_is_recorded_exactly(
    x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path, text: str
) -> None:
    received, bot = record_typing(x_display, robotfabrik_home, tmp_path, "se", text)
    assert received == text  # what the person typed reached the window
    assert_one_text_step(bot, text)


def test_us_typing_with_punctuation_is_recorded_exactly(
    x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path
) -> None:
    received, bot = record_typing(x_display, robotfabrik_home, tmp_path, "us", US_TEXT)
    assert received == US_TEXT
    assert_one_text_step(bot, US_TEXT)


def test_dead_keys_are_recorded_as_the_letters_they_make(
    x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path
) -> None:
    """´ e, ¨ u (AltGr+å when xdotool presses it), ~ n (AltGr+¨), ` Shift+E, ´ space."""
    keys = ["dead_acute", "e", "space", "dead_diaeresis", "u", "space", "dead_tilde", "n",
            "space", "dead_grave", "shift+e", "space", "dead_acute", "space"]
    text = "é ü ñ È '"
    received, bot = record_typing(x_display, robotfabrik_home, tmp_path, "se", text, keys=keys)
    assert received == text
    assert_one_text_step(bot, text)


def test_letters_the_layout_lacks_are_recorded_from_the_lent_key_code(
    x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path
) -> None:
    """Under the US layout each of å ä ö € goes on a spare key code that is pressed and given
    back at once, long before the recorder decodes the key, as xdotool types them. (The capital
    is lent alone, which every client receives as the small letter; the recording must agree.)
    """
    set_layout(x_display, "us")
    keyboard = Keyboard(x_display, Person(x_display))
    typed = "Växjö, Åsa Öberg: 100 €"
    expected = "Växjö, åsa öberg: 100 €"
    bot_folder = tmp_path / "bot"
    with qt_window(x_display, tmp_path) as window, \
            recorder(x_display, robotfabrik_home, bot_folder) as recording:
        type_with_lent_key_codes(keyboard, typed, window)
        received = recorded_as_received(recording, window, expected)
    assert received == expected
    assert_one_text_step(load_bot(bot_folder), received)


def test_the_altgr_key_used_is_the_one_the_swedish_layout_has(x_display: VirtualDisplay) -> None:
    """The keyboard helper above presses real keys: check it finds the ones a Swedish keyboard
    has for the signs (AltGr+2 for @, AltGr+7 for {, AltGr and the key left of Z for |)."""
    set_layout(x_display, "se")
    with X11Desktop(x_display.name) as desktop:
        table = desktop.keyboard_table()
    strokes = table.char_strokes()
    keys = {char: keysym_name(table.keysyms[strokes[char].keycode][0])
            for char in ALTGR_SIGNS.replace(" ", "")}
    assert keys == {"@": "2", "£": "3", "$": "4", "€": "5", "{": "7", "}": "0", "[": "8",
                    "]": "9", "\\": "plus", "|": "less"}
    assert all(strokes[char].level3 and not strokes[char].shift for char in keys)
