"""Fixtures for the end-to-end layer: a real X display per test and what lives on it.

Each test gets a fresh Xvfb of its own (1920x1080 at 24 bits, as mss needs), so keyboard
layouts, lent key codes and windows never leak from one test into the next. Programs the tests
start get that display through ``environment``; the test process itself keeps no DISPLAY (the
root conftest removes it), so nothing can reach the screen of whoever runs the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.vision.screen import ScreenGrabber
from app.testing.display import VirtualDisplay, start_display, stop_display
from app.testing.keyring_service import KeyringService, start_keyring_service, stop_keyring_service
from app.testing.person import Person
from app.testing.practice import Sandbox, StartPractice


@pytest.fixture
def x_display() -> Iterator[VirtualDisplay]:
    """A fresh Xvfb server (1920x1080, 24-bit) for one test, so layouts and windows never leak."""
    display = start_display(1920, 1080)
    try:
        yield display
    finally:
        stop_display(display)


@pytest.fixture
def grabber(x_display: VirtualDisplay, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScreenGrabber]:
    """The test's screen, pictured the way the robot pictures it."""
    monkeypatch.setenv("DISPLAY", x_display.name)
    with ScreenGrabber() as grabber:
        yield grabber


@pytest.fixture
def environment(x_display: VirtualDisplay, robotfabrik_home: Path) -> dict[str, str]:
    """For a ``robotfabrik`` process on the test's display, with the test's own data folder."""
    return x_display.environment(ROBOTFABRIK_HOME=str(robotfabrik_home))


@pytest.fixture
def keyring() -> Iterator[KeyringService]:
    """A real Secret Service (gnome-keyring) of the test's own, on a private session bus."""
    service = start_keyring_service()
    try:
        yield service
    finally:
        stop_keyring_service(service)


@pytest.fixture
def secret_environment(environment: dict[str, str], keyring: KeyringService) -> dict[str, str]:
    """``environment`` whose programs keep and read passwords in the test's own keyring."""
    return keyring.environment(environment)


@pytest.fixture
def person(x_display: VirtualDisplay) -> Person:
    """A caseworker at the test's display, typing and clicking through xdotool."""
    return Person(x_display)


@pytest.fixture
def practice(x_display: VirtualDisplay, environment: dict[str, str],
             tmp_path: Path) -> Iterator[StartPractice]:
    """Starts a fresh practice system named ``name`` (its cases go to ``name.jsonl``) and returns
    once its login screen shows; every one still running is stopped after the test."""
    started: list[Sandbox] = []

    def start(name: str) -> Sandbox:
        sandbox = Sandbox(x_display, tmp_path / f"{name}.jsonl", environment)
        started.append(sandbox)
        sandbox.wait_until_shown("Inloggning")
        return sandbox

    yield start
    for sandbox in started:
        if sandbox.process.poll() is None:
            sandbox.stop()


@pytest.fixture
def sandbox(practice: StartPractice) -> Sandbox:
    """One practice system at its login screen, saving its cases to ``cases.jsonl``."""
    return practice("cases")
