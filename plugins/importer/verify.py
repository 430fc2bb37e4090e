"""One report, one truth: an imported article is checked as `invoke check`
checks it, before it is written.

The importer used to have its own idea of what deserves a warning, and an
import that reported none could still be refused by a strict build (a photo
with neither alt nor caption, a leader's name not in the registry). Here the
Markdown about to be written goes through the same per-file checks as
`invoke check` (portal.checker: header, text, photos; entities: units and
people), so what the importer calls a warning is what the check and the
strict build call one. Photos still to be copied in are the importer's own
warning (it names the file to drop in), so the checks do not look at files.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from portal.diagnostics import NOTICE, Problem
from vn_text import nfc

from .writer import Planned

SETTINGS = Path(__file__).resolve().parents[2] / "pelicanconf.py"


@cache
def site_settings(path: str = str(SETTINGS)) -> dict:
    from pelican.settings import read_settings

    return read_settings(path)


def check(planned: Planned, content: Path,
          settings: dict | None = None) -> list[Problem]:
    """Warnings and errors `invoke check` would report for the article
    ``planned`` would write (notices are left to the importer's own)."""
    from portal.checker import FILE_CHECKS, entity_problems
    from portal.checks import CheckContext, ContentFile
    from portal.source import check_source

    settings = settings or site_settings()
    path = str(planned.markdown_path)
    text = nfc(planned.text)
    source = check_source(path, text, str(content), needs_date=True, check_files=False)
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(content))
    file = ContentFile(path, rel.replace(os.sep, "/"), planned.text, text, source,
                       True)
    context = CheckContext.of(settings, str(content))
    problems = list(source.problems)
    for run_check in FILE_CHECKS:
        problems.extend(run_check(file, context))
    problems.extend(entity_problems(str(content), settings, [(path, text)]))
    return [p for p in problems if p.level != NOTICE and p.path == path]
