"""The command line and the reports with a bot where a person decides: with nobody at a
terminal ``run`` refuses before anything happens unless ``--decision`` gives the answer; ``check``
says where a person decides; ``runs`` and the HTML report show who decided what."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from app.core.model.bot import Bot, DecisionStep, KeyStep
from app.core.model.botfile import save_bot
from app.core.results.export import run_html
from app.core.results.history import DecisionEntry, RunRecord
from app.core.store import Store
from tests.unit.test_cli import robotfabrik, snapshot


def a_deciding_bot(folder: Path) -> Path:
    save_bot(Bot("Beviljar", steps=[
        KeyStep(id="tabb", key="tab"),
        DecisionStep(id="beslut", title="Bevilja?", approve_steps=[KeyStep(id="ok", key="f2")]),
    ]), folder)
    return folder


def test_a_run_nobody_attends_refuses_a_deciding_bot_in_one_line_and_changes_nothing(
        tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = a_deciding_bot(tmp_path / "beviljar")
    before = snapshot(tmp_path)
    result = robotfabrik(robotfabrik_home, "run", str(folder), "--unattended")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "step 2 of 'Beviljar' is a decision a person must make" in line
    assert "--decision approve" in line
    assert snapshot(tmp_path) == before


def test_with_a_default_decision_it_goes_on_to_look_for_a_display(
        tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = a_deciding_bot(tmp_path / "beviljar")
    result = robotfabrik(robotfabrik_home, "run", str(folder), "--unattended",
                         "--decision", "reject")
    assert result.returncode == 2
    assert "decision" not in result.stderr
    assert "display" in result.stderr.lower()


def test_check_says_where_a_person_decides(tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = a_deciding_bot(tmp_path / "beviljar")
    result = robotfabrik(robotfabrik_home, "check", str(folder))
    assert result.returncode == 0
    assert "a person decides at step 2" in result.stdout


def test_runs_shows_each_decision_with_who_made_it(tmp_path: Path,
                                                  robotfabrik_home: Path) -> None:
    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        run_id = store.start_run("Beviljar", str(tmp_path), {})
        store.add_decision(run_id=run_id, step_id="beslut", step_index=1, decision="reject",
                           shown={"belopp": "100"}, edited={}, decided_by=getpass.getuser(),
                           decided_at=1_700_000_000.0, by_default=False, case_number=1,
                           case_label="row 2")
        store.end_run(run_id, "succeeded", None)
    table = robotfabrik(robotfabrik_home, "runs", run_id)
    assert table.returncode == 0
    assert "reject" in table.stdout and getpass.getuser() in table.stdout
    document = json.loads(robotfabrik(robotfabrik_home, "runs", run_id, "--json").stdout)
    [decision] = document["decisions"]
    assert (decision["decision"], decision["case"], decision["shown"]) == (
        "reject", "row 2", {"belopp": "100"})


def test_the_html_report_of_a_run_names_each_decision_and_who_made_it() -> None:
    run = RunRecord("r1", "Beviljar", "/bots/beviljar", 1.0, 2.0, "succeeded", None, {})
    decision = DecisionEntry("r1", "beslut", 1, "approve", {"belopp": "100"}, {}, "handlaggare",
                             1_700_000_000.0, False, 2, "row 3")
    page = run_html(run, [], decisions=[decision])
    assert "Approved at step 2 by handlaggare" in page and "(row 3)" in page
