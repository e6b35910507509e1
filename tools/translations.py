"""Keeps the translation catalogues in step with the code: ``resources/i18n/*.ts`` and ``*.qm``.

    .venv/bin/python -m tools.translations            extract new texts, then compile (.ts → .qm)
    .venv/bin/python -m tools.translations --check    exit 1 if a catalogue is stale or unfinished
    .venv/bin/python -m tools.translations --missing  list the texts each language still lacks
    .venv/bin/python -m tools.translations --fill da FILE.json
                                                      fill untranslated texts from a JSON object
                                                      {"English": "Dansk", "%n step(s)": ["…", "…"]}

``pyside6-lupdate`` reads every ``.py`` file under ``app/`` and merges the texts into
``sv.ts`` and ``da.ts`` (every text) and ``en.ts`` (plural forms only: English is the source
language, so only ``%n`` texts need an English catalogue). A new text arrives unfinished, for a
translator to fill in with Qt Linguist (``.venv/bin/pyside6-linguist resources/i18n/da.ts``) or
with ``--fill``; ``pyside6-lrelease`` then compiles each ``.ts`` into the ``.qm`` the studio
loads. The ``.qm`` files are committed, so a checkout works without this tool; the tests fail
when either lags behind the code (``tests/gui/test_i18n_catalogue.py``).

Source locations are left out of the ``.ts`` files, so moving code does not change them and
only a changed text makes a catalogue stale.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "app"
CATALOGUE_DIR = ROOT / "resources" / "i18n"
# Translated fully, and with the language lrelease needs for its plural rules.
TRANSLATED = {"sv": "sv_SE", "da": "da_DK"}
PLURALS_ONLY = {"en": "en_GB"}
LANGUAGES = {**TRANSLATED, **PLURALS_ONLY}
# lupdate reads translatable("…") (app.gui.i18n) as Qt's QT_TR_NOOP: marked, translated later.
MARKER_ALIAS = "QT_TR_NOOP+=translatable"


@dataclass(frozen=True)
class Message:
    """One text of a catalogue: its English source and what the translator wrote."""

    context: str
    source: str
    disambiguation: str
    numerus: bool
    forms: tuple[str, ...]
    finished: bool


def qt_tool(name: str) -> str:
    """A Qt tool from the PySide6 wheel beside this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the project first (sh tools/install.sh)")
    return found


def run_lupdate(catalogue_dir: Path) -> None:
    """Merge the texts in ``app/`` into every ``.ts`` in ``catalogue_dir`` (made if absent)."""
    common = [qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
              "-source-language", "en", "-tr-function-alias", MARKER_ALIAS, "-extensions", "py",
              str(SOURCES)]
    for code, target in LANGUAGES.items():
        extra = ["-pluralonly"] if code in PLURALS_ONLY else []
        subprocess.run([*common, *extra, "-target-language", target,
                        "-ts", str(catalogue_dir / f"{code}.ts")], check=True)


def run_lrelease(catalogue_dir: Path, output_dir: Path) -> None:
    for code in LANGUAGES:
        subprocess.run([qt_tool("pyside6-lrelease"), "-silent", "-removeidentical",
                        str(catalogue_dir / f"{code}.ts"), "-qm",
                        str(output_dir / f"{code}.qm")], check=True)


def read_catalogue(path: Path) -> list[Message]:
    """The messages of one ``.ts`` file, in file order."""
    messages: list[Message] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                kind = translation.get("type", "")
                forms = (tuple(form.text or "" for form in translation.iter("numerusform"))
                         if numerus else (translation.text or "",))
            messages.append(Message(
                context=name, source=message.findtext("source") or "",
                disambiguation=message.findtext("comment") or "", numerus=numerus,
                forms=forms, finished=kind not in ("unfinished", "vanished", "obsolete")
                and all(forms)))
    return messages


def catalogue(code: str, catalogue_dir: Path = CATALOGUE_DIR) -> dict[str, str]:
    """English source → translation for the finished texts without plural forms."""
    return {message.source: message.forms[0]
            for message in read_catalogue(catalogue_dir / f"{code}.ts")
            if message.finished and not message.numerus}


def unfinished(path: Path) -> list[Message]:
    return [message for message in read_catalogue(path) if not message.finished]


def fill(path: Path, translations: dict[str, str | list[str]]) -> int:
    """Write ``translations`` (English source → text, or plural forms) into unfinished messages.

    Only unfinished messages change: a finished translation is the translator's and stays.
    Returns how many were filled.
    """
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or source not in translations:
            continue
        if translation.get("type") != "unfinished":
            continue
        given = translations[source]
        if message.get("numerus") == "yes":
            if not isinstance(given, list):
                raise SystemExit(f"{path.name}: {source!r} has plural forms; give a list")
            for form in list(translation):
                translation.remove(form)
            for text in given:
                ET.SubElement(translation, "numerusform").text = text
        else:
            if not isinstance(given, str):
                raise SystemExit(f"{path.name}: {source!r} has no plural forms; give a string")
            translation.text = given
        del translation.attrib["type"]
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def update(catalogue_dir: Path = CATALOGUE_DIR) -> None:
    """Extract the texts into the ``.ts`` files and compile every ``.qm`` beside them."""
    catalogue_dir.mkdir(parents=True, exist_ok=True)
    run_lupdate(catalogue_dir)
    run_lrelease(catalogue_dir, catalogue_dir)


def stale_files(catalogue_dir: Path = CATALOGUE_DIR) -> list[str]:
    """The catalogue files that ``update`` would change, each with a reason."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for code in LANGUAGES:
            if (catalogue_dir / f"{code}.ts").exists():
                shutil.copy(catalogue_dir / f"{code}.ts", copy / f"{code}.ts")
        update(copy)
        for code in LANGUAGES:
            for suffix, why in ((".ts", "texts in app/ differ from the catalogue"),
                                (".qm", "not compiled from the current .ts")):
                name = f"{code}{suffix}"
                committed = catalogue_dir / name
                if not committed.exists() or committed.read_bytes() != (copy / name).read_bytes():
                    problems.append(f"resources/i18n/{name}: {why}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 if a catalogue is stale or unfinished")
    group.add_argument("--missing", action="store_true",
                       help="list the texts each language still lacks")
    group.add_argument("--fill", nargs=2, metavar=("LANGUAGE", "JSON"),
                       help="fill untranslated texts of LANGUAGE from a JSON object, then compile")
    arguments = parser.parse_args(argv)

    if arguments.fill:
        code, source = arguments.fill
        if code not in LANGUAGES:
            parser.error(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        translations = json.loads(Path(source).read_text(encoding="utf-8"))
        count = fill(CATALOGUE_DIR / f"{code}.ts", translations)
        update()
        print(f"{code}.ts: {count} texts filled")
        return 0
    if arguments.check:
        problems = stale_files()
    else:
        if not arguments.missing:
            update()
        problems = []
    for code in LANGUAGES:
        for message in unfinished(CATALOGUE_DIR / f"{code}.ts"):
            problems.append(f"resources/i18n/{code}.ts: not translated: {message.source!r}"
                            + (" (plural)" if message.numerus else ""))
    for problem in problems:
        print(problem)
    return 1 if problems and (arguments.check or arguments.missing) else 0


if __name__ == "__main__":
    raise SystemExit(main())
