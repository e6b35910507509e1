"""The recorder: films a caseworker's clicks and keystrokes into a recording session.

pynput's listener callbacks only put a tuple on a queue, so no input is lost while pictures are
taken or rows written. A processing thread numbers the events, streams them to the store and
watches for the stop hotkey; a picture worker grabs the anchor picture and the window around
every mouse press. When the recording ends, ``build_bot`` coalesces it into steps.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.bot import Bot, Step, step_targets
from app.core.coalesce import coalesce
from app.core.events import MODIFIER_NAMES, ClickContext, EventKind, InputEvent
from app.core.platform.windows_types import Desktop, WindowInfo
from app.core.store import Store

log = logging.getLogger(__name__)

ANCHOR_WIDTH = 80
ANCHOR_HEIGHT = 50
DEFAULT_STOP_HOTKEY = frozenset({"ctrl", "f12"})
RESTING_REFRESH_S = 0.03
RESTING_MAX_AGE_S = 0.25


def parse_hotkey(text: str) -> frozenset[str]:
    """'ctrl+F12' → {'ctrl', 'f12'}: the form hotkeys are written in on the command line."""
    keys = [part.strip().lower() for part in text.split("+") if part.strip()]
    if not keys:
        raise ValueError(f"{text!r} names no keys")
    return frozenset(MODIFIER_NAMES.get(key, key) for key in keys)


@dataclass
class Recording:
    """A finished (or recovered) recording session: its events and what was seen at each press."""

    session_id: str
    pictures_dir: Path
    events: list[InputEvent] = field(default_factory=list)
    contexts: dict[int, ClickContext] = field(default_factory=dict)


def anchor_box(x: int, y: int, screen_width: int, screen_height: int, *,
               width: int = ANCHOR_WIDTH, height: int = ANCHOR_HEIGHT) -> tuple[int, int, int, int]:
    """The picture rectangle around a click, moved inward at screen edges (left, top, w, h)."""
    width, height = min(width, screen_width), min(height, screen_height)
    left = min(max(0, x - width // 2), screen_width - width)
    top = min(max(0, y - height // 2), screen_height - height)
    return left, top, width, height


class _PictureWorker(threading.Thread):
    """Grabs the anchor picture and asks which window was clicked, away from the input path."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__(name="recorder-pictures", daemon=True)
        self.recorder = recorder
        self.jobs: queue.SimpleQueue[InputEvent | None] = queue.SimpleQueue()

    def run(self) -> None:
        import cv2
        import mss
        import numpy as np

        from app.core.platform import desktop_for_this_system

        desktop: Desktop | None = None
        try:
            desktop = desktop_for_this_system()
        except Exception as error:  # windows are context, not a reason to stop recording
            log.warning("window information unavailable while recording: %s", error)
        with mss.MSS() as screen:
            monitor = screen.monitors[0]

            def grab(x: int, y: int) -> tuple[int, int, Any]:
                left, top, width, height = anchor_box(
                    x - monitor["left"], y - monitor["top"], monitor["width"], monitor["height"])
                left, top = left + monitor["left"], top + monitor["top"]
                shot = screen.grab({"left": left, "top": top, "width": width, "height": height})
                pixels = np.frombuffer(shot.bgra, np.uint8).reshape(height, width, 4)
                return left, top, pixels[:, :, :3].copy()

            # The picture and window under the resting pointer, refreshed while idle, so that a
            # click is remembered as the person saw it just before pressing: not pressed, not
            # replaced by the next screen or a closed dialog, however late the event arrives.
            resting: tuple[int, int, float, tuple[int, int, Any], WindowInfo | None] | None = None
            while True:
                try:
                    event = self.jobs.get(timeout=RESTING_REFRESH_S)
                except queue.Empty:
                    pointer = self.recorder.pointer
                    if pointer is not None:
                        try:
                            taken = time.time()
                            picture = grab(pointer[0], pointer[1])
                            under = desktop.window_at(*pointer) if desktop else None
                            resting = (pointer[0], pointer[1], taken, picture, under)
                        except Exception as error:
                            log.warning("no picture at the pointer: %s", error)
                    continue
                if event is None:
                    break
                if event.kind != "press":
                    self._note_focus(event, desktop)
                    continue
                x, y = event.x or 0, event.y or 0
                try:
                    if (resting is not None and (resting[0], resting[1]) == (x, y)
                            and 0 <= event.t - resting[2] <= RESTING_MAX_AGE_S):
                        (left, top, pixels), window = resting[3], resting[4]
                    else:
                        left, top, pixels = grab(x, y)
                        window = desktop.window_at(x, y) if desktop else None
                    ok, png = cv2.imencode(".png", pixels)
                    name = f"click-{event.seq:05d}.png"
                    if ok:
                        (self.recorder.pictures_dir / name).write_bytes(png.tobytes())
                    context = ClickContext(
                        seq=event.seq, anchor=name if ok else None,
                        anchor_left=left, anchor_top=top,
                        window_title=window.title if window else None,
                        window_class=window.app_class if window else None,
                        window_x=window.x if window else None,
                        window_y=window.y if window else None,
                        window_width=window.width if window else None,
                        window_height=window.height if window else None)
                    self.recorder.contexts[event.seq] = context
                    self.recorder.store.insert("click_contexts",
                                               context.as_row(self.recorder.session_id))
                except Exception as error:
                    log.warning("no picture for click %d: %s", event.seq, error)
        if desktop is not None:
            desktop.close()

    def _note_focus(self, event: InputEvent, desktop: Desktop | None) -> None:
        try:
            window = desktop.focused_window() if desktop else None
        except Exception as error:
            log.warning("focused window unknown at key %d: %s", event.seq, error)
            return
        if window is None:
            return
        context = ClickContext(seq=event.seq, window_title=window.title,
                               window_class=window.app_class, window_x=window.x,
                               window_y=window.y, window_width=window.width,
                               window_height=window.height)
        self.recorder.contexts[event.seq] = context
        self.recorder.store.insert("click_contexts", context.as_row(self.recorder.session_id))


