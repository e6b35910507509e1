"""The library's trash: deleted bots wait here until they are restored or the trash is emptied.

Deleting a bot moves its folder, whole and unread, into ``<data dir>/trash/<entry>/bot`` beside
a small ``trashed.json`` saying where it came from, what it was called and when it went. One
rename does the move, so a bot is either in the library or in the trash, never half in each;
when the library folder lies on another disk (a shared drive chosen in the settings), the
folder is copied whole first and the original removed only after (``move_folder``).
Restoring moves it back, under a free folder name when its old one has been taken meanwhile.
Only the user's own bots (My bots) can be deleted: an example belongs to everybody, and a folder
opened from elsewhere (a shared drive) is not the library's to throw away.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core import paths
from app.core.model.botfile import BOT_FILE, BotFileError, load_bot
from app.core.model.library import LibraryError, free_folder, group_of
from app.core.model.limits import FileRefusedError, read_regular_file

TRASH_FILE = "trashed.json"
BOT_DIR = "bot"
MAX_TRASH_FILE_BYTES = 64_000


def move_folder(source: Path, target: Path) -> None:
    """Move a bot folder to ``target`` (which must not exist): one rename when both lie on the
    same disk, else a copy under a hidden name, renamed into place, and only then the original
    removed, so the bot is whole in one place or the other at every moment. The library folder
    can be on another disk than the data directory (a shared drive chosen in the settings)."""
    try:
        os.rename(source, target)
        return
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
    staging = target.with_name(f".moving-{uuid.uuid4().hex[:8]}")
    try:
        # Links are copied as links: a bot never takes along what lies outside its folder.
        shutil.copytree(source, staging, symlinks=True)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(source)


def trash_dir() -> Path:
    """Where deleted bots wait; beside the database, in the user's data directory."""
    return paths.data_dir() / "trash"


@dataclass(frozen=True)
class TrashItem:
    """One deleted bot: its folder in the trash, its name, where it lived and when it went."""

    entry: Path
    name: str
    original: Path
    deleted_at: datetime

    @property
    def bot_folder(self) -> Path:
        return self.entry / BOT_DIR


def delete_to_trash(folder: Path, now: datetime | None = None) -> TrashItem:
    """Move the bot in ``folder`` (one of My bots) to the trash; returns what can restore it.

    A bot that cannot be loaded can be deleted too (that is often why one deletes it); it keeps
    its folder name as its name in the trash.
    """
    group = group_of(folder)
    if group == "examples":
        raise LibraryError(folder, "is an example, which cannot be deleted")
    if group != "mine":
        raise LibraryError(folder, "is not in My bots; only your own bots can be deleted here")
    if not os.path.lexists(folder / BOT_FILE):
        raise LibraryError(folder, "holds no bot (no bot.json)")
    try:
        name = load_bot(folder).name
    except BotFileError:
        name = folder.name
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    entry = trash_dir() / f"{moment:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    record = {"name": name, "original": str(folder), "deleted_at": moment.isoformat()}
    try:
        entry.mkdir(parents=True)
        (entry / TRASH_FILE).write_text(json.dumps(record, ensure_ascii=False),
                                        encoding="utf-8")
        move_folder(folder, entry / BOT_DIR)
    except OSError as error:
        shutil.rmtree(entry, ignore_errors=True)
        raise LibraryError(folder, "could not be moved to the trash: "
                                   f"{error.strerror or error}") from None
    return TrashItem(entry, name, folder, moment)


def list_trash() -> list[TrashItem]:
    """What is in the trash, most recently deleted first; unreadable leftovers are skipped."""
    try:
        entries = list(trash_dir().iterdir())
    except OSError:
        return []
    items = [item for item in map(_read_item, entries) if item is not None]
    return sorted(items, key=lambda item: (item.deleted_at, item.entry.name), reverse=True)


def _read_item(entry: Path) -> TrashItem | None:
    if not (entry / BOT_DIR).is_dir() or (entry / BOT_DIR).is_symlink():
        return None  # a move that never finished: nothing of the bot is here
    try:
        record = json.loads(read_regular_file(entry / TRASH_FILE, MAX_TRASH_FILE_BYTES))
        name, original = str(record["name"]), Path(str(record["original"]))
        deleted_at = datetime.fromisoformat(str(record["deleted_at"]))
        if deleted_at.tzinfo is None:
            deleted_at = deleted_at.replace(tzinfo=UTC)
    except (OSError, FileRefusedError, ValueError, KeyError, TypeError):
        # The bot is still here; the note on it was lost. Show it under its entry's name.
        name, original = entry.name, paths.library_dir() / entry.name
        try:
            deleted_at = datetime.fromtimestamp(entry.stat().st_mtime, UTC)
        except OSError:
            return None  # gone while the trash was being read
    return TrashItem(entry, name, original, deleted_at)


def restore(item: TrashItem) -> Path:
    """Put a deleted bot back in My bots, in its old folder if free; returns its folder."""
    library = paths.library_dir()
    if not item.bot_folder.is_dir():
        raise LibraryError(item.entry, "is no longer in the trash")
    wanted = item.original.name or "robot"
    # Back into My bots whatever the note says: the trash never writes anywhere else.
    target = free_folder(library, wanted)
    try:
        library.mkdir(parents=True, exist_ok=True)
        move_folder(item.bot_folder, target)
    except OSError as error:
        raise LibraryError(item.entry, "could not be restored: "
                                       f"{error.strerror or error}") from None
    shutil.rmtree(item.entry, ignore_errors=True)
    return target


def delete_forever(item: TrashItem) -> None:
    """Remove one deleted bot for good."""
    _remove(item.entry)


def empty_trash() -> int:
    """Remove everything in the trash for good; returns how many bots went."""
    items = list_trash()
    for item in items:
        _remove(item.entry)
    # Leftovers of moves that never finished go too.
    try:
        for leftover in trash_dir().iterdir():
            _remove(leftover)
    except OSError:
        pass
    return len(items)


def _remove(entry: Path) -> None:
    if entry.parent.resolve() != trash_dir().resolve() or entry.name in ("", ".", ".."):
        raise LibraryError(entry, "is not in the trash")
    try:
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        else:
            shutil.rmtree(entry)
    except OSError as error:
        raise LibraryError(entry, f"could not be removed: {error.strerror or error}") from None
