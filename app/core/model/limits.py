"""The limits every loader keeps, so that no file a robot is handed can hang, crash or mislead it.

A bot is a folder anyone may share, and a data file is whatever Excel saved: both are read only
as regular files of a bounded size, only from inside the folder they belong to, and anything
quoted back in an error is cut short so that a message stays one readable line.

Loaders raise their own error types (they know the file, step or row); the functions here raise
``FileRefusedError`` with the reason, for the loader to wrap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# One line a person can read; a quoted value never takes more than its share.
MAX_MESSAGE_CHARS = 300
QUOTED_VALUE_CHARS = 60


class FileRefusedError(Exception):
    """A file that is not read: not a regular file, too large, or outside its folder."""


def abbreviate(value: object, limit: int = QUOTED_VALUE_CHARS) -> str:
    """``value`` quoted for a message, its middle left out when it is long:
    ``'Åsa Öberg'`` or ``'aaaaaaaa…aaaa' (150,000 characters)``.

    Control characters and lone surrogates are shown escaped, so a message stays one line and
    can always be written out.
    """
    text = str(value)
    shown = repr(text)[1:-1]
    if len(shown) <= limit:
        return f"'{shown}'"
    keep = max(limit - 10, 8)
    head, tail = shown[: keep * 2 // 3], shown[-(keep // 3):]
    return f"'{head}…{tail}' ({len(text):,} characters)"


def one_line(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``message`` on one line of at most ``limit`` characters."""
    folded = " ".join(message.split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds half of a UTF-16 pair on its own, or None when it is clean.

    JSON's ``\\ud800`` escapes can put one into a Python string; it cannot be written as UTF-8,
    so a file holding it would load but never save again.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, with every link followed, lies inside ``folder`` (also followed).

    Answers the same whether or not something exists where a link points, so a refusal tells
    nothing about files outside the folder.
    """
    try:
        resolved = path.resolve(strict=False)
        base = folder.resolve(strict=False)
        # Python 3.13 gives back a loop of links unresolved instead of raising.
        if resolved.is_symlink():
            return False
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL in the name
        return False
    return resolved == base or base in resolved.parents


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``.

    A FIFO, a device (``/dev/zero``), a folder or a socket is refused before it is read, so
    reading can neither block nor run without end.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise FileRefusedError(f"cannot be read: {error.strerror or error}") from None
    except ValueError:  # a NUL in the path: no file can have that name
        raise FileRefusedError("cannot be read: the name holds a NUL character") from None
    if not stat.S_ISREG(status.st_mode):
        raise FileRefusedError("is not a regular file")
    if status.st_size > max_bytes:
        raise FileRefusedError(f"is larger than {max_bytes:,} bytes")
    # Non-blocking, so that a file swapped for a FIFO after the check cannot hang the read.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FileRefusedError(f"cannot be read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise FileRefusedError("is not a regular file")
        # Asking for the limit itself would reserve that much memory for every small file.
        expected = min(status.st_size, max_bytes) + 1
        data = stream.read(expected) or b""
        if len(data) == expected:  # it grew since it was measured
            data += stream.read(max_bytes + 1 - len(data)) or b""
    if len(data) > max_bytes:
        raise FileRefusedError(f"is larger than {max_bytes:,} bytes")
    return data
