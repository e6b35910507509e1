"""A superuser turns recorded values into parameters without leaking them into the file."""

from __future__ import annotations

import pytest

from app.core.model.bot import Bot, KeyStep, TypeTextStep
from app.core.model.editing import EditError, promote_to_parameter


def recorded() -> Bot:
    return Bot("b", steps=[TypeTextStep(id="pnr", text="19850709-9805"),
                           KeyStep(id="tab", key="tab"),
                           TypeTextStep(id="pw", text="hemligt")])


def test_a_typed_value_becomes_a_placeholder_and_a_parameter() -> None:
    bot = recorded()
    parameter = promote_to_parameter(bot, "pnr", "personnummer", "personnummer", "Personnummer")
    step = bot.steps[0]
    assert isinstance(step, TypeTextStep) and step.text == "{{personnummer}}"
    assert parameter.default is None
    assert bot.parameters == [parameter]


def test_a_secret_never_keeps_the_recorded_value() -> None:
    bot = recorded()
    parameter = promote_to_parameter(bot, "pw", "losenord", "secret", keep_default=True)
    assert parameter.default is None


def test_only_typed_text_can_become_a_parameter() -> None:
    with pytest.raises(EditError, match="not a type-text step"):
        promote_to_parameter(recorded(), "tab", "x")


def test_a_parameter_name_is_used_once() -> None:
    bot = recorded()
    promote_to_parameter(bot, "pnr", "varde")
    with pytest.raises(EditError, match="already has"):
        promote_to_parameter(bot, "pw", "varde")


def test_a_picture_the_person_showed_becomes_the_steps_anchor() -> None:
    from app.core.model.bot import ClickStep, LearnedAnchor, Point, Target
    from app.core.model.editing import keep_learned_pictures

    bot = Bot("b", steps=[ClickStep(id="sok", target=Target(absolute=Point(5, 5)))])
    pictures = keep_learned_pictures(bot, [LearnedAnchor("sok", b"png", Point(40, 25),
                                                         Point(700, 500))])
    step = bot.steps[0]
    assert isinstance(step, ClickStep)
    assert step.target.anchor == "shown-sok.png" and step.target.anchor_offset == Point(40, 25)
    assert pictures == {"shown-sok.png": b"png"}
