"""How long pictures with personal data are kept: failure screenshots and recording pictures.

Screens of a case-handling system show names, personnummer and amounts. A failure screenshot
helps for a while after a run and a recording's raw pictures until its bot is built; after that
they are only a risk. Folders older than the retention period are removed whenever a run or a
recording starts. The period is the settings' retention days (default 30);
``ROBOTFABRIK_KEEP_DAYS`` overrides it for one process.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from app.core import paths, settings

log = logging.getLogger(__name__)

KEEP_DAYS_VARIABLE = "ROBOTFABRIK_KEEP_DAYS"
DEFAULT_KEEP_DAYS = float(settings.DEFAULT_RETENTION_DAYS)
PICTURE_FOLDERS = ("runs", "sessions")


def keep_days() -> float:
    """The retention period in days: ROBOTFABRIK_KEEP_DAYS if it is a positive number, else
    the settings' retention days."""
    text = os.environ.get(KEEP_DAYS_VARIABLE, "")
    try:
        days = float(text)
    except ValueError:
        days = 0.0
    return days if days > 0 else float(settings.current().settings.retention_days)


def prune_pictures(data_dir: Path | None = None, days: float | None = None,
                   now: float | None = None) -> list[Path]:
    """Remove run and session picture folders not touched for ``days``; returns what went."""
    root = paths.data_dir() if data_dir is None else data_dir
    cutoff = (time.time() if now is None else now) - 86_400 * (keep_days() if days is None
                                                               else days)
    removed: list[Path] = []
    for name in PICTURE_FOLDERS:
        try:
            folders = [entry for entry in (root / name).iterdir() if entry.is_dir()]
        except OSError:
            continue
        for folder in folders:
            try:
                newest = max([folder.stat().st_mtime,
                              *(file.stat().st_mtime for file in folder.iterdir())])
                if newest < cutoff:
                    shutil.rmtree(folder)
                    removed.append(folder)
            except OSError as error:
                log.warning("could not remove old pictures in %s: %s", folder, error)
    return removed
