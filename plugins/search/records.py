"""What Pagefind indexes for one article: a small HTML document built from
the article itself, not the page the theme renders.

Indexing the rendered page would need the theme to mark its body and would
drag navigation, footers and related-article lists into the index. Built
from the article, the document holds exactly what search is for: the title
(as the heading Pagefind weights most), the lead, the body with its photo
captions, and the filters, sort key and display fields as Pagefind
attributes. Its path is the article's `save_as`, so Pagefind derives the
article's own URL from it.
"""

from __future__ import annotations

import html
import re

from vn_text import format_date

from .fold import mark_d

# Elements that carry no searchable text, or whose text is not content:
# images are shown on the page, not in results (captions stay indexed).
_EMPTY = re.compile(r"<(?:img|source|br|wbr|input)\b[^>]*>", re.IGNORECASE)
_BLOCKS = re.compile(
    r"<(script|style|svg|iframe|noscript|template|picture)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)

# Filter names as they appear in the search page's URL (?don-vi=...).
CATEGORY, UNIT, PERSON, YEAR = "chuyen-muc", "don-vi", "lanh-dao", "nam"
SORT_DATE = "ngay"
# The filter that marks a shard's vocabulary page (see `vocabulary`); the
# search page excludes it from every search.
VOCABULARY_FILTER = "tu-dien"
VOCABULARY_PATH = "tu-dien-tim-kiem/index.html"
_BODY = "<main data-pagefind-body>"
_TAG = re.compile(r"<[^>]*>")


def terms(article, name: str) -> list:
    """The article's units or people, from the entities plugin when present.

    Without that plugin a `Units:` front-matter line is a plain string, which
    names nothing the search page could label: it is left out.
    """
    value = getattr(article, name, None)
    if not value or isinstance(value, str):
        return []
    return [t for t in value if hasattr(t, "id") and hasattr(t, "name")]


def document(article) -> str:
    """The HTML document Pagefind indexes for ``article``."""
    title = html.escape(article.title, quote=True)
    body = _searchable(article.content)
    # An explicit summary is shown as the article's lead; a derived one is
    # only the body's first paragraph again.
    lead = article.summary if article.metadata.get("summary") else ""
    attrs = []
    if article.category:
        attrs.append(_filter(CATEGORY, article.category.slug))
    for unit in terms(article, "units"):
        attrs.append(_filter(UNIT, unit.id))
    for person in terms(article, "people"):
        attrs.append(_filter(PERSON, person.id))
    attrs.append(_filter(YEAR, f"{article.date:%Y}"))
    category = html.escape(
        article.category.name if article.category else "", quote=True
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><main data-pagefind-body>"
        # Display fields are read from attributes ("key[attr]"): values may
        # hold commas, which the inline "key:value" form would split.
        f'<div data-pagefind-meta="title[data-title], date[data-date], '
        f'datetime[data-datetime], category[data-category]" '
        f'data-title="{title}" data-date="{html.escape(format_date(article.date))}" '
        f'data-datetime="{article.date.isoformat()}" data-category="{category}" '
        f'data-pagefind-sort="{SORT_DATE}:{article.date:%Y%m%d%H%M}">'
        + "".join(attrs)
        + "</div>"
        f"<h1>{mark_d(title)}</h1>"
        + (f"<div>{mark_d(_searchable(lead))}</div>" if lead else "")
        + mark_d(body)
        + "</main></body></html>"
    )


def _filter(name: str, value: str) -> str:
    value = html.escape(str(value), quote=True)
    return f'<span data-pagefind-filter="{name}:{value}"></span>'


def _searchable(fragment: str) -> str:
    return _EMPTY.sub(" ", _BLOCKS.sub(" ", fragment or ""))


def documents(articles) -> list[tuple[str, str]]:
    """(path, document) of every article, oldest first: the order in which
    the index is cut into shards (indexer.shard_folders), so that each shard
    holds a span of time and a search sorted by date reads them in turn.

    Everything the index is made from is in these pairs, so they are also
    what decides whether the previous build's index can be kept (reuse.py).
    """
    ordered = sorted(articles, key=lambda a: (a.date, a.save_as))
    return [(a.save_as, document(a)) for a in ordered]


def vocabulary(records) -> tuple[str, str]:
    """(path, document) of a page holding every word of ``records`` once.

    Each shard of a sharded index gets this page, so that every shard knows
    the words of the whole archive. Pagefind widens a query word to the
    words it begins; when an index has none, it falls back to the longest
    word that begins the query word ("dakmorong" to "dak"). With the
    archive's words in every shard, that fallback happens in a shard exactly
    when it would in one index of the whole archive, instead of filling
    the results with the shards that lack a rare name. The page is marked
    with a filter the search page excludes, so it is never a result.
    """
    words: set[str] = set()
    for _, document in records:
        body = document.split(_BODY, 1)[-1]
        # Tags as spaces and as nothing: inline markup may or may not cut a
        # word for Pagefind; a word too many is harmless, one missing is not.
        for text in (_TAG.sub(" ", body), _TAG.sub("", body)):
            words.update(html.unescape(text).lower().split())
    text = html.escape(" ".join(sorted(words)), quote=False)
    return VOCABULARY_PATH, (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{VOCABULARY_FILTER}</title></head><body>{_BODY}"
        f'<span data-pagefind-filter="{VOCABULARY_FILTER}:co"></span>'
        f"<p>{text}</p></main></body></html>"
    )
