"""A recorded element is found again by what it is, never by a guess."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.model.bot import Point, Selector
from app.core.model.selector_match import (
    MIN_SCORE,
    SCORE_ID,
    action_point,
    choose,
    element_words,
    is_meant,
    selector_for,
)
from app.core.platform import NoAccessibility, accessibility_for_this_system
from app.core.platform.accessibility import ElementInfo, PathStep
from app.core.platform.desktop import WindowInfo
from app.core.running.selectors import find_by_selector, typed_text_shows

WINDOW = WindowInfo(id=7, title="Socialsystemet – Ansökan", app_class="robotfabrik", x=200,
                    y=150, width=1000, height=700, pid=4242)
FORM = "QApplication.sandbox_window.central.screens.form_page.application_box"
PATH: tuple[PathStep, ...] = (("filler", 0), ("panel", 2), ("combo box", 3))


def element(role: str = "combo box", name: str = "Kategori", element_id: str = f"{FORM}.category",
            labels: tuple[str, ...] = ("Kategori:", "Ansökan"), box: tuple[int, int, int, int] = (
                354, 416, 240, 22), **more: object) -> ElementInfo:
    return ElementInfo(api="atspi", app="robotfabrik-sandbox", window=WINDOW.title, role=role,
                       name=name, element_id=element_id, labels=labels, box=box,
                       **more)  # type: ignore[arg-type]


RECORDED = selector_for(replace(element(), path=PATH), WINDOW, point=(474, 427))


def test_the_recorder_keeps_the_box_in_the_window_and_where_in_it_the_click_went() -> None:
    assert RECORDED.box_in_window == (154, 266, 240, 22)
    assert RECORDED.offset == Point(120, 11)
    assert RECORDED.path == PATH and RECORDED.labels == ("Kategori:", "Ansökan")


def test_a_combo_whose_name_became_its_value_is_found_by_id_in_a_moved_window() -> None:
    moved = replace(WINDOW, x=600, y=80)
    combo = element(name="Hyra", box=(754, 346, 240, 22))
    other = element(name="", element_id=f"{FORM}.municipality", labels=("Kommun:",),
                    box=(754, 380, 240, 22))
    match = choose(RECORDED, [other, combo], moved)
    assert match is not None and match.element is combo
    assert match.score >= SCORE_ID
    assert action_point(RECORDED, combo) == Point(874, 357)


def test_two_equally_good_candidates_are_no_match() -> None:
    unnamed = Selector(api="atspi", role="text", name="", labels=("Belopp:",))
    twins = [element(role="text", name="", element_id="", labels=("Belopp:",)),
             element(role="text", name="", element_id="", labels=("Belopp:",), box=(1, 2, 3, 4))]
    assert choose(unnamed, twins, WINDOW) is None


def test_role_and_place_alone_are_not_enough_to_act() -> None:
    weak = Selector(api="atspi", role="text", path=PATH, box_in_window=(154, 266, 240, 22))
    only = element(role="text", name="", element_id="", labels=())
    assert choose(weak, [only], WINDOW, lambda _e: PATH) is None
    assert MIN_SCORE > 3 + 1


def test_identical_buttons_are_told_apart_by_their_place_among_equals() -> None:
    second = Selector(api="atspi", role="push button", name="Visa", nth=1)
    buttons = [element(role="push button", name="Visa", element_id="", labels=(),
                       box=(300 + 100 * i, 500, 60, 22)) for i in range(3)]
    match = choose(second, buttons, WINDOW)
    assert match is not None and match.element is buttons[1]


def test_the_path_is_read_only_where_it_could_change_the_choice() -> None:
    asked: list[ElementInfo] = []

    def path_of(found: ElementInfo) -> tuple[PathStep, ...]:
        asked.append(found)
        return PATH if found.element_id == "mine" else (("panel", 9),)

    clear = [element(name="Annat", element_id="x", labels=()), element()]
    match = choose(RECORDED, clear, WINDOW, path_of)
    assert match is not None and match.element is clear[1] and asked == []

    # Two unnamed fields with the same labels: only the path tells them apart.
    unnamed = Selector(api="atspi", role="text", labels=("Belopp:",), path=PATH)
    far = element(role="text", name="", element_id="other", labels=("Belopp:",), box=(1, 2, 3, 4))
    mine = element(role="text", name="", element_id="mine", labels=("Belopp:",))
    match = choose(unnamed, [far, mine], WINDOW, path_of)
    assert match is not None and match.element is mine
    assert asked == [far, mine]


def test_hidden_elements_and_other_roles_are_never_chosen() -> None:
    hidden = element(showing=False)
    button = element(role="push button")
    assert choose(RECORDED, [hidden, button], WINDOW) is None


@pytest.mark.parametrize(("offset", "expected"), [
    (Point(120, 11), Point(474, 427)), (Point(500, -4), Point(593, 416)), (None, Point(474, 427)),
])
def test_the_action_lands_at_the_recorded_offset_kept_inside_the_element(
        offset: Point | None, expected: Point) -> None:
    assert action_point(replace(RECORDED, offset=offset), element()) == expected


class FakeTree:
    """An accessibility tree that knows one window's elements."""

    def __init__(self, elements: list[ElementInfo]) -> None:
        self.elements = elements
        self.available = True
        self.reason = ""

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        return next((e for e in self.elements if e.contains(x, y)), None)

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        return next((e for e in self.elements if e.focused), None)

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        return [e for e in self.elements if e.role == role]

    def path_of(self, found: ElementInfo) -> tuple[PathStep, ...]:
        return found.path

    def text_of(self, found: ElementInfo) -> str | None:
        return None

    def close(self) -> None:
        return None


