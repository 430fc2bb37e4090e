"""A real archive: 3,000 generated articles (a few dozen with photos), built
strictly with the real Pelican build and searched through the real Pagefind
bundle in headless Chromium.

The corpus is the benchmark's (bench.corpus), so what the benchmark measures
is what the suite proves works. Expected results are read from the corpus
and the built pages, never from the index.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
import vn_text
from bench.corpus import CorpusSpec, generate
from bs4 import BeautifulSoup
from conftest import Site, serve

pytestmark = pytest.mark.slow

ARTICLES = 3000
PHOTO_EVERY = 100  # 30 photo reports of 1-4 photos
# The index in shards (SEARCH_SHARD_ARTICLES), as a larger archive has it.
SHARD = 1200
# A word of no other article, with "đ" and a tone mark, planted in one.
PLANTED = "Đắkmơrông"
PLANTED_NUMBER = 1234
LEADER = "Nguyễn Văn Đức"
UNIT = "phong-noi-vu"
_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b|Traceback|cảnh báo|lỗi:")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    # Photos a little wider than the largest responsive width: the build
    # makes every derivative, and nothing is "too small".
    corpus = generate(root / "corpus", CorpusSpec(
        ARTICLES, photo_every=PHOTO_EVERY, photo_size=(1600, 1200)))
    target = corpus.articles[PLANTED_NUMBER - 1]
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.rstrip("\n") + f"\n\nĐoàn công tác đã về thôn {PLANTED} khảo sát.\n",
        encoding="utf-8")
    result = Site(root, content=corpus.content).build(
        strict=True, extra=f"SEARCH_SHARD_ARTICLES = {SHARD}\n")
    return corpus, target, result


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_url(corpus, path) -> str:
    rel = path.relative_to(corpus.content / "articles").with_suffix("")
    return f"/tin-tuc/{rel.as_posix()}/"


def test_a_strict_build_of_the_archive_succeeds_without_a_warning(archive):
    corpus, _, result = archive
    assert result.returncode == 0, result.log[-3000:]
    problems = [line for line in result.log.splitlines() if _PROBLEM.search(line)]
    assert not problems, "\n".join(problems[:20])
    assert corpus.photos >= 30
    assert f"Processed {ARTICLES} articles" in " ".join(result.log.split())


def test_every_page_type_is_built(archive):
    corpus, _, result = archive
    out = result.output
    pages = list((out / "tin-tuc").rglob("index.html"))
    assert len(pages) == ARTICLES
    for rel in ("index.html", "feed.xml", "sitemap.xml", "404.html",
                "tim-kiem/index.html", "anh/index.html", "don-vi/index.html",
                "lanh-dao/index.html", "luu-tru/index.html",
                "gioi-thieu/index.html", "lien-he/index.html",
                f"don-vi/{UNIT}/index.html", f"don-vi/{UNIT}/feed.xml",
                "lanh-dao/nguyen-van-duc/index.html",
                "lanh-dao/nguyen-van-duc/feed.xml",
                "chuyen-muc/tin-hoat-dong/index.html",
                "chuyen-muc/tin-hoat-dong/feed.xml"):
        assert (out / rel).is_file(), rel
    assert list((out / "the").glob("*/index.html")), "tag pages"
    assert list((out / "tac-gia").glob("*/index.html")), "author pages"
    assert list((out / "luu-tru").glob("20*/index.html")), "yearly archives"
    # Long lists are paginated.
    assert list((out / "chuyen-muc/tin-hoat-dong").glob("trang/*/index.html"))
    assert list((out / f"don-vi/{UNIT}").glob("trang/*/index.html"))
    # A photo report: every photo is a responsive <picture> of files on disk.
    photo_article = corpus.articles[PHOTO_EVERY - 1]
    page = soup(out / article_url(corpus, photo_article).strip("/") / "index.html")
    pictures = page.select(".vn-article__body picture")
    assert pictures
    for picture in pictures:
        for candidate in picture.img["srcset"].split(","):
            src = candidate.split()[0]
            assert (out / src.lstrip("/")).is_file(), src
    shards = sorted((out / "pagefind").glob("*/pagefind-entry.json"))
    assert len(shards) == -(-ARTICLES // SHARD)
    # Each shard: its articles and the page of the archive's words.
    assert sum(len(list((entry.parent / "fragment").iterdir()))
               for entry in shards) == ARTICLES + len(shards)


# --- search, in the browser ----------------------------------------------------


@pytest.fixture(scope="module")
def archive_url(archive):
    _, _, result = archive
    assert result.returncode == 0, result.log[-3000:]
    url, server = serve(result.output)
    yield url
    server.shutdown()


def search(page, base, **params) -> tuple[int, list[str]]:
    """(the number of results the page announces, the first results' URLs)."""
    page.goto(f"{base}/tim-kiem/?{urlencode(params)}")
    page.wait_for_function(
        "() => { const list = document.querySelector('[data-vn-search-list]');"
        " const status = document.querySelector('[data-vn-search-status]');"
        " return list.getAttribute('aria-busy') === 'false' && status.textContent; }",
        timeout=60_000,
    )
    status = page.text_content("[data-vn-search-status]")
    count = re.search(r"Tìm thấy ([\d.]+) kết quả", status)
    assert count, status
    found = page.eval_on_selector_all(
        ".vn-search-result a", "links => links.map(a => a.getAttribute('href'))")
    return int(count[1].replace(".", "")), found


def naming(corpus, phrase: str) -> set[str]:
    key = vn_text.match_key(phrase)
    return {article_url(corpus, path) for path in corpus.articles
            if key in vn_text.match_key(path.read_text(encoding="utf-8"))}


@pytest.mark.browser
def test_a_word_of_one_article_finds_that_article(page, archive, archive_url):
    corpus, target, _ = archive
    for query in (PLANTED, "dakmorong", vn_text.nfc(PLANTED).lower()):
        count, found = search(page, archive_url, q=query)
        assert (count, found) == (1, [article_url(corpus, target)]), query


@pytest.mark.browser
def test_nguyen_van_duc_finds_every_article_naming_him_first(
    page, archive, archive_url
):
    corpus, _, _ = archive
    expected = naming(corpus, LEADER)
    assert len(expected) > 50
    count, found = search(page, archive_url, q="nguyen van duc")
    assert count >= len(expected)
    # The first page of results names him, by his name.
    assert found and set(found) <= expected


@pytest.mark.browser
def test_the_unit_filter_gives_the_units_articles(page, archive, archive_url):
    _, _, result = archive
    unit_page = soup(result.output / f"don-vi/{UNIT}/index.html")
    listed = re.search(r"\((\d+) bài\)", unit_page.find("main").get_text(" "))
    assert listed and int(listed[1]) > 100
    count, found = search(page, archive_url, **{"don-vi": UNIT})
    assert count == int(listed[1])
    # Combined with a query: fewer results, each one an article of the unit.
    narrowed, found = search(page, archive_url, q="nguyen van duc", **{"don-vi": UNIT})
    assert 0 < narrowed < count
    for url in found:
        links = {a["href"] for a in soup(
            result.output / url.strip("/") / "index.html").select(".vn-entities a")}
        assert f"/don-vi/{UNIT}/" in links, url
