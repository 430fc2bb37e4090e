"""Convert sanitised HTML of an article body into Markdown text.

Only what legacy portal articles use is converted: inline emphasis, links,
line breaks, headings, lists, quotes, tables and preformatted text. Anything
else is unwrapped to its text. The output targets Python-Markdown (see
``mdtext`` for why a general converter was not used); photos are not handled
here but by ``htmlblocks``, which calls this for the text around them.
"""

from __future__ import annotations

import html
import re
from types import MappingProxyType

from bs4 import NavigableString, Tag

from . import mdtext
from .sanitize import clean_url, is_hidden

EMPHASIS = MappingProxyType({"strong": "**", "b": "**", "em": "*", "i": "*"})
_HEADING = re.compile(r"^h([1-6])$")


def plain(node) -> str:
    """The visible text of a node on one line."""
    if isinstance(node, NavigableString):
        return mdtext.clean_text(str(node))
    return mdtext.clean_text(node.get_text(" "))


def inline(nodes, base: str = "", marks: frozenset = frozenset()) -> str:
    """Markdown for a run of inline nodes; ``<br>`` gives a newline."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, NavigableString):
            out.append(mdtext.escape(mdtext.clean_text(str(node))))
        elif isinstance(node, Tag) and not is_hidden(node):
            out.append(_inline_tag(node, base, marks))
    return "".join(out)


def _inline_tag(tag: Tag, base: str, marks: frozenset) -> str:
    name = tag.name
    if name == "br":
        return "\n"
    if name == "img":
        return ""
    if name in EMPHASIS:
        mark = EMPHASIS[name]
        inner = inline(tag.children, base, marks | {mark})
        return inner if mark in marks else _wrap(inner, mark)
    if name == "a":
        text = inline(tag.children, base, marks)
        href = clean_url(tag.get("href") or "", base)
        if not href or not text.strip():
            return text
        href = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return _wrap(text, "[", f"]({href})")
    if name in ("sup", "sub"):
        text = html.escape(plain(tag), quote=False)
        return f"<{name}>{text}</{name}>" if text.strip() else ""
    if name == "code":
        text = plain(tag)
        ticks = "``" if "`" in text else "`"
        return f"{ticks}{text}{ticks}" if text.strip() else text
    return inline(tag.children, base, marks)


def _wrap(inner: str, left: str, right: str | None = None) -> str:
    """Wrap each line of ``inner`` in markers, keeping the spaces outside
    ("a<b> x </b>b" must be "a **x** b", not "a** x **b")."""
    right = left if right is None else right
    parts = []
    for line in inner.split("\n"):
        core = line.strip()
        if not core:
            parts.append(line)
            continue
        head = " " if line[:1].isspace() else ""
        tail = " " if line[-1:].isspace() else ""
        parts.append(f"{head}{left}{core}{right}{tail}")
    return "\n".join(parts)


def tidy_lines(text: str) -> list[str]:
    """Inline Markdown cut at its line breaks, blanks squeezed, empty lines
    dropped; each line is safe to start a Markdown line."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return [mdtext.escape_line_start(line) for line in lines if line]


def is_emphasis_only(tag: Tag, names=("em", "i")) -> bool:
    """True when every visible character of ``tag`` is inside one of
    ``names`` (a caption in italics, a lead in bold)."""
    found = False
    for text in tag.find_all(string=True):
        if not text.strip():
            continue
        if not any(parent.name in names for parent in text.parents
                   if parent is not tag and _within(parent, tag)):
            return False
        found = True
    return found


def _within(node, root: Tag) -> bool:
    return any(parent is root for parent in node.parents)


# --- blocks ------------------------------------------------------------------

