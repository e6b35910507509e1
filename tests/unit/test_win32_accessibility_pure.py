"""UI Automation's answers read the way AT-SPI's are, so a selector means the same everywhere.

Only the pure half is run here (no Windows machine); ``UiaTree`` itself is written against the
documented API and not yet tried.
"""

from __future__ import annotations

import sys

import pytest

from app.core.model.bot import Point
from app.core.model.selector_match import choose, selector_for
from app.core.platform import accessibility_for_this_system
from app.core.platform.desktop import WindowInfo
from app.core.platform.win32_accessibility import (
    RawElement,
    UiaTree,
    UiaUnavailableError,
    actionable_index,
    box_from_rect,
    control_types_for,
    element_info,
    nth_among,
    role_for,
)

WINDOW = WindowInfo(id=0x1A2B, title="Socialsystemet – Inloggning", app_class="sandbox.exe",
                    x=200, y=150, width=1000, height=700, pid=4242)


def raw(control_type: int = 50000, name: str = "Logga in", automation_id: str = "login",
        is_password: bool = False, rect: tuple[int, int, int, int] = (995, 627, 1091, 649),
        **more: object) -> RawElement:
    values: dict[str, object] = {"enabled": True, "offscreen": False, "focused": False,
                                 "process_id": 4242, **more}
    return RawElement(control_type, name, automation_id, is_password, rect,
                      **values)  # type: ignore[arg-type]


def test_control_types_get_the_role_names_atspi_uses() -> None:
    assert role_for(50000) == "push button"
    assert role_for(50003) == "combo box"
    assert role_for(50004) == "text"
    assert role_for(50004, is_password=True) == "password text"
    assert role_for(99999) == "unknown"


def test_a_role_is_looked_for_under_every_control_type_that_has_it() -> None:
    assert control_types_for("push button") == [50000, 50031]
    assert control_types_for("password text") == [50004]
    assert control_types_for("no such role") == []


def test_a_bounding_rectangle_of_edges_becomes_a_box() -> None:
    assert box_from_rect(995, 627, 1091, 649) == (995, 627, 96, 22)
    assert box_from_rect(10, 10, 5, 5) == (10, 10, 0, 0)


def test_a_recorded_windows_element_is_found_again_by_the_same_scoring() -> None:
    recorded = selector_for(element_info(raw(), WINDOW, "sandbox.exe"), WINDOW, (1043, 638))
    assert recorded.api == "uia" and recorded.offset == Point(48, 11)
    assert recorded.box_in_window == (795, 477, 96, 22)
    moved = WindowInfo(**{**WINDOW.__dict__, "x": 400})
    candidates = [element_info(raw(name="Avbryt", automation_id="cancel"), moved, "sandbox.exe"),
                  element_info(raw(rect=(1195, 627, 1291, 649)), moved, "sandbox.exe")]
    match = choose(recorded, candidates, moved)
    assert match is not None and match.element.element_id == "login"


def test_a_click_on_a_buttons_text_acts_on_the_button() -> None:
    assert actionable_index(["label", "push button", "panel"]) == 1
    assert actionable_index(["panel", "frame"]) == 0


def test_identical_elements_are_counted_among_the_showing_ones_of_the_same_name() -> None:
    first, hidden, second = raw(name="Visa"), raw(name="Visa", offscreen=True), raw(
        name="Visa", rect=(1, 2, 3, 4))
    assert nth_among([first, hidden, second], second) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows only")
def test_off_windows_ui_automation_is_refused_with_a_reason() -> None:
    with pytest.raises(UiaUnavailableError, match="UI Automation"):
        UiaTree()


def test_windows_gets_no_tree_until_ui_automation_has_been_tried_there(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    tree = accessibility_for_this_system()
    assert not tree.available and "win32" in tree.reason
