"""Run one Pelican (or Hugo) build in a child process and measure it.

Each build is a fresh Pelican process (Pelican's own `main()`, as
`python -m pelican` runs it), as an editor or CI runs it, so interpreter
start-up and imports count for both sides alike; Hugo's is its binary
(`bench.hugo.HugoSite` gives the command). Wall time is measured
around the process, and CPU time (user + system) too: on a shared machine
it moves much less than wall time when other jobs compete for the cores.
Peak memory is the largest resident set size the kernel reports when the
child is reaped (`os.wait4`): that of Pelican or of a helper it waited for
(the Pagefind binary, photo workers). The Pelican process's own peak is
printed by the child at exit and reported beside it. The memory of the
whole build, every process together, is sampled while it runs (`TreeMemory`):
the sum of their proportional set sizes, so pages that forked render
processes share with Pelican count once.

A build that fails, or logs a single warning or error, stops the benchmark
(BenchError, with the messages; Hugo's WARN and ERROR lines too): figures
of a broken build are never reported. Our builds are strict, as in CI and
publish.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLAIN, PORTAL, HUGO = "plain", "portal", "hugo"
# `python -m pelican`, plus one line at exit with the Pelican process's own
# peak memory (the kernel's figure for the child covers its helpers too).
_CHILD = ("import resource, sys\n"
          "from pelican import main\n"
          "try:\n"
          "    main()\n"
          "finally:\n"
          "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
          "    print(f'bench-pelican-rss-kib {peak}', file=sys.stderr)\n")
_OWN_RSS = re.compile(r"^bench-pelican-rss-kib (\d+)$", re.MULTILINE)
# Pelican logs WARNING, Hugo WARN.
_WARNING = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(WARN(?:ING)?|ERROR|CRITICAL)\b",
                      re.MULTILINE)
_SAMPLE_EVERY = 0.1  # seconds between two readings of the build's memory


class BenchError(RuntimeError):
    """A benchmark build failed; the message carries the end of its log."""


@dataclass(frozen=True)
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, the build and the workers it waited for
    peak_rss_mb: float  # the largest process: Pelican or a helper it ran
    pelican_rss_mb: float  # the Pelican process alone
    total_mb: float  # every process of the build together (TreeMemory), at peak
    warnings: int
    files: int  # files in the output folder after the build
    search: dict | None = None  # the search plugin's SEARCH_STATS_FILE figures


@dataclass(frozen=True)
class Site:
    """Where one flavour of the site is built from and to."""

    kind: str  # PLAIN or PORTAL
    content: Path
    work: Path  # settings, output, cache and logs live here
    project: Path = ROOT  # the checkout whose pelicanconf.py is measured

    @property
    def output(self) -> Path:
        return self.work / "output"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    @property
    def settings(self) -> Path:
        return self.work / "settings.py"

    @property
    def image_cache(self) -> Path:
        return self.work / "cache-images"

    @property
    def search_stats(self) -> Path:
        return self.work / "search-stats.json"

    def write_settings(self) -> Path:
        """Plain Pelican: its defaults, no plugins, its default theme (slugs
        from file names as ours: generated titles may repeat). Ours:
        pelicanconf.py as committed, with paths moved to `work`."""
        self.work.mkdir(parents=True, exist_ok=True)
        paths = (f"PATH = {str(self.content)!r}\n"
                 f"OUTPUT_PATH = {str(self.output)!r}\n"
                 f"CACHE_PATH = {str(self.cache)!r}\n")
        if self.kind == PLAIN:
            # FEED_DOMAIN and no reST reader: the two warnings plain
            # Pelican would log otherwise (ours sets the same).
            text = ('SITENAME = "Quận Mẫu"\nTIMEZONE = "Asia/Ho_Chi_Minh"\n'
                    'DEFAULT_LANG = "vi"\nPLUGINS = []\n'
                    'FEED_DOMAIN = "https://example.gov.vn"\n'
                    'READERS = {"rst": None}\n'
                    'SLUGIFY_SOURCE = "basename"\n' + paths)
        else:
            # The photo cache and the search figures stay in `work` too
            # (settings of plugins that are not there are simply unused).
            text = (f"import sys\nsys.path.insert(0, {str(self.project)!r})\n"
                    "from pelicanconf import *  # noqa\n" + paths
                    + f"GALLERY_CACHE_PATH = {str(self.image_cache)!r}\n"
                    f"SEARCH_STATS_FILE = {str(self.search_stats)!r}\n")
        self.settings.write_text(text, encoding="utf-8")
        return self.settings

    def clean(self) -> None:
        """Forget every earlier build: the next one is cold."""
        for folder in (self.output, self.cache, self.image_cache):
            shutil.rmtree(folder, ignore_errors=True)

    def command(self) -> list[str]:
        return [sys.executable, "-c", _CHILD, "--settings", str(self.settings)]

    def build(self, log_name: str, env: dict | None = None) -> Build:
        """Build once; raises BenchError when the build fails or warns."""
        if not self.settings.exists():
            self.write_settings()
        log = self.work / f"{log_name}.log"
        self.search_stats.unlink(missing_ok=True)
        command = self.command()
        strict = "1" if self.kind == PORTAL else "0"
        run_env = {**os.environ, "PORTAL_STRICT": strict, "COLUMNS": "200",
                   "TERM": "dumb", **(env or {})}
        with log.open("w", encoding="utf-8") as handle:
            started = time.perf_counter()
            child = subprocess.Popen(command, cwd=self.work, env=run_env,
                                     stdout=handle, stderr=subprocess.STDOUT)
            memory = TreeMemory(child.pid).start()
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
            memory.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        text = log.read_text(encoding="utf-8", errors="replace")
        problems = [line.strip() for line in text.splitlines()
                    if _WARNING.match(line)]
        if child.returncode != 0 or problems:
            what = "failed" if child.returncode != 0 else \
                f"logged {len(problems)} warnings or errors"
            raise BenchError(f"{self.kind} build {log_name} {what} ({log}):\n"
                             + "\n".join(problems[:20])
                             + f"\n--- end of the log ---\n{text[-2000:]}")
        files = sum(len(names) for _, _, names in os.walk(self.output))
        cpu = usage.ru_utime + usage.ru_stime
        search = (json.loads(self.search_stats.read_text(encoding="utf-8"))
                  if self.search_stats.is_file() else None)
        if self.kind == PORTAL and search is None:
            raise BenchError(f"{self.kind} build {log_name} wrote no search "
                             f"figures: the index was not built ({log})")
        own = _OWN_RSS.search(text)
        # ru_maxrss is in KiB on Linux. Hugo is one process: its own peak.
        own_kib = int(own[1]) if own else usage.ru_maxrss
        return Build(round(seconds, 3), round(cpu, 3),
                     round(usage.ru_maxrss / 1024, 1), round(own_kib / 1024, 1),
                     round(memory.peak_kib / 1024, 1), len(problems), files,
                     search)


class TreeMemory:
    """Samples the memory of a process and all its descendants: the sum of
    their proportional set sizes (Linux /proc; 0 where there is none)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeMemory:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(_SAMPLE_EVERY):
            self.peak_kib = max(self.peak_kib, sum(
                _pss_kib(pid) for pid in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The name in brackets may hold spaces: fields after its ")".
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
