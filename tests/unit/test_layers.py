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
    kept = [line for line in result.stdout.splitlines() if line.endswith("KEPT")]
    assert len(kept) >= 3, result.stdout
    assert "The core never imports Qt KEPT" in result.stdout
    assert "The core's rooms are layered KEPT" in result.stdout
    assert "The product never imports test scaffolding KEPT" in result.stdout


def module_name(file: Path) -> str:
    parts = list(file.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_level_imports(file: Path, package: str) -> set[str]:
    """What a module imports while it loads: not inside functions, not only for type checkers."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If):
                if "TYPE_CHECKING" not in ast.unparse(node.test):
                    visit(node.body)
                    visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)

    visit(tree.body)
    return names


def test_no_module_imports_itself_back_in_a_circle_while_loading() -> None:
    files = {module_name(file): file for file in APP.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, file in files.items():
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {imported for imported in module_level_imports(file, package)
                       if imported in files and imported != name}
    circles: list[list[str]] = []
    state: dict[str, str] = {}

    def walk(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for imported in sorted(graph[name]):
            if state.get(imported) == "open":
                circles.append([*trail[trail.index(imported):], imported])
            elif imported not in state:
                walk(imported, [*trail, imported])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert circles == []


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
