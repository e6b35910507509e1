"""``robotfabrik sandbox``: the practice system, a plain case-handling system robots practise on.

It is its own application beside the studio (``app.sandbox``); this module only hands it the
options the command line parsed.
"""

from __future__ import annotations

import argparse

HELP = "open the practice case-handling system"


def configure(parser: argparse.ArgumentParser) -> None:
    from app.sandbox.config import add_options

    add_options(parser)


def execute(arguments: argparse.Namespace) -> int:
    from app.sandbox import run
    from app.sandbox.config import config_from

    return run(config_from(arguments))
