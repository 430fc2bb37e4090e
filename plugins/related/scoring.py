"""Related articles through an inverted index, in linear time.

Each article has keys: its units and people (the entities it is about), its
category and its tags. An index maps every key to the articles that have it,
in date order. For one article only the articles found under its own keys
are scored, and under each key only the ``RELATED_SCAN_LIMIT`` nearest in
date: a unit named in every article costs a bounded scan, never a pass over
the whole archive. Work is O(articles × keys × limit); the top ``k`` of the
candidates are kept with a heap.

Score, compared as a tuple: shared units and people, same category, shared
tags, then the smaller distance in days, then the source path (so ties break
the same way on every build).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict

from portal.settings import setting_or_default

DEFAULTS = {"RELATED_MAX": 4, "RELATED_SCAN_LIMIT": 200}


def setting(settings, name):
    return setting_or_default(settings, name, DEFAULTS)


def _ids(value) -> list[str]:
    """Ids of an article's units or people: objects with ``id`` (entities
    plugin), plain strings, or the raw "a, b" front-matter string."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    ids = []
    for item in value:
        ident = getattr(item, "id", item)
        if isinstance(ident, str) and ident.strip():
            ids.append(ident.strip())
    return ids


def article_keys(article) -> dict[str, set[str]]:
    entities = {f"unit:{i}" for i in _ids(getattr(article, "units", None))}
    entities |= {f"person:{i}" for i in _ids(getattr(article, "people", None))}
    category = getattr(article, "category", None)
    tags = {f"tag:{tag.slug}" for tag in getattr(article, "tags", None) or []}
    return {
        "entities": entities,
        "category": {f"category:{category.slug}"} if category else set(),
        "tags": tags,
    }


def _window(postings: list[int], position: int, limit: int) -> list[int]:
    """The `limit` entries of a sorted posting list nearest to `position`."""
    if len(postings) <= limit:
        return postings
    middle = bisect_left(postings, position)
    start = max(0, min(middle - limit // 2, len(postings) - limit))
    return postings[start : start + limit]


def _best_for(position, articles, keys, index, k, limit) -> list[int]:
    """The positions of the `k` articles most related to one article."""
    mine, article = keys[position], articles[position]
    entities: dict[int, int] = defaultdict(int)
    tags: dict[int, int] = defaultdict(int)
    same_category: set[int] = set()
    for key in mine["entities"]:
        for other in _window(index[key], position, limit):
            entities[other] += 1
    for key in mine["tags"]:
        for other in _window(index[key], position, limit):
            tags[other] += 1
    for key in mine["category"]:
        same_category.update(_window(index[key], position, limit))
    candidates = (set(entities) | set(tags) | same_category) - {position}

    def rank(other):
        days = abs((articles[other].date - article.date).total_seconds()) / 86400
        return (
            -entities.get(other, 0),
            -(other in same_category),
            -tags.get(other, 0),
            days,
            articles[other].source_path,
        )

    return heapq.nsmallest(k, candidates, key=rank)


def related_for_all(articles, k: int, limit: int) -> list[list[int]]:
    """For each article (by position in `articles`), the positions of its
    related articles, best first."""
    keys = [article_keys(a) for a in articles]
    index: dict[str, list[int]] = defaultdict(list)
    for position, groups in enumerate(keys):
        for group in groups.values():
            for key in group:
                index[key].append(position)
    return [
        _best_for(position, articles, keys, index, k, limit)
        for position in range(len(articles))
    ]


def link_related(articles, settings) -> None:
    """Set ``article.related`` on every article."""
    found = related_for_all(
        articles,
        setting(settings, "RELATED_MAX"),
        setting(settings, "RELATED_SCAN_LIMIT"),
    )
    for article, positions in zip(articles, found, strict=True):
        article.related = [articles[p] for p in positions]
