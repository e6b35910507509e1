"""Data files as Swedish and Danish offices save them, written by code so that they can be
remade, compared and mutated by the tests.

Each sample copies what Excel writes byte for byte where it matters to a reader: the encoding
and its byte-order mark, the delimiter, CRLF, the no-break space in ``6 300,00``, a row padded
with delimiters to the sheet's width, ``?`` for a letter Windows-1252 lacks; and in a workbook,
shared texts, formulas saved with their values, merged cells, a hidden sheet and a date format.
The files in this folder are the output of ``write_samples``; ``tests/unit/test_data.py``
checks that they are unchanged. To remake them after a deliberate change:

    python -m tests.data.samples
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FOLDER = Path(__file__).resolve().parent
EXAMPLE_DATA = FOLDER.parents[1] / "recordings" / "ekonomiskt-bistand" / "data.csv"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
# A fixed time in every zip entry, so a remade workbook holds the same bytes.
ZIP_TIME = (2026, 11, 21, 8, 0, 0)
NBSP = "\u00a0"

# Cell styles of the sample workbooks, by index: general, Excel's short date (which a Swedish
# Excel shows as ÅÅÅÅ-MM-DD), and an amount in kronor.
STYLE_GENERAL, STYLE_DATE, STYLE_KRONOR = 0, 1, 2


@dataclass(frozen=True)
class Formula:
    """A cell computed by Excel, saved with the value Excel computed (None: never computed)."""

    expression: str
    cached: float | str | None


@dataclass(frozen=True)
class ExcelError:
    """A cell whose formula failed: Excel saves the error value itself (``#N/A``)."""

    code: str


@dataclass(frozen=True)
class Styled:
    """A number shown through a cell style (a date is a day number shown as a date)."""

    number: float
    style: int


Cell = str | float | int | Formula | ExcelError | Styled | None


@dataclass
class SheetSpec:
    name: str
    rows: Sequence[Sequence[Cell]]
    state: str = "visible"
    merged: Sequence[str] = field(default_factory=tuple)


# ---------------------------------------------------------------------------------- CSV

def excel_ansi(text: str) -> bytes:
    """``text`` in Windows-1252 as Excel's CSV export writes it: '?' for what it lacks."""
    return text.encode("cp1252", errors="replace")


def excel_csv(rows: Sequence[Sequence[str]], *, delimiter: str = ";") -> str:
    """Rows quoted the way Excel quotes them, with CRLF after every row."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def kronor(amount: str | Decimal) -> str:
    """An amount as Excel shows it in the format '# ##0,00': ``6 300,00`` with a no-break space."""
    value = Decimal(str(amount).replace(",", "."))
    return f"{value:,.2f}".replace(",", NBSP).replace(".", ",")


def example_rows() -> list[list[str]]:
    """The shipped example's 20 cases, header first, as its UTF-8 file holds them."""
    with EXAMPLE_DATA.open(encoding="utf-8", newline="") as stream:
        return [list(row) for row in csv.reader(stream)]


def example_as_swedish_excel() -> bytes:
    """The shipped example opened in a Swedish Excel, amounts formatted as kronor, and saved as
    'CSV (semikolonavgränsad)'."""
    rows = example_rows()
    amount = rows[0].index("belopp")
    body = [[kronor(cell) if index == amount else cell for index, cell in enumerate(row)]
            for row in rows[1:]]
    return excel_ansi(excel_csv([rows[0], *body]))


CASES = [
    ("19830309-4562", "Åsa Öberg", "6300", "Försörjningsstöd", "Nacka", "2026-11-02"),
    ("19550603-1045", "Björn Ångström", "2450,5", "Hyra", "Trelleborg", "2026-11-03"),
    ("19600612-2748", "Märta Sjöberg", "1234,5", "El", "Lund", "2026-11-04"),
    ("19880613-4592", "Søren Ærø", "12500", "Tandvård", "Malmö", "2026-11-05"),
    ("19920814-3710", "Ömer Yıldız", "980", "Glasögon", "Gävle", "2026-11-06"),
]
LABELS = ["Personnummer", "Namn", "Belopp (kr)", "Kategori", "Hemkommun", "Inkom"]


def semicolon_csv_with_title() -> bytes:
    """A case list with a title row above the labels, saved as 'CSV (semikolonavgränsad)': the
    title padded with semicolons to the sheet's width, an empty row, amounts with ' kr'."""
    width = len(LABELS) + 1
    rows: list[list[str]] = [
        ["Ansökningar om ekonomiskt bistånd, november 2026", *[""] * (width - 1)],
        [""] * width,
        [*LABELS, "Anteckning"],
    ]
    for case in CASES:
        rows.append([case[0], case[1], f"{kronor(case[2])} kr", *case[3:], "ring först"])
    return excel_ansi(excel_csv(rows))


def unicode_text() -> bytes:
    """The same list saved as 'Unicodetext': UTF-16 with its byte-order mark, tabs, CRLF."""
    rows = [LABELS, *[[c[0], c[1], kronor(c[2]), *c[3:]] for c in CASES]]
    return b"\xff\xfe" + excel_csv(rows, delimiter="\t").encode("utf-16-le")


def danish_csv_utf8() -> bytes:
    """A Danish Excel's 'CSV UTF-8 (kommasepareret)': byte-order mark, ';', '1.234,50'."""
    rows = [LABELS[:4], *[[c[0], c[1], f"{Decimal(c[2].replace(',', '.')):,.2f}"
                          .replace(",", "#").replace(".", ",").replace("#", "."), c[3]]
                         for c in CASES]]
    return b"\xef\xbb\xbf" + excel_csv(rows).encode("utf-8")


# ---------------------------------------------------------------------------------- XLSX

def column_name(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell(reference: str, value: Cell, texts: dict[str, int]) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        index = texts.setdefault(value, len(texts))
        return f'<c r="{reference}" t="s"><v>{index}</v></c>'
    if isinstance(value, Formula):
        formula = f"<f>{escape(value.expression)}</f>"
        if value.cached is None:
            return f'<c r="{reference}">{formula}</c>'
        if isinstance(value.cached, str):
            return f'<c r="{reference}" t="str">{formula}<v>{escape(value.cached)}</v></c>'
        return f'<c r="{reference}">{formula}<v>{value.cached!r}</v></c>'
    if isinstance(value, ExcelError):
        return f'<c r="{reference}" t="e"><v>{escape(value.code)}</v></c>'
    if isinstance(value, Styled):
        return f'<c r="{reference}" s="{value.style}"><v>{value.number!r}</v></c>'
    return f'<c r="{reference}"><v>{value!r}</v></c>'


def _sheet_xml(sheet: SheetSpec, texts: dict[str, int]) -> str:
    rows = []
    for number, row in enumerate(sheet.rows, start=1):
        cells = "".join(_cell(f"{column_name(index)}{number}", value, texts)
                        for index, value in enumerate(row, start=1))
        if cells:
            rows.append(f'<row r="{number}">{cells}</row>')
    merged = ""
    if sheet.merged:
        merged = (f'<mergeCells count="{len(sheet.merged)}">'
                  + "".join(f'<mergeCell ref="{area}"/>' for area in sheet.merged)
                  + "</mergeCells>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f'<sheetData>{"".join(rows)}</sheetData>{merged}</worksheet>')


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="#\\ ##0.00\\ &quot;kr&quot;"/>'
    '</numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def xlsx_parts(sheets: Sequence[SheetSpec], *, date1904: bool = False) -> dict[str, bytes]:
    """The parts of a workbook as Excel lays them out, by part name, in the order written."""
    texts: dict[str, int] = {}
    sheet_xml = [_sheet_xml(sheet, texts) for sheet in sheets]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'{overrides}'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>')
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
    sheet_entries = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"'
        + ("" if sheet.state == "visible" else f' state="{sheet.state}"') + "/>"
        for n, sheet in enumerate(sheets, start=1))
    epoch = ' date1904="1"' if date1904 else ""
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
        f'<workbookPr{epoch}/>'
        f'<sheets>{sheet_entries}</sheets></workbook>')
    count = len(sheets)
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        + "".join(f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
                  f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, count + 1))
        + f'<Relationship Id="rId{count + 1}" Type="{RELATIONSHIPS}/styles" '
          'Target="styles.xml"/>'
        + f'<Relationship Id="rId{count + 2}" Type="{RELATIONSHIPS}/sharedStrings" '
          'Target="sharedStrings.xml"/></Relationships>')
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in texts)
        + "</sst>")
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": root_rels,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        **{f"xl/worksheets/sheet{n}.xml": xml for n, xml in enumerate(sheet_xml, start=1)},
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": shared,
    }
    return {name: text.encode("utf-8") for name, text in parts.items()}


