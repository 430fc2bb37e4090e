"""What an article may contain: the one sanitiser of article HTML.

Markdown passes the editor's raw HTML through, `{: …}` (attr_list) sets any
attribute, and links take any scheme, so the HTML of every article and page
(body, captions, and the `Summary:` line) goes through nh3 when it is read.
nh3 parses like a browser (html5ever): `<!--><img onerror=…>-->` is an image
there, as in Chromium, where Python's HTMLParser saw a comment. Then an
allow-list keeps only what cannot run script, cover the page or make the
reader's browser call another host:

* tags: text formatting, headings, lists, tables, quotes, figures. Script,
  style, frames, objects, SVG and MathML go with their content; any other tag
  leaves its text;
* attributes: the few each tag needs. No `on…=`, `style` only for
  `text-align`, `class` only the names our Markdown extensions write, `id`
  only Markdown's footnotes (the theme's scripts look elements up by id and
  data attribute);
* links: http, https, mailto, tel, or a path of the site; images: files of
  the site only (a relative path or `data:image/…`), never another host.

`Sanitiser.sanitize` returns the clean HTML and what was taken out, which
the build (portal.reader) and `invoke check` (portal.checks.text) report
with the file and line, and the importer before it writes an article.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from .diagnostics import WARNING, Problem

PLUGIN = "portal"

TAGS = frozenset((
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr",
))
# Removed with everything inside them: their text is code, not prose.
DROPPED_WITH_CONTENT = frozenset((
    "script", "style", "iframe", "frame", "frameset", "object", "embed",
    "applet", "noscript", "noembed", "noframes", "template", "svg", "math",
    "textarea", "select", "title", "xmp", "head",
))
# Every other tag a page may hold: only used to see, for the report, what
# the allow-list removes (nh3 needs names; an unknown tag is removed silently).
OTHER_TAGS = frozenset((
    "address", "area", "article", "aside", "audio", "base", "basefont", "bdi",
    "bdo", "big", "blink", "body", "button", "canvas", "center", "data",
    "datalist", "details", "dialog", "dir", "fieldset", "font", "footer",
    "form", "header", "hgroup", "html", "image", "input", "keygen", "label",
    "legend", "link", "main", "map", "marquee", "menu", "meta", "meter", "nav",
    "nobr", "optgroup", "option", "output", "param", "picture", "portal",
    "progress", "rp", "rt", "ruby", "search", "section", "slot", "source",
    "strike", "summary", "track", "tt", "video",
))
ATTRIBUTES = {
    "*": frozenset({"title", "lang", "class", "style", "id"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "div": frozenset({"data-count"}),  # figures: photos in a gallery
}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Schemes nh3 lets reach the attribute filter when looking for what to
# report (it drops any other one silently, before the filter sees it).
SEEN_SCHEMES = LINK_SCHEMES | {
    "javascript", "vbscript", "data", "file", "ftp", "blob", "filesystem",
    "about", "ws", "wss", "jar", "view-source", "intent", "sms", "livescript",
}
# Classes written by the figures extension and Markdown's own extensions.
CLASSES = frozenset({"vn-figure", "vn-figure__img", "vn-figure__caption",
                     "vn-gallery", "footnote", "footnote-ref",
                     "footnote-backref", "toc"})
CODE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,40}$")
FOOTNOTE_ID = re.compile(r"^(?:fn|fnref\d*):[\w.-]+$")
ALIGN = re.compile(r"^\s*text-align\s*:\s*(?:left|right|center|justify|start|end)"
                   r"\s*$", re.IGNORECASE)
NUMBER = re.compile(r"^\s*\d{1,5}\s*$")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|avif)[;,]", re.IGNORECASE)
OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# What browsers ignore in a URL (WHATWG URL: C0 controls and space at the
# ends, tab and newline anywhere): "java\tscript:" is "javascript:".
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_INSIDE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str:
    """The scheme a browser reads in `value` (lower case), "" if relative."""
    url = _URL_INSIDE.sub("", value.strip(_URL_EDGES))
    match = SCHEME.match(url)
    return match[1].lower() if match else ""


def is_local(value: str) -> bool:
    """A path of this site: no scheme and no host ("//x", "/\\x" are hosts)."""
    url = _URL_INSIDE.sub("", value.strip(_URL_EDGES))
    return not url_scheme(url) and not re.match(r"^[/\\]{2}", url)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser took out of an article."""

    kind: str  # "tag", "attribute", "link", "image", "style", "class", "id"
    tag: str
    name: str = ""
    value: str = ""

    @property
    def needle(self) -> str:
        """Text to look for in the Markdown source to find its line."""
        if self.kind == "tag":
            return f"<{self.tag}"
        if self.kind in ("link", "image", "style", "id"):
            return self.value.strip()[:40] or self.name
        if self.kind == "class":
            return self.value.split()[0] if self.value.split() else self.name
        return self.name

    def describe(self) -> tuple[str, str]:
        """(message, hint) in Vietnamese."""
        shown = _short(self.value)
        if self.kind == "tag" and self.tag in DROPPED_WITH_CONTENT:
            return (f"đã bỏ thẻ <{self.tag}> cùng nội dung bên trong: mã HTML "
                    "không an toàn",
                    "bài viết không được chứa mã chạy, khung nhúng (iframe) hay "
                    "hình SVG; hãy xóa đoạn mã này (với video, bản đồ: hãy ghi "
                    "đường liên kết)")
        if self.kind == "tag":
            return (f"đã bỏ thẻ <{self.tag}> (giữ lại chữ bên trong): thẻ HTML "
                    "không được phép",
                    "hãy dùng định dạng Markdown hoặc các thẻ đơn giản (b, i, "
                    "bảng, danh sách…)")
        if self.kind == "link":
            return (f"đã bỏ liên kết '{shown}' của thẻ <{self.tag}>: liên kết "
                    "không an toàn",
                    "chỉ liên kết tới http://, https://, mailto:, tel: hoặc tới "
                    "trang, tệp trong trang; liên kết chạy mã (javascript:, "
                    "data:…) không được phép")
        if self.kind == "image":
            return (f"đã bỏ địa chỉ ảnh '{shown}': ảnh phải là tệp của trang",
                    "trang không tải gì từ máy chủ khác (bảo vệ người đọc): "
                    "hãy tải ảnh về, chép vào cạnh bài viết và ghi tên tệp")
        if self.kind == "style":
            return (f"đã bỏ định dạng style '{shown}' của thẻ <{self.tag}>",
                    "chỉ giữ được căn lề (text-align); phông chữ, màu, vị trí "
                    "theo giao diện chung của trang")
        if self.kind == "class":
            return (f"đã bỏ lớp (class) '{shown}' của thẻ <{self.tag}>",
                    "giao diện tự định dạng bài viết; hãy bỏ class")
        if self.kind == "id":
            return (f"đã bỏ mã định danh id='{shown}' của thẻ <{self.tag}>",
                    "trang dùng id cho các thành phần của nó; hãy bỏ id")
        message = (f"đã bỏ thuộc tính '{self.name}' của thẻ <{self.tag}>: thuộc "
                   "tính HTML không được phép")
        if self.name.startswith("on"):
            return (message, "thuộc tính on…= chạy mã trong trình duyệt của người "
                    "đọc; hãy xóa nó (chỉ dùng định dạng Markdown)")
        return message, "hãy xóa thuộc tính này (chỉ dùng định dạng Markdown)"


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"


