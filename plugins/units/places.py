"""A unit's name followed by another locality is that locality's unit.

"Phòng Nội vụ huyện Cư Jút", "Trạm Y tế phường Tân Định", "phó phòng nội
vụ các huyện trong cụm": the words after the name say whose unit it is.
Ours are the localities the registry itself names (in its names, aliases
and addresses: "huyện Krông Nô", "Phường 15", "TP. Hồ Chí Minh"), so no
setting has to repeat them. A place word alone ("Phòng Nội vụ huyện") is
ours; a place word with a name or number we do not know, or in the plural
("các huyện"), is not.
"""

from __future__ import annotations

import re

from vn_text import match_key
from vn_text.names import SURNAMES, keys

# Place words, one token or two, with their short forms.
_PLACE_WORDS = keys("quận huyện phường xã tỉnh ấp thôn")
# Short forms are place words only with their dot ("Q. 3", not "VH-TT").
_SHORT = keys("q p h x tp tt tx kp")
_PLACE_PAIRS = frozenset(match_key(w.replace("_", " ")) for w in (
    "thị_trấn", "thành_phố", "thị_xã", "đặc_khu", "khu_phố"))
_PLACE_NAME = re.compile(
    r"(?:quận|huyện|phường|xã|tỉnh|thị trấn|thị xã|thành phố|đặc khu|khu phố"
    r"|tp|q|p|h|tt|tx|kp)\.?\s*(\d+|[^\W\d_][\w'’]*(?:[ \t]+[^\W\d_][\w'’]*){0,3})",
    re.I)


def _ours(registries) -> frozenset[str]:
    """Keys of the localities the registry names ("gò vấp", "15")."""
    memo = registries.memo.setdefault("units.places", {})
    if "ours" not in memo:
        found = set()
        for unit in registries.entries.get("units", {}).values():
            for text in (*unit.names(), unit.address or ""):
                for m in _PLACE_NAME.finditer(text):
                    words = []
                    for word in m.group(1).split():
                        if not (word[0].isupper() or word[0].isdigit()):
                            break
                        words.append(word)
                    found.add(match_key(" ".join(words)))
        memo["ours"] = frozenset(found)
    return memo["ours"]


def _place_at(words, index: int, short: bool = True) -> int:
    """Tokens the place word at `index` takes (0: none there)."""
    if index >= len(words):
        return 0
    key, following = words.key[index], words.text[index + 1:index + 2]
    if following and (key + " " + words.key[index + 1]) in _PLACE_PAIRS:
        return 2
    if short and key in _SHORT and following == ["."]:
        return 2
    return 1 if key in _PLACE_WORDS else 0


# Cheap tests, one regex call each: a place word (or a short form with its
# dot), in the plural or not ("các huyện"), comes next, or a place word ends
# the name. Most names are followed by none of them.
_WORDS = (r"(?:quận|huyện|phường|xã|tỉnh|ấp|thôn|thành phố|thị trấn|thị xã"
          r"|đặc khu|khu phố)")
_NEXT = re.compile(r"\s*(các\s+|những\s+)?(?:" + _WORDS
                   + r"(?!\w)|(?:q|p|h|x|tp|tt|tx|kp)\.)", re.I)
_END = re.compile(r"(?<!\w)(?:quận|huyện|phường|xã|tỉnh|ấp|thôn)$", re.I)


def elsewhere(scan, match, registries) -> bool:
    """True when the unit named at `match` is followed by a locality that
    is not ours."""
    text = scan.text
    after = _NEXT.match(text, match.end)
    if after and after.group(1):
        return True  # "Phòng Tư pháp các huyện"
    if not after and not _END.search(text, max(0, match.end - 8), match.end):
        return False  # no place word after the name or at its end
    before = scan.words(max(0, match.end - 12), 6, match.end)
    after = scan.words(match.end, 7)
    if not len(after):
        return False
    index = 0
    size = _place_at(after, 0)
    if size:
        index = size
    elif not (len(before) and _place_at(before, len(before) - 1, short=False)):
        return False  # no place word at the end of the name or after it
    if index < len(after) and scan.breaks(match.end, after.start[index]):
        return False
    name = []
    for word in after.text[index:index + 4]:
        if not (word[0].isupper() or word[0].isdigit() or word in "'’") or (
                match_key(word) in _PLACE_WORDS):
            break
        name.append(word)
        if word[0].isdigit():
            break
    if not name or (len(name) >= 2 and match_key(name[0]) in SURNAMES):
        return False  # nothing, or a person ("huyện Trương Thị Hạnh")
    if all(w.isupper() or not w.isalpha() for w in name) and not any(
            ch.islower() for ch in scan.text[match.start:match.end]):
        return False  # all in capitals: "… HUYỆN TỔNG KẾT" says nothing
    ours = _ours(registries)
    written = match_key(" ".join(name)).replace(" ' ", "'").replace(" ’ ", "’")
    prefixes = [match_key(" ".join(name[:n])) for n in range(1, len(name) + 1)]
    return not any(k in ours for k in prefixes) and written not in ours
