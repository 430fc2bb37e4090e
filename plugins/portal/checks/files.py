"""Files of content/ the build will not read: symlinks that lead out of it,
and devices, FIFOs or sockets (portal.published). The build refuses them
where a page needs them; this names every one, linked or not, so that a
symlinked `~/.ssh` is seen before it is pushed. A document beside an
article that no page links is not published either: a notice says so, in
case the link was forgotten."""

from __future__ import annotations

import os
import stat

from ..diagnostics import NOTICE, WARNING, Problem
from ..source import IMAGE, PELICAN_LINK, resolve_image
from .links import links_of
from .model import CheckContext, ContentFile

PLUGIN = "portal"
# Files that are content or photos, not documents to link.
CONTENT_TYPES = frozenset({".md", ".markdown", ".mkd", ".mdown", ".jpg", ".jpeg",
                           ".png", ".webp", ".gif", ".heic", ".heif", ".tif",
                           ".tiff", ".bmp"})


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
    return problems + unlinked(files, context)


def unlinked(files: list[ContentFile], context: CheckContext) -> list:
    """A notice for each file beside articles and pages that is neither
    content nor linked by a page (photos are the gallery's: left out)."""
    used = set()
    for file in files:
        folder = os.path.dirname(file.path)
        targets = [t for _, t in links_of(file) if PELICAN_LINK.match(t)]
        targets += [m["src"] for _, line in file.body() for m in IMAGE.finditer(line)]
        used.update(os.path.abspath(p) for p in
                    (resolve_image(t, folder, context.content_root) for t in targets)
                    if p)
    settings = context.settings
    folders = [*settings.get("ARTICLE_PATHS", ()), *settings.get("PAGE_PATHS", ())]
    problems = []
    for folder in folders:
        for dirpath, dirs, names in os.walk(os.path.join(context.content_root, folder)):
            dirs.sort()
            for name in sorted(names):
                path = os.path.abspath(os.path.join(dirpath, name))
                kind = os.path.splitext(name)[1].lower()
                if (kind in CONTENT_TYPES or path in used or os.path.islink(path)
                        or not os.path.isfile(path)):
                    continue
                problems.append(Problem(
                    PLUGIN, path, None, "không trang nào liên kết tới tệp này nên "
                    "nó không được đăng", "nếu cần đăng, hãy thêm vào bài một liên "
                    f"kết [Tải về]({{attach}}…/{name})", NOTICE))
    return problems


def _problem(path: str, root: str) -> tuple[str, str] | None:
    if os.path.islink(path):
        real = os.path.realpath(path)
        if os.path.isdir(real):
            return (f"thư mục liên kết tượng trưng (symlink) tới '{os.readlink(path)}'"
                    ": không được đọc, không được đăng",
                    "hãy chép chính các tệp vào content/")
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
