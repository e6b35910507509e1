"""What happened when a bot ran: step results and run results, and the listener interface.

A ``Step`` says what to do; a ``StepResult`` says what happened (status, times, which way the
target was found, match score, error). The player reports to listeners: the run log in the
store, the console, and later the studio and the tray are each just a listener.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from app.core import paths
from app.core.model.bot import Bot, Step
from app.core.store import Store

StepStatus = Literal["succeeded", "failed", "skipped"]
RunStatus = Literal["running", "succeeded", "failed", "aborted"]
FoundBy = Literal["anchor", "anchor_screen", "window", "absolute", "shown", "none"]


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

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


class RunListener(Protocol):
    def start_run(self, bot: Bot, result: RunResult) -> None: ...
    def start_step(self, step: Step, result: StepResult) -> None: ...
    def end_step(self, step: Step, result: StepResult) -> None: ...
    def end_run(self, bot: Bot, result: RunResult) -> None: ...


class RunLog:
    """The listener that keeps every run and step result in the store, through its writer."""

    def __init__(self, store: Store, bot_path: str, parameters: dict[str, str]) -> None:
        self.store = store
        self.bot_path = bot_path
        # Secret values never reach the log; the caller passes what may be shown.
        self.parameters = parameters

    def start_run(self, bot: Bot, result: RunResult) -> None:
        result.run_id = self.store.start_run(bot.name, self.bot_path, self.parameters)

    def start_step(self, step: Step, result: StepResult) -> None:
        pass

    def end_step(self, step: Step, result: StepResult) -> None:
        if result.screenshot_png is not None and result.screenshot is None:
            folder = paths.data_dir() / "runs" / result.run_id
            try:
                folder.mkdir(parents=True, exist_ok=True)
                file = folder / f"step-{result.index + 1:03d}.png"
                file.write_bytes(result.screenshot_png)
                result.screenshot = str(file)
            except OSError as error:
                self.store.log("warning", f"no screenshot kept: {error}", run_id=result.run_id)
        self.store.insert("step_results", {
            "run_id": result.run_id, "step_id": result.step_id,
            "step_index": result.index, "step_type": result.kind, "status": result.status,
            "started_at": result.started_at, "ended_at": result.ended_at,
            "found_by": result.found_by, "score": result.score, "error": result.error,
            "screenshot": result.screenshot,
        })

    def end_run(self, bot: Bot, result: RunResult) -> None:
        self.store.end_run(result.run_id, result.status, result.reason)
