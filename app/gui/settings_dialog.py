"""The Settings dialog: library folder, recorder hotkeys, how long pictures are kept, language.

Each field says what is wrong with it right beside it, and Save stays off until nothing is.
Saving writes the settings file atomically (``app.core.settings``); a file that could not be
used is named at the top of the dialog, shown with defaults where it was wrong, and left as it
is until the person presses Save.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from app.core import paths, settings
from app.core.hotkeys import MODIFIER_NAMES, canonical_key, hotkey_text, parse_hotkey
from app.core.settings import HOTKEY_NAMES, HotkeyName, LanguageChoice, Settings
from app.gui.i18n import LANGUAGE_NAMES, tr
from app.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

log = logging.getLogger(__name__)

ERROR_COLOUR = "#b3261e"
FolderChooser = Callable[[QtWidgets.QWidget, str], str]


def preferences_shortcuts() -> list[QtGui.QKeySequence]:
    """The platform's Preferences key (Ctrl+, on macOS), and Ctrl+, everywhere."""
    keys = QtGui.QKeySequence.keyBindings(QtGui.QKeySequence.StandardKey.Preferences)
    comma = QtGui.QKeySequence("Ctrl+,")
    return [*keys, comma] if comma not in keys else list(keys)


def remember_language(code: LanguageChoice) -> bool:
    """Keep a language chosen in the menu; not when the settings file is broken (it is left
    untouched until the person saves the Settings dialog) or cannot be written."""
    loaded = settings.current()
    if not loaded.usable:
        return False
    try:
        settings.save(dataclasses.replace(loaded.settings, language=code))
    except OSError as error:
        log.warning("could not keep the language in %s: %s", paths.settings_path(), error)
        return False
    return True


def settings_problem_text() -> str | None:
    """What to tell the person at start when the settings file could not be used, if anything."""
    loaded = settings.current()
    if loaded.usable:
        return None
    return "\n\n".join([problem_headline(), "\n".join(str(problem) for problem in loaded.problems)])


def problem_headline() -> str:
    return tr("The settings file could not be used as it is, so the defaults are used where "
              "it is wrong. The file stays as it is until you save the settings.")


def hotkey_problem(text: str) -> str | None:
    """Why ``text`` is not a hotkey, in the person's language; None when it is one."""
    try:
        parse_hotkey(text)
    except ValueError:
        parts = [canonical_key(part.strip().lower()) for part in text.split("+")]
        if text.strip() and all(parts) and set(parts) <= set(MODIFIER_NAMES.values()):
            return tr("Add a key that is not Ctrl, Alt, Shift or Super, for example F12.")
        return tr("Write a hotkey like Ctrl+F12.")
    return None


