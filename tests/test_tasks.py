"""The invoke tasks editors run: new-article and check."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import ROOT


def invoke(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )


def test_new_article_creates_file_and_never_overwrites(tmp_path):
    content = tmp_path / "content"
    title = "Đội Thanh tra Địa bàn quận kiểm tra trật tự đô thị"
    first = invoke("new-article", title, "--content", str(content))
    assert first.returncode == 0, first.stderr
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    path = (content / "articles" / f"{now:%Y}" / f"{now:%m}"
            / "doi-thanh-tra-dia-ban-quan-kiem-tra-trat-tu-do-thi.md")
    text = path.read_text("utf-8")
    assert text.startswith(f"Title: {title}\nDate: {now:%Y-%m-%d}")
    assert "Category: Tin hoạt động" in text

    path.write_text(text + "\nĐoạn do biên tập viên viết.\n", encoding="utf-8")
    before = path.read_bytes()
    second = invoke("new-article", title, "--content", str(content))
    assert second.returncode == 1
    assert "không ghi đè" in second.stderr + second.stdout
    assert path.read_bytes() == before

    # The created skeleton passes the checker once its photo exists.
    report = invoke("check", "--content", str(content), "--format", "json")
    problems = json.loads(report.stdout)["problems"]
    assert [p["message"] for p in problems] == [
        f"không tìm thấy tệp ảnh '{path.stem}/anh-01.jpg'"
    ]


def test_check_reports_per_file_with_lines(tmp_path):
    content = tmp_path / "content"
    (content / "articles/2025/03").mkdir(parents=True)
    (content / "articles/2025/03/sai.md").write_text(
        "Title: Sai ngày\nDate: 2025-13-45\nCategory: Tin hoạt động\n\n"
        "![](anh.jpg)\nChú thích\n", encoding="utf-8")
    (content / "articles/2025/03/dung.md").write_text(
        "Title: Đúng\nDate: 2025-03-01\nCategory: Tin hoạt động\n\nNội dung.\n",
        encoding="utf-8")
    result = invoke("check", "--content", str(content))
    assert result.returncode == 1
    out = result.stdout
    assert "sai.md" in out and "dung.md" not in out
    assert "dòng 2: [lỗi] không đọc được ngày '2025-13-45'" in out
    # A missing photo is a warning: the article is built with a placeholder.
    assert "dòng 5: [cảnh báo] không tìm thấy tệp ảnh 'anh.jpg'" in out
    assert "Đã kiểm tra 2 tệp: 1 lỗi, " in out


def test_check_passes_on_the_sample_content():
    result = invoke("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_notices_an_article_naming_no_unit(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content/data", content / "data")
    folder = content / "articles/2025/03"
    folder.mkdir(parents=True)
    header = "Title: {}\nDate: 2025-03-01\nCategory: Tin hoạt động\n\n"
    (folder / "khong-don-vi.md").write_text(
        header.format("Họp dân") + "Buổi họp dân diễn ra sôi nổi.\n", "utf-8")
    (folder / "co-don-vi.md").write_text(
        header.format("Kiểm tra") + "Phòng Y tế kiểm tra an toàn thực phẩm.\n", "utf-8")
    result = invoke("check", "--content", str(content), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    notices = [(p["path"].rsplit("/", 1)[-1], p["level"])
               for p in json.loads(result.stdout)["problems"]
               if p["message"] == "bài viết không nhắc đến đơn vị nào"]
    assert notices == [("khong-don-vi.md", "lưu ý")]
