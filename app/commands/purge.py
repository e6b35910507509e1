"""``robotfabrik purge --older-than DAYS``: remove personal data now, and say what went.

What retention does by itself at start-up and daily (see ``app.core.retention``), on demand:
raw recording events (the typed keystrokes first), pictures captured at clicks, recorded
elements, failure screenshots and their folders, for everything last used more than DAYS ago.
``--older-than 0`` removes all of it except a recording under way. Bots and the run history
(which bot ran when, with what outcome) stay.
"""

from __future__ import annotations

import argparse
import time

from app.commands import EXIT_OK, UserError

HELP = "remove raw keystrokes, recording pictures and failure screenshots older than DAYS"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--older-than", type=float, required=True, metavar="DAYS",
                        help="remove what was last used more than DAYS days ago (0: all)")


def execute(arguments: argparse.Namespace) -> int:
    from app.core.retention import purge
    from app.core.store import Store

    days = arguments.older_than
    if not days >= 0:  # also refuses nan
        raise UserError(f"--older-than {days:g}: give a number of days, 0 or more")
    started = time.monotonic()
    with Store.open_default() as store:
        report = purge(store, days)
    seconds = time.monotonic() - started
    print(f"Removed what was older than {days:g} days ({seconds:.2f} s):")
    for line in report.lines():
        print(f"  {line}")
    return EXIT_OK
