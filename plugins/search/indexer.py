"""Build the Pagefind bundle from the articles' search documents, through
Pagefind's Python API, and report what it cost.

The API answers one request per tenth of a second (its reader sleeps between
messages), so adding articles one by one would take minutes on a real
archive. Each article's search document (see records.py) is written into a
staging folder instead, and Pagefind indexes that folder in one request.

Pagefind is a process of its own, so during a Pelican build it runs in a
background thread (`IndexJob`) while Pelican renders the pages: the
documents are made from the articles, not from the rendered pages, and are
final before the first page is written. The job writes into a work folder
outside the output; the finished bundle is swapped in (`install`) only when
complete, so a failed run leaves the previous bundle, and stale fragments of
earlier runs never accumulate (Pagefind itself never deletes anything).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from portal.diagnostics import PortalError

from .canonical import FormatError, canonicalize
from .records import documents
from .reuse import manifest

_EXIT_WAIT = 30.0  # seconds Pagefind may take to exit once its input ends
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
_POLL = 0.2
# Time the job may take beyond SEARCH_TIMEOUT, which bounds Pagefind's work
# but not the starting and stopping of its process.
_GRACE = 60.0


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


class IndexJob:
    """Pagefind indexing ``records`` (see records.documents) into
    ``work``/bundle in a thread of its own; `finish` waits for it.

    Only the waiting is done in that thread: Pagefind is a process of its
    own, while Python code there would compete with page rendering for the
    interpreter lock, and wait for it at every step (writing the documents
    there took ten times as long as in the main thread). So the documents
    are written by `start` and the bundle is finished by `finish`, both in
    the caller's thread.
    """

    def __init__(self, records, work: Path, *, language: str, timeout: float):
        self.articles = len(records)
        self.bundle = Path(work) / "bundle"
        self.pagefind_seconds = 0.0
        self.waited_seconds = 0.0  # how long `finish` waited for Pagefind
        self._records = records
        self._docs = Path(work) / "docs"
        self._language = language
        self._timeout = timeout
        self._cancel = threading.Event()
        self._pages = 0
        self._error: BaseException | None = None
        self._started = 0.0
        # A daemon: a build that fails before waiting for the job must not
        # be kept alive by it (the Pagefind process ends with its input).
        self._thread = threading.Thread(target=self._run, name="search", daemon=True)

    def start(self) -> IndexJob:
        self._docs.mkdir()
        for rel, text in self._records:
            path = self._docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self._records = None
        # Imported here, not in the thread: pages may be rendered in forked
        # processes (portal.parallel), and a fork while the thread holds a
        # module's import lock would leave that lock held in the child.
        # A missing package is reported by the thread, as any other failure.
        with contextlib.suppress(ImportError):
            import pagefind.service  # noqa: F401
        self._started = time.monotonic()
        self._thread.start()
        return self

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            self._pages = _run_pagefind(
                self._docs, self.bundle, self._language, self._timeout, self._cancel
            )
        except BaseException as error:  # raised in the main thread by finish()
            self._error = error
        finally:
            self.pagefind_seconds = time.perf_counter() - started

    def done(self) -> bool:
        """Whether the thread has started and ended."""
        return self._started > 0 and not self._thread.is_alive()

    def finish(self) -> dict:
        """Wait for Pagefind (never past SEARCH_TIMEOUT and a margin), put
        the bundle in its published form and return its `reuse.manifest`;
        raise SearchError, or whatever else went wrong."""
        waiting = time.perf_counter()
        deadline = self._started + self._timeout + _GRACE
        self._thread.join(max(0.0, deadline - time.monotonic()))
        self.waited_seconds = time.perf_counter() - waiting
        if self._thread.is_alive():
            self._cancel.set()  # the watchdog stops Pagefind
            self._thread.join(5.0)
            raise SearchError(_too_slow(self._timeout))
        if self._error is not None:
            raise self._error
        if self._pages != self.articles:
            raise SearchError(
                f"Pagefind chỉ lập chỉ mục được {self._pages}/{self.articles} bài viết."
            )
        for name in _UNUSED:
            (self.bundle / name).unlink(missing_ok=True)
        try:
            canonicalize(self.bundle)
        except (FormatError, OSError, KeyError, ValueError) as error:
            raise SearchError(
                f"gói chỉ mục của Pagefind có dạng không đọc được ({error}); "
                "phiên bản Pagefind đã được thử là 1.5."
            ) from None
        return manifest(self.bundle)


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
    articles, output_path, *, bundle_dir="pagefind", language="vi", timeout=300.0
) -> IndexStats:
    """Index ``articles`` into ``output_path/bundle_dir`` and wait for it;
    raise SearchError. (A Pelican build uses the pieces itself: build.py.)"""
    start = time.perf_counter()
    output = Path(output_path)
    records = documents(articles)
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=output) as tmp:
        job = IndexJob(records, Path(tmp), language=language, timeout=timeout)
        files = job.start().finish()
        install(job.bundle, output / bundle_dir)
    total, data = sizes(files)
    seconds = time.perf_counter() - start
    return IndexStats(len(records), seconds, job.pagefind_seconds, total, data)


def _too_slow(timeout: float) -> str:
    return f"Pagefind chưa xong sau {timeout:g} giây (thiết lập SEARCH_TIMEOUT)."


def _run_pagefind(docs: Path, out: Path, language: str, timeout: float, cancel) -> int:
    # Pagefind's service logs its own English errors when it is torn down
    # after a failure; ours, in Vietnamese, says the same and what to do.
    service_log = logging.getLogger("pagefind")
    level = service_log.level
    service_log.setLevel(logging.CRITICAL)
    try:
        return asyncio.run(_index(docs, out, language, timeout, cancel))
    except SearchError:
        raise
    except FileNotFoundError as error:
        raise SearchError(
            f"không tìm thấy chương trình Pagefind (gói pagefind[bin]) ({error})."
        ) from None
    except Exception as error:  # the service reports failures as bare Exception
        detail = error.args[0] if error.args else type(error).__name__
        raise SearchError(f"Pagefind báo lỗi: {detail}") from None
    finally:
        service_log.setLevel(level)


async def _index(docs: Path, out: Path, language: str, timeout: float, cancel) -> int:
    from pagefind.service import PagefindService

    config = {"force_language": language, "output_path": str(out)}
    service = await PagefindService().launch()

    async def work() -> int:
        index = await service.create_index(config)
        result = await index.add_directory(str(docs))
        # The files come back in the answer and are written here: Pagefind's
        # own write_files answers before its workers have finished writing,
        # and a Pagefind that exits then leaves a file cut short (seen under
        # load: pagefind-worker.js at 32 KiB).
        for item in await index.get_files():
            target = out / item["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item["content"])
        return int(result["page_count"])

    _PIPES.update(_pipe_fds(service))
    try:
        pages = await _watched(work(), service, timeout, cancel)
    except BaseException:
        await _abandon(service)
        raise
    finally:
        _PIPES.difference_update(_pipe_fds(service))
    await _close(service)
    return pages


# The file descriptors of the running Pagefind process's pipes. Pages are
# rendered in forked processes (portal.parallel) while Pagefind runs; a
# child closes its copies at once, so that closing Pagefind's input in this
# process is an end of input it sees.
_PIPES: set[int] = set()


def _close_pipes_in_child() -> None:
    for fd in list(_PIPES):
        with contextlib.suppress(OSError):
            os.close(fd)
    _PIPES.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_pipes_in_child)


def _pipe_fds(service) -> set[int]:
    transport = getattr(getattr(service, "_backend", None), "_transport", None)
    found = set()
    for number in (0, 1, 2):
        pipe = transport.get_pipe_transport(number) if transport else None
        handle = pipe.get_extra_info("pipe") if pipe else None
        if handle is not None:
            with contextlib.suppress(OSError, ValueError):
                found.add(handle.fileno())
    return found


async def _close(service) -> None:
    """Let Pagefind end on its own, at the end of its input (the API's
    close() terminates it as soon as the last answer came)."""
    with contextlib.suppress(BaseException):
        await asyncio.wait_for(asyncio.gather(*service._responses.values()), 5)
    service._poll_task.cancel()
    backend = service._backend
    with contextlib.suppress(OSError, AttributeError):
        backend.stdin.close()
    try:
        await asyncio.wait_for(backend.wait(), _EXIT_WAIT)
    except TimeoutError:
        backend.terminate()
        await backend.wait()


async def _watched(coroutine, service, timeout: float, cancel):
    """Await ``coroutine`` unless the Pagefind process dies, time runs out
    or the build stops waiting (``cancel``, a threading.Event, is set).

    The API never notices a dead process: its requests would wait forever.
    """
    task = asyncio.ensure_future(coroutine)
    deadline = asyncio.get_running_loop().time() + timeout
    problem = None
    while not task.done():
        await asyncio.wait({task}, timeout=_POLL)
        if task.done():
            break
        if _service_gone(service):
            problem = "chương trình Pagefind dừng bất ngờ khi đang lập chỉ mục."
        elif asyncio.get_running_loop().time() > deadline or cancel.is_set():
            problem = _too_slow(timeout)
        if problem:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            raise SearchError(problem)
    return task.result()


async def _abandon(service) -> None:
    """Stop a failed Pagefind process; the API's own close() would wait on
    answers that will never come.

    Nothing may be left for asyncio to log once the loop is closed: the
    build is still rendering pages then, and a strict build counts every
    warning (a reader task's unretrieved error, a child process reaped after
    its loop closed, a pipe closed after it) without saying it came from
    search.
    """
    poll = getattr(service, "_poll_task", None)
    if poll is not None:
        poll.cancel()
        with contextlib.suppress(BaseException):
            await poll
    backend = getattr(service, "_backend", None)
    if backend is not None:
        if backend.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                if hasattr(signal, "SIGKILL"):
                    # Not backend.kill(): it polls first, reaping a process
                    # that has already exited behind asyncio's back.
                    os.kill(backend.pid, signal.SIGKILL)
                else:
                    backend.kill()
        # Reaped by asyncio's child watcher (not backend.wait(), which also
        # waits for the pipes, and a process it started may hold them open).
        for _ in range(50):
            if backend.returncode is not None:
                break
            await asyncio.sleep(0.1)
        transport = getattr(backend, "_transport", None)
        if transport is not None and backend.returncode is not None:
            transport.close()
            await asyncio.sleep(0)


def _service_gone(service) -> bool:
    # Private attributes of pagefind 1.5's service; if they change, only the
    # timeout remains to stop a build whose indexer died.
    poll = getattr(service, "_poll_task", None)
    backend = getattr(service, "_backend", None)
    return bool(
        (poll is not None and poll.done())
        or (backend is not None and backend.returncode is not None)
    )
