"""``robotfabrik studio`` (also ``robotfabrik`` alone): the studio window with the bot library."""

from __future__ import annotations

import argparse

HELP = "open the studio (the default)"


def configure(parser: argparse.ArgumentParser) -> None:
    """The studio takes no options yet."""


def execute(arguments: argparse.Namespace) -> int:
    from app.gui.studio import main as studio_main

    return studio_main([])
