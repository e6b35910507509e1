"""Case data for a bot run: one case per row of a CSV file or an Excel workbook.

A header row names the columns; a column gives a parameter's values when its heading is the
parameter's name or its label, letter case, spaces and a unit in brackets aside (``Belopp
(kr)`` gives ``belopp``). The header is the first row that names a parameter among the first
five rows that hold anything, so a title row above it is skipped. Problems with the whole file
(unreadable, too large, empty, a required column missing, a password column) raise
``DataFileError`` before anything runs. A problem in one row (an empty required cell, a value
its parameter's type refuses) is kept on that row only, so the other cases can still be worked
through and the caseworker gets a list of the rows to fix.

Rules for reading (the readers, ``csvtext`` and ``workbook``, say how each format is read):

- Surrounding spaces in every value are dropped: a stray space in a cell is never meant to be
  typed into a case system.
- Row numbers are those a person sees: Excel's row numbers, or the line in a text editor, so
  the header is normally row 1 and the first case row 2.
- An empty cell in the column of a parameter with a default gives the default.
- Secret parameters (passwords) may not come from a column, since spreadsheets are copied and
  mailed around; they are given on the command line instead.
- Values are checked by their parameter's type and handed on as the robot will type them
  (``6 300,00 kr`` becomes ``6300,00``; see ``values``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from app.core.model.bot import Bot, Parameter
from app.core.model.csvtext import read_csv
from app.core.model.limits import FileRefusedError, abbreviate, one_line, read_regular_file
from app.core.model.params import ParameterError, UnknownParameterError, check_value
from app.core.model.tables import (
    HEADER_SEARCH_ROWS,
    MAX_FILE_BYTES,
    DataFileError,
    Table,
    TableRow,
    is_blank,
)
from app.core.model.workbook import cell_text, read_workbook

__all__ = [
    "CSV_SUFFIXES",
    "XLSX_SUFFIXES",
    "CaseData",
    "CaseRow",
    "DataFileError",
    "RowProblem",
    "cell_text",
    "heading_key",
    "parameters_to_ask",
    "read_cases",
    "read_table",
]

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

_UNIT = re.compile(r"[(\[][^()\[\]]*[)\]]\s*$")
# A '?' next to a letter: what Excel writes for a letter its Windows-1252 export cannot hold.
_REPLACED_LETTER = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be run (or, as a note, what to double-check): one cell or the row.

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
            quoted = abbreviate(self.value)
            subject = f"{subject}: {quoted}" if subject else quoted
        return one_line(f"{subject} {self.reason}" if subject else self.reason)


@dataclass
class CaseRow:
    """One case: its row number as a person sees it, and either its values or its problems.

    ``values`` holds every parameter of the bot (from the row, else the fixed values, else the
    defaults), checked by type and ready to hand to the player; it is None when ``problems``
    say why this row cannot be run. ``notes`` are things to double-check that do not stop the
    row.
    """

    number: int
    values: dict[str, str] | None
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    @property
    def problem(self) -> str | None:
        """Every problem of the row in one line ("row 3: column namn is empty; …"), or None."""
        if not self.problems:
            return None
        return one_line(f"row {self.number}: "
                        + "; ".join(str(problem) for problem in self.problems))


@dataclass
class CaseData:
    """What was read from a data file.

    ``columns`` are the parameter names the file gives values for, in the file's column order,
    and ``headings`` the heading each came from, as written; ``ignored_columns`` are the file's
    column headings that name no parameter, as written. ``read_as`` says how the file was read
    ("Windows-1252, semicolon-separated"); ``header_row`` is the header's row number and
    ``title_rows`` the rows above it that were skipped.
    """

    file: Path
    rows: list[CaseRow]
    columns: list[str]
    ignored_columns: list[str] = field(default_factory=list)
    read_as: str = ""
    header_row: int = 1
    title_rows: list[int] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)

    @property
    def cases(self) -> list[CaseRow]:
        """The rows that can be run."""
        return [row for row in self.rows if row.values is not None]

    @property
    def problems(self) -> list[CaseRow]:
        """The rows that cannot be run, each saying why."""
        return [row for row in self.rows if row.problems]

    def describe(self) -> str:
        """How the file was read, for a summary: "Windows-1252, semicolon-separated, 20 cases"."""
        count = len(self.rows)
        return f"{self.read_as}, {count:,} case{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class _Column:
    index: int
    heading: str
    parameter: Parameter


def read_cases(file: Path, bot: Bot, fixed: dict[str, str] | None = None, *,
               sheet: str | None = None, need_secrets: bool = True) -> CaseData:
    """Read one case per row of ``file`` (CSV or XLSX) for ``bot``.

    ``fixed`` are values given for every case (``--param`` on the command line, e.g. the
    password); they are checked once, and a bad or unknown one raises ``ParameterError``, as does
    a secret parameter with neither a fixed value nor a default, unless ``need_secrets`` is off
    (a check that sends no input needs no password). ``sheet`` names the worksheet of a
    workbook; the first visible one is read without it.
    """
    file = Path(file)
    fixed = dict(fixed or {})
    _check_fixed(bot, fixed, need_secrets=need_secrets)
    keys = _heading_keys(bot)
    table = read_table(file, sheet, is_heading=lambda cell: heading_key(cell) in keys)
    filled = [row for row in table.rows if row.unusable or not is_blank(row.cells)]
    if not filled:
        raise DataFileError(file, "is empty; the first row must name the columns")
    header_at = next((index for index, row in enumerate(filled[:HEADER_SEARCH_ROWS])
                      if any(heading_key(cell) in keys for cell in row.cells)), None)
    if header_at is None:
        expected = ", ".join(p.name for p in bot.parameters
                             if p.type != "secret" and p.name not in fixed)
        raise DataFileError(file, "is not a header row: none of the first rows names a "
                                  f"parameter; the first row must name the columns ({expected})",
                            row=filled[0].number)
    header = filled[header_at]
    columns, ignored = _match_columns(file, bot, keys, fixed, header.cells)
    width = len(header.cells) if table.strict_width else None
    rows = [_case_row(bot, fixed, columns, row, width=width, lossy=table.lossy_encoding)
            for row in filled[header_at + 1:]]
    return CaseData(file=file, rows=rows, columns=[c.parameter.name for c in columns],
                    ignored_columns=ignored, read_as=table.read_as, header_row=header.number,
                    title_rows=[row.number for row in filled[:header_at]],
                    headings={c.parameter.name: c.heading for c in columns})


def parameters_to_ask(bot: Bot, columns: Collection[str]) -> list[Parameter]:
    """What must be asked for before a run over a data file with these ``columns``: the
    parameters it does not give and that have no default, and every secret it does not give
    (a password belongs in no file)."""
    return [parameter for parameter in bot.parameters
            if parameter.name not in columns
            and (parameter.type == "secret" or parameter.default is None)]


def read_table(file: Path, sheet: str | None = None, *,
               is_heading: Callable[[str], bool] | None = None) -> Table:
    """The rows of ``file`` that hold anything, read by its kind (CSV or XLSX).

    ``is_heading`` tells a column heading the caller expects (see ``csvtext.read_csv``).
    """
    suffix = file.suffix.lower()
    if suffix == ".xls":
        raise DataFileError(file, "is in the old Excel format (.xls); in Excel, save it as "
                                  "'Excel-arbetsbok (.xlsx)' or 'CSV UTF-8'")
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES:
        raise DataFileError(file, "is neither a CSV file (.csv) nor an Excel workbook (.xlsx)")
    if suffix in CSV_SUFFIXES and sheet is not None:
        raise DataFileError(file, f"is a CSV file, which has no sheet {abbreviate(sheet)}")
    try:
        raw = read_regular_file(file, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise DataFileError(file, "cannot be read: there is no such file") from None
    except FileRefusedError as error:
        raise DataFileError(file, str(error)) from None
    if suffix in XLSX_SUFFIXES:
        return read_workbook(file, raw, sheet)
    return read_csv(file, raw, is_heading)


def heading_key(heading: str) -> str:
    """What a heading says, for matching: no letter case, no spaces, no unit in brackets."""
    return "".join(_UNIT.sub("", heading).split()).casefold()


def _heading_keys(bot: Bot) -> dict[str, Parameter]:
    """Heading key -> parameter: by name, and by label where the label is not ambiguous."""
    keys = {heading_key(p.name): p for p in bot.parameters}
    by_label: dict[str, list[Parameter]] = {}
    for parameter in bot.parameters:
        if parameter.label.strip():
            by_label.setdefault(heading_key(parameter.label), []).append(parameter)
    for key, parameters in by_label.items():
        if key and key not in keys and len(parameters) == 1:
            keys[key] = parameters[0]
    keys.pop("", None)
    return keys


def _check_fixed(bot: Bot, fixed: dict[str, str], *, need_secrets: bool) -> None:
    known = {p.name for p in bot.parameters}
    unknown = sorted(set(fixed) - known)
    if unknown:
        raise UnknownParameterError(unknown[0], [p.name for p in bot.parameters])
    for parameter in bot.parameters:
        if parameter.name in fixed:
            fixed[parameter.name] = check_value(parameter, fixed[parameter.name])
        elif parameter.type == "secret" and parameter.default is None and need_secrets:
            raise ParameterError(parameter.name, "needs a value (a password, kept in the "
                                                 "keyring); it is never read from a data file")


def _match_columns(file: Path, bot: Bot, keys: dict[str, Parameter], fixed: dict[str, str],
                   header: list[str]) -> tuple[list[_Column], list[str]]:
    columns: list[_Column] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(header):
        heading = cell.strip()
        if not heading:
            continue
        parameter = keys.get(heading_key(heading))
        if parameter is None:
            ignored.append(heading)
            continue
        if parameter.type == "secret":
            raise DataFileError(file, f"holds a password (secret parameter {parameter.name}); "
                                      "passwords in spreadsheets leak, so delete the column; the "
                                      "robot asks for it once and keeps it in the keyring",
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
    missing = [p.name for p in bot.parameters
               if p.default is None and p.type != "secret" and p.name not in given]
    if missing:
        present = ", ".join(cell.strip() for cell in header if cell.strip())
        raise DataFileError(file, f"no column for {', '.join(missing)} (the file's columns: "
                                  f"{present})")
    return columns, ignored


def _case_row(bot: Bot, fixed: dict[str, str], columns: list[_Column], row: TableRow, *,
              width: int | None, lossy: bool) -> CaseRow:
    number, cells = row.number, row.cells
    problems: list[RowProblem] = []
    notes: list[RowProblem] = []
    if width is not None and any(cell.strip() for cell in cells[width:]):
        problems.append(RowProblem(number, f"has {len(cells)} values but the header names "
                                           f"{width} columns; a value that holds the delimiter "
                                           "must be in quotes"))
    from_row: dict[str, str] = {}
    for column in columns:
        parameter = column.parameter
        if column.index in row.unusable:
            problems.append(RowProblem(number, row.unusable[column.index],
                                       column=column.heading))
            continue
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
            continue
        if lossy and _REPLACED_LETTER.search(value):
            notes.append(RowProblem(number, "has a '?' where Excel may have dropped a letter "
                                            "Windows-1252 lacks (such as ı or ł); check it, or "
                                            "save the file as 'CSV UTF-8'",
                                    column=column.heading, value=value))
    if problems:
        return CaseRow(number=number, values=None, problems=problems, notes=notes)
    values: dict[str, str] = {}
    for parameter in bot.parameters:
        if parameter.name in from_row:
            values[parameter.name] = from_row[parameter.name]
        elif parameter.name in fixed:
            values[parameter.name] = fixed[parameter.name]
        elif parameter.default is not None:
            values[parameter.name] = parameter.default
    return CaseRow(number=number, values=values, notes=notes)

