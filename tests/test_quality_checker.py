"""`invoke check`: what an editor is told about each kind of problem.

Most tests call the checker in-process on a tiny content folder (the same
code the task runs); the exit status and the folding of repeats are checked
through the real `invoke check`.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from portal.checker import check_content, format_report
from portal.safehtml import Sanitiser
from test_build import article
from test_tasks import invoke


class Content:
    """A content folder in tmp_path and the checker's verdict on it."""

    def __init__(self, root: Path):
        self.root = root
        self.path = root / "content"
        self.settings = ROOT / "pelicanconf.py"

    def write(self, rel: str, text: str) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def image(self, rel: str, size=(1600, 1067), noise=False) -> Path:
        import os

        from PIL import Image

        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if noise:
            Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(
                path, "JPEG", quality=95)
        else:
            Image.new("RGB", size, (120, 60, 60)).save(path, "JPEG")
        return path

    def settings_with(self, **values) -> None:
        conf = self.root / "conf.py"
        conf.write_text(
            "import sys\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            "from pelicanconf import *  # noqa\n"
            + "".join(f"{k} = {v!r}\n" for k, v in values.items()),
            encoding="utf-8")
        self.settings = conf

    def problems(self, name: str | None = None) -> list[tuple]:
        """(file name, line, level, message) of every problem."""
        report = check_content(str(self.path), settings_file=str(self.settings))
        found = [(Path(p.path).name, p.line, p.level, p.message)
                 for p in report.problems]
        return [p for p in found if name is None or p[0] == name]


@pytest.fixture
def content(tmp_path) -> Content:
    return Content(tmp_path)


def messages(problems) -> list[str]:
    return [p[3] for p in problems]


# --- front matter ------------------------------------------------------------

def test_date_in_the_future_is_a_warning_unless_draft(content):
    content.write("articles/2099/01/sau.md", article(date="2099-01-05 08:00"))
    content.write("articles/2099/01/nhap.md",
                  article(date="2099-01-05 08:00", extra="Status: draft\n"))
    content.write("articles/2025/01/sua.md",
                  article(date="2025-01-05 08:00",
                          extra="Modified: 2025-01-04 08:00\n"))
    today = f"{datetime.now(ZoneInfo('Asia/Ho_Chi_Minh')):%d/%m/%Y}"
    assert content.problems("sau.md") == [(
        "sau.md", 2, "cảnh báo",
        f"ngày '2099-01-05 08:00' ở tương lai (hôm nay là {today})")]
    assert content.problems("nhap.md") == []
    assert messages(content.problems("sua.md")) == [
        "ngày sửa (Modified) trước ngày đăng (Date)"]


@pytest.mark.parametrize(("category", "expected"), [
    ("Tin hoạt động", None),
    ("tin hoạt động", "chuyên mục 'tin hoạt động' viết khác với danh sách"),
    ("Văn hoá - Xã hội", "chuyên mục 'Văn hoá - Xã hội' viết khác với danh sách"),
    ("Thể thao", "chuyên mục 'Thể thao' không có trong danh sách của trang"),
    ("", "thiếu chuyên mục (Category)"),
])
def test_category_must_be_one_of_the_sites(content, category, expected):
    content.write("articles/2025/03/bai.md", article(category=category))
    found = content.problems("bai.md")
    assert messages(found) == ([expected] if expected else [])
    assert all(level == "cảnh báo" for _, _, level, _ in found)


def test_close_category_is_suggested_and_the_list_can_be_turned_off(content):
    content.write("articles/2025/03/bai.md", article(category="Kinh te do thi"))
    report = check_content(str(content.path), settings_file=str(content.settings))
    assert "có phải 'Kinh tế - Đô thị'?" in report.problems[0].hint
    content.settings_with(PORTAL_CATEGORIES=())
    assert content.problems() == []


def test_markup_in_title_and_summary(content):
    content.write("articles/2025/03/bai.md", article(
        title="Hội nghị <b>quan trọng</b>",
        extra="Summary: Tóm <img src=x onerror=alert(1)>\n"))
    assert messages(content.problems()) == [
        "tiêu đề có mã HTML '<b>'",
        "đã bỏ thuộc tính 'onerror' của thẻ <img>: thuộc tính HTML không được phép"]


