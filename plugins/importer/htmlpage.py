"""Read an article page saved from the old portal (File > Save page).

The page is everything a browser got: site header, menus, sidebars, the
article, related news, footer, scripts. This module finds the article's
metadata (title, publication date and time, lead, author) in the whole
page, finds the element that holds the article body, sanitises that element
with nh3, and hands it to ``htmlblocks`` for text and photos.
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag
from vn_text import match_key

from . import mdtext, portaldates
from .byline import author_of
from .htmlblocks import AUTHOR_CLASS, LEAD_CLASS, Chunk, Walker
from .model import Draft, ImporterError, error
from .sanitize import DROPPED_WITH_CONTENT, sanitize

# Containers portals give the article body.
BODY_HINT = re.compile(
    r"article[-_]?(?:content|body|detail)|news[-_]?(?:content|detail|body)|"
    r"(?:content|detail)[-_]?(?:detail|news|body|content)|entry[-_]?content|"
    r"post[-_]?content|noi[-_]?dung|noidung|chi[-_]?tiet|chitiet|articlebody",
    re.IGNORECASE)
DATE_HINT = re.compile(r"date|time|ngay|publish|posted|created|meta|info",
                       re.IGNORECASE)
TITLE_HINT = re.compile(r"title|tieu-?de|headline", re.IGNORECASE)
NOT_ARTICLE = frozenset({"header", "footer", "nav", "aside", "script", "style",
                         "form"})
RELATED = re.compile(
    r"^(?:các\s+)?(?:tin|bài)(?:\s+viết)?\s+(?:liên\s+quan|khác|cùng\s+chuyên\s+mục|"
    r"đã\s+đưa|mới)|^xem\s+thêm|^tin\s+tức\s+khác", re.IGNORECASE)
CHROME = re.compile(
    r"^(?:lượt\s+xem|số\s+lượt|cỡ\s+chữ|in\s+bài|bản\s+in|gửi\s+(?:bài|email)|"
    r"chia\s+sẻ|quay\s+lại|về\s+đầu\s+trang|lên\s+đầu\s+trang|đánh\s+giá|"
    r"bình\s+luận|ý\s+kiến\s+bạn\s+đọc|tags?\s*:|từ\s+khóa\s*:)", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^\(?\s*nguồn\s*:", re.IGNORECASE)


def read_html_page(path: Path, caption_limit: int) -> Draft:
    draft = Draft(source=path)
    soup = _parse(path.read_bytes())
    if "\ufffd" in soup.get_text():
        draft.warn(None, "một số ký tự của trang không đọc được (bảng mã lạ) và "
                   "đã thành dấu '�'",
                   "hãy mở trang bằng trình duyệt, lưu lại với bảng mã UTF-8 rồi "
                   "nhập lại, hoặc sửa các chữ đó trong tệp đã nhập")
    base = _page_url(soup)
    draft.title = _title(soup)
    _read_date(soup, base, draft)

    container = _container(soup)
    if container is None:
        raise ImporterError([error(
            path, None, "không tìm thấy nội dung bài viết trong trang",
            "hãy kiểm tra đây có phải trang một bài viết đã lưu từ cổng cũ")])
    _report_dropped(container, draft)
    outside_lead = _outside(soup, container, LEAD_CLASS)
    outside_author = _outside(soup, container, AUTHOR_CLASS)

    fragment = BeautifulSoup(sanitize(str(container)), "html.parser")
    lines = {img.get("src") or "": img.sourceline for img in container.find_all("img")}
    walker = Walker(path, base, caption_limit, lines)
    walker.walk(fragment)
    chunks = _cut_related(walker.chunks)
    chunks = _drop_page_chrome(chunks, draft.title)
    chunks = _take_author(chunks, draft)
    walker.chunks = chunks
    walker.attach_captions(lambda text: author_of(text) is not None)
    chunks = _take_lead(walker.chunks, draft, outside_lead)
    if draft.author is None:
        draft.author = (author_of(outside_author, loose=True) if outside_author
                        else None) or _meta(soup, "author")
    draft.blocks = [chunk.to_block() for chunk in chunks]
    if not any(chunk.photo is None for chunk in chunks) and not draft.photos:
        raise ImporterError([error(
            path, None, "trang không có đoạn văn bản hay ảnh nào của bài viết",
            "hãy kiểm tra đây có phải trang một bài viết đã lưu từ cổng cũ")])
    return draft


def _parse(raw: bytes) -> BeautifulSoup:
    """The page, decoded by its declared or guessed encoding. BeautifulSoup
    warns in English (by warnings and by logging) about odd bytes; the
    editor is told in Vietnamese instead when characters were lost."""
    dammit = logging.getLogger("bs4.dammit")
    was_disabled, dammit.disabled = dammit.disabled, True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return BeautifulSoup(raw, "html.parser")
    finally:
        dammit.disabled = was_disabled


# --- metadata ------------------------------------------------------------------

def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = (soup.find("meta", attrs={"property": name})
               or soup.find("meta", attrs={"name": name})
               or soup.find("meta", attrs={"itemprop": name}))
        if tag and (tag.get("content") or "").strip():
            return mdtext.clean_text(tag["content"]).strip()
    return None


def _page_url(soup: BeautifulSoup) -> str:
    """Where the page lived, to resolve its relative links (or "")."""
    link = soup.find("link", rel="canonical")
    if link and link.get("href", "").startswith("http"):
        return link["href"]
    url = _meta(soup, "og:url")
    if url and url.startswith("http"):
        return url
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        saved = re.search(r"saved from url=\(\d+\)(\S+)", comment)
        if saved and saved.group(1).startswith("http"):
            return saved.group(1)
    base = soup.find("base", href=True)
    return base["href"] if base and base["href"].startswith("http") else ""


def _title(soup: BeautifulSoup) -> str | None:
    """The article's own title: a heading that og:title or <title> agrees
    with; else og:title; else a heading the page marks as the title (class
    "title", "tieude"…); else the first <h1>; else <title> without the site
    name. Old portals' <title> is often just the site or the category."""
    og_title = _meta(soup, "og:title")
    page_title = mdtext.clean_text(soup.title.get_text()).strip() if soup.title else ""
    declared = [t for t in (og_title, page_title) if t]
    headings = [h for h in soup.find_all(["h1", "h2", "h3"])
                if not h.find_parent(NOT_ARTICLE - {"form"})]
    texts = [mdtext.clean_text(h.get_text(" ")).strip() for h in headings]
    for text in texts:
        if len(text) > 10 and any(match_key(text) in match_key(d) for d in declared):
            return text
    if og_title:
        return og_title
    for tag in soup.find_all(True):
        hint = " ".join([*tag.get("class", []), tag.get("id") or ""])
        if not hint or not TITLE_HINT.search(hint) or tag.find_parent(NOT_ARTICLE):
            continue
        text = mdtext.clean_text(tag.get_text(" ")).strip()
        if 10 < len(text) <= 300 and not portaldates.is_date_line(text):
            return text
    for heading, text in zip(headings, texts, strict=True):
        if heading.name == "h1" and len(text) > 10:
            return text
    if page_title:
        parts = re.split(r"\s+(?:[|–—-]|::)\s+", page_title)
        return max(parts, key=len)
    return None


