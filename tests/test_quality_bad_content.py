"""The bad-input corpus: every kind of broken article, through `invoke check`
and the real build (strict and preview).

Each case names the exact message the editor gets (file, line, level, text).
No traceback is ever printed; the strict build fails, the preview build
finishes; markup in a title or caption is shown as text and never runs; and
nothing outside the output (and cache) folders is written.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Site
from test_build import hashes

FIXTURES = ROOT / "tests" / "fixtures" / "bad-content"
A = "content/articles/2025/03/"
DATE_HINT = "hãy viết ngày theo dạng 2025-02-10 16:30 (hoặc 10/02/2025 16:30)"
MEGABYTE = 1024 * 1024
CODE_TYPES = {"", "text/javascript", "application/javascript", "module"}
BIG_PARAGRAPH = ("Ủy ban nhân dân quận tổ chức hội nghị tổng kết công tác năm, "
                 "đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội. ")


def enabled(plugin: str) -> bool:
    from pelican.settings import read_settings

    return plugin in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def today() -> str:
    return f"{datetime.now(ZoneInfo('Asia/Ho_Chi_Minh')):%d/%m/%Y}"


def check_cases():
    """(file, line, level, message) that `invoke check` must report."""
    cases = [
        ("hong-dau.md", 2, "lỗi", "dòng 'Date 2025-03-10 08:00' trong phần đầu "
         "không đúng dạng 'Khóa: giá trị'"),
        ("thieu-tieu-de.md", 1, "lỗi", "thiếu tiêu đề (Title)"),
        ("sai-ngay.md", 2, "lỗi", "không đọc được ngày '31/02/2025'"),
        ("thieu-anh.md", 8, "cảnh báo",
         "không tìm thấy tệp ảnh 'thieu-anh/anh-01.jpg'"),
        ("ra-ngoai.md", 6, "lỗi", "đường dẫn ảnh '../../../../../../../etc/passwd' "
         "nằm ngoài thư mục content/"),
        ("ma-script.md", 1, "cảnh báo", "tiêu đề có mã HTML '<script>'"),
        ("ma-script.md", 9, "cảnh báo", "đã bỏ thẻ <script> cùng nội dung bên trong: "
         "mã HTML không an toàn"),
        ("trung-dia-chi.md", None, "lỗi", "địa chỉ '/tin-tuc/2025/03/trung-dia-chi/' "
         "trùng với bài articles/2025/03/cu/trung-dia-chi.md"),
        ("nfd.md", 1, "lưu ý", "văn bản ở dạng Unicode tổ hợp (NFD), ở các dòng 1, 3, "
         "4, 6"),
        ("tuong-lai.md", 2, "cảnh báo", f"ngày '2099-03-10 08:00' ở tương lai (hôm nay "
         f"là {today()})"),
        ("chuyen-muc-la.md", 3, "cảnh báo", "chuyên mục 'Tin hoat dong' không có "
         "trong danh sách của trang"),
        ("lien-ket-hong.md", 6, "lỗi", "liên kết '{filename}khong-co.md' trỏ tới tệp "
         "không có"),
        ("lien-ket-hong.md", 6, "lỗi", "liên kết '/tin-tuc/2025/01/khong-co/' trỏ tới "
         "trang không có"),
        ("anh-khong-mo-ta.md", 8, "cảnh báo", "ảnh 'anh-khong-mo-ta/anh-01.jpg' không "
         "có mô tả và không có chú thích"),
        ("khong-utf8.md", 1, "lỗi", "tệp không phải văn bản UTF-8"),
        ("rat-dai.md", None, "cảnh báo", "bài viết dài 1024 KB, vượt giới hạn 256 KB"),
        ("nhieu-anh.md", 188, "cảnh báo", "bài có 200 ảnh, nhiều hơn giới hạn 60 ảnh"),
    ]
    if enabled("units"):
        cases.append(("don-vi-la.md", 5, "lỗi",
                      "Units: không có đơn vị nào mang mã 'phong-khong-co'"))
    if enabled("people"):
        cases += [
            ("ten-go-sai.md", 7, "cảnh báo", "tên 'Nguyễn Văn Đứt' sau 'Đồng chí' "
             "chưa có trong danh sách lãnh đạo"),
            ("ten-go-sai.md", 9, "cảnh báo", "tên 'Trần Văn Tèo' sau 'Ông' chưa có "
             "trong danh sách lãnh đạo"),
        ]
    return cases


def build_cases():
    """(file, text) that the strict build's log must contain."""
    cases = [
        ("hong-dau.md", ":2: dòng 'Date 2025-03-10 08:00' trong phần đầu"),
        ("thieu-tieu-de.md", ":1: thiếu tiêu đề (Title)"),
        ("sai-ngay.md", ":2: không đọc được ngày '31/02/2025'"),
        ("ra-ngoai.md",
         ":6: đường dẫn ảnh '../../../../../../../etc/passwd' nằm ngoài"),
        ("trung-dia-chi.md", ": địa chỉ '/tin-tuc/2025/03/trung-dia-chi/' trùng với "
         "bài articles/2025/03/cu/trung-dia-chi.md"),
        ("khong-utf8.md", ":1: tệp không phải văn bản UTF-8"),
    ]
    if enabled("gallery"):
        cases += [
            ("thieu-anh.md", ":8: không tìm thấy tệp ảnh 'thieu-anh/anh-01.jpg'"),
            ("anh-hong.md", ":8: tệp ảnh 'anh-hong/anh-01.jpg' bị hỏng hoặc chưa "
             "chép hết"),
        ]
    if enabled("units"):
        cases.append(("don-vi-la.md", "không có đơn vị nào mang mã 'phong-khong-co'"))
    return cases


