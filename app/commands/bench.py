"""``robotfabrik bench SECTION``: performance figures, each measured beside its baseline.

Each section lives in ``app/bench/<section>_bench.py`` and offers ``configure(parser)`` for its
own options and ``measure(arguments) -> dict`` returning the figures, printed as one JSON object
with ``--json``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil

import app.bench
from app.bench import BenchError
from app.commands import EXIT_OK, UserError

HELP = "measure performance beside a baseline"


def sections() -> list[str]:
    """Every ``app/bench/<name>_bench.py`` is a section."""
    return sorted(module.name.removesuffix("_bench")
                  for module in pkgutil.iter_modules(app.bench.__path__)
                  if module.name.endswith("_bench"))


def configure(parser: argparse.ArgumentParser) -> None:
    subparsers = parser.add_subparsers(dest="section", metavar="SECTION", required=True)
    for name in sections():
        module = importlib.import_module(f"app.bench.{name}_bench")
        section = subparsers.add_parser(name, help=module.__doc__.splitlines()[0]
                                      if module.__doc__ else name)
        section.add_argument("--json", action="store_true", help="print one JSON object")
        module.configure(section)


def execute(arguments: argparse.Namespace) -> int:
    from app.testing.display import DisplayError

    module = importlib.import_module(f"app.bench.{arguments.section}_bench")
    try:
        figures: dict[str, object] = module.measure(arguments)
    except (BenchError, DisplayError) as error:
        raise UserError(str(error)) from None
    if arguments.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
            print(f"{name:>28}: {shown}")
    return EXIT_OK
