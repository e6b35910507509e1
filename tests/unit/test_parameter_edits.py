"""A superuser makes a bot general: typed text becomes parameters, renamed and removed safely."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep
from app.core.model.botfile import load_bot, save_bot
from app.core.model.editing import EditError
from app.core.model.parameter_edits import (
    ParameterInUseError,
    add_parameter,
    change_parameter,
    make_parameter,
    parameter_users,
    remove_parameter,
)


def recorded() -> Bot:
    return Bot("b", parameters=[Parameter("namn", label="Namn")], steps=[
        TypeTextStep(id="pnr", text="19850709-9805"),
        KeyStep(id="tab", key="tab"),
        TypeTextStep(id="msg", text="Hej {{namn}}, beslut 2024-05-01"),
        TypeTextStep(id="again", text="{{ namn }}"),
    ])


def text_of(bot: Bot, step_id: str) -> str:
    step = next(s for s in bot.steps if s.id == step_id)
    assert isinstance(step, TypeTextStep)
    return step.text


def test_the_whole_typed_text_becomes_a_parameter_without_its_value() -> None:
    bot = recorded()
    made = make_parameter(bot, "pnr", 0, 13, Parameter("pnr", "personnummer"), False)
    assert text_of(bot, "pnr") == "{{pnr}}"
    assert made.default is None and bot.parameters[-1] == made


def test_part_of_the_text_becomes_a_parameter_and_the_rest_stays() -> None:
    bot = recorded()
    start = text_of(bot, "msg").index("2024")
    make_parameter(bot, "msg", start, start + 10, Parameter("datum", "date"), False)
    assert text_of(bot, "msg") == "Hej {{namn}}, beslut {{datum}}"


def test_the_typed_text_is_kept_as_default_only_when_asked() -> None:
    bot = recorded()
    made = make_parameter(bot, "pnr", 0, 13, Parameter("pnr", "personnummer"), True)
    assert made.default == "19850709-9805"


def test_a_secret_never_keeps_the_typed_text() -> None:
    bot = recorded()
    before = copy.deepcopy(bot)
    with pytest.raises(EditError, match="secret"):
        make_parameter(bot, "pnr", 0, 13, Parameter("losen", "secret"), True)
    assert bot == before


def test_a_default_that_does_not_fit_the_type_is_refused() -> None:
    bot = recorded()
    before = copy.deepcopy(bot)
    with pytest.raises(EditError, match="default '19850709-9805'"):
        make_parameter(bot, "pnr", 0, 13, Parameter("datum", "date"), True)
    assert bot == before


@pytest.mark.parametrize(("step_id", "start", "end", "name", "reason"), [
    ("tab", 0, 1, "x", "does not type text"),
    ("nope", 0, 1, "x", "no step with id"),
    ("pnr", 5, 5, "x", "not a part of"),
    ("pnr", 0, 99, "x", "not a part of"),
    ("msg", 2, 6, "x", "overlaps the parameter {{namn}}"),
    ("pnr", 0, 4, "namn", "already has a parameter named 'namn'"),
    ("pnr", 0, 4, "2namn", "not a usable parameter name"),
])
def test_a_make_parameter_that_cannot_be_done_changes_nothing(
        step_id: str, start: int, end: int, name: str, reason: str) -> None:
    bot = recorded()
    before = copy.deepcopy(bot)
    with pytest.raises(EditError, match=reason):
        make_parameter(bot, step_id, start, end, Parameter(name), False)
    assert bot == before


def test_a_renamed_parameter_is_followed_by_every_step_that_uses_it() -> None:
    bot = recorded()
    change_parameter(bot, "namn", Parameter("fornamn", label="Förnamn"))
    assert text_of(bot, "msg") == "Hej {{fornamn}}, beslut 2024-05-01"
    assert text_of(bot, "again") == "{{ fornamn }}"
    assert [p.name for p in bot.parameters] == ["fornamn"]
    assert bot.parameters[0].label == "Förnamn"


def test_a_rename_onto_a_name_in_use_is_refused() -> None:
    bot = recorded()
    add_parameter(bot, Parameter("datum", "date"))
    before = copy.deepcopy(bot)
    with pytest.raises(EditError, match="already has a parameter named 'datum'"):
        change_parameter(bot, "namn", Parameter("datum"))
    assert bot == before


def test_changing_a_parameter_to_secret_drops_no_default_silently() -> None:
    bot = Bot("b", parameters=[Parameter("anv", default="handlaggare")])
    with pytest.raises(EditError, match="secret parameter cannot have a stored default"):
        change_parameter(bot, "anv", Parameter("anv", "secret", default="handlaggare"))
    assert bot.parameters[0].type == "text"


def test_a_choice_needs_choices() -> None:
    with pytest.raises(EditError, match="at least one choice"):
        add_parameter(recorded(), Parameter("kategori", "choice"))


def test_a_parameter_in_use_is_not_removed_and_the_steps_are_named() -> None:
    bot = recorded()
    with pytest.raises(ParameterInUseError, match="steps 3, 4") as raised:
        remove_parameter(bot, "namn")
    assert raised.value.steps == [3, 4] == parameter_users(bot, "namn")
    assert bot.parameter("namn") is not None


def test_an_unused_parameter_is_removed() -> None:
    bot = recorded()
    add_parameter(bot, Parameter("extra"))
    assert parameter_users(bot, "extra") == []
    remove_parameter(bot, "extra")
    assert bot.parameter("extra") is None


def test_the_bot_keeps_its_own_copy_of_a_new_parameter() -> None:
    bot = recorded()
    given_parameter = Parameter("kategori", "choice", choices=["Hyra"])
    add_parameter(bot, given_parameter)
    given_parameter.choices.append("El")
    assert bot.parameters[-1].choices == ["Hyra"]


def test_a_bot_made_general_saves_and_loads(tmp_path: Path) -> None:
    bot = recorded()
    make_parameter(bot, "pnr", 0, 13, Parameter("pnr", "personnummer", label="Personnummer"),
                   False)
    change_parameter(bot, "namn", Parameter("fornamn"))
    save_bot(bot, tmp_path / "b")
    assert load_bot(tmp_path / "b") == bot


# ---------------------------------------------------------------- round trips

names = st.from_regex(r"\A[a-z_][a-z0-9_]{0,8}\Z")
plain_text = st.text(alphabet=st.characters(exclude_characters="{}",
                                            codec="utf-8"), max_size=30)


@st.composite
def bots_with_placeholders(draw: st.DrawFn) -> Bot:
    parameter_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    steps: list[TypeTextStep] = []
    for number in range(draw(st.integers(1, 5))):
        pieces = draw(st.lists(st.one_of(
            plain_text,
            st.sampled_from(parameter_names).map(lambda n: "{{" + n + "}}"),
            st.sampled_from(parameter_names).map(lambda n: "{{ " + n + " }}")), max_size=5))
        steps.append(TypeTextStep(id=f"s{number}", text="".join(pieces)))
    return Bot("b", parameters=[Parameter(n) for n in parameter_names], steps=list(steps))


@settings(max_examples=200, deadline=None)
@given(bots_with_placeholders(), names, st.data())
def test_renaming_and_renaming_back_gives_the_same_bot(bot: Bot, new: str,
                                                       data: st.DataObject) -> None:
    old = data.draw(st.sampled_from([p.name for p in bot.parameters]))
    before = copy.deepcopy(bot)
    try:
        change_parameter(bot, old, Parameter(new))
    except EditError:
        assert bot == before  # the name was taken: nothing changed
        return
    assert parameter_users(bot, new) == parameter_users(before, old)
    change_parameter(bot, new, Parameter(old))
    assert bot == before


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_characters="{}", codec="utf-8"),
               min_size=1, max_size=40), names, st.data())
def test_a_made_parameter_filled_with_its_default_types_the_recorded_text(
        text: str, name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    bot = Bot("b", steps=[TypeTextStep(id="s", text=text)])
    made = make_parameter(bot, "s", start, end, Parameter(name), True)
    assert text_of(bot, "s").replace("{{" + name + "}}", made.default or "") == text
