"""Checks of one Markdown source file, with line numbers.

Python-Markdown's meta extension silently stops reading the header at the
first line it does not understand, and Pelican's date parser guesses (it reads
"10/02/2025" as 2 October and fills missing parts from today's clock). Both
would publish a wrong article without a word, so the header and the photo
references are checked here first. The build (through the reader) and
`invoke check` share these checks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime

from vn_text import nfc, slugify

from . import characters
from .diagnostics import ERROR, WARNING, ContentError, Problem

PLUGIN = "portal"
HEADER_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?:[ ]{4}|\t)")
# An image at the start of a line or inline: ![alt](src "title"). As in
# Python-Markdown, the path may hold spaces ("Ảnh Tết/Ảnh 01.JPG") or be
# written in <…>; only a quoted title after it is not part of it.
IMAGE = re.compile(r"""!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\n]+?)>?"""
                   r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""")
DATE_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
DATE_HINT = "hãy viết ngày theo dạng 2025-02-10 16:30 (hoặc 10/02/2025 16:30)"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
PELICAN_LINK = re.compile(r"^\{(?P<kind>static|attach|filename)\}(?P<path>.*)$")
# Shared with the gallery plugin, which checks photo files on every build.
MISSING_IMAGE = "không tìm thấy tệp ảnh '{src}'"
MISSING_IMAGE_HINT = ("hãy kiểm tra tên tệp (phân biệt hoa thường) hoặc chép ảnh "
                      "vào đúng chỗ")


@dataclass
class Source:
    """What the checks learned about one file."""

    path: str
    header: dict[str, tuple[int, str]] = field(default_factory=dict)
    body_start: int = 1
    problems: list[Problem] = field(default_factory=list)

    def error(self, line, message, hint=""):
        self.problems.append(Problem(PLUGIN, self.path, line, message, hint, ERROR))

    def warn(self, line, message, hint=""):
        self.problems.append(Problem(PLUGIN, self.path, line, message, hint, WARNING))


