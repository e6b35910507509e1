"""A password kept in the keyring types into the practice system and leaves no byte of itself in
any file the program wrote; a recording's typed keys are gone from the database once its bot is
saved, and ``purge --older-than 0`` leaves no raw keystroke of any session.

Real everything: an Xvfb display, gnome-keyring's Secret Service on a private D-Bus session bus,
``robotfabrik`` processes, SQLite files (database, -wal and -shm searched byte for byte)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.testing.display import VirtualDisplay
from app.testing.keyring_service import keep_secret
from app.testing.person import Person, wait_until
from app.testing.practice import POSITION, Sandbox, StartPractice, read_cases, robotfabrik
from app.testing.recording import RecordingProcess
from app.testing.sandbox_map import absolute_point, widget_centres
from tools.make_example import EXAMPLE, data_rows

pytestmark = pytest.mark.x11

SECRET = "Kv4rtz-Hemlis-7319"


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def files_holding(text: str, *folders: Path) -> list[str]:
    """Every file under ``folders`` that holds ``text`` in UTF-8 or UTF-16, byte for byte."""
    found = []
    for folder in folders:
        for file in folder.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                if any(encoded in data for encoded in encodings(text)):
                    found.append(str(file))
    return found


def test_a_password_from_the_keyring_is_typed_and_found_in_no_file_written(
        secret_environment: dict[str, str], sandbox: Sandbox, robotfabrik_home: Path,
        tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**secret_environment, "TMPDIR": str(temporary)}
    keep_secret(environment, str(EXAMPLE), "losenord", SECRET)

    # Given on the command line it is refused, and the refusal does not repeat it.
    refused = subprocess.run(robotfabrik("run", str(EXAMPLE), f"--param=losenord={SECRET}"),
                             env=environment, capture_output=True, text=True, timeout=60,
                             check=False)
    assert refused.returncode == 2
    assert "losenord is a secret; it is asked for at the prompt and kept in the keyring" \
        in refused.stderr
    assert SECRET not in refused.stdout + refused.stderr

    row = data_rows()[2]
    parameters = [f"--param={name}={value}" for name, value in row.items()]
    run = subprocess.run(robotfabrik("run", str(EXAMPLE), "--unattended", *parameters),
                         env=environment, capture_output=True, text=True, timeout=180,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    wait_until(lambda: read_cases(sandbox.cases_file), 10, "the case")
    sandbox.stop()

    # With the practice system gone the same run fails at its first picture: a failure
    # screenshot, a reason and a log file are written too, while the secret is in memory.
    failed = subprocess.run(robotfabrik("run", str(EXAMPLE), "--unattended", "--timeout", "1",
                                        *parameters),
                            env=environment, capture_output=True, text=True, timeout=180,
                            check=False)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert list((robotfabrik_home / "runs").rglob("*.png")), "no failure screenshot was kept"

    assert SECRET not in run.stdout + run.stderr + failed.stdout + failed.stderr
    database = robotfabrik_home / "robotfabrik.sqlite"
    assert database.exists()
    written = [path.name for path in robotfabrik_home.iterdir()]
    assert "robotfabrik.sqlite" in written
    assert files_holding(SECRET, robotfabrik_home, EXAMPLE, temporary) == []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT os_user, bot_sha256, parameters_json, status FROM runs "
            "ORDER BY started_at").fetchall()
    assert [status for *_, status in rows] == ["succeeded", "failed"]
    assert all(user and sha and '"losenord": "•••"' in parameters
               for user, sha, parameters, _ in rows)


def test_a_saved_recording_keeps_no_typed_key_and_purge_leaves_none_of_any_session(
        x_display: VirtualDisplay, environment: dict[str, str], practice: StartPractice,
        robotfabrik_home: Path) -> None:
    database = robotfabrik_home / "robotfabrik.sqlite"
    where = widget_centres()
    person = Person(x_display)
    practice("recorded")

    def type_into_the_login(recording: RecordingProcess, typed: str) -> None:
        person = Person(x_display, after=recording.keep_up)
        person.wait_for_window("Inloggning")
        person.click(*absolute_point(where, "login", "username", POSITION))
        person.type(typed)
        recording.wait_for_typed(typed)

    # A recording cut off (its recorder killed) keeps its keys for recover.
    cut_off = RecordingProcess(environment, "avbruten")
    with cut_off:
        type_into_the_login(cut_off, "avbrutenxq")
    assert cut_off.process.returncode is not None

    person.key("ctrl+a")
    person.key("BackSpace")
    with RecordingProcess(environment, "sparad") as recording:
        type_into_the_login(recording, "sparadzq")
        Person(x_display).key("ctrl+F12")
        finished = recording.finished()
    assert finished.returncode == 0 and "Saved" in finished.out, finished.errors

    def keystrokes(session: str) -> int:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            [(count,)] = connection.execute(
                "SELECT count(*) FROM raw_events WHERE session_id = ? "
                "AND kind IN ('key_down', 'key_up')", [session]).fetchall()
        return int(count)

    assert keystrokes(recording.session_id) == 0
    assert keystrokes(cut_off.session_id) > 0
    assert (robotfabrik_home / "recordings" / "sparad" / "bot.json").exists()

    purge = subprocess.run(robotfabrik("purge", "--older-than", "0"), env=environment,
                           capture_output=True, text=True, timeout=120, check=False)
    assert purge.returncode == 0, purge.stderr
    assert "raw keystrokes: " in purge.stdout
    removed = int(purge.stdout.split("raw keystrokes: ")[1].split()[0])
    assert removed == 2 * len("avbrutenxq")
    assert keystrokes(cut_off.session_id) == 0
    # Every keystroke row carries its kind's name: none is left anywhere in the files, free
    # pages and the write-ahead log included.
    stored = b"".join(path.read_bytes() for path in robotfabrik_home.glob("robotfabrik.sqlite*"))
    assert b"key_down" not in stored and b"key_up" not in stored
