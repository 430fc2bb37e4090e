"""Real image files for the gallery tests, made with Pillow in the tests.

Camera files carry what the pipeline must remove or honour: EXIF with GPS,
camera and orientation, XMP, IPTC, a JPEG comment, ICC profiles. Broken
files are broken the way real ones are (cut short, misnamed, a PNG header
that promises billions of pixels). Nothing here is committed as a binary.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

# Written into every metadata block of the camera photos: no published
# file may contain it.
SECRET = "VN-GPS-10.7769-106.7009-BI-MAT"
RED, BLUE, GREEN = (220, 30, 30), (30, 40, 220), (30, 200, 40)


def photo_like(size, left=RED, right=BLUE, seed=1) -> Image.Image:
    """Two halves of clearly different colours, with texture and noise so
    the encoders work as on a photo."""
    width, height = size
    image = Image.new("RGB", size, left)
    image.paste(Image.new("RGB", (width - width // 2, height), right), (width // 2, 0))
    rng = random.Random(seed)
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(max(2, width // 80), max(3, width // 30))
        base = image.getpixel((x, y))
        shade = tuple(min(255, c + rng.randrange(-25, 25)) for c in base)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    noise = Image.effect_noise((256, 256), 12).convert("RGB")
    tiles = Image.new("RGB", size)
    for y in range(0, height, 256):
        for x in range(0, width, 256):
            tiles.paste(noise, (x, y))
    return Image.blend(image, tiles, 0.06)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def add_segments(jpeg: bytes, *segments: bytes) -> bytes:
    """Insert JPEG segments right after the start-of-image marker."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def camera_exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Canon"              # Make
    exif[0x0110] = "EOS 80D"            # Model
    exif[0x0131] = SECRET               # Software
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 46.0, 37.0)
    gps[3], gps[4] = "E", (106.0, 42.0, 3.0)
    return exif.tobytes()


def xmp_segment() -> bytes:
    packet = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
              f'exif:GPSLatitude="10,46.6N" photoshop:City="{SECRET}"/>'
              '</rdf:RDF></x:xmpmeta>').encode()
    return _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def iptc_segment() -> bytes:
    record = b"\x1c\x02\x5a" + struct.pack(">H", len(SECRET)) + SECRET.encode()  # City
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    return _segment(0xED, b"Photoshop 3.0\x00" + block)


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def swapped_icc() -> bytes:
    """An RGB profile whose red and green primaries are swapped: a pixel
    stored as red means green. Only a converter that reads the profile
    shows it right."""
    data = bytearray(srgb_icc())
    count = struct.unpack(">I", data[128:132])[0]
    tags = {}
    for i in range(count):
        sig, offset, size = struct.unpack(">4sII", data[132 + 12 * i: 144 + 12 * i])
        tags[sig] = (offset, size)
    (r_off, r_size), (g_off, g_size) = tags[b"rXYZ"], tags[b"gXYZ"]
    red, green = bytes(data[r_off:r_off + r_size]), bytes(data[g_off:g_off + g_size])
    data[r_off:r_off + r_size], data[g_off:g_off + g_size] = green, red
    return bytes(data)


def camera_jpeg(path: Path, size=(4000, 3000), orientation=1, icc=None,
                left=RED, right=BLUE, seed=1) -> Path:
    """A camera photo with EXIF (GPS, camera, orientation), XMP, IPTC and a
    comment, all holding SECRET; and an ICC profile (sRGB by default)."""
    out = io.BytesIO()
    photo_like(size, left, right, seed).save(
        out, "JPEG", quality=90, exif=camera_exif(orientation),
        icc_profile=icc or srgb_icc(), comment=SECRET.encode())
    data = add_segments(out.getvalue(), xmp_segment(), iptc_segment())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def png_rgb16(path: Path, size, colour16) -> Path:
    """A 16-bit RGB PNG (Pillow cannot write one), every pixel colour16."""
    width, height = size
    row = b"\x00" + struct.pack(">3H", *colour16) * width
    data = (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(row * height, 9))
            + png_chunk(b"IEND", b""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def png_bomb(path: Path, width=20_000, height=20_000) -> Path:
    """A decompression bomb: a valid greyscale PNG of width × height zero
    pixels (400 MP by default) that weighs a few hundred KB."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    data = (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def save(image: Image.Image, path: Path, fmt: str | None = None, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **options)
    return path


# --- reading back -----------------------------------------------------------

def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the header is over
            break
        pos += 2 + struct.unpack(">H", data[pos + 2: pos + 4])[0]
    return markers


def riff_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        chunks.append(kind)
        pos += 8 + size + (size & 1)
    return chunks


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append(kind)
        pos += 12 + size
    return chunks


def metadata_blocks(path: Path) -> set[str]:
    """Names of the metadata blocks in a published image (empty when clean)."""
    data = path.read_bytes()
    if data[:2] == b"\xff\xd8":
        names = {0xE1: "APP1 (EXIF/XMP)", 0xE2: "APP2 (ICC)", 0xED: "APP13 (IPTC)",
                 0xFE: "COM"}
        found = {names.get(m, f"APP{m - 0xE0}") for m in jpeg_markers(data)
                 if 0xE1 <= m <= 0xEF or m == 0xFE}
    elif data[:4] == b"RIFF":
        found = {c.decode() for c in riff_chunks(data)
                 if c in (b"EXIF", b"XMP ", b"ICCP")}
    elif data[:4] == b"\x89PNG":
        found = {c.decode() for c in png_chunks(data)
                 if c in (b"eXIf", b"iCCP", b"tEXt", b"zTXt", b"iTXt", b"tIME")}
    else:
        raise AssertionError(f"not a published format: {path}")
    with Image.open(path) as image:
        if image.getexif():
            found.add("EXIF")
        found |= {k for k in ("exif", "xmp", "icc_profile", "photoshop", "comment")
                  if image.info.get(k)}
    return found
