"""`invoke check` for units and people, without building the site.

Reports the registries' own problems, unknown ids in `Units:` / `People:`
(and their -Exclude forms) with the header line, and names after
"Đồng chí/Ông/Bà" that are not registered, with the closest registered
names. The same rules as the build (`frontmatter.apply`), on the Markdown.
An article that names no registered unit gets a notice: it will be on no
unit page.
"""

from __future__ import annotations

import os

from portal.diagnostics import NOTICE, Problem
from portal.source import Source, read_header

from .frontmatter import SourceLocator, apply
from .kinds import DEFAULT_KINDS, resolve
from .registry import load, settings_with_defaults


def enabled_kinds(settings: dict) -> list[str]:
    plugins = [str(p).rsplit(".", 1)[-1] for p in settings.get("PLUGINS") or ()]
    return [name for name in DEFAULT_KINDS if name in plugins]


def check_articles(content_root: str, settings: dict, articles) -> list:
    """Problems of the registries and of `articles`, a list of (path, NFC
    text) pairs."""
    kinds = enabled_kinds(settings)
    if not kinds:
        return []
    registries = _loaded(content_root, settings, kinds)
    problems = list(registries.problems)
    for path, text in articles:
        lines = text.splitlines()
        source = Source(path)
        read_header(source, lines)
        header = {key: value for key, (_line, value) in source.header.items()}
        body = "\n".join(lines[source.body_start - 1:])
        detection = registries.detect(header.get("title", ""), body)
        locator = SourceLocator(path, lines)
        ids, _photos, found = apply(registries, detection, header, locator)
        problems += found
        if registries.entries.get("units") and not ids.get("units"):
            problems.append(Problem(
                "units", path, None, "bài viết không nhắc đến đơn vị nào",
                "nếu bài liên quan đến một đơn vị, hãy ghi tên đơn vị trong bài "
                "hoặc thêm dòng 'Units: <mã đơn vị>' ở phần đầu", NOTICE))
    return problems


def _loaded(content_root: str, settings: dict, kinds: list[str]):
    """The registries, loaded once while their files stay as they are: the
    importer checks each article it writes (importer.verify), and compiling
    the matcher again for each of thousands of pages would cost more than
    the import itself. Kept in `settings`, like other per-run state."""
    resolved = resolve(kinds)
    full = settings_with_defaults(settings, resolved)
    key = (content_root, tuple(kinds), tuple(
        _stamp(os.path.join(content_root, kind.setting(full, "REGISTRY")))
        for kind in resolved))
    cache = settings.setdefault("_ENTITIES_CHECK_REGISTRIES", {})
    if key not in cache:
        cache.clear()  # one set of registries at a time
        cache[key] = load(content_root, settings, kinds)
    return cache[key]


def _stamp(path: str) -> tuple:
    try:
        stat = os.stat(path)
    except OSError:
        return (path, None)
    return (path, stat.st_size, stat.st_mtime_ns)
