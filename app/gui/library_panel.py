"""The library on the left of the studio: the user's bots, the examples, other folders, the trash.

A standalone widget over the core's ``library``, ``trash`` and ``bundle`` modules: it lists the
bots in groups (a broken bot stays listed, with its error), filters them as the user types in
the search field, and makes every change a person makes to the library itself: a new bot,
rename, duplicate, delete to the trash and restore, empty the trash, import and export a bundle.
Every change is checked by the core first; a refusal is a message saying what and where, never
a traceback, and nothing on disk changes.

The studio connects to it through signals (``bot_chosen`` when the person picks another bot,
``bot_activated`` on double-click or Enter, ``bot_created``, ``bot_renamed``, ``bot_deleted``)
and tells it what only the studio knows: which bots have unsaved edits (``set_dirty``), and,
through ``set_guard``, whether a bot with unsaved edits may be left, renamed or deleted now
(the studio asks the person to save or discard; the panel only asks the guard).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Literal

from app.core import paths
from app.core.model.bundle import (
    BUNDLE_SUFFIX,
    BundleError,
    BundleProblem,
    bundle_file_name,
    export_bundle,
    import_bundle,
)
from app.core.model.library import (
    MAX_NAME_CHARS,
    BotEntry,
    Group,
    LibraryError,
    duplicate_bot,
    matches_search,
    new_bot,
    read_entry,
    read_library,
    rename_bot,
    text_matches,
)
from app.core.model.trash import TrashItem, delete_to_trash, empty_trash, list_trash, restore
from app.gui.i18n import tr, translatable
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

log = logging.getLogger(__name__)

Heading = Literal["mine", "examples", "other", "trash"]
# What a guard is asked: may the bot be left for another, renamed, or deleted, now?
Change = Literal["leave", "rename", "delete"]
Guard = Callable[[Path, Change], bool]

GROUP_TITLES: dict[Heading, str] = {
    "mine": translatable("My bots"), "examples": translatable("Examples"),
    "other": translatable("Other folders"), "trash": translatable("Trash"),
}
GROUP_EMPTY: dict[Group, str] = {"mine": translatable("No bots yet"),
                                 "examples": translatable("No examples"), "other": ""}
# What each kind of bundle problem means, for a person who did not make the bundle; the
# core's reason follows as the detail.
BUNDLE_PROBLEMS: dict[BundleProblem, str] = {
    "unreadable": translatable(
        "The file cannot be read, or nothing can be written to My bots."),
    "not_zip": translatable(
        "This is not a robot bundle: the file is not a .zip file, or it is damaged."),
    "too_large": translatable(
        "The bundle is far larger than a robot and its pictures can be. It may be harmful "
        "and is not imported."),
    "outside": translatable(
        "The bundle holds a file that would end up outside the robot's own folder. Such a "
        "bundle may be harmful and is never imported."),
    "not_allowed": translatable(
        "The bundle holds something other than a robot and its pictures."),
    "duplicate": translatable("The bundle holds the same file twice."),
    "not_png": translatable("A picture in the bundle is not a PNG picture."),
    "bot": translatable("The robot in the bundle cannot be read."),
    "newer": translatable(
        "The bundle was made by a newer Robotfabrik. Update Robotfabrik and try again."),
    "manifest": translatable(
        "The bundle's description (manifest.json) is not one Robotfabrik wrote."),
}

FOLDER_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
TRASH_ROLE = Qt.ItemDataRole.UserRole + 2
UNSAVED_MARK = " •"


def _icon(name: str) -> QtGui.QIcon:
    return QtGui.QIcon(str(paths.resources_dir() / "icons" / f"{name}.svg"))


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class NameDialog(QtWidgets.QDialog):
    """Asks for a bot's name: for a new bot, or a new name for one."""

    def __init__(self, parent: QtWidgets.QWidget, *, title: str, prompt: str,
                 name: str = "", accept_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        prompt_label = QtWidgets.QLabel(prompt)
        prompt_label.setWordWrap(True)
        self.name_edit = QtWidgets.QLineEdit(name)
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.selectAll()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        ok = self.ok_button()
        ok.setText(accept_text or tr("OK"))
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._name_changed)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(prompt_label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.buttons)
        self._name_changed(name)

    def ok_button(self) -> QtWidgets.QPushButton:
        button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def name(self) -> str:
        return self.name_edit.text()

    def _name_changed(self, text: str) -> None:
        self.ok_button().setEnabled(bool(text.strip()))


