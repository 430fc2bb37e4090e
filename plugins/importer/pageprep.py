"""Make a saved portal page say only what its reader saw, before the article
is looked for.

Old portals' pages carry a lot that is not on the screen or not theirs:
SharePoint's hidden ribbon rows ("This page location is: … Sign In"), menus
folded with ``display:none``, the Wayback Machine's toolbar and its
``/web/2018…/http://…`` addresses, form controls, and the lists of other
articles ("Tin đã đưa", "Tin liên quan", "Tin khác") with their own titles
and dates. All of that is taken out here, once, so that the title, the date
and the body are never read from it. Stray ``</p>`` (Liferay's editor
leaves them) end a paragraph, as they do in a browser.
"""

from __future__ import annotations

import logging
import re
import warnings

from bs4 import BeautifulSoup, Comment, Tag, UnicodeDammit

from .portaldates import find_date
from .sanitize import is_hidden

# The Wayback Machine's rewritten addresses: /web/<timestamp>[flag_]/<url>.
WAYBACK_URL = re.compile(
    r"^(?:(?:https?:)?//web\.archive\.org)?/web/\d{4,14}(?:[a-z]{2}_)?/(?P<url>.+)$",
    re.IGNORECASE)
WAYBACK_IDS = ("wm-ipp-base", "wm-ipp", "wm-ipp-print", "donato", "wm-btns",
               "wm-capinfo")
# Elements of the site around any article.
NOT_ARTICLE = frozenset({"header", "footer", "nav", "aside", "script", "style",
                         "form"})
ARIA_HIDDEN_TEXT = 200
FORM_CONTROLS = ("input", "select", "option", "button", "textarea")
# Share buttons and social widgets inside the article's element.
SHARING = re.compile(r"sharedaddy|addthis|a2a_kit|share-?(?:bar|buttons|tools|box)|"
                     r"social-?(?:share|links|buttons)|fb-like|zalo-share",
                     re.IGNORECASE)
RELATED = re.compile(
    r"^(?:(?:các|những)\s+)?(?:tin|bài)(?:\s+(?:viết|tức))?\s+(?:liên\s+quan|khác|"
    r"cùng\s+(?:chuyên\s+mục|chủ\s+đề|loại|lĩnh\s+vực)|đã\s+đưa|mới(?:\s+hơn|\s+nhất)?|"
    r"cũ(?:\s+hơn)?|xem\s+nhiều|đọc\s+nhiều)|^(?:xem|đọc)\s+thêm|^other\s+news|"
    r"^related", re.IGNORECASE)
_TOKENS = re.compile(r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>|<p\b[^>]*>|"
                     r"</p\s*>", re.IGNORECASE | re.DOTALL)


def parse(raw: bytes) -> BeautifulSoup:
    """The page, decoded by its declared or guessed encoding. BeautifulSoup
    warns in English (by warnings and by logging) about odd bytes; the
    editor is told in Vietnamese instead when characters were lost."""
    dammit = logging.getLogger("bs4.dammit")
    was_disabled, dammit.disabled = dammit.disabled, True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = UnicodeDammit(raw, is_html=True).unicode_markup or ""
            return BeautifulSoup(close_stray_paragraphs(text), "html.parser")
    finally:
        dammit.disabled = was_disabled


def close_stray_paragraphs(text: str) -> str:
    """A ``</p>`` with no paragraph open becomes an empty paragraph, which is
    what browsers make of it: the text before it is a paragraph of its own."""
    out, position, is_open = [], 0, False
    for match in _TOKENS.finditer(text):
        token = match.group(0)
        if token.startswith("</"):
            if not is_open:
                out.append(text[position:match.start()] + "<p></p>")
                position = match.end()
            is_open = False
        elif token[:2].lower() == "<p":
            is_open = True
    out.append(text[position:])
    return "".join(out)


