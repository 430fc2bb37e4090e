"""Shared Vietnamese text handling for the portal: normalisation, match keys,
slugs, alphabetical order and dates, plus the Pelican plugin that exposes
them to templates as Jinja filters."""

from .collation import person_sort_key, sort_key
from .dates import format_date, format_datetime, format_long_datetime
from .filters import add_filters, jinja_filters
from .normalize import nfc, search_fold, slugify
from .tones import match_key

__all__ = [
    "format_date",
    "format_datetime",
    "format_long_datetime",
    "jinja_filters",
    "match_key",
    "nfc",
    "person_sort_key",
    "register",
    "search_fold",
    "slugify",
    "sort_key",
]


def register() -> None:
    """Pelican entry point: add the filters once each generator is built."""
    from pelican import signals

    signals.generator_init.connect(add_filters)
