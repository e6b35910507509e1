"""The robot works through cases saved by a Swedish Excel: Windows-1252, semicolons, CRLF and
amounts such as ``6 300,00`` with a no-break space. Each case reaches the practice system with
its letters intact and its amount as the robot types it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.testing.display import VirtualDisplay
from app.testing.keyring_service import KeyringService, keep_secret
from app.testing.practice import CASE_FIELDS, robotfabrik
from app.testing.practice_system import PracticeSystem
from tests.data.samples import FOLDER as SAMPLES
from tools.make_example import EXAMPLE, PASSWORD, as_case, data_rows

pytestmark = pytest.mark.x11

MOVED = (720, 290)  # recorded at (200, 150)
ROWS = 3


def test_three_cases_saved_by_swedish_excel_are_registered_as_their_rows_say(
        x_display: VirtualDisplay, robotfabrik_home: Path, tmp_path: Path,
        keyring: KeyringService) -> None:
    saved_by_excel = (SAMPLES / "ekonomiskt-bistand-excel.csv").read_bytes()
    lines = saved_by_excel.split(b"\r\n")
    data = tmp_path / "november.csv"
    data.write_bytes(b"\r\n".join(lines[:ROWS + 1]) + b"\r\n")
    assert b"\xa0" in data.read_bytes() and "Å".encode("cp1252") in data.read_bytes()
    environment = keyring.environment(
        x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home)))
    keep_secret(environment, str(EXAMPLE), "losenord", PASSWORD)
    system = PracticeSystem(environment, tmp_path / "cases.jsonl", position=MOVED)
    try:
        run = subprocess.run(
            robotfabrik("run", str(EXAMPLE), "--data", str(data), "--unattended"),
            env=environment, capture_output=True, text=True, timeout=600, check=False)
        saved = system.cases()
    finally:
        system.stop()

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert f"Summary: {ROWS} cases: {ROWS} done" in run.stdout
    expected = []
    for row in data_rows()[:ROWS]:
        case = as_case(row)
        kronor, _, ore = case["amount"].partition(",")
        case["amount"] = f"{kronor},{ore.ljust(2, '0')}"  # Excel's format shows two decimals
        expected.append(case)
    assert [{field: case[field] for field in CASE_FIELDS} for case in saved] == expected
