"""Markdown text for Python-Markdown, the dialect the site is built with.

Legacy text has to come out of the importer meaning exactly what it meant
before: a paragraph that starts with "1. " must not turn into a list, a "*"
must not start emphasis, and "&lt;script&gt;" written as text on the old page
must never become a tag. General HTML-to-Markdown converters aim at
CommonMark, whose escapes (``\\&``, ``\\<``, backslash line breaks, 2-space
nested lists) Python-Markdown does not understand, so the rules live here.
"""

from __future__ import annotations

import re
import unicodedata

# Characters Python-Markdown (with "extra") treats as syntax inside a line.
_INLINE = re.compile(r"([\\`*\[\]{])")
# "_" only starts emphasis at a word boundary ("snake_case" stays as it is).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markers that make a line a heading, quote, list item or rule.
_LINE_START = re.compile(r"^(#|>|[-+](?=\s|$)|\d+\.(?=\s|$)|=+\s*$|-+\s*$)")
# Invisible characters that old editors leave in text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    """NFC, invisible characters dropped, every run of blanks one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text)


def escape(text: str) -> str:
    """Escape plain text so Python-Markdown renders it literally (one line)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    # Text that reads like an entity ("&nbsp;") must stay text; then "<",
    # which has no backslash escape in Python-Markdown, becomes an entity.
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def escape_line_start(line: str) -> str:
    """Keep a line of text from being read as a block marker."""
    if line.startswith(":"):
        # A definition list item ("extra"); ":" has no backslash escape.
        return "&#58;" + line[1:]
    return _LINE_START.sub(_escape_marker, line, count=1)


def _escape_marker(match: re.Match) -> str:
    marker = match.group(1)
    if marker[0].isdigit():
        return marker[:-1] + "\\."  # "1." -> "1\." (the dot makes the list)
    return "\\" + marker


def paragraph(text: str) -> str:
    """A plain-text paragraph as one Markdown line."""
    return escape_line_start(escape(clean_text(text).strip()))


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph kept apart by hard line breaks."""
    return "  \n".join(escape_line_start(line) for line in lines if line)


def alt_text(text: str) -> str:
    """Text for ``![...]``: one line, brackets escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", clean_text(text).strip())
