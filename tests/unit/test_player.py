"""The player's decisions, on a fake desktop: where it acts, when it waits, and when it refuses.

The real thing is proven on Xvfb in tests/e2e; here the logic is pinned down without a display.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.core.model.bot import (
    Bot,
    ClickStep,
    DragStep,
    KeyStep,
    Parameter,
    Point,
    Selector,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.platform.accessibility import ElementInfo
from app.core.platform.desktop import WindowInfo
from app.core.results.outcome import RunResult, StepResult
from app.core.results.run_log import RunLog
from app.core.running.player import Decision, Player, Problem
from app.core.running.selectors import FocusedField, FoundElement
from app.core.store import Store
from app.core.vision.locate import GrayImage, Match
from tests.unit.fake_desktop import FakeDesktop


def textured(width: int, height: int, seed: int) -> GrayImage:
    return np.random.default_rng(seed).integers(0, 255, (height, width), dtype=np.uint8)


class Clock:
    """Time that moves only when the player waits, so timeouts cost nothing in tests."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.05
        return self.now


@pytest.fixture
def bot_folder(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    return tmp_path


def save_anchor(folder: Path, name: str, picture: GrayImage) -> None:
    cv2.imwrite(str(folder / "images" / name), picture)


def play(bot: Bot, folder: Path, desktop: FakeDesktop, **options: object) -> RunResult:
    options.setdefault("timeout_s", 0.5)
    player = Player(bot, folder, desktop, clock=Clock(), **options)  # type: ignore[arg-type]
    player._pause = lambda seconds: None  # type: ignore[method-assign]
    return player.run()


WINDOW = WindowInfo(1, "Socialsystemet – Sök sökande", "sandbox", 600, 400, 800, 600)


def click_on(anchor: str | None = "sok.png", *, points_are_fine: bool = False) -> ClickStep:
    return ClickStep(id="sok", points_are_fine=points_are_fine, target=Target(
        absolute=Point(340, 230), window_title=WINDOW.title, window_point=Point(40, 30),
        anchor=anchor, anchor_offset=Point(30, 20) if anchor else None))


def test_a_moved_window_is_found_by_its_anchor_and_hit_at_the_recorded_offset(
        bot_folder: Path) -> None:
    anchor = textured(64, 48, seed=1)
    save_anchor(bot_folder, "sok.png", anchor)
    desktop = FakeDesktop()
    desktop.paint(anchor, 1200, 700)
    result = play(Bot("b", steps=[click_on()]), bot_folder, desktop)
    assert result.succeeded
    assert desktop.actions == [("click", 1230, 720, "left", 1)]
    assert result.steps[0].found_by in ("anchor", "anchor_screen")
    assert result.steps[0].score is not None and result.steps[0].score > 0.99


def test_among_identical_fields_the_one_nearest_the_recorded_place_wins(
        bot_folder: Path) -> None:
    anchor = textured(64, 48, seed=2)
    save_anchor(bot_folder, "sok.png", anchor)
    desktop = FakeDesktop()
    for left in (100, 310, 900):
        desktop.paint(anchor, left, 210)
    play(Bot("b", steps=[click_on()]), bot_folder, desktop)
    assert desktop.actions == [("click", 340, 230, "left", 1)]


def test_a_step_marked_points_are_fine_is_done_relative_to_its_window(
        bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    result = play(Bot("b", steps=[click_on(anchor=None, points_are_fine=True)]), bot_folder,
                  desktop)
    assert desktop.actions == [("click", 640, 430, "left", 1)]
    assert result.steps[0].found_by == "window"


def test_a_step_marked_points_are_fine_without_its_window_uses_the_absolute_point(
        bot_folder: Path) -> None:
    desktop = FakeDesktop()
    result = play(Bot("b", steps=[click_on(anchor=None, points_are_fine=True)]), bot_folder,
                  desktop)
    assert desktop.actions == [("click", 340, 230, "left", 1)]
    assert result.steps[0].found_by == "absolute"


@pytest.mark.parametrize("anchor", [None, "sok.png"])
def test_an_unattended_run_fails_the_step_rather_than_act_at_a_recorded_point(
        bot_folder: Path, anchor: str | None) -> None:
    save_anchor(bot_folder, "sok.png", textured(64, 48, seed=4))
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    result = play(Bot("b", steps=[click_on(anchor), WaitStep(seconds=0)]), bot_folder, desktop)
    assert result.status == "failed"
    assert desktop.actions == []
    assert [r.status for r in result.steps] == ["failed"]
    assert result.reason is not None and "points are fine" in result.reason
    assert result.reason.startswith("step 1 (")


def test_an_attended_run_asks_before_acting_at_a_recorded_point(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    asked: list[Problem] = []

    def ask(problem: Problem) -> Decision:
        asked.append(problem)
        return Decision("recorded_place")

    result = play(Bot("b", steps=[click_on(anchor=None)]), bot_folder, desktop, ask=ask)
    assert [p.kind for p in asked] == ["target_not_found"]
    assert "neither an element nor a picture" in asked[0].message
    assert desktop.actions == [("click", 640, 430, "left", 1)]
    assert result.succeeded and result.steps[0].found_by == "confirmed"


def test_a_drag_lets_go_at_the_recorded_distance_from_its_start_found_by_picture(
        bot_folder: Path) -> None:
    anchor = textured(64, 48, seed=5)
    save_anchor(bot_folder, "sok.png", anchor)
    desktop = FakeDesktop()
    desktop.paint(anchor, 1200, 700)
    start = click_on().target
    end = Target(absolute=Point(440, 230), window_title=WINDOW.title, window_point=Point(140, 30))
    result = play(Bot("b", steps=[DragStep(target=start, end=end)]), bot_folder, desktop)
    assert result.succeeded
    assert desktop.actions == [("drag", (1230, 720), (1330, 720))]


def test_text_is_never_typed_into_a_window_that_does_not_have_the_focus(
        bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.focused = WindowInfo(2, "Inkorg – E-post", "mail", 0, 0, 800, 600)
    bot = Bot("b", steps=[TypeTextStep(text="19850709-9805", window_title=WINDOW.title)])
    result = play(bot, bot_folder, desktop)
    assert not result.succeeded
    assert desktop.actions == []
    assert result.reason is not None and "Inkorg" in result.reason
    assert desktop.released == 1


def test_parameters_fill_the_placeholders(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.focused = WINDOW
    bot = Bot("b", parameters=[Parameter("namn")],
              steps=[TypeTextStep(text="Namn: {{namn}}", window_title=WINDOW.title)])
    result = play(bot, bot_folder, desktop, values={"namn": "Åsa Öberg"})
    assert result.succeeded
    assert desktop.actions == [("type", "Namn: Åsa Öberg")]


def test_disabled_steps_are_skipped_and_logged_as_such(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    steps: list[Step] = [WaitStep(seconds=0, enabled=False),
                         click_on(anchor=None, points_are_fine=True)]
    result = play(Bot("b", steps=steps), bot_folder, desktop)
    assert [r.status for r in result.steps] == ["skipped", "succeeded"]


def keys(*names: str) -> list[Step]:
    return [KeyStep(id=name, key=name) for name in names]


def test_run_from_here_does_the_chosen_step_and_every_one_after_it(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    result = play(Bot("b", steps=keys("tab", "enter", "escape", "f1")), bot_folder, desktop,
                  only=range(2, 4))
    assert result.succeeded
    assert desktop.actions == [("key", "escape"), ("key", "f1")]
    assert [(r.index, r.step_id) for r in result.steps] == [(2, "escape"), (3, "f1")]


def test_run_these_steps_does_only_the_chosen_ones_in_the_bots_order(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    result = play(Bot("b", steps=keys("tab", "enter", "escape", "f1")), bot_folder, desktop,
                  only=[3, 1])
    assert result.succeeded
    assert desktop.actions == [("key", "enter"), ("key", "f1")]
    assert [r.index for r in result.steps] == [1, 3]


def test_a_chosen_step_the_bot_does_not_have_is_refused_before_anything_is_done(
        bot_folder: Path) -> None:
    desktop = FakeDesktop()
    with pytest.raises(ValueError, match="no step 5"):
        play(Bot("b", steps=keys("tab", "enter")), bot_folder, desktop, only=[1, 4])
    assert desktop.actions == []


def test_a_driver_error_fails_the_step_and_ends_the_run_cleanly(
        bot_folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.errors_expected = True  # type: ignore[attr-defined]
    desktop = FakeDesktop()

    def broken(x: int, y: int, button: str, clicks: int) -> None:
        raise OSError("the X server went away")

    desktop.click = broken  # type: ignore[method-assign]
    seen: list[str] = []

    class Listener:
        def start_run(self, bot: Bot, result: RunResult) -> None:
            seen.append("start")

        def start_step(self, step: Step, result: StepResult) -> None:
            pass

        def end_step(self, step: Step, result: StepResult) -> None:
            seen.append(result.status)

        def end_run(self, bot: Bot, result: RunResult) -> None:
            seen.append(result.status)

    result = play(Bot("b", steps=[click_on(anchor=None, points_are_fine=True),
                                  WaitStep(seconds=0)]), bot_folder,
                  desktop, listeners=[Listener()])
    assert result.status == "failed"
    assert result.reason is not None and "X server went away" in result.reason
    assert seen == ["start", "failed", "failed"]
    assert desktop.released == 1


def test_abort_stops_before_the_next_action(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    player = Player(Bot("b", steps=[click_on(anchor=None)]), bot_folder, desktop,
                    clock=Clock(), timeout_s=0.5)
    player.abort()
    result = player.run()
    assert result.status == "aborted"
    assert desktop.actions == []
    assert desktop.released == 1


# ------------------------------------------------------------------ waiting and asking

def anchored_click(folder: Path, seed: int = 5) -> tuple[ClickStep, GrayImage]:
    anchor = textured(64, 48, seed=seed)
    save_anchor(folder, "sok.png", anchor)
    return click_on(), anchor


def test_a_wait_step_waits_until_its_picture_appears(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    anchor = textured(64, 48, seed=9)
    save_anchor(bot_folder, "laddat.png", anchor)
    polls = 0
    original = desktop.locate

    def appearing(*args: object) -> Match | None:
        nonlocal polls
        polls += 1
        if polls == 3:
            desktop.paint(anchor, 500, 500)
        return original(*args)  # type: ignore[arg-type]

    desktop.locate = appearing  # type: ignore[method-assign]
    step = WaitStep(until="picture_appears",
                    target=Target(anchor="laddat.png", anchor_offset=Point(1, 1)))
    result = play(Bot("b", steps=[step]), bot_folder, desktop)
    assert result.succeeded and polls >= 3


def test_a_wait_for_a_window_that_never_comes_fails_with_its_title(bot_folder: Path) -> None:
    step = WaitStep(until="window", window_title="Beslut", timeout_s=0.3)
    result = play(Bot("b", steps=[step]), bot_folder, FakeDesktop())
    assert not result.succeeded
    assert result.reason is not None and "'Beslut'" in result.reason


def test_a_missing_picture_is_asked_about_and_retry_finds_it(bot_folder: Path) -> None:
    step, anchor = anchored_click(bot_folder)
    desktop = FakeDesktop()
    asked: list[Problem] = []

    def ask(problem: Problem) -> Decision:
        asked.append(problem)
        desktop.paint(anchor, 310, 210)  # the person brings the screen up, then says retry
        return Decision("retry")

    result = play(Bot("b", steps=[step]), bot_folder, desktop, ask=ask)
    assert result.succeeded
    assert [p.kind for p in asked] == ["target_not_found"]
    assert desktop.actions == [("click", 340, 230, "left", 1)]


@pytest.mark.parametrize(("answer", "status", "actions"), [
    ("skip", "succeeded", []),
    ("abort", "aborted", []),
    ("recorded_place", "succeeded", [("click", 340, 230, "left", 1)]),
])
def test_the_persons_answer_decides_what_happens(
        bot_folder: Path, answer: str, status: str, actions: list[object]) -> None:
    step, _ = anchored_click(bot_folder)
    desktop = FakeDesktop()
    result = play(Bot("b", steps=[step]), bot_folder, desktop,
                  ask=lambda problem: Decision(answer))  # type: ignore[arg-type]
    assert result.status == status
    assert desktop.actions == actions
    if answer == "skip":
        assert result.steps[0].status == "skipped"


@pytest.mark.parametrize("keep", [True, False])
def test_show_me_takes_a_new_picture_where_the_person_clicked_and_never_changes_the_bot(
        bot_folder: Path, keep: bool) -> None:
    step, _ = anchored_click(bot_folder)
    recorded = (step.target.anchor, step.target.anchor_offset)
    desktop = FakeDesktop()
    desktop.paint(textured(120, 80, seed=11), 700, 500)
    player = Player(Bot("b", steps=[step]), bot_folder, desktop, clock=Clock(), timeout_s=0.3,
                    ask=lambda problem: Decision("show_me", point=(760, 540), keep_picture=keep))
    player._pause = lambda seconds: None  # type: ignore[method-assign]
    result = player.run()
    assert result.succeeded
    assert desktop.actions == [("click", 760, 540, "left", 1)]
    assert result.steps[0].found_by == "shown"
    # What the robot learned comes back in the result; the bot it ran is as it was.
    assert (step.target.anchor, step.target.anchor_offset) == recorded
    if keep:
        [learned] = result.learned
        assert learned.step_id == step.id and learned.point == Point(760, 540)
    else:
        assert result.learned == []


def test_typing_waits_and_asks_when_another_window_has_the_focus(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.focused = WindowInfo(2, "Inkorg – E-post", "mail", 0, 0, 800, 600)

    def ask(problem: Problem) -> Decision:
        assert problem.kind == "wrong_window" and "Inkorg" in problem.message
        desktop.focused = WINDOW  # the person clicks the right window, then says retry
        return Decision("retry")

    bot = Bot("b", steps=[TypeTextStep(text="Lund", window_title=WINDOW.title)])
    result = play(bot, bot_folder, desktop, ask=ask)
    assert result.succeeded
    assert desktop.actions == [("type", "Lund")]


def test_a_step_can_paste_instead_of_typing(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    bot = Bot("b", steps=[TypeTextStep(text="Lång fritext", method="paste")])
    assert play(bot, bot_folder, desktop).succeeded
    assert desktop.actions == [("paste", "Lång fritext")]


def test_a_failed_step_keeps_a_screenshot_in_the_run_log(
        bot_folder: Path, robotfabrik_home: Path) -> None:
    desktop = FakeDesktop()
    desktop.focused = None
    bot = Bot("b", steps=[TypeTextStep(text="x", window_title=WINDOW.title, timeout_s=0.2)])
    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        result = play(bot, bot_folder, desktop, listeners=[RunLog(store, str(bot_folder), {})])
        [row] = store.step_results(result.run_id)
    assert row["status"] == "failed"
    screenshot = Path(str(row["screenshot"]))
    assert screenshot.read_bytes() == b"\x89PNG fake"
    assert robotfabrik_home in screenshot.parents


def test_an_abort_that_cuts_typing_off_is_a_stop_not_a_failure(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    player = Player(Bot("b", steps=[TypeTextStep(text="lång text")]), bot_folder, desktop,
                    clock=Clock(), timeout_s=0.5)

    def typing_cut_off(text: str) -> None:
        player.abort()
        raise RuntimeError("typing stopped")

    desktop.type_text = typing_cut_off  # type: ignore[method-assign]
    result = player.run()
    assert result.status == "aborted"
    assert result.steps[0].error == "stopped on request"


def test_a_look_alike_loading_screen_is_not_clicked_before_the_steps_window_shows(
        bot_folder: Path) -> None:
    step, anchor = anchored_click(bot_folder)
    desktop = FakeDesktop()
    desktop.paint(anchor, 310, 210)  # the header looks the same while the screen loads
    polls = 0
    original_find = desktop.find_window

    def loading_for_a_while(title: str) -> WindowInfo | None:
        nonlocal polls
        polls += 1
        if polls == 4:
            desktop.windows = [WINDOW]
        return original_find(title)

    desktop.find_window = loading_for_a_while  # type: ignore[method-assign]
    clicked_with_window: list[bool] = []
    original_click = desktop.click

    def click(x: int, y: int, button: str, clicks: int) -> None:
        clicked_with_window.append(bool(desktop.windows))
        original_click(x, y, button, clicks)

    desktop.click = click  # type: ignore[method-assign]
    result = play(Bot("b", steps=[step]), bot_folder, desktop, timeout_s=5.0)
    assert result.succeeded
    assert clicked_with_window == [True]


def test_a_picture_recorded_with_the_button_lit_up_is_found_by_resting_the_pointer_there(
        bot_folder: Path) -> None:
    step, anchor = anchored_click(bot_folder)
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    hovered_look = anchor
    plain_look = 255 - anchor
    expected_point = (WINDOW.x + 40, WINDOW.y + 30)
    original_locate = desktop.locate

    def looks_by_pointer(*args: object) -> Match | None:
        look = hovered_look if desktop.pointer_at == expected_point else plain_look
        desktop.paint(look, expected_point[0] - 30, expected_point[1] - 20)
        return original_locate(*args)  # type: ignore[arg-type]

    desktop.locate = looks_by_pointer  # type: ignore[method-assign]
    result = play(Bot("b", steps=[step]), bot_folder, desktop, timeout_s=5.0)
    assert result.succeeded and result.steps[0].found_by == "anchor"
    assert desktop.actions == [("click", *expected_point, "left", 1)]
    assert desktop.moves[0] == expected_point


class TreeDesktop(FakeDesktop):
    """A fake desktop whose windows also describe their elements (an accessibility tree)."""

    def __init__(self, elements: dict[str, tuple[int, int, int]]) -> None:
        super().__init__()
        # element id -> (x, y, score) the tree would find it at, in the window as it is now
        self.elements = elements
        self.asked: list[str] = []

    def find_element(self, selector: Selector, window: WindowInfo) -> FoundElement | None:
        self.asked.append(selector.element_id)
        if selector.element_id not in self.elements:
            return None
        x, y, score = self.elements[selector.element_id]
        info = ElementInfo(api="atspi", app="sandbox", window=window.title, role=selector.role,
                           name=selector.name, element_id=selector.element_id,
                           box=(x - 10, y - 5, 20, 10))
        return FoundElement(Point(x, y), score, info)


def click_on_element(element_id: str, anchor: str | None = "sok.png", *,
                     points_are_fine: bool = False) -> ClickStep:
    step = click_on(anchor, points_are_fine=points_are_fine)
    step.target.selector = Selector(api="atspi", role="push button", name="Sök",
                                    element_id=element_id)
    return step


def test_a_recorded_element_is_found_before_its_picture_and_the_log_says_so(
        bot_folder: Path) -> None:
    anchor = textured(64, 48, seed=3)
    save_anchor(bot_folder, "sok.png", anchor)
    desktop = TreeDesktop({"search_box.search": (905, 455, 116)})
    desktop.windows = [WINDOW]
    desktop.paint(anchor, 1200, 700)  # the picture is elsewhere: it was another button
    result = play(Bot("b", steps=[click_on_element("search_box.search")]), bot_folder, desktop)
    assert result.succeeded
    assert desktop.actions == [("click", 905, 455, "left", 1)]
    assert (result.steps[0].found_by, result.steps[0].score) == ("selector", 116.0)


def test_when_the_tree_cannot_name_the_element_the_picture_is_used(bot_folder: Path) -> None:
    anchor = textured(64, 48, seed=4)
    save_anchor(bot_folder, "sok.png", anchor)
    desktop = TreeDesktop({})
    desktop.windows = [WINDOW]
    desktop.paint(anchor, 1200, 700)
    result = play(Bot("b", steps=[click_on_element("gone")]), bot_folder, desktop)
    assert desktop.actions == [("click", 1230, 720, "left", 1)]
    assert result.steps[0].found_by in ("anchor", "anchor_screen")
    assert desktop.asked and set(desktop.asked) == {"gone"}


def test_a_selector_is_asked_for_only_in_the_steps_own_window(bot_folder: Path) -> None:
    desktop = TreeDesktop({"search_box.search": (905, 455, 116)})
    result = play(Bot("b", steps=[click_on_element("search_box.search", anchor=None,
                                                   points_are_fine=True)]),
                  bot_folder, desktop)
    # No window of that title: nothing to ask the tree about; the recorded point is used.
    assert desktop.asked == []
    assert result.steps[0].found_by == "absolute"


def test_drivers_without_a_tree_never_use_selectors(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    result = play(Bot("b", steps=[click_on_element("search_box.search", anchor=None,
                                                   points_are_fine=True)]),
                  bot_folder, desktop)
    assert result.steps[0].found_by == "window"


class FormDesktop(FakeDesktop):
    """A fake desktop whose focused window has text fields the tree can name and read."""

    def __init__(self, focused_id: str, *, takes_keys: bool = True) -> None:
        super().__init__()
        self.focused = WINDOW
        self.focused_id = focused_id
        self.texts: dict[str, str] = {}
        self.takes_keys = takes_keys

    def field(self, element_id: str, role: str = "text") -> ElementInfo:
        return ElementInfo(api="atspi", app="sandbox", window=WINDOW.title, role=role,
                           name="", element_id=element_id, labels=(element_id.title(),))

    def focused_field(self, selector: Selector, window: WindowInfo) -> FocusedField | None:
        element = self.field(self.focused_id, selector.role)
        return FocusedField(element, element.element_id == selector.element_id)

    def element_text(self, element: ElementInfo) -> str | None:
        return self.texts.get(element.element_id, "")

    def type_text(self, text: str) -> None:
        super().type_text(text)
        if self.takes_keys:
            self.texts[self.focused_id] = self.texts.get(self.focused_id, "") + text


def type_into(element_id: str, text: str, role: str = "text") -> TypeTextStep:
    return TypeTextStep(id="skriv", text=text, window_title=WINDOW.title, element=Selector(
        api="atspi", role=role, name="", element_id=element_id,
        labels=(element_id.title(),)))


def test_typing_into_the_recorded_field_is_read_back_and_logged_as_found_by_selector(
        bot_folder: Path) -> None:
    desktop = FormDesktop("hemkommun")
    result = play(Bot("b", steps=[type_into("hemkommun", "Växjö")]), bot_folder, desktop)
    assert result.succeeded
    assert desktop.texts == {"hemkommun": "Växjö"}
    assert result.steps[0].found_by == "selector"


def test_text_is_never_typed_into_another_field_than_the_recorded_one(bot_folder: Path) -> None:
    # A form that lost its "Hemkommun" field: Tab has taken the focus on to "Fritext".
    desktop = FormDesktop("fritext")
    result = play(Bot("b", steps=[type_into("hemkommun", "Växjö")]), bot_folder, desktop)
    assert result.status == "failed"
    assert desktop.actions == []
    assert result.reason is not None
    assert result.reason.startswith("step 1 (")
    assert "'Fritext'" in result.reason and "'Hemkommun'" in result.reason
    assert "nothing was typed" in result.reason


def test_an_attended_robot_asks_when_another_field_has_the_focus(bot_folder: Path) -> None:
    desktop = FormDesktop("fritext")
    asked: list[Problem] = []

    def ask(problem: Problem) -> Decision:
        asked.append(problem)
        desktop.focused_id = "hemkommun"  # the person clicks into the right field
        return Decision("retry")

    result = play(Bot("b", steps=[type_into("hemkommun", "Växjö")]), bot_folder, desktop,
                  ask=ask)
    assert [p.kind for p in asked] == ["wrong_field"]
    assert result.succeeded and desktop.texts == {"hemkommun": "Växjö"}


def test_text_that_does_not_show_in_its_field_fails_the_step_without_saying_the_text(
        bot_folder: Path) -> None:
    desktop = FormDesktop("pnr", takes_keys=False)
    bot = Bot("b", parameters=[Parameter("pnr", "personnummer")],
              steps=[type_into("pnr", "{{pnr}}")])
    result = play(bot, bot_folder, desktop, values={"pnr": "19850709-9805"})
    assert result.status == "failed"
    assert result.reason is not None and "does not show what was typed" in result.reason
    assert "13 characters typed; it holds 0" in result.reason
    assert "9805" not in result.reason


def test_a_secret_is_read_back_only_for_whether_something_arrived(bot_folder: Path) -> None:
    desktop = FormDesktop("losenord", takes_keys=False)
    bot = Bot("b", parameters=[Parameter("losenord", "secret")],
              steps=[type_into("losenord", "{{losenord}}", role="password text")])

    def bullets(text: str) -> None:
        FakeDesktop.type_text(desktop, text)
        desktop.texts["losenord"] = "•" * len(text)

    desktop.type_text = bullets  # type: ignore[method-assign]
    result = play(bot, bot_folder, desktop, values={"losenord": "sippa83vind"})
    assert result.succeeded
    desktop.type_text = lambda text: None  # type: ignore[method-assign]
    desktop.texts.clear()
    failed = play(bot, bot_folder, desktop, values={"losenord": "sippa83vind"})
    assert failed.status == "failed"
    assert failed.reason is not None and "sippa83vind" not in failed.reason


def test_where_the_tree_cannot_say_typing_goes_by_the_window_alone(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.focused = WINDOW
    result = play(Bot("b", steps=[type_into("hemkommun", "Växjö")]), bot_folder, desktop)
    assert result.succeeded and desktop.actions == [("type", "Växjö")]
    assert result.steps[0].found_by is None


class ShowingDesktop(TreeDesktop):
    """A tree that also names the element at a point a person shows."""

    def selector_at(self, x: int, y: int) -> Selector | None:
        return Selector(api="atspi", role="push button", name="Sök",
                        element_id="search_box.search_again", window=WINDOW.title)


def test_show_me_also_learns_the_element_shown_and_finds_it_by_name_next_time(
        bot_folder: Path) -> None:
    step, _ = anchored_click(bot_folder)
    desktop = ShowingDesktop({"search_box.search_again": (905, 455, 115)})
    desktop.windows = [WINDOW]
    desktop.paint(textured(120, 80, seed=11), 700, 500)
    asked: list[Problem] = []

    def ask(problem: Problem) -> Decision:
        asked.append(problem)
        return Decision("show_me", point=(760, 540), keep_picture=True)

    result = play(Bot("b", steps=[step, step]), bot_folder, desktop, ask=ask)
    assert result.succeeded and len(asked) == 1
    assert [r.found_by for r in result.steps] == ["shown", "selector"]
    assert desktop.actions[1] == ("click", 905, 455, "left", 1)
    [learned] = result.learned
    assert learned.selector is not None
    assert learned.selector.element_id == "search_box.search_again"


class DropDownDesktop(TreeDesktop):
    """A form with a drop-down whose chosen value the tree can read."""

    def __init__(self, chosen_after_click: str) -> None:
        super().__init__({"": (420, 380, 10)})
        self.windows = [WINDOW]
        self.chosen = frozenset({"Hyra"})
        self.chosen_after_click = chosen_after_click

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        super().click(x, y, button, clicks)
        self.chosen = frozenset({self.chosen_after_click})

    def chosen_names(self, window: WindowInfo) -> frozenset[str] | None:
        return self.chosen


def choose_option(name: str) -> ClickStep:
    step = click_on(anchor=None)
    step.target.selector = Selector(api="atspi", role="menu item", name=name,
                                    path=(("filler", 0), ("combo box", 2), ("menu", 0),
                                          ("menu item", 2)))
    return step


def test_an_option_chosen_is_read_back_from_its_drop_down(bot_folder: Path) -> None:
    result = play(Bot("b", steps=[choose_option("Mat")]), bot_folder, DropDownDesktop("Mat"))
    assert result.succeeded and result.steps[0].found_by == "selector"


def test_a_drop_down_that_does_not_show_the_option_fails_the_step(bot_folder: Path) -> None:
    desktop = DropDownDesktop("Hyra")  # the click closed the list on the old value
    result = play(Bot("b", steps=[choose_option("Mat")]), bot_folder, desktop)
    assert result.status == "failed"
    assert result.reason is not None
    assert "the drop-down does not show 'Mat' as chosen" in result.reason
