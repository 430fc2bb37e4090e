"""The search plugin's settings, declared once with their defaults.

Each is documented in the README's Settings table; a site overrides them in
pelicanconf.py. `apply_defaults` fills in what the site did not set, so the
rest of the plugin (and the templates) can rely on every key being present.
"""

DEFAULTS = {
    # Address and file of the search page (a plain GET form: ?q=...).
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_SAVE_AS": "tim-kiem/index.html",
    # Theme template rendering the search page.
    "SEARCH_TEMPLATE": "search.html",
    # Folder of the Pagefind bundle inside OUTPUT_PATH.
    "SEARCH_BUNDLE_DIR": "pagefind",
    # Language of the index (ISO 639-1): every article is indexed as this.
    "SEARCH_LANGUAGE": "vi",
    # Articles per Pagefind bundle: a larger archive is indexed in shards of
    # this many articles, one after the other (Pagefind holds what it indexes
    # in memory, about 175 KB per article), and searched together.
    "SEARCH_SHARD_ARTICLES": 5000,
    # Seconds the Pagefind binary may take before the build gives up on it.
    "SEARCH_TIMEOUT": 300,
    # Results shown at once; "Xem thêm" shows as many more.
    "SEARCH_RESULTS_PER_PAGE": 10,
    # Pages offered when search cannot run (no JavaScript) or finds nothing:
    # (label, URL relative to SITEURL) pairs.
    "SEARCH_FALLBACK_LINKS": (
        ("Danh bạ các đơn vị", "don-vi/"),
        ("Lãnh đạo quận", "lanh-dao/"),
        ("Lưu trữ tin bài", "luu-tru/"),
    ),
    # When set, a JSON file where each build writes its index figures
    # (article count, seconds, bytes); used by the benchmark.
    "SEARCH_STATS_FILE": None,
}


def apply_defaults(settings) -> None:
    """Add the defaults for every SEARCH_* setting the site left out."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
