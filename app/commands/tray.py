"""``robotfabrik tray``: the attended robot in the system tray, for caseworkers.

The bots are in the tray icon's menu; where the desktop has no tray, a small launcher window
offers them instead (``--launcher`` asks for it even where there is a tray).
"""

from __future__ import annotations

import argparse

HELP = "put the robots in the system tray for caseworkers to start"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--launcher", action="store_true",
                        help="show the small launcher window instead of a tray icon")


def execute(arguments: argparse.Namespace) -> int:
    from app.gui.tray import main as tray_main

    return tray_main([], launcher=bool(arguments.launcher))
