"""The person's settings: library folder, recorder hotkeys, retention days and language.

Kept as a small JSON file in the configuration directory (``paths.settings_path()``). Reading
never writes: a file that cannot be used gives the defaults for what is wrong and a problem
that names the file and the field, and it stays as it is until the person saves new settings.
Saving is atomic (a temporary file beside it, then a rename), so a crash leaves either the old
file or the new one.

The core reads what it needs from ``current()``: ``paths.library_dir()`` the library folder,
``retention.keep_days()`` the retention period, ``robotfabrik record`` the hotkeys.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from app.core import paths
from app.core.hotkeys import (
    DEFAULT_PAUSE_HOTKEY,
    DEFAULT_SECRET_HOTKEY,
    DEFAULT_STOP_HOTKEY,
    format_hotkey,
    parse_hotkey,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
LanguageChoice = Literal["system", "sv", "da", "en"]
LANGUAGE_CHOICES: tuple[LanguageChoice, ...] = get_args(LanguageChoice)
HotkeyName = Literal["stop", "pause", "secret"]
HOTKEY_NAMES: tuple[HotkeyName, ...] = get_args(HotkeyName)
MIN_RETENTION_DAYS = 1
MAX_RETENTION_DAYS = 3650
DEFAULT_RETENTION_DAYS = 30
# A settings file is a few hundred bytes; anything far larger is not one.
MAX_FILE_BYTES = 64 * 1024
MAX_PATH_CHARS = 4096


@dataclass(frozen=True)
class Settings:
    """What the person chose; every field is valid by construction (see ``check``)."""

    # None: the default, ``recordings`` in the data directory.
    library_folder: Path | None = None
    stop_hotkey: frozenset[str] = DEFAULT_STOP_HOTKEY
    pause_hotkey: frozenset[str] = DEFAULT_PAUSE_HOTKEY
    secret_hotkey: frozenset[str] = DEFAULT_SECRET_HOTKEY
    retention_days: int = DEFAULT_RETENTION_DAYS
    language: LanguageChoice = "system"
    # Privacy mode: no screenshot of a failed step is kept at all (screens show personal data).
    privacy_mode: bool = False

    def hotkeys(self) -> dict[HotkeyName, frozenset[str]]:
        return {"stop": self.stop_hotkey, "pause": self.pause_hotkey,
                "secret": self.secret_hotkey}


@dataclass(frozen=True)
class Problem:
    """Why (part of) the settings file was not used: ``field`` is None for the whole file."""

    path: Path
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else str(self.path)
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    problems: tuple[Problem, ...] = ()

    @property
    def usable(self) -> bool:
        """True when the file was absent or read without a problem, so saving loses nothing."""
        return not self.problems


class SettingsError(ValueError):
    """Settings that may not be saved: ``field`` names which one, ``reason`` says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def hotkey_clashes(hotkeys: dict[HotkeyName, frozenset[str]]) -> dict[HotkeyName, HotkeyName]:
    """Each hotkey that equals an earlier one, with the one it equals."""
    clashes: dict[HotkeyName, HotkeyName] = {}
    seen: dict[frozenset[str], HotkeyName] = {}
    for name in HOTKEY_NAMES:
        keys = hotkeys[name]
        if keys in seen:
            clashes[name] = seen[keys]
        else:
            seen[keys] = name
    return clashes


def check(settings: Settings) -> Settings:
    """``settings`` if every field may be saved; otherwise SettingsError naming the field."""
    days = settings.retention_days
    if (isinstance(days, bool) or not isinstance(days, int)
            or not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS):
        raise SettingsError("retention_days", f"must be a whole number of days from "
                                              f"{MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS}")
    if settings.language not in LANGUAGE_CHOICES:
        raise SettingsError("language", f"must be one of {', '.join(LANGUAGE_CHOICES)}")
    folder = settings.library_folder
    if folder is not None and (not folder.is_absolute() or len(str(folder)) > MAX_PATH_CHARS
                               or "\x00" in str(folder)):
        raise SettingsError("library_folder", "must be an absolute folder path")
    for name, keys in settings.hotkeys().items():
        try:
            if parse_hotkey(format_hotkey(keys)) != keys:
                raise ValueError("is not written the way hotkeys are")
        except ValueError as error:
            raise SettingsError(f"hotkeys.{name}", str(error)) from None
    for name, other in hotkey_clashes(settings.hotkeys()).items():
        raise SettingsError(f"hotkeys.{name}", f"is the same as the {other} hotkey")
    return settings


# ---------------------------------------------------------------- reading


def _read_days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a whole number of days, not {_shown(value)}")
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise ValueError(f"must be a whole number of days, not {_shown(value)}")
    days = int(value)
    if not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        raise ValueError(f"must be from {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS} days, "
                         f"not {days}")
    return days


