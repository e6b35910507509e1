"""The bot library as the studio lists it: every bot folder, broken ones too, in Swedish order."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import paths
from app.core.model.bot import Bot, ClickStep, Point, Target, WaitStep
from app.core.model.botfile import load_bot, save_bot
from app.core.model.library import (
    BotEntry,
    LibraryError,
    bot_folders,
    duplicate_bot,
    folder_name_for,
    free_folder,
    matches_search,
    new_bot,
    read_entry,
    read_library,
    rename_bot,
    swedish_sort_key,
)
from app.core.model.trash import (
    delete_to_trash,
    empty_trash,
    list_trash,
    restore,
    trash_dir,
)


@pytest.fixture
def examples_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    monkeypatch.setattr(paths, "shipped_examples_dir", lambda: folder)
    return folder


def a_bot(folder: Path, name: str) -> Path:
    save_bot(Bot(name=name, steps=[WaitStep(id="paus")]), folder)
    return folder


def in_swedish_order(*names: str) -> list[str]:
    return sorted(names, key=swedish_sort_key)


# ---------------------------------------------------------------- reading the library


def test_the_library_lists_mine_examples_and_other_folders_each_in_order(
        tmp_path: Path, examples_dir: Path) -> None:
    library = paths.library_dir()
    a_bot(library / "zeta", "Övertid")
    a_bot(library / "alfa", "Avsluta timanställning")
    a_bot(library / "mitten", "ekonomiskt bistånd")
    a_bot(examples_dir / "ovning", "Övningsrobot")
    elsewhere = a_bot(tmp_path / "delad" / "fran-lund", "Från Lund")

    groups = read_library([elsewhere])

    assert list(groups) == ["mine", "examples", "other"]
    assert [entry.title for entry in groups["mine"]] == [
        "Avsluta timanställning", "ekonomiskt bistånd", "Övertid"]
    assert [entry.title for entry in groups["examples"]] == ["Övningsrobot"]
    assert [entry.folder for entry in groups["other"]] == [elsewhere]
    assert [entry.read_only for entry in groups["examples"]] == [True]
    assert not any(entry.read_only for entry in groups["mine"] + groups["other"])


def test_a_broken_bot_is_listed_under_its_folder_name_with_the_reason(examples_dir: Path) -> None:
    library = paths.library_dir()
    broken = a_bot(library / "trasig", "Trasig")
    document = json.loads((broken / "bot.json").read_text(encoding="utf-8"))
    document["steps"][0]["seconds"] = "två"
    (broken / "bot.json").write_text(json.dumps(document), encoding="utf-8")
    a_bot(library / "hel", "Hel")

    mine = read_library()["mine"]

    assert [entry.title for entry in mine] == ["Hel", "trasig"]
    entry = mine[1]
    assert entry.bot is None and entry.error is not None
    assert (entry.error.step_number, entry.error.step_id, entry.error.field) == (
        1, "paus", "seconds")


def test_only_bot_folders_count_and_a_missing_library_has_none(tmp_path: Path) -> None:
    root = tmp_path / "robotar"
    assert bot_folders(root) == []
    a_bot(root / "riktig", "Riktig")
    a_bot(root / ".gomd", "Gömd")
    (root / "tom-mapp").mkdir()
    (root / "anteckning.txt").write_text("inte en robot", encoding="utf-8")
    assert bot_folders(root) == [root / "riktig"]


def test_reading_a_folder_again_sees_a_fixed_file(tmp_path: Path) -> None:
    folder = tmp_path / "robot"
    folder.mkdir()
    (folder / "bot.json").write_text("{}", encoding="utf-8")
    assert read_entry(folder, "mine").error is not None
    a_bot(folder, "Lagad")
    assert read_entry(folder, "mine").title == "Lagad"


def test_a_copy_never_overwrites_a_folder(tmp_path: Path) -> None:
    assert free_folder(tmp_path, "sok") == tmp_path / "sok"
    (tmp_path / "sok").mkdir()
    (tmp_path / "sok-2").mkdir()
    assert free_folder(tmp_path, "sok") == tmp_path / "sok-3"


# ---------------------------------------------------------------- Swedish order


def test_a_a_and_o_with_marks_come_after_z() -> None:
    assert in_swedish_order("Örebro", "Zorro", "Åsa", "Ära", "Anna", "Östen") == [
        "Anna", "Zorro", "Åsa", "Ära", "Örebro", "Östen"]


def test_letter_case_does_not_matter() -> None:
    assert in_swedish_order("bistånd", "Avsluta", "Ansökan", "avslag") == [
        "Ansökan", "avslag", "Avsluta", "bistånd"]
    # Only the same name in another case is decided by case, lower case first.
    assert in_swedish_order("Robot", "robot") == ["robot", "Robot"]


def test_numbers_are_in_numeric_order() -> None:
    assert in_swedish_order("robot 10", "robot 2", "robot 1", "robot 02b", "robot 2a") == [
        "robot 1", "robot 2", "robot 2a", "robot 02b", "robot 10"]


def test_foreign_letters_sort_as_a_swedish_reader_expects() -> None:
    assert in_swedish_order("Ødegaard", "Ærlig", "Émile", "Ewa", "Eva", "Über", "Yxa", "Ypsilon",
                            "Østen", "Zelda") == [
        "Émile", "Eva", "Ewa", "Über", "Ypsilon", "Yxa", "Zelda", "Ærlig", "Ødegaard", "Østen"]
    assert in_swedish_order("Thor", "Þórr", "Tiia") == ["Thor", "Þórr", "Tiia"]


def test_spaces_and_punctuation_come_before_digits_and_digits_before_letters() -> None:
    assert in_swedish_order("ab", "a-b", "a b", "1 robot", "_utkast") == [
        "_utkast", "1 robot", "a b", "a-b", "ab"]


def test_an_accent_decides_only_between_otherwise_equal_names() -> None:
    assert in_swedish_order("Éa", "eb", "ea") == ["ea", "Éa", "eb"]


names = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
plain_names = st.text(st.sampled_from("abcxyzåäöABCXYZÅÄÖ019 -"), max_size=8)


@given(st.lists(names, max_size=8), st.randoms())
def test_the_order_does_not_depend_on_the_order_the_folders_were_read(
        texts: list[str], random: Random) -> None:
    shuffled = list(texts)
    random.shuffle(shuffled)
    assert sorted(shuffled, key=swedish_sort_key) == sorted(texts, key=swedish_sort_key)


@given(plain_names, plain_names)
def test_case_never_moves_a_name_past_a_different_one(first: str, second: str) -> None:
    if first.casefold() == second.casefold():
        return
    before = swedish_sort_key(first) < swedish_sort_key(second)
    assert (swedish_sort_key(first.upper()) < swedish_sort_key(second.lower())) == before
    assert (swedish_sort_key(first.lower()) < swedish_sort_key(second.upper())) == before


@given(st.integers(0, 10**12), st.integers(0, 10**12), st.sampled_from(["robot ", "", "v"]))
def test_any_two_numbers_are_in_numeric_order(first: int, second: int, prefix: str) -> None:
    if first < second:
        assert swedish_sort_key(f"{prefix}{first}") < swedish_sort_key(f"{prefix}{second}")


# ---------------------------------------------------------------- changing the library


def a_png() -> bytes:
    import cv2
    import numpy as np

    picture = np.zeros((12, 20, 3), dtype=np.uint8)
    picture[3:9, 4:16] = (40, 90, 200)
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    return bytes(encoded)


def a_bot_with_pictures(folder: Path, name: str) -> Path:
    bot = Bot(name=name, description="Registrerar ansökan", steps=[
        ClickStep(id="sok", thumbnail="fonster.png",
                  target=Target(anchor="sok.png", anchor_offset=Point(3, 3),
                                absolute=Point(100, 200)))])
    save_bot(bot, folder, {"sok.png": a_png(), "fonster.png": a_png()})
    return folder


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` with its bytes, to show nothing changed."""
    found: dict[str, bytes | None] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else None
    return found


