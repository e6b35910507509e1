"""How long personal data is kept: failure screenshots, recording pictures and raw events.

Screens of a case-handling system show names, personnummer and amounts, and a recording's raw
keystrokes hold what the caseworker typed. A failure screenshot helps for a while after a run, a
recording's raw pictures and events until its bot is built (the typed keys are deleted as soon
as it is: ``Store.forget_keystrokes``); a session cut off keeps them for ``recover``. After the
retention period all of it is only a risk: ``purge`` removes the picture folders and the
database rows (raw events, click contexts, recorded elements, screenshot paths) at once.

It runs whenever the studio, the tray, a run or a recording starts (``apply_retention``), daily
in long-running processes (the studio calls ``apply_retention`` from a timer), and on demand
(``robotfabrik purge --older-than DAYS``). The period is the settings' retention days (default
30); ``ROBOTFABRIK_KEEP_DAYS`` overrides it for one process.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from app.core import paths, settings
from app.core.platform import process_state
from app.core.store import PurgeCounts, Store, StoreError

log = logging.getLogger(__name__)

KEEP_DAYS_VARIABLE = "ROBOTFABRIK_KEEP_DAYS"
DEFAULT_KEEP_DAYS = float(settings.DEFAULT_RETENTION_DAYS)
PICTURE_FOLDERS = ("runs", "sessions")
DAY_S = 86_400
# How long a long-running process waits between two purges.
PURGE_INTERVAL_S = DAY_S
# The recorder's process start and the session's start come from different clocks (see
# app.core.recording.recovery); a reused process id begins well after the session did.
_PROCESS_CLOCK_SLACK_S = 1.0


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


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed: picture folders from the disk, rows from the database."""

    folders: list[Path]
    rows: PurgeCounts

    def lines(self) -> list[str]:
        """One line per kind, for a person (``robotfabrik purge`` prints them)."""
        sessions = sum(1 for folder in self.folders if folder.parent.name == "sessions")
        runs = len(self.folders) - sessions
        rows = self.rows
        lines = [
            f"raw keystrokes: {rows.keystrokes}",
            f"other raw events (clicks, moves, scrolls, marks): {rows.other_raw_events}",
            f"pictures captured at clicks: {rows.click_contexts}",
            f"recorded elements: {rows.recorded_elements}",
            f"failure screenshots in the run log: {rows.screenshots}",
            f"folders of failure screenshots: {runs}",
            f"folders of recording pictures: {sessions}",
        ]
        if not rows.wal_truncated:
            lines.append("note: another program was reading the database; its write-ahead log "
                         "is emptied at SQLite's next checkpoint")
        return lines


def _sessions_being_recorded(store: Store) -> list[str]:
    """Sessions whose recorder still runs: their events are the recording under way."""
    live: list[str] = []
    for row in store.sessions("recording", limit=1000):
        pid = row.get("recorder_pid")
        started = float(str(row["started_at"]))
        if not isinstance(pid, int) or pid <= 0:
            continue
        state = process_state(pid)
        if state.running and (state.started_at is None
                              or state.started_at <= started + _PROCESS_CLOCK_SLACK_S):
            live.append(str(row["id"]))
    return live


def purge(store: Store, days: float, *, data_dir: Path | None = None,
          now: float | None = None) -> PurgeReport:
    """Remove everything with personal data older than ``days`` (0: all of it, except a
    recording under way): picture folders and database rows. Raises StoreError when the
    database cannot be written."""
    moment = time.time() if now is None else now
    folders = prune_pictures(data_dir, days, moment)
    rows = store.purge(moment - DAY_S * days, keep_sessions=_sessions_being_recorded(store))
    return PurgeReport(folders, rows)


def apply_retention(store: Store | None = None) -> PurgeReport | None:
    """The retention period's purge, for start-up and the daily timer: never raises (a
    database that cannot be written now is logged and tried again next time)."""
    opened = store is None
    try:
        used = Store.open_default() if store is None else store
    except StoreError as error:
        log.warning("old personal data was not purged: %s", error)
        return None
    try:
        report = purge(used, keep_days())
    except StoreError as error:
        log.warning("old personal data was not purged: %s", error)
        return None
    finally:
        if opened:
            used.close()
    if report.folders or report.rows.keystrokes or report.rows.other_raw_events:
        log.info("retention: %s", "; ".join(report.lines()))
    return report
