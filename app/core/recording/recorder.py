"""The recorder: films a caseworker's clicks and keystrokes into a recording session.

pynput's listener callbacks only put a small named tuple on a queue, so no input is lost while
pictures are taken or rows written. A processing thread numbers the events, streams them to the
store and watches for the stop hotkey; a picture worker grabs the anchor picture and the window
around every mouse press. When the recording ends, ``build.build_bot`` turns it into a bot.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from app.core import paths, settings
from app.core.hotkeys import (
    DEFAULT_PAUSE_HOTKEY,
    DEFAULT_SECRET_HOTKEY,
    DEFAULT_STOP_HOTKEY,
    MODIFIER_NAMES,
)
from app.core.model.bot import Selector
from app.core.model.botfile import selector_to_text
from app.core.platform import (
    Desktop,
    InputClock,
    WindowInfo,
    desktop_for_this_system,
    input_clock,
    listener_class,
)
from app.core.recording.build import Recording, thumbnail_name
from app.core.recording.coalesce import SCROLL_RUN_GAP_S
from app.core.recording.elements import ElementWorker
from app.core.recording.events import ClickContext, InputEvent
from app.core.store import Store
from app.core.vision.anchors import (
    CONTEXT_HEIGHT,
    CONTEXT_WIDTH,
    THUMBNAIL_WIDTH,
    anchor_box,
    choose_anchor_box,
)
from app.core.vision.screen import ColourImage, ScreenGrabber

log = logging.getLogger(__name__)

RESTING_REFRESH_S = 0.03
LISTENER_SETTLE_S = 0.1
RESTING_MAX_AGE_S = 0.25
# Enough resting pictures to reach back past a press reported late (about half a second of
# refreshes): the newest ones may show the button already pressed.
RESTING_HISTORY = 16


class _PictureJob(NamedTuple):
    event: InputEvent
    # When the window system stamped the event (``listener_class``); None where it does not.
    server_time: int | None


class Resting(NamedTuple):
    """A picture around the resting pointer, taken while nothing was pressed there yet."""

    x: int
    y: int
    taken: float  # wall-clock time just before the grab
    # The window system's clock just after the grab and the window lookup (``input_clock``).
    server_time: int | None
    picture: tuple[int, int, ColourImage]  # the context region's corner and its pixels
    window: WindowInfo | None


# The window system's clocks are 32-bit milliseconds that wrap around (every 49.7 days on X).
_CLOCK_WRAP = 1 << 32


def _server_ms_between(earlier: int, later: int) -> int:
    """``later - earlier`` on a wrapping 32-bit millisecond clock; negative when ``later``
    is in fact the earlier one."""
    difference = (later - earlier) % _CLOCK_WRAP
    return difference - _CLOCK_WRAP if difference >= _CLOCK_WRAP // 2 else difference


def picture_before(history: Sequence[Resting], event: InputEvent,
                   server_time: int | None) -> Resting | None:
    """The latest resting picture at the event's point taken before the event happened and
    at most ``RESTING_MAX_AGE_S`` before it, or None.

    A listener on a loaded machine reports a press late, by when the button is painted pressed
    or the next screen has replaced it; a picture of that is one the robot never finds again.
    Where the window system stamps both, its clock decides what came first; elsewhere the
    wall-clock time the report arrived stands in for the press's own.
    """
    for resting in reversed(history):
        if (resting.x, resting.y) != (event.x, event.y):
            continue
        if server_time is not None and resting.server_time is not None:
            age_ms = _server_ms_between(resting.server_time, server_time)
            if age_ms < 0:
                continue  # taken after the press
            return resting if age_ms <= RESTING_MAX_AGE_S * 1000 else None
        age_s = event.t - resting.taken
        if age_s < 0:
            continue
        return resting if age_s <= RESTING_MAX_AGE_S else None
    return None


class _PictureWorker(threading.Thread):
    """Grabs the anchor picture and asks which window was clicked, away from the input path."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__(name="recorder-pictures", daemon=True)
        self.recorder = recorder
        self.jobs: queue.SimpleQueue[_PictureJob | None] = queue.SimpleQueue()

    def run(self) -> None:
        import cv2

        desktop: Desktop | None = None
        try:
            desktop = desktop_for_this_system()
        except Exception as error:  # windows are context, not a reason to stop recording
            log.warning("window information unavailable while recording: %s", error)
        clock: InputClock | None = None
        try:
            clock = input_clock()
        except Exception as error:  # the wall clock stands in, less surely
            log.warning("the window system's clock cannot be read: %s", error)
        # In privacy mode no picture of a whole window is kept (it shows a case's personal
        # data); the small anchor pictures stay, since the robot finds its targets by them.
        privacy = settings.current().settings.privacy_mode
        with ScreenGrabber() as screen:
            origin = origin_x, origin_y = screen.origin()
            screen_width, screen_height = screen.size()

            def grab(x: int, y: int) -> tuple[int, int, ColourImage]:
                """The context region around a point, from which the anchor is chosen; the
                point and the region's corner are in the coordinates of pointer events."""
                left, top, width, height = anchor_box(
                    x - origin_x, y - origin_y, screen_width, screen_height,
                    width=CONTEXT_WIDTH, height=CONTEXT_HEIGHT)
                return (left + origin_x, top + origin_y,
                        screen.grab_colour(left, top, width, height))

            # Pictures and windows under the resting pointer, refreshed while idle, so that a
            # click is remembered as the person saw it just before pressing: not pressed, not
            # replaced by the next screen or a closed dialog, however late the event arrives.
            history: deque[Resting] = deque(maxlen=RESTING_HISTORY)
            while True:
                try:
                    job = self.jobs.get(timeout=RESTING_REFRESH_S)
                except queue.Empty:
                    pointer = self.recorder.pointer
                    if pointer is not None:
                        try:
                            taken = time.time()
                            picture = grab(pointer[0], pointer[1])
                            under = desktop.window_at(*pointer) if desktop else None
                            server_time = clock.now() if clock else None
                            history.append(Resting(pointer[0], pointer[1], taken, server_time,
                                                   picture, under))
                        except Exception as error:
                            log.warning("no picture at the pointer: %s", error)
                    continue
                if job is None:
                    break
                event = job.event
                if event.kind not in ("press", "scroll"):
                    self._note_focus(event, desktop)
                    continue
                x, y = event.x or 0, event.y or 0
                try:
                    resting = picture_before(history, event, job.server_time)
                    if resting is not None:
                        (context_left, context_top, context) = resting.picture
                        window = resting.window
                    else:
                        context_left, context_top, context = grab(x, y)
                        window = desktop.window_at(x, y) if desktop else None
                    everything = screen.grab_colour_full()
                    box_left, box_top, box_width, box_height = choose_anchor_box(
                        cv2.cvtColor(context, cv2.COLOR_BGR2GRAY),
                        (x - context_left, y - context_top),
                        cv2.cvtColor(everything, cv2.COLOR_BGR2GRAY),
                        (context_left - origin_x, context_top - origin_y))
                    pixels = context[box_top:box_top + box_height, box_left:box_left + box_width]
                    left, top = context_left + box_left, context_top + box_top
                    ok, png = cv2.imencode(".png", pixels)
                    name = f"click-{event.seq:05d}.png"
                    if ok:
                        (self.recorder.pictures_dir / name).write_bytes(png.tobytes())
                    if window is not None and not privacy:
                        self._save_thumbnail(everything, window, origin, event.seq)
                    seen = ClickContext(
                        seq=event.seq, anchor=name if ok else None,
                        anchor_left=left, anchor_top=top,
                        window_title=window.title if window else None,
                        window_class=window.app_class if window else None,
                        window_x=window.x if window else None,
                        window_y=window.y if window else None,
                        window_width=window.width if window else None,
                        window_height=window.height if window else None,
                        ignored=self._is_own(window))
                    self.recorder.contexts[event.seq] = seen
                    self.recorder.store.add_click_context(self.recorder.session_id,
                                                          seen.as_row())
                except Exception as error:
                    log.warning("no picture for click %d: %s", event.seq, error)
        if desktop is not None:
            desktop.close()
        if clock is not None:
            clock.close()

    def _save_thumbnail(self, screen: ColourImage, window: WindowInfo, origin: tuple[int, int],
                        seq: int) -> None:
        """A small picture of the clicked window, so a person reading the bot sees where."""
        import cv2

        left = max(0, window.x - origin[0])
        top = max(0, window.y - origin[1])
        part = screen[top:top + window.height, left:left + window.width]
        if part.size == 0:
            return
        scale = min(1.0, THUMBNAIL_WIDTH / part.shape[1])
        small = cv2.resize(part, (max(1, int(part.shape[1] * scale)),
                                  max(1, int(part.shape[0] * scale))),
                           interpolation=cv2.INTER_AREA)
        ok, png = cv2.imencode(".png", small)
        if ok:
            (self.recorder.pictures_dir / thumbnail_name(seq)).write_bytes(png.tobytes())

    def _is_own(self, window: WindowInfo | None) -> bool:
        if window is None:
            return False
        try:
            return window.id in self.recorder._own_windows()
        except Exception as error:
            log.warning("cannot tell the recorder's own windows: %s", error)
            return False

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
                               window_height=window.height, ignored=self._is_own(window))
        self.recorder.contexts[event.seq] = context
        self.recorder.store.add_click_context(self.recorder.session_id, context.as_row())


