"""The safety stop's pure parts: hotkey text, which keys are held, the fail-safe corner, and
what ``guard_run`` does when a stop signal comes. No display is needed."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from app.core.hotkeys import format_hotkey, parse_hotkey
from app.core.running import safety
from app.core.running.safety import (
    DEFAULT_ABORT_HOTKEY,
    AbortWatcher,
    CornerTrigger,
    HeldKeys,
    completes_hotkey,
    corner_at,
    guard_run,
    key_token,
)

# X key codes of a pc105 keyboard under evdev, as the listener reports them.
CTRL_L, CTRL_R, SHIFT_L, F11, F12, H, ONE = 37, 105, 50, 95, 96, 43, 10
WIDTH, HEIGHT = 1920, 1080


def recording_watcher(hotkey: frozenset[str] = DEFAULT_ABORT_HOTKEY,
                      margin: int = 2) -> tuple[AbortWatcher, list[str]]:
    reasons: list[str] = []
    return AbortWatcher(reasons.append, hotkey, corner_margin=margin), reasons


# --- hotkey text -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "keys"), [
    ("ctrl+F12", {"ctrl", "f12"}),
    (" Ctrl_R + f12 ", {"ctrl", "f12"}),
    ("Control+Shift+Q", {"ctrl", "shift", "q"}),
    ("alt_l+esc", {"alt", "esc"}),
    ("win+Escape", {"super", "esc"}),
    ("ctrl+plus", {"ctrl", "+"}),
])
def test_hotkeys_are_read_the_way_people_write_them(text: str, keys: set[str]) -> None:
    assert parse_hotkey(text) == keys


@pytest.mark.parametrize("text", ["", "  ", "ctrl+", "+f12", "ctrl++f12", "ctrl+shift", "alt"])
def test_a_hotkey_that_cannot_work_is_refused_with_an_explanation(text: str) -> None:
    with pytest.raises(ValueError, match=r"hotkey|modifier"):
        parse_hotkey(text)


def test_a_hotkey_is_shown_modifiers_first() -> None:
    assert format_hotkey(frozenset({"f12", "shift", "ctrl"})) == "ctrl+shift+f12"
    assert parse_hotkey(format_hotkey(parse_hotkey("F12+Alt"))) == {"alt", "f12"}


def test_keys_from_the_listener_get_the_names_hotkeys_use() -> None:
    assert key_token(SimpleNamespace(name="ctrl_r")) == "ctrl"
    assert key_token(SimpleNamespace(name="f12")) == "f12"
    assert key_token(SimpleNamespace(name=None, char="Q")) == "q"
    assert key_token(SimpleNamespace(name=None, char="Å")) == "å"
    assert key_token(SimpleNamespace(name=None, char=None, vk=65027)) == "vk65027"
    assert key_token(None) == "unknown"


# --- held keys -----------------------------------------------------------------------------

def test_a_capital_letter_leaves_no_key_held_although_its_release_has_another_name() -> None:
    held = HeldKeys()
    held.press(SHIFT_L, "shift")
    assert held.press(H, key_token(SimpleNamespace(name=None, char="H"))) == {"shift", "h"}
    held.release(SHIFT_L)
    held.release(H)  # reported as release 'h': it pairs with the press by its key code
    assert held.names() == frozenset()


def test_an_exclamation_mark_released_as_one_leaves_no_key_held() -> None:
    watcher, _ = recording_watcher()
    watcher.key_down(SHIFT_L, "shift")
    watcher.key_down(ONE, "!")
    watcher.key_up(SHIFT_L)
    watcher.key_up(ONE)  # reported as release '1'
    watcher.key_down(F12, "f12")
    assert watcher._held.names() == {"f12"}


def test_a_release_without_its_press_is_ignored() -> None:
    held = HeldKeys()
    held.release(CTRL_L)
    assert held.names() == frozenset()


# --- the hotkey ----------------------------------------------------------------------------

def test_ctrl_then_f12_stops_the_robot_once() -> None:
    watcher, reasons = recording_watcher()
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_down(F12, "f12")
    watcher.key_down(F12, "f12")  # the keyboard repeating F12 while it is held
    assert reasons == ["the stop hotkey ctrl+f12 was pressed"]
    assert watcher.fired and watcher.fired_at is not None


def test_the_right_ctrl_key_works_too() -> None:
    watcher, reasons = recording_watcher()
    watcher.key_down(CTRL_R, "ctrl")
    watcher.key_down(F12, "f12")
    assert len(reasons) == 1


@pytest.mark.parametrize("keys", [
    [(F12, "f12")],
    [(CTRL_L, "ctrl"), (F11, "f11")],
    [(CTRL_L, "ctrl"), (H, "h"), (ONE, "1")],
])
def test_other_keys_and_shortcuts_do_not_stop_the_robot(keys: list[tuple[int, str]]) -> None:
    watcher, reasons = recording_watcher()
    for slot, token in keys:
        watcher.key_down(slot, token)
    assert reasons == []


def test_f12_after_ctrl_was_let_go_does_not_stop_the_robot() -> None:
    watcher, reasons = recording_watcher()
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_up(CTRL_L)
    watcher.key_down(F12, "f12")
    assert reasons == []


def test_the_hotkey_works_while_the_robot_holds_shift_for_a_capital() -> None:
    watcher, reasons = recording_watcher()
    watcher.key_down(CTRL_L, "ctrl")  # the person
    watcher.key_down(SHIFT_L, "shift")  # the robot, typing 'Å' at that instant
    watcher.key_down(F12, "f12")  # the person
    assert len(reasons) == 1


def test_a_configured_hotkey_replaces_ctrl_f12() -> None:
    watcher, reasons = recording_watcher(parse_hotkey("ctrl+alt+q"))
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_down(F12, "f12")
    watcher.key_down(64, "alt")
    watcher.key_down(24, "q")
    assert reasons == ["the stop hotkey ctrl+alt+q was pressed"]


def test_only_a_key_of_the_hotkey_completes_it() -> None:
    hotkey = frozenset({"ctrl", "f12"})
    assert completes_hotkey(hotkey, frozenset({"ctrl", "f12"}), "f12")
    assert completes_hotkey(hotkey, frozenset({"ctrl", "f12", "shift"}), "f12")
    assert not completes_hotkey(hotkey, frozenset({"ctrl", "f12", "a"}), "a")
    assert not completes_hotkey(hotkey, frozenset({"f12"}), "f12")


# --- the corner ----------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "y", "corner"), [
    (0, 0, "top-left"), (2, 2, "top-left"), (1919, 0, "top-right"), (1917, 1, "top-right"),
    (0, 1079, "bottom-left"), (1919, 1079, "bottom-right"), (1917, 1077, "bottom-right"),
])
def test_every_corner_counts_within_the_margin(x: int, y: int, corner: str) -> None:
    assert corner_at(x, y, WIDTH, HEIGHT, margin=2) == corner


@pytest.mark.parametrize(("x", "y"), [
    (3, 0), (0, 3), (960, 0), (0, 540), (1919, 540), (960, 1079), (1916, 1079), (960, 540),
])
def test_one_edge_alone_is_not_a_corner(x: int, y: int) -> None:
    assert corner_at(x, y, WIDTH, HEIGHT, margin=2) is None


def test_with_no_margin_only_the_corner_pixel_counts() -> None:
    assert corner_at(0, 0, WIDTH, HEIGHT, margin=0) == "top-left"
    assert corner_at(1, 0, WIDTH, HEIGHT, margin=0) is None
    assert corner_at(1919, 1079, WIDTH, HEIGHT, margin=0) == "bottom-right"
    assert corner_at(1918, 1079, WIDTH, HEIGHT, margin=0) is None


def test_a_screen_of_no_size_has_no_corners() -> None:
    assert corner_at(0, 0, 0, 0, margin=2) is None


def test_a_pointer_already_in_a_corner_when_the_run_starts_does_not_stop_it() -> None:
    trigger = CornerTrigger(margin=2)
    assert trigger.update(0, 0, WIDTH, HEIGHT) is None
    assert trigger.update(1, 0, WIDTH, HEIGHT) is None  # nudged, but still in the corner
    assert trigger.update(0, 0, WIDTH, HEIGHT) is None


def test_moving_out_of_the_parked_corner_and_back_stops_the_robot() -> None:
    trigger = CornerTrigger(margin=2)
    trigger.update(0, 0, WIDTH, HEIGHT)
    assert trigger.update(400, 300, WIDTH, HEIGHT) is None
    assert trigger.update(0, 0, WIDTH, HEIGHT) == "top-left"
    assert trigger.update(0, 1, WIDTH, HEIGHT) is None  # still there: it has already fired


def test_arriving_in_any_corner_stops_the_robot() -> None:
    for x, y, corner in ((0, 0, "top-left"), (1919, 0, "top-right"),
                         (0, 1079, "bottom-left"), (1919, 1079, "bottom-right")):
        trigger = CornerTrigger(margin=2)
        trigger.update(960, 540, WIDTH, HEIGHT)
        assert trigger.update(x, y, WIDTH, HEIGHT) == corner


def test_jumping_from_one_corner_to_another_counts_as_arriving() -> None:
    trigger = CornerTrigger(margin=2)
    trigger.update(0, 0, WIDTH, HEIGHT)
    assert trigger.update(1919, 1079, WIDTH, HEIGHT) == "bottom-right"


def test_the_watcher_leaves_a_parked_pointer_alone_and_stops_on_arrival() -> None:
    watcher, reasons = recording_watcher()
    watcher.pointer_at(1919, 1079, WIDTH, HEIGHT)
    watcher.pointer_at(1919, 1079, WIDTH, HEIGHT)
    assert reasons == []
    watcher.pointer_at(1000, 700, WIDTH, HEIGHT)
    watcher.pointer_at(0, 1079, WIDTH, HEIGHT)
    assert reasons == ["the pointer was moved into the bottom-left corner of the screen"]


# --- one stop per run ----------------------------------------------------------------------

def test_the_first_signal_stops_the_robot_and_later_ones_are_ignored() -> None:
    watcher, reasons = recording_watcher()
    watcher.pointer_at(500, 500, WIDTH, HEIGHT)
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_down(F12, "f12")
    watcher.pointer_at(0, 0, WIDTH, HEIGHT)
    assert reasons == ["the stop hotkey ctrl+f12 was pressed"]


def test_a_signal_after_the_watcher_stopped_changes_nothing() -> None:
    watcher, reasons = recording_watcher()
    watcher.stop()
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_down(F12, "f12")
    assert reasons == [] and not watcher.fired


def test_a_failing_stop_callback_is_logged_and_the_watcher_carries_on(
    caplog: pytest.LogCaptureFixture
) -> None:
    def broken(reason: str) -> None:
        raise RuntimeError("the display went away")

    watcher = AbortWatcher(broken)
    caplog.errors_expected = True  # type: ignore[attr-defined]
    watcher.key_down(CTRL_L, "ctrl")
    watcher.key_down(F12, "f12")
    watcher.key_up(F12)
    assert watcher.fired
    assert "stopping the robot failed" in caplog.text


def test_a_watcher_refuses_settings_that_cannot_work() -> None:
    with pytest.raises(ValueError):
        AbortWatcher(print, frozenset())
    with pytest.raises(ValueError):
        AbortWatcher(print, poll_s=0)


# --- guard_run -----------------------------------------------------------------------------

class Calls:
    """A player and drivers in one, noting the order things were asked of them."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.lock = threading.Lock()

    def abort(self) -> None:
        with self.lock:
            self.log.append("abort")

    def release_all(self) -> None:
        with self.lock:
            self.log.append("release_all")

    def count(self, what: str) -> int:
        with self.lock:
            return self.log.count(what)


