"""A superuser makes the robot stop for a person's decision, in the studio: the selected steps go
into a decision, the steps after it into either branch and out again, every change undoable,
and the bot saves with its branches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, DecisionStep, KeyStep, Step, TypeTextStep
from app.core.model.botfile import load_bot
from app.gui.qt import Qt
from app.gui.step_model import Column
from app.gui.studio import StudioWindow
from tests.gui.test_editor import (
    application_bot,
    ids,
    make_window,
    save_in,
    select,
    undo,
)

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]
__all__ = ["make_window"]  # the studio window fixture, shared with the editing tests


def the_bot(window: StudioWindow) -> Bot:
    entry = window.current_entry()
    assert entry is not None and entry.bot is not None
    return entry.bot


def decision_at(window: StudioWindow, row: int) -> DecisionStep:
    step = the_bot(window).steps[row]
    assert isinstance(step, DecisionStep)
    return step


def branch_ids(steps: list[Step]) -> list[str]:
    return [step.id for step in steps]


def test_selected_steps_go_into_a_decision_and_branches_are_edited_from_its_panel(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    select(window, 1, 2)
    assert window.editor.into_decision_action.isEnabled()
    assert window.editor.into_decision_action.text() == "Gör bara om en person &godkänner"
    window.editor.into_decision_action.trigger()
    decision = decision_at(window, 1)
    assert branch_ids(decision.approve_steps) == ["pnr", "enter"]
    assert ids(window) == ["sok", decision.id, "vanta", "tab"]
    assert window.step_model.index(1, Column.DESCRIPTION).data() == "En person beslutar"

    select(window, 1)
    qtbot.waitUntil(window.decision_panel.isVisible)
    panel = window.decision_panel
    assert panel.boxes["approve"].steps.count() == 2
    assert panel.boxes["reject"].steps.count() == 0
    assert not window.property_panel.action_box.isVisible()

    # The wait after the decision goes into the reject branch, then back out.
    qtbot.mouseClick(panel.boxes["reject"].take_next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.boxes["reject"].steps.count() == 1)
    assert branch_ids(decision_at(window, 1).reject_steps) == ["vanta"]
    assert ids(window)[2:] == ["tab"]

    approve = panel.boxes["approve"]
    approve.steps.setCurrentRow(1)
    qtbot.mouseClick(approve.up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: branch_ids(decision_at(window, 1).approve_steps) == [
        "enter", "pnr"])
    assert approve.steps.currentRow() == 0

    panel.title_edit.setText("Registrera ansökan?")
    panel.title_edit.editingFinished.emit()
    assert decision_at(window, 1).title == "Registrera ansökan?"

    window.save_action.trigger()
    saved = load_bot(folder)
    decision = saved.steps[1]
    assert isinstance(decision, DecisionStep)
    assert (decision.title, branch_ids(decision.approve_steps),
            branch_ids(decision.reject_steps)) == ("Registrera ansökan?", ["enter", "pnr"],
                                                   ["vanta"])

    for _ in range(4):  # title, move, take in, put into a decision
        undo(qtbot, window)
    assert ids(window) == ["sok", "pnr", "enter", "vanta", "tab"]


def decision_chosen(qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path,
                    bot: Bot) -> StudioWindow:
    """A studio with ``bot`` saved in its library and open, its first step (a decision)
    chosen."""
    folder = save_in(library, "beslut", bot)
    window = make_window()
    window.select_bot(folder)
    select(window, 0)
    qtbot.waitUntil(window.decision_panel.isVisible)
    return window


def test_a_branch_step_taken_out_lands_right_after_the_decision(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    bot = Bot("Beslut", steps=[DecisionStep(id="beslut", approve_steps=[
        KeyStep(id="spara", key="f2"), KeyStep(id="ok", key="enter")]),
        KeyStep(id="klar", key="f10")])
    window = decision_chosen(qtbot, make_window, library, bot)
    approve = window.decision_panel.boxes["approve"]
    approve.steps.setCurrentRow(0)
    qtbot.mouseClick(approve.out_button, Qt.MouseButton.LeftButton)
    assert ids(window) == ["beslut", "spara", "klar"]
    assert branch_ids(decision_at(window, 0).approve_steps) == ["ok"]


def test_a_decision_can_be_inserted_from_the_palette(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    folder = save_in(library, "bistand", application_bot())
    window = make_window()
    window.select_bot(folder)
    select(window, 4)
    window.editor.insert_actions["decision"].trigger()
    assert isinstance(the_bot(window).steps[4], DecisionStep)
    window.save_action.trigger()
    assert not window.is_modified()


def test_the_values_a_decision_shows_are_ticked_in_its_panel(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    bot = application_bot()
    bot.steps.append(DecisionStep(id="beslut"))
    folder = save_in(library, "bistand", bot)
    window = make_window()
    window.select_bot(folder)
    select(window, len(bot.steps) - 1)
    qtbot.waitUntil(window.decision_panel.isVisible)
    shown = window.decision_panel.shown_list
    assert shown.count() == len(bot.parameters) >= 1
    item = shown.item(0)
    assert item is not None and item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)
    assert decision_at(window, len(bot.steps) - 1).show == [bot.parameters[0].name]
    undo(qtbot, window)
    assert decision_at(window, len(bot.steps) - 1).show == []


def test_a_branch_step_is_changed_where_it_is_from_its_own_window_and_undone(
        qtbot: QtBot, make_window: Callable[[], StudioWindow], library: Path) -> None:
    bot = Bot("Beslut", steps=[
        DecisionStep(id="beslut", title="Spara?",
                     approve_steps=[KeyStep(id="spara", key="f2")],
                     reject_steps=[TypeTextStep(id="skal", text="Avslag")]),
        KeyStep(id="klar", key="f10")])
    window = decision_chosen(qtbot, make_window, library, bot)
    reject = window.decision_panel.boxes["reject"]
    reject.steps.setCurrentRow(0)
    qtbot.mouseClick(reject.open_button, Qt.MouseButton.LeftButton)
    dialog = window.branch_step_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Steg 1 i ”Om det avslås”"
    assert "steg 1" in dialog.where.text()

    text_edit = dialog.panel.text_edit
    text_edit.selectAll()
    qtbot.keyClicks(text_edit, "Avslag enligt beslut")
    text_edit.editing_finished.emit()  # what leaving the field says
    qtbot.waitUntil(lambda: isinstance(step := decision_at(window, 0).reject_steps[0],
                                       TypeTextStep) and step.text == "Avslag enligt beslut")
    assert ids(window) == ["beslut", "klar"], "the step stayed in its branch"
    assert window.is_modified()

    undo(qtbot, window)
    step = decision_at(window, 0).reject_steps[0]
    assert isinstance(step, TypeTextStep) and step.text == "Avslag"
    qtbot.waitUntil(lambda: dialog.panel.text_edit.toPlainText() == "Avslag")

    # Taken out of the branch, it is a step of the table again: its window closes.
    reject.steps.setCurrentRow(0)
    qtbot.mouseClick(reject.out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ids(window) == ["beslut", "skal", "klar"]
