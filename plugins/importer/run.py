"""`invoke import-article`: import one legacy source or a folder of them.

Each source is read (``textexport`` or ``htmlpage``), completed from the
command line, checked against what already exists, and written (``writer``)
or, with ``--dry-run``, only printed. A folder is a batch: every file is
tried, problems are reported per file, and a summary ends the run. The exit
status is 1 when a file could not be imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portal.diagnostics import ERROR, NOTICE, WARNING, Problem, display_path
from portal.source import DATE_HINT, parse_date
from vn_text import nfc, slugify

from . import entities_link, images, verify, writer
from .htmlpage import read_html_page
from .model import Draft, ImporterError, Photo, error
from .textexport import caption_line_limit, read_text_export

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
DEFAULT_CATEGORY = "Tin hoạt động"
DEFAULT_AUTHOR = "Nhóm BTV"
SLUG_MAX = 80
# File names that say nothing about the article.
GENERIC_STEMS = frozenset({"index", "default", "detail", "details", "news", "article",
                 "print", "tin-tuc", "bai-viet", "chi-tiet", "tin-chi-tiet",
                 "chi-tiet-tin", "xem-tin", "noi-dung"})


@dataclass
class Options:
    content: Path
    title: str | None = None
    date: str | None = None
    category: str | None = None
    author: str | None = None
    slug: str | None = None
    dry_run: bool = False
    force: bool = False


@dataclass
class Outcome:
    source: Path
    imported: bool = False
    again: bool = False  # already imported, unchanged, by an earlier run
    target: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    def count(self, level: str) -> int:
        return sum(p.level == level for p in self.problems)


@dataclass
class Run:
    """State of one run (one command): what was planned, the backup folder."""

    options: Options
    batch: bool
    out: Callable[[str], None]
    detector: entities_link.Detector | None = None
    planned_paths: set[Path] = field(default_factory=set)
    # A re-run (import-site) finds its own earlier articles: not a conflict.
    same_again: bool = False
    backup_root: Path | None = None
    outcomes: list[Outcome] = field(default_factory=list)


def run(source: str | Path, options: Options,
        out: Callable[[str], None] = print) -> int:
    """Import ``source``; print what happened; return the exit status."""
    source = Path(source)
    problems = _check_options(source, options)
    if problems:
        for problem in problems:
            out(problem.format())
        return 1
    files = _sources(source) if source.is_dir() else [source]
    if not files:
        out(error(source, None, "thư mục không có tệp .txt hay .html nào",
                  "hãy chỉ đến tệp xuất hoặc thư mục chứa các tệp đó").format())
        return 1
    state = Run(options, batch=source.is_dir(), out=out,
                detector=entities_link.Detector(options.content))
    for path in files:
        outcome = import_one(path, state)
        state.outcomes.append(outcome)
        _print_outcome(outcome, state)
    _print_summary(state)
    return 0 if all(o.imported for o in state.outcomes) else 1


def _check_options(source: Path, options: Options) -> list[Problem]:
    problems = []
    if not source.exists():
        problems.append(error(source, None, "không tìm thấy tệp hay thư mục này",
                              "hãy kiểm tra lại đường dẫn"))
    if options.date and parse_date(options.date) is None:
        problems.append(error(source, None,
                              f"không đọc được ngày '{options.date}' của --date",
                              DATE_HINT))
    if source.is_dir() and (options.title or options.slug):
        problems.append(error(
            source, None, "--title và --slug chỉ dùng khi nhập một tệp",
            "hãy nhập riêng từng tệp cần đặt tiêu đề hoặc tên tệp"))
    return problems


def _sources(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file()
                  and path.suffix.lower() in HTML_SUFFIXES + TEXT_SUFFIXES)


def read_source(path: Path) -> Draft:
    if _is_html(path):
        return read_html_page(path, caption_line_limit())
    return read_text_export(path)


def _is_html(path: Path) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = path.read_bytes()[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def import_one(path: Path, state: Run) -> Outcome:
    outcome = Outcome(path)
    try:
        return _import(path, state, outcome)
    except ImporterError as failure:
        outcome.problems.extend(failure.problems)
    except OSError as failure:
        where = display_path(failure.filename) if failure.filename else "tệp"
        outcome.problems.append(error(
            path, None, f"không đọc hoặc ghi được {where} ({failure.strerror})",
            "hãy kiểm tra quyền đọc/ghi và chỗ trống trên đĩa"))
    except Exception as failure:  # the last resort: an editor never sees a traceback
        outcome.problems.append(error(
            path, None, "trình nhập gặp lỗi không mong đợi với tệp này "
            f"({type(failure).__name__}: {failure})",
            "hãy gửi tệp này cho nhóm kỹ thuật; các tệp khác vẫn được nhập"))
    outcome.imported = False
    return outcome


def _import(path: Path, state: Run, outcome: Outcome) -> Outcome:
    return import_draft(read_source(path), state, outcome)


def import_draft(draft: Draft, state: Run, outcome: Outcome) -> Outcome:
    """Complete, check and write (or print) one article read from a source."""
    path = draft.source
    outcome.problems.extend(draft.problems)
    meta = _metadata(draft, state, outcome)
    if meta is None:
        return outcome
    slug = _slug(path, meta.title, state.options.slug)
    target = _free_target(state, meta.date, slug, outcome)
    outcome.target = target

    _describe_photos(draft, meta.title, outcome)
    ignored = state.detector.unregistered_people(draft, meta.title)
    if ignored:
        meta.people_ignore = ignored
        outcome.problems.append(Problem(
            "importer", str(path), None,
            "tên sau chức danh chưa có trong danh sách lãnh đạo: "
            f"{', '.join(ignored)}; đã ghi People-Ignore:",
            "nếu là lãnh đạo hiện nay, hãy thêm vào content/data/people.yml và bỏ "
            "tên khỏi People-Ignore:", NOTICE))
    planned = writer.plan(draft, meta, target)
    _report_photos(draft, planned, outcome)
    checked = verify.check(planned, state.options.content)
    outcome.problems.extend(checked)
    if any(p.level == ERROR for p in checked):
        return outcome
    existing = writer.conflicts(planned)
    if existing == [target] and state.same_again and target.read_text(
            "utf-8") == planned.text:
        # Imported by an earlier run of the same migration: nothing to do.
        state.planned_paths.add(target)
        outcome.imported = outcome.again = True
        return outcome
    if existing and not state.options.force:
        names = ", ".join(display_path(str(p)) for p in existing)
        outcome.problems.append(error(
            path, None, f"đã có {names}; không ghi đè",
            "hãy dùng --force để ghi đè (bản cũ được sao lưu), hoặc --slug để "
            "đặt tên khác"))
        return outcome
    state.planned_paths.add(target)
    outcome.imported = True
    if state.options.dry_run:
        _print_dry_run(planned, existing, state)
        return outcome
    if existing:
        copies = writer.backup(existing, state.options.content, _backup_root(state))
        outcome.problems.append(Problem(
            "importer", str(path), None,
            f"đã ghi đè {len(existing)} tệp; bản cũ được sao lưu vào "
            f"{display_path(str(copies[0].parent))}", "", NOTICE))
    writer.write(planned)
    return outcome


def _metadata(draft: Draft, state: Run, outcome: Outcome) -> writer.Metadata | None:
    options = state.options
    path = draft.source
    title = nfc(" ".join(options.title.split())) if options.title else None
    if title and draft.title and title != draft.title:
        outcome.problems.append(Problem(
            "importer", str(path), None,
            f"dùng tiêu đề của --title thay cho tiêu đề trên trang '{draft.title}'",
            "", NOTICE))
    title = title or draft.title
    date, has_time = draft.date, draft.has_time
    if options.date and (not state.batch or date is None):
        if date and date != parse_date(options.date):
            outcome.problems.append(Problem(
                "importer", str(path), None,
                f"dùng ngày của --date thay cho ngày trên trang {date:%d/%m/%Y %H:%M}",
                "", NOTICE))
        date = parse_date(options.date)
        has_time = bool(re.search(r"\d:\d", options.date))
    missing = []
    if not title:
        missing.append(error(path, None, "không tìm thấy tiêu đề bài viết",
                             'hãy ghi tiêu đề bằng --title "Tiêu đề bài viết"'
                             + (" (nhập riêng tệp này)" if state.batch else "")))
    if date is None:
        missing.append(error(path, None, "không tìm thấy ngày đăng bài",
                             'hãy ghi ngày bằng --date "2025-02-10 16:30"'))
    if missing:
        outcome.problems.extend(missing)
        return None
    author = (options.author if options.author and not state.batch else None)
    author = author or draft.author or options.author
    if not author:
        author = DEFAULT_AUTHOR
        outcome.problems.append(Problem(
            "importer", str(path), None,
            f"không thấy dòng tác giả; ghi Author: {DEFAULT_AUTHOR}",
            "hãy sửa nếu bài của tác giả khác", NOTICE))
    meta = writer.Metadata(
        title=title, date=date, has_time=has_time,
        category=nfc(options.category or DEFAULT_CATEGORY), author=nfc(author),
        summary=draft.lead, source=draft.credit)
    found = state.detector.detect(draft, title)
    if found is not None:
        meta.units, meta.people = found
    return meta


def _free_target(state: Run, date: datetime, slug: str, outcome: Outcome) -> Path:
    """The article's file. Its name is its slug, and two articles with one
    slug are a warning of the checks (Pelican takes them for translations),
    so a slug another file of the site or of this run already has gets the
    day ("lich-cong-tac-tuan-20190506"), then a number. An existing file of
    the same month stays a conflict (never overwritten without --force)."""
    content = state.options.content
    month = content / "articles" / f"{date:%Y}" / f"{date:%m}"
    taken = {p.stem: p for p in state.planned_paths}
    candidates = [slug, f"{slug}-{date:%Y%m%d}",
                  *(f"{slug}-{date:%Y%m%d}-{n}" for n in range(2, 50))]
    for name in candidates:
        target = month / f"{name}.md"
        other = taken.get(name) or next(
            (p for p in content.glob(f"articles/*/*/{name}.md") if p != target), None)
        if other is None and target not in state.planned_paths:
            if name != slug:
                outcome.problems.append(Problem(
                    "importer", str(outcome.source), None,
                    f"tên tệp '{slug}' đã có bài khác dùng: ghi thành '{name}'",
                    "", NOTICE))
            return target
    return month / f"{slug}.md"


def _slug(path: Path, title: str, option: str | None) -> str:
    if option:
        return slugify(option)[:SLUG_MAX].strip("-") or slugify(title)
    stem = path.stem
    if (slugify(stem) == stem and "-" in stem and re.search("[a-z]", stem)
            and stem not in GENERIC_STEMS):
        return stem
    slug = slugify(title)
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


def _describe_photos(draft: Draft, title: str, outcome: Outcome) -> None:
    """A photo with neither alt text nor caption tells a blind reader
    nothing (a warning in `invoke check`, refused by a strict build): it is
    described by the article's title until the editor writes better."""
    for n, photo in enumerate(draft.photos, start=1):
        if not photo.alt and not photo.caption:
            photo.alt = f"Ảnh: {title}"
            outcome.problems.append(Problem(
                "importer", str(draft.source), photo.line,
                f"ảnh số {n} không có mô tả và chú thích: đã ghi mô tả tạm "
                f"'{photo.alt}'", "hãy viết mô tả đúng nội dung ảnh trong ![…]",
                NOTICE))


