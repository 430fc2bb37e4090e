"""Two content files published at one address: keep one, report the other.

Pelican stops with a traceback (FileOverwriteFailedError) when it writes a
second page to an address already written. Instead, after reading, every
article and page whose address (save_as) is taken by an earlier file, in
path order, is left out with a message naming both files; a strict build
fails on it, a preview build goes on. `invoke check` reports the same
(portal.checks.site) before any build.
"""

from __future__ import annotations

import os

from .checks.site import clash_problem, clashes
from .diagnostics import Diagnostics

ARTICLE_LISTS = ("articles", "translations", "hidden_articles",
                 "hidden_translations", "drafts", "drafts_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations",
              "draft_pages", "draft_translations")


def _drop_clashes(generator, names, taken=()):
    """Remove from the generator's lists every item whose save_as is taken,
    by an item of `taken` or by an earlier one of these lists."""
    settings = generator.settings
    entries = [(item.save_as, "", item, None) for item in taken]
    for name in names:
        entries += [(item.save_as, item.source_path, item, name)
                    for item in getattr(generator, name, [])]
    diagnostics = Diagnostics.of(settings)
    dropped = []
    for (url, path, item, name), (_, _, first, _) in clashes(entries):
        if name is None:
            continue  # both were read by an earlier generator
        getattr(generator, name).remove(item)
        dropped.append(item)
        first_rel = os.path.relpath(first.source_path, settings["PATH"])
        diagnostics.skip(path, [clash_problem(path, url.removesuffix("index.html"),
                                              first_rel.replace(os.sep, "/"))])
    for name in names:
        for item in getattr(generator, name, []):
            if getattr(item, "translations", None):
                item.translations = [t for t in item.translations
                                     if t not in dropped]


def drop_article_clashes(generator):
    _drop_clashes(generator, ARTICLE_LISTS)


def drop_page_clashes(generator):
    context = generator.context
    taken = [item for name in ("articles", "hidden_articles", "drafts")
             for item in context.get(name, [])]
    _drop_clashes(generator, PAGE_LISTS, taken)
