"""A bot's pictures are checked at load: what the recorder saves passes, a damaged file is refused
with a reason, and what passes is what the player's decoder (OpenCV) reads."""

from __future__ import annotations

import random
import struct
import zlib

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.model.pictures import (
    MAX_PICTURE_PIXELS,
    PNG_SIGNATURE,
    PictureError,
    check_picture,
)

# Bits per sample each PNG colour type allows, and its samples per pixel.
DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(body, zlib.crc32(kind)))


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    parts, position = [], len(PNG_SIGNATURE)
    while position < len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        parts.append((kind, data[position + 8:position + 8 + length]))
        position += 12 + length
    return parts


def assemble(parts: list[tuple[bytes, bytes]]) -> bytes:
    return PNG_SIGNATURE + b"".join(chunk(kind, body) for kind, body in parts)


def encode(width: int, height: int, colour_type: int, bit_depth: int, *, interlaced: bool,
           seed: int = 0) -> bytes:
    """A PNG of any kind, written the plain way (OpenCV writes only a few kinds)."""
    rng = random.Random(seed)
    bits = bit_depth * SAMPLES[colour_type]
    packed = bytearray()
    for x0, y0, dx, dy in ADAM7 if interlaced else ((0, 0, 1, 1),):
        pass_width = (width - x0 + dx - 1) // dx
        pass_height = (height - y0 + dy - 1) // dy
        if pass_width <= 0 or pass_height <= 0:
            continue
        row_bytes = (pass_width * bits + 7) // 8
        for _ in range(pass_height):
            packed.append(rng.randrange(5))  # any of the five filters
            # Palette indices stay 0, inside the one-colour palette below.
            packed += bytes(row_bytes) if colour_type == 3 else rng.randbytes(row_bytes)
    parts = [(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0,
                                   int(interlaced)))]
    if colour_type == 3:
        parts.append((b"PLTE", b"\x10\x20\x30"))
    parts += [(b"IDAT", zlib.compress(bytes(packed))), (b"IEND", b"")]
    return assemble(parts)


def recorded_picture(width: int = 80, height: int = 50, channels: int = 3) -> bytes:
    """A picture as the recorder saves one: a screen patch through OpenCV's encoder."""
    rng = np.random.default_rng(width * height)
    shape = (height, width, channels) if channels > 1 else (height, width)
    ok, encoded = cv2.imencode(".png", rng.integers(0, 255, shape, dtype=np.uint8))
    assert ok
    return encoded.tobytes()


def opencv_reads(data: bytes) -> bool:
    previous = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    try:
        picture = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return False
    finally:
        cv2.utils.logging.setLogLevel(previous)
    return picture is not None


@pytest.mark.parametrize(("width", "height", "channels"),
                         [(80, 50, 3), (320, 224, 3), (1, 1, 1), (240, 120, 4), (7, 3, 1)])
def test_pictures_the_recorder_saves_pass(width: int, height: int, channels: int) -> None:
    header = check_picture(recorded_picture(width, height, channels))
    assert (header.width, header.height) == (width, height)


@settings(max_examples=150, deadline=None)
@given(colour_type=st.sampled_from(sorted(DEPTHS)), data=st.data(),
       width=st.integers(1, 40), height=st.integers(1, 40), interlaced=st.booleans())
def test_every_kind_of_png_opencv_reads_passes(colour_type: int, data: st.DataObject,
                                               width: int, height: int,
                                               interlaced: bool) -> None:
    bit_depth = data.draw(st.sampled_from(DEPTHS[colour_type]), label="bit depth")
    picture = encode(width, height, colour_type, bit_depth, interlaced=interlaced)
    assert opencv_reads(picture)
    check_picture(picture)


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, 10_000))
def test_a_picture_cut_short_anywhere_is_refused(cut: int) -> None:
    picture = recorded_picture()
    with pytest.raises(PictureError):
        check_picture(picture[:cut % len(picture)])


@settings(max_examples=300, deadline=None)
@given(position=st.integers(0, 10_000), bit=st.integers(0, 7))
def test_any_flipped_bit_is_refused(position: int, bit: int) -> None:
    damaged = bytearray(recorded_picture())
    damaged[position % len(damaged)] ^= 1 << bit
    with pytest.raises(PictureError):
        check_picture(bytes(damaged))


