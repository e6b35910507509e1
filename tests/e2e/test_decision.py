"""The robot prepares, a person decides: three applications are filled in in the practice
system, the caseworker at the terminal approves, rejects and approves, and only the two approved
ones are saved, each decision kept in the audit trail with the user who made it.

The bot is the shipped example with its last steps (save, confirm, log out) moved into the
approve branch of a decision step; the reject branch cancels the form and logs out. It is run
twice over: as an attended ``robotfabrik run`` at a real terminal (a pseudo-terminal the test
types into), and from the studio, where the caseworker clicks the decision dialog's buttons.
"""

from __future__ import annotations

import csv
import getpass
import os
import pty
import re
import select
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.model.bot import ClickStep, DecisionStep, Point, Target, new_step_id
from app.core.model.botfile import load_bot, save_bot
from app.core.store import Store
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, Sandbox, read_cases, robotfabrik
from app.testing.practice_system import PracticeSystem
from app.testing.sandbox_map import widget_centres
from tests.e2e.support.studio import studio_on
from tests.e2e.support.targets import set_layout
from tools.make_example import EXAMPLE, PASSWORD, as_case, data_rows

pytestmark = pytest.mark.x11

FORM_TITLE = "Socialsystemet – Ansökan"
# The save, its confirmation and the logging out: the shipped example's last three steps.
SAVING_STEPS = 3


def a_deciding_bot(folder: Path) -> Path:
    """The shipped example, deciding before it saves: approve saves, reject cancels."""
    shutil.copytree(EXAMPLE, folder)
    bot = load_bot(folder)
    filling, saving = bot.steps[:-SAVING_STEPS], bot.steps[-SAVING_STEPS:]
    log_out = saving[-1]
    assert isinstance(log_out, ClickStep)
    # "Avbryt" sits at a fixed place on the form, so its recorded point is fine to click.
    cancel = ClickStep(id="avbryt", points_are_fine=True, target=Target(
        window_title=FORM_TITLE, window_point=Point(*widget_centres()["form"]["cancel"])))
    bot.steps = [*filling, DecisionStep(
        id="beslut", title="Spara ansökan?", show=["personnummer", "namn", "belopp"],
        approve_steps=saving, reject_steps=[cancel, replace(log_out, id=new_step_id())])]
    save_bot(bot, folder)
    return folder


class Terminal:
    """A pseudo-terminal a program runs at, read as it writes and typed into."""

    def __init__(self, command: list[str], environment: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave,
                                        env=environment, close_fds=True)
        os.close(slave)
        self.text = ""

    def wait_for(self, pattern: str, count: int, timeout: float) -> None:
        """Read until ``pattern`` has appeared ``count`` times in all the output so far."""
        deadline = time.monotonic() + timeout
        while len(re.findall(pattern, self.text)) < count:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"no {pattern!r} #{count} came; the terminal showed:\n"
                                     f"{self.text[-3000:]}")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program ended and closed the terminal
            return False
        self.text += chunk.decode("utf-8", errors="replace")
        return bool(chunk)

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        code = self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        os.close(self.master)
        return code


def test_approve_reject_approve_saves_exactly_the_two_approved_cases_and_keeps_three_decisions(
        environment: dict[str, str], robotfabrik_home: Path, tmp_path: Path) -> None:
    folder = a_deciding_bot(tmp_path / "beslutande")
    rows = data_rows()[:3]
    data = tmp_path / "tre.csv"
    with data.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    system = PracticeSystem(environment, tmp_path / "cases.jsonl")
    try:
        system.wait_until_shown()
        terminal = Terminal(robotfabrik("run", str(folder), "--data", str(data),
                                        f"--param=losenord={PASSWORD}"), environment)
        try:
            for number, answer in enumerate(["a", "r", "a"], start=1):
                terminal.wait_for(r"\[a\] approve", number, timeout=180)
                # What the caseworker decides on is on the terminal in front of them.
                assert rows[number - 1]["namn"] in terminal.text.split("Decision at step")[-1]
                terminal.type(answer)
            code = terminal.finish(timeout=180)
        finally:
            if terminal.process.poll() is None:
                terminal.process.kill()
        saved = system.cases()
    finally:
        system.stop()

    assert code == 0, terminal.text[-3000:]
    assert "Summary: 3 cases: 3 done" in terminal.text
    assert "approved" in terminal.text and "rejected" in terminal.text
    assert [{field: case[field] for field in CASE_FIELDS} for case in saved] == \
        [as_case(rows[0]), as_case(rows[2])]
    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        decisions = store.decisions()
    assert [row["decision"] for row in decisions] == ["approve", "reject", "approve"]
    assert {row["decided_by"] for row in decisions} == {getpass.getuser()}
    assert [row["case_label"] for row in decisions] == ["row 2", "row 3", "row 4"]
    assert all(row["by_default"] == 0 for row in decisions)
    assert PASSWORD not in str(decisions)


def test_in_the_studio_the_caseworker_clicks_approve_reject_approve_in_the_decision_dialog(
        environment: dict[str, str], robotfabrik_home: Path, sandbox: Sandbox, person: Person,
        tmp_path: Path) -> None:
    set_layout(person.display, "se")
    folder = a_deciding_bot(tmp_path / "beslutande")
    rows = data_rows()[3:6]
    data = tmp_path / "tre.csv"
    with data.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with studio_on(environment, tmp_path) as studio:
        studio.send(do="select", folder=str(folder))
        assert studio.wait_for("selected")["ok"]
        studio.send(do="data", file=str(data))
        assert studio.wait_for("form")["fields"] == ["losenord"]
        studio.send(do="fill", values={"losenord": PASSWORD})
        studio.wait_for("summary")
        studio.send(do="accept_summary")
        for row, answer in zip(rows, ("approve", "reject", "approve"), strict=True):
            asked = studio.wait_for("decision", timeout=180)
            assert asked["values"]["namn"] == row["namn"]
            person.click(*asked[answer])
        finished = studio.wait_for("finished", timeout=180)
        assert not studio.saw("problem")
        assert [status for _, status in finished["cases"]] == ["succeeded"] * 3, finished
    wait_until(lambda: len(read_cases(sandbox.cases_file)) == 2, 10, "two saved cases")
    saved = [{field: case[field] for field in CASE_FIELDS}
             for case in read_cases(sandbox.cases_file)]
    assert saved == [as_case(rows[0]), as_case(rows[2])]
    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        decisions = store.decisions()
    assert [(row["decision"], row["decided_by"], row["case_number"]) for row in decisions] == [
        ("approve", getpass.getuser(), 1), ("reject", getpass.getuser(), 2),
        ("approve", getpass.getuser(), 3)]
