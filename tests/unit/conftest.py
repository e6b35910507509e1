"""Fixtures for the unit layer: pure logic and the core against real files, never a display.

The user's database here is the one every command would open, inside the temporary home the
root conftest gives each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.store import Store


@pytest.fixture
def store(robotfabrik_home: Path) -> Iterator[Store]:
    """The user's database (in the test's own home), closed when the test ends."""
    with Store(robotfabrik_home / "robotfabrik.sqlite") as opened:
        yield opened