# --- text --------------------------------------------------------------------

def test_nfd_and_mixed_unicode_forms_are_notices(content):
    text = article(title="Đội Thanh tra Địa bàn quận", body="Quận uỷ và Phòng Y tế.")
    content.write("articles/2025/03/nfc.md", text)
    content.write("articles/2025/03/nfd.md", unicodedata.normalize("NFD", text))
    lines = text.splitlines()
    lines[-1] = unicodedata.normalize("NFD", lines[-1])
    content.write("articles/2025/03/tron.md", "\n".join(lines) + "\n")
    assert content.problems("nfc.md") == []
    assert content.problems("nfd.md") == [(
        "nfd.md", 1, "lưu ý",
        "văn bản ở dạng Unicode tổ hợp (NFD), ở các dòng 1, 3, 4, 6")]
    assert content.problems("tron.md") == [(
        "tron.md", 6, "lưu ý",
        "văn bản trộn hai dạng Unicode: dựng sẵn (NFC) và tổ hợp (NFD), ở các dòng 6")]


def test_unsafe_html_in_the_body_is_named_once_per_line(content):
    content.write("articles/2025/03/bai.md", article(
        body="Đoạn <b>đậm</b> là được.\n\n<script>alert(1)</script>\n\n"
             "<a href='javascript:alert(2)'>bấm</a> <iframe src=x></iframe>"))
    script = "đã bỏ thẻ <{}> cùng nội dung bên trong: mã HTML không an toàn"
    assert content.problems() == [
        ("bai.md", 8, "cảnh báo", script.format("script")),
        ("bai.md", 10, "cảnh báo", "đã bỏ liên kết 'javascript:alert(2)' của thẻ <a>: "
         "liên kết không an toàn"),
        ("bai.md", 10, "cảnh báo", script.format("iframe")),
    ]


def test_article_over_the_size_limit(content):
    content.settings_with(PORTAL_ARTICLE_MAX_BYTES=10 * 1024)
    content.write("articles/2025/03/dai.md", article(body="Nội dung dài. " * 2000))
    content.write("articles/2025/03/ngan.md", article())
    assert content.problems() == [
        ("dai.md", None, "cảnh báo", "bài viết dài 33 KB, vượt giới hạn 10 KB")]


# --- photos ------------------------------------------------------------------

def test_photo_text_alternatives(content):
    for n in range(1, 5):
        content.image(f"articles/2025/03/bai/anh-0{n}.jpg")
    content.write("articles/2025/03/bai.md", article(body="\n".join([
        "Đoạn mở đầu.", "",
        "![Ảnh có mô tả](bai/anh-01.jpg)", "Và có chú thích", "",
        "![](bai/anh-02.jpg)", "Chỉ có chú thích", "",
        "![Chỉ có mô tả](bai/anh-03.jpg)", "",
        "![](bai/anh-04.jpg)", "", "Đoạn kết."])))
    assert content.problems() == [
        ("bai.md", 11, "lưu ý",
         "ảnh 'bai/anh-02.jpg' chưa có mô tả (alt): chú thích được dùng làm mô tả"),
        ("bai.md", 14, "lưu ý", "ảnh 'bai/anh-03.jpg' không có chú thích"),
        ("bai.md", 16, "cảnh báo",
         "ảnh 'bai/anh-04.jpg' không có mô tả và không có chú thích"),
    ]


def test_photo_files_too_small_too_heavy_or_inline(content):
    content.settings_with(PORTAL_PHOTO_MAX_BYTES=100 * 1024)
    content.image("articles/2025/03/bai/nho.jpg", size=(800, 600))
    content.image("articles/2025/03/bai/nang.jpg", size=(1600, 1200), noise=True)
    content.write("articles/2025/03/bai.md", article(body="\n".join([
        "![Ảnh nhỏ](bai/nho.jpg)", "Chú thích", "",
        "![Ảnh nặng](bai/nang.jpg)", "Chú thích", "",
        "![Ảnh dán](data:image/png;base64," + "A" * 3000 + ")", "Chú thích"])))
    found = content.problems()
    assert found[0] == ("bai.md", 6, "lưu ý", "ảnh 'bai/nho.jpg' nhỏ (800×600 px): "
                        "cạnh dài dưới 1440 px nên ảnh phóng to sẽ bị mờ")
    assert found[1][:3] == ("bai.md", 9, "cảnh báo")
    assert found[1][3].startswith("tệp ảnh 'bai/nang.jpg' nặng ")
    assert found[1][3].endswith(" MB, quá giới hạn 0 MB")
    assert found[2] == ("bai.md", 12, "cảnh báo",
                        "ảnh nhúng trực tiếp dạng data: (2 KB)")
    assert len(found) == 3


