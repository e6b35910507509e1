"""A bot is a file handed between municipalities: strict to load, atomic to save, lossless."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
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
    ReadTextStep,
    ScrollStep,
    Selector,
    Step,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import BotFileError, bot_json, load_bot, save_bot


def a_png() -> bytes:
    """A small picture as the recorder saves one: OpenCV's own PNG."""
    picture = np.zeros((12, 20, 3), dtype=np.uint8)
    picture[4:8, 5:15] = (40, 120, 220)
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    return encoded.tobytes()


PNG = a_png()


def a_bot() -> Bot:
    return Bot(
        name="Ekonomiskt bistånd",
        description="Registrerar en ansökan",
        parameters=[Parameter("namn", "text", "Namn"), Parameter("pnr", "personnummer")],
        steps=[
            ClickStep(id="klick-sok", target=Target(
                absolute=Point(10, 20), window_title="Socialsystemet", window_point=Point(5, 6),
                anchor="sok.png", anchor_offset=Point(40, 25)), points_are_fine=True),
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


def test_a_recorded_selector_is_kept_in_the_file_as_a_person_can_read_it(
        tmp_path: Path) -> None:
    bot = a_bot()
    combo = Selector(
        api="atspi", role="combo box", name="Kategori",
        element_id="QApplication.sandbox_window.central.screens.form_page.application_box.category",
        app="robotfabrik-sandbox", window="Socialsystemet – Ansökan",
        labels=("Kategori:", "Ansökan"), path=(("filler", 0), ("panel", 2), ("combo box", 3)),
        box_in_window=(154, 266, 240, 22), offset=Point(120, 11))
    first = bot.steps[0]
    assert isinstance(first, ClickStep)
    first.target.selector = combo
    save_bot(bot, tmp_path / "bot", {"sok.png": PNG})
    document = json.loads((tmp_path / "bot" / "bot.json").read_text(encoding="utf-8"))
    assert document["steps"][0]["target"]["selector"] == {
        "api": "atspi", "role": "combo box", "name": "Kategori", "id": combo.element_id,
        "app": "robotfabrik-sandbox", "window": "Socialsystemet – Ansökan",
        "labels": ["Kategori:", "Ansökan"],
        "path": [["filler", 0], ["panel", 2], ["combo box", 3]],
        "box_in_window": [154, 266, 240, 22], "offset": [120, 11]}
    assert load_bot(tmp_path / "bot") == bot


def test_a_bot_without_selectors_is_written_as_before(tmp_path: Path) -> None:
    _folder, document = saved_document(tmp_path)
    assert "selector" not in json.dumps(document)
    assert "element" not in document["steps"][1]


def test_broken_json_names_the_file_and_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    folder.mkdir()
    (folder / "bot.json").write_text('{"format": "robotfabrik-bot",\n "steps": [}', "utf-8")
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert error.value.path == folder / "bot.json"
    assert error.value.reason.startswith("is not valid JSON")
    assert (error.value.step_index, error.value.parameter_index, error.value.field) == (
        None, None, None)
    assert error.value.where() is None
    assert str(error.value) == f"{folder / 'bot.json'}: {error.value.reason}"
    assert "line 2" in str(error.value)


def test_unknown_step_type_names_the_step_and_field(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[2]["type"] = "teleport"
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert error.value.step_index == 2 and error.value.step_number == 3
    assert error.value.step_id == steps[2]["id"] == "tabb"
    assert error.value.parameter_index is None
    assert error.value.field == "type"
    assert error.value.reason.startswith("unknown step type 'teleport' (known: click, ")
    assert str(error.value) == (f"{folder / 'bot.json'}: step 3 (id tabb), field 'type': "
                                f"{error.value.reason}")


def test_missing_picture_names_the_picture_and_the_step(tmp_path: Path) -> None:
    folder, _ = saved_document(tmp_path)
    (folder / "images" / "sok.png").unlink()
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert (error.value.step_index, error.value.step_id, error.value.field) == (
        0, "klick-sok", "target.anchor")
    assert error.value.reason == "picture images/sok.png is missing"
    assert str(error.value) == (f"{folder / 'bot.json'}: step 1 (id klick-sok), "
                                "field 'target.anchor': picture images/sok.png is missing")


def test_wrong_field_type_says_what_was_expected(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    steps = document["steps"]
    assert isinstance(steps, list)
    steps[0]["target"]["absolute"] = "10,20"
    write_document(folder, document)
    with pytest.raises(BotFileError, match=r"step 1 .*field 'target.absolute'.*pair of whole") \
            as error:
        load_bot(folder)
    assert (error.value.step_index, error.value.field) == (0, "target.absolute")
    assert error.value.reason == "must be a pair of whole numbers [x, y], not text"


def test_a_newer_format_version_is_refused(tmp_path: Path) -> None:
    folder, document = saved_document(tmp_path)
    document["format_version"] = 2
    write_document(folder, document)
    with pytest.raises(BotFileError, match=r"format_version.*newer Robotfabrik") as error:
        load_bot(folder)
    assert error.value.field == "format_version" and error.value.where() is None


@pytest.mark.parametrize(
    ("change", "field", "place"),
    [
        (lambda d: d["steps"][1].update(text="{{okänd}}"), "text", "step 2 (id skriv-namn)"),
        (lambda d: d["steps"][1].update(id=d["steps"][0]["id"]), "id", "step 2 (id klick-sok)"),
        (lambda d: d["steps"][0].update(colour="red"), "colour", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][0].update(clicks=True), "clicks", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][1].pop("text"), "text", "step 2 (id skriv-namn)"),
        (lambda d: d["steps"][4].update(seconds=-1), "seconds", "step 5 (id vanta)"),
        (lambda d: d["steps"][0]["target"].update(anchor="../../etc/passwd"), "target.anchor",
         "step 1 (id klick-sok)"),
        (lambda d: d["parameters"][0].update(type="colour"), "type", "parameter 1"),
        (lambda d: d["parameters"].append({"name": "namn"}), "name", "parameter 3"),
        (lambda d: d.update(steps={}), "steps", None),
        (lambda d: d.pop("name"), "name", None),
        (lambda d: d["steps"][2].pop("id"), "id", "step 3"),
        (lambda d: d["steps"][0]["target"].update(selector={"api": "atspi"}),
         "target.selector.role", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][0]["target"].update(selector={"api": "gtk", "role": "text"}),
         "target.selector.api", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][0]["target"].update(
            selector={"role": "text", "path": [["panel", -1]]}),
         "target.selector.path", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][0]["target"].update(
            selector={"role": "text", "box_in_window": [1, 2, -3, 4]}),
         "target.selector.box_in_window", "step 1 (id klick-sok)"),
        (lambda d: d["steps"][1].update(element={"role": "text", "colour": "red"}),
         "element.colour", "step 2 (id skriv-namn)"),
    ],
    ids=["unknown-parameter", "duplicate-id", "stray-field", "bool-for-number", "missing-text",
         "negative-wait", "picture-outside-folder", "unknown-parameter-type",
         "duplicate-parameter", "steps-not-a-list", "no-name", "no-id", "selector-no-role",
         "selector-unknown-api", "selector-negative-index", "selector-negative-box",
         "element-stray-field"],
)
def test_every_bad_field_is_named_with_its_step_or_parameter(
        tmp_path: Path, change: object, field: str, place: str | None) -> None:
    folder, document = saved_document(tmp_path)
    assert callable(change)
    change(document)
    write_document(folder, document)
    with pytest.raises(BotFileError) as error:
        load_bot(folder)
    assert error.value.field == field
    assert error.value.where() == place
    assert str(error.value).startswith(
        f"{folder / 'bot.json'}: {place + ', ' if place else ''}field '{field}': ")


