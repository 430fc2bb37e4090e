"""Build the Pagefind bundle for a list of articles, through Pagefind's
Python API, and report what it cost.

The API answers one request per tenth of a second (its reader sleeps between
messages), so adding articles one by one would take minutes on a real
archive. Each article's search document (see records.py) is written into a
staging folder instead, and Pagefind indexes that folder in one request.

The bundle is written beside the output and swapped in only when complete:
a failed run leaves the previous bundle, and stale fragments of earlier runs
never accumulate (Pagefind itself never deletes anything).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from portal.diagnostics import PortalError

from .canonical import FormatError, canonicalize
from .records import document

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


class SearchError(PortalError):
    """Pagefind could not build the index; the message says why, in Vietnamese."""


@dataclass
class IndexStats:
    articles: int
    seconds: float  # staging plus Pagefind, wall clock
    pagefind_seconds: float  # Pagefind's part of it
    bundle_bytes: int  # everything published under the bundle folder
    data_bytes: int  # index, fragments, filters and metadata only

    @property
    def bytes_per_article(self) -> float:
        return self.data_bytes / self.articles if self.articles else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "bytes_per_article": round(self.bytes_per_article)}


def build_index(
    articles, output_path, *, bundle_dir="pagefind", language="vi", timeout=300.0
) -> IndexStats:
    """Index ``articles`` into ``output_path/bundle_dir``; raise SearchError."""
    output = Path(output_path)
    bundle = output / bundle_dir
    start = time.perf_counter()
    output.mkdir(parents=True, exist_ok=True)
    # Inside the output folder so that the final swap is a rename.
    with tempfile.TemporaryDirectory(prefix=".search-", dir=output) as tmp:
        docs, fresh = Path(tmp) / "docs", Path(tmp) / "bundle"
        docs.mkdir()
        for article in articles:
            path = docs / article.save_as
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document(article), encoding="utf-8")
        started = time.perf_counter()
        pages = _run_pagefind(docs, fresh, language, timeout)
        pagefind_seconds = time.perf_counter() - started
        if pages != len(articles):
            raise SearchError(
                f"Pagefind chỉ lập chỉ mục được {pages}/{len(articles)} bài viết."
            )
        for name in _UNUSED:
            (fresh / name).unlink(missing_ok=True)
        try:
            canonicalize(fresh)
        except (FormatError, OSError, KeyError, ValueError) as error:
            raise SearchError(
                f"gói chỉ mục của Pagefind có dạng không đọc được ({error}); "
                "phiên bản Pagefind đã được thử là 1.5."
            ) from None
        if bundle.exists():
            shutil.rmtree(bundle)
        fresh.rename(bundle)
    seconds = time.perf_counter() - start
    total = data = 0
    for path in bundle.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if not (
                path.name.endswith(_RUNTIME_SUFFIXES) or path.name.startswith("wasm.")
            ):
                data += size
    return IndexStats(len(articles), seconds, pagefind_seconds, total, data)


def _run_pagefind(docs: Path, out: Path, language: str, timeout: float) -> int:
    # Pagefind's service logs its own English errors when it is torn down
    # after a failure; ours, in Vietnamese, says the same and what to do.
    service_log = logging.getLogger("pagefind")
    level = service_log.level
    service_log.setLevel(logging.CRITICAL)
    try:
        return asyncio.run(_index(docs, out, language, timeout))
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


async def _index(docs: Path, out: Path, language: str, timeout: float) -> int:
    from pagefind.service import PagefindService

    config = {"force_language": language, "output_path": str(out)}
    service = await PagefindService().launch()

    async def work() -> int:
        index = await service.create_index(config)
        result = await index.add_directory(str(docs))
        await index.write_files(str(out))
        return int(result["page_count"])

    try:
        pages = await _watched(work(), service, timeout)
    except BaseException:
        _abandon(service)
        raise
    await service.close()
    return pages


async def _watched(coroutine, service, timeout: float):
    """Await ``coroutine`` unless the Pagefind process dies or time runs out.

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
        elif asyncio.get_running_loop().time() > deadline:
            problem = (
                f"Pagefind chưa xong sau {timeout:g} giây (thiết lập SEARCH_TIMEOUT)."
            )
        if problem:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            raise SearchError(problem)
    return task.result()


def _abandon(service) -> None:
    """Stop a failed Pagefind process; the API's own close() would wait on
    answers that will never come."""
    poll = getattr(service, "_poll_task", None)
    if poll is not None:
        poll.cancel()
    backend = getattr(service, "_backend", None)
    if backend is not None and backend.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            backend.kill()


def _service_gone(service) -> bool:
    # Private attributes of pagefind 1.5's service; if they change, only the
    # timeout remains to stop a build whose indexer died.
    poll = getattr(service, "_poll_task", None)
    backend = getattr(service, "_backend", None)
    return bool(
        (poll is not None and poll.done())
        or (backend is not None and backend.returncode is not None)
    )
