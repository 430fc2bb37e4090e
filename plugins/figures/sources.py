"""Decide which image sources Pelican must resolve for the article.

Editors drop photos beside the article and write ``![...](anh-01.jpg)``.
Pelican only copies such a file into the output, and points the link at the
copy, when the path carries an ``{attach}`` (or ``{static}``) marker.  This
module keeps that rule in one small, pure function so the tree processor and
its tests share it.
"""

from urllib.parse import urlsplit

# Sources that already mean something to a browser or to Pelican: site-root
# paths, protocol-relative URLs, fragments, Pelican's "{static}"/"{attach}"
# markers and its legacy "|filename|" form, and inline data.
_NOT_RELATIVE_PREFIXES = ("/", "#", "{", "|", "data:")


def is_relative(src: str) -> bool:
    """Return True when ``src`` is a plain path relative to the article."""
    if not src or src.startswith(_NOT_RELATIVE_PREFIXES):
        return False
    try:
        scheme = urlsplit(src).scheme
    except ValueError:
        # A malformed URL is not ours to fix: leave it exactly as written.
        return False
    return not scheme


def rewrite_src(src: str, prefix: str) -> str:
    """Prefix a relative ``src`` with ``prefix``; an empty prefix disables it."""
    if prefix and is_relative(src):
        return prefix + src
    return src
