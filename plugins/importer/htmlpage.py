"""Read an article page saved from the old portal (File > Save page).

The page is everything a browser got: site header, menus, sidebars, the
article, related news, footer, scripts. ``pageprep`` first takes out what
the reader never saw and the lists of other articles; this module then
finds the element that holds the article body, has ``pagemeta`` read the
title and date around it, sanitises the body with nh3, hands it to
``htmlblocks`` for text and photos, and takes the lead, the byline and the
credit line ("Theo Báo …") out of it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from vn_text import match_key

from . import mdtext, pagemeta, pageprep, portaldates
from .byline import author_of, credit_of, is_cms_account
from .htmlblocks import AUTHOR_CLASS, LEAD_CLASS, Chunk, Walker
from .model import Draft, ImporterError, error
from .sanitize import DROPPED_WITH_CONTENT, sanitize

# Containers portals give the article body (Liferay: journal-content-article
# inside asset-content; Joomla: itemprop=articleBody, K2 itemFullText;
# WordPress: entry-content; Drupal: field-name-body).
BODY_HINT = re.compile(
    r"article[-_]?(?:content|body|detail)|news[-_]?(?:content|detail|body)|"
    r"(?:content|detail)[-_]?(?:detail|news|body|content)|entry[-_]?content|"
    r"post[-_]?content|noi[-_]?dung|noidung|chi[-_]?tiet|chitiet|articlebody|"
    r"journal-content-article|asset-content|item-?fulltext|field-?-?(?:name-)?body|"
    r"node__content",
    re.IGNORECASE)
# A body candidate inside another that holds this share of its text wins:
# the inner one leaves out the outer one's title, tools and lists.
INNER_SHARE = 0.7
NOT_ARTICLE = pageprep.NOT_ARTICLE
RELATED = pageprep.RELATED
CHROME = re.compile(
    r"^(?:lượt\s+xem|số\s+lượt|cỡ\s+chữ|in\s+bài|bản\s+in|gửi\s+(?:bài|email)|"
    r"chia\s+sẻ|quay\s+lại|về\s+đầu\s+trang|lên\s+đầu\s+trang|đánh\s+giá|"
    r"bình\s+luận|ý\s+kiến\s+bạn\s+đọc|tags?\s*:|từ\s+khóa\s*:|xem\s+chi\s+tiết|"
    r"xem\s+tiếp|print$|send\s+email$)", re.IGNORECASE)
SEE_MORE = re.compile(r"^xem\s+(?:chi\s+tiết|tiếp)", re.IGNORECASE)


def read_html_page(path: Path, caption_limit: int) -> Draft:
    draft = Draft(source=path)
    soup = pageprep.parse(path.read_bytes())
    if "\ufffd" in soup.get_text():
        draft.notice(None, "một số ký tự của trang không đọc được (bảng mã lạ) và "
                     "đã thành dấu '�'",
                     "hãy mở trang bằng trình duyệt, lưu lại với bảng mã UTF-8 rồi "
                     "nhập lại, hoặc sửa các chữ đó trong tệp đã nhập")
    base = pageprep.unwayback(pagemeta.page_url(soup))
    draft.address = pageprep.unwayback(pagemeta.saved_from(soup))
    removed = pageprep.prepare(soup)
    if removed:
        draft.notice(None, "đã bỏ phần không thuộc bài viết: " + ", ".join(removed))

    container = _container(soup)
    if container is None:
        raise ImporterError([error(
            path, None, "không tìm thấy nội dung bài viết trong trang",
            "hãy kiểm tra đây có phải trang một bài viết đã lưu từ cổng cũ")])
    title_tag, draft.title = pagemeta.title_of(soup, container)
    draft.title_guessed = (title_tag is None
                           and draft.title != pagemeta.meta(soup, "og:title"))
    draft.title_links = sum(len(" ".join(a.get_text(" ").split())) >= 25
                            for a in container.find_all("a"))
    pagemeta.read_date(soup, base, draft, container, title_tag)
    _report_dropped(container, draft)
    outside_lead = _outside(soup, container, LEAD_CLASS)
    outside_author = _outside(soup, container, AUTHOR_CLASS)

    fragment = BeautifulSoup(sanitize(str(container)), "html.parser")
    lines = {img.get("src") or "": img.sourceline for img in container.find_all("img")}
    walker = Walker(path, base, caption_limit, lines, _photo_folders(soup, path))
    walker.walk(fragment)
    if walker.thumbnails:
        draft.notice(None, "đã bỏ ảnh nhỏ của đoạn mở đầu (ảnh đại diện, không phải "
                     f"ảnh của bài): {', '.join(walker.thumbnails)}",
                     "nếu đó là ảnh của bài, hãy thêm lại vào tệp đã nhập")
    walker.drop_page_style()
    chunks = _cut_related(walker.chunks)
    chunks = _drop_page_chrome(chunks, draft.title)
    chunks = _take_credits(chunks, draft)
    walker.chunks = chunks
    walker.attach_captions(lambda text: author_of(text) is not None)
    chunks = _take_lead(walker.chunks, draft, outside_lead)
    if draft.author is None:
        named = (author_of(outside_author, loose=True) if outside_author
                 else None) or pagemeta.meta(soup, "author")
        if named and is_cms_account(named):
            draft.notice(None, f"tên tác giả '{named}' là tài khoản của phần mềm "
                         "cổng cũ, không phải tên người viết: không dùng")
        elif named:
            draft.author = named
    draft.blocks = [chunk.to_block() for chunk in _one_of_each_photo(chunks, draft)]
    if not any(chunk.photo is None for chunk in chunks) and not draft.photos:
        raise ImporterError([error(
            path, None, "trang không có đoạn văn bản hay ảnh nào của bài viết",
            "hãy kiểm tra đây có phải trang một bài viết đã lưu từ cổng cũ")])
    return draft


# --- the body ------------------------------------------------------------------

def _container(soup: BeautifulSoup) -> Tag | None:
    """The element that holds the article body: one whose class names it
    (the one with most prose; inside another, when it holds most of that
    one's prose), else where most paragraph text is."""
    body = soup.body or soup
    hinted = [tag for tag in body.find_all(True)
              if tag.get("itemprop") == "articleBody"
              or BODY_HINT.search(pageprep.hint_of(tag))]
    sized = [(prose_length(tag), tag) for tag in hinted]
    sized = [(size, tag) for size, tag in sized if size >= 80]
    if sized:
        size, best = max(sized, key=lambda item: item[0])
        for inner_size, tag in sorted(sized, key=lambda item: -item[0]):
            if best in tag.parents and inner_size >= INNER_SHARE * size:
                best, size = tag, inner_size
        return best
    # Otherwise: where most paragraph text is (a small readability score).
    scores: dict[int, tuple[float, Tag]] = {}
    for tag in body.find_all(["p", "div", "td"]):
        if tag.find_parent(NOT_ARTICLE - {"form"}):
            continue
        own = "".join(s for s in tag.find_all(string=True, recursive=False))
        own += "".join(c.get_text() for c in tag.find_all(
            ["span", "strong", "b", "em", "i", "font"], recursive=False))
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


def prose_length(tag: Tag) -> int:
    """Characters of text in ``tag`` that are not links (menus, lists of
    other articles and banners are mostly links)."""
    return sum(len(" ".join(s.split())) for s in tag.find_all(string=True)
               if not isinstance(s, Comment) and s.parent.name not in NOT_ARTICLE
               and not s.find_parent("a"))


def _outside(soup: BeautifulSoup, container: Tag, pattern: re.Pattern) -> str | None:
    """Text of the first element outside the body, in the same block as the
    body (three levels up at most), whose class names a lead or an author."""
    block = container
    for _ in range(3):
        block = block.parent if block.parent is not None else block
    for tag in block.find_all(True):
        hint = pageprep.hint_of(tag)
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
            # "Xem chi tiết tại đây" that links a document is the article's
            # (one that links the old site's home page is not).
            linked = SEE_MORE.match(text) and any(
                urlsplit(url).path.strip("/")
                for url in re.findall(r"\]\(([^)\s]+)\)", chunk.text_markdown))
            if len(text) <= 80 and CHROME.match(text) and not linked:
                continue
        kept.append(chunk)
    return kept


def _take_credits(chunks: list[Chunk], draft: Draft) -> list[Chunk]:
    """The byline ("Minh Anh", "Tin, ảnh: Hoàng Lan") and the credit line
    ("Theo Báo …", "Nguồn: …") at the end of the body become the author and
    the source; a CMS account ("admin admin") as byline is dropped."""
    for _ in range(2):
        texts = [i for i, c in enumerate(chunks) if c.photo is None and not c.markdown]
        if not texts or texts[-1] != len(chunks) - 1:
            break
        chunk = chunks[-1]
        if draft.credit is None and (credit := credit_of(chunk.plain)):
            draft.credit = credit
        elif draft.author is None and is_cms_account(chunk.plain):
            draft.notice(None, f"dòng tác giả '{chunk.plain}' là tài khoản của phần "
                         "mềm cổng cũ, không phải tên người viết: đã bỏ")
        elif draft.author is None and (name := _byline(chunks, chunk)):
            draft.author = name
        else:
            break
        chunks = chunks[:-1]
    return chunks


def _byline(chunks: list[Chunk], chunk: Chunk) -> str | None:
    previous = chunks[-2] if len(chunks) > 1 else None
    after_text = previous is not None and previous.photo is None
    loose = after_text or bool(AUTHOR_CLASS.search(chunk.classes))
    return author_of(chunk.plain, loose=loose or chunk.bold
                     or (after_text and len(chunk.plain) <= 40))


def _one_of_each_photo(chunks: list[Chunk], draft: Draft) -> list[Chunk]:
    """A photo shown twice (a lead photo repeating one of the body) is
    kept once, where it has its caption."""
    kept: list[Chunk] = []
    for chunk in chunks:
        photo = chunk.photo
        twin = next((c for c in kept if photo is not None and c.photo is not None
                     and photo.file is not None and c.photo.file == photo.file), None)
        if twin is None:
            kept.append(chunk)
            continue
        draft.notice(photo.line, f"ảnh '{photo.file.name}' xuất hiện hai lần "
                     "trong bài: chỉ giữ một")
        if photo.caption and not twin.photo.caption:
            kept[kept.index(twin)] = chunk
    return kept


def _photo_folders(soup: BeautifulSoup, path: Path) -> list[Path]:
    """Folders where the page's photos were saved: those of the images it
    names by a relative address that exist beside it (a mirror's "img/")."""
    folders: list[Path] = []
    for img in soup.find_all("img"):
        src = (img.get("src") or "").split("?")[0]
        if not src or re.match(r"^[a-z]+:|^//", src, re.IGNORECASE):
            continue
        folder = (path.parent / unquote(src).lstrip("/")).parent
        if folder.is_dir() and folder not in folders and folder != path.parent:
            folders.append(folder)
    return folders


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

