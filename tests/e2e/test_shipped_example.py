"""The shipped example is a real recording with parameters: it registers any row of its data."""

from __future__ import annotations

import subprocess

import pytest

from app.core.model.bot import ClickStep, TypeTextStep
from app.core.model.botfile import load_bot
from app.core.model.params import personnummer_is_valid
from app.testing.display import VirtualDisplay
from app.testing.keyring_service import keep_secret
from app.testing.person import wait_until
from app.testing.practice import CASE_FIELDS, Sandbox, read_cases, robotfabrik
from tests.e2e.support.targets import set_layout
from tools.make_example import COLUMNS, EXAMPLE, PASSWORD, as_case, data_rows

# The first two tests read the example's files only; they live here beside the one that runs it.
pytestmark = pytest.mark.x11


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


@pytest.mark.parametrize(("layout", "row_number"), [("us", 4), ("se", 12)])
def test_the_example_registers_another_row_than_the_one_recorded(
        layout: str, row_number: int, x_display: VirtualDisplay,
        secret_environment: dict[str, str], sandbox: Sandbox) -> None:
    environment = secret_environment
    keep_secret(environment, str(EXAMPLE), "losenord", PASSWORD)
    set_layout(x_display, layout)
    row = data_rows()[row_number - 1]
    parameters = [f"--param={name}={value}" for name, value in row.items()]
    run = subprocess.run(
        robotfabrik("run", str(EXAMPLE), *parameters),
        env=environment, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: read_cases(sandbox.cases_file), 10, "the case")
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(row)
