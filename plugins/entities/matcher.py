"""Find every registered name in a text in one pass.

The registry is compiled once into a trie over *word tokens* (each key is a
`vn_text.match_key` of one word or one punctuation mark). Scanning a text is
one walk over its tokens: at each token the trie is followed as far as the
text allows and the longest complete name wins, so the cost depends on the
length of the text, not on the size of the registry.

Working on tokens instead of characters is what makes matching insensitive to
everything editors vary without meaning to: case, NFC/NFD, tone placement
("Quận uỷ" = "Quận ủy"), line breaks and spaces inside a name, and the spaces
around "&" or "-" in abbreviations ("VH&TT" = "VH & TT", "TC-KH" = "TC - KH").
Tokens are whole words, so "Phường 1" never matches inside "Phường 10".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vn_text import match_key, nfc

# A word (letters, digits and any combining marks NFC could not compose) or a
# single punctuation mark. Whitespace, line breaks included, separates tokens.
TOKEN = re.compile(r"[\w\u0300-\u036f]+|[^\w\s]")
# Dashes and hyphens editors type for the same thing.
_DASHES = dict.fromkeys("‐‑‒–—―−", "-")
_END = None  # trie key holding the payload of a name that ends there


class Keys(dict):
    """Memo of token -> match key. Vietnamese uses a few thousand distinct
    syllables, so after the first articles every lookup is a dict hit."""

    def __missing__(self, token: str) -> str:
        key = _DASHES.get(token) or match_key(token)
        self[token] = key
        return key


def name_keys(name: str) -> tuple[str, ...]:
    """The token keys of a registered name or alias."""
    return tuple(Keys()[token] for token in TOKEN.findall(nfc(name)))


@dataclass(frozen=True)
class Match:
    """A name found in a text: tokens [start, end) and what was registered
    under that name (for entities, a (kind, id) pair)."""

    start: int
    end: int
    payload: object


class Conflict(ValueError):
    """Two payloads registered under the same name."""

    def __init__(self, keys, old, new):
        super().__init__(" ".join(keys))
        self.keys, self.old, self.new = keys, old, new


class Matcher:
    """A compiled set of names. Build once, then `scan` any number of texts."""

    def __init__(self):
        self._root: dict = {}
        self._keys = Keys()

    def add(self, name: str, payload) -> None:
        """Register `name`; raises Conflict when it already names another
        payload (the same payload twice is fine: aliases often coincide)."""
        keys = name_keys(name)
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        old = node.get(_END)
        if old is not None and old != payload:
            raise Conflict(keys, old, payload)
        node[_END] = payload

    def tokens(self, text: str) -> list[str]:
        """The raw word and punctuation tokens of `text` (NFC)."""
        return TOKEN.findall(nfc(text))

    def spans(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Tokens with their (start, end) offsets in `nfc(text)`."""
        found = [(m.group(), m.span()) for m in TOKEN.finditer(nfc(text))]
        return [t for t, _ in found], [s for _, s in found]

    def keys(self, tokens: list[str]) -> list[str]:
        return list(map(self._keys.__getitem__, tokens))

    def scan(self, keys: list[str]) -> list[Match]:
        """Leftmost-longest, non-overlapping matches over token keys."""
        root = self._root
        matches = []
        n = len(keys)
        done = 0  # tokens before this belong to an earlier match
        # Most tokens start no name: find the few that do in one C-level pass.
        for i in [i for i, key in enumerate(keys) if key in root]:
            if i < done:
                continue
            node = root[keys[i]]
            best = (i + 1, node[_END]) if _END in node else None
            j = i + 1
            while j < n:
                node = node.get(keys[j])
                if node is None:
                    break
                j += 1
                if _END in node:
                    best = (j, node[_END])
            if best is not None:
                matches.append(Match(i, best[0], best[1]))
                done = best[0]
        return matches

    def find(self, text: str) -> list[Match]:
        """Scan a text given as a string."""
        return self.scan(self.keys(self.tokens(text)))
