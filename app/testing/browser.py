"""A plain e-service form in Chromium, for benchmarks and tests of web selectors.

The form is served on 127.0.0.1 by a small HTTP server of this process and opened in Debian's
``chromium`` with its own profile folder, at a given place and size, on a given display. Its
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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORM_TITLE = "Ansökan om ekonomiskt bistånd"
FORM = f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{FORM_TITLE}</title>
<style>body {{ font-family: sans-serif; }} form {{ width: 420px; margin: 40px auto; }}</style>
</head><body><form>
<p><label for="namn">Namn</label><br><input id="namn" name="namn"></p>
<p><label for="kategori">Kategori</label><br>
<select id="kategori"><option>Hyra</option><option>El</option><option>Mat</option></select></p>
<p><label for="motivering">Motivering</label><br><textarea id="motivering"></textarea></p>
<p><label for="losenord">Lösenord</label><br><input id="losenord" type="password"></p>
<p><button id="skicka" type="button">Skicka</button></p>
</form></body></html>
"""


class BrowserError(RuntimeError):
    """Chromium is not installed or did not start."""


@dataclass(frozen=True)
class BrowserForm:
    url: str
    process: subprocess.Popen[bytes]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
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
        handler = functools.partial(_QuietHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, name="form-server", daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/form.html"
        process = subprocess.Popen(
            [program, "--force-renderer-accessibility", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--password-store=basic",
             "--test-type", f"--user-data-dir={Path(folder) / 'profile'}",
             f"--window-position={position[0]},{position[1]}",
             f"--window-size={size[0]},{size[1]}", url],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        try:
            yield BrowserForm(url, process)
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
