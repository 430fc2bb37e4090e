"""The files the build publishes besides its pages: sitemap.xml, robots.txt,
the web app manifest and the icons.

Pages are recorded as Pelican writes them (``content_written``), so the
sitemap lists exactly what this build produced, including pages of other
plugins, and nothing left over in output/ from an earlier build.
"""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from xml.sax.saxutils import escape

from portal.output import write_if_changed

from .helpers import page_path
from .icons import ICON_FILES, draw_icons, svg_icon
from .settings import origin, setting


class PageLog:
    """Output files written during one build, with their last change."""

    SETTINGS_KEY = "_SITE_META_PAGES"

    def __init__(self):
        self.pages: dict[str, str | None] = {}

    def __reduce__(self):
        # Settings travel with cached articles; build state must not.
        return (PageLog, ())

    def add(self, rel: str, lastmod: str | None) -> None:
        if lastmod or rel not in self.pages:
            self.pages[rel] = lastmod


def start(pelican) -> None:
    pelican.settings[PageLog.SETTINGS_KEY] = PageLog()


def _lastmod(context, rel: str) -> str | None:
    for key in ("article", "page"):
        content = context.get(key)
        if content is not None and getattr(content, "save_as", None) == rel:
            when = getattr(content, "modified", None) or getattr(content, "date", None)
            return when.isoformat() if when else None
    return None


def record_page(path, context=None) -> None:
    context = context or {}
    log = context.get(PageLog.SETTINGS_KEY)
    output = context.get("OUTPUT_PATH")
    if log is None or not output or not str(path).endswith(".html"):
        return
    rel = Path(os.path.relpath(path, output)).as_posix()
    log.add(rel, _lastmod(context, rel))


def sitemap_xml(base: str, pages: dict[str, str | None], exclude) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for rel in sorted(pages):
        if any(fnmatch.fnmatch(rel, pattern) for pattern in exclude):
            continue
        lines.append(
            f"<url><loc>{escape(base + '/' + page_path(rel))}</loc>"
            + (f"<lastmod>{pages[rel]}</lastmod>" if pages[rel] else "")
            + "</url>"
        )
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def robots_txt(base: str, extra: list[str]) -> bytes:
    lines = [
        "User-agent: *",
        "Allow: /",
        *extra,
        "",
        f"Sitemap: {base}/sitemap.xml",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def web_manifest(settings) -> bytes:
    siteurl = settings.get("SITEURL") or ""
    icons = [
        {"src": f"{siteurl}/{name}", "sizes": f"{size}x{size}", "type": "image/png"}
        for name, size in ICON_FILES.items()
        if name.startswith("icons/")
    ]
    icons.append(
        {"src": f"{siteurl}/favicon.svg", "sizes": "any", "type": "image/svg+xml"}
    )
    data = {
        "name": settings.get("SITENAME", ""),
        "short_name": setting(settings, "SITE_META_SHORT_NAME"),
        "description": settings.get("SITESUBTITLE", ""),
        "lang": settings.get("DEFAULT_LANG", "vi"),
        "dir": "ltr",
        "start_url": f"{siteurl}/",
        "scope": f"{siteurl}/",
        "display": "standalone",
        "background_color": setting(settings, "SITE_META_BACKGROUND_COLOR"),
        "theme_color": setting(settings, "SITE_META_THEME_COLOR"),
        "icons": icons,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_files(pelican) -> None:
    settings = pelican.settings
    out = Path(pelican.output_path)
    base = origin(settings)
    log = settings.get(PageLog.SETTINGS_KEY)
    if log is not None:
        write_if_changed(
            out / "sitemap.xml",
            sitemap_xml(
                base, log.pages, setting(settings, "SITE_META_SITEMAP_EXCLUDE")
            ),
        )
    write_if_changed(
        out / "robots.txt", robots_txt(base, setting(settings, "SITE_META_ROBOTS"))
    )
    write_if_changed(out / "manifest.webmanifest", web_manifest(settings))
    background, star = setting(settings, "SITE_META_ICON_COLORS")
    write_if_changed(out / "favicon.svg", svg_icon(background, star))
    for name, data in draw_icons(background, star).items():
        write_if_changed(out / name, data)
