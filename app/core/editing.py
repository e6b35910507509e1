"""Edits a superuser makes to a recorded bot, as plain functions on the model.

The studio's editor calls these (and will wrap them in undo commands); they never touch files.
"""

from __future__ import annotations

from app.core.bot import PARAMETER_NAME, Bot, Parameter, ParameterType, TypeTextStep


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