class LibraryPanel(QtWidgets.QWidget):
    """The bot library as a list with search, and every change to it. See the module's text."""

    bot_chosen = Signal(object)  # Path | None: the person picked another bot (None: none)
    bot_activated = Signal(object)  # Path: double-click or Enter on a bot
    bot_created = Signal(object)  # Path: a new bot, a copy, an import or a restored bot
    bot_renamed = Signal(object, str)  # Path, the new name: the folder stays the same
    bot_deleted = Signal(object)  # Path: moved to the trash; it is gone from the list

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[Path, BotEntry] = {}
        self._trash: dict[Path, TrashItem] = {}
        self._other_folders: list[Path] = []
        self._dirty: set[Path] = set()
        self._shown: Path | None = None
        self._guard: Guard | None = None
        self._last_deleted: TrashItem | None = None
        self._updating = False
        self._trash_expanded = False
        self.message_box: QtWidgets.QMessageBox | None = None
        self.name_dialog: NameDialog | None = None
        self.question: QtWidgets.QMessageBox | None = None
        # How the panel asks for files; tests and the studio may replace these.
        self.choose_bundle_to_import: Callable[[], Path | None] = self._ask_bundle_to_import
        self.choose_export_destination: Callable[[Path], Path | None] = self._ask_destination
        self._last_bundle_dir = Path.home()

        self._build_actions()
        self._build()
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------ building

    def _build_actions(self) -> None:
        def action(icon_name: str | None, slot: Callable[[], object]) -> QtGui.QAction:
            made = QtGui.QAction(self)
            if icon_name:
                made.setIcon(_icon(icon_name))
            made.triggered.connect(slot)
            return made

        self.new_action = action("new", self.ask_new_bot)
        self.rename_action = action("rename", self.ask_rename)
        self.duplicate_action = action("duplicate", self.duplicate_current)
        self.delete_action = action("delete", self.ask_delete)
        self.restore_action = action("restore", self.restore_current)
        self.empty_trash_action = action(None, self.ask_empty_trash)
        self.import_action = action("import", self.ask_import)
        self.export_action = action("export", self.ask_export)
        self.find_action = action(None, self.focus_search)
        self.find_action.setShortcut(QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Find))
        # The whole window's Ctrl+F, as long as the studio has no other use for it.
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.find_action)

    def _build(self) -> None:
        self.search_edit = QtWidgets.QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_filter)

        self.toolbar = QtWidgets.QToolBar()
        self.toolbar.setIconSize(QtCore.QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (self.new_action, self.duplicate_action, self.rename_action,
                       self.delete_action, self.restore_action):
            self.toolbar.addAction(action)
        for worded in (self.new_action, self.restore_action):
            # What a newcomer needs first, and the one way back from the trash, say their name.
            button = self.toolbar.widgetForAction(worded)
            if isinstance(button, QtWidgets.QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addSeparator()
        # Sharing is rarer: both ways sit behind one button named for what is shared.
        self.bundle_menu = QtWidgets.QMenu(self)
        self.bundle_menu.addAction(self.import_action)
        self.bundle_menu.addAction(self.export_action)
        self.bundle_button = QtWidgets.QToolButton()
        self.bundle_button.setIcon(_icon("export"))
        self.bundle_button.setMenu(self.bundle_menu)
        self.bundle_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bundle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addWidget(self.bundle_button)

        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setIconSize(QtCore.QSize(20, 20))
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumWidth(220)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemExpanded.connect(self._on_folded)
        self.tree.itemCollapsed.connect(self._on_folded)
        # Keys that act on the list only while it has the focus: the step table uses them too.
        for shortcut_action, key in ((self.rename_action, "F2"),
                                     (self.delete_action, QtGui.QKeySequence.StandardKey.Delete)):
            shortcut_action.setShortcut(QtGui.QKeySequence(key))
            shortcut_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(shortcut_action)

        self.no_match_label = QtWidgets.QLabel()
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.no_match_label.hide()
        self.notice_label = QtWidgets.QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.notice_label.linkActivated.connect(self._undo_last_delete)
        self.notice_label.hide()

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.no_match_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notice_label)

    # ------------------------------------------------------------ what the studio calls

    def set_guard(self, guard: Guard | None) -> None:
        """Who decides whether a bot with unsaved edits may be left, renamed or deleted now.

        Called only for a bot marked with ``set_dirty``; without a guard such a bot is never
        renamed or deleted (the person is told to save first) and may always be left.
        """
        self._guard = guard

    def set_dirty(self, folder: Path, dirty: bool) -> None:
        """Mark the bot in ``folder`` as having unsaved edits (or not) in the list."""
        if dirty:
            self._dirty.add(folder)
        else:
            self._dirty.discard(folder)
        item = self._item_for(folder)
        if item is not None and folder in self._entries:
            self._decorate(item, self._entries[folder])

    def set_busy(self, busy: bool) -> None:
        """While a robot runs, the library cannot be changed and no other bot chosen."""
        self.tree.setEnabled(not busy)
        self.toolbar.setEnabled(not busy)
        self._update_actions()

    def current_folder(self) -> Path | None:
        """The folder of the bot the person last chose (shown in the studio), or None."""
        return self._shown

    def current_entry(self) -> BotEntry | None:
        return self._entries.get(self._shown) if self._shown is not None else None

    def entry(self, folder: Path) -> BotEntry | None:
        return self._entries.get(folder)

    def entries(self) -> dict[Path, BotEntry]:
        return dict(self._entries)

    def trash_items(self) -> list[TrashItem]:
        return list(self._trash.values())

    def update_entry(self, entry: BotEntry) -> None:
        """Show ``entry`` (read again by the studio, say after a save) in place of the old one."""
        self._entries[entry.folder] = entry
        item = self._item_for(entry.folder)
        if item is not None:
            self._decorate(item, entry)

    def add_other_folder(self, folder: Path) -> None:
        """List a bot folder from outside the library under Other folders."""
        if folder not in self._other_folders and self.known_folder(folder) is None:
            self._other_folders.append(folder)
            self.refresh()

    def known_folder(self, folder: Path) -> Path | None:
        """The listed folder that is ``folder``, however either was spelled."""
        if folder in self._entries:
            return folder
        wanted = folder.expanduser().resolve()
        return next((known for known in self._entries if known.resolve() == wanted), None)

    def select(self, folder: Path) -> bool:
        """Choose the bot in ``folder`` as if the person clicked it; False if it is not listed
        or the guard kept the current one."""
        known = self.known_folder(folder)
        item = self._item_for(known) if known is not None else None
        if known is None or item is None:
            return False
        if self.tree.currentItem() is item and self._shown == known:
            return True
        self.tree.setCurrentItem(item)
        return self._shown == known

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Read the library and the trash again from disk, keeping the chosen bot if it is
        still there; if it is gone, ``bot_chosen(None)`` says so."""
        groups = read_library(self._other_folders)
        self._entries = {entry.folder: entry for group in groups.values() for entry in group}
        self._trash = {item.entry: item for item in list_trash()}
        self._dirty &= set(self._entries)
        current = self.tree.currentItem()
        trash_selected = current.data(0, TRASH_ROLE) if current is not None else None
        self._updating = True
        try:
            self.tree.clear()
            for group, members in groups.items():
                if group == "other" and not members:
                    continue
                heading = self._heading(group)
                for entry in members:
                    heading.addChild(self._bot_item(entry))
                if not members:
                    empty = QtWidgets.QTreeWidgetItem([tr(GROUP_EMPTY[group])])
                    empty.setFlags(Qt.ItemFlag.NoItemFlags)
                    heading.addChild(empty)
                heading.setExpanded(True)
            if self._trash:
                heading = self._heading("trash")
                for item in self._trash.values():
                    heading.addChild(self._trash_item(item))
                heading.setExpanded(self._trash_expanded)
        finally:
            self._updating = False
        self._restore_current(trash_selected)
        self._apply_filter()
        self._update_actions()

    def retranslate(self) -> None:
        texts: list[tuple[QtGui.QAction, str, str]] = [
            (self.new_action, translatable("New bot…"),
             translatable("Make a new, empty bot in My bots")),
            (self.rename_action, translatable("Rename…"),
             translatable("Give the selected bot another name (F2)")),
            (self.duplicate_action, translatable("Duplicate"),
             translatable("Make a copy of the selected bot, with its pictures, in My bots")),
            (self.delete_action, translatable("Move to trash…"),
             translatable("Move the selected bot to the trash; it can be restored from there "
                          "(Del)")),
            (self.restore_action, translatable("Restore"),
             translatable("Put the selected bot back in My bots")),
            (self.empty_trash_action, translatable("Empty trash…"),
             translatable("Remove the bots in the trash for good")),
            (self.import_action, translatable("Import bundle…"),
             translatable("Add a bot someone sent you as a .zip bundle to My bots")),
            (self.export_action, translatable("Export bundle…"),
             translatable("Save the selected bot with its pictures as one .zip file to send "
                          "to someone")),
            (self.find_action, translatable("Find bot"), ""),
        ]
        for action, text, tip in texts:
            action.setText(tr(text))
            action.setToolTip(tr(tip) if tip else tr(text))
        # The toolbar's button is narrow; the menus say the whole thing.
        self.new_action.setIconText(tr("New"))
        self.search_edit.setPlaceholderText(tr("Search bots (Ctrl+F)"))
        self.bundle_button.setText(tr("Bundles"))
        self.bundle_button.setToolTip(tr("Import a bot someone sent you, or export one to send"))
        self.bundle_menu.setTitle(tr("Bundles"))
        self.toolbar.setWindowTitle(tr("Library"))
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            if heading is None:
                continue
            self._title_heading(heading)
            for row in range(heading.childCount()):
                child = heading.child(row)
                if child is None:
                    continue
                folder = child.data(0, FOLDER_ROLE)
                trashed = child.data(0, TRASH_ROLE)
                group = heading.data(0, GROUP_ROLE)
                if folder is not None and Path(folder) in self._entries:
                    self._decorate(child, self._entries[Path(folder)])
                elif trashed is not None and Path(trashed) in self._trash:
                    self._decorate_trash(child, self._trash[Path(trashed)])
                elif group in GROUP_EMPTY:
                    child.setText(0, tr(GROUP_EMPTY[group]))
        self._apply_filter()

    # ------------------------------------------------------------ the list

    def _heading(self, group: Heading) -> QtWidgets.QTreeWidgetItem:
        heading = QtWidgets.QTreeWidgetItem()
        heading.setData(0, GROUP_ROLE, group)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QtGui.QFont(self.tree.font())
        font.setBold(True)
        heading.setFont(0, font)
        if group == "trash":
            # The only group that folds: what is in it is out of the way until wanted.
            heading.setChildIndicatorPolicy(
                QtWidgets.QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            heading.setIcon(0, _icon("delete"))
        self.tree.addTopLevelItem(heading)
        self._title_heading(heading)
        return heading

    def _title_heading(self, heading: QtWidgets.QTreeWidgetItem) -> None:
        group = heading.data(0, GROUP_ROLE)
        if group == "trash":
            arrow = "▾" if heading.isExpanded() else "▸"
            heading.setText(0, f"{arrow} " + tr("Trash ({count})").format(count=len(self._trash)))
            heading.setToolTip(0, tr("Deleted bots. Click to show or hide them; choose one "
                                     "to restore it."))
        elif group in GROUP_TITLES:
            heading.setText(0, tr(GROUP_TITLES[group]))

    def _bot_item(self, entry: BotEntry) -> QtWidgets.QTreeWidgetItem:
        item = QtWidgets.QTreeWidgetItem()
        item.setData(0, FOLDER_ROLE, str(entry.folder))
        self._decorate(item, entry)
        return item

    def _decorate(self, item: QtWidgets.QTreeWidgetItem, entry: BotEntry) -> None:
        dirty = entry.folder in self._dirty
        item.setText(0, entry.title + (UNSAVED_MARK if dirty else ""))
        font = QtGui.QFont(self.tree.font())
        font.setItalic(dirty)
        item.setFont(0, font)
        folder_line = tr("Folder: {path}").format(path=entry.folder)
        if entry.error is not None:
            item.setText(0, tr("{name} (cannot be opened)").format(name=item.text(0)))
            item.setIcon(0, _icon("warning"))
            cannot = tr("Cannot be opened: {reason}").format(reason=entry.error.reason)
            item.setToolTip(0, f"{cannot}\n{folder_line}")
            return
        item.setIcon(0, _icon("example" if entry.group == "examples" else "bot"))
        # The whole name first: a long one is cut short in a narrow list.
        lines = [entry.title]
        if entry.bot is not None and entry.bot.description:
            lines.append(entry.bot.description)
        if entry.read_only:
            lines.append(tr("Example – read only. Duplicate it to change a copy of your own."))
        if dirty:
            lines.append(tr("Unsaved changes"))
        item.setToolTip(0, "\n".join([*lines, folder_line]))

    def _trash_item(self, trashed: TrashItem) -> QtWidgets.QTreeWidgetItem:
        item = QtWidgets.QTreeWidgetItem()
        item.setData(0, TRASH_ROLE, str(trashed.entry))
        item.setForeground(0, self.palette().brush(QtGui.QPalette.ColorRole.PlaceholderText))
        self._decorate_trash(item, trashed)
        return item

    def _decorate_trash(self, item: QtWidgets.QTreeWidgetItem, trashed: TrashItem) -> None:
        item.setText(0, trashed.name)
        item.setToolTip(0, tr("Deleted {when} from {folder}. Restore puts it back in My bots.")
                        .format(when=_local_time(trashed.deleted_at), folder=trashed.original))

    def _item_for(self, folder: Path | None) -> QtWidgets.QTreeWidgetItem | None:
        if folder is None:
            return None
        for item in self._children():
            if item.data(0, FOLDER_ROLE) == str(folder):
                return item
        return None

    def _children(self) -> list[QtWidgets.QTreeWidgetItem]:
        found: list[QtWidgets.QTreeWidgetItem] = []
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            if heading is not None:
                found.extend(child for row in range(heading.childCount())
                             if (child := heading.child(row)) is not None)
        return found

    def _trash_heading(self) -> QtWidgets.QTreeWidgetItem | None:
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            if heading is not None and heading.data(0, GROUP_ROLE) == "trash":
                return heading
        return None

    def _restore_current(self, trash_selected: str | None) -> None:
        """After the list was rebuilt: the same bot chosen again, or say it is gone."""
        shown = self._shown
        item = self._item_for(shown)
        self._updating = True
        try:
            if item is not None:
                self.tree.setCurrentItem(item)
            elif trash_selected is not None:
                trash_item = next((child for child in self._children()
                                   if child.data(0, TRASH_ROLE) == trash_selected), None)
                if trash_item is not None:
                    self.tree.setCurrentItem(trash_item)
        finally:
            self._updating = False
        if shown is not None and item is None:
            self._shown = None
            self.bot_chosen.emit(None)

    def _current_trash_item(self) -> TrashItem | None:
        item = self.tree.currentItem()
        trashed = item.data(0, TRASH_ROLE) if item is not None else None
        return self._trash.get(Path(trashed)) if trashed is not None else None

    def _selected_entry(self) -> BotEntry | None:
        """The bot whose row is selected (the one a change acts on)."""
        item = self.tree.currentItem()
        folder = item.data(0, FOLDER_ROLE) if item is not None else None
        return self._entries.get(Path(folder)) if folder is not None else None

    def _on_current_item_changed(self, current: QtWidgets.QTreeWidgetItem | None,
                                 previous: QtWidgets.QTreeWidgetItem | None) -> None:
        if self._updating:
            return
        self._update_actions()
        folder = current.data(0, FOLDER_ROLE) if current is not None else None
        if folder is None or Path(folder) == self._shown:
            # A heading, an empty group's line or the trash: the studio keeps its bot.
            return
        if self._shown is not None and not self._may(self._shown, "leave"):
            back = self._item_for(self._shown) or previous
            if back is not None:
                self._updating = True
                try:
                    self.tree.setCurrentItem(back)
                finally:
                    self._updating = False
            self._update_actions()
            return
        self._shown = Path(folder)
        self.bot_chosen.emit(self._shown)

    def _on_item_activated(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        folder = item.data(0, FOLDER_ROLE)
        if folder is not None and Path(folder) == self._shown:
            self.bot_activated.emit(Path(folder))

    def _on_item_clicked(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        if item.data(0, GROUP_ROLE) == "trash":
            item.setExpanded(not item.isExpanded())

    def _on_folded(self, item: QtWidgets.QTreeWidgetItem) -> None:
        group = item.data(0, GROUP_ROLE)
        if group == "trash":
            # Remembered when the person folds it (by click or arrow keys), not when a search
            # opens it to show what it found.
            if not self._updating and not self.search_edit.text().strip():
                self._trash_expanded = item.isExpanded()
            self._title_heading(item)
        elif group is not None and not item.isExpanded():
            # Group rows are headings, not places to go; only the trash folds away.
            item.setExpanded(True)

    def _apply_filter(self) -> None:
        query = self.search_edit.text()
        searching = bool(query.strip())
        matches = 0
        for top in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(top)
            if heading is None:
                continue
            visible = 0
            for row in range(heading.childCount()):
                child = heading.child(row)
                if child is None:
                    continue
                shown = self._matches(child, query) if searching else True
                child.setHidden(not shown)
                if shown and child.flags() != Qt.ItemFlag.NoItemFlags:
                    visible += 1
            matches += visible
            heading.setHidden(searching and not visible)
            if searching and visible and heading.data(0, GROUP_ROLE) == "trash":
                heading.setExpanded(True)
            elif heading.data(0, GROUP_ROLE) == "trash":
                heading.setExpanded(self._trash_expanded)
            self._title_heading(heading)
        self.no_match_label.setText(tr("No bot matches “{text}”.").format(text=query.strip()))
        self.no_match_label.setVisible(searching and not matches)

    def _matches(self, item: QtWidgets.QTreeWidgetItem, query: str) -> bool:
        folder = item.data(0, FOLDER_ROLE)
        if folder is not None and Path(folder) in self._entries:
            return matches_search(self._entries[Path(folder)], query)
        trashed = item.data(0, TRASH_ROLE)
        if trashed is not None and Path(trashed) in self._trash:
            return text_matches([self._trash[Path(trashed)].name], query)
        return False

    def _update_actions(self) -> None:
        entry = self._selected_entry()
        trashed = self._current_trash_item()
        usable = self.tree.isEnabled()
        changeable = usable and entry is not None and not entry.read_only
        self.new_action.setEnabled(usable)
        self.import_action.setEnabled(usable)
        self.rename_action.setEnabled(changeable and entry is not None and entry.bot is not None)
        self.delete_action.setEnabled(changeable and entry is not None and entry.group == "mine")
        self.duplicate_action.setEnabled(usable and entry is not None and entry.bot is not None)
        self.export_action.setEnabled(usable and entry is not None and entry.bot is not None)
        self.restore_action.setEnabled(usable and trashed is not None)
        self.empty_trash_action.setEnabled(usable and bool(self._trash))
        # A deleted bot can only be restored; a listed one never needs restoring.
        self.restore_action.setVisible(trashed is not None)
        for bot_action in (self.duplicate_action, self.rename_action, self.delete_action):
            bot_action.setVisible(trashed is None)

    def _show_context_menu(self, position: QtCore.QPoint) -> None:
        item = self.tree.itemAt(position)
        if item is not None and item is not self.tree.currentItem() and (
                item.data(0, FOLDER_ROLE) is not None or item.data(0, TRASH_ROLE) is not None
                or item.data(0, GROUP_ROLE) == "trash"):
            self.tree.setCurrentItem(item)
        menu = self.context_menu()
        menu.popup(self.tree.viewport().mapToGlobal(position))

    def context_menu(self) -> QtWidgets.QMenu:
        """The menu for the selected row: what can be done with it, and nothing else."""
        menu = QtWidgets.QMenu(self)
        current = self.tree.currentItem()
        on_trash_heading = current is not None and current.data(0, GROUP_ROLE) == "trash"
        if self._current_trash_item() is not None or on_trash_heading:
            menu.addAction(self.restore_action)
            menu.addSeparator()
            menu.addAction(self.empty_trash_action)
            return menu
        if self._selected_entry() is not None:
            for action in (self.rename_action, self.duplicate_action, self.delete_action):
                if action.isEnabled():
                    menu.addAction(action)
            menu.addSeparator()
            if self.export_action.isEnabled():
                menu.addAction(self.export_action)
            menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.import_action)
        return menu

    # ------------------------------------------------------------ changes

    def _may(self, folder: Path, change: Change) -> bool:
        if folder not in self._dirty:
            return True
        if self._guard is not None:
            return self._guard(folder, change)
        if change == "leave":
            return True
        self.show_message(QtWidgets.QMessageBox.Icon.Information, tr("Unsaved changes"),
                          tr("“{name}” has unsaved changes. Save or undo them first.")
                          .format(name=self._title(folder)))
        return False

    def _title(self, folder: Path) -> str:
        entry = self._entries.get(folder)
        return entry.title if entry is not None else folder.name

    def _notice(self, text: str, undo: TrashItem | None = None) -> None:
        """Say at the foot of the list what the last change did, with a way to undo a delete."""
        self._last_deleted = undo
        shown = html.escape(text)
        if undo is not None:
            undo_text = tr("Undo")
            shown += f' <a href="undo">{html.escape(undo_text)}</a>'
        self.notice_label.setText(shown)
        self.notice_label.setVisible(bool(text))

    def notice(self) -> str:
        """What the foot of the list says now, as plain text."""
        return self.notice_label.text() and QtGui.QTextDocumentFragment.fromHtml(
            self.notice_label.text()).toPlainText()

    def _undo_last_delete(self, _link: str = "") -> None:
        if self._last_deleted is not None:
            self.restore(self._last_deleted)

    def _refused(self, title: str, error: LibraryError | BundleError, outcome: str) -> None:
        log.info("%s: %s", title, error)
        lines = []
        if isinstance(error, BundleError):
            lines.append(tr(BUNDLE_PROBLEMS[error.problem]) + "\n")
            lines.append(tr("File: {path}").format(path=error.path))
            if error.entry is not None:
                lines.append(tr("In the bundle: {entry}").format(entry=error.entry))
            lines.append(tr("Details: {reason}").format(reason=error.reason))
        else:
            lines.append(tr("Where: {path}").format(path=error.path))
            lines.append(tr("Problem: {reason}").format(reason=error.reason))
        self.show_message(QtWidgets.QMessageBox.Icon.Warning, title,
                          "\n".join(lines) + "\n\n" + outcome)

    def _after_new_folder(self, folder: Path, notice: str) -> None:
        """List and choose a bot that just appeared; ``notice`` may name it as ``{name}``."""
        self.refresh()
        self.bot_created.emit(folder)
        self.select(folder)
        notice = notice.format(name=self._title(folder))
        self._notice(notice)

    def ask_new_bot(self) -> None:
        self._open_name_dialog(NameDialog(
            self, title=tr("New bot"), prompt=tr("What is the new bot called? For example "
                                                 "“Frånvaroanmälan timanställda”."),
            accept_text=tr("Create")), self.create_bot)

    def create_bot(self, name: str) -> Path | None:
        """Make a new, empty bot called ``name`` and choose it; None (and a message) if not."""
        try:
            folder = new_bot(name)
        except LibraryError as error:
            self._refused(tr("The bot could not be made"), error, tr("Nothing was changed."))
            return None
        self._after_new_folder(folder, tr("Made the new bot “{name}”."))
        return folder

    def ask_rename(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.bot is None or entry.read_only:
            return
        folder = entry.folder
        self._open_name_dialog(NameDialog(
            self, title=tr("Rename bot"), prompt=tr("New name for “{name}”:").format(
                name=entry.title), name=entry.title, accept_text=tr("Rename")),
            lambda name: self.rename(folder, name))

    def rename(self, folder: Path, name: str) -> bool:
        """Give the bot in ``folder`` a new name; False (and a message) if it was not renamed."""
        if not self._may(folder, "rename"):
            return False
        try:
            bot = rename_bot(folder, name)
        except LibraryError as error:
            self._refused(tr("The bot could not be renamed"), error, tr("Nothing was changed."))
            return False
        self.bot_renamed.emit(folder, bot.name)
        # Read again rather than patched: the new name may belong elsewhere in the order.
        self.refresh()
        self._notice("")
        return True

    def duplicate_current(self) -> Path | None:
        entry = self._selected_entry()
        return self.duplicate(entry.folder) if entry is not None else None

    def duplicate(self, folder: Path) -> Path | None:
        """A copy of the bot in ``folder`` in My bots, chosen; None (and a message) if not."""
        try:
            copy = duplicate_bot(folder, tr("{name} (copy)"), tr("{name} (copy {number})"))
        except LibraryError as error:
            self._refused(tr("The bot could not be copied"), error, tr("Nothing was changed."))
            return None
        self._after_new_folder(copy, tr("Made a copy in My bots: “{name}”."))
        return copy

    def ask_delete(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.group != "mine":
            return
        folder = entry.folder
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question, tr("Move to trash"),
            tr("Move “{name}” to the trash?").format(name=entry.title),
            buttons.Yes | buttons.Cancel, self)
        box.setInformativeText(tr("You can restore it from the trash at the bottom of the list "
                                  "until the trash is emptied."))
        yes = box.button(buttons.Yes)
        if yes is not None:
            yes.setText(tr("Move to trash"))
        cancel = box.button(buttons.Cancel)
        if cancel is not None:
            cancel.setText(tr("Cancel"))
        box.setDefaultButton(buttons.Cancel)
        box.buttonClicked.connect(lambda button: button is yes and self.delete(folder))
        self._open_question(box)

    def delete(self, folder: Path) -> bool:
        """Move the bot in ``folder`` to the trash; False (and a message) if it stays."""
        if not self._may(folder, "delete"):
            return False
        title = self._title(folder)
        try:
            trashed = delete_to_trash(folder)
        except LibraryError as error:
            self._refused(tr("The bot could not be moved to the trash"), error,
                          tr("Nothing was changed."))
            return False
        self._dirty.discard(folder)
        self.bot_deleted.emit(folder)
        self.refresh()
        self._notice(tr("Moved “{name}” to the trash.").format(name=title), undo=trashed)
        return True

    def restore_current(self) -> Path | None:
        trashed = self._current_trash_item()
        return self.restore(trashed) if trashed is not None else None

    def restore(self, trashed: TrashItem) -> Path | None:
        """Put a deleted bot back in My bots and choose it; None (and a message) if not."""
        try:
            folder = restore(trashed)
        except LibraryError as error:
            self._refused(tr("The bot could not be restored"), error, tr("Nothing was changed."))
            self.refresh()
            return None
        self._after_new_folder(folder, tr("Restored “{name}” to My bots."))
        return folder

    def ask_empty_trash(self) -> None:
        if not self._trash:
            return
        buttons = QtWidgets.QMessageBox.StandardButton
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning, tr("Empty trash"),
            tr("Remove the {count} bots in the trash for good?").format(count=len(self._trash))
            if len(self._trash) != 1 else
            tr("Remove the bot in the trash for good?"),
            buttons.Yes | buttons.Cancel, self)
        box.setInformativeText(tr("They cannot be restored afterwards."))
        yes = box.button(buttons.Yes)
        if yes is not None:
            yes.setText(tr("Empty trash"))
        cancel = box.button(buttons.Cancel)
        if cancel is not None:
            cancel.setText(tr("Cancel"))
        box.setDefaultButton(buttons.Cancel)
        box.buttonClicked.connect(lambda button: button is yes and self.empty_trash())
        self._open_question(box)

    def empty_trash(self) -> bool:
        try:
            empty_trash()
        except LibraryError as error:
            self._refused(tr("The trash could not be emptied"), error,
                          tr("What could be removed is gone; the rest is still in the trash."))
            self.refresh()
            return False
        self.refresh()
        self._notice(tr("The trash is empty."))
        return True

    def ask_import(self) -> None:
        chosen = self.choose_bundle_to_import()
        if chosen is not None:
            self.import_bundle(chosen)

    def import_bundle(self, bundle: Path) -> Path | None:
        """Add the bot in ``bundle`` to My bots and choose it; None (and a message) if not."""
        self._last_bundle_dir = bundle.parent
        try:
            folder = import_bundle(bundle)
        except BundleError as error:
            self._refused(tr("The bundle could not be imported"), error,
                          tr("Nothing was added to My bots."))
            return None
        self._after_new_folder(folder, tr("Imported “{name}” into My bots."))
        return folder

    def ask_export(self) -> None:
        entry = self._selected_entry()
        if entry is None or entry.bot is None:
            return
        destination = self.choose_export_destination(entry.folder)
        if destination is not None:
            self.export(entry.folder, destination)

    def export(self, folder: Path, destination: Path) -> Path | None:
        """Save the bot in ``folder`` as a bundle at ``destination``; None (and a message) if
        not. Unsaved edits in the studio are not in it: the bundle is the saved bot."""
        if destination.suffix.lower() != BUNDLE_SUFFIX:
            destination = destination.with_name(destination.name + BUNDLE_SUFFIX)
        self._last_bundle_dir = destination.parent
        try:
            written = export_bundle(folder, destination)
        except BundleError as error:
            self._refused(tr("The bot could not be exported"), error,
                          tr("No bundle was written."))
            return None
        unsaved = (" " + tr("Unsaved changes are not in it.")) if folder in self._dirty else ""
        self._notice(tr("Exported “{name}” to {path}.").format(
            name=self._title(folder), path=written) + unsaved)
        return written

    # ------------------------------------------------------------ dialogs

    def _ask_bundle_to_import(self) -> Path | None:
        chosen, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, tr("Import bundle"), str(self._last_bundle_dir),
            tr("Robot bundles (*.zip)"))
        return Path(chosen) if chosen else None

    def _ask_destination(self, folder: Path) -> Path | None:
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, tr("Export bundle"), str(self._last_bundle_dir / bundle_file_name(folder)),
            tr("Robot bundles (*.zip)"))
        return Path(chosen) if chosen else None

    def _open_name_dialog(self, dialog: NameDialog, then: Callable[[str], object]) -> None:
        if self.name_dialog is not None:
            self.name_dialog.deleteLater()
        self.name_dialog = dialog
        dialog.accepted.connect(lambda: then(dialog.name()))
        dialog.open()

    def _open_question(self, box: QtWidgets.QMessageBox) -> None:
        # Opened, not exec'd: the window keeps working and tests can answer it.
        if self.question is not None:
            self.question.deleteLater()
        self.question = box
        box.open()

    def show_message(self, kind: QtWidgets.QMessageBox.Icon, title: str, text: str) -> None:
        if self.message_box is not None:
            self.message_box.deleteLater()
        box = QtWidgets.QMessageBox(kind, title, text, QtWidgets.QMessageBox.StandardButton.Ok,
                                    self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.message_box = box
        box.open()

    def read_again(self, folder: Path) -> BotEntry | None:
        """The entry for ``folder`` read again from disk (as the studio does when showing it)."""
        entry = self._entries.get(folder)
        if entry is None:
            return None
        fresh = read_entry(folder, entry.group)
        self.update_entry(fresh)
        return fresh
