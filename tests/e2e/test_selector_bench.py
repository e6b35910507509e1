"""The selector benchmark, small: it finds every recorded element and every picture, in the
practice system and (where Chromium is installed) in a web form.

Timings are not judged here (the machine running the tests may be busy); finding the right
element is behaviour.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from app.testing.practice import robotfabrik

pytestmark = pytest.mark.x11


def test_the_benchmark_finds_each_element_by_selector_and_by_picture() -> None:
    # No display handed over: the bench always brings its own, with its own buses.
    environment = {name: value for name, value in os.environ.items() if name != "DISPLAY"}
    result = subprocess.run(robotfabrik("bench", "selector", "--repeat", "3", "--json"),
                            env=environment, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["found_qt"] is True and figures["found_picture"] is True
    for name in ("qt_resolve_ms", "picture_near_ms", "hit_test_ms"):
        assert isinstance(figures[name], float) and figures[name] > 0
    if shutil.which("chromium"):
        assert figures["found_browser"] is True
        assert isinstance(figures["browser_resolve_ms"], float)
    else:
        assert "chromium is not installed" in figures["browser"]
