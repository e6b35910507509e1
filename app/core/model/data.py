"""Case data for a bot run: one case per row of a CSV file or an Excel workbook.

The first non-blank row names the columns; each column whose name is a parameter's name (letter
case and surrounding spaces do not matter) gives that parameter's value for every case. Problems
with the whole file (unreadable, empty, a required column missing, a password column) raise
``DataFileError`` before anything runs. A problem in one row (an empty required cell, a value its
parameter's type refuses) is kept on that row only, so the other cases can still be worked
through and the caseworker gets a list of the rows to fix.

Rules for reading:

- CSV is UTF-8, with or without the byte-order mark Excel writes. The delimiter is ';' when the
  header line holds more semicolons than commas (Swedish Excel), else ','.
- XLSX is read from the first worksheet, or the one named. Cells become the text a caseworker
  would type: whole numbers without decimals ("4500", not "4500.0"), other numbers with a decimal
  comma ("5600,5"), dates as ISO ("2026-11-21"), a date and time as "2026-11-21 14:30".
- Surrounding spaces in every value are dropped: a stray space in a cell is never meant to be
  typed into a case system.
- Row numbers are those a person sees: Excel's row numbers, or the line in a text editor, so
  the header is normally row 1 and the first case row 2.
- An empty cell in the column of a parameter with a default gives the default.
- Secret parameters (passwords) may not come from a column, since spreadsheets are copied and
  mailed around; they are given on the command line instead.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.model.bot import Bot, Parameter
from app.core.model.botfile import one_line
from app.core.model.params import ParameterError, UnknownParameterError, check_value

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Excel shows at most 15 significant digits; more would type binary rounding noise.
SIGNIFICANT_DIGITS = 15

Table = list[tuple[int, list[str]]]


class DataFileError(Exception):
    """A data file that cannot be used at all; the message names the file and what to fix.

    ``path`` is the file; the place in it, when there is one, is ``row`` (a row number as a
    person sees it, see above), ``line`` (a line of a CSV file as a text editor counts it, for
    problems found before the text is split into rows) or ``columns`` (column headings as the
    file writes them, usually one). ``reason`` says what is wrong, of that place when there is
    one ("is not a header row"), else of the file ("is empty").
    """

    def __init__(self, path: Path, reason: str, *, row: int | None = None,
                 line: int | None = None, columns: tuple[str, ...] = ()) -> None:
        # Both in args, so the error survives pickling (the rest is in __dict__).
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.row = row
        self.line = line
        self.columns = columns

    def where(self) -> str | None:
        """'row 1', 'line 2', 'column Namn', 'columns Namn and namn', or None for the file."""
        if self.row is not None:
            return f"row {self.row}"
        if self.line is not None:
            return f"line {self.line}"
        if len(self.columns) == 1:
            return f"column {self.columns[0]}"
        if self.columns:
            return f"columns {', '.join(self.columns[:-1])} and {self.columns[-1]}"
        return None

    def __str__(self) -> str:
        where = self.where()
        return one_line(f"{self.path}: {where + ' ' if where else ''}{self.reason}")


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be run: one cell, or the row as a whole.

    ``row`` is the row number as a person sees it; ``column`` the column heading as the file
    writes it (None when the problem is the whole row); ``value`` the value refused, if any;
    ``reason`` what is wrong, said of the value when there is one ("is not a number"), else of
    the column or the row ("is empty").
    """

    row: int
    reason: str
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        """What is wrong, as said after the row's number: "column namn is empty"."""
        subject = f"column {self.column}" if self.column is not None else None
        if self.value is not None:
            subject = f"{subject}: {self.value!r}" if subject else repr(self.value)
        return one_line(f"{subject} {self.reason}" if subject else self.reason)


@dataclass
class CaseRow:
    """One case: its row number as a person sees it, and either its values or its problems.

    ``values`` holds every parameter of the bot (from the row, else the fixed values, else the
    defaults), checked by type and ready to hand to the player; it is None when ``problems``
    say why this row cannot be run.
    """

    number: int
    values: dict[str, str] | None
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def problem(self) -> str | None:
        """Every problem of the row in one line ("row 3: column namn is empty; …"), or None."""
        if not self.problems:
            return None
        return f"row {self.number}: " + "; ".join(str(problem) for problem in self.problems)


