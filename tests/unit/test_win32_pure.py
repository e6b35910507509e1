"""The Windows desktop without Windows: SendInput structures and event plans, key names, layout
names, window filtering, and ``Win32Desktop`` driven through a fake ``Win32Api``."""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any

import pytest

from app.core.platform import win32
from app.core.platform.desktop import PlatformError, TypingStoppedError, WindowInfo
from app.core.platform.win32 import (
    INPUT,
    KEYBDINPUT,
    KEYEVENTF_EXTENDEDKEY,
    KEYEVENTF_KEYUP,
    KEYEVENTF_UNICODE,
    MOUSEINPUT,
    VK_LBUTTON,
    VK_LMENU,
    VK_LSHIFT,
    VK_MASK_KEY,
    VK_RCONTROL,
    VK_RETURN,
    VK_SHIFT,
    VK_TAB,
    VK_XBUTTON2,
    InputEvent,
    KeyInput,
    MouseButtonInput,
    Win32Desktop,
    WindowFacts,
    batches,
    expected_input_size,
    filetime_to_unix,
    held_keys,
    is_listed,
    key_name,
    layout_language,
    layout_name,
    order_by_title,
    plan_text,
    process_state,
    release_events,
    to_input_array,
    unicode_key_events,
    unreleased_after,
    utf16_units,
)

UNI = KEYEVENTF_UNICODE
UP = KEYEVENTF_KEYUP


def typed_text(events: Sequence[InputEvent]) -> str:
    """What a window receives from key events: the units of Unicode key-downs, Return and Tab."""
    units: list[int] = []
    for event in events:
        assert isinstance(event, KeyInput)
        if event.key_up:
            continue
        if event.flags & KEYEVENTF_UNICODE:
            units.append(event.scan)
        else:
            units.append({VK_RETURN: 0x0A, VK_TAB: 0x09}[event.vk])
    data = b"".join(unit.to_bytes(2, "little") for unit in units)
    return data.decode("utf-16-le")


# --- structures -----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour off Windows")
def test_constructing_the_desktop_off_windows_raises_a_platform_error() -> None:
    with pytest.raises(PlatformError, match="only on Windows"):
        Win32Desktop()
    with pytest.raises(PlatformError):
        win32.make_process_dpi_aware()


def test_input_has_the_size_sendinput_expects_for_this_pointer_size() -> None:
    pointer_size = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(INPUT) == expected_input_size(pointer_size)


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="64-bit layout")
def test_input_matches_the_x64_layout_of_the_windows_headers() -> None:
    assert ctypes.sizeof(INPUT) == 40
    assert ctypes.sizeof(MOUSEINPUT) == 32
    assert ctypes.sizeof(KEYBDINPUT) == 24
    assert INPUT.u.offset == 8  # the union is 8-aligned after the 4-byte type
    offsets = {name: getattr(KEYBDINPUT, name).offset
               for name in ("wVk", "wScan", "dwFlags", "time", "dwExtraInfo")}
    assert offsets == {"wVk": 0, "wScan": 2, "dwFlags": 4, "time": 8, "dwExtraInfo": 16}


def test_a_32_bit_model_of_input_has_the_x86_size() -> None:
    # The same declarations with a 4-byte ULONG_PTR, as a 32-bit Python would have them.
    ulong_ptr = ctypes.c_uint32

    class Mouse(ctypes.Structure):
        _fields_ = [("dx", ctypes.c_int32), ("dy", ctypes.c_int32),
                    ("mouseData", ctypes.c_uint32), ("dwFlags", ctypes.c_uint32),
                    ("time", ctypes.c_uint32), ("dwExtraInfo", ulong_ptr)]

    class Keyboard(ctypes.Structure):
        _fields_ = [("wVk", ctypes.c_uint16), ("wScan", ctypes.c_uint16),
                    ("dwFlags", ctypes.c_uint32), ("time", ctypes.c_uint32),
                    ("dwExtraInfo", ulong_ptr)]

    class Union(ctypes.Union):
        _fields_ = [("mi", Mouse), ("ki", Keyboard), ("hi", win32.HARDWAREINPUT)]

    class Input(ctypes.Structure):
        _fields_ = [("type", ctypes.c_uint32), ("u", Union)]

    assert ctypes.sizeof(Input) == expected_input_size(4) == 28


