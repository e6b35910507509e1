"""Run-time values for a bot's parameters: checked by type, then filled into ``{{name}}`` texts."""

from __future__ import annotations

import datetime
import re

from app.core.model.bot import Bot, Parameter
from app.core.model.botfile import PLACEHOLDER, one_line

PERSONNUMMER = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


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


def personnummer_is_valid(value: str) -> bool:
    """Format (ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN), a real date (or samordningsnummer) and checksum."""
    match = PERSONNUMMER.match(value.strip())
    if match is None:
        return False
    _century, year, month, day, _sign, tail = match.groups()
    day_number = int(day) - 60 if int(day) > 60 else int(day)  # samordningsnummer
    if not (1 <= int(month) <= 12 and 1 <= day_number <= 31):
        return False
    digits = year + month + day + tail
    total = 0
    for position, digit in enumerate(digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0


def check_value(parameter: Parameter, value: str) -> str:
    """The value as the robot will type it, or ParameterError saying what is wrong with it."""
    kind = parameter.type
    reason: str | None = None
    if kind == "number" and not NUMBER.match(value.strip()):
        reason = "is not a number"
    elif kind == "date":
        try:
            datetime.date.fromisoformat(value.strip())
        except ValueError:
            reason = "is not a date (ÅÅÅÅ-MM-DD)"
    elif kind == "personnummer" and not personnummer_is_valid(value):
        reason = "is not a valid personnummer (format or checksum)"
    elif kind == "choice" and value not in parameter.choices:
        reason = f"is not one of {', '.join(parameter.choices)}"
    if reason is not None:
        raise ParameterError(parameter.name, reason, value=value)
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
