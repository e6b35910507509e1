"""The step table shows a bot's steps the way a superuser reads them, and edits the bot itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
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
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import load_bot, save_bot
from app.gui import i18n
from app.gui.qt import Qt, QtCore, QtGui
from app.gui.step_model import (
    THUMBNAIL_SIZE,
    Column,
    StepTableModel,
    looks_secret,
    step_description,
)

WINDOW = "Procapita – Ekonomiskt bistånd"

pytestmark = pytest.mark.usefixtures("swedish")


def png(width: int, height: int, colour: str = "#3366aa") -> bytes:
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor(colour))
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def every_kind_of_step() -> Bot:
    return Bot(
        name="Ekonomiskt bistånd",
        parameters=[Parameter("pnr", "personnummer", "Personnummer"),
                    Parameter("losenord", "secret", "Lösenord")],
        steps=[
            ClickStep(id="sok", target=Target(window_title=WINDOW, window_point=Point(5, 6),
                                              anchor="sok.png", anchor_offset=Point(10, 10)),
                      think_time_s=1.5),
            ClickStep(id="rad", clicks=2, target=Target(absolute=Point(1, 2))),
            ClickStep(id="meny", button="right", target=Target(absolute=Point(1, 2))),
            DragStep(id="dra", target=Target(absolute=Point(1, 2)),
                     end=Target(absolute=Point(50, 2))),
            ScrollStep(id="skrolla", target=Target(absolute=Point(1, 2)), dy=-3),
            TypeTextStep(id="pnr", text="{{pnr}}", window_title=WINDOW),
            KeyStep(id="enter", key="enter"),
            HotkeyStep(id="spara", keys=["ctrl", "s"], enabled=False, comment="sparar"),
            WaitStep(id="vanta", seconds=2),
            TypeTextStep(id="inloggning", text="{{losenord}}", window_title="Logga in"),
            TypeTextStep(id="glomt", text="Sommar2024!", window_title="Logga in"),
        ],
    )


@pytest.fixture
def bot_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ekonomiskt-bistand"
    save_bot(every_kind_of_step(), folder, {"sok.png": png(300, 60)})
    return folder


@pytest.fixture
def model(bot_folder: Path) -> StepTableModel:
    return StepTableModel(load_bot(bot_folder), bot_folder)


def column(model: StepTableModel, which: Column, role: int = Qt.ItemDataRole.DisplayRole
           ) -> list[object]:
    return [model.index(row, which).data(role) for row in range(model.rowCount())]


def test_the_model_keeps_qt_s_rules(qtmodeltester: ModelTester, model: StepTableModel) -> None:
    qtmodeltester.check(model)


def test_an_empty_model_keeps_qt_s_rules(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(StepTableModel())


def test_a_read_only_model_keeps_qt_s_rules(qtmodeltester: ModelTester,
                                            bot_folder: Path) -> None:
    qtmodeltester.check(StepTableModel(load_bot(bot_folder), bot_folder, read_only=True))


def test_steps_are_named_in_swedish(model: StepTableModel) -> None:
    assert column(model, Column.KIND) == [
        "Klick", "Dubbelklick", "Högerklick", "Dra", "Skrolla", "Skriv text", "Tangent",
        "Kortkommando", "Vänta", "Skriv text", "Skriv text",
    ]
    assert [model.headerData(row, Qt.Orientation.Vertical) for row in range(3)] == [
        "1", "2", "3"]


def test_headers_are_in_swedish_and_follow_a_language_switch(qtbot: QtBot,
                                                             model: StepTableModel) -> None:
    def headers() -> list[object]:
        return [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]

    assert headers() == ["Aktiv", "Steg", "Beskrivning", "Värde", "Bild", "Tänketid",
                         "Kommentar"]
    i18n.set_language("en")
    with qtbot.waitSignal(model.headerDataChanged):
        model.retranslate()
    assert headers() == ["On", "Step", "Description", "Value", "Picture", "Think time",
                         "Comment"]
    assert model.index(0, Column.KIND).data() == "Click"


def test_what_shows_typed_text_keys_and_seconds(model: StepTableModel) -> None:
    what = column(model, Column.VALUE)
    assert what[4] == "ned 3"
    assert what[5] == "{{pnr}}"
    assert what[6] == "Enter"
    assert what[7] == "Ctrl+S"
    assert what[8] == "2 s"


def test_a_secret_placeholder_is_shown_but_a_typed_password_is_not(
        model: StepTableModel) -> None:
    assert model.index(9, Column.VALUE).data() == "{{losenord}}"
    shown = model.index(10, Column.VALUE).data()
    assert "Sommar2024" not in shown
    assert "Sommar2024" not in model.index(10, Column.VALUE).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("text", [
    "Åsa Lindström", "19121212-1212", "2024-000123", "anna.svensson@nacka.se",
    "Ansökan inkom {{datum}} via e-tjänst", "{{losenord}}", "Kalle",
])
def test_everyday_values_do_not_look_secret(text: str) -> None:
    assert not looks_secret(text)


@pytest.mark.parametrize("text", ["Sommar2024!", "hemligt Xy9#abcd", "Vinter-2025"])
def test_password_shaped_values_look_secret(text: str) -> None:
    assert looks_secret(text)


def test_think_time_is_written_with_a_decimal_comma(model: StepTableModel) -> None:
    assert model.index(0, Column.THINK_TIME).data() == "1,5 s"
    assert model.index(1, Column.THINK_TIME).data() == ""
    i18n.set_language("en")
    assert model.index(0, Column.THINK_TIME).data() == "1.5 s"


def test_each_step_is_described_the_way_a_person_says_it(model: StepTableModel) -> None:
    assert column(model, Column.DESCRIPTION) == [
        f"Klicka i {WINDOW}", "Dubbelklicka vid 1, 2", "Högerklicka vid 1, 2", "Dra vid 1, 2",
        "Skrolla ned 3 vid 1, 2", f"Skriv i {WINDOW}", "Tryck Enter", "Tryck Ctrl+S",
        "Vänta 2 s", "Skriv i Logga in", "Skriv i Logga in",
    ]


def test_the_element_name_is_used_when_the_recording_knew_it() -> None:
    target = Target(window_title="Socialsystemet – Inloggning", absolute=Point(1, 2))
    target.element_name = "Logga in"  # type: ignore[attr-defined]
    step = ClickStep(target=target)
    assert step_description(step) == "Klicka på ”Logga in” i Socialsystemet – Inloggning"


def test_waits_say_what_they_wait_for() -> None:
    assert step_description(WaitStep(until="window", window_title="Ärende")) == (
        "Vänta på fönstret Ärende")
    assert step_description(WaitStep(until="picture_appears", target=Target(
        window_title="Ärende"))) == "Vänta tills bilden syns i Ärende"


def test_the_picture_is_a_thumbnail_loaded_once(model: StepTableModel,
                                                bot_folder: Path) -> None:
    thumbnail = model.index(0, Column.PICTURE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumbnail, QtGui.QPixmap)
    assert not thumbnail.isNull()
    assert thumbnail.width() <= THUMBNAIL_SIZE.width()
    assert thumbnail.height() <= THUMBNAIL_SIZE.height()
    # Still there once the file is gone: it was read the first time and kept.
    (bot_folder / "images" / "sok.png").unlink()
    again = model.index(0, Column.PICTURE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(again, QtGui.QPixmap)
    assert again.cacheKey() == thumbnail.cacheKey()
    assert model.index(1, Column.PICTURE).data(Qt.ItemDataRole.DecorationRole) is None


def test_a_picture_that_cannot_be_read_leaves_the_cell_empty(bot_folder: Path) -> None:
    model = StepTableModel(load_bot(bot_folder), bot_folder)
    (bot_folder / "images" / "sok.png").unlink()
    assert model.index(0, Column.PICTURE).data(Qt.ItemDataRole.DecorationRole) is None
    tip = model.index(0, Column.PICTURE).data(Qt.ItemDataRole.ToolTipRole)
    assert "sok.png" in tip


def test_the_picture_tooltip_shows_the_full_picture(model: StepTableModel,
                                                    bot_folder: Path) -> None:
    tip = model.index(0, Column.PICTURE).data(Qt.ItemDataRole.ToolTipRole)
    assert (bot_folder / "images" / "sok.png").as_uri() in tip


def test_switching_a_step_off_changes_the_bot(qtbot: QtBot, model: StepTableModel) -> None:
    bot = model.bot()
    assert bot is not None
    index = model.index(0, Column.ENABLED)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    with qtbot.waitSignals([model.dataChanged, model.edited]):
        assert model.setData(index, Qt.CheckState.Unchecked.value,
                             Qt.ItemDataRole.CheckStateRole)
    assert bot.steps[0].enabled is False
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    # A switched-off row is greyed out as a whole.
    assert isinstance(model.index(0, Column.KIND).data(Qt.ItemDataRole.ForegroundRole),
                      QtGui.QBrush)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert bot.steps[0].enabled is True


def test_the_comment_is_editable(qtbot: QtBot, model: StepTableModel) -> None:
    bot = model.bot()
    assert bot is not None
    index = model.index(7, Column.COMMENT)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert index.data(Qt.ItemDataRole.EditRole) == "sparar"
    with qtbot.waitSignals([model.dataChanged, model.edited]):
        assert model.setData(index, "  sparar ärendet  ")
    assert bot.steps[7].comment == "sparar ärendet"
    assert index.data() == "sparar ärendet"


def test_other_columns_are_not_editable(model: StepTableModel) -> None:
    for which in (Column.KIND, Column.VALUE, Column.DESCRIPTION, Column.PICTURE,
                  Column.THINK_TIME):
        assert not model.index(0, which).flags() & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(model.index(0, which), "x")


def test_a_read_only_bot_cannot_be_changed(bot_folder: Path) -> None:
    bot = load_bot(bot_folder)
    model = StepTableModel(bot, bot_folder, read_only=True)
    index = model.index(0, Column.ENABLED)
    assert not index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(0, Column.COMMENT), "ändrad")
    assert bot.steps[0].enabled and bot.steps[0].comment == ""


def test_setting_another_bot_resets_the_table(qtbot: QtBot, model: StepTableModel) -> None:
    with qtbot.waitSignal(model.modelReset):
        model.set_bot(Bot(name="Tom", steps=[WaitStep(seconds=0.25)]))
    assert model.rowCount() == 1
    assert model.index(0, Column.VALUE).data() == "0,25 s"
    model.set_bot(None)
    assert model.rowCount() == 0


def test_the_model_follows_every_edit_of_its_document(qtmodeltester: ModelTester,
                                                      model: StepTableModel) -> None:
    qtmodeltester.check(model)
    document = model.document()
    assert document is not None
    stack = model.undo_stack()
    from app.gui.edit_commands import (
        DuplicateStepsCommand,
        InsertStepsCommand,
        MoveStepsCommand,
        RemoveStepsCommand,
    )
    stack.push(InsertStepsCommand(document, 2, [KeyStep(key="tab")]))
    stack.push(RemoveStepsCommand(document, [0, 5, 6]))
    stack.push(MoveStepsCommand(document, [0, 3], 7))
    stack.push(DuplicateStepsCommand(document, [1, 2]))
    assert model.rowCount() == 11
    while stack.canUndo():
        stack.undo()
    assert [model.step(row).id for row in range(model.rowCount())] == [
        step.id for step in every_kind_of_step().steps]
