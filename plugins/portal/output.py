"""Writing output files only when their bytes change.

An unchanged file keeps its modification time, so `rsync --checksum`, CDNs
and live reload see real changes only. Plugins that write files of their own
(hashed assets, sitemap, icons) use this one helper.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path | str, data: bytes) -> bool:
    """Write `data` to `path` (making folders) unless it already holds it.
    Returns whether the file was written."""
    target = Path(path)
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True
