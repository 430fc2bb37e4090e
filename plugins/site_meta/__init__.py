"""What the site says about itself to browsers, search engines and apps.

Template helpers for the ``<head>`` (absolute URLs for canonical and Open
Graph, the photos of an article, JSON-LD serialised safely) and the files a
portal is expected to publish: ``sitemap.xml`` (every page written by the
build), ``robots.txt``, ``manifest.webmanifest`` and the favicon and app
icons, drawn from the theme colour so another district gets its own.

Settings are declared with their defaults in ``site_meta.settings``.
"""

from .helpers import install_helpers
from .publish import record_page, start, write_files

__all__ = ["register"]


def register() -> None:
    """Pelican entry point: only connects signals."""
    from pelican import signals

    signals.initialized.connect(start)
    signals.generator_init.connect(install_helpers)
    signals.content_written.connect(record_page)
    signals.finalized.connect(write_files)
