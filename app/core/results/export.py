"""One past run as a file to hand on: CSV for a spreadsheet, or a self-contained HTML report.

Both are made from what the run log kept (``RunRecord`` and its ``StepRecord``s), so a secret
parameter reaches them only as the mask the run log stored (``•••``): its value was never kept.
The HTML report is one file that opens anywhere, on a computer without network too: failure
screenshots are embedded as ``data:`` URIs, the style is inline, every text from the log is
escaped, and a content security policy forbids the page to fetch anything.

Texts a person reads go through ``tr`` (the face passes its own, so the report is in the user's
language); the core itself has no translations and leaves the English.
"""

from __future__ import annotations

import base64
import csv
import datetime
import html
import io
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from app.core.results.history import RunRecord, StepRecord

Translate = Callable[[str], str]

# Swedish and Danish Excel split a CSV at the list separator of the system's locale, which is
# the semicolon (the comma is their decimal sign), and read a CSV as the ANSI code page unless it
# starts with a UTF-8 byte order mark, which turns å ä ö into mojibake. So: semicolons, a BOM,
# decimal commas and CRLF line ends, as Excel itself saves "CSV UTF-8" there. A "sep=;" first
# line would fix the separator for English Excel too, but Excel then ignores the BOM.
CSV_SEPARATOR = ";"
UTF8_BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet; an error message or a window
# title from the log must never run as one (CSV injection), so such a cell gets a leading quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A full-HD screenshot is 1–3 MB as PNG; anything far larger is not one of ours.
MAX_SCREENSHOT_BYTES = 30_000_000


def _english(text: str) -> str:
    return text


