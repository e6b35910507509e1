"""Redaction: the one place that keeps secret values out of every text the program writes.

While a run has secret values (passwords from the keyring or a prompt), they are registered
here, process-wide, for as long as the run session lasts. Every path that writes text passes
its text through ``redact``: the store (every row it is given: log lines, step results, run
reasons, parameters), the Python logging handlers the program owns (``RedactingFilter``), the
console output of ``run``, and the text chunks of failure screenshots (``redact_png``). A
secret is shown as ``•••``.

Values shorter than ``MIN_LENGTH`` characters are not hunted for in text: a one-letter
"password" would turn every log line to mush and protects nothing (it is still masked wherever a
parameter's value is shown). The store leaves the columns that hold names of things (ids,
statuses, paths, the bot's name) as they are: those are the program's own words, and a redacted
status or path would break it.

Registration is counted, so two run sessions that share a value (the studio and the tray on
one password) do not unhide it for each other. With nothing registered, ``redact`` returns its
text untouched at the cost of one attribute read, so the recorder's hot path pays nothing.
"""

from __future__ import annotations

import json
import logging
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Final

MASK: Final = "•••"
MIN_LENGTH: Final = 4
# Columns the store fills with the program's own names and numbers, never with text a person or
# an exception wrote: left alone, since redacting them would break lookups.
STRUCTURAL_COLUMNS: Final = frozenset({
    "id", "run_id", "session_id", "step_id", "status", "kind", "step_type", "found_by", "level",
    "bot_name", "bot_path", "screenshot", "os_user", "bot_sha256", "bot_version", "anchor",
})

_lock = threading.Lock()
_counts: Counter[str] = Counter()
# Longest first, so a secret that contains another is hidden whole; replaced, never mutated,
# so readers need no lock.
_forms: tuple[str, ...] = ()


def _spellings(value: str) -> set[str]:
    """The ways a value shows up in text: as it is, and as repr() and JSON escape it."""
    forms = {value, repr(value)[1:-1], json.dumps(value)[1:-1],
             json.dumps(value, ensure_ascii=True)[1:-1]}
    return {form for form in forms if form}


def _rebuild() -> None:
    global _forms  # noqa: PLW0603 - one process-wide set of secrets is the point
    forms: set[str] = set()
    for value in _counts:
        forms |= _spellings(value)
    _forms = tuple(sorted(forms, key=len, reverse=True))


def hide(values: Iterable[str]) -> None:
    """Start hiding ``values`` (shorter than MIN_LENGTH: ignored) in everything written from
    now on."""
    with _lock:
        _counts.update(value for value in values if len(value) >= MIN_LENGTH)
        _rebuild()


def unhide(values: Iterable[str]) -> None:
    """Stop hiding ``values`` once every ``hide`` of them has been matched by an ``unhide``."""
    with _lock:
        for value in values:
            if len(value) < MIN_LENGTH:
                continue
            if _counts.get(value, 0) > 1:
                _counts[value] -= 1
            else:
                _counts.pop(value, None)
        _rebuild()


@contextmanager
def hidden(values: Iterable[str]) -> Iterator[None]:
    """Hide ``values`` for the length of a ``with`` block."""
    kept = list(values)
    hide(kept)
    try:
        yield
    finally:
        unhide(kept)


def active() -> bool:
    """Whether any secret is being hidden now."""
    return bool(_forms)


def redact(text: str) -> str:
    """``text`` with every secret being hidden replaced by ``•••``."""
    forms = _forms
    if not forms:
        return text
    # Again until none is left: a replacement can join what stood around it into a secret
    # ("a" + "•••" of "a•••"). Every form is longer than the mask, so this ends.
    changed = True
    while changed:
        changed = False
        for form in forms:
            if form in text:
                text = text.replace(form, MASK)
                changed = True
    return text


def redact_value(value: object) -> object:
    """A value about to be written: text redacted, bytes redacted as UTF-8 text where they
    hold a secret, everything else as it is."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bytes):
        return redact_bytes(value)
    return value


def redact_bytes(data: bytes) -> bytes:
    """``data`` with every secret being hidden, as UTF-8 or UTF-16 text, replaced."""
    for form in _forms:
        for encoded in (form.encode("utf-8"), form.encode("utf-16-le")):
            if encoded in data:
                data = data.replace(encoded, MASK.encode("utf-8"))
    return data


def redact_row(row: dict[str, object]) -> dict[str, object]:
    """A row about to be stored, with every text column redacted (not the structural ones)."""
    if not _forms:
        return row
    return {column: value if column in STRUCTURAL_COLUMNS else redact_value(value)
            for column, value in row.items()}


class RedactingFilter(logging.Filter):
    """Put on a logging handler: the record's message and its exception text come out
    redacted (the record is rewritten, so every later handler sees the redacted text too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _forms:
            return True
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# --- PNG text chunks ---------------------------------------------------------------------------

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_TEXT_CHUNKS: Final = (b"tEXt", b"zTXt", b"iTXt")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _chunk_text(kind: bytes, data: bytes) -> str:
    """The readable text of a PNG text chunk (keyword and text), for looking for secrets."""
    if kind == b"zTXt":
        keyword, _, rest = data.partition(b"\0")
        try:
            return keyword.decode("latin-1") + "\0" + zlib.decompress(rest[1:]).decode("latin-1")
        except zlib.error:
            return data.decode("latin-1")
    if kind == b"iTXt":
        keyword, _, rest = data.partition(b"\0")
        compressed, rest = rest[:1], rest[2:]
        language, _, rest = rest.partition(b"\0")
        translated, _, text = rest.partition(b"\0")
        if compressed == b"\1":
            with suppress(zlib.error):
                text = zlib.decompress(text)
        return "\0".join(part.decode("utf-8", "replace")
                         for part in (keyword, language, translated, text))
    return data.decode("latin-1")


def redact_png(png: bytes) -> bytes:
    """A PNG whose text chunks (tEXt, zTXt, iTXt) no longer hold a secret: a chunk that held
    one is replaced by a tEXt chunk of the same keyword with its text redacted. Pixels stay
    as they are; anything that is not a PNG comes back redacted as bytes."""
    forms = _forms
    if not forms:
        return png
    if not png.startswith(PNG_SIGNATURE):
        return redact_bytes(png)
    out = [PNG_SIGNATURE]
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind = png[position + 4:position + 8]
        end = position + 12 + length
        if end > len(png):
            break
        data = png[position + 8:position + 8 + length]
        if kind in _TEXT_CHUNKS:
            text = _chunk_text(kind, data)
            if redact(text) != text:
                keyword = text.partition("\0")[0]
                value = redact(text.split("\0")[-1])
                data = (keyword.encode("latin-1", "replace") + b"\0"
                        + value.replace(MASK, "***").encode("latin-1", "replace"))
                kind = b"tEXt"
            out.append(_chunk(kind, data))
        else:
            out.append(png[position:end])
        position = end
    out.append(png[position:])
    return b"".join(out)
