"""Build the Pagefind bundle from the articles' search documents with the
`pagefind` program, and report what it cost.

Each article's search document (see records.py) is written into a staging
folder, and the `pagefind` binary of the pinned pagefind_bin package indexes
that folder as a command, writing the bundle itself. Not through Pagefind's
Python API: its service answers `get_files` with the whole bundle as one
line of base64, past its reader's 2 MiB line limit from about a thousand
articles on, and its `write_files` answers before the files are complete.
The command writes every file before it exits, whatever the size.

Pagefind is a process of its own, so during a Pelican build it runs while
Pelican renders the pages: the documents are made from the articles, not
from the rendered pages, and are final before the first page is written.
The job writes into a work folder outside the output; the finished bundle is
swapped in (`install`) only when complete, so a failed run leaves the
previous bundle, and stale fragments of earlier runs never accumulate
(Pagefind itself never deletes anything).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from portal.diagnostics import PortalError

from .canonical import FormatError, canonicalize
from .records import documents, vocabulary
from .reuse import manifest

# Pagefind writes its ready-made UIs too; the portal has its own, and
# publishing unused code would only cost deploy time and bytes.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Files of the bundle that do not grow with the content.
_RUNTIME_SUFFIXES = (".js", ".css", ".json")


class SearchError(PortalError):
    """Pagefind could not build the index; the message says why, in Vietnamese."""


@dataclass
class IndexStats:
    articles: int
    # The index's own work, wall clock: documents, staging, Pagefind,
    # canonical form, swap (or, when reused, documents and checks).
    seconds: float
    pagefind_seconds: float  # Pagefind's part of it
    bundle_bytes: int  # everything published under the bundle folder
    data_bytes: int  # index, fragments, filters and metadata only
    reused: bool = False  # the previous build's bundle was kept (reuse.py)
    # How long the end of the build waited for the background job: the part
    # of the index not hidden behind page rendering.
    waited_seconds: float = 0.0

    @property
    def bytes_per_article(self) -> float:
        return self.data_bytes / self.articles if self.articles else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "bytes_per_article": round(self.bytes_per_article)}


def sizes(files: dict) -> tuple[int, int]:
    """(bundle bytes, data bytes) of a `reuse.manifest`."""
    total = data = 0
    for rel, (size, _) in files.items():
        total += size
        name = rel.rsplit("/", 1)[-1]
        if not (name.endswith(_RUNTIME_SUFFIXES) or name.startswith("wasm.")):
            data += size
    return total, data


def shard_folders(count: int, size: int) -> list[str]:
    """The folder of each shard inside the bundle, oldest articles first:
    the bundle itself ("") when one shard holds every article."""
    shards = -(-count // size) if size > 0 else 1
    return [""] if shards <= 1 else [str(n) for n in range(1, shards + 1)]


class IndexJob:
    """The Pagefind program indexing ``records`` (see records.documents)
    into ``work``/bundle as processes of its own; `finish` waits for them.

    The documents are written by `start` in the caller's thread, then the
    `pagefind` binary of the pinned pagefind_bin runs over them as a command
    (not through the Python API, whose service returns the whole bundle in
    one line of its output and dies past about a thousand articles). Its
    output goes to a log file, not a pipe, so the render processes forked
    meanwhile (portal.parallel) share nothing with it.

    Pagefind holds every page it indexes in memory, about 175 KB per
    article, so an archive is cut into shards of ``shard_articles``
    consecutive articles (by date), indexed one after the other by a thread
    that only waits: memory stays that of one shard whatever the archive.
    The search page searches every shard and merges the results
    (theme/static/js/search.js).
    """

    def __init__(self, records, work: Path, *, language: str, timeout: float,
                 shard_articles: int = 0):
        self.articles = len(records)
        self.bundle = Path(work) / "bundle"
        self.folders = shard_folders(len(records), shard_articles)
        self.pagefind_seconds = 0.0
        self.waited_seconds = 0.0  # how long `finish` waited for Pagefind
        size = shard_articles if len(self.folders) > 1 else len(records)
        self._records = records
        self._shards = [records[n * size:(n + 1) * size]
                        for n in range(len(self.folders))]
        self._work = Path(work)
        self._language = language
        self._timeout = timeout
        self._process: subprocess.Popen | None = None
        self._cancel = threading.Event()
        self._error: SearchError | None = None
        self._started = 0.0
        self._thread = threading.Thread(target=self._run, name="search", daemon=True)

    def start(self) -> IndexJob:
        # Every shard gets the words of the whole archive (records.vocabulary).
        extra = [vocabulary(self._records)] if len(self._shards) > 1 else []
        self._records = None
        for number, shard in enumerate(self._shards):
            docs = self._docs(number)
            docs.mkdir(parents=True)
            for rel, text in shard + extra:
                path = docs / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self._counts = [len(shard) + len(extra) for shard in self._shards]
        self._shards = None
        self._started = time.monotonic()
        try:
            self._command = _executable()
        except SearchError as error:
            self._error = error
        else:
            self._thread.start()
        return self

    def _docs(self, number: int) -> Path:
        return self._work / "docs" / str(number)

    def _out(self, number: int) -> Path:
        return self.bundle / self.folders[number]

    def _run(self) -> None:
        try:
            for number in range(len(self.folders)):
                if self._cancel.is_set() or not self._index(number):
                    return
        finally:
            self.pagefind_seconds = time.monotonic() - self._started

    def _index(self, number: int) -> bool:
        """Run Pagefind over one shard; whether it ended well."""
        log = self._work / f"pagefind-{number}.log"
        command = [self._command, "--site", str(self._docs(number)),
                   "--output-path", str(self._out(number)),
                   "--force-language", self._language, "--quiet"]
        try:
            with log.open("wb") as handle:
                process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=handle,
                    stderr=subprocess.STDOUT, cwd=self._work,
                    # Its own process group: a Ctrl+C in the terminal stops
                    # the build, whose exit then stops Pagefind (_stop_all).
                    start_new_session=True,
                )
        except FileNotFoundError as error:
            self._error = SearchError(
                f"không tìm thấy chương trình Pagefind ({error.filename}); "
                "hãy cài gói pagefind-bin."
            )
            return False
        except OSError as error:
            self._error = SearchError(
                f"không chạy được chương trình Pagefind ({error})."
            )
            return False
        self._process = process
        _RUNNING.add(process)
        code = process.wait()
        _RUNNING.discard(process)
        if code != 0 and not self._cancel.is_set():
            detail = _log_tail(log) or f"mã thoát {code}"
            self._error = SearchError(f"Pagefind báo lỗi: {detail}")
            return False
        return code == 0

    def done(self) -> bool:
        """Whether Pagefind has started and ended (or could not start)."""
        return self._started > 0 and not self._thread.is_alive()

    def finish(self) -> dict:
        """Wait for Pagefind (never past SEARCH_TIMEOUT), put the bundle in
        its published form and return its `reuse.manifest`; raise
        SearchError."""
        waiting = time.perf_counter()
        if self._thread.ident is not None:
            deadline = self._started + self._timeout
            self._thread.join(max(0.0, deadline - time.monotonic()))
        self.waited_seconds = time.perf_counter() - waiting
        if self._thread.is_alive():
            self._cancel.set()
            if self._process is not None:
                _stop(self._process)
            self._thread.join(5.0)
            raise SearchError(_too_slow(self._timeout))
        if self._error is not None:
            raise self._error
        for number, expected in enumerate(self._counts):
            out = self._out(number)
            try:
                pages = _page_count(out)
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise SearchError(
                    f"Pagefind không ghi được tệp mục lục của gói chỉ mục ({error})."
                ) from None
            if pages != expected:
                part = f" (phần {self.folders[number]})" if self.folders[number] else ""
                raise SearchError(
                    f"Pagefind chỉ lập chỉ mục được {pages}/{expected} trang{part}."
                )
            for name in _UNUSED:
                (out / name).unlink(missing_ok=True)
            try:
                canonicalize(out)
            except (FormatError, OSError, KeyError, ValueError) as error:
                raise SearchError(
                    f"gói chỉ mục của Pagefind có dạng không đọc được ({error}); "
                    "phiên bản Pagefind đã được thử là 1.5."
                ) from None
        return manifest(self.bundle)


# Pagefind processes still running: a build that fails before waiting for
# its index must not leave one behind. Forked render processes inherit the
# set and forget it at once: only the build that started Pagefind stops it.
_RUNNING: set[subprocess.Popen] = set()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_RUNNING.clear)


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5.0)
    _RUNNING.discard(process)


@atexit.register
def _stop_all() -> None:
    for process in list(_RUNNING):
        if process.poll() is None:
            _stop(process)


def install(fresh: Path, bundle: Path) -> None:
    """Put the finished bundle ``fresh`` in place of ``bundle``."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    # Moved beside the target first (a copy only when the work folder is on
    # another file system), so that the swap itself is a rename.
    with tempfile.TemporaryDirectory(prefix=".search-", dir=bundle.parent) as tmp:
        staged = Path(tmp) / "bundle"
        shutil.move(str(fresh), staged)
        if bundle.exists():
            shutil.rmtree(bundle)
        staged.rename(bundle)