@pytest.fixture
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watcher's threads are for the real desktop; here signals are fed by hand."""
    monkeypatch.setattr(safety.GlobalKeys, "start", lambda self: None)
    monkeypatch.setattr(safety.AbortWatcher, "_start_corner_watch", lambda self: None)


@pytest.mark.usefixtures("no_desktop")
def test_a_stop_tells_the_player_before_it_lets_go_of_the_keys() -> None:
    calls = Calls()
    with guard_run(calls, calls, poll_s=0.01) as watcher:
        watcher.key_down(CTRL_L, "ctrl")
        watcher.key_down(F12, "f12")
        assert calls.log[:2] == ["abort", "release_all"]


@pytest.mark.usefixtures("no_desktop")
def test_after_a_stop_keys_are_let_go_again_until_the_run_returns() -> None:
    calls = Calls()
    with guard_run(calls, calls, poll_s=0.01) as watcher:
        watcher.key_down(CTRL_L, "ctrl")
        watcher.key_down(F12, "f12")
        deadline = time.monotonic() + 5
        while calls.count("release_all") < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert calls.count("release_all") >= 3
    # The brake is joined on the way out: nothing is left to let go of keys once the run has
    # returned (and the caller may close the drivers).
    assert not [thread for thread in threading.enumerate() if thread.name == "abort-brake"]
    assert calls.count("abort") == 1


@pytest.mark.usefixtures("no_desktop")
def test_a_run_without_a_stop_is_left_alone() -> None:
    calls = Calls()
    with guard_run(calls, calls, parse_hotkey("ctrl+F11"), poll_s=0.01) as watcher:
        watcher.key_down(CTRL_L, "ctrl")
        watcher.key_down(F12, "f12")
        # The watcher decides on each key as it comes; a stop would have started the brake.
        assert not watcher.fired
        assert not [thread for thread in threading.enumerate() if thread.name == "abort-brake"]
    assert calls.log == []
