"""The practice system (``robotfabrik sandbox``) on the offscreen platform.

Typing here goes through Qt's own key events; ``tests/e2e/test_sandbox_on_display.py`` drives
the same screens with real injected input on Xvfb.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.sandbox import (
    ConfirmationDialog,
    SandboxConfig,
    SandboxWindow,
    Screen,
    main,
    window_title,
)
from app.sandbox.cases import CaseStore
from app.sandbox.config import MIN_SIZE
from app.sandbox.rules import (
    ATTACHMENT_TYPES,
    REGISTER,
    InvalidInputError,
    luhn_check_digit,
    normalise_amount,
    parse_personnummer,
    priority_word,
)
from app.sandbox.window import FormPage

# Qt 6.12's offscreen plugin warns whenever a top-level window with a size constraint is shown;
# the practice system does nothing wrong there and the xcb plugin stays silent.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

MakeWindow = Callable[..., SandboxWindow]
PASSWORD = "Hemligt-lösen-42"
TODAY = dt.date(2026, 5, 4)


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture
def cases_file(tmp_path: Path) -> Path:
    return tmp_path / "cases.jsonl"


@pytest.fixture
def make_window(qtbot: QtBot, cases_file: Path) -> MakeWindow:
    def build(**overrides: object) -> SandboxWindow:
        config = SandboxConfig(cases_file=cases_file, **overrides)
        window = SandboxWindow(config)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return build


def type_text(widget: QtWidgets.QWidget, text: str) -> None:
    """Type like a keyboard would, å ä ö included (``qtbot.keyClicks`` aborts on non-ASCII)."""
    for char in text:
        for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):
            event = QtGui.QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QtWidgets.QApplication.sendEvent(widget, event)


def focused() -> QtWidgets.QWidget | None:
    return QtWidgets.QApplication.focusWidget()


def log_in(qtbot, window: SandboxWindow, user: str = "anna.larsson") -> None:
    page = window.login_page
    type_text(page.username, user)
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.login, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_screen is Screen.SEARCH)


def search(qtbot, window: SandboxWindow, personnummer: str) -> None:
    qtbot.keyClicks(window.search_page.personnummer, personnummer)
    qtbot.keyClick(window.search_page.personnummer, Qt.Key.Key_Return)


def read_cases(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def open_form(qtbot: QtBot, window: SandboxWindow) -> FormPage:
    """Log in and open the application form for a register entry."""
    log_in(qtbot, window)
    search(qtbot, window, "19850709-9805")
    assert window.current_screen is Screen.FORM
    return window.form_page


def fill_required_fields(form: FormPage) -> None:
    form.amount.setText("2000")
    form.category.setCurrentIndex(0)
    form.home_municipality.setText("Lund")


def row_point(form: FormPage, text: str, *, on_text: bool = True) -> QtCore.QPoint:
    """A point on a document row in the list's viewport: on its name, or on its check box."""
    rows = form.attachments
    [item] = rows.findItems(text, Qt.MatchFlag.MatchExactly)
    rows.scrollToItem(item)
    rect = rows.visualItemRect(item)
    if on_text:
        return QtCore.QPoint(rect.left() + rect.width() // 2, rect.center().y())
    return QtCore.QPoint(rect.left() + 10, rect.center().y())


def handle_centre(slider: QtWidgets.QSlider) -> QtCore.QPoint:
    option = QtWidgets.QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(
        QtWidgets.QStyle.ComplexControl.CC_Slider, option,
        QtWidgets.QStyle.SubControl.SC_SliderHandle, slider,
    ).center()


def handle_centre_at(slider: QtWidgets.QSlider, value: int) -> QtCore.QPoint:
    """Where the handle sits at ``value``, found without leaving the slider changed."""
    before = slider.value()
    slider.setValue(value)
    point = handle_centre(slider)
    slider.setValue(before)
    return point


def drag(widget: QtWidgets.QWidget, start: QtCore.QPoint, end: QtCore.QPoint) -> None:
    """Press, move in steps and release the left button, as a hand on a mouse does."""
    left = Qt.MouseButton.LeftButton

    def send(kind: QtCore.QEvent.Type, at: QtCore.QPoint, buttons: Qt.MouseButton) -> None:
        local = QtCore.QPointF(at)
        event = QtGui.QMouseEvent(
            kind, local, QtCore.QPointF(widget.mapToGlobal(at)),
            left if kind != QtCore.QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
            buttons, Qt.KeyboardModifier.NoModifier,
        )
        QtWidgets.QApplication.sendEvent(widget, event)

    send(QtCore.QEvent.Type.MouseButtonPress, start, left)
    for step in range(1, 5):
        point = start + (end - start) * step / 4
        send(QtCore.QEvent.Type.MouseMove, point, left)
    send(QtCore.QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


# -- business rules ------------------------------------------------------------------------


def test_every_register_entry_has_a_valid_personnummer() -> None:
    for person in REGISTER:
        assert parse_personnummer(person.personnummer, TODAY) == person.personnummer


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19850709-9805", "19850709-9805"),
        ("850709-9805", "19850709-9805"),
        (" 20010503-9887 ", "20010503-9887"),
        ("010503-9887", "20010503-9887"),
        ("19790372-9817", "19790372-9817"),  # samordningsnummer: day + 60
    ],
)
def test_personnummer_formats_are_accepted_and_normalised(typed: str, expected: str) -> None:
    assert parse_personnummer(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("19850709-9801", "kontrollsiffran"),
        ("850709-9800", "kontrollsiffran"),
        ("198507099805", "ÅÅÅÅMMDD-NNNN"),
        ("8507099805", "ÅÅÅÅMMDD-NNNN"),
        ("1985-07-09-9805", "ÅÅÅÅMMDD-NNNN"),
        ("19851309-9805", "datum"),
        ("20300101-9809", "framtiden"),
        ("", "ÅÅÅÅMMDD-NNNN"),
    ],
)
def test_bad_personnummer_is_refused(typed: str, complaint: str) -> None:
    with pytest.raises(InvalidInputError, match=complaint):
        parse_personnummer(typed, TODAY)


