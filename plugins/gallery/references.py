"""Which files an article's photos are, and where the editor wrote them.

Sources are resolved exactly as the content checks resolve them
(`portal.source.resolve_image`): relative to the article, `{static}` /
`{attach}` / a leading "/" from content/. The line of a reference is only
looked up when there is a problem to report, by reading the Markdown file
again (the cached reader output has no line numbers).
"""

from __future__ import annotations

import os

from portal.diagnostics import ContentError
from portal.source import read_text, resolve_image

# Front matter key of an article's featured photo (lower case, as Pelican
# gives metadata); without it the first photo of the body is featured.
FEATURED_KEY = "image"


def resolve(src: str, content, content_root: str) -> str | None:
    """Absolute path of the file `src` names, or None for an image that is
    not ours (an external URL, inline data). A path that leaves content/
    resolves to a file that cannot exist, so it is reported as missing (the
    reader already refuses such paths in Markdown image syntax)."""
    if not src or src.startswith("data:"):
        return None
    source_dir = os.path.dirname(os.path.abspath(content.source_path))
    target = resolve_image(src, source_dir, content_root)
    if target is None:
        return None
    root = os.path.realpath(content_root)
    real = os.path.realpath(target)
    if os.path.commonpath([real, root]) != root:
        return os.path.join(root, ".outside-content", os.path.basename(target))
    return real


def featured_src(content) -> str | None:
    value = content.metadata.get(FEATURED_KEY)
    return str(value).strip() if value else None


class LineFinder:
    """Line numbers of image references, one read per file with problems."""

    def __init__(self):
        self._lines: dict[str, list[str]] = {}

    def line(self, source_path: str, src: str) -> int | None:
        lines = self._lines.get(source_path)
        if lines is None:
            try:
                lines = read_text(source_path).splitlines()
            except (OSError, ContentError):
                lines = []
            self._lines[source_path] = lines
        for number, text in enumerate(lines, start=1):
            if src in text:
                return number
        return None
