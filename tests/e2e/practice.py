"""The practice system as end-to-end tests use it: a process on the display, and a caseworker
handling one application in it, screen by screen, with real xdotool input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from app.bench.display import VirtualDisplay
from tests.e2e.person import Person
from tests.e2e.sandbox_map import absolute_point, widget_centres

POSITION = (200, 150)
CASE_FIELDS = ("name", "personnummer", "amount", "category", "home_municipality", "free_text")


def robotfabrik(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *arguments]


def read_cases(file: Path) -> list[dict[str, str]]:
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]


class Sandbox:
    """A practice system process on the display."""

    def __init__(self, display: VirtualDisplay, cases_file: Path, environment: dict[str, str],
                 *extra: str) -> None:
        self.cases_file = cases_file
        self.process = subprocess.Popen(
            robotfabrik("sandbox", "--cases-file", str(cases_file),
                        "--position", f"{POSITION[0]},{POSITION[1]}", "--seed", "7", *extra),
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return errors


def handle_one_application(person: Person, case: dict[str, str], layout: str) -> None:
    """What a caseworker does for one application, screen by screen, waiting for each."""
    where = widget_centres()

    def at(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(where, screen, name, POSITION)

    def write(text: str) -> None:
        # Under the Swedish layout a person reaches Å Ä Ö with Shift, which is what xdotool's
        # own typing of capitals gets wrong; type those the way a person does.
        for part in _split_capitals(text) if layout == "se" else [text]:
            if part in _SHIFTED:
                person.key(_SHIFTED[part], pause=0.05)
            else:
                person.type(part, pause=0.05)
        time.sleep(0.2)

    person.wait_for_window("Inloggning")
    person.click(*at("login", "username"))
    write("handlaggare")
    person.key("Tab")
    write("ovning")
    person.click(*at("login", "login"))
    person.wait_for_window("Sök sökande")
    person.click(*at("search", "personnummer_search"))
    write(case["personnummer"])
    person.click(*at("search", "search"))
    person.wait_for_window("Ansökan")
    person.click(*at("form", "name"))
    write(case["name"])
    person.key("Tab")
    write(case["amount"])
    person.key("Tab")
    write(case["category"])
    person.key("Tab")
    write(case["home_municipality"])
    person.key("Tab")
    write(case["free_text"])
    person.click(*at("form", "save"))
    person.wait_for_window("Ärendet är sparat")
    person.click(*at("confirmation", "confirm_ok"))
    person.wait_for_window("Sök sökande")


_SHIFTED = {"Å": "shift+aring", "Ä": "shift+adiaeresis", "Ö": "shift+odiaeresis"}


def _split_capitals(text: str) -> list[str]:
    parts: list[str] = []
    for char in text:
        if char in _SHIFTED or not parts or parts[-1] in _SHIFTED:
            parts.append(char)
        else:
            parts[-1] += char
    return parts
