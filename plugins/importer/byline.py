"""The author line that closes a legacy article ("Nhóm BTV", "Tin, ảnh: Minh
Anh") and the author name in it.

The old portal had no author field: the signature is the last line of the
text. It has to leave the body (the site prints the author itself) and
become ``Author:``, but a short last line may also be a photo caption or a
sentence, so a line only counts when it looks like a signature.
"""

from __future__ import annotations

import re

# "Tin, ảnh: X", "Bài và ảnh: X", "Tác giả: X"... (the name follows).
_LABELLED = re.compile(
    r"^\(?\s*(?:(?:tin|bài|ảnh|bài viết|tin bài)(?:\s*(?:,|và|-|/|&)\s*"
    r"(?:tin|bài|ảnh))*|tác giả|người viết|thực hiện|nhóm thực hiện)"
    r"\s*:\s*(?P<name>[^:]{2,60}?)\s*\)?\s*$",
    re.IGNORECASE)
# Signatures that are themselves the author's name.
_GROUP = re.compile(
    r"^(?:nhóm\s+)?(?:btv|ban biên tập|phóng viên|pv|ctv|cộng tác viên)"
    r"(?:\s+[\w.]+){0,4}$",
    re.IGNORECASE)
_SENTENCE_END = (".", ":", ";", ",", "!", "?", "…")
# "Theo Báo Đắk Nông điện tử", "(Theo TTXVN)", "Nguồn: Báo Bình Phước".
_CREDIT = re.compile(r"^\(?\s*(?:theo|nguồn(?:\s+tin)?\s*:)\s*(?P<name>[^()]{2,80}?)"
                     r"\s*\)?\s*\.?$", re.IGNORECASE)
# "báo Tuổi Trẻ", "đài PT-TH tỉnh", "cổng TTĐT tỉnh": a publisher's name.
_PUBLISHER = re.compile(r"^(?:báo|tạp chí|đài|cổng|trang|thông tấn xã|ttxvn)\b",
                        re.IGNORECASE)
# Accounts of the old CMS shown where the author's name should be.
_CMS_ACCOUNT = re.compile(
    r"^(?:(?:admin(?:istrator)?|quantri|quan tri|quản trị(?: viên)?|webmaster|"
    r"super user|editor|biên tập|user|root|manager|publisher)\s*\d*\s*)+$",
    re.IGNORECASE)


def author_of(line: str, loose: bool = False) -> str | None:
    """The author a signature line names, or None when it is no signature.

    ``loose`` also accepts a bare short name ("Minh Anh", "Thu Hà - Quang
    Huy"): right for the last line after body text, too eager after a
    photo, where a short line is more likely a caption."""
    text = " ".join(line.split()).strip()
    if not text or len(text) > 80:
        return None
    labelled = _LABELLED.match(text)
    if labelled:
        return labelled["name"].strip(" .")
    bare = text.strip("()").strip()
    if _GROUP.match(bare):
        return bare
    if loose and _looks_like_name(bare):
        return bare
    return None


def _looks_like_name(text: str) -> bool:
    """A few capitalised words (names, "Phòng Y tế quận"), no sentence."""
    if len(text) > 50 or text.endswith(_SENTENCE_END) or re.search(r"\d", text):
        return False
    words = re.split(r"\s+|\s*[-–,&]\s*", text)
    words = [word for word in words if word]
    return 0 < len(words) <= 8 and all(word[0].isupper() for word in words)


def credit_of(line: str) -> str | None:
    """The source a credit line names ("Theo Báo X" → "Báo X"), or None."""
    text = " ".join(line.split()).strip()
    match = _CREDIT.match(text)
    if not match or len(text) > 100:
        return None
    name = match["name"].strip(" .")
    # "Theo đó, …" and "Theo Kế hoạch số 12, …" open sentences, not credits.
    if (not name or re.search(r"[,;:]|\d/|\bsố\b", name, re.IGNORECASE)
            or len(name.split()) > 8):
        return None
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name):  # "baochinhphu.vn"
        return name
    if _PUBLISHER.match(name) or name[0].isupper():
        return name[0].upper() + name[1:]
    return None


def is_cms_account(name: str) -> bool:
    """"admin admin", "Administrator", "Super User": the old portal's login
    shown as the author, not a person."""
    return bool(_CMS_ACCOUNT.match(" ".join(name.split()).strip("() ")))
