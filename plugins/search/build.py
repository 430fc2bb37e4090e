"""The plugin's part in a Pelican build: settings and search page at the
start, the article list once every generator is done, the index started
before the first page is written and put in place at the end.

Why "before the first page": the search documents are made from the articles
(records.py), and by the time Pelican asks for its writer (`get_writer`),
every plugin has had its say (`all_generators_finalized`: portal freezes the
URLs, entities and related have attached theirs) and Pelican has resolved
the links in every summary. From there on nothing the documents read
changes, so Pagefind can index them in the background (indexer.IndexJob)
while Pelican renders; `finalized` waits for it and swaps the bundle in.
When the documents are those of the published bundle, Pagefind is not run
at all (reuse.py) and the output folder is left as it is.

Build state lives in the settings of the build (never in this module), in
an object that Pelican's content cache cannot carry into another build.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

from portal.diagnostics import ERROR, Diagnostics, Problem

from . import reuse
from .facets import search_facets
from .indexer import (
    IndexJob,
    IndexStats,
    SearchError,
    install,
    shard_folders,
    sizes,
)
from .records import documents
from .settings import apply_defaults

logger = logging.getLogger(__name__)

_STATE = "_SEARCH_STATE"


class _State:
    """This build's articles (the ArticlesGenerator's list, with every
    plugin's changes in it) and what became of their index."""

    def __init__(self):
        self.articles = []
        self.seconds = 0.0  # making the documents and deciding on reuse
        self.key = ""  # reuse.index_key of the documents
        self.reused: dict | None = None  # the cache entry of the kept bundle
        self.job: IndexJob | None = None
        self.work: Path | None = None  # the job's folder in CACHE_PATH

    def __reduce__(self):
        return (_State, ())


def setup(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    pages = dict(settings.get("TEMPLATE_PAGES") or {})
    pages.setdefault(settings["SEARCH_TEMPLATE"], settings["SEARCH_SAVE_AS"])
    settings["TEMPLATE_PAGES"] = pages
    settings[_STATE] = _State()


def add_filters(generator) -> None:
    generator.env.filters["search_facets"] = search_facets


def remember_articles(generators) -> None:
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            state = generator.settings.get(_STATE)
            if state is not None:
                state.articles = generator.articles
                generator.context["SEARCH_BUNDLES"] = bundles(
                    generator.settings, len(state.articles))


def bundles(settings, articles: int) -> list[str]:
    """The `pagefind.js` of every shard of the index, relative to SITEURL,
    newest articles first (what the search page loads)."""
    folders = shard_folders(articles, int(settings["SEARCH_SHARD_ARTICLES"]))
    return [
        "/".join(part for part in (settings["SEARCH_BUNDLE_DIR"], folder,
                                   "pagefind.js") if part)
        for folder in reversed(folders)
    ]


def start_index(pelican) -> None:
    """At `get_writer`: make the documents; keep the published bundle when
    they are those it was made from, else start Pagefind in the background.
    Returns None: the plugin offers no writer."""
    settings = pelican.settings
    state = settings.get(_STATE)
    if state is None:
        return
    started = time.perf_counter()
    records = documents(state.articles)
    state.key = reuse.index_key(
        records,
        language=settings["SEARCH_LANGUAGE"],
        bundle_dir=settings["SEARCH_BUNDLE_DIR"],
        shard_articles=int(settings["SEARCH_SHARD_ARTICLES"]),
    )
    if settings.get("LOAD_CONTENT_CACHE", True):
        # `pelican --ignore-cache` (LOAD_CONTENT_CACHE = False) re-indexes.
        cached = reuse.load(_cache_file(settings))
        bundle = Path(pelican.output_path) / settings["SEARCH_BUNDLE_DIR"]
        if (
            cached
            and cached["key"] == state.key
            and reuse.unchanged(bundle, cached["files"])
        ):
            state.reused = cached
            state.seconds = time.perf_counter() - started
            return
    cache = Path(settings["CACHE_PATH"])
    cache.mkdir(parents=True, exist_ok=True)
    state.work = Path(tempfile.mkdtemp(prefix="search-work-", dir=cache))
    state.job = IndexJob(
        records,
        state.work,
        language=settings["SEARCH_LANGUAGE"],
        timeout=float(settings["SEARCH_TIMEOUT"]),
        shard_articles=int(settings["SEARCH_SHARD_ARTICLES"]),
    ).start()
    state.seconds = time.perf_counter() - started


def write_index(pelican) -> None:
    """At `finalized`: wait for the index and put it in place, or say that
    the published one was kept."""
    settings = pelican.settings
    state = settings.get(_STATE)
    if state is None:
        return
    if state.reused is None and state.job is None:
        start_index(pelican)  # a run that never asked for a writer
    reused, job = state.reused, state.job
    state.reused = state.job = None  # a later run starts afresh
    bundle = Path(pelican.output_path) / settings["SEARCH_BUNDLE_DIR"]
    if reused is not None:
        total, data = sizes(reused["files"])
        stats = IndexStats(
            len(state.articles),
            state.seconds,
            0.0,
            total,
            data,
            reused=True,
        )
        logger.info(
            "search: chỉ mục tìm kiếm không đổi, bỏ qua lập chỉ mục (%d bài)",
            stats.articles,
        )
        _write_stats(settings, stats)
        return
    finishing = time.perf_counter()
    try:
        files = job.finish()
        install(job.bundle, bundle)
    except SearchError as error:
        Diagnostics.of(settings).report(
            Problem(
                plugin="search",
                path=str(bundle),
                line=None,
                message=f"không tạo được chỉ mục tìm kiếm: {error}",
                hint="trang vẫn được dựng nhưng ô tìm kiếm sẽ không có kết quả mới; "
                "hãy chạy lại `make serve` để cài lại môi trường, rồi dựng lại",
                level=ERROR,
            )
        )
        return
    finally:
        _drop_work(state, job)
    try:
        reuse.save(_cache_file(settings), state.key, files)
    except OSError as error:
        # The index is published; only the next build's shortcut is lost.
        logger.info("search: không ghi được bộ nhớ đệm chỉ mục (%s)", error)
    total, data = sizes(files)
    finished = time.perf_counter() - finishing - job.waited_seconds
    stats = IndexStats(
        job.articles,
        # The index's own work: documents, Pagefind, published form, swap;
        # not the rendering Pagefind ran beside.
        state.seconds + job.pagefind_seconds + finished,
        job.pagefind_seconds,
        total,
        data,
        waited_seconds=job.waited_seconds,
    )
    logger.info(
        "search: đã lập chỉ mục %d bài viết trong %.2f giây "
        "(gói %d KB, dữ liệu %.1f KB mỗi bài)",
        stats.articles,
        stats.seconds,
        stats.bundle_bytes // 1024,
        stats.bytes_per_article / 1024,
    )
    _write_stats(settings, stats)


def _cache_file(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / reuse.CACHE_NAME


def _drop_work(state, job: IndexJob) -> None:
    """Remove the job's work folder, unless the job is somehow still running
    (a daemon thread that ends with the build)."""
    if state.work is not None and job.done():
        shutil.rmtree(state.work, ignore_errors=True)
    state.work = None


def _write_stats(settings, stats: IndexStats) -> None:
    if settings.get("SEARCH_STATS_FILE"):
        Path(settings["SEARCH_STATS_FILE"]).write_text(
            json.dumps(stats.as_dict(), indent=2) + "\n", encoding="utf-8"
        )
