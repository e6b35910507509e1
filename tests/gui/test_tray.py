"""The robot in the tray, as a caseworker meets it: the menu of bots, the form, the run with
its progress and state, pause and stop, the notice at the end, the launcher where there is no
tray, and starting at login. Runs use a fake desktop (see test_run_controller)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import (
    Bot,
    ClickStep,
    DecisionStep,
    KeyStep,
    Parameter,
    Point,
    Target,
)
from app.core.model.library import BotEntry
from app.core.platform import autostart
from app.core.results.history import RunRecord
from app.core.results.outcome import RunResult
from app.gui import tray as tray_module
from app.gui.qt import QtWidgets
from app.gui.run_controller import RunController
from app.gui.tray import LibraryBots, TrayApp, recently_used_first, state_icon
from tests.gui.test_run_controller import Desk, saved

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]

VALID_PNR = "19811218-9876"


@pytest.fixture
def desk() -> Desk:
    return Desk()


def form_bot() -> Bot:
    return Bot(name="Frånvaro", parameters=[
        Parameter("pnr", "personnummer", "Personnummer"),
        Parameter("datum", "date", "Datum", default="2026-03-02"),
        Parameter("losen", "secret", "Lösenord")],
        steps=[KeyStep(id="a", key="tab"), KeyStep(id="b", key="enter")])


def entry(folder: Path, bot: Bot) -> BotEntry:
    return BotEntry(saved(folder, bot), "mine", bot=bot)


class Started:
    """Programs the tray would start (the studio), kept instead of started."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def __call__(self, command: list[str]) -> None:
        self.commands.append(command)


class FakeWatcher:
    def __init__(self, hotkey: frozenset[str], on_press: Callable[[], None]) -> None:
        self.hotkey, self.on_press, self.started, self.stopped = hotkey, on_press, False, False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True


class Tray:
    """A tray on a fake desktop, with what it made for the test to look at."""

    def __init__(self, qtbot: QtBot, desk: Desk, bots: list[BotEntry], *,
                 available: bool = True, paused_at_start: bool = False) -> None:
        self.desk = desk
        self.controllers: list[RunController] = []
        self.watchers: list[FakeWatcher] = []
        self.started = Started()
        self.paused_at_start = paused_at_start
        self.app = TrayApp(tray_available=available, bots=lambda: list(bots),
                           controller_factory=self.controller, start=self.started,
                           watcher_factory=self.watcher)
        self.steps_seen: list[tuple[str, str, str]] = []
        original = self.app._on_step_started

        def step_started(result: Any) -> None:
            original(result)
            progress = self.app.progress
            self.steps_seen.append((self.app.state, self.app.tooltip(),
                                    progress.progress() if progress is not None else ""))

        self.app._on_step_started = step_started  # type: ignore[method-assign]
        if self.app.launcher is not None:
            qtbot.addWidget(self.app.launcher)

    def controller(self, bot: Bot, folder: Path, values: dict[str, str] | None = None,
                   **options: Any) -> RunController:
        if self.paused_at_start:
            options["pause"].pause()
        controller = self.desk.controller(bot, folder, values, **options)
        self.controllers.append(controller)
        return controller

    def watcher(self, hotkey: frozenset[str], on_press: Callable[[], None]) -> FakeWatcher:
        watcher = FakeWatcher(hotkey, on_press)
        self.watchers.append(watcher)
        return watcher

    def menu_texts(self) -> list[str]:
        return [action.text() for action in self.app.menu.actions() if not action.isSeparator()]


def fill_form(qtbot: QtBot, tray: TrayApp, pnr: str = VALID_PNR) -> None:
    form = tray.parameter_form
    assert form is not None
    field = form.fields["pnr"]
    assert isinstance(field, QtWidgets.QLineEdit)
    qtbot.keyClicks(field, pnr)
    secret = form.fields["losen"]
    assert isinstance(secret, QtWidgets.QLineEdit)
    qtbot.keyClicks(secret, "Hemligt-123")


