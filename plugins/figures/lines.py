"""View a Markdown paragraph as its source lines, and build elements back.

Markdown keeps the single line breaks of a paragraph as ``"\\n"`` inside the
text and tails of the ``<p>`` element.  Photo captions are defined by lines
("the image line, then the text lines under it"), so the tree processor first
cuts the paragraph's top-level content into lines of tokens (strings and
inline elements), decides per line, then rebuilds elements from the tokens.
Newlines nested inside inline elements (emphasis spanning two lines) do not
start a line here; ``break_lines`` still turns them into ``<br>`` in captions.
"""

import unicodedata
import xml.etree.ElementTree as etree

Token = str | etree.Element
Line = list[Token]

# Line breaks inside code are content, not layout.
_KEEP_NEWLINES = frozenset({"code", "pre"})


def split_lines(paragraph: etree.Element) -> list[Line]:
    """Cut the paragraph's content at source line breaks; drop blank lines."""
    lines: list[Line] = [[]]

    def add_text(text: str | None) -> None:
        for number, part in enumerate((text or "").split("\n")):
            if number:
                lines.append([])
            if part:
                lines[-1].append(part)

    # Markdown's "prettify" step has already given each hard break (<br>) a
    # newline in its tail, so a hard break ends its line here too.
    add_text(paragraph.text)
    for child in paragraph:
        lines[-1].append(child)
        add_text(child.tail)
    return [line for line in lines if not is_blank(line)]


def is_blank(line: Line) -> bool:
    return all(isinstance(token, str) and not token.strip() for token in line)


def split_image_line(line: Line) -> tuple[etree.Element | None, Line]:
    """Return the image that opens ``line`` (or None) and the tokens after it."""
    for index, token in enumerate(line):
        if isinstance(token, str):
            if token.strip():
                return None, line
            continue
        if token.tag == "img":
            return token, line[index + 1 :]
        return None, line
    return None, line


def ends_with_break(line: Line) -> bool:
    return bool(line) and not isinstance(line[-1], str) and line[-1].tag == "br"


def line_length(line: Line) -> int:
    """Visible length, counted in NFC so decomposed text is not longer."""
    text = "".join(
        token if isinstance(token, str) else plain_text(token) for token in line
    )
    return len(unicodedata.normalize("NFC", text.strip()))


def fill(element: etree.Element, lines: list[Line], in_caption: bool) -> None:
    """Append ``lines`` to ``element``, trimmed, one source line after another.

    In a caption every line break becomes a ``<br>``; elsewhere it stays a
    newline.  A line already ending in a hard break needs no second one.
    """
    tokens: list[Token] = []
    for number, line in enumerate(lines):
        if number and not ends_with_break(lines[number - 1]):
            tokens.append(etree.Element("br") if in_caption else "\n")
        tokens.extend(_trim(line))
    while tokens and not isinstance(tokens[-1], str) and tokens[-1].tag == "br":
        # A hard break before the next photo has nothing left to break.
        tokens.pop()
    for token in tokens:
        if isinstance(token, str):
            if len(element):
                element[-1].tail = (element[-1].tail or "") + token
            else:
                element.text = (element.text or "") + token
        else:
            # Tails were already taken into the token list.
            token.tail = None
            if in_caption and token.tag not in _KEEP_NEWLINES:
                break_lines(token)
            element.append(token)
    # The tree processor runs after Markdown's "prettify" step, so it does
    # that step's job for the line breaks it moved or made: a newline after
    # each <br> keeps the HTML source readable line by line.
    for br in element.iter("br"):
        tail = br.tail or ""
        if not tail.startswith("\n"):
            br.tail = "\n" + tail


def _trim(line: Line) -> Line:
    """Drop the indentation and trailing spaces around a line."""
    tokens = list(line)
    if tokens and isinstance(tokens[0], str):
        tokens[0] = tokens[0].lstrip()
    if tokens and isinstance(tokens[-1], str):
        tokens[-1] = tokens[-1].rstrip()
    return [token for token in tokens if not isinstance(token, str) or token]


def plain_text(element: etree.Element) -> str:
    """The element's text; the newline after each ``<br>`` keeps lines apart."""
    return "".join(element.itertext())


def break_lines(element: etree.Element) -> None:
    """Replace every source line break inside ``element`` with a ``<br>``."""
    parts = _split_text(element.text)
    element.text = parts[0] or None
    nodes = _breaks(parts[1:])
    for child in list(element):
        if child.tag not in _KEEP_NEWLINES:
            break_lines(child)
        nodes.append(child)
        tail = child.tail or ""
        if child.tag == "br" and tail.startswith("\n"):
            # The hard break already stands for this line break.
            tail = tail[1:]
        parts = _split_text(tail)
        child.tail = parts[0] or None
        nodes.extend(_breaks(parts[1:]))
    element[:] = nodes


def _split_text(text: str | None) -> list[str]:
    """Split on line breaks, trimming the spaces around each of them."""
    parts = (text or "").split("\n")
    last = len(parts) - 1
    for number, part in enumerate(parts):
        if number > 0:
            part = part.lstrip(" \t")
        if number < last:
            part = part.rstrip(" \t")
        parts[number] = part
    return parts


def _breaks(lines: list[str]) -> list[etree.Element]:
    breaks = []
    for line in lines:
        br = etree.Element("br")
        br.tail = line or None
        breaks.append(br)
    return breaks
