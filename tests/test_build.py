"""The real Pelican build of tiny sites and of the sample site: what a reader
gets in output/, and what an editor is told when content is wrong."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from conftest import ROOT

SAMPLE = "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
IMAGE_LINE = re.compile(r"^<(?:\w+:)?image\b")  # the tag may carry a namespace


def sample_captions() -> list[list[str]]:
    """Caption lines of the legacy export: the short lines after each photo."""
    lines = (ROOT / "tests/data/sample-export.txt").read_text("utf-8").splitlines()
    captions, current = [], None
    for line in lines:
        if IMAGE_LINE.match(line):
            current = []
            captions.append(current)
        elif current is not None and len(line) < 120 and line.strip():
            current.append(line.strip())
        else:
            current = None
    return captions


def article(title="Bài mẫu", date="2025-03-01 08:00", category="Tin hoạt động",
            body="Nội dung bài viết.", extra=""):
    return (f"Title: {title}\nDate: {date}\nCategory: {category}\n"
            f"Author: Nhóm BTV\n{extra}\n{body}\n")


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- the sample site ---------------------------------------------------------

def test_sample_article_has_eight_captioned_photos(sample_build):
    soup = sample_build.soup(SAMPLE)
    figures = soup.select("figure.vn-figure")
    expected = sample_captions()
    assert len(expected) == 8 and len(figures) == 8
    for figure, lines in zip(figures, expected, strict=True):
        caption = figure.find("figcaption")
        got = [s.strip() for s in caption.get_text("\n").split("\n") if s.strip()]
        assert got == lines
        img = figure.find("img")
        assert img["alt"].strip()
        assert (sample_build.output / img["src"].lstrip("/")).is_file()


def test_sample_keeps_every_paragraph(sample_build):
    text = sample_build.soup(SAMPLE).get_text(" ")
    text = " ".join(text.split())
    for line in (ROOT / "tests/data/sample-export.txt").read_text("utf-8").splitlines():
        if len(line) > 200:
            assert " ".join(line.split()) in text


def test_every_sample_article_is_built(sample_build):
    sources = sorted((ROOT / "content/articles").rglob("*.md"))
    assert len(sources) >= 13
    for source in sources:
        year, month = source.parent.parts[-2:]
        page = sample_build.output / "tin-tuc" / year / month / source.stem
        page = page / "index.html"
        assert page.is_file(), page
    home = sample_build.soup("index.html")
    assert home.find("html")["lang"] == "vi"
    assert home.select_one("a[href^='#noi-dung'], a[href='#noi-dung']")


def test_category_urls_fold_vietnamese(sample_build):
    built = {p.name for p in (sample_build.output / "chuyen-muc").iterdir()
             if p.is_dir()}
    assert {"tin-hoat-dong", "van-hoa-xa-hoi", "kinh-te-do-thi"} <= built
    for name in built:
        assert re.fullmatch(r"[a-z0-9-]+", name)
        assert (sample_build.output / "chuyen-muc" / name / "feed.xml").is_file()


def test_site_feed_is_atom(sample_build):
    from xml.etree import ElementTree

    root = ElementTree.parse(sample_build.output / "feed.xml").getroot()
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) >= 13


# --- determinism -------------------------------------------------------------

def test_two_builds_are_byte_identical(site):
    for n in range(6):
        # Same date for all: the order must not depend on the file system.
        site.write(f"articles/2025/03/bai-{n}.md",
                   article(title=f"Bài số {n}", category=f"Chuyên mục {n % 2}"))
    site.image("articles/2025/03/bai-1/anh.jpg")
    site.write("articles/2025/03/bai-1.md", article(
        title="Bài có ảnh", body="![Ảnh](bai-1/anh.jpg)\nChú thích ảnh"))
    first = site.build("out-a")
    second = site.build("out-b", env={"PYTHONHASHSEED": "123"})
    warm = site.build("out-c", cache="cache-out-a")
    assert first.returncode == second.returncode == warm.returncode == 0
    assert hashes(first.output) == hashes(second.output) == hashes(warm.output)
    assert len(hashes(first.output)) > 10


def test_an_edited_template_is_used_by_the_next_build(site):
    # Templates are compiled once into a cache kept with the content cache
    # (portal.templates): an edit must still show in the next build.
    site.write("articles/2025/03/bai.md", article(title="Bài mẫu"))
    probe = site.root / "theme-probe"
    extra = f"THEME_TEMPLATES_OVERRIDES = [{str(probe)!r}]\n"
    page = "tin-tuc/2025/03/bai/index.html"
    site.write("../theme-probe/article.html", "một {{ article.title }}")
    first = site.build("out-a", extra=extra)
    site.write("../theme-probe/article.html", "hai {{ article.title }}")
    second = site.build("out-b", cache="cache-out-a", extra=extra)
    assert first.returncode == second.returncode == 0, first.log + second.log
    assert (first.output / page).read_text("utf-8") == "một Bài mẫu"
    assert (second.output / page).read_text("utf-8") == "hai Bài mẫu"
    assert any((site.root / "cache-out-a" / "jinja").iterdir())


# --- bad input ---------------------------------------------------------------

def test_bad_articles_are_skipped_with_file_and_line(site):
    # A missing photo does not skip its article: it is built with a visible
    # placeholder (gallery plugin); a path outside content/ still skips it.
    site.write("articles/2025/03/tot.md", article(title="Bài tốt"))
    site.write("articles/2025/03/hong-dau.md",
               "Title: Bài hỏng\nDate 2025-03-01\nCategory: Tin\n\nNội dung.\n")
    site.write("articles/2025/03/thieu-tieu-de.md",
               "Date: 2025-03-01\nCategory: Tin\n\nNội dung.\n")
    site.write("articles/2025/03/sai-ngay.md", article(date="31/02/2025"))
    site.write("articles/2025/03/thieu-anh.md",
               article(body="Đoạn đầu.\n\n![Ảnh](khong-co.jpg)\nChú thích"))
    site.write("articles/2025/03/ra-ngoai.md",
               article(body="![x](../../../../../etc/passwd)\nChú thích"))
    result = site.build()
    assert result.returncode == 0, result.log
    log = " ".join(result.log.split())
    assert "hong-dau.md:2:" in log and "Khóa: giá trị" in log
    assert "thieu-tieu-de.md:1: thiếu tiêu đề" in log
    assert "sai-ngay.md:2: không đọc được ngày '31/02/2025'" in log
    assert "thieu-anh.md:8: không tìm thấy tệp ảnh 'khong-co.jpg'" in log
    assert "ra-ngoai.md:6:" in log and "ngoài thư mục content/" in log
    assert "Đã bỏ qua 4 tệp" in log and "thieu-anh.md" not in log.split("Đã bỏ qua")[1]
    assert "Traceback" not in result.log
    assert "Could not process" not in result.log
    built = {p.parent.name for p in (result.output / "tin-tuc").rglob("index.html")}
    assert built == {"tot", "thieu-anh"}
    figure = result.soup("tin-tuc/2025/03/thieu-anh/").select_one("figure.vn-figure")
    assert "khong-co.jpg" in figure.select_one(".vn-photo-missing").get_text()
    assert figure.find("img") is None


def test_strict_build_fails_on_bad_input(site):
    site.write("articles/2025/03/tot.md", article(title="Bài tốt"))
    assert site.build(strict=True).returncode == 0
    site.write("articles/2025/03/sai-ngay.md", article(date="hôm qua"))
    result = site.build("out-strict", strict=True)
    assert result.returncode != 0
    assert "sai-ngay.md:2:" in " ".join(result.log.split())


def test_day_month_dates_are_not_read_as_month_day(site):
    site.write("articles/2025/02/bai.md", article(date="10/02/2025 16:30"))
    result = site.build()
    assert result.returncode == 0, result.log
    assert (result.output / "tin-tuc/2025/02/bai/index.html").is_file()


def test_nfd_text_renders_and_links_like_nfc(site):
    nfc = article(title="Đội Thanh tra Địa bàn quận họp", category="Kinh tế - Đô thị",
                  body="Đồng chí Nguyễn Văn Đức phát biểu tại Quận uỷ.")
    site.write("articles/2025/03/nfd.md", unicodedata.normalize("NFD", nfc))
    result = site.build()
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/nfd/")
    assert soup.find("h1").get_text(strip=True) == "Đội Thanh tra Địa bàn quận họp"
    html = (result.output / "tin-tuc/2025/03/nfd/index.html").read_text("utf-8")
    assert unicodedata.normalize("NFC", html) == html
    assert (result.output / "chuyen-muc/kinh-te-do-thi/index.html").is_file()


def test_article_photos_are_kept_as_data(site):
    site.image("articles/2025/03/bai/anh.jpg")
    site.write("articles/2025/03/bai.md", article(
        body="![](bai/anh.jpg)\nĐồng chí Nguyễn Văn Đức\nphát biểu"))
    site.write("articles/2025/03/khong-anh.md", article(title="Không ảnh"))
    # A Summary is rendered by the same Markdown instance after the body:
    # the photos must survive it (and the reused instance must still read
    # the next file's header).
    site.image("articles/2025/03/tom-tat/a.jpg")
    site.image("articles/2025/03/tom-tat/b.jpg")
    site.write("articles/2025/03/tom-tat.md", article(
        title="Có tóm tắt", extra="Summary: Tóm tắt *ngắn*.\n",
        body="![](tom-tat/a.jpg)\nẢnh một\n\n![](tom-tat/b.jpg)\nẢnh hai"))
    # A template prints what other plugins will read from article.photos.
    site.write("../theme-probe/article.html",
               "{% for p in article.photos %}{{ p.src }}|{{ p.caption }}{% endfor %}"
               "#{{ article.photos|length }}")
    result = site.build(extra="THEME_TEMPLATES_OVERRIDES = "
                              f"[{str(site.root / 'theme-probe')!r}]\n")
    assert result.returncode == 0, result.log
    text = (result.output / "tin-tuc/2025/03/bai/index.html").read_text("utf-8")
    assert text == "bai/anh.jpg|Đồng chí Nguyễn Văn Đức\nphát biểu#1"
    text = (result.output / "tin-tuc/2025/03/khong-anh/index.html").read_text("utf-8")
    assert text == "#0"
    text = (result.output / "tin-tuc/2025/03/tom-tat/index.html").read_text("utf-8")
    assert text == "tom-tat/a.jpg|Ảnh mộttom-tat/b.jpg|Ảnh hai#2"
