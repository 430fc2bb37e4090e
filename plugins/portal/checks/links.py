"""Links in articles to other content: `{filename}`, `{static}`, `{attach}`,
site addresses written as `/tin-tuc/…`, and relative paths.

Pelican resolves `{filename}bai.md` to the other article's address and
`{static}`/`{attach}` to a published file; a target that does not exist
leaves a broken link (and an English warning). A site address written by
hand is checked against the addresses the content makes, for the folders
this checker can list (articles, categories, tags, authors, archives); other
plugins' pages are left to the output link checker of `invoke publish`. A
plain relative path is not rewritten by Pelican, so it breaks on the site.
Images are not links here: portal.source checks them.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

from ..diagnostics import ERROR, WARNING
from ..published import attachment_refusal
from ..source import EXTERNAL, PELICAN_LINK, resolve_image
from .model import CheckContext, ContentFile
from .urls import content_item, known_urls, owned_prefixes

LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[^)]*)?\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
HTML_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["'](?P<target>[^"']+)["']""",
                       re.IGNORECASE)
INDICATOR = re.compile(r"^[{|](?P<what>[a-z]+)[|}]")
OTHER_INDICATORS = {"category", "tag", "author", "index"}
PAGE_SUFFIXES = ("", ".html")


def links_of(file: ContentFile):
    """(line, target) of every link in the body."""
    for number, line in file.body():
        for pattern in (LINK, REFERENCE, HTML_HREF):
            for match in pattern.finditer(line):
                yield number, match["target"]


def check(files: list[ContentFile], context: CheckContext) -> list:
    settings = context.settings
    items = [i for i in (content_item(f, settings) for f in files) if i is not None]
    site = LinkTargets(
        sources={os.path.abspath(f.path) for f in files},
        known={url.rstrip("/") for url in known_urls(items, settings)},
        owned=owned_prefixes(settings),
        prefixes=tuple(p.rstrip("/") + "/" for p in (
            settings.get("SITEURL"), os.environ.get("SITEURL")) if p),
    )
    problems = []
    for file in files:
        for line, target in links_of(file):
            found = site.check(file, target, context)
            if found:
                level, message, hint = found
                problems.append(file.problem(line, level, message, hint))
    return problems


class LinkTargets:
    """What a link may point to, and the verdict on one link."""

    def __init__(self, sources, known, owned, prefixes):
        self.sources, self.known, self.owned = sources, known, owned
        self.prefixes = prefixes

    def check(self, file: ContentFile, target: str, context: CheckContext):
        for prefix in self.prefixes:
            if target.startswith(prefix):
                target = "/" + target[len(prefix):]
        legacy = re.match(r"^\|(filename|static|attach)\|", target)
        if legacy:
            target = "{" + legacy[1] + "}" + target[legacy.end():]
        if PELICAN_LINK.match(target):
            return self.pelican_link(file, target, context)
        indicator = INDICATOR.match(target)
        if indicator:
            if indicator["what"] in OTHER_INDICATORS:
                return None
            return (WARNING, f"liên kết '{target}' dùng chỉ dẫn không có "
                    f"'{{{indicator['what']}}}'",
                    "chỉ dùng {filename}, {static}, {attach}, {category}, {tag}, "
                    "{author} hoặc {index}")
        if EXTERNAL.match(target):
            return None
        if target.startswith("/"):
            return self.site_address(target)
        return self.relative(file, target, context)

    def pelican_link(self, file, target, context):
        what = PELICAN_LINK.match(target)["kind"]
        path = resolve_image(target, os.path.dirname(file.path), context.content_root)
        if not os.path.lexists(path):
            return (ERROR, f"liên kết '{target}' trỏ tới tệp không có",
                    "hãy kiểm tra đường dẫn: tính từ thư mục của bài viết, hoặc "
                    "từ thư mục content/ nếu bắt đầu bằng /")
        reason = attachment_refusal(path, context.content_root, context.settings)
        if reason and what != "filename":
            return (ERROR, f"liên kết '{target}' {reason[0]}", reason[1])
        if what == "filename" and os.path.abspath(path) not in self.sources:
            return (WARNING, f"liên kết '{target}' dùng {{filename}} cho tệp không "
                    "phải bài viết",
                    "với ảnh và tài liệu hãy viết {static}… hoặc {attach}…")
        return None

    def site_address(self, target):
        path = unquote(urlsplit(target).path).strip("/")
        head = path.split("/", 1)[0]
        if head not in self.owned or os.path.splitext(path)[1] not in PAGE_SUFFIXES:
            return None
        if path.removesuffix("index.html").rstrip("/") in self.known:
            return None
        return (ERROR, f"liên kết '{target}' trỏ tới trang không có",
                "hãy sửa địa chỉ; để liên kết tới bài khác nên viết "
                "{filename}/articles/năm/tháng/tên-tệp.md: địa chỉ luôn đúng")

    def relative(self, file, target, context):
        path = resolve_image(target, os.path.dirname(file.path), context.content_root)
        if path is None:
            return None
        if not os.path.exists(path):
            return (ERROR, f"liên kết '{target}' trỏ tới tệp không có",
                    "hãy kiểm tra đường dẫn, hoặc dùng địa chỉ đầy đủ https://…")
        if os.path.abspath(path) in self.sources:
            return (WARNING,
                    f"liên kết tới bài viết phải viết là '{{filename}}{target}'",
                    "không có {filename}, liên kết sẽ hỏng trên trang web")
        return (WARNING, f"liên kết tới tệp phải viết là '{{attach}}{target}'",
                "không có {attach}, tệp sẽ không được xuất bản cùng bài")
