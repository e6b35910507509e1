"""Bundles: a bot handed over as one .zip, and a hostile .zip refused with nothing written."""

from __future__ import annotations

import json
import stat
import struct
import warnings
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import paths
from app.core.model import bundle as bundles
from app.core.model.bot import (
    Bot,
    ClickStep,
    Parameter,
    Point,
    Target,
    TypeTextStep,
    WaitStep,
)
from app.core.model.botfile import bot_json, load_bot, save_bot
from app.core.model.bundle import (
    BundleError,
    export_bundle,
    import_bundle,
    read_manifest,
)


def a_png(shade: int = 90) -> bytes:
    picture = np.zeros((12, 20, 3), dtype=np.uint8)
    picture[3:9, 4:16] = (40, shade, 200)
    ok, encoded = cv2.imencode(".png", picture)
    assert ok
    return bytes(encoded)


def application_bot() -> Bot:
    return Bot(
        name="Ekonomiskt bistånd – registrera",
        description="Flyttar ansökan till verksamhetssystemet.",
        parameters=[Parameter("pnr", "personnummer", "Personnummer")],
        steps=[
            ClickStep(id="sok", thumbnail="fonster.png",
                      target=Target(anchor="sok.png", anchor_offset=Point(3, 3),
                                    window_title="Socialsystemet", window_point=Point(5, 6))),
            TypeTextStep(id="pnr", text="{{pnr}}", window_title="Socialsystemet"),
        ])


BOT_JSON = json.dumps(bot_json(application_bot()), ensure_ascii=False).encode("utf-8")
PICTURES = {"sok.png": a_png(90), "fonster.png": a_png(150)}


def snapshot(root: Path) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    if root.exists():
        for path in sorted(root.rglob("*")):
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else None
    return found


