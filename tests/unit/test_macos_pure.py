"""The macOS desktop without macOS: typing plans within Quartz's 20-unit limit, window-list
entries as ``WindowInfo``, layout names, and ``MacDesktop`` driven through stand-in Quartz and
AppKit modules."""

from __future__ import annotations

import importlib.util
import os
from types import SimpleNamespace
from typing import Any

import pytest

from app.core.platform.desktop import PlatformError, WindowInfo
from app.core.platform.macos import (
    KVK_RETURN,
    KVK_TAB,
    MAX_UNITS_PER_EVENT,
    KeyPress,
    MacDesktop,
    TextChunk,
    front_window_of,
    key_name,
    layout_name,
    order_by_title,
    plan_typing,
    release_order,
    titles_hidden,
    utf16_length,
    window_at_point,
    window_info,
)


def entry(number: int, name: str | None = "Ärende", *, owner: str = "Safari", pid: int = 500,
          layer: int = 0, alpha: float = 1.0, bounds: tuple[float, ...] = (10, 40, 800, 600),
          ) -> dict[str, Any]:
    made: dict[str, Any] = {
        "kCGWindowNumber": number, "kCGWindowOwnerName": owner, "kCGWindowOwnerPID": pid,
        "kCGWindowLayer": layer, "kCGWindowAlpha": alpha,
        "kCGWindowBounds": dict(zip(("X", "Y", "Width", "Height"), bounds, strict=True)),
    }
    if name is not None:
        made["kCGWindowName"] = name
    return made


def joined(steps: list[Any]) -> str:
    keys = {KVK_RETURN: "\n", KVK_TAB: "\t"}
    return "".join(s.text if isinstance(s, TextChunk) else keys[s.keycode] for s in steps)


# --- typing plans ---------------------------------------------------------------------------


@pytest.mark.skipif(importlib.util.find_spec("Quartz") is not None, reason="pyobjc is here")
def test_without_pyobjc_the_desktop_explains_what_to_install() -> None:
    with pytest.raises(PlatformError, match="pyobjc-framework-Quartz"):
        MacDesktop()


def test_by_default_each_event_carries_one_character() -> None:
    steps = plan_typing("Hej Åsa")
    assert steps == [TextChunk(c) for c in "Hej Åsa"]


def test_newline_and_tab_are_real_key_presses_between_text_events() -> None:
    steps = plan_typing("ab\ncd\te", chars_per_event=20)
    assert steps == [TextChunk("ab"), KeyPress(KVK_RETURN), TextChunk("cd"), KeyPress(KVK_TAB),
                     TextChunk("e")]


def test_long_text_is_split_at_twenty_utf16_units() -> None:
    steps = plan_typing("å" * 45, chars_per_event=20)
    assert [step.units for step in steps if isinstance(step, TextChunk)] == [20, 20, 5]


def test_a_surrogate_pair_is_never_split_across_events() -> None:
    steps = plan_typing("a" + "😀" * 15, chars_per_event=20)
    chunks = [step for step in steps if isinstance(step, TextChunk)]
    assert all(chunk.units <= MAX_UNITS_PER_EVENT for chunk in chunks)
    # "a" and nine emoji are 19 units; a tenth would make 21.
    assert [chunk.units for chunk in chunks] == [19, 12]
    assert joined(steps) == "a" + "😀" * 15


def test_one_character_outside_the_bmp_is_two_units_in_one_event() -> None:
    assert plan_typing("😀") == [TextChunk("😀")]
    assert utf16_length("😀") == 2


def test_line_breaks_and_decomposed_letters_are_normalized() -> None:
    assert joined(plan_typing("A\u030a\r\nb", chars_per_event=20)) == "Å\nb"


def test_a_control_character_is_refused_before_anything_is_planned() -> None:
    with pytest.raises(PlatformError, match="U\\+001B"):
        plan_typing("namn\x1b")


@pytest.mark.parametrize("count", [0, MAX_UNITS_PER_EVENT + 1])
def test_characters_per_event_must_fit_the_quartz_limit(count: int) -> None:
    with pytest.raises(ValueError):
        plan_typing("a", chars_per_event=count)


