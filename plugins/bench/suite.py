"""The whole benchmark: corpora of several sizes, each built several ways.

For each size: plain Pelican cold, Hugo cold (`bench.hugo`: the same
corpus as a Hugo site, when Hugo is installed), then ours cold, warm
(nothing changed) and after editing one article, each repeated `runs` times
and summarised by the median (the machine is shared, so single runs are
noisy), with the peak memory of the largest process and of the whole build
(all processes together). Ratios against plain Pelican and Hugo are taken
within the same run, never against figures from another day or machine.
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from .builds import HUGO, PLAIN, PORTAL, ROOT, Build, Site
from .corpus import CorpusSpec, generate
from .features import PROBES, Context, measure_features
from .hugo import NOT_INSTALLED, HugoSite, hugo_binary, hugo_version
from .registries import PEOPLE, UNITS

STEPS = ("plain_cold", "hugo_cold", "cold", "warm", "edit")


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...]
    runs: int = 3
    photos_per_article: int = 0
    seed: int = 2025
    photo_size: tuple[int, int] | None = None  # None: camera size
    project: Path = ROOT
    features: bool = True
    photo_bench_count: int = 24  # photos made by the photo pipeline benchmark
    # When set, one more cold build of a corpus this large, for its memory
    # (all processes together) alone: the memory target is measured, not
    # extrapolated (search shards stop Pagefind's part from growing).
    memory_articles: int = 0


def search_figures(builds: list[Build]) -> dict | None:
    """The index figures the search plugin wrote during these builds."""
    stats = [b.search for b in builds if b.search]
    if not stats:
        return None
    return {**stats[-1],
            "seconds": round(statistics.median(s["seconds"] for s in stats), 3),
            "source": "SEARCH_STATS_FILE of the timed builds (median)"}


def summary(builds: list[Build]) -> dict:
    return {
        "seconds": round(statistics.median(b.seconds for b in builds), 3),
        "cpu_seconds": round(statistics.median(b.cpu_seconds for b in builds), 3),
        "runs": [b.seconds for b in builds],
        "cpu_runs": [b.cpu_seconds for b in builds],
        "peak_rss_mb": max(b.peak_rss_mb for b in builds),
        "pelican_rss_mb": max(b.pelican_rss_mb for b in builds),
        "total_mb": max(b.total_mb for b in builds),
        "warnings": max(b.warnings for b in builds),
        "files": builds[-1].files,
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def measured(figures: dict, step: str, measure: str) -> float | None:
    """A step's figure; None when the step could not run (no Hugo)."""
    step_figures = figures.get(step)
    return step_figures[measure] if isinstance(step_figures, dict) else None


def ratios(figures: dict, measure: str) -> dict:
    """The targets' ratios, of wall time or of CPU time."""
    cold, warm, edit, hugo = (measured(figures, step, measure)
                              for step in ("cold", "warm", "edit", "hugo_cold"))
    return {"cold_vs_plain": ratio(cold, measured(figures, "plain_cold", measure)),
            "warm_vs_cold": ratio(warm, cold),
            "edit_vs_cold": ratio(edit, cold),
            "cold_vs_hugo": ratio(cold, hugo),
            "warm_vs_hugo": ratio(warm, hugo),
            "edit_vs_hugo": ratio(edit, hugo)}