def run_to_the_end(qtbot: QtBot, tray: Tray, act: Callable[[], None] = lambda: None
                   ) -> RunResult:
    """Do ``act`` (which starts or ends a run) and wait for the run to end."""
    act()
    qtbot.waitUntil(lambda: bool(tray.controllers) and tray.controllers[-1].result is not None
                    and not tray.app.is_running())
    result = tray.controllers[-1].result
    assert result is not None
    return result


# ---------------------------------------------------------------- the menu


def test_bots_run_most_recently_come_first_then_the_rest_in_library_order(
        tmp_path: Path) -> None:
    entries = [BotEntry(tmp_path / name, "mine", bot=Bot(name=name))
               for name in ("Avgifter", "Bostad", "Frånvaro", "Hyra")]
    runs = [RunRecord("r1", "Frånvaro", str(tmp_path / "Frånvaro"), 100.0, 101.0, "succeeded",
                      None),
            RunRecord("r2", "Hyra", str(tmp_path / "Hyra"), 300.0, 301.0, "failed", None),
            RunRecord("r3", "Frånvaro", str(tmp_path / "Frånvaro"), 50.0, 51.0, "succeeded",
                      None)]
    assert [e.title for e in recently_used_first(entries, runs)] == [
        "Hyra", "Frånvaro", "Avgifter", "Bostad"]


def test_the_library_is_read_again_only_where_a_bot_changed(
        library: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(library / "hyra", Bot(name="Hyra", steps=[KeyStep(id="a")]))
    saved(examples_dir / "exempel", Bot(name="Exempel", steps=[KeyStep(id="a")]))
    (library / "trasig").mkdir()
    (library / "trasig" / "bot.json").write_text("{", encoding="utf-8")
    reads: list[str] = []
    original = tray_module.read_entry

    def counted(folder: Path, group: Any) -> BotEntry:
        reads.append(folder.name)
        return original(folder, group)

    monkeypatch.setattr(tray_module, "read_entry", counted)
    bots = LibraryBots()
    assert [entry.title for entry in bots()] == ["Hyra", "Exempel"]
    assert sorted(reads) == ["exempel", "hyra", "trasig"]
    reads.clear()
    assert [entry.title for entry in bots()] == ["Hyra", "Exempel"]
    assert reads == []
    saved(library / "hyra", Bot(name="Hyra 2", steps=[KeyStep(id="a"), KeyStep(id="b")]))
    assert [entry.title for entry in bots()] == ["Hyra 2", "Exempel"]
    assert reads == ["hyra"]


def test_the_menu_lists_the_bots_then_studio_pause_stop_and_quit(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())])
    assert tray.app.bots_heading.text() == "Robotar"
    assert tray.menu_texts() == [
        "Frånvaro", "Kör med en datafil…", "Öppna studion", "Pausa (Ctrl+F11)", "Stoppa (Ctrl+F12)",
        "Visa den senaste körningen i historiken", "Starta vid inloggning", "Avsluta"]
    assert not tray.app.pause_action.isEnabled() and not tray.app.stop_action.isEnabled()
    assert tray.app.icon is not None and tray.app.launcher is None
    assert tray.app.tooltip() == "Robotfabrik – Redo"

    tray.app.open_studio_action.trigger()
    assert tray.started.commands[-1][-1] == "studio"


def test_the_icon_has_a_picture_for_every_state() -> None:
    pictures = {state: state_icon(state).pixmap(32, 32).toImage()
                for state in ("idle", "running", "paused", "asking", "failed")}
    assert all(not picture.isNull() for picture in pictures.values())
    assert len({picture.pixelColor(16, 4).name() for picture in pictures.values()}) == 5


# ---------------------------------------------------------------- the form and a run


def test_a_wrong_check_digit_is_refused_beside_its_field_and_nothing_runs(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())])
    tray.app.bot_actions[0].trigger()
    fill_form(qtbot, tray.app, pnr="19811218-9875")
    form = tray.app.parameter_form
    assert form is not None
    assert "kontrollsiffran" in form.messages["pnr"].text()
    assert form.messages["pnr"].isVisible()
    assert not form.run_button.isEnabled()
    form.accept()
    assert form.isVisible()
    assert tray.controllers == [] and desk.drivers is None
    form.reject()


