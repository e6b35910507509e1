"""Recovery copies: edits not yet saved, kept on disk so a crash of the studio loses none.

While a bot has unsaved edits the studio writes a copy of it (bot.json as ``save_bot`` would
write it, plus the new pictures not saved yet) under ``<data>/recovery/<key>/``, the key made
from the bot folder's path, and removes the copy when the bot is saved or its edits are thrown
away. A copy newer than the bot's own file is offered back the next time the bot is opened. The
bot's own folder is never touched here. No Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.model.bot import Bot
from app.core.model.botfile import (
    BOT_FILE,
    IMAGES_DIR,
    MAX_BOT_FILE_BYTES,
    PICTURE_NAME,
    PNG_SIGNATURE,
    BotFileError,
    parse_bot,
)

SOURCE_FILE = "source.txt"


@dataclass(frozen=True)
class RecoveryCopy:
    """Unsaved edits of the bot in ``folder``, kept at ``saved_at`` (seconds since the epoch)."""

    folder: Path
    bot: Bot
    pictures: dict[str, bytes]
    saved_at: float


def recovery_root() -> Path:
    return paths.data_dir() / "recovery"


def copy_folder(folder: Path) -> Path:
    """Where the recovery copy of the bot in ``folder`` lives."""
    key = hashlib.sha256(str(Path(folder).expanduser().resolve()).encode("utf-8")).hexdigest()
    return recovery_root() / key[:24]


def write_copy(folder: Path, document: dict[str, object], pictures: dict[str, bytes]) -> Path:
    """Keep ``document`` (a bot.json as ``bot_json`` makes it) and the unsaved pictures.

    Pictures first, bot.json last and atomically, so a copy that can be read is whole.
    """
    target = copy_folder(folder)
    images = target / IMAGES_DIR
    images.mkdir(parents=True, exist_ok=True)
    kept = set()
    for name, data in pictures.items():
        if PICTURE_NAME.match(name):
            _write(images / name, data)
            kept.add(name)
    for old in images.iterdir():
        if old.name not in kept:
            old.unlink(missing_ok=True)
    _write(target / SOURCE_FILE, str(Path(folder).expanduser().resolve()).encode("utf-8"))
    _write(target / BOT_FILE, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return target


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def discard_copy(folder: Path) -> None:
    shutil.rmtree(copy_folder(folder), ignore_errors=True)


def read_copy(folder: Path) -> RecoveryCopy | None:
    """The recovery copy of the bot in ``folder`` when there is one newer than the bot's own
    file and it can be read; a copy that cannot be read is not offered."""
    target = copy_folder(folder)
    file = target / BOT_FILE
    try:
        saved_at = file.stat().st_mtime
        if file.stat().st_size > MAX_BOT_FILE_BYTES:
            return None
        try:
            if saved_at <= (Path(folder) / BOT_FILE).stat().st_mtime:
                return None
        except FileNotFoundError:
            pass
        document = json.loads(file.read_text(encoding="utf-8"))
        bot = parse_bot(document, file, images=None)
        pictures: dict[str, bytes] = {}
        images = target / IMAGES_DIR
        if images.is_dir():
            for picture in images.iterdir():
                data = picture.read_bytes()
                if PICTURE_NAME.match(picture.name) and data.startswith(PNG_SIGNATURE):
                    pictures[picture.name] = data
    except (OSError, ValueError, BotFileError):
        return None
    return RecoveryCopy(Path(folder), bot, pictures, saved_at)