def _read_folder(value: object) -> Path | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"must be a folder path, not {_shown(value)}")
    folder = Path(value).expanduser()
    if not folder.is_absolute() or len(value) > MAX_PATH_CHARS or "\x00" in value:
        raise ValueError(f"must be an absolute folder path, not {_shown(value)}")
    return folder


def _read_language(value: object) -> LanguageChoice:
    if value not in LANGUAGE_CHOICES:
        raise ValueError(f"must be one of {', '.join(LANGUAGE_CHOICES)}, not {_shown(value)}")
    return value


def _read_hotkey(value: object) -> frozenset[str]:
    if not isinstance(value, str):
        raise ValueError(f"must be written like 'ctrl+F12', not {_shown(value)}")
    return parse_hotkey(value)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _read_flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _is_json(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool | list | dict)


def parse(text: bytes, path: Path) -> Loaded:
    """Settings from a file's bytes; every problem named, never an exception."""
    if len(text) > MAX_FILE_BYTES:
        return Loaded(Settings(), (Problem(path, None, f"is larger than {MAX_FILE_BYTES} bytes; "
                                                       "it is not a settings file"),))
    try:
        data = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        return Loaded(Settings(), (Problem(path, None, f"is not JSON ({error})"),))
    if not isinstance(data, dict):
        return Loaded(Settings(), (Problem(path, None, "does not hold a JSON object"),))

    problems: list[Problem] = []
    fields: dict[str, Any] = {}

    def read(field: str, value: object, reader: Any, target: str) -> None:
        try:
            fields[target] = reader(value)
        except ValueError as error:
            problems.append(Problem(path, field, str(error)))

    if "library_folder" in data:
        read("library_folder", data["library_folder"], _read_folder, "library_folder")
    if "retention_days" in data:
        read("retention_days", data["retention_days"], _read_days, "retention_days")
    if "language" in data:
        read("language", data["language"], _read_language, "language")
    if "privacy_mode" in data:
        read("privacy_mode", data["privacy_mode"], _read_flag, "privacy_mode")
    hotkeys = data.get("hotkeys", {})
    if not isinstance(hotkeys, dict):
        problems.append(Problem(path, "hotkeys", "must be a JSON object"))
        hotkeys = {}
    for name in HOTKEY_NAMES:
        if name in hotkeys:
            read(f"hotkeys.{name}", hotkeys[name], _read_hotkey, f"{name}_hotkey")
    settings = Settings(**fields)
    clashes = hotkey_clashes(settings.hotkeys())
    if clashes:
        for name, other in clashes.items():
            problems.append(Problem(path, f"hotkeys.{name}",
                                    f"is the same as the {other} hotkey"))
        settings = dataclasses.replace(settings, stop_hotkey=DEFAULT_STOP_HOTKEY,
                                       pause_hotkey=DEFAULT_PAUSE_HOTKEY,
                                       secret_hotkey=DEFAULT_SECRET_HOTKEY)
    return Loaded(settings, tuple(problems))


def load(path: Path | None = None) -> Loaded:
    """The settings in ``path`` (default: the settings file); defaults when there is none."""
    file = paths.settings_path() if path is None else path
    try:
        text = file.read_bytes()
    except FileNotFoundError:
        return Loaded(Settings())
    except OSError as error:
        return Loaded(Settings(), (Problem(file, None, f"cannot be read ({error.strerror})"),))
    return parse(text, file)


# ---------------------------------------------------------------- writing


def to_json(settings: Settings) -> dict[str, object]:
    return {
        "version": FORMAT_VERSION,
        "library_folder": str(settings.library_folder) if settings.library_folder else None,
        "hotkeys": {name: format_hotkey(keys) for name, keys in settings.hotkeys().items()},
        "retention_days": settings.retention_days,
        "language": settings.language,
        "privacy_mode": settings.privacy_mode,
    }


def save(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically; SettingsError (nothing written) when a field is invalid."""
    check(settings)
    file = paths.settings_path() if path is None else path
    file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_json(settings), indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _forget()


# ---------------------------------------------------------------- the current settings

_lock = threading.Lock()
_cached: tuple[Path, tuple[int, int] | None, Loaded] | None = None


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def current() -> Loaded:
    """The settings file as it is now, read again only when it changed on disk.

    A problem is logged once per change of the file, not on every read.
    """
    global _cached  # noqa: PLW0603 - one settings file per process, re-read when it changes
    file = paths.settings_path()
    stamp = _stamp(file)
    with _lock:
        if _cached is not None and _cached[0] == file and _cached[1] == stamp:
            return _cached[2]
        loaded = load(file)
        _cached = (file, stamp, loaded)
    for problem in loaded.problems:
        log.warning("settings: %s; using the default instead", problem)
    return loaded


def _forget() -> None:
    global _cached  # noqa: PLW0603
    with _lock:
        _cached = None
