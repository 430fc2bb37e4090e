"""Read the old portal's text exports (see tests/data/sample-export.txt).

The format has no markup but its lines: one paragraph per line; a photo is a
line holding an XML-like image element (``<image>…</image>``, often with a
namespace prefix on the tag name) whose content is a ``data:`` URI or a
reference, optionally followed by ``alt="…"``; the photo's caption is on the
next one to three short lines; the signature ("Nhóm BTV") is the last line.
There is no title or date: they come from the command line.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from figures import FiguresExtension

from . import images, mdtext
from .byline import author_of
from .model import Draft, ImporterError, Photo, Text, error

# The image element, with or without a namespace prefix on its tag name.
IMAGE_ELEMENT = re.compile(
    r"<(?P<prefix>[\w.-]+:)?image\b(?P<attrs>[^>]*?)"
    r"(?:/>|>(?P<inner>.*?)</(?:[\w.-]+:)?image\s*>)",
    re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TRAILING_ATTRIBUTE = re.compile(r"""\s+([\w:-]+)\s*=\s*(?:"[^"]*"|'[^']*')\s*$""")
MAX_CAPTION_LINES = 3


def caption_line_limit() -> int:
    """Longest caption line, in characters. The figures extension ends a
    caption at a longer line, so both sides must use the same limit."""
    return int(FiguresExtension().getConfig("caption_max_line_length")) or 150


def read_lines(path: Path) -> list[str]:
    """The file's lines as NFC text; UTF-8 (with or without BOM) or UTF-16."""
    raw = path.read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as failure:
        line = raw[: failure.start].count(b"\n") + 1
        raise ImporterError([error(
            path, line, "tệp không phải văn bản UTF-8",
            "hãy mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8")]
        ) from None
    return [mdtext.clean_text(line).strip() for line in text.splitlines()]


def parse_element(match: re.Match) -> tuple[str, str]:
    """(source, alt) of one image element."""
    attrs = {m[1].lower(): m[2] if m[2] is not None else m[3]
             for m in _ATTRIBUTE.finditer(match["attrs"] or "")}
    inner = match["inner"] or ""
    # Attributes written inside the element, after the source.
    while trailing := _TRAILING_ATTRIBUTE.search(inner):
        found = _ATTRIBUTE.search(trailing.group(0))
        attrs.setdefault(found[1].lower(), found[2] if found[2] is not None
                         else found[3])
        inner = inner[: trailing.start()]
    src = attrs.get("src") or attrs.get("href") or inner
    return html.unescape(src.strip()), html.unescape(attrs.get("alt", "")).strip()


def read_text_export(path: Path) -> Draft:
    draft = Draft(source=path)
    lines = read_lines(path)
    # (line number, text) of every non-blank line; image elements are put on
    # lines of their own so text around them is not lost.
    items: list[tuple[int, str | re.Match]] = []
    for number, line in enumerate(lines, start=1):
        position = 0
        for match in IMAGE_ELEMENT.finditer(line):
            if line[position: match.start()].strip():
                items.append((number, line[position: match.start()].strip()))
            items.append((number, match))
            position = match.end()
        if line[position:].strip():
            items.append((number, line[position:].strip()))

    signature = _signature(items)
    if signature is not None:
        items.pop()
        draft.author = signature
    limit = caption_line_limit()
    photo: Photo | None = None
    for number, item in items:
        if not isinstance(item, str):
            src, alt = parse_element(item)
            photo = Photo(line=number, alt=alt)
            images.load(photo, src, path)
            draft.blocks.append(photo)
            continue
        if (photo is not None and len(photo.caption) < MAX_CAPTION_LINES
                and len(item) <= limit):
            photo.caption.append(mdtext.escape_line_start(mdtext.escape(item)))
            photo.caption_plain.append(item)
            continue
        photo = None
        draft.blocks.append(Text(mdtext.paragraph(item), item))
    if not draft.blocks:
        raise ImporterError([error(
            path, None, "tệp không có đoạn văn hay ảnh nào",
            "hãy kiểm tra đây có đúng là tệp xuất bài viết")])
    return draft


def _signature(items: list[tuple[int, str | re.Match]]) -> str | None:
    """The author named by the last line, when that line is a signature.

    After body text any short name counts; right after a photo the line is
    more likely its caption, so only an explicit signature counts there."""
    if not items or not isinstance(items[-1][1], str):
        return None
    before = items[-2][1] if len(items) > 1 else None
    after_body = isinstance(before, str) and len(before) > caption_line_limit()
    return author_of(items[-1][1], loose=after_body or before is None)
