"""One build at a time per output folder and cache folder.

Two builds of one site at once (a preview and a second terminal, two jobs on
one runner) write the same pages, derivative links and plugin caches; they
raced (a SameFileError linking a photo, a cache renamed away under the other
build, a pickle read half-written) and one of them died with a traceback.
The second build now waits until the first is done, then builds: both
finish. The locks are `flock`s on the folders themselves, so no file is
left behind, and they end with the process, however it ends.
"""

from __future__ import annotations

import fcntl
import os

from pelican.log import console

from .diagnostics import display_path

# Folders that two builds must not write at once; missing settings are skipped.
LOCKED_SETTINGS = ("CACHE_PATH", "GALLERY_CACHE_PATH", "OUTPUT_PATH")
# Folders this process holds (a second Pelican object in one process, as the
# detection benchmark makes, must not wait for itself): process state, as
# the locks are.
_HELD: set[str] = set()


def wait_for_other_builds(pelican) -> None:
    settings = pelican.settings
    folders = {os.path.realpath(settings[key]) for key in LOCKED_SETTINGS
               if settings.get(key)}
    # Always in the same order, so two builds cannot each hold what the
    # other waits for.
    for folder in sorted(folders - _HELD):
        os.makedirs(folder, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # open until exit
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            console.print(f"Một bản dựng khác đang ghi vào {display_path(folder)}: "
                          "đợi bản dựng đó xong rồi dựng tiếp…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)  # a file system without locks (some NFS): build as before
            continue
        _HELD.add(folder)
