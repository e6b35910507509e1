"""A run handed on as a file: CSV that Swedish Excel opens as it is, and an HTML report that is
one self-contained file; neither ever holds a secret value."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import cv2
import numpy as np

from app.core import paths
from app.core.model.bot import Bot, KeyStep, Parameter, TypeTextStep, WaitStep
from app.core.model.botfile import load_bot, save_bot
from app.core.results.export import run_csv, run_html
from app.core.results.history import RunRecord, StepRecord, recent_runs, run_steps
from app.core.running.session import RunSession
from app.core.store import Store
from tests.unit.fake_desktop import FakeDesktop

SECRET = "Hemlig-Lösen-7731"


def a_png() -> bytes:
    picture = np.zeros((20, 30, 3), dtype=np.uint8)
    picture[:, :, 2] = 255
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    return bytes(encoded.tobytes())


class ScreenWithPicture(FakeDesktop):
    def screenshot_png(self) -> bytes:
        return a_png()


def run_with_a_secret(tmp_path: Path) -> tuple[RunRecord, list[StepRecord]]:
    """A bot that types a password and then fails waiting for a window, run through the real
    run session into the real store, as the studio runs it."""
    bot = Bot("Inloggning", parameters=[Parameter("anvandare"), Parameter("losenord", "secret")],
              steps=[TypeTextStep(id="namn", text="{{anvandare}}"),
                     TypeTextStep(id="losen", text="{{losenord}}"),
                     KeyStep(id="enter"),
                     WaitStep(id="vanta", until="window", window_title="Ärenden",
                              timeout_s=0.05)])
    folder = tmp_path / "inloggning"
    save_bot(bot, folder)
    with RunSession(load_bot(folder), folder, drivers_factory=ScreenWithPicture,
                    guard=lambda *_: contextlib.nullcontext()) as session:
        result = session.run({"anvandare": "Åsa Öberg", "losenord": SECRET})
    assert result.status == "failed"
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
        return run, run_steps(store, run.run_id)


def every_encoding_of(text: str) -> list[bytes]:
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be", "cp1252")]


def test_no_secret_value_reaches_either_export_and_the_secret_shows_as_a_mask(
        tmp_path: Path) -> None:
    run, steps = run_with_a_secret(tmp_path)
    csv_bytes = run_csv(run, steps)
    html_bytes = run_html(run, steps).encode("utf-8")
    for exported in (csv_bytes, html_bytes):
        for encoded in every_encoding_of(SECRET):
            assert encoded not in exported
    assert "<dt>Value: losenord</dt><dd>•••</dd>" in html_bytes.decode()
    assert "<dt>Value: anvandare</dt><dd>Åsa Öberg</dd>" in html_bytes.decode()


def test_the_csv_opens_in_swedish_excel_one_row_per_step(tmp_path: Path) -> None:
    run, steps = run_with_a_secret(tmp_path)
    exported = run_csv(run, steps)
    assert exported.startswith(b"\xef\xbb\xbf")  # UTF-8 that Excel recognises, å ä ö intact
    text = exported.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, *body = rows
    assert header[:3] == ["Run id", "Bot", "Step"]
    assert [row[2] for row in body] == ["1", "2", "3", "4"]
    assert [row[header.index("Status")] for row in body] == ["succeeded"] * 3 + ["failed"]
    assert [row[header.index("Type")] for row in body] == ["Type text", "Type text", "Key",
                                                           "Wait"]
    seconds = body[0][header.index("Seconds")]
    assert re.fullmatch(r"\d+,\d{3}", seconds)  # a decimal comma, read as a number
    assert body[3][header.index("Screenshot")] == "step-004.png"


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_made_plain_text() -> None:
    run = RunRecord("r1", "=HYPERLINK(\"http://x\")", "/bots/x", 1.0, 2.0, "failed", None)
    step = StepRecord(0, "s1", "click", "failed", 1.0, 2.0, None, None,
                      "+window 'Ärende' is not open", None)
    body = list(csv.reader(io.StringIO(run_csv(run, [step]).decode("utf-8-sig")),
                           delimiter=";"))[1]
    assert body[1] == "'=HYPERLINK(\"http://x\")"
    assert body[11] == "'+window 'Ärende' is not open"


def test_the_html_report_is_one_file_that_fetches_nothing_and_embeds_the_failure_screen(
        tmp_path: Path) -> None:
    run, steps = run_with_a_secret(tmp_path)
    page = run_html(run, steps)
    assert page.count("data:image/png;base64,") == 1
    assert "Screen when step 4 failed" in page
    # No address outside the page: nothing with a scheme but the embedded picture.
    assert not re.search(r"(src|href)=\"(?!data:)", page)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page


def test_text_from_the_log_is_escaped_not_run_as_markup() -> None:
    run = RunRecord("r1", "<script>alert(1)</script>", "/bots/x", 1.0, 2.0, "failed",
                    "step 1: \"<b>\" & more", {"namn": "<img src=x onerror=alert(1)>"})
    step = StepRecord(0, "s1", "click", "failed", 1.0, 2.0, None, None, "<i>oops</i>", None)
    page = run_html(run, [step])
    assert "<script>" not in page and "<img src=x" not in page and "<i>oops" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_screenshot_removed_after_the_retention_period_is_said_to_be_removed(
        tmp_path: Path) -> None:
    run = RunRecord("r1", "Ansökan", "/bots/x", 1.0, 2.0, "failed", None)
    step = StepRecord(2, "s1", "click", "failed", 1.0, 2.0, None, None, "not found",
                      str(tmp_path / "gone.png"))
    page = run_html(run, [step])
    assert "Screen when step 3 failed: the screenshot has been removed" in page
    assert "data:image" not in page


def test_the_report_speaks_the_language_it_is_given() -> None:
    swedish = {"Run report": "Körningsrapport", "failed": "misslyckades"}
    run = RunRecord("r1", "Ansökan", "/bots/x", 1.0, 2.5, "failed", None)
    page = run_html(run, [], tr=lambda text: swedish.get(text, text), language="sv",
                    number=lambda value: f"{value:.1f}".replace(".", ","))
    assert '<html lang="sv">' in page
    assert "Körningsrapport: Ansökan" in page and "misslyckades" in page
    assert "1,5 s" in page


def test_what_each_step_does_is_said_when_the_bot_is_at_hand() -> None:
    run = RunRecord("r1", "Ansökan", "/bots/x", 1.0, 2.0, "succeeded", None)
    steps = [StepRecord(0, "s1", "type_text", "succeeded", 1.0, 2.0, None, None, None, None)]
    described = {"s1": "{{namn}} · Socialsystemet – Ansökan"}
    rows = list(csv.reader(io.StringIO(run_csv(run, steps, descriptions=described)
                                       .decode("utf-8-sig")), delimiter=";"))
    assert rows[1][rows[0].index("What")] == "{{namn}} · Socialsystemet – Ansökan"
    assert "<td>{{namn}} · Socialsystemet – Ansökan</td>" in run_html(
        run, steps, descriptions=described)
