"""How "đ" becomes searchable as "d" while excerpts stay readable.

Pagefind (1.5+) already folds combining marks: "Đức", "duc" and "Dực" meet
under one normalised word, and the exact form still ranks first. But "đ" is
a letter of its own, not "d" plus a mark, so "duc" never reaches "Đức".

Rather than indexing a second, folded copy of every page (twice the index,
and excerpts that would show the folded copy), the text given to Pagefind
writes "đ" as "d" followed by U+0335 COMBINING SHORT STROKE OVERLAY. That
*is* "d" plus a mark, so Pagefind's own folding now files "D̵ức" under
"duc"; it even looks like "Đ" if shown as is. The browser applies the same
rewrite to the query (theme/static/js/search-fold.js) and undoes it in the
excerpts it shows. `vn_text.search_fold` of the rewritten text is the
search_fold of the original, which the tests check on shared cases.
"""

from vn_text import nfc

STROKE = "\u0335"


def mark_d(text: str) -> str:
    """NFC ``text`` with every đ/Đ written as d/D + U+0335."""
    # Two replaces, not str.translate: translating through a dict walks the
    # text a character at a time, over ten times slower on an article body.
    return nfc(text).replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def unmark_d(text: str) -> str:
    """Undo `mark_d` (the text stays NFC)."""
    return text.replace("d" + STROKE, "đ").replace("D" + STROKE, "Đ")
