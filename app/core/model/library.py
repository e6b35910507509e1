"""The bot library: which bot folders there are, in which group, and what loading each gave.

Three groups: the user's own bots (``paths.library_dir()``), the examples shipped with the
program (read only: changing one would change it for everybody), and bot folders opened from
elsewhere. A folder whose bot.json cannot be loaded is still listed, with its error, so one
broken bot never hides the others. Within a group the bots are in the order a Swedish reader
expects (``swedish_sort_key``). No Qt here: the studio shows this, and anything else may use it.

The library's changes live here too: a new bot, renaming, duplicating (examples included: that
is how a person gets one to change), and searching by name as a Swedish reader does. Deleting
goes to the trash (``trash``); handing a bot to someone else is a bundle (``bundle``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.core import paths
from app.core.model.bot import Bot
from app.core.model.botfile import (
    BOT_FILE,
    IMAGES_DIR,
    MAX_BOT_FILE_BYTES,
    BotFileError,
    load_bot,
    save_bot,
)
from app.core.model.limits import FileRefusedError, lone_surrogate, one_line, read_regular_file
from app.core.model.pictures import MAX_PICTURE_BYTES

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
    # lexists: a link that leads nowhere still takes the name, and nothing may be put through it.
    while os.path.lexists(candidate):
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


# ---------------------------------------------------------------- changing the library
#
# Each operation checks everything first and changes the disk in one step at the end (a rename
# of a folder, an atomic write), so a refusal leaves the library as it was. A bot's folder is
# its identity: run history, command lines (``robotfabrik run FOLDER``) and the studio's open
# editor name it by its folder, so renaming a bot changes only the name people see.

MAX_NAME_CHARS = 200
_FOLDER_CHARACTERS = re.compile(r"[^a-z0-9]+")
# Letters a folder name spells out rather than drop, so "Ärende" is "arende", not "rende".
_FOLDER_SPELLING = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss",
                                  "þ": "th", "ð": "d", "đ": "d", "ł": "l"})


class LibraryError(Exception):
    """A library change that cannot be made; nothing was changed. Says what and where.

    ``reason`` is the plain reason ("is an example, which cannot be changed"); ``path`` the
    bot folder or file it is about.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.reason}")


def folder_name_for(name: str) -> str:
    """A folder name for a bot called ``name`` that any system and command line accepts:
    lower case ASCII letters, digits and dashes ("Ekonomiskt bistånd" is
    "ekonomiskt-bistand"), or "robot" when nothing of the name is left."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_FOLDER_SPELLING))
    plain = "".join(character for character in folded if not unicodedata.combining(character))
    slug = _FOLDER_CHARACTERS.sub("-", plain.translate(_FOLDER_SPELLING)).strip("-")
    return slug[:60].rstrip("-") or "robot"


def checked_name(name: str, where: Path) -> str:
    """``name`` without surrounding spaces, if it can be a bot's name; else LibraryError."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise LibraryError(where, "a bot needs a name")
    if len(cleaned) > MAX_NAME_CHARS:
        raise LibraryError(where, f"the name is {len(cleaned):,} characters long; at most "
                                  f"{MAX_NAME_CHARS} are allowed")
    if lone_surrogate(cleaned) is not None:
        raise LibraryError(where, "the name holds a character that is not Unicode text")
    return cleaned


def group_of(folder: Path) -> Group:
    """The group a bot folder belongs to, by where it lies."""
    parent = folder.parent.resolve()
    if parent == paths.shipped_examples_dir().resolve():
        return "examples"
    if parent == paths.library_dir().resolve():
        return "mine"
    return "other"


def _refuse_example(folder: Path, doing: str) -> None:
    if group_of(folder) == "examples":
        raise LibraryError(folder, f"is an example, which cannot be {doing}; duplicate it to "
                                   "get a copy of your own")


def _loaded(folder: Path, doing: str) -> Bot:
    try:
        return load_bot(folder)
    except BotFileError as error:
        raise LibraryError(folder, f"cannot be {doing} while its bot.json cannot be loaded "
                                   f"({error.reason})") from None


def new_bot(name: str, description: str = "") -> Path:
    """A new, empty bot called ``name`` in My bots; returns its folder."""
    library = paths.library_dir()
    name = checked_name(name, library)
    folder = free_folder(library, folder_name_for(name))
    _write_new_folder(folder, Bot(name=name, description=description), {})
    return folder


