"""A plain e-service form in Chromium, for benchmarks and tests of web selectors.

The form is served on 127.0.0.1 by a small HTTP server of this process and opened in Debian's
``chromium`` with its own profile folder, at a given place and size, on a given display. The
form sits centred in the window, as e-services do, so a wider window moves it; what it sends
is kept in ``BrowserForm.received``, as the case system would receive it. Its
accessibility tree is published only with ``--force-renderer-accessibility`` and
``ACCESSIBILITY_ENABLED=1`` (``shared/notes/accessibility-selectors.md``), which the caller's
environment must carry (``AccessibilityBus.environment`` does). Chromium and its helpers are
stopped as a process group: its crash-report helpers otherwise linger.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORM_TITLE = "Ansökan om ekonomiskt bistånd"
FORM = f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{FORM_TITLE}</title>
<style>body {{ font-family: sans-serif; }} form {{ width: 420px; margin: 40px auto; }}
textarea {{ width: 400px; height: 80px; }}</style>
</head><body><form method="post" action="/skicka">
<p><label for="namn">Namn</label><br><input id="namn" name="namn"></p>
<p><label for="personnummer">Personnummer</label><br>
<input id="personnummer" name="personnummer"></p>
<p><label for="kategori">Kategori</label><br>
<select id="kategori" name="kategori"><option>Hyra</option><option>El</option>
<option>Mat</option><option>Tandvård</option></select></p>
<p><label for="motivering">Motivering</label><br>
<textarea id="motivering" name="motivering"></textarea></p>
<p><label for="losenord">Lösenord</label><br>
<input id="losenord" name="losenord" type="password"></p>
<p><button id="skicka" type="submit">Skicka</button></p>
</form></body></html>
"""
RECEIVED_TITLE = "Ansökan mottagen"
RECEIVED = f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{RECEIVED_TITLE}</title></head>
<body><p>Tack, din ansökan är mottagen.</p></body></html>
"""


class BrowserError(RuntimeError):
    """Chromium is not installed or did not start."""


@dataclass(frozen=True)
class BrowserForm:
    url: str
    process: subprocess.Popen[bytes]
    # Every record the form sent, field by field, in the order they arrived.
    received: list[dict[str, str]] = field(default_factory=list)


class _FormHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the form's folder and keeps each record POSTed to it."""

    def __init__(self, *args: Any, received: list[dict[str, str]], **kwargs: Any) -> None:
        self.received = received
        super().__init__(*args, **kwargs)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        # Every field as sent, an empty one included: an empty justification is a wrong record.
        record = {name: values[-1] for name, values
                  in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
        self.received.append(record)
        page = RECEIVED.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def form_in_chromium(environment: dict[str, str], position: tuple[int, int],
                     size: tuple[int, int]) -> Iterator[BrowserForm]:
    """The form open in Chromium at ``position`` with the window ``size``, until the end."""
    program = shutil.which("chromium")
    if program is None:
        raise BrowserError("chromium is not installed (Debian package 'chromium')")
    with tempfile.TemporaryDirectory(prefix="robotfabrik-form-",
                                     ignore_cleanup_errors=True) as folder:
        (Path(folder) / "form.html").write_text(FORM, encoding="utf-8")
        received: list[dict[str, str]] = []
        handler = functools.partial(_FormHandler, directory=folder, received=received)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, name="form-server", daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/form.html"
        process = subprocess.Popen(
            [program, "--force-renderer-accessibility", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--password-store=basic",
             "--test-type", "--disable-features=Translate",
             f"--user-data-dir={Path(folder) / 'profile'}",
             f"--window-position={position[0]},{position[1]}",
             f"--window-size={size[0]},{size[1]}", url],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        try:
            yield BrowserForm(url, process, received)
        finally:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            server.shutdown()
            server.server_close()
