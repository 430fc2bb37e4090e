"""Rewrite the photos of an article's HTML into responsive pictures.

The reader's HTML is cached by Pelican with the Markdown file's hash, so it
keeps the photos as the editor wrote them (`<img src="anh-01.jpg">`); this
module turns them into `<picture>` elements on every build, from the
current derivative sets, so a replaced photo gets new derivatives even when
its Markdown file did not change.

The HTML comes from Python-Markdown (quoted attributes, `<` and `>` escaped
inside them), so a tag is found with a regular expression instead of a full
parse: a whole archive is rewritten in a fraction of a second. Only what is
replaced is touched: figures, captions and galleries keep their markup and
classes (the figures extension's contract), with three additions:

* each figure gets an id (`anh-3`), so the photo library links to the photo
  inside its article;
* each gallery gets a layout class: `vn-gallery--grid` when every caption
  is short, `vn-gallery--stack` otherwise (see gallery.css);
* a photo that cannot be published becomes a visible placeholder.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import Failure
from .rendition import Rendition

_TAG = re.compile(r"<(?P<close>/?)(?P<name>div|figure|img)\b(?P<attrs>[^>]*)>", re.I)
_ATTR = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?""")
_GALLERY = re.compile(
    r'<div(?P<attrs>[^>]*\bclass="vn-gallery"[^>]*)>(?P<body>.*?)</div>', re.S)
_CAPTION = re.compile(r"<figcaption\b[^>]*>(?P<text>.*?)</figcaption>", re.S)
_TAGS = re.compile(r"<[^>]+>")

FIGURE_CLASS = "vn-figure"
FIGURE_IMG_CLASS = "vn-figure__img"


def attributes(text: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(text):
        value = match["dq"] if match["dq"] is not None else (
            match["sq"] if match["sq"] is not None else (match["bare"] or ""))
        found.setdefault(match["name"].lower(), html.unescape(value))
    return found


def image_sources(content: str) -> list[str]:
    """The src of every <img> of the HTML, in document order."""
    return [attributes(m["attrs"]).get("src", "")
            for m in _TAG.finditer(content or "")
            if m["name"].lower() == "img" and not m["close"]]


def caption_length(text: str) -> int:
    return len(" ".join(html.unescape(_TAGS.sub(" ", text)).split()))


@dataclass
class Renderers:
    """The theme's macros (components/*.html) that make the markup."""

    picture: Callable[..., str]   # picture(image, alt, layout, eager, class)
    photo: Callable[..., str]     # photo(image, alt, layout, eager, class)
    missing: Callable[..., str]   # photo_missing(name, class)


class Rewriter:
    def __init__(self, renderers: Renderers, grid_caption_length: int):
        self.render = renderers
        self.grid_caption_length = grid_caption_length

    def rewrite(self, content: str,
                lookup: Callable[[str], Rendition | Failure | None]) -> str:
        """`content` with every local photo replaced; `lookup(src)` gives the
        rendition, a failure, or None for an image to leave alone."""
        content = _GALLERY.sub(self._gallery_layout, content)
        state = {"first": True, "figures": 0, "grids": []}

        def replace(match: re.Match) -> str:
            name = match["name"].lower()
            if name == "div":
                if match["close"]:
                    if state["grids"]:
                        state["grids"].pop()
                else:
                    classes = attributes(match["attrs"]).get("class", "").split()
                    state["grids"].append("vn-gallery--grid" in classes)
                return match[0]
            if match["close"]:
                return match[0]
            attrs = attributes(match["attrs"])
            if name == "figure":
                if FIGURE_CLASS not in attrs.get("class", "").split() or "id" in attrs:
                    return match[0]
                state["figures"] += 1
                return f'<figure id="anh-{state["figures"]}"{match["attrs"]}>'
            return self._image(attrs, lookup, state) or match[0]

        return _TAG.sub(replace, content)

    def _image(self, attrs, lookup, state) -> str | None:
        src = attrs.get("src", "")
        found = lookup(src)
        if found is None:
            return None
        css = attrs.get("class", "")
        in_figure = FIGURE_IMG_CLASS in css.split()
        if isinstance(found, Failure):
            return str(self.render.missing(src, css or FIGURE_IMG_CLASS))
        layout = "grid" if state["grids"] and state["grids"][-1] else "figure"
        eager, state["first"] = state["first"], False
        alt = attrs.get("alt", "")
        if in_figure:
            return str(self.render.photo(found, alt, layout, eager, css))
        return str(self.render.picture(found, alt, layout, eager,
                                       css or "vn-picture__img"))

    def _gallery_layout(self, match: re.Match) -> str:
        captions = [caption_length(c["text"]) for c in _CAPTION.finditer(match["body"])]
        short = all(n <= self.grid_caption_length for n in captions)
        layout = "vn-gallery--grid" if short else "vn-gallery--stack"
        attrs = match["attrs"].replace('class="vn-gallery"',
                                       f'class="vn-gallery {layout}"', 1)
        return f"<div{attrs}>{match['body']}</div>"
