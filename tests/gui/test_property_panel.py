"""The property panel shows one step as a superuser reads it and sends each finished edit once.

The panel never changes the step: every test checks what it asks for (``step_edited``,
``picture_picked``, ``make_parameter_requested``), as the studio would receive it.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import (
    Bot,
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Parameter,
    Point,
    ScrollStep,
    Selector,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import load_bot
from app.core.results.outcome import StepResult
from app.gui import i18n
from app.gui.parameters_panel import MakeParameterDialog
from app.gui.property_panel import PropertyPanel, editor_index, folder_pictures
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from app.gui.region_picker import RegionPicker, cut_out

EXAMPLE = Path(__file__).parents[2] / "recordings" / "ekonomiskt-bistand"
WINDOW = "Socialsystemet – Sök sökande"

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                              r"This plugin does not support raise\(\)",
                              r"This plugin does not support grabbing the keyboard"),
    pytest.mark.usefixtures("swedish"),
]


class Edits:
    """What the panel asked the studio to do, in order."""

    def __init__(self, panel: PropertyPanel) -> None:
        self.edits: list[tuple[str, dict[str, Any]]] = []
        self.pictures: list[tuple[str, str, bytes, Point]] = []
        self.parameters: list[tuple[str, int, int, Parameter, bool]] = []
        panel.step_edited.connect(lambda step_id, change: self.edits.append((step_id, change)))
        panel.picture_picked.connect(lambda *args: self.pictures.append(args))
        panel.make_parameter_requested.connect(lambda *args: self.parameters.append(args))


@pytest.fixture
def example() -> Bot:
    return load_bot(EXAMPLE)


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[PropertyPanel]:
    window = QtWidgets.QMainWindow()
    panel = PropertyPanel(hide_delay_ms=0, grab=lambda: screen_picture(800, 600))
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    window.resize(520, 900)
    window.show()
    qtbot.waitExposed(window)
    yield panel


def screen_picture(width: int, height: int) -> QtGui.QImage:
    """A screen with a distinct colour in every 10-pixel square, so a cut-out shows its place."""
    y, x = np.mgrid[0:height, 0:width]
    pixels = np.zeros((height, width, 3), dtype=np.uint8)
    pixels[..., 0] = (x // 10 * 30) % 256
    pixels[..., 1] = (y // 10 * 30) % 256
    pixels[..., 2] = ((x + y) // 10 * 10) % 256
    image = QtGui.QImage(pixels.tobytes(), width, height, width * 3,
                         QtGui.QImage.Format.Format_RGB888)
    return image.copy()


def finish(qtbot: QtBot, widget: QtWidgets.QWidget, text: str | None = None) -> None:
    """Type into a field the way a person does, then press Enter."""
    widget.setFocus()
    if text is not None:
        if isinstance(widget, QtWidgets.QAbstractSpinBox | QtWidgets.QLineEdit):
            widget.selectAll()
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def shown(widget: QtWidgets.QWidget) -> bool:
    return not widget.isHidden()


def test_showing_a_step_sends_no_edit(panel: PropertyPanel, example: Bot) -> None:
    edits = Edits(panel)
    for number, step in enumerate(example.steps, start=1):
        panel.show_step(step, folder_pictures(EXAMPLE), number=number,
                        parameters=example.parameters)
    panel.show_step(None)
    assert edits.edits == []


def test_a_typed_comment_is_sent_once_when_the_person_is_done(qtbot: QtBot,
                                                              panel: PropertyPanel) -> None:
    step = KeyStep(id="tab", key="tab")
    panel.show_step(step)
    edits = Edits(panel)
    panel.comment_edit.setFocus()
    qtbot.keyClicks(panel.comment_edit, "Till faltet Namn")
    assert edits.edits == []  # not per keystroke
    qtbot.keyClick(panel.comment_edit, Qt.Key.Key_Return)
    panel.enabled_box.setFocus()  # leaving the field unchanged sends nothing more
    assert edits.edits == [("tab", {"comment": "Till faltet Namn"})]


def test_the_step_itself_is_never_changed(qtbot: QtBot, panel: PropertyPanel) -> None:
    step = ScrollStep(id="s", dy=-3, target=Target(absolute=Point(5, 5)))
    before = copy.deepcopy(step)
    panel.show_step(step)
    finish(qtbot, panel.dy_spin, "5")
    finish(qtbot, panel.comment_edit, "ned i listan")
    assert step == before


@pytest.mark.parametrize(("step", "editor", "typed", "change"), [
    (ClickStep(id="c", target=Target(absolute=Point(1, 1))), "clicks_spin", "2", {"clicks": 2}),
    (ScrollStep(id="s", target=Target(absolute=Point(1, 1))), "dx_spin", "-4", {"dx": -4}),
    (ScrollStep(id="s", target=Target(absolute=Point(1, 1))), "dy_spin", "7", {"dy": 7}),
    (KeyStep(id="k", key="tab"), "key_edit", "Enter", {"key": "enter"}),
    (HotkeyStep(id="h", keys=["ctrl", "c"]), "keys_edit", "ctrl + shift+S",
     {"keys": ["ctrl", "shift", "s"]}),
    (WaitStep(id="w", seconds=1), "seconds_spin", "2,5", {"seconds": 2.5}),
    # QTest types ASCII only.
    (KeyStep(id="k", key="tab"), "window_edit", "Socialsystemet - Sok",
     {"window_title": "Socialsystemet - Sok"}),
    (KeyStep(id="k", key="tab", timeout_s=5), "timeout_spin", "12", {"timeout_s": 12.0}),
])
def test_each_kind_of_step_has_its_editor(  # noqa: PLR0917 - pytest passes them so
        qtbot: QtBot, panel: PropertyPanel, step: Step, editor: str, typed: str,
        change: dict[str, Any]) -> None:
    panel.show_step(step)
    edits = Edits(panel)
    widget = getattr(panel, editor)
    assert shown(widget)
    finish(qtbot, widget, typed)
    assert edits.edits == [(step.id, change)]


def test_only_the_fields_of_the_step_kind_are_shown(panel: PropertyPanel) -> None:
    panel.show_step(TypeTextStep(id="t", text="Anna"))
    assert shown(panel.text_edit) and shown(panel.method_box) and shown(panel.window_edit)
    assert not shown(panel.button_box) and not shown(panel.key_edit)
    assert not shown(panel.targets["target"])
    panel.show_step(DragStep(id="d", target=Target(absolute=Point(1, 1)),
                             end=Target(absolute=Point(9, 9))))
    assert shown(panel.button_box) and not shown(panel.text_edit)
    assert shown(panel.targets["target"]) and shown(panel.targets["end"])
    panel.show_step(WaitStep(id="w", until="window", window_title=WINDOW))
    assert shown(panel.window_edit) and not shown(panel.seconds_spin)


def test_a_choice_in_a_list_is_sent_at_once(qtbot: QtBot, panel: PropertyPanel) -> None:
    panel.show_step(WaitStep(id="w", seconds=3))
    edits = Edits(panel)
    panel.until_box.setFocus()
    qtbot.keyClick(panel.until_box, Qt.Key.Key_Down)
    assert edits.edits == [("w", {"until": "picture_appears"})]
    assert not shown(panel.seconds_spin)


def test_a_standard_timeout_and_confidence_are_sent_as_none(qtbot: QtBot,
                                                            panel: PropertyPanel) -> None:
    step = ClickStep(id="c", timeout_s=8, target=Target(absolute=Point(1, 1), confidence=0.8))
    panel.show_step(step)
    edits = Edits(panel)
    panel.timeout_spin.setFocus()
    panel.timeout_spin.setValue(panel.timeout_spin.minimum())
    qtbot.keyClick(panel.timeout_spin, Qt.Key.Key_Return)
    confidence = panel.targets["target"].confidence
    assert confidence.text() == "80 %"
    finish(qtbot, confidence, "95")
    confidence.setValue(confidence.minimum())
    qtbot.keyClick(confidence, Qt.Key.Key_Return)
    assert edits.edits == [("c", {"timeout_s": None}), ("c", {"target.confidence": 0.95}),
                           ("c", {"target.confidence": None})]


def test_switching_a_step_off_is_one_edit(qtbot: QtBot, panel: PropertyPanel) -> None:
    panel.show_step(KeyStep(id="k"))
    edits = Edits(panel)
    qtbot.mouseClick(panel.enabled_box, Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(8, panel.enabled_box.height() // 2))
    assert edits.edits == [("k", {"enabled": False})]


def test_a_target_shows_the_element_it_is_found_by_first_and_when_it_asks(
        panel: PropertyPanel) -> None:
    step = ClickStep(id="c", target=Target(
        absolute=Point(700, 470), window_title="Socialsystemet – Inloggning",
        window_point=Point(500, 320), selector=Selector(
            api="atspi", role="push button", name="Logga in", element_id="login_box.login",
            window="Socialsystemet – Inloggning")))
    panel.show_step(step)
    box = panel.targets["target"]
    assert box.element_label.text() == (
        "Först letar roboten efter elementet ”Logga in” (push button) i fönstret "
        "”Socialsystemet – Inloggning”, sedan efter bilden.")
    assert box.element_label.toolTip() == "Dess id: login_box.login"
    assert "frågar roboten dig innan" in box.fallbacks.text()
    assert shown(panel.points_box) and not panel.points_box.isChecked()
    panel.show_step(dataclasses.replace(step, points_are_fine=True))
    assert "frågar" not in box.fallbacks.text()
    assert panel.points_box.isChecked()


def test_marking_points_as_fine_is_one_edit(qtbot: QtBot, panel: PropertyPanel) -> None:
    panel.show_step(ClickStep(id="c", target=Target(absolute=Point(7, 8))))
    edits = Edits(panel)
    qtbot.mouseClick(panel.points_box, Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(8, panel.points_box.height() // 2))
    assert edits.edits == [("c", {"points_are_fine": True})]


def test_keys_are_also_shown_as_printed_on_the_keyboard(panel: PropertyPanel) -> None:
    panel.show_step(HotkeyStep(id="h", keys=["ctrl", "shift", "s"]))
    assert panel.keys_note.text() == "Trycks som: Ctrl+Shift+S"


def test_an_empty_key_is_refused_in_words(qtbot: QtBot, panel: PropertyPanel) -> None:
    panel.show_step(HotkeyStep(id="h", keys=["ctrl", "s"]))
    edits = Edits(panel)
    panel.keys_edit.clear()
    finish(qtbot, panel.keys_edit, " + ")
    assert edits.edits == []
    assert panel.keys_edit.text() == "ctrl+s"
    assert "ctrl+s" in panel.field_problem.text()


def test_showing_the_edited_step_again_does_not_come_back_as_an_edit(
        qtbot: QtBot, panel: PropertyPanel) -> None:
    """The studio applies each edit and shows the step again, inside the signal."""
    steps: dict[str, Step] = {"t": TypeTextStep(id="t", text="Anna", window_title=WINDOW)}
    edits = Edits(panel)

    def apply(step_id: str, change: dict[str, Any]) -> None:
        steps[step_id] = dataclasses.replace(steps[step_id], **change)
        panel.show_step(steps[step_id])

    panel.step_edited.connect(apply)
    panel.show_step(steps["t"])
    finish(qtbot, panel.comment_edit, "namnet")
    panel.text_edit.setFocus()
    panel.text_edit.selectAll()
    qtbot.keyClicks(panel.text_edit, "Anna Berg")
    panel.comment_edit.setFocus()
    assert edits.edits == [("t", {"comment": "namnet"}), ("t", {"text": "Anna Berg"})]


def test_line_breaks_as_recorded_are_not_an_edit(panel: PropertyPanel) -> None:
    panel.show_step(TypeTextStep(id="t", text="rad ett\r\nrad två"))
    edits = Edits(panel)
    panel.text_edit.setFocus()
    panel.comment_edit.setFocus()
    assert edits.edits == []


def test_a_read_only_step_cannot_be_edited(qtbot: QtBot, panel: PropertyPanel,
                                           example: Bot) -> None:
    panel.show_step(example.steps[0], folder_pictures(EXAMPLE), True, number=1)
    edits = Edits(panel)
    assert shown(panel.read_only_note)
    assert not panel.button_box.isEnabled() and not panel.enabled_box.isEnabled()
    assert panel.comment_edit.isReadOnly()
    assert not panel.targets["target"].pick_button.isEnabled()
    finish(qtbot, panel.comment_edit, "x")
    assert edits.edits == []


def test_the_click_point_is_marked_on_the_window_picture(qtbot: QtBot, panel: PropertyPanel,
                                                         example: Bot) -> None:
    step = example.steps[0]
    assert isinstance(step, ClickStep) and step.target.window_point is not None
    panel.show_step(step, folder_pictures(EXAMPLE), number=1)
    box = panel.targets["target"]
    place = box.window_view.place()
    assert place is not None
    assert place.click_x == pytest.approx(step.target.window_point.x * place.scale, abs=2)
    assert place.click_y == pytest.approx(step.target.window_point.y * place.scale, abs=2)
    # Shown larger than the stored picture (320 × 224).
    qtbot.waitUntil(lambda: box.window_view.height() > 224)
    assert box.anchor_view.pixmap().width() >= 2 * 120  # the anchor alone, readable
    assert "(539, 233)" in box.fallbacks.text()
    assert panel.title.text() == "Steg 1: Klick"


def test_a_step_without_a_picture_says_how_it_is_found(panel: PropertyPanel) -> None:
    panel.show_step(ClickStep(id="c", target=Target(window_title=WINDOW,
                                                    window_point=Point(40, 50))))
    box = panel.targets["target"]
    assert not shown(box.window_view) and not shown(box.anchor_view)
    assert "Ingen bild" in box.anchor_caption.text()
    assert "platsen (40, 50) i fönstret" in box.fallbacks.text()


def test_a_picture_that_cannot_be_read_is_named(panel: PropertyPanel, example: Bot) -> None:
    panel.show_step(example.steps[0], lambda name: b"not a picture")
    box = panel.targets["target"]
    assert box.anchor_caption.text() == "Bilden click-00001.png gick inte att läsa."
    assert not shown(box.window_view) and not shown(box.anchor_view)


def test_a_picture_not_yet_saved_is_shown_before_the_one_on_disk(panel: PropertyPanel,
                                                                 example: Bot) -> None:
    step = example.steps[0]
    assert isinstance(step, ClickStep) and step.target.anchor is not None
    picture = QtGui.QImage(30, 20, QtGui.QImage.Format.Format_RGB32)
    picture.fill(QtGui.QColor("red"))
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    pending = {step.target.anchor: bytes(buffer.data().data())}
    panel.show_step(step, folder_pictures(EXAMPLE, pending))
    assert "30 × 20" in panel.targets["target"].anchor_caption.text()


# ---------------------------------------------------------------- pick again on screen


def drag(qtbot: QtBot, widget: QtWidgets.QWidget, start: QtCore.QPoint,
         end: QtCore.QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    event = QtGui.QMouseEvent(QtCore.QEvent.Type.MouseMove, QtCore.QPointF(end),
                              widget.mapToGlobal(QtCore.QPointF(end)), Qt.MouseButton.NoButton,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(widget, event)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_pick_again_cuts_the_chosen_picture_out_of_the_screen(qtbot: QtBot,
                                                               panel: PropertyPanel) -> None:
    panel.show_step(ClickStep(id="c", target=Target(absolute=Point(1, 1))))
    edits = Edits(panel)
    window = panel.window()
    qtbot.mouseClick(panel.targets["target"].pick_button, Qt.MouseButton.LeftButton)
    assert window.isHidden()  # out of the way of what the person wants to pick
    qtbot.waitUntil(lambda: panel.screen_pick is not None and panel.screen_pick.picker
                    is not None and panel.screen_pick.picker.isVisible())
    assert panel.screen_pick is not None and panel.screen_pick.picker is not None
    picker = panel.screen_pick.picker
    picker.setGeometry(0, 0, 800, 600)  # one widget pixel per screen pixel
    drag(qtbot, picker, QtCore.QPoint(100, 200), QtCore.QPoint(180, 250))
    assert picker.is_choosing_point()
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=QtCore.QPoint(150, 230))
    qtbot.waitUntil(lambda: len(edits.pictures) == 1)
    step_id, which, png, offset = edits.pictures[0]
    assert (step_id, which, offset) == ("c", "target", Point(50, 30))
    cut = QtGui.QImage.fromData(png)
    assert (cut.width(), cut.height()) == (81, 51)
    assert cut.pixelColor(0, 0) == screen_picture(800, 600).pixelColor(100, 200)
    assert window.isVisible()
    assert edits.edits == []


def test_esc_cancels_pick_again_and_brings_the_studio_back(qtbot: QtBot,
                                                           panel: PropertyPanel) -> None:
    panel.show_step(ClickStep(id="c", target=Target(absolute=Point(1, 1))))
    edits = Edits(panel)
    panel.pick_again("target")
    qtbot.waitUntil(lambda: panel.screen_pick is not None and panel.screen_pick.picker
                    is not None)
    assert panel.screen_pick is not None and panel.screen_pick.picker is not None
    qtbot.keyClick(panel.screen_pick.picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.window().isVisible() and panel.screen_pick is None)
    assert edits.pictures == []


def test_a_screen_that_cannot_be_pictured_is_said_in_words(qtbot: QtBot) -> None:
    def refuse() -> QtGui.QImage:
        raise OSError("no display")

    panel = PropertyPanel(grab=refuse, hide_delay_ms=0)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_step(ClickStep(id="c", target=Target(absolute=Point(1, 1))))
    panel.pick_again("target")
    qtbot.waitUntil(lambda: panel.screen_pick is None)
    assert panel.isVisible()
    assert "no display" in panel.targets["target"].anchor_caption.text()


@pytest.fixture
def picker(qtbot: QtBot) -> RegionPicker:
    """A picker over a screen picture twice the widget's size, as on a high-DPI screen."""
    picker = RegionPicker(screen_picture(800, 600))
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(picker)
    picker.setGeometry(0, 0, 400, 300)
    picker.show()
    return picker