def measure_size(articles: int, options: Options, work: Path,
                 say: Callable[[str], None]) -> dict:
    spec = CorpusSpec(articles, options.photos_per_article, options.seed,
                      **({"photo_size": options.photo_size}
                         if options.photo_size else {}))
    say(f"[{articles}] generating the corpus")
    corpus = generate(work / f"corpus-{articles}", spec)
    plain = Site(PLAIN, corpus.content, work / f"plain-{articles}")
    hugo = HugoSite(HUGO, corpus.content, work / f"hugo-{articles}",
                    options.project)
    ours = Site(PORTAL, corpus.content, work / f"portal-{articles}",
                options.project)
    steps = list(STEPS)
    if hugo_binary():
        say(f"[{articles}] writing the Hugo site (units and people: our "
            "detection)")
        hugo.write_settings()  # always: the work folder may hold an old one
    else:
        say(f"[{articles}] Hugo: {NOT_INSTALLED}")
        steps.remove("hugo_cold")
    sites = {"plain_cold": plain, "hugo_cold": hugo}
    results: dict[str, list[Build]] = {step: [] for step in steps}
    for run in range(1, options.runs + 1):
        for site in (plain, hugo, ours):
            site.clean()
        for step in steps:
            if step == "edit":
                corpus.edit(run)
            site = sites.get(step, ours)
            results[step].append(site.build(f"{step}-{run}"))
            build = results[step][-1]
            say(f"[{articles}] run {run}/{options.runs}: {step} "
                f"{build.seconds:.2f} s (cpu {build.cpu_seconds:.2f} s)")
    figures = {step: summary(results[step]) if step in results else NOT_INSTALLED
               for step in STEPS}
    entry = {
        "articles": articles,
        "photos": corpus.photos,
        "text_mb": round(corpus.text_bytes / 1e6, 2),
        "photo_mb": round(corpus.photo_bytes / 1e6, 1),
        **figures,
        "ratios": ratios(figures, "seconds"),
        "cpu_ratios": ratios(figures, "cpu_seconds"),
    }
    if options.features:
        say(f"[{articles}] measuring detection, photos and search")
        search = search_figures(results["cold"])
        context = Context(corpus.content, work / f"features-{articles}",
                          articles, len(UNITS), PEOPLE,
                          options.project / "pelicanconf.py",
                          options.photo_bench_count)
        # The photo figures do not depend on the corpus: measured once.
        names = [n for n in PROBES
                 if n != "photos" or articles == max(options.sizes)]
        entry["features"] = measure_features(
            context, names, known={"search": search} if search else None)
    return entry


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    from pelican import __version__ as pelican_version

    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "pelican": pelican_version, "hugo": hugo_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in load] if load else None}


def growth(sizes: list[dict]) -> dict:
    """How cost grows from the smallest to the largest corpus."""
    if len(sizes) < 2:
        return {}
    small, large = sizes[0], sizes[-1]
    return {
        "articles_ratio": ratio(large["articles"], small["articles"]),
        **{f"{step}{suffix}_ratio": ratio(measured(large, step, measure),
                                          measured(small, step, measure))
           for step in STEPS
           for suffix, measure in (("", "seconds"), ("_cpu", "cpu_seconds"))},
        "peak_rss_mb_per_1000_articles": round(
            (large["cold"]["peak_rss_mb"] - small["cold"]["peak_rss_mb"])
            / (large["articles"] - small["articles"]) * 1000, 1),
        "total_mb_per_1000_articles": round(
            (large["cold"]["total_mb"] - small["cold"]["total_mb"])
            / (large["articles"] - small["articles"]) * 1000, 1),
    }


def run_suite(options: Options, work: Path,
              say: Callable[[str], None] = print) -> dict:
    """Measure every size; returns the figures written to the JSON."""
    work.mkdir(parents=True, exist_ok=True)
    result = {"machine": machine(),
              "options": {**asdict(options), "project": str(options.project)},
              "sizes": []}
    for articles in sorted(options.sizes):
        result["sizes"].append(measure_size(articles, options, work, say))
    result["growth"] = growth(result["sizes"])
    if options.memory_articles:
        result["memory"] = measure_memory(options.memory_articles, options,
                                          work, say)
    return result


def measure_memory(articles: int, options: Options, work: Path,
                   say: Callable[[str], None]) -> dict:
    """One strict cold build of `articles` text articles, for its memory."""
    say(f"[{articles}] generating the corpus (memory)")
    corpus = generate(work / f"corpus-{articles}", CorpusSpec(articles,
                                                             seed=options.seed))
    site = Site(PORTAL, corpus.content, work / f"memory-{articles}",
                options.project)
    build = site.build("memory-cold")
    say(f"[{articles}] cold build {build.seconds:.2f} s, all processes "
        f"{build.total_mb:.0f} MB")
    return {"articles": articles, **asdict(build)}
