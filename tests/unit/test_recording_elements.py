"""The recorder's questions to the accessibility tree, answered off the input path."""

from __future__ import annotations

import pytest

from app.core.platform.accessibility import ElementInfo, NoAccessibility, PathStep
from app.core.platform.desktop import WindowInfo
from app.core.recording.elements import ElementWorker

WINDOW = WindowInfo(id=3, title="Socialsystemet – Inloggning", app_class="sandbox", x=200,
                    y=150, width=1000, height=700, pid=77)
TOOLBAR = WindowInfo(id=9, title="Robotfabrik – Spelar in", app_class="robotfabrik", x=0, y=0,
                     width=300, height=40, pid=78)


def field(role: str, name: str, box: tuple[int, int, int, int],
          focused: bool = False) -> ElementInfo:
    return ElementInfo(api="atspi", app="sandbox", window=WINDOW.title, role=role, name=name,
                       element_id=f"login_box.{name}", box=box, focused=focused)


class LoginTree:
    """The practice system's login box as a tree: a user name field and a password field."""

    available = True
    reason = ""

    def __init__(self) -> None:
        self.elements = [field("text", "username", (625, 373, 230, 22)),
                         field("password text", "password", (625, 403, 230, 22))]
        self.focus = 0

    def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
        return next((e for e in self.elements if e.contains(x, y)), None)

    def focused_element(self, window: WindowInfo) -> ElementInfo | None:
        return self.elements[self.focus]

    def find(self, window: WindowInfo, role: str) -> list[ElementInfo]:
        return []

    def path_of(self, element: ElementInfo) -> tuple[PathStep, ...]:
        return ()

    def text_of(self, element: ElementInfo) -> str | None:
        return None

    def close(self) -> None:
        return None


class Windows:
    """The two questions the worker asks of the desktop: the window at a point, and focused."""

    def __init__(self, windows: list[WindowInfo]) -> None:
        self.windows = windows

    def window_at(self, x: int, y: int) -> WindowInfo | None:
        return next((w for w in self.windows if w.contains(x, y)), None)

    def focused_window(self) -> WindowInfo | None:
        return self.windows[0] if self.windows else None

    def close(self) -> None:
        return None


def started(tree: object, windows: list[WindowInfo], own: set[int] | None = None,
            notes: list[str] | None = None) -> ElementWorker:
    desktop = Windows(windows)
    worker = ElementWorker(lambda: own or set(), lambda: tree,  # type: ignore[arg-type,return-value]
                           lambda: desktop,  # type: ignore[arg-type,return-value]
                           note=None if notes is None else notes.append)
    worker.start()
    return worker


def finish(worker: ElementWorker) -> None:
    worker.stop()
    worker.join(timeout=10)
    assert not worker.is_alive()


def test_a_press_keeps_the_element_under_it_with_the_click_inside_it() -> None:
    worker = started(LoginTree(), [WINDOW])
    assert worker.wait_ready()
    worker.press(5, 700, 383)
    assert not worker.typing_into_password(6)  # waits behind the press: it is done by then
    finish(worker)
    clicked = worker.selectors[5]
    assert clicked.element_id == "login_box.username" and clicked.offset is not None
    assert (clicked.offset.x, clicked.offset.y) == (75, 10)
    assert worker.selectors[6].role == "text"
    assert worker.selectors_recorded == 2


def test_typing_into_the_password_field_is_told_before_any_character_is_kept() -> None:
    tree = LoginTree()
    tree.focus = 1
    worker = started(tree, [WINDOW])
    assert worker.wait_ready()
    assert worker.typing_into_password(12)
    finish(worker)
    assert worker.selectors[12].is_password


def test_the_recorders_own_windows_are_never_asked_about() -> None:
    notes: list[str] = []
    worker = started(LoginTree(), [TOOLBAR], own={TOOLBAR.id}, notes=notes)
    assert worker.wait_ready()
    worker.press(1, 10, 10)
    assert not worker.typing_into_password(2)
    finish(worker)
    assert worker.selectors == {}
    assert notes == [], "a click on the toolbar is no step, so nothing is missing"


def test_the_recording_log_says_why_a_click_got_no_element() -> None:
    notes: list[str] = []
    worker = started(LoginTree(), [WINDOW], notes=notes)
    assert worker.wait_ready()
    worker.press(1, 700, 500)  # in the window, on no field
    worker.press(2, 1900, 1000)  # on the desktop, in no window
    assert not worker.typing_into_password(3)
    finish(worker)
    assert notes[0].startswith(f"click 1 has no element: the tree names no element there in "
                               f"{WINDOW.title!r}")
    assert notes[1] == ("click 2 has no element: no window is under the press; it is found by "
                        "its picture")


def test_without_a_tree_every_answer_is_nothing_at_once() -> None:
    worker = started(NoAccessibility("no accessibility bus"), [WINDOW])
    assert not worker.wait_ready()
    worker.press(1, 700, 383)
    assert not worker.typing_into_password(2)
    finish(worker)
    assert worker.selectors == {}


def test_a_tree_that_fails_costs_a_warning_not_the_recording(
        caplog: pytest.LogCaptureFixture) -> None:
    class Broken(LoginTree):
        def element_at(self, x: int, y: int, window: WindowInfo) -> ElementInfo | None:
            raise RuntimeError("the bus went away")

    worker = started(Broken(), [WINDOW])
    assert worker.wait_ready()
    worker.press(1, 700, 383)
    assert not worker.typing_into_password(2)  # still answered after the failure
    finish(worker)
    assert "no element for event 1" in caplog.text


def test_a_click_into_a_password_field_makes_the_typing_after_it_secret_even_before_focus() -> None:
    tree = LoginTree()  # the application still reports the user name field as focused
    worker = started(tree, [WINDOW])
    assert worker.wait_ready()
    worker.press(3, 700, 413)  # in the password field
    assert worker.typing_into_password(4, right_after_click=True)
    # After a Tab (not right after the click) the focused field decides alone.
    assert not worker.typing_into_password(5, right_after_click=False)
    finish(worker)
