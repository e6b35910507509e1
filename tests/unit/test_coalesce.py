"""What a caseworker did becomes the step list a superuser recognises."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

from hypothesis import given
from hypothesis import strategies as st

from app.core.model.bot import (
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Point,
    ScrollStep,
    TypeTextStep,
)
from app.core.recording.coalesce import coalesce
from app.core.recording.events import ClickContext, InputEvent


class Script:
    """Builds event streams the way the recorder would see a person's input."""

    def __init__(self) -> None:
        self.events: list[InputEvent] = []
        self.seq: Iterator[int] = count()
        self.t = 0.0

    def add(self, kind: str, wait: float = 0.05, **values: object) -> InputEvent:
        self.t += wait
        event = InputEvent(seq=next(self.seq), t=self.t, kind=kind, **values)  # type: ignore[arg-type]
        self.events.append(event)
        return event

    def click(self, x: int, y: int, button: str = "left", wait: float = 0.5) -> InputEvent:
        press = self.add("press", wait, x=x, y=y, button=button)
        self.add("release", 0.08, x=x, y=y, button=button)
        return press

    def type(self, text: str) -> None:
        for char in text:
            code = 10 + ord(char.lower()) % 80
            self.add("key_down", key="char", char=char, keycode=code)
            self.add("key_up", key="char", char=char.lower(), keycode=code)

    def key(self, name: str, code: int) -> None:
        self.add("key_down", key=name, keycode=code)
        self.add("key_up", key=name, keycode=code)


def test_click_then_typing_becomes_click_and_type_steps_with_the_window() -> None:
    script = Script()
    press = script.click(300, 200)
    script.type("19850312-1234")
    script.key("tab", 23)
    context = ClickContext(seq=press.seq, anchor="click-1.png", anchor_left=260, anchor_top=175,
                           window_title="Socialsystemet – Sök", window_x=100, window_y=100)
    steps = coalesce(script.events, {press.seq: context})
    assert [type(s) for s in steps] == [ClickStep, TypeTextStep, KeyStep]
    click, typed, tab = steps
    assert isinstance(click, ClickStep) and isinstance(typed, TypeTextStep)
    assert click.target.absolute == Point(300, 200)
    assert click.target.window_point == Point(200, 100)
    assert click.target.anchor_offset == Point(40, 25)
    assert typed.text == "19850312-1234"
    assert typed.window_title == "Socialsystemet – Sök"
    assert isinstance(tab, KeyStep) and tab.key == "tab"


def test_two_quick_clicks_in_one_place_are_a_double_click() -> None:
    script = Script()
    script.click(50, 60)
    script.click(51, 60, wait=0.1)
    steps = coalesce(script.events)
    assert len(steps) == 1 and isinstance(steps[0], ClickStep) and steps[0].clicks == 2


def test_a_right_click_is_kept_as_such() -> None:
    script = Script()
    script.click(50, 60, button="right")
    step = coalesce(script.events)[0]
    assert isinstance(step, ClickStep) and step.button == "right" and step.clicks == 1


def test_a_press_that_travels_is_a_drag() -> None:
    script = Script()
    script.add("press", x=10, y=10, button="left")
    script.add("move", x=60, y=40)
    script.add("release", x=110, y=80, button="left")
    [drag] = coalesce(script.events)
    assert isinstance(drag, DragStep)
    assert drag.target.absolute == Point(10, 10) and drag.end.absolute == Point(110, 80)


def test_a_run_of_scroll_ticks_is_one_scroll_step() -> None:
    script = Script()
    for _ in range(5):
        script.add("scroll", 0.05, x=400, y=300, dy=-1)
    [scroll] = coalesce(script.events)
    assert isinstance(scroll, ScrollStep) and scroll.dy == -5


