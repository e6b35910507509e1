"""A data file read into rows of text: the shape both readers (CSV, XLSX) hand to ``data``.

Also the limits of what is read and the error a file that cannot be used raises, so that every
way a file can be broken ends in one ``DataFileError`` that names the file and the place.

The limits are set so that a month's case list (about 900 applications in the largest
municipality) is far inside them, a list of 20,000 cases still reads in about a second, and the
worst a damaged or hostile file can cost stays within about two seconds and a few hundred
megabytes on a two-core office machine (``robotfabrik bench data`` measures both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.model.limits import one_line

MAX_FILE_BYTES = 32 * 1024 * 1024
# A robot takes half a minute to a minute a case: 20,000 cases are two weeks of its time.
MAX_ROWS = 20_000
MAX_COLUMNS = 1_000
MAX_CELLS = 400_000
# Cells read at all, empty ones too (Excel writes a formatted empty cell, CSV a padded row).
MAX_VALUES = 2 * MAX_CELLS
# A title, a date line and a blank line above the header are common; a sixth row is data.
HEADER_SEARCH_ROWS = 5
# Excel's own limits: a row or column past them is a damaged file, not a big one.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384


class DataFileError(Exception):
    """A data file that cannot be used at all; the message names the file and what to fix.

    ``path`` is the file; the place in it, when there is one, is ``row`` (a row number as a
    person sees it: Excel's row number, or the line in a text editor), ``line`` (a line of a CSV
    file as a text editor counts it, for problems found before the text is split into rows) or
    ``columns`` (column headings as the file writes them, usually one). ``reason`` says what is
    wrong, of that place when there is one ("is not a header row"), else of the file
    ("is empty").
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
            return f"row {self.row:,}"
        if self.line is not None:
            return f"line {self.line:,}"
        if len(self.columns) == 1:
            return f"column {self.columns[0]}"
        if self.columns:
            return f"columns {', '.join(self.columns[:-1])} and {self.columns[-1]}"
        return None

    def __str__(self) -> str:
        where = self.where()
        return one_line(f"{self.path}: {where + ' ' if where else ''}{self.reason}")


@dataclass
class TableRow:
    """One row that holds something: its number as a person sees it and its cells' text.

    ``unusable`` maps a cell's index to why its text cannot stand for a value (a formula that
    failed, or whose result was never saved), so the row's case can name it instead of typing
    ``#N/A``.
    """

    number: int
    cells: list[str]
    unusable: dict[int, str] = field(default_factory=dict)


@dataclass
class Table:
    """What a reader found: the rows that hold anything, and how the file was read.

    ``read_as`` says it the way a caseworker would check it: "Windows-1252, semicolon-separated"
    or "sheet Ärenden". ``strict_width`` is set for CSV, where a value past the header's last
    column usually means an unquoted delimiter shifted the row.
    """

    rows: list[TableRow]
    read_as: str
    strict_width: bool = False
    # What a caseworker may want to double-check, though nothing stops the run: a '?' that
    # Excel writes for a letter Windows-1252 lacks.
    lossy_encoding: bool = False


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)
