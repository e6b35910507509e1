"""Case data files as caseworkers make them: CSV from Swedish Excel and XLSX workbooks."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook  # type: ignore[import-untyped]

from app.core.model.bot import Bot, Parameter
from app.core.model.data import CaseData, DataFileError, RowProblem, read_cases
from app.core.model.params import ParameterError, UnknownParameterError
from app.core.model.values import typed_number

GOOD = ("19830309-4562", "19550603-1045", "19600612-2748")
BAD_CHECKSUM = "19850709-9806"
PASSWORD = {"losenord": "hemligt"}


@pytest.fixture
def bot() -> Bot:
    return Bot("Ekonomiskt bistånd", parameters=[
        Parameter("anvandarnamn", "text", default="handlaggare"),
        Parameter("losenord", "secret"),
        Parameter("personnummer", "personnummer"),
        Parameter("namn"),
        Parameter("belopp", "number"),
        Parameter("kategori", "choice", choices=["Försörjningsstöd", "Hyra", "El"]),
        Parameter("inkom", "date"),
    ])


def excel_csv(folder: Path, *lines: str, name: str = "arenden.csv") -> Path:
    """A CSV file the way Swedish Excel saves 'CSV UTF-8': BOM, ';' and CRLF."""
    file = folder / name
    file.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return file


def workbook(folder: Path, *rows: list[object], sheet: str = "Blad1",
             before: str | None = None) -> Path:
    book = Workbook()
    first = book.active
    if before is not None:
        first.title = before
        first.append(["Det här bladet är inte ärendelistan"])
        sheet_to_fill = book.create_sheet(sheet)
    else:
        first.title = sheet
        sheet_to_fill = first
    for row in rows:
        sheet_to_fill.append(row)
    file = folder / "arenden.xlsx"
    book.save(file)
    return file


def values_by_row(data: CaseData) -> dict[int, dict[str, str]]:
    return {row.number: row.values for row in data.rows if row.values is not None}


def test_a_semicolon_csv_from_swedish_excel_keeps_a_o_and_decimal_commas(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path,
                     "Personnummer;Namn;Belopp;Kategori;Inkom",
                     f"{GOOD[0]};Åsa Öberg;5600,50;Försörjningsstöd;2026-11-21",
                     f"{GOOD[1]};Björn Ängström;2450;Hyra;2026-11-22")

    data = read_cases(file, bot, PASSWORD)

    assert data.columns == ["personnummer", "namn", "belopp", "kategori", "inkom"]
    assert data.ignored_columns == []
    assert data.problems == []
    assert values_by_row(data) == {
        2: {"anvandarnamn": "handlaggare", "losenord": "hemligt", "personnummer": GOOD[0],
            "namn": "Åsa Öberg", "belopp": "5600,50", "kategori": "Försörjningsstöd",
            "inkom": "2026-11-21"},
        3: {"anvandarnamn": "handlaggare", "losenord": "hemligt", "personnummer": GOOD[1],
            "namn": "Björn Ängström", "belopp": "2450", "kategori": "Hyra",
            "inkom": "2026-11-22"},
    }


def test_a_comma_csv_without_bom_reads_quoted_amounts_whole(tmp_path: Path, bot: Bot) -> None:
    file = tmp_path / "arenden.csv"
    file.write_text("personnummer,namn,belopp,kategori,inkom\n"
                    f'{GOOD[0]},"Öberg, Åsa","5600,50",El,2026-11-21\n', encoding="utf-8")

    [row] = read_cases(file, bot, PASSWORD).rows

    assert row.values is not None
    assert row.values["namn"] == "Öberg, Åsa"
    assert row.values["belopp"] == "5600,50"


def test_column_names_ignore_letter_case_and_surrounding_spaces(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, " PERSONNUMMER ; Namn;belopp ;KATEGORI;Inkom",
                     f" {GOOD[0]} ; Åsa Öberg ;100;El;2026-11-21")

    [row] = read_cases(file, bot, PASSWORD).rows

    assert row.values is not None
    assert row.values["personnummer"] == GOOD[0]
    assert row.values["namn"] == "Åsa Öberg"


def test_a_missing_column_is_named_together_with_the_file(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;inkom", f"{GOOD[0]};Åsa Öberg;2026-11-21")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.path == file
    assert (raised.value.row, raised.value.line, raised.value.columns) == (None, None, ())
    assert str(raised.value) == (f"{file}: no column for belopp, kategori "
                                 "(the file's columns: personnummer, namn, inkom)")


def test_a_bad_personnummer_names_its_row_and_the_other_rows_still_run(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path,
                     "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21",
                     f"{BAD_CHECKSUM};Märta Sjöberg;200;El;2026-11-21",
                     f"{GOOD[2]};Jonas Ek;300;El;2026-11-21")

    data = read_cases(file, bot, PASSWORD)

    reason = "is not a valid personnummer: the check digit (the last one) does not match"
    assert [row.problem for row in data.problems] == [
        f"row 3: column personnummer: '{BAD_CHECKSUM}' {reason}"]
    assert data.problems[0].problems == [RowProblem(3, reason, column="personnummer",
                                                    value=BAD_CHECKSUM)]
    assert data.problems[0].values is None
    assert [row.number for row in data.cases] == [2, 4]


def test_every_problem_of_a_row_is_named_at_once(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};;mycket;Bostad;21/11 2026")

    [row] = read_cases(file, bot, PASSWORD).rows

    assert row.values is None
    assert row.problem is not None
    assert row.problem.startswith("row 2: column namn is empty; ")
    assert "column belopp: 'mycket' is not a number" in row.problem
    assert "column kategori: 'Bostad' is not one of Försörjningsstöd, Hyra, El" in row.problem
    assert "column inkom: '21/11 2026' is not a date" in row.problem
    assert [(p.row, p.column, p.value) for p in row.problems] == [
        (2, "namn", None), (2, "belopp", "mycket"), (2, "kategori", "Bostad"),
        (2, "inkom", "21/11 2026")]


def test_an_empty_cell_of_a_parameter_with_a_default_gives_the_default(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "anvandarnamn;personnummer;namn;belopp;kategori;inkom",
                     f";{GOOD[0]};Åsa Öberg;100;El;2026-11-21",
                     f"vikarie;{GOOD[1]};Björn Ek;100;El;2026-11-21")

    data = read_cases(file, bot, PASSWORD)

    assert [values["anvandarnamn"] for values in values_by_row(data).values()] == [
        "handlaggare", "vikarie"]


def test_xlsx_numbers_and_dates_become_what_a_caseworker_would_type(
        tmp_path: Path, bot: Bot) -> None:
    file = workbook(tmp_path,
                    ["personnummer", "namn", "belopp", "kategori", "inkom"],
                    [GOOD[0], "Åsa Öberg", 4500, "El", datetime.date(2026, 11, 21)],
                    [GOOD[1], "Björn Ek", 4500.0, "Hyra", datetime.datetime(2026, 11, 22)],
                    [GOOD[2], "Märta Sjöberg", 5600.5, "El", "2026-11-23"],
                    [GOOD[0], "Anna Ek", 0.1 + 0.2, "El", datetime.datetime(2026, 11, 24)])

    data = read_cases(file, bot, PASSWORD)

    assert data.problems == []
    typed = {number: (values["belopp"], values["inkom"])
             for number, values in values_by_row(data).items()}
    assert typed == {2: ("4500", "2026-11-21"), 3: ("4500", "2026-11-22"),
                     4: ("5600,5", "2026-11-23"), 5: ("0,3", "2026-11-24")}


def test_a_time_of_day_in_a_cell_is_kept_for_a_text_parameter(tmp_path: Path) -> None:
    bot = Bot("Bokning", parameters=[Parameter("tid"), Parameter("antal", "number")])
    file = workbook(tmp_path, ["tid", "antal"],
                    [datetime.datetime(2026, 11, 21, 14, 30), 3],
                    [datetime.time(9, 15), 12])

    data = read_cases(file, bot)

    assert values_by_row(data) == {2: {"tid": "2026-11-21 14:30", "antal": "3"},
                                   3: {"tid": "09:15", "antal": "12"}}


def test_a_named_sheet_is_read_and_an_unknown_one_lists_the_sheets(
        tmp_path: Path, bot: Bot) -> None:
    file = workbook(tmp_path, ["personnummer", "namn", "belopp", "kategori", "inkom"],
                    [GOOD[0], "Åsa Öberg", 100, "El", "2026-11-21"],
                    sheet="Ärenden", before="Instruktioner")

    data = read_cases(file, bot, PASSWORD, sheet="Ärenden")
    assert [row.number for row in data.cases] == [2]

    with pytest.raises(DataFileError, match=r"has no sheet 'November'.*Instruktioner, Ärenden") \
            as raised:
        read_cases(file, bot, PASSWORD, sheet="November")
    assert raised.value.where() is None


def test_a_password_column_is_refused(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom;Losenord",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21;hemligt")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.columns == ("Losenord",)
    assert raised.value.reason.startswith("holds a password (secret parameter losenord)")
    message = str(raised.value)
    assert message.startswith(f"{file}: column Losenord holds a password")
    assert "--param losenord=" in message


def test_a_password_given_neither_way_is_asked_for_on_the_command_line(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    with pytest.raises(ParameterError, match=r"parameter losenord needs a value \(--param") \
            as raised:
        read_cases(file, bot)
    assert (raised.value.parameter, raised.value.value) == ("losenord", None)


def test_blank_rows_are_skipped_and_row_numbers_stay_those_a_person_sees(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path,
                     "personnummer;namn;belopp;kategori;inkom",
                     "",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21",
                     ";;;;",
                     " ; ; ;;",
                     f"{BAD_CHECKSUM};Jonas Ek;100;El;2026-11-21",
                     "")

    data = read_cases(file, bot, PASSWORD)

    assert [row.number for row in data.rows] == [3, 6]
    assert data.rows[1].problem is not None and data.rows[1].problem.startswith("row 6:")
    assert [problem.row for problem in data.rows[1].problems] == [6]


def test_blank_rows_in_a_workbook_keep_excel_row_numbers(tmp_path: Path, bot: Bot) -> None:
    file = workbook(tmp_path,
                    ["personnummer", "namn", "belopp", "kategori", "inkom"],
                    [GOOD[0], "Åsa Öberg", 100, "El", "2026-11-21"],
                    [None, None, None, None, None],
                    [],
                    [GOOD[1], "Björn Ek", 100, "El", "2026-11-21"])

    assert [row.number for row in read_cases(file, bot, PASSWORD).rows] == [2, 5]


def test_a_value_over_two_lines_keeps_the_next_rows_line_number(tmp_path: Path) -> None:
    bot = Bot("Brev", parameters=[Parameter("personnummer", "personnummer"),
                                  Parameter("fritext")])
    file = excel_csv(tmp_path, "personnummer;fritext",
                     f'{GOOD[0]};"Rad ett\r\nrad två"',
                     f"{BAD_CHECKSUM};Kort")

    data = read_cases(file, bot)

    assert data.rows[0].values == {"personnummer": GOOD[0], "fritext": "Rad ett\r\nrad två"}
    assert data.rows[1].problem is not None and data.rows[1].problem.startswith("row 4:")


def test_fixed_values_satisfy_a_parameter_without_a_column(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;2026-11-21")

    data = read_cases(file, bot, {"losenord": "hemligt", "kategori": "Hyra"})

    assert [values["kategori"] for values in values_by_row(data).values()] == ["Hyra"]


def test_a_fixed_value_of_the_wrong_type_is_refused_before_reading(
        tmp_path: Path, bot: Bot) -> None:
    with pytest.raises(ParameterError, match="parameter kategori: 'Bostad' is not one of") \
            as raised:
        read_cases(tmp_path / "finns-inte.csv", bot, {**PASSWORD, "kategori": "Bostad"})
    assert (raised.value.parameter, raised.value.value) == ("kategori", "Bostad")
    assert raised.value.reason == "is not one of Försörjningsstöd, Hyra, El"


def test_a_fixed_value_for_a_parameter_the_bot_lacks_names_the_ones_it_has(
        tmp_path: Path) -> None:
    bot = Bot("Brev", parameters=[Parameter("namn"), Parameter("datum", "date")])
    with pytest.raises(UnknownParameterError) as raised:
        read_cases(tmp_path / "arenden.csv", bot, {"nman": "Åsa"})
    assert (raised.value.parameter, raised.value.known) == ("nman", ["namn", "datum"])
    assert str(raised.value) == "the bot has no parameter 'nman' (it has: namn, datum)"


def test_a_column_and_a_fixed_value_for_one_parameter_is_refused(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    with pytest.raises(DataFileError, match=r"column kategori .* also given with --param") \
            as raised:
        read_cases(file, bot, {**PASSWORD, "kategori": "Hyra"})
    assert raised.value.columns == ("kategori",)


def test_two_columns_for_one_parameter_are_both_named(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;Namn;belopp;kategori;inkom;namn ",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21;Åsa")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.columns == ("Namn", "namn")
    assert str(raised.value) == f"{file}: columns Namn and namn both give parameter namn; keep one"


def test_extra_columns_are_listed_as_ignored(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "Löpnummer;personnummer;namn;belopp;kategori;inkom;Anteckning",
                     f"1;{GOOD[0]};Åsa Öberg;100;El;2026-11-21;ring först")

    data = read_cases(file, bot, PASSWORD)

    assert data.ignored_columns == ["Löpnummer", "Anteckning"]
    assert data.cases[0].values is not None
    assert "Anteckning" not in data.cases[0].values


def test_a_row_shifted_by_an_unquoted_delimiter_is_not_misread(
        tmp_path: Path, bot: Bot) -> None:
    file = tmp_path / "arenden.csv"
    file.write_text("personnummer,namn,belopp,kategori,inkom\n"
                    f"{GOOD[0]},Åsa Öberg,5600,50,El,2026-11-21\n", encoding="utf-8")

    [row] = read_cases(file, bot, PASSWORD).rows

    assert row.values is None
    assert row.problem is not None
    assert row.problem.startswith("row 2: has 6 values but the header names 5 columns")
    assert (row.problems[0].row, row.problems[0].column) == (2, None)


def test_a_csv_saved_in_the_old_windows_encoding_is_refused_naming_the_line(
        tmp_path: Path, bot: Bot) -> None:
    file = tmp_path / "arenden.csv"
    file.write_bytes("personnummer;namn;belopp;kategori;inkom\r\n"
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21\r\n".encode("cp1252"))

    with pytest.raises(DataFileError, match=r"line 2 is not UTF-8 text.*CSV UTF-8") as raised:
        read_cases(file, bot, PASSWORD)
    assert (raised.value.line, raised.value.row) == (2, None)


def test_a_cell_too_long_for_a_csv_reader_names_its_line(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21",
                     f"{GOOD[1]};{'x' * 200_000};100;El;2026-11-21")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.line == 3
    assert str(raised.value).startswith(f"{file}: line 3 cannot be read as CSV: field larger")


def test_a_first_row_of_data_instead_of_headings_is_explained(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    with pytest.raises(DataFileError, match="row 1 is not a header row") as raised:
        read_cases(file, bot, PASSWORD)
    assert raised.value.row == 1
    assert raised.value.reason.startswith("is not a header row")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("tom.csv", b"\xef\xbb\xbf\r\n;;\r\n", "is empty"),
        ("arenden.xls", b"\xd0\xcf\x11\xe0", "old Excel format"),
        ("arenden.pdf", b"%PDF-1.7", "neither a CSV file"),
        ("arenden.xlsx", b"personnummer;namn\r\n", "is not an Excel workbook"),
    ],
    ids=["empty", "old-excel", "pdf", "csv-named-xlsx"],
)
def test_a_file_that_cannot_hold_cases_says_why(tmp_path: Path, bot: Bot, name: str,
                                                content: bytes, said: str) -> None:
    file = tmp_path / name
    file.write_bytes(content)

    with pytest.raises(DataFileError, match=said) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.path == file
    assert raised.value.where() is None
    assert str(raised.value) == f"{file}: {raised.value.reason}"


def test_a_missing_file_is_named(tmp_path: Path, bot: Bot) -> None:
    with pytest.raises(DataFileError, match=r"finns-inte\.xlsx: cannot be read"):
        read_cases(tmp_path / "finns-inte.xlsx", bot, PASSWORD)


# ---------------------------------------------------------------- whatever a caseworker types

def is_number(text: str) -> bool:
    try:
        typed_number(text)
    except ValueError:
        return False
    return True


cell_texts = st.text(st.characters(exclude_categories=("Cs", "Cc"))
                     | st.sampled_from(["\n", "\r", " ", ";", ",", '"']), max_size=10)
amounts = st.one_of(cell_texts, st.integers(-10**6, 10**6).map(str),
                    st.from_regex(r" ?-?\d{1,5},\d{1,2} ?", fullmatch=True))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell_texts, amounts), min_size=1, max_size=6))
def test_every_row_either_runs_with_its_values_or_names_its_bad_cells(
        tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    bot = Bot("Utbetalning", parameters=[Parameter("namn"), Parameter("belopp", "number")])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["namn", "belopp"])
    writer.writerows(rows)
    file = tmp_path / "utbetalningar.csv"
    file.write_bytes(buffer.getvalue().encode("utf-8-sig"))

    data = read_cases(file, bot)

    filled = [(name.strip(), amount.strip()) for name, amount in rows
              if name.strip() or amount.strip()]
    assert len(data.rows) == len(filled)
    assert [row.number for row in data.rows] == sorted({row.number for row in data.rows})
    for row, (name, amount) in zip(data.rows, filled, strict=True):
        expected: list[tuple[str, str | None]] = []
        if not name:
            expected.append(("namn", None))
        if not amount:
            expected.append(("belopp", None))
        elif not is_number(amount):
            expected.append(("belopp", amount))
        if not expected:
            assert row.values == {"namn": name, "belopp": typed_number(amount)}
            continue
        assert row.values is None
        assert [(p.column, p.value) for p in row.problems] == expected
        assert all(p.row == row.number for p in row.problems)
        assert row.problem is not None and row.problem.startswith(f"row {row.number}: column ")
        assert len(row.problem.splitlines()) == 1
