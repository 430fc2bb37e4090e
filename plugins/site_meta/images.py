"""The photos of a rendered article, read from its HTML.

The figures extension records photos as the editor wrote them; the URL a
reader's browser gets is only known once Pelican has resolved ``{attach}``
and the image pipeline has put in its derivatives. Open Graph and the home
page's photo strip want that final URL, so they read the ``<img>`` elements
of the article's HTML, whatever produced them.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        values = dict(attrs)
        if not values.get("src"):
            return
        self.images.append(
            {
                "src": values["src"],
                "alt": values.get("alt") or "",
                "srcset": values.get("srcset") or "",
                "width": values.get("width"),
                "height": values.get("height"),
            }
        )

    handle_startendtag = handle_starttag


def images_in(html: str) -> list[dict]:
    """Every ``<img>`` with a src, in document order."""
    collector = _ImageCollector()
    collector.feed(html or "")
    collector.close()
    return collector.images


def srcset_candidates(srcset: str) -> list[tuple[int, str]]:
    """(width, url) for each "url 960w" candidate of a srcset."""
    found = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            found.append((int(parts[1][:-1]), parts[0]))
    return found


def sized_image(image: dict, wanted: int) -> str:
    """The URL of the smallest srcset candidate of `image` at least
    `wanted` px wide, else its widest candidate, else its src."""
    candidates = sorted(srcset_candidates(image.get("srcset", "")))
    wide_enough = [url for width, url in candidates if width >= wanted]
    if wide_enough:
        return wide_enough[0]
    if candidates:
        return candidates[-1][1]
    return image["src"]


def share_image(image: dict, wanted: int = 1200) -> str:
    """The version of `image` fit for a link preview (about 1200 px wide)."""
    return sized_image(image, wanted)
