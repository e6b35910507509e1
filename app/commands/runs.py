"""``robotfabrik runs``: what the robots did, from the run log in the store.

Without an id it lists recent runs, newest first; with one (or an unambiguous start of one, at
least six characters, as git accepts) it shows that run and each of its steps. ``--json`` gives
the same as JSON for scripts: times there are ISO 8601 with the UTC offset, step indexes count
from 0 as stored, while the table counts steps from 1 as ``robotfabrik run`` prints them.

Reading never creates anything: without a database there are simply no runs yet.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.commands import EXIT_OK, UserError

if TYPE_CHECKING:
    from app.core.results.history import RunRecord, StepRecord

HELP = "list recent runs, or show one run's steps"

DEFAULT_LIMIT = 20
NONE_SHOWN = "-"
NO_RUNS = "no runs yet"


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def configure(parser: argparse.ArgumentParser) -> None:
    from app.core.results.history import MIN_ID_PREFIX

    parser.add_argument("run_id", nargs="?", metavar="RUN_ID",
                        help=f"show this run's steps (its first {MIN_ID_PREFIX} or more "
                             "characters are enough)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=f"how many runs to list (default {DEFAULT_LIMIT})")


def execute(arguments: argparse.Namespace) -> int:
    from app.core import paths
    from app.core.results.history import RunNotFoundError, find_run, recent_runs, run_steps
    from app.core.store import Store

    database = paths.database_path()
    if not database.exists():
        # Opening a Store would create the data directory and an empty database.
        if arguments.run_id is not None:
            raise UserError(f"no run {arguments.run_id}: {NO_RUNS}")
        print("[]" if arguments.json else NO_RUNS)
        return EXIT_OK

    with Store(database) as store:
        if arguments.run_id is None:
            runs = recent_runs(store, limit=arguments.limit)
            if arguments.json:
                _print_json([_run_json(run) for run in runs])
            else:
                print(_runs_table(runs) if runs else NO_RUNS)
            return EXIT_OK
        try:
            run = find_run(store, arguments.run_id)
        except RunNotFoundError as error:
            raise UserError(str(error)) from None
        steps = run_steps(store, run.run_id)
    if arguments.json:
        _print_json({"run": _run_json(run), "steps": [_step_json(step) for step in steps]})
    else:
        print(_run_details(run, steps))
    return EXIT_OK


# --- what a person reads ---------------------------------------------------------------------


def _local_minutes(timestamp: float | None) -> str:
    if timestamp is None:
        return NONE_SHOWN
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return NONE_SHOWN
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def _text(value: object) -> str:
    """A value on one line; the store may hold an error message with line breaks."""
    if value is None or value == "":
        return NONE_SHOWN
    return " ".join(str(value).split())


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]],
           right: frozenset[int] = frozenset()) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(headings, *rows, strict=True)]
    lines = []
    for cells in (headings, *rows):
        padded = [cell.rjust(width) if index in right else cell.ljust(width)
                  for index, (cell, width) in enumerate(zip(cells, widths, strict=True))]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def _runs_table(runs: list[RunRecord]) -> str:
    rows = [[run.run_id, _text(run.bot_name), _local_minutes(run.started_at),
             _duration(run.duration_s), run.status, _text(run.reason)] for run in runs]
    return _table(["id", "bot", "started", "duration", "status", "reason"], rows,
                  right=frozenset({3}))


def _run_details(run: RunRecord, steps: list[StepRecord]) -> str:
    values = ", ".join(f"{name}={value}" for name, value in run.parameters.items())
    header = [
        ("run", run.run_id),
        ("bot", _text(run.bot_name)),
        ("from", _text(run.bot_path)),
        ("started", _local_minutes(run.started_at)),
        ("duration", _duration(run.duration_s)),
        ("status", run.status),
        ("reason", _text(run.reason)),
        ("values", _text(values)),
        ("user", _text(run.os_user)),
        ("bot file", _text(run.bot_sha256 and f"sha256 {run.bot_sha256}, "
                                              f"format {run.bot_version or NONE_SHOWN}")),
    ]
    width = max(len(label) for label, _ in header)
    lines = [f"{label.ljust(width)}  {value}" for label, value in header]
    lines.append("")
    if not steps:
        lines.append("no steps recorded")
        return "\n".join(lines)
    rows = [[str(step.index + 1), step.step_id, step.kind, step.status, _text(step.found_by),
             _score(step.score), _text(_milliseconds(step.duration_s)), _text(step.error)]
            for step in steps]
    lines.append(_table(["#", "step", "type", "status", "found by", "score", "ms", "error"],
                        rows, right=frozenset({0, 5, 6})))
    return "\n".join(lines)


def _score(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else NONE_SHOWN


def _milliseconds(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


# --- JSON ------------------------------------------------------------------------------------


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def _run_json(run: RunRecord) -> dict[str, object]:
    duration = run.duration_s
    return {
        "id": run.run_id,
        "bot": run.bot_name,
        "bot_path": run.bot_path,
        "started": _iso(run.started_at),
        "ended": _iso(run.ended_at),
        "duration_s": None if duration is None else round(duration, 3),
        "status": run.status,
        "reason": run.reason,
        "parameters": run.parameters,
        "os_user": run.os_user,
        "bot_sha256": run.bot_sha256,
        "bot_version": run.bot_version,
    }


def _step_json(step: StepRecord) -> dict[str, object]:
    return {
        "index": step.index,
        "step_id": step.step_id,
        "type": step.kind,
        "status": step.status,
        "found_by": step.found_by,
        "score": step.score,
        "started": _iso(step.started_at),
        "duration_ms": _milliseconds(step.duration_s),
        "error": step.error,
    }


def _print_json(document: object) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))
