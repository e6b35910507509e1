"""Bundles: one bot as one ``.zip`` file, to hand to a colleague or another municipality.

A bundle holds ``bot.json``, the pictures the bot uses (``images/*.png``) and a small
``manifest.json`` (the bundle format's version, the bot's name, when it was exported). Importing
one puts the bot in My bots under a free folder name.

A bundle comes from elsewhere, so importing trusts nothing, and a refusal writes nothing: every
entry's name is checked before anything is read (no ``..``, no absolute path or drive letter, no
backslash, no link, no duplicate, nothing but bot.json, manifest.json and images/*.png), sizes
are counted while unpacking, not taken from the headers a zip bomb lies in, and the bot is
unpacked into a hidden folder, loaded there with the same strict loader as any bot, and renamed
into place only when it loads. Every refusal is a ``BundleError`` naming the bundle, the entry
and the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import app
from app.core import paths
from app.core.model.botfile import (
    BOT_FILE,
    IMAGES_DIR,
    MAX_BOT_FILE_BYTES,
    MAX_PICTURE_NAME,
    PICTURE_NAME,
    BotFileError,
    bot_json,
    load_bot,
    save_bot,
)
from app.core.model.library import (
    LibraryError,
    folder_name_for,
    free_folder,
    free_name,
    read_pictures,
)
from app.core.model.limits import abbreviate, one_line
from app.core.model.pictures import MAX_PICTURE_BYTES, PNG_SIGNATURE

BUNDLE_FORMAT = "robotfabrik-bundle"
BUNDLE_VERSION = 1
MANIFEST_FILE = "manifest.json"
BUNDLE_SUFFIX = ".zip"

# A 200-step bot with a picture and a thumbnail per step is a few megabytes; these leave room
# for the largest bot the loader accepts while keeping a hostile file from filling the disk.
MAX_BUNDLE_BYTES = 200_000_000
MAX_ENTRIES = 5_000
MAX_UNPACKED_BYTES = 300_000_000
MAX_MANIFEST_BYTES = 64_000
# The zip's table of contents is read whole by Python's zipfile, so it is measured first: an
# honest entry's record is its fixed 46 bytes, a name of at most "images/" + 100 characters,
# and a few extra fields.
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 400
_PIECE = 1 << 16
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_DRIVE_LETTER = re.compile(r"\A[A-Za-z]:")
_ENCRYPTED = 0x1


# What kind of problem a bundle has, for a window to explain in the person's language; the
# reason says the details.
BundleProblem = Literal[
    "unreadable",  # the file (or the folder written to) cannot be read or written
    "not_zip",  # not a .zip file, or a damaged one
    "too_large",  # too large, too many files, or unpacks to too much (a zip bomb)
    "outside",  # a path that leads out of the bundle: "..", absolute, drive letter, backslash
    "not_allowed",  # a file a bundle does not hold, a link, a special file, encrypted
    "duplicate",  # the same file twice
    "not_png",  # a picture that is not a PNG
    "bot",  # bot.json does not load, or there is none
    "newer",  # made by a newer Robotfabrik
    "manifest",  # manifest.json is not a bundle's manifest
]


class BundleError(Exception):
    """A bundle that cannot be exported or imported; nothing was written. Says what and where.

    ``path`` is the bundle (or, exporting, the bot folder); ``entry`` the file inside the bundle
    the problem is in, when there is one; ``reason`` what is wrong, ``problem`` which kind of
    problem that is. A bot.json that does not load keeps the loader's error as ``bot_error``
    (its step and field).
    """

    def __init__(self, path: Path, reason: str, *, problem: BundleProblem = "unreadable",
                 entry: str | None = None, bot_error: BotFileError | None = None) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.problem: BundleProblem = problem
        self.entry = entry
        self.bot_error = bot_error

    def __str__(self) -> str:
        entry = f"{abbreviate(self.entry)}: " if self.entry is not None else ""
        return one_line(f"{self.path}: {entry}{self.reason}")


@dataclass(frozen=True)
class Manifest:
    """What a bundle says about itself."""

    bot_name: str
    exported_at: str
    format_version: int = BUNDLE_VERSION


# ---------------------------------------------------------------- export


def bundle_file_name(folder: Path) -> str:
    """The file name an export offers by default: the bot's folder name and ``.zip``."""
    return f"{folder.name or 'robot'}{BUNDLE_SUFFIX}"


