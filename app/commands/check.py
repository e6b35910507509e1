"""``robotfabrik check``: whether a bot and its data file can be used, before a robot runs.

It reads the bot and the data file exactly as ``run`` would, and says how the file was read,
how many cases are good and what is wrong with each bad row. It types nothing, opens no window
and needs no display or password, so a superuser can check the month's file on any machine.

Exit status: 0 when every case can be run, 1 when some rows are bad (the others would run),
2 when the bot or the file cannot be used at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import EXIT_FAILED, EXIT_OK, UserError, parameter_pairs

HELP = "check a bot and its data file without running anything"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bot", help="a bot's name in the library, or the path of a bot folder")
    parser.add_argument("--data", type=Path, metavar="FILE",
                        help="a CSV or XLSX file with one case per row")
    parser.add_argument("--sheet", help="the XLSX sheet to read (default: the first visible)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a value for every row, as with run (repeatable)")


def execute(arguments: argparse.Namespace) -> int:
    from app.core.model.bot import DecisionStep
    from app.core.model.botfile import load_bot, resolve_bot_folder
    from app.core.model.data import DataFileError, read_cases
    from app.core.model.params import ParameterError, check_value

    folder = resolve_bot_folder(arguments.bot)
    bot = load_bot(folder)  # a BotFileError is reported by the caller, on one line
    fixed = parameter_pairs(arguments.param)
    print(f"{bot.name}: {len(bot.parameters)} parameters, {len(bot.steps)} steps ({folder})")
    deciding = [index + 1 for index, step in enumerate(bot.steps) if isinstance(step, DecisionStep)]
    if deciding:
        # Said before any run: a run with nobody at a terminal refuses such a bot.
        print(f"a person decides at step {', '.join(map(str, deciding))}: run it attended, or "
              "give --decision approve|reject to robotfabrik run", flush=True)
    if arguments.data is None:
        if arguments.sheet is not None:
            raise UserError("--sheet names a sheet of the --data file; give --data too")
        try:
            for name, value in fixed.items():
                parameter = bot.parameter(name)
                if parameter is None:
                    raise UserError(f"the bot has no parameter {name!r} (it has: "
                                    f"{', '.join(p.name for p in bot.parameters) or 'none'})")
                check_value(parameter, value)
        except ParameterError as error:
            raise UserError(str(error)) from None
        return EXIT_OK
    try:
        data = read_cases(arguments.data, bot, fixed, sheet=arguments.sheet, need_secrets=False)
    except (DataFileError, ParameterError) as error:
        raise UserError(str(error)) from None
    if not data.rows:
        raise UserError(f"{data.file}: no cases in the file (only its header, row "
                        f"{data.header_row})")
    print(f"{data.file}: {data.describe()}")
    if data.title_rows:
        skipped = ", ".join(str(number) for number in data.title_rows)
        print(f"  header: row {data.header_row} (above it, skipped: row {skipped})")
    # A heading that only capitalises the name is not worth repeating.
    shown = [name if data.headings[name].casefold() == name.casefold()
             else f"{name} ({data.headings[name]})" for name in data.columns]
    print(f"  columns: {', '.join(shown)}")
    if data.ignored_columns:
        print(f"  ignored columns: {', '.join(data.ignored_columns)}")
    for row in data.rows:
        if row.problem is not None:
            print(f"  {row.problem}")
        for note in row.notes:
            print(f"  row {row.number}: to check: {note}")
    good, total = len(data.cases), len(data.rows)
    print(f"{good:,} of {total:,} cases can be run" +
          ("" if good == total else f"; {total - good:,} rows need fixing"))
    return EXIT_OK if good == total else EXIT_FAILED
