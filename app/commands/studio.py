"""``robotfabrik studio`` (also ``robotfabrik`` alone): the studio window with the bot library."""

from __future__ import annotations

import argparse

HELP = "open the studio (the default)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", metavar="RUN_ID",
                        help="open the run history on this run (as the tray's notices do)")


def execute(arguments: argparse.Namespace) -> int:
    from app.gui.studio import main as studio_main

    run_id = getattr(arguments, "run", None)
    return studio_main(["--run", run_id] if run_id else [])
