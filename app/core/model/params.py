"""Run-time values for a bot's parameters: checked by type, then filled into ``{{name}}`` texts.

Values arrive as Swedish and Danish caseworkers write them, from a form or from Excel: numbers
by the locale's rules (``1 234,50`` with a space or a no-break space, ``1.234,50``, a trailing
``kr``), dates as ``ÅÅÅÅ-MM-DD``, personnummer with or without the century. The checks and
the number parsing live in ``app.core.model.values``; this module ties them to parameters.
"""

from __future__ import annotations

from app.core.model.bot import Bot, Parameter
from app.core.model.botfile import PLACEHOLDER
from app.core.model.limits import one_line
from app.core.model.values import (
    personnummer_is_valid,
    typed_date,
    typed_number,
    typed_personnummer,
)

__all__ = [
    "ParameterError",
    "UnknownParameterError",
    "check_value",
    "fill",
    "personnummer_is_valid",
    "resolve_values",
    "shown_values",
]


class ParameterError(ValueError):
    """A value that does not fit its parameter, or a parameter given no value.

    ``parameter`` is the parameter's name; ``value`` the value refused, or None when there was
    none; ``reason`` what is wrong, said of the value when there is one ("is not a number"),
    else of the parameter ("needs a value").
    """

    def __init__(self, parameter: str, reason: str, *, value: str | None = None) -> None:
        # Both in args, so the error survives pickling (the rest is in __dict__).
        super().__init__(parameter, reason)
        self.parameter = parameter
        self.reason = reason
        self.value = value

    def __str__(self) -> str:
        if self.value is None:
            return one_line(f"parameter {self.parameter} {self.reason}")
        return one_line(f"parameter {self.parameter}: {self.value!r} {self.reason}")


class UnknownParameterError(ParameterError):
    """A value given for a parameter the bot does not have; ``known`` are the ones it has."""

    def __init__(self, parameter: str, known: list[str]) -> None:
        super().__init__(parameter, "is not one of the bot's parameters")
        self.known = list(known)

    def __str__(self) -> str:
        return one_line(f"the bot has no parameter {self.parameter!r} "
                        f"(it has: {', '.join(self.known) or 'none'})")


def check_value(parameter: Parameter, value: str) -> str:
    """The value as the robot will type it, or ParameterError saying what is wrong with it.

    Numbers come back without grouping and with a decimal comma (``6 300,00 kr`` types as
    ``6300,00``); dates and personnummer come back as written, without surrounding spaces.
    """
    kind = parameter.type
    try:
        if kind == "number":
            return typed_number(value)
        if kind == "date":
            return typed_date(value)
        if kind == "personnummer":
            return typed_personnummer(value)
    except ValueError as error:
        raise ParameterError(parameter.name, str(error), value=value) from None
    if kind == "choice" and value not in parameter.choices:
        raise ParameterError(parameter.name, f"is not one of {', '.join(parameter.choices)}",
                             value=value)
    return value


def resolve_values(bot: Bot, given: dict[str, str]) -> dict[str, str]:
    """Every parameter's value for one run: given, else its default; all checked by type."""
    unknown = sorted(set(given) - {p.name for p in bot.parameters})
    if unknown:
        raise UnknownParameterError(unknown[0], [p.name for p in bot.parameters])
    values: dict[str, str] = {}
    for parameter in bot.parameters:
        value = given.get(parameter.name, parameter.default)
        if value is None:
            raise ParameterError(parameter.name, f"needs a value (--param {parameter.name}=…)")
        values[parameter.name] = check_value(parameter, value)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` with the value; names were checked when the bot was loaded."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def shown_values(bot: Bot, values: dict[str, str]) -> dict[str, str]:
    """The values as they may appear in logs: secrets masked."""
    secret = {p.name for p in bot.parameters if p.type == "secret"}
    return {name: ("•••" if name in secret else value) for name, value in values.items()}
