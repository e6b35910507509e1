"""The run session: the one way a bot is run, whoever starts it (command line, studio, tray).

A session does what every run needs, in one place and in the same order:

1. the store is opened, and personal data past its time is removed (failure screenshots, raw
   recording pictures and events, see ``app.core.retention``);
2. every run is kept in its run log with its audit facts (who, which bot exactly); secret
   values are masked in the parameters and hidden (``app.core.redaction``) from everything the
   program writes for as long as the session lasts;
3. the drivers are made on the calling thread (mss and the X connection belong to the thread
   that opened them), and closed again at the end, whatever happened;
4. each run is watched by the safety stop (abort hotkey, fail-safe corner) for as long as it
   lasts, and every key the robot holds is let go when it ends.

Use it as a context manager and call ``run`` once per case; ``abort`` (from any thread) stops
the run under way and every later one in the session::

    with RunSession(bot, folder, ask=questions) as session:
        result = session.run(values)

What the robot learned (pictures a person showed it) comes back in ``RunResult.learned``; the
session never changes the bot.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from app.core.model.bot import Bot, Step
from app.core.model.params import shown_values
from app.core.redaction import hide, redact, unhide
from app.core.results.audit import audit_facts
from app.core.results.listeners import RunListener
from app.core.results.outcome import RunResult, StepResult
from app.core.results.run_log import RunLog
from app.core.retention import apply_retention
from app.core.running.drivers import Drivers
from app.core.running.player import DEFAULT_TIMEOUT_S, AskHandler, Player
from app.core.running.safety import DEFAULT_ABORT_HOTKEY, Abortable, Releasing, guard_run
from app.core.store import Store

log = logging.getLogger(__name__)

DriversFactory = Callable[[], Drivers]
StoreFactory = Callable[[], Store]
Guard = Callable[[Abortable, Releasing], AbstractContextManager[object]]


def desktop_drivers() -> Drivers:
    """The real desktop; imported late because pyautogui needs a display when it loads."""
    from app.core.running.drivers import DesktopDrivers

    return DesktopDrivers()


class RunSession:
    """Runs one bot, once per case, with everything a run needs set up around it.

    ``stop_target`` is what the abort hotkey and the fail-safe corner stop: the session itself
    unless a front end needs to hear of the stop too (the studio lets an open question go).
    ``guard`` replaces the safety stop, for tests without a display.
    """

    def __init__(self, bot: Bot, folder: Path, *,
                 drivers_factory: DriversFactory = desktop_drivers,
                 store_factory: StoreFactory = Store.open_default,
                 abort_hotkey: frozenset[str] = DEFAULT_ABORT_HOTKEY,
                 guard: Guard | None = None,
                 stop_target: Abortable | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 ask: AskHandler | None = None,
                 listeners: Sequence[RunListener] = ()) -> None:
        self.bot = bot
        self.folder = folder
        self.timeout_s = timeout_s
        self.ask = ask
        self.listeners = list(listeners)
        self._drivers_factory = drivers_factory
        self._store_factory = store_factory
        self._guard: Guard = guard or functools.partial(guard_run, hotkey=abort_hotkey)
        self.stop_target: Abortable = stop_target or self
        self._store: Store | None = None
        self._drivers: Drivers | None = None
        self._lock = threading.Lock()
        self._player: Player | None = None
        self._stop_requested = False
        self._hidden: list[str] = []

    # ------------------------------------------------------------ set-up and clean-up

    def __enter__(self) -> RunSession:
        store = self._store_factory()
        apply_retention(store)  # personal data is not kept past its time
        try:
            self._drivers = self._drivers_factory()
        except BaseException:
            store.close()
            raise
        self._store = store
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        drivers, self._drivers = self._drivers, None
        store, self._store = self._store, None
        try:
            if drivers is not None:
                try:
                    drivers.close()
                except Exception as problem:
                    log.warning("the drivers did not close cleanly: %s", problem)
        finally:
            try:
                if store is not None:
                    store.close()
            finally:
                hidden, self._hidden = self._hidden, []
                unhide(hidden)

    @property
    def drivers(self) -> Drivers:
        if self._drivers is None:
            raise RuntimeError("the run session is not open; use it in a with block")
        return self._drivers

    # ------------------------------------------------------------ running

    def run(self, values: dict[str, str] | None = None, *,
            listeners: Sequence[RunListener] = (),
            only: Collection[int] | None = None) -> RunResult:
        """Run the bot once with ``values``; every listener hears of it, the run log first.

        ``only`` names the steps to run by index ("run from here", "run this step"); the
        others are left out of the run and its log. None runs every step.
        """
        if self._store is None or self._drivers is None:
            raise RuntimeError("the run session is not open; use it in a with block")
        values = dict(values or {})
        # Secrets are masked in the parameters, and hidden from every text written (the store,
        # logs, the console) until the session ends, so that an exception's message that
        # quotes one is redacted too.
        secrets = [value for name, value in values.items()
                   if (parameter := self.bot.parameter(name)) is not None
                   and parameter.type == "secret"]
        hide(secrets)
        self._hidden.extend(secrets)
        run_log = RunLog(self._store, str(self.folder), shown_values(self.bot, values),
                         audit_facts(self.folder))
        player = Player(self.bot, self.folder, self._drivers, values=values,
                        listeners=[_Redacting(), run_log, *self.listeners, *listeners],
                        timeout_s=self.timeout_s, ask=self.ask, only=only)
        with self._lock:
            self._player = player
            stop_first = self._stop_requested
        if stop_first:
            player.abort()
        try:
            with self._guard(self.stop_target, self._drivers):
                return _redacted(player.run())
        finally:
            with self._lock:
                self._player = None

    def abort(self) -> None:
        """Stop the run under way before its next action, and every later one; any thread."""
        with self._lock:
            self._stop_requested = True
            player = self._player
        if player is not None:
            player.abort()

    def wait_for_click(self, timeout: float) -> tuple[int, int] | None:
        """Where the person clicks next on the screen, for "show me"; None if nobody does."""
        waiter = getattr(self._drivers, "wait_for_click", None)
        if waiter is None:
            return None
        point: tuple[int, int] | None = waiter(timeout)
        return point


class _Redacting(RunListener):
    """First to hear of each result: an error or reason that quotes a secret (an exception's
    message) is redacted before any other listener (log, console, studio, tray) sees it."""

    def end_step(self, step: Step, result: StepResult) -> None:
        if result.error:
            result.error = redact(result.error)

    def end_run(self, bot: Bot, result: RunResult) -> None:
        if result.reason:
            result.reason = redact(result.reason)


def _redacted(result: RunResult) -> RunResult:
    """The result as front ends may show it: reasons and step errors without a secret."""
    if result.reason:
        result.reason = redact(result.reason)
    for step in result.steps:
        if step.error:
            step.error = redact(step.error)
    return result
