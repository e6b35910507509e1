"""Values as Swedish and Danish caseworkers write them: amounts, dates and personnummer."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from app.core.model.bot import Bot, Parameter
from app.core.model.params import ParameterError, check_value, resolve_values
from app.core.model.values import personnummer_is_valid, typed_personnummer

TODAY = datetime.date(2026, 11, 21)
AMOUNT = Parameter("belopp", "number", label="Belopp (kr)")
DATE = Parameter("inkom", "date")
PERSONNUMMER = Parameter("personnummer", "personnummer")


def refusal(parameter: Parameter, value: str) -> str:
    with pytest.raises(ParameterError) as raised:
        check_value(parameter, value)
    assert raised.value.parameter == parameter.name
    assert raised.value.value == value
    return raised.value.reason


def with_check_digit(nine: str) -> str:
    """The ten digits of a personnummer whose first nine are ``nine``."""
    total = 0
    for position, digit in enumerate(nine):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return nine + str((10 - total % 10) % 10)


# ---------------------------------------------------------------------------------- amounts

@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("5600,50", "5600,50"),
        ("6300", "6300"),
        ("1 234,50", "1234,50"),
        ("1\u00a0234,50", "1234,50"),
        ("6\u00a0300,00", "6300,00"),
        ("6 300,00 kr", "6300,00"),
        ("6\u00a0300,00\u00a0kr", "6300,00"),
        ("1\u202f234,50", "1234,50"),
        ("1 234 567", "1234567"),
        ("1.234,50", "1234,50"),
        ("1.234,50 kr.", "1234,50"),
        ("1.234", "1234"),
        ("-100", "-100"),
        ("\u2212100", "-100"),
        ("0,1", "0,1"),
    ],
)
def test_an_amount_as_swedish_or_danish_excel_writes_it_types_plainly(
        written: str, typed: str) -> None:
    assert check_value(AMOUNT, written) == typed


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("mycket", "is not a number"),
        ("12 34,5", "is not a number"),
        ("1,234.50", "is not a number"),
        ("1e5", "is not a number"),
        ("inf", "is not a number"),
        ("NaN", "is not a number"),
        ("kr", "is not a number"),
        ("5600.50", "is not a number: write decimals after a comma (5600,50); a point "
                    "separates thousands"),
        ("１２３", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
        ("١٢٣", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
    ],
)
def test_an_amount_that_is_not_one_is_refused_saying_why(written: str, reason: str) -> None:
    assert refusal(AMOUNT, written) == reason


@given(amount=st.decimals(min_value=Decimal("-9999999.99"), max_value=Decimal("9999999.99"),
                          places=2),
       locale=st.sampled_from(["sv_SE", "da_DK"]),
       currency=st.sampled_from(["", " kr", "\u00a0kr", " kr."]))
def test_every_amount_babel_formats_for_sweden_or_denmark_reads_back_the_same(
        amount: Decimal, locale: str, currency: str) -> None:
    written = format_decimal(amount, format="#,##0.00", locale=locale) + currency

    typed = check_value(AMOUNT, written)

    assert Decimal(typed.replace(",", ".")) == amount
    assert typed.replace("-", "").replace(",", "").isdigit()


# ---------------------------------------------------------------------------------- dates

@pytest.mark.parametrize("written", ["2026-11-21", "2024-02-29", " 2026-01-01 "])
def test_a_calendar_date_is_taken_as_written(written: str) -> None:
    assert check_value(DATE, written) == written.strip()


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-W05-1", "is not a date (ÅÅÅÅ-MM-DD)"),
        ("2026W051", "is not a date (ÅÅÅÅ-MM-DD)"),
        ("20261121", "is not a date (ÅÅÅÅ-MM-DD)"),
        ("21/11 2026", "is not a date (ÅÅÅÅ-MM-DD)"),
        ("2026-11-21T10:00", "is not a date (ÅÅÅÅ-MM-DD)"),
        ("2026-02-30", "is not a date: 2026-02-30 does not exist in the calendar"),
        ("2025-02-29", "is not a date: 2025-02-29 does not exist in the calendar"),
        ("２０２６-11-21", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
        ("٢٠٢٦-11-21", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
    ],
)
def test_a_week_date_or_a_date_not_in_the_calendar_is_refused(written: str,
                                                              reason: str) -> None:
    assert refusal(DATE, written) == reason


# ---------------------------------------------------------------------------------- personnummer

@pytest.mark.parametrize(
    "written",
    [
        "19830309-4562",
        "830309-4562",
        "8303094562",
        "198303094562",
        "830309+4562",  # born 1883: the plus says a hundred years or more
        f"19120309+{with_check_digit('120309456')[-4:]}",  # twelve digits and a plus: redundant
        f"19830369-{with_check_digit('830369456')[-4:]}",  # samordningsnummer: day 9 plus 60
        f"20000229-{with_check_digit('000229123')[-4:]}",  # 2000 was a leap year
    ],
)
def test_a_real_personnummer_is_typed_as_written(written: str) -> None:
    assert typed_personnummer(written, TODAY) == written
    assert personnummer_is_valid(written, TODAY)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("19830230-3634", "is not a valid personnummer: its date of birth 1983-02-30 does not "
                          "exist"),
        (f"19000229-{with_check_digit('000229123')[-4:]}",
         "is not a valid personnummer: its date of birth 1900-02-29 does not exist"),
        (f"19830290-{with_check_digit('830290123')[-4:]}",
         "is not a valid personnummer: its date of birth 1983-02-30 (its day 90 less 60, a "
         "samordningsnummer) does not exist"),
        ("19830309-4563", "is not a valid personnummer: its checksum (the last digit) does "
                          "not match"),
        (f"20990101-{with_check_digit('990101123')[-4:]}",
         "is not a valid personnummer: its date of birth 2099-01-01 lies in the future"),
        ("19830309+4562", "is not a valid personnummer: '+' marks someone 100 or older, but "
                          "1983-03-09 is less than 100 years ago"),
        ("19830309-456", "is not a personnummer (ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN)"),
        ("19830309 4562", "is not a personnummer (ÅÅÅÅMMDD-NNNN or ÅÅMMDD-NNNN)"),
        ("１９８３0309-4562", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
        ("١٩٨٣0309-4562", "has digits other than 0-9 (full-width or Arabic-Indic digits)"),
    ],
    ids=["30-february", "1900-not-leap", "samordning-30-february", "checksum", "future",
         "plus-too-young", "short", "space", "full-width", "arabic-indic"],
)
def test_a_personnummer_that_no_one_can_have_is_refused_saying_why(written: str,
                                                                    reason: str) -> None:
    with pytest.raises(ValueError) as raised:
        typed_personnummer(written, TODAY)
    assert str(raised.value) == reason
    assert not personnummer_is_valid(written, TODAY)


@given(born=st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY),
       serial=st.integers(0, 999), samordning=st.booleans())
def test_any_real_birth_date_with_its_check_digit_is_valid_and_any_other_check_digit_not(
        born: datetime.date, serial: int, samordning: bool) -> None:
    day = born.day + (60 if samordning else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    ten = with_check_digit(nine)
    century = f"{born.year // 100:02d}"

    assert personnummer_is_valid(f"{century}{ten[:6]}-{ten[6:]}", TODAY)
    wrong = f"{century}{ten[:9]}{(int(ten[9]) + 1) % 10}"
    assert not personnummer_is_valid(wrong, TODAY)


def test_a_ten_digit_personnummer_is_read_in_the_latest_century_not_in_the_future() -> None:
    tomorrow_a_century_ago = with_check_digit("261122123")
    # 26-11-22 is tomorrow: the person was born in 1926, not yet in 2026.
    assert personnummer_is_valid(f"{tomorrow_a_century_ago[:6]}-{tomorrow_a_century_ago[6:]}",
                                 TODAY)
    assert not personnummer_is_valid(f"20{tomorrow_a_century_ago[:6]}-"
                                     f"{tomorrow_a_century_ago[6:]}", TODAY)


# ---------------------------------------------------------------------------------- the form

def test_a_value_given_on_the_command_line_is_checked_the_same_way() -> None:
    bot = Bot("Utbetalning", parameters=[AMOUNT, DATE, Parameter("namn")])

    values = resolve_values(bot, {"belopp": "6 300,00 kr", "inkom": "2026-11-21",
                                  "namn": "  Åsa  "})

    assert values == {"belopp": "6300,00", "inkom": "2026-11-21", "namn": "  Åsa  "}
    with pytest.raises(ParameterError) as raised:
        resolve_values(bot, {"belopp": "12 34,5", "inkom": "2026-11-21", "namn": "Åsa"})
    assert str(raised.value) == "parameter belopp: '12 34,5' is not a number"


def test_a_choice_must_be_one_of_its_options_exactly() -> None:
    kategori = Parameter("kategori", "choice", choices=["Hyra", "El"])
    assert check_value(kategori, "Hyra") == "Hyra"
    assert refusal(kategori, "hyra") == "is not one of Hyra, El"
