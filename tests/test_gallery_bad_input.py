"""Photos that cannot be published: a clear message naming the article,
its line and the image, a visible placeholder in a preview build, and a
failed strict build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Site
from photo_factory import camera_jpeg, png_bomb, save
from PIL import Image


def truncated(path: Path) -> None:
    camera_jpeg(path, (1600, 1200))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def lying(path: Path) -> None:
    save(Image.new("RGB", (300, 200), (10, 120, 200)), path, "PNG")


def svg(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" '
                    'height="10"><rect width="10" height="10"/></svg>', "utf-8")


def icon(path: Path) -> None:
    save(Image.new("RGB", (64, 64), (200, 0, 0)), path, "ICO")


def empty(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")


# slug, image file, how to make it (None: no file), expected message
CASES = [
    ("thieu-anh", "khong-co.jpg", None,
     "không tìm thấy tệp ảnh '{src}'"),
    ("anh-rong", "rong.jpg", empty,
     "tệp ảnh '{src}' rỗng (0 byte)"),
    ("anh-cut", "bi-cat.jpg", truncated,
     "tệp ảnh '{src}' bị hỏng hoặc chưa chép hết"),
    ("sai-duoi", "that-ra-png.jpg", lying,
     "tệp ảnh '{src}' có đuôi '.jpg' nhưng thực ra là ảnh PNG"),
    # Above our limit (80 MP), then also above Pillow's own (179 MP).
    ("anh-lon", "90mp.png", lambda path: png_bomb(path, 10_000, 9_000),
     "ảnh '{src}' quá lớn: 10000×9000 điểm ảnh (90.0 MP), giới hạn là 80 MP"),
    ("bom-anh", "bom.png", png_bomb,
     "ảnh '{src}' quá lớn: 400.0 MP, giới hạn là 80 MP"),
    ("so-do", "so-do.svg", svg,
     "tệp '{src}' không phải là ảnh ở định dạng được hỗ trợ"),
    ("bieu-tuong", "bieu-tuong.ico", icon,
     "tệp '{src}' là ảnh ICO, định dạng này không được hỗ trợ"),
]
IDS = [case[0] for case in CASES]
LINE = 7  # of the image in the article below


def write_case(site: Site, slug: str, name: str, make) -> str:
    src = f"{slug}/{name}"
    if make is not None:
        make(site.content / "articles/2025/04" / src)
    site.write(f"articles/2025/04/{slug}.md",
               f"Title: Bài {slug}\nDate: 2025-04-01 08:00\nCategory: Tin hoạt động"
               f"\n\nĐoạn đầu.\n\n![Ảnh hỏng]({src})\nChú thích của ảnh hỏng\n")
    return src


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("gallery-bad"))
    site.image("articles/2025/04/tot/anh.jpg", (800, 600))
    site.write("articles/2025/04/tot.md",
               "Title: Bài tốt\nDate: 2025-04-02 08:00\nCategory: Tin hoạt động\n\n"
               "![Ảnh tốt](tot/anh.jpg)\nChú thích\n")
    for slug, name, make, _ in CASES:
        write_case(site, slug, name, make)
    first = site.build()
    second = site.build()
    return site, first, second


def flat(log: str) -> str:
    return " ".join(log.split())


@pytest.mark.parametrize("slug, name, make, message", CASES, ids=IDS)
def test_preview_reports_file_line_and_image(preview, slug, name, make, message):
    _, first, second = preview
    assert first.returncode == 0, first.log
    expected = (f"gallery: content/articles/2025/04/{slug}.md:{LINE}: "
                + message.format(src=f"{slug}/{name}"))
    for build in (first, second):  # the failure is cached, and told again
        log = flat(build.log)
        assert expected in log, log
        assert "Traceback" not in build.log


@pytest.mark.parametrize("slug, name, make, message", CASES, ids=IDS)
def test_preview_shows_a_placeholder_in_the_article(preview, slug, name, make, message):
    _, first, _ = preview
    soup = first.soup(f"tin-tuc/2025/04/{slug}/")
    figure = soup.select_one("figure.vn-figure")
    placeholder = figure.select_one(".vn-photo-missing")
    assert placeholder is not None and name in placeholder.get_text()
    assert placeholder["role"] == "img" and name in placeholder["aria-label"]
    assert figure.find("img") is None and figure.find("picture") is None
    caption = figure.select_one("figcaption").get_text(strip=True)
    assert caption == "Chú thích của ảnh hỏng"


def test_good_photos_are_unaffected_and_nothing_is_encoded_twice(preview):
    _, first, second = preview
    assert first.soup("tin-tuc/2025/04/tot/").select_one("figure picture source")
    assert "tạo mới 1 ảnh" in flat(first.log)
    assert "tạo mới 0 ảnh" in flat(second.log)
    assert f"{len(CASES)} ảnh lỗi" in flat(second.log)


@pytest.mark.parametrize("slug, name, make, message", CASES, ids=IDS)
def test_strict_build_fails(tmp_path, slug, name, make, message):
    site = Site(tmp_path)
    src = write_case(site, slug, name, make)
    result = site.build(strict=True)
    assert result.returncode != 0
    log = flat(result.log)
    assert f"{slug}.md:{LINE}: " + message.format(src=src) in log
    assert "Bản dựng nghiêm ngặt thất bại" in log
