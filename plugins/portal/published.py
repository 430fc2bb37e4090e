"""What of content/ the build reads and publishes: one rule, nothing else.

Left to itself, Pelican publishes every file under STATIC_PATHS and every
file an `{attach}`/`{static}` link names, wherever it is:
`{attach}../../../../etc/passwd` published the build machine's password
file, and its walk follows symlinks, so a symlinked `~/.ssh` was published
with no article changed. It also reads each of those files whole to hash it
(CHECK_MODIFIED_METHOD = "sha256"): a symlink to /dev/zero filled the
memory, a FIFO hung the build. The rule, for the build and `invoke check`:

* a file is read only when it is a regular file inside content/ (its real
  path: symlinks resolved) and not larger than a bound; folders are walked
  without following symlinks;
* a file is published as it is (an "attachment") only when a page links it
  with `{attach}` or `{static}`: a file beside an article that nothing links
  (a draft in another format, a staff list, minutes) stays unpublished,
  whatever STATIC_PATHS says. Photos are published as derivatives by the
  gallery, never as they are;
* an attachment a browser would run on the site's origin (SVG, HTML, XML…)
  is refused.

A refused link is reported with the file and line of the page that has it
and taken out of the page (the text stays); a strict build fails on it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from urllib.parse import urlparse

from .diagnostics import ERROR, WARNING, ContentError, Diagnostics, Problem
from .settings import setting_or_default
from .source import read_text

PLUGIN = "portal"
DEFAULTS = {
    # Largest attachment (a PDF, a spreadsheet) the build reads and publishes.
    "PORTAL_ATTACHMENT_MAX_BYTES": 100 * 1024 * 1024,
    # Largest Markdown file the build reads (`invoke check` warns from
    # PORTAL_ARTICLE_MAX_BYTES, 256 KB, on).
    "PORTAL_SOURCE_MAX_BYTES": 4 * 1024 * 1024,
}
# Files a browser runs as a page of the site (script inside SVG, HTML, XML
# with a stylesheet): never published as attachments.
ACTIVE_TYPES = frozenset({".svg", ".svgz", ".html", ".htm", ".xhtml", ".xht",
                          ".shtml", ".xml", ".xsl", ".xslt", ".js", ".mjs",
                          ".swf"})
ACTIVE_HINT = ("tệp loại này có thể chứa mã chạy ngay trên trang của cơ quan; "
               "hãy chuyển thành PDF (văn bản) hoặc ảnh PNG/JPEG rồi liên kết "
               "tệp đó")


def limit(settings, name: str) -> int:
    return int(setting_or_default(settings, name, DEFAULTS))


def refusal(path: str, content_root: str, max_bytes: int) -> tuple[str, str] | None:
    """Why the file at `path` must not be read (message, hint), or None."""
    root = os.path.realpath(content_root)
    real = os.path.realpath(path)
    if os.path.commonpath([real, root]) != root:
        return ("nằm ngoài thư mục content/ (có thể qua một liên kết tượng "
                "trưng)", "chỉ tệp nằm trong content/ mới được đăng; hãy chép "
                "tệp vào cạnh bài viết")
    try:
        status = os.stat(real)
    except OSError:
        return ("trỏ tới tệp không có", "hãy kiểm tra tên tệp (phân biệt hoa "
                "thường) và đường dẫn tính từ thư mục của bài viết")
    if not stat.S_ISREG(status.st_mode):
        return ("không phải là một tệp thông thường (thư mục, thiết bị, "
                "FIFO…)", "hãy thay bằng chính tệp cần đăng")
    if status.st_size > max_bytes:
        return (f"nặng {_size(status.st_size)}, quá giới hạn {_size(max_bytes)}",
                "hãy nén tệp hoặc chia nhỏ")
    return None


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1048576:.1f} MB"
    return f"{max(1, round(count / 1024))} KB"


def attachment_refusal(path: str, content_root: str,
                       settings) -> tuple[str, str] | None:
    if os.path.splitext(path)[1].lower() in ACTIVE_TYPES:
        return ("là tệp SVG/HTML, không được đăng", ACTIVE_HINT)
    return refusal(path, content_root, limit(settings, "PORTAL_ATTACHMENT_MAX_BYTES"))


# --- reading: the generators' file lists ------------------------------------

def confine(generator) -> None:
    """Give a Pelican generator our file listing (generator_init signal).

    Pelican offers no hook between listing a generator's files and reading
    them, and its own listing follows symlinks. The static generator lists
    nothing: what it publishes comes from the pages' links alone."""
    from pelican.generators import StaticGenerator

    if isinstance(generator, StaticGenerator):
        generator.get_files = lambda *args, **kwargs: set()
    else:
        def get_files(paths, exclude=None, extensions=None):
            return content_files(generator, paths, exclude, extensions)

        generator.get_files = get_files


