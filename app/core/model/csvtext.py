"""Reading a CSV file the way Excel saves it, into rows of text.

Excel on a Swedish or Danish Windows saves "CSV (semikolonavgränsad)" in Windows-1252 with
semicolons and CRLF, "CSV UTF-8" with a byte-order mark, and "Unicodetext" as UTF-16 with a
byte-order mark and tabs. All of them are read as saved.

The encoding is decided in a fixed order, not guessed: a byte-order mark says it outright;
without one, text that is valid UTF-8 is UTF-8 (Windows-1252 text with å, ä or ö is practically
never valid UTF-8); anything else is read as Windows-1252, the only other encoding Excel writes
here. A statistical detector (charset-normalizer 3.5) was measured on the shipped example saved
from Swedish Excel and on short Swedish and Danish files: it called them Windows-1250 (``Søren``
becomes ``Sřren``) or Big5 (``Åsa`` becomes ``彎a``), so it would misread exactly the files this
module exists for, and cost 70 ms where the fixed order costs under 3.

The delimiter (``;``, ``,`` or tab) is found by ``csv.Sniffer`` on the first lines; when it
cannot decide (a title row above the header), the delimiter found on most of those lines is
taken. A file whose header is a single heading has one column, whatever its values hold: the
comma in ``6 300,00`` must not split a one-column amount list in two.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from app.core.model.tables import (
    EXCEL_ROWS,
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    DataFileError,
    Table,
    TableRow,
    is_blank,
)

DELIMITERS = ";,\t"
DELIMITER_NAMES = {";": "semicolon-separated", ",": "comma-separated", "\t": "tab-separated"}
# csv.Sniffer's patterns take time that grows with the square of the sample on some inputs
# (0.3 s for 16 KB of ';"'); the first lines of a real file are enough to tell.
SNIFF_LINES = 20
SNIFF_CHARS = 8_192

_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# å ä ö æ ø é … written as UTF-8; in Windows-1252 the same bytes read 'Ã¥', which no Swedish
# or Danish text holds. Found in a file that is not valid UTF-8, they mean two encodings mixed.
_UTF8_LATIN_LETTER = re.compile(rb"\xc3[\x80-\xbf]")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_csv(path: Path, raw: bytes, is_heading: Callable[[str], bool] | None = None) -> Table:
    """The rows of the CSV file ``path`` whose bytes are ``raw``; DataFileError if unusable.

    ``is_heading`` tells a column heading the caller knows, so that a header line holding one
    heading and no delimiter is read as one column.
    """
    if raw.startswith(_XLSX_MAGIC):
        raise DataFileError(path, "is an Excel workbook, not CSV text; rename it to .xlsx")
    if raw.startswith(_OLE_MAGIC):
        raise DataFileError(path, "is an Excel file in the old format (.xls) or with a "
                                  "password, not CSV text; in Excel, save it as 'CSV UTF-8'")
    text, encoding = _decode(path, raw)
    nul = text.find("\x00")
    if nul >= 0:
        raise DataFileError(path, "holds a NUL character, so it is not text as Excel saves "
                                  "it; save it again as 'CSV UTF-8'", line=_line_at(text, nul))
    delimiter = sniff_delimiter(text)
    sample = _first_lines(text)
    one_column = delimiter not in sample or (
        is_heading is not None and _header_is_one_heading(sample, delimiter, is_heading))
    if one_column:
        # A delimiter the first lines never use, so the values stay whole.
        delimiter = next((d for d in DELIMITERS if d not in sample), delimiter)
    rows = _rows(path, text, delimiter)
    how = "one column" if one_column else DELIMITER_NAMES[delimiter]
    return Table(rows=rows, read_as=f"{encoding}, {how}", strict_width=True,
                 lossy_encoding=encoding == "Windows-1252")


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding, as a caseworker knows it."""
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            body = raw[len(mark):]
            try:
                return body.decode(codec), name
            except UnicodeDecodeError as error:
                before = body[:error.start].decode(codec, errors="replace")
                raise DataFileError(path, f"is not {name} text, though it begins with the "
                                          f"mark of {name}; save it again from Excel",
                                    line=_line_at(before, len(before))) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        not_utf8 = error
    if _UTF8_LATIN_LETTER.search(raw):
        before = raw[:not_utf8.start].decode("utf-8", errors="replace")
        raise DataFileError(path, "mixes UTF-8 with Windows-1252 text (this line is the first "
                                  "that is not UTF-8); save it again from Excel",
                            line=_line_at(before, len(before)))
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        before = raw[:error.start].decode("cp1252", errors="replace")
        raise DataFileError(path, f"is neither UTF-8 nor Windows-1252 text (byte "
                                  f"0x{raw[error.start]:02X}); save it again as 'CSV UTF-8'",
                            line=_line_at(before, len(before))) from None


def _line_at(text: str, index: int) -> int:
    """The line of ``text[index]`` as a text editor counts it (CRLF, LF and CR each end one)."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _first_lines(text: str) -> str:
    lines = (line for line in io.StringIO(text[:SNIFF_CHARS * 4], newline=None)
             if line.strip())
    return "".join(islice(lines, SNIFF_LINES))[:SNIFF_CHARS]


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one the file's first lines are separated by."""
    sample = _first_lines(text)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    lines = sample.splitlines()
    # Most lines holding it; a tie goes to the one Swedish Excel writes.
    return max(DELIMITERS, key=lambda d: (sum(d in line for line in lines), -DELIMITERS.index(d)))


def _header_is_one_heading(sample: str, delimiter: str,
                           is_heading: Callable[[str], bool]) -> bool:
    """Whether the first of the first lines that holds a known heading is that heading alone."""
    for line in sample.splitlines()[:HEADER_SEARCH_ROWS]:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if any(is_heading(cell) for cell in cells):
            return delimiter not in line
    return False


def _rows(path: Path, text: str, delimiter: str) -> list[TableRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[TableRow] = []
    cells_read = 0
    # A quoted value may span lines, so a row starts on the line after the previous row ended.
    next_line = 1
    try:
        for count, cells in enumerate(reader, start=1):
            if count > EXCEL_ROWS:
                raise DataFileError(path, f"has more lines than an Excel sheet has rows "
                                          f"({EXCEL_ROWS:,})", line=next_line)
            if not is_blank(cells):
                if len(rows) == MAX_ROWS:
                    raise DataFileError(path, f"has more than {MAX_ROWS:,} rows with values; "
                                              "split it into smaller files", line=next_line)
                if len(cells) > MAX_COLUMNS:
                    raise DataFileError(path, f"has {len(cells):,} values, more than the "
                                              f"{MAX_COLUMNS:,} columns a data file may have",
                                        line=next_line)
                cells_read += len(cells)
                if cells_read > MAX_CELLS:
                    raise DataFileError(path, f"has more than {MAX_CELLS:,} cells; split it "
                                              "into smaller files", line=next_line)
                rows.append(TableRow(next_line, cells))
            next_line = reader.line_num + 1
    except csv.Error as error:
        reason = str(error)
        if reason.startswith("field larger than field limit"):
            reason = (f"a value is longer than {csv.field_size_limit():,} characters "
                      "(a quote that is never closed?)")
        raise DataFileError(path, f"cannot be read as CSV: {reason}", line=next_line) from None
    return rows