def _split_classes(value: str) -> tuple[list[str], list[str]]:
    kept, dropped = [], []
    for name in value.split():
        (kept if name in CLASSES or CODE_CLASS.match(name) else dropped).append(name)
    return kept, dropped


def verdict(tag: str, name: str, value: str) -> tuple[str | None, Removal | None]:
    """The value to keep for one attribute (None: drop it), and what was
    removed, if anything."""
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
    if name not in allowed:
        return None, Removal("attribute", tag, name, value)
    if name == "class":
        kept, dropped = _split_classes(value)
        found = Removal("class", tag, name, " ".join(dropped)) if dropped else None
        return (" ".join(kept) or None), found
    if name == "id":
        if FOOTNOTE_ID.match(value):
            return value, None
        return None, Removal("id", tag, name, value)
    if name == "style":
        parts = [p for p in value.split(";") if p.strip()]
        kept = [p.strip() for p in parts if ALIGN.match(p)]
        dropped = [p.strip() for p in parts if not ALIGN.match(p)]
        found = Removal("style", tag, name, "; ".join(dropped)) if dropped else None
        return ("; ".join(kept) or None), found
    if name == "src":
        if is_local(value) or IMAGE_DATA.match(value.strip(_URL_EDGES)):
            return value, None
        return None, Removal("image", tag, name, value)
    if name in ("href", "cite"):
        if is_local(value) or url_scheme(value) in LINK_SCHEMES:
            return value, None
        return None, Removal("link", tag, name, value)
    if name in ("width", "height", "colspan", "rowspan", "start", "value",
                "data-count") and not NUMBER.match(value):
        return None, Removal("attribute", tag, name, value)
    return value, None


