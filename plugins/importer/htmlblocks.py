"""Cut a sanitised article body into text blocks and photos with captions.

District portals place a photo's caption in several ways, often several on
one site: in a ``<figcaption>``, in the paragraph under the photo (usually in
``<em>``, centred, or with a caption class), in the same paragraph after a
``<br>``, or in the table row under the image. This module walks the body in
reading order, makes one ``Chunk`` per paragraph-like block or photo, and
then pairs each photo with its caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import Tag

from . import htmlmd, images, mdtext
from .model import Photo, Text
from .sanitize import is_hidden, is_tracking_image

CAPTION_CLASS = re.compile(
    r"caption|desc|chu-?thich|chuthich|note|legend|photo-?text|image-?text|"
    r"img-?text|expEdit", re.IGNORECASE)
LEAD_CLASS = re.compile(r"sapo|lead|summary|description|chapeau|tom-?tat|"
                        r"trich-?dan|intro|excerpt", re.IGNORECASE)
# A lead's box: a photo in it is the article's thumbnail.
LEAD_BOX = re.compile(r"sapo|\blead\b|chapeau|tom-?tat", re.IGNORECASE)
STRUCTURES = frozenset({"ul", "ol", "blockquote", "pre", "table", "dl"})
AUTHOR_CLASS = re.compile(r"author|tac-?gia|tacgia|byline|writer|signature",
                          re.IGNORECASE)


@dataclass
class Chunk:
    """A text block with the hints that tell captions, leads and bylines
    apart, or a photo."""

    lines: list[str] = field(default_factory=list)  # Markdown, one per <br>
    plain_lines: list[str] = field(default_factory=list)
    markdown: str = ""  # for blocks that are not simple lines (lists, tables)
    tag: str = "p"
    classes: str = ""
    centered: bool = False
    italic: bool = False
    bold: bool = False
    photo: Photo | None = None

    @property
    def plain(self) -> str:
        return " ".join(self.plain_lines)

    @property
    def text_markdown(self) -> str:
        return self.markdown or "  \n".join(self.lines)

    def to_block(self) -> Photo | Text:
        if self.photo is not None:
            return self.photo
        return Text(self.text_markdown, self.plain)


class Walker:
    """Reading-order walk of one sanitised body."""

    def __init__(self, source: Path, base_url: str, caption_limit: int,
                 lines: dict[str, int] | None = None,
                 photo_folders: list[Path] | None = None):
        self.source = source
        self.base = base_url
        self.limit = caption_limit
        # Line of each image source in the saved page, for messages.
        self.lines = lines or {}
        # Where else the page's photos were saved (see images.load).
        self.photo_folders = photo_folders or []
        self.chunks: list[Chunk] = []
        self.thumbnails: list[str] = []

    # -- walking ---------------------------------------------------------------

    def walk(self, container: Tag, centered: bool = False) -> None:
        run: list = []
        for child in list(container.children):
            if isinstance(child, Tag) and is_hidden(child):
                continue
            if isinstance(child, Tag) and (child.name in htmlmd.BLOCKISH
                                           or htmlmd.has_blocks(child)):
                self.inline_run(run, container, centered)
                run = []
                self.block(child, centered or _is_centered(child))
            else:
                run.append(child)
        self.inline_run(run, container, centered)

    def block(self, tag: Tag, centered: bool) -> None:
        if tag.name == "figure":
            self.figure(tag)
        elif tag.name == "table" and self._is_photo_table(tag):
            self.photo_table(tag, centered)
        elif tag.name == "table" and (self._photos_in(tag) or _is_layout_table(tag)):
            for cell in tag.find_all(["td", "th"]):
                if cell.find_parent("table") is tag:
                    self.walk(cell, centered)
        elif tag.name not in STRUCTURES and htmlmd.has_blocks(tag):
            self.walk(tag, centered)
        elif tag.name in STRUCTURES:
            markdown = htmlmd.block(tag, self.base)
            if markdown:
                self.chunks.append(Chunk(markdown=markdown, tag=tag.name,
                                         plain_lines=[htmlmd.plain(tag)]))
        else:
            self.inline_run(list(tag.children), tag, centered, tag_name=tag.name)

    def inline_run(self, nodes: list, holder: Tag, centered: bool,
                   tag_name: str = "p") -> None:
        """A paragraph's content: text, and photos that split it."""
        segment: list = []
        for node in _flatten_images(nodes):
            if isinstance(node, Tag) and node.name == "img":
                self.paragraphs(segment, holder, centered, tag_name)
                segment = []
                self.photo(node)
            else:
                segment.append(node)
        self.paragraphs(segment, holder, centered, tag_name)

    def paragraphs(self, nodes: list, holder: Tag, centered: bool,
                   tag_name: str) -> None:
        """Text that old editors (FCKeditor in "br" mode) split into
        paragraphs by an empty line, <br><br>, is one chunk per paragraph."""
        part: list = []
        breaks = 0
        for node in nodes:
            if isinstance(node, Tag) and node.name == "br":
                breaks += 1
            elif not (isinstance(node, str) and not node.strip()):
                if breaks >= 2:
                    self.text_chunk(part, holder, centered, tag_name)
                    part = []
                breaks = 0
            part.append(node)
        self.text_chunk(part, holder, centered, tag_name)

    def text_chunk(self, nodes: list, holder: Tag, centered: bool,
                   tag_name: str) -> None:
        markdown = htmlmd.inline(nodes, self.base)
        lines = htmlmd.tidy_lines(markdown)
        if not lines:
            return
        plain = "".join(htmlmd.plain(n) if not (isinstance(n, Tag) and n.name == "br")
                        else "\n" for n in nodes)
        plain_lines = [" ".join(p.split()) for p in plain.split("\n") if p.strip()]
        heading = re.match(r"h([1-6])$", tag_name)
        if heading:
            level = max(2, int(heading.group(1)))
            lines = [f"{'#' * level} {' '.join(lines).rstrip('#').strip()}"]
        wrapper = _wrapper_of(nodes)
        self.chunks.append(Chunk(
            lines=lines, plain_lines=plain_lines, tag=tag_name,
            classes=" ".join(holder.get("class") or []),
            centered=centered or _is_centered(holder),
            italic=_all_within(nodes, ("em", "i")) or "italic" in _style(holder)
            or (wrapper is not None and "italic" in _style(wrapper)),
            bold=_all_within(nodes, ("strong", "b")) or "bold" in _style(holder),
        ))

    def photo(self, img: Tag, caption: list[Chunk] | None = None) -> Chunk | None:
        if is_tracking_image(img):
            return None
        if any(LEAD_BOX.search(" ".join(p.get("class") or [])) for p in img.parents):
            # The lead's thumbnail: a crop of a body photo, or the template's
            # stock picture (SharePoint/Liferay "sapo-wrapper").
            self.thumbnails.append(img.get("src") or "")
            return None
        src = (img.get("data-src") or img.get("data-original")
               or img.get("data-lazy-src") or img.get("src") or "")
        photo = Photo(alt=mdtext.clean_text(img.get("alt") or img.get("title") or "")
                      .strip(), line=self.lines.get(img.get("src") or ""))
        if _is_file_name(photo.alt):
            photo.alt = ""
        images.load(photo, src, self.source, self.photo_folders)
        chunk = Chunk(photo=photo, tag="img")
        self.chunks.append(chunk)
        return chunk

    def figure(self, figure: Tag) -> None:
        caption_tag = figure.find("figcaption")
        imgs = [img for img in figure.find_all("img")]
        start = len(self.chunks)
        for img in imgs:
            self.photo(img)
        photos = [c for c in self.chunks[start:] if c.photo is not None]
        if caption_tag is not None and photos:
            lines, plain = _lines_of(caption_tag, self.base)
            _set_caption(photos[-1].photo, lines, plain)

    def photo_table(self, table: Tag, centered: bool) -> None:
        """Photos laid out in a table: the caption is the text after the
        image in its cell, or the cell under it."""
        rows = [row for row in table.find_all("tr")
                if row.find_parent("table") is table]
        grid = [row.find_all(["td", "th"], recursive=False) for row in rows]
        used: set[int] = set()
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if id(cell) in used:
                    continue
                imgs = cell.find_all("img")
                if not imgs:
                    continue
                used.add(id(cell))
                start = len(self.chunks)
                for img in imgs:
                    self.photo(img)
                photos = [ch for ch in self.chunks[start:] if ch.photo is not None]
                if not photos:
                    continue
                lines, plain = _lines_of(cell, self.base)
                if not lines and r + 1 < len(grid):
                    below = grid[r + 1]
                    index = c if len(below) > c else len(below) - 1
                    if index >= 0 and not below[index].find("img"):
                        used.add(id(below[index]))
                        lines, plain = _lines_of(below[index], self.base)
                if lines:
                    _set_caption(photos[-1].photo, lines, plain)
        # Text cells that were not captions (a title row, a credit).
        for row in grid:
            for cell in row:
                if id(cell) not in used:
                    self.walk(cell, centered)

    def _photos_in(self, table: Tag) -> bool:
        return any(not is_tracking_image(img) for img in table.find_all("img"))

    def _is_photo_table(self, table: Tag) -> bool:
        """A table that frames photos and their captions, not one that lays
        out the whole article (long text, nested tables)."""
        photos = [img for img in table.find_all("img") if not is_tracking_image(img)]
        if not photos or table.find("table"):
            return False
        return len(htmlmd.plain(table)) <= 3 * self.limit * len(photos)

    def drop_page_style(self) -> None:
        """When (nearly) every paragraph is in italics or bold, that is the
        old page's style, not emphasis: it goes, and says nothing about
        captions."""
        for flag, marks in (("italic", ("*",)), ("bold", ("**",))):
            texts = [c for c in self.chunks if c.photo is None and not c.markdown
                     and len(c.plain) >= 80]
            styled = [c for c in texts if getattr(c, flag)]
            if len(texts) < 2 or len(styled) < 0.8 * len(texts):
                continue
            for chunk in self.chunks:
                if chunk.photo is None and getattr(chunk, flag):
                    setattr(chunk, flag, False)
                    chunk.lines = [_unwrap(line, marks) for line in chunk.lines]

    # -- pairing -----------------------------------------------------------------

    def attach_captions(self, is_byline) -> None:
        """Give a photo without caption the paragraph under it when that
        paragraph reads as a caption."""
        result: list[Chunk] = []
        for chunk in self.chunks:
            last = result[-1] if result else None
            if (last is not None and last.photo is not None
                    and not last.photo.caption and chunk.photo is None
                    and self.is_caption(chunk, is_byline)):
                _set_caption(last.photo, chunk.lines, chunk.plain_lines)
                continue
            result.append(chunk)
        self.chunks = result

    def is_caption(self, chunk: Chunk, is_byline) -> bool:
        if chunk.markdown or chunk.tag not in ("p", "div", "span", "center", "td"):
            return False
        text = chunk.plain
        if not text or is_byline(text):
            return False
        if chunk.italic or CAPTION_CLASS.search(chunk.classes) or chunk.centered:
            return len(text) <= 3 * self.limit
        # A plain paragraph under a photo: captions are short and seldom end
        # like a sentence of the body.
        return (len(text) <= self.limit
                and not text.rstrip(")»\"'”").endswith((".", ":", ";", "!", "?")))


