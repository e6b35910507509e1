"""The Settings dialog, driven as a person would: each field checked where it is, saved in one
go, and the studio following what was saved."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core import paths, settings
from app.core.hotkeys import parse_hotkey
from app.core.model.bot import Bot, KeyStep
from app.core.model.botfile import save_bot
from app.gui import i18n
from app.gui.qt import Qt, QtWidgets
from app.gui.settings_dialog import SettingsDialog, settings_problem_text
from app.gui.studio import StudioWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def swedish_then_english() -> Iterator[None]:
    i18n.set_language("sv")
    yield
    i18n.set_language("en")
    i18n.set_language(None)


@pytest.fixture
def studio(qtbot: QtBot, examples_dir: Path) -> StudioWindow:
    window = StudioWindow()
    qtbot.addWidget(window)
    window.ask_about_unsaved_changes = lambda name: "discard"  # type: ignore[method-assign]
    window.show()
    return window


@pytest.fixture
def open_dialog(studio: StudioWindow, qtbot: QtBot) -> Callable[[], SettingsDialog]:
    def open_it() -> SettingsDialog:
        studio.settings_action.trigger()
        dialog = studio.settings_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        return dialog
    return open_it


def save_button(dialog: SettingsDialog) -> QtWidgets.QPushButton:
    button = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def retype(qtbot: QtBot, edit: QtWidgets.QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text) if text else edit.clear()


def test_settings_open_from_the_file_menu_with_ctrl_comma_and_show_the_defaults(
        studio: StudioWindow, open_dialog: Callable[[], SettingsDialog]) -> None:
    assert "Ctrl+," in [key.toString() for key in studio.settings_action.shortcuts()]
    assert studio.settings_action in studio.file_menu.actions()
    dialog = open_dialog()
    assert dialog.windowTitle() == "Inställningar"
    assert dialog.library_edit.text() == ""
    assert dialog.library_edit.placeholderText() == str(paths.data_dir() / "recordings")
    assert [dialog.hotkey_edits[name].text() for name in settings.HOTKEY_NAMES] == [
        "Ctrl+F12", "Ctrl+F11", "Ctrl+F10"]
    assert dialog.retention_spin.value() == 30
    assert (dialog.retention_spin.minimum(), dialog.retention_spin.maximum()) == (1, 3650)
    assert [dialog.language_combo.itemText(i) for i in range(dialog.language_combo.count())] == [
        "Samma som systemet", "Svenska", "Dansk", "English"]
    assert save_button(dialog).text().replace("&", "") == "Spara"
    assert dialog.problem_label.isHidden()


def test_saving_keeps_the_choices_and_the_studio_switches_language(
        qtbot: QtBot, studio: StudioWindow, open_dialog: Callable[[], SettingsDialog]) -> None:
    dialog = open_dialog()
    dialog.retention_spin.setValue(14)
    retype(qtbot, dialog.hotkey_edits["secret"], "ctrl+alt+h")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("da"))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    saved = settings.load().settings
    assert (saved.retention_days, saved.secret_hotkey, saved.language) == (
        14, parse_hotkey("ctrl+alt+h"), "da")
    assert [a.text().replace("&", "") for a in studio.menuBar().actions()] == [
        "Filer", "Rediger", "Vis", "Kør", "Hjælp"]


def test_a_clashing_hotkey_is_named_beside_its_field_and_nothing_is_saved(
        qtbot: QtBot, open_dialog: Callable[[], SettingsDialog]) -> None:
    dialog = open_dialog()
    retype(qtbot, dialog.hotkey_edits["pause"], "Ctrl+F12")
    error = dialog.hotkey_errors["pause"]
    assert error.isVisible()
    assert error.text() == "Används redan för ”Sluta spela in”."
    assert not save_button(dialog).isEnabled()
    assert not dialog.save()
    assert not paths.settings_path().exists()

    retype(qtbot, dialog.hotkey_edits["pause"], "Ctrl+F8")
    assert not error.isVisible()
    assert save_button(dialog).isEnabled()


@pytest.mark.parametrize(("typed", "said"), [
    ("ctrl+", "Skriv ett kortkommando som Ctrl+F12."),
    ("", "Skriv ett kortkommando som Ctrl+F12."),
    ("ctrl+alt", "Lägg till en tangent som inte är Ctrl, Alt, Shift eller Super, till exempel "
                 "F12."),
])
def test_a_hotkey_that_is_not_one_says_how_to_write_it(
        qtbot: QtBot, open_dialog: Callable[[], SettingsDialog], typed: str, said: str) -> None:
    dialog = open_dialog()
    retype(qtbot, dialog.hotkey_edits["stop"], typed)
    assert dialog.hotkey_errors["stop"].text() == said
    assert not save_button(dialog).isEnabled()


def test_the_library_is_read_from_a_folder_chosen_with_the_folder_chooser(
        qtbot: QtBot, tmp_path: Path, studio: StudioWindow,
        open_dialog: Callable[[], SettingsDialog]) -> None:
    shared = tmp_path / "Delade robotar"
    save_bot(Bot(name="Frånvaroanmälan", steps=[KeyStep(id="k")]), shared / "franvaro")
    dialog = open_dialog()
    asked: list[str] = []
    dialog.choose_folder = lambda parent, start: asked.append(start) or str(shared)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [str(paths.data_dir() / "recordings")]
    assert dialog.library_edit.text() == str(shared)
    assert dialog.save()

    assert paths.library_dir() == shared
    mine = studio.bot_list.topLevelItem(0)
    assert mine is not None
    assert [mine.child(row).text(0) for row in range(mine.childCount())] == [  # type: ignore[union-attr]
        "Frånvaroanmälan"]


def test_a_library_folder_that_cannot_be_one_is_refused(
        qtbot: QtBot, tmp_path: Path, open_dialog: Callable[[], SettingsDialog]) -> None:
    dialog = open_dialog()
    retype(qtbot, dialog.library_edit, "relativ/mapp")
    assert dialog.library_error.text() == "Skriv mappens hela sökväg eller välj den."
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x")
    retype(qtbot, dialog.library_edit, str(a_file))
    assert dialog.library_error.text() == "Det här är en fil, inte en mapp."
    assert not save_button(dialog).isEnabled()


def test_a_broken_settings_file_is_named_shown_with_defaults_and_kept_until_save(
        open_dialog: Callable[[], SettingsDialog]) -> None:
    file = paths.settings_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text('{"retention_days": "en månad", "language": "da"}', encoding="utf-8")
    dialog = open_dialog()
    assert dialog.problem_label.isVisible()
    assert str(file) in dialog.problem_label.text()
    assert "retention_days" in dialog.problem_label.text()
    assert dialog.retention_spin.value() == 30
    assert dialog.language_combo.currentData() == "da"
    assert file.read_text(encoding="utf-8").startswith('{"retention_days": "en månad"')

    assert dialog.save()
    assert json.loads(file.read_text(encoding="utf-8"))["retention_days"] == 30
    assert settings.load().usable


def test_a_failed_save_says_why_and_the_dialog_stays(
        monkeypatch: pytest.MonkeyPatch, open_dialog: Callable[[], SettingsDialog]) -> None:
    dialog = open_dialog()

    def refuse(_: settings.Settings) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings, "save", refuse)
    dialog.retention_spin.setValue(3)
    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.save_error.isVisible()
    assert "Permission denied" in dialog.save_error.text()
    assert "Ingenting ändrades på disken." in dialog.save_error.text()


def test_an_open_dialog_follows_a_language_switch(
        qtbot: QtBot, studio: StudioWindow, open_dialog: Callable[[], SettingsDialog]) -> None:
    dialog = open_dialog()
    studio.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
    assert dialog.choose_button.text() == "Choose…"
    assert save_button(dialog).text().replace("&", "") == "Save"


def test_at_start_a_broken_settings_file_is_named_in_the_person_s_language() -> None:
    assert settings_problem_text() is None
    file = paths.settings_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(b"\xff\xfe garbage")
    text = settings_problem_text()
    assert text is not None
    assert text.startswith("Inställningsfilen kunde inte användas som den är")
    assert str(file) in text and "not JSON" in text
    assert file.read_bytes() == b"\xff\xfe garbage"


def test_privacy_mode_is_a_checkbox_that_is_saved_and_then_keeps_no_failure_screenshot(
        qtbot: QtBot, open_dialog: Callable[[], SettingsDialog], tmp_path: Path) -> None:
    dialog = open_dialog()
    assert dialog.privacy_check.text() == (
        "Integritetsläge: spara ingen skärmbild när ett steg misslyckas och ingen bild av hela "
        "fönstret vid inspelning")
    assert not dialog.privacy_check.isChecked()
    qtbot.mouseClick(dialog.privacy_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert settings.load().settings.privacy_mode is True

    from app.core.results.outcome import StepResult
    from app.core.results.run_log import RunLog
    from app.core.store import Store

    with Store(tmp_path / "db.sqlite") as store:
        log = RunLog(store, "/bots/x", {})
        result = StepResult(step_id="s", index=0, kind="click", status="failed",
                            started_at=1.0, ended_at=2.0, run_id="r1", error="not found",
                            screenshot_png=b"\x89PNG\r\n\x1a\n")
        log.end_step(KeyStep(id="s"), result)
        store.flush()
        [row] = store.step_results("r1")
    assert row["screenshot"] is None
    assert not (paths.data_dir() / "runs").exists()
