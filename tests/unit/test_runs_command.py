"""``robotfabrik runs`` as a person uses it: what the robots did, read back from the real store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import paths
from app.core.store import Store

# Central European time written as a POSIX rule, so no time zone database is needed; the run
# times below are in UTC and must come out one hour later.
SWEDISH_WINTER = "CET-1CEST,M3.5.0,M10.5.0/3"
NOV_21_1330_UTC = 1_795_267_800.0  # 2026-11-21 13:30:00 UTC

FAILED = "019aa6e1f2c0a1b2c3d4e5f600001"
SUCCEEDED = "019aa6f3d7e0a1b2c3d4e5f600002"
RUNNING = "019ab0c4e9f0a1b2c3d4e5f600003"


def robotfabrik(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    environment["ROBOTFABRIK_HOME"] = str(home)
    environment["TZ"] = SWEDISH_WINTER
    return subprocess.run([sys.executable, "-m", "app.cli", *arguments], env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


def run_row(run_id: str, started: float, ended: float | None, status: str,
            reason: str | None = None, **parameters: str) -> dict[str, object]:
    return {"id": run_id, "bot_name": "Ekonomiskt bistånd", "bot_path": "/bots/ekonomiskt-bistand",
            "started_at": started, "ended_at": ended, "status": status, "reason": reason,
            "parameters_json": json.dumps(parameters, ensure_ascii=False)}


def step_row(run_id: str, index: int, status: str = "succeeded", **changes: object
             ) -> dict[str, object]:
    row: dict[str, object] = {
        "run_id": run_id, "step_id": f"steg{index:08d}", "step_index": index,
        "step_type": "click", "status": status,
        "started_at": NOV_21_1330_UTC + index, "ended_at": NOV_21_1330_UTC + index + 0.25,
        "found_by": "anchor", "score": 0.968, "error": None,
    }
    row.update(changes)
    return row


@pytest.fixture
def history(robotfabrik_home: Path) -> Path:
    """Three runs of the economic-assistance bot: one failed, one succeeded, one still going."""
    with Store(paths.database_path()) as store:
        store.insert("runs", run_row(FAILED, NOV_21_1330_UTC, NOV_21_1330_UTC + 65.2, "failed",
                                     "picture of 'Spara' not found",
                                     personnummer="19830309-4562", losenord="•••"))
        store.insert("step_results", step_row(FAILED, 0))
        store.insert("step_results", step_row(FAILED, 1, found_by="window", score=None))
        store.insert("step_results", step_row(
            FAILED, 2, "failed", found_by="none", score=None,
            error="picture of 'Spara' not found\nafter 10 s"))
        store.insert("runs", run_row(SUCCEEDED, NOV_21_1330_UTC + 3600, NOV_21_1330_UTC + 3612.4,
                                     "succeeded"))
        store.insert("runs", run_row(RUNNING, NOV_21_1330_UTC + 86_400, None, "running"))
    return robotfabrik_home


def cells(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def test_without_a_database_there_are_no_runs_yet_and_nothing_is_created(
        robotfabrik_home: Path) -> None:
    listed = robotfabrik(robotfabrik_home, "runs")
    as_json = robotfabrik(robotfabrik_home, "runs", "--json")
    one = robotfabrik(robotfabrik_home, "runs", FAILED)

    assert (listed.returncode, listed.stdout) == (0, "no runs yet\n")
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, [])
    assert one.returncode == 2
    assert one.stderr == f"robotfabrik: no run {FAILED}: no runs yet\n"
    assert list(robotfabrik_home.iterdir()) == []


def test_without_a_data_directory_nothing_is_created(tmp_path: Path) -> None:
    home = tmp_path / "finns-inte"

    result = robotfabrik(home, "runs")

    assert result.stdout == "no runs yet\n"
    assert not home.exists()


def test_an_empty_database_says_no_runs_yet(robotfabrik_home: Path) -> None:
    Store(paths.database_path()).close()

    assert robotfabrik(robotfabrik_home, "runs").stdout == "no runs yet\n"


def test_runs_are_listed_newest_first_in_local_time_in_aligned_columns(history: Path) -> None:
    result = robotfabrik(history, "runs")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert cells(lines[0]) == ["id", "bot", "started", "duration", "status", "reason"]
    assert [cells(line) for line in lines[1:]] == [
        [RUNNING, "Ekonomiskt bistånd", "2026-11-22 14:30", "-", "running", "-"],
        [SUCCEEDED, "Ekonomiskt bistånd", "2026-11-21 15:30", "12.4 s", "succeeded", "-"],
        [FAILED, "Ekonomiskt bistånd", "2026-11-21 14:30", "1 min 05 s", "failed",
         "picture of 'Spara' not found"],
    ]
    status_column = lines[0].index("status")
    assert all(line[status_column - 2:status_column] == "  " for line in lines)
    assert [line[status_column:].split()[0] for line in lines[1:]] == [
        "running", "succeeded", "failed"]


def test_limit_keeps_the_newest_runs(history: Path) -> None:
    result = robotfabrik(history, "runs", "--limit", "2")

    assert [cells(line)[0] for line in result.stdout.splitlines()[1:]] == [RUNNING, SUCCEEDED]


def test_a_limit_below_one_is_refused(history: Path) -> None:
    result = robotfabrik(history, "runs", "--limit", "0")

    assert result.returncode == 2
    assert "--limit: must be 1 or more" in result.stderr


def test_runs_as_json_give_times_with_their_offset_and_masked_values(history: Path) -> None:
    result = robotfabrik(history, "runs", "--json")

    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout)
    assert [run["id"] for run in runs] == [RUNNING, SUCCEEDED, FAILED]
    assert runs[2] == {
        "id": FAILED, "bot": "Ekonomiskt bistånd", "bot_path": "/bots/ekonomiskt-bistand",
        "started": "2026-11-21T14:30:00+01:00", "ended": "2026-11-21T14:31:05+01:00",
        "duration_s": 65.2, "status": "failed", "reason": "picture of 'Spara' not found",
        "parameters": {"personnummer": "19830309-4562", "losenord": "•••"},
        "os_user": None, "bot_sha256": None, "bot_version": None,
    }
    assert runs[0]["ended"] is None and runs[0]["duration_s"] is None


def test_one_run_shows_its_header_and_every_step(history: Path) -> None:
    result = robotfabrik(history, "runs", FAILED)

    assert result.returncode == 0, result.stderr
    header, steps = result.stdout.split("\n\n")
    assert [cells(line) for line in header.splitlines()] == [
        ["run", FAILED],
        ["bot", "Ekonomiskt bistånd"],
        ["from", "/bots/ekonomiskt-bistand"],
        ["started", "2026-11-21 14:30"],
        ["duration", "1 min 05 s"],
        ["status", "failed"],
        ["reason", "picture of 'Spara' not found"],
        ["values", "personnummer=19830309-4562, losenord=•••"],
        ["user", "-"],
        ["bot file", "-"],
    ]
    assert [cells(line) for line in steps.splitlines()] == [
        ["#", "step", "type", "status", "found by", "score", "ms", "error"],
        ["1", "steg00000000", "click", "succeeded", "anchor", "0.97", "250", "-"],
        ["2", "steg00000001", "click", "succeeded", "window", "-", "250", "-"],
        ["3", "steg00000002", "click", "failed", "none", "-", "250",
         "picture of 'Spara' not found after 10 s"],
    ]


def test_a_run_without_steps_says_so(history: Path) -> None:
    result = robotfabrik(history, "runs", RUNNING)

    assert "status    running" in result.stdout
    assert result.stdout.endswith("\nno steps recorded\n")


def test_one_run_as_json_keeps_the_stored_step_indexes(history: Path) -> None:
    result = robotfabrik(history, "runs", FAILED, "--json")

    document = json.loads(result.stdout)
    assert document["run"]["id"] == FAILED
    assert [(step["index"], step["status"], step["duration_ms"]) for step in document["steps"]] \
        == [(0, "succeeded", 250), (1, "succeeded", 250), (2, "failed", 250)]
    assert document["steps"][2]["error"] == "picture of 'Spara' not found\nafter 10 s"
    assert document["steps"][0]["started"] == "2026-11-21T14:30:00+01:00"


def test_the_start_of_a_run_id_is_enough_when_only_one_run_has_it(history: Path) -> None:
    result = robotfabrik(history, "runs", RUNNING[:6])

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"run       {RUNNING}\n")


def test_a_run_id_start_shared_by_two_runs_asks_for_more(history: Path) -> None:
    result = robotfabrik(history, "runs", FAILED[:6])

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"robotfabrik: {FAILED[:6]} is the start of 2 run ids; "
                             "give more characters\n")


def test_a_run_id_start_shorter_than_six_characters_is_refused(history: Path) -> None:
    result = robotfabrik(history, "runs", RUNNING[:5])

    assert result.returncode == 2
    assert "give at least 6 characters" in result.stderr


def test_an_unknown_run_id_gives_one_line(history: Path) -> None:
    result = robotfabrik(history, "runs", "019ffffffffff")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == ("robotfabrik: no run 019ffffffffff "
                             "(robotfabrik runs lists them)\n")