class Recorder:
    """Records global mouse and keyboard input into a recording session of the store."""

    def __init__(self, store: Store, bot_name: str, *,
                 stop_hotkey: frozenset[str] = DEFAULT_STOP_HOTKEY,
                 on_event: Callable[[InputEvent], None] | None = None) -> None:
        self.store = store
        self.bot_name = bot_name
        self.stop_hotkey = stop_hotkey
        self.on_event = on_event
        self.session_id = ""
        self.pictures_dir = Path()
        self.events: list[InputEvent] = []
        self.contexts: dict[int, ClickContext] = {}
        self.stopped = threading.Event()
        self._inbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._held: dict[int | str, str] = {}
        self._seq = 0
        self._after_text = False
        self.pointer: tuple[int, int] | None = None
        self._listeners: list[Any] = []
        self._processor = threading.Thread(target=self._process, name="recorder-events",
                                           daemon=True)
        self._pictures = _PictureWorker(self)

    # ------------------------------------------------------------ listener callbacks
    # These run on pynput's threads for every input event: enqueue and nothing else.

    def _on_press(self, key: Any, injected: bool = False) -> None:
        self._inbox.put((time.time(), "key_down", key, self._keycode()))

    def _on_release(self, key: Any, injected: bool = False) -> None:
        self._inbox.put((time.time(), "key_up", key, self._keycode()))

    def _on_click(self, x: int, y: int, button: Any, pressed: bool,
                  injected: bool = False) -> None:
        self._inbox.put((time.time(), "press" if pressed else "release", x, y, button))

    def _on_move(self, x: int, y: int, injected: bool = False) -> None:
        self._inbox.put((time.time(), "move", x, y))

    def _on_scroll(self, x: int, y: int, dx: int, dy: int, injected: bool = False) -> None:
        self._inbox.put((time.time(), "scroll", x, y, dx, dy))

    def _keycode(self) -> int | None:
        listener = self._listeners[1] if len(self._listeners) > 1 else None
        return getattr(listener, "last_keycode", None)

    # ------------------------------------------------------------ life cycle

    def start(self) -> str:
        import mss
        from pynput import keyboard, mouse

        with mss.MSS() as screen:
            monitor = screen.monitors[0]
        layout = None
        try:
            from app.core.platform import desktop_for_this_system
            desktop = desktop_for_this_system()
            layout = desktop.keyboard_layout()
            desktop.close()
        except Exception as error:
            log.warning("keyboard layout unknown: %s", error)
        self.session_id = self.store.start_session(self.bot_name, monitor["width"],
                                                   monitor["height"], layout)
        self.pictures_dir = paths.data_dir() / "sessions" / self.session_id
        self.pictures_dir.mkdir(parents=True, exist_ok=True)
        self._pictures.start()
        self._processor.start()
        mouse_listener = mouse.Listener(on_move=self._on_move, on_click=self._on_click,
                                        on_scroll=self._on_scroll)
        keyboard_listener = _keyboard_listener_class(keyboard.Listener)(
            on_press=self._on_press, on_release=self._on_release)
        self._listeners = [mouse_listener, keyboard_listener]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()
        return self.session_id

    def request_stop(self) -> None:
        self.stopped.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the stop hotkey was pressed or ``request_stop`` was called."""
        return self.stopped.wait(timeout)

    def finish(self, status: str = "finished") -> Recording:
        """Stop listening, write out everything, and return the recording."""
        for listener in self._listeners:
            # join() can hang until the next input event arrives, so only ask them to stop.
            listener.stop()
        self._inbox.put(None)
        self._processor.join(timeout=10)
        self._pictures.jobs.put(None)
        self._pictures.join(timeout=10)
        self.store.end_session(self.session_id, status)
        self.store.flush()
        return Recording(self.session_id, self.pictures_dir, list(self.events),
                         dict(self.contexts))

    # ------------------------------------------------------------ processing thread

    def _process(self) -> None:
        while (item := self._inbox.get()) is not None:
            if item[1] == "move":
                # Movements only tell where the pointer rests; they are not steps.
                self.pointer = (int(item[2]), int(item[3]))
                continue
            event = self._to_event(item)
            if event is None:
                continue
            self.events.append(event)
            self.store.insert("raw_events", event.as_row(self.session_id))
            if event.kind == "press" or self._starts_typing(event):
                self._pictures.jobs.put(event)
            if self.on_event is not None:
                self.on_event(event)

    def _starts_typing(self, event: InputEvent) -> bool:
        """The first key after a click or a non-text key: where the focused window is noted."""
        if event.kind in ("press", "release", "scroll"):
            self._after_text = False
            return False
        if event.kind != "key_down" or event.key in MODIFIER_NAMES:
            return False
        starts = not self._after_text
        self._after_text = event.key in ("char", "space", "backspace")
        return starts

    def _to_event(self, item: tuple[Any, ...]) -> InputEvent | None:
        t, kind = item[0], item[1]
        self._seq += 1
        seq = self._seq
        if kind in ("press", "release"):
            _, _, x, y, button = item
            return InputEvent(seq, t, kind, x=int(x), y=int(y), button=button.name)
        if kind == "scroll":
            _, _, x, y, dx, dy = item
            return InputEvent(seq, t, "scroll", x=int(x), y=int(y), dx=int(dx), dy=int(dy))
        _, _, key, keycode = item
        name, char = _key_name(key)
        event_kind: EventKind = kind
        event = InputEvent(seq, t, event_kind, key=name, char=char, keycode=keycode)
        self._track_stop_hotkey(event)
        return event

    def _track_stop_hotkey(self, event: InputEvent) -> None:
        slot: int | str = event.keycode if event.keycode is not None else (event.key or "")
        name = event.key or ""
        if event.kind == "key_up":
            self._held.pop(slot, None)
            return
        if name in MODIFIER_NAMES:
            self._held[slot] = MODIFIER_NAMES[name]
            return
        token = (event.char or "").lower() if name == "char" else name
        if frozenset({*self._held.values(), token}) == self.stop_hotkey:
            self.stopped.set()


def _key_name(key: Any) -> tuple[str, str | None]:
    """pynput's key object as (name, text): ('tab', None), ('char', 'å'), ('space', ' ')."""
    name = getattr(key, "name", None)
    if name:
        return str(name), None
    char = getattr(key, "char", None)
    if char:
        return "char", str(char)
    vk = getattr(key, "vk", None)
    return (f"vk{vk}" if vk is not None else "unknown"), None


