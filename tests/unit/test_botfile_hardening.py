"""A bot folder from another municipality can be anything: whatever it holds, loading it gives a
bot or one clear BotFileError, quickly, changes nothing, and reads nothing outside the folder."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any
from unittest.mock import patch

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.core.model.bot import (
    Bot,
    ClickStep,
    DragStep,
    HotkeyStep,
    KeyStep,
    Parameter,
    Point,
    ScrollStep,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import (
    LINK_OUT,
    MAX_BOT_FILE_BYTES,
    MAX_CHOICES,
    MAX_KEYS,
    MAX_LONG_TEXT,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    MAX_PARAMETERS,
    MAX_PICTURE_NAME,
    MAX_SHORT_TEXT,
    MAX_STEPS,
    BotFileError,
    bot_json,
    load_bot,
    save_bot,
)
from app.core.model.limits import MAX_MESSAGE_CHARS

needs_links = pytest.mark.skipif(sys.platform == "win32",
                                 reason="symbolic links need privileges there")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
FILE_CHECKS = settings(max_examples=100, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture,
                                              HealthCheck.too_slow])


def a_png(width: int = 20, height: int = 12) -> bytes:
    picture = np.zeros((height, width, 3), dtype=np.uint8)
    picture[2:-2, 3:-3] = (40, 120, 220)
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    return encoded.tobytes()


PNG = a_png()


def every_kind_of_step() -> Bot:
    place = Target(absolute=Point(10, 20), window_title="Procapita", window_point=Point(5, 6),
                   anchor="sok.png", anchor_offset=Point(4, 3), confidence=0.9)
    return Bot(
        name="Ekonomiskt bistånd",
        description="Registrerar en ansökan",
        parameters=[Parameter("namn", "text", "Namn"),
                    Parameter("kategori", "choice", "Kategori", choices=["Hyra", "El"]),
                    Parameter("losen", "secret")],
        steps=[
            ClickStep(id="klick", target=place, thumbnail="fonster.png", clicks=2),
            DragStep(id="dra", target=Target(absolute=Point(1, 1)), end=Target(
                anchor="sok.png", anchor_offset=Point(1, 1))),
            ScrollStep(id="rulla", target=Target(window_title="Procapita",
                                                 window_point=Point(3, 3)), dy=-5),
            TypeTextStep(id="skriv", text="{{namn}} – {{ kategori }}", method="paste"),
            KeyStep(id="tabb", key="tab", timeout_s=2.5),
            HotkeyStep(id="kopiera", keys=["ctrl", "c"], enabled=False, comment="kopiera"),
            WaitStep(id="vanta", until="picture_appears", target=Target(
                anchor="sok.png", anchor_offset=Point(0, 0))),
            WaitStep(id="paus", seconds=0.5, think_time_s=1.25),
        ],
    )


def saved(folder: Path) -> Path:
    save_bot(every_kind_of_step(), folder, {"sok.png": PNG, "fonster.png": a_png(64, 40)})
    return folder


def document_of(folder: Path) -> dict[str, object]:
    loaded = json.loads((folder / "bot.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def write(folder: Path, document: object) -> None:
    # ensure_ascii keeps a lone surrogate as the \ud800 escape a file would hold.
    (folder / "bot.json").write_text(json.dumps(document), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(file): file.read_bytes() for file in sorted(folder.rglob("*"))
            if file.is_file() and not file.is_symlink()}


def refusal(folder: Path) -> BotFileError:
    """The error loading ``folder`` gives; anything else, or loading, fails the test."""
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    message = str(error.value)
    assert len(message.splitlines()) == 1 and len(message) <= MAX_MESSAGE_CHARS, message
    message.encode("utf-8")  # printable anywhere
    return error.value


def loads_or_refuses(folder: Path) -> Bot | BotFileError:
    """What loading gives; a crash of any other kind fails the test."""
    try:
        bot = load_bot(folder)
    except BotFileError as error:
        message = str(error)
        assert len(message.splitlines()) == 1 and len(message) <= MAX_MESSAGE_CHARS, message
        message.encode("utf-8")
        return error
    assert_round_trips(bot, folder)
    return bot


def assert_round_trips(bot: Bot, folder: Path) -> None:
    # Only the content is in question here; waiting for the disk is tested in test_botfile.
    with tempfile.TemporaryDirectory() as elsewhere, patch.object(os, "fsync"):
        copy = Path(elsewhere) / "kopia"
        pictures = {name: (folder / "images" / name).read_bytes() for name in bot.pictures()}
        save_bot(bot, copy, pictures)
        assert load_bot(copy) == bot


@cache
def template() -> Path:
    """One saved bot for every generated case to start from: saving waits for the disk (fsync),
    copying does not."""
    root = Path(tempfile.mkdtemp(prefix="robotfabrik-template-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return saved(root / "robot")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(template(), tmp_path / "robot"))


# ------------------------------------------------------------------ the classes of issue 11


def test_the_valid_bot_loads_and_round_trips(folder: Path) -> None:
    assert loads_or_refuses(folder) == every_kind_of_step()


@pytest.mark.parametrize("where", ["top", "target"])
def test_json_nested_a_hundred_thousand_deep_is_refused_by_its_depth(folder: Path,
                                                                     where: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = (f'{{"format": {deep}}}' if where == "top" else
            json.dumps(document_of(folder)).replace('"absolute": [10, 20]',
                                                    f'"absolute": {deep}'))
    (folder / "bot.json").write_text(text, encoding="utf-8")
    error = refusal(folder)
    assert error.reason == f"nests lists and objects more than {MAX_NESTING} levels deep"
    assert error.field is None


def test_an_unclosed_bracket_run_is_refused_by_its_depth_too(folder: Path) -> None:
    (folder / "bot.json").write_bytes(b"[" * 1_000_000)
    assert "levels deep" in refusal(folder).reason


def test_brackets_inside_texts_do_not_count_as_nesting(folder: Path) -> None:
    document = document_of(folder)
    document["description"] = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ "quoted \\" ]]]] {{{{'
    write(folder, document)
    assert load_bot(folder).description == document["description"]


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ('"absolute": [1' + "0" * 5000 + ", 20]", "target.absolute"),  # Python will not read it
        ('"absolute": [-' + "9" * 400 + ", 20]", "target.absolute"),  # a float cannot hold it
        ('"absolute": [1' + "0" * MAX_NUMBER_DIGITS + ", 20]", "target.absolute"),
        ('"seconds": 1' + "0" * 400, "seconds"),
    ],
    ids=["5000-digits", "400-digits", "one-digit-too-many", "more-seconds-than-a-float-holds"],
)
def test_whole_numbers_with_too_many_digits_name_the_step_and_field(folder: Path, written: str,
                                                                    field: str) -> None:
    text = json.dumps(document_of(folder))
    original = '"absolute": [10, 20]' if field == "target.absolute" else '"seconds": 0.5'
    assert text.count(original) == 1
    (folder / "bot.json").write_text(text.replace(original, written), encoding="utf-8")
    error = refusal(folder)
    assert error.field == field
    assert (error.step_number, error.step_id) == ((1, "klick") if field != "seconds" else
                                                  (8, "paus"))
    assert error.reason.startswith("is a whole number of ")
    assert error.reason.endswith(f" digits; at most {MAX_NUMBER_DIGITS} are allowed")


def test_a_decimal_with_thousands_of_digits_is_read_as_the_nearest_number(folder: Path) -> None:
    text = json.dumps(document_of(folder)).replace('"confidence": 0.9',
                                                   '"confidence": 0.' + "9" * 3000)
    (folder / "bot.json").write_text(text, encoding="utf-8")
    step = load_bot(folder).steps[0]
    assert isinstance(step, ClickStep) and step.target.confidence == 1.0


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (lambda s: s.update(seconds=1e300), "seconds", "must be from 0 to 86,400 seconds"),
        (lambda s: s.update(timeout_s=-1), "timeout_s", "must be from 0 to 86,400 seconds"),
        (lambda s: s.update(think_time_s=float("inf")), "think_time_s",
         "must be a finite number"),
    ],
    ids=["wait-of-1e300-seconds", "negative-timeout", "infinite-think-time"],
)
def test_times_the_player_cannot_wait_are_refused(folder: Path, change: Callable[[dict[
        str, object]], None], field: str, reason: str) -> None:
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    change(steps[7])
    write(folder, document)
    error = refusal(folder)
    assert (error.step_number, error.field, error.reason) == (8, field, reason)


def test_a_number_too_large_for_a_float_is_refused(folder: Path) -> None:
    text = json.dumps(document_of(folder)).replace('"seconds": 0.5', '"seconds": 1e400')
    (folder / "bot.json").write_text(text, encoding="utf-8")
    error = refusal(folder)
    assert (error.field, error.reason) == ("seconds", "must be a finite number")


def test_places_far_off_any_screen_are_refused(folder: Path) -> None:
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0]["target"]["window_point"] = [10**20, 0]
    write(folder, document)
    error = refusal(folder)
    assert error.field == "target.window_point" and "1,000,000 pixels" in error.reason


def test_a_picture_name_longer_than_a_file_system_allows_is_refused(folder: Path) -> None:
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0]["target"]["anchor"] = "a" * 300 + ".png"
    write(folder, document)
    error = refusal(folder)
    assert (error.step_number, error.field) == (1, "target.anchor")
    assert f"is longer than {MAX_PICTURE_NAME} characters" in error.reason
    assert "(304 characters)" in error.reason


def test_a_picture_name_with_a_trailing_line_break_is_refused_even_if_such_a_file_exists(
        folder: Path) -> None:
    (folder / "images" / "sok.png\n").write_bytes(PNG)
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0]["thumbnail"] = "sok.png\n"
    write(folder, document)
    error = refusal(folder)
    assert (error.step_number, error.field) == (1, "thumbnail")
    assert error.reason.startswith("'sok.png\\n' is not a picture file name")


def test_a_text_of_150000_characters_after_braces_is_refused_by_its_length(folder: Path) -> None:
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[3]["text"] = "{{" + " " * 150_000
    write(folder, document)
    error = refusal(folder)
    assert (error.step_number, error.step_id, error.field) == (4, "skriv", "text")
    assert error.reason == f"is 150,002 characters long; at most {MAX_LONG_TEXT:,} are allowed"


def test_the_longest_allowed_text_after_open_braces_loads_at_once(folder: Path) -> None:
    # The placeholder pattern once took hours here; run apart, so that a hang fails the test.
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[3]["text"] = "{{" + " " * (MAX_LONG_TEXT - 2)
    steps.append({"id": "fler", "type": "type_text", "text": "{{ " * (MAX_LONG_TEXT // 3)})
    write(folder, document)
    loader = f"from app.core.model.botfile import load_bot; load_bot({str(folder)!r})"
    result = subprocess.run([sys.executable, "-c", loader], capture_output=True, text=True,
                            timeout=30, check=False, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr


@needs_fifos
def test_a_fifo_as_bot_json_is_refused_without_waiting(folder: Path) -> None:
    (folder / "bot.json").unlink()
    os.mkfifo(folder / "bot.json")
    assert refusal(folder).reason == "is not a regular file"


@needs_links
def test_a_bot_json_that_links_to_an_endless_device_is_refused(folder: Path) -> None:
    (folder / "bot.json").unlink()
    (folder / "bot.json").symlink_to("/dev/zero")
    assert refusal(folder).reason == LINK_OUT


def test_a_bot_json_larger_than_the_limit_is_refused_unread(folder: Path) -> None:
    (folder / "bot.json").write_bytes(b" " * (MAX_BOT_FILE_BYTES + 1))
    assert refusal(folder).reason == f"is larger than {MAX_BOT_FILE_BYTES:,} bytes"


def test_a_bot_json_saved_with_a_byte_order_mark_loads(folder: Path) -> None:
    # What Notepad writes when asked for UTF-8.
    file = folder / "bot.json"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    assert load_bot(folder) == every_kind_of_step()


def test_text_after_the_byte_order_mark_that_is_not_utf8_is_placed_right(folder: Path) -> None:
    file = folder / "bot.json"
    file.write_bytes(b"\xef\xbb\xbf" + b'{"name": "\xe5"}')
    assert refusal(folder).reason == "is not UTF-8 text (byte 13)"


def test_a_lone_surrogate_in_a_choice_is_refused_at_load(folder: Path) -> None:
    document = document_of(folder)
    parameters = document["parameters"]
    assert isinstance(parameters, list)
    parameters[1]["choices"] = ["Hyra", "\ud800"]
    write(folder, document)
    error = refusal(folder)
    assert (error.parameter_number, error.field) == (2, "choices")
    assert error.reason.startswith("choice 2 holds a lone surrogate '\\ud800' at character 1")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(name="Robot \ud83d"), "name"),
        (lambda d: d["steps"][5].update(keys=["ctrl", "\udc00"]), "keys"),
        (lambda d: d["steps"][0]["target"].update(window_title="\udfff"), "target.window_title"),
        (lambda d: d["steps"][3].update(text="{{namn}}\ud800"), "text"),
    ],
    ids=["bot-name", "hotkey", "window-title", "typed-text"],
)
def test_a_lone_surrogate_anywhere_is_refused_at_load(folder: Path, change: Callable[[Any], None],
                                                      field: str) -> None:
    document = document_of(folder)
    change(document)
    write(folder, document)
    error = refusal(folder)
    assert error.field == field and "lone surrogate" in error.reason


def test_a_bot_holding_a_lone_surrogate_is_not_saved(tmp_path: Path) -> None:
    bot = every_kind_of_step()
    bot.parameters[1].choices.append("\ud800")
    with pytest.raises(BotFileError, match="lone surrogate"):
        save_bot(bot, tmp_path / "robot", {"sok.png": PNG, "fonster.png": PNG})
    assert not (tmp_path / "robot").exists()


@pytest.mark.parametrize(
    ("change", "field", "limit"),
    [
        (lambda d: d.update(steps=[{"id": str(i), "type": "key", "key": "a"}
                                   for i in range(MAX_STEPS + 1)]), "steps", MAX_STEPS),
        (lambda d: d.update(parameters=[{"name": f"p{i}"} for i in range(MAX_PARAMETERS + 1)]),
         "parameters", MAX_PARAMETERS),
        (lambda d: d["parameters"][1].update(choices=[str(i) for i in range(MAX_CHOICES + 1)]),
         "choices", MAX_CHOICES),
        (lambda d: d["steps"][5].update(keys=["a"] * (MAX_KEYS + 1)), "keys", MAX_KEYS),
        (lambda d: d["steps"][0]["target"].update(window_title="x" * (MAX_SHORT_TEXT + 1)),
         "target.window_title", MAX_SHORT_TEXT),
        (lambda d: d.update(description="x" * (MAX_LONG_TEXT + 1)), "description",
         MAX_LONG_TEXT),
    ],
    ids=["steps", "parameters", "choices", "keys", "window-title", "description"],
)
def test_each_limit_is_named_in_its_message(folder: Path, change: Callable[[Any], None],
                                            field: str, limit: int) -> None:
    document = document_of(folder)
    change(document)
    write(folder, document)
    error = refusal(folder)
    assert error.field == field
    assert f"at most {limit:,}" in error.reason


def test_a_step_id_a_megabyte_long_is_shown_shortened(folder: Path) -> None:
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[2]["id"] = "x" * 1_000_000
    write(folder, document)
    error = refusal(folder)
    assert error.step_id is not None and "(1,000,000 characters)" in error.step_id
    assert error.reason == f"is 1,000,000 characters long; at most {MAX_SHORT_TEXT:,} are allowed"


def test_a_stray_field_with_an_unprintable_name_is_shown_escaped(folder: Path) -> None:
    document = document_of(folder)
    document["\ud800" * 500] = 1
    write(folder, document)
    error = refusal(folder)
    assert error.field is not None and error.field.startswith("'\\ud800")
    assert error.reason == "is not a known field"


# ------------------------------------------------------------------ pictures


def test_a_damaged_picture_is_reported_at_load_with_its_step(folder: Path) -> None:
    picture = folder / "images" / "fonster.png"
    picture.write_bytes(picture.read_bytes()[:-20])
    error = refusal(folder)
    assert (error.step_number, error.step_id, error.field) == (1, "klick", "thumbnail")
    assert error.reason.startswith("picture images/fonster.png is cut short")


def test_a_picture_opencv_cannot_read_is_reported_at_load(folder: Path) -> None:
    (folder / "images" / "sok.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    error = refusal(folder)
    assert (error.step_number, error.field) == (1, "target.anchor")
    assert error.reason.startswith("picture images/sok.png is ")


@needs_fifos
def test_a_picture_that_is_a_fifo_is_refused_without_waiting(folder: Path) -> None:
    (folder / "images" / "sok.png").unlink()
    os.mkfifo(folder / "images" / "sok.png")
    error = refusal(folder)
    assert error.reason == "picture images/sok.png is not a regular file"


def test_a_picture_used_by_many_steps_is_reported_at_the_first(folder: Path) -> None:
    (folder / "images" / "sok.png").unlink()
    error = refusal(folder)
    assert (error.step_number, error.field) == (1, "target.anchor")


# ------------------------------------------------------------------ links out of the folder


def link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


@needs_links
@pytest.mark.parametrize("what", ["bot.json", "images", "picture", "thumbnail"])
def test_a_link_out_of_the_folder_is_refused_alike_whether_or_not_its_target_exists(
        tmp_path: Path, folder: Path, what: str) -> None:
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    if what == "bot.json":
        shutil.copy(folder / "bot.json", secret / "bot.json")
        link(folder / "bot.json", secret / "bot.json")
        target = secret / "bot.json"
    elif what == "images":
        shutil.copytree(folder / "images", secret / "images")
        link(folder / "images", secret / "images")
        target = secret / "images"
    else:
        name = "sok.png" if what == "picture" else "fonster.png"
        (secret / "secret.png").write_bytes(PNG)
        link(folder / "images" / name, secret / "secret.png")
        target = secret / "secret.png"

    while_there = str(refusal(folder))
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    while_gone = str(refusal(folder))

    assert while_there == while_gone
    assert LINK_OUT in while_there
    assert "elsewhere" not in while_there


@needs_links
def test_a_picture_linking_to_a_text_file_outside_tells_nothing_about_it(tmp_path: Path,
                                                                         folder: Path) -> None:
    (tmp_path / "passwd").write_text("root:x:0:0", encoding="utf-8")
    link(folder / "images" / "sok.png", tmp_path / "passwd")
    first = str(refusal(folder))
    link(folder / "images" / "sok.png", tmp_path / "shadow")
    assert str(refusal(folder)) == first


@needs_links
def test_links_that_stay_inside_the_folder_are_fine(folder: Path) -> None:
    (folder / "bilder").mkdir()
    (folder / "images" / "sok.png").rename(folder / "bilder" / "sok.png")
    (folder / "images" / "sok.png").symlink_to(Path("..") / "bilder" / "sok.png")
    (folder / "versioner").mkdir()
    (folder / "bot.json").rename(folder / "versioner" / "v2.json")
    (folder / "bot.json").symlink_to(Path("versioner") / "v2.json")
    assert load_bot(folder) == every_kind_of_step()


@needs_links
def test_a_loop_of_links_is_refused(folder: Path) -> None:
    link(folder / "images" / "sok.png", folder / "images" / "sok2.png")
    (folder / "images" / "sok2.png").symlink_to(folder / "images" / "sok.png")
    assert refusal(folder).field == "target.anchor"


@needs_links
def test_saving_never_writes_through_an_images_link_out_of_the_folder(tmp_path: Path,
                                                                      folder: Path) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(folder / "images", outside)
    link(folder / "images", outside)
    before = snapshot(outside)
    with pytest.raises(BotFileError, match="the images folder is a link"):
        save_bot(every_kind_of_step(), folder, {"ny.png": PNG})
    assert snapshot(outside) == before


def test_a_failed_load_changes_nothing_on_disk(folder: Path) -> None:
    (folder / "bot.json").write_text('{"format": ' + "[" * 50_000, encoding="utf-8")
    before = snapshot(folder.parent)
    refusal(folder)
    assert snapshot(folder.parent) == before


# ------------------------------------------------------------------ generated broken folders


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10**60, 10**60),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["\ud800", "{{", "{{ namn }}", "../x.png", "a.png\n", "sok.png", "click",
                     "type_text", "wait", "choice", "x" * 2000]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "type", "target", "absolute", "anchor", "anchor_offset", "text",
                         "seconds", "until", "keys", "choices", "name", "steps", "x"]) | st.text(
            max_size=5), children, max_size=4),
    max_leaves=25,
)


def paths_in(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON document, as the keys and indexes that lead there."""
    places: list[tuple[object, ...]] = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            places += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += paths_in(item, (*prefix, index))
    return places