def test_a_rectangle_is_chosen_in_screen_pixels(qtbot: QtBot, picker: RegionPicker) -> None:
    with qtbot.waitSignal(picker.picked) as picked:
        drag(qtbot, picker, QtCore.QPoint(50, 100), QtCore.QPoint(90, 125))
        qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=QtCore.QPoint(60, 110))
    region, point = picked.args
    assert region == QtCore.QRect(QtCore.QPoint(100, 200), QtCore.QPoint(180, 250))
    assert point == QtCore.QPoint(120, 220)


def test_a_slip_of_the_hand_is_not_a_rectangle(qtbot: QtBot, picker: RegionPicker) -> None:
    drag(qtbot, picker, QtCore.QPoint(50, 100), QtCore.QPoint(52, 101))
    assert not picker.is_choosing_point()
    assert "för liten" in picker.hint()


def test_a_click_outside_the_rectangle_is_refused_and_right_click_starts_again(
        qtbot: QtBot, picker: RegionPicker) -> None:
    drag(qtbot, picker, QtCore.QPoint(50, 100), QtCore.QPoint(90, 125))
    with qtbot.assertNotEmitted(picker.picked):
        qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=QtCore.QPoint(200, 200))
    assert "utanför" in picker.hint()
    qtbot.mouseClick(picker, Qt.MouseButton.RightButton, pos=QtCore.QPoint(200, 200))
    assert picker.region() is None and not picker.is_choosing_point()


