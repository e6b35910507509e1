"""Recovery: turning a recording whose recorder died (killed, crashed, power cut) into a bot.

The recorder streams every event into the store as it happens, so a session its recorder never
ended still holds the routine up to the moment the recorder stopped. Such a session is left with
status 'recording'; it counts as interrupted once the process that recorded it no longer runs.
The session row keeps that process's id (``recorder_pid``); a process id can be reused after a
reboot or a long time, so a process that began after the session did is a stranger, not the
recorder.

Recovering coalesces the stored events into steps exactly as a finished recording would be,
saves the bot, and marks the session 'interrupted' for good.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.hotkeys import DEFAULT_PAUSE_HOTKEY, DEFAULT_SECRET_HOTKEY, DEFAULT_STOP_HOTKEY
from app.core.model.bot import Bot, step_targets
from app.core.model.botfile import BOT_FILE, PNG_SIGNATURE, save_bot, selector_from_text
from app.core.platform import process_state
from app.core.recording.build import Recording, build_bot
from app.core.recording.events import ClickContext, InputEvent
from app.core.store import Row, Store

# A user types or pastes an id; shorter prefixes than this match too many sessions to be useful
# (the first hex digits of an id are its creation time).
MIN_ID_PREFIX = 6
# How much later than the session's start the recording process may seem to have begun: the two
# times come from different clocks (the wall clock then, the boot clock now) that can disagree
# by clock ticks and NTP corrections. A reused process id begins after the recorder died.
PROCESS_CLOCK_SLACK_S = 1.0
# The last chunk of every PNG file; a picture cut short by a power cut lacks it.
_PNG_END = b"IEND\xaeB`\x82"
_HEX_DIGITS = frozenset("0123456789abcdef")
# The recorder's own control keys are never steps. A session does not keep which ones it was
# given, so the defaults stand in.
_RECORDER_HOTKEYS = [DEFAULT_STOP_HOTKEY, DEFAULT_PAUSE_HOTKEY, DEFAULT_SECRET_HOTKEY]


class RecoveryError(Exception):
    """A session cannot be recovered; the message says why, in words for the user."""


@dataclass(frozen=True)
class SessionSummary:
    """A recording session as the recover listing shows it."""

    session_id: str
    bot_name: str
    started_at: float
    ended_at: float | None
    # As the store has it: 'recording' (its recorder is gone) or 'interrupted' (recovered, or
    # found gone before).
    status: str
    recorder_pid: int | None
    events: int
    clicks: int

    @property
    def state(self) -> str:
        """The status in words: why the session is listed."""
        if self.status == "recording":
            return "recorder gone"
        return self.status


# --- is the recording process still there? ----------------------------------------------------


def recorder_alive(pid: int | None, session_started_at: float) -> bool:
    """Whether the process that began a session at ``session_started_at`` is still running.

    False for a session without a process id (recorded before ids were kept: its recorder is
    an older program, long gone), for a process that ended (a zombie included), and for a
    process that began after the session did (the id was reused).
    """
    if pid is None or pid <= 0:
        return False
    state = process_state(pid)
    if not state.running:
        return False
    return state.started_at is None or (
        state.started_at <= session_started_at + PROCESS_CLOCK_SLACK_S)


# --- finding sessions -------------------------------------------------------------------------


def _summary(store: Store, row: Row) -> SessionSummary:
    session_id = str(row["id"])
    counts = store.session_event_counts(session_id)
    pid = row.get("recorder_pid")
    ended = row.get("ended_at")
    return SessionSummary(
        session_id=session_id,
        bot_name=str(row["bot_name"]),
        started_at=float(str(row["started_at"])),
        ended_at=float(str(ended)) if ended is not None else None,
        status=str(row["status"]),
        recorder_pid=int(str(pid)) if pid is not None else None,
        events=sum(counts.values()),
        clicks=counts.get("press", 0),
    )


def _recorder_gone(row: Row) -> bool:
    pid = row.get("recorder_pid")
    return not recorder_alive(int(str(pid)) if pid is not None else None,
                              float(str(row["started_at"])))


def interrupted_sessions(store: Store, limit: int = 1000) -> list[SessionSummary]:
    """Sessions that can be recovered, newest first: those marked 'interrupted', and those
    still 'recording' whose recording process no longer runs."""
    rows = [row for row in store.sessions("recording", limit) if _recorder_gone(row)]
    rows += store.sessions("interrupted", limit)
    rows.sort(key=lambda row: (float(str(row["started_at"])), str(row["id"])), reverse=True)
    return [_summary(store, row) for row in rows[:limit]]


def find_session(store: Store, id_or_prefix: str) -> SessionSummary:
    """The session with this id, or the one whose id starts with it (at least six digits)."""
    wanted = id_or_prefix.strip().lower()
    if len(wanted) < MIN_ID_PREFIX or not set(wanted) <= _HEX_DIGITS:
        raise RecoveryError(
            f"{id_or_prefix!r} is not a session id: give the id `robotfabrik recover` lists, "
            f"or at least its first {MIN_ID_PREFIX} characters")
    rows = store.sessions_with_id_prefix(wanted)
    if not rows:
        raise RecoveryError(f"there is no recording session {wanted}; `robotfabrik recover` "
                            "lists the interrupted ones")
    if len(rows) > 1:
        shown = ", ".join(str(row["id"]) for row in rows[:5])
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        raise RecoveryError(f"{wanted} is the start of {len(rows)} session ids ({shown}{more}); "
                            "give more of the id")
    return _summary(store, rows[0])


# --- recovering -------------------------------------------------------------------------------


def load_recording(store: Store, session_id: str) -> Recording:
    """A session's events and what was captured around them, as the recorder had them."""
    events = [InputEvent.from_row(row) for row in store.session_events(session_id)]
    contexts: dict[int, ClickContext] = {}
    for row in store.session_contexts(session_id):
        context = ClickContext.from_row(row)
        # SQLite keeps the flag as 0 or 1.
        contexts[context.seq] = dataclasses.replace(context, ignored=bool(context.ignored))
    # A row that is not a selector (written by a newer Robotfabrik) is left out, not fatal.
    selectors = {int(str(row["seq"])): selector for row in store.session_elements(session_id)
                 if (selector := selector_from_text(str(row["selector_json"]))) is not None}
    return Recording(session_id, paths.data_dir() / "sessions" / session_id, events, contexts,
                     selectors)


