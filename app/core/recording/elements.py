"""The recorder's questions to the accessibility tree: which element a press hit, and which
element has the keyboard when typing starts (a password field turns the typing secret).

A thread of its own, beside the picture worker: a press is asked about as soon as the recorder's
processing thread sees it (the page may change right after the release), and the processing
thread waits, for a bounded time, for the answer about the focused element before it stores a
single typed character, so that a password's characters never reach the store. Where there is
no tree (no accessibility bus, an application that publishes none, xterm) every answer is
"nothing", at once, and the recording is what it was before.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import NamedTuple

from app.core.model.bot import Selector
from app.core.model.selector_match import selector_for
from app.core.platform import (
    AccessibilityTree,
    Desktop,
    NoAccessibility,
    accessibility_for_this_system,
    desktop_for_this_system,
)

log = logging.getLogger(__name__)

# How long typing waits to learn whether it goes into a password field: longer than a busy
# application takes to answer (2-20 ms measured), short enough that a person never notices.
FOCUS_WAIT_S = 0.6
START_WAIT_S = 3.0


class _Job(NamedTuple):
    kind: str  # "press" or "focus"
    seq: int
    x: int
    y: int
    answered: threading.Event | None
    right_after_click: bool = False


class ElementWorker(threading.Thread):
    """Asks the accessibility tree about presses and typing, off the input and event threads.

    ``selectors`` maps an event's seq to the element found for it: the clicked element for a
    press, the focused element for the first key of typing (or the secret mark that replaced
    it).
    """

    def __init__(self, own_windows: Callable[[], set[int]],
                 tree_factory: Callable[[], AccessibilityTree] = accessibility_for_this_system,
                 desktop_factory: Callable[[], Desktop] = desktop_for_this_system,
                 keep: Callable[[int, Selector], None] | None = None,
                 note: Callable[[str], None] | None = None) -> None:
        super().__init__(name="recorder-elements", daemon=True)
        self.selectors: dict[int, Selector] = {}
        # Told of every selector as it is found (the recorder writes it to the store).
        self._keep = keep
        # Told why a click got no element (the recorder writes it to the recording's log), so
        # a superuser, or a test, can see why a step is found only by its picture.
        self._note = note
        self._own_windows = own_windows
        self._tree_factory = tree_factory
        self._desktop_factory = desktop_factory
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._ready = threading.Event()
        self._available = False
        self._password_answers: dict[int, bool] = {}
        # Whether the last press hit a password field (answered before any later question).
        self._pressed_password = False

    @property
    def selectors_recorded(self) -> int:
        return len(self.selectors)

    def wait_ready(self, timeout: float = START_WAIT_S) -> bool:
        """Whether the tree could be reached; waits for the thread to have tried."""
        self._ready.wait(timeout)
        return self._available

    def press(self, seq: int, x: int, y: int) -> None:
        if self._available:
            self._jobs.put(_Job("press", seq, x, y, None))

    def typing_into_password(self, seq: int, right_after_click: bool = False) -> bool:
        """Whether the element with the keyboard now is a password field; its selector is kept
        under ``seq``. ``right_after_click``: no key came between the last press and this
        typing, so a password field hit by that press counts too (an application may not have
        moved its focus yet when asked). False when the tree cannot tell within
        ``FOCUS_WAIT_S``."""
        if not self._available:
            return False
        answered = threading.Event()
        self._jobs.put(_Job("focus", seq, 0, 0, answered, right_after_click))
        if not answered.wait(FOCUS_WAIT_S):
            log.info("the focused element was not known in time at key %d", seq)
            return False
        return self._password_answers.pop(seq, False)

    def stop(self) -> None:
        self._jobs.put(None)

    def run(self) -> None:
        tree: AccessibilityTree = NoAccessibility("not started")
        desktop: Desktop | None = None
        try:
            tree = self._tree_factory()
            if tree.available:
                desktop = self._desktop_factory()
            else:
                log.info("recording without element selectors: %s", tree.reason)
        except Exception as error:  # selectors are extra; the recording goes on without them
            log.warning("recording without element selectors: %s", error)
        self._available = tree.available and desktop is not None
        self._ready.set()
        try:
            while (job := self._jobs.get()) is not None:
                try:
                    if desktop is not None:
                        self._answer(job, tree, desktop)
                except Exception as error:
                    log.warning("no element for event %d: %s", job.seq, error)
                    self._missed(job.seq, f"asking the tree failed: {error}")
                finally:
                    if job.answered is not None:
                        job.answered.set()
        finally:
            tree.close()
            if desktop is not None:
                desktop.close()

    def _answer(self, job: _Job, tree: AccessibilityTree, desktop: Desktop) -> None:
        if job.kind == "press":
            self._pressed_password = False
            window = desktop.window_at(job.x, job.y)
            if window is None:
                self._missed(job.seq, "no window is under the press")
                return
            if window.id in self._own_windows():
                return
            element = tree.element_at(job.x, job.y, window)
            if element is None:
                self._missed(job.seq, f"the tree names no element there in {window.title!r} "
                                      f"({window.app_class}, process {window.pid})")
                return
            selector = selector_for(element, window, (job.x, job.y))
            if selector.offset is None:
                # The click lies outside the element the tree names: the page changed before
                # it was asked (a login opening the next page), so it is not what was clicked.
                self._missed(job.seq, f"the element the tree names there, {element.role} at "
                                      f"{element.box} in {window.title!r} at {window.x}, "
                                      f"{window.y} ({window.width}×{window.height}), does "
                                      f"not hold the press at {job.x}, {job.y}: it had moved "
                                      "away by the time the tree was asked")
                return
            self._pressed_password = element.is_password
            self._found(job.seq, selector)
            return
        clicked_password = job.right_after_click and self._pressed_password
        self._password_answers[job.seq] = clicked_password
        window = desktop.focused_window()
        if window is None or window.id in self._own_windows():
            return
        element = tree.focused_element(window)
        if element is not None:
            self._password_answers[job.seq] = element.is_password or clicked_password
            self._found(job.seq, selector_for(element, window))

    def _missed(self, seq: int, why: str) -> None:
        message = f"click {seq} has no element: {why}; it is found by its picture"
        log.info(message)
        if self._note is not None:
            self._note(message)

    def _found(self, seq: int, selector: Selector) -> None:
        self.selectors[seq] = selector
        if self._keep is not None:
            self._keep(seq, selector)