def replaced(document: object, place: tuple[object, ...], value: object) -> object:
    if not place:
        return value
    head, rest = place[0], place[1:]
    if isinstance(document, dict):
        return {**document, str(head): replaced(document[head], rest, value)}
    assert isinstance(document, list) and isinstance(head, int)
    return [replaced(item, rest, value) if i == head else item for i, item in enumerate(document)]


@contextmanager
def fresh_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as root:
        yield Path(shutil.copytree(template(), Path(root) / "robot"))


@FILE_CHECKS
@given(data=st.data())
def test_any_value_put_anywhere_in_a_valid_file_loads_or_is_refused(
        folder: Path, data: st.DataObject) -> None:
    document = bot_json(every_kind_of_step())
    place = data.draw(st.sampled_from(paths_in(document)), label="place")
    value = data.draw(json_values, label="value")
    (folder / "bot.json").write_text(json.dumps(replaced(document, place, value)),
                                     encoding="utf-8")
    loads_or_refuses(folder)


@FILE_CHECKS
@given(data=st.data())
def test_a_valid_file_damaged_byte_by_byte_loads_or_is_refused(
        folder: Path, data: st.DataObject) -> None:
    raw = bytearray((template() / "bot.json").read_bytes())
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        change = data.draw(st.sampled_from(["cut", "delete", "insert", "repeat", "flip"]))
        if change == "cut":
            del raw[at:]
        elif change == "delete":
            del raw[at:at + data.draw(st.integers(1, 40))]
        elif change == "insert":
            raw[at:at] = data.draw(st.sampled_from(
                [b"[", b"{", b"]", b"}", b'"', b"\\", b"\\u", b"\\ud800", b"1e999", b"-",
                 b"9" * 5000, b"[" * 5000, b"\xef\xbb\xbf", b"\xff", b"\x00", b",", b":",
                 b"NaN", b"Infinity", b"{{", b"\n"]))
        elif change == "repeat":
            raw[at:at] = raw[at:at + data.draw(st.integers(1, 200))] * data.draw(
                st.integers(2, 50))
        elif raw:
            raw[at % len(raw)] ^= 1 << data.draw(st.integers(0, 7))
    (folder / "bot.json").write_bytes(bytes(raw))
    loads_or_refuses(folder)


