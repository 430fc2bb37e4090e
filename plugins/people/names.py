"""People named the other ways news writes them.

Besides "Đồng chí <Name>" (`people.captions`), a name comes after a rank
("Thượng tá Phan Văn Điền"), after titles ("Phó Chủ tịch UBND huyện Nguyễn
Xuân Danh"), in a list ("các đồng chí: K'Thanh, Võ Đình Tín"), or as a given
name alone after an honorific ("Đ/c Đức"). A registered person there is
found by the one pass already; this module reads the words after those tags
for the rest: a given name that only one registered person has becomes that
person, and a capitalised name that is not registered is reported (never
added silently), like the "Đồng chí X" case.
"""

from __future__ import annotations

import re

from entities.detect import Unregistered, suggest
from entities.kinds import Entity, Tag
from entities.matcher import APOSTROPHES, Match
from vn_text import match_key
from vn_text.names import SURNAMES, keys

# Lower-case words that may stand between a title and the name
# ("Phó Chủ tịch ủy ban nhân dân huyện <Name>").
TITLE_WORDS = keys(
    "chủ tịch phó bí thư trưởng giám đốc ủy uỷ viên ban thường vụ trực nhân "
    "dân hội đồng đảng bộ công an quân sự chỉ huy phòng quận huyện phường xã "
    "tỉnh thành phố thị trấn khu ấp thôn mặt trận tổ quốc kiêm")
PLACES = keys("quận huyện phường xã tỉnh phố trấn")
# The family names of most people: one of them inside a capitalised run
# after a place word starts the person's name.
COMMON_SURNAMES = keys("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ "
                       "Ngô Dương Lý")
# Names that follow a title without being a leader of ours.
FAMOUS = frozenset({match_key("Hồ Chí Minh")})


