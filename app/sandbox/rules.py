"""The practice system's business rules, kept free of Qt so they can be tested on their own.

Personnummer checks follow the Swedish format (date, serial number, Luhn check digit); the
amount rules follow what a caseworker types into a municipal form ("4500", "4 500", "4500,50").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


class InvalidInputError(ValueError):
    """A value the caseworker typed was refused; the message is Swedish and shown as is."""


@dataclass(frozen=True)
class Person:
    personnummer: str
    name: str


# Fictitious people. The serial numbers lie in the 98xx range and every check digit is right, so
# a robot's search succeeds; none of them is meant to be a real person.
REGISTER: tuple[Person, ...] = (
    Person("19850709-9805", "Åsa Lindqvist"),
    Person("19790312-9810", "Örjan Bäckström"),
    Person("19920224-9828", "Märta Ekholm"),
    Person("19630815-9778", "Johan Söderberg"),
    Person("20010503-9887", "Leyla Hosseini"),
)

CATEGORIES: tuple[str, ...] = (
    "Försörjningsstöd",
    "Hyra",
    "El",
    "Läkarvård",
    "Tandvård",
    "Glasögon",
    "Övrigt",
)

# The papers an applicant commonly sends in, in the order the form lists them; a saved case
# keeps this order whatever order they were ticked in.
ATTACHMENT_TYPES: tuple[str, ...] = (
    "Hyresavtal",
    "Hyresavi",
    "Lönebesked",
    "Kontoutdrag",
    "Elräkning",
    "Läkarintyg",
    "Tandvårdsförslag",
    "Beslut från Försäkringskassan",
    "Arbetsförmedlingens intyg",
    "Besked om studiemedel från CSN",
    "Pensionsbesked",
    "Kvitto på läkemedel",
    "Kostnadsförslag för glasögon",
    "Skuldutdrag från Kronofogden",
    "Övriga handlingar",
)

PRIORITY_WORDS: dict[int, str] = {
    1: "Låg",
    2: "Under normal",
    3: "Normal",
    4: "Brådskande",
    5: "Akut",
}
DEFAULT_PRIORITY = 3

_PERSONNUMMER = re.compile(r"^(?P<century>\d{2})?(?P<date>\d{6})-(?P<serial>\d{3})(?P<check>\d)$")
_AMOUNT = re.compile(r"^(?P<kronor>\d+)(?:,(?P<ore>\d{1,2}))?$")
_MUNICIPALITY = re.compile(r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$")
MAX_AMOUNT_ORE = 99_999_999


def luhn_check_digit(digits: str) -> int:
    """The check digit for the nine digits ÅÅMMDDNNN (weights 2, 1, 2, … from the left)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def parse_personnummer(text: str, today: dt.date | None = None) -> str:
    """Check a personnummer and return it as ÅÅÅÅMMDD-NNNN, or raise :class:`InvalidInputError`.

    ÅÅMMDD-NNNN is read as the most recent century that does not put the birth date in the
    future, which is how the hyphen form is meant (under a hundred years old).
    """
    today = today or dt.date.today()
    match = _PERSONNUMMER.match(text.strip())
    if match is None:
        raise InvalidInputError("Ange personnummer som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.")
    short_date = match["date"]
    # Samordningsnummer add 60 to the day; accept them like the national registers do.
    day = int(short_date[4:6])
    real_day = day - 60 if day > 60 else day
    if match["century"] is not None:
        year = int(match["century"] + short_date[:2])
    else:
        year = (today.year // 100) * 100 + int(short_date[:2])
        if year > today.year:
            year -= 100
    try:
        born = dt.date(year, int(short_date[2:4]), real_day)
    except ValueError:
        raise InvalidInputError("Personnumret innehåller inget giltigt datum.") from None
    if born > today:
        raise InvalidInputError("Personnumret innehåller ett datum i framtiden.")
    if luhn_check_digit(short_date + match["serial"]) != int(match["check"]):
        raise InvalidInputError("Personnumret är ogiltigt: kontrollsiffran stämmer inte.")
    return f"{year:04d}{short_date[2:]}-{match['serial']}{match['check']}"


def lookup_person(personnummer: str) -> Person | None:
    """The register entry for a normalised personnummer, if the fictitious register has one."""
    return next((p for p in REGISTER if p.personnummer == personnummer), None)


def normalise_amount(text: str) -> str:
    """Return a positive amount in kronor as "4500" or "4500,50", else raise InvalidInputError.

    Spaces (also non-breaking ones) are accepted as thousands separators because caseworkers
    copy amounts from letters written that way; a decimal point is refused since Swedish
    forms use the comma and a point could be a thousands separator.
    """
    compact = re.sub(r"\s", "", text)
    match = _AMOUNT.match(compact)
    if match is None:
        raise InvalidInputError(
            "Belopp (kr): ange ett positivt belopp med siffror, t.ex. 4500 eller 4500,50."
        )
    kronor = match["kronor"].lstrip("0") or "0"
    ore = match["ore"]
    value_ore = int(kronor) * 100 + (int(ore.ljust(2, "0")) if ore else 0)
    if value_ore <= 0:
        raise InvalidInputError("Belopp (kr): beloppet måste vara större än noll.")
    if value_ore > MAX_AMOUNT_ORE:
        raise InvalidInputError("Belopp (kr): beloppet får vara högst 999 999,99 kr.")
    return f"{kronor},{ore.ljust(2, '0')}" if ore else kronor


def check_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidInputError("Namn saknas.")
    if any(char.isdigit() for char in name):
        raise InvalidInputError("Namn får inte innehålla siffror.")
    return name


def check_municipality(text: str) -> str:
    municipality = " ".join(text.split())
    if not municipality:
        raise InvalidInputError("Hemkommun saknas.")
    if _MUNICIPALITY.match(municipality) is None:
        raise InvalidInputError("Hemkommun: ange kommunens namn med bokstäver, t.ex. Lund.")
    return municipality


def priority_word(priority: int) -> str:
    """The word the form shows for a priority from 1 (Låg) to 5 (Akut)."""
    try:
        return PRIORITY_WORDS[priority]
    except KeyError:
        raise ValueError(f"priority must be 1 to 5, not {priority}") from None
