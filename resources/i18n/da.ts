<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Pause ({hotkey})</source>
        <translation>Pause ({hotkey})</translation>
    </message>
    <message>
        <source>Resume ({hotkey})</source>
        <translation>Fortsæt ({hotkey})</translation>
    </message>
    <message>
        <source>The robot is paused: {name}</source>
        <translation>Robotten er sat på pause: {name}</translation>
    </message>
    <message>
        <source>Pause the recording: what you do meanwhile does not become steps. Hotkey: {hotkey}</source>
        <translation>Sæt optagelsen på pause: det, du gør imens, bliver ikke til trin. Genvejstast: {hotkey}</translation>
    </message>
    <message>
        <source>Go on recording. Hotkey: {hotkey}</source>
        <translation>Fortsæt optagelsen. Genvejstast: {hotkey}</translation>
    </message>
    <message>
        <source>Secret mode ({hotkey})</source>
        <translation>Hemmelig ({hotkey})</translation>
    </message>
    <message>
        <source>Secret mode, for passwords: what you type is stored nowhere, and the robot asks for it each time it runs. Hotkey: {hotkey}</source>
        <translation>Hemmelig tilstand til adgangskoder: det, du skriver, gemmes ingen steder, og robotten spørger efter det, hver gang den kører. Genvejstast: {hotkey}</translation>
    </message>
    <message>
        <source>Stop recording and save the bot. Hotkey: {hotkey}</source>
        <translation>Stop optagelsen, og gem robotten. Genvejstast: {hotkey}</translation>
    </message>
    <message>
        <source>Secret mode – what you type is not saved</source>
        <translation>Hemmelig tilstand – det, du skriver, gemmes ikke</translation>
    </message>
    <message>
        <source>Time recorded, pauses not counted</source>
        <translation>Optaget tid, pauser ikke medregnet</translation>
    </message>
    <message>
        <source>Steps the bot will have</source>
        <translation>Trin, som robotten får</translation>
    </message>
    <message>
        <source>Drag to move the toolbar</source>
        <translation>Træk for at flytte værktøjslinjen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Optager</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>På pause</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n trin</numerusform>
            <numerusform>%n trin</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppet</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Kører…</translation>
    </message>
    <message>
        <source>Stopped here</source>
        <translation>Stoppet her</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>godkendt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afvist</translation>
    </message>
    <message>
        <source>If approved, step {number}</source>
        <translation>Hvis det godkendes, trin {number}</translation>
    </message>
    <message>
        <source>If rejected, step {number}</source>
        <translation>Hvis det afvises, trin {number}</translation>
    </message>
    <message>
        <source>by its name in the application</source>
        <translation>ud fra sit navn i programmet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Udført</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislykkedes</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sprunget over</translation>
    </message>
    <message>
        <source>by its picture</source>
        <translation>ud fra sit billede</translation>
    </message>
    <message>
        <source>by its picture, elsewhere on the screen</source>
        <translation>ud fra sit billede, et andet sted på skærmen</translation>
    </message>
    <message>
        <source>by its place in the window</source>
        <translation>ud fra sin placering i vinduet</translation>
    </message>
    <message>
        <source>by its place on the screen</source>
        <translation>ud fra sin placering på skærmen</translation>
    </message>
    <message>
        <source>shown by you</source>
        <translation>vist af dig</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>“{label}” must be a number, for example 1250 or 1250,50.</source>
        <translation>»{label}« skal være et tal, for eksempel 1250 eller 1250,50.</translation>
    </message>
    <message>
        <source>“{label}” must be a date written YYYY-MM-DD.</source>
        <translation>»{label}« skal være en dato skrevet ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: write YYYYMMDD-NNNN and check the digits.</source>
        <translation>»{label}« er ikke et gyldigt svensk personnummer: skriv ÅÅÅÅMMDD-NNNN, og kontrollér cifrene.</translation>
    </message>
    <message>
        <source>Choose one of the alternatives for “{label}”.</source>
        <translation>Vælg en af mulighederne for »{label}«.</translation>
    </message>
    <message>
        <source>“{label}”: {value} does not exist in the calendar.</source>
        <translation>»{label}«: {value} findes ikke i kalenderen.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: the last digit (the check digit) does not match the others.</source>
        <translation>»{label}« er ikke et gyldigt svensk personnummer: det sidste ciffer (kontrolcifferet) passer ikke med de andre.</translation>
    </message>
    <message>
        <source>“{label}” is not a valid personal identity number: its date of birth does not exist or lies in the future.</source>
        <translation>»{label}« er ikke et gyldigt svensk personnummer: fødselsdatoen findes ikke eller ligger i fremtiden.</translation>
    </message>
    <message>
        <source>{what} in {window}</source>
        <translation>{what} i {window}</translation>
    </message>
    <message>
        <source>Run “{name}”</source>
        <translation>Kør »{name}«</translation>
    </message>
    <message>
        <source>The robot needs these values before it starts.</source>
        <translation>Robotten skal bruge disse oplysninger, før den starter.</translation>
    </message>
    <message>
        <source>Robotfabrik – robots</source>
        <translation>Robotfabrik – robotter</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop, so the robots are here instead.</source>
        <translation>Der blev ikke fundet noget systembakkeområde på skrivebordet, så robotterne er her i stedet.</translation>
    </message>
    <message>
        <source>Robots</source>
        <translation>Robotter</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kør</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Klar.</translation>
    </message>
    <message>
        <source>Show in history</source>
        <translation>Vis i historikken</translation>
    </message>
    <message>
        <source>No robots in the library yet</source>
        <translation>Ingen robotter i biblioteket endnu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Saved in the keyring – type a new one to replace it</source>
        <translation>Gemt i nøgleringen – skriv en ny for at erstatte den</translation>
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
        <translation>Vælg dagen i en kalender</translation>
    </message>
    <message>
        <source>“{label}” needs a value.</source>
        <translation>»{label}« skal udfyldes.</translation>
    </message>
    <message>
        <source>“{label}” cannot be used.</source>
        <translation>»{label}« kan ikke bruges.</translation>
    </message>
    <message>
        <source>The robot needs your help</source>
        <translation>Robotten har brug for din hjælp</translation>
    </message>
    <message>
        <source>Step {number}: {what}</source>
        <translation>Trin {number}: {what}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Prøv igen</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>Vis mig</translation>
    </message>
    <message>
        <source>Click the recorded place</source>
        <translation>Klik på det optagede sted</translation>
    </message>
    <message>
        <source>Skip the step</source>
        <translation>Spring trinnet over</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>Stop kørslen</translation>
    </message>
    <message>
        <source>Ends the run here; nothing more is done.</source>
        <translation>Afslutter kørslen her; der sker ikke mere.</translation>
    </message>
    <message>
        <source>Click the right place on the screen; the robot clicks there and takes a new picture of it.</source>
        <translation>Klik på det rigtige sted på skærmen; robotten klikker der og tager et nyt billede af det.</translation>
    </message>
    <message>
        <source>Click where the step was recorded, without the picture.</source>
        <translation>Klik der, hvor trinnet blev optaget, uden at lede efter billedet.</translation>
    </message>
    <message>
        <source>The robot has stopped typing: another window has the keyboard focus.</source>
        <translation>Robotten er holdt op med at skrive: et andet vindue har tastaturet.</translation>
    </message>
    <message>
        <source>The robot has stopped typing: another field has the keyboard focus.</source>
        <translation>Robotten er holdt op med at skrive: et andet felt har tastaturfokus.</translation>
    </message>
    <message>
        <source>What the robot typed does not show in the field.</source>
        <translation>Det, robotten skrev, vises ikke i feltet.</translation>
    </message>
    <message>
        <source>What the robot chose does not show in the drop-down list.</source>
        <translation>Det, robotten valgte, vises ikke i rullelisten.</translation>
    </message>
    <message>
        <source>The robot cannot find where to act.</source>
        <translation>Robotten kan ikke finde det rigtige sted på skærmen.</translation>
    </message>
    <message>
        <source>The robot looked for this place by its name in the application and by its picture, and did not find it in time. It does not click where the step was recorded unless you say so.</source>
        <translation>Robotten ledte efter dette sted ved dets navn i programmet og ved dets billede og fandt det ikke i tide. Den klikker ikke der, hvor trinnet blev optaget, medmindre du siger til.</translation>
    </message>
    <message>
        <source>Click in the window the robot works in, then press Try again.</source>
        <translation>Klik i det vindue, robotten arbejder i, og tryk derefter på Prøv igen.</translation>
    </message>
    <message>
        <source>Click in the field the text belongs in, then press Try again.</source>
        <translation>Klik i det felt, teksten hører til, og tryk så på Prøv igen.</translation>
    </message>
    <message>
        <source>Correct the field by hand and press Try again, or skip the step if it is right.</source>
        <translation>Ret feltet i hånden og tryk på Prøv igen, eller spring trinnet over, hvis det er rigtigt.</translation>
    </message>
    <message>
        <source>Choose the right value by hand and press Try again, or skip the step if it is right.</source>
        <translation>Vælg den rigtige værdi i hånden og tryk på Prøv igen, eller spring trinnet over, hvis det er rigtigt.</translation>
    </message>
    <message>
        <source>Make sure the right window is open and visible, then press Try again, or show the robot where to click.</source>
        <translation>Sørg for, at det rigtige vindue er åbent og synligt, og tryk derefter på Prøv igen, eller vis robotten, hvor den skal klikke.</translation>
    </message>
    <message>
        <source>Click the right place on the screen now.</source>
        <translation>Klik nu på det rigtige sted på skærmen.</translation>
    </message>
    <message>
        <source>No click came. Try again, or choose something else.</source>
        <translation>Der kom intet klik. Prøv igen, eller vælg noget andet.</translation>
    </message>
    <message>
        <source>Save the picture in the robot?</source>
        <translation>Gem billedet i robotten?</translation>
    </message>
    <message>
        <source>Then the robot finds the place by itself next time.</source>
        <translation>Så finder robotten selv stedet næste gang.</translation>
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
        <translation>Robotten kører: {name}</translation>
    </message>
    <message>
        <source>Run with a data file</source>
        <translation>Kør med en datafil</translation>
    </message>
    <message numerus="yes">
        <source>The robot will handle %n case(s).</source>
        <translation>
            <numerusform>Robotten vil behandle %n sag.</numerusform>
            <numerusform>Robotten vil behandle %n sager.</numerusform>
        </translation>
    </message>
    <message>
        <source>File: {file}, read as {how}</source>
        <translation>Fil: {file}, læst som {how}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be run and are left out:</source>
        <translation>
            <numerusform>%n række kan ikke køres og springes over:</numerusform>
            <numerusform>%n rækker kan ikke køres og springes over:</numerusform>
        </translation>
    </message>
    <message>
        <source>The robot stops at the first case that fails, so you can see where the system is.</source>
        <translation>Robotten stopper ved den første sag, der mislykkes, så du kan se, hvor systemet står.</translation>
    </message>
    <message numerus="yes">
        <source>Run %n case(s)</source>
        <translation>
            <numerusform>Kør %n sag</numerusform>
            <numerusform>Kør %n sager</numerusform>
        </translation>
    </message>
    <message>
        <source>No picture of the screen was taken.</source>
        <translation>Der blev ikke taget noget billede af skærmen.</translation>
    </message>
    <message>
        <source>Stop ({hotkey})</source>
        <translation>Stop ({hotkey})</translation>
    </message>
    <message>
        <source>The settings file could not be used as it is, so the defaults are used where it is wrong. The file stays as it is until you save the settings.</source>
        <translation>Indstillingsfilen kunne ikke bruges, som den er, så standardværdierne bruges, hvor den er forkert. Filen forbliver uændret, indtil du gemmer indstillingerne.</translation>
    </message>
    <message>
        <source>Add a key that is not Ctrl, Alt, Shift or Super, for example F12.</source>
        <translation>Tilføj en tast, der ikke er Ctrl, Alt, Shift eller Super, for eksempel F12.</translation>
    </message>
    <message>
        <source>Write a hotkey like Ctrl+F12.</source>
        <translation>Skriv en genvejstast som Ctrl+F12.</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Biblioteksmappe</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>Library folder:</source>
        <translation>Biblioteksmappe:</translation>
    </message>
    <message>
        <source>Stop recording:</source>
        <translation>Stop optagelse:</translation>
    </message>
    <message>
        <source>Pause and resume:</source>
        <translation>Pause og fortsæt:</translation>
    </message>
    <message>
        <source>Secret mode:</source>
        <translation>Hemmelig tilstand:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprog:</translation>
    </message>
    <message>
        <source>Keep personal data (days):</source>
        <translation>Gem personoplysninger (dage):</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Where your own bots are kept. Empty: the default folder, {path}</source>
        <translation>Hvor dine egne robotter gemmes. Tom: standardmappen, {path}</translation>
    </message>
    <message>
        <source>Failure screenshots, recording pictures and recorded keystrokes can hold personal data; they are removed this many days after their last use.</source>
        <translation>Skærmbilleder fra fejl, billeder fra optagelser og optagede tastetryk kan indeholde personoplysninger; de slettes så mange dage efter, at de sidst blev brugt.</translation>
    </message>
    <message>
        <source>Privacy mode: keep no screenshot when a step fails, and no picture of the whole window while recording</source>
        <translation>Privatlivstilstand: gem intet skærmbillede, når et trin fejler, og intet billede af hele vinduet under optagelse</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>Write the whole path of the folder, or choose it.</source>
        <translation>Skriv mappens fulde sti, eller vælg den.</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Det er en fil, ikke en mappe.</translation>
    </message>
    <message>
        <source>Already used for “{what}”.</source>
        <translation>Bruges allerede til »{what}«.</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Stop optagelse</translation>
    </message>
    <message>
        <source>Pause and resume</source>
        <translation>Pause og fortsæt</translation>
    </message>
    <message>
        <source>Secret mode</source>
        <translation>Hemmelig tilstand</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>Indstillingerne kunne ikke gemmes: {reason}</translation>
    </message>
    <message>
        <source>Nothing was changed on disk.</source>
        <translation>Intet blev ændret på disken.</translation>
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
        <translation>Trin</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hvad</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Billede</translation>
    </message>
    <message>
        <source>Think time</source>
        <translation>Tænketid</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Mellemrum</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Tilbagetast</translation>
    </message>
    <message>
        <source>Right double-click</source>
        <translation>Dobbelt højreklik</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Højreklik</translation>
    </message>
    <message>
        <source>Middle click</source>
        <translation>Midterklik</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Dobbeltklik</translation>
    </message>
    <message>
        <source>Triple-click</source>
        <translation>Tredobbelt klik</translation>
    </message>
    <message>
        <source>element, by its name in the application</source>
        <translation>element, ved sit navn i programmet</translation>
    </message>
    <message>
        <source>picture, near its place</source>
        <translation>billede, nær sin placering</translation>
    </message>
    <message>
        <source>picture, elsewhere on the screen</source>
        <translation>billede, et andet sted på skærmen</translation>
    </message>
    <message>
        <source>place in its window</source>
        <translation>placering i vinduet</translation>
    </message>
    <message>
        <source>place on the screen</source>
        <translation>placering på skærmen</translation>
    </message>
    <message>
        <source>shown by a person</source>
        <translation>vist af en person</translation>
    </message>
    <message>
        <source>recorded place, confirmed by a person</source>
        <translation>optaget sted, bekræftet af en person</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>ikke nødvendigt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>kører</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>lykkedes</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislykkedes</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stoppet</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sprunget over</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Klik</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Træk</translation>
    </message>
    <message>
        <source>Scroll</source>
        <translation>Rul</translation>
    </message>
    <message>
        <source>Type text</source>
        <translation>Skriv tekst</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tast</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastekombination</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Vent</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beslutning</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkendt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Afvist</translation>
    </message>
    <message>
        <source>{decision} at step {number} by {user}, {when}</source>
        <translation>{decision} ved trin {number} af {user}, {when}</translation>
    </message>
    <message>
        <source>(the run&apos;s default decision; nobody was asked)</source>
        <translation>(kørslens forvalgte beslutning; ingen blev spurgt)</translation>
    </message>
    <message>
        <source>after editing {values}</source>
        <translation>efter rettelse af {values}</translation>
    </message>
    <message>
        <source>Run id</source>
        <translation>Kørsels-id</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Robot</translation>
    </message>
    <message>
        <source>Step id</source>
        <translation>Trin-id</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunder</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>Fundet via</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Lighed</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fejl</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Skærmbillede</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Sluttet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Varighed</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Årsag</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
    <message>
        <source>Run report</source>
        <translation>Kørselsrapport</translation>
    </message>
    <message>
        <source>Screen when step {number} failed</source>
        <translation>Skærmen, da trin {number} mislykkedes</translation>
    </message>
    <message>
        <source>the screenshot has been removed</source>
        <translation>skærmbilledet er slettet</translation>
    </message>
    <message>
        <source>at the recorded place, as you confirmed</source>
        <translation>på det optagede sted, som du bekræftede</translation>
    </message>
    <message>
        <source>Read text</source>
        <translation>Læs tekst</translation>
    </message>
    <message>
        <source>{approve} steps if approved, {reject} if rejected</source>
        <translation>{approve} trin hvis det godkendes, {reject} hvis det afvises</translation>
    </message>
    <message>
        <source>up {amount}</source>
        <translation>op {amount}</translation>
    </message>
    <message>
        <source>down {amount}</source>
        <translation>ned {amount}</translation>
    </message>
    <message>
        <source>right {amount}</source>
        <translation>højre {amount}</translation>
    </message>
    <message>
        <source>left {amount}</source>
        <translation>venstre {amount}</translation>
    </message>
    <message>
        <source>on “{element}” in {window}</source>
        <translation>på »{element}« i {window}</translation>
    </message>
    <message>
        <source>on “{element}”</source>
        <translation>på »{element}«</translation>
    </message>
    <message>
        <source>in {window}</source>
        <translation>i {window}</translation>
    </message>
    <message>
        <source>at {x}, {y}</source>
        <translation>ved {x}, {y}</translation>
    </message>
    <message>
        <source>Right double-click {place}</source>
        <translation>Dobbeltklik med højre museknap {place}</translation>
    </message>
    <message>
        <source>Right-click {place}</source>
        <translation>Højreklik {place}</translation>
    </message>
    <message>
        <source>Middle-click {place}</source>
        <translation>Midterklik {place}</translation>
    </message>
    <message>
        <source>Double-click {place}</source>
        <translation>Dobbeltklik {place}</translation>
    </message>
    <message>
        <source>Triple-click {place}</source>
        <translation>Klik tre gange {place}</translation>
    </message>
    <message>
        <source>Click {place}</source>
        <translation>Klik {place}</translation>
    </message>
    <message>
        <source>Drag {place}</source>
        <translation>Træk {place}</translation>
    </message>
    <message>
        <source>Scroll {amount} {place}</source>
        <translation>Rul {amount} {place}</translation>
    </message>
    <message>
        <source>Paste {place}</source>
        <translation>Indsæt {place}</translation>
    </message>
    <message>
        <source>Type {place}</source>
        <translation>Skriv {place}</translation>
    </message>
    <message>
        <source>Press {key} {place}</source>
        <translation>Tryk på {key} {place}</translation>
    </message>
    <message>
        <source>Wait for the window {window}</source>
        <translation>Vent på vinduet {window}</translation>
    </message>
    <message>
        <source>Wait until the picture shows {place}</source>
        <translation>Vent, til billedet vises {place}</translation>
    </message>
    <message>
        <source>Wait until the picture is gone {place}</source>
        <translation>Vent, til billedet forsvinder {place}</translation>
    </message>
    <message>
        <source>Wait {seconds}</source>
        <translation>Vent {seconds}</translation>
    </message>
    <message>
        <source>Read the text {place} as “{value}”</source>
        <translation>Læs teksten {place} som »{value}«</translation>
    </message>
    <message>
        <source>A person decides: {question}</source>
        <translation>En person beslutter: {question}</translation>
    </message>
    <message>
        <source>A person decides</source>
        <translation>En person beslutter</translation>
    </message>
    <message>
        <source>The recording person paused this long before the step; it is not replayed.</source>
        <translation>Så længe holdt den, der optog, pause før trinnet; pausen afspilles ikke.</translation>
    </message>
    <message>
        <source>Change the comment of step {number}</source>
        <translation>Rediger kommentaren til trin {number}</translation>
    </message>
    <message>
        <source>Switched off: the robot skips this step.</source>
        <translation>Slået fra: robotten springer dette trin over.</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Venstre</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Højre</translation>
    </message>
    <message>
        <source>Middle</source>
        <translation>Midterste</translation>
    </message>
    <message>
        <source>Type it key by key</source>
        <translation>Skriv tast for tast</translation>
    </message>
    <message>
        <source>Paste it</source>
        <translation>Indsæt</translation>
    </message>
    <message>
        <source>A number of seconds</source>
        <translation>Et antal sekunder</translation>
    </message>
    <message>
        <source>Until a picture appears</source>
        <translation>Indtil et billede vises</translation>
    </message>
    <message>
        <source>Until a picture goes away</source>
        <translation>Indtil et billede forsvinder</translation>
    </message>
    <message>
        <source>Until a window opens</source>
        <translation>Indtil et vindue åbnes</translation>
    </message>
    <message>
        <source>In the window “{window}”</source>
        <translation>I vinduet »{window}«</translation>
    </message>
    <message>
        <source>Looks at the whole screen</source>
        <translation>Ser på hele skærmen</translation>
    </message>
    <message>
        <source>In whichever window has the keyboard</source>
        <translation>I det vindue, der har tastaturet</translation>
    </message>
    <message>
        <source>Mouse button:</source>
        <translation>Museknap:</translation>
    </message>
    <message>
        <source>Clicks:</source>
        <translation>Antal klik:</translation>
    </message>
    <message>
        <source>Text to type:</source>
        <translation>Tekst, der skal skrives:</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Hvordan:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Tast:</translation>
    </message>
    <message>
        <source>Keys together:</source>
        <translation>Taster samtidig:</translation>
    </message>
    <message>
        <source>Sideways:</source>
        <translation>Sidelæns:</translation>
    </message>
    <message>
        <source>Up or down:</source>
        <translation>Op eller ned:</translation>
    </message>
    <message>
        <source>Wait:</source>
        <translation>Vent:</translation>
    </message>
    <message>
        <source>Seconds:</source>
        <translation>Sekunder:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Vindue:</translation>
    </message>
    <message>
        <source>Value&apos;s name:</source>
        <translation>Værdiens navn:</translation>
    </message>
    <message>
        <source>Shown as:</source>
        <translation>Vises som:</translation>
    </message>
    <message>
        <source>What the step does</source>
        <translation>Hvad trinnet gør</translation>
    </message>
    <message>
        <source>For this step</source>
        <translation>For dette trin</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Seneste kørsel</translation>
    </message>
    <message>
        <source>Make parameter…</source>
        <translation>Gør til parameter…</translation>
    </message>
    <message>
        <source>Turn the text, or the part of it you selected, into a value the robot asks for when it starts.</source>
        <translation>Gør teksten, eller den del af den, du har markeret, til en værdi, som robotten spørger efter, når den starter.</translation>
    </message>
    <message>
        <source>Show the text</source>
        <translation>Vis teksten</translation>
    </message>
    <message>
        <source>for example enter, tab, esc, f5</source>
        <translation>for eksempel enter, tab, esc, f5</translation>
    </message>
    <message>
        <source>for example ctrl+s</source>
        <translation>for eksempel ctrl+s</translation>
    </message>
    <message>
        <source>Positive scrolls right, negative left.</source>
        <translation>Positive værdier ruller til højre, negative til venstre.</translation>
    </message>
    <message>
        <source>Positive scrolls up, negative down.</source>
        <translation>Positive værdier ruller op, negative ned.</translation>
    </message>
    <message>
        <source>Any window</source>
        <translation>Ethvert vindue</translation>
    </message>
    <message>
        <source>what the person deciding sees, e.g. Name</source>
        <translation>det, som den der beslutter, ser, f.eks. Navn</translation>
    </message>
    <message>
        <source>Run this step (untick to skip it)</source>
        <translation>Kør dette trin (fjern fluebenet for at springe det over)</translation>
    </message>
    <message>
        <source>The recorded place is fine: act there without asking when neither the element nor the picture is found</source>
        <translation>Det optagede sted er fint: handl der uden at spørge, når hverken elementet eller billedet findes</translation>
    </message>
    <message>
        <source>Wait at most:</source>
        <translation>Vent højst:</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>How long the robot waits for the picture or the window before it asks you. Standard follows the run&apos;s setting.</source>
        <translation>Hvor længe robotten venter på billedet eller vinduet, før den spørger dig. Standard følger kørslens indstilling.</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>A note for whoever reads the bot</source>
        <translation>En note til den, der læser robotten</translation>
    </message>
    <message>
        <source>Show full size</source>
        <translation>Vis i fuld størrelse</translation>
    </message>
    <message>
        <source>Choose a step in the list to see and change it here.</source>
        <translation>Vælg et trin på listen for at se og ændre det her.</translation>
    </message>
    <message>
        <source>This is an example and cannot be changed here. Save a copy as your own bot to change it.</source>
        <translation>Dette er et eksempel og kan ikke ændres her. Gem en kopi som din egen robot for at ændre den.</translation>
    </message>
    <message>
        <source>No step chosen</source>
        <translation>Intet trin valgt</translation>
    </message>
    <message>
        <source>Step {number}: {kind}</source>
        <translation>Trin {number}: {kind}</translation>
    </message>
    <message>
        <source>Pressed as: {keys}</source>
        <translation>Trykkes som: {keys}</translation>
    </message>
    <message>
        <source>The robot waits until this window has the keyboard before it types.</source>
        <translation>Robotten venter, til dette vindue har tastaturet, før den skriver.</translation>
    </message>
    <message>
        <source>Hidden: this looks like a password. Make it a secret parameter instead.</source>
        <translation>Skjult: det ligner en adgangskode. Gør det i stedet til en hemmelig parameter.</translation>
    </message>
    <message>
        <source>Filled in when the robot starts: {parameters}</source>
        <translation>Udfyldes, når robotten starter: {parameters}</translation>
    </message>
    <message>
        <source>Select part of the text and press Make parameter… to have the robot ask for it when it starts.</source>
        <translation>Markér en del af teksten, og tryk på Gør til parameter…, så spørger robotten efter den, når den starter.</translation>
    </message>
    <message>
        <source>Where the drag starts</source>
        <translation>Hvor trækket begynder</translation>
    </message>
    <message>
        <source>The picture to wait for</source>
        <translation>Billedet, der skal ventes på</translation>
    </message>
    <message>
        <source>What the robot reads</source>
        <translation>Det, robotten læser</translation>
    </message>
    <message>
        <source>Where the robot acts</source>
        <translation>Hvor robotten udfører trinnet</translation>
    </message>
    <message>
        <source>Where the drag ends</source>
        <translation>Hvor trækket slutter</translation>
    </message>
    <message>
        <source>A wait for a number of seconds needs no limit.</source>
        <translation>En ventetid på et antal sekunder behøver ingen grænse.</translation>
    </message>
    <message>
        <source>Found {how} ({percent} % alike).</source>
        <translation>Fundet {how} ({percent} % lighed).</translation>
    </message>
    <message>
        <source>Found {how}.</source>
        <translation>Fundet {how}.</translation>
    </message>
    <message>
        <source>The place was not found.</source>
        <translation>Stedet blev ikke fundet.</translation>
    </message>
    <message>
        <source>Took {time}.</source>
        <translation>Tog {time}.</translation>
    </message>
    <message>
        <source>The screen when the step failed</source>
        <translation>Skærmen, da trinnet mislykkedes</translation>
    </message>
    <message>
        <source>A key step needs a key.</source>
        <translation>Et tastetrin skal have en tast.</translation>
    </message>
    <message>
        <source>Write the keys joined by +, for example ctrl+s.</source>
        <translation>Skriv tasterne forbundet med +, for eksempel ctrl+s.</translation>
    </message>
    <message>
        <source>The selection includes {parameter}, which is a parameter already. Select text outside it.</source>
        <translation>Markeringen indeholder {parameter}, som allerede er en parameter. Markér tekst uden for den.</translation>
    </message>
    <message>
        <source>Picture {name} could not be read.</source>
        <translation>Billedet {name} kunne ikke læses.</translation>
    </message>
    <message>
        <source>My bots</source>
        <translation>Mine robotter</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Eksempler</translation>
    </message>
    <message>
        <source>Other folders</source>
        <translation>Andre mapper</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papirkurv</translation>
    </message>
    <message>
        <source>No bots yet</source>
        <translation>Ingen robotter endnu</translation>
    </message>
    <message>
        <source>No examples</source>
        <translation>Ingen eksempler</translation>
    </message>
    <message>
        <source>The file cannot be read, or nothing can be written to My bots.</source>
        <translation>Filen kan ikke læses, eller der kan ikke skrives i Mine robotter.</translation>
    </message>
    <message>
        <source>This is not a robot bundle: the file is not a .zip file, or it is damaged.</source>
        <translation>Dette er ikke en robotpakke: filen er ikke en .zip-fil, eller den er beskadiget.</translation>
    </message>
    <message>
        <source>The bundle is far larger than a robot and its pictures can be. It may be harmful and is not imported.</source>
        <translation>Pakken er langt større, end en robot med billeder kan være. Den kan være skadelig og importeres ikke.</translation>
    </message>
    <message>
        <source>The bundle holds a file that would end up outside the robot&apos;s own folder. Such a bundle may be harmful and is never imported.</source>
        <translation>Pakken indeholder en fil, der ville havne uden for robottens egen mappe. En sådan pakke kan være skadelig og importeres aldrig.</translation>
    </message>
    <message>
        <source>The bundle holds something other than a robot and its pictures.</source>
        <translation>Pakken indeholder andet end en robot og dens billeder.</translation>
    </message>
    <message>
        <source>The bundle holds the same file twice.</source>
        <translation>Pakken indeholder den samme fil to gange.</translation>
    </message>
    <message>
        <source>A picture in the bundle is not a PNG picture.</source>
        <translation>Et billede i pakken er ikke et PNG-billede.</translation>
    </message>
    <message>
        <source>The robot in the bundle cannot be read.</source>
        <translation>Robotten i pakken kan ikke læses.</translation>
    </message>
    <message>
        <source>The bundle was made by a newer Robotfabrik. Update Robotfabrik and try again.</source>
        <translation>Pakken er lavet af en nyere Robotfabrik. Opdater Robotfabrik, og prøv igen.</translation>
    </message>
    <message>
        <source>The bundle&apos;s description (manifest.json) is not one Robotfabrik wrote.</source>
        <translation>Pakkens beskrivelse (manifest.json) er ikke skrevet af Robotfabrik.</translation>
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
        <translation>Lav en ny, tom robot i Mine robotter</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Omdøb…</translation>
    </message>
    <message>
        <source>Give the selected bot another name (F2)</source>
        <translation>Giv den valgte robot et andet navn (F2)</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliker</translation>
    </message>
    <message>
        <source>Make a copy of the selected bot, with its pictures, in My bots</source>
        <translation>Lav en kopi af den valgte robot, med dens billeder, i Mine robotter</translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation>Flyt til papirkurven…</translation>
    </message>
    <message>
        <source>Move the selected bot to the trash; it can be restored from there (Del)</source>
        <translation>Flyt den valgte robot til papirkurven; den kan gendannes derfra (Del)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Gendan</translation>
    </message>
    <message>
        <source>Put the selected bot back in My bots</source>
        <translation>Læg den valgte robot tilbage i Mine robotter</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Tøm papirkurven…</translation>
    </message>
    <message>
        <source>Remove the bots in the trash for good</source>
        <translation>Fjern robotterne i papirkurven for altid</translation>
    </message>
    <message>
        <source>Import bundle…</source>
        <translation>Importér robotpakke…</translation>
    </message>
    <message>
        <source>Add a bot someone sent you as a .zip bundle to My bots</source>
        <translation>Føj en robot, som nogen har sendt dig som robotpakke (.zip), til Mine robotter</translation>
    </message>
    <message>
        <source>Export bundle…</source>
        <translation>Eksportér robotpakke…</translation>
    </message>
    <message>
        <source>Save the selected bot with its pictures as one .zip file to send to someone</source>
        <translation>Gem den valgte robot med dens billeder som én .zip-fil, du kan sende til andre</translation>
    </message>
    <message>
        <source>Find bot</source>
        <translation>Søg robot</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Search bots (Ctrl+F)</source>
        <translation>Søg robot (Ctrl+F)</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Robotpakker</translation>
    </message>
    <message>
        <source>Import a bot someone sent you, or export one to send</source>
        <translation>Importér en robot, som nogen har sendt dig, eller eksportér en for at sende den</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliotek</translation>
    </message>
    <message>
        <source>Trash ({count})</source>
        <translation>Papirkurv ({count})</translation>
    </message>
    <message>
        <source>Deleted bots. Click to show or hide them; choose one to restore it.</source>
        <translation>Slettede robotter. Klik for at vise eller skjule dem; vælg en for at gendanne den.</translation>
    </message>
    <message>
        <source>{name} (cannot be opened)</source>
        <translation>{name} (kan ikke åbnes)</translation>
    </message>
    <message>
        <source>Example – read only. Duplicate it to change a copy of your own.</source>
        <translation>Eksempel – skrivebeskyttet. Dupliker det for at ændre din egen kopi.</translation>
    </message>
    <message>
        <source>Deleted {when} from {folder}. Restore puts it back in My bots.</source>
        <translation>Slettet {when} fra {folder}. Gendan lægger den tilbage i Mine robotter.</translation>
    </message>
    <message>
        <source>No bot matches “{text}”.</source>
        <translation>Ingen robot matcher »{text}«.</translation>
    </message>
    <message>
        <source>“{name}” has unsaved changes. Save or undo them first.</source>
        <translation>»{name}« har ikke-gemte ændringer. Gem eller fortryd dem først.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Fortryd</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Fil: {path}</translation>
    </message>
    <message>
        <source>In the bundle: {entry}</source>
        <translation>I pakken: {entry}</translation>
    </message>
    <message>
        <source>Details: {reason}</source>
        <translation>Detaljer: {reason}</translation>
    </message>
    <message>
        <source>Where: {path}</source>
        <translation>Placering: {path}</translation>
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
        <translation>Hvad skal den nye robot hedde? For eksempel »Fraværsmelding timelønnede«.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Opret</translation>
    </message>
    <message>
        <source>The bot could not be made</source>
        <translation>Robotten kunne ikke oprettes</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Intet blev ændret.</translation>
    </message>
    <message>
        <source>Made the new bot “{name}”.</source>
        <translation>Oprettede den nye robot »{name}«.</translation>
    </message>
    <message>
        <source>Rename bot</source>
        <translation>Omdøb robot</translation>
    </message>
    <message>
        <source>New name for “{name}”:</source>
        <translation>Nyt navn til »{name}«:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Omdøb</translation>
    </message>
    <message>
        <source>The bot could not be renamed</source>
        <translation>Robotten kunne ikke omdøbes</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (kopi)</translation>
    </message>
    <message>
        <source>{name} (copy {number})</source>
        <translation>{name} (kopi {number})</translation>
    </message>
    <message>
        <source>The bot could not be copied</source>
        <translation>Robotten kunne ikke kopieres</translation>
    </message>
    <message>
        <source>Made a copy in My bots: “{name}”.</source>
        <translation>Lavede en kopi i Mine robotter: »{name}«.</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Flyt til papirkurven</translation>
    </message>
    <message>
        <source>Move “{name}” to the trash?</source>
        <translation>Flyt »{name}« til papirkurven?</translation>
    </message>
    <message>
        <source>You can restore it from the trash at the bottom of the list until the trash is emptied.</source>
        <translation>Du kan gendanne den fra papirkurven nederst i listen, indtil papirkurven tømmes.</translation>
    </message>
    <message>
        <source>The bot could not be moved to the trash</source>
        <translation>Robotten kunne ikke flyttes til papirkurven</translation>
    </message>
    <message>
        <source>Moved “{name}” to the trash.</source>
        <translation>Flyttede »{name}« til papirkurven.</translation>
    </message>
    <message>
        <source>The bot could not be restored</source>
        <translation>Robotten kunne ikke gendannes</translation>
    </message>
    <message>
        <source>Restored “{name}” to My bots.</source>
        <translation>Gendannede »{name}« i Mine robotter.</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Tøm papirkurven</translation>
    </message>
    <message>
        <source>Remove the {count} bots in the trash for good?</source>
        <translation>Fjern de {count} robotter i papirkurven for altid?</translation>
    </message>
    <message>
        <source>Remove the bot in the trash for good?</source>
        <translation>Fjern robotten i papirkurven for altid?</translation>
    </message>
    <message>
        <source>They cannot be restored afterwards.</source>
        <translation>De kan ikke gendannes bagefter.</translation>
    </message>
    <message>
        <source>The trash could not be emptied</source>
        <translation>Papirkurven kunne ikke tømmes</translation>
    </message>
    <message>
        <source>What could be removed is gone; the rest is still in the trash.</source>
        <translation>Det, der kunne fjernes, er væk; resten ligger stadig i papirkurven.</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Papirkurven er tom.</translation>
    </message>
    <message>
        <source>The bundle could not be imported</source>
        <translation>Robotpakken kunne ikke importeres</translation>
    </message>
    <message>
        <source>Nothing was added to My bots.</source>
        <translation>Intet blev føjet til Mine robotter.</translation>
    </message>
    <message>
        <source>Imported “{name}” into My bots.</source>
        <translation>Importerede »{name}« i Mine robotter.</translation>
    </message>
    <message>
        <source>The bot could not be exported</source>
        <translation>Robotten kunne ikke eksporteres</translation>
    </message>
    <message>
        <source>No bundle was written.</source>
        <translation>Ingen robotpakke blev skrevet.</translation>
    </message>
    <message>
        <source>Unsaved changes are not in it.</source>
        <translation>Ikke-gemte ændringer er ikke med.</translation>
    </message>
    <message>
        <source>Exported “{name}” to {path}.</source>
        <translation>Eksporterede »{name}« til {path}.</translation>
    </message>
    <message>
        <source>Import bundle</source>
        <translation>Importér robotpakke</translation>
    </message>
    <message>
        <source>Robot bundles (*.zip)</source>
        <translation>Robotpakker (*.zip)</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Eksportér robotpakke</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Tal</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Svensk personnummer</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Valg</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Hemmelig</translation>
    </message>
    <message>
        <source>step {number} (id {id})</source>
        <translation>trin {number} (id {id})</translation>
    </message>
    <message>
        <source>step {number}</source>
        <translation>trin {number}</translation>
    </message>
    <message>
        <source>parameter {number}</source>
        <translation>parameter {number}</translation>
    </message>
    <message>
        <source>This bot cannot be opened</source>
        <translation>Denne robot kan ikke åbnes</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Correct the file, then press Refresh ({key}). Other bots can still be opened.</source>
        <translation>Ret filen, og tryk derefter på Opdater ({key}). Andre robotter kan stadig åbnes.</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>Vis mappen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Cannot be opened: {reason}</source>
        <translation>Kan ikke åbnes: {reason}</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>Mappe: {path}</translation>
    </message>
    <message>
        <source>Not a bot folder</source>
        <translation>Ikke en robotmappe</translation>
    </message>
    <message>
        <source>There is no bot in {path}: a bot folder holds a file named bot.json.</source>
        <translation>Der er ingen robot i {path}: en robotmappe indeholder en fil, der hedder bot.json.</translation>
    </message>
    <message>
        <source>Open bot folder</source>
        <translation>Åbn robotmappe</translation>
    </message>
    <message>
        <source>Choose a bot in the list on the left.</source>
        <translation>Vælg en robot på listen til venstre.</translation>
    </message>
    <message>
        <source>You have no bots yet. To make one, press Record.</source>
        <translation>Du har ingen robotter endnu. Tryk på Optag for at lave en.</translation>
    </message>
    <message>
        <source>Example – read only</source>
        <translation>Eksempel – skrivebeskyttet</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ikke-gemte ændringer</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Ingen beskrivelse.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiket</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>K&amp;ør</translation>
    </message>
    <message>
        <source>Run from here</source>
        <translation>Kør herfra</translation>
    </message>
    <message>
        <source>Run from the selected step to the end</source>
        <translation>Kør fra det valgte trin til slutningen</translation>
    </message>
    <message>
        <source>Run this step</source>
        <translation>Kør dette trin</translation>
    </message>
    <message>
        <source>Run only the selected steps</source>
        <translation>Kør kun de valgte trin</translation>
    </message>
    <message>
        <source>Run with a data file…</source>
        <translation>Kør med en datafil…</translation>
    </message>
    <message>
        <source>Run once for every row of a CSV or Excel file</source>
        <translation>Kør én gang for hver række i en CSV- eller Excel-fil</translation>
    </message>
    <message numerus="yes">
        <source>Record %n step(s)</source>
        <translation>
            <numerusform>Optag %n trin</numerusform>
            <numerusform>Optag %n trin</numerusform>
        </translation>
    </message>
    <message>
        <source>Take a step into a decision</source>
        <translation>Tag et trin ind i en beslutning</translation>
    </message>
    <message>
        <source>Take a step out of a decision</source>
        <translation>Tag et trin ud af en beslutning</translation>
    </message>
    <message>
        <source>Move a step within a decision</source>
        <translation>Flyt et trin inden for en beslutning</translation>
    </message>
    <message>
        <source>Make parameter {name}</source>
        <translation>Gør til parameter {name}</translation>
    </message>
    <message>
        <source>Add parameter {name}</source>
        <translation>Tilføj parameter {name}</translation>
    </message>
    <message>
        <source>Change parameter {name}</source>
        <translation>Rediger parameter {name}</translation>
    </message>
    <message>
        <source>Remove parameter {name}</source>
        <translation>Fjern parameter {name}</translation>
    </message>
    <message>
        <source>No bot selected</source>
        <translation>Ingen robot valgt</translation>
    </message>
    <message>
        <source>Cannot be opened</source>
        <translation>Kan ikke åbnes</translation>
    </message>
    <message numerus="yes">
        <source>%n switched off</source>
        <translation>
            <numerusform>%n slået fra</numerusform>
            <numerusform>%n slået fra</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot could not be saved</source>
        <translation>Robotten kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gemt</translation>
    </message>
    <message>
        <source>Save changes to “{name}”?</source>
        <translation>Gem ændringerne i »{name}«?</translation>
    </message>
    <message>
        <source>Your changes are lost if you do not save them.</source>
        <translation>Dine ændringer går tabt, hvis du ikke gemmer dem.</translation>
    </message>
    <message>
        <source>The new pictures are saved when you save the robot.</source>
        <translation>De nye billeder gemmes, når du gemmer robotten.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n new picture(s) in the robot.</source>
        <translation>
            <numerusform>Gemte %n nyt billede i robotten.</numerusform>
            <numerusform>Gemte %n nye billeder i robotten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>A studio for attended software robots: record a routine once, check it as a list of steps with pictures, and let the robot do it while you watch.</source>
        <translation>Et studie til overvågede softwarerobotter: optag en arbejdsgang én gang, gennemgå den som en liste med trin og billeder, og lad robotten udføre den, mens du ser på.</translation>
    </message>
    <message>
        <source>About Robotfabrik</source>
        <translation>Om Robotfabrik</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprog</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>&amp;Open bot folder…</source>
        <translation>&amp;Åbn robotmappe…</translation>
    </message>
    <message>
        <source>Open a bot folder that is not in the library</source>
        <translation>Åbn en robotmappe, der ikke er i biblioteket</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>Save the changes to the selected bot</source>
        <translation>Gem ændringerne i den valgte robot</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Opdater</translation>
    </message>
    <message>
        <source>Read the bot list and the selected bot again from disk</source>
        <translation>Indlæs robotlisten og den valgte robot igen fra disken</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Indstillinger…</translation>
    </message>
    <message>
        <source>Library folder, hotkeys, how long pictures are kept, language</source>
        <translation>Biblioteksmappe, genvejstaster, hvor længe billeder gemmes, sprog</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Optag</translation>
    </message>
    <message>
        <source>Record steps into the selected bot, or a new one</source>
        <translation>Optag trin i den valgte robot eller i en ny</translation>
    </message>
    <message>
        <source>Run the selected bot</source>
        <translation>Kør den valgte robot</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop the running bot ({hotkey})</source>
        <translation>Stop den kørende robot ({hotkey})</translation>
    </message>
    <message>
        <source>&amp;About Robotfabrik</source>
        <translation>&amp;Om Robotfabrik</translation>
    </message>
    <message>
        <source>Run &amp;history and benefit…</source>
        <translation>Kørsels&amp;historik og gevinst…</translation>
    </message>
    <message>
        <source>What the robots did, step by step, and what they gave back</source>
        <translation>Hvad robotterne gjorde, trin for trin, og hvad det gav af gevinst</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Værktøjer</translation>
    </message>
    <message>
        <source>There is no run {run} in the history.</source>
        <translation>Kørslen {run} findes ikke i historikken.</translation>
    </message>
    <message>
        <source>Any text.</source>
        <translation>Hvilken som helst tekst.</translation>
    </message>
    <message>
        <source>An amount or a count, for example 1250 or 1 250,50.</source>
        <translation>Et beløb eller et antal, for eksempel 1250 eller 1 250,50.</translation>
    </message>
    <message>
        <source>A date written YYYY-MM-DD.</source>
        <translation>En dato skrevet ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>Checked before the robot starts: a real date and the right last digit.</source>
        <translation>Kontrolleres, før robotten starter: en gyldig dato og det rigtige kontrolciffer.</translation>
    </message>
    <message>
        <source>One of a fixed list, chosen from a menu when the robot starts.</source>
        <translation>En af flere faste muligheder, som vælges på en liste, når robotten starter.</translation>
    </message>
    <message>
        <source>A password: asked for each time, never stored, masked in the log.</source>
        <translation>En adgangskode: spørges om hver gang, gemmes aldrig og skjules i loggen.</translation>
    </message>
    <message>
        <source>The default must be a number, for example 1250 or 1250,50.</source>
        <translation>Standardværdien skal være et tal, for eksempel 1250 eller 1250,50.</translation>
    </message>
    <message>
        <source>The default must be a date written YYYY-MM-DD.</source>
        <translation>Standardværdien skal være en dato skrevet ÅÅÅÅ-MM-DD.</translation>
    </message>
    <message>
        <source>The default is not a valid personal identity number.</source>
        <translation>Standardværdien er ikke et gyldigt svensk personnummer.</translation>
    </message>
    <message>
        <source>The default must be one of the choices.</source>
        <translation>Standardværdien skal være en af mulighederne.</translation>
    </message>
    <message>
        <source>Change parameter</source>
        <translation>Rediger parameter</translation>
    </message>
    <message>
        <source>New parameter</source>
        <translation>Ny parameter</translation>
    </message>
    <message>
        <source>for example Personal identity number</source>
        <translation>for eksempel Svensk personnummer</translation>
    </message>
    <message>
        <source>for example personnummer</source>
        <translation>for eksempel personnummer</translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation>Én mulighed pr. linje</translation>
    </message>
    <message>
        <source>Empty: the robot asks each time</source>
        <translation>Tom: robotten spørger hver gang</translation>
    </message>
    <message>
        <source>Label (shown when the robot asks):</source>
        <translation>Etiket (vises, når robotten spørger):</translation>
    </message>
    <message>
        <source>Name in the text:</source>
        <translation>Navn i teksten:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Choices:</source>
        <translation>Muligheder:</translation>
    </message>
    <message>
        <source>Default value:</source>
        <translation>Standardværdi:</translation>
    </message>
    <message>
        <source>Give the parameter a name.</source>
        <translation>Giv parameteren et navn.</translation>
    </message>
    <message>
        <source>A name may hold the letters a–z, digits and _, and must not start with a digit.</source>
        <translation>Et navn må indeholde bogstaverne a–z, cifre og _ og må ikke begynde med et ciffer.</translation>
    </message>
    <message>
        <source>The bot already has a parameter named {name}.</source>
        <translation>Robotten har allerede en parameter, der hedder {name}.</translation>
    </message>
    <message>
        <source>Write at least one choice, one per line.</source>
        <translation>Skriv mindst én mulighed, én pr. linje.</translation>
    </message>
    <message>
        <source>The same choice is written twice.</source>
        <translation>Den samme mulighed er skrevet to gange.</translation>
    </message>
    <message>
        <source>Make parameter</source>
        <translation>Gør til parameter</translation>
    </message>
    <message>
        <source>The typed text “{text}” is replaced by a value the robot asks for when it starts.</source>
        <translation>Den indtastede tekst »{text}« erstattes af en værdi, som robotten spørger efter, når den starter.</translation>
    </message>
    <message>
        <source>Keep “{text}” as the default value</source>
        <translation>Behold »{text}« som standardværdi</translation>
    </message>
    <message>
        <source>The step will type:</source>
        <translation>Trinnet skriver:</translation>
    </message>
    <message>
        <source>A secret is never stored.</source>
        <translation>En hemmelig værdi gemmes aldrig.</translation>
    </message>
    <message>
        <source>A personal identity number is personal data: as a default it is stored in the bot file and goes with every copy of the bot.</source>
        <translation>Et svensk personnummer er en personoplysning: som standardværdi gemmes det i robotfilen og følger med hver kopi af robotten.</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standardværdi</translation>
    </message>
    <message>
        <source>Used in steps</source>
        <translation>Bruges i trin</translation>
    </message>
    <message>
        <source>No step uses this parameter.</source>
        <translation>Intet trin bruger denne parameter.</translation>
    </message>
    <message>
        <source>asked each time</source>
        <translation>spørges om hver gang</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametre</translation>
    </message>
    <message>
        <source>What the robot asks for when it starts. A step&apos;s text uses a parameter by its name in double braces, e.g. {{namn}}.</source>
        <translation>Det, robotten spørger efter, når den starter. Et trins tekst bruger en parameter ved dens navn i dobbelte krøllede parenteser, f.eks. {{namn}}.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Tilføj…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Rediger…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>“{name}” is used by steps {steps}. Change those steps first, then remove the parameter.</source>
        <translation>»{name}« bruges i trin {steps}. Ret først disse trin, og fjern derefter parameteren.</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Trin</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n step(s) in {seconds} s</source>
        <translation>
            <numerusform>Færdig: %n trin på {seconds} s</numerusform>
            <numerusform>Færdig: %n trin på {seconds} s</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped before the first step.</source>
        <translation>Stoppet før første trin.</translation>
    </message>
    <message>
        <source>Stopped at step {number}.</source>
        <translation>Stoppet ved trin {number}.</translation>
    </message>
    <message>
        <source>Failed at step {number}: {reason}</source>
        <translation>Mislykkedes ved trin {number}: {reason}</translation>
    </message>
    <message>
        <source>The run failed: {reason}</source>
        <translation>Kørslen mislykkedes: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n sag</numerusform>
            <numerusform>%n sager</numerusform>
        </translation>
    </message>
    <message>
        <source>done: {count}</source>
        <translation>færdige: {count}</translation>
    </message>
    <message>
        <source>row</source>
        <translation>række</translation>
    </message>
    <message>
        <source>not done: {count} ({rows})</source>
        <translation>ikke færdige: {count} ({rows})</translation>
    </message>
    <message>
        <source>not reached: {count}</source>
        <translation>ikke påbegyndt: {count}</translation>
    </message>
    <message>
        <source>Data files (*.csv *.txt *.xlsx *.xlsm)</source>
        <translation>Datafiler (*.csv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>{file}: no row can be run.</source>
        <translation>{file}: ingen række kan køres.</translation>
    </message>
    <message>
        <source>The data file cannot be used</source>
        <translation>Datafilen kan ikke bruges</translation>
    </message>
    <message>
        <source>Nothing was run.</source>
        <translation>Intet blev kørt.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopper…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starter…</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>Trin {number} af {total}</translation>
    </message>
    <message>
        <source>Case {number} of {total} ({row})</source>
        <translation>Sag {number} af {total} ({row})</translation>
    </message>
    <message>
        <source>Waiting for your answer</source>
        <translation>Venter på dit svar</translation>
    </message>
    <message>
        <source>Going on…</source>
        <translation>Fortsætter…</translation>
    </message>
    <message>
        <source>Waiting for your decision</source>
        <translation>Venter på din beslutning</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>Kørslen mislykkedes</translation>
    </message>
    <message>
        <source>The robot learned new pictures</source>
        <translation>Robotten har lært nye billeder</translation>
    </message>
    <message>
        <source>This is an example and cannot be changed. Save a copy with the new pictures in My bots?</source>
        <translation>Dette er et eksempel og kan ikke ændres. Vil du gemme en kopi med de nye billeder i Mine robotter?</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Gem en kopi</translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation>Gem ikke</translation>
    </message>
    <message>
        <source>The new pictures could not be saved</source>
        <translation>De nye billeder kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Kørsler</translation>
    </message>
    <message>
        <source>Cases done</source>
        <translation>Udførte sager</translation>
    </message>
    <message>
        <source>Robot time</source>
        <translation>Robottid</translation>
    </message>
    <message>
        <source>By hand, per case</source>
        <translation>Manuelt pr. sag</translation>
    </message>
    <message>
        <source>Saved this week</source>
        <translation>Sparet denne uge</translation>
    </message>
    <message>
        <source>Saved this month</source>
        <translation>Sparet denne måned</translation>
    </message>
    <message>
        <source>Saved in all</source>
        <translation>Sparet i alt</translation>
    </message>
    <message>
        <source>Not known: the bot has no finished recording and no time set by hand.</source>
        <translation>Ukendt: robotten har ingen færdig optagelse og ingen manuelt angivet tid.</translation>
    </message>
    <message>
        <source>Set by the superuser for this bot (human_minutes_per_case in bot.json).</source>
        <translation>Angivet af superbrugeren for denne robot (human_minutes_per_case i bot.json).</translation>
    </message>
    <message>
        <source>How long the bot&apos;s latest recording took: a person doing one case.</source>
        <translation>Så lang tid tog robottens seneste optagelse: en person, der behandler én sag.</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>ukendt</translation>
    </message>
    <message>
        <source>Robot minutes</source>
        <translation>Robotminutter</translation>
    </message>
    <message>
        <source>Minutes the same cases take by hand</source>
        <translation>Minutter, de samme sager tager manuelt</translation>
    </message>
    <message>
        <source>week {number}</source>
        <translation>uge {number}</translation>
    </message>
    <message>
        <source>{hours} saved</source>
        <translation>{hours} sparet</translation>
    </message>
    <message>
        <source>What the robots give back</source>
        <translation>Robotternes gevinst</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Opdater</translation>
    </message>
    <message>
        <source>A case is done when its run succeeded. Hours saved are the time the cases done take by hand, less the robot&apos;s own time (failed runs included). The time by hand is how long the bot&apos;s recording took, unless a superuser set it for the bot.</source>
        <translation>En sag er udført, når dens kørsel lykkedes. Sparede timer er den tid, de udførte sager tager manuelt, minus robottens egen tid (mislykkede kørsler medregnet). Den manuelle tid er den tid, robottens optagelse tog, medmindre en superbruger har angivet den for robotten.</translation>
    </message>
    <message>
        <source>No runs yet. When a robot has run, this shows what it gave back: cases done, robot time and the hours saved.</source>
        <translation>Ingen kørsler endnu. Når en robot har kørt, vises gevinsten her: udførte sager, robottid og sparede timer.</translation>
    </message>
    <message>
        <source>The run history cannot be read: {reason}</source>
        <translation>Kørselshistorikken kan ikke læses: {reason}</translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation>Ingen kørsler endnu</translation>
    </message>
    <message>
        <source>{hours} saved this month</source>
        <translation>{hours} sparet denne måned</translation>
    </message>
    <message>
        <source>{cases} cases done this month; {hours} saved this week.</source>
        <translation>{cases} sager udført denne måned; {hours} sparet denne uge.</translation>
    </message>
    <message>
        <source>Not counted, since their time by hand is not known: {bots}.</source>
        <translation>Ikke medregnet, da deres manuelle tid ikke kendes: {bots}.</translation>
    </message>
    <message>
        <source>Week by week, all bots</source>
        <translation>Uge for uge, alle robotter</translation>
    </message>
    <message>
        <source>Week by week: {bot}</source>
        <translation>Uge for uge: {bot}</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>Tidsforbrug</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Hvad der skete</translation>
    </message>
    <message>
        <source>Every step done</source>
        <translation>Alle trin udført</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Kørselshistorik</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Alle resultater</translation>
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
        <translation>Fra:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Til:</translation>
    </message>
    <message>
        <source>◀ Newer</source>
        <translation>◀ Nyere</translation>
    </message>
    <message>
        <source>Older ▶</source>
        <translation>Ældre ▶</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Gem som CSV…</translation>
    </message>
    <message>
        <source>Save as report (HTML)…</source>
        <translation>Gem som rapport (HTML)…</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>alle dage</translation>
    </message>
    <message>
        <source>All bots</source>
        <translation>Alle robotter</translation>
    </message>
    <message>
        <source>Runs {first}–{last} of {total}</source>
        <translation>Kørsler {first}–{last} af {total}</translation>
    </message>
    <message>
        <source>No runs match these filters. Choose another bot, result or dates.</source>
        <translation>Ingen kørsler passer til filtrene. Vælg en anden robot, et andet resultat eller andre datoer.</translation>
    </message>
    <message>
        <source>No runs yet. When a robot has run, each run is listed here with its steps.</source>
        <translation>Ingen kørsler endnu. Når en robot har kørt, vises hver kørsel her med sine trin.</translation>
    </message>
    <message>
        <source>Choose a run to see its steps.</source>
        <translation>Vælg en kørsel for at se dens trin.</translation>
    </message>
    <message>
        <source>{bot}, {started}: {result}</source>
        <translation>{bot}, {started}: {result}</translation>
    </message>
    <message>
        <source>Time taken: {duration}</source>
        <translation>Tidsforbrug: {duration}</translation>
    </message>
    <message>
        <source>Values: {values}</source>
        <translation>Værdier: {values}</translation>
    </message>
    <message>
        <source>No steps were recorded for this run.</source>
        <translation>Der blev ikke registreret nogen trin for denne kørsel.</translation>
    </message>
    <message>
        <source>No screenshot was taken of this step.</source>
        <translation>Der blev ikke taget noget skærmbillede af dette trin.</translation>
    </message>
    <message>
        <source>The screenshot of step {number} has been removed: screens with personal data are kept for a limited time.</source>
        <translation>Skærmbilledet af trin {number} er slettet: skærmbilleder med personoplysninger gemmes kun i en begrænset periode.</translation>
    </message>
    <message>
        <source>Click to see the screen at full size</source>
        <translation>Klik for at se skærmen i fuld størrelse</translation>
    </message>
    <message>
        <source>Save the run as CSV</source>
        <translation>Gem kørslen som CSV</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV til Excel (*.csv)</translation>
    </message>
    <message>
        <source>Save the run as a report</source>
        <translation>Gem kørslen som rapport</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webside (*.html)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>Kunne ikke gemme {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Gemte {path}</translation>
    </message>
    <message>
        <source>Run history and benefit</source>
        <translation>Kørselshistorik og gevinst</translation>
    </message>
    <message>
        <source>Now click the spot inside the rectangle where the robot should act. Right-click to draw the rectangle again, Esc to cancel.</source>
        <translation>Klik nu på det sted i rektanglet, hvor robotten skal udføre trinnet. Højreklik for at tegne rektanglet igen, Esc for at annullere.</translation>
    </message>
    <message>
        <source>Drag a rectangle around what the robot should look for, for example a button with its text. Esc cancels.</source>
        <translation>Træk et rektangel rundt om det, robotten skal lede efter, for eksempel en knap med dens tekst. Esc annullerer.</translation>
    </message>
    <message>
        <source>That was outside the rectangle.</source>
        <translation>Det var uden for rektanglet.</translation>
    </message>
    <message>
        <source>That rectangle is too small: drag across the whole thing.</source>
        <translation>Rektanglet er for lille: træk hen over det hele.</translation>
    </message>
    <message>
        <source>The screen could not be pictured: {reason}</source>
        <translation>Der kunne ikke tages et billede af skærmen: {reason}</translation>
    </message>
    <message>
        <source>Pick again on screen…</source>
        <translation>Vælg igen på skærmen…</translation>
    </message>
    <message>
        <source>Hides the studio and shows the screen as it is now: drag a rectangle around what the robot should look for, then click where it should act.</source>
        <translation>Skjuler studiet og viser skærmen, som den ser ud nu: træk et rektangel rundt om det, robotten skal lede efter, og klik derefter, hvor den skal udføre trinnet.</translation>
    </message>
    <message>
        <source>How alike:</source>
        <translation>Lighed:</translation>
    </message>
    <message>
        <source>Standard ({percent} %)</source>
        <translation>Standard ({percent} %)</translation>
    </message>
    <message>
        <source>How alike the screen must be to the picture. Lower it if the robot does not find a place that has changed a little; raise it if it finds the wrong one.</source>
        <translation>Hvor meget skærmen skal ligne billedet. Sænk værdien, hvis robotten ikke finder et sted, der har ændret sig lidt; hæv den, hvis robotten finder det forkerte sted.</translation>
    </message>
    <message>
        <source>The window when the step was recorded; the box is the picture the robot looks for, the ring where it acts.</source>
        <translation>Vinduet, da trinnet blev optaget; rammen er det billede, robotten leder efter, og ringen er, hvor den udfører trinnet.</translation>
    </message>
    <message>
        <source>The window when the step was recorded. The picture could not be found on it, so the place is not marked.</source>
        <translation>Vinduet, da trinnet blev optaget. Billedet blev ikke fundet i det, så stedet er ikke markeret.</translation>
    </message>
    <message>
        <source>No picture yet: pick the picture to wait for on the screen.</source>
        <translation>Intet billede endnu: vælg på skærmen det billede, der skal ventes på.</translation>
    </message>
    <message>
        <source>No picture: the robot finds this place only by where it was recorded. Pick a picture on the screen to make it sturdier.</source>
        <translation>Intet billede: robotten finder kun stedet ud fra, hvor det blev optaget. Vælg et billede på skærmen for at gøre det mere pålideligt.</translation>
    </message>
    <message>
        <source>The picture the robot looks for ({width} × {height} pixels).</source>
        <translation>Billedet, robotten leder efter ({width} × {height} pixels).</translation>
    </message>
    <message>
        <source>The picture the robot looks for ({width} × {height} pixels); the ring is where it acts.</source>
        <translation>Billedet, robotten leder efter ({width} × {height} pixels); ringen er, hvor den udfører trinnet.</translation>
    </message>
    <message>
        <source>First the robot looks for the element {element} in the window “{window}”, then for the picture.</source>
        <translation>Først leder robotten efter elementet {element} i vinduet »{window}«, derefter efter billedet.</translation>
    </message>
    <message>
        <source>Its id: {id}</source>
        <translation>Dets id: {id}</translation>
    </message>
    <message>
        <source>The window when the step was recorded.</source>
        <translation>Vinduet, da trinnet blev optaget.</translation>
    </message>
    <message>
        <source>The robot reads the text the element {element} shows in the window “{window}”. If the element is not there, it asks you, or an unattended run stops.</source>
        <translation>Robotten læser teksten, som elementet {element} viser i vinduet »{window}«. Er elementet der ikke, spørger den dig, eller også stopper en kørsel uden opsyn.</translation>
    </message>
    <message>
        <source>“{name}” ({kind})</source>
        <translation>»{name}« ({kind})</translation>
    </message>
    <message>
        <source>the place {where} in the window “{window}”</source>
        <translation>placeringen {where} i vinduet »{window}«</translation>
    </message>
    <message>
        <source>the place {where} in its window</source>
        <translation>placeringen {where} i trinnets vindue</translation>
    </message>
    <message>
        <source>the place ({x}, {y}) on the screen</source>
        <translation>placeringen ({x}, {y}) på skærmen</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} eller {second}</translation>
    </message>
    <message>
        <source>If neither the element nor the picture is found, the robot uses {way}.</source>
        <translation>Hvis hverken elementet eller billedet findes, bruger robotten {way}.</translation>
    </message>
    <message>
        <source>If neither the element nor the picture is found, the robot asks you before it uses {way}; a robot nobody attends stops there.</source>
        <translation>Hvis hverken elementet eller billedet findes, spørger robotten dig, før den bruger {way}; en robot, som ingen overvåger, stopper der.</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n step(s)</source>
        <translation>
            <numerusform>Tilføj %n trin</numerusform>
            <numerusform>Tilføj %n trin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Slet %n trin</numerusform>
            <numerusform>Slet %n trin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Flyt %n trin</numerusform>
            <numerusform>Flyt %n trin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n step(s)</source>
        <translation>
            <numerusform>Dupliker %n trin</numerusform>
            <numerusform>Dupliker %n trin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch on %n step(s)</source>
        <translation>
            <numerusform>Slå %n trin til</numerusform>
            <numerusform>Slå %n trin til</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch off %n step(s)</source>
        <translation>
            <numerusform>Slå %n trin fra</numerusform>
            <numerusform>Slå %n trin fra</numerusform>
        </translation>
    </message>
    <message>
        <source>Change step {number}</source>
        <translation>Rediger trin {number}</translation>
    </message>
    <message>
        <source>New picture for step {number}</source>
        <translation>Nyt billede til trin {number}</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>Indsæt %n trin</numerusform>
            <numerusform>Indsæt %n trin</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the place on the screen, then switch the step on.</source>
        <translation>Vælg stedet på skærmen, og slå derefter trinnet til.</translation>
    </message>
    <message>
        <source>Wait until the picture the selected step looks for shows on the screen</source>
        <translation>Vent, til det billede, som det markerede trin leder efter, vises på skærmen</translation>
    </message>
    <message>
        <source>&amp;Insert step</source>
        <translation>&amp;Tilføj trin</translation>
    </message>
    <message>
        <source>Wait for the selected step&apos;s picture</source>
        <translation>Vent på det markerede trins billede</translation>
    </message>
    <message>
        <source>Wait for a window</source>
        <translation>Vent på et vindue</translation>
    </message>
    <message>
        <source>Wait a while</source>
        <translation>Vent lidt</translation>
    </message>
    <message>
        <source>A person decides (approve or reject)</source>
        <translation>En person beslutter (godkend eller afvis)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>K&amp;lip</translation>
    </message>
    <message>
        <source>Cut the selected steps</source>
        <translation>Klip de markerede trin</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiér</translation>
    </message>
    <message>
        <source>Copy the selected steps, also into another bot</source>
        <translation>Kopiér de markerede trin, også til en anden robot</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Indsæt</translation>
    </message>
    <message>
        <source>Paste steps before the selected step</source>
        <translation>Indsæt trin før det markerede trin</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slet</translation>
    </message>
    <message>
        <source>Delete the selected steps</source>
        <translation>Slet de markerede trin</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Dupliker</translation>
    </message>
    <message>
        <source>Put a copy of the selected steps after them</source>
        <translation>Læg en kopi af de markerede trin lige efter dem</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Flyt &amp;op</translation>
    </message>
    <message>
        <source>Move the selected steps up one place</source>
        <translation>Flyt de markerede trin én plads op</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Flyt &amp;ned</translation>
    </message>
    <message>
        <source>Move the selected steps down one place</source>
        <translation>Flyt de markerede trin én plads ned</translation>
    </message>
    <message>
        <source>Switch on or o&amp;ff</source>
        <translation>Slå til eller f&amp;ra</translation>
    </message>
    <message>
        <source>Switch the selected steps off (the robot skips them) or on again</source>
        <translation>Slå de markerede trin fra (robotten springer dem over) eller til igen</translation>
    </message>
    <message>
        <source>Do only if a person &amp;approves</source>
        <translation>Gør kun hvis en person &amp;godkender</translation>
    </message>
    <message>
        <source>Put the selected steps into a new decision step: the robot stops, shows the values, and does them only when the person approves</source>
        <translation>Lægger de markerede trin i et nyt beslutningstrin: robotten stopper, viser værdierne og udfører trinene kun når personen godkender</translation>
    </message>
    <message>
        <source>&amp;Read the text here instead</source>
        <translation>&amp;Læs teksten her i stedet</translation>
    </message>
    <message>
        <source>The robot reads what the clicked field or text shows, for the person deciding later to see, instead of clicking it</source>
        <translation>Robotten læser, hvad det klikkede felt eller den klikkede tekst viser, så den der beslutter senere kan se det, i stedet for at klikke der</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Kassér ændringer</translation>
    </message>
    <message>
        <source>Throw away the unsaved changes to this bot</source>
        <translation>Kassér de ikke-gemte ændringer i denne robot</translation>
    </message>
    <message>
        <source>Save as my bot</source>
        <translation>Gem som min robot</translation>
    </message>
    <message>
        <source>Copy this example into My bots, where it can be changed</source>
        <translation>Kopiér eksemplet til Mine robotter, hvor det kan ændres</translation>
    </message>
    <message>
        <source>Insert a new step before the selected step</source>
        <translation>Tilføj et nyt trin før det markerede trin</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Fortryd {what}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Annuller fortryd {what}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Annuller fortryd</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Annuller fortryd</translation>
    </message>
    <message>
        <source>This change cannot be made</source>
        <translation>Ændringen kan ikke foretages</translation>
    </message>
    <message>
        <source>Do only if a person approves</source>
        <translation>Gør kun hvis en person godkender</translation>
    </message>
    <message>
        <source>Read the text here instead</source>
        <translation>Læs teksten her i stedet</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n step(s)</source>
        <translation>
            <numerusform>Kopierede %n trin</numerusform>
            <numerusform>Kopierede %n trin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut %n step(s)</source>
        <translation>
            <numerusform>Klip %n trin</numerusform>
            <numerusform>Klip %n trin</numerusform>
        </translation>
    </message>
    <message>
        <source>An example cannot be changed.</source>
        <translation>Et eksempel kan ikke ændres.</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Kassér ændringer</translation>
    </message>
    <message>
        <source>Throw away the unsaved changes to “{name}” and read it again from its folder?</source>
        <translation>Vil du kassere de ikke-gemte ændringer i »{name}« og indlæse robotten igen fra dens mappe?</translation>
    </message>
    <message>
        <source>The bot cannot be read again</source>
        <translation>Robotten kan ikke indlæses igen</translation>
    </message>
    <message>
        <source>Unsaved changes were kept</source>
        <translation>Ikke-gemte ændringer er bevaret</translation>
    </message>
    <message>
        <source>“{name}” has changes from {when} that were never saved, perhaps because the studio stopped. Restore them?</source>
        <translation>»{name}« har ændringer fra {when}, som aldrig blev gemt, måske fordi studiet blev lukket. Vil du gendanne dem?</translation>
    </message>
    <message>
        <source>Restore the changes</source>
        <translation>Gendan ændringerne</translation>
    </message>
    <message>
        <source>Throw them away</source>
        <translation>Kassér dem</translation>
    </message>
    <message>
        <source>The unsaved changes were restored; save to keep them.</source>
        <translation>De ikke-gemte ændringer er gendannet; gem for at beholde dem.</translation>
    </message>
    <message>
        <source>The example could not be copied</source>
        <translation>Eksemplet kunne ikke kopieres</translation>
    </message>
    <message>
        <source>Saved as your own bot in {path}</source>
        <translation>Gemt som din egen robot i {path}</translation>
    </message>
    <message>
        <source>Recording could not start</source>
        <translation>Optagelsen kunne ikke starte</translation>
    </message>
    <message>
        <source>New recording</source>
        <translation>Ny optagelse</translation>
    </message>
    <message>
        <source>The recording could not be kept</source>
        <translation>Optagelsen kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Nothing was recorded: nothing was clicked or typed.</source>
        <translation>Intet blev optaget: der blev ikke klikket eller skrevet noget.</translation>
    </message>
    <message>
        <source>New recording %Y-%m-%d %H.%M</source>
        <translation>Ny optagelse %Y-%m-%d %H.%M</translation>
    </message>
    <message>
        <source>The recording could not be saved</source>
        <translation>Optagelsen kunne ikke gemmes</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Din beslutning</translation>
    </message>
    <message>
        <source>Approve this case?</source>
        <translation>Godkende sagen?</translation>
    </message>
    <message>
        <source>The robot has prepared this case (step {number}) and waits for your decision. Check the values below.</source>
        <translation>Robotten har forberedt sagen (trin {number}) og venter på din beslutning. Kontrollér værdierne nedenfor.</translation>
    </message>
    <message>
        <source>Your edited values were not taken: {reason}</source>
        <translation>Dine ændrede værdier blev ikke taget imod: {reason}</translation>
    </message>
    <message>
        <source>The bot has no values to show.</source>
        <translation>Botten har ingen værdier at vise.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Godkend</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Afvis</translation>
    </message>
    <message>
        <source>Edit values</source>
        <translation>Ret værdier</translation>
    </message>
    <message>
        <source>Use these values</source>
        <translation>Brug disse værdier</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Annullér rettelsen</translation>
    </message>
    <message>
        <source>A secret is never shown and cannot be edited here.</source>
        <translation>En hemmelighed vises aldrig og kan ikke rettes her.</translation>
    </message>
    <message>
        <source>If approved</source>
        <translation>Hvis det godkendes</translation>
    </message>
    <message>
        <source>If rejected</source>
        <translation>Hvis det afvises</translation>
    </message>
    <message>
        <source>Step {number} of “{branch}”</source>
        <translation>Trin {number} i »{branch}«</translation>
    </message>
    <message>
        <source>This step is inside the decision in step {decision}: the robot does it only when the person&apos;s answer leads to “{branch}”.</source>
        <translation>Dette trin ligger i beslutningen i trin {decision}: robotten udfører det kun, når personens svar fører til »{branch}«.</translation>
    </message>
    <message>
        <source>Shows the chosen step&apos;s settings, its picture and text, to change them where the step is (double-clicking the step does the same)</source>
        <translation>Viser det valgte trins indstillinger, billede og tekst, så de kan ændres, hvor trinnet ligger (et dobbeltklik på trinnet gør det samme)</translation>
    </message>
    <message>
        <source>Take in the next step</source>
        <translation>Tag næste trin ind</translation>
    </message>
    <message>
        <source>Moves the step after the decision into this list, at its end</source>
        <translation>Flytter trinnet efter beslutningen til slutningen af denne liste</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ned</translation>
    </message>
    <message>
        <source>Take out</source>
        <translation>Tag ud</translation>
    </message>
    <message>
        <source>Moves the chosen step out of the decision, to right after it, where it can be changed or deleted like any step</source>
        <translation>Flytter det valgte trin ud af beslutningen, til lige efter den, hvor det kan ændres eller slettes som andre trin</translation>
    </message>
    <message>
        <source>(switched off)</source>
        <translation>(slået fra)</translation>
    </message>
    <message>
        <source>The robot stops here and shows the person running it the bot&apos;s values. Approving does the first list of steps, rejecting the second; then the robot goes on with the step after the decision.</source>
        <translation>Robotten stopper her og viser bottens værdier for personen, der kører den. Godkender personen, udføres den første liste af trin, afviser den, udføres den anden; derefter fortsætter robotten med trinnet efter beslutningen.</translation>
    </message>
    <message>
        <source>&amp;Question to the person:</source>
        <translation>&amp;Spørgsmål til personen:</translation>
    </message>
    <message>
        <source>Values the person sees (none ticked: all of them):</source>
        <translation>Værdier, personen ser (intet markeret: alle):</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Kører</translation>
    </message>
    <message>
        <source>The last run failed</source>
        <translation>Den seneste kørsel mislykkedes</translation>
    </message>
    <message>
        <source>Open studio</source>
        <translation>Åbn studiet</translation>
    </message>
    <message>
        <source>Show the last run in history</source>
        <translation>Vis den seneste kørsel i historikken</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Start ved login</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
    <message>
        <source>The robot cannot be run</source>
        <translation>Robotten kan ikke køres</translation>
    </message>
    <message>
        <source>Robot:</source>
        <translation>Robot:</translation>
    </message>
    <message>
        <source>Paused: the robot waits before its next step. {hotkey} goes on.</source>
        <translation>Sat på pause: robotten venter før næste trin. {hotkey} fortsætter.</translation>
    </message>
    <message>
        <source>{name} is done</source>
        <translation>{name} er færdig</translation>
    </message>
    <message>
        <source>{name} was stopped</source>
        <translation>{name} blev stoppet</translation>
    </message>
    <message>
        <source>{name} failed</source>
        <translation>{name} mislykkedes</translation>
    </message>
    <message>
        <source>Click here to see the run in the history.</source>
        <translation>Klik her for at se kørslen i historikken.</translation>
    </message>
    <message>
        <source>The setting could not be changed: {reason}</source>
        <translation>Indstillingen kunne ikke ændres: {reason}</translation>
    </message>
    <message>
        <source>Robotfabrik&apos;s tray is already running; it shows its robots now.</source>
        <translation>Robotfabrik kører allerede i systembakken; robotterne vises der nu.</translation>
    </message>
</context>
</TS>
