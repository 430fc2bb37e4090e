"""Rewrite the photos of an article's HTML into responsive pictures.

The reader's HTML is cached by Pelican with the Markdown file's hash, so it
keeps the photos as the editor wrote them (`<img src="anh-01.jpg">`); this
module turns them into `<picture>` elements on every build, from the
current derivative sets, so a replaced photo gets new derivatives even when
its Markdown file did not change.

The HTML is read with a parser (html.parser), once per article and build:
tags are found where a browser finds them, never inside another tag's
attribute (a regular expression took `<img>` in a `title="…"` for a photo
and spliced the placeholder into the attribute, whose quotes then made live
attributes). Only what is replaced is touched: figures, captions and
galleries keep their markup and classes (the figures extension's contract),
with three additions:

* each figure gets an id (`anh-3`), so the photo library links to the photo
  inside its article;
* each gallery gets a layout class: `vn-gallery--grid` when every caption
  is short, `vn-gallery--stack` otherwise (see gallery.css);
* a photo that cannot be published becomes a visible placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .errors import Failure
from .rendition import Rendition

FIGURE_CLASS = "vn-figure"
FIGURE_IMG_CLASS = "vn-figure__img"
GALLERY_CLASS = "vn-gallery"


@dataclass
class Image:
    start: int
    end: int
    attrs: dict[str, str]
    gallery: int | None  # index in Document.galleries of the div it is in


@dataclass
class Gallery:
    start: int
    end: int
    captions: list[int] = field(default_factory=list)  # their lengths


class Document(HTMLParser):
    """What the rewrite needs of an article's HTML, read once: its images,
    its figures without an id, its galleries (start tags with their offsets)
    and the caption lengths of each gallery."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html or ""
        self.images: list[Image] = []
        self.figures: list[tuple[int, int]] = []
        self.galleries: list[Gallery] = []
        self._divs: list[int | None] = []  # open divs: gallery index or None
        self._caption: list[str] | None = None
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.html))]
        # Most of an archive's text is paragraphs: parsed only when there is
        # something to rewrite (html.parser costs ~5 ms for a long article).
        if _REWRITABLE.search(self.html):
            self.feed(self.html)
            self.close()

    def _span(self) -> tuple[int, int]:
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        return start, start + len(self.get_starttag_text())

    def handle_starttag(self, tag, attrs):
        if tag not in ("div", "figure", "img", "figcaption"):
            return
        found: dict[str, str] = {}
        for name, value in attrs:
            found.setdefault(name, value or "")
        classes = found.get("class", "").split()
        if tag == "img":
            gallery = self._divs[-1] if self._divs else None
            self.images.append(Image(*self._span(), found, gallery))
        elif tag == "figure" and FIGURE_CLASS in classes and "id" not in found:
            self.figures.append(self._span())
        elif tag == "div":
            if classes == [GALLERY_CLASS]:
                self.galleries.append(Gallery(*self._span()))
                self._divs.append(len(self.galleries) - 1)
            else:
                self._divs.append(None)
        elif tag == "figcaption":
            self._caption = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "div" and self._divs:
            self._divs.pop()

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "figcaption" and self._caption is not None:
            length = len(" ".join(" ".join(self._caption).split()))
            self._caption = None
            gallery = next((g for g in reversed(self._divs) if g is not None), None)
            if gallery is not None:
                self.galleries[gallery].captions.append(length)

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)

    def image_sources(self) -> list[str]:
        """The src of every <img>, in document order."""
        return [image.attrs.get("src", "") for image in self.images]


_NEWLINE = re.compile("\n")
_REWRITABLE = re.compile(rf"<img\b|{FIGURE_CLASS}|{GALLERY_CLASS}", re.IGNORECASE)


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

    def layout(self, gallery: Gallery) -> str:
        short = all(n <= self.grid_caption_length for n in gallery.captions)
        return "vn-gallery--grid" if short else "vn-gallery--stack"

    def rewrite(self, document: Document | str,
                lookup: Callable[[str], Rendition | Failure | None]) -> str:
        """The document's HTML with every local photo replaced; `lookup(src)`
        gives the rendition, a failure, or None for an image to leave alone."""
        if isinstance(document, str):
            document = Document(document)
        html = document.html
        edits = []  # (start, end, new text)
        for number, (start, end) in enumerate(document.figures, 1):
            rest = html[start + len("<figure"):end]
            edits.append((start, end, f'<figure id="anh-{number}"{rest}'))
        layouts = [self.layout(g) for g in document.galleries]
        for gallery, layout in zip(document.galleries, layouts, strict=True):
            tag = html[gallery.start:gallery.end].replace(
                f'class="{GALLERY_CLASS}"', f'class="{GALLERY_CLASS} {layout}"', 1)
            edits.append((gallery.start, gallery.end, tag))
        first = True
        for image in document.images:
            grid = image.gallery is not None and layouts[image.gallery].endswith("grid")
            new = self._image(image.attrs, lookup, first, grid)
            if new is not None:
                first = first and new[1]
                edits.append((image.start, image.end, new[0]))
        out, done = [], 0
        for start, end, text in sorted(edits):
            out += [html[done:start], text]
            done = end
        out.append(html[done:])
        return "".join(out)

    def _image(self, attrs, lookup, eager: bool, grid: bool):
        """(markup, still no eager photo) for one image, or None to leave it."""
        src = attrs.get("src", "")
        found = lookup(src)
        if found is None:
            return None
        css = attrs.get("class", "")
        if isinstance(found, Failure):
            return str(self.render.missing(src, css or FIGURE_IMG_CLASS)), eager
        layout = "grid" if grid else "figure"
        alt = attrs.get("alt", "")
        if FIGURE_IMG_CLASS in css.split():
            return str(self.render.photo(found, alt, layout, eager, css)), False
        return str(self.render.picture(found, alt, layout, eager,
                                       css or "vn-picture__img")), False
