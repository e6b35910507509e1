"""A read step takes a text off the screen (the name the case system fetched) for the person
deciding later in the case to see; it reads only an element the tree names, never a guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.model.bot import (
    Bot,
    ClickStep,
    DecisionStep,
    KeyStep,
    Parameter,
    Point,
    ReadTextStep,
    Selector,
    Target,
)
from app.core.model.botfile import BotFileError, bot_json, load_bot, save_bot
from app.core.model.editing import EditError, read_text_instead, value_name
from app.core.platform.accessibility import ElementInfo
from app.core.running.player import (
    Decision,
    DecisionAnswer,
    DecisionQuestion,
    Problem,
)
from tests.unit.fake_desktop import FakeDesktop
from tests.unit.test_player import WINDOW, TreeDesktop, bot_folder, play

__all__ = ["bot_folder"]  # the fixture, shared with the player's tests
NAME_FIELD = Selector(api="atspi", role="text", element_id="form.name", labels=("Namn",))


def read_name(label: str = "Namn i folkbokföringen") -> ReadTextStep:
    return ReadTextStep(id="las", into="namn_folkbokford", label=label,
                        target=Target(window_title=WINDOW.title, selector=NAME_FIELD))


class ReadingDesktop(TreeDesktop):
    """A tree that names the form's fields and reads what they show."""

    def __init__(self, texts: dict[str, str | None]) -> None:
        super().__init__({element_id: (700, 500, 120) for element_id in texts})
        self.windows = [WINDOW]
        self.texts = texts

    def focused_field(self, selector: Selector, window: object) -> None:
        return None

    def element_text(self, element: ElementInfo) -> str | None:
        return self.texts.get(element.element_id)


def deciding_bot() -> Bot:
    return Bot("b", parameters=[Parameter("pnr", "personnummer", "Personnummer")], steps=[
        read_name(), DecisionStep(id="beslut", title="Rätt person?",
                                  approve_steps=[KeyStep(id="spara", key="f2")])])


def test_the_text_read_is_shown_at_the_decision_beside_the_parameters(
        bot_folder: Path) -> None:
    desktop = ReadingDesktop({"form.name": "Åsa Öberg"})
    asked: list[DecisionQuestion] = []

    def decide(question: DecisionQuestion) -> DecisionAnswer:
        asked.append(question)
        return DecisionAnswer("approve")

    result = play(deciding_bot(), bot_folder, desktop, decide=decide,
                  values={"pnr": "19811124-9812"})
    assert result.succeeded
    [question] = asked
    shown = {value.label: (value.value, value.editable) for value in question.values}
    assert shown == {"Personnummer": ("19811124-9812", True),
                     "Namn i folkbokföringen": ("Åsa Öberg", False)}
    assert result.steps[0].found_by == "selector"
    assert result.decisions[0].shown["namn_folkbokford"] == "Åsa Öberg"


def test_an_element_the_tree_cannot_find_fails_an_unattended_step(bot_folder: Path) -> None:
    desktop = ReadingDesktop({})
    result = play(Bot("b", steps=[read_name()]), bot_folder, desktop)
    assert result.status == "failed"
    assert result.reason is not None and "'Namn' (text) did not show" in result.reason


def test_a_field_without_text_to_read_makes_an_attended_robot_ask(bot_folder: Path) -> None:
    desktop = ReadingDesktop({"form.name": None})
    asked: list[Problem] = []

    def ask(problem: Problem) -> Decision:
        asked.append(problem)
        desktop.texts["form.name"] = "Åsa Öberg"  # the system has fetched it by now
        return Decision("retry")

    result = play(Bot("b", steps=[read_name()]), bot_folder, desktop, ask=ask)
    assert result.succeeded
    assert [problem.kind for problem in asked] == ["target_not_found"]
    assert "has no text to read" in asked[0].message


def test_without_a_tree_nothing_is_guessed_from_pictures(bot_folder: Path) -> None:
    desktop = FakeDesktop()
    desktop.windows = [WINDOW]
    result = play(Bot("b", steps=[read_name()]), bot_folder, desktop)
    assert result.status == "failed"
    assert result.reason is not None and "accessibility tree" in result.reason


def test_a_read_step_is_saved_and_loaded_with_its_element(tmp_path: Path) -> None:
    save_bot(deciding_bot(), tmp_path)
    loaded = load_bot(tmp_path)
    assert loaded.steps[0] == read_name()


@pytest.mark.parametrize(("change", "field", "why"), [
    ({"into": "2namn"}, "into", "not a usable name"),
    ({"into": "pnr"}, "into", "already a parameter's name"),
    ({"target": {"window_title": WINDOW.title, "window_point": [5, 5]}},
     "target.selector", "needs the element to read"),
])
def test_a_read_step_that_cannot_work_is_refused_naming_the_field(
        tmp_path: Path, change: dict[str, object], field: str, why: str) -> None:
    document = bot_json(deciding_bot())
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0].update(change)
    (tmp_path / "bot.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(BotFileError) as refused:
        load_bot(tmp_path)
    assert refused.value.field == field and why in str(refused.value)
    assert refused.value.step_index == 0


def test_a_read_step_inside_a_branch_may_not_take_a_parameters_name_either(
        tmp_path: Path) -> None:
    bot = deciding_bot()
    decision = bot.steps[1]
    assert isinstance(decision, DecisionStep)
    decision.reject_steps.append(ReadTextStep(
        id="las2", into="pnr", target=Target(window_title=WINDOW.title, selector=NAME_FIELD)))
    (tmp_path / "bot.json").write_text(json.dumps(bot_json(bot)), encoding="utf-8")
    with pytest.raises(BotFileError) as refused:
        load_bot(tmp_path)
    assert refused.value.field == "reject_steps, step 1, into"
    assert refused.value.step_index == 1


def recorded_click_on_the_name() -> Bot:
    return Bot("b", parameters=[Parameter("namn", "text")], steps=[
        KeyStep(id="tab", key="tab"),
        ClickStep(id="klick", comment="namnet", target=Target(
            window_title=WINDOW.title, window_point=Point(120, 80),
            selector=Selector(api="atspi", role="text", labels=("Namn",),
                              element_id="form.name")))])


def test_a_recorded_click_on_a_field_becomes_a_step_reading_it() -> None:
    bot = recorded_click_on_the_name()
    read = read_text_instead(bot, 1)
    assert bot.steps[1] is read
    # "namn" is taken by the parameter: the value gets a name of its own.
    assert (read.into, read.label, read.comment) == ("namn_2", "Namn", "namnet")
    assert read.target.selector is not None and read.target.selector.element_id == "form.name"


def test_only_a_click_on_a_named_element_can_become_a_read_step() -> None:
    bot = recorded_click_on_the_name()
    with pytest.raises(EditError, match="only a click on an element"):
        read_text_instead(bot, 0)
    click = bot.steps[1]
    assert isinstance(click, ClickStep)
    click.target.selector = None
    with pytest.raises(EditError, match="only a click on an element"):
        read_text_instead(bot, 1)


@pytest.mark.parametrize(("words", "taken", "name"), [
    ("Namn i folkbokföringen", [], "namn_i_folkbokforingen"),
    ("Ärendenummer", ["arendenummer"], "arendenummer_2"),
    ("3 Belopp (kr)", [], "v_3_belopp_kr"),
    ("???", [], "varde"),
])
def test_a_value_is_named_after_the_words_a_person_knows_it_by(
        words: str, taken: list[str], name: str) -> None:
    assert value_name(words, taken) == name
