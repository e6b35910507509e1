"""``robotfabrik run``: replay a bot once, or once per row of a data file, logging every step.

Attended by default: when a target does not show or another window has the focus, the person at
the terminal is asked what to do (when there is a terminal to ask at). Otherwise, or with
``--unattended``, such a step fails: the robot acts at a recorded point unasked only where the
bot marks the step "points are fine". At a decision step the person at the terminal sees the
values and approves, rejects or edits them; a run with nobody at a terminal refuses such a bot
before it starts, unless ``--decision`` gives the answer.

A secret parameter (a password) is never taken from ``--param``: it comes from the keyring, and
when none is kept there it is asked for once at the terminal (without echo) and kept. Where
nobody can type, ``robotfabrik secret set BOT PARAM`` keeps it beforehand. While the robot
runs, the secret is hidden from everything printed and written (``app.core.redaction``).
"""

from __future__ import annotations

import argparse
import getpass
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from app.commands import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UserError,
    parameter_pairs,
)
from app.core.model.bot import Bot, DecisionStep, LearnedAnchor, Step
from app.core.redaction import redact
from app.core.results.listeners import RunListener
from app.core.results.outcome import StepResult

if TYPE_CHECKING:
    from app.core.running.player import (
        DecideHandler,
        Decision,
        DecisionAnswer,
        DecisionQuestion,
        Problem,
    )
    from app.core.running.session import RunSession

HELP = "replay a bot"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bot", help="a bot's name in the library, or the path of a bot folder")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter value (repeatable); with --data, the same for every row")
    parser.add_argument("--data", type=Path, metavar="FILE",
                        help="a CSV or XLSX file with one case per row, columns named after "
                             "the bot's parameters")
    parser.add_argument("--sheet", help="the XLSX sheet to read (default: the first)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds each step waits for its target (default 10)")
    parser.add_argument("--unattended", action="store_true",
                        help="never ask: a step whose target is not found fails, unless the bot "
                             "marks it \"points are fine\"")
    parser.add_argument("--keep-going", action="store_true",
                        help="with --data: go on with the next row after a failed case "
                             "(by default the robot stops, since the system may be anywhere)")
    parser.add_argument("--decision", choices=("approve", "reject"),
                        help="the answer to every decision step, for a run nobody attends "
                             "(each is still recorded, as a default decision)")
    parser.add_argument("--abort-hotkey", default="ctrl+f12",
                        help="hotkey that stops the robot at once (default ctrl+f12)")


@dataclass(frozen=True)
class Case:
    """One run to make: its label ("row 3", or "" for a single run) and its values, or the
    reason its data row cannot be run."""

    label: str
    values: dict[str, str] | None
    problem: str | None = None


class ConsoleReport(RunListener):
    """Prints one line per step, so the person beside the robot sees where it is."""

    def __init__(self, total: int, prefix: str = "") -> None:
        self.total = total
        self.prefix = prefix

    def end_step(self, step: Step, result: StepResult) -> None:
        mark = {"succeeded": "ok", "failed": "FAILED", "skipped": "skipped"}[result.status]
        if result.decision is not None:
            mark = {"approve": "approved", "reject": "rejected"}.get(result.decision, mark)
        number = str(result.index + 1)
        if result.branch is not None and result.branch_index is not None:
            number += f".{result.branch[:1]}{result.branch_index + 1}"
        how = ""
        if result.found_by:
            # A selector's score counts what matched (id 100, name 10 …); a picture's is 0..1.
            shown = ".0f" if result.found_by == "selector" else ".2f"
            score = f" {result.score:{shown}}" if result.score is not None else ""
            how = f" [{result.found_by}{score}]"
        print(redact(f"{self.prefix}{number:>3}/{self.total} {mark:<7} {step.describe()}{how}"),
              flush=True)


