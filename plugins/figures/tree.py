"""Rewrite photo paragraphs of the Markdown element tree into figures.

Editors (and the legacy exports the importer turns into Markdown) put a photo
on its own line and its caption on the lines right after it, with single line
breaks, so Markdown sees one ``<p>``.  This tree processor works on the parsed
elements, never on HTML text, so inline markup inside captions survives and
the output stays valid HTML5 (no ``<figure>`` inside ``<p>``).

Rules, in the order they apply to each paragraph:

* An ``<img>`` that starts a source line (nothing but whitespace before it on
  that line) opens a figure.  Its caption is everything after it up to the
  next such image or the end of the paragraph; each source line break in the
  caption becomes a ``<br>``.
* Text lines before the first such image stay a ``<p>`` of their own; a
  paragraph with no such image (an image after text on the same line) is left
  as it is.
* Consecutive figures (only whitespace between them) are wrapped in one
  ``<div class="vn-gallery" data-count="N">``.
* Relative image sources get a prefix (``{attach}`` by default) everywhere in
  the document, so Pelican copies the photo beside the article.
"""

import html
import re
import xml.etree.ElementTree as etree

from markdown import util
from markdown.treeprocessors import Treeprocessor

from figures.sources import rewrite_src

FIGURE_CLASS = "vn-figure"
IMG_CLASS = "vn-figure__img"
CAPTION_CLASS = "vn-figure__caption"
GALLERY_CLASS = "vn-gallery"

# A stashed raw-HTML fragment that is a character reference (``&nbsp;``, or a
# "smarty" quote) contributes its character to the plain-text alt; any other
# fragment is markup and contributes nothing.
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

# Line breaks inside code are content, not layout.
_KEEP_NEWLINES = frozenset({"code", "pre"})


