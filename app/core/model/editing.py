"""Edits a superuser makes to a recorded bot, as plain functions on the model.

The studio's editor calls these (and will wrap them in undo commands); they never touch files.
"""

from __future__ import annotations

from app.core.model.bot import (
    PARAMETER_NAME,
    Bot,
    LearnedAnchor,
    Parameter,
    ParameterType,
    TypeTextStep,
    step_targets,
)


class EditError(ValueError):
    """An edit that cannot be made, saying why."""


def promote_to_parameter(bot: Bot, step_id: str, name: str, kind: ParameterType = "text",
                         label: str = "", *, keep_default: bool = False) -> Parameter:
    """Turn the text a type-text step types into ``{{name}}`` and give the bot that parameter.

    The typed value becomes the default only when asked (``keep_default``) and never for a
    secret, so recorded personal data and passwords do not stay in the bot file by accident.
    """
    step = next((s for s in bot.steps if s.id == step_id), None)
    if not isinstance(step, TypeTextStep):
        raise EditError(f"step {step_id!r} is not a type-text step")
    if not PARAMETER_NAME.match(name):
        raise EditError(f"{name!r} is not a usable parameter name")
    if bot.parameter(name) is not None:
        raise EditError(f"the bot already has a parameter {name!r}")
    default = step.text if keep_default and kind != "secret" else None
    parameter = Parameter(name=name, type=kind, label=label, default=default)
    bot.parameters.append(parameter)
    step.text = f"{{{{{name}}}}}"
    return parameter


def keep_learned_pictures(bot: Bot, learned: list[LearnedAnchor]) -> dict[str, bytes]:
    """Point each step the person showed the robot at its new picture; returns the pictures
    by file name, for ``save_bot``."""
    pictures: dict[str, bytes] = {}
    for item in learned:
        step = next((s for s in bot.steps if s.id == item.step_id), None)
        if step is None or not step_targets(step):
            continue
        name = f"shown-{item.step_id}.png"
        target = step_targets(step)[0]
        target.anchor, target.anchor_offset = name, item.offset
        pictures[name] = item.picture_png
    return pictures
