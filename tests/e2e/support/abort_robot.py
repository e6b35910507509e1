"""A robot for the abort tests: types a long Swedish text into a window under ``guard_run``.

Run as a separate program on the test's X display, the way ``robotfabrik run`` runs a bot::

    python abort_robot.py --window TITLE [--chars 3000] [--pace 0.002] [--hotkey ctrl+F12]

It replays one type-text step with the real player and desktop drivers, and prints one JSON
object per line (times are ``time.time()``, so a test on the same machine can compare them):
``watching`` once the stop is being watched, ``typing`` when the text starts going out, and
``returned`` when ``Player.run`` has returned, with the run's status, the watcher's reason and
the moment it fired. With ``--linger`` it stays connected to the display a while longer.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app.core.hotkeys import parse_hotkey
from app.core.model.bot import Bot, TypeTextStep
from app.core.platform.x11.desktop import X11Desktop
from app.core.running.drivers import DesktopDrivers
from app.core.running.player import Player
from app.core.running.safety import guard_run

SENTENCE = "Åsa Öberg i Växjö söker ekonomiskt bistånd för år 2024; handläggare Ärla Åström. "


def say(event: str, **details: Any) -> None:
    print(json.dumps({"event": event, **details}, ensure_ascii=False), flush=True)


def long_text(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


class PacedDesktop(X11Desktop):
    """The X11 desktop typing at a steady pace, as into a case system that reads keys slowly.

    Unpaced, the robot hands the X server a 3,000-character text in about 0.2 s and the window
    works through it for seconds afterwards: what was already sent cannot be taken back, so
    there would be nothing left for a stop to stop.
    """

    def __init__(self, pace_s: float) -> None:
        super().__init__()
        self.pace_s = pace_s

    def type_text(self, text: str, delay_s: float = 0.0) -> None:
        say("typing", t=time.time(), chars=len(text))
        super().type_text(text, max(delay_s, self.pace_s))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--window", required=True, help="title of the window to type into")
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--pace", type=float, default=0.002, help="seconds after each character")
    parser.add_argument("--hotkey", default="ctrl+F12")
    parser.add_argument("--linger", type=float, default=0.0,
                        help="seconds to stay connected after the run, so a test can see that "
                             "nothing more is typed while the robot is still there")
    args = parser.parse_args(argv)

    bot = Bot("abort-test", steps=[TypeTextStep(text=long_text(args.chars),
                                                window_title=args.window)])
    drivers = DesktopDrivers(PacedDesktop(args.pace))
    with tempfile.TemporaryDirectory() as folder:
        player = Player(bot, Path(folder), drivers, timeout_s=10.0)
        try:
            with guard_run(player, drivers, parse_hotkey(args.hotkey)) as watcher:
                say("watching", t=time.time())
                result = player.run()
                returned = time.time()
            error = result.steps[-1].error if result.steps else None
            say("returned", t=returned, status=result.status, reason=result.reason,
                step_error=error, abort_reason=watcher.reason, abort_at=watcher.fired_at)
            # Connected still, as a robot whose run ended is: the test watches that it sends
            # nothing more meanwhile.
            time.sleep(args.linger)
        finally:
            drivers.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