def test_a_day_missing_from_the_calendar_is_refused_and_nothing_runs(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())])
    tray.app.bot_actions[0].trigger()
    fill_form(qtbot, tray.app)
    form = tray.app.parameter_form
    assert form is not None
    date = form.fields["datum"]
    assert isinstance(date, QtWidgets.QLineEdit)
    date.selectAll()
    qtbot.keyClicks(date, "2026-02-30")
    assert form.messages["datum"].text() == "”Datum”: 2026-02-30 finns inte i kalendern."
    assert not form.run_button.isEnabled()
    form.reject()
    assert tray.app.parameter_form is None
    assert tray.controllers == []


def test_a_run_from_the_tray_shows_its_steps_and_ends_with_a_notice(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())])
    tray.app.bot_actions[0].trigger()
    fill_form(qtbot, tray.app)
    form = tray.app.parameter_form
    assert form is not None and form.run_button.isEnabled()
    notices: list[tuple[str, str, bool]] = []
    tray.app.notify = lambda title, text, failed: notices.append(  # type: ignore[method-assign]
        (title, text, failed))

    result = run_to_the_end(qtbot, tray, form.run_button.click)

    assert result.status == "succeeded"
    assert desk.drivers is not None
    assert desk.drivers.actions == [("key", "tab"), ("key", "enter")]
    state, tooltip, progress = tray.steps_seen[0]
    assert state == "running"
    assert tooltip.splitlines()[:3] == ["Robotfabrik – Kör", "Frånvaro", "Steg 1 av 2: Tangent Tab"]
    assert progress == "Steg 1 av 2: Tangent Tab"
    assert tray.app.state == "idle" and tray.app.progress is None
    assert notices and notices[0][0] == "Frånvaro är klar" and not notices[0][2]
    assert tray.watchers and tray.watchers[0].started and tray.watchers[0].stopped
    # The notice leads to this run in the studio's history.
    assert tray.app.last_run_id == result.run_id
    tray.app.last_run_action.trigger()
    assert tray.started.commands[-1][-3:] == ["studio", "--run", result.run_id]


def test_the_pause_hotkey_holds_the_robot_and_lets_it_go_on(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "plain", Bot(name="Enkel", steps=[
        KeyStep(id="a", key="tab"), KeyStep(id="b", key="enter")]))], paused_at_start=True)
    tray.app.bot_actions[0].trigger()
    qtbot.waitUntil(lambda: tray.app.state == "paused")
    assert tray.app.pause_action.text() == "Fortsätt (Ctrl+F11)"
    progress = tray.app.progress
    assert progress is not None and progress.paused_text() == "Fortsätt (Ctrl+F11)"
    assert desk.drivers is None or desk.drivers.actions == []

    # The hotkey is heard on the keyboard listener's own thread.
    watcher = tray.watchers[0]
    result = run_to_the_end(qtbot, tray, lambda: threading.Thread(
        target=watcher.on_press).start())
    assert result.status == "succeeded"
    assert desk.drivers is not None and len(desk.drivers.actions) == 2


def test_stop_lets_a_paused_robot_end_without_doing_anything(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "plain", Bot(name="Enkel", steps=[
        KeyStep(id="a", key="tab")]))], paused_at_start=True)
    notices: list[tuple[str, str, bool]] = []
    tray.app.notify = lambda title, text, failed: notices.append(  # type: ignore[method-assign]
        (title, text, failed))
    tray.app.bot_actions[0].trigger()
    qtbot.waitUntil(lambda: tray.app.state == "paused")

    result = run_to_the_end(qtbot, tray, tray.app.stop_action.trigger)

    assert result.status == "aborted"
    assert desk.drivers is not None and desk.drivers.actions == []
    assert notices[0][0] == "Enkel stoppades"


