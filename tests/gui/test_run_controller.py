"""Running a bot from the studio, on a fake desktop: the worker thread, its signals, its questions,
stopping it, and what the studio window shows and keeps afterwards. No real display is used."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.core import paths
from app.core.model.bot import (
    Bot,
    ClickStep,
    KeyStep,
    Parameter,
    Point,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import load_bot, save_bot
from app.core.platform.desktop import WindowInfo
from app.core.results.outcome import RunResult, StepResult
from app.core.running.player import Decision, Problem
from app.core.running.safety import Abortable, Releasing
from app.core.store import Store
from app.core.vision.locate import GrayImage, Match
from app.gui import run_controller
from app.gui.qt import Qt, QtCore, QtWidgets
from app.gui.run_controller import OwnWindow, RunController
from app.gui.run_dialogs import ParameterForm, ProblemDialog
from app.gui.studio import StudioWindow

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]

WINDOW = "Procapita"


class FakeDrivers:
    """A desktop that finds no pictures, records what is done and on which thread."""

    def __init__(self) -> None:
        self.made_on = threading.current_thread()
        self.actions: list[tuple[object, ...]] = []
        self.threads: set[threading.Thread] = set()
        self.closed_on: threading.Thread | None = None
        self.clicked_at: tuple[int, int] | None = (640, 360)

    def _did(self, *action: object) -> None:
        self.threads.add(threading.current_thread())
        self.actions.append(action)

    def screen_size(self) -> tuple[int, int]:
        return 1280, 720

    def locate(self, anchor: GrayImage, expected_corner: tuple[int, int] | None,
               threshold: float) -> Match | None:
        self.threads.add(threading.current_thread())
        return None

    def grab_region(self, left: int, top: int, width: int, height: int) -> Any:
        return np.random.default_rng(7).integers(0, 255, (height, width, 3), dtype=np.uint8)

    def screenshot_png(self) -> bytes:
        return picture_png()

    def pointer(self) -> tuple[int, int]:
        return 5, 5

    def move_pointer(self, x: int, y: int) -> None:
        # Only looking for a picture; not an action the tests count.
        self.threads.add(threading.current_thread())

    def click(self, x: int, y: int, button: str, clicks: int) -> None:
        self._did("click", x, y)

    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> None:
        self._did("drag", start, end)

    def scroll(self, x: int, y: int, dx: int, dy: int) -> None:
        self._did("scroll", x, y)

    def type_text(self, text: str) -> None:
        self._did("type", text)

    def paste_text(self, text: str) -> None:
        self._did("paste", text)

    def press_key(self, key: str) -> None:
        self._did("key", key)

    def hotkey(self, keys: list[str]) -> None:
        self._did("hotkey", *keys)

    def find_window(self, title: str) -> WindowInfo | None:
        return None

    def focused_window(self) -> WindowInfo | None:
        return None

    def release_all(self) -> None:
        pass

    def close(self) -> None:
        self.closed_on = threading.current_thread()

    def wait_for_click(self, timeout: float) -> tuple[int, int] | None:
        return self.clicked_at


class Desk:
    """Makes the fake drivers for a controller and keeps them for the test to look at."""

    def __init__(self) -> None:
        self.drivers: FakeDrivers | None = None
        self.guarded: list[Abortable] = []

    def make(self) -> FakeDrivers:
        self.drivers = FakeDrivers()
        return self.drivers

    def guard(self, player: Abortable, drivers: Releasing) -> contextlib.AbstractContextManager[
            object]:
        # No global hotkey listener in a unit test; what the hotkey would stop is recorded.
        self.guarded.append(player)
        return contextlib.nullcontext()

    def controller(self, bot: Bot, folder: Path, values: dict[str, str] | None = None,
                   **options: Any) -> RunController:
        options.setdefault("timeout_s", 0.3)
        return RunController(bot, folder, values, drivers_factory=self.make, guard=self.guard,
                             **options)


@pytest.fixture
def desk() -> Desk:
    return Desk()


def textured(width: int, height: int) -> GrayImage:
    return np.random.default_rng(3).integers(0, 255, (height, width), dtype=np.uint8)


def picture_png() -> bytes:
    ok, data = cv2.imencode(".png", textured(60, 24))
    assert ok
    return bytes(data.tobytes())


def plain_bot() -> Bot:
    return Bot(name="Frånvaro", parameters=[Parameter("pnr", "personnummer", "Personnummer"),
                                            Parameter("losen", "secret", "Lösenord")],
               steps=[ClickStep(id="falt", target=Target(absolute=Point(100, 200)),
                                points_are_fine=True),
                      TypeTextStep(id="skriv", text="{{pnr}}"),
                      KeyStep(id="enter", key="enter")])


def bot_with_picture() -> Bot:
    return Bot(name="Sök ärende", steps=[
        ClickStep(id="sok", target=Target(absolute=Point(50, 60), anchor="sok.png",
                                          anchor_offset=Point(5, 5))),
        KeyStep(id="enter", key="enter"),
    ])


def saved(folder: Path, bot: Bot) -> Path:
    save_bot(bot, folder, {"sok.png": picture_png()} if bot.pictures() else None)
    return folder


VALUES = {"pnr": "19811218-9876", "losen": "Hemligt-123"}


def run_and_wait(qtbot: QtBot, controller: RunController, timeout: int = 5000) -> RunResult:
    with qtbot.waitSignal(controller.run_finished, timeout=timeout) as finished:
        controller.start()
    result: RunResult = finished.args[0]
    return result


# ---------------------------------------------------------------- the controller


def test_the_news_of_a_run_arrives_on_the_gui_thread_in_order(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    controller = desk.controller(plain_bot(), saved(tmp_path / "bot", plain_bot()), VALUES)
    heard: list[tuple[str, object, bool]] = []

    def listen(name: str) -> Callable[[object], None]:
        def record(item: object) -> None:
            index = item.index if isinstance(item, StepResult) else getattr(item, "status", None)
            heard.append((name, index, threading.current_thread() is threading.main_thread()))
        return record

    for name in ("step_started", "step_finished", "run_finished"):
        getattr(controller, name).connect(listen(name))
    result = run_and_wait(qtbot, controller)

    assert result.status == "succeeded"
    assert [(name, index) for name, index, _ in heard] == [
        ("step_started", 0), ("step_finished", 0), ("step_started", 1), ("step_finished", 1),
        ("step_started", 2), ("step_finished", 2), ("run_finished", "succeeded")]
    assert all(on_gui_thread for _, _, on_gui_thread in heard)
    drivers = desk.drivers
    assert drivers is not None
    assert drivers.actions == [("click", 100, 200), ("type", "19811218-9876"), ("key", "enter")]
    # Made, used and closed on the worker: mss works only in the thread that opened it.
    assert drivers.made_on is not threading.main_thread()
    assert drivers.threads == {drivers.made_on} and drivers.closed_on is drivers.made_on
    assert not controller.is_running()


def test_the_run_is_logged_without_the_password(qtbot: QtBot, desk: Desk,
                                                tmp_path: Path) -> None:
    controller = desk.controller(plain_bot(), saved(tmp_path / "bot", plain_bot()), VALUES)
    result = run_and_wait(qtbot, controller)
    with Store.open_default() as store:
        run = store.run(result.run_id)
        steps = store.step_results(result.run_id)
    assert run is not None and run["status"] == "succeeded"
    logged = json.loads(run["parameters_json"])
    assert logged["pnr"] == "19811218-9876"
    assert logged["losen"] != "Hemligt-123"
    assert "Hemligt-123" not in json.dumps(dict(run), default=str)
    assert [row["status"] for row in steps] == ["succeeded"] * 3


def test_a_question_holds_the_robot_until_it_is_answered(qtbot: QtBot, desk: Desk,
                                                         tmp_path: Path) -> None:
    folder = saved(tmp_path / "bot", bot_with_picture())
    controller = desk.controller(bot_with_picture(), folder)
    asked: list[Problem] = []
    controller.problem_asked.connect(asked.append)
    finished: list[RunResult] = []
    controller.run_finished.connect(finished.append)
    found: list[StepResult] = []
    controller.step_finished.connect(found.append)

    controller.start()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0].kind == "target_not_found" and asked[0].index == 0
    assert controller.pending_problem is asked[0]
    qtbot.wait(300)
    assert desk.drivers is not None and desk.drivers.actions == []
    assert not finished

    controller.answer(Decision("recorded_place"))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert finished[0].status == "succeeded"
    assert desk.drivers.actions[0] == ("click", 50, 60)
    assert found[0].found_by == "confirmed"
    assert controller.pending_problem is None


def test_the_stop_hotkey_lets_go_of_an_open_question(qtbot: QtBot, desk: Desk,
                                                    tmp_path: Path) -> None:
    folder = saved(tmp_path / "bot", bot_with_picture())
    controller = desk.controller(bot_with_picture(), folder)
    asked: list[Problem] = []
    controller.problem_asked.connect(asked.append)
    controller.start()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)

    # The guard around the run was given the run itself (never the Qt object, which must not
    # be touched from the hotkey's thread): the hotkey stops through it.
    [guarded] = desk.guarded
    assert guarded is not controller and callable(guarded.abort)
    order: list[str] = []
    controller.question_withdrawn.connect(lambda: order.append("withdrawn"))
    controller.run_finished.connect(lambda result: order.append("finished"))
    with qtbot.waitSignal(controller.run_finished, timeout=5000):
        threading.Thread(target=desk.guarded[0].abort).start()
    result = controller.result
    assert result is not None and result.status == "aborted"
    assert order == ["withdrawn", "finished"]
    assert desk.drivers is not None and desk.drivers.actions == []


def test_stop_ends_a_long_wait_at_once(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    bot = Bot(name="Vänta", steps=[WaitStep(id="lang", seconds=60), KeyStep(id="enter")])
    controller = desk.controller(bot, saved(tmp_path / "bot", bot))
    with qtbot.waitSignal(controller.step_started, timeout=5000):
        controller.start()
    with qtbot.waitSignal(controller.run_finished, timeout=3000) as finished:
        controller.abort()
    result: RunResult = finished.args[0]
    assert result.status == "aborted"
    assert result.steps[0].error == "stopped on request"
    assert desk.drivers is not None and desk.drivers.actions == []


def test_stop_before_the_worker_starts_runs_nothing(qtbot: QtBot, desk: Desk,
                                                    tmp_path: Path) -> None:
    controller = desk.controller(plain_bot(), saved(tmp_path / "bot", plain_bot()), VALUES)
    controller.abort()
    result = run_and_wait(qtbot, controller)
    assert result.status == "aborted"
    assert desk.drivers is not None and desk.drivers.actions == []


def test_drivers_that_cannot_start_end_the_run_with_the_reason(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    def no_display() -> FakeDrivers:
        raise OSError("no display :81")

    controller = RunController(plain_bot(), saved(tmp_path / "bot", plain_bot()), VALUES,
                               drivers_factory=no_display)
    result = run_and_wait(qtbot, controller)
    assert result.status == "failed"
    assert result.reason == "no display :81"


def test_the_studio_bot_is_not_changed_by_a_picture_shown_during_the_run(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    bot = bot_with_picture()
    controller = desk.controller(bot, saved(tmp_path / "bot", bot))
    controller.problem_asked.connect(
        lambda problem: controller.answer(Decision("show_me", point=(300, 300),
                                                   keep_picture=True)))
    result = run_and_wait(qtbot, controller)
    assert result.status == "succeeded"
    assert bot.steps[0].target.anchor == "sok.png"  # type: ignore[attr-defined]
    assert [item.step_id for item in controller.learned] == ["sok"]


# ---------------------------------------------------------------- the studio


@pytest.fixture
def studio(qtbot: QtBot, desk: Desk, examples_dir: Path) -> StudioWindow:
    window = StudioWindow()
    qtbot.addWidget(window)
    window.ask_about_unsaved_changes = lambda name: "discard"  # type: ignore[method-assign]
    window.controller_factory = functools.partial(desk.controller)
    window.show()
    return window


def show(window: StudioWindow, folder: Path) -> bool:
    """Select a bot saved after the window was opened, as Refresh (F5) would find it."""
    window.refresh()
    return window.select_bot(folder)


def finish_run(qtbot: QtBot, window: StudioWindow) -> RunResult:
    controller = window.controller
    assert controller is not None
    # Generous: on a loaded machine the robot's thread and the studio's return take a while.
    qtbot.waitUntil(lambda: controller.result is not None, timeout=15000)
    assert controller.result is not None
    return controller.result


def test_run_asks_for_the_parameters_then_runs_and_shows_each_result(
        qtbot: QtBot, studio: StudioWindow, desk: Desk) -> None:
    folder = saved(paths.library_dir() / "franvaro", plain_bot())
    assert show(studio, folder)
    states: list[bool] = []

    studio.run_action.trigger()
    form = studio.parameter_form
    assert isinstance(form, ParameterForm) and form.isVisible()
    form.set_value("pnr", VALUES["pnr"])
    form.set_value("losen", VALUES["losen"])
    form.accept()
    assert studio.controller is not None
    studio.controller.step_started.connect(lambda result: states.append(studio.isVisible()))
    assert studio.stop_action.isEnabled() and not studio.run_action.isEnabled()
    result = finish_run(qtbot, studio)

    assert result.status == "succeeded"
    # Out of the robot's way while it works (hidden, not merely minimised), back after.
    assert states == [False, False, False]
    assert studio.isVisible() and not studio.isMinimized()
    assert studio.run_status_label.text().startswith("Klar: 3 steg på ")
    model = studio.step_table.model()
    column = studio.results_model.result_column()
    assert not studio.step_table.isColumnHidden(column)
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Resultat"
    assert [model.index(row, column).data() for row in range(3)] == [
        "Klart – med sin plats på skärmen", "Klart", "Klart"]
    assert not studio.stop_action.isEnabled() and studio.run_action.isEnabled()
    assert desk.drivers is not None
    assert desk.drivers.actions == [("click", 100, 200), ("type", VALUES["pnr"]),
                                    ("key", "enter")]


def test_f5_runs_a_bot_without_parameters_at_once(qtbot: QtBot,
                                                 studio: StudioWindow) -> None:
    bot = Bot(name="Tryck", steps=[KeyStep(id="enter")])
    assert show(studio, saved(paths.library_dir() / "tryck", bot))
    assert studio.run_action.shortcut().toString() == "F5"
    studio.run_action.trigger()
    assert studio.parameter_form is None
    assert finish_run(qtbot, studio).status == "succeeded"


def test_a_failed_step_is_marked_and_named_in_the_status_line(
        qtbot: QtBot, studio: StudioWindow) -> None:
    bot = Bot(name="Saknas", steps=[KeyStep(id="enter"),
                                    ClickStep(id="ingenstans", points_are_fine=True,
                                              target=Target(window_title=WINDOW,
                                                            window_point=Point(5, 5)))])
    assert show(studio, saved(paths.library_dir() / "saknas", bot))
    studio.run_action.trigger()
    assert finish_run(qtbot, studio).status == "failed"
    # The studio shows the end of the run once it is back on the screen, a moment after the
    # result: wait for what a person would see.
    qtbot.waitUntil(lambda: studio.run.failed_step_dialog is not None
                    and studio.run.failed_step_dialog.isVisible(), timeout=5000)
    text = studio.run_status_label.text()
    assert text.startswith("Misslyckades vid steg 2: ")
    column = studio.results_model.result_column()
    failed = studio.step_table.model().index(1, column)
    assert failed.data() == "Misslyckades"
    assert failed.data(Qt.ItemDataRole.ToolTipRole) == "the target was not found on the screen"
    # The failed step is selected, and its error and the screen at that moment are shown.
    assert [index.row() for index in studio.step_table.selectionModel().selectedRows()] == [1]
    assert studio.property_panel.result_box.isVisibleTo(studio.property_panel)
    dialog = studio.run.failed_step_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.error_label.text() == "the target was not found on the screen"
    assert dialog.has_screenshot()
    dialog.close()


def test_the_stop_button_stops_the_robot(qtbot: QtBot, studio: StudioWindow) -> None:
    bot = Bot(name="Vänta", steps=[WaitStep(id="lang", seconds=60)])
    assert show(studio, saved(paths.library_dir() / "vanta", bot))
    studio.run_action.trigger()
    assert studio.controller is not None and studio.run_panel is not None
    with qtbot.waitSignal(studio.controller.step_started, timeout=5000):
        pass
    qtbot.mouseClick(studio.run_panel.stop_button, Qt.MouseButton.LeftButton)
    assert finish_run(qtbot, studio).status == "aborted"
    assert studio.run_status_label.text() == "Stoppad vid steg 1."
    assert studio.run_panel is None


def answer_problem(qtbot: QtBot, window: StudioWindow, answer: str,
                   keep: str | None = None) -> None:
    qtbot.waitUntil(lambda: window.problem_dialog is not None, timeout=5000)
    dialog = window.problem_dialog
    assert isinstance(dialog, ProblemDialog) and dialog.isVisible()
    if keep is not None:
        def click_keep() -> None:
            box = dialog.keep_question
            assert box is not None
            next(b for b in box.buttons() if b.text() == keep).click()
        QtCore.QTimer.singleShot(50, click_keep)
    qtbot.mouseClick(dialog.buttons[answer], Qt.MouseButton.LeftButton)  # type: ignore[index]


def test_a_picture_shown_during_the_run_is_saved_in_the_bot_when_wanted(
        qtbot: QtBot, studio: StudioWindow) -> None:
    folder = saved(paths.library_dir() / "sok", bot_with_picture())
    assert show(studio, folder)
    studio.run_action.trigger()
    answer_problem(qtbot, studio, "show_me", keep="Ja")
    assert finish_run(qtbot, studio).status == "succeeded"

    kept = load_bot(folder)
    assert kept.steps[0].target.anchor == "shown-sok.png"  # type: ignore[attr-defined]
    assert (folder / "images" / "shown-sok.png").is_file()
    assert not studio.is_modified()


def test_an_example_offers_a_copy_for_the_pictures_it_learned(
        qtbot: QtBot, studio: StudioWindow, examples_dir: Path) -> None:
    folder = saved(examples_dir / "sok", bot_with_picture())
    assert show(studio, folder)
    studio.run_action.trigger()
    answer_problem(qtbot, studio, "show_me", keep="Ja")
    finish_run(qtbot, studio)
    box = studio.learned_question
    assert box is not None and box.isVisible()
    assert [b.text() for b in box.buttons()] == ["Spara en kopia", "Spara inte"]
    next(b for b in box.buttons() if b.text() == "Spara en kopia").click()

    copy = paths.library_dir() / "sok"
    assert load_bot(copy).steps[0].target.anchor == "shown-sok.png"  # type: ignore[attr-defined]
    assert load_bot(folder).steps[0].target.anchor == "sok.png"  # type: ignore[attr-defined]
    entry = studio.current_entry()
    assert entry is not None and entry.folder == copy


def test_skipping_a_step_from_the_question_goes_on(qtbot: QtBot,
                                                   studio: StudioWindow) -> None:
    folder = saved(paths.library_dir() / "sok", bot_with_picture())
    assert show(studio, folder)
    studio.run_action.trigger()
    answer_problem(qtbot, studio, "skip")
    assert finish_run(qtbot, studio).status == "succeeded"
    column = studio.results_model.result_column()
    assert studio.step_table.model().index(0, column).data() == "Överhoppat"
    assert load_bot(folder).steps[0].target.anchor == "sok.png"  # type: ignore[attr-defined]


def test_the_results_model_keeps_to_the_model_rules(qtbot: QtBot, qtmodeltester: Any,
                                                    studio: StudioWindow) -> None:
    folder = saved(paths.library_dir() / "franvaro", plain_bot())
    assert show(studio, folder)
    model = studio.results_model
    model.start_step(StepResult("run", "falt", 0, "click"))
    model.finish_step(StepResult("run", "falt", 0, "click", found_by="anchor", score=0.987))
    assert model.index(0, model.result_column()).data() == "Klart – med sin bild (0,99)"
    qtmodeltester.check(model, force_py=True)


def test_a_closed_question_widget_is_not_left_behind(qtbot: QtBot, studio: StudioWindow) -> None:
    folder = saved(paths.library_dir() / "sok", bot_with_picture())
    assert show(studio, folder)
    studio.run_action.trigger()
    answer_problem(qtbot, studio, "abort")
    assert finish_run(qtbot, studio).status == "aborted"
    qtbot.waitUntil(lambda: not any(
        isinstance(widget, ProblemDialog) and widget.isVisible()
        for widget in QtWidgets.QApplication.topLevelWidgets()))


# ---------------------------------------------------------------- some of the steps, many cases


def four_keys() -> Bot:
    return Bot(name="Tangenter", steps=[KeyStep(id=key, key=key)
                                        for key in ("tab", "enter", "escape", "f1")])


def select_rows(window: StudioWindow, *rows: int) -> None:
    table = window.step_table
    table.clearSelection()
    flags = QtCore.QItemSelectionModel.SelectionFlag
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0),
                                      flags.Select | flags.Rows)


def test_run_from_here_runs_from_the_selected_step_to_the_end(
        qtbot: QtBot, studio: StudioWindow, desk: Desk) -> None:
    assert show(studio, saved(paths.library_dir() / "tangenter", four_keys()))
    select_rows(studio, 2)
    assert studio.run_from_here_action.shortcut().toString() == "Shift+F5"
    studio.run_from_here_action.trigger()
    result = finish_run(qtbot, studio)
    assert result.succeeded
    assert desk.drivers is not None
    assert desk.drivers.actions == [("key", "escape"), ("key", "f1")]
    column = studio.results_model.result_column()
    assert [studio.step_table.model().index(row, column).data() for row in range(4)] == [
        None, None, "Klart", "Klart"]


def test_run_this_step_runs_only_the_selected_steps(
        qtbot: QtBot, studio: StudioWindow, desk: Desk) -> None:
    assert show(studio, saved(paths.library_dir() / "tangenter", four_keys()))
    select_rows(studio, 3, 0)
    studio.run_step_action.trigger()
    assert finish_run(qtbot, studio).succeeded
    assert desk.drivers is not None
    assert desk.drivers.actions == [("key", "tab"), ("key", "f1")]


def test_run_from_here_still_asks_for_the_parameters_first(
        qtbot: QtBot, studio: StudioWindow, desk: Desk) -> None:
    assert show(studio, saved(paths.library_dir() / "franvaro", plain_bot()))
    select_rows(studio, 1)
    studio.run_from_here_action.trigger()
    form = studio.parameter_form
    assert form is not None and form.isVisible()
    form.set_value("pnr", VALUES["pnr"])
    form.set_value("losen", VALUES["losen"])
    form.accept()
    assert finish_run(qtbot, studio).succeeded
    assert desk.drivers is not None
    assert desk.drivers.actions == [("type", VALUES["pnr"]), ("key", "enter")]


def data_bot() -> Bot:
    return Bot(name="Ansökningar", parameters=[Parameter("namn"),
                                               Parameter("belopp", "number", "Belopp"),
                                               Parameter("losen", "secret", "Lösenord")],
               steps=[TypeTextStep(id="losen", text="{{losen}}"),
                      TypeTextStep(id="namn", text="{{namn}}"),
                      TypeTextStep(id="belopp", text="{{belopp}}")])


def test_a_data_file_runs_once_per_good_row_after_asking_for_the_password(
        qtbot: QtBot, studio: StudioWindow, desk: Desk, tmp_path: Path) -> None:
    assert show(studio, saved(paths.library_dir() / "ansokningar", data_bot()))
    data = tmp_path / "fall.csv"
    data.write_bytes("namn;belopp\r\nÅsa Öberg;4 500,00\r\nBo Ek;mycket\r\nEva Lund;120\r\n"
                     .encode("cp1252"))
    studio.run.start_with_data_file(data)
    form = studio.parameter_form
    assert form is not None and [p.name for p in form.parameters] == ["losen"]
    form.set_value("losen", "hemligt")
    form.accept()
    summary = studio.run.data_summary
    assert summary is not None and summary.isVisible()
    assert "2" in summary.heading_label.text()
    assert summary.problem_list.toPlainText().startswith("row 3: column belopp")
    assert summary.run_button.text() == "Kör 2 fall"
    summary.accept()
    assert studio.run_panel is not None
    finish_run(qtbot, studio)
    assert desk.drivers is not None
    assert [action[1] for action in desk.drivers.actions] == [
        "hemligt", "Åsa Öberg", "4500,00", "hemligt", "Eva Lund", "120"]
    assert studio.run_status_label.text() == "2 fall: klara: 2"


def test_a_data_file_without_a_needed_column_is_refused_and_nothing_runs(
        qtbot: QtBot, studio: StudioWindow, desk: Desk, tmp_path: Path) -> None:
    assert show(studio, saved(paths.library_dir() / "ansokningar", data_bot()))
    data = tmp_path / "fall.csv"
    data.write_text("namn\nÅsa Öberg\n", encoding="utf-8")
    studio.run.start_with_data_file(data)
    box = studio.message_box
    assert box is not None and box.isVisible()
    assert "no column for belopp" in box.text() and "fall.csv" in box.text()
    assert studio.controller is None and desk.drivers is None
    box.close()


def test_the_stop_action_stops_the_robot(qtbot: QtBot, studio: StudioWindow) -> None:
    bot = Bot(name="Vänta", steps=[WaitStep(id="lang", seconds=60)])
    assert show(studio, saved(paths.library_dir() / "vanta", bot))
    studio.run_action.trigger()
    assert studio.controller is not None
    with qtbot.waitSignal(studio.controller.step_started, timeout=5000):
        pass
    assert studio.stop_action.isEnabled()
    studio.stop_action.trigger()
    assert finish_run(qtbot, studio).status == "aborted"
    assert studio.isVisible()
    # A stop the person asked for is no failure to explain.
    assert studio.run.failed_step_dialog is None
    column = studio.results_model.result_column()
    assert studio.step_table.model().index(0, column).data() == "Stoppad här"


def test_the_global_stop_hotkey_stops_the_robot_and_brings_the_studio_back(
        qtbot: QtBot, studio: StudioWindow, desk: Desk) -> None:
    bot = Bot(name="Vänta", steps=[WaitStep(id="lang", seconds=60)])
    assert show(studio, saved(paths.library_dir() / "vanta", bot))
    studio.run_action.trigger()
    assert studio.controller is not None
    with qtbot.waitSignal(studio.controller.step_started, timeout=5000):
        pass
    # The safety stop calls what it was given from its own listener thread.
    [stop_target] = desk.guarded
    threading.Thread(target=stop_target.abort).start()
    assert finish_run(qtbot, studio).status == "aborted"
    assert studio.isVisible() and studio.run_panel is None
    assert studio.run_status_label.text() == "Stoppad vid steg 1."


# ---------------------------------------------------------------- out of the robot's way


class Screen:
    """The window system's list of visible windows, with the studio's leaving it late."""

    def __init__(self, leaves_after: int | None) -> None:
        self.leaves_after = leaves_after
        self.looks = 0
        self.closed = False

    def finder(self) -> tuple[Callable[[str], list[WindowInfo]], Callable[[], None]]:
        def find(title: str) -> list[WindowInfo]:
            self.looks += 1
            if self.leaves_after is not None and self.looks > self.leaves_after:
                return []
            return [WindowInfo(own, title, "robotfabrik", 200, 150, 1000, 700) for own in (77, 78)]

        def close() -> None:
            self.closed = True

        return find, close


def test_the_robot_starts_only_once_the_studio_has_left_the_screen(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    screen = Screen(leaves_after=5)
    bot = Bot(name="Tryck", steps=[KeyStep(id="enter")])
    controller = desk.controller(bot, saved(tmp_path / "bot", bot), window_finder=screen.finder)
    with qtbot.waitSignal(controller.run_finished, timeout=5000) as finished:
        controller.start([OwnWindow(77, "Robotfabrik")])
    assert finished.args[0].succeeded
    assert screen.looks == 6 and screen.closed


def test_a_studio_that_stays_on_the_screen_is_never_clicked_on(
        qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_controller, "OFF_SCREEN_TIMEOUT_S", 0.2)
    screen = Screen(leaves_after=None)
    bot = Bot(name="Tryck", steps=[KeyStep(id="enter")])
    controller = desk.controller(bot, saved(tmp_path / "bot", bot), window_finder=screen.finder)
    with qtbot.waitSignal(controller.run_finished, timeout=5000) as finished:
        controller.start([OwnWindow(77, "Robotfabrik")])
    result: RunResult = finished.args[0]
    assert result.status == "failed" and "did not leave the screen" in (result.reason or "")
    assert desk.drivers is not None and desk.drivers.actions == []


def test_after_an_answer_the_robot_looks_again_only_once_the_question_is_gone(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    screen = Screen(leaves_after=3)
    folder = saved(tmp_path / "bot", bot_with_picture())
    controller = desk.controller(bot_with_picture(), folder, window_finder=screen.finder)
    controller.problem_asked.connect(lambda problem: controller.answer(
        Decision("skip"), [OwnWindow(78, "Roboten behöver din hjälp")]))
    result = run_and_wait(qtbot, controller)
    assert result.succeeded
    assert screen.looks == 4
