"""The benefit view as a manager reads it: hours saved this month at the top, the figures per
bot, and a weekly chart of robot minutes against the same cases by hand, on a fixed clock."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.core.store import Store, new_id
from app.gui.benefit_view import BenefitTableModel, BenefitView
from app.gui.qt import QtCore, QtGui

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2026, 11, 25, 15, 0, tzinfo=STOCKHOLM).timestamp()


def at(month: int, day: int, hour: int = 10) -> float:
    return datetime.datetime(2026, month, day, hour, 0, tzinfo=STOCKHOLM).timestamp()


def add_run(store: Store, bot: str, started: float, minutes: float, status: str) -> None:
    store.insert("runs", {"id": new_id(), "bot_name": bot, "bot_path": "/bots/x",
                          "started_at": started, "ended_at": started + minutes * 60,
                          "status": status})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.sqlite") as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    session = store.start_session("Ansökan", 1920, 1080, "se")
    store.update("recording_sessions", session, {"started_at": at(10, 1), "status": "finished",
                                                  "ended_at": at(10, 1) + 12 * 60})
    for day in (23, 24, 24, 25):  # this week: four cases of 12 minutes, 3 robot minutes each
        add_run(store, "Ansökan", at(11, day), 3, "succeeded")
    add_run(store, "Ansökan", at(11, 10), 3, "succeeded")
    add_run(store, "Ansökan", at(11, 11), 2, "failed")
    add_run(store, "Frånvaro", at(11, 24), 1, "succeeded")
    return store


def view_on(qtbot: QtBot, store: Store, **options: object) -> BenefitView:
    view = BenefitView(store, clock=lambda: NOW, tz=STOCKHOLM, **options)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1100, 750)
    view.show()
    return view


def cell(view: BenefitView, row: int, column: int) -> str:
    return str(view.model.index(row, column).data())


def test_the_model_keeps_qt_s_rules(qtmodeltester: ModelTester, qtbot: QtBot,
                                    filled: Store) -> None:
    view = view_on(qtbot, filled)
    qtmodeltester.check(view.model)
    qtmodeltester.check(BenefitTableModel())


def test_the_figures_per_bot_with_the_human_time_from_the_recording(
        qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    assert [cell(view, 0, column) for column in range(8)] == [
        "Ansökan", "6", "5", "0.3 h", "12 min", "0.6 h", "0.7 h", "0.7 h"]
    assert cell(view, 1, 4) == "not known" and cell(view, 1, 7) == "–"
    assert "latest recording" in view.model.index(0, 4).data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert view.headline.text() == "0.7 h saved this month"
    assert "Not counted, since their time by hand is not known: Frånvaro." in view.subline.text()


def test_a_time_the_superuser_set_is_used_instead(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled, set_by_superuser={"Frånvaro": 30.0})
    assert cell(view, 1, 4) == "30 min"
    assert cell(view, 1, 5) == "0.5 h"  # one case: 30 minutes by hand less 1 robot minute


def test_the_chart_shows_every_bot_then_the_chosen_one(qtbot: QtBot, filled: Store) -> None:
    view = view_on(qtbot, filled)
    assert view.chart_title.text() == "Week by week, all bots"
    assert len(view.chart.weeks) == 8 and view.chart.weeks[-1].week == 48
    assert view.chart.weeks[-1].figures.robot_minutes == pytest.approx(13)
    view.table.selectRow(0)
    assert view.chart_title.text() == "Week by week: Ansökan"
    assert view.chart.weeks[-1].figures.human_minutes == pytest.approx(48)
    picture = view.chart.grab()
    assert not picture.isNull()
    assert _has_colour(picture.toImage(), QtGui.QColor("#1565c0"))
    assert _has_colour(picture.toImage(), QtGui.QColor("#ffa000"))


def _has_colour(image: QtGui.QImage, colour: QtGui.QColor) -> bool:
    return any(image.pixelColor(x, y) == colour
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_an_empty_store_says_what_the_view_will_show(qtbot: QtBot, store: Store) -> None:
    view = view_on(qtbot, store)
    assert view.stack.currentWidget() is view.empty_label
    assert view.headline.text() == "No runs yet"


def test_in_swedish_with_decimal_commas(qtbot: QtBot, filled: Store, swedish: None) -> None:
    view = view_on(qtbot, filled)
    assert view.windowTitle() == "Vad robotarna ger tillbaka"
    assert view.headline.text() == "0,7 h sparade den här månaden"
    assert cell(view, 0, 6) == "0,7 h"
    assert view.model.headerData(2, QtCore.Qt.Orientation.Horizontal) == "Klara ärenden"


def test_both_views_are_saved_as_pictures_in_swedish_for_a_person_to_look_at(
        qtbot: QtBot, filled: Store, tmp_path: Path, swedish: None) -> None:
    """Set ROBOTFABRIK_SHOTS to a folder to keep the pictures (history.png, benefit.png)."""
    from app.gui.history_view import HistoryView

    folder = Path(os.environ.get("ROBOTFABRIK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    history = HistoryView(filled)
    qtbot.addWidget(history)
    history.resize(1400, 900)
    history.show()
    benefit = view_on(qtbot, filled)
    for name, widget in (("history", history), ("benefit", benefit)):
        picture = widget.grab()
        assert picture.save(str(folder / f"{name}.png"), "PNG")
        assert picture.width() >= 1000
    assert history.windowTitle() == "Körhistorik"
