"""What each robot gives back, from the run log: the figures of the benefit view.

Per bot: runs, cases done (a case is one run, so a case is done when its run succeeded), robot
minutes (the runs' own time, failed ones included: that time was spent), and, beside them, the
human minutes those cases would have taken by hand. Hours saved is the human time of the cases
done less the robot's time. That is deliberately modest: an attended robot works on the
caseworker's desktop, so its minutes are not counted as free, and a failed run gives no case
but costs its time.

The human minutes per case come, in this order, from a value a superuser set for the bot
(``human_minutes_per_case`` in its bot.json) or from how long the latest finished recording of
that bot name took: recording a routine
is a person doing one case by hand. A bot with neither shows no human time and no saving rather
than a guess.

Everything here but the two store readers is a pure function of the runs, the human minutes and
a clock, so it is tested on a fixed clock; weeks are ISO weeks and months calendar months, both
in local time (``tz`` None is the computer's own zone).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.core.model.botfile import BotFileError, load_bot
from app.core.store import Store

HumanSource = Literal["set", "recording"]
# Weeks in the benefit chart: two months, enough to see a trend, few enough to read each bar.
CHART_WEEKS = 8


@dataclass(frozen=True)
class RunSpan:
    """One run as the figures need it: whose, when, how long, how it ended."""

    bot_name: str
    started_at: float
    ended_at: float | None
    status: str

    @property
    def minutes(self) -> float:
        if self.ended_at is None:
            return 0.0  # still running, or cut off without an end: no time known yet
        return max(0.0, self.ended_at - self.started_at) / 60


@dataclass(frozen=True)
class HumanTime:
    """How long one case takes a person, and where that figure comes from."""

    minutes: float
    source: HumanSource


@dataclass(frozen=True)
class Figures:
    """Runs, cases done and time over one period; human and saved minutes are None when the
    human time per case is not known."""

    runs: int = 0
    cases_done: int = 0
    robot_minutes: float = 0.0
    human_minutes: float | None = None

    @property
    def saved_minutes(self) -> float | None:
        if self.human_minutes is None:
            return None
        return self.human_minutes - self.robot_minutes

    @property
    def saved_hours(self) -> float | None:
        saved = self.saved_minutes
        return None if saved is None else saved / 60


@dataclass(frozen=True)
class BotBenefit:
    bot_name: str
    human: HumanTime | None
    total: Figures
    this_week: Figures
    this_month: Figures


@dataclass(frozen=True)
class WeekFigures:
    """One ISO week of the chart: ``monday`` is its first day (local)."""

    year: int
    week: int
    monday: datetime.date
    figures: Figures


# --- reading ---------------------------------------------------------------------------------


def run_spans(store: Store, *, since: float | None = None) -> list[RunSpan]:
    """Every run (started at ``since`` or later), oldest first; rows without a start are left
    out, since no period can hold them."""
    spans = []
    for row in store.run_spans(started_from=since):
        started, ended = row.get("started_at"), row.get("ended_at")
        if not isinstance(started, int | float):
            continue
        spans.append(RunSpan(
            bot_name=str(row.get("bot_name") or ""),
            started_at=float(started),
            ended_at=float(ended) if isinstance(ended, int | float) else None,
            status=str(row.get("status") or "")))
    return spans


def recorded_minutes(store: Store) -> dict[str, float]:
    """Per bot name, how many minutes its latest finished recording took."""
    minutes: dict[str, float] = {}
    for row in store.finished_sessions():  # oldest first, so the latest wins
        started, ended = row.get("started_at"), row.get("ended_at")
        if isinstance(started, int | float) and isinstance(ended, int | float) and ended > started:
            minutes[str(row.get("bot_name") or "")] = (ended - started) / 60
    return minutes


def minutes_set_in_bots(store: Store) -> dict[str, float]:
    """Per bot name, the human minutes per case its superuser set in bot.json
    (``human_minutes_per_case``), read from the folder its latest run came from; a bot whose
    folder is gone or cannot be loaded is left out (its recording's time is used instead)."""
    minutes: dict[str, float] = {}
    for name, folder in store.latest_bot_paths().items():
        try:
            bot = load_bot(Path(folder))
        except (BotFileError, OSError, ValueError):
            continue
        if bot.human_minutes_per_case is not None:
            minutes[name] = bot.human_minutes_per_case
    return minutes


# --- pure figures ----------------------------------------------------------------------------


def human_times(recorded: Mapping[str, float], set_by_superuser: Mapping[str, float]
                ) -> dict[str, HumanTime]:
    """Each bot's human minutes per case: the superuser's value wins over the recording's."""
    times = {name: HumanTime(minutes, "recording") for name, minutes in recorded.items()
             if minutes > 0}
    times.update({name: HumanTime(minutes, "set") for name, minutes in set_by_superuser.items()
                  if minutes > 0})
    return times


def figures(spans: Iterable[RunSpan], human: HumanTime | None) -> Figures:
    """The figures of ``spans``, all of one bot."""
    runs = cases = 0
    robot = 0.0
    for span in spans:
        runs += 1
        cases += span.status == "succeeded"
        robot += span.minutes
    return Figures(runs=runs, cases_done=cases, robot_minutes=robot,
                   human_minutes=None if human is None else cases * human.minutes)


def _local(timestamp: float, tz: datetime.tzinfo | None) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz)


