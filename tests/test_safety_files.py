"""Nothing outside content/ is ever published, and only what a page links
(issue 14, cases 1, 2, 5, 6; issue 15, item 1): every case is built into a
tiny site with the real build, in a process with bounded memory and time,
and the output folder is searched for the secrets planted beside content/."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest
from conftest import ROOT, Site, serve
from test_build import article

DIR = "articles/2025/11"
SECRET = "BI-MAT-KHONG-DUOC-DANG"
# Memory and time the build of a tiny site may take (a /dev/zero read once
# took 24 GB; a FIFO hung the build for ever).
MEMORY = 3 * 1024 ** 3
SECONDS = 120


def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def build(site: Site, name: str, **kwargs):
    return site.build(name=name, preexec_fn=bounded, timeout=SECONDS, **kwargs)


def published(output) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes()
            for p in output.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("files")
    site = Site(root)
    # Secrets beside content/, as on a build machine: a .git folder, a home.
    (root / ".git").mkdir()
    (root / ".git/config").write_text(f"[core]\n# {SECRET}\n")
    home = root / "home/.ssh"
    home.mkdir(parents=True)
    (home / "id_rsa").write_text(f"-----BEGIN {SECRET}-----\n")
    secrets = root / "home/etc"
    secrets.mkdir()
    (secrets / "passwd").write_text(f"root:{SECRET}\n")
    up = "../" * 8
    body = "\n\n".join([
        f"[Tải văn bản]({{attach}}{up}etc/passwd)",            # line 6
        f"[Môi trường]({{attach}}{up}proc/self/environ)",      # line 8
        "[Cấu hình]({attach}../../../../.git/config)",          # line 10
        "[Văn bản]({attach}bai-thu/van-ban.pdf)",               # line 12: symlink out
        "[Bản đồ]({attach}bai-thu/ban-do.svg)",                 # line 14
        "[Trang]({attach}bai-thu/trang.html)",                  # line 16
        "[Tài liệu]({attach}bai-thu/tai-lieu.pdf)",             # line 18: /dev/zero
        "[Ống]({static}/images/ong.pdf)",                       # line 20: FIFO
        "[Lớn]({attach}bai-thu/lon.pdf)",                       # line 22: too large
        "[Thật]({attach}bai-thu/that.pdf)",                     # line 24: published
        '<a href="{attach}../../../../.git/config">html</a>',   # line 26
    ])
    site.write(f"{DIR}/bai-thu.md", article(title="Bài thử", date="2025-11-10 08:00",
                                            body=body))
    folder = site.content / DIR / "bai-thu"
    folder.mkdir(parents=True)
    (folder / "that.pdf").write_bytes(b"%PDF-1.4 that")
    (folder / "lon.pdf").write_bytes(b"%PDF-1.4 " + b"0" * 4096)
    (folder / "van-ban.pdf").symlink_to(secrets / "passwd")
    (folder / "ban-do.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>'
        "document.title='XSS'</script></svg>")
    (folder / "trang.html").write_text("<script>document.title='XSS'</script>")
    (folder / "tai-lieu.pdf").symlink_to("/dev/zero")
    (folder / "anh.jpg").symlink_to("/dev/zero")
    os.mkfifo(folder / "anh-ong.jpg")
    (site.content / "images").mkdir()
    os.mkfifo(site.content / "images/ong.pdf")
    (site.content / "images/ssh").symlink_to(home)
    (folder / "etc").symlink_to(secrets)
    # Unlinked files beside an article and a page (case 6).
    (folder / "danh-sach-can-bo.txt").write_text("Danh sách cán bộ\n")
    (folder / "bien-ban.docx").write_bytes(b"PK\x03\x04 bien ban")
    site.write(f"{DIR}/nhap.rst", "Bản nháp\n########\n\n:status: draft\n\nNội dung.\n")
    site.write("pages/ghi-chu.txt", "Ghi chú nội bộ\n")
    # Markdown that is not a regular file inside content/.
    (site.content / DIR / "zero.md").symlink_to("/dev/zero")
    (site.content / DIR / "mat-khau.md").symlink_to(secrets / "passwd")
    os.mkfifo(site.content / DIR / "ong.md")
    site.write(f"{DIR}/qua-lon.md", article(body="Chữ. " * 2000))
    site.write(f"{DIR}/anh-zero.md", article(
        title="Ảnh /dev/zero", date="2025-11-09 08:00",
        body="![Ảnh](bai-thu/anh.jpg)\nChú thích"))
    site.write(f"{DIR}/anh-ong.md", article(
        title="Ảnh FIFO", date="2025-11-09 08:00",
        body="![Ảnh](bai-thu/anh-ong.jpg)\nỐng"))
    extra = "PORTAL_ATTACHMENT_MAX_BYTES = 1024\nPORTAL_SOURCE_MAX_BYTES = 8192\n"
    return site, build(site, "preview", extra=extra), extra


REFUSED = {6: "nằm ngoài thư mục content/", 8: "nằm ngoài thư mục content/",
           10: "nằm ngoài thư mục content/", 12: "nằm ngoài thư mục content/",
           14: "là tệp SVG/HTML", 16: "là tệp SVG/HTML",
           18: "nằm ngoài thư mục content/", 20: "không phải là một tệp thông thường",
           22: "quá giới hạn", 26: "nằm ngoài thư mục content/"}


def test_preview_build_ends_and_publishes_nothing_from_outside(hostile):
    _, result, _ = hostile
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    files = published(result.output)
    assert not [name for name, data in files.items() if SECRET.encode() in data]
    names = {os.path.basename(n) for n in files}
    assert not names & {"passwd", "environ", "config", "id_rsa", "van-ban.pdf",
                        "ban-do.svg", "trang.html", "tai-lieu.pdf", "ong.pdf",
                        "lon.pdf", "anh.jpg", "anh-ong.jpg"}
    assert files["tin-tuc/2025/11/bai-thu/bai-thu/that.pdf"] == b"%PDF-1.4 that"


def test_unlinked_files_beside_articles_are_not_published(hostile):
    _, result, _ = hostile
    names = {os.path.basename(n) for n in published(result.output)}
    assert not names & {"danh-sach-can-bo.txt", "bien-ban.docx", "nhap.rst",
                        "ghi-chu.txt"}
    assert not (result.output / "tin-tuc/2025/11/nhap").exists()


def test_plain_site_publishes_no_symlinked_folder_and_no_unlinked_file(tmp_path):
    """The same without devices and FIFOs (which stopped the build before the
    rule): a symlinked home folder, unlinked documents, nothing else."""
    site = Site(tmp_path)
    home = tmp_path / "home/.ssh"
    home.mkdir(parents=True)
    (home / "id_rsa").write_text(SECRET)
    site.write(f"{DIR}/bai.md", article(date="2025-11-10 08:00",
                                        body="[Tải]({attach}bai/that.pdf)"))
    site.write(f"{DIR}/bai/that.pdf", "%PDF-1.4")
    site.write(f"{DIR}/bai/danh-sach-can-bo.txt", "Danh sách cán bộ")
    site.write(f"{DIR}/bai/bien-ban.docx", "PK bien ban")
    site.write("pages/ghi-chu.txt", "Ghi chú nội bộ")
    (site.content / "images").mkdir()
    (site.content / "images/ssh").symlink_to(home)
    (site.content / DIR / "bai/home").symlink_to(home)
    result = build(site, "plain")
    assert result.returncode == 0, result.log
    names = {os.path.basename(n) for n in published(result.output)}
    assert "that.pdf" in names
    assert not names & {"id_rsa", "danh-sach-can-bo.txt", "bien-ban.docx",
                        "ghi-chu.txt"}


def test_each_refused_link_is_named_with_its_line_and_taken_out(hostile):
    _, result, _ = hostile
    for line in REFUSED:
        assert f"bai-thu.md:{line}: liên kết '" in result.log, line
    for reason in set(REFUSED.values()):
        assert reason in result.log
    body = result.soup("tin-tuc/2025/11/bai-thu/").select_one(".vn-article__body")
    hrefs = [a.get("href") for a in body.find_all("a")]
    assert hrefs.count(None) == len(REFUSED)
    assert [h for h in hrefs if h] == ["/tin-tuc/2025/11/bai-thu/bai-thu/that.pdf"]
    assert "{attach}" not in str(body)


def test_markdown_that_is_no_regular_file_inside_content_is_skipped(hostile):
    _, result, _ = hostile
    for name in ("zero.md", "mat-khau.md"):
        assert f"{name}: tệp nằm ngoài thư mục content/" in result.log
    assert "ong.md: tệp không phải là một tệp thông thường" in result.log
    assert "qua-lon.md: tệp nặng 14 KB, quá giới hạn 8 KB" in result.log
    assert "thư mục liên kết tượng trưng (symlink) không được đọc" in result.log
    # Photos that are /dev/zero and a FIFO: reported, never read.
    assert ("anh-zero.md:6: đường dẫn ảnh 'bai-thu/anh.jpg' nằm ngoài thư mục "
            "content/") in result.log
    assert "Đã bỏ qua 5 tệp nội dung" in result.log
    assert (result.output / "tin-tuc/2025/11/anh-ong/index.html").is_file()
    assert "anh-ong.md:6: tệp ảnh 'bai-thu/anh-ong.jpg' không phải" in result.log


def test_strict_build_fails_without_traceback(hostile):
    site, _, extra = hostile
    result = build(site, "strict", strict=True, extra=extra)
    assert result.returncode != 0
    assert "Bản dựng nghiêm ngặt thất bại" in result.log
    assert "Traceback" not in result.log


def test_invoke_check_names_every_case(hostile):
    site, _, _ = hostile
    conf = site.root / "check-conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                    "from pelicanconf import *  # noqa\n"
                    "PORTAL_ATTACHMENT_MAX_BYTES = 1024\n"
                    "PORTAL_SOURCE_MAX_BYTES = 8192\n")
    # In a process of its own with bounded memory: /dev/zero is in there.
    run = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
         "--format", "json", "--content", str(site.content), "--settings", str(conf)],
        cwd=ROOT, capture_output=True, text=True, timeout=SECONDS,
        preexec_fn=bounded)
    assert "Traceback" not in run.stderr, run.stderr
    problems = json.loads(run.stdout)["problems"]
    found = {(os.path.basename(p["path"]), n, p["message"])
             for p in problems for n in p["lines"] or [None]}
    for line, reason in REFUSED.items():
        assert any(f == "bai-thu.md" and n == line and reason in m
                   for f, n, m in found), line
    by_file = {os.path.basename(p["path"]) for p in problems}
    assert {"ssh", "etc", "anh.jpg", "anh-ong.jpg", "ong.pdf", "tai-lieu.pdf",
            "zero.md", "mat-khau.md", "anh-zero.md", "ong.md", "qua-lon.md"} <= by_file
    unlinked = {os.path.basename(p["path"]) for p in problems
                if p["message"].startswith("không trang nào liên kết")}
    assert unlinked == {"danh-sach-can-bo.txt", "bien-ban.docx", "nhap.rst",
                        "ghi-chu.txt"}


@pytest.mark.browser
def test_refused_attachments_cannot_run_in_chromium(browser, hostile):
    _, result, _ = hostile
    url, server = serve(result.output)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{url}/tin-tuc/2025/11/bai-thu/")
        hrefs = page.evaluate(
            "[...document.querySelectorAll('.vn-article__body a[href]')]"
            ".map(a => a.href)")
        assert [h.rsplit("/", 1)[-1] for h in hrefs] == ["that.pdf"]
        for name in ("ban-do.svg", "trang.html"):
            response = page.goto(f"{url}/tin-tuc/2025/11/bai-thu/bai-thu/{name}")
            assert response.status == 404
            assert page.title() != "XSS"
    finally:
        page.close()
        server.shutdown()
    assert dialogs == []
