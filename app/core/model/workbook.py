"""Reading one worksheet of an Excel workbook (.xlsx) into rows of text, within fixed bounds.

An .xlsx file is a zip of XML parts. This module reads only the parts a case list needs (the
workbook's sheet list, its relationships, shared texts, number formats, one worksheet) with
expat, one event at a time, and checks every size it is told before it acts on it:

- a part whose declared unpacked size or packing ratio is too large (a zip bomb) is refused
  before it is unpacked; a part that unpacks to more than it declared fails its checksum;
- a row or column number past Excel's own last one is a damaged file, refused at once, so a
  single cell in row 50,000,000 costs nothing (a reader that fills the rows in between, as
  openpyxl's read-only sheets do, allocates fifty million of them);
- a DOCTYPE, which no workbook has and which entity expansion attacks need, is refused.

openpyxl stays for what it does well and cannot be tricked by: knowing which number formats
are dates and turning Excel's day numbers into dates. Its loader is not used: it builds every
style object and raised TypeError on an empty ``<fill/>``, IndexError on a shared text past the
end and ParseError on a cut-off part, each of which must be one plain message instead.

What a cell becomes:

- the text a caseworker would type: whole numbers without decimals (``4500``), other numbers
  with a decimal comma (``5600,5``), dates as ISO (``2026-11-21``), a date and time as
  ``2026-11-21 14:30``;
- a formula gives the value Excel saved with it; an error value (``#N/A``) or a formula saved
  without its value is marked unusable, so its row names it instead of typing it;
- merged cells hold their value once, in their first cell, as Excel stores them;
- hidden sheets are never read: the first visible sheet is the default, and a hidden one
  named with ``--sheet`` is refused with the visible ones listed.
"""

from __future__ import annotations

import datetime
import io
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from xml.parsers import expat

from app.core.model.limits import abbreviate
from app.core.model.tables import (
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_VALUES,
    DataFileError,
    Table,
    TableRow,
)

# Excel shows at most 15 significant digits; more would type binary rounding noise.
SIGNIFICANT_DIGITS = 15
# A 20,000-row sheet of six columns unpacks to about 4.5 MB, of twenty columns to about 15 MB.
MAX_PART_BYTES = 16 * 1024 * 1024
# Real sheets pack 5-20 to 1 (a 10,000-row case list: 14); zip bombs pack a thousand to 1.
MAX_PACKING_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
READ_CHUNK = 64 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_XML_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Excel writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_).
_ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")

_VISIBLE = "visible"
_WORKSHEET_TYPE = "/worksheet"
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, RuntimeError, ValueError)


def read_workbook(path: Path, raw: bytes, sheet: str | None) -> Table:
    """The rows of one worksheet of the workbook ``path`` whose bytes are ``raw``.

    ``sheet`` names the worksheet (letter case aside); without it the first visible one is read.
    """
    if raw.startswith(_OLE_MAGIC):
        raise DataFileError(path, "is an old-format (.xls) or password-protected workbook; "
                                  "in Excel, remove any password and save it as "
                                  "'Excel-arbetsbok (.xlsx)'")
    if not raw.startswith(_ZIP_MAGIC):
        raise DataFileError(path, "is not an Excel workbook (.xlsx), or it is damaged")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (*_DAMAGED, UnicodeDecodeError):
        raise DataFileError(path, "is not an Excel workbook (.xlsx), or it is damaged") from None
    with archive:
        return _Workbook(path, archive).read(sheet)


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