def test_luhn_check_digit() -> None:
    assert luhn_check_digit("811218987") == 6
    assert luhn_check_digit("850709980") == 5


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("4500", "4500"), ("4500,50", "4500,50"), ("4500,5", "4500,50"), ("4 500", "4500"),
     ("0450", "450"), ("0,50", "0,50"), ("12\u00a0000,00", "12000,00")],
)
def test_amounts_are_normalised(typed: str, expected: str) -> None:
    assert normalise_amount(typed) == expected


@pytest.mark.parametrize("typed", ["", "0", "0,00", "-100", "45.50", "4500,505", "fyra", "1e3",
                                   "1000000"])
def test_bad_amounts_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInputError, match="Belopp"):
        normalise_amount(typed)


def test_case_numbers_follow_the_seed_and_continue_after_saved_cases(cases_file: Path) -> None:
    first = CaseStore(cases_file, seed=7, year=2026).next_case_number()
    assert first == CaseStore(cases_file, seed=7, year=2026).next_case_number()
    assert first.startswith("2026-000")
    cases_file.write_text(json.dumps({"case_number": "2026-000950"}) + "\n", encoding="utf-8")
    assert CaseStore(cases_file, seed=7, year=2026).next_case_number() == "2026-000951"


# -- the window ----------------------------------------------------------------------------


