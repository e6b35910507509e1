"""A recording whose pointer listener is held up, as a listener thread is on a loaded machine.

Run as a separate program on the test's X display (pynput binds to the display it is imported
under)::

    python late_listener_recording.py --database FILE --late 0.2

Every mouse callback starts ``--late`` seconds after its event, so the press reaches the
recorder when the clicked button has long been painted pressed, or its window replaced.

Prints one JSON object per line: ``recording`` once input is filmed; after a line ``stop`` on
stdin and once the click's release is in, ``finished`` with, per press, the kept anchor
picture's file and its screen corner.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from app.core.recording.recorder import Recorder
from app.core.store import Store


def say(event: str, **details: Any) -> None:
    print(json.dumps({"event": event, **details}, ensure_ascii=False), flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--late", type=float, default=0.2)
    arguments = parser.parse_args(argv)

    class LateRecorder(Recorder):
        def _on_click(self, x: int, y: int, button: Any, pressed: bool,
                      injected: bool = False) -> None:
            time.sleep(arguments.late)
            super()._on_click(x, y, button, pressed, injected)

    with Store(arguments.database) as store:
        recorder = LateRecorder(store, "late-listener")
        session = recorder.start()
        say("recording", session=session)
        sys.stdin.readline()
        # The click's events are still on their late way in; the recording ends once they
        # are in (or ten seconds have gone, and the test says what is missing).
        deadline = time.monotonic() + 10
        while (not any(event.kind == "release" for event in recorder.events)
               and time.monotonic() < deadline):
            time.sleep(0.02)
        recording = recorder.finish()
        pressed = [event.seq for event in recording.events if event.kind == "press"]
        say("finished", presses=[
            {"anchor": str(recording.pictures_dir / context.anchor),
             "left": context.anchor_left, "top": context.anchor_top}
            for seq in pressed
            if (context := recording.contexts.get(seq)) is not None
            and context.anchor is not None])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