def test_a_found_element_is_acted_on_at_its_recorded_offset() -> None:
    found = find_by_selector(FakeTree([element()]), RECORDED, WINDOW)
    assert found is not None and found.point == Point(474, 427) and found.score > SCORE_ID


def test_a_disabled_element_or_one_outside_its_window_is_not_acted_on() -> None:
    assert find_by_selector(FakeTree([element(enabled=False)]), RECORDED, WINDOW) is None
    outside = element(box=(2000, 416, 240, 22))
    assert find_by_selector(FakeTree([outside]), RECORDED, WINDOW) is None


def test_without_a_tree_nothing_is_found_and_nothing_breaks() -> None:
    tree = NoAccessibility("no bus")
    assert not tree.available and tree.reason == "no bus"
    assert find_by_selector(tree, RECORDED, WINDOW) is None
    assert tree.element_at(1, 2, WINDOW) is None and tree.find(WINDOW, "text") == []


def test_without_a_display_the_tree_is_simply_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    tree = accessibility_for_this_system()
    assert not tree.available and "display" in tree.reason


def test_without_an_accessibility_bus_the_tree_is_absent_with_a_reason(
        monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("DISPLAY", ":9999")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-such-bus")
    tree = accessibility_for_this_system()
    assert not tree.available
    assert "accessibility bus" in tree.reason


@pytest.mark.parametrize(("tree_box", "x11_size", "scale"), [
    ((560, 110, 1000, 700), (1000, 700), 1.0),
    ((560, 110, 1000, 700), (1250, 875), 1.25),  # Qt at QT_FONT_DPI=120
    ((10, 20, 273, 226), (271, 201), 1.0),  # GTK counts the window manager's frame in
    ((0, 0, 0, 0), (800, 600), 1.0),
])
def test_coordinates_of_a_scaled_application_are_turned_into_screen_pixels(
        tree_box: tuple[int, int, int, int], x11_size: tuple[int, int], scale: float) -> None:
    from app.core.platform.x11.accessibility import _scale

    window = replace(WINDOW, width=x11_size[0], height=x11_size[1])
    assert _scale(tree_box, window) == scale


def test_the_focused_field_is_the_recorded_one_by_its_id_whatever_its_name_shows_now() -> None:
    assert is_meant(RECORDED, element(name="Hyra", box=(1, 2, 3, 4)), chosen=None)
    assert not is_meant(RECORDED, element(element_id=f"{FORM}.municipality"), chosen=None)
    assert not is_meant(RECORDED, element(role="text"), chosen=None)


def test_without_an_id_the_focused_field_must_be_the_very_one_the_selector_chooses() -> None:
    unnamed = Selector(api="atspi", role="text", name="", labels=("Belopp:",))
    belopp = element(role="text", name="", element_id="", labels=("Belopp:",))
    other = element(role="text", name="", element_id="", labels=("Kommun:",), box=(1, 2, 3, 4))
    assert is_meant(unnamed, belopp, chosen=belopp)
    assert not is_meant(unnamed, other, chosen=belopp)
    assert not is_meant(unnamed, belopp, chosen=None)


def test_an_element_is_named_as_a_person_reads_it() -> None:
    assert element_words(element()) == "'Kategori' (combo box)"
    assert element_words(element(name="", labels=("Belopp:",))) == "'Belopp:' (combo box)"
    assert element_words(element(name="", labels=(), element_id="a.b.amount")) == (
        "'amount' (combo box)")
    assert element_words(element(name="", labels=(), element_id="")) == "a combo box"


@pytest.mark.parametrize(("before", "after", "typed", "secret", "shows"), [
    ("", "Växjö", "Växjö", False, True),
    ("Hy", "Hyra", "ra", False, True),
    ("", "Hyra", "Hy", False, True),          # the field completed what was typed
    ("", "Ärendet gäller\r\nhyra", "Ärendet gäller\nhyra", False, True),
    ("", "", "Växjö", False, False),           # typed into nothing
    ("Växjö", "Växjö", "Växjö", False, False),  # nothing arrived, though it holds the text
    ("", "4500", "Växjö", False, False),       # went into another field's value
    ("", "•••••", "hemligt", True, True),
    ("", "", "hemligt", True, False),
])
def test_read_back_shows_whether_the_typed_text_arrived(
        before: str, after: str, typed: str, secret: bool, shows: bool) -> None:
    assert typed_text_shows(before, after, typed, secret=secret) is shows


@given(before=st.text(max_size=20), typed=st.text(min_size=1, max_size=20),
       secret=st.booleans())
def test_a_field_that_took_the_keys_at_its_end_always_shows_them(
        before: str, typed: str, secret: bool) -> None:
    assert typed_text_shows(before, before + typed, typed, secret=secret)


@given(before=st.text(max_size=20), typed=st.text(min_size=1, max_size=20),
       secret=st.booleans())
def test_a_field_that_did_not_change_never_shows_typed_text(
        before: str, typed: str, secret: bool) -> None:
    assert not typed_text_shows(before, before, typed, secret=secret)
