"""The command line as a person meets it: one clear line for every mistake, and no harm done."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.model.bot import Bot, ClickStep, Parameter, Point, Target, TypeTextStep
from app.core.model.botfile import save_bot


def robotfabrik(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    environment["ROBOTFABRIK_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "app.cli", *arguments], env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(file): file.read_bytes() for folder in folders if folder.exists()
            for file in sorted(folder.rglob("*")) if file.is_file()}


@pytest.fixture
def bot_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ansokan"
    save_bot(Bot("Ansökan", parameters=[Parameter("pnr", "personnummer")], steps=[
        ClickStep(id="sok", target=Target(absolute=Point(10, 10))),
        TypeTextStep(id="pnr", text="{{pnr}}"),
    ]), folder)
    return folder


@pytest.mark.parametrize(
    ("corruption", "named"),
    [
        (lambda d: d["steps"][0]["target"].update(absolute="10,10"), "field 'target.absolute'"),
        (lambda d: d["steps"][1].update(type="teleport"), "field 'type'"),
        (lambda d: d.update(format_version=99), "field 'format_version'"),
    ],
    ids=["wrong-type", "unknown-step", "newer-version"],
)
def test_a_corrupt_bot_gives_one_line_naming_file_and_field_and_changes_nothing(
        tmp_path: Path, robotfabrik_home: Path, bot_folder: Path, corruption: object,
        named: str) -> None:
    file = bot_folder / "bot.json"
    document = json.loads(file.read_text(encoding="utf-8"))
    assert callable(corruption)
    corruption(document)
    file.write_text(json.dumps(document), encoding="utf-8")
    before = snapshot(tmp_path)
    result = robotfabrik(robotfabrik_home, "run", str(bot_folder), "--param", "pnr=x")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(file) in lines[0] and named in lines[0]
    assert snapshot(tmp_path) == before


def test_broken_json_names_the_line(robotfabrik_home: Path, bot_folder: Path) -> None:
    (bot_folder / "bot.json").write_text('{"format": ', encoding="utf-8")
    result = robotfabrik(robotfabrik_home, "run", str(bot_folder))
    assert result.returncode == 2
    assert "is not valid JSON" in result.stderr and "line 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_bot_name_says_where_it_looked(robotfabrik_home: Path) -> None:
    result = robotfabrik(robotfabrik_home, "run", "finns-inte")
    assert result.returncode == 2
    assert "no bot.json here" in result.stderr
    assert not robotfabrik_home.joinpath("recordings").exists()


def test_a_parameter_of_the_wrong_type_is_refused_before_anything_runs(
        robotfabrik_home: Path, bot_folder: Path) -> None:
    result = robotfabrik(robotfabrik_home, "run", str(bot_folder), "--param",
                         "pnr=19850709-9806")
    assert result.returncode == 2
    assert "parameter pnr" in result.stderr and "checksum" in result.stderr
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()


def test_a_missing_parameter_is_named(robotfabrik_home: Path, bot_folder: Path) -> None:
    result = robotfabrik(robotfabrik_home, "run", str(bot_folder))
    assert result.returncode == 2
    assert "parameter pnr needs a value" in result.stderr


def test_recording_never_overwrites_a_bot_unasked(robotfabrik_home: Path) -> None:
    save_bot(Bot("gammal", steps=[ClickStep(target=Target(absolute=Point(1, 1)))]),
             robotfabrik_home / "recordings" / "gammal")
    result = robotfabrik(robotfabrik_home, "record", "--bot", "gammal")
    assert result.returncode == 2
    assert "already holds a bot" in result.stderr


def test_the_store_bench_prints_its_figures_beside_the_baseline(robotfabrik_home: Path) -> None:
    result = robotfabrik(robotfabrik_home, "bench", "store", "--json", "--rows", "3000",
                         "--baseline-rows", "300")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["rows"] == 3000 and figures["baseline_rows"] == 300
    assert figures["rows_per_s"] > 0 and figures["baseline_rows_per_s"] > 0


def test_a_bot_whose_picture_is_missing_names_it_and_types_nothing(
        tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = tmp_path / "med-bild"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
    save_bot(Bot("Med bild", steps=[ClickStep(id="sok", target=Target(
        absolute=Point(5, 5), anchor="sok.png", anchor_offset=Point(1, 1)))]), folder,
        {"sok.png": png})
    (folder / "images" / "sok.png").unlink()
    before = snapshot(tmp_path)
    result = robotfabrik(robotfabrik_home, "run", str(folder))
    assert result.returncode == 2
    assert "images/sok.png is missing" in result.stderr and "step 1 (id sok)" in result.stderr
    assert snapshot(tmp_path) == before


def watched_xvfb(folder: Path) -> tuple[dict[str, str], Path]:
    """An environment without DISPLAY whose PATH finds a stand-in Xvfb first, and the file that
    stand-in leaves behind if anything tries to start a screen."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    started = folder / "xvfb-started"
    stand_in = bin_folder / "Xvfb"
    stand_in.write_text(f"#!/bin/sh\ntouch {started}\nexit 1\n")
    stand_in.chmod(0o755)
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    environment["PATH"] = f"{bin_folder}{os.pathsep}{environment.get('PATH', '')}"
    return environment, started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11 matter")