def test_too_many_photos(content):
    content.settings_with(PORTAL_ARTICLE_MAX_PHOTOS=3)
    content.image("articles/2025/03/bai/anh.jpg")
    content.write("articles/2025/03/bai.md", article(body="\n\n".join(
        f"![Ảnh {n}](bai/anh.jpg)\nChú thích {n}" for n in range(5))))
    assert content.problems() == [
        ("bai.md", 15, "cảnh báo", "bài có 5 ảnh, nhiều hơn giới hạn 3 ảnh")]


# --- links -------------------------------------------------------------------

def test_links_to_content_that_does_not_exist(content):
    content.write("articles/2025/02/cu.md", article(date="2025-02-01 08:00",
                                                    extra="Tags: hội nghị\n"))
    content.image("articles/2025/03/bai/anh.jpg")
    content.write("articles/2025/03/bai/tai-lieu.pdf", "%PDF-1.4")
    content.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\nNội dung.\n")
    links = [
        "[a]({filename}../02/cu.md)", "[b]({filename}/articles/2025/02/cu.md)",
        "[c]({filename}khong-co.md)", "[d]({filename}bai/anh.jpg)",
        "[e]({static}bai/khong-co.pdf)", "[f]({attach}bai/tai-lieu.pdf)",
        "[g](/tin-tuc/2025/02/cu/)", "[h](/tin-tuc/2025/02/khong-co/)",
        "[i](/chuyen-muc/tin-hoat-dong/)", "[j](/chuyen-muc/khong-co/)",
        "[k](/the/hoi-nghi/)", "[l](/luu-tru/2025/02/)", "[m](/don-vi/bat-ky/)",
        "[n](/gioi-thieu/)", "[o](../02/cu.md)", "[p](bai/tai-lieu.pdf)",
        "[q](khong-co.html)", "[r]({tag}hội nghị)", "[s]({abc}x)",
        "[t](https://chinhphu.vn/)", "[u](mailto:a@b.vn)", "[v](#muc)",
        '<a href="/tin-tuc/2025/02/khong-co-nua/">w</a>',
    ]
    body = "\n\n".join(links) + "\n\n[tham chiếu]: /tin-tuc/2025/01/khong-co/"
    content.write("articles/2025/03/bai.md", article(body=body))
    # Line of each link by its letter ("w" for the HTML one).
    line = {text.split("]")[0][-1] if text.startswith("[") else "w": 6 + 2 * n
            for n, text in enumerate(links)}
    assert content.problems("bai.md") == [
        ("bai.md", line["c"], "lỗi",
         "liên kết '{filename}khong-co.md' trỏ tới tệp không có"),
        ("bai.md", line["d"], "cảnh báo", "liên kết '{filename}bai/anh.jpg' dùng "
         "{filename} cho tệp không phải bài viết"),
        ("bai.md", line["e"], "lỗi",
         "liên kết '{static}bai/khong-co.pdf' trỏ tới tệp không có"),
        ("bai.md", line["h"], "lỗi",
         "liên kết '/tin-tuc/2025/02/khong-co/' trỏ tới trang không có"),
        ("bai.md", line["j"], "lỗi",
         "liên kết '/chuyen-muc/khong-co/' trỏ tới trang không có"),
        ("bai.md", line["o"], "cảnh báo",
         "liên kết tới bài viết phải viết là '{filename}../02/cu.md'"),
        ("bai.md", line["p"], "cảnh báo",
         "liên kết tới tệp phải viết là '{attach}bai/tai-lieu.pdf'"),
        ("bai.md", line["q"], "lỗi", "liên kết 'khong-co.html' trỏ tới tệp không có"),
        ("bai.md", line["s"], "cảnh báo",
         "liên kết '{abc}x' dùng chỉ dẫn không có '{abc}'"),
        ("bai.md", line["w"], "lỗi",
         "liên kết '/tin-tuc/2025/02/khong-co-nua/' trỏ tới trang không có"),
        ("bai.md", line["w"] + 2, "lỗi",
         "liên kết '/tin-tuc/2025/01/khong-co/' trỏ tới trang không có"),
    ]