def test_a_bot_saved_without_its_picture_names_the_step_that_needs_it(tmp_path: Path) -> None:
    with pytest.raises(BotFileError) as error:
        save_bot(a_bot(), tmp_path / "bot")
    assert (error.value.step_index, error.value.step_id, error.value.field) == (
        0, "klick-sok", "target.anchor")
    assert error.value.reason == "picture images/sok.png is missing"
    assert not (tmp_path / "bot").exists()


def test_a_place_is_a_step_or_a_parameter_never_both(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not both"):
        BotFileError(tmp_path, "x", step_index=0, parameter_index=0)
    with pytest.raises(ValueError, match="step id needs"):
        BotFileError(tmp_path, "x", step_id="abc")


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


selectors = st.builds(
    Selector, api=st.sampled_from(["atspi", "uia", "ax"]), role=text.filter(bool),
    name=text, element_id=text, app=text, window=text,
    labels=st.lists(text, max_size=3).map(tuple),
    path=st.lists(st.tuples(text, st.integers(0, 500)), max_size=8).map(tuple),
    nth=st.integers(0, 50),
    box_in_window=st.none() | st.tuples(st.integers(-5000, 5000), st.integers(-5000, 5000),
                                        st.integers(0, 3000), st.integers(0, 3000)),
    offset=st.none() | points,
)


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
        selector=draw(st.none() | selectors),
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
    "points_are_fine": st.booleans(),
}
buttons = st.sampled_from(["left", "right", "middle"])
steps: st.SearchStrategy[Step] = st.one_of(
    st.builds(ClickStep, target=targets(), button=buttons, clicks=st.sampled_from([1, 2]),
              **common),
    st.builds(DragStep, target=targets(), end=targets(), button=buttons, **common),
    st.builds(ScrollStep, target=targets(), dx=st.integers(-50, 50), dy=st.integers(-50, 50),
              **common),
    st.builds(TypeTextStep, text=text.filter(lambda t: "{{" not in t), window_title=text,
              method=st.sampled_from(["type", "paste"]), element=st.none() | selectors,
              **common),
    st.builds(KeyStep, key=st.sampled_from(["tab", "enter", "f5", "escape"]),
              window_title=st.none() | text, **common),
    st.builds(HotkeyStep, keys=st.lists(st.sampled_from(["ctrl", "alt", "c", "f4"]), min_size=1,
                                       max_size=8),
              **common),
    st.builds(WaitStep, seconds=st.floats(0, 3600), **common),
    st.builds(WaitStep, until=st.sampled_from(["picture_appears", "picture_vanishes"]),
              target=st.builds(Target, anchor=pictures, anchor_offset=points), **common),
    st.builds(WaitStep, until=st.just("window"), window_title=text.filter(bool), **common),
    # Longer than any generated parameter name, so a read value never takes a parameter's.
    st.builds(ReadTextStep, target=st.builds(Target, window_title=text.filter(bool),
                                             selector=selectors,
                                             window_point=st.none() | points),
              into=st.from_regex(r"read_[a-z0-9]{5,8}", fullmatch=True), label=text, **common),
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


# ------------------------------------------------------------------ where a broken file is broken

BREAKAGES: dict[str, tuple[str, Callable[[dict[str, object]], object]]] = {
    "unknown-type": ("type", lambda step: step.update(type="teleport")),
    "negative-wait": ("seconds", lambda step: step.update(seconds=-1)),
    "stray-field": ("colour", lambda step: step.update(colour="red")),
    "text-for-number": ("seconds", lambda step: step.update(seconds="två")),
}
step_ids = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(step_ids, min_size=1, max_size=6, unique=True), data=st.data(),
       breakage=st.sampled_from(sorted(BREAKAGES)))