# --- windows --------------------------------------------------------------------------------


def test_a_window_list_entry_becomes_a_window_info_in_points() -> None:
    assert window_info(entry(42, bounds=(10.4, 39.6, 800, 600))) == WindowInfo(
        42, "Ärende", "Safari", 10, 40, 800, 600)


def test_a_window_without_a_title_key_has_an_empty_title() -> None:
    info = window_info(entry(42, name=None))
    assert info is not None and info.title == ""


@pytest.mark.parametrize("changes", [
    {"layer": 24}, {"layer": 25}, {"layer": -2147483624}, {"alpha": 0.0},
    {"bounds": (0, 0, 0, 10)},
])
def test_menu_bar_dock_invisible_and_empty_windows_are_not_windows(
    changes: dict[str, Any],
) -> None:
    assert window_info(entry(1, **changes)) is None


def test_an_entry_without_bounds_is_skipped() -> None:
    broken = entry(1)
    del broken["kCGWindowBounds"]
    assert window_info(broken) is None


def test_window_at_point_takes_the_frontmost_window_over_the_point() -> None:
    entries = [entry(1, "Meny", layer=101, bounds=(0, 0, 2000, 2000)),
               entry(2, "Liten", bounds=(100, 100, 50, 50)), entry(3, "Stor")]
    found = window_at_point(entries, 120, 120)
    assert found is not None and found.id == 2
    found = window_at_point(entries, 500, 500)
    assert found is not None and found.id == 3
    assert window_at_point(entries, 5000, 5000) is None


def test_the_focused_window_is_the_front_window_of_the_front_application() -> None:
    entries = [entry(1, pid=600), entry(2, pid=500, layer=101), entry(3, pid=500),
               entry(4, pid=500)]
    found = front_window_of(entries, 500)
    assert found is not None and found.id == 3
    assert front_window_of(entries, 700) is None


def test_titles_count_as_hidden_only_when_no_other_program_shows_one() -> None:
    own = os.getpid()
    assert titles_hidden([entry(1, name=None, pid=500), entry(2, pid=own)], own)
    assert not titles_hidden([entry(1, name=None, pid=500), entry(2, pid=501)], own)
    assert not titles_hidden([entry(2, pid=own)], own)


def test_exact_titles_come_before_partial_ones_front_to_back() -> None:
    windows = [WindowInfo(n, title, "", 0, 0, 1, 1) for n, title in
               enumerate(["Procapita – Ärende", "Procapita", "Mail"])]
    assert [w.id for w in order_by_title(windows, "Procapita")] == [1, 0]


# --- keys and layouts -----------------------------------------------------------------------


def test_keys_are_named_as_on_linux_or_by_number() -> None:
    assert key_name(0x38) == "Shift_L"
    assert key_name(0x24) == "Return"
    assert key_name(0x21) == "keycode 33"


def test_modifiers_are_released_last() -> None:
    assert release_order([0x3A, 0x00, 0x38, 0x21]) == [0x00, 0x21, 0x38, 0x3A]


@pytest.mark.parametrize(("source", "name"), [
    ("com.apple.keylayout.Swedish-Pro", "se"), ("com.apple.keylayout.Swedish", "se"),
    ("com.apple.keylayout.US", "us"), ("com.apple.keylayout.ABC", "us"),
    ("com.apple.keylayout.Danish", "dk"), ("com.apple.keylayout.Dvorak", "Dvorak"),
    (None, ""),
])
def test_input_sources_get_the_setxkbmap_names(source: str | None, name: str) -> None:
    assert layout_name(source) == name


# --- the desktop with stand-in modules ------------------------------------------------------


# Quartz's window-list keys are strings; these differ from the constants' names to prove that
# the desktop looks them up instead of assuming them.
QUARTZ_KEYS: dict[str, str] = {
    "kCGWindowNumber": "num", "kCGWindowName": "name", "kCGWindowOwnerName": "owner",
    "kCGWindowOwnerPID": "pid", "kCGWindowBounds": "bounds", "kCGWindowLayer": "layer",
    "kCGWindowAlpha": "alpha",
}


