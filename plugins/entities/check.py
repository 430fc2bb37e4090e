"""`invoke check` for units and people, without building the site.

Reports the registries' own problems, unknown ids in `Units:` / `People:`
(and their -Exclude forms) with the header line, and names after
"Đồng chí/Ông/Bà" that are not registered, with the closest registered
names. The same rules as the build (`frontmatter.apply`), on the Markdown.
"""

from __future__ import annotations

from portal.source import Source, read_header

from .frontmatter import SourceLocator, apply
from .kinds import DEFAULT_KINDS
from .registry import load


def enabled_kinds(settings: dict) -> list[str]:
    plugins = [str(p).rsplit(".", 1)[-1] for p in settings.get("PLUGINS") or ()]
    return [name for name in DEFAULT_KINDS if name in plugins]


def check_articles(content_root: str, settings: dict, articles) -> list:
    """Problems of the registries and of `articles`, a list of (path, NFC
    text) pairs."""
    kinds = enabled_kinds(settings)
    if not kinds:
        return []
    registries = load(content_root, settings, kinds)
    problems = list(registries.problems)
    for path, text in articles:
        lines = text.splitlines()
        source = Source(path)
        read_header(source, lines)
        header = {key: value for key, (_line, value) in source.header.items()}
        body = "\n".join(lines[source.body_start - 1:])
        detection = registries.detect(header.get("title", ""), body)
        locator = SourceLocator(path, lines)
        problems += apply(registries, detection, header, locator)[2]
    return problems
