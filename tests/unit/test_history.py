"""The run history as the studio, the tray and ``robotfabrik runs`` read it: typed, and tolerant
of rows an older version or a hand-edited database left behind."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest

from app.core.results.history import (
    RunFilter,
    RunNotFoundError,
    bots_with_runs,
    count_runs,
    find_run,
    local_day_span,
    recent_runs,
    run_page,
    run_steps,
)
from app.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.sqlite")


def test_runs_and_their_steps_come_back_as_typed_records(store: Store) -> None:
    with store:
        run_id = store.start_run("Ansökan", "/bots/ansokan", {"pnr": "19121212-1212"})
        store.add_step_result(run_id=run_id, step_id="sok", step_index=0, step_type="click",
                              status="succeeded", started_at=10.0, ended_at=10.25,
                              found_by="anchor", score=0.98)
        store.add_step_result(run_id=run_id, step_id="spara", step_index=1, step_type="click",
                              status="failed", started_at=10.25, ended_at=20.25,
                              error="the target was not found")
        store.end_run(run_id, "failed", "step 2: the target was not found")
        [run] = recent_runs(store)
        first, second = run_steps(store, run_id)
    assert run.run_id == run_id and run.bot_name == "Ansökan" and run.status == "failed"
    assert run.parameters == {"pnr": "19121212-1212"}
    assert run.duration_s is not None and run.duration_s >= 0
    assert (first.index, first.step_id, first.found_by, first.score) == (0, "sok", "anchor", 0.98)
    assert first.duration_s == pytest.approx(0.25)
    assert (second.status, second.error, second.score) == ("failed", "the target was not found",
                                                           None)


def test_odd_values_in_the_database_read_as_not_known(store: Store) -> None:
    with store:
        run_id = store.start_run("Gammal", "/bots/gammal", {})
        store.update("runs", run_id, {"parameters_json": "{not json", "started_at": "igår"})
        [run] = recent_runs(store)
    assert run.parameters == {} and run.started_at is None and run.duration_s is None


def test_a_run_is_found_by_the_start_of_its_id_but_not_by_too_little(store: Store) -> None:
    with store:
        run_id = store.start_run("Ansökan", "/bots/ansokan", {})
        assert find_run(store, run_id[:12].upper()).run_id == run_id
        with pytest.raises(RunNotFoundError, match="at least 6 characters"):
            find_run(store, run_id[:3])
        with pytest.raises(RunNotFoundError, match="no run"):
            find_run(store, "ffffffffffff")


# --- paging, filters and the pager's count -------------------------------------------------------


def add_run(store: Store, bot: str, status: str, started_at: float, run_id: str) -> None:
    store.insert("runs", {"id": run_id, "bot_name": bot, "bot_path": f"/bots/{bot}",
                          "started_at": started_at, "ended_at": started_at + 60,
                          "status": status, "parameters_json": "{}"})


def test_pages_follow_each_other_newest_first_with_no_run_twice_or_missing(store: Store) -> None:
    with store:
        # Runs started in the same second are told apart by their id, so none falls between pages.
        for number in range(25):
            add_run(store, "Ansökan", "succeeded", 1000.0 + number // 3, f"run{number:03d}")
        seen: list[str] = []
        page = run_page(store, size=10)
        pages = 1
        seen += [run.run_id for run in page.runs]
        while page.next_cursor is not None:
            page = run_page(store, after=page.next_cursor, size=10)
            pages += 1
            seen += [run.run_id for run in page.runs]
        assert count_runs(store) == 25
    assert pages == 3
    expected = sorted((f"run{n:03d}" for n in range(25)),
                      key=lambda run_id: (1000 + int(run_id[3:]) // 3, run_id), reverse=True)
    assert seen == expected


def test_a_page_that_fills_exactly_says_there_is_no_next_one(store: Store) -> None:
    with store:
        for number in range(10):
            add_run(store, "Ansökan", "succeeded", 1000.0 + number, f"run{number}")
        page = run_page(store, size=10)
    assert len(page.runs) == 10 and page.next_cursor is None


def test_runs_are_filtered_by_bot_status_and_days(store: Store) -> None:
    first_of_november = datetime.datetime(2026, 11, 1, 0, 0).timestamp()
    day = 86400.0
    with store:
        add_run(store, "Ansökan", "succeeded", first_of_november - 1, "before")
        add_run(store, "Ansökan", "failed", first_of_november + 0.5 * day, "first-day")
        add_run(store, "Ansökan", "succeeded", first_of_november + 2.9 * day, "third-day")
        add_run(store, "Ansökan", "succeeded", first_of_november + 3 * day, "fourth-day")
        add_run(store, "Frånvaro", "succeeded", first_of_november + day, "other-bot")
        start, end = local_day_span(datetime.date(2026, 11, 1), datetime.date(2026, 11, 3))
        november = RunFilter(bot_name="Ansökan", started_from=start, started_before=end)
        assert [run.run_id for run in run_page(store, november).runs] == ["third-day",
                                                                           "first-day"]
        assert count_runs(store, november) == 2
        failed = RunFilter(status="failed")
        assert [run.run_id for run in run_page(store, failed).runs] == ["first-day"]
        assert count_runs(store, RunFilter(bot_name="Frånvaro")) == 1
        assert bots_with_runs(store) == ["Ansökan", "Frånvaro"]


def test_an_unknown_status_is_refused_with_the_ones_there_are() -> None:
    with pytest.raises(ValueError, match="'done' is not a run status"):
        RunFilter(status="done")


@pytest.mark.parametrize("conditions", [
    [], ["bot_name = 'Ansökan'"], ["status = 'failed'"],
    ["bot_name = 'Ansökan'", "status = 'failed'", "started_at >= 5", "started_at < 9"],
])
def test_a_page_of_the_history_is_read_through_an_index_in_page_order(
        store: Store, conditions: list[str]) -> None:
    # The store pages as here: the filters, the cursor, newest first, one page.
    where = " AND ".join([*conditions, "(started_at < 9 OR (started_at = 9 AND id < 'x'))"])
    with store:
        add_run(store, "Ansökan", "failed", 7.0, "a")
        store.flush()
        with sqlite3.connect(store.path) as connection:
            plan = connection.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM runs WHERE {where} "
                "ORDER BY started_at DESC, id DESC LIMIT 101").fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "USING INDEX" in details
    assert "TEMP B-TREE" not in details  # no sorting of every match before the first page