@dataclass
class CaseData:
    """What was read from a data file.

    ``columns`` are the parameter names the file gives values for, in the file's column order;
    ``ignored_columns`` are the file's column headings that name no parameter, as written.
    """

    file: Path
    rows: list[CaseRow]
    columns: list[str]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def cases(self) -> list[CaseRow]:
        """The rows that can be run."""
        return [row for row in self.rows if row.values is not None]

    @property
    def problems(self) -> list[CaseRow]:
        """The rows that cannot be run, each saying why."""
        return [row for row in self.rows if row.problems]


@dataclass(frozen=True)
class _Column:
    index: int
    heading: str
    parameter: Parameter


def read_cases(file: Path, bot: Bot, fixed: dict[str, str] | None = None, *,
               sheet: str | None = None) -> CaseData:
    """Read one case per row of ``file`` (CSV or XLSX) for ``bot``.

    ``fixed`` are values given for every case (``--param`` on the command line, e.g. the
    password); they are checked once, and a bad or unknown one raises ``ParameterError``, as does
    a secret parameter with neither a fixed value nor a default. ``sheet`` names the worksheet of
    a workbook; the first one is read without it.
    """
    file = Path(file)
    fixed = dict(fixed or {})
    _check_fixed(bot, fixed)
    suffix = file.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        table = _xlsx_table(file, sheet)
        strict_width = False
    elif suffix in CSV_SUFFIXES:
        if sheet is not None:
            raise DataFileError(file, f"is a CSV file, which has no sheet {sheet!r}")
        table = _csv_table(file)
        # In a CSV file a value beyond the header usually means an unquoted delimiter shifted
        # the row, so every later value would land in the wrong field.
        strict_width = True
    elif suffix == ".xls":
        raise DataFileError(file, "is in the old Excel format (.xls); in Excel, save it as "
                                  "'Excel-arbetsbok (.xlsx)' or 'CSV UTF-8'")
    else:
        raise DataFileError(file, "is neither a CSV file (.csv) nor an Excel workbook (.xlsx)")

    filled = [(number, cells) for number, cells in table if not _is_blank(cells)]
    if not filled:
        raise DataFileError(file, "is empty; the first row must name the columns")
    header_number, header = filled[0]
    columns, ignored = _match_columns(file, bot, fixed, header_number, header)
    width = len(header) if strict_width else None
    rows = [_case_row(bot, fixed, columns, number, cells, width=width)
            for number, cells in filled[1:]]
    return CaseData(file=file, rows=rows, columns=[c.parameter.name for c in columns],
                    ignored_columns=ignored)


def _check_fixed(bot: Bot, fixed: dict[str, str]) -> None:
    known = {p.name for p in bot.parameters}
    unknown = sorted(set(fixed) - known)
    if unknown:
        raise UnknownParameterError(unknown[0], [p.name for p in bot.parameters])
    for parameter in bot.parameters:
        if parameter.name in fixed:
            fixed[parameter.name] = check_value(parameter, fixed[parameter.name])
        elif parameter.type == "secret" and parameter.default is None:
            raise ParameterError(parameter.name, f"needs a value (--param {parameter.name}=…); "
                                                 "a password is never read from a data file")


def _match_columns(file: Path, bot: Bot, fixed: dict[str, str], header_number: int,
                   header: list[str]) -> tuple[list[_Column], list[str]]:
    by_name = {p.name.casefold(): p for p in bot.parameters}
    columns: list[_Column] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(header):
        heading = cell.strip()
        if not heading:
            continue
        parameter = by_name.get(heading.casefold())
        if parameter is None:
            ignored.append(heading)
            continue
        if parameter.type == "secret":
            raise DataFileError(file, f"holds a password (secret parameter {parameter.name}); "
                                      "passwords in spreadsheets leak, so delete the column and "
                                      f"give --param {parameter.name}=… when the robot starts",
                                columns=(heading,))
        if parameter.name in seen:
            raise DataFileError(file, f"both give parameter {parameter.name}; keep one",
                                columns=(seen[parameter.name], heading))
        if parameter.name in fixed:
            raise DataFileError(file, f"gives parameter {parameter.name}, which was also given "
                                      "with --param; remove one of them", columns=(heading,))
        seen[parameter.name] = heading
        columns.append(_Column(index, heading, parameter))

    given = set(seen) | set(fixed)
    missing = [p.name for p in bot.parameters if p.default is None and p.name not in given]
    if not missing:
        return columns, ignored
    if not columns:
        expected = ", ".join(p.name for p in bot.parameters
                             if p.type != "secret" and p.name not in fixed)
        raise DataFileError(file, "is not a header row: none of its cells names a parameter; "
                                  f"the first row must name the columns ({expected})",
                            row=header_number)
    present = ", ".join(cell.strip() for cell in header if cell.strip())
    raise DataFileError(file, f"no column for {', '.join(missing)} (the file's columns: "
                              f"{present})")