def test_backspace_edits_the_text_instead_of_becoming_a_step() -> None:
    script = Script()
    script.type("Nacka")
    script.key("backspace", 22)
    script.key("backspace", 22)
    script.type("al")
    [typed] = coalesce(script.events)
    assert isinstance(typed, TypeTextStep) and typed.text == "Nacal"


def test_shift_released_before_the_letter_still_gives_a_capital_and_no_hotkey() -> None:
    script = Script()
    script.add("key_down", key="shift", keycode=50)
    script.add("key_down", key="char", char="H", keycode=43)
    script.add("key_up", key="shift", keycode=50)
    script.add("key_up", key="char", char="h", keycode=43)
    script.type("ej")
    [typed] = coalesce(script.events)
    assert isinstance(typed, TypeTextStep) and typed.text == "Hej"


def test_control_with_a_letter_is_a_hotkey_and_ends_the_text() -> None:
    script = Script()
    script.type("abc")
    script.add("key_down", key="ctrl", keycode=37)
    script.add("key_down", key="char", char="c", keycode=54)
    script.add("key_up", key="char", char="c", keycode=54)
    script.add("key_up", key="ctrl", keycode=37)
    typed, hotkey = coalesce(script.events)
    assert isinstance(typed, TypeTextStep) and typed.text == "abc"
    assert isinstance(hotkey, HotkeyStep) and hotkey.keys == ["ctrl", "c"]


def test_altgr_characters_are_text_not_ctrl_alt() -> None:
    script = Script()
    script.add("key_down", key="alt_gr", keycode=108)
    script.add("key_down", key="char", char="@", keycode=11)
    script.add("key_up", key="char", char="2", keycode=11)
    script.add("key_up", key="alt_gr", keycode=108)
    [typed] = coalesce(script.events)
    assert isinstance(typed, TypeTextStep) and typed.text == "@"


def test_the_recorders_own_stop_hotkey_never_becomes_a_step() -> None:
    script = Script()
    script.type("x")
    script.add("key_down", key="ctrl", keycode=37)
    script.add("key_down", key="f12", keycode=96)
    steps = coalesce(script.events, ignored_hotkeys=[frozenset({"ctrl", "f12"})])
    assert len(steps) == 1 and isinstance(steps[0], TypeTextStep)


def test_the_pause_before_each_step_is_kept_as_think_time() -> None:
    script = Script()
    script.click(10, 10, wait=1.0)
    script.click(300, 300, wait=2.0)
    first, second = coalesce(script.events)
    assert first.think_time_s is None
    assert second.think_time_s == 2.0


@given(st.lists(st.one_of(st.text("abcåäöÅÄÖ 0123-@", min_size=1, max_size=3),
                          st.just("\b")), max_size=30))
def test_typed_text_is_what_the_field_would_hold(chunks: list[str]) -> None:
    script = Script()
    expected: list[str] = []
    for chunk in chunks:
        if chunk == "\b":
            script.key("backspace", 22)
            if expected:
                expected.pop()
            continue
        script.type(chunk)
        expected.extend(chunk)
    steps = coalesce(script.events)
    typed = "".join(s.text for s in steps if isinstance(s, TypeTextStep))
    keys = [s for s in steps if isinstance(s, KeyStep)]
    if expected:
        assert typed == "".join(expected)
    assert all(k.key == "backspace" for k in keys)


def test_a_secret_becomes_a_step_bound_to_a_secret_parameter_and_its_text_is_gone() -> None:
    script = Script()
    script.click(10, 10)
    script.add("mark", key="secret")
    script.key("tab", 23)
    script.add("mark", key="secret")
    steps = coalesce(script.events)
    typed = [s.text for s in steps if isinstance(s, TypeTextStep)]
    assert typed == ["{{losenord}}", "{{losenord_2}}"]


def test_keys_held_before_a_pause_are_forgotten_after_it() -> None:
    script = Script()
    script.add("key_down", key="ctrl", keycode=37)
    script.add("mark", key="pause")
    script.add("mark", key="resume", wait=30.0)
    script.type("abc")
    [typed] = coalesce(script.events)
    assert isinstance(typed, TypeTextStep) and typed.text == "abc"
    assert typed.think_time_s is None


