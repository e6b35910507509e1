"""While a robot runs with a password, no text the program writes holds it: the run log in the
database (step errors made from exception messages, the run's reason, log lines), the log file,
the console, exports, and the text kept inside a failure screenshot. It shows as •••."""

from __future__ import annotations

import contextlib
import io
import logging
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import paths, redaction
from app.core.model.bot import Bot, Parameter, Step, TypeTextStep
from app.core.model.botfile import save_bot
from app.core.redaction import MASK, RedactingFilter, hidden, redact, redact_png
from app.core.results.export import run_csv, run_html
from app.core.results.history import recent_runs, run_steps
from app.core.results.listeners import RunListener
from app.core.results.outcome import RunResult, StepResult
from app.core.running.session import RunSession
from app.core.store import Store
from tests.unit.fake_desktop import FakeDesktop

SECRET = "Hemligt-Lösen-42"


@pytest.fixture(autouse=True)
def nothing_hidden_before_or_after() -> Iterator[None]:
    assert not redaction.active()
    yield
    assert not redaction.active(), "a test left a secret registered"


def every_encoding_of(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def contains_secret(data: bytes) -> bool:
    return any(encoded in data for encoded in every_encoding_of(SECRET))


# --- the redaction itself -----------------------------------------------------------------------

passwords = st.text(min_size=redaction.MIN_LENGTH, max_size=30).filter(lambda s: s.strip())


@given(secret=passwords, before=st.text(max_size=40), after=st.text(max_size=40))
def test_a_hidden_secret_never_survives_in_any_text_around_it(secret: str, before: str,
                                                             after: str) -> None:
    with hidden([secret]):
        shown = redact(f"{before}{secret}{after}{secret!r}")
    assert secret not in shown
    assert MASK in shown


def test_text_without_a_secret_and_text_after_the_run_are_left_alone() -> None:
    with hidden([SECRET]):
        assert redact("steg 3 misslyckades") == "steg 3 misslyckades"
    assert redact(f"efter körningen: {SECRET}") == f"efter körningen: {SECRET}"


def test_a_secret_shared_by_two_runs_stays_hidden_until_both_end() -> None:
    with hidden([SECRET]):
        with hidden([SECRET]):
            pass
        assert redact(SECRET) == MASK


def test_a_secret_too_short_to_protect_anything_does_not_turn_the_log_to_mush() -> None:
    with hidden(["ab"]):
        assert redact("a label about tabs") == "a label about tabs"


# --- exception messages become step results and log lines without it --------------------------


class FailingDesktop(FakeDesktop):
    """A desktop whose typing fails with a message that quotes what it was asked to type, as
    some drivers' errors do."""

    def type_text(self, text: str) -> None:
        raise RuntimeError(f"could not type {text!r} into the field")

    def screenshot_png(self) -> bytes:
        return png_with_text("Comment", f"typed {SECRET}")


def png_with_text(keyword: str, text: str) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    itxt = (keyword.encode() + b"\0\0\0sv\0\0" + text.encode("utf-8"))
    return (redaction.PNG_SIGNATURE + chunk(b"IHDR", header)
            + chunk(b"tEXt", keyword.encode() + b"\0" + text.encode("latin-1", "replace"))
            + chunk(b"iTXt", itxt)
            + chunk(b"zTXt", keyword.encode() + b"\0\0" + zlib.compress(text.encode("latin-1",
                                                                                  "replace")))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


@pytest.fixture
def failed_run(tmp_path: Path) -> Path:
    folder = tmp_path / "inloggning"
    save_bot(Bot("Inloggning", parameters=[Parameter("losenord", "secret")],
                 steps=[TypeTextStep(id="losen", text="{{losenord}}")]), folder)
    from app.core.model.botfile import load_bot

    seen: list[str] = []

    class Front(RunListener):
        """What a front end (studio, tray) is told while the run goes on."""

        def end_step(self, step: Step, result: StepResult) -> None:
            seen.append(result.error or "")

        def end_run(self, bot: Bot, result: RunResult) -> None:
            seen.append(result.reason or "")

    with RunSession(load_bot(folder), folder, drivers_factory=FailingDesktop,
                    guard=lambda target, drivers: contextlib.nullcontext()) as session:
        result = session.run({"losenord": SECRET}, listeners=[Front()])
        logging.getLogger("app.test").warning("the run failed: %s", result.reason)
    assert result.status == "failed"
    assert SECRET not in (result.reason or "")
    assert all(SECRET not in (step.error or "") for step in result.steps)
    assert len(seen) == 2 and all(SECRET not in text and MASK in text for text in seen)
    return folder


def test_an_exception_quoting_the_secret_becomes_a_step_result_and_log_without_it(
        failed_run: Path) -> None:
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
        [step] = run_steps(store, run.run_id)
        lines = store.log_lines(run_id=run.run_id)
    assert step.status == "failed" and step.error is not None
    assert "could not type" in step.error and MASK in step.error
    assert SECRET not in step.error and SECRET not in (run.reason or "")
    assert run.parameters == {"losenord": MASK}
    assert all(SECRET not in str(line["message"]) for line in lines)
    for file in paths.data_dir().rglob("*"):
        if file.is_file():
            assert not contains_secret(file.read_bytes()), file


def test_the_failure_screenshot_keeps_its_pixels_but_not_the_secret_in_its_text(
        failed_run: Path) -> None:
    [screenshot] = list((paths.data_dir() / "runs").rglob("*.png"))
    data = screenshot.read_bytes()
    assert data.startswith(redaction.PNG_SIGNATURE) and b"IDAT" in data
    assert not contains_secret(data)
    assert not contains_secret(zlib.decompress(data.split(b"zTXt")[1][10:]) if b"zTXt" in data
                               else b"")


def test_exports_and_the_html_report_of_that_run_hold_no_trace_of_it(failed_run: Path) -> None:
    with Store(paths.database_path()) as store:
        [run] = recent_runs(store)
        steps = run_steps(store, run.run_id)
    assert not contains_secret(run_csv(run, steps))
    assert not contains_secret(run_html(run, steps).encode("utf-8"))


def test_png_metadata_is_redacted_chunk_by_chunk_and_stays_a_valid_png() -> None:
    original = png_with_text("Description", f"lösenord {SECRET} inskrivet")
    with hidden([SECRET]):
        cleaned = redact_png(original)
    assert not contains_secret(cleaned)
    position = len(redaction.PNG_SIGNATURE)
    kinds = []
    while position < len(cleaned):
        (length,) = struct.unpack(">I", cleaned[position:position + 4])
        kind, data = cleaned[position + 4:position + 8], cleaned[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", cleaned[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF
        kinds.append(kind)
        position += 12 + length
    assert kinds == [b"IHDR", b"tEXt", b"tEXt", b"tEXt", b"IDAT", b"IEND"]


# --- logging and the store --------------------------------------------------------------------


def test_a_log_handler_with_the_filter_writes_neither_message_nor_traceback_with_it() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("app.test.redaction")
    logger.addHandler(handler)
    try:
        with hidden([SECRET]):
            try:
                raise ValueError(f"login refused for password {SECRET}")
            except ValueError:
                logger.warning("typing %s failed", SECRET, exc_info=True)
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "login refused for password" in written and "typing ••• failed" in written
    assert SECRET not in written


def test_every_text_the_store_is_given_is_redacted_but_its_own_names_are_not(
        tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store, hidden([SECRET]):
        run_id = store.start_run("Inloggning", "/bots/x", {"losenord": SECRET})
        store.log("error", f"Exception: {SECRET}", run_id=run_id)
        store.end_run(run_id, "failed", f"step 1: {SECRET}")
        store.flush()
        run = store.run(run_id)
        [line] = store.log_lines(run_id=run_id)
    assert run is not None and run["status"] == "failed"
    assert run["reason"] == f"step 1: {MASK}" and line["message"] == f"Exception: {MASK}"
    assert SECRET not in str(run["parameters_json"])
