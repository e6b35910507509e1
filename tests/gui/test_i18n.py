"""The studio speaks Swedish, Danish or English: chosen by the system, the settings or the
environment, switched while it runs, with numbers, dates and Qt's own buttons to match."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core import paths, settings
from app.core.model.bot import Bot, ClickStep, KeyStep, Point, Target, TypeTextStep, WaitStep
from app.core.model.botfile import save_bot
from app.gui import i18n
from app.gui.qt import QtWidgets
from app.gui.step_model import Column
from app.gui.studio import StudioWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WINDOW = "Sagssystem – Økonomisk hjælp"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_language(None)


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in ("ROBOTFABRIK_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def a_bot() -> Path:
    bot = Bot(name="Økonomisk hjælp", steps=[
        ClickStep(id="sog", target=Target(window_title=WINDOW, window_point=Point(5, 6))),
        TypeTextStep(id="cpr", text="Jens Hansen", window_title=WINDOW, enabled=False),
        KeyStep(id="enter", key="space", window_title=WINDOW),
        WaitStep(id="vent", seconds=1.5),
    ])
    folder = paths.library_dir() / "okonomisk-hjaelp"
    save_bot(bot, folder)
    return folder


def menus(window: StudioWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


def column(window: StudioWindow, which: Column) -> list[object]:
    model = window.step_table.model()
    return [model.index(row, which).data() for row in range(model.rowCount())]


# ---------------------------------------------------------------- the window


def test_a_window_switched_to_danish_shows_danish(make_window: Callable[[], StudioWindow]) -> None:
    i18n.set_language("sv")
    folder = a_bot()
    window = make_window()
    window.select_bot(folder)
    assert menus(window) == ["Arkiv", "Redigera", "Visa", "Kör", "Hjälp"]

    window.language_actions["da"].trigger()

    assert menus(window) == ["Filer", "Rediger", "Vis", "Kør", "Hjælp"]
    assert window.open_action.text().replace("&", "") == "Åbn robotmappe…"
    assert window.settings_action.text().replace("&", "") == "Indstillinger…"
    assert [a.text() for a in window.toolbar.actions() if not a.isSeparator()][:2] == [
        "Optag", "Kør"]
    assert window.language_actions["da"].isChecked()
    headings = [window.bot_list.topLevelItem(row).text(0)  # type: ignore[union-attr]
                for row in range(window.bot_list.topLevelItemCount())]
    assert headings == ["Mine robotter", "Eksempler"]
    assert column(window, Column.KIND) == ["Klik", "Skriv tekst", "Tast", "Vent"]
    assert column(window, Column.VALUE)[2:] == ["Mellemrum", "1,5 s"]
    header = window.step_table.model().headerData(Column.DESCRIPTION,
                                                  i18n.QtCore.Qt.Orientation.Horizontal)
    assert header == "Beskrivelse"
    assert window.step_count_label.text() == "4 trin · 1 slået fra"
    assert window.parameters_title.text() == "Parametre"


def test_counted_texts_take_each_language_s_plural_forms() -> None:
    expected = {"sv": ("1 steg", "2 steg", "1 avstängt", "2 avstängda"),
                "da": ("1 trin", "2 trin", "1 slået fra", "2 slået fra"),
                "en": ("1 step", "2 steps", "1 is switched off", "2 are switched off")}
    for code, texts in expected.items():
        i18n.set_language(code)  # type: ignore[arg-type]
        assert (i18n.tr("%n step(s)", "", 1), i18n.tr("%n step(s)", "", 2),
                i18n.tr("%n switched off", "", 1), i18n.tr("%n switched off", "", 2)) == texts


def test_qt_s_own_buttons_follow_the_language(qtbot: QtBot) -> None:
    def buttons() -> list[str]:
        box = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Save
                                         | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        return sorted(button.text().replace("&", "") for button in box.buttons())

    i18n.set_language("da")
    assert buttons() == ["Annuller", "Gem"]
    i18n.set_language("sv")
    assert buttons() == ["Avbryt", "Spara"]
    i18n.set_language("en")
    assert buttons() == ["Cancel", "Save"]


def test_numbers_and_dates_are_written_as_each_language_writes_them() -> None:
    day = datetime.datetime(2026, 11, 30, 14, 5)
    written = {}
    for code in i18n.LANGUAGES:
        i18n.set_language(code)
        written[code] = (i18n.format_number(1250.5), i18n.format_seconds(0.25),
                         i18n.format_date(day.date()), i18n.format_datetime(day))
    assert written["sv"] == ("1250,5", "0,25 s", "2026-11-30", "2026-11-30 14:05")
    assert written["da"] == ("1250,5", "0,25 s", "30.11.2026", "30.11.2026 14.05")
    assert written["en"] == ("1250.5", "0.25 s", "30/11/2026", "30/11/2026 14:05")


# ---------------------------------------------------------------- which language


@pytest.mark.parametrize(("lang", "expected"), [
    ("da_DK.UTF-8", "da"), ("da", "da"), ("sv_SE.UTF-8", "sv"), ("sv_FI", "sv"),
    ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en"), ("nb_NO.UTF-8", "en"),
])
def test_the_system_locale_chooses(no_locale: pytest.MonkeyPatch, lang: str,
                                   expected: str) -> None:
    no_locale.setenv("LANG", lang)
    i18n.set_language(None)
    assert i18n.language() == expected


def test_the_settings_file_overrides_the_system_and_the_environment_overrides_both(
        no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LANG", "sv_SE.UTF-8")
    settings.save(settings.Settings(language="da"))
    i18n.set_language(None)
    assert i18n.language() == "da"
    assert i18n.tr("Steps") == "Trin"
    no_locale.setenv("ROBOTFABRIK_LANGUAGE", "en")
    i18n.set_language(None)
    assert i18n.language() == "en"
    assert i18n.tr("Steps") == "Steps"


def test_system_in_the_settings_means_the_system_s_language(
        no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LANG", "da_DK.UTF-8")
    settings.save(settings.Settings(language="system"))
    i18n.set_language(None)
    assert i18n.language() == "da"


def test_a_language_chosen_in_the_menu_is_kept_in_the_settings(
        make_window: Callable[[], StudioWindow]) -> None:
    window = make_window()
    window.language_actions["da"].trigger()
    assert settings.load().settings.language == "da"
    assert json.loads(paths.settings_path().read_text(encoding="utf-8"))["language"] == "da"


def test_a_broken_settings_file_is_not_overwritten_by_the_language_menu(
        make_window: Callable[[], StudioWindow]) -> None:
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text("{ not json", encoding="utf-8")
    window = make_window()
    window.language_actions["da"].trigger()
    assert menus(window) == ["Filer", "Rediger", "Vis", "Kør", "Hjælp"]
    assert paths.settings_path().read_text(encoding="utf-8") == "{ not json"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("de")  # type: ignore[arg-type]
