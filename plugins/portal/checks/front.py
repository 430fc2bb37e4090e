"""Front matter: dates in the future, categories, markup in the title.

A date in the future is usually a typo in the year (2052 for 2025); a
category outside the site's list creates a new menu entry and section page
no one planned (`PORTAL_CATEGORIES`, from portal.yml, lists the site's
categories; spelling variants that fold to the same slug are reported too,
because the first one read would name the section). The title is plain
text: markup in it is shown as characters.
"""

from __future__ import annotations

import difflib
import re

from vn_text import match_key, search_fold

from .. import safehtml
from ..diagnostics import WARNING
from ..source import parse_date
from .model import CheckContext, ContentFile

DRAFT = "draft"


def check(file: ContentFile, context: CheckContext) -> list:
    return [*check_dates(file, context), *check_category(file, context),
            *check_markup(file, context)]


def check_dates(file: ContentFile, context: CheckContext) -> list:
    problems = []
    status = (file.header("status") or (0, ""))[1].lower()
    dates = {}
    for key in ("date", "modified"):
        found = file.header(key)
        when = parse_date(found[1]) if found else None
        if when is None:
            continue
        dates[key] = when
        if when > context.now and status != DRAFT:
            problems.append(file.problem(
                found[0], WARNING,
                f"ngày '{found[1]}' ở tương lai (hôm nay là "
                f"{context.now:%d/%m/%Y})",
                "bài sẽ hiện ngay với ngày này; nếu gõ nhầm hãy sửa lại, nếu "
                "chưa muốn đăng hãy thêm dòng 'Status: draft'"))
    if "date" in dates and "modified" in dates and dates["modified"] < dates["date"]:
        problems.append(file.problem(
            file.header("modified")[0], WARNING,
            "ngày sửa (Modified) trước ngày đăng (Date)",
            "hãy kiểm tra lại hai ngày"))
    return problems


def check_category(file: ContentFile, context: CheckContext) -> list:
    known = tuple(context.settings.get("PORTAL_CATEGORIES") or ())
    if not file.is_article or not known or not file.header_complete:
        return []
    choices = "các chuyên mục: " + ", ".join(known)
    found = file.header("category")
    if not found or not found[1]:
        return [file.problem(found[0] if found else 1, WARNING,
                             "thiếu chuyên mục (Category)",
                             f"hãy thêm dòng 'Category: …', chọn một trong {choices}")]
    line, name = found
    if name in known:
        return []
    same = [k for k in known if match_key(k) == match_key(name)]
    if same:
        return [file.problem(line, WARNING,
                             f"chuyên mục '{name}' viết khác với danh sách",
                             f"hãy viết đúng '{same[0]}'")]
    folded = {search_fold(k).lower(): k for k in known}
    close = difflib.get_close_matches(search_fold(name).lower(), folded, n=1,
                                      cutoff=0.6)
    guess = f"có phải '{folded[close[0]]}'? " if close else ""
    return [file.problem(line, WARNING,
                         f"chuyên mục '{name}' không có trong danh sách của trang",
                         f"{guess}Hãy chọn một trong {choices} (hoặc thêm chuyên "
                         "mục mới vào categories trong portal.yml)")]


TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def has_markup(text: str) -> str | None:
    """The first HTML tag in a plain-text field (a title), or None."""
    match = TAG.search(text)
    return match.group(0) if match else None


def check_markup(file: ContentFile, context: CheckContext) -> list:
    problems = []
    title = file.header("title")
    if title and (tag := has_markup(title[1])):
        problems.append(file.problem(
            title[0], WARNING, f"tiêu đề có mã HTML '{tag}'",
            "tiêu đề được hiển thị nguyên văn, kể cả các ký tự < >; hãy bỏ "
            "mã HTML khỏi tiêu đề"))
    summary = file.header("summary")
    if summary:
        _, removed = context.sanitiser.sanitize(context.html(summary[1]))
        problems += safehtml.problems(removed, file.path, summary[0])
    return problems
