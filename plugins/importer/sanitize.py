"""Make a saved portal page safe before anything is converted.

Pages saved from the old portal carry scripts, styles, iframes (videos,
maps, share widgets), event handlers and tracking pixels. The article body
goes through nh3 (ammonia) with an allow-list first, so whatever the
converter later misses cannot bring active content into the new site; the
few attributes kept (classes, alignment, image sizes) only help to find
captions, leads and bylines and never reach the Markdown. The Markdown
written is then held to the site's rules (portal.safehtml, through the
checks of `invoke check`), like any article.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3
from portal import safehtml

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside",
    "center", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
})
INLINE_TAGS = frozenset({
    "a", "img", "br", "span", "font", "strong", "b", "em", "i", "u", "s",
    "strike", "del", "ins", "sup", "sub", "small", "big", "code", "mark",
    "abbr", "cite", "q", "time",
})
# Removed with everything inside them, not just unwrapped: what the site's
# own sanitiser (portal.safehtml) drops, and page furniture.
DROPPED_WITH_CONTENT = safehtml.DROPPED_WITH_CONTENT | {
    "canvas", "button", "audio", "video", "nav",
}
ATTRIBUTES = MappingProxyType({
    "*": frozenset({"class", "style", "align"}),
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height", "data-src",
                      "data-original", "data-lazy-src"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "time": frozenset({"datetime"}),
})
STYLE_PROPERTIES = frozenset({"text-align", "font-style", "font-weight",
                              "display", "visibility"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})
# Hosts and paths of counters, ad servers and social widgets.
TRACKERS = re.compile(
    r"google-analytics|googletagmanager|doubleclick|facebook\.com/tr|"
    r"statcounter|histats|hit\.gif|counter|pixel|beacon|/track|analytics",
    re.IGNORECASE)
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|_ga|zarsrc)$",
                             re.IGNORECASE)


def sanitize(fragment: str) -> str:
    """The fragment with only harmless tags and attributes left."""
    return nh3.clean(
        fragment,
        tags=BLOCK_TAGS | INLINE_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=dict(ATTRIBUTES),
        filter_style_properties=STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


def is_hidden(tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_tracking_image(tag) -> bool:
    """A counter or pixel rather than a photo."""
    src = tag.get("src") or ""
    if not src.startswith("data:") and TRACKERS.search(src):
        return True
    sizes = [tag.get("width") or "", tag.get("height") or ""]
    return any(s.strip().rstrip("px").isdigit() and int(s.strip().rstrip("px")) <= 2
               for s in sizes)


def clean_url(href: str, base: str = "") -> str | None:
    """A link worth keeping, without tracking parameters; None for links
    that point nowhere useful (scripts, inline data, the old site's
    relative pages when the page's own address is unknown)."""
    href = href.strip()
    parts = urlsplit(href)
    # The scheme as a browser reads it ("java\tscript:" is javascript:).
    scheme = safehtml.url_scheme(href)
    if scheme in ("mailto", "tel"):
        return href
    if scheme not in ("http", "https"):
        if scheme or not base or href.startswith("#"):
            return None
        from urllib.parse import urljoin

        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https"):
            return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAMS.match(k)]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=parts.fragment))
