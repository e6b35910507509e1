"""Case data files as caseworkers make them: CSV from Swedish Excel and XLSX workbooks."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from app.core.model.bot import Bot, Parameter
from app.core.model.data import CaseData, DataFileError, RowProblem, read_cases
from app.core.model.params import ParameterError, UnknownParameterError
from app.core.model.tables import (
    EXCEL_ROWS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_VALUES,
)
from app.core.model.values import typed_number
from app.core.model.workbook import MAX_PART_BYTES
from tests.data.samples import (
    FOLDER as SAMPLE_FOLDER,
)
from tests.data.samples import (
    MAIN,
    SAMPLES,
    STYLE_DATE,
    ExcelError,
    Formula,
    SheetSpec,
    Styled,
    case_workbook,
    case_workbook_sheets,
    write_samples,
    xlsx_parts,
    zipped,
)

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

    reason = "is not a valid personnummer: its checksum (the last digit) does not match"
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
    assert "keyring" in message and "--param" not in message


def test_a_password_given_neither_way_is_said_to_come_from_the_keyring(
        tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    with pytest.raises(ParameterError, match=r"parameter losenord needs a value \(a password, "
                                             r"kept in the keyring\)") as raised:
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


def test_a_csv_saved_in_the_old_windows_encoding_is_read_as_saved(
        tmp_path: Path, bot: Bot) -> None:
    file = tmp_path / "arenden.csv"
    file.write_bytes("personnummer;namn;belopp;kategori;inkom\r\n"
                     f"{GOOD[0]};Åsa Öberg;6\u00a0300,00;Försörjningsstöd;2026-11-21\r\n"
                     .encode("cp1252"))

    data = read_cases(file, bot, PASSWORD)

    assert data.describe() == "Windows-1252, semicolon-separated, 1 case"
    assert data.cases[0].values is not None
    assert data.cases[0].values["namn"] == "Åsa Öberg"
    assert data.cases[0].values["belopp"] == "6300,00"


def test_a_cell_too_long_for_a_csv_reader_names_its_line(tmp_path: Path, bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21",
                     f"{GOOD[1]};{'x' * 200_000};100;El;2026-11-21")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.line == 3
    assert str(raised.value) == (f"{file}: line 3 cannot be read as CSV: a value is longer "
                                 "than 131,072 characters (a quote that is never closed?)")


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


# ---------------------------------------------------------------------------------- as saved

SAMPLE_BOT = Bot("Ansökan", parameters=[
    Parameter("personnummer", "personnummer", label="Personnummer"),
    Parameter("namn", label="Namn"),
    Parameter("belopp", "number", label="Belopp (kr)"),
    Parameter("kategori", "choice", label="Kategori",
              choices=["Försörjningsstöd", "Hyra", "El", "Läkarvård", "Tandvård", "Glasögon"]),
])
SAMPLE_NAMES = ["Åsa Öberg", "Björn Ångström", "Märta Sjöberg", "Søren Ærø", "Ömer Yıldız"]
SAMPLE_AMOUNTS = ["6300,00", "2450,50", "1234,50", "12500,00", "980,00"]


def test_the_sample_files_are_what_their_function_writes(tmp_path: Path) -> None:
    remade = {file.name: file.read_bytes() for file in write_samples(tmp_path)}
    for name, data in remade.items():
        kept = (SAMPLE_FOLDER / name).read_bytes()
        if name.endswith(".xlsx"):
            # Compared part by part: the packing of the same parts may differ between zlibs.
            assert unpacked(kept) == unpacked(data), name
        else:
            assert kept == data, name


def unpacked(workbook_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        return {entry.filename: archive.read(entry) for entry in archive.infolist()}


@pytest.mark.parametrize(
    ("name", "read_as", "first_row", "names"),
    [
        ("arenden-semikolon.csv", "Windows-1252, semicolon-separated", 4,
         [*SAMPLE_NAMES[:4], "Ömer Y?ld?z"]),
        ("arenden-unicodetext.txt", "UTF-16, tab-separated", 2, SAMPLE_NAMES),
        ("arenden-dansk-utf8.csv", "UTF-8, semicolon-separated", 2, SAMPLE_NAMES),
    ],
    ids=["swedish-excel-csv", "unicodetext", "danish-csv-utf8"],
)
def test_a_case_list_saved_from_excel_in_any_of_its_text_formats_reads_the_same(
        name: str, read_as: str, first_row: int, names: list[str]) -> None:
    data = read_cases(SAMPLE_FOLDER / name, SAMPLE_BOT)

    assert data.describe() == f"{read_as}, 5 cases"
    assert data.problems == []
    assert [row.number for row in data.rows] == list(range(first_row, first_row + 5))
    assert [values["namn"] for values in values_by_row(data).values()] == names
    assert [values["belopp"] for values in values_by_row(data).values()] == SAMPLE_AMOUNTS
    assert data.headings["belopp"] == "Belopp (kr)"


def test_a_title_row_above_the_labels_is_skipped_and_extra_columns_are_named(
        ) -> None:
    data = read_cases(SAMPLE_FOLDER / "arenden-semikolon.csv", SAMPLE_BOT)

    assert (data.header_row, data.title_rows) == (3, [1])
    assert data.columns == ["personnummer", "namn", "belopp", "kategori"]
    assert data.ignored_columns == ["Hemkommun", "Inkom", "Anteckning"]


def test_a_letter_windows_1252_lacks_is_noted_for_checking_but_does_not_stop_the_row() -> None:
    data = read_cases(SAMPLE_FOLDER / "arenden-semikolon.csv", SAMPLE_BOT)

    [row] = [row for row in data.rows if row.notes]
    assert row.values is not None
    assert [str(note) for note in row.notes] == [
        "column Namn: 'Ömer Y?ld?z' has a '?' where Excel may have dropped a letter "
        "Windows-1252 lacks (such as ı or ł); check it, or save the file as 'CSV UTF-8'"]


def test_a_workbook_gives_formula_values_reads_merged_headings_once_and_skips_hidden_sheets(
        ) -> None:
    data = read_cases(SAMPLE_FOLDER / "arenden.xlsx", SAMPLE_BOT)

    assert data.describe() == "Excel workbook, sheet Ärenden, 5 cases"
    assert (data.header_row, data.title_rows) == (3, [1])
    assert data.ignored_columns == ["Hyra", "El", "Inkom"]
    assert data.problems == []
    assert [values["namn"] for values in values_by_row(data).values()] == SAMPLE_NAMES
    assert [values["belopp"] for values in values_by_row(data).values()] == [
        "6300", "2450,5", "1234,5", "12500", "980"]


def test_the_sample_workbook_is_one_another_program_reads_the_same_way() -> None:
    book = load_workbook(SAMPLE_FOLDER / "arenden.xlsx", data_only=True)
    assert [(sheet.title, sheet.sheet_state) for sheet in book.worksheets] == [
        ("Koder", "hidden"), ("Ärenden", "visible")]
    cases = book["Ärenden"]
    assert {str(area) for area in cases.merged_cells.ranges} == {"A1:H1", "E3:F3"}
    assert [cell.value for cell in cases[4]][:5] == [
        "19830309-4562", "Åsa Öberg", 5040.0, 1260.0, 6300.0]


def test_a_sheet_is_chosen_by_name_and_a_hidden_one_is_refused_with_the_visible_ones(
        tmp_path: Path) -> None:
    file = tmp_path / "arenden.xlsx"
    file.write_bytes((SAMPLE_FOLDER / "arenden.xlsx").read_bytes())

    assert read_cases(file, SAMPLE_BOT, sheet="ärenden").read_as == \
        "Excel workbook, sheet Ärenden"
    with pytest.raises(DataFileError) as raised:
        read_cases(file, SAMPLE_BOT, sheet="Koder")
    assert str(raised.value) == (f"{file}: has sheet 'Koder' hidden; show it in Excel first, "
                                 "or choose one of: Ärenden")
    with pytest.raises(DataFileError) as raised:
        read_cases(file, SAMPLE_BOT, sheet="December")
    assert str(raised.value) == f"{file}: has no sheet 'December' (its sheets: Ärenden)"


def write_workbook(folder: Path, *sheets: SheetSpec, date1904: bool = False) -> Path:
    file = folder / "arenden.xlsx"
    file.write_bytes(zipped(xlsx_parts(list(sheets), date1904=date1904)))
    return file


def test_a_failed_formula_or_one_saved_without_its_value_names_its_cell_instead_of_typing(
        tmp_path: Path) -> None:
    file = write_workbook(tmp_path, SheetSpec("Blad1", [
        ["namn", "belopp"],
        ["Åsa Öberg", Formula("VLOOKUP(A2,Koder!A:B,2,0)", None)],
        ["Björn Ek", ExcelError("#N/A")],
        ["Märta Ek", Formula("100*2", 200.0)],
    ]))
    bot = Bot("Utbetalning", parameters=[Parameter("namn"), Parameter("belopp", "number")])

    data = read_cases(file, bot)

    assert [row.problem for row in data.rows] == [
        "row 2: column belopp holds a formula whose result was not saved; open the file in "
        "Excel and save it again",
        "row 3: column belopp holds Excel's error '#N/A' (from a formula that failed)",
        None,
    ]
    assert data.rows[2].values == {"namn": "Märta Ek", "belopp": "200"}


def test_dates_in_a_workbook_from_a_mac_count_from_1904(tmp_path: Path) -> None:
    day = datetime.date(2026, 11, 21)
    file = write_workbook(tmp_path, SheetSpec("Blad1", [
        ["inkom"], [Styled(float((day - datetime.date(1904, 1, 1)).days), STYLE_DATE)]]),
        date1904=True)

    data = read_cases(file, Bot("Brev", parameters=[Parameter("inkom", "date")]))

    assert values_by_row(data) == {2: {"inkom": "2026-11-21"}}


@pytest.mark.parametrize(
    "heading",
    ["Belopp (kr)", "belopp", "BELOPP", " Belopp ", "Belopp(kr)", "Belopp [SEK]",
     "Bel opp", "Belopp\u00a0(kr)"],
)
def test_a_column_matches_by_name_or_label_whatever_the_case_spaces_or_unit(
        tmp_path: Path, heading: str) -> None:
    bot = Bot("Utbetalning", parameters=[Parameter("belopp", "number", label="Belopp (kr)")])
    file = excel_csv(tmp_path, heading, "6 300,00 kr")

    data = read_cases(file, bot)

    assert data.headings == {"belopp": heading.strip()}
    assert values_by_row(data) == {2: {"belopp": "6300,00"}}


def test_a_label_two_parameters_share_matches_neither(tmp_path: Path) -> None:
    bot = Bot("Två datum", parameters=[Parameter("fran", "date", label="Datum"),
                                       Parameter("till", "date", label="Datum")])
    file = excel_csv(tmp_path, "Datum;fran;till", "x;2026-11-01;2026-11-30")

    data = read_cases(file, bot)

    assert data.ignored_columns == ["Datum"]
    assert values_by_row(data) == {2: {"fran": "2026-11-01", "till": "2026-11-30"}}


def test_a_header_below_the_fifth_row_is_not_searched_for(tmp_path: Path, bot: Bot) -> None:
    lines = [f"Anteckning {n}" for n in range(1, 6)]
    file = excel_csv(tmp_path, *lines, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, PASSWORD)

    assert raised.value.row == 1
    assert "none of the first rows names a parameter" in str(raised.value)


def test_a_check_without_a_password_reads_the_file_all_the_same(tmp_path: Path,
                                                                 bot: Bot) -> None:
    file = excel_csv(tmp_path, "personnummer;namn;belopp;kategori;inkom",
                     f"{GOOD[0]};Åsa Öberg;100;El;2026-11-21")

    data = read_cases(file, bot, need_secrets=False)

    assert data.cases[0].values is not None
    assert "losenord" not in data.cases[0].values


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("namn;ort\r\nÅsa;Malmö\r\n".encode() + "Björn;Lund\r\n".encode("cp1252"),
         "line 3 mixes UTF-8 with Windows-1252 text (this line is the first that is not "
         "UTF-8)"),
        (b"namn\r\n\x81sa\r\n", "line 2 is neither UTF-8 nor Windows-1252 text (byte 0x81)"),
        ("namn\r\nÅsa\r\n".encode("utf-16-le"), "line 1 holds a NUL character"),
        (b"\xff\xfe" + "namn\r\n".encode("utf-16-le") + b"\x00\xd8",
         "line 2 is not UTF-16 text, though it begins with the mark of UTF-16"),
        (b"PK\x03\x04rest", "is an Excel workbook, not CSV text; rename it to .xlsx"),
    ],
    ids=["mixed", "undefined-byte", "utf16-without-mark", "broken-utf16", "zip"],
)
def test_text_in_no_encoding_excel_writes_is_refused_naming_the_line(
        tmp_path: Path, content: bytes, said: str) -> None:
    file = tmp_path / "arenden.csv"
    file.write_bytes(content)

    with pytest.raises(DataFileError) as raised:
        read_cases(file, Bot("Brev", parameters=[Parameter("namn")]))

    assert said in str(raised.value)


# ---------------------------------------------------------------------------------- broken files

def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(file): (file.read_bytes(), file.stat().st_mtime_ns)
            for file in sorted(folder.rglob("*")) if file.is_file()}


def refusal(file: Path, bot: Bot = SAMPLE_BOT, sheet: str | None = None) -> str:
    """The one line a broken file gets; and a check that reading it changed nothing."""
    before = snapshot(file.parent)
    with pytest.raises(DataFileError) as raised:
        read_cases(file, bot, sheet=sheet)
    assert snapshot(file.parent) == before
    message = str(raised.value)
    assert message.startswith(f"{file}: ")
    assert len(message.splitlines()) == 1 and len(message) <= 300
    return message[len(f"{file}: "):]


def sample_parts() -> dict[str, bytes]:
    return xlsx_parts(case_workbook_sheets())


def with_part(folder: Path, name: str, change: Callable[[bytes], bytes],
              file_name: str = "arenden.xlsx") -> Path:
    parts = sample_parts()
    parts[name] = change(parts[name])
    file = folder / file_name
    file.write_bytes(zipped(parts))
    return file


CASES_SHEET = "xl/worksheets/sheet2.xml"


def test_a_workbook_cut_off_inside_a_part_is_named_as_damaged(tmp_path: Path) -> None:
    file = with_part(tmp_path, CASES_SHEET, lambda xml: xml[:len(xml) // 2])

    assert refusal(file).startswith(
        "is damaged: its part 'xl/worksheets/sheet2.xml' is not well-formed XML (")


def test_a_workbook_whose_zip_is_cut_off_is_named_as_damaged(tmp_path: Path) -> None:
    file = tmp_path / "arenden.xlsx"
    file.write_bytes(case_workbook()[:1500])

    assert refusal(file) == "is not an Excel workbook (.xlsx), or it is damaged"


def test_an_empty_fill_style_that_crashed_openpyxl_does_not_matter(tmp_path: Path) -> None:
    file = with_part(tmp_path, "xl/styles.xml", lambda xml: xml.replace(
        b'<fill><patternFill patternType="none"/></fill>', b"<fill/>"))

    assert len(read_cases(file, SAMPLE_BOT).cases) == 5


def test_a_shared_text_past_the_end_names_its_cell(tmp_path: Path) -> None:
    file = with_part(tmp_path, CASES_SHEET, lambda xml: re.sub(
        rb'<c r="B5" t="s"><v>\d+</v>', b'<c r="B5" t="s"><v>4711</v>', xml))

    assert refusal(file) == ("is damaged: cell B5 refers to shared text '4711', but the "
                             "workbook holds 21")


def test_a_row_numbered_fifty_million_is_refused_without_making_room_for_it(
        tmp_path: Path) -> None:
    file = with_part(tmp_path, CASES_SHEET, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t>'
                         b"</is></c></row></sheetData>"))

    assert refusal(file) == ("row 50,000,000 lies past Excel's last row (1,048,576), so the "
                             "sheet is damaged")
    assert peak_memory(lambda: refusal(file)) < peak_memory(read_sample) + 1_000_000


def peak_memory(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_sample() -> CaseData:
    return read_cases(SAMPLE_FOLDER / "arenden.xlsx", SAMPLE_BOT)


def test_a_value_in_excels_last_row_is_read_without_room_for_the_rows_between(
        tmp_path: Path) -> None:
    file = with_part(tmp_path, CASES_SHEET, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is>'
                         b"<t>19830309-4562</t></is></c><c r=\"B1048576\" t=\"inlineStr\">"
                         b"<is><t>Sist</t></is></c></row></sheetData>"))

    data = read_cases(file, SAMPLE_BOT)

    assert data.rows[-1].number == 1_048_576
    assert peak_memory(lambda: read_cases(file, SAMPLE_BOT)) < \
        peak_memory(read_sample) + 1_000_000


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (b'<c r="ZZZ9" t="inlineStr"><is><t>x</t></is></c>',
         "is damaged: its cell ZZZ9 lies past Excel's last column, XFD"),
        (b'<c r="ALM9" t="inlineStr"><is><t>x</t></is></c>',
         "has a value in cell ALM9, past column ALL, the last of the 1,000 a data file may "
         "have"),
        (b'<c r="9A" t="inlineStr"><is><t>x</t></is></c>',
         "is damaged: its part 'xl/worksheets/sheet2.xml' names a cell '9A'"),
        (b'<c r="A9"><v>tusen</v></c>', "is damaged: cell A9 holds 'tusen' where a number "
                                        "belongs"),
    ],
    ids=["past-excel", "past-limit", "no-column", "text-as-number"],
)
def test_a_cell_excel_could_not_have_written_is_named(tmp_path: Path, cell: bytes,
                                                      said: str) -> None:
    file = with_part(tmp_path, CASES_SHEET, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="9">' + cell + b"</row></sheetData>"))

    assert refusal(file) == said


def test_entities_and_doctypes_are_refused_before_they_expand(tmp_path: Path) -> None:
    entities = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)]
    laughs = (f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(entities)}]>'
              f'<sst xmlns="{MAIN}"><si><t>&a9;</t></si></sst>').encode()
    file = with_part(tmp_path, "xl/sharedStrings.xml", lambda _: laughs)

    assert refusal(file) == ("is damaged: its part 'xl/sharedStrings.xml' declares a DOCTYPE, "
                             "which no workbook has")


def test_a_zip_bomb_is_refused_by_its_declared_size_before_it_is_unpacked(
        tmp_path: Path) -> None:
    padding = b" " * (MAX_PART_BYTES + 1)
    file = with_part(tmp_path, CASES_SHEET, lambda xml: xml.replace(
        b"</sheetData>", padding + b"</sheetData>"))
    assert len(file.read_bytes()) < 100_000

    assert refusal(file) == (f"is too large: its part 'xl/worksheets/sheet2.xml' unpacks to "
                             f"{MAX_PART_BYTES + 1 + len(sample_parts()[CASES_SHEET]):,} "
                             f"bytes, more than the {MAX_PART_BYTES:,} that are read")

    smaller = with_part(tmp_path, CASES_SHEET, lambda xml: xml.replace(
        b"</sheetData>", b" " * 4_000_000 + b"</sheetData>"), file_name="mindre.xlsx")
    assert refusal(smaller) == ("is refused: its part 'xl/worksheets/sheet2.xml' unpacks to "
                                "more than 200 times its packed size, as a zip bomb does")


def test_an_old_or_password_protected_workbook_says_how_to_save_it(tmp_path: Path) -> None:
    file = tmp_path / "arenden.xlsx"
    file.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))

    assert refusal(file) == ("is an old-format (.xls) or password-protected workbook; in "
                             "Excel, remove any password and save it as 'Excel-arbetsbok "
                             "(.xlsx)'")


def test_only_regular_files_of_bounded_size_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "mapp.csv"
    folder.mkdir()
    assert refusal(folder) == "is not a regular file"

    fifo = tmp_path / "kö.csv"
    os.mkfifo(fifo)
    assert refusal(fifo) == "is not a regular file"

    huge = tmp_path / "stor.csv"
    with huge.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert refusal(huge) == f"is larger than {MAX_FILE_BYTES:,} bytes"


def test_csv_files_past_the_limits_say_which_limit(tmp_path: Path) -> None:
    rows = tmp_path / "rader.csv"
    rows.write_bytes(b"namn\r\n" + b"x\r\n" * (MAX_ROWS + 1))
    assert refusal(rows) == (f"line {MAX_ROWS + 1:,} has more than {MAX_ROWS:,} rows with "
                             "values; split it into smaller files")

    wide = tmp_path / "bred.csv"
    wide.write_bytes(b"namn;" + b"x;" * MAX_COLUMNS + b"\r\n")
    assert refusal(wide) == (f"line 1 has {MAX_COLUMNS + 2:,} values, more than the "
                             f"{MAX_COLUMNS:,} columns a data file may have")

    delimiters = tmp_path / "semikolon.csv"
    delimiters.write_bytes(b"namn;personnummer\r\n" + b";" * MAX_VALUES)
    assert refusal(delimiters) == (f"has more than {MAX_VALUES:,} values (counting empty "
                                   "ones); split it into smaller files")

    blank = tmp_path / "tomma.csv"
    blank.write_bytes(b"\n" * (EXCEL_ROWS + 1))
    assert refusal(blank) == (f"line {EXCEL_ROWS + 1:,} has more lines than an Excel sheet "
                              f"has rows ({EXCEL_ROWS:,})")


# ---------------------------------------------------------------------------------- generated

def read_or_refuse(file: Path) -> None:
    """Whatever ``file`` holds, reading it gives cases or one plain line; nothing else."""
    before = snapshot(file.parent)
    try:
        data = read_cases(file, SAMPLE_BOT)
    except DataFileError as error:
        message = str(error)
        assert message.startswith(f"{file}: ")
        assert len(message.splitlines()) == 1 and len(message) <= 300
    else:
        for row in data.rows:
            for line in (row.problem, *map(str, row.notes)):
                assert line is None or (len(line.splitlines()) == 1 and len(line) <= 300)
    assert snapshot(file.parent) == before


GENERATED = settings(max_examples=80, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


@GENERATED
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_random_bytes_are_read_or_refused_in_one_line(tmp_path: Path, content: bytes,
                                                      suffix: str) -> None:
    file = tmp_path / f"slump{suffix}"
    file.write_bytes(content)
    read_or_refuse(file)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` cut short, with bytes flipped, inserted or removed, as a copy gone wrong."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["cut", "flip", "insert", "remove"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if operation == "cut":
            del data[at:]
        elif operation == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[at:at + draw(st.integers(1, 64))]
    return bytes(data)


@GENERATED
@given(data=st.data(), name=st.sampled_from(sorted(SAMPLES)))
def test_a_mutated_real_file_is_read_or_refused_in_one_line(tmp_path: Path, data: st.DataObject,
                                                            name: str) -> None:
    file = tmp_path / name
    file.write_bytes(data.draw(mutated(SAMPLES[name]())))
    read_or_refuse(file)


XML_DAMAGE = [
    "<", ">", "</", "/>", "&", "&amp;", "&#0;", '"', "'", "<c>", "</c>", "<row>", "</row>",
    '<row r="50000000">', '<row r="0">', '<row r="-1">', '<row r="x">', '<row r="1">',
    '<c r="XFD1">', '<c r="XFE1">', '<c r="A0">', '<c r="a1">', 't="s"', 't="e"', 't="d"',
    't="b"', 't="inlineStr"', 't="str"', 't="n"', 's="99999"', 's="-1"', 's="1"', "<v>",
    "</v>", "<v>99999999</v>", "<v>-1</v>", "<v>1e308</v>", "<v>1e999</v>", "<v>nan</v>",
    "<v>2958466</v>", "<v>-5</v>", "<v>٣</v>", "<f>A1</f>", "<is><t>x</t></is>", "<fill/>",
    "<xf/>", '<numFmt numFmtId="164" formatCode="yyyy"/>', "<!DOCTYPE x>",
    '<!ENTITY a "b">', "\x00", "\uffff", "_x0000_", "_xD800_", "_x00C5_", "<si>", "</si>",
    "<rPh><t>よみ</t></rPh>", '<sheet name="X" r:id="rId99"/>', 'state="hidden"',
    'state="veryHidden"', 'date1904="1"', 'Target="../../../etc/passwd"',
    'Target="/xl/worksheets/sheet9.xml"', 'TargetMode="External"',
    '<dimension ref="A1:XFD1048576"/>', "<mergeCell ref=\"A1:XFD1048576\"/>",
]


@st.composite
def damaged_xml(draw: st.DrawFn, original: bytes) -> bytes:
    text = original.decode("utf-8")
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(["insert", "replace", "cut"]))
        if operation == "cut":
            text = text[:at]
        else:
            token = draw(st.sampled_from(XML_DAMAGE) | st.text(max_size=6))
            end = at + (draw(st.integers(0, 20)) if operation == "replace" else 0)
            text = text[:at] + token + text[end:]
    return text.encode("utf-8", errors="surrogatepass")


@GENERATED
@given(data=st.data(), part=st.sampled_from(sorted(sample_parts())))
def test_a_workbook_with_a_damaged_xml_part_is_read_or_refused_in_one_line(
        tmp_path: Path, data: st.DataObject, part: str) -> None:
    parts = sample_parts()
    parts[part] = data.draw(damaged_xml(parts[part]))
    file = tmp_path / "arenden.xlsx"
    file.write_bytes(zipped(parts))
    read_or_refuse(file)


row_numbers = st.one_of(st.integers(-3, 2**40).map(str), st.text(max_size=4), st.none())
cell_references = st.one_of(st.from_regex(r"[A-Z]{1,4}[0-9]{0,12}", fullmatch=True),
                            st.text(max_size=4), st.none())
cell_values = st.one_of(st.integers(-10**20, 10**20).map(str), st.floats().map(repr),
                        st.text(max_size=8), st.none())


@st.composite
def absurd_sheet(draw: st.DrawFn) -> bytes:
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            attributes = ""
            reference = draw(cell_references)
            if reference is not None:
                attributes += f" r={quoteattr(reference)}"
            kind = draw(st.sampled_from(["", "s", "str", "inlineStr", "b", "e", "n", "d", "x"]))
            if kind:
                attributes += f' t="{kind}"'
            style = draw(st.one_of(st.none(), st.integers(-5, 10**12).map(str)))
            if style is not None:
                attributes += f" s={quoteattr(style)}"
            value = draw(cell_values)
            body = "" if value is None else (
                f"<is><t>{escape(value)}</t></is>" if kind == "inlineStr"
                else f"<v>{escape(value)}</v>")
            cells.append(f"<c{attributes}>{body}</c>")
        number = draw(row_numbers)
        attributes = "" if number is None else f" r={quoteattr(number)}"
        rows.append(f"<row{attributes}>{''.join(cells)}</row>")
    # Under a real header, so that whatever survives is also checked as a case.
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Personnummer</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Namn</t></is></c></row>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            f'<dimension ref="A1:XFD1048576"/><sheetData>{header}{"".join(rows)}</sheetData>'
            "</worksheet>").encode("utf-8", "surrogatepass")


@GENERATED
@given(sheet=absurd_sheet())
def test_a_sheet_of_absurd_rows_cells_and_values_is_read_or_refused_in_one_line(
        tmp_path: Path, sheet: bytes) -> None:
    parts = sample_parts()
    parts[CASES_SHEET] = sheet
    file = tmp_path / "arenden.xlsx"
    file.write_bytes(zipped(parts))
    read_or_refuse(file)


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


def test_the_benchmarks_case_list_is_what_swedish_excel_saves_and_all_of_it_runs(
        tmp_path: Path) -> None:
    from app.bench.data_bench import swedish_excel_csv
    from app.core import paths
    from app.core.model.botfile import load_bot

    file = tmp_path / "ansokningar.csv"
    file.write_bytes(swedish_excel_csv(200))

    data = read_cases(file, load_bot(paths.shipped_examples_dir() / "ekonomiskt-bistand"),
                      need_secrets=False)

    assert data.describe() == "Windows-1252, semicolon-separated, 200 cases"
    assert len(data.cases) == 200


def test_what_a_data_file_does_not_give_is_asked_for_and_a_password_always() -> None:
    from app.core.model.bot import Bot, Parameter
    from app.core.model.data import parameters_to_ask

    bot = Bot("b", parameters=[Parameter("pnr", "personnummer"), Parameter("namn"),
                               Parameter("handlaggare", default="anna"),
                               Parameter("losenord", "secret")])
    assert [p.name for p in parameters_to_ask(bot, ["pnr"])] == ["namn", "losenord"]
    assert [p.name for p in parameters_to_ask(bot, ["pnr", "namn", "losenord"])] == []