def test_the_hint_moves_out_of_the_way_of_the_pointer(qtbot: QtBot,
                                                      picker: RegionPicker) -> None:
    picker.repaint()
    top = picker.hint_box()
    assert top.top() < 100
    under = top.center()
    QtWidgets.QApplication.sendEvent(picker, QtGui.QMouseEvent(
        QtCore.QEvent.Type.MouseMove, QtCore.QPointF(under), picker.mapToGlobal(
            QtCore.QPointF(under)), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier))
    picker.repaint()
    assert picker.hint_box().bottom() > picker.height() - 100


def test_a_cut_out_is_the_chosen_part_of_the_screen() -> None:
    screen = screen_picture(200, 100)
    picture = cut_out(screen, QtCore.QRect(20, 30, 40, 10), QtCore.QPoint(25, 35))
    cut = QtGui.QImage.fromData(picture.png)
    assert (cut.width(), cut.height(), picture.offset) == (40, 10, Point(5, 5))
    assert cut.pixelColor(39, 9) == screen.pixelColor(59, 39)


# ---------------------------------------------------------------- make parameter


def open_make_dialog(qtbot: QtBot, panel: PropertyPanel) -> MakeParameterDialog:
    qtbot.mouseClick(panel.make_parameter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    assert panel.dialog is not None
    return panel.dialog


def test_the_selected_part_of_the_text_becomes_a_parameter(qtbot: QtBot,
                                                           panel: PropertyPanel) -> None:
    text = "Beslut 😀 2024-05-01 om bistånd"
    panel.show_step(TypeTextStep(id="t", text=text), parameters=[Parameter("namn")])
    edits = Edits(panel)
    cursor = panel.text_edit.textCursor()
    # Qt counts the emoji as two; the request counts characters as the step's text does.
    cursor.setPosition(10)
    cursor.setPosition(20, QtGui.QTextCursor.MoveMode.KeepAnchor)
    panel.text_edit.setTextCursor(cursor)
    dialog = open_make_dialog(qtbot, panel)
    assert dialog.kind() == "date"
    qtbot.keyClicks(dialog.label_edit, "Beslutsdatum")
    assert dialog.name_edit.text() == "beslutsdatum"
    assert dialog.preview.text() == "Beslut 😀 {{beslutsdatum}} om bistånd"
    qtbot.mouseClick(dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    start, end = text.index("2024"), text.index("2024") + 10
    assert edits.parameters == [("t", start, end, Parameter("beslutsdatum", "date",
                                                            "Beslutsdatum"), False)]
    assert edits.edits == []


def test_without_a_selection_the_whole_text_becomes_a_parameter(qtbot: QtBot,
                                                                panel: PropertyPanel) -> None:
    panel.show_step(TypeTextStep(id="t", text="19850709-9805"))
    edits = Edits(panel)
    dialog = open_make_dialog(qtbot, panel)
    assert dialog.kind() == "personnummer" and not dialog.keep_default()
    qtbot.keyClicks(dialog.label_edit, "Personnummer")
    dialog.accept()
    assert [(start, end, keep) for _, start, end, _, keep in edits.parameters] == \
        [(0, 13, False)]


def test_a_selection_across_a_parameter_is_refused_in_words(qtbot: QtBot,
                                                            panel: PropertyPanel) -> None:
    panel.show_step(TypeTextStep(id="t", text="Hej {{namn}}!"),
                    parameters=[Parameter("namn")])
    cursor = panel.text_edit.textCursor()
    cursor.setPosition(2)
    cursor.setPosition(7, QtGui.QTextCursor.MoveMode.KeepAnchor)
    panel.text_edit.setTextCursor(cursor)
    qtbot.mouseClick(panel.make_parameter_button, Qt.MouseButton.LeftButton)
    assert panel.dialog is None
    assert "{{namn}}" in panel.field_problem.text()


def test_text_that_looks_like_a_password_is_hidden_until_asked(qtbot: QtBot,
                                                                panel: PropertyPanel) -> None:
    panel.show_step(TypeTextStep(id="t", text="Sommar2024!x"))
    assert not shown(panel.text_edit) and "lösenord" in panel.secret_note.text()
    qtbot.mouseClick(panel.show_text_button, Qt.MouseButton.LeftButton)
    assert shown(panel.text_edit)


def test_cursor_positions_count_as_the_steps_text_does() -> None:
    assert editor_index("a😀b", 3) == 2
    assert editor_index("a\r\nb", 2) == 3
    assert editor_index("abc", 99) == 3


# ---------------------------------------------------------------- the last run


def test_a_failed_step_shows_its_error_and_screenshot(qtbot: QtBot, panel: PropertyPanel,
                                                      example: Bot) -> None:
    step = example.steps[0]
    screenshot = (EXAMPLE / "images" / "window-00001.png").read_bytes()
    panel.show_step(step, folder_pictures(EXAMPLE), number=1)
    panel.show_result(StepResult("run", step.id, 0, step.kind, status="failed",
                                 found_by="none", started_at=10.0, ended_at=20.5,
                                 error="the picture did not show within 10 s",
                                 screenshot_png=screenshot))
    assert shown(panel.result_box)
    assert panel.result_status.text() == "Misslyckades"
    assert "10,5 s" in panel.result_details.text()
    assert panel.result_error.text() == "the picture did not show within 10 s"
    assert not panel.result_picture.pixmap().isNull()


def test_a_found_target_says_which_way_and_how_alike(panel: PropertyPanel,
                                                     example: Bot) -> None:
    step = example.steps[0]
    panel.show_step(step, folder_pictures(EXAMPLE))
    panel.show_result(StepResult("run", step.id, 0, step.kind, found_by="anchor", score=0.987))
    assert panel.result_details.text() == "Hittad med sin bild (98,7 % lik)."
    assert not shown(panel.result_picture)


def test_another_step_hides_the_last_result(panel: PropertyPanel, example: Bot) -> None:
    panel.show_step(example.steps[0])
    panel.show_result(StepResult("run", example.steps[0].id, 0, "click"))
    panel.show_step(example.steps[1])
    assert not shown(panel.result_box)
    panel.show_result(StepResult("run", example.steps[0].id, 0, "click"))
    assert not shown(panel.result_box)


def test_the_panel_follows_the_language(panel: PropertyPanel) -> None:
    panel.show_step(KeyStep(id="k"), number=3)
    assert panel.action_box.title() == "Vad steget gör"
    i18n.set_language("en")
    panel.retranslate()
    assert panel.action_box.title() == "What the step does"
    assert panel.title.text() == "Step 3: Key"
