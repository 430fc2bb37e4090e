"""Other ways a registered name is written, learned from the name itself.

Officials abbreviate a unit's name by rules, not one by one: the kind of
unit has a short form ("Phòng" → "P.", "Trung tâm" → "TT", "Ban Chỉ huy" →
"BCH"), each part of the name may be written as its initials ("Văn hóa và
Thông tin" → "VH-TT", "VHTT"), the parts of an "X - Y" name come in either
order ("Kế hoạch - Tài chính"), their joining word may be left out
("Văn hóa Thông tin") and the place word at the end has its short form
("quận Gò Vấp" → "Q. Gò Vấp", "Phường 15" → "P.15"). `unit_forms` spells
those out; the registry adds them to the matcher after the names and
aliases written in it, so an explicit alias always wins, and a form two
units share is left out. `person_forms` is a name without diacritics
("Nguyen Van Duc"), for texts typed without them.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise, product

from vn_text import match_key, search_fold

from .matcher import _JOINS, TOKEN

# The words a unit's name starts with, and their short forms (a leading
# "Ban"/"Hội" stays when the short form keeps it).
HEADS = {match_key(words): short for words, short in {
    "phòng": ("P.",),
    "trung tâm": ("TT",),
    "văn phòng": ("VP",),
    "ban chỉ huy": ("BCH", "Ban CH"),
    "ban quản lý": ("BQL",),
    "ủy ban nhân dân": ("UBND",),
    "hội đồng nhân dân": ("HĐND",),
    "ủy ban mặt trận tổ quốc": ("UBMTTQ", "Ủy ban MTTQ"),
    "mặt trận tổ quốc": ("MTTQ",),
    "hội liên hiệp phụ nữ": ("Hội LHPN",),
    "hội cựu chiến binh": ("Hội CCB",),
    "đoàn thanh niên": ("ĐTN",),
    "công an": ("CA",),
    "trạm y tế": ("TYT",),
    "bệnh viện": ("BV",),
    "trường tiểu học": ("Trường TH",),
    "trường trung học cơ sở": ("Trường THCS",),
    "trường trung học phổ thông": ("Trường THPT",),
    "trường mầm non": ("Trường MN",),
    "khu phố": ("KP.", "KP"),
    "tổ dân phố": ("TDP",),
    "thị trấn": ("TT.",),
    "phường": ("P.",),
    "quận": ("Q.",),
    "huyện": ("H.",),
    "thành phố": ("TP.",),
    # No short form, but not a part to abbreviate either.
    "ban": (), "hội": (), "đội": (), "chi cục": (), "thanh tra": (), "xã": (),
    "trạm": (), "trường": (), "đảng ủy": (),
}.items()}
# Place words that may end a name, with their short forms.
PLACES = {key: HEADS[key] for key in (
    "quận", "huyện", "phường", "thị trấn", "thành phố", "xã")} | {"tỉnh": ()}
_LONGEST_HEAD = max(len(h.split()) for h in HEADS)
# Forms of one name beyond this many are not spelt out (a name of many
# parts would otherwise give hundreds).
MAX_FORMS = 200


def initials(words: list[str]) -> str:
    """ "Lao động" → "LĐ": first letters, tone and letter marks off except đ."""
    letters = []
    for word in words:
        first = unicodedata.normalize("NFD", word[0])[0]
        letters.append("Đ" if word[0] in "đĐ" else first.upper())
    return "".join(letters)


def _split_head(words: list[str], table) -> tuple[list[str], tuple[str, ...]]:
    """The longest leading phrase of `table` and its short forms."""
    keys = [match_key(w) for w in words]
    for size in range(min(_LONGEST_HEAD, len(words)), 0, -1):
        short = table.get(" ".join(keys[:size]))
        if short is not None:
            return words[:size], short
    return [], ()


def _place_at(words: list[str]) -> int:
    """Where the place at the end of what follows a name's head starts
    ("huyện", "Phường 15", "quận Gò Vấp"), or len(words)."""
    keys = [match_key(w) for w in words]
    for index in range(len(words)):
        size = 1 if keys[index] in PLACES else 2
        if size == 1 or " ".join(keys[index:index + 2]) in PLACES:
            after = words[index + size] if index + size < len(words) else ""
            # "Xã hội" is not a place: a place word ends the name or comes
            # before a place's name or number.
            if not after or after[0].isupper() or after[0].isdigit():
                return index
    return len(words)


def _segments(words: list[str]) -> list[list[str]]:
    """The parts of a name between its joining words."""
    parts, current = [], []
    for word in words:
        if word in _JOINS or word.lower() in _JOINS:
            if current:
                parts.append(current)
            current = []
        else:
            current.append(word)
    if current:
        parts.append(current)
    return parts


def _part_forms(part: list[str]) -> list[tuple[str, bool]]:
    """(written form, is initials) of one part of a name."""
    forms = [(" ".join(part), False)]
    if len(part) >= 2 and all(w.isalpha() for w in part):
        forms.append((initials(part), True))
    return forms


def _joined(forms: list[tuple[str, bool]]) -> set[str]:
    """Every way to join the parts: "-" (any join), nothing between words,
    or glued when both sides are initials ("LĐ-TBXH", "VHTT")."""
    results = set()
    gaps = []
    for left, right in pairwise(forms):
        options = [" - ", " "]
        if left[1] and right[1]:
            options.append("")
        gaps.append(options)
    for choice in product(*gaps):
        text = forms[0][0]
        for gap, (form, _) in zip(choice, forms[1:], strict=True):
            text += gap + form
        results.add(text)
    return results


def unit_forms(name: str) -> set[str]:
    """Other spellings of a unit's name (the name itself not included)."""
    words = [w for w in TOKEN.findall(name)]
    head, head_short = _split_head(words, HEADS)
    rest = words[len(head):]
    at = _place_at(rest) if rest else 0
    body, place = rest[:at], rest[at:]
    place_forms = {" ".join(place)}
    if place:
        place_word, short = _split_head(place, PLACES)
        tail = " ".join(place[len(place_word):])
        place_forms |= {f"{s} {tail}".strip() for s in short}
    head_forms = [" ".join(head), *head_short] if head else [""]
    parts = _segments(body)
    orders = [parts] + ([parts[::-1]] if len(parts) == 2 else [])
    bodies: set[tuple[str, str]] = set()  # (text, initials when one part)
    for order in orders if parts else ():
        for forms in product(*(_part_forms(p) for p in order)):
            one = forms[0][0] if len(forms) == 1 and forms[0][1] else ""
            bodies |= {(text, one) for text in _joined(list(forms))}
    if not parts:
        bodies = {("", "")}
    found: set[str] = set()
    for head_form, (body_text, one), place_text in product(
            head_forms, sorted(bodies), sorted(place_forms)):
        found.add(" ".join(x for x in (head_form, body_text, place_text) if x))
        last = head_form.split()[-1] if head_form else ""
        if one and last.isupper() and last.isalpha():
            # "TT" + "YT" → "TTYT", "Ban CH" + "QS" → "Ban CHQS"
            glued = head_form + one
            found.add(" ".join(x for x in (glued, place_text) if x))
        if len(found) > MAX_FORMS:
            break
    found.discard(" ".join(words))
    return found


def person_forms(name: str) -> set[str]:
    """A person's name without its diacritics, when it has any."""
    bare = search_fold(name)
    return {bare} if bare != name else set()
