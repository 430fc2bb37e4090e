"""Figures of the other plugins' own benchmarks, when those plugins exist.

Detection of units and leaders (entities), the photo pipeline (gallery) and
the search index (search) each expose a benchmark function, `measure`, in a
`bench` module of their package. They are imported lazily, so `invoke bench`
works on a checkout where some of them have not landed yet and says "not
available yet" for those. Each function is called with the arguments it
declares among those offered here (the corpus's content folder, a work
folder, the corpus size, the registry sizes, the settings file), and returns
a mapping of figures that goes into the JSON as is.
"""

from __future__ import annotations

import importlib
import inspect
import time
from pathlib import Path

NOT_AVAILABLE = "not available yet"

# feature -> (module, function)
PROBES = {
    "detection": ("entities.bench", "measure"),
    "photos": ("gallery.bench", "measure"),
    "search": ("search.bench", "measure"),
}


def find(module: str, function: str):
    """The benchmark function, or None when its plugin is not there yet."""
    try:
        return getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        return None


def call(function, offered: dict):
    """Call with the offered arguments the function declares."""
    parameters = inspect.signature(function).parameters
    return function(**{name: value for name, value in offered.items()
                       if name in parameters})


def measure_features(offered: dict, work: Path, known: dict | None = None) -> dict:
    """Figures of every probe; `known` ones (already measured by the timed
    builds) are kept as they are. An error is reported, never hidden."""
    figures: dict = dict(known or {})
    for name, (module, function_name) in PROBES.items():
        if name in figures:
            continue
        function = find(module, function_name)
        if function is None:
            figures[name] = NOT_AVAILABLE
            continue
        started = time.perf_counter()
        folder = work / f"feature-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            result = call(function, {**offered, "work": folder})
        except Exception as error:  # a figure we could not get is a finding
            figures[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        figures[name] = dict(result) if isinstance(result, dict) else {"result": result}
        figures[name].setdefault("wall_seconds_total",
                                 round(time.perf_counter() - started, 3))
    return figures
