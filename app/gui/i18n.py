"""The studio's words in Swedish, Danish and English, through Qt's own translation files.

Source texts are English. ``tr("English text")`` returns the text in the current language from
the compiled catalogues in ``resources/i18n`` (``sv.qm``, ``da.qm``, and ``en.qm`` for English
plural forms), which ``tools/translations.py`` makes from the ``.ts`` files a translator edits
in Qt Linguist. Qt's own texts (standard buttons) come from Qt's ``qtbase_*.qm``.

How ``pyside6-lupdate`` finds the texts decides how they are written here:

* a call of the plain name ``tr`` with a string literal: ``tr("Save")``, and for values
  ``tr("Folder: {path}").format(path=folder)``; lupdate puts these in the empty context, which
  is the context ``tr`` looks up. ``self.tr(...)`` or ``i18n.tr(...)`` would land in another
  context (the class's, or "i18n") and never be found;
* a text chosen at run time from a table is marked where it is written,
  ``translatable("My bots")``, and translated where it is shown, ``tr(GROUP_TITLES[group])``;
* plurals use Qt's numerus forms: ``tr("%n step(s)", "", count)``; each language's catalogue
  (English too) says how ``%n`` is written for one and for many.

The language is ``ROBOTFABRIK_LANGUAGE`` if set, else the one in the settings file, else the
system locale's: ``sv…`` means Swedish, ``da…`` Danish, everything else English.
"""

from __future__ import annotations

import datetime
import logging
import os
from typing import Literal

from app.core import paths, settings
from app.gui.qt import QtCore

log = logging.getLogger(__name__)

Language = Literal["sv", "da", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "da", "en")
LANGUAGE_VARIABLE = "ROBOTFABRIK_LANGUAGE"
# The context lupdate gives a call of a free function named ``tr``.
CONTEXT = ""

# Each language's name in itself, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"sv": "Svenska", "da": "Dansk", "en": "English"}
_DECIMAL_COMMA: frozenset[Language] = frozenset({"sv", "da"})
_LOCALES: dict[Language, tuple[QtCore.QLocale.Language, QtCore.QLocale.Country]] = {
    "sv": (QtCore.QLocale.Language.Swedish, QtCore.QLocale.Country.Sweden),
    "da": (QtCore.QLocale.Language.Danish, QtCore.QLocale.Country.Denmark),
    "en": (QtCore.QLocale.Language.English, QtCore.QLocale.Country.UnitedKingdom),
}

_language: Language | None = None
# The language whose catalogues are installed in the application, and the translators doing it.
_installed: Language | None = None
_translators: list[QtCore.QTranslator] = []


def translations_dir() -> str:
    return str(paths.resources_dir() / "i18n")


def translatable(text: str) -> str:
    """Marks ``text`` for lupdate where it is written; ``tr`` translates it where it is shown."""
    return text


def language_from(value: str | None) -> Language | None:
    """The language a locale name or ``ROBOTFABRIK_LANGUAGE`` value means, None when unset."""
    # "C.UTF-8" and "POSIX" say nothing about a language, only that none was chosen.
    base = (value or "").strip().split(".")[0].split("@")[0]
    if not base or base.upper() in ("C", "POSIX"):
        return None
    lowered = base.lower()
    if lowered.startswith("sv"):
        return "sv"
    if lowered.startswith("da"):
        return "da"
    return "en"


def system_language() -> Language:
    """The language of the user's session, read the way gettext reads it, then as Qt sees it."""
    # gettext's order; LANGUAGE may be a priority list such as "sv:en".
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0]
        found = language_from(value)
        if found is not None:
            return found
    # Windows and macOS keep the choice outside the environment; Qt knows where to look.
    for name in QtCore.QLocale.system().uiLanguages():
        found = language_from(name)
        if found is not None:
            return found
    return "en"


def default_language() -> Language:
    """ROBOTFABRIK_LANGUAGE, else the settings file's choice, else the system's language."""
    chosen = language_from(os.environ.get(LANGUAGE_VARIABLE))
    if chosen is not None:
        return chosen
    saved = settings.current().settings.language
    return system_language() if saved == "system" else saved


def language() -> Language:
    """The language ``tr`` currently translates into."""
    global _language  # noqa: PLW0603 - one language per process, as in any desktop program
    if _language is None:
        _language = default_language()
    return _language


def set_language(new: Language | None) -> None:
    """Translate into ``new`` from now on; None goes back to the default.

    Open widgets get Qt's LanguageChange event; windows with a ``retranslate`` method are
    asked to use it by whoever switched (the studio does it for its own).
    """
    global _language  # noqa: PLW0603
    if new is not None and new not in LANGUAGES:
        raise ValueError(f"unknown language {new!r}; known: {', '.join(LANGUAGES)}")
    _language = new
    _install(language())


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` (English) in the current language; with ``n``, the plural form for ``n``."""
    if _installed != language():
        _install(language())
    return QtCore.QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def tr_count(singular: str, plural: str, count: int) -> str:
    """Kept only so code written before Qt's catalogues still runs; lupdate cannot read it.

    Write ``tr("%n step(s)", "", count)`` instead: a test lists every remaining call.
    """
    return tr(singular if count == 1 else plural).format(count=count)


def install_qt_translations(app: QtCore.QCoreApplication) -> None:
    """Put our texts and Qt's own (standard buttons, context menus) into the current language.

    Kept for callers that made the application themselves; ``tr`` installs on first use too.
    """
    del app  # the one application instance is used
    _install(language())


def _install(code: Language) -> None:
    """Replace the installed catalogues with ``code``'s; nothing before an application exists."""
    global _installed  # noqa: PLW0603 - one set of translators per application
    application = QtCore.QCoreApplication.instance()
    if application is None:
        return
    for old in _translators:
        application.removeTranslator(old)
        old.deleteLater()
    _translators.clear()
    qt_folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's first: installed later means asked first, and ours must win.
    wanted = [] if code == "en" else [(f"qtbase_{code}", qt_folder)]
    wanted.append((code, translations_dir()))
    for name, folder in wanted:
        translator = QtCore.QTranslator(application)
        if translator.load(name, folder):
            application.installTranslator(translator)
            _translators.append(translator)
        else:
            log.warning("no translation %s.qm in %s: texts stay in English", name, folder)
    _installed = code


# ---------------------------------------------------------------- numbers and dates


def locale() -> QtCore.QLocale:
    """The current language's locale, for numbers and dates the way its readers write them."""
    language_code, country = _LOCALES[language()]
    return QtCore.QLocale(language_code, country)


def format_number(value: float) -> str:
    """A number as people write it: ``1,5`` in Swedish and Danish, ``1.5`` in English."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if language() in _DECIMAL_COMMA else text


def format_seconds(value: float) -> str:
    return f"{format_number(value)} s"


def format_date(value: datetime.date) -> str:
    """2026-11-30 in Swedish, 30.11.2026 in Danish, 30/11/2026 in English."""
    return locale().toString(QtCore.QDate(value.year, value.month, value.day),
                             QtCore.QLocale.FormatType.ShortFormat)


def format_datetime(value: datetime.datetime) -> str:
    """A date and a time of day to the minute, in the current language's way."""
    return f"{format_date(value.date())} " + locale().toString(
        QtCore.QTime(value.hour, value.minute), QtCore.QLocale.FormatType.ShortFormat)
