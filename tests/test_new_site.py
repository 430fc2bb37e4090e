"""`invoke new-site` for every level of government (issue 18).

Each test copies the checkout's settings, tasks and sample content into
tmp_path (plugins and theme linked, never copied or changed), runs the real
task there, builds strictly with the copied pelicanconf.py and reads the
built pages: the names and the level's words must be everywhere, the old
district's nowhere, and the sample article must have its units detected.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, serve

FILES = ("pelicanconf.py", "publishconf.py", "tasks.py", "portal.yml")

# level: (name, province, site name, leaders' label, a /don-vi/ group,
#         a unit the sample article must link, the header's subtitle)
LEVELS = {
    "phuong": ("Bến Thành", "Hồ Chí Minh", "Cổng thông tin điện tử phường Bến Thành",
               "Lãnh đạo phường", "Các khu phố", "Phòng Kinh tế, Hạ tầng và Đô thị",
               "Ủy ban nhân dân phường Bến Thành, Thành phố Hồ Chí Minh"),
    "xa": ("Tà Xùa", "Sơn La", "Cổng thông tin điện tử xã Tà Xùa", "Lãnh đạo xã",
           "Các thôn", "Phòng Kinh tế", "Ủy ban nhân dân xã Tà Xùa, tỉnh Sơn La"),
    "dac-khu": ("Côn Đảo", "Hồ Chí Minh", "Cổng thông tin điện tử đặc khu Côn Đảo",
                "Lãnh đạo đặc khu", "Các tổ dân phố", "Phòng Văn hóa - Xã hội",
                "Ủy ban nhân dân đặc khu Côn Đảo, Thành phố Hồ Chí Minh"),
    "tinh": ("Lâm Đồng", "", "Cổng thông tin điện tử tỉnh Lâm Đồng", "Lãnh đạo tỉnh",
             "Các sở, ngành", "Sở Nông nghiệp và Môi trường",
             "Ủy ban nhân dân tỉnh Lâm Đồng"),
    "quan": ("Hải Châu", "Đà Nẵng", "Cổng thông tin điện tử quận Hải Châu",
             "Lãnh đạo quận", "Các phường", "Phòng Quản lý đô thị",
             "Ủy ban nhân dân quận Hải Châu, Thành phố Đà Nẵng"),
    "huyen": ("Cần Giờ", "Hồ Chí Minh", "Cổng thông tin điện tử huyện Cần Giờ",
              "Lãnh đạo huyện", "Các thị trấn", "Phòng Kinh tế và Hạ tầng",
              "Ủy ban nhân dân huyện Cần Giờ, Thành phố Hồ Chí Minh"),
}
# Nouns of other levels no page of the level may say.
ABSENT = {"phuong": ("quận", "huyện", "tỉnh"), "xa": ("quận", "huyện", "phường"),
          "dac-khu": ("quận", "huyện", "phường"), "tinh": ("quận", "huyện", "phường"),
          "quan": ("huyện", "tỉnh"), "huyen": ("quận", "phường", "tỉnh")}


def checkout(tmp_path: Path) -> Path:
    """A copy of the checkout with the sample content, as an editor has it."""
    root = tmp_path / "cong"
    root.mkdir()
    for name in FILES:
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "content", root / "content")
    for name in ("plugins", "theme"):
        (root / name).symlink_to(ROOT / name)
    return root


def new_site(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "new-site", *args],
                          cwd=root, capture_output=True, text=True, timeout=120)


def build(root: Path) -> Path:
    env = {**os.environ, "PORTAL_STRICT": "1", "COLUMNS": "1000"}
    proc = subprocess.run([sys.executable, "-m", "pelican", "--settings",
                           "pelicanconf.py"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"


def soup(output: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((output / rel / "index.html").read_text("utf-8"),
                         "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def sample_checkout(tmp_path) -> Path:
    return checkout(tmp_path)


def sample_articles(root: Path) -> int:
    return len(list((root / "content" / "articles").rglob("*.md")))


def test_refuses_to_overwrite_articles_and_registries(sample_checkout):
    before = (sample_checkout / "portal.yml").read_bytes()
    units = (ROOT / "content/data/units.yml").read_bytes()
    count = sample_articles(ROOT)
    proc = new_site(sample_checkout, "--level", "phuong", "--name", "Bến Thành",
                    "--province", "Hồ Chí Minh")
    assert proc.returncode == 1
    assert f"{count} bài viết" in proc.stderr and "--force" in proc.stderr
    assert (sample_checkout / "portal.yml").read_bytes() == before
    assert sample_articles(sample_checkout) == count > 0
    assert (sample_checkout / "content/data/units.yml").read_bytes() == units


def test_unknown_level_is_refused_in_vietnamese(sample_checkout):
    proc = new_site(sample_checkout, "--level", "thi-xa", "--name", "X",
                    "--province", "Y", "--force")
    assert proc.returncode == 1
    assert "không có cấp chính quyền 'thi-xa'" in proc.stderr
    assert (sample_checkout / "content/articles/2025").is_dir()


@pytest.mark.parametrize("level", LEVELS)
def test_new_site_builds_in_the_level_words(sample_checkout, level):
    name, province, site_name, leaders, group, unit, subtitle = LEVELS[level]
    args = ["--level", level, "--name", name, "--force"]
    if province:
        args += ["--province", province]
    proc = new_site(sample_checkout, *args)
    assert proc.returncode == 0, proc.stderr
    assert f"Đã tạo cổng {site_name}" in proc.stdout
    backups = list((sample_checkout / ".cache/new-site-backups").glob("*/articles"))
    # The old articles are kept in the backup.
    assert len(list(backups[0].rglob("*.md"))) == sample_articles(ROOT)
    registry = (sample_checkout / "content/data/units.yml").read_text("utf-8")
    assert registry.count("- id:") == registry.count("# CẦN ĐIỀN")

    output = build(sample_checkout)
    home = soup(output, "")
    assert home.title.get_text() == site_name
    assert words(home.select_one(".vn-header__name")) == site_name
    assert subtitle in words(home.select_one(".vn-header"))
    assert words(home.select_one(".vn-contact__agency")) == subtitle.split(",")[0]
    quick = [words(a) for a in home.select(".vn-quick__title")]
    assert leaders in quick

    directory = soup(output, "don-vi")
    headings = [words(h) for h in directory.select("main h2")]
    assert headings[0] == "Cơ quan lãnh đạo" and group in headings

    articles = list((output / "tin-tuc").rglob("index.html"))
    assert len(articles) == 1
    article = BeautifulSoup(articles[0].read_text("utf-8"), "html.parser")
    linked = {words(a) for a in article.select("main a[href*='/don-vi/']")}
    assert unit in linked and len(linked) >= 3, linked

    # No page says another level's noun (the sample was a district), once
    # the province's name is taken out of its text.
    province_name = subtitle.partition(", ")[2].lower()
    for page in output.rglob("*.html"):
        text = words(BeautifulSoup(page.read_text("utf-8"), "html.parser")).lower()
        if province_name:
            text = text.replace(province_name, "")
        found = [n for n in ABSENT[level] if n in text]
        assert not found, (page.relative_to(output), found)


def test_names_are_written_as_the_decree_writes_them(sample_checkout):
    from sitegen.newsite import plan

    assert plan("phuong", "1", "Hồ Chí Minh").name == "Phường 1"
    assert plan("phuong", "Phường Bến Thành", "TP Hồ Chí Minh").name \
        == "Phường Bến Thành"
    assert plan("tinh", "Huế").name == "Thành phố Huế"
    assert plan("tinh", "Huế").words["leaders"] == "Lãnh đạo thành phố"
    assert plan("tinh", "Huế").words["party"] == "Thành ủy"
    assert plan("xa", "Tà Xùa", "Sơn La").province == "tỉnh Sơn La"


@pytest.mark.browser
def test_ward_screenshots(sample_checkout, browser):
    """A ward portal's home and /don-vi/ at 360 and 1280 px, in
    .cache/screenshots/ (look at them)."""
    proc = new_site(sample_checkout, "--level", "phuong", "--name", "Bến Thành",
                    "--province", "Hồ Chí Minh", "--force")
    assert proc.returncode == 0, proc.stderr
    output = build(sample_checkout)
    url, server = serve(output)
    shots = ROOT / ".cache" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        for path, name in (("/", "phuong-home"), ("/don-vi/", "phuong-don-vi")):
            for width in (360, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                assert page.goto(url + path).ok
                target = shots / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth"
                                         " - document.documentElement.clientWidth")
                heading = page.locator(".vn-header__name").text_content()
                page.close()
                assert target.stat().st_size > 5_000
                assert overflow <= 0, (path, width, overflow)
                assert heading.strip() == "Cổng thông tin điện tử phường Bến Thành"
    finally:
        server.shutdown()
