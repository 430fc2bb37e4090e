"""Old addresses keep working: content/data/redirects.yml (written by
`invoke import-site`, editable by hand) maps each address of the old portal
to the article that replaced it, and the build publishes every one of them.

At each old path a small HTML page with a canonical link and a meta refresh
sends the reader on; it works on any static host (GitHub Pages has no
server-side redirects); an address with a query ("ChiTiet.aspx?ItemID=5")
cannot be a file and only goes to the rule files. For hosts that read them,
`_redirects` (Netlify, Cloudflare Pages) and `redirects.nginx.map` (the body
of `map $request_uri $new_uri { … }`, then `return 301 $new_uri;`) say the
same with a 301. An entry whose article does
not exist, or whose old path is a page of the new site, is a warning with the
file and line (a strict build fails); the link checker (portal.linkcheck)
follows the redirect pages and `_redirects` like any link.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from pelican import signals

DEFAULTS = {"REDIRECTS_FILE": "data/redirects.yml"}
PLUGIN = "redirects"


def register():
    signals.article_generator_finalized.connect(remember_articles)
    signals.finalized.connect(write_redirects)


def remember_articles(generator):
    urls = generator.settings.setdefault("_REDIRECTS_URLS", {})
    root = generator.settings["PATH"]
    for article in [*generator.articles, *getattr(generator, "translations", [])]:
        rel = os.path.relpath(article.source_path, root).replace(os.sep, "/")
        urls[rel] = (article.url, article.title)


def read_entries(path: Path) -> tuple[list[tuple[int, str, str]], list]:
    """(line, old path, article file) of every entry of the mapping in
    ``path``, and the problems of entries that are not such a pair. Parsed
    as one document (keys of over 128 characters are written `? key` by
    YAML), each entry with the line of its key."""
    import yaml
    from portal.diagnostics import WARNING, Problem

    try:
        root = yaml.compose(path.read_text("utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [Problem(PLUGIN, str(path), mark.line + 1 if mark else None,
                            "tệp không đọc được (YAML sai)",
                            "mỗi dòng một cặp: /địa-chỉ-cũ: articles/…/bai.md",
                            WARNING)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(PLUGIN, str(path), root.start_mark.line + 1,
                            "tệp phải là danh sách cặp địa chỉ cũ: bài",
                            "mỗi dòng một cặp: /địa-chỉ-cũ: articles/…/bai.md",
                            WARNING)]
    entries, problems = [], []
    for key, value in root.value:
        line = key.start_mark.line + 1
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
            entries.append((line, str(key.value), str(value.value)))
        else:
            problems.append(Problem(PLUGIN, str(path), line,
                                    "dòng này không phải một cặp địa chỉ cũ: bài",
                                    "hãy sửa hoặc xóa dòng này", WARNING))
    return entries, problems


def missing_targets(source: Path, entries, articles) -> list:
    """An entry whose article is not among ``articles`` (paths relative to
    the content folder): a warning, for the build and `invoke check` alike."""
    from portal.diagnostics import WARNING, Problem

    return [Problem(PLUGIN, str(source), line,
                    f"địa chỉ cũ '{old}' chuyển đến bài '{article}' không có",
                    "hãy sửa tên tệp bài (tính từ content/) hoặc xóa dòng này",
                    WARNING)
            for line, old, article in entries if article not in articles]


def check_content(content_root: str, settings: dict, articles) -> list:
    """`invoke check`: the entries of redirects.yml against the articles."""
    source = Path(content_root) / {**DEFAULTS, **settings}["REDIRECTS_FILE"]
    if not source.is_file():
        return []
    entries, problems = read_entries(source)
    return problems + missing_targets(source, entries, set(articles))


def write_redirects(pelican):
    from portal.diagnostics import WARNING, Diagnostics, Problem

    settings = {**DEFAULTS, **pelican.settings}
    source = Path(settings["PATH"]) / settings["REDIRECTS_FILE"]
    if not source.is_file():
        return
    diagnostics = Diagnostics.of(pelican.settings)
    urls = pelican.settings.get("_REDIRECTS_URLS", {})
    output = Path(pelican.output_path)
    site = (settings.get("SITEURL") or "").rstrip("/")
    entries, problems = read_entries(source)
    # Reported once everything is written: a strict build may stop at the
    # first report, when this runs after the build's summary.
    problems += missing_targets(source, entries, urls)
    rules = []
    for line, old, article in entries:
        if article not in urls:
            continue
        if _file_of(output, old) is None:
            problems.append(Problem(
                PLUGIN, str(source), line,
                f"địa chỉ cũ '{old[:80]}' không thể là một trang của cổng "
                "(ra ngoài thư mục của trang, hoặc trùng một thư mục, một tệp)",
                "hãy sửa địa chỉ (bắt đầu bằng /, không có ..) hoặc xóa dòng này",
                WARNING))
            continue
        if _is_page_of_site(output, old):
            problems.append(Problem(
                PLUGIN, str(source), line,
                f"địa chỉ cũ '{old}' trùng một trang của cổng mới",
                "hãy xóa dòng này: trang mới được giữ", WARNING))
            continue
        url, title = urls[article]
        target = f"{site}/{url}"
        rules.append((old, target))
        if "?" not in old:
            _write_page(output, old, target, title)
    rules.sort()
    (output / "_redirects").write_text(
        "".join(f"{_netlify(old)} {target} 301\n" for old, target in rules),
        encoding="utf-8")
    (output / "redirects.nginx.map").write_text(
        "".join(f"{_nginx(old)} {target};\n" for old, target in rules),
        encoding="utf-8")
    for problem in sorted(problems, key=lambda p: p.line or 0):
        diagnostics.report(problem)


def _file_of(output: Path, old: str) -> Path | None:
    """The redirect page's file for ``old``, or None when it would leave
    the output folder or fall on a folder or under a file."""
    rel = old.lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    root = output.resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root) or path == root or path.is_dir():
        return None
    if any(parent.is_file() for parent in path.parents if parent != root
           and parent.is_relative_to(root)):
        return None
    return path


def _is_page_of_site(output: Path, old: str) -> bool:
    path = _file_of(output, old)
    if path is None or not path.is_file():
        return False
    return 'http-equiv="refresh"' not in path.read_text(
        "utf-8", errors="replace")[:2000]


def _write_page(output: Path, old: str, target: str, title: str) -> None:
    path = _file_of(output, old)
    path.parent.mkdir(parents=True, exist_ok=True)
    url, name = html.escape(target), html.escape(title)
    path.write_text(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n"
        f"<title>{name}</title>\n<link rel=\"canonical\" href=\"{url}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n</head><body>\n"
        f"<p>Bài viết đã chuyển đến địa chỉ mới: <a href=\"{url}\">{name}</a></p>\n"
        "</body></html>\n", encoding="utf-8")


def _netlify(old: str) -> str:
    """Netlify's form of an address with a query: "/a.aspx ItemID=5"."""
    path, _, query = old.partition("?")
    return " ".join([path, *query.split("&")]) if query else old


def _nginx(old: str) -> str:
    """A map key: exact, quoted when it has characters nginx treats apart."""
    return f'"{old}"' if re.search(r"[\s;\"'{}]", old) else old
