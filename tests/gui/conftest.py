"""Fixtures for the GUI layer: real widgets on Qt's offscreen platform, driven by pytest-qt.

The root conftest selects the offscreen platform for every test process; here each GUI test
checks that it really got it, so no widget ever opens on the screen of the person running the
tests, and the language a test chose does not leak into the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core import paths
from app.gui import i18n
from app.gui.qt import QtCore, QtGui, QtWidgets
from app.gui.studio import StudioWindow


@pytest.fixture(autouse=True)
def offscreen(qapp: QtWidgets.QApplication) -> None:
    """Every GUI test runs on the offscreen platform, whatever the environment said."""
    assert QtGui.QGuiApplication.platformName() == "offscreen"


@pytest.fixture
def swedish() -> Iterator[None]:
    """The studio in Swedish, as caseworkers see it; English and Qt's own texts again after."""
    i18n.set_language("sv")
    yield
    # Qt's own texts (standard buttons) were translated by whatever window the test built:
    # leave them untranslated for the next test, then go back to the environment's language.
    i18n.set_language("en")
    application = QtCore.QCoreApplication.instance()
    if application is not None:
        i18n.install_qt_translations(application)
    i18n.set_language(None)


@pytest.fixture
def examples_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Shipped examples in a temporary folder, so tests do not depend on the source tree."""
    folder = tmp_path / "examples"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "shipped_examples_dir", lambda: folder)
    return folder


@pytest.fixture
def library() -> Path:
    """My bots: the library folder under the test's own data directory."""
    return paths.library_dir()


@pytest.fixture
def make_window(qtbot: QtBot, examples_dir: Path) -> Callable[[], StudioWindow]:
    """Makes shown studio windows that are closed after the test."""
    def make() -> StudioWindow:
        window = StudioWindow()
        qtbot.addWidget(window)
        # Nobody answers a modal question in a test; teardown must not wait for one.
        window.ask_about_unsaved_changes = lambda name: "discard"  # type: ignore[method-assign]
        window.show()
        return window
    return make
