"""Running a bot from the studio on a real display, with the studio window lying over the
practice system: the studio must get out of the robot's way, come back afterwards, and stop
when told to, with and without a window manager.

The studio is the real ``StudioWindow`` in a process of its own (``support/studio_driver.py``);
the caseworker presses F5 and the stop hotkey and clicks Stop with xdotool, and fills in the
parameter form through the driver, as a person reading the form would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.testing.display import VirtualDisplay
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, POSITION, Sandbox, read_cases
from app.testing.sandbox_map import absolute_point, widget_centres
from tests.e2e.support.studio import Studio, studio_on, window_manager
from tests.e2e.support.targets import set_layout
from tools.make_example import EXAMPLE, PASSWORD, USERNAME, as_case, data_rows

pytestmark = pytest.mark.x11

RUN_TIMEOUT_S = 180.0
# The example's click in the search field, the first step after logging in.
SEARCH_FIELD_STEP = 5


def lay_over_the_practice_system(studio: Studio) -> dict[str, int]:
    studio.send(do="place", title="Socialsystemet")
    placed = studio.wait_for("placed")
    studio.send(do="select", folder=str(EXAMPLE))
    assert studio.wait_for("selected")["ok"]
    return placed


def press_in_studio(person: Person, placed: dict[str, int], *keys: str) -> None:
    """Point at the studio's status line (the studio is in front) and press ``keys``."""
    person.point(placed["x"] + placed["width"] // 2, placed["y"] + placed["height"] - 8)
    person.key(*keys)


def form_values(row_number: int) -> dict[str, str]:
    row = data_rows()[row_number - 1]
    return {**row, "anvandarnamn": USERNAME, "losenord": PASSWORD}


@pytest.mark.parametrize("manager", ["none", "openbox"])
def test_the_example_runs_from_the_studio_laid_over_the_practice_system(
        manager: str, environment: dict[str, str], sandbox: Sandbox, person: Person,
        tmp_path: Path) -> None:
    set_layout(person.display, "se")
    with window_manager(person.display, manager), studio_on(environment, tmp_path) as studio:
        placed = lay_over_the_practice_system(studio)
        press_in_studio(person, placed, "F5")
        studio.wait_for("form")
        studio.send(do="fill", values=form_values(6))
        filled = studio.wait_for("filled")
        hidden = studio.wait_for("hidden")
        first = studio.wait_for("step")
        finished = studio.wait_for("finished", timeout=RUN_TIMEOUT_S)
        assert not studio.saw("problem"), [e for e in studio.seen if e["event"] == "problem"]
        assert finished["status"] == "succeeded", finished
        # The studio was off the screen before the robot's first look at it.
        assert hidden["t"] <= first["t"]
        print(f"{manager}: off the screen {1000 * (hidden['t'] - filled['t']):.0f} ms after "
              f"Run, first step {1000 * (first['t'] - filled['t']):.0f} ms after Run")
        studio.wait_for("back")

    wait_until(lambda: read_cases(sandbox.cases_file), 10, "the saved case")
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(data_rows()[5])


@pytest.mark.parametrize("stop_by", ["hotkey", "stop button"])
def test_the_robot_stops_at_the_hotkey_or_the_stop_button_and_the_studio_comes_back(
        stop_by: str, x_display: VirtualDisplay, environment: dict[str, str],
        person: Person, tmp_path: Path) -> None:
    set_layout(x_display, "se")
    # A slow system: after logging in, the robot waits seconds for the search screen, and
    # that is when the person stops it.
    sandbox = Sandbox(x_display, tmp_path / "cases.jsonl", environment, "--latency", "5")
    try:
        sandbox.wait_until_shown("Inloggning")
        stop_while_waiting(stop_by, environment, person, tmp_path)
    finally:
        sandbox.stop()
    assert read_cases(sandbox.cases_file) == []


def stop_while_waiting(stop_by: str, environment: dict[str, str], person: Person,
                       tmp_path: Path) -> None:
    with studio_on(environment, tmp_path) as studio:
        placed = lay_over_the_practice_system(studio)
        press_in_studio(person, placed, "F5")
        studio.wait_for("form")
        studio.send(do="fill", values=form_values(3))
        while (step := studio.wait_for("step"))["index"] < SEARCH_FIELD_STEP:
            pass
        if stop_by == "hotkey":
            person.key("ctrl+F12")
        else:
            x, y = step["stop_button"]
            person.click(x, y)
        finished = studio.wait_for("finished", timeout=RUN_TIMEOUT_S)
        assert finished["status"] == "aborted", finished
        assert finished["outcome"].startswith("Stopped at step") or finished[
            "outcome"].startswith("Stoppad vid steg"), finished
        studio.wait_for("back")


def test_a_data_file_runs_each_good_row_from_the_studio(
        environment: dict[str, str], sandbox: Sandbox, person: Person, tmp_path: Path) -> None:
    set_layout(person.display, "se")
    rows = data_rows()
    data = tmp_path / "ansokningar.csv"
    lines = ["personnummer;namn;belopp;kategori;hemkommun;fritext"]
    bad = {**rows[9], "personnummer": "19830309-4563"}  # a wrong check digit
    for row in (rows[1], bad, rows[2]):
        lines.append(";".join(row[column] for column in ("personnummer", "namn", "belopp",
                                                          "kategori", "hemkommun", "fritext")))
    # As Excel's "CSV (semikolonavgränsad)" saves it on a Swedish Windows.
    data.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    with studio_on(environment, tmp_path) as studio:
        lay_over_the_practice_system(studio)
        studio.send(do="data", file=str(data))
        assert studio.wait_for("form")["fields"] == ["losenord"]
        studio.send(do="fill", values={"losenord": PASSWORD})
        summary = studio.wait_for("summary")
        assert "2" in summary["heading"]
        assert summary["problems"].startswith("row 3: column personnummer")
        studio.send(do="accept_summary")
        finished = studio.wait_for("finished", timeout=2 * RUN_TIMEOUT_S)
        assert not studio.saw("problem")
        assert finished["cases"] == [["row 2", "succeeded"], ["row 4", "succeeded"]], finished
        studio.wait_for("back")
    wait_until(lambda: len(read_cases(sandbox.cases_file)) == 2, 10, "two saved cases")
    saved = [{field: case[field] for field in CASE_FIELDS}
             for case in read_cases(sandbox.cases_file)]
    assert saved == [as_case(rows[1]), as_case(rows[2])]


def test_run_from_here_goes_on_where_the_person_left_off(
        environment: dict[str, str], sandbox: Sandbox, person: Person, tmp_path: Path) -> None:
    set_layout(person.display, "se")
    where = widget_centres()

    def at(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(where, screen, name, POSITION)

    # The superuser logs in by hand, then lets the robot do the rest from the search field.
    person.click(*at("login", "username"))
    person.type(USERNAME)
    person.key("Tab")
    person.type(PASSWORD)
    person.click(*at("login", "login"))
    person.wait_for_window("Sök sökande")
    with studio_on(environment, tmp_path) as studio:
        placed = lay_over_the_practice_system(studio)
        studio.send(do="select_rows", rows=[SEARCH_FIELD_STEP])
        assert studio.wait_for("rows_selected")["rows"] == [SEARCH_FIELD_STEP]
        press_in_studio(person, placed, "shift+F5")
        studio.wait_for("form")
        studio.send(do="fill", values=form_values(9))
        finished = studio.wait_for("finished", timeout=RUN_TIMEOUT_S)
        assert not studio.saw("problem")
        assert finished["status"] == "succeeded", finished
        assert finished["steps"] == 21 - SEARCH_FIELD_STEP
        studio.wait_for("back")
    wait_until(lambda: read_cases(sandbox.cases_file), 10, "the saved case")
    [saved] = read_cases(sandbox.cases_file)
    assert {field: saved[field] for field in CASE_FIELDS} == as_case(data_rows()[8])