def _set_caption(photo: Photo, lines: list[str], plain: list[str]) -> None:
    # A caption set in italics or bold on the old page: the theme styles
    # captions itself, so whole-line emphasis goes.
    photo.caption = [_WHOLE_EMPHASIS.sub(r"\2", line) for line in lines]
    photo.caption_plain = list(plain)


_WHOLE_EMPHASIS = re.compile(r"^(\*{1,3})(?!\*)((?:[^*\\]|\\.)*[^*\\\s])\1$")


def _unwrap(line: str, marks: tuple[str, ...]) -> str:
    match = _WHOLE_EMPHASIS.match(line)
    return match.group(2) if match and match.group(1) in marks else line


def _lines_of(tag: Tag, base: str) -> tuple[list[str], list[str]]:
    """Markdown and plain lines of a caption element (one per <br>/block)."""
    md_lines: list[str] = []
    plain_lines: list[str] = []
    parts = htmlmd.blocks_of(tag, base)
    for part in parts:
        md_lines.extend(line.rstrip() for line in part.split("  \n"))
    text = tag.get_text("\n")
    plain_lines = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    if len(plain_lines) != len(md_lines):
        plain_lines = [" ".join(text.split())] if text.strip() else []
    return [line for line in md_lines if line.strip()], plain_lines


