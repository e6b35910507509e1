"""Windows that end-to-end tests type into, and small waits around them.

``qt_target`` starts ``text_target_qt.py`` (one Qt text field that mirrors its text to a file)
on the test's display and waits until it has the keyboard focus.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.testing.display import VirtualDisplay

TARGET_SCRIPT = Path(__file__).with_name("text_target_qt.py")
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def set_layout(display: VirtualDisplay, layout: str) -> None:
    subprocess.run(["setxkbmap", "-display", display.name, layout], check=True, timeout=20)


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def read_when(path: Path, expected: str, timeout: float = 10.0) -> str:
    """The file's text once it equals ``expected``, or whatever it holds when time runs out."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        if path.exists():
            text = path.read_bytes().decode("utf-8", "replace")
            if text == expected:
                return text
        time.sleep(0.02)
    return text


@dataclass
class QtTarget:
    process: subprocess.Popen[bytes]
    out: Path
    window_id: int


@contextmanager
def qt_target(display: VirtualDisplay, folder: Path, *, kind: str = "line",
              title: str = "Robotfabrik test target",
              geometry: tuple[int, int, int, int] = (200, 150, 480, 240)) -> Iterator[QtTarget]:
    """A Qt text field (``kind`` "line" or "plain") with the keyboard focus."""
    out = folder / f"qt-{kind}-{time.monotonic_ns()}.txt"
    ready = out.with_name(out.name + ".ready")
    log = (folder / (out.name + ".log")).open("wb")
    process = subprocess.Popen(
        [sys.executable, str(TARGET_SCRIPT), "--kind", kind, "--title", title,
         "--geometry", ",".join(map(str, geometry)), "--out", str(out)],
        env=display.environment(**UTF8), stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: ready.exists() or process.poll() is not None, 30, "the Qt window")
        if process.poll() is not None:
            log.flush()
            pytest.fail("the Qt target exited: " + (folder / (out.name + ".log")).read_text())
        yield QtTarget(process, out, int(ready.read_text()))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
