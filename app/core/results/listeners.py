"""Listeners hear of a run as it happens: the run log in the store, the console, the studio and
the tray are each just a listener.

``RunListener``'s methods do nothing, so a listener overrides only what it cares about. They are
called on the thread the player runs on, in order: ``start_run``, then ``start_step`` and
``end_step`` for each step (and ``decided`` after a decision step's), then ``end_run``, always,
however the run ends.
"""

from __future__ import annotations

from app.core.model.bot import Bot, Step
from app.core.results.outcome import DecisionRecord, RunResult, StepResult


class RunListener:
    """Told of each step and of the run; every method may be left as it is."""

    def start_run(self, bot: Bot, result: RunResult) -> None:
        """The run begins; ``result.run_id`` may be given here (the run log does)."""

    def start_step(self, step: Step, result: StepResult) -> None:
        """The player is about to do ``step``."""

    def end_step(self, step: Step, result: StepResult) -> None:
        """``step`` is done, failed or skipped; ``result`` says which."""

    def decided(self, step: Step, record: DecisionRecord) -> None:
        """A person answered a decision step (after its own ``end_step``, before its branch)."""

    def end_run(self, bot: Bot, result: RunResult) -> None:
        """The run is over, whatever the way it ended."""
