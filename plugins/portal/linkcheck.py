"""Offline check that every internal reference in a built site resolves.

A visitor must never meet a broken link, image, stylesheet, script or feed.
This reads the files of an output folder (no network, no server) and follows
every reference that points into the site: `href`, `src`, `srcset`, `poster`,
form actions, Open Graph images, `url()` and `@import` in stylesheets, and
the links of Atom feeds. A reference resolves when the file it names exists
(`…/` means `…/index.html`) and, for `#fragment`, when the target page has an
element with that id.

The site's address matters: with SITEURL `https://host/portal`, a link to
`/tin-tuc/…` leaves the site (it misses `/portal`), so it is reported too.

Used by the tests and by `invoke publish` before the new output replaces the
published one. The stdlib HTML parser is used directly because it is several
times faster than building a tree, and a district archive has 10,000 pages.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .diagnostics import ERROR, Problem

PLUGIN = "linkcheck"
# A stand-in origin for a site built with SITEURL "" (root-relative links).
LOCAL_ORIGIN = "http://portal.invalid"
# Attributes holding one URL, per tag ("*" = any tag).
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",),
    "script": ("src",), "source": ("src",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",), "input": ("src",),
}
SRCSET_TAGS = {"img", "source"}
META_URL_PROPERTIES = {"og:image", "og:url", "og:image:url", "twitter:image"}
CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)"""
    r"""|@import\s+(['"])(?P<imp>[^'"]+)\3"""
)
SRCSET_SPLIT = re.compile(r",\s+")
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?(?P<url>[^'\"]+)", re.IGNORECASE)
# Host redirect rules ("old new 301" per line, the redirects plugin).
REDIRECT_RULE = re.compile(r"^\S+(?:[ \t]+\S+=\S*)*[ \t]+(?P<url>\S+)[ \t]+\d{3}$",
                           re.MULTILINE)
ATOM_LINK = re.compile(r"<link\b[^>]*?\bhref=\"(?P<url>[^\"]+)\"")


@dataclass
class Page:
    """What one output file refers to, and the ids it offers as targets."""

    refs: list[tuple[str, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(name):
                self.page.ids.add(attrs[name])
        for name in URL_ATTRIBUTES.get(tag, ()):
            if attrs.get(name) is not None:
                self.page.refs.append((attrs[name], line))
        if tag in SRCSET_TAGS and attrs.get("srcset"):
            for candidate in SRCSET_SPLIT.split(attrs["srcset"].strip()):
                if candidate.strip():
                    self.page.refs.append((candidate.split()[0], line))
        if tag == "meta" and attrs.get("property", attrs.get("name")) in (
                META_URL_PROPERTIES) and attrs.get("content"):
            self.page.refs.append((attrs["content"], line))
        # A redirect page (the redirects plugin): "0; url=…".
        if (tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh"
                and (refresh := REFRESH_URL.search(attrs.get("content") or ""))):
            self.page.refs.append((refresh["url"].strip(), line))

    handle_startendtag = handle_starttag


def read_html(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.page


def read_text_refs(path: Path, pattern: re.Pattern, groups: tuple[str, ...]) -> Page:
    """References found by a pattern (stylesheets, feeds), with line numbers."""
    page = Page()
    text = path.read_text(encoding="utf-8", errors="replace")
    for match in pattern.finditer(text):
        url = next(match[g] for g in groups if match[g])
        page.refs.append((url.strip(), text.count("\n", 0, match.start()) + 1))
    return page


@dataclass(frozen=True)
class SiteAddress:
    """Where the output folder is published: maps URLs to files."""

    origin: str  # scheme://host
    base: str  # path prefix, always ending in "/"
    also: tuple[str, ...] = ()  # other origins+bases that mean "this site"

    @classmethod
    def of(cls, site_url: str, also: tuple[str, ...] = ()) -> SiteAddress:
        parts = urlsplit(site_url.rstrip("/") + "/" if site_url else LOCAL_ORIGIN + "/")
        base = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(f"{parts.scheme}://{parts.netloc}", base,
                   tuple(a.rstrip("/") + "/" for a in also if a))

    def url_of(self, rel: str) -> str:
        return self.origin + self.base + rel

    def target(self, url: str) -> tuple[str | None, str]:
        """(relative file path or None when outside the site, fragment).

        Raises ValueError for a URL this site does not serve at all
        (an external one)."""
        parts = urlsplit(url)
        for other in self.also:
            if url.startswith(other):
                parts = urlsplit(self.origin + self.base + url[len(other):])
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            raise ValueError(url)
        raw = unquote(parts.path) or "/"
        path = posixpath.normpath(raw)
        if raw.endswith("/") and path != "/":
            path += "/"
        if not (path + "/").startswith(self.base):
            return None, parts.fragment
        rel = path[len(self.base):]
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return rel, unquote(parts.fragment)


def is_external(url: str) -> bool:
    """True for references that leave the site by their form alone."""
    parts = urlsplit(url)
    return bool(parts.scheme) and parts.scheme not in ("http", "https")


def output_files(output: Path):
    for path in sorted(output.rglob("*")):
        if path.is_file():
            yield path


def collect(output: Path) -> dict[str, Page]:
    pages = {}
    for path in output_files(output):
        rel = path.relative_to(output).as_posix()
        if path.suffix in (".html", ".htm"):
            pages[rel] = read_html(path)
        elif path.suffix == ".css":
            pages[rel] = read_text_refs(path, CSS_URL, ("url", "imp"))
        elif path.suffix in (".xml", ".atom") and _is_feed(path):
            pages[rel] = read_text_refs(path, ATOM_LINK, ("url",))
        elif rel == "_redirects":
            pages[rel] = read_text_refs(path, REDIRECT_RULE, ("url",))
    return pages


def _is_feed(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"http://www.w3.org/2005/Atom" in handle.read(2048)


def check_links(output: str | Path, site_url: str = "",
                also: tuple[str, ...] = ()) -> list[Problem]:
    """Every broken internal reference of an output folder, each named once.

    `site_url` is the SITEURL the folder was built with; `also` lists other
    addresses that mean this site (e.g. the FEED_DOMAIN of a development
    build)."""
    output = Path(output)
    address = SiteAddress.of(site_url, also)
    pages = collect(output)
    ids = {rel: page.ids for rel, page in pages.items()}
    # (message, hint) -> [(page, line)]: a broken link in the menu is on every
    # page, and is still one problem.
    found: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for rel, page in pages.items():
        for url, line in page.refs:
            problem = _check_one(output, address, rel, url.strip(), ids)
            if problem:
                found[problem].append((rel, line))
    problems = []
    for (message, hint), places in found.items():
        first, line = places[0]
        if len(places) > 1:
            shown = ", ".join(dict.fromkeys(p for p, _ in places[:4]))
            hint += f" (gặp ở {len(places)} chỗ, ví dụ: {shown})"
        problems.append(Problem(PLUGIN, str(output / first), line, message, hint,
                                ERROR))
    return problems


def _check_one(output: Path, address: SiteAddress, rel: str, url: str,
               ids: dict[str, set[str]]) -> tuple[str, str] | None:
    if not url or url.startswith("data:") or is_external(url):
        return None
    if url.startswith("#"):
        target_rel, fragment = rel, unquote(url[1:])
    else:
        try:
            target_rel, fragment = address.target(urljoin(address.url_of(rel), url))
        except ValueError:
            return None  # another site
    if target_rel is None:
        return (f"liên kết '{url}' trỏ ra ngoài địa chỉ gốc của trang "
                f"({address.origin}{address.base})",
                "hãy tạo đường dẫn từ SITEURL thay vì viết cứng '/…'")
    path = output / target_rel
    if path.is_dir() and (path / "index.html").is_file():
        target_rel, path = f"{target_rel}/index.html", path / "index.html"
    if not path.is_file():
        return (f"liên kết '{url}' không trỏ tới tệp nào trong thư mục xuất bản",
                "hãy sửa đường dẫn hoặc tạo trang/tệp được trỏ tới")
    if fragment and fragment != "top" and target_rel in ids and (
            fragment not in ids[target_rel]):
        return (f"liên kết '{url}' trỏ tới mục #{fragment} không có trong trang đích",
                "hãy sửa phần sau dấu # cho khớp với id của một phần tử")
    return None