def generate(site: Site) -> None:
    """What is better generated than committed: photos, a corrupt photo, a file
    that is not UTF-8, a 1 MB article and an article with 200 photos."""
    from PIL import Image

    for name in ("ma-script", "anh-khong-mo-ta"):
        site.image(f"articles/2025/03/{name}/anh-01.jpg", size=(1600, 1000))
    data = io.BytesIO()
    Image.new("RGB", (1600, 1000), (90, 40, 40)).save(data, "JPEG")
    broken = site.content / "articles/2025/03/anh-hong/anh-01.jpg"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(data.getvalue()[:600])  # cut off mid-copy
    (site.content / "articles/2025/03/khong-utf8.md").write_bytes(
        "Title: Bài lưu bằng bảng mã cũ\nDate: 2025-03-10 08:00\n".encode("latin-1",
                                                                        "replace")
        + b"Category: Tin ho\xe0t \xf0\xf4ng\n\nN\xf4i dung.\n")
    header = ("Date: 2025-03-10 08:00\nCategory: Tin hoạt động\n"
              "Author: Nhóm BTV\n\n")
    head = "Title: Bài dài một megabyte\n" + header
    block = BIG_PARAGRAPH * 8 + "\n\n"
    repeat = (MEGABYTE - len(head.encode())) // len(block.encode()) + 1
    site.write("articles/2025/03/rat-dai.md", head + block * repeat)
    photos = []
    for n in range(1, 201):
        site.image(f"articles/2025/03/nhieu-anh/anh-{n:03}.jpg", size=(24, 16))
        photos.append(f"![Ảnh số {n}](nhieu-anh/anh-{n:03}.jpg)\nQuang cảnh số {n}\n")
    # Photos start on line 8: photo 61 (the first over the limit) is on 188.
    site.write("articles/2025/03/nhieu-anh.md", "Title: Bài có hai trăm ảnh\n" + header
               + "Đoạn mở đầu.\n\n" + "\n".join(photos))


class Corpus:
    def __init__(self, root: Path):
        self.root = root
        self.site = Site(root)
        shutil.copytree(FIXTURES / "articles", self.site.content / "articles")
        shutil.copytree(ROOT / "content" / "data", self.site.content / "data")
        generate(self.site)
        self.fixtures_before = hashes(FIXTURES)
        self.content_before = hashes(self.site.content)
        proc = subprocess.run(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
             "--content", str(self.site.content), "--format", "json"],
            cwd=root, capture_output=True, text=True, timeout=600)
        self.check_code, self.check_err = proc.returncode, proc.stderr
        self.report = json.loads(proc.stdout)
        extra = f"GALLERY_CACHE_PATH = {str(root / 'gallery-cache')!r}\n"
        self.strict = self.site.build("output", strict=True, extra=extra)
        self.preview = self.site.build("output-preview", strict=False, extra=extra)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("bad-content"))