def a_zip(path: Path, entries: list[tuple[str, bytes]], *, links: tuple[str, ...] = ()) -> Path:
    """A .zip holding ``entries`` as given, duplicates and odd names included."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name; that is the point
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                kind = stat.S_IFLNK if name in links else stat.S_IFREG
                info.external_attr = (kind | 0o644) << 16
                archive.writestr(info, data)
    return path


def good_entries() -> list[tuple[str, bytes]]:
    return [("bot.json", BOT_JSON),
            *((f"images/{name}", data) for name, data in PICTURES.items())]


@pytest.fixture
def library() -> Path:
    folder = paths.library_dir()
    save_bot(Bot(name="Redan här"), folder / "redan-har")
    return folder


# ---------------------------------------------------------------- the round trip


def test_an_exported_bot_imports_equal_with_its_pictures(tmp_path: Path, library: Path) -> None:
    source = tmp_path / "nacka" / "ekonomiskt-bistand"
    save_bot(application_bot(), source, PICTURES)
    (source / "images" / "oanvand.png").write_bytes(a_png(10))
    (source / "data.csv").write_text("pnr\n", encoding="utf-8")

    bundle = export_bundle(source, tmp_path / "bistand.zip",
                           now=datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == [
            "bot.json", "images/fonster.png", "images/sok.png", "manifest.json"]
    manifest = read_manifest(bundle)
    assert manifest is not None
    assert (manifest.bot_name, manifest.exported_at, manifest.format_version) == (
        "Ekonomiskt bistånd – registrera", "2026-11-30T09:00:00+00:00", 1)

    imported = import_bundle(bundle)

    assert imported == library / "ekonomiskt-bistand-registrera"
    assert load_bot(imported) == load_bot(source)
    assert {p.name: p.read_bytes() for p in (imported / "images").iterdir()} == PICTURES
    assert sorted(p.name for p in imported.iterdir()) == ["bot.json", "images"]


def test_importing_twice_gives_two_bots_told_apart_by_name(tmp_path: Path, library: Path) -> None:
    bundle = a_zip(tmp_path / "b.zip", good_entries())
    first, second = import_bundle(bundle), import_bundle(bundle)
    assert first != second and first.parent == second.parent == library
    # Told apart in the list by their names; the same bot otherwise.
    assert load_bot(first).name == "Ekonomiskt bistånd – registrera"
    assert load_bot(second).name == "Ekonomiskt bistånd – registrera (2)"
    assert load_bot(first).steps == load_bot(second).steps
    assert (second / "images" / "sok.png").read_bytes() == PICTURES["sok.png"]


def test_a_bundle_without_a_manifest_still_imports(tmp_path: Path, library: Path) -> None:
    imported = import_bundle(a_zip(tmp_path / "b.zip", good_entries()))
    assert load_bot(imported).name == "Ekonomiskt bistånd – registrera"


def test_a_broken_bot_is_not_exported(tmp_path: Path) -> None:
    folder = tmp_path / "delad" / "trasig"
    folder.mkdir(parents=True)
    (folder / "bot.json").write_text("{", encoding="utf-8")
    with pytest.raises(BundleError, match="cannot be exported"):
        export_bundle(folder, folder.parent / "trasig.zip")
    assert [p.name for p in folder.parent.iterdir()] == ["trasig"]


# ---------------------------------------------------------------- refusals


def refused(bundle: Path, library: Path, match: str) -> BundleError:
    before = snapshot(library)
    with pytest.raises(BundleError, match=match) as caught:
        import_bundle(bundle)
    assert snapshot(library) == before
    assert str(bundle) in str(caught.value)
    return caught.value


@pytest.mark.parametrize(("name", "reason", "problem"), [
    ("../bot.json", r"leads out", "outside"),
    ("images/../../evil.png", r"leads out", "outside"),
    ("/etc/passwd", r"absolute path", "outside"),
    ("C:/Windows/evil.png", r"absolute path", "outside"),
    ("c:evil.png", r"absolute path", "outside"),
    ("images\\evil.png", r"backslash", "outside"),
    ("..\\..\\evil.png", r"backslash", "outside"),
    ("readme.txt", r"holds only bot.json", "not_allowed"),
    ("images/sub/evil.png", r"holds only bot.json", "not_allowed"),
    ("images/evil.jpg", r"holds only bot.json", "not_allowed"),
    ("Bot.json", r"holds only bot.json", "not_allowed"),
    ("images/evil\n.png", r"control character", "not_allowed"),
])
def test_a_path_outside_bot_json_and_images_is_refused(tmp_path: Path, library: Path,
                                                      name: str, reason: str,
                                                      problem: str) -> None:
    error = refused(a_zip(tmp_path / "b.zip", [*good_entries(), (name, a_png())]),
                    library, reason)
    assert (error.entry, error.problem) == (name, problem)


def test_a_link_entry_is_refused(tmp_path: Path, library: Path) -> None:
    bundle = a_zip(tmp_path / "b.zip", [*good_entries(), ("images/lank.png", b"/etc/passwd")],
                   links=("images/lank.png",))
    error = refused(bundle, library, "is a link")
    assert (error.entry, error.problem) == ("images/lank.png", "not_allowed")


@pytest.mark.parametrize("second", ["images/sok.png", "images/SOK.png"])
def test_an_entry_twice_is_refused(tmp_path: Path, library: Path, second: str) -> None:
    bundle = a_zip(tmp_path / "b.zip", [*good_entries(), (second, a_png(3))])
    refused(bundle, library, "twice|letter case")


def test_a_picture_that_is_not_a_png_is_refused(tmp_path: Path, library: Path) -> None:
    entries = [(name, b"GIF89a" + bytes(30) if name == "images/sok.png" else data)
               for name, data in good_entries()]
    assert refused(a_zip(tmp_path / "b.zip", entries), library, "not a PNG").problem == "not_png"


def test_a_bot_json_that_does_not_load_is_refused_naming_step_and_field(
        tmp_path: Path, library: Path) -> None:
    document = json.loads(BOT_JSON)
    document["steps"][1]["text"] = "{{okand}}"
    entries = [("bot.json", json.dumps(document).encode()), *good_entries()[1:]]
    error = refused(a_zip(tmp_path / "b.zip", entries), library, "step 2")
    assert (error.entry, error.problem) == ("bot.json", "bot")
    assert error.bot_error is not None and error.bot_error.field == "text"
    # The temporary folder it was checked in is nobody's business.
    assert ".import-" not in str(error)


def test_a_bundle_without_a_bot_is_refused(tmp_path: Path, library: Path) -> None:
    refused(a_zip(tmp_path / "b.zip", good_entries()[1:]), library, "holds no bot.json")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path, library: Path) -> None:
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(b"PK\x03\x04 not really")
    refused(bundle, library, "not a .zip|not a readable")


def test_a_bundle_from_a_newer_robotfabrik_is_refused(tmp_path: Path, library: Path) -> None:
    manifest = json.dumps({"format": "robotfabrik-bundle", "format_version": 99}).encode()
    bundle = a_zip(tmp_path / "b.zip", [("manifest.json", manifest), *good_entries()])
    assert refused(bundle, library, "newer Robotfabrik").problem == "newer"


def test_a_picture_claiming_to_be_huge_is_refused_before_it_is_unpacked(
        tmp_path: Path, library: Path) -> None:
    huge = PICTURES["sok.png"] + bytes(bundles.MAX_PICTURE_BYTES)
    entries = [(name, huge if name == "images/sok.png" else data)
               for name, data in good_entries()]
    refused(a_zip(tmp_path / "b.zip", entries), library, "larger than")


def test_a_zip_bomb_whose_headers_lie_is_refused(tmp_path: Path, library: Path) -> None:
    size = 25_000_000
    huge = PICTURES["sok.png"] + bytes(size - len(PICTURES["sok.png"]))
    entries = [(name, huge if name == "images/sok.png" else data)
               for name, data in good_entries()]
    data = a_zip(tmp_path / "b.zip", entries).read_bytes()
    # The headers now say 1,000 bytes: the sizes must be counted while unpacking.
    lying = data.replace(struct.pack("<I", size), struct.pack("<I", 1_000))
    assert lying.count(struct.pack("<I", 1_000)) >= 2
    (tmp_path / "b.zip").write_bytes(lying)
    error = refused(tmp_path / "b.zip", library, "damaged|larger than")
    assert error.problem in ("not_zip", "too_large")


def test_pictures_unpacking_to_too_much_together_are_refused(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundles, "MAX_UNPACKED_BYTES", 3_000)
    padded = {name: data + bytes(1_200) for name, data in PICTURES.items()}
    entries = [("bot.json", BOT_JSON), *((f"images/{n}", d) for n, d in padded.items())]
    refused(a_zip(tmp_path / "b.zip", entries), library, "unpacks to more than")


def test_a_zip_with_too_many_entries_is_refused_before_its_table_is_read(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [*good_entries(), *((f"images/extra{n}.png", a_png()) for n in range(5))]
    bundle = a_zip(tmp_path / "b.zip", entries)
    monkeypatch.setattr(bundles, "MAX_ENTRIES", 5)
    opened: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *args, **kwargs: opened.append(args))
    refused(bundle, library, "more than 5 files")
    assert opened == []


def test_a_zip64_file_is_refused_before_its_table_is_read(
        tmp_path: Path, library: Path) -> None:
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w", allowZip64=True) as archive:
        for name, data in good_entries():
            info = zipfile.ZipInfo(name)
            with archive.open(info, "w", force_zip64=True) as stream:
                stream.write(data)
    data = bundle.read_bytes()
    if b"PK\x06\x07" not in data:
        # Force the ZIP64 end records the way a hostile file would carry them.
        end = data.rindex(b"PK\x05\x06")
        locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
        bundle.write_bytes(data[:end] + locator + data[end:])
    assert refused(bundle, library, "ZIP64").problem == "too_large"


def test_a_link_where_the_new_folder_would_go_is_passed_by(tmp_path: Path,
                                                           library: Path) -> None:
    (library / "ekonomiskt-bistand-registrera").symlink_to(tmp_path / "finns-inte")
    imported = import_bundle(a_zip(tmp_path / "b.zip", good_entries()))
    assert imported == library / "ekonomiskt-bistand-registrera-2"
    assert not (tmp_path / "finns-inte").exists()


def test_a_folder_entry_as_windows_zips_it_is_accepted(tmp_path: Path, library: Path) -> None:
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        folder = zipfile.ZipInfo("images/")
        folder.external_attr = 0x10  # MS-DOS's folder bit, no Unix kind
        archive.writestr(folder, b"")
        for name, data in good_entries():
            archive.writestr(name, data)
    assert load_bot(import_bundle(bundle)).name == "Ekonomiskt bistånd – registrera"


# ---------------------------------------------------------------- hostile archives


hostile_names = st.sampled_from([
    "bot.json", "manifest.json", "images/", "images/sok.png", "images/fonster.png",
    "images/SOK.png", "images/annan.png", "../bot.json", "/bot.json", "C:/bot.json",
    "images\\sok.png", "images/../bot.json", "images/sub/x.png", "x.txt", "images/x.PNG",
    "./bot.json", "images//sok.png", "",
])
any_names = st.one_of(hostile_names, st.sampled_from(["images/annan.png", "manifest.json"]),
                      st.text(max_size=20))
contents = st.one_of(
    st.sampled_from([BOT_JSON, PICTURES["sok.png"], PICTURES["fonster.png"], b"",
                     b'{"format": "robotfabrik-bundle", "format_version": 1}',
                     BOT_JSON[: len(BOT_JSON) // 2], PICTURES["sok.png"][:30]]),
    st.binary(max_size=200),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=st.lists(st.tuples(any_names, contents), max_size=4),
       start_good=st.booleans(),
       links=st.one_of(st.just(set()), st.sets(hostile_names, max_size=2)))
def test_a_hostile_bundle_either_imports_a_loadable_bot_or_changes_nothing(
        tmp_path: Path, entries: list[tuple[str, bytes]], start_good: bool,
        links: set[str]) -> None:
    library = paths.library_dir()
    folder = tmp_path / "hostile"
    folder.mkdir(exist_ok=True)
    bundle = folder / "b.zip"
    try:
        a_zip(bundle, [*(good_entries() if start_good else []), *entries],
              links=tuple(links))
    except (ValueError, UnicodeEncodeError):
        return  # zipfile itself cannot write such a name
    before = snapshot(library)
    try:
        imported = import_bundle(bundle)
    except BundleError:
        assert snapshot(library) == before
        return
    load_bot(imported)
    assert imported.parent == library
    assert set(snapshot(library)) - set(before) == {
        str(p.relative_to(library)) for p in [imported, *imported.rglob("*")]}
    assert not [p for p in library.iterdir() if p.name.startswith(".")]


PLAIN_BOT_JSON = json.dumps(bot_json(Bot(name="Vänta", steps=[WaitStep(id="v")]))).encode()
VALID_MANIFEST = json.dumps({"format": "robotfabrik-bundle", "format_version": 1}).encode()
pictures_or_not = st.one_of(st.sampled_from(list(PICTURES.values())),
                            st.just(PICTURES["sok.png"][:40]),
                            st.binary(max_size=100).map(lambda data: b"\x89PNG\r\n\x1a\n" + data))
manifests = st.builds(
    lambda version, name: json.dumps({"format": "robotfabrik-bundle",
                                      "format_version": version, "bot_name": name}).encode(),
    st.one_of(st.integers(-1, 3), st.text(max_size=3)), st.text(max_size=10))
plausible_bundles = st.fixed_dictionaries({
    # Mostly what an export writes, so that the checks after the names get their turn.
    "bot.json": st.one_of(st.sampled_from([BOT_JSON, PLAIN_BOT_JSON, BOT_JSON[:-9]]),
                          st.just(PLAIN_BOT_JSON), st.binary(max_size=100)),
}, optional={
    "manifest.json": st.one_of(st.just(VALID_MANIFEST), st.just(VALID_MANIFEST), manifests,
                               st.binary(max_size=50)),
    "images/sok.png": pictures_or_not,
    "images/fonster.png": pictures_or_not,
    "images/annan.png": pictures_or_not,
    "images/": st.just(b""),
})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=plausible_bundles, padding=st.dictionaries(
    st.sampled_from(["bot.json", "images/sok.png", "images/fonster.png"]),
    st.integers(0, 3_000), max_size=3))
def test_a_bundle_of_allowed_names_either_imports_a_loadable_bot_or_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: dict[str, bytes],
        padding: dict[str, int]) -> None:
    # Small limits, so that sizes around them are tried without writing megabytes.
    monkeypatch.setattr(bundles, "MAX_PICTURE_BYTES", 2_000)
    monkeypatch.setattr(bundles, "MAX_UNPACKED_BYTES", 5_000)
    library = paths.library_dir()
    bundle = tmp_path / "plausible.zip"
    a_zip(bundle, [(name, data + (b" " if name == "bot.json" else b"\0") * padding.get(name, 0))
                   for name, data in entries.items()])
    before = snapshot(library)
    try:
        imported = import_bundle(bundle)
    except BundleError as error:
        assert snapshot(library) == before
        assert error.reason
        return
    bot = load_bot(imported)
    assert {p.name for p in (imported / "images").iterdir()} == bot.pictures()
    assert not [p for p in library.iterdir() if p.name.startswith(".")]