def _flatten_images(nodes: list) -> list:
    """Inline nodes with photos lifted out of their wrappers (``<a><img></a>``,
    ``<span><img></span>``) so they can split the paragraph."""
    out: list = []
    for node in nodes:
        if isinstance(node, Tag) and node.name != "img" and node.find("img"):
            if node.name == "a" and not htmlmd.plain(node).strip():
                out.extend(node.find_all("img"))
                continue
            out.extend(_flatten_images(list(node.children)))
        else:
            out.append(node)
    return out


def _all_within(nodes: list, names: tuple[str, ...]) -> bool:
    found = False
    for node in nodes:
        if isinstance(node, Tag):
            if node.name in names:
                found = found or bool(node.get_text().strip())
                continue
            if node.name == "br":
                continue
            if not htmlmd.plain(node).strip():
                continue
            if not htmlmd.is_emphasis_only(node, names):
                return False
            found = True
        elif str(node).strip():
            return False
    return found


def _wrapper_of(nodes: list) -> Tag | None:
    tags = [n for n in nodes if isinstance(n, Tag) and n.name != "br"]
    return tags[0] if len(tags) == 1 else None


def _style(tag: Tag) -> str:
    return (tag.get("style") or "").replace(" ", "").lower()


def _is_centered(tag: Tag) -> bool:
    return (tag.name == "center" or "text-align:center" in _style(tag)
            or (tag.get("align") or "").lower() == "center")


def _is_layout_table(table: Tag) -> bool:
    """A table used to lay out the page, not data: one column, or cells that
    hold paragraphs."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    widths = {len(row.find_all(["td", "th"], recursive=False)) for row in rows}
    if widths <= {0, 1}:
        return True
    return any(cell.find(["p", "div", "table"]) for row in rows
               for cell in row.find_all(["td", "th"], recursive=False))


def _is_file_name(text: str) -> bool:
    return bool(re.fullmatch(r"[\w.-]+\.(?:jpe?g|png|gif|webp|bmp)", text, re.I))
