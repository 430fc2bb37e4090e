"""The raw upload of a photo is never published.

A camera's JPEG carries the GPS position and the camera's serial number.
Every raster image on the static generator's list (which holds only the
files pages link, see portal.published) is taken off it: the gallery
publishes derivatives of the used ones, and nothing of the others. Other
attachments a page links (PDF documents, spreadsheets) are published.
"""

from __future__ import annotations

import os

from .encode import EXTENSIONS

# Raster formats a camera, phone or scanner writes, also those the pipeline
# does not take (they are not published raw either).
RAW_IMAGE_EXTENSIONS = EXTENSIONS | {".dng", ".cr2", ".nef", ".arw", ".orf",
                                     ".raf", ".rw2", ".psd", ".jp2", ".jxl"}


def is_raw_image(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in RAW_IMAGE_EXTENSIONS


def drop_raw_images(generator) -> None:
    kept = [s for s in generator.staticfiles if not is_raw_image(s.source_path)]
    dropped = {s.source_path for s in generator.staticfiles
               if is_raw_image(s.source_path)}
    generator.staticfiles[:] = kept
    static_content = generator.context.get("static_content", {})
    for path in [p for p, s in static_content.items() if s.source_path in dropped]:
        del static_content[path]
