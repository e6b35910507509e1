"""Pictures with personal data are not kept forever."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.core.retention import keep_days, prune_pictures

DAY = 86_400.0


def folder_with_picture(path: Path, age_days: float) -> Path:
    path.mkdir(parents=True)
    picture = path / "step-001.png"
    picture.write_bytes(b"\x89PNG")
    then = time.time() - age_days * DAY
    for item in (picture, path):
        os.utime(item, (then, then))
    return path


def test_old_run_screenshots_and_recording_pictures_go_and_recent_ones_stay(
        robotfabrik_home: Path) -> None:
    old_run = folder_with_picture(robotfabrik_home / "runs" / "r1", 45)
    new_run = folder_with_picture(robotfabrik_home / "runs" / "r2", 3)
    old_session = folder_with_picture(robotfabrik_home / "sessions" / "s1", 31)
    removed = prune_pictures()
    assert sorted(removed) == sorted([old_run, old_session])
    assert not old_run.exists() and not old_session.exists() and new_run.exists()


def test_the_period_can_be_set_and_nonsense_falls_back(monkeypatch: pytest.MonkeyPatch,
                                                       robotfabrik_home: Path) -> None:
    monkeypatch.setenv("ROBOTFABRIK_KEEP_DAYS", "2")
    assert keep_days() == 2
    recent = folder_with_picture(robotfabrik_home / "runs" / "r", 3)
    assert prune_pictures() == [recent]
    monkeypatch.setenv("ROBOTFABRIK_KEEP_DAYS", "för evigt")
    assert keep_days() == 30


def test_nothing_to_prune_is_no_error(tmp_path: Path) -> None:
    assert prune_pictures(tmp_path / "finns-inte") == []
