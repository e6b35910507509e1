"""Every text the studio shows is in Qt's catalogues, translated, and written so lupdate finds it.

The catalogues are ``resources/i18n/{sv,da,en}.ts`` and the ``.qm`` compiled from them; both
are committed. When a test here fails after new texts were added, run
``.venv/bin/python -m tools.translations`` and translate what ``--missing`` lists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tools import translations
from tools.translations import CATALOGUE_DIR, read_catalogue

APP = Path(__file__).resolve().parents[2] / "app"
I18N = APP / "gui" / "i18n.py"
PLACEHOLDER = re.compile(r"\{\w*\}")


def test_the_catalogues_hold_exactly_the_texts_in_the_code_and_are_compiled() -> None:
    """Stale means: lupdate over app/ would change a .ts, or a .qm is older than its .ts."""
    assert translations.stale_files() == [], (
        "run: .venv/bin/python -m tools.translations")


@pytest.mark.parametrize("code", ["sv", "da"])
def test_every_text_is_translated(code: str) -> None:
    untranslated = [message.source for message in read_catalogue(CATALOGUE_DIR / f"{code}.ts")
                    if not message.finished]
    assert untranslated == [], f"translate these in resources/i18n/{code}.ts"


def test_english_has_both_plural_forms_of_every_counted_text() -> None:
    english = read_catalogue(CATALOGUE_DIR / "en.ts")
    assert english, "en.ts holds the English plural forms"
    assert all(message.numerus and message.finished and len(message.forms) == 2
               for message in english)


@pytest.mark.parametrize("code", ["sv", "da", "en"])
def test_translations_keep_placeholders_plural_marks_and_one_shortcut_letter(code: str) -> None:
    for message in read_catalogue(CATALOGUE_DIR / f"{code}.ts"):
        for form in message.forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(
                PLACEHOLDER.findall(message.source)), (code, message.source, form)
            assert ("%n" in form) == ("%n" in message.source), (code, message.source, form)
            assert form.count("&") == message.source.count("&"), (code, message.source, form)


@pytest.mark.parametrize("code", ["sv", "da", "en"])
def test_every_text_is_in_the_context_tr_looks_in(code: str) -> None:
    # A text under another context (self.tr, i18n.tr) would never be found at run time.
    assert {message.context for message in read_catalogue(CATALOGUE_DIR / f"{code}.ts")} == {""}


# ---------------------------------------------------------------- how texts are written


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for file in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if called == name:
                    found.append((file, node))
    return found


def _where(file: Path, node: ast.AST) -> str:
    return f"{file.relative_to(APP.parent)}:{getattr(node, 'lineno', '?')}"


def test_texts_are_written_the_way_lupdate_reads_them() -> None:
    problems: list[str] = []
    for file, call in _calls("tr") + _calls("translatable"):
        if file == I18N:
            continue
        if isinstance(call.func, ast.Attribute):
            problems.append(f"{_where(file, call)}: call tr() by its plain name, not "
                            f"{ast.unparse(call.func)}()")
        text = call.args[0] if call.args else None
        if isinstance(text, ast.JoinedStr | ast.BinOp | ast.IfExp | ast.BoolOp):
            # lupdate takes the first literal only: an f-string keeps its {braces}, a
            # conditional loses its second text.
            problems.append(f"{_where(file, call)}: give tr() one literal text, not "
                            f"{ast.unparse(text)}")
        if len(call.args) == 3 and not (isinstance(text, ast.Constant)
                                        and "%n" in str(text.value)):
            problems.append(f"{_where(file, call)}: a counted text needs %n")
        if (getattr(call.func, "id", None) == "translatable"
                and not (isinstance(text, ast.Constant) and isinstance(text.value, str))):
            problems.append(f"{_where(file, call)}: translatable() marks a literal text")
    problems += [f"{_where(file, call)}: write tr(\"%n …\", \"\", count) instead of tr_count()"
                 for file, call in _calls("tr_count") if file != I18N]
    for file in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                inner = [sub for sub in ast.walk(node) if isinstance(sub, ast.Call)
                         and getattr(sub.func, "id", None) in ("tr", "translatable")]
                problems += [f"{_where(file, sub)}: lupdate cannot see tr() inside an "
                             "f-string" for sub in inner]
    print("\n".join(problems))
    assert problems == []


def test_every_literal_given_to_tr_is_in_the_catalogue() -> None:
    sources = {message.source for message in read_catalogue(CATALOGUE_DIR / "sv.ts")}
    literals = {
        (call.args[0].value, _where(file, call))
        for file, call in _calls("tr") + _calls("translatable")
        if file != I18N and call.args and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)}
    assert sorted(where for text, where in literals if text not in sources) == []


def _names_in(node: ast.AST) -> set[str]:
    return {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}


def _unmarked_texts(value: ast.AST) -> list[ast.Constant]:
    """Texts in a table's values (not its keys) that are not wrapped in ``translatable``."""
    marked = {id(node) for call in ast.walk(value) if isinstance(call, ast.Call)
              and isinstance(call.func, ast.Name) and call.func.id == "translatable"
              for node in ast.walk(call)}
    keys = {id(node) for table in ast.walk(value) if isinstance(table, ast.Dict)
            for key in table.keys if key is not None for node in ast.walk(key)}
    # Lower-case words ("click", "wait_time") are keys and settings, not texts people read.
    return [node for node in ast.walk(value) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and not re.fullmatch(r"[a-z0-9_?]*", node.value)
            and id(node) not in marked and id(node) not in keys]


def test_texts_looked_up_from_tables_are_marked_for_translation() -> None:
    # tr(TABLE[key]) translates at run time what lupdate found at the table: a text written
    # there without translatable() is never extracted and stays English on screen.
    problems = []
    for file in sorted(APP.rglob("*.py")):
        if file == I18N:
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"))
        assigned: dict[str, list[ast.AST]] = {}
        loops: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            # Only tables (a dict, list or tuple written out): a name given a single text
            # elsewhere is passed to tr() for other reasons and is caught as a non-literal.
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
                    node.value, ast.Dict | ast.List | ast.Tuple):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.For):
                for name in _names_in(node.target):
                    loops.setdefault(name, []).append(node.iter)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and not isinstance(node.args[0], ast.Constant)):
                continue
            names = _names_in(node.args[0])
            for name in list(names):
                for iterated in loops.get(name, []):
                    names |= _names_in(iterated)
            for name in sorted(names):
                for value in assigned.get(name, []):
                    problems += [f"{_where(file, text)}: {text.value!r} is not translatable()"
                                 for text in _unmarked_texts(value)]
    print("\n".join(problems))
    assert problems == []
