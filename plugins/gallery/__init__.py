"""Photos of the portal: responsive derivatives, galleries, lightbox and
the photo library (/anh/).

Every image an article or page uses (figures, inline images, the featured
`Image:`) is published only as derivatives: several widths, WebP plus a JPEG
(or, with transparency, PNG) fallback, upright, in sRGB, without any
metadata, cached by content hash outside output/ and made in parallel. The
raw uploads are never published. Settings (`GALLERY_*`) are declared in
`gallery.settings` and documented in the README.

Modules: settings (defaults, spec), encode and colour (one source → its
derivatives, in a worker), cache (entries and source hashes), pipeline
(parallel run), rendition (URLs for templates), markup (HTML rewrite),
references (files and lines of photos), library (photo lists), generator
(the Pelican generator), publish_guard (no raw image in output/), bench
(the photo benchmark).
"""

from .generator import PhotoGenerator
from .library import PhotoItem, photo_items
from .publish_guard import drop_raw_images
from .settings import DEFAULTS, setting

__all__ = ["PhotoGenerator", "PhotoItem", "photo_items", "register"]


def configure(pelican) -> None:
    """Paginate the photo library like Pelican's own paginated templates."""
    settings = pelican.settings
    templates = dict(settings.get("PAGINATED_TEMPLATES") or {})
    templates.setdefault("photos", setting(settings, "GALLERY_PHOTOS_PER_PAGE"))
    settings["PAGINATED_TEMPLATES"] = templates
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)


def get_generators(pelican):
    return PhotoGenerator


def add_filters(generator) -> None:
    generator.env.filters["photo_items"] = photo_items


def register() -> None:
    from pelican import signals

    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.static_generator_finalized.connect(drop_raw_images)
