"""Edits to a bot's parameters: make one from typed text, add, change or rename, remove.

Plain functions on a ``Bot`` and no Qt, so the studio's undo commands can wrap them (through its
document's ``change_bot``). Each either makes its whole change or raises ``EditError`` saying
why and changes nothing: every check runs before the first change.

Parameters are used only in the text of type-text steps, as ``{{name}}`` (``{{ name }}`` with
spaces is read the same). Steps are named by their number as the step table shows it, counted
from 1.
"""

from __future__ import annotations

import dataclasses
import re

from app.core.model.bot import (
    PARAMETER_NAME,
    PARAMETER_TYPES,
    Bot,
    DecisionStep,
    Parameter,
    Step,
    TypeTextStep,
    all_steps,
)
from app.core.model.botfile import (
    MAX_CHOICES,
    MAX_LONG_TEXT,
    MAX_PARAMETERS,
    MAX_SHORT_TEXT,
    PLACEHOLDER,
)
from app.core.model.editing import EditError
from app.core.model.limits import abbreviate
from app.core.model.params import ParameterError, check_value

__all__ = [
    "ParameterInUseError",
    "add_parameter",
    "change_parameter",
    "check_parameter",
    "make_parameter",
    "parameter_users",
    "remove_parameter",
]


class ParameterInUseError(EditError):
    """A parameter that cannot be removed because steps use it; ``steps`` are their numbers."""

    def __init__(self, name: str, steps: list[int]) -> None:
        self.name = name
        self.steps = list(steps)
        numbers = ", ".join(str(number) for number in steps)
        word = "step" if len(steps) == 1 else "steps"
        super().__init__(f"parameter {name!r} is still used by {word} {numbers}; "
                         "change those steps first")


def _uses(step: Step, name: str) -> bool:
    if isinstance(step, TypeTextStep):
        return name in PLACEHOLDER.findall(step.text)
    if isinstance(step, DecisionStep):
        # What the decision shows, and what its branches type.
        return name in step.show or any(_uses(inner, name) for inner in
                                        step.approve_steps + step.reject_steps)
    return False


def _step_numbers_using(bot: Bot, name: str) -> list[int]:
    return [number for number, step in enumerate(bot.steps, start=1) if _uses(step, name)]


def parameter_users(bot: Bot, name: str) -> list[int]:
    """The numbers (from 1, as the step table shows them) of the steps that use ``{{name}}``."""
    return _step_numbers_using(bot, name)


def check_parameter(parameter: Parameter) -> None:
    """Raise ``EditError`` when the parameter could not be saved in a bot file as it is."""
    if not PARAMETER_NAME.match(parameter.name):
        raise EditError(f"{abbreviate(parameter.name)} is not a usable parameter name "
                        "(letters a-z, digits and _, not starting with a digit)")
    if len(parameter.name) > MAX_SHORT_TEXT:
        raise EditError(f"a parameter name may be at most {MAX_SHORT_TEXT:,} characters")
    if parameter.type not in PARAMETER_TYPES:
        raise EditError(f"{abbreviate(str(parameter.type))} is not a parameter type "
                        f"(one of {', '.join(PARAMETER_TYPES)})")
    if len(parameter.label) > MAX_SHORT_TEXT:
        raise EditError(f"a label may be at most {MAX_SHORT_TEXT:,} characters")
    if len(parameter.choices) > MAX_CHOICES:
        raise EditError(f"a parameter may have at most {MAX_CHOICES:,} choices")
    for choice in parameter.choices:
        if not choice.strip():
            raise EditError("a choice must not be empty")
        if len(choice) > MAX_SHORT_TEXT:
            raise EditError(f"a choice may be at most {MAX_SHORT_TEXT:,} characters")
    if len(set(parameter.choices)) != len(parameter.choices):
        raise EditError("the same choice is given twice")
    if parameter.type == "choice" and not parameter.choices:
        raise EditError("a choice parameter needs at least one choice")
    if parameter.default is None:
        return
    if parameter.type == "secret":
        raise EditError("a secret parameter cannot have a stored default")
    if len(parameter.default) > MAX_LONG_TEXT:
        raise EditError(f"a default may be at most {MAX_LONG_TEXT:,} characters")
    try:
        check_value(parameter, parameter.default)
    except ParameterError as error:
        raise EditError(f"the default {abbreviate(parameter.default)} {error.reason}") from None


def _copy(parameter: Parameter) -> Parameter:
    """The bot keeps its own copy, so the caller's object never changes the bot afterwards."""
    return dataclasses.replace(parameter, choices=list(parameter.choices))