def _keyboard_listener_class(base: type[Any]) -> type[Any]:
    """pynput's keyboard listener, also remembering the X key code of the event being reported.

    pynput hands callbacks a key object only, but a release pairs with its press by key code
    (Shift released first turns 'H' into 'h'), so on X the code is kept for the callback to read.
    """
    if not sys.platform.startswith("linux"):
        return base

    class KeyCodeListener(base):  # type: ignore[misc]
        last_keycode: int | None = None

        def _handle_message(self, display: Any, event: Any, injected: bool) -> None:
            self.last_keycode = getattr(event, "detail", None)
            super()._handle_message(display, event, injected)

    return KeyCodeListener


def build_bot(name: str, recording: Recording,
              ignored_hotkeys: list[frozenset[str]] | None = None) -> tuple[Bot, dict[str, bytes]]:
    """The bot a recording amounts to, with the anchor pictures its steps use."""
    steps: list[Step] = coalesce(recording.events, recording.contexts,
                                 ignored_hotkeys or [DEFAULT_STOP_HOTKEY])
    pictures: dict[str, bytes] = {}
    for step in steps:
        for target in step_targets(step):
            if target.anchor is None:
                continue
            file = recording.pictures_dir / target.anchor
            if file.is_file():
                pictures[target.anchor] = file.read_bytes()
            else:
                target.anchor = None
                target.anchor_offset = None
    return Bot(name=name, steps=steps), pictures
