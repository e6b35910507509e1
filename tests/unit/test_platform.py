"""What the platform package answers without a display: process state, the pointer reader it
hands out, and the keyboard listener with the X details of each key event."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import pytest

from app.core.platform import (
    PlatformError,
    ProcessState,
    listener_class,
    pointer_reader,
    process_state,
)
from app.core.platform.linux import parse_stat
from app.core.platform.x11.pointer import X11PointerReader

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


# --- processes ---------------------------------------------------------------------------------

def stat_line(name: str, state: str, start_ticks: int) -> str:
    fields = [state, *(str(n) for n in range(1, 19)), str(start_ticks), "0", "0"]
    return f"4242 ({name}) {' '.join(fields)}\n"


def test_the_stat_line_is_read_after_a_command_name_with_spaces_and_parentheses() -> None:
    assert parse_stat(stat_line("robot (x) y) z", "S", 123456)) == ("S", 123456)


def test_a_stat_line_cut_short_tells_the_state_but_not_the_start() -> None:
    assert parse_stat("4242 (robot) Z 1 2 3\n") == ("Z", None)


@linux_only
def test_this_process_runs_and_began_before_now() -> None:
    state = process_state(os.getpid())
    assert state.running
    assert state.started_at is not None
    assert time.time() - 3600 * 24 * 365 < state.started_at <= time.time()


@linux_only
def test_a_process_that_ended_and_was_collected_does_not_run() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    assert process_state(process.pid) == ProcessState(running=False)


@linux_only
def test_a_process_that_ended_but_was_not_collected_does_not_run() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 10
        while process_state(process.pid).running and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not process_state(process.pid).running
    finally:
        process.wait()


# --- the pointer -------------------------------------------------------------------------------

def test_the_pointer_is_read_on_x11_only_so_far(monkeypatch: pytest.MonkeyPatch) -> None:
    for system in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", system)
        with pytest.raises(PlatformError, match="only watched on X11"):
            pointer_reader()
    monkeypatch.setattr(sys, "platform", "linux")
    reader = pointer_reader()
    assert isinstance(reader, X11PointerReader)
    reader.close()  # never connected: nothing to give back, and no error


def test_an_unreachable_display_fails_at_the_first_reading() -> None:
    reader = X11PointerReader(":4242")
    with pytest.raises(Exception, match="4242"):
        reader.position_and_screen_size()
    reader.close()


# --- the keyboard listener ---------------------------------------------------------------------

class FakeEvent:
    def __init__(self, detail: int, state: int, time: int) -> None:
        self.detail, self.state, self.time = detail, state, time


class FakeListener:
    """Stands in for pynput's: reports each event to the callback from ``_handle_message``."""

    def __init__(self) -> None:
        self.seen: list[tuple[Any, ...]] = []

    def _handle_message(self, display: Any, event: Any, injected: bool) -> None:
        self.seen.append((getattr(self, "current_keycode", None),
                          getattr(self, "current_state", None),
                          getattr(self, "current_time", None), injected))


def test_on_x11_the_callbacks_see_the_key_code_state_and_time_of_their_event(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    listener = listener_class(FakeListener)()
    listener._handle_message(None, FakeEvent(38, 1, 5000), False)
    listener._handle_message(None, FakeEvent(38, 0, 5001), True)
    listener._handle_message(None, object(), False)  # an event without key details
    assert listener.seen == [(38, 1, 5000, False), (38, 0, 5001, True), (None, None, None, False)]


def test_elsewhere_the_listener_is_pynputs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    for system in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", system)
        assert listener_class(FakeListener) is FakeListener