class SettingsDialog(QtWidgets.QDialog):
    """The settings, edited in place and saved together; ``saved`` gives (old, new)."""

    saved = Signal(object, object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(560)
        loaded = settings.current()
        self._old = loaded.settings
        self._problems = loaded.problems
        # Swapped by tests; a real folder dialog otherwise.
        self.choose_folder: FolderChooser = lambda parent, start: (
            QtWidgets.QFileDialog.getExistingDirectory(parent, tr("Library folder"), start))

        self.problem_label = self._error_label()
        self.problem_label.setObjectName("problemLabel")

        self.library_edit = QtWidgets.QLineEdit()
        self.library_edit.setPlaceholderText(str(paths.default_library_dir()))
        self.choose_button = QtWidgets.QPushButton()
        self.choose_button.clicked.connect(self.choose_library_folder)
        self.library_error = self._error_label()
        library_row = QtWidgets.QHBoxLayout()
        library_row.addWidget(self.library_edit, 1)
        library_row.addWidget(self.choose_button)

        self.hotkey_edits: dict[HotkeyName, QtWidgets.QLineEdit] = {}
        self.hotkey_errors: dict[HotkeyName, QtWidgets.QLabel] = {}
        hotkey_rows: dict[HotkeyName, QtWidgets.QHBoxLayout] = {}
        for name in HOTKEY_NAMES:
            edit = QtWidgets.QLineEdit()
            edit.setPlaceholderText("Ctrl+F12")
            edit.setMaximumWidth(160)
            self.hotkey_edits[name] = edit
            self.hotkey_errors[name] = self._error_label()
            row = QtWidgets.QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(self.hotkey_errors[name], 1)
            hotkey_rows[name] = row

        self.retention_spin = QtWidgets.QSpinBox()
        self.retention_spin.setRange(settings.MIN_RETENTION_DAYS, settings.MAX_RETENTION_DAYS)
        self.retention_hint = QtWidgets.QLabel()
        self.retention_hint.setWordWrap(True)
        self.retention_hint.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)

        self.privacy_check = QtWidgets.QCheckBox()
        self.privacy_check.setObjectName("privacy_mode")

        self.language_combo = QtWidgets.QComboBox()
        for choice in settings.LANGUAGE_CHOICES:
            self.language_combo.addItem("", choice)

        self.form = QtWidgets.QFormLayout()
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row_labels = [QtWidgets.QLabel() for _ in range(6)]
        self.form.addRow(self._row_labels[0], library_row)
        self.form.addRow("", self.library_error)
        for label, name in zip(self._row_labels[1:4], HOTKEY_NAMES, strict=True):
            self.form.addRow(label, hotkey_rows[name])
        self.form.addRow(self._row_labels[4], self.retention_spin)
        self.form.addRow("", self.retention_hint)
        self.form.addRow("", self.privacy_check)
        self.form.addRow(self._row_labels[5], self.language_combo)

        self.save_error = self._error_label()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.problem_label)
        layout.addLayout(self.form)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

        self._show(self._old)
        self.library_edit.textChanged.connect(self.validate)
        for edit in self.hotkey_edits.values():
            edit.textChanged.connect(self.validate)
        self.retranslate()

    @staticmethod
    def _error_label() -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.hide()
        return label

    def _show(self, shown: Settings) -> None:
        self.library_edit.setText(str(shown.library_folder) if shown.library_folder else "")
        for name, keys in shown.hotkeys().items():
            self.hotkey_edits[name].setText(hotkey_text(keys))
        self.retention_spin.setValue(shown.retention_days)
        self.privacy_check.setChecked(shown.privacy_mode)
        self.language_combo.setCurrentIndex(self.language_combo.findData(shown.language))

    # ------------------------------------------------------------ texts

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Settings"))
        texts = (tr("Library folder:"), tr("Stop recording:"), tr("Pause and resume:"),
                 tr("Secret mode:"), tr("Keep personal data (days):"), tr("Language:"))
        for label, text in zip(self._row_labels, texts, strict=True):
            label.setText(text)
        self.choose_button.setText(tr("Choose…"))
        self.library_edit.setToolTip(tr("Where your own bots are kept. Empty: the default "
                                        "folder, {path}").format(
                                            path=paths.default_library_dir()))
        self.retention_hint.setText(tr(
            "Failure screenshots, recording pictures and recorded keystrokes can hold personal "
            "data; they are removed this many days after their last use."))
        self.privacy_check.setText(tr(
            "Privacy mode: keep no screenshot when a step fails, and no picture of the whole "
            "window while recording"))
        for index in range(self.language_combo.count()):
            choice = self.language_combo.itemData(index)
            self.language_combo.setItemText(
                index, tr("Same as the system") if choice == "system"
                else LANGUAGE_NAMES[choice])
        if self._problems:
            self.problem_label.setText("\n".join(
                [problem_headline(), *(str(problem) for problem in self._problems)]))
        self.problem_label.setVisible(bool(self._problems))
        self.validate()

    # ------------------------------------------------------------ checking and saving

    def library_folder(self) -> Path | None:
        text = self.library_edit.text().strip()
        return Path(text).expanduser() if text else None

    def library_problem(self) -> str | None:
        folder = self.library_folder()
        if folder is None:
            return None
        if not folder.is_absolute():
            return tr("Write the whole path of the folder, or choose it.")
        if folder.exists() and not folder.is_dir():
            return tr("This is a file, not a folder.")
        return None

    def validate(self) -> bool:
        """Show each field's problem beside it; Save is on only when there is none."""
        problems: dict[QtWidgets.QLabel, str | None] = {
            self.library_error: self.library_problem()}
        parsed: dict[HotkeyName, frozenset[str]] = {}
        for name in HOTKEY_NAMES:
            text = self.hotkey_edits[name].text()
            problem = hotkey_problem(text)
            if problem is None:
                keys = parse_hotkey(text)
                earlier = [other for other, used in parsed.items() if used == keys]
                if earlier:
                    problem = tr("Already used for “{what}”.").format(
                        what=self._hotkey_title(earlier[0]))
                parsed[name] = keys
            problems[self.hotkey_errors[name]] = problem
        for label, problem in problems.items():
            label.setText(problem or "")
            label.setVisible(problem is not None)
        valid = not any(problems.values())
        button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        if button is not None:
            button.setEnabled(valid)
        self._fit_height()
        return valid

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # A dialog does not grow by itself for wrapped lines (a message appearing under a
        # field, a longer translation): without this their last lines are cut off.
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _hotkey_title(self, name: HotkeyName) -> str:
        return {"stop": tr("Stop recording"), "pause": tr("Pause and resume"),
                "secret": tr("Secret mode")}[name]

    def chosen(self) -> Settings:
        """The settings as the fields show them (call ``validate`` first)."""
        hotkeys = {name: parse_hotkey(self.hotkey_edits[name].text()) for name in HOTKEY_NAMES}
        return Settings(library_folder=self.library_folder(),
                        stop_hotkey=hotkeys["stop"], pause_hotkey=hotkeys["pause"],
                        secret_hotkey=hotkeys["secret"],
                        retention_days=self.retention_spin.value(),
                        language=self.language_combo.currentData(),
                        privacy_mode=self.privacy_check.isChecked())

    def choose_library_folder(self) -> None:
        start = str(self.library_folder() or paths.library_dir())
        folder = self.choose_folder(self, start)
        if folder:
            self.library_edit.setText(folder)

    def save(self) -> bool:
        """Write the settings and close; on failure say why and leave the file as it was."""
        if not self.validate():
            return False
        new = self.chosen()
        try:
            settings.save(new)
        except (OSError, settings.SettingsError) as error:
            log.warning("saving the settings failed: %s", error)
            self.save_error.setText(tr("The settings could not be saved: {reason}").format(
                reason=error) + "\n" + tr("Nothing was changed on disk."))
            self.save_error.show()
            return False
        self._problems = ()
        self.saved.emit(self._old, new)
        self.accept()
        return True


__all__ = ["SettingsDialog", "preferences_shortcuts", "remember_language",
           "settings_problem_text"]