@st.composite
def crafted(draw: st.DrawFn) -> bytes:
    """A picture changed part by part, each part's checksum made right again, as a file made
    to get past the checksums would be."""
    parts = chunks(recorded_picture(draw(st.integers(1, 30)), draw(st.integers(1, 30))))
    if draw(st.booleans()):
        # The pixel rows themselves: a filter byte, a pixel, a row too many or too few.
        packed = bytearray(zlib.decompress(parts[1][1]))
        at = draw(st.integers(0, len(packed) - 1))
        packed[at] = draw(st.integers(0, 255))
        packed = packed[:draw(st.integers(0, len(packed) + 2))] + draw(st.binary(max_size=3))
        parts[1] = (b"IDAT", zlib.compress(bytes(packed)))
    for _ in range(draw(st.integers(0, 3))):
        change = draw(st.sampled_from(["body", "insert", "drop", "swap"]))
        index = draw(st.integers(0, len(parts) - 1))
        kind, body = parts[index]
        if change == "body" and body:
            at = draw(st.integers(0, len(body) - 1))
            parts[index] = (kind, body[:at] + bytes([draw(st.integers(0, 255))]) + body[at + 1:])
        elif change == "insert":
            new_kind = draw(st.sampled_from([b"PLTE", b"tRNS", b"gAMA", b"IHDR", b"IDAT",
                                             b"IEND", b"abcd", b"aBCd", b"QQQQ", b"b\x00Ad"]))
            parts.insert(draw(st.integers(0, len(parts))),
                         (new_kind, draw(st.binary(max_size=16))))
        elif change == "drop" and len(parts) > 1:
            del parts[index]
        elif change == "swap":
            other = draw(st.integers(0, len(parts) - 1))
            parts[index], parts[other] = parts[other], parts[index]
    return assemble(parts)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picture=crafted())
def test_what_passes_is_what_opencv_reads_and_nothing_is_printed(
        picture: bytes, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    try:
        check_picture(picture)
        passed = True
    except PictureError as refused:
        assert str(refused)
        passed = False
    # libpng prints its complaints itself; on the command line they would break the one line.
    assert capfd.readouterr() == ("", "")
    if passed:
        assert opencv_reads(picture)


def test_a_tiny_file_claiming_a_huge_picture_is_refused_before_unpacking() -> None:
    # 40 bytes that would make any decoder reserve 40 GB.
    header = struct.pack(">IIBBBBB", 200_000, 200_000, 8, 0, 0, 0, 0)
    picture = assemble([(b"IHDR", header), (b"IDAT", zlib.compress(b"")), (b"IEND", b"")])
    with pytest.raises(PictureError, match=rf"200,000 × 200,000 pixels.*{MAX_PICTURE_PIXELS:,}"):
        check_picture(picture)


def test_pixel_data_that_unpacks_to_more_than_the_picture_holds_is_refused() -> None:
    header = struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0)
    bomb = zlib.compress(bytes(50_000_000), 9)  # 50 MB of zeros packed into 50 kB
    picture = assemble([(b"IHDR", header), (b"IDAT", bomb), (b"IEND", b"")])
    with pytest.raises(PictureError, match="more pixel data than its size"):
        check_picture(picture)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a" + bytes(40), "is not a PNG file"),
        (PNG_SIGNATURE, "is cut short"),
        (assemble([(b"IEND", b"")]), "does not start with its header"),
        (encode(4, 4, 3, 8, interlaced=False).replace(chunk(b"PLTE", b"\x10\x20\x30"), b""),
         "colour palette is missing"),
    ],
    ids=["gif", "signature-only", "no-header", "no-palette"],
)
def test_the_reason_says_what_is_wrong(data: bytes, reason: str) -> None:
    with pytest.raises(PictureError, match=reason):
        check_picture(data)


def test_an_empty_palette_in_a_colour_picture_is_refused_as_opencv_would_fail_on_it() -> None:
    # Found by the property test above: libpng rejects it ("Invalid palette") mid-run.
    picture = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
               b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x00PLTEK\xa8\x89U\x00\x00\x00\x0cIDAT\x08"
               b"\x1dcP|\xfc\x0f\x00\x03+\x02\x03E\xb5\xb4H\x00\x00\x00\x00IEND\xaeB`\x82")
    assert not opencv_reads(picture)
    with pytest.raises(PictureError, match="palette has the wrong length"):
        check_picture(picture)
