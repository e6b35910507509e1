"""Where Robotfabrik keeps its data: database, pictures, settings and the bot library.

``ROBOTFABRIK_HOME`` overrides the per-user data and configuration directories, so tests and
portable installations never touch the real ones. The library folder can be moved in the
settings (``app.core.settings``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "robotfabrik"
HOME_VARIABLE = "ROBOTFABRIK_HOME"


def data_dir() -> Path:
    """The directory that holds the database, settings and the user's own bots.

    Nothing here creates directories: only code that writes does, so that reading (or failing to
    read) a bot leaves the disk as it was.
    """
    override = os.environ.get(HOME_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def database_path() -> Path:
    return data_dir() / "robotfabrik.sqlite"


def config_dir() -> Path:
    """The directory that holds ``settings.json``: the data directory under ROBOTFABRIK_HOME."""
    override = os.environ.get(HOME_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def default_library_dir() -> Path:
    return data_dir() / "recordings"


def library_dir() -> Path:
    """Bots the user recorded or copied in; ``robotfabrik run NAME`` looks here first.

    The folder chosen in the settings, else ``recordings`` in the data directory.
    """
    # Imported here: settings finds its file through this module.
    from app.core import settings

    chosen = settings.current().settings.library_folder
    return chosen if chosen is not None else default_library_dir()


def shipped_examples_dir() -> Path:
    """Example bots that come with the source tree (``recordings/`` beside ``app/``)."""
    return Path(__file__).resolve().parent.parent.parent / "recordings"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "resources"
