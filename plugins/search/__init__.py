"""Site search with Pagefind, folded for Vietnamese readers who type without
diacritics: "doi thanh tra" finds "Đội Thanh tra", "nguyen van duc" finds
"Nguyễn Văn Đức".

The articles are indexed by the `pagefind` program (indexer.py) from
search documents built from the articles themselves (records.py), with "đ"
made foldable (fold.py): in the background while Pelican renders the pages,
and not at all when the documents are those of the published index
(reuse.py; build.py says when each step runs). The plugin also adds the
search page (TEMPLATE_PAGES) and the `search_facets` template filter that
lists the values of its filters (facets.py).
"""

from .facets import search_facets
from .fold import mark_d, unmark_d
from .indexer import IndexStats, SearchError, build_index
from .settings import DEFAULTS

__all__ = [
    "DEFAULTS",
    "IndexStats",
    "SearchError",
    "build_index",
    "mark_d",
    "register",
    "search_facets",
    "unmark_d",
]


def register() -> None:
    from pelican import signals

    from . import build

    signals.initialized.connect(build.setup)
    signals.generator_init.connect(build.add_filters)
    signals.all_generators_finalized.connect(build.remember_articles)
    signals.get_writer.connect(build.start_index)
    signals.finalized.connect(build.write_index)
