"""The library panel, driven as a caseworker uses it: find a bot, make, rename, copy, throw away,
get it back, and hand it to a colleague as one file. In Swedish, as the users see it."""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.model.bot import Bot, ClickStep, Point, Target, WaitStep
from app.core.model.botfile import load_bot, save_bot
from app.core.model.trash import delete_to_trash, list_trash
from app.gui import i18n, library_panel
from app.gui.library_panel import LibraryPanel
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets
from tools.translations import catalogue

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("swedish")]


def png() -> bytes:
    image = QtGui.QImage(40, 20, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor("#1a56b8"))
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def a_bot(folder: Path, name: str, description: str = "") -> Path:
    save_bot(Bot(name=name, description=description, steps=[WaitStep(id="paus")]), folder)
    return folder


def a_bot_with_a_picture(folder: Path, name: str) -> Path:
    bot = Bot(name=name, steps=[ClickStep(id="sok", target=Target(
        anchor="sok.png", anchor_offset=Point(2, 2), absolute=Point(10, 10)))])
    save_bot(bot, folder, {"sok.png": png()})
    return folder


@pytest.fixture
def make_panel(qtbot: QtBot, examples_dir: Path) -> Callable[[], LibraryPanel]:
    def make() -> LibraryPanel:
        panel = LibraryPanel()
        qtbot.addWidget(panel)
        panel.resize(320, 600)
        panel.show()
        qtbot.waitExposed(panel)
        return panel
    return make


def listed(panel: LibraryPanel) -> dict[str, list[str]]:
    """What the list shows, heading by heading, leaving out what the search hides and what a
    folded heading keeps out of sight."""
    groups: dict[str, list[str]] = {}
    for top in range(panel.tree.topLevelItemCount()):
        heading = panel.tree.topLevelItem(top)
        assert heading is not None
        if heading.isHidden():
            continue
        children = [heading.child(row) for row in range(heading.childCount())]
        groups[heading.text(0)] = [child.text(0) for child in children
                                   if child is not None and not child.isHidden()
                                   and heading.isExpanded()]
    return groups


def item_named(panel: LibraryPanel, text: str) -> QtWidgets.QTreeWidgetItem:
    [item] = panel.tree.findItems(text, Qt.MatchFlag.MatchRecursive)
    return item


def click(qtbot: QtBot, panel: LibraryPanel, item: QtWidgets.QTreeWidgetItem) -> None:
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def focus_list(qtbot: QtBot, panel: LibraryPanel) -> None:
    """Put the keyboard focus in the list, as a click in it would."""
    panel.activateWindow()
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)


def answer(panel: LibraryPanel, button_text: str) -> None:
    box = panel.question
    assert box is not None and box.isVisible()
    [button] = [b for b in box.buttons() if b.text() == button_text]
    button.click()


def message(panel: LibraryPanel) -> str:
    box = panel.message_box
    assert box is not None and box.isVisible()
    return box.text()


# ---------------------------------------------------------------- the list


def test_the_groups_are_listed_as_in_the_studio_with_a_broken_bot_and_its_reason(
        make_panel: Callable[[], LibraryPanel], library: Path, examples_dir: Path) -> None:
    a_bot(library / "zeta", "Övertid")
    a_bot(library / "alfa", "Avsluta timanställning")
    broken = library / "trasig"
    broken.mkdir()
    (broken / "bot.json").write_text("{", encoding="utf-8")
    a_bot(examples_dir / "ovning", "Övningsrobot")

    panel = make_panel()

    assert listed(panel) == {
        "Mina robotar": ["Avsluta timanställning", "trasig (kan inte öppnas)", "Övertid"],
        "Exempel": ["Övningsrobot"],
    }
    tip = item_named(panel, "trasig (kan inte öppnas)").toolTip(0)
    assert "Kan inte öppnas: is not valid JSON" in tip
    assert str(broken) in tip


def test_an_empty_library_says_so(make_panel: Callable[[], LibraryPanel]) -> None:
    assert listed(make_panel()) == {"Mina robotar": ["Inga robotar ännu"],
                                    "Exempel": ["Inga exempel"]}