def test_the_input_array_carries_key_and_mouse_events_field_by_field() -> None:
    events: list[InputEvent] = [
        KeyInput(scan=0xE5, flags=UNI), KeyInput(vk=VK_RETURN, scan=0x1C, flags=UP),
        MouseButtonInput(win32.MOUSEEVENTF_XUP, win32.XBUTTON2),
    ]
    array = to_input_array(events)
    assert len(array) == 3
    assert (array[0].type, array[0].ki.wVk, array[0].ki.wScan, array[0].ki.dwFlags) == (
        win32.INPUT_KEYBOARD, 0, 0xE5, UNI)
    assert (array[1].ki.wVk, array[1].ki.wScan, array[1].ki.dwFlags) == (VK_RETURN, 0x1C, UP)
    assert (array[2].type, array[2].mi.dwFlags, array[2].mi.mouseData) == (
        win32.INPUT_MOUSE, win32.MOUSEEVENTF_XUP, win32.XBUTTON2)
    assert (array[2].mi.dx, array[2].mi.dy) == (0, 0)  # releasing never moves the pointer


# --- typing plans ---------------------------------------------------------------------------


def test_a_bmp_character_is_one_unit_pressed_and_released() -> None:
    assert utf16_units("å") == [0xE5]
    assert unicode_key_events("å") == [(0xE5, False), (0xE5, True)]


def test_a_character_outside_the_bmp_is_two_surrogates_each_pressed_and_released() -> None:
    assert utf16_units("😀") == [0xD83D, 0xDE00]
    assert unicode_key_events("😀") == [
        (0xD83D, False), (0xD83D, True), (0xDE00, False), (0xDE00, True),
    ]


def test_swedish_text_is_planned_as_unicode_keys_whatever_the_layout() -> None:
    text = "Åsa Öberg, Sköldvägen 3 – 100 € @{}$"
    plan = plan_text(text)
    assert len(plan) == len(text)
    assert all(event.vk == 0 and event.flags & UNI for char in plan for event in char)
    assert typed_text([event for char in plan for event in char]) == text


def test_newline_and_tab_are_the_return_and_tab_keys() -> None:
    plan = plan_text("a\tb\nc")
    assert plan[1] == [KeyInput(VK_TAB, 0x0F), KeyInput(VK_TAB, 0x0F, UP)]
    assert plan[3] == [KeyInput(VK_RETURN, 0x1C), KeyInput(VK_RETURN, 0x1C, UP)]


def test_a_windows_line_break_is_one_return() -> None:
    plan = plan_text("a\r\nb\rc")
    assert [char[0].vk for char in plan] == [0, VK_RETURN, 0, VK_RETURN, 0]


def test_a_decomposed_letter_is_typed_as_the_precomposed_one() -> None:
    assert plan_text("A\u030a") == [[KeyInput(scan=0xC5, flags=UNI),
                                     KeyInput(scan=0xC5, flags=UNI | UP)]]


def test_a_control_character_is_refused_before_anything_is_planned() -> None:
    with pytest.raises(PlatformError, match="U\\+0007"):
        plan_text("half a value\x07")


def test_empty_text_plans_nothing() -> None:
    assert plan_text("") == []


def test_batches_group_whole_characters_and_say_where_they_start() -> None:
    plan = plan_text("a😀" * 20)
    grouped = batches(plan, 16)
    assert [start for start, _ in grouped] == [0, 16, 32]
    assert sum(len(events) for _, events in grouped) == sum(len(char) for char in plan)
    assert typed_text([e for _, events in grouped for e in events]) == "a😀" * 20
    with pytest.raises(ValueError):
        batches(plan, 0)


