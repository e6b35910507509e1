"""A bot is a file handed between municipalities: strict to load, atomic to save, lossless."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
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
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import BotFileError, bot_json, load_bot, save_bot

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def a_bot() -> Bot:
    return Bot(
        name="Ekonomiskt bistånd",
        description="Registrerar en ansökan",
        parameters=[Parameter("namn", "text", "Namn"), Parameter("pnr", "personnummer")],
        steps=[
            ClickStep(id="klick-sok", target=Target(
                absolute=Point(10, 20), window_title="Socialsystemet", window_point=Point(5, 6),
                anchor="sok.png", anchor_offset=Point(40, 25))),
            TypeTextStep(id="skriv-namn", text="{{namn}} – Åsa", window_title="Socialsystemet",
                         think_time_s=1.5),
            KeyStep(id="tabb", key="tab"),
            HotkeyStep(id="kopiera", keys=["ctrl", "c"], enabled=False, comment="kopiera"),
            WaitStep(id="vanta", seconds=0.5),
        ],
    )


def write_document(folder: Path, document: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bot.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def saved_document(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    folder = tmp_path / "bot"
    save_bot(a_bot(), folder, {"sok.png": PNG})
    return folder, json.loads((folder / "bot.json").read_text(encoding="utf-8"))


def test_a_saved_bot_loads_back_equal(tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    save_bot(a_bot(), folder, {"sok.png": PNG})
    assert load_bot(folder) == a_bot()
    assert (folder / "images" / "sok.png").read_bytes() == PNG


def test_the_file_is_readable_text_with_swedish_letters_as_they_are(tmp_path: Path) -> None:
    folder, _ = saved_document(tmp_path)
    text = (folder / "bot.json").read_text(encoding="utf-8")
    assert "Ekonomiskt bistånd" in text
    assert '"format_version": 1' in text


def test_broken_json_names_the_file_and_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    folder.mkdir()
    (folder / "bot.json").write_text('{"format": "robotfabrik-bot",\n "steps": [}', "utf-8")
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert str(folder / "bot.json") in str(error.value)
    assert "line 2" in str(error.value)


def test_unknown_step_type_names_the_step_and_field(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[2]["type"] = "teleport"
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    message = str(error.value)
    assert "step 3" in message and steps[2]["id"] in message
    assert "field 'type'" in message and "teleport" in message


def test_missing_picture_names_the_picture_and_the_step(tmp_path: Path) -> None:
    folder, _ = saved_document(tmp_path)
    (folder / "images" / "sok.png").unlink()
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert "images/sok.png is missing" in str(error.value)
    assert "step 1" in str(error.value) and "target.anchor" in str(error.value)


def test_wrong_field_type_says_what_was_expected(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0]["target"]["absolute"] = "10,20"
    write_document(folder, document)
    with pytest.raises(BotFileError, match=r"step 1 .*field 'target.absolute'.*pair of whole"):
        load_bot(folder)


def test_a_newer_format_version_is_refused(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    document["format_version"] = 2
    write_document(folder, document)
    with pytest.raises(BotFileError, match=r"format_version.*newer Robotfabrik"):
        load_bot(folder)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["steps"][1].update(text="{{okänd}}"), "text"),
        (lambda d: d["steps"][1].update(id=d["steps"][0]["id"]), "id"),
        (lambda d: d["steps"][0].update(colour="red"), "colour"),
        (lambda d: d["steps"][0].update(clicks=True), "clicks"),
        (lambda d: d["steps"][1].pop("text"), "text"),
        (lambda d: d["steps"][4].update(seconds=-1), "seconds"),
        (lambda d: d["steps"][0]["target"].update(anchor="../../etc/passwd"), "target.anchor"),
        (lambda d: d["parameters"][0].update(type="colour"), "type"),
        (lambda d: d["parameters"].append({"name": "namn"}), "name"),
        (lambda d: d.update(steps={}), "steps"),
        (lambda d: d.pop("name"), "name"),
    ],
    ids=["unknown-parameter", "duplicate-id", "stray-field", "bool-for-number", "missing-text",
         "negative-wait", "picture-outside-folder", "unknown-parameter-type",
         "duplicate-parameter", "steps-not-a-list", "no-name"],
)
def test_every_bad_field_is_named(tmp_path: Path, change: object, field: str) -> None:
    folder, document = saved_document(tmp_path)
    assert callable(change)
    change(document)
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert error.value.field == field


def test_saving_an_invalid_bot_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    folder, _ = saved_document(tmp_path)
    before = (folder / "bot.json").read_bytes()
    broken = a_bot()
    broken.steps.append(TypeTextStep(text="{{finns_inte}}"))
    with pytest.raises(BotFileError):
        save_bot(broken, folder)
    assert (folder / "bot.json").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["bot.json", "images"]


def test_a_crash_while_writing_never_leaves_a_torn_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = saved_document(tmp_path)
    before = (folder / "bot.json").read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    changed = a_bot()
    changed.description = "ändrad"
    with pytest.raises(OSError, match="disk full"):
        save_bot(changed, folder)
    assert (folder / "bot.json").read_bytes() == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ round trip on generated bots

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
points = st.builds(Point, st.integers(-5000, 5000), st.integers(-5000, 5000))
pictures = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}\.png", fullmatch=True)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    anchor = draw(st.none() | pictures)
    target = Target(
        absolute=draw(st.none() | points),
        window_title=draw(st.none() | text),
        window_point=draw(st.none() | points),
        anchor=anchor,
        anchor_offset=draw(points) if anchor else None,
        confidence=draw(st.none() | st.floats(0.01, 1.0)),
    )
    if target.is_empty():
        target.absolute = draw(points)
    return target


common = {
    "enabled": st.booleans(),
    "comment": text,
    "think_time_s": st.none() | st.floats(0, 1e6, allow_nan=False),
    "timeout_s": st.none() | st.floats(0, 600),
    "thumbnail": st.none() | pictures,
}
buttons = st.sampled_from(["left", "right", "middle"])
steps: st.SearchStrategy[Step] = st.one_of(
    st.builds(ClickStep, target=targets(), button=buttons, clicks=st.sampled_from([1, 2]),
              **common),
    st.builds(DragStep, target=targets(), end=targets(), button=buttons, **common),
    st.builds(ScrollStep, target=targets(), dx=st.integers(-50, 50), dy=st.integers(-50, 50),
              **common),
    st.builds(TypeTextStep, text=text.filter(lambda t: "{{" not in t), window_title=text,
              method=st.sampled_from(["type", "paste"]), **common),
    st.builds(KeyStep, key=st.sampled_from(["tab", "enter", "f5", "escape"]),
              window_title=st.none() | text, **common),
    st.builds(HotkeyStep, keys=st.lists(st.sampled_from(["ctrl", "alt", "c", "f4"]), min_size=1),
              **common),
    st.builds(WaitStep, seconds=st.floats(0, 3600), **common),
    st.builds(WaitStep, until=st.sampled_from(["picture_appears", "picture_vanishes"]),
              target=st.builds(Target, anchor=pictures, anchor_offset=points), **common),
    st.builds(WaitStep, until=st.just("window"), window_title=text.filter(bool), **common),
)


@st.composite
def bots(draw: st.DrawFn) -> Bot:
    parameter_names = draw(st.lists(names, unique=True, max_size=4))
    parameters = [Parameter(name, draw(st.sampled_from(["text", "number", "date",
                                                        "personnummer"])), draw(text),
                            draw(st.none() | text)) for name in parameter_names]
    bot_steps = draw(st.lists(steps, max_size=8, unique_by=lambda s: s.id))
    for name in parameter_names[:1]:
        bot_steps.append(TypeTextStep(text=f"{{{{{name}}}}}"))
    return Bot(name=draw(text.filter(str.strip)), description=draw(text), parameters=parameters,
               steps=bot_steps)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bot=bots())
def test_load_save_load_is_lossless(tmp_path: Path, bot: Bot) -> None:
    folder = tmp_path / "generated"
    save_bot(bot, folder, dict.fromkeys(bot.pictures(), PNG))
    first = load_bot(folder)
    assert first == bot
    save_bot(first, folder)
    second = load_bot(folder)
    assert second == first
    assert bot_json(second) == bot_json(bot)
