"""The importer of legacy articles: the real importer on hand-made fixtures
(tests/fixtures/import/, photos generated here with Pillow), asserting the
Markdown and image files it writes, then the real Pelican build of them."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT
from importer import Options, run
from importer.portaldates import find_date, is_date_line
from PIL import Image

FIXTURES = ROOT / "tests/fixtures/import"
SAMPLE = ROOT / "tests/data/sample-export.txt"
SAMPLE_TITLE = ("Thường trực UBND quận làm việc với các đơn vị về chương trình "
                "công tác năm 2025")

# --- helpers -----------------------------------------------------------------

def picture(fmt: str, color: tuple[int, int, int], size=(48, 36)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


PHOTOS = {
    "@@JPEG_RED@@": (picture("JPEG", (200, 30, 30)), "image/jpeg"),
    "@@PNG_BLUE@@": (picture("PNG", (30, 30, 200)), "image/png"),
    "@@JPEG_GREEN@@": (picture("JPEG", (30, 160, 30)), "image/jpeg"),
}


def fixture(name: str, folder: Path) -> Path:
    """Copy a fixture into `folder`, with real images in place of @@…@@."""
    text = (FIXTURES / name).read_text("utf-8")
    for token, (data, mime) in PHOTOS.items():
        text = text.replace(token, data_uri(data, mime))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def do_import(source: Path, content: Path, **options) -> tuple[int, str]:
    lines: list[str] = []
    code = run(source, Options(content=content, **options), out=lines.append)
    return code, "\n".join(lines)


def invoke(*args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300)


def body_of(result, rel):
    return result.soup(rel).select_one(".vn-article__body")


def text_paragraphs(body) -> list[str]:
    return [" ".join(p.get_text(" ").split()) for p in body.find_all("p")
            if not p.find_parent("figure")]


def captions(body) -> list[list[str]]:
    return [[s.strip() for s in fig.figcaption.get_text("\n").split("\n") if s.strip()]
            for fig in body.select("figure")]


def front_matter(text: str) -> dict[str, str]:
    head = text.split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def sample_body_lines() -> list[str]:
    return [line for line in SAMPLE.read_text("utf-8").splitlines()
            if len(line) > 200]


# --- the sample text export ("done when") --------------------------------------

def test_sample_export_imports_into_the_sites_conventions(site):
    from test_build import sample_captions

    source = site.root / "exports" / "lam-viec-cac-don-vi-2025.txt"
    source.parent.mkdir()
    shutil.copy(SAMPLE, source)
    result = invoke("import-article", str(source), "--title", SAMPLE_TITLE,
                    "--date", "2025-02-10 16:30", "--content", str(site.content))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Kết quả: đã nhập 1 bài, bỏ qua 0 tệp, 8 cảnh báo" in out
    assert "Traceback" not in out + result.stderr

    article = site.content / "articles/2025/02/lam-viec-cac-don-vi-2025.md"
    folder = article.parent / "lam-viec-cac-don-vi-2025"
    names = [f"anh-{n:02d}.jpg" for n in range(1, 9)]
    warnings = [line for line in out.splitlines() if "[cảnh báo]" in line]
    assert len(warnings) == 8
    for warning, name in zip(warnings, names, strict=True):
        assert "chưa có tệp" in warning
        assert warning.endswith(f"hãy chép ảnh vào {folder / name}")
    assert not folder.exists()  # nothing invented for the stripped photos

    text = article.read_text("utf-8")
    meta = front_matter(text)
    assert meta["Title"] == SAMPLE_TITLE
    assert meta["Date"] == "2025-02-10 16:30"
    assert meta["Category"] == "Tin hoạt động"
    assert meta["Author"] == "Nhóm BTV"
    assert "Nhóm BTV" not in text.split("\n\n", 1)[1]  # the signature left the body
    images = [line for line in text.splitlines() if line.startswith("![")]
    assert images == [f"![](lam-viec-cac-don-vi-2025/{name})" for name in names]

    built = site.build()
    assert built.returncode == 0, built.log
    rel = "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
    body = body_of(built, rel)
    assert text_paragraphs(body) == sample_body_lines()
    assert len(sample_body_lines()) == 4
    assert len(body.select("figure")) == 8
    assert captions(body) == sample_captions()
    author = built.soup(rel).select_one(".vn-article__author")
    assert author.get_text(strip=True) == "Nhóm BTV"
    # A preview build shows each missing photo as a placeholder and warns.
    log = " ".join(built.log.split())
    for name in names:
        missing = f"không tìm thấy tệp ảnh 'lam-viec-cac-don-vi-2025/{name}'"
        assert log.count(missing) == 1, missing


def test_sample_units_and_people_are_detected_when_registries_exist(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content/data", content / "data")
    source = tmp_path / "lam-viec-cac-don-vi-2025.txt"
    shutil.copy(SAMPLE, source)
    code, out = do_import(source, content, title=SAMPLE_TITLE, date="2025-02-10 16:30")
    assert code == 0, out
    text = (content / "articles/2025/02/lam-viec-cac-don-vi-2025.md").read_text("utf-8")
    meta = front_matter(text)
    assert set(meta["People"].split(", ")) == {
        "nguyen-van-duc", "nguyen-minh-chanh", "vo-thi-chinh"}
    units = meta["Units"].split(", ")
    assert len(units) == len(set(units)) == 18
    assert {"phong-noi-vu", "phong-y-te", "trung-tam-y-te", "benh-vien-quan",
            "doi-thanh-tra-dia-ban-quan", "thanh-tra-quan"} <= set(units)


def test_without_registries_no_ids_are_written_and_the_editor_is_told(tmp_path):
    source = tmp_path / "bai.txt"
    source.write_text("Phòng Y tế quận họp giao ban đầu năm với các trạm y tế "
                      "phường để triển khai kế hoạch phòng chống dịch.\n",
                      encoding="utf-8")
    code, out = do_import(source, tmp_path / "content", title="Giao ban y tế",
                          date="2025-01-05")
    assert code == 0, out
    text = (tmp_path / "content/articles/2025/01/giao-ban-y-te.md").read_text("utf-8")
    assert "Units:" not in text and "People:" not in text
    assert "chưa ghi Units:/People:" in out


# --- text exports ------------------------------------------------------------

def test_text_export_with_data_images_nfd_text_and_markdown_characters(site):
    exports = site.root / "exports"
    source = fixture("nfd-export.txt", exports)
    beside = picture("JPEG", (90, 60, 20))
    (exports / "anh goc.jpg").write_bytes(beside)
    assert not unicodedata.is_normalized("NFC", source.read_text("utf-8"))

    code, out = do_import(source, site.content, title="Kiểm tra trật tự xây dựng",
                          date="12/03/2025 15:00")
    assert code == 0, out
    article = site.content / "articles/2025/03/nfd-export.md"
    text = article.read_text("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    meta = front_matter(text)
    assert meta["Date"] == "2025-03-12 15:00"
    assert meta["Author"] == "Quang Huy"

    folder = article.parent / "nfd-export"
    assert (folder / "anh-01.jpg").read_bytes() == PHOTOS["@@JPEG_RED@@"][0]
    assert (folder / "anh-02.jpg").read_bytes() == beside
    assert (folder / "anh-03.png").read_bytes() == PHOTOS["@@PNG_BLUE@@"][0]
    assert not (folder / "anh-04.jpg").exists()
    assert sorted(p.name for p in folder.iterdir()) == [
        "anh-01.jpg", "anh-02.jpg", "anh-03.png"]
    assert "ảnh số 4 chưa có tệp" in out and str(folder / "anh-04.jpg") in out
    assert "![Tổ công tác đo đạc công trình](nfd-export/anh-02.jpg)" in text
    assert ("![](nfd-export/anh-01.jpg)\n"
            "Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận uỷ, Chủ tịch UBND quận\n"
            "kiểm tra thực tế tại đường Trần Hưng Đạo\n") in text

    built = site.build()
    assert built.returncode == 0, built.log
    body = body_of(built, "tin-tuc/2025/03/nfd-export/")
    source_lines = unicodedata.normalize("NFC", source.read_text("utf-8")).splitlines()
    # Text that looks like Markdown or HTML comes out exactly as written.
    assert text_paragraphs(body) == [source_lines[0], source_lines[4], source_lines[9]]
    assert not body.find(["ol", "ul", "em", "strong", "b"])
    assert captions(body)[0] == source_lines[2:4]
    assert len(body.select("figure")) == 4


def test_text_export_that_is_not_utf8_is_refused_with_the_line(tmp_path):
    source = tmp_path / "cu.txt"
    source.write_bytes("Dòng một.\nDòng hai có dấu: ".encode() + b"\xe0\xe1\n")
    code, out = do_import(source, tmp_path / "content", title="X", date="2025-01-01")
    assert code == 1
    assert f"{source}: bỏ qua\n  dòng 2: [lỗi] tệp không phải văn bản UTF-8" in out
    assert "lưu lại với bảng mã UTF-8" in out
    assert not (tmp_path / "content").exists()


# --- saved HTML pages ------------------------------------------------------------

def test_html_layout_with_figcaption_and_italic_caption_paragraph(site):
    pages = site.root / "pages"
    source = fixture("portal-a.html", pages)
    saved = picture("JPEG", (10, 10, 10))
    (pages / "Trang_files").mkdir()
    (pages / "Trang_files/hoi-nghi-cchc.jpg").write_bytes(saved)

    code, out = do_import(source, site.content)
    assert code == 0, out
    article = site.content / "articles/2019/05/portal-a.md"
    text = article.read_text("utf-8")
    meta = front_matter(text)
    assert meta == {
        "Title": "Hội nghị triển khai nhiệm vụ cải cách hành chính năm 2019",
        "Date": "2019-05-03 10:23",
        "Category": "Tin hoạt động",
        "Author": "Minh Anh",
        # No people registry in this site: the leader named is not in one.
        "People-Ignore": "Nguyễn Văn Đức",
        "Summary": "Sáng ngày 03/5, UBND quận tổ chức Hội nghị triển khai nhiệm vụ "
                   "cải cách hành chính năm 2019 với sự tham dự của lãnh đạo các "
                   "phòng, ban và 10 phường.",
    }
    folder = article.parent / "portal-a"
    assert (folder / "anh-01.jpg").read_bytes() == PHOTOS["@@JPEG_RED@@"][0]
    assert (folder / "anh-02.jpg").read_bytes() == saved
    assert ("![Chủ tịch UBND quận phát biểu](portal-a/anh-01.jpg)\n"
            "Đồng chí Nguyễn Văn Đức - Chủ tịch UBND quận phát biểu khai mạc hội nghị\n"
            ) in text
    assert ("![](portal-a/anh-02.jpg)\nQuang cảnh hội nghị\n"
            "tại Hội trường UBND quận\n") in text
    assert ("[trang dịch vụ công](https://dichvucong.quanmau.gov.vn/thong-ke?nam=2018)"
            in text)
    assert ("- Đẩy mạnh dịch vụ công trực tuyến mức độ 3, 4:\n"
            "    - lĩnh vực xây dựng;\n    - lĩnh vực hộ tịch.") in text
    for chrome in ("Tin liên quan", "Tin cũ", "In bài", "06/05/2019", "Cổng TP",
                   "Trang chủ", "© 2019", "Ngày đăng", "utm_"):
        assert chrome not in text

    built = site.build()
    assert built.returncode == 0, built.log
    rel = "tin-tuc/2019/05/portal-a/"
    body = body_of(built, rel)
    assert captions(body) == [
        ["Đồng chí Nguyễn Văn Đức - Chủ tịch UBND quận phát biểu khai mạc hội nghị"],
        ["Quang cảnh hội nghị", "tại Hội trường UBND quận"],
    ]
    assert len(text_paragraphs(body)) == 4
    lists = body.find_all("ul")
    assert [len(ul.find_all("li", recursive=False)) for ul in lists] == [2, 2]
    lead = built.soup(rel).select_one(".vn-article__lead")
    assert lead.get_text(strip=True).startswith("Sáng ngày 03/5, UBND quận")


def test_html_layout_with_table_captions_and_a_day_month_date(site):
    source = fixture("portal-b.html", site.root / "pages")
    code, out = do_import(source, site.content)
    assert code == 0, out
    assert "lấy năm 2019 từ địa chỉ trang" in out
    article = site.content / "articles/2019/09/portal-b.md"
    text = article.read_text("utf-8")
    meta = front_matter(text)
    assert meta["Title"] == "Ra quân tổng vệ sinh môi trường tại Phường 3"
    assert meta["Date"] == "2019-09-15"
    assert meta["Author"] == "Thu Hà"
    folder = article.parent / "portal-b"
    assert (folder / "anh-01.png").read_bytes() == PHOTOS["@@PNG_BLUE@@"][0]
    assert (folder / "anh-02.jpg").read_bytes() == PHOTOS["@@JPEG_GREEN@@"][0]
    # The third photo's inline data is not an image: a missing photo, named.
    assert not (folder / "anh-03.jpg").exists()
    assert ("dòng 23: [cảnh báo] ảnh số 3 chưa có tệp: dữ liệu ảnh nhúng trong "
            "tệp bị hỏng") in out
    assert str(folder / "anh-03.jpg") in out
    assert ("![](portal-b/anh-01.png)\nĐoàn viên thanh niên thu gom rác\n"
            "trên đường Nguyễn Trãi\n") in text
    assert ("![](portal-b/anh-02.jpg)\n"
            "Lãnh đạo phường trao dụng cụ cho các tổ dân phố\n") in text
    assert ("![](portal-b/anh-03.jpg)\n"
            "Người dân ký cam kết giữ gìn vệ sinh chung\n") in text
    assert "| Khu phố | Rác thu gom |\n| --- | --- |\n| Khu phố 1 | 1,2 tấn |" in text
    for chrome in ("Lượt xem", "TRANG CHỦ", "16/09/2019", "Tin, ảnh"):
        assert chrome not in text

    built = site.build()
    assert built.returncode == 0, built.log
    body = body_of(built, "tin-tuc/2019/09/portal-b/")
    assert captions(body) == [
        ["Đoàn viên thanh niên thu gom rác", "trên đường Nguyễn Trãi"],
        ["Lãnh đạo phường trao dụng cụ cho các tổ dân phố"],
        ["Người dân ký cam kết giữ gìn vệ sinh chung"],
    ]
    note = text_paragraphs(body)[3]
    assert note == ("Ghi chú: số liệu* tính đến 12 giờ trưa. Mã số 1_2_3 và "
                    "<script>alert(1)</script> là văn bản.")
    assert not body.find("script")
    assert [c.get_text() for c in body.select("table td")] == [
        "Khu phố 1", "1,2 tấn", "Khu phố 2", "1,8 tấn"]


def test_nfd_page_imports_like_the_nfc_page(tmp_path):
    nfc_page = fixture("portal-b.html", tmp_path / "nfc")
    nfd_page = tmp_path / "nfd" / "portal-b.html"
    nfd_page.parent.mkdir()
    nfd_page.write_text(unicodedata.normalize("NFD", nfc_page.read_text("utf-8")),
                        encoding="utf-8")
    assert do_import(nfc_page, tmp_path / "a")[0] == 0
    assert do_import(nfd_page, tmp_path / "b")[0] == 0
    rel = "articles/2019/09/portal-b.md"
    text = (tmp_path / "b" / rel).read_text("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text == (tmp_path / "a" / rel).read_text("utf-8")


def test_scripts_handlers_iframes_and_trackers_never_survive(site):
    source = fixture("unsafe.html", site.root / "pages")
    code, out = do_import(source, site.content)
    assert code == 0, out
    assert "đã bỏ 3 khung nhúng" in out and "youtube.com/embed/abc123" in out
    article = site.content / "articles/2019/10/thong-bao-lich-tiep-cong-dan-thang-10.md"
    text = article.read_text("utf-8")
    assert front_matter(text)["Date"] == "2019-10-01 08:00"
    lowered = text.lower()
    for bad in ("script", "alert", "onclick", "onmouseover", "onload", "iframe",
                "javascript", "google-analytics", "beacon", "pixel", "evil",
                "fbclid", "position", "swf", "svg", "trình duyệt không hỗ trợ",
                "<", "gửi"):
        assert bad not in lowered, bad
    assert "[Cổng dịch vụ công](https://dichvucong.quanmau.gov.vn/dang-ky?ma=5)" in text
    assert "Người dân có thể đăng ký trước tại đây hoặc qua" in text
    assert not (article.parent / "thong-bao-lich-tiep-cong-dan-thang-10").exists()

    built = site.build()
    assert built.returncode == 0, built.log
    body = body_of(built, "tin-tuc/2019/10/thong-bao-lich-tiep-cong-dan-thang-10/")
    assert not body.find(["script", "iframe", "object", "embed", "svg", "form",
                          "img", "style", "noscript"])
    for tag in body.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")]
        assert "javascript" not in str(tag.get("href", ""))


def test_page_without_date_stops_unless_given(tmp_path):
    page = tmp_path / "khong-ngay.html"
    page.write_text(
        "<html><head><title>Họp dân phố</title></head><body>"
        "<div class='content-detail'>"
        "<h1>Họp dân khu phố 2 về chỉnh trang đô thị</h1>"
        "<p>Tối qua, Ban điều hành khu phố 2 tổ chức họp dân để lấy ý kiến về việc "
        "chỉnh trang hẻm, lắp đèn chiếu sáng và camera an ninh cho toàn khu phố.</p>"
        "</div></body></html>", encoding="utf-8")
    content = tmp_path / "content"
    code, out = do_import(page, content)
    assert code == 1
    assert f"importer: {page}" not in out  # the file is named once per block
    assert "không tìm thấy ngày đăng bài" in out
    assert 'hãy ghi ngày bằng --date "2025-02-10 16:30"' in out
    assert "bỏ qua 1 tệp" in out
    assert not content.exists()
    code, out = do_import(page, content, date="2019-06-01 07:30")
    assert code == 0, out
    text = (content / "articles/2019/06/khong-ngay.md").read_text("utf-8")
    assert front_matter(text)["Title"] == "Họp dân khu phố 2 về chỉnh trang đô thị"


def test_text_export_without_title_says_what_is_missing(tmp_path):
    source = tmp_path / "bai.txt"
    shutil.copy(SAMPLE, source)
    code, out = do_import(source, tmp_path / "content")
    assert code == 1
    assert "không tìm thấy tiêu đề bài viết" in out
    assert 'hãy ghi tiêu đề bằng --title "Tiêu đề bài viết"' in out
    assert "không tìm thấy ngày đăng bài" in out
    assert not (tmp_path / "content").exists()


# --- never lose the editor's work ------------------------------------------------

def test_existing_article_is_kept_unless_forced_and_then_backed_up(tmp_path):
    content = tmp_path / "content"
    source = fixture("nfd-export.txt", tmp_path / "exports")
    args = {"title": "Kiểm tra trật tự", "date": "2025-03-12"}
    assert do_import(source, content, **args)[0] == 0
    article = content / "articles/2025/03/nfd-export.md"
    photo = article.parent / "nfd-export/anh-01.jpg"
    edited = article.read_text("utf-8") + "\nĐoạn biên tập viên viết thêm.\n"
    article.write_text(edited, encoding="utf-8")
    old_photo = picture("JPEG", (1, 2, 3))
    photo.write_bytes(old_photo)

    code, out = do_import(source, content, **args)
    assert code == 1
    assert "không ghi đè" in out and "--force" in out
    assert article.read_text("utf-8") == edited
    assert photo.read_bytes() == old_photo

    code, out = do_import(source, content, force=True, **args)
    assert code == 0, out
    assert "Đoạn biên tập viên" not in article.read_text("utf-8")
    assert photo.read_bytes() == PHOTOS["@@JPEG_RED@@"][0]
    backups = list((tmp_path / ".cache/import-backups").glob("*/articles/2025/03"))
    assert len(backups) == 1 and "sao lưu vào" in out
    assert (backups[0] / "nfd-export.md").read_text("utf-8") == edited
    assert (backups[0] / "nfd-export/anh-01.jpg").read_bytes() == old_photo


def test_dry_run_prints_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    source = fixture("portal-a.html", tmp_path / "pages")
    code, out = do_import(source, content, dry_run=True)
    assert code == 0, out
    assert "Title: Hội nghị triển khai nhiệm vụ cải cách hành chính năm 2019" in out
    assert "portal-a/anh-01.jpg" in out
    assert "Chạy thử (--dry-run), chưa ghi tệp nào: sẽ nhập 1 bài" in out
    assert not content.exists()


def test_folder_is_a_batch_with_a_summary(tmp_path):
    folder = tmp_path / "cu"
    fixture("portal-a.html", folder)
    fixture("portal-b.html", folder)
    shutil.copy(SAMPLE, folder / "lam-viec-cac-don-vi-2025.txt")  # no title
    (folder / "ghi-chu.doc").write_text("không phải bài", encoding="utf-8")
    result = invoke("import-article", str(folder),
                    "--content", str(tmp_path / "content"))
    assert result.returncode == 1
    out = result.stdout
    assert "lam-viec-cac-don-vi-2025.txt: bỏ qua" in out
    assert "Kết quả: đã nhập 2 bài, bỏ qua 1 tệp, 2 cảnh báo" in out
    assert "ghi-chu" not in out
    written = sorted(p.name for p in (tmp_path / "content").rglob("*.md"))
    assert written == ["portal-a.md", "portal-b.md"]

    refused = invoke("import-article", str(folder), "--title", "X",
                     "--content", str(tmp_path / "content"))
    assert refused.returncode == 1
    assert "--title và --slug chỉ dùng khi nhập một tệp" in refused.stdout


# --- dates as portals print them -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ngày đăng 03/05/2019 | 10:23", (2019, 5, 3, 10, 23)),
    ("03/05/2019", (2019, 5, 3, None, None)),
    ("02/5/2019", (2019, 5, 2, None, None)),
    ("Thứ Sáu, 03/05/2019 - 02:15 PM", (2019, 5, 3, 14, 15)),
    ("10h23 03-05-2019", (2019, 5, 3, 10, 23)),
    ("2019-05-03T10:23:00+07:00", (2019, 5, 3, 10, 23)),
    ("15.9", (None, 9, 15, None, None)),
    ("Cập nhật: 01/10/2019 08:00 Chủ tịch", (2019, 10, 1, 8, 0)),
    ("thứ tư, 22 05 2019 16:09", (2019, 5, 22, 16, 9)),
    ("21/12/2012 | 12:00 AM", (2012, 12, 21, 0, 0)),
    ("Được đăng ngày Thứ tư, 14 tháng 3 năm 2018 lúc 08:15", (2018, 3, 14, 8, 15)),
    ("03.07.2020 lúc 9:30 PM", (2020, 7, 3, 21, 30)),
    ("10:23 ngày 03/05/2019", (2019, 5, 3, 10, 23)),
    ("Thứ tư, 14 Tháng Ba 2018 08:15", (2018, 3, 14, 8, 15)),
    ("10 tháng Mười Một, 2019", (2019, 11, 10, None, None)),
])
def test_portal_date_formats(text, expected):
    found = find_date(text, allow_short=True)
    assert (found.year, found.month, found.day, found.hour, found.minute) == expected


def test_date_lines_in_the_forms_old_portals_print():
    for line in ("thứ tư, 22 05 2019 16:09", "21/12/2012 | 12:00 AM",
                 "Được đăng ngày Thứ tư, 14 tháng 3 năm 2018 lúc 08:15",
                 "10 tháng Mười Một, 2019", "Ngày đăng: 05.11.2016 lúc 10:05"):
        assert is_date_line(line), line


def test_impossible_dates_and_sentences_are_not_dates():
    assert find_date("31/02/2019") is None
    assert find_date("Năm 2019 quận đạt 99,2%") is None
    assert is_date_line("Ngày đăng 03/05/2019 | 10:23")
    assert not is_date_line("Sáng ngày 03/5, UBND quận tổ chức hội nghị triển khai")


def test_a_sidebar_heading_is_not_the_title_and_a_list_date_is_not_the_date(tmp_path):
    page = tmp_path / "ra-quan-ve-sinh.html"
    page.write_text(
        "<html><head><title>Cổng thông tin điện tử Phường Mẫu</title></head><body>"
        "<div class='left'><h3>Thông báo mới nhất của UBND phường</h3>"
        "<p>Lịch tiếp công dân tháng 6 của lãnh đạo phường, mời người dân theo dõi"
        " và đăng ký trước qua bộ phận một cửa để được bố trí thời gian.</p>"
        "<p>Thông báo tuyển dụng viên chức năm 2019 đã được đăng tải, hạn nộp hồ sơ"
        " là ngày 30/6/2019 tại bộ phận tổ chức của UBND phường Mẫu.</p></div>"
        "<div class='news-detail'><h1>Phường Mẫu ra quân dọn vệ sinh kênh rạch</h1>"
        "<p>Sáng 8/6, hơn 300 đoàn viên, thanh niên và người dân phường Mẫu đã ra "
        "quân dọn vệ sinh dọc tuyến kênh Nhiêu Lộc, thu gom hơn 5 tấn rác.</p>"
        "<div class='other'><h4>Các tin khác</h4><ul><li><a href='/a'>Họp tổ dân "
        "phố 5</a> (01/06/2019)</li></ul></div></div>"
        "<div class='footer'>Cập nhật 10/06/2019</div></body></html>",
        encoding="utf-8")
    code, out = do_import(page, tmp_path / "content")
    assert code == 0, out
    text = (tmp_path / "content/articles/2019/06/ra-quan-ve-sinh.md").read_text("utf-8")
    assert front_matter(text)["Title"] == "Phường Mẫu ra quân dọn vệ sinh kênh rạch"
    # Neither the list's 01/06 nor the footer's date is in the article: the
    # footer's is used, and the editor is told.
    assert front_matter(text)["Date"] == "2019-06-10"
    assert "ngày đăng 'Cập nhật 10/06/2019' lấy từ chỗ ngoài bài viết" in out
    assert "Họp tổ dân phố" not in text and "Các tin khác" not in text


def test_the_leads_thumbnail_is_not_a_photo_of_the_article(tmp_path):
    page = tmp_path / "hoi-nghi.html"
    page.write_text(
        "<html><body><div class='news-detail'><h1>Hội nghị sơ kết 6 tháng đầu năm"
        "</h1><p class='date'>Ngày đăng 05/07/2019</p><div class='sapo-wrapper'>"
        "<img src='img/anh-dai-dien.jpg'><p class='sapo'><strong>Sáng 5/7, UBND "
        "phường tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2019.</strong>"
        "</p></div><p>Hội nghị đánh giá các chỉ tiêu kinh tế - xã hội đều đạt và "
        "vượt kế hoạch, thu ngân sách đạt 62% dự toán năm.</p></div></body></html>",
        encoding="utf-8")
    (tmp_path / "img").mkdir()
    (tmp_path / "img/anh-dai-dien.jpg").write_bytes(picture("JPEG", (5, 5, 5)))
    code, out = do_import(page, tmp_path / "content")
    assert code == 0, out
    text = (tmp_path / "content/articles/2019/07/hoi-nghi.md").read_text("utf-8")
    assert "![" not in text
    assert front_matter(text)["Summary"].startswith("Sáng 5/7, UBND phường")
    assert "đã bỏ ảnh nhỏ của đoạn mở đầu" in out and "img/anh-dai-dien.jpg" in out


@pytest.mark.parametrize("line, source", [
    ("Theo Báo Đắk Nông điện tử", "Báo Đắk Nông điện tử"),
    ("(Theo TTXVN)", "TTXVN"),
    ("Nguồn: baochinhphu.vn", "baochinhphu.vn"),
    ("Theo báo Tuổi Trẻ", "Báo Tuổi Trẻ"),
    ("Nguồn tin: Đài PT-TH tỉnh", "Đài PT-TH tỉnh"),
    ("Theo đó, các đơn vị thực hiện.", None),
    ("Theo Kế hoạch, UBND huyện sẽ triển khai", None),
    ("Theo Quyết định số 12/QĐ-UBND", None),
])
def test_credit_lines_name_the_source(line, source):
    from importer.byline import credit_of

    assert credit_of(line) == source


def test_cms_accounts_are_not_authors():
    from importer.byline import is_cms_account

    for account in ("admin admin", "Administrator", "Super User", "quantri"):
        assert is_cms_account(account)
    for name in ("Minh Anh", "Nhóm BTV", "Phòng Văn hóa - Thông tin"):
        assert not is_cms_account(name)


@pytest.mark.parametrize("heading", [
    "TIN ĐÃ ĐƯA", "Tin liên quan", "Các tin khác:", "Những tin cũ hơn:",
    "Tin tức liên quan", "Bài viết cùng chủ đề", "Xem thêm", "Other News"])
def test_lists_of_other_articles_nested_in_the_article_are_left_out(tmp_path, heading):
    page = tmp_path / "hop-dan.html"
    page.write_text(
        "<html><body><div class='news-detail'><h1>Họp dân khu phố 4 về chỉnh trang "
        "hẻm</h1><p class='date'>Ngày đăng 05/07/2019</p><p>Tối 4/7, khu phố 4 họp "
        "dân lấy ý kiến về chỉnh trang hẻm 12, lắp đèn và camera an ninh.</p>"
        f"<div><div><strong>{heading}</strong></div><table><tr><td><a href='/a'>Phường"
        " ra quân dọn kênh Nhiêu Lộc</a><span>(01/06/2019)</span></td></tr></table>"
        "</div></div></body></html>", encoding="utf-8")
    code, out = do_import(page, tmp_path / "content")
    assert code == 0, out
    text = (tmp_path / "content/articles/2019/07/hop-dan.md").read_text("utf-8")
    assert "Nhiêu Lộc" not in text and heading.rstrip(":") not in text
    assert "Tối 4/7, khu phố 4 họp dân" in text


def test_hidden_elements_are_never_read(tmp_path):
    page = tmp_path / "tiep-dan.html"
    page.write_text(
        "<html><head><title>Cổng TTĐT</title></head><body>"
        "<div id='s4-ribbonrow' style='display: none'><h1>This page location is: "
        "quan tri Home Pages Home Sign In</h1></div>"
        "<div aria-hidden='true'><div class='news-detail'>"
        "<h1 class='title'>Lãnh đạo phường tiếp công dân định kỳ tháng 7</h1>"
        "<div class='date'>Ngày đăng 12/07/2019</div>"
        "<p>Sáng 12/7, Chủ tịch UBND phường tiếp 14 lượt công dân đến phản ánh về "
        "đất đai, trật tự xây dựng và chính sách xã hội.<span hidden> Mã ẩn 123."
        "</span><span aria-hidden='true'>★</span></p>"
        "<p style='visibility:hidden'>Đoạn ẩn của mẫu trang không phải của bài viết"
        " này, không được đưa vào.</p></div></div>"
        "<div class='modal' role='dialog'>Trang dùng cookie. Đồng ý</div>"
        "</body></html>",
        encoding="utf-8")
    code, out = do_import(page, tmp_path / "content")
    assert code == 0, out
    text = (tmp_path / "content/articles/2019/07/tiep-dan.md").read_text("utf-8")
    title = "Lãnh đạo phường tiếp công dân định kỳ tháng 7"
    assert front_matter(text)["Title"] == title
    assert "Sáng 12/7, Chủ tịch UBND phường tiếp 14 lượt công dân" in text
    for hidden in ("This page location", "Sign In", "Mã ẩn", "★", "Đoạn ẩn"):
        assert hidden not in text


def test_paragraphs_split_by_empty_lines_are_paragraphs(tmp_path):
    page = tmp_path / "ra-quan.html"
    page.write_text(
        "<html><body><div id='lblNoiDung'><h1 id='lblTieuDe'>Ra quân giải tỏa lấn "
        "chiếm vỉa hè trên đường Lê Lợi</h1><span id='lblNgayDang'>15/03/2016</span>"
        "<div>Sáng 14/3, Đội trật tự đô thị phường ra quân giải tỏa 35 trường hợp "
        "lấn chiếm vỉa hè trên đường Lê Lợi.<br /><br />Các hộ vi phạm được nhắc "
        "nhở, lập biên bản và cam kết không tái phạm.<br><br>"
        "<img src='anh.jpg'><br>Lực lượng trật tự đô thị nhắc nhở hộ kinh doanh"
        "<br /><br />Số 12 Lê Lợi<br>điện thoại 0283 123 456</div></div>"
        "</body></html>", encoding="utf-8")
    code, out = do_import(page, tmp_path / "content")
    assert code == 0, out
    text = (tmp_path / "content/articles/2016/03/ra-quan.md").read_text("utf-8")
    body = text.split("\n\n", 1)[1]
    assert body.split("\n\n") == [
        "Sáng 14/3, Đội trật tự đô thị phường ra quân giải tỏa 35 trường hợp lấn "
        "chiếm vỉa hè trên đường Lê Lợi.",
        "Các hộ vi phạm được nhắc nhở, lập biên bản và cam kết không tái phạm.",
        "![](ra-quan/anh-01.jpg)\nLực lượng trật tự đô thị nhắc nhở hộ kinh doanh",
        "Số 12 Lê Lợi  \nđiện thoại 0283 123 456\n"]
