"""A superuser edits a bot: every change checked, announced, and undoable; recorded values
become parameters without leaking into the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.model.bot import (
    Bot,
    ClickStep,
    KeyStep,
    Parameter,
    Point,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.editing import (
    BotDocument,
    DirtyChanged,
    DocumentEvent,
    EditError,
    ParametersChanged,
    StepChanged,
    StepMoved,
    StepsInserted,
    StepsInserting,
    StepsRemoved,
    promote_to_parameter,
)


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


# ---------------------------------------------------------------- the open bot as a document

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def five() -> Bot:
    return Bot("b", steps=[KeyStep(id=name, key="tab") for name in "abcde"])


def ids(document: BotDocument) -> str:
    return "".join(step.id for step in document.steps)


def listen(document: BotDocument) -> list[DocumentEvent]:
    events: list[DocumentEvent] = []
    document.subscribe(events.append)
    return events


def test_inserted_steps_are_announced_where_they_landed() -> None:
    document = BotDocument(five())
    events = listen(document)
    document.insert_steps(2, [KeyStep(id="x"), KeyStep(id="y")])
    assert ids(document) == "abxycde"
    assert events == [StepsInserting(2, 2), StepsInserted(2, 2), DirtyChanged(True)]


def test_removing_a_multi_selection_and_putting_it_back() -> None:
    document = BotDocument(five())
    events = listen(document)
    removed = document.remove_steps([4, 0, 1])
    assert ids(document) == "cd"
    # Bottom block first, so each announced index is true when it is announced.
    assert [e for e in events if isinstance(e, StepsRemoved)] == [StepsRemoved(4, 1),
                                                                  StepsRemoved(0, 2)]
    document.restore_steps(removed)
    assert ids(document) == "abcde"


@pytest.mark.parametrize(("rows", "before", "expected"), [
    ([0], 5, "bcdea"),
    ([4], 0, "eabcd"),
    ([0, 2], 4, "bdace"),
    ([1, 3], 0, "bdace"),
    ([1, 2], 2, "abcde"),
    ([1, 3], 2, "abdce"),
    ([0, 4], 2, "baecd"),
])
def test_moving_steps_puts_them_together_before_the_drop_place_and_back(
        rows: list[int], before: int, expected: str) -> None:
    document = BotDocument(five())
    events = listen(document)
    moves = document.move_steps(rows, before)
    assert ids(document) == expected
    # A view replaying the announced single moves on its own copy ends in the same order.
    mirror = list("abcde")
    for event in events:
        if isinstance(event, StepMoved):
            mirror.insert(event.destination, mirror.pop(event.source))
    assert "".join(mirror) == expected
    document.revert_moves(moves)
    assert ids(document) == "abcde"
    document.apply_moves(moves)
    assert ids(document) == expected


def test_a_duplicate_gets_new_ids_and_stands_after_the_selection() -> None:
    document = BotDocument(five())
    index, count = document.duplicate_steps([1, 2])
    assert (index, count) == (3, 2)
    copies = document.steps[3:5]
    assert [c.id for c in copies] != ["b", "c"]
    assert len({step.id for step in document.steps}) == 7
    document.remove_steps(range(index, index + count))
    assert ids(document) == "abcde"


def test_switching_several_steps_off_keeps_what_each_was() -> None:
    bot = five()
    bot.steps[1].enabled = False
    document = BotDocument(bot)
    previous = document.set_enabled([0, 1, 2], False)
    assert previous == {"a": True, "c": True}
    assert not any(step.enabled for step in document.steps[:3])
    document.restore_enabled(previous)
    assert [step.enabled for step in document.steps[:3]] == [True, False, True]


def test_changing_fields_by_path_returns_the_values_to_undo_with() -> None:
    bot = Bot("b", steps=[ClickStep(id="k", target=Target(window_title="Inloggning",
                                                           absolute=Point(1, 2)))])
    document = BotDocument(bot)
    events = listen(document)
    previous = document.change_step("k", {"comment": " logga in ", "clicks": 2,
                                          "target.confidence": 0.9, "timeout_s": 20})
    step = document.steps[0]
    assert isinstance(step, ClickStep)
    assert (step.comment, step.clicks, step.target.confidence, step.timeout_s) == (
        "logga in", 2, 0.9, 20.0)
    assert previous == {"comment": "", "clicks": 1, "target.confidence": None,
                        "timeout_s": None}
    assert StepChanged(0, ("comment", "clicks", "target.confidence", "timeout_s")) in events
    document.change_step("k", previous)
    assert step is not document.steps[0]
    again = document.steps[0]
    assert isinstance(again, ClickStep)
    assert (again.comment, again.clicks, again.target.confidence) == ("", 1, None)


@pytest.mark.parametrize(("changes", "message"), [
    ({"clicks": 7}, "clicks: must be 1, 2 or 3"),
    ({"button": "thumb"}, "button: must be one of left, right, middle"),
    ({"target.confidence": 1.5}, "target.confidence: must be more than 0 and at most 1"),
    ({"timeout_s": "soon"}, "timeout_s: must be a number"),
    ({"target.anchor": "saknas.png"}, "target.anchor: the bot has no picture 'saknas.png'"),
    ({"text": "x"}, "text: a click step has no such field"),
    ({"comment": "ok", "target.anchor_offset": (1,)}, "target.anchor_offset: must be a point"),
])
def test_a_bad_value_names_the_field_and_changes_nothing(changes: dict[str, object],
                                                         message: str) -> None:
    bot = Bot("b", steps=[ClickStep(id="k", target=Target(absolute=Point(1, 2)))])
    document = BotDocument(bot)
    events = listen(document)
    with pytest.raises(EditError, match=message.replace("(", r"\(")):
        document.change_step("k", changes)
    assert events == [] and not document.dirty
    assert bot.steps[0].comment == ""


def test_a_text_naming_an_unknown_parameter_is_refused_as_the_loader_would() -> None:
    document = BotDocument(Bot("b", steps=[TypeTextStep(id="t", text="x")]))
    with pytest.raises(EditError, match=r"step 1: text: refers to parameter '\{\{namn\}\}'"):
        document.change_step("t", {"text": "{{namn}}"})


def test_a_wait_for_a_picture_gets_a_target_and_undo_takes_it_away() -> None:
    document = BotDocument(Bot("b", steps=[WaitStep(id="w")]))
    document.add_picture("ny.png", PNG)
    previous = document.change_step("w", {"until": "picture_appears", "target.anchor": "ny.png",
                                          "target.anchor_offset": (3, 4)})
    step = document.steps[0]
    assert isinstance(step, WaitStep) and step.target is not None
    assert step.target.anchor_offset == Point(3, 4)
    assert previous == {"until": "time", "target": None}
    document.change_step("w", previous)
    restored = document.steps[0]
    assert isinstance(restored, WaitStep) and restored.target is None


def test_undo_back_to_the_saved_state_is_clean_again() -> None:
    document = BotDocument(five())
    events = listen(document)
    saved = document.state
    before = document.state
    previous = document.change_step("a", {"comment": "x"})
    after = document.state
    assert document.dirty
    document.change_step("a", previous)
    document.restore_state(before)
    assert not document.dirty and before == saved
    document.change_step("a", {"comment": "x"})
    document.restore_state(after)
    document.mark_saved()
    assert not document.dirty
    assert [e for e in events if isinstance(e, DirtyChanged)] == [
        DirtyChanged(True), DirtyChanged(False), DirtyChanged(True), DirtyChanged(False)]


def test_a_pure_edit_from_elsewhere_becomes_an_announced_change() -> None:
    document = BotDocument(Bot("b", steps=[TypeTextStep(id="t", text="19850709-9805")]))
    events = listen(document)
    before, after = document.change_bot(
        lambda bot: promote_to_parameter(bot, "t", "pnr", "personnummer"))
    assert ParametersChanged() in events and StepChanged(0, ()) in events
    document.restore(before)
    assert document.bot.parameters == [] and document.steps[0].text == "19850709-9805"  # type: ignore[attr-defined]
    document.restore(after)
    assert document.bot.parameters == [Parameter("pnr", "personnummer")]


def test_a_pure_edit_that_fails_leaves_the_bot_as_it_was() -> None:
    document = BotDocument(Bot("b", steps=[TypeTextStep(id="t", text="x")]))

    def half_done(bot: Bot) -> None:
        bot.steps.clear()
        raise EditError("nej")

    with pytest.raises(EditError):
        document.change_bot(half_done)
    assert ids(document) == "t" and not document.dirty


def test_an_example_cannot_be_changed() -> None:
    document = BotDocument(five(), read_only=True)
    with pytest.raises(EditError, match="example"):
        document.remove_steps([0])
    assert ids(document) == "abcde"


def test_a_new_picture_waits_for_the_save_and_can_be_taken_back(tmp_path: Path) -> None:
    document = BotDocument(five(), tmp_path)
    with pytest.raises(EditError, match="not a PNG"):
        document.add_picture("a.png", b"GIF89a")
    with pytest.raises(EditError, match="plain picture file name"):
        document.add_picture("../a.png", PNG)
    assert document.free_picture_name("sok") == "sok.png"
    previous = document.add_picture("sok.png", PNG)
    assert document.picture("sok.png") == PNG
    assert document.free_picture_name("sok") == "sok-2.png"
    document.remove_picture("sok.png", previous)
    assert document.picture("sok.png") is None


# ---------------------------------------------------------------- recovery copies


def test_a_recovery_copy_newer_than_the_bot_is_offered_back(tmp_path: Path) -> None:
    from app.core.model import unsaved
    from app.core.model.botfile import bot_json, save_bot

    folder = tmp_path / "bot"
    save_bot(five(), folder)
    edited = five()
    del edited.steps[0]
    unsaved.write_copy(folder, bot_json(edited), {"ny.png": PNG})
    copy = unsaved.read_copy(folder)
    assert copy is not None
    assert [step.id for step in copy.bot.steps] == list("bcde")
    assert copy.pictures == {"ny.png": PNG}
    # Saving the bot afterwards makes the copy old news.
    os.utime(folder / "bot.json", (copy.saved_at + 5, copy.saved_at + 5))
    assert unsaved.read_copy(folder) is None
    unsaved.discard_copy(folder)
    assert not unsaved.copy_folder(folder).exists()


def test_a_damaged_recovery_copy_is_not_offered(tmp_path: Path) -> None:
    from app.core.model import unsaved

    folder = tmp_path / "bot"
    target = unsaved.copy_folder(folder)
    target.mkdir(parents=True)
    (target / "bot.json").write_text("{ inte json", encoding="utf-8")
    assert unsaved.read_copy(folder) is None
