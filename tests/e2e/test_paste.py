"""A step can paste its text instead of typing it: long or awkward texts arrive whole, and the
robot does not leave them on the caseworker's clipboard."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.core.model.bot import Bot, TypeTextStep
from app.core.model.botfile import save_bot
from app.testing.display import VirtualDisplay
from app.testing.practice import robotfabrik
from tests.e2e.support.targets import qt_target, read_when

pytestmark = pytest.mark.x11

TITLE = "Anteckningar"
TEXT = "Åsa Öberg\nStorgatan 5, 123 45 Växjö\nBelopp: 4 500 € {hyra} [maj] \\ | @"


def test_pasted_text_arrives_whole_and_leaves_the_clipboard(
        x_display: VirtualDisplay, environment: dict[str, str], tmp_path: Path) -> None:
    with qt_target(x_display, tmp_path, kind="plain", title=TITLE,
                   geometry=(300, 200, 600, 300)) as target:
        # Without a window manager the keyboard follows the pointer.
        subprocess.run(["xdotool", "mousemove", "--sync", "500", "350"], env=environment,
                       check=True)
        folder = tmp_path / "klistra"
        save_bot(Bot("Klistra in", steps=[
            TypeTextStep(id="anteckning", text=TEXT, window_title=TITLE, method="paste")]),
            folder)
        run = subprocess.run(robotfabrik("run", str(folder), "--unattended"), env=environment,
                             capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        assert read_when(target.out, TEXT) == TEXT
