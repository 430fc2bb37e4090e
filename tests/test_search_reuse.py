"""Search plugin: a build whose search documents did not change keeps the
published Pagefind bundle instead of running Pagefind again; any change to
the documents or to the published files makes a fresh index. Real builds,
compared on the bundle's bytes and the files' modification times."""

from __future__ import annotations

import json

import pytest
from test_search import article, bundle_hashes, read_fragments

# The plugin's messages are INFO: shown by `pelican -v`, asked for here.
VERBOSE = "import logging\nlogging.getLogger('search').setLevel(logging.INFO)\n"
REUSED = "search: chỉ mục tìm kiếm không đổi, bỏ qua lập chỉ mục (3 bài)"
INDEXED = "search: đã lập chỉ mục 3 bài viết"


def write_site(site):
    site.write(
        "articles/2025/03/doi.md",
        article(
            title="Đội Thanh tra ra quân",
            body="Anh Nguyễn Văn Đức phát biểu. Quận uỷ theo dõi.",
        ),
    )
    site.write(
        "articles/2025/02/hoa.md",
        article(title="Hoà giải cơ sở", date="2025-02-10 16:30", category="Đô thị"),
    )
    site.write(
        "articles/2024/12/nfd.md",
        # NFD on purpose: editors' files arrive in either form.
        article(title="Quận ủy họp", date="2024-12-01 08:00").replace(
            "Quận ủy", "Qua\u0323\u0302n u\u0309y"
        ),
    )


def build(site, extra="", strict=False):
    """Build into output/ (cache in cache-output/); the log, one line, and
    the index figures of SEARCH_STATS_FILE."""
    stats_file = site.root / "stats.json"
    stats_file.unlink(missing_ok=True)
    result = site.build(
        strict=strict,
        extra=VERBOSE + f"SEARCH_STATS_FILE = {str(stats_file)!r}\n" + extra,
    )
    assert result.returncode == 0, result.log
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return result, " ".join(result.log.split()), stats


@pytest.fixture
def built(site):
    write_site(site)
    first, log, stats = build(site)
    assert INDEXED in log and REUSED not in log
    assert stats["reused"] is False and stats["pagefind_seconds"] > 0
    # Pagefind's work folder (in the cache) is gone, and nothing was staged
    # in the output.
    assert not list((site.root / "cache-output").glob("search-work-*"))
    assert not list(first.output.glob(".search-*"))
    return first


def mtimes(folder) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_second_build_keeps_the_bundle_untouched(site, built):
    bundle = built.output / "pagefind"
    hashes, times = bundle_hashes(bundle), mtimes(bundle)
    figures = json.loads((site.root / "stats.json").read_text(encoding="utf-8"))
    second, log, stats = build(site)
    assert REUSED in log and INDEXED not in log
    # Not rewritten, not even with the same bytes; no staging left behind.
    assert bundle_hashes(bundle) == hashes and len(hashes) > 5
    assert mtimes(bundle) == times
    assert not list(second.output.glob(".search-*"))
    # The benchmark's figures are still written, and say so.
    assert stats["reused"] is True and stats["pagefind_seconds"] == 0
    for name in ("articles", "bundle_bytes", "data_bytes", "bytes_per_article"):
        assert stats[name] == figures[name]
    # `pelican --ignore-cache` indexes again, to the same bytes.
    _, log, stats = build(site, extra="LOAD_CONTENT_CACHE = False\n")
    assert INDEXED in log and stats["reused"] is False
    assert bundle_hashes(bundle) == hashes


def test_an_edited_article_is_indexed_again(site, built):
    site.write(
        "articles/2025/02/hoa.md",
        article(
            title="Hoà giải cơ sở",
            date="2025-02-10 16:30",
            category="Đô thị",
            body="Tổ hoà giải phường Plumbago đạt giải nhất.",
        ),
    )
    second, log, stats = build(site)
    assert INDEXED in log and REUSED not in log and stats["reused"] is False
    [record] = [
        r
        for r in read_fragments(second.output / "pagefind")
        if r["url"] == "/tin-tuc/2025/02/hoa/"
    ]
    assert "Plumbago" in record["content"]
    # The next build has nothing new to index again.
    _, log, _ = build(site)
    assert REUSED in log


@pytest.mark.parametrize("change", ["deleted", "edited", "added"])
def test_a_changed_bundle_file_is_indexed_again(site, built, change):
    bundle = built.output / "pagefind"
    hashes = bundle_hashes(bundle)
    fragment = sorted((bundle / "fragment").iterdir())[0]
    if change == "deleted":
        fragment.unlink()
    elif change == "edited":
        # Same size, other bytes: only the content tells.
        data = bytearray(fragment.read_bytes())
        data[-1] ^= 0xFF
        fragment.write_bytes(bytes(data))
    else:
        (bundle / "fragment" / "thua.pf_fragment").write_bytes(b"thua")
    _, log, stats = build(site)
    assert INDEXED in log and stats["reused"] is False
    # Rebuilt as it was: the stray file is gone, the damaged one restored.
    assert bundle_hashes(bundle) == hashes


@pytest.mark.parametrize("content", ["", "{không phải json", '{"format": 1}'])
def test_an_unreadable_cache_file_means_a_fresh_index(site, built, content):
    cache_file = site.root / "cache-output" / "search-index.json"
    assert cache_file.is_file()
    cache_file.write_text(content, encoding="utf-8")
    _, log, stats = build(site, strict=True)
    assert INDEXED in log and stats["reused"] is False
    assert json.loads(cache_file.read_text(encoding="utf-8"))["files"]
