"""Detection: which entries the title, body and photo captions of an article
name, and which photos show whom.

Each text is tokenised once and scanned once by the registry's matcher (see
`matcher`); kinds then read the matches of that same pass (people find the
"Đồng chí <Name> - <titles>" form there). Nothing here knows Pelican: the
importer calls `Registries.detect` on Markdown, the build on article HTML.
"""

from __future__ import annotations

import difflib
import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice

from vn_text import nfc, search_fold

from .kinds import Kind, Tag
from .matcher import TOKEN, Keys, Match

# Captions are read on their own (they say who is in which photo): the body
# text leaves them out rather than scanning them twice.
_CAPTION = re.compile(r"<figcaption\b.*?</figcaption>", re.S | re.I)
# Block ends become a barrier token so a name never runs from one paragraph
# into the next; other tags are just spaces.
_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|figcaption|figure|td|th|dd|dt|blockquote|div|pre)>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BARRIER = " ¶ "


def html_text(markup: str, captions: bool = True) -> str:
    """The visible text of article HTML, with paragraph barriers; line
    breaks (<br>) stay line breaks. `captions=False` leaves out figure
    captions (for callers that pass them to `detect` separately)."""
    if not captions:
        markup = _CAPTION.sub(_BARRIER, markup)
    text = _BLOCK_END.sub(_BARRIER, markup)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return html.unescape(_TAG.sub(" ", text))


class Words:
    """The first tokens after a position, as parallel lists (written form,
    match key, start, end). Readers of a match look at a few words only, so
    a long body is never tokenised whole."""

    def __init__(self, scan: Scan, start: int, limit: int, end: int | None):
        end = len(scan.text) if end is None else end
        tokens = TOKEN.finditer(scan.text, start, end)
        found = [(m.group(), m.start(), m.end()) for m in islice(tokens, limit)]
        keys = scan.keys
        self.text = [t for t, _, _ in found]
        self.key = [keys[t] for t in self.text]
        self.start = [s for _, s, _ in found]
        self.end = [e for _, _, e in found]

    def __len__(self):
        return len(self.text)


@dataclass
class Scan:
    """One text (NFC) after the pass, with the matches found in it. Kinds
    that read around a match tokenise only a few words there (`words`)."""

    text: str
    matches: list[Match]
    keys: Keys
    captions: list[tuple[int, int]] = field(default_factory=list)
    # What a kind works out in one hook and reads again in another.
    memo: dict = field(default_factory=dict)

    def caption_of(self, offset: int) -> int | None:
        """The index of the caption holding character `offset`, if any."""
        index = bisect_right(self.captions, (offset, float("inf"))) - 1
        if index >= 0 and offset < self.captions[index][1]:
            return index
        return None

    def words(self, start: int, limit: int, end: int | None = None) -> Words:
        """Up to `limit` tokens from character `start` on (before `end`)."""
        return Words(self, start, limit, end)

    def breaks(self, end: int, start: int) -> bool:
        """True when a line break lies between characters end and start."""
        return "\n" in self.text[end:start]

    def raw(self, start: int, end: int) -> str:
        """Characters [start, end) as written, spaces normalised."""
        return " ".join(self.text[start:end].split())


@dataclass(frozen=True)
class Unregistered:
    """A name written like a registered entry's but not in the registry."""

    kind: str
    honorific: str
    name: str
    suggestions: tuple[str, ...] = ()
    offset: int | None = None


@dataclass
class Detection:
    """Ids per kind (in display order), one dict per caption with the ids it
    names plus what kinds add ("titles"), and unregistered names."""

    ids: dict[str, list[str]]
    photos: list[dict] = field(default_factory=list)
    unregistered: list[Unregistered] = field(default_factory=list)

    def __getattr__(self, name):
        ids = self.__dict__.get("ids") or {}
        if name in ids:
            return ids[name]
        raise AttributeError(name)


# Between the texts of one article scanned together: a line of its own that
# no name can cross.
_SEPARATOR = "\n¶\n"


def ordered_ids(registries, kind: str, ids) -> list[str]:
    if len(ids) < 2:
        return list(ids)
    return sorted(ids, key=registries.rank[kind].__getitem__)


def detect(registries, title: str = "", body: str = "", captions=()) -> Detection:
    """Detect in plain text (the body may be Markdown or `html_text`).

    The title, body and captions are joined (with a separator no name can
    cross) and scanned in one pass; matches are then shared out by where
    they fall. Captions name the photo's people and units; everything counts
    for the article."""
    kinds = registries.kinds
    parts = [nfc(title or ""), nfc(body or ""), *(nfc(c or "") for c in captions)]
    bounds, position = [], 0
    for part in parts:
        bounds.append((position, position + len(part)))
        position += len(part) + len(_SEPARATOR)
    matcher = registries.matcher
    text = _SEPARATOR.join(parts)
    scan = Scan(text, matcher.find(text), matcher.keys, bounds[2:])
    rejecting = {name for name, kind in kinds.items()
                 if type(kind).rejects is not Kind.rejects}
    if rejecting:
        scan.matches = [m for m in scan.matches if type(m.payload) is Tag
                        or m.payload.kind not in rejecting
                        or not kinds[m.payload.kind].rejects(scan, m, registries)]
    more = [m for kind in kinds.values() for m in kind.found(scan, registries)]
    if more:
        scan.matches = sorted(scan.matches + more)  # by start
    found = {name: set() for name in kinds}
    per_caption = [{name: set() for name in kinds} for _ in scan.captions]
    # Captions come last: a match before the first one is in no caption.
    first = scan.captions[0][0] if scan.captions else len(text)
    for match in scan.matches:
        entity = match.payload
        if type(entity) is not Tag:
            found[entity.kind].add(entity.id)
            index = scan.caption_of(match.start) if match.start >= first else None
            if index is not None:
                per_caption[index][entity.kind].add(entity.id)
    photos = [{name: ordered_ids(registries, name, ids[name]) for name in kinds}
              for ids in per_caption]
    notes: list[Unregistered] = []
    for kind in kinds.values():
        extras, more = kind.annotate(scan, registries)
        for index, values in extras.items():
            photos[index].update(values)
        notes += more
    unique = list({(n.kind, n.name): n for n in reversed(notes)}.values())[::-1]
    return Detection(
        {name: ordered_ids(registries, name, found[name]) for name in kinds},
        photos, unique)


def suggest(registries, kind: str, name: str, limit: int = 3) -> tuple[str, ...]:
    """Registered names close to `name`: same letters without marks first
    ("Nguyễn Văn Dức" → "Nguyễn Văn Đức"), then spelling neighbours."""
    names = {}
    for entity in registries.entries[kind].values():
        for written in entity.names():
            names.setdefault(search_fold(written).lower(), entity.name)
    wanted = search_fold(name).lower()
    if wanted in names:
        return (names[wanted],)
    close = difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.8)
    return tuple(dict.fromkeys(names[c] for c in close))
