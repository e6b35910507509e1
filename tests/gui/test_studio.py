"""The studio's main window, driven the way a caseworker uses it: pick a bot, read its steps."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from app.core.model.bot import (
    Bot,
    ClickStep,
    KeyStep,
    LearnedAnchor,
    Parameter,
    Point,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import load_bot, save_bot
from app.core.model.library import swedish_sort_key
from app.core.results.outcome import RunResult, RunStatus, StepResult
from app.core.running.player import Decision, Problem
from app.gui import i18n
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.gui.step_model import Column
from app.gui.studio import StudioWindow
from tools.translations import catalogue

WINDOW = "Procapita – Ekonomiskt bistånd"

# The offscreen platform says this whenever a shown window's size limits change; on a real
# display nothing is wrong.
pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("swedish")]


def png() -> bytes:
    image = QtGui.QImage(80, 30, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor("#dfe6f0"))
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def application_bot() -> Bot:
    return Bot(
        name="Ekonomiskt bistånd",
        description="Flyttar ansökan från e-tjänsten till verksamhetssystemet.",
        parameters=[Parameter("pnr", "personnummer", "Sökandens personnummer"),
                    Parameter("datum", "date", "Ansökningsdatum")],
        steps=[
            ClickStep(id="sok", target=Target(window_title=WINDOW, window_point=Point(5, 6),
                                              anchor="sok.png", anchor_offset=Point(10, 10)),
                      think_time_s=2.5),
            TypeTextStep(id="pnr", text="{{pnr}}", window_title=WINDOW),
            KeyStep(id="enter", key="enter", window_title=WINDOW),
            WaitStep(id="vanta", seconds=1.5),
        ],
    )


def save_in(root: Path, folder: str, bot: Bot) -> Path:
    path = root / folder
    save_bot(bot, path, {"sok.png": png()} if bot.pictures() else None)
    return path


def list_texts(window: StudioWindow) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for top in range(window.bot_list.topLevelItemCount()):
        heading = window.bot_list.topLevelItem(top)
        assert heading is not None
        children = [heading.child(row) for row in range(heading.childCount())]
        groups[heading.text(0)] = [child.text(0) for child in children if child is not None]
    return groups


def table_column(window: StudioWindow, which: Column) -> list[object]:
    model = window.step_table.model()
    return [model.index(row, which).data() for row in range(model.rowCount())]


def test_the_window_is_the_studio(make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    assert window.windowTitle() == "Robotfabrik"
    assert window.size() == QtCore.QSize(1400, 860)
    assert window.step_count_label.text() == "Ingen robot vald"
    assert not window.run_action.isEnabled()


def test_bots_are_listed_in_groups(make_window: Callable[[], StudioWindow], library: Path,
                                   examples_dir: Path) -> None:
    save_in(library, "ekonomiskt-bistand", application_bot())
    save_in(library, "avsluta", Bot(name="Avsluta timanställning", steps=[WaitStep()]))
    save_in(examples_dir, "exempel", Bot(name="Övningsrobot", steps=[WaitStep()]))
    (library / "inte-en-robot").mkdir(parents=True)
    window = make_window()
    assert list_texts(window) == {
        "Mina robotar": ["Avsluta timanställning", "Ekonomiskt bistånd"],
        "Exempel": ["Övningsrobot"],
    }


bot_names = st.text(st.sampled_from("abcdeovwxyzåäöABEOVWZÅÄÖéüæøÉÜÆØ0129 -_."), max_size=8)


@settings(max_examples=300, deadline=None)
@given(first=bot_names, second=bot_names)
def test_the_list_keeps_the_order_qt_gave_a_swedish_reader(first: str, second: str) -> None:
    # The list used Qt's collator (Swedish, case ignored, numbers by value) before the order
    # moved into the core; whatever it told apart must stay in the same order.
    collator = QtCore.QCollator(QtCore.QLocale(QtCore.QLocale.Language.Swedish))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    qt_says = collator.compare(first, second)
    if qt_says != 0:
        assert (swedish_sort_key(first) < swedish_sort_key(second)) == (qt_says < 0)


def test_empty_groups_say_so(make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    assert list_texts(window) == {"Mina robotar": ["Inga robotar ännu"],
                                  "Exempel": ["Inga exempel"]}
    assert "Spela in" in window.empty_label.text()


def test_selecting_a_bot_shows_its_steps_in_swedish(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    assert window.select_bot(folder)
    assert window.name_label.text() == "Ekonomiskt bistånd"
    assert "e-tjänsten" in window.description_label.text()
    assert window.step_table.isVisible()
    assert not window.error_panel.isVisible()
    assert table_column(window, Column.KIND) == ["Klick", "Skriv text", "Tangent", "Vänta"]
    assert table_column(window, Column.VALUE) == ["", "{{pnr}}", "Enter", "1,5 s"]
    assert table_column(window, Column.THINK_TIME)[0] == "2,5 s"
    assert table_column(window, Column.DESCRIPTION) == [
        f"Klicka i {WINDOW}", f"Skriv i {WINDOW}", f"Tryck Enter i {WINDOW}", "Vänta 1,5 s"]
    picture = window.step_table.model().index(0, Column.PICTURE).data(
        Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QtGui.QPixmap) and not picture.isNull()
    assert window.step_count_label.text() == "4 steg"
    assert window.run_action.isEnabled()


def test_selecting_a_bot_by_clicking_the_list(qtbot: QtBot,
                                              make_window: Callable[[], StudioWindow],
                                              library: Path) -> None:
    save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    item = window.bot_list.findItems("Ekonomiskt bistånd", Qt.MatchFlag.MatchRecursive)[0]
    rect = window.bot_list.visualItemRect(item)
    qtbot.mouseClick(window.bot_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert window.name_label.text() == "Ekonomiskt bistånd"
    assert window.step_table.model().rowCount() == 4


def test_the_parameters_are_listed(make_window: Callable[[], StudioWindow],
                                   library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    model = window.parameters_panel.model
    rows = [[model.index(row, column).data() for column in range(3)]
            for row in range(model.rowCount())]
    assert rows == [["{{pnr}}", "Personnummer", "Sökandens personnummer"],
                    ["{{datum}}", "Datum", "Ansökningsdatum"]]
    assert window.parameters_panel.isVisible()


def test_choosing_a_step_shows_it_in_the_property_panel_and_edits_there_are_undoable(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    window.editor.select_rows([1])
    qtbot.waitUntil(lambda: window.property_panel.step() is not None)
    shown = window.property_panel.step()
    assert shown is not None and shown.id == window.current_entry().bot.steps[1].id  # type: ignore[union-attr]
    window.property_panel.step_edited.emit(shown.id, {"comment": "kolla beloppet"})
    assert window.current_entry().bot.steps[1].comment == "kolla beloppet"  # type: ignore[union-attr]
    assert window.is_modified()
    window.editor.undo_action.trigger()
    assert window.current_entry().bot.steps[1].comment == ""  # type: ignore[union-attr]
    assert not window.is_modified()


def test_a_parameter_added_in_the_panel_is_undoable(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    window.parameters_panel.parameter_added.emit(Parameter(name="belopp", type="number"))
    assert window.parameters_panel.model.names() == ["pnr", "datum", "belopp"]
    window.editor.undo_action.trigger()
    assert window.parameters_panel.model.names() == ["pnr", "datum"]
    window.parameters_panel.parameter_removal_requested.emit("pnr")
    # Still in use by a step: refused, with a message, and nothing changed.
    assert window.message_box is not None
    window.message_box.accept()
    assert window.parameters_panel.model.names() == ["pnr", "datum"]


def test_a_broken_bot_shows_what_is_wrong_and_the_others_still_open(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    good = save_in(library, "ekonomiskt-bistand", application_bot())
    broken = save_in(library, "avsluta", Bot(name="Avsluta", steps=[WaitStep(id="paus")]))
    document = json.loads((broken / "bot.json").read_text(encoding="utf-8"))
    document["steps"][0]["seconds"] = "två"
    (broken / "bot.json").write_text(json.dumps(document), encoding="utf-8")

    window = make_window()
    assert "avsluta (kan inte öppnas)" in list_texts(window)["Mina robotar"]
    assert window.select_bot(broken)
    panel = window.error_panel
    assert panel.isVisible()
    assert not window.step_table.isVisible()
    assert panel.field_label.text() == "seconds"
    assert panel.step_label.text() == "steg 1 (id paus)"
    assert panel.file_label.text() == str(broken / "bot.json")
    assert "number" in panel.problem_label.text()
    assert "Fält: seconds" in panel.text()
    assert window.step_count_label.text() == "Kan inte öppnas"
    assert not window.run_action.isEnabled()

    assert window.select_bot(good)
    assert not panel.isVisible()
    assert window.step_table.isVisible()
    assert window.step_table.model().rowCount() == 4


def test_a_broken_parameter_is_named_by_its_number_in_the_users_language(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    document = json.loads((folder / "bot.json").read_text(encoding="utf-8"))
    document["parameters"][1]["type"] = "färg"
    (folder / "bot.json").write_text(json.dumps(document), encoding="utf-8")

    window = make_window()
    assert window.select_bot(folder)
    panel = window.error_panel
    assert panel.step_label.text() == "parameter 2"
    assert panel.field_label.text() == "type"
    assert "Var: parameter 2" in panel.text()
    window.language_actions["en"].trigger()
    assert "Where: parameter 2" in panel.text()


def test_a_step_id_with_a_line_break_is_still_named_on_one_line(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    broken = save_in(library, "avsluta", Bot(name="Avsluta", steps=[
        WaitStep(id="forst"), WaitStep(id="rad ett\nrad två")]))
    document = json.loads((broken / "bot.json").read_text(encoding="utf-8"))
    document["steps"][1]["seconds"] = -1
    (broken / "bot.json").write_text(json.dumps(document), encoding="utf-8")

    window = make_window()
    assert window.select_bot(broken)
    assert window.error_panel.step_label.text() == "steg 2 (id rad ett rad två)"
    window.language_actions["en"].trigger()
    assert window.error_panel.step_label.text() == "step 2 (id rad ett rad två)"


def test_a_bot_that_is_not_json_shows_where_the_text_breaks(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = library / "trasig"
    folder.mkdir(parents=True)
    (folder / "bot.json").write_text('{"format": "robotfabrik-bot",', encoding="utf-8")
    window = make_window()
    assert window.select_bot(folder)
    assert window.error_panel.isVisible()
    assert "JSON" in window.error_panel.problem_label.text()
    assert "Fält" not in window.error_panel.text()
    assert "Var:" not in window.error_panel.text()


def test_a_fixed_bot_opens_after_refresh(make_window: Callable[[], StudioWindow],
                                         library: Path) -> None:
    folder = library / "trasig"
    folder.mkdir(parents=True)
    (folder / "bot.json").write_text("{}", encoding="utf-8")
    window = make_window()
    window.select_bot(folder)
    assert window.error_panel.isVisible()
    save_in(library, "trasig", application_bot())
    save_in(library, "ny", Bot(name="Ny robot", steps=[WaitStep()]))
    window.refresh_action.trigger()
    assert window.step_table.isVisible()
    assert window.name_label.text() == "Ekonomiskt bistånd"
    assert "Ny robot" in list_texts(window)["Mina robotar"]


def test_english_changes_the_menus_and_the_table(make_window: Callable[[], StudioWindow],
                                                 library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)

    def menus() -> list[str]:
        return [action.text().replace("&", "") for action in window.menuBar().actions()]

    assert menus() == ["Arkiv", "Redigera", "Visa", "Kör", "Hjälp"]
    window.language_actions["en"].trigger()
    assert menus() == ["File", "Edit", "View", "Run", "Help"]
    assert window.open_action.text().replace("&", "") == "Open bot folder…"
    assert window.language_actions["en"].isChecked()
    assert list(list_texts(window)) == ["My bots", "Examples"]
    assert table_column(window, Column.KIND)[:2] == ["Click", "Type text"]
    assert table_column(window, Column.VALUE)[3] == "1.5 s"
    assert window.step_count_label.text() == "4 steps"
    window.language_actions["sv"].trigger()
    assert menus() == ["Arkiv", "Redigera", "Visa", "Kör", "Hjälp"]


def test_the_menus_hold_the_commands_with_their_keys(
        make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    file_actions = {a.text().replace("&", ""): a.shortcut().toString()
                    for a in window.file_menu.actions() if not a.isSeparator()}
    assert file_actions["Öppna robotmapp…"] == "Ctrl+O"
    assert file_actions["Uppdatera"] == "Ctrl+F5"
    assert file_actions["Inställningar…"] == "Ctrl+,"
    assert file_actions["Avsluta"] == "Ctrl+Q"
    assert [a.text() for a in window.language_menu.actions()] == ["Svenska", "Dansk", "English"]
    assert [a.text().replace("&", "") for a in window.help_menu.actions()] == ["Om Robotfabrik"]
    toolbar = {a.text(): a.shortcut().toString() for a in window.toolbar.actions()
               if not a.isSeparator()}
    assert list(toolbar)[:2] == ["Spela in", "Kör"]
    assert (toolbar["Spela in"], toolbar["Kör"]) == ("Ctrl+R", "F5")


def test_switching_a_step_off_in_the_table_changes_the_bot_and_can_be_saved(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    table = window.step_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, Column.ENABLED))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert entry.bot.steps[2].enabled is False
    assert window.is_modified()
    assert window.unsaved_badge.isVisible()
    assert window.step_count_label.text() == "4 steg · 1 avstängt"
    assert window.save_action.isEnabled()

    window.save_action.trigger()
    assert not window.is_modified()
    assert not window.unsaved_badge.isVisible()
    assert load_bot(folder).steps[2].enabled is False


def test_another_bot_can_be_shown_while_one_keeps_its_unsaved_edits(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    first = save_in(library, "ekonomiskt-bistand", application_bot())
    second = save_in(library, "annan", Bot(name="Annan", steps=[WaitStep()]))
    window = make_window()
    window.select_bot(first)
    model = window.step_table.model()
    model.setData(model.index(0, Column.COMMENT), "kolla", Qt.ItemDataRole.EditRole)
    asked: list[str] = []
    window.ask_about_unsaved_changes = asked.append  # type: ignore[method-assign,assignment]

    assert window.select_bot(second)
    assert asked == []
    assert list_texts(window)["Mina robotar"] == ["Annan", "Ekonomiskt bistånd •"]
    assert not window.is_modified()
    assert load_bot(first).steps[0].comment == ""

    assert window.select_bot(first)
    assert window.is_modified() and window.isWindowModified()
    assert table_column(window, Column.COMMENT)[0] == "kolla"


def test_closing_with_unsaved_edits_asks_once_for_every_bot(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    first = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(first)
    model = window.step_table.model()
    model.setData(model.index(0, Column.COMMENT), "kolla", Qt.ItemDataRole.EditRole)
    current = window.bot_list.currentItem()
    # The list marks the bot whose changes are not saved.
    assert current is not None and current.text(0) == "Ekonomiskt bistånd •"
    asked: list[str] = []

    def cancel(name: str) -> str:
        asked.append(name)
        return "cancel"

    window.ask_about_unsaved_changes = cancel  # type: ignore[method-assign,assignment]
    assert not window.close()
    assert asked == ["Ekonomiskt bistånd"]
    window.ask_about_unsaved_changes = lambda name: "save"  # type: ignore[method-assign]
    assert window.close()
    assert load_bot(first).steps[0].comment == "kolla"


def test_an_example_is_shown_read_only(make_window: Callable[[], StudioWindow],
                                       examples_dir: Path) -> None:
    folder = save_in(examples_dir, "ovning", application_bot())
    window = make_window()
    assert window.select_bot(folder)
    assert window.example_badge.isVisible()
    index = window.step_table.model().index(0, Column.ENABLED)
    assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not window.save_action.isEnabled()


def test_run_first_asks_for_the_bots_parameters(make_window: Callable[[], StudioWindow],
                                                library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    window.run_action.trigger()
    form = window.parameter_form
    assert form is not None and form.isVisible()
    form.reject()


def test_the_record_and_run_keys_follow_the_usual_studios(
        make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    assert window.record_action.shortcut().toString() == "Ctrl+R"
    assert window.run_action.shortcut().toString() == "F5"


def test_a_bot_folder_from_elsewhere_opens_under_other_folders(
        make_window: Callable[[], StudioWindow], tmp_path: Path) -> None:
    folder = save_in(tmp_path / "delad", "fran-lund", application_bot())
    window = make_window()
    assert window.open_bot_folder(folder / "bot.json")
    assert list_texts(window)["Andra mappar"] == ["Ekonomiskt bistånd"]
    assert window.step_table.model().rowCount() == 4


def test_a_folder_without_a_bot_is_refused_with_a_message(
        make_window: Callable[[], StudioWindow], tmp_path: Path) -> None:
    window = make_window()
    assert not window.open_bot_folder(tmp_path)
    assert window.message_box is not None and window.message_box.isVisible()
    assert "bot.json" in window.message_box.text()
    window.message_box.accept()
    assert "Andra mappar" not in list_texts(window)


def test_about_names_the_program(make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    window.about_action.trigger()
    assert window.message_box is not None
    assert "Robotfabrik" in window.message_box.text()
    window.message_box.accept()


# ---------------------------------------------------------------- language


def test_the_language_comes_from_robotfabrik_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROBOTFABRIK_LANGUAGE", "en")
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "en"
    assert i18n.tr("Record") == "Record"


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv_SE.UTF-8", "sv"), ("sv_FI", "sv"), ("sv", "sv"), ("en_GB.UTF-8", "en"),
    ("de_DE.UTF-8", "en"),
])
def test_the_language_follows_the_system_locale(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                expected: str) -> None:
    monkeypatch.delenv("ROBOTFABRIK_LANGUAGE", raising=False)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", lang)
    i18n.set_language(None)
    assert i18n.language() == expected


def test_a_locale_without_a_language_defers_to_the_next_source() -> None:
    assert i18n.language_from("C.UTF-8") is None
    assert i18n.language_from("POSIX") is None
    assert i18n.language_from("") is None
    assert i18n.language_from("sv_SE@euro") == "sv"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("de")  # type: ignore[arg-type]


def test_the_window_has_no_english_left_in_swedish(make_window: Callable[[], StudioWindow],
                                                   library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    swedish = catalogue("sv")
    english = {text for text in swedish if swedish[text] != text}
    shown = [widget.text() for widget in window.findChildren(QtWidgets.QLabel)]
    shown += [action.text() for action in window.findChildren(QtGui.QAction)]
    assert not [text for text in shown if text in english]


# ---------------------------------------------------------------- running, with a scripted robot


class ScriptedRobot(QtCore.QObject):
    """Stands in for RunController with its public face; the test says what the robot does."""

    step_started = QtCore.Signal(object)
    step_finished = QtCore.Signal(object)
    problem_asked = QtCore.Signal(object)
    decision_asked = QtCore.Signal(object)
    question_withdrawn = QtCore.Signal()
    case_started = QtCore.Signal(int, int, str)
    run_finished = QtCore.Signal(object)

    made: ClassVar[list[ScriptedRobot]] = []

    def __init__(self, bot: Bot, folder: Path, values: dict[str, str] | None = None, *,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.bot, self.folder, self.values = bot, folder, values
        self.result: RunResult | None = None
        self.pending_problem: Problem | None = None
        self.learned: list[LearnedAnchor] = []
        self.calls: list[str] = []
        ScriptedRobot.made.append(self)

    def start(self, clear: object = ()) -> None:
        self.calls.append("start")

    @property
    def outcomes(self) -> list[tuple[str, RunResult]]:
        return [("", self.result)] if self.result is not None else []

    def is_running(self) -> bool:
        return self.result is None

    def answer(self, decision: Decision) -> None:
        self.calls.append(f"answer {decision.answer}")

    def abort(self) -> None:
        self.calls.append("abort")

    def wait_for_click(self, timeout: float) -> tuple[int, int] | None:
        return None

    def join(self, timeout: float | None = None) -> bool:
        self.calls.append("join")
        return True

    def finish(self, status: RunStatus, steps: int = 0) -> None:
        self.result = RunResult(self.bot.name, status=status, steps=[
            StepResult("run", step.id, index, step.kind)
            for index, step in enumerate(self.bot.steps[:steps])])
        self.run_finished.emit(self.result)


# During and after a run the studio raises its panel and itself over the other windows, which
# the offscreen platform says it cannot do; on a real display it can.
offscreen_raise = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                            r"This plugin does not support raise\(\)")


@pytest.fixture
def robot_window(make_window: Callable[[], StudioWindow]) -> Callable[[], StudioWindow]:
    ScriptedRobot.made.clear()

    def make() -> StudioWindow:
        window = make_window()
        window.controller_factory = ScriptedRobot
        return window
    return make


def start_robot(qtbot: QtBot, window: StudioWindow,
                values: dict[str, str] | None = None) -> ScriptedRobot:
    window.run_action.trigger()
    if values is not None:
        form = window.parameter_form
        assert form is not None
        for name, value in values.items():
            form.set_value(name, value)
        form.accept()
    [robot] = ScriptedRobot.made
    qtbot.waitUntil(lambda: robot.calls == ["start"])
    return robot


@offscreen_raise
def test_closing_the_studio_stops_its_robot_first(
        qtbot: QtBot, robot_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "vanta", Bot(name="Vänta", steps=[WaitStep(id="w")]))
    window = robot_window()
    window.select_bot(folder)
    robot = start_robot(qtbot, window)
    assert not window.isVisible() and window.run_panel is not None

    window.close()

    assert robot.calls == ["start", "abort", "join"]


@offscreen_raise
def test_the_studio_comes_back_with_the_outcome_when_the_robot_is_done(
        qtbot: QtBot, robot_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "tryck", Bot(name="Tryck", steps=[
        KeyStep(id="a", key="tab"), KeyStep(id="b", key="enter")]))
    window = robot_window()
    window.select_bot(folder)
    robot = start_robot(qtbot, window)
    assert not window.run_action.isEnabled() and not window.bot_list.isEnabled()

    robot.finish("aborted", steps=1)

    assert window.isVisible() and not window.isMinimized()
    assert window.run_panel is None
    assert window.run_status_label.text() == "Stoppad vid steg 1."
    assert window.run_action.isEnabled() and window.bot_list.isEnabled()


@offscreen_raise
def test_a_picture_learned_while_changes_are_unsaved_waits_for_the_save(
        qtbot: QtBot, robot_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "ekonomiskt-bistand", application_bot())
    window = robot_window()
    window.select_bot(folder)
    model = window.step_table.model()
    model.setData(model.index(2, Column.COMMENT), "kolla", Qt.ItemDataRole.EditRole)
    robot = start_robot(qtbot, window, {"pnr": "19830309-4562", "datum": "2026-11-21"})
    assert robot.values == {"pnr": "19830309-4562", "datum": "2026-11-21"}
    robot.learned = [LearnedAnchor("sok", png(), Point(3, 4), Point(100, 200))]

    robot.finish("succeeded", steps=4)

    assert window.is_modified()
    assert window.statusBar().currentMessage() == "De nya bilderna sparas när du sparar roboten."
    assert load_bot(folder).steps[0].target.anchor == "sok.png"  # type: ignore[attr-defined]
    window.save_action.trigger()
    saved = load_bot(folder)
    assert saved.steps[0].target.anchor == "shown-sok.png"  # type: ignore[attr-defined]
    assert saved.steps[2].comment == "kolla"
    assert (folder / "images" / "shown-sok.png").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and free symbolic links are POSIX")
def test_bots_refused_for_their_files_are_listed_with_the_reason_and_the_others_open(
        make_window: Callable[[], StudioWindow], library: Path, tmp_path: Path) -> None:
    good = save_in(library, "ekonomiskt-bistand", application_bot())
    linked = save_in(library, "lankad", application_bot())
    (tmp_path / "hemlig.png").write_bytes(png())
    (linked / "images" / "sok.png").unlink()
    (linked / "images" / "sok.png").symlink_to(tmp_path / "hemlig.png")
    damaged = save_in(library, "skadad", application_bot())
    picture = damaged / "images" / "sok.png"
    picture.write_bytes(picture.read_bytes()[:-30])
    piped = library / "ror"
    piped.mkdir()
    os.mkfifo(piped / "bot.json")

    window = make_window()
    assert {"lankad (kan inte öppnas)", "ror (kan inte öppnas)", "skadad (kan inte öppnas)",
            "Ekonomiskt bistånd"} <= set(
        list_texts(window)["Mina robotar"])
    for folder, problem in [(linked, "link that leads out of the bot folder"),
                            (damaged, "picture images/sok.png is cut short"),
                            (piped, "is not a regular file")]:
        assert window.select_bot(folder)
        assert window.error_panel.isVisible()
        assert problem in window.error_panel.problem_label.text()
        assert not window.run_action.isEnabled()
    assert window.select_bot(good)
    assert window.step_table.model().rowCount() == 4


def test_making_and_renaming_a_parameter_from_the_panels_is_undoable(
        make_window: Callable[[], StudioWindow], library: Path) -> None:
    bot = application_bot()
    bot.steps.insert(0, TypeTextStep(id="namn", text="Åsa Lindström", window_title=WINDOW))
    folder = save_in(library, "ekonomiskt-bistand", bot)
    window = make_window()
    window.select_bot(folder)

    def steps() -> list[Step]:
        entry = window.current_entry()
        assert entry is not None and entry.bot is not None
        return entry.bot.steps

    # The surname alone becomes a parameter; the typed name is not kept as its default.
    window.property_panel.make_parameter_requested.emit(
        "namn", 4, 13, Parameter("efternamn", "text", "Efternamn"), False)
    assert isinstance(steps()[0], TypeTextStep) and steps()[0].text == "Åsa {{efternamn}}"
    assert window.parameters_panel.model.names()[-1] == "efternamn"
    window.parameters_panel.parameter_changed.emit(
        "pnr", Parameter("personnummer", "personnummer", "Sökandens personnummer"))
    assert steps()[2].text == "{{personnummer}}"  # type: ignore[attr-defined]

    window.editor.undo_action.trigger()
    assert steps()[2].text == "{{pnr}}"  # type: ignore[attr-defined]
    window.editor.undo_action.trigger()
    assert steps()[0].text == "Åsa Lindström"  # type: ignore[attr-defined]
    assert "efternamn" not in window.parameters_panel.model.names()
    assert not window.is_modified()
