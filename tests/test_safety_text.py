"""Control characters (NUL, ESC, Word's soft line break U+000B) in one
article used to abort the whole build from the Atom feed; invisible and
bidirectional characters silently stopped detection. Both are reported with
the file and line, the text is cleaned, and every article is built."""

from __future__ import annotations

from xml.etree import ElementTree

from portal.checker import check_content, format_report
from test_build import article

PEOPLE = "- id: nguyen-van-duc\n  name: Nguyễn Văn Đức\n  rank: 1\n"


def write_site(site):
    site.write("data/people.yml", PEOPLE)
    site.write("articles/2025/03/dieu-khien.md", article(
        title="Hội nghị\x00 tổng kết", date="2025-03-02 08:00",
        body="Đoạn một\x0bdòng hai.\n\nĐoạn có \x1b[31m mã ESC."))
    site.write("articles/2025/03/vo-hinh.md", article(
        title="Tiếp dân", date="2025-03-03 08:00",
        body="Đồng chí Nguyễn Văn Đ\u200dức tiếp dân.\n\nChữ \u202eđảo chiều."))
    site.write("articles/2025/03/binh-thuong.md", article(
        title="Bài bình thường", body="Đồng chí Nguyễn Văn Đức dự họp."))


def test_preview_builds_every_article_and_names_the_characters(site):
    write_site(site)
    result = site.build()
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    assert "UnserializableContentError" not in log and "Traceback" not in log
    for slug in ("dieu-khien", "vo-hinh", "binh-thuong"):
        assert (result.output / f"tin-tuc/2025/03/{slug}/index.html").is_file()
    ElementTree.parse(result.output / "feed.xml")  # the feed is valid XML again

    assert ("dieu-khien.md:1: ký tự điều khiển U+0000 (ký tự rỗng NUL) ở dòng 1 "
            "đã bị bỏ") in log
    assert "dieu-khien.md:6: ký tự điều khiển U+000B" in log
    assert "đã được thay bằng dấu cách" in log
    assert "dieu-khien.md:8: ký tự điều khiển U+001B (ký tự ESC)" in log
    assert "vo-hinh.md:6: ký tự vô hình U+200D (ký tự nối độ rộng 0 (ZWJ))" in log
    assert "vo-hinh.md:8: ký tự vô hình U+202E" in log

    soup = result.soup("tin-tuc/2025/03/dieu-khien/")
    assert soup.h1.get_text(strip=True) == "Hội nghị tổng kết"
    assert "Đoạn một dòng hai." in soup.get_text()


def test_strict_build_fails_in_vietnamese(site):
    write_site(site)
    result = site.build(strict=True)
    assert result.returncode != 0
    assert "Bản dựng nghiêm ngặt thất bại" in result.log
    assert "Traceback" not in result.log


def test_check_reports_them_with_their_lines(site):
    write_site(site)
    report = check_content(str(site.content))
    text = format_report(report)
    assert report.failed
    assert "dòng 1: [cảnh báo] ký tự điều khiển U+0000" in text
    assert "dòng 6: [cảnh báo] ký tự vô hình U+200D" in text
    assert "binh-thuong" not in text


def test_a_strict_build_from_the_preview_cache_still_fails(site):
    """The reader's output is cached by Pelican: its warnings must come
    back with it, or a strict build after a preview would pass."""
    write_site(site)
    assert site.build(cache="shared").returncode == 0
    result = site.build("strict", strict=True, cache="shared")
    log = " ".join(result.log.split())
    assert result.returncode != 0
    assert "vo-hinh.md:6: ký tự vô hình U+200D" in log
    assert "dieu-khien.md:1: ký tự điều khiển U+0000" in log
