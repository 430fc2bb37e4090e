"""Verified output: what a visitor of the built sample site gets.

Links, images, stylesheets, scripts and feeds resolve offline; one page of
every kind is valid HTML for the Nu HTML Checker; feeds are Atom; the sitemap
lists every article; two builds at different wall-clock times are identical.
Each checker is also shown to catch what it is for, on a small broken folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, Site
from portal.htmlcheck import page_kind, sample_pages, validate_html
from portal.linkcheck import check_links
from portal.verify import article_pages, own_addresses
from portal.xmlcheck import SITEMAP_NAME, check_feeds, check_sitemap
from test_build import hashes

# A site published below a path: a link written as "/x/" instead of from
# SITEURL leaves the site there, so this address catches it.
PRODUCTION_URL = "https://quanmau.example/cong"


def settings_of(name="pelicanconf.py", siteurl=None) -> dict:
    from pelican.settings import read_settings

    old = os.environ.get("SITEURL")
    if siteurl is not None:
        os.environ["SITEURL"] = siteurl
    try:
        return read_settings(str(ROOT / name))
    finally:
        if siteurl is not None:
            if old is None:
                del os.environ["SITEURL"]
            else:
                os.environ["SITEURL"] = old


@pytest.fixture(scope="session")
def production_build(tmp_path_factory):
    """The sample content built as `invoke publish` builds it."""
    root = tmp_path_factory.mktemp("production")
    result = Site(root, content=ROOT / "content").build(
        strict=True, settings="publishconf.py", env={"SITEURL": PRODUCTION_URL})
    assert result.returncode == 0, result.log
    return result


def formatted(problems) -> str:
    return "\n".join(p.format() for p in problems)


# --- links -------------------------------------------------------------------

def test_every_internal_reference_resolves_in_development(sample_build):
    problems = check_links(sample_build.output, "", own_addresses(settings_of()))
    assert problems == [], formatted(problems)


def test_every_internal_reference_resolves_in_production(production_build):
    problems = check_links(production_build.output, PRODUCTION_URL)
    assert problems == [], formatted(problems)


def write(folder: Path, rel: str, text: str) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_link_checker_finds_each_kind_of_broken_reference(tmp_path):
    out = tmp_path / "output"
    write(out, "theme/css/main.css",
          "@import 'base.css';\nbody { background: url(../img/nen.png) }\n"
          ".ok { background: url('data:image/png;base64,AAAA') }\n")
    write(out, "theme/css/base.css", "p { color: red }\n")
    write(out, "tin-tuc/bai/index.html", "<main id='noi-dung'><h1>Bài</h1></main>")
    write(out, "tin-tuc/bai/anh-480.jpg", "jpeg")
    write(out, "feed.xml", '<feed xmlns="http://www.w3.org/2005/Atom">'
          f'<link href="{PRODUCTION_URL}/tin-tuc/khong-co/"/></feed>')
    write(out, "index.html", textwrap.dedent(f"""\
        <!DOCTYPE html><html><head>
        <link rel="stylesheet" href="{PRODUCTION_URL}/theme/css/main.css">
        <link rel="alternate" type="application/atom+xml" href="/cong/feed.xml">
        <script src="{PRODUCTION_URL}/theme/js/thieu.js"></script>
        </head><body id="noi-dung">
        <a href="#noi-dung">ok</a> <a href="#khong-co-muc">mục thiếu</a>
        <a href="tin-tuc/bai/">ok</a> <a href="tin-tuc/bai/#noi-dung">ok</a>
        <a href="/gioi-thieu/">ra ngoài</a>
        <img src="tin-tuc/bai/anh-480.jpg" srcset="tin-tuc/bai/anh-480.jpg 480w,
          tin-tuc/bai/anh-960.jpg 960w" alt="">
        <a href="https://chinhphu.vn/">ngoài</a> <a href="mailto:a@b.vn">thư</a>
        <a href="/cong/tin-tuc/bai/#thieu">mục thiếu ở trang khác</a>
        <a href="/cong/tin-tuc/bai/">ok</a> <a href="/cong/tin-tuc/khong-co/">thiếu</a>
        </body></html>"""))
    problems = check_links(out, PRODUCTION_URL)
    found = {(Path(p.path).name, p.line, p.message) for p in problems}
    missing = "không trỏ tới tệp nào trong thư mục xuất bản"
    assert found == {
        ("main.css", 2, f"liên kết '../img/nen.png' {missing}"),
        ("index.html", 4, f"liên kết '{PRODUCTION_URL}/theme/js/thieu.js' {missing}"),
        ("index.html", 6, "liên kết '#khong-co-muc' trỏ tới mục #khong-co-muc "
                          "không có trong trang đích"),
        ("index.html", 8, "liên kết '/gioi-thieu/' trỏ ra ngoài địa chỉ gốc của "
                          f"trang ({PRODUCTION_URL}/)"),
        ("index.html", 9, f"liên kết 'tin-tuc/bai/anh-960.jpg' {missing}"),
        ("index.html", 12, "liên kết '/cong/tin-tuc/bai/#thieu' trỏ tới mục "
                           "#thieu không có trong trang đích"),
        ("index.html", 13, f"liên kết '/cong/tin-tuc/khong-co/' {missing}"),
        ("feed.xml", 1, f"liên kết '{PRODUCTION_URL}/tin-tuc/khong-co/' {missing}"),
    }


def test_a_broken_link_on_every_page_is_one_problem(tmp_path):
    out = tmp_path / "output"
    for n in range(5):
        write(out, f"p{n}/index.html", "<nav><a href='/khong-co/'>x</a></nav>")
    problems = check_links(out)
    assert len(problems) == 1
    assert "gặp ở 5 chỗ" in problems[0].hint


# --- feeds and sitemap ----------------------------------------------------------

def test_every_feed_is_atom(sample_build, production_build):
    feeds = [p for p in production_build.output.rglob("feed.xml")]
    assert len(feeds) > 5
    problems = check_feeds(production_build.output, absolute_ids=True)
    # A development build has no SITEURL, so its ids cannot be absolute.
    problems += check_feeds(sample_build.output, absolute_ids=False)
    assert problems == [], formatted(problems)


def test_feed_checker_rejects_broken_feeds(tmp_path):
    atom = 'xmlns="http://www.w3.org/2005/Atom"'
    write(tmp_path, "feed.xml", f"<feed {atom}><title>T</title>")
    write(tmp_path, "the/x/feed.xml", "<rss><channel/></rss>")
    write(tmp_path, "tac-gia/x/feed.xml", textwrap.dedent(f"""\
        <feed {atom}><id>/</id><title>T</title><updated>hôm qua</updated>
        <entry><id>tag:a,2025:/1</id><title>A</title>
        <updated>2025-02-10T16:30:00+07:00</updated></entry>
        <entry><id>tag:a,2025:/1</id><updated>2025-02-10T16:30:00Z</updated>
        <author><name>N</name></author><link href="https://a/"/></entry></feed>"""))
    messages = {(Path(p.path).relative_to(tmp_path).as_posix(), p.message)
                for p in check_feeds(tmp_path, absolute_ids=True)}
    assert ("the/x/feed.xml", "nguồn cấp không phải Atom (gốc là <rss>)") in messages
    assert any(path == "feed.xml" and m.startswith("tệp XML hỏng")
               for path, m in messages)
    assert {m for path, m in messages if path == "tac-gia/x/feed.xml"} == {
        "nguồn cấp: ngày 'hôm qua' không theo RFC 3339",
        "nguồn cấp: id '/' không phải địa chỉ tuyệt đối",
        "mục 1 thiếu tác giả (<author>)",
        "mục 1 không có liên kết tới bài",
        "mục 2 thiếu phần tử <title>",
        "mục 2: id 'tag:a,2025:/1' bị trùng",
    }


def test_sitemap_lists_every_article_and_no_missing_page(production_build):
    out = production_build.output
    if not (out / SITEMAP_NAME).is_file():
        pytest.skip("sitemap.xml is made by the theme issue (8), not built yet")
    articles = article_pages(out, settings_of("publishconf.py", PRODUCTION_URL))
    assert len(articles) >= 13
    problems = check_sitemap(out, PRODUCTION_URL, articles)
    assert problems == [], formatted(problems)


def test_sitemap_checker_finds_missing_and_forgotten_pages(tmp_path):
    write(tmp_path, "tin-tuc/a/index.html", "a")
    write(tmp_path, "tin-tuc/b/index.html", "b")
    write(tmp_path, SITEMAP_NAME, textwrap.dedent(f"""\
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>{PRODUCTION_URL}/tin-tuc/a/</loc></url>
        <url><loc>{PRODUCTION_URL}/tin-tuc/da-xoa/</loc></url></urlset>"""))
    messages = [p.message for p in check_sitemap(
        tmp_path, PRODUCTION_URL, ["tin-tuc/a/index.html", "tin-tuc/b/index.html"])]
    assert messages == [
        f"sơ đồ trang liệt kê '{PRODUCTION_URL}/tin-tuc/da-xoa/' nhưng trang này "
        "không có trong thư mục xuất bản",
        f"sơ đồ trang thiếu trang '{PRODUCTION_URL}/tin-tuc/b/index.html'",
    ]


# --- HTML validity ----------------------------------------------------------------

def test_one_page_of_every_kind_is_chosen(sample_build):
    kinds = sample_pages(sample_build.output)
    rels = {p.relative_to(sample_build.output).as_posix() for p in kinds.values()}
    # The article with the most photos stands for all articles.
    assert "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/index.html" in rels
    assert {"index.html", "404.html", "luu-tru/index.html"} <= rels
    assert page_kind("tac-gia/nhom-btv/trang/2/index.html") == ("tac-gia", 3, True)
    assert len(rels) == len(kinds) >= 12


def test_html_is_valid_on_one_page_of_every_kind(production_build):
    pages = list(sample_pages(production_build.output).values())
    problems = validate_html(pages)
    assert problems == [], formatted(problems)


def test_html_checker_reports_invalid_markup(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html>\n<html lang='vi'><head><title>x</title></head>"
                   "\n<body><p><div>x</div></p>\n<img src='a.jpg'></body></html>",
                   encoding="utf-8")
    problems = validate_html([bad])
    assert [(p.line, p.message[:40]) for p in problems] == [
        (3, "HTML không hợp lệ: No “p” element in sco"),
        (4, "HTML không hợp lệ: An “img” element must"),
    ]


# --- determinism -----------------------------------------------------------------

CLOCK_SHIFT = textwrap.dedent('''\
    """Test helper: moves this process's wall clock by PORTAL_CLOCK_SHIFT s."""
    import datetime as _dt
    import os as _os
    import time as _time

    _SHIFT = float(_os.environ.get("PORTAL_CLOCK_SHIFT", "0"))
    _real_time, _real_time_ns = _time.time, _time.time_ns
    _real_localtime, _real_gmtime = _time.localtime, _time.gmtime
    _real_strftime = _time.strftime
    _time.time = lambda: _real_time() + _SHIFT
    _time.time_ns = lambda: _real_time_ns() + int(_SHIFT * 1e9)
    _time.localtime = lambda s=None: _real_localtime(_time.time() if s is None else s)
    _time.gmtime = lambda s=None: _real_gmtime(_time.time() if s is None else s)
    _time.strftime = lambda f, t=None: _real_strftime(
        f, _time.localtime() if t is None else t)
    _RealDatetime, _RealDate = _dt.datetime, _dt.date

    class _Meta(type):
        # Objects made by C code are real datetimes: still instances.
        def __instancecheck__(cls, obj):
            return isinstance(obj, cls.__bases__[0])

    class datetime(_RealDatetime, metaclass=_Meta):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(_time.time(), tz)

        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(_time.time())

        @classmethod
        def today(cls):
            return cls.fromtimestamp(_time.time())

    class date(_RealDate, metaclass=_Meta):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(_time.time())

    _dt.datetime, _dt.date = datetime, date
    ''')
# 400 days and 7 hours: another year, day of the week and time of day.
SHIFT_SECONDS = (400 * 24 + 7) * 3600


def clock_env(tmp_path: Path) -> dict:
    """Environment for a subprocess whose wall clock runs SHIFT_SECONDS ahead,
    in another time zone, with another SOURCE_DATE_EPOCH and hash seed."""
    folder = tmp_path / "shifted-clock"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(CLOCK_SHIFT, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "PORTAL_CLOCK_SHIFT": str(SHIFT_SECONDS),
            "TZ": "America/Los_Angeles", "SOURCE_DATE_EPOCH": "1700000000",
            "PYTHONHASHSEED": "4242"}


def test_the_shifted_clock_really_moves(tmp_path):
    probe = ("import datetime, time; print(time.time()); "
             "print(datetime.datetime.now().timestamp()); "
             "print(datetime.date.today().toordinal()); "
             "print(isinstance(datetime.datetime(2025, 1, 1).astimezone(), "
             "datetime.datetime))")
    env = {**os.environ, **clock_env(tmp_path)}
    shifted = subprocess.run([sys.executable, "-c", probe], env=env, text=True,
                             capture_output=True, check=True).stdout.split()
    real = subprocess.run([sys.executable, "-c", probe], text=True,
                          capture_output=True, check=True).stdout.split()
    assert abs(float(shifted[0]) - float(real[0]) - SHIFT_SECONDS) < 600
    assert abs(float(shifted[1]) - float(real[1]) - SHIFT_SECONDS) < 600
    assert int(shifted[2]) - int(real[2]) in (400, 401)
    assert shifted[3] == "True"


def test_builds_at_different_times_are_byte_identical(tmp_path):
    """Same commit, two builds: one now, one with the clock 400 days ahead, in
    another time zone, from a copy whose files all have other mtimes."""
    first = Site(tmp_path / "a")
    shutil.rmtree(first.content)
    shutil.copytree(ROOT / "content", first.content)
    second = Site(tmp_path / "b")
    shutil.rmtree(second.content)
    shutil.copytree(ROOT / "content", second.content)
    for path in second.content.rglob("*"):
        os.utime(path, (1_500_000_000, 1_500_000_000))
    one = first.build(strict=True)
    two = second.build(strict=True, env=clock_env(tmp_path))
    assert one.returncode == 0, one.log
    assert two.returncode == 0, two.log
    a, b = hashes(one.output), hashes(two.output)
    assert len(a) > 50
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
