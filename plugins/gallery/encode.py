"""Make the derivative set of one source image (runs in a worker process).

One source is decoded once and every size is made from that one decode:
JPEG sources are decoded at a reduced scale by libjpeg itself (`draft`)
when that still leaves at least 1.5 times the large size (`DRAFT_GAP`), the
large size is resampled from that, and the smaller sizes from the large one
(`reducing_gap` lets Pillow shrink by whole factors first). Rotation by EXIF
orientation is applied after resampling, on the smaller image.

Why 1.5: a draft straight to the final size skips the resampling filter
(libjpeg's scaled decoding keeps detail up to the new pixel size, noise
included), which made the large WebP of a 12 MP photo 70 % heavier than a
bicubic resize of the full decode; with a resampling step of at least 1.5×
after the draft, the files match a full-decode resize within 2 %.

No metadata reaches a derivative: every image is saved with its `info`
emptied (Pillow would otherwise carry over a JPEG comment or an ICC
profile) and without `exif`, `xmp` or `icc_profile`, so no GPS position,
camera, owner or editing software is published.

The result is written to a temporary folder and renamed into the cache in
one step, so an interrupted build never leaves a half-written entry.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from .colour import to_srgb, working_mode
from .errors import Failure
from .settings import Spec

# Formats accepted as sources, with the file extensions that name them
# (the first is the one to suggest). MPO is what Pillow calls the JPEG
# files of cameras that add a second, preview picture.
FORMATS = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "HEIF": (".heic", ".heif", ".hif"),
    "AVIF": (".avif",),
    "TIFF": (".tif", ".tiff"),
    "BMP": (".bmp",),
}
FORMAT_ALIASES = {"MPO": "JPEG"}
EXTENSIONS = frozenset(ext for exts in FORMATS.values() for ext in exts)
META = "meta.json"

# EXIF orientation -> the transposition that shows the picture upright.
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_RESAMPLE = Image.Resampling.BICUBIC
DRAFT_GAP = 1.5
# Decode errors Pillow and its plugins raise for damaged files.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError,
                  TypeError, KeyError, ZeroDivisionError, MemoryError)


@dataclass(frozen=True)
class Job:
    """One source to turn into a derivative set (picklable for workers)."""

    source: str
    key: str
    entry: str  # final cache folder of the set
    tmp_root: str
    spec: Spec


def register_openers() -> None:
    """HEIC/HEIF from iPhones, through pillow-heif (idempotent)."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # then HEIC files are reported as unsupported
        return
    register_heif_opener()


def fit(width: int, height: int, box: int) -> tuple[int, int]:
    """The size of width × height scaled down (never up) to fit box × box."""
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def plan_sizes(width: int, height: int, spec: Spec) -> list[tuple[int, int]]:
    """(width, height) of every derivative, ascending; the last is the large.

    A width within 15 % of the large one is left out (a 1440 beside a 1600
    costs two encodes and saves a phone almost nothing)."""
    large_w, large_h = fit(width, height, spec.large)
    sizes = [(w, max(1, round(w * large_h / large_w)))
             for w in spec.widths if w < large_w * 0.85]
    return [*sizes, (large_w, large_h)]


