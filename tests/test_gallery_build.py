"""The gallery in real builds: the sample site's pictures and photo library,
the derivative cache across builds, galleries' layout, and the invoke tasks
around it."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from photo_factory import camera_jpeg
from PIL import Image

SAMPLE = "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic"}


def flat(log: str) -> str:
    return " ".join(log.split())


def article(slug: str, body: str, date="2025-03-01 08:00", extra="") -> tuple:
    return (f"articles/2025/03/{slug}.md", f"Title: Bài {slug}\nDate: {date}\n"
            f"Category: Tin hoạt động\n{extra}\n{body}\n")


def cache_entries(root: Path) -> set[str]:
    return {p.name for p in (root / "image-cache" / "v1").glob("*/*")}


def library_items(result) -> list:
    """Every item of every page of /anh/, in order."""
    items, rel = [], "anh/"
    while rel:
        soup = result.soup(rel)
        items += soup.select("li.vn-photo-strip__item")
        following = soup.select_one("a[rel=next]")
        rel = following["href"].lstrip("/") if following else None
    return items


def invoke(*args):
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=900)


# --- the sample site -----------------------------------------------------------

def test_sample_articles_serve_webp_and_jpeg_srcsets(sample_build):
    pages = sorted((sample_build.output / "tin-tuc").rglob("index.html"))
    photos = 0
    for page in pages:
        soup = sample_build.soup(str(page.relative_to(sample_build.output)))
        body = soup.select_one(".vn-article__body")
        imgs = body.select("img")
        for number, img in enumerate(imgs):
            assert img["width"].isdigit() and img["height"].isdigit(), page
            source = img.find_parent("picture").select_one("source[type='image/webp']")
            assert re.fullmatch(r"(\S+\.webp \d+w, )*\S+\.webp \d+w", source["srcset"])
            assert re.fullmatch(r"(\S+\.jpg \d+w, )*\S+\.jpg \d+w", img["srcset"])
            assert img["sizes"] and source["sizes"] == img["sizes"]
            if number == 0:
                assert img["fetchpriority"] == "high"
            else:
                assert (img["loading"], img["decoding"]) == ("lazy", "async")
            # Without JavaScript the photo is a link to its large image.
            link = img.find_parent("a", class_="vn-figure__link")
            with Image.open(sample_build.output / link["href"].lstrip("/")) as large:
                assert large.format == "JPEG" and large.width >= int(img["width"])
        photos += len(imgs)
        if imgs:
            assert soup.select_one("dialog[data-vn-lightbox-dialog]")
            assert soup.select_one("script[src*='js/lightbox.']")
    assert photos == 26


def test_raw_uploads_are_not_published(sample_build):
    originals = {hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in (ROOT / "content").rglob("*") if p.suffix in IMAGE_SUFFIXES}
    assert len(originals) == 26
    for path in sample_build.output.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in originals, path
    # Nothing beside the articles' pages or under the content folders' names.
    for folder in ("tin-tuc", "articles", "pages", "images"):
        found = [p for p in (sample_build.output / folder).rglob("*")
                 if p.suffix.lower() in IMAGE_SUFFIXES]
        assert found == [], found


def test_photo_library_lists_every_sample_photo_newest_first(sample_build):
    expected = set()
    for page in (sample_build.output / "tin-tuc").rglob("index.html"):
        url = "/" + str(page.parent.relative_to(sample_build.output)) + "/"
        soup = sample_build.soup(str(page.relative_to(sample_build.output)))
        for fig in soup.select(".vn-article__body figure.vn-figure"):
            if fig.select_one("figcaption"):
                expected.add(f"{url}#{fig['id']}")
    items = library_items(sample_build)
    links = [item.select_one("a.vn-photo-strip__link")["href"] for item in items]
    assert len(links) == len(expected) == 26 and set(links) == expected
    dates = [item.select_one("time")["datetime"] for item in items]
    assert dates == sorted(dates, reverse=True)
    first = items[0]
    assert first.select_one("picture source[type='image/webp']")
    assert first.select_one("figcaption").get_text(strip=True)
    assert sample_build.soup("anh/").find("h1").get_text(strip=True) == "Thư viện ảnh"


def test_second_invoke_build_encodes_nothing(sample_build):
    # The same settings file, output and caches as the session's sample build.
    settings = sample_build.output.parent / "conf-output.py"
    result = invoke("build", "--settings", str(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    log = flat(result.stdout + result.stderr)
    assert "Ảnh: 26 ảnh gốc; tạo mới 0 ảnh (0 tệp)" in log
    assert "dùng lại 26 ảnh" in log


def test_clean_images_task_removes_only_unused_entries(sample_build):
    settings = sample_build.output.parent / "conf-output.py"
    cache = sample_build.output.parent / "image-cache" / "v1"
    used = {p.name for p in cache.glob("*/*")}
    stale = cache / "ff" / ("ff" * 16)
    stale.mkdir(parents=True)
    (stale / "meta.json").write_text('{"error": "broken"}', "utf-8")
    result = invoke("clean-images", "--settings", str(settings))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "đã xóa 1 mục không dùng" in flat(result.stdout)
    assert {p.name for p in cache.glob("*/*")} == used and len(used) == 26


# --- the cache across builds -----------------------------------------------------

def test_changing_one_photo_reencodes_only_that_photo(site):
    site.image("articles/2025/03/bai/a.jpg", (900, 600), (200, 30, 30))
    site.image("articles/2025/03/bai/b.jpg", (900, 600), (30, 30, 200))
    site.write(*article("bai", "![A](bai/a.jpg)\nẢnh A\n![B](bai/b.jpg)\nẢnh B"))
    first = site.build()
    assert first.returncode == 0, first.log
    assert "tạo mới 2 ảnh" in flat(first.log)
    second = site.build()
    assert "tạo mới 0 ảnh (0 tệp)" in flat(second.log)

    def srcsets(result):
        return [img["srcset"] for img in result.soup("tin-tuc/2025/03/bai/").select(
            "figure img")]

    before = srcsets(second)
    old_files = {p.name for p in (second.output / "anh" / "tep").rglob("*.*")}
    # Same name, same Markdown (so Pelican serves the article from its cache).
    site.image("articles/2025/03/bai/a.jpg", (900, 600), (30, 160, 30))
    third = site.build()
    assert third.returncode == 0, third.log
    assert "tạo mới 1 ảnh" in flat(third.log) and "dùng lại 1 ảnh" in flat(third.log)
    after = srcsets(third)
    assert after[0] != before[0] and after[1] == before[1]
    new_files = {p.name for p in (third.output / "anh" / "tep").rglob("*.*")}
    assert len(new_files) == len(old_files)
    # The replaced photo's old derivatives are no longer published.
    assert {n for n in old_files if before[0].count(n)} & new_files == set()
    url = after[0].split(",")[-1].split()[0]
    with Image.open(third.output / url.lstrip("/")) as image:
        r, g, _ = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
        assert g > 120 and r < 80

    # Three entries now (old A, new A, B); cleaning keeps the two in use.
    assert len(cache_entries(site.root)) == 3
    cleaned = site.build(extra="GALLERY_CLEAN_CACHE = True\n")
    assert "đã xóa 1 mục không dùng" in flat(cleaned.log)
    assert len(cache_entries(site.root)) == 2
    assert "tạo mới 0 ảnh" in flat(site.build().log)


def test_derivatives_are_byte_identical_from_two_cold_caches(site):
    camera_jpeg(site.content / "articles/2025/03/bai/may-anh.jpg", (2400, 1600),
                orientation=6)
    site.image("articles/2025/03/bai/nho.jpg", (700, 500))
    site.write(*article("bai", "![A](bai/may-anh.jpg)\nA\n![B](bai/nho.jpg)\nB"))

    def derivatives(name, workers):
        result = site.build(name, extra=f"GALLERY_CACHE_PATH = "
                                       f"{str(site.root / ('cache-img-' + name))!r}\n"
                                       f"GALLERY_WORKERS = {workers}\n")
        assert result.returncode == 0 and "tạo mới 2 ảnh" in flat(result.log)
        folder = result.output / "anh" / "tep"
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in folder.rglob("*.*")}

    one, two = derivatives("out-1", 1), derivatives("out-2", 2)
    assert len(one) == 10 and one == two


# --- galleries, pages, the library -------------------------------------------------

def test_gallery_layout_follows_caption_length(site):
    for name in ("a", "b", "c", "d", "e"):
        site.image(f"articles/2025/03/bai/{name}.jpg", (1200, 800))
    long = ("Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận phát "
            "biểu kết luận buổi làm việc với Phòng Nội vụ quận")
    site.write(*article("bai", "\n\n".join([
        "![A](bai/a.jpg)\nQuang cảnh hội nghị", "![B](bai/b.jpg)\nĐại biểu dự",
        "Đoạn giữa.", f"![C](bai/c.jpg)\n{long}", "![D](bai/d.jpg)\nNgắn",
        "Đoạn nữa.", "![E](bai/e.jpg)\nMột ảnh riêng"])))
    result = site.build()
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/bai/")
    grid, stack = soup.select("div.vn-gallery")
    assert grid["class"] == ["vn-gallery", "vn-gallery--grid"]
    assert stack["class"] == ["vn-gallery", "vn-gallery--stack"]
    assert "22rem" in grid.select_one("img")["sizes"]
    assert "45rem" in stack.select_one("img")["sizes"]
    single = soup.select(".vn-article__body > figure.vn-figure")
    assert [f["id"] for f in single] == ["anh-5"]
    assert "45rem" in single[0].select_one("img")["sizes"]


def test_photo_library_is_paginated_and_skips_uncaptioned_photos(site):
    for day in range(1, 4):
        site.image(f"articles/2025/03/bai-{day}/a.jpg", (640, 480))
        site.image(f"articles/2025/03/bai-{day}/b.jpg", (640, 480))
        site.write(*article(f"bai-{day}", f"![A](bai-{day}/a.jpg)\nẢnh A ngày {day}\n\n"
                            f"Đoạn.\n\n![B](bai-{day}/b.jpg)",
                            date=f"2025-03-0{day} 08:00"))
    result = site.build(extra="GALLERY_PHOTOS_PER_PAGE = 2\n")
    assert result.returncode == 0, result.log
    assert (result.output / "anh/trang/2/index.html").is_file()
    items = library_items(result)
    captions = [i.select_one("figcaption").get_text(strip=True) for i in items]
    assert captions == ["Ảnh A ngày 3", "Ảnh A ngày 2", "Ảnh A ngày 1"]
    assert items[0].select_one("a")["href"] == "/tin-tuc/2025/03/bai-3/#anh-1"
    assert result.soup("tin-tuc/2025/03/bai-3/").select_one("figure#anh-1 picture")


def test_photo_strip_featured_image_pages_and_attachments(site):
    site.image("articles/2025/03/bai/a.jpg", (900, 600))
    site.image("articles/2025/03/bai/bia.jpg", (1600, 900))
    (site.content / "articles/2025/03/bai/van-ban.pdf").write_bytes(b"%PDF-1.4 thu")
    site.write(*article("bai", "![A](bai/a.jpg)\nẢnh A\n\n"
                        "[Văn bản]({attach}bai/van-ban.pdf)",
                        extra="Image: bai/bia.jpg\n"))
    site.image("pages/anh-trang.jpg", (800, 600))
    site.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\n![Trụ sở](anh-trang.jpg)\n"
               "Trụ sở UBND quận\n")
    # A probe template prints what other templates can use.
    site.write("../probe/article.html",
               '{% import "components/photo_strip.html" as s with context %}'
               "{{ s.photo_strip(articles|photo_items(5)) }}"
               "<p id=featured>{{ article.featured_image.large }}</p>")
    result = site.build(extra="THEME_TEMPLATES_OVERRIDES = "
                              f"[{str(site.root / 'probe')!r}]\n")
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/bai/")
    items = soup.select("li.vn-photo-strip__item")
    assert len(items) == 1 and items[0].select_one("figcaption").get_text() == "Ảnh A"
    featured = soup.select_one("#featured").get_text()
    assert featured.endswith("-1600.jpg") and (result.output / featured[1:]).is_file()
    page = result.soup("gioi-thieu/")
    assert page.select_one("figure picture source[type='image/webp']")
    assert page.select_one("dialog[data-vn-lightbox-dialog]")
    # Documents a page links are published; photos never raw.
    assert list(result.output.rglob("van-ban.pdf"))
    assert not [p for p in result.output.rglob("*.jpg") if p.name in
                {"a.jpg", "bia.jpg", "anh-trang.jpg"}]
