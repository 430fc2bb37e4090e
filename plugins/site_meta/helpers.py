"""Jinja helpers for the page head: absolute URLs, photos, JSON-LD."""

from __future__ import annotations

import json
from urllib.parse import quote

from jinja2 import pass_context
from markupsafe import Markup

from .images import share_image, sized_image
from .once import macro_once, photo_finder
from .settings import origin


def json_ld(data) -> Markup:
    """`data` as JSON for a ``<script type="application/ld+json">``: "<",
    ">" and "&" escaped so no text in it can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def urlquote(value) -> str:
    """Percent-encode a value for a URL query parameter (nothing kept safe,
    unlike Jinja's urlencode, which leaves "/" alone)."""
    return quote(str(value), safe="")


def page_path(output_file: str) -> str:
    """The URL path of an output file: "a/b/index.html" → "a/b/"."""
    path = (output_file or "").replace("\\", "/")
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def install_helpers(generator) -> None:
    settings = generator.settings
    base = origin(settings)

    @pass_context
    def absolute_url(context, url: str = "") -> str:
        """An absolute URL for `url`: a path relative to SITEURL, a path
        from the root ("/tin-tuc/…", as Pelican links photos) or already
        absolute."""
        url = str(url or "")
        if url.startswith(("http://", "https://")):
            return url
        siteurl = context.get("SITEURL") or ""
        if siteurl and url.startswith(siteurl + "/"):
            url = url[len(siteurl) :]
        return f"{base}/{url.lstrip('/')}"

    @pass_context
    def canonical_url(context) -> str:
        return absolute_url(context, page_path(context.get("output_file", "")))

    # The photos of an article's HTML, read once per build (site_meta.once).
    content_images = photo_finder()

    def share_image_of(html: str) -> str | None:
        images = content_images(html)
        return share_image(images[0]) if images else None

    generator.env.globals.update(
        absolute_url=absolute_url,
        canonical_url=canonical_url,
        once=macro_once(),
    )
    generator.env.filters.update(
        json_ld=json_ld,
        content_images=content_images,
        share_image=share_image_of,
        sized_image=sized_image,
        urlquote=urlquote,
    )
