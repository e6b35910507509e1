"""The practice system's command line, parsed without Qt so errors never need a display."""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

DEFAULT_POSITION = (100, 100)
DEFAULT_SIZE = (1000, 700)
FORM_FIELDS = ("name", "amount", "category", "home_municipality", "free_text")
# Below this the form no longer fits without scrolling, and scrolling would move the widgets a
# robot clicks on. The width is what the application box needs with "Bifogade handlingar" and
# "Prioritet" beside the fields.
MIN_SIZE = (1000, 600)
MAX_LATENCY_SECONDS = 60.0


class UsageError(Exception):
    """A bad option value; ``main`` prints it as one line and exits with status 2."""


class _HelpExitError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class SandboxConfig:
    cases_file: Path
    position: tuple[int, int] = DEFAULT_POSITION
    size: tuple[int, int] = DEFAULT_SIZE
    latency: tuple[float, float] = (0.0, 0.0)
    seed: int = 1
    # Form fields this version of the case system lacks, as after an upgrade that dropped one.
    leave_out: tuple[str, ...] = ()


class _Parser(argparse.ArgumentParser):
    # argparse prints a usage block and exits on its own; the practice system's callers (tests,
    # scripts) want one line and a return value instead.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            raise UsageError(message.strip())
        raise _HelpExitError(status)


def _pair(text: str, separator: str, example: str) -> tuple[int, int]:
    match = re.fullmatch(rf"\s*(-?\d+)\s*{re.escape(separator)}\s*(-?\d+)\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"must look like {example}, not {text!r}")
    return int(match[1]), int(match[2])


def parse_position(text: str) -> tuple[int, int]:
    return _pair(text, ",", "X,Y such as 100,100")


def parse_size(text: str) -> tuple[int, int]:
    width, height = _pair(text.lower(), "x", "WxH such as 1000x700")
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        raise argparse.ArgumentTypeError(
            f"must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}, not {text!r}"
        )
    if width > 10_000 or height > 10_000:
        raise argparse.ArgumentTypeError(f"is too large: {text!r}")
    return width, height


def parse_latency(text: str) -> tuple[float, float]:
    """``MIN-MAX`` in seconds, e.g. ``0.2-1.5``; a single number means a fixed delay."""
    parts = text.split("-")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 2) or not all(math.isfinite(n) for n in numbers):
        raise argparse.ArgumentTypeError(
            f"must look like MIN-MAX seconds such as 0.2-1.5, not {text!r}"
        )
    low, high = numbers[0], numbers[-1]
    if low > high:
        raise argparse.ArgumentTypeError(f"minimum is above maximum in {text!r}")
    if high > MAX_LATENCY_SECONDS:
        raise argparse.ArgumentTypeError(
            f"may be at most {MAX_LATENCY_SECONDS:g} seconds, not {text!r}"
        )
    return low, high


def parse_seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="robotfabrik sandbox",
        description=(
            "Practice system: a fictitious municipal case system for economic assistance that "
            "robots practise on and end-to-end tests drive."
        ),
    )
    add_options(parser)
    return parser


def add_options(parser: argparse.ArgumentParser) -> None:
    """The practice system's options, on its own parser or on ``robotfabrik sandbox``'s."""
    parser.add_argument(
        "--cases-file", required=True, type=Path, metavar="PATH",
        help="every saved case is appended here as one JSON line",
    )
    parser.add_argument(
        "--position", type=parse_position, default=DEFAULT_POSITION, metavar="X,Y",
        help="top-left corner of the window (default 100,100)",
    )
    parser.add_argument(
        "--size", type=parse_size, default=DEFAULT_SIZE, metavar="WxH",
        help="window size (default 1000x700)",
    )
    parser.add_argument(
        "--latency", type=parse_latency, default=(0.0, 0.0), metavar="MIN-MAX",
        help="seconds of artificial delay before each screen appears (default 0-0)",
    )
    parser.add_argument(
        "--seed", type=parse_seed, default=1, metavar="N",
        help="seed for the latency and the case numbers, so runs repeat (default 1)",
    )
    parser.add_argument(
        "--leave-out", action="append", choices=FORM_FIELDS, default=[], metavar="FIELD",
        help="show the application form without this field, as a newer version of the system "
             f"might ({', '.join(FORM_FIELDS)}; may be repeated)",
    )


def parse_arguments(argv: list[str]) -> SandboxConfig | int:
    """The configuration, or an exit status when ``--help`` was shown."""
    try:
        namespace = build_parser().parse_args(argv)
    except _HelpExitError as shown:
        return shown.status
    return config_from(namespace)


def config_from(namespace: argparse.Namespace) -> SandboxConfig:
    """The configuration from parsed options (``add_options``)."""
    return SandboxConfig(
        cases_file=namespace.cases_file,
        position=namespace.position,
        size=namespace.size,
        latency=namespace.latency,
        seed=namespace.seed,
        leave_out=tuple(namespace.leave_out),
    )