class ConsoleQuestions:
    """Asks the person at the terminal what the robot should do about a problem."""

    def __init__(self, wait_for_click: Callable[[float], tuple[int, int] | None]) -> None:
        self.wait_for_click = wait_for_click

    def __call__(self, problem: Problem) -> Decision:
        from app.core.running.player import Answer, Decision

        print(f"\n{redact(problem.message)}", flush=True)
        choices: dict[str, Answer] = {"r": "retry", "s": "skip", "a": "abort"}
        if problem.kind == "target_not_found":
            choices |= {"p": "recorded_place", "v": "show_me"}
            print("  [r] retry   [s] skip the step   [a] abort the run\n"
                  "  [p] click at the recorded place   [v] show me where (click it)", flush=True)
        elif problem.kind in ("not_typed", "not_chosen"):
            print("  [r] look again (correct it by hand first)   [s] skip   [a] abort",
                  flush=True)
        else:
            what = "field" if problem.kind == "wrong_field" else "window"
            print(f"  [r] retry (give that {what} the focus first)   [s] skip   [a] abort",
                  flush=True)
        while True:
            answer = choices.get(input("> ").strip().lower()[:1])
            if answer is not None:
                break
            print("  type one of: " + ", ".join(choices), flush=True)
        if answer != "show_me":
            return Decision(answer)
        print("Click the right place now …", flush=True)
        point = self.wait_for_click(120.0)
        if point is None:
            print("No click came; the step is retried.", flush=True)
            return Decision("retry")
        keep = input("Keep this picture in the bot for next time? [y/N] ").strip().lower()
        return Decision("show_me", point=point, keep_picture=keep.startswith(("y", "j")))


class ConsoleDecisions:
    """Shows the person at the terminal what the robot gathered, and asks for the decision."""

    def __call__(self, question: DecisionQuestion) -> DecisionAnswer:
        from app.core.running.player import DecisionAnswer

        print(f"\nDecision at step {question.index + 1}: {question.title or 'approve?'}",
              flush=True)
        width = max((len(value.label) for value in question.values), default=0)
        for value in question.values:
            print(f"  {value.label.ljust(width)}  {value.value}", flush=True)
        if question.problem:
            print(f"  Not taken: {question.problem}", flush=True)
        print("  [a] approve   [r] reject   [e] edit values", flush=True)
        while True:
            answer = _read("> ").strip().lower()[:1]
            if answer == "a":
                return DecisionAnswer("approve")
            if answer == "r":
                return DecisionAnswer("reject")
            if answer == "e":
                break
            print("  type one of: a, r, e", flush=True)
        print("New values (Enter keeps a value as it is):", flush=True)
        edited: dict[str, str] = {}
        for value in question.values:
            if not value.editable:
                continue
            text = _read(f"  {value.label} [{value.value}]: ")
            if text.strip():
                edited[value.name] = text.strip()
        return DecisionAnswer("edit", edited=edited)


def _read(prompt: str) -> str:
    """A line from the terminal; a closed terminal stops the run, as nobody can answer."""
    from app.core.running.player import AbortedError

    try:
        return input(prompt)
    except EOFError:
        raise AbortedError from None


def execute(arguments: argparse.Namespace) -> int:
    from app.core.model.botfile import load_bot, resolve_bot_folder
    from app.core.model.params import ParameterError, resolve_values

    folder = resolve_bot_folder(arguments.bot)
    bot = load_bot(folder)  # a BotFileError is reported by the caller, on one line
    fixed = parameter_pairs(arguments.param)
    refuse_given_secrets(bot, arguments.bot, fixed)
    secret_names = [p.name for p in bot.parameters if p.type == "secret"]
    cases: list[Case]
    summary = ""
    if arguments.data is not None:
        from app.core.model.data import DataFileError, read_cases

        try:
            # Secrets come from the keyring below, once the input is known to be good.
            data = read_cases(arguments.data, bot, fixed, sheet=arguments.sheet,
                              need_secrets=False)
        except (DataFileError, ParameterError) as error:
            raise UserError(str(error)) from None
        cases = [Case(f"row {row.number}", row.values, row.problem) for row in data.rows]
        if not cases:
            raise UserError(f"{arguments.data}: no cases in the file")
        summary = f"{data.file}: {data.describe()}"
    else:
        try:
            pending = dict.fromkeys(secret_names, "pending")
            cases = [Case("", resolve_values(bot, {**fixed, **pending}))]
        except ParameterError as error:
            raise UserError(str(error)) from None
    # A decision nobody can make is refused before the display is even looked at.
    _decisions(bot, arguments.decision,
               attended=not arguments.unattended and sys.stdin is not None and sys.stdin.isatty())
    _check_display()  # before anyone is asked for a password that could not be used
    if secret_names:
        can_ask = not arguments.unattended and sys.stdin is not None and sys.stdin.isatty()
        secrets = secret_values(bot, arguments.bot, can_ask=can_ask)
        cases = [case if case.values is None else Case(case.label, {**case.values, **secrets})
                 for case in cases]
    return _run_cases(bot, folder, cases, arguments, summary)


