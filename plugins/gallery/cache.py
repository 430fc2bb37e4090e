"""The derivative cache: one folder per source content and spec.

Layout under GALLERY_CACHE_PATH (kept between CI runs by the deploy
workflow, never inside output/):

    v1/<k[:2]>/<k>/meta.json     what the set holds, or why it failed
    v1/<k[:2]>/<k>/960.webp …    the derivatives
    sources.json                 content hashes of source files, by path,
                                 size and times (so a warm build reads no
                                 photo, only its file status)
    tmp/                         sets being written

The key `k` is a hash of the source's bytes and of the spec fingerprint, so
a changed photo, a changed setting or a new Pillow gets a new entry, and an
unchanged photo is found again whatever its name or folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .encode import META

LAYOUT = "v1"
HASHES = "sources.json"


def cache_key(source_sha256: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{source_sha256}:{fingerprint}".encode()).hexdigest()[:32]


class ImageCache:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.entries = self.root / LAYOUT
        self.tmp = self.root / "tmp"

    def entry(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def load(self, key: str) -> dict | None:
        """The stored metadata of an entry, or None when there is none (or it
        is damaged: then it is made again)."""
        path = self.entry(key)
        try:
            with open(path / META, encoding="utf-8") as handle:
                meta = json.load(handle)
        except (OSError, ValueError):
            return None
        if "error" in meta:
            return meta
        for name, size in meta.get("files", {}).items():
            try:
                if (path / name).stat().st_size != size:
                    return None
            except OSError:
                return None
        return meta

    def discard(self, key: str) -> None:
        shutil.rmtree(self.entry(key), ignore_errors=True)

    def prune(self, keep: set[str]) -> tuple[int, int]:
        """Remove every entry whose key is not in `keep` and any leftover
        temporary folder; returns (entries removed, bytes freed)."""
        removed = freed = 0
        shutil.rmtree(self.tmp, ignore_errors=True)
        if not self.entries.is_dir():
            return 0, 0
        for shard in sorted(self.entries.iterdir()):
            if not shard.is_dir():
                continue
            for entry in sorted(shard.iterdir()):
                if entry.name in keep:
                    continue
                freed += sum(f.stat().st_size for f in entry.glob("*") if f.is_file())
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
            if not any(shard.iterdir()):
                shard.rmdir()
        return removed, freed


class SourceHashes:
    """SHA-256 of source files, remembered by path and file status.

    A fresh CI clone gives every file new times, so the first build there
    reads each photo once; after that an unchanged photo costs one stat().
    The inode and change time are part of the status: a photo replaced by
    a copy that kept the old modification time is still read again.
    """

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, list] = {}
        self.used: dict[str, list] = {}
        try:
            with open(path, encoding="utf-8") as handle:
                self.known = json.load(handle)
        except (OSError, ValueError):
            self.known = {}

    @staticmethod
    def _status(stat: os.stat_result) -> list:
        return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]

    def hash_all(self, paths: dict[str, os.stat_result],
                 threads: int) -> dict[str, str]:
        """path -> sha256 for every path (given with its stat)."""
        result: dict[str, str] = {}
        todo = []
        for path, stat in paths.items():
            status = self._status(stat)
            known = self.known.get(path)
            if known and known[:4] == status:
                result[path] = known[4]
                self.used[path] = known
            else:
                todo.append((path, status))
        if todo:
            # hashlib releases the GIL on large reads: threads use every core.
            with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
                digests = pool.map(_sha256, [path for path, _ in todo])
                for (path, status), digest in zip(todo, digests, strict=True):
                    result[path] = digest
                    self.used[path] = [*status, digest]
        return result

    def save(self) -> None:
        """Keep only the paths of this build (so the file does not grow)."""
        if self.used == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self.used, handle, sort_keys=True)
        os.replace(tmp, self.path)


def _sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