def test_keys_left_down_by_a_partial_sendinput_are_released() -> None:
    events = plan_text("ab")[0] + plan_text("ab")[1]
    assert unreleased_after(events, 0) == []
    assert unreleased_after(events, 1) == [KeyInput(scan=ord("a"), flags=UNI | UP)]
    assert unreleased_after(events, 2) == []
    assert unreleased_after(events, 3) == [KeyInput(scan=ord("b"), flags=UNI | UP)]
    assert unreleased_after(events, 4) == []


# --- keys -----------------------------------------------------------------------------------


def test_keys_are_named_as_on_linux() -> None:
    assert key_name(0x41) == "a"
    assert key_name(0x35) == "5"
    assert key_name(VK_LSHIFT) == "Shift_L"
    assert key_name(VK_RCONTROL) == "Control_R"
    assert key_name(0x70) == "F1"
    assert key_name(0x61) == "KP_1"


def test_a_punctuation_key_is_named_by_what_it_types_in_the_layout() -> None:
    assert key_name(0xDD, 0xC5) == "å"  # VK_OEM_6 on a Swedish keyboard
    assert key_name(0xBA, 0x800000A8) == "¨"  # a dead key carries the high bit
    assert key_name(0xFF, 0) == "vk 0xFF"


def test_held_keys_report_each_physical_key_once_and_no_mouse_buttons() -> None:
    assert held_keys({VK_SHIFT, VK_LSHIFT, VK_LBUTTON, 0x41, win32.VK_PACKET}) == [0x41, VK_LSHIFT]
    assert held_keys({VK_SHIFT}) == [VK_SHIFT]


def test_releasing_masks_alt_and_lets_go_of_modifiers_last() -> None:
    events = release_events({VK_LMENU, 0x41, VK_LBUTTON}, scan_of=lambda vk: vk + 1000)
    assert events == [
        KeyInput(VK_MASK_KEY, 0), KeyInput(VK_MASK_KEY, 0, UP),
        KeyInput(0x41, 0x41 + 1000, UP), KeyInput(VK_LMENU, VK_LMENU + 1000, UP),
        MouseButtonInput(win32.MOUSEEVENTF_LEFTUP),
    ]


def test_releasing_right_ctrl_marks_it_as_an_extended_key() -> None:
    events = release_events({VK_RCONTROL}, scan_of=lambda vk: 0x1D)
    assert events == [KeyInput(VK_RCONTROL, 0x1D, UP | KEYEVENTF_EXTENDEDKEY)]


def test_releasing_a_side_button_names_the_button() -> None:
    assert release_events({VK_XBUTTON2}, scan_of=lambda vk: 0) == [
        MouseButtonInput(win32.MOUSEEVENTF_XUP, win32.XBUTTON2)]


def test_nothing_held_releases_nothing() -> None:
    assert release_events(set(), scan_of=lambda vk: 0) == []


# --- layouts --------------------------------------------------------------------------------


def test_swedish_and_us_layouts_get_the_setxkbmap_names() -> None:
    assert layout_name(layout_language(0x041D041D), "sv-SE") == "se"
    assert layout_name(layout_language(0x04090409), "en-US") == "us"


def test_the_layout_not_the_input_language_decides() -> None:
    assert layout_language(0x0409041D) == 0x0409  # US keys while writing Swedish


def test_a_sign_extended_variant_handle_falls_back_to_the_language() -> None:
    assert layout_language(0xFFFFFFFFF0020409) == 0x0409
    assert layout_language(0xE0010804) == 0x0804  # an IME


def test_an_unknown_layout_is_reported_by_its_language_tag_or_id() -> None:
    assert layout_name(0x0807, "de-CH") == "de-CH"
    assert layout_name(0x0807, None) == "0807"


# --- windows --------------------------------------------------------------------------------


