"""Camera-sized JPEGs for the benchmark corpus, made quickly and distinct.

The photo pipeline caches derivatives by the content hash of each source, so
every synthetic photo must have its own bytes, and decoding must cost what a
real camera file costs (4000 × 3000 pixels, a few MB, with EXIF). Encoding
thousands of such images would take longer than the build it measures, so a
small pool of base images is encoded once per run and each photo is a base
image with a unique JPEG comment segment spliced in after the start marker:
different bytes, same decoding work.
"""

from __future__ import annotations

import random
import struct
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

CAMERA_SIZE = (4000, 3000)
POOL = 6  # distinct base images
_MAKE, _MODEL, _ORIENTATION = 0x010F, 0x0110, 0x0112


def base_image(index: int, size: tuple[int, int], seed: int) -> bytes:
    """A photo-like JPEG: gradient, shapes and sensor noise, camera EXIF."""
    rng = random.Random(f"photo:{seed}:{index}")
    width, height = size
    top = tuple(rng.randrange(60, 200) for _ in range(3))
    bottom = tuple(rng.randrange(20, 160) for _ in range(3))
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom),
                            Image.new("RGB", size, top), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 40, width // 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    # Sensor noise from the seeded generator (Pillow's effect_noise is not
    # seeded), so the bytes of every photo are the same on every run.
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    exif = Image.Exif()
    exif[_MAKE], exif[_MODEL], exif[_ORIENTATION] = "Canon", "EOS 80D", 1
    out = BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def unique_copy(base: bytes, tag: str) -> bytes:
    """`base` with a JPEG comment (COM segment) holding `tag` after SOI."""
    payload = tag.encode("utf-8")
    segment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
    return base[:2] + segment + base[2:]


class PhotoMaker:
    """Writes distinct camera-sized JPEGs; the base images are made lazily."""

    def __init__(self, seed: int, size: tuple[int, int] = CAMERA_SIZE):
        self.seed = seed
        self.size = size
        self._bases: list[bytes] = []

    def write(self, path: Path, number: int) -> int:
        """Write photo `number` to `path`; returns its size in bytes."""
        while len(self._bases) < POOL:
            self._bases.append(base_image(len(self._bases), self.size, self.seed))
        data = unique_copy(self._bases[number % POOL], f"bench photo {number}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return len(data)
