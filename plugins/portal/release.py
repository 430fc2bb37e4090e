"""Safe publishing: a new site replaces the old one whole, or not at all.

`invoke publish` builds into a fresh folder beside `output/`, checks it, and
only then swaps it in. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`
call, so a web server reading `output/` sees the old site or the new one,
never a mix or nothing; elsewhere it falls back to two renames (a moment
without `output/`). A failed build or check deletes the new folder and
leaves `output/` as it was.

The only things ever deleted are the folder this module created and, after a
swap, the previous site now standing in that folder. Before anything starts
the output folder is checked: never the project, `content/`, a parent of
either, a home folder or a file-system root, never a symlink, and, when it
exists, it must look like a built site.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shlex
import shutil
import tempfile
from pathlib import Path

from .diagnostics import PortalError

STAGING_PREFIX = ".publish-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100
# Found in a project, never in a built site.
NOT_A_SITE = (".git", "pelicanconf.py", "tasks.py", "content")


class PublishError(PortalError):
    """Publishing cannot go on; the message says why, in Vietnamese."""


def guard_output(output: Path, project: Path, content: Path) -> Path:
    """The output folder, resolved, or PublishError when replacing it could
    destroy something else."""
    if output.is_symlink():
        raise PublishError(
            f"Thư mục xuất bản {output} là một liên kết tượng trưng; hãy đặt "
            "OUTPUT_PATH là một thư mục thật.")
    out = output.resolve()
    project, content = project.resolve(), content.resolve()
    for protected, name in ((project, "thư mục dự án"), (content, "thư mục content/")):
        if out == protected or protected.is_relative_to(out):
            raise PublishError(
                f"OUTPUT_PATH ({out}) là {name} hoặc thư mục cha của nó: xuất bản "
                "sẽ xóa mất mã nguồn. Hãy đặt OUTPUT_PATH riêng, ví dụ 'output'.")
    if out.is_relative_to(content):
        raise PublishError(
            f"OUTPUT_PATH ({out}) nằm trong thư mục content/: hãy đặt ra ngoài.")
    if out == Path(out.anchor) or out == Path.home().resolve():
        raise PublishError(f"OUTPUT_PATH ({out}) không thể là thư mục gốc hay thư "
                           "mục nhà.")
    if out.exists():
        if not out.is_dir():
            raise PublishError(f"OUTPUT_PATH ({out}) là một tệp, không phải thư mục.")
        foreign = [name for name in NOT_A_SITE if (out / name).exists()]
        if foreign or (any(out.iterdir()) and not (out / "index.html").is_file()):
            raise PublishError(
                f"Thư mục xuất bản {out} không giống một bản dựng của trang "
                f"({', '.join(foreign) or 'không có index.html'}): không thay nó. "
                "Hãy kiểm tra OUTPUT_PATH, hoặc tự xóa thư mục này nếu đúng là "
                "bản dựng cũ.")
    return out


def make_staging(output: Path) -> Path:
    """A fresh empty folder beside the output (same file system: the swap
    is a rename)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-",
                                 dir=output.parent))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False when unsupported."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, output: Path) -> None:
    """Make `staging` the output; afterwards `staging` holds the previous
    site (or nothing), for `discard`."""
    if not output.exists():
        staging.rename(output)
        return
    if _exchange(staging, output):
        return
    aside = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-", dir=output.parent))
    aside.rmdir()
    output.rename(aside)
    staging.rename(output)
    aside.rename(staging)


def discard(staging: Path, output: Path) -> None:
    """Delete a folder made by make_staging, and nothing else."""
    staging = Path(staging)
    if not staging.exists():
        return
    if staging.parent.resolve() != output.resolve().parent or not (
            staging.name.startswith(STAGING_PREFIX)):
        raise PublishError(f"Từ chối xóa {staging}: không phải thư mục tạm của "
                           "lần xuất bản này.")
    shutil.rmtree(staging)


def rsync_command(output: Path, target: str) -> str:
    """Upload with checksums; remote files are replaced at the end of the
    transfer (--delay-updates) and deletions wait until everything has been
    sent (--delete-after), so an interrupted upload leaves the old site."""
    if not target or target.startswith("-"):
        raise PublishError(f"Đích rsync không hợp lệ: '{target}' (dạng "
                           "user@host:thu-muc).")
    if not shutil.which("rsync"):
        raise PublishError("Không tìm thấy rsync: hãy cài (sudo apt install rsync).")
    return shlex.join(["rsync", "--recursive", "--links", "--times", "--checksum",
                       "--delay-updates", "--delete-after", "--human-readable",
                       "--stats", f"{output}/", target])
