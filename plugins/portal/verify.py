"""Every check of a built site that needs no browser, in one call.

`invoke publish` runs this on the freshly built folder before it replaces the
published site; the tests run the same parts one by one. The browser checks
(axe-core accessibility) stay in the test suite: they need Chromium, which a
deploy machine should not have to install.
"""

from __future__ import annotations

import re
from pathlib import Path

from .diagnostics import Problem
from .htmlcheck import sample_pages, validate_html
from .linkcheck import check_links
from .xmlcheck import SITEMAP_NAME, check_feeds, check_sitemap


def save_as_regex(pattern: str) -> re.Pattern:
    """`tin-tuc/{date:%Y}/{date:%m}/{slug}/index.html` as a path regex."""
    parts = re.split(r"\{[^}]*\}", pattern)
    return re.compile("[^/]+".join(re.escape(p) for p in parts) + r"\Z")


def article_pages(output: str | Path, settings: dict) -> list[str]:
    """Output paths of the article pages (those a sitemap must list)."""
    output = Path(output)
    regex = save_as_regex(settings["ARTICLE_SAVE_AS"])
    found = (p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    return sorted(rel for rel in found if regex.match(rel))


def own_addresses(settings: dict) -> tuple[str, ...]:
    """Other addresses under which the build refers to itself (feeds use
    FEED_DOMAIN, which a development build points at the local server)."""
    feed = settings.get("FEED_DOMAIN") or ""
    return (feed,) if feed and feed != settings.get("SITEURL") else ()


def verify_output(output: str | Path, settings: dict,
                  html: bool = True) -> list[Problem]:
    """Links, feeds, sitemap (when the theme makes one) and HTML validity."""
    output = Path(output)
    site_url = settings.get("SITEURL") or ""
    problems = check_links(output, site_url, own_addresses(settings))
    problems += check_feeds(output, absolute_ids=bool(site_url))
    if (output / SITEMAP_NAME).is_file():
        problems += check_sitemap(output, site_url, article_pages(output, settings))
    if html:
        problems += validate_html(list(sample_pages(output).values()))
    return problems