@FILE_CHECKS
@given(document=json_values)
def test_any_json_whatever_its_shape_loads_or_is_refused(folder: Path,
                                                         document: object) -> None:
    (folder / "bot.json").write_text(json.dumps(document), encoding="utf-8")
    loads_or_refuses(folder)


@FILE_CHECKS
@given(depth=st.integers(0, 3000), opener=st.sampled_from(["[", "{\"a\":"]),
       closed=st.booleans())
def test_any_nesting_depth_loads_or_is_refused(folder: Path, depth: int, opener: str,
                                               closed: bool) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + (closer * depth if closed else "")
    (folder / "bot.json").write_text(text, encoding="utf-8")
    outcome = loads_or_refuses(folder)
    assert isinstance(outcome, BotFileError)
    assert (depth > MAX_NESTING) == ("levels deep" in outcome.reason)


@FILE_CHECKS
@given(name=st.text(min_size=1, max_size=300), field=st.sampled_from(["anchor", "thumbnail"]))
def test_any_picture_name_loads_or_is_refused(folder: Path, name: str, field: str) -> None:
    if "/" not in name and os.sep not in name:  # never write outside the test's folder
        # A name no file can have is still a name the file can hold.
        with suppress(OSError, ValueError):
            (folder / "images" / name).write_bytes(PNG)
    document = bot_json(every_kind_of_step())
    steps = document["steps"]
    assert isinstance(steps, list)
    if field == "anchor":
        steps[0]["target"]["anchor"] = name
    else:
        steps[0]["thumbnail"] = name
    write(folder, document)
    outcome = loads_or_refuses(folder)
    if isinstance(outcome, Bot):
        assert "/" not in name and "\\" not in name and not name.endswith("\n")


