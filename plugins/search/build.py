"""The plugin's part in a Pelican build: settings and search page at the
start, the article list once every generator is done, the index at the end.

Build state lives in the settings of the build (never in this module), in
an object that Pelican's content cache cannot carry into another build.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from portal.diagnostics import ERROR, Diagnostics, Problem

from .facets import search_facets
from .indexer import SearchError, build_index
from .settings import apply_defaults

logger = logging.getLogger(__name__)

_STATE = "_SEARCH_ARTICLES"


class _Articles:
    """The ArticlesGenerator's list, read at the end of the build so that
    every plugin's changes to the articles are in it."""

    def __init__(self, articles=None):
        self.articles = articles if articles is not None else []

    def __reduce__(self):
        return (_Articles, ())


def setup(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    pages = dict(settings.get("TEMPLATE_PAGES") or {})
    pages.setdefault(settings["SEARCH_TEMPLATE"], settings["SEARCH_SAVE_AS"])
    settings["TEMPLATE_PAGES"] = pages
    settings[_STATE] = _Articles()


def add_filters(generator) -> None:
    generator.env.filters["search_facets"] = search_facets


def remember_articles(generators) -> None:
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            state = generator.settings.get(_STATE)
            if state is not None:
                state.articles = generator.articles


def write_index(pelican) -> None:
    settings = pelican.settings
    state = settings.get(_STATE)
    articles = sorted(state.articles if state else [], key=lambda a: a.save_as)
    output = Path(pelican.output_path)
    try:
        stats = build_index(
            articles,
            output,
            bundle_dir=settings["SEARCH_BUNDLE_DIR"],
            language=settings["SEARCH_LANGUAGE"],
            timeout=float(settings["SEARCH_TIMEOUT"]),
        )
    except SearchError as error:
        Diagnostics.of(settings).report(
            Problem(
                plugin="search",
                path=str(output / settings["SEARCH_BUNDLE_DIR"]),
                line=None,
                message=f"không tạo được chỉ mục tìm kiếm: {error}",
                hint="trang vẫn được dựng nhưng ô tìm kiếm sẽ không có kết quả mới; "
                "hãy chạy lại `make serve` để cài lại môi trường, rồi dựng lại",
                level=ERROR,
            )
        )
        return
    logger.info(
        "search: đã lập chỉ mục %d bài viết trong %.2f giây "
        "(gói %d KB, dữ liệu %.1f KB mỗi bài)",
        stats.articles,
        stats.seconds,
        stats.bundle_bytes // 1024,
        stats.bytes_per_article / 1024,
    )
    if settings.get("SEARCH_STATS_FILE"):
        Path(settings["SEARCH_STATS_FILE"]).write_text(
            json.dumps(stats.as_dict(), indent=2) + "\n", encoding="utf-8"
        )
