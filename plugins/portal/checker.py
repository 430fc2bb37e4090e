"""`invoke check`: every content check, without building the site.

Reads the settings for where content lives, runs the same source checks as
the build's reader, and reports per file in Vietnamese (or JSON for tools).
Later issues add their checks here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from .checks import CheckContext, ContentFile, files, front, links, photos, site
from .checks import text as body_text
from .diagnostics import ERROR, NOTICE, ContentError, Problem, display_path
from .published import limit, refusal
from .source import check_source, read_text

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
# Editorial checks (portal.checks): per file, then over the whole site.
FILE_CHECKS = (front.check, body_text.check, photos.check)
SITE_CHECKS = (site.check, links.check, files.check)


@dataclass
class Report:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.level != NOTICE for p in self.problems)


def content_files(root: str, folders: list[str]):
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(MARKDOWN_EXTENSIONS):
                    yield os.path.join(dirpath, name)


def check_content(content_root: str, settings_file: str | None = None) -> Report:
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    report = Report()
    kinds = [(settings["ARTICLE_PATHS"], True), (settings["PAGE_PATHS"], False)]
    articles = []
    files = []
    for folders, is_article in kinds:
        for path in content_files(content_root, folders):
            report.files += 1
            reason = refusal(path, content_root,
                             limit(settings, "PORTAL_SOURCE_MAX_BYTES"))
            if reason:
                report.problems.append(Problem(
                    "portal", path, None, f"tệp {reason[0]}", reason[1], ERROR))
                continue
            try:
                text = read_text(path)
            except ContentError as error:
                report.problems.extend(error.problems)
                continue
            source = check_source(path, text, content_root, needs_date=is_article)
            report.problems.extend(source.problems)
            files.append(ContentFile.read(path, content_root, text, source, is_article))
            if is_article:
                articles.append((path, text))
    report.problems.extend(editorial_problems(files, settings, content_root))
    report.problems.extend(entity_problems(content_root, settings, articles))
    report.problems.extend(redirect_problems(content_root, settings, files))
    return report


def editorial_problems(files: list[ContentFile], settings: dict, content_root: str,
                       now=None) -> list[Problem]:
    """Front matter, text, photos, links and addresses (portal.checks)."""
    context = CheckContext.of(settings, content_root, now)
    problems = []
    for file in files:
        for check in FILE_CHECKS:
            problems.extend(check(file, context))
    for check in SITE_CHECKS:
        problems.extend(check(files, context))
    return problems


def entity_problems(content_root: str, settings: dict, articles: list) -> list:
    """Registries, unknown unit/person ids and unregistered names, when the
    site uses the entities plugins (imported lazily: portal does not need
    them)."""
    try:
        from entities.check import check_articles
    except ImportError:
        return []
    return check_articles(content_root, settings, articles)


def redirect_problems(content_root: str, settings: dict, files: list) -> list:
    """Old addresses of content/data/redirects.yml whose article is missing,
    when the site uses the redirects plugin."""
    if "redirects" not in (settings.get("PLUGINS") or []):
        return []
    from redirects import check_content as check_redirects

    return check_redirects(content_root, settings,
                           [f.rel for f in files if f.is_article])


def fold(problems: list[Problem]) -> list[tuple[Problem, list[int]]]:
    """One entry per problem of a file, however often it occurs: the problem
    at its first line, and every line it occurs on; by file, then line."""
    found: dict[tuple, tuple[Problem, list[int]]] = {}
    for p in problems:
        key = (p.path, p.plugin, p.message, p.hint, p.level)
        if key not in found:
            found[key] = (p, [])
        if p.line and p.line not in found[key][1]:
            found[key][1].append(p.line)
    return sorted(((p, sorted(lines)) for p, lines in found.values()),
                  key=lambda item: (item[0].path, item[1][:1] or [0]))


def format_report(report: Report, fmt: str = "text") -> str:
    problems = fold(report.problems)
    if fmt == "json":
        return json.dumps(
            {
                "files": report.files,
                "failed": report.failed,
                "problems": [
                    {**asdict(p), "line": lines[0] if lines else None,
                     "lines": lines, "path": display_path(p.path)}
                    for p, lines in problems
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    if not problems:
        return f"Đã kiểm tra {report.files} tệp: không có vấn đề nào."
    lines = []
    for path in dict.fromkeys(p.path for p, _ in problems):
        lines.append(display_path(path))
        for p, numbers in (item for item in problems if item[0].path == path):
            where = "dòng " + ", ".join(map(str, numbers)) if numbers else "cả tệp"
            hint = f" — {p.hint}" if p.hint else ""
            lines.append(f"  {where}: [{p.level}] {p.message}{hint}")
    errors = sum(p.level == ERROR for p, _ in problems)
    notices = sum(p.level == NOTICE for p, _ in problems)
    lines.append(
        f"Đã kiểm tra {report.files} tệp: {errors} lỗi, "
        f"{len(problems) - errors - notices} cảnh báo, {notices} lưu ý."
    )
    return "\n".join(lines)
