"""Compute each article's and page's URL once, when the context is final.

Pelican recomputes `url` and `save_as` from the URL settings on every access
(it copies the metadata, formats the date, resolves the source path and
even reads the clock). Templates of a large site ask for them hundreds of
thousands of times: every card on listing, unit and leader pages, previous
and next links, feeds. Profiling a cold build of 1,000 articles put this
among the five largest costs (see the README's Performance section).

Once every generator has finished its context (and every plugin its
`*_generator_finalized` work), nothing changes what a URL is made of, so
the computed values are stored in Pelican's own `override_url` and
`override_save_as` attributes, which `Content.get_url_setting` returns as
they are. The values are the same strings, so the output is byte-identical.
Pelican's content cache was already written by then, so it never stores them.
"""

from __future__ import annotations

from pelican.contents import Static

# Lists of content objects that generators keep (articles and pages).
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                 "hidden_articles", "hidden_translations", "pages",
                 "hidden_pages", "draft_pages", "draft_translations")


def freeze_urls(generators) -> None:
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, None) or ():
                if isinstance(item, Static):
                    continue
                # Read first: the properties still compute them here.
                url, save_as = item.url, item.save_as
                item.override_url = url
                item.override_save_as = save_as
