"""A private Xvfb display for benchmarks and end-to-end tests, started and stopped on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class DisplayError(RuntimeError):
    """Xvfb could not be started (not installed, or it refused to run)."""


@dataclass(frozen=True)
class VirtualDisplay:
    name: str
    width: int
    height: int
    process: subprocess.Popen[bytes]

    def environment(self, **extra: str) -> dict[str, str]:
        """The process environment for a program that should run on this display."""
        env = dict(os.environ)
        env["DISPLAY"] = self.name
        env.pop("WAYLAND_DISPLAY", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        env.update(extra)
        return env


def start_display(width: int = 1920, height: int = 1080, depth: int = 24) -> VirtualDisplay:
    """Start Xvfb on a free display number (Xvfb picks it) and wait until it accepts clients."""
    if shutil.which("Xvfb") is None:
        raise DisplayError("Xvfb is not installed (Debian package 'xvfb')")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [
            "Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x{depth}",
            "-nolisten", "tcp", "-noreset", "+extension", "RECORD", "+extension", "XTEST",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 10
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        process.kill()
        process.wait()
        raise DisplayError("Xvfb did not report a display number")
    return VirtualDisplay(f":{number.decode().strip()}", width, height, process)


def stop_display(display: VirtualDisplay) -> None:
    display.process.terminate()
    try:
        display.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        display.process.kill()
        display.process.wait()


@contextmanager
def virtual_display(width: int = 1920, height: int = 1080) -> Iterator[VirtualDisplay]:
    display = start_display(width, height)
    try:
        yield display
    finally:
        stop_display(display)


@contextmanager
def display_for_process(width: int = 1920, height: int = 1080) -> Iterator[str]:
    """Use ``$DISPLAY`` when one is set, otherwise run this process on a private Xvfb."""
    existing = os.environ.get("DISPLAY")
    if existing:
        yield existing
        return
    with virtual_display(width, height) as display:
        os.environ["DISPLAY"] = display.name
        try:
            yield display.name
        finally:
            os.environ.pop("DISPLAY", None)
