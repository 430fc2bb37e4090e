"""Jinja filters exposing the Vietnamese helpers to Pelican templates."""

from .collation import sort_key
from .dates import format_date, format_datetime, format_long_datetime
from .normalize import search_fold, slugify


def jinja_filters() -> dict:
    """Return a fresh name -> function mapping for ``env.filters``."""
    return {
        "vn_date": format_date,
        "vn_datetime": format_datetime,
        "vn_long_datetime": format_long_datetime,
        "vn_sort_key": sort_key,
        "search_fold": search_fold,
        "vn_slugify": slugify,
    }


def add_filters(generator) -> None:
    """Install the filters on a Pelican generator's Jinja environment."""
    generator.env.filters.update(jinja_filters())
