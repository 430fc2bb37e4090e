"""The next newer and next older article of each article."""

from __future__ import annotations


def link_neighbours(articles) -> None:
    """Set ``newer`` and ``older`` on each article. `articles` is Pelican's
    list, newest first, in the portal's deterministic order."""
    for i, article in enumerate(articles):
        article.newer = articles[i - 1] if i > 0 else None
        article.older = articles[i + 1] if i + 1 < len(articles) else None
