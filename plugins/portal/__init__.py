"""Core of the portal build: content checks, diagnostics, strict builds, a
deterministic article order, and the speed-ups of large builds (URLs
computed once, `portal.urls`; templates compiled once, `portal.templates`;
only changed pages rendered and written, `portal.incremental`).
Other plugins report problems through `portal.diagnostics`."""

from pelican import signals

from .buildlock import wait_for_other_builds
from .diagnostics import Diagnostics
from .duplicates import drop_article_clashes, drop_page_clashes
from .incremental import finish as finish_pages
from .incremental import get_writer, index_contents, install_tracking
from .published import PublishedFiles, confine
from .reader import PortalMarkdownReader, replay
from .templates import compile_templates_once
from .urls import freeze_urls


def start_build(pelican):
    diagnostics = Diagnostics(strict=bool(pelican.settings.get("PORTAL_STRICT")))
    pelican.settings[Diagnostics.SETTINGS_KEY] = diagnostics
    diagnostics.start()


def use_reader(readers):
    """Articles and pages are Markdown, read by our reader; Pelican's HTML
    reader would publish an .html file beside an article as a page, script
    and all."""
    for extension in PortalMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PortalMarkdownReader
    for extension in ("html", "htm"):
        readers.reader_classes.pop(extension, None)


def order_articles(generator):
    """Pelican lists source files as a set, so articles with the same date
    would come out in a different order from run to run; the source path
    breaks the tie, and later stable sorts by date keep it."""
    for name in ("articles", "drafts", "hidden_articles"):
        items = getattr(generator, name)
        items.sort(key=lambda a: a.source_path)
        items.sort(key=lambda a: a.date, reverse=True)


def published_files(pelican):
    return PublishedFiles


def finish_build(pelican):
    Diagnostics.of(pelican.settings).finish()


def register():
    signals.initialized.connect(wait_for_other_builds)
    signals.initialized.connect(start_build)
    signals.initialized.connect(compile_templates_once)
    signals.readers_init.connect(use_reader)
    signals.article_generator_pretaxonomy.connect(drop_article_clashes)
    signals.article_generator_pretaxonomy.connect(order_articles)
    signals.page_generator_finalized.connect(drop_page_clashes)
    signals.all_generators_finalized.connect(replay)
    signals.all_generators_finalized.connect(freeze_urls)
    signals.all_generators_finalized.connect(index_contents)
    signals.generator_init.connect(install_tracking)
    signals.generator_init.connect(confine)
    signals.get_generators.connect(published_files)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish_pages)
    signals.finalized.connect(finish_build)