def zipped(parts: dict[str, bytes]) -> bytes:
    """The parts packed as Excel packs them (deflated), with fixed times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return buffer.getvalue()


def excel_day(day: datetime.date) -> float:
    """Excel's day number of ``day`` (counted from 1899-12-30, Excel's 1900 leap day aside)."""
    return float((day - datetime.date(1899, 12, 30)).days)


def case_workbook_sheets() -> list[SheetSpec]:
    """A case list as a caseworker keeps it in Excel: a hidden sheet of codes first, then the
    cases under a merged title, with the amount summed by a formula under a merged heading."""
    codes = SheetSpec("Koder", [["Kod", "Kategori"], [1.0, "Försörjningsstöd"], [2.0, "Hyra"]],
                      state="hidden")
    rows: list[list[Cell]] = [
        ["Ansökningar om ekonomiskt bistånd, november 2026"],
        [],
        ["Personnummer", "Namn", "Hyra", "El", "Belopp (kr)", None, "Kategori", "Inkom"],
    ]
    for number, (pnr, name, amount, category, _home, arrived) in enumerate(CASES, start=4):
        total = float(Decimal(amount.replace(",", ".")))
        rent = float(int(total * 0.8))
        shown_name: Cell = Formula(f'"{name}"', name) if number == 4 else name
        rows.append([pnr, shown_name, rent, total - rent,
                     Formula(f"C{number}+D{number}", total), None, category,
                     Styled(excel_day(datetime.date.fromisoformat(arrived)), STYLE_DATE)])
    cases = SheetSpec("Ärenden", rows, merged=("A1:H1", "E3:F3"))
    return [codes, cases]


def case_workbook() -> bytes:
    return zipped(xlsx_parts(case_workbook_sheets()))


SAMPLES: dict[str, Callable[[], bytes]] = {
    "ekonomiskt-bistand-excel.csv": example_as_swedish_excel,
    "arenden-semikolon.csv": semicolon_csv_with_title,
    "arenden-unicodetext.txt": unicode_text,
    "arenden-dansk-utf8.csv": danish_csv_utf8,
    "arenden.xlsx": case_workbook,
}


def write_samples(folder: Path = FOLDER) -> list[Path]:
    written = []
    for name, make in SAMPLES.items():
        file = folder / name
        file.write_bytes(make())
        written.append(file)
    return written


if __name__ == "__main__":
    for file in write_samples():
        print(f"wrote {file}")