def _check_new_name(bot: Bot, name: str) -> None:
    if bot.parameter(name) is not None:
        raise EditError(f"the bot already has a parameter named {name!r}")
    # A placeholder without its parameter cannot be loaded; one that is there already would be
    # taken over by the new parameter, and a later rename would carry it along by mistake.
    stray = _step_numbers_using(bot, name)
    if stray:
        numbers = ", ".join(str(number) for number in stray)
        raise EditError(f"steps {numbers} already refer to {{{{{name}}}}}")


def add_parameter(bot: Bot, parameter: Parameter) -> Parameter:
    """Give the bot a new parameter (at the end of its list); returns the bot's copy of it."""
    check_parameter(parameter)
    _check_new_name(bot, parameter.name)
    if len(bot.parameters) >= MAX_PARAMETERS:
        raise EditError(f"a bot may have at most {MAX_PARAMETERS} parameters")
    kept = _copy(parameter)
    bot.parameters.append(kept)
    return kept


def make_parameter(bot: Bot, step_id: str, start: int, end: int,  # noqa: PLR0917 - the editor calls it so
                   parameter: Parameter,
                   keep_default: bool) -> Parameter:
    """Turn ``text[start:end]`` of a type-text step into ``{{name}}`` and add the parameter.

    The parameter's default is kept as given; ``keep_default`` replaces it with the typed text,
    which a secret refuses. The caller asks the person first: typed personal data becomes a
    default only when they said so.
    """
    step = next((s for s in all_steps(bot.steps) if s.id == step_id), None)
    if step is None:
        raise EditError(f"the bot has no step with id {step_id!r}")
    if not isinstance(step, TypeTextStep):
        raise EditError(f"the step ({step.describe()}) does not type text")
    if not 0 <= start < end <= len(step.text):
        raise EditError(f"characters {start} to {end} are not a part of the step's text "
                        f"({len(step.text)} characters)")
    for match in PLACEHOLDER.finditer(step.text):
        if match.start() < end and start < match.end():
            raise EditError(f"the chosen text overlaps the parameter {match.group(0)}; "
                            "choose text outside it")
    selected = step.text[start:end]
    if keep_default:
        if parameter.type == "secret":
            raise EditError("a secret parameter never keeps the typed text")
        parameter = dataclasses.replace(parameter, default=selected)
    check_parameter(parameter)
    _check_new_name(bot, parameter.name)
    if len(bot.parameters) >= MAX_PARAMETERS:
        raise EditError(f"a bot may have at most {MAX_PARAMETERS} parameters")
    kept = _copy(parameter)
    bot.parameters.append(kept)
    step.text = f"{step.text[:start]}{{{{{parameter.name}}}}}{step.text[end:]}"
    return kept


def _renamed(text: str, old: str, new: str) -> str:
    """``text`` with each ``{{old}}`` naming ``new``, keeping any spaces inside the braces."""
    def rename(match: re.Match[str]) -> str:
        if match.group(1) != old:
            return match.group(0)
        whole, start = match.group(0), match.start(1) - match.start()
        return whole[:start] + new + whole[start + len(old):]
    return PLACEHOLDER.sub(rename, text)


def change_parameter(bot: Bot, old_name: str, parameter: Parameter) -> Parameter:
    """Replace parameter ``old_name`` by ``parameter`` in the same place of the list.

    A new name is followed by every step that used the old one, so renaming and renaming back
    gives the bot it was.
    """
    index = next((i for i, p in enumerate(bot.parameters) if p.name == old_name), None)
    if index is None:
        raise EditError(f"the bot has no parameter named {old_name!r}")
    check_parameter(parameter)
    if parameter.name != old_name:
        _check_new_name(bot, parameter.name)
    kept = _copy(parameter)
    bot.parameters[index] = kept
    if parameter.name != old_name:
        for step in all_steps(bot.steps):
            if isinstance(step, TypeTextStep):
                step.text = _renamed(step.text, old_name, parameter.name)
            elif isinstance(step, DecisionStep):
                step.show = [parameter.name if shown == old_name else shown
                             for shown in step.show]
    return kept


def remove_parameter(bot: Bot, name: str) -> Parameter:
    """Take the parameter out of the bot; refused while any step still uses it."""
    index = next((i for i, p in enumerate(bot.parameters) if p.name == name), None)
    if index is None:
        raise EditError(f"the bot has no parameter named {name!r}")
    users = _step_numbers_using(bot, name)
    if users:
        raise ParameterInUseError(name, users)
    return bot.parameters.pop(index)
