"""The bot library: which bot folders there are, in which group, and what loading each gave.

Three groups: the user's own bots (``paths.library_dir()``), the examples shipped with the
program (read only: changing one would change it for everybody), and bot folders opened from
elsewhere. A folder whose bot.json cannot be loaded is still listed, with its error, so one
broken bot never hides the others. Within a group the bots are in the order a Swedish reader
expects (``swedish_sort_key``). No Qt here: the studio shows this, and anything else may use it.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.core import paths
from app.core.model.bot import Bot
from app.core.model.botfile import BOT_FILE, BotFileError, load_bot

log = logging.getLogger(__name__)

Group = Literal["mine", "examples", "other"]
GROUPS: tuple[Group, ...] = ("mine", "examples", "other")


@dataclass
class BotEntry:
    """One bot folder in the library, with what loading it gave: a bot or the reason it failed."""

    folder: Path
    group: Group
    bot: Bot | None = None
    error: BotFileError | None = None

    @property
    def title(self) -> str:
        return self.bot.name if self.bot is not None else self.folder.name

    @property
    def read_only(self) -> bool:
        # Examples live in the program's own folder; changing them would change them for all.
        return self.group == "examples"


def read_entry(folder: Path, group: Group) -> BotEntry:
    """Load the bot in ``folder``; a bot that cannot be loaded gives an entry with its error."""
    try:
        return BotEntry(folder, group, bot=load_bot(folder))
    except BotFileError as error:
        log.info("bot folder %s cannot be loaded: %s", folder, error)
        return BotEntry(folder, group, error=error)


def bot_folders(root: Path) -> list[Path]:
    """The bot folders directly inside ``root``; a missing root simply has none.

    A folder counts when it holds anything called bot.json, even a pipe, a folder or a link
    that leads nowhere: loading it then says what is wrong, where a plain file test would hide it.
    """
    try:
        children = list(root.iterdir())
    except OSError:
        return []
    return [child for child in children
            if not child.name.startswith(".") and os.path.lexists(child / BOT_FILE)]


def read_library(other_folders: Iterable[Path] = ()) -> dict[Group, list[BotEntry]]:
    """Every group's entries, each group sorted; ``other_folders`` are the ones opened by hand."""
    return {
        "mine": sorted_entries(read_entry(f, "mine") for f in bot_folders(paths.library_dir())),
        "examples": sorted_entries(read_entry(f, "examples")
                                   for f in bot_folders(paths.shipped_examples_dir())),
        "other": sorted_entries(read_entry(f, "other") for f in other_folders),
    }


