"""A recording becomes a bot: the steps, the pictures they use, and secrets as parameters."""

from __future__ import annotations

from pathlib import Path

from app.core.model.bot import ClickStep, HotkeyStep, TypeTextStep
from app.core.recording.build import Recording, build_bot, thumbnail_name
from app.core.recording.events import ClickContext, InputEvent


def click(seq: int, t: float, x: int, y: int) -> list[InputEvent]:
    return [InputEvent(seq, t, "press", x=x, y=y, button="left"),
            InputEvent(seq + 1, t + 0.08, "release", x=x, y=y, button="left")]


def test_clicks_keep_the_pictures_that_were_taken_and_forget_those_that_were_not(
        tmp_path: Path) -> None:
    (tmp_path / "click-00001.png").write_bytes(b"anchor one")
    (tmp_path / thumbnail_name(1)).write_bytes(b"window one")
    events = [*click(1, 1.0, 300, 200), *click(3, 3.0, 500, 400)]
    contexts = {
        1: ClickContext(seq=1, anchor="click-00001.png", anchor_left=260, anchor_top=175),
        3: ClickContext(seq=3, anchor="click-00003.png", anchor_left=460, anchor_top=375),
    }
    bot, pictures = build_bot("kort", Recording("s1", tmp_path, events, contexts))
    first, second = bot.steps
    assert isinstance(first, ClickStep)
    assert isinstance(second, ClickStep)
    assert first.target.anchor == "click-00001.png"
    assert first.thumbnail == "window-00001.png"
    assert second.target.anchor is None  # its picture is missing: the point is all there is
    assert second.target.anchor_offset is None
    assert second.thumbnail is None
    assert pictures == {"click-00001.png": b"anchor one", "window-00001.png": b"window one"}
    assert bot.name == "kort"
    assert bot.parameters == []


def test_what_was_typed_in_secret_mode_becomes_a_secret_parameter(tmp_path: Path) -> None:
    events = [*click(1, 1.0, 10, 10), InputEvent(3, 2.0, "mark", key="secret")]
    bot, _ = build_bot("hemlig", Recording("s2", tmp_path, events))
    assert [step.text for step in bot.steps if isinstance(step, TypeTextStep)] == [
        "{{losenord}}"]
    assert [(p.name, p.type) for p in bot.parameters] == [("losenord", "secret")]


def test_ctrl_f12_is_left_out_as_the_stop_hotkey_unless_others_are_named(tmp_path: Path) -> None:
    events = [InputEvent(1, 1.0, "key_down", key="ctrl_l", keycode=37),
              InputEvent(2, 1.1, "key_down", key="f12", keycode=96),
              InputEvent(3, 1.2, "key_up", key="f12", keycode=96),
              InputEvent(4, 1.3, "key_up", key="ctrl_l", keycode=37)]
    recording = Recording("s3", tmp_path, events)
    assert build_bot("stopp", recording)[0].steps == []
    [step] = build_bot("stopp", recording, [frozenset({"ctrl", "f11"})])[0].steps
    assert isinstance(step, HotkeyStep)
