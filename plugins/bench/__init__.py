"""The build benchmark of the portal (`invoke bench`); not a Pelican plugin.

It generates a deterministic synthetic archive (`bench.corpus`) in a
temporary folder, builds it with plain Pelican, with Hugo (`bench.hugo`: the
corpus as a Hugo site) and with our site (`bench.builds`, `bench.suite`),
asks the other plugins for their own
figures (`bench.features`), prints a table (`bench.report`), writes the
figures as JSON and draws a PNG chart (`bench.chart`). Timings are never
asserted anywhere: they are reported with the machine they were taken on.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from .builds import PORTAL, BenchError, Site
from .chart import draw_chart
from .corpus import CorpusSpec, generate
from .report import text_report
from .suite import Options, run_suite

__all__ = ["BenchError", "CorpusSpec", "Options", "generate", "run_bench"]


def run_bench(options: Options, out: Path, chart: Path | None = None,
              work: Path | None = None, profile: bool = False,
              say: Callable[[str], None] = print) -> dict:
    """Run the suite, write `out` (JSON) and `chart` (PNG), print the table.

    Corpora and builds go in `work` when given (and stay there, to look at
    or profile again), else in a temporary folder removed afterwards."""
    out = Path(out).resolve()  # the profiled build runs in another folder
    out.parent.mkdir(parents=True, exist_ok=True)
    chart = chart or out.with_suffix(".png")
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as temporary:
        folder = Path(work) if work else Path(temporary)
        result = run_suite(options, folder, say)
        if profile:
            from .profiling import profile_cold_build

            largest = max(options.sizes)
            site = Site(PORTAL, folder / f"corpus-{largest}" / "content",
                        folder / f"portal-{largest}", options.project)
            say(profile_cold_build(site, out.with_suffix(".prof")))
    result["chart"] = str(chart)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    draw_chart(result, chart)
    say(text_report(result))
    say(f"\nfigures: {out}\nchart: {chart}")
    return result

