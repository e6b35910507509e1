"""The attended robot works through a data file in a slow practice system that opened
somewhere else than at recording: every case is saved exactly as its row says.

Three rows chosen for what they hold (a decimal comma, a comma inside a value, a letter no
Swedish keyboard has) and a practice system that takes one to two seconds for every screen
prove the behaviour; all twenty rows in the same conditions are what ``robotfabrik bench
replay`` measures.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from app.testing.keyring_service import keep_secret
from app.testing.practice import CASE_FIELDS, robotfabrik
from app.testing.practice_system import PracticeSystem
from tools.make_example import EXAMPLE, PASSWORD, as_case, data_rows

pytestmark = pytest.mark.x11

MOVED = (720, 290)  # recorded at (200, 150)
# Row numbers as a person sees them in the shipped data.csv (the header is row 1).
ROWS = (5, 6, 13)


def write_as_swedish_excel(rows: list[dict[str, str]], file: Path) -> None:
    """Excel's "CSV UTF-8" on a Swedish desktop: a byte-order mark, ';' between cells, CRLF."""
    with file.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), delimiter=";",
                                lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_data_file_is_worked_through_with_the_window_moved_and_a_slow_system(
        secret_environment: dict[str, str], tmp_path: Path) -> None:
    environment = secret_environment
    keep_secret(environment, str(EXAMPLE), "losenord", PASSWORD)
    every_row = data_rows()
    rows = [every_row[number - 2] for number in ROWS]
    # What the rows were chosen for.
    assert any("," in row["belopp"] for row in rows)
    assert any("," in row["fritext"] for row in rows)
    assert any("ı" in row["namn"] for row in rows)
    data = tmp_path / "ansokningar.csv"
    write_as_swedish_excel(rows, data)
    # Every screen takes one to two seconds to come: the robot has to wait for each one.
    system = PracticeSystem(environment, tmp_path / "cases.jsonl", "--latency", "1-2",
                            position=MOVED, seed=3)
    try:
        run = subprocess.run(
            robotfabrik("run", str(EXAMPLE), "--data", str(data), "--unattended"),
            env=environment, capture_output=True, text=True, timeout=600, check=False)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert f"Summary: {len(rows)} cases: {len(rows)} done" in run.stdout
        saved = system.cases()
    finally:
        system.stop()
    assert [{field: case[field] for field in CASE_FIELDS} for case in saved] == \
        [as_case(row) for row in rows]


def test_a_bad_row_is_reported_by_number_and_the_others_still_run(
        secret_environment: dict[str, str], tmp_path: Path) -> None:
    environment = secret_environment
    keep_secret(environment, str(EXAMPLE), "losenord", PASSWORD)
    rows = data_rows()[:3]
    rows[1] = {**rows[1], "personnummer": "19830309-4563"}  # wrong checksum
    data = tmp_path / "tre.csv"
    with data.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    system = PracticeSystem(environment, tmp_path / "cases.jsonl", position=MOVED)
    try:
        run = subprocess.run(
            robotfabrik("run", str(EXAMPLE), "--data", str(data), "--unattended"),
            env=environment, capture_output=True, text=True, timeout=300, check=False)
        saved = system.cases()
    finally:
        system.stop()
    assert run.returncode == 1
    assert "row 3: not run: column personnummer" in run.stdout
    assert "Summary: 3 cases: 2 done" in run.stdout and "1 not run for bad data (row 3)" in \
        run.stdout
    assert [case["personnummer"] for case in saved] == [rows[0]["personnummer"],
                                                          rows[2]["personnummer"]]


def test_a_data_file_without_a_needed_column_types_nothing(
        robotfabrik_home: Path, tmp_path: Path) -> None:
    data = tmp_path / "utan-namn.csv"
    data.write_text("personnummer;belopp\n19830309-4562;100\n", encoding="utf-8")
    run = subprocess.run(
        robotfabrik("run", str(EXAMPLE), "--data", str(data)),
        capture_output=True, text=True, timeout=60, check=False,
        env={"ROBOTFABRIK_HOME": str(robotfabrik_home), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2
    assert str(data) in run.stderr and "namn" in run.stderr
    assert len(run.stderr.splitlines()) == 1
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()
