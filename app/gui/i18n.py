"""The studio's words in Swedish and English.

Source texts are English and double as keys into a small Swedish catalogue; ``tr`` returns the
text in the current language. Qt's own .ts/.qm toolchain is not used because the PySide6
Essentials wheel ships no ``lrelease``; Qt's ready-made Swedish translation of its own dialogs
(buttons such as Cancel and Save) is still installed through ``install_qt_translations``.

The language starts as ``ROBOTFABRIK_LANGUAGE`` says, else as the system locale says: anything
starting with ``sv`` means Swedish, everything else English.
"""

from __future__ import annotations

import os
from typing import Literal

from app.gui.qt import QtCore

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")
LANGUAGE_VARIABLE = "ROBOTFABRIK_LANGUAGE"

# Each language's name in itself, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"sv": "Svenska", "en": "English"}

SWEDISH: dict[str, str] = {
    # Menus and actions
    "&File": "&Arkiv",
    "&Open bot folder…": "&Öppna robotmapp…",
    "&Save": "&Spara",
    "&Refresh": "&Uppdatera",
    "&Quit": "&Avsluta",
    "&View": "&Visa",
    "&Language": "&Språk",
    "&Help": "&Hjälp",
    "&About Robotfabrik": "&Om Robotfabrik",
    "Record": "Spela in",
    "Run": "Kör",
    "Tools": "Verktyg",
    "Record a new bot": "Spela in en ny robot",
    "Run the selected bot": "Kör den valda roboten",
    "Save the changes to the selected bot": "Spara ändringarna i den valda roboten",
    "Read the bot list and the selected bot again from disk":
        "Läs in robotlistan och den valda roboten igen från disken",
    "Open a bot folder that is not in the library":
        "Öppna en robotmapp som inte finns i biblioteket",
    # Bot list
    "My bots": "Mina robotar",
    "Examples": "Exempel",
    "Other folders": "Andra mappar",
    "No bots yet": "Inga robotar ännu",
    "No examples": "Inga exempel",
    "Cannot be opened": "Kan inte öppnas",
    "Not a bot folder": "Ingen robotmapp",
    "There is no bot in {path}: a bot folder holds a file named bot.json.":
        "Det finns ingen robot i {path}: en robotmapp innehåller en fil som heter bot.json.",
    "Folder: {path}": "Mapp: {path}",
    # Bot view
    "Choose a bot in the list on the left.": "Välj en robot i listan till vänster.",
    "You have no bots yet. To make one, press Record.":
        "Du har inga robotar ännu. Tryck på Spela in för att göra en.",
    "Parameters": "Parametrar",
    "Steps": "Steg",
    "This bot asks for nothing when it starts.": "Roboten frågar inte efter något när den startar.",
    "No description.": "Ingen beskrivning.",
    "Example – read only": "Exempel – skrivskyddad",
    "Unsaved changes": "Osparade ändringar",
    "Name": "Namn",
    "Type": "Typ",
    "Label": "Etikett",
    "Default": "Standardvärde",
    # Parameter types
    "Text": "Text",
    "Number": "Tal",
    "Date": "Datum",
    "Personal identity number": "Personnummer",
    "Choice": "Val",
    "Secret": "Hemlig",
    # Error panel
    "This bot cannot be opened": "Den här roboten kan inte öppnas",
    "File": "Fil",
    "Where": "Var",
    "Field": "Fält",
    "Problem": "Problem",
    "step {number} (id {id})": "steg {number} (id {id})",
    "step {number}": "steg {number}",
    "parameter {number}": "parameter {number}",
    "Show the folder": "Visa mappen",
    "Correct the file, then press Refresh (F5). Other bots can still be opened.":
        "Rätta filen och tryck sedan på Uppdatera (F5). Andra robotar går att öppna som vanligt.",
    # Status bar
    "No bot selected": "Ingen robot vald",
    "{count} step": "{count} steg",
    "{count} steps": "{count} steg",
    "{count} is switched off": "{count} avstängt",
    "{count} are switched off": "{count} avstängda",
    "Saved": "Sparad",
    # Step table
    "#": "#",
    "On": "Aktiv",
    "Step": "Steg",
    "What": "Vad",
    "Window": "Fönster",
    "Picture": "Bild",
    "Think time": "Tänketid",
    "Comment": "Kommentar",
    "Click": "Klick",
    "Double-click": "Dubbelklick",
    "Triple-click": "Trippelklick",
    "Right-click": "Högerklick",
    "Right double-click": "Dubbelt högerklick",
    "Middle click": "Mittenklick",
    "Drag": "Dra",
    "Scroll": "Skrolla",
    "Type text": "Skriv text",
    "Key": "Tangent",
    "Shortcut": "Kortkommando",
    "Wait": "Vänta",
    "up {amount}": "upp {amount}",
    "down {amount}": "ned {amount}",
    "left {amount}": "vänster {amount}",
    "right {amount}": "höger {amount}",
    "Space": "Mellanslag",
    "Backspace": "Backsteg",
    "Hidden: this looks like a password. Make it a secret parameter instead.":
        "Dolt: det här ser ut som ett lösenord. Gör det till en hemlig parameter i stället.",
    "The recording person paused this long before the step; it is not replayed.":
        "Så länge pausade den som spelade in före steget; pausen spelas inte upp.",
    "Switched off: the robot skips this step.": "Avstängt: roboten hoppar över det här steget.",
    "Picture {name} could not be read.": "Bilden {name} gick inte att läsa.",
    # Dialogs
    "Record a bot": "Spela in en robot",
    "Recording from the studio comes in a later version. Until then, record from a "
    "command prompt:":
        "Att spela in från studion kommer i en senare version. Till dess spelar du in från en "
        "kommandotolk:",
    "NAME": "NAMN",
    "Name of the new bot:": "Den nya robotens namn:",
    "for example absence-report": "till exempel franvaroanmalan",
    "Copy": "Kopiera",
    "Copied": "Kopierat",
    "Close": "Stäng",
    "Open bot folder": "Öppna robotmapp",
    "About Robotfabrik": "Om Robotfabrik",
    "Version {version}": "Version {version}",
    "A studio for attended software robots: record a routine once, check it as a list of "
    "steps with pictures, and let the robot do it while you watch.":
        "En studio för övervakade mjukvarurobotar: spela in ett arbetsmoment en gång, granska "
        "det som en lista med steg och bilder, och låt roboten göra det medan du ser på.",
    "Save changes to “{name}”?": "Spara ändringarna i ”{name}”?",
    "Your changes are lost if you do not save them.":
        "Ändringarna försvinner om du inte sparar dem.",
    "The bot could not be saved": "Roboten kunde inte sparas",
    "Nothing was changed on disk.": "Ingenting ändrades på disken.",
    # Running a bot
    "Run “{name}”": "Kör ”{name}”",
    "The robot needs these values before it starts.":
        "Roboten behöver de här uppgifterna innan den startar.",
    "Cancel": "Avbryt",
    "YYYYMMDD-NNNN": "ÅÅÅÅMMDD-NNNN",
    "“{label}” needs a value.": "”{label}” måste fyllas i.",
    "“{label}” cannot be used.": "”{label}” går inte att använda.",
    "“{label}” must be a number, for example 1250 or 1250,50.":
        "”{label}” måste vara ett tal, till exempel 1250 eller 1250,50.",
    "“{label}” must be a date written YYYY-MM-DD.":
        "”{label}” måste vara ett datum som skrivs ÅÅÅÅ-MM-DD.",
    "“{label}” is not a valid personal identity number: write YYYYMMDD-NNNN and check the "
    "digits.":
        "”{label}” är inget giltigt personnummer: skriv ÅÅÅÅMMDD-NNNN och kontrollera "
        "siffrorna.",
    "Choose one of the alternatives for “{label}”.": "Välj ett av alternativen för ”{label}”.",
    "The robot needs your help": "Roboten behöver din hjälp",
    "The robot cannot find where to act.": "Roboten hittar inte rätt ställe på skärmen.",
    "The robot has stopped typing: another window has the keyboard focus.":
        "Roboten har slutat skriva: ett annat fönster har tangentbordet.",
    "Step {number}: {what}": "Steg {number}: {what}",
    "{what} in {window}": "{what} i {window}",
    "Make sure the right window is open and visible, then press Try again, or show the robot "
    "where to click.":
        "Se till att rätt fönster är öppet och syns och tryck sedan på Försök igen, eller visa "
        "roboten var den ska klicka.",
    "Click in the window the robot works in, then press Try again.":
        "Klicka i fönstret som roboten arbetar i och tryck sedan på Försök igen.",
    "Try again": "Försök igen",
    "Show me": "Visa mig",
    "Click the recorded place": "Klicka på inspelad plats",
    "Skip the step": "Hoppa över steget",
    "Stop the run": "Avbryt körningen",
    "Ends the run here; nothing more is done.": "Avslutar körningen här; inget mer görs.",
    "Click the right place on the screen; the robot clicks there and takes a new picture of it.":
        "Klicka på rätt ställe på skärmen; roboten klickar där och tar en ny bild av det.",
    "Click where the step was recorded, without the picture.":
        "Klicka där steget spelades in, utan att leta efter bilden.",
    "Click the right place on the screen now.": "Klicka nu på rätt ställe på skärmen.",
    "No click came. Try again, or choose something else.":
        "Inget klick kom. Försök igen eller välj något annat.",
    "Save the picture in the robot?": "Spara bilden i roboten?",
    "Then the robot finds the place by itself next time.":
        "Då hittar roboten stället själv nästa gång.",
    "Yes": "Ja",
    "No": "Nej",
    "The robot is running: {name}": "Roboten kör: {name}",
    "Stop ({hotkey})": "Stoppa ({hotkey})",
    "Stop the running bot ({hotkey})": "Stoppa roboten som kör ({hotkey})",
    "Starting…": "Startar…",
    "Stopping…": "Stoppar…",
    "Waiting for your answer": "Väntar på ditt svar",
    "Step {number} of {total}": "Steg {number} av {total}",
    "Done: {count} steps in {seconds} s": "Klar: {count} steg på {seconds} s",
    "Stopped at step {number}.": "Stoppad vid steg {number}.",
    "Stopped before the first step.": "Stoppad före första steget.",
    "Failed at step {number}: {reason}": "Misslyckades vid steg {number}: {reason}",
    "The run failed: {reason}": "Körningen misslyckades: {reason}",
    "The run failed": "Körningen misslyckades",
    "Result": "Resultat",
    "Running…": "Pågår…",
    "Done": "Klart",
    "Failed": "Misslyckades",
    "Skipped": "Överhoppat",
    "by its picture": "med sin bild",
    "by its picture, elsewhere on the screen": "med sin bild, på annan plats på skärmen",
    "by its place in the window": "med sin plats i fönstret",
    "by its place on the screen": "med sin plats på skärmen",
    "shown by you": "visad av dig",
    "Saved {count} new picture in the robot.": "Sparade {count} ny bild i roboten.",
    "Saved {count} new pictures in the robot.": "Sparade {count} nya bilder i roboten.",
    "The new pictures are saved when you save the robot.":
        "De nya bilderna sparas när du sparar roboten.",
    "The robot learned new pictures": "Roboten har lärt sig nya bilder",
    "This is an example and cannot be changed. Save a copy with the new pictures in My bots?":
        "Det här är ett exempel och kan inte ändras. Vill du spara en kopia med de nya bilderna "
        "i Mina robotar?",
    "Save a copy": "Spara en kopia",
    "Don't save": "Spara inte",
    "The new pictures could not be saved": "De nya bilderna kunde inte sparas",
    # Recording toolbar
    "Recording": "Spelar in",
    "Paused": "Pausad",
    "Stopped": "Stoppad",
    "Pause": "Pausa",
    "Resume": "Fortsätt",
    "Secret mode": "Hemligt",
    "Stop": "Stoppa",
    "Secret mode – what you type is not saved": "Hemligt läge – det du skriver sparas inte",
    "Pause the recording: what you do meanwhile does not become steps. Hotkey: {hotkey}":
        "Pausa inspelningen: det du gör under tiden blir inga steg. Kortkommando: {hotkey}",
    "Go on recording. Hotkey: {hotkey}": "Fortsätt spela in. Kortkommando: {hotkey}",
    "Secret mode, for passwords: what you type is stored nowhere, and the robot asks for it "
    "each time it runs. Hotkey: {hotkey}":
        "Hemligt läge, för lösenord: det du skriver sparas ingenstans, och roboten frågar efter "
        "det varje gång den körs. Kortkommando: {hotkey}",
    "Stop recording and save the bot. Hotkey: {hotkey}":
        "Sluta spela in och spara roboten. Kortkommando: {hotkey}",
    "Time recorded, pauses not counted": "Inspelad tid, pauser oräknade",
    "Steps the bot will have": "Steg som roboten kommer att ha",
    "Drag to move the toolbar": "Dra för att flytta verktygsraden",
    # Running and recording from the studio (record-and-run; to move into the .ts files)
    "R&un": "K&ör",
    "Run from here": "Kör härifrån",
    "Run from the selected step to the end": "Kör från det valda steget till slutet",
    "Run this step": "Kör det här steget",
    "Run only the selected steps": "Kör bara de valda stegen",
    "Run with a data file…": "Kör med en datafil…",
    "Run once for every row of a CSV or Excel file":
        "Kör en gång för varje rad i en CSV- eller Excelfil",
    "Record steps into the selected bot, or a new one":
        "Spela in steg i den valda roboten, eller i en ny",
    "Case {number} of {total} ({row})": "Fall {number} av {total} ({row})",
    "row": "rad",
    "Data files (*.csv *.txt *.xlsx *.xlsm)": "Datafiler (*.csv *.txt *.xlsx *.xlsm)",
    "File: {file}, read as {how}": "Fil: {file}, läst som {how}",
    "Going on…": "Fortsätter…",
    "New recording": "Ny inspelning",
    "New recording %Y-%m-%d %H.%M": "Ny inspelning %Y-%m-%d %H.%M",
    "No picture of the screen was taken.": "Ingen bild av skärmen togs.",
    "Nothing was recorded: nothing was clicked or typed.":
        "Inget spelades in: inget klickades eller skrevs.",
    "Nothing was run.": "Inget kördes.",
    "Recording could not start": "Inspelningen kunde inte starta",
    "Run with a data file": "Kör med en datafil",
    "Run {count} case": "Kör {count} fall",
    "Run {count} cases": "Kör {count} fall",
    "The data file cannot be used": "Datafilen kan inte användas",
    "The recording could not be kept": "Inspelningen kunde inte tas om hand",
    "The recording could not be saved": "Inspelningen kunde inte sparas",
    "The robot stops at the first case that fails, so you can see where the system is.":
        "Roboten stannar vid första fallet som misslyckas, så att du ser var systemet står.",
    "The robot will handle {count} case.": "Roboten kommer att hantera {count} fall.",
    "The robot will handle {count} cases.": "Roboten kommer att hantera {count} fall.",
    "The screen when the step failed": "Skärmen när steget misslyckades",
    "{count} case": "{count} fall",
    "{count} cases": "{count} fall",
    "done: {count}": "klara: {count}",
    "not done: {count} ({rows})": "inte klara: {count} ({rows})",
    "not reached: {count}": "inte påbörjade: {count}",
    "{count} row cannot be run and is left out:":
        "{count} rad kan inte köras och hoppas över:",
    "{count} rows cannot be run and are left out:":
        "{count} rader kan inte köras och hoppas över:",
    "{file}: no row can be run.": "{file}: ingen rad kan köras.",
    "Stopped here": "Stoppad här",
    "The robot looked for the picture of this place on the screen and did not find it in time.":
        "Roboten letade efter bilden av det här stället på skärmen men hittade den inte i tid.",
}

