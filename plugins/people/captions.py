"""People in the way Vietnamese news writes them.

"Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận phát biểu…"
names a person after an honorific, then the titles they held that day, then
what they did. This module reads that shape from the matches of the one
detection pass: the titles as written (kept with the photo) and, after an
honorific, a capitalised name that is not registered (reported, with the
closest registered names, never added silently).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from entities.detect import Unregistered, suggest
from entities.kinds import Entity, Tag
from vn_text import match_key
from vn_text.names import SURNAMES

from . import names


def _keys(words: str) -> frozenset:
    return frozenset(match_key(w) for w in words.split())


# Words that start a title: a name stops before them ("Trần Văn Bình Phó
# Chủ tịch" is Trần Văn Bình).
TITLE_HEADS = _keys(
    "Phó Chủ Bí Trưởng Giám Tổng Ủy Uỷ Thường Tỉnh Quận Phường Huyện Đội Ban Phòng "
    "Trung Chi Bệnh Đại Hiệu Tổ UBND HĐND UVTV QUV BCH PCT CT TUV HUV PBT")
# Lower-case words continue a title only inside these phrases, so "Chủ tịch
# UBND quận chủ trì" stops before "chủ trì".
TITLE_PHRASES = (
    "Phó Bí thư", "Chủ tịch", "Quận ủy viên", "Phường ủy viên", "Ủy viên",
    "Ban Thường vụ", "Thường trực", "Trưởng phòng", "Phó trưởng phòng",
    "Trưởng ban", "Phó trưởng ban", "Giám đốc", "Phó giám đốc", "Chánh văn phòng",
    "Chánh thanh tra", "Đội trưởng", "Chi cục trưởng", "Đảng ủy", "Quận ủy",
    "Phường ủy", "Huyện ủy", "Thành ủy", "Ủy ban nhân dân", "Hội đồng nhân dân",
    "Mặt trận Tổ quốc", "Ban Chấp hành", "Ủy ban Kiểm tra", "Trưởng khu phố",
    "Bí thư chi bộ", "Thành phố", "Hiệu trưởng", "kiêm nhiệm",
    # The levels since 2025 (issue 18): "Phó Bí thư Tỉnh ủy", "UBND đặc khu".
    "Tỉnh ủy", "Tỉnh ủy viên", "Thành ủy viên", "Huyện ủy viên", "đặc khu",
)
_BIGRAMS = frozenset(
    pair
    for phrase in TITLE_PHRASES
    for words in [[match_key(w) for w in phrase.split()]]
    for pair in pairwise(words)
)
# Place words that follow a title ("Chủ tịch UBND quận", "Bí thư phường",
# "UBND tỉnh", "UBND đặc khu": "khu" follows as a phrase).
PLACES = _keys("tỉnh quận phường huyện xã thành đặc")
SEPARATORS = frozenset({"-", ",", ":"})
JOINERS = frozenset({",", "&", "-", "/"})


def annotate(kind, scan, registries):
    """({caption index: {"titles": …}} for every caption, unregistered
    names) for the scanned texts of an article."""
    extras = {index: {"titles": {}} for index in range(len(scan.captions))}
    notes: list[Unregistered] = []
    memo = registries.memo.setdefault("people.titles", {})
    matches = scan.matches
    starts = set()  # where people and honorifics start: titles stop there
    units = Spans()  # where unit names lie: their words may be in titles
    people, ends = set(), set()  # where registered people start and end
    tags: dict[str, list] = {}  # this kind's tags by what they are
    persons = []  # matches of registered people
    for match in matches:  # (in text order, so Spans stay sorted)
        payload = match.payload
        if type(payload) is Tag:
            if payload.kind == kind.name:
                tags.setdefault(payload.what, []).append(match)
            if payload.what in ("honorific", "list"):
                starts.add(match.start)  # ranks and titles never end titles
        elif payload.kind == "units":
            units.add(match.start, match.end)
        else:
            starts.add(match.start)
            if payload.kind == kind.name:
                people.add(match.start)
                ends.add(match.end)
                persons.append(match)
    notes += names.notes(kind, scan, registries, tags, (people, ends), units)
    text = scan.text
    for match in tags.get("honorific", ()):
        position = match.end
        while position < len(text) and text[position].isspace():
            position += 1
        if position in people:
            continue  # "Đồng chí <registered name>"
        name = _candidate(scan, scan.words(match.end, 7), starts)
        if name:
            notes.append(Unregistered(
                kind.name, scan.raw(match.start, match.end), name,
                suggest(registries, kind.name, name), match.start))
    for match in persons:
        payload = match.payload
        caption = scan.caption_of(match.start)
        if caption is None:
            continue
        end = min(_line_end(scan.text, match.end), scan.captions[caption][1])
        # The same leader's titles come back in caption after caption:
        # the text up to the end of the line decides them.
        line = scan.text[match.end:end]
        written = memo.get(line)
        if written is None:
            words = scan.words(match.end, 40, end)
            written = memo[line] = expand(
                _titles(scan, words, starts, units),
                kind.setting(registries.settings, "TITLE_ABBREVIATIONS"))
        if written:
            extras[caption]["titles"].setdefault(payload.id, written)
    notes.sort(key=lambda note: note.offset)
    return extras, notes


class Spans:
    """Non-overlapping character spans in text order, for "is this word
    inside one of them" in logarithmic time."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int):
        self.starts.append(start)
        self.ends.append(end)

    def covers(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]


