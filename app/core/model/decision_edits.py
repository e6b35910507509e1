"""Edits of decision steps: putting steps into a decision's branches and taking them out.

Each function changes the bot it is given or raises ``EditError`` saying why it cannot, and
changes nothing then; the studio runs them as undoable edits of the whole bot
(``BotDocument.change_bot``). Steps keep their ids when they move, so a step's results and its
place in the history stay its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.model.bot import Bot, Branch, DecisionStep, Step
from app.core.model.editing import EditError


def _decision(bot: Bot, decision_id: str) -> tuple[int, DecisionStep]:
    for index, step in enumerate(bot.steps):
        if step.id == decision_id and isinstance(step, DecisionStep):
            return index, step
    raise EditError("the decision step is no longer in the bot")


def _refuse_decisions(steps: Iterable[Step]) -> None:
    if any(isinstance(step, DecisionStep) for step in steps):
        raise EditError("a decision step cannot go inside another decision; put the second "
                        "decision after the first one")


def wrap_in_decision(bot: Bot, rows: Iterable[int], title: str = "") -> DecisionStep:
    """Put the steps at ``rows`` into the approve branch of a new decision step, which takes
    the place of the first of them: "the robot saves only what a person approved"."""
    chosen = sorted(set(rows))
    if not chosen:
        raise EditError("choose the steps that a person's approval should lead to")
    if chosen[0] < 0 or chosen[-1] >= len(bot.steps):
        raise EditError(f"the bot has no step {chosen[-1] + 1}")
    steps = [bot.steps[row] for row in chosen]
    _refuse_decisions(steps)
    decision = DecisionStep(title=title, approve_steps=steps)
    for row in reversed(chosen):
        del bot.steps[row]
    bot.steps.insert(chosen[0], decision)
    return decision


def take_next_into(bot: Bot, decision_id: str, branch: Branch) -> None:
    """Move the step right after the decision to the end of its ``branch``."""
    index, decision = _decision(bot, decision_id)
    if index + 1 >= len(bot.steps):
        raise EditError("there is no step after the decision to take into it")
    following = bot.steps[index + 1]
    _refuse_decisions([following])
    del bot.steps[index + 1]
    decision.branch(branch).append(following)


def move_out(bot: Bot, decision_id: str, branch: Branch, position: int) -> None:
    """Take step ``position`` out of the ``branch``, to right after the decision (then it runs
    whatever the person decides, and can be deleted or moved like any step)."""
    index, decision = _decision(bot, decision_id)
    steps = decision.branch(branch)
    if not 0 <= position < len(steps):
        raise EditError(f"the branch has no step {position + 1}")
    # The last of several taken out lands first after the decision: taking out the branch's
    # steps from the bottom up keeps their order.
    bot.steps.insert(index + 1, steps.pop(position))


def move_within(bot: Bot, decision_id: str, branch: Branch, position: int, by: int) -> int:
    """Move step ``position`` of the ``branch`` up (``by`` < 0) or down; returns its new
    position."""
    _, decision = _decision(bot, decision_id)
    steps = decision.branch(branch)
    if not 0 <= position < len(steps):
        raise EditError(f"the branch has no step {position + 1}")
    target = position + by
    if not 0 <= target < len(steps):
        raise EditError("the step is already at that end of the branch")
    steps.insert(target, steps.pop(position))
    return target
