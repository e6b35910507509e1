"""Raw input events as the recorder saw them, and what the picture worker captured around clicks.

These are the recording's ground truth: kept in the store as they happen, and turned into steps
by the pure ``coalesce`` function, so a recording can be re-coalesced or recovered at any time.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

# "mark" events are the recorder's own notes in the stream: key "pause", "resume" or "secret"
# (a secret was typed here; its text was stored nowhere).
EventKind = Literal["press", "release", "move", "scroll", "key_down", "key_up", "mark"]

# AltGr is how Nordic keyboards reach @ £ $ € { } [ ] \ |: it produces text, never a hotkey.
TEXT_MODIFIERS = frozenset({"alt_gr", "iso_level3_shift", "mode_switch", "dead_key"})
LOCK_KEYS = frozenset({"caps_lock", "num_lock", "scroll_lock"})


@dataclass(frozen=True)
class InputEvent:
    """One press, release, movement, scroll or key of the recording.

    ``key`` is a key's name for keys without text ('tab', 'enter', 'shift', 'f12') and 'char' for
    keys that produce text, which is then in ``char``. ``keycode`` identifies the physical key, so
    a release pairs with its press even when Shift changed the character in between.
    """

    seq: int
    t: float
    kind: EventKind
    x: int | None = None
    y: int | None = None
    button: str | None = None
    key: str | None = None
    char: str | None = None
    keycode: int | None = None
    dx: int = 0
    dy: int = 0

    def as_row(self) -> dict[str, object]:
        """The columns the store keeps for this, apart from its session."""
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, object]) -> InputEvent:
        names = cls.__dataclass_fields__
        values = {name: row[name] for name in names if name in row}
        values["dx"] = values.get("dx") or 0
        values["dy"] = values.get("dy") or 0
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ClickContext:
    """What the picture worker saw at a mouse press: the anchor picture and the window."""

    seq: int
    anchor: str | None = None
    anchor_left: int = 0
    anchor_top: int = 0
    window_title: str | None = None
    window_class: str | None = None
    window_x: int | None = None
    window_y: int | None = None
    window_width: int | None = None
    window_height: int | None = None
    # The click or keys went to one of the recorder's own windows: never a step.
    ignored: bool = False

    def as_row(self) -> dict[str, object]:
        """The columns the store keeps for this, apart from its session."""
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, object]) -> ClickContext:
        names = cls.__dataclass_fields__
        return cls(**{name: row[name] for name in names if name in row})  # type: ignore[arg-type]
