"""The dialogs of a run, driven as a caseworker would: fill in the form, answer the robot."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.core import secrets
from app.core.model.bot import ClickStep, Parameter, Point, Target, TypeTextStep
from app.core.running.player import Answer, Decision, Problem
from app.gui.qt import Qt, QtCore, QtWidgets
from app.gui.run_dialogs import ParameterForm, ProblemDialog
from app.testing.keyring_service import (
    KeyringService,
    start_keyring_service,
    stop_keyring_service,
)

# What the offscreen platform cannot do for top-level windows; on a real display all is well.
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)"),
    pytest.mark.usefixtures("swedish"),
]

PARAMETERS = [
    Parameter("anvandarnamn", "text", "Användarnamn", default="handlaggare"),
    Parameter("losenord", "secret", "Lösenord"),
    Parameter("personnummer", "personnummer", "Personnummer"),
    Parameter("belopp", "number", "Belopp (kr)"),
    Parameter("datum", "date", "Ansökningsdatum", default="2024-03-18"),
    Parameter("kategori", "choice", "Kategori", choices=["Försörjningsstöd", "Hyra", "El"],
              default="Hyra"),
    Parameter("fritext"),
]
VALID_PNR = "19811218-9876"


def make_form(qtbot: QtBot) -> ParameterForm:
    form = ParameterForm("Ekonomiskt bistånd", PARAMETERS)
    qtbot.addWidget(form)
    form.show()
    return form


def fill_valid(form: ParameterForm) -> None:
    form.set_value("losenord", "Hemligt-123")
    form.set_value("personnummer", VALID_PNR)
    form.set_value("belopp", "1250,50")


def label_texts(form: ParameterForm) -> list[str]:
    return [label.text() for label in form.findChildren(QtWidgets.QLabel)
            if label.buddy() is not None]


def test_every_parameter_has_a_labelled_field_of_its_kind(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    assert form.windowTitle() == "Kör ”Ekonomiskt bistånd”"
    assert label_texts(form) == ["Användarnamn:", "Lösenord:", "Personnummer:", "Belopp (kr):",
                                 "Ansökningsdatum:", "Kategori:", "fritext:"]
    choice = form.fields["kategori"]
    assert isinstance(choice, QtWidgets.QComboBox)
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "Försörjningsstöd", "Hyra", "El"]
    assert choice.currentText() == "Hyra"
    date = form.fields["datum"]
    assert isinstance(date, QtWidgets.QDateEdit)
    assert date.date() == QtCore.QDate(2024, 3, 18)
    user = form.fields["anvandarnamn"]
    assert isinstance(user, QtWidgets.QLineEdit) and user.text() == "handlaggare"


def test_the_secret_field_hides_what_is_typed(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    secret = form.fields["losenord"]
    assert isinstance(secret, QtWidgets.QLineEdit)
    assert secret.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    assert secret.text() == ""


def test_a_bad_personnummer_is_named_under_its_field_and_the_form_stays_open(
        qtbot: QtBot) -> None:
    form = make_form(qtbot)
    fill_valid(form)
    form.fields["personnummer"].setFocus()
    form.set_value("personnummer", "19811218-9875")
    qtbot.mouseClick(form.run_button, Qt.MouseButton.LeftButton)

    assert form.isVisible()
    assert form.result() != QtWidgets.QDialog.DialogCode.Accepted
    message = form.messages["personnummer"]
    assert message.isVisible()
    assert "”Personnummer”" in message.text()
    assert "inget giltigt personnummer" in message.text()
    assert not form.messages["belopp"].isVisible()
    assert form.values() == {}


def test_a_corrected_form_runs_with_the_checked_values(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    fill_valid(form)
    form.set_value("belopp", "tusen")
    form.accept()
    assert "”Belopp (kr)” måste vara ett tal" in form.messages["belopp"].text()

    form.set_value("belopp", "1250,50")
    with qtbot.waitSignal(form.accepted):
        qtbot.mouseClick(form.run_button, Qt.MouseButton.LeftButton)
    assert not form.messages["belopp"].isVisible()
    assert form.values() == {
        "anvandarnamn": "handlaggare", "losenord": "Hemligt-123", "personnummer": VALID_PNR,
        "belopp": "1250,50", "datum": "2024-03-18", "kategori": "Hyra", "fritext": "",
    }


def test_an_empty_personnummer_asks_for_a_value(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    fill_valid(form)
    form.set_value("personnummer", "  ")
    form.accept()
    assert form.messages["personnummer"].text() == "”Personnummer” måste fyllas i."


def test_the_password_is_gone_from_the_form_once_it_closes(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    fill_valid(form)
    form.accept()
    secret = form.fields["losenord"]
    assert isinstance(secret, QtWidgets.QLineEdit) and secret.text() == ""
    assert form.values()["losenord"] == "Hemligt-123"
    form.forget_values()
    assert form.values() == {}


def test_cancelling_the_form_gives_no_values(qtbot: QtBot) -> None:
    form = make_form(qtbot)
    fill_valid(form)
    form.reject()
    assert form.values() == {}


# ---------------------------------------------------------------- the robot asks


def problem(kind: str = "target_not_found") -> Problem:
    step = ClickStep(id="sok", target=Target(absolute=Point(10, 20), window_title="Procapita"))
    if kind == "wrong_window":
        return Problem("wrong_window", TypeTextStep(id="pnr", text="{{pnr}}"), 4,
                       "The window 'Procapita' does not have the keyboard focus.")
    return Problem("target_not_found", step, 2,
                   "The picture for step 3 (left click in Procapita) did not show within 10 s.")


def make_problem_dialog(qtbot: QtBot, kind: str = "target_not_found",
                        click: tuple[int, int] | None = (300, 400)) -> ProblemDialog:
    dialog = ProblemDialog(problem(kind), lambda timeout: click)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_missing_picture_offers_every_way_out_in_swedish(qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot)
    assert dialog.windowTitle() == "Roboten behöver din hjälp"
    assert dialog.isModal()
    assert dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert [button.text() for button in dialog.buttons.values()] == [
        "Försök igen", "Visa mig", "Klicka på inspelad plats", "Hoppa över steget",
        "Avbryt körningen"]
    assert dialog.step_label.text() == "Steg 3: Klick i Procapita"
    # What happened in the caseworker's language; the robot's own words for whoever helps.
    assert dialog.message_label.text() == (
        "Roboten letade efter den här platsen med dess namn i programmet och med dess bild, och "
        "hittade den inte i tid. Den klickar inte där steget spelades in om du inte säger till.")
    assert dialog.message_label.toolTip() == problem().message
    assert dialog.heading_label.text() == "Roboten hittar inte rätt ställe på skärmen."


def test_the_wrong_window_offers_retry_skip_and_stop_only(qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot, "wrong_window")
    assert list(dialog.buttons) == ["retry", "skip", "abort"]
    assert "tangentbordet" in dialog.heading_label.text()


@pytest.mark.parametrize("answer", ["retry", "skip", "abort", "recorded_place"])
def test_each_button_answers_the_robot(qtbot: QtBot, answer: Answer) -> None:
    dialog = make_problem_dialog(qtbot)
    with qtbot.waitSignal(dialog.answered) as answered:
        qtbot.mouseClick(dialog.buttons[answer], Qt.MouseButton.LeftButton)
    assert answered.args == [Decision(answer)]
    assert dialog.decision == Decision(answer)
    assert not dialog.isVisible()


def test_closing_the_question_stops_the_run(qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot)
    with qtbot.waitSignal(dialog.answered) as answered:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answered.args == [Decision("abort")]


def click_in_message_box(qtbot: QtBot, dialog: ProblemDialog, text: str) -> None:
    def answer() -> None:
        box = dialog.keep_question
        assert box is not None
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    QtCore.QTimer.singleShot(50, answer)


def test_show_me_waits_for_a_click_then_asks_whether_to_keep_the_picture(
        qtbot: QtBot) -> None:
    waited_on: list[threading.Thread] = []

    def click(timeout: float) -> tuple[int, int]:
        waited_on.append(threading.current_thread())
        return (300, 400)

    dialog = ProblemDialog(problem(), click)
    qtbot.addWidget(dialog)
    dialog.show()
    click_in_message_box(qtbot, dialog, "Ja")
    with qtbot.waitSignal(dialog.answered) as answered:
        qtbot.mouseClick(dialog.buttons["show_me"], Qt.MouseButton.LeftButton)
    assert answered.args == [Decision("show_me", point=(300, 400), keep_picture=True)]
    # The wait for the click must not freeze the studio.
    assert waited_on and waited_on[0] is not threading.main_thread()


def test_show_me_without_keeping_the_picture(qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot)
    click_in_message_box(qtbot, dialog, "Nej")
    with qtbot.waitSignal(dialog.answered) as answered:
        dialog.choose("show_me")
    assert answered.args == [Decision("show_me", point=(300, 400), keep_picture=False)]


def test_show_me_without_a_click_asks_again(qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot, click=None)
    dialog.choose("show_me")
    qtbot.waitUntil(dialog.note_label.isVisible)
    assert dialog.isVisible()
    assert dialog.decision is None
    assert dialog.note_label.text().startswith("Inget klick kom")


def test_every_window_a_question_showed_is_named_for_the_robot_to_wait_for(
        qtbot: QtBot) -> None:
    dialog = make_problem_dialog(qtbot)
    click_in_message_box(qtbot, dialog, "Ja")
    with qtbot.waitSignal(dialog.answered):
        dialog.choose("show_me")
    hint, box = dialog.click_hint, dialog.shown_windows[-1]
    assert dialog.shown_windows == [dialog, hint, box]
    assert isinstance(box, QtWidgets.QMessageBox) and not box.isVisible()


# ---------------------------------------------------------------- passwords in the keyring


@pytest.fixture(scope="module")
def keyring_service() -> Iterator[KeyringService]:
    service = start_keyring_service()
    try:
        yield service
    finally:
        stop_keyring_service(service)


@pytest.fixture
def keyring(keyring_service: KeyringService, monkeypatch: pytest.MonkeyPatch) -> KeyringService:
    """A real Secret Service of the tests' own, empty at the start of each test."""
    for name, value in keyring_service.variables().items():
        monkeypatch.setenv(name, value)
    secrets.forget("Ekonomiskt bistånd", "losenord")
    return keyring_service