def export_bundle(folder: Path, destination: Path, now: datetime | None = None) -> Path:
    """Write the bot in ``folder`` as one bundle at ``destination``; returns ``destination``.

    The bundle is written beside ``destination`` under a temporary name and renamed into place,
    so an existing file there is replaced whole or not at all.
    """
    try:
        bot = load_bot(folder)
    except BotFileError as error:
        raise BundleError(folder, f"cannot be exported while its bot.json cannot be loaded "
                                  f"({error.reason})", bot_error=error, problem="bot") from None
    try:
        pictures = read_pictures(folder, bot)
    except LibraryError as error:
        raise BundleError(folder, str(error)) from None
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    manifest = {"format": BUNDLE_FORMAT, "format_version": BUNDLE_VERSION,
                "bot_name": bot.name, "exported_at": moment.isoformat(timespec="seconds"),
                "exported_by": f"Robotfabrik {app.__version__}"}
    stamp = moment.timetuple()[:6]
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp",
                                             dir=destination.parent)
    except OSError as error:
        raise BundleError(destination, f"cannot be written: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            def add(name: str, data: bytes, method: int) -> None:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = method
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                archive.writestr(info, data)

            add(MANIFEST_FILE, _json_bytes(manifest), zipfile.ZIP_DEFLATED)
            add(BOT_FILE, _json_bytes(bot_json(bot)), zipfile.ZIP_DEFLATED)
            for name, data in sorted(pictures.items()):
                # PNG is compressed already; deflating it again only costs time.
                add(f"{IMAGES_DIR}/{name}", data, zipfile.ZIP_STORED)
        os.replace(temporary, destination)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise BundleError(destination, f"could not be written: {error.strerror or error}") \
            from None
    return destination


def _json_bytes(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------- import


def import_bundle(bundle: Path, library: Path | None = None,
                  numbered_name: str = "{name} ({number})") -> Path:
    """Put the bot in ``bundle`` into My bots (or ``library``); returns its new folder.

    When My bots already has a bot of the same name, the new one is called ``numbered_name``
    ("Ansökan (2)"), so the two can be told apart in the list. Raises BundleError, having
    written nothing, when the bundle cannot be used.
    """
    library = paths.library_dir() if library is None else library
    created_library = not library.exists()
    try:
        library.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=library))
    except OSError as error:
        raise BundleError(library, f"cannot be written: {error.strerror or error}",
                          problem="unreadable") from None
    try:
        try:
            _unpack(bundle, staging)
        except OSError as error:  # the disk, not the bundle: full, or taken away meanwhile
            raise BundleError(library, f"cannot be written: {error.strerror or error}",
                              problem="unreadable") from None
        try:
            bot = load_bot(staging)
        except BotFileError as error:
            raise BundleError(bundle, _bot_problem(error), entry=BOT_FILE,
                              bot_error=error, problem="bot") from None
        try:
            _drop_unused_pictures(staging, bot.pictures())
        except OSError as error:
            raise BundleError(library, f"cannot be written: {error.strerror or error}",
                              problem="unreadable") from None
        name = free_name(bot.name, lambda number: numbered_name.format(name=bot.name,
                                                                       number=number),
                         library)
        if name != bot.name:
            bot.name = name
            try:
                save_bot(bot, staging)
            except (BotFileError, OSError) as error:
                raise BundleError(library, f"cannot be written: {error}",
                                  problem="unreadable") from None
        target = free_folder(library, folder_name_for(bot.name))
        try:
            os.rename(staging, target)
        except OSError as error:
            raise BundleError(target, f"could not be made: {error.strerror or error}") \
                from None
        return target
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created_library:
            _remove_if_empty(library)
        raise


def _bot_problem(error: BotFileError) -> str:
    """The loader's complaint without the temporary folder it was loaded from."""
    where = error.where()
    field = f"field '{error.field}'" if error.field else None
    place = ", ".join(part for part in (where, field) if part)
    return f"{place}: {error.reason}" if place else error.reason


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def read_manifest(bundle: Path) -> Manifest | None:
    """The bundle's manifest, checked (None when it has none); BundleError if unusable."""
    with _opened(bundle) as archive:
        infos = _checked_entries(bundle, archive)
        info = infos.get(MANIFEST_FILE)
        if info is None:
            return None
        return _manifest(bundle, _Unpacker(bundle, archive).read(info, MAX_MANIFEST_BYTES))


