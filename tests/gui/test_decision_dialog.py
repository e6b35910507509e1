"""The caseworker decides on what the robot prepared: the dialog, the run controller holding the
robot until the decision, and a run from the studio that stops for it."""

from __future__ import annotations

import getpass
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core import paths
from app.core.model.bot import Bot, DecisionStep, KeyStep, Parameter, TypeTextStep
from app.core.results.outcome import StepResult
from app.core.running.player import DecisionAnswer, DecisionQuestion, ShownValue
from app.core.store import Store
from app.gui.decision_dialog import DecisionDialog
from app.gui.history_view import HistoryView, StepColumn
from app.gui.qt import Qt, QtWidgets
from app.gui.run_controller import result_text
from app.gui.studio import StudioWindow
from tests.gui.test_run_controller import Desk, desk, finish_run, saved, show, studio

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]
__all__ = ["desk", "studio"]  # fixtures shared with the run tests

VALUES = (ShownValue("namn", "Namn", "text", "Åsa Öberg"),
          ShownValue("belopp", "Belopp (kr)", "number", "6300"),
          ShownValue("kategori", "Kategori", "choice", "Hyra", ("Hyra", "El")),
          ShownValue("losenord", "Lösenord", "secret", "•••"))


def a_question(problem: str | None = None) -> DecisionQuestion:
    return DecisionQuestion(DecisionStep(id="beslut"), 18, "Bevilja ansökan?", VALUES, problem)


def a_dialog(qtbot: QtBot, problem: str | None = None) -> tuple[DecisionDialog,
                                                                list[DecisionAnswer]]:
    dialog = DecisionDialog(a_question(problem))
    qtbot.addWidget(dialog)
    answers: list[DecisionAnswer] = []
    dialog.answered.connect(answers.append)
    dialog.show()
    return dialog, answers


def field_text(dialog: DecisionDialog, name: str) -> str:
    field = dialog.fields[name]
    return field.currentText() if isinstance(field, QtWidgets.QComboBox) else field.text()


def test_the_dialog_shows_the_question_and_the_values_with_the_secret_masked(
        qtbot: QtBot) -> None:
    dialog, _ = a_dialog(qtbot)
    assert dialog.heading_label.text() == "Bevilja ansökan?"
    assert "19" in dialog.intro_label.text()
    assert [field_text(dialog, value.name) for value in VALUES] == [
        "Åsa Öberg", "6300", "Hyra", "•••"]
    assert not dialog.problem_label.isVisible()
    assert (dialog.approve_button.text(), dialog.reject_button.text(),
            dialog.edit_button.text()) == ("Godkänn", "Avslå", "Ändra värden")
    # Nothing can be changed before the person asks to edit, and Enter decides nothing.
    assert all(field.isReadOnly() for field in dialog.fields.values()
               if isinstance(field, QtWidgets.QLineEdit))
    assert not dialog.fields["kategori"].isVisible()
    assert not dialog.approve_button.isDefault() and not dialog.reject_button.isDefault()


@pytest.mark.parametrize(("button", "choice"), [("approve", "approve"), ("reject", "reject")])
def test_approve_and_reject_answer_at_once(qtbot: QtBot, button: str, choice: str) -> None:
    dialog, answers = a_dialog(qtbot)
    clicked = dialog.findChild(QtWidgets.QPushButton, button)
    assert clicked is not None
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)
    assert answers == [DecisionAnswer(choice)]  # type: ignore[arg-type]
    assert not dialog.isVisible()


def test_edited_values_are_checked_as_typed_and_only_changes_are_handed_over(
        qtbot: QtBot) -> None:
    dialog, answers = a_dialog(qtbot)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.use_button.isVisible() and not dialog.approve_button.isVisible()
    belopp = dialog.fields["belopp"]
    assert isinstance(belopp, QtWidgets.QLineEdit) and not belopp.isReadOnly()
    assert dialog.fields["kategori"].isVisible()
    secret = dialog.fields["losenord"]
    assert isinstance(secret, QtWidgets.QLineEdit) and secret.isReadOnly()

    belopp.clear()
    qtbot.keyClicks(belopp, "tolv")
    assert dialog.messages["belopp"].isVisible()
    assert "Belopp (kr)" in dialog.messages["belopp"].text()
    assert not dialog.use_button.isEnabled()

    belopp.clear()
    qtbot.keyClicks(belopp, "6 450,50")
    assert not dialog.messages["belopp"].isVisible()
    assert dialog.use_button.isEnabled()
    dialog.set_value("kategori", "El")
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert answers == [DecisionAnswer("edit", edited={"belopp": "6 450,50", "kategori": "El"})]


def test_cancelling_an_edit_puts_the_values_back(qtbot: QtBot) -> None:
    dialog, answers = a_dialog(qtbot)
    dialog.start_editing()
    dialog.set_value("namn", "Någon annan")
    qtbot.mouseClick(dialog.cancel_edit_button, Qt.MouseButton.LeftButton)
    assert field_text(dialog, "namn") == "Åsa Öberg"
    assert dialog.approve_button.isVisible() and not dialog.editing
    assert answers == []


def test_a_refused_edit_is_said_at_the_top_when_the_robot_asks_again(qtbot: QtBot) -> None:
    dialog, _ = a_dialog(qtbot, problem="parameter belopp: 'x' is not a number")
    assert dialog.problem_label.isVisible()
    assert "belopp" in dialog.problem_label.text()