def make_keyring_form(qtbot: QtBot) -> ParameterForm:
    form = ParameterForm("Ekonomiskt bistånd", PARAMETERS, keyring_bot="Ekonomiskt bistånd")
    qtbot.addWidget(form)
    form.show()
    return form


def test_a_password_typed_in_the_form_is_kept_in_the_keyring(
        qtbot: QtBot, keyring: KeyringService) -> None:
    form = make_keyring_form(qtbot)
    fill_valid(form)
    qtbot.mouseClick(form.run_button, Qt.MouseButton.LeftButton)
    assert form.values()["losenord"] == "Hemligt-123"
    assert secrets.stored("Ekonomiskt bistånd", "losenord") == "Hemligt-123"


def test_a_kept_password_fills_its_field_unseen_and_a_typed_one_replaces_it(
        qtbot: QtBot, keyring: KeyringService) -> None:
    secrets.store("Ekonomiskt bistånd", "losenord", "Sparat-456")
    form = make_keyring_form(qtbot)
    field = form.fields["losenord"]
    assert isinstance(field, QtWidgets.QLineEdit)
    assert field.text() == ""  # never shown, not even as dots
    assert field.placeholderText() == "Sparat i nyckelringen – skriv ett nytt för att byta"
    form.set_value("personnummer", VALID_PNR)
    form.set_value("belopp", "100")
    qtbot.mouseClick(form.run_button, Qt.MouseButton.LeftButton)
    assert form.values()["losenord"] == "Sparat-456"

    again = make_keyring_form(qtbot)
    fill_valid(again)  # types Hemligt-123 over the kept one
    qtbot.mouseClick(again.run_button, Qt.MouseButton.LeftButton)
    assert again.values()["losenord"] == "Hemligt-123"
    assert secrets.stored("Ekonomiskt bistånd", "losenord") == "Hemligt-123"


def test_without_a_keyring_the_password_is_simply_typed(qtbot: QtBot) -> None:
    form = make_keyring_form(qtbot)  # the tests' default: no keyring at all
    field = form.fields["losenord"]
    assert isinstance(field, QtWidgets.QLineEdit) and field.placeholderText() == ""
    fill_valid(form)
    qtbot.mouseClick(form.run_button, Qt.MouseButton.LeftButton)
    assert form.values()["losenord"] == "Hemligt-123"
