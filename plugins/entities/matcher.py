"""Find every registered name in a text in one pass.

All names and aliases are compiled once into a single regular expression
shaped like a trie of words, so the search runs in the regex engine's C loop
and its cost depends on the length of the text, not on the size of the
registry. The trie shape makes the longest name win at each position
("Trung tâm Y tế quận" over "Trung tâm Y tế"), and the scan goes left to
right without overlaps, so a longer name hides the shorter ones inside it
("Đội Thanh tra Địa bàn quận" is not also "Thanh tra quận").

Matching ignores what editors vary without meaning to: case, NFC/NFD (the
text is NFC-normalised first), tone placement (each syllable accepts its
tone on any vowel: "Quận uỷ" = "Quận ủy", "hòa" = "hoà"), line breaks and
runs of spaces inside a name, the spaces around "&" or "-" in
abbreviations ("VH&TT" = "VH & TT", "TC-KH" = "TC - KH"), which of "&",
"và", a dash or a comma joins two parts of a name, and which apostrophe is
written ("N'Đir" = "N’Đir"). A name matches
whole words only: "Phường 1" never matches inside "Phường 10".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from vn_text import match_key, nfc
from vn_text.alphabet import TONE_MARKS

# A word (letters, digits and any combining marks NFC could not compose) or a
# single punctuation mark. Whitespace, line breaks included, separates tokens.
TOKEN = re.compile(r"[\w\u0300-\u036f]+|[^\w\s]")
DASHES = "-‐‑‒–—―−"
_DASH_CLASS = "[" + re.escape(DASHES) + "]"
# Names are written with "&", "và", a dash or a comma between their parts
# alike ("Phòng VH&TT" = "Phòng VH-TT" = "Phòng VH và TT"): in names they
# share one key, and that edge accepts any of them.
JOIN = "&"
_JOINS = frozenset({"&", "và", ",", *DASHES})
_JOIN_EDGE = r"\s*(?:&|,|" + _DASH_CLASS + r")|\s+và"
APOSTROPHES = "'’‘ʼ`´"
_APOSTROPHE_CLASS = "[" + re.escape(APOSTROPHES) + "]"
_VOWELS = set("aăâeêioôơuưy")


class Keys(dict):
    """Memo of token -> match key. Vietnamese uses a few thousand distinct
    syllables, so after the first texts every lookup is a dict hit."""

    def __missing__(self, token: str) -> str:
        if token in DASHES:
            key = "-"
        elif token in APOSTROPHES:
            key = "'"
        else:
            key = match_key(token)
        self[token] = key
        return key


class Match(NamedTuple):
    """A name found in a text: characters [start, end) of the NFC text and
    what was registered under that name (an entity, or a kind's Tag)."""

    start: int
    end: int
    payload: object


class Conflict(ValueError):
    """Two payloads registered under the same name."""

    def __init__(self, keys, old, new):
        super().__init__(" ".join(keys))
        self.keys, self.old, self.new = keys, old, new


def lower_text(text: str) -> str:
    """Lower case without changing the length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower()[:1] or ch for ch in text)


def _spellings(token: str) -> list[str]:
    """Every spelling of a lower-case token with the same match key: its
    tone mark on any of its vowels (old and new placement, and NFC)."""
    decomposed = unicodedata.normalize("NFD", token)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    found = {token, match_key(token)}
    if len(tones) == 1:
        bare = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
        for index, letter in enumerate(bare):
            if letter in _VOWELS:
                found.add(nfc(bare[: index + 1] + tones[0] + bare[index + 1:]))
    return sorted(found, key=lambda s: (-len(s), s))


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


class Matcher:
    """A compiled set of names. Add names, then `find` in any number of texts
    (the expression is compiled on first use and again after an `add`)."""

    def __init__(self):
        self._names: dict[tuple[str, ...], object] = {}
        self._words: dict[tuple[str, ...], tuple[str, ...]] = {}  # keys -> tokens
        self.keys = self._keys = Keys()  # shared with the readers of a Scan
        self._written: dict[str, object] = {}  # matched text -> payload
        self._pattern: re.Pattern | None = None

    def name_keys(self, text: str) -> tuple[str, ...]:
        """The key of a name as written: its tokens' keys, joins as one."""
        keys = self._keys
        return tuple(JOIN if t in _JOINS else keys[t]
                     for t in TOKEN.findall(lower_text(nfc(text))))

    def __contains__(self, name: str) -> bool:
        return self.name_keys(name) in self._names

    def add(self, name: str, payload) -> None:
        """Register `name`; raises Conflict when it already names another
        payload (the same payload twice is fine: aliases often coincide)."""
        tokens = tuple(TOKEN.findall(lower_text(nfc(name))))
        keys = self.name_keys(name)
        if not keys:
            return
        old = self._names.get(keys)
        if old is not None and old != payload:
            raise Conflict(keys, old, payload)
        self._names[keys] = payload
        self._words.setdefault(keys, tokens)
        self._pattern = None
        self._written = {}

    def payload(self, text: str):
        """What is registered under the name written as `text`."""
        return self._names.get(self.name_keys(text))

    def compile(self) -> None:
        """Build the expression now (otherwise the first `find` does)."""
        if self._pattern is None and self._names:
            self._pattern = self._compile()

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in `text` (NFC)."""
        if not self._names:
            return []
        self.compile()
        found = []
        written = self._written
        # The leading space lets a name start the text; each match begins with
        # the character before the name, so offsets need no shift.
        new, append = tuple.__new__, found.append  # (the hot loop of a build)
        for m in self._pattern.finditer(" " + lower_text(text)):
            name = m.group(1)
            payload = written.get(name)
            if payload is None:
                payload = written[name] = self.payload(name)
            start, end = m.span()
            append(new(Match, (start, end - 1, payload)))
        return found

    def _compile(self) -> re.Pattern:
        # A trie over token keys; each edge accepts every spelling of its token.
        trie: dict = {}
        spelled: dict[str, set[str]] = {}
        for keys, tokens in self._words.items():
            node = trie
            for key, token in zip(keys, tokens, strict=True):
                node = node.setdefault(key, {})
                spelled.setdefault(key, set()).update(_spellings(token))
            node[None] = True
        # A name starts after a character that is not part of a word: the
        # expression starts by consuming that character, a character class
        # the regex engine scans for in C, so names are only tried where words
        # start. Then the top level branches on the first letter.
        groups: dict[str, list[str]] = {}
        for key in sorted(k for k in trie if k is not None):
            tail = self._tail(trie[key], key, spelled)
            rests: dict[str, list[str]] = {}
            for spelling in self._options(key, spelled):
                rests.setdefault(spelling[:1], []).append(re.escape(spelling[1:]))
            for first, options in rests.items():
                groups.setdefault(first, []).append(
                    "(?:" + "|".join(options) + ")" + tail)
        top = "|".join(re.escape(first) + "(?:" + "|".join(branches) + ")"
                       for first, branches in sorted(groups.items()))
        return re.compile(r"\W(" + top + r")(?!\w)")

    @staticmethod
    def _options(key: str, spelled) -> list[str]:
        return sorted(spelled[key], key=lambda s: (-len(s), s))

    def _tail(self, node: dict, key: str, spelled) -> str:
        """What may follow a token: the branches below it, optional when a
        name ends at that token (greedy: the longer name is tried first)."""
        if not any(k is not None for k in node):
            return ""
        tail = "(?:" + self._branches(node, key, spelled) + ")"
        return tail + "?" if None in node else tail

    def _branches(self, node: dict, previous: str, spelled) -> str:
        # Words after the same separator are grouped by their first letter,
        # as at the top level: the engine then tries one group, not every
        # word that may follow (a node such as "phòng" has many).
        parts, groups = [], {}
        for key in sorted(k for k in node if k is not None):
            child = node[key]
            tail = self._tail(child, key, spelled)
            if key == JOIN:
                parts.append("(?:" + _JOIN_EDGE + ")" + tail)
                continue
            space = r"\s+" if _is_word(previous) and _is_word(key) else r"\s*"
            if key in ("'", "-"):
                parts.append(space + (_APOSTROPHE_CLASS if key == "'" else _DASH_CLASS)
                             + tail)
                continue
            by_first: dict[str, list[str]] = {}
            for option in sorted(spelled[key], key=lambda s: (-len(s), s)):
                by_first.setdefault(option[0], []).append(re.escape(option[1:]))
            for first, rests in by_first.items():
                groups.setdefault((space, first), []).append(
                    "(?:" + "|".join(rests) + ")" + tail)
        for space in sorted({space for space, _ in groups}):
            parts.append(space + "(?:" + "|".join(
                re.escape(first) + "(?:" + "|".join(options) + ")"
                for (each, first), options in sorted(groups.items())
                if each == space) + ")")
        return "|".join(parts)