def refuse_given_secrets(bot: Bot, named_as: str, given: dict[str, str]) -> None:
    """``--param`` for a secret would leave it in the process list and the shell's history."""
    for parameter in bot.parameters:
        name = parameter.name
        if parameter.type == "secret" and name in given:
            raise UserError(
                f"--param {name}: {name} is a secret; it is asked for at the prompt and kept in "
                f"the keyring (or keep it beforehand: robotfabrik secret set {named_as} {name})")


def _check_display() -> None:
    from app.core.platform import PlatformError, check_display

    try:
        check_display()  # a robot must never work on a screen nobody sees
    except PlatformError as error:
        raise UserError(str(error)) from None


def secret_values(bot: Bot, named_as: str, *, can_ask: bool) -> dict[str, str]:
    """The bot's secret parameters' values: from the keyring, else asked for once at the
    terminal (no echo) and kept there; where nobody can type, a missing value is an error
    naming the command that keeps one."""
    from app.core import secrets

    values: dict[str, str] = {}
    for parameter in bot.parameters:
        if parameter.type != "secret":
            continue
        name = parameter.name
        try:
            value = secrets.stored(bot.name, name)
        except secrets.KeyringUnavailableError as error:
            if not can_ask:
                raise UserError(f"parameter {name} is a secret and cannot be read: "
                                f"{error}") from None
            print(f"robotfabrik: {error}", file=sys.stderr, flush=True)
            values[name] = _ask_secret(bot, name, keep=False)
            continue
        if value is None:
            if not can_ask:
                raise UserError(
                    f"parameter {name} is a secret and no value is kept in the keyring; keep "
                    f"one first with: robotfabrik secret set {named_as} {name}")
            value = _ask_secret(bot, name, keep=True)
        values[name] = value
    return values


def _ask_secret(bot: Bot, name: str, *, keep: bool) -> str:
    from app.core import secrets

    parameter = bot.parameter(name)
    label = parameter.label if parameter is not None and parameter.label else name
    value = getpass.getpass(f"{label} ({name}) for {bot.name}: ")
    if not value:
        raise UserError(f"no value was given for the secret parameter {name}; nothing ran")
    if keep:
        try:
            secrets.store(bot.name, name, value)
            print(f"Kept it in the keyring as {secrets.key(bot.name, name)}.", flush=True)
        except secrets.KeyringUnavailableError as error:
            print(f"robotfabrik: not kept: {error}", file=sys.stderr, flush=True)
    return value


@dataclass(frozen=True)
class _Outcome:
    label: str
    status: str  # a run's status, or "invalid" for a data row that could not be run
    seconds: float


def _run_cases(bot: Bot, folder: Path, cases: list[Case], arguments: argparse.Namespace,
               summary: str) -> int:
    from app.core.hotkeys import parse_hotkey
    from app.core.platform import PlatformError
    from app.core.running.session import RunSession

    attended = not arguments.unattended and sys.stdin is not None and sys.stdin.isatty()
    try:
        abort_hotkey = parse_hotkey(arguments.abort_hotkey)
    except ValueError as error:
        raise UserError(f"--abort-hotkey: {error}") from None
    if summary:
        print(summary, flush=True)  # how the data file was read, before the first case
    outcomes: list[_Outcome] = []
    session = RunSession(bot, folder, abort_hotkey=abort_hotkey, timeout_s=arguments.timeout)
    if attended:
        session.ask = ConsoleQuestions(session.wait_for_click)
    session.decide = _decisions(bot, arguments.decision, attended=attended)
    try:
        with session:
            interrupted = _run_each(session, cases, outcomes, attended=attended,
                                    keep_going=arguments.keep_going)
    except PlatformError as error:  # the desktop could not be opened for the robot
        raise UserError(str(error)) from None
    if len(cases) > 1:
        _print_summary(outcomes, len(cases))
    if interrupted:
        return EXIT_INTERRUPTED
    if all(outcome.status == "succeeded" for outcome in outcomes):
        return EXIT_OK
    if len(cases) == 1 and outcomes and outcomes[0].status == "invalid":
        return EXIT_BAD_INPUT
    return EXIT_FAILED


