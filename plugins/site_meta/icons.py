"""The site's icons: a yellow five-pointed star on the theme colour.

Drawn at build time from the colour settings (no binary files to redraw
when another district reuses the theme). Pillow writes PNG and ICO without
timestamps, so the bytes are the same on every build.
"""

from __future__ import annotations

import io
import math

# Output file -> pixel size. The manifest lists the icons/ ones.
ICON_FILES = {
    "icons/icon-192.png": 192,
    "icons/icon-512.png": 512,
    "apple-touch-icon.png": 180,
}


def star_points(cx: float, cy: float, radius: float):
    """Corners of a five-pointed star, first point up."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def svg_icon(background: str, star: str) -> bytes:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in star_points(32, 34, 24))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="10" fill="{background}"/>'
        f'<polygon points="{points}" fill="{star}"/></svg>\n'
    ).encode()


def _master(background: str, star: str, size: int = 1024):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), background)
    ImageDraw.Draw(image).polygon(
        star_points(size / 2, size * 0.53, size * 0.36), fill=star
    )
    return image


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def draw_icons(background: str, star: str) -> dict[str, bytes]:
    """Output file -> bytes for the PNG icons and favicon.ico."""
    from PIL import Image

    master = _master(background, star)
    files = {
        name: _png(master.resize((size, size), Image.LANCZOS))
        for name, size in ICON_FILES.items()
    }
    buffer = io.BytesIO()
    master.resize((48, 48), Image.LANCZOS).save(
        buffer, "ICO", sizes=[(16, 16), (32, 32), (48, 48)]
    )
    files["favicon.ico"] = buffer.getvalue()
    return files
