"""`invoke import-site` on a mirror of an old portal generated here: a wget
mirror (host folder) with 150 articles, print versions of 30 of them (the
same article under another address), 13 list pages, a home, an about and a
contact page, an article that only survives as a Wayback snapshot, one
that HTTrack renamed, and a photo that was never saved. Asserts the written
articles, redirects.yml, the review report, a second run, --since, and the
strict build of the result with its redirect pages, checked by the link
checker."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from importer.mirror import SiteOptions, run_site
from PIL import Image

HOST = "www.phuongcu.gov.vn"
ARTICLES = 150
PRINTED = 30  # articles also saved as a print version
EXTRA = 2  # an article only in a Wayback snapshot, one renamed by HTTrack
# Three different articles with one title, two of them in one month.
WEEKLY = (datetime(2019, 5, 6, 7, 0), datetime(2019, 5, 13, 7, 0),
          datetime(2019, 6, 3, 7, 0))
WEEKLY_TITLE = "Lịch công tác tuần của UBND phường Cũ"
TOPICS = ("vệ sinh môi trường", "cải cách hành chính", "đền ơn đáp nghĩa",
          "phòng cháy chữa cháy", "chuyển đổi số", "trật tự đô thị")
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title} - Cổng thông tin điện tử Phường Cũ</title></head><body>
<div id="header"><a href="/"><img src="/Images/logo.png" alt="Phường Cũ"></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li>
<li><a href="/tin-tuc/">Tin tức</a></li>
<li><a href="/gioi-thieu.html">Giới thiệu</a></li></ul></div>
{toolbar}<div id="main">{main}</div>
<div id="footer"><p>© 2019 UBND phường Cũ. Địa chỉ: 1 đường Trung tâm.</p></div>
</body></html>"""


def when(n: int) -> datetime:
    return datetime(2018, 1, 2, 8, 30) + timedelta(days=3 * n, minutes=7 * n)


def title(n: int) -> str:
    return f"Phường Cũ triển khai đợt {n} công tác {TOPICS[n % len(TOPICS)]}"


def slug(n: int) -> str:
    return f"bai-{n:03d}"


def article_page(n: int, toolbar: str = "") -> str:
    photo = ""
    if n % 5 == 0:
        photo = (f'<p style="text-align:center"><img src="/Images/tin/{slug(n)}.jpg">'
                 f'</p><p style="text-align:center"><em>Đoàn viên tham gia đợt {n} '
                 "tại khu phố 2</em></p>")
    paragraphs = "".join(
        f"<p>Đoạn {k} của bài số {n}: UBND phường Cũ phối hợp với Đoàn thanh niên và "
        f"các khu phố thực hiện {TOPICS[(n + k) % len(TOPICS)]}, đạt kết quả tốt, được "
        "người dân đồng tình ủng hộ.</p>" for k in range(1, 4))
    half = len(paragraphs) // 2
    main = (f'<div class="news-detail"><h1 class="title">{title(n)}</h1>'
            f'<div class="date">Ngày đăng: {when(n):%d/%m/%Y %H:%M}</div>'
            f"{paragraphs[:half]}{photo}{paragraphs[half:]}"
            f'<p style="text-align:right"><strong>Thu Hà</strong></p>'
            '<div class="related"><h3>Tin liên quan</h3><ul>'
            f'<li><a href="/tin-tuc/{slug(n + 1)}.html">{title(n + 1)}</a> '
            f"({when(n + 1):%d/%m/%Y})</li></ul></div></div>")
    return PAGE.format(title=title(n), toolbar=toolbar, main=main)


def list_page(number: int, items: range) -> str:
    teasers = "".join(
        f'<div class="item"><h3><a href="/tin-tuc/{slug(n)}.html">{title(n)}</a></h3>'
        f"<p>Bài số {n} nói về {TOPICS[n % len(TOPICS)]} trên địa bàn phường, với "
        "sự tham gia của các khu phố và đoàn thể.</p>"
        f'<span class="date">{when(n):%d/%m/%Y}</span></div>' for n in items)
    main = f'<div class="news-list"><h2>Tin tức - trang {number}</h2>{teasers}</div>'
    return PAGE.format(title="Tin tức", toolbar="", main=main)


def jpeg(path: Path, color=(90, 120, 60)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (160, 120), color).save(path, "JPEG")