def recover(store: Store, session_id: str, bot_name: str | None = None,
            folder: Path | str | None = None, *, overwrite: bool = False) -> tuple[Bot, Path]:
    """Save an interrupted session as a bot; returns it and its bot.json.

    ``session_id`` may be an id prefix; ``bot_name`` defaults to the name the recording was
    started with, ``folder`` to that name in the bot library. The session is marked 'interrupted'
    once its recorder is known to be gone, even when there is nothing in it to save.
    """
    session = find_session(store, session_id)
    label = f"the recording {session.session_id} ({session.bot_name})"
    if session.status == "finished":
        raise RecoveryError(f"{label} ended normally and was saved as a bot then; "
                            "there is nothing to recover")
    if session.status == "recording" and recorder_alive(session.recorder_pid,
                                                        session.started_at):
        raise RecoveryError(
            f"{label} is still going on (recorder process {session.recorder_pid}); stop it "
            "with its stop hotkey and it saves its bot itself")
    recording = load_recording(store, session.session_id)
    _mark_interrupted(store, session, recording.events[-1].t if recording.events else None)
    if not recording.events:
        raise RecoveryError(f"{label} has no events: nothing was recorded before it stopped")
    name = bot_name or session.bot_name
    bot, pictures = build_bot(name, recording, _RECORDER_HOTKEYS)
    if not bot.steps:
        raise RecoveryError(f"{label} has events but no steps yet "
                            f"(only {describe_events(recording.events)})")
    target = Path(folder) if folder is not None else paths.library_dir() / name
    if (target / BOT_FILE).exists() and not overwrite:
        raise RecoveryError(f"{target} already holds a bot; choose another name or replace it")
    _drop_cut_pictures(bot, pictures)
    saved = save_bot(bot, target, pictures)
    # The bot is saved: what was typed has no more use in the database.
    store.forget_keystrokes(session.session_id)
    return bot, saved


def _mark_interrupted(store: Store, session: SessionSummary, last_event: float | None) -> None:
    if session.status == "interrupted":
        return
    # The recorder's end is not known; its last event is the closest witness.
    ended = last_event if last_event is not None else session.started_at
    store.mark_session_interrupted(session.session_id, ended)
    store.flush()


def _drop_cut_pictures(bot: Bot, pictures: dict[str, bytes]) -> None:
    """Forget pictures a power cut left incomplete; those clicks fall back to their points."""
    broken = {name for name, data in pictures.items()
              if not (data.startswith(PNG_SIGNATURE) and data.endswith(_PNG_END))}
    for name in broken:
        del pictures[name]
    for step in bot.steps:
        for target in step_targets(step):
            if target.anchor in broken:
                target.anchor = None
                target.anchor_offset = None


def describe_events(events: Sequence[InputEvent], limit: int = 5) -> str:
    """A short account of a few raw events: '2 events: shift down, shift up'."""
    words = [_describe(event) for event in events[:limit]]
    more = ", …" if len(events) > limit else ""
    count = f"{len(events)} event" + ("" if len(events) == 1 else "s")
    return f"{count}: {', '.join(words)}{more}"


def _describe(event: InputEvent) -> str:
    if event.kind in ("key_down", "key_up"):
        name = repr(event.char) if event.key == "char" and event.char else event.key or "a key"
        return f"{name} {'down' if event.kind == 'key_down' else 'up'}"
    if event.kind in ("press", "release"):
        where = f" at {event.x},{event.y}" if event.x is not None else ""
        change = "down" if event.kind == "press" else "up"
        return f"{event.button or 'mouse'} button {change}{where}"
    if event.kind == "mark":
        return f"{event.key} mark"
    return event.kind
