"""The practice system's window: log in, search an applicant, fill in an application, save.

It is built to look and behave like a plain line-of-business system so that what a robot learns
here carries over to the real one, and to stay put pixel for pixel so that end-to-end tests can
click on computed points. Everything a robot may touch has a stable ``objectName`` and a Swedish
accessible name.
"""

from __future__ import annotations

import enum
import itertools
import random
from collections.abc import Callable, Collection

from app.gui.qt import Qt, QtCore, QtGui, QtWidgets

from .cases import Case, CaseStore, now_iso
from .config import SandboxConfig
from .rules import (
    ATTACHMENT_TYPES,
    CATEGORIES,
    DEFAULT_PRIORITY,
    PRIORITY_WORDS,
    InvalidInputError,
    check_municipality,
    check_name,
    lookup_person,
    normalise_amount,
    parse_personnummer,
    priority_word,
)

SYSTEM_NAME = "Socialsystemet"
MODULE_NAME = "Ekonomiskt bistånd"
CONFIRMATION_TITLE = "Ärendet är sparat"
CONFIRMATION_SIZE = (380, 128)
_FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Arial"]
_FONT_POINT_SIZE = 9
_HEADER_COLOUR = "#234e74"
_ERROR_COLOUR = "#b3261e"
_INVALID_BASE = QtGui.QColor("#fbe9e7")
_READ_ONLY_BASE = QtGui.QColor("#ececec")
_FIELD_WIDTHS = {"short": 150, "medium": 240, "long": 340}
# The column beside the application fields. It fills space that was empty before it existed,
# so the fields, the buttons and the pictures a recorded bot looks for stay where they were.
_SIDE_COLUMN_WIDTH = 256
_ATTACHMENT_ROWS_SHOWN = 5
# Qt's rows are as tall as the text; a little air makes a row easy to hit with the mouse.
_ATTACHMENT_ROW_PADDING = 6
SAVE_SHORTCUT = "Ctrl+S"

_STYLE_SHEET = f"""
QFrame#header {{ background: {_HEADER_COLOUR}; }}
QFrame#header QLabel {{ color: white; }}
QLabel#system_name {{ font-size: 13pt; font-weight: bold; }}
QLabel#module_name {{ font-size: 10pt; color: #d6e4f0; }}
QFrame#header QLabel#environment_badge {{
    background: #f0b429; color: #1f1f1f; padding: 2px 8px; font-weight: bold;
}}
QLabel#status_user, QLabel#status_environment {{ padding: 0px 8px; }}
QLabel[role="heading"] {{ font-size: 12pt; font-weight: bold; color: {_HEADER_COLOUR}; }}
QLabel[role="message"] {{ color: {_ERROR_COLOUR}; }}
QLabel[role="hint"] {{ color: #555555; }}
"""


class Screen(enum.StrEnum):
    LOGIN = "login"
    SEARCH = "search"
    FORM = "form"
    BUSY = "busy"


SCREEN_TITLES: dict[Screen, str] = {
    Screen.LOGIN: "Inloggning",
    Screen.SEARCH: "Sök sökande",
    Screen.FORM: "Ansökan",
    Screen.BUSY: "Laddar…",
}


def window_title(screen: Screen) -> str:
    """The title a robot looks for, e.g. "Socialsystemet – Sök sökande"."""
    return f"{SYSTEM_NAME} – {SCREEN_TITLES[screen]}"


def sandbox_font() -> QtGui.QFont:
    # An explicit font makes the offscreen layout map and the real window on Xvfb agree.
    font = QtGui.QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setPointSize(_FONT_POINT_SIZE)
    return font


def _name(widget: QtWidgets.QWidget, object_name: str, accessible: str) -> None:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)


def _heading(text: str, object_name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName(object_name)
    label.setProperty("role", "heading")
    return label


class _MessageLabel(QtWidgets.QLabel):
    """An inline error line whose height is reserved even when empty.

    If it collapsed, the widgets under it would move when a message appears, and a robot that
    clicks on recorded points would miss them.
    """

    def __init__(self, object_name: str, lines: int = 2) -> None:
        super().__init__()
        _name(self, object_name, "Meddelande")
        self.setProperty("role", "message")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)

    def show_message(self, text: str, *, error: bool = True) -> None:
        role = "message" if error else "hint"
        if self.property("role") != role:
            self.setProperty("role", role)
            # Style sheets read dynamic properties only when the widget is polished again.
            self.style().unpolish(self)
            self.style().polish(self)
        self.setText(text)

    def clear_message(self) -> None:
        self.clear()


