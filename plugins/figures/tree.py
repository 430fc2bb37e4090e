"""Rewrite photo paragraphs of the Markdown element tree into figures.

Editors, and the legacy exports the importer turns into Markdown, put a photo
on its own line and its caption on the lines right under it, with single line
breaks, so Markdown sees one ``<p>``.  This tree processor works on the parsed
elements, never on HTML text, so inline markup inside captions survives and
the output stays valid HTML5 (no ``<figure>`` inside ``<p>``).

Rules for one paragraph, read line by line (see ``figures.lines``):

* A line that starts with an image (only whitespace before it) opens a
  figure.  A paragraph without such a line is left as it is, so an image
  written after text on the same line stays inline.
* The lines under an image line, up to the next image line, are its caption;
  text after the image on its own line is the caption's first line.  In a
  caption every source line break becomes a ``<br>``.
* Legacy exports have no blank lines at all, so a body paragraph can follow a
  caption directly.  Caption lines are short, hand-wrapped lines while body
  paragraphs are one long line each: from the second caption line on, a line
  longer than ``caption_max_line_length`` characters ends the caption and it
  and the lines after it, up to the next image line, become a ``<p>``.
* Lines before the first image line stay a ``<p>``.
* When the alt text is empty, the caption's text on one line becomes the alt.

Galleries are formed afterwards by ``figures.gallery``; relative image sources
are prefixed by ``figures.sources``.
"""

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import util
from markdown.treeprocessors import Treeprocessor

from figures.gallery import FIGURE_CLASS, group_galleries
from figures.lines import (
    Line,
    fill,
    is_blank,
    line_length,
    plain_text,
    split_image_line,
    split_lines,
)
from figures.photos import photo_record
from figures.sources import rewrite_src

IMG_CLASS = "vn-figure__img"
CAPTION_CLASS = "vn-figure__caption"

# Markdown stashes character references (``&nbsp;``) and inline raw HTML away
# from the tree.  For the plain-text alt, a stashed character reference gives
# its character; any other stashed fragment is markup and gives nothing.
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@dataclass
class _Photo:
    img: etree.Element
    caption: list[Line] = field(default_factory=list)


@dataclass
class _Text:
    lines: list[Line]


class FiguresTreeprocessor(Treeprocessor):
    """Build figures and galleries from paragraphs that start with a photo."""

    def __init__(self, md, *, relative_prefix: str, caption_max_line_length: int):
        super().__init__(md)
        self.relative_prefix = relative_prefix
        self.caption_max_line_length = caption_max_line_length

    def run(self, root: etree.Element) -> None:
        for img in root.iter("img"):
            src = img.get("src")
            if src is not None:
                img.set("src", rewrite_src(src, self.relative_prefix))

        # Collect first: the tree changes while paragraphs are replaced.
        paragraphs = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag == "p"
        ]
        for parent, paragraph in paragraphs:
            replacement = self._replace_paragraph(paragraph)
            if replacement is not None:
                index = list(parent).index(paragraph)
                parent[index : index + 1] = replacement

        for parent in list(root.iter()):
            group_galleries(parent)

    def _replace_paragraph(
        self, paragraph: etree.Element
    ) -> list[etree.Element] | None:
        """Return the elements replacing ``paragraph``, or None to keep it."""
        blocks = self._read_blocks(split_lines(paragraph))
        if not any(isinstance(block, _Photo) for block in blocks):
            return None

        result = []
        for block in blocks:
            if isinstance(block, _Photo):
                result.append(self._make_figure(block))
            else:
                text = etree.Element("p")
                fill(text, block.lines, in_caption=False)
                result.append(text)
            # As Markdown's "prettify" step (already run) would have done.
            result[-1].tail = "\n"
        result[-1].tail = paragraph.tail
        # Attributes from an attribute list (``{: #id }``) stay unique: only
        # the first block takes them.
        for name, value in paragraph.items():
            if name == "class":
                _add_classes(result[0], value.split())
            else:
                result[0].set(name, value)
        return result

    def _read_blocks(self, lines: list[Line]) -> list[_Photo | _Text]:
        blocks: list[_Photo | _Text] = []
        for line in lines:
            img, rest = split_image_line(line)
            last = blocks[-1] if blocks else None
            if img is not None:
                blocks.append(_Photo(img, [] if is_blank(rest) else [rest]))
            elif isinstance(last, _Photo) and self._continues_caption(last, line):
                last.caption.append(line)
            elif isinstance(last, _Text):
                last.lines.append(line)
            else:
                blocks.append(_Text([line]))
        return blocks

    def _continues_caption(self, photo: _Photo, line: Line) -> bool:
        limit = self.caption_max_line_length
        return not photo.caption or not limit or line_length(line) <= limit

    def _make_figure(self, photo: _Photo) -> etree.Element:
        img = photo.img
        img.tail = None
        _add_classes(img, [IMG_CLASS])
        figure = etree.Element("figure", {"class": FIGURE_CLASS})
        figure.append(img)

        caption = etree.Element("figcaption", {"class": CAPTION_CLASS})
        fill(caption, photo.caption, in_caption=True)
        if len(caption) or (caption.text or "").strip():
            if not (img.get("alt") or "").strip():
                img.set("alt", self._alt_text(caption))
            caption.tail = "\n"
            figure.append(caption)
        self.md.photos.append(
            photo_record(img, caption, self.relative_prefix, len(self.md.photos))
        )
        return figure

    def _alt_text(self, caption: etree.Element) -> str:
        """Caption text on one line, with raw-HTML placeholders resolved."""
        text = util.HTML_PLACEHOLDER_RE.sub(self._stashed_text, plain_text(caption))
        return " ".join(text.split())

    def _stashed_text(self, match: re.Match[str]) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        raw = blocks[index] if index < len(blocks) else ""
        if isinstance(raw, str) and _ENTITY_RE.fullmatch(raw):
            return html.unescape(raw)
        return ""


def _add_classes(element: etree.Element, names: list[str]) -> None:
    classes = (element.get("class") or "").split()
    classes.extend(name for name in names if name not in classes)
    element.set("class", " ".join(classes))
