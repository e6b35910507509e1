"""The run history read back as typed objects: what ``robotfabrik runs``, the studio and the tray
show of past runs.

The store hands back rows; this module is where they become ``RunRecord`` and ``StepRecord``, so
no reader elsewhere picks at column names or guesses at types. A value the database holds in an
unexpected shape (an older version's row, a hand-edited file) is read as "not known" (None)
rather than failing the whole listing.

The history view pages through runs with ``run_page`` (filtered by ``RunFilter``, newest first,
each page continuing after a ``RunCursor``) and counts them with ``count_runs``; neither ever
reads more than one page of the store.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from app.core.store import RUN_STATUSES, Row, Store

# Shorter starts of a run id match too many runs to be useful (the first hex digits of an id
# are its creation time).
MIN_ID_PREFIX = 6
# SQLite reads a negative LIMIT as "no limit".
_EVERY_RUN = -1
# Rows a history page shows: a screenful and a bit, small enough to read from any depth at once.
PAGE_SIZE = 100


class RunNotFoundError(LookupError):
    """No run, or more than one, matches what was asked for; the message says which."""


@dataclass(frozen=True)
class StepRecord:
    """One step of a past run as the run log kept it; ``index`` counts from 0."""

    index: int
    step_id: str
    kind: str
    status: str
    started_at: float | None
    ended_at: float | None
    found_by: str | None
    score: float | None
    error: str | None
    screenshot: str | None

    @property
    def duration_s(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at)


@dataclass(frozen=True)
class RunRecord:
    """One past run: which bot, when, how it ended, and the values it was given (secrets masked
    before they were stored)."""

    run_id: str
    bot_name: str
    bot_path: str
    started_at: float | None
    ended_at: float | None
    status: str
    reason: str | None
    parameters: dict[str, str] = field(default_factory=dict)
    # The audit facts: the operating-system user who ran it, and the bot exactly as it ran
    # (sha256 of its bot.json, the file's format version). None for runs from before they were
    # kept.
    os_user: str | None = None
    bot_sha256: str | None = None
    bot_version: str | None = None

    @property
    def duration_s(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _parameters(raw: object) -> dict[str, str]:
    if not isinstance(raw, str) or not raw:
        return {}
    try:
        decoded = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    if not isinstance(decoded, dict):
        return {}
    return {str(name): str(value) for name, value in decoded.items()}


def run_record(row: Row) -> RunRecord:
    return RunRecord(
        run_id=str(row["id"]),
        bot_name=str(row.get("bot_name") or ""),
        bot_path=str(row.get("bot_path") or ""),
        started_at=_number(row.get("started_at")),
        ended_at=_number(row.get("ended_at")),
        status=str(row.get("status") or ""),
        reason=_text(row.get("reason")),
        parameters=_parameters(row.get("parameters_json")),
        os_user=_text(row.get("os_user")),
        bot_sha256=_text(row.get("bot_sha256")),
        bot_version=_text(row.get("bot_version")),
    )


def step_record(row: Row) -> StepRecord:
    index = row.get("step_index")
    return StepRecord(
        index=index if isinstance(index, int) else 0,
        step_id=str(row.get("step_id") or ""),
        kind=str(row.get("step_type") or ""),
        status=str(row.get("status") or ""),
        started_at=_number(row.get("started_at")),
        ended_at=_number(row.get("ended_at")),
        found_by=_text(row.get("found_by")),
        score=_number(row.get("score")),
        error=_text(row.get("error")),
        screenshot=_text(row.get("screenshot")),
    )


def recent_runs(store: Store, limit: int = 50) -> list[RunRecord]:
    """Runs, newest first; ``limit`` below 1 means every run."""
    return [run_record(row) for row in store.runs(limit=limit if limit > 0 else _EVERY_RUN)]


def run_steps(store: Store, run_id: str) -> list[StepRecord]:
    """A run's steps in the order they ran."""
    return [step_record(row) for row in store.step_results(run_id)]


def find_run(store: Store, wanted: str) -> RunRecord:
    """The run whose id is ``wanted`` or starts with it (at least ``MIN_ID_PREFIX`` characters).

    Raises ``RunNotFoundError`` saying why when none or several match.
    """
    wanted = wanted.strip().lower()
    row = store.run(wanted)
    if row is not None:
        return run_record(row)
    if len(wanted) < MIN_ID_PREFIX:
        raise RunNotFoundError(f"no run {wanted}; give at least {MIN_ID_PREFIX} characters of a "
                               "run id (robotfabrik runs lists them)")
    matches = [run for run in recent_runs(store, limit=_EVERY_RUN)
               if run.run_id.startswith(wanted)]
    if not matches:
        raise RunNotFoundError(f"no run {wanted} (robotfabrik runs lists them)")
    if len(matches) > 1:
        raise RunNotFoundError(f"{wanted} is the start of {len(matches)} run ids; give more "
                               "characters")
    return matches[0]


# --- paging through the history ----------------------------------------------------------------


@dataclass(frozen=True)
class RunFilter:
    """Which runs to show: one bot's, of one status, started within [started_from,
    started_before) (seconds since the epoch); None lets everything through."""

    bot_name: str | None = None
    status: str | None = None
    started_from: float | None = None
    started_before: float | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in RUN_STATUSES:
            raise ValueError(f"{self.status!r} is not a run status; use one of {RUN_STATUSES}")


@dataclass(frozen=True)
class RunCursor:
    """Where a page ended: the start time and id of its last (oldest) run."""

    started_at: float
    run_id: str


@dataclass(frozen=True)
class RunPage:
    """Up to one page of runs, newest first; ``next_cursor`` continues after it, None when it is
    the last page."""

    runs: list[RunRecord]
    next_cursor: RunCursor | None


def run_page(store: Store, wanted: RunFilter = RunFilter(), after: RunCursor | None = None,
             size: int = PAGE_SIZE) -> RunPage:
    """The runs that match ``wanted``, newest first, the page that follows ``after``."""
    if size < 1:
        raise ValueError(f"a page holds at least one run, not {size}")
    rows = store.runs_page(
        bot_name=wanted.bot_name, status=wanted.status, started_from=wanted.started_from,
        started_before=wanted.started_before,
        after=None if after is None else (after.started_at, after.run_id),
        # One more than a page tells whether another page follows, without counting.
        limit=size + 1)
    runs = [run_record(row) for row in rows[:size]]
    more = len(rows) > size
    last = rows[size - 1] if more else None
    cursor = None
    if last is not None and isinstance(last.get("started_at"), int | float):
        cursor = RunCursor(float(str(last["started_at"])), str(last["id"]))
    return RunPage(runs, cursor)


def count_runs(store: Store, wanted: RunFilter = RunFilter()) -> int:
    """How many runs match ``wanted``."""
    return store.count_runs(bot_name=wanted.bot_name, status=wanted.status,
                            started_from=wanted.started_from,
                            started_before=wanted.started_before)


def bots_with_runs(store: Store) -> list[str]:
    """The names of the bots that have run, alphabetically: the choices of a bot filter."""
    return store.run_bot_names()


def local_day_span(first: datetime.date | None, last: datetime.date | None
                   ) -> tuple[float | None, float | None]:
    """The times from local midnight of ``first`` up to (not including) local midnight after
    ``last``: what a person means by "from 1 to 7 November". None stays open."""
    def midnight(day: datetime.date) -> float:
        return datetime.datetime.combine(day, datetime.time()).astimezone().timestamp()

    start = None if first is None else midnight(first)
    end = None if last is None else midnight(last + datetime.timedelta(days=1))
    return start, end
