"""Events → bot: what a finished or recovered recording amounts to.

``build_bot`` coalesces a recording's raw events into steps, keeps the anchor pictures those
steps use and the picture of the window at each click, and turns what was typed in secret mode
into parameters that are asked for at run time. The recorder hands it the recording it has just
finished; recovery hands it one read back from the store after the recorder died.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.hotkeys import DEFAULT_STOP_HOTKEY
from app.core.model.bot import Bot, Parameter, Selector, Step, step_targets
from app.core.recording.coalesce import coalesce, secret_placeholders
from app.core.recording.events import ClickContext, InputEvent


@dataclass
class Recording:
    """A finished (or recovered) recording session: its events and what was seen at each press."""

    session_id: str
    pictures_dir: Path
    events: list[InputEvent] = field(default_factory=list)
    contexts: dict[int, ClickContext] = field(default_factory=dict)
    # The element the accessibility tree named at a press or at the first key of typing.
    selectors: dict[int, Selector] = field(default_factory=dict)


def thumbnail_name(seq: int) -> str:
    """The file the recorder keeps the window picture of click ``seq`` in."""
    return f"window-{seq:05d}.png"


def _attach_thumbnail(step: Step, pictures_dir: Path, pictures: dict[str, bytes]) -> None:
    """The window picture taken at the step's click, found by the click picture's number."""
    targets = step_targets(step)
    if not targets or not targets[0].anchor or not targets[0].anchor.startswith("click-"):
        return
    seq = int(targets[0].anchor.removeprefix("click-").removesuffix(".png"))
    file = pictures_dir / thumbnail_name(seq)
    if file.is_file():
        step.thumbnail = file.name
        pictures[file.name] = file.read_bytes()


def build_bot(name: str, recording: Recording,
              ignored_hotkeys: list[frozenset[str]] | None = None) -> tuple[Bot, dict[str, bytes]]:
    """The bot a recording amounts to, with the anchor pictures its steps use.

    Secrets typed in secret mode became ``{{losenord}}``-style placeholders; each gets a secret
    parameter, so the value is asked for at run time and never kept.
    """
    steps: list[Step] = coalesce(recording.events, recording.contexts,
                                 ignored_hotkeys or [DEFAULT_STOP_HOTKEY], recording.selectors)
    pictures: dict[str, bytes] = {}
    for step in steps:
        _attach_thumbnail(step, recording.pictures_dir, pictures)
        for target in step_targets(step):
            if target.anchor is None:
                continue
            file = recording.pictures_dir / target.anchor
            if file.is_file():
                pictures[target.anchor] = file.read_bytes()
            else:
                target.anchor = None
                target.anchor_offset = None
    parameters = [Parameter(name=secret, type="secret", label="Lösenord")
                  for secret in secret_placeholders(steps)]
    return Bot(name=name, parameters=parameters, steps=steps), pictures
