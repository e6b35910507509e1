"""Run-time values for a bot's parameters: checked by type, then filled into ``{{name}}`` texts."""

from __future__ import annotations

import datetime
import re

from app.core.model.bot import Bot, Parameter
from app.core.model.botfile import PLACEHOLDER

PERSONNUMMER = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$")
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


class ParameterError(ValueError):
    """A value that does not fit its parameter, or a parameter given no value."""


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
    if kind == "number" and not NUMBER.match(value.strip()):
        raise ParameterError(f"parameter {parameter.name}: {value!r} is not a number")
    if kind == "date":
        try:
            datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ParameterError(f"parameter {parameter.name}: {value!r} is not a date "
                                 "(ÅÅÅÅ-MM-DD)") from None
    if kind == "personnummer" and not personnummer_is_valid(value):
        raise ParameterError(f"parameter {parameter.name}: {value!r} is not a valid "
                             "personnummer (format or checksum)")
    if kind == "choice" and value not in parameter.choices:
        raise ParameterError(f"parameter {parameter.name}: {value!r} is not one of "
                             f"{', '.join(parameter.choices)}")
    return value


def resolve_values(bot: Bot, given: dict[str, str]) -> dict[str, str]:
    """Every parameter's value for one run: given, else its default; all checked by type."""
    unknown = sorted(set(given) - {p.name for p in bot.parameters})
    if unknown:
        raise ParameterError(f"the bot has no parameter {unknown[0]!r} "
                             f"(it has: {', '.join(p.name for p in bot.parameters) or 'none'})")
    values: dict[str, str] = {}
    for parameter in bot.parameters:
        value = given.get(parameter.name, parameter.default)
        if value is None:
            raise ParameterError(f"parameter {parameter.name} needs a value "
                                 f"(--param {parameter.name}=…)")
        values[parameter.name] = check_value(parameter, value)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` with the value; names were checked when the bot was loaded."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def shown_values(bot: Bot, values: dict[str, str]) -> dict[str, str]:
    """The values as they may appear in logs: secrets masked."""
    secret = {p.name for p in bot.parameters if p.type == "secret"}
    return {name: ("•••" if name in secret else value) for name, value in values.items()}