def content_files(generator, paths, exclude=None, extensions=None) -> set[str]:
    """Pelican's Generator.get_files without following a symlink to a folder
    and without the files `refusal` turns down (reported, and skipped)."""
    root = generator.path
    settings = generator.settings
    max_bytes = limit(settings, "PORTAL_SOURCE_MAX_BYTES")
    diagnostics = Diagnostics.of(settings)
    excluded = {os.path.normpath(os.path.join(root, e)) for e in exclude or ()}
    ignores = settings.get("IGNORE_FILES") or ()
    found = set()
    real_root = os.path.realpath(root)
    for top in [paths] if isinstance(paths, str) else paths:
        top = os.path.join(root, top) if top else root
        if os.path.commonpath([os.path.realpath(top), real_root]) != real_root:
            diagnostics.report(Problem(
                PLUGIN, top, None, "thư mục nằm ngoài content/ (qua liên kết "
                "tượng trưng): không được đọc", "hãy chép chính các tệp vào "
                "content/", ERROR))
            continue
        listing = ([(os.path.dirname(top), [], [os.path.basename(top)])]
                   if not os.path.isdir(top) and os.path.lexists(top)
                   else os.walk(top))
        for dirpath, dirs, files in listing:
            keep = []
            for name in sorted(dirs):
                full = os.path.join(dirpath, name)
                if full in excluded or any(fnmatch.fnmatch(name, i) for i in ignores):
                    continue
                if os.path.islink(full):
                    diagnostics.report(Problem(
                        PLUGIN, full, None, "thư mục liên kết tượng trưng "
                        "(symlink) không được đọc, không được đăng",
                        "hãy chép chính các tệp vào content/", WARNING))
                    continue
                keep.append(name)
            dirs[:] = keep
            for name in files:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root)
                if not generator._include_path(rel, extensions):
                    continue
                # Folders are not followed: only a symlink can lead out.
                status = os.lstat(full)
                reason = (refusal(full, root, max_bytes)
                          if not stat.S_ISREG(status.st_mode)
                          or status.st_size > max_bytes else None)
                if reason:
                    diagnostics.skip(full, [Problem(
                        PLUGIN, full, None, f"tệp {reason[0]}", reason[1], ERROR)])
                    continue
                found.add(rel)
    return found


# --- publishing: the links of the pages --------------------------------------

class PublishedFiles:
    """A generator that runs after every content generator and before
    Pelican's static one (plugins' generators come between them): it drops
    from the static links every file that must not be published, reports
    it at the page that links it, and takes the link out of that page."""

    def __init__(self, context, settings, path, theme, output_path, *args,
                 **kwargs):
        self.context, self.settings, self.path = context, settings, path

    def generate_context(self):
        links = self.context.get("static_links", set())
        refused = {}
        for rel in sorted(links):
            reason = attachment_refusal(os.path.join(self.path, rel), self.path,
                                        self.settings)
            if reason:
                refused[rel] = reason
        if not refused:
            return
        links.difference_update(refused)
        contents = [c for c in self.context.get("generated_content", {}).values()
                    if c is not None]
        for content in sorted(contents, key=lambda c: c.source_path):
            if refused.keys() & content.get_static_links():
                content._content = self._unlink(content, refused)

    def _unlink(self, content, refused) -> str:
        diagnostics = Diagnostics.of(self.settings)
        lines = None
        seen: dict[str, int] = {}

        def replace(match: re.Match) -> str:
            nonlocal lines
            rel = linked_path(content, match["what"], match["value"])
            if rel not in refused:
                return match[0]
            if lines is None:
                lines = _lines(content.source_path)
            written = match["path"]
            # The n-th link to a file is on the n-th line that names it.
            seen[written] = seen.get(written, 0) + 1
            where = [n for n, text in enumerate(lines, 1) if match["value"] in text]
            line = where[min(seen[written], len(where)) - 1] if where else None
            message, hint = refused[rel]
            diagnostics.report(Problem(PLUGIN, content.source_path, line,
                                       f"liên kết '{written}' {message}", hint, ERROR))
            # The tag without the attribute: `<a href=` becomes `<a`.
            return re.sub(r"\s+[\w:-]+\s*=\s*$", "", match["markup"])

        return content._get_intrasite_link_regex().sub(replace, content._content)

    def generate_output(self, writer):
        pass


def linked_path(content, what: str, value: str) -> str | None:
    """The content-relative path a `{static}`/`{attach}` link names, as
    Pelican's Content.get_static_links computes it."""
    if what not in ("static", "attach"):
        return None
    path = urlparse(value).path
    if path.startswith("/"):
        path = path[1:]
    else:
        path = content.get_relative_source_path(
            os.path.join(content.relative_dir, path))
    return path.replace("%20", " ")


def _lines(path: str) -> list[str]:
    try:
        return read_text(path).splitlines()
    except (OSError, ContentError):
        return []
