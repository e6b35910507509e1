"""The practice system as a separate process, for benchmarks and end-to-end tests.

Started exactly as a caseworker would start it (``robotfabrik sandbox``), on a given display,
at a given position, with a cases file whose lines are the cases it saved.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_POSITION = (200, 150)


class PracticeSystem:
    """One running practice system; ``stop()`` ends it and returns what it wrote on stderr."""

    def __init__(self, environment: dict[str, str], cases_file: Path, *extra: str,
                 position: tuple[int, int] = DEFAULT_POSITION, seed: int = 7) -> None:
        self.cases_file = cases_file
        self.position = position
        self._environment = environment
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "sandbox", "--cases-file", str(cases_file),
             "--position", f"{position[0]},{position[1]}", "--seed", str(seed), *extra],
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def cases(self) -> list[dict[str, object]]:
        """Every case saved so far, oldest first."""
        if not self.cases_file.exists():
            return []
        lines = self.cases_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for_cases(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.cases()) >= count:
                return True
            time.sleep(0.05)
        return len(self.cases()) >= count

    def wait_until_shown(self, title_part: str = "Inloggning", timeout: float = 30.0) -> None:
        """Return once this process shows a window whose title has ``title_part`` in it, so a
        window of a practice system stopped a moment ago is never taken for it; RuntimeError
        with what the process said if it ends or shows nothing within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the practice system ended: {self.stop().strip()[-2000:]}")
            if title_part in self._titles():
                return
            if time.monotonic() >= deadline:
                raise RuntimeError(f"the practice system showed no window titled "
                                   f"…{title_part}… within {timeout:.0f} s")
            time.sleep(0.05)

    def _titles(self) -> str:
        found = subprocess.run(
            ["xdotool", "search", "--all", "--onlyvisible", "--pid", str(self.process.pid),
             "--name", ".", "getwindowname", "%@"],
            env=self._environment, capture_output=True, text=True, timeout=30, check=False)
        return found.stdout

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return errors
