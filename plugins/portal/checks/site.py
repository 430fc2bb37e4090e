"""The whole site: two files that would be published at one address.

The file name is the address (`SLUGIFY_SOURCE = "basename"`), so two
articles of one month with the same file name, or a `Slug:`/`Save_as:` line
copied from another article, collide. Pelican stops with a traceback when it
writes the second; the build drops it instead (portal.duplicates) and this
check says so before. Two articles with one slug at different addresses are
legal but Pelican then treats them as translations of each other (a warning).
"""

from __future__ import annotations

from collections import defaultdict

from ..diagnostics import ERROR, WARNING, Problem
from .model import PLUGIN, CheckContext, ContentFile
from .urls import content_item


def clash_problem(path: str, url: str, first: str) -> Problem:
    """The message for a file whose address is taken (used by the build too);
    `first` is the other file, relative to the content folder."""
    return Problem(
        PLUGIN, path, None,
        f"địa chỉ '/{url}' trùng với bài {first}",
        "hai bài không thể cùng một địa chỉ: hãy đổi tên tệp (tên tệp là địa chỉ "
        "của bài) hoặc sửa dòng 'Slug:'", ERROR)


def clashes(entries):
    """For (key, path, ...) entries: (entry, first entry with that key) for
    every entry after the first of its key, in path order."""
    first = {}
    for entry in sorted(entries, key=lambda e: e[1]):
        if entry[0] in first:
            yield entry, first[entry[0]]
        else:
            first[entry[0]] = entry


def check(files: list[ContentFile], context: CheckContext) -> list:
    items = [(f, content_item(f, context.settings)) for f in files]
    items = [(f, i) for f, i in items if i is not None]
    problems = [
        clash_problem(file.path, item.url, first_file.rel)
        for (_, _, file, item), (_, _, first_file, _) in clashes(
            (i.save_as, f.path, f, i) for f, i in items)
    ]
    by_slug = defaultdict(list)
    for file, item in items:
        if file.is_article:
            by_slug[(item.slug, getattr(item, "lang", ""))].append((file, item))
    for group in by_slug.values():
        # One per address: a second file at a taken address is an error above.
        group = list({item.save_as: (file, item) for file, item in sorted(
            group, key=lambda pair: pair[0].path, reverse=True)}.values())
        group.sort(key=lambda pair: pair[0].path)
        for file, item in group[1:]:
            problems.append(file.problem(
                None, WARNING,
                f"tên bài (slug) '{item.slug}' trùng với bài {group[0][0].rel}",
                "Pelican coi hai bài cùng slug là bản dịch của nhau; hãy đổi tên "
                "một trong hai tệp"))
    return problems