class FakeQuartz:
    """The few Quartz functions and constants ``MacDesktop`` uses, recording posted events."""

    def __init__(self) -> None:
        self.posted: list[dict[str, Any]] = []
        self.windows: list[dict[str, Any]] = []
        self.keys_down: set[int] = set()
        self.buttons_down: set[int] = set()
        self.may_post = True
        self.may_capture = True
        self.requested = False
        self.preferences: dict[str, str] = {}

    def module(self) -> SimpleNamespace:
        """The stand-in, under Quartz's own names."""
        return SimpleNamespace(
            kCGWindowListOptionOnScreenOnly=1, kCGWindowListExcludeDesktopElements=16,
            kCGNullWindowID=0, kCGHIDEventTap=0, kCGEventSourceStateHIDSystemState=1,
            kCGMouseButtonLeft=0, kCGMouseButtonRight=1, kCGMouseButtonCenter=2,
            kCGEventLeftMouseUp=2, kCGEventRightMouseUp=4, kCGEventOtherMouseUp=26,
            CGWindowListCopyWindowInfo=self.window_list,
            CGEventCreateKeyboardEvent=self.keyboard_event,
            CGEventSetFlags=self.set_flags,
            CGEventKeyboardSetUnicodeString=self.set_text,
            CGEventPost=self.post,
            CGEventSourceKeyState=lambda state, code: code in self.keys_down,
            CGEventSourceButtonState=lambda state, button: button in self.buttons_down,
            CGEventCreate=lambda source: "now",
            CGEventGetLocation=lambda event: (300.0, 200.0),
            CGEventCreateMouseEvent=lambda source, kind, at, button: {
                "mouse": kind, "at": at, "button": button},
            CGPreflightPostEventAccess=lambda: self.may_post,
            CGRequestPostEventAccess=self.request_access,
            CGPreflightScreenCaptureAccess=lambda: self.may_capture,
            CFPreferencesAppSynchronize=lambda domain: True,
            CFPreferencesCopyAppValue=lambda key, domain: self.preferences.get(f"{domain}/{key}"),
            **QUARTZ_KEYS,
        )

    def window_list(self, options: int, window: int) -> list[dict[str, Any]]:
        assert options == 17 and window == 0
        return [{QUARTZ_KEYS[key]: value for key, value in item.items()} for item in self.windows]

    @staticmethod
    def keyboard_event(source: None, keycode: int, down: bool) -> dict[str, Any]:
        return {"keycode": keycode, "down": down, "flags": None, "text": None}

    @staticmethod
    def set_flags(event: dict[str, Any], flags: int) -> None:
        event["flags"] = flags

    @staticmethod
    def set_text(event: dict[str, Any], length: int, text: str) -> None:
        assert length == utf16_length(text) <= MAX_UNITS_PER_EVENT
        event["text"] = text

    def post(self, tap: int, event: dict[str, Any]) -> None:
        self.posted.append(event)

    def request_access(self) -> bool:
        self.requested = True
        return False


class FakeAppKit:
    def __init__(self) -> None:
        self.front_pids: list[int | None] = [500]
        workspace = SimpleNamespace(frontmostApplication=self._front)
        self.NSWorkspace = SimpleNamespace(sharedWorkspace=lambda: workspace)

    def _front(self) -> Any:
        pid = self.front_pids.pop(0) if len(self.front_pids) > 1 else self.front_pids[0]
        return None if pid is None else SimpleNamespace(processIdentifier=lambda: pid)


@pytest.fixture
def quartz() -> FakeQuartz:
    fake = FakeQuartz()
    fake.windows = [entry(1, "Dock", owner="Dock", pid=80, layer=20),
                    entry(2, "Procapita – sök", pid=500), entry(3, "Procapita", pid=501),
                    entry(4, "Mail", pid=500, bounds=(900, 40, 400, 400))]
    return fake


