"""Shared fixtures: every user directory points into a temporary folder, Qt runs offscreen,
and end-to-end tests get a private 1920x1080x24 Xvfb display of their own."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# GUI unit tests never need a display; end-to-end tests start their programs on Xvfb instead.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("DISPLAY", None)

from app.testing.display import VirtualDisplay, start_display, stop_display


@pytest.fixture(autouse=True)
def robotfabrik_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever reads or writes the real user's data directory."""
    home = tmp_path / "robotfabrik-home"
    home.mkdir()
    monkeypatch.setenv("ROBOTFABRIK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def fail_on_unexpected_error_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """An error logged anywhere during a test fails it unless the test expected it."""
    caplog.set_level(logging.WARNING)
    yield
    unexpected = [
        record for record in caplog.get_records("call")
        if record.levelno >= logging.ERROR and not getattr(record, "expected", False)
    ]
    if unexpected and not getattr(caplog, "errors_expected", False):
        pytest.fail("unexpected error logged: " + "; ".join(r.getMessage() for r in unexpected))


@pytest.fixture
def x_display() -> Iterator[VirtualDisplay]:
    """A fresh Xvfb server (1920x1080, 24-bit) for one test, so layouts and windows never leak."""
    display = start_display(1920, 1080)
    try:
        yield display
    finally:
        stop_display(display)
