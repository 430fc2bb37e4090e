"""A PNG chart of build time against corpus size, drawn with Pillow.

Pillow is already a dependency of the site (photos), so the chart needs
nothing development-only: axes, grid, one line per kind of build and a
legend, with Pillow's built-in scalable font.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SERIES = (  # (key, label, colour)
    ("plain_cold", "plain Pelican, cold", (120, 120, 120)),
    ("hugo_cold", "Hugo, cold", (230, 140, 0)),
    ("cold", "ours, cold", (178, 34, 34)),
    ("warm", "ours, warm (nothing changed)", (30, 110, 200)),
    ("edit", "ours, after editing one article", (20, 140, 70)),
)
SIZE = (900, 540)
MARGIN = (80, 30, 30, 70)  # left, top, right, bottom


def nice_step(top: float, ticks: int = 6) -> float:
    """A round tick step (1, 2 or 5 × 10^n) giving about `ticks` ticks."""
    raw = max(top, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(power * factor for factor in (1, 2, 5, 10)
                if power * factor >= raw)


def draw_chart(result: dict, path: Path) -> Path:
    sizes = result["sizes"]
    xs = [size["articles"] for size in sizes]
    # A step that could not run (Hugo not installed) has no line.
    series = [s for s in SERIES
              if all(isinstance(size[s[0]], dict) for size in sizes)]
    top = max(size[key][measure] for size in sizes for key, _, _ in series
              for measure in ("seconds", "cpu_seconds"))
    step_y = nice_step(top)
    y_max = step_y * (int(top / step_y) + 1)
    x_max = max(xs) * 1.05
    step_x = nice_step(x_max)

    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=15)
    small = ImageFont.load_default(size=13)
    left, top_m, right, bottom = MARGIN
    width, height = SIZE[0] - left - right, SIZE[1] - top_m - bottom

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x / x_max * width, top_m + height - y / y_max * height

    tick = 0.0
    while tick <= y_max + 1e-9:
        _, y = at(0, tick)
        draw.line((left, y, left + width, y), fill=(225, 225, 225))
        draw.text((left - 8, y), f"{tick:g} s", font=small, fill="black",
                  anchor="rm")
        tick += step_y
    tick = 0.0
    while tick <= x_max:
        x, _ = at(tick, 0)
        draw.line((x, top_m, x, top_m + height), fill=(235, 235, 235))
        draw.text((x, top_m + height + 8), f"{tick:,.0f}", font=small,
                  fill="black", anchor="mt")
        tick += step_x
    draw.rectangle((left, top_m, left + width, top_m + height), outline="black")
    draw.text((left + width / 2, SIZE[1] - 22), "articles in the corpus",
              font=font, fill="black", anchor="mm")

    for key, _, colour in series:
        # Thick: wall time; thin: CPU time (steadier on a busy machine).
        for measure, thickness in (("seconds", 3), ("cpu_seconds", 1)):
            points = [at(size["articles"], size[key][measure]) for size in sizes]
            if len(points) > 1:
                draw.line(points, fill=colour, width=thickness)
            for x, y in points:
                r = 4 if thickness > 1 else 2
                draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    # The legend goes last, on a white box, so that no line runs through it.
    box_bottom = top_m + 56 + 22 * len(series)
    draw.rectangle((left + 6, top_m + 4, left + 330, box_bottom),
                   fill="white", outline=(200, 200, 200))
    draw.text((left + 12, top_m + 8), "build time, median of runs", font=font,
              fill="black")
    for number, (_, label, colour) in enumerate(series):
        legend_y = top_m + 36 + number * 22
        draw.line((left + 12, legend_y, left + 42, legend_y), fill=colour, width=3)
        draw.text((left + 50, legend_y), label, font=small, fill="black",
                  anchor="lm")
    draw.text((left + 12, box_bottom - 14), "thick: wall time; thin: CPU time",
              font=small, fill=(90, 90, 90), anchor="lm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=True)
    return path
