"""Skip Pagefind when the bundle it would write is the one already published.

A build with the same search documents, fed in the same order, to the same
Pagefind with the same plugin code gives a byte-identical bundle (that is
what canonical.py is for). So the plugin keeps, in Pelican's CACHE_PATH, a
key over exactly those inputs and the list of files the bundle was published
as (relative path, size, sha256). When the key is the same and every one of
those files is still in the output folder, unchanged, with nothing added,
running Pagefind again could only rewrite the same bytes: the build leaves
the bundle alone. Anything else (another key, a file missing, edited or
added, a cache file that cannot be read) means a fresh index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from portal.output import write_atomic

CACHE_NAME = "search-index.json"
# Bumped when the cache file's own layout changes.
FORMAT = 1
_PACKAGES = ("pagefind_bin", "pagefind_bin_extended")


def index_key(records, *, language: str, bundle_dir: str,
              shard_articles: int = 0) -> str:
    """sha256 over everything the bundle is made from: the documents in the
    order Pagefind gets them, the language, the bundle folder and its
    shards, the Pagefind in use and this plugin's code (indexer and
    canonicaliser included)."""
    digest = hashlib.sha256()
    head = {
        "format": FORMAT,
        "language": language,
        "bundle_dir": bundle_dir,
        "shard_articles": shard_articles,
        "pagefind": pagefind_version(),
        "code": code_version(),
    }
    digest.update(json.dumps(head, sort_keys=True).encode())
    for path, text in records:
        for part in (path.encode(), text.encode()):
            # Length-prefixed: no two record lists hash the same by accident.
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def pagefind_version() -> dict:
    """Versions of the installed Pagefind packages, and the binary run
    instead of theirs (PAGEFIND_BINARY_PATH)."""
    found = {}
    for name in _PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    found["PAGEFIND_BINARY_PATH"] = os.environ.get("PAGEFIND_BINARY_PATH", "")
    return found


def code_version() -> str:
    """sha256 of this plugin's Python sources: a change to the indexer or
    the canonicaliser makes a fresh index."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def manifest(bundle: Path) -> dict[str, list]:
    """{relative path: [size, sha256]} of every file under ``bundle``."""
    files = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(bundle).as_posix()] = [
                len(data),
                hashlib.sha256(data).hexdigest(),
            ]
    return files


def unchanged(bundle: Path, files: dict) -> bool:
    """Whether ``bundle`` holds exactly ``files``, byte for byte."""
    if not files or not bundle.is_dir():
        return False
    found = set()
    for folder, _, names in os.walk(bundle):
        for name in names:
            found.add((Path(folder) / name).relative_to(bundle).as_posix())
    if found != set(files):
        return False
    for rel, (size, sha) in files.items():
        path = bundle / rel
        try:
            if path.stat().st_size != size:
                return False
            if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                return False
        except OSError:
            return False
    return True


def load(path: Path) -> dict | None:
    """The cache file's content, or None when there is none usable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and isinstance(data.get("key"), str)
        and isinstance(data.get("files"), dict)
        and all(
            isinstance(v, list)
            and len(v) == 2
            and isinstance(v[0], int)
            and isinstance(v[1], str)
            for v in data["files"].values()
        )
    ):
        return None
    return data


def save(path: Path, key: str, files: dict) -> None:
    """Write the cache file atomically: a build that stops half-way leaves
    the previous file or none, never a part of one."""
    data = {"format": FORMAT, "key": key, "files": files}
    write_atomic(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