def test_folder_names_follow_the_bot_name_in_plain_letters() -> None:
    assert folder_name_for("Ekonomiskt bistånd – registrera") == "ekonomiskt-bistand-registrera"
    assert folder_name_for("Ärende Öppna") == "arende-oppna"
    assert folder_name_for("Lønseddel Ærø") == "lonseddel-aero"
    assert folder_name_for("Émile  2") == "emile-2"
    assert folder_name_for("???") == "robot"
    assert folder_name_for("../../etc") == "etc"


def test_a_new_bot_is_an_empty_bot_in_my_bots_under_a_free_folder() -> None:
    first = new_bot("  Frånvaroanmälan  ")
    second = new_bot("Frånvaroanmälan")
    assert first == paths.library_dir() / "franvaroanmalan"
    assert second == paths.library_dir() / "franvaroanmalan-2"
    bot = load_bot(first)
    assert (bot.name, bot.steps, bot.parameters) == ("Frånvaroanmälan", [], [])
    assert not [p for p in paths.library_dir().iterdir() if p.name.startswith(".")]


def test_a_bot_needs_a_name(examples_dir: Path) -> None:
    with pytest.raises(LibraryError, match="needs a name"):
        new_bot("   ")
    with pytest.raises(LibraryError, match="at most 200"):
        new_bot("x" * 201)
    assert snapshot(paths.library_dir()) == {}