def _mark_invalid(widget: QtWidgets.QWidget, invalid: bool) -> None:
    # A palette change keeps Fusion's own frame; a style sheet border would restyle the field.
    palette = widget.palette()
    normal = QtWidgets.QApplication.palette(widget)
    role = QtGui.QPalette.ColorRole.Base
    palette.setColor(role, _INVALID_BASE if invalid else normal.color(role))
    widget.setPalette(palette)


def _button(text: str, object_name: str, accessible: str) -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton(text)
    _name(button, object_name, accessible)
    # Outside a QDialog, Enter on a focused button does nothing unless it is auto-default;
    # keyboard users and robots expect Enter to press the button that has focus.
    button.setAutoDefault(True)
    button.setMinimumWidth(96)
    return button


def _form_layout() -> QtWidgets.QFormLayout:
    layout = QtWidgets.QFormLayout()
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    layout.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    layout.setHorizontalSpacing(12)
    layout.setVerticalSpacing(8)
    layout.setContentsMargins(12, 10, 12, 12)
    return layout


def _add_row(
    layout: QtWidgets.QFormLayout, text: str, field: QtWidgets.QWidget, label_width: int
) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setBuddy(field)
    # One width for every label on a page keeps the fields of separate group boxes in a column.
    label.setFixedWidth(label_width)
    layout.addRow(label, field)
    return label


def _label_width(widget: QtWidgets.QWidget, texts: list[str]) -> int:
    metrics = QtGui.QFontMetrics(widget.font())
    return max(metrics.horizontalAdvance(text.replace("&", "")) for text in texts) + 8


_AnyIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex


class _RowToggleDelegate(QtWidgets.QStyledItemDelegate):
    """Lets one click anywhere on a row tick or untick it, not only on the small box.

    Qt toggles a checkable item only when the click lands on its check box; case systems (and
    the robots trained on them) expect a click on the document's name to work too. The
    release of a left click on the row, and a double click, each toggle it once, so two quick
    clicks leave it as it was; Space still toggles the current row from the keyboard.
    """

    def __init__(self, rows: QtWidgets.QListWidget) -> None:
        super().__init__(rows)
        self._rows = rows

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QtWidgets.QStyleOptionViewItem, index: _AnyIndex
    ) -> QtCore.QSize:
        size = super().sizeHint(option, index)
        return QtCore.QSize(size.width(), size.height() + _ATTACHMENT_ROW_PADDING)

    def editorEvent(  # noqa: N802 (Qt's name)
        self,
        event: QtCore.QEvent,
        model: QtCore.QAbstractItemModel,
        option: QtWidgets.QStyleOptionViewItem,
        index: _AnyIndex,
    ) -> bool:
        toggles = (QtCore.QEvent.Type.MouseButtonRelease, QtCore.QEvent.Type.MouseButtonDblClick)
        if (
            isinstance(event, QtGui.QMouseEvent)
            and event.type() in toggles
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())
        ):
            item = self._rows.itemFromIndex(index)
            flags = item.flags() if item is not None else Qt.ItemFlag.NoItemFlags
            if item is None or not (
                flags & Qt.ItemFlag.ItemIsUserCheckable and flags & Qt.ItemFlag.ItemIsEnabled
            ):
                return False
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return True
        return super().editorEvent(event, model, option, index)


