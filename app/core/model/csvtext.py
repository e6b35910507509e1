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

The delimiter (``;``, ``,`` or tab) is found by ``csv.Sniffer`` on the first lines, checked
against the header when the caller knows which headings to expect (the data rows can mislead
the sniffer; the header cannot). A file whose header is a single heading has one column,
whatever its values hold: the comma in ``6 300,00`` must not split a one-column amount list.
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
    MAX_VALUES,
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
    delimiter, one_column = choose_delimiter(text, is_heading)
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
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        before = raw[:error.start].decode("cp1252", errors="replace")
        raise DataFileError(path, f"is neither UTF-8 nor Windows-1252 text (byte "
                                  f"0x{raw[error.start]:02X}); save it again as 'CSV UTF-8'",
                            line=_line_at(before, len(before))) from None
    if _UTF8_LATIN_LETTER.search(raw):
        before = raw[:not_utf8.start].decode("utf-8", errors="replace")
        raise DataFileError(path, "mixes UTF-8 with Windows-1252 text (this line is the first "
                                  "that is not UTF-8); save it again from Excel",
                            line=_line_at(before, len(before)))
    return text, "Windows-1252"


def _line_at(text: str, index: int) -> int:
    """The line of ``text[index]`` as a text editor counts it (CRLF, LF and CR each end one)."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _first_lines(text: str) -> str:
    lines = (line for line in io.StringIO(text[:SNIFF_CHARS * 4], newline=None)
             if line.strip())
    return "".join(islice(lines, SNIFF_LINES))[:SNIFF_CHARS]


def choose_delimiter(text: str, is_heading: Callable[[str], bool] | None = None
                     ) -> tuple[str, bool]:
    """The delimiter to split ``text`` by (``;``, ``,`` or tab), and whether the file has one
    column only (the delimiter then is one the first lines never use, so values stay whole).

    With ``is_heading``, the candidate under which the header names the most known headings
    wins: csv.Sniffer alone can be misled by the data rows (a quoted ``",`` reads as a comma
    delimiter), but the header says how the file is meant to be split.
    """
    sample = _first_lines(text)
    candidates = _sniffed_order(sample)
    best, header = candidates[0], None
    if is_heading is not None:
        best_count = 0
        for delimiter in candidates:
            count, line = _header_under(sample, delimiter, is_heading)
            if count > best_count:
                best, best_count, header = delimiter, count, line
    one_column = best not in (header if header is not None else sample)
    if one_column:
        best = next((d for d in DELIMITERS if d not in sample), best)
    return best, one_column


def _sniffed_order(sample: str) -> list[str]:
    """The candidates, most likely first: csv.Sniffer's pick, then by the lines holding each."""
    lines = sample.splitlines()
    # Most lines holding it; a tie goes to the one Swedish Excel writes.
    order = sorted(DELIMITERS, key=lambda d: (-sum(d in line for line in lines),
                                              DELIMITERS.index(d)))
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return order
    return [sniffed, *(d for d in order if d != sniffed)]


def _header_under(sample: str, delimiter: str,
                  is_heading: Callable[[str], bool]) -> tuple[int, str | None]:
    """How many known headings the header holds when split by ``delimiter``, and its line."""
    for line in sample.splitlines()[:HEADER_SEARCH_ROWS]:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        count = sum(1 for cell in cells if is_heading(cell))
        if count:
            return count, line
    return 0, None


def _rows(path: Path, text: str, delimiter: str) -> list[TableRow]:
    # Counted before splitting: one line of 30 million delimiters would otherwise become a
    # list of 30 million empty values before any row could be refused.
    if text.count(delimiter) > MAX_VALUES:
        raise DataFileError(path, f"has more than {MAX_VALUES:,} values (counting empty "
                                  "ones); split it into smaller files")
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
