"""The photos of an article, as data every plugin can use.

The figures extension sees each photo and its caption while it builds the
figure; it records them here so that no other plugin has to parse the
article's HTML again. The reader keeps the list as the article's `photos`
metadata (cached with the article): detection of people and units in
captions, the image pipeline and the photo library all start from it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from figures.lines import plain_text


def photo_record(img: etree.Element, caption: etree.Element, prefix: str,
                 index: int) -> dict:
    """One photo: src as the editor wrote it, alt, caption lines, position."""
    src = img.get("src") or ""
    if prefix and src.startswith(prefix):
        src = src[len(prefix):]
    # The caption's text has a newline after every <br> (figures.lines).
    lines = [" ".join(line.split()) for line in plain_text(caption).split("\n")]
    return {
        "index": index,
        "src": src,
        "alt": img.get("alt") or "",
        "caption": "\n".join(line for line in lines if line),
    }