def test_a_data_file_runs_its_good_rows_and_says_which_case_is_running(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())])
    data = tmp_path / "franvaro.csv"
    data.write_text("pnr;datum\n19811218-9876;2026-03-02\n19811218-9875;2026-03-02\n"
                    "19811218-9876;2026-03-03\n", encoding="cp1252")
    notices: list[tuple[str, str, bool]] = []
    tray.app.notify = lambda title, text, failed: notices.append(  # type: ignore[method-assign]
        (title, text, failed))
    tray.app.start_with_data_file(tray.app.entries[0].folder, data)

    # The password is not in the file: the form asks for it, and only for it.
    form = tray.app.parameter_form
    assert form is not None and list(form.fields) == ["losen"]
    form.set_value("losen", "Hemligt-123")
    form.run_button.click()
    summary = tray.app.data_summary
    assert summary is not None and summary.isVisible()
    assert "3" in summary.problem_list.toPlainText()  # row 3, the wrong check digit
    result = run_to_the_end(qtbot, tray, summary.run_button.click)

    assert result.status == "succeeded"
    assert [tooltip.splitlines()[2] for _state, tooltip, _progress in tray.steps_seen] == [
        "Fall 1 av 2 (rad 2)", "Fall 1 av 2 (rad 2)", "Fall 2 av 2 (rad 4)", "Fall 2 av 2 (rad 4)"]
    assert notices[0][1].startswith("2 fall: klara: 2")