def _report_photos(draft: Draft, planned: writer.Planned, outcome: Outcome) -> None:
    number = {id(photo): n for n, photo in enumerate(draft.photos, start=1)}
    for photo, target in planned.missing:
        outcome.problems.append(_missing_problem(draft, photo, number[id(photo)],
                                                 target))
    for n, photo in enumerate(draft.photos, start=1):
        if not photo.caption:
            outcome.problems.append(Problem(
                "importer", str(draft.source), photo.line,
                f"ảnh số {n} không có chú thích",
                "hãy viết chú thích ngay dưới dòng ảnh trong tệp đã nhập", NOTICE))


def _missing_problem(draft: Draft, photo: Photo, n: int, target: Path) -> Problem:
    ref = f" ('{images.short(photo.ref)}')" if photo.ref else ""
    return Problem(
        "importer", str(draft.source), photo.line,
        f"ảnh số {n} chưa có tệp: {photo.missing}{ref}",
        f"hãy chép ảnh vào {display_path(str(target))}", WARNING)


def _backup_root(state: Run) -> Path:
    if state.backup_root is None:
        base = state.options.content.resolve().parent / ".cache" / "import-backups"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        root, n = base / stamp, 1
        while root.exists():
            n += 1
            root = base / f"{stamp}-{n}"
        root.mkdir(parents=True)
        state.backup_root = root
    return state.backup_root


