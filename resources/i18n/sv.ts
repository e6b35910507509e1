<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Pause ({hotkey})</source>
        <translation>Pausa ({hotkey})</translation>
    </message>
    <message>
        <source>Resume ({hotkey})</source>
        <translation>Fortsätt ({hotkey})</translation>
    </message>
    <message>
        <source>The robot is paused: {name}</source>
        <translation>Roboten är pausad: {name}</translation>
    </message>
    <message>
        <source>Pause the recording: what you do meanwhile does not become steps. Hotkey: {hotkey}</source>
        <translation>Pausa inspelningen: det du gör under tiden blir inga steg. Kortkommando: {hotkey}</translation>
    </message>
    <message>
        <source>Go on recording. Hotkey: {hotkey}</source>
        <translation>Fortsätt spela in. Kortkommando: {hotkey}</translation>
    </message>
    <message>
        <source>Secret mode ({hotkey})</source>
        <translation>Hemligt ({hotkey})</translation>
    </message>
    <message>
        <source>Secret mode, for passwords: what you type is stored nowhere, and the robot asks for it each time it runs. Hotkey: {hotkey}</source>
        <translation>Hemligt läge, för lösenord: det du skriver sparas ingenstans, och roboten frågar efter det varje gång den körs. Kortkommando: {hotkey}</translation>
    </message>
    <message>
        <source>Stop recording and save the bot. Hotkey: {hotkey}</source>
        <translation>Sluta spela in och spara roboten. Kortkommando: {hotkey}</translation>
    </message>
    <message>
        <source>Secret mode – what you type is not saved</source>
        <translation>Hemligt läge – det du skriver sparas inte</translation>
    </message>
    <message>
        <source>Time recorded, pauses not counted</source>
        <translation>Inspelad tid, pauser oräknade</translation>
    </message>
    <message>
        <source>Steps the bot will have</source>
        <translation>Steg som roboten kommer att ha</translation>
    </message>
    <message>
        <source>Drag to move the toolbar</source>
        <translation>Dra för att flytta verktygsraden</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Spelar in</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausad</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n steg</numerusform>
            <numerusform>%n steg</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppad</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Pågår…</translation>
    </message>
    <message>
        <source>Stopped here</source>
        <translation>Stoppad här</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>godkänt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>avslaget</translation>
    </message>
    <message>
        <source>If approved, step {number}</source>
        <translation>Om det godkänns, steg {number}</translation>
    </message>
    <message>
        <source>If rejected, step {number}</source>
        <translation>Om det avslås, steg {number}</translation>
    </message>
    <message>
        <source>by its name in the application</source>
        <translation>med sitt namn i programmet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klart</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Överhoppat</translation>
    </message>
    <message>
        <source>by its picture</source>
        <translation>med sin bild</translation>
    </message>
    <message>
        <source>by its picture, elsewhere on the screen</source>
        <translation>med sin bild, på annan plats på skärmen</translation>
    </message>
    <message>
        <source>by its place in the window</source>
        <translation>med sin plats i fönstret</translation>
    </message>
    <message>
        <source>by its place on the screen</source>
        <translation>med sin plats på skärmen</translation>
    </message>
    <message>
        <source>shown by you</source>
        <translation>visad av dig</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>“{label}” must be a number, for example 1250 or 1250,50.</source>
        <translation>”{label}” måste vara ett tal, till exempel 1250 eller 1250,50.</translation>
    </message>
    <message>
        <source>“{label}” must be a date written YYYY-MM-DD.</source>
        <translation>”{label}” måste vara ett datum som skrivs ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: write YYYYMMDD-NNNN and check the digits.</source>
        <translation>”{label}” är inget giltigt personnummer: skriv ÅÅÅÅMMDD-NNNN och kontrollera siffrorna.</translation>
    </message>
    <message>
        <source>Choose one of the alternatives for “{label}”.</source>
        <translation>Välj ett av alternativen för ”{label}”.</translation>
    </message>
    <message>
        <source>“{label}”: {value} does not exist in the calendar.</source>
        <translation>”{label}”: {value} finns inte i kalendern.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: the last digit (the check digit) does not match the others.</source>
        <translation>”{label}” är inget giltigt personnummer: den sista siffran (kontrollsiffran) stämmer inte med de andra.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: its date of birth does not exist or lies in the future.</source>
        <translation>”{label}” är inget giltigt personnummer: födelsedatumet finns inte eller ligger i framtiden.</translation>
    </message>
    <message>
        <source>{what} in {window}</source>
        <translation>{what} i {window}</translation>
    </message>
    <message>
        <source>Run “{name}”</source>
        <translation>Kör ”{name}”</translation>
    </message>
    <message>
        <source>The robot needs these values before it starts.</source>
        <translation>Roboten behöver de här uppgifterna innan den startar.</translation>
    </message>
    <message>
        <source>Robotfabrik – robots</source>
        <translation>Robotfabrik – robotar</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so the robots are here instead.</source>
        <translation>Inget systemfält hittades på skrivbordet, så robotarna finns här i stället.</translation>
    </message>
    <message>
        <source>Robots</source>
        <translation>Robotar</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Redo.</translation>
    </message>
    <message>
        <source>Show in history</source>
        <translation>Visa i historiken</translation>
    </message>
    <message>
        <source>No robots in the library yet</source>
        <translation>Inga robotar i biblioteket än</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Saved in the keyring – type a new one to replace it</source>
        <translation>Sparat i nyckelringen – skriv ett nytt för att byta</translation>
    </message>
    <message>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Choose the day in a calendar</source>
        <translation>Välj dagen i en kalender</translation>
    </message>
    <message>
        <source>“{label}” needs a value.</source>
        <translation>”{label}” måste fyllas i.</translation>
    </message>
    <message>
        <source>“{label}” cannot be used.</source>
        <translation>”{label}” går inte att använda.</translation>
    </message>
    <message>
        <source>The robot needs your help</source>
        <translation>Roboten behöver din hjälp</translation>
    </message>
    <message>
        <source>Step {number}: {what}</source>
        <translation>Steg {number}: {what}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Försök igen</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>Visa mig</translation>
    </message>
    <message>
        <source>Click the recorded place</source>
        <translation>Klicka på inspelad plats</translation>
    </message>
    <message>
        <source>Skip the step</source>
        <translation>Hoppa över steget</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>Avbryt körningen</translation>
    </message>
    <message>
        <source>Ends the run here; nothing more is done.</source>
        <translation>Avslutar körningen här; inget mer görs.</translation>
    </message>
    <message>
        <source>Click the right place on the screen; the robot clicks there and takes a new picture of it.</source>
        <translation>Klicka på rätt ställe på skärmen; roboten klickar där och tar en ny bild av det.</translation>
    </message>
    <message>
        <source>Click where the step was recorded, without the picture.</source>
        <translation>Klicka där steget spelades in, utan att leta efter bilden.</translation>
    </message>
    <message>
        <source>The robot has stopped typing: another window has the keyboard focus.</source>
        <translation>Roboten har slutat skriva: ett annat fönster har tangentbordet.</translation>
    </message>
    <message>
        <source>The robot has stopped typing: another field has the keyboard focus.</source>
        <translation>Roboten har slutat skriva: ett annat fält har tangentbordsfokus.</translation>
    </message>
    <message>
        <source>What the robot typed does not show in the field.</source>
        <translation>Det roboten skrev syns inte i fältet.</translation>
    </message>
    <message>
        <source>What the robot chose does not show in the drop-down list.</source>
        <translation>Det roboten valde syns inte i rullgardinslistan.</translation>
    </message>
    <message>
        <source>The robot cannot find where to act.</source>
        <translation>Roboten hittar inte rätt ställe på skärmen.</translation>
    </message>
    <message>
        <source>The robot looked for this place by its name in the application and by its picture, and did not find it in time. It does not click where the step was recorded unless you say so.</source>
        <translation>Roboten letade efter den här platsen med dess namn i programmet och med dess bild, och hittade den inte i tid. Den klickar inte där steget spelades in om du inte säger till.</translation>
    </message>
    <message>
        <source>Click in the window the robot works in, then press Try again.</source>
        <translation>Klicka i fönstret som roboten arbetar i och tryck sedan på Försök igen.</translation>
    </message>
    <message>
        <source>Click in the field the text belongs in, then press Try again.</source>
        <translation>Klicka i fältet där texten ska stå och tryck sedan på Försök igen.</translation>
    </message>
    <message>
        <source>Correct the field by hand and press Try again, or skip the step if it is right.</source>
        <translation>Rätta fältet för hand och tryck på Försök igen, eller hoppa över steget om det är rätt.</translation>
    </message>
    <message>
        <source>Choose the right value by hand and press Try again, or skip the step if it is right.</source>
        <translation>Välj rätt värde för hand och tryck på Försök igen, eller hoppa över steget om det är rätt.</translation>
    </message>
    <message>
        <source>Make sure the right window is open and visible, then press Try again, or show the robot where to click.</source>
        <translation>Se till att rätt fönster är öppet och syns och tryck sedan på Försök igen, eller visa roboten var den ska klicka.</translation>
    </message>
    <message>
        <source>Click the right place on the screen now.</source>
        <translation>Klicka nu på rätt ställe på skärmen.</translation>
    </message>
    <message>
        <source>No click came. Try again, or choose something else.</source>
        <translation>Inget klick kom. Försök igen eller välj något annat.</translation>
    </message>
    <message>
        <source>Save the picture in the robot?</source>
        <translation>Spara bilden i roboten?</translation>
    </message>
    <message>
        <source>Then the robot finds the place by itself next time.</source>
        <translation>Då hittar roboten stället själv nästa gång.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <source>The robot is running: {name}</source>
        <translation>Roboten kör: {name}</translation>
    </message>
    <message>
        <source>Run with a data file</source>
        <translation>Kör med en datafil</translation>
    </message>
    <message numerus="yes">
        <source>The robot will handle %n case(s).</source>
        <translation>
            <numerusform>Roboten kommer att hantera %n fall.</numerusform>
            <numerusform>Roboten kommer att hantera %n fall.</numerusform>
        </translation>
    </message>
    <message>
        <source>File: {file}, read as {how}</source>
        <translation>Fil: {file}, läst som {how}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be run and are left out:</source>
        <translation>
            <numerusform>%n rad kan inte köras och hoppas över:</numerusform>
            <numerusform>%n rader kan inte köras och hoppas över:</numerusform>
        </translation>
    </message>
    <message>
        <source>The robot stops at the first case that fails, so you can see where the system is.</source>
        <translation>Roboten stannar vid första fallet som misslyckas, så att du ser var systemet står.</translation>
    </message>
    <message numerus="yes">
        <source>Run %n case(s)</source>
        <translation>
            <numerusform>Kör %n fall</numerusform>
            <numerusform>Kör %n fall</numerusform>
        </translation>
    </message>
    <message>
        <source>No picture of the screen was taken.</source>
        <translation>Ingen bild av skärmen togs.</translation>
    </message>
    <message>
        <source>Stop ({hotkey})</source>
        <translation>Stoppa ({hotkey})</translation>
    </message>
    <message>
        <source>The settings file could not be used as it is, so the defaults are used where it is wrong. The file stays as it is until you save the settings.</source>
        <translation>Inställningsfilen kunde inte användas som den är, så standardvärdena används där den är fel. Filen lämnas orörd tills du sparar inställningarna.</translation>
    </message>
    <message>
        <source>Add a key that is not Ctrl, Alt, Shift or Super, for example F12.</source>
        <translation>Lägg till en tangent som inte är Ctrl, Alt, Shift eller Super, till exempel F12.</translation>
    </message>
    <message>
        <source>Write a hotkey like Ctrl+F12.</source>
        <translation>Skriv ett kortkommando som Ctrl+F12.</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Biblioteksmapp</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Library folder:</source>
        <translation>Biblioteksmapp:</translation>
    </message>
    <message>
        <source>Stop recording:</source>
        <translation>Sluta spela in:</translation>
    </message>
    <message>
        <source>Pause and resume:</source>
        <translation>Pausa och fortsätt:</translation>
    </message>
    <message>
        <source>Secret mode:</source>
        <translation>Hemligt läge:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <source>Keep personal data (days):</source>
        <translation>Behåll personuppgifter (dagar):</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Välj…</translation>
    </message>
    <message>
        <source>Where your own bots are kept. Empty: the default folder, {path}</source>
        <translation>Där dina egna robotar sparas. Tomt: standardmappen, {path}</translation>
    </message>
    <message>
        <source>Failure screenshots, recording pictures and recorded keystrokes can hold personal data; they are removed this many days after their last use.</source>
        <translation>Skärmbilder från fel, bilder från inspelningar och inspelade tangenttryck kan innehålla personuppgifter; de tas bort så här många dagar efter att de senast användes.</translation>
    </message>
    <message>
        <source>Privacy mode: keep no screenshot when a step fails, and no picture of the whole window while recording</source>
        <translation>Integritetsläge: spara ingen skärmbild när ett steg misslyckas och ingen bild av hela fönstret vid inspelning</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Samma som systemet</translation>
    </message>
    <message>
        <source>Write the whole path of the folder, or choose it.</source>
        <translation>Skriv mappens hela sökväg eller välj den.</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Det här är en fil, inte en mapp.</translation>
    </message>
    <message>
        <source>Already used for “{what}”.</source>
        <translation>Används redan för ”{what}”.</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Sluta spela in</translation>
    </message>
    <message>
        <source>Pause and resume</source>
        <translation>Pausa och fortsätt</translation>
    </message>
    <message>
        <source>Secret mode</source>
        <translation>Hemligt läge</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>Inställningarna kunde inte sparas: {reason}</translation>
    </message>
    <message>
        <source>Nothing was changed on disk.</source>
        <translation>Ingenting ändrades på disken.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Steg</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Think time</source>
        <translation>Tänketid</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Mellanslag</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Backsteg</translation>
    </message>
    <message>
        <source>Right double-click</source>
        <translation>Dubbelt högerklick</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Högerklick</translation>
    </message>
    <message>
        <source>Middle click</source>
        <translation>Mittenklick</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Dubbelklick</translation>
    </message>
    <message>
        <source>Triple-click</source>
        <translation>Trippelklick</translation>
    </message>
    <message>
        <source>element, by its name in the application</source>
        <translation>element, med sitt namn i programmet</translation>
    </message>
    <message>
        <source>picture, near its place</source>
        <translation>bild, nära sin plats</translation>
    </message>
    <message>
        <source>picture, elsewhere on the screen</source>
        <translation>bild, på annan plats på skärmen</translation>
    </message>
    <message>
        <source>place in its window</source>
        <translation>plats i sitt fönster</translation>
    </message>
    <message>
        <source>place on the screen</source>
        <translation>plats på skärmen</translation>
    </message>
    <message>
        <source>shown by a person</source>
        <translation>visad av en person</translation>
    </message>
    <message>
        <source>recorded place, confirmed by a person</source>
        <translation>inspelad plats, bekräftad av en person</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>behövdes inte</translation>
    </message>
    <message>
        <source>running</source>
        <translation>pågår</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>lyckades</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>misslyckades</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>avbruten</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>hoppades över</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Klick</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Dra</translation>
    </message>
    <message>
        <source>Scroll</source>
        <translation>Skrolla</translation>
    </message>
    <message>
        <source>Type text</source>
        <translation>Skriv text</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tangent</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Kortkommando</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Vänta</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkänt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Avslaget</translation>
    </message>
    <message>
        <source>{decision} at step {number} by {user}, {when}</source>
        <translation>{decision} vid steg {number} av {user}, {when}</translation>
    </message>
    <message>
        <source>(the run&apos;s default decision; nobody was asked)</source>
        <translation>(körningens förvalda beslut; ingen tillfrågades)</translation>
    </message>
    <message>
        <source>after editing {values}</source>
        <translation>efter ändring av {values}</translation>
    </message>
    <message>
        <source>Run id</source>
        <translation>Körnings-id</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>Step id</source>
        <translation>Steg-id</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startade</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunder</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>Hittad via</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Likhet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Skärmbild</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Slutade</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>Körningsrapport</translation>
    </message>
    <message>
        <source>Screen when step {number} failed</source>
        <translation>Skärmen när steg {number} misslyckades</translation>
    </message>
    <message>
        <source>the screenshot has been removed</source>
        <translation>skärmbilden har tagits bort</translation>
    </message>
    <message>
        <source>at the recorded place, as you confirmed</source>
        <translation>på den inspelade platsen, som du bekräftade</translation>
    </message>
    <message>
        <source>Read text</source>
        <translation>Läs text</translation>
    </message>
    <message>
        <source>{approve} steps if approved, {reject} if rejected</source>
        <translation>{approve} steg om det godkänns, {reject} om det avslås</translation>
    </message>
    <message>
        <source>up {amount}</source>
        <translation>upp {amount}</translation>
    </message>
    <message>
        <source>down {amount}</source>
        <translation>ned {amount}</translation>
    </message>
    <message>
        <source>right {amount}</source>
        <translation>höger {amount}</translation>
    </message>
    <message>
        <source>left {amount}</source>
        <translation>vänster {amount}</translation>
    </message>
    <message>
        <source>on “{element}” in {window}</source>
        <translation>på ”{element}” i {window}</translation>
    </message>
    <message>
        <source>on “{element}”</source>
        <translation>på ”{element}”</translation>
    </message>
    <message>
        <source>in {window}</source>
        <translation>i {window}</translation>
    </message>
    <message>
        <source>at {x}, {y}</source>
        <translation>vid {x}, {y}</translation>
    </message>
    <message>
        <source>Right double-click {place}</source>
        <translation>Dubbelklicka med höger knapp {place}</translation>
    </message>
    <message>
        <source>Right-click {place}</source>
        <translation>Högerklicka {place}</translation>
    </message>
    <message>
        <source>Middle-click {place}</source>
        <translation>Mittenklicka {place}</translation>
    </message>
    <message>
        <source>Double-click {place}</source>
        <translation>Dubbelklicka {place}</translation>
    </message>
    <message>
        <source>Triple-click {place}</source>
        <translation>Trippelklicka {place}</translation>
    </message>
    <message>
        <source>Click {place}</source>
        <translation>Klicka {place}</translation>
    </message>
    <message>
        <source>Drag {place}</source>
        <translation>Dra {place}</translation>
    </message>
    <message>
        <source>Scroll {amount} {place}</source>
        <translation>Skrolla {amount} {place}</translation>
    </message>
    <message>
        <source>Paste {place}</source>
        <translation>Klistra in {place}</translation>
    </message>
    <message>
        <source>Type {place}</source>
        <translation>Skriv {place}</translation>
    </message>
    <message>
        <source>Press {key} {place}</source>
        <translation>Tryck {key} {place}</translation>
    </message>
    <message>
        <source>Wait for the window {window}</source>
        <translation>Vänta på fönstret {window}</translation>
    </message>
    <message>
        <source>Wait until the picture shows {place}</source>
        <translation>Vänta tills bilden syns {place}</translation>
    </message>
    <message>
        <source>Wait until the picture is gone {place}</source>
        <translation>Vänta tills bilden försvinner {place}</translation>
    </message>
    <message>
        <source>Wait {seconds}</source>
        <translation>Vänta {seconds}</translation>
    </message>
    <message>
        <source>Read the text {place} as “{value}”</source>
        <translation>Läs texten {place} som ”{value}”</translation>
    </message>
    <message>
        <source>A person decides: {question}</source>
        <translation>En person beslutar: {question}</translation>
    </message>
    <message>
        <source>A person decides</source>
        <translation>En person beslutar</translation>
    </message>
    <message>
        <source>The recording person paused this long before the step; it is not replayed.</source>
        <translation>Så länge pausade den som spelade in före steget; pausen spelas inte upp.</translation>
    </message>
    <message>
        <source>Change the comment of step {number}</source>
        <translation>Ändra kommentaren i steg {number}</translation>
    </message>
    <message>
        <source>Switched off: the robot skips this step.</source>
        <translation>Avstängt: roboten hoppar över det här steget.</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Vänster</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Höger</translation>
    </message>
    <message>
        <source>Middle</source>
        <translation>Mitten</translation>
    </message>
    <message>
        <source>Type it key by key</source>
        <translation>Skriv tangent för tangent</translation>
    </message>
    <message>
        <source>Paste it</source>
        <translation>Klistra in</translation>
    </message>
    <message>
        <source>A number of seconds</source>
        <translation>Ett antal sekunder</translation>
    </message>
    <message>
        <source>Until a picture appears</source>
        <translation>Tills en bild visas</translation>
    </message>
    <message>
        <source>Until a picture goes away</source>
        <translation>Tills en bild försvinner</translation>
    </message>
    <message>
        <source>Until a window opens</source>
        <translation>Tills ett fönster öppnas</translation>
    </message>
    <message>
        <source>In the window “{window}”</source>
        <translation>I fönstret ”{window}”</translation>
    </message>
    <message>
        <source>Looks at the whole screen</source>
        <translation>Tittar på hela skärmen</translation>
    </message>
    <message>
        <source>In whichever window has the keyboard</source>
        <translation>I det fönster som har tangentbordet</translation>
    </message>
    <message>
        <source>Mouse button:</source>
        <translation>Musknapp:</translation>
    </message>
    <message>
        <source>Clicks:</source>
        <translation>Antal klick:</translation>
    </message>
    <message>
        <source>Text to type:</source>
        <translation>Text att skriva:</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Hur:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Tangent:</translation>
    </message>
    <message>
        <source>Keys together:</source>
        <translation>Tangenter samtidigt:</translation>
    </message>
    <message>
        <source>Sideways:</source>
        <translation>I sidled:</translation>
    </message>
    <message>
        <source>Up or down:</source>
        <translation>Upp eller ned:</translation>
    </message>
    <message>
        <source>Wait:</source>
        <translation>Vänta:</translation>
    </message>
    <message>
        <source>Seconds:</source>
        <translation>Sekunder:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Fönster:</translation>
    </message>
    <message>
        <source>Value&apos;s name:</source>
        <translation>Värdets namn:</translation>
    </message>
    <message>
        <source>Shown as:</source>
        <translation>Visas som:</translation>
    </message>
    <message>
        <source>What the step does</source>
        <translation>Vad steget gör</translation>
    </message>
    <message>
        <source>For this step</source>
        <translation>För det här steget</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Senaste körningen</translation>
    </message>
    <message>
        <source>Make parameter…</source>
        <translation>Gör till parameter…</translation>
    </message>
    <message>
        <source>Turn the text, or the part of it you selected, into a value the robot asks for when it starts.</source>
        <translation>Gör texten, eller den del av den som du har markerat, till ett värde som roboten frågar efter när den startar.</translation>
    </message>
    <message>
        <source>Show the text</source>
        <translation>Visa texten</translation>
    </message>
    <message>
        <source>for example enter, tab, esc, f5</source>
        <translation>till exempel enter, tab, esc, f5</translation>
    </message>
    <message>
        <source>for example ctrl+s</source>
        <translation>till exempel ctrl+s</translation>
    </message>
    <message>
        <source>Positive scrolls right, negative left.</source>
        <translation>Positivt skrollar åt höger, negativt åt vänster.</translation>
    </message>
    <message>
        <source>Positive scrolls up, negative down.</source>
        <translation>Positivt skrollar uppåt, negativt nedåt.</translation>
    </message>
    <message>
        <source>Any window</source>
        <translation>Vilket fönster som helst</translation>
    </message>
    <message>
        <source>what the person deciding sees, e.g. Name</source>
        <translation>det som den som beslutar ser, t.ex. Namn</translation>
    </message>
    <message>
        <source>Run this step (untick to skip it)</source>
        <translation>Kör det här steget (bocka ur för att hoppa över det)</translation>
    </message>
    <message>
        <source>The recorded place is fine: act there without asking when neither the element nor the picture is found</source>
        <translation>Den inspelade platsen duger: agera där utan att fråga när varken elementet eller bilden hittas</translation>
    </message>
    <message>
        <source>Wait at most:</source>
        <translation>Vänta högst:</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>How long the robot waits for the picture or the window before it asks you. Standard follows the run&apos;s setting.</source>
        <translation>Hur länge roboten väntar på bilden eller fönstret innan den frågar dig. Standard följer körningens inställning.</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>A note for whoever reads the bot</source>
        <translation>En anteckning till den som läser roboten</translation>
    </message>
    <message>
        <source>Show full size</source>
        <translation>Visa i full storlek</translation>
    </message>
    <message>
        <source>Choose a step in the list to see and change it here.</source>
        <translation>Välj ett steg i listan för att se och ändra det här.</translation>
    </message>
    <message>
        <source>This is an example and cannot be changed here. Save a copy as your own bot to change it.</source>
        <translation>Det här är ett exempel och kan inte ändras här. Spara en kopia som din egen robot för att ändra den.</translation>
    </message>
    <message>
        <source>No step chosen</source>
        <translation>Inget steg valt</translation>
    </message>
    <message>
        <source>Step {number}: {kind}</source>
        <translation>Steg {number}: {kind}</translation>
    </message>
    <message>
        <source>Pressed as: {keys}</source>
        <translation>Trycks som: {keys}</translation>
    </message>
    <message>
        <source>The robot waits until this window has the keyboard before it types.</source>
        <translation>Roboten väntar tills det här fönstret har tangentbordet innan den skriver.</translation>
    </message>
    <message>
        <source>Hidden: this looks like a password. Make it a secret parameter instead.</source>
        <translation>Dolt: det här ser ut som ett lösenord. Gör det till en hemlig parameter i stället.</translation>
    </message>
    <message>
        <source>Filled in when the robot starts: {parameters}</source>
        <translation>Fylls i när roboten startar: {parameters}</translation>
    </message>
    <message>
        <source>Select part of the text and press Make parameter… to have the robot ask for it when it starts.</source>
        <translation>Markera en del av texten och tryck på Gör till parameter… så frågar roboten efter den när den startar.</translation>
    </message>
    <message>
        <source>Where the drag starts</source>
        <translation>Där dragningen börjar</translation>
    </message>
    <message>
        <source>The picture to wait for</source>
        <translation>Bilden att vänta på</translation>
    </message>
    <message>
        <source>What the robot reads</source>
        <translation>Det roboten läser</translation>
    </message>
    <message>
        <source>Where the robot acts</source>
        <translation>Där roboten gör steget</translation>
    </message>
    <message>
        <source>Where the drag ends</source>
        <translation>Där dragningen slutar</translation>
    </message>
    <message>
        <source>A wait for a number of seconds needs no limit.</source>
        <translation>En väntan på ett antal sekunder behöver ingen gräns.</translation>
    </message>
    <message>
        <source>Found {how} ({percent} % alike).</source>
        <translation>Hittad {how} ({percent} % lik).</translation>
    </message>
    <message>
        <source>Found {how}.</source>
        <translation>Hittad {how}.</translation>
    </message>
    <message>
        <source>The place was not found.</source>
        <translation>Platsen hittades inte.</translation>
    </message>
    <message>
        <source>Took {time}.</source>
        <translation>Tog {time}.</translation>
    </message>
    <message>
        <source>The screen when the step failed</source>
        <translation>Skärmen när steget misslyckades</translation>
    </message>
    <message>
        <source>A key step needs a key.</source>
        <translation>Ett tangentsteg behöver en tangent.</translation>
    </message>
    <message>
        <source>Write the keys joined by +, for example ctrl+s.</source>
        <translation>Skriv tangenterna med + emellan, till exempel ctrl+s.</translation>
    </message>
    <message>
        <source>The selection includes {parameter}, which is a parameter already. Select text outside it.</source>
        <translation>Markeringen innehåller {parameter}, som redan är en parameter. Markera text utanför den.</translation>
    </message>
    <message>
        <source>Picture {name} could not be read.</source>
        <translation>Bilden {name} gick inte att läsa.</translation>
    </message>
    <message>
        <source>My bots</source>
        <translation>Mina robotar</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Exempel</translation>
    </message>
    <message>
        <source>Other folders</source>
        <translation>Andra mappar</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papperskorg</translation>
    </message>
    <message>
        <source>No bots yet</source>
        <translation>Inga robotar ännu</translation>
    </message>
    <message>
        <source>No examples</source>
        <translation>Inga exempel</translation>
    </message>
    <message>
        <source>The file cannot be read, or nothing can be written to My bots.</source>
        <translation>Filen går inte att läsa, eller så går det inte att skriva i Mina robotar.</translation>
    </message>
    <message>
        <source>This is not a robot bundle: the file is not a .zip file, or it is damaged.</source>
        <translation>Det här är inget robotpaket: filen är ingen .zip-fil, eller så är den skadad.</translation>
    </message>
    <message>
        <source>The bundle is far larger than a robot and its pictures can be. It may be harmful and is not imported.</source>
        <translation>Paketet är mycket större än en robot med bilder kan vara. Det kan vara skadligt och importeras inte.</translation>
    </message>
    <message>
        <source>The bundle holds a file that would end up outside the robot&apos;s own folder. Such a bundle may be harmful and is never imported.</source>
        <translation>Paketet innehåller en fil som skulle hamna utanför robotens egen mapp. Ett sådant paket kan vara skadligt och importeras aldrig.</translation>
    </message>
    <message>
        <source>The bundle holds something other than a robot and its pictures.</source>
        <translation>Paketet innehåller något annat än en robot och dess bilder.</translation>
    </message>
    <message>
        <source>The bundle holds the same file twice.</source>
        <translation>Paketet innehåller samma fil två gånger.</translation>
    </message>
    <message>
        <source>A picture in the bundle is not a PNG picture.</source>
        <translation>En bild i paketet är ingen PNG-bild.</translation>
    </message>
    <message>
        <source>The robot in the bundle cannot be read.</source>
        <translation>Roboten i paketet går inte att läsa.</translation>
    </message>
    <message>
        <source>The bundle was made by a newer Robotfabrik. Update Robotfabrik and try again.</source>
        <translation>Paketet gjordes av en nyare Robotfabrik. Uppdatera Robotfabrik och försök igen.</translation>
    </message>
    <message>
        <source>The bundle&apos;s description (manifest.json) is not one Robotfabrik wrote.</source>
        <translation>Paketets beskrivning (manifest.json) är inte skriven av Robotfabrik.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>New bot…</source>
        <translation>Ny robot…</translation>
    </message>
    <message>
        <source>Make a new, empty bot in My bots</source>
        <translation>Gör en ny, tom robot i Mina robotar</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Byt namn…</translation>
    </message>
    <message>
        <source>Give the selected bot another name (F2)</source>
        <translation>Ge den valda roboten ett annat namn (F2)</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicera</translation>
    </message>
    <message>
        <source>Make a copy of the selected bot, with its pictures, in My bots</source>
        <translation>Gör en kopia av den valda roboten, med dess bilder, i Mina robotar</translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation>Flytta till papperskorgen…</translation>
    </message>
    <message>
        <source>Move the selected bot to the trash; it can be restored from there (Del)</source>
        <translation>Flytta den valda roboten till papperskorgen; den kan återställas därifrån (Del)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Put the selected bot back in My bots</source>
        <translation>Lägg tillbaka den valda roboten i Mina robotar</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Töm papperskorgen…</translation>
    </message>
    <message>
        <source>Remove the bots in the trash for good</source>
        <translation>Ta bort robotarna i papperskorgen för gott</translation>
    </message>
    <message>
        <source>Import bundle…</source>
        <translation>Importera robotpaket…</translation>
    </message>
    <message>
        <source>Add a bot someone sent you as a .zip bundle to My bots</source>
        <translation>Lägg till en robot som någon skickat som robotpaket (.zip) i Mina robotar</translation>
    </message>
    <message>
        <source>Export bundle…</source>
        <translation>Exportera robotpaket…</translation>
    </message>
    <message>
        <source>Save the selected bot with its pictures as one .zip file to send to someone</source>
        <translation>Spara den valda roboten med dess bilder som en .zip-fil att skicka till någon</translation>
    </message>
    <message>
        <source>Find bot</source>
        <translation>Sök robot</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Search bots (Ctrl+F)</source>
        <translation>Sök robot (Ctrl+F)</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Robotpaket</translation>
    </message>
    <message>
        <source>Import a bot someone sent you, or export one to send</source>
        <translation>Importera en robot som någon skickat, eller exportera en för att skicka den</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliotek</translation>
    </message>
    <message>
        <source>Trash ({count})</source>
        <translation>Papperskorg ({count})</translation>
    </message>
    <message>
        <source>Deleted bots. Click to show or hide them; choose one to restore it.</source>
        <translation>Borttagna robotar. Klicka för att visa eller dölja dem; välj en för att återställa den.</translation>
    </message>
    <message>
        <source>{name} (cannot be opened)</source>
        <translation>{name} (kan inte öppnas)</translation>
    </message>
    <message>
        <source>Example – read only. Duplicate it to change a copy of your own.</source>
        <translation>Exempel – skrivskyddat. Duplicera det för att ändra en egen kopia.</translation>
    </message>
    <message>
        <source>Deleted {when} from {folder}. Restore puts it back in My bots.</source>
        <translation>Borttagen {when} från {folder}. Återställ lägger tillbaka den i Mina robotar.</translation>
    </message>
    <message>
        <source>No bot matches “{text}”.</source>
        <translation>Ingen robot matchar ”{text}”.</translation>
    </message>
    <message>
        <source>“{name}” has unsaved changes. Save or undo them first.</source>
        <translation>”{name}” har osparade ändringar. Spara eller ångra dem först.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Fil: {path}</translation>
    </message>
    <message>
        <source>In the bundle: {entry}</source>
        <translation>I paketet: {entry}</translation>
    </message>
    <message>
        <source>Details: {reason}</source>
        <translation>Detaljer: {reason}</translation>
    </message>
    <message>
        <source>Where: {path}</source>
        <translation>Plats: {path}</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>Problem: {reason}</translation>
    </message>
    <message>
        <source>New bot</source>
        <translation>Ny robot</translation>
    </message>
    <message>
        <source>What is the new bot called? For example “Frånvaroanmälan timanställda”.</source>
        <translation>Vad ska den nya roboten heta? Till exempel ”Frånvaroanmälan timanställda”.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Skapa</translation>
    </message>
    <message>
        <source>The bot could not be made</source>
        <translation>Roboten kunde inte skapas</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ingenting ändrades.</translation>
    </message>
    <message>
        <source>Made the new bot “{name}”.</source>
        <translation>Gjorde den nya roboten ”{name}”.</translation>
    </message>
    <message>
        <source>Rename bot</source>
        <translation>Byt namn på robot</translation>
    </message>
    <message>
        <source>New name for “{name}”:</source>
        <translation>Nytt namn på ”{name}”:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Byt namn</translation>
    </message>
    <message>
        <source>The bot could not be renamed</source>
        <translation>Roboten kunde inte byta namn</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (kopia)</translation>
    </message>
    <message>
        <source>{name} (copy {number})</source>
        <translation>{name} (kopia {number})</translation>
    </message>
    <message>
        <source>The bot could not be copied</source>
        <translation>Roboten kunde inte kopieras</translation>
    </message>
    <message>
        <source>Made a copy in My bots: “{name}”.</source>
        <translation>Gjorde en kopia i Mina robotar: ”{name}”.</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Flytta till papperskorgen</translation>
    </message>
    <message>
        <source>Move “{name}” to the trash?</source>
        <translation>Flytta ”{name}” till papperskorgen?</translation>
    </message>
    <message>
        <source>You can restore it from the trash at the bottom of the list until the trash is emptied.</source>
        <translation>Du kan återställa den från papperskorgen längst ned i listan tills papperskorgen töms.</translation>
    </message>
    <message>
        <source>The bot could not be moved to the trash</source>
        <translation>Roboten kunde inte flyttas till papperskorgen</translation>
    </message>
    <message>
        <source>Moved “{name}” to the trash.</source>
        <translation>Flyttade ”{name}” till papperskorgen.</translation>
    </message>
    <message>
        <source>The bot could not be restored</source>
        <translation>Roboten kunde inte återställas</translation>
    </message>
    <message>
        <source>Restored “{name}” to My bots.</source>
        <translation>Återställde ”{name}” till Mina robotar.</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Töm papperskorgen</translation>
    </message>
    <message>
        <source>Remove the {count} bots in the trash for good?</source>
        <translation>Ta bort de {count} robotarna i papperskorgen för gott?</translation>
    </message>
    <message>
        <source>Remove the bot in the trash for good?</source>
        <translation>Ta bort roboten i papperskorgen för gott?</translation>
    </message>
    <message>
        <source>They cannot be restored afterwards.</source>
        <translation>De går inte att återställa efteråt.</translation>
    </message>
    <message>
        <source>The trash could not be emptied</source>
        <translation>Papperskorgen kunde inte tömmas</translation>
    </message>
    <message>
        <source>What could be removed is gone; the rest is still in the trash.</source>
        <translation>Det som gick att ta bort är borta; resten ligger kvar i papperskorgen.</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Papperskorgen är tom.</translation>
    </message>
    <message>
        <source>The bundle could not be imported</source>
        <translation>Robotpaketet kunde inte importeras</translation>
    </message>
    <message>
        <source>Nothing was added to My bots.</source>
        <translation>Ingenting lades till i Mina robotar.</translation>
    </message>
    <message>
        <source>Imported “{name}” into My bots.</source>
        <translation>Importerade ”{name}” till Mina robotar.</translation>
    </message>
    <message>
        <source>The bot could not be exported</source>
        <translation>Roboten kunde inte exporteras</translation>
    </message>
    <message>
        <source>No bundle was written.</source>
        <translation>Inget robotpaket skrevs.</translation>
    </message>
    <message>
        <source>Unsaved changes are not in it.</source>
        <translation>Osparade ändringar finns inte med.</translation>
    </message>
    <message>
        <source>Exported “{name}” to {path}.</source>
        <translation>Exporterade ”{name}” till {path}.</translation>
    </message>
    <message>
        <source>Import bundle</source>
        <translation>Importera robotpaket</translation>
    </message>
    <message>
        <source>Robot bundles (*.zip)</source>
        <translation>Robotpaket (*.zip)</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Exportera robotpaket</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Tal</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Val</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Hemlig</translation>
    </message>
    <message>
        <source>step {number} (id {id})</source>
        <translation>steg {number} (id {id})</translation>
    </message>
    <message>
        <source>step {number}</source>
        <translation>steg {number}</translation>
    </message>
    <message>
        <source>parameter {number}</source>
        <translation>parameter {number}</translation>
    </message>
    <message>
        <source>This bot cannot be opened</source>
        <translation>Den här roboten kan inte öppnas</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Var</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Correct the file, then press Refresh ({key}). Other bots can still be opened.</source>
        <translation>Rätta filen och tryck sedan på Uppdatera ({key}). Andra robotar går att öppna som vanligt.</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>Visa mappen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Cannot be opened: {reason}</source>
        <translation>Kan inte öppnas: {reason}</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>Mapp: {path}</translation>
    </message>
    <message>
        <source>Not a bot folder</source>
        <translation>Ingen robotmapp</translation>
    </message>
    <message>
        <source>There is no bot in {path}: a bot folder holds a file named bot.json.</source>
        <translation>Det finns ingen robot i {path}: en robotmapp innehåller en fil som heter bot.json.</translation>
    </message>
    <message>
        <source>Open bot folder</source>
        <translation>Öppna robotmapp</translation>
    </message>
    <message>
        <source>Choose a bot in the list on the left.</source>
        <translation>Välj en robot i listan till vänster.</translation>
    </message>
    <message>
        <source>You have no bots yet. To make one, press Record.</source>
        <translation>Du har inga robotar ännu. Tryck på Spela in för att göra en.</translation>
    </message>
    <message>
        <source>Example – read only</source>
        <translation>Exempel – skrivskyddad</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Ingen beskrivning.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>K&amp;ör</translation>
    </message>
    <message>
        <source>Run from here</source>
        <translation>Kör härifrån</translation>
    </message>
    <message>
        <source>Run from the selected step to the end</source>
        <translation>Kör från det valda steget till slutet</translation>
    </message>
    <message>
        <source>Run this step</source>
        <translation>Kör det här steget</translation>
    </message>
    <message>
        <source>Run only the selected steps</source>
        <translation>Kör bara de valda stegen</translation>
    </message>
    <message>
        <source>Run with a data file…</source>
        <translation>Kör med en datafil…</translation>
    </message>
    <message>
        <source>Run once for every row of a CSV or Excel file</source>
        <translation>Kör en gång för varje rad i en CSV- eller Excelfil</translation>
    </message>
    <message numerus="yes">
        <source>Record %n step(s)</source>
        <translation>
            <numerusform>Spela in %n steg</numerusform>
            <numerusform>Spela in %n steg</numerusform>
        </translation>
    </message>
    <message>
        <source>Take a step into a decision</source>
        <translation>Ta in ett steg i ett beslut</translation>
    </message>
    <message>
        <source>Take a step out of a decision</source>
        <translation>Ta ut ett steg ur ett beslut</translation>
    </message>
    <message>
        <source>Move a step within a decision</source>
        <translation>Flytta ett steg inom ett beslut</translation>
    </message>
    <message>
        <source>Make parameter {name}</source>
        <translation>Gör parameter {name}</translation>
    </message>
    <message>
        <source>Add parameter {name}</source>
        <translation>Lägg till parameter {name}</translation>
    </message>
    <message>
        <source>Change parameter {name}</source>
        <translation>Ändra parameter {name}</translation>
    </message>
    <message>
        <source>Remove parameter {name}</source>
        <translation>Ta bort parameter {name}</translation>
    </message>
    <message>
        <source>No bot selected</source>
        <translation>Ingen robot vald</translation>
    </message>
    <message>
        <source>Cannot be opened</source>
        <translation>Kan inte öppnas</translation>
    </message>
    <message numerus="yes">
        <source>%n switched off</source>
        <translation>
            <numerusform>%n avstängt</numerusform>
            <numerusform>%n avstängda</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot could not be saved</source>
        <translation>Roboten kunde inte sparas</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Sparad</translation>
    </message>
    <message>
        <source>Save changes to “{name}”?</source>
        <translation>Spara ändringarna i ”{name}”?</translation>
    </message>
    <message>
        <source>Your changes are lost if you do not save them.</source>
        <translation>Ändringarna försvinner om du inte sparar dem.</translation>
    </message>
    <message>
        <source>The new pictures are saved when you save the robot.</source>
        <translation>De nya bilderna sparas när du sparar roboten.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n new picture(s) in the robot.</source>
        <translation>
            <numerusform>Sparade %n ny bild i roboten.</numerusform>
            <numerusform>Sparade %n nya bilder i roboten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>A studio for attended software robots: record a routine once, check it as a list of steps with pictures, and let the robot do it while you watch.</source>
        <translation>En studio för övervakade mjukvarurobotar: spela in ett arbetsmoment en gång, granska det som en lista med steg och bilder, och låt roboten göra det medan du ser på.</translation>
    </message>
    <message>
        <source>About Robotfabrik</source>
        <translation>Om Robotfabrik</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;Open bot folder…</source>
        <translation>&amp;Öppna robotmapp…</translation>
    </message>
    <message>
        <source>Open a bot folder that is not in the library</source>
        <translation>Öppna en robotmapp som inte finns i biblioteket</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>Save the changes to the selected bot</source>
        <translation>Spara ändringarna i den valda roboten</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <source>Read the bot list and the selected bot again from disk</source>
        <translation>Läs in robotlistan och den valda roboten igen från disken</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Inställningar…</translation>
    </message>
    <message>
        <source>Library folder, hotkeys, how long pictures are kept, language</source>
        <translation>Biblioteksmapp, kortkommandon, hur länge bilder sparas, språk</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Spela in</translation>
    </message>
    <message>
        <source>Record steps into the selected bot, or a new one</source>
        <translation>Spela in steg i den valda roboten, eller i en ny</translation>
    </message>
    <message>
        <source>Run the selected bot</source>
        <translation>Kör den valda roboten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <source>Stop the running bot ({hotkey})</source>
        <translation>Stoppa roboten som kör ({hotkey})</translation>
    </message>
    <message>
        <source>&amp;About Robotfabrik</source>
        <translation>&amp;Om Robotfabrik</translation>
    </message>
    <message>
        <source>Run &amp;history and benefit…</source>
        <translation>Kör&amp;historik och nytta…</translation>
    </message>
    <message>
        <source>What the robots did, step by step, and what they gave back</source>
        <translation>Vad robotarna gjorde, steg för steg, och vad de gav tillbaka</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Verktyg</translation>
    </message>
    <message>
        <source>There is no run {run} in the history.</source>
        <translation>Körningen {run} finns inte i historiken.</translation>
    </message>
    <message>
        <source>Any text.</source>
        <translation>Vilken text som helst.</translation>
    </message>
    <message>
        <source>An amount or a count, for example 1250 or 1 250,50.</source>
        <translation>Ett belopp eller ett antal, till exempel 1250 eller 1 250,50.</translation>
    </message>
    <message>
        <source>A date written YYYY-MM-DD.</source>
        <translation>Ett datum som skrivs ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>Checked before the robot starts: a real date and the right last digit.</source>
        <translation>Kontrolleras innan roboten startar: ett riktigt datum och rätt kontrollsiffra.</translation>
    </message>
    <message>
        <source>One of a fixed list, chosen from a menu when the robot starts.</source>
        <translation>Ett av flera bestämda alternativ, som väljs i en lista när roboten startar.</translation>
    </message>
    <message>
        <source>A password: asked for each time, never stored, masked in the log.</source>
        <translation>Ett lösenord: frågas efter varje gång, sparas aldrig och döljs i loggen.</translation>
    </message>
    <message>
        <source>The default must be a number, for example 1250 or 1250,50.</source>
        <translation>Standardvärdet måste vara ett tal, till exempel 1250 eller 1250,50.</translation>
    </message>
    <message>
        <source>The default must be a date written YYYY-MM-DD.</source>
        <translation>Standardvärdet måste vara ett datum som skrivs ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>The default is not a valid personal identity number.</source>
        <translation>Standardvärdet är inget giltigt personnummer.</translation>
    </message>
    <message>
        <source>The default must be one of the choices.</source>
        <translation>Standardvärdet måste vara ett av alternativen.</translation>
    </message>
    <message>
        <source>Change parameter</source>
        <translation>Ändra parameter</translation>
    </message>
    <message>
        <source>New parameter</source>
        <translation>Ny parameter</translation>
    </message>
    <message>
        <source>for example Personal identity number</source>
        <translation>till exempel Personnummer</translation>
    </message>
    <message>
        <source>for example personnummer</source>
        <translation>till exempel personnummer</translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation>Ett alternativ per rad</translation>
    </message>
    <message>
        <source>Empty: the robot asks each time</source>
        <translation>Tomt: roboten frågar varje gång</translation>
    </message>
    <message>
        <source>Label (shown when the robot asks):</source>
        <translation>Etikett (visas när roboten frågar):</translation>
    </message>
    <message>
        <source>Name in the text:</source>
        <translation>Namn i texten:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Choices:</source>
        <translation>Alternativ:</translation>
    </message>
    <message>
        <source>Default value:</source>
        <translation>Standardvärde:</translation>
    </message>
    <message>
        <source>Give the parameter a name.</source>
        <translation>Ge parametern ett namn.</translation>
    </message>
    <message>
        <source>A name may hold the letters a–z, digits and _, and must not start with a digit.</source>
        <translation>Ett namn får innehålla bokstäverna a–z, siffror och _, och får inte börja med en siffra.</translation>
    </message>
    <message>
        <source>The bot already has a parameter named {name}.</source>
        <translation>Roboten har redan en parameter som heter {name}.</translation>
    </message>
    <message>
        <source>Write at least one choice, one per line.</source>
        <translation>Skriv minst ett alternativ, ett per rad.</translation>
    </message>
    <message>
        <source>The same choice is written twice.</source>
        <translation>Samma alternativ står två gånger.</translation>
    </message>
    <message>
        <source>Make parameter</source>
        <translation>Gör till parameter</translation>
    </message>
    <message>
        <source>The typed text “{text}” is replaced by a value the robot asks for when it starts.</source>
        <translation>Den inspelade texten ”{text}” byts mot ett värde som roboten frågar efter när den startar.</translation>
    </message>
    <message>
        <source>Keep “{text}” as the default value</source>
        <translation>Behåll ”{text}” som standardvärde</translation>
    </message>
    <message>
        <source>The step will type:</source>
        <translation>Steget skriver:</translation>
    </message>
    <message>
        <source>A secret is never stored.</source>
        <translation>En hemlig parameter sparas aldrig.</translation>
    </message>
    <message>
        <source>A personal identity number is personal data: as a default it is stored in the bot file and goes with every copy of the bot.</source>
        <translation>Ett personnummer är en personuppgift: som standardvärde sparas det i robotfilen och följer med varje kopia av roboten.</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standardvärde</translation>
    </message>
    <message>
        <source>Used in steps</source>
        <translation>Används i steg</translation>
    </message>
    <message>
        <source>No step uses this parameter.</source>
        <translation>Inget steg använder den här parametern.</translation>
    </message>
    <message>
        <source>asked each time</source>
        <translation>frågas varje gång</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametrar</translation>
    </message>
    <message>
        <source>What the robot asks for when it starts. A step&apos;s text uses a parameter by its name in double braces, e.g. {{namn}}.</source>
        <translation>Det som roboten frågar efter när den startar. Ett stegs text använder en parameter med dess namn inom dubbla klammerparenteser, t.ex. {{namn}}.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Lägg till…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>“{name}” is used by steps {steps}. Change those steps first, then remove the parameter.</source>
        <translation>”{name}” används i steg {steps}. Ändra de stegen först och ta sedan bort parametern.</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steg</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n step(s) in {seconds} s</source>
        <translation>
            <numerusform>Klar: %n steg på {seconds} s</numerusform>
            <numerusform>Klar: %n steg på {seconds} s</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped before the first step.</source>
        <translation>Stoppad före första steget.</translation>
    </message>
    <message>
        <source>Stopped at step {number}.</source>
        <translation>Stoppad vid steg {number}.</translation>
    </message>
    <message>
        <source>Failed at step {number}: {reason}</source>
        <translation>Misslyckades vid steg {number}: {reason}</translation>
    </message>
    <message>
        <source>The run failed: {reason}</source>
        <translation>Körningen misslyckades: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n fall</numerusform>
            <numerusform>%n fall</numerusform>
        </translation>
    </message>
    <message>
        <source>done: {count}</source>
        <translation>klara: {count}</translation>
    </message>
    <message>
        <source>row</source>
        <translation>rad</translation>
    </message>
    <message>
        <source>not done: {count} ({rows})</source>
        <translation>inte klara: {count} ({rows})</translation>
    </message>
    <message>
        <source>not reached: {count}</source>
        <translation>inte påbörjade: {count}</translation>
    </message>
    <message>
        <source>Data files (*.csv *.txt *.xlsx *.xlsm)</source>
        <translation>Datafiler (*.csv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>{file}: no row can be run.</source>
        <translation>{file}: ingen rad kan köras.</translation>
    </message>
    <message>
        <source>The data file cannot be used</source>
        <translation>Datafilen kan inte användas</translation>
    </message>
    <message>
        <source>Nothing was run.</source>
        <translation>Inget kördes.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stoppar…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>Steg {number} av {total}</translation>
    </message>
    <message>
        <source>Case {number} of {total} ({row})</source>
        <translation>Fall {number} av {total} ({row})</translation>
    </message>
    <message>
        <source>Waiting for your answer</source>
        <translation>Väntar på ditt svar</translation>
    </message>
    <message>
        <source>Going on…</source>
        <translation>Fortsätter…</translation>
    </message>
    <message>
        <source>Waiting for your decision</source>
        <translation>Väntar på ditt beslut</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>Körningen misslyckades</translation>
    </message>
    <message>
        <source>The robot learned new pictures</source>
        <translation>Roboten har lärt sig nya bilder</translation>
    </message>
    <message>
        <source>This is an example and cannot be changed. Save a copy with the new pictures in My bots?</source>
        <translation>Det här är ett exempel och kan inte ändras. Vill du spara en kopia med de nya bilderna i Mina robotar?</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Spara en kopia</translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation>Spara inte</translation>
    </message>
    <message>
        <source>The new pictures could not be saved</source>
        <translation>De nya bilderna kunde inte sparas</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Körningar</translation>
    </message>
    <message>
        <source>Cases done</source>
        <translation>Klara ärenden</translation>
    </message>
    <message>
        <source>Robot time</source>
        <translation>Robottid</translation>
    </message>
    <message>
        <source>By hand, per case</source>
        <translation>För hand, per ärende</translation>
    </message>
    <message>
        <source>Saved this week</source>
        <translation>Sparat denna vecka</translation>
    </message>
    <message>
        <source>Saved this month</source>
        <translation>Sparat denna månad</translation>
    </message>
    <message>
        <source>Saved in all</source>
        <translation>Sparat totalt</translation>
    </message>
    <message>
        <source>Not known: the bot has no finished recording and no time set by hand.</source>
        <translation>Okänd: roboten har ingen avslutad inspelning och ingen tid angiven för hand.</translation>
    </message>
    <message>
        <source>Set by the superuser for this bot (human_minutes_per_case in bot.json).</source>
        <translation>Angiven av superanvändaren för den här roboten (human_minutes_per_case i bot.json).</translation>
    </message>
    <message>
        <source>How long the bot&apos;s latest recording took: a person doing one case.</source>
        <translation>Så lång tid tog robotens senaste inspelning: en person som gör ett ärende.</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>okänd</translation>
    </message>
    <message>
        <source>Robot minutes</source>
        <translation>Robotens minuter</translation>
    </message>
    <message>
        <source>Minutes the same cases take by hand</source>
        <translation>Minuter för samma ärenden för hand</translation>
    </message>
    <message>
        <source>week {number}</source>
        <translation>v. {number}</translation>
    </message>
    <message>
        <source>{hours} saved</source>
        <translation>{hours} sparat</translation>
    </message>
    <message>
        <source>What the robots give back</source>
        <translation>Vad robotarna ger tillbaka</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <source>A case is done when its run succeeded. Hours saved are the time the cases done take by hand, less the robot&apos;s own time (failed runs included). The time by hand is how long the bot&apos;s recording took, unless a superuser set it for the bot.</source>
        <translation>Ett ärende är klart när körningen lyckades. Sparade timmar är den tid de klara ärendena tar för hand, minus robotens egen tid (misslyckade körningar inräknade). Tiden för hand är hur lång tid robotens inspelning tog, om inte en superanvändare har angett den för roboten.</translation>
    </message>
    <message>
        <source>No runs yet. When a robot has run, this shows what it gave back: cases done, robot time and the hours saved.</source>
        <translation>Inga körningar ännu. När en robot har kört visas här vad den gav tillbaka: klara ärenden, robottid och sparade timmar.</translation>
    </message>
    <message>
        <source>The run history cannot be read: {reason}</source>
        <translation>Körhistoriken kan inte läsas: {reason}</translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation>Inga körningar ännu</translation>
    </message>
    <message>
        <source>{hours} saved this month</source>
        <translation>{hours} sparade den här månaden</translation>
    </message>
    <message>
        <source>{cases} cases done this month; {hours} saved this week.</source>
        <translation>{cases} ärenden klara den här månaden; {hours} sparade den här veckan.</translation>
    </message>
    <message>
        <source>Not counted, since their time by hand is not known: {bots}.</source>
        <translation>Räknas inte med, eftersom tiden för hand är okänd: {bots}.</translation>
    </message>
    <message>
        <source>Week by week, all bots</source>
        <translation>Vecka för vecka, alla robotar</translation>
    </message>
    <message>
        <source>Week by week: {bot}</source>
        <translation>Vecka för vecka: {bot}</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Vad som hände</translation>
    </message>
    <message>
        <source>Every step done</source>
        <translation>Alla steg klara</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Körhistorik</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Alla resultat</translation>
    </message>
    <message>
        <source>Bot:</source>
        <translation>Robot:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Resultat:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Från:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Till:</translation>
    </message>
    <message>
        <source>◀ Newer</source>
        <translation>◀ Nyare</translation>
    </message>
    <message>
        <source>Older ▶</source>
        <translation>Äldre ▶</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Spara som CSV…</translation>
    </message>
    <message>
        <source>Save as report (HTML)…</source>
        <translation>Spara som rapport (HTML)…</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>alla dagar</translation>
    </message>
    <message>
        <source>All bots</source>
        <translation>Alla robotar</translation>
    </message>
    <message>
        <source>Runs {first}–{last} of {total}</source>
        <translation>Körningar {first}–{last} av {total}</translation>
    </message>
    <message>
        <source>No runs match these filters. Choose another bot, result or dates.</source>
        <translation>Inga körningar matchar urvalet. Välj en annan robot, ett annat resultat eller andra datum.</translation>
    </message>
    <message>
        <source>No runs yet. When a robot has run, each run is listed here with its steps.</source>
        <translation>Inga körningar ännu. När en robot har kört visas varje körning här med sina steg.</translation>
    </message>
    <message>
        <source>Choose a run to see its steps.</source>
        <translation>Välj en körning för att se dess steg.</translation>
    </message>
    <message>
        <source>{bot}, {started}: {result}</source>
        <translation>{bot}, {started}: {result}</translation>
    </message>
    <message>
        <source>Time taken: {duration}</source>
        <translation>Tid: {duration}</translation>
    </message>
    <message>
        <source>Values: {values}</source>
        <translation>Värden: {values}</translation>
    </message>
    <message>
        <source>No steps were recorded for this run.</source>
        <translation>Inga steg sparades för den här körningen.</translation>
    </message>
    <message>
        <source>No screenshot was taken of this step.</source>
        <translation>Ingen skärmbild togs av det här steget.</translation>
    </message>
    <message>
        <source>The screenshot of step {number} has been removed: screens with personal data are kept for a limited time.</source>
        <translation>Skärmbilden av steg {number} har tagits bort: skärmar med personuppgifter sparas bara en begränsad tid.</translation>
    </message>
    <message>
        <source>Click to see the screen at full size</source>
        <translation>Klicka för att se skärmen i full storlek</translation>
    </message>
    <message>
        <source>Save the run as CSV</source>
        <translation>Spara körningen som CSV</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV för Excel (*.csv)</translation>
    </message>
    <message>
        <source>Save the run as a report</source>
        <translation>Spara körningen som rapport</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webbsida (*.html)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Kunde inte spara {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Sparade {path}</translation>
    </message>
    <message>
        <source>Run history and benefit</source>
        <translation>Körhistorik och nytta</translation>
    </message>
    <message>
        <source>Now click the spot inside the rectangle where the robot should act. Right-click to draw the rectangle again, Esc to cancel.</source>
        <translation>Klicka nu på stället i rektangeln där roboten ska klicka. Högerklicka för att rita rektangeln igen, Esc avbryter.</translation>
    </message>
    <message>
        <source>Drag a rectangle around what the robot should look for, for example a button with its text. Esc cancels.</source>
        <translation>Dra en rektangel runt det som roboten ska leta efter, till exempel en knapp med sin text. Esc avbryter.</translation>
    </message>
    <message>
        <source>That was outside the rectangle.</source>
        <translation>Det var utanför rektangeln.</translation>
    </message>
    <message>
        <source>That rectangle is too small: drag across the whole thing.</source>
        <translation>Rektangeln är för liten: dra över hela saken.</translation>
    </message>
    <message>
        <source>The screen could not be pictured: {reason}</source>
        <translation>Det gick inte att ta en bild av skärmen: {reason}</translation>
    </message>
    <message>
        <source>Pick again on screen…</source>
        <translation>Välj på nytt på skärmen…</translation>
    </message>
    <message>
        <source>Hides the studio and shows the screen as it is now: drag a rectangle around what the robot should look for, then click where it should act.</source>
        <translation>Döljer studion och visar skärmen som den ser ut nu: dra en rektangel runt det som roboten ska leta efter och klicka sedan där den ska klicka.</translation>
    </message>
    <message>
        <source>How alike:</source>
        <translation>Likhet:</translation>
    </message>
    <message>
        <source>Standard ({percent} %)</source>
        <translation>Standard ({percent} %)</translation>
    </message>
    <message>
        <source>How alike the screen must be to the picture. Lower it if the robot does not find a place that has changed a little; raise it if it finds the wrong one.</source>
        <translation>Hur lik skärmen måste vara bilden. Sänk den om roboten inte hittar ett ställe som har ändrats lite; höj den om den hittar fel ställe.</translation>
    </message>
    <message>
        <source>The window when the step was recorded; the box is the picture the robot looks for, the ring where it acts.</source>
        <translation>Fönstret när steget spelades in. Rutan är bilden som roboten letar efter, ringen är där den klickar.</translation>
    </message>
    <message>
        <source>The window when the step was recorded. The picture could not be found on it, so the place is not marked.</source>
        <translation>Fönstret när steget spelades in. Bilden hittades inte i det, så platsen är inte markerad.</translation>
    </message>
    <message>
        <source>No picture yet: pick the picture to wait for on the screen.</source>
        <translation>Ingen bild ännu: välj bilden att vänta på på skärmen.</translation>
    </message>
    <message>
        <source>No picture: the robot finds this place only by where it was recorded. Pick a picture on the screen to make it sturdier.</source>
        <translation>Ingen bild: roboten hittar platsen bara genom var den spelades in. Välj en bild på skärmen så blir den säkrare.</translation>
    </message>
    <message>
        <source>The picture the robot looks for ({width} × {height} pixels).</source>
        <translation>Bilden som roboten letar efter ({width} × {height} bildpunkter).</translation>
    </message>
    <message>
        <source>The picture the robot looks for ({width} × {height} pixels); the ring is where it acts.</source>
        <translation>Bilden som roboten letar efter ({width} × {height} bildpunkter). Ringen är där den klickar.</translation>
    </message>
    <message>
        <source>First the robot looks for the element {element} in the window “{window}”, then for the picture.</source>
        <translation>Först letar roboten efter elementet {element} i fönstret ”{window}”, sedan efter bilden.</translation>
    </message>
    <message>
        <source>Its id: {id}</source>
        <translation>Dess id: {id}</translation>
    </message>
    <message>
        <source>The window when the step was recorded.</source>
        <translation>Fönstret när steget spelades in.</translation>
    </message>
    <message>
        <source>The robot reads the text the element {element} shows in the window “{window}”. If the element is not there, it asks you, or an unattended run stops.</source>
        <translation>Roboten läser texten som elementet {element} visar i fönstret ”{window}”. Finns elementet inte där frågar den dig, eller så stannar en obevakad körning.</translation>
    </message>
    <message>
        <source>“{name}” ({kind})</source>
        <translation>”{name}” ({kind})</translation>
    </message>
    <message>
        <source>the place {where} in the window “{window}”</source>
        <translation>platsen {where} i fönstret ”{window}”</translation>
    </message>
    <message>
        <source>the place {where} in its window</source>
        <translation>platsen {where} i sitt fönster</translation>
    </message>
    <message>
        <source>the place ({x}, {y}) on the screen</source>
        <translation>platsen ({x}, {y}) på skärmen</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} eller {second}</translation>
    </message>
    <message>
        <source>If neither the element nor the picture is found, the robot uses {way}.</source>
        <translation>Om varken elementet eller bilden hittas använder roboten {way}.</translation>
    </message>
    <message>
        <source>If neither the element nor the picture is found, the robot asks you before it uses {way}; a robot nobody attends stops there.</source>
        <translation>Om varken elementet eller bilden hittas frågar roboten dig innan den använder {way}; en robot som ingen övervakar stannar där.</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n step(s)</source>
        <translation>
            <numerusform>Infoga %n steg</numerusform>
            <numerusform>Infoga %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Ta bort %n steg</numerusform>
            <numerusform>Ta bort %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Flytta %n steg</numerusform>
            <numerusform>Flytta %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n step(s)</source>
        <translation>
            <numerusform>Dubblera %n steg</numerusform>
            <numerusform>Dubblera %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch on %n step(s)</source>
        <translation>
            <numerusform>Slå på %n steg</numerusform>
            <numerusform>Slå på %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch off %n step(s)</source>
        <translation>
            <numerusform>Slå av %n steg</numerusform>
            <numerusform>Slå av %n steg</numerusform>
        </translation>
    </message>
    <message>
        <source>Change step {number}</source>
        <translation>Ändra steg {number}</translation>
    </message>
    <message>
        <source>New picture for step {number}</source>
        <translation>Ny bild för steg {number}</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>Klistra in %n steg</numerusform>
            <numerusform>Klistra in %n steg</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the place on the screen, then switch the step on.</source>
        <translation>Välj platsen på skärmen och slå sedan på steget.</translation>
    </message>
    <message>
        <source>Wait until the picture the selected step looks for shows on the screen</source>
        <translation>Vänta tills bilden som det markerade steget letar efter syns på skärmen</translation>
    </message>
    <message>
        <source>&amp;Insert step</source>
        <translation>&amp;Infoga steg</translation>
    </message>
    <message>
        <source>Wait for the selected step&apos;s picture</source>
        <translation>Vänta på bilden i det markerade steget</translation>
    </message>
    <message>
        <source>Wait for a window</source>
        <translation>Vänta på ett fönster</translation>
    </message>
    <message>
        <source>Wait a while</source>
        <translation>Vänta en stund</translation>
    </message>
    <message>
        <source>A person decides (approve or reject)</source>
        <translation>En person beslutar (godkänn eller avslå)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp u&amp;t</translation>
    </message>
    <message>
        <source>Cut the selected steps</source>
        <translation>Klipp ut de markerade stegen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiera</translation>
    </message>
    <message>
        <source>Copy the selected steps, also into another bot</source>
        <translation>Kopiera de markerade stegen, också till en annan robot</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>K&amp;listra in</translation>
    </message>
    <message>
        <source>Paste steps before the selected step</source>
        <translation>Klistra in steg före det markerade steget</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>Delete the selected steps</source>
        <translation>Ta bort de markerade stegen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;ubblera</translation>
    </message>
    <message>
        <source>Put a copy of the selected steps after them</source>
        <translation>Lägg en kopia av de markerade stegen efter dem</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Flytta &amp;upp</translation>
    </message>
    <message>
        <source>Move the selected steps up one place</source>
        <translation>Flytta de markerade stegen ett steg upp</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Flytta &amp;ned</translation>
    </message>
    <message>
        <source>Move the selected steps down one place</source>
        <translation>Flytta de markerade stegen ett steg ned</translation>
    </message>
    <message>
        <source>Switch on or o&amp;ff</source>
        <translation>Slå på eller &amp;av</translation>
    </message>
    <message>
        <source>Switch the selected steps off (the robot skips them) or on again</source>
        <translation>Slå av de markerade stegen (roboten hoppar över dem) eller på igen</translation>
    </message>
    <message>
        <source>Do only if a person &amp;approves</source>
        <translation>Gör bara om en person &amp;godkänner</translation>
    </message>
    <message>
        <source>Put the selected steps into a new decision step: the robot stops, shows the values, and does them only when the person approves</source>
        <translation>Lägger de markerade stegen i ett nytt beslutssteg: roboten stannar, visar värdena och gör stegen bara när personen godkänner</translation>
    </message>
    <message>
        <source>&amp;Read the text here instead</source>
        <translation>&amp;Läs texten här i stället</translation>
    </message>
    <message>
        <source>The robot reads what the clicked field or text shows, for the person deciding later to see, instead of clicking it</source>
        <translation>Roboten läser vad det klickade fältet eller texten visar, så att den som beslutar senare ser det, i stället för att klicka där</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Å&amp;terställ</translation>
    </message>
    <message>
        <source>Throw away the unsaved changes to this bot</source>
        <translation>Släng de osparade ändringarna i den här roboten</translation>
    </message>
    <message>
        <source>Save as my bot</source>
        <translation>Spara som min robot</translation>
    </message>
    <message>
        <source>Copy this example into My bots, where it can be changed</source>
        <translation>Kopiera exemplet till Mina robotar, där det kan ändras</translation>
    </message>
    <message>
        <source>Insert a new step before the selected step</source>
        <translation>Infoga ett nytt steg före det markerade</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Ångra {what}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Gör om {what}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gör om</translation>
    </message>
    <message>
        <source>This change cannot be made</source>
        <translation>Ändringen går inte att göra</translation>
    </message>
    <message>
        <source>Do only if a person approves</source>
        <translation>Gör bara om en person godkänner</translation>
    </message>
    <message>
        <source>Read the text here instead</source>
        <translation>Läs texten här i stället</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n step(s)</source>
        <translation>
            <numerusform>Kopierade %n steg</numerusform>
            <numerusform>Kopierade %n steg</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut %n step(s)</source>
        <translation>
            <numerusform>Klipp ut %n steg</numerusform>
            <numerusform>Klipp ut %n steg</numerusform>
        </translation>
    </message>
    <message>
        <source>An example cannot be changed.</source>
        <translation>Ett exempel kan inte ändras.</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Throw away the unsaved changes to “{name}” and read it again from its folder?</source>
        <translation>Släng de osparade ändringarna i ”{name}” och läs in den igen från mappen?</translation>
    </message>
    <message>
        <source>The bot cannot be read again</source>
        <translation>Roboten kan inte läsas in igen</translation>
    </message>
    <message>
        <source>Unsaved changes were kept</source>
        <translation>Osparade ändringar finns kvar</translation>
    </message>
    <message>
        <source>“{name}” has changes from {when} that were never saved, perhaps because the studio stopped. Restore them?</source>
        <translation>”{name}” har ändringar från {when} som aldrig sparades, kanske för att studion stängdes av. Vill du återställa dem?</translation>
    </message>
    <message>
        <source>Restore the changes</source>
        <translation>Återställ ändringarna</translation>
    </message>
    <message>
        <source>Throw them away</source>
        <translation>Släng dem</translation>
    </message>
    <message>
        <source>The unsaved changes were restored; save to keep them.</source>
        <translation>De osparade ändringarna är återställda; spara för att behålla dem.</translation>
    </message>
    <message>
        <source>The example could not be copied</source>
        <translation>Exemplet kunde inte kopieras</translation>
    </message>
    <message>
        <source>Saved as your own bot in {path}</source>
        <translation>Sparad som din egen robot i {path}</translation>
    </message>
    <message>
        <source>Recording could not start</source>
        <translation>Inspelningen kunde inte starta</translation>
    </message>
    <message>
        <source>New recording</source>
        <translation>Ny inspelning</translation>
    </message>
    <message>
        <source>The recording could not be kept</source>
        <translation>Inspelningen kunde inte tas om hand</translation>
    </message>
    <message>
        <source>Nothing was recorded: nothing was clicked or typed.</source>
        <translation>Inget spelades in: inget klickades eller skrevs.</translation>
    </message>
    <message>
        <source>New recording %Y-%m-%d %H.%M</source>
        <translation>Ny inspelning %Y-%m-%d %H.%M</translation>
    </message>
    <message>
        <source>The recording could not be saved</source>
        <translation>Inspelningen kunde inte sparas</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Ditt beslut</translation>
    </message>
    <message>
        <source>Approve this case?</source>
        <translation>Godkänna ärendet?</translation>
    </message>
    <message>
        <source>The robot has prepared this case (step {number}) and waits for your decision. Check the values below.</source>
        <translation>Roboten har förberett ärendet (steg {number}) och väntar på ditt beslut. Kontrollera värdena nedan.</translation>
    </message>
    <message>
        <source>Your edited values were not taken: {reason}</source>
        <translation>Dina ändrade värden togs inte emot: {reason}</translation>
    </message>
    <message>
        <source>The bot has no values to show.</source>
        <translation>Boten har inga värden att visa.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Godkänn</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Avslå</translation>
    </message>
    <message>
        <source>Edit values</source>
        <translation>Ändra värden</translation>
    </message>
    <message>
        <source>Use these values</source>
        <translation>Använd de här värdena</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Avbryt ändringen</translation>
    </message>
    <message>
        <source>A secret is never shown and cannot be edited here.</source>
        <translation>En hemlighet visas aldrig och kan inte ändras här.</translation>
    </message>
    <message>
        <source>If approved</source>
        <translation>Om det godkänns</translation>
    </message>
    <message>
        <source>If rejected</source>
        <translation>Om det avslås</translation>
    </message>
    <message>
        <source>Step {number} of “{branch}”</source>
        <translation>Steg {number} i ”{branch}”</translation>
    </message>
    <message>
        <source>This step is inside the decision in step {decision}: the robot does it only when the person&apos;s answer leads to “{branch}”.</source>
        <translation>Det här steget ligger i beslutet i steg {decision}: roboten gör det bara när personens svar leder till ”{branch}”.</translation>
    </message>
    <message>
        <source>Shows the chosen step&apos;s settings, its picture and text, to change them where the step is (double-clicking the step does the same)</source>
        <translation>Visar det valda stegets inställningar, bild och text, så att de kan ändras där steget ligger (att dubbelklicka på steget gör detsamma)</translation>
    </message>
    <message>
        <source>Take in the next step</source>
        <translation>Ta in nästa steg</translation>
    </message>
    <message>
        <source>Moves the step after the decision into this list, at its end</source>
        <translation>Flyttar steget efter beslutet till slutet av den här listan</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Upp</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ned</translation>
    </message>
    <message>
        <source>Take out</source>
        <translation>Ta ut</translation>
    </message>
    <message>
        <source>Moves the chosen step out of the decision, to right after it, where it can be changed or deleted like any step</source>
        <translation>Flyttar det valda steget ut ur beslutet, till direkt efter det, där det kan ändras eller tas bort som andra steg</translation>
    </message>
    <message>
        <source>(switched off)</source>
        <translation>(avstängt)</translation>
    </message>
    <message>
        <source>The robot stops here and shows the person running it the bot&apos;s values. Approving does the first list of steps, rejecting the second; then the robot goes on with the step after the decision.</source>
        <translation>Roboten stannar här och visar botens värden för personen som kör den. Godkänner personen görs den första listan med steg, avslår den görs den andra; sedan fortsätter roboten med steget efter beslutet.</translation>
    </message>
    <message>
        <source>&amp;Question to the person:</source>
        <translation>&amp;Fråga till personen:</translation>
    </message>
    <message>
        <source>Values the person sees (none ticked: all of them):</source>
        <translation>Värden som personen ser (inget markerat: alla):</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>The last run failed</source>
        <translation>Senaste körningen misslyckades</translation>
    </message>
    <message>
        <source>Open studio</source>
        <translation>Öppna studion</translation>
    </message>
    <message>
        <source>Show the last run in history</source>
        <translation>Visa den senaste körningen i historiken</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Starta vid inloggning</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <source>The robot cannot be run</source>
        <translation>Roboten kan inte köras</translation>
    </message>
    <message>
        <source>Robot:</source>
        <translation>Robot:</translation>
    </message>
    <message>
        <source>Paused: the robot waits before its next step. {hotkey} goes on.</source>
        <translation>Pausad: roboten väntar före nästa steg. {hotkey} fortsätter.</translation>
    </message>
    <message>
        <source>{name} is done</source>
        <translation>{name} är klar</translation>
    </message>
    <message>
        <source>{name} was stopped</source>
        <translation>{name} stoppades</translation>
    </message>
    <message>
        <source>{name} failed</source>
        <translation>{name} misslyckades</translation>
    </message>
    <message>
        <source>Click here to see the run in the history.</source>
        <translation>Klicka här för att se körningen i historiken.</translation>
    </message>
    <message>
        <source>The setting could not be changed: {reason}</source>
        <translation>Inställningen kunde inte ändras: {reason}</translation>
    </message>
    <message>
        <source>Robotfabrik&apos;s tray is already running; it shows its robots now.</source>
        <translation>Robotfabrik finns redan i systemfältet; där visas robotarna nu.</translation>
    </message>
</context>
</TS>
