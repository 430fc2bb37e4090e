"""Render a component once per build and reuse it on every page.

An article's card is on its category pages, the home and archive pages and
the page of every unit and leader it names: a cold build of 1,000 articles
rendered 16,105 cards (over a quarter of the build), and each card parsed
the article's whole HTML again to find its first photo. Here each card is
rendered once per set of arguments, and each article's HTML is read for
photos once.

What is kept lives in the closures made by `install_helpers` on
``generator_init``: Pelican makes new generators, and so new Jinja
environments, for every build, so nothing outlives one build, and nothing
is stored on articles (which Pelican's content cache pickles).

A component called through ``once`` may use its arguments, SITEURL (part of
the key: it differs between pages when RELATIVE_URLS is on) and settings,
never anything else of the page being written.
"""

from __future__ import annotations

from jinja2 import pass_context

from .images import images_in


def photo_finder():
    """`images_in` remembering its answer for each HTML string (Pelican
    keeps an article's content string, so the same one comes back)."""
    found: dict[str, list[dict]] = {}

    def content_images(html: str) -> list[dict]:
        html = html or ""
        if html not in found:
            found[html] = images_in(html)
        return found[html]

    return content_images


def macro_once():
    """The ``once(template, macro, *args)`` template global: the output of
    ``macro`` of ``template`` called with `args` (hashable: articles,
    strings, numbers), rendered the first time only."""
    modules: dict[tuple, object] = {}
    rendered: dict[tuple, str] = {}

    @pass_context
    def once(context, template: str, macro: str, *args):
        siteurl = context.get("SITEURL")
        key = (template, macro, siteurl, args)
        if key not in rendered:
            where = (template, siteurl)
            if where not in modules:
                loaded = context.environment.get_template(template)
                modules[where] = loaded.make_module(context.get_all())
            rendered[key] = getattr(modules[where], macro)(*args)
        return rendered[key]

    return once