def _decimal_comma(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def local_time(timestamp: float | None) -> str:
    """A time as Swedish and Danish offices write it (ISO order, local time), or empty."""
    if timestamp is None:
        return ""
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S")


def found_by_text(found_by: str | None, tr: Translate = _english) -> str:
    """Which way the player found a step's target, in words a superuser reads."""
    words = {
        "selector": tr("element, by its name in the application"),
        "anchor": tr("picture, near its place"),
        "anchor_screen": tr("picture, elsewhere on the screen"),
        "window": tr("place in its window"),
        "absolute": tr("place on the screen"),
        "shown": tr("shown by a person"),
        "confirmed": tr("recorded place, confirmed by a person"),
        "none": tr("not needed"),
    }
    if found_by is None:
        return ""
    return words.get(found_by, found_by)


def status_text(status: str, tr: Translate = _english) -> str:
    """A run's or a step's status in words."""
    words = {
        "running": tr("running"),
        "succeeded": tr("succeeded"),
        "failed": tr("failed"),
        "aborted": tr("stopped"),
        "skipped": tr("skipped"),
    }
    return words.get(status, status)


def kind_text(kind: str, tr: Translate = _english) -> str:
    """A step's type in words, as the step table names it."""
    words = {"click": tr("Click"), "drag": tr("Drag"), "scroll": tr("Scroll"),
             "type_text": tr("Type text"), "key": tr("Key"), "hotkey": tr("Shortcut"),
             "wait": tr("Wait")}
    return words.get(kind, kind)


def _safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


# --- CSV -------------------------------------------------------------------------------------


def run_csv(run: RunRecord, steps: list[StepRecord], tr: Translate = _english,
            descriptions: Mapping[str, str] | None = None) -> bytes:
    """The run as CSV, one row per step result, for Swedish or Danish Excel (see above);
    ``descriptions`` say by step id what each step does, when the bot is at hand."""
    described = descriptions or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow([tr("Run id"), tr("Bot"), tr("Step"), tr("Step id"), tr("Type"), tr("What"),
                     tr("Status"), tr("Started"), tr("Seconds"), tr("Found by"), tr("Match"),
                     tr("Error"), tr("Screenshot")])
    for step in steps:
        duration = step.duration_s
        writer.writerow([
            run.run_id,
            _safe_cell(run.bot_name),
            step.index + 1,
            _safe_cell(step.step_id),
            _safe_cell(kind_text(step.kind, tr)),
            _safe_cell(described.get(step.step_id, "")),
            status_text(step.status, tr),
            local_time(step.started_at),
            "" if duration is None else _decimal_comma(duration, 3),
            found_by_text(step.found_by, tr),
            "" if step.score is None else _decimal_comma(step.score, 3),
            _safe_cell(" ".join((step.error or "").split())),
            Path(step.screenshot).name if step.screenshot else "",
        ])
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")


# --- HTML ------------------------------------------------------------------------------------


def read_screenshot(reference: str | None) -> bytes | None:
    """The PNG a step result refers to, or None when it is gone (pruned after the retention
    period), unreadable or not a PNG picture of a sane size."""
    if not reference:
        return None
    path = Path(reference)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SCREENSHOT_BYTES:
            return None
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    return data if data.startswith(PNG_SIGNATURE) else None


ScreenshotReader = Callable[[str | None], bytes | None]

_STYLE = """
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", sans-serif; margin: 2em;
       color: #1d1d1f; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border-bottom: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fdecea; }
.status-succeeded { color: #1b5e20; } .status-failed, .status-aborted { color: #b71c1c; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dt { font-weight: bold; } dd { margin: 0; }
figure { margin: 1em 0; } img { max-width: 100%; border: 1px solid #999; }
"""


def run_html(run: RunRecord, steps: list[StepRecord], *, tr: Translate = _english,
             number: Callable[[float], str] | None = None, language: str = "en",
             descriptions: Mapping[str, str] | None = None,
             screenshots: ScreenshotReader = read_screenshot) -> str:
    """The run as one self-contained HTML page (see the module's docstring); ``language`` is
    the one ``tr`` translates into."""
    shown = number or (lambda value: _decimal_comma(value, 2))
    described = descriptions or {}

    def escaped(value: object) -> str:
        return html.escape(str(value), quote=True)

    duration = run.duration_s
    facts = [
        (tr("Bot"), run.bot_name),
        (tr("Run id"), run.run_id),
        (tr("Started"), local_time(run.started_at)),
        (tr("Ended"), local_time(run.ended_at)),
        (tr("Duration"), "" if duration is None else f"{shown(duration)} s"),
        (tr("Status"), status_text(run.status, tr)),
        (tr("Reason"), run.reason or ""),
    ]
    value_word = tr("Value")
    facts += [(f"{value_word}: {name}", value) for name, value in run.parameters.items()]
    title = escaped(tr("Run report"))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escaped(language)}"><head><meta charset="utf-8">',
        # Nothing but the page itself and its embedded pictures: no scripts, no fetches.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'img-src data:; style-src \'unsafe-inline\'">',
        f"<title>{title}: {escaped(run.bot_name)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{title}: {escaped(run.bot_name)}</h1>",
        "<dl>",
    ]
    parts += [f"<dt>{escaped(label)}</dt><dd>{escaped(value)}</dd>" for label, value in facts]
    parts.append("</dl>")
    if not steps:
        no_steps = tr("No steps were recorded for this run.")
        parts.append(f"<p>{escaped(no_steps)}</p>")
    else:
        headings = [tr("Step"), tr("Type"), tr("What"), tr("Status"), tr("Seconds"), tr("Found by"),
                    tr("Match"), tr("Error")]
        parts.append("<table><thead><tr>"
                     + "".join(f"<th>{escaped(h)}</th>" for h in headings)
                     + "</tr></thead><tbody>")
        for step in steps:
            seconds = step.duration_s
            row_class = ' class="failed"' if step.status == "failed" else ""
            parts.append(
                f"<tr{row_class}><td class=\"number\">{step.index + 1}</td>"
                f"<td>{escaped(kind_text(step.kind, tr))}</td>"
                f"<td>{escaped(described.get(step.step_id, ''))}</td>"
                f"<td class=\"status-{escaped(step.status)}\">"
                f"{escaped(status_text(step.status, tr))}</td>"
                f"<td class=\"number\">{'' if seconds is None else escaped(shown(seconds))}</td>"
                f"<td>{escaped(found_by_text(step.found_by, tr))}</td>"
                f"<td class=\"number\">"
                f"{'' if step.score is None else escaped(shown(step.score))}</td>"
                f"<td>{escaped(step.error or '')}</td></tr>")
        parts.append("</tbody></table>")
    for step in steps:
        if not step.screenshot:
            continue
        caption = tr("Screen when step {number} failed").format(number=step.index + 1)
        picture = screenshots(step.screenshot)
        if picture is None:
            removed = tr("the screenshot has been removed")
            parts.append(f"<p>{escaped(caption)}: {escaped(removed)}</p>")
            continue
        encoded = base64.b64encode(picture).decode("ascii")
        parts.append(f'<figure><img alt="{escaped(caption)}" '
                     f'src="data:image/png;base64,{encoded}">'
                     f"<figcaption>{escaped(caption)}</figcaption></figure>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
