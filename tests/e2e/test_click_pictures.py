"""The picture a recording keeps of a click shows the target as it looked before the press.

On a loaded machine the pointer listener can hand the recorder a press a good while after it
happened; by then the button is painted pressed, or the next screen has replaced it. A pressed
Fusion button looks only about 0.85 alike its plain self, below the robot's 0.9, so a picture
taken then is one the robot never finds again. The recorder must choose a picture the display
itself says was taken before the press.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.core.vision.screen import ScreenGrabber
from app.testing.person import Person
from app.testing.practice import POSITION, StartPractice
from app.testing.sandbox_map import absolute_point, widget_centres

pytestmark = pytest.mark.x11

SCRIPT = Path(__file__).parent / "support" / "late_listener_recording.py"
ROOT = Path(__file__).resolve().parents[2]


def read_line(process: subprocess.Popen[str], event: str) -> dict[str, object]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        _, errors = process.communicate(timeout=30)
        raise AssertionError(f"the recording ended before {event!r}: {errors}")
    said = json.loads(line)
    assert said["event"] == event, said
    return dict(said)


def test_a_click_reported_late_is_pictured_as_the_button_looked_before_it_was_pressed(
        environment: dict[str, str], practice: StartPractice, person: Person,
        tmp_path: Path, grabber: ScreenGrabber) -> None:
    practice("recorded")
    where = widget_centres()
    person.click(*absolute_point(where, "login", "username", POSITION))
    person.type("handlaggare")
    person.key("Tab")
    person.type("ovning")
    login = absolute_point(where, "login", "login", POSITION)
    person.point(login[0] + 300, login[1] + 200)
    before = grabber.grab_gray_full()

    recording = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--database", str(tmp_path / "late.sqlite"),
         "--late", "0.2"], cwd=ROOT, env=environment, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        read_line(recording, "recording")
        person.click(*login)
        person.wait_for_window("Sök sökande")
        assert recording.stdin is not None
        recording.stdin.write("stop\n")
        recording.stdin.flush()
        finished = read_line(recording, "finished")
    finally:
        if recording.poll() is None:
            recording.kill()
        recording.communicate(timeout=30)

    presses = finished["presses"]
    assert isinstance(presses, list) and len(presses) == 1, presses
    [press] = presses
    anchor = cv2.imread(press["anchor"], cv2.IMREAD_GRAYSCALE)
    assert anchor is not None
    height, width = anchor.shape
    left, top = press["left"], press["top"]
    assert left <= login[0] < left + width and top <= login[1] < top + height
    as_it_was = before[top:top + height, left:left + width].astype(np.int16)
    # The pointer resting on the button lightens it by a grey level or two; pressed, or gone
    # behind the next screen (a blank table), it differs by tens.
    difference = float(np.abs(as_it_was - anchor.astype(np.int16)).mean())
    assert difference < 2.0, f"the kept picture differs by {difference:.1f} grey levels"
