"""``robotfabrik check``: a superuser checks this month's file before the robot runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.model.bot import Bot, Parameter, TypeTextStep
from app.core.model.botfile import save_bot
from tests.data.samples import FOLDER as SAMPLES

EXCEL_EXAMPLE = SAMPLES / "ekonomiskt-bistand-excel.csv"


def check(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["check", *arguments])
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(file): file.read_bytes() for folder in folders if folder.exists()
            for file in sorted(folder.rglob("*")) if file.is_file()}


@pytest.fixture
def bot_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "utbetalning"
    save_bot(Bot("Utbetalning", parameters=[
        Parameter("losenord", "secret"),
        Parameter("personnummer", "personnummer"),
        Parameter("belopp", "number", label="Belopp (kr)"),
    ], steps=[TypeTextStep(id="pnr", text="{{personnummer}} {{belopp}} {{losenord}}")]), folder)
    return folder


def test_the_example_saved_by_swedish_excel_is_all_usable_and_says_how_it_was_read(
        capsys: pytest.CaptureFixture[str], robotfabrik_home: Path) -> None:
    before = snapshot(robotfabrik_home, SAMPLES)

    status, out, err = check(capsys, "ekonomiskt-bistand", "--data", str(EXCEL_EXAMPLE))

    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Ekonomiskt bistånd – registrera ansökan: 8 parameters")
    assert lines[1] == f"{EXCEL_EXAMPLE}: Windows-1252, semicolon-separated, 20 cases"
    assert lines[-1] == "20 of 20 cases can be run"
    assert "  row 13: to check: column namn: 'Ömer Y?ld?z' has a '?'" in out
    assert snapshot(robotfabrik_home, SAMPLES) == before


def test_bad_rows_are_listed_by_number_and_reason_with_status_1(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, bot_folder: Path) -> None:
    data = tmp_path / "november.csv"
    data.write_bytes("Utbetalningar november;\r\nPersonnummer;Belopp (kr);Handläggare\r\n"
                     "19830309-4562;6 300,00 kr;Eva\r\n"
                     "19830230-3634;1 234,50;Eva\r\n"
                     "19830309-4562;12 34,5;Eva\r\n".encode("cp1252"))

    status, out, err = check(capsys, str(bot_folder), "--data", str(data))

    assert (status, err) == (1, "")
    assert out.splitlines()[1:] == [
        f"{data}: Windows-1252, semicolon-separated, 3 cases",
        "  header: row 2 (above it, skipped: row 1)",
        "  columns: personnummer, belopp (Belopp (kr))",
        "  ignored columns: Handläggare",
        "  row 4: column Personnummer: '19830230-3634' is not a valid personnummer: its date "
        "of birth 1983-02-30 does not exist",
        "  row 5: column Belopp (kr): '12 34,5' is not a number",
        "1 of 3 cases can be run; 2 rows need fixing",
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"belopp\r\n100\r\n", "no column for personnummer"),
        (b"PK\x03\x04\x00\x00", "is an Excel workbook, not CSV text"),
        (b"personnummer;belopp\r\n", "no cases in the file (only its header, row 1)"),
    ],
    ids=["missing-column", "workbook-as-csv", "header-only"],
)
def test_an_unusable_file_is_one_line_naming_it_with_status_2(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, bot_folder: Path, content: bytes,
        said: str) -> None:
    data = tmp_path / "november.csv"
    data.write_bytes(content)

    status, _, err = check(capsys, str(bot_folder), "--data", str(data))

    assert status == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"robotfabrik: {data}: ")
    assert said in err


def test_a_broken_bot_is_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "trasig"
    folder.mkdir()
    (folder / "bot.json").write_text("{", encoding="utf-8")

    status, _, err = check(capsys, str(folder))

    assert status == 2
    assert err.startswith("robotfabrik: ") and len(err.splitlines()) == 1


def test_a_bot_alone_is_checked_and_a_sheet_without_a_file_is_refused(
        capsys: pytest.CaptureFixture[str], bot_folder: Path) -> None:
    status, out, _ = check(capsys, str(bot_folder), "--param", "belopp=1 234,50")
    assert status == 0
    assert out.startswith("Utbetalning: 3 parameters, 1 steps")

    status, _, err = check(capsys, str(bot_folder), "--param", "belopp=mycket")
    assert status == 2
    assert "parameter belopp: 'mycket' is not a number" in err

    status, _, err = check(capsys, str(bot_folder), "--sheet", "Blad1")
    assert status == 2
    assert "--sheet names a sheet of the --data file" in err


def test_a_workbook_sheet_is_chosen_and_its_formulas_checked(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "ansokan"
    save_bot(Bot("Ansökan", parameters=[
        Parameter("personnummer", "personnummer", label="Personnummer"),
        Parameter("belopp", "number", label="Belopp (kr)"),
    ]), folder)

    status, out, _ = check(capsys, str(folder), "--data", str(SAMPLES / "arenden.xlsx"),
                           "--sheet", "Ärenden")

    assert status == 0
    assert f"{SAMPLES / 'arenden.xlsx'}: Excel workbook, sheet Ärenden, 5 cases" in out
    assert "  ignored columns: Namn, Hyra, El, Kategori, Inkom" in out


def test_checking_needs_no_display_no_password_and_loads_no_input_library(
        robotfabrik_home: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    environment["ROBOTFABRIK_HOME"] = str(robotfabrik_home)
    program = ("import sys; from app.cli import main; status = main(sys.argv[1:]); "
               "print(sorted({m.split('.')[0] for m in sys.modules} & "
               "{'pynput', 'pyautogui', 'mss', 'Xlib'})); sys.exit(status)")
    result = subprocess.run(
        [sys.executable, "-c", program, "check", "ekonomiskt-bistand", "--data",
         str(EXCEL_EXAMPLE)], env=environment, capture_output=True, text=True, timeout=60,
        check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()
