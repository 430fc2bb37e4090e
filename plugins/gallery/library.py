"""The photo library: captioned photos of published articles, newest first.

`/anh/` lists them all; unit and leader pages and the home page list those
of some articles with the same component (components/photo_strip.html),
through the `photo_items` Jinja filter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhotoItem:
    """One photo in a list: the article and its photo record (see
    figures.photos; `image` is added by the gallery plugin)."""

    article: object
    photo: dict


def photo_items(articles, limit: int | None = None,
                captioned: bool = True) -> list[PhotoItem]:
    """Published photos of `articles`, in the articles' order (Pelican's
    lists are newest first), each article's photos in reading order."""
    items: list[PhotoItem] = []
    for article in articles or []:
        for photo in getattr(article, "photos", None) or []:
            if not photo.get("image") or (captioned and not photo.get("caption")):
                continue
            items.append(PhotoItem(article, photo))
            if limit is not None and len(items) >= limit:
                return items
    return items
