"""A person decides at a decision step: the robot goes on down the branch they chose, with the
values they edited, and the decision lands in the audit trail; nobody to ask means no run."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from app.core.model.bot import Bot, DecisionStep, KeyStep, Parameter, TypeTextStep
from app.core.model.parameter_edits import ParameterInUseError, change_parameter, remove_parameter
from app.core.results.outcome import RunResult
from app.core.results.run_log import RunLog
from app.core.running.player import (
    DecisionAnswer,
    DecisionNeededError,
    DecisionQuestion,
    Player,
    default_decision,
)
from app.core.store import Store
from tests.unit.fake_desktop import FakeDesktop


def a_bot() -> Bot:
    return Bot("Ekonomiskt bistånd", parameters=[
        Parameter("namn", "text", "Namn"),
        Parameter("belopp", "number", "Belopp"),
        Parameter("losenord", "secret", "Lösenord"),
    ], steps=[
        TypeTextStep(id="skriv", text="{{namn}}"),
        DecisionStep(id="beslut", title="Bevilja ansökan?",
                     approve_steps=[TypeTextStep(id="belopp", text="{{belopp}}"),
                                    KeyStep(id="spara", key="f2")],
                     reject_steps=[KeyStep(id="avbryt", key="escape")]),
        KeyStep(id="klar", key="f10"),
    ])


VALUES = {"namn": "Åsa", "belopp": "1200", "losenord": "hemligt"}


class Person:
    """Answers each question in turn, and remembers what it was shown."""

    def __init__(self, *answers: DecisionAnswer) -> None:
        self.answers = list(answers)
        self.questions: list[DecisionQuestion] = []

    def __call__(self, question: DecisionQuestion) -> DecisionAnswer:
        self.questions.append(question)
        return self.answers.pop(0)


def play(bot: Bot, desktop: FakeDesktop, **options: object) -> tuple[Player, RunResult]:
    player = Player(bot, Path("."), desktop, values=dict(VALUES), timeout_s=0.5,
                    **options)  # type: ignore[arg-type]
    return player, player.run()


def test_approving_does_the_approve_steps_and_then_the_rest_of_the_bot() -> None:
    desktop = FakeDesktop()
    _, result = play(a_bot(), desktop, decide=Person(DecisionAnswer("approve")))
    assert desktop.actions == [("type", "Åsa"), ("type", "1200"), ("key", "f2"), ("key", "f10")]
    assert result.succeeded


def test_rejecting_does_the_reject_steps_only() -> None:
    desktop = FakeDesktop()
    play(a_bot(), desktop, decide=Person(DecisionAnswer("reject")))
    assert desktop.actions == [("type", "Åsa"), ("key", "escape"), ("key", "f10")]


def test_the_person_sees_every_parameter_with_its_label_and_secrets_masked() -> None:
    person = Person(DecisionAnswer("approve"))
    play(a_bot(), FakeDesktop(), decide=person)
    [question] = person.questions
    assert question.title == "Bevilja ansökan?"
    assert question.index == 1
    assert [(value.label, value.value, value.editable) for value in question.values] == [
        ("Namn", "Åsa", True), ("Belopp", "1200", True), ("Lösenord", "•••", False)]


def test_a_decision_can_show_only_some_values() -> None:
    bot = a_bot()
    decision = bot.steps[1]
    assert isinstance(decision, DecisionStep)
    decision.show = ["belopp"]
    person = Person(DecisionAnswer("approve"))
    play(bot, FakeDesktop(), decide=person)
    assert [value.name for value in person.questions[0].values] == ["belopp"]


def test_edited_values_are_checked_by_type_and_used_for_the_rest_of_the_case() -> None:
    desktop = FakeDesktop()
    person = Person(DecisionAnswer("edit", edited={"belopp": "tolv"}),
                    DecisionAnswer("edit", edited={"belopp": "1 500,50 kr"}),
                    DecisionAnswer("approve"))
    player, _ = play(a_bot(), desktop, decide=person)
    first, second, third = person.questions
    assert first.problem is None
    assert second.problem is not None and "belopp" in second.problem
    assert [value.value for value in second.values if value.name == "belopp"] == ["1200"]
    assert third.problem is None
    assert [value.value for value in third.values if value.name == "belopp"] == ["1500,50"]
    assert ("type", "1500,50") in desktop.actions
    assert player.values["belopp"] == "1500,50"


def test_a_secret_cannot_be_edited_at_a_decision() -> None:
    person = Person(DecisionAnswer("edit", edited={"losenord": "annat"}),
                    DecisionAnswer("reject"))
    play(a_bot(), FakeDesktop(), decide=person)
    assert person.questions[1].problem is not None
    assert "secret" in person.questions[1].problem


def test_steps_inside_a_branch_are_reported_under_the_decision_with_their_place() -> None:
    _, result = play(a_bot(), FakeDesktop(), decide=Person(DecisionAnswer("approve")))
    places = [(step.index, step.branch, step.branch_index, step.decision)
              for step in result.steps]
    assert places == [(0, None, None, None), (1, None, None, "approve"),
                      (1, "approve", 0, None), (1, "approve", 1, None), (2, None, None, None)]


def test_a_failed_branch_step_names_the_decision_and_its_place_in_the_branch() -> None:
    bot = a_bot()
    decision = bot.steps[1]
    assert isinstance(decision, DecisionStep)
    decision.approve_steps[1] = KeyStep(id="spara", key="f2", window_title="Saknas")
    _, result = play(bot, FakeDesktop(), decide=Person(DecisionAnswer("approve")))
    assert result.status == "failed"
    assert (result.reason or "").startswith("step 2, approve step 2 (press f2)")


def test_nobody_to_decide_refuses_the_bot_before_any_step() -> None:
    desktop = FakeDesktop()
    with pytest.raises(DecisionNeededError, match=r"step 2 .* decision a person must make"):
        Player(a_bot(), Path("."), desktop, values=dict(VALUES))
    assert desktop.actions == []


def test_a_run_of_steps_without_the_decision_needs_nobody_to_decide() -> None:
    desktop = FakeDesktop()
    Player(a_bot(), Path("."), desktop, values=dict(VALUES), only=[0]).run()
    assert desktop.actions == [("type", "Åsa")]


def test_a_default_decision_is_taken_and_recorded_as_a_default() -> None:
    desktop = FakeDesktop()
    _, result = play(a_bot(), desktop, decide=default_decision("reject"))
    [record] = result.decisions
    assert (record.decision, record.by_default) == ("reject", True)
    assert ("key", "escape") in desktop.actions


def test_each_decision_is_kept_in_the_store_naming_the_user_and_the_case(
        robotfabrik_home: Path) -> None:
    bot = a_bot()
    with Store(robotfabrik_home / "robotfabrik.sqlite") as store:
        log = RunLog(store, "bots/x", {})
        for number, answer in enumerate(["approve", "reject", "approve"], start=1):
            person = Person(DecisionAnswer("edit", edited={"namn": "Åsa Öberg"}),
                            DecisionAnswer(answer))  # type: ignore[arg-type]
            Player(bot, Path("."), FakeDesktop(), values=dict(VALUES), listeners=[log],
                   decide=person, case_number=number, case_label=f"row {number + 1}").run()
        store.flush()
        rows = store.decisions()
        steps = store.step_results(str(rows[0]["run_id"]))
    assert [row["decision"] for row in rows] == ["approve", "reject", "approve"]
    assert {row["decided_by"] for row in rows} == {getpass.getuser()}
    assert [(row["case_number"], row["case_label"]) for row in rows] == [
        (1, "row 2"), (2, "row 3"), (3, "row 4")]
    assert '"losenord": "•••"' in str(rows[0]["shown_json"])
    assert "hemligt" not in str(rows)
    assert '"namn": "Åsa"' in str(rows[0]["shown_json"])
    assert str(rows[0]["edited_json"]) == '{"namn": "Åsa Öberg"}'
    assert [(row["step_index"], row["branch"], row["branch_index"]) for row in steps] == [
        (0, None, None), (1, None, None), (1, "approve", 0), (1, "approve", 1), (2, None, None)]


def test_stopping_while_the_person_decides_ends_the_run_as_stopped() -> None:
    desktop = FakeDesktop()
    holder: list[Player] = []

    def decide(question: DecisionQuestion) -> DecisionAnswer:
        holder[0].abort()
        return DecisionAnswer("approve")

    running = Player(a_bot(), Path("."), desktop, values=dict(VALUES), decide=decide)
    holder.append(running)
    result = running.run()
    assert result.status == "aborted"
    assert result.reason == "stopped at step 2"
    assert desktop.actions == [("type", "Åsa")]
    assert result.decisions == []


def test_renaming_a_parameter_follows_it_into_decisions_and_their_branches() -> None:
    bot = a_bot()
    decision = bot.steps[1]
    assert isinstance(decision, DecisionStep)
    decision.show = ["belopp"]
    change_parameter(bot, "belopp", Parameter("summa", "number", "Summa"))
    assert decision.show == ["summa"]
    inner = decision.approve_steps[0]
    assert isinstance(inner, TypeTextStep) and inner.text == "{{summa}}"
    with pytest.raises(ParameterInUseError) as refused:
        remove_parameter(bot, "summa")
    assert refused.value.steps == [2]
