"""The parameters panel lists what a bot asks for and sends every change as a request.

Personal data stays out of the bot file unless the person asks: a secret's value is never
shown or kept, and the typed text becomes a default only when ticked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep
from app.gui.parameters_panel import (
    Column,
    MakeParameterDialog,
    ParameterDialog,
    ParametersPanel,
    guess_type,
    name_from_label,
)
from app.gui.qt import Qt, QtWidgets

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.usefixtures("swedish"),
]


def bot() -> Bot:
    return Bot("b", parameters=[
        Parameter("anvandarnamn", "text", "Användarnamn", default="handlaggare"),
        Parameter("losenord", "secret", "Lösenord"),
        Parameter("kategori", "choice", "Kategori", choices=["Hyra", "El"]),
        Parameter("extra", "number", "Extra"),
    ], steps=[
        TypeTextStep(id="a", text="{{anvandarnamn}}"),
        KeyStep(id="tab", key="tab"),
        TypeTextStep(id="p", text="{{losenord}}"),
        TypeTextStep(id="k", text="{{kategori}} och {{ anvandarnamn }}"),
    ])


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[ParametersPanel]:
    panel = ParametersPanel()
    qtbot.addWidget(panel)
    panel.set_bot(bot())
    panel.resize(800, 400)
    panel.show()
    yield panel


class Requests:
    def __init__(self, panel: ParametersPanel) -> None:
        self.seen: list[tuple[Any, ...]] = []
        panel.parameter_added.connect(lambda p: self.seen.append(("added", p)))
        panel.parameter_changed.connect(lambda old, p: self.seen.append(("changed", old, p)))
        panel.parameter_removal_requested.connect(lambda n: self.seen.append(("removed", n)))


def cell(panel: ParametersPanel, row: int, column: Column) -> str:
    return str(panel.model.data(panel.model.index(row, column)))


def ok(dialog: ParameterDialog) -> QtWidgets.QPushButton:
    return dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)


def test_the_table_is_a_well_behaved_model(qtmodeltester: ModelTester,
                                           panel: ParametersPanel) -> None:
    qtmodeltester.check(panel.model)


def test_the_table_says_what_is_asked_and_where_it_is_used(panel: ParametersPanel) -> None:
    assert [cell(panel, 0, column) for column in Column] == [
        "{{anvandarnamn}}", "Text", "Användarnamn", "handlaggare", "1, 4"]
    assert cell(panel, 2, Column.TYPE) == "Val"
    assert cell(panel, 3, Column.USED_IN) == "–"


def test_a_secrets_value_is_never_shown(panel: ParametersPanel) -> None:
    leaky = bot()
    leaky.parameters[1].default = "hemligt"  # not loadable from a file, but never shown
    panel.set_bot(leaky)
    shown = [str(panel.model.data(panel.model.index(1, column), role))
             for column in Column
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert not any("hemligt" in text for text in shown)
    assert cell(panel, 1, Column.DEFAULT) == "frågas varje gång"


def test_a_new_parameter_is_requested_with_a_name_made_from_its_label(
        qtbot: QtBot, panel: ParametersPanel) -> None:
    requests = Requests(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert not ok(dialog).isEnabled()
    qtbot.keyClicks(dialog.label_edit, "Belopp (kr)")
    assert dialog.name_edit.text() == "belopp_kr"
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("number"))
    qtbot.keyClicks(dialog.default_edit, "1 250,50")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert requests.seen == [("added", Parameter("belopp_kr", "number", "Belopp (kr)",
                                                 default="1 250,50"))]


def test_a_rename_is_requested_under_the_old_name(qtbot: QtBot,
                                                  panel: ParametersPanel) -> None:
    requests = Requests(panel)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.change_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    assert dialog.name_edit.text() == "anvandarnamn"
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "inloggning")
    qtbot.keyClicks(dialog.label_edit, " (ny)")  # the chosen name stays as written
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert requests.seen == [("changed", "anvandarnamn",
                              Parameter("inloggning", "text", "Användarnamn (ny)",
                                        default="handlaggare"))]


@pytest.mark.parametrize(("name", "kind", "choices", "default", "problem"), [
    ("", "text", "", "", "Ge parametern ett namn."),
    ("2namn", "text", "", "", "får inte börja med en siffra"),
    ("kategori", "text", "", "", "har redan en parameter som heter kategori"),
    ("ort", "choice", "", "", "minst ett alternativ"),
    ("ort", "choice", "Lund\nLund", "", "Samma alternativ"),
    ("belopp", "number", "", "tusen", "måste vara ett tal"),
    ("datum", "date", "", "18/3", "ÅÅÅÅ-MM-DD"),
    ("pnr", "personnummer", "", "19850709-9806", "inget giltigt personnummer"),
])
def test_a_parameter_that_cannot_be_used_is_explained(  # noqa: PLR0917 - pytest passes them so
        qtbot: QtBot, name: str, kind: str, choices: str, default: str, problem: str) -> None:
    dialog = ParameterDialog(["kategori"])
    qtbot.addWidget(dialog)
    dialog.label_edit.setText("Något")
    dialog.name_edit.setText(name)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData(kind))
    dialog.choices_edit.setPlainText(choices)
    dialog.default_edit.setText(default)
    assert problem in dialog.problem_label.text()
    assert not ok(dialog).isEnabled()


def test_a_secret_gets_no_default_field(qtbot: QtBot) -> None:
    dialog = ParameterDialog([], Parameter("anv", default="handlaggare"))
    qtbot.addWidget(dialog)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("secret"))
    assert dialog.default_edit.isHidden()
    assert dialog.parameter().default is None


def test_a_parameter_in_use_is_not_removed_and_the_steps_are_named(
        qtbot: QtBot, panel: ParametersPanel) -> None:
    requests = Requests(panel)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert requests.seen == []
    assert panel.message.text() == ("”{{anvandarnamn}}” används i steg 1, 4. Ändra de stegen "
                                     "först och ta sedan bort parametern.")


def test_an_unused_parameter_is_removed_with_the_delete_key(qtbot: QtBot,
                                                            panel: ParametersPanel) -> None:
    requests = Requests(panel)
    panel.table.setFocus()
    panel.table.selectRow(3)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert requests.seen == [("removed", "extra")]


def test_an_example_offers_no_changes(qtbot: QtBot, panel: ParametersPanel) -> None:
    requests = Requests(panel)
    panel.set_bot(bot(), read_only=True)
    panel.table.selectRow(3)
    assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    panel.remove_selected()
    panel.add()
    assert requests.seen == [] and panel.dialog is None


# ---------------------------------------------------------------- make parameter


def test_typed_personal_data_is_not_kept_unless_ticked(qtbot: QtBot) -> None:
    dialog = MakeParameterDialog("19850709-9805", [])
    qtbot.addWidget(dialog)
    assert dialog.kind() == "personnummer"
    assert not dialog.keep_default_box.isChecked()
    assert "personuppgift" in dialog.keep_warning.text()
    dialog.keep_default_box.setChecked(True)  # the person asks for it, knowingly
    assert dialog.keep_default()
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("text"))
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("personnummer"))
    assert not dialog.keep_default()  # switching back asks again


def test_a_secret_never_keeps_the_typed_text(qtbot: QtBot) -> None:
    dialog = MakeParameterDialog("Sommar2024!x", [])
    qtbot.addWidget(dialog)
    assert dialog.kind() == "secret"
    assert not dialog.keep_default_box.isEnabled()
    dialog.keep_default_box.setChecked(True)
    assert not dialog.keep_default()


def test_a_kept_default_must_fit_the_type(qtbot: QtBot) -> None:
    dialog = MakeParameterDialog("Anna", [])
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("belopp")
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("number"))
    assert dialog.problem() is None
    dialog.keep_default_box.setChecked(True)
    assert dialog.problem() == "Standardvärdet måste vara ett tal, till exempel 1250 eller 1250,50."


@pytest.mark.parametrize(("label", "name"), [
    ("Belopp (kr)", "belopp_kr"), ("Född år", "fodd_ar"), ("Ansøgers navn", "ansogers_navn"),
    ("1:a kontakt", "_1_a_kontakt"), ("", ""),
])
def test_a_name_is_made_from_a_label(label: str, name: str) -> None:
    assert name_from_label(label) == name


@pytest.mark.parametrize(("typed", "kind"), [
    ("19850709-9805", "personnummer"), ("2024-05-01", "date"), ("6 300,00 kr", "number"),
    ("Anna Berg", "text"), ("Sommar2024!x", "secret"),
])
def test_the_type_is_guessed_from_the_typed_text(typed: str, kind: str) -> None:
    assert guess_type(typed) == kind
