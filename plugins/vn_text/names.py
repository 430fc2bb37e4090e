"""Vietnamese family names, as match keys.

People's captions read a capitalised run after "Ông"/"Bà" as a person's
name only when it starts with one (so "Bà Rịa", "Ông Ích Khiêm" street are
not); units read a run after a place word that starts with one as a
person, not a locality ("Trung tâm Y tế huyện Trương Thị Hạnh"). "Phó" and
"Văn" are left out: after an honorific they start titles.
"""

from .tones import match_key


def keys(words: str) -> frozenset:
    """The match keys of space-separated words."""
    return frozenset(match_key(w) for w in words.split())


SURNAMES = keys(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý "
    "Đào Đoàn Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lưu Châu Cao Quách "
    "Thái Kiều Đinh Lương Từ Âu Triệu Tăng Lại La Chu Hứa Giang Tiêu Khúc "
    "Nghiêm Diệp Đàm Kim Thân Mạc Hầu Tôn Lục Trình Bạch Lã Khổng Tống Doãn "
    "Mã Đậu Nông Lò Thạch Danh Sơn Quang Ninh Ung Yên Lữ Khương Hàn")
