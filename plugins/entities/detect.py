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
from dataclasses import dataclass, field
from itertools import islice

from vn_text import nfc, search_fold

from .kinds import Entity
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

    def __init__(self, scan: Scan, start: int, limit: int):
        found = [(m.group(), m.start(), m.end())
                 for m in islice(TOKEN.finditer(scan.text, start), limit)]
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

    def words(self, start: int, limit: int = 24) -> Words:
        """Up to `limit` tokens from character `start` on."""
        return Words(self, start, limit)

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


def scan_text(registries, text: str) -> Scan:
    matcher = registries.matcher
    text = nfc(text or "")
    return Scan(text, matcher.find(text), matcher.keys)


def _collect(scan: Scan, found: dict[str, set]):
    for match in scan.matches:
        entity = match.payload
        if isinstance(entity, Entity):
            found[entity.kind].add(entity.id)


def ordered_ids(registries, kind: str, ids) -> list[str]:
    if len(ids) < 2:
        return list(ids)
    return sorted(ids, key=registries.rank[kind].__getitem__)


def detect(registries, title: str = "", body: str = "", captions=()) -> Detection:
    """Detect in plain text (the body may be Markdown or `html_text`)."""
    kinds = registries.kinds
    found = {name: set() for name in kinds}
    notes: list[Unregistered] = []
    for text in (title, body):
        scan = scan_text(registries, text)
        _collect(scan, found)
        for kind in kinds.values():
            notes += kind.annotate(scan, registries, caption=False)[1]
    photos = []
    for caption in captions:
        scan = scan_text(registries, caption)
        ids = {name: set() for name in kinds}
        _collect(scan, ids)
        photo = {name: ordered_ids(registries, name, ids[name]) for name in kinds}
        for kind in kinds.values():
            extras, more = kind.annotate(scan, registries, caption=True)
            photo.update(extras)
            notes += more
        for name in kinds:
            found[name] |= ids[name]
        photos.append(photo)
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