@pytest.fixture
def appkit() -> FakeAppKit:
    return FakeAppKit()


@pytest.fixture
def desktop(quartz: FakeQuartz, appkit: FakeAppKit) -> MacDesktop:
    return MacDesktop(quartz.module(), appkit)


def typed(posted: list[dict[str, Any]]) -> str:
    keys = {KVK_RETURN: "\n", KVK_TAB: "\t"}
    return "".join(event["text"] or keys[event["keycode"]] for event in posted if event["down"])


def test_type_text_posts_a_down_and_up_per_character_with_modifiers_cleared(
    desktop: MacDesktop, quartz: FakeQuartz,
) -> None:
    desktop.type_text("Åsa\t€\n")
    assert typed(quartz.posted) == "Åsa\t€\n"
    assert [e["down"] for e in quartz.posted] == [True, False] * 6
    assert all(event["flags"] == 0 for event in quartz.posted)
    assert quartz.posted[0]["keycode"] == 0 and quartz.posted[1]["text"] == "Å"


def test_more_characters_per_event_make_fewer_events(quartz: FakeQuartz,
                                                     appkit: FakeAppKit) -> None:
    MacDesktop(quartz.module(), appkit, chars_per_event=20).type_text("x" * 30)
    assert [e["text"] for e in quartz.posted if e["down"]] == ["x" * 20, "x" * 10]


def test_typing_without_accessibility_asks_for_it_and_explains(
    desktop: MacDesktop, quartz: FakeQuartz,
) -> None:
    quartz.may_post = False
    with pytest.raises(PlatformError, match="Privacy & Security › Accessibility"):
        desktop.type_text("abc")
    assert quartz.requested and quartz.posted == []


def test_typing_stops_when_another_program_comes_to_the_front(
    desktop: MacDesktop, quartz: FakeQuartz, appkit: FakeAppKit,
) -> None:
    appkit.front_pids = [500, 500, 500, 501]
    with pytest.raises(PlatformError, match="after 2 of 3"):
        desktop.type_text("abc")
    assert typed(quartz.posted) == "ab"


def test_windows_come_from_the_window_list_under_the_quartz_key_names(
    desktop: MacDesktop,
) -> None:
    assert [w.id for w in desktop.find_windows("Procapita")] == [3, 2]
    found = desktop.window_at(1000, 100)
    assert found is not None and found.title == "Mail"


def test_the_focused_window_belongs_to_the_frontmost_application(
    desktop: MacDesktop, appkit: FakeAppKit,
) -> None:
    found = desktop.focused_window()
    assert found is not None and found.id == 2
    appkit.front_pids = [None]
    assert desktop.focused_window() is None


def test_hidden_titles_without_screen_recording_permission_are_explained(
    desktop: MacDesktop, quartz: FakeQuartz,
) -> None:
    for window in quartz.windows:
        window.pop("kCGWindowName", None)
    quartz.may_capture = False
    with pytest.raises(PlatformError, match="Screen & System Audio Recording"):
        desktop.find_windows("Procapita")


def test_release_all_lets_go_of_keys_modifiers_last_and_of_mouse_buttons(
    desktop: MacDesktop, quartz: FakeQuartz,
) -> None:
    quartz.keys_down, quartz.buttons_down = {0x38, 0x00}, {0}
    desktop.release_all()
    assert [(e.get("keycode"), e.get("down")) for e in quartz.posted[:2]] == [
        (0x00, False), (0x38, False)]
    assert quartz.posted[2] == {"mouse": 2, "at": (300.0, 200.0), "button": 0}


def test_pressed_keys_and_keyboard_layout(desktop: MacDesktop, quartz: FakeQuartz) -> None:
    quartz.keys_down = {0x38, 0x21}
    assert desktop.pressed_keys() == ["keycode 33", "Shift_L"]
    quartz.preferences = {
        "com.apple.HIToolbox/AppleCurrentKeyboardLayoutInputSourceID":
            "com.apple.keylayout.Swedish-Pro",
    }
    assert desktop.keyboard_layout() == "se"
