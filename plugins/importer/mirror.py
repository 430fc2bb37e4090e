"""`invoke import-site`: a whole old portal, mirrored (wget, HTTrack or a
Wayback export), into the new site in one run.

Every page of the mirror is read (in parallel: reading is most of the work),
then, one by one and in a stable order, told apart — an article, a list or
navigation page, the same article under another address — and the articles
are imported with the single-file importer (``run.import_draft``), so they
are checked and written exactly as `invoke import-article` writes them.
Every old address of an imported article goes to ``content/data/
redirects.yml`` (the build publishes them as redirects, see the
``redirects`` plugin). A run that stopped can be run again: what an earlier
run wrote, unchanged, is recognised and not written twice. The run ends with
a review report (HTML and CSV) listing every page, what needs the editor
first.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from portal.diagnostics import ERROR, WARNING, display_path
from portal.source import DATE_HINT, parse_date
from vn_text import match_key, nfc

from . import entities_link
from .model import Draft, ImporterError, Text, error
from .run import Options, Outcome, Run, import_draft, read_source

PAGE_SUFFIXES = (".html", ".htm", ".aspx", ".asp", ".php", ".jsp", ".shtml")
REDIRECTS = Path("data/redirects.yml")
# Fewer prose characters than this, and a page is not an article.
MIN_BODY = 200
# This many links with a title-long text in the body: a list of articles.
LIST_LINKS = 3
WAYBACK_PATH = re.compile(r"^web/\d{4,14}(?:[a-z]{2}_)?/(?:https?:/+)?", re.IGNORECASE)
HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$", re.IGNORECASE)

IMPORTED, REVIEW, SKIPPED, DUPLICATE, FAILED = (
    "đã nhập", "cần xem lại", "bỏ qua", "trùng bài khác", "lỗi")
# The editor starts with what needs them most.
PRIORITY = {FAILED: 0, REVIEW: 1, SKIPPED: 2, DUPLICATE: 3, IMPORTED: 4}


@dataclass
class SiteOptions:
    content: Path
    since: str | None = None
    dry_run: bool = False
    force: bool = False
    category: str | None = None
    workers: int = 0  # 0: one per core
    report: Path | None = None  # folder of the report


@dataclass
class Entry:
    """One page of the mirror, as the report shows it."""

    page: str
    address: str
    status: str = SKIPPED
    reason: str = ""
    title: str = ""
    article: str = ""
    doubts: list[str] = field(default_factory=list)

    def sort_key(self):
        return (PRIORITY[self.status], -len(self.doubts), self.page)


def run_site(mirror: str | Path, options: SiteOptions,
             out: Callable[[str], None] = print,
             progress: Callable[[int, int], None] | None = None) -> int:
    mirror = Path(mirror)
    if not mirror.is_dir():
        out(error(mirror, None, "không tìm thấy thư mục bản sao của cổng cũ",
                  "hãy chỉ đến thư mục đã tải bằng wget, HTTrack hoặc Wayback")
            .format())
        return 1
    since = parse_date(options.since) if options.since else None
    if options.since and since is None:
        out(error(mirror, None, f"không đọc được ngày '{options.since}' của --since",
                  DATE_HINT).format())
        return 1
    pages = discover(mirror)
    progress = progress or _bar
    drafts = read_all(pages, options.workers, progress)
    state = Run(Options(content=options.content, category=options.category,
                        dry_run=options.dry_run, force=options.force),
                batch=True, out=lambda _line: None, same_again=True,
                detector=entities_link.Detector(options.content))
    redirects = load_redirects(options.content)
    seen: dict[str, Entry] = {}
    entries = []
    for page, draft in zip(pages, drafts, strict=True):
        entry = Entry(page.relative_to(mirror).as_posix(), old_address(page, mirror))
        if isinstance(draft, Draft) and draft.address:
            # HTTrack renames pages ("ChiTiet4d2a.html") but says where from.
            parts = urlsplit(draft.address)
            entry.address = parts.path + (f"?{parts.query}" if parts.query else "")
        entries.append(entry)
        _one_page(entry, draft, state, seen, since, redirects)
        if entry.article:
            _redirect(redirects, entry)
    if not options.dry_run:
        write_redirects(options.content, redirects)
    folder = options.report or options.content.resolve().parent / ".cache/import-site"
    written = write_report(folder, entries)
    _summary(entries, options, written, out)
    return 1 if any(e.status == FAILED for e in entries) else 0


def _redirect(redirects: dict[str, str], entry: Entry) -> None:
    known = redirects.get(entry.address)
    if known and known != entry.article:
        # Its article is gone (else the page was left alone, see _one_page).
        entry.doubts.append(f"redirects.yml chuyển địa chỉ này đến {known}, tệp "
                            "không còn: đã thay")
        if entry.status == IMPORTED:
            entry.status = REVIEW
    redirects[entry.address] = entry.article


def _one_page(entry: Entry, draft: Draft | list, state: Run,
              seen: dict[str, Entry], since: datetime | None,
              redirects: dict[str, str]) -> None:
    if isinstance(draft, list):  # the page could not be read as an article
        entry.reason = "; ".join(p.message for p in draft)
        return
    entry.title = draft.title or ""
    reason = _not_an_article(draft)
    if reason:
        entry.reason = reason
        return
    if draft.date is None:
        entry.status, entry.reason = REVIEW, "không tìm thấy ngày đăng: chưa nhập"
        return
    if since and draft.date < since:
        entry.reason = f"đăng ngày {draft.date:%d/%m/%Y}, trước --since"
        return
    key = fingerprint(draft)
    if key in seen:
        first = seen[key]
        entry.status, entry.article = DUPLICATE, first.article
        entry.reason = f"cùng bài với {first.page}"
        return
    seen[key] = entry
    known = redirects.get(entry.address)
    if known and (state.options.content / known).is_file() and not state.options.force:
        # Imported by an earlier run (maybe edited since), or sent elsewhere
        # by the editor: left alone.
        entry.status, entry.article = IMPORTED, known
        entry.reason = "đã có từ lần chạy trước"
        state.planned_paths.add(state.options.content / known)
        return
    outcome = import_draft(draft, state, Outcome(draft.source))
    if not outcome.imported:
        entry.status = FAILED
        entry.reason = "; ".join(p.message for p in outcome.problems
                                 if p.level == ERROR)
        return
    content = state.options.content
    entry.article = outcome.target.relative_to(content).as_posix()
    entry.status = IMPORTED
    entry.reason = "đã có từ lần chạy trước" if outcome.again else ""
    entry.doubts = _doubts(draft, outcome)
    if entry.doubts:
        entry.status = REVIEW


def _not_an_article(draft: Draft) -> str:
    prose = sum(len(b.plain) for b in draft.blocks if isinstance(b, Text))
    if draft.title_links >= LIST_LINKS:
        return f"trang danh sách tin ({draft.title_links} liên kết đến bài khác)"
    if prose < MIN_BODY and not draft.photos:
        return "trang không có nội dung bài viết (trang điều hướng?)"
    if not draft.title:
        return "không tìm thấy tiêu đề"
    return ""


def _doubts(draft: Draft, outcome: Outcome) -> list[str]:
    doubts = []
    if draft.title_guessed:
        doubts.append("tiêu đề đoán từ <title>")
    if draft.date_outside:
        doubts.append("ngày lấy ngoài bài viết")
    missing = sum("chưa có tệp" in p.message for p in outcome.problems)
    if missing:
        doubts.append(f"thiếu {missing} ảnh")
    others = [p.message for p in outcome.problems
              if p.level == WARNING and "chưa có tệp" not in p.message]
    doubts.extend(others)
    prose = sum(len(b.plain) for b in draft.blocks if isinstance(b, Text))
    if prose < MIN_BODY:
        doubts.append("bài rất ngắn")
    return doubts


def fingerprint(draft: Draft) -> str:
    """The same article under several addresses reads the same: title, day
    and the start of its text."""
    body = " ".join(b.plain for b in draft.blocks if isinstance(b, Text))
    return "|".join([match_key(draft.title or ""), f"{draft.date:%Y-%m-%d}",
                     match_key(body)[:300]])


# --- the pages ------------------------------------------------------------------

def discover(mirror: Path) -> list[Path]:
    """Every page of the mirror, in a stable order (HTTrack's own files
    and the pages' "_files" folders left out). Wayback snapshots come last:
    of an article saved both ways, the live site's copy, which has its
    photos, is the one imported."""
    found = []
    for folder, dirs, files in os.walk(mirror):
        dirs[:] = sorted(d for d in dirs if not d.endswith("_files")
                         and not d.startswith((".", "hts-")))
        for name in sorted(files):
            if (name.lower().endswith(PAGE_SUFFIXES) or ".php?" in name
                    or ".aspx?" in name) and not name.startswith("hts-"):
                found.append(Path(folder) / name)
    return sorted(found, key=lambda page: bool(
        WAYBACK_PATH.match(_drop_host(page.relative_to(mirror).as_posix()))))


def old_address(page: Path, mirror: Path) -> str:
    """The address the page had on the old portal, from its place in the
    mirror: the host's folder and the Wayback Machine's /web/<time>/ go."""
    rel = _drop_host(page.relative_to(mirror).as_posix())
    rel = _drop_host(WAYBACK_PATH.sub("", rel))
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    # wget --adjust-extension: "ChiTiet.aspx?ItemID=5.html".
    rel = re.sub(r"(\?[^/]*)\.html?$", r"\1", rel)
    return nfc("/" + rel)


def _drop_host(rel: str) -> str:
    first, _, rest = rel.partition("/")
    return rest if rest and HOST.match(first) else rel


def read_all(pages: list[Path], workers: int,
             progress: Callable[[int, int], None]) -> list[Draft | list]:
    """Each page read as an article (a Draft) or the problems that say why
    it is none, in the order of ``pages``."""
    workers = workers or min(os.cpu_count() or 1, 4)
    results: list[Draft | list] = []
    if workers == 1 or len(pages) < 8:
        for done, page in enumerate(pages, start=1):
            results.append(_read(page))
            progress(done, len(pages))
        return results
    with ProcessPoolExecutor(workers) as pool:
        for done, result in enumerate(pool.map(_read, pages, chunksize=8), start=1):
            results.append(result)
            progress(done, len(pages))
    return results


def _read(page: Path) -> Draft | list:
    try:
        return read_source(page)
    except ImporterError as failure:
        return failure.problems
    except Exception as failure:  # one broken page never stops the migration
        return [error(page, None, f"không đọc được trang ({type(failure).__name__})")]


def _bar(done: int, total: int) -> None:
    """A progress bar on the terminal (nothing when output is a file)."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rĐọc trang: [{'#' * filled}{'.' * (width - filled)}] "
                     f"{done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


# --- redirects.yml --------------------------------------------------------------

def load_redirects(content: Path) -> dict[str, str]:
    path = content / REDIRECTS
    if not path.is_file():
        return {}
    from redirects import read_entries  # the build's reading of the file

    entries, _ = read_entries(path)
    return {old: new for _, old, new in entries}


def write_redirects(content: Path, redirects: dict[str, str]) -> None:
    import yaml

    path = content / REDIRECTS
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Địa chỉ trên cổng cũ → bài trên cổng mới (invoke import-site ghi).",
             "# Bản dựng đăng các địa chỉ cũ thành trang chuyển hướng.", ""]
    for old in sorted(redirects):
        lines.append(yaml.safe_dump({nfc(old): nfc(redirects[old])},
                                    allow_unicode=True, width=1000).rstrip("\n"))
    tmp = path.with_name(f".{path.name}.importing")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


