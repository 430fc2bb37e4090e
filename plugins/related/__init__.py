"""Links from an article to other articles: related ones and neighbours.

After every generator has read its content (so the units and people of
the entities plugin are attached), each article gets

- ``article.related``: up to ``RELATED_MAX`` articles, those sharing the
  most units and leaders first, then the same category, then shared tags,
  then the nearest in date (``related.scoring``; the lists are kept in
  CACHE_PATH for the next build, ``related.cache``);
- ``article.newer`` / ``article.older``: the next article in time in either
  direction, for "Bài mới hơn" / "Bài cũ hơn" links (``related.neighbours``).

Settings (defaults in ``related.scoring.DEFAULTS``): ``RELATED_MAX`` (4),
``RELATED_SCAN_LIMIT`` (200: how many articles of one unit, person, tag or
category are looked at, the nearest in date; it keeps the work linear in
the number of articles however popular a unit is).
"""

from .neighbours import link_neighbours
from .scoring import link_related

__all__ = ["register"]


def link_all(generators) -> None:
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            link_neighbours(generator.articles)
            link_related(generator.articles, generator.settings)


def register() -> None:
    """Pelican entry point: only connects signals."""
    from pelican import signals

    signals.all_generators_finalized.connect(link_all)