def _read_date(soup: BeautifulSoup, base: str, draft: Draft) -> None:
    found = _find_published(soup)
    if found is None:
        return
    if found.year is None:
        year, where = _year_elsewhere(soup, base, found)
        if year is None:
            draft.warn(None, f"ngày đăng '{found.day}.{found.month}' không ghi năm "
                       "và trang không cho biết năm nào",
                       "hãy ghi ngày đầy đủ bằng --date")
            return
        draft.notice(None, f"ngày đăng chỉ ghi '{found.day}.{found.month}': "
                     f"lấy năm {year} từ {where}",
                     "hãy kiểm tra lại ngày trong tệp đã nhập")
        draft.date = found.resolve(year)
    else:
        draft.date = found.resolve()
    draft.has_time = found.has_time


def _find_published(soup: BeautifulSoup) -> portaldates.Found | None:
    meta = _meta(soup, "article:published_time", "datePublished", "pubdate",
                 "DC.date.issued", "date")
    if meta and (found := portaldates.find_date(meta)):
        return found
    texts = [mdtext.clean_text(s) for s in soup.find_all(string=True)
             if not isinstance(s, Comment) and s.parent.name not in NOT_ARTICLE
             and s.strip()]
    # A labelled date ("Ngày đăng 03/05/2019 | 10:23"): the label and the
    # date may sit in neighbouring elements.
    for index, text in enumerate(texts):
        if portaldates.PUBLISHED_LABEL.search(text):
            window = " ".join(texts[index: index + 3])
            found = portaldates.find_date(window, allow_short=True)
            if found:
                return found
    for tag in soup.find_all(True):
        hint = " ".join([*tag.get("class", []), tag.get("id") or ""])
        if tag.name == "time" or (hint and DATE_HINT.search(hint)):
            if tag.name == "time" and tag.get("datetime"):
                found = portaldates.find_date(tag["datetime"])
                if found:
                    return found
            text = mdtext.clean_text(tag.get_text(" "))
            if len(text) <= 80:
                found = portaldates.find_date(text, allow_short=True)
                if found:
                    return found
    # A text that is nothing but a date, wherever it is.
    for text in texts:
        if portaldates.is_date_line(text):
            return portaldates.find_date(text, allow_short=True)
    return None


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


# --- the body ------------------------------------------------------------------

