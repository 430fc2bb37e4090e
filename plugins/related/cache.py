"""Related lists kept between builds in CACHE_PATH.

The related articles of every article depend only on, for every article in
the build's order, its source path, date and keys (units, people, category,
tags), on RELATED_MAX and RELATED_SCAN_LIMIT, and on the scoring code. A
warm build, or one after an edit that leaves those alone (an article's
body, a photo), finds the lists under the sha256 of exactly these and skips
the scoring. A missing, unreadable or foreign file is recomputed silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from portal.output import write_atomic

FILE_NAME = "related.json"
# A change to the ranking must not reuse lists ranked the old way.
_SCORING_SOURCE = Path(__file__).with_name("scoring.py").read_bytes()


def inputs_key(articles, keys, k: int, limit: int, root: str) -> str:
    """The sha256 of what the related lists are made from. Source paths are
    relative to PATH: under one root they compare in the same order as the
    absolute paths the scoring breaks ties with."""
    rows = [
        [
            os.path.relpath(article.source_path, root),
            article.date.isoformat(),
            {group: sorted(ids) for group, ids in groups.items()},
        ]
        for article, groups in zip(articles, keys, strict=True)
    ]
    text = json.dumps([k, limit, rows], ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(_SCORING_SOURCE)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load(path: Path, key: str, count: int) -> list[list[int]] | None:
    """The lists stored under `key` for `count` articles, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = data["related"] if data["inputs"] == key else None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    valid = (
        isinstance(found, list)
        and len(found) == count
        and all(
            isinstance(row, list)
            and all(type(p) is int and 0 <= p < count for p in row)
            for row in found
        )
    )
    return found if valid else None


def save(path: Path, key: str, related: list[list[int]]) -> None:
    """Write the lists atomically (a build reading the file meanwhile sees
    the old one or the new one); a cache that cannot be written is skipped."""
    text = json.dumps({"inputs": key, "related": related}, separators=(",", ":"))
    with contextlib.suppress(OSError):
        write_atomic(path, text.encode("utf-8"))
