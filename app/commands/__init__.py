"""The ``robotfabrik`` subcommands, one module each: ``configure`` adds its options to a parser,
``execute`` does the work and returns the exit status.

Modules here import heavy libraries (pynput, pyautogui, Qt) inside ``execute`` only, so building
the parser stays fast and works without a display.
"""

from __future__ import annotations

import argparse
from typing import Protocol

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """Something the user can fix; its message is printed as it is, on one line."""


class Command(Protocol):
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...
    def execute(self, arguments: argparse.Namespace) -> int: ...


def parameter_pairs(pairs: list[str]) -> dict[str, str]:
    """``--param name=value`` options as a dict."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name.strip():
            raise UserError(f"--param {pair!r}: write it as name=value")
        values[name.strip()] = value
    return values
