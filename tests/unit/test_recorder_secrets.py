"""Typing into a password field is never stored, even when the secret hotkey was forgotten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.model.bot import Selector
from app.core.recording.recorder import Recorder, _ButtonInput, _KeyInput


class RowsStore:
    """The two store calls the recorder's processing thread makes, kept in memory."""

    def __init__(self) -> None:
        self.raw_events: list[dict[str, object]] = []
        self.elements: list[tuple[int, str]] = []

    def add_recorded_element(self, session_id: str, seq: int, selector_json: str) -> None:
        self.elements.append((seq, selector_json))

    def add_raw_event(self, session_id: str, row: dict[str, object]) -> None:
        self.raw_events.append(row)

    def add_click_context(self, session_id: str, row: dict[str, object]) -> None:
        return None


@dataclass
class Char:
    char: str


@dataclass
class Named:
    name: str


@dataclass
class Left:
    name: str = "left"


class FieldsByClick:
    """Stands in for the element worker: which field each click put the keyboard in."""

    def __init__(self, password_after_click: list[bool]) -> None:
        self.answers = password_after_click
        self.clicks = 0
        self.selectors: dict[int, Selector] = {}
        self.asked: list[int] = []

    def press(self, seq: int, x: int, y: int) -> None:
        self.clicks += 1

    def typing_into_password(self, seq: int, right_after_click: bool = False) -> bool:
        self.asked.append(seq)
        password = self.answers[self.clicks - 1]
        role = "password text" if password else "text"
        self.selectors[seq] = Selector(api="atspi", role=role)
        return password


def record(fields: FieldsByClick, script: list[Any]) -> tuple[Recorder, RowsStore]:
    store = RowsStore()
    recorder = Recorder(store, "inloggning")  # type: ignore[arg-type]
    recorder._elements = fields  # type: ignore[assignment]
    recorder._decoder_tried = True  # pynput's own characters are enough here
    recorder._state = "recording"
    for item in script:
        recorder._inbox.put(item)
    recorder._inbox.put(None)
    recorder._process()
    return recorder, store


def click() -> list[Any]:
    return [_ButtonInput(0.0, "press", 10, 10, Left(), None),
            _ButtonInput(0.1, "release", 10, 10, Left(), None)]


def typed(text: str, first_code: int = 30) -> list[Any]:
    keys: list[Any] = []
    for offset, char in enumerate(text):
        code = first_code + offset
        keys += [_KeyInput(0.2, "key_down", Char(char), code, 0, None),
                 _KeyInput(0.2, "key_up", Char(char), code, 0, None)]
    return keys


def test_what_is_typed_into_a_password_field_reaches_no_raw_event() -> None:
    fields = FieldsByClick([False, True])
    script = [*click(), *typed("anna"), *click(), *typed("hemligt", 50),
              _KeyInput(0.3, "key_down", Named("enter"), 36, 0, None),
              _KeyInput(0.3, "key_up", Named("enter"), 36, 0, None)]
    recorder, store = record(fields, script)
    chars = "".join(str(row["char"]) for row in store.raw_events
                    if row["kind"] == "key_down" and row["char"])
    assert chars == "anna"
    assert not any(row["keycode"] in range(50, 57) for row in store.raw_events)
    marks = [row for row in store.raw_events if row["kind"] == "mark"]
    assert [m["key"] for m in marks] == ["secret"]
    # The password field is remembered under the mark, so the secret step knows its field,
    # also in the store for a recovered recording.
    mark_seq = int(str(marks[0]["seq"]))
    assert recorder._elements.selectors[mark_seq].is_password
    assert [seq for seq, text in store.elements if "password text" in text] == [mark_seq]


def test_a_key_held_while_leaving_the_password_field_is_not_stored_on_release() -> None:
    fields = FieldsByClick([True])
    script = [*click(), _KeyInput(0.2, "key_down", Char("x"), 60, 0, None),
              _KeyInput(0.2, "key_down", Named("tab"), 23, 0, None),
              _KeyInput(0.2, "key_up", Char("x"), 60, 0, None),
              _KeyInput(0.2, "key_up", Named("tab"), 23, 0, None)]
    _recorder, store = record(fields, script)
    assert not any(row["keycode"] == 60 for row in store.raw_events)


def test_the_focused_field_is_asked_about_once_per_field_not_per_key() -> None:
    fields = FieldsByClick([False, False])
    _recorder, _store = record(fields, [*click(), *typed("abcdef"), *click(), *typed("gh")])
    assert len(fields.asked) == 2
