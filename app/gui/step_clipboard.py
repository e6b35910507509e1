"""Steps on the system clipboard: copied from one bot, pasted into another or the same one,
also between two studio windows or two studio processes.

The clipboard holds the steps twice: as ``application/x-robotfabrik-steps+json`` (the steps as
bot.json writes them, the parameters they use and their pictures as base64) for a studio, and as
plain numbered lines ("3. Klicka på ”Sök” i Ärenden") for a mail or a ticket. What is pasted
is read as strictly as a bot file (``parse_bot``) with bounded size, and every pasted step gets
a new id. Pictures whose name the receiving bot already uses for another picture are renamed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.model.bot import Bot, DecisionStep, Parameter, Step, all_steps, step_targets
from app.core.model.botfile import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_PICTURE_NAME,
    PICTURE_NAME,
    PNG_SIGNATURE,
    BotFileError,
    bot_json,
    parse_bot,
    placeholders,
    step_json,
)
from app.core.model.editing import BotDocument, EditError, copy_step
from app.gui.qt import QtCore
from app.gui.step_model import step_description, step_what_text

MIME_TYPE = "application/x-robotfabrik-steps+json"
# A clipboard is not a bot folder; still, nobody pastes more than this on purpose.
MAX_CLIPBOARD_BYTES = 50_000_000


@dataclass
class CopiedSteps:
    """Steps read from the clipboard, with the pictures and parameters they bring along."""

    steps: list[Step]
    pictures: dict[str, bytes]
    parameters: list[Parameter]


def _picture_bytes(document: BotDocument, name: str) -> bytes | None:
    source = document.picture(name)
    if isinstance(source, Path):
        try:
            return source.read_bytes()
        except OSError:
            return None
    return source


def steps_mime_data(document: BotDocument, rows: Sequence[int]) -> QtCore.QMimeData:
    """The steps at ``rows`` of ``document`` as clipboard data."""
    steps = [document.steps[row] for row in sorted(set(rows))]
    used = {name for step in steps for name in _step_placeholders(step)}
    parameters = [parameter for parameter in document.bot.parameters if parameter.name in used]
    pictures: dict[str, str] = {}
    for name in sorted(Bot("x", steps=steps).pictures()):
        picture = _picture_bytes(document, name)
        if picture is not None:
            pictures[name] = base64.b64encode(picture).decode("ascii")
    payload = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "parameters": bot_json(Bot("x", parameters=parameters))["parameters"],
        "steps": [step_json(step) for step in steps],
        "pictures": pictures,
    }
    mime = QtCore.QMimeData()
    mime.setData(MIME_TYPE, QtCore.QByteArray(json.dumps(payload, ensure_ascii=False)
                                              .encode("utf-8")))
    mime.setText(plain_text(steps, [row + 1 for row in sorted(set(rows))]))
    return mime


def plain_text(steps: Sequence[Step], numbers: Sequence[int]) -> str:
    """The steps as a person would write them down, one per line."""
    lines = []
    for number, step in zip(numbers, steps, strict=True):
        value = step_what_text(step)
        line = f"{number}. {step_description(step)}"
        if value and value not in line:
            line += f": {value}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def has_steps(data: QtCore.QMimeData | None) -> bool:
    return data is not None and data.hasFormat(MIME_TYPE)


def read_steps(data: QtCore.QMimeData) -> CopiedSteps:
    """The steps on the clipboard, checked as a bot file is; EditError says what is wrong."""
    raw = bytes(data.data(MIME_TYPE).data())
    if len(raw) > MAX_CLIPBOARD_BYTES:
        raise EditError("the copied steps are too large to paste")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise EditError(f"the copied steps cannot be read: {error}") from None
    if not isinstance(payload, dict):
        raise EditError("the copied steps cannot be read")
    pictures_in = payload.pop("pictures", {})
    document = {**payload, "name": "clipboard"}
    try:
        bot = parse_bot(document, Path("clipboard"), images=None)
    except BotFileError as error:
        where = error.where()
        raise EditError(f"the copied steps cannot be pasted: {where + ': ' if where else ''}"
                        f"{error.field + ': ' if error.field else ''}{error.reason}") from None
    if not isinstance(pictures_in, dict):
        raise EditError("the copied pictures cannot be read")
    pictures: dict[str, bytes] = {}
    for name, encoded in pictures_in.items():
        if (not isinstance(name, str) or len(name) > MAX_PICTURE_NAME
                or not PICTURE_NAME.match(name) or not isinstance(encoded, str)):
            raise EditError("a copied picture has no plain file name")
        try:
            png = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise EditError(f"the copied picture {name} cannot be read") from None
        if not png.startswith(PNG_SIGNATURE):
            raise EditError(f"the copied picture {name} is not a PNG picture")
        pictures[name] = png
    return CopiedSteps(bot.steps, pictures, bot.parameters)


def fit_into(document: BotDocument, copied: CopiedSteps) -> CopiedSteps:
    """The copied steps as ``document`` takes them: new step ids; pictures it already has (same
    name, same content) are not added again, and a name it uses for another picture is renamed;
    only the parameters it lacks are added."""
    steps = [copy_step(step) for step in copied.steps]
    pictures: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    for name, png in copied.pictures.items():
        if not document.has_picture(name):
            pictures[name] = png
            continue
        if _picture_bytes(document, name) == png:
            continue
        new_name = document.free_picture_name(name.removesuffix(".png"))
        while new_name in pictures:
            new_name = new_name.removesuffix(".png") + "-b.png"
        renamed[name] = new_name
        pictures[new_name] = png
    for step in all_steps(steps):
        if step.thumbnail in renamed:
            step.thumbnail = renamed[step.thumbnail]
        for target in step_targets(step):
            if target.anchor in renamed:
                target.anchor = renamed[target.anchor]
    parameters = [parameter for parameter in copied.parameters
                  if document.bot.parameter(parameter.name) is None]
    return CopiedSteps(steps, pictures, parameters)


def _step_placeholders(step: Step) -> list[str]:
    texts = [getattr(inner, "text", None) for inner in all_steps([step])]
    shown = step.show if isinstance(step, DecisionStep) else []
    return [name for text in texts if isinstance(text, str) for name in placeholders(text)] \
        + shown
