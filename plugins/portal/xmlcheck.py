"""Checks of the XML a site publishes: Atom feeds and the sitemap.

Feed readers and search engines are unforgiving: a feed that is not
well-formed Atom, or a sitemap that lists a missing page or forgets an
article, silently loses readers. These checks read the output folder only
(offline), and are used by the tests and by `invoke publish`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from .diagnostics import ERROR, Problem
from .linkcheck import SiteAddress

PLUGIN = "xmlcheck"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
SITEMAP_NAME = "sitemap.xml"


def _problem(path: Path, message: str, hint: str = "", line: int | None = None):
    return Problem(PLUGIN, str(path), line, message, hint, ERROR)


def parse(path: Path) -> tuple[ElementTree.Element | None, list[Problem]]:
    try:
        return ElementTree.parse(path).getroot(), []
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        return None, [_problem(path, f"tệp XML hỏng: {error}",
                               "hãy kiểm tra mẫu (template) sinh ra tệp này", line)]


def is_feed_name(rel: str) -> bool:
    return rel.endswith((".atom", "/feed.xml")) or rel == "feed.xml"


def check_feeds(output: str | Path, absolute_ids: bool = True) -> list[Problem]:
    """Every feed of the site is well-formed Atom with what readers need.

    `absolute_ids`: entry and feed ids must be absolute IRIs (RFC 4287), which
    needs SITEURL; a development build (SITEURL "") cannot satisfy it."""
    output = Path(output)
    problems = []
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output).as_posix()
        if not path.is_file() or path.suffix not in (".xml", ".atom"):
            continue
        root, found = parse(path)
        problems += found
        if root is None:
            continue
        if root.tag == f"{ATOM}feed":
            problems += check_atom(path, root, absolute_ids)
        elif is_feed_name(rel):
            problems.append(_problem(path, f"nguồn cấp không phải Atom (gốc là "
                                     f"<{root.tag}>)"))
    return problems


def check_atom(path: Path, feed: ElementTree.Element,
               absolute_ids: bool) -> list[Problem]:
    problems = []

    def need(element, name, where):
        child = element.find(ATOM + name)
        if child is None or not (child.text or "").strip():
            problems.append(_problem(path, f"{where} thiếu phần tử <{name}>"))
            return None
        return child.text.strip()

    def check_common(element, where):
        ident = need(element, "id", where)
        need(element, "title", where)
        updated = need(element, "updated", where)
        if updated and not RFC3339.match(updated):
            problems.append(_problem(path, f"{where}: ngày '{updated}' không theo "
                                     "RFC 3339"))
        if ident and absolute_ids and not urlsplit(ident).scheme:
            problems.append(_problem(path, f"{where}: id '{ident}' không phải "
                                     "địa chỉ tuyệt đối", "hãy đặt SITEURL"))
        return ident

    check_common(feed, "nguồn cấp")
    feed_has_author = feed.find(ATOM + "author") is not None
    seen = set()
    for number, entry in enumerate(feed.findall(ATOM + "entry"), 1):
        where = f"mục {number}"
        ident = check_common(entry, where)
        if ident in seen:
            problems.append(_problem(path, f"{where}: id '{ident}' bị trùng"))
        seen.add(ident)
        if not feed_has_author and entry.find(ATOM + "author") is None:
            problems.append(_problem(path, f"{where} thiếu tác giả (<author>)"))
        links = [link for link in entry.findall(ATOM + "link")
                 if link.get("rel", "alternate") == "alternate"]
        if not links and entry.find(ATOM + "content") is None:
            problems.append(_problem(path, f"{where} không có liên kết tới bài"))
    return problems


def check_sitemap(output: str | Path, site_url: str,
                  required: list[str] = ()) -> list[Problem]:
    """The sitemap lists only pages that exist, and every `required` page.

    `required`: output paths (e.g. every article's `…/index.html`)."""
    output = Path(output)
    address = SiteAddress.of(site_url)
    path = output / SITEMAP_NAME
    root, problems = parse(path)
    if root is None:
        return problems
    locs = [u.findtext(f"{SITEMAP}loc") or "" for u in root.iter(f"{SITEMAP}url")]
    for sitemap in root.iter(f"{SITEMAP}sitemap"):
        # A sitemap index: the lists are in the files it names.
        rel = _resolve(address, sitemap.findtext(f"{SITEMAP}loc") or "")
        if rel is None or not (output / rel).is_file():
            problems.append(_problem(path, "chỉ mục sơ đồ trang trỏ tới tệp không có"))
            continue
        sub, found = parse(output / rel)
        problems += found
        if sub is not None:
            locs += [u.findtext(f"{SITEMAP}loc") or ""
                     for u in sub.iter(f"{SITEMAP}url")]
    listed = set()
    for url in (loc.strip() for loc in locs):
        rel = _resolve(address, url)
        if rel is None or not (output / rel).is_file():
            problems.append(_problem(path, f"sơ đồ trang liệt kê '{url}' nhưng "
                                     "trang này không có trong thư mục xuất bản"))
        else:
            listed.add(rel)
    for rel in required:
        if rel not in listed:
            problems.append(_problem(path, f"sơ đồ trang thiếu trang "
                                     f"'{address.url_of(rel)}'"))
    return problems


def _resolve(address: SiteAddress, url: str) -> str | None:
    try:
        return address.target(url.strip())[0]
    except ValueError:
        return None
