"""The Pelican side of entities: signal handlers and per-build state.

Reading happens in generate_context signals (registries when the article
generator starts, detection once every article is read), writing in the
article writer's signal. The state of one build lives in the settings, like
portal's Diagnostics, never in module globals.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import chain

from portal.diagnostics import Diagnostics
from portal.fingerprint import digest
from portal.incremental import add_site_input

from .cache import DetectionCache, content_key
from .detect import html_text
from .frontmatter import SourceLocator, apply
from .kinds import Kind
from .registry import Registries, load

STATE_KEY = "_ENTITIES_STATE"
DEFAULTS = {
    # Cache detection results by content hash in CACHE_PATH (when Pelican's
    # content cache is on too).
    "ENTITIES_CACHE": True,
}


@dataclass(frozen=True)
class PhotoItem:
    """One photo for a photo strip: the article, its photo dict, and a line
    to show with it (on a person's page: the titles that caption used)."""

    article: object
    photo: dict
    label: str = ""


class BuildState:
    """Per-build state, also given to templates as ENTITIES.

    `ENTITIES.ordered("units")`, `ENTITIES.get("people", id)`,
    `ENTITIES.articles_of(entry)`, `ENTITIES.photos_of(entry)`."""

    def __init__(self):
        self.kinds: list[Kind] = []
        self.registries: Registries | None = None
        self.articles: dict = {}  # (kind, id) -> published articles, newest first
        self.photos: dict = {}    # (kind, id) -> [PhotoItem]

    def __reduce__(self):
        # Pelican pickles articles with their settings and context into its
        # content cache; build state must not travel with them.
        return (BuildState, ())

    def __fingerprint__(self) -> str:
        # The registries are a site input; here: who is listed where.
        return digest(repr(sorted(
            (key, [getattr(a, "source_path", "") for a in articles])
            for key, articles in self.articles.items())) + repr(sorted(
            (key, [(p.article.source_path, repr(p.photo), p.label) for p in items])
            for key, items in self.photos.items())))

    def get(self, kind: str, id: str):
        return self.registries.get(kind, id) if self.registries else None

    def ordered(self, kind: str) -> list:
        if not self.registries or kind not in self.registries.kinds:
            return []
        return self.registries.ordered(kind)

    def articles_of(self, entity) -> list:
        return self.articles.get((entity.kind, entity.id), [])

    def photos_of(self, entity) -> list:
        return self.photos.get((entity.kind, entity.id), [])


def state_of(settings) -> BuildState:
    state = settings.get(STATE_KEY)
    if state is None:
        state = settings[STATE_KEY] = BuildState()
    return state


def enable(settings, kind: Kind) -> None:
    """Declare a kind's settings with their defaults and turn it on."""
    state = state_of(settings)
    if all(k.name != kind.name for k in state.kinds):
        state.kinds.append(kind)
    for key, value in {**DEFAULTS, **kind.defaults}.items():
        settings.setdefault(key, value)
    # Term pages are paginated like category pages.
    paginated = dict(settings.get("PAGINATED_TEMPLATES") or {})
    paginated.setdefault(kind.template, kind.setting(settings, "PAGINATION"))
    settings["PAGINATED_TEMPLATES"] = paginated


def enable_listed(pelican) -> None:
    """initialized: enable the kinds of the plugins listed in PLUGINS."""
    for plugin in pelican.settings.get("PLUGINS") or ():
        module = plugin if not isinstance(plugin, str) else sys.modules.get(
            plugin) or sys.modules.get(f"pelican.plugins.{plugin}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Kind):
            enable(pelican.settings, kind)


def load_registries(generator) -> None:
    """article_generator_init: read and check every registry once."""
    settings = generator.settings
    state = state_of(settings)
    if not state.kinds:
        return
    state.registries = load(generator.path, settings, state.kinds)
    # Every page may show a registry entry: a changed registry renders all.
    add_site_input(settings, "registries", state.registries.fingerprint)
    diagnostics = Diagnostics.of(settings)
    for problem in state.registries.problems:
        diagnostics.report(problem)
    generator.context["ENTITIES"] = state
    for kind in state.kinds:
        generator.context.update(kind.template_globals(state))


def attach(generator) -> None:
    """article_generator_pretaxonomy: detect and attach, then index."""
    settings = generator.settings
    state = state_of(settings)
    registries = state.registries
    if registries is None:
        return
    folder = None
    if settings.get("ENTITIES_CACHE") and settings.get("CACHE_CONTENT"):
        folder = settings.get("CACHE_PATH")
    cache = DetectionCache(folder, registries.fingerprint)
    diagnostics = Diagnostics.of(settings)
    everything = chain(generator.articles, generator.translations,
                       generator.drafts, generator.drafts_translations,
                       generator.hidden_articles, generator.hidden_translations)
    for article in everything:
        for problem in _attach_one(registries, cache, article):
            diagnostics.report(problem)
    cache.save()
    _index(state, generator.articles)


def _attach_one(registries: Registries, cache: DetectionCache, article) -> list:
    photos = getattr(article, "photos", None) or []
    captions = [photo.get("caption", "") for photo in photos]
    title = str(getattr(article, "title", ""))
    body = getattr(article, "_content", "") or ""
    key = content_key(title, body, *captions)
    detection = cache.get(key)
    if detection is None:
        detection = registries.detect(title, html_text(body, captions=False), captions)
        cache.put(key, detection)
    metadata = getattr(article, "metadata", {})
    header = {key: value for key, value in metadata.items() if isinstance(key, str)}
    locator = SourceLocator(article.source_path)
    ids, tagged, problems = apply(registries, detection, header, locator)
    for name, chosen in ids.items():
        setattr(article, name, [registries.get(name, id_) for id_ in chosen])
    for photo, found in zip(photos, tagged, strict=False):
        photo.update(found)
    return problems


def _index(state: BuildState, articles) -> None:
    """Articles and photos per entry; `articles` is already newest first."""
    state.articles, state.photos = {}, {}
    for article in articles:
        for kind in state.kinds:
            for entity in getattr(article, kind.name, ()):
                state.articles.setdefault((kind.name, entity.id), []).append(article)
        for photo in getattr(article, "photos", None) or []:
            for kind in state.kinds:
                for id_ in photo.get(kind.name, ()):
                    label = photo.get("titles", {}).get(id_, "")
                    state.photos.setdefault((kind.name, id_), []).append(
                        PhotoItem(article, photo, label))


def write_pages(generator, writer) -> None:
    """article_writer_finalized: index, term pages and feeds of every kind."""
    from .pages import write_kind

    state = state_of(generator.settings)
    if state.registries is None:
        return
    for kind in state.kinds:
        write_kind(generator, writer, state, kind)