def test_renaming_changes_the_name_and_keeps_the_folder_steps_and_pictures(
        examples_dir: Path) -> None:
    folder = a_bot_with_pictures(paths.library_dir() / "ansokan", "Ansökan")
    renamed = rename_bot(folder, "Ansökan om bistånd")
    assert renamed.name == "Ansökan om bistånd"
    loaded = load_bot(folder)
    assert loaded.name == "Ansökan om bistånd"
    assert [step.id for step in loaded.steps] == ["sok"]
    assert sorted(p.name for p in (folder / "images").iterdir()) == ["fonster.png", "sok.png"]


def test_an_example_cannot_be_renamed_or_deleted_and_nothing_changes(
        examples_dir: Path) -> None:
    example = a_bot(examples_dir / "ovning", "Övning")
    before = snapshot(examples_dir)
    with pytest.raises(LibraryError, match="is an example"):
        rename_bot(example, "Min övning")
    with pytest.raises(LibraryError, match="is an example"):
        delete_to_trash(example)
    assert snapshot(examples_dir) == before
    assert list_trash() == []


def test_a_broken_bot_cannot_be_renamed_and_is_left_as_it_was(examples_dir: Path) -> None:
    folder = paths.library_dir() / "trasig"
    folder.mkdir(parents=True)
    (folder / "bot.json").write_text("{ inte json", encoding="utf-8")
    with pytest.raises(LibraryError, match="cannot be loaded") as refused:
        rename_bot(folder, "Hel")
    assert refused.value.path == folder
    assert (folder / "bot.json").read_text(encoding="utf-8") == "{ inte json"


def test_duplicating_copies_the_pictures_under_a_copy_name(examples_dir: Path) -> None:
    folder = a_bot_with_pictures(paths.library_dir() / "ansokan", "Ansökan")
    (folder / "images" / "oanvand.png").write_bytes(a_png())
    copy = duplicate_bot(folder, "{name} (kopia)", "{name} (kopia {number})")
    again = duplicate_bot(folder, "{name} (kopia)", "{name} (kopia {number})")
    assert load_bot(copy).name == "Ansökan (kopia)"
    assert load_bot(again).name == "Ansökan (kopia 2)"
    assert copy.parent == paths.library_dir() and copy != folder
    assert load_bot(copy).steps == load_bot(folder).steps
    # Only what the bot uses goes with it.
    assert sorted(p.name for p in (copy / "images").iterdir()) == ["fonster.png", "sok.png"]
    picture = Path("images") / "sok.png"
    assert (copy / picture).read_bytes() == (folder / picture).read_bytes()


def test_an_example_can_be_duplicated_into_my_bots(examples_dir: Path) -> None:
    example = a_bot_with_pictures(examples_dir / "ovning", "Övning")
    copy = duplicate_bot(example)
    assert copy.parent == paths.library_dir()
    assert load_bot(copy).name == "Övning (copy)"
    assert read_library()["mine"][0].folder == copy


def test_a_bot_with_a_missing_picture_is_not_duplicated_and_nothing_is_written(
        examples_dir: Path) -> None:
    folder = a_bot_with_pictures(paths.library_dir() / "ansokan", "Ansökan")
    (folder / "images" / "sok.png").unlink()
    before = snapshot(paths.library_dir())
    with pytest.raises(LibraryError, match=r"sok\.png is missing") as refused:
        duplicate_bot(folder)
    assert refused.value.path == folder
    assert snapshot(paths.library_dir()) == before


# ---------------------------------------------------------------- the trash


def test_a_deleted_bot_goes_to_the_trash_and_comes_back_whole(examples_dir: Path) -> None:
    folder = a_bot_with_pictures(paths.library_dir() / "ansokan", "Ansökan")
    before = snapshot(folder)
    item = delete_to_trash(folder, now=datetime(2026, 11, 30, 9, 15, tzinfo=UTC))
    assert not folder.exists()
    assert read_library()["mine"] == []
    [listed] = list_trash()
    assert (listed.name, listed.original, listed.deleted_at) == (
        "Ansökan", folder, datetime(2026, 11, 30, 9, 15, tzinfo=UTC))
    assert listed == item
    back = restore(listed)
    assert back == folder
    assert snapshot(folder) == before
    assert list_trash() == []