# --- the review report ------------------------------------------------------------

COLUMNS = ("trạng thái", "trang trong bản sao", "địa chỉ cũ", "tiêu đề", "bài mới",
           "lý do / điều cần xem")


def _row(entry: Entry) -> list[str]:
    note = "; ".join([entry.reason, *entry.doubts] if entry.reason else entry.doubts)
    return [entry.status, entry.page, entry.address, entry.title, entry.article, note]


def write_report(folder: Path, entries: list[Entry]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ordered = sorted(entries, key=Entry.sort_key)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_row(e) for e in ordered)
    csv_path = folder / "bao-cao-nhap.csv"
    csv_path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    counts = {status: sum(e.status == status for e in entries) for status in PRIORITY}
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in COLUMNS)
    rows = "\n".join(
        f"<tr class='{_css(e.status)}'>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in _row(e)) + "</tr>"
        for e in ordered)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    html_path = folder / "bao-cao-nhap.html"
    html_path.write_text(
        "<!doctype html>\n<html lang='vi'><head><meta charset='utf-8'>"
        "<title>Báo cáo nhập cổng cũ</title><style>"
        "body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}"
        ".loi{background:#fdd}.xem{background:#ffe9b3}.trung{color:#555}"
        "</style></head><body><h1>Báo cáo nhập cổng cũ</h1>"
        f"<p>{len(entries)} trang: {html.escape(summary)}. Những trang cần biên tập "
        "viên xem trước được xếp lên đầu.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table>"
        "</body></html>\n", encoding="utf-8")
    return html_path, csv_path


def _css(status: str) -> str:
    return {FAILED: "loi", REVIEW: "xem", DUPLICATE: "trung"}.get(status, "")


def _summary(entries: list[Entry], options: SiteOptions, written, out) -> None:
    counts = {status: sum(e.status == status for e in entries) for status in PRIORITY}
    head = ("Chạy thử (--dry-run), chưa ghi bài nào" if options.dry_run
            else "Kết quả")
    out(f"{head}: {len(entries)} trang — {counts[IMPORTED]} bài đã nhập, "
        f"{counts[REVIEW]} cần xem lại, {counts[DUPLICATE]} trùng bài khác, "
        f"{counts[SKIPPED]} bỏ qua, {counts[FAILED]} lỗi.")
    if not options.dry_run:
        out(f"Địa chỉ cũ: {display_path(str(options.content / REDIRECTS))}")
    out(f"Báo cáo: {display_path(str(written[0]))} và {display_path(str(written[1]))}")
