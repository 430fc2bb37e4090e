"""`invoke check`: every content check, without building the site.

Reads the settings for where content lives, runs the same source checks as
the build's reader, and reports per file in Vietnamese (or JSON for tools).
Later issues add their checks here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from .diagnostics import ERROR, NOTICE, ContentError, Problem, display_path
from .source import check_source, read_text

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


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
    for folders, is_article in kinds:
        for path in content_files(content_root, folders):
            report.files += 1
            try:
                text = read_text(path)
            except ContentError as error:
                report.problems.extend(error.problems)
                continue
            source = check_source(path, text, content_root, needs_date=is_article)
            report.problems.extend(source.problems)
    return report


def format_report(report: Report, fmt: str = "text") -> str:
    problems = list(dict.fromkeys(report.problems))  # fold repeats, keep order
    if fmt == "json":
        return json.dumps(
            {
                "files": report.files,
                "failed": report.failed,
                "problems": [
                    {**asdict(p), "path": display_path(p.path)} for p in problems
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    if not problems:
        return f"Đã kiểm tra {report.files} tệp: không có vấn đề nào."
    lines = []
    for path in dict.fromkeys(p.path for p in problems):
        lines.append(display_path(path))
        for p in (p for p in problems if p.path == path):
            where = f"dòng {p.line}" if p.line else "cả tệp"
            hint = f" — {p.hint}" if p.hint else ""
            lines.append(f"  {where}: [{p.level}] {p.message}{hint}")
    errors = sum(p.level == ERROR for p in problems)
    lines.append(
        f"Đã kiểm tra {report.files} tệp: {errors} lỗi, "
        f"{len(problems) - errors} vấn đề khác."
    )
    return "\n".join(lines)
