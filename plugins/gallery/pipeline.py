"""From a list of source files to their derivative sets, in parallel.

The build (gallery.generator) and the benchmark (gallery.bench) both run
this one pipeline: check each file's status, hash what changed, look the
set up in the cache, and encode the missing sets over all cores, one
source per task (so each source is decoded once).
"""

from __future__ import annotations

import multiprocessing
import os
import stat as stat_module
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .cache import HASHES, ImageCache, SourceHashes, cache_key
from .encode import Job, make
from .errors import Failure, GalleryError
from .settings import Spec

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    """What became of one source file."""

    source: str
    key: str | None = None
    meta: dict | None = None
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.meta is not None


@dataclass
class Stats:
    sources: int = 0
    encoded: int = 0       # sets made in this run (failures not counted)
    reused: int = 0        # sets found in the cache
    failed: int = 0
    files_written: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the processes that encoded
    workers: int = 1
    notices: list = field(default_factory=list)


class Pipeline:
    def __init__(self, spec: Spec, cache: ImageCache, workers: int = 1,
                 progress: Progress | None = None):
        self.spec = spec
        self.cache = cache
        self.workers = max(1, workers)
        self.progress = progress
        self.fingerprint = spec.fingerprint()

    def run(self, sources: Iterable[str]) -> tuple[dict[str, Outcome], Stats]:
        """Outcome per source path (paths as given, made absolute)."""
        started = time.perf_counter()
        outcomes: dict[str, Outcome] = {}
        present: dict[str, os.stat_result] = {}
        for path in sorted({os.path.abspath(p) for p in sources}):
            try:
                status = os.stat(path)
            except OSError:
                status = None
            if status is None:
                outcomes[path] = Outcome(path, failure=Failure("missing"))
            elif not stat_module.S_ISREG(status.st_mode):
                # A device or FIFO is never opened: reading /dev/zero never
                # ends, opening a FIFO waits for ever.
                outcomes[path] = Outcome(path, failure=Failure("special"))
            elif status.st_size == 0:
                outcomes[path] = Outcome(path, failure=Failure("empty"))
            else:
                present[path] = status

        hashes = SourceHashes(self.cache.root / HASHES)
        digests = hashes.hash_all(present, self.workers)
        stats = Stats(sources=len(outcomes) + len(present), workers=self.workers)
        todo: dict[str, list[str]] = {}
        for path in present:
            key = cache_key(digests[path], self.fingerprint)
            meta = self.cache.load(key)
            if meta is None:
                todo.setdefault(key, []).append(path)
            else:
                stats.reused += 1
                outcomes[path] = self._outcome(path, key, meta)

        jobs = [Job(paths[0], key, str(self.cache.entry(key)), str(self.cache.tmp),
                    self.spec) for key, paths in sorted(todo.items())]
        cpu_before = _cpu_seconds()
        for job, meta in self._encode(jobs):
            if "error" not in meta:
                stats.encoded += 1
            stats.files_written += len(meta.get("files", {}))
            for path in todo[job.key]:
                outcomes[path] = self._outcome(path, job.key, meta)
        stats.cpu_seconds = _cpu_seconds() - cpu_before
        hashes.save()
        stats.failed = sum(1 for o in outcomes.values() if not o.ok)
        stats.seconds = time.perf_counter() - started
        return outcomes, stats

    @staticmethod
    def _outcome(path: str, key: str, meta: dict) -> Outcome:
        if "error" in meta:
            return Outcome(path, key, failure=Failure.from_json(meta))
        return Outcome(path, key, meta=meta)

    def _encode(self, jobs: list[Job]) -> Iterator[tuple[Job, dict]]:
        total = len(jobs)
        done = 0
        if self.workers == 1 or total <= 1:
            for job in jobs:
                yield job, make(job)
                done += 1
                self._tick(done, total)
            return
        # fork: workers start at once and share the loaded code; a source
        # per task, so one large photo does not hold up a batch.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        try:
            with ProcessPoolExecutor(max_workers=min(self.workers, total),
                                     mp_context=context) as pool:
                futures = {pool.submit(make, job): job for job in jobs}
                for future in as_completed(futures):
                    yield futures[future], future.result()
                    done += 1
                    self._tick(done, total)
        except BrokenProcessPool:
            raise GalleryError(
                "gallery: một tiến trình tạo ảnh bị dừng đột ngột (có thể do "
                "thiếu bộ nhớ). Hãy dựng lại với GALLERY_WORKERS nhỏ hơn."
            ) from None

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children."""
    own = os.times()
    return own.user + own.system + own.children_user + own.children_system
