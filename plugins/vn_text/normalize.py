"""Unicode normalisation, accent folding and slugs for Vietnamese text.

Vietnamese content reaches the site in both NFC and NFD (copied from Word,
macOS file names, old CMS exports), so every comparison or derived string has
to go through one of these helpers instead of using the raw text.
"""

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form the site stores and renders."""
    return unicodedata.normalize("NFC", text)


def search_fold(text: str) -> str:
    """Remove every diacritic and map đ/Đ to d/D, keeping case.

    Readers often type without accents, so the search index and the queries
    are compared in this folded form.
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", bare)


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug such as ``doi-thanh-tra-dia-ban-quan``."""
    return _NON_SLUG.sub("-", search_fold(text).lower()).strip("-")
