"""A bot's password lives in the operating system's keyring, asked for once and reused; it is
never taken from the command line. These tests talk to a real Secret Service (gnome-keyring on a
private D-Bus session bus), never to the keyring of the person running them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.commands import UserError
from app.commands.run import secret_values
from app.core import secrets
from app.core.model.bot import Bot, Parameter, TypeTextStep
from app.core.model.botfile import save_bot
from app.testing.keyring_service import (
    KeyringService,
    start_keyring_service,
    stop_keyring_service,
)

SECRET = "Hemligt-Lösen-42"
BOT = Bot("Inloggning", parameters=[Parameter("anvandare"),
                                    Parameter("losenord", "secret", "Lösenord")],
          steps=[TypeTextStep(id="losen", text="{{losenord}}")])


@pytest.fixture(scope="module")
def service() -> Iterator[KeyringService]:
    started = start_keyring_service()
    try:
        yield started
    finally:
        stop_keyring_service(started)


@pytest.fixture
def keyring_env(service: KeyringService, monkeypatch: pytest.MonkeyPatch) -> KeyringService:
    """This test process uses the private keyring only, and starts each test with it empty."""
    for name, value in service.variables().items():
        monkeypatch.setenv(name, value)
    for parameter in ("losenord", "annat"):
        secrets.forget(BOT.name, parameter)
    return service


def test_a_password_is_kept_read_back_and_forgotten(keyring_env: KeyringService) -> None:
    assert secrets.stored(BOT.name, "losenord") is None
    secrets.store(BOT.name, "losenord", SECRET)
    assert secrets.stored(BOT.name, "losenord") == SECRET
    assert secrets.stored("Annan bot", "losenord") is None
    assert secrets.forget(BOT.name, "losenord") is True
    assert secrets.stored(BOT.name, "losenord") is None
    assert secrets.forget(BOT.name, "losenord") is False


def test_nothing_logged_while_keeping_it_holds_the_value(
        keyring_env: KeyringService, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secrets.store(BOT.name, "losenord", SECRET)
    secrets.stored(BOT.name, "losenord")
    assert SECRET not in caplog.text
    assert "Inloggning/losenord" in caplog.text


def test_without_a_keyring_it_says_so_and_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring.core

    keyring.core.init_backend()
    try:
        with pytest.raises(secrets.KeyringUnavailableError, match="No keyring is available"):
            secrets.store(BOT.name, "losenord", SECRET)
    finally:
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
        keyring.core.init_backend()


def test_a_run_takes_the_password_from_the_keyring(keyring_env: KeyringService) -> None:
    secrets.store(BOT.name, "losenord", SECRET)
    assert secret_values(BOT, "inloggning", can_ask=False) == {"losenord": SECRET}


def test_where_nobody_can_type_a_missing_password_names_the_command_that_keeps_it(
        keyring_env: KeyringService) -> None:
    with pytest.raises(UserError) as raised:
        secret_values(BOT, "inloggning", can_ask=False)
    assert str(raised.value) == (
        "parameter losenord is a secret and no value is kept in the keyring; keep one first "
        "with: robotfabrik secret set inloggning losenord")


def test_at_a_terminal_it_is_asked_for_once_without_echo_and_then_kept(
        keyring_env: KeyringService, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return SECRET

    monkeypatch.setattr("getpass.getpass", getpass)
    assert secret_values(BOT, "inloggning", can_ask=True) == {"losenord": SECRET}
    assert secret_values(BOT, "inloggning", can_ask=True) == {"losenord": SECRET}
    assert prompts == ["Lösenord (losenord) for Inloggning: "]
    assert secrets.stored(BOT.name, "losenord") == SECRET
    assert SECRET not in capsys.readouterr().out


def run_command(service: KeyringService, home: Path, *arguments: str,
                stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = service.environment(ROBOTFABRIK_HOME=str(home))
    environment.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "app.cli", *arguments], input=stdin,
                          env=environment, capture_output=True, text=True, timeout=60,
                          check=False, cwd=Path(__file__).resolve().parents[2])


def test_the_secret_command_keeps_a_password_read_from_standard_input_and_forgets_it(
        keyring_env: KeyringService, tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = tmp_path / "inloggning"
    save_bot(BOT, folder)
    kept = run_command(keyring_env, robotfabrik_home, "secret", "set", str(folder), "losenord",
                       stdin=SECRET + "\n")
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout == "Kept the password Inloggning/losenord in the keyring.\n"
    assert secrets.stored(BOT.name, "losenord") == SECRET
    forgotten = run_command(keyring_env, robotfabrik_home, "secret", "forget", str(folder),
                            "losenord")
    assert forgotten.returncode == 0 and "Removed" in forgotten.stdout
    assert secrets.stored(BOT.name, "losenord") is None
    assert SECRET not in kept.stdout + kept.stderr + forgotten.stdout + forgotten.stderr


def test_the_secret_command_refuses_a_parameter_that_is_no_secret(
        keyring_env: KeyringService, tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = tmp_path / "inloggning"
    save_bot(BOT, folder)
    refused = run_command(keyring_env, robotfabrik_home, "secret", "set", str(folder),
                          "anvandare", stdin="x\n")
    assert refused.returncode == 2
    assert refused.stderr == ("robotfabrik: Inloggning has no secret parameter 'anvandare' "
                              "(its secret parameters: losenord)\n")


def test_the_keyring_files_hold_the_password_encrypted(keyring_env: KeyringService) -> None:
    secrets.store(BOT.name, "losenord", SECRET)
    files = keyring_env.keyring_files()
    assert files
    for file in files:
        data = file.read_bytes()
        assert SECRET.encode("utf-8") not in data and SECRET.encode("utf-16-le") not in data
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == keyring_env.bus_address
