"""``robotfabrik record``: film a routine until it is stopped, then save it as a bot.

With a display the recording toolbar shows that the recorder is filming and offers Pause, the
secret mode for passwords, and Stop; ``--no-toolbar`` keeps to the console. Either
way the hotkeys work, and Ctrl+C or SIGTERM in the console stops and saves.
"""

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
    parser.add_argument("--stop-hotkey",
                        help="hotkey that ends recording (default: the settings', ctrl+f12)")
    parser.add_argument("--pause-hotkey",
                        help="hotkey that pauses and resumes recording (default: the "
                             "settings', ctrl+f11)")
    parser.add_argument("--secret-hotkey",
                        help="hotkey that switches the secret mode for passwords on and off: "
                             "what is typed then is stored nowhere (default: the settings', "
                             "ctrl+f10)")
    parser.add_argument("--no-toolbar", action="store_true",
                        help="no recording toolbar on the screen; control from the console")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing bot")


def _hotkeys(arguments: argparse.Namespace) -> tuple[frozenset[str], ...]:
    from app.core import settings
    from app.core.hotkeys import parse_hotkey

    chosen = settings.current().settings.hotkeys()
    parsed: list[frozenset[str]] = []
    for option in settings.HOTKEY_NAMES:
        written = getattr(arguments, f"{option}_hotkey")
        try:
            parsed.append(chosen[option] if written is None else parse_hotkey(written))
        except ValueError as error:
            raise UserError(f"--{option}-hotkey: {error}") from None
    if len(set(parsed)) < len(parsed):
        raise UserError("--stop-hotkey, --pause-hotkey and --secret-hotkey must differ")
    return tuple(parsed)


def execute(arguments: argparse.Namespace) -> int:
    from app.core.model.botfile import save_bot
    from app.core.platform import PlatformError, check_display
    from app.core.recording.build import build_bot
    from app.core.recording.recorder import Recorder
    from app.core.retention import apply_retention
    from app.core.store import Store

    stop_hotkey, pause_hotkey, secret_hotkey = _hotkeys(arguments)
    folder = Path(arguments.out) if arguments.out else paths.library_dir() / arguments.bot
    if (folder / "bot.json").exists() and not arguments.overwrite:
        raise UserError(f"{folder} already holds a bot; choose another --bot name or --overwrite")
    try:
        check_display()  # recording what nobody sees would record nothing a person did
    except PlatformError as error:
        raise UserError(str(error)) from None
    toolbar = not arguments.no_toolbar
    with Store.open_default() as store:
        apply_retention(store)  # personal data is not kept past its time
        recorder = Recorder(store, arguments.bot, stop_hotkey=stop_hotkey,
                            pause_hotkey=pause_hotkey, secret_hotkey=secret_hotkey)

        def stop(signum: int, frame: FrameType | None) -> None:
            recorder.request_stop()

        def announce(session_id: str) -> None:
            print(f"Recording {arguments.bot} (session {session_id}).", flush=True)
            print(_hotkey_help(stop_hotkey, pause_hotkey, secret_hotkey, toolbar), flush=True)

        previous_int = signal.signal(signal.SIGINT, stop)
        previous_term = signal.signal(signal.SIGTERM, stop)
        session_id = ""
        try:
            if toolbar:
                from app.gui.recording_toolbar import record_with_toolbar

                record_with_toolbar(recorder, announce)
                session_id = recorder.session_id
            else:
                session_id = recorder.start()
                announce(session_id)
                while not recorder.wait(0.2):
                    pass
            recording = recorder.finish()
        finally:
            signal.signal(signal.SIGINT, previous_int)
            signal.signal(signal.SIGTERM, previous_term)
        bot, pictures = build_bot(arguments.bot, recording,
                                  [stop_hotkey, pause_hotkey, secret_hotkey])
        if not bot.steps:
            raise UserError(f"the recording (session {session_id}) has no steps: nothing was "
                            "clicked or typed; no bot was saved")
        file = save_bot(bot, folder, pictures)
    count = len(bot.steps)
    print(f"Saved {count} step{'' if count == 1 else 's'} to {file}")
    return EXIT_OK


def _hotkey_help(stop_hotkey: frozenset[str], pause_hotkey: frozenset[str],
                 secret_hotkey: frozenset[str], toolbar: bool) -> str:
    from app.core.hotkeys import hotkey_text

    heading = ("Hotkeys (the toolbar at the top of the screen has the same buttons):" if toolbar
               else "Hotkeys:")
    return "\n".join([
        heading,
        f"  {hotkey_text(stop_hotkey):<10} stop and save (or Ctrl+C here)",
        f"  {hotkey_text(pause_hotkey):<10} pause / resume: nothing is recorded while paused",
        f"  {hotkey_text(secret_hotkey):<10} secret mode on / off: what you type meanwhile is "
        "stored nowhere; the bot asks for it when it runs",
    ])
