"""Files of content/ the build will not read: symlinks that lead out of it,
and devices, FIFOs or sockets (portal.published). The build refuses them
where a page needs them; this names every one, linked or not, so that a
symlinked `~/.ssh` is seen before it is pushed."""

from __future__ import annotations

import os
import stat

from ..diagnostics import WARNING, Problem
from .model import CheckContext, ContentFile

PLUGIN = "portal"


def check(files: list[ContentFile], context: CheckContext) -> list:
    root = os.path.realpath(context.content_root)
    problems = []
    for dirpath, dirs, names in os.walk(context.content_root):
        dirs.sort()
        for name in [*dirs, *sorted(names)]:
            path = os.path.join(dirpath, name)
            found = _problem(path, root)
            if found:
                problems.append(Problem(PLUGIN, path, None, *found, WARNING))
    return problems


def _problem(path: str, root: str) -> tuple[str, str] | None:
    if os.path.islink(path):
        real = os.path.realpath(path)
        if os.path.commonpath([real, root]) != root:
            return (f"liên kết tượng trưng (symlink) trỏ ra ngoài content/, tới "
                    f"'{os.readlink(path)}': không được đọc, không được đăng",
                    "hãy xóa liên kết; nếu cần đăng tệp, hãy chép chính tệp vào "
                    "content/")
        return None
    mode = os.lstat(path).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return ("không phải tệp thông thường (thiết bị, FIFO, socket): không "
                "được đọc, không được đăng", "hãy xóa nó khỏi content/")
    return None
