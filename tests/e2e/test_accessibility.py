"""The accessibility tree of the practice system on a real display, with its own buses.

Each test has a private session bus and accessibility bus for its Xvfb, starts the practice
system on it (Qt publishes its tree only when asked to, which the bus environment does), and
reads elements the way the recorder and the player will: the element under a point in the
window X11 says is on top, the focused element and its text, and an element found again by its
recorded selector after the window moved and the fonts grew.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.selector_match import selector_for
from app.core.platform.desktop import WindowInfo
from app.core.platform.x11.accessibility import AtspiTree
from app.core.platform.x11.desktop import X11Desktop
from app.core.running.selectors import find_by_selector
from app.testing.accessibility_bus import AccessibilityBus, accessibility_bus
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice_system import PracticeSystem
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

LOGIN_BOX = "QApplication.sandbox_window.central.screens.login_page.login_box"


@pytest.fixture
def bus(x_display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    with accessibility_bus(x_display) as started:
        yield started


@pytest.fixture
def desktop(x_display: VirtualDisplay) -> Iterator[X11Desktop]:
    with X11Desktop(x_display.name) as opened:
        yield opened


@pytest.fixture
def tree(bus: AccessibilityBus) -> Iterator[AtspiTree]:
    opened = AtspiTree(session_address=bus.session_address)
    yield opened
    opened.close()


def start_practice(bus: AccessibilityBus, folder: Path, position: tuple[int, int] = (200, 150),
                   **environment: str) -> PracticeSystem:
    practice = PracticeSystem(bus.environment(ROBOTFABRIK_HOME=str(folder), **environment),
                              folder / "cases.jsonl", position=position)
    practice.wait_until_shown("Inloggning")
    return practice


def login_point(name: str, position: tuple[int, int] = (200, 150)) -> tuple[int, int]:
    return absolute_point(widget_centres(), "login", name, position)


def window_at(desktop: X11Desktop, point: tuple[int, int]) -> WindowInfo:
    window = desktop.window_at(*point)
    assert window is not None and window.pid is not None
    return window


def test_the_element_under_a_click_is_named_with_its_id_labels_and_path(
        bus: AccessibilityBus, desktop: X11Desktop, tree: AtspiTree, tmp_path: Path) -> None:
    practice = start_practice(bus, tmp_path)
    try:
        point = login_point("login")
        window = window_at(desktop, point)
        assert window.pid == practice.process.pid
        button = wait_until(lambda: tree.element_at(*point, window), 10, "the Logga in button")
        assert (button.role, button.name) == ("push button", "Logga in")
        assert button.element_id == f"{LOGIN_BOX}.login"
        assert button.app == "robotfabrik-sandbox" and button.window == window.title
        assert button.path[-1] == ("push button", 6) and button.enabled
        assert button.contains(*point)

        user = tree.element_at(*login_point("username"), window)
        assert user is not None and user.role == "text" and not user.is_password
        assert user.labels[0] == "Användarnamn:"
        password = tree.element_at(*login_point("password"), window)
        assert password is not None and password.is_password
    finally:
        practice.stop()


def test_typed_text_is_read_back_and_a_password_field_never_shows_its_characters(
        bus: AccessibilityBus, desktop: X11Desktop, tree: AtspiTree, x_display: VirtualDisplay,
        tmp_path: Path) -> None:
    practice = start_practice(bus, tmp_path)
    person = Person(x_display)
    try:
        window = window_at(desktop, login_point("username"))
        person.click(*login_point("username"))
        person.type("handlaggare")
        focused = wait_until(lambda: (found := tree.focused_element(window)) is not None
                             and tree.text_of(found) == "handlaggare" and found, 10,
                             "the typed user name in the focused field")
        assert focused.element_id == f"{LOGIN_BOX}.username"

        person.click(*login_point("password"))
        person.type("hemligt")
        secret = wait_until(lambda: (found := tree.focused_element(window)) is not None
                            and found.is_password and found, 10, "the focused password field")
        shown = wait_until(lambda: tree.text_of(secret), 10, "the password field's text")
        assert "hemligt" not in shown and len(shown) == len("hemligt")
    finally:
        practice.stop()


def test_a_recorded_selector_finds_its_field_in_a_moved_window_with_bigger_fonts(
        bus: AccessibilityBus, desktop: X11Desktop, tree: AtspiTree, x_display: VirtualDisplay,
        tmp_path: Path) -> None:
    first = start_practice(bus, tmp_path / "first")
    try:
        point = login_point("password")
        window = window_at(desktop, point)
        field = wait_until(lambda: tree.element_at(*point, window), 10, "the password field")
        recorded = selector_for(field, window, point)
    finally:
        first.stop()

    # Another place, fonts a quarter bigger (Qt then scales the whole window by 1.25 and speaks
    # of it in unscaled coordinates): the recorded points and pictures are all wrong now.
    second = start_practice(bus, tmp_path / "second", position=(520, 90), QT_FONT_DPI="120")
    try:
        window = wait_until(lambda: next(iter(desktop.find_windows("Inloggning")), None), 10,
                            "the moved window")
        found = wait_until(lambda: find_by_selector(tree, recorded, window, desktop), 10,
                           "the password field by its selector")
        assert found.element.element_id == f"{LOGIN_BOX}.password"
        assert found.element.box[2] > field.box[2]
        # The user name field has the keyboard at the start: only a click that lands in the
        # password field puts the typing there.
        Person(x_display).click(found.point.x, found.point.y)
        Person(x_display).type("flyttad")
        assert wait_until(lambda: tree.text_of(found.element) == "●" * len("flyttad"), 10,
                          "the text typed at the found point")
        user = tree.find(window, "text")[0]
        assert user.element_id == f"{LOGIN_BOX}.username" and tree.text_of(user) == ""
    finally:
        second.stop()


def test_a_hung_application_makes_the_tree_answer_nothing_instead_of_blocking(
        bus: AccessibilityBus, desktop: X11Desktop, tree: AtspiTree, tmp_path: Path) -> None:
    practice = start_practice(bus, tmp_path)
    try:
        point = login_point("login")
        window = window_at(desktop, point)
        assert wait_until(lambda: tree.element_at(*point, window), 10, "the button")
        os.kill(practice.process.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            assert tree.element_at(*point, window) is None
            assert tree.find(window, "push button") == []
            # One unanswered call ends each question: two questions, two time limits.
            assert time.monotonic() - started < 5
        finally:
            os.kill(practice.process.pid, signal.SIGCONT)
        assert wait_until(lambda: tree.element_at(*point, window), 10, "the button again")
    finally:
        practice.stop()


def test_a_qt_application_started_without_its_switch_names_its_elements_once_the_robot_starts(
        bus: AccessibilityBus, desktop: X11Desktop, tmp_path: Path) -> None:
    # A desktop where nothing asked Qt to publish its tree: no screen reader, no switch in the
    # environment, and no bus address on the root window for Qt to find the bus by itself.
    environment = bus.environment(ROBOTFABRIK_HOME=str(tmp_path))
    del environment["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"]
    subprocess.run(["xprop", "-root", "-remove", "AT_SPI_BUS"], env=environment, check=True,
                   timeout=10)
    practice = PracticeSystem(environment, tmp_path / "cases.jsonl", position=(200, 150))
    try:
        practice.wait_until_shown("Inloggning")
        window = window_at(desktop, login_point("username"))
        unasked = AtspiTree(session_address=bus.session_address, switch_on=False)
        try:
            assert unasked.element_at(*login_point("username"), window) is None
        finally:
            unasked.close()
        # The robot's tree switches the desktop's accessibility on as it starts.
        robot = AtspiTree(session_address=bus.session_address)
        try:
            element = wait_until(lambda: robot.element_at(*login_point("username"), window), 10,
                                 "the practice system to name its elements")
            assert element.element_id == f"{LOGIN_BOX}.username"
        finally:
            robot.close()
    finally:
        practice.stop()
