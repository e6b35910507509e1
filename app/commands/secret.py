"""``robotfabrik secret set|forget BOT PARAM``: keep or remove a bot's password in the keyring.

A secret parameter is never given on the command line (it would stand in the process list and
the shell's history); ``run`` asks for it once at a terminal and keeps it in the keyring. This
command does the same beforehand, or for a robot started where nobody can type: at a terminal
it asks twice without echo, otherwise it reads one line from standard input
(``printf '%s\\n' "$PASSWORD" | robotfabrik secret set BOT PARAM``).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.commands import EXIT_OK, UserError
from app.core.model.bot import Bot

HELP = "keep or remove a bot's password (secret parameter) in the keyring"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("set", "forget"),
                        help="set: ask for the password and keep it; forget: remove it")
    parser.add_argument("bot", help="a bot's name in the library, or the path of a bot folder")
    parser.add_argument("parameter", help="the bot's secret parameter, e.g. losenord")


def secret_parameter(bot: Bot, name: str) -> str:
    """The parameter's label for a prompt; UserError unless ``name`` is a secret of the bot."""
    parameter = bot.parameter(name)
    secrets = [p.name for p in bot.parameters if p.type == "secret"]
    if parameter is None or parameter.type != "secret":
        raise UserError(f"{bot.name} has no secret parameter {name!r} "
                        f"(its secret parameters: {', '.join(secrets) or 'none'})")
    return parameter.label or parameter.name


def execute(arguments: argparse.Namespace) -> int:
    from app.core import secrets
    from app.core.model.botfile import load_bot, resolve_bot_folder

    bot = load_bot(resolve_bot_folder(arguments.bot))
    label = secret_parameter(bot, arguments.parameter)
    key = secrets.key(bot.name, arguments.parameter)
    try:
        if arguments.action == "forget":
            if secrets.forget(bot.name, arguments.parameter):
                print(f"Removed the password {key} from the keyring.")
            else:
                print(f"No password {key} was kept in the keyring.")
            return EXIT_OK
        value = _read_value(f"{label} for {bot.name}")
        secrets.store(bot.name, arguments.parameter, value)
    except secrets.KeyringUnavailableError as error:
        raise UserError(str(error)) from None
    print(f"Kept the password {key} in the keyring.")
    return EXIT_OK


def _read_value(what: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(f"{what}: ")
        if value and getpass.getpass("Once more: ") != value:
            raise UserError("the two passwords differ; nothing was kept")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        value = line.removesuffix("\n").removesuffix("\r")
    if not value:
        raise UserError(f"no password was given for {what}; nothing was kept")
    return value
