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
    # For a step inside a decision step's branch: "approve" or "reject", and its place there
    # (from 0); ``index`` is then the decision step's.
    branch: str | None = None
    branch_index: int | None = None
    # For a decision step: what the person decided ("approve" or "reject").
    decision: str | None = None
    # The screen when the step failed, until a listener has written it somewhere.
    screenshot_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class DecisionRecord:
    """What a person decided at a decision step, for the run's audit trail.

    ``shown`` are the values the person saw (secrets as •••), ``edited`` the values they
    changed before deciding (name to new value, secrets never editable), ``decided_by`` the
    operating system's user, ``by_default`` True when nobody was asked and the run's default
    decision (given when it was started) was taken.
    """

    run_id: str
    step_id: str
    step_index: int
    decision: str
    shown: dict[str, str]
    edited: dict[str, str]
    decided_by: str
    decided_at: float
    by_default: bool = False
    case_number: int | None = None
    case_label: str = ""


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
    decisions: list[DecisionRecord] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"
