"""The pictures a bot names (``images/*.png``), checked when the bot loads.

The player reads a step's picture only when it reaches the step, perhaps an hour into a run; a
picture it cannot decode would fail the robot there, half-way through a case. So loading reads
each picture the player will decode once: the PNG's structure is walked here (its parts, their
checksums, the packed pixel data and each row's filter), which catches a cut-short or damaged
file with a reason a person can act on; then OpenCV, the decoder the player uses, decodes the
parts that make the picture. The optional parts (colour profiles, texts, gamma …) are left out
of that decoding: at worst they make libpng print a warning and are ignored, and a warning
printed while loading would break the command line's promise of one line per problem.

Sizes are bounded before anything is unpacked: a small file can claim a picture of billions of
pixels.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The recorder's pictures are at most a window's thumbnail; a full 8K screen still fits.
MAX_PICTURE_BYTES = 20_000_000
MAX_PICTURE_PIXELS = 40_000_000
MAX_PICTURE_SIDE = 16_384

# Bits per sample each colour type allows, and its samples per pixel (PNG specification, 11.2.2).
_BIT_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_PALETTE_TYPE = 3
# Adam7: where each of the seven passes starts and how far it steps, (x0, y0, dx, dy).
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))
_KNOWN_CRITICAL = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
# Grey and grey-with-alpha pictures (colour types 0 and 4) have no use for a palette.
_GREY_TYPES = (0, 4)
_MAX_FILTER = 4  # None, Sub, Up, Average, Paeth
_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
# Unpacked in pieces of this size, so a picture's pixels are never all in memory at once.
_PIECE = 1 << 20


class PictureError(Exception):
    """A picture the player could not use; the message completes "picture images/x.png ..."."""


@dataclass(frozen=True)
class PngHeader:
    width: int
    height: int
    bit_depth: int
    colour_type: int
    interlaced: bool

    @property
    def bits_per_pixel(self) -> int:
        return self.bit_depth * _SAMPLES[self.colour_type]

    def rows(self) -> Iterator[tuple[int, int]]:
        """Each row of packed data as (bytes after its filter byte, number of such rows)."""
        passes = _ADAM7 if self.interlaced else ((0, 0, 1, 1),)
        for x0, y0, dx, dy in passes:
            width = (self.width - x0 + dx - 1) // dx
            height = (self.height - y0 + dy - 1) // dy
            if width > 0 and height > 0:  # a small picture has empty passes, which take no bytes
                yield (width * self.bits_per_pixel + 7) // 8, height

    def packed_size(self) -> int:
        return sum((1 + row_bytes) * count for row_bytes, count in self.rows())


def check_picture(data: bytes, *, decode: bool = True) -> PngHeader:
    """The picture's header if ``data`` is a PNG the player can decode; else PictureError.

    With ``decode`` False only the parts, their order and their checksums are checked, which
    finds a file cut short or damaged in copying at a twentieth of the cost: enough for a picture
    only people look at (a window's thumbnail), which the player never decodes.
    """
    header, packed, essential = _walk(data)
    if decode:
        _check_packed_pixels(header, packed)
        _check_decodes(essential)
    return header


def _walk(data: bytes) -> tuple[PngHeader, bytes, bytes]:
    """Check the PNG's parts (chunks) in order.

    Returns its header, its packed pixel data, and the PNG made of its essential parts only.
    """
    if not data.startswith(PNG_SIGNATURE):
        raise PictureError("is not a PNG file")
    view = memoryview(data)
    header: PngHeader | None = None
    palette = False
    pixel_parts: list[memoryview] = []
    essential: list[memoryview] = [view[:len(PNG_SIGNATURE)]]
    pixels_ended = False
    position = len(PNG_SIGNATURE)
    while True:
        if position + 12 > len(data):
            raise PictureError("is cut short (it has no end marker)")
        length, kind = struct.unpack_from(">I4s", data, position)
        body_end = position + 8 + length
        if length > 0x7FFF_FFFF or body_end + 4 > len(data):
            raise PictureError("is cut short (a part runs past the end of the file)")
        body = view[position + 8:body_end]
        (checksum,) = struct.unpack_from(">I", data, body_end)
        if zlib.crc32(body, zlib.crc32(kind)) != checksum:
            raise PictureError("is damaged (a checksum in it is wrong)")
        if not (kind.isascii() and kind.isalpha() and kind[2:3].isupper()):
            # The third letter's case is reserved, and must be upper case (PNG 5.4).
            raise PictureError("is damaged (a part has no valid name)")
        chunk = view[position:body_end + 4]
        position = body_end + 4
        if header is None:
            if kind != b"IHDR":
                raise PictureError("is damaged (it does not start with its header)")
            header = _header(body)
            essential.append(chunk)
        elif kind == b"IEND":
            essential.append(memoryview(_IEND))
            break
        elif kind == b"IDAT":
            if pixels_ended:
                raise PictureError("is damaged (its pixel data is split up)")
            if header.colour_type == _PALETTE_TYPE and not palette:
                raise PictureError("is damaged (its colour palette is missing)")
            pixel_parts.append(body)
            essential.append(chunk)
        else:
            pixels_ended = bool(pixel_parts)
            if kind == b"PLTE":
                if header.colour_type in _GREY_TYPES:
                    raise PictureError("is damaged (a grey picture cannot have a colour palette)")
                # In a colour picture a palette is only a suggestion, but libpng still refuses
                # one of the wrong length or place, so it is checked all the same.
                _check_palette(body, again=palette, after_pixels=pixels_ended)
                palette = True
                if header.colour_type == _PALETTE_TYPE:
                    essential.append(chunk)
            elif kind == b"IHDR":
                raise PictureError("is damaged (it has two headers)")
            elif kind in _KNOWN_CRITICAL or not kind[:1].islower():
                # A critical part a decoder does not know means it must not guess.
                raise PictureError("uses PNG parts this program cannot read")
    if not pixel_parts:
        raise PictureError("has no pixel data")
    return header, b"".join(pixel_parts), b"".join(essential)


def _header(body: memoryview) -> PngHeader:
    if len(body) != 13:
        raise PictureError("is damaged (its header has the wrong length)")
    width, height, bit_depth, colour_type, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", body)
    if bit_depth not in _BIT_DEPTHS.get(colour_type, ()) or compression or filtering \
            or interlace > 1:
        raise PictureError("is damaged (its header names a kind of PNG that does not exist)")
    if not (width and height):
        raise PictureError("is damaged (its header gives it no size)")
    if not (width <= MAX_PICTURE_SIDE and 0 < height <= MAX_PICTURE_SIDE
            and width * height <= MAX_PICTURE_PIXELS):
        raise PictureError(f"is {width:,} × {height:,} pixels; a picture may have at most "
                           f"{MAX_PICTURE_PIXELS:,} pixels and {MAX_PICTURE_SIDE:,} on a side")
    return PngHeader(width, height, bit_depth, colour_type, interlaced=interlace == 1)


def _check_palette(body: memoryview, *, again: bool, after_pixels: bool) -> None:
    if again or after_pixels:
        raise PictureError("is damaged (its colour palette is out of place)")
    entries, rest = divmod(len(body), 3)
    if rest or not 0 < entries <= 256:
        raise PictureError("is damaged (its colour palette has the wrong length)")


def _check_packed_pixels(header: PngHeader, packed: bytes) -> None:
    """Unpack the pixel data and check its size and every row's filter byte, piece by piece."""
    expected = header.packed_size()
    inflater = zlib.decompressobj()
    filters = _filter_positions(header)
    next_filter = next(filters, None)
    produced = 0
    pending = packed
    try:
        while not inflater.eof:
            piece = inflater.decompress(pending, _PIECE)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                raise PictureError("is cut short (its pixel data ends early)")
            while next_filter is not None and next_filter < produced + len(piece):
                if piece[next_filter - produced] > _MAX_FILTER:
                    raise PictureError("is damaged (a row of pixels has an unknown filter)")
                next_filter = next(filters, None)
            produced += len(piece)
            if produced > expected:
                raise PictureError("is damaged (it has more pixel data than its size)")
    except zlib.error:
        raise PictureError("is damaged (its pixel data cannot be unpacked)") from None
    if produced < expected:
        raise PictureError("is cut short (its pixel data ends early)")
    if inflater.unused_data or pending:
        raise PictureError("is damaged (it has more pixel data than its size)")


def _filter_positions(header: PngHeader) -> Iterator[int]:
    """Where each row's filter byte is in the unpacked data."""
    position = 0
    for row_bytes, count in header.rows():
        for _ in range(count):
            yield position
            position += 1 + row_bytes


def _check_decodes(data: bytes) -> None:
    """Decode as the player will; OpenCV's own log lines are held back meanwhile."""
    import cv2
    import numpy as np

    logging = cv2.utils.logging
    level = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_SILENT)
    try:
        picture = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        picture = None
    finally:
        logging.setLogLevel(level)
    if picture is None or picture.size == 0:
        raise PictureError("cannot be decoded as a picture")
