"""What every layer of the test suite needs: no test touches a real screen or the real user's
data, and an error logged where none was expected fails the test.

Each layer adds its own in its folder: ``tests/unit``, ``tests/gui`` (widgets on Qt's offscreen
platform) and ``tests/e2e`` (a private Xvfb display per test).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any test module imports Qt, pynput or pyautogui, which bind to a display at import:
# whichever layers a run collects, nothing may reach the screen of the person running it. GUI
# tests draw offscreen; end-to-end tests start their own Xvfb and hand DISPLAY to the programs
# they start.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("DISPLAY", None)


@pytest.fixture(autouse=True)
def robotfabrik_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever reads or writes the real user's data directory."""
    home = tmp_path / "robotfabrik-home"
    home.mkdir()
    monkeypatch.setenv("ROBOTFABRIK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the person's own keyring; tests of passwords start a private
    Secret Service (app.testing.keyring_service), whose variables override this."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


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
