"""Putting steps into a decision's branches and taking them out again, and changing a step
where it is inside a branch, as the studio does."""

from __future__ import annotations

import pytest

from app.core.model.bot import (
    Bot,
    ClickStep,
    DecisionStep,
    KeyStep,
    Parameter,
    Point,
    Step,
    Target,
    TypeTextStep,
)
from app.core.model.decision_edits import (
    move_out,
    move_within,
    take_next_into,
    wrap_in_decision,
)
from app.core.model.editing import BotDocument, DocumentEvent, EditError, StepChanged
from app.core.model.parameter_edits import make_parameter


def keys(*names: str) -> list[Step]:
    return [KeyStep(id=name, key="tab") for name in names]


def ids(steps: list[Step]) -> list[str]:
    return [step.id for step in steps]


def test_the_chosen_steps_become_what_approval_leads_to_in_their_place() -> None:
    bot = Bot("x", steps=keys("a", "b", "c", "d"))
    decision = wrap_in_decision(bot, [2, 1], "Spara?")
    assert ids(bot.steps) == ["a", decision.id, "d"]
    assert ids(decision.approve_steps) == ["b", "c"] and decision.reject_steps == []
    assert decision.title == "Spara?"


def test_a_decision_is_never_put_inside_another() -> None:
    bot = Bot("x", steps=[*keys("a"), DecisionStep(id="beslut")])
    with pytest.raises(EditError, match="cannot go inside another decision"):
        wrap_in_decision(bot, [0, 1])
    assert ids(bot.steps) == ["a", "beslut"]


def test_the_next_step_is_taken_into_a_branch_and_taken_out_again_in_order() -> None:
    bot = Bot("x", steps=[DecisionStep(id="beslut"), *keys("avbryt", "logga_ut", "klar")])
    take_next_into(bot, "beslut", "reject")
    take_next_into(bot, "beslut", "reject")
    decision = bot.steps[0]
    assert isinstance(decision, DecisionStep)
    assert ids(decision.reject_steps) == ["avbryt", "logga_ut"] and ids(bot.steps)[1:] == [
        "klar"]
    assert move_within(bot, "beslut", "reject", 1, -1) == 0
    assert ids(decision.reject_steps) == ["logga_ut", "avbryt"]
    move_out(bot, "beslut", "reject", 1)
    move_out(bot, "beslut", "reject", 0)
    assert ids(bot.steps) == ["beslut", "logga_ut", "avbryt", "klar"]


def test_moves_that_cannot_be_made_say_why_and_change_nothing() -> None:
    bot = Bot("x", steps=[DecisionStep(id="beslut", approve_steps=keys("spara"))])
    with pytest.raises(EditError, match="no step after the decision"):
        take_next_into(bot, "beslut", "approve")
    with pytest.raises(EditError, match="already at that end"):
        move_within(bot, "beslut", "approve", 0, -1)
    with pytest.raises(EditError, match="no step 2"):
        move_out(bot, "beslut", "approve", 1)
    with pytest.raises(EditError, match="no longer in the bot"):
        move_out(bot, "borta", "approve", 0)
    assert ids(bot.steps) == ["beslut"]


def deciding_bot() -> Bot:
    return Bot("b", parameters=[Parameter("belopp", "number")], steps=[
        DecisionStep(id="d", title="Spara?",
                     approve_steps=[TypeTextStep(id="amount", text="{{belopp}}"),
                                    ClickStep(id="save", target=Target(absolute=Point(5, 5)))],
                     reject_steps=[KeyStep(id="esc", key="escape")]),
        KeyStep(id="after", key="tab")])


def test_a_step_inside_a_branch_is_changed_where_it_is_and_shown_on_its_decisions_row(
        ) -> None:
    document = BotDocument(deciding_bot())
    seen: list[DocumentEvent] = []
    document.subscribe(seen.append)
    previous = document.change_step("save", {"comment": "Spara ärendet", "timeout_s": 20.0})
    decision = document.bot.steps[0]
    assert isinstance(decision, DecisionStep)
    saved = decision.approve_steps[1]
    assert (saved.comment, saved.timeout_s) == ("Spara ärendet", 20.0)
    assert document.index_of("save") == 0 and document.step("save") is saved
    assert StepChanged(0, ("comment", "timeout_s")) in seen
    # Undo is the same call with what was there before.
    document.change_step("save", previous)
    assert (document.step("save").comment, document.step("save").timeout_s) == ("", None)


def test_a_refused_value_for_a_branch_step_says_which_field_and_changes_nothing() -> None:
    document = BotDocument(deciding_bot())
    with pytest.raises(EditError, match="text"):
        document.change_step("amount", {"text": "{{okand}}"})
    step = document.step("amount")
    assert isinstance(step, TypeTextStep) and step.text == "{{belopp}}"
    assert not document.dirty


def test_part_of_a_branch_steps_text_becomes_a_parameter() -> None:
    bot = deciding_bot()
    decision = bot.steps[0]
    assert isinstance(decision, DecisionStep)
    decision.reject_steps.append(TypeTextStep(id="why", text="Avslag: Nacka"))
    make_parameter(bot, "why", 8, 13, Parameter("kommun", "text"), keep_default=False)
    typed = decision.reject_steps[1]
    assert isinstance(typed, TypeTextStep) and typed.text == "Avslag: {{kommun}}"