CATALOGUES: dict[Language, dict[str, str]] = {"sv": SWEDISH, "en": {}}

_language: Language | None = None


def language_from(value: str | None) -> Language | None:
    """The language a locale name or ``ROBOTFABRIK_LANGUAGE`` value means, None when unset."""
    # "C.UTF-8" and "POSIX" say nothing about a language, only that none was chosen.
    base = (value or "").strip().split(".")[0].split("@")[0]
    if not base or base.upper() in ("C", "POSIX"):
        return None
    return "sv" if base.lower().startswith("sv") else "en"


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
    return language_from(os.environ.get(LANGUAGE_VARIABLE)) or system_language()


def language() -> Language:
    """The language ``tr`` currently translates into."""
    global _language  # noqa: PLW0603 - one language per process, as in any desktop program
    if _language is None:
        _language = default_language()
    return _language


def set_language(new: Language | None) -> None:
    """Translate into ``new`` from now on; None goes back to the default from the environment."""
    global _language  # noqa: PLW0603
    if new is not None and new not in LANGUAGES:
        raise ValueError(f"unknown language {new!r}; known: {', '.join(LANGUAGES)}")
    _language = new


def tr(text: str) -> str:
    """``text`` (English, also the catalogue key) in the current language."""
    return CATALOGUES[language()].get(text, text)


def tr_count(singular: str, plural: str, count: int) -> str:
    """A text with ``{count}`` in it, singular or plural as the number needs."""
    return tr(singular if count == 1 else plural).format(count=count)


def format_number(value: float) -> str:
    """A number as people write it: ``1,5`` in Swedish, ``1.5`` in English, no stray zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if language() == "sv" else text


def format_seconds(value: float) -> str:
    return f"{format_number(value)} s"


_qt_translator: QtCore.QTranslator | None = None


def install_qt_translations(app: QtCore.QCoreApplication) -> None:
    """Put Qt's own texts (standard buttons, context menus) into the current language."""
    global _qt_translator  # noqa: PLW0603 - at most one installed at a time
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language() == "en":
        return
    translator = QtCore.QTranslator(app)
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language()}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
