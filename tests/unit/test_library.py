"""The bot library as the studio lists it: every bot folder, broken ones too, in Swedish order."""

from __future__ import annotations

import json
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import paths
from app.core.model.bot import Bot, WaitStep
from app.core.model.botfile import save_bot
from app.core.model.library import (
    bot_folders,
    free_folder,
    read_entry,
    read_library,
    swedish_sort_key,
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
