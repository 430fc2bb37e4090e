"""Photos: a text alternative, a caption, enough pixels, a sane file size.

A photo is an image at the start of a line; the non-blank line right under
it (or text after it on its line) is its caption, as the figures extension
reads it. Blind readers get the alt text, or the caption when alt is empty;
a photo with neither says nothing to them. A photo smaller than the largest
responsive width of the gallery (GALLERY_WIDTHS) looks blurred when enlarged
(a notice). A file
over `PORTAL_PHOTO_MAX_BYTES` bloats the repository and every clone. A data:
URI pastes the image into the text. Whether a file is a readable image is
the gallery plugin's check; unreadable files are skipped here.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from typing import NamedTuple

from ..diagnostics import NOTICE, WARNING
from ..source import IMAGE, resolve_image
from .model import CheckContext, ContentFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MIN_SIZE = 1440
DEFAULT_MAX_PHOTOS = 60
DEFAULT_MAX_PIXELS = 80_000_000  # the gallery's GALLERY_MAX_PIXELS


class Size(NamedTuple):
    width: int | None  # None when Pillow refused the file before saying
    height: int | None
    pixels: int


@dataclass
class Photo:
    line: int
    src: str
    alt: str
    caption: bool
    starts_line: bool


def find_photos(file: ContentFile) -> list[Photo]:
    photos = []
    body = list(file.body())
    for position, (number, line) in enumerate(body):
        for match in IMAGE.finditer(line):
            starts = not line[: match.start()].strip()
            after = line[match.end():].strip()
            following = (body[position + 1][1].strip()
                         if position + 1 < len(body) else "")
            caption = bool(after) or (
                bool(following) and not IMAGE.match(following))
            photos.append(Photo(number, match["src"], match["alt"].strip(),
                                starts and caption, starts))
    return photos


def check(file: ContentFile, context: CheckContext) -> list:
    settings = context.settings
    max_bytes = settings.get("PORTAL_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES)
    min_size = settings.get("PORTAL_PHOTO_MIN_WIDTH") or max(
        settings.get("GALLERY_WIDTHS") or (DEFAULT_MIN_SIZE,))
    max_photos = settings.get("PORTAL_ARTICLE_MAX_PHOTOS", DEFAULT_MAX_PHOTOS)
    photos = find_photos(file)
    problems = []
    for photo in photos:
        problems += check_text(file, photo)
        if photo.src.startswith("data:"):
            problems.append(file.problem(
                photo.line, WARNING,
                f"ảnh nhúng trực tiếp dạng data: ({len(photo.src) // 1024} KB)",
                "hãy lưu ảnh thành tệp cạnh bài viết và ghi tên tệp trong (…)"))
            continue
        target = resolve_image(photo.src, os.path.dirname(file.path),
                               context.content_root)
        if target and os.path.isfile(target):
            problems += check_file(file, photo, target, max_bytes, min_size,
                                   context)
    if max_photos and len(photos) > max_photos:
        problems.append(file.problem(
            photos[max_photos].line, WARNING,
            f"bài có {len(photos)} ảnh, nhiều hơn giới hạn {max_photos} ảnh",
            "hãy chọn lọc các ảnh tiêu biểu: trang quá nặng sẽ rất chậm trên "
            "điện thoại"))
    return problems


def check_text(file: ContentFile, photo: Photo) -> list:
    name = photo.src if len(photo.src) < 80 else photo.src[:60] + "…"
    if not photo.alt and not photo.caption:
        return [file.problem(
            photo.line, WARNING, f"ảnh '{name}' không có mô tả và không có chú thích",
            "người khiếm thị sẽ không biết ảnh có gì: hãy viết mô tả trong ![…] "
            "và chú thích (ai, làm gì, ở đâu) ở dòng ngay dưới ảnh")]
    if not photo.alt:
        return [file.problem(
            photo.line, NOTICE,
            f"ảnh '{name}' chưa có mô tả (alt): chú thích được dùng làm mô tả",
            "nên viết một câu tả ảnh trong ![…]")]
    if photo.starts_line and not photo.caption:
        return [file.problem(
            photo.line, NOTICE, f"ảnh '{name}' không có chú thích",
            "nên ghi chú thích (ai, làm gì, ở đâu) ở dòng ngay dưới ảnh, không "
            "để dòng trống")]
    return []


def check_file(file: ContentFile, photo: Photo, target: str, max_bytes: int,
               min_size: int, context: CheckContext) -> list:
    problems = []
    size = os.path.getsize(target)
    if max_bytes and size > max_bytes:
        problems.append(file.problem(
            photo.line, WARNING,
            f"tệp ảnh '{photo.src}' nặng {size / 1048576:.1f} MB, quá giới hạn "
            f"{max_bytes / 1048576:.0f} MB",
            "hãy xuất lại ảnh nhỏ hơn (ví dụ cạnh dài 3000 px, chất lượng 85%) "
            "trước khi đưa lên"))
    dimensions = image_size(target)
    limit = context.settings.get("GALLERY_MAX_PIXELS", DEFAULT_MAX_PIXELS)
    if dimensions and dimensions.pixels > limit:
        shown = (f"{dimensions.width}×{dimensions.height} điểm ảnh, "
                 if dimensions.width else "")
        problems.append(file.problem(
            photo.line, WARNING,
            f"ảnh '{photo.src}' quá lớn: {shown}{dimensions.pixels / 1e6:.0f} MP, "
            f"giới hạn là {limit // 1_000_000} MP",
            "hãy thu nhỏ ảnh (ví dụ cạnh dài 6000 điểm ảnh) rồi chép lại"))
    elif min_size and dimensions and max(dimensions[:2]) < min_size:
        width, height = dimensions[:2]
        problems.append(file.problem(
            photo.line, NOTICE,
            f"ảnh '{photo.src}' nhỏ ({width}×{height} px): cạnh dài dưới "
            f"{min_size} px nên ảnh phóng to sẽ bị mờ",
            "nếu có, hãy dùng ảnh gốc lớn hơn"))
    return problems


def image_size(path: str) -> Size | None:
    """Width and height from the file's header, or None when unreadable.

    Pillow refuses a file of more than twice its pixel limit at open (a
    decompression bomb) and only names the pixel count."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                return Size(width, height, width * height)
    except Image.DecompressionBombError as error:
        found = re.search(r"\((\d+) pixels\)", str(error))
        return Size(None, None, int(found[1])) if found else None
    except (OSError, UnidentifiedImageError, ValueError):
        return None
