"""Raw HTML in Markdown that could run code is shown as text, never run.

Markdown passes HTML written by the editor straight into the page. Simple
formatting (`<b>`, `<br>`, the tables the importer writes) is welcome, but a
`<script>` pasted into a caption, an `onclick=` or a `javascript:` link would
run in every visitor's browser under the district's name. This extension
looks at each piece of raw HTML Markdown has set aside and, when it holds a
tag outside a short allow-list or an attribute that runs code, puts it back
escaped: the reader sees the characters, the browser runs nothing.
`invoke check` uses the same rule to warn the editor.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

SAFE_TAGS = frozenset((
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "wbr",
))
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href",
                            "background", "poster", "cite", "data"})
CODE_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)",
                         re.IGNORECASE)
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
EXTENSION = "portal.rawhtml"


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"{name}=")
            elif name in URL_ATTRIBUTES and value and CODE_SCHEME.match(
                    "".join(value.split())):
                self.found.append(f"{name}={value.strip()[:20]}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in SAFE_TAGS:
            self.found.append(f"</{tag}>")


def unsafe_markup(fragment: str) -> list[str]:
    """The tags and attributes of `fragment` that could run code, in order."""
    if "<" not in fragment:
        return []
    finder = _Finder()
    finder.feed(fragment)
    finder.close()
    return list(dict.fromkeys(finder.found))


def has_markup(text: str) -> str | None:
    """The first HTML tag in a plain-text field (a title), or None."""
    match = TAG.search(text)
    return match.group(0) if match else None


class _EscapeUnsafe(Postprocessor):
    """Runs just before Markdown puts the raw HTML back (priority 30)."""

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            if isinstance(block, str) and unsafe_markup(block):
                blocks[index] = html.escape(block, quote=False)
        return text


class SafeRawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(_EscapeUnsafe(md), "portal_unsafe_html", 35)


def makeExtension(**kwargs):  # Markdown's name for loading "portal.rawhtml"
    return SafeRawHtmlExtension(**kwargs)


def add_extension(pelican) -> None:
    """Add this extension to the MARKDOWN setting (rebuilt, not changed in
    place: Pelican may hand out its module-level default)."""
    markdown = dict(pelican.settings.get("MARKDOWN") or {})
    extensions = list(markdown.get("extensions") or [])
    if EXTENSION not in extensions:
        extensions.append(EXTENSION)
    markdown["extensions"] = extensions
    pelican.settings["MARKDOWN"] = markdown
