"""Only one tray per person and data folder: a second start shows the first one instead.

Real lock files and real local sockets; both ends live in this process, as two starts of the
program would in two.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from app.gui.single_instance import SingleInstance


def test_a_second_start_is_refused_and_the_first_one_is_asked_to_show_itself(
        qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance("tray", tmp_path)
    assert first.claim()
    try:
        second = SingleInstance("tray", tmp_path)
        with qtbot.waitSignal(first.asked_to_show, timeout=5000):
            assert not second.claim()
    finally:
        first.release()


def test_once_the_first_one_has_ended_the_next_start_runs(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance("tray", tmp_path)
    assert first.claim()
    first.release()
    again = SingleInstance("tray", tmp_path)
    assert again.claim()
    again.release()


def test_a_lock_left_by_a_program_that_crashed_does_not_keep_the_tray_away(
        qtbot: QtBot, tmp_path: Path) -> None:
    # What QLockFile writes: process id, program name, host name; this process id runs no more.
    gone = os.fork()
    if gone == 0:
        os._exit(0)
    os.waitpid(gone, 0)
    hostname = QtCore.QSysInfo.machineHostName()
    (tmp_path / "tray.lock").write_text(f"{gone}\nrobotfabrik\n{hostname}\n", encoding="utf-8")
    left_behind = SingleInstance("tray", tmp_path)
    assert left_behind.claim()
    left_behind.release()


def test_trays_of_different_data_folders_do_not_meet(qtbot: QtBot, tmp_path: Path) -> None:
    one = SingleInstance("tray", tmp_path / "one")
    other = SingleInstance("tray", tmp_path / "other")
    assert one.claim() and other.claim()
    assert one.server_name != other.server_name
    one.release()
    other.release()