def _is_person(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "people"


def _is_unit(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "units"


def _candidate(scan, words, starts: set[int]) -> str:
    """The capitalised words right after an honorific when they look like a
    person's name (2 to 5 words, a family name first or a dash after)."""
    text, key, start, end = words.text, words.key, words.start, words.end
    if len(words) and start[0] in starts:
        return ""  # "Ông Bà Rịa": another honorific, not a name
    n = 0
    while n < min(len(words), 6):
        first = text[n][0]
        if not (first.isalpha() and first.isupper()):
            break
        if n and (scan.breaks(end[n - 1], start[n]) or start[n] in starts):
            break
        if n >= 2 and key[n] in TITLE_HEADS:
            break
        n += 1
    if not 2 <= n <= 5:
        return ""
    if key[0] in SURNAMES or (n < len(words) and key[n] == "-"):
        return " ".join(text[:n])
    return ""


def expand(titles: str, abbreviations: dict[str, str]) -> str:
    """Titles with their abbreviations spelt out, for display ("PCT UBND
    quận" → "Phó Chủ tịch UBND quận"); only whole words in capitals."""
    if not titles or not abbreviations:
        return titles
    return re.sub(r"\b[A-ZĐ]{2,5}\b",
                  lambda m: abbreviations.get(m.group(), m.group()), titles)


def _line_end(text: str, start: int) -> int:
    """Where the titles after `start` can end at the latest: the end of the
    line, or of the next one when the line ends with a comma."""
    end = text.find("\n", start)
    if end < 0:
        return len(text)
    if text[start:end].rstrip().endswith(","):
        following = text.find("\n", end + 1)
        return len(text) if following < 0 else following
    return end


def _titles(scan, words, starts: set[int], units) -> str:
    """The titles written after a person's name, as written ("" if none)."""
    text, key, start, end = words.text, words.key, words.start, words.end
    count = len(words)
    i = 1 if count and key[0] in SEPARATORS else 0
    first, last = i, None

    # In a caption written all in capitals, capitals say nothing: "PHÁT
    # BIỂU" is not a title. Words are then read as if in lower case.
    caps = not any(ch.islower() for t in text for ch in t)

    def title_word(j: int) -> bool:
        if j >= count or start[j] in starts:
            return False
        if units.covers(start[j], end[j]) or (caps and key[j] in TITLE_HEADS):
            return True
        if text[j][0].isupper() and not caps:
            return True
        previous = key[j - 1] if j > 0 else ""
        if text[j].isdigit():
            return previous in PLACES
        return (previous, key[j]) in _BIGRAMS or (
            key[j] in PLACES and last is not None and last == j - 1)

    while i < count:
        # A line break ends the titles unless the line ended with a comma.
        if (last is not None and key[i - 1] not in JOINERS
                and scan.breaks(end[i - 1], start[i])):
            break
        if title_word(i):
            last = i
            i += 1
        elif key[i] in JOINERS and last == i - 1 and title_word(i + 1):
            i += 1
        else:
            break
    return scan.raw(start[first], end[last]) if last is not None else ""
