"""The run history window as a superuser uses it: filter the runs, page through them, open one
to its steps and the screen of the step that failed, and save it as CSV or an HTML report."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep
from app.core.model.botfile import save_bot
from app.core.results.history import PAGE_SIZE, recent_runs, run_steps
from app.core.store import Store
from app.gui.history_view import (
    HistoryView,
    RunPageModel,
    StepColumn,
    StepResultModel,
    open_history_window,
)
from app.gui.qt import QtCore, QtWidgets


def a_png(path: Path) -> str:
    picture = np.zeros((300, 400, 3), dtype=np.uint8)
    picture[50:100, 50:300] = (40, 40, 200)
    assert cv2.imwrite(str(path), picture)
    return str(path)


def add_run(store: Store, bot: str, status: str, started: datetime.datetime, *,
            steps: int = 3, screenshot: str | None = None) -> str:
    start = started.timestamp()
    run_id = f"{start:013.0f}{bot}{status}"
    store.insert("runs", {"id": run_id, "bot_name": bot, "bot_path": f"/bots/{bot}",
                          "started_at": start, "ended_at": start + 2 * steps,
                          "status": status, "parameters_json": '{"losenord": "•••"}',
                          "reason": f"step {steps}: not found" if status == "failed" else None})
    for index in range(steps):
        failed = status == "failed" and index == steps - 1
        store.add_step_result(run_id=run_id, step_id=f"s{index}", step_index=index,
                              step_type="click", status="failed" if failed else "succeeded",
                              started_at=start + 2 * index, ended_at=start + 2 * index + 1.5,
                              found_by="none" if failed else "anchor",
                              score=None if failed else 0.97,
                              error="the picture of Spara was not found" if failed else None,
                              screenshot=screenshot if failed else None)
    return run_id


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.sqlite") as opened:
        yield opened


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    day = datetime.datetime(2026, 11, 2, 9, 0)
    add_run(store, "Ansökan", "succeeded", day)
    add_run(store, "Ansökan", "failed", day + datetime.timedelta(days=1),
            screenshot=a_png(tmp_path / "step-003.png"))
    add_run(store, "Frånvaro", "succeeded", day + datetime.timedelta(days=2))
    add_run(store, "Frånvaro", "aborted", day + datetime.timedelta(days=3))
    return store


def view_on(qtbot: QtBot, store: Store) -> HistoryView:
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


def shown_bots(view: HistoryView) -> list[str]:
    return [run.bot_name for run in view.run_model.runs]


def test_the_models_keep_qt_s_rules(qtmodeltester: ModelTester, qtbot: QtBot,
                                    filled: Store) -> None:
    view = view_on(qtbot, filled)
    qtmodeltester.check(view.run_model)
    qtmodeltester.check(view.step_model)
    qtmodeltester.check(RunPageModel())
    qtmodeltester.check(StepResultModel())


def test_it_opens_on_the_newest_run_with_its_steps(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    assert shown_bots(view) == ["Frånvaro", "Frånvaro", "Ansökan", "Ansökan"]
    assert view.current_run is not None and view.current_run.status == "aborted"
    assert len(view.step_model.steps) == 3
    assert view.page_label.text() == "Runs 1–4 of 4"
    assert not view.newer_button.isEnabled() and not view.older_button.isEnabled()


def test_filters_by_bot_result_and_days(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    view.bot_filter.setCurrentIndex(view.bot_filter.findText("Ansökan"))
    assert shown_bots(view) == ["Ansökan", "Ansökan"]
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    assert [run.status for run in view.run_model.runs] == ["failed"]
    view.bot_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(0)
    view.from_date.setDate(QtCore.QDate(2026, 11, 3))
    view.to_date.setDate(QtCore.QDate(2026, 11, 4))
    assert [run.status for run in view.run_model.runs] == ["succeeded", "failed"]
    assert view.page_label.text() == "Runs 1–2 of 2"


def test_a_failed_run_opens_on_its_failed_step_with_the_screen_shown(
        qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    assert view.step_table.currentIndex().row() == 2
    assert view.screenshot.pixmap() is not None and not view.screenshot.pixmap().isNull()
    assert view.screenshot_caption.text() == "Screen when step 3 failed"
    qtbot.mouseClick(view.screenshot, QtCore.Qt.MouseButton.LeftButton)
    [dialog] = [child for child in view.findChildren(QtWidgets.QDialog) if child.isVisible()]
    assert dialog.windowTitle() == "Screen when step 3 failed"
    dialog.close()
    assert "the picture of Spara was not found" in [
        view.step_model.index(2, column).data() for column in range(8)]


def test_a_screenshot_removed_after_its_time_is_explained(
        qtbot: QtBot, filled: Store, tmp_path: Path) -> None:
    (tmp_path / "step-003.png").unlink()
    view = view_on(qtbot, filled)
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    assert "has been removed" in view.screenshot_caption.text()


def test_pages_go_older_and_back_newer(qtbot: QtBot, store: Store) -> None:
    first = datetime.datetime(2026, 1, 1, 8, 0)
    for number in range(PAGE_SIZE + 5):
        add_run(store, "Ansökan", "succeeded", first + datetime.timedelta(hours=number),
                steps=1)
    view = view_on(qtbot, store)
    assert view.page_label.text() == f"Runs 1–{PAGE_SIZE} of {PAGE_SIZE + 5}"
    newest = view.run_model.runs[0].run_id
    qtbot.mouseClick(view.older_button, QtCore.Qt.MouseButton.LeftButton)
    assert view.page_label.text() == f"Runs {PAGE_SIZE + 1}–{PAGE_SIZE + 5} of {PAGE_SIZE + 5}"
    assert len(view.run_model.runs) == 5 and not view.older_button.isEnabled()
    qtbot.mouseClick(view.newer_button, QtCore.Qt.MouseButton.LeftButton)
    assert view.run_model.runs[0].run_id == newest


def test_an_empty_history_says_so_and_so_do_filters_that_match_nothing(
        qtbot: QtBot, store: Store, filled: Store) -> None:
    empty = Store(store.path.with_name("empty.sqlite"))
    try:
        view = view_on(qtbot, empty)
        assert view.runs_stack.currentWidget() is view.empty_label
        assert view.empty_label.text().startswith("No runs yet")
        assert not view.csv_button.isEnabled() or not view.details.isEnabled()
    finally:
        empty.close()
    view = view_on(qtbot, filled)
    view.from_date.setDate(QtCore.QDate(2027, 1, 1))
    assert view.empty_label.text().startswith("No runs match these filters")


def test_a_run_without_steps_says_so(qtbot: QtBot, store: Store) -> None:
    add_run(store, "Ansökan", "failed", datetime.datetime(2026, 11, 2, 9, 0), steps=0)
    view = view_on(qtbot, store)
    assert "No steps were recorded for this run." in view.run_summary.text()


def test_a_run_is_saved_as_csv_and_as_a_report(qtbot: QtBot, filled: Store,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    view = view_on(qtbot, filled)
    view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
    chosen = [tmp_path / "korning.csv", tmp_path / "korning.html"]
    monkeypatch.setattr(view, "ask_save_path", lambda *_: chosen.pop(0))
    qtbot.mouseClick(view.csv_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.html_button, QtCore.Qt.MouseButton.LeftButton)
    assert (tmp_path / "korning.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    page = (tmp_path / "korning.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "•••" in page
    assert view.export_status.text() == f"Saved {tmp_path / 'korning.html'}"


def test_a_cancelled_or_impossible_save_writes_nothing_and_says_why(
        qtbot: QtBot, filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    view = view_on(qtbot, filled)
    monkeypatch.setattr(view, "ask_save_path", lambda *_: None)
    assert not view.export_csv()
    assert view.export_status.text() == ""
    assert not view.export_csv(tmp_path / "no-such-folder" / "korning.csv")
    assert view.export_status.text().startswith("Could not save")
    assert not (tmp_path / "no-such-folder").exists()


def test_in_swedish(qtbot: QtBot, filled: Store, swedish: None) -> None:
    view = view_on(qtbot, filled)
    assert view.windowTitle() == "Körhistorik"
    assert view.page_label.text() == "Körningar 1–4 av 4"
    assert view.run_model.headerData(2, QtCore.Qt.Orientation.Horizontal) == "Resultat"
    assert view.run_model.index(0, 2).data() == "avbruten"  # the aborted run is the newest


def test_the_studio_opens_history_and_benefit_as_two_tabs_of_one_window(qtbot: QtBot) -> None:
    window = open_history_window()
    assert window is not None
    qtbot.addWidget(window)
    assert [window.tabs.tabText(tab) for tab in range(window.tabs.count())] == [
        "Run history", "What the robots give back"]
    assert window.history.empty_label.text().startswith("No runs yet")
    window.close()
    with pytest.raises(RuntimeError, match="closed"):
        window.store.runs()


def test_each_step_says_what_it_does_when_the_bot_is_still_there(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ansokan"
    save_bot(Bot("Ansökan", parameters=[Parameter("namn")], steps=[
        TypeTextStep(id="s0", text="{{namn}}", window_title="Socialsystemet – Ansökan"),
        KeyStep(id="s1", key="tab"), KeyStep(id="s2", key="enter")]), folder)
    run_id = add_run(store, "Ansökan", "succeeded", datetime.datetime(2026, 11, 2, 9, 0))
    store.update("runs", run_id, {"bot_path": str(folder)})
    store.update("step_results", 1, {"step_type": "type_text"})
    store.update("step_results", 2, {"step_type": "key"})
    view = view_on(qtbot, store)
    what = [view.step_model.index(row, StepColumn.WHAT).data() for row in range(3)]
    assert what == ["{{namn}} · Socialsystemet – Ansökan", "Tab", ""]
    assert view.step_model.index(0, StepColumn.KIND).data() == "Type text"
    assert view.step_model.index(2, StepColumn.KIND).data() == "Click"  # the bot has a key now


def test_a_run_whose_bot_is_gone_still_shows_its_steps(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)  # their folders (/bots/…) do not exist
    assert len(view.step_model.steps) == 3
    assert view.step_model.index(0, StepColumn.WHAT).data() == ""


def test_the_bench_builds_its_store_once_and_times_the_first_page(tmp_path: Path) -> None:
    from app.bench.history_bench import build_store, history_open_ms

    database = build_store(2_000, tmp_path)
    made = database.stat().st_mtime_ns
    assert build_store(2_000, tmp_path) == database and database.stat().st_mtime_ns == made
    with Store(database) as store:
        assert sum(len(run_steps(store, run.run_id)) for run in recent_runs(store, 0)) == 2_000
    assert history_open_ms(database, repeats=1) > 0


# A popup on Qt's offscreen platform can neither be raised nor grab the keyboard; it still shows.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                           "This plugin does not support raise",
                           "This plugin does not support grabbing the keyboard")
def test_an_empty_date_opens_its_calendar_on_this_month(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    qtbot.waitExposed(view)
    edit = view.from_date
    option = QtWidgets.QStyleOptionSpinBox()
    edit.initStyleOption(option)
    arrow = edit.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_SpinBox, option,
                                        QtWidgets.QStyle.SubControl.SC_SpinBoxDown, edit)
    qtbot.mouseClick(edit, QtCore.Qt.MouseButton.LeftButton, pos=arrow.center())
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QtCore.QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert edit.text() == "any day"
    calendar.window().hide()


def test_the_tray_notice_opens_the_history_on_its_run(qtbot: QtBot, store: Store) -> None:
    day = datetime.datetime(2026, 11, 2, 9, 0)
    # Run ids are lower-case, as the store makes them.
    wanted = add_run(store, "franvaro", "failed", day)
    for minutes in range(1, PAGE_SIZE + 3):  # the wanted run is no longer on the first page
        add_run(store, "hyra", "succeeded", day + datetime.timedelta(minutes=minutes))
    view = HistoryView(store)
    qtbot.addWidget(view)
    newest = add_run(store, "avgift", "succeeded", day + datetime.timedelta(hours=5))
    view.reload()

    assert view.show_run(newest)
    assert view.current_run is not None and view.current_run.run_id == newest
    assert view.show_run(wanted)
    assert view.current_run is not None and view.current_run.run_id == wanted
    assert not view.show_run("0123456789abcdef")
