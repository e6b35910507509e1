"""The recorder benchmark, small: every key typed by xdotool and by pyautogui reaches the store.

Timings are not judged here (the machine running the tests may be busy); losing a key is
behaviour, and so is leaving the user's data directory alone.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from app.bench.recorder_bench import percentile, typed_text
from app.testing.display import VirtualDisplay
from app.testing.practice import robotfabrik

pytestmark = pytest.mark.x11


def run_bench(environment: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        robotfabrik("bench", "recorder", "--runs", "1", "--keys", "200", "--json"),
        env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


def check_no_key_was_lost(figures: dict[str, object]) -> None:
    assert figures["runs"] == 1
    assert figures["events_sent"] == 400
    assert figures["xdotool_sent"] == figures["pyautogui_sent"] == 200
    lost = {name: figures[name] for name in ("lost_events", "lost_releases", "xdotool_lost",
                                             "pyautogui_lost")}
    assert set(lost.values()) == {0}, lost
    clicks = figures["clicks_sent"]
    assert isinstance(clicks, int) and clicks >= 2
    assert figures["clicks_recorded"] == figures["click_pictures"] == clicks
    # The benchmark's plain window publishes no accessibility tree.
    assert figures["selectors_recorded"] == 0
    callbacks = figures["callbacks"]
    assert isinstance(callbacks, int) and callbacks >= 800
    for name in ("callback_p50_ms", "callback_p99_ms", "callback_max_ms"):
        milliseconds = figures[name]
        assert isinstance(milliseconds, float) and milliseconds > 0


def test_every_key_reaches_the_recorder_on_the_current_display(
        x_display: VirtualDisplay, environment: dict[str, str], robotfabrik_home: Path) -> None:
    figures = run_bench(environment)
    assert figures["display"] == x_display.name
    check_no_key_was_lost(figures)
    # The click pictures went to a temporary folder, not the user's data directory.
    assert list(robotfabrik_home.iterdir()) == []


def test_without_a_display_the_benchmark_brings_its_own(robotfabrik_home: Path) -> None:
    environment = {name: value for name, value in os.environ.items() if name != "DISPLAY"}
    environment["ROBOTFABRIK_HOME"] = str(robotfabrik_home)
    figures = run_bench(environment)
    assert str(figures["display"]).startswith(":")
    check_no_key_was_lost(figures)


def test_the_typed_text_is_letters_and_digits_and_repeatable() -> None:
    text = typed_text(2000, seed=3)
    assert len(text) == 2000 and text.isascii() and text.isalnum()
    assert text == typed_text(2000, seed=3) != typed_text(2000, seed=4)


def test_percentiles_are_nearest_rank() -> None:
    values = list(range(1, 101))
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1.0)) == (
        50, 99, 100)
    assert percentile([7], 0.99) == 7
