"""Recording from the studio on a real display, then running the result from the studio.

A superuser has a bot of their own open in the studio and presses Ctrl+R: the studio leaves the
screen, the recording toolbar appears, and a caseworker handles one application in the
practice system while the studio's own recorder films it. The stop hotkey ends the recording;
the studio comes back with the new steps in the open bot. One typed text is corrected through
the editor's undoable step edit (the call its property panel makes; the panel's own text field
is not driven here), the bot is saved, and F5 runs it against a fresh practice system, which
must save the corrected case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import paths
from app.core.model.bot import Bot, WaitStep
from app.core.model.botfile import load_bot, save_bot
from app.testing.person import Person, wait_until
from app.testing.practice import CASE_FIELDS, StartPractice, handle_one_application, read_cases
from tests.e2e.support.studio import RecordingInStudio, studio_on
from tests.e2e.support.targets import set_layout

pytestmark = pytest.mark.x11

CASE = {"name": "Åsa Öberg", "personnummer": "19811124-9812", "amount": "3200",
        "category": "Läkarvård", "home_municipality": "Växjö",
        "free_text": "Ärendet gäller tandvård"}
# The amount is corrected: its field lies away from the buttons, whose recorded pictures may
# take in a neighbouring field (the free text above Spara) as it looked while recording.
CORRECTED = "4100"


def click_studio(person: Person, ready: dict[str, int]) -> None:
    """Bring the studio forward, as a person does, by clicking its status line on the left,
    where the practice system (at 200,150) does not cover it."""
    person.click(ready["x"] + 60, ready["y"] + ready["height"] - 8)


def test_a_routine_recorded_from_the_studio_is_fixed_and_run_from_the_studio(
        environment: dict[str, str], practice: StartPractice, person: Person,
        robotfabrik_home: Path, tmp_path: Path) -> None:
    set_layout(person.display, "se")
    folder = robotfabrik_home / "recordings" / "handlaggning"
    save_bot(Bot(name="Handläggning", steps=[WaitStep(id="start", until="time", seconds=0.2)]),
             folder)
    recorded_in = practice("recorded")
    with studio_on(environment, tmp_path) as studio:
        studio.send(do="select", folder=str(folder))
        assert studio.wait_for("selected")["ok"]
        ready = studio.seen[0]
        click_studio(person, ready)
        person.key("ctrl+r")
        studio.wait_for("hidden")
        recording = studio.wait_for("recording")
        watch = RecordingInStudio(robotfabrik_home / "robotfabrik.sqlite",
                                  recording["session"], studio)
        filmed = Person(person.display, after=watch.keep_up)
        # A click on the recording toolbar (its red dot) is never a step.
        left, top, _, height = recording["toolbar"]
        filmed.click(left + 12, top + height // 2)
        handle_one_application(filmed, CASE, "se")
        person.key("ctrl+F12")  # the stop hotkey, never a step itself
        recorded = studio.wait_for("recorded", timeout=60)

        typed = [CASE[field] for field in ("personnummer", "name", "amount", "category",
                                           "home_municipality", "free_text")]
        assert recorded["texts"] == ["handlaggare", "ovning", *typed]
        assert recorded["kinds"][0] == "wait" and recorded["kinds"].count("click") == 7
        assert recorded["rows"] == len(recorded["kinds"]) and recorded["modified"]
        assert recorded["on_screen"], "the studio came back after recording"
        [recorded_case] = read_cases(recorded_in.cases_file)
        assert {field: recorded_case[field] for field in CASE_FIELDS} == CASE
        recorded_in.stop()

        # The fix a superuser makes in the editor: the typed amount is corrected.
        amount = len(recorded["kinds"]) - 9
        studio.send(do="set_text", index=amount, text=CORRECTED)
        changed = studio.wait_for("changed")
        assert changed["text"] == CORRECTED and changed["modified"]
        studio.send(do="save")
        assert studio.wait_for("saved")["ok"]
        bot = load_bot(folder)
        assert len(bot.steps) == len(recorded["kinds"])
        assert all((folder / "images" / name).is_file() for name in bot.pictures())
        assert not (paths.library_dir() / "Ny inspelning").exists()

        replayed_in = practice("replayed")
        click_studio(person, ready)
        person.key("F5")
        finished = studio.wait_for("finished", timeout=180)
        assert not studio.saw("problem"), [e for e in studio.seen if e["event"] == "problem"]
        assert finished["status"] == "succeeded", finished
        studio.wait_for("back")

    wait_until(lambda: read_cases(replayed_in.cases_file), 10, "the saved case")
    [replayed] = read_cases(replayed_in.cases_file)
    assert {field: replayed[field] for field in CASE_FIELDS} == {**CASE, "amount": CORRECTED}