def facts(hwnd: int, title: str = "Ärende", **changes: Any) -> WindowFacts:
    values: dict[str, Any] = dict(
        hwnd=hwnd, title=title, class_name="SunAwtFrame", process_name="javaw.exe",
        visible=True, iconic=False, cloaked=False, ex_style=0, x=10, y=20, width=300, height=200,
    )
    values.update(changes)
    return WindowFacts(**values)


def test_ordinary_windows_are_listed() -> None:
    assert is_listed(facts(1))
    assert is_listed(facts(1, ex_style=win32.WS_EX_TOOLWINDOW))  # a titled palette


@pytest.mark.parametrize("changes", [
    {"visible": False}, {"iconic": True}, {"cloaked": True}, {"width": 0},
    {"title": "", "ex_style": win32.WS_EX_TOOLWINDOW}, {"class_name": "Progman"},
    {"class_name": "WorkerW"},
])
def test_hidden_cloaked_untitled_tool_and_desktop_windows_are_not_listed(
    changes: dict[str, Any],
) -> None:
    assert not is_listed(facts(1, **changes))


def test_app_class_is_the_process_name_or_else_the_window_class() -> None:
    assert facts(1).info().app_class == "javaw.exe"
    assert facts(1, process_name="").info().app_class == "SunAwtFrame"


def test_exact_titles_come_before_partial_ones_each_in_z_order() -> None:
    windows = [facts(n, title).info() for n, title in
               enumerate(["Procapita – Ärende", "Procapita", "Anteckning", "Procapita"])]
    assert [w.id for w in order_by_title(windows, "Procapita")] == [1, 3, 0]


# --- the desktop through a fake API ---------------------------------------------------------


class FakeApi:
    def __init__(self) -> None:
        self.dpi = "per-monitor-v2"
        self.dpi_calls = 0
        self.windows: dict[int, WindowFacts] = {}
        self.z_order: list[int] = []
        self.roots: dict[int, int] = {}
        self.under_point = 0
        self.foreground: list[int] = [0]
        self.elevated: dict[int | None, bool | None] = {None: False}
        self.pids: dict[int, int] = {}
        self.down: set[int] = set()
        self.sent: list[list[InputEvent]] = []
        self.accept: list[int | None] = []
        self.hkl = 0x041D041D
        self.on_send: list[object] = []

    def ensure_dpi_awareness(self) -> str:
        self.dpi_calls += 1
        return self.dpi

    def window_from_point(self, x: int, y: int) -> int:
        return self.under_point

    def root_window(self, hwnd: int) -> int:
        return self.roots.get(hwnd, hwnd)

    def foreground_window(self) -> int:
        # Each look may see the next window in the list; the last one stays.
        return self.foreground.pop(0) if len(self.foreground) > 1 else self.foreground[0]

    def visible_top_level_windows(self) -> list[int]:
        return list(self.z_order)

    def window_facts(self, hwnd: int) -> WindowFacts | None:
        return self.windows.get(hwnd)

    def window_process_id(self, hwnd: int) -> int:
        return self.pids.get(hwnd, 100 + hwnd)

    def process_is_elevated(self, pid: int | None) -> bool | None:
        return self.elevated.get(pid, False)

    def send_input(self, events: Sequence[InputEvent]) -> tuple[int, int]:
        self.sent.append(list(events))
        for hook in self.on_send:
            hook()  # type: ignore[operator]
        accepted = self.accept.pop(0) if self.accept else None
        return (len(events), 0) if accepted is None else (accepted, 5)

    def key_is_down(self, vk: int) -> bool:
        return vk in self.down

    def scan_code(self, vk: int) -> int:
        return 0x2A if vk == VK_LSHIFT else 0

    def key_char(self, vk: int) -> int:
        return 0xC5 if vk == 0xDD else 0

    def keyboard_layout(self, hwnd: int) -> int:
        return self.hkl

    def locale_name(self, language: int) -> str | None:
        return {0x041D: "sv-SE", 0x0807: "de-CH"}.get(language)


