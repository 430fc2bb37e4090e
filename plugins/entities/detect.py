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

from vn_text import nfc, search_fold

from .kinds import Entity
from .matcher import Match

# Block ends become a barrier token so a name never runs from one paragraph
# (or caption) into the next; other tags are just spaces.
_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|figcaption|figure|td|th|dd|dt|blockquote|div|pre)>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BARRIER = " ¶ "


def html_text(markup: str) -> str:
    """The visible text of article HTML, with paragraph barriers; line
    breaks (<br>) stay line breaks."""
    text = _BLOCK_END.sub(_BARRIER, markup)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return html.unescape(_TAG.sub(" ", text))


@dataclass
class Scan:
    """One text after the pass: its tokens, their keys and the matches."""

    text: str
    tokens: list[str]
    keys: list[str]
    matches: list[Match]
    spans: list[tuple[int, int]] | None = None

    def raw(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as written, spaces normalised."""
        if self.spans is None:
            return " ".join(self.tokens[start:end])
        piece = self.text[self.spans[start][0]: self.spans[end - 1][1]]
        return " ".join(piece.split())

    def breaks_before(self, index: int) -> bool:
        """True when a line break separates token `index` from the one before."""
        if self.spans is None or index == 0 or index >= len(self.tokens):
            return False
        return "\n" in self.text[self.spans[index - 1][1]: self.spans[index][0]]

    def offset(self, index: int) -> int | None:
        return self.spans[index][0] if self.spans else None


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


def scan_text(registries, text: str, spans: bool = False) -> Scan:
    matcher = registries.matcher
    text = nfc(text or "")
    if spans:
        tokens, offsets = matcher.spans(text)
    else:
        tokens, offsets = matcher.tokens(text), None
    keys = matcher.keys(tokens)
    return Scan(text, tokens, keys, matcher.scan(keys), offsets)


def _collect(scan: Scan, found: dict[str, set]):
    for match in scan.matches:
        entity = match.payload
        if isinstance(entity, Entity):
            found[entity.kind].add(entity.id)


def ordered_ids(registries, kind: str, ids) -> list[str]:
    entries = registries.entries[kind]
    ordered = registries.kinds[kind].ordered(
        (entries[i] for i in ids), registries.settings)
    return [entity.id for entity in ordered]


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
        scan = scan_text(registries, caption, spans=True)
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
