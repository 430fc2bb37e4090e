"""The theme's plugins on their own: related articles (ranking and linear
work), hashed assets, and the site_meta helpers."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from assets.manifest import AssetNotFound, Manifest, css_variables
from related import scoring
from related.neighbours import link_neighbours
from site_meta.helpers import json_ld, page_path, urlquote
from site_meta.images import images_in, share_image, sized_image


def corpus(n: int, seed: int = 8, units=30, people=12, categories=4, tags=20):
    """Synthetic articles, newest first like Pelican's list."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1)
    articles = []
    for i in range(n):
        articles.append(
            SimpleNamespace(
                date=start + timedelta(hours=7 * (n - i)),
                source_path=f"a{i:05d}.md",
                category=SimpleNamespace(slug=f"cm-{rng.randrange(categories)}"),
                tags=[
                    SimpleNamespace(slug=f"t{rng.randrange(tags)}")
                    for _ in range(rng.randrange(3))
                ],
                units=[
                    SimpleNamespace(id=f"u{rng.randrange(units)}")
                    for _ in range(rng.randrange(4))
                ],
                people=[f"p{rng.randrange(people)}" for _ in range(rng.randrange(2))],
            )
        )
    return articles


def brute_force(articles, position, k):
    me = articles[position]
    keys = [scoring.article_keys(a) for a in articles]
    mine = keys[position]

    def rank(i):
        other = keys[i]
        return (
            -len(mine["entities"] & other["entities"]),
            -(mine["category"] == other["category"]),
            -len(mine["tags"] & other["tags"]),
            abs((articles[i].date - me.date).total_seconds()) / 86400,
            articles[i].source_path,
        )

    shared = [
        i
        for i in range(len(articles))
        if i != position
        and (
            mine["entities"] & keys[i]["entities"]
            or mine["category"] == keys[i]["category"]
            or mine["tags"] & keys[i]["tags"]
        )
    ]
    return sorted(shared, key=rank)[:k]


def test_related_matches_the_brute_force_ranking():
    articles = corpus(300)
    found = scoring.related_for_all(articles, k=5, limit=len(articles))
    for position in range(0, 300, 7):
        assert found[position] == brute_force(articles, position, 5)


def test_related_prefers_shared_units_and_leaders_over_category():
    a, b, c = corpus(3, seed=1)
    for article in (a, b, c):
        article.tags, article.units, article.people = [], [], []
    a.category = b.category = SimpleNamespace(slug="same")
    c.category = SimpleNamespace(slug="other")
    a.units = c.units = [SimpleNamespace(id="phong-y-te")]
    a.people = c.people = "nguyen-van-duc"  # raw front matter string
    assert scoring.related_for_all([a, b, c], k=2, limit=10)[0] == [2, 1]


def test_related_work_stays_linear(monkeypatch):
    """A unit named in every article must not make the work quadratic: the
    entries looked at per article are bounded by keys × scan limit."""
    articles = corpus(4000, units=1, people=1, categories=1, tags=1)
    scanned = []
    window = scoring._window

    def counting(postings, position, limit):
        result = window(postings, position, limit)
        scanned.append(len(result))
        return result

    monkeypatch.setattr(scoring, "_window", counting)
    found = scoring.related_for_all(articles, k=4, limit=50)
    assert sum(scanned) <= len(articles) * 4 * 50
    # Results come from the articles nearest in date.
    for position, related in enumerate(found):
        assert len(related) == 4
        assert all(abs(other - position) <= 50 for other in related)


def test_neighbours():
    articles = corpus(3)
    link_neighbours(articles)
    assert articles[0].newer is None and articles[0].older is articles[1]
    assert articles[1].newer is articles[0] and articles[1].older is articles[2]
    assert articles[2].older is None


def test_manifest_names_files_by_content():
    files = {"css/main.css": b"body{}", "js/portal.js": b"1;"}
    manifest = Manifest(files, "theme", 10)
    digest = hashlib.sha256(b"body{}").hexdigest()[:10]
    assert manifest.path("css/main.css") == f"theme/css/main.{digest}.css"
    assert Manifest(dict(files), "theme", 10).files == manifest.files
    changed = Manifest({**files, "css/main.css": b"body{color:red}"}, "theme", 10)
    assert changed.path("css/main.css") != manifest.path("css/main.css")
    assert changed.path("js/portal.js") == manifest.path("js/portal.js")
    with pytest.raises(AssetNotFound):
        manifest.path("css/khong-co.css")


def test_css_variables_block():
    css = css_variables({"--vn-red": "#005a9c"}, {"--vn-red": "#003d6b"})
    assert ":root{--vn-red:#005a9c;}" in css
    assert "@media (prefers-color-scheme:dark){:root{--vn-red:#003d6b;}}" in css
    assert css_variables({}, {}) == ""


def test_json_ld_escapes_markup():
    text = str(json_ld({"headline": "</script><!-- & 'đ'"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script><!-- & 'đ'"}


def test_images_and_share_image():
    html = (
        '<figure><picture><source srcset="/a-480.webp 480w" type="image/webp">'
        '<img src="/a-960.jpg" alt="Ảnh &amp; chú thích" '
        'srcset="/a-480.jpg 480w, /a-960.jpg 960w, '
        '/a-1440.jpg 1440w, /a-2048.jpg 2048w"'
        ' width="960" height="640"></picture></figure><p><img src="/b.jpg"></p>'
    )
    images = images_in(html)
    assert [i["src"] for i in images] == ["/a-960.jpg", "/b.jpg"]
    assert images[0]["alt"] == "Ảnh & chú thích" and images[0]["width"] == "960"
    assert share_image(images[0]) == "/a-1440.jpg"
    assert share_image(images[1]) == "/b.jpg"
    assert sized_image(images[0], 256) == "/a-480.jpg"
    assert share_image({"src": "/c.jpg", "srcset": "/c-480.jpg 480w"}) == "/c-480.jpg"


def test_url_helpers():
    assert (
        urlquote("https://x.vn/tin-tuc/a b/?q=đ")
        == "https%3A%2F%2Fx.vn%2Ftin-tuc%2Fa%20b%2F%3Fq%3D%C4%91"
    )
    assert page_path("index.html") == ""
    assert page_path("tin-tuc/2025/02/a/index.html") == "tin-tuc/2025/02/a/"
    assert page_path("404.html") == "404.html"