class Sanitiser:
    """Two nh3 cleaners with the policy above: one makes the HTML that is
    published, the other keeps everything so that what differs can be
    named. One instance per reader or check run (it collects as it goes)."""

    def __init__(self):
        self._found: list[Removal] = []
        common = {"strip_comments": True, "link_rel": None}
        self._clean = nh3.Cleaner(
            tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
            attribute_filter=lambda tag, name, value: verdict(tag, name, value)[0],
            url_schemes=set(LINK_SCHEMES | {"data"}), **common)
        self._seen = nh3.Cleaner(
            tags=set(TAGS | DROPPED_WITH_CONTENT | OTHER_TAGS),
            clean_content_tags=set(), generic_attribute_prefixes={""},
            attribute_filter=self._record, url_schemes=set(SEEN_SCHEMES), **common)

    def _record(self, tag: str, name: str, value: str) -> str:
        found = verdict(tag, name, value)[1]
        if found is not None:
            self._found.append(found)
        return value

    def sanitize(self, html: str) -> tuple[str, list[Removal]]:
        """The HTML as published, and what was removed (in document order
        for attributes, then tags)."""
        if not html:
            return html, []
        clean = self._clean.clean(html)
        self._found = []
        seen = self._seen.clean(html)
        if seen == clean:
            return clean, []
        found = self._found
        for match in OPEN_TAG.finditer(seen):
            name = match[1].lower()
            if name not in TAGS:
                found.append(Removal("tag", name))
        # The tag of a dropped element's attributes is reported once, as a tag.
        dropped = {r.tag for r in found if r.kind == "tag"}
        return clean, [r for r in found if r.kind == "tag" or r.tag not in dropped]


def locate(removal: Removal, lines: list[str], first: int,
           default: int | None, nth: int = 1) -> int | None:
    """The 1-based line of `lines` (from line `first` on) where the `nth`
    removal of this text was written (the last such line if there are fewer),
    or `default` when the text is not found there."""
    for form in (str.lower, _loose):  # as written, then as the browser reads it
        needle = form(removal.needle)
        where = [number for number in range(first, len(lines) + 1)
                 if needle and needle in form(lines[number - 1])]
        if where:
            return where[min(nth, len(where)) - 1]
    return default


def _loose(text: str) -> str:
    """`text` with character references read and spaces dropped, in lower
    case: "JaVaScRiPt&colon;" is "javascript:", "top: 0" is "top:0"."""
    return "".join(html.unescape(text).split()).lower()


def problems(removals: list[Removal], path: str, default: int | None,
             lines: list[str] = (), first: int = 1) -> list[Problem]:
    """One warning per removal, at the line of `lines` (searched from line
    `first`) where it was written, else at line `default`."""
    found, seen = [], {}
    for removal in removals:
        message, hint = removal.describe()
        seen[removal] = seen.get(removal, 0) + 1
        line = locate(removal, lines, first, default, seen[removal])
        found.append(Problem(PLUGIN, path, line, message, hint, WARNING))
    return sorted(found, key=lambda p: p.line or 0)