@FILE_CHECKS
@given(damage=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 7)), min_size=1,
                       max_size=3),
       cut=st.none() | st.integers(0, 10_000), name=st.sampled_from(["sok.png", "fonster.png"]))
def test_a_damaged_picture_is_refused_at_load(folder: Path, damage: list[tuple[int, int]],
                                              cut: int | None, name: str) -> None:
    picture = folder / "images" / name
    original = (template() / "images" / name).read_bytes()
    data = bytearray(original)
    for position, bit in damage:
        data[position % len(data)] ^= 1 << bit
    if cut is not None:
        del data[cut % len(data):]
    assume(bytes(data) != original)  # two flips of one bit undo each other
    picture.write_bytes(bytes(data))
    try:
        error = refusal(folder)
    finally:
        picture.write_bytes(original)
    assert error.step_number == 1
    assert error.reason.startswith(f"picture images/{name} ")


@needs_links
@settings(FILE_CHECKS, max_examples=50)
@given(links=st.dictionaries(
    st.sampled_from(["bot.json", "images", "images/sok.png", "images/fonster.png"]),
    st.sampled_from(["inside", "outside", "outside-missing", "dangling", "loop", "device"]),
    min_size=1))
def test_links_anywhere_load_only_if_they_stay_inside(links: dict[str, str]) -> None:
    with fresh_folder() as folder:
        root = folder.parent
        elsewhere = root / "elsewhere"
        shutil.copytree(folder, elsewhere)
        applied: list[str] = []
        for number, (name, kind) in enumerate(sorted(links.items(), key=lambda i: len(i[0]))):
            path = folder / name
            if path.parent.is_symlink():
                continue  # its folder was made a link just before: nothing of its own
            target = {
                "inside": folder / f"kept-{number}" / path.name,
                "outside": elsewhere / name,
                "outside-missing": elsewhere / "missing",
                "dangling": folder / "missing",
                "loop": path,
                "device": Path(os.devnull),
            }[kind]
            if kind == "inside":
                target.parent.mkdir()
                copy = shutil.copytree if (elsewhere / name).is_dir() else shutil.copy
                copy(elsewhere / name, target)
            link(path, target)
            applied.append(kind)
        outcome = loads_or_refuses(folder)
        if set(applied) & {"outside", "outside-missing", "device", "loop"}:
            assert isinstance(outcome, BotFileError)
        if isinstance(outcome, BotFileError):
            assert "elsewhere" not in str(outcome)