def _container(soup: BeautifulSoup) -> Tag | None:
    """The element that holds the article body."""
    body = soup.body or soup
    hinted = body.find(attrs={"itemprop": "articleBody"})
    if hinted is None:
        for tag in body.find_all(True):
            hint = " ".join([*tag.get("class", []), tag.get("id") or ""])
            if hint and BODY_HINT.search(hint) and len(tag.get_text(strip=True)) >= 200:
                hinted = tag
                break
    if hinted is not None:
        return hinted
    # Otherwise: where most paragraph text is (a small readability score).
    scores: dict[int, tuple[float, Tag]] = {}
    for tag in body.find_all(["p", "div", "td"]):
        if tag.find_parent(NOT_ARTICLE):
            continue
        own = "".join(s for s in tag.find_all(string=True, recursive=False))
        own += "".join(c.get_text() for c in tag.find_all(
            ["span", "strong", "b", "em", "i", "a", "font"], recursive=False))
        length = len(" ".join(own.split()))
        if length < 40:
            continue
        for weight, parent in ((1.0, tag.parent), (0.5, tag.parent.parent
                                                   if tag.parent else None)):
            if parent is None:
                continue
            old = scores.get(id(parent), (0.0, parent))[0]
            scores[id(parent)] = (old + weight * length, parent)
    if not scores:
        return None
    return max(scores.values(), key=lambda item: item[0])[1]


def _outside(soup: BeautifulSoup, container: Tag, pattern: re.Pattern) -> str | None:
    """Text of the first element outside the body whose class names a lead
    or an author."""
    for tag in soup.find_all(True):
        hint = " ".join([*tag.get("class", []), tag.get("id") or ""])
        if not hint or not pattern.search(hint) or tag.name in ("meta", "link"):
            continue
        if tag is container or container in tag.parents or tag in container.parents:
            continue
        if any(parent is container for parent in tag.parents):
            continue
        text = mdtext.clean_text(tag.get_text(" ")).strip()
        if text:
            return text
    return None


def _report_dropped(container: Tag, draft: Draft) -> None:
    """Tell the editor about embedded content that does not come along."""
    frames = container.find_all(["iframe", "embed", "object", "video", "audio"])
    if frames:
        sources = sorted({f.get("src") or f.get("data") or "" for f in frames} - {""})
        draft.notice(None, f"đã bỏ {len(frames)} khung nhúng (video, bản đồ…)"
                     + (f": {', '.join(sources)}" if sources else ""),
                     "nếu cần, hãy thêm lại đường liên kết vào bài")
    scripts = container.find_all(sorted(DROPPED_WITH_CONTENT - {"iframe", "embed",
                                                                "object", "video",
                                                                "audio"}))
    if scripts:
        draft.notice(None, f"đã bỏ {len(scripts)} đoạn mã, kiểu trình bày "
                     "hoặc biểu mẫu của trang cũ")


def _cut_related(chunks: list[Chunk]) -> list[Chunk]:
    for index, chunk in enumerate(chunks):
        if index and chunk.photo is None and len(chunk.plain) <= 60 \
                and RELATED.match(chunk.plain.strip("#: ")):
            return chunks[:index]
    return chunks


def _drop_page_chrome(chunks: list[Chunk], title: str | None) -> list[Chunk]:
    """Drop the title, date line and page tools repeated inside the body."""
    title_key = match_key(title) if title else None
    kept = []
    for index, chunk in enumerate(chunks):
        if chunk.photo is None and not chunk.markdown:
            text = chunk.plain
            plain_text = text.lstrip("# ")
            if title_key and index < 5 and match_key(plain_text) == title_key:
                title_key = None
                continue
            near_edge = index < 5 or index >= len(chunks) - 3
            if near_edge and portaldates.is_date_line(text):
                continue
            if len(text) <= 80 and CHROME.match(text):
                continue
        kept.append(chunk)
    return kept


def _take_author(chunks: list[Chunk], draft: Draft) -> list[Chunk]:
    """The byline at the end of the body becomes the author."""
    texts = [i for i, c in enumerate(chunks) if c.photo is None and not c.markdown]
    for position in reversed(texts[-2:]):
        chunk = chunks[position]
        if SOURCE_LINE.match(chunk.plain):
            continue
        if position != len(chunks) - 1 and not SOURCE_LINE.match(chunks[-1].plain):
            break
        previous = chunks[position - 1] if position else None
        after_text = previous is not None and previous.photo is None
        loose = after_text or bool(AUTHOR_CLASS.search(chunk.classes))
        name = author_of(chunk.plain, loose=loose or chunk.bold or
                         (after_text and len(chunk.plain) <= 40))
        if name:
            draft.author = name
            return chunks[:position] + chunks[position + 1:]
        break
    return chunks


def _take_lead(chunks: list[Chunk], draft: Draft, outside: str | None) -> list[Chunk]:
    texts = [i for i, c in enumerate(chunks) if c.photo is None and not c.markdown]
    if not texts:
        draft.lead = outside
        return chunks
    first = texts[0]
    chunk = chunks[first]
    is_lead = (bool(LEAD_CLASS.search(chunk.classes))
               or (chunk.bold and len(chunk.plain) >= 60 and first == 0)
               or (outside is not None
                   and match_key(outside) == match_key(chunk.plain)))
    if is_lead:
        draft.lead = chunk.plain
        return chunks[:first] + chunks[first + 1:]
    draft.lead = outside
    return chunks