def rename_bot(folder: Path, new_name: str) -> Bot:
    """Give the bot in ``folder`` a new name (its folder stays); returns the renamed bot."""
    _refuse_example(folder, "renamed")
    name = checked_name(new_name, folder)
    bot = _loaded(folder, "renamed")
    bot.name = name
    try:
        save_bot(bot, folder)
    except (BotFileError, OSError) as error:
        raise LibraryError(folder, f"could not be renamed: {_reason(error)}") from None
    return bot


def duplicate_bot(folder: Path, copy_name: str = "{name} (copy)",
                  numbered_copy_name: str = "{name} (copy {number})") -> Path:
    """A copy of the bot in ``folder`` with the pictures it uses, in My bots; returns its folder.

    The copy is called ``copy_name`` ("Ansökan (kopia)" when the studio passes its Swedish
    text), or ``numbered_copy_name`` with 2, 3 … when My bots already has a bot of that name.
    Examples may be duplicated: that is how a person gets one to change.
    """
    bot = _loaded(folder, "duplicated")
    pictures = read_pictures(folder, bot)
    bot.name = checked_name(
        free_name(copy_name.format(name=bot.name),
                  lambda number: numbered_copy_name.format(name=bot.name, number=number)),
        folder)
    target = free_folder(paths.library_dir(), folder_name_for(bot.name))
    _write_new_folder(target, bot, pictures)
    return target


def bot_names(root: Path) -> set[str]:
    """The names of the bots in ``root``, read from each bot.json without loading the bot (its
    pictures are not decoded): a name is all that is needed, and a library is read often."""
    names: set[str] = set()
    for folder in bot_folders(root):
        try:
            document = json.loads(read_regular_file(folder / BOT_FILE, MAX_BOT_FILE_BYTES))
        except (OSError, FileRefusedError, ValueError, RecursionError):
            continue
        if isinstance(document, dict) and isinstance(document.get("name"), str):
            names.add(document["name"])
    return names


def free_name(name: str, numbered: Callable[[int], str], root: Path | None = None) -> str:
    """``name`` if no bot in My bots (or ``root``) has it, else ``numbered(2)``,
    ``numbered(3)`` … the first that is free, so two bots in the list never look the same."""
    taken = bot_names(paths.library_dir() if root is None else root)
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = numbered(number), number + 1
    return candidate


def read_pictures(folder: Path, bot: Bot) -> dict[str, bytes]:
    """Every picture ``bot`` uses, read from ``folder/images``, by file name."""

    pictures: dict[str, bytes] = {}
    for picture in sorted(bot.pictures()):
        path = folder / IMAGES_DIR / picture
        try:
            pictures[picture] = read_regular_file(path, MAX_PICTURE_BYTES)
        except (OSError, FileRefusedError) as error:
            raise LibraryError(path, f"cannot be read: {_reason(error)}") from None
    return pictures


def _write_new_folder(folder: Path, bot: Bot, pictures: dict[str, bytes]) -> None:
    """Write ``bot`` into a hidden folder beside ``folder`` and rename it into place, so the
    library never shows a half-written bot and a failure leaves nothing behind."""

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
    except OSError as error:
        raise LibraryError(folder.parent, f"cannot be written: {_reason(error)}") from None
    try:
        save_bot(bot, staging, pictures)
        os.rename(staging, folder)
    except (BotFileError, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise LibraryError(folder, f"could not be made: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    if isinstance(error, BotFileError):
        return error.reason
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def matches_search(entry: BotEntry, query: str) -> bool:
    """Whether ``entry``'s name or description holds ``query``, as a Swedish reader
    searches: case does not matter ("ö" finds "Ö") but å, ä and ö are letters of their
    own ("o" does not find "ö"), and a letter typed with a separate accent mark is the same
    letter."""
    description = entry.bot.description if entry.bot is not None else ""
    # Not the folder's name: "overtid" would make "o" find "Övertid". A broken bot's title is
    # its folder's name, so it is found by that.
    return text_matches((entry.title, description), query)


def text_matches(texts: Iterable[str], query: str) -> bool:
    """Whether any of ``texts`` holds ``query``, searched as ``matches_search`` searches."""
    wanted = _search_form(query)
    return not wanted or any(wanted in _search_form(text) for text in texts)


def _search_form(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.casefold()).split())
