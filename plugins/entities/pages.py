"""The pages of a kind: its index, one paginated page per entry, one Atom
feed per entry. What each template gets beyond the common variables comes
from the kind (`Kind.index_context`, `Kind.page_context`)."""

from __future__ import annotations


def write_kind(generator, writer, state, kind) -> None:
    settings = generator.settings
    context = generator.context
    relative = settings.get("RELATIVE_URLS", False)
    index_as = kind.setting(settings, "INDEX_SAVE_AS")
    if index_as:
        writer.write_file(
            index_as, generator.get_template(kind.index_template), context,
            relative_urls=relative, template_name=kind.index_template,
            url=kind.setting(settings, "INDEX_URL"),
            **kind.index_context(state, settings))
    template = generator.get_template(kind.template)
    save_pattern = kind.setting(settings, "SAVE_AS")
    feed_pattern = kind.setting(settings, "FEED_ATOM")
    limit = kind.setting(settings, "PHOTOS_MAX")
    for entity in state.ordered(kind.name):
        articles = state.articles_of(entity)
        # No feed without articles: an empty Atom feed takes the clock's time
        # as its date, and the build must not depend on the clock.
        feed = feed_pattern.format(id=entity.id) if feed_pattern and articles else None
        if save_pattern:
            photos = state.photos_of(entity)
            writer.write_file(
                save_pattern.format(id=entity.id), template, context,
                relative_urls=relative, paginated={"articles": articles},
                template_name=kind.template, url=entity.url,
                entity=entity, articles=articles,
                photos=photos[:limit] if limit else photos,
                photos_total=len(photos), entity_feed=feed,
                **{kind.template: entity},
                **kind.page_context(entity, state, settings))
        if feed:
            writer.write_feed(articles, context, feed, feed, feed_title=entity.name)