RecorderState = Literal["idle", "recording", "paused", "stopped"]
TEXT_KEYS = frozenset({"char", "space", "backspace", "delete", "dead_key"})
Control = Literal["pause", "resume", "toggle_pause", "secret_on", "secret_off"]


# What goes on the recorder's queue. The input ones are made on pynput's hook thread for every
# event, so they are named tuples: the cheapest record with named fields to build (a frozen
# dataclass takes about three times as long).

class _KeyInput(NamedTuple):
    t: float
    kind: Literal["key_down", "key_up"]
    key: Any  # pynput's key object
    # The X details of the event (see ``listener_class``); None off X11.
    keycode: int | None
    state: int | None
    server_time: int | None


class _ButtonInput(NamedTuple):
    t: float
    kind: Literal["press", "release"]
    x: int
    y: int
    button: Any  # pynput's button
    server_time: int | None  # as for keys


class _MoveInput(NamedTuple):
    t: float
    x: int
    y: int


class _ScrollInput(NamedTuple):
    t: float
    x: int
    y: int
    dx: int
    dy: int
    server_time: int | None  # as for keys


class _ControlInput(NamedTuple):
    t: float
    what: Control


_Input = _KeyInput | _ButtonInput | _MoveInput | _ScrollInput | _ControlInput