# --- printing ------------------------------------------------------------------

def _print_outcome(outcome: Outcome, state: Run) -> None:
    out = state.out
    source = display_path(str(outcome.source))
    if outcome.imported:
        verb = "sẽ nhập thành" if state.options.dry_run else "đã nhập thành"
        out(f"{source}: {verb} {display_path(str(outcome.target))}")
    else:
        out(f"{source}: bỏ qua")
    for problem in outcome.problems:
        where = f"dòng {problem.line}" if problem.line else "cả tệp"
        if problem.path != str(outcome.source):
            where = f"{display_path(problem.path)}: {where}"
        hint = f" — {problem.hint}" if problem.hint else ""
        out(f"  {where}: [{problem.level}] {problem.message}{hint}")


def _print_dry_run(planned: writer.Planned, existing: list[Path], state: Run) -> None:
    out = state.out
    out(f"----- {display_path(str(planned.markdown_path))} (chưa ghi) -----")
    out(planned.text.rstrip("\n"))
    out("-----")
    for path, data in planned.files.items():
        out(f"ảnh: {display_path(str(path))} ({len(data) // 1024 + 1} KB, chưa ghi)")
    if existing:
        out("sẽ sao lưu rồi ghi đè: "
            + ", ".join(display_path(str(p)) for p in existing))


def _print_summary(state: Run) -> None:
    outcomes = state.outcomes
    imported = sum(o.imported for o in outcomes)
    skipped = len(outcomes) - imported
    warnings = sum(o.count(WARNING) for o in outcomes)
    notices = sum(o.count(NOTICE) for o in outcomes)
    errors = sum(o.count(ERROR) for o in outcomes)
    head = ("Chạy thử (--dry-run), chưa ghi tệp nào: sẽ nhập"
            if state.options.dry_run else "Kết quả: đã nhập")
    if imported and state.detector.note:
        state.out(f"Lưu ý: {state.detector.note} — hãy tự kiểm tra, thêm nếu cần.")
    state.out(f"{head} {imported} bài, bỏ qua {skipped} tệp, {warnings} cảnh báo, "
              f"{notices} lưu ý, {errors} lỗi.")
