"""pynput's keyboard listener on X11, telling its callbacks the X details of the current event.

pynput hands the callbacks a key object only. The object for a release need not equal the one
for its press (Shift released first turns 'H' into 'h', and '!' is released as '1'), so the key
code is what pairs them; and what a key typed is decoded from its key code, modifier state and
server time (``decoding``). pynput calls the callbacks from ``_handle_message`` for the event
they report, so the details kept there are that event's.
"""

from __future__ import annotations

from typing import Any


def _as_int(value: Any) -> int | None:
    return int(value) if value is not None else None


def with_event_details(base: type[Any]) -> type[Any]:
    """A subclass of pynput's keyboard listener ``base`` whose ``current_keycode``,
    ``current_state`` and ``current_time`` are those of the event being reported."""

    class EventDetailsListener(base):  # type: ignore[misc]
        current_keycode: int | None = None
        current_state: int | None = None
        current_time: int | None = None

        def _handle_message(self, display: Any, event: Any, injected: bool) -> None:
            self.current_keycode = _as_int(getattr(event, "detail", None))
            self.current_state = _as_int(getattr(event, "state", None))
            self.current_time = _as_int(getattr(event, "time", None))
            super()._handle_message(display, event, injected)

    return EventDetailsListener