def _opened(bundle: Path) -> zipfile.ZipFile:
    try:
        status = os.stat(bundle)
    except OSError as error:
        raise BundleError(bundle, f"cannot be read: {error.strerror or error}") from None
    if not stat.S_ISREG(status.st_mode):
        raise BundleError(bundle, "is not a regular file", problem="unreadable")
    if status.st_size > MAX_BUNDLE_BYTES:
        raise BundleError(bundle, f"is larger than {MAX_BUNDLE_BYTES:,} bytes", problem="too_large")
    _check_directory_size(bundle)
    try:
        return zipfile.ZipFile(bundle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise BundleError(bundle, f"is not a readable .zip file ({error})",
                          problem="not_zip") from None


def _check_directory_size(bundle: Path) -> None:
    """Refuse a zip whose table of contents is too large before zipfile reads it whole."""
    try:
        with open(bundle, "rb") as stream:
            stream.seek(0, os.SEEK_END)
            size = stream.tell()
            start = max(0, size - _END_RECORD_SIZE - 0xFFFF)
            stream.seek(start)
            tail = stream.read()
    except OSError as error:
        raise BundleError(bundle, f"cannot be read: {error.strerror or error}") from None
    # Where zipfile looks: right at the end, else the last record in the comment area.
    found = (len(tail) - _END_RECORD_SIZE
             if tail[-_END_RECORD_SIZE:-_END_RECORD_SIZE + 4] == _END_RECORD
             else tail.rfind(_END_RECORD))
    if found < 0 or len(tail) - found < _END_RECORD_SIZE:
        raise BundleError(bundle, "is not a .zip file", problem="not_zip")
    entries, directory_bytes = struct.unpack("<HI", tail[found + 10:found + 16])
    # zipfile takes the ZIP64 record's counts over these whenever its locator sits just before.
    zip64 = found >= _ZIP64_LOCATOR_SIZE and tail[found - _ZIP64_LOCATOR_SIZE:].startswith(
        _ZIP64_LOCATOR)
    if zip64 or entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        raise BundleError(bundle, "is a ZIP64 file, which no bundle needs", problem="too_large")
    if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
        raise BundleError(bundle, f"holds more than {MAX_ENTRIES:,} files; a bundle holds one "
                                  "bot and its pictures", problem="too_large")


def _entry_problem(name: str) -> tuple[BundleProblem, str] | None:
    """Why an entry of this name cannot be in a bundle (the kind and the reason), or None."""
    if "\\" in name:
        return "outside", "uses a backslash in its path; a bundle uses only '/'"
    if name.startswith("/") or _DRIVE_LETTER.match(name):
        return "outside", "is an absolute path; a bundle's files lie inside the bundle"
    if ".." in name.split("/"):
        return "outside", "leads out of the bundle's folder ('..')"
    if any(ord(character) < 32 or ord(character) == 127 for character in name):
        return "not_allowed", "holds a control character in its name"
    if name in (BOT_FILE, MANIFEST_FILE, f"{IMAGES_DIR}/"):
        return None
    picture = name.removeprefix(f"{IMAGES_DIR}/")
    if picture != name and len(picture) <= MAX_PICTURE_NAME and PICTURE_NAME.match(picture):
        return None
    return "not_allowed", (f"is not allowed: a bundle holds only {BOT_FILE}, {MANIFEST_FILE} "
                           f"and pictures in {IMAGES_DIR}/ (letters, digits, '-', '_', '.png')")


def _checked_entries(bundle: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The bundle's entries by name, each name and kind checked; nothing is unpacked yet."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BundleError(bundle, f"holds more than {MAX_ENTRIES:,} files", problem="too_large")
    seen: dict[str, str] = {}
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        refusal = _entry_problem(name)
        if refusal:
            kind_of_problem, reason = refusal
            raise BundleError(bundle, reason, entry=name, problem=kind_of_problem)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind == stat.S_IFLNK:
            raise BundleError(bundle, "is a link; a bundle holds only files", entry=name,
                              problem="not_allowed")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise BundleError(bundle, "is not a plain file", entry=name, problem="not_allowed")
        # Zip tools on Windows leave the kind out (0); only a stated one can contradict.
        if kind == stat.S_IFDIR and not name.endswith("/"):
            raise BundleError(bundle, "is a folder where a file belongs", entry=name,
                              problem="not_allowed")
        if info.flag_bits & _ENCRYPTED:
            raise BundleError(bundle, "is encrypted; a bundle is not", entry=name,
                              problem="not_allowed")
        # Windows and macOS do not tell "A.png" from "a.png": two such entries would clash.
        folded = name.casefold()
        if folded in seen:
            same = "appears twice" if seen[folded] == name else \
                f"differs only in letter case from {abbreviate(seen[folded])}"
            raise BundleError(bundle, f"{same}; a bundle holds each file once", entry=name,
                              problem="duplicate")
        seen[folded] = name
        entries[name] = info
    if BOT_FILE not in entries:
        raise BundleError(bundle, f"holds no {BOT_FILE}; is this a Robotfabrik bundle?",
                          problem="bot")
    return entries


class _Unpacker:
    """Reads a bundle's entries, counting every byte unpacked against the bundle's limit.

    The headers' sizes are only a first check; a header may lie, so the bytes are counted as
    they come out of the decompressor.
    """

    def __init__(self, bundle: Path, archive: zipfile.ZipFile) -> None:
        self.bundle = bundle
        self.archive = archive
        self.unpacked = 0

    def read(self, info: zipfile.ZipInfo, limit: int, sink: Path | None = None) -> bytes:
        """The entry's bytes, or with ``sink`` written to that new file (and b"" returned)."""
        name = info.filename
        if info.file_size > limit:
            raise BundleError(self.bundle, f"is larger than {limit:,} bytes", entry=name,
                              problem="too_large")
        pieces: list[bytes] = []
        try:
            output = open(sink, "xb") if sink is not None else None  # noqa: SIM115
        except OSError as error:
            raise BundleError(self.bundle, f"cannot be unpacked: {error.strerror or error}",
                              entry=name) from None
        try:
            with self.archive.open(info) as stream:
                size = 0
                while piece := stream.read(_PIECE):
                    size += len(piece)
                    self.unpacked += len(piece)
                    self._check(name, size, limit)
                    if output is not None:
                        output.write(piece)
                    else:
                        pieces.append(piece)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError) as error:
            raise BundleError(self.bundle, f"is damaged and cannot be unpacked ({error})",
                              entry=name, problem="not_zip") from None
        finally:
            if output is not None:
                output.close()
        return b"".join(pieces)

    def _check(self, name: str, size: int, limit: int) -> None:
        if size > limit:
            raise BundleError(self.bundle, f"is larger than {limit:,} bytes", entry=name,
                              problem="too_large")
        if self.unpacked > MAX_UNPACKED_BYTES:
            raise BundleError(self.bundle, f"unpacks to more than {MAX_UNPACKED_BYTES:,} "
                                           "bytes", entry=name, problem="too_large")


def _unpack(bundle: Path, staging: Path) -> None:
    with _opened(bundle) as archive:
        entries = _checked_entries(bundle, archive)
        unpacker = _Unpacker(bundle, archive)
        if MANIFEST_FILE in entries:
            _manifest(bundle, unpacker.read(entries[MANIFEST_FILE], MAX_MANIFEST_BYTES))
        (staging / IMAGES_DIR).mkdir()
        for name, info in entries.items():
            if name == MANIFEST_FILE or name.endswith("/"):
                continue
            limit = MAX_BOT_FILE_BYTES if name == BOT_FILE else MAX_PICTURE_BYTES
            unpacker.read(info, limit, sink=staging / name)
            if name != BOT_FILE:
                with open(staging / name, "rb") as written:
                    if written.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
                        raise BundleError(bundle, "is not a PNG picture", entry=name,
                                          problem="not_png")


def _manifest(bundle: Path, data: bytes) -> Manifest:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BundleError(bundle, f"is not valid JSON ({error})", entry=MANIFEST_FILE,
                          problem="manifest") from None
    if not isinstance(document, dict) or document.get("format") != BUNDLE_FORMAT:
        raise BundleError(bundle, "is not a Robotfabrik bundle's manifest",
                          entry=MANIFEST_FILE, problem="manifest")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleError(bundle, "has no usable format_version", entry=MANIFEST_FILE,
                          problem="manifest")
    if version > BUNDLE_VERSION:
        raise BundleError(bundle, f"is format version {version}, made by a newer Robotfabrik; "
                                  f"this one reads up to version {BUNDLE_VERSION}",
                          entry=MANIFEST_FILE, problem="newer")
    return Manifest(bot_name=str(document.get("bot_name", "")),
                    exported_at=str(document.get("exported_at", "")), format_version=version)


def _drop_unused_pictures(folder: Path, used: set[str]) -> None:
    """Leave in the new bot only the pictures its steps use."""
    for picture in (folder / IMAGES_DIR).iterdir():
        if picture.name not in used:
            picture.unlink()