def make_mirror(root: Path) -> Path:
    site = root / HOST
    for n in range(ARTICLES):
        page = site / "tin-tuc" / f"{slug(n)}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(article_page(n), encoding="utf-8")
        if n % 5 == 0 and n != 10:  # the photo of article 10 was never saved
            jpeg(site / "Images/tin" / f"{slug(n)}.jpg", (n % 255, 100, 60))
        if n < PRINTED:
            printed = site / "tin-tuc/in" / f"{slug(n)}.html"
            printed.parent.mkdir(parents=True, exist_ok=True)
            printed.write_text(article_page(n), encoding="utf-8")
    for number, start in enumerate(range(0, ARTICLES, 12), start=1):
        name = "index.html" if number == 1 else f"trang-{number}.html"
        (site / "tin-tuc" / name).write_text(
            list_page(number, range(start, min(start + 12, ARTICLES))), "utf-8")
    (site / "index.html").write_text(list_page(0, range(0, 8)), "utf-8")
    (site / "gioi-thieu.html").write_text(PAGE.format(
        title="Giới thiệu", toolbar="", main='<div class="content-detail">'
        "<h1>Giới thiệu phường Cũ</h1>" + "<p>Phường Cũ được thành lập năm 1997 "
        "trên cơ sở tách từ xã cũ; diện tích tự nhiên 2,4 km², dân số hơn 30.000 "
        "người, chia thành 6 khu phố.</p>" * 3 + "</div>"), "utf-8")
    (site / "lien-he.html").write_text(PAGE.format(
        title="Liên hệ", toolbar="", main="<p>Điện thoại: 0283 123 456</p>"), "utf-8")
    wayback = (root / "web.archive.org/web/20190105000000" / HOST / "tin-tuc"
               / f"{slug(ARTICLES)}.html")
    wayback.parent.mkdir(parents=True)
    toolbar = ('<div id="wm-ipp-base"><div id="wm-ipp"><h1>Internet Archive</h1>'
               "<p>Wayback Machine: 12 captures</p></div></div>")
    wayback.write_text(article_page(ARTICLES, toolbar), encoding="utf-8")
    # A snapshot of an article the mirror has too (without its photo): a
    # duplicate, and the live copy with its photo is the one imported.
    snapshot = wayback.parent / f"{slug(5)}.html"
    snapshot.write_text(article_page(5, toolbar), encoding="utf-8")
    for week, day in enumerate(WEEKLY):
        main = (f'<div class="news-detail"><h1 class="title">{WEEKLY_TITLE}</h1>'
                f'<div class="date">Ngày đăng: {day:%d/%m/%Y %H:%M}</div>'
                + "".join(f"<p>Thứ {k + 2} ngày {day.day + k}/{day.month}: Chủ tịch "
                          f"UBND phường họp giao ban tuần {week + 1}, làm việc với "
                          "các khu phố về kế hoạch chỉnh trang đô thị.</p>"
                          for k in range(3)) + "</div>")
        # wget --adjust-extension names a page with a query like this.
        weekly = site / "lich" / f"index.php?id={901 + week}.html"
        weekly.parent.mkdir(exist_ok=True)
        weekly.write_text(
            PAGE.format(title=WEEKLY_TITLE, toolbar="", main=main), "utf-8")
    # HTTrack names a page with a query by a hash, and says where it was.
    httrack = site / "tin-tuc/ChiTiet4d2a.html"
    httrack.write_text(article_page(ARTICLES + 1).replace(
        "<html", f"<!-- Mirrored from {HOST}/ChiTiet.aspx?ItemID={ARTICLES + 1} by "
        "HTTrack Website Copier/3.x -->\n<html", 1), encoding="utf-8")
    return root


