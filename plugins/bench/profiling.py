"""Profile one cold build of a generated corpus with cProfile.

`invoke bench --profile` runs this after the timed builds: the build runs in
its own process under `python -m cProfile`, and the costliest functions (by
own time and by cumulative time) are printed and saved beside the JSON, so
the closing note of a performance change can name the top costs before and
after from the same command.
"""

from __future__ import annotations

import io
import pstats
import subprocess
import sys
from pathlib import Path

from .builds import BenchError, Site


def profile_cold_build(site: Site, out: Path, top: int = 25) -> str:
    """Profile a cold build of `site`; writes `out` (.prof) and a text report."""
    site.clean()
    site.write_settings()
    # One process renders every page (portal.incremental forks one per core
    # otherwise, and cProfile sees only the parent's share).
    with site.settings.open("a", encoding="utf-8") as handle:
        handle.write("PORTAL_RENDER_PROCESSES = 1\n")
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m",
               "pelican", "--settings", str(site.settings)]
    done = subprocess.run(command, cwd=site.work, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"profiled build failed:\n{done.stdout[-3000:]}"
                         f"{done.stderr[-3000:]}")
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text)
    stats.strip_dirs()
    for order in ("tottime", "cumulative"):
        text.write(f"\n=== top {top} by {order} ===\n")
        stats.sort_stats(order).print_stats(top)
    report = text.getvalue()
    out.with_suffix(".txt").write_text(report, encoding="utf-8")
    return report