def _decisions(bot: Bot, default: str | None, *, attended: bool) -> DecideHandler | None:
    """Who answers the bot's decision steps: ``--decision``, else the person at the terminal;
    UserError when the bot has one and nobody would answer it."""
    from app.core.running.player import default_decision

    if default is not None:
        return default_decision("approve" if default == "approve" else "reject")
    if attended:
        return ConsoleDecisions()
    deciding = next((index for index, step in enumerate(bot.steps)
                     if isinstance(step, DecisionStep) and step.enabled), None)
    if deciding is None:
        return None
    raise UserError(f"step {deciding + 1} of {bot.name!r} is a decision a person must make, and "
                    "this run has nobody to ask (no terminal, or --unattended); run it at a "
                    "terminal, or give the answer with --decision approve or --decision reject")


def _run_each(session: RunSession, cases: list[Case], outcomes: list[_Outcome], *,
              attended: bool, keep_going: bool) -> bool:
    """Run the cases in turn, noting each outcome; True when the person stopped the robot."""
    bot, folder = session.bot, session.folder
    previous = signal.signal(signal.SIGINT, _abort_on_signal(session))
    try:
        for number, case in enumerate(cases, start=1):
            if case.values is None:
                # The problem names its row already: "row 3: column personnummer …".
                problem = (case.problem or "").removeprefix(f"{case.label}: ")
                print(redact(f"{case.label}: not run: {problem}"), flush=True)
                outcomes.append(_Outcome(case.label, "invalid", 0.0))
                continue
            prefix = f"{case.label}: " if case.label else ""
            started = time.monotonic()
            result = session.run(case.values, listeners=[ConsoleReport(len(bot.steps), prefix)],
                                 case_number=number, case_label=case.label)
            seconds = time.monotonic() - started
            outcomes.append(_Outcome(case.label, result.status, seconds))
            if result.succeeded:
                print(redact(f"{prefix}done: {bot.name}, {len(result.steps)} steps in "
                             f"{seconds:.1f} s (run {result.run_id})"), flush=True)
            else:
                print(redact(f"robotfabrik: {prefix}run {result.run_id} {result.status}: "
                             f"{result.reason}"), file=sys.stderr, flush=True)
            if result.learned and attended:
                _keep_learned(folder, result.learned)
            if result.status == "aborted":
                return True
            if result.status == "failed" and not keep_going:
                # The system may be anywhere after a failed case: the next one would start blind.
                return False
    finally:
        signal.signal(signal.SIGINT, previous)
    return False


def _abort_on_signal(session: RunSession) -> Callable[[int, FrameType | None], None]:
    """Ctrl+C in the terminal stops the robot like the abort hotkey does."""

    def handler(signum: int, frame: FrameType | None) -> None:
        session.abort()

    return handler


def _print_summary(outcomes: list[_Outcome], total: int) -> None:
    done = [outcome.seconds for outcome in outcomes if outcome.status == "succeeded"]
    failed = [outcome.label for outcome in outcomes if outcome.status in ("failed", "aborted")]
    invalid = [outcome.label for outcome in outcomes if outcome.status == "invalid"]
    not_reached = total - len(outcomes)
    line = f"Summary: {total} cases: {len(done)} done"
    if done:
        line += f" ({sum(done) / len(done):.1f} s each)"
    if failed:
        line += f", {len(failed)} failed ({', '.join(failed)})"
    if invalid:
        line += f", {len(invalid)} not run for bad data ({', '.join(invalid)})"
    if not_reached:
        line += f", {not_reached} not reached"
    print(line, flush=True)


def _keep_learned(folder: Path, learned: list[LearnedAnchor]) -> None:
    """Write pictures the person showed during the run into the bot, as they agreed."""
    from app.core.model.botfile import BotFileError, load_bot, save_bot
    from app.core.model.editing import keep_learned_pictures

    try:
        bot = load_bot(folder)
        pictures = keep_learned_pictures(bot, learned)
        save_bot(bot, folder, pictures)
        print(f"Saved {len(pictures)} new picture(s) into {folder}", flush=True)
    except (BotFileError, OSError) as error:
        print(f"robotfabrik: the new pictures were not saved: {error}", file=sys.stderr)