def test_a_parameter_name_with_a_trailing_line_break_is_refused(folder: Path) -> None:
    document = document_of(folder)
    parameters = document["parameters"]
    assert isinstance(parameters, list)
    parameters[0]["name"] = "namn\n"
    write(folder, document)
    error = refusal(folder)
    assert (error.parameter_number, error.field) == (1, "name")
    assert error.reason.startswith("'namn\\n' is not a usable parameter name")


def depth_of(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    return 0


tricky_texts = st.text(st.sampled_from('[]{}"\\/ab\n\u00e5'), max_size=12)
nested_values = st.recursive(
    st.none() | st.integers() | tricky_texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(tricky_texts, children,
                                                                      max_size=3),
    max_leaves=40,
)


@FILE_CHECKS
@given(value=nested_values, wrapping=st.integers(0, 25))
def test_the_depth_limit_counts_lists_and_objects_not_brackets_in_texts(
        folder: Path, value: object, wrapping: int) -> None:
    for _ in range(wrapping):
        value = [value]
    document = {"format": "robotfabrik-bot", "format_version": 1, "name": "Djup",
                "description": value, "steps": []}
    write(folder, document)
    outcome = loads_or_refuses(folder)
    reason = outcome.reason if isinstance(outcome, BotFileError) else "loaded"
    too_deep = depth_of(document) > MAX_NESTING
    assert too_deep == (reason == f"nests lists and objects more than {MAX_NESTING} levels deep")


def test_a_point_in_a_picture_without_the_picture_is_refused(folder: Path) -> None:
    # Saving leaves such a point out, so the bot would not load back the same.
    document = document_of(folder)
    steps = document["steps"]
    assert isinstance(steps, list)
    del steps[0]["target"]["anchor"]
    write(folder, document)
    error = refusal(folder)
    assert (error.step_number, error.field) == (1, "target.anchor_offset")
