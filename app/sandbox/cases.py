"""Where the practice system keeps saved cases: one JSON object a line, readable at once by
the test or robot run that is watching the file from another process.

Lines written before a field existed (``attachments`` and ``priority`` came later) stay valid:
the store only ever reads a line's ``case_number`` back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

_CASE_NUMBER = re.compile(r"^(?P<year>\d{4})-(?P<serial>\d{6})$")


@dataclass(frozen=True)
class Case:
    case_number: str
    name: str
    personnummer: str
    amount: str
    category: str
    home_municipality: str
    free_text: str
    attachments: tuple[str, ...]
    priority: int
    saved_by: str
    saved_at: str

    def to_json_line(self) -> str:
        fields = {
            "case_number": self.case_number,
            "name": self.name,
            "personnummer": self.personnummer,
            "amount": self.amount,
            "category": self.category,
            "home_municipality": self.home_municipality,
            "free_text": self.free_text,
            "attachments": list(self.attachments),
            "priority": self.priority,
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
        }
        return json.dumps(fields, ensure_ascii=False) + "\n"


class CaseStore:
    """Appends cases to a JSON-lines file and hands out sequential case numbers.

    The first number comes from the seed so that two runs with the same seed agree; when the
    file already holds cases of this year, numbering continues after them so a restarted
    practice system never repeats a number in the same file.
    """

    def __init__(self, path: Path, seed: int, year: int | None = None) -> None:
        self.path = path
        self.year = year if year is not None else dt.date.today().year
        # A generator of its own, so latency draws never shift the case numbers.
        first = random.Random(f"case-numbers-{seed}").randrange(100, 900)
        self._next_serial = max(first, self._highest_serial_in_file() + 1)

    def next_case_number(self) -> str:
        return f"{self.year}-{self._next_serial:06d}"

    def append(self, case: Case) -> None:
        with self.path.open("a", encoding="utf-8", newline="\n") as stream:
            stream.write(case.to_json_line())
            stream.flush()
            # Another process (a test, a robot's check step) reads the file right after the
            # confirmation appears; fsync makes that read see the line even after a crash.
            os.fsync(stream.fileno())
        self._next_serial += 1

    def _highest_serial_in_file(self) -> int:
        highest = 0
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return highest
        for line in lines:
            try:
                number = json.loads(line).get("case_number", "")
            except (ValueError, AttributeError):
                continue
            match = _CASE_NUMBER.match(number) if isinstance(number, str) else None
            if match is not None and int(match["year"]) == self.year:
                highest = max(highest, int(match["serial"]))
        return highest


def prepare_cases_file(path: Path) -> None:
    """Create the file (and its folder) at start, so a bad path is reported before anyone has
    typed a case, and a watcher can wait for the file to exist as a sign of life."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8"):
        pass


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
