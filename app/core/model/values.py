"""What a number, a date or a personnummer must look like before a robot may type it.

Each ``typed_*`` function returns the value as the robot will type it, or raises ``ValueError``
whose text is the reason, said of the value ("is not a number"); ``params`` turns that into a
``ParameterError`` naming the parameter.

- Numbers are read by the rules of Swedish (``1 234,50``, the space also a no-break space) or
  Danish (``1.234,50``), with Babel's CLDR data rather than patterns of our own, so that a
  misplaced group (``12 34,5``) is refused as Excel would refuse it. A trailing currency
  (``kr``, ``kr.``, ``SEK``, ``DKK``) is allowed. The robot types the plain form: no grouping,
  a decimal comma, the decimals as written (``6 300,00 kr`` types as ``6300,00``), since every
  case system takes that and some refuse a space.
- Dates are ``ÅÅÅÅ-MM-DD`` and must exist in the calendar: Swedish Excel's short date already
  has that form, and any other (week dates, ``21/11``) is too easily read two ways.
- Personnummer are 10 or 12 digits with ``-``, ``+`` (100 years or older) or nothing before the
  last four, a real date of birth (a samordningsnummer adds 60 to the day) and a right check
  digit.
- Only the digits 0-9 count as digits: Python's own parsers also take full-width and
  Arabic-Indic digits, which no case system expects and a caseworker cannot see are wrong.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal

from babel import Locale
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

PERSONNUMMER_FORMAT = "ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN"
DATE_FORMAT = "ÅÅÅÅ-MM-DD"

# Excel writes a no-break space between thousands; people type a plain one; CLDR's newer data
# and some programs use the narrow or thin one. All mean the same group separator.
_SPACES = " \u00a0\u202f\u2009"
# Everything a Swedish or Danish amount may be made of, once a currency is taken off.
_NUMBER_CHARACTERS = frozenset("0123456789+-.," + _SPACES)
_CURRENCY = re.compile(r"[\s]*(?:kr\.?|sek|dkk)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PERSONNUMMER = re.compile(
    r"(?P<century>[0-9]{2})?(?P<year>[0-9]{2})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"
    r"(?P<sign>[-+]?)(?P<serial>[0-9]{3})(?P<check>[0-9])")
SAMORDNING_OFFSET = 60


@functools.cache
def _locale(name: str) -> Locale:
    # Parsing a locale's data costs more than parsing a number; a data file has thousands.
    return Locale.parse(name)


def _refuse_other_digits(value: str) -> None:
    if not value.isascii() and any(char.isdigit() and not char.isascii() for char in value):
        raise ValueError("has digits other than 0-9 (full-width or Arabic-Indic digits)")


@functools.cache
def _swedish_group() -> str:
    # Whichever space CLDR names Swedish's group separator, every space a person or Excel
    # writes stands for it.
    return str(get_group_symbol(_locale("sv_SE")))


def typed_number(text: str) -> str:
    """``text`` as a number the robot types (``6300,00``), or ValueError with the reason."""
    value = text.strip()
    _refuse_other_digits(value)
    body = _CURRENCY.sub("", value).replace("\u2212", "-")  # U+2212 is CLDR's Swedish minus
    if not body or not set(body) <= _NUMBER_CHARACTERS:
        raise ValueError("is not a number")
    number: Decimal
    if "." in body:
        # In Danish the point groups thousands; in Swedish it has no meaning in an amount.
        try:
            number = parse_decimal(body, locale=_locale("da_DK"), strict=True)
        except (NumberFormatError, ArithmeticError):
            if "," in body:
                raise ValueError("is not a number") from None
            raise ValueError("is not a number: write decimals after a comma (5600,50); "
                             "a point separates thousands") from None
    else:
        grouped = "".join(_swedish_group() if char in _SPACES else char for char in body)
        # Only grouping needs Babel's strict check (which formats the number back to compare);
        # without a group separator there is nothing to misplace, and most amounts have none.
        strict = grouped != body or _swedish_group() in body
        try:
            number = parse_decimal(grouped, locale=_locale("sv_SE"), strict=strict)
        except (NumberFormatError, ArithmeticError):
            raise ValueError("is not a number") from None
    if not number.is_finite():
        raise ValueError("is not a number")
    return format(number, "f").replace(".", ",")


def typed_date(text: str) -> str:
    """``text`` as a date the robot types (``2026-11-21``), or ValueError with the reason."""
    value = text.strip()
    _refuse_other_digits(value)
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"is not a date ({DATE_FORMAT})")
    year, month, day = (int(part) for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"is not a date: {value} does not exist in the calendar") from None
    return value


def typed_personnummer(text: str, today: datetime.date | None = None) -> str:
    """``text`` as a personnummer the robot types (as written), or ValueError with the reason.

    ``today`` decides the century of a 10-digit number and what lies in the future.
    """
    value = text.strip()
    _refuse_other_digits(value)
    match = _PERSONNUMMER.fullmatch(value)
    if match is None:
        raise ValueError(f"is not a personnummer ({PERSONNUMMER_FORMAT})")
    today = today or datetime.date.today()
    month, day = int(match["month"]), int(match["day"])
    samordning = day > SAMORDNING_OFFSET
    born_day = day - SAMORDNING_OFFSET if samordning else day
    two_digit_year = int(match["year"])
    if match["century"] is not None:
        year = int(match["century"] + match["year"])
    else:
        # The most recent year with these two digits whose birthday is not after today.
        year = today.year - (today.year - two_digit_year) % 100
        if year == today.year and (month, born_day) > (today.month, today.day):
            year -= 100
        if match["sign"] == "+":
            year -= 100
    shown = f"{year:04d}-{month:02d}-{born_day:02d}"
    try:
        born = datetime.date(year, month, born_day)
    except ValueError:
        what = f"{shown} (its day {day} less 60, a samordningsnummer)" if samordning else shown
        raise ValueError(f"is not a valid personnummer: its date of birth {what} "
                         "does not exist") from None
    if born > today:
        raise ValueError(f"is not a valid personnummer: its date of birth {shown} lies in "
                         "the future")
    if match["sign"] == "+" and born > _years_before(today, 100):
        raise ValueError(f"is not a valid personnummer: '+' marks someone 100 or older, but "
                         f"{shown} is less than 100 years ago")
    digits = match["year"] + match["month"] + match["day"] + match["serial"] + match["check"]
    if not _luhn_valid(digits):
        raise ValueError("is not a valid personnummer: its checksum (the last digit) does "
                         "not match")
    return value


def personnummer_is_valid(value: str, today: datetime.date | None = None) -> bool:
    """Whether ``value`` is a personnummer or samordningsnummer a robot may type."""
    try:
        typed_personnummer(value, today)
    except ValueError:
        return False
    return True


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _luhn_valid(digits: str) -> bool:
    """Luhn over the 10-digit form: weights 2, 1, 2, … from the left, digit sums added."""
    total = 0
    for position, digit in enumerate(digits):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0