class AttachmentList(QtWidgets.QListWidget):
    """"Bifogade handlingar": a list of document types with a check box each.

    It shows a few rows at a time, so the last ones are reached with the mouse wheel or the
    arrow keys, as in the real systems. A click on a row (box or text) or Space on the current
    row ticks or unticks it.
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        _name(self, "attachments", "Bifogade handlingar")
        self.setItemDelegate(_RowToggleDelegate(self))
        # Ticking is the only thing a row does; a selection colour would hide the box's state.
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setUniformItemSizes(True)
        for text in ATTACHMENT_TYPES:
            item = QtWidgets.QListWidgetItem(text)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)

    def fit_rows(self, rows: int) -> None:
        """Make the list exactly ``rows`` rows tall, so no row is cut in half at the top."""
        self.ensurePolished()
        row_height = self.sizeHintForRow(0)
        self.setFixedHeight(row_height * rows + 2 * self.frameWidth())

    def checked(self) -> list[str]:
        """The ticked document types in list order."""
        return [
            item.text()
            for item in (self.item(row) for row in range(self.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, texts: list[str]) -> None:
        wanted = set(texts)
        for row in range(self.count()):
            item = self.item(row)
            if item is not None:
                item.setCheckState(
                    Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
                )

    def reset(self) -> None:
        self.set_checked([])
        self.setCurrentRow(-1)
        self.scrollToTop()


class _Page(QtWidgets.QWidget):
    """A screen of the stack; it knows which widget a caseworker starts typing in."""

    def first_field(self) -> QtWidgets.QWidget:
        return self


class LoginPage(_Page):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_page")
        self.username = QtWidgets.QLineEdit()
        _name(self.username, "username", "Användarnamn")
        self.username.setMaxLength(64)
        self.password = QtWidgets.QLineEdit()
        _name(self.password, "password", "Lösenord")
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        self.login = _button("Logga &in", "login", "Logga in")
        self.login.setDefault(True)
        self.message = _MessageLabel("login_message")

        box = QtWidgets.QGroupBox("Logga in")
        box.setObjectName("login_box")
        box.setFixedWidth(420)
        intro = QtWidgets.QLabel(
            "Logga in med ditt användarnamn och lösenord i kommunens nätverk."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        labels = ["&Användarnamn:", "&Lösenord:"]
        width = _label_width(self, labels)
        form = _form_layout()
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in zip(labels, (self.username, self.password), strict=True):
            field.setFixedWidth(230)
            _add_row(form, text, field, width)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login)
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(16, 14, 16, 12)
        inner.setSpacing(10)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)

        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.addWidget(_heading("Välkommen till Socialsystemet", "login_heading"))
        outer.addSpacing(60)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        notice = QtWidgets.QLabel(
            "Systemet får endast användas i tjänsten. All användning loggas."
        )
        notice.setProperty("role", "hint")
        notice.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(notice)

        QtWidgets.QWidget.setTabOrder(self.username, self.password)
        QtWidgets.QWidget.setTabOrder(self.password, self.login)

    def first_field(self) -> QtWidgets.QWidget:
        return self.username

    def reset(self) -> None:
        self.username.clear()
        self.password.clear()
        self.message.clear_message()


class SearchPage(_Page):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_page")
        self.personnummer = QtWidgets.QLineEdit()
        _name(self.personnummer, "personnummer_search", "Personnummer")
        self.personnummer.setPlaceholderText("ÅÅÅÅMMDD-NNNN")
        self.personnummer.setMaxLength(20)
        self.personnummer.setFixedWidth(_FIELD_WIDTHS["medium"] - 40)
        self.search = _button("&Sök", "search", "Sök")
        self.message = _MessageLabel("search_message", lines=1)

        box = QtWidgets.QGroupBox("Sök på personnummer")
        box.setObjectName("search_box")
        labels = ["&Personnummer:"]
        width = _label_width(self, labels)
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(12)
        label = QtWidgets.QLabel(labels[0])
        label.setBuddy(self.personnummer)
        label.setFixedWidth(width)
        row.addWidget(label)
        row.addWidget(self.personnummer)
        row.addWidget(self.search)
        row.addStretch(1)
        hint = QtWidgets.QLabel(
            "Ange sökandens personnummer. Finns personen i folkbokföringen hämtas namnet."
        )
        hint.setProperty("role", "hint")
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(12, 12, 12, 8)
        inner.setSpacing(6)
        inner.addLayout(row)
        inner.addWidget(hint)
        inner.addWidget(self.message)

        self.recent = QtWidgets.QTableWidget(0, 5)
        _name(self.recent, "recent_cases", "Ärenden sparade under passet")
        self.recent.setHorizontalHeaderLabels(
            ["Ärende", "Personnummer", "Namn", "Kategori", "Belopp (kr)"]
        )
        self.recent.verticalHeader().setVisible(False)
        self.recent.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.recent.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        # The list is for reading; keeping it out of the Tab chain means Tab from "Sök" goes
        # where a caseworker expects (the header), not into a table.
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.recent.horizontalHeader()
        # The name column takes what is left, so no window size needs a horizontal scrollbar.
        header.setStretchLastSection(False)
        for column, width_px in enumerate((120, 130, 0, 130, 110)):
            if width_px:
                self.recent.setColumnWidth(column, width_px)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.Stretch)
        recent_box = QtWidgets.QGroupBox("Ärenden sparade under passet")
        recent_box.setObjectName("recent_box")
        recent_layout = QtWidgets.QVBoxLayout(recent_box)
        recent_layout.setContentsMargins(12, 10, 12, 12)
        recent_layout.addWidget(self.recent)

        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(12)
        outer.addWidget(_heading("Sök sökande", "search_heading"))
        outer.addWidget(box)
        outer.addWidget(recent_box, 1)

        QtWidgets.QWidget.setTabOrder(self.personnummer, self.search)

    def first_field(self) -> QtWidgets.QWidget:
        return self.personnummer

    def reset(self) -> None:
        self.personnummer.clear()
        self.message.clear_message()
        _mark_invalid(self.personnummer, False)

    def add_recent(self, case: Case) -> None:
        row = self.recent.rowCount()
        self.recent.insertRow(row)
        values = (case.case_number, case.personnummer, case.name, case.category, case.amount)
        for column, value in enumerate(values):
            item = QtWidgets.QTableWidgetItem(value)
            if column == len(values) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.recent.setItem(row, column, item)

    def clear_recent(self) -> None:
        self.recent.setRowCount(0)


class FormPage(_Page):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_page")
        self.personnummer = QtWidgets.QLineEdit()
        _name(self.personnummer, "personnummer", "Personnummer")
        self.personnummer.setReadOnly(True)
        # Read-only and outside the Tab chain, but still clickable so the number can be copied.
        self.personnummer.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        palette = self.personnummer.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Base, _READ_ONLY_BASE)
        self.personnummer.setPalette(palette)
        self.name = QtWidgets.QLineEdit()
        _name(self.name, "name", "Namn")
        self.name.setMaxLength(100)
        self.amount = QtWidgets.QLineEdit()
        _name(self.amount, "amount", "Belopp i kronor")
        self.amount.setMaxLength(16)
        self.category = QtWidgets.QComboBox()
        _name(self.category, "category", "Kategori")
        self.category.addItems(list(CATEGORIES))
        self.category.setPlaceholderText("– Välj kategori –")
        self.category.setCurrentIndex(-1)
        self.home_municipality = QtWidgets.QLineEdit()
        _name(self.home_municipality, "home_municipality", "Hemkommun")
        self.home_municipality.setMaxLength(60)
        self.free_text = QtWidgets.QPlainTextEdit()
        _name(self.free_text, "free_text", "Fritext")
        self.free_text.setTabChangesFocus(True)
        self.attachments = AttachmentList()
        self.priority = QtWidgets.QSlider(Qt.Orientation.Horizontal)
        _name(self.priority, "priority", "Prioritet")
        self.priority.setRange(min(PRIORITY_WORDS), max(PRIORITY_WORDS))
        self.priority.setSingleStep(1)
        self.priority.setPageStep(1)
        self.priority.setTickInterval(1)
        self.priority.setTickPosition(QtWidgets.QSlider.TickPosition.TicksBelow)
        self.priority.setValue(DEFAULT_PRIORITY)
        self.priority_word = QtWidgets.QLabel(priority_word(DEFAULT_PRIORITY))
        _name(self.priority_word, "priority_word", "Prioritet i ord")
        self.priority_word.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.priority.valueChanged.connect(
            lambda value: self.priority_word.setText(priority_word(value))
        )
        self.save = _button("&Spara", "save", "Spara")
        self.save.setToolTip(f"Spara ({SAVE_SHORTCUT})")
        self.cancel = _button("&Avbryt", "cancel", "Avbryt")
        self.message = _MessageLabel("form_message")

        self.personnummer.setFixedWidth(_FIELD_WIDTHS["short"])
        self.name.setFixedWidth(_FIELD_WIDTHS["long"])
        self.amount.setFixedWidth(_FIELD_WIDTHS["short"])
        self.category.setFixedWidth(_FIELD_WIDTHS["medium"])
        self.home_municipality.setFixedWidth(_FIELD_WIDTHS["medium"])
        self.free_text.setFixedSize(520, 96)
        self.attachments.setFixedWidth(_SIDE_COLUMN_WIDTH)
        self.attachments.fit_rows(_ATTACHMENT_ROWS_SHOWN)
        self.priority.setFixedWidth(_SIDE_COLUMN_WIDTH)

        labels = ["Personnummer:", "&Namn:", "&Belopp (kr):", "&Kategori:", "&Hemkommun:",
                  "&Fritext:"]
        width = _label_width(self, labels)
        applicant = QtWidgets.QGroupBox("Sökande")
        applicant.setObjectName("applicant_box")
        applicant_form = _form_layout()
        applicant.setLayout(applicant_form)
        _add_row(applicant_form, labels[0], self.personnummer, width)
        _add_row(applicant_form, labels[1], self.name, width)

        application = QtWidgets.QGroupBox("Ansökan")
        application.setObjectName("application_box")
        application_form = _form_layout()
        self._forms = (applicant_form, application_form)
        self._left_out: frozenset[str] = frozenset()
        _add_row(application_form, labels[2], self.amount, width)
        _add_row(application_form, labels[3], self.category, width)
        _add_row(application_form, labels[4], self.home_municipality, width)
        free_label = _add_row(application_form, labels[5], self.free_text, width)
        free_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The box keeps the form's margins so the fields stay exactly where they always were;
        # the side column sits against the box's right edge in what used to be empty space.
        sides = QtWidgets.QHBoxLayout(application)
        sides.setContentsMargins(application_form.contentsMargins())
        sides.setSpacing(16)
        application_form.setContentsMargins(0, 0, 0, 0)
        sides.addLayout(application_form)
        sides.addStretch(1)
        sides.addLayout(self._side_column(), 0)

        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addSpacing(12)
        buttons.addWidget(self.save, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignTop)

        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(12)
        outer.addWidget(_heading("Ansökan om ekonomiskt bistånd", "form_heading"))
        outer.addWidget(applicant)
        outer.addWidget(application)
        outer.addLayout(buttons)
        outer.addStretch(1)

        chain: list[QtWidgets.QWidget] = [
            self.name, self.amount, self.category, self.home_municipality, self.free_text,
            self.attachments, self.priority, self.save, self.cancel,
        ]
        for first, second in itertools.pairwise(chain):
            QtWidgets.QWidget.setTabOrder(first, second)

        # A field the caseworker is correcting loses its red mark; the message stays until the
        # next save, as in most case systems.
        for line_edit in (self.name, self.amount, self.home_municipality):
            line_edit.textEdited.connect(
                lambda _text, edit=line_edit: _mark_invalid(edit, False)
            )

        # Only while the focus is on this page: with the confirmation box open, Ctrl+S must not
        # save the same case twice. Clicking the button (not calling save directly) means a
        # frozen or disabled form ignores the key just as it ignores the mouse.
        self.save_shortcut = QtGui.QShortcut(QtGui.QKeySequence(SAVE_SHORTCUT), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save.click)

    def _side_column(self) -> QtWidgets.QVBoxLayout:
        """"Bifogade handlingar" over "Prioritet", top-aligned beside the fields.

        The column is shorter than the fields beside it, so the box keeps its height.
        """
        attachments_label = QtWidgets.QLabel("Bifogade han&dlingar:")
        attachments_label.setBuddy(self.attachments)
        priority_label = QtWidgets.QLabel("&Prioritet:")
        priority_label.setBuddy(self.priority)
        priority_heading = QtWidgets.QHBoxLayout()
        priority_heading.setSpacing(8)
        priority_heading.addWidget(priority_label)
        priority_heading.addStretch(1)
        priority_heading.addWidget(self.priority_word)
        column = QtWidgets.QVBoxLayout()
        column.setSpacing(4)
        column.addWidget(attachments_label)
        column.addWidget(self.attachments)
        column.addSpacing(10)
        column.addLayout(priority_heading)
        column.addWidget(self.priority)
        column.addStretch(1)
        return column

    def first_field(self) -> QtWidgets.QWidget:
        return self.name

    def fields(self) -> dict[str, QtWidgets.QWidget]:
        return {
            "name": self.name,
            "amount": self.amount,
            "category": self.category,
            "home_municipality": self.home_municipality,
            "free_text": self.free_text,
        }

    def leave_out(self, names: Collection[str]) -> None:
        """Shows the form without these fields (row and label), and saves without them."""
        fields = self.fields()
        for name in names:
            for form in self._forms:
                if form.indexOf(fields[name]) >= 0:
                    form.setRowVisible(fields[name], False)
        self._left_out = frozenset(names)

    def fill_applicant(self, personnummer: str, name: str) -> None:
        self.reset()
        self.personnummer.setText(personnummer)
        self.name.setText(name)

    def reset(self) -> None:
        self.personnummer.clear()
        self.name.clear()
        self.amount.clear()
        self.category.setCurrentIndex(-1)
        self.home_municipality.clear()
        self.free_text.clear()
        self.attachments.reset()
        self.priority.setValue(DEFAULT_PRIORITY)
        self.message.clear_message()
        for widget in self.fields().values():
            _mark_invalid(widget, False)

    def collect(self, case_number: str, saved_by: str) -> Case | None:
        """The case in the form, or None after showing what is missing or wrong."""
        errors: list[tuple[QtWidgets.QWidget, str]] = []
        values: dict[str, str] = {}
        checks: list[tuple[str, QtWidgets.QWidget, Callable[[], str]]] = [
            ("name", self.name, lambda: check_name(self.name.text())),
            ("amount", self.amount, lambda: normalise_amount(self.amount.text())),
            ("category", self.category, self._checked_category),
            ("home_municipality", self.home_municipality,
             lambda: check_municipality(self.home_municipality.text())),
        ]
        for key, widget, check in checks:
            if key in self._left_out:
                values[key] = ""
                continue
            try:
                values[key] = check()
            except InvalidInputError as refused:
                errors.append((widget, str(refused)))
            _mark_invalid(widget, any(widget is w for w, _ in errors))
        if errors:
            self.message.show_message(" ".join(text for _, text in errors))
            errors[0][0].setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self.message.clear_message()
        return Case(
            case_number=case_number,
            name=values["name"],
            personnummer=self.personnummer.text(),
            amount=values["amount"],
            category=values["category"],
            home_municipality=values["home_municipality"],
            free_text=self.free_text.toPlainText().strip(),
            attachments=tuple(self.attachments.checked()),
            priority=self.priority.value(),
            saved_by=saved_by,
            saved_at=now_iso(),
        )

    def _checked_category(self) -> str:
        if self.category.currentIndex() < 0:
            raise InvalidInputError("Kategori: välj en kategori.")
        return self.category.currentText()


class BusyPage(_Page):
    """What shows while the "server" is slow: plain text and a busy cursor, nothing to click."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busy_page")
        self.label = QtWidgets.QLabel("Laddar…")
        _name(self.label, "busy", "Laddar")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSize(12)
        self.label.setFont(font)
        # Keys pressed while loading land here and are dropped, as in a real slow system,
        # instead of reaching a header button that happens to be next in the focus chain.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BusyCursor)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addStretch(2)


