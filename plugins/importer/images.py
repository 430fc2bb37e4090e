"""Photo bytes of a legacy article: decoded, found beside the source, or
declared missing.

Exports carry photos three ways: inline as ``data:`` URIs, as files saved
beside the page (a browser's "Page_files/" folder), or as references to a
server the photos no longer live on (the sample export's ``s3://`` links).
Nothing is downloaded: an unresolved reference becomes a photo whose file the
editor drops in later under the name the importer prints.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from .model import Photo

# Formats a browser shows; anything else Pillow reads is converted to PNG.
WEB_FORMATS = MappingProxyType({"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png",
                                "GIF": ".gif", "WEBP": ".webp"})
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_DATA_URI = re.compile(
    r"^data:(?P<mime>[^;,]*)(?P<params>(?:;[^;,]*)*),(?P<payload>.*)$",
    re.IGNORECASE | re.DOTALL)


def short(ref: str, limit: int = 70) -> str:
    """A reference short enough for a message."""
    ref = " ".join(ref.split())
    return ref if len(ref) <= limit else ref[: limit - 1] + "…"


def image_format(data: bytes) -> str | None:
    """Pillow's name of the format of ``data``, or None if it is no image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def to_web_format(data: bytes) -> tuple[bytes, str]:
    """The bytes to publish and their suffix; the bytes are kept as they are
    whenever browsers can show them (the image pipeline makes derivatives)."""
    from PIL import Image

    fmt = image_format(data)
    if fmt in WEB_FORMATS:
        return data, WEB_FORMATS[fmt]
    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.save(out, "PNG")
    return out.getvalue(), ".png"


def load(photo: Photo, src: str, source: Path,
         folders: list[Path] | None = None) -> None:
    """Fill ``photo`` from what the source wrote for it: a ``data:`` URI, a
    file beside the source (or in ``folders``, where the page's other photos
    were saved), or a reference that cannot be resolved."""
    src = src.strip()
    if not src:
        photo.missing = "nguồn không ghi địa chỉ ảnh"
        return
    if not src.lower().startswith("data:"):
        _find_file(photo, src, source, folders or [])
        return
    match = _DATA_URI.match(src)
    if not match:
        photo.ref, photo.missing = short(src), "địa chỉ data: không đúng dạng"
        return
    payload = match["payload"].strip()
    quoted = re.fullmatch(r"""(["'])(?P<ref>.*)\1""", payload, re.DOTALL)
    if quoted:
        # The export kept only a reference where the image bytes used to be;
        # the file may still lie beside the export under that name.
        _find_file(photo, quoted["ref"], source)
        if photo.missing:
            photo.missing = "tệp xuất chỉ ghi tham chiếu, không có dữ liệu ảnh"
        return
    photo.ref = f"data:{match['mime']},…"
    if ";base64" in match["params"].lower():
        compact = re.sub(r"\s+", "", payload)
        try:
            data = base64.b64decode(compact + "=" * (-len(compact) % 4),
                                    validate=True)
        except (binascii.Error, ValueError):
            data = b""
    else:
        data = unquote_to_bytes(payload)
    if not data or image_format(data) is None:
        photo.missing = "dữ liệu ảnh nhúng trong tệp bị hỏng"
        return
    photo.data = data


MIRROR_DEPTH = 6


def _find_file(photo: Photo, ref: str, source: Path,
               folders: list[Path] = ()) -> None:
    """Point ``photo`` at the file beside ``source`` that ``ref`` names.

    Relative references are read beside the source. A mirror (wget,
    HTTrack) keeps the site's folders: an address from the site's root
    ("/img/a.jpg", "http://host/img/a.jpg") is looked for under the folders
    above the page, with or without the host's folder. The file may also
    have been saved under its own name beside the page ("Trang_files/anh.jpg")
    or where the page's other photos are, so those are searched by name."""
    ref = ref.strip()
    photo.ref = ref
    parts = urlsplit(ref)
    folder = source.parent
    path = unquote(parts.path)
    candidates: list[Path] = []
    if not parts.scheme and not parts.netloc and path and not path.startswith("/"):
        candidates.append(folder / path)
    elif path.startswith("/"):
        for above in [folder, *folder.parents][:MIRROR_DEPTH]:
            candidates.append(above / path.lstrip("/"))
            if parts.netloc:
                candidates.append(above / parts.netloc / path.lstrip("/"))
    name = Path(path).name
    if name:
        for near in (folder / f"{source.stem}_files", folder / source.stem, folder,
                     *folders):
            candidates.append(near / name)
    for path in candidates:
        try:
            if not path.is_file():
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if image_format(data) is None:
            photo.missing = f"tệp '{path.name}' không phải là ảnh"
            return
        photo.file = path
        return
    if parts.scheme or parts.netloc:
        photo.missing = "ảnh nằm trên máy chủ cũ (trình nhập không tải ảnh về)"
    else:
        photo.missing = "không tìm thấy tệp ảnh cạnh tệp nguồn"


def photo_bytes(photo: Photo) -> bytes | None:
    if photo.data is not None:
        return photo.data
    if photo.file is not None:
        return photo.file.read_bytes()
    return None


def missing_suffix(photo: Photo) -> str:
    """Suffix of the file the editor will drop in: the reference's own when
    it names an image type, JPEG (what cameras make) otherwise."""
    suffix = Path(urlsplit(photo.ref).path).suffix.lower()
    if suffix == ".jpeg":
        return ".jpg"
    return suffix if suffix in IMAGE_SUFFIXES else ".jpg"
