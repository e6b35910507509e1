"""The run history as the studio, the tray and ``robotfabrik runs`` read it: typed, and tolerant
of rows an older version or a hand-edited database left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.results.history import RunNotFoundError, find_run, recent_runs, run_steps
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