def column_letters(index: int) -> str:
    """Excel's name of the 1-based column ``index``: 1 is A, 27 is AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _local(name: str) -> str:
    # Excel writes no prefix; other writers may (x:c). Namespaces are not compared, so both
    # Excel's usual one and Strict OOXML's are read.
    return name.rpartition(":")[2] if ":" in name else name


def _unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _ESCAPED_CHARACTER.sub(_escaped_character, text)


def _escaped_character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # Half a surrogate pair or NUL is no character anyone can type: such an escape stays as
    # written rather than reach a keyboard driver.
    if code == 0 or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)


def _iso_moment(value: str) -> str:
    """A date cell of Strict OOXML (ISO text) as a caseworker would type it."""
    try:
        return cell_text(datetime.datetime.fromisoformat(value.strip()))
    except ValueError:
        return value.strip()


class _Sheet:
    """A sheet as the workbook lists it."""

    def __init__(self, name: str, state: str, part: str | None, is_worksheet: bool) -> None:
        self.name = name
        self.state = state
        self.part = part
        self.is_worksheet = is_worksheet


class _Workbook:
    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        # Part names are compared without letter case, as the packaging standard says.
        self.members = {info.filename.casefold(): info for info in archive.infolist()}

    # --- the parts -------------------------------------------------------------------------

    def damaged(self, part: str, what: str) -> DataFileError:
        return DataFileError(self.path, f"is damaged: its part {abbreviate(part)} {what}")

    def has(self, part: str) -> bool:
        return part.casefold() in self.members

    @contextmanager
    def _opened(self, part: str) -> Iterator[IO[bytes]]:
        info = self.members.get(part.casefold())
        if info is None:
            raise self.damaged(part, "is missing")
        if info.file_size > MAX_PART_BYTES:
            raise DataFileError(self.path, f"is too large: its part {abbreviate(part)} unpacks "
                                           f"to {info.file_size:,} bytes, more than the "
                                           f"{MAX_PART_BYTES:,} that are read")
        if info.file_size > RATIO_CHECKED_FROM and \
                info.file_size > MAX_PACKING_RATIO * max(info.compress_size, 1):
            raise DataFileError(self.path, f"is refused: its part {abbreviate(part)} unpacks to "
                                           f"more than {MAX_PACKING_RATIO} times its packed "
                                           "size, as a zip bomb does")
        with self.archive.open(info) as stream:
            yield stream

    def parse(self, part: str, start: Callable[[str, dict[str, str]], None],
              end: Callable[[str], None] | None = None,
              text: Callable[[str], None] | None = None) -> None:
        """Run ``part`` through expat, calling back with element names as written.

        Names keep their prefix, if the writer used one (``x:c``); handlers take it off with
        ``_local``. Expat's own namespace processing is not used: namespaces are not compared
        anyway, and it would rewrite every name of every cell.
        """
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text

        def refuse_doctype(*_: object) -> None:
            raise self.damaged(part, "declares a DOCTYPE, which no workbook has")

        parser.StartDoctypeDeclHandler = refuse_doctype
        try:
            with self._opened(part) as stream:
                while chunk := stream.read(READ_CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise self.damaged(part, f"is not well-formed XML ({expat.ErrorString(error.code)}"
                                     f" at line {error.lineno})") from None
        except _DAMAGED as error:
            raise self.damaged(part, f"cannot be unpacked ({error})") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part) of ``part``, from its ``_rels`` file."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found

        def start(element: str, attributes: dict[str, str]) -> None:
            if _local(element) != "Relationship" or attributes.get("TargetMode") == "External":
                return
            target = attributes.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            found[attributes.get("Id", "")] = (attributes.get("Type", ""), resolved)

        self.parse(rels, start)
        return found

    # --- the workbook ----------------------------------------------------------------------

    def read(self, wanted: str | None) -> Table:
        main = next((target for kind, target in self.relationships("").values()
                     if kind.endswith("/officeDocument")), "xl/workbook.xml")
        if not self.has(main):
            raise DataFileError(self.path, "is not an Excel workbook (.xlsx): it has no "
                                           "workbook part")
        related = self.relationships(main)
        sheets, date1904 = self._sheets(main, related)
        chosen = self._choose(sheets, wanted)
        assert chosen.part is not None  # _choose only picks worksheets that have a part
        folder = posixpath.dirname(main)
        shared = next((t for k, t in related.values() if k.endswith("/sharedStrings")),
                      posixpath.join(folder, "sharedStrings.xml"))
        styles = next((t for k, t in related.values() if k.endswith("/styles")),
                      posixpath.join(folder, "styles.xml"))
        texts = self._shared_texts(shared) if self.has(shared) else []
        dates = self._date_styles(styles) if self.has(styles) else []
        reader = _SheetReader(self, chosen.part, texts, dates, date1904)
        self.parse(chosen.part, reader.start, reader.end, reader.text)
        return Table(rows=reader.rows, read_as=f"Excel workbook, sheet {chosen.name}")

    def _sheets(self, main: str, related: dict[str, tuple[str, str]]
                ) -> tuple[list[_Sheet], bool]:
        sheets: list[_Sheet] = []
        date1904 = [False]

        def start(element: str, attributes: dict[str, str]) -> None:
            element = _local(element)
            if element == "workbookPr":
                date1904[0] = attributes.get("date1904", "").lower() in ("1", "true")
            elif element == "sheet":
                # The relationship id is the one attribute named "id" with a prefix (r:id).
                rid = next((value for key, value in attributes.items()
                            if key.endswith(":id")), "")
                kind, part = related.get(rid, ("", None))
                sheets.append(_Sheet(attributes.get("name", ""),
                                     attributes.get("state", _VISIBLE), part,
                                     kind.endswith(_WORKSHEET_TYPE) and part is not None))

        self.parse(main, start)
        return sheets, date1904[0]

    def _choose(self, sheets: list[_Sheet], wanted: str | None) -> _Sheet:
        visible = [sheet for sheet in sheets if sheet.state == _VISIBLE and sheet.is_worksheet]
        names = ", ".join(sheet.name for sheet in visible)
        if wanted is None:
            if not visible:
                raise DataFileError(self.path, "has no visible worksheet")
            return visible[0]
        found = next((sheet for sheet in sheets if sheet.name == wanted), None) or \
            next((sheet for sheet in sheets if sheet.name.casefold() == wanted.casefold()), None)
        if found is None:
            raise DataFileError(self.path, f"has no sheet {abbreviate(wanted)} "
                                           f"(its sheets: {names or 'none'})")
        if found.state != _VISIBLE:
            raise DataFileError(self.path, f"has sheet {abbreviate(found.name)} hidden; show it "
                                           f"in Excel first, or choose one of: {names or 'none'}")
        if not found.is_worksheet:
            raise DataFileError(self.path, f"has sheet {abbreviate(found.name)}, but it holds a "
                                           f"chart, not cells (its sheets: {names or 'none'})")
        return found

    def _shared_texts(self, part: str) -> list[str]:
        texts: list[str] = []
        pieces: list[str] = []
        # Inside <t>, and not inside a phonetic reading (<rPh>), whose text is not the cell's.
        state = {"in_text": False, "phonetic": 0}

        def start(element: str, attributes: dict[str, str]) -> None:
            element = _local(element)
            if element == "si":
                pieces.clear()
            elif element == "rPh":
                state["phonetic"] += 1
            elif element == "t" and not state["phonetic"]:
                state["in_text"] = True

        def end(element: str) -> None:
            element = _local(element)
            if element == "si":
                texts.append(_unescape("".join(pieces)))
            elif element == "rPh":
                state["phonetic"] -= 1
            elif element == "t":
                state["in_text"] = False

        def text(data: str) -> None:
            if state["in_text"]:
                pieces.append(data)

        self.parse(part, start, end, text)
        return texts

    def _date_styles(self, part: str) -> list[bool]:
        """For each cell style, whether its number format shows a date or a time."""
        from openpyxl.styles.numbers import (  # type: ignore[import-untyped]
            BUILTIN_FORMATS,
            is_date_format,
        )

        custom: dict[str, str] = {}
        style_formats: list[str] = []
        inside = {"cellXfs": False}

        def start(element: str, attributes: dict[str, str]) -> None:
            element = _local(element)
            if element == "numFmt":
                custom[attributes.get("numFmtId", "")] = attributes.get("formatCode", "")
            elif element == "cellXfs":
                inside["cellXfs"] = True
            elif element == "xf" and inside["cellXfs"]:
                style_formats.append(attributes.get("numFmtId", "0"))

        def end(element: str) -> None:
            if _local(element) == "cellXfs":
                inside["cellXfs"] = False

        self.parse(part, start, end)

        def is_date(format_id: str) -> bool:
            code = custom.get(format_id)
            if code is None and format_id.isdigit():
                number = int(format_id)
                # 27-36 and 50-58 are the East Asian date formats Excel does not spell out.
                if 27 <= number <= 36 or 50 <= number <= 58:
                    return True
                code = BUILTIN_FORMATS.get(number)
            return bool(code) and bool(is_date_format(code))

        return [is_date(format_id) for format_id in style_formats]


class _SheetReader:
    """Turns one worksheet's XML events into rows, checking every number it is given."""

    def __init__(self, book: _Workbook, part: str, texts: list[str], dates: list[bool],
                 date1904: bool) -> None:
        self.book = book
        self.path = book.path
        self.part = part
        self.texts = texts
        self.dates = dates
        self.date1904 = date1904
        self.rows: list[TableRow] = []
        self.cells_read = 0
        self.cells_seen = 0
        self.row_number = 0
        self.row_cells: dict[int, str] = {}
        self.row_unusable: dict[int, str] = {}
        self.column = 0
        self.kind = ""
        self.is_date = False
        self.columns: dict[str, int] = {}
        self.date_styles: dict[str | None, bool] = {}
        self.value: list[str] | None = None
        self.inline: list[str] | None = None
        self.formula = False
        self.collecting: list[str] | None = None
        # Inside a phonetic reading (<rPh>), whose text is not the cell's.
        self.phonetic = 0

    def start(self, element: str, attributes: dict[str, str]) -> None:
        if ":" in element:
            element = _local(element)
        if element == "c":
            self._start_cell(attributes)
        elif element == "v":
            self.value = []
            self.collecting = self.value
        elif element == "is":
            self.inline = []
        elif element == "t" and self.inline is not None and not self.phonetic:
            self.collecting = self.inline
        elif element == "rPh":
            self.phonetic += 1
        elif element == "f":
            self.formula = True
        elif element == "row":
            self._start_row(attributes.get("r"))

    def end(self, element: str) -> None:
        if ":" in element:
            element = _local(element)
        if element in ("v", "t"):
            self.collecting = None
        elif element == "rPh":
            self.phonetic -= 1
        elif element == "c":
            self._end_cell()
        elif element == "row":
            self._end_row()

    def text(self, data: str) -> None:
        if self.collecting is not None:
            self.collecting.append(data)

    def _reference(self) -> str:
        """The current cell as Excel names it (B3); made only for a message."""
        return f"{column_letters(self.column)}{self.row_number}"

    def _start_row(self, number: str | None) -> None:
        if number is None:
            next_number = self.row_number + 1
        elif number.isdigit() and number.isascii() and len(number) <= 10:
            next_number = int(number)
        else:
            raise self.book.damaged(self.part, f"numbers a row {abbreviate(number)}")
        if next_number > EXCEL_ROWS:
            raise DataFileError(self.path, f"lies past Excel's last row ({EXCEL_ROWS:,}), so "
                                           "the sheet is damaged", row=next_number)
        if next_number <= self.row_number:
            raise DataFileError(self.path, f"comes after row {self.row_number:,}, so the "
                                           "sheet is damaged", row=next_number)
        self.row_number = next_number
        self.row_cells = {}
        self.row_unusable = {}
        self.column = 0

    def _end_row(self) -> None:
        if not self.row_cells and not self.row_unusable:
            return
        if len(self.rows) == MAX_ROWS:
            raise DataFileError(self.path, f"is past the {MAX_ROWS:,} rows with values a data "
                                           "file may have; split it into smaller files",
                                row=self.row_number)
        width = max([*self.row_cells, *self.row_unusable])
        cells = [""] * width
        for index, text in self.row_cells.items():
            cells[index - 1] = text
        unusable = {index - 1: reason for index, reason in self.row_unusable.items()}
        self.rows.append(TableRow(self.row_number, cells, unusable))

    def _start_cell(self, attributes: dict[str, str]) -> None:
        if self.row_number == 0:
            raise self.book.damaged(self.part, "has a cell outside any row")
        self.cells_seen += 1
        if self.cells_seen > MAX_VALUES:
            raise DataFileError(self.path, f"has more than {MAX_VALUES:,} cells (counting "
                                           "formatted empty ones); split it into smaller files",
                                row=self.row_number)
        reference = attributes.get("r")
        if reference is None:
            self.column += 1
        else:
            # A sheet names the same few columns on every row: each is worked out once.
            letters = reference.rstrip("0123456789")
            column = self.columns.get(letters)
            if column is None:
                column = self._column_of(letters, reference)
            self.column = column
        if self.column > EXCEL_COLUMNS:
            raise DataFileError(self.path, f"is damaged: its cell {self._reference()} lies past "
                                           f"Excel's last column, {column_letters(EXCEL_COLUMNS)}")
        self.kind = attributes.get("t", "n")
        style = attributes.get("s")
        is_date = self.date_styles.get(style)
        if is_date is None:
            is_date = self._is_date_style(style)
        self.is_date = is_date
        self.value = None
        self.inline = None
        self.formula = False
        self.collecting = None

    def _column_of(self, letters: str, reference: str) -> int:
        if not (0 < len(letters) <= 3 and letters.isascii() and letters.isupper()
                and letters.isalpha()):
            raise self.book.damaged(self.part, f"names a cell {abbreviate(reference)}")
        self.columns[letters] = column = _column_index(letters)
        return column

    def _is_date_style(self, style: str | None) -> bool:
        # A style past the workbook's list is read as no style, as Excel shows it.
        index = int(style) if style and style.isdecimal() and len(style) < 10 else 0
        is_date = index < len(self.dates) and self.dates[index]
        if len(self.date_styles) < len(self.dates) + 1:
            self.date_styles[style] = is_date
        return is_date

    def _end_cell(self) -> None:
        value = "".join(self.value) if self.value is not None else None
        text: str | None = None
        if self.kind == "inlineStr":
            text = _unescape("".join(self.inline or []))
        elif self.kind == "e":
            self._unusable(f"holds Excel's error {abbreviate(value or '#?')} (from a formula "
                           "that failed)")
            return
        elif value is None:
            if self.formula:
                self._unusable("holds a formula whose result was not saved; open the file "
                               "in Excel and save it again")
            return
        elif self.kind == "s":
            text = self._shared_text(value)
        elif self.kind == "str":
            text = _unescape(value)
        elif self.kind == "d":
            text = _iso_moment(value)
        elif self.kind == "b":
            text = "True" if value.strip() == "1" else "False"
        else:
            text = self._number(value)
            if text is None:
                return
        if text:
            self._keep(text)

    def _shared_text(self, value: str) -> str:
        index = value.strip()
        if index.isdecimal() and len(index) < 10 and int(index) < len(self.texts):
            return self.texts[int(index)]
        raise DataFileError(self.path, f"is damaged: cell {self._reference()} refers to shared "
                                       f"text {abbreviate(index)}, but the workbook holds "
                                       f"{len(self.texts):,}")

    def _number(self, value: str) -> str | None:
        text = value.strip()
        if _XML_NUMBER.fullmatch(text) is None:
            raise DataFileError(self.path, f"is damaged: cell {self._reference()} holds "
                                           f"{abbreviate(text)} where a number belongs")
        number = float(text)
        if not math.isfinite(number):
            self._unusable("holds a number too large for Excel (#NUM!)")
            return None
        if self.is_date:
            return self._date(number)
        return cell_text(number)

    def _date(self, number: float) -> str | None:
        from openpyxl.utils.datetime import (  # type: ignore[import-untyped]
            MAC_EPOCH,
            WINDOWS_EPOCH,
            from_excel,
        )

        if number < 0:
            self._unusable("holds a negative date, which Excel shows as ####")
            return None
        try:
            moment = from_excel(number, MAC_EPOCH if self.date1904 else WINDOWS_EPOCH)
        except (OverflowError, ValueError):
            self._unusable("holds a date past the year 9999, which Excel shows as ####")
            return None
        return cell_text(moment)

    def _keep(self, text: str) -> None:
        if self.column > MAX_COLUMNS:
            raise DataFileError(self.path, f"has a value in cell {self._reference()}, past column "
                                           f"{column_letters(MAX_COLUMNS)}, the last of the "
                                           f"{MAX_COLUMNS:,} a data file may have")
        self.cells_read += 1
        if self.cells_read > MAX_CELLS:
            raise DataFileError(self.path, f"has more than {MAX_CELLS:,} cells with values; "
                                           "split it into smaller files", row=self.row_number)
        self.row_cells[self.column] = text

    def _unusable(self, reason: str) -> None:
        if self.column <= MAX_COLUMNS:
            self.row_unusable[self.column] = reason
