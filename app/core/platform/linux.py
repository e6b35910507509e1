"""Linux facts about processes, read from /proc: whether one runs, and when it began.

Recovery asks this about the process that recorded a session, to tell a recording whose
recorder died from one still going on, and a reused process id from the recorder itself.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.core.platform.desktop import ProcessState

# Process states of /proc/<pid>/stat that mean dead, only not yet collected by the parent.
_DEAD_STATES = frozenset({"Z", "X", "x"})


def parse_stat(stat: str) -> tuple[str, int | None]:
    """(state letter, start time in clock ticks since boot) of a /proc/<pid>/stat line; the
    start is None when the line does not tell it."""
    # The command name (second field) may hold spaces and parentheses: split after its end.
    fields = stat[stat.rindex(")") + 2:].split()
    try:
        start_ticks = int(fields[19])  # field 22, starttime
    except (IndexError, ValueError):
        start_ticks = None
    return fields[0], start_ticks


def process_state(pid: int) -> ProcessState | None:
    """From /proc; None when /proc cannot answer (not mounted, not readable)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ProcessState(running=False)
    except OSError:
        return None
    state, start_ticks = parse_stat(text)
    if state in _DEAD_STATES:
        return ProcessState(running=False)
    if start_ticks is None:
        return ProcessState(running=True)
    try:
        since_boot = start_ticks / os.sysconf("SC_CLK_TCK")
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - since_boot
    except (ValueError, OSError):
        return ProcessState(running=True)
    return ProcessState(True, time.time() - age)