def block(tag: Tag, base: str = "") -> str:
    """Markdown for a block element that holds no photo."""
    heading = _HEADING.match(tag.name)
    if heading:
        level = max(2, int(heading.group(1)))
        text = " ".join(tidy_lines(inline(tag.children, base)))
        return f"{'#' * level} {text.rstrip('#').strip()}" if text else ""
    if tag.name in ("ul", "ol"):
        return "\n".join(_list(tag, base, 0))
    if tag.name == "blockquote":
        inner = blocks_of(tag, base)
        return "\n>\n".join(
            "\n".join(f"> {line}" if line else ">" for line in part.split("\n"))
            for part in inner)
    if tag.name == "table":
        return table(tag, base)
    if tag.name == "pre":
        code = tag.get_text()
        fence = "~~~" if "```" in code else "```"
        return f"{fence}\n{code.strip(chr(10))}\n{fence}"
    if tag.name == "hr":
        return ""
    return "  \n".join(tidy_lines(inline(tag.children, base)))


def blocks_of(container: Tag, base: str = "") -> list[str]:
    """Markdown blocks for the children of a container (quotes, cells)."""
    parts: list[str] = []
    run: list = []

    def flush():
        text = "  \n".join(tidy_lines(inline(run, base)))
        if text:
            parts.append(text)
        run.clear()

    for child in container.children:
        if isinstance(child, Tag) and child.name in BLOCKISH:
            flush()
            if child.name in CONTAINERS and has_blocks(child):
                parts.extend(blocks_of(child, base))
            else:
                text = block(child, base)
                if text:
                    parts.append(text)
        else:
            run.append(child)
    flush()
    return parts


BLOCKISH = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside",
    "center", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "dl", "figure", "table", "li", "dt", "dd",
})
CONTAINERS = frozenset({"div", "section", "article", "main", "header", "footer",
                        "aside", "center", "dl", "dd", "dt", "span", "font"})


def has_blocks(tag: Tag) -> bool:
    return any(isinstance(child, Tag) and child.name in BLOCKISH
               for child in tag.find_all(True))


def _list(tag: Tag, base: str, depth: int) -> list[str]:
    """Lines of a (nested) list; Python-Markdown nests by four spaces."""
    lines: list[str] = []
    indent = "    " * depth
    for number, item in enumerate(tag.find_all("li", recursive=False), start=1):
        marker = f"{number}." if tag.name == "ol" else "-"
        nested = [child for child in item.children
                  if isinstance(child, Tag) and child.name in ("ul", "ol")]
        text_nodes = [child for child in item.children if child not in nested]
        text = tidy_lines(inline(text_nodes, base))
        first = text[0] if text else ""
        lines.append(f"{indent}{marker} {first}".rstrip())
        lines.extend(f"{indent}    {line}" for line in text[1:])
        for sub in nested:
            lines.extend(_list(sub, base, depth + 1))
    return lines


def table(tag: Tag, base: str = "") -> str:
    """A pipe table when the table is a plain grid, clean HTML otherwise."""
    rows = [row for row in tag.find_all("tr")
            if row.find_parent("table") is tag]
    grid = [[cell for cell in row.find_all(["td", "th"], recursive=False)]
            for row in rows]
    grid = [row for row in grid if row]
    if not grid:
        return ""
    simple = (
        len({len(row) for row in grid}) == 1
        and not any(cell.get("colspan") not in (None, "1")
                    or cell.get("rowspan") not in (None, "1")
                    or cell.find(["table", "ul", "ol", "p", "div"])
                    for row in grid for cell in row)
    )
    if not simple:
        return _html_table(grid)
    lines = []
    for index, row in enumerate(grid):
        cells = [" ".join(tidy_lines(inline(cell.children, base))).replace("|", "\\|")
                 for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return "\n".join(lines)


def _html_table(grid) -> str:
    """A table Markdown cannot express (merged cells), as minimal HTML: only
    text, line breaks and the spans survive."""
    out = ["<table>"]
    for row in grid:
        out.append("<tr>")
        for cell in row:
            attrs = "".join(
                f' {name}="{int(cell[name])}"'
                for name in ("colspan", "rowspan")
                if (cell.get(name) or "").isdigit() and cell[name] != "1")
            text = "<br>".join(
                html.escape(mdtext.clean_text(part).strip(), quote=False)
                for part in cell.get_text("\n").split("\n") if part.strip())
            out.append(f"<{cell.name}{attrs}>{text}</{cell.name}>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)
