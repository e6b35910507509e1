"""What a robot gives back, as a manager reads it: cases done, robot time against the human time
those cases would have taken, hours saved this week and this month, on a fixed clock."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.model.bot import Bot, KeyStep
from app.core.model.botfile import BotFileError, load_bot, save_bot
from app.core.results.benefit import (
    HumanTime,
    RunSpan,
    benefit_per_bot,
    figures,
    human_times,
    minutes_set_in_bots,
    recorded_minutes,
    run_spans,
    weekly,
)
from app.core.store import Store

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> float:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM).timestamp()


def run(bot: str, started: float, minutes: float, status: str = "succeeded") -> RunSpan:
    return RunSpan(bot, started, started + minutes * 60, status)


# Wednesday 25 November 2026, ISO week 48.
NOW = at(2026, 11, 25, 15)


def test_cases_done_are_the_succeeded_runs_and_failed_runs_still_cost_robot_time() -> None:
    spans = [run("Ansökan", at(2026, 11, 23), 2), run("Ansökan", at(2026, 11, 24), 3),
             run("Ansökan", at(2026, 11, 24, 13), 1, "failed")]
    result = figures(spans, HumanTime(12, "recording"))
    assert (result.runs, result.cases_done) == (3, 2)
    assert result.robot_minutes == pytest.approx(6)
    assert result.human_minutes == pytest.approx(24)
    assert result.saved_minutes == pytest.approx(18)
    assert result.saved_hours == pytest.approx(0.3)


def test_without_a_human_time_there_is_no_saving_shown_rather_than_a_guess() -> None:
    result = figures([run("Ansökan", at(2026, 11, 23), 2)], None)
    assert result.human_minutes is None and result.saved_hours is None


def test_this_week_is_the_iso_week_and_this_month_the_calendar_month_in_local_time() -> None:
    spans = [
        run("Ansökan", at(2026, 11, 23, 0, 30), 1),   # Monday of week 48, just after midnight
        run("Ansökan", at(2026, 11, 22, 23, 30), 1),  # Sunday of week 47, still November
        run("Ansökan", at(2026, 11, 1, 0, 10), 1),    # 1 November, 00:10 in Stockholm
        run("Ansökan", at(2026, 10, 31, 23, 50), 1),  # October, though 22:50 in UTC
    ]
    [benefit] = benefit_per_bot(spans, {"Ansökan": HumanTime(10, "set")}, NOW, tz=STOCKHOLM)
    assert benefit.this_week.cases_done == 1
    assert benefit.this_month.cases_done == 3
    assert benefit.total.cases_done == 4
    assert benefit.this_week.saved_minutes == pytest.approx(9)


def test_a_week_across_new_year_belongs_to_its_iso_year() -> None:
    new_year = at(2027, 1, 1, 10)  # Friday; ISO week 53 of 2026
    spans = [run("Ansökan", at(2026, 12, 28), 1), run("Ansökan", at(2026, 12, 27), 1)]
    [benefit] = benefit_per_bot(spans, {}, new_year, tz=STOCKHOLM)
    assert benefit.this_week.runs == 1  # Monday 28 December, same ISO week; Sunday is not
    assert benefit.this_month.runs == 0  # January has no runs yet


def test_every_bot_gets_its_own_figures_with_its_own_human_time() -> None:
    spans = [run("Frånvaro", at(2026, 11, 24), 1), run("Ansökan", at(2026, 11, 24), 2),
             run("ansökan SFI", at(2026, 11, 24), 2)]
    human = {"Ansökan": HumanTime(15, "recording")}
    bots = benefit_per_bot(spans, human, NOW, tz=STOCKHOLM)
    assert [bot.bot_name for bot in bots] == ["Ansökan", "ansökan SFI", "Frånvaro"]
    assert bots[0].human == HumanTime(15, "recording") and bots[0].total.saved_minutes == 13
    assert bots[2].human is None and bots[2].total.saved_minutes is None


def test_a_value_the_superuser_set_wins_over_the_recording() -> None:
    times = human_times({"Ansökan": 9.5, "Frånvaro": 4.0, "Tom": 0.0}, {"Ansökan": 12.0})
    assert times == {"Ansökan": HumanTime(12.0, "set"), "Frånvaro": HumanTime(4.0, "recording")}


def test_the_chart_has_one_bar_pair_per_week_oldest_first_including_empty_weeks() -> None:
    spans = [run("Ansökan", at(2026, 11, 24), 2), run("Ansökan", at(2026, 11, 17), 4),
             run("Ansökan", at(2026, 11, 18), 4, "failed"), run("Frånvaro", at(2026, 11, 24), 5),
             run("Ansökan", at(2026, 9, 1), 60)]  # older than the chart
    human = {"Ansökan": HumanTime(10, "set")}
    weeks = weekly(spans, human, NOW, weeks=4, tz=STOCKHOLM, bot_name="Ansökan")
    assert [(week.year, week.week) for week in weeks] == [(2026, 45), (2026, 46), (2026, 47),
                                                          (2026, 48)]
    assert weeks[0].monday == datetime.date(2026, 11, 2)
    assert [week.figures.robot_minutes for week in weeks] == pytest.approx([0, 0, 8, 2])
    assert [week.figures.human_minutes for week in weeks] == pytest.approx([0, 0, 10, 10])
    everyone = weekly(spans, human, NOW, weeks=4, tz=STOCKHOLM)
    assert everyone[-1].figures.robot_minutes == pytest.approx(7)
    assert everyone[-1].figures.human_minutes == pytest.approx(10)  # Frånvaro's is not known
    unknown = weekly(spans, human, NOW, weeks=4, tz=STOCKHOLM, bot_name="Frånvaro")
    assert all(week.figures.human_minutes is None for week in unknown)


def test_runs_and_recordings_are_read_from_the_store(tmp_path: Path) -> None:
    with Store(tmp_path / "store.sqlite") as store:
        first = store.start_session("Ansökan", 1920, 1080, "se")
        store.update("recording_sessions", first, {"started_at": 100.0, "ended_at": 400.0,
                                                    "status": "finished"})
        latest = store.start_session("Ansökan", 1920, 1080, "se")
        store.update("recording_sessions", latest, {"started_at": 1000.0, "ended_at": 1480.0,
                                                     "status": "finished"})
        store.start_session("Frånvaro", 1920, 1080, "se")  # still recording: no time yet
        run_id = store.start_run("Ansökan", "/bots/ansokan", {})
        store.update("runs", run_id, {"started_at": 2000.0})
        store.end_run(run_id, "succeeded", None)
        store.start_run("Ansökan", "/bots/ansokan", {})  # under way: no end yet
        assert recorded_minutes(store) == {"Ansökan": 8.0}
        spans = run_spans(store)
    assert [span.status for span in spans] == ["succeeded", "running"]
    assert spans[0].started_at == 2000.0
    assert spans[1].ended_at is None and spans[1].minutes == 0.0


def test_the_human_minutes_a_superuser_set_in_bot_json_are_kept_and_read_back(
        tmp_path: Path) -> None:
    folder = tmp_path / "ansokan"
    save_bot(Bot("Ansökan", steps=[KeyStep(key="enter")], human_minutes_per_case=12.5), folder)
    assert load_bot(folder).human_minutes_per_case == 12.5
    assert '"human_minutes_per_case": 12.5' in (folder / "bot.json").read_text(encoding="utf-8")
    plain = tmp_path / "plain"
    save_bot(Bot("Plain", steps=[KeyStep(key="enter")]), plain)
    assert "human_minutes_per_case" not in (plain / "bot.json").read_text(encoding="utf-8")
    with Store(tmp_path / "store.sqlite") as store:
        store.start_run("Ansökan", str(tmp_path / "gone"), {})
        store.start_run("Ansökan", str(folder), {})  # the latest run says where the bot is
        store.start_run("Plain", str(plain), {})
        store.start_run("Borta", str(tmp_path / "nowhere"), {})
        assert minutes_set_in_bots(store) == {"Ansökan": 12.5}


@pytest.mark.parametrize("value", [0, -3, 1e9, "tio", True])
def test_a_human_time_that_cannot_be_is_refused_naming_the_field(
        tmp_path: Path, value: object) -> None:
    folder = tmp_path / "ansokan"
    save_bot(Bot("Ansökan", steps=[KeyStep(key="enter")]), folder)
    document = json.loads((folder / "bot.json").read_text(encoding="utf-8"))
    document["human_minutes_per_case"] = value
    (folder / "bot.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BotFileError, match="field 'human_minutes_per_case'"):
        load_bot(folder)
