"""A real Secret Service (gnome-keyring) on a private D-Bus session bus, for tests.

The product keeps secret parameters in the operating system's keyring through the ``keyring``
library, which on Linux talks to the Secret Service (``org.freedesktop.secrets``) over the
session bus. Tests must use a real one, never the person's own keyring: this starts a
``dbus-daemon --session`` with its socket in a private folder, then ``gnome-keyring-daemon``
with only its secrets component, its keyring files in that folder and the ``login`` collection
created and unlocked with a fixed test password fed on standard input. The bus address is handed to
child processes and tests through ``environment()`` and never exported into this process.

Everything is stopped by process id (the daemon's process group) and the folder is removed.
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
from dataclasses import dataclass
from pathlib import Path

from app.testing.practice import robotfabrik

SECRETS_BUS_NAME = "org.freedesktop.secrets"
# The login collection's password; gnome-keyring treats an empty one as none given and then
# wants a prompt. It guards only a throw-away folder.
TEST_KEYRING_PASSWORD = b"robotfabrik-test"


class KeyringServiceError(RuntimeError):
    """The private Secret Service could not be started (a package missing, or it failed)."""


@dataclass
class KeyringService:
    """A running private session bus with gnome-keyring's Secret Service on it."""

    folder: Path
    bus_address: str
    # None when the service joined a bus someone else started (``on_bus``).
    bus: subprocess.Popen[bytes] | None
    keyring_daemon: subprocess.Popen[bytes]

    def environment(self, base: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
        """For a program (or a test's ``monkeypatch``) that should use this keyring only."""
        env = dict(os.environ if base is None else base)
        env.update(self.variables())
        env.update(extra)
        return env

    def variables(self) -> dict[str, str]:
        """The variables that point the ``keyring`` library at this Secret Service."""
        return {
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            # keyring must pick the Secret Service backend, whatever the person configured.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        }

    def keyring_files(self) -> list[Path]:
        """The files gnome-keyring keeps its collections in (encrypted), for leak checks."""
        return [path for path in self.folder.rglob("*") if path.is_file()]


def _bus_has_owner(address: str, name: str) -> bool:
    result = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply=literal",
         "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
         "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        capture_output=True, text=True, timeout=20, check=False)
    return result.returncode == 0 and "true" in result.stdout


def _stop(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for stream in (process.stdout, process.stdin):
        if stream is not None:
            stream.close()


def start_keyring_service(timeout_s: float = 20.0, *,
                          on_bus: str | None = None) -> KeyringService:
    """Start the private bus and the Secret Service; returns once the service owns its name.

    ``on_bus`` is the address of a private session bus already started (a display's
    accessibility session, whose programs find the accessibility bus through it): the Secret
    Service joins that one instead, and stopping it leaves the bus alone.
    """
    for program, package in (("dbus-daemon", "dbus"), ("dbus-send", "dbus"),
                             ("gnome-keyring-daemon", "gnome-keyring")):
        if shutil.which(program) is None:
            raise KeyringServiceError(f"{program} is not installed (Debian package '{package}')")
    folder = Path(tempfile.mkdtemp(prefix="robotfabrik-keyring-"))
    folder.chmod(0o700)
    home = folder / "home"
    home.mkdir()
    environment = dict(os.environ)
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    environment.update(HOME=str(home), XDG_RUNTIME_DIR=str(folder),
                       XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    bus: subprocess.Popen[bytes] | None = None
    if on_bus is not None:
        address = on_bus
    else:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1",
             f"--address=unix:path={folder / 'bus'}"],
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            _stop(bus)
            shutil.rmtree(folder, ignore_errors=True)
            raise KeyringServiceError("dbus-daemon did not print its address")
    environment["DBUS_SESSION_BUS_ADDRESS"] = address
    # --unlock reads the login keyring's password from standard input and creates the collection
    # unlocked, so no prompt (which would need a person) ever appears.
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        env=environment, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    assert daemon.stdin is not None
    daemon.stdin.write(TEST_KEYRING_PASSWORD)
    daemon.stdin.close()
    service = KeyringService(folder, address, bus, daemon)
    try:
        deadline = time.monotonic() + timeout_s
        while not _bus_has_owner(address, SECRETS_BUS_NAME):
            if daemon.poll() is not None:
                raise KeyringServiceError(
                    f"gnome-keyring-daemon stopped at once (exit status {daemon.returncode})")
            if time.monotonic() > deadline:
                raise KeyringServiceError(
                    f"nobody took {SECRETS_BUS_NAME} on the private bus within {timeout_s} s")
            time.sleep(0.05)
    except BaseException:
        stop_keyring_service(service)
        raise
    return service


def stop_keyring_service(service: KeyringService) -> None:
    """Stop gnome-keyring, then the bus, and remove the folder with the keyring files."""
    _stop(service.keyring_daemon)
    if service.bus is not None:
        _stop(service.bus)
    shutil.rmtree(service.folder, ignore_errors=True)


def keep_secret(environment: dict[str, str], bot: str, parameter: str, value: str) -> None:
    """Keep a bot's password the way a person would where nobody types at the robot:
    ``robotfabrik secret set`` reading it from standard input (never from its arguments)."""
    result = subprocess.run(robotfabrik("secret", "set", bot, parameter), input=value + "\n",
                            env=environment, capture_output=True, text=True, timeout=60,
                            check=False)
    if result.returncode != 0:
        raise KeyringServiceError(f"robotfabrik secret set failed: {result.stderr.strip()}")


@contextmanager
def keyring_service(*, on_bus: str | None = None) -> Iterator[KeyringService]:
    service = start_keyring_service(on_bus=on_bus)
    try:
        yield service
    finally:
        stop_keyring_service(service)
