"""The limits every loader keeps: files that could hang or flood a reader are refused, links out
of a folder are seen, and what a message quotes stays short."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.model.limits import (
    MAX_MESSAGE_CHARS,
    FileRefusedError,
    abbreviate,
    inside,
    lone_surrogate,
    one_line,
    read_regular_file,
)


@given(st.text(max_size=5000))
def test_a_quoted_value_is_short_and_says_how_long_it_was(value: str) -> None:
    quoted = abbreviate(value)
    assert len(quoted) <= 90
    assert quoted.isprintable()
    quoted.encode("utf-8")  # no lone surrogate left to fail a write
    if len(value) > 60:
        assert f"{len(value):,} characters" in quoted


@given(st.text(max_size=3000))
def test_a_message_is_one_line_of_bounded_length(message: str) -> None:
    folded = one_line(message)
    assert len(folded) <= MAX_MESSAGE_CHARS
    assert "\n" not in folded and "\r" not in folded


def test_a_regular_file_is_read_and_a_too_large_one_refused(tmp_path: Path) -> None:
    file = tmp_path / "bot.json"
    file.write_bytes(b"{}")
    assert read_regular_file(file, 10) == b"{}"
    file.write_bytes(b"x" * 11)
    with pytest.raises(FileRefusedError, match="larger than 10 bytes"):
        read_regular_file(file, 10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "bot.json"
    os.mkfifo(fifo)
    with pytest.raises(FileRefusedError, match="not a regular file"):
        read_regular_file(fifo, 1000)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "bot.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileRefusedError, match="not a regular file"):
        read_regular_file(link, 1000)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError, match="not a regular file"):
        read_regular_file(tmp_path, 1000)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_links_out_of_a_folder_are_seen_whether_or_not_their_target_exists(
        tmp_path: Path) -> None:
    folder = tmp_path / "bot"
    (folder / "images").mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(b"outside")
    (folder / "images" / "a.png").symlink_to(tmp_path / "secret.png")
    (folder / "images" / "b.png").symlink_to(tmp_path / "nothing-here.png")
    (folder / "images" / "c.png").write_bytes(b"inside")
    (folder / "images" / "d.png").symlink_to(folder / "images" / "c.png")
    assert not inside(folder, folder / "images" / "a.png")
    assert not inside(folder, folder / "images" / "b.png")
    assert inside(folder, folder / "images" / "c.png")
    assert inside(folder, folder / "images" / "d.png")
    assert not inside(folder, folder / ".." / "secret.png")


@given(st.text(max_size=50), st.sampled_from(["\ud800", "\udfff", "\udc80"]),
       st.text(max_size=50))
def test_a_lone_surrogate_is_found_where_it_is(before: str, half: str, after: str) -> None:
    # A JSON escape like \ud800 puts one in a string; UTF-8 cannot hold it, so it cannot be saved.
    assert lone_surrogate(before + half + after) == len(before)


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_text_without_lone_surrogates_is_clean(text: str) -> None:
    assert lone_surrogate(text) is None


def test_a_name_with_a_nul_is_refused_not_crashed_on(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError, match="NUL"):
        read_regular_file(tmp_path / "bot\0.json", 1000)
    assert not inside(tmp_path, tmp_path / "bot\0.json")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_a_loop_of_links_is_never_inside(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert not inside(tmp_path, tmp_path / "a")
