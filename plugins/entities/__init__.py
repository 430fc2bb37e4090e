"""Registry-backed taxonomies: one mechanism for units and people.

A registry is a YAML list under content/data/ (one entry per unit or person,
keyed by a stable id that is also the URL slug). The mechanism loads and
checks every registry, compiles one matcher for all names and aliases, finds
them in each article's title, body and photo captions in one pass, attaches
the results to articles and photos, and writes an index page, one paginated
page and one Atom feed per entry. The kinds themselves (`units`, `people`)
only declare fields, settings, ordering and templates.

Public API without Pelican (the importer, `invoke check`, the benchmark)::

    import entities
    registries = entities.load("content")       # -> Registries
    registries.problems                         # list of portal Problem
    found = registries.detect(title=..., body=..., captions=[...])
    found.units, found.people                   # ids, display/protocol order
    found.photos[i]                             # {"units", "people", "titles"}
    found.unregistered                          # names after Đồng chí/Ông/Bà
                                                # that are not registered
    entities.detect_ids(registries, title, body, captions)
                                                # -> {"units": [...], "people": [...]}

In a Pelican build (plugins "units" and/or "people"), after
`article_generator_pretaxonomy` every article has `article.units` and
`article.people` (lists of entries with `.id`, `.name`, `.url`; people also
`.title_at(date)`), and each dict of `article.photos` has "units", "people"
(ids) and "titles" ({person id: titles as written in that caption}).
Templates get `ENTITIES` (see `build.BuildState`).

Settings (defaults in each kind; see README): `<KIND>_REGISTRY`, `_URL`,
`_SAVE_AS`, `_INDEX_URL`, `_INDEX_SAVE_AS`, `_FEED_ATOM`, `_PAGINATION`,
`_PHOTOS_MAX`, plus UNITS_TYPES, PEOPLE_HONORIFICS, PEOPLE_RANKS, PEOPLE_TITLES,
PEOPLE_LISTS, PEOPLE_TITLE_ABBREVIATIONS and ENTITIES_CACHE.
"""

from __future__ import annotations

from .detect import Detection, Unregistered, html_text
from .kinds import Entity, Kind
from .registry import Registries, load

__all__ = [
    "Detection",
    "Entity",
    "Kind",
    "Registries",
    "Unregistered",
    "detect_ids",
    "enable",
    "html_text",
    "load",
    "register",
]


def detect_ids(registries: Registries, title: str = "", body: str = "",
               captions=()) -> dict[str, list[str]]:
    """Ids per kind named by an article's texts (for front matter)."""
    return registries.detect(title, body, captions).ids


def enable(settings: dict, kind: Kind) -> None:
    """Turn a kind on for this build (called by the kind's plugin)."""
    from .build import enable as _enable

    _enable(settings, kind)


def register() -> None:
    """Pelican entry point, also called by the `units` and `people` plugins.
    When Pelican starts, every plugin in PLUGINS whose module has a `KIND`
    is enabled. Connecting the same handlers twice is harmless (signals keep
    one of each)."""
    from pelican import signals

    from . import build

    signals.initialized.connect(build.enable_listed)
    signals.article_generator_init.connect(build.load_registries)
    signals.article_generator_pretaxonomy.connect(build.attach)
    signals.article_writer_finalized.connect(build.write_pages)
