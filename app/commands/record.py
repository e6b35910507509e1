"""``robotfabrik record``: film a routine until the stop hotkey or Ctrl+C, then save it as a bot."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from types import FrameType

from app.commands import EXIT_OK, UserError
from app.core import paths

HELP = "record a routine into a new bot"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bot", required=True, help="name of the bot to create")
    parser.add_argument("--out", help="bot folder to write (default: the library)")
    parser.add_argument("--stop-hotkey", default="ctrl+f12", help="hotkey that ends recording")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bot")


def execute(arguments: argparse.Namespace) -> int:
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
