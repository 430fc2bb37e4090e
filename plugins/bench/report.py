"""The benchmark's figures as a Markdown table and as a check of the targets.

The table is what `invoke bench` prints and what the README's Performance
section shows; the targets are the ones of the benchmark issue, reported as
measured (met or not), never asserted.
"""

from __future__ import annotations

from .features import NOT_AVAILABLE
from .hugo import NOT_INSTALLED
from .suite import STEPS

COLUMNS = ("articles", "plain cold", "Hugo cold", "ours cold", "ours warm",
           "ours 1 edit", "cold/plain", "cold/Hugo", "warm/Hugo", "warm/cold",
           "edit/cold",
           "peak memory plain / Hugo / ours, all processes (largest one)")
RATIOS = ("cold_vs_plain", "cold_vs_hugo", "warm_vs_hugo", "warm_vs_cold",
          "edit_vs_cold")


def _ratio(size: dict, key: str) -> str:
    wall, cpu = size["ratios"][key], size["cpu_ratios"][key]
    if wall is None or cpu is None:
        return "–"
    return f"{wall:.2f}× ({cpu:.2f}×)"


def _time(figures) -> str:
    if not isinstance(figures, dict):
        return "not available"  # Hugo is not installed: said under the table
    return f"{figures['seconds']:.2f} s ({figures['cpu_seconds']:.2f} s)"


def _row(size: dict) -> list[str]:
    ours = ("cold", "warm", "edit")
    rss = max(size[step]["peak_rss_mb"] for step in ours)
    total = max(size[step].get("total_mb", 0) for step in ours)
    hugo = size["hugo_cold"]
    return [
        f"{size['articles']:,}" + (f" ({size['photos']:,} photos)"
                                   if size["photos"] else ""),
        *(_time(size[step]) for step in STEPS),
        *(_ratio(size, key) for key in RATIOS),
        f"{size['plain_cold'].get('total_mb', 0):.0f} / "
        + (f"{hugo.get('total_mb', 0):.0f}" if isinstance(hugo, dict) else "–")
        + f" / {total:.0f} ({rss:.0f}) MB",
    ]


def table(result: dict) -> str:
    """Medians of wall time (CPU time in brackets) per corpus size."""
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(_row(size)) + " |" for size in result["sizes"]]
    return "\n".join(lines)


def file_lines(result: dict) -> list[str]:
    """How many files each cold build wrote: the sites do not write the same
    pages (ours adds the photo library, search, archives, assets)."""
    lines = []
    for size in result["sizes"]:
        counts = [f"{label} {size[step]['files']:,}"
                  for step, label in (("plain_cold", "plain Pelican"),
                                      ("hugo_cold", "Hugo"), ("cold", "ours"))
                  if isinstance(size[step], dict)]
        lines.append(f"- {size['articles']:,} articles: " + ", ".join(counts))
    return lines


def feature_lines(result: dict) -> list[str]:
    lines = []
    for size in result["sizes"]:
        for name, figures in (size.get("features") or {}).items():
            if figures == NOT_AVAILABLE:
                text = NOT_AVAILABLE
            else:
                text = ", ".join(f"{key} {value}" for key, value in figures.items())
            lines.append(f"- {size['articles']:,} articles, {name}: {text}")
    return lines


def targets(result: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each target of the issue."""
    largest = result["sizes"][-1]
    checks = [
        ("cold ≤ 1.5× plain Pelican", "cold_vs_plain", 1.5),
        ("warm ≤ 0.3× cold", "warm_vs_cold", 0.3),
        ("one edit ≤ 0.4× cold", "edit_vs_cold", 0.4),
    ]
    rows = [(name, f"{_ratio(largest, key)} at {largest['articles']:,} articles",
             max(largest["ratios"][key], largest["cpu_ratios"][key]) <= limit)
            for name, key, limit in checks]
    hugo = largest["hugo_cold"]
    if isinstance(hugo, dict):
        rows.append(("warm ≤ 0.5× Hugo cold",
                     f"{_ratio(largest, 'warm_vs_hugo')} at "
                     f"{largest['articles']:,} articles (Hugo cold "
                     f"{_time(hugo)})",
                     max(largest["ratios"]["warm_vs_hugo"],
                         largest["cpu_ratios"]["warm_vs_hugo"]) <= 0.5))
    else:
        rows.append(("warm ≤ 0.5× Hugo cold", str(hugo), None))
    grow = result.get("growth") or {}
    if grow:
        # Linear growth: time ratio ≤ 1.1 × the article ratio (5.5 for 5×).
        allowed = 1.1 * grow["articles_ratio"]
        rows.append((f"time grows linearly (≤ {allowed:.1f}× for "
                     f"{grow['articles_ratio']:.0f}× the articles)",
                     f"{grow['cold_ratio']:.2f}× ({grow['cold_cpu_ratio']:.2f}× "
                     "CPU), cold builds",
                     max(grow["cold_ratio"], grow["cold_cpu_ratio"]) <= allowed))
        per_1000 = grow["total_mb_per_1000_articles"]
        # Memory grows with the corpus; a shrinking one is noise, not a trend.
        peak = largest["cold"]["total_mb"]
        estimate = peak + max(0.0, per_1000) * (
            10_000 - largest["articles"]) / 1000
        measured = result.get("memory")
        name = "memory of the whole build (all processes) at 10,000 articles < 2 GB"
        if measured:
            rows.append((name, f"{measured['total_mb']:.0f} MB at "
                         f"{measured['articles']:,} articles (largest process "
                         f"{measured['peak_rss_mb']:.0f} MB), measured",
                         measured["total_mb"] < 2048
                         and measured["articles"] >= 10_000))
        else:
            rows.append((name, f"{peak:.0f} MB at {largest['articles']:,}; about "
                         f"{estimate:.0f} MB at 10,000 (extrapolated linearly: "
                         "an upper bound, search shards stop Pagefind's part "
                         "growing; measure with --memory-articles 10000)"
                         if largest["articles"] < 10_000 else f"{peak:.0f} MB",
                         estimate < 2048))
    return rows


def text_report(result: dict) -> str:
    machine = result["machine"]
    hugo = machine.get("hugo")
    out = [table(result), "",
           f"Medians of {result['options']['runs']} runs, wall time (CPU time "
           f"in brackets); {machine['cpus']} CPUs, "
           f"Python {machine['python']}, Pelican {machine['pelican']}, "
           + (f"Hugo {hugo}" if hugo else f"Hugo {NOT_INSTALLED}")
           + f", load average at start {machine['load_average_at_start']}.", "",
           "Files written by a cold build:", *file_lines(result), ""]
    features = feature_lines(result)
    if features:
        out += ["Plugin figures:", *features, ""]
    out.append("Targets:")
    for name, measured, met in targets(result):
        verdict = "not measured" if met is None else "met" if met else "NOT met"
        out.append(f"- {name}: {measured} — {verdict}")
    return "\n".join(out)