def _case_row(bot: Bot, fixed: dict[str, str], columns: list[_Column], number: int,
              cells: list[str], *, width: int | None) -> CaseRow:
    problems: list[RowProblem] = []
    if width is not None and any(cell.strip() for cell in cells[width:]):
        problems.append(RowProblem(number, f"has {len(cells)} values but the header names "
                                           f"{width} columns; a value that holds the delimiter "
                                           "must be in quotes"))
    from_row: dict[str, str] = {}
    for column in columns:
        parameter = column.parameter
        value = cells[column.index].strip() if column.index < len(cells) else ""
        if not value:
            if parameter.default is None:
                problems.append(RowProblem(number, "is empty", column=column.heading))
                continue
            value = parameter.default
        try:
            from_row[parameter.name] = check_value(parameter, value)
        except ParameterError as error:
            problems.append(RowProblem(number, error.reason, column=column.heading,
                                       value=error.value))
    if problems:
        return CaseRow(number=number, values=None, problems=problems)
    values: dict[str, str] = {}
    for parameter in bot.parameters:
        if parameter.name in from_row:
            values[parameter.name] = from_row[parameter.name]
        elif parameter.name in fixed:
            values[parameter.name] = fixed[parameter.name]
        elif parameter.default is not None:
            values[parameter.name] = parameter.default
    return CaseRow(number=number, values=values)


def _is_blank(cells: Iterable[str]) -> bool:
    return not any(cell.strip() for cell in cells)


# --- CSV -------------------------------------------------------------------------------------


def _csv_table(file: Path) -> Table:
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise DataFileError(file, f"cannot be read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise DataFileError(file, "is not UTF-8 text; in Excel, save the file as "
                                  "'CSV UTF-8 (kommaavgränsad)'", line=line) from None
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: Table = []
    # A quoted value may span lines, so a row starts on the line after the previous row ended.
    next_line = 1
    try:
        for cells in reader:
            table.append((next_line, cells))
            next_line = reader.line_num + 1
    except csv.Error as error:
        raise DataFileError(file, f"cannot be read as CSV: {error}",
                            line=reader.line_num) from None
    return table


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_table(file: Path, sheet: str | None) -> Table:
    # openpyxl ships no type information; what is used of it is typed at the boundary here.
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    damaged = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, EOFError)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except OSError as error:
        raise DataFileError(file, f"cannot be read: {error.strerror or error}") from None
    except damaged:
        raise DataFileError(file, "is not an Excel workbook (.xlsx), or it is damaged") from None
    try:
        names: list[str] = [worksheet.title for worksheet in workbook.worksheets]
        if not names:
            raise DataFileError(file, "has no worksheet")
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise DataFileError(file, f"has no sheet {sheet!r} (its sheets: {', '.join(names)})")
        # Read-only mode trusts the size the writing program declared, which some programs get
        # wrong; forgetting it makes openpyxl read every row there is.
        worksheet.reset_dimensions()
        rows: Iterable[tuple[object, ...]] = worksheet.iter_rows(values_only=True)
        try:
            return [(number, [cell_text(value) for value in row])
                    for number, row in enumerate(rows, start=1)]
        except damaged:
            raise DataFileError(file, "is damaged: its cells cannot be read") from None
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """A spreadsheet cell's value as the text a caseworker would type for it."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, f".{SIGNIFICANT_DIGITS}g").replace(".", ",")
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    return str(value)
