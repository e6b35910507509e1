"""Starting the tray at login, when the person asks for it: one place per system.

On Linux (and other XDG desktops) an autostart entry, ``robotfabrik-tray.desktop`` in
``$XDG_CONFIG_HOME/autostart`` (``~/.config/autostart``); on Windows a value under the current
user's ``Run`` key. The texts written (the desktop entry, the command line) are pure functions,
tested on every system; only ``enable``/``disable``/``is_enabled`` touch the file or registry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from app.core.platform.desktop import PlatformError

DESKTOP_FILE_NAME = "robotfabrik-tray.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = "Robotfabrik tray"

# Characters the desktop entry spec says must be escaped inside a quoted Exec argument.
_EXEC_ESCAPED = '"`$\\'
_EXEC_NEEDS_QUOTES = set(' \t\n"\'\\><~|&;$*?#()`')


def program_command(*arguments: str) -> list[str]:
    """How this installation starts ``robotfabrik ARGUMENTS``: its own ``robotfabrik`` script
    when there is one beside the interpreter (a virtual environment), else the interpreter
    with the module."""
    folder = Path(sys.executable).parent
    for name in ("robotfabrik", "robotfabrik.exe"):
        script = folder / name
        if script.is_file():
            return [str(script), *arguments]
    found = shutil.which("robotfabrik")
    if found:
        return [found, *arguments]
    return [sys.executable, "-m", "app.cli", *arguments]


def tray_command() -> list[str]:
    """How this installation starts the tray."""
    return program_command("tray")


def exec_line(command: Sequence[str]) -> str:
    """``command`` as a desktop entry's Exec value (quoted and escaped as the spec asks)."""
    parts = []
    for argument in command:
        if not argument:
            parts.append('""')
            continue
        text = argument.replace("%", "%%")
        if set(text) & _EXEC_NEEDS_QUOTES:
            text = '"' + "".join("\\" + c if c in _EXEC_ESCAPED else c for c in text) + '"'
        parts.append(text)
    return " ".join(parts)


def desktop_entry(command: Sequence[str], name: str = "Robotfabrik",
                  comment: str = "Attended software robots in the tray") -> str:
    """The autostart entry's text for ``command``."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={name}",
        f"Comment={comment}",
        f"Exec={exec_line(command)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def autostart_file(config_home: Path | None = None) -> Path:
    """Where the autostart entry lives: ``$XDG_CONFIG_HOME/autostart`` or ~/.config's."""
    home = config_home or Path(platformdirs.user_config_dir())
    return home / "autostart" / DESKTOP_FILE_NAME


def run_key_value(command: Sequence[str]) -> str:
    """``command`` as the Run key's value: one Windows command line, quoted as Windows reads
    it."""
    return subprocess.list2cmdline(list(command))


# ---------------------------------------------------------------- the system's own part


def is_enabled() -> bool:
    """Whether the tray starts at login now."""
    if sys.platform == "win32":
        return _read_run_value() is not None
    if sys.platform == "darwin":
        return False
    return autostart_file().is_file()


def enable(command: Sequence[str] | None = None) -> None:
    """Start the tray (``command``, by default this installation's) at every login."""
    command = list(command or tray_command())
    if sys.platform == "win32":
        _write_run_value(run_key_value(command))
        return
    if sys.platform == "darwin":
        raise PlatformError("Starting at login is not available on macOS yet.")
    file = autostart_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_suffix(".tmp")
        temporary.write_text(desktop_entry(command), encoding="utf-8")
        os.replace(temporary, file)
    except OSError as error:
        raise PlatformError(f"{file}: {error.strerror or error}") from error


def disable() -> None:
    """Start the tray at login no more; nothing happens if it did not."""
    if sys.platform == "win32":
        _delete_run_value()
        return
    if sys.platform == "darwin":
        return
    file = autostart_file()
    try:
        file.unlink(missing_ok=True)
    except OSError as error:
        raise PlatformError(f"{file}: {error.strerror or error}") from error


if sys.platform == "win32":  # pragma: no cover - Windows only
    import winreg

    def _read_run_value() -> str | None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, RUN_VALUE_NAME)
        except OSError:
            return None
        return str(value)

    def _write_run_value(value: str) -> None:
        try:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, RUN_VALUE_NAME, 0, winreg.REG_SZ, value)
        except OSError as error:
            raise PlatformError(f"the Run key: {error}") from error

    def _delete_run_value() -> None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE_NAME)
        except FileNotFoundError:
            return
        except OSError as error:
            raise PlatformError(f"the Run key: {error}") from error

else:
    def _no_run_key() -> PlatformError:
        return PlatformError("The Run key exists only on Windows.")

    def _read_run_value() -> str | None:
        raise _no_run_key()

    def _write_run_value(value: str) -> None:
        raise _no_run_key()

    def _delete_run_value() -> None:
        raise _no_run_key()
