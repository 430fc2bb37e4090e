"""A dev build whose output folder is read-only or on a full disk stops with
a Vietnamese message instead of a traceback, and leaves no page cut short;
the next build, once there is room, brings every page up to date. Real
conditions: the output is a read-only bind mount or a small tmpfs, in a
mount namespace of the test's own."""

from __future__ import annotations

import shlex
import sys

from test_build import article, hashes
from test_safety_publish import in_namespace


def two_articles(site):
    site.write("articles/2025/03/a.md", article(title="Bài A"))
    site.write("articles/2025/03/b.md", article(title="Bài B",
                                                date="2025-03-02 08:00"))


def pelican(site) -> str:
    return shlex.join([sys.executable, "-m", "pelican", "--settings",
                       str(site.root / "conf-output.py")])


def test_read_only_output(site):
    two_articles(site)
    assert site.build().returncode == 0
    before = hashes(site.root / "output")
    site.write("articles/2025/03/a.md", article(title="Bài A đã sửa"))
    out = shlex.quote(str(site.root / "output"))
    proc = in_namespace(f"mount --bind {out} {out}\nmount -o remount,bind,ro {out}\n"
                        f"{pelican(site)} 2>&1 || echo FAILED", site.root, None)
    log = " ".join(proc.stdout.split())
    assert "FAILED" in log and "Traceback" not in log, log
    assert "Không ghi được bản dựng: ổ đĩa chỉ cho đọc" in log
    assert "hãy giải phóng chỗ trống hoặc cấp quyền ghi, rồi dựng lại" in log
    assert hashes(site.root / "output") == before


def test_full_disk_leaves_whole_pages_and_the_next_build_catches_up(site):
    two_articles(site)
    assert site.build().returncode == 0
    site.write("articles/2025/03/a.md", article(title="Bài A đã sửa",
                                                body="Nội dung mới. " * 2000))
    out, keep = (shlex.quote(str(site.root / name)) for name in ("output", "kept"))
    proc = in_namespace(
        f"mkdir -p {keep}\ncp -a {out} {keep}/before\n"
        f"mount -t tmpfs -o size=40m tmpfs {out}\ncp -a {keep}/before/. {out}\n"
        f"dd if=/dev/zero of={out}/.day bs=64k 2>/dev/null || true\n"
        f"{pelican(site)} > {keep}/full.log 2>&1 || echo FAILED\n"
        f"cp -a {out} {keep}/full\nrm {out}/.day\n"
        f"{pelican(site)} > {keep}/retry.log 2>&1 && echo RETRIED\n"
        f"cp -a {out} {keep}/retry\n", site.root, None)
    kept = site.root / "kept"
    full = " ".join((kept / "full.log").read_text("utf-8").split())
    assert "FAILED" in proc.stdout and "Traceback" not in full, full
    assert "Không ghi được bản dựng: ổ đĩa đã đầy" in full
    for page in (kept / "full").rglob("*.html"):
        assert page.read_text("utf-8").rstrip().endswith("</html>"), page
    assert not [p for p in (kept / "full").rglob(".*") if p.name != ".day"]

    assert "RETRIED" in proc.stdout, (kept / "retry.log").read_text("utf-8")
    retried = (kept / "retry/tin-tuc/2025/03/a/index.html").read_text("utf-8")
    assert "Bài A đã sửa" in retried
