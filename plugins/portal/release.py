"""Safe publishing: a new site replaces the old one whole, or not at all.

`invoke publish` builds into a fresh folder beside `output/`, checks it, and
only then swaps it in. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`
call, so a web server reading `output/` sees the old site or the new one,
never a mix or nothing; elsewhere it falls back to two renames (a moment
without `output/`). A failed build or check deletes the new folder and
leaves `output/` as it was.

The published folders are 0755 and files 0644 whatever the umask
(`tempfile.mkdtemp` makes 0700: a web server running as another user got
403 everywhere). One publish at a time holds a lock on the output's parent
folder; holding it, it removes the staging folders a killed publish left.

The only things ever deleted are the folder this module created, the staging
folders of killed publishes and, after a swap, the previous site now
standing in that folder. Before anything starts
the output folder is checked: never the project, `content/`, a parent of
either, a home folder or a file-system root, never a symlink, and, when it
exists, it must look like a built site.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .diagnostics import PortalError, explain

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
    if out.is_mount():
        raise PublishError(
            f"OUTPUT_PATH ({out}) là một điểm gắn kết (mount point): không thể "
            "thay cả thư mục trong một bước. Hãy đặt OUTPUT_PATH là một thư mục "
            f"con bên trong (ví dụ {out / 'site'}) và cho máy chủ web đọc thư mục "
            "đó, hoặc dùng --rsync.")
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


DIR_MODE, FILE_MODE = 0o755, 0o644


@contextmanager
def exclusive(output: Path) -> Iterator[None]:
    """Hold the publish lock of `output` (a lock on its parent folder, so no
    file is left behind), then remove what killed publishes left there."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(output.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(
                f"Một lần xuất bản khác vào {output} đang chạy: hãy đợi nó xong "
                "rồi chạy lại.") from None
        for left in output.parent.glob(f"{STAGING_PREFIX}{output.name}-*"):
            if left.is_dir() and not left.is_symlink():
                discard(left, output)
        yield
    finally:
        os.close(fd)


def make_staging(output: Path) -> Path:
    """A fresh empty folder beside the output (same file system: the swap
    is a rename)."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-",
                                        dir=output.parent))
    except OSError as error:
        raise PublishError(f"Không tạo được thư mục tạm bên cạnh {output}: "
                           f"{explain(error)}. Trang đang đăng được giữ "
                           "nguyên.") from None
    staging.chmod(DIR_MODE)
    return staging


def make_servable(folder: Path) -> None:
    """Folders 0755, files 0644: readable by a web server of another user."""
    folder.chmod(DIR_MODE)
    for root, dirs, files in os.walk(folder):
        for names, mode in ((dirs, DIR_MODE), (files, FILE_MODE)):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    os.chmod(path, mode)


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
    """Make `staging` the output, servable; afterwards `staging` holds the
    previous site (or nothing), for `discard`."""
    make_servable(staging)
    try:
        _swap(staging, output)
    except OSError as error:
        raise PublishError(f"Không thay được {output} bằng bản dựng mới: "
                           f"{explain(error)}. Trang đang đăng được giữ "
                           "nguyên.") from None


def _swap(staging: Path, output: Path) -> None:
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
