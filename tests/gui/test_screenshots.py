"""Pictures of the studio for a person to look at, in Swedish and in Danish.

The shipped example bot is open with a click step chosen, so the step table shows its
thumbnails and the property panel its picture on its window; the same click put inside a
decision is shown in its own window (``branch-step-sv.png``); the history shows a failed run
with its screen, and the benefit view a month of runs. Set ``ROBOTFABRIK_SHOTS`` to a folder to
keep the pictures (``studio-sv.png``, ``history-da.png`` …); each test also checks that the
window really speaks the language it was saved in.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core import paths
from app.core.model.botfile import load_bot, save_bot
from app.core.model.decision_edits import wrap_in_decision
from app.core.store import Store
from app.gui import i18n
from app.gui.benefit_view import BenefitView
from app.gui.history_view import HistoryView
from app.gui.qt import QtCore, QtWidgets
from app.gui.step_pictures import WindowPictureView
from app.gui.studio import StudioWindow

EXAMPLE = Path(__file__).resolve().parents[2] / "recordings" / "ekonomiskt-bistand"
# The step whose picture the property panel shows: the click on "Logga in".
LOGIN_CLICK = 4

WORDS = {
    "sv": {"menu": "Arkiv", "step": "Steg 5", "history": "Körhistorik",
           "approved": "Om det godkänns"},
    "da": {"menu": "Filer", "step": "Trin 5", "history": "Kørselshistorik",
           "approved": "Hvis det godkendes"},
}


@pytest.fixture(params=["sv", "da"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    code: str = request.param
    i18n.set_language(code)  # type: ignore[arg-type]
    yield code
    i18n.set_language("en")
    application = QtCore.QCoreApplication.instance()
    if application is not None:
        i18n.install_qt_translations(application)
    i18n.set_language(None)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ROBOTFABRIK_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(widget: QtWidgets.QWidget, path: Path) -> None:
    picture = widget.grab()
    assert picture.save(str(path), "PNG")
    assert picture.width() >= 1000


def texts_in(widget: QtWidgets.QWidget) -> set[str]:
    found = {label.text() for label in widget.findChildren(QtWidgets.QLabel)}
    found |= {widget.windowTitle()}
    return found


def test_the_studio_with_a_recorded_bot(qtbot: QtBot, examples_dir: Path, language: str,
                                        shots: Path) -> None:
    shutil.copytree(EXAMPLE, examples_dir / EXAMPLE.name)
    window = StudioWindow()
    qtbot.addWidget(window)
    window.resize(1600, 980)
    window.show()
    assert window.select_bot(examples_dir / EXAMPLE.name)
    window.editor.select_rows([LOGIN_CLICK])
    qtbot.waitUntil(lambda: window.property_panel.step() is not None)
    window_picture = window.property_panel.findChild(WindowPictureView)
    assert window_picture is not None
    # The picture takes its height from the panel's width once the layout has settled.
    qtbot.waitUntil(lambda: window_picture.height() > 150)
    save(window, shots / f"studio-{language}.png")
    assert window.menuBar().actions()[0].text().replace("&", "") == WORDS[language]["menu"]
    assert any(text.startswith(WORDS[language]["step"]) for text in texts_in(window))


# The offscreen platform cannot raise the window it shows.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                           r"This plugin does not support raise\(\)")
def test_a_step_inside_a_decision_shown_in_its_own_window(
        qtbot: QtBot, examples_dir: Path, language: str, shots: Path) -> None:
    folder = examples_dir / EXAMPLE.name
    shutil.copytree(EXAMPLE, folder)
    bot = load_bot(folder)
    clicked = bot.steps[LOGIN_CLICK].id
    wrap_in_decision(bot, [LOGIN_CLICK], "Logga in?")
    save_bot(bot, folder)
    window = StudioWindow()
    qtbot.addWidget(window)
    window.resize(1600, 980)
    window.show()
    assert window.select_bot(folder)
    window.editor.select_rows([LOGIN_CLICK])
    qtbot.waitUntil(window.decision_panel.isVisible)
    window.decision_panel.boxes["approve"].open_chosen()
    dialog = window.branch_step_dialog
    assert dialog is not None and dialog.step_id == clicked
    qtbot.waitUntil(dialog.isVisible)
    window_picture = dialog.panel.findChild(WindowPictureView)
    assert window_picture is not None
    qtbot.waitUntil(lambda: window_picture.height() > 150)
    assert dialog.grab().save(str(shots / f"branch-step-{language}.png"), "PNG")
    assert WORDS[language]["approved"] in dialog.windowTitle()


@pytest.fixture
def store_with_runs(examples_dir: Path) -> Iterator[Store]:
    shutil.copytree(EXAMPLE, examples_dir / EXAMPLE.name)
    folder = examples_dir / EXAMPLE.name
    screen = paths.data_dir() / "runs" / "skarm.png"
    screen.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "images" / "window-00039.png", screen)
    bot = load_bot(folder)
    ways = {"click": "anchor", "type_text": None, "key": None}
    steps = [(step.id, step.kind, ways.get(step.kind, "window")) for step in bot.steps[:9]]
    with Store(paths.database_path()) as store:
        for case in range(6):
            run = store.start_run("Ekonomiskt bistånd – registrera ansökan", str(folder),
                                  {"personnummer": "19830309-4562", "losenord": "•••"})
            started = time.time() - 3600 * (case + 1)
            failed = case == 0
            for index, (step_id, kind, found_by) in enumerate(steps):
                last = failed and index == len(steps) - 1
                store.add_step_result(
                    run_id=run, step_id=step_id, step_index=index, step_type=kind,
                    status="failed" if last else "succeeded", started_at=started + index,
                    ended_at=started + index + 0.4 + 0.1 * index,
                    found_by=None if last else found_by,
                    score=0.97 if found_by == "anchor" else None,
                    error="the picture was not found within 10 s" if last else None,
                    screenshot=str(screen) if last else None)
            store.end_run(run, "failed" if failed else "succeeded",
                          f"step {len(steps)} failed" if failed else None)
        yield store


def test_the_history_and_the_benefit_view(qtbot: QtBot, store_with_runs: Store, language: str,
                                          shots: Path) -> None:
    history = HistoryView(store_with_runs)
    qtbot.addWidget(history)
    history.resize(1400, 900)
    history.show()
    # The failed run, open on its failed step and the screen it left.
    history.status_filter.setCurrentIndex(history.status_filter.findData("failed"))
    qtbot.waitUntil(lambda: history.screenshot.pixmap() is not None
                    and not history.screenshot.pixmap().isNull())
    benefit = BenefitView(store_with_runs, set_by_superuser={
        "Ekonomiskt bistånd – registrera ansökan": 9.5})
    qtbot.addWidget(benefit)
    benefit.resize(1200, 800)
    benefit.show()
    save(history, shots / f"history-{language}.png")
    save(benefit, shots / f"benefit-{language}.png")
    assert history.windowTitle() == WORDS[language]["history"]


TRAY_WORDS = {
    "sv": {"menu": "Öppna studion", "form": "kontrollsiffran", "progress": "Pausa (Ctrl+F11)"},
    "da": {"menu": "Åbn studiet", "form": "kontrolcifferet", "progress": "Pause (Ctrl+F11)"},
}


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                           r"This plugin does not support raise\(\)",
                           "This plugin does not support grabbing the keyboard")
def test_the_tray_menu_the_form_and_the_progress_window(
        qtbot: QtBot, examples_dir: Path, language: str, shots: Path) -> None:
    from app.core.model.library import BotEntry
    from app.gui.progress_window import ProgressWindow
    from app.gui.run_dialogs import ParameterForm, step_summary
    from app.gui.tray import TrayApp

    shutil.copytree(EXAMPLE, examples_dir / EXAMPLE.name)
    bot = load_bot(examples_dir / EXAMPLE.name)
    tray = TrayApp(tray_available=True, watcher_factory=None,
                   bots=lambda: [BotEntry(examples_dir / EXAMPLE.name, "examples", bot=bot)])
    words = TRAY_WORDS[language]

    menu = tray.menu
    menu.popup(QtCore.QPoint(0, 0))
    qtbot.waitExposed(menu)
    assert menu.grab().save(str(shots / f"tray-menu-{language}.png"), "PNG")
    assert words["menu"] in [action.text() for action in menu.actions()]
    menu.hide()

    form = ParameterForm(bot.name, bot.parameters)
    qtbot.addWidget(form)
    form.show()
    form.set_value("losenord", "ovning")
    form.set_value("personnummer", "19610309-7356")
    form.set_value("namn", "Pär Nyström")
    form.set_value("belopp", "6 300")
    assert form.grab().save(str(shots / f"tray-form-{language}.png"), "PNG")
    assert words["form"] in form.messages["personnummer"].text()

    progress = ProgressWindow(bot.name, "Ctrl+F12", "Ctrl+F11")
    qtbot.addWidget(progress)
    progress.set_case("")
    progress.set_progress(step_summary(bot.steps[8]))
    progress.show()
    assert progress.grab().save(str(shots / f"tray-progress-{language}.png"), "PNG")
    assert progress.paused_text() == words["progress"]
