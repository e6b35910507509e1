"""A private D-Bus session bus and accessibility (AT-SPI) bus for one test display.

Applications publish their accessibility tree on the AT-SPI bus, which ``at-spi-bus-launcher``
starts when the session bus is first asked for it. Tests must never share these buses with the
person running them or with another test, so each display gets its own session bus (a
``dbus-daemon`` with its socket in a private runtime folder) and, through it, its own
accessibility bus. The launcher also writes the bus address onto the display's root window
(``AT_SPI_BUS``), which Qt reads first: one accessibility session per display, never two.

Facts this relies on are in ``shared/notes/accessibility-selectors.md`` ("Starting the bus
headless"): the runtime folder decides where the launcher puts its socket; the bus must exist
before the application starts; the session daemon, the launcher, the registry and whatever else
got activated are stopped by process id afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from app.testing.display import VirtualDisplay


class AccessibilityBusError(RuntimeError):
    """The buses could not be started (``dbus`` or ``at-spi2-core`` missing, or they failed)."""


@dataclass
class AccessibilityBus:
    """A running private session bus with its accessibility bus, for one display."""

    display: VirtualDisplay
    runtime_dir: Path
    session_address: str
    accessibility_address: str
    daemon: subprocess.Popen[bytes]
    helper_pids: list[int] = field(default_factory=list)

    def environment(self, **extra: str) -> dict[str, str]:
        """For a program on the display that should publish (Qt) or read its accessibility tree."""
        return self.display.environment(
            DBUS_SESSION_BUS_ADDRESS=self.session_address,
            XDG_RUNTIME_DIR=str(self.runtime_dir),
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            # GTK and Chromium read this one; Chromium also needs --force-renderer-accessibility.
            ACCESSIBILITY_ENABLED="1",
            NO_AT_BRIDGE="0",
            **extra,
        )


def _dbus_send(address: str, *arguments: str) -> str:
    result = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply=literal", *arguments],
        capture_output=True, text=True, timeout=20, check=False)
    if result.returncode != 0:
        raise AccessibilityBusError(f"dbus-send {' '.join(arguments[:2])}: {result.stderr.strip()}")
    return result.stdout.strip()


def _owner_pid(address: str, name: str) -> int | None:
    """The process that owns a bus name, asked of the bus daemon itself (never of the owner)."""
    try:
        reply = _dbus_send(address, "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus.GetConnectionUnixProcessID", f"string:{name}")
    except AccessibilityBusError:
        return None
    digits = reply.split()[-1] if reply else ""
    return int(digits) if digits.isdigit() else None


def start_accessibility_bus(display: VirtualDisplay, timeout_s: float = 20.0) -> AccessibilityBus:
    """Start a private session bus for ``display`` and the accessibility bus on it.

    Returns once the accessibility bus answers, so applications started afterwards register at
    once. Raises ``AccessibilityBusError`` naming what is missing or what failed.
    """
    for program, package in (("dbus-daemon", "dbus"), ("dbus-send", "dbus")):
        if shutil.which(program) is None:
            raise AccessibilityBusError(f"{program} is not installed (Debian package '{package}')")
    if not Path("/usr/share/dbus-1/services/org.a11y.Bus.service").exists():
        raise AccessibilityBusError(
            "the accessibility bus launcher is not installed (Debian package 'at-spi2-core')")
    runtime_dir = Path(tempfile.mkdtemp(prefix="robotfabrik-a11y-"))
    runtime_dir.chmod(0o700)
    # Its own settings folder too: switching the desktop's accessibility on makes the launcher
    # store that in the user's settings (dconf), which every later session would start with.
    environment = display.environment(XDG_RUNTIME_DIR=str(runtime_dir),
                                      XDG_CONFIG_HOME=str(runtime_dir / "config"))
    # Services the daemon activates (the launcher, portals, dconf) inherit this: the display
    # and the private folders, never the caller's session.
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1",
         f"--address=unix:path={runtime_dir / 'bus'}"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=True)
    assert daemon.stdout is not None
    session_address = daemon.stdout.readline().decode().strip()
    if not session_address:
        daemon.kill()
        daemon.wait()
        shutil.rmtree(runtime_dir, ignore_errors=True)
        raise AccessibilityBusError("dbus-daemon did not print its address")
    bus = AccessibilityBus(display, runtime_dir, session_address, "", daemon)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                reply = _dbus_send(session_address, "--dest=org.a11y.Bus", "/org/a11y/bus",
                                   "org.a11y.Bus.GetAddress")
                if reply:
                    bus.accessibility_address = reply
                    break
            except AccessibilityBusError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.05)
        launcher = _owner_pid(session_address, "org.a11y.Bus")
        if launcher is not None:
            bus.helper_pids.append(launcher)
    except BaseException:
        stop_accessibility_bus(bus)
        raise
    return bus


def stop_accessibility_bus(bus: AccessibilityBus) -> None:
    """Stop the registry, the launcher (which takes the accessibility bus) and the daemon."""
    if bus.accessibility_address:
        registry = _owner_pid(bus.accessibility_address, "org.a11y.atspi.Registry")
        if registry is not None:
            bus.helper_pids.insert(0, registry)
    for pid in bus.helper_pids:
        with suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    # Everything the daemon activated shares its process group (start_new_session above).
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(bus.daemon.pid, signal.SIGTERM)
    try:
        bus.daemon.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(bus.daemon.pid, signal.SIGKILL)
        bus.daemon.wait()
    if bus.daemon.stdout is not None:
        bus.daemon.stdout.close()
    shutil.rmtree(bus.runtime_dir, ignore_errors=True)


@contextmanager
def accessibility_bus(display: VirtualDisplay) -> Iterator[AccessibilityBus]:
    bus = start_accessibility_bus(display)
    try:
        yield bus
    finally:
        stop_accessibility_bus(bus)
