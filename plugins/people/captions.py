"""People in the way Vietnamese news writes them.

"Đồng chí Nguyễn Văn Đức - Phó Bí thư Quận ủy, Chủ tịch UBND quận phát biểu…"
names a person after an honorific, then the titles they held that day, then
what they did. This module reads that shape from the matches of the one
detection pass: the titles as written (kept with the photo) and, after an
honorific, a capitalised name that is not registered (reported, with the
closest registered names, never added silently).
"""

from __future__ import annotations

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
    for pair in zip(words, words[1:], strict=False)
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
    for index, match in enumerate(matches):
        payload = match.payload
        after = matches[index + 1] if index + 1 < len(matches) else None
        if isinstance(payload, Tag) and payload.kind == kind.name:
            if after and after.start == match.end and _is_person(after.payload):
                continue
            name, end = _candidate(scan, match.end, starts)
            if name and _is_name(scan, match.end, end):
                honorific = scan.raw(match.start, match.end)
                notes.append(Unregistered(
                    kind.name, honorific, name,
                    suggest(registries, kind.name, name),
                    scan.offset(match.start)))
        elif caption and _is_person(payload):
            written = _titles(scan, match.end, starts, _unit_tokens(matches))
            if written:
                titles.setdefault(payload.id, written)
    return ({"titles": titles} if caption else {}), notes


def _is_person(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "people"


def _is_unit(payload) -> bool:
    return isinstance(payload, Entity) and payload.kind == "units"


def _unit_tokens(matches) -> set[int]:
    return {i for m in matches if _is_unit(m.payload) for i in range(m.start, m.end)}


def _candidate(scan, start: int, starts: set[int]) -> tuple[str, int]:
    """The capitalised words right after an honorific, and where they end."""
    tokens, keys = scan.tokens, scan.keys
    end = start
    while end < len(tokens) and end - start <= 5:
        token = tokens[end]
        if not (token[0].isalpha() and token[0].isupper()):
            break
        if end > start and (scan.breaks_before(end) or end in starts):
            break
        if end - start >= 2 and keys[end] in TITLE_HEADS:
            break
        end += 1
    if not 2 <= end - start <= 5:
        return "", end
    return " ".join(tokens[start:end]), end


def _is_name(scan, start: int, end: int) -> bool:
    followed_by_dash = end < len(scan.keys) and scan.keys[end] == "-"
    return scan.keys[start] in SURNAMES or followed_by_dash


def _titles(scan, start: int, starts: set[int], unit_tokens: set[int]) -> str:
    """The titles written after a person's name, as written ("" if none)."""
    tokens, keys = scan.tokens, scan.keys
    n = len(tokens)
    i = start
    if i < n and keys[i] in SEPARATORS:
        i += 1
    first, last = i, None

    def title_word(j: int) -> bool:
        if j >= n or j in starts:
            return False
        token = tokens[j]
        if token[0].isupper() or j in unit_tokens:
            return True
        previous = keys[j - 1] if j > 0 else ""
        if token.isdigit():
            return previous in PLACES
        return (previous, keys[j]) in _BIGRAMS or (
            keys[j] in PLACES and j > first and last == j - 1)

    while i < n:
        # A line break ends the titles unless the line ended with a comma.
        if last is not None and scan.breaks_before(i) and keys[i - 1] not in JOINERS:
            break
        if title_word(i):
            last = i
            i += 1
        elif keys[i] in JOINERS and last == i - 1 and title_word(i + 1):
            i += 1
        else:
            break
    return scan.raw(first, last + 1) if last is not None else ""
