"""Where each content file will be published, without building the site.

Pelican's own content classes compute the address from the settings and the
header, so the checker and the build cannot disagree on it.
"""

from __future__ import annotations

import re

from pelican.contents import Article, Page
from pelican.urlwrappers import Author, Category, Tag

from ..source import parse_date
from .model import ContentFile

LITERAL_HEAD = re.compile(r"^([^{}/]+)/")
# Header keys Pelican reads into the address.
OVERRIDES = ("slug", "save_as", "url", "status", "lang")


def content_item(file: ContentFile, settings: dict) -> Article | Page | None:
    """The article or page Pelican would make (metadata enough for its URL),
    or None when the header is too broken to tell."""
    metadata = {"title": (file.header("title") or (0, ""))[1] or file.rel}
    for key in OVERRIDES:
        if file.header(key) and file.header(key)[1]:
            metadata[key] = file.header(key)[1]
    if file.is_article:
        date = parse_date((file.header("date") or (0, ""))[1])
        if date is None:
            return None
        metadata["date"] = date
        category = (file.header("category") or (0, ""))[1]
        metadata["category"] = Category(category or settings["DEFAULT_CATEGORY"],
                                        settings)
        metadata["author"] = Author((file.header("author") or (0, ""))[1]
                                    or settings.get("AUTHOR") or "", settings)
        tags = (file.header("tags") or (0, ""))[1].split(",")
        metadata["tags"] = [Tag(t.strip(), settings) for t in tags if t.strip()]
        return Article("", metadata=metadata, settings=settings,
                       source_path=file.path)
    return Page("", metadata=metadata, settings=settings, source_path=file.path)


def owned_prefixes(settings: dict) -> set[str]:
    """First folders of the addresses this checker can list completely."""
    owned = set()
    for key in ("ARTICLE_URL", "DRAFT_URL", "CATEGORY_URL", "CATEGORIES_URL",
                "TAG_URL", "TAGS_URL", "AUTHOR_URL", "AUTHORS_URL", "ARCHIVES_URL",
                "YEAR_ARCHIVE_URL", "MONTH_ARCHIVE_URL"):
        match = LITERAL_HEAD.match(settings.get(key) or "")
        if match:
            owned.add(match[1])
    return owned


def _format(pattern: str | None, **values) -> str | None:
    return pattern.format(**values) if pattern else None


def known_urls(items: list, settings: dict) -> set[str]:
    """Every address the build makes for these articles and pages (pages of
    other plugins excepted), without a leading slash."""
    urls = {""}
    for key in ("CATEGORIES_URL", "TAGS_URL", "AUTHORS_URL", "ARCHIVES_URL"):
        urls.add(settings.get(key) or "")
    for item in items:
        urls.add(item.url)
        if not isinstance(item, Article):
            continue
        date = item.date
        urls.add(_format(settings.get("YEAR_ARCHIVE_URL"), date=date) or "")
        urls.add(_format(settings.get("MONTH_ARCHIVE_URL"), date=date) or "")
        for wrapper in [item.category, item.author, *getattr(item, "tags", [])]:
            urls.add(wrapper.url)
            kind = type(wrapper).__name__.upper()
            feed = settings.get(f"{kind}_FEED_ATOM")
            if feed:
                urls.add(feed.format(slug=wrapper.slug))
    urls.discard(None)
    return urls
