"""Problems found in content, reported the same way by every plugin.

Editors are not programmers: each problem names the plugin, the file, the line
and what to do, in Vietnamese. A build collects them, folds repeats, prints a
summary at the end and, when strict (CI, publish), fails.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass

logger = logging.getLogger("portal")

ERROR = "lỗi"
WARNING = "cảnh báo"
NOTICE = "lưu ý"


class PortalError(Exception):
    """Base of the project's own exceptions."""


class ContentError(PortalError):
    """A content file cannot be built; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


class StrictBuildError(PortalError):
    """A strict build saw warnings or errors."""

    exitcode = 1


@dataclass(frozen=True)
class Problem:
    plugin: str
    path: str
    line: int | None
    message: str
    hint: str = ""
    level: str = ERROR

    def format(self) -> str:
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        text = f"{self.plugin}: {where}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


def display_path(path: str) -> str:
    """A path relative to the working directory when it is inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


# What the system said, for an editor: the errno of a failed write or rename.
OS_ERRORS = {
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp",
    errno.EBUSY: "thư mục đang được dùng hoặc là một điểm gắn kết (mount point)",
    errno.EXDEV: "hai thư mục nằm trên hai ổ đĩa khác nhau",
}


def explain(error: OSError) -> str:
    """`error` in Vietnamese, with the path it is about."""
    reason = OS_ERRORS.get(error.errno, error.strerror or str(error))
    return f"{reason} ({error.filename})" if error.filename else reason


class _Counter(logging.Handler):
    """Counts warnings and errors from every logger during one build."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _DropDuplicateFailure(logging.Filter):
    """Pelican logs a bare "Could not process <file>" for every file whose
    reader raised; for our ContentError the Vietnamese message with file and
    line has already been logged, so the English echo only adds noise."""

    def filter(self, record):
        import sys

        return not (
            record.msg == "Could not process %s"
            and isinstance(sys.exc_info()[1], ContentError)
        )


class _NoTracebackForOurErrors(logging.Filter):
    """Pelican logs the exception that ends a build with its traceback. Ours
    (a strict build that failed, a plugin that cannot go on) already say what
    to do in Vietnamese: the editor gets that sentence, not Python's stack;
    so does a disk that is full or cannot be written."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, PortalError):
            record.exc_info = None
            record.msg, record.args = "%s", (str(error),)
        elif isinstance(error, OSError) and error.errno in OS_ERRORS:
            # A read-only or full disk: what to do, not where Python was.
            record.exc_info = None
            record.msg, record.args = "%s", (
                f"Không ghi được bản dựng: {explain(error)}. Các trang đã ghi "
                "xong vẫn nguyên vẹn nhưng thư mục xuất bản có thể chưa cập nhật "
                "hết: hãy giải phóng chỗ trống hoặc cấp quyền ghi, rồi dựng lại.",)
        return True


class Diagnostics:
    """Per-build collection of problems (kept in the settings, never global)."""

    SETTINGS_KEY = "_PORTAL_DIAGNOSTICS"

    def __init__(self, strict: bool):
        self.strict = strict
        self.seen: set[Problem] = set()
        self.log: list[Problem] = []  # what `seen` holds, in order
        self.skipped: list[str] = []
        self.finished = False
        self._counter = _Counter()
        self._filter = _DropDuplicateFailure()

    def __reduce__(self):
        # Pelican's content cache pickles articles together with their
        # settings; build state must not travel with them, so a copy is a
        # fresh, empty collector.
        return (Diagnostics, (self.strict,))

    @classmethod
    def of(cls, settings) -> Diagnostics:
        found = settings.get(cls.SETTINGS_KEY)
        if found is None:
            # Readers used outside a full build (e.g. by `invoke check`).
            found = settings[cls.SETTINGS_KEY] = cls(strict=False)
        return found

    def start(self):
        logging.getLogger().addHandler(self._counter)
        logging.getLogger("pelican.generators").addFilter(self._filter)
        # Stays after stop(): the build's last error is logged after finish().
        pelican_logger = logging.getLogger("pelican")
        if not any(isinstance(f, _NoTracebackForOurErrors)
                   for f in pelican_logger.filters):
            pelican_logger.addFilter(_NoTracebackForOurErrors())

    def stop(self):
        logging.getLogger().removeHandler(self._counter)
        logging.getLogger("pelican.generators").removeFilter(self._filter)

    def report(self, problem: Problem):
        """Log a problem once, however often it is found."""
        if problem in self.seen:
            return
        self.seen.add(problem)
        self.log.append(problem)
        level = {ERROR: logging.ERROR, WARNING: logging.WARNING}.get(
            problem.level, logging.INFO
        )
        logger.log(level, "%s", problem.format())
        if self.finished and self.strict and problem.level != NOTICE:
            # Plugins report from `finalized` too, and blinker calls those
            # handlers in no set order: a problem that arrives after the
            # summary must still fail a strict build.
            raise StrictBuildError(
                "Bản dựng nghiêm ngặt thất bại: có lỗi sau khi dựng xong "
                "(xem thông báo ở trên)."
            )

    def skip(self, path: str, problems: list[Problem]):
        for problem in problems:
            self.report(problem)
        self.skipped.append(display_path(path))

    def finish(self):
        """Summarise at the end of a build; fail it when strict."""
        self.finished = True
        self.stop()
        if self.skipped:
            logger.warning(
                "Đã bỏ qua %d tệp nội dung vì có lỗi (xem các thông báo ở trên): %s",
                len(self.skipped),
                ", ".join(sorted(self.skipped)),
            )
        if self.strict and self._counter.count:
            raise StrictBuildError(
                f"Bản dựng nghiêm ngặt thất bại: có {self._counter.count} "
                "cảnh báo hoặc lỗi. Hãy sửa các vấn đề được liệt kê ở trên."
            )
