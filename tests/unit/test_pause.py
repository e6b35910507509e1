"""Pausing a run between steps, resuming it, and stopping it while paused; the pause hotkey."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from app.core.model.bot import Bot, WaitStep
from app.core.results.outcome import RunResult, StepResult
from app.core.running.pause import HotkeyWatcher, PauseGate
from app.core.running.player import Player
from tests.unit.fake_desktop import FakeDesktop

WAIT_S = 5.0


def test_a_paused_gate_holds_the_next_step_until_resumed() -> None:
    changes: list[bool] = []
    gate = PauseGate(changes.append)
    gate.pause()
    passed = threading.Event()
    step = WaitStep(id="w")
    result = StepResult("run", "w", 0, "wait")

    def next_step() -> None:
        gate.start_step(step, result)
        passed.set()

    thread = threading.Thread(target=next_step)
    thread.start()
    assert not passed.wait(0.05)
    gate.resume()
    assert passed.wait(WAIT_S)
    assert changes == [True, False]
    assert gate.toggle() is True and gate.toggle() is False


def test_a_stop_while_paused_lets_the_run_end_at_once(tmp_path: Path) -> None:
    bot = Bot("b", steps=[WaitStep(id="one", seconds=0), WaitStep(id="two", seconds=0)])
    gate = PauseGate()
    gate.pause()
    player = Player(bot, tmp_path, FakeDesktop(), listeners=[gate])  # type: ignore[arg-type]
    results: list[RunResult] = []
    thread = threading.Thread(target=lambda: results.append(player.run()))
    thread.start()
    player.abort()
    gate.release()
    thread.join(WAIT_S)
    assert results and results[0].status == "aborted"
    gate.pause()
    assert not gate.paused  # released for good: a later pause cannot hold a stopped run


def test_the_hotkey_fires_on_its_own_key_with_its_modifier_only() -> None:
    pressed: list[str] = []
    watcher = HotkeyWatcher(frozenset({"ctrl", "f11"}), lambda: pressed.append("pause"))
    watcher.key_down(37, "ctrl")
    watcher.key_down(95, "f11")
    watcher.key_up(95)
    watcher.key_up(37)
    watcher.key_down(95, "f11")
    assert pressed == ["pause"]


def test_a_pause_before_a_step_is_not_counted_as_the_steps_time(tmp_path: Path) -> None:
    held_until: list[float] = []

    class HoldingListener(PauseGate):
        """Stands for a person who paused the robot before the step and resumed it later."""

        def start_step(self, step: object, result: StepResult) -> None:  # type: ignore[override]
            held_until.append(time.time())

    bot = Bot("b", steps=[WaitStep(id="one", seconds=0)])
    player = Player(bot, tmp_path, FakeDesktop(),  # type: ignore[arg-type]
                    listeners=[HoldingListener()])
    result = player.run()
    assert result.succeeded
    assert result.steps[0].started_at >= held_until[0]