def test_a_restored_bot_whose_folder_was_taken_gets_a_free_one(examples_dir: Path) -> None:
    folder = a_bot(paths.library_dir() / "ansokan", "Ansökan")
    item = delete_to_trash(folder)
    a_bot(paths.library_dir() / "ansokan", "Ny ansökan")
    back = restore(item)
    assert back == paths.library_dir() / "ansokan-2"
    assert sorted(entry.title for entry in read_library()["mine"]) == ["Ansökan", "Ny ansökan"]


def test_a_broken_bot_can_be_deleted_and_is_named_by_its_folder(examples_dir: Path) -> None:
    folder = paths.library_dir() / "trasig"
    folder.mkdir(parents=True)
    (folder / "bot.json").write_text("[]", encoding="utf-8")
    item = delete_to_trash(folder)
    assert item.name == "trasig"
    assert (item.bot_folder / "bot.json").read_text(encoding="utf-8") == "[]"


def test_the_trash_lists_the_newest_first_and_empties(examples_dir: Path) -> None:
    for number, hour in ((1, 8), (2, 10), (3, 9)):
        delete_to_trash(a_bot(paths.library_dir() / f"bot-{number}", f"Robot {number}"),
                        now=datetime(2026, 11, 30, hour, tzinfo=UTC))
    assert [item.name for item in list_trash()] == ["Robot 2", "Robot 3", "Robot 1"]
    assert empty_trash() == 3
    assert list_trash() == []
    assert list(trash_dir().iterdir()) == []


def test_a_library_on_another_disk_still_deletes_and_restores_whole(
        examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from app.core.model import trash

    folder = a_bot_with_pictures(paths.library_dir() / "ansokan", "Ansökan")
    before = snapshot(folder)
    real_rename = os.rename
    crossed: list[str] = []

    def across_disks(source: object, target: object) -> None:
        # Only the move between library and trash crosses the disks; renames beside it do not.
        if Path(str(source)).parent.parent != Path(str(target)).parent.parent and (
                trash_dir() in (*Path(str(source)).parents, *Path(str(target)).parents)):
            crossed.append(Path(str(target)).name)
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(trash.os, "rename", across_disks)
    item = delete_to_trash(folder)
    assert not folder.exists()
    assert snapshot(item.bot_folder) == before
    assert restore(item) == folder
    assert snapshot(folder) == before
    assert crossed == ["bot", "ansokan"]
    assert list_trash() == []
    assert not [p for p in paths.library_dir().iterdir() if p.name.startswith(".")]


def test_a_folder_from_elsewhere_is_not_deleted(tmp_path: Path, examples_dir: Path) -> None:
    elsewhere = a_bot(tmp_path / "delad" / "fran-lund", "Från Lund")
    with pytest.raises(LibraryError, match="not in My bots"):
        delete_to_trash(elsewhere)
    assert (elsewhere / "bot.json").exists()


def test_a_trash_entry_without_its_note_is_still_listed_and_restorable(
        examples_dir: Path) -> None:
    item = delete_to_trash(a_bot(paths.library_dir() / "ansokan", "Ansökan"))
    (item.entry / "trashed.json").write_text("{trasig", encoding="utf-8")
    [listed] = list_trash()
    assert listed.name == item.entry.name
    back = restore(listed)
    assert load_bot(back).name == "Ansökan"


# ---------------------------------------------------------------- search


def entry_named(name: str, description: str = "") -> BotEntry:
    return BotEntry(Path("/bots") / folder_name_for(name), "mine",
                    bot=Bot(name=name, description=description))


@pytest.mark.parametrize(("query", "found"), [
    ("ö", True), ("Ö", True), ("ÖVERTID", True), ("övertid", True), ("o", False),
    ("tid", True), ("timanställ", True), ("TIMANSTÄLL", True), ("lön", False),
    ("", True), ("  ", True),
    # "ö" typed as o and a separate diaeresis, as some keyboards and pasted texts give it.
    ("o\u0308", True),
])
def test_search_finds_names_and_descriptions_as_a_swedish_reader_expects(
        query: str, found: bool) -> None:
    entry = entry_named("Övertid", "För timanställda")
    assert matches_search(entry, query) is found


def test_search_finds_a_broken_bot_by_its_folder_name() -> None:
    assert matches_search(BotEntry(Path("/bots/trasig-robot"), "mine"), "TRASIG")