@dataclass(frozen=True)
class RecorderStatus:
    """What a recording toolbar shows; sent to status listeners whenever it changes."""

    state: RecorderState
    secret: bool
    events: int
    clicks: int


class Recorder:
    """Records global mouse and keyboard input into a recording session of the store.

    Hotkeys (each a set of key names, e.g. {'ctrl', 'f12'}) stop, pause/resume, and switch the
    secret mode on and off; in secret mode typed text is stored nowhere, and the bot gets a
    type-text step bound to a new secret parameter instead.
    """

    def __init__(self, store: Store, bot_name: str, *,
                 stop_hotkey: frozenset[str] = DEFAULT_STOP_HOTKEY,
                 pause_hotkey: frozenset[str] = DEFAULT_PAUSE_HOTKEY,
                 secret_hotkey: frozenset[str] = DEFAULT_SECRET_HOTKEY,
                 measure_callbacks: bool = False) -> None:
        self.store = store
        self.bot_name = bot_name
        self.stop_hotkey = stop_hotkey
        self.pause_hotkey = pause_hotkey
        self.secret_hotkey = secret_hotkey
        self.session_id = ""
        self.pictures_dir = Path()
        self.events: list[InputEvent] = []
        self.contexts: dict[int, ClickContext] = {}
        self.stopped = threading.Event()
        self.pointer: tuple[int, int] | None = None
        # Durations of the listener callbacks themselves, for the recorder benchmark.
        self.callback_durations_ns: list[int] | None = [] if measure_callbacks else None
        self._state: RecorderState = "idle"
        self._secret = False
        self._secret_typing = False
        # Typing into a field the accessibility tree calls a password field is secret too.
        self._in_password = False
        self._focus_checked = False
        self._right_after_click = False
        # Keys whose press was kept out of the store as secret: their releases stay out too.
        self._secret_keycodes: set[int | str] = set()
        self._clicks = 0
        self._status_listeners: list[Callable[[RecorderStatus], None]] = []
        self._own_windows: Callable[[], set[int]] = set
        self._inbox: queue.SimpleQueue[_Input | None] = queue.SimpleQueue()
        self._held: dict[int | str, str] = {}
        self._seq = 0
        self._after_text = False
        self._scrolled_at: float | None = None
        self._listeners: list[Any] = []
        self._keyboard_listener: Any = None
        self._mouse_listener: Any = None
        self._decoder_cache: Callable[..., str | None] | None = None
        self._decoder_desktop: Any = None
        self._decoder_tried = False
        self._processor = threading.Thread(target=self._process, name="recorder-events",
                                           daemon=True)
        self._pictures = _PictureWorker(self)
        self._elements = ElementWorker(self._own_window_ids, keep=self._keep_selector,
                                       note=self._note_in_log)

    def _note_in_log(self, message: str) -> None:
        self.store.log("info", message, session_id=self.session_id)

    def _keep_selector(self, seq: int, selector: Selector) -> None:
        self.store.add_recorded_element(self.session_id, seq, selector_to_text(selector))

    def _own_window_ids(self) -> set[int]:
        return self._own_windows()  # looked up on each call: ignore_windows may replace it

    @property
    def selectors_recorded(self) -> int:
        """How many presses and typed fields the accessibility tree named an element for."""
        return self._elements.selectors_recorded

    # ------------------------------------------------------------ listener callbacks
    # These run on pynput's threads for every input event: enqueue and nothing else.

    def _on_press(self, key: Any, injected: bool = False) -> None:
        started = time.perf_counter_ns()
        listener = self._keyboard_listener
        self._inbox.put(_KeyInput(time.time(), "key_down", key,
                                  getattr(listener, "current_keycode", None),
                                  getattr(listener, "current_state", None),
                                  getattr(listener, "current_time", None)))
        if self.callback_durations_ns is not None:
            self.callback_durations_ns.append(time.perf_counter_ns() - started)

    def _on_release(self, key: Any, injected: bool = False) -> None:
        started = time.perf_counter_ns()
        listener = self._keyboard_listener
        self._inbox.put(_KeyInput(time.time(), "key_up", key,
                                  getattr(listener, "current_keycode", None),
                                  getattr(listener, "current_state", None),
                                  getattr(listener, "current_time", None)))
        if self.callback_durations_ns is not None:
            self.callback_durations_ns.append(time.perf_counter_ns() - started)

    def _on_click(self, x: int, y: int, button: Any, pressed: bool,
                  injected: bool = False) -> None:
        started = time.perf_counter_ns()
        self._inbox.put(_ButtonInput(time.time(), "press" if pressed else "release", x, y,
                                     button, getattr(self._mouse_listener, "current_time",
                                                     None)))
        if self.callback_durations_ns is not None:
            self.callback_durations_ns.append(time.perf_counter_ns() - started)

    def _on_move(self, x: int, y: int, injected: bool = False) -> None:
        started = time.perf_counter_ns()
        self._inbox.put(_MoveInput(time.time(), x, y))
        if self.callback_durations_ns is not None:
            self.callback_durations_ns.append(time.perf_counter_ns() - started)

    def _on_scroll(self, x: int, y: int, dx: int, dy: int, injected: bool = False) -> None:
        started = time.perf_counter_ns()
        self._inbox.put(_ScrollInput(time.time(), x, y, dx, dy,
                                     getattr(self._mouse_listener, "current_time", None)))
        if self.callback_durations_ns is not None:
            self.callback_durations_ns.append(time.perf_counter_ns() - started)

    # ------------------------------------------------------------ controls

    @property
    def state(self) -> RecorderState:
        return self._state

    @property
    def secret(self) -> bool:
        return self._secret

    def add_status_listener(self, listener: Callable[[RecorderStatus], None]) -> None:
        """Called on the recorder's thread whenever state, secret mode or counts change."""
        self._status_listeners.append(listener)

    def ignore_windows(self, window_ids: Callable[[], set[int]]) -> None:
        """Clicks and keys in these windows (the studio's own, the toolbar) are never steps."""
        self._own_windows = window_ids

    def pause(self) -> None:
        self._inbox.put(_ControlInput(time.time(), "pause"))

    def resume(self) -> None:
        self._inbox.put(_ControlInput(time.time(), "resume"))

    def toggle_pause(self) -> None:
        self._inbox.put(_ControlInput(time.time(), "toggle_pause"))

    def set_secret(self, on: bool) -> None:
        self._inbox.put(_ControlInput(time.time(), "secret_on" if on else "secret_off"))

    def request_stop(self) -> None:
        self.stopped.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the stop hotkey was pressed or ``request_stop`` was called."""
        return self.stopped.wait(timeout)

    # ------------------------------------------------------------ life cycle

    def start(self) -> str:
        from pynput import keyboard, mouse

        with ScreenGrabber() as screen:
            width, height = screen.size()
        layout = None
        try:
            desktop = desktop_for_this_system()
            layout = desktop.keyboard_layout()
            desktop.close()
        except Exception as error:
            log.warning("keyboard layout unknown: %s", error)
        self.session_id = self.store.start_session(self.bot_name, width, height, layout)
        self.pictures_dir = paths.data_dir() / "sessions" / self.session_id
        self.pictures_dir.mkdir(parents=True, exist_ok=True)
        self._pictures.start()
        self._elements.start()
        self._elements.wait_ready()
        decoder = self._text_decoder()
        if decoder is not None:
            self._watch_keys()
        self._processor.start()
        mouse_listener = listener_class(mouse.Listener)(
            on_move=self._on_move, on_click=self._on_click, on_scroll=self._on_scroll)
        self._mouse_listener = mouse_listener
        keyboard_listener = listener_class(keyboard.Listener)(
            on_press=self._on_press, on_release=self._on_release)
        self._keyboard_listener = keyboard_listener
        self._listeners = [mouse_listener, keyboard_listener]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()
        # pynput says it is ready a moment before its RECORD context takes events; a key in
        # that moment would be lost (seen about once in a hundred starts).
        time.sleep(LISTENER_SETTLE_S)
        self._set_state("recording")
        return self.session_id

    def finish(self, status: str = "finished") -> Recording:
        """Stop listening, write out everything, and return the recording."""
        for listener in self._listeners:
            # join() can hang until the next input event arrives, so only ask them to stop.
            listener.stop()
        self._inbox.put(None)
        self._processor.join(timeout=10)
        self._pictures.jobs.put(None)
        self._pictures.join(timeout=10)
        self._elements.stop()
        self._elements.join(timeout=10)
        if self._decoder_desktop is not None:
            self._decoder_desktop.close()
        self.store.end_session(self.session_id, status)
        self.store.flush()
        if status == "finished":
            # The recording is in memory now and its bot is made from it: what the person typed
            # (names, personnummer, passwords typed outside secret mode) is not kept in the
            # database a moment longer. Only a session cut off keeps it, for ``recover``.
            self.store.forget_keystrokes(self.session_id)
        self._set_state("stopped")
        return Recording(self.session_id, self.pictures_dir, list(self.events),
                         dict(self.contexts), dict(self._elements.selectors))

    # ------------------------------------------------------------ processing thread

    def _set_state(self, state: RecorderState) -> None:
        self._state = state
        self._notify()

    def _notify(self) -> None:
        status = RecorderStatus(self._state, self._secret, len(self.events), self._clicks)
        for listener in self._status_listeners:
            try:
                listener(status)
            except Exception as error:
                log.warning("recording status listener failed: %s", error)

    def _process(self) -> None:
        while (item := self._inbox.get()) is not None:
            if isinstance(item, _MoveInput):
                # Movements only tell where the pointer rests; they are not steps.
                self.pointer = (int(item.x), int(item.y))
                continue
            if isinstance(item, _ControlInput):
                self._control(item.t, item.what)
                continue
            event = self._to_event(item)
            if self._track_hotkeys(event) or self._state != "recording":
                continue
            self._check_focus(event)
            if self._kept_secret(event):
                continue
            if event.kind == "key_down" and event.key not in MODIFIER_NAMES:
                self._secret_typing = False
            self._keep(event, item.server_time)

    def _check_focus(self, event: InputEvent) -> None:
        """Learn, before the first typed character is kept, whether it goes into a password
        field; a click or a key that moves on (Tab, Return) means asking again."""
        if event.kind in ("press", "scroll") or (
                event.kind == "key_down" and event.key not in TEXT_KEYS
                and event.key not in MODIFIER_NAMES):
            self._focus_checked = False
            self._in_password = False
            self._right_after_click = event.kind == "press"
        elif event.kind == "key_down" and event.key in TEXT_KEYS and not self._focus_checked:
            self._focus_checked = True
            self._in_password = self._elements.typing_into_password(
                event.seq, self._right_after_click)

    def _kept_secret(self, event: InputEvent) -> bool:
        """Keep a typed secret out of the store: only a mark where it was typed. True when the
        event was part of one (and so is not to be kept)."""
        if event.kind not in ("key_down", "key_up"):
            return False
        slot: int | str = event.keycode if event.keycode is not None else (event.key or "")
        if event.kind == "key_up" and slot in self._secret_keycodes:
            self._secret_keycodes.discard(slot)
            return True
        if not (self._secret or self._in_password) or event.key not in TEXT_KEYS:
            return False
        if event.kind == "key_up":
            return True
        self._secret_keycodes.add(slot)
        if not self._secret_typing:
            self._secret_typing = True
            mark = self._mark(event.t, "secret")
            selector = self._elements.selectors.pop(event.seq, None)
            if selector is not None:
                self._elements.selectors[mark.seq] = selector
                self._keep_selector(mark.seq, selector)
            self._keep(mark)
        return True

    def _keep(self, event: InputEvent, server_time: int | None = None) -> None:
        self.events.append(event)
        self.store.add_raw_event(self.session_id, event.as_row())
        if event.kind == "press":
            self._elements.press(event.seq, event.x or 0, event.y or 0)
        starts_scrolling = self._starts_scrolling(event)
        if event.kind == "press" or self._starts_typing(event) or starts_scrolling:
            self._pictures.jobs.put(_PictureJob(event, server_time))
        if event.kind == "press":
            self._clicks += 1
        self._notify()

    def _starts_scrolling(self, event: InputEvent) -> bool:
        """The first tick of a run of scrolling, which becomes one step: its picture and window
        are noted, so the robot scrolls the same list however the window has moved, and never
        scrolls at a bare screen point unasked."""
        if event.kind != "scroll":
            if event.kind != "move":
                self._scrolled_at = None
            return False
        starts = self._scrolled_at is None or event.t - self._scrolled_at > SCROLL_RUN_GAP_S
        self._scrolled_at = event.t
        return starts

    def _mark(self, t: float, what: str) -> InputEvent:
        self._seq += 1
        return InputEvent(self._seq, t, "mark", key=what)

    def _control(self, t: float, what: Control) -> None:
        if what == "toggle_pause":
            what = "resume" if self._state == "paused" else "pause"
        if what == "pause" and self._state == "recording":
            self._keep(self._mark(t, "pause"))
            self._set_state("paused")
        elif what == "resume" and self._state == "paused":
            self._set_state("recording")
            self._keep(self._mark(t, "resume"))
        elif what in ("secret_on", "secret_off"):
            self._secret = what == "secret_on"
            self._secret_typing = False
            self._notify()

    def _starts_typing(self, event: InputEvent) -> bool:
        """The first key after a click or a non-text key: where the focused window is noted."""
        if event.kind in ("press", "release", "scroll"):
            self._after_text = False
            return False
        if event.kind != "key_down" or event.key in MODIFIER_NAMES:
            return False
        starts = not self._after_text
        self._after_text = event.key in TEXT_KEYS
        return starts

    def _to_event(self, item: _KeyInput | _ButtonInput | _ScrollInput) -> InputEvent:
        self._seq += 1
        seq = self._seq
        if isinstance(item, _ButtonInput):
            return InputEvent(seq, item.t, item.kind, x=int(item.x), y=int(item.y),
                              button=item.button.name)
        if isinstance(item, _ScrollInput):
            return InputEvent(seq, item.t, "scroll", x=int(item.x), y=int(item.y),
                              dx=int(item.dx), dy=int(item.dy))
        name, char = _key_name(item.key)
        if name == "char" or char is None:
            decoded = self._decode(item.keycode, item.state, item.server_time,
                                   item.kind == "key_down")
            if decoded is not None:
                name, char = decoded
        return InputEvent(seq, item.t, item.kind, key=name, char=char, keycode=item.keycode)

    def _decode(self, keycode: int | None, state: int | None, event_time: int | None,
                pressed: bool) -> tuple[str, str | None] | None:
        """The character X itself makes of a key (layout, Shift, AltGr), when pynput cannot."""
        decoder = self._text_decoder()
        if decoder is None or keycode is None or state is None:
            return None
        text = decoder(keycode, state, event_time, pressed)
        if text == "":
            return ("dead_key", None)
        return ("char", text) if text else None

    def _watch_keys(self) -> None:
        watch = getattr(self._decoder_desktop, "watch_keys", None)
        if watch is not None:
            watch()

    def _text_decoder(self) -> Callable[..., str | None] | None:
        if not self._decoder_tried:
            self._decoder_tried = True
            try:
                desktop = desktop_for_this_system()
                self._decoder_desktop = desktop
                self._decoder_cache = getattr(desktop, "text_for_key", None)
            except Exception as error:
                log.warning("typed characters are taken from pynput only: %s", error)
        return self._decoder_cache

    def _track_hotkeys(self, event: InputEvent) -> bool:
        """Act on the recorder's own hotkeys; True when the event was one (never a step)."""
        if event.kind not in ("key_down", "key_up"):
            return False
        slot: int | str = event.keycode if event.keycode is not None else (event.key or "")
        name = event.key or ""
        if event.kind == "key_up":
            self._held.pop(slot, None)
            return False
        if name in MODIFIER_NAMES:
            self._held[slot] = MODIFIER_NAMES[name]
            return False
        token = (event.char or "").lower() if name == "char" else name
        pressed = frozenset({*self._held.values(), token})
        if pressed == self.stop_hotkey:
            self.stopped.set()
        elif pressed == self.pause_hotkey:
            self._control(event.t, "toggle_pause")
        elif pressed == self.secret_hotkey:
            self._control(event.t, "secret_off" if self._secret else "secret_on")
        else:
            return False
        return True


def _key_name(key: Any) -> tuple[str, str | None]:
    """pynput's key object as (name, text): ('tab', None), ('char', 'å'), ('space', ' ')."""
    name = getattr(key, "name", None)
    if name:
        return str(name), None
    char = getattr(key, "char", None)
    if char:
        return "char", str(char)
    vk = getattr(key, "vk", None)
    if vk in _X_TEXT_MODIFIERS:
        return _X_TEXT_MODIFIERS[vk], None
    return (f"vk{vk}" if vk is not None else "unknown"), None


# pynput reports keys it has no name for by their X keysym; these select characters.
_X_TEXT_MODIFIERS = {0xFE03: "iso_level3_shift", 0xFF7E: "mode_switch"}