def benefit_per_bot(spans: Iterable[RunSpan], human: Mapping[str, HumanTime], now: float,
                    tz: datetime.tzinfo | None = None) -> list[BotBenefit]:
    """Per bot (alphabetically): all time, this ISO week and this calendar month at ``now``."""
    today = _local(now, tz)
    week = today.isocalendar()[:2]
    month = (today.year, today.month)
    by_bot: dict[str, list[RunSpan]] = {}
    for span in spans:
        by_bot.setdefault(span.bot_name, []).append(span)
    result = []
    for name in sorted(by_bot, key=str.casefold):
        own = by_bot[name]
        started = [(span, _local(span.started_at, tz)) for span in own]
        this_week = [span for span, when in started if when.isocalendar()[:2] == week]
        this_month = [span for span, when in started if (when.year, when.month) == month]
        known = human.get(name)
        result.append(BotBenefit(name, known, figures(own, known),
                                 figures(this_week, known), figures(this_month, known)))
    return result


def weekly(spans: Iterable[RunSpan], human: Mapping[str, HumanTime], now: float, *,
           weeks: int = CHART_WEEKS, tz: datetime.tzinfo | None = None,
           bot_name: str | None = None) -> list[WeekFigures]:
    """The last ``weeks`` ISO weeks up to the one holding ``now``, oldest first, for one bot or
    (``bot_name`` None) all together; human minutes are summed over the bots that know theirs."""
    today = _local(now, tz).date()
    this_monday = today - datetime.timedelta(days=today.weekday())
    mondays = [this_monday - datetime.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    buckets: dict[datetime.date, list[RunSpan]] = {monday: [] for monday in mondays}
    any_known = bot_name in human if bot_name is not None else bool(human)
    for span in spans:
        if bot_name is not None and span.bot_name != bot_name:
            continue
        day = _local(span.started_at, tz).date()
        monday = day - datetime.timedelta(days=day.weekday())
        if monday in buckets:
            buckets[monday].append(span)
    result = []
    for monday in mondays:
        bucket = buckets[monday]
        robot = sum(span.minutes for span in bucket)
        cases = sum(span.status == "succeeded" for span in bucket)
        human_minutes = None
        if any_known:
            human_minutes = sum(human[span.bot_name].minutes for span in bucket
                                if span.status == "succeeded" and span.bot_name in human)
        year, week, _ = monday.isocalendar()
        result.append(WeekFigures(year, week, monday, Figures(
            runs=len(bucket), cases_done=cases, robot_minutes=robot,
            human_minutes=human_minutes)))
    return result