def test_site_address_links_with_the_public_address(content, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://quanmau.gov.vn")
    content.write("articles/2025/02/cu.md", article(date="2025-02-01 08:00"))
    content.write("articles/2025/03/bai.md", article(body=(
        "[a](https://quanmau.gov.vn/tin-tuc/2025/02/cu/) "
        "[b](https://quanmau.gov.vn/tin-tuc/2025/02/mat/)")))
    assert messages(content.problems("bai.md")) == [
        "liên kết '/tin-tuc/2025/02/mat/' trỏ tới trang không có"]


# --- the whole site ------------------------------------------------------------

def test_two_files_at_one_address_and_one_slug_twice(content):
    content.write("articles/2025/03/hop.md", article(date="2025-03-02 08:00"))
    content.write("articles/khac/hop.md", article(date="2025-03-09 08:00"))
    content.write("articles/2025/04/hop.md", article(date="2025-04-01 08:00"))
    content.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\nNội dung.\n")
    content.write("pages/gioi-thieu-2.md",
                  "Title: Giới thiệu\nSlug: gioi-thieu\n\nNội dung.\n")
    found = content.problems()
    assert ("hop.md", None, "lỗi", "địa chỉ '/tin-tuc/2025/03/hop/' trùng với bài "
            "articles/2025/03/hop.md") in found
    assert ("gioi-thieu.md", None, "lỗi", "địa chỉ '/gioi-thieu/' trùng với bài "
            "pages/gioi-thieu-2.md") in found
    slug = [p for p in found if p[3].startswith("tên bài (slug) 'hop'")]
    assert slug == [("hop.md", None, "cảnh báo",
                     "tên bài (slug) 'hop' trùng với bài articles/2025/03/hop.md")]
    assert len(found) == 3


# --- the report ------------------------------------------------------------------

def test_a_repeated_problem_is_named_once_with_its_lines(tmp_path):
    content = Content(tmp_path)
    content.write("articles/2025/03/bai.md", article(body="\n\n".join(
        ["[xem]({filename}khong-co.md)"] * 3)))
    json_result = invoke("check", "--content", str(content.path), "--format", "json")
    problems = json.loads(json_result.stdout)["problems"]
    assert [(p["line"], p["lines"]) for p in problems] == [(6, [6, 8, 10])]
    text = invoke("check", "--content", str(content.path)).stdout
    assert text.count("khong-co.md' trỏ tới tệp không có") == 1
    assert "dòng 6, 8, 10: [lỗi]" in text
    assert text.rstrip().endswith("Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo, 0 lưu ý.")


def test_exit_status_is_zero_with_notices_only(tmp_path):
    content = Content(tmp_path)
    content.image("articles/2025/03/bai/anh.jpg")
    content.write("articles/2025/03/bai.md",
                  article(body="![](bai/anh.jpg)\nChú thích"))
    result = invoke("check", "--content", str(content.path))
    assert result.returncode == 0, result.stdout
    assert "[lưu ý]" in result.stdout
    content.write("articles/2025/03/bai.md", article(body="![](bai/anh.jpg)"))
    assert invoke("check", "--content", str(content.path)).returncode == 1


def test_sample_content_has_no_warning():
    report = check_content(str(ROOT / "content"), str(ROOT / "pelicanconf.py"))
    assert not report.failed, format_report(report)


# --- raw HTML in Markdown -----------------------------------------------------------

def test_formatting_stays_and_what_could_run_is_removed():
    sanitise = Sanitiser().sanitize
    kept = ("<p><b>đậm</b> <br></p>"
            '<table><tbody><tr><td colspan="2">ô</td></tr></tbody></table>')
    assert sanitise(kept) == (kept, [])
    assert sanitise("<p>A <script>x</script></p>")[0] == "<p>A </p>"
    assert sanitise("<p onclick='x()'>b</p>")[0] == "<p>b</p>"
    assert sanitise('<a href=" javascript:x()">c</a>')[0] == "<a>c</a>"
