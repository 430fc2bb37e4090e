"""Figures of the other plugins' own benchmarks, when those plugins exist.

Detection of units and leaders (`entities.bench.measure`), the photo
pipeline (`gallery.bench.run_photo_bench`) and the search index
(`search.bench.measure`) each have a benchmark function. They are imported
lazily, so `invoke bench` works on a checkout where some of them have not
landed yet and says "not available yet" for those. The search figures are
usually taken from the timed builds themselves (the search plugin writes
them to SEARCH_STATS_FILE), which spares a build; its function is called
only when they are missing.
"""

from __future__ import annotations

import dataclasses
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

NOT_AVAILABLE = "not available yet"


def read_settings(path: str) -> dict:
    from pelican.settings import read_settings as pelican_settings

    return pelican_settings(path)


@dataclass(frozen=True)
class Context:
    """What a probe may pass on to a plugin's benchmark function."""

    content: Path  # the generated corpus
    work: Path  # a folder of its own
    articles: int
    units: int
    people: int
    settings_file: Path  # the measured checkout's pelicanconf.py
    photos: int  # how many photos the photo benchmark makes


@dataclass(frozen=True)
class Probe:
    module: str
    function: str
    arguments: Callable[[Context], dict]


PROBES = {
    "detection": Probe("entities.bench", "measure", lambda c: {
        "articles": c.articles, "units": c.units, "people": c.people}),
    "photos": Probe("gallery.bench", "run_photo_bench", lambda c: {
        "count": c.photos, "work": c.work, "log": lambda *_: None,
        "settings": read_settings(str(c.settings_file))}),
    "search": Probe("search.bench", "measure", lambda c: {
        "content": c.content, "work": c.work, "settings": c.settings_file}),
}


def find(probe: Probe):
    """The benchmark function, or None when its plugin is not there yet."""
    try:
        return getattr(importlib.import_module(probe.module), probe.function)
    except (ImportError, AttributeError):
        return None


def as_figures(result) -> dict:
    if hasattr(result, "as_dict"):
        return dict(result.as_dict())
    if dataclasses.is_dataclass(result):
        return dataclasses.asdict(result)
    return dict(result) if isinstance(result, dict) else {"result": result}


def measure_features(context: Context, names, known: dict | None = None) -> dict:
    """Figures of the named probes; `known` ones (already measured by the
    timed builds) are kept as they are. An error is reported, never hidden."""
    figures: dict = {}
    for name in names:
        if known and name in known:
            figures[name] = known[name]
            continue
        function = find(PROBES[name])
        if function is None:
            figures[name] = NOT_AVAILABLE
            continue
        folder = context.work / name
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        try:
            result = function(**PROBES[name].arguments(
                dataclasses.replace(context, work=folder)))
        except Exception as error:  # a figure we could not get is a finding
            figures[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        figures[name] = as_figures(result)
        figures[name].setdefault("wall_seconds_total",
                                 round(time.perf_counter() - started, 3))
    return figures