class FiguresTreeprocessor(Treeprocessor):
    """Build figures and galleries from paragraphs that start with a photo."""

    def __init__(self, md, relative_prefix: str = "{attach}"):
        super().__init__(md)
        self.relative_prefix = relative_prefix

    def run(self, root: etree.Element) -> None:
        for img in root.iter("img"):
            src = img.get("src")
            if src is not None:
                img.set("src", rewrite_src(src, self.relative_prefix))

        # Collect first: the tree is changed while the paragraphs are replaced.
        paragraphs = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag == "p"
        ]
        for parent, paragraph in paragraphs:
            replacement = self._split_paragraph(paragraph)
            if replacement is not None:
                index = list(parent).index(paragraph)
                parent[index : index + 1] = replacement

        for parent in list(root.iter()):
            _group_galleries(parent)

    def _split_paragraph(self, paragraph: etree.Element) -> list[etree.Element] | None:
        """Return the elements replacing ``paragraph``, or None to keep it."""
        children = list(paragraph)
        starts = [
            i
            for i, child in enumerate(children)
            if child.tag == "img" and _starts_line(paragraph, i)
        ]
        if not starts:
            return None

        result = []
        lead = etree.Element("p", dict(paragraph.attrib))
        lead.text = paragraph.text
        lead.extend(children[: starts[0]])
        _rstrip_content(lead)
        if _has_content(lead):
            result.append(lead)

        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(children)
            result.append(self._make_figure(children[start], children[start + 1 : end]))

        result[-1].tail = paragraph.tail
        return result

    def _make_figure(
        self, img: etree.Element, rest: list[etree.Element]
    ) -> etree.Element:
        caption = etree.Element("figcaption", {"class": CAPTION_CLASS})
        caption.text = (img.tail or "").lstrip() or None
        img.tail = None
        caption.extend(rest)
        _rstrip_content(caption)

        _add_class(img, IMG_CLASS)
        figure = etree.Element("figure", {"class": FIGURE_CLASS})
        figure.append(img)
        if _has_content(caption):
            if not (img.get("alt") or "").strip():
                # Read the text before the line breaks become <br> elements,
                # which would glue the lines together.
                img.set("alt", self._plain_text(caption))
            _break_lines(caption)
            figure.append(caption)
        return figure

    def _plain_text(self, element: etree.Element) -> str:
        """Caption text on one line, with raw-HTML placeholders resolved."""
        text = "".join(_iter_text(element))
        text = util.HTML_PLACEHOLDER_RE.sub(self._stashed_text, text)
        return " ".join(text.split())

    def _stashed_text(self, match: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        raw = blocks[index] if index < len(blocks) else ""
        if isinstance(raw, str) and _ENTITY_RE.fullmatch(raw):
            return html.unescape(raw)
        return ""


def _iter_text(element: etree.Element):
    """Like ``itertext``, but a ``<br>`` (a hard line break) reads as a space."""
    if element.tag == "br":
        yield " "
    elif element.text:
        yield element.text
    for child in element:
        yield from _iter_text(child)
        if child.tail:
            yield child.tail


def _starts_line(paragraph: etree.Element, index: int) -> bool:
    """True when child ``index`` has only whitespace before it on its line."""
    before = (paragraph.text if index == 0 else paragraph[index - 1].tail) or ""
    if before.rstrip(" \t").endswith("\n"):
        return True
    if before.strip():
        return False
    # Nothing before it in this text run: it starts a line when it opens the
    # paragraph or follows a hard line break (whose newline Markdown consumed).
    return index == 0 or paragraph[index - 1].tag == "br"


def _has_content(element: etree.Element) -> bool:
    return len(element) > 0 or bool((element.text or "").strip())


def _rstrip_content(element: etree.Element) -> None:
    """Drop trailing whitespace, i.e. the line break before the next photo."""
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() or None
    else:
        element.text = (element.text or "").rstrip() or None


def _add_class(element: etree.Element, name: str) -> None:
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


def _split_lines(text: str | None) -> list[str]:
    """Split on source line breaks, trimming the indentation around each."""
    parts = (text or "").split("\n")
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if i > 0:
            part = part.lstrip(" \t")
        if i < last:
            part = part.rstrip(" \t")
        parts[i] = part
    return parts


def _line_breaks(lines: list[str]) -> list[etree.Element]:
    breaks = []
    for line in lines:
        br = etree.Element("br")
        br.tail = line or None
        breaks.append(br)
    return breaks


def _break_lines(element: etree.Element) -> None:
    """Replace every source line break under ``element`` with a ``<br>``."""
    lines = _split_lines(element.text)
    element.text = lines[0] or None
    nodes = _line_breaks(lines[1:])
    for child in list(element):
        if child.tag not in _KEEP_NEWLINES:
            _break_lines(child)
        nodes.append(child)
        tail = child.tail or ""
        if child.tag == "br" and tail.startswith("\n"):
            # A Markdown hard break already stands for this line break.
            tail = tail[1:]
        lines = _split_lines(tail)
        child.tail = lines[0] or None
        nodes.extend(_line_breaks(lines[1:]))
    element[:] = nodes


def _is_figure(element: etree.Element) -> bool:
    return (
        element.tag == "figure" and FIGURE_CLASS in (element.get("class") or "").split()
    )


def _group_galleries(parent: etree.Element) -> None:
    """Wrap each run of two or more adjacent figures in a gallery ``<div>``."""
    runs: list[list[etree.Element]] = []
    for child in parent:
        if not _is_figure(child):
            runs.append([child])
        elif (
            runs and _is_figure(runs[-1][-1]) and not (runs[-1][-1].tail or "").strip()
        ):
            runs[-1].append(child)
        else:
            runs.append([child])
    if all(len(run) < 2 for run in runs):
        return

    nodes = []
    for run in runs:
        if len(run) < 2:
            nodes.extend(run)
            continue
        gallery = etree.Element(
            "div", {"class": GALLERY_CLASS, "data-count": str(len(run))}
        )
        gallery.tail = run[-1].tail
        for figure in run:
            figure.tail = None
            gallery.append(figure)
        nodes.append(gallery)
    parent[:] = nodes
