"""Figures of the other plugins' own benchmarks, when those plugins exist.

Detection of units and leaders (entities), the photo pipeline (gallery) and
the search index (search) each expose a benchmark function. They are
imported lazily, so `invoke bench` works on a checkout where some of them
have not landed yet and says "not available yet" for those. Each function
receives the generated corpus's content folder and the folder of our last
built site, and returns a mapping of figures that goes into the JSON as is.
"""

from __future__ import annotations

import importlib
import inspect
import time
from pathlib import Path

NOT_AVAILABLE = "not available yet"

# feature -> (module, function)
PROBES = {
    "detection": ("entities.bench", "bench_detection"),
    "photos": ("gallery.bench", "bench_photos"),
    "search": ("search.bench", "bench_search"),
}


def find(module: str, function: str):
    """The benchmark function, or None when its plugin is not there yet."""
    try:
        return getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        return None


def call(function, content: Path, output: Path) -> dict:
    """Call with the arguments the function declares it takes."""
    offered = {"content": content, "content_path": content, "path": content,
               "output": output, "output_path": output}
    parameters = inspect.signature(function).parameters
    kwargs = {name: value for name, value in offered.items() if name in parameters}
    if not kwargs and parameters:
        return function(content)
    return function(**kwargs)


def measure_features(content: Path, output: Path) -> dict:
    """Figures of every probe; an error is reported, never hidden."""
    figures: dict = {}
    for name, (module, function_name) in PROBES.items():
        function = find(module, function_name)
        if function is None:
            figures[name] = NOT_AVAILABLE
            continue
        started = time.perf_counter()
        try:
            result = call(function, content, output)
        except Exception as error:  # a figure we could not get is a finding
            figures[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        figures[name] = dict(result) if isinstance(result, dict) else {"result": result}
        figures[name].setdefault("seconds_total",
                                 round(time.perf_counter() - started, 3))
    return figures
