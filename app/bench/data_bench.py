"""How fast a data file is checked: Swedish Excel's CSV, beside plain csv.reader, and broken files.

The figure that matters is ``check_s``: reading and checking a 10,000-row case list the way
Swedish Excel saves it (Windows-1252, semicolons, CRLF, amounts such as ``6 300,00`` with a
no-break space, labels as headings) for the shipped example bot, the way ``robotfabrik check``
does. Its target is under one second. The baseline is what Python's csv.reader alone needs to
split the same bytes, in the same run: the price of decoding, sniffing and checking every value.

``slowest_broken_s`` is the longest any of a set of broken or hostile files (a row numbered
50,000,000, a zip bomb, a workbook of formatted empty cells, a cut-off sheet at the row limit,
a million blank lines, an unclosed quote, bytes that are no text) takes to be refused; its
target is under two seconds.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from app.bench import BenchError
from app.core import paths
from app.core.model.bot import Bot
from app.core.model.botfile import load_bot
from app.core.model.data import DataFileError, read_cases
from app.core.model.tables import EXCEL_ROWS, MAX_ROWS

EXAMPLE = "ekonomiskt-bistand"
_FIRST_NAMES = ("Åsa", "Björn", "Märta", "Örjan", "Linnéa", "Göran", "Ömer", "Søren", "Karin")
_LAST_NAMES = ("Öberg", "Ångström", "Sjöberg", "Lööf", "Håkansson", "Ström", "Ærø", "Bäckman")
_CATEGORIES = ("Försörjningsstöd", "Hyra", "El", "Läkarvård", "Tandvård", "Glasögon", "Övrigt")
_TOWNS = ("Nacka", "Trelleborg", "Lund", "Södertälje", "Växjö", "Örebro", "Malmö")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=10_000, help="case rows in the CSV file")
    parser.add_argument("--repeat", type=int, default=5,
                        help="timings taken of each; the fastest is reported")


def measure(arguments: argparse.Namespace) -> dict[str, object]:
    bot = load_bot(paths.shipped_examples_dir() / EXAMPLE)
    with tempfile.TemporaryDirectory(prefix="data-bench-") as scratch:
        folder = Path(scratch)
        file = folder / "ansokningar.csv"
        file.write_bytes(swedish_excel_csv(arguments.rows))
        raw = file.read_bytes()
        checked = read_cases(file, bot, need_secrets=False)
        check_s = _fastest(arguments.repeat, lambda: read_cases(file, bot, need_secrets=False))
        baseline_s = _fastest(arguments.repeat, lambda: list(csv.reader(
            io.StringIO(raw.decode("cp1252"), newline=""), delimiter=";")))
        broken = {name: _time_refusal(path, bot) for name, path in _broken_files(folder).items()}
    slowest = max(broken, key=lambda name: broken[name])
    return {
        "rows": arguments.rows,
        "file_bytes": len(raw),
        "read_as": checked.describe(),
        "cases_good": len(checked.cases),
        "check_s": round(check_s, 3),
        "baseline_csv_reader_s": round(baseline_s, 3),
        "check_over_baseline": round(check_s / baseline_s, 1) if baseline_s else None,
        "broken_files": len(broken),
        "slowest_broken_s": round(broken[slowest], 3),
        "slowest_broken": slowest,
    }


def _fastest(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _time_refusal(file: Path, bot: Bot) -> float:
    """Seconds until ``file`` is refused with the project's own error."""
    started = time.perf_counter()
    try:
        read_cases(file, bot, need_secrets=False)
    except DataFileError:
        return time.perf_counter() - started
    raise BenchError(f"{file.name} was read, but it was made to be refused")


def _kronor(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")


def _personnummer(rng: random.Random) -> str:
    nine = f"{rng.randint(1940, 2005) % 100:02d}{rng.randint(1, 12):02d}" \
           f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    total = 0
    for position, digit in enumerate(nine):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    century = "19" if int(nine[:2]) >= 30 else "20"
    return f"{century}{nine[:6]}-{nine[6:]}{(10 - total % 10) % 10}"


def swedish_excel_csv(rows: int, seed: int = 11) -> bytes:
    """A case list for the example bot as Swedish Excel saves 'CSV (semikolonavgränsad)'."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Personnummer", "Namn", "Belopp (kr)", "Kategori", "Hemkommun",
                     "Fritext"])
    for _ in range(rows):
        amount = Decimal(rng.randint(500, 15_000)) + Decimal(rng.choice((0, 50))) / 100
        writer.writerow([_personnummer(rng), f"{rng.choice(_FIRST_NAMES)} "
                         f"{rng.choice(_LAST_NAMES)}", _kronor(amount),
                         rng.choice(_CATEGORIES), rng.choice(_TOWNS),
                         "Ansökan inkom via e-tjänsten; komplettering, se akt"])
    return buffer.getvalue().encode("cp1252")


def _workbook(sheet_rows: str) -> bytes:
    """A minimal workbook of one sheet whose ``<sheetData>`` holds ``sheet_rows``."""
    parts = {
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       f'relationships"><Relationship Id="rId1" Type="{_RELATIONSHIPS}/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
                           '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData>{sheet_rows}'
                                    "</sheetData></worksheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _broken_files(folder: Path) -> dict[str, Path]:
    header = f'<row r="1">{_inline("A1", "Personnummer")}{_inline("B1", "Namn")}</row>'
    full_rows = "".join(f'<row r="{n}">{_inline(f"A{n}", "19830309-4562")}'
                        f'{_inline(f"B{n}", "Åsa Öberg")}</row>'
                        for n in range(2, MAX_ROWS + 3))
    made: dict[str, bytes] = {
        "row-50000000.xlsx": _workbook(header + '<row r="50000000">'
                                       + _inline("A50000000", "x") + "</row>"),
        "zip-bomb.xlsx": _workbook(header + " " * (17 * 1024 * 1024)),
        "formatted-empty-cells.xlsx": _workbook(header + "".join(
            f'<row r="{n}">' + "".join(f'<c r="{c}{n}" s="1"/>' for c in "ABCDEFGHIJ")
            + "</row>" for n in range(2, 82_000))),
        "cut-off-at-row-limit.xlsx": _workbook(header + full_rows[:-40]),
        "past-row-limit.xlsx": _workbook(header + full_rows),
        "blank-lines.csv": b"\r\n" * (EXCEL_ROWS + 1),
        "unclosed-quote.csv": b'Personnummer;Namn\r\n"' + b"x;" * 10_000_000,
        "no-text.csv": random.Random(3).randbytes(30 * 1024 * 1024),
    }
    files = {}
    for name, data in made.items():
        files[name] = folder / name
        files[name].write_bytes(data)
    return files
