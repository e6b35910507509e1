"""A superuser turns a recorded click on a field into a step that reads the field's text, in
the studio: the text is then shown to the person who decides later in the run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, ClickStep, KeyStep, Point, ReadTextStep, Selector, Target
from app.core.model.botfile import load_bot
from app.gui.step_model import Column
from app.gui.studio import StudioWindow
from tests.gui.test_editor import WINDOW, make_window, save_in, select, undo

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.usefixtures("swedish"),
]
__all__ = ["make_window"]  # the studio window fixture, shared with the editing tests

NAME_FIELD = Selector(api="atspi", role="text", labels=("Namn",), element_id="form.name")


def clicked_on_the_name() -> Bot:
    return Bot("Läs namnet", steps=[
        KeyStep(id="tab", key="tab", window_title=WINDOW),
        ClickStep(id="namn", target=Target(window_title=WINDOW, window_point=Point(200, 120),
                                           selector=NAME_FIELD))])


def step_at(window: StudioWindow, row: int) -> object:
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    return entry.bot.steps[row]


def test_a_click_on_a_field_becomes_a_read_step_whose_name_and_label_are_edited_and_undone(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "las", clicked_on_the_name())
    window = make_window()
    window.select_bot(folder)
    select(window, 0)
    assert not window.editor.read_instead_action.isEnabled(), "a key has no field to read"
    select(window, 1)
    action = window.editor.read_instead_action
    assert action.isEnabled() and action.text() == "&Läs texten här i stället"
    action.trigger()

    read = step_at(window, 1)
    assert isinstance(read, ReadTextStep) and (read.into, read.label) == ("namn", "Namn")
    assert window.step_model.index(1, Column.DESCRIPTION).data() == (
        f"Läs texten på ”Namn” i {WINDOW} som ”Namn”")
    panel = window.property_panel
    qtbot.waitUntil(lambda: panel.into_edit.isVisible() and panel.into_edit.text() == "namn")
    box = panel.targets["target"]
    assert box.element_label.text().startswith("Roboten läser texten som elementet ”Namn”")
    # A text is read from its element only: no picture to pick, no likeness, no point.
    assert not box.pick_button.isVisible() and not box.confidence.isVisible()
    assert not panel.points_box.isVisible()

    panel.label_edit.setText("Namn i folkbokföringen")
    panel.label_edit.editingFinished.emit()
    read = step_at(window, 1)
    assert isinstance(read, ReadTextStep) and read.label == "Namn i folkbokföringen"
    panel.into_edit.setText("2 fel")
    panel.into_edit.editingFinished.emit()
    read = step_at(window, 1)
    assert isinstance(read, ReadTextStep) and read.into == "namn", "a name a file refuses"
    message = window.message_box
    assert message is not None and "into" in message.text() and "2 fel" in message.text()
    message.accept()  # the refusal is read; the keyboard is the studio's again

    window.save_action.trigger()
    saved = load_bot(folder).steps[1]
    assert isinstance(saved, ReadTextStep) and saved.label == "Namn i folkbokföringen"

    select(window, 1)
    undo(qtbot, window)
    read = step_at(window, 1)
    assert isinstance(read, ReadTextStep) and read.label == "Namn"
    undo(qtbot, window)
    assert isinstance(step_at(window, 1), ClickStep)