def test_a_robot_that_cannot_find_its_place_asks_and_the_icon_says_so(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    lost = Bot(name="Sök", steps=[ClickStep(id="sok", target=Target(
        absolute=Point(50, 60), anchor="sok.png", anchor_offset=Point(5, 5)))])
    tray = Tray(qtbot, desk, [entry(tmp_path / "sok", lost)])
    notices: list[tuple[str, str, bool]] = []
    tray.app.notify = lambda title, text, failed: notices.append(  # type: ignore[method-assign]
        (title, text, failed))
    tray.app.bot_actions[0].trigger()
    qtbot.waitUntil(lambda: tray.app.problem_dialog is not None, timeout=5000)
    assert tray.app.state == "asking"
    assert tray.app.tooltip().startswith("Robotfabrik – Väntar på ditt svar")

    dialog = tray.app.problem_dialog
    assert dialog is not None
    result = run_to_the_end(qtbot, tray, lambda: dialog.choose("abort"))
    assert result.status == "aborted" and tray.app.state == "idle"
    assert notices[0][0] == "Sök stoppades"


def test_a_decision_holds_the_robot_until_the_caseworker_approves(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    deciding = Bot(name="Beviljar", steps=[
        KeyStep(id="skriv", key="tab"),
        DecisionStep(id="beslut", title="Bevilja?",
                     approve_steps=[KeyStep(id="spara", key="f2")],
                     reject_steps=[KeyStep(id="avbryt", key="escape")])])
    tray = Tray(qtbot, desk, [entry(tmp_path / "beviljar", deciding)])
    tray.app.bot_actions[0].trigger()
    qtbot.waitUntil(lambda: tray.app.decision_dialog is not None, timeout=5000)
    assert tray.app.state == "asking"
    dialog = tray.app.decision_dialog
    assert dialog is not None

    result = run_to_the_end(qtbot, tray, dialog.approve_button.click)
    assert result.status == "succeeded" and tray.app.state == "idle"
    assert desk.drivers is not None
    assert desk.drivers.actions == [("key", "tab"), ("key", "f2")]


def test_a_failed_run_leaves_the_icon_red_and_the_notice_says_where(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    # A window that is not there: the step fails without a question (as in the studio).
    missing = Bot(name="Saknas", steps=[ClickStep(
        id="ingenstans", points_are_fine=True,
        target=Target(window_title="Procapita", window_point=Point(5, 5)))])
    tray = Tray(qtbot, desk, [entry(tmp_path / "saknas", missing)])
    notices: list[tuple[str, str, bool]] = []
    tray.app.notify = lambda title, text, failed: notices.append(  # type: ignore[method-assign]
        (title, text, failed))

    result = run_to_the_end(qtbot, tray, tray.app.bot_actions[0].trigger)

    assert result.status == "failed"
    assert tray.app.state == "failed"
    title, text, failed = notices[0]
    assert title == "Saknas misslyckades" and failed
    assert text.startswith("Misslyckades vid steg 1")
    assert tray.app.tooltip().splitlines()[0] == "Robotfabrik – Senaste körningen misslyckades"


# ---------------------------------------------------------------- no tray, and autostart


def test_without_a_tray_the_launcher_offers_the_bots_and_the_same_actions(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())], available=False)
    tray.app.show()
    launcher = tray.app.launcher
    assert launcher is not None and tray.app.icon is None
    assert launcher.isVisible()
    assert "Inget systemfält" in launcher.notice.text()
    assert [launcher.bot_list.item(i).text() for i in range(launcher.bot_list.count())] == [
        "Frånvaro"]
    assert sorted(launcher.action_buttons) == ["autostart", "openStudio", "pause", "quit",
                                               "stop"]
    launcher.run_button.click()
    form = tray.app.parameter_form
    assert form is not None and form.isVisible()
    form.reject()


def test_starting_the_tray_again_brings_back_the_closed_launcher(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    tray = Tray(qtbot, desk, [entry(tmp_path / "franvaro", form_bot())], available=False)
    tray.app.show()
    launcher = tray.app.launcher
    assert launcher is not None
    launcher.close()
    tray.app.present()
    assert launcher.isVisible()


# A menu grabs the keyboard while open; the offscreen platform has none to grab.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard",
                           "This plugin does not support propagateSizeHints",
                           r"This plugin does not support raise\(\)")
def test_starting_the_tray_again_opens_its_menu_or_raises_the_form_being_filled(
        qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    folder = tmp_path / "franvaro"
    tray = Tray(qtbot, desk, [entry(folder, form_bot())])
    tray.app.present()
    assert tray.app.menu.isVisible()
    tray.app.menu.hide()

    tray.app.choose_bot(folder)
    form = tray.app.parameter_form
    assert form is not None and form.isVisible()
    tray.app.present()
    assert not tray.app.menu.isVisible(), "the open form is shown, not the menu over it"
    form.reject()


def test_start_at_login_writes_the_autostart_entry_and_takes_it_away(
        qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autostart, "autostart_file",
                        lambda config_home=None: tmp_path / "autostart" / "robotfabrik.desktop")
    monkeypatch.setattr(autostart.sys, "platform", "linux")
    tray = Tray(qtbot, desk, [])
    assert tray.menu_texts()[0] == "Inga robotar i biblioteket än"
    assert not tray.app.autostart_action.isChecked()
    tray.app.autostart_action.trigger()
    entry_text = (tmp_path / "autostart" / "robotfabrik.desktop").read_text(encoding="utf-8")
    assert entry_text.startswith("[Desktop Entry]") and " tray\n" in entry_text
    tray.app.autostart_action.trigger()
    assert not (tmp_path / "autostart" / "robotfabrik.desktop").exists()


# Showing a tray icon on the offscreen platform, which has no tray of its own.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_a_launcher_moves_into_the_tray_once_one_appears(
        qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QtWidgets.QSystemTrayIcon, "isSystemTrayAvailable",
                        staticmethod(lambda: False))
    app = TrayApp(bots=lambda: [entry(tmp_path / "franvaro", form_bot())],
                  start=Started(), watcher_factory=None)
    app.show()
    launcher = app.launcher
    assert launcher is not None and launcher.isVisible() and app.icon is None

    monkeypatch.setattr(QtWidgets.QSystemTrayIcon, "isSystemTrayAvailable",
                        staticmethod(lambda: True))
    qtbot.waitUntil(lambda: app.icon is not None, timeout=10_000)
    assert app.launcher is None
    assert app.icon is not None and app.icon.contextMenu() is app.menu
    app.icon.hide()
