"""The ``robotfabrik`` command: the studio by default, and record, run, sandbox and bench.

Every user mistake ends in one line on stderr saying what is wrong and where, and exit status 2;
a failed run ends with status 1 and its reason; nothing ever shows a traceback. Unexpected errors
are written with their traceback to the log file in the data directory.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from app.core import paths

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130



class _LogFile(logging.Handler):
    """Warnings and errors go to the log file in the data directory, opened on first use only."""

    def emit(self, record: logging.LogRecord) -> None:
        _write_to_log_file(f"{record.levelname} {record.name}: {self.format(record)}")


class UserError(Exception):
    """Something the user can fix; its message is printed as it is."""


def _parameter_pairs(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name.strip():
            raise UserError(f"--param {pair!r}: write it as name=value")
        values[name.strip()] = value
    return values


# ------------------------------------------------------------------ record

def command_record(arguments: argparse.Namespace) -> int:
    from app.bench.display import display_for_process
    from app.core.botfile import save_bot
    from app.core.recorder import Recorder, build_bot, parse_hotkey
    from app.core.store import Store

    try:
        stop_hotkey = parse_hotkey(arguments.stop_hotkey)
    except ValueError as error:
        raise UserError(f"--stop-hotkey: {error}") from None
    folder = Path(arguments.out) if arguments.out else paths.library_dir() / arguments.bot
    if (folder / "bot.json").exists() and not arguments.overwrite:
        raise UserError(f"{folder} already holds a bot; choose another --bot name or --overwrite")
    with display_for_process(), Store.open_default() as store:
        recorder = Recorder(store, arguments.bot, stop_hotkey=stop_hotkey)

        def stop(signum: int, frame: FrameType | None) -> None:
            recorder.request_stop()

        previous = signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            session_id = recorder.start()
            print(f"Recording {arguments.bot} (session {session_id}). "
                  f"Press {'+'.join(sorted(stop_hotkey))} or Ctrl+C here to stop.", flush=True)
            while not recorder.wait(0.2):
                pass
            recording = recorder.finish()
        finally:
            signal.signal(signal.SIGINT, previous)
        bot, pictures = build_bot(arguments.bot, recording, [stop_hotkey])
        if not bot.steps:
            raise UserError(f"the recording (session {session_id}) has no steps: nothing was "
                            "clicked or typed; no bot was saved")
        file = save_bot(bot, folder, pictures)
    print(f"Saved {len(bot.steps)} steps to {file}")
    return EXIT_OK


# ------------------------------------------------------------------ run

class ConsoleReport:
    """Prints one line per step, so the person beside the robot sees where it is."""

    def __init__(self, total: int) -> None:
        self.total = total

    def start_run(self, bot: object, result: object) -> None:
        pass

    def start_step(self, step: object, result: object) -> None:
        pass

    def end_step(self, step: object, result: object) -> None:
        from app.core.bot import Step
        from app.core.results import StepResult

        assert isinstance(step, Step) and isinstance(result, StepResult)
        mark = {"succeeded": "ok", "failed": "FAILED", "skipped": "skipped"}[result.status]
        how = f" [{result.found_by}" + (f" {result.score:.2f}" if result.score else "") + "]" \
            if result.found_by else ""
        print(f"{result.index + 1:>3}/{self.total} {mark:<7} {step.describe()}{how}", flush=True)

    def end_run(self, bot: object, result: object) -> None:
        pass


def command_run(arguments: argparse.Namespace) -> int:
    from app.core.botfile import load_bot, resolve_bot_folder
    from app.core.params import ParameterError, resolve_values, shown_values

    folder = resolve_bot_folder(arguments.bot)
    bot = load_bot(folder)  # BotFileError is reported by main()
    try:
        values = resolve_values(bot, _parameter_pairs(arguments.param))
    except ParameterError as error:
        raise UserError(str(error)) from None

    from app.bench.display import display_for_process
    from app.core.drivers import DesktopDrivers
    from app.core.player import Player
    from app.core.results import RunLog
    from app.core.store import Store

    with display_for_process(), Store.open_default() as store:
        drivers = DesktopDrivers()
        player = Player(bot, folder, drivers, values=values, timeout_s=arguments.timeout,
                        listeners=[RunLog(store, str(folder), shown_values(bot, values)),
                                   ConsoleReport(len(bot.steps))])
        previous = signal.signal(signal.SIGINT, lambda signum, frame: player.abort())
        try:
            result = player.run()
        finally:
            signal.signal(signal.SIGINT, previous)
            drivers.close()
    if result.succeeded:
        print(f"Done: {bot.name}, {len(result.steps)} steps (run {result.run_id})")
        return EXIT_OK
    print(f"robotfabrik: run {result.run_id} {result.status}: {result.reason}", file=sys.stderr)
    return EXIT_INTERRUPTED if result.status == "aborted" else EXIT_FAILED


# ------------------------------------------------------------------ bench

def command_bench(arguments: argparse.Namespace) -> int:
    if arguments.section == "store":
        from app.bench.store_bench import bench_store

        figures: dict[str, object] = dict(bench_store(rows=arguments.rows))
    else:  # argparse admits only the known sections
        raise UserError(f"unknown bench section {arguments.section!r}")
    if arguments.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>24}: {value:,.1f}" if isinstance(value, float) else
                  f"{name:>24}: {value}")
    return EXIT_OK


# ------------------------------------------------------------------ entry point

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="robotfabrik",
        description="Record, edit and replay attended software robots. "
                    "Without a command, the studio opens.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("studio", help="open the studio (the default)")
    sandbox = commands.add_parser("sandbox", help="open the practice case-handling system",
                                  add_help=False)
    sandbox.add_argument("rest", nargs=argparse.REMAINDER)

    record = commands.add_parser("record", help="record a routine into a new bot")
    record.add_argument("--bot", required=True, help="name of the bot to create")
    record.add_argument("--out", help="bot folder to write (default: the library)")
    record.add_argument("--stop-hotkey", default="ctrl+f12", help="hotkey that ends recording")
    record.add_argument("--overwrite", action="store_true", help="replace an existing bot")

    run = commands.add_parser("run", help="replay a bot")
    run.add_argument("bot", help="a bot's name in the library, or the path of a bot folder")
    run.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                     help="a parameter value (repeatable)")
    run.add_argument("--timeout", type=float, default=10.0,
                     help="seconds each step waits for its target (default 10)")

    bench = commands.add_parser("bench", help="measure performance beside a baseline")
    bench.add_argument("section", choices=["store"])
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--rows", type=int, default=100_000, help="rows for the store bench")
    return parser


def _write_to_log_file(text: str) -> Path | None:
    """Keep an unexpected error's details where support can find them; created only then."""
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / "robotfabrik.log"
        with file.open("a", encoding="utf-8") as stream:
            stream.write(f"{datetime.datetime.now().isoformat(timespec='seconds')} {text}\n")
    except OSError:
        return None
    return file


def main(argv: Sequence[str] | None = None) -> int:
    arguments_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if arguments_list[:1] == ["sandbox"]:
        from app.gui.sandbox import main as sandbox_main

        return sandbox_main(arguments_list[1:])
    arguments = parser.parse_args(arguments_list)
    handler = _LogFile(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        return _dispatch(arguments)
    finally:
        logging.getLogger().removeHandler(handler)


def _dispatch(arguments: argparse.Namespace) -> int:
    from app.core.botfile import BotFileError
    from app.core.store import StoreError

    try:
        if arguments.command in (None, "studio"):
            from app.gui.studio import main as studio_main

            return studio_main([])
        handlers = {"record": command_record, "run": command_run, "bench": command_bench}
        return handlers[arguments.command](arguments)
    except (UserError, BotFileError, StoreError) as error:
        # One line, always: a message may quote a value that holds a line break.
        print("robotfabrik: " + " ".join(str(error).split()), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("robotfabrik: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        log_file = _write_to_log_file(traceback.format_exc())
        where = f"; details in {log_file}" if log_file else ""
        print(f"robotfabrik: unexpected error: {error}{where}", file=sys.stderr)
        return EXIT_FAILED

if __name__ == "__main__":
    raise SystemExit(main())
