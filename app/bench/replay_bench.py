"""Replaying the shipped example over its data, with the window moved and a slow system.

The ekonomiskt-bistand bot registers each of its data rows in the practice system, opened at a
different place than at recording and taking 0-2 s to show each screen. A case counts only when
the practice system saved exactly that row. The same rows are then replayed the way simple
recorders do (absolute coordinates, no pictures, no windows) as the baseline.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import paths

if TYPE_CHECKING:  # the bench command imports every section; keep that light
    from app.core.model.bot import Bot
    from app.core.running.drivers import DesktopDrivers
    from app.testing.practice_system import PracticeSystem

EXAMPLE = "ekonomiskt-bistand"
PASSWORD = "ovning"
# The practice system's saved fields, and the data column each one comes from.
CASE_FIELDS = {"personnummer": "personnummer", "name": "namn", "amount": "belopp",
               "category": "kategori", "home_municipality": "hemkommun", "free_text": "fritext"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=20, help="how many data rows to replay")
    parser.add_argument("--latency", default="0-2", help="practice system delay, MIN-MAX s")
    parser.add_argument("--position", default="700,260",
                        help="where the practice system opens (recorded at 200,150)")
    parser.add_argument("--skip-baseline", action="store_true",
                        help="do not replay by coordinates")
    parser.add_argument("--data", type=Path, metavar="FILE",
                        help="the cases to replay (default: the example's data.csv), e.g. the "
                             "same cases as Swedish Excel saves them")


def _parse_position(text: str) -> tuple[int, int]:
    x, _, y = text.partition(",")
    return int(x), int(y)


def measure(arguments: argparse.Namespace) -> dict[str, object]:
    from app.testing.display import display_for_process

    with display_for_process():
        return replay(rows=arguments.rows, latency=arguments.latency,
                      position=_parse_position(arguments.position),
                      baseline=not arguments.skip_baseline, data_file=arguments.data)


def replay(rows: int, latency: str, position: tuple[int, int],
           baseline: bool = True, data_file: Path | None = None) -> dict[str, object]:
    from app.bench import BenchError
    from app.core.model.botfile import load_bot
    from app.core.model.data import DataFileError, read_cases

    folder = paths.shipped_examples_dir() / EXAMPLE
    bot = load_bot(folder)
    try:
        data = read_cases(data_file or folder / "data.csv", bot, {"losenord": PASSWORD})
    except DataFileError as error:
        raise BenchError(str(error)) from None
    cases = [row.values for row in data.rows if row.values is not None][:rows]
    robot = _replay_all(bot, folder, cases, latency=latency, position=position, anchors=True)
    figures: dict[str, object] = {
        "data": data.describe(),
        "cases": len(cases),
        "succeeded": robot["succeeded"],
        "robot_s_per_case": round(robot["seconds_per_case"], 2),
        "human_s_per_case": round(sum(step.think_time_s or 0.0 for step in bot.steps), 2),
        "latency_s": latency,
        "window_moved_px": abs(position[0] - 200) + abs(position[1] - 150),
    }
    if baseline:
        coordinates = _replay_all(bot, folder, cases, latency=latency, position=position,
                                  anchors=False)
        figures["coordinate_succeeded"] = coordinates["succeeded"]
    return figures


def _replay_all(bot: Bot, folder: Path, cases: list[dict[str, str]], *, latency: str,
                position: tuple[int, int], anchors: bool) -> dict[str, float]:
    from app.core.running.drivers import DesktopDrivers
    from app.core.running.player import Player
    from app.testing.practice_system import PracticeSystem

    environment = dict(os.environ, QT_QPA_PLATFORM="xcb")
    succeeded = 0
    seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="replay-bench-") as scratch:
        cases_file = Path(scratch) / "cases.jsonl"
        drivers = DesktopDrivers()
        system: PracticeSystem | None = None
        try:
            for number, values in enumerate(cases):
                if system is None:
                    system = PracticeSystem(environment, cases_file, "--latency", latency,
                                            position=position, seed=number + 1)
                    _wait_for_login(drivers, system)
                saved_before = len(system.cases())
                player = Player(bot, folder, drivers, values=values, use_anchors=anchors,
                                use_windows=anchors, points_trusted=not anchors,
                                timeout_s=10.0)
                started = time.monotonic()
                result = player.run()
                took = time.monotonic() - started
                ok = result.succeeded and system.wait_for_cases(saved_before + 1, 3.0) and \
                    _same_case(system.cases()[-1], values)
                if ok:
                    succeeded += 1
                    seconds.append(took)
                if ok and _login_shows(drivers, system, 10.0):
                    continue
                else:
                    # A robot that lost its way leaves the system anywhere: start it afresh,
                    # so that every row gets a fair chance.
                    system.stop()
                    system = None
        finally:
            if system is not None:
                system.stop()
            drivers.close()
    return {"succeeded": succeeded,
            "seconds_per_case": sum(seconds) / len(seconds) if seconds else 0.0}


def _same_case(saved: dict[str, object], values: dict[str, str]) -> bool:
    return all(saved.get(field) == values[column] for field, column in CASE_FIELDS.items())


def _login_shows(drivers: DesktopDrivers, system: PracticeSystem, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if drivers.find_window("Socialsystemet – Inloggning"):
            return True
        if system.process.poll() is not None:
            raise RuntimeError(f"the practice system ended: {system.stop().strip()[-500:]}")
        time.sleep(0.05)
    return False


def _wait_for_login(drivers: DesktopDrivers, system: PracticeSystem) -> None:
    if not _login_shows(drivers, system, 30.0):
        raise RuntimeError("the practice system's login screen did not show")
