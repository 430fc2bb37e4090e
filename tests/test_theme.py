"""The theme on the built sample site: what a reader, a search engine and a
link preview get (parsed HTML, files on disk), and the theme's settings."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

SAMPLE = "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
ORIGIN = "http://127.0.0.1:8000"  # FEED_DOMAIN of pelicanconf.py
HASHED = re.compile(r"^/theme/(css|js)/[\w-]+\.[0-9a-f]{10}\.(css|js)$")


def on_disk(output: Path, url: str) -> Path:
    """The output file a site URL (absolute or root-relative) points at."""
    path = urlsplit(url).path
    assert not url.startswith("http") or url.startswith(ORIGIN), url
    target = output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def json_ld(soup: BeautifulSoup) -> dict[str, dict]:
    found = {}
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found


def meta(soup, key):
    tag = soup.find("meta", property=key) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def article_pages(output: Path):
    return sorted((output / "tin-tuc").glob("*/*/*/index.html"))


# --- meta ------------------------------------------------------------------


def test_article_has_canonical_open_graph_and_twitter_card(sample_build):
    soup = sample_build.soup(SAMPLE)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"{ORIGIN}/{SAMPLE}"
    title = soup.find("h1").get_text(strip=True)
    assert meta(soup, "og:title") == title
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:url") == canonical
    assert meta(soup, "og:locale") == "vi_VN"
    assert meta(soup, "og:description").startswith("Từ ngày 03 đến ngày 10/02")
    assert meta(soup, "twitter:card") == "summary_large_image"
    image = meta(soup, "og:image")
    assert image.startswith(ORIGIN + "/") and meta(soup, "twitter:image") == image
    # The preview shows the article's first photo, and that file is published.
    first_photo = soup.select_one(".vn-article__body img")
    versions = [first_photo["src"]]
    versions += [c.split()[0] for c in first_photo.get("srcset", "").split(",") if c]
    assert urlsplit(image).path in {urlsplit(v).path for v in versions}
    # A version about 1200 px wide when the image pipeline offers several.
    widths = [int(c.split()[1][:-1]) for c in first_photo.get("srcset", "").split(",")
              if c.strip()]
    if widths:
        wanted = min([w for w in widths if w >= 1200] or [max(widths)])
        assert image.endswith(f"-{wanted}.jpg") or str(wanted) in image
    assert on_disk(sample_build.output, image).is_file()
    assert meta(soup, "og:image:alt") == first_photo["alt"]
    assert meta(soup, "article:published_time") == "2025-02-10T16:30:00+07:00"


def test_article_json_ld_parses_and_names_the_article(sample_build):
    soup = sample_build.soup(SAMPLE)
    data = json_ld(soup)
    news = data["NewsArticle"]
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == soup.find("h1").get_text(strip=True)
    assert (
        datetime.fromisoformat(news["datePublished"]).isoformat()
        == "2025-02-10T16:30:00+07:00"
    )
    assert news["inLanguage"] == "vi"
    assert news["articleSection"] == "Tin hoạt động"
    assert news["author"] == [
        {"@type": "Person", "name": "Nhóm BTV", "url": f"{ORIGIN}/tac-gia/nhom-btv/"}
    ]
    assert news["publisher"]["name"] == "Ủy ban nhân dân Quận Mẫu"
    assert on_disk(sample_build.output, news["publisher"]["logo"]["url"]).is_file()
    assert all(on_disk(sample_build.output, url).is_file() for url in news["image"])
    assert news["mainEntityOfPage"]["@id"] == f"{ORIGIN}/{SAMPLE}"

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert [c["name"] for c in crumbs] == [
        "Trang chủ",
        "Tin hoạt động",
        news["headline"],
    ]
    assert crumbs[1]["item"] == f"{ORIGIN}/chuyen-muc/tin-hoat-dong/"
    assert crumbs[-1]["item"] == f"{ORIGIN}/{SAMPLE}"
    # The visible breadcrumb shows the same trail (without the page itself).
    visible = [a.get_text(strip=True) for a in soup.select(".vn-breadcrumb a")]
    assert visible == ["Trang chủ", "Tin hoạt động"]


def test_json_ld_cannot_close_its_script_element(site):
    site.write(
        "articles/2025/03/bai.md",
        "Title: Thử &lt;/script&gt; <b>đóng</b> & thẻ\nDate: 2025-03-01 08:00\n"
        "Category: Tin hoạt động\n\nNội dung.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/bai/")
    news = json_ld(soup)["NewsArticle"]
    # Titles may hold markup: it is stripped and entities decoded, so the
    # JSON text really contains "</script>" before escaping.
    assert news["headline"] == "Thử </script> đóng & thẻ"
    raw = (result.output / "tin-tuc/2025/03/bai/index.html").read_text("utf-8")
    for script in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', raw, re.S
    ):
        assert "<" not in script


def test_every_page_has_canonical_and_site_icons(sample_build):
    pages = [
        "index.html",
        "chuyen-muc/tin-hoat-dong/index.html",
        "luu-tru/index.html",
        "lien-he/index.html",
        "en/index.html",
    ]
    for rel in pages:
        soup = sample_build.soup(rel)
        url = soup.find("link", rel="canonical")["href"]
        assert on_disk(sample_build.output, url) == sample_build.output / rel
        for link in soup.find_all("link", rel=["icon", "apple-touch-icon", "manifest"]):
            assert on_disk(sample_build.output, link["href"]).is_file(), link


def test_list_pages_have_breadcrumb_json_ld(sample_build):
    expected = {
        "chuyen-muc/tin-hoat-dong/": ["Trang chủ", "Chuyên mục", "Tin hoạt động"],
        "luu-tru/2025/": ["Trang chủ", "Lưu trữ", "Lưu trữ năm 2025"],
        "lien-he/": ["Trang chủ", "Liên hệ"],
    }
    for rel, names in expected.items():
        crumbs = json_ld(sample_build.soup(rel))["BreadcrumbList"]["itemListElement"]
        assert [c["name"] for c in crumbs] == names, rel
        assert crumbs[-1]["item"] == f"{ORIGIN}/{rel}"


# --- published files ----------------------------------------------------------


def test_sitemap_lists_every_article_and_only_existing_pages(sample_build):
    out = sample_build.output
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    xml = ElementTree.parse(out / "sitemap.xml").getroot()
    locs = [loc.text for loc in xml.findall("s:url/s:loc", ns)]
    assert locs == sorted(set(locs), key=locs.index)  # no duplicates
    for loc in locs:
        assert loc.startswith(ORIGIN + "/")
        assert on_disk(out, loc).is_file(), loc
    for page in article_pages(out):
        rel = page.parent.relative_to(out).as_posix()
        assert f"{ORIGIN}/{rel}/" in locs
    assert f"{ORIGIN}/" in locs and f"{ORIGIN}/en/" in locs
    assert not any("404" in loc for loc in locs)
    entry = next(
        url
        for url in xml.findall("s:url", ns)
        if url.find("s:loc", ns).text == f"{ORIGIN}/{SAMPLE}"
    )
    assert entry.find("s:lastmod", ns).text == "2025-02-10T16:30:00+07:00"


def test_robots_manifest_and_icons(sample_build):
    from PIL import Image

    out = sample_build.output
    robots = (out / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots
    manifest = json.loads((out / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Cổng thông tin điện tử Quận Mẫu"
    assert manifest["lang"] == "vi" and manifest["start_url"] == "/"
    assert manifest["theme_color"] == "#9b1c1c"
    sizes = {}
    for icon in manifest["icons"]:
        path = on_disk(out, icon["src"])
        assert path.is_file()
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                sizes[icon["sizes"]] = image.size
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}
    with Image.open(out / "favicon.ico") as ico:
        assert ico.format == "ICO"
    svg = ElementTree.parse(out / "favicon.svg").getroot()
    assert svg.find("{http://www.w3.org/2000/svg}polygon").get("fill") == "#ffdd00"


def test_assets_carry_their_content_hash(sample_build):
    out = sample_build.output
    for rel in ["index.html", SAMPLE + "index.html", "404.html"]:
        soup = sample_build.soup(rel)
        assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assets += [script["src"] for script in soup.find_all("script", src=True)]
        assert assets
        for url in assets:
            assert HASHED.match(url), url
            data = on_disk(out, url).read_bytes()
            digest = url.rsplit(".", 2)[1]
            assert hashlib.sha256(data).hexdigest()[:10] == digest


def test_no_external_request_from_any_page(sample_build):
    """Stylesheets, scripts, images and icons all come from the site itself
    (only <a> links and metadata for link previews may name other hosts)."""
    for page in sorted(sample_build.output.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(["link", "script", "img", "source", "iframe"]):
            if tag.name == "link" and set(tag.get("rel", [])) & {
                "canonical",
                "alternate",
            }:
                continue
            for attr in ("href", "src", "srcset"):
                value = tag.get(attr) or ""
                assert not re.search(r"(^|\s|,)(https?:)?//", value), (page, tag)


def test_article_page_weight_under_60_kb(sample_build):
    """HTML + CSS + JS of the heaviest article page (photos excluded),
    uncompressed, as a browser downloads them on a first visit."""
    out = sample_build.output
    weights = {}
    for page in article_pages(out):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        total = page.stat().st_size
        for link in soup.find_all("link", rel="stylesheet"):
            total += on_disk(out, link["href"]).stat().st_size
        for script in soup.find_all("script", src=True):
            total += on_disk(out, script["src"]).stat().st_size
        weights[page.parent.name] = total
    heaviest = max(weights, key=weights.get)
    print(
        f"\nheaviest article page: {heaviest}: {weights[heaviest]} bytes "
        f"(HTML+CSS+JS, uncompressed)"
    )
    assert weights[heaviest] < 60 * 1024


# --- article page -----------------------------------------------------------------


def test_share_links_are_encoded(sample_build):
    soup = sample_build.soup(SAMPLE)
    canonical = soup.find("link", rel="canonical")["href"]
    links = {
        a.get_text(" ", strip=True): a["href"] for a in soup.select(".vn-share__link")
    }
    assert set(links) == {"Chia sẻ lên Facebook", "Chia sẻ lên Zalo"}
    facebook = urlsplit(links["Chia sẻ lên Facebook"])
    assert facebook.netloc == "www.facebook.com"
    assert parse_qs(facebook.query) == {"u": [canonical]}
    zalo = urlsplit(links["Chia sẻ lên Zalo"])
    assert zalo.netloc == "zalo.me" and parse_qs(zalo.query) == {"url": [canonical]}
    for href in links.values():
        query = urlsplit(href).query
        assert ":" not in query and "/" not in query
    copy = soup.select_one("button[data-copy-link]")
    assert copy["data-copy-link"] == canonical and copy.has_attr("hidden")
    assert soup.select_one("button[data-print]").has_attr("hidden")


def test_article_header_dates_and_authors(sample_build):
    soup = sample_build.soup(SAMPLE)
    header = soup.select_one(".vn-article__header")
    assert (
        header.select_one(".vn-article__category a")["href"]
        == "/chuyen-muc/tin-hoat-dong/"
    )
    time = header.find("time")
    assert time.get_text() == "Thứ Hai, 10/02/2025 16:30"
    assert time["datetime"] == "2025-02-10T16:30:00+07:00"
    assert header.select_one(".vn-article__author").get_text() == "Nhóm BTV"


def test_modified_date_is_shown(site):
    site.write(
        "articles/2025/03/bai.md",
        "Title: Bài sửa\nDate: 2025-03-03 08:00\nModified: 2025-03-05 09:15\n"
        "Category: Tin hoạt động\n\nNội dung.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/bai/")
    modified = soup.select_one(".vn-article__modified time")
    assert modified.get_text() == "Thứ Tư, 05/03/2025 09:15"
    assert meta(soup, "article:modified_time") == "2025-03-05T09:15:00+07:00"
    assert json_ld(soup)["NewsArticle"]["dateModified"] == "2025-03-05T09:15:00+07:00"


def test_newer_and_older_links_follow_the_dates(sample_build):
    out = sample_build.output
    pages = article_pages(out)
    dated = []
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        dated.append(
            (
                soup.select_one(".vn-article__header time")["datetime"],
                "/" + page.parent.relative_to(out).as_posix() + "/",
                soup,
            )
        )
    dated.sort(key=lambda item: item[0])
    for i, (_, url, soup) in enumerate(dated):
        older = soup.select_one(".vn-article-nav__item--older a")
        newer = soup.select_one(".vn-article-nav__item--newer a")
        assert (older["href"] if older else None) == (dated[i - 1][1] if i else None), (
            url
        )
        expected_newer = dated[i + 1][1] if i + 1 < len(dated) else None
        assert (newer["href"] if newer else None) == expected_newer, url


def brute_force_related(articles: dict[str, dict], url: str, k: int = 4) -> list[str]:
    """The ranking the issue asks for, computed the slow way: shared units
    and leaders, then same category, then shared tags, then nearest date."""
    me = articles[url]

    def rank(other):
        o = articles[other]
        return (
            -len(me["entities"] & o["entities"]),
            -(me["category"] == o["category"]),
            -len(me["tags"] & o["tags"]),
            abs((o["date"] - me["date"]).total_seconds()),
        )

    others = [
        u
        for u, o in articles.items()
        if u != url
        and (
            me["entities"] & o["entities"]
            or me["category"] == o["category"]
            or me["tags"] & o["tags"]
        )
    ]
    return sorted(others, key=rank)[:k]


def test_related_articles_are_the_most_relevant(sample_build):
    out = sample_build.output
    articles = {}
    for page in article_pages(out):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        url = "/" + page.parent.relative_to(out).as_posix() + "/"
        articles[url] = {
            "soup": soup,
            "date": datetime.fromisoformat(
                soup.select_one(".vn-article__header time")["datetime"]
            ),
            "category": soup.select_one(".vn-article__category a")["href"],
            "tags": {a["href"] for a in soup.select(".vn-tags__link")},
            "entities": {a["href"] for a in soup.select(".vn-entities__link")},
        }
    checked = 0
    for url, info in articles.items():
        shown = [a["href"] for a in info["soup"].select(".vn-related__link")]
        expected = brute_force_related(articles, url)
        # Ties in every criterion may come out in either order; compare ranks.
        assert len(shown) == len(expected), url
        assert url not in shown
        for got, want in zip(shown, expected, strict=True):
            me = articles[url]

            def key(u, me=me):
                o = articles[u]
                return (
                    len(me["entities"] & o["entities"]),
                    me["category"] == o["category"],
                    len(me["tags"] & o["tags"]),
                )

            assert key(got) == key(want), (url, got, want)
        checked += bool(shown)
    assert checked == len(articles)
    # The sample's "work with the departments" article: the November
    # meeting with Phòng Kinh tế shares its category and a tag.
    first = articles[f"/{SAMPLE}"]["soup"].select_one(".vn-related__link")
    assert first["href"] == "/tin-tuc/2025/11/lam-viec-phong-kinh-te-chi-cuc-thong-ke/"


def test_units_and_people_of_an_article_are_links(sample_build):
    soup = sample_build.soup(SAMPLE)
    links = soup.select(".vn-entities__link")
    if not (sample_build.output / "don-vi").is_dir():
        pytest.skip("the entities plugin (issue 3) is not in this build yet")
    names = {a.get_text(strip=True) for a in links}
    assert "Phòng Nội vụ" in names or any("Nội vụ" in n for n in names)
    for a in links:
        assert on_disk(sample_build.output, a["href"]).is_file()


# --- home and other pages ------------------------------------------------------------


def test_home_page_blocks(sample_build):
    out = sample_build.output
    soup = sample_build.soup("index.html")
    assert soup.find("h1").get_text(strip=True).endswith("Trang chủ")
    lead = soup.select_one(".vn-lead")
    img = lead.find("img")
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
    assert on_disk(out, img["src"]).is_file()
    lead_url = lead.select_one(".vn-lead__link")["href"]
    latest = [a["href"] for a in soup.select(".vn-latest__link")]
    assert len(latest) == 6 and lead_url not in latest
    # A block per category, each linking to its category page.
    blocks = soup.select(".vn-category-block")
    categories = sorted(p.name for p in (out / "chuyen-muc").iterdir() if p.is_dir())
    assert (
        sorted(b.select_one("h3 a")["href"].split("/")[-2] for b in blocks)
        == categories
    )
    for block in blocks:
        assert 1 <= len(block.select(".vn-category-block__link")) <= 4
    photos = soup.select(".vn-photos__img")
    assert len(photos) == 8
    for photo in photos:
        assert photo["alt"].strip() and photo["loading"] == "lazy"
        assert on_disk(out, photo["src"]).is_file()
    quick = {a["href"] for a in soup.select(".vn-quick__link")}
    assert "/luu-tru/" in quick and "/gioi-thieu/" in quick
    for href in quick:
        assert on_disk(out, href).is_file(), href
    related = [
        (a.get_text(strip=True), a["href"])
        for a in soup.select(".vn-related-sites__link")
    ]
    assert ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/") in related
    # Headings in order: h1, then h2 sections, h3 inside them.
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_agency_pages_have_the_contact_block(sample_build):
    for rel in ["lien-he/", "gioi-thieu/"]:
        soup = sample_build.soup(rel)
        block = soup.select_one("main .vn-contact")
        assert block is not None, rel
        text = block.get_text(" ", strip=True)
        assert "Số 1 Đường Trung tâm" in text
        assert block.select_one("a[href^='tel:']")["href"] == "tel:+842838000000"
        assert (
            block.select_one("a[href^='mailto:']")["href"]
            == "mailto:ubnd@quanmau.gov.vn"
        )
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), rel


def test_english_page(sample_build):
    soup = sample_build.soup("en/")
    main = soup.find("main")
    assert main["lang"] == "en"
    assert (
        soup.find("h1").get_text(strip=True)
        == "People's Committee of Quan Mau District"
    )
    contact = main.select_one(".vn-contact").get_text(" ", strip=True)
    assert "Address" in contact and "Ho Chi Minh City" in contact
    footer_link = soup.select_one("footer a[hreflang='en']")
    assert footer_link["href"] == "/en/" and footer_link["lang"] == "en"
    if (sample_build.output / "don-vi").is_dir():
        units = main.select(".vn-en-units__item")
        assert len(units) >= 10


def test_404_page(sample_build):
    soup = sample_build.soup("404.html")
    assert meta(soup, "robots") == "noindex"
    assert soup.find("h1").get_text(strip=True) == "Không tìm thấy trang"
    links = [a["href"] for a in soup.select(".vn-not-found__links a")]
    assert links[:2] == ["/", "/luu-tru/"]
    assert "/chuyen-muc/tin-hoat-dong/" in links
    for href in links:
        assert href.startswith(("/", "#")), href


def test_pagination_and_navigation_mark_the_current_page(sample_build):
    soup = sample_build.soup("index.html")
    assert soup.select_one(".vn-nav a[aria-current='page']")["href"] == "/"
    second = sample_build.soup("trang/2/")
    current = second.select_one(".vn-pagination a[aria-current='page']")
    assert current.get_text(" ", strip=True) == "Trang 2"


# --- settings drive the theme ---------------------------------------------


def test_another_district_changes_only_settings(site):
    site.write(
        "articles/2025/03/bai.md",
        "Title: Tin của quận khác\nDate: 2025-03-01 08:00\n"
        "Category: Tin hoạt động\n\nNội dung.\n",
    )
    extra = (
        'SITENAME = "Cổng thông tin điện tử Quận Khác"\n'
        'PORTAL_CONTACT = {"agency": "UBND Quận Khác", "phone": "0283 111 2222"}\n'
        'PORTAL_RELATED_LINKS = (("Cổng TTĐT tỉnh Mẫu", "https://tinhmau.gov.vn/"),)\n'
        'PORTAL_COLORS = {**PORTAL_COLORS, "red": "#005a9c"}\n'
        'ASSETS_CSS_VARIABLES = {f"--vn-{k}": v for k, v in PORTAL_COLORS.items()}\n'
        'SITE_META_THEME_COLOR = "#005a9c"\n'
        'SITE_META_ICON_COLORS = ("#005a9c", "#ffffff")\n'
        'PORTAL_SHARE_LINKS = (("Zalo", "https://zalo.me/share?url={url}"),)\n'
    )
    result = site.build(extra=extra)
    assert result.returncode == 0, result.log
    soup = result.soup("tin-tuc/2025/03/bai/")
    assert (
        soup.select_one(".vn-header__name").get_text()
        == "Cổng thông tin điện tử Quận Khác"
    )
    assert soup.select_one(".vn-contact__agency").get_text() == "UBND Quận Khác"
    assert soup.select_one(".vn-contact a[href^='tel:']")["href"] == "tel:+842831112222"
    assert [a["href"] for a in soup.select(".vn-related-sites__link")] == [
        "https://tinhmau.gov.vn/"
    ]
    assert [a.get_text(" ", strip=True) for a in soup.select(".vn-share__link")] == [
        "Chia sẻ lên Zalo"
    ]
    css = on_disk(result.output, soup.find("link", rel="stylesheet")["href"]).read_text(
        "utf-8"
    )
    assert re.search(r":root\{[^}]*--vn-red:#005a9c;", css)
    assert meta(soup, "theme-color") == "#005a9c"
    manifest = json.loads((result.output / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["theme_color"] == "#005a9c"
    assert manifest["name"] == "Cổng thông tin điện tử Quận Khác"


def test_theme_files_are_deterministic(site):
    site.write(
        "articles/2025/03/bai.md",
        "Title: Bài\nDate: 2025-03-01 08:00\nCategory: Tin hoạt động\n\n"
        "![Ảnh](bai/anh.jpg)\nChú thích\n",
    )
    site.image("articles/2025/03/bai/anh.jpg")
    first, second = site.build("one"), site.build("two")
    assert first.returncode == 0 and second.returncode == 0, first.log + second.log

    def digest(output):
        return {
            p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*"))
            if p.is_file()
        }

    a, b = digest(first.output), digest(second.output)
    for name in [
        "sitemap.xml",
        "robots.txt",
        "manifest.webmanifest",
        "favicon.ico",
        "favicon.svg",
        "icons/icon-512.png",
        "apple-touch-icon.png",
    ]:
        assert name in a
    assert a == b