def read_report(content: Path) -> list[dict]:
    text = (content.parent / ".cache/import-site/bao-cao-nhap.csv").read_text(
        "utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def files_of(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def articles(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    mirror = make_mirror(root / "mirror")
    content = root / "content"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "import-site",
         str(mirror), "--content", str(content), "--workers", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    return root, mirror, content, result


def test_every_article_is_imported_once_with_its_old_addresses(migrated):
    _root, _mirror, content, result = migrated
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    written = articles(content)
    assert len(written) == ARTICLES + EXTRA + len(WEEKLY)
    names = {path.stem for path in written}
    assert len(names) == len(written)  # one slug each: no "translations"
    weekly = sorted(p.relative_to(content).as_posix() for p in written
                    if f"Title: {WEEKLY_TITLE}\n" in p.read_text("utf-8"))
    stem = "lich-cong-tac-tuan-cua-ubnd-phuong-cu"
    assert weekly == [f"articles/2019/05/{stem}-20190513.md",
                      f"articles/2019/05/{stem}.md",
                      f"articles/2019/06/{stem}-20190603.md"]
    text = (content / "articles/2018/01/bai-000.md").read_text("utf-8")
    assert text.startswith(f"Title: {title(0)}\nDate: 2018-01-02 08:30\n")
    assert "Author: Thu Hà" in text
    assert "Tin liên quan" not in text and "Trang chủ" not in text
    assert (content / "articles/2018/01/bai-000/anh-01.jpg").is_file()
    wayback = next(p for p in written if p.stem == slug(ARTICLES))
    assert "Internet Archive" not in wayback.read_text("utf-8")

    redirects = yaml.safe_load((content / "data/redirects.yml").read_text("utf-8"))
    assert redirects["/tin-tuc/bai-000.html"] == "articles/2018/01/bai-000.md"
    # The print version is the same article: one file, two old addresses.
    assert redirects["/tin-tuc/in/bai-000.html"] == "articles/2018/01/bai-000.md"
    assert redirects[f"/tin-tuc/{slug(ARTICLES)}.html"] == (
        wayback.relative_to(content).as_posix())
    httrack = next(p for p in written
                   if f"Title: {title(ARTICLES + 1)}\n" in p.read_text("utf-8"))
    assert redirects[f"/ChiTiet.aspx?ItemID={ARTICLES + 1}"] == (
        httrack.relative_to(content).as_posix())
    assert redirects["/lich/index.php?id=902"] == f"articles/2019/05/{stem}-20190513.md"
    assert len(redirects) == ARTICLES + PRINTED + EXTRA + len(WEEKLY)
    assert (content / "articles/2018/01/bai-005/anh-01.jpg").is_file()
    assert "/tin-tuc/" not in redirects and "/gioi-thieu.html" not in redirects


def test_the_report_lists_every_page_what_needs_the_editor_first(migrated):
    _root, mirror, content, result = migrated
    rows = read_report(content)
    pages = [p for p in mirror.rglob("*.html")]
    assert len(rows) == len(pages) == ARTICLES + PRINTED + EXTRA + len(WEEKLY) + 17
    by_page = {row["trang trong bản sao"]: row for row in rows}
    status = "trạng thái"
    note = "lý do / điều cần xem"
    photo = by_page[f"{HOST}/tin-tuc/bai-010.html"]
    assert photo[status] == "cần xem lại" and "thiếu 1 ảnh" in photo[note]
    about = by_page[f"{HOST}/gioi-thieu.html"]
    assert about[status] == "cần xem lại" and "không tìm thấy ngày đăng" in about[note]
    listing = by_page[f"{HOST}/tin-tuc/trang-2.html"]
    assert listing[status] == "bỏ qua" and "trang danh sách" in listing[note]
    assert by_page[f"{HOST}/lien-he.html"][status] == "bỏ qua"
    printed = by_page[f"{HOST}/tin-tuc/in/bai-003.html"]
    assert printed[status] == "trùng bài khác"
    assert printed["bài mới"] == "articles/2018/01/bai-003.md"
    live = f"{HOST}/tin-tuc/bai-005.html"
    snapshot = by_page[f"web.archive.org/web/20190105000000/{live}"]
    assert snapshot[status] == "trùng bài khác"
    assert snapshot[note] == f"cùng bài với {live}"
    # The Wayback snapshot kept its text but not its photo.
    wayback = by_page[f"web.archive.org/web/20190105000000/{HOST}/tin-tuc/"
                      f"{slug(ARTICLES)}.html"]
    assert wayback[status] == "cần xem lại" and "thiếu 1 ảnh" in wayback[note]
    order = [row[status] for row in rows]
    assert order[:3] == ["cần xem lại"] * 3
    first = {name: order.index(name) for name in ("bỏ qua", "trùng bài khác",
                                                   "đã nhập")}
    assert first["bỏ qua"] < first["trùng bài khác"] < first["đã nhập"]
    assert order.count("đã nhập") == ARTICLES + len(WEEKLY)
    table = BeautifulSoup((content.parent / ".cache/import-site/bao-cao-nhap.html")
                          .read_text("utf-8"), "html.parser")
    assert len(table.select("tbody tr")) == len(rows)
    assert (f"Kết quả: {len(rows)} trang — {ARTICLES + len(WEEKLY)} bài đã nhập, "
            "3 cần xem lại, "
            f"{PRINTED + 1} trùng bài khác, 15 bỏ qua, 0 lỗi.") in result.stdout


def test_a_second_run_continues_without_duplicating(migrated, tmp_path):
    _root, mirror, content, _result = migrated
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    before = files_of(copy)
    # As if the first run had stopped: ten articles and the redirects missing.
    for path in articles(copy)[:10]:
        path.unlink()
    # … and an entry whose article was deleted since.
    (copy / "data/redirects.yml").write_text(
        "/tin-tuc/bai-020.html: articles/2018/01/khong-con.md\n", encoding="utf-8")
    lines = []
    assert run_site(mirror, SiteOptions(content=copy, workers=1,
                                        report=tmp_path / "report"),
                    out=lines.append) == 0, lines
    assert files_of(copy) == before
    again = [row for row in csv.DictReader(io.StringIO(
        (tmp_path / "report/bao-cao-nhap.csv").read_text("utf-8-sig")))
        if "đã có từ lần chạy trước" in row["lý do / điều cần xem"]]
    assert len(again) == ARTICLES + EXTRA + len(WEEKLY) - 10
    replaced = [row for row in csv.DictReader(io.StringIO(
        (tmp_path / "report/bao-cao-nhap.csv").read_text("utf-8-sig")))
        if "tệp không còn: đã thay" in row["lý do / điều cần xem"]]
    assert [row["địa chỉ cũ"] for row in replaced] == ["/tin-tuc/bai-020.html"]


def test_articles_edited_since_the_first_run_are_left_alone(migrated, tmp_path):
    _root, mirror, content, _result = migrated
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    edited = copy / "articles/2018/01/bai-001.md"
    edited.write_text(edited.read_text("utf-8") + "\nĐoạn biên tập viên viết thêm.\n",
                      encoding="utf-8")
    before = files_of(copy)
    lines = []
    assert run_site(mirror, SiteOptions(content=copy, workers=1,
                                        report=tmp_path / "report"),
                    out=lines.append) == 0, lines
    assert files_of(copy) == before


def test_since_and_dry_run(migrated, tmp_path):
    _root, mirror, _content, _result = migrated
    content = tmp_path / "content"
    lines = []
    assert run_site(mirror, SiteOptions(content=content, since="2019-01-01",
                                        dry_run=True, report=tmp_path / "r"),
                    out=lines.append) == 0
    assert not content.exists()
    assert "Chạy thử (--dry-run)" in lines[0]
    assert run_site(mirror, SiteOptions(content=content, since="2019-01-01",
                                        report=tmp_path / "r"), out=lines.append) == 0
    dates = [p.read_text("utf-8").split("\n")[1] for p in articles(content)]
    assert dates and all(d >= "Date: 2019-01-01" for d in dates)
    expected = sum(when(n) >= datetime(2019, 1, 1) for n in range(ARTICLES + EXTRA))
    expected += len(WEEKLY)
    assert len(dates) == expected


def test_the_migrated_site_builds_strictly_with_its_redirects(migrated):
    from conftest import Site
    from portal.linkcheck import check_links, collect

    root, _mirror, content, _result = migrated
    (root / "build").mkdir()
    site = Site(root / "build", content=content)
    # The theme links the about and contact pages of the portal.
    shutil.copytree(ROOT / "content/pages", content / "pages")
    # The editor copies in the photos the report asked for.
    for article in ("2018/02/bai-010", f"2019/03/{slug(ARTICLES)}"):
        jpeg(content / "articles" / article / "anh-01.jpg")
    built = site.build(strict=True)
    assert built.returncode == 0, built.log
    page = built.soup("tin-tuc/in/bai-003.html")
    assert page.find("link", rel="canonical")["href"] == "/tin-tuc/2018/01/bai-003/"
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=/tin-tuc/2018/01/bai-003/"
    rules = (built.output / "_redirects").read_text("utf-8").splitlines()
    assert "/tin-tuc/bai-000.html /tin-tuc/2018/01/bai-000/ 301" in rules
    assert len(rules) == ARTICLES + PRINTED + EXTRA + len(WEEKLY)
    query = [rule for rule in rules if rule.startswith("/ChiTiet.aspx ")]
    assert len(query) == 1
    assert query[0].startswith(f"/ChiTiet.aspx ItemID={ARTICLES + 1} /tin-tuc/2019/04/")
    nginx = (built.output / "redirects.nginx.map").read_text("utf-8")
    assert "/tin-tuc/bai-000.html /tin-tuc/2018/01/bai-000/;" in nginx
    assert f"/ChiTiet.aspx?ItemID={ARTICLES + 1} /tin-tuc/2019/04/" in nginx
    assert not (built.output / "ChiTiet.aspx").exists()
    assert check_links(built.output) == []
    # The link checker follows the redirects (canonical, refresh, link and
    # the _redirects rules): a redirect to a page that is gone is reported.
    pages = collect(built.output)
    target = "/tin-tuc/2018/01/bai-003/"
    assert [url for url, _line in pages["tin-tuc/in/bai-003.html"].refs] == [
        target] * 3
    assert target in [url for url, _line in pages["_redirects"].refs]
    shutil.rmtree(built.output / "tin-tuc/2018/01/bai-003")
    broken = [p for p in check_links(built.output) if f"'{target}'" in p.message]
    assert len(broken) == 1


def test_a_redirect_to_an_article_that_does_not_exist_fails_a_strict_build(tmp_path):
    from conftest import Site

    site = Site(tmp_path)
    site.write("articles/2019/05/bai.md", "Title: Bài mới\nDate: 2019-05-01\n"
               "Category: Tin hoạt động\nAuthor: Nhóm BTV\n\nNội dung bài viết mới.\n")
    site.write("data/redirects.yml", "/cu/bai.html: articles/2019/05/bai.md\n"
               "/cu/khac.html: articles/2019/05/khong-co.md\n")
    built = site.build(strict=True)
    assert built.returncode != 0
    log = " ".join(built.log.split())
    assert ("redirects.yml:2: địa chỉ cũ '/cu/khac.html' chuyển đến bài "
            "'articles/2019/05/khong-co.md' không có") in log
    assert (built.output / "cu/bai.html").is_file()
    # `invoke check` says the same, without building.
    from portal.checker import check_content

    report = check_content(str(site.content),
                           settings_file=str(ROOT / "pelicanconf.py"))
    found = [(p.line, p.message) for p in report.problems if p.plugin == "redirects"]
    assert found == [(2, "địa chỉ cũ '/cu/khac.html' chuyển đến bài "
                         "'articles/2019/05/khong-co.md' không có")]


def test_old_addresses_never_leave_the_output_nor_stop_the_build(tmp_path):
    import yaml
    from conftest import Site

    site = Site(tmp_path)
    site.write("articles/2019/05/bai.md", "Title: Bài mới\nDate: 2019-05-01\n"
               "Category: Tin hoạt động\nAuthor: Nhóm BTV\n\nNội dung bài viết mới.\n")
    long_old = "/Pages/ChiTiet.aspx/" + "tin-tuc-su-kien-" * 10 + "1.html"
    entries = {"/../ngoai.html": "articles/2019/05/bai.md",  # leaves output/
               "/tin-tuc": "articles/2019/05/bai.md",  # an output folder
               long_old: "articles/2019/05/bai.md"}  # written '? key' by YAML
    text = "".join(yaml.safe_dump({old: new}, allow_unicode=True)
                   for old, new in entries.items())
    assert "? " in text
    site.write("data/redirects.yml", text + "[khong, phai, cap]: x\n")
    built = site.build()
    assert built.returncode == 0, built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "ngoai.html").exists()
    log = " ".join(built.log.split())
    for old in ("/../ngoai.html", "/tin-tuc"):
        assert f"địa chỉ cũ '{old}' không thể là một trang của cổng" in log
    assert "không phải một cặp địa chỉ cũ: bài" in log
    assert (built.output / long_old.lstrip("/")).is_file()
    assert (built.output / "tin-tuc/2019/05/bai/index.html").is_file()