def test_escape_and_closing_the_window_decide_nothing(qtbot: QtBot) -> None:
    dialog, answers = a_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible() and answers == []
    dialog.withdraw()
    assert not dialog.isVisible() and answers == []


# ---------------------------------------------------------------- running with a decision


def deciding_bot() -> Bot:
    return Bot(name="Beviljar", parameters=[Parameter("belopp", "number", "Belopp")], steps=[
        TypeTextStep(id="skriv", text="{{belopp}}"),
        DecisionStep(id="beslut", title="Bevilja?",
                     approve_steps=[KeyStep(id="spara", key="f2")],
                     reject_steps=[KeyStep(id="avbryt", key="escape")]),
    ])


def test_the_controller_holds_the_robot_until_the_person_decides(
        qtbot: QtBot, tmp_path: Path) -> None:
    desk = Desk()
    controller = desk.controller(deciding_bot(), saved(tmp_path / "bot", deciding_bot()),
                                 {"belopp": "100"})
    asked: list[DecisionQuestion] = []
    controller.decision_asked.connect(asked.append)
    controller.start()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert controller.pending_decision is asked[0]
    assert [(value.name, value.value) for value in asked[0].values] == [("belopp", "100")]
    with qtbot.waitSignal(controller.run_finished, timeout=5000) as finished:
        controller.answer_decision(DecisionAnswer("reject"))
    assert finished.args[0].status == "succeeded"
    assert desk.drivers is not None
    assert desk.drivers.actions == [("type", "100"), ("key", "escape")]


def test_stopping_while_a_decision_is_open_withdraws_it_and_decides_nothing(
        qtbot: QtBot, tmp_path: Path) -> None:
    desk = Desk()
    controller = desk.controller(deciding_bot(), saved(tmp_path / "bot", deciding_bot()),
                                 {"belopp": "100"})
    asked: list[DecisionQuestion] = []
    controller.decision_asked.connect(asked.append)
    order: list[str] = []
    controller.question_withdrawn.connect(lambda: order.append("withdrawn"))
    controller.start()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    with qtbot.waitSignal(controller.run_finished, timeout=5000) as finished:
        threading.Thread(target=desk.guarded[0].abort).start()
    assert finished.args[0].status == "aborted"
    assert finished.args[0].decisions == []
    assert order == ["withdrawn"]
    assert desk.drivers is not None and desk.drivers.actions == [("type", "100")]


def test_a_run_from_the_studio_stops_for_the_decision_dialog_and_keeps_the_decision(
        qtbot: QtBot, studio: StudioWindow) -> None:
    folder = saved(paths.library_dir() / "beviljar", deciding_bot())
    assert show(studio, folder)
    studio.run_action.trigger()
    form = studio.parameter_form
    assert form is not None
    form.set_value("belopp", "2 500")
    form.accept()
    qtbot.waitUntil(lambda: studio.run.decision_dialog is not None, timeout=5000)
    dialog = studio.run.decision_dialog
    assert dialog is not None and dialog.isVisible()
    assert field_text(dialog, "belopp") == "2 500"
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    result = finish_run(qtbot, studio)

    assert result.status == "succeeded"
    assert studio.run.decision_dialog is None
    # The studio comes back; what the window system says about it belongs to this test.
    qtbot.waitUntil(studio.isVisible, timeout=5000)
    QtWidgets.QApplication.processEvents()
    with Store.open_default() as store:
        [decision] = store.decisions(result.run_id)
    assert (decision["decision"], decision["decided_by"]) == ("approve", getpass.getuser())


def test_the_history_shows_each_decision_and_numbers_branch_steps_under_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    with Store(tmp_path / "store.sqlite") as store:
        run_id = store.start_run("Beviljar", str(tmp_path / "beviljar"), {"belopp": "100"})
        for index, branch, place in ((0, None, None), (1, None, None), (1, "reject", 0)):
            store.add_step_result(run_id=run_id, step_id=f"s{index}{branch}", step_index=index,
                                  step_type="key", status="succeeded", started_at=1.0,
                                  ended_at=2.0, branch=branch, branch_index=place)
        store.add_decision(run_id=run_id, step_id="beslut", step_index=1, decision="reject",
                           shown={"belopp": "100"}, edited={"belopp": "150"},
                           decided_by="handlaggare", decided_at=1_700_000_000.0,
                           by_default=False, case_number=1, case_label="")
        store.end_run(run_id, "succeeded", None)
        store.flush()
        view = HistoryView(store)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.current_run is not None)
        summary = view.run_summary.text()
        numbers = [view.step_model.index(row, StepColumn.NUMBER).data() for row in range(3)]
        view.close()
    assert "Avslaget vid steg 2 av handlaggare" in summary
    assert "belopp = 150" in summary
    assert numbers == ["1", "2", "2.r1"]


def test_the_step_table_says_what_was_decided_and_which_branch_step_runs() -> None:
    decided = StepResult("r", "beslut", 1, "decision", decision="approve")
    inner = StepResult("r", "spara", 1, "key", branch="reject", branch_index=1)
    assert result_text(decided) == "Klart – godkänt"
    assert result_text(inner) == "Om det avslås, steg 2: Klart"
