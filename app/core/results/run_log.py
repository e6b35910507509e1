"""The run log: the listener that keeps every run and step result in the store.

Writes go through the store's one writer thread; a failure screenshot is written to the data
directory (``runs/<run id>/``, pruned after the retention period) and only its path is stored;
in privacy mode none is kept at all. Secret parameter values never reach it: the caller passes
the values that may be shown, the store redacts every row, and a screenshot's text chunks are
redacted before it is written. Each run row carries its audit facts (``audit.RunAudit``).
"""

from __future__ import annotations

from app.core import paths, settings
from app.core.model.bot import Bot, Step
from app.core.redaction import redact_png
from app.core.results.audit import RunAudit
from app.core.results.listeners import RunListener
from app.core.results.outcome import RunResult, StepResult
from app.core.store import Store


class RunLog(RunListener):
    """The listener that keeps every run and step result in the store, through its writer."""

    def __init__(self, store: Store, bot_path: str, parameters: dict[str, str],
                 audit: RunAudit | None = None) -> None:
        self.store = store
        self.bot_path = bot_path
        # Secret values never reach the log; the caller passes what may be shown.
        self.parameters = parameters
        self.audit = audit or RunAudit(None, None, None)

    def start_run(self, bot: Bot, result: RunResult) -> None:
        result.run_id = self.store.start_run(
            bot.name, self.bot_path, self.parameters, os_user=self.audit.os_user,
            bot_sha256=self.audit.bot_sha256, bot_version=self.audit.bot_version)

    def end_step(self, step: Step, result: StepResult) -> None:
        if result.screenshot_png is not None and settings.current().settings.privacy_mode:
            result.screenshot_png = None  # privacy mode: no picture of the screen is kept
        if result.screenshot_png is not None and result.screenshot is None:
            folder = paths.data_dir() / "runs" / result.run_id
            try:
                folder.mkdir(parents=True, exist_ok=True)
                file = folder / f"step-{result.index + 1:03d}.png"
                file.write_bytes(redact_png(result.screenshot_png))
                result.screenshot = str(file)
            except OSError as error:
                self.store.log("warning", f"no screenshot kept: {error}", run_id=result.run_id)
        self.store.add_step_result(
            run_id=result.run_id, step_id=result.step_id, step_index=result.index,
            step_type=result.kind, status=result.status, started_at=result.started_at,
            ended_at=result.ended_at, found_by=result.found_by, score=result.score,
            error=result.error, screenshot=result.screenshot)

    def end_run(self, bot: Bot, result: RunResult) -> None:
        self.store.end_run(result.run_id, result.status, result.reason)
