"""The person's settings survive a restart, a broken file never stops the program, and the
core follows them: where the library is, how long pictures are kept, which keys record."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from app.commands import record
from app.core import paths, retention, settings
from app.core.hotkeys import parse_hotkey
from app.core.settings import Settings, SettingsError

HOTKEYS = ["ctrl+f12", "ctrl+f11", "ctrl+f10", "ctrl+alt+s", "shift+f9", "alt+f8", "f7"]


def write(text: str | bytes) -> Path:
    file = paths.settings_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        file.write_text(text, encoding="utf-8")
    else:
        file.write_bytes(text)
    return file


def test_without_a_file_the_defaults_hold_and_nothing_is_written() -> None:
    loaded = settings.load()
    assert loaded.settings == Settings() and loaded.usable
    assert loaded.settings.retention_days == 30
    assert loaded.settings.language == "system"
    assert not paths.settings_path().exists()


def test_saved_settings_come_back_after_a_restart(tmp_path: Path) -> None:
    chosen = Settings(library_folder=tmp_path / "Mina robotar", stop_hotkey=parse_hotkey("ctrl+f9"),
                      pause_hotkey=parse_hotkey("alt+f8"), secret_hotkey=parse_hotkey("shift+F7"),
                      retention_days=7, language="da")
    settings.save(chosen)
    assert settings.load() == settings.Loaded(chosen)
    stored = json.loads(paths.settings_path().read_text(encoding="utf-8"))
    assert stored["hotkeys"] == {"stop": "ctrl+f9", "pause": "alt+f8", "secret": "shift+f7"}
    assert stored["library_folder"] == str(tmp_path / "Mina robotar")
    assert [file.name for file in paths.settings_path().parent.iterdir()] == ["settings.json"]


def test_a_file_that_is_not_json_gives_the_defaults_a_message_and_stays_as_it_is() -> None:
    file = write("{ retention_days: 7")
    loaded = settings.load()
    assert loaded.settings == Settings()
    assert not loaded.usable
    assert str(file) in str(loaded.problems[0]) and "not JSON" in str(loaded.problems[0])
    settings.current()
    assert file.read_text(encoding="utf-8") == "{ retention_days: 7"


def test_one_wrong_field_is_named_and_only_it_falls_back() -> None:
    write(json.dumps({"retention_days": "a month", "language": "sv",
                      "hotkeys": {"stop": "ctrl+", "pause": "ctrl+f8"}}))
    loaded = settings.load()
    assert loaded.settings.language == "sv"
    assert loaded.settings.pause_hotkey == parse_hotkey("ctrl+f8")
    assert loaded.settings.retention_days == 30
    assert loaded.settings.stop_hotkey == parse_hotkey("ctrl+f12")
    assert sorted(problem.field or "" for problem in loaded.problems) == [
        "hotkeys.stop", "retention_days"]
    assert "a month" in str(loaded.problems[0]) or "a month" in str(loaded.problems[1])


def test_clashing_hotkeys_in_the_file_give_the_default_keys() -> None:
    write(json.dumps({"hotkeys": {"stop": "ctrl+f9", "pause": "ctrl+F9"}}))
    loaded = settings.load()
    assert [(p.field, p.reason) for p in loaded.problems] == [
        ("hotkeys.pause", "is the same as the stop hotkey")]
    assert loaded.settings.hotkeys() == Settings().hotkeys()


@pytest.mark.parametrize(("field", "value"), [
    ("retention_days", 0), ("retention_days", 3651), ("language", "de"),
])
def test_settings_that_may_not_be_saved_are_refused_and_nothing_is_written(
        field: str, value: object) -> None:
    with pytest.raises(SettingsError) as refused:
        settings.save(Settings(**{field: value}))  # type: ignore[arg-type]
    assert refused.value.field == field
    assert not paths.settings_path().exists()


def test_two_recorder_actions_on_one_key_are_refused() -> None:
    same = parse_hotkey("ctrl+f12")
    with pytest.raises(SettingsError, match=r"hotkeys\.secret: is the same as the stop hotkey"):
        settings.save(Settings(secret_hotkey=same))


def test_a_save_that_fails_leaves_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    settings.save(Settings(retention_days=5))

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        settings.save(Settings(retention_days=9))
    assert settings.load().settings.retention_days == 5
    assert [file.name for file in paths.settings_path().parent.iterdir()] == ["settings.json"]


# ---------------------------------------------------------------- any file at all


valid_settings = st.builds(
    Settings,
    library_folder=st.one_of(st.none(), st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/"),
        min_size=1, max_size=30).map(lambda name: Path("/srv") / name)),
    stop_hotkey=st.just(parse_hotkey(HOTKEYS[0])),
    pause_hotkey=st.sampled_from(HOTKEYS[1:4]).map(parse_hotkey),
    secret_hotkey=st.sampled_from(HOTKEYS[4:]).map(parse_hotkey),
    retention_days=st.integers(1, 3650),
    language=st.sampled_from(settings.LANGUAGE_CHOICES),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from([*HOTKEYS, "sv", "da", "system", "/srv/robotar", "ctrl", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)
settings_like = st.fixed_dictionaries({}, optional={
    "library_folder": json_values, "retention_days": json_values, "language": json_values,
    "hotkeys": json_values | st.fixed_dictionaries({}, optional={
        "stop": json_values, "pause": json_values, "secret": json_values}),
    "version": json_values,
})


@hypothesis_settings(max_examples=200, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(valid_settings)
def test_every_valid_setting_round_trips(tmp_path_factory: pytest.TempPathFactory,
                                         chosen: Settings) -> None:
    file = tmp_path_factory.mktemp("settings") / "settings.json"
    settings.save(chosen, file)
    assert settings.load(file) == settings.Loaded(chosen)


@hypothesis_settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), settings_like.map(
    lambda data: json.dumps(data).encode())))
def test_any_file_gives_usable_settings_or_named_problems_never_a_crash(content: bytes) -> None:
    file = Path("/nonexistent/settings.json")
    loaded = settings.parse(content, file)
    assert settings.check(loaded.settings) == loaded.settings
    assert all(problem.path == file and problem.reason for problem in loaded.problems)


def test_a_huge_file_is_refused_without_reading_it_as_settings() -> None:
    loaded = settings.parse(b" " * (settings.MAX_FILE_BYTES + 1), Path("s.json"))
    assert loaded.settings == Settings() and "larger than" in loaded.problems[0].reason


# ---------------------------------------------------------------- the core follows


def test_the_library_is_read_from_the_chosen_folder(tmp_path: Path) -> None:
    assert paths.library_dir() == paths.data_dir() / "recordings"
    settings.save(Settings(library_folder=tmp_path / "delade robotar"))
    assert paths.library_dir() == tmp_path / "delade robotar"


def test_the_library_folder_follows_a_file_changed_behind_the_program(tmp_path: Path) -> None:
    settings.save(Settings(library_folder=tmp_path / "a"))
    assert paths.library_dir() == tmp_path / "a"
    write(json.dumps({"library_folder": str(tmp_path / "bb")}))
    assert paths.library_dir() == tmp_path / "bb"


def test_pictures_are_kept_the_chosen_number_of_days(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(retention.KEEP_DAYS_VARIABLE, raising=False)
    assert retention.keep_days() == 30
    settings.save(Settings(retention_days=7))
    assert retention.keep_days() == 7
    monkeypatch.setenv(retention.KEEP_DAYS_VARIABLE, "2")
    assert retention.keep_days() == 2


def test_a_broken_file_keeps_the_default_period_and_logs_once(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv(retention.KEEP_DAYS_VARIABLE, raising=False)
    write(json.dumps({"retention_days": -4}))
    assert retention.keep_days() == 30
    assert retention.keep_days() == 30
    warnings = [r.getMessage() for r in caplog.records if "settings" in r.getMessage()]
    assert len(warnings) == 1 and "retention_days" in warnings[0]


def test_recording_uses_the_chosen_hotkeys_unless_the_command_line_says_otherwise() -> None:
    settings.save(Settings(stop_hotkey=parse_hotkey("ctrl+f9")))
    given_nothing = argparse.Namespace(stop_hotkey=None, pause_hotkey=None, secret_hotkey=None)
    assert record._hotkeys(given_nothing)[:2] == (parse_hotkey("ctrl+f9"),
                                                  parse_hotkey("ctrl+f11"))
    given_stop = argparse.Namespace(stop_hotkey="alt+f1", pause_hotkey=None,
                                    secret_hotkey=None)
    assert record._hotkeys(given_stop)[0] == parse_hotkey("alt+f1")