def make(job: Job) -> dict:
    """Make and store the derivative set of `job`; returns its metadata (or
    a failure as `{"error": kind, ...}`), which is also what the cache keeps."""
    register_openers()
    with warnings.catch_warnings():
        # The pixel limit is checked below, with an editor's message.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            result = _make(job)
        except Image.DecompressionBombError as error:
            # Pillow's own limit (twice its default) stops the file at open,
            # before its size is known to us: the message has the count.
            found = re.search(r"\((\d+) pixels\)", str(error))
            detail = {"limit": job.spec.max_pixels // 1_000_000}
            if found:
                detail["megapixels"] = round(int(found[1]) / 1_000_000, 1)
            result = Failure("too_large", detail)
    data = result.to_json() if isinstance(result, Failure) else result
    _store(job, data)
    return data


def _make(job: Job) -> dict | Failure:
    spec = job.spec
    try:
        image = Image.open(job.source)
    except UnidentifiedImageError:
        return Failure("unknown")
    except _DECODE_ERRORS as error:
        return Failure("broken", {"reason": str(error)[:200]})
    with image:
        fmt = FORMAT_ALIASES.get(image.format, image.format)
        if fmt not in FORMATS:
            return Failure("unsupported", {"format": fmt})
        ext = os.path.splitext(job.source)[1].lower()
        if ext in EXTENSIONS and ext not in FORMATS[fmt]:
            return Failure("extension", {"extension": ext, "format": fmt,
                                         "expected": FORMATS[fmt][0]})
        width, height = image.size
        if width * height > spec.max_pixels:
            return Failure("too_large", {
                "width": width, "height": height,
                "megapixels": round(width * height / 1_000_000, 1),
                "limit": spec.max_pixels // 1_000_000})
        try:
            orientation = int(image.getexif().get(0x0112, 1))
        except _DECODE_ERRORS:
            orientation = 1
        transpose = _ORIENTATION.get(orientation)
        turned = transpose in (Image.Transpose.TRANSPOSE, Image.Transpose.ROTATE_270,
                               Image.Transpose.TRANSVERSE, Image.Transpose.ROTATE_90)
        shown_w, shown_h = (height, width) if turned else (width, height)
        sizes = plan_sizes(shown_w, shown_h, spec)
        large_w, large_h = sizes[-1]
        stored_large = (large_h, large_w) if turned else (large_w, large_h)
        animated = bool(getattr(image, "is_animated", False))
        icc = image.info.get("icc_profile")
        try:
            if fmt == "JPEG":
                # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly, never
                # below the requested size (see DRAFT_GAP above).
                image.draft(None, tuple(math.ceil(n * DRAFT_GAP) for n in stored_large))
            image.load()
            frame = working_mode(image)
        except _DECODE_ERRORS as error:
            return Failure("broken", {"reason": str(error)[:200]})

    if frame.size != stored_large:
        frame = frame.resize(stored_large, _RESAMPLE, reducing_gap=2.0)
    if transpose is not None:
        frame = frame.transpose(transpose)
    large = to_srgb(frame, icc)
    alpha = large.mode == "RGBA"
    fallback = "png" if alpha else "jpg"

    files = {}
    for size in reversed(sizes):
        img = large if size == large.size else large.resize(size, _RESAMPLE,
                                                            reducing_gap=2.0)
        img.info = {}
        files.update(_encode(img, size[0], fallback, spec))
    meta = {
        "width": large_w, "height": large_h, "alpha": alpha,
        "fallback": fallback, "format": fmt,
        "sizes": [list(size) for size in sizes],
        "files": dict(sorted((name, len(data)) for name, data in files.items())),
        "notices": ["animated"] if animated else [],
    }
    meta["_data"] = files  # handed to _store, never written as JSON
    return meta


def _encode(img: Image.Image, width: int, fallback: str, spec: Spec) -> dict:
    import io

    webp = io.BytesIO()
    img.save(webp, "WEBP", quality=spec.webp_quality, method=spec.webp_method)
    other = io.BytesIO()
    if fallback == "png":
        img.save(other, "PNG", compress_level=9 if width <= 480 else 6)
    else:
        rgb = img if img.mode in ("RGB", "L") else img.convert("RGB")
        rgb.save(other, "JPEG", quality=spec.jpeg_quality, progressive=True,
                 optimize=True, subsampling="4:2:0")
    return {f"{width}.webp": webp.getvalue(), f"{width}.{fallback}": other.getvalue()}


def _store(job: Job, meta: dict) -> None:
    """Write the set and its metadata into the cache, atomically."""
    files = meta.pop("_data", {})
    os.makedirs(job.tmp_root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f"{job.key}.", dir=job.tmp_root)
    try:
        for name, data in files.items():
            with open(os.path.join(tmp, name), "wb") as handle:
                handle.write(data)
        with open(os.path.join(tmp, META), "w", encoding="utf-8") as handle:
            json.dump(meta, handle, sort_keys=True)
        os.makedirs(os.path.dirname(job.entry), exist_ok=True)
        try:
            os.rename(tmp, job.entry)
        except OSError:
            # Another build made the same entry meanwhile: same bytes.
            if not os.path.isfile(os.path.join(job.entry, META)):
                raise
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