def free_folder(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name-2``, ``name-3`` … if that is taken."""
    candidate, number = parent / name, 2
    while candidate.exists():
        candidate, number = parent / f"{name}-{number}", number + 1
    return candidate


def sorted_entries(entries: Iterable[BotEntry]) -> list[BotEntry]:
    """Entries by title in the order a Swedish reader expects (see ``swedish_sort_key``)."""
    return sorted(entries, key=lambda entry: swedish_sort_key(entry.title))


# ---------------------------------------------------------------- Swedish order

# Letters Swedish sorts as another letter (the first of each group), as Swedish dictionaries and
# Unicode's collation data for Swedish do: æ with ä, ø with ö, ü with y, and so on. The order
# inside a group decides only between names that are otherwise the same.
_LETTER_GROUPS = ("å", "äæę", "öøőœô", "yüű", "dđð", "lł", "hħ")
# The alphabet, with the letters that are neither a letter with a mark nor sorted as another
# letter (ı, ŋ, ĸ, ŧ) where Unicode's default order puts them.
_SWEDISH_LETTERS = "abcdefghiıjklmnŋopqĸrstŧuvwxyzåäö"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_SWEDISH_LETTERS)}
_SAME_LETTER = {variant: (group[0], variant_rank)
                for group in _LETTER_GROUPS for variant_rank, variant in enumerate(group)}
_EXPANSIONS = {"þ": "th"}
_DIGITS = re.compile(r"\d+")
# Spaces and the punctuation people type, in the order of Unicode's default collation (not the
# order of their code points, which puts "-" before "_"); any other sign comes after these.
_PUNCTUATION_ORDER = "\t _-–—,;:!?.'‘’\"“”«»()[]{}§@*/\\&#%`^°+<=>|~$£€"
_PUNCTUATION_RANK = {sign: rank for rank, sign in enumerate(_PUNCTUATION_ORDER)}
# Accents on Latin letters, in the order that decides between names equal but for them: acute,
# grave, breve, circumflex, caron, ring, diaeresis, double acute, tilde, dot, cedilla, macron,
# hook, horn, dot below, ogonek. Any other mark comes after these.
_MARK_ORDER = ("\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b"
               "\u0303\u0307\u0327\u0304\u0309\u031b\u0323\u0328")
_MARK_RANK = {mark: rank for rank, mark in enumerate(_MARK_ORDER)}

# What a character is, by kind: spaces and punctuation first, then numbers, then letters, then
# letters of other alphabets, as Unicode's default order has them.
_PUNCTUATION, _NUMBER, _LETTER, _OTHER_LETTER = range(4)

Primary = tuple[tuple[int, int], ...]
Secondary = tuple[tuple[int, tuple[int, ...]], ...]
SortKey = tuple[Primary, Secondary, tuple[bool, ...], str]


def swedish_sort_key(text: str) -> SortKey:
    """A key that puts names in the order a Swedish reader expects.

    - å, ä, ö are letters of their own after z (and æ sorts as ä, ø as ö, ü as y);
    - letter case does not matter (between names that differ only in case, lower case first);
    - other accents do not matter first (é is e), then the plain letter comes first;
    - a run of digits is one number: "robot 2" before "robot 10";
    - spaces and punctuation come before digits, and digits before letters.

    This is the order of Unicode's collation for Swedish with numbers compared by value, as far
    as bot names need it; Qt's QCollator gave it before, which the core cannot use.
    """
    text = unicodedata.normalize("NFC", text)
    folded = unicodedata.normalize("NFC", text.casefold())
    primary: list[tuple[int, int]] = []
    secondary: list[tuple[int, tuple[int, ...]]] = []
    position = 0
    while position < len(folded):
        digits = _DIGITS.match(folded, position)
        if digits is not None:
            # By value first; "2" before "02" only when all else is equal.
            primary.append((_NUMBER, int(digits.group())))
            secondary.append((len(digits.group()), ()))
            position = digits.end()
            continue
        _weigh_character(folded[position], primary, secondary)
        position += 1
    case = tuple(character.isupper() for character in text)
    return tuple(primary), tuple(secondary), case, text


def _weigh_character(character: str, primary: list[tuple[int, int]],
                     secondary: list[tuple[int, tuple[int, ...]]]) -> None:
    if character in _SAME_LETTER:
        # Checked before taking accents off: å, ä and ö are not a, a and o with marks.
        base, variant = _SAME_LETTER[character]
        primary.append(_primary(base))
        secondary.append((variant, ()))
        return
    # The compatibility form also takes ligatures apart (ĳ is i and j) and marks off.
    for part in unicodedata.normalize("NFKD", _EXPANSIONS.get(character, character)):
        if unicodedata.combining(part):
            # A mark counts only where all else is equal; one with no letter before it, too.
            mark = _MARK_RANK.get(part, len(_MARK_ORDER) + ord(part))
            if secondary:
                variant, marks = secondary[-1]
                secondary[-1] = (variant, (*marks, mark))
            else:
                secondary.append((0, (mark,)))
            continue
        base, variant = _SAME_LETTER.get(part, (part, 0))
        primary.append(_primary(base))
        secondary.append((variant, ()))


def _primary(base: str) -> tuple[int, int]:
    if base in _LETTER_RANK:
        return _LETTER, _LETTER_RANK[base]
    if base.isdecimal():
        return _NUMBER, int(base)
    if base.isalpha():
        return _OTHER_LETTER, ord(base)
    return _PUNCTUATION, _PUNCTUATION_RANK.get(base, len(_PUNCTUATION_ORDER) + ord(base))
