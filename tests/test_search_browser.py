"""What a citizen gets from the search page: real queries against the real
Pagefind index of the sample site, in headless Chromium.

Expected pages are read from the built article pages (what a reader sees),
never from the index itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

import pytest
import vn_text

pytestmark = pytest.mark.browser

CASES = json.loads(
    (Path(__file__).parent / "data" / "search-fold-cases.json").read_text("utf-8")
)["cases"]
STROKE = "\u0335"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def articles(sample_build) -> dict[str, dict]:
    """URL → title, text, dates and entity links of every built article."""
    found = {}
    for path in sorted((sample_build.output / "tin-tuc").rglob("index.html")):
        rel = path.parent.relative_to(sample_build.output).as_posix()
        soup = sample_build.soup(rel + "/")
        body = soup.select_one(".vn-article__body")
        title = soup.select_one("h1").get_text(" ", strip=True)
        found[f"/{rel}/"] = {
            "title": title,
            "raw": vn_text.nfc(title + " " + body.get_text(" ", strip=True)).lower(),
            "text": vn_text.match_key(title + " " + body.get_text(" ", strip=True)),
            "date": soup.select_one(".vn-article__meta time")["datetime"],
            "category": soup.select_one(".vn-article__category a")["href"],
            "links": {a["href"] for a in soup.select(".vn-entities a")},
        }
    assert len(found) > 10
    return found


def containing(articles, phrase: str) -> set[str]:
    key = vn_text.match_key(phrase)
    return {url for url, a in articles.items() if key in a["text"]}


def wait_for_results(page):
    page.wait_for_function(
        "() => { const list = document.querySelector('[data-vn-search-list]');"
        " const status = document.querySelector('[data-vn-search-status]');"
        " return list.getAttribute('aria-busy') === 'false' && status.textContent; }"
    )


def results(page) -> list[dict]:
    """All results of the current search ("Xem thêm" until none is left)."""
    wait_for_results(page)
    more = page.locator("[data-vn-search-more]")
    while more.is_visible():
        before = page.locator(".vn-search-result").count()
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.vn-search-result').length > {before}"
        )
    return page.eval_on_selector_all(
        ".vn-search-result",
        """items => items.map(li => ({
        url: li.querySelector('a').getAttribute('href'),
        title: li.querySelector('h3').textContent,
        titleMarks: [...li.querySelectorAll('h3 mark')].map(m => m.textContent),
        excerpt: li.querySelector('.vn-search-result__excerpt').textContent,
        marks: [...li.querySelectorAll('.vn-search-result__excerpt mark')]
            .map(m => m.textContent),
        date: li.querySelector('time').getAttribute('datetime'),
        dateText: li.querySelector('time').textContent,
        category: li.querySelector('.vn-search-result__category').textContent,
    }))""",
    )


def search(page, base, **params) -> list[dict]:
    page.goto(f"{base}/tim-kiem/?{urlencode(params)}")
    return results(page)


def urls(found) -> set[str]:
    return {r["url"] for r in found}


def marked(result) -> set[str]:
    """Highlighted words of an excerpt, without the punctuation Pagefind
    sometimes includes ("vụ.")."""
    return {m.strip('.,;:!?()“”"') for m in result["marks"]}


def status(page) -> str:
    return page.text_content("[data-vn-search-status]")


# --- queries -------------------------------------------------------------------


def test_nguyen_van_duc_with_and_without_diacritics_and_in_nfd(
    page, sample_url, articles
):
    expected = containing(articles, "Nguyễn Văn Đức")
    assert len(expected) >= 5
    plain = search(page, sample_url, q="nguyen van duc")
    assert status(page) == f"Tìm thấy {len(plain)} kết quả cho “nguyen van duc”."
    accented = search(page, sample_url, q="Nguyễn Văn Đức")
    decomposed = search(page, sample_url, q=nfd("Nguyễn Văn Đức"))
    assert urls(plain) == urls(accented) == urls(decomposed)
    assert expected <= urls(plain)
    # The pages that name him come first, whatever else "duc" matches.
    assert {r["url"] for r in plain[: len(expected)]} == expected
    # Excerpts are readable Vietnamese with the name highlighted.
    for found in (plain, accented, decomposed):
        top = found[0]
        assert {"Nguyễn", "Văn", "Đức"} <= marked(top)
        assert all(STROKE not in r["excerpt"] + r["title"] for r in found)
        assert top["title"] == articles[top["url"]]["title"]
        assert re.fullmatch(r"Thứ \w+, \d\d/\d\d/\d{4}", top["dateText"])


def test_duc_alone_finds_duc_and_every_duc_with_a_d_stroke(page, sample_url, articles):
    found = urls(search(page, sample_url, q="duc"))
    assert containing(articles, "Đức") <= found
    # "duc" is also "dục" (giáo dục): tone marks are folded too.
    assert containing(articles, "giáo dục") <= found


def test_doi_thanh_tra_finds_the_doi_thanh_tra_first(page, sample_url, articles):
    expected = containing(articles, "Đội Thanh tra")
    assert len(expected) >= 2
    found = search(page, sample_url, q="doi thanh tra")
    assert urls(found[: len(expected)]) == expected
    assert {"Đội", "Thanh", "tra"} <= marked(found[0])
    assert urls(search(page, sample_url, q="Đội Thanh tra")) == urls(found)


def test_quan_uy_ignores_diacritics_and_tone_placement(page, sample_url, articles):
    # The sample spells it both ways; some articles only one way.
    old_only = {
        u
        for u, a in articles.items()
        if "quận ủy" in a["raw"] and "quận uỷ" not in a["raw"]
    }
    new_only = {
        u
        for u, a in articles.items()
        if "quận uỷ" in a["raw"] and "quận ủy" not in a["raw"]
    }
    assert old_only and new_only
    found = {
        q: search(page, sample_url, q=q)
        for q in ("quan uy", "Quận uỷ", "Quận ủy", nfd("Quận ủy"), "QUẬN ỦY")
    }
    sets = [urls(f) for f in found.values()]
    assert all(s == sets[0] for s in sets)
    assert old_only | new_only <= sets[0]
    assert containing(articles, "Quận ủy") <= sets[0]
    # Words of the query are highlighted in titles too, whatever the marks.
    title_marks = {m.lower() for r in found["quan uy"] for m in r["titleMarks"]}
    assert "quận" in title_marks


def test_phong_noi_vu(page, sample_url, articles):
    expected = containing(articles, "Phòng Nội vụ")
    found = search(page, sample_url, q="phong noi vu")
    assert urls(found[: len(expected)]) == expected
    assert {"Phòng", "Nội", "vụ"} <= marked(found[0])


def test_a_query_typed_in_nfd_in_the_header_box(page, sample_url, articles):
    page.goto(f"{sample_url}/tin-tuc/2025/02/lam-viec-cac-don-vi-2025/")
    page.fill("#vn-search-box-q", nfd("Đội Thanh tra"))
    page.press("#vn-search-box-q", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    found = results(page)
    assert urls(found[:2]) == containing(articles, "Đội Thanh tra")
    assert (
        unicodedata.normalize("NFC", page.input_value("#vn-search-q"))
        == "Đội Thanh tra"
    )


def test_a_query_with_no_result_gives_advice(page, sample_url):
    assert search(page, sample_url, q="zzxxqqvv") == []
    assert status(page) == "Không tìm thấy bài viết nào cho “zzxxqqvv”."
    advice = page.locator("[data-vn-search-empty]")
    assert advice.is_visible()
    assert "gõ không dấu" in advice.text_content()
    links = advice.locator("a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    assert links == ["/don-vi/", "/lanh-dao/", "/luu-tru/"]
    assert not page.locator("[data-vn-search-empty-filters]").is_visible()


def test_more_results_come_ten_at_a_time(page, sample_url, articles):
    page.goto(f"{sample_url}/tim-kiem/?q=quan")
    wait_for_results(page)
    total = len(containing(articles, "quận"))
    assert total > 10
    assert page.locator(".vn-search-result").count() == 10
    assert status(page).endswith(f"Đang hiển thị 10/{total}.")
    page.click("[data-vn-search-more]")
    page.wait_for_function(
        "() => document.querySelectorAll('.vn-search-result').length > 10"
    )
    # Focus moves to the first new result, for keyboard users.
    assert page.evaluate("document.activeElement.closest('li')") is not None
    assert (
        page.evaluate(
            "[...document.querySelectorAll('.vn-search-result')].indexOf("
            "document.activeElement.closest('li'))"
        )
        == 10
    )


# --- filters and sort -------------------------------------------------------------


def test_filter_by_unit_lists_the_units_articles(page, sample_url, articles):
    unit = "/don-vi/phong-noi-vu/"
    expected = {u for u, a in articles.items() if unit in a["links"]}
    if not expected:
        pytest.skip("no article is linked to a unit (entities plugin not enabled)")
    found = search(page, sample_url, **{"don-vi": "phong-noi-vu"})
    assert urls(found) == expected
    assert status(page) == f"Tìm thấy {len(expected)} kết quả (Đơn vị: Phòng Nội vụ)."
    # Filters alone: each excerpt opens the article (not its title again).
    for result in found:
        assert not result["excerpt"].startswith(articles[result["url"]]["title"])
    assert page.input_value("#vn-search-don-vi") == "phong-noi-vu"
    # Without a query the newest come first.
    assert [r["date"] for r in found] == sorted(
        (r["date"] for r in found), reverse=True
    )
    # With a query, the filter narrows it.
    narrowed = urls(
        search(page, sample_url, q="nguyen van duc", **{"don-vi": "phong-noi-vu"})
    )
    assert expected & containing(articles, "Nguyễn Văn Đức") <= narrowed <= expected


def test_unit_and_leader_pages_link_to_the_search_prefiltered(
    page, sample_url, sample_build, articles
):
    unit_page = sample_build.output / "don-vi/phong-noi-vu/index.html"
    if not unit_page.is_file():
        pytest.skip("no unit pages (entities plugin not enabled)")
    for path, name, value in (
        ("don-vi/phong-noi-vu/", "don-vi", "phong-noi-vu"),
        ("lanh-dao/nguyen-van-duc/", "lanh-dao", "nguyen-van-duc"),
    ):
        listed = {u for u, a in articles.items() if f"/{path}" in a["links"]}
        assert listed
        page.goto(f"{sample_url}/{path}")
        page.click("a.vn-search-link")
        page.wait_for_url(re.compile(rf"/tim-kiem/\?{name}={value}$"))
        assert page.input_value(f"#vn-search-{name}") == value
        assert urls(results(page)) == listed


def test_filter_by_category_and_sort_by_date(page, sample_url, articles):
    category = "/chuyen-muc/tin-hoat-dong/"
    expected = {u for u, a in articles.items() if a["category"] == category}
    found = search(page, sample_url, **{"chuyen-muc": "tin-hoat-dong", "sap-xep": "cu"})
    assert urls(found) == expected
    assert {r["category"] for r in found} == {"Tin hoạt động"}
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)
    page.select_option("#vn-search-sap-xep", "moi")
    page.wait_for_url(re.compile(r"sap-xep=moi"))
    dates = [r["date"] for r in results(page)]
    assert dates == sorted(dates, reverse=True)
    # The filters are a GET form: the address says what is shown.
    page.select_option("#vn-search-nam", "2025")
    page.wait_for_url(re.compile(r"nam=2025"))
    page.go_back()
    page.wait_for_url(re.compile(r"sap-xep=moi$"))
    assert page.input_value("#vn-search-nam") == ""


def test_a_filter_that_excludes_everything_suggests_removing_filters(page, sample_url):
    search(page, sample_url, q="nguyen van duc", nam="1999")
    assert status(page) == (
        "Không tìm thấy bài viết nào cho “nguyen van duc” "
        "với bộ lọc đã chọn (Năm: 1999)."
    )
    assert page.locator("[data-vn-search-empty-filters]").is_visible()


# --- loading, no JavaScript, folding in the browser ---------------------------------


def test_loading_state_is_announced(page, sample_url):
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(f"{sample_url}/tim-kiem/?q=duc", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => document.querySelector('[data-vn-search-status]')"
        ".textContent === 'Đang tải công cụ tìm kiếm…'"
    )
    assert page.get_attribute("[data-vn-search-status]", "role") == "status"
    assert page.get_attribute("[data-vn-search-list]", "aria-busy") == "true"
    while not held:  # the handler runs while Playwright waits
        page.wait_for_timeout(50)
    held[0].continue_()
    assert results(page)


def test_a_missing_bundle_says_so_and_keeps_the_fallback(page, sample_url):
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(f"{sample_url}/tim-kiem/?q=duc")
    page.wait_for_function(
        "() => document.querySelector('[data-vn-search-status]')"
        ".textContent.startsWith('Không tải được công cụ tìm kiếm')"
    )
    assert page.locator("[data-vn-search-fallback]").is_visible()


def test_a_lost_connection_mid_search_is_said_not_hidden(page, sample_url):
    page.route("**/pagefind/fragment/**", lambda route: route.abort())
    page.goto(f"{sample_url}/tim-kiem/?q=nguyen+van+duc")
    page.wait_for_function("() => document.querySelector('[data-vn-search-status]')"
                           ".textContent.startsWith('Tìm kiếm bị gián đoạn')")
    assert page.get_attribute("[data-vn-search-list]", "aria-busy") == "false"


def test_without_javascript_the_page_says_so_and_links_to_browse(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/tim-kiem/?q=duc")
    fallback = page.locator("[data-vn-search-fallback]")
    assert fallback.is_visible()
    assert "Chức năng tìm kiếm cần JavaScript." in fallback.text_content()
    links = fallback.locator("a")
    assert links.evaluate_all("els => els.map(a => a.getAttribute('href'))") == [
        "/don-vi/",
        "/lanh-dao/",
        "/luu-tru/",
    ]
    assert not page.locator("[data-vn-search-results]").is_visible()
    # The header box still takes the reader to the search page.
    page.fill("#vn-search-box-q", "doi thanh tra")
    page.press("#vn-search-box-q", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=doi\+thanh\+tra$"))
    context.close()


def test_browser_folding_matches_the_shared_cases(page, sample_url):
    page.goto(f"{sample_url}/tim-kiem/")
    fold_url = page.get_attribute("[data-vn-search]", "data-fold")
    got = page.evaluate(
        """async ([url, cases]) => {
        const fold = await import(url);
        return cases.map(c => ({fold: fold.searchFold(c.text),
                                marked: fold.markD(c.text),
                                back: fold.unmarkD(fold.markD(c.text))}));
    }""",
        [fold_url, CASES],
    )
    for case, result in zip(CASES, got, strict=True):
        assert result["fold"] == case["fold"], case["text"]
        assert result["marked"] == case["marked"], case["text"]
        assert result["back"] == vn_text.nfc(case["text"]), case["text"]


def test_a_site_under_a_sub_path_finds_and_links_there(site, browser):
    from conftest import serve

    site.write("articles/2025/03/doi.md",
               "Title: Đội Thanh tra Địa bàn quận ra quân\nDate: 2025-03-01 08:00\n"
               "Category: Tin hoạt động\n\nĐội Thanh tra Địa bàn quận ra quân.\n")
    result = site.build(extra='SITEURL = "/cong"\n')
    assert result.returncode == 0, result.log
    www = site.root / "www"
    www.mkdir()
    (www / "cong").symlink_to(result.output)
    url, server = serve(www)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{url}/cong/tim-kiem/?q=doi+thanh+tra")
        [found] = results(page)
        assert found["url"] == "/cong/tin-tuc/2025/03/doi/"
        page.click(".vn-search-result a")
        page.wait_for_url(re.compile(r"/cong/tin-tuc/2025/03/doi/$"))
        assert page.text_content("h1") == "Đội Thanh tra Địa bàn quận ra quân"
    finally:
        context.close()
        server.shutdown()


def test_an_edited_article_is_found_by_its_new_words_after_a_rebuild(site, page):
    """The index kept by a build with nothing new (test_search_reuse.py) is
    not kept once an article changes: a citizen finds the new words."""
    from conftest import serve

    path = "articles/2025/03/doi.md"
    head = "Title: Đội Thanh tra ra quân\nDate: 2025-03-01 08:00\n"
    head += "Category: Tin hoạt động\n\n"
    site.write(path, head + "Đội Thanh tra làm việc với phường Bảy.\n")
    for _ in range(2):  # indexed, then kept
        assert site.build().returncode == 0
    site.write(path, head + "Đội Thanh tra kiểm tra chợ Đầm Sen Mới.\n")
    result = site.build()
    assert result.returncode == 0, result.log
    url, server = serve(result.output)
    try:
        [found] = search(page, url, q="dam sen moi")
        assert found["url"] == "/tin-tuc/2025/03/doi/"
        assert "chợ Đầm Sen Mới" in found["excerpt"]
        assert "phường Bảy" not in found["excerpt"]
    finally:
        server.shutdown()


# --- an archive indexed in shards ---------------------------------------------


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    """The sample site with its index cut into shards of five articles."""
    from conftest import ROOT, Site, serve

    root = tmp_path_factory.mktemp("sharded")
    result = Site(root, content=ROOT / "content").build(
        strict=True, extra="SEARCH_SHARD_ARTICLES = 5\n")
    assert result.returncode == 0, result.log
    url, server = serve(result.output)
    yield url, result
    server.shutdown()


def test_shards_are_searched_as_one_index(page, sample_url, sharded_url, articles):
    url, result = sharded_url
    bundles = result.soup("tim-kiem/").select_one("[data-vn-search]")["data-bundles"]
    count = len(articles)
    shards = -(-count // 5)
    # Newest first, each a bundle of its own on disk, none at the top.
    assert bundles.split() == [f"/pagefind/{n}/pagefind.js"
                               for n in range(shards, 0, -1)]
    for n in range(1, shards + 1):
        assert (result.output / f"pagefind/{n}/pagefind-entry.json").is_file()
    assert not (result.output / "pagefind/pagefind-entry.json").exists()
    for params in ({"don-vi": "phong-noi-vu"}, {"nam": "2025"},
                   {"q": "nguyen van duc"}, {"q": "quan uy", "nam": "2025"},
                   {"q": "doi thanh tra"}, {"q": "tra"}, {"q": "phuongx"}):
        whole, parts = search(page, sample_url, **params), search(page, url, **params)
        assert status(page).startswith(f"Tìm thấy {len(parts)} kết quả"), params
        assert urls(parts) == urls(whole), params
    # Sorted by date, across shards, both ways.
    for order, newest_first in (("moi", True), ("cu", False)):
        dates = [r["date"] for r in search(page, url, nam="2025", **{"sap-xep": order})]
        assert len(dates) == count
        assert dates == sorted(dates, reverse=newest_first)
    # By relevance the pages naming him still come first.
    expected = containing(articles, "Nguyễn Văn Đức")
    found = search(page, url, q="nguyen van duc")
    assert urls(found[: len(expected)]) == expected
