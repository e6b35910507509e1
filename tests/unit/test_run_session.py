"""The run session, the one way a bot is run: what a caseworker relies on whoever starts it.

A run is always logged with secrets masked, the desktop is always given back, a stop reaches the
run under way and every later one, and the safety stop watches each run.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

from app.core import paths
from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep, WaitStep
from app.core.model.botfile import save_bot
from app.core.results.history import recent_runs, run_steps
from app.core.results.listeners import RunListener
from app.core.results.outcome import StepResult
from app.core.running.safety import Abortable, Releasing
from app.core.running.session import RunSession
from app.core.store import Store
from tests.unit.fake_desktop import FakeDesktop


class Watch:
    """Stands in for the safety stop: notes what it would stop, and lets a test press it."""

    def __init__(self) -> None:
        self.stop_targets: list[Abortable] = []
        self.released = 0

    def __call__(self, target: Abortable,
                 drivers: Releasing) -> contextlib.AbstractContextManager[object]:
        self.stop_targets.append(target)
        return contextlib.nullcontext()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    bot = Bot("Inloggning", parameters=[Parameter("anvandare"), Parameter("losen", "secret")],
              steps=[TypeTextStep(id="namn", text="{{anvandare}}"),
                     TypeTextStep(id="losen", text="{{losen}}"), KeyStep(id="enter")])
    target = tmp_path / "inloggning"
    save_bot(bot, target)
    return target


def session_for(folder: Path, desktop: FakeDesktop, watch: Watch, **options: object
                ) -> RunSession:
    from app.core.model.botfile import load_bot

    return RunSession(load_bot(folder), folder, drivers_factory=lambda: desktop,
                      guard=watch, **options)  # type: ignore[arg-type]


def test_a_run_is_logged_with_its_secret_masked_and_the_desktop_given_back(
        folder: Path) -> None:
    desktop, watch = FakeDesktop(), Watch()
    with session_for(folder, desktop, watch) as session:
        result = session.run({"anvandare": "asa", "losen": "hemligt"})
    assert result.succeeded
    assert desktop.actions == [("type", "asa"), ("type", "hemligt"), ("key", "enter")]
    assert desktop.closed == 1
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
        steps = run_steps(store, run.run_id)
    assert run.run_id == result.run_id and run.status == "succeeded"
    assert run.parameters == {"anvandare": "asa", "losen": "•••"}
    assert [step.step_id for step in steps] == ["namn", "losen", "enter"]
    assert "hemligt" not in paths.database_path().read_bytes().decode("latin-1")


def test_every_run_is_watched_by_the_safety_stop_which_stops_the_session(
        folder: Path) -> None:
    desktop, watch = FakeDesktop(), Watch()
    with session_for(folder, desktop, watch) as session:
        session.run({"anvandare": "a", "losen": "b"})
        session.run({"anvandare": "c", "losen": "d"})
    assert watch.stop_targets == [session, session]


def test_a_front_end_can_hear_of_the_stop_itself(folder: Path) -> None:
    class Front:
        def abort(self) -> None:
            pass

    front, watch = Front(), Watch()
    with session_for(folder, FakeDesktop(), watch, stop_target=front) as session:
        session.run({"anvandare": "a", "losen": "b"})
    assert watch.stop_targets == [front]


def test_run_from_a_step_types_and_logs_only_from_there(folder: Path) -> None:
    desktop, watch = FakeDesktop(), Watch()
    with session_for(folder, desktop, watch) as session:
        result = session.run({"anvandare": "asa", "losen": "hemligt"}, only=[1, 2])
    assert result.succeeded
    assert desktop.actions == [("type", "hemligt"), ("key", "enter")]
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
        steps = run_steps(store, run.run_id)
    assert [step.step_id for step in steps] == ["losen", "enter"]


def test_a_stop_reaches_the_run_under_way_and_every_later_one(tmp_path: Path) -> None:
    folder = tmp_path / "vanta"
    save_bot(Bot("Vänta", steps=[WaitStep(id="paus", until="time", seconds=30.0),
                                 KeyStep(id="enter")]), folder)
    desktop, watch = FakeDesktop(), Watch()
    waiting = threading.Event()

    class Started(RunListener):
        def start_step(self, step: object, result: StepResult) -> None:
            waiting.set()

    with session_for(folder, desktop, watch) as session:
        threading.Thread(target=lambda: (waiting.wait(5), session.abort()), daemon=True).start()
        first = session.run(listeners=[Started()])
        second = session.run()
    assert first.status == "aborted" and second.status == "aborted"
    assert desktop.actions == []


def test_the_desktop_is_given_back_even_when_the_store_cannot_be_opened(
        folder: Path) -> None:
    desktop = FakeDesktop()

    def broken_store() -> Store:
        raise OSError("disk full")

    session = session_for(folder, desktop, Watch(), store_factory=broken_store)
    with pytest.raises(OSError), session:
        pass
    assert desktop.closed == 0  # never made: the store comes first


def test_the_store_is_closed_when_the_desktop_cannot_be_opened(folder: Path) -> None:
    from app.core.platform import PlatformError

    def no_desktop() -> FakeDesktop:
        raise PlatformError("no display")

    opened: list[Store] = []

    def store() -> Store:
        opened.append(Store(paths.database_path()))
        return opened[-1]

    session = session_for(folder, FakeDesktop(), Watch(), store_factory=store)
    session._drivers_factory = no_desktop  # type: ignore[assignment]
    with pytest.raises(PlatformError), session:
        pass
    with pytest.raises(RuntimeError, match="closed"):
        opened[0].runs()


def test_running_outside_the_with_block_says_so(folder: Path) -> None:
    session = session_for(folder, FakeDesktop(), Watch())
    with pytest.raises(RuntimeError, match="not open"):
        session.run({})
