"""Windows that end-to-end tests type into, and small waits around them.

``qt_target`` starts ``text_target_qt.py`` (one Qt text field that mirrors its text to a file)
on the test's display and waits until it has the keyboard focus. ``read_when`` waits for the
text a test expects. ``caught_up`` waits until such a window has put every key sent to it so far
into its text, which is how a test knows that nothing more is on its way;
``window_has_read_everything`` until any Qt window has read every event the X server sent it
(a keyboard mapping changed, say), though keys it has read may still be on their way to its
widgets.
"""

from __future__ import annotations

import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.testing.display import VirtualDisplay
from app.testing.person import wait_until

TARGET_SCRIPT = Path(__file__).with_name("text_target_qt.py")
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def set_layout(display: VirtualDisplay, layout: str) -> None:
    subprocess.run(["setxkbmap", "-display", display.name, layout], check=True, timeout=20)


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


def window_has_read_everything(display: VirtualDisplay, window_id: int,
                               timeout: float = 10.0) -> None:
    """Return once the window has read every event the X server sent it before this call.

    The window is pinged (``_NET_WM_PING``): Qt answers as it reads its events from the server,
    in order, so the answer comes after it has read everything before the ping. A change of the
    keyboard mapping is taken in as it is read (the keys after it are decoded with the new
    one); keys read are handed on to the widgets a moment later (see ``caught_up``).
    """
    from Xlib import X
    from Xlib import display as xdisplay
    from Xlib.protocol import event

    connection = xdisplay.Display(display.name)
    try:
        root = connection.screen().root
        # The answer is sent to the root window: Qt sends it to those listening for the root's
        # structure, other toolkits to those listening for its children's.
        root.change_attributes(event_mask=X.StructureNotifyMask | X.SubstructureNotifyMask)
        protocols = connection.intern_atom("WM_PROTOCOLS")
        ping = connection.intern_atom("_NET_WM_PING")
        stamp = time.monotonic_ns() & 0xFFFFFFFF
        window = connection.create_resource_object("window", window_id)
        window.send_event(event.ClientMessage(window=window, client_type=protocols,
                                              data=(32, [ping, stamp, window_id, 0, 0])))
        connection.flush()
        deadline = time.monotonic() + timeout
        while True:
            while connection.pending_events():
                answer = connection.next_event()
                if (answer.type == X.ClientMessage and answer.client_type == protocols
                        and list(answer.data[1][:2]) == [ping, stamp]):
                    return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"window {window_id:#x} did not answer a ping within "
                                     f"{timeout:g} s")
            select.select([connection], [], [], min(remaining, 0.1))
    finally:
        connection.close()


def caught_up(display: VirtualDisplay, target: QtTarget, timeout: float = 10.0) -> None:
    """Return once ``target`` has put every key the X server sent it before this call into its
    text: a tap of Pause, which it counts instead of typing, is handled after those keys."""
    from Xlib import XK, X
    from Xlib import display as xdisplay

    synced = target.out.with_name(target.out.name + ".synced")

    def count() -> int:
        return int(synced.read_text(encoding="utf-8") or 0) if synced.exists() else 0

    before = count()
    connection = xdisplay.Display(display.name)
    try:
        pause = connection.keysym_to_keycode(XK.XK_Pause)
        connection.xtest_fake_input(X.KeyPress, pause)
        connection.xtest_fake_input(X.KeyRelease, pause)
        connection.sync()
    finally:
        connection.close()
    wait_until(lambda: count() > before, timeout, "the window to handle every key sent to it")
