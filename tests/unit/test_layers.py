"""The layout tells the architecture's story: a core without Qt, and Qt through one door."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
QT_GATEWAY = APP / "gui" / "qt.py"


def imported_modules(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_import_contracts_hold() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(linter), "--no-cache"], cwd=APP.parent, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core never imports Qt KEPT" in result.stdout


def test_qt_is_imported_only_through_the_gateway_module() -> None:
    offenders = [
        str(file.relative_to(APP.parent)) for file in APP.rglob("*.py")
        if file != QT_GATEWAY
        and any(name.split(".")[0] == "PySide6" for name in imported_modules(file))
    ]
    assert offenders == []


def test_no_core_module_imports_the_qt_face() -> None:
    offenders = [
        str(file.relative_to(APP.parent)) for file in (APP / "core").rglob("*.py")
        if any(name.startswith(("app.gui", "PySide6")) for name in imported_modules(file))
    ]
    assert offenders == []


def test_every_module_says_what_it_is_for() -> None:
    missing = [
        str(file.relative_to(APP.parent)) for file in APP.rglob("*.py")
        if not ast.get_docstring(ast.parse(file.read_text(encoding="utf-8")))
    ]
    assert missing == []
