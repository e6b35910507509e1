"""The audit facts of a run: who ran it, and which bot exactly.

Municipalities must be able to say afterwards who let a robot act on a case and with what: each
run row keeps the operating-system user, the sha256 of the bot's ``bot.json`` as it was read
for the run (any edit changes it) and the file's format version, beside the parameters (secrets
masked) and the outcome.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.core.model.botfile import BOT_FILE


@dataclass(frozen=True)
class RunAudit:
    os_user: str | None
    bot_sha256: str | None
    bot_version: str | None


def os_user() -> str | None:
    """The person logged in to the operating system, as it names them; None if it cannot."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        try:
            return os.getlogin()
        except OSError:
            return None


def audit_facts(folder: Path) -> RunAudit:
    """The audit facts for a run of the bot in ``folder`` (hash and version None when its
    bot.json cannot be read; the run goes on, since the bot was loaded already)."""
    try:
        content = (folder / BOT_FILE).read_bytes()
    except OSError:
        return RunAudit(os_user(), None, None)
    version: str | None = None
    try:
        top = json.loads(content)
        if isinstance(top, dict) and top.get("format_version") is not None:
            version = str(top["format_version"])
    except ValueError:
        pass
    return RunAudit(os_user(), hashlib.sha256(content).hexdigest(), version)