def test_clicks_and_typing_in_the_recorders_own_windows_are_not_steps() -> None:
    script = Script()
    own = script.click(900, 20)
    script.type("zz")
    first_key_in_own_window = script.events[-4]
    field = script.click(300, 200)
    script.type("Nacka")
    contexts = {own.seq: ClickContext(seq=own.seq, window_title="Inspelning", ignored=True),
                first_key_in_own_window.seq: ClickContext(
                    seq=first_key_in_own_window.seq, window_title="Inspelning", ignored=True),
                field.seq: ClickContext(seq=field.seq, window_title="Socialsystemet")}
    steps = coalesce(script.events, contexts)
    assert [type(s) for s in steps] == [ClickStep, TypeTextStep]
    assert isinstance(steps[1], TypeTextStep) and steps[1].text == "Nacka"


def test_a_button_released_during_a_pause_does_not_swallow_the_next_click() -> None:
    script = Script()
    toolbar_press = script.add("press", x=900, y=20, button="left")
    script.add("mark", key="pause")
    script.add("mark", key="resume", wait=5.0)
    script.click(300, 200)
    contexts = {toolbar_press.seq: ClickContext(seq=toolbar_press.seq, ignored=True)}
    [click] = coalesce(script.events, contexts)
    assert isinstance(click, ClickStep) and click.target.absolute == Point(300, 200)


def test_a_click_keeps_the_element_it_hit_and_typing_the_element_it_went_into() -> None:
    from app.core.model.bot import Selector

    script = Script()
    press = script.click(300, 200)
    script.type("Åsa")
    first_key = script.events[-6]
    script.key("tab", 23)
    script.type("x")
    button = Selector(api="atspi", role="push button", name="Sök")
    field = Selector(api="atspi", role="text", name="Namn", element_id="form.name")
    steps = coalesce(script.events, {}, (), {press.seq: button, first_key.seq: field})
    click, typed, _tab, after_tab = steps
    assert isinstance(click, ClickStep) and click.target.selector == button
    assert isinstance(typed, TypeTextStep) and typed.element == field
    # After Tab nobody said which element had the keyboard: none is claimed.
    assert isinstance(after_tab, TypeTextStep) and after_tab.element is None


def test_a_password_typed_without_the_secret_hotkey_is_a_secret_step_with_its_field() -> None:
    from app.core.model.bot import Selector

    script = Script()
    script.click(300, 200)
    mark = script.add("mark", key="secret")
    script.key("enter", 36)
    password = Selector(api="atspi", role="password text", name="Lösenord")
    steps = coalesce(script.events, {}, (), {mark.seq: password})
    secret = steps[1]
    assert isinstance(secret, TypeTextStep)
    assert secret.text == "{{losenord}}" and secret.element == password
    assert secret.element is not None and secret.element.is_password


def test_an_element_found_in_another_window_than_the_one_clicked_is_not_kept() -> None:
    from app.core.model.bot import Selector

    script = Script()
    login = script.click(300, 200)
    search = script.click(320, 240)
    # The login click opened the next page before the tree was asked about it.
    late = Selector(api="atspi", role="text", name="Personnummer", window="Sök sökande")
    right = Selector(api="atspi", role="push button", name="Sök", window="Sök sökande")
    contexts = {login.seq: ClickContext(seq=login.seq, window_title="Inloggning"),
                search.seq: ClickContext(seq=search.seq, window_title="Sök sökande")}
    first, second = coalesce(script.events, contexts, (), {login.seq: late, search.seq: right})
    assert isinstance(first, ClickStep) and first.target.selector is None
    assert first.target.window_title == "Inloggning"
    assert isinstance(second, ClickStep) and second.target.selector == right