def _is_person(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "people"


def _given_index(registries, kind) -> dict[str, list]:
    memo = registries.memo.setdefault("people.given", {})
    if "index" not in memo:
        index: dict[str, list] = {}
        for person in registries.ordered(kind.name):
            given = person.given_name
            if given.isalpha():
                index.setdefault(match_key(given), []).append(person)
        memo["index"] = index
    return memo["index"]


_GIVEN = re.compile(r"\s*([^\W\d_][\w\u0300-\u036f]*)\s*(\S?)")


def _given_name(scan, tag: Match):
    """The one capitalised word right after an honorific ("Đ/c Đức"), as
    (key, start, end), or None when a full name or nothing follows."""
    found = _GIVEN.match(scan.text, tag.end)
    if not found or not found.group(1)[0].isupper():
        return None
    following = found.group(2)
    if following and (following.isupper() or following in APOSTROPHES):
        return None
    return scan.keys[found.group(1).lower()], found.start(1), found.end(1)


def _follows(scan, tag, ends: set[int]) -> bool:
    """True when the tag comes right after a registered person's name
    ("Nguyễn Văn Đức - Chủ tịch UBND quận": the titles are his)."""
    text, position = scan.text, tag.start
    while position > 0 and text[position - 1] in " \t\n-–,":
        position -= 1
    return position in ends


def given_names(kind, scan, registries) -> list[Match]:
    """Matches of "Đ/c <given name>" where one registered person has it."""
    index = _given_index(registries, kind)
    if not index:
        return []
    found, ambiguous = [], []
    matches, text, name = scan.matches, scan.text, kind.name
    for position, tag in enumerate(matches):
        payload = tag.payload
        if type(payload) is not Tag or payload.what != "honorific" or (
                payload.kind != name):
            continue
        following = matches[position + 1] if position + 1 < len(matches) else None
        if following and not text[tag.end:following.start].strip():
            continue  # a name the pass found (or another tag) comes next
        given = _given_name(scan, tag)
        people = index.get(given[0], ()) if given else ()
        if len(people) > 1:
            ambiguous.append((tag, given, people))
        elif people:
            found.append(Match(given[1], given[2], people[0]))
    scan.memo["people.ambiguous"] = ambiguous  # for `notes`
    return found


def notes(kind, scan, registries, tags, people, units) -> list[Unregistered]:
    """Unregistered names after ranks, titles and list openers, and given
    names that several registered people have. `tags` are this kind's by
    what they are, `people` (starts, ends) where registered people lie,
    `units` where units' names lie."""
    found = []
    people, ends = people

    def note(tag, name, suggestions=None):
        if suggestions is None:
            suggestions = suggest(registries, kind.name, name)
        found.append(Unregistered(kind.name, scan.raw(tag.start, tag.end), name,
                                  suggestions, tag.start))

    for tag, given, several in scan.memo.get("people.ambiguous", ()):
        if given[1] not in people:
            note(tag, scan.raw(given[1], given[2]), tuple(p.name for p in several))
    for what in ("rank", "title"):
        for tag in tags.get(what, ()):
            # A title after a name is that person's; one written in lower
            # case is inside a sentence ("tăng trưởng"), not before a name.
            if what == "title" and (not scan.text[tag.start].isupper()
                                    or _follows(scan, tag, ends)):
                continue
            name = _after_title(scan, tag, people, units if what == "title" else None)
            if name:
                note(tag, name)
    for tag in tags.get("list", ()):
        for name in _listed(scan, tag, people):
            note(tag, name)
    return found


def _name_at(words, i: int, scan) -> int:
    """How many capitalised words from `i` make a person's name (0: none):
    a family name first, 2 to 5 words, not across a line break."""
    if words.key[i] not in SURNAMES:
        return 0
    n = 0
    while i + n < len(words) and n < 5:
        text = words.text[i + n]
        if not text[0].isupper() or (n and scan.breaks(words.end[i + n - 1],
                                                        words.start[i + n])):
            break
        n += 1
    return n if n >= 2 else 0


def _after_title(scan, tag, people: set[int], units) -> str:
    """The unregistered name after a rank (right after it) or, with the
    `units` spans, a title (after the words of the title: "UBND huyện",
    "Công an phường")."""
    line_end = scan.text.find("\n", tag.end)
    words = scan.words(tag.end, 12 if units is not None else 6,
                       None if line_end < 0 else line_end)
    for i in range(len(words)):
        text = words.text[i]
        if words.start[i] in people or (i and scan.breaks(words.end[i - 1],
                                                           words.start[i])):
            return ""
        n = _name_at(words, i, scan)
        if n and i and words.key[i - 1] in PLACES:
            i, n = _after_place(words, i, n)
        if n:
            name = words.text[i:i + n]
            if all(w.isupper() for w in name) or match_key(" ".join(name)) in FAMOUS:
                return ""  # all caps: where the name ends is unknown
            return " ".join(name)
        if units is None or not (
                text[0].isupper() or text.isdigit() or words.key[i] in TITLE_WORDS
                or units.covers(words.start[i], words.end[i])):
            return ""
    return ""


def _after_place(words, i: int, n: int) -> tuple[int, int]:
    """A place's name may come before the person's ("huyện Lâm Hà Nguyễn Văn
    Tư"): a common family name two words or more into the run starts the
    person's name when two words or more follow it."""
    for p in range(2, n - 1):
        if words.key[i + p] in COMMON_SURNAMES:
            return i + p, n - p
    return i, n


def _listed(scan, tag, people: set[int]) -> list[str]:
    """Unregistered names in the list after "các đồng chí(:)"."""
    words = scan.words(tag.end, 40)
    names, i = [], 1 if len(words) and words.text[0] == ":" else 0
    while i < len(words):
        start = i
        while i < len(words) and (words.text[i][0].isupper() or (
                words.text[i] in APOSTROPHES and i > start)):
            if i > start and scan.breaks(words.end[i - 1], words.start[i]):
                break
            i += 1
        item = words.text[start:i]
        if not item:
            break
        apostrophe = any(w in APOSTROPHES for w in item)
        if words.start[start] not in people and (
                apostrophe or (_name_at(words, start, scan) == len(item) <= 5)):
            names.append(scan.raw(words.start[start], words.end[i - 1]))
        if i < len(words) and words.key[i] in {",", "và", ";"}:
            i += 1
            continue
        break
    return names
