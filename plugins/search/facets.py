"""Choices of the search page's filters, computed from the articles.

The search page renders them as plain <select> elements, so their labels
are Vietnamese names from the site (not ids from the index) and the form
stays a usable GET form. Values are the same ids the index files under.
"""

from __future__ import annotations

from dataclasses import dataclass

from vn_text import person_sort_key, sort_key

from .records import CATEGORY, PERSON, UNIT, YEAR, terms


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter and Pagefind filter name
    label: str  # visible label of the <select>
    choices: tuple  # (value, label) pairs in display order


def search_facets(articles) -> list[Facet]:
    """The four filters, each with the values some article carries."""
    categories, units, people, years = {}, {}, {}, set()
    for article in articles:
        if article.category:
            categories[article.category.slug] = article.category.name
        for unit in terms(article, "units"):
            units[unit.id] = unit.name
        for person in terms(article, "people"):
            people[person.id] = person.name
        years.add(f"{article.date:%Y}")
    by_name = _ordered(sort_key)
    return [
        Facet(CATEGORY, "Chuyên mục", by_name(categories)),
        Facet(UNIT, "Đơn vị", by_name(units)),
        Facet(PERSON, "Lãnh đạo", _ordered(person_sort_key)(people)),
        Facet(YEAR, "Năm", tuple((y, y) for y in sorted(years, reverse=True))),
    ]


def _ordered(key):
    def order(choices: dict) -> tuple:
        # The id breaks ties so that equal names keep a stable order.
        return tuple(sorted(choices.items(), key=lambda kv: (key(kv[1]), kv[0])))

    return order
