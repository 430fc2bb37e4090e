"""Writing output files only when their bytes change.

An unchanged file keeps its modification time, so `rsync --checksum`, CDNs
and live reload see real changes only. Plugins that write files of their own
(hashed assets, sitemap, icons) use this one helper.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path | str, data: bytes) -> bool:
    """Write `data` to `path` (making folders) unless it already holds it.
    Returns whether the file was written. Written whole or not at all: on a
    full disk the old page stays, never a page cut short."""
    target = Path(path)
    if target.is_file() and target.read_bytes() == data:
        return False
    write_atomic(target, data)
    return True


def write_atomic(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` in one step (making folders): a reader, or
    a build stopped half-way, sees the old file or the new one, never a part.
    Caches of the plugins are written this way."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        # mkstemp makes 0600; a page gets the mode a plain write would give.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@functools.cache
def _umask() -> int:
    # Read once: setting it back and forth while another thread creates a
    # file would give that file the wrong mode.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
