"""Photos `invoke check` used to get wrong: a path with spaces reported as
its first word, a decompression bomb ending the check with a traceback."""

from __future__ import annotations

import struct
import zlib

from conftest import ROOT
from portal.checker import check_content, format_report
from test_build import article
from test_tasks import invoke

SPACED = "Ảnh Tết Mới/Ảnh 01 ĐẸP.JPG"


def bomb_png(path, width=30000, height=30000):
    """A PNG header declaring width×height pixels (a few bytes on disk)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                  0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_a_photo_path_with_spaces_is_checked_as_the_build_reads_it(site):
    site.image(f"articles/2025/03/{SPACED}", size=(1600, 1200))
    site.write("articles/2025/03/tet.md", article(
        body=f"![Ảnh đường hoa]({SPACED})\nĐường hoa Tết ở phường\n\n"
             f"![Ảnh có tiêu đề]({SPACED} \"Tiêu đề\")\nChú thích\n\n"
             "![Ảnh không có](Ảnh Tết Mới/Không có.jpg)\nChú thích"))
    text = format_report(check_content(str(site.content), str(ROOT / "pelicanconf.py")))
    assert "'Ảnh'" not in text
    assert "không tìm thấy tệp ảnh 'Ảnh Tết Mới/Không có.jpg'" in text
    assert SPACED not in text, text

    result = site.build()
    assert result.returncode == 0, result.log
    figures = result.soup("tin-tuc/2025/03/tet/").select("figure.vn-figure")
    assert len(figures) == 3 and figures[0].find("img")


def test_a_decompression_bomb_is_a_warning_and_the_check_goes_on(site):
    bomb_png(site.content / "articles/2025/03/bom/anh.png")
    site.write("articles/2025/03/bom.md", article(
        body="![Ảnh quá lớn](bom/anh.png)\nChú thích của ảnh"))
    site.write("articles/2025/03/khong-tieu-de.md",
               "Date: 2025-03-01 08:00\nCategory: Tin hoạt động\n\nNội dung.\n")
    checked = invoke("check", "--content", str(site.content))
    out = checked.stdout + checked.stderr
    assert checked.returncode == 1
    assert "Traceback" not in out and "DecompressionBomb" not in out
    assert ("dòng 6: [cảnh báo] ảnh 'bom/anh.png' quá lớn: 900 MP, giới hạn là "
            "80 MP") in out
    assert "thiếu tiêu đề (Title)" in out  # the other file is still checked