@pytest.mark.parametrize("case", check_cases(), ids=lambda c: f"{c[0]}:{c[1]}")
def test_check_names_each_problem_with_file_and_line(corpus, case):
    name, line, level, message = case
    found = [(p["line"], p["level"], p["message"]) for p in corpus.report["problems"]
             if p["path"] == A + name]
    assert (line, level, message) in found, found


def test_a_mistyped_leader_name_gets_the_registered_one(corpus):
    if not enabled("people"):
        pytest.skip("the people plugin (issue 3) is not enabled")
    hints = [p["hint"] for p in corpus.report["problems"]
             if p["path"] == A + "ten-go-sai.md" and p["line"] == 7]
    assert hints and hints[0].startswith("có phải là 'Nguyễn Văn Đức'?")


def test_check_fails_once_per_problem_without_traceback(corpus):
    assert corpus.check_code == 1
    assert corpus.report["failed"] is True
    assert "Traceback" not in corpus.check_err
    keys = [(p["path"], p["message"]) for p in corpus.report["problems"]]
    assert len(keys) == len(set(keys)), "a problem is named more than once"
    files = {p["path"] for p in corpus.report["problems"]}
    assert A + "anh-hong.md" not in files or enabled("gallery")


@pytest.mark.parametrize("case", build_cases(), ids=lambda c: c[0])
def test_strict_build_names_each_problem(corpus, case):
    name, text = case
    log = " ".join(corpus.strict.log.split())
    assert f"{A}{name}{text}" in log or (name in log and text in log), log[-3000:]


def test_strict_build_fails_and_preview_build_finishes(corpus):
    assert corpus.strict.returncode != 0
    assert corpus.preview.returncode == 0, corpus.preview.log[-3000:]
    for log in (corpus.strict.log, corpus.preview.log):
        assert "Traceback" not in log
    skipped = " ".join(corpus.preview.log.split())
    assert "Đã bỏ qua" in skipped
    out = corpus.preview.output
    # The good half of the duplicate address is published, once.
    assert (out / "tin-tuc/2025/03/trung-dia-chi/index.html").is_file()
    assert (out / "tin-tuc/2025/03/rat-dai/index.html").is_file()
    assert (out / "tin-tuc/2025/03/nhieu-anh/index.html").is_file()
    assert not list(out.rglob("passwd"))


def test_markup_in_title_is_shown_as_text_and_removed_from_caption(corpus):
    out = corpus.preview.output
    page = BeautifulSoup((out / "tin-tuc/2025/03/ma-script/index.html").read_text(
        "utf-8"), "html.parser")
    assert page.find("h1").get_text(strip=True) == (
        'Hội nghị <script>alert("tiêu đề")</script> tổng kết')
    caption = page.select_one("figcaption").get_text(" ", strip=True)
    assert " ".join(caption.split()) == "Quang cảnh hội nghị năm 2025"
    for path in out.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script"):
            # Data blocks (JSON-LD) may quote the title; code must not.
            if script.get("type", "text/javascript") in CODE_TYPES:
                assert "alert" not in (script.string or ""), path
            assert "</script" not in (script.string or "").lower(), path
        for tag in soup.find_all(True):
            assert not any(a.startswith("on") for a in tag.attrs), (path, tag)


def test_nothing_outside_the_output_folders_changes(corpus):
    assert hashes(FIXTURES) == corpus.fixtures_before
    assert hashes(corpus.site.content) == corpus.content_before
    made = {p.name for p in corpus.root.iterdir()}
    assert made <= {"content", "output", "output-preview", "cache-output",
                    "cache-output-preview", "gallery-cache", "conf-output.py",
                    "conf-output-preview.py"}, made
