"""The practice system as end-to-end tests use it: a process on the display, and a caseworker
handling one application in it, screen by screen, with real xdotool input."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.testing.display import VirtualDisplay
from app.testing.person import Person
from app.testing.practice_system import PracticeSystem
from app.testing.sandbox_map import absolute_point, widget_centres

POSITION = (200, 150)
CASE_FIELDS = ("name", "personnummer", "amount", "category", "home_municipality", "free_text")


def robotfabrik(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *arguments]


def read_cases(file: Path) -> list[dict[str, str]]:
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line]


class Sandbox(PracticeSystem):
    """A practice system process on the test's display, at the tests' usual position."""

    def __init__(self, display: VirtualDisplay, cases_file: Path, environment: dict[str, str],
                 *extra: str) -> None:
        super().__init__(environment, cases_file, *extra, position=POSITION)


# Starts a fresh practice system by name and returns it at its login screen (a test fixture).
StartPractice = Callable[[str], Sandbox]


def handle_one_application(person: Person, case: dict[str, str], layout: str,
                           log_out: bool = False) -> None:
    """What a caseworker does for one application, screen by screen, waiting for each.

    With ``log_out`` the caseworker logs out at the end, as a robot working through many cases
    does so that each one starts from the login screen.
    """
    where = widget_centres()

    def at(screen: str, name: str) -> tuple[int, int]:
        return absolute_point(where, screen, name, POSITION)

    def write(text: str) -> None:
        # Under the Swedish layout a person reaches Å Ä Ö with Shift, which is what xdotool's
        # own typing of capitals gets wrong; type those the way a person does.
        for part in _split_capitals(text) if layout == "se" else [text]:
            if part in _SHIFTED:
                person.key(_SHIFTED[part])
            else:
                person.type(part)

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
    if log_out:
        person.click(*at("search", "logout"))
        person.wait_for_window("Inloggning")


_SHIFTED = {"Å": "shift+aring", "Ä": "shift+adiaeresis", "Ö": "shift+odiaeresis"}


def _split_capitals(text: str) -> list[str]:
    parts: list[str] = []
    for char in text:
        if char in _SHIFTED or not parts or parts[-1] in _SHIFTED:
            parts.append(char)
        else:
            parts[-1] += char
    return parts
