"""What a build reuses: article cards rendered once per build (right on every
page even with relative URLs), and related lists kept in CACHE_PATH between
builds until something they depend on changes."""

from __future__ import annotations

import json

import pytest
from related import cache

UNITS = """
- id: phong-y-te
  name: Phòng Y tế
  type: phòng
- id: phong-noi-vu
  name: Phòng Nội vụ
  type: phòng
"""
# Dates far apart, so that without a shared unit the nearest in date wins.
ARTICLES = {
    "a": ("2025-03-01 08:00", "phong-y-te"),
    "b": ("2025-03-20 08:00", "phong-y-te"),
    "c": ("2025-03-02 08:00", "phong-noi-vu"),
    "d": ("2025-03-03 08:00", "phong-noi-vu"),
}


def article(slug: str, unit: str, body: str = "Đoạn đầu của bài.") -> str:
    date = ARTICLES[slug][0]
    return (
        f"Title: Bài {slug.upper()} về công tác đầu năm\nDate: {date}\n"
        f"Category: Tin hoạt động\nAuthor: Nhóm BTV\nUnits: {unit}\n\n{body}\n"
    )


def related(result) -> dict[str, list[str]]:
    """The slugs of the related articles of each article."""
    return {
        slug: [
            a["href"].rstrip("/").rsplit("/", 1)[-1]
            for a in result.soup(f"tin-tuc/2025/03/{slug}/").select(".vn-related__link")
        ]
        for slug in ARTICLES
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Three builds sharing one cache: as written, after editing the body of
    one article, after changing the unit line of another."""
    from conftest import Site

    site = Site(tmp_path_factory.mktemp("theme-cache"))
    site.write("data/units.yml", UNITS)
    for slug, (_, unit) in ARTICLES.items():
        site.write(f"articles/2025/03/{slug}.md", article(slug, unit))
    stored = site.root / "shared" / cache.FILE_NAME
    extra = "RELATIVE_URLS = True\nDEFAULT_PAGINATION = 2\n"
    results, files = [], []
    for step in ("first", "body", "unit"):
        if step == "body":
            site.write("articles/2025/03/c.md", article("c", "phong-noi-vu", "Sửa."))
        if step == "unit":
            site.write("articles/2025/03/c.md", article("c", "phong-y-te"))
        result = site.build(step, strict=True, cache="shared", extra=extra)
        assert result.returncode == 0, result.log
        results.append(result)
        files.append((stored.read_bytes(), stored.stat().st_mtime_ns))
    return results, files


def test_related_lists_come_from_the_cache_until_their_inputs_change(builds):
    (first, body, unit), files = builds
    # A shared unit first, then the nearest in date.
    assert related(first)["a"] == ["b", "c", "d"]
    # Editing a body changes none of the inputs: the stored lists are used
    # (the file is not written again) and the pages say the same.
    assert related(body) == related(first)
    assert files[1] == files[0]
    # C now shares A's unit: the lists are computed again and stored.
    assert related(unit)["a"] == ["c", "b", "d"]
    assert json.loads(files[2][0])["inputs"] != json.loads(files[0][0])["inputs"]


def test_cards_rendered_once_link_right_from_every_page(builds):
    """With RELATIVE_URLS the same card (same article and arguments) differs
    with the depth of the page it is on."""
    first = builds[0][0]
    for page, root in (
        ("trang/2/", "../../"),
        ("tac-gia/nhom-btv/trang/2/", "../../../../"),
    ):
        links = [a["href"] for a in first.soup(page).select(".vn-card__link")]
        assert links == [f"{root}tin-tuc/2025/03/{slug}/" for slug in ("c", "a")]


def test_an_unreadable_cache_is_computed_again(tmp_path):
    path = tmp_path / cache.FILE_NAME
    assert cache.load(path, "k", 2) is None  # missing
    for text in ("{", "[]", '{"inputs": "k", "related": [[1], [7]]}'):
        path.write_text(text, encoding="utf-8")
        assert cache.load(path, "k", 2) is None
    cache.save(path, "k", [[1], [0]])
    assert cache.load(path, "k", 2) == [[1], [0]]
    assert cache.load(path, "other", 2) is None
    assert [p.name for p in tmp_path.iterdir()] == [cache.FILE_NAME]
