"""The title and the publication date of a saved portal page.

Both are looked for around the article's body rather than anywhere on the
page: old portals print the site's name in <title>, headings in every
sidebar, and dates beside every other article. The title is the heading or
title-classed element nearest before the body; the date is the one printed
beside the title, else inside the element holding title and body; a date
from anywhere else is used only with a notice.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from vn_text import match_key

from . import mdtext, portaldates
from .model import Draft
from .pageprep import NOT_ARTICLE, hint_of

DATE_HINT = re.compile(r"date|time|ngay|publish|posted|created|meta|info",
                       re.IGNORECASE)
TITLE_HINT = re.compile(r"title|tieu-?de|headline|contentheading", re.IGNORECASE)
# Text nodes looked at around the title for its date: portals print it just
# above the title (SharePoint's web part header) or just under it.
AFTER_TITLE, BEFORE_TITLE = 8, 4
# At most this much text (a date line, tools, a lead) between a title and
# the body it belongs to.
NEAR_TEXT = 600


def meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = (soup.find("meta", attrs={"property": name})
               or soup.find("meta", attrs={"name": name})
               or soup.find("meta", attrs={"itemprop": name}))
        if tag and (tag.get("content") or "").strip():
            return mdtext.clean_text(tag["content"]).strip()
    return None


def page_url(soup: BeautifulSoup) -> str:
    """Where the page lived, to resolve its relative links (or "")."""
    link = soup.find("link", rel="canonical")
    if link and link.get("href", "").startswith("http"):
        return link["href"]
    url = meta(soup, "og:url")
    if url and url.startswith("http"):
        return url
    if (saved := saved_from(soup)):
        return saved
    base = soup.find("base", href=True)
    return base["href"] if base and base["href"].startswith("http") else ""


def saved_from(soup: BeautifulSoup) -> str:
    """The address the browser ("saved from url=") or HTTrack ("Mirrored
    from … by HTTrack") saved the page from, or ""."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        saved = re.search(r"saved from url=\(\d+\)(\S+)", comment)
        if saved and saved.group(1).startswith("http"):
            return saved.group(1)
        mirrored = re.search(r"Mirrored from (\S+) by HTTrack", comment)
        if mirrored:
            return "http://" + mirrored.group(1).split("://")[-1]
    return ""


def title_of(soup: BeautifulSoup, container: Tag) -> tuple[Tag | None, str | None]:
    """The article's own title and the element that holds it.

    Candidates are headings and elements the page marks as a title (class
    "title", "tieude"…), nearest to the body first: those before it, then
    those at its top. The first that og:title or <title> agrees with wins;
    else og:title; else the nearest candidate; else <title> without the site
    name. Old portals' <title> is often just the site or the category."""
    og_title = meta(soup, "og:title")
    page_title = mdtext.clean_text(soup.title.get_text()).strip() if soup.title else ""
    declared = [match_key(t) for t in (og_title, page_title) if t]
    candidates = _title_candidates(soup, container)
    for tag, text in candidates:
        if any(match_key(text) in d for d in declared):
            return tag, text
    if og_title:
        return None, og_title
    if candidates:
        return candidates[0]
    if page_title:
        parts = re.split(r"\s+(?:[|–—>-]|::)\s+", page_title)
        return None, max(parts, key=len)
    return None, None


def _title_candidates(soup: BeautifulSoup, container: Tag) -> list[tuple[Tag, str]]:
    """Title-like elements, best first: one that opens the body, then those
    before it, nearest first; those with more than a lead's worth of text
    between them and the body (a sidebar's heading) come last."""
    order = {id(tag): n for n, tag in enumerate(soup.find_all(True))}
    start = order.get(id(container), 0)
    inside = {id(tag) for tag in container.find_all(True)}
    top, near, far = [], [], []
    for tag in soup.find_all(True):
        hint = hint_of(tag)
        if not (re.fullmatch(r"h[1-3]", tag.name) or TITLE_HINT.search(hint)):
            continue
        if _in_page_chrome(tag) or tag.find_parent(["li", "a"]):
            continue
        if tag is container or tag in container.parents:
            continue
        text = mdtext.clean_text(tag.get_text(" ")).strip()
        if not 10 < len(text) <= 300 or portaldates.is_date_line(text):
            continue
        if id(tag) in inside:
            if not top and _text_between(container, tag) <= NEAR_TEXT:
                top.append((tag, text))
        elif order[id(tag)] < start:
            close = _text_between(tag, container) <= NEAR_TEXT
            (near if close else far).append((tag, text))
    return top + near[::-1] + far[::-1]


def _text_between(first: Tag, last: Tag) -> int:
    """Characters of text after the start of ``first`` up to ``last`` (the
    text of ``first`` itself left out unless ``last`` is inside it), counted
    up to a little over NEAR_TEXT."""
    count = 0
    own = last not in first.parents and first not in last.parents
    for node in first.next_elements:
        if node is last:
            break
        if (isinstance(node, str) and not isinstance(node, Comment)
                and not (own and first in node.parents)):
            count += len(node.strip())
            if count > NEAR_TEXT:
                break
    return count


def _in_page_chrome(tag: Tag) -> bool:
    """Inside the site's header, footer, menu or sidebar (an <article>'s own
    header and footer belong to the article)."""
    for parent in tag.parents:
        if parent.name in ("header", "footer", "nav", "aside", "script", "style"):
            return parent.find_parent("article") is None
    return False


def read_date(soup: BeautifulSoup, base: str, draft: Draft, container: Tag,
               title: Tag | None) -> None:
    found, outside = _find_published(soup, container, title)
    if found is None:
        return
    date, where, _node = found
    if outside:
        draft.date_outside = True
        draft.notice(where, f"ngày đăng '{outside}' lấy từ chỗ ngoài bài viết "
                     "(không có ngày ở cạnh tiêu đề hay trong bài)",
                     "hãy kiểm tra lại ngày trong tệp đã nhập")
    if date.year is None:
        year, origin = _year_elsewhere(soup, base, date)
        if year is None:
            draft.notice(where, f"ngày đăng '{date.day}.{date.month}' không ghi năm "
                         "và trang không cho biết năm nào",
                         "hãy ghi ngày đầy đủ bằng --date")
            return
        draft.notice(where, f"ngày đăng chỉ ghi '{date.day}.{date.month}': "
                     f"lấy năm {year} từ {origin}",
                     "hãy kiểm tra lại ngày trong tệp đã nhập")
        draft.date = date.resolve(year)
    else:
        draft.date = date.resolve()
    # "12:00 AM" or "00:00": the old portal had no time for the article.
    draft.has_time = date.has_time and (date.hour, date.minute) != (0, 0)


def _find_published(soup: BeautifulSoup, container: Tag, title: Tag | None):
    """((date, line, node), None) from the article: meta tags, beside the
    title, in the element holding title and body; else ((date, line, node),
    its text) from elsewhere on the page, which the editor is told about."""
    declared = meta(soup, "article:published_time", "datePublished", "pubdate",
                    "DC.date.issued", "date")
    if declared and (found := portaldates.find_date(declared)):
        return (found, None, None), None
    nodes = [s for s in soup.find_all(string=True)
             if not isinstance(s, Comment) and s.parent.name not in NOT_ARTICLE
             and s.strip()]
    if title is not None:
        index = next((n for n, s in enumerate(nodes) if title in s.parents), None)
        if index is not None:
            # Under the title, but not past the end of the body.
            end = max((n for n, s in enumerate(nodes) if container in s.parents),
                      default=index)
            after = [s for s in nodes[index + 1: min(index + 1 + AFTER_TITLE, end + 1)]
                     if title not in s.parents]
            near = after + nodes[max(0, index - BEFORE_TITLE): index][::-1]
            if (found := _date_in(near, loose=True)):
                return found, None
    region = _common_ancestor(title, container) if title is not None else container
    inside = [s for s in nodes if region in s.parents]
    if (found := _date_in(inside)):
        return found, None
    if (found := _date_in(nodes)):
        return found, " ".join(found[2].split())[:60]
    return None, None


def _date_in(nodes: list, loose: bool = False):
    """(date, line, text node) of the first publication date among text nodes: a
    labelled one ("Ngày đăng 03/05/2019 | 10:23", the label and the date in
    neighbouring elements), a <time datetime>, an element whose class says
    date, or a text that is nothing but a date. ``loose`` (beside the
    title) takes any date written in a short text."""
    texts = [mdtext.clean_text(s) for s in nodes]
    for index, text in enumerate(texts):
        if portaldates.PUBLISHED_LABEL.search(text):
            window = " ".join(texts[index: index + 3])
            if (found := portaldates.find_date(window, allow_short=True)):
                return found, nodes[index].parent.sourceline, nodes[index]
    for node, text in zip(nodes, texts, strict=True):
        time = node.find_parent("time")
        if (time is not None and time.get("datetime")
                and (found := portaldates.find_date(time["datetime"]))):
            return found, time.sourceline, node
        holder = node.parent
        dated = bool(DATE_HINT.search(hint_of(holder))) or holder.name == "time"
        line = portaldates.is_date_line(text)
        if ((((dated or loose) and len(text) <= 80) or line)
                and (found := portaldates.find_date(text, allow_short=dated or line))):
            return found, holder.sourceline, node
    return None


def _common_ancestor(first: Tag, second: Tag) -> Tag:
    ancestors = {id(first), *(id(p) for p in first.parents)}
    if id(second) in ancestors:
        return second
    for parent in second.parents:
        if id(parent) in ancestors:
            return parent
    return second


def _year_elsewhere(soup: BeautifulSoup, base: str,
                    short: portaldates.Found) -> tuple[int | None, str]:
    text = mdtext.clean_text(soup.get_text(" "))
    for match in portaldates.FULL.finditer(text):
        if (int(match["d"]), int(match["m"])) == (short.day, short.month):
            return int(match["y"]), f"ngày {match.group(0)} trên trang"
    year = portaldates.YEAR.search(base.split("?")[0]) if base else None
    if year:
        return int(year.group(0)), f"địa chỉ trang ({base})"
    full = portaldates.FULL.search(text)
    if full:
        return int(full["y"]), f"ngày {full.group(0)} trên trang"
    mention = re.search(rf"(?:năm|©|copyright)\s*({portaldates._YEAR})", text,
                        re.IGNORECASE)
    if mention:
        return int(mention.group(1)), f"dòng '{mention.group(0)}' trên trang"
    return None, ""