class ConfirmationDialog(QtWidgets.QDialog):
    """The modal "Ärendet är sparat" box with the new case number and a focused OK button."""

    def __init__(self, case_number: str, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("confirmation")
        self.setWindowTitle(CONFIRMATION_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)
        self.setModal(True)
        icon = QtWidgets.QLabel()
        icon.setObjectName("confirmation_icon")
        pixmap = self.style().standardIcon(
            QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation
        ).pixmap(32, 32)
        icon.setPixmap(pixmap)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QtWidgets.QLabel("Ärendet är sparat.")
        headline.setObjectName("confirmation_text")
        bold = headline.font()
        bold.setBold(True)
        headline.setFont(bold)
        self.case_number = QtWidgets.QLabel(f"Ärende {case_number}")
        _name(self.case_number, "case_number", "Ärendenummer")
        self.case_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ok = QtWidgets.QPushButton("OK")
        _name(self.ok, "confirm_ok", "OK")
        self.ok.setDefault(True)
        self.ok.setMinimumWidth(96)
        self.ok.clicked.connect(self.accept)

        text = QtWidgets.QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(headline)
        text.addWidget(self.case_number)
        text.addStretch(1)
        top = QtWidgets.QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.setFixedSize(*CONFIRMATION_SIZE)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        # Without a window manager the box has no frame and melts into the form behind it.
        painter = QtGui.QPainter(self)
        painter.setPen(QtGui.QColor("#7a7a7a"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def place_over(self, window: QtWidgets.QWidget) -> None:
        """Centre on the window ourselves: without a window manager nobody else will, and the
        layout map needs to know where the OK button ends up."""
        area = window.geometry()
        width, height = CONFIRMATION_SIZE
        # setGeometry places the client area, like the main window's --position, so the map
        # holds whether or not a frame is drawn around it.
        self.setGeometry(area.x() + (area.width() - width) // 2,
                         area.y() + (area.height() - height) // 2, width, height)


class SandboxWindow(QtWidgets.QMainWindow):
    """The practice system's main window; tests build it directly with ``qtbot.addWidget``."""

    def __init__(
        self, config: SandboxConfig, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sandbox_window")
        self.config = config
        self.store = CaseStore(config.cases_file, config.seed)
        self._latency = random.Random(config.seed)
        self._user = ""
        self._pending: Callable[[], None] | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_pending)
        self.confirmation: ConfirmationDialog | None = None
        self.current_screen = Screen.BUSY

        self.setFont(sandbox_font())
        self.setStyleSheet(_STYLE_SHEET)
        self.login_page = LoginPage()
        self.search_page = SearchPage()
        self.form_page = FormPage()
        self.busy_page = BusyPage()
        self.stack = QtWidgets.QStackedWidget()
        self.stack.setObjectName("screens")
        self._pages: dict[Screen, _Page] = {
            Screen.LOGIN: self.login_page,
            Screen.SEARCH: self.search_page,
            Screen.FORM: self.form_page,
            Screen.BUSY: self.busy_page,
        }
        for page in self._pages.values():
            self.stack.addWidget(page)

        central = QtWidgets.QWidget()
        central.setObjectName("central")
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header())
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

        self.login_page.login.clicked.connect(self._log_in)
        self.login_page.username.returnPressed.connect(self._log_in)
        self.login_page.password.returnPressed.connect(self._log_in)
        self.search_page.search.clicked.connect(self._search)
        self.search_page.personnummer.returnPressed.connect(self._search)
        self.form_page.save.clicked.connect(self._save)
        self.form_page.cancel.clicked.connect(self._cancel)
        self.logout.clicked.connect(self._log_out)
        # The header's button closes the Tab chain of every screen.
        for last in (self.login_page.login, self.search_page.search, self.form_page.cancel):
            QtWidgets.QWidget.setTabOrder(last, self.logout)

        x, y = config.position
        width, height = config.size
        self.setGeometry(x, y, width, height)
        self.form_page.leave_out(config.leave_out)
        self._set_user("")
        self._switch_after_latency(Screen.LOGIN)

    # -- building ---------------------------------------------------------------------------

    def _build_header(self) -> QtWidgets.QFrame:
        header = QtWidgets.QFrame()
        header.setObjectName("header")
        header.setFixedHeight(48)
        system = QtWidgets.QLabel(SYSTEM_NAME)
        system.setObjectName("system_name")
        module = QtWidgets.QLabel(MODULE_NAME)
        module.setObjectName("module_name")
        badge = QtWidgets.QLabel("ÖVNINGSMILJÖ")
        badge.setObjectName("environment_badge")
        badge.setToolTip("Övningsmiljö – här finns inga riktiga personuppgifter.")
        badge.setSizePolicy(QtWidgets.QSizePolicy.Policy.Fixed, QtWidgets.QSizePolicy.Policy.Fixed)
        self.user_label = QtWidgets.QLabel()
        _name(self.user_label, "logged_in_user", "Inloggad användare")
        self.user_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.logout = _button("Logga &ut", "logout", "Logga ut")
        self.logout.setMinimumWidth(90)
        layout = QtWidgets.QHBoxLayout(header)
        layout.setContentsMargins(16, 0, 12, 0)
        layout.setSpacing(10)
        layout.addWidget(system)
        layout.addWidget(module)
        layout.addSpacing(8)
        layout.addWidget(badge)
        layout.addStretch(1)
        layout.addWidget(self.user_label)
        layout.addWidget(self.logout)
        return header

    def _build_status_bar(self) -> None:
        status = QtWidgets.QStatusBar()
        status.setObjectName("status_bar")
        status.setSizeGripEnabled(False)
        self.status_user = QtWidgets.QLabel()
        self.status_user.setObjectName("status_user")
        environment = QtWidgets.QLabel("Övningsmiljö  |  Version 4.2.1")
        environment.setObjectName("status_environment")
        status.addPermanentWidget(self.status_user)
        status.addPermanentWidget(environment)
        self.setStatusBar(status)

    # -- screens and latency ----------------------------------------------------------------

    @property
    def user(self) -> str:
        return self._user

    def _set_user(self, user: str) -> None:
        self._user = user
        self.user_label.setText(f"Inloggad: {user}" if user else "")
        self.status_user.setText(f"Användare: {user}" if user else "Ej inloggad")
        self.logout.setVisible(bool(user))

    def _show(self, screen: Screen) -> None:
        self.current_screen = screen
        page = self._pages[screen]
        self.stack.setCurrentWidget(page)
        self.setWindowTitle(window_title(screen))
        busy = screen is Screen.BUSY
        self.logout.setEnabled(not busy)
        self.statusBar().showMessage(self.busy_page.label.text() if busy else "Klar")
        page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _draw_delay_ms(self) -> int:
        low, high = self.config.latency
        return round(self._latency.uniform(low, high) * 1000)

    def _later(self, delay_ms: int, action: Callable[[], None]) -> None:
        self._pending = action
        self._timer.start(delay_ms)

    def _run_pending(self) -> None:
        action, self._pending = self._pending, None
        if action is not None:
            action()

    def _switch_after_latency(
        self, screen: Screen, prepare: Callable[[], None] | None = None
    ) -> None:
        """Show ``screen`` after the configured delay, with the busy page meanwhile.

        ``prepare`` fills the page just before it appears, like a server answer arriving.
        """

        def arrive() -> None:
            if prepare is not None:
                prepare()
            self._show(screen)

        delay = self._draw_delay_ms()
        if delay <= 0:
            arrive()
            return
        self.busy_page.label.setText("Laddar…")
        self._show(Screen.BUSY)
        self._later(delay, arrive)

    # -- actions ----------------------------------------------------------------------------

    def _log_in(self) -> None:
        page = self.login_page
        user = page.username.text().strip()
        missing = [
            name for name, value in (("Användarnamn", user), ("Lösenord", page.password.text()))
            if not value
        ]
        if missing:
            page.message.show_message(f"Fyll i {' och '.join(missing).lower()}.")
            (page.username if not user else page.password).setFocus()
            return
        # A practice system accepts any password; drop it at once so it lives nowhere.
        page.reset()
        self._set_user(user)
        self.search_page.reset()
        self._switch_after_latency(Screen.SEARCH)

    def _search(self) -> None:
        page = self.search_page
        try:
            personnummer = parse_personnummer(page.personnummer.text())
        except InvalidInputError as refused:
            page.message.show_message(str(refused))
            _mark_invalid(page.personnummer, True)
            page.personnummer.setFocus()
            return
        page.message.clear_message()
        _mark_invalid(page.personnummer, False)
        person = lookup_person(personnummer)
        name = person.name if person is not None else ""
        self._switch_after_latency(
            Screen.FORM, lambda: self.form_page.fill_applicant(personnummer, name)
        )

    def _save(self) -> None:
        case = self.form_page.collect(self.store.next_case_number(), self._user)
        if case is None:
            return
        delay = self._draw_delay_ms()
        if delay <= 0:
            self._store_and_confirm(case)
            return
        # The form stays in view but frozen, the way a slow system looks while it saves.
        self._set_saving(True)
        self._later(delay, lambda: self._store_and_confirm(case))

    def _set_saving(self, saving: bool) -> None:
        self.form_page.setEnabled(not saving)
        self.logout.setEnabled(not saving)
        if saving:
            self.form_page.setCursor(Qt.CursorShape.BusyCursor)
            self.statusBar().showMessage("Sparar ärendet…")
            self.form_page.message.show_message("Sparar ärendet…", error=False)
            # Keys typed while saving go to the window, which drops them, not to a button.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.form_page.unsetCursor()
            self.form_page.message.clear_message()

    def _store_and_confirm(self, case: Case) -> None:
        self._set_saving(False)
        try:
            self.store.append(case)
        except OSError as error:
            self.form_page.message.show_message(
                f"Ärendet kunde inte sparas ({error.strerror or error}). Försök igen."
            )
            self.form_page.save.setFocus()
            return
        self.search_page.add_recent(case)
        self.statusBar().showMessage(f"Ärende {case.case_number} sparat.")
        self.form_page.setEnabled(False)
        dialog = ConfirmationDialog(case.case_number, self)
        dialog.finished.connect(self._after_confirmation)
        dialog.place_over(self)
        self.confirmation = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.ok.setFocus(Qt.FocusReason.OtherFocusReason)

    def _after_confirmation(self, _result: int) -> None:
        dialog, self.confirmation = self.confirmation, None
        if dialog is not None:
            dialog.deleteLater()
        self.form_page.setEnabled(True)
        self.form_page.reset()
        self.search_page.reset()
        # Without a window manager nobody hands the keyboard back after the dialog closes.
        self.activateWindow()
        self._switch_after_latency(Screen.SEARCH)

    def _cancel(self) -> None:
        self.form_page.reset()
        self.search_page.reset()
        self._switch_after_latency(Screen.SEARCH)

    def _log_out(self) -> None:
        self.form_page.reset()
        self.search_page.reset()
        self.search_page.clear_recent()
        self._set_user("")
        self._switch_after_latency(Screen.LOGIN)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self._timer.stop()
        self._pending = None
        super().closeEvent(event)