def parse_date(value: str) -> datetime | None:
    """A date written in one of the unambiguous forms, or None."""
    value = " ".join(value.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def read_header(source: Source, lines: list[str]):
    """Collect `Key: value` lines up to the first blank line, with numbers."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not HEADER_LINE.match(lines[first]):
        source.body_start = 1
        return
    key = None
    for index in range(first, len(lines)):
        line = lines[index]
        number = index + 1
        if not line.strip():
            source.body_start = number + 1
            return
        match = HEADER_LINE.match(line)
        if match:
            key = match["key"].lower()
            if key in source.header:
                source.error(number, f"khóa '{match['key']}' được khai báo hai lần",
                             "hãy giữ một dòng và xóa dòng kia")
            source.header.setdefault(key, (number, match["value"].strip()))
        elif CONTINUATION.match(line) and key:
            old_number, old_value = source.header[key]
            source.header[key] = (old_number, f"{old_value} {line.strip()}".strip())
        else:
            source.error(
                number,
                f"dòng '{line.strip()[:60]}' trong phần đầu không đúng dạng "
                "'Khóa: giá trị'",
                "hãy thêm dấu hai chấm sau tên khóa, hoặc thêm một dòng trống "
                "để ngăn phần đầu với nội dung",
            )
            source.body_start = number
            return
    source.body_start = len(lines) + 1


def check_header(source: Source, needs_date: bool):
    title = source.header.get("title")
    if title is None or not title[1]:
        source.error(
            title[0] if title else 1,
            "thiếu tiêu đề (Title)",
            "hãy thêm dòng 'Title: Tiêu đề bài viết' ở đầu tệp",
        )
    for key in ("date", "modified"):
        if key not in source.header:
            if key == "date" and needs_date:
                source.error(1, "thiếu ngày đăng (Date)", DATE_HINT)
            continue
        number, value = source.header[key]
        if parse_date(value) is None:
            source.error(number, f"không đọc được ngày '{value[:80]}'", DATE_HINT)


SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$")
# A page's own address or output file: a path inside the site, nothing else.
SITE_PATH = re.compile(r"^(?!/)[A-Za-z0-9._~/-]*$")
# Header keys whose values become addresses (comma-separated lists).
NAMED = {"tags": ("thẻ", True), "category": ("chuyên mục", False),
         "author": ("tác giả", False), "authors": ("tác giả", True)}


def check_addresses(source: Source):
    """Header values Pelican turns into addresses: `Slug`, `URL`, `Save_as`
    must stay inside the site (`Save_as: ../../evil.html` would write
    outside output/, `URL: javascript:…` make every link to the article run
    code), and a tag, category or author needs letters or digits for its
    page's address (a tag `..` has none)."""
    header = source.header
    if "slug" in header:
        line, value = header["slug"]
        if not SLUG.match(value):
            source.error(line, f"địa chỉ bài (Slug) '{value[:80]}' không hợp lệ",
                         "chỉ dùng chữ thường không dấu, số và dấu gạch nối, ví dụ "
                         f"'Slug: {slugify(value) or 'ten-bai-viet'}'")
    for key, written in (("url", "URL"), ("save_as", "Save_as")):
        if key in header:
            line, value = header[key]
            if not SITE_PATH.match(value) or ".." in value.split("/"):
                source.error(
                    line, f"'{written}: {value[:80]}' không phải là một "
                    "đường dẫn bên trong trang",
                    "hãy xóa dòng này (địa chỉ được tạo từ tên tệp), hoặc ghi một "
                    "đường dẫn tương đối như 'gioi-thieu/index.html', không có "
                    "'..', không có 'http:' hay 'javascript:'")
    for key, (label, listed) in NAMED.items():
        if key not in header:
            continue
        line, value = header[key]
        names = value.split(",") if listed else [value]
        for name in (n.strip() for n in names):
            if name and not slugify(name):
                source.error(line, f"{label} '{name[:80]}' không có chữ hay số nào "
                             "để làm địa chỉ trang", f"hãy sửa hoặc xóa {label} này")


def resolve_image(src: str, source_dir: str, content_root: str) -> str | None:
    """The file an image reference points to, or None for external ones."""
    match = PELICAN_LINK.match(src)
    path = match["path"] if match else src
    if not match and EXTERNAL.match(src):
        return None
    path = path.split("#", 1)[0].split("?", 1)[0]
    base = content_root if path.startswith("/") else source_dir
    return os.path.normpath(os.path.join(base, path.lstrip("/")))


def check_images(source: Source, lines: list[str], content_root: str,
                 check_files: bool = True):
    """A photo outside content/ is an error (the file is not built); a
    missing one a warning (the article is built with a placeholder)."""
    root = os.path.realpath(content_root)
    source_dir = os.path.dirname(os.path.abspath(source.path))
    for index in range(source.body_start - 1, len(lines)):
        for match in IMAGE.finditer(lines[index]):
            src = match["src"]
            target = resolve_image(src, source_dir, content_root)
            if target is None:
                continue
            real = os.path.realpath(target)
            if os.path.commonpath([real, root]) != root:
                source.error(
                    index + 1,
                    f"đường dẫn ảnh '{src}' nằm ngoài thư mục content/",
                    "hãy chép ảnh vào cạnh bài viết và ghi tên tệp ảnh",
                )
            elif check_files and not os.path.isfile(real):
                source.warn(index + 1, MISSING_IMAGE.format(src=src),
                            MISSING_IMAGE_HINT)


def check_source(path: str, text: str, content_root: str, needs_date: bool,
                 check_files: bool = True) -> Source:
    """Run every check on the text of one file. The build's reader leaves
    out the photo files (`check_files`): its output is cached, so the gallery
    plugin checks them on every build instead."""
    source = Source(path)
    lines = text.splitlines()
    read_header(source, lines)
    check_header(source, needs_date)
    check_addresses(source)
    check_images(source, lines, content_root, check_files)
    return source


def read_text(path: str, problems: list | None = None) -> str:
    """The file as NFC text (editors paste NFD from some tools), without
    control characters (portal.characters); what those and invisible
    characters are is added to `problems` when a list is given.

    Raises ContentError when the file is not UTF-8."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            raw = handle.read()
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ContentError([Problem(
            PLUGIN, path, line, "tệp không phải văn bản UTF-8",
            "hãy lưu lại tệp với bảng mã UTF-8", ERROR,
        )]) from None
    if problems is not None:
        problems.extend(characters.problems(path, raw))
    return nfc(characters.clean(raw))
