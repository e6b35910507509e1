"""A decision step in bot.json: its two branches load and save losslessly, and a problem inside
a branch is named by the decision, the branch and the step in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.model.bot import Bot, DecisionStep, KeyStep, Parameter, Step, TypeTextStep
from app.core.model.botfile import BotFileError, bot_json, load_bot, save_bot
from tests.unit.test_botfile import PNG, common, names, text, write_document
from tests.unit.test_botfile import steps as plain_steps

branches = st.lists(plain_steps, max_size=4)
decisions: st.SearchStrategy[Step] = st.builds(
    DecisionStep, title=text, approve_steps=branches, reject_steps=branches, **common)


def unique_ids(steps: list[Step]) -> bool:
    ids = [step.id for step in steps]
    for step in steps:
        if isinstance(step, DecisionStep):
            ids += [inner.id for inner in step.approve_steps + step.reject_steps]
    return len(ids) == len(set(ids))


@st.composite
def bots_with_decisions(draw: st.DrawFn) -> Bot:
    parameter_names = draw(st.lists(names, unique=True, max_size=3))
    bot_steps = draw(st.lists(plain_steps | decisions, max_size=5).filter(unique_ids))
    shown = draw(st.lists(st.sampled_from(parameter_names), unique=True)
                 if parameter_names else st.just([]))
    decision = DecisionStep(title=draw(text), show=shown)
    for name in parameter_names[:1]:
        decision.approve_steps.append(TypeTextStep(text=f"{{{{{name}}}}}"))
    bot_steps.append(decision)
    return Bot(name=draw(text.filter(str.strip)),
               parameters=[Parameter(name) for name in parameter_names], steps=bot_steps)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bot=bots_with_decisions())
def test_a_bot_with_decisions_loads_back_as_it_was_saved(tmp_path: Path, bot: Bot) -> None:
    folder = tmp_path / "generated"
    save_bot(bot, folder, dict.fromkeys(bot.pictures(), PNG))
    first = load_bot(folder)
    assert first == bot
    save_bot(first, folder)
    assert bot_json(load_bot(folder)) == bot_json(bot)


def a_document() -> dict[str, object]:
    return bot_json(Bot("Beslut", parameters=[Parameter("namn")], steps=[
        KeyStep(id="ett", key="tab"), KeyStep(id="två", key="tab"), KeyStep(id="tre", key="tab"),
        DecisionStep(id="beslut", title="Bevilja?",
                     approve_steps=[KeyStep(id="spara", key="f2")],
                     reject_steps=[KeyStep(id="avbryt", key="escape"),
                                   TypeTextStep(id="notera", text="{{namn}}")]),
    ]))


def load_changed(tmp_path: Path, change: dict[str, object]) -> BotFileError:
    document = a_document()
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[3].update(change)
    folder = tmp_path / "bot"
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    return error.value


def test_a_bad_field_inside_a_branch_is_named_by_step_branch_and_step(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"reject_steps": [
        {"id": "avbryt", "type": "key", "key": "escape"},
        {"id": "vänta", "type": "wait", "seconds": "två"}]})
    assert error.step_number == 4
    assert error.field == "reject_steps, step 2, seconds"
    assert str(error).endswith(
        "step 4 (id beslut), field 'reject_steps, step 2, seconds': must be a number, not text")


def test_a_decision_inside_a_decision_is_refused_with_a_way_out(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"approve_steps": [{"id": "igen", "type": "decision"}]})
    assert error.field == "approve_steps, step 1, type"
    assert "cannot hold another decision step" in error.reason


def test_a_branch_referring_to_an_unknown_parameter_is_refused(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"approve_steps": [
        {"id": "skriv", "type": "type_text", "text": "{{personnummer}}"}]})
    assert error.field == "approve_steps, step 1, text"
    assert "{{personnummer}}" in error.reason


def test_showing_a_value_the_bot_does_not_have_is_refused(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"show": ["namn", "belopp"]})
    assert (error.step_number, error.field) == (4, "show")
    assert "'belopp'" in error.reason


def test_a_branch_step_may_not_reuse_an_id(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"approve_steps": [{"id": "två", "type": "key", "key": "a"}]})
    assert error.field == "approve_steps, step 1, id"


def test_a_branch_must_be_a_list(tmp_path: Path) -> None:
    error = load_changed(tmp_path, {"approve_steps": {"id": "x"}})
    assert error.field == "approve_steps"
    assert "must be a list of steps" in error.reason


def test_a_missing_picture_inside_a_branch_is_named_before_saving(tmp_path: Path) -> None:
    document = a_document()
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[3]["approve_steps"] = [{"id": "klick", "type": "click", "target": {
        "anchor": "spara.png", "anchor_offset": [3, 4]}}]
    folder = tmp_path / "bot"
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert error.value.field == "approve_steps, step 1, target.anchor"
    assert "images/spara.png is missing" in error.value.reason


def test_an_empty_decision_is_written_short(tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    save_bot(Bot("Kort", steps=[DecisionStep(id="beslut")]), folder)
    document = json.loads((folder / "bot.json").read_text(encoding="utf-8"))
    assert document["steps"] == [{"id": "beslut", "type": "decision"}]
    assert load_bot(folder).steps == [DecisionStep(id="beslut")]
