"""``robotfabrik recover``: list recordings whose recorder died, and save one as a bot.

Without a session id it lists the interrupted recordings; with one (or its first six or more
characters) it turns what was recorded up to the interruption into a bot in the library.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands import EXIT_OK, UserError
from app.core import paths

if TYPE_CHECKING:
    from app.core.recording.recovery import SessionSummary

HELP = "save a recording whose recorder was killed or crashed as a bot"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", nargs="?", metavar="SESSION_ID",
                        help="the session to recover (at least its first 6 characters); "
                             "without it, the interrupted recordings are listed")
    parser.add_argument("--bot", help="name of the bot to create (default: the recording's)")
    parser.add_argument("--out", help="bot folder to write (default: the library)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bot")


def execute(arguments: argparse.Namespace) -> int:
    from app.core.recording.recovery import (
        RecoveryError,
        find_session,
        interrupted_sessions,
        recover,
    )
    from app.core.store import Store

    with Store.open_default() as store:
        if arguments.session is None:
            if arguments.bot or arguments.out or arguments.overwrite:
                raise UserError("--bot, --out and --overwrite need a SESSION_ID to recover")
            print(_listing(interrupted_sessions(store)))
            return EXIT_OK
        try:
            session = find_session(store, arguments.session)
            name = arguments.bot or session.bot_name
            folder = Path(arguments.out) if arguments.out else paths.library_dir() / name
            if (folder / "bot.json").exists() and not arguments.overwrite:
                raise UserError(f"{folder} already holds a bot; choose another --bot name "
                                "or --overwrite")
            bot, file = recover(store, session.session_id, name, folder,
                                overwrite=arguments.overwrite)
        except RecoveryError as error:
            raise UserError(str(error)) from None
    print(f"Recovered {len(bot.steps)} steps from session {session.session_id} to {file}")
    return EXIT_OK


def _listing(summaries: list[SessionSummary]) -> str:
    if not summaries:
        return "There are no interrupted recordings."
    header = ("session", "bot", "started", "events", "clicks", "status")
    rows = [header] + [
        (summary.session_id, summary.bot_name, _when(summary.started_at), str(summary.events),
         str(summary.clicks), summary.state)
        for summary in summaries
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.append("Recover one with: robotfabrik recover SESSION_ID [--bot NAME]")
    return "\n".join(lines)


def _when(timestamp: float) -> str:
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S")