def test_whichever_step_is_broken_the_error_points_at_it_on_one_line(
        tmp_path: Path, ids: list[str], data: st.DataObject, breakage: str) -> None:
    broken = data.draw(st.integers(0, len(ids) - 1), label="broken step")
    folder = tmp_path / "generated"
    document = bot_json(Bot(name="Väntar", steps=[WaitStep(id=i) for i in ids]))
    steps = document["steps"]
    assert isinstance(steps, list)
    field, change = BREAKAGES[breakage]
    change(steps[broken])
    write_document(folder, document)

    with pytest.raises(BotFileError) as error:
        load_bot(folder)

    assert error.value.step_index == broken
    assert error.value.step_number == broken + 1
    assert error.value.step_id == ids[broken]
    assert error.value.field == field
    message = str(error.value)
    assert len(message.splitlines()) == 1
    assert message.startswith(f"{folder / 'bot.json'}: step {broken + 1} (id ")
    assert message.endswith(f"field '{field}': {error.value.reason}")


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parameter_names=st.lists(names, min_size=1, max_size=5, unique=True), data=st.data())
def test_whichever_parameter_is_broken_the_error_gives_its_number(
        tmp_path: Path, parameter_names: list[str], data: st.DataObject) -> None:
    broken = data.draw(st.integers(0, len(parameter_names) - 1), label="broken parameter")
    folder = tmp_path / "generated"
    document = bot_json(Bot(name="Frågar", parameters=[Parameter(n) for n in parameter_names]))
    parameters = document["parameters"]
    assert isinstance(parameters, list)
    parameters[broken]["type"] = "colour"
    write_document(folder, document)

    with pytest.raises(BotFileError) as error:
        load_bot(folder)

    assert (error.value.parameter_index, error.value.parameter_number) == (broken, broken + 1)
    assert error.value.step_index is None
    assert str(error.value).startswith(
        f"{folder / 'bot.json'}: parameter {broken + 1}, field 'type': must be one of ")