def test_without_a_display_run_names_it_in_one_line_and_starts_no_hidden_screen(
        robotfabrik_home: Path) -> None:
    repository = Path(__file__).resolve().parents[2]
    example = repository / "recordings" / "ekonomiskt-bistand"
    environment, xvfb_started = watched_xvfb(robotfabrik_home.parent)
    environment["ROBOTFABRIK_HOME"] = str(robotfabrik_home)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "run", "ekonomiskt-bistand", "--data",
         str(example / "data.csv"), "--unattended"],
        env=environment, cwd=repository, capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISPLAY" in lines[0] and "display" in lines[0], result.stderr
    assert result.stdout == ""
    assert not xvfb_started.exists()
    # Nothing ran, so nothing was written either.
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11 matter")
def test_a_display_that_cannot_be_reached_is_named(robotfabrik_home: Path,
                                                   bot_folder: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    environment["ROBOTFABRIK_HOME"] = str(robotfabrik_home)
    environment["DISPLAY"] = ":987"
    result = subprocess.run([sys.executable, "-m", "app.cli", "run", str(bot_folder),
                             "--param", "pnr=19121212-1212", "--unattended"], env=environment,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ":987" in lines[0], result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11 matter")
def test_without_a_display_record_names_it_and_saves_nothing(robotfabrik_home: Path) -> None:
    environment, xvfb_started = watched_xvfb(robotfabrik_home.parent)
    environment["ROBOTFABRIK_HOME"] = str(robotfabrik_home)
    result = subprocess.run([sys.executable, "-m", "app.cli", "record", "--bot", "ny",
                             "--no-toolbar"], env=environment, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "DISPLAY" in result.stderr
    assert not (robotfabrik_home / "recordings" / "ny").exists()
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()
    assert not xvfb_started.exists()


def test_the_practice_system_is_a_plain_subcommand(robotfabrik_home: Path) -> None:
    result = robotfabrik(robotfabrik_home, "sandbox", "--help")
    assert result.returncode == 0
    assert "--cases-file" in result.stdout and "--latency" in result.stdout
    bad = robotfabrik(robotfabrik_home, "sandbox", "--cases-file", "x.jsonl", "--latency", "9-1")
    assert bad.returncode == 2 and "minimum is above maximum" in bad.stderr


def test_a_data_file_with_a_password_column_is_refused_on_one_line_before_anything_runs(
        tmp_path: Path, robotfabrik_home: Path) -> None:
    folder = tmp_path / "inloggning"
    save_bot(Bot("Inloggning", parameters=[Parameter("namn"), Parameter("losen", "secret")],
                 steps=[TypeTextStep(id="namn", text="{{namn}}")]), folder)
    data = tmp_path / "arenden.csv"
    data.write_text("namn;Losen\nÅsa;hemligt\n", encoding="utf-8")
    result = robotfabrik(robotfabrik_home, "run", str(folder), "--data", str(data))
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"robotfabrik: {data}: column Losen holds a password ")
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()


def test_a_value_for_a_parameter_the_bot_lacks_names_the_ones_it_has(
        robotfabrik_home: Path, bot_folder: Path) -> None:
    result = robotfabrik(robotfabrik_home, "run", str(bot_folder), "--param", "pnummer=1")
    assert result.returncode == 2
    assert result.stderr == "robotfabrik: the bot has no parameter 'pnummer' (it has: pnr)\n"


def test_a_password_on_the_command_line_is_refused_with_a_hint_before_anything_runs(
        robotfabrik_home: Path) -> None:
    repository = Path(__file__).resolve().parents[2]
    example = repository / "recordings" / "ekonomiskt-bistand"
    result = robotfabrik(robotfabrik_home, "run", str(example), "--data",
                         str(example / "data.csv"), "--param", "losenord=ovning")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "losenord is a secret; it is asked for at the prompt and kept in the keyring" in line
    assert f"robotfabrik secret set {example} losenord" in line
    assert "ovning" not in result.stderr + result.stdout
    assert not (robotfabrik_home / "robotfabrik.sqlite").exists()


# ------------------------------------------------------------------ a shared bot's files (issue 11)


def bot_with_a_picture(folder: Path) -> Path:
    import cv2
    import numpy as np

    picture = np.full((30, 60, 3), 200, dtype=np.uint8)
    picture[10:20, 10:50] = (30, 90, 160)
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    save_bot(Bot("Med bild", steps=[ClickStep(id="sok", target=Target(
        absolute=Point(5, 5), anchor="sok.png", anchor_offset=Point(1, 1)))]), folder,
        {"sok.png": encoded.tobytes()})
    return folder


def link_out(folder: Path, which: str, outside: Path) -> Path:
    """Make ``which`` in the bot folder a link to a copy outside it; returns the copy."""
    inner = folder / which
    copy = outside / inner.name
    inner.rename(copy)
    inner.symlink_to(copy)
    return copy


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
@pytest.mark.parametrize("which", ["images/sok.png", "images", "bot.json"])
def test_a_link_out_of_the_bot_folder_is_refused_alike_whether_its_target_exists(
        tmp_path: Path, robotfabrik_home: Path, which: str) -> None:
    folder = bot_with_a_picture(tmp_path / "delad")
    outside = tmp_path / "annanstans"
    outside.mkdir()
    copy = link_out(folder, which, outside)

    before = snapshot(tmp_path)
    while_there = robotfabrik(robotfabrik_home, "run", str(folder))
    assert snapshot(tmp_path) == before
    import shutil  # here, not at the top: other tests are being added to this file meanwhile

    if copy.is_dir():
        shutil.rmtree(copy)
    else:
        copy.unlink()
    before = snapshot(tmp_path)
    while_gone = robotfabrik(robotfabrik_home, "run", str(folder))
    assert snapshot(tmp_path) == before

    for result in (while_there, while_gone):
        assert result.returncode == 2
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert "leads out of the bot folder" in line and len(line) < 300
        assert str(outside) not in line and "Traceback" not in line
    assert while_there.stderr == while_gone.stderr


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        (lambda f: f.write_text('{"format": ' + "[" * 100_000, encoding="utf-8"),
         "more than 20 levels deep"),
        (lambda f: f.write_text(json.dumps(json.loads(f.read_text(encoding="utf-8"))).replace(
            "[5, 5]", "[1" + "0" * 5000 + ", 5]"), encoding="utf-8"),
         "step 1 (id sok), field 'target.absolute': is a whole number of 5,001 digits"),
        (lambda f: f.write_text(f.read_text(encoding="utf-8").replace(
            '"sok.png"', '"' + "a" * 300 + '.png"'), encoding="utf-8"),
         "field 'target.anchor': the picture name"),
        (lambda f: (f.parent / "images" / "sok.png").write_bytes(
            (f.parent / "images" / "sok.png").read_bytes()[:-9]),
         "field 'target.anchor': picture images/sok.png is cut short"),
    ],
    ids=["deep-json", "huge-number", "long-picture-name", "damaged-picture"],
)
def test_a_bot_that_once_crashed_the_loader_gives_one_line(
        tmp_path: Path, robotfabrik_home: Path, breakage: object, named: str) -> None:
    folder = bot_with_a_picture(tmp_path / "trasig")
    assert callable(breakage)
    breakage(folder / "bot.json")
    before = snapshot(tmp_path)
    result = robotfabrik(robotfabrik_home, "run", str(folder))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"robotfabrik: {folder / 'bot.json'}: ") and named in line
    assert len(line) < 300
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_bot_json_that_is_a_fifo_is_refused_at_once(tmp_path: Path,
                                                      robotfabrik_home: Path) -> None:
    folder = tmp_path / "ror"
    folder.mkdir()
    os.mkfifo(folder / "bot.json")
    result = robotfabrik(robotfabrik_home, "run", str(folder))
    assert result.returncode == 2
    assert result.stderr == f"robotfabrik: {folder / 'bot.json'}: is not a regular file\n"