def test_choosing_a_bot_tells_the_studio_and_a_double_click_opens_it(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    with qtbot.waitSignal(panel.bot_chosen) as chosen:
        click(qtbot, panel, item_named(panel, "Ansökan"))
    assert chosen.args == [folder]
    assert panel.current_folder() == folder
    assert panel.current_entry() is not None
    with qtbot.waitSignal(panel.bot_activated) as opened:
        rect = panel.tree.visualItemRect(item_named(panel, "Ansökan"))
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [folder]


def test_select_chooses_a_bot_by_its_folder(make_panel: Callable[[], LibraryPanel],
                                           library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    assert panel.select(folder)
    assert panel.tree.currentItem() is item_named(panel, "Ansökan")
    assert not panel.select(library / "finns-inte")


def test_an_unsaved_bot_is_marked_in_the_list(make_panel: Callable[[], LibraryPanel],
                                              library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.set_dirty(folder, True)
    item = item_named(panel, "Ansökan •")
    assert item.font(0).italic()
    assert "Osparade ändringar" in item.toolTip(0)
    panel.set_dirty(folder, False)
    assert item_named(panel, "Ansökan") is item


def test_the_guard_keeps_a_bot_with_unsaved_edits_until_it_agrees(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    first = a_bot(library / "forsta", "Första")
    second = a_bot(library / "andra", "Andra")
    panel = make_panel()
    panel.select(first)
    panel.set_dirty(first, True)
    asked: list[tuple[Path, str]] = []
    agree = False

    def guard(folder: Path, change: str) -> bool:
        asked.append((folder, change))
        return agree

    panel.set_guard(guard)
    click(qtbot, panel, item_named(panel, "Andra"))
    assert asked == [(first, "leave")]
    assert panel.current_folder() == first
    assert panel.tree.currentItem() is item_named(panel, "Första •")
    agree = True
    with qtbot.waitSignal(panel.bot_chosen):
        click(qtbot, panel, item_named(panel, "Andra"))
    assert panel.current_folder() == second


# ---------------------------------------------------------------- search


def test_search_filters_by_name_and_description_as_a_swedish_reader_expects(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path,
        examples_dir: Path) -> None:
    a_bot(library / "overtid", "Övertid", "Lägger in övertid för timanställda")
    a_bot(library / "avsluta", "Avsluta anställning", "Stänger anställningen i lönesystemet")
    a_bot(examples_dir / "ovning", "Ekonomiskt bistånd")
    panel = make_panel()

    panel.search_edit.setText("ö")
    assert listed(panel) == {"Mina robotar": ["Avsluta anställning", "Övertid"]}
    panel.search_edit.setText("ÖVER")
    assert listed(panel) == {"Mina robotar": ["Övertid"]}
    panel.search_edit.setText("ov")  # å, ä and ö are letters of their own
    assert listed(panel) == {}
    assert panel.no_match_label.isVisible()
    assert panel.no_match_label.text() == "Ingen robot matchar ”ov”."
    panel.search_edit.setText("BISTÅND")
    assert listed(panel) == {"Exempel": ["Ekonomiskt bistånd"]}
    panel.search_edit.clear()
    assert listed(panel)["Mina robotar"] == ["Avsluta anställning", "Övertid"]
    assert not panel.no_match_label.isVisible()


def test_search_finds_deleted_bots_too_and_opens_the_trash_to_show_them(
        make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    delete_to_trash(a_bot(library / "sfi", "Ansökan SFI/Komvux"))
    a_bot(library / "ovrigt", "Övrigt")
    panel = make_panel()
    assert listed(panel)["▸ Papperskorg (1)"] == []
    panel.search_edit.setText("sfi/KOM")
    assert listed(panel) == {"▾ Papperskorg (1)": ["Ansökan SFI/Komvux"]}
    panel.search_edit.clear()
    assert listed(panel)["▸ Papperskorg (1)"] == []


def test_ctrl_f_goes_to_the_search_field(qtbot: QtBot, make_panel: Callable[[], LibraryPanel],
                                         library: Path) -> None:
    a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    focus_list(qtbot, panel)
    qtbot.keyClick(panel.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.search_edit.hasFocus)


# ---------------------------------------------------------------- new, rename, duplicate


def test_a_new_bot_is_made_named_and_chosen(qtbot: QtBot, make_panel: Callable[[], LibraryPanel],
                                            library: Path) -> None:
    panel = make_panel()
    panel.new_action.trigger()
    dialog = panel.name_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button().isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Ny")
    assert dialog.ok_button().isEnabled()
    dialog.name_edit.setText("Frånvaroanmälan")
    with qtbot.waitSignal(panel.bot_created) as created:
        dialog.ok_button().click()
    folder = library / "franvaroanmalan"
    assert created.args == [folder]
    assert load_bot(folder).name == "Frånvaroanmälan"
    assert panel.current_folder() == folder
    assert listed(panel)["Mina robotar"] == ["Frånvaroanmälan"]
    assert panel.notice() == "Gjorde den nya roboten ”Frånvaroanmälan”."


def test_f2_renames_the_bot_and_keeps_its_folder(qtbot: QtBot,
                                                make_panel: Callable[[], LibraryPanel],
                                                library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    focus_list(qtbot, panel)
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    dialog = panel.name_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name() == "Ansökan"
    dialog.name_edit.setText("Ansökan om bistånd")
    with qtbot.waitSignal(panel.bot_renamed) as renamed:
        dialog.ok_button().click()
    assert renamed.args == [folder, "Ansökan om bistånd"]
    assert load_bot(folder).name == "Ansökan om bistånd"
    assert listed(panel)["Mina robotar"] == ["Ansökan om bistånd"]
    assert panel.current_folder() == folder


def test_an_example_cannot_be_renamed_or_deleted_but_can_be_duplicated(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path,
        examples_dir: Path) -> None:
    example = a_bot_with_a_picture(examples_dir / "ovning", "Övning")
    panel = make_panel()
    panel.select(example)
    assert not panel.rename_action.isEnabled()
    assert not panel.delete_action.isEnabled()
    assert panel.duplicate_action.isEnabled()
    with qtbot.waitSignal(panel.bot_created) as created:
        panel.duplicate_action.trigger()
    copy = created.args[0]
    assert copy.parent == library
    assert load_bot(copy).name == "Övning (kopia)"
    assert (copy / "images" / "sok.png").read_bytes() == png()
    assert panel.current_folder() == copy
    assert listed(panel)["Mina robotar"] == ["Övning (kopia)"]


def test_a_bot_with_unsaved_edits_is_renamed_only_when_the_studio_agrees(
        make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.set_dirty(folder, True)
    assert not panel.rename(folder, "Nytt namn")
    assert "har osparade ändringar" in message(panel)
    panel.set_guard(lambda asked, change: change == "rename")
    assert panel.rename(folder, "Nytt namn")
    assert load_bot(folder).name == "Nytt namn"


def test_a_refused_rename_says_what_and_where_and_changes_nothing(
        make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    before = (folder / "bot.json").read_bytes()
    panel = make_panel()
    assert not panel.rename(folder, "x" * 300)
    text = message(panel)
    assert panel.message_box is not None
    assert panel.message_box.windowTitle() == "Roboten kunde inte byta namn"
    assert f"Plats: {folder}" in text
    assert "at most 200" in text and "Ingenting ändrades." in text
    assert "Traceback" not in text
    assert (folder / "bot.json").read_bytes() == before


# ---------------------------------------------------------------- the trash


def test_delete_asks_then_moves_the_bot_to_the_trash_and_restore_brings_it_back(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    a_bot(library / "annan", "Annan")
    panel = make_panel()
    panel.select(folder)
    focus_list(qtbot, panel)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert panel.question is not None
    assert panel.question.text() == "Flytta ”Ansökan” till papperskorgen?"
    deleted: list[Path] = []
    chosen: list[Path | None] = []
    panel.bot_deleted.connect(deleted.append)
    panel.bot_chosen.connect(chosen.append)
    answer(panel, "Flytta till papperskorgen")
    assert (deleted, chosen) == ([folder], [None])
    assert not folder.exists()
    assert panel.current_folder() is None
    assert listed(panel) == {"Mina robotar": ["Annan"], "Exempel": ["Inga exempel"],
                             "▸ Papperskorg (1)": []}
    assert panel.notice() == "Flyttade ”Ansökan” till papperskorgen. Ångra"

    heading = panel._trash_heading()
    assert heading is not None
    click(qtbot, panel, heading)
    assert listed(panel)["▾ Papperskorg (1)"] == ["Ansökan"]
    click(qtbot, panel, item_named(panel, "Ansökan"))
    assert panel.restore_action.isVisible() and panel.restore_action.isEnabled()
    assert not panel.delete_action.isVisible()
    with qtbot.waitSignal(panel.bot_created) as created:
        panel.restore_action.trigger()
    assert created.args == [folder]
    assert load_bot(folder).name == "Ansökan"
    assert panel.current_folder() == folder
    assert listed(panel) == {"Mina robotar": ["Annan", "Ansökan"], "Exempel": ["Inga exempel"]}


def test_undo_at_the_foot_of_the_list_brings_a_deleted_bot_back(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    assert panel.delete(folder)
    assert 'href="undo"' in panel.notice_label.text()
    with qtbot.waitSignal(panel.bot_created):
        panel.notice_label.linkActivated.emit("undo")
    assert load_bot(folder).name == "Ansökan"
    assert panel.current_folder() == folder
    assert list_trash() == []
    assert panel.notice() == "Återställde ”Ansökan” till Mina robotar."


def test_cancelling_a_delete_keeps_the_bot(qtbot: QtBot, make_panel: Callable[[], LibraryPanel],
                                           library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    panel.delete_action.trigger()
    answer(panel, "Avbryt")
    assert (folder / "bot.json").exists()
    assert list_trash() == []


def test_emptying_the_trash_asks_first_and_removes_for_good(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    delete_to_trash(a_bot(library / "ett", "Ett"))
    delete_to_trash(a_bot(library / "tva", "Två"))
    panel = make_panel()
    assert "▸ Papperskorg (2)" in listed(panel)
    panel.empty_trash_action.trigger()
    assert panel.question is not None
    assert panel.question.text() == "Ta bort de 2 robotarna i papperskorgen för gott?"
    answer(panel, "Töm papperskorgen")
    assert list_trash() == []
    assert list(listed(panel)) == ["Mina robotar", "Exempel"]


def test_the_context_menu_offers_what_fits_the_row(
        make_panel: Callable[[], LibraryPanel], library: Path, examples_dir: Path) -> None:
    mine = a_bot(library / "ansokan", "Ansökan")
    example = a_bot(examples_dir / "ovning", "Övning")
    delete_to_trash(a_bot(library / "gammal", "Gammal"))
    panel = make_panel()

    def offered() -> list[str]:
        menu = panel.context_menu()
        texts = [action.text() for action in menu.actions()
                 if not action.isSeparator() and action.isVisible()]
        menu.deleteLater()
        return texts

    panel.select(mine)
    assert offered() == ["Byt namn…", "Duplicera", "Flytta till papperskorgen…",
                         "Exportera robotpaket…", "Ny robot…", "Importera robotpaket…"]
    panel.select(example)
    assert offered() == ["Duplicera", "Exportera robotpaket…", "Ny robot…",
                         "Importera robotpaket…"]
    heading = panel._trash_heading()
    assert heading is not None
    panel.tree.setCurrentItem(heading.child(0))
    assert offered() == ["Återställ", "Töm papperskorgen…"]


# ---------------------------------------------------------------- bundles


def test_export_then_import_gives_the_same_bot_with_its_pictures(
        qtbot: QtBot, make_panel: Callable[[], LibraryPanel], library: Path,
        tmp_path: Path) -> None:
    folder = a_bot_with_a_picture(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    destination = tmp_path / "till-lund"
    panel.choose_export_destination = lambda chosen: destination
    panel.export_action.trigger()
    bundle = tmp_path / "till-lund.zip"
    assert bundle.is_file()
    assert panel.notice() == f"Exporterade ”Ansökan” till {bundle}."

    panel.choose_bundle_to_import = lambda: bundle
    with qtbot.waitSignal(panel.bot_created) as created:
        panel.import_action.trigger()
    imported = created.args[0]
    assert imported != folder and imported.parent == library
    assert load_bot(imported).steps == load_bot(folder).steps
    assert (imported / "images" / "sok.png").read_bytes() == png()
    assert panel.current_folder() == imported
    assert listed(panel)["Mina robotar"] == ["Ansökan", "Ansökan (2)"]
    assert panel.notice() == "Importerade ”Ansökan (2)” till Mina robotar."


def test_a_bundle_that_escapes_its_folder_is_refused_in_swedish_and_nothing_is_added(
        make_panel: Callable[[], LibraryPanel], library: Path, tmp_path: Path) -> None:
    a_bot(library / "ansokan", "Ansökan")
    bundle = tmp_path / "ond.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("bot.json", b"{}")
        archive.writestr("../../.bashrc", b"echo hej")
    panel = make_panel()
    before = sorted(p.name for p in library.iterdir())
    panel.choose_bundle_to_import = lambda: bundle
    panel.import_action.trigger()
    text = message(panel)
    assert text.startswith("Paketet innehåller en fil som skulle hamna utanför robotens egen "
                           "mapp.")
    assert f"Fil: {bundle}" in text
    assert "I paketet: ../../.bashrc" in text
    assert text.endswith("Ingenting lades till i Mina robotar.")
    assert sorted(p.name for p in library.iterdir()) == before
    assert listed(panel)["Mina robotar"] == ["Ansökan"]


def test_cancelling_the_file_choice_does_nothing(make_panel: Callable[[], LibraryPanel],
                                                 library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    panel.choose_bundle_to_import = lambda: None
    panel.choose_export_destination = lambda chosen: None
    panel.import_action.trigger()
    panel.export_action.trigger()
    assert panel.message_box is None
    assert sorted(p.name for p in library.iterdir()) == ["ansokan"]


def test_while_a_robot_runs_the_library_cannot_be_changed(
        make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    folder = a_bot(library / "ansokan", "Ansökan")
    panel = make_panel()
    panel.select(folder)
    panel.set_busy(True)
    assert not panel.tree.isEnabled()
    assert not any(action.isEnabled() for action in (
        panel.new_action, panel.rename_action, panel.delete_action, panel.import_action))
    panel.set_busy(False)
    assert panel.rename_action.isEnabled()


# ---------------------------------------------------------------- language


def texts_of_the_panel() -> set[str]:
    source = Path(library_panel.__file__).read_text(encoding="utf-8")
    return {node.args[0].value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None)
            in ("tr", "translatable") and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)}


@pytest.mark.parametrize("code", ["sv", "da"])
def test_every_text_of_the_panel_is_translated_with_its_placeholders(code: str) -> None:
    translated = catalogue(code)
    texts = texts_of_the_panel()
    assert "Move to trash…" in texts and "My bots" in texts
    assert sorted(texts - set(translated)) == []
    for english in texts:
        assert (set(re.findall(r"\{\w+\}", english))
                == set(re.findall(r"\{\w+\}", translated[english]))), english


def test_no_english_is_left_in_swedish(make_panel: Callable[[], LibraryPanel],
                                       library: Path) -> None:
    delete_to_trash(a_bot(library / "gammal", "Gammal"))
    panel = make_panel()
    swedish = catalogue("sv")
    english = {text for text, translated in swedish.items() if translated != text}
    shown = [action.text() for action in panel.findChildren(QtGui.QAction)]
    shown += [action.toolTip() for action in panel.findChildren(QtGui.QAction)]
    shown += [panel.search_edit.placeholderText(), panel.bundle_button.text(),
              panel.new_action.iconText()]
    assert not [text for text in shown if text in english]


def test_switching_language_changes_the_list_and_the_actions_at_once(
        make_panel: Callable[[], LibraryPanel], library: Path) -> None:
    delete_to_trash(a_bot(library / "gammal", "Gammal"))
    broken = library / "trasig"
    broken.mkdir()
    (broken / "bot.json").write_text("{", encoding="utf-8")
    panel = make_panel()
    i18n.set_language("en")
    panel.retranslate()
    assert listed(panel) == {"My bots": ["trasig (cannot be opened)"],
                             "Examples": ["No examples"], "▸ Trash (1)": []}
    assert panel.delete_action.text() == "Move to trash…"
    assert panel.search_edit.placeholderText() == "Search bots (Ctrl+F)"
    i18n.set_language("sv")
    panel.retranslate()
    assert list(listed(panel)) == ["Mina robotar", "Exempel", "▸ Papperskorg (1)"]
    assert panel.bundle_button.text() == "Robotpaket"
