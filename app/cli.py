"""The ``robotfabrik`` command: the studio by default, and the subcommands in ``app.commands``.

Every user mistake ends in one line on stderr saying what is wrong and where, and exit status 2;
a failed run ends with status 1 and its reason; nothing ever shows a traceback. Unexpected errors
are written with their traceback to the log file in the data directory, created only then.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from app.commands import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, Command, UserError
from app.core import paths
from app.core.redaction import RedactingFilter, redact

COMMANDS = ("studio", "sandbox", "record", "run", "check", "recover", "runs", "secret", "purge",
            "bench")


def _command(name: str) -> Command | None:
    try:
        return cast(Command, importlib.import_module(f"app.commands.{name}"))
    except ModuleNotFoundError as error:
        if error.name == f"app.commands.{name}":
            return None
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="robotfabrik",
        description="Record, edit and replay attended software robots. "
                    "Without a command, the studio opens.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        command = _command(name)
        if command is not None:
            command.configure(commands.add_parser(name, help=command.HELP))
    return parser


def _write_to_log_file(text: str) -> Path | None:
    """Keep an unexpected error's details where support can find them; created only then."""
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / "robotfabrik.log"
        with file.open("a", encoding="utf-8") as stream:
            # A run's secrets may sit in an exception's message or a traceback's locals.
            stream.write(f"{datetime.datetime.now().isoformat(timespec='seconds')} "
                         f"{redact(text)}\n")
    except OSError:
        return None
    return file


class _LogFile(logging.Handler):
    """Warnings and errors go to the log file in the data directory, opened on first use only."""

    def emit(self, record: logging.LogRecord) -> None:
        _write_to_log_file(f"{record.levelname} {record.name}: {self.format(record)}")


def main(argv: Sequence[str] | None = None) -> int:
    if sys.platform == "win32":
        # Before anything reads a coordinate (pyautogui's import would fix a weaker mode).
        from app.core.platform.win32 import make_process_dpi_aware

        make_process_dpi_aware()
    arguments = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    handler = _LogFile(logging.WARNING)
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)
    try:
        return _dispatch(arguments)
    finally:
        logging.getLogger().removeHandler(handler)


def _dispatch(arguments: argparse.Namespace) -> int:
    from app.core.model.botfile import BotFileError
    from app.core.store import StoreError

    try:
        command = _command(arguments.command or "studio")
        assert command is not None  # argparse only admits configured commands
        return command.execute(arguments)
    except (UserError, BotFileError, StoreError) as error:
        # One line, always: a message may quote a value that holds a line break.
        print("robotfabrik: " + " ".join(redact(str(error)).split()), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("robotfabrik: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        log_file = _write_to_log_file(traceback.format_exc())
        where = f"; details in {log_file}" if log_file else ""
        print(f"robotfabrik: unexpected error: {redact(str(error))}{where}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
