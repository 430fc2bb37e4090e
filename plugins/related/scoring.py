"""Related articles through an inverted index, in linear time.

Each article has keys: its units and people (the entities it is about), its
category and its tags. An index maps every key to the articles that have it,
in date order. For one article only the articles found under its own keys
are scored, and under each key only the ``RELATED_SCAN_LIMIT`` nearest in
date: a unit named in every article costs a bounded scan, never a pass over
the whole archive. Work is O(articles × keys × limit); only the candidates
scoring at least the ``k``-th best are sorted.

Score, compared as a tuple: shared units and people, same category, shared
tags, then the smaller distance in days, then the source path (so ties break
the same way on every build).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from portal.settings import setting_or_default

from . import cache

DEFAULTS = {"RELATED_MAX": 4, "RELATED_SCAN_LIMIT": 200}
_MICROSECOND = timedelta(microseconds=1)


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


def _best_for(position, keys, index, k, limit, stamps, paths) -> list[int]:
    """The positions of the `k` articles most related to one article."""
    mine = keys[position]
    # The tuple of the module docstring as one number: each weight is larger
    # than all the lower ones can add up to (at most one category key).
    category_weight = len(mine["tags"]) + 1
    weights = {"entities": 2 * category_weight, "category": category_weight, "tags": 1}
    score: dict[int, int] = {}
    for group, weight in weights.items():
        for key in mine[group]:
            for other in _window(index[key], position, limit):
                score[other] = score.get(other, 0) + weight
    score.pop(position, None)
    if len(score) > k:
        # Only the candidates scoring at least the k-th best are ranked by
        # date and path.
        cut = sorted(score.values(), reverse=True)[k - 1]
        candidates = [other for other, value in score.items() if value >= cut]
    else:
        candidates = list(score)
    me = stamps[position]
    candidates.sort(
        key=lambda other: (-score[other], abs(stamps[other] - me), paths[other])
    )
    return candidates[:k]


def related_for_all(articles, k: int, limit: int, keys=None) -> list[list[int]]:
    """For each article (by position in `articles`), the positions of its
    related articles, best first. `keys`: their `article_keys`, when known."""
    if keys is None:
        keys = [article_keys(a) for a in articles]
    index: dict[str, list[int]] = defaultdict(list)
    for position, groups in enumerate(keys):
        for group in groups.values():
            for key in group:
                index[key].append(position)
    # Distances in whole microseconds: exact, and in the same order as the
    # days they are.
    origin = articles[0].date if articles else None
    stamps = [(a.date - origin) // _MICROSECOND for a in articles]
    paths = [a.source_path for a in articles]
    return [
        _best_for(position, keys, index, k, limit, stamps, paths)
        for position in range(len(articles))
    ]


def link_related(articles, settings) -> None:
    """Set ``article.related`` on every article, from the lists of the last
    build when nothing they depend on changed (``related.cache``)."""
    k = setting(settings, "RELATED_MAX")
    limit = setting(settings, "RELATED_SCAN_LIMIT")
    keys = [article_keys(a) for a in articles]
    path = key = found = None
    if settings.get("CACHE_CONTENT") and settings.get("CACHE_PATH"):
        path = Path(settings["CACHE_PATH"]) / cache.FILE_NAME
        key = cache.inputs_key(articles, keys, k, limit, settings.get("PATH") or "")
        if settings.get("LOAD_CONTENT_CACHE", True):
            found = cache.load(path, key, len(articles))
    if found is None:
        found = related_for_all(articles, k, limit, keys)
        if path is not None:
            cache.save(path, key, found)
    for article, positions in zip(articles, found, strict=True):
        article.related = [articles[p] for p in positions]
