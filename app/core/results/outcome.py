"""What happened when a step or a run was done: the outcome objects the player fills in.

A ``Step`` (``app.core.model.bot``) says what to do; a ``StepResult`` says what happened (status,
times, which way the target was found, match score, error). A ``RunResult`` is the run as a
whole, with what the robot learned on the way (pictures a person showed it) for the caller to
offer for saving: the player never changes the bot it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.core.model.bot import LearnedAnchor

StepStatus = Literal["succeeded", "failed", "skipped"]
RunStatus = Literal["running", "succeeded", "failed", "aborted"]
FoundBy = Literal["selector", "anchor", "anchor_screen", "window", "absolute", "shown",
                  "confirmed", "none"]


@dataclass
class StepResult:
    run_id: str
    step_id: str
    index: int
    kind: str
    status: StepStatus = "succeeded"
    started_at: float = 0.0
    ended_at: float = 0.0
    found_by: FoundBy | None = None
    score: float | None = None
    error: str | None = None
    screenshot: str | None = None
    # The screen when the step failed, until a listener has written it somewhere.
    screenshot_png: bytes | None = field(default=None, repr=False)


@dataclass
class RunResult:
    bot_name: str
    run_id: str = ""
    status: RunStatus = "running"
    reason: str | None = None
    started_at: float = 0.0
    ended_at: float = 0.0
    steps: list[StepResult] = field(default_factory=list)
    # Pictures a person showed the robot during the run and agreed to keep in the bot.
    learned: list[LearnedAnchor] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"
