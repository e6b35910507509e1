"""``robotfabrik run``: replay a bot, one line per step, the run kept in the store."""

from __future__ import annotations

import argparse
import signal
import sys

from app.commands import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UserError, parameter_pairs
from app.core.bot import Bot, Step
from app.core.results import RunResult, StepResult

HELP = "replay a bot"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bot", help="a bot's name in the library, or the path of a bot folder")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter value (repeatable)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds each step waits for its target (default 10)")


class ConsoleReport:
    """Prints one line per step, so the person beside the robot sees where it is."""

    def __init__(self, total: int) -> None:
        self.total = total

    def start_run(self, bot: Bot, result: RunResult) -> None:
        pass

    def start_step(self, step: Step, result: StepResult) -> None:
        pass

    def end_step(self, step: Step, result: StepResult) -> None:
        mark = {"succeeded": "ok", "failed": "FAILED", "skipped": "skipped"}[result.status]
        how = ""
        if result.found_by:
            score = f" {result.score:.2f}" if result.score is not None else ""
            how = f" [{result.found_by}{score}]"
        print(f"{result.index + 1:>3}/{self.total} {mark:<7} {step.describe()}{how}", flush=True)

    def end_run(self, bot: Bot, result: RunResult) -> None:
        pass


def execute(arguments: argparse.Namespace) -> int:
    from app.core.botfile import load_bot, resolve_bot_folder
    from app.core.params import ParameterError, resolve_values, shown_values

    folder = resolve_bot_folder(arguments.bot)
    bot = load_bot(folder)  # a BotFileError is reported by the caller, on one line
    try:
        values = resolve_values(bot, parameter_pairs(arguments.param))
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
