"""Publication dates as district portals print them.

Seen on old portals: "Ngày đăng 03/05/2019 | 10:23", "03/05/2019",
"02/5/2019", "Thứ Sáu, 03/05/2019 - 10:23 AM", "10h23 03-05-2019",
"thứ tư, 22 05 2019 16:09" (SharePoint), "21/12/2012 | 12:00 AM" (Liferay),
"14 tháng 3 năm 2018 lúc 08:15" (Joomla), "03.07.2020 lúc 9:30 PM", an ISO
timestamp in a meta tag, and a bare "15.9" (day and month) whose year is
printed somewhere else on the page. Dates are always day first; a string
that is not a real date (31/02) is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_YEAR = r"(?:19|20)\d{2}"
FULL = re.compile(
    rf"(?<![\d/.-])(?P<d>\d{{1,2}})(?:\s*(?P<sep>[/.-])\s*|\s+(?:tháng\s+)?|"
    rf"\s+tháng\s+)(?P<m>\d{{1,2}})(?:\s*(?P=sep)\s*|(?(sep)(?!)|\s*(?:,|năm)?\s*))"
    rf"(?P<y>{_YEAR})(?![\d/.-])", re.IGNORECASE)
ISO = re.compile(
    rf"(?<!\d)(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?")
SHORT = re.compile(
    r"(?<![\d/.:-])(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})(?![\d/.:-])")
TIME = re.compile(
    r"(?<![\d/.])(?P<H>[01]?\d|2[0-3])\s*(?::|h|g|giờ)\s*(?P<M>[0-5]\d)"
    r"(?:\s*(?:phút|')?)?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?|SA|CH|sáng|chiều|tối)(?!\w))?"
    r"(?![\d/])", re.IGNORECASE)
YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
PUBLISHED_LABEL = re.compile(
    r"ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+xuất\s+bản|thời\s+gian\s+đăng|"
    r"ngày\s+cập\s+nhật|cập\s+nhật|published|posted", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A date read from text; ``year`` is None for a bare day and month."""

    day: int
    month: int
    year: int | None
    hour: int | None = None
    minute: int | None = None

    def resolve(self, year: int | None = None) -> datetime | None:
        year = self.year or year
        if year is None:
            return None
        try:
            return datetime(year, self.month, self.day, self.hour or 0,
                            self.minute or 0)
        except ValueError:
            return None

    @property
    def has_time(self) -> bool:
        return self.hour is not None


# Month names as Joomla's and WordPress's Vietnamese packs print them
# ("14 Tháng Ba 2018"), longest first.
MONTH_WORDS = {"mười một": 11, "mười hai": 12, "giêng": 1, "hai": 2, "ba": 3,
               "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
               "mười": 10}
_MONTH_WORD = re.compile(
    r"(?<=\d)(\s+tháng\s+)(" + "|".join(MONTH_WORDS) + r")(?=[\s,]+(?:năm\s+)?\d{4})",
    re.IGNORECASE)


def _month_numbers(text: str) -> str:
    return _MONTH_WORD.sub(lambda m: f"{m[1]}{MONTH_WORDS[m[2].lower()]}", text)


def find_date(text: str, allow_short: bool = False) -> Found | None:
    """The first valid date in ``text`` with the time printed beside it."""
    text = _month_numbers(text)
    iso = ISO.search(text)
    if iso:
        found = Found(int(iso["d"]), int(iso["m"]), int(iso["y"]),
                      int(iso["H"]) if iso["H"] else None,
                      int(iso["M"]) if iso["M"] else None)
        if found.resolve():
            return found
    for match in FULL.finditer(text):
        found = _with_time(text, match, int(match["y"]))
        if found.resolve():
            return found
    if allow_short:
        for match in SHORT.finditer(text):
            found = _with_time(text, match, None)
            if found.resolve(2000):  # 29.2 is valid in a leap year
                return found
    return None


def _with_time(text: str, match: re.Match, year: int | None) -> Found:
    # The time sits right after the date ("03/05/2019 | 10:23") or right
    # before it ("10h23 03-05-2019"), never further than a separator away.
    after = text[match.end(): match.end() + 16]
    before = text[max(0, match.start() - 16): match.start()]
    hour = minute = None
    near = TIME.match(_LEAD_IN.sub("", after)) or _last(TIME, before)
    if near:
        hour, minute = int(near["H"]), int(near["M"])
        ampm = (near["ampm"] or "").lower().replace(".", "")
        if ampm in ("pm", "ch", "chiều", "tối") and hour < 12:
            hour += 12
        elif ampm in ("am", "sa") and hour == 12:
            hour = 0
    return Found(int(match["d"]), int(match["m"]), year, hour, minute)


# Between a date and its time: separators, "lúc" ("at"), "ngày" ("day").
_LEAD_IN = re.compile(r"^[\s|,–—\u00a0-]*(?:(?:lúc|ngày|vào)\b[\s,]*)?", re.IGNORECASE)


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007
        pass
    if found and not _LEAD_IN.sub("", text[found.end():]).strip(" |-,–—\u00a0"):
        return found
    return None


def is_date_line(text: str) -> bool:
    """A line that only says when the article was published (with a label,
    weekday, time, separators), which leaves the body."""
    found = find_date(text, allow_short=True)
    if found is None or len(text) > 100:
        return False
    text = _month_numbers(text)
    rest = FULL.sub(" ", ISO.sub(" ", text))
    rest = SHORT.sub(" ", TIME.sub(" ", rest))
    rest = PUBLISHED_LABEL.sub(" ", rest)
    rest = re.sub(r"(?i)thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|ngày|lúc|"
                  r"[\W\d_]", " ", rest)
    return len(rest.split()) <= 2
