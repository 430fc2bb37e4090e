"""Measure the search index: build time and size per article.

`invoke bench-search` calls `measure` and prints the figures; the site
benchmark (`invoke bench`) can call it on its own synthetic corpus. The
figures come from the build itself (SEARCH_STATS_FILE), so they measure the
real plugin in a real Pelican build, not a re-enactment of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_IMAGE_LINE = re.compile(r"^!\[.*$", re.MULTILINE)


def measure(
    content: Path, work: Path, copies: int = 1, settings: Path = ROOT / "pelicanconf.py"
) -> dict:
    """Build ``content`` (each article ``copies`` times) in ``work`` and
    return the index figures plus the whole build's wall time.

    LOAD_CONTENT_CACHE = False: a fresh index every time, even when ``work``
    holds the same site's bundle and cache (see reuse.py)."""
    work, settings = Path(work), Path(settings)
    source = corpus(Path(content), work / "content", copies)
    stats = work / "search-stats.json"
    conf = work / "benchconf.py"
    conf.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(settings.parent)!r})\n"
        f"from {settings.stem} import *  # noqa\n"
        f"PATH = {str(source)!r}\n"
        f"OUTPUT_PATH = {str(work / 'output')!r}\n"
        f"CACHE_PATH = {str(work / 'cache')!r}\n"
        "LOAD_CONTENT_CACHE = False\n"
        f"SEARCH_STATS_FILE = {str(stats)!r}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "--settings", str(conf), "-q"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "PORTAL_STRICT": "0"},
    )
    build_seconds = time.perf_counter() - start
    if proc.returncode != 0 or not stats.is_file():
        raise RuntimeError(
            "Dựng trang để đo chỉ mục tìm kiếm thất bại:\n" + proc.stdout + proc.stderr
        )
    figures = json.loads(stats.read_text(encoding="utf-8"))
    return {
        "articles": figures["articles"],
        "index_seconds": round(figures["seconds"], 3),
        "pagefind_seconds": round(figures["pagefind_seconds"], 3),
        "bundle_bytes": figures["bundle_bytes"],
        "data_bytes": figures["data_bytes"],
        "bytes_per_article": figures["bytes_per_article"],
        "build_seconds": round(build_seconds, 3),
    }


def corpus(content: Path, target: Path, copies: int) -> Path:
    """A copy of ``content`` where every article appears ``copies`` times.

    Copies after the first get their own file name (hence URL) and leave
    their photos out: a photo attached to two articles is a build error,
    and photos do not reach the search index anyway.
    """
    if target.resolve() == content.resolve():
        if copies > 1:
            raise ValueError("copies > 1 needs a target other than the content")
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(content, target)
    articles = sorted((target / "articles").rglob("*.md"))
    for n in range(2, copies + 1):
        for path in articles:
            text = _IMAGE_LINE.sub("", path.read_text(encoding="utf-8"))
            path.with_name(f"{path.stem}-ban-{n}.md").write_text(text, encoding="utf-8")
    return target
