"""The shipped example is a real recording with parameters: it registers any row of its data."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.core.model.params import personnummer_is_valid
from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, Sandbox, read_cases, robotfabrik
from tools.make_example import COLUMNS, EXAMPLE, PASSWORD, as_case, data_rows


def test_the_example_has_a_parameter_for_every_data_column_and_no_recorded_values() -> None:
    bot = load_bot(EXAMPLE)
    rows = data_rows()
    assert {p.name for p in bot.parameters} == {*COLUMNS, "anvandarnamn", "losenord"}
    assert set(rows[0]) == set(COLUMNS)
    typed = " ".join(step.text for step in bot.steps if isinstance(step, TypeTextStep))
    assert rows[0]["personnummer"] not in typed and PASSWORD not in typed
    assert all(step.target.anchor for step in bot.steps if isinstance(step, ClickStep))
    text = (EXAMPLE / "bot.json").read_text(encoding="utf-8")
    assert rows[0]["personnummer"] not in text


def test_the_data_is_twenty_fictitious_applications_with_valid_personnummer() -> None:
    rows = data_rows()
    assert len(rows) == 20
    assert all(personnummer_is_valid(row["personnummer"]) for row in rows)
    assert len({row["personnummer"] for row in rows}) == 20
    assert any(set("åäöÅÄÖ") & set(row["namn"]) for row in rows)


@pytest.fixture
def environment(x_display: VirtualDisplay, robotfabrik_home: Path) -> dict[str, str]:
    return x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))


@pytest.fixture
def sandbox(x_display: VirtualDisplay, environment: dict[str, str],
            tmp_path: Path) -> Iterator[Sandbox]:
    started = Sandbox(x_display, tmp_path / "cases.jsonl", environment)
    yield started
    started.stop()


@pytest.mark.x11
@pytest.mark.parametrize(("layout", "row_number"), [("us", 4), ("se", 12)])
def test_the_example_registers_another_row_than_the_one_recorded(
        layout: str, row_number: int, x_display: VirtualDisplay, environment: dict[str, str],
        sandbox: Sandbox) -> None:
    subprocess.run(["setxkbmap", "-display", x_display.name, layout], check=True, timeout=10)
    row = data_rows()[row_number - 1]
    Person(x_display).wait_for_window("Inloggning")
    parameters = [f"--param={name}={value}" for name, value in row.items()]
    run = subprocess.run(
        robotfabrik("run", str(EXAMPLE), f"--param=losenord={PASSWORD}", *parameters),
        env=environment, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: "saved" if read_cases(sandbox.cases_file) else None, 10, "the case")
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(row)
