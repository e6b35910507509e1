"""Secret parameters kept in the operating system's keyring, never in a file of ours.

A bot's secret parameter (a password) is asked for once and kept in the keyring (the
``keyring`` library: on Linux the Secret Service over D-Bus, on Windows the Credential
Manager, on macOS the Keychain) under one service name, ``robotfabrik``, with the key
``<bot name>/<parameter>``. Nothing here logs a value or puts one in an error message.

When no keyring can be used (no Secret Service on the session bus, a locked keyring the person
declined to open), ``KeyringUnavailableError`` says so and what to do instead.
"""

from __future__ import annotations

import logging
from typing import Final

import keyring
import keyring.backends.fail
import keyring.core
import keyring.errors

log = logging.getLogger(__name__)

SERVICE: Final = "robotfabrik"


class KeyringUnavailableError(Exception):
    """No keyring can keep or give a secret now; the message says why and what to do."""


def key(bot: str, parameter: str) -> str:
    """The name a bot's secret parameter is kept under in the keyring."""
    return f"{bot}/{parameter}"


def _backend() -> keyring.backend.KeyringBackend:
    # The keyring library chooses a backend once, at first use; choosing again (a few
    # milliseconds, and passwords are asked for once per run) follows a session bus that came
    # or went since, and PYTHON_KEYRING_BACKEND as it is now.
    keyring.core.init_backend()
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        raise KeyringUnavailableError(
            "No keyring is available to keep passwords (on Linux: no Secret Service such as "
            "GNOME Keyring or KWallet runs in this desktop session). Start one, or run the "
            "bot from a terminal where the password is asked for each time.")
    return backend


def _unavailable(doing: str, what: str, error: BaseException) -> KeyringUnavailableError:
    # The error comes from the keyring library or D-Bus and names no value; its type and text
    # say which part failed (a locked collection, a dismissed prompt, no bus).
    detail = str(error).strip() or type(error).__name__
    return KeyringUnavailableError(
        f"The keyring could not {doing} the password {what}: {detail}. Unlock the keyring "
        "(log in to the desktop again), or check that a Secret Service runs.")


def stored(bot: str, parameter: str) -> str | None:
    """The value kept for the bot's secret parameter, or None when none is kept."""
    name = key(bot, parameter)
    try:
        return _backend().get_password(SERVICE, name)
    except KeyringUnavailableError:
        raise
    except Exception as error:
        raise _unavailable("read", name, error) from None


def store(bot: str, parameter: str, value: str) -> None:
    """Keep ``value`` for the bot's secret parameter, replacing any kept before."""
    name = key(bot, parameter)
    if not value:
        raise ValueError(f"an empty password is not kept in the keyring ({name})")
    try:
        _backend().set_password(SERVICE, name, value)
    except KeyringUnavailableError:
        raise
    except Exception as error:
        raise _unavailable("keep", name, error) from None
    log.info("kept the password %s in the keyring", name)


def forget(bot: str, parameter: str) -> bool:
    """Remove the value kept for the bot's secret parameter; False when there was none."""
    name = key(bot, parameter)
    backend = _backend()
    try:
        if backend.get_password(SERVICE, name) is None:
            return False
        backend.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return False
    except Exception as error:
        raise _unavailable("remove", name, error) from None
    log.info("removed the password %s from the keyring", name)
    return True
