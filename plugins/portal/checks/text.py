"""Text: Unicode forms, control and invisible characters, unsafe markup, size.

Vietnamese reaches the files in two Unicode forms: precomposed (NFC, "ệ" is
one character) and decomposed (NFD, "e" + two combining marks), from macOS,
Word or old CMS exports, sometimes both in one file. The build normalises, so
readers see no difference: this is a notice, because searching the files,
comparing versions and file names still go wrong.
"""

from __future__ import annotations

import unicodedata

from .. import characters, safehtml
from ..diagnostics import NOTICE, WARNING
from .model import CheckContext, ContentFile

DEFAULT_MAX_BYTES = 256 * 1024


def check(file: ContentFile, context: CheckContext) -> list:
    return [*check_forms(file), *check_size(file, context),
            *check_markup(file, context), *characters.problems(file.path, file.raw)]


def _has_precomposed(line: str) -> bool:
    return any(unicodedata.normalize("NFD", ch) != ch for ch in line)


def check_forms(file: ContentFile) -> list:
    if unicodedata.is_normalized("NFC", file.raw):
        return []
    lines = file.raw.splitlines()
    decomposed = [n for n, line in enumerate(lines, 1)
                  if not unicodedata.is_normalized("NFC", line)]
    # Precomposed letters beside the decomposed ones: two sources pasted.
    mixed = any(_has_precomposed(line) for line in lines)
    where = ", ".join(map(str, decomposed[:5])) + (", …" if len(decomposed) > 5
                                                   else "")
    form = ("trộn hai dạng Unicode: dựng sẵn (NFC) và tổ hợp (NFD)" if mixed
            else "ở dạng Unicode tổ hợp (NFD)")
    return [file.problem(
        decomposed[0], NOTICE, f"văn bản {form}, ở các dòng {where}",
        "trang web vẫn hiển thị đúng vì bản dựng tự chuẩn hóa, nhưng tìm kiếm "
        "trong tệp và so sánh phiên bản sẽ sai; hãy lưu tệp ở dạng Unicode "
        "dựng sẵn (NFC)")]


def check_size(file: ContentFile, context: CheckContext) -> list:
    limit = context.settings.get("PORTAL_ARTICLE_MAX_BYTES", DEFAULT_MAX_BYTES)
    size = len(file.raw.encode("utf-8"))
    if not limit or size <= limit:
        return []
    return [file.problem(
        None, WARNING,
        f"bài viết dài {size // 1024} KB, vượt giới hạn {limit // 1024} KB",
        "có thể đã dán nhầm ảnh dạng data: hoặc một đoạn văn bản bị lặp; hãy "
        "kiểm tra lại, hoặc tách thành nhiều bài")]


def check_markup(file: ContentFile, context: CheckContext) -> list:
    """What the build's sanitiser (portal.safehtml) takes out of the body,
    at its line: the body is converted first, so HTML written inside code
    spans and code blocks is text, as on the site."""
    start = file.source.body_start
    body = "\n".join(file.lines[start - 1:])
    _, removed = context.sanitiser.sanitize(context.html(body))
    return safehtml.problems(removed, file.path, start, file.lines, start)
