"""People in the way Vietnamese news writes them.

"Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận phát biểu…"
names a person after an honorific, then the titles they held that day, then
what they did. This module reads that shape from the matches of the one
detection pass: the titles as written (kept with the photo) and, after an
honorific, a capitalised name that is not registered (reported, with the
closest registered names, never added silently).
"""

from __future__ import annotations

from itertools import pairwise

from entities.detect import Unregistered, suggest
from entities.kinds import Entity, Tag
from vn_text import match_key


def _keys(words: str) -> frozenset:
    return frozenset(match_key(w) for w in words.split())


# Family names: a capitalised run after "Ông"/"Bà" is a person's name only
# when it starts with one (so "Bà Rịa", "Ông Ích Khiêm" street are not).
# "Phó" and "Văn" are left out: after an honorific they start titles.
SURNAMES = _keys(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý "
    "Đào Đoàn Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lưu Châu Cao Quách "
    "Thái Kiều Đinh Lương Từ Âu Triệu Tăng Lại La Chu Hứa Giang Tiêu Khúc "
    "Nghiêm Diệp Đàm Kim Thân Mạc Hầu Tôn Lục Trình Bạch Lã Khổng Tống Doãn "
    "Mã Đậu Nông Lò Thạch Danh Sơn Quang Ninh Thạch Ung Yên Lữ Khương Hàn")
# Words that start a title: a name stops before them ("Trần Văn Bình Phó
# Chủ tịch" is Trần Văn Bình).
TITLE_HEADS = _keys(
    "Phó Chủ Bí Trưởng Giám Tổng Ủy Uỷ Thường Quận Phường Huyện Đội Ban Phòng "
    "Trung Chi Bệnh Đại Hiệu Tổ UBND HĐND UVTV QUV BCH")
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
)
_BIGRAMS = frozenset(
    pair
    for phrase in TITLE_PHRASES
    for words in [[match_key(w) for w in phrase.split()]]
    for pair in pairwise(words)
)
# Place words that follow a title ("Chủ tịch UBND quận", "Bí thư phường").
PLACES = _keys("quận phường huyện xã thành")
SEPARATORS = frozenset({"-", ",", ":"})
JOINERS = frozenset({",", "&", "-", "/"})


def annotate(kind, scan, registries, caption: bool):
    """(photo extras, unregistered names) for one scanned text."""
    titles: dict[str, str] = {}
    notes: list[Unregistered] = []
    matches = scan.matches
    starts = {m.start for m in matches if not _is_unit(m.payload)}
    units = [(m.start, m.end) for m in matches if _is_unit(m.payload)]
    for index, match in enumerate(matches):
        payload = match.payload
        after = matches[index + 1] if index + 1 < len(matches) else None
        if isinstance(payload, Tag) and payload.kind == kind.name:
            if (after and _is_person(after.payload)
                    and not scan.text[match.end:after.start].strip()):
                continue  # "Đồng chí <registered name>"
            name = _candidate(scan, scan.words(match.end, 7), starts)
            if name:
                notes.append(Unregistered(
                    kind.name, scan.raw(match.start, match.end), name,
                    suggest(registries, kind.name, name), match.start))
        elif caption and _is_person(payload):
            written = _titles(scan, scan.words(match.end, 12), starts, units)
            if written is None:  # titles longer than 12 words: read on
                written = _titles(scan, scan.words(match.end, 60), starts, units)
            if written:
                titles.setdefault(payload.id, written)
    return ({"titles": titles} if caption else {}), notes


def _is_person(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "people"


def _is_unit(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "units"


def _candidate(scan, words, starts: set[int]) -> str:
    """The capitalised words right after an honorific when they look like a
    person's name (2 to 5 words, a family name first or a dash after)."""
    text, key, start, end = words.text, words.key, words.start, words.end
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


def _titles(scan, words, starts: set[int], units) -> str | None:
    """The titles written after a person's name, as written ("" if none;
    None when `words` ended before the titles did)."""
    text, key, start, end = words.text, words.key, words.start, words.end
    count = len(words)
    i = 1 if count and key[0] in SEPARATORS else 0
    first, last = i, None

    def title_word(j: int) -> bool:
        if j >= count or start[j] in starts:
            return False
        if text[j][0].isupper() or any(s <= start[j] and end[j] <= e
                                       for s, e in units):
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
    if i == count == 12:
        return None  # the words ran out before the titles did
    return scan.raw(start[first], end[last]) if last is not None else ""
