"""Where the practice system's widgets are, for end-to-end tests that click with xdotool.

The map is computed in-process: the same window is built offscreen at the same size, driven
through its screens, and every visible widget with an ``objectName`` is mapped to its centre
relative to the window's client origin. Without a window manager that origin is exactly the
``--position`` given to the practice system, so ``position + point`` is where to click.
``test_sandbox_on_display`` checks that the offscreen map and the real window on Xvfb agree.

Run as a script (``python tests/e2e/sandbox_map.py [WxH]``) it prints the map as JSON, computed
on whatever Qt platform the environment selects.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

# Run as a script from anywhere, the project root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.gui.qt import QtCore, QtWidgets
from app.gui.sandbox import SandboxConfig, SandboxWindow

Point = tuple[int, int]
ScreenMap = dict[str, dict[str, Point]]

SCREENS = ("login", "search", "form", "confirmation")
DEFAULT_SIZE = (1000, 700)
# A register entry, so the form screen looks the way it does in a normal run (name filled in).
SAMPLE_PERSONNUMMER = "19850709-9805"

_application: QtWidgets.QApplication | None = None


def _qt_application() -> QtWidgets.QApplication:
    global _application  # noqa: PLW0603 (one QApplication per process, kept alive)
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        return existing
    if _application is None:
        _application = QtWidgets.QApplication(["sandbox-map"])
        # The practice system sets Fusion itself; the geometry depends on the style.
        _application.setStyle("Fusion")
    return _application


def _settle() -> None:
    # Layout requests are posted events; a few rounds let nested layouts finish.
    for _ in range(5):
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents)


def _named_centres(root: QtWidgets.QWidget, window: QtWidgets.QWidget) -> dict[str, Point]:
    origin = window.mapToGlobal(QtCore.QPoint(0, 0))
    centres: dict[str, Point] = {}
    for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
        name = widget.objectName()
        if not name or name.startswith("qt_") or not widget.isVisible():
            continue
        # Global coordinates, so that a separate top-level (the dialog) maps the same way.
        centre = widget.mapToGlobal(widget.rect().center()) - origin
        centres[name] = (centre.x(), centre.y())
    return centres


def widget_centres(size: Point = DEFAULT_SIZE) -> ScreenMap:
    """Centre of every visible named widget per screen, relative to the window's top-left.

    Screens: ``login``, ``search``, ``form`` and ``confirmation`` (the "Ärendet är sparat"
    dialog; its points are relative to the main window too). Example:
    ``widget_centres()["search"]["search"]`` is the "Sök" button.
    """
    _qt_application()
    if QtWidgets.QApplication.style().name().lower() != "fusion":
        raise RuntimeError("the practice system's geometry is only defined for the Fusion style")
    with tempfile.TemporaryDirectory(prefix="sandbox-map-") as folder:
        config = SandboxConfig(cases_file=Path(folder) / "cases.jsonl", position=(0, 0),
                               size=size)
        window = SandboxWindow(config)
        try:
            return _drive(window)
        finally:
            if window.confirmation is not None:
                window.confirmation.reject()
            window.close()
            window.deleteLater()
            _settle()


def _drive(window: SandboxWindow) -> ScreenMap:
    window.show()
    _settle()
    result: ScreenMap = {}
    result["login"] = _named_centres(window, window)

    window.login_page.username.setText("kartlaggare")
    window.login_page.password.setText("x")
    window.login_page.login.click()
    _settle()
    result["search"] = _named_centres(window, window)

    window.search_page.personnummer.setText(SAMPLE_PERSONNUMMER)
    window.search_page.search.click()
    _settle()
    result["form"] = _named_centres(window, window)

    form = window.form_page
    form.amount.setText("1")
    form.category.setCurrentIndex(0)
    form.home_municipality.setText("Lund")
    form.save.click()
    _settle()
    dialog = window.confirmation
    if dialog is None:
        raise RuntimeError("the confirmation dialog did not appear: " + form.message.text())
    result["confirmation"] = _named_centres(dialog, window)
    return result


def absolute_point(
    centres: ScreenMap, screen: str, name: str, position: Point
) -> Point:
    """Where to click on the display for a window whose client origin is ``position``."""
    x, y = centres[screen][name]
    return position[0] + x, position[1] + y


if __name__ == "__main__":
    width, height = (int(n) for n in sys.argv[1].split("x")) if len(sys.argv) > 1 else DEFAULT_SIZE
    json.dump(widget_centres((width, height)), sys.stdout, ensure_ascii=False, indent=1,
              sort_keys=True)
    sys.stdout.write("\n")
