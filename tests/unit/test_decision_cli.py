"""``robotfabrik run`` with a bot where a person decides: with nobody at a terminal it refuses
before anything happens, unless ``--decision`` gives the answer."""

from __future__ import annotations

from pathlib import Path

from app.core.model.bot import Bot, DecisionStep, KeyStep
from app.core.model.botfile import save_bot
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
