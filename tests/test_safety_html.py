"""Nothing an editor writes runs in a reader's browser (issue 14, cases 3, 4,
7, 8; issue 15, item 7 for code): every hostile case is built into a tiny
site with the real build, opened in headless Chromium with every request to
another host blocked and recorded, and read back from disk."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Site, block_other_hosts, serve
from portal.checker import check_content
from test_build import article

DIR = "articles/2025/11"
# The payloads change the title or open a dialog: either shows it ran.
RUN = "document.title='XSS'"
# slug -> (body, extra header lines, line of the hostile text in the file,
# None where there is nothing to remove)
CASES = {
    "comment-block": (f'<!--><img src="data:," onerror="{RUN}">-->', "", 6),
    "comment-inline": ('Đoạn <!--><img src="data:," onerror="alert(1)">--> văn.', "",
                       6),
    "cdata-block": (f'<![CDATA[><img src="data:," onerror="{RUN}">]]>', "", 6),
    "cdata-inline": ('Đoạn <![CDATA[><img src="data:," onerror="alert(1)">]]> văn.',
                     "", 6),
    "javascript-link": (f"[Xem văn bản](javascript:{RUN})", "", 6),
    "reference-link": ("Xem [tl][tl].\n\n[tl]: javascript:alert(document.domain)", "",
                       8),
    "summary-link": ("Nội dung.", f"Summary: Xem [tại đây](javascript:{RUN}).\n", 5),
    "caption-link": (f"![Ảnh](caption-link/anh.jpg)\nChú thích [bấm](javascript:{RUN})",
                     "", 7),
    "data-link": ("[Mở](data:text/html,<script>alert(1)</script>)", "", 6),
    "entity-link": (f'<a href="&#106;ava&#x09;script:{RUN}">bấm</a>', "", 6),
    "vbscript-file-links": ('<a href="vbscript:msgbox(1)">a</a> '
                            '<a href="file:///etc/passwd">b</a>', "", 6),
    # Markdown prints this one as text: nothing to remove, nothing runs.
    "autolink": (f"<javascript:{RUN}>", "", None),
    "svg-onload": (f'<svg onload="{RUN}"><script>alert(1)</script></svg>', "", 6),
    "iframe-srcdoc": (f'<iframe srcdoc="<script>parent.{RUN}</script>"></iframe>', "",
                      6),
    "autofocus": (f'<input autofocus onfocus="{RUN}"> <details open ontoggle="{RUN}">'
                  "x</details>", "", 6),
    "object-meta-base": ('<object data="data:text/html,<script>alert(1)</script>">'
                         '</object><meta http-equiv="refresh" '
                         'content="0;url=javascript:alert(1)">'
                         '<base href="https://tracker.example/">', "", 6),
    "noscript-mxss": (f'<noscript><p title="</noscript><img src=x onerror={RUN}>">',
                      "", 6),
    "math-link": (f'<math><a xlink:href="javascript:{RUN}">m</a></math>', "", 6),
    "attr-list": ("Đoạn văn.\n{: onclick=\"alert(1)\" style=\"position:fixed;"
                  "inset:0\" }", "", 7),
    "overlay": ('<div style="position:fixed;inset:0;z-index:99999;background:#fff">'
                "Trang giả</div>", "", 6),
    "tracker-image": ("![](https://tracker.example/pixel.gif)\nẢnh từ nơi khác", "", 6),
    "tracker-style": ('<p style="background-image:url(https://tracker.example/bg.png)">'
                      "x</p><img src=\"//tracker.example/p.gif\" alt=\"\">", "", 6),
    "tracker-tags": ('<link rel="stylesheet" href="https://tracker.example/a.css">'
                     '<style>@import url(https://tracker.example/b.css);</style>'
                     '<video poster="https://tracker.example/p.png"></video>'
                     '<picture><source srcset="https://tracker.example/s.png">'
                     "</picture>", "", 6),
    "tracker-attributes": ('<img src="anh.jpg" alt="" '
                           'srcset="https://tracker.example/1x.png 1x"> '
                           '<table background="https://tracker.example/t.png">'
                           '<tr><td>ô</td></tr></table> <a href="#" '
                           'ping="https://tracker.example/ping">p</a>', "", 6),
    "unclosed-img": (f"Đoạn <img src=x onerror={RUN}//", "", None),  # text
    "image-title": ('![a](anh.jpg "t\" onerror=\"alert(1)")\nChú thích', "", None),
    "button-formaction": (f'<form><button formaction="javascript:{RUN}">Gửi</button>'
                          "</form>", "", 6),
    "css-expression": ('<div style="width:expression(alert(1));behavior:url(x.htc)">'
                       "x</div>", "", 6),
    "theme-hooks": ('<div id="noi-dung" class="vn-lightbox" data-vn-lightbox-dialog>'
                    "x</div>", "", 6),
    # Below the first line, written otherwise than the sanitiser reports
    # it: still found at its own line.
    "late-entity-link": ("Đoạn một.\n\nĐoạn hai.\n\n"
                         f'<a href="JaVaScRiPt&colon;{RUN}">bấm</a>', "", 10),
    "late-style": ("Đoạn một.\n\nĐoạn hai.\n\n"
                   '<div style="position: fixed; inset: 0">phủ</div>', "", 10),
    # Item 7: an <img> inside another tag's attribute, in a preview build.
    "attribute-breakout": ('<p><span title="<img src=khong-co.jpg class=\'a tabindex=0 '
                           "autofocus onfocus=document.title=1 b'>\">chữ</span></p>",
                           "", None),
}
CODE = ("Mã `<script>alert(1)</script>` trong dòng.\n\n"
        "```html\n<img src=x onerror=alert(1)>\n<iframe src=x></iframe>\n```\n\n"
        "    <b onclick=alert(1)>thụt lề</b>\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("hostile"))
    for slug, (body, extra, _line) in CASES.items():
        site.write(f"{DIR}/{slug}.md", article(
            title=f"Bài {slug}", date="2025-11-10 08:00", body=body, extra=extra))
    site.image(f"{DIR}/caption-link/anh.jpg")
    site.write("pages/trang-thu.md", "Title: Trang thử\n\n"
               f'[Liên hệ](javascript:{RUN}) <img src="x.jpg" onerror="{RUN}">\n')
    site.write(f"{DIR}/ma-nguon.md", article(title="Mã nguồn", date="2025-11-10 08:00",
                                             body=CODE))
    return site, site.build(name="preview")


@pytest.fixture(scope="module")
def hostile_url(hostile):
    url, server = serve(hostile[1].output)
    yield url
    server.shutdown()


def page_of(result, slug) -> BeautifulSoup:
    return result.soup(f"tin-tuc/2025/11/{slug}/")


def test_preview_builds_every_article_and_warns_with_file_and_line(hostile):
    _, result = hostile
    assert result.returncode == 0, result.log
    assert "Traceback" not in result.log
    for slug, (_body, _extra, line) in CASES.items():
        assert line is None or f"{slug}.md:{line}: đã bỏ" in result.log, slug
        assert (result.output / f"tin-tuc/2025/11/{slug}/index.html").is_file()


def test_invoke_check_names_every_case_with_its_line(hostile):
    site, _ = hostile
    report = check_content(str(site.content), str(ROOT / "pelicanconf.py"))
    found = {(p.path.rsplit("/", 1)[-1], p.line) for p in report.problems
             if p.message.startswith("đã bỏ")}
    for slug, (_body, _extra, line) in CASES.items():
        assert line is None or (f"{slug}.md", line) in found, slug


def test_strict_build_fails_with_the_messages_and_no_traceback(hostile):
    site, _ = hostile
    result = site.build(name="strict", strict=True)
    assert result.returncode != 0
    assert "Bản dựng nghiêm ngặt thất bại" in result.log
    assert "Traceback" not in result.log
    assert "javascript-link.md:6: đã bỏ liên kết" in result.log


def test_html_in_code_is_text_and_not_flagged(hostile):
    site, result = hostile
    report = check_content(str(site.content), str(ROOT / "pelicanconf.py"))
    assert [p for p in report.problems if p.path.endswith("ma-nguon.md")
            and p.level != "lưu ý"] == []
    assert "ma-nguon.md:" not in result.log
    body = page_of(result, "ma-nguon").select_one(".vn-article__body")
    codes = [c.get_text() for c in body.find_all("code")]
    assert "<script>alert(1)</script>" in codes
    assert "<img src=x onerror=alert(1)>\n<iframe src=x></iframe>\n" in codes
    assert body.find("script") is None and body.find("iframe") is None


def test_nothing_active_is_on_disk(hostile):
    _, result = hostile
    for slug in CASES:
        soup = page_of(result, slug)
        for part in soup.select(".vn-article__body, .vn-article__lead"):
            for tag in part.find_all(True):
                assert tag.name not in {"script", "iframe", "svg", "object", "input",
                                        "meta", "base", "math", "noscript"}, slug
                assert not any(a.startswith("on") for a in tag.attrs), (slug, tag)
                assert "position" not in tag.get("style", ""), (slug, tag)
                assert not tag.get("id", "").startswith("noi"), (slug, tag)
                assert "data-vn-lightbox-dialog" not in tag.attrs, slug
                href = tag.get("href", "")
                assert not href.lower().lstrip().startswith(
                    ("javascript", "data", "vbscript", "file", "&#")), (slug, href)
                assert "tracker" not in tag.get("src", "") + tag.get("style", "")


def test_pages_go_through_the_same_sanitiser(hostile):
    _, result = hostile
    body = result.soup("trang-thu/").select_one("main")
    assert body.find("a", string="Liên hệ").get("href") is None
    assert not [t for t in body.find_all(True) if "onerror" in t.attrs]
    assert "trang-thu.md:3: đã bỏ liên kết 'javascript:" in result.log


def test_breakout_keeps_the_title_as_text(hostile):
    _, result = hostile
    span = page_of(result, "attribute-breakout").select_one(".vn-article__body span")
    assert span.get_text() == "chữ"
    assert span["title"].startswith("<img src=khong-co.jpg")
    assert set(span.attrs) == {"title"}


@pytest.mark.browser
@pytest.mark.parametrize("slug", [*CASES, "ma-nguon"])
def test_nothing_runs_or_calls_another_host_in_chromium(browser, hostile_url, slug):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    dialogs, console = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    outside = block_other_hosts(page, hostile_url)
    page.goto(f"{hostile_url}/tin-tuc/2025/11/{slug}/")
    page.wait_for_timeout(300)
    title = page.title()
    # Click every link of the article (javascript: would run now).
    for link in page.locator(".vn-article__body a, .vn-article__lead a").all():
        if link.get_attribute("href") is not None:
            link.evaluate("a => a.click()")
    page.wait_for_timeout(200)
    protocols = page.evaluate(
        "[...document.querySelectorAll('main a[href]')].map(a => a.protocol)")
    # Nothing of the article covers the page.
    placed = page.evaluate(
        "[...document.querySelectorAll('.vn-article__body *, .vn-article__lead *')]"
        ".map(e => getComputedStyle(e).position).filter(p => p !== 'static')")
    state = page.evaluate("[document.title, document.activeElement.tagName]")
    page.close()
    assert dialogs == [] and "XSS" not in title and "XSS" not in state[0], slug
    assert state[0] != "1", slug
    assert outside == [], slug
    assert set(protocols) <= {"http:", "https:", "mailto:", "tel:"}, slug
    assert not [c for c in console if "XSS" in c], slug
    assert set(placed) <= {"relative"}, slug


# --- the sanitiser and the gallery's parser, unit by unit ---------------------

@pytest.mark.parametrize(("html", "kept"), [
    ('<a href="java\tscript:x()">a</a>', "<a>a</a>"),
    ('<a href=" JAVASCRIPT:x()">a</a>', "<a>a</a>"),
    ('<a href="&#x6A;avascript:x()">a</a>', "<a>a</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "<a>a</a>"),
    ('<a href="https://chinhphu.vn/">a</a>', None),
    ('<a href="#fn:1">1</a>', None),
    ('<sup id="fnref2:1">1</sup>', None),
    ('<sup id="noi-dung">1</sup>', "<sup>1</sup>"),
    ('<a href="{attach}bai/van-ban.pdf">a</a>', None),
    ('<img src="/\\\\tracker.example/x.gif">', "<img>"),
    ('<img src="data:image/png;base64,iVBOR">', None),
    ('<p style="text-align: center; color: red">c</p>',
     '<p style="text-align: center">c</p>'),
    ('<p style="text-align: url(x)">c</p>', "<p>c</p>"),
    ('<code class="language-python">x</code>', None),
    ('<p class="vn-header">x</p>', "<p>x</p>"),
    ('<th style="text-align: left;">x</th>', "x"),
])
def test_sanitiser_cases(html, kept):
    """`kept`: what is published (None: the HTML as it is)."""
    from portal.safehtml import Sanitiser

    assert Sanitiser().sanitize(html)[0] == (html if kept is None else kept)


def test_figures_and_footnotes_pass_unchanged():
    from portal.safehtml import Sanitiser

    html = ('<div class="vn-gallery" data-count="2"><figure class="vn-figure">'
            '<img alt="Ảnh" class="vn-figure__img" src="bai/anh-01.jpg">'
            '<figcaption class="vn-figure__caption">Đồng chí<br>phát biểu</figcaption>'
            '</figure></div><p>a<sup id="fnref:1"><a class="footnote-ref" '
            'href="#fn:1">1</a></sup></p>')
    assert Sanitiser().sanitize(html) == (html, [])


def test_gallery_never_rewrites_an_img_inside_an_attribute():
    """The rewrite reads tags as a browser does, whatever HTML it gets."""
    from gallery.errors import Failure
    from gallery.markup import Renderers, Rewriter

    missing = Renderers(picture=None, photo=None,
                        missing=lambda src, css: f'<span class="{css}">{src}</span>')
    html = ('<p><span title="<img src=khong-co.jpg class=\'a tabindex=0 autofocus '
            "onfocus=document.title=1 b'>\">chữ</span><img src=\"that.jpg\"></p>")
    out = Rewriter(missing, 80).rewrite(html, lambda src: Failure("missing"))
    assert out == html.replace('<img src="that.jpg">',
                               '<span class="vn-figure__img">that.jpg</span>')
