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
    # Run history, run exports and the benefit view
    "picture, near its place": "bild, nära sin plats",
    "picture, elsewhere on the screen": "bild, på annan plats på skärmen",
    "place in its window": "plats i sitt fönster",
    "place on the screen": "plats på skärmen",
    "shown by a person": "visad av en person",
    "not needed": "behövdes inte",
    "running": "pågår",
    "succeeded": "lyckades",
    "failed": "misslyckades",
    "stopped": "avbruten",
    "skipped": "hoppades över",
    "Run id": "Körnings-id",
    "Bot": "Robot",
    "Step id": "Steg-id",
    "Status": "Status",
    "Started": "Startade",
    "Ended": "Slutade",
    "Seconds": "Sekunder",
    "Found by": "Hittad via",
    "Match": "Likhet",
    "Error": "Fel",
    "Screenshot": "Skärmbild",
    "Duration": "Tid",
    "Reason": "Orsak",
    "Value": "Värde",
    "Run report": "Körningsrapport",
    "No steps were recorded for this run.": "Inga steg sparades för den här körningen.",
    "Screen when step {number} failed": "Skärmen när steg {number} misslyckades",
    "the screenshot has been removed": "skärmbilden har tagits bort",
    "Run history": "Körhistorik",
    "All results": "Alla resultat",
    "Refresh": "Uppdatera",
    "Bot:": "Robot:",
    "Result:": "Resultat:",
    "From:": "Från:",
    "To:": "Till:",
    "◀ Newer": "◀ Nyare",
    "Older ▶": "Äldre ▶",
    "Save as CSV…": "Spara som CSV…",
    "Save as report (HTML)…": "Spara som rapport (HTML)…",
    "any day": "alla dagar",
    "All bots": "Alla robotar",
    "Runs {first}–{last} of {total}": "Körningar {first}–{last} av {total}",
    "No runs match these filters. Choose another bot, result or dates.":
        "Inga körningar matchar urvalet. Välj en annan robot, ett annat resultat eller andra "
        "datum.",
    "No runs yet. When a robot has run, each run is listed here with its steps.":
        "Inga körningar ännu. När en robot har kört visas varje körning här med sina steg.",
    "The run history cannot be read: {reason}": "Körhistoriken kan inte läsas: {reason}",
    "Choose a run to see its steps.": "Välj en körning för att se dess steg.",
    "{bot}, {started}: {result}": "{bot}, {started}: {result}",
    "Time taken: {duration}": "Tid: {duration}",
    "Values: {values}": "Värden: {values}",
    "No screenshot was taken of this step.": "Ingen skärmbild togs av det här steget.",
    "The screenshot of step {number} has been removed: screens with personal data are kept "
    "for a limited time.":
        "Skärmbilden av steg {number} har tagits bort: skärmar med personuppgifter sparas "
        "bara en begränsad tid.",
    "Save the run as CSV": "Spara körningen som CSV",
    "CSV for Excel (*.csv)": "CSV för Excel (*.csv)",
    "Save the run as a report": "Spara körningen som rapport",
    "Web page (*.html)": "Webbsida (*.html)",
    "Could not save {path}: {reason}": "Kunde inte spara {path}: {reason}",
    "Saved {path}": "Sparade {path}",
    "Time taken": "Tid",
    "What happened": "Vad som hände",
    "Every step done": "Alla steg klara",
    "Click to see the screen at full size": "Klicka för att se skärmen i full storlek",
    "Not known: the bot has no finished recording and no time set by hand.":
        "Okänd: roboten har ingen avslutad inspelning och ingen tid angiven för hand.",
    "Set by the superuser for this bot (human_minutes_per_case in bot.json).":
        "Angiven av superanvändaren för den här roboten (human_minutes_per_case i bot.json).",
    "How long the bot's latest recording took: a person doing one case.":
        "Så lång tid tog robotens senaste inspelning: en person som gör ett ärende.",
    "not known": "okänd",
    "Robot minutes": "Robotens minuter",
    "Minutes the same cases take by hand": "Minuter för samma ärenden för hand",
    "week {number}": "v. {number}",
    "{hours} saved": "{hours} sparat",
    "What the robots give back": "Vad robotarna ger tillbaka",
    "A case is done when its run succeeded. Hours saved are the time the cases done take by "
    "hand, less the robot's own time (failed runs included). The time by hand is how long the "
    "bot's recording took, unless a superuser set it for the bot.":
        "Ett ärende är klart när körningen lyckades. Sparade timmar är den tid de klara "
        "ärendena tar för hand, minus robotens egen tid (misslyckade körningar inräknade). "
        "Tiden för hand är hur lång tid robotens inspelning tog, om inte en superanvändare "
        "har angett den för roboten.",
    "No runs yet. When a robot has run, this shows what it gave back: cases done, robot time "
    "and the hours saved.":
        "Inga körningar ännu. När en robot har kört visas här vad den gav tillbaka: klara "
        "ärenden, robottid och sparade timmar.",
    "No runs yet": "Inga körningar ännu",
    "{hours} saved this month": "{hours} sparade den här månaden",
    "{cases} cases done this month; {hours} saved this week.":
        "{cases} ärenden klara den här månaden; {hours} sparade den här veckan.",
    "Not counted, since their time by hand is not known: {bots}.":
        "Räknas inte med, eftersom tiden för hand är okänd: {bots}.",
    "Week by week, all bots": "Vecka för vecka, alla robotar",
    "Week by week: {bot}": "Vecka för vecka: {bot}",
    "Runs": "Körningar",
    "Cases done": "Klara ärenden",
    "Robot time": "Robottid",
    "By hand, per case": "För hand, per ärende",
    "Saved this week": "Sparat denna vecka",
    "Saved this month": "Sparat denna månad",
    "Saved in all": "Sparat totalt",
    "Run &history and benefit…": "Kör&historik och nytta…",
    "Run history and benefit": "Körhistorik och nytta",
    "What the robots did, step by step, and what they gave back":
        "Vad robotarna gjorde, steg för steg, och vad de gav tillbaka",
    # Property panel (one step)
    "No step chosen": "Inget steg valt",
    "Choose a step in the list to see and change it here.":
        "Välj ett steg i listan för att se och ändra det här.",
    "This is an example and cannot be changed here. Save a copy as your own bot to change it.":
        "Det här är ett exempel och kan inte ändras här. Spara en kopia som din egen robot för "
        "att ändra den.",
    "Step {number}: {kind}": "Steg {number}: {kind}",
    "In the window “{window}”": "I fönstret ”{window}”",
    "In whichever window has the keyboard": "I det fönster som har tangentbordet",
    "Looks at the whole screen": "Tittar på hela skärmen",
    "No picture yet: pick the picture to wait for on the screen.":
        "Ingen bild ännu: välj bilden att vänta på på skärmen.",
    "The picture the robot looks for ({width} × {height} pixels).":
        "Bilden som roboten letar efter ({width} × {height} bildpunkter).",
    "What the step does": "Vad steget gör",
    "For this step": "För det här steget",
    "Last run": "Senaste körningen",
    "Mouse button:": "Musknapp:",
    "Left": "Vänster",
    "Right": "Höger",
    "Middle": "Mitten",
    "Clicks:": "Antal klick:",
    "Text to type:": "Text att skriva:",
    "How:": "Hur:",
    "Type it key by key": "Skriv tangent för tangent",
    "Paste it": "Klistra in",
    "Key:": "Tangent:",
    "Keys together:": "Tangenter samtidigt:",
    "for example enter, tab, esc, f5": "till exempel enter, tab, esc, f5",
    "for example ctrl+s": "till exempel ctrl+s",
    "A key step needs a key.": "Ett tangentsteg behöver en tangent.",
    "Pressed as: {keys}": "Trycks som: {keys}",
    "Write the keys joined by +, for example ctrl+s.":
        "Skriv tangenterna med + emellan, till exempel ctrl+s.",
    "Sideways:": "I sidled:",
    "Up or down:": "Upp eller ned:",
    "Positive scrolls right, negative left.": "Positivt skrollar åt höger, negativt åt vänster.",
    "Positive scrolls up, negative down.": "Positivt skrollar uppåt, negativt nedåt.",
    "Wait:": "Vänta:",
    "A number of seconds": "Ett antal sekunder",
    "Until a picture appears": "Tills en bild visas",
    "Until a picture goes away": "Tills en bild försvinner",
    "Until a window opens": "Tills ett fönster öppnas",
    "Seconds:": "Sekunder:",
    "Window:": "Fönster:",
    "Any window": "Vilket fönster som helst",
    "The robot waits until this window has the keyboard before it types.":
        "Roboten väntar tills det här fönstret har tangentbordet innan den skriver.",
    "Make parameter…": "Gör till parameter…",
    "Turn the text, or the part of it you selected, into a value the robot asks for when it "
    "starts.":
        "Gör texten, eller den del av den som du har markerat, till ett värde som roboten frågar "
        "efter när den startar.",
    "Show the text": "Visa texten",
    "Filled in when the robot starts: {parameters}": "Fylls i när roboten startar: {parameters}",
    "Select part of the text and press Make parameter… to have the robot ask for it when it "
    "starts.":
        "Markera en del av texten och tryck på Gör till parameter… så frågar roboten efter den "
        "när den startar.",
    "The selection includes {parameter}, which is a parameter already. Select text outside it.":
        "Markeringen innehåller {parameter}, som redan är en parameter. Markera text utanför den.",
    "Where the robot acts": "Där roboten gör steget",
    "Where the drag starts": "Där dragningen börjar",
    "Where the drag ends": "Där dragningen slutar",
    "The picture to wait for": "Bilden att vänta på",
    "The window when the step was recorded; the box is the picture the robot looks for, the "
    "ring where it acts.":
        "Fönstret när steget spelades in. Rutan är bilden som roboten letar efter, ringen är där "
        "den klickar.",
    "The window when the step was recorded. The picture could not be found on it, so the place "
    "is not marked.":
        "Fönstret när steget spelades in. Bilden hittades inte i det, så platsen är inte "
        "markerad.",
    "The picture the robot looks for ({width} × {height} pixels); the ring is where it acts.":
        "Bilden som roboten letar efter ({width} × {height} bildpunkter). Ringen är där den "
        "klickar.",
    "No picture: the robot finds this place only by where it was recorded. Pick a picture on "
    "the screen to make it sturdier.":
        "Ingen bild: roboten hittar platsen bara genom var den spelades in. Välj en bild på "
        "skärmen så blir den säkrare.",
    "Pick again on screen…": "Välj på nytt på skärmen…",
    "Hides the studio and shows the screen as it is now: drag a rectangle around what the robot "
    "should look for, then click where it should act.":
        "Döljer studion och visar skärmen som den ser ut nu: dra en rektangel runt det som "
        "roboten ska leta efter och klicka sedan där den ska klicka.",
    "How alike:": "Likhet:",
    "Standard ({percent} %)": "Standard ({percent} %)",
    "How alike the screen must be to the picture. Lower it if the robot does not find a place "
    "that has changed a little; raise it if it finds the wrong one.":
        "Hur lik skärmen måste vara bilden. Sänk den om roboten inte hittar ett ställe som har "
        "ändrats lite; höj den om den hittar fel ställe.",
    "If the picture is not found, the robot uses {first} or {second}.":
        "Om bilden inte hittas använder roboten {first} eller {second}.",
    "If the picture is not found, the robot uses {way}.":
        "Om bilden inte hittas använder roboten {way}.",
    "the place {where} in the window “{window}”": "platsen {where} i fönstret ”{window}”",
    "the place {where} in its window": "platsen {where} i sitt fönster",
    "the place ({x}, {y}) on the screen": "platsen ({x}, {y}) på skärmen",
    "Run this step (untick to skip it)": "Kör det här steget (bocka ur för att hoppa över det)",
    "Wait at most:": "Vänta högst:",
    "Standard": "Standard",
    "How long the robot waits for the picture or the window before it asks you. Standard "
    "follows the run's setting.":
        "Hur länge roboten väntar på bilden eller fönstret innan den frågar dig. Standard följer "
        "körningens inställning.",
    "A wait for a number of seconds needs no limit.":
        "En väntan på ett antal sekunder behöver ingen gräns.",
    "Comment:": "Kommentar:",
    "A note for whoever reads the bot": "En anteckning till den som läser roboten",
    "Found {how}.": "Hittad {how}.",
    "Found {how} ({percent} % alike).": "Hittad {how} ({percent} % lik).",
    "The place was not found.": "Platsen hittades inte.",
    "Took {time}.": "Tog {time}.",
    "The screen when the step failed": "Skärmen när steget misslyckades",
    "Show full size": "Visa i full storlek",
    # Choosing a picture on the screen
    "Drag a rectangle around what the robot should look for, for example a button with its "
    "text. Esc cancels.":
        "Dra en rektangel runt det som roboten ska leta efter, till exempel en knapp med sin "
        "text. Esc avbryter.",
    "Now click the spot inside the rectangle where the robot should act. Right-click to draw "
    "the rectangle again, Esc to cancel.":
        "Klicka nu på stället i rektangeln där roboten ska klicka. Högerklicka för att rita "
        "rektangeln igen, Esc avbryter.",
    "That rectangle is too small: drag across the whole thing.":
        "Rektangeln är för liten: dra över hela saken.",
    "That was outside the rectangle.": "Det var utanför rektangeln.",
    "The screen could not be pictured: {reason}":
        "Det gick inte att ta en bild av skärmen: {reason}",
    # Parameters panel and dialogs
    "What the robot asks for when it starts. A step's text uses a parameter by its name in "
    "double braces, e.g. {{namn}}.":
        "Det som roboten frågar efter när den startar. Ett stegs text använder en parameter med "
        "dess namn inom dubbla klammerparenteser, t.ex. {{namn}}.",
    "Used in steps": "Används i steg",
    "asked each time": "frågas varje gång",
    "No step uses this parameter.": "Inget steg använder den här parametern.",
    "Add…": "Lägg till…",
    "Change…": "Ändra…",
    "Remove": "Ta bort",
    "“{name}” is used by steps {steps}. Change those steps first, then remove the parameter.":
        "”{name}” används i steg {steps}. Ändra de stegen först och ta sedan bort parametern.",
    "New parameter": "Ny parameter",
    "Change parameter": "Ändra parameter",
    "Make parameter": "Gör till parameter",
    "Label (shown when the robot asks):": "Etikett (visas när roboten frågar):",
    "The step will type:": "Steget skriver:",
    "Name in the text:": "Namn i texten:",
    "Type:": "Typ:",
    "Choices:": "Alternativ:",
    "Default value:": "Standardvärde:",
    "for example Personal identity number": "till exempel Personnummer",
    "for example personnummer": "till exempel personnummer",
    "One choice per line": "Ett alternativ per rad",
    "Empty: the robot asks each time": "Tomt: roboten frågar varje gång",
    "Any text.": "Vilken text som helst.",
    "An amount or a count, for example 1250 or 1 250,50.":
        "Ett belopp eller ett antal, till exempel 1250 eller 1 250,50.",
    "A date written YYYY-MM-DD.": "Ett datum som skrivs ÅÅÅÅ-MM-DD.",
    "Checked before the robot starts: a real date and the right last digit.":
        "Kontrolleras innan roboten startar: ett riktigt datum och rätt kontrollsiffra.",
    "One of a fixed list, chosen from a menu when the robot starts.":
        "Ett av flera bestämda alternativ, som väljs i en lista när roboten startar.",
    "A password: asked for each time, never stored, masked in the log.":
        "Ett lösenord: frågas efter varje gång, sparas aldrig och döljs i loggen.",
    "Give the parameter a name.": "Ge parametern ett namn.",
    "A name may hold the letters a–z, digits and _, and must not start with a digit.":
        "Ett namn får innehålla bokstäverna a–z, siffror och _, och får inte börja med en siffra.",
    "The bot already has a parameter named {name}.":
        "Roboten har redan en parameter som heter {name}.",
    "Write at least one choice, one per line.": "Skriv minst ett alternativ, ett per rad.",
    "The same choice is written twice.": "Samma alternativ står två gånger.",
    "The default must be a number, for example 1250 or 1250,50.":
        "Standardvärdet måste vara ett tal, till exempel 1250 eller 1250,50.",
    "The default must be a date written YYYY-MM-DD.":
        "Standardvärdet måste vara ett datum som skrivs ÅÅÅÅ-MM-DD.",
    "The default is not a valid personal identity number.":
        "Standardvärdet är inget giltigt personnummer.",
    "The default must be one of the choices.": "Standardvärdet måste vara ett av alternativen.",
    "The default cannot be used.": "Standardvärdet går inte att använda.",
    "The typed text “{text}” is replaced by a value the robot asks for when it starts.":
        "Den inspelade texten ”{text}” byts mot ett värde som roboten frågar efter när den "
        "startar.",
    "Keep “{text}” as the default value": "Behåll ”{text}” som standardvärde",
    "A secret is never stored.": "En hemlig parameter sparas aldrig.",
    "A personal identity number is personal data: as a default it is stored in the bot file "
    "and goes with every copy of the bot.":
        "Ett personnummer är en personuppgift: som standardvärde sparas det i robotfilen och "
        "följer med varje kopia av roboten.",
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