def unwayback(url: str) -> str:
    """The original address of a Wayback Machine address (else ``url``)."""
    match = WAYBACK_URL.match(url.strip())
    if not match:
        return url
    original = match["url"]
    # "http:/host" and "http/host" are how the archive writes some of them.
    return re.sub(r"^(https?)(?::/+|/+)", r"\1://", original, count=1)


def prepare(soup: BeautifulSoup) -> list[str]:
    """Take out of ``soup`` what the reader did not see or what belongs to
    other articles; return what was taken, for a notice."""
    removed = []
    if _drop_wayback(soup):
        removed.append("thanh công cụ của Wayback Machine")
    for tag in soup.find_all(True):
        for name in ("href", "src", "data-src", "data-original"):
            if tag.get(name):
                tag[name] = unwayback(tag[name])
    hidden = [tag for tag in soup.find_all(True) if _hidden(tag)]
    for tag in hidden:
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(FORM_CONTROLS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not tag.decomposed and SHARING.search(hint_of(tag)):
            tag.decompose()
    lists = related_lists(soup)
    for tag in lists:
        if not tag.decomposed:
            tag.decompose()
    if lists:
        removed.append(f"{len(lists)} danh sách tin khác")
    return removed


def hint_of(tag: Tag) -> str:
    """Class names and id of ``tag``, which portals name by what it holds."""
    return " ".join([*tag.get("class", []), tag.get("id") or ""])


def _hidden(tag: Tag) -> bool:
    if tag.name in ("html", "head", "body", "meta", "link", "title"):
        return False
    if is_hidden(tag) or tag.has_attr("hidden"):
        return True
    # Icons and decorations are aria-hidden; a page saved while a dialog was
    # open has its whole wrapper aria-hidden, and that one is still read.
    return ((tag.get("aria-hidden") or "").lower() == "true"
            and len(tag.get_text(" ", strip=True)) < ARIA_HIDDEN_TEXT)


def _drop_wayback(soup: BeautifulSoup) -> bool:
    found = False
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if "BEGIN WAYBACK TOOLBAR INSERT" in comment:
            node = comment.next_sibling
            while node is not None and not (isinstance(node, Comment)
                                            and "END WAYBACK TOOLBAR" in node):
                following = node.next_sibling
                node.extract()
                node = following
            found = True
    for name in WAYBACK_IDS:
        for tag in soup.find_all(id=name):
            tag.decompose()
            found = True
    return found


def related_lists(soup: BeautifulSoup) -> list[Tag]:
    """Lists of other articles: a short heading such as "Tin đã đưa" with
    what follows it in its section, and lists whose items are each a link
    and a date."""
    found: list[Tag] = []
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or not text.strip():
            continue
        words = " ".join(text.split()).strip("#: ")
        match = RELATED.match(words)
        # Only a heading: "Tin đã đưa", "Các tin khác:", not a title that
        # starts with the same words.
        if not match or len(words) - match.end() > 12:
            continue
        heading = _largest_holder(text)
        if heading is None or heading.name in ("html", "body", "[document]"):
            continue
        found.append(heading)
        found.extend(s for s in heading.find_next_siblings() if isinstance(s, Tag))
    for listing in soup.find_all(["ul", "ol"]):
        items = listing.find_all("li", recursive=False)
        if len(items) >= 2 and all(_is_dated_link(item) for item in items):
            found.append(listing)
    return found


def _largest_holder(text) -> Tag | None:
    """The largest element whose whole text is ``text``."""
    words = " ".join(text.split())
    holder = None
    node = text.parent
    while isinstance(node, Tag) and " ".join(node.get_text(" ").split()) == words:
        holder = node
        node = node.parent
    return holder


def _is_dated_link(item: Tag) -> bool:
    link = item.find("a")
    if link is None:
        return False
    rest = " ".join(item.get_text(" ").split()).replace(
        " ".join(link.get_text(" ").split()), "", 1)
    return len(rest) <= 30 and find_date(rest) is not None
