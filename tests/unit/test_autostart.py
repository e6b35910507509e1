"""Starting the tray at login: the XDG autostart entry and the Windows Run key's value."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

from app.core.platform import autostart


def test_the_entry_starts_the_tray_with_paths_quoted_as_desktops_read_them() -> None:
    command = ["/home/anna karlsson/.venv/bin/robotfabrik", "tray"]
    entry = autostart.desktop_entry(command)
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read_string(entry)
    section = parsed["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == '"/home/anna karlsson/.venv/bin/robotfabrik" tray'
    assert section["Terminal"] == "false"


def test_dollar_quotes_and_percent_signs_are_escaped_in_the_exec_line() -> None:
    assert autostart.exec_line(['/opt/a"b$c', "100%"]) == '"/opt/a\\"b\\$c" 100%%'
    assert autostart.exec_line(["", "plain"]) == '"" plain'


def test_the_run_key_value_is_one_windows_command_line() -> None:
    value = autostart.run_key_value([r"C:\Program Files\Robotfabrik\robotfabrik.exe", "tray"])
    assert value == r'"C:\Program Files\Robotfabrik\robotfabrik.exe" tray'


def test_the_entry_goes_to_the_xdg_config_home(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    if sys.platform.startswith("linux"):
        assert autostart.autostart_file() == (tmp_path / "config" / "autostart"
                                              / "robotfabrik-tray.desktop")
    assert autostart.autostart_file(tmp_path) == tmp_path / "autostart" / (
        "robotfabrik-tray.desktop")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG entry is Linux's")
def test_switching_it_on_and_off_writes_and_removes_the_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    file = tmp_path / "autostart" / "robotfabrik-tray.desktop"
    assert not autostart.is_enabled()
    autostart.enable(["/usr/bin/robotfabrik", "tray"])
    assert autostart.is_enabled()
    assert "Exec=/usr/bin/robotfabrik tray\n" in file.read_text(encoding="utf-8")
    assert [p.name for p in file.parent.iterdir()] == ["robotfabrik-tray.desktop"]
    autostart.disable()
    assert not file.exists() and not autostart.is_enabled()
    autostart.disable()  # twice is fine


def test_the_tray_command_ends_in_tray() -> None:
    command = autostart.tray_command()
    assert command[-1] == "tray" and command[0]
