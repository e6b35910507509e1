"""The run history read back as typed objects: what ``robotfabrik runs``, the studio and the tray
show of past runs.

The store hands back rows; this module is where they become ``RunRecord`` and ``StepRecord``, so
no reader elsewhere picks at column names or guesses at types. A value the database holds in an
unexpected shape (an older version's row, a hand-edited file) is read as "not known" (None)
rather than failing the whole listing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.core.store import Row, Store

# Shorter starts of a run id match too many runs to be useful (the first hex digits of an id
# are its creation time).
MIN_ID_PREFIX = 6
# SQLite reads a negative LIMIT as "no limit".
_EVERY_RUN = -1


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
