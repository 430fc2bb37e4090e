"""The gallery plugin's settings, declared once here with their defaults.

Everything that changes the bytes of a derivative goes into `Spec`, and the
spec's fingerprint goes into every cache key: changing a width or a quality
re-encodes, changing the number of workers does not.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass

from portal.settings import setting_or_default

# Bump when the code that makes derivatives changes what it writes.
PIPELINE_VERSION = 2

DEFAULTS = {
    # Where derivatives are kept between builds (outside output/; the deploy
    # workflow keeps .cache/images).
    "GALLERY_CACHE_PATH": os.path.join(".cache", "images"),
    # Folder of the published derivatives, relative to the output folder.
    "GALLERY_OUTPUT_DIR": "anh/tep",
    # Widths of the srcset below the large size (never larger than the source).
    "GALLERY_WIDTHS": (480, 960, 1440),
    # The large derivative (lightbox, link without JavaScript) fits this box.
    "GALLERY_LARGE_SIZE": 2000,
    # Width of the <img src> a browser without srcset support loads.
    "GALLERY_DEFAULT_WIDTH": 960,
    "GALLERY_WEBP_QUALITY": 80,
    # libwebp effort 0-6: 4 is its default; 2 encodes about twice as fast
    # for files about 4 % larger.
    "GALLERY_WEBP_METHOD": 4,
    "GALLERY_JPEG_QUALITY": 82,
    # Larger sources are refused as decompression bombs.
    "GALLERY_MAX_PIXELS": 80_000_000,
    # Processes making derivatives; None uses every core.
    "GALLERY_WORKERS": None,
    # Show progress when more than this many photos must be encoded.
    "GALLERY_PROGRESS_MIN": 8,
    # A run of photos is laid out as a grid on wide screens when every
    # caption is at most this many characters; otherwise as a stack.
    "GALLERY_GRID_CAPTION_LENGTH": 80,
    # The site-wide photo library.
    "GALLERY_PHOTOS_URL": "anh/",
    "GALLERY_PHOTOS_SAVE_AS": "anh/index.html",
    "GALLERY_PHOTOS_PER_PAGE": 24,
    # At the end of a build, remove the cache entries it did not use.
    "GALLERY_CLEAN_CACHE": False,
}


def setting(settings, name):
    return setting_or_default(settings, name, DEFAULTS)


def workers(settings) -> int:
    count = setting(settings, "GALLERY_WORKERS")
    if count:
        return max(1, int(count))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Spec:
    """What a derivative set looks like: every input of the encoders."""

    widths: tuple[int, ...]
    large: int
    webp_quality: int
    webp_method: int
    jpeg_quality: int
    max_pixels: int

    @classmethod
    def from_settings(cls, settings) -> Spec:
        return cls(
            widths=tuple(sorted({int(w) for w in setting(settings, "GALLERY_WIDTHS")})),
            large=int(setting(settings, "GALLERY_LARGE_SIZE")),
            webp_quality=int(setting(settings, "GALLERY_WEBP_QUALITY")),
            webp_method=int(setting(settings, "GALLERY_WEBP_METHOD")),
            jpeg_quality=int(setting(settings, "GALLERY_JPEG_QUALITY")),
            max_pixels=int(setting(settings, "GALLERY_MAX_PIXELS")),
        )

    def fingerprint(self) -> str:
        """Changes whenever a derivative's bytes could change: the spec, this
        code's version, and the versions of Pillow and its codecs."""
        from PIL import __version__ as pillow_version
        from PIL import features

        data = {
            **asdict(self),
            "pipeline": PIPELINE_VERSION,
            "pillow": pillow_version,
            "webp": features.version("webp"),
            "jpeg": features.version("jpg"),
            "zlib": features.version("zlib"),
            "lcms": features.version("littlecms2"),
        }
        text = json.dumps(data, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]