def test_window_starts_at_position_and_size_on_login_with_username_focused(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(position=(130, 90), size=(1000, 700))
    assert window.geometry() == QtCore.QRect(130, 90, 1000, 700)
    assert window.current_screen is Screen.LOGIN
    assert window.windowTitle() == "Socialsystemet – Inloggning"
    qtbot.waitUntil(lambda: focused() is window.login_page.username)
    assert window.login_page.password.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    assert not window.logout.isVisible()


@pytest.mark.parametrize(("user", "password", "named"), [
    ("", "", "användarnamn och lösenord"),
    ("anna", "", "lösenord"),
    ("", "x", "användarnamn"),
])
def test_login_is_refused_when_a_field_is_empty(
    qtbot: QtBot, make_window: MakeWindow, user: str, password: str, named: str
) -> None:
    window = make_window()
    window.login_page.username.setText(user)
    window.login_page.password.setText(password)
    qtbot.mouseClick(window.login_page.login, Qt.MouseButton.LeftButton)
    assert window.current_screen is Screen.LOGIN
    message = window.login_page.message
    assert message.isVisible()
    assert named in message.text()
    assert message.property("role") == "message"


def test_enter_in_the_password_field_logs_in(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClicks(window.login_page.username, "anna.larsson")
    qtbot.keyClick(window.login_page.username, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is window.login_page.password)
    qtbot.keyClicks(window.login_page.password, "x")
    qtbot.keyClick(window.login_page.password, Qt.Key.Key_Return)
    assert window.current_screen is Screen.SEARCH
    assert window.windowTitle() == "Socialsystemet – Sök sökande"
    assert window.logout.isVisible()
    assert "anna.larsson" in window.user_label.text()
    qtbot.waitUntil(lambda: focused() is window.search_page.personnummer)
    assert window.login_page.password.text() == ""


def test_invalid_personnummer_is_refused_with_a_message(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19850709-9801")
    assert window.current_screen is Screen.SEARCH
    assert "kontrollsiffran" in window.search_page.message.text()
    assert focused() is window.search_page.personnummer


def test_short_personnummer_in_the_register_fills_the_form(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "850709-9805")
    assert window.current_screen is Screen.FORM
    assert window.windowTitle() == "Socialsystemet – Ansökan"
    form = window.form_page
    assert form.personnummer.text() == "19850709-9805"
    assert form.personnummer.isReadOnly()
    assert form.name.text() == "Åsa Lindqvist"
    qtbot.waitUntil(lambda: focused() is form.name)


def test_unknown_person_leaves_the_name_empty(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19811218-9876")
    assert window.current_screen is Screen.FORM
    assert window.form_page.name.text() == ""


def test_tab_goes_through_the_fields_then_the_side_column_then_the_buttons(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19850709-9805")
    form = window.form_page
    qtbot.waitUntil(lambda: focused() is form.name)
    visited = [focused()]
    for _ in range(9):
        current = focused()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        visited.append(focused())
    names = [widget.objectName() if widget is not None else None for widget in visited]
    assert names == ["name", "amount", "category", "home_municipality", "free_text",
                     "attachments", "priority", "save", "cancel", "logout"]


def test_typing_in_the_category_box_selects_a_category(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19850709-9805")
    category = window.form_page.category
    assert not category.isEditable()
    assert category.currentIndex() == -1
    type_text(category, "ö")
    assert category.currentText() == "Övrigt"


def test_missing_and_invalid_fields_are_named_and_nothing_is_saved(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19811218-9876")
    form = window.form_page
    form.amount.setText("45.50")
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    message = form.message.text()
    for field in ("Namn", "Belopp", "Kategori", "Hemkommun"):
        assert field in message
    assert window.current_screen is Screen.FORM
    assert window.confirmation is None
    assert read_cases(cases_file) == []
    assert focused() is form.name

    def marked(widget: QtWidgets.QWidget) -> bool:
        return widget.palette().color(QtGui.QPalette.ColorRole.Base) != (
            QtWidgets.QApplication.palette(widget).color(QtGui.QPalette.ColorRole.Base)
        )

    assert marked(form.name) and marked(form.amount)
    type_text(form.name, "Sam")
    assert not marked(form.name) and marked(form.amount)


def test_a_form_without_a_field_hides_its_row_keeps_tab_order_and_saves_without_it(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window(leave_out=("home_municipality",))
    form = open_form(qtbot, window)
    assert not form.home_municipality.isVisibleTo(window)
    label = next(widget for widget in form.findChildren(QtWidgets.QLabel)
                 if widget.buddy() is form.home_municipality)
    assert not label.isVisibleTo(window)
    # Tab from the category goes straight on to the free text, as in the shorter form.
    form.category.setFocus()
    qtbot.waitUntil(lambda: focused() is form.category)
    qtbot.keyClick(form.category, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is form.free_text)
    form.amount.setText("2000")
    form.category.setCurrentIndex(0)
    case = form.collect("2026-0001", "anna.larsson")
    assert case is not None and case.home_municipality == ""


def test_a_full_case_is_saved_as_one_json_line(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines_when_dialog_opened: list[int] = []
    original_open = ConfirmationDialog.open

    def open_and_count(dialog: ConfirmationDialog) -> None:
        lines_when_dialog_opened.append(len(read_cases(cases_file)))
        original_open(dialog)

    monkeypatch.setattr(ConfirmationDialog, "open", open_and_count)
    window = make_window(seed=3)
    log_in(qtbot, window, user="märta.handläggare")
    search(qtbot, window, "19790312-9810")
    form = window.form_page
    qtbot.waitUntil(lambda: focused() is form.name)
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    type_text(form.amount, "4 500,5")
    qtbot.keyClick(form.amount, Qt.Key.Key_Tab)
    type_text(form.category, "H")
    qtbot.keyClick(form.category, Qt.Key.Key_Tab)
    type_text(form.home_municipality, "Håbo")
    qtbot.keyClick(form.home_municipality, Qt.Key.Key_Tab)
    type_text(form.free_text, "Hyresskuld för maj. Ärendet brådskar, åäö ÅÄÖ.")
    qtbot.keyClick(form.free_text, Qt.Key.Key_Tab)
    assert focused() is form.attachments
    qtbot.keyClick(form.attachments, Qt.Key.Key_Down)
    qtbot.keyClick(form.attachments, Qt.Key.Key_Space)
    qtbot.keyClick(form.attachments, Qt.Key.Key_Tab)
    assert focused() is form.priority
    qtbot.keyClick(form.priority, Qt.Key.Key_Right)
    qtbot.keyClick(form.priority, Qt.Key.Key_Tab)
    assert focused() is form.save
    expected_number = window.store.next_case_number()
    qtbot.keyClick(form.save, Qt.Key.Key_Return)

    dialog = window.confirmation
    assert dialog is not None
    assert lines_when_dialog_opened == [1]
    assert dialog.windowTitle() == "Ärendet är sparat"
    assert dialog.isModal()
    assert dialog.case_number.text() == f"Ärende {expected_number}"
    qtbot.waitUntil(lambda: focused() is dialog.ok)

    raw = cases_file.read_bytes().decode("utf-8")
    assert raw.count("\n") == 1 and raw.endswith("\n")
    assert "Håbo" in raw and "\\u" not in raw
    assert PASSWORD not in raw
    case = json.loads(raw)
    assert list(case) == [
        "case_number", "name", "personnummer", "amount", "category", "home_municipality",
        "free_text", "attachments", "priority", "saved_by", "saved_at",
    ]
    assert case["case_number"] == expected_number
    assert case["name"] == "Örjan Bäckström"
    assert case["personnummer"] == "19790312-9810"
    assert case["amount"] == "4500,50"
    assert case["category"] == "Hyra"
    assert case["home_municipality"] == "Håbo"
    assert case["free_text"] == "Hyresskuld för maj. Ärendet brådskar, åäö ÅÄÖ."
    assert case["attachments"] == ["Hyresavi"]
    assert case["priority"] == 4
    assert case["saved_by"] == "märta.handläggare"
    assert dt.datetime.fromisoformat(case["saved_at"]).tzinfo is not None

    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is Screen.SEARCH)
    assert window.confirmation is None
    assert window.search_page.personnummer.text() == ""
    qtbot.waitUntil(lambda: focused() is window.search_page.personnummer)
    assert window.search_page.recent.rowCount() == 1
    assert window.store.next_case_number() != expected_number


def test_latency_shows_the_busy_state_then_the_screen(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window(latency=(0.15, 0.25), seed=5)
    assert window.current_screen is Screen.BUSY
    assert window.windowTitle() == window_title(Screen.BUSY) == "Socialsystemet – Laddar…"
    assert window.busy_page.isVisible()
    assert window.busy_page.label.text() == "Laddar…"
    qtbot.waitUntil(lambda: window.current_screen is Screen.LOGIN, timeout=3000)
    qtbot.waitUntil(lambda: focused() is window.login_page.username)

    window.login_page.username.setText("anna")
    window.login_page.password.setText("x")
    qtbot.mouseClick(window.login_page.login, Qt.MouseButton.LeftButton)
    assert window.current_screen is Screen.BUSY
    assert not window.logout.isEnabled()
    qtbot.waitUntil(lambda: window.current_screen is Screen.SEARCH, timeout=3000)
    qtbot.waitUntil(lambda: focused() is window.search_page.personnummer)

    search(qtbot, window, "19920224-9828")
    assert window.current_screen is Screen.BUSY
    qtbot.waitUntil(lambda: window.current_screen is Screen.FORM, timeout=3000)
    form = window.form_page
    form.amount.setText("1200")
    form.category.setCurrentIndex(1)
    form.home_municipality.setText("Lund")
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    # Saving freezes the form; nothing is written until the "server" answers.
    assert not form.isEnabled()
    assert window.confirmation is None
    assert read_cases(cases_file) == []
    qtbot.waitUntil(lambda: window.confirmation is not None, timeout=3000)
    assert len(read_cases(cases_file)) == 1


def test_the_same_seed_gives_the_same_delays(qtbot: QtBot, make_window: MakeWindow) -> None:
    first = make_window(latency=(0.0, 5.0), seed=11)
    second = make_window(latency=(0.0, 5.0), seed=11)
    assert [first._draw_delay_ms() for _ in range(5)] == [
        second._draw_delay_ms() for _ in range(5)
    ]


def test_cancel_returns_to_search_without_saving(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window()
    log_in(qtbot, window)
    search(qtbot, window, "19850709-9805")
    window.form_page.amount.setText("100")
    qtbot.mouseClick(window.form_page.cancel, Qt.MouseButton.LeftButton)
    assert window.current_screen is Screen.SEARCH
    assert read_cases(cases_file) == []
    assert window.form_page.amount.text() == ""


def test_logout_returns_to_an_empty_login(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    log_in(qtbot, window)
    qtbot.mouseClick(window.logout, Qt.MouseButton.LeftButton)
    assert window.current_screen is Screen.LOGIN
    assert window.user == ""
    assert window.login_page.username.text() == ""
    assert not window.logout.isVisible()
    qtbot.waitUntil(lambda: focused() is window.login_page.username)


def test_interactive_widgets_have_object_and_accessible_names(make_window: MakeWindow) -> None:
    window = make_window()
    expected = {
        "username": "Användarnamn", "password": "Lösenord", "login": "Logga in",
        "personnummer_search": "Personnummer", "search": "Sök", "name": "Namn",
        "personnummer": "Personnummer", "amount": "Belopp i kronor", "category": "Kategori",
        "home_municipality": "Hemkommun", "free_text": "Fritext",
        "attachments": "Bifogade handlingar", "priority": "Prioritet", "save": "Spara",
        "cancel": "Avbryt", "logout": "Logga ut",
    }
    for object_name, accessible in expected.items():
        widget = window.findChild(QtWidgets.QWidget, object_name)
        assert widget is not None, object_name
        assert widget.accessibleName() == accessible


# -- documents, priority and the save shortcut ---------------------------------------------


def test_the_document_list_shows_about_five_rows_and_scrolls_to_the_rest(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    rows = form.attachments
    assert [rows.item(row).text() for row in range(rows.count())] == list(ATTACHMENT_TYPES)
    assert len(ATTACHMENT_TYPES) == 15
    viewport = rows.viewport().rect()

    def fully_shown() -> list[str]:
        return [rows.item(row).text() for row in range(rows.count())
                if viewport.contains(rows.visualItemRect(rows.item(row)))]

    assert fully_shown() == list(ATTACHMENT_TYPES[:5])
    wheel_down = QtGui.QWheelEvent(
        QtCore.QPointF(viewport.center()), QtCore.QPointF(rows.viewport().mapToGlobal(
            viewport.center())), QtCore.QPoint(), QtCore.QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    for _ in range(6):
        QtWidgets.QApplication.sendEvent(rows.viewport(), wheel_down)
    assert fully_shown() == list(ATTACHMENT_TYPES[-5:])


@pytest.mark.parametrize("on_text", [True, False], ids=["on the name", "on the box"])
def test_one_click_on_a_row_ticks_it_and_the_next_unticks_it(
    qtbot: QtBot, make_window: MakeWindow, on_text: bool
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    viewport = form.attachments.viewport()
    [item] = form.attachments.findItems("Läkarintyg", Qt.MatchFlag.MatchExactly)
    point = row_point(form, "Läkarintyg", on_text=on_text)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert item.checkState() == Qt.CheckState.Checked
    assert form.attachments.checked() == ["Läkarintyg"]
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert item.checkState() == Qt.CheckState.Unchecked


def test_a_double_click_on_a_row_counts_as_two_clicks(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    viewport = form.attachments.viewport()
    point = QtCore.QPointF(row_point(form, "Hyresavtal"))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    # What a display server delivers for a double click: the second press also arrives as a
    # double-click event, and its release is not a click of its own.
    sequence = [
        (QtCore.QEvent.Type.MouseButtonPress, left),
        (QtCore.QEvent.Type.MouseButtonRelease, none),
        (QtCore.QEvent.Type.MouseButtonPress, left),
        (QtCore.QEvent.Type.MouseButtonDblClick, left),
        (QtCore.QEvent.Type.MouseButtonRelease, none),
    ]
    ticked_after: list[list[str]] = []
    for kind, buttons in sequence:
        event = QtGui.QMouseEvent(kind, point, QtCore.QPointF(viewport.mapToGlobal(point)),
                                  left, buttons, Qt.KeyboardModifier.NoModifier)
        QtWidgets.QApplication.sendEvent(viewport, event)
        ticked_after.append(form.attachments.checked())
    assert ticked_after[1] == ["Hyresavtal"]
    assert ticked_after[-1] == []


def test_space_ticks_the_current_row(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    form.attachments.setFocus()
    qtbot.waitUntil(lambda: focused() is form.attachments)
    form.attachments.setCurrentRow(2)
    qtbot.keyClick(form.attachments, Qt.Key.Key_Space)
    assert form.attachments.checked() == ["Lönebesked"]
    qtbot.keyClick(form.attachments, Qt.Key.Key_Space)
    assert form.attachments.checked() == []


def test_ticked_documents_are_saved_in_list_order_whatever_the_clicking_order(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    fill_required_fields(form)
    for text in ("Övriga handlingar", "Kontoutdrag", "Hyresavtal"):
        qtbot.mouseClick(form.attachments.viewport(), Qt.MouseButton.LeftButton,
                         pos=row_point(form, text))
        qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    [case] = read_cases(cases_file)
    assert case["attachments"] == ["Hyresavtal", "Kontoutdrag", "Övriga handlingar"]
    assert case["priority"] == 3


def test_the_priority_word_follows_the_slider(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    slider = form.priority
    assert (slider.minimum(), slider.value(), slider.maximum()) == (1, 3, 5)
    assert slider.orientation() == Qt.Orientation.Horizontal
    assert slider.tickPosition() != QtWidgets.QSlider.TickPosition.NoTicks
    assert slider.width() >= 250
    words = []
    for value in range(1, 6):
        slider.setValue(value)
        words.append(form.priority_word.text())
    assert words == ["Låg", "Under normal", "Normal", "Brådskande", "Akut"]
    assert words == [priority_word(value) for value in range(1, 6)]


@pytest.mark.parametrize("value", [0, 6])
def test_a_priority_outside_one_to_five_has_no_word(value: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        priority_word(value)


@pytest.mark.parametrize("target", [5, 1])
def test_dragging_the_priority_handle_sets_the_priority(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path, target: int
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    fill_required_fields(form)
    slider = form.priority
    start, end = handle_centre(slider), handle_centre_at(slider, target)
    # The positions are far enough apart for a hand, not only for a robot.
    assert abs(end.x() - start.x()) >= 100
    drag(slider, start, end)
    assert slider.value() == target
    assert form.priority_word.text() == priority_word(target)
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    [case] = read_cases(cases_file)
    assert case["priority"] == target


def test_ctrl_s_saves_the_form_like_the_save_button(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    assert form.save.toolTip() == "Spara (Ctrl+S)"
    fill_required_fields(form)
    form.attachments.setFocus()
    qtbot.waitUntil(lambda: focused() is form.attachments)
    qtbot.keyClick(form.attachments, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.confirmation is not None)
    [case] = read_cases(cases_file)
    assert case["home_municipality"] == "Lund"

    # With the confirmation open the key must not save the same case again.
    dialog = window.confirmation
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.ok)
    qtbot.keyClick(dialog.ok, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(read_cases(cases_file)) == 1


def test_ctrl_s_on_an_incomplete_form_names_what_is_missing(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    qtbot.waitUntil(lambda: focused() is form.name)
    qtbot.keyClick(form.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Belopp" in form.message.text()
    assert read_cases(cases_file) == []
    assert window.confirmation is None


def test_a_new_application_starts_with_no_documents_and_normal_priority(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    form = open_form(qtbot, window)
    form.attachments.set_checked(["Hyresavi", "Övriga handlingar"])
    form.attachments.scrollToBottom()
    form.priority.setValue(5)
    qtbot.mouseClick(form.cancel, Qt.MouseButton.LeftButton)
    search(qtbot, window, "19850709-9805")
    assert form.attachments.checked() == []
    assert form.attachments.verticalScrollBar().value() == 0
    assert form.priority.value() == 3
    assert form.priority_word.text() == "Normal"


def test_a_cases_file_from_before_documents_and_priority_still_loads(
    qtbot: QtBot, make_window: MakeWindow, cases_file: Path
) -> None:
    year = dt.date.today().year
    old = {"case_number": f"{year}-000950", "name": "Åsa Lindqvist",
           "personnummer": "19850709-9805", "amount": "100", "category": "Hyra",
           "home_municipality": "Lund", "free_text": "", "saved_by": "anna",
           "saved_at": "2025-01-02T10:00:00+01:00"}
    old_line = json.dumps(old, ensure_ascii=False) + "\n"
    cases_file.write_text(old_line, encoding="utf-8")
    window = make_window()
    form = open_form(qtbot, window)
    fill_required_fields(form)
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    first, second = read_cases(cases_file)
    assert cases_file.read_text(encoding="utf-8").startswith(old_line)
    assert first == old
    assert second["case_number"] == f"{year}-000951"
    assert second["attachments"] == [] and second["priority"] == 3


def test_the_side_column_stays_beside_the_fields_so_nothing_recorded_moves(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    form = open_form(qtbot, window)

    def box(widget: QtWidgets.QWidget) -> QtCore.QRect:
        return QtCore.QRect(widget.mapTo(form, QtCore.QPoint(0, 0)), widget.size())

    free_text = box(form.free_text)
    amount = box(form.amount)
    for widget in (form.attachments, form.priority, form.priority_word):
        # Above Fritext's bottom edge: a taller column would grow the box and push the
        # buttons down, away from where the shipped recording clicks "Spara".
        assert box(widget).bottom() <= free_text.bottom(), widget.objectName()
        assert box(widget).top() >= amount.top(), widget.objectName()
        assert box(widget).left() > free_text.right() + 10, widget.objectName()


def test_the_form_fits_the_smallest_allowed_window(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=MIN_SIZE)
    open_form(qtbot, window)
    assert window.size() == QtCore.QSize(*MIN_SIZE)
    page = window.form_page
    bottom_right = page.rect().bottomRight()
    for widget in (page.attachments, page.priority, page.priority_word, page.save,
                   page.cancel, page.free_text):
        corner = widget.mapTo(page, widget.rect().bottomRight())
        assert corner.x() <= bottom_right.x() and corner.y() <= bottom_right.y(), widget


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        (["--position", "abc"], "--position"),
        (["--position", "100"], "--position"),
        (["--position", "1,2,3"], "--position"),
        (["--latency", "abc"], "--latency"),
        (["--latency", "2-1"], "--latency"),
        (["--latency", "-1"], "--latency"),
        (["--latency", "0-999"], "--latency"),
        (["--size", "10x10"], "--size"),
        (["--size", "wide"], "--size"),
        (["--size", "800x600"], "--size"),
        (["--seed", "x"], "--seed"),
        (["--leave-out", "password"], "--leave-out"),
        (["--unknown"], "--unknown"),
    ],
)
def test_bad_option_values_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], cases_file: Path, options: list[str], complaint: str
) -> None:
    assert main(["--cases-file", str(cases_file), *options]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert complaint in captured.err
    assert "Traceback" not in captured.err


def test_missing_cases_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "--cases-file" in capsys.readouterr().err


def test_unwritable_cases_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--cases-file", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--cases-file" in err
