"""The store's writers for recording sessions: raw events, what was seen at them, and the mark
recovery leaves on a session whose recorder died."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.recording.events import ClickContext, InputEvent
from app.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "robotfabrik.sqlite") as opened:
        yield opened


def test_raw_events_and_what_was_seen_at_them_are_kept_per_session(store: Store) -> None:
    mine = store.start_session("ansokan", 1920, 1080, "se")
    other = store.start_session("annan", 1920, 1080, "se")
    press = InputEvent(1, 10.0, "press", x=300, y=200, button="left")
    key = InputEvent(2, 10.5, "key_down", key="char", char="å", keycode=34)
    seen = ClickContext(seq=1, anchor="click-00001.png", anchor_left=260, anchor_top=175,
                        window_title="Socialsystemet – Sök", ignored=True)
    store.add_raw_event(mine, press.as_row())
    store.add_raw_event(mine, key.as_row())
    store.add_raw_event(other, InputEvent(1, 11.0, "key_down", key="tab").as_row())
    store.add_click_context(mine, seen.as_row())
    store.flush()
    events = store.session_events(mine)
    assert [InputEvent.from_row(row) for row in events] == [press, key]
    assert {row["session_id"] for row in events} == {mine}
    [context] = store.session_contexts(mine)
    assert context["session_id"] == mine
    assert context["ignored"] == 1  # SQLite keeps the flag as a number
    assert dataclasses.replace(ClickContext.from_row(context), ignored=True) == seen
    assert store.session_contexts(other) == []


def test_an_event_with_a_column_the_store_lacks_is_refused_at_once(store: Store) -> None:
    session = store.start_session("ansokan", 1920, 1080, None)
    with pytest.raises(ValueError, match="colour"):
        store.add_raw_event(session, {**InputEvent(1, 1.0, "press").as_row(), "colour": "red"})


def test_a_session_marked_interrupted_ends_when_its_last_event_happened(store: Store) -> None:
    session = store.start_session("ansokan", 1920, 1080, "se")
    store.mark_session_interrupted(session, 1234.5)
    store.flush()
    [row] = store.sessions("interrupted")
    assert (row["id"], row["ended_at"]) == (session, 1234.5)
    assert store.sessions("recording") == []
