"""Makes the shipped example ``recordings/ekonomiskt-bistand`` by recording the practice system.

A scripted caseworker handles the first application of ``data.csv`` on a private Xvfb display
under the Swedish keyboard layout while ``robotfabrik record`` films it; the typed values are then
promoted to parameters named after the CSV's columns, the way a superuser would in the studio.
Run it again whenever the practice system or the recorder changes:

    python -m tools.make_example
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The widget map is computed in this process without a screen; the practice system itself runs
# on the private display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.model.bot import ParameterType, TypeTextStep
from app.core.model.botfile import IMAGES_DIR, load_bot, save_bot
from app.core.model.editing import promote_to_parameter
from app.sandbox.rules import CATEGORIES
from app.testing.display import virtual_display
from app.testing.person import Person
from app.testing.practice import Sandbox, handle_one_application
from app.testing.recording import RecordingProcess

EXAMPLE = Path(__file__).resolve().parents[1] / "recordings" / "ekonomiskt-bistand"
USERNAME, PASSWORD = "handlaggare", "ovning"

# CSV column -> (practice system's case field, parameter type, label shown to the caseworker)
COLUMNS: dict[str, tuple[str, ParameterType, str]] = {
    "personnummer": ("personnummer", "personnummer", "Personnummer"),
    "namn": ("name", "text", "Namn"),
    "belopp": ("amount", "number", "Belopp (kr)"),
    "kategori": ("category", "choice", "Kategori"),
    "hemkommun": ("home_municipality", "text", "Hemkommun"),
    "fritext": ("free_text", "text", "Fritext"),
}


def data_rows(folder: Path = EXAMPLE) -> list[dict[str, str]]:
    with (folder / "data.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def as_case(row: dict[str, str]) -> dict[str, str]:
    """A data row as the practice system saves it."""
    return {field: row[column] for column, (field, _, _) in COLUMNS.items()}


def make_example(out: Path = EXAMPLE) -> Path:
    row = data_rows()[0]
    with tempfile.TemporaryDirectory(prefix="make-example-") as scratch_name, \
            virtual_display() as display:
        scratch = Path(scratch_name)
        environment = display.environment(ROBOTFABRIK_HOME=str(scratch / "home"))
        subprocess.run(["setxkbmap", "-display", display.name, "se"], check=True, timeout=10)
        sandbox = Sandbox(display, scratch / "cases.jsonl", environment)
        try:
            sandbox.wait_until_shown("Inloggning")
            with RecordingProcess(environment, "ekonomiskt-bistand", "--out",
                                  str(scratch / "bot")) as recording:
                # Each step waits until the recorder has kept it and pictured its click, as it
                # has for a person, whose hands are slower than a script's.
                person = Person(display, after=recording.keep_up)
                handle_one_application(person, as_case(row), "se", log_out=True)
                finished = recording.interrupt()
            if finished.returncode != 0:
                raise RuntimeError(f"recording failed: {finished.errors}")
        finally:
            sandbox.stop()
        bot = load_bot(scratch / "bot")
        by_text = {step.text: step.id for step in bot.steps if isinstance(step, TypeTextStep)}
        promote_to_parameter(bot, by_text[USERNAME], "anvandarnamn", "text", "Användarnamn",
                             keep_default=True)
        promote_to_parameter(bot, by_text[PASSWORD], "losenord", "secret", "Lösenord")
        for column, (_, kind, label) in COLUMNS.items():
            parameter = promote_to_parameter(bot, by_text[row[column]], column, kind, label)
            if kind == "choice":
                parameter.choices = list(CATEGORIES)
        bot.name = "Ekonomiskt bistånd – registrera ansökan"
        bot.description = ("Loggar in i Socialsystemet, söker sökanden på personnummer, "
                           "registrerar ansökan om ekonomiskt bistånd och loggar ut. Ett ärende "
                           "per rad i data.csv; handläggaren fattar beslutet.")
        pictures = {picture.name: picture.read_bytes()
                    for picture in (scratch / "bot" / IMAGES_DIR).glob("*.png")
                    if picture.name in bot.pictures()}
        if (out / IMAGES_DIR).exists():
            shutil.rmtree(out / IMAGES_DIR)
        return save_bot(bot, out, pictures)


if __name__ == "__main__":
    print(f"wrote {make_example(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE)}")