def build_index(
    articles, output_path, *, bundle_dir="pagefind", language="vi", timeout=300.0,
    shard_articles=0,
) -> IndexStats:
    """Index ``articles`` into ``output_path/bundle_dir`` and wait for it;
    raise SearchError. (A Pelican build uses the pieces itself: build.py.)"""
    start = time.perf_counter()
    output = Path(output_path)
    records = documents(articles)
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=output) as tmp:
        job = IndexJob(records, Path(tmp), language=language, timeout=timeout,
                       shard_articles=shard_articles)
        files = job.start().finish()
        install(job.bundle, output / bundle_dir)
    total, data = sizes(files)
    seconds = time.perf_counter() - start
    return IndexStats(len(records), seconds, job.pagefind_seconds, total, data)


def _too_slow(timeout: float) -> str:
    return f"Pagefind chưa xong sau {timeout:g} giây (thiết lập SEARCH_TIMEOUT)."


def _executable() -> str:
    # The variable Pagefind's own wrappers read: a binary of the site's own.
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return os.environ["PAGEFIND_BINARY_PATH"]
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchError(
            "không tìm thấy chương trình Pagefind (gói pagefind-bin)."
        ) from None
    try:
        return str(get_executable())
    except (FileNotFoundError, OSError) as error:
        raise SearchError(
            f"không tìm thấy chương trình Pagefind (gói pagefind-bin) ({error})."
        ) from None


def _page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())


def _log_tail(log: Path, lines: int = 8) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line.strip() for line in text.splitlines()[-lines:]]
    return " | ".join(line for line in kept if line)
