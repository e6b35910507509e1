"""Where the practice system's widgets are, for end-to-end tests that click with xdotool.

The map is computed in-process: the same window is built offscreen at the same size, driven
through its screens, and every visible widget with an ``objectName`` is mapped to its centre
relative to the window's client origin. Without a window manager that origin is exactly the
``--position`` given to the practice system, so ``position + point`` is where to click.
``test_sandbox_on_display`` checks that the offscreen map and the real window on Xvfb agree.

Some points on the form move with what the caseworker does: the rows of "Bifogade handlingar"
with the list's scroll position, and the handle of "Prioritet" with its value. ``form_controls``
maps those too: the list's centre (where to turn the mouse wheel), every fully visible row when
the list is scrolled to the top and to the bottom, and the slider's handle at each value.

Run as a program (``python -m app.testing.sandbox_map [WxH]``, or by its path) it prints both
maps as JSON, ``{"widgets": ..., "form_controls": ...}``, computed on whatever Qt platform the
environment selects.
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

# Run as a script from anywhere, the project root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.gui.qt import QtCore, QtWidgets
from app.sandbox import SandboxConfig, SandboxWindow
from app.sandbox.window import FormPage

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


@dataclass(frozen=True)
class FormControls:
    """Points on the form screen that depend on scrolling and on the slider's value.

    All are relative to the window's client origin, like ``widget_centres``.
    """

    #: Centre of the rows area of "Bifogade handlingar": the wheel scrolls the list there.
    attachments: Point
    #: Centre of every fully visible row, by document type, with the list scrolled to the top.
    rows_at_top: Mapping[str, Point]
    #: The same with the list scrolled to the bottom (what the wheel ends on).
    rows_at_bottom: Mapping[str, Point]
    #: Centre of the "Prioritet" handle when the slider is at each value, 1 to 5.
    priority_handles: Mapping[int, Point]

    def row(self, name: str, *, scrolled_to_bottom: bool) -> Point:
        rows = self.rows_at_bottom if scrolled_to_bottom else self.rows_at_top
        if name not in rows:
            where = "bottom" if scrolled_to_bottom else "top"
            raise KeyError(
                f"{name!r} is not fully visible with the list scrolled to the {where}; "
                f"visible: {', '.join(rows)}"
            )
        return rows[name]

    def as_json(self) -> dict[str, object]:
        return {
            "attachments": self.attachments,
            "rows_at_top": dict(self.rows_at_top),
            "rows_at_bottom": dict(self.rows_at_bottom),
            "priority_handles": {str(value): point
                                 for value, point in self.priority_handles.items()},
        }


def widget_centres(size: Point = DEFAULT_SIZE) -> ScreenMap:
    """Centre of every visible named widget per screen, relative to the window's top-left.

    Screens: ``login``, ``search``, ``form`` and ``confirmation`` (the "Ärendet är sparat"
    dialog; its points are relative to the main window too). Example:
    ``widget_centres()["search"]["search"]`` is the "Sök" button.
    """
    screens, _ = _maps(size)
    return {screen: dict(names) for screen, names in screens.items()}


@functools.cache
def form_controls(size: Point = DEFAULT_SIZE) -> FormControls:
    """Where the list rows and the slider handle are on the form screen; see ``FormControls``.

    Example, clicking the last document type after wheeling the list down::

        form_controls().row("Övriga handlingar", scrolled_to_bottom=True)
    """
    return _maps(size)[1]


def attachment_item_centre(
    name: str, scrolled_to_bottom: bool, size: Point = DEFAULT_SIZE
) -> Point:
    """Centre of the row for document type ``name``; KeyError if not fully visible then."""
    return form_controls(size).row(name, scrolled_to_bottom=scrolled_to_bottom)


def priority_handle_centre(value: int, size: Point = DEFAULT_SIZE) -> Point:
    """Centre of the "Prioritet" slider's handle when the slider is at ``value`` (1 to 5)."""
    return form_controls(size).priority_handles[value]


@functools.cache
def _maps(size: Point) -> tuple[ScreenMap, FormControls]:
    # Cached: building and driving a window takes a moment, and the layout never changes
    # within a process. Callers get copies of the mutable part.
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


def _window_point(widget: QtWidgets.QWidget, point: QtCore.QPoint,
                  window: QtWidgets.QWidget) -> Point:
    relative = widget.mapToGlobal(point) - window.mapToGlobal(QtCore.QPoint(0, 0))
    return relative.x(), relative.y()


def _visible_rows(form: FormPage, window: SandboxWindow) -> dict[str, Point]:
    rows = form.attachments
    viewport = rows.viewport()
    centres: dict[str, Point] = {}
    for row in range(rows.count()):
        item = rows.item(row)
        if item is None:
            continue
        rect = rows.visualItemRect(item)
        # A half-shown row would be scrolled into view by a click, moving it under the mouse.
        if viewport.rect().contains(rect):
            centres[item.text()] = _window_point(viewport, rect.center(), window)
    return centres


def _priority_handle(form: FormPage, window: SandboxWindow) -> Point:
    slider = form.priority
    option = QtWidgets.QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QtWidgets.QStyle.ComplexControl.CC_Slider, option,
        QtWidgets.QStyle.SubControl.SC_SliderHandle, slider,
    )
    return _window_point(slider, handle.center(), window)


def _form_controls(form: FormPage, window: SandboxWindow) -> FormControls:
    rows = form.attachments
    viewport = rows.viewport()
    rows.scrollToBottom()
    _settle()
    at_bottom = _visible_rows(form, window)
    rows.scrollToTop()
    _settle()
    at_top = _visible_rows(form, window)
    slider = form.priority
    default = slider.value()
    handles: dict[int, Point] = {}
    for value in range(slider.minimum(), slider.maximum() + 1):
        slider.setValue(value)
        _settle()
        handles[value] = _priority_handle(form, window)
    slider.setValue(default)
    _settle()
    return FormControls(
        attachments=_window_point(viewport, viewport.rect().center(), window),
        rows_at_top=MappingProxyType(at_top),
        rows_at_bottom=MappingProxyType(at_bottom),
        priority_handles=MappingProxyType(handles),
    )


def _drive(window: SandboxWindow) -> tuple[ScreenMap, FormControls]:
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
    controls = _form_controls(window.form_page, window)

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
    return result, controls


def absolute_point(
    centres: ScreenMap, screen: str, name: str, position: Point
) -> Point:
    """Where to click on the display for a window whose client origin is ``position``."""
    x, y = centres[screen][name]
    return position[0] + x, position[1] + y


if __name__ == "__main__":
    width, height = (int(n) for n in sys.argv[1].split("x")) if len(sys.argv) > 1 else DEFAULT_SIZE
    size_asked = (width, height)
    both = {"widgets": widget_centres(size_asked),
            "form_controls": form_controls(size_asked).as_json()}
    json.dump(both, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
