"""Search plugin: folding, the Pagefind bundle, the search page and header
box, bad input and failures, determinism. What citizens get from a query is
tested in headless Chromium in test_search_browser.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import unicodedata
from pathlib import Path

import pytest
import vn_text
from search.fold import mark_d, unmark_d

DATA = Path(__file__).parent / "data"
FOLD_CASES = json.loads((DATA / "search-fold-cases.json").read_text("utf-8"))["cases"]


def article(
    title="Bài viết",
    date="2025-03-01 08:00",
    category="Tin hoạt động",
    body="Nội dung bài viết.",
    extra="",
):
    return (
        f"Title: {title}\nDate: {date}\nCategory: {category}\n{extra}"
        f"Author: Nhóm BTV\n\n{body}\n"
    )


def bundle_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- folding -----------------------------------------------------------------


@pytest.mark.parametrize("case", FOLD_CASES, ids=lambda c: c["text"] or "empty")
def test_python_folding_matches_the_shared_cases(case):
    assert vn_text.search_fold(case["text"]) == case["fold"]
    assert mark_d(case["text"]) == case["marked"]
    assert unmark_d(case["marked"]) == vn_text.nfc(case["text"])
    # The index's spelling of đ folds exactly as the original text does.
    assert vn_text.search_fold(case["marked"]) == case["fold"]


def test_shared_cases_cover_nfd_both_tone_placements_and_d_stroke():
    texts = [c["text"] for c in FOLD_CASES]
    assert any(unicodedata.normalize("NFC", t) != t for t in texts)
    assert "Quận uỷ" in texts and "Quận ủy" in texts
    assert any("Đ" in t for t in texts) and any("đ" in t for t in texts)


# --- the sample site's bundle, page and header box ---------------------------


def test_sample_build_publishes_a_self_hosted_bundle(sample_build):
    bundle = sample_build.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-entry.json").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["vi"]
    articles = list((sample_build.output / "tin-tuc").rglob("index.html"))
    assert entry["languages"]["vi"]["page_count"] == len(articles) > 10
    assert list(bundle.glob("wasm.*")) and list((bundle / "fragment").iterdir())
    # Pagefind's own UIs are not published: the portal has its own.
    assert not list(bundle.glob("pagefind-ui.*"))
    assert not list(bundle.glob("pagefind-*-ui.*"))
    # No leftovers from the staging folder.
    assert not list(sample_build.output.glob(".search-*"))


def test_search_page_is_a_plain_get_form_with_filters(sample_build):
    soup = sample_build.soup("tim-kiem/")
    form = soup.select_one("main form[role=search]")
    assert form["method"] == "get" and form["action"] == "/tim-kiem/"
    assert form.select_one("input[name=q][type=search]")
    assert soup.select_one("label[for=vn-search-q]").get_text(strip=True) == "Từ khóa"
    selects = {s["name"]: s for s in form.select("select")}
    assert {"chuyen-muc", "nam", "sap-xep"} <= set(selects)
    labels = {
        s["name"]: soup.select_one(f"label[for={s['id']}]").get_text(strip=True)
        for s in selects.values()
    }
    assert labels["chuyen-muc"] == "Chuyên mục" and labels["nam"] == "Năm"
    categories = [
        o.get_text(strip=True) for o in selects["chuyen-muc"].select("option")
    ]
    assert categories[0] == "Tất cả" and "Tin hoạt động" in categories
    assert [o["value"] for o in selects["nam"].select("option")][1:] == ["2025"]
    # Scripts and styles are files (no inline code), all from the site itself
    # (JSON-LD is data, not code).
    for script in soup.select("script:not([type='application/ld+json'])"):
        assert script.get("src", "").startswith("/") and not script.string
    assert not soup.select("style") and not soup.select("[style]")
    root = soup.select_one("[data-vn-search]")
    assert root["data-bundles"] == "/pagefind/pagefind.js"
    assert root["data-fold"].startswith("/theme/js/search-fold.")
    assert (sample_build.output / root["data-fold"].lstrip("/")).is_file()


def test_search_page_without_javascript_links_to_units_leaders_archive(sample_build):
    soup = sample_build.soup("tim-kiem/")
    fallback = soup.select_one("[data-vn-search-fallback]")
    assert "cần JavaScript" in fallback.get_text()
    assert not fallback.has_attr("hidden")
    links = [a["href"] for a in fallback.select("a")]
    assert links == ["/don-vi/", "/lanh-dao/", "/luu-tru/"]
    assert soup.select_one("[data-vn-search-results]").has_attr("hidden")


@pytest.mark.parametrize(
    "page", ["", "tim-kiem/", "luu-tru/", "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"]
)
def test_every_page_header_has_the_search_box(sample_build, page):
    soup = sample_build.soup(page)
    box = soup.select_one("header.vn-header form.vn-search-box")
    assert box["method"] == "get" and box["action"] == "/tim-kiem/"
    field = box.select_one("input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert box.select_one("button[type=submit]").get_text(strip=True) == "Tìm"


# --- tiny sites: what is indexed, bad input, failures ------------------------


def read_fragments(bundle: Path) -> list[dict]:
    """The records of a Pagefind bundle: gzip, a signature, then JSON."""
    records = []
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return records


def test_index_holds_article_bodies_only_with_foldable_d(site):
    site.write(
        "articles/2025/03/doi.md",
        article(
            title="Đội Thanh tra & nhân dân",
            body="Anh Nguyễn Văn Đức phát biểu.\n\n![Ảnh đoàn](doi/anh.jpg)\n"
            "Chú thích: Đội Thanh tra làm việc",
        ),
    )
    site.image("articles/2025/03/doi/anh.jpg")
    site.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\nTrang tĩnh Plonkety.\n")
    extra = (
        'SITESUBTITLE = "Khẩu hiệu Qwertyu"\n'
        'PORTAL_CONTACT = {"agency": "Cơ quan Zyxwvut"}\n'
        'MENUITEMS = (("Mục Vbnmvb", "/x/"),)\n'
    )
    result = site.build(strict=True, extra=extra)
    assert result.returncode == 0, result.log
    page = result.soup("tin-tuc/2025/03/doi/").get_text()
    assert "Zyxwvut" in page and "Qwertyu" in page and "Vbnmvb" in page
    [record] = read_fragments(result.output / "pagefind")
    assert record["url"] == "/tin-tuc/2025/03/doi/"
    text = record["content"]
    # Title, body and caption; nothing from header, navigation or footer.
    assert "D\u0335ội Thanh tra & nhân dân" in text
    assert "Nguyễn Văn D\u0335ức phát biểu" in text
    assert "Chú thích: D\u0335ội Thanh tra làm việc" in text
    for chrome in ("Zyxwvut", "Qwertyu", "Vbnmvb", "Plonkety", "Trang chủ"):
        assert chrome not in text
    assert "đ" not in text.lower()
    # Display fields stay readable; no image is carried into results.
    assert record["meta"]["title"] == "Đội Thanh tra & nhân dân"
    assert record["meta"]["date"] == "Thứ Bảy, 01/03/2025"
    assert record["meta"]["category"] == "Tin hoạt động"
    assert "image" not in record["meta"]
    assert record["filters"] == {"chuyen-muc": ["tin-hoat-dong"], "nam": ["2025"]}
    entry = json.loads((result.output / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["vi"]


def test_the_bundle_is_byte_identical_across_builds(site):
    for n in range(8):
        site.write(
            f"articles/2025/0{n % 3 + 1}/bai-{n}.md",
            article(
                title=f"Đội Thanh tra số {n}",
                category=f"Chuyên mục {n % 2}",
                date=f"2025-0{n % 3 + 1}-0{n % 5 + 1} 08:00",
                body=f"Đồng chí Nguyễn Văn Đức làm việc lần {n}. Quận uỷ chỉ đạo.",
            ),
        )
    first = site.build("out-a")
    second = site.build("out-b", env={"PYTHONHASHSEED": "7"})
    assert first.returncode == second.returncode == 0, first.log + second.log
    a, b = (
        bundle_hashes(first.output / "pagefind"),
        bundle_hashes(second.output / "pagefind"),
    )
    assert a == b and len(a) > 5
    # A rebuild into the same folder replaces the bundle: no stale files.
    site.write("articles/2025/01/bai-0.md", article(title="Đã sửa", body="Khác hẳn."))
    third = site.build("out-a", cache="cache-out-a")
    assert third.returncode == 0, third.log
    c = bundle_hashes(third.output / "pagefind")
    assert c != a
    assert len(list((third.output / "pagefind" / "fragment").iterdir())) == 8


def test_search_page_facets_list_values_in_vietnamese_order(site):
    site.write("articles/2025/03/a.md", article(category="Văn hóa - Xã hội"))
    site.write(
        "articles/2024/03/b.md", article(category="Đô thị", date="2024-03-01 08:00")
    )
    site.write(
        "articles/2023/03/c.md", article(category="An ninh", date="2023-03-01 08:00")
    )
    result = site.build(strict=True)
    assert result.returncode == 0, result.log
    soup = result.soup("tim-kiem/")
    names = [
        o.get_text(strip=True) for o in soup.select("select[name=chuyen-muc] option")
    ]
    # Vietnamese order: "Đ" after "D", before "E"; not code-point order.
    assert names == ["Tất cả", "An ninh", "Đô thị", "Văn hóa - Xã hội"]
    years = [o["value"] for o in soup.select("select[name=nam] option")]
    assert years == ["", "2025", "2024", "2023"]
    # No article names a unit or leader: those filters are left out, not empty.
    assert not soup.select("select[name=don-vi]")
    assert not soup.select("select[name=lanh-dao]")


def fake_pagefind(folder: Path, script: str) -> Path:
    path = folder / "pagefind-hong"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize("binary", ["missing", "crashes", "garbage"])
def test_a_failing_pagefind_gives_a_vietnamese_message_and_fails_strict(
    site, tmp_path, binary
):
    site.write("articles/2025/03/a.md", article())
    if binary == "missing":
        path = tmp_path / "khong-co-pagefind"
    elif binary == "crashes":
        path = fake_pagefind(tmp_path, "echo 'segfault' >&2\nexit 139\n")
    else:
        # Ends without error and without writing a bundle.
        path = fake_pagefind(tmp_path, "echo 'không phải Pagefind'\n")
    env = {"PAGEFIND_BINARY_PATH": str(path)}
    # A generous limit: a broken binary must be noticed, not waited out.
    extra = "SEARCH_TIMEOUT = 120\n"
    lenient = site.build("out-lenient", env=env, extra=extra)
    assert lenient.returncode == 0, lenient.log
    log = " ".join(lenient.log.split())
    assert "search:" in log and "không tạo được chỉ mục tìm kiếm" in log
    assert "Traceback" not in lenient.log
    # The rest of the site is built.
    assert (lenient.output / "tin-tuc/2025/03/a/index.html").is_file()
    assert (lenient.output / "tim-kiem/index.html").is_file()
    strict = site.build("out-strict", strict=True, env=env, extra=extra)
    assert strict.returncode != 0
    assert "không tạo được chỉ mục tìm kiếm" in " ".join(strict.log.split())


def test_a_slow_pagefind_is_stopped_by_the_timeout(site, tmp_path):
    site.write("articles/2025/03/a.md", article())
    path = fake_pagefind(tmp_path, "sleep 60\n")
    result = site.build(
        env={"PAGEFIND_BINARY_PATH": str(path)}, extra="SEARCH_TIMEOUT = 2\n"
    )
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    assert "chưa xong sau 2 giây" in log and "SEARCH_TIMEOUT" in log


def test_bench_measures_index_time_and_size(tmp_path):
    from search.bench import measure

    figures = measure(
        content=Path(__file__).parent.parent / "content", work=tmp_path, copies=2
    )
    assert figures["articles"] > 20
    assert figures["index_seconds"] > 0
    assert 0 < figures["bytes_per_article"] < figures["bundle_bytes"]
    assert os.path.isdir(tmp_path)