@pytest.fixture
def api() -> FakeApi:
    fake = FakeApi()
    fake.windows = {7: facts(7, "Procapita"), 8: facts(8, "Anteckningar", process_name="x.exe"),
                    9: facts(9, "", class_name="Progman")}
    fake.z_order = [8, 7, 9]
    fake.foreground = [7]
    return fake


@pytest.fixture
def desktop(api: FakeApi) -> Win32Desktop:
    made = Win32Desktop(api)
    made.modifier_wait_s = 0.0
    return made


def test_dpi_awareness_is_set_when_the_desktop_is_made(api: FakeApi) -> None:
    made = Win32Desktop(api)
    assert api.dpi_calls == 1
    assert made.dpi_awareness == "per-monitor-v2"


def test_a_process_that_is_only_system_dpi_aware_is_warned_about(
    api: FakeApi, caplog: pytest.LogCaptureFixture,
) -> None:
    api.dpi = "system"
    with caplog.at_level(logging.WARNING, logger="app.core.platform.win32"):
        Win32Desktop(api)
    assert "not per-monitor aware" in caplog.text


def test_window_at_answers_the_top_level_window_of_the_control_under_the_point(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.under_point, api.roots = 1234, {1234: 7}
    info = desktop.window_at(50, 60)
    assert info == WindowInfo(7, "Procapita", "javaw.exe", 10, 20, 300, 200)


def test_window_at_over_the_bare_desktop_is_none(desktop: Win32Desktop, api: FakeApi) -> None:
    api.under_point = 9
    assert desktop.window_at(1, 1) is None
    api.under_point = 0
    assert desktop.window_at(1, 1) is None


def test_focused_window_is_the_foreground_window_and_none_without_one(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    info = desktop.focused_window()
    assert info is not None and info.id == 7
    api.foreground = [0]
    assert desktop.focused_window() is None
    api.foreground = [9]
    assert desktop.focused_window() is None


def test_find_windows_lists_matching_windows_exact_first_and_skips_the_desktop(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.windows[6] = facts(6, "Procapita – sök")
    api.z_order = [6, 8, 7, 9]
    assert [w.id for w in desktop.find_windows("Procapita")] == [7, 6]
    assert [w.id for w in desktop.find_windows("")] == [6, 8, 7]
    assert desktop.find_windows("Saknas") == []


def test_type_text_sends_the_whole_text_in_batches_to_the_focused_window(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    text = "Hej Åsa!\nDitt ärende är mottaget.\t" * 2
    desktop.type_text(text)
    assert len(api.sent) > 1
    assert all(len(batch) <= 2 * 2 * win32.BATCH_CHARS for batch in api.sent)
    assert typed_text([event for batch in api.sent for event in batch]) == text


def test_a_delay_sends_one_character_at_a_time(desktop: Win32Desktop, api: FakeApi) -> None:
    desktop.type_text("åäö", delay_s=0.001)
    assert [typed_text(batch) for batch in api.sent] == ["å", "ä", "ö"]


def test_typing_stops_when_the_keyboard_moves_to_another_window(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.foreground = [7, 7, 7, 8]
    with pytest.raises(PlatformError, match=r"after 2 of 3 characters"):
        desktop.type_text("abc", delay_s=0.001)
    assert typed_text([event for batch in api.sent for event in batch]) == "ab"


def test_typing_without_a_focused_window_types_nothing(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.foreground = [0]
    with pytest.raises(PlatformError, match="No window has the keyboard"):
        desktop.type_text("abc")
    assert api.sent == []


def test_typing_into_an_elevated_window_is_refused_before_any_key(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.elevated[107] = True
    with pytest.raises(PlatformError, match="administrator"):
        desktop.type_text("abc")
    assert api.sent == []


def test_an_elevated_robot_may_type_into_elevated_windows(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.elevated = {None: True, 107: True}
    desktop.type_text("abc")
    assert typed_text(api.sent[0]) == "abc"


def test_a_partial_sendinput_releases_what_it_pressed_and_explains_uipi(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.accept = [3]
    with pytest.raises(PlatformError, match="User Interface Privilege Isolation"):
        desktop.type_text("ab")
    assert api.sent[1] == [KeyInput(scan=ord("b"), flags=UNI | UP)]


def test_a_held_modifier_is_not_typed_through(desktop: Win32Desktop, api: FakeApi) -> None:
    api.down = {VK_LMENU}
    with pytest.raises(PlatformError, match="Alt_L"):
        desktop.type_text("abc")
    assert api.sent == []


def test_release_all_from_another_thread_stops_typing_between_batches(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    releaser = threading.Thread(target=desktop.release_all)

    def stop_after_first_batch() -> None:
        if len(api.sent) == 1:
            releaser.start()
            while not desktop._stop_typing.is_set():
                threading.Event().wait(0.001)

    api.on_send.append(stop_after_first_batch)
    with pytest.raises(TypingStoppedError):
        desktop.type_text("x" * (3 * win32.BATCH_CHARS))
    releaser.join(5)
    assert not releaser.is_alive()
    assert len(api.sent) == 1
    desktop.type_text("y")  # the stop does not outlive the release
    assert typed_text(api.sent[-1]) == "y"


def test_release_all_lets_go_of_keys_and_buttons_that_are_down(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.down = {VK_SHIFT, VK_LSHIFT, 0x41, VK_LBUTTON}
    desktop.release_all()
    assert api.sent == [[
        KeyInput(0x41, 0, UP), KeyInput(VK_LSHIFT, 0x2A, UP),
        MouseButtonInput(win32.MOUSEEVENTF_LEFTUP),
    ]]


def test_release_all_with_nothing_down_sends_nothing(desktop: Win32Desktop, api: FakeApi) -> None:
    desktop.release_all()
    assert api.sent == []


def test_release_all_that_windows_refuses_is_reported(
    desktop: Win32Desktop, api: FakeApi,
) -> None:
    api.down, api.accept = {0x41}, [0]
    with pytest.raises(PlatformError, match="release"):
        desktop.release_all()


def test_pressed_keys_names_the_keys_held(desktop: Win32Desktop, api: FakeApi) -> None:
    api.down = {VK_SHIFT, VK_LSHIFT, 0xDD, VK_LBUTTON}
    assert desktop.pressed_keys() == ["Shift_L", "å"]


def test_keyboard_layout_of_the_focused_window(desktop: Win32Desktop, api: FakeApi) -> None:
    assert desktop.keyboard_layout() == "se"
    api.hkl = 0x08070807
    assert desktop.keyboard_layout() == "de-CH"
    api.hkl = 0
    assert desktop.keyboard_layout() == ""


def test_the_desktop_offers_every_method_of_the_protocol(desktop: Win32Desktop) -> None:
    for name in ("window_at", "focused_window", "find_windows", "type_text", "pressed_keys",
                 "release_all", "keyboard_layout", "close"):
        assert callable(getattr(desktop, name))
    with desktop:
        pass


# --- processes ---------------------------------------------------------------------------------

def test_a_process_creation_time_becomes_a_unix_time() -> None:
    unix_epoch = 116_444_736_000_000_000  # 1970-01-01 in 100 ns steps since 1601-01-01
    assert filetime_to_unix(unix_epoch >> 32, unix_epoch & 0xFFFFFFFF) == 0.0
    later = unix_epoch + 15 * 10_000_000
    assert filetime_to_unix(later >> 32, later & 0xFFFFFFFF) == 15.0


@pytest.mark.skipif(sys.platform == "win32", reason="asks Windows itself there")
def test_asking_about_a_windows_process_off_windows_raises_a_platform_error() -> None:
    with pytest.raises(PlatformError, match="only be asked about on Windows"):
        process_state(os.getpid())
